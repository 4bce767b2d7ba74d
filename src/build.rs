//! The pipeline, top to bottom: load → parse → extract → graph → render →
//! write. Each stage takes what the previous one produced and the
//! configuration, explicitly.

use crate::bodies::Registry;
use crate::build_date;
use crate::config::Config;
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::diag::{Located, Severity};
use crate::graph::Graph;
use crate::lazytext::LazyText;
use crate::load::{self, Source};
use crate::memo::{Memo, ReadMemo};
use crate::model::Document;
use crate::outfile::OutFile;
use crate::parse;
use crate::progress::Progress;
use crate::readcache::{self, ReadCache};
use crate::render::{Renderer, reuse, search, theme};
use crate::unchanged;
use crate::withhold::{self, Withheld};
use anyhow::{Result, bail};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// Options of one build.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub out: PathBuf,
    /// The build date; None: see [`build_date`].
    pub today: Option<Date>,
    pub drafts: bool,
    /// The commit whose extracted tree `root` is (`kehoach publish`): the
    /// build date is read from it, as a checkout of it would give.
    pub commit: Option<build_date::Commit>,
    /// Read and write the read cache beside the output (see `readcache`);
    /// false: `build --no-cache`.
    pub read_cache: bool,
}

impl Options {
    /// What the record of the last build (`unchanged`) knows this build
    /// by, run by the program `program`.
    pub(crate) fn recorded_as(&self, program: u128) -> unchanged::Build<'_> {
        unchanged::Build {
            program,
            root: &self.root,
            out: &self.out,
            today: self.today,
            drafts: self.drafts,
            commit: self.commit.as_ref(),
        }
    }
}

/// What a build did, for the summary line.
#[derive(Clone, Debug)]
pub struct Report {
    pub documents: usize,
    pub items: usize,
    pub cited_only: usize,
    pub withheld: usize,
    pub publish: crate::publish::Stats,
    pub today: Date,
    pub today_from: build_date::From,
    pub warnings: Vec<Located>,
    /// How much of the reading earlier builds saved.
    pub read: readcache::Use,
    /// The work kept from the last build (see `kept`): "search index",
    /// "N pages" (see `render::reuse`).
    pub kept: Vec<String>,
    pub timings: Vec<(&'static str, Duration)>,
}

impl Report {
    /// The summary line's counts, as `build` and `serve` print them:
    /// "N documents, … (N written, N unchanged, N removed); build date D
    /// from …; N warning(s); N sources parsed, N read before".
    pub fn summary(&self) -> String {
        let p = &self.publish;
        let mut line = format!(
            "{} documents, {} propaganda items, {} cited-only documents ({} kept out: see kehoach check): {} files ({} written, {} unchanged, {} removed); build date {} from {}; {} warning(s); {} sources parsed, {} read before",
            self.documents,
            self.items,
            self.cited_only,
            self.withheld,
            p.files,
            p.written,
            p.unchanged,
            p.removed,
            self.today,
            self.today_from,
            self.warnings.len(),
            self.read.parsed,
            self.read.reused,
        );
        for k in &self.kept {
            line.push_str(&format!(", {k} kept"));
        }
        if let Some(note) = &self.read.note {
            line.push_str(" (");
            line.push_str(note);
            line.push(')');
        }
        line
    }
}

/// The site read: its graph, what was kept out, and the newest change of
/// what is published.
pub struct Site {
    pub graph: Graph,
    /// Files published as they are: attachments of published documents
    /// (in their page's folder) and `static/` (at the site's root).
    pub assets: Vec<OutFile>,
    pub withheld: Vec<Withheld>,
    pub latest_change: Option<SystemTime>,
    /// The modification time of each published document's source, and the
    /// newest of the other published sources (configuration, registry,
    /// items): `latest_change` is the newest of them all.
    pub mtimes: HashMap<PathBuf, Option<SystemTime>>,
    pub latest_rest: Option<SystemTime>,
    /// Every file read from `content/` and `static/`, relative to the root.
    pub inputs: HashSet<PathBuf>,
    /// How much of the reading was reused.
    pub read: readcache::Use,
    /// The read cache entries this site's sources have (see
    /// [`ReadCache::finish`]).
    pub cache_keys: HashSet<u128>,
    /// What was read of each document's source, for the record (see
    /// `unchanged::known`); empty without the read cache.
    pub read_sources: Vec<unchanged::Read>,
    /// How long loading, parsing (extraction) and the graph took.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Where a build finds what earlier builds read: the memo of this process
/// (`serve`), then the read cache on disk.
#[derive(Clone, Copy, Default)]
pub struct Reuse<'a> {
    pub memo: Option<&'a ReadMemo>,
    pub cache: Option<&'a ReadCache>,
    /// Documents' sources not to read: what the last build read of them
    /// stands (their facts in `cache`, their texts read when asked for).
    pub known: Option<&'a HashMap<PathBuf, unchanged::Known>>,
}

/// The memo of one kind of source, and the read cache.
type Earlier<'a, T> = (
    Option<&'a Memo<Result<T, Diagnostic>>>,
    Option<&'a ReadCache>,
);

