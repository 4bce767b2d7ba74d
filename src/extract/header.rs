//! The header of a document (CONVENTIONS.md §1, §4): its number, kind word,
//! trích yếu, place and date, and its issuer.
//!
//! The header is found where it is, not assumed at the top: a converter may
//! put a preamble before it (a source line, a banner, a metadata wrapper).
//! Its lines are read as cells, so a two-column header (pdftotext: issuer |
//! motto, number | place and date) and one whose columns OCR or HTML
//! conversion merged or split all give the same parts.
//!
//! The issuer is the body the text names most precisely: a Quyết định's
//! enacting line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), the opening sentence
//! ("…, Tỉnh ủy Lào Cai ban hành Chương trình …"), the title ("… CỦA BAN
//! THƯỜNG VỤ TỈNH ỦY"), the signature's authority ("T/M BỘ CHÍNH TRỊ"), else
//! the header's issuing body; a relative name ("UBND tỉnh", "Ban Thường vụ
//! Tỉnh ủy") is completed from the header ("… tỉnh Bắc Ninh").

use super::Lines;
use crate::date::{self, Date};
use crate::docnum;
use crate::kinds;
use crate::layout::table::pieces;
use crate::text::{collapse_ws, fold, name_key};
use regex::Regex;
use std::sync::LazyLock;

/// What the header says; every part may be missing.
#[derive(Debug, Default, PartialEq)]
pub struct Header {
    pub number: Option<String>,
    pub kind: Option<&'static kinds::Kind>,
    pub title: Option<String>,
    /// 1-based lines the title spans.
    pub title_lines: Option<(usize, usize)>,
    pub place: Option<String>,
    pub date: Option<Date>,
    pub issuer: Option<String>,
    /// The issuing body as the header's left column prints it.
    pub issuer_header: Option<String>,
    /// Lines of the opening paragraphs ("Thực hiện …", "Căn cứ …").
    pub opening_lines: Option<(usize, usize)>,
    /// "Số: /KH-UBND", "Số -KH/ĐU": a number left blank (an unsigned copy).
    pub number_blank: bool,
    /// 1-based line of the header's last line (the kind line or before).
    pub end: usize,
    /// The year of a date whose day and month were left blank ("ngày …
    /// tháng … năm 2026").
    pub year_only: Option<i32>,
}

pub(crate) static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("regex")
});

static BLANK_DATE: LazyLock<Regex> = LazyLock::new(|| {
    // (Also a day and month OCR could not read: "Hà Nội, ngày0) thángh
    // năm 2026" gives the place and the year.)
    Regex::new(
        r",\s*ngày\s*(?:…|\.+|_+|[^\s,]{1,3})?\s*tháng[^\s,]{0,2}\s+(?:\d{1,2}\s+)?năm\s+(\d{4})",
    )
    .expect("regex")
});

static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[,;:.]\s*)(?P<who>\p{Lu}[^,;:().]*?)\s*(?:\([^)]*\)\s*)?(?:ban hành|xây dựng|triển khai|đề ra)\s+(?:Kế hoạch|kế hoạch|Chương trình|chương trình|Nghị quyết|nghị quyết|Hướng dẫn|hướng dẫn|Kết luận|kết luận|Chỉ thị|chỉ thị)")
        .expect("regex")
});

/// Mottos of the right column: not the issuer.
const MOTTOS: &[&str] = &[
    "dang cong san viet nam",
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap - tu do - hanh phuc",
    "doc lap tu do hanh phuc",
];

/// Where the body of a document starts: the first Roman-numbered section
/// heading.
pub(crate) fn is_section_heading(plain: &str) -> bool {
    let t = plain.trim_start();
    let roman_end = t
        .find(|c: char| !matches!(c, 'I' | 'V' | 'X'))
        .unwrap_or(t.len());
    roman_end > 0 && matches!(t[roman_end..].chars().next(), Some('.' | '-' | ' ' | '–')) && {
        let rest = t[roman_end + 1..].trim_start();
        rest.chars().next().is_some_and(|c| c.is_uppercase())
    }
}

/// A line that opens with "V/v" (về việc), any case, bold or not.
fn is_vv(plain: &str) -> bool {
    let t = plain.trim_start_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    t.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("v/v"))
        && t[3..].starts_with(|c: char| c.is_whitespace() || c == ':' || c == '.')
}

pub(crate) fn is_opening(plain: &str) -> bool {
    // An opening may be a list of grounds: "- Căn cứ …;", "- Trên cơ sở …".
    let t = plain.trim_start();
    let t = ["- ", "+ ", "• ", "– "]
        .iter()
        .find_map(|b| t.strip_prefix(b))
        .unwrap_or(t);
    let t = t.trim_start_matches(['*', '_']);
    [
        "Thực hiện",
        "Căn cứ",
        "Trên cơ sở",
        "Căn\u{a0}cứ",
        "Triển khai",
        "Tiếp tục thực hiện",
        "Để cụ thể hóa",
        "Để cụ thể hoá",
        "Nhằm",
        "Kính gửi",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// The kind a header line names on its own ("KẾ HOẠCH", "**QUYẾT ĐỊNH**",
/// the OCR's "KÉT LUẬN"), in capitals.
pub(crate) fn kind_line(plain: &str) -> Option<&'static kinds::Kind> {
    let t = plain
        .trim()
        .trim_matches(|c: char| c == '*' || c == '#' || c == '_' || c == ':' || c.is_whitespace());
    if t.is_empty() || t.chars().any(|c| c.is_lowercase()) || t.chars().count() > 40 {
        return None;
    }
    kinds::by_name(t).or_else(|| {
        // OCR mistakes a tone mark; letters without marks still tell.
        let f = fold(t);
        kinds::by_folded_name(&f)
    })
}

/// A kind word in capitals at the start of `t`, with the title after it
/// ("QUYẾT ĐỊNH V/V BAN HÀNH …", "KẾ HOẠCH thực hiện …").
fn kind_and_title(t: &str) -> Option<(&'static kinds::Kind, &str)> {
    for k in kinds::KINDS {
        let up = k.name.to_uppercase();
        if let Some(rest) = t.strip_prefix(up.as_str())
            && rest.starts_with(' ')
            && rest.trim().chars().count() > 3
        {
            return Some((k, rest.trim()));
        }
    }
    None
}

/// A motto, or the part of one a layout split over two lines ("CỘNG HÒA
/// XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM").
pub(crate) fn is_motto(cell: &str) -> bool {
    let f = fold(cell);
    let f = f.trim_matches(|c: char| !c.is_alphanumeric());
    // A motto's last word wrapped alone onto the next line ("CỘNG HÒA XÃ
    // HỘI CHỦ NGHĨA VIỆT" / "NAM") is no body's name either.
    MOTTOS
        .iter()
        .any(|m| f.starts_with(m) || (f.split_whitespace().count() >= 2 && m.contains(f)))
        || matches!(f, "nam" | "phuc")
}

/// A line of a metadata wrapper or a converter's banner, before the header.
fn is_preamble(plain: &str) -> bool {
    let t = plain.trim();
    let low = t.to_lowercase();
    low.starts_with("source:")
        || t.starts_with("[OCR]")
        || t.starts_with("[Bản")
        || t.starts_with("```")
        || t == "---"
        || t.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        })
}

