//! Task rows and calendar events, the shell's part for tasks: each task's
//! row (`task.html`, with its state from `tracking`) and its VEVENT,
//! written at most once per task, when a page first needs it (all of them
//! in parallel before the pages when every page is rendered,
//! [`Fragments::fill`]): a task appears on the site calendar, on the pages
//! and calendars of each of its bodies and in up to a dozen feeds, and
//! each of those only copies what was written here. Owns no address.
//!
//! A row is HTML from `task.html` in which [`ROOT`] stands for the page's
//! path to the site root (rows link relatively, and pages sit at different
//! depths); [`Fragments::rows`] puts the real prefix in while copying.

use super::Renderer;
use super::ctx::TaskRow;
use crate::date::Date;
use crate::deadline::{Deadline, Kind};
use crate::graph::{Graph, TaskRef};
use crate::ics;
use crate::model::doc_label;
use crate::tracking::State;
use anyhow::Result;
use rayon::prelude::*;
use std::sync::OnceLock;

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

/// Everything written once per task, on first use: a build that keeps
/// most pages writes only the rows and events of the pages it renders.
/// Indexed like `Graph::docs[i].tasks[k]`.
pub struct Fragments<'a> {
    r: &'a Renderer<'a>,
    g: &'a Graph,
    /// A task's rows, or why `task.html` could not write them.
    rows: Vec<Vec<OnceLock<Result<TaskRows, String>>>>,
    events: Vec<Vec<OnceLock<Event>>>,
}

