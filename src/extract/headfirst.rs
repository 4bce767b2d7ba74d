//! A document whose kind word and trích yếu come before its header (a page
//! that puts the document's name at its head, then the header block: the
//! issuer, "Số …", the motto, the place and date): the header block is
//! read where the writer of the document put it, before the kind word, so
//! the header reader finds the number, issuer, place and date
//! (CONVENTIONS §1). Each line keeps the source line it came from.

use super::Parted;
use super::header::{
    PLACE_DATE, is_caption, is_motto, is_opening, is_rule, is_section_heading, kind_line,
    own_number,
};

/// How far after the trích yếu a header block may start, in lines.
const NEAR: usize = 12;

/// The text with its header block moved before its kind line, when the
/// kind line comes first (nothing of a header above it) and a header block
/// (a number line, or a place and date, and a motto or issuer in capitals)
/// follows the trích yếu before the text opens; else `None`.
pub fn part(text: &str) -> Option<Parted> {
    let raw: Vec<&str> = text.lines().collect();
    let clean = |l: &str| {
        super::plain_line(l)
            .trim()
            .trim_end_matches('\\')
            .trim()
            .to_string()
    };
    // Only the top of a text is looked at: the kind line within its first
    // 40 lines (most texts show a header line before it, and are left
    // there), the header block soon after the trích yếu.
    let mut plain: Vec<String> = Vec::new();
    let mut k = None;
    for l in raw.iter().take(40) {
        let p = clean(l);
        if kind_line(&p).is_some() {
            k = Some(plain.len());
            break;
        }
        if header_line(&p) {
            return None;
        }
        plain.push(p);
    }
    let k = k?;
    plain.extend(raw[k..raw.len().min(120)].iter().map(|l| clean(l)));
    let n = plain.len();
    // The trích yếu: the lines after the kind line to a blank line or a rule.
    let mut j = k + 1;
    while j < n && !plain[j].is_empty() && !is_rule(&plain[j]) {
        j += 1;
    }
    // The header block: from its first line holding words to its last
    // header line, before the opening or a section heading.
    let mut first = None;
    let mut last = None;
    let mut dated = false;
    let mut numbered = false;
    let mut i = j;
    while i < n && i < j + NEAR + 12 {
        let p = &plain[i];
        if is_opening(p) || is_section_heading(p) || kind_line(p).is_some() {
            break;
        }
        if !p.is_empty() && !is_rule(p) && !is_caption(p) {
            if first.is_none() && i > j + NEAR {
                return None;
            }
            first.get_or_insert(i);
            if header_line(p) {
                last = Some(i);
                dated |= place_date_line(p);
                numbered |= number_line(p);
            } else if !capitals(p) {
                // Words of the text before any header line: no header.
                last?;
                break;
            }
        }
        i += 1;
    }
    let (a, b) = (first?, last? + 1);
    if !(dated && numbered) {
        return None;
    }
    let order: Vec<usize> = (0..k).chain(a..b).chain(k..a).chain(b..raw.len()).collect();
    let mut out = String::with_capacity(text.len() + 1);
    for &i in &order {
        out.push_str(raw[i]);
        out.push('\n');
    }
    Some(Parted {
        text: out,
        source: order.iter().map(|i| i + 1).collect(),
    })
}

/// Letters all capitals: an issuer's line of a header.
fn capitals(p: &str) -> bool {
    p.chars().any(char::is_alphabetic) && !p.chars().any(char::is_lowercase)
}

/// "Số 11-KH/BCĐ", "Số: 123/KH-UBND": a document's number.
fn number_line(p: &str) -> bool {
    p.strip_prefix("Số")
        .or_else(|| p.strip_prefix("SỐ"))
        .and_then(own_number)
        .is_some()
}

/// "Khánh Hòa, ngày 28 tháng 7 năm 2026": a place of a few words, and the
/// date ends the line.
fn place_date_line(p: &str) -> bool {
    PLACE_DATE.find(p).is_some_and(|m| {
        p[..m.start()].split_whitespace().count() <= 6
            && p[m.end()..].trim_matches(['*', '_', '.', ' ']).is_empty()
    })
}

/// A line only a header holds: the number, the motto, the place and date,
/// an issuer's name in capitals.
fn header_line(p: &str) -> bool {
    number_line(p) || place_date_line(p) || is_motto(p) || (capitals(p) && p.chars().count() > 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source lines (1-based) of the moved text, or `None`.
    fn check(text: &str, expected: Option<&[usize]>) {
        let got = part(text).map(|p| p.source);
        assert_eq!(got.as_deref(), expected, "{text}");
    }

    #[test]
    fn a_header_after_the_title_comes_first() {
        check(
            "# KẾ HOẠCH\n### Triển khai chuyển đổi số\n\n---\n\n**TỈNH ỦY KHÁNH HÒA**\n*Số 11-KH/TU*\n\n**ĐẢNG CỘNG SẢN VIỆT NAM**\n*Khánh Hòa, ngày 28 tháng 7 năm 2026*\n\n---\n\nCăn cứ Nghị quyết số 57-NQ/TW,\n",
            Some(&[6, 7, 8, 9, 10, 1, 2, 3, 4, 5, 11, 12, 13, 14]),
        );
    }

    #[test]
    fn a_caption_and_blank_lines_between_title_and_header() {
        check(
            "# KẾ HOẠCH\n### Triển khai chuyển đổi số\n\n## (Kèm theo Kế hoạch số 11-KH/TU)\n\n## TỈNH ỦY KHÁNH HÒA\n\nSố 11-KH/TU\n\n## ĐẢNG CỘNG SẢN VIỆT NAM\n\nKhánh Hòa, ngày 28 tháng 7 năm 2026\n\nCăn cứ Nghị quyết số 57-NQ/TW,\n",
            Some(&[6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 13, 14]),
        );
    }

    #[test]
    fn headers_in_their_place_and_titles_alone_stay() {
        // The header first, as written.
        check(
            "TỈNH ỦY KHÁNH HÒA\nSố 11-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nKhánh Hòa, ngày 28 tháng 7 năm 2026\n\nKẾ HOẠCH\nTriển khai chuyển đổi số\n\nCăn cứ Nghị quyết số 57-NQ/TW,\n",
            None,
        );
        // A title, then the text: no header to move.
        check(
            "KẾ HOẠCH\nTriển khai chuyển đổi số\n\nCăn cứ Nghị quyết số 57-NQ/TW, ngày 22/12/2024.\n",
            None,
        );
        // A date in the text after the title is no header.
        check(
            "KẾ HOẠCH\nTriển khai chuyển đổi số\n\nHội nghị họp tại Hà Nội, ngày 28 tháng 7 năm 2026.\nSố 5 đại biểu vắng.\n",
            None,
        );
    }
}