/// Upper-case words as a name is written: "TỈNH UỶ LÀO CAI" → "Tỉnh uỷ Lào
/// Cai", "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" → "Ủy ban nhân dân tỉnh Bắc Ninh".
pub fn name_case(caps: &str) -> String {
    if caps.chars().any(char::is_lowercase) {
        return collapse_ws(caps);
    }
    // Words that keep their capital inside a name, and the words after
    // which a proper name follows.
    const CAPITAL: &[&str] = &[
        "trung ương",
        "đảng",
        "việt nam",
        "chính trị",
        "bí thư",
        "chấp hành",
        "thường vụ",
        "thường trực",
        "kiểm tra",
        "tổ chức",
        "tuyên giáo",
        "dân vận",
        "văn phòng",
        "mặt trận",
        "tổ quốc",
        "quốc hội",
        "chính phủ",
        "khối",
        "ban",
        "bộ",
    ];
    const BEFORE_NAME: &[&str] = &[
        "tỉnh",
        "thành phố",
        "phố",
        "huyện",
        "quận",
        "xã",
        "phường",
        "thị xã",
        "thị trấn",
        "trấn",
        "tỉnh uỷ",
        "thành uỷ",
        "huyện uỷ",
        "đảng uỷ",
        "đảng bộ",
        "việt nam",
    ];
    let words: Vec<String> = caps.split_whitespace().map(crate::text::lower).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let cap = |w: &str| {
        let mut cs = w.chars();
        cs.next()
            .map(|c| c.to_uppercase().chain(cs).collect::<String>())
            .unwrap_or_default()
    };
    let mut proper = false;
    let mut k = 0;
    while k < words.len() {
        let w = &words[k];
        let two = words.get(k + 1).map(|n| format!("{w} {n}"));
        let two_key = two.as_deref().map(crate::text::canon_tone);
        let one_key = crate::text::canon_tone(w);
        // Abbreviations stay as they are.
        if w.chars().count() >= 2
            && caps
                .split_whitespace()
                .nth(k)
                .is_some_and(|o| ["MTTQ", "UBND", "HĐND", "TW", "TTXVN", "VN"].contains(&o))
        {
            out.push(caps.split_whitespace().nth(k).unwrap_or(w).to_string());
            proper = false;
            k += 1;
            continue;
        }
        // "TỈNH UỶ", "ĐẢNG UỶ": one unit, a name after it.
        if let Some(t) = &two_key
            && [
                "tinh uy", "thanh uy", "huyen uy", "dang uy", "dang bo", "quan uy", "thi uy",
                "uy ban",
            ]
            .contains(&fold(t).as_str())
        {
            let parts: Vec<&str> = two.as_deref().unwrap_or("").split(' ').collect();
            out.push(cap(parts[0]));
            out.push(parts[1].to_string());
            proper = fold(t) != "uy ban";
            k += 2;
            continue;
        }
        if let Some(t) = &two_key
            && CAPITAL.contains(&t.as_str())
        {
            let parts: Vec<&str> = two.as_deref().unwrap_or("").split(' ').collect();
            out.push(cap(parts[0]));
            out.push(if t == "việt nam" {
                cap(parts[1])
            } else {
                parts[1].to_string()
            });
            proper = BEFORE_NAME.contains(&t.as_str());
            k += 2;
            continue;
        }
        let first = out.is_empty();
        let unit = BEFORE_NAME.contains(&one_key.as_str());
        if first || (proper && !unit) || CAPITAL.contains(&one_key.as_str()) {
            out.push(cap(w));
        } else {
            out.push(w.clone());
        }
        proper = BEFORE_NAME.contains(&one_key.as_str())
            || (proper && !CAPITAL.contains(&one_key.as_str()));
        k += 1;
    }
    out.join(" ")
}

/// Words a place unit begins with, where a state header's name goes on
/// onto its second line ("ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI").
fn starts_with_unit(cell: &str) -> bool {
    let k = name_key(cell);
    [
        "tỉnh ",
        "thành phố ",
        "huyện ",
        "quận ",
        "xã ",
        "phường ",
        "thị xã ",
        "thị trấn ",
    ]
    .iter()
    .any(|u| k.starts_with(u))
}

/// The issuing body of the header's left column: its last name, the line
/// before joined when it ends the name ("TỈNH LÀO CAI") and a sub-body of
/// the one above made whole ("BAN TUYÊN GIÁO VÀ DÂN VẬN" under "BAN CHẤP
/// HÀNH TRUNG ƯƠNG" → "Ban Tuyên giáo và Dân vận Trung ương").
fn header_body(cells: &[String]) -> Option<String> {
    let cells = mend_cells(cells);
    let cells = cells.as_slice();
    let n = cells.len();
    let last = cells.last()?;
    let mut parts: Vec<String> = Vec::new();
    // "ỦY BAN NHÂN DÂN" + "TỈNH LÀO CAI".
    let mut k = n - 1;
    if starts_with_unit(last) && n >= 2 {
        k = n - 2;
    }
    let name = cells[k..].join(" ");
    parts.push(name);
    let sub = name_key(&cells[k]);
    // A provincial department is named with its province: "SỞ NÔNG
    // NGHIỆP VÀ MÔI TRƯỜNG" under "UBND TỈNH LÀO CAI" is the "Sở Nông
    // nghiệp và Môi trường tỉnh Lào Cai".
    if sub.starts_with("sở ") && k > 0 {
        if let Some(place) = place_part(&cells[..k].join(" ")) {
            parts.push(place);
        }
        let joined = parts.join(" ");
        return Some(name_case(&joined));
    }
    let is_sub = ["ban ", "văn phòng", "uỷ ban kiểm tra", "ban"]
        .iter()
        .any(|p| sub.starts_with(p))
        && k > 0;
    if is_sub {
        let parent = cells[..k].join(" ");
        let pk = name_key(&parent);
        if pk.contains("chấp hành trung ương") {
            parts.push("TRUNG ƯƠNG".to_string());
        } else if !pk.is_empty() {
            // A body named for its province or district whose name ends on
            // the unit ("BAN CHỈ ĐẠO … TỈNH" under "TỈNH ỦY KHÁNH HÒA") takes
            // the place's name from the body above it.
            let ends_on_unit = cells[k]
                .split_whitespace()
                .next_back()
                .is_some_and(unit_word);
            match place_name(&parent).filter(|_| ends_on_unit && k == n - 1) {
                Some(place) => parts.push(place),
                None => parts.push(parent),
            }
        }
    }
    let joined = parts.join(" ");
    (!joined.trim().is_empty()).then(|| name_case(&joined))
}

/// Whether a word of a header names a kind of place unit, so that a name
/// follows it ("TỈNH", "XÃ", "PHỐ" of "THÀNH PHỐ").
fn unit_word(w: &str) -> bool {
    matches!(
        name_key(w).as_str(),
        "tỉnh" | "huyện" | "quận" | "xã" | "phường" | "phố" | "trấn"
    )
}

/// A header's name cells made whole where a converter broke a name over
/// lines or a layout's gap split it: a lone word goes on from the cell
/// before ("VĂN PHÒNG CHÍNH" / "PHỦ", "ỦY BAN NHÂN" / "DÂN") — no body's
/// name is one word — and a cell that ends on a place unit goes on into
/// the next ("TỈNH" / "LÀO CAI", "ỦY BAN NHÂN DÂN TỈNH" / "QUẢNG NGÃI").
fn mend_cells(cells: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(cells.len());
    for c in cells {
        let lone = c.split_whitespace().count() == 1;
        let after_unit = out
            .last()
            .and_then(|p| p.split_whitespace().next_back())
            .is_some_and(unit_word);
        match out.last_mut() {
            Some(prev) if after_unit || (lone && !unit_word(c)) => {
                prev.push(' ');
                prev.push_str(c);
            }
            _ => out.push(c.clone()),
        }
    }
    out
}

/// The name of the place a body's name ends with, after its unit word (and
/// "ỦY" of a Party committee): "TỈNH ỦY KHÁNH HÒA" → "KHÁNH HÒA", "ĐẢNG BỘ
/// TỈNH LÀO CAI" → "LÀO CAI".
fn place_name(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut at = None;
    for (i, w) in words.iter().enumerate() {
        let k = name_key(w);
        if unit_word(w) || (at == Some(i.wrapping_sub(1)) && (k == "ủy" || k == "uỷ")) {
            at = Some(i);
        }
    }
    let at = at?;
    (at + 1 < words.len()).then(|| words[at + 1..].join(" "))
}

/// The place part of a body's name, from its unit word on: "UBND TỈNH LÀO
/// CAI" → "TỈNH LÀO CAI".
fn place_part(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let at = words.iter().position(|w| {
        matches!(
            name_key(w).as_str(),
            "tỉnh" | "huyện" | "quận" | "xã" | "phường" | "thành"
        )
    })?;
    (at + 1 < words.len()).then(|| words[at..].join(" "))
}

/// The place written before ", ngày": capitalised words back from the
/// comma (lower-case joiners inside a name allowed: "Thành phố Hồ Chí Minh").
fn place_before(text: &str, comma: usize) -> Option<String> {
    let words: Vec<&str> = text[..comma].split_whitespace().collect();
    let mut take = 0;
    for w in words.iter().rev() {
        let w = w.trim_matches(|c: char| c == '*' || c == '_' || c == '|');
        // A label ("Số:") ends before a place.
        if w.is_empty() || w.ends_with(':') {
            break;
        }
        let capital = w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase);
        let joiner = take > 0 && ["phố", "xã", "trấn"].contains(&w);
        if (capital || joiner) && !w.chars().any(|c| c.is_ascii_digit()) && take < 5 {
            take += 1;
        } else {
            break;
        }
    }
    let place: Vec<&str> = words[words.len() - take..]
        .iter()
        .map(|w| w.trim_matches(|c: char| c == '*' || c == '_' || c == '|'))
        .collect();
    (!place.is_empty()).then(|| place.join(" "))
}