impl<'a> Fragments<'a> {
    /// Nothing written yet.
    pub fn new(r: &'a Renderer<'a>, g: &'a Graph) -> Fragments<'a> {
        fn slots<T>(g: &Graph) -> Vec<Vec<OnceLock<T>>> {
            let slots = |n| (0..n).map(|_| OnceLock::new()).collect();
            g.docs.iter().map(|d| slots(d.tasks.len())).collect()
        }
        Fragments {
            r,
            g,
            rows: slots(g),
            events: slots(g),
        }
    }

    /// Every task's rows and event written, in parallel (a build that
    /// renders every page needs them all).
    pub fn fill(&self) -> Result<()> {
        (0..self.g.docs.len()).into_par_iter().try_for_each(|i| {
            for k in 0..self.g.docs[i].tasks.len() {
                self.task_rows((i, k))?;
                self.event((i, k));
            }
            Ok(())
        })
    }

    fn task_rows(&self, (i, k): TaskRef) -> Result<&TaskRows> {
        let (r, g) = (self.r, self.g);
        self.rows[i][k]
            .get_or_init(|| {
                let tb = &g.task_bodies[i][k];
                let write = |role| task_html(r, g, (i, k), role).map_err(|e| format!("{e:#}"));
                Ok(TaskRows {
                    plain: write(None)?,
                    lead: (!tb.lead.is_empty())
                        .then(|| write(Some(Role::Lead)))
                        .transpose()?,
                    partner: (!tb.coordinating.is_empty())
                        .then(|| write(Some(Role::Partner)))
                        .transpose()?,
                })
            })
            .as_ref()
            .map_err(|e| anyhow::anyhow!("{e}"))
    }

    fn event(&self, (i, k): TaskRef) -> &Event {
        self.events[i][k].get_or_init(|| {
            event(self.r, self.g, (i, k))
                .map(|e| (e.date, crate::ics::event(&e, &self.r.config.base_url)))
        })
    }

    /// The rows of `tasks` as one piece of HTML for a page whose root
    /// prefix is `root`.
    pub fn rows<I>(&self, tasks: I, root: &str) -> Result<String>
    where
        I: IntoIterator<Item = (TaskRef, Option<Role>)>,
    {
        let mut out = String::new();
        for (t, role) in tasks {
            let t = self.task_rows(t)?;
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
        Ok(out)
    }

    /// A feed of `tasks`: the events of those with a date, by date.
    pub fn feed(&self, name: &str, tasks: &[TaskRef]) -> String {
        let mut v: Vec<(Date, TaskRef, &str)> = tasks
            .iter()
            .filter_map(|&t| {
                let (d, text) = self.event(t).as_ref()?;
                Some((*d, t, text.as_str()))
            })
            .collect();
        v.sort_unstable_by_key(|&(d, r, _)| (d, r));
        v.dedup_by_key(|x| x.1);
        crate::ics::wrap(name, v.into_iter().map(|x| x.2))
    }
}

/// The role of a body in a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Lead,
    Partner,
}

fn recurrence_label(d: &Deadline) -> String {
    use crate::deadline::Freq;
    let Some(r) = d.recurrence else {
        return String::new();
    };
    let base = match r.freq {
        Freq::Yearly => "Hằng năm",
        Freq::Semiannual => "6 tháng một lần",
        Freq::Quarterly => "Hằng quý",
        Freq::Monthly => "Hằng tháng",
        Freq::Weekly => "Hằng tuần",
        Freq::PerTerm => "Mỗi nhiệm kỳ",
        Freq::PeriodicUnspecified => "Định kỳ",
    };
    if r.freq == Freq::Weekly {
        const DAYS: [&str; 7] = [
            "thứ Hai",
            "thứ Ba",
            "thứ Tư",
            "thứ Năm",
            "thứ Sáu",
            "thứ Bảy",
            "Chủ nhật",
        ];
        return match r.day.and_then(|d| DAYS.get(d as usize - 1)) {
            Some(day) => format!("{base}, vào {day}"),
            None => base.to_string(),
        };
    }
    match (r.month, r.day) {
        (Some(m), Some(day)) => format!("{base}, trước ngày {day:02}/{m:02}"),
        (None, Some(day)) => format!("{base}, trước ngày {day}"),
        _ => base.to_string(),
    }
}

/// Due date of a task for month pages and feeds.
pub(super) fn due(d: &Deadline) -> Option<Date> {
    match d.kind {
        Kind::Ongoing | Kind::Recurring => None,
        _ => d.end,
    }
}

/// A task's row as HTML (`task.html`), written once for [`Fragments`]:
/// its link starts with [`ROOT`], which each page replaces with its own
/// way to the site root.
fn task_html(r: &Renderer, g: &Graph, (i, k): TaskRef, role: Option<Role>) -> Result<String> {
    #[derive(serde::Serialize)]
    struct One {
        t: TaskRow,
    }
    let d = &g.docs[i];
    let t = &d.tasks[k];
    let dl = t.deadline.as_ref();
    let status = r.tracking.task((i, k));
    let state = status.state;
    let range = dl.and_then(|x| match (x.start, x.end, x.kind) {
        (_, Some(e), Kind::ByDate) => Some(format!("hạn {}", e.vn())),
        (Some(s), Some(e), _) if s == e => Some(e.vn()),
        (Some(s), Some(e), _) => Some(format!("{} – {}", s.vn(), e.vn())),
        (None, Some(e), _) => Some(format!("đến {}", e.vn())),
        _ => None,
    });
    let text = crate::text::cut_words(&t.text, 220);
    let row = TaskRow {
        href: format!("{ROOT}{}index.html#L{}", d.url, t.line),
        doc: doc_label(d),
        text,
        due: dl.map(|x| x.text.clone()).unwrap_or_default(),
        range,
        recurrence: dl.map(recurrence_label).unwrap_or_default(),
        state: state.key(),
        state_label: state.label(),
        reason: status.reason(g),
        next_due: status.next_due.map(|d| format!("kỳ tới: {}", d.vn())),
        last_report: status
            .last_report
            .map(|r| format!("báo cáo gần nhất: {}", doc_label(&g.docs[r]))),
        role: role.map(|r| match r {
            Role::Lead => "Chủ trì",
            Role::Partner => "Phối hợp",
        }),
        bodies: lead_names(g, (i, k)),
    };
    if r.default_task_row {
        return Ok(default_task_row(&row));
    }
    let ctx = tera::Context::from_serialize(&One { t: row }).map_err(|e| anyhow::anyhow!("{e}"))?;
    r.tera
        .render("task.html", &ctx)
        .map_err(|e| anyhow::anyhow!("rendering task.html: {e:?}"))
}

/// A task as a calendar event: one all-day event on its due date;
/// recurring duties with a known day repeat by RRULE. None for tasks
/// without a date.
fn event(r: &Renderer, g: &Graph, (i, k): TaskRef) -> Option<ics::Event> {
    let d = &g.docs[i];
    let t = &d.tasks[k];
    let dl = t.deadline.as_ref()?;
    let (date, rrule) = match dl.kind {
        Kind::Ongoing => return None,
        Kind::Recurring => {
            let r = dl.recurrence?;
            // Anchored at the document's date (never the build date, so
            // the feed does not change by itself).
            (r.first_due(d.meta.date?)?, Some(r.rrule()?))
        }
        _ => (dl.end?, None),
    };
    let who = lead_names(g, (i, k));
    let summary = crate::text::cut_words(&t.text, 120);
    let status = r.tracking.task((i, k));
    let mut state = status.state.label().to_string();
    if let Some(r) = status.reason(g) {
        state.push_str(&format!(" ({r})"));
    }
    Some(ics::Event {
        uid: format!("{}L{}-{}@kehoach", d.url.replace('/', "-"), t.line, k),
        summary: if who.is_empty() {
            summary
        } else {
            format!("{who}: {summary}")
        },
        description: format!("{state}\n{} — {}\n{}", doc_label(d), dl.text, t.text),
        url: Some(format!("{}index.html#L{}", d.url, t.line)),
        date,
        rrule,
        stamp: d.meta.date.unwrap_or(date),
        category: Some(status.state.label().to_string()),
        cancelled: matches!(status.state, State::Dropped | State::Archived),
    })
}

/// A task row as the default theme's `task.html`, minified, renders it:
/// written directly, since a site has a row per task and role and a
/// template context each cost more than the rest of the row
/// (`default_task_row_is_the_template` keeps the two the same).
pub fn default_task_row(t: &TaskRow) -> String {
    let mut s = String::with_capacity(256 + t.text.len() + t.doc.len());
    let esc = |s: &mut String, v: &str| {
        let _ = pulldown_cmark_escape::escape_html(&mut *s, v);
    };
    s.push_str("<li class=\"task ");
    esc(&mut s, t.state);
    s.push_str("\"><span class=state>");
    esc(&mut s, t.state_label);
    s.push_str("</span>");
    if let Some(r) = t.role {
        s.push_str(" <span class=tag>");
        esc(&mut s, r);
        s.push_str("</span>");
    }
    s.push_str(" <a href=\"");
    esc(&mut s, &t.href);
    s.push_str("\">");
    esc(&mut s, &t.text);
    s.push_str("</a><span class=meta>");
    if !t.due.is_empty() && t.due != t.text {
        esc(&mut s, &t.due);
    }
    for v in [
        t.range.as_deref(),
        Some(t.recurrence.as_str()),
        t.next_due.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|v| !v.is_empty())
    {
        s.push_str(" · ");
        esc(&mut s, v);
    }
    if !t.bodies.is_empty() && t.role.is_none() {
        s.push_str(" · ");
        esc(&mut s, &t.bodies);
    }
    s.push_str(" · ");
    esc(&mut s, &t.doc);
    for v in [t.reason.as_deref(), t.last_report.as_deref()]
        .into_iter()
        .flatten()
        .filter(|v| !v.is_empty())
    {
        s.push_str(" · ");
        esc(&mut s, v);
    }
    s.push_str("</span></li>");
    s
}

/// The lead bodies of a task: registered names, else the names as written.
fn lead_names(g: &Graph, (i, k): TaskRef) -> String {
    let lead = &g.task_bodies[i][k].lead;
    if lead.is_empty() {
        g.docs[i].tasks[k].bodies.join("; ")
    } else {
        lead.iter()
            .map(|&b| g.bodies.bodies[b].name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The tasks a body leads or coordinates, each once (as lead when it is
/// both), in task order.
pub fn body_tasks_once(g: &Graph, b: usize) -> Vec<(TaskRef, Role)> {
    let mut v: Vec<(TaskRef, Role)> = g.leads[b]
        .iter()
        .map(|&r| (r, Role::Lead))
        .chain(g.coordinates[b].iter().map(|&r| (r, Role::Partner)))
        .collect();
    v.sort_by_key(|&(r, role)| (r, role == Role::Partner));
    v.dedup_by_key(|x| x.0);
    v
}

/// Every task of the site, in document order.
pub fn all_tasks(g: &Graph) -> impl Iterator<Item = TaskRef> + '_ {
    g.by_date
        .iter()
        .flat_map(move |&i| (0..g.docs[i].tasks.len()).map(move |k| (i, k)))
}

#[cfg(test)]
mod task_row_tests {
    use super::*;

    /// Every branch of `task.html`, and text that must be escaped.
    #[test]
    fn default_task_row_is_the_template() {
        let files: Vec<(String, String)> = crate::render::theme::DEFAULT
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        let tera = crate::render::theme::tera(&files, true).unwrap();
        #[derive(serde::Serialize)]
        struct One<'a> {
            t: &'a TaskRow,
        }
        let base = TaskRow {
            href: "../../van-ban/x/index.html#L12".into(),
            doc: "Kế hoạch 12-KH/TW".into(),
            text: "Ban Tuyên giáo <chủ trì> & \"phối hợp\" 'x'".into(),
            due: "trước ngày 15/4/2026".into(),
            range: Some("hạn 15/04/2026".into()),
            recurrence: "Hằng năm".into(),
            state: "this-month",
            state_label: "Đến hạn tháng này",
            reason: Some("theo Báo cáo 25-BC/BTGTU".into()),
            next_due: Some("kỳ tới: 15/12/2026".into()),
            last_report: Some("báo cáo gần nhất: Báo cáo 3-BC/TU".into()),
            role: Some("Chủ trì"),
            bodies: "Ban Tuyên giáo Tỉnh ủy".into(),
        };
        let variants = [
            TaskRow { ..base.clone() },
            TaskRow {
                role: None,
                ..base.clone()
            },
            TaskRow {
                role: None,
                bodies: String::new(),
                ..base.clone()
            },
            TaskRow {
                due: base.text.clone(),
                ..base.clone()
            },
            TaskRow {
                due: String::new(),
                range: None,
                recurrence: String::new(),
                ..base.clone()
            },
            TaskRow {
                next_due: None,
                reason: None,
                last_report: None,
                ..base.clone()
            },
            TaskRow {
                reason: Some(String::new()),
                ..base.clone()
            },
            TaskRow {
                role: Some("Phối hợp"),
                state: "overdue",
                ..base.clone()
            },
        ];
        for t in &variants {
            let ctx = tera::Context::from_serialize(&One { t }).unwrap();
            let want = tera.render("task.html", &ctx).unwrap();
            assert_eq!(default_task_row(t), want);
        }
    }
}
