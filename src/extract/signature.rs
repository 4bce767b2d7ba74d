//! The end of a document (CONVENTIONS.md §5): the "Nơi nhận" list and the
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
    /// 1-based lines of the recipients list, "Nơi nhận:" to its last item.
    pub recipients_lines: Option<(usize, usize)>,
    /// 1-based lines of the signature block, the authority to the name.
    pub signature_lines: Option<(usize, usize)>,
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
        "T/M ", "K/T ", "T/L ", "TM. ", "KT. ", "TL. ", "TUQ. ", "Q. ", "TM ", "KT ",
    ]
    .iter()
    .any(|a| p.starts_with(a))
}

/// What every authority prefix holds.
const AUTHORITY_HINTS: &[&str] = &["T/", "K/", "TM", "KT", "TL", "TUQ", "Q."];

/// Whether `raw` holds one of [`AUTHORITY_HINTS`], in one pass over its
/// bytes (each hint is ASCII and starts with T, K or Q).
fn has_authority_hint(raw: &str) -> bool {
    let b = raw.as_bytes();
    (0..b.len()).any(|i| {
        matches!(b[i], b'T' | b'K' | b'Q')
            && AUTHORITY_HINTS
                .iter()
                .any(|h| b[i..].starts_with(h.as_bytes()))
    })
}

fn is_caps_line(p: &str) -> bool {
    p.chars().any(|c| c.is_alphabetic()) && !p.chars().any(|c| c.is_lowercase())
}

/// The cells of a line (pdftotext puts the signature in the right column
/// beside the recipients), markup removed.
fn cells(lines: &Lines, i: usize) -> Vec<String> {
    crate::layout::table::pieces(lines.raw(i))
        .into_iter()
        .map(|(_, c)| crate::layout::plain(&c))
        .map(|c| {
            c.trim_matches(|ch: char| ch == '*' || ch == '_' || ch == '|')
                .trim()
                .to_string()
        })
        .filter(|c| !c.is_empty())
        .collect()
}

/// A signature block a converter flattened into one line: "TM. ỦY BAN
/// NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp CHƯƠNG TRÌNH …" →
/// (authority, title, name): the capitals up to the first name, cut at
/// each authority mark; a deputy's title ("PHÓ …") after the last one.
fn flattened(cell: &str) -> Option<(String, Option<String>, String)> {
    let words: Vec<&str> = cell.split_whitespace().collect();
    let start = words.iter().position(|w| !is_caps_line(w))?;
    let len = words[start..]
        .iter()
        .take_while(|w| !is_caps_line(w))
        .count();
    let name = words[start..start + len].join(" ");
    if start < 2 || !(2..=5).contains(&len) || !is_name(&name) {
        return None;
    }
    // Marks that open an authority ("TM.", "KT.", "T/M", …).
    let mut parts: Vec<Vec<&str>> = Vec::new();
    for w in &words[..start] {
        let opens = is_authority(&format!("{w} "));
        match parts.last_mut() {
            Some(p) if !opens => p.push(w),
            _ => parts.push(vec![w]),
        }
    }
    let mut last = parts.pop()?;
    let title = last
        .iter()
        .rposition(|w| *w == "PHÓ")
        .filter(|&p| p > 1)
        .map(|p| last.split_off(p).join(" "));
    parts.push(last);
    let authority = parts
        .iter()
        .map(|p| p.join(" "))
        .collect::<Vec<_>>()
        .join(" / ");
    Some((authority, title, name))
}