/// The identifier right after "Số" ("Số: 113/KH-UBND", "Số 104 -CTr/TU
/// <columns> Lào Cai, ngày …"): the first one, when nothing but spaces and
/// a colon stands before it.
pub(crate) fn own_number(rest: &str) -> Option<String> {
    let t = rest.trim_start_matches([':', ' ', '\t', '|']);
    let first = docnum::find_all(t).into_iter().next()?;
    t[..first.start]
        .trim()
        .is_empty()
        .then_some(first.canonical)
}

/// A rule of Markdown or of a typed header: "---", "***", "___", "=", the
/// "*" under a Party issuer.
pub(crate) fn is_rule(p: &str) -> bool {
    !p.is_empty() && p.chars().all(|c| matches!(c, '-' | '*' | '_' | '='))
}

/// "(Kèm theo Quyết định số …)", "(Ban hành kèm theo …)": an attachment's
/// caption, no part of a trích yếu.
pub(crate) fn is_caption(p: &str) -> bool {
    let t = p.trim_start_matches(['(', '*', '_', ' ']);
    let low = crate::text::lower(&t[..t.floor_char_boundary(24)]);
    low.starts_with("kèm theo") || low.starts_with("ban hành kèm theo")
}

/// "Số: /KH-UBND", "Số -KH/ĐU": the number left blank.
fn blank_number(rest: &str) -> bool {
    let t = rest.trim_start_matches([':', ' ', '\t', '.', '…', '_']);
    (t.starts_with('/') || t.starts_with('-'))
        && t.len() > 2
        && t[1..].starts_with(|c: char| c.is_uppercase())
}

/// Splits a cell at a motto glued to it by OCR ("TỈNH ỦY LÀO CAI ĐẢNG
/// CỘNG SẢN VIỆT NAM" → the two).
fn split_motto(cell: &str) -> Vec<String> {
    let f = fold(cell);
    // The opening words of a motto are enough: OCR cuts the line where the
    // motto wraps ("BỘ CÔNG THƯƠNG CỘNG HOÀ XÃ").
    for m in MOTTOS
        .iter()
        .chain(&["cong hoa xa hoi", "cong hoa xa", "dang cong san"])
    {
        if let Some(p) = f.find(m)
            && p > 0
        {
            // Byte offsets of the fold differ from the cell's: count words.
            let words_before = f[..p].split_whitespace().count();
            let ws: Vec<&str> = cell.split_whitespace().collect();
            if words_before < ws.len() {
                return vec![ws[..words_before].join(" "), ws[words_before..].join(" ")];
            }
        }
    }
    vec![cell.to_string()]
}

