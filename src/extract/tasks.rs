//! Tasks: who must do what, by when (DOMAIN.md §1.8, §2.1). A task is a
//! paragraph or list item (or the part of one that ends in a deadline) with
//! its lead bodies — the body heading it sits under ("4. Ban Tổ chức Trung
//! ương"), or the subject of its own sentence cut at the first role verb
//! ("Ban Tuyên giáo Trung ương chủ trì, …") — its coordinating bodies
//! ("phối hợp với …") and its deadline. Names are kept as written; matching
//! them to the bodies registry happens in the graph.

use super::Lines;
use crate::date::Date;
use crate::deadline::{self, Deadline};
use crate::text::{list_items, name_key};
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Task {
    /// 1-based line of the task (of its deadline when a line holds several).
    pub line: usize,
    pub text: String,
    pub bodies: Vec<String>,
    pub coordinating: Vec<String>,
    pub deadline: Option<Deadline>,
}

/// Words a body's name starts with, as whole words. Compared through
/// `name_key`, so each is written once ("ủy" also matches "uỷ", "ỦY").
const BODY_WORDS: &[&str] = &[
    "ban",
    "bộ",
    "đảng ủy",
    "đảng đoàn",
    "đảng bộ",
    "ủy ban",
    "văn phòng",
    "hội đồng",
    "cấp ủy",
    "chi bộ",
    "chi ủy",
    "đoàn",
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "công đoàn",
    "mặt trận",
    "hội",
    "cơ quan",
    "sở",
    "báo",
    "đài",
    "trung tâm",
    "trường",
    "học viện",
    "thông tấn",
    "chính phủ",
    "quốc hội",
    "ngành",
    "người đứng đầu",
    "thủ trưởng",
];

/// Words that end a body's name: its role or first act (DOMAIN.md §1.8).
const ROLE_WORDS: &[&str] = &[
    " chủ trì",
    " phối hợp",
    " tham mưu",
    " có trách nhiệm",
    " chịu trách nhiệm",
    " hướng dẫn",
    " theo dõi",
    " triển khai",
    " lãnh đạo",
    " chỉ đạo",
    " tổ chức ",
    " ban hành",
    " kịp thời",
    " tăng cường",
    " thực hiện",
    " xây dựng",
    " tiếp tục",
    " nghiên cứu",
    " quán triệt",
    " căn cứ",
    " tập trung",
    " thường xuyên",
    " rà soát",
    " đôn đốc",
    " báo cáo",
    " định kỳ",
    " bám sát",
    " phát huy",
    " tổng kết",
    " sơ kết",
    " chú trọng",
    " cần ",
    " quan tâm",
    " đẩy mạnh",
    " nâng cao",
    " chủ động",
    " tích cực",
    " cụ thể",
    " được phân công",
    " tiến hành",
    " nắm",
    ":",
];

/// What may follow "Các" in a group of bodies ("Các tỉnh ủy, thành ủy").
const GROUP_WORDS: &[&str] = &[
    "đồng chí",
    "đơn vị",
    "tổ chức",
    "cấp",
    "ban",
    "chi bộ",
    "đảng",
    "tỉnh",
    "thành",
    "huyện",
    "cơ quan",
    "sở",
    "ngành",
    "địa phương",
    "bộ",
    "ủy ban",
    "hội",
    "báo",
    "đài",
];

static BODY_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| BODY_WORDS.iter().map(|w| name_key(w)).collect());
static GROUP_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| GROUP_WORDS.iter().map(|w| name_key(w)).collect());

