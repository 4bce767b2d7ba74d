//! Tasks: who must do what, by when (CONVENTIONS.md §6, §9), read from the
//! blocks of the layout stage. A task is a paragraph or list item (or the
//! part of one that a deadline closes), a slot run ("Cơ quan chủ trì: …",
//! "Thời gian thực hiện: …") under the text it belongs to, or a row of a
//! task table; with its lead bodies — the body heading it sits under, the
//! subject of its own sentence cut at the first role verb, a lead slot or
//! column — its partners and its deadline. A group heading's deadline
//! ("3. Nhiệm vụ thường xuyên") holds for the groups under it. Names are
//! kept as written; matching them to the registry happens in the graph.

use super::BodyMention;
use super::due::{self, Found};
use super::who::{
    addressed, after_number, body_heading, coordinating, is_generic, roman_heading, split_bodies,
    strip_bullet, subject, subject_here,
};
use crate::date::Date;
use crate::deadline::{self, Deadline};
use crate::layout::{Block, Kind};
use crate::text::{collapse_ws, name_key};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize, bitcode::Encode, bitcode::Decode)]
pub struct Task {
    /// 1-based line of the task (of its deadline when a block holds several).
    pub line: usize,
    pub text: String,
    pub bodies: Vec<String>,
    pub coordinating: Vec<String>,
    pub deadline: Option<Deadline>,
}

/// What a slot's label says it holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SlotKind {
    Time,
    Lead,
    Partner,
    Other,
}

fn slot_kind(label: &str) -> SlotKind {
    let k = name_key(label);
    if k.starts_with("thời gian") || k.starts_with("thời hạn") || k.starts_with("tiến độ")
    {
        SlotKind::Time
    } else if k.contains("phối hợp") {
        SlotKind::Partner
    } else if k.contains("chủ trì")
        || k.contains("thực hiện")
        || k.starts_with("trách nhiệm")
        || k.starts_with("cơ quan")
        || k.starts_with("đơn vị")
    {
        SlotKind::Lead
    } else {
        SlotKind::Other
    }
}

/// A slot block split at its label: (kind, value).
fn slot(b: &Block) -> Option<(SlotKind, &str)> {
    let label = crate::layout::slot_label(&b.text)?;
    let at = b.text.find(':')? + 1;
    let _ = label;
    let label = b.text[..at - 1].trim_start_matches(['-', '+', '*', '•', ' ']);
    Some((slot_kind(label), b.text[at..].trim()))
}

/// Body names in a slot value or a table cell: "Các Sở, ngành, đơn vị,
/// UBND cấp xã." → the parts, when each names a body; else the whole.
fn names_in(value: &str) -> Vec<String> {
    let v = value.trim().trim_end_matches(['.', ';', ',']);
    if v.is_empty() || is_generic(v) {
        return Vec::new();
    }
    let parts: Vec<&str> = v
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 {
        parts
            .iter()
            .map(|p| p.trim_end_matches(['.', ',']).to_string())
            .collect()
    } else {
        split_bodies(v)
    }
}

/// The bodies of a lead slot or column: its names, or, when the value is
/// itself an assignment ("Sở Nội vụ chủ trì, phối hợp với Sở Tài chính và
/// UBND các huyện"), its subject as the lead and those it is to work with
/// as partners: (lead, partners).
fn lead_value(value: &str) -> (Vec<String>, Vec<String>) {
    match subject_here(value.trim(), false) {
        Some(name) => (names_in(&name), coordinating(value)),
        None => (names_in(value), Vec::new()),
    }
}

/// The column of a table row whose header holds one of `words`.
fn cell<'a>(b: &'a Block, words: &[&str], not: &[&str]) -> Option<&'a str> {
    b.cells
        .iter()
        .find(|c| {
            c.column.as_deref().is_some_and(|l| {
                let k = name_key(l);
                words.iter().any(|w| k.contains(w)) && !not.iter().any(|w| k.contains(w))
            })
        })
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
}