pub fn read(lines: &Lines) -> Header {
    let mut h = Header::default();
    let n = lines.len();
    let scan = n.min(120);
    // The kind line: standalone first, else a kind word opening a title.
    let mut kind_at: Option<(usize, &'static kinds::Kind, Option<String>)> = None;
    // A "V/v …" line before any kind line: the trích yếu of a công văn,
    // which prints no kind word (CONVENTIONS.md §1.2, 5b).
    let mut vv = false;
    for i in 0..scan {
        let p = lines.plain(i);
        if is_section_heading(p) && i > 0 {
            break;
        }
        if let Some(k) = kind_line(p) {
            kind_at = Some((i, k, None));
            break;
        }
        if is_vv(p) {
            vv = true;
            break;
        }
    }
    if kind_at.is_none() && !vv {
        for i in 0..scan.min(60) {
            let p = lines.plain(i);
            if is_section_heading(p) && i > 0 {
                break;
            }
            // "… năm 2020 QUYẾT ĐỊNH V/V BAN HÀNH …": after a date, too.
            let t = p.trim_start_matches(['#', '*', ' ']);
            let cands =
                std::iter::once(t).chain(PLACE_DATE.find(t).map(|m| t[m.end()..].trim_start()));
            for c in cands {
                if let Some((k, title)) = kind_and_title(c) {
                    kind_at = Some((i, k, Some(title.trim_end_matches(['*', ' ']).to_string())));
                    break;
                }
            }
            if kind_at.is_some() {
                break;
            }
        }
    }
    // The header's lines: before the kind line (at most 20 holding words:
    // a converter may put a blank line, or a lone "|", between every two
    // cells of the header table), else the top.
    let (zone_start, zone_end) = match &kind_at {
        Some((k, _, _)) => {
            let mut start = *k;
            let mut worded = 0;
            while start > 0 && worded < 20 {
                start -= 1;
                if !lines.plain(start).trim_matches(['|', ' ', '\t']).is_empty() {
                    worded += 1;
                }
            }
            (start, *k + 1)
        }
        None => (0, scan.min(30)),
    };
    let mut issuer_cells: Vec<String> = Vec::new();
    let mut seen_number = false;
    // "Số:" alone on its line, the number on the next (a header table a
    // converter split into lines, cells between lone "|" lines).
    let mut number_next = false;
    // Where the header's lines stop (the opening, a section heading).
    let mut zone_stop = zone_end;
    let mut joined = String::new();
    for i in zone_start..zone_end {
        let p = lines.plain(i).trim();
        // A converter's wrapper ends at the fence its text opens with: the
        // header starts after it.
        if p.starts_with("```") {
            issuer_cells.clear();
            joined.clear();
            seen_number = false;
            continue;
        }
        if p.is_empty() || is_preamble(p) {
            continue;
        }
        if kind_at.as_ref().is_none_or(|k| k.0 != i) && (is_opening(p) || is_section_heading(p)) {
            // Before the kind line it is not this text's opening (that
            // follows its kind line and title) but a converter's preamble:
            // the header starts after it.
            if kind_at.as_ref().is_some_and(|k| i < k.0) {
                issuer_cells.clear();
                joined.clear();
                seen_number = false;
                continue;
            }
            zone_stop = i;
            break;
        }
        joined.push(' ');
        joined.push_str(p);
        let content = p.trim_matches(['|', ' ', '\t']);
        if number_next && !content.is_empty() {
            number_next = false;
            if h.number.is_none() {
                h.number = own_number(content);
            }
        }
        // The number, read from the whole line (a blank one's parts sit
        // in two columns: "Số:           /KH-UBND").
        if let Some(rest) = p.strip_prefix("Số").or_else(|| p.strip_prefix("SỐ"))
            && !rest.starts_with(|ch: char| ch.is_alphabetic())
        {
            seen_number = true;
            if h.number.is_none() {
                if let Some(num) = own_number(rest) {
                    h.number = Some(num);
                } else if blank_number(rest) {
                    h.number_blank = true;
                } else if rest.trim_matches([':', ' ', '\t', '|']).is_empty() {
                    number_next = true;
                }
            }
        }
        for (_, cell) in pieces(lines.raw(i)) {
            let cell = crate::layout::plain(&cell);
            for c in split_motto(&cell) {
                let c = c
                    .trim()
                    .trim_matches(|ch: char| ch == '*' || ch == '|' || ch == '_')
                    .trim()
                    .to_string();
                if c.is_empty() || c == "*" {
                    continue;
                }
                let low = crate::text::lower(&c);
                if let Some(rest) = c.strip_prefix("Số").or_else(|| c.strip_prefix("SỐ"))
                    && !rest.starts_with(|ch: char| ch.is_alphabetic())
                {
                    seen_number = true;
                    if h.number.is_none()
                        && let Some(num) = own_number(rest)
                    {
                        h.number = Some(num);
                    }
                    continue;
                }
                if low.contains(", ngày") || low.starts_with("v/v") || is_motto(&c) {
                    continue;
                }
                let c = c
                    .trim_end_matches(|ch: char| {
                        ch == '-' || ch == '_' || ch == '=' || ch.is_whitespace()
                    })
                    .to_string();
                let caps = c.chars().any(char::is_alphabetic) && !c.chars().any(char::is_lowercase);
                if caps
                    && !seen_number
                    && kind_line(&c).is_none()
                    && c.chars().count() >= 3
                    && issuer_cells.last() != Some(&c)
                {
                    issuer_cells.push(c);
                }
            }
        }
    }
    // A number printed only in a metadata line: "Số hiệu: 45-KH/ĐU".
    if h.number.is_none() {
        for i in 0..scan.min(40) {
            let p = lines.plain(i);
            if let Some(at) = p.find("Số hiệu:") {
                h.number = own_number(&p[at + "Số hiệu:".len()..]);
                if h.number.is_some() {
                    break;
                }
            }
        }
    }
    h.issuer_header = header_body(&issuer_cells);
    // Place and date: ", ngày D tháng M năm Y" anywhere in the header's
    // lines (a wrapped date line is joined first).
    let joined = collapse_ws(&joined);
    if let Some(c) = PLACE_DATE.captures(&joined) {
        let m = c.get(0).expect("match");
        let d = date::parse_long(
            &joined[m.start() + m.as_str().find("ngày").unwrap_or(0) + "ngày".len()..],
        )
        .map(|x| x.0);
        if let Some(d) = d {
            h.date = Some(d);
            h.place = place_before(&joined, m.start());
        }
    } else if let Some(c) = BLANK_DATE.captures(&joined) {
        let m = c.get(0).expect("match");
        h.place = place_before(&joined, m.start());
        h.year_only = c.get(1).and_then(|y| y.as_str().parse().ok());
    }
    // Kind and title.
    let mut title_end = if kind_at.is_some() {
        zone_end
    } else {
        zone_stop
    };
    if let Some((k_line, kind, inline_title)) = kind_at {
        h.kind = Some(kind);
        h.end = k_line + 1;
        if let Some(t) = inline_title {
            h.title = Some(collapse_ws(&t));
            h.title_lines = Some((k_line + 1, k_line + 1));
            title_end = k_line + 1;
        } else {
            // The trích yếu: the lines after the kind line, up to a blank
            // line, a rule, the opening or an enacting line.
            let mut j = k_line + 1;
            while j < n && lines.plain(j).trim().is_empty() {
                j += 1;
            }
            let start = j;
            let mut parts = Vec::new();
            while j < n && parts.len() < 8 {
                let q = lines.plain(j).trim();
                if q.is_empty()
                    || is_rule(q)
                    || (j > start && is_opening(q))
                    || is_section_heading(q)
                    // A numbered or bulleted point is the body's, never
                    // the trích yếu ("1. Ban Tuyên giáo chủ trì …").
                    || crate::layout::marker(q).is_some()
                    || (j > start && enacting(q).is_some())
                    // "(Kèm theo Quyết định số …)": an attachment's caption.
                    || (j > start && is_caption(q))
                {
                    break;
                }
                parts.push(q.to_string());
                j += 1;
            }
            if !parts.is_empty() && !is_opening_paragraph_of_body(&parts) {
                h.title = Some(collapse_ws(&parts.join(" ")));
                h.title_lines = Some((start + 1, j));
                title_end = j;
            }
        }
    }
    // Kind from the number when no kind line was printed (công văn: a
    // state number without a type code, "7432/UBND-XD").
    if h.kind.is_none()
        && let Some(num) = &h.number
        && let Some(id) = docnum::find_all(num).into_iter().next()
    {
        h.kind = kinds::by_code(&id.code).or_else(|| {
            (id.system == docnum::System::State
                && ["UBND", "HĐND", "BCĐ", "MTTQ"].contains(&id.code.as_str()))
            .then(|| kinds::by_code("CV"))
            .flatten()
        });
    }
    if h.kind.is_none() && vv {
        h.kind = kinds::by_code("CV");
    }
    // The enacting line of a Quyết định: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …".
    let mut enacted = None;
    for i in title_end..n.min(title_end + 6) {
        if let Some(e) = enacting(lines.plain(i).trim()) {
            enacted = Some(e);
            break;
        }
    }

    // Opening paragraphs: after the title, before the first section.
    let end = (title_end..n)
        .find(|&i| is_section_heading(lines.plain(i)))
        .unwrap_or(n.min(title_end + 40));
    let mut open: Option<(usize, usize)> = None;
    for i in title_end..end {
        let p = lines.plain(i).trim();
        // The first numbered or bulleted point is the body of the text
        // (a công văn's "1. Công an tỉnh, các sở …").
        if open.is_some() && crate::layout::marker(p).is_some() {
            let bare = p[crate::layout::marker(p).map_or(0, str::len)..].trim_start();
            if !is_opening(bare) {
                break;
            }
        }
        if !p.is_empty() && (is_opening(p) || open.is_some()) {
            let s = open.map(|o| o.0).unwrap_or(i + 1);
            open = Some((s, i + 1));
        }
    }
    h.opening_lines = open;
    // No kind word printed (a page that lost its header): the opening that
    // enacts the text names its kind ("Sở … ban hành Kế hoạch …, với những
    // nội dung sau:", "xây dựng Chương trình hành động như sau").
    if h.kind.is_none()
        && !vv
        && let Some((a, e)) = open
    {
        let para = crate::text::lower(&collapse_ws(
            &(a - 1..e)
                .map(|k| lines.plain(k))
                .collect::<Vec<_>>()
                .join(" "),
        ));
        let own = ["như sau", "nội dung sau", "sau đây"]
            .iter()
            .any(|w| para.contains(w));
        if own {
            h.kind = ["ban hành ", "xây dựng "].iter().find_map(|verb| {
                para.match_indices(verb).find_map(|(p, _)| {
                    let rest = &para[p + verb.len()..];
                    kinds::KINDS
                        .iter()
                        .filter(|k| rest.starts_with(&crate::text::lower(k.name)))
                        .max_by_key(|k| k.name.len())
                })
            });
        }
    }
    let mut named = enacted;
    if named.is_none()
        && let Some((s, e)) = open
    {
        let para = collapse_ws(
            &(s - 1..e)
                .map(|k| lines.plain(k))
                .collect::<Vec<_>>()
                .join(" "),
        );
        // A text layer that lost the space before a capital ("Ban Thường
        // vụĐảng uỷ") or between syllables ("Đảng bộxã"): its words
        // parted as the layout reader parts them.
        let para = crate::layout::plain(&para);
        named = ISSUER
            .captures_iter(&para)
            .last()
            .map(|c| c["who"].trim().to_string())
            .filter(|w| w.split_whitespace().count() <= 14);
    }
    // A title that opens with "CỦA BAN THƯỜNG VỤ TỈNH ỦY" (the OCR's
    // "CUA"): the issuer, up to "về" — over the title's lines ("CỦA BỘ
    // CHÍNH TRỊ," / "BAN BÍ THƯ" / "VỀ …") — or the title's end.
    let title_first = h.title.clone().or_else(|| {
        h.title_lines
            .map(|(a, _)| lines.plain(a - 1).trim().to_string())
    });
    if named.is_none()
        && let Some(t) = &title_first
        && let Some((first, rest)) = t.split_once(' ')
        && fold(first) == "cua"
    {
        // In capitals the name is the run of capitals after "CỦA", to
        // "VỀ"; in running case it goes to " về ".
        let in_caps = !first.chars().any(char::is_lowercase);
        let who = if in_caps {
            rest.split_whitespace()
                .take_while(|w| *w != "VỀ" && !w.chars().any(char::is_lowercase))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            rest.split(" về ").next().unwrap_or(rest).to_string()
        };
        let who = who.trim_end_matches(['.', ',', ':']);
        if who.chars().any(char::is_alphabetic) && who.split_whitespace().count() <= 12 {
            // Joint issuers ("BỘ CHÍNH TRỊ, BAN BÍ THƯ") are cased each.
            named = Some(
                who.split(", ")
                    .map(name_case)
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
    }
    // A person's office is not the issuer: "Đồng chí Chánh Văn phòng …".
    if let Some(n) = &named {
        named = Some(strip_person(n));
    }
    // A Quyết định is issued by the authority of its header (its opening
    // "Căn cứ …" names other bodies).
    let decision = h
        .kind
        .is_some_and(|k| k.code == "QĐ" && k.name == "Quyết định");
    if decision && enacted_none(&named, title_end, lines, n) {
        named = None;
    }
    h.issuer = match named {
        Some(n) => Some(refine(&n, h.issuer_header.as_deref())),
        None => h.issuer_header.clone(),
    };
    // A state Chỉ thị is given by the head or by the committee, as its
    // directing sentence says: "Chủ tịch UBND tỉnh yêu cầu …" (the
    // Chairman's) rather than "Ủy ban nhân dân tỉnh yêu cầu:".
    if h.kind.is_some_and(|k| k.code == "CT")
        && let Some(iss) = &h.issuer
        && name_key(iss).starts_with("uỷ ban nhân dân")
        && chairman_directs(lines, title_end)
    {
        h.issuer = Some(format!("Chủ tịch {iss}"));
    }
    h.end = h.end.max(title_end);
    h
}

/// The directing sentence of a People's Committee's Chỉ thị: "(Chủ tịch)
/// UBND|Ủy ban nhân dân <unit> (<name>) yêu cầu|chỉ thị".
static DIRECTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(chủ tịch\s+)?(?:ubnd|uỷ ban nhân dân)\s+(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường)(?:\s+\p{L}+){0,3}?\s+(?:yêu cầu|chỉ thị)(?:\s|:|$)",
    )
    .expect("regex")
});