/// What parsing counts: sources reused and parsed, the read cache keys
/// this build used, and the progress line's steps.
struct Tally<'a> {
    used: &'a mut readcache::Use,
    keys: &'a mut HashSet<u128>,
    progress: &'a Progress,
}

/// Parses sources in parallel; failures join `errors` with their file. A
/// source read before with the same path and text is not parsed again: it
/// is taken from the memo (which then keeps this build's results only),
/// else from the read cache (which gets what was parsed); `used` counts
/// both and collects the cache keys this build used.
fn parse_all<T: Send + Sync + Clone + readcache::Sourced>(
    sources: &[Source],
    parse: fn(&Source) -> Result<T, Diagnostic>,
    what: readcache::What,
    errors: &mut Vec<Located>,
    (memo, cache): Earlier<'_, T>,
    Tally {
        used,
        keys,
        progress,
    }: &mut Tally,
) -> Vec<(T, Option<SystemTime>, Option<u128>)> {
    // The earlier results, out of the memo while this build reads them
    // (shared by the threads without a lock); each result is copied once:
    // to this build on a hit, to the memo on a miss.
    let mut earlier = memo.map(Memo::take).unwrap_or_default();
    struct Parsed<T> {
        /// memo::key of the source, and the cache's key for it.
        key: u128,
        cache_key: Option<u128>,
        result: Result<T, Diagnostic>,
        mtime: Option<SystemTime>,
        /// Taken from the memo; else read from the cache; else parsed.
        from_memo: bool,
        from_cache: bool,
    }
    let parsed: Vec<Parsed<T>> = sources
        .par_iter()
        .map(|s| {
            let key = if memo.is_some() || cache.is_some() {
                crate::memo::key(&s.path, &s.text)
            } else {
                0
            };
            let cache_key = cache.map(|c| c.key(what, key));
            let mut p = Parsed {
                key,
                cache_key,
                result: Err(Diagnostic::error(0, String::new())),
                mtime: s.mtime,
                from_memo: false,
                from_cache: false,
            };
            if let Some(r) = memo.and_then(|_| earlier.get(&key)) {
                p.result = r.clone();
                p.from_memo = true;
            } else if let Some(r) = cache
                .zip(cache_key)
                .and_then(|(c, k)| c.get_hashed::<Result<T, Diagnostic>>(k))
                .and_then(|(mut r, facts)| match &mut r {
                    Ok(t) => {
                        t.set_facts(facts);
                        t.restore(s.path.clone(), &s.text).then_some(r)
                    }
                    Err(_) => Some(r),
                })
            {
                p.result = r;
                p.from_cache = true;
            } else {
                p.result = parse(s);
                if let Some((c, k)) = cache.zip(cache_key) {
                    let facts = c.put(k, &p.result);
                    if let Ok(t) = &mut p.result {
                        t.set_facts(facts);
                    }
                }
            }
            progress.tick();
            p
        })
        .collect();
    for p in &parsed {
        if p.from_memo || p.from_cache {
            used.reused += 1;
        } else {
            used.parsed += 1;
        }
        keys.extend(p.cache_key);
    }
    if let Some(m) = memo {
        m.replace(
            parsed
                .iter()
                .filter_map(|p| {
                    let kept = if p.from_memo {
                        earlier.remove(&p.key)?
                    } else {
                        p.result.clone()
                    };
                    Some((p.key, kept))
                })
                .collect(),
        );
    }
    let mut ok = Vec::with_capacity(parsed.len());
    for (p, s) in parsed.into_iter().zip(sources) {
        match p.result {
            Ok(t) => ok.push((t, p.mtime, p.cache_key)),
            Err(diag) => errors.push(Located {
                file: s.path.clone(),
                diag,
            }),
        }
    }
    ok
}

