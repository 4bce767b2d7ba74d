//! The header of a document (DOMAIN.md §1.2, §1.6): its number, kind word,
//! trích yếu, place and date, and the issuer named in the opening paragraph.

use super::Lines;
use crate::date::{self, Date};
use crate::docnum;
use crate::kinds;
use crate::text::collapse_ws;
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
    /// Lines of the opening paragraphs ("Thực hiện …", "Căn cứ …").
    pub opening_lines: Option<(usize, usize)>,
}

static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\*?(?P<place>\p{Lu}[\p{L} .'-]{0,40}?),\s*ngày\s+(?P<rest>.*)$").expect("regex")
});

static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[,;:]\s*)(?P<who>\p{Lu}[^,;:()]*?)\s*(?:\([^)]*\)\s*)?(?:ban hành|xây dựng|triển khai|đề ra)\s+(?:Kế hoạch|kế hoạch|Chương trình|chương trình|Nghị quyết|nghị quyết)")
        .expect("regex")
});

/// Where the header stops: the first Roman-numbered section heading.
fn is_section_heading(plain: &str) -> bool {
    let t = plain.trim_start();
    let roman_end = t
        .find(|c: char| !matches!(c, 'I' | 'V' | 'X'))
        .unwrap_or(t.len());
    roman_end > 0 && matches!(t[roman_end..].chars().next(), Some('.' | '-' | ' ' | '–')) && {
        let rest = t[roman_end + 1..].trim_start();
        rest.chars().next().is_some_and(|c| c.is_uppercase())
    }
}

fn is_opening(plain: &str) -> bool {
    let t = plain.trim_start();
    [
        "Thực hiện",
        "Căn cứ",
        "Triển khai",
        "Tiếp tục thực hiện",
        "Để cụ thể hóa",
        "Để cụ thể hoá",
        "Nhằm",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// A line that is only a kind word in capitals ("KẾ HOẠCH").
fn kind_line(plain: &str) -> Option<&'static kinds::Kind> {
    let t = plain.trim().trim_matches('*').trim();
    if t.is_empty() || t.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    kinds::by_name(t)
}

pub fn read(lines: &Lines) -> Header {
    let mut h = Header::default();
    let end = (0..lines.len())
        .find(|&i| is_section_heading(lines.plain(i)))
        .unwrap_or(lines.len().min(60));

    for i in 0..end {
        let p = lines.plain(i).trim();
        if h.date.is_none()
            && let Some(c) = PLACE_DATE.captures(p)
            && let Some((d, _)) = date::parse_long(&c["rest"])
        {
            h.date = Some(d);
            h.place = Some(c["place"].trim().to_string());
            continue;
        }
        if h.number.is_none()
            && let Some(rest) = p.strip_prefix("Số").or_else(|| p.strip_prefix("SỐ"))
            && let Some(n) = own_number(rest)
        {
            h.number = Some(n);
            continue;
        }
        if h.kind.is_none()
            && let Some(k) = kind_line(p)
        {
            h.kind = Some(k);
            // The trích yếu is the first paragraph after the kind line.
            let mut j = i + 1;
            while j < end && lines.plain(j).trim().is_empty() {
                j += 1;
            }
            let start = j;
            let mut parts = Vec::new();
            while j < end {
                let q = lines.plain(j).trim();
                if q.is_empty() || q.chars().all(|c| c == '-' || c == '*' || c == '_') {
                    break;
                }
                parts.push(q.to_string());
                j += 1;
            }
            if !parts.is_empty() && !is_opening_paragraph_of_body(&parts) {
                h.title = Some(collapse_ws(&parts.join(" ")));
                h.title_lines = Some((start + 1, j));
            }
        }
    }

    // Opening paragraphs: after the title, before the first section.
    let from = h.title_lines.map(|(_, e)| e).unwrap_or(0);
    let mut open: Option<(usize, usize)> = None;
    let mut i = from;
    while i < end {
        let p = lines.plain(i).trim();
        if !p.is_empty() && (is_opening(p) || open.is_some()) {
            let s = open.map(|o| o.0).unwrap_or(i + 1);
            open = Some((s, i + 1));
        }
        i += 1;
    }
    h.opening_lines = open;
    if let Some((s, e)) = open {
        let para = collapse_ws(
            &(s - 1..e)
                .map(|k| lines.plain(k))
                .collect::<Vec<_>>()
                .join(" "),
        );
        h.issuer = ISSUER
            .captures_iter(&para)
            .last()
            .map(|c| c["who"].trim().to_string());
    }
    h
}

/// The identifier right after "Số" ("Số: 113/KH-UBND", "Số 104 -CTr/TU
/// <columns> Lào Cai, ngày …"): the first one, when nothing but spaces and
/// a colon stands before it.
fn own_number(rest: &str) -> Option<String> {
    let t = rest.trim_start_matches([':', ' ', '\t']);
    let first = docnum::find_all(t).into_iter().next()?;
    t[..first.start]
        .trim()
        .is_empty()
        .then_some(first.canonical)
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
    fn markdown_heading_and_multiline_title() {
        check(
            "## KẾ HOẠCH\nthực hiện Nghị quyết Hội nghị\nBan Chấp hành Trung ương\n\nThực hiện Nghị quyết số 28-NQ/TW, Bộ Chính trị ban hành Kế hoạch thực hiện như sau:\n\nI- MỤC ĐÍCH, YÊU CẦU\n",
            None,
            Some("KH"),
            Some("thực hiện Nghị quyết Hội nghị Ban Chấp hành Trung ương"),
            None,
            None,
            Some("Bộ Chính trị"),
        );
    }

    #[test]
    fn issuer_in_its_own_paragraph_and_state_header() {
        check(
            "*\nSố 77-KH/ĐUK\n\nKẾ HOẠCH\n\nThực hiện Nghị quyết số 28-NQ/TW\n\nThực hiện Nghị quyết số 28-NQ/TW;\n\nBan Thường vụ Đảng ủy Khối xây dựng Kế hoạch thực hiện, cụ thể như sau:\n\nI- MỤC ĐÍCH\n",
            Some("77-KH/ĐUK"),
            Some("KH"),
            Some("Thực hiện Nghị quyết số 28-NQ/TW"),
            None,
            None,
            Some("Ban Thường vụ Đảng ủy Khối"),
        );
        check(
            "Số: 113/KH-UBND\n\nLào Cai, ngày 07 tháng 9 năm 2026\n\nKẾ HOẠCH\nTriển khai chuyển đổi số\n\nI. MỤC ĐÍCH\n",
            Some("113/KH-UBND"),
            Some("KH"),
            Some("Triển khai chuyển đổi số"),
            Some("2026-09-07"),
            Some("Lào Cai"),
            None,
        );
    }

    #[test]
    fn nothing_in_an_empty_or_odd_text() {
        check("", None, None, None, None, None, None);
        check("Số\n\nngày", None, None, None, None, None, None);
        check("KẾ HOẠCH", None, Some("KH"), None, None, None, None);
    }
}