/// A numbered heading's depth: "3." is 1, "3.1." is 2; Roman ones are 0.
fn depth(text: &str) -> Option<usize> {
    let m = crate::layout::marker(text)?;
    let core = m.trim_end_matches(['.', '-', ')', '/', ' ']);
    if core.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        return Some(0);
    }
    core.chars()
        .all(|c| c.is_ascii_digit() || c == '.')
        .then(|| core.split('.').count())
}

/// Reads the tasks of a text's blocks after line `from` (the opening
/// paragraph), to "Nơi nhận"; and the bodies it makes responsible.
pub fn read(blocks: &[Block], from: usize, d0: Option<Date>) -> (Vec<Task>, Vec<BodyMention>) {
    let mut out: Vec<Task> = Vec::new();
    let mut bodies: Vec<BodyMention> = Vec::new();
    // The keys of the bodies mentioned so far.
    let mut keys: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut mention = |name: &str, line: usize, bodies: &mut Vec<BodyMention>| {
        let k = name_key(name);
        if !k.is_empty() && keys.insert(k) {
            bodies.push(BodyMention {
                name: name.to_string(),
                line,
            });
        }
    };
    let mut heading_body: Option<Vec<String>> = None;
    // Title of the group heading the blocks sit under ("2. Nâng cao …").
    let mut group: Option<String> = None;
    // Group deadlines held for the groups under them: (depth, deadline,
    // index of the heading's own task in `out`, inherited yet).
    let mut held: Vec<(usize, Deadline, Option<usize>, bool)> = Vec::new();
    // Tasks of group headings that the groups under them took over.
    let mut dropped: Vec<usize> = Vec::new();
    // Lead and partners of the last task block, for continuation blocks.
    let mut last: Option<(Vec<String>, Vec<String>, bool)> = None;
    // The last task text and line, which a slot run after it completes.
    let mut current: Option<(&str, usize, Vec<String>)> = None;
    // Between "Nơi nhận" and an appendix ("PHỤ LỤC") stand the recipients
    // and the signature, not tasks.
    let mut signed = false;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        i += 1;
        if b.last <= from {
            continue;
        }
        let plain = b.text.trim();
        if plain.is_empty() {
            continue;
        }
        let lower = crate::text::lower(&plain[..plain.floor_char_boundary(40)]);
        if lower.starts_with("nơi nhận") {
            signed = true;
            continue;
        }
        if signed {
            // An appendix, or a document attached to this one (a Quyết
            // định's Kế hoạch: its kind word, "Ban hành kèm theo …").
            let attached = b.kind == Kind::Heading && crate::kinds::starts_with_upper_name(plain);
            if !(lower.starts_with("phụ lục")
                || attached
                || lower.starts_with("(ban hành kèm theo")
                || lower.starts_with("(kèm theo"))
            {
                continue;
            }
            signed = false;
            heading_body = None;
            group = None;
            held.clear();
            last = None;
            current = None;
        }
        match b.kind {
            Kind::GroupRow => {
                group = b.cells.get(1).map(|c| c.text.clone());
                heading_body = None;
                last = None;
                current = None;
                continue;
            }
            Kind::Row => {
                row_task(b, d0, &mut out, &mut bodies, &mut mention);
                continue;
            }
            Kind::Slot => {
                // A run of slots: what it belongs to is the task before it,
                // else the group it sits in.
                let mut run = vec![b];
                while i < blocks.len() && blocks[i].kind == Kind::Slot {
                    run.push(&blocks[i]);
                    i += 1;
                }
                let (text, line, inherited_lead) = match current.take() {
                    Some((t, line, lead)) => (collapse_ws(t), line, lead),
                    None => match &group {
                        Some(g) => (g.clone(), b.first, Vec::new()),
                        None => (plain.to_string(), b.first, Vec::new()),
                    },
                };
                slot_run(
                    &run,
                    (&text, line, &inherited_lead),
                    d0,
                    (&mut held, &mut dropped),
                    &mut out,
                    &mut bodies,
                    &mut mention,
                );
                current = None;
                continue;
            }
            _ => {}
        }
        if let Some(title) = roman_heading(plain) {
            heading_body = None;
            group = Some(collapse_ws(title));
            held.clear();
            last = None;
            current = None;
            continue;
        }
        if let Some(name) = body_heading(plain) {
            mention(&name, b.first, &mut bodies);
            heading_body = Some(split_bodies(&name));
            last = None;
            current = None;
            continue;
        }
        let numbered = after_number(plain);
        let content = numbered.unwrap_or_else(|| strip_bullet(plain));
        let own_subject = subject(content);
        let short = plain.split_whitespace().count() <= 20 && !plain.contains('(');
        if (b.kind == Kind::Heading || (numbered.is_some() && short))
            && own_subject.is_none()
            && !plain.ends_with('.')
        {
            // A group heading with no body in it ("2. Nâng cao …"); its own
            // deadline ("1. Đến năm 2025:", "3. Nhiệm vụ thường xuyên") is
            // a task, or holds for the groups under it.
            heading_body = None;
            let title = collapse_ws(numbered.unwrap_or(plain).trim_end_matches(':'));
            let level = depth(plain).unwrap_or(9);
            held.retain(|h| h.0 < level);
            // A heading that is a period ("2. Năm 2026", "1. Quý IV, năm
            // 2025"): the time of the tasks under it.
            let whole = period_heading(&title, d0);
            let found: Vec<Deadline> = match whole.or_else(|| standing_heading(&title, d0)) {
                Some(d) => vec![d],
                None => due::find(&title, d0, false)
                    .into_iter()
                    .map(|f| f.d)
                    .collect(),
            };
            for d in found {
                out.push(Task {
                    line: b.first,
                    text: title.clone(),
                    bodies: Vec::new(),
                    coordinating: Vec::new(),
                    deadline: Some(d.clone()),
                });
                held.push((level, d, Some(out.len() - 1), false));
            }
            group = Some(title);
            last = None;
            current = None;
            continue;
        }
        if lower.starts_with("trên đây là") {
            // The closing paragraph addresses those it asks to act:
            // "… Ban Thường vụ yêu cầu cấp ủy cơ sở, cơ quan, đơn vị triển khai …".
            heading_body = None;
            group = None;
        }
        let continuation = content.starts_with(char::is_lowercase) && last.is_some();
        let (lead, partners, assigned) = if continuation {
            last.clone().unwrap_or_default()
        } else {
            let own = own_subject
                .map(|s| split_bodies(&s))
                .or_else(|| addressed(content));
            // Work is assigned by a body heading or a numbered line whose
            // subject is a body ("2. Ban Tuyên giáo Trung ương chủ trì …").
            let closing = lower.starts_with("trên đây là");
            let assigned =
                heading_body.is_some() || (own.is_some() && (numbered.is_some() || closing));
            if let Some(o) = &own
                && (numbered.is_some() || super::who::assigns(content))
            {
                for n in o {
                    mention(n, b.first, &mut bodies);
                }
            }
            let lead = own.or_else(|| heading_body.clone()).unwrap_or_default();
            (lead, coordinating(content), assigned)
        };
        let offset = plain.len() - content.len();
        let found = due::find(content, d0, assigned);
        current = Some((content, b.first, lead.clone()));
        if found.is_empty() && lead.is_empty() {
            last = None;
            continue;
        }
        last = Some((lead.clone(), partners.clone(), assigned));
        if found.is_empty() {
            out.push(Task {
                line: b.first,
                text: collapse_ws(content),
                bodies: lead,
                coordinating: partners,
                deadline: None,
            });
            continue;
        }
        push_found(
            &mut out,
            found,
            content,
            |at| b.line_at(offset + at),
            &lead,
            &partners,
            group.as_deref(),
        );
    }
    // A group deadline that the groups under it took over is not a task
    // of its own as well.
    let out = out
        .into_iter()
        .enumerate()
        .filter(|(k, _)| !dropped.contains(k))
        .map(|(_, t)| t)
        .collect();
    (out, bodies)
}

