//! Task rows and calendar events written once per task, in parallel, before
//! the pages: a task appears on the site calendar, on the pages and
//! calendars of each of its bodies and in up to a dozen feeds, and each of
//! those only copies what was written here.
//!
//! A row is HTML from `task.html` in which [`ROOT`] stands for the page's
//! path to the site root (rows link relatively, and pages sit at different
//! depths); [`Fragments::rows`] puts the real prefix in while copying.

use super::Renderer;
use super::calendar::Role;
use crate::date::Date;
use crate::graph::{Graph, TaskRef};
use anyhow::Result;
use rayon::prelude::*;

/// Stands for the page's root prefix ("../../") in a written row.
pub(super) const ROOT: char = '\u{1}';

/// The rows of one task: as on the site calendar, and as on the page of a
/// body that leads it or coordinates it (written only where such a body
/// is registered).
#[derive(Default)]
struct TaskRows {
    plain: String,
    lead: Option<String>,
    partner: Option<String>,
}

/// A task's VEVENT and the date it sorts by; None for tasks without a date.
type Event = Option<(Date, String)>;

/// Everything written once per task. Indexed like `Graph::docs[i].tasks[k]`.
pub struct Fragments {
    rows: Vec<Vec<TaskRows>>,
    events: Vec<Vec<Event>>,
}

impl Fragments {
    pub fn build(r: &Renderer, g: &Graph) -> Result<Fragments> {
        let per_doc: Vec<(Vec<TaskRows>, Vec<Event>)> = (0..g.docs.len())
            .into_par_iter()
            .map(|i| -> Result<_> {
                let n = g.docs[i].tasks.len();
                let mut rows = Vec::with_capacity(n);
                let mut events = Vec::with_capacity(n);
                for k in 0..n {
                    let tb = &g.task_bodies[i][k];
                    let write = |role| r.task_html(g, (i, k), role);
                    rows.push(TaskRows {
                        plain: write(None)?,
                        lead: (!tb.lead.is_empty())
                            .then(|| write(Some(Role::Lead)))
                            .transpose()?,
                        partner: (!tb.coordinating.is_empty())
                            .then(|| write(Some(Role::Partner)))
                            .transpose()?,
                    });
                    events.push(
                        r.event(g, (i, k))
                            .map(|e| (e.date, crate::ics::event(&e, &r.config.base_url))),
                    );
                }
                Ok((rows, events))
            })
            .collect::<Result<_>>()?;
        let (rows, events) = per_doc.into_iter().unzip();
        Ok(Fragments { rows, events })
    }

    /// The rows of `tasks` as one piece of HTML for a page whose root
    /// prefix is `root`.
    pub fn rows<I>(&self, tasks: I, root: &str) -> String
    where
        I: IntoIterator<Item = (TaskRef, Option<Role>)>,
    {
        let mut out = String::new();
        for ((i, k), role) in tasks {
            let t = &self.rows[i][k];
            let html = match role {
                None => &t.plain,
                Some(Role::Lead) => t.lead.as_ref().unwrap_or(&t.plain),
                Some(Role::Partner) => t.partner.as_ref().unwrap_or(&t.plain),
            };
            for (n, piece) in html.split(ROOT).enumerate() {
                if n > 0 {
                    out.push_str(root);
                }
                out.push_str(piece);
            }
        }
        out
    }

    /// A feed of `tasks`: the events of those with a date, by date.
    pub fn feed(&self, name: &str, tasks: &[TaskRef]) -> String {
        let mut v: Vec<(Date, TaskRef, &str)> = tasks
            .iter()
            .filter_map(|&(i, k)| {
                let (d, text) = self.events[i][k].as_ref()?;
                Some((*d, (i, k), text.as_str()))
            })
            .collect();
        v.sort_unstable_by_key(|&(d, r, _)| (d, r));
        v.dedup_by_key(|x| x.1);
        crate::ics::wrap(name, v.into_iter().map(|x| x.2))
    }
}
