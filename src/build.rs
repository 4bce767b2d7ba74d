//! The pipeline, top to bottom: load → parse → extract → graph → render →
//! write. Each stage takes what the previous one produced and the
//! configuration, explicitly.

use crate::bodies::Registry;
use crate::config::Config;
use crate::date::Date;
use crate::diag::Diagnostic;
use crate::diag::{Located, Severity};
use crate::graph::Graph;
use crate::load::{self, Source, Sources};
use crate::parse;
use crate::render::{Renderer, theme};
use anyhow::{Result, bail};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Options of one build.
#[derive(Clone, Debug)]
pub struct Options {
    pub root: PathBuf,
    pub out: PathBuf,
    /// The build date; None: the latest source change.
    pub today: Option<Date>,
    pub drafts: bool,
}

/// What a build did, for the summary line.
#[derive(Debug, Default)]
pub struct Report {
    pub documents: usize,
    pub items: usize,
    pub cited_only: usize,
    pub pages: usize,
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub warnings: Vec<Located>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Parses sources in parallel; failures join `errors` with their file,
/// drafts are left out unless asked for.
fn parse_all<T: Send>(
    sources: &[Source],
    parse: fn(&Source) -> Result<T, Diagnostic>,
    is_draft: fn(&T) -> bool,
    drafts: bool,
    errors: &mut Vec<Located>,
) -> Vec<T> {
    let parsed: Vec<Result<T, Located>> = sources
        .par_iter()
        .map(|s| {
            parse(s).map_err(|diag| Located {
                file: s.path.clone(),
                diag,
            })
        })
        .collect();
    let mut ok = Vec::with_capacity(parsed.len());
    for r in parsed {
        match r {
            Ok(t) if is_draft(&t) && !drafts => {}
            Ok(t) => ok.push(t),
            Err(e) => errors.push(e),
        }
    }
    ok
}

/// Reads and parses the whole site into its graph; errors stop here.
pub fn read_site(root: &Path, drafts: bool) -> Result<(Graph, Sources)> {
    let (mut sources, mut errors) = load::load(root)?;
    let plans = std::mem::take(&mut sources.plans);
    let props = std::mem::take(&mut sources.propaganda);
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
    let ok_docs = parse_all(&plans, parse::document, |d| d.draft, drafts, &mut errors);
    let ok_items = parse_all(&props, parse::item, |i| i.draft, drafts, &mut errors);
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
                        "has the same page address as {}: rename one of the two files",
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
    Ok((Graph::build(ok_docs, ok_items, bodies), sources))
}

/// All warnings of a graph: per document, then the graph's own, sorted.
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

/// Builds the site into `opts.out`.
pub fn build(opts: &Options) -> Result<Report> {
    let mut timings = Vec::new();
    let t = Instant::now();
    let config = Config::load(&opts.root)?;
    let theme_files = theme::files(&opts.root, &config.theme)?;
    let tera = theme::tera(&theme_files, config.minify)?;
    let (graph, sources) = read_site(&opts.root, opts.drafts)?;
    timings.push(("read", t.elapsed()));

    let today = opts.today.unwrap_or_else(|| {
        let secs = sources
            .latest_change
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days(secs.div_euclid(86_400))
    });
    let t = Instant::now();
    let renderer = Renderer {
        config: &config,
        tera,
        static_files: theme_files,
        today,
    };
    let mut files = renderer.render_all(&graph)?;
    timings.push(("render", t.elapsed()));
    let t = Instant::now();
    files.extend(renderer.search(&graph)?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    timings.push(("search", t.elapsed()));
    let t = Instant::now();
    let stats = crate::output::write(&opts.out, &files)?;
    timings.push(("write", t.elapsed()));
    Ok(Report {
        documents: graph.docs.len(),
        items: graph.items.len(),
        cited_only: graph.cited.len(),
        pages: stats.files,
        written: stats.written,
        unchanged: stats.unchanged,
        removed: stats.removed,
        warnings: warnings(&graph),
        timings,
    })
}