/// A heading that is only a period ("Năm 2026", "Quý IV, năm 2025",
/// "Tháng 12/2025"): its deadline.
fn period_heading(title: &str, d0: Option<Date>) -> Option<Deadline> {
    let t = title.trim().trim_end_matches([':', '.']);
    if t.split_whitespace().count() > 6 {
        return None;
    }
    let first = crate::text::lower(t.split_whitespace().next()?);
    if !["năm", "quý", "tháng", "6", "sáu", "9", "chín"].contains(&first.as_str()) {
        return None;
    }
    deadline::parse(t, d0)
}

/// A heading that names a class of standing work ("3. Nhiệm vụ thường
/// xuyên", "II. CÁC CÔNG VIỆC ĐỊNH KỲ", "Nhiệm vụ hằng năm"): the time of
/// the groups under it.
fn standing_heading(title: &str, d0: Option<Date>) -> Option<Deadline> {
    let k = name_key(title.trim_end_matches([':', '.']));
    if k.split_whitespace().count() > 6 {
        return None;
    }
    let work = ["nhiệm vụ", "công việc", "nội dung"];
    if !work.iter().any(|w| k.contains(w)) {
        return None;
    }
    [
        "thường xuyên",
        "định kỳ",
        "hằng năm",
        "hàng năm",
        "hằng tháng",
        "hàng tháng",
        "hằng quý",
        "hàng quý",
    ]
    .iter()
    .find(|w| k.ends_with(*w))
    .and_then(|w| deadline::parse(w, d0))
    .map(|mut d| {
        d.text = collapse_ws(title.trim_end_matches([':', '.']));
        d
    })
}

