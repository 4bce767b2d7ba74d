//! A document a converter ran into one line (a web page's text taken
//! whole: header, number line, date line, kind word, headings, items and
//! signature one after another), parted again where its writer broke the
//! lines, so that the header, signature and task readers find them
//! (CONVENTIONS §1). Each parted line keeps the source line it came from,
//! so every fact and warning still points at the source.
//!
//! Lines are parted only at what a writer always puts on a line of its
//! own: the country's or the Party's name and the motto, the number
//! ("Số: …") and the place and date, the kind word, the opening ("Thực
//! hiện …", "Căn cứ …"), headings ("II. NỘI DUNG") and numbered, lettered
//! and dashed items that follow the end of a sentence or a heading in
//! capitals, "Nơi nhận:", and the signer's authority, title and name at
//! the end. Anything else stays as it was.

use crate::text::canon_tone;

use super::Parted;

/// A line this long after the first run-on one is parted too (a dump
/// holds its document in one or a few such lines).
const DUMP: usize = 1000;

/// The text parted, when a line of it holds a document's header run on
/// into its text (`legible::run_into_one_line`); else `None`.
pub fn part(text: &str) -> Option<Parted> {
    let candidate = super::legible::may_run_on;
    if !text.lines().any(candidate) {
        return None;
    }
    let raw: Vec<&str> = text.lines().collect();
    let long: Vec<usize> = (0..raw.len()).filter(|&i| candidate(raw[i])).collect();
    let plain: Vec<std::borrow::Cow<str>> =
        long.iter().map(|&i| super::plain_line(raw[i])).collect();
    let refs: Vec<&str> = plain.iter().map(|c| c.as_ref()).collect();
    let first = long[super::legible::run_into_one_line(&refs)? - 1] + 1;
    let mut out = String::with_capacity(text.len() + 512);
    let mut source = Vec::with_capacity(raw.len() + 64);
    for (i, line) in raw.iter().enumerate() {
        let pieces = if i + 1 == first || (i + 1 > first && line.len() > DUMP) {
            split_at(line, &cuts(line))
        } else {
            vec![*line]
        };
        for p in pieces {
            out.push_str(p.trim());
            out.push('\n');
            source.push(i + 1);
        }
    }
    Some(Parted { text: out, source })
}

/// `s` cut at the byte offsets `at` (sorted, inside `s`).
fn split_at<'a>(s: &'a str, at: &[usize]) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(at.len() + 1);
    let mut from = 0;
    for &p in at {
        if p > from && p < s.len() {
            out.push(&s[from..p]);
            from = p;
        }
    }
    out.push(&s[from..]);
    out.retain(|p| !p.trim().is_empty());
    out
}