/// The plans not read (`unchanged::known`): each its facts from the read
/// cache, its text left in its source (`LazyText`); one whose entry is gone
/// comes back as an error, to be read and parsed after all.
type Recalled = Result<(Document, unchanged::Known), (PathBuf, unchanged::Known)>;

fn recall(
    root: &Path,
    unread: Vec<(PathBuf, unchanged::Known)>,
    cache: Option<&ReadCache>,
    progress: &Progress,
) -> Vec<Recalled> {
    unread
        .into_par_iter()
        .map(|(path, k)| {
            let entry =
                cache.and_then(|c| c.get_hashed::<Result<Document, Diagnostic>>(k.cache_key));
            progress.tick();
            match entry {
                Some((Ok(mut d), facts)) => {
                    d.facts = Some(facts);
                    d.body = LazyText::unread(root.join(&path), k.text, k.len);
                    d.path = path;
                    Ok((d, k))
                }
                _ => Err((path, k)),
            }
        })
        .collect()
}

/// Reads and parses the whole site into its graph; errors stop here.
/// Documents and items that may not be published (`withhold`) are set
/// apart before the graph is built, so nothing downstream can show them.
pub fn read_site(root: &Path, config: &Config, drafts: bool) -> Result<Site> {
    read_site_with(root, config, drafts, Reuse::default(), &Progress::default())
}

