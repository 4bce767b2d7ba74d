//! Citations: every identifier of another document in the text, with its
//! kind word, date, issuer, term, topic and relation (CONVENTIONS.md §2–3,
//! §1.9), merged to one entry per cited document in order of first
//! appearance. Short names defined in the text ("sau đây gọi là Nghị quyết
//! 28") are followed to their later uses.

use super::header::Header;
use crate::date::{self, Date};
use crate::diag::Diagnostic;
use crate::docnum::{self, System};
use crate::kinds;
use crate::text::collapse_ws;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// How the citing document relates to the cited one.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    bitcode::Encode,
    bitcode::Decode,
)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// Named in the title or the opening "Thực hiện … / Căn cứ …" paragraph.
    Implements,
    Replaces,
    Amends,
    Repeals,
    /// A report (Báo cáo) on what it names in its title or opening: the
    /// results of implementing it.
    Reports,
    Cites,
}

impl Relation {
    pub fn label(self) -> &'static str {
        match self {
            Relation::Implements => "Thực hiện",
            Relation::Replaces => "Thay thế",
            Relation::Amends => "Sửa đổi, bổ sung",
            Relation::Repeals => "Bãi bỏ",
            Relation::Reports => "Báo cáo kết quả",
            Relation::Cites => "Dẫn chiếu",
        }
    }

    /// The relation read from the cited document's side, before the
    /// citing one: "Bị thay thế bởi Quy định 29-QĐ/TW".
    pub fn label_from_cited(self) -> &'static str {
        match self {
            Relation::Implements => "Được thực hiện bởi",
            Relation::Replaces => "Bị thay thế bởi",
            Relation::Amends => "Được sửa đổi, bổ sung bởi",
            Relation::Repeals => "Bị bãi bỏ bởi",
            Relation::Reports => "Được báo cáo kết quả bởi",
            Relation::Cites => "Được dẫn chiếu bởi",
        }
    }
}

/// One cited document, as the citing text describes it.
#[derive(Clone, Debug, PartialEq, Serialize, bitcode::Encode, bitcode::Decode)]
pub struct Citation {
    /// Canonical identifier.
    pub number: String,
    /// The identifier as first printed.
    pub number_raw: String,
    /// Type code of the identifier.
    pub kind: String,
    /// Kind word printed before it ("Quy định"), else the code's usual name.
    pub kind_name: String,
    pub date: Option<Date>,
    pub issuer: Option<String>,
    /// Term of the issuing committee ("XIII").
    pub term: Option<String>,
    /// Subject after "về".
    pub topic: Option<String>,
    pub relation: Relation,
    pub system: System,
    /// The citing sentence (first occurrence).
    pub text: String,
    /// 1-based line of the first occurrence.
    pub line: usize,
    /// Every line that mentions it, by identifier or by a defined short name.
    #[serde(skip)]
    pub mentions: Vec<usize>,
    /// Short names the text defines for it ("Nghị quyết 28").
    #[serde(skip)]
    pub aliases: Vec<String>,
}

/// One occurrence before merging.
struct Occ {
    c: Citation,
    /// Offset in the line where the kind word (or the id) starts / parsing ended.
    start: usize,
    end: usize,
}

const STOP_WORDS: &[&str] = &[
    " về ",
    " ngày ",
    " tại ",
    " trong ",
    " đối với ",
    " nhằm ",
    " như ",
    " để ",
    " và các ",
    " đã ",
    " được ",
    " là ",
    " theo ",
    " thực hiện",
    " ban hành",
    " số ",
    " gắn với",
    " nhằm",
    // Acts that follow the issuer: "của Ủy ban Thường vụ Quốc hội quy
    // định chi tiết …", "của Bộ Nội vụ hướng dẫn …".
    " quy định ",
    " hướng dẫn ",
    " sửa đổi",
    " bổ sung ",
    " phê duyệt",
];