/// Whether the first directing sentence after the title (within 200
/// lines) is the Chairman's.
fn chairman_directs(lines: &Lines, from: usize) -> bool {
    let to = lines.len().min(from + 200);
    let body = (from..to)
        .map(|i| lines.plain(i))
        .collect::<Vec<_>>()
        .join(" ");
    let key = name_key(&collapse_ws(&body));
    DIRECTS.captures(&key).is_some_and(|c| c.get(1).is_some())
}

/// Whether what names the issuer of a Quyết định came from its opening
/// rather than from its enacting line.
fn enacted_none(named: &Option<String>, title_end: usize, lines: &Lines, n: usize) -> bool {
    named.is_some()
        && !(title_end..n.min(title_end + 6)).any(|i| enacting(lines.plain(i).trim()).is_some())
}

/// "Đồng chí Chánh Văn phòng Trung ương Đảng" → "Văn phòng Trung ương
/// Đảng": the body of a person's office.
fn strip_person(name: &str) -> String {
    let k = name_key(name);
    let Some(rest) = k.strip_prefix("đồng chí ") else {
        return name.to_string();
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut skip = 2;
    for role in [
        "phó chánh",
        "phó trưởng",
        "phó bí thư",
        "phó chủ tịch",
        "chánh",
        "trưởng",
        "bí thư",
        "chủ tịch",
        "giám đốc",
    ] {
        if rest.starts_with(role) {
            skip += role.split(' ').count();
            break;
        }
    }
    if skip >= words.len() {
        return name.to_string();
    }
    let body = words[skip..].join(" ");
    let mut cs = body.chars();
    cs.next()
        .map(|c| c.to_uppercase().chain(cs).collect())
        .unwrap_or(body)
}

/// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" (the enacting line of a
/// Quyết định): the authority, in its case.
fn enacting(p: &str) -> Option<String> {
    let t = p
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == ':')
        .trim();
    if t.is_empty() || t.chars().any(char::is_lowercase) {
        return None;
    }
    let k = name_key(t);
    [
        "chủ tịch uỷ ban nhân dân",
        "uỷ ban nhân dân",
        "bộ trưởng",
        "thủ tướng chính phủ",
        "ban thường vụ",
        "ban chấp hành",
    ]
    .iter()
    .any(|w| k.starts_with(w))
    .then(|| name_case(t))
}

/// Abbreviations of bodies' names, for comparing a short name with a full one.
fn expand(name: &str) -> String {
    let mut out = Vec::new();
    for w in name.split_whitespace() {
        out.push(match w {
            "UBND" => "Ủy ban nhân dân",
            "HĐND" => "Hội đồng nhân dân",
            "MTTQ" => "Mặt trận Tổ quốc",
            "BTV" => "Ban Thường vụ",
            "BCH" => "Ban Chấp hành",
            "TW" => "Trung ương",
            w => w,
        });
    }
    out.join(" ")
}

/// A name made precise by the header's body: "UBND tỉnh" + "Ủy ban nhân
/// dân tỉnh Bắc Ninh" → the latter; "Ban Thường vụ Tỉnh ủy" + "Tỉnh ủy Lào
/// Cai" → "Ban Thường vụ Tỉnh ủy Lào Cai".
fn refine(named: &str, header: Option<&str>) -> String {
    let Some(hb) = header else {
        return named.to_string();
    };
    // Compared without marks: OCR mistakes them ("TÍNH ỦY" for "TỈNH ỦY").
    let n = fold(&expand(named));
    let hk = fold(hb);
    // (A name equal to the header's once its abbreviations are spelt out,
    // "UBND thành phố Hà Nội", is the header's too.)
    if hk.starts_with(&n)
        && (hk.len() > n.len() || expand(named) != named)
        && n.split_whitespace().count() >= 2
    {
        return hb.to_string();
    }
    // A collective's name alone ("Ban Chấp hành", "Ban Thường vụ"): of the
    // header's body — the Ban Chấp hành of a Đảng ủy is that of its Đảng bộ.
    let nk = name_key(named);
    if ["ban chấp hành", "ban thường vụ", "ban thường trực"].contains(&nk.as_str()) {
        let body = match hb.split_once(' ') {
            Some((first, rest))
                if nk == "ban chấp hành"
                    && fold(first) == "dang"
                    && fold(rest).starts_with("uy ") =>
            {
                format!(
                    "Đảng bộ {}",
                    &rest[rest.find(' ').map_or(rest.len(), |p| p + 1)..]
                )
            }
            _ => hb.to_string(),
        };
        return format!("{named} {body}");
    }
    // "<role> <unit>" where the header body starts with the unit; the
    // Đảng bộ of a header's Đảng ủy has its locality ("Ban Chấp hành Đảng
    // bộ xã" under "ĐẢNG UỶ XÃ CÔNG HẢI").
    let words: Vec<&str> = named.split_whitespace().collect();
    let hk_bo = hk.strip_prefix("dang uy ").map(|r| format!("dang bo {r}"));
    for k in 1..words.len().saturating_sub(1) {
        let unit = fold(&expand(&words[k..].join(" ")));
        let fits = |h: &str| h.starts_with(&unit) && h.len() > unit.len();
        if fits(&hk) || hk_bo.as_deref().is_some_and(fits) {
            let extra = hb
                .split_whitespace()
                .skip(unit.split_whitespace().count())
                .collect::<Vec<_>>()
                .join(" ");
            return format!("{named} {extra}");
        }
    }
    named.to_string()
}

