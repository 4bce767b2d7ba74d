//! `kehoach inspect`: what kehoach reads from one text, as a report or as
//! the stable JSON interface documented in README.md.

use crate::date::Date;
use crate::diag::Diagnostic;
use crate::extract::DocMeta;
use crate::extract::citations::Citation;
use crate::extract::tasks::Task;
use crate::load::Source;
use serde::Serialize;

#[derive(Serialize)]
pub struct CitationOut {
    pub number: String,
    pub kind: String,
    pub kind_name: String,
    pub date: Option<Date>,
    pub issuer: Option<String>,
    pub relation: crate::extract::citations::Relation,
    pub text: String,
    pub line: usize,
}

/// The inspect JSON object. Field order is part of the interface.
#[derive(Serialize)]
pub struct InspectOut {
    pub number: Option<String>,
    pub kind: Option<String>,
    pub kind_name: Option<String>,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<Date>,
    pub place: Option<String>,
    pub signer: Option<String>,
    pub recipients: Vec<String>,
    pub citations: Vec<CitationOut>,
    pub tasks: Vec<Task>,
    /// The bodies the text makes responsible, in order of first mention.
    pub bodies: Vec<crate::extract::BodyMention>,
}

impl InspectOut {
    pub fn new(
        meta: DocMeta,
        citations: &[Citation],
        tasks: Vec<Task>,
        bodies: Vec<crate::extract::BodyMention>,
    ) -> InspectOut {
        InspectOut {
            number: meta.number,
            kind: meta.kind,
            kind_name: meta.kind_name,
            title: meta.title,
            issuer: meta.issuer,
            date: meta.date,
            place: meta.place,
            signer: meta.signer,
            recipients: meta.recipients,
            citations: citations
                .iter()
                .map(|c| CitationOut {
                    number: c.number.clone(),
                    kind: c.kind.clone(),
                    kind_name: c.kind_name.clone(),
                    date: c.date,
                    issuer: c.issuer.clone(),
                    relation: c.relation,
                    text: c.text.clone(),
                    line: c.line,
                })
                .collect(),
            tasks,
            bodies,
        }
    }
}

/// Reads a source as a document (front matter optional) for inspection.
pub fn inspect(src: &Source) -> Result<(InspectOut, Vec<Diagnostic>), Diagnostic> {
    let d = crate::parse::read_document(src)?;
    Ok((
        InspectOut::new(d.meta, &d.citations, d.tasks, d.bodies),
        d.diagnostics,
    ))
}

/// The blocks of a text as the layout reader sees them, one a line:
/// lines, kind, text (cells of a row apart).
pub fn layout_report(text: &str) -> String {
    let mut s = String::new();
    for b in crate::layout::read(text) {
        let what = format!("{:?}", b.kind);
        s.push_str(&format!(
            "{:>5}-{:<5} {what:<9} {}\n",
            b.first, b.last, b.text
        ));
        for c in &b.cells {
            if !c.text.is_empty() {
                s.push_str(&format!(
                    "{:>5}       · {}: {}\n",
                    c.line,
                    c.column.as_deref().unwrap_or("?"),
                    c.text
                ));
            }
        }
    }
    s
}

/// A human-readable report.
pub fn report(o: &InspectOut) -> String {
    let mut s = String::new();
    let f = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    s.push_str(&format!("Số và ký hiệu:    {}\n", f(&o.number)));
    s.push_str(&format!(
        "Loại:             {} ({})\n",
        f(&o.kind_name),
        f(&o.kind)
    ));
    s.push_str(&format!("Trích yếu:        {}\n", f(&o.title)));
    s.push_str(&format!("Cơ quan ban hành: {}\n", f(&o.issuer)));
    s.push_str(&format!(
        "Ngày:             {}\n",
        o.date.map(|d| d.vn()).unwrap_or_else(|| "—".into())
    ));
    s.push_str(&format!("Nơi:              {}\n", f(&o.place)));
    s.push_str(&format!("Người ký:         {}\n", f(&o.signer)));
    s.push_str("Nơi nhận:\n");
    for r in &o.recipients {
        s.push_str(&format!("  - {r}\n"));
    }
    s.push_str(&format!("Dẫn chiếu ({}):\n", o.citations.len()));
    for c in &o.citations {
        s.push_str(&format!(
            "  {:>4}  {:<12} {} {}{}{}\n",
            c.line,
            format!("{:?}", c.relation).to_lowercase(),
            c.kind_name,
            c.number,
            c.date
                .map(|d| format!(" ngày {}", d.vn()))
                .unwrap_or_default(),
            c.issuer
                .as_ref()
                .map(|i| format!(" của {i}"))
                .unwrap_or_default()
        ));
    }
    s.push_str(&format!("Nhiệm vụ ({}):\n", o.tasks.len()));
    for t in &o.tasks {
        let when = t
            .deadline
            .as_ref()
            .map(|d| {
                let range = match (d.start, d.end) {
                    (Some(a), Some(b)) => format!(" {a}..{b}"),
                    (None, Some(b)) => format!(" ..{b}"),
                    _ => String::new(),
                };
                let rec = d
                    .recurrence
                    .map(|r| format!(" {}", r.name()))
                    .unwrap_or_default();
                format!("{}{range}{rec}", d.kind.as_str())
            })
            .unwrap_or_else(|| "—".into());
        let who = if t.bodies.is_empty() {
            "—".to_string()
        } else {
            t.bodies.join("; ")
        };
        let with = if t.coordinating.is_empty() {
            String::new()
        } else {
            format!(" (phối hợp: {})", t.coordinating.join("; "))
        };
        let text: String = t.text.chars().take(70).collect();
        s.push_str(&format!(
            "  {:>4}  {when:<32} {who}{with}: {text}\n",
            t.line
        ));
    }
    s
}