fn read_issuer(rest: &str) -> (Option<String>, usize) {
    let t = rest.trim_start();
    let skipped = rest.len() - t.len();
    let Some(after) = t.strip_prefix("của ") else {
        return (None, 0);
    };
    if !after.starts_with(|c: char| c.is_uppercase()) {
        return (None, 0);
    }
    let mut end = after
        .find([',', ';', '(', ')', ':', '.', '\n', '"', '“'])
        .unwrap_or(after.len());
    // The first stop word (each starts with a space) ends the name.
    if let Some(p) = after[..end]
        .match_indices(' ')
        .map(|(p, _)| p)
        .find(|&p| STOP_WORDS.iter().any(|w| after[p..].starts_with(w)))
    {
        end = p;
    }
    if let Some(p) = kinds::next_kind_word(&after[..end], " ") {
        end = p;
    }
    let issuer = after[..end].trim();
    let issuer = issuer.strip_suffix(" và").unwrap_or(issuer).trim();
    if issuer.is_empty() || issuer.split_whitespace().count() > 14 {
        return (None, 0);
    }
    (Some(issuer.to_string()), skipped + "của ".len() + end)
}

fn read_date(rest: &str) -> (Option<Date>, usize) {
    let t = rest.trim_start_matches([' ', ',']);
    let mut used = rest.len() - t.len();
    let t2 = t.strip_prefix("ngày").map(|s| s.trim_start());
    let body = match t2 {
        Some(s) => {
            used += t.len() - s.len();
            s
        }
        None => t,
    };
    if let Some((d, n)) = date::parse_numeric(body).or_else(|| {
        if t2.is_some() {
            date::parse_long(body)
        } else {
            None
        }
    }) {
        return (Some(d), used + n);
    }
    (None, 0)
}

fn read_term(s: &str) -> Option<String> {
    // "khóa"/"khoá" in either case, then a Roman numeral.
    for (p, _) in s.match_indices("hó").chain(s.match_indices("ho\u{e1}")) {
        let word_start = s[..p].char_indices().next_back();
        let Some((k, 'k' | 'K')) = word_start else {
            continue;
        };
        if s[..k]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest = &s[p..];
        let Some(rest) = rest
            .strip_prefix("hóa ")
            .or_else(|| rest.strip_prefix("hoá "))
        else {
            continue;
        };
        let roman: String = rest
            .chars()
            .take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
            .collect();
        if !roman.is_empty() {
            return Some(roman);
        }
    }
    None
}

fn read_topic(rest: &str) -> Option<String> {
    let t = rest.trim_start_matches([' ', ',']);
    let t = t.strip_prefix("về ")?;
    let mut end = t.find([';', '(', '\n']).unwrap_or(t.len());
    // Stop before the next cited document's kind word.
    if let Some(p) = kinds::next_kind_word(&t[..end], ", ") {
        end = p;
    }
    let topic = t[..end].trim().trim_end_matches([',', '.', ':']);
    let topic: String = topic.chars().take(240).collect();
    (!topic.is_empty()).then(|| collapse_ws(&topic))
}

fn relation_before(before: &str) -> Option<Relation> {
    // Only the words just before the number count: a long line costs no more.
    let before = &before[before.floor_char_boundary(before.len().saturating_sub(240))..];
    let clause = before.rsplit(['.', ';']).next().unwrap_or(before);
    let from = clause.char_indices().rev().nth(59).map_or(0, |(i, _)| i);
    let tail = crate::text::lower(&clause[from..]);
    // Only this document's own act counts ("Quy định này thay thế …"): in a
    // plan, "sửa đổi, bổ sung Quy định số …" is a task, not an amendment.
    if !tail.contains(" này ") {
        return None;
    }
    if tail.contains("thay thế") {
        Some(Relation::Replaces)
    } else if tail.contains("sửa đổi, bổ sung") || tail.contains("sửa đổi") {
        Some(Relation::Amends)
    } else if tail.contains("bãi bỏ") {
        Some(Relation::Repeals)
    } else {
        None
    }
}

/// A window of the line around [start, end), cut at word boundaries.
fn sentence(line: &str, start: usize, end: usize) -> String {
    const SPAN: usize = 160;
    // Everything is looked for within SPAN bytes of the number, so a long
    // line (with or without sentence ends and spaces) costs no more per number.
    let lo = line.floor_char_boundary(start.saturating_sub(SPAN));
    let a = match line[lo..start].rfind(['.', ';']) {
        Some(p) => lo + p + 1,
        None if lo == 0 => 0,
        None => line[lo..start].find(' ').map_or(lo, |p| lo + p + 1),
    };
    let hi = line.floor_char_boundary((end + SPAN).min(line.len()));
    let b = match line[end..hi].find(['.', ';']) {
        Some(p) => end + p + 1,
        None if hi == line.len() => hi,
        None => line[end..hi].rfind(' ').map_or(hi, |p| end + p),
    };
    let mut s = collapse_ws(line[a..b].trim());
    if a > 0 {
        s.insert_str(0, "… ");
    }
    if b < line.len() && !s.ends_with(['.', ';']) {
        s.push_str(" …");
    }
    s
}