/// Each deadline closes the part of the text before it, or opens its clause.
fn push_found(
    out: &mut Vec<Task>,
    found: Vec<Found>,
    content: &str,
    line_at: impl Fn(usize) -> usize,
    lead: &[String],
    partners: &[String],
    group: Option<&str>,
) {
    let mut seg_start = 0;
    for f in found {
        let seg = if f.opens {
            &content[f.a..f.b.max(f.a)]
        } else {
            &content[seg_start..f.a.max(seg_start)]
        };
        let seg = seg.trim().trim_start_matches([';', ',', ' ']).trim();
        let seg = seg
            .strip_prefix("và ")
            .unwrap_or(seg)
            .trim_end_matches([',', ';', ' ']);
        let text = if seg.split_whitespace().count() >= 2 {
            collapse_ws(seg)
        } else {
            // A deadline on a line of its own: the group it closes.
            group
                .map(str::to_string)
                .unwrap_or_else(|| f.d.text.clone())
        };
        out.push(Task {
            line: line_at(f.a),
            text,
            bodies: lead.to_vec(),
            coordinating: partners.to_vec(),
            deadline: Some(f.d),
        });
        seg_start = if f.opens { seg_start } else { f.b };
    }
}

/// The tasks of a run of slots under a task text: lead and partner slots
/// name its bodies, each time slot gives a deadline. A run with bodies but
/// no time takes a deadline its group holds ("3. Nhiệm vụ thường xuyên" →
/// each "3.x" with its "Trách nhiệm chỉ đạo thực hiện: …").
/// A deadline a group holds for its slots: (line, value, slot line, used).
type HeldDeadline = (usize, Deadline, Option<usize>, bool);

