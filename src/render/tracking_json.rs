//! `data/tracking.json`: implementation tracking for other intranet tools,
//! a stable interface like `graph.json` (README, "data/tracking.json").
//! Per directive: who must act, who has and with which document, who has
//! not; per task: its bodies, deadline end, state and what closed it.

use super::OutFile;
use crate::graph::Graph;
use crate::tracking::{Because, Tracking};
use serde::Serialize;

#[derive(Serialize)]
struct Implemented<'a> {
    body: &'a str,
    document: &'a str,
    date: Option<String>,
    days: Option<i64>,
}

#[derive(Serialize)]
struct DirectiveOut<'a> {
    number: Option<&'a str>,
    url: &'a str,
    open: bool,
    expected: Vec<&'a str>,
    implemented: Vec<Implemented<'a>>,
    missing: Vec<&'a str>,
}

#[derive(Serialize)]
struct TaskOut<'a> {
    document: &'a str,
    anchor: String,
    line: usize,
    bodies: Vec<&'a str>,
    deadline_end: Option<String>,
    state: &'static str,
    next_due: Option<String>,
    /// The report (its page) that marked it reported.
    report: Option<&'a str>,
    /// The document (its page) that replaced its own.
    closed_by: Option<&'a str>,
    recorded: Option<crate::model::Recorded>,
    recorded_date: Option<String>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct TrackingOut<'a> {
    directives: Vec<DirectiveOut<'a>>,
    tasks: Vec<TaskOut<'a>>,
}

/// Renders `data/tracking.json`.
pub fn render(g: &Graph, t: &Tracking) -> anyhow::Result<OutFile> {
    let id = |b: usize| g.bodies.bodies[b].id.as_str();
    let url = |i: usize| g.docs[i].url.as_str();
    let directives = t
        .directives
        .iter()
        .map(|d| DirectiveOut {
            number: g.docs[d.doc].meta.number.as_deref(),
            url: url(d.doc),
            open: d.open,
            expected: d.expected.iter().map(|&b| id(b)).collect(),
            implemented: d
                .implemented
                .iter()
                .map(|m| Implemented {
                    body: id(m.body),
                    document: url(m.doc),
                    date: m.date.map(|x| x.to_string()),
                    days: m.days,
                })
                .collect(),
            missing: d.missing.iter().map(|&b| id(b)).collect(),
        })
        .collect();
    let mut tasks = Vec::new();
    for &i in &g.by_date {
        let d = &g.docs[i];
        for (k, task) in d.tasks.iter().enumerate() {
            let s = &t.tasks[i][k];
            let tb = &g.task_bodies[i][k];
            let (mut report, mut closed_by, mut recorded, mut recorded_date, mut note) =
                (None, None, None, None, None);
            match &s.because {
                Some(Because::Report { doc }) => report = Some(url(*doc)),
                Some(Because::Replaced { by }) => closed_by = Some(url(*by)),
                Some(Because::Recorded {
                    recorded: r,
                    date,
                    note: n,
                }) => {
                    recorded = Some(*r);
                    recorded_date = date.map(|x| x.to_string());
                    note = n.as_deref();
                }
                Some(Because::Old) | None => {}
            }
            tasks.push(TaskOut {
                document: url(i),
                anchor: format!("L{}", task.line),
                line: task.line,
                bodies: tb.lead.iter().map(|&b| id(b)).collect(),
                deadline_end: task
                    .deadline
                    .as_ref()
                    .and_then(|x| x.end)
                    .map(|x| x.to_string()),
                state: s.state.key(),
                next_due: s.next_due.map(|x| x.to_string()),
                report,
                closed_by,
                recorded,
                recorded_date,
                note,
            });
        }
    }
    let out = TrackingOut { directives, tasks };
    Ok(OutFile {
        path: "data/tracking.json".into(),
        bytes: serde_json::to_vec(&out)?,
    })
}