/// Reads a short name defined right after an identifier:
/// "(sau đây gọi là Nghị quyết 28)", "(viết tắt là Chỉ thị 11)".
fn alias_after(rest: &str) -> Option<String> {
    let open = rest.find('(')?;
    if rest[..open].contains(['.', ';']) || rest[..open].chars().count() > 300 {
        return None;
    }
    let inner = &rest[open + 1..open + 1 + rest[open + 1..].find(')')?];
    let lower = crate::text::lower(inner);
    for key in ["gọi tắt là ", "viết tắt là ", "gọi là "] {
        if let Some(p) = lower.find(key) {
            let name = inner[p + key.len()..].trim().trim_matches(['"', '“', '”']);
            if !name.is_empty() && name.len() < 80 {
                return Some(name.to_string());
            }
        }
    }
    None
}

fn occurrences(
    line: &str,
    line_at: &dyn Fn(usize) -> usize,
    implements_at: &dyn Fn(usize) -> bool,
    own: Option<&str>,
) -> Vec<(Occ, Option<String>)> {
    let ids = docnum::find_all(line);
    let mut out: Vec<(Occ, Option<String>)> = Vec::new();
    for (k, id) in ids.iter().enumerate() {
        if own == Some(id.canonical.as_str()) {
            continue;
        }
        let before = &line[..id.start];
        let window_start = line.floor_char_boundary(id.start.saturating_sub(60));
        let found = kinds::word_before_at(&line[window_start..id.start]);
        let word = found.map(|(w, _)| w);
        let start = match found {
            Some((_, Some(at))) => window_start + at,
            Some((w, None)) => {
                // Only the short window before the number is searched (and
                // lowered): a long line does not make each number cost more.
                let lower = crate::text::lower(&line[window_start..id.start]);
                let name = crate::text::lower(w.name);
                match lower.rfind(&name) {
                    // Lowering keeps byte lengths for Vietnamese letters; when
                    // it does not, fall back to the number itself.
                    Some(p) if lower.len() == id.start - window_start => window_start + p,
                    _ => id.start,
                }
            }
            None => id.start,
        };
        let limit = ids.get(k + 1).map(|n| n.start).unwrap_or(line.len());
        let rest = &line[id.end..limit];
        let (date, used_d) = read_date(rest);
        let (issuer, used_i) = read_issuer(&rest[used_d..]);
        let after = &rest[used_d + used_i..];
        let term = issuer
            .as_deref()
            .and_then(read_term)
            .or_else(|| read_term(&after[..after.floor_char_boundary(20)]));
        let topic = read_topic(after);
        let kind_name = match word {
            Some(w) if w.code == "CTr" || id.code != "CTr" => w.name.to_string(),
            _ => kinds::by_code(&id.code)
                .map(|k| k.name.to_string())
                .unwrap_or_else(|| id.code.clone()),
        };
        let lineno = line_at(id.start);
        // A verb that replaces, repeals or amends says so wherever it is;
        // else the opening's citations are what the text implements.
        let relation = match relation_before(before) {
            Some(r @ (Relation::Replaces | Relation::Repeals | Relation::Amends)) => r,
            _ if implements_at(lineno) => Relation::Implements,
            r => r.unwrap_or(Relation::Cites),
        };
        let c = Citation {
            number: id.canonical.clone(),
            number_raw: collapse_ws(&line[id.start..id.end]),
            kind: id.code.clone(),
            kind_name,
            date,
            issuer,
            term,
            topic,
            relation,
            system: id.system,
            text: sentence(line, start, id.end),
            line: lineno,
            mentions: vec![lineno],
            aliases: Vec::new(),
        };
        let alias = alias_after(&line[id.end..limit]);
        out.push((
            Occ {
                c,
                start,
                end: id.end + used_d + used_i,
            },
            alias,
        ));
    }
    // An issuer stated once after a list applies to the whole list:
    // "Chỉ thị số 05-CT/TW, Kết luận số 01-KL/TW của Bộ Chính trị".
    for k in (0..out.len().saturating_sub(1)).rev() {
        if out[k].0.c.issuer.is_some() {
            continue;
        }
        let gap = &line[out[k].0.end..out[k + 1].0.start];
        let joined = gap.trim().trim_matches(',').trim();
        if (joined.is_empty() || joined == "và") && out[k + 1].0.c.issuer.is_some() {
            out[k].0.c.issuer = out[k + 1].0.c.issuer.clone();
            out[k].0.c.term = out[k].0.c.term.clone().or(out[k + 1].0.c.term.clone());
        }
    }
    out
}

