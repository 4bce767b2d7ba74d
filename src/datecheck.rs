//! Dates that cannot be right, wherever they are written: a day the month
//! does not have ("ngày 31/13/2024", "30 tháng 02"), a quarter beyond IV
//! ("quý V năm 2024"), a year out of range ("năm 99999"), a range that ends
//! before it starts ("từ tháng 6/2025 đến tháng 3/2024"). Each becomes a
//! warning at its line; the readers that meet such a phrase give it no
//! value, so nothing wrong reaches a calendar and nothing is dropped without
//! a word. One pass over the line, no backtracking.

use crate::date::{Period, days_in_month, period_at};

/// Years a document date may have.
pub const YEARS: std::ops::RangeInclusive<i64> = 1900..=2200;

/// The digits starting at byte `i` of `s`: (value, end). At most 18 digits
/// are read into the value; longer runs still end at their last digit.
fn number_at(s: &[u8], i: usize) -> Option<(i64, usize)> {
    let mut j = i;
    let mut v: i64 = 0;
    while j < s.len() && s[j].is_ascii_digit() {
        if j - i < 18 {
            v = v * 10 + i64::from(s[j] - b'0');
        }
        j += 1;
    }
    (j > i).then_some((v, j))
}

fn skip_spaces(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && s[i] == b' ' {
        i += 1;
    }
    i
}