/// [`read_site`], with what earlier builds read.
pub fn read_site_with(
    root: &Path,
    config: &Config,
    drafts: bool,
    reuse: Reuse,
    progress: &Progress,
) -> Result<Site> {
    let t = Instant::now();
    let mut timings = Vec::new();
    let no_known = HashMap::new();
    let (mut sources, mut errors) = load::load_knowing(root, reuse.known.unwrap_or(&no_known))?;
    let inputs: HashSet<PathBuf> = sources
        .plans
        .iter()
        .chain(&sources.propaganda)
        .chain(&sources.bodies)
        .map(|s| s.path.clone())
        .chain(sources.unread.iter().map(|(p, _)| p.clone()))
        .chain(
            sources
                .attachments
                .iter()
                .chain(&sources.statics)
                .map(|a| a.path.clone()),
        )
        .collect();
    progress.stage(
        crate::progress::Stage::Reading,
        sources.plans.len() + sources.unread.len() + sources.propaganda.len(),
    );
    timings.push(("  load", t.elapsed()));
    let t = Instant::now();
    // A file with no text and no front matter key is no document: a warning
    // at its first line, and no page.
    let mut blank = Vec::new();
    let mut keep_filled = |v: Vec<Source>| -> Vec<Source> {
        let (empty, filled): (Vec<_>, Vec<_>) = v
            .into_iter()
            .partition(|s| crate::frontmatter::is_blank(&s.text));
        blank.extend(empty.into_iter().map(|s| Located {
            file: s.path,
            diag: crate::diag::Diagnostic::warning(
                1,
                "has no text: it is not a document and gets no page; write its text, or remove the file",
            ),
        }));
        filled
    };
    let mut plans = keep_filled(std::mem::take(&mut sources.plans));
    let props = keep_filled(std::mem::take(&mut sources.propaganda));
    let bodies = match &sources.bodies {
        Some(src) => Registry::parse(&src.text).unwrap_or_else(|ds| {
            errors.extend(ds.into_iter().map(|diag| Located {
                file: src.path.clone(),
                diag,
            }));
            Registry::default()
        }),
        None => Registry::default(),
    };
    let mut latest = sources
        .config_mtime
        .max(sources.bodies.as_ref().and_then(|b| b.mtime));
    let mut withheld = Vec::new();
    let mut ok_docs = Vec::new();
    let mut mtimes = HashMap::new();
    let mut used = readcache::Use::default();
    let mut keys = HashSet::new();
    let mut tally = Tally {
        used: &mut used,
        keys: &mut keys,
        progress,
    };
    let recalled = recall(
        root,
        std::mem::take(&mut sources.unread),
        reuse.cache,
        progress,
    );
    let mut docs = Vec::with_capacity(recalled.len() + plans.len());
    for r in recalled {
        match r {
            Ok((d, k)) => {
                tally.used.reused += 1;
                tally.used.unread += 1;
                tally.keys.insert(k.cache_key);
                docs.push((d, k.mtime, Some(k.cache_key)));
            }
            Err((path, k)) => match load::read_text(&root.join(&path)) {
                Ok(text) => plans.push(Source {
                    path,
                    text,
                    mtime: k.mtime,
                }),
                Err(diag) => errors.push(Located { file: path, diag }),
            },
        }
    }
    docs.extend(parse_all(
        &plans,
        parse::document,
        readcache::What::Document,
        &mut errors,
        (reuse.memo.map(|m| &m.docs), reuse.cache),
        &mut tally,
    ));
    // In the order of their paths, as loading lists them.
    docs.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut read_sources = Vec::new();
    for (d, mtime, cache_key) in docs {
        if let Some(cache_key) = cache_key {
            read_sources.push(unchanged::Read {
                path: d.path.to_string_lossy().into_owned(),
                cache_key,
                text: d.body.hash(),
                len: d.body.len() as u64,
            });
        }
        match withhold::reason(&d.marks, d.draft, config, drafts) {
            Some((reason, line)) => withheld.push(Withheld {
                path: d.path,
                reason,
                line,
                number: d.meta.number,
                date: d.meta.date,
            }),
            None => {
                mtimes.insert(d.path.clone(), mtime);
                ok_docs.push(d);
            }
        }
    }
    let mut ok_items = Vec::new();
    let items = parse_all(
        &props,
        parse::item,
        readcache::What::Item,
        &mut errors,
        (reuse.memo.map(|m| &m.items), reuse.cache),
        &mut tally,
    );
    for (it, mtime, _) in items {
        match withhold::reason(&it.marks, it.draft, config, drafts) {
            Some((reason, line)) => withheld.push(Withheld {
                path: it.path,
                reason,
                line,
                number: None,
                date: it.date,
            }),
            None => {
                latest = latest.max(mtime);
                ok_items.push(it);
            }
        }
    }
    let mut urls: Vec<(&str, &Path)> = ok_docs
        .iter()
        .map(|d| (d.url.as_str(), d.path.as_path()))
        .collect();
    urls.extend(ok_items.iter().map(|i| (i.url.as_str(), i.path.as_path())));
    urls.sort();
    for w in urls.windows(2) {
        if w[0].0 == w[1].0 {
            errors.push(Located {
                file: w[1].1.to_path_buf(),
                diag: crate::diag::Diagnostic::error(
                    0,
                    format!(
                        "has the same page address ({}) as {}: rename one of the two files",
                        w[0].0,
                        w[0].1.display()
                    ),
                ),
            });
        }
    }
    errors.sort_by(|a, b| (&a.file, a.diag.line).cmp(&(&b.file, b.diag.line)));
    if !errors.is_empty() {
        let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        bail!(
            "{} error(s); nothing was published:\n{}",
            errors.len(),
            list.join("\n")
        );
    }
    withheld.sort_by(|a, b| a.path.cmp(&b.path));
    let (mut assets, asset_warnings) = attach(
        std::mem::take(&mut sources.attachments),
        &mut ok_docs,
        &withheld,
    );
    for a in std::mem::take(&mut sources.statics) {
        let rel = a.path.strip_prefix("static").unwrap_or(&a.path);
        assets.push(OutFile {
            path: rel.to_string_lossy().replace('\\', "/"),
            bytes: a.bytes,
        });
    }
    timings.push(("  parse", t.elapsed()));
    let t = Instant::now();
    progress.stage(crate::progress::Stage::Linking, 0);
    let mut graph = Graph::build(ok_docs, ok_items, bodies, &withheld);
    graph.diagnostics.extend(asset_warnings);
    graph.diagnostics.extend(blank);
    timings.push(("  graph", t.elapsed()));
    let latest_rest = latest;
    let latest = mtimes.values().copied().fold(latest, Option::max);
    Ok(Site {
        graph,
        assets,
        withheld,
        latest_change: latest,
        mtimes,
        latest_rest,
        inputs,
        read: used,
        cache_keys: keys,
        read_sources,
        timings,
    })
}

