//! Texts a converter left unreadable as a whole, said once at the line
//! where it shows (CONVENTIONS §1): the letters with marks dropped
//! ("ngy 05 thng 3 nm 2026" for "ngày 05 tháng 3 năm 2026"), or the whole
//! document run into one line (a web page's text), its header, number line,
//! date line and items no longer apart. Extraction still reads what it
//! can; these say why the rest is missing and what to do.

use crate::diag::Diagnostic;

/// What is said of a document run into one line once it was parted at its
/// header's lines, headings and items (`runon`).
pub const PARTED: &str = "the document's header and text run on in one line (a web page's text?): it was read parted at its number, date, kind, headings and items; check what was read, and put each of them on a line of its own in the source";

/// The warnings of a text (its lines, markup removed).
pub fn check(lines: &[&str]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(line) = dropped_letters(lines) {
        out.push(Diagnostic::warning(
            line,
            "the text has lost its letters with marks (\"ngy … thng … nm\" for \"ngày … tháng … năm\"): the converter dropped them, so dates, numbers and deadlines cannot be read; convert the original again as UTF-8 text, or import the .docx or .pdf with `kehoach import`",
        ));
    }
    if let Some(line) = run_into_one_line(lines) {
        out.push(Diagnostic::warning(
            line,
            "the document's header and text run on in one line (a web page's text?): its number, date and tasks cannot be read apart; put the number line, the date line, the kind of document, each heading and each item on a line of its own",
        ));
    }
    out
}

/// A word of lower-case ASCII letters with no vowel, such as a Vietnamese
/// word keeps when its letters with marks are dropped ("thng", "nm", "ch");
/// the short forms a text may write in lower case are none of them.
fn vowelless(word: &str) -> bool {
    const UNITS: [&str; 8] = ["km", "kg", "cm", "mm", "ml", "tp", "vnd", "kwh"];
    word.len() >= 2
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && !word.bytes().any(|b| b"aeiouy".contains(&b))
        && !UNITS.contains(&word)
}

/// The first line (1-based) of a text that has lost its letters with
/// marks: of its lower-case words, at least 8 and one in 20 have no vowel,
/// where a Vietnamese text has next to none. Links and addresses are not
/// words.
pub(crate) fn dropped_letters(lines: &[&str]) -> Option<usize> {
    let mut words = 0usize;
    let mut bare = 0usize;
    let mut first = None;
    for (i, line) in lines.iter().enumerate() {
        for token in line.split_whitespace() {
            if token.contains("://") || token.contains('@') || token.starts_with("www.") {
                continue;
            }
            let w = token.trim_matches(|c: char| !c.is_alphanumeric());
            if w.is_empty() || !w.chars().next().is_some_and(char::is_lowercase) {
                continue;
            }
            words += 1;
            if vowelless(w) {
                bare += 1;
                first.get_or_insert(i + 1);
            }
        }
    }
    (bare >= 8 && bare * 20 >= words).then_some(first?)
}

/// Whether a line may hold a run-on header: over 150 bytes (the header
/// and more than 150 letters after it), with the motto's last word or the
/// name's ("… Hạnh phúc", "… VIỆT NAM"). A quick look before the reading.
pub(crate) fn may_run_on(line: &str) -> bool {
    line.len() > 150 && (line.contains("NAM") || line.contains("húc") || line.contains("HÚC"))
}