/// Whether `word` (lower case) ends at byte `end` of `lower`, as a word.
fn word_before(lower: &str, end: usize, word: &str) -> bool {
    let t = lower[..end].trim_end();
    t.ends_with(word)
        && t[..t.len() - word.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
}

fn day_problem(d: i64, m: i64, y: Option<i64>) -> Option<String> {
    if !(1..=12).contains(&m) {
        return Some(format!("there is no month {m}"));
    }
    if let Some(y) = y
        && !YEARS.contains(&y)
    {
        return Some(format!("the year {y} is out of range"));
    }
    // Without a year, 29 February may be right.
    let max = days_in_month(y.map_or(2024, |y| y as i32), m as u32);
    (d < 1 || d > i64::from(max)).then(|| format!("month {m} has no day {d}"))
}

/// The problems of one line, each a message that quotes the phrase.
pub fn problems(line: &str) -> Vec<String> {
    let b = line.as_bytes();
    if !b.iter().any(u8::is_ascii_digit) {
        return Vec::new();
    }
    // The line lowered, only when a number asks for the words around it.
    // Offsets of the lowered line are those of `line` when lowering kept
    // lengths (always, for Vietnamese letters); otherwise only digits are
    // read.
    let lowered = std::cell::OnceCell::new();
    let low = || lowered.get_or_init(|| crate::text::lower(line)).as_str();
    let same = || low().len() == line.len();
    let mut out = Vec::new();
    let quote = |a: usize, e: usize| crate::text::collapse_ws(&line[a..e.min(line.len())]);
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit())) {
            i += 1;
            continue;
        }
        let (n1, e1) = number_at(b, i).expect("a digit");
        let glued = i > 0 && matches!(b[i - 1], b'/' | b'-' | b'.');
        // D/M/Y, D-M-Y, D.M.Y
        let j = skip_spaces(b, e1);
        if !glued && j < b.len() && matches!(b[j], b'/' | b'-' | b'.') {
            let sep = b[j];
            let k = skip_spaces(b, j + 1);
            if let Some((n2, e2)) = number_at(b, k) {
                let l = skip_spaces(b, e2);
                let third = (l < b.len() && b[l] == sep)
                    .then(|| number_at(b, skip_spaces(b, l + 1)))
                    .flatten();
                match third {
                    Some((n3, e3))
                        if e1 - i <= 2
                            && e2 - k <= 2
                            && e3 - skip_spaces(b, l + 1) >= 4
                            && !(e3 < b.len() && matches!(b[e3], b'/' | b'-')) =>
                    {
                        if let Some(p) = day_problem(n1, n2, Some(n3)) {
                            out.push(format!("\"{}\" is not a date: {p}", quote(i, e3)));
                        }
                        i = e3;
                        continue;
                    }
                    None if same()
                        && sep == b'/'
                        && e1 - i <= 2
                        && e2 - k <= 2
                        && word_before(low(), i, "ngày")
                        && !(e2 < b.len() && b[e2].is_ascii_digit()) =>
                    {
                        if let Some(p) = day_problem(n1, n2, None) {
                            out.push(format!("\"ngày {}\" is not a date: {p}", quote(i, e2)));
                        }
                        i = e2;
                        continue;
                    }
                    _ => {}
                }
            }
        }
        if same() {
            // D tháng M (năm Y)
            let rest = &low()[e1..];
            let t = rest.trim_start();
            if let Some(after) = t.strip_prefix("tháng ") {
                let k = e1 + (rest.len() - t.len()) + "tháng ".len();
                let k = skip_spaces(b, k);
                if let Some((m, e2)) = number_at(b, k) {
                    let rest2 = low()[e2..].trim_start();
                    let year = rest2.strip_prefix("năm ").and_then(|r| {
                        let at = low().len() - r.len();
                        number_at(b, skip_spaces(b, at))
                    });
                    let _ = after;
                    if year.is_some() || word_before(low(), i, "ngày") {
                        let end = year.map_or(e2, |y| y.1);
                        if let Some(p) = day_problem(n1, m, year.map(|y| y.0)) {
                            out.push(format!("\"{}\" is not a date: {p}", quote(i, end)));
                        }
                        i = end;
                        continue;
                    }
                }
            }
            // tháng M/Y, tháng M năm Y
            if word_before(low(), i, "tháng") && !glued {
                let j = skip_spaces(b, e1);
                let year = if j < b.len() && b[j] == b'/' {
                    number_at(b, skip_spaces(b, j + 1))
                } else {
                    low()[j..]
                        .strip_prefix("năm ")
                        .and_then(|r| number_at(b, skip_spaces(b, low().len() - r.len())))
                };
                if let Some((y, e)) = year.filter(|(_, e)| !(*e < b.len() && b[*e] == b'/')) {
                    let start = low()[..i].trim_end().len() - "tháng".len();
                    if !(1..=12).contains(&n1) {
                        out.push(format!(
                            "\"{}\" is not a month: there is no month {n1}",
                            quote(start, e)
                        ));
                    } else if !YEARS.contains(&y) {
                        out.push(format!(
                            "\"{}\": the year {y} is out of range",
                            quote(start, e)
                        ));
                    }
                    i = e;
                    continue;
                }
            }
            // năm YYYYY
            if word_before(low(), i, "năm") && e1 - i >= 5 {
                out.push(format!(
                    "\"năm {}\": the year has {} digits",
                    quote(i, e1),
                    e1 - i
                ));
                i = e1;
                continue;
            }
        }
        i = e1;
    }
    // "quý" and "từ" hold 'ý' and 'ừ' in any case: a line without them
    // has no quarter and no range.
    if line.contains(['ý', 'Ý']) && same() {
        quarters(line, low(), &mut out);
    }
    if line.contains(['ừ', 'Ừ']) && same() {
        reversed_ranges(line, low(), &mut out);
    }
    out
}

/// "quý V năm 2024", "quý 5/2024": a quarter beyond IV.
fn quarters(line: &str, lower: &str, out: &mut Vec<String>) {
    for (p, _) in lower.match_indices("quý ") {
        if lower[..p]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest = &line[p + "quý ".len()..];
        let tok: &str = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let roman = !tok.is_empty() && tok.chars().all(|c| "IVXLC".contains(c));
        let arabic = !tok.is_empty() && tok.chars().all(|c| c.is_ascii_digit());
        if !(roman || arabic) {
            continue;
        }
        let after = rest[tok.len()..].trim_start();
        let after_l = crate::text::lower(&after[..after.floor_char_boundary(8)]);
        let dated = after.starts_with('/')
            || after_l.starts_with("năm ")
            || after.starts_with(',')
            || after_l.starts_with("và ");
        if !dated {
            continue;
        }
        let n = if arabic {
            tok.parse::<u32>().unwrap_or(u32::MAX)
        } else {
            roman_value(tok)
        };
        if !(1..=4).contains(&n) {
            let end = (p + "quý ".len() + tok.len() + 12).min(line.len());
            let end = line.floor_char_boundary(end);
            out.push(format!(
                "\"{}\" is not a quarter: a year has quarters I to IV",
                crate::text::collapse_ws(line[p..end].trim_end())
            ));
        }
    }
}