/// All warnings of a graph: per document, then the graph's own, sorted.
/// Gives each document the files beside it named after it: `x.md` takes
/// `x.pdf` and `x.<anything>.<ext>` of its folder. They are published in
/// its page's folder; those of a document kept out are kept out with it;
/// one named after no document is not published, with a warning saying
/// how to name it.
fn attach(
    files: Vec<load::Asset>,
    docs: &mut [crate::model::Document],
    withheld: &[Withheld],
) -> (Vec<OutFile>, Vec<Located>) {
    use std::collections::HashMap;
    // (folder, stem) → document; withheld documents map to None.
    let mut owner: HashMap<(PathBuf, String), Option<usize>> = HashMap::new();
    let key = |p: &Path| {
        (
            p.parent().map(Path::to_path_buf).unwrap_or_default(),
            p.file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default(),
        )
    };
    for (i, d) in docs.iter().enumerate() {
        owner.insert(key(&d.path), Some(i));
    }
    for w in withheld {
        owner.entry(key(&w.path)).or_insert(None);
    }
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for f in files {
        let name = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let dir = f.path.parent().map(Path::to_path_buf).unwrap_or_default();
        // "x.pdf", then "x.phu-luc.xlsx" (the stem up to each dot).
        let found = name
            .match_indices('.')
            .map(|(at, _)| &name[..at])
            .find_map(|stem| owner.get(&(dir.clone(), stem.to_string())).copied());
        // Pages and scripts are not attachments: they would run on the
        // portal as its own pages do (sources' raw HTML is shown as text).
        let active = f
            .path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .is_some_and(|e| {
                matches!(
                    e.as_str(),
                    "html" | "htm" | "xhtml" | "shtml" | "svg" | "js" | "mjs" | "xml" | "xsl"
                )
            });
        if active && matches!(found, Some(Some(_))) {
            warnings.push(Located {
                file: f.path.clone(),
                diag: Diagnostic::warning(
                    0,
                    "is a web page, picture or script that would run on the portal, so it is not published as an attachment: convert it to PDF",
                ),
            });
            continue;
        }
        match found {
            Some(Some(i)) => {
                docs[i].attachments.push(crate::model::Attachment {
                    name: name.clone(),
                    size: f.bytes.len(),
                });
                out.push(OutFile {
                    path: format!("{}{name}", docs[i].url),
                    bytes: f.bytes,
                });
            }
            Some(None) => {}
            None => warnings.push(Located {
                file: f.path.clone(),
                diag: Diagnostic::warning(
                    0,
                    "is named after no document of its folder, so it is not published: name it after the plan it belongs to (12-kh-tw.md takes 12-kh-tw.pdf and 12-kh-tw.phu-luc.xlsx)",
                ),
            }),
        }
    }
    for d in docs.iter_mut() {
        d.attachments.sort_by(|a, b| a.name.cmp(&b.name));
    }
    (out, warnings)
}

pub fn warnings(g: &Graph) -> Vec<Located> {
    let mut w: Vec<Located> = g
        .docs
        .iter()
        .flat_map(|d| {
            d.diagnostics.iter().map(|diag| Located {
                file: d.path.clone(),
                diag: diag.clone(),
            })
        })
        .chain(g.items.iter().flat_map(|i| {
            i.diagnostics.iter().map(|diag| Located {
                file: i.path.clone(),
                diag: diag.clone(),
            })
        }))
        .chain(g.diagnostics.iter().cloned())
        .filter(|l| l.diag.severity == Severity::Warning)
        .collect();
    w.sort_by(|a, b| {
        (&a.file, a.diag.line, &a.diag.message).cmp(&(&b.file, b.diag.line, &b.diag.message))
    });
    w
}