/// The words of a line with their byte offsets.
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(a) = start.take() {
                out.push((a, &s[a..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(a) = start {
        out.push((a, &s[a..]));
    }
    out
}

/// Letters of `w`, all capitals, at least two of them ("NỘI", "ĐỐC").
fn capitals(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// A name's word: a capital, then small letters ("Nguyễn", "Văn").
fn name_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 2
        && cs.all(|c| c.is_lowercase())
}

/// Whether the word ends a sentence or a clause, or is a heading's last
/// word in capitals: what an item's number may follow.
fn closes(prev: &str) -> bool {
    prev.ends_with(['.', ':', ';', '!', '?'])
        || prev.ends_with(".\"")
        || prev.ends_with(".”")
        || prev.ends_with(".)")
        || capitals(prev)
}

const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// Words after which a Roman numeral is a count ("quý II.", "lần thứ
/// III."), never a heading.
const COUNTED: [&str; 12] = [
    "quý", "quí", "khóa", "khoá", "lần", "thứ", "kỳ", "phần", "mục", "khoản", "điều", "chương",
];

/// A heading's or an item's marker at the start of a word followed by a
/// capital: "II." / "II-" (Roman), "1." / "1)" / "2.1." (numbers), "a)".
fn item_marker(w: &str, next: Option<&str>) -> Option<bool> {
    let capital_next = next.is_some_and(|n| {
        n.trim_start_matches(['*', '_', '"', '“', '('])
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    });
    if !capital_next {
        return None;
    }
    if let Some(r) = w.strip_suffix('.').or_else(|| w.strip_suffix('-'))
        && ROMAN.contains(&r)
    {
        return Some(true);
    }
    let body = w.strip_suffix('.').or_else(|| w.strip_suffix(')'))?;
    let numbered = !body.is_empty()
        && body
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && body.split('.').count() <= 4;
    let lettered =
        w.ends_with(')') && body.chars().count() == 1 && body.chars().all(|c| c.is_lowercase());
    (numbered || lettered).then_some(false)
}

/// Where a run-on line is to be parted: byte offsets of the new lines'
/// starts, sorted.
fn cuts(s: &str) -> Vec<usize> {
    let mut at: Vec<usize> = Vec::new();
    let canon = canon_tone(s);
    // Canonical tones keep byte lengths only when nothing was rewritten
    // to another length; search `s` itself otherwise.
    let hay: &str = if canon.len() == s.len() { &canon } else { s };
    // The country's or the Party's name, and the motto: lines of their own.
    let mut header_end = 0;
    for name in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
    ] {
        let name = canon_tone(name);
        if let Some(a) = hay.find(&name) {
            at.push(a);
            at.push(a + name.len());
            header_end = header_end.max(a + name.len());
        }
    }
    let lower = crate::text::lower(hay);
    let lower: &str = if lower.len() == hay.len() {
        &lower
    } else {
        hay
    };
    if let Some(a) = lower.find("độc lập")
        && let Some(b) = lower[a..].find("hạnh phúc").map(|b| a + b)
        && b - a < 40
    {
        at.push(a);
        at.push(b + "hạnh phúc".len());
        header_end = header_end.max(b + "hạnh phúc".len());
    }
    let ws = words(s);
    // The number: "Số:" or "Số" before a digit, within the header.
    let mut number_end = None;
    for (k, &(a, w)) in ws.iter().enumerate().take(80) {
        let next = ws.get(k + 1).map(|x| x.1);
        let is_number = match w {
            "Số:" | "SỐ:" => true,
            "Số" | "SỐ" => next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())),
            _ => w
                .strip_prefix("Số:")
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())),
        };
        if is_number {
            at.push(a);
            let id = if w.len() > "Số:".len() && w.starts_with("Số:") {
                Some(ws[k])
            } else {
                ws.get(k + 1).copied()
            };
            if let Some((b, n)) = id {
                at.push(b + n.len());
                number_end = Some(b + n.len());
            }
            break;
        }
    }
    // The place and date: the line ends after the year.
    let mut date_end = None;
    if let Some(m) = super::header::PLACE_DATE
        .find(s)
        .filter(|m| m.start() < 800)
    {
        at.push(m.end());
        date_end = Some(m.end());
        // The place starts after the number or the motto, when they come
        // before it; else at the last words in capitals' end is unknown:
        // leave it on the line it is on.
    }
    let head = [Some(header_end), number_end, date_end]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    // The kind word after the header, alone on its line, and the opening
    // after the trích yếu.
    let mut body_from = head;
    if head > 0 {
        let rest = &s[head..];
        let lead = rest.len() - rest.trim_start().len();
        let t = &rest[lead..];
        let kind = crate::kinds::KINDS
            .iter()
            .map(|k| k.name.to_uppercase())
            .filter(|up| t.starts_with(up.as_str()))
            .max_by_key(|up| up.len());
        if let Some(up) = kind {
            let k_end = head + lead + up.len();
            at.push(head + lead);
            at.push(k_end);
            body_from = k_end;
            // (The trích yếu's own first word may look like an opening:
            // "Triển khai …".)
            for (a, w) in ws.iter().copied().filter(|&(a, _)| a > k_end).skip(1) {
                let opens = super::header::is_opening(&s[a..]);
                if opens || item_marker(w, s[a + w.len()..].split_whitespace().next()).is_some() {
                    if opens {
                        at.push(a);
                    }
                    body_from = a;
                    break;
                }
            }
        }
    }
    // Headings and items, "Nơi nhận:".
    for (k, &(a, w)) in ws.iter().enumerate() {
        if a < body_from {
            continue;
        }
        let prev = if k > 0 { ws[k - 1].1 } else { "" };
        let next = ws.get(k + 1).map(|x| x.1);
        if w.starts_with("Nơi") && next.is_some_and(|n| n.starts_with("nhận")) {
            at.push(a);
            continue;
        }
        match item_marker(w, next) {
            Some(true) => {
                let p = crate::text::lower(prev.trim_matches(|c: char| !c.is_alphanumeric()));
                if !COUNTED.contains(&p.as_str()) {
                    at.push(a);
                }
            }
            Some(false) if closes(prev) => at.push(a),
            _ => {
                if matches!(w, "-" | "+" | "–" | "•") && closes(prev) && !capitals(prev) {
                    at.push(a);
                }
            }
        }
    }
    // The signature at the end: the authority and title in capitals, then
    // the signer's name (two to five words), to the line's end or to
    // "Nơi nhận".
    let stop = ws
        .iter()
        .position(|&(a, w)| a > body_from && w.starts_with("Nơi") && s[a..].starts_with("Nơi nhận"))
        .unwrap_or(ws.len());
    for end in [stop, ws.len()] {
        let mut n = 0;
        while n < 5 && n < end && name_word(ws[end - 1 - n].1) {
            n += 1;
        }
        if !(2..=5).contains(&n) {
            continue;
        }
        let name_at = end - n;
        let mut c = name_at;
        // A word that ends a sentence ("VT.") belongs to what went before.
        while c > 0
            && name_at - c < 12
            && (AUTHORITY.contains(&ws[c - 1].1)
                || (capitals(ws[c - 1].1) && !ws[c - 1].1.ends_with(['.', ',', ';', ':'])))
        {
            c -= 1;
        }
        if name_at - c >= 2 && ws[c].0 > body_from {
            at.push(ws[c].0);
            at.push(ws[name_at].0);
        }
    }
    at.sort_unstable();
    at.dedup();
    at.retain(|&p| p > 0 && p < s.len() && s.is_char_boundary(p));
    at
}