/// At most this many documents are read as cited by one text: a pasted
/// table of thousands of numbers must not become thousands of pages.
pub const MAX_CITED: usize = 1000;

pub fn read(
    blocks: &[crate::layout::Block],
    h: &Header,
    own: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Citation> {
    let in_range = |r: Option<(usize, usize)>, l: usize| r.is_some_and(|(a, b)| a <= l && l <= b);
    let mut merged: Vec<Citation> = Vec::new();
    // Number → its first entry; (number, date) → the entry of that date.
    let mut first_of: HashMap<String, usize> = HashMap::new();
    let mut dated: HashMap<(String, Date), usize> = HashMap::new();
    let mut aliases: Vec<(String, usize)> = Vec::new();
    let mut alias_seen: HashSet<(String, usize)> = HashSet::new();
    let mut capped = false;
    let implements_at = |l: usize| in_range(h.title_lines, l) || in_range(h.opening_lines, l);
    for b in blocks {
        let line = b.text.as_str();
        if !line.bytes().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let line_at = |off: usize| b.line_at(off);
        for (occ, alias) in occurrences(line, &line_at, &implements_at, own) {
            let c = occ.c;
            let lineno = c.line;
            // The entry this occurrence belongs to: the number's first entry
            // while it is undated or when this one is, else the one of its date.
            // A code typed without its stroke ("BCDTW" beside "BCĐTW")
            // is the same number; the entry keeps the spelling with it.
            let key = docnum::stroke_folded(&c.number).into_owned();
            let first = first_of.get(&key).copied();
            let found = match (first, c.date) {
                (Some(f), None) => Some(f),
                (Some(f), Some(_)) if merged[f].date.is_none() => Some(f),
                (Some(_), Some(d)) => dated.get(&(key.clone(), d)).copied(),
                (None, _) => None,
            };
            let idx = match found {
                Some(p) => {
                    let m = &mut merged[p];
                    if c.number.contains('Đ') && !m.number.contains('Đ') {
                        m.number = c.number.clone();
                    }
                    if m.date.is_none() {
                        m.date = c.date;
                        if let Some(d) = c.date {
                            dated.insert((key.clone(), d), p);
                        }
                    }
                    if m.issuer.is_none() {
                        m.issuer = c.issuer.clone();
                    }
                    if m.term.is_none() {
                        m.term = c.term.clone();
                    }
                    if m.topic.is_none() {
                        m.topic = c.topic.clone();
                    }
                    m.relation = m.relation.min(c.relation);
                    if m.mentions.last() != Some(&lineno) {
                        m.mentions.push(lineno);
                    }
                    p
                }
                None if merged.len() >= MAX_CITED => {
                    if !capped {
                        capped = true;
                        diags.push(Diagnostic::warning(
                            lineno,
                            format!(
                                "the text cites more than {MAX_CITED} documents: {} and those after it are not linked; split the document or move the list into an appendix file",
                                c.number
                            ),
                        ));
                    }
                    continue;
                }
                None => {
                    if let Some(other) = first.map(|f| &merged[f]) {
                        diags.push(Diagnostic::warning(
                            lineno,
                            format!(
                                "{} is cited with two dates ({} here, {} on line {}): kept as two documents; check which is meant",
                                c.number,
                                c.date.map(|d| d.vn()).unwrap_or_default(),
                                other.date.map(|d| d.vn()).unwrap_or_default(),
                                other.line
                            ),
                        ));
                    }
                    let p = merged.len();
                    first_of.entry(key.clone()).or_insert(p);
                    if let Some(d) = c.date {
                        dated.insert((key, d), p);
                    }
                    merged.push(c);
                    p
                }
            };
            if let Some(a) = alias
                && docnum::find_all(&a).is_empty()
                && alias_seen.insert((a.clone(), idx))
            {
                merged[idx].aliases.push(a.clone());
                aliases.push((a, idx));
            }
        }
    }
    // Later uses of short names ("Nghị quyết 28"): all of them found in
    // one pass over each line, however many names the text defines.
    if !aliases.is_empty()
        && let Ok(ac) = aho_corasick::AhoCorasick::new(aliases.iter().map(|(a, _)| a.as_str()))
    {
        for b in blocks {
            let line = b.text.as_str();
            for m in ac.find_overlapping_iter(line) {
                let (s, e) = (m.start(), m.end());
                let whole = line[..s]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
                    && line[e..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric() && c != '-');
                let idx = aliases[m.pattern().as_usize()].1;
                let l = b.line_at(s);
                if whole && merged[idx].mentions.last() != Some(&l) {
                    merged[idx].mentions.push(l);
                }
            }
        }
        for m in &mut merged {
            m.mentions.sort_unstable();
            m.mentions.dedup();
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::super::Lines;
    use super::*;

    #[test]
    fn terms() {
        for (s, expected) in [
            ("Ban Chấp hành Trung ương Đảng khóa XIII", Some("XIII")),
            ("Ban Chấp hành Trung ương Đảng khoá XII về", Some("XII")),
            ("Hội nghị Trung ương 6 Khóa XIII", Some("XIII")),
            ("Đảng bộ tỉnh khóa 2020", None),
            ("nhiệm kỳ 2020 - 2025", None),
            ("bkhóa XIII", None),
            ("", None),
        ] {
            assert_eq!(read_term(s).as_deref(), expected, "{s:?}");
        }
    }
    use crate::extract::header;

    /// (number, kind_name, date, issuer, relation)
    type Row<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, Relation);
    type Owned = (String, String, Option<String>, Option<String>, Relation);

    fn check(text: &str, expected: &[Row]) {
        let lines = Lines::new(text);
        let h = header::read(&lines);
        let mut d = Vec::new();
        let got = read(&crate::layout::read(text), &h, h.number.as_deref(), &mut d);
        let got: Vec<Owned> = got
            .into_iter()
            .map(|c| {
                (
                    c.number,
                    c.kind_name,
                    c.date.map(|d| d.to_string()),
                    c.issuer,
                    c.relation,
                )
            })
            .collect();
        let want: Vec<Owned> = expected
            .iter()
            .map(|(n, k, d, i, r)| {
                (
                    n.to_string(),
                    k.to_string(),
                    d.map(String::from),
                    i.map(String::from),
                    *r,
                )
            })
            .collect();
        assert_eq!(got, want, "text: {text:?}");
    }

    use Relation::*;

    #[test]
    fn full_phrase_with_date_issuer_and_topic() {
        check(
            "Nội dung: Kế hoạch số 12-KH/TW ngày 28/11/2022 của Bộ Chính trị về thực hiện Nghị quyết số 28-NQ/TW ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục đổi mới",
            &[
                (
                    "12-KH/TW",
                    "Kế hoạch",
                    Some("2022-11-28"),
                    Some("Bộ Chính trị"),
                    Cites,
                ),
                (
                    "28-NQ/TW",
                    "Nghị quyết",
                    Some("2022-11-17"),
                    Some("Ban Chấp hành Trung ương Đảng khóa XIII"),
                    Cites,
                ),
            ],
        );
    }

    #[test]
    fn kind_comes_from_the_word_not_the_code() {
        check(
            "theo Quy định số 41-QĐ/TW ngày 03/11/2021 của Bộ Chính trị",
            &[(
                "41-QĐ/TW",
                "Quy định",
                Some("2021-11-03"),
                Some("Bộ Chính trị"),
                Cites,
            )],
        );
        check(
            "Thông báo Kết luận số 20-KL/TW ngày 08/9/2022",
            &[("20-KL/TW", "Kết luận", Some("2022-09-08"), None, Cites)],
        );
        check(
            "ban hành kèm theo Quyết định số 158-QĐ/TW, ngày 12/5/2008 của Bộ Chính trị",
            &[(
                "158-QĐ/TW",
                "Quyết định",
                Some("2008-05-12"),
                Some("Bộ Chính trị"),
                Cites,
            )],
        );
        check(
            "các văn bản 08-QĐi/TW và 55-QĐ/TW",
            &[
                ("08-QĐi/TW", "Quy định", None, None, Cites),
                ("55-QĐ/TW", "Quyết định", None, None, Cites),
            ],
        );
        check(
            "Chương trình hành động số 21-Ctr/ĐUK ngày 31/01/2023 của Đảng ủy Khối các cơ quan Trung ương về thực hiện",
            &[(
                "21-CTr/ĐUK",
                "Chương trình hành động",
                Some("2023-01-31"),
                Some("Đảng ủy Khối các cơ quan Trung ương"),
                Cites,
            )],
        );
    }

    #[test]
    fn date_forms_after_the_number() {
        check(
            "Kế hoạch số 293-KH/TU, ngày 20/7/2023 của Ban Thường vụ Tỉnh ủy về đẩy mạnh",
            &[(
                "293-KH/TU",
                "Kế hoạch",
                Some("2023-07-20"),
                Some("Ban Thường vụ Tỉnh ủy"),
                Cites,
            )],
        );
        check(
            "Quy định số 101 -QĐ/TW, 28/02/2023 về trách nhiệm",
            &[("101-QĐ/TW", "Quy định", Some("2023-02-28"), None, Cites)],
        );
        check(
            "Kế hoạch số 13-KH/TU ngày 17 tháng 11 năm 2025 của Tỉnh ủy",
            &[(
                "13-KH/TU",
                "Kế hoạch",
                Some("2025-11-17"),
                Some("Tỉnh ủy"),
                Cites,
            )],
        );
        check(
            "Hướng dẫn số 11-HD/VPTW ngày 01-10-1997",
            &[("11-HD/VPTW", "Hướng dẫn", Some("1997-10-01"), None, Cites)],
        );
    }

    #[test]
    fn shared_issuer_after_a_list() {
        check(
            "thực hiện Chỉ thị số 05-CT/TW, Kết luận số 01-KL/TW của Bộ Chính trị và Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng",
            &[
                ("05-CT/TW", "Chỉ thị", None, Some("Bộ Chính trị"), Cites),
                ("01-KL/TW", "Kết luận", None, Some("Bộ Chính trị"), Cites),
                (
                    "21-KL/TW",
                    "Kết luận",
                    None,
                    Some("Ban Chấp hành Trung ương Đảng"),
                    Cites,
                ),
            ],
        );
    }

    #[test]
    fn merging_and_distinct_dates() {
        check(
            "Nghị quyết số 21-NQ/TW về x.\nNghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương",
            &[(
                "21-NQ/TW",
                "Nghị quyết",
                Some("2022-06-16"),
                Some("Ban Chấp hành Trung ương"),
                Cites,
            )],
        );
        check(
            "Quy định số 101-QĐ/TW, ngày 07/6/2012 của Ban Bí thư\nQuy định số 101-QĐ/TW, ngày 28/02/2023",
            &[
                (
                    "101-QĐ/TW",
                    "Quy định",
                    Some("2012-06-07"),
                    Some("Ban Bí thư"),
                    Cites,
                ),
                ("101-QĐ/TW", "Quy định", Some("2023-02-28"), None, Cites),
            ],
        );
    }

    /// A code typed without its stroke in one place and with it in
    /// another is one number, spelt with the stroke; dates still tell two
    /// documents apart.
    #[test]
    fn a_code_with_and_without_its_stroke_is_one_number() {
        let hd = |n: &'static str, d: &'static str| (n, "Hướng dẫn", Some(d), None, Cites);
        for (text, want) in [
            (
                "hành vi nêu tại Hướng dẫn số 25-HD/BCDTW, ngày 01/8/2022 về x.\nHướng dẫn số 25-HD/BCĐTW, ngày 01/8/2022 về y.",
                vec![hd("25-HD/BCĐTW", "2022-08-01")],
            ),
            (
                "Hướng dẫn số 63-HD/BCĐTW, ngày 28/4/2025 về x.\nHướng dẫn số 63-HD/BCDTW, ngày 28/4/2025 về y.",
                vec![hd("63-HD/BCĐTW", "2025-04-28")],
            ),
            (
                "Hướng dẫn số 25-HD/BCDTW, ngày 01/8/2022.\nHướng dẫn số 25-HD/BCĐTW, ngày 02/9/2023.",
                vec![
                    hd("25-HD/BCDTW", "2022-08-01"),
                    hd("25-HD/BCĐTW", "2023-09-02"),
                ],
            ),
        ] {
            check(text, &want);
        }
        check(
            "Nghị định số 30/2020/ND-CP về công tác văn thư; Nghị định số 30/2020/NĐ-CP.",
            &[("30/2020/NĐ-CP", "Nghị định", None, None, Cites)],
        );
    }

    #[test]
    fn opening_paragraph_and_title_implement() {
        check(
            "KẾ HOẠCH\n\nthực hiện Nghị quyết số 21-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII\n\nThực hiện Chương trình hành động số 17-Ctr/ĐUK ngày 26/9/2022 của Đảng ủy Khối, Ban Thường vụ xây dựng Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n\n1. Nghị quyết số 18-NQ/TW về sắp xếp",
            &[
                (
                    "21-NQ/TW",
                    "Nghị quyết",
                    None,
                    Some("Ban Chấp hành Trung ương Đảng khóa XIII"),
                    Implements,
                ),
                (
                    "17-CTr/ĐUK",
                    "Chương trình hành động",
                    Some("2022-09-26"),
                    Some("Đảng ủy Khối"),
                    Implements,
                ),
                ("18-NQ/TW", "Nghị quyết", None, None, Cites),
            ],
        );
    }

    #[test]
    fn own_number_is_not_a_citation() {
        check(
            "*\nSố 77-KH/ĐUK\n\nKẾ HOẠCH\n\nPhụ lục kèm theo Kế hoạch số 77-KH/ĐUK",
            &[],
        );
    }

    #[test]
    fn a_replacing_verb_in_the_opening_still_replaces() {
        check(
            "QUY ĐỊNH\n\nvề công tác kiểm tra\n\nQuy định này thay thế Quy định số 29-QĐ/TW ngày 25/7/2016 của Bộ Chính trị.\n\n1. Phạm vi.\n",
            &[(
                "29-QĐ/TW",
                "Quy định",
                Some("2016-07-25"),
                Some("Bộ Chính trị"),
                Replaces,
            )],
        );
    }

    #[test]
    fn typed_relations() {
        check(
            "Quy định này thay thế Quy định số 29-QĐ/TW ngày 25/7/2016",
            &[("29-QĐ/TW", "Quy định", Some("2016-07-25"), None, Replaces)],
        );
        check(
            "Quyết định này bãi bỏ Quyết định số 99-QĐ/TU",
            &[("99-QĐ/TU", "Quyết định", None, None, Repeals)],
        );
        check(
            "Quy định này sửa đổi, bổ sung Quy định số 30-QĐ/TW",
            &[("30-QĐ/TW", "Quy định", None, None, Amends)],
        );
        check(
            "Tổng kết, sửa đổi, bổ sung Quy định số 164-QĐ/TW",
            &[("164-QĐ/TW", "Quy định", None, None, Cites)],
        );
    }

    #[test]
    fn state_citations() {
        check(
            "Nghị định số 35/2022/NĐ-CP và Luật số 61/2024/QH15",
            &[
                ("35/2022/NĐ-CP", "Nghị định", None, None, Cites),
                ("61/2024/QH15", "Luật", None, None, Cites),
            ],
        );
    }

    #[test]
    fn short_names_are_followed() {
        let text = "Thực hiện Nghị quyết số 28-NQ/TW, ngày 17/11/2022 (sau đây gọi là Nghị quyết 28), Bộ Chính trị ban hành Kế hoạch:\n\nI- MỤC ĐÍCH\n\nQuán triệt Nghị quyết 28 và Nghị quyết 280.";
        let lines = Lines::new(text);
        let h = header::read(&lines);
        let got = read(&crate::layout::read(text), &h, None, &mut Vec::new());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].mentions, vec![1, 5]);
        assert_eq!(got[0].aliases, vec!["Nghị quyết 28".to_string()]);
        assert_eq!(got[0].relation, Implements);
        // Seed 002: the short name comes after a long topic (over 200 bytes).
        let text = "Thực hiện Nghị quyết số 28-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng khoá XIII về tiếp tục đổi mới phương thức lãnh đạo, cầm quyền của Đảng đối với hệ thống chính trị trong giai đoạn mới (sau đây gọi là Nghị quyết 28), Bộ Chính trị ban hành Kế hoạch thực hiện như sau:";
        let lines = Lines::new(text);
        let got = read(
            &crate::layout::read(text),
            &header::read(&lines),
            None,
            &mut Vec::new(),
        );
        assert_eq!(got[0].aliases, vec!["Nghị quyết 28".to_string()]);
    }
}
