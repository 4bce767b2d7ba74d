//! A converter's text as a source an editor reviews: front matter with what
//! was read, then the text as Markdown. Only the layout changes: wrapped
//! lines are joined into their paragraph or item, page numbers and running
//! headers are dropped, recovered tables become Markdown tables; lines set
//! out in columns (the header, the signature beside "Nơi nhận") are kept as
//! they stand, one a line. Pure: text in, source and report out.

use crate::extract::Lines;
use crate::inspect::InspectOut;
use crate::layout::{self, Block, Kind};
use serde::Serialize;

/// An imported source and what its reader should check.
pub struct Imported {
    pub source: String,
    /// Lines of the text dropped as page artifacts (1-based, of the text).
    pub dropped: Vec<usize>,
}

/// Front matter of an imported document, in the order of the header.
#[derive(Serialize)]
struct Front<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signer: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    recipients: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    security: Option<String>,
}

/// Whether a source line sets text out in columns: a run of three spaces or
/// a tab between words.
fn in_columns(raw: &str) -> bool {
    let t = raw.trim();
    t.contains('\t') || t.contains("   ")
}

/// The identity fields not read, for the report and the front matter.
pub fn unread(o: &InspectOut) -> Vec<&'static str> {
    let mut v = Vec::new();
    for (name, missing) in [
        ("number", o.number.is_none()),
        ("kind", o.kind.is_none()),
        ("title", o.title.is_none()),
        ("issuer", o.issuer.is_none()),
        ("date", o.date.is_none()),
        ("place", o.place.is_none()),
        ("signer", o.signer.is_none()),
    ] {
        if missing {
            v.push(name);
        }
    }
    v
}

/// The front matter for what was read of `text`.
fn front(o: &InspectOut, text: &str, origin: &str, ocr: Option<&str>) -> String {
    let marks = crate::extract::security::read(&Lines::new(text));
    let security = marks
        .level
        .map(|(l, _)| l.label().to_lowercase())
        .or_else(|| marks.limits.first().map(|(l, _)| l.name().to_string()));
    let f = Front {
        number: o.number.as_deref(),
        kind: o.kind_name.as_deref().or(o.kind.as_deref()),
        title: o.title.as_deref(),
        issuer: o.issuer.as_deref(),
        date: o.date.map(|d| d.to_string()),
        place: o.place.as_deref(),
        signer: o.signer.as_deref(),
        recipients: &o.recipients,
        security,
    };
    let mut s = String::from("+++\n");
    s.push_str(&format!(
        "# Read by `kehoach import` from {origin}: check every value against the signed copy.\n"
    ));
    if let Some(ocr) = ocr {
        // One comment line: TOML comments end at the line's end.
        s.push_str(&format!("# OCR: {}\n", ocr.replace(['\n', '\r'], " ")));
    }
    for name in unread(o) {
        s.push_str(&format!(
            "# {name}: not read; write it here from the signed copy.\n"
        ));
    }
    s.push_str(&toml::to_string(&f).unwrap_or_default());
    s.push_str("+++\n\n");
    s
}

/// A table's rows as a Markdown table: its header from the columns the
/// layout read (of its first row that is not a group's), else from its
/// first row.
fn table(rows: &[&Block], out: &mut String) {
    let cells = |b: &Block| -> Vec<String> {
        if b.cells.is_empty() {
            vec![b.text.clone()]
        } else if b.kind == Kind::GroupRow {
            // A group spans the table: its number, then its name.
            let mut full = b
                .cells
                .iter()
                .map(|c| c.text.as_str())
                .filter(|t| !t.is_empty());
            let number = full.next().unwrap_or("").to_string();
            vec![number, full.collect::<Vec<_>>().join(" ")]
        } else {
            b.cells.iter().map(|c| c.text.clone()).collect()
        }
    };
    let width = rows.iter().map(|b| cells(b).len()).max().unwrap_or(1);
    let mut lines: Vec<Vec<String>> = Vec::new();
    // The columns of the first row that is not a group's (a group's row
    // has its number and its name only).
    let first = rows
        .iter()
        .find(|b| b.kind != Kind::GroupRow)
        .unwrap_or(&rows[0]);
    let header: Option<Vec<String>> = first
        .cells
        .iter()
        .map(|c| c.column.clone())
        .collect::<Option<Vec<_>>>()
        .filter(|h| !h.is_empty());
    let body = match header {
        Some(h) => {
            lines.push(h);
            rows
        }
        None => {
            lines.push(cells(rows[0]));
            &rows[1..]
        }
    };
    lines.extend(body.iter().map(|b| cells(b)));
    super::markdown_table(&lines, width, out);
}