fn roman_value(s: &str) -> u32 {
    let val = |c| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        _ => 0,
    };
    let cs: Vec<u32> = s.chars().map(val).collect();
    let mut total = 0;
    for (k, &v) in cs.iter().enumerate() {
        if cs.get(k + 1).is_some_and(|&n| n > v) {
            total -= v as i64;
        } else {
            total += v as i64;
        }
    }
    total.max(0) as u32
}

/// "từ tháng 6/2025 đến tháng 3/2024": a range that ends before it starts.
fn reversed_ranges(line: &str, lower: &str, out: &mut Vec<String>) {
    for (p, _) in lower.match_indices("từ ") {
        if lower[..p]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let from = p + "từ ".len();
        let Some(Ok(Period { start, used, .. })) = period_at(&line[from..]) else {
            continue;
        };
        let rest = &lower[from + used..];
        let t = rest.trim_start();
        let Some(t2) = t.strip_prefix("đến ").or_else(|| t.strip_prefix("tới ")) else {
            continue;
        };
        let t2 = t2.strip_prefix("hết ").unwrap_or(t2);
        let at = lower.len() - t2.len();
        if let Some(Ok(Period { end, used: u2, .. })) = period_at(&line[at..])
            && end < start
        {
            out.push(format!(
                "\"{}\" ends before it starts ({} after {})",
                crate::text::collapse_ws(&line[p..at + u2]),
                start.vn(),
                end.vn()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One problem that says all of `needles`, or none when empty.
    fn check(line: &str, needles: &[&str]) {
        let got = problems(line);
        assert_eq!(
            got.len(),
            usize::from(!needles.is_empty()),
            "{line:?}: {got:?}"
        );
        for n in needles {
            assert!(got[0].contains(n), "{line:?}: {:?} lacks {n:?}", got[0]);
        }
    }

    #[test]
    fn impossible_dates_are_found() {
        check(
            "theo Kế hoạch ngày 31/13/2024 của",
            &["31/13/2024", "no month 13"],
        );
        check("(trước ngày 30/02/2023)", &["30/02/2023", "no day 30"]);
        check("trước ngày 30 tháng 02", &["30 tháng 02", "no day 30"]);
        check("ngày 29 tháng 02 năm 2023", &["no day 29"]);
        check("ngày 32/1", &["no day 32"]);
        check(
            "Hà Nội, ngày 15 tháng 8 năm 99999",
            &["99999", "out of range"],
        );
        check("trong tháng 13/2024", &["no month 13"]);
        check("quý V năm 2024", &["quý V", "quarters I to IV"]);
        check("Quý 5/2024", &["Quý 5", "quarters"]);
        check("năm 99999", &["5 digits"]);
        check(
            "từ tháng 6/2025 đến tháng 3/2024",
            &["từ tháng 6/2025 đến tháng 3/2024", "ends before it starts"],
        );
        check(
            "từ ngày 15/3/2026 đến ngày 01/02/2026",
            &["ends before it starts"],
        );
    }

    #[test]
    fn real_dates_and_look_alikes_are_quiet() {
        for line in [
            "ngày 29/02/2024, ngày 17/11/2022, ngày 01-10-1997, 28/02/2023",
            "Nghị định số 35/2022/NĐ-CP, Quyết định số 866/QĐ-TTg",
            "giai đoạn 2026 - 2030, nhiệm kỳ 2020-2025, đạt 4-5%",
            "quý III/2023, quý I và quý II năm 2024, Quý III, IV/2023",
            "Quý vị đại biểu; quý báu",
            "6 tháng đầu năm 2023; trong 3 tháng 2 lần",
            "từ tháng 3 đến tháng 6/2024; từ năm 2023 đến năm 2025",
            "từ ngày 01/02 đến 17 giờ 00 ngày 14/3/2026",
            "tỷ lệ 1/2 số hộ; ngày 29/02",
            "số điện thoại 0214.3840.123",
            "Luật số 61/2024/QH15",
            "",
        ] {
            check(line, &[]);
        }
    }
}
