//! Document identifiers (số và ký hiệu): finding them in running text and
//! writing them in one canonical form (CONVENTIONS.md §3).
//!
//! Party form `28-NQ/TW` (also with an issuer of the National Assembly that
//! carries its term: `15-KH/ĐĐQH15`), state forms `66/NQ-CP`,
//! `1234/NQ-UBTVQH15`, `30/2020/NĐ-CP`, laws
//! `61/2024/QH15`, the Standing Committee's `101/2025/UBTVQH15` and joint
//! numbers with several issuers (`102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN`).
//! Spacing, dash, line-break and case variants are accepted, and "số" glued
//! to the number; the canonical form removes the spaces, unifies dashes,
//! fixes `Ctr` → `CTr` and upper-cases the issuer part. A Party number
//! printed the state's way (`27/NQ- TW`: a Party kind and issuer) is
//! written in the Party's form.

use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// Which numbering system an identifier belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, bitcode::Encode, bitcode::Decode)]
#[serde(rename_all = "lowercase")]
pub enum System {
    Party,
    State,
}

/// An identifier found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocId {
    /// Canonical form: "21-CTr/ĐUK", "30/2020/NĐ-CP".
    pub canonical: String,
    /// The number part, without leading zeros kept as printed ("01").
    pub num: String,
    /// The type code ("KH", "QĐi", "CTr"); for laws "QH".
    pub code: String,
    /// The issuer part ("TW", "ĐUK", "BTCTU-BDVTU", "CP").
    pub issuer: String,
    pub system: System,
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
}

const DASH: &str = r"[-‐‑–—−]";
const SP: &str = r"[\x20\t]*(?:\n[\x20\t]*)?";

static PARTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?P<num>\d{{1,7}}) {SP}
        (?: {DASH} {SP} (?P<code>[A-ZĐ][A-Za-zĐđ]{{0,4}}) | (?P<code2>KH|NQ|CTr|Ctr|QĐ|CT|KL|HD|TB|BC|QC|CV) )
        {SP} / {SP}
        (?P<iss>[A-ZĐƯ][A-Za-zĐđƯư]{{0,9}}\d{{0,2}}(?:{DASH}[A-ZĐ][A-ZĐ]{{1,9}}\d{{0,2}})*)"
    ))
    .expect("party id regex")
});

static STATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?P<num>\d{{1,7}}) [\x20\t]* / [\x20\t]* (?:(?P<year>(?:19|20)\d\d) [\x20\t]* / [\x20\t]*)?
        (?:
            (?P<qh>(?:UBTV)?QH\d{{1,2}})
          | (?P<code>[A-ZĐ][A-Za-zĐđ]{{0,5}}) [\x20\t]* (?P<sep>{DASH}|/) [\x20\t]*
            (?P<org>[A-ZĐ][A-Za-zĐđ]{{0,9}}\d{{0,2}}(?:{DASH}[A-ZĐ][A-ZĐ0-9]{{0,15}}){{0,4}})
          | (?P<glued>[A-ZĐ][A-Za-zĐđ]{{2,14}})
        )"
    ))
    .expect("state id regex")
});

fn canon_code(code: &str) -> String {
    match code.to_lowercase().as_str() {
        "ctr" => "CTr".to_string(),
        "qđi" => "QĐi".to_string(),
        "ttr" => "TTr".to_string(),
        "ttg" => "TTg".to_string(),
        _ if code.chars().all(|c| c.is_uppercase()) => code.to_string(),
        _ if code.len() <= 3 => code.to_uppercase(),
        _ => code.to_string(),
    }
}

