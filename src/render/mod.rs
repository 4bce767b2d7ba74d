//! Rendering: the read-only graph becomes the site's files, in memory
//! (only `publish` writes them), in parallel.
//!
//! One module per family of pages, each owning its addresses and saying
//! at its top which they are and what it reads; each gives its work as
//! [`Job`]s (`jobs(&Scope) -> Vec<Job>`), and this module only gathers the
//! families' jobs ([`FAMILIES`]) and runs them. The search index is a
//! stage of its own, after the pages (`search::build` and `search::page`,
//! called by `build`, which keeps the last index when no entry of it
//! changed, and brings it up to date when only texts did: see `kept`);
//! the sitemap
//! is made once every file is known (`data::sitemap`, called by `build`).
//!
//! - `documents`: `van-ban/<path>/` (a document's page);
//! - `cited`: `van-ban/trich-dan/<number>/` (a cited-only document);
//! - `bodies`: `co-quan/`, `co-quan/<id>/`;
//! - `calendar`: `lich/…`, `co-quan/<id>/lich/…`;
//! - `lists`: `index.html`, `404.html`, `van-ban/` and `van-ban/trang/<n>/`,
//!   `loai/<kind>/…`, `nam/<year>/…`;
//! - `tracking`: `trien-khai/`;
//! - `items`: `tuyen-truyen/`, `tuyen-truyen/<path>/`;
//! - `feeds`: `atom.xml`, `calendar.ics`, `co-quan/<id>/atom.xml`,
//!   `co-quan/<id>/calendar.ics`, `van-ban/<path>/calendar.ics`;
//! - `data`: `data/graph.json`, `data/tracking.json`, `sitemap.xml`;
//! - `theme`: the theme's static files (`style.css`, `search.js`, `mine.js`);
//! - `search`: `search/…`, `tim-kiem/`.
//!
//! Shared, owning no address: `shell` (site context, page rendering,
//! crumbs, links, pager, rows, standing tags), `fragments` (task rows and
//! events written once), `ctx` (typed template contexts), `svg` (pictures),
//! `inputs` (what a page reads, hashed, for the jobs that name it:
//! `Job::reading`), `reuse` (which pages a build renders, which it keeps
//! from the served tree).

pub mod bodies;
pub mod calendar;
pub mod cited;
pub mod ctx;
pub mod data;
pub mod documents;
pub mod feeds;
pub mod fragments;
pub mod inputs;
pub mod items;
pub mod lists;
pub mod reuse;
pub mod search;
pub mod shell;
pub mod svg;
pub mod theme;
pub mod tracking;

use crate::config::Config;
use crate::date::Date;
use crate::graph::Graph;
use crate::outfile::OutFile;
use anyhow::Result;
use fragments::Fragments;
use inputs::Inputs;
use rayon::prelude::*;

/// Everything rendering needs besides the graph.
pub struct Renderer<'a> {
    pub config: &'a Config,
    pub tera: tera::Tera,
    pub static_files: Vec<(String, String)>,
    pub today: Date,
    pub tracking: &'a crate::tracking::Tracking,
    /// The theme keeps the default `task.html`, minified: task rows are
    /// written by [`fragments::default_task_row`], the same bytes without a
    /// template context per row.
    pub default_task_row: bool,
    /// Counts the jobs done (the progress line).
    pub progress: &'a crate::progress::Progress,
    /// Where each document's page rendered holds its text (see
    /// `crate::retext`).
    pub frames: documents::Frames,
}

/// What every job reads: the renderer, the graph, and the task rows and
/// events, written once.
pub struct Scope<'a> {
    pub r: &'a Renderer<'a>,
    pub g: &'a Graph,
    pub f: &'a Fragments<'a>,
}

/// One piece of rendering work: renders the files at its addresses (a
/// page, a list with its pages, a calendar with its months, a feed), and,
/// when its family says, the one file it makes, or the one folder
/// (ending in '/') all its files are under, and the hash of all they read
/// ([`Reads`]); a folder it names holds no other job's file. A job that does not say reads everything but the
/// documents' texts (`inputs::Inputs::all`).
pub struct Job<'a> {
    pub reads: Option<Reads<'a>>,
    make: Box<dyn FnOnce() -> Result<Vec<OutFile>> + Send + 'a>,
}

/// The address of a job's one file, or of its folder, and the hash of its
/// inputs.
pub type Reads<'a> = Box<dyn Fn(&Inputs) -> (String, u128) + Send + Sync + 'a>;

impl<'a> Job<'a> {
    /// This job makes one file, at the address `reads` gives with the hash
    /// of what it reads, or, for an address ending in '/', files under that
    /// folder only.
    pub fn reading(mut self, reads: impl Fn(&Inputs) -> (String, u128) + Send + Sync + 'a) -> Self {
        self.reads = Some(Box::new(reads));
        self
    }

    /// Renders its files.
    pub fn make(self) -> Result<Vec<OutFile>> {
        (self.make)()
    }
}

/// A job of several files.
pub fn job<'a>(f: impl FnOnce() -> Result<Vec<OutFile>> + Send + 'a) -> Job<'a> {
    Job {
        reads: None,
        make: Box::new(f),
    }
}

/// A job of one file.
pub fn one<'a>(f: impl FnOnce() -> Result<OutFile> + Send + 'a) -> Job<'a> {
    job(move || f().map(|file| vec![file]))
}

/// A family's jobs.
pub type Family = for<'a> fn(&'a Scope<'a>) -> Vec<Job<'a>>;

/// Every family of pages, by name.
pub const FAMILIES: &[(&str, Family)] = &[
    ("lists", lists::jobs),
    ("items", items::jobs),
    ("bodies", bodies::jobs),
    ("calendar", calendar::jobs),
    ("feeds", feeds::jobs),
    ("tracking", tracking::jobs),
    ("documents", documents::jobs),
    ("cited", cited::jobs),
    ("data", data::jobs),
    ("theme", theme::jobs),
];

/// Runs jobs in parallel (in no set order: `build` sorts the files once
/// all stages are done).
pub fn run(jobs: Vec<Job>, progress: &crate::progress::Progress) -> Result<Vec<OutFile>> {
    Ok(jobs
        .into_par_iter()
        .map(|job| {
            let files = job.make();
            progress.tick();
            files
        })
        .collect::<Result<Vec<Vec<OutFile>>>>()?
        .into_iter()
        .flatten()
        .collect())
}

impl Renderer<'_> {
    /// Renders every page of the site but the search index's.
    pub fn render_all(&self, g: &Graph) -> Result<Vec<OutFile>> {
        self.with_jobs(g, true, |jobs| run(jobs, self.progress))
    }

    /// Gives every family's jobs to `then`; with `every`, the task
    /// fragments are written first, for all of them (each job would
    /// otherwise write those it needs first).
    pub fn with_jobs<T>(
        &self,
        g: &Graph,
        every: bool,
        then: impl FnOnce(Vec<Job>) -> Result<T>,
    ) -> Result<T> {
        self.progress.stage(crate::progress::Stage::Rendering, 0);
        let f = Fragments::new(self, g);
        if every {
            f.fill()?;
        }
        let s = Scope { r: self, g, f: &f };
        let jobs: Vec<Job> = FAMILIES.iter().flat_map(|(_, jobs)| jobs(&s)).collect();
        self.progress
            .stage(crate::progress::Stage::Rendering, jobs.len());
        then(jobs)
    }
}

#[cfg(test)]
mod tests;
