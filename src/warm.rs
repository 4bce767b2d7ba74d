//! What `kehoach serve` keeps of its last build, and the build that needs
//! nothing more: when the watcher says that only some documents' sources
//! changed, and each of them reads as the same facts as before (its text
//! aside), the new site is the last one with those documents' pages and
//! the search shards holding their words made again.
//!
//! Why that is so: every page but a document's own reads only what
//! `render::inputs::Inputs::all` hashes (configuration, theme, build date,
//! every document's facts and path, items, registry, warnings, what was
//! kept out), and the graph and tracking are made from those facts and
//! the build date alone. A text-only edit changes none of them, so the
//! graph is the last one with the documents' texts put in, and the pages
//! and search files the last build recorded are this build's but for
//! those documents. The record (`kept`: the texts' hashes, and the hashes
//! of the inputs of the documents' pages) is brought up to date the same
//! way, so a build after this one (any build) finds it true.
//!
//! Anything else — a source that is new, gone, renamed or not a
//! published document, facts that read differently, a new build date, a
//! different shard count, a served tree that no longer holds what was
//! recorded, a changed path under `static/`, `themes/` or `config.toml`,
//! or a watcher that could not say what changed — makes a whole build
//! ([`crate::build`]), which leaves the state for the next one.
//!
//! *Invariant: after a quick build the published site is byte for byte the
//! one a whole build of the same sources makes (`tests/warm.rs`). The
//! quick build trusts the watcher's list of changed paths; a watcher
//! that cannot list them (an overflow, a rescan) makes a whole build.*

use crate::build::{self, Last, Options, Report};
use crate::kept::Piece;
use crate::lazytext::LazyText;
use crate::memo::ReadMemo;
use crate::outfile::{Listed, OutFile};
use crate::progress::Progress;
use crate::render::{Renderer, search};
use anyhow::Result;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

/// What the builds of one process keep: the parse results of every source
/// (see [`crate::memo`]) and the state the last whole or quick build left.
#[derive(Default)]
pub struct Warm {
    pub memo: ReadMemo,
    last: Option<Last>,
}

impl Warm {
    /// Builds `opts`'s site: quickly when `changed` (the paths the watcher
    /// saw change since the last build, absolute) are texts of documents
    /// whose facts read the same; else whole. None: the changes are not
    /// known.
    pub fn build(&mut self, opts: &Options, changed: Option<&BTreeSet<PathBuf>>) -> Result<Report> {
        let t = Instant::now();
        if let (Some(last), Some(changed)) = (self.last.as_mut(), changed)
            && format!("{:?}", last.opts) == format!("{opts:?}")
            && let Some(report) = quick(last, &self.memo, changed, t)
        {
            return report;
        }
        // Whatever was kept describes the site before: a failed build
        // leaves none, and the next build is whole.
        self.last = None;
        build::build_keeping(
            opts,
            Some(&self.memo),
            &Progress::default(),
            Some(&mut self.last),
        )
    }

    /// Whether a build's state is kept for the next one.
    pub fn is_warm(&self) -> bool {
        self.last.is_some()
    }
}

/// One changed document: its index in the graph, the text read and its
/// parse result.
struct Edit {
    index: usize,
    doc: crate::model::Document,
    key: u128,
    mtime: Option<SystemTime>,
}