fn slot_run(
    run: &[&Block],
    (text, line, inherited_lead): (&str, usize, &[String]),
    d0: Option<Date>,
    (held, dropped): (&mut [HeldDeadline], &mut Vec<usize>),
    out: &mut Vec<Task>,
    bodies: &mut Vec<BodyMention>,
    mention: &mut impl FnMut(&str, usize, &mut Vec<BodyMention>),
) {
    let mut lead: Vec<String> = Vec::new();
    let mut partners: Vec<String> = Vec::new();
    let mut times: Vec<(usize, Deadline)> = Vec::new();
    for b in run {
        let Some((kind, value)) = slot(b) else {
            continue;
        };
        match kind {
            SlotKind::Lead => {
                let (names, with) = lead_value(value);
                for n in names {
                    mention(&n, b.first, bodies);
                    lead.push(n);
                }
                for n in with {
                    mention(&n, b.first, bodies);
                    partners.push(n);
                }
            }
            SlotKind::Partner => {
                for n in names_in(value) {
                    mention(&n, b.first, bodies);
                    partners.push(n);
                }
            }
            // "Thời điểm lấy số liệu: …": the span the figures cover.
            SlotKind::Time if due::figures_label(&b.text[..b.text.find(':').unwrap_or(0)]) => {}
            SlotKind::Time => {
                let at = b.text.find(':').map_or(0, |p| p + 1);
                let value_at = at + (b.text[at..].len() - b.text[at..].trim_start().len());
                let found = due::slot_values(value, d0);
                let n = found.len();
                for (off, mut d) in found {
                    if n == 1 {
                        d.text = collapse_ws(b.text.trim_end_matches('.'));
                    }
                    times.push((b.line_at(value_at + off), d));
                }
            }
            SlotKind::Other => {}
        }
    }
    let lead = if lead.is_empty() {
        inherited_lead.to_vec()
    } else {
        lead
    };
    if times.is_empty()
        && !lead.is_empty()
        && let Some(h) = held.last_mut()
    {
        // The group's own deadline now belongs to the groups under it.
        if let Some(k) = h.2.take() {
            dropped.push(k);
        }
        h.3 = true;
        times.push((line, h.1.clone()));
    }
    if times.is_empty() {
        if !lead.is_empty() {
            out.push(Task {
                line,
                text: text.to_string(),
                bodies: lead,
                coordinating: partners,
                deadline: None,
            });
        }
        return;
    }
    for (l, d) in times {
        out.push(Task {
            line: l,
            text: text.to_string(),
            bodies: lead.clone(),
            coordinating: partners.clone(),
            deadline: Some(d),
        });
    }
}

