//! Texts whose letters with marks a converter dropped ("ngy 05 thng 3 nm
//! 2026" for "ngày 05 tháng 3 năm 2026": every letter outside ASCII lost,
//! "Đ" too). Most words cannot be given back, but the few that carry a
//! document's structure can, from what is left of them and the words
//! beside them: the date words before their numbers ("ngy 05", "thng 3",
//! "nm 2026", "qu II/2026"), the words that set a deadline ("trc ngy",
//! "hon thnh", "chm nht", "n ht nm"), the number's "S:", the kind words
//! and the national or Party heading in capitals (CONVENTIONS §1). Only a
//! text `legible` finds has lost its letters is touched, line for line;
//! it is still said, so its source is converted again.

use super::Parted;

/// Words in capitals given back whole, longest first where one holds
/// another: the heading of the state's and the Party's texts, and the kind
/// words of CONVENTIONS §2.
const CAPITALS: [(&str, &str); 16] = [
    (
        "CNG HA X HI CH NGHA VIT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ),
    ("NG CNG SN VIT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("CHNG TRNH HNH NG", "CHƯƠNG TRÌNH HÀNH ĐỘNG"),
    ("CHNG TRNH", "CHƯƠNG TRÌNH"),
    ("K HOCH", "KẾ HOẠCH"),
    ("QUYT NH", "QUYẾT ĐỊNH"),
    ("NGH QUYT", "NGHỊ QUYẾT"),
    ("KT LUN", "KẾT LUẬN"),
    ("CH TH", "CHỈ THỊ"),
    ("HNG DN", "HƯỚNG DẪN"),
    ("THNG BO", "THÔNG BÁO"),
    ("BO CO", "BÁO CÁO"),
    ("CNG VN", "CÔNG VĂN"),
    ("QUY NH", "QUY ĐỊNH"),
    ("T TRNH", "TỜ TRÌNH"),
    ("NI NHN", "NƠI NHẬN"),
];

/// Runs of words given back wherever they stand (what is left of them
/// names nothing else).
const PHRASES: [(&str, &str); 10] = [
    ("c lp - T do - Hnh phc", "Độc lập - Tự do - Hạnh phúc"),
    ("hon thnh", "hoàn thành"),
    ("Hon thnh", "Hoàn thành"),
    ("chm nht", "chậm nhất"),
    ("Chm nht", "Chậm nhất"),
    ("Ni nhn:", "Nơi nhận:"),
    ("Thc hin", "Thực hiện"),
    ("thc hin", "thực hiện"),
    ("Cn c", "Căn cứ"),
    ("cn c", "căn cứ"),
];

/// The text with the words that carry its structure given back, when it
/// has lost its letters with marks; else `None`.
pub fn restore(text: &str) -> Option<Parted> {
    // Many letters with marks kept (a Vietnamese text has one in a few):
    // not such a text. Counted only until that is sure.
    let mut kept = 0;
    for c in text.chars() {
        kept += usize::from(!c.is_ascii());
        if kept * 50 > text.len() {
            return None;
        }
    }
    let plain: Vec<std::borrow::Cow<str>> = text.lines().map(super::plain_line).collect();
    let refs: Vec<&str> = plain.iter().map(|c| c.as_ref()).collect();
    super::legible::dropped_letters(&refs)?;
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut source = Vec::new();
    for (i, line) in text.lines().enumerate() {
        out.push_str(&restore_line(line));
        out.push('\n');
        source.push(i + 1);
    }
    Some(Parted { text: out, source })
}

/// Whether `w` starts with a digit: a day, month, year or number.
fn numeric(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether `w` is a quarter's numeral ("II", "IV/2026", "3-2026").
fn quarter(w: &str) -> bool {
    let head: String = w.chars().take_while(|c| c.is_alphanumeric()).collect();
    matches!(
        head.as_str(),
        "I" | "II" | "III" | "IV" | "1" | "2" | "3" | "4"
    )
}

/// One line with its structural words given back.
fn restore_line(line: &str) -> String {
    let mut s = line.to_string();
    for (from, to) in CAPITALS.iter().chain(PHRASES.iter()) {
        if s.contains(from) {
            s = replace_words(&s, from, to);
        }
    }
    // Word by word, by what follows.
    let words: Vec<&str> = s.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        let next = words.get(k + 1).copied().unwrap_or("");
        let after = words.get(k + 2).copied().unwrap_or("");
        let core = w.trim_start_matches(['(', '*', '_']);
        let lead = &w[..w.len() - core.len()];
        let given = match core {
            "ngy" if numeric(next) => Some("ngày"),
            "Ngy" if numeric(next) => Some("Ngày"),
            "thng" if numeric(next) => Some("tháng"),
            "Thng" if numeric(next) => Some("Tháng"),
            "nm" if numeric(next) => Some("năm"),
            "Nm" if numeric(next) => Some("Năm"),
            "qu" if quarter(next) => Some("quý"),
            "Qu" if quarter(next) => Some("Quý"),
            "trc" if next == "ngy" || numeric(next) => Some("trước"),
            "Trc" if next == "ngy" || numeric(next) => Some("Trước"),
            // "n ht nm 2025", "n nm 2030", "n ngy 15/3": "đến".
            "n" if (next == "ht" && after == "nm") || next == "nm" || next == "ngy" => Some("đến"),
            "ht" if k > 0 && words[k - 1] == "n" && next == "nm" => Some("hết"),
            "S:" => Some("Số:"),
            "S" if numeric(next) && next.contains(['/', '-']) => Some("Số"),
            "s" if numeric(next) && next.contains(['/', '-']) => Some("số"),
            _ => None,
        };
        match given {
            Some(g) => out.push(format!("{lead}{g}")),
            None => out.push((*w).to_string()),
        }
    }
    out.join(" ")
}

/// `s` with `from` replaced by `to` where it stands as whole words.
fn replace_words(s: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut done = 0;
    for (a, b) in crate::text::word_spans(s, from) {
        out.push_str(&s[done..a]);
        out.push_str(to);
        done = b;
    }
    out.push_str(&s[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<&str>) {
        let got = restore(text).map(|p| p.text);
        assert_eq!(got.as_deref(), expected, "{text}");
    }

    #[test]
    fn the_words_that_carry_the_structure_come_back() {
        check(
            "Y BAN NHN DN TNH LO CAI CNG HA X HI CH NGHA VIT NAM c lp - T do - Hnh phc S: 123/KH-UBND Lo Cai, ngy 05 thng 3 nm 2026 K HOCH Trin khai thc hin Ch th s 11-CT/TU ngy 10/01/2026 ca Ban Thng v Tnh y. 1. S Ti chnh ch tr, phi hp vi cc s, ngnh hon thnh trc ngy 30/6/2026. 2. S Ni v bo co kt qu trong qu III/2026, n ht nm 2027 chm nht ngy 15/12/2027.",
            Some(
                "Y BAN NHN DN TNH LO CAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 123/KH-UBND Lo Cai, ngày 05 tháng 3 năm 2026 KẾ HOẠCH Trin khai thực hiện Ch th số 11-CT/TU ngày 10/01/2026 ca Ban Thng v Tnh y. 1. S Ti chnh ch tr, phi hp vi cc s, ngnh hoàn thành trước ngày 30/6/2026. 2. S Ni v bo co kt qu trong quý III/2026, đến hết năm 2027 chậm nhất ngày 15/12/2027.\n",
            ),
        );
    }

    #[test]
    fn texts_that_kept_their_letters_are_left() {
        check(
            "Sở Tài chính hoàn thành trước ngày 30/6/2026; báo cáo kết quả trong quý III/2026.",
            None,
        );
        // Written without marks but with every letter: readable as it is.
        check(
            "So Tai chinh hoan thanh truoc ngay 30/6/2026; bao cao ket qua trong quy III/2026 cho Uy ban nhan dan tinh va cac so nganh lien quan.",
            None,
        );
        check("", None);
    }
}