fn lower_starts_with_body(s: &str) -> bool {
    // Text is NFC already (load): lower case and canonical tones suffice.
    let l = crate::text::canon_tone(&crate::text::lower(&s[..s.floor_char_boundary(60)]));
    if l.starts_with("báo cáo") {
        return false;
    }
    if let Some(rest) = l.strip_prefix("các ") {
        return GROUP_KEYS.iter().any(|w| rest.starts_with(w.as_str()));
    }
    BODY_KEYS.iter().any(|w| {
        l.strip_prefix(w.as_str())
            .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// Where the first role word of `s` starts ("tổ chức đảng" and "tổ chức
/// chính trị - xã hội" are bodies, not the act "tổ chức").
fn first_role(s: &str) -> Option<usize> {
    // Every role word starts with a space, but ":": one pass over the
    // spaces and colons, the first that starts a role word wins.
    for (at, c) in s.char_indices().filter(|&(_, c)| c == ' ' || c == ':') {
        let rest = &s[at..];
        if c == ':' {
            return Some(at);
        }
        for w in ROLE_WORDS.iter().filter(|w| w.starts_with(' ')) {
            if rest.starts_with(w) {
                if *w == " tổ chức "
                    && rest
                        .strip_prefix(w)
                        .is_some_and(|r| r.starts_with(['đ', 'c']))
                {
                    continue;
                }
                return Some(at);
            }
        }
    }
    None
}

/// "4. Ban Tổ chức Trung ương" → the text after the list number, if any.
fn after_number(s: &str) -> Option<&str> {
    let digits = s.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &s[digits..];
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix("- "))
        .or_else(|| rest.strip_prefix(") "))?;
    Some(rest.trim())
}

fn strip_bullet(s: &str) -> &str {
    let t = s.trim_start_matches(['\\', ' ']);
    for b in ["- ", "+ ", "* ", "• ", "– "] {
        if let Some(r) = t.strip_prefix(b) {
            return r.trim_start();
        }
    }
    // "a) …"
    let mut cs = t.char_indices();
    if let (Some((_, c)), Some((_, ')'))) = (cs.next(), cs.next())
        && c.is_lowercase()
    {
        return t[c.len_utf8() + 1..].trim_start();
    }
    t
}

/// A Roman-numbered section heading ("IV- TỔ CHỨC THỰC HIỆN"): its title.
fn roman_heading(s: &str) -> Option<&str> {
    let end = s.find(|c: char| !matches!(c, 'I' | 'V' | 'X'))?;
    if end == 0 {
        return None;
    }
    let rest = s[end..].trim_start_matches(['.', '-', '–', '/']);
    (rest.len() < s[end..].len() && rest.starts_with(' ')).then(|| rest.trim())
}

/// The body a short line names on its own: "4. Ban Tổ chức Trung ương",
/// "* Đảng ủy TTXVN:".
fn body_heading(s: &str) -> Option<String> {
    let t = after_number(s).unwrap_or_else(|| strip_bullet(s)).trim();
    // "4. Đối với cấp ủy cơ sở … (Sở Thông tin và Truyền thông; …)"
    if let Some(rest) = t.strip_prefix("Đối với ") {
        let name = rest[..rest.find(['(', ':']).unwrap_or(rest.len())].trim();
        return (lower_starts_with_body(name) && name.split_whitespace().count() <= 15)
            .then(|| name.to_string());
    }
    if t.ends_with(['.', ';', ',']) || t.contains('(') {
        return None;
    }
    let t = t.trim_end_matches([':', ' ']);
    if t.is_empty() || !lower_starts_with_body(t) || t.split_whitespace().count() > 30 {
        return None;
    }
    // A heading has no act in it.
    subject(&format!("{t} ")).is_none().then(|| t.to_string())
}

/// The subject of a task sentence: "Ban Tuyên giáo Trung ương chủ trì, …",
/// also after an opening "Căn cứ …, " clause.
fn subject(s: &str) -> Option<String> {
    let l = crate::text::lower(&s[..s.floor_char_boundary(40)]);
    if l.starts_with("căn cứ ") || l.starts_with("trên cơ sở ") {
        let s = &s[..s.find(". ").unwrap_or(s.len())];
        let mut from = 0;
        while let Some(p) = s[from..].find(", ") {
            let at = from + p + 2;
            if lower_starts_with_body(&s[at..]) {
                return subject_here(&s[at..], false);
            }
            from = at;
        }
        return None;
    }
    subject_here(s, true)
}

fn subject_here(s: &str, capital: bool) -> Option<String> {
    if !lower_starts_with_body(s) || (capital && !s.starts_with(char::is_uppercase)) {
        return None;
    }
    let cut = first_role(s);
    let name = s[..cut?].trim().trim_end_matches(',');
    let words = name.split_whitespace().count();
    ((2..=45).contains(&words)).then(|| name.to_string())
}

/// Those a closing sentence asks to act: "yêu cầu X triển khai …" → X.
fn addressed(s: &str) -> Option<Vec<String>> {
    if !crate::text::lower(&s[..s.floor_char_boundary(40)]).starts_with("trên đây là") {
        return None;
    }
    let p = s.find(" yêu cầu ")? + " yêu cầu ".len();
    let rest = &s[p..];
    let end = first_role(rest).unwrap_or(rest.len());
    let name = rest[..end].trim().trim_end_matches(',');
    (!name.is_empty()).then(|| vec![name.to_string()])
}

/// Splits "Bộ Chính trị, Ban Bí thư" into bodies when every part is one.
fn split_bodies(name: &str) -> Vec<String> {
    let parts: Vec<&str> = list_items(name).collect();
    if parts.len() > 1
        && parts
            .iter()
            .all(|p| p.starts_with(char::is_uppercase) && lower_starts_with_body(p))
    {
        parts.into_iter().map(str::to_string).collect()
    } else {
        vec![name.to_string()]
    }
}

/// "phối hợp với Ban Tổ chức, Văn phòng … tham mưu" → the partners.
fn coordinating(s: &str) -> Vec<String> {
    let Some(p) = s.find("phối hợp với ") else {
        return Vec::new();
    };
    let rest = &s[p + "phối hợp với ".len()..];
    let mut end = rest.find([';', '(', '.']).unwrap_or(rest.len());
    if let Some(q) = first_role(&rest[..end]) {
        end = q;
    }
    let list = rest[..end].trim().trim_end_matches(',');
    list_items(list)
        .filter(|p| p.split_whitespace().count() <= 20)
        .map(str::to_string)
        .collect()
}

/// The next position at or after a point where one of `stops` stands (or
/// the end), for points asked in increasing order: each byte is read once.
struct NextStop {
    stops: &'static [char],
    found: Option<usize>,
}

impl NextStop {
    fn new(stops: &'static [char]) -> Self {
        NextStop { stops, found: None }
    }

    fn at(&mut self, text: &str, from: usize) -> usize {
        match self.found {
            Some(p) if p >= from => p,
            _ => {
                let p = from + text[from..].find(self.stops).unwrap_or(text.len() - from);
                self.found = Some(p);
                p
            }
        }
    }
}

/// A deadline found in a line: its byte span, and whether it opens its
/// clause ("thường xuyên kiểm tra …": the task is the clause) rather than
/// closing the text before it ("… (*hoàn thành trong năm 2024*)").
struct Found {
    a: usize,
    b: usize,
    d: Deadline,
    opens: bool,
}

/// Deadlines written in a line: parenthesised ones, "Thời gian thực hiện:
/// …", and clause-initial recurring, ongoing and horizon phrases.
fn deadlines_in(s: &str, d0: Option<Date>, assigned: bool) -> Vec<Found> {
    let mut out = Vec::new();
    // (…) groups.
    let mut from = 0;
    while let Some(p) = s[from..].find('(') {
        let a = from + p;
        let Some(q) = s[a..].find(')') else { break };
        let b = a + q + 1;
        if let Some(d) = deadline::parse(&s[a..b], d0) {
            out.push(Found {
                a,
                b,
                d,
                opens: false,
            });
        }
        from = b;
    }
    // Offsets found in the lowered text are used in `s`: when lowering
    // changes a length (not for Vietnamese letters), search `s` as it is.
    let lower = Some(crate::text::lower(s))
        .filter(|l| l.len() == s.len())
        .unwrap_or_else(|| s.to_string());
    if out.is_empty() {
        for key in ["thời gian thực hiện:", "thời gian hoàn thành:", "thời hạn:"] {
            if let Some(p) = lower.find(key)
                && let Some(d) = deadline::parse(&s[p + key.len()..], d0)
            {
                let mut d = d;
                d.text = crate::text::collapse_ws(s[p..].trim_end_matches('.'));
                out.push(Found {
                    a: p,
                    b: s.len(),
                    d,
                    opens: false,
                });
                return out;
            }
        }
    }
    // Clause-initial phrases: at the start, or after ". ", "; ", ", " or
    // " và ". In a line that assigns work to a body, "thường xuyên" and
    // "định kỳ" count anywhere; in general task bullets they are adverbs.
    const CLAUSE_KEYS: [&str; 6] = [
        "hằng năm",
        "hàng năm",
        "đến năm ",
        "mỗi nhiệm kỳ",
        "định kỳ ",
        "thường xuyên ",
    ];
    let mut starts: Vec<(usize, &str)> = Vec::new();
    if CLAUSE_KEYS.iter().any(|k| lower.contains(k)) {
        starts.push((0, ""));
    }
    for sep in [". ", "; ", ", ", " và "] {
        if starts.is_empty() {
            break;
        }
        starts.extend(lower.match_indices(sep).map(|(i, _)| (i + sep.len(), sep)));
    }
    if assigned {
        for key in ["thường xuyên ", "định kỳ "] {
            if let Some(p) = lower.find(key) {
                starts.push((p, "assigned"));
            }
        }
    }
    starts.sort_unstable();
    starts.dedup_by_key(|x| x.0);
    // Each phrase runs to its clause's end, or to where the next phrase
    // starts: "thường xuyên theo dõi …, định kỳ báo cáo …" is two duties.
    // Starts come in order, so the next stop and the next parenthesis
    // already read are found with cursors: one pass over the line.
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let mut strong = NextStop::new(&[';', '.', '(']);
    let mut weak = NextStop::new(&[',', ';', '.', '(']);
    let mut inside = 0;
    for (a, sep) in starts {
        let rest = &lower[a..];
        let yearly = rest.starts_with("hằng năm") || rest.starts_with("hàng năm");
        let periodic =
            (rest.starts_with("định kỳ ") || rest.starts_with("thường xuyên ")) && assigned;
        let horizon = rest.starts_with("đến năm ");
        let per_term = rest.starts_with("trong mỗi nhiệm kỳ");
        if !(yearly || periodic || horizon || per_term) || !s.is_char_boundary(a) {
            continue;
        }
        while inside < out.len() && out[inside].b <= a {
            inside += 1;
        }
        if inside < out.len() && out[inside].a <= a {
            continue;
        }
        let hit = if yearly && sep != " và " {
            Some(strong.at(&lower, a))
        } else if horizon {
            Some(a + "đến năm 2030".len().min(rest.len()))
        } else if per_term {
            Some(weak.at(&lower, a))
        } else if periodic {
            Some(strong.at(&lower, a))
        } else {
            None
        };
        if let Some(b) = hit
            && s.is_char_boundary(b)
        {
            hits.push((a, b));
        }
    }
    for (k, &(a, b)) in hits.iter().enumerate() {
        let b = hits.get(k + 1).map_or(b, |&(next, _)| b.min(next));
        let phrase = s[a..b].trim_end_matches([',', ';', ' ']);
        if let Some(d) = deadline::parse(phrase, d0) {
            out.push(Found {
                a,
                b: a + phrase.len(),
                d,
                opens: true,
            });
        }
    }
    // Targets: "Tỷ lệ kết nạp đảng viên mới hằng năm đạt từ 4-5%".
    for key in ["hằng năm đạt", "hàng năm đạt"] {
        if let Some(p) = lower.find(key)
            && !out.iter().any(|f| f.a <= p && p < f.b)
            && let Some(d) = deadline::parse(&s[p..p + "hằng năm".len()], d0)
        {
            out.push(Found {
                a: 0,
                b: s.len(),
                d,
                opens: true,
            });
        }
    }
    // "… trước ngày 30/6/2025" anywhere in the sentence.
    if out.is_empty()
        && let Some(p) = lower.find("trước ngày ")
    {
        let b = (p + "trước ngày 30/12/2025".len()).min(s.len());
        let b = s.floor_char_boundary(b);
        if let Some(d) = deadline::parse(&s[p..b], d0) {
            out.push(Found {
                a: p,
                b,
                d,
                opens: false,
            });
        }
    }
    out.sort_by_key(|f| f.a);
    out
}

fn is_heading_like(raw: &str) -> bool {
    let t = raw.trim_start();
    t.starts_with('#') || (t.starts_with("**") && t.trim_end().ends_with("**"))
}

/// Reads the tasks of a text from line `from` (0-based; the body after the
/// opening paragraph) to "Nơi nhận".
pub fn read(lines: &Lines, from: usize, d0: Option<Date>) -> Vec<Task> {
    let mut out = Vec::new();
    let mut heading_body: Option<Vec<String>> = None;
    // Title of the group heading the lines sit under ("2. Nâng cao …").
    let mut group: Option<String> = None;
    // Lead and partners of the last task line, for continuation lines.
    let mut last: Option<(Vec<String>, Vec<String>, bool)> = None;
    for i in from..lines.len() {
        let plain = lines.plain(i).trim();
        if plain.is_empty() {
            continue;
        }
        let lower = crate::text::lower(&plain[..plain.floor_char_boundary(40)]);
        if lower.starts_with("nơi nhận") {
            break;
        }
        if roman_heading(plain).is_some() {
            heading_body = None;
            group = None;
            last = None;
            continue;
        }
        if let Some(b) = body_heading(plain) {
            heading_body = Some(split_bodies(&b));
            last = None;
            continue;
        }
        let numbered = after_number(plain);
        let content = numbered.unwrap_or_else(|| strip_bullet(plain));
        // The subject of the line, read once.
        let own_subject = subject(content);
        let short = plain.split_whitespace().count() <= 20 && !plain.contains('(');
        if (is_heading_like(lines.raw(i)) || (numbered.is_some() && short))
            && own_subject.is_none()
            && !plain.ends_with('.')
        {
            // A group heading with no body in it ("2. Nâng cao …"); a target
            // heading ("1. Đến năm 2025:") is a deadline of its own.
            heading_body = None;
            let title = crate::text::collapse_ws(numbered.unwrap_or(plain).trim_end_matches(':'));
            for f in deadlines_in(&title, d0, false) {
                out.push(Task {
                    line: i + 1,
                    text: title.clone(),
                    bodies: Vec::new(),
                    coordinating: Vec::new(),
                    deadline: Some(f.d),
                });
            }
            group = Some(title);
            last = None;
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
            let lead = own.or_else(|| heading_body.clone()).unwrap_or_default();
            (lead, coordinating(content), assigned)
        };
        let found = deadlines_in(content, d0, assigned);
        if found.is_empty() && lead.is_empty() {
            last = None;
            continue;
        }
        last = Some((lead.clone(), partners.clone(), assigned));
        let lineno = i + 1;
        if found.is_empty() {
            out.push(Task {
                line: lineno,
                text: crate::text::collapse_ws(content),
                bodies: lead,
                coordinating: partners,
                deadline: None,
            });
            continue;
        }
        // Each deadline closes the part of the line before it, or opens
        // its clause.
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
                crate::text::collapse_ws(seg)
            } else {
                // A deadline on a line of its own: the group it closes.
                group.clone().unwrap_or_else(|| f.d.text.clone())
            };
            out.push(Task {
                line: lineno,
                text,
                bodies: lead.clone(),
                coordinating: partners.clone(),
                deadline: Some(f.d),
            });
            seg_start = if f.opens { seg_start } else { f.b };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, lead bodies, coordinating bodies, "kind end")
    type Want<'a> = (usize, &'a [&'a str], &'a [&'a str], Option<&'a str>);
    type Got = (usize, Vec<String>, Vec<String>, Option<String>);

    fn check(text: &str, expected: &[Want]) {
        let lines = Lines::new(text);
        let got: Vec<Got> = read(&lines, 0, Date::new(2022, 11, 28))
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