fn canon_issuer(iss: &str) -> String {
    let unified: String = iss
        .chars()
        .map(|c| {
            if "‐‑–—−".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let up = unified.to_uppercase();
    match up.as_str() {
        "TƯ" => "TW".to_string(),
        "TG" => "TTg".to_string(),
        _ if up == "TTG" => "TTg".to_string(),
        _ => up,
    }
}

/// Letters and ASCII digits continue an identifier; superscript footnote
/// markers ("28-NQ/TW¹") do not.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit()
}

/// Whether an identifier may start right after `before`: not inside a word
/// or another identifier, but after "số" glued to it by a text layer that
/// lost the space ("Chỉ thị số50-CT/TW").
fn starts_clear(before: &str, also: &[char]) -> bool {
    let glued_so = before.ends_with("số") || before.ends_with("Số") || before.ends_with("SỐ");
    glued_so
        || !before
            .chars()
            .next_back()
            .is_some_and(|ch| is_word_char(ch) || also.contains(&ch))
}

/// An issuer of the Party's numbering (CONVENTIONS.md §3): the committees
/// ("TW", "TU", "HU", "QU", "ThU", "ĐU" and the Đảng ủy codes "ĐUK",
/// "ĐUCA", "ĐUQS"), their boards, offices and inspection committees
/// ("BTGTW", "VPTU", "UBKTTW", "QUTW"), Chi bộ, Đảng đoàn, Ban cán sự đảng.
/// The Mặt trận's "MTTW" numbers the state's way and is not one.
fn party_issuer(iss: &str) -> bool {
    iss.split('-').all(|part| {
        matches!(
            part,
            "TW" | "TƯ" | "TU" | "HU" | "QU" | "THU" | "CB" | "ĐĐ" | "BCSĐ" | "BCS"
        ) || part.starts_with("ĐU")
            || (["TW", "TU", "HU"].iter().any(|s| part.ends_with(s))
                && ["B", "VP", "UBKT", "QU"]
                    .iter()
                    .any(|s| part.starts_with(s)))
    })
}

/// Kind codes of the state's numbered texts (NĐ 30/2020 Phụ lục III and
/// the legal texts' "NUM/YEAR/KIND-ORG"), longest first.
const STATE_KIND_CODES: [&str; 12] = [
    "TTLT", "NQLT", "NĐ", "TT", "QĐ", "NQ", "CT", "CĐ", "KH", "TB", "HD", "BC",
];

/// A kind code and an issuer printed without the dash between them
/// ("NĐCP", "TTBTC", "QĐTTg", "NQHĐND"): the two, when a known kind code
/// opens it and an issuer of at least two letters, in capitals, follows.
/// The longest code that opens it decides ("NQLT" alone is a kind, never
/// "NQ" of an issuer "LT").
fn split_glued(s: &str) -> Option<(&str, &str)> {
    let k = STATE_KIND_CODES.iter().find(|k| s.starts_with(*k))?;
    let rest = &s[k.len()..];
    (rest.chars().count() >= 2 && rest.starts_with(|c: char| c.is_uppercase()))
        .then_some((&s[..k.len()], rest))
}

/// Kinds numbered in the Party's form.
const PARTY_CODES: [&str; 12] = [
    "NQ", "CT", "KL", "QĐ", "KH", "CTr", "TB", "HD", "BC", "QC", "CV", "TTr",
];

/// Every identifier in `text`, in order, non-overlapping.
pub fn find_all(text: &str) -> Vec<DocId> {
    let mut out = Vec::new();
    // Both forms hold a '/': a text without one has none.
    if !text.as_bytes().contains(&b'/') {
        return out;
    }
    for c in PARTY.captures_iter(text) {
        let m = c.get(0).expect("match");
        if !starts_clear(&text[..m.start()], &['/']) {
            continue;
        }
        if text[m.end()..].chars().next().is_some_and(is_word_char) {
            continue;
        }
        // Only a code of the National Assembly carries its term ("ĐĐQH15"
        // Đảng đoàn Quốc hội khóa XV); other digits glued to an issuer are
        // no part of it (a footnote marker left as a digit: "28-NQ/TW2").
        if !c["iss"].split(['-', '‐', '‑', '–', '—', '−']).all(|part| {
            let letters = part.trim_end_matches(|ch: char| ch.is_ascii_digit());
            letters.len() == part.len() || letters.to_uppercase().ends_with("QH")
        }) {
            continue;
        }
        let num = c["num"].to_string();
        let code = canon_code(
            c.name("code")
                .or_else(|| c.name("code2"))
                .map_or("", |m| m.as_str()),
        );
        let issuer = canon_issuer(&c["iss"]);
        out.push(DocId {
            canonical: format!("{num}-{code}/{issuer}"),
            num,
            code,
            issuer,
            system: System::Party,
            start: m.start(),
            end: m.end(),
        });
    }
    // Party ids are in order: one cursor finds those a state match overlaps.
    let party = out.len();
    let mut k = 0;
    for c in STATE.captures_iter(text) {
        let m = c.get(0).expect("match");
        while k < party && out[k].end <= m.start() {
            k += 1;
        }
        if k < party && out[k].start < m.end() {
            continue;
        }
        if !starts_clear(&text[..m.start()], &['/', '-']) {
            continue;
        }
        if text[m.end()..].chars().next().is_some_and(is_word_char) {
            continue;
        }
        // "66.7/2025/NQ-CP": a number with a part after a dot, where the
        // year makes the form sure.
        let (num, start) = match dotted_lead(&text[..m.start()]) {
            Some(lead) if c.name("year").is_some() => {
                (format!("{lead}.{}", &c["num"]), m.start() - lead.len() - 1)
            }
            _ => (c["num"].to_string(), m.start()),
        };
        let (code, issuer, canonical) = if let Some(qh) = c.name("qh") {
            let year = c.name("year").map(|y| y.as_str());
            let Some(year) = year else { continue };
            // The Standing Committee numbers its resolutions so
            // ("101/2025/UBTVQH15"); the Assembly its laws ("61/2024/QH15").
            let code = if qh.as_str().starts_with("UBTV") {
                "NQ"
            } else {
                "QH"
            };
            (
                code.to_string(),
                qh.as_str().to_string(),
                format!("{num}/{year}/{}", qh.as_str()),
            )
        } else if let Some(g) = c.name("glued") {
            // "181/2024/NĐCP": the dash between kind and issuer lost. Only
            // the year makes the form sure enough to part them.
            let (Some(year), Some((code, org))) = (c.name("year"), split_glued(g.as_str())) else {
                continue;
            };
            let (code, org) = (canon_code(code), canon_issuer(org));
            let canonical = format!("{num}/{}/{code}-{org}", year.as_str());
            (code, org, canonical)
        } else {
            let code = canon_code(&c["code"]);
            let org = canon_issuer(&c["org"]);
            // "102/2025/NQLT/UBTVQH15-…": a slash after the kind, as
            // printed, only where the year makes the form sure.
            let sep = if &c["sep"] == "/" { "/" } else { "-" };
            // "12/2022" style dates never reach here (they need letters).
            let canonical = match c.name("year") {
                Some(y) => format!("{num}/{}/{code}{sep}{org}", y.as_str()),
                None if sep == "/" => continue,
                // A Party number printed the state's way ("27/NQ- TW"):
                // written in the Party's form.
                None if party_issuer(&org) && PARTY_CODES.contains(&code.as_str()) => {
                    out.push(DocId {
                        canonical: format!("{num}-{code}/{org}"),
                        num,
                        code,
                        issuer: org,
                        system: System::Party,
                        start,
                        end: m.end(),
                    });
                    continue;
                }
                None => format!("{num}/{code}-{org}"),
            };
            (code, org, canonical)
        };
        out.push(DocId {
            canonical,
            num,
            code,
            issuer,
            system: System::State,
            start,
            end: m.end(),
        });
    }
    out.sort_by_key(|d| d.start);
    out
}

/// The digits and dot right before a number ("66." of "66.7/2025/NQ-CP"),
/// standing clear of a word or another number.
fn dotted_lead(before: &str) -> Option<&str> {
    let t = before.strip_suffix('.')?;
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let lead = &t[t.len() - digits..];
    ((1..=4).contains(&digits) && starts_clear(&t[..t.len() - digits], &['/', '-', '.', ',']))
        .then_some(lead)
}

/// Whether an identifier is written the Party's way ("266-KH/ĐU": the
/// kind after a dash, the issuer after the slash) rather than the
/// state's ("104/KH-UBND", "12/2023/QĐ-UBND"), as canonical forms are.
pub fn is_party_form(number: &str) -> bool {
    number
        .split('/')
        .next()
        .is_some_and(|head| head.contains('-'))
}

/// The canonical form of a single identifier typed on its own (front
/// matter, a search box), or None when it is not one.
/// A canonical number with "Đ" read as "D" ("25-HD/BCDTW" and
/// "25-HD/BCĐTW"): one text typing a code with and without the stroke
/// cites one document (CONVENTIONS.md §3), so citations and links compare
/// numbers in this form.
pub fn stroke_folded(number: &str) -> std::borrow::Cow<'_, str> {
    if number.contains(['Đ', 'đ']) {
        std::borrow::Cow::Owned(number.replace('Đ', "D").replace('đ', "d"))
    } else {
        std::borrow::Cow::Borrowed(number)
    }
}

