//! The end of a document (DOMAIN.md §1.7): the "Nơi nhận" list and the
//! signature block (authority, title, signer), in either order.

use super::Lines;
use crate::text::collapse_ws;

#[derive(Debug, Default, PartialEq)]
pub struct Signature {
    pub signer: Option<String>,
    pub title: Option<String>,
    pub authority: Option<String>,
    pub recipients: Vec<String>,
    /// 1-based line of "Nơi nhận:".
    pub recipients_line: Option<usize>,
}

fn is_footnote(p: &str) -> bool {
    let t = p.trim_start();
    t.starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '⁰'])
        || t.starts_with("[^")
        || (t.starts_with('[') && t[1..].starts_with(|c: char| c.is_ascii_digit()))
}

/// A personal name: 2–6 words, each capitalised and not all capitals, letters only.
fn is_name(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(|c| c.is_uppercase())
                && w.chars().all(|c| c.is_alphabetic())
                && (w.chars().count() == 1 || cs.any(|c| c.is_lowercase()))
        })
}

fn is_authority(p: &str) -> bool {
    [
        "T/M ", "K/T ", "T/L ", "TM. ", "KT. ", "TL. ", "TUQ. ", "Q. ",
    ]
    .iter()
    .any(|a| p.starts_with(a))
}

fn is_caps_line(p: &str) -> bool {
    p.chars().any(|c| c.is_alphabetic()) && !p.chars().any(|c| c.is_lowercase())
}

pub fn read(lines: &Lines) -> Signature {
    let mut s = Signature::default();
    let n = lines.len();
    let lo = n.saturating_sub(40);

    // Signer: the last name-like line, skipping footnotes and blanks.
    let mut i = n;
    while i > lo {
        i -= 1;
        let p = lines.plain(i).trim();
        if p.is_empty() || is_footnote(p) {
            continue;
        }
        if is_name(p) {
            s.signer = Some(p.to_string());
            // Title and authority above it.
            let mut j = i;
            let mut caps = Vec::new();
            while j > lo && caps.len() < 3 {
                j -= 1;
                let q = lines.plain(j).trim();
                if q.is_empty() {
                    continue;
                }
                if is_caps_line(q) {
                    caps.push(q.to_string());
                } else {
                    break;
                }
            }
            caps.reverse();
            if let Some(pos) = caps.iter().position(|c| is_authority(c)) {
                s.authority = Some(caps[pos].clone());
                let rest: Vec<_> = caps[pos + 1..].to_vec();
                if !rest.is_empty() {
                    s.title = Some(rest.join(" "));
                }
            } else if let Some(last) = caps.last()
                && !last.starts_with('-')
                && !last.contains(':')
            {
                s.title = Some(last.clone());
            }
        }
        break;
    }

    // Recipients: the dash list after "Nơi nhận:".
    let Some(start) = (lo..n).rev().find(|&k| {
        let p = lines.plain(k).trim().trim_start_matches('#').trim();
        p.starts_with("Nơi nhận") || p.starts_with("NƠI NHẬN")
    }) else {
        return s;
    };
    s.recipients_line = Some(start + 1);
    let mut items: Vec<String> = Vec::new();
    let mut prev_blank = false;
    for k in start + 1..n {
        let p = lines.plain(k).trim();
        if p.is_empty() {
            prev_blank = true;
            continue;
        }
        if let Some(item) = p.strip_prefix('-').or_else(|| p.strip_prefix('+')) {
            items.push(item.trim().to_string());
        } else if !prev_blank && !items.is_empty() && !is_caps_line(p) && !is_name(p) {
            let last = items.last_mut().expect("non-empty");
            last.push(' ');
            last.push_str(p);
        } else {
            break;
        }
        prev_blank = false;
    }
    s.recipients = items
        .into_iter()
        .map(|i| collapse_ws(i.trim_end_matches([',', ';', '.'])))
        .filter(|i| !i.is_empty())
        .collect();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        text: &str,
        signer: Option<&str>,
        title: Option<&str>,
        authority: Option<&str>,
        recipients: &[&str],
    ) {
        let s = read(&Lines::new(text));
        assert_eq!(s.signer.as_deref(), signer, "signer in {text:?}");
        assert_eq!(s.title.as_deref(), title, "title");
        assert_eq!(s.authority.as_deref(), authority, "authority");
        assert_eq!(s.recipients, recipients, "recipients");
    }

    #[test]
    fn signature_after_recipients() {
        check(
            "text\n\nNơi nhận:\n\n- Đảng ủy Khối các cơ quan TW (để b/c),\n- Các cấp ủy trực thuộc Đảng bộ TTXVN,\n- Lưu VPĐU.\n\nT/M BAN THƯỜNG VỤ\n\nBÍ THƯ\n\n\n\nVũ Việt Trang",
            Some("Vũ Việt Trang"),
            Some("BÍ THƯ"),
            Some("T/M BAN THƯỜNG VỤ"),
            &[
                "Đảng ủy Khối các cơ quan TW (để b/c)",
                "Các cấp ủy trực thuộc Đảng bộ TTXVN",
                "Lưu VPĐU",
            ],
        );
    }

    #[test]
    fn wrapped_recipient_bold_signature_and_footnote() {
        check(
            "Nơi nhận:\n\n- Ban Bí thư Trung ương\nĐoàn Thanh niên Cộng sản Hồ Chí Minh,\n- Lưu VP.\n\n**T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ**\n\nNguyễn Xuân Đức\n\n² Quy định số 85-QĐ/TW, ngày 07/10/2022 về việc",
            Some("Nguyễn Xuân Đức"),
            Some("PHÓ BÍ THƯ"),
            Some("T/M BAN THƯỜNG VỤ"),
            &[
                "Ban Bí thư Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
                "Lưu VP",
            ],
        );
    }

    #[test]
    fn no_signature() {
        check(
            "#### Nơi nhận:\n\n- Lưu VPĐU.\n\n\n",
            None,
            None,
            None,
            &["Lưu VPĐU"],
        );
        check("", None, None, None, &[]);
        check("Hết.\n", None, None, None, &[]);
    }
}