/// The signature: the last authority line ("T/M BAN THƯỜNG VỤ", "KT. CHỦ
/// TỊCH") that a name follows within a few lines, its title lines between;
/// else the last name-like line of the text's end.
fn signer(lines: &Lines, s: &mut Signature) {
    let n = lines.len();
    let mut best: Option<(String, Option<String>, String)> = None;
    let mut span = None;
    for i in 0..n {
        // Markup and repairs never make an authority's capitals: a line
        // without them is passed over unread.
        let raw = lines.raw(i);
        if !has_authority_hint(raw) {
            continue;
        }
        let cs = cells(lines, i);
        let Some(auth) = cs.iter().find(|c| is_authority(c)) else {
            continue;
        };
        if let Some(one) = flattened(auth) {
            best = Some(one);
            span = Some((i + 1, i + 1));
            continue;
        }
        // "T/M BỘ CHÍNH" / "TRỊ": an authority wrapped onto the next line.
        let mut authority = auth.clone();
        let mut titles: Vec<String> = Vec::new();
        let mut k = i + 1;
        let mut found = None;
        // The name follows within 14 lines of text (a recipients list
        // beside the block may be spaced out with blank lines).
        let mut seen = 0;
        while k < n && seen < 14 {
            if !lines.plain(k).trim().is_empty() {
                seen += 1;
            }
            for c in cells(lines, k) {
                if c.starts_with(['-', '+', '•']) || c.starts_with("Nơi nhận") || is_footnote(&c)
                {
                    continue;
                }
                if is_name(&c) {
                    found = Some(c);
                    break;
                }
                if is_authority(&c) {
                    authority.push_str(" / ");
                    authority.push_str(&c);
                } else if is_caps_line(&c) && c.chars().count() < 60 && !c.contains(':') {
                    if titles.is_empty()
                        && authority.split(" / ").count() == 1
                        && !authority.contains(' ')
                    {
                        authority.push(' ');
                        authority.push_str(&c);
                    } else {
                        titles.push(c);
                    }
                }
            }
            if found.is_some() {
                break;
            }
            k += 1;
        }
        if let Some(name) = found {
            let title = (!titles.is_empty()).then(|| titles.join(" "));
            best = Some((authority, title, name));
            span = Some((i + 1, k + 1));
        }
    }
    if let Some((a, t, name)) = best {
        s.signature_lines = span;
        s.authority = Some(collapse_ws(&a));
        s.title = t;
        s.signer = Some(name);
        return;
    }
    // No authority line: the last name-like line of the end — of the text
    // before its appendix, when one follows the signature.
    let from = (0..n)
        .find(|&k| lines.plain(k).trim().starts_with("Nơi nhận"))
        .unwrap_or(n / 3);
    let end = (from..n)
        .find(|&k| {
            let p = lines.plain(k).trim().trim_start_matches('#').trim();
            p.starts_with("PHỤ LỤC") || p.starts_with("Phụ lục:") || p.starts_with("PHỤ BIỂU")
        })
        .unwrap_or(n);
    let lo = end.saturating_sub(40);
    let mut i = end;
    while i > lo {
        i -= 1;
        let p = lines.plain(i).trim();
        if p.is_empty() || super::header::is_rule(p) || is_footnote(p) {
            continue;
        }
        if is_name(p) {
            s.signer = Some(p.to_string());
            let mut j = i;
            let mut caps = Vec::new();
            while j > lo && caps.len() < 3 {
                j -= 1;
                let q = lines.plain(j).trim();
                // A copy's stamp ("(Đã ký và đóng dấu)") and "kiêm" between
                // two titles are passed over.
                let low = crate::text::lower(q);
                if q.is_empty() || low.starts_with("(đã ký") || low == "kiêm" {
                    continue;
                }
                if is_caps_line(q) {
                    caps.push(q.to_string());
                } else {
                    break;
                }
            }
            caps.reverse();
            if let Some(last) = caps.last()
                && !last.starts_with('-')
                && !last.contains(':')
            {
                s.title = Some(last.clone());
            }
        }
        break;
    }
}