/// The quick build; None when it cannot be (nothing was written, and a
/// whole build follows). Some(Err) when publishing failed.
fn quick(
    last: &mut Last,
    memo: &ReadMemo,
    changed: &BTreeSet<PathBuf>,
    t: Instant,
) -> Option<Result<Report>> {
    let root = &last.opts.root;
    let by_path: HashMap<&Path, usize> = last
        .graph
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.path.as_path(), i))
        .collect();
    let mut edits: Vec<Edit> = Vec::new();
    for p in changed {
        let rel = p.strip_prefix(root).ok()?;
        let Ok(meta) = std::fs::symlink_metadata(p) else {
            // Gone: nothing the site read (an editor's file that came and
            // went) changes nothing; else a whole build.
            if last.inputs.iter().any(|i| i.starts_with(rel)) {
                return None;
            }
            continue;
        };
        let index = *by_path.get(rel)?;
        if !meta.is_file() || edits.iter().any(|e| e.index == index) {
            return None;
        }
        let mtime = meta.modified().ok();
        let text = crate::load::read_text(p).ok()?;
        if crate::frontmatter::is_blank(&text) {
            return None;
        }
        let source = crate::load::Source {
            path: rel.to_path_buf(),
            text,
            mtime,
        };
        let key = crate::memo::key(&source.path, &source.text);
        let mut doc = crate::parse::document(&source).ok()?;
        // The facts as the last build read them: the memo's (before the
        // attachments were given to the graph's copy).
        let before = memo
            .docs
            .find(|r| r.as_ref().is_ok_and(|d| d.path == source.path))?
            .ok()?;
        if bitcode::encode(&before) != bitcode::encode(&doc) || before.url != doc.url {
            return None;
        }
        doc.facts = before.facts;
        edits.push(Edit {
            index,
            doc,
            key,
            mtime,
        });
    }
    if edits.is_empty() {
        return None;
    }
    // The build date, from the sources' times as a whole build takes it.
    let latest = last
        .mtimes
        .iter()
        .map(|(p, m)| {
            edits
                .iter()
                .find(|e| last.graph.docs[e.index].path == *p)
                .map_or(*m, |e| e.mtime)
        })
        .fold(last.latest_rest, Option::max);
    let (today, from) = crate::build_date::decide(
        last.opts.today,
        root,
        last.opts.commit.as_ref(),
        &last.excluded,
        latest,
    );
    if today != last.report.today || from != last.report.today_from {
        return None;
    }
    let docs: Vec<usize> = edits.iter().map(|e| e.index).collect();
    let pairs: Vec<(usize, u64)> = docs
        .iter()
        .map(|&i| (i, last.numbering.of_doc[i]))
        .collect();
    // The index keeps its shard count, and the shards to bring up to date
    // are those the texts had words in, before and after.
    let g = &last.graph;
    let text_bytes = edits.iter().fold(last.numbering.text_bytes, |n, e| {
        n - g.docs[e.index].body.len() + e.doc.body.len()
    });
    if search::shards_for(text_bytes) != last.shards {
        return None;
    }
    let mut shards: BTreeSet<usize> = BTreeSet::new();
    for e in &edits {
        // `serve` holds every text (its builds read every source).
        let (Ok(before), Ok(after)) = (g.docs[e.index].body.text(), e.doc.body.text()) else {
            return None;
        };
        shards.extend(search::doc_shards(g, e.index, before, after, last.shards));
    }
    let wanted: Vec<Listed> = shards
        .iter()
        .map(|s| search::shard_path(*s))
        .map(|p| last.search.files.iter().find(|l| l.0 == p).cloned())
        .collect::<Option<_>>()?;
    let old_shards = crate::publish::read_served(&last.opts.out, &wanted)?;
    let mut bodies: Vec<LazyText> = edits.iter().map(|e| e.doc.body.clone()).collect();
    let swap = |last: &mut Last, bodies: &mut Vec<LazyText>| {
        for (e, body) in edits.iter().zip(bodies.iter_mut()) {
            std::mem::swap(&mut last.graph.docs[e.index].body, body);
        }
    };
    // From here on the graph holds the new texts: a way out puts the old
    // ones back.
    swap(last, &mut bodies);
    let made = make(last, &docs, &pairs, &old_shards);
    let Some((files, pages, shard_files, named)) = made else {
        swap(last, &mut bodies);
        return None;
    };
    let stats = match crate::publish::publish_changed(&last.opts.out, &files, &last.listing) {
        Ok(s) => s,
        Err(e) => {
            swap(last, &mut bodies);
            return Some(Err(e));
        }
    };
    last.numbering.text_bytes = text_bytes;
    // The state and the record follow the site just published.
    let made = crate::publish::listing(&files);
    for l in &mut last.listing {
        if let Some(m) = made.iter().find(|m| m.0 == l.0) {
            *l = m.clone();
        }
    }
    replace_files(&mut last.pages, &made, &pages);
    replace_files(&mut last.search, &made, &shard_files);
    // The record's parts follow the new texts.
    last.pages.inputs.truncate(1);
    last.pages.inputs.extend(named);
    for &i in &docs {
        let text = last.graph.docs[i].body.hash();
        last.page_inputs.texts[i] = text;
        last.pages.parts[i] = text;
    }
    for &(i, id) in &pairs {
        // The record lists entries by increasing number.
        let Ok(at) = last.search.numbers.binary_search(&id) else {
            continue;
        };
        last.search.parts[at] = last.pages.parts[i];
    }
    crate::kept::write(&last.record, &[last.search.clone(), last.pages.clone()]);
    for e in edits {
        let path = e.doc.path.clone();
        last.mtimes.insert(path.clone(), e.mtime);
        memo.docs.put_instead(
            |r| r.as_ref().is_ok_and(|d| d.path == path),
            e.key,
            Ok(e.doc),
        );
    }
    let mut report = last.report.clone();
    report.publish = stats;
    let sources = report.read.parsed + report.read.reused;
    report.read = crate::readcache::Use {
        reused: sources - docs.len(),
        parsed: docs.len(),
        unread: 0,
        note: None,
    };
    report.kept = vec![
        format!("{} pages", last.pages.files.len() - pages.len()),
        format!(
            "{} of {} search index files",
            last.search.files.len() - shard_files.len(),
            last.search.files.len()
        ),
    ];
    report.timings = vec![("text only", t.elapsed())];
    last.report = report.clone();
    Some(Ok(report))
}