/// The first line (1-based) that holds a state or Party document's header
/// run on into its text: the motto ("Độc lập - Tự do - Hạnh phúc") or the
/// name at the head of the page in capitals ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
/// NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"), and more than a short line of words
/// after it. The country's or the Party's name in a sentence is no header;
/// table rows ("| … |") keep their cells apart.
pub(crate) fn run_into_one_line(lines: &[&str]) -> Option<usize> {
    const CAPITALS: [&str; 2] = ["CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"];
    let after = |s: &str, at: usize| s[at..].chars().filter(|c| c.is_alphabetic()).count();
    lines
        .iter()
        .position(|line| {
            if !may_run_on(line) {
                return false;
            }
            let l = crate::text::canon_tone(line.trim_start());
            if l.starts_with('|') {
                return false;
            }
            let lower = crate::text::lower(&l);
            let motto = lower.find("độc lập").and_then(|a| {
                let b = a + lower[a..].find("tự do")?;
                let c = b + lower[b..].find("hạnh phúc")?;
                (c - a < 40).then_some(c + "hạnh phúc".len())
            });
            let head = CAPITALS.iter().find_map(|m| {
                let m = crate::text::canon_tone(m);
                l.find(&m).map(|a| (a + m.len(), &l))
            });
            motto.is_some_and(|end| after(&lower, end) > 150)
                || head.is_some_and(|(end, l)| after(l, end) > 150)
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text's warnings, by the start of their message.
    fn check_text(text: &str, expected: &[(usize, &str)]) {
        let lines: Vec<&str> = text.lines().collect();
        let got: Vec<(usize, String)> = check(&lines)
            .into_iter()
            .map(|d| (d.line, d.message.chars().take(24).collect()))
            .collect();
        let want: Vec<(usize, String)> = expected
            .iter()
            .map(|(l, m)| (*l, m.chars().take(24).collect()))
            .collect();
        assert_eq!(got, want, "{text}");
    }

    const DROPPED: &str = "the text has lost its letters";
    const ONE_LINE: &str = "the document's header and text";

    #[test]
    fn unreadable_texts_are_said() {
        // A web page's text, letters with marks dropped, on one line.
        check_text(
            "Y BAN NHN DN TNH LO CAI CNG HA X HI CH NGHA VIT NAM c lp - T do - Hnh phc S: 123/KH-UBND Lo Cai, ngy 05 thng 3 nm 2026 K HOCH Trin khai thc hin Ch th s 11-CT/TU ngy 10/01/2026 ca Ban Thng v Tnh y 1. S Ti chnh ch tr, phi hp vi cc s, ngnh hon thnh trc ngy 30/6/2026.",
            &[(1, DROPPED)],
        );
        // The same over lines: the letters alone.
        check_text(
            "S: 123/KH-UBND\nLo Cai, ngy 05 thng 3 nm 2026\nK HOCH\n1. S Ti chnh ch tr, phi hp vi cc s, ngnh hon thnh trc ngy 30/6/2026.\n2. S Ni v bo co kt qu trong thng 9 nm 2026.",
            &[(2, DROPPED)],
        );
        // Letters kept, the whole on one line.
        check_text(
            "ỦY BAN NHÂN DÂN TỈNH LÀO CAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 123/KH-UBND Lào Cai, ngày 05 tháng 3 năm 2026 KẾ HOẠCH Triển khai thực hiện Chỉ thị số 11-CT/TU ngày 10/01/2026 của Ban Thường vụ Tỉnh ủy 1. Sở Tài chính chủ trì, phối hợp với các sở, ngành hoàn thành trước ngày 30/6/2026. 2. Sở Nội vụ báo cáo kết quả trong quý III/2026.",
            &[(1, ONE_LINE)],
        );
    }

    #[test]
    fn readable_texts_are_quiet() {
        // A header as written, a header table, long paragraphs, links, units.
        check_text(
            "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 123/KH-UBND\nLào Cai, ngày 05 tháng 3 năm 2026",
            &[],
        );
        check_text(
            "| ỦY BAN NHÂN DÂN TỈNH LÀO CAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 123/KH-UBND Lào Cai, ngày 05 tháng 3 năm 2026 và các nội dung khác của bảng đầu văn bản được giữ trong một ô của bảng |",
            &[],
        );
        check_text(
            "Xem https://www.laocai.gov.vn/tin-tuc/html/thng-bao.html và www.xyz.vn, gửi về kh@tnh.vn; diện tích 25 km, 30 kg, 2 ha, 100 ml, 15 kWh, tp Lào Cai, tp. Hà Nội. Các sở, ban, ngành tổ chức thực hiện nghiêm túc, hiệu quả Kế hoạch này; trong quá trình thực hiện, nếu có khó khăn, vướng mắc, báo cáo về Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, giải quyết.",
            &[],
        );
        // The country's name in a sentence.
        check_text(
            "5. Việc áp dụng văn bản quy phạm pháp luật trong nước không được cản trở việc thực hiện điều ước quốc tế mà nước Cộng hòa xã hội chủ nghĩa Việt Nam là thành viên. Trường hợp văn bản quy phạm pháp luật trong nước và điều ước quốc tế mà nước Cộng hòa xã hội chủ nghĩa Việt Nam là thành viên có quy định khác nhau về cùng một vấn đề thì áp dụng quy định của điều ước quốc tế đó, trừ Hiến pháp.",
            &[],
        );
        // A text without any marks, its letters kept, is readable.
        check_text(
            "So: 123/KH-UBND\nLao Cai, ngay 05 thang 3 nam 2026\nKE HOACH\n1. So Tai chinh chu tri, phoi hop voi cac so, nganh hoan thanh truoc ngay 30/6/2026.",
            &[],
        );
    }
}