/// Short authority words of a signature that are not all capitals.
const AUTHORITY: [&str; 6] = ["TM.", "T/M", "KT.", "TL.", "TUQ.", "Q."];

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines a text is parted into, or `None` when it is left whole.
    fn check(text: &str, expected: Option<&[&str]>) {
        let got = part(text).map(|p| p.text.lines().map(str::to_string).collect::<Vec<_>>());
        let want = expected.map(|e| e.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn a_state_plan_run_into_one_line() {
        check(
            "UBND TỈNH QUẢNG NAM SỞ TƯ PHÁP Số: 512/KH-STP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Quảng Nam, ngày 05 tháng 3 năm 2026 KẾ HOẠCH Tuyên truyền, phổ biến pháp luật năm 2026 Thực hiện Quyết định số 120/QĐ-UBND ngày 15/01/2026 của UBND tỉnh, Sở Tư pháp ban hành Kế hoạch như sau: I. MỤC ĐÍCH, YÊU CẦU 1. Mục đích tuyên truyền. II. NỘI DUNG 1. Phòng Phổ biến giáo dục pháp luật chủ trì tổ chức hội nghị, hoàn thành trước ngày 30/4/2026. 2. Văn phòng Sở báo cáo kết quả trong tháng 11/2026; a) Tổng hợp số liệu; b) Gửi báo cáo. III. TỔ CHỨC THỰC HIỆN Các phòng thuộc Sở triển khai thực hiện. Nơi nhận: - UBND tỉnh; - Lưu: VT. GIÁM ĐỐC Nguyễn Văn An",
            Some(&[
                "UBND TỈNH QUẢNG NAM SỞ TƯ PHÁP",
                "Số: 512/KH-STP",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Quảng Nam, ngày 05 tháng 3 năm 2026",
                "KẾ HOẠCH",
                "Tuyên truyền, phổ biến pháp luật năm 2026",
                "Thực hiện Quyết định số 120/QĐ-UBND ngày 15/01/2026 của UBND tỉnh, Sở Tư pháp ban hành Kế hoạch như sau:",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích tuyên truyền.",
                "II. NỘI DUNG",
                "1. Phòng Phổ biến giáo dục pháp luật chủ trì tổ chức hội nghị, hoàn thành trước ngày 30/4/2026.",
                "2. Văn phòng Sở báo cáo kết quả trong tháng 11/2026;",
                "a) Tổng hợp số liệu;",
                "b) Gửi báo cáo.",
                "III. TỔ CHỨC THỰC HIỆN Các phòng thuộc Sở triển khai thực hiện.",
                "Nơi nhận:",
                "- UBND tỉnh;",
                "- Lưu: VT.",
                "GIÁM ĐỐC",
                "Nguyễn Văn An",
            ]),
        );
    }

    #[test]
    fn a_party_plan_with_its_signature_before_the_recipients() {
        check(
            "ĐẢNG BỘ TỈNH LÀO CAI HUYỆN ỦY BẢO THẮNG * Số 45-KH/HU ĐẢNG CỘNG SẢN VIỆT NAM Bảo Thắng, ngày 10 tháng 3 năm 2026 KẾ HOẠCH thực hiện Chỉ thị số 11-CT/TU của Ban Thường vụ Tỉnh ủy Căn cứ Chỉ thị số 11-CT/TU ngày 10/01/2026 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy ban hành kế hoạch: 1. Ban Tuyên giáo Huyện ủy chủ trì, hoàn thành trong quý II/2026. 2. Các chi bộ trực thuộc báo cáo kết quả trước ngày 15/11/2026. T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ Trần Văn Bình Nơi nhận: - Ban Thường vụ Tỉnh ủy, - Lưu Văn phòng Huyện ủy.",
            Some(&[
                "ĐẢNG BỘ TỈNH LÀO CAI HUYỆN ỦY BẢO THẮNG *",
                "Số 45-KH/HU",
                "ĐẢNG CỘNG SẢN VIỆT NAM",
                "Bảo Thắng, ngày 10 tháng 3 năm 2026",
                "KẾ HOẠCH",
                "thực hiện Chỉ thị số 11-CT/TU của Ban Thường vụ Tỉnh ủy",
                "Căn cứ Chỉ thị số 11-CT/TU ngày 10/01/2026 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy ban hành kế hoạch:",
                "1. Ban Tuyên giáo Huyện ủy chủ trì, hoàn thành trong quý II/2026.",
                "2. Các chi bộ trực thuộc báo cáo kết quả trước ngày 15/11/2026.",
                "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ",
                "Trần Văn Bình",
                "Nơi nhận:",
                "- Ban Thường vụ Tỉnh ủy, - Lưu Văn phòng Huyện ủy.",
            ]),
        );
    }

    #[test]
    fn counts_and_ranges_are_not_parted() {
        // "quý II." and "lần thứ III." are counts; "2026 - 2030" a span;
        // a number inside a sentence no item.
        let text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Hà Nội, ngày 01 tháng 2 năm 2026 KẾ HOẠCH tổ chức Đại hội Căn cứ Điều lệ, tổ chức Đại hội lần thứ III. Hội nghị họp trong quý II. Sở Nội vụ thực hiện giai đoạn 2026 - 2030 với 2 Đoàn công tác và 3 Tổ giúp việc trong năm 2026 theo đúng tiến độ, bảo đảm chất lượng, hiệu quả và tiết kiệm.";
        check(
            text,
            Some(&[
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Hà Nội, ngày 01 tháng 2 năm 2026",
                "KẾ HOẠCH",
                "tổ chức Đại hội",
                "Căn cứ Điều lệ, tổ chức Đại hội lần thứ III. Hội nghị họp trong quý II. Sở Nội vụ thực hiện giai đoạn 2026 - 2030 với 2 Đoàn công tác và 3 Tổ giúp việc trong năm 2026 theo đúng tiến độ, bảo đảm chất lượng, hiệu quả và tiết kiệm.",
            ]),
        );
    }

    #[test]
    fn texts_written_over_lines_are_left_whole() {
        check(
            "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 123/KH-UBND\nLào Cai, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\n1. Sở Tài chính chủ trì. 2. Sở Nội vụ phối hợp.",
            None,
        );
        check("", None);
        check("Độc lập", None);
    }
}