/// What a quick build makes: the files (all, the pages' paths, the
/// shards' paths), and the record's parts of the pages that name their
/// inputs, sorted.
type Made = (Vec<OutFile>, Vec<String>, Vec<String>, Vec<u128>);

/// The files a quick build makes: the documents' pages and the search
/// shards `old` brought up to date, with the record's parts of the pages.
/// None when the last build's record does not hold them.
fn make(last: &Last, docs: &[usize], pairs: &[(usize, u64)], old: &[OutFile]) -> Option<Made> {
    let progress = Progress::default();
    let r = Renderer {
        config: &last.config,
        tera: last.tera.clone(),
        static_files: last.static_files.clone(),
        today: last.report.today,
        tracking: &last.tracking,
        default_task_row: last.default_task_row,
        progress: &progress,
        frames: Default::default(),
    };
    let mut files = crate::render::documents::pages(&r, &last.graph, docs).ok()?;
    let pages: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let recorded = |p: &str| {
        last.pages
            .files
            .binary_search_by(|l| l.0.as_str().cmp(p))
            .is_ok()
    };
    if !pages.iter().all(|p| recorded(p)) {
        return None;
    }
    let updated = search::update_docs(&last.graph, pairs, last.shards, old)?;
    let shard_files = updated.iter().map(|f| f.path.clone()).collect();
    files.extend(updated);
    // The record's parts of the pages, with these documents' new texts
    // (their task feeds read no text).
    let before = docs.iter().map(|&i| (i, last.pages.parts[i]));
    let named = last.pages.inputs.get(1..)?;
    let named = crate::render::reuse::retexted(&r, &last.graph, &last.page_inputs, named, before);
    Some((files, pages, shard_files, named))
}

/// Puts the new size and hash of the files `paths` (listed in `made`) in
/// the piece.
fn replace_files(piece: &mut Piece, made: &[Listed], paths: &[String]) {
    for p in paths {
        if let (Ok(at), Some(m)) = (
            piece.files.binary_search_by(|l| l.0.as_str().cmp(p)),
            made.iter().find(|m| &m.0 == p),
        ) {
            piece.files[at] = m.clone();
        }
    }
}