pub fn canonical(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_start_matches(['S', 's'])
        .trim_start_matches(['ố', 'o']);
    let t = t.trim_start_matches([':', ' ']);
    let found = find_all(t);
    match found.as_slice() {
        [one]
            if t[one.end..]
                .trim_matches(|c: char| ".,;:)".contains(c) || c.is_whitespace())
                .is_empty()
                && t[..one.start].trim().is_empty() =>
        {
            Some(one.canonical.clone())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let got: Vec<String> = find_all(text).into_iter().map(|d| d.canonical).collect();
        assert_eq!(got, expected, "text: {text:?}");
    }

    #[test]
    fn party_and_state_forms() {
        for (n, party) in [
            ("266-KH/ĐU", true),
            ("41-QĐi/TW", true),
            ("104/KH-UBND", false),
            ("12/2023/QĐ-UBND", false),
            ("102/2025/NQLT-UBTVQH15-CP", false),
            ("", false),
        ] {
            assert_eq!(is_party_form(n), party, "{n}");
        }
    }

    #[test]
    fn party_forms() {
        check("Kế hoạch số 12-KH/TW ngày 28/11/2022", &["12-KH/TW"]);
        check("Số 266 - KH/ĐU", &["266-KH/ĐU"]);
        check("số 21-Ctr/ĐUK", &["21-CTr/ĐUK"]);
        check("104-CTr/Tu", &["104-CTr/TU"]);
        check("Quy định số 101 -QĐ/TW, 28/02/2023", &["101-QĐ/TW"]);
        check("Quy định số 08-QĐi/TW", &["08-QĐi/TW"]);
        check("Quy chế số 05-QC/BTCTU-BDVTU", &["05-QC/BTCTU-BDVTU"]);
        check("Chương trình số 31-\n CTr/TW", &["31-CTr/TW"]);
        check("Nghị quyết số\n18-NQ/TW", &["18-NQ/TW"]);
        check("28-NQ/TW¹", &["28-NQ/TW"]);
        check("28–NQ/TW", &["28-NQ/TW"]);
        check("104 CTr/TU", &["104-CTr/TU"]);
        check("77-KH/ÐUK", &[]); // Icelandic eth is fixed by normalize_input, not here
        check("(số 28-NQ/TW)", &["28-NQ/TW"]);
    }

    #[test]
    fn state_forms() {
        check("Quyết định số 786/QĐ-TTg", &["786/QĐ-TTg"]);
        check("Nghị định số 35/2022/NĐ-CP", &["35/2022/NĐ-CP"]);
        check("Luật số 61/2024/QH15", &["61/2024/QH15"]);
        // A number with a part after a dot, sure with its year.
        check("Nghị quyết số 66.7/2025/NQ-CP", &["66.7/2025/NQ-CP"]);
        check("(Nghị quyết 66.7/2025/NQ-CP)", &["66.7/2025/NQ-CP"]);
        check("9387 /UBND-KT", &["9387/UBND-KT"]);
        check("113/KH-UBND", &["113/KH-UBND"]);
        check("866/QĐ-Tg", &["866/QĐ-TTg"]);
        check("Công văn số 123456/UBND-VX", &["123456/UBND-VX"]);
        check("Kế hoạch số 12345-KH/TU", &["12345-KH/TU"]);
        check(
            "Nghị quyết số 101/2025/UBTVQH15 của",
            &["101/2025/UBTVQH15"],
        );
        check(
            "Nghị quyết liên tịch số 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN",
            &["102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN"],
        );
        check(
            "số 102/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN",
            &["102/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN"],
        );
        check("Thông tư 12/2024/TT-BTC", &["12/2024/TT-BTC"]);
        // The dash between kind and issuer lost, where the year makes the
        // form sure.
        check(
            "Nghị định số 181/2024/NĐCP ngày 31/12/2024 và Nghị định số 146/2025/NĐ-CP",
            &["181/2024/NĐ-CP", "146/2025/NĐ-CP"],
        );
        check("Thông tư số 12/2024/TTBTC,", &["12/2024/TT-BTC"]);
        check("Quyết định số 40/2026/QĐUBND", &["40/2026/QĐ-UBND"]);
        check("Thông tư liên tịch 03/2016/TTLTBNV", &["03/2016/TTLT-BNV"]);
        // No year, no known kind, or one letter after it: no identifier.
        check("12/NĐCP", &[]);
        check("12/2024/ABCD", &[]);
        check("12/2024/NĐC", &[]);
        check("tỷ lệ 12/2024/Năm", &[]);
        check("Nghị quyết liên tịch số 102/2025/NQLT.", &[]);
        // Without a year a slash after the kind is no state form.
        check("12/KH/UBND", &[]);
    }

    #[test]
    fn issuer_codes_that_carry_a_term() {
        check("Kế hoạch số 15-KH/ĐĐQH15 ngày 02/3/2026", &["15-KH/ĐĐQH15"]);
        check("Số 102 - TB/ĐĐQH15", &["102-TB/ĐĐQH15"]);
        check("Nghị quyết số 1234/NQ-UBTVQH15", &["1234/NQ-UBTVQH15"]);
        check("Tờ trình số 05/TTr-ĐĐQH14,", &["05/TTr-ĐĐQH14"]);
        check("Báo cáo số 78/BC-UBTVQH15 và", &["78/BC-UBTVQH15"]);
        // Other digits glued to an issuer are not a term.
        check("Nghị quyết số 28-NQ/TW2 ngày", &[]);
        check("12-KH/TU15", &[]);
    }

    #[test]
    fn party_numbers_printed_otherwise() {
        // The state's slash and dash, a space after the dash.
        check("Nghị quyết số 27/NQ- TW ngày 09/11/2022", &["27-NQ/TW"]);
        check("Kết luận số 14/KL-TU", &["14-KL/TU"]);
        check("Quy chế số 05/QC-BTCTU-BDVTU", &["05-QC/BTCTU-BDVTU"]);
        // A state issuer stays state, and the Mặt trận numbers the state's way.
        check("Kế hoạch số 27/KH-UBND", &["27/KH-UBND"]);
        check("Hướng dẫn số 16/HD-MTTW", &["16/HD-MTTW"]);
        // "số" glued to the number.
        check("Chỉ thị số50-CT/TW ngày 23/7/2025", &["50-CT/TW"]);
        check("Quyết định số786/QĐ-TTg", &["786/QĐ-TTg"]);
        check("mã50-CT/TW", &[]);
    }

    #[test]
    fn look_alikes_are_not_ids() {
        check("nhiệm kỳ 2020 - 2025", &[]);
        check("trong tháng 12/2022", &[]);
        check("đạt từ 4-5% trên", &[]);
        check("ngày 17/11/2022", &[]);
        check("Covid-19", &[]);
        check("quý II/2026", &[]);
    }

    #[test]
    fn single_ids() {
        assert_eq!(canonical("Số 266 - KH/ĐU").as_deref(), Some("266-KH/ĐU"));
        assert_eq!(canonical("12-KH/TW").as_deref(), Some("12-KH/TW"));
        assert_eq!(canonical("hello"), None);
    }
}