/// A "title" that is really the opening sentence (no title printed).
fn is_opening_paragraph_of_body(parts: &[String]) -> bool {
    let joined = parts.join(" ");
    joined.trim_end().ends_with("như sau:") || joined.trim_end().ends_with("sau:")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        text: &str,
        number: Option<&str>,
        kind: Option<&str>,
        title: Option<&str>,
        date: Option<&str>,
        place: Option<&str>,
        issuer: Option<&str>,
    ) {
        let lines = Lines::new(text);
        let h = read(&lines);
        assert_eq!(h.number.as_deref(), number, "number in {text:?}");
        assert_eq!(h.kind.map(|k| k.code), kind, "kind");
        assert_eq!(h.title.as_deref(), title, "title");
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), date, "date");
        assert_eq!(h.place.as_deref(), place, "place");
        assert_eq!(h.issuer.as_deref(), issuer, "issuer");
    }

    /// A page that lost its header: the opening that enacts the text
    /// names its kind; an attachment's caption under the trích yếu is not
    /// part of it; a body named for its province with the unit last takes
    /// the province's name from the body above it.
    #[test]
    fn kinds_from_the_opening_captions_and_places_from_above() {
        check(
            "# Public_341\n\nCăn cứ Quyết định số 1110/QĐ-BTTTT ngày 02/7/2024 của Bộ Thông tin và Truyền thông; Sở Thông tin và Truyền thông ban hành Kế hoạch nâng cao chất lượng mạng di động, với những nội dung sau:\n\n# MỤC TIÊU\n",
            None,
            Some("KH"),
            None,
            None,
            None,
            Some("Sở Thông tin và Truyền thông"),
        );
        // A plan that cites another plan in its opening, but enacts none:
        // no kind.
        check(
            "Căn cứ Kế hoạch số 12-KH/TU ngày 02/7/2024 của Tỉnh ủy, đề nghị các đơn vị báo cáo.\n\nI. NỘI DUNG\n",
            None,
            None,
            None,
            None,
            None,
            None,
        );
        check(
            "TỈNH ỦY KHÁNH HÒA\nBAN CHỈ ĐẠO VỀ CHUYỂN ĐỔI SỐ TỈNH\nSố 11-KH/BCĐ\nĐẢNG CỘNG SẢN VIỆT NAM\nKhánh Hòa, ngày 28 tháng 7 năm 2026\n\nKẾ HOẠCH\nTriển khai chuyển đổi số\n(Kèm theo Quyết định số 5-QĐ/TU)\n\nCăn cứ Nghị quyết số 57-NQ/TW,\n",
            Some("11-KH/BCĐ"),
            Some("KH"),
            Some("Triển khai chuyển đổi số"),
            Some("2026-07-28"),
            Some("Khánh Hòa"),
            Some("Ban chỉ đạo về chuyển đổi số tỉnh Khánh Hòa"),
        );
    }

    #[test]
    fn a_numbered_point_under_the_kind_line_is_no_title() {
        for text in [
            "Số 15-KH/TU\n\nKẾ HOẠCH\n\n1. Ban Tuyên giáo chủ trì, hoàn thành trước ngày 30/6/2026.\n",
            "Số 15-KH/TU\nKẾ HOẠCH\n- Các chi bộ quán triệt Nghị quyết trong quý I/2027.\n",
            "Số 15-KH/TU\nKẾ HOẠCH\na) Văn phòng tổng hợp, báo cáo.\n",
        ] {
            check(text, Some("15-KH/TU"), Some("KH"), None, None, None, None);
        }
        // A trích yếu wrapped over lines is read whole, up to the point.
        check(
            "Số 15-KH/TU\nKẾ HOẠCH\nthực hiện Nghị quyết số 28-NQ/TW\nvề tuyên truyền\n1. Các chi bộ quán triệt.\n",
            Some("15-KH/TU"),
            Some("KH"),
            Some("thực hiện Nghị quyết số 28-NQ/TW về tuyên truyền"),
            None,
            None,
            None,
        );
    }

    #[test]
    fn an_opening_listed_as_grounds_names_the_issuer() {
        check(
            "ĐẢNG BỘ TỈNH KHÁNH HOÀ\nĐẢNG UỶ XÃ CÔNG HẢI\n*\nSố 22-CTr/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n\
             Công Hải, ngày 13 tháng 11 năm 2025\nCHƯƠNG TRÌNH\nCông tác toàn khóa\n-----\n\
             - Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n\
             - Trên cơ sở Chương trình hành động của Ban Chấp hành Đảng bộ xã. Ban Chấp hành Đảng bộ\n\
             xã xây dựng Chương trình làm việc toàn khóa, cụ thể như sau:\nI. NỘI DUNG\n",
            Some("22-CTr/ĐU"),
            Some("CTr"),
            Some("Công tác toàn khóa"),
            Some("2025-11-13"),
            Some("Công Hải"),
            Some("Ban Chấp hành Đảng bộ xã Công Hải"),
        );
    }

    #[test]
    fn flattened_two_column_header() {
        check(
            "\n\nHà Nội, ngày 18 tháng 10 năm 2022\n\n*\nSố 266 - KH/ĐU\n\nKẾ HOẠCH\n\nthực hiện Nghị quyết số 21-NQ/TW\n\nThực hiện Chương trình hành động số 17-Ctr/ĐUK ngày 26/9/2022 của Đảng ủy Khối, Ban Thường vụ Đảng ủy Thông tấn xã Việt Nam (TTXVN) xây dựng Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n",
            Some("266-KH/ĐU"),
            Some("KH"),
            Some("thực hiện Nghị quyết số 21-NQ/TW"),
            Some("2022-10-18"),
            Some("Hà Nội"),
            Some("Ban Thường vụ Đảng ủy Thông tấn xã Việt Nam"),
        );
    }

    #[test]
    fn pdftotext_two_columns() {
        check(
            "TỈNH UỶ LÀO CAI                      ĐẢNG CỘNG SẢN VIỆT NAM\n            *\n     Số 104 -CTr/TU                  Lào Cai, ngày 30 tháng 8 năm 2026\n\n\n                    CHƯƠNG TRÌNH HÀNH ĐỘNG\n    thực hiện Kết luận số 75-KL/TW\n                                    -----\n\n      Thực hiện Kết luận số 75-KL/TW. Tỉnh ủy Lào Cai ban hành Chương trình hành động thực hiện, cụ thể như sau:\n      I. MỤC ĐÍCH, YÊU CẦU\n",
            Some("104-CTr/TU"),
            Some("CTr"),
            Some("thực hiện Kết luận số 75-KL/TW"),
            Some("2026-08-30"),
            Some("Lào Cai"),
            Some("Tỉnh ủy Lào Cai"),
        );
    }

    #[test]
    fn joint_issuers_named_by_the_title() {
        check(
            "BAN CHẤP HÀNH TRUNG ƯƠNG\n\nSố 221-KL/TW\n\nHà Nội, ngày 28 tháng 11 năm 2025\n\n**KẾT LUẬN**\nCỦA BỘ CHÍNH TRỊ,\nBAN BÍ THƯ\nVỀ TÌNH HÌNH HOẠT ĐỘNG CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG\n\nTại phiên họp ngày 28/11/2025, Bộ Chính trị, Ban Bí thư kết luận như sau:\n",
            Some("221-KL/TW"),
            Some("KL"),
            Some("CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ TÌNH HÌNH HOẠT ĐỘNG CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG"),
            Some("2025-11-28"),
            Some("Hà Nội"),
            Some("Bộ Chính trị, Ban Bí thư"),
        );
    }

    #[test]
    fn ocr_merged_columns_and_a_mistaken_tone() {
        check(
            "TÍNH ỦY LÀO CAI ĐÁNG CỘNG SẢN VIỆT NAM\n\n*\n\nSố 34 -NQ/TU Lào Cai, ngày 27 tháng 12 năm 2025\n\nNGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề phát triển các khu công nghiệp\n\nTrong những năm qua, ngành công nghiệp phát triển.\n",
            Some("34-NQ/TU"),
            Some("NQ"),
            Some("CỦA BAN THƯỜNG VỤ TỈNH ỦY về phát triển các khu công nghiệp"),
            Some("2025-12-27"),
            Some("Lào Cai"),
            Some("Ban Thường vụ Tỉnh ủy Lào Cai"),
        );
    }

    #[test]
    fn html_cells_and_a_state_header() {
        check(
            "|\n**UỶ BAN NHÂN DÂN**\nTỈNH BẮC NINH\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n|\nSố: 141/KH-UBND\n|\n*Bắc Ninh, ngày 20\ntháng 11 năm 2025*\n|\n\n**KẾ HOẠCH**\n\nNÂNG CAO NĂNG LỰC\n\nThực hiện Kế hoạch số 14-KH/TU, UBND tỉnh ban hành Kế hoạch như sau:\n\n**I. MỤC ĐÍCH**\n",
            Some("141/KH-UBND"),
            Some("KH"),
            Some("NÂNG CAO NĂNG LỰC"),
            Some("2025-11-20"),
            Some("Bắc Ninh"),
            Some("Uỷ ban nhân dân tỉnh Bắc Ninh"),
        );
    }

    #[test]
    fn a_header_table_split_over_lines() {
        // Cells between lone "|" lines, "Số:" on one line and the number on
        // the next, the place and date in italics over two lines.
        check(
            "|\n**ỦY BAN NHÂN DÂN**\n**TỈNH LÀO CAI**\n-------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**Độc lập - Tự do - Hạnh phúc**\n---------------\n|\nSố:\n7123/KH-UBND\n|\n*Lào Cai, ngày 05 tháng 3*\n*năm 2026*\n|\n\n**KẾ HOẠCH**\n\nTriển khai công tác tuyên truyền năm 2026\n\nThực hiện Kế hoạch số 14-KH/TU của Tỉnh ủy, UBND tỉnh ban hành Kế hoạch như sau:\n\n**I. MỤC ĐÍCH**\n",
            Some("7123/KH-UBND"),
            Some("KH"),
            Some("Triển khai công tác tuyên truyền năm 2026"),
            Some("2026-03-05"),
            Some("Lào Cai"),
            Some("Ủy ban nhân dân tỉnh Lào Cai"),
        );
        // The same table with a blank line between every two of its lines
        // (a web page's cells as paragraphs): the issuer's first line lies
        // more than 20 lines above the kind line, 20 lines holding words.
        check(
            "ỦY BAN NHÂN DÂN\n\nTỈNH ĐỒNG NAI\n\n|\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n|\n\nSố:\n\n7123/KH-UBND\n\n|\n\n*Đồng Nai, ngày 12 tháng 3*\n\n*năm 2026*\n\nKẾ HOẠCH\n\nTriển khai thực hiện Chỉ thị số 45-CT/TW\n\nI. MỤC ĐÍCH, YÊU CẦU\n",
            Some("7123/KH-UBND"),
            Some("KH"),
            Some("Triển khai thực hiện Chỉ thị số 45-CT/TW"),
            Some("2026-03-12"),
            Some("Đồng Nai"),
            Some("Ủy ban nhân dân tỉnh Đồng Nai"),
        );
        // Blank lines between the cells change nothing read from them.
        for compact in [
            "ĐẢNG BỘ TỈNH ĐỒNG NAI\nBAN TUYÊN GIÁO TỈNH ỦY\n*\nSố 45-KH/BTGTU\n|\nĐẢNG CỘNG SẢN VIỆT NAM\n|\n*Đồng Nai, ngày 12 tháng 3 năm 2026*\nKẾ HOẠCH\ntuyên truyền năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\n",
            "BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\nSố:\n597/HC-QLHC\n|\n*Hà Nội, ngày 02 tháng 4*\n*năm 2026*\nCHƯƠNG TRÌNH\nhành động năm 2026\nI. MỤC TIÊU\n",
        ] {
            let spaced = compact.replace('\n', "\n\n\n");
            let (a, b) = (read(&Lines::new(compact)), read(&Lines::new(&spaced)));
            assert!(
                a.number.is_some() && a.date.is_some() && a.issuer.is_some(),
                "{a:?}"
            );
            assert_eq!(
                (
                    &a.number,
                    a.kind.map(|k| k.code),
                    &a.title,
                    a.date,
                    &a.place,
                    &a.issuer
                ),
                (
                    &b.number,
                    b.kind.map(|k| k.code),
                    &b.title,
                    b.date,
                    &b.place,
                    &b.issuer
                ),
                "{spaced:?}"
            );
        }
        // The Party's "Số" alone, a blank line, then a number whose issuer
        // carries its term.
        check(
            "ĐẢNG ỦY QUỐC HỘI\nĐẢNG ĐOÀN QUỐC HỘI\n*\nSố\n\n15-KH/ĐĐQH15\n|\nĐẢNG CỘNG SẢN VIỆT NAM\n|\n*Hà Nội, ngày 02 tháng 3*\n*năm 2026*\n\nKẾ HOẠCH\nthực hiện Kết luận số 121-KL/TW\n\nThực hiện Kết luận số 121-KL/TW, Đảng đoàn Quốc hội ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n",
            Some("15-KH/ĐĐQH15"),
            Some("KH"),
            Some("thực hiện Kết luận số 121-KL/TW"),
            Some("2026-03-02"),
            Some("Hà Nội"),
            Some("Đảng đoàn Quốc hội"),
        );
        // The number in the cell after "Số:" on one line.
        check(
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: | 1234/NQ-UBTVQH15 | Hà Nội, ngày 10 tháng 4 năm 2026\n\nNGHỊ QUYẾT\nvề tổ chức hội nghị\n",
            Some("1234/NQ-UBTVQH15"),
            Some("NQ"),
            Some("về tổ chức hội nghị"),
            Some("2026-04-10"),
            Some("Hà Nội"),
            Some("Ủy ban Thường vụ Quốc hội"),
        );
        // "Số:" then a line that is no number: nothing is taken from it.
        check(
            "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố:\nLào Cai, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\nTriển khai\n",
            None,
            Some("KH"),
            Some("Triển khai"),
            Some("2026-03-05"),
            Some("Lào Cai"),
            Some("Ủy ban nhân dân tỉnh Lào Cai"),
        );
    }

    #[test]
    fn an_unsigned_draft_and_a_cong_van() {
        let h = read(&Lines::new(
            "ỦY BAN NHÂN DÂN   TỈNH LÀO CAI\nSố:           /KH-UBND\n       Lào Cai, ngày       tháng      năm 2026\n\nKẾ HOẠCH\nTriển khai\n",
        ));
        assert!(h.number_blank);
        assert_eq!((h.number, h.date), (None, None));
        assert_eq!(h.place.as_deref(), Some("Lào Cai"));
        check(
            "       ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n         TỈNH LÀO CAI                            Độc lập - Tự do - Hạnh phúc\n\n         Số: 7432 /UBND-XD                      Lào Cai, ngày 21 tháng 7 năm 2026\n V/v triển khai thực hiện\n",
            Some("7432/UBND-XD"),
            Some("CV"),
            None,
            Some("2026-07-21"),
            Some("Lào Cai"),
            Some("Ủy ban nhân dân tỉnh Lào Cai"),
        );
    }

    #[test]
    fn a_name_the_converter_broke_over_lines() {
        // A lone word goes on from the line before.
        check(
            "|\n**VĂN PHÒNG CHÍNH\nPHỦ**\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\nĐộc lập - Tự do - Hạnh phúc\n|\nSố: 636/TB-VPCP\n|\n*Hà Nội, ngày 24\ntháng 11 năm 2025*\n|\n\n**THÔNG BÁO**\n\nKẾT LUẬN CỦA PHÓ THỦ TƯỚNG\n\nNgày 14 tháng 11 năm 2025, Phó Thủ tướng làm việc.\n",
            Some("636/TB-VPCP"),
            Some("TB"),
            Some("KẾT LUẬN CỦA PHÓ THỦ TƯỚNG"),
            Some("2025-11-24"),
            Some("Hà Nội"),
            Some("Văn phòng Chính phủ"),
        );
        let h = read(&Lines::new(
            "**BỘ TÀI\nCHÍNH**\n|\nSố: 12/KH-BTC\n|\nHà Nội, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\nTriển khai\n",
        ));
        assert_eq!(
            h.issuer.as_deref().map(name_key).as_deref(),
            Some("bộ tài chính")
        );
        // Broken inside a word pair, the place on a line of its own.
        check(
            "|\n**ỦY BAN NHÂN\nDÂN **\nTỈNH ĐẮK LẮK\n--------\n|\nSố: 15/KH-UBND\n|\n*Đắk Lắk, ngày\n26 tháng 11 năm 2025*\n|\n\n**KẾ HOẠCH**\n\nCẢI CÁCH\n\nThời gian qua, tỉnh đã nỗ lực.\n",
            Some("15/KH-UBND"),
            Some("KH"),
            Some("CẢI CÁCH"),
            Some("2025-11-26"),
            Some("Đắk Lắk"),
            Some("Ủy ban nhân dân tỉnh Đắk Lắk"),
        );
        // A cell that ends on its place unit goes on into the next; a gap
        // inside "TỈNH  LÀO CAI" is no column.
        for header in [
            "ỦY BAN NHÂN DÂN TỈNH\nQUẢNG NGÃI\n",
            "UỶ BAN NHÂN DÂN\nTỈNH  QUẢNG NGÃI\n",
        ] {
            let text = format!(
                "{header}Số: 20/KH-UBND\nQuảng Ngãi, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\nTriển khai\n"
            );
            let h = read(&Lines::new(&text));
            assert_eq!(
                h.issuer.as_deref().map(name_key).as_deref(),
                Some("uỷ ban nhân dân tỉnh quảng ngãi"),
                "{text}"
            );
        }
        // Look-alike: a Party header's two bodies stay two.
        check(
            "ĐẢNG BỘ TỈNH KHÁNH HOÀ\nĐẢNG UỶ XÃ CÔNG HẢI\n*\nSố 45-KH/ĐU\nCông Hải, ngày 13 tháng 11 năm 2025\nKẾ HOẠCH\nChuyển đổi số\n",
            Some("45-KH/ĐU"),
            Some("KH"),
            Some("Chuyển đổi số"),
            Some("2025-11-13"),
            Some("Công Hải"),
            Some("Đảng uỷ xã Công Hải"),
        );
    }

    #[test]
    fn an_ocr_header_with_a_motto_cut_and_a_date_unread() {
        let h = read(&Lines::new(
            "`“ “*HỦ NGHĨA VIỆT NAM\n\nBỘ CÔNG THƯƠNG CỘNG HOÀ XÃ `\n: Độc lập - Tự do - Hạnh phúc\nsẽ; 6 ŸBCT-ATMT z“—U\n\nV/v triển khai thực hiện thủ tục cấp Hà Nội, ngày0) thángh năm 2026\nGiây phép vận chuyên hàng hóa\n\nKính gửi: Ủy ban nhân dân các tỉnh, thành phố\n",
        ));
        assert_eq!(h.kind.map(|k| k.code), Some("CV"));
        assert_eq!(h.place.as_deref(), Some("Hà Nội"));
        assert_eq!((h.date, h.year_only), (None, Some(2026)));
        assert_eq!(
            h.issuer.as_deref().map(name_key).as_deref(),
            Some("bộ công thương")
        );
        // A body whose name holds "công" is not cut there.
        assert_eq!(
            split_motto("BỘ CÔNG THƯƠNG"),
            vec!["BỘ CÔNG THƯƠNG".to_string()]
        );
    }

    #[test]
    fn a_department_is_named_with_its_province() {
        check(
            "      UBND TỈNH LÀO CAI                            CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG                                Độc lập - Tự do - Hạnh Phúc\n\n        Số: 6795 /SNNMT-KS                              Lào Cai, ngày 17 tháng 7 năm 2026\nV/v thực hiện các quy định\n\n       Kính gửi: Công ty cổ phần Thủ Đô\n",
            Some("6795/SNNMT-KS"),
            Some("CV"),
            None,
            Some("2026-07-17"),
            Some("Lào Cai"),
            Some("Sở nông nghiệp và môi trường tỉnh Lào Cai"),
        );
        // A department of a ministry (Cục) keeps its own name.
        check(
            "BỘ CÔNG THƯƠNG\nCỤC HÓA CHẤT\n------- \nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc \nSố: 597/HC-QLHC\nV/v cấp Giấy phép xuất khẩu\nHà Nội, ngày 27 tháng 3 năm 2026\n \nKính gửi: Sở Công Thương tỉnh Quảng Ngãi\n",
            Some("597/HC-QLHC"),
            Some("CV"),
            None,
            Some("2026-03-27"),
            Some("Hà Nội"),
            Some("Cục hóa chất"),
        );
    }

    #[test]
    fn kinds_of_state_letters() {
        // A "V/v" under the number and no kind word: a công văn, whatever
        // its number's code (or a number left blank).
        for (number_line, number) in [
            ("Số:             /UBND-KT", None),
            ("Số: 2265/BCT-ATMT", Some("2265/BCT-ATMT")),
        ] {
            let text = format!(
                "UỶ BAN NHÂN DÂN\nTỈNH LÀO CAI\n{number_line}\nV/v tham mưu uỷ quyền thủ tục\n\nKính gửi: Sở Công Thương\n\nLiên quan thủ tục huấn luyện.\n"
            );
            let h = read(&Lines::new(&text));
            assert_eq!(h.number.as_deref(), number, "{text}");
            assert_eq!(h.kind.map(|k| k.code), Some("CV"), "{text}");
        }
        // A Công điện, its trích yếu opening with "V/V" under the kind line.
        check(
            "**THỦ TƯỚNG CHÍNH\nPHỦ**\n|\nSố: 217/CĐ-TTg\n|\n*Hà Nội, ngày 16\ntháng 11 năm 2025*\n\n**CÔNG ĐIỆN**\n\nV/V CHỦ ĐỘNG PHÒNG, TRÁNH MƯA LŨ\n\n**THỦ TƯỚNG CHÍNH PHỦ điện:**\n",
            Some("217/CĐ-TTg"),
            Some("CĐ"),
            Some("V/V CHỦ ĐỘNG PHÒNG, TRÁNH MƯA LŨ"),
            Some("2025-11-16"),
            Some("Hà Nội"),
            Some("Thủ tướng Chính phủ"),
        );
        // Look-alikes: the kind line wins over a "V/v" title under it, and
        // "v/v" inside a sentence is no trích yếu.
        check(
            "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 5/QĐ-UBND\nLào Cai, ngày 05 tháng 3 năm 2026\n\nQUYẾT ĐỊNH\nV/v ban hành Kế hoạch\n",
            Some("5/QĐ-UBND"),
            Some("QĐ"),
            Some("V/v ban hành Kế hoạch"),
            Some("2026-03-05"),
            Some("Lào Cai"),
            Some("Ủy ban nhân dân tỉnh Lào Cai"),
        );
        assert!(!is_vv("Công văn v/v triển khai"));
        assert!(!is_vv("V/vận"));
        assert!(is_vv("**V/v: triển khai"));
    }

    #[test]
    fn a_chairmans_directive() {
        let head = "ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 012/CT-UBND\nĐắk Lắk, ngày 26 tháng 11 năm 2025\n\nCHỈ THỊ\nVề cải cách thủ tục hành chính\n\nThời gian qua, tỉnh đã nỗ lực.\n";
        for (body, issuer) in [
            (
                "Để khắc phục hạn chế, Chủ tịch UBND tỉnh yêu cầu Thủ trưởng các sở thực hiện:\n",
                "Chủ tịch Ủy ban nhân dân tỉnh Đắk Lắk",
            ),
            (
                "Chủ tịch Ủy ban nhân dân tỉnh Đắk Lắk chỉ thị:\n",
                "Chủ tịch Ủy ban nhân dân tỉnh Đắk Lắk",
            ),
            // The committee's own directive.
            (
                "Ủy ban nhân dân tỉnh yêu cầu:\n",
                "Ủy ban nhân dân tỉnh Đắk Lắk",
            ),
            // The committee first, its Chairman's name later in a task.
            (
                "Ủy ban nhân dân tỉnh yêu cầu:\n1. Các sở báo cáo Chủ tịch UBND tỉnh yêu cầu của dân.\n",
                "Ủy ban nhân dân tỉnh Đắk Lắk",
            ),
        ] {
            let h = read(&Lines::new(&format!("{head}{body}")));
            assert_eq!(h.issuer.as_deref(), Some(issuer), "{body}");
        }
        // A công văn's "Chủ tịch … yêu cầu:" leaves it the committee's.
        let h = read(&Lines::new(
            "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 5973/UBND-KT\nV/v thanh tra\nLào Cai, ngày 05 tháng 3 năm 2026\n\nChủ tịch Ủy ban nhân dân tỉnh yêu cầu:\n",
        ));
        assert_eq!(h.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Lào Cai"));
    }

    #[test]
    fn a_name_in_abbreviations_is_the_headers() {
        check(
            "**ỦY BAN NHÂN DÂN**\nTHÀNH PHỐ HÀ NỘI\n|\nSố: 308/KH-UBND\n|\n*Hà Nội, ngày 17\ntháng 11 năm 2025*\n\n**KẾ HOẠCH**\n\nTRIỂN KHAI\n\nThực hiện Nghị quyết số 214/NQ-CP; UBND thành phố Hà Nội ban hành Kế hoạch như sau:\n\n**I. MỤC ĐÍCH**\n",
            Some("308/KH-UBND"),
            Some("KH"),
            Some("TRIỂN KHAI"),
            Some("2025-11-17"),
            Some("Hà Nội"),
            Some("Ủy ban nhân dân thành phố Hà Nội"),
        );
    }

    #[test]
    fn names_in_their_case() {
        for (caps, want) in [
            ("TỈNH UỶ LÀO CAI", "Tỉnh uỷ Lào Cai"),
            (
                "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
                "Ủy ban nhân dân tỉnh Bắc Ninh",
            ),
            ("ĐẢNG UỶ XÃ CÔNG HẢI", "Đảng uỷ xã Công Hải"),
            (
                "BAN TUYÊN GIÁO VÀ DÂN VẬN TRUNG ƯƠNG",
                "Ban Tuyên giáo và Dân vận Trung ương",
            ),
            (
                "BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM XÃ LƯƠNG MINH",
                "Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh",
            ),
        ] {
            assert_eq!(name_case(caps), want, "{caps}");
        }
    }

    #[test]
    fn nothing_in_an_empty_or_odd_text() {
        check("", None, None, None, None, None, None);
        check("Số\n\nngày", None, None, None, None, None, None);
        check("KẾ HOẠCH", None, Some("KH"), None, None, None, None);
    }
}