/// A task from a row of a task table: its text, lead and partner columns,
/// and the deadlines of its time column.
fn row_task(
    b: &Block,
    d0: Option<Date>,
    out: &mut Vec<Task>,
    bodies: &mut Vec<BodyMention>,
    mention: &mut impl FnMut(&str, usize, &mut Vec<BodyMention>),
) {
    let text = cell(
        b,
        &["nội dung", "nhiệm vụ", "công việc", "tên"],
        &["chủ trì", "phối hợp"],
    )
    .or_else(|| {
        b.cells
            .iter()
            .map(|c| c.text.as_str())
            .max_by_key(|t| t.len())
    })
    .unwrap_or_default();
    let lead: Vec<String> = cell(
        b,
        &["chủ trì", "thực hiện", "cơ quan", "đơn vị"],
        &["phối hợp", "thời", "cá nhân", "lãnh đạo"],
    )
    .map(names_in)
    .unwrap_or_default();
    let partners: Vec<String> = cell(b, &["phối hợp"], &[])
        .map(names_in)
        .unwrap_or_default();
    for n in &lead {
        mention(n, b.first, bodies);
    }
    // The time column, or each of the columns under a time group
    // ("Thời gian trình" over "BTV" / "BCH"): an "x" there marks a column.
    let is_time = |c: &crate::layout::Cell| {
        c.column.as_deref().is_some_and(|l| {
            let k = name_key(l);
            k.contains("thời gian")
                || k.contains("thời hạn")
                || k.contains("tiến độ")
                || k.contains("lộ trình")
        })
    };
    let mut times: Vec<(usize, Deadline)> = b
        .cells
        .iter()
        .filter(|c| is_time(c))
        .flat_map(|c| {
            due::slot_values(&c.text, d0)
                .into_iter()
                .map(|(_, d)| (c.line, d))
        })
        .collect();
    // A duty the other cells set as a sentence would: "Định kỳ công bố
    // chất lượng …", "…, trình Ủy ban nhân dân tỉnh trước ngày 30/8/2026"
    // (the row's own time is its time column's).
    for c in b.cells.iter().filter(|c| !is_time(c)) {
        for f in due::find(&c.text, d0, false) {
            let same = times
                .iter()
                .any(|(_, t)| (t.kind, t.start, t.end) == (f.d.kind, f.d.start, f.d.end));
            // Their periods and horizons are the work's scope ("dự báo nhu
            // cầu đến năm 2030", "phấn đấu đến năm 2030 đạt …"); a day to
            // deliver by, or a recurrence, is a duty.
            let duty = matches!(f.d.kind, deadline::Kind::ByDate | deadline::Kind::Recurring);
            if !same && duty {
                times.push((c.line, f.d));
            }
        }
    }
    if times.is_empty() {
        if !lead.is_empty() {
            out.push(Task {
                line: b.first,
                text: collapse_ws(text),
                bodies: lead,
                coordinating: partners,
                deadline: None,
            });
        }
        return;
    }
    for (line, d) in times {
        out.push(Task {
            line,
            text: collapse_ws(text),
            bodies: lead.clone(),
            coordinating: partners.clone(),
            deadline: Some(d),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, lead bodies, coordinating bodies, "kind end")
    type Want<'a> = (usize, &'a [&'a str], &'a [&'a str], Option<&'a str>);
    type Got = (usize, Vec<String>, Vec<String>, Option<String>);

    fn check(text: &str, expected: &[Want]) {
        let got: Vec<Got> = read(&crate::layout::read(text), 0, Date::new(2022, 11, 28))
            .0
            .into_iter()
            .map(|t| {
                (
                    t.line,
                    t.bodies,
                    t.coordinating,
                    t.deadline.map(|d| {
                        format!(
                            "{} {}",
                            d.kind.as_str(),
                            d.end.map(|e| e.to_string()).unwrap_or_default()
                        )
                    }),
                )
            })
            .collect();
        let expected: Vec<Got> = expected
            .iter()
            .map(|(l, b, c, d)| {
                (
                    *l,
                    b.iter().map(|s| s.to_string()).collect(),
                    c.iter().map(|s| s.to_string()).collect(),
                    d.map(str::to_string),
                )
            })
            .collect();
        assert_eq!(got, expected, "text: {text:?}");
    }

    /// The bodies a text is read to make responsible, in order.
    fn check_bodies(text: &str, expected: &[&str]) {
        let got: Vec<String> = read(&crate::layout::read(text), 0, Date::new(2022, 11, 28))
            .1
            .into_iter()
            .map(|b| b.name)
            .collect();
        assert_eq!(got, expected, "text: {text:?}");
    }

    #[test]
    fn bodies_of_slots_assignment_lines_and_named_bullets() {
        // A lead slot that is an assignment: its subject leads, those it
        // works with are partners, and both are the text's bodies.
        check_bodies(
            "1. Tuyên truyền về quan hệ lao động.\n- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với Sở Tài chính và Liên đoàn Lao động tỉnh.\n",
            &["Sở Nội vụ", "Sở Tài chính", "Liên đoàn Lao động tỉnh"],
        );
        check(
            "1. Tuyên truyền về quan hệ lao động.\n- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với Sở Tài chính.\n- Thời gian thực hiện: Quý I/2023.\n",
            &[(
                3,
                &["Sở Nội vụ"],
                &["Sở Tài chính"],
                Some("quarter 2023-03-31"),
            )],
        );
        // A partner slot names bodies too.
        check_bodies(
            "1. Kiểm kê tài sản.\nCơ quan chủ trì: Sở Tài chính.\nCơ quan phối hợp: Sở Xây dựng.\n",
            &["Sở Tài chính", "Sở Xây dựng"],
        );
        // An unnumbered line whose body takes a share of the work ("chủ
        // trì", "phối hợp", "tham mưu", "chịu trách nhiệm" or a colon); a
        // comma list of bodies is split, "các cơ quan tham mưu giúp việc" is
        // one body.
        check_bodies(
            "1. Tại Hội nghị tháng 12 hằng năm: Tổng kết công tác xây dựng Đảng.\nVăn phòng Đảng uỷ, Đảng uỷ UBND xã, các cơ quan tham mưu giúp việc Đảng uỷ phối hợp tham mưu chuẩn bị nội dung.\n",
            &[
                "Văn phòng Đảng uỷ",
                "Đảng uỷ UBND xã",
                "các cơ quan tham mưu giúp việc Đảng uỷ",
            ],
        );
        check_bodies(
            "- Phối hợp hướng dẫn kiểm kê. Trong đó:\n\n+ Sở\nXây dựng: hướng dẫn kiểm kê hạ tầng giao thông.\n",
            &["Sở Xây dựng"],
        );
        // A body that is said to act in prose is no assignment.
        check_bodies(
            "Ban Thường vụ Tỉnh uỷ ban hành Kế hoạch thực hiện như sau.\n",
            &[],
        );
        // "Uỷ ban MTTQ và các tổ chức chính trị - xã hội" stays one name.
        check_bodies(
            "- Uỷ ban MTTQ Việt Nam và các tổ chức chính trị - xã hội chủ trì vận động.\n",
            &["Uỷ ban MTTQ Việt Nam và các tổ chức chính trị - xã hội"],
        );
    }

    #[test]
    fn body_headings_lead_the_tasks_under_them() {
        check(
            "IV- NHIỆM VỤ CỤ THỂ\n\n4. Ban Tổ chức Trung ương\n\n- Tổng kết Quy định số 164-QĐ/TW (*hoàn thành trong năm 2023*); sửa đổi Quy định 132-QĐ/TW (*hoàn thành trong năm 2024*).\n\n- Chủ trì, phối hợp với Văn phòng Trung ương Đảng, Ban Tuyên giáo Trung ương nghiên cứu (*thực hiện thường xuyên*).",
            &[
                (5, &["Ban Tổ chức Trung ương"], &[], Some("year 2023-12-31")),
                (5, &["Ban Tổ chức Trung ương"], &[], Some("year 2024-12-31")),
                (
                    7,
                    &["Ban Tổ chức Trung ương"],
                    &["Văn phòng Trung ương Đảng", "Ban Tuyên giáo Trung ương"],
                    Some("ongoing "),
                ),
            ],
        );
    }

    #[test]
    fn subjects_are_cut_at_the_role_verb() {
        check(
            "2. Ban Tuyên giáo Trung ương chủ trì, phối hợp với các cơ quan liên quan hướng dẫn học tập (*hoàn thành học tập trong tháng 12/2022*) và thường xuyên chỉ đạo thực hiện.",
            &[
                (
                    1,
                    &["Ban Tuyên giáo Trung ương"],
                    &["các cơ quan liên quan"],
                    Some("month 2022-12-31"),
                ),
                (
                    1,
                    &["Ban Tuyên giáo Trung ương"],
                    &["các cơ quan liên quan"],
                    Some("ongoing "),
                ),
            ],
        );
        check(
            "1. Bộ Chính trị, Ban Bí thư tăng cường công tác lãnh đạo; thường xuyên kiểm tra, giám sát.",
            &[(1, &["Bộ Chính trị", "Ban Bí thư"], &[], Some("ongoing "))],
        );
        check(
            "1. Cấp uỷ, tổ chức đảng ban hành chương trình, kế hoạch thực hiện.",
            &[(1, &["Cấp uỷ, tổ chức đảng"], &[], None)],
        );
        check(
            "- Các cấp ủy, tổ chức đảng trực thuộc kịp thời tổ chức học tập.",
            &[(1, &["Các cấp ủy, tổ chức đảng trực thuộc"], &[], None)],
        );
    }

    #[test]
    fn subjects_end_at_any_act_of_the_task() {
        // The first act ends the name, whatever the act.
        for (line, name) in [
            (
                "3. Ban Tuyên giáo Tỉnh ủy tổng hợp, báo cáo kết quả thực hiện.",
                "Ban Tuyên giáo Tỉnh ủy",
            ),
            (
                "- Ủy ban Kiểm tra Tỉnh ủy kiểm tra, giám sát việc thực hiện.",
                "Ủy ban Kiểm tra Tỉnh ủy",
            ),
            (
                "2. Văn phòng Tỉnh ủy theo dõi, đôn đốc, tổng hợp kết quả.",
                "Văn phòng Tỉnh ủy",
            ),
            (
                "4. Sở Tài chính bảo đảm kinh phí thực hiện Kế hoạch.",
                "Sở Tài chính",
            ),
            (
                "5. Đảng ủy Khối các cơ quan tỉnh đề xuất, kiến nghị sửa đổi quy chế.",
                "Đảng ủy Khối các cơ quan tỉnh",
            ),
            (
                "1. Ban Tổ chức Tỉnh ủy hướng dẫn, kiểm tra việc kiện toàn tổ chức.",
                "Ban Tổ chức Tỉnh ủy",
            ),
            (
                "- Ủy ban nhân dân tỉnh chỉ đạo, bố trí nguồn lực.",
                "Ủy ban nhân dân tỉnh",
            ),
            (
                "3. Báo Lào Cai, Đài Phát thanh - Truyền hình tỉnh tuyên truyền sâu rộng.",
                "Báo Lào Cai, Đài Phát thanh - Truyền hình tỉnh",
            ),
            // A lowercase field right after a bare head is part of the name.
            (
                "- Ủy ban kiểm tra Đảng ủy chủ trì, phối hợp thực hiện.",
                "Ủy ban kiểm tra Đảng ủy",
            ),
            (
                "2. Ban chỉ đạo 35 Tỉnh ủy chủ trì, tham mưu thực hiện.",
                "Ban chỉ đạo 35 Tỉnh ủy",
            ),
            (
                "1. Hội đồng thẩm định tỉnh có trách nhiệm thẩm định hồ sơ.",
                "Hội đồng thẩm định tỉnh",
            ),
            (
                "- Trung tâm hỗ trợ phát triển doanh nghiệp tỉnh chủ trì tổ chức hội nghị.",
                "Trung tâm hỗ trợ phát triển doanh nghiệp tỉnh",
            ),
        ] {
            let names = super::super::who::split_bodies(name);
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            check(line, &[(1, &names, &[], None)]);
        }
    }

    #[test]
    fn body_words_match_in_any_tone_placement_and_case() {
        for line in [
            "1. Uỷ ban Kiểm tra Trung ương chủ trì tổng kết.",
            "1. Ủy ban Kiểm tra Trung ương chủ trì tổng kết.",
            "1. ỦY BAN KIỂM TRA TRUNG ƯƠNG chủ trì tổng kết.",
        ] {
            let name = line[3..line.find(" chủ trì").unwrap()].to_string();
            check(line, &[(1, &[name.as_str()], &[], None)]);
        }
        // Whole words only: "Bàn giao" and "Banh" are not bodies.
        check("1. Banh tổ chức học tập.", &[]);
    }

    #[test]
    fn group_headings_without_a_body_and_separate_deadline_lines() {
        check(
            "2. Nâng cao hiệu quả công tác tổ chức, cán bộ\n\n- Quan tâm xây dựng đội ngũ cấp ủy viên ở cơ sở.\n\n* Thời gian thực hiện: Thường xuyên.",
            &[(5, &[], &[], Some("ongoing "))],
        );
        check(
            "Đến năm 2025: 100% cấp ủy có kế hoạch.\n\nHằng năm, rà soát, bổ sung quy hoạch.",
            &[
                (1, &[], &[], Some("horizon 2025-12-31")),
                (3, &[], &[], Some("recurring ")),
            ],
        );
    }

    #[test]
    fn starred_body_lines_and_continuations() {
        check(
            "\\* Đảng ủy TTXVN:\n\n- Ban Thường vụ Đảng ủy TTXVN ban hành quy chế làm việc (*hoàn thành trong quý III năm 2023*).\n\n- Sửa đổi quy chế (*hoàn thành trong quý III năm 2023*).",
            &[
                (
                    3,
                    &["Ban Thường vụ Đảng ủy TTXVN"],
                    &[],
                    Some("quarter 2023-09-30"),
                ),
                (5, &["Đảng ủy TTXVN"], &[], Some("quarter 2023-09-30")),
            ],
        );
    }

    #[test]
    fn look_alikes_are_not_deadlines() {
        check(
            "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2020 - 2025 (nhiệm kỳ 2020 - 2025).",
            &[],
        );
        check("khóa XIII (khóa XIII)", &[]);
    }
}