/// Marks the source lines of a block as written.
fn mark(used: &mut [bool], b: &Block) {
    let last = b.last.min(used.len().saturating_sub(1));
    if b.first <= last {
        used[b.first..=last].fill(true);
    }
}

/// The text of one block as Markdown.
fn block(b: &Block, out: &mut String) {
    match b.kind {
        Kind::Heading => out.push_str(&format!("## {}\n\n", b.text)),
        _ => {
            out.push_str(&b.text);
            out.push_str("\n\n");
        }
    }
}

/// Turns a text into a source: `o` is what was read of it, `ocr` says which
/// pages were read by OCR (a comment of the front matter), `origin` names
/// the file it came from.
pub fn markdown(text: &str, o: &InspectOut, origin: &str, ocr: Option<&str>) -> Imported {
    let lines = layout::lines(text);
    let blocks = layout::read(text);
    let header = crate::extract::header::read(&Lines::new(text));
    let head_end = header.end.max(header.title_lines.map_or(0, |(_, b)| b));
    // "Nơi nhận" and the signature beside it, up to an appendix or a table:
    // kept line by line as they stand, indentation and all (which column a
    // line is in is how a reader tells the signer from the recipients).
    let sig = crate::extract::signature::read(&Lines::new(text))
        .recipients_line
        .map(|from| {
            let to = blocks
                .iter()
                .find(|b| {
                    b.first > from
                        && (matches!(b.kind, Kind::Row | Kind::GroupRow)
                            || crate::text::fold(&b.text).starts_with("phu luc"))
                })
                .map_or(lines.len(), |b| b.first - 1);
            (from, to)
        });
    let mut body = String::new();
    let mut used = vec![false; lines.len() + 1];
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        if let Some((from, to)) = sig
            && b.first >= from
            && b.last <= to
        {
            if i == 0 || b.first == from || blocks[i - 1].first < from {
                if !body.ends_with("\n\n") {
                    body.push('\n');
                }
                let mut blank = false;
                for l in from..=to {
                    let line = &lines[l - 1];
                    used[l] = true;
                    if line.artifact {
                        continue;
                    }
                    if line.plain.is_empty() {
                        blank = true;
                        continue;
                    }
                    if blank {
                        body.push('\n');
                        blank = false;
                    }
                    body.push_str(line.raw.trim_end());
                    body.push('\n');
                }
                body.push('\n');
            }
            i += 1;
            continue;
        }
        mark(&mut used, b);
        if matches!(b.kind, Kind::Row | Kind::GroupRow) {
            let start = i;
            while i < blocks.len() && matches!(blocks[i].kind, Kind::Row | Kind::GroupRow) {
                mark(&mut used, &blocks[i]);
                i += 1;
            }
            let rows: Vec<&Block> = blocks[start..i].iter().collect();
            table(&rows, &mut body);
            continue;
        }
        let source_lines = || (b.first..=b.last.min(lines.len())).filter(|&l| l >= 1);
        let columns = b.first <= head_end
            || source_lines().any(|l| !lines[l - 1].artifact && in_columns(lines[l - 1].raw));
        if columns {
            // Between lines kept as they stand, a blank line only where the
            // text has one (a title runs on over its lines).
            let prev_last = if i > 0 { blocks[i - 1].last } else { 0 };
            let gap = (prev_last + 1..b.first)
                .any(|l| l >= 1 && l <= lines.len() && lines[l - 1].plain.is_empty());
            if !gap && body.ends_with("\n\n") {
                body.pop();
            }
            for l in source_lines() {
                let line = &lines[l - 1];
                if !line.artifact && !line.plain.is_empty() {
                    body.push_str(line.raw.trim());
                    body.push('\n');
                }
            }
            body.push('\n');
        } else {
            block(b, &mut body);
        }
        i += 1;
    }
    let dropped = (1..=lines.len())
        .filter(|&l| lines[l - 1].artifact && !used[l])
        .chain((1..=lines.len()).filter(|&l| used[l] && lines[l - 1].artifact))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|&l| {
            let p = &lines[l - 1].plain;
            p.chars().any(char::is_alphanumeric)
        })
        .collect();
    Imported {
        source: format!("{}{}", front(o, text, origin, ocr), body.trim_end()) + "\n",
        dropped,
    }
}