/// Two files at one address: an error naming the address (the checks of
/// `parse` and `paths` keep sources from it; this is the last guard).
fn check_unique(paths: &[&str]) -> Result<()> {
    let dup: Vec<&str> = paths
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    if !dup.is_empty() {
        bail!(
            "two pages would be written to the same address: {}; nothing was published (rename the source whose page address this is)",
            dup.join(", ")
        );
    }
    Ok(())
}

impl Report {
    /// The report of a build that found nothing changed (`unchanged`).
    fn unchanged(s: unchanged::Summary) -> Report {
        let files = s.files;
        let sources = s.sources;
        Report::recorded(
            s,
            crate::publish::Stats {
                files,
                written: 0,
                unchanged: files,
                removed: 0,
                fallback: false,
            },
            readcache::Use {
                reused: sources,
                parsed: 0,
                unread: 0,
                note: Some("nothing changed since the last build".into()),
            },
        )
    }

    /// The report of a build whose site is the last one's as `s` sums it
    /// up, with what it published and read.
    pub(crate) fn recorded(
        s: unchanged::Summary,
        publish: crate::publish::Stats,
        read: readcache::Use,
    ) -> Report {
        Report {
            documents: s.documents,
            items: s.items,
            cited_only: s.cited_only,
            withheld: s.withheld,
            publish,
            today: s.today,
            today_from: s.today_from,
            warnings: s.warnings,
            read,
            kept: Vec::new(),
            timings: Vec::new(),
        }
    }

    /// What `unchanged` keeps of this report.
    fn summary_kept(&self) -> unchanged::Summary {
        unchanged::Summary {
            documents: self.documents,
            items: self.items,
            cited_only: self.cited_only,
            withheld: self.withheld,
            files: self.publish.files,
            sources: self.read.parsed + self.read.reused,
            today: self.today,
            today_from: self.today_from.clone(),
            warnings: self.warnings.clone(),
        }
    }
}

/// The state a whole build leaves for the next build of the same process
/// (`serve`'s quick build, [`crate::warm`]): its inputs as read, its graph,
/// and what it published.
pub(crate) struct Last {
    pub opts: Options,
    pub config: Config,
    pub tera: tera::Tera,
    pub static_files: Vec<(String, String)>,
    pub default_task_row: bool,
    pub graph: Graph,
    pub tracking: crate::tracking::Tracking,
    /// The sources kept out of the site.
    pub excluded: Vec<PathBuf>,
    /// Each published document's source and its modification time, and the
    /// newest of the other published sources (see `build::Site`).
    pub mtimes: HashMap<PathBuf, Option<SystemTime>>,
    pub latest_rest: Option<SystemTime>,
    /// Every file read from `content/` and `static/`.
    pub inputs: HashSet<PathBuf>,
    /// Every published file, by path.
    pub listing: Vec<crate::outfile::Listed>,
    /// The record's pieces: the pages, and the search index.
    pub pages: crate::kept::Piece,
    /// The hashes the pages' inputs were made of.
    pub page_inputs: crate::render::inputs::Inputs,
    pub search: crate::kept::Piece,
    pub shards: usize,
    pub numbering: search::Numbering,
    /// The record's folder.
    pub record: PathBuf,
    pub report: Report,
}

/// Builds the site into `opts.out`.
pub fn build(opts: &Options) -> Result<Report> {
    build_with(opts, None)
}

/// [`build`], reusing what earlier builds of this process read (`serve`).
pub fn build_with(opts: &Options, memo: Option<&ReadMemo>) -> Result<Report> {
    build_observed(opts, memo, &Progress::default())
}

/// [`build_with`], counting what it does into `progress` (the progress
/// line: see [`crate::progress`]).
pub fn build_observed(
    opts: &Options,
    memo: Option<&ReadMemo>,
    progress: &Progress,
) -> Result<Report> {
    build_keeping(opts, memo, progress, None)
}

