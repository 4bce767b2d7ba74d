//! A calendar date without time zone or clock, and the date phrases of
//! Vietnamese documents ("ngày 17/11/2022", "ngày 18 tháng 10 năm 2022").

use serde::{Serialize, Serializer};
use std::fmt;

/// A valid Gregorian calendar date.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, bitcode::Encode, bitcode::Decode,
)]
pub struct Date {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A date, if it exists (years 1900–2200 only: anything else in a
    /// document is a typo, not a date).
    pub fn new(y: i32, m: u32, d: u32) -> Option<Date> {
        ((1900..=2200).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
            .then_some(Date { y, m, d })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse().ok()?;
        let m = it.next()?.parse().ok()?;
        let d = it.next()?.parse().ok()?;
        Date::new(y, m, d)
    }

    /// Parses `YYYY-MM-DD` for any year 1–9999 (a build date given on the
    /// command line; document dates use [`Date::parse_iso`]).
    pub fn parse_iso_any(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let y: i32 = it.next()?.parse().ok()?;
        let m: u32 = it.next()?.parse().ok()?;
        let d: u32 = it.next()?.parse().ok()?;
        ((1..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
            .then_some(Date { y, m, d })
    }

    pub fn last_of_month(y: i32, m: u32) -> Option<Date> {
        Date::new(y, m, days_in_month(y, m))
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    pub fn to_days(self) -> i64 {
        let (y, m) = if self.m <= 2 {
            (self.y - 1, self.m + 9)
        } else {
            (self.y, self.m - 3)
        };
        let era = y.div_euclid(400);
        let yoe = (y - era * 400) as i64;
        let doy = (153 * m as i64 + 2) / 5 + self.d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era as i64 * 146097 + doe - 719468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = (yoe + era * 400) as i32 + i32::from(m <= 2);
        Date { y, m, d }
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// Vietnamese display form: 17/11/2022.
    pub fn vn(self) -> String {
        format!("{:02}/{:02}/{}", self.d, self.m, self.y)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Reads a date written `D/M/YYYY` or `D-M-YYYY` at the start of `s`
/// (spaces around the separators allowed). Returns the date and bytes used.
pub fn parse_numeric(s: &str) -> Option<(Date, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut nums = [0u32; 3];
    for (k, num) in nums.iter_mut().enumerate() {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 4 {
            *num = *num * 10 + u32::from(b[i] - b'0');
            i += 1;
        }
        let len = i - start;
        let ok = if k < 2 {
            (1..=2).contains(&len)
        } else {
            len == 4
        };
        if !ok {
            return None;
        }
        if k < 2 {
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
            if i < b.len() && (b[i] == b'/' || b[i] == b'-' || b[i] == b'.') {
                i += 1;
            } else {
                return None;
            }
            while i < b.len() && b[i] == b' ' {
                i += 1;
            }
        }
    }
    if i < b.len() && b[i].is_ascii_digit() {
        return None;
    }
    Date::new(nums[2] as i32, nums[1], nums[0]).map(|d| (d, i))
}

/// Whether `s` holds a day written with numbers (`D/M/YYYY`, `D-M-YYYY`,
/// `D.M.YYYY`) that [`parse_numeric`] reads.
pub fn has_numeric_day(s: &str) -> bool {
    s.char_indices().any(|(i, c)| {
        c.is_ascii_digit()
            && !s[..i].ends_with(|p: char| p.is_ascii_digit())
            && parse_numeric(&s[i..]).is_some()
    })
}

/// Reads the long form `D tháng M năm YYYY` at the start of `s`.
pub fn parse_long(s: &str) -> Option<(Date, usize)> {
    let mut words = Vec::new();
    let mut pos = 0;
    for _ in 0..5 {
        let rest = &s[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        let w_len = trimmed
            .find(|c: char| c.is_whitespace() || c == ',')
            .unwrap_or(trimmed.len());
        if w_len == 0 {
            return None;
        }
        words.push(&trimmed[..w_len]);
        pos += w_len;
    }
    if words[1].to_lowercase() != "tháng" || words[3].to_lowercase() != "năm" {
        return None;
    }
    let d = words[0].parse().ok()?;
    let m = words[2].parse().ok()?;
    // "… năm 2028." — a sentence may end on the year.
    let y_word = words[4].trim_end_matches(['.', ';', ')', ':']);
    let y = y_word.parse().ok()?;
    let pos = pos - (words[4].len() - y_word.len());
    Date::new(y, m, d).map(|date| (date, pos))
}

/// The unit of a calendar period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Month,
    Quarter,
    Year,
}

/// A calendar period read from text: its first and last day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    pub unit: Unit,
    /// Bytes of the text it took.
    pub used: usize,
}

fn roman_or_digit(tok: &str) -> Option<u32> {
    match tok.to_ascii_uppercase().as_str() {
        "I" | "1" => Some(1),
        "II" | "2" => Some(2),
        "III" | "3" => Some(3),
        "IV" | "4" => Some(4),
        _ => None,
    }
}

/// Reads the calendar period written at the start of `s`: a day ("ngày
/// 17/11/2022", "17/11/2022", "ngày 17-11-2022", "ngày 17 tháng 11 năm
/// 2022", "17 tháng 11 năm 2022"), a month
/// ("tháng 6/2025", "tháng 6 năm 2025"), a quarter ("quý II/2026", "quý 2
/// năm 2026") or a year ("năm 2025", "2025"). None when `s` does not start
/// with one; Err(why) when it has the shape of one but cannot be right.
pub fn period_at(s: &str) -> Option<Result<Period, String>> {
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    let head = &t[..t.floor_char_boundary(12)];
    let low = crate::text::lower(head);
    let word = |w: &str| {
        (low.starts_with(w) && low.len() == head.len()).then(|| t[w.len()..].trim_start())
    };
    let used = |rest: &str| s.len() - rest.len();
    let year_ok = |y: i32| (1900..=2200).contains(&y);
    if let Some(r) = word("ngày ") {
        return parse_numeric(r).or_else(|| parse_long(r)).map(|(d, n)| {
            Ok(Period {
                start: d,
                end: d,
                unit: Unit::Day,
                used: used(&r[n..]),
            })
        });
    }
    if let Some(r) = word("tháng ") {
        let digits = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
        let m: u32 = r[..digits].parse().ok()?;
        let after = r[digits..].trim_start();
        let (yr, rest) = if let Some(a) = after.strip_prefix('/') {
            let a = a.trim_start();
            let n = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
            (a[..n].parse::<i32>().ok()?, &a[n..])
        } else {
            let low = crate::text::lower(&after[..after.floor_char_boundary(5)]);
            if !low.starts_with("năm ") {
                return None;
            }
            let a = after["năm ".len()..].trim_start();
            let n = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
            (a[..n].parse::<i32>().ok()?, &a[n..])
        };
        if !(1..=12).contains(&m) {
            return Some(Err(format!("there is no month {m}")));
        }
        if !year_ok(yr) {
            return Some(Err(format!("the year {yr} is out of range")));
        }
        return Some(Ok(Period {
            start: Date::new(yr, m, 1)?,
            end: Date::last_of_month(yr, m)?,
            unit: Unit::Month,
            used: used(rest),
        }));
    }
    // "Quí" is a common spelling of "Quý".
    if let Some(r) = word("quý ").or_else(|| word("quí ")) {
        let n = r.find(|c: char| !c.is_alphanumeric()).unwrap_or(r.len());
        let tok = &r[..n];
        let after = r[n..].trim_start();
        // The year after "/", or after a dash ("Quý III-2026", "Quý I -
        // 2027"), where it must be a whole year ("quý 1-2/2026" is two
        // quarters).
        let dash = after
            .strip_prefix('-')
            .or_else(|| after.strip_prefix('–'))
            .map(str::trim_start)
            .filter(|a| {
                let k = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
                k == 4
            });
        let (yr, rest) = if let Some(a) = after.strip_prefix('/').or(dash) {
            let a = a.trim_start();
            let k = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
            (a[..k].parse::<i32>().ok()?, &a[k..])
        } else {
            let low = crate::text::lower(&after[..after.floor_char_boundary(5)]);
            if !low.starts_with("năm ") {
                return None;
            }
            let a = after["năm ".len()..].trim_start();
            let k = a.find(|c: char| !c.is_ascii_digit()).unwrap_or(a.len());
            (a[..k].parse::<i32>().ok()?, &a[k..])
        };
        let Some(q) = roman_or_digit(tok) else {
            return Some(Err(format!("there is no quarter {tok}")));
        };
        if !year_ok(yr) {
            return Some(Err(format!("the year {yr} is out of range")));
        }
        return Some(Ok(Period {
            start: Date::new(yr, q * 3 - 2, 1)?,
            end: Date::last_of_month(yr, q * 3)?,
            unit: Unit::Quarter,
            used: used(rest),
        }));
    }
    // A day in the long form without "ngày": "31 tháng 8 năm 2026".
    if let Some((d, n)) = parse_long(t) {
        return Some(Ok(Period {
            start: d,
            end: d,
            unit: Unit::Day,
            used: used(&t[n..]),
        }));
    }
    let (r, explicit) = match word("năm ") {
        Some(r) => (r, true),
        None => (t, false),
    };
    if let Some((d, n)) = parse_numeric(r).filter(|_| !explicit) {
        return Some(Ok(Period {
            start: d,
            end: d,
            unit: Unit::Day,
            used: used(&r[n..]),
        }));
    }
    let n = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
    if n == 4 || (explicit && n > 0) {
        let rest = &r[n..];
        if !explicit && rest.trim_start().starts_with(['/', '-']) {
            return None;
        }
        let yr: i64 = r[..n.min(18)].parse().ok()?;
        if !(1900..=2200).contains(&yr) {
            return Some(Err(format!("the year {yr} is out of range")));
        }
        let yr = yr as i32;
        return Some(Ok(Period {
            start: Date::new(yr, 1, 1)?,
            end: Date::last_of_month(yr, 12)?,
            unit: Unit::Year,
            used: used(rest),
        }));
    }
    None
}

/// A date given on the command line (`--today`): exactly `YYYY-MM-DD`, a
/// day of the calendar; the error says how to write it.
pub fn parse_arg(flag: &str, t: &str) -> anyhow::Result<Date> {
    let shaped = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        anyhow::bail!("{flag} {t}: write the date as YYYY-MM-DD, e.g. 2026-11-23");
    }
    Date::parse_iso_any(t)
        .ok_or_else(|| anyhow::anyhow!("{flag} {t}: there is no such day in the calendar"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        let got = parse_numeric(input)
            .or_else(|| parse_long(input))
            .map(|(d, _)| d.to_string());
        assert_eq!(got.as_deref(), expected, "input: {input:?}");
    }

    #[test]
    fn date_forms() {
        check("17/11/2022", Some("2022-11-17"));
        check("01-10-1997", Some("1997-10-01"));
        check("30 /8/2026", Some("2026-08-30"));
        check("1/4/2009 của", Some("2009-04-01"));
        check("18 tháng 10 năm 2022", Some("2022-10-18"));
        check("31/02/2022", None);
        check("12/2022", None);
        check("4-5%", None);
    }

    #[test]
    fn periods() {
        fn p(s: &str) -> Option<Result<(String, String, &str), String>> {
            period_at(s).map(|r| r.map(|p| (p.start.to_string(), p.end.to_string(), &s[..p.used])))
        }
        let ok = |s: &str, a: &str, b: &str, used: &str| {
            assert_eq!(
                p(s),
                Some(Ok((a.to_string(), b.to_string(), used))),
                "{s:?}"
            );
        };
        ok(
            "ngày 17/11/2022 của",
            "2022-11-17",
            "2022-11-17",
            "ngày 17/11/2022",
        );
        ok("17/11/2022", "2022-11-17", "2022-11-17", "17/11/2022");
        // The older Party style and dots; the long form without "ngày".
        ok(
            "ngày 17-11-2022,",
            "2022-11-17",
            "2022-11-17",
            "ngày 17-11-2022",
        );
        ok("31.12.2026.", "2026-12-31", "2026-12-31", "31.12.2026");
        ok(
            "31 tháng 8 năm 2026 để",
            "2026-08-31",
            "2026-08-31",
            "31 tháng 8 năm 2026",
        );
        ok(
            "tháng 6/2025 đến",
            "2025-06-01",
            "2025-06-30",
            "tháng 6/2025",
        );
        ok(
            "Tháng 12 năm 2022",
            "2022-12-01",
            "2022-12-31",
            "Tháng 12 năm 2022",
        );
        ok("quý II/2026", "2026-04-01", "2026-06-30", "quý II/2026");
        ok(
            "Quý IV năm 2025 và",
            "2025-10-01",
            "2025-12-31",
            "Quý IV năm 2025",
        );
        // "Quí" for "Quý", and the year after a dash.
        ok("Quí III/2026", "2026-07-01", "2026-09-30", "Quí III/2026");
        ok(
            "QUÍ II năm 2026",
            "2026-04-01",
            "2026-06-30",
            "QUÍ II năm 2026",
        );
        ok("Quý III-2026,", "2026-07-01", "2026-09-30", "Quý III-2026");
        ok("Quí I - 2027", "2027-01-01", "2027-03-31", "Quí I - 2027");
        ok("quý 4 – 2026)", "2026-10-01", "2026-12-31", "quý 4 – 2026");
        // Two quarters joined by a dash are no quarter and a year.
        assert_eq!(period_at("quý 1-2/2026"), None);
        assert_eq!(period_at("quý I-II/2026"), None);
        assert_eq!(period_at("quý III - 20 ngày"), None);
        ok("năm 2030,", "2030-01-01", "2030-12-31", "năm 2030");
        ok("2030", "2030-01-01", "2030-12-31", "2030");
        assert!(matches!(period_at("quý V năm 2024"), Some(Err(_))));
        assert!(matches!(period_at("tháng 13/2024"), Some(Err(_))));
        assert!(matches!(period_at("năm 99999"), Some(Err(_))));
        assert_eq!(period_at("các năm"), None);
        assert_eq!(period_at("35/2022/NĐ-CP"), None);
        assert_eq!(period_at("2026-2030"), None);
    }

    #[test]
    fn day_numbers_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "2022-12-31", "2024-03-01"] {
            let d = Date::parse_iso(s).unwrap();
            assert_eq!(Date::from_days(d.to_days()), d);
        }
        assert_eq!(
            Date::parse_iso("2022-12-31")
                .unwrap()
                .add_days(1)
                .to_string(),
            "2023-01-01"
        );
    }
}