pub fn read(lines: &Lines) -> Signature {
    let mut s = Signature::default();
    let n = lines.len();
    signer(lines, &mut s);

    // Recipients: the dash list after "Nơi nhận:" (its left column).
    let Some(start) = (0..n).rev().find(|&k| {
        let p = lines.plain(k).trim().trim_start_matches('#').trim();
        p.starts_with("Nơi nhận") || p.starts_with("NƠI NHẬN")
    }) else {
        return s;
    };
    s.recipients_line = Some(start + 1);
    let mut items: Vec<String> = Vec::new();
    let mut prev_blank = false;
    let mut last_item = start;
    for k in start + 1..n {
        let p = cells(lines, k).into_iter().next().unwrap_or_default();
        if p.is_empty() {
            prev_blank = true;
            continue;
        }
        if let Some(item) = p.strip_prefix('-').or_else(|| p.strip_prefix('+')) {
            items.push(item.trim().to_string());
            last_item = k;
        } else if !prev_blank && !items.is_empty() && !is_caps_line(&p) && !is_name(&p) {
            last_item = k;
            let last = items.last_mut().expect("non-empty");
            last.push(' ');
            last.push_str(&p);
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
    if !s.recipients.is_empty() {
        s.recipients_lines = Some((start + 1, last_item + 1));
    }
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

    /// No authority line, and an appendix after the signature: the signer
    /// is read at the end of the text before the appendix, a copy's stamp
    /// and "kiêm" passed over.
    #[test]
    fn a_signature_before_an_appendix() {
        let mut text = String::from(
            "Nội dung.\n\nNơi nhận:\n- Ban Thường vụ Tỉnh ủy;\n- Lưu Văn phòng Tỉnh ủy.\n\n**BÍ THƯ TỈNH ỦY**\n*kiêm*\n**TRƯỞNG BAN CHỈ ĐẠO**\n*(Đã ký và đóng dấu)*\n**Trần Phong**\n\n---\n\n# PHỤ LỤC: DANH MỤC NHIỆM VỤ\n",
        );
        for k in 1..=50 {
            text.push_str(&format!(
                "| {k} | Nhiệm vụ {k} | Sở Nội vụ | 30/11/2026 |\n"
            ));
        }
        check(
            &text,
            Some("Trần Phong"),
            Some("TRƯỞNG BAN CHỈ ĐẠO"),
            None,
            &["Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"],
        );
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
    fn signature_beside_the_recipients() {
        check(
            "text.\n\n Nơi nhận:                                               T/M TỈNH ỦY\n - Ban Bí thư Trung ương Đảng (để b/c);\n - Văn phòng Trung ương Đảng;                      PHÓ BÍ THƯ THƯỜNG TRỰC\n - Lưu Văn phòng Tỉnh ủy.\n                                                         Hoàng Giang\n                                PHỤ LỤC 1\n            CÁC CHỈ TIÊU\n",
            Some("Hoàng Giang"),
            Some("PHÓ BÍ THƯ THƯỜNG TRỰC"),
            Some("T/M TỈNH ỦY"),
            &[
                "Ban Bí thư Trung ương Đảng (để b/c)",
                "Văn phòng Trung ương Đảng",
                "Lưu Văn phòng Tỉnh ủy",
            ],
        );
        check(
            "Nơi nhận:                     KT. CHỦ TỊCH\n- Như trên;\n- Bộ Nông nghiệp (để báo cáo);    PHÓ CHỦ TỊCH\n- Lưu: VT.\n\n\n                             Nguyễn Thành Sinh\n",
            Some("Nguyễn Thành Sinh"),
            Some("PHÓ CHỦ TỊCH"),
            Some("KT. CHỦ TỊCH"),
            &["Như trên", "Bộ Nông nghiệp (để báo cáo)", "Lưu: VT"],
        );
    }

    #[test]
    fn signature_beside_a_spaced_out_recipients_list() {
        let mut text = String::from(
            "text.\n\n    Nơi nhận:                                   TM. BAN THƯỜNG TRỰC\n\n                                                CHỦ TỊCH\n\n",
        );
        for k in 1..=7 {
            text.push_str(&format!("    - Ban số {k} xã;\n\n"));
        }
        text.push_str("    - VP Đảng uỷ;                                   Lan Thị Vân\n");
        let s = read(&Lines::new(&text));
        assert_eq!(s.signer.as_deref(), Some("Lan Thị Vân"));
        assert_eq!(s.title.as_deref(), Some("CHỦ TỊCH"));
    }

    #[test]
    fn a_signature_block_flattened_into_one_line() {
        check(
            "text.\n\nTM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Hữu Tháp CHƯƠNG TRÌNH HÀNH ĐỘNG TRIỂN KHAI\n",
            Some("Nguyễn Hữu Tháp"),
            Some("PHÓ CHỦ TỊCH"),
            Some("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"),
            &[],
        );
        check(
            "text.\n\nT/M BAN THƯỜNG VỤ BÍ THƯ Lê Văn An\n",
            Some("Lê Văn An"),
            None,
            Some("T/M BAN THƯỜNG VỤ BÍ THƯ"),
            &[],
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