/// [`build_observed`]; with `keep`, what `serve`'s next build may start
/// from is left there ([`crate::warm`]).
pub(crate) fn build_keeping(
    opts: &Options,
    memo: Option<&ReadMemo>,
    progress: &Progress,
    keep: Option<&mut Option<Last>>,
) -> Result<Report> {
    let mut timings = Vec::new();
    let t = Instant::now();
    crate::paths::check_out(&opts.root, &opts.out)?;
    let mut cache_note = None;
    // The read cache's folder, the program's hash, this build's key and
    // the look at the inputs, when the cache is used: the record of the
    // last build lives beside the cache (see `unchanged`).
    let since = if opts.read_cache {
        readcache::folder(&opts.out)
            .and_then(|dir| Ok((dir, readcache::program()?)))
            .map_err(|e| cache_note = Some(format!("no read cache: {e:#}")))
            .ok()
            .map(|(dir, program)| (dir, program, unchanged::look(&opts.root)))
    } else {
        None
    };
    let this = |program| opts.recorded_as(program);
    if let Some((dir, program, Some(look))) = &since
        && let Some(s) = unchanged::unchanged(dir, &this(*program), look)
    {
        let mut report = Report::unchanged(s);
        report.timings.push(("unchanged", t.elapsed()));
        return Ok(report);
    }
    // Only documents' texts changed: their pages and search shards made
    // again from the record, without the rest (see `retext`). `serve` has
    // its own (`warm`).
    if let (Some((dir, program, Some(look))), None, None) = (&since, memo, &keep)
        && let Some(report) = crate::retext::build(opts, dir, *program, look, t)
    {
        return report;
    }
    let config = Config::load(&opts.root)?;
    let theme_files = theme::files(&opts.root, &config.theme)?;
    let tera = theme::tera(&theme_files, config.minify)?;
    let cache = since.as_ref().and_then(|(dir, program, _)| {
        ReadCache::open(dir, *program)
            .map_err(|e| cache_note = Some(format!("no read cache: {e:#}")))
            .ok()
    });
    // Without `serve`'s memo (which holds every text its quick builds
    // compare), sources the last build read and that did not change since
    // are not read (see `unchanged::known`).
    let known = match (&since, &cache, memo) {
        (Some((dir, program, Some(look))), Some(_), None) => {
            Some(unchanged::known(dir, &this(*program), look))
        }
        _ => None,
    };
    let mut site = read_site_with(
        &opts.root,
        &config,
        opts.drafts,
        Reuse {
            memo,
            cache: cache.as_ref(),
            known: known.as_ref(),
        },
        progress,
    )?;
    if cache_note.is_some() {
        site.read.note = cache_note;
    }
    let graph = site.graph;
    timings.push(("read", t.elapsed()));
    timings.extend(site.timings);

    let excluded: Vec<PathBuf> = site.withheld.iter().map(|w| w.path.clone()).collect();
    let (today, today_from) = build_date::decide(
        opts.today,
        &opts.root,
        opts.commit.as_ref(),
        &excluded,
        site.latest_change,
    );
    let t = Instant::now();
    let tracking = crate::tracking::Tracking::build(&graph, today, config.archive_after_years);
    timings.push(("tracking", t.elapsed()));
    let t = Instant::now();
    let default_task_row = config.minify
        && theme_files.iter().any(|(p, c)| {
            p == "templates/task.html"
                && theme::DEFAULT
                    .iter()
                    .any(|(dp, dc)| *dp == "templates/task.html" && dc == c)
        });
    let renderer = Renderer {
        default_task_row,
        config: &config,
        tera,
        static_files: theme_files,
        today,
        tracking: &tracking,
        progress,
        frames: Default::default(),
    };
    let kept_dir = match (&since, &cache) {
        (Some((dir, program, _)), Some(_)) => Some((dir.as_path(), *program)),
        _ => None,
    };
    let pieces = kept_dir
        .map(|(dir, _)| crate::kept::read(dir))
        .unwrap_or_default();
    let withheld = xxhash_rust::xxh3::xxh3_128(format!("{:?}", site.withheld).as_bytes());
    let earlier = || {
        kept_dir.map(|(_, program)| reuse::Earlier {
            pieces: &pieces,
            program,
            out: &opts.out,
        })
    };
    let pages = reuse::pages(&renderer, &graph, withheld, earlier())?;
    let mut files = pages.rendered;
    // Files the served tree holds already: kept pages, then the kept part
    // of the search index.
    let pages_kept = pages.kept.len();
    let mut kept_files = pages.kept;
    files.extend(site.assets);
    timings.push(("render", t.elapsed()));
    let t = Instant::now();
    progress.stage(crate::progress::Stage::Search, 0);
    let searched = reuse::search_index(&graph, earlier())?;
    let index = searched.index;
    let index_shards = index.shards;
    files.extend(index.files);
    kept_files.extend(index.kept);
    files.push(search::page(&renderer, index.shards, index.entries)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut paths: Vec<&str> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(kept_files.iter().map(|(p, _, _)| p.as_str()))
        .collect();
    paths.sort_unstable();
    check_unique(&paths)?;
    if let Some(map) = crate::render::data::sitemap(&config.base_url, &paths) {
        let at = files.partition_point(|f| f.path.as_str() < map.path.as_str());
        files.insert(at, map);
    }
    timings.push(("search", t.elapsed()));
    let t = Instant::now();
    progress.stage(
        crate::progress::Stage::Publishing,
        files.len() + kept_files.len(),
    );
    let stats = crate::publish::publish_keeping(&opts.out, &files, &kept_files)?;
    timings.push(("publish", t.elapsed()));
    let mut read = site.read;
    if let Some(c) = &cache {
        let t = Instant::now();
        let failed = c.finish(&site.cache_keys);
        if failed > 0 {
            read.note = Some(format!("{failed} read cache entries could not be written"));
        }
        timings.push(("cache", t.elapsed()));
    }
    let mut kept = Vec::new();
    if pages_kept > 0 {
        kept.push(format!("{pages_kept} pages"));
    }
    kept.extend(searched.kept);
    let report = Report {
        documents: graph.docs.len(),
        items: graph.items.len(),
        cited_only: graph.cited.len(),
        withheld: site.withheld.len(),
        publish: stats,
        today,
        today_from,
        warnings: warnings(&graph),
        read,
        kept,
        timings,
    };
    let pieces: Vec<crate::kept::Piece> = searched.piece.into_iter().chain(pages.piece).collect();
    if let Some((dir, _)) = kept_dir {
        crate::kept::write(dir, &pieces);
        if let (Some(inputs), [_, piece], Some(numbering)) =
            (&pages.inputs, &pieces[..], &searched.numbering)
        {
            crate::retext::record(dir, &renderer, &graph, inputs, piece, numbering);
        }
    }
    let kept_dir = kept_dir.map(|(dir, program)| (dir.to_path_buf(), program));
    if cache.is_some()
        && let Some((dir, program, Some(look))) = since
    {
        let facts = unchanged::Facts {
            look,
            excluded: &excluded,
            latest: site.latest_change,
            summary: report.summary_kept(),
            read: std::mem::take(&mut site.read_sources),
        };
        unchanged::write(&dir, &this(program), facts);
    }
    // Freeing a large graph (every document's facts and text, allocated
    // in many small pieces) takes a tenth of a second at 10,000 plans: a
    // thread of its own does it, so that the command ends (or `serve`
    // answers) without waiting for it.
    let Renderer {
        tera, static_files, ..
    } = renderer;
    if let (Some(keep), Some((dir, _)), Some(page_inputs)) = (keep, kept_dir, pages.inputs)
        && let [search_piece, pages_piece] = &pieces[..]
        && let Some(numbering) = searched.numbering
    {
        let mut listing = crate::publish::listing(&files);
        listing.extend(kept_files);
        listing.sort_unstable();
        *keep = Some(Last {
            opts: opts.clone(),
            config,
            tera,
            static_files,
            default_task_row,
            graph,
            tracking,
            excluded,
            mtimes: site.mtimes,
            latest_rest: site.latest_rest,
            inputs: site.inputs,
            listing,
            pages: pages_piece.clone(),
            page_inputs,
            search: search_piece.clone(),
            shards: index_shards,
            numbering,
            record: dir,
            report: report.clone(),
        });
        return Ok(report);
    }
    let _ = std::thread::Builder::new()
        .name("kehoach-free".into())
        .spawn(move || drop((graph, tracking)));
    Ok(report)
}
