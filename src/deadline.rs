//! Deadline phrases ("hoàn thành trong quý III năm 2023", "trước ngày
//! 30/6/2025", "Hằng năm", "thường xuyên") parsed into typed values with the
//! date range each means (CONVENTIONS.md §9). Pure: a phrase and the
//! document date in, a value or nothing out; never fails.

use crate::date::Date;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, bitcode::Encode, bitcode::Decode,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Month,
    Quarter,
    Half,
    Year,
    Range,
    ByDate,
    Horizon,
    /// "tầm nhìn đến năm 2045": a horizon that is an aspiration.
    Vision,
    /// "từ ngày 01/7/2025", "kể từ ngày …": in force from a day on.
    EffectiveFrom,
    /// "cuối năm 2024", "đầu năm 2025": a part of a year, read loosely.
    Fuzzy,
    Recurring,
    Ongoing,
    Relative,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Month => "month",
            Kind::Quarter => "quarter",
            Kind::Half => "half",
            Kind::Year => "year",
            Kind::Range => "range",
            Kind::ByDate => "by_date",
            Kind::Horizon => "horizon",
            Kind::Vision => "vision",
            Kind::EffectiveFrom => "effective_from",
            Kind::Fuzzy => "fuzzy",
            Kind::Recurring => "recurring",
            Kind::Ongoing => "ongoing",
            Kind::Relative => "relative",
        }
    }
}

/// How often a recurring duty comes back.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, bitcode::Encode, bitcode::Decode,
)]
#[serde(rename_all = "kebab-case")]
pub enum Freq {
    Yearly,
    Semiannual,
    Quarterly,
    Monthly,
    /// Every week; `day` is the weekday when stated (1 Monday … 7 Sunday).
    Weekly,
    /// Once in every term of office ("trong mỗi nhiệm kỳ").
    PerTerm,
    /// "định kỳ" with no period stated.
    PeriodicUnspecified,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, bitcode::Encode, bitcode::Decode)]
pub struct Recurrence {
    pub freq: Freq,
    /// Due month (yearly) and day of month, when stated.
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Recurrence {
    pub fn name(self) -> &'static str {
        match self.freq {
            Freq::Yearly => "yearly",
            Freq::Semiannual => "semiannual",
            Freq::Quarterly => "quarterly",
            Freq::Monthly => "monthly",
            Freq::Weekly => "weekly",
            Freq::PerTerm => "per-term",
            Freq::PeriodicUnspecified => "periodic-unspecified",
        }
    }

    /// The RFC 5545 rule, for the periods a calendar can express.
    pub fn rrule(self) -> Option<String> {
        let mut r = match self.freq {
            Freq::Yearly => "FREQ=YEARLY".to_string(),
            Freq::Semiannual => "FREQ=MONTHLY;INTERVAL=6".to_string(),
            Freq::Quarterly => "FREQ=MONTHLY;INTERVAL=3".to_string(),
            Freq::Monthly => "FREQ=MONTHLY".to_string(),
            Freq::Weekly => {
                const BYDAY: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
                return Some(match self.day.and_then(|d| BYDAY.get(d as usize - 1)) {
                    Some(d) => format!("FREQ=WEEKLY;BYDAY={d}"),
                    None => "FREQ=WEEKLY".to_string(),
                });
            }
            Freq::PerTerm | Freq::PeriodicUnspecified => return None,
        };
        if let (Freq::Yearly, Some(m)) = (self.freq, self.month) {
            r.push_str(&format!(";BYMONTH={m}"));
        }
        if let Some(d) = self.day {
            r.push_str(&format!(";BYMONTHDAY={d}"));
        }
        Some(r)
    }

    /// The first date on or after `from` this duty falls due (for a
    /// calendar entry), when the rule names a day.
    pub fn first_due(self, from: Date) -> Option<Date> {
        let day = self.day?;
        if self.freq == Freq::Weekly {
            // 1970-01-01 was a Thursday (weekday 4).
            let today = (from.to_days() + 3).rem_euclid(7) + 1;
            return Some(from.add_days((i64::from(day) - today).rem_euclid(7)));
        }
        let mut y = from.y;
        let mut m = match (self.freq, self.month) {
            (Freq::Yearly, Some(m)) => m,
            (Freq::Yearly, None) => return None,
            _ => from.m,
        };
        for _ in 0..24 {
            if let Some(d) = Date::new(y, m, day.min(crate::date::days_in_month(y, m)))
                && d >= from
            {
                return Some(d);
            }
            if self.freq == Freq::Yearly {
                y += 1;
            } else {
                m += 1;
                if m > 12 {
                    m = 1;
                    y += 1;
                }
            }
        }
        None
    }
}

impl Serialize for Recurrence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A parsed deadline. `start`/`end` are set for the kinds that map to a
/// range (a `by_date` or `horizon` of an undated document has no start).
#[derive(Clone, Debug, PartialEq, Serialize, bitcode::Encode, bitcode::Decode)]
pub struct Deadline {
    /// The phrase as written (whitespace collapsed, Markdown marks removed).
    pub text: String,
    pub kind: Kind,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub recurrence: Option<Recurrence>,
    /// The year was not written and was taken from the document date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub year_inferred: bool,
    /// Several periods joined ("Quý IV/2025 và Quý I/2026").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub union: bool,
    /// No end is written ("… và các năm tiếp theo", "… đến khi kết thúc").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub open_ended: bool,
    /// A time of day on the end date ("17 giờ 00"), as HH:MM.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
}

impl Deadline {
    /// Whether the whole period lies before `day`: a month, quarter, half,
    /// year or span that ended, or an "in force from" date already past.
    pub fn wholly_before(&self, day: Date) -> bool {
        match self.kind {
            Kind::Month | Kind::Quarter | Kind::Half | Kind::Year | Kind::Range | Kind::Fuzzy => {
                self.end.is_some_and(|e| e < day)
            }
            Kind::EffectiveFrom => self.start.is_some_and(|s| s < day),
            _ => false,
        }
    }
}

const ROMAN: &str = r"(?:iv|i{1,3}|[1-4])";

static RE: LazyLock<Res> = LazyLock::new(|| {
    Res {
    quarters: Regex::new(&format!(
        r"quý\s+({ROMAN}(?:\s*(?:,|và|-)\s*(?:quý\s+)?{ROMAN})*)\s*(?:/|-|–|năm\s+|,\s*năm\s+)\s*(\d{{4}})\b"
    ))
    .expect("quarters"),
    quarter_any: Regex::new(&format!(r"quý\s+({ROMAN})\s*(?:/|-|–|năm\s+|,\s*năm\s+)\s*(\d{{4}})\b"))
        .expect("one quarter"),
    half: Regex::new(
        r"(\d{1,2}|mười một|mười|một|hai|ba|bốn|năm|sáu|bảy|tám|chín)\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})",
    )
    .expect("months of a year"),
    nine: Regex::new(r"(9|chín)\s+tháng\s+(?:đầu\s+)?năm\s+(\d{4})").expect("nine"),
    month_span: Regex::new(
        r"(?:từ\s+)?tháng\s+(\d{1,2})\s*(?:-|–|đến\s+(?:hết\s+)?tháng|,\s*(?:tháng\s+)?|và\s+(?:tháng\s+)?)\s*(\d{1,2})\s*(?:/|năm\s+)(\d{4})",
    )
    .expect("month span"),
    month: Regex::new(r"tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})").expect("month"),
    month_no_year: Regex::new(r"tháng\s+(\d{1,2})\b").expect("month without year"),
    month_last_no_year: Regex::new(r"(?:^|\s)tháng\s+(\d{1,2})$").expect("month without year, last"),
    day_no_year: Regex::new(
        r"(?:^|\s)(?:trước|chậm\s+nhất|đến\s+hết|hạn\s+chót|hoàn\s+thành|xong|đến)(?:\s+(?:là|đến|vào|trước))?\s+ngày\s+(\d{1,2})\s*(?:/|\.|-|\s+tháng\s+)\s*(\d{1,2})$",
    )
    .expect("day without year"),
    quarter_no_year: Regex::new(r"(?:^|\s)quý\s+(i{1,3}|iv|[1-4])$").expect("quarter without year"),
    by_date: Regex::new(
        r"(?:trước|chậm\s+nhất|đến\s+hết|dự\s+kiến\s+đến|hạn\s+chót|hoàn\s+thành|xong|đến\s+ngày)(?:\s+(?:là|đến|vào|trước))?(?:\s+ngày)?\s+(\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
    )
    .expect("by date"),
    long_date: Regex::new(r"^(?:ngày\s+)?(\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4})$")
        .expect("long"),
    years_range: Regex::new(
        r"(?:từ\s+năm\s+(\d{4})\s+đến\s+(?:hết\s+)?năm\s+(\d{4}))|(?:(?:giai\s+đoạn|năm)\s+)?\b(\d{4})\s*(?:-|–|—|đến)\s*(\d{4})\b",
    )
    .expect("range"),
    horizon: Regex::new(
        r"(?:đến|vào|định\s+hướng\s+đến)\s+(?:hết\s+)?năm\s+(\d{4})",
    )
    .expect("horizon"),
    vision: Regex::new(r"t[ầâ]m\s+nhìn\s+(?:đến\s+)?(?:năm\s+)?(\d{4})").expect("vision"),
    horizon_month: Regex::new(r"(?:từ\s+nay\s+)?đến\s+(?:hết\s+)?tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})")
        .expect("horizon month"),
    year: Regex::new(r"(?:^|\s)năm\s+(\d{4})\b|^(\d{4})$").expect("year"),
    yearly_due: Regex::new(r"trước\s+ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\b(?:\s*/\s*\d)?")
        .expect("yearly due"),
    monthly_due: Regex::new(
        r"(?:trước|vào|đúng)\s+(?:ngày\s+)?(?:mồng\s+|mùng\s+)?(\d{1,2})\s+(?:của\s+)?(?:hằng|hàng|mỗi)\s+tháng",
    )
    .expect("monthly"),
    monthly_day: Regex::new(r"(?:vào|đúng)\s+ngày\s+(?:mồng\s+|mùng\s+)?(\d{1,2})\s+(?:của\s+)?(?:tháng|hằng tháng|hàng tháng)")
        .expect("monthly day"),
    within_days: Regex::new(r"trong\s+vòng\s+(\d{1,3})\s+ngày").expect("within"),
    from_day: Regex::new(
        r"(?:^|\s)(?:kể\s+)?(?:có\s+hiệu\s+lực\s+)?từ\s+(?:ngày\s+)?(\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
    )
    .expect("from a day"),
    after_day: Regex::new(r"sau\s+ngày\s+(\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})")
        .expect("after a day"),
    time_of_day: Regex::new(r"(\d{1,2})\s*(?:giờ|h)\s*(\d{2})?(?:\s*phút)?").expect("time of day"),
    clock: Regex::new(
        r"(?:lúc\s+)?(\d{1,2})(?:\s*(?:giờ|h)\s*(\d{2})?(?:\s*phút|')?|g(\d{2})|:(\d{2}))",
    )
    .expect("clock"),
}
});

struct Res {
    quarters: Regex,
    quarter_any: Regex,
    half: Regex,
    nine: Regex,
    month_span: Regex,
    month: Regex,
    month_no_year: Regex,
    month_last_no_year: Regex,
    day_no_year: Regex,
    quarter_no_year: Regex,
    by_date: Regex,
    long_date: Regex,
    years_range: Regex,
    horizon: Regex,
    vision: Regex,
    horizon_month: Regex,
    year: Regex,
    yearly_due: Regex,
    monthly_due: Regex,
    monthly_day: Regex,
    within_days: Regex,
    from_day: Regex,
    after_day: Regex,
    time_of_day: Regex,
    clock: Regex,
}

/// The weekday a phrase names ("thứ Sáu", "thứ 6", "chủ nhật"): 1 Monday
/// … 7 Sunday.
fn weekday(s: &str) -> Option<u32> {
    if s.contains("chủ nhật") {
        return Some(7);
    }
    let rest = s[s.find("thứ ")? + "thứ ".len()..].trim_start();
    const NAMES: [(&str, u32); 12] = [
        ("hai", 1),
        ("ba", 2),
        ("tư", 3),
        ("năm", 4),
        ("sáu", 5),
        ("bảy", 6),
        ("2", 1),
        ("3", 2),
        ("4", 3),
        ("5", 4),
        ("6", 5),
        ("7", 6),
    ];
    NAMES.iter().find_map(|&(n, d)| {
        rest.strip_prefix(n)
            .filter(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
            .map(|_| d)
    })
}

fn roman(s: &str) -> Option<u32> {
    match s {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

/// A count of months, 1 to 11, in digits ("09") or words ("mười một").
fn months_count(s: &str) -> Option<u32> {
    const WORDS: [&str; 11] = [
        "một",
        "hai",
        "ba",
        "bốn",
        "năm",
        "sáu",
        "bảy",
        "tám",
        "chín",
        "mười",
        "mười một",
    ];
    let n = s
        .parse::<u32>()
        .ok()
        .or_else(|| WORDS.iter().position(|w| *w == s).map(|k| k as u32 + 1))?;
    (1..=11).contains(&n).then_some(n)
}

/// Whether "thường xuyên" at `at` (in lowered text) names recurrent public
/// spending — "chi thường xuyên", "kinh phí thường xuyên", "dự toán thường
/// xuyên" — a budget category, not how often something is done.
pub fn fiscal_regular(lower: &str, at: usize) -> bool {
    let before = lower[..at].trim_end();
    ["chi", "kinh phí", "dự toán", "ngân sách", "nguồn vốn"]
        .iter()
        .any(|w| {
            before
                .strip_suffix(w)
                .is_some_and(|b| b.chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
        })
}

fn num(s: &str) -> i32 {
    s.parse().unwrap_or(0)
}

/// Heads of the names of events a deadline can be set by: festivals,
/// congresses, sessions, conferences, ceremonies, anniversaries, elections.
const EVENTS: [&str; 12] = [
    "tết",
    "đại hội",
    "kỳ họp",
    "hội nghị",
    "lễ",
    "kỷ niệm",
    "ngày hội",
    "hội thi",
    "hội diễn",
    "hội khỏe",
    "bầu cử",
    "kỳ nghỉ",
];

/// Words that set a time themselves: after one of them a year is the
/// task's, not the event's ("trước Tết, hoàn thành trong năm 2027").
const TIME_SETTERS: [&str; 12] = [
    "trong",
    "trước",
    "sau",
    "xong",
    "hoàn thành",
    "chậm nhất",
    "đến",
    "từ",
    "vào",
    "đầu",
    "giữa",
    "cuối",
];

/// Where `word` stands last in `s` as a whole word.
fn last_word(s: &str, word: &str) -> Option<usize> {
    crate::text::word_spans(s, word).last().map(|&(at, _)| at)
}

/// Whether the phrase's first year ("năm YYYY", lowered) closes the name of
/// an event: an event's head word before it, and between the two neither a
/// time-setting word nor a break (comma, semicolon, parenthesis, dash).
fn event_year(s: &str) -> bool {
    let Some(at) = s.match_indices("năm ").map(|(p, _)| p).find(|&p| {
        s[p + "năm ".len()..]
            .get(..4)
            .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()))
    }) else {
        return false;
    };
    let before = &s[..at];
    let Some(head) = EVENTS
        .iter()
        .filter_map(|e| last_word(before, e).map(|p| p + e.len()))
        .max()
    else {
        return false;
    };
    let between = &before[head..];
    !between.contains([',', ';', '(', ')', '-', '–'])
        && !TIME_SETTERS.iter().any(|w| last_word(between, w).is_some())
}

fn plausible_year(y: i32) -> bool {
    (1900..=2200).contains(&y)
}

fn date_in(s: &str) -> Option<Date> {
    let s = s.trim();
    crate::date::parse_numeric(s)
        .or_else(|| crate::date::parse_long(s))
        .map(|(d, _)| d)
}

/// An open end: "… và các năm tiếp theo", "… đến khi kết thúc …".
fn open_end(s: &str) -> bool {
    [
        "các năm tiếp theo",
        "những năm tiếp theo",
        "năm tiếp theo",
        "đến khi",
        "cho đến khi",
    ]
    .iter()
    .any(|k| s.contains(k))
}

/// The range "từ P1 đến P2" (or "P1 - P2" of two days): P1's first day to
/// P2's last; a P1 without its year takes P2's; an end that is an event
/// ("đến khi kết thúc …") leaves the range open.
fn span(s: &str) -> Option<(Date, Option<Date>, Option<String>)> {
    // "từ P1 …", or a phrase that opens with its first period ("tháng
    // 11/2025 đến tháng 4/2026").
    let from = match s.find("từ ") {
        Some(p) => p + "từ ".len(),
        None if matches!(crate::date::period_at(s), Some(Ok(_))) => 0,
        None => return None,
    };
    let rest = &s[from..];
    let (p1, used) = match crate::date::period_at(rest) {
        Some(Ok(p)) => (Some(p), p.used),
        Some(Err(_)) => return None,
        None => (None, 0),
    };
    // "từ ngày 01/02" (no year): day and month, the year from the end.
    let (d1m1, used) = match p1 {
        Some(_) => (None, used),
        None => {
            let t = rest.strip_prefix("ngày ").unwrap_or(rest);
            let lead = rest.len() - t.len();
            let b = t.as_bytes();
            let dn = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if dn == 0 || dn > 2 || b.get(dn) != Some(&b'/') {
                return None;
            }
            let mn = b[dn + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if mn == 0 || mn > 2 || b.get(dn + 1 + mn) == Some(&b'/') {
                return None;
            }
            (
                Some((num(&t[..dn]) as u32, num(&t[dn + 1..dn + 1 + mn]) as u32)),
                lead + dn + 1 + mn,
            )
        }
    };
    let after = rest[used..].trim_start();
    let after = after
        .strip_prefix("đến")
        .or_else(|| after.strip_prefix("tới"))
        .or_else(|| after.strip_prefix("-"))
        .or_else(|| after.strip_prefix("–"))?
        .trim_start();
    let after = after.strip_prefix("hết ").unwrap_or(after);
    // "17 giờ 00 ngày 14/3/2026": a time of day before the end's day.
    let mut time = None;
    let mut after = after;
    if let Some(c) = RE.time_of_day.captures(after)
        && c.get(0).is_some_and(|m| m.start() == 0)
    {
        let h = num(&c[1]);
        let m = c.get(2).map_or(0, |m| num(m.as_str()));
        if (0..24).contains(&h) && (0..60).contains(&m) {
            time = Some(format!("{h:02}:{m:02}"));
        }
        after = after[c.get(0).expect("match").end()..].trim_start();
    }
    match crate::date::period_at(after) {
        Some(Ok(p2)) => {
            let start = match (p1, d1m1) {
                (Some(p1), _) => p1.start,
                (None, Some((d, m))) => Date::new(p2.end.y, m, d)?,
                (None, None) => return None,
            };
            Some((start, Some(p2.end), time))
        }
        Some(Err(_)) => None,
        None if open_end(after) || after.starts_with("khi") => p1.map(|p| (p.start, None, None)),
        None => None,
    }
}

/// A phrase without the times of day that stand before its dates ("đến 11
/// giờ 30, ngày 20/3/2026", "trước 17h00 ngày 15/4/2026", "chậm nhất 16
/// giờ ngày 10/5/2026", "đến 07:00 ngày 02/4/2026"): the day is the
/// deadline, the hour does not change it. Also the time before the
/// phrase's end day, as HH:MM. A number with an hour's unit that no date
/// follows ("trong 24 giờ", "8 giờ học") stays.
fn strip_clock(s: &str) -> (std::borrow::Cow<'_, str>, Option<String>) {
    use std::borrow::Cow;
    if !(s.contains("giờ") || s.contains('h') || s.contains('g') || s.contains(':')) {
        return (Cow::Borrowed(s), None);
    }
    let mut out = String::new();
    let mut last = 0;
    let mut end_time = None;
    for c in RE.clock.captures_iter(s) {
        let m = c.get(0).expect("match");
        let (start, end) = (m.start(), m.start() + m.as_str().trim_end().len());
        if start < last
            || s[..start]
                .chars()
                .next_back()
                .is_some_and(crate::text::is_alnum)
            || s[end..].chars().next().is_some_and(crate::text::is_alnum)
        {
            continue;
        }
        let h = num(&c[1]);
        let min = c
            .get(2)
            .or(c.get(3))
            .or(c.get(4))
            .map_or(0, |x| num(x.as_str()));
        if !(0..=24).contains(&h) || !(0..60).contains(&min) {
            continue;
        }
        // "lúc 14 giờ ngày …" that nothing governs is the hour of an event.
        if s[..start].trim().is_empty() && m.as_str().starts_with("lúc") {
            continue;
        }
        let rest = s[end..].trim_start_matches([' ', ',']);
        let dated = rest.starts_with("ngày ")
            || crate::date::parse_numeric(rest).is_some()
            || crate::date::parse_long(rest).is_some();
        if !dated {
            continue;
        }
        out.push_str(&s[last..start]);
        last = s.len() - rest.len();
        let later = &s[last..];
        end_time = (!(later.contains("đến") || later.contains(" - ") || later.contains(" – ")))
            .then(|| format!("{h:02}:{min:02}"));
    }
    if last == 0 {
        return (Cow::Borrowed(s), None);
    }
    out.push_str(&s[last..]);
    (Cow::Owned(out), end_time)
}

/// How many runs of exactly four digits `s` holds (years, for the
/// patterns that need two).
fn four_digit_runs(s: &str) -> usize {
    s.as_bytes()
        .split(|b| !b.is_ascii_digit())
        .filter(|run| run.len() == 4)
        .count()
}

/// Parses one deadline phrase; `d0` is the document's date. Phrases that
/// are not deadlines (terms of office, on-demand duties, dates that cannot
/// be right) give `None`.
pub fn parse(phrase: &str, d0: Option<Date>) -> Option<Deadline> {
    let text = crate::text::collapse_ws(phrase.trim());
    // A date that cannot be right gives no value (its line is warned of).
    if !crate::datecheck::problems(&text).is_empty() {
        return None;
    }
    let mut s = crate::text::canon_tone(&crate::text::lower(&text));
    if s.contains("quí") {
        s = s.replace("quí", "quý");
    }
    let s = s.trim_matches(|c: char| {
        c == '(' || c == ')' || c == '*' || c == '.' || c == ' ' || c == ';' || c == ','
    });
    let (s, clock) = strip_clock(s);
    let s = s.as_ref();
    let mk = |kind, start, end| {
        Some(Deadline {
            text: text.clone(),
            kind,
            start,
            end,
            recurrence: None,
            year_inferred: false,
            union: false,
            open_ended: false,
            end_time: if matches!(kind, Kind::ByDate | Kind::Range) {
                clock.clone()
            } else {
                None
            },
        })
    };
    let recurring = |freq, month, day| {
        Some(Deadline {
            text: text.clone(),
            kind: Kind::Recurring,
            start: None,
            end: None,
            recurrence: Some(Recurrence { freq, month, day }),
            year_inferred: false,
            union: false,
            open_ended: false,
            end_time: None,
        })
    };
    // Most parentheses in a plan are not deadlines: without a digit or a
    // word of the lexicon there is nothing to read.
    const WORDS: [&str; 15] = [
        "thường xuyên",
        "thường xuyen",
        "hằng",
        "hàng",
        "định kỳ",
        "nhiệm kỳ",
        "sau khi",
        "trước đại hội",
        "ngay từ đầu",
        "sơ kết",
        "kịp thời",
        "đột xuất",
        "khi có yêu cầu",
        "theo tiến độ",
        "6 tháng",
    ];
    let r = &*RE;
    // A quarter without its year ("trong quý III") has no digit either.
    let readable = s.bytes().any(|b| b.is_ascii_digit())
        || WORDS.iter().any(|w| s.contains(w))
        || (d0.is_some() && s.contains("quý") && r.quarter_no_year.is_match(s));
    if !readable {
        return None;
    }
    // Words each pattern below needs: a pattern is tried only where its
    // word is.
    let thang = s.contains("tháng");
    let quy = s.contains("quý");
    let nam = s.contains("năm");
    // A day written D/M/YYYY, D-M-YYYY (older Party style) or D.M.YYYY.
    let date_like = s.contains('/') || thang || crate::date::has_numeric_day(s);
    let every = |words: [&str; 3]| words.iter().any(|w| s.contains(w));

    // Not deadlines: names of terms, on-demand duties.
    if (s.contains("nhiệm kỳ 1") || s.contains("nhiệm kỳ 2")) && !s.contains("mỗi nhiệm kỳ")
    {
        return None;
    }

    // Recurring duties. "Thường xuyên hằng năm" is ongoing: regularly, all
    // year round.
    let ongoing_too = s
        .match_indices("thường xuyên")
        .any(|(p, _)| !fiscal_regular(s, p))
        || s.contains("thường xuyen");
    // "vào thứ Sáu hằng tuần", "hằng tuần (thứ Hai)", "giao ban hằng tuần".
    if every(["hằng tuần", "hàng tuần", "mỗi tuần"]) && !ongoing_too {
        return recurring(Freq::Weekly, None, weekday(s));
    }
    if thang
        && let Some(c) = r
            .monthly_due
            .captures(s)
            .or_else(|| r.monthly_day.captures(s))
    {
        let day = num(&c[1]) as u32;
        if (1..=31).contains(&day) {
            return recurring(Freq::Monthly, None, Some(day));
        }
    }
    if quy && every(["hằng quý", "hàng quý", "mỗi quý"]) && !s.contains("quý iv hằng năm")
    {
        return recurring(Freq::Quarterly, None, None);
    }
    if thang && every(["hằng tháng", "hàng tháng", "mỗi tháng"]) && !ongoing_too {
        return recurring(Freq::Monthly, None, None);
    }
    if s.contains("6 tháng một lần")
        || s.contains("định kỳ 6 tháng")
        || s.contains("định kỳ sáu tháng")
    {
        return recurring(Freq::Semiannual, None, None);
    }
    if nam && every(["hằng năm", "hàng năm", "mỗi năm"]) && !ongoing_too {
        if s.contains("quý iv") {
            return recurring(Freq::Yearly, Some(12), Some(31));
        }
        if let Some(c) = r.yearly_due.captures(s) {
            let (d, m) = (num(&c[1]) as u32, num(&c[2]) as u32);
            if (1..=31).contains(&d) && (1..=12).contains(&m) {
                return recurring(Freq::Yearly, Some(m), Some(d));
            }
        }
        return recurring(Freq::Yearly, None, None);
    }
    if s.contains("mỗi nhiệm kỳ") {
        return recurring(Freq::PerTerm, None, None);
    }
    if s.starts_with("định kỳ") || s.starts_with("thực hiện định kỳ") {
        return recurring(Freq::PeriodicUnspecified, None, None);
    }
    if ongoing_too {
        return mk(Kind::Ongoing, None, None);
    }
    if s.contains("đột xuất")
        || s.contains("khi có yêu cầu")
        || s.contains("theo yêu cầu")
        || s.contains("theo tiến độ")
    {
        return None;
    }

    // "từ … đến …": a range, open when it ends at an event.
    if let Some((start, end, time)) = span(s) {
        let mut d = mk(Kind::Range, Some(start), end)?;
        d.open_ended = end.is_none();
        d.end_time = time.or(d.end_time);
        return Some(d);
    }
    // "từ ngày 01/7/2025", "có hiệu lực từ …", "dự kiến triển khai từ …":
    // in force from a day; "sau ngày D": from the day after.
    if date_like
        && s.contains("từ")
        && let Some(c) = r.from_day.captures(s)
        && let Some(d) = date_in(&c[1])
    {
        return mk(Kind::EffectiveFrom, Some(d), None);
    }
    if date_like
        && s.contains("sau")
        && let Some(c) = r.after_day.captures(s)
        && let Some(d) = date_in(&c[1])
    {
        return mk(Kind::EffectiveFrom, Some(d.add_days(1)), None);
    }

    // Calendar periods.
    if quy && let Some(c) = r.quarters.captures(s) {
        let y = num(&c[2]);
        let qs: Vec<u32> = c[1]
            .split(|ch: char| !ch.is_alphanumeric())
            .filter_map(roman)
            .collect();
        let (lo, hi) = (qs.iter().min()?, qs.iter().max()?);
        // "Quý IV/2025 và Quý I/2026": quarters of two years joined.
        let all: Vec<(i32, u32)> = r
            .quarter_any
            .captures_iter(s)
            .filter_map(|c| Some((num(&c[2]), roman(&c[1])?)))
            .collect();
        if all.len() >= 2 && all.iter().any(|&(yy, _)| yy != y) {
            let first = all.iter().min()?;
            let last = all.iter().max()?;
            let mut d = mk(
                Kind::Quarter,
                Date::new(first.0, first.1 * 3 - 2, 1),
                Date::last_of_month(last.0, last.1 * 3),
            )?;
            d.union = true;
            return Some(d);
        }
        let mut d = mk(
            Kind::Quarter,
            Date::new(y, lo * 3 - 2, 1),
            Date::last_of_month(y, hi * 3),
        )?;
        d.union = qs.len() > 1;
        return Some(d);
    }
    // "6 tháng đầu năm 2023" is a half; "10 tháng đầu năm 2025", "09 tháng
    // đầu năm", "3 tháng cuối năm" the first or last months of the year
    // (a report's months to date), never "đầu năm" alone.
    if thang
        && (s.contains("đầu năm") || s.contains("cuối năm"))
        && let Some(c) = r.half.captures(s)
        && let Some(n) = months_count(&c[1])
    {
        let y = num(&c[3]);
        let first = &c[2] == "đầu";
        let kind = if n == 6 { Kind::Half } else { Kind::Range };
        return if first {
            mk(kind, Date::new(y, 1, 1), Date::last_of_month(y, n))
        } else {
            mk(kind, Date::new(y, 13 - n, 1), Date::last_of_month(y, 12))
        };
    }
    if thang
        && (s.contains("9 ") || s.contains("chín"))
        && let Some(c) = r.nine.captures(s)
    {
        let y = num(&c[2]);
        return mk(Kind::Range, Date::new(y, 1, 1), Date::last_of_month(y, 9));
    }
    if date_like
        && let Some(c) = r.by_date.captures(s)
        && let Some(d) = date_in(&c[1])
    {
        return mk(Kind::ByDate, d0, Some(d));
    }
    if date_like
        && let Some(c) = r.long_date.captures(s)
        && let Some(d) = date_in(&c[1])
    {
        return mk(Kind::ByDate, d0, Some(d));
    }
    if thang && let Some(c) = r.month_span.captures(s) {
        let (a, b, y) = (num(&c[1]) as u32, num(&c[2]) as u32, num(&c[3]));
        if (1..=12).contains(&a) && (a..=12).contains(&b) {
            let kind = if a == b { Kind::Month } else { Kind::Range };
            return mk(kind, Date::new(y, a, 1), Date::last_of_month(y, b));
        }
    }
    if thang
        && s.contains("đến")
        && let Some(c) = r.horizon_month.captures(s)
    {
        let (m, y) = (num(&c[1]) as u32, num(&c[2]));
        if (1..=12).contains(&m) && plausible_year(y) {
            return mk(Kind::Horizon, d0, Date::last_of_month(y, m));
        }
    }
    if thang && let Some(c) = r.month.captures(s) {
        let (m, y) = (num(&c[1]) as u32, num(&c[2]));
        if (1..=12).contains(&m) && plausible_year(y) {
            return mk(Kind::Month, Date::new(y, m, 1), Date::last_of_month(y, m));
        }
    }
    if s.contains("trong vòng")
        && s.contains("ban hành")
        && let Some(c) = r.within_days.captures(s)
    {
        let n = i64::from(num(&c[1]));
        return mk(Kind::Relative, d0, d0.map(|d| d.add_days(n - 1)));
    }
    if four_digit_runs(s) >= 2
        && let Some(c) = r.years_range.captures(s)
    {
        let (a, b) = match (c.get(1), c.get(2)) {
            (Some(a), Some(b)) => (num(a.as_str()), num(b.as_str())),
            _ => (num(&c[3]), num(&c[4])),
        };
        if plausible_year(a) && plausible_year(b) && a < b {
            let open = open_end(s);
            let mut d = mk(
                Kind::Range,
                Date::new(a, 1, 1),
                if open {
                    None
                } else {
                    Date::last_of_month(b, 12)
                },
            )?;
            d.open_ended = open;
            return Some(d);
        }
    }
    // "trước Tết Nguyên đán năm 2027", "trước Đại hội … năm 2026": the
    // year is the event's, and the deadline is the event's day, which no
    // calendar rule gives (CONVENTIONS §9): relative, never the whole year.
    if nam && event_year(s) {
        return mk(Kind::Relative, None, None);
    }
    if s.contains("nhìn")
        && let Some(c) = r.vision.captures(s)
    {
        let y = num(&c[1]);
        if plausible_year(y) {
            return mk(Kind::Vision, d0, Date::last_of_month(y, 12));
        }
    }
    if nam
        && (s.contains("đến") || s.contains("vào"))
        && let Some(c) = r.horizon.captures(s)
    {
        let y = num(&c[1]);
        if plausible_year(y) {
            return mk(Kind::Horizon, d0, Date::last_of_month(y, 12));
        }
    }
    for (word, from, to) in [("đầu năm", 1, 3), ("giữa năm", 4, 9), ("cuối năm", 10, 12)]
    {
        if let Some(p) = s.find(word)
            && let Some(y) = s[p + word.len()..]
                .trim_start()
                .get(..4)
                .and_then(|y| y.parse::<i32>().ok())
            && plausible_year(y)
        {
            return mk(
                Kind::Fuzzy,
                Date::new(y, from, 1),
                Date::last_of_month(y, to),
            );
        }
    }
    if (nam || s.len() == 4)
        && let Some(c) = r.year.captures(s)
    {
        let y = num(c.get(1).or(c.get(2))?.as_str());
        if plausible_year(y) {
            let open = open_end(s);
            let mut d = mk(
                Kind::Year,
                Date::new(y, 1, 1),
                if open {
                    None
                } else {
                    Date::last_of_month(y, 12)
                },
            )?;
            d.open_ended = open;
            return Some(d);
        }
    }
    // A period without its year (CONVENTIONS §9): the document's year when
    // the period is not over by the document's date. A month named in a
    // slot or a parenthesis ("trong tháng 2") may be the next year's.
    if thang
        && let Some(c) = r.month_no_year.captures(s)
        && let Some(d0) = d0
    {
        let m = num(&c[1]) as u32;
        if (1..=12).contains(&m) && (s.starts_with("trong tháng") || s.starts_with("tháng")) {
            let y = if m >= d0.m { d0.y } else { d0.y + 1 };
            let mut d = mk(Kind::Month, Date::new(y, m, 1), Date::last_of_month(y, m))?;
            d.year_inferred = true;
            return Some(d);
        }
    }
    if let Some(d0) = d0 {
        let inferred = |mut d: Deadline| {
            d.year_inferred = true;
            Some(d)
        };
        if let Some(c) = r.day_no_year.captures(s) {
            let (day, m) = (num(&c[1]) as u32, num(&c[2]) as u32);
            if let Some(end) = Date::new(d0.y, m, day).filter(|e| *e >= d0) {
                return inferred(mk(Kind::ByDate, Some(d0), Some(end))?);
            }
        }
        if thang && let Some(c) = r.month_last_no_year.captures(s) {
            let m = num(&c[1]) as u32;
            // A month after a day's number is that day's ("ngày 15 tháng 11").
            let of_a_day = s[..c.get(0).map_or(0, |x| x.start())]
                .trim_end()
                .ends_with(|ch: char| ch.is_ascii_digit());
            if (d0.m..=12).contains(&m) && !of_a_day {
                return inferred(mk(
                    Kind::Month,
                    Date::new(d0.y, m, 1),
                    Date::last_of_month(d0.y, m),
                )?);
            }
        }
        if quy && let Some(c) = r.quarter_no_year.captures(s) {
            let q = roman(&c[1])?;
            if q * 3 >= d0.m {
                return inferred(mk(
                    Kind::Quarter,
                    Date::new(d0.y, q * 3 - 2, 1),
                    Date::last_of_month(d0.y, q * 3),
                )?);
            }
        }
    }
    if s.contains("sau khi")
        || s.starts_with("trước đại hội")
        || s.starts_with("ngay từ đầu")
        || s.contains("sơ kết")
        || s.starts_with("kịp thời")
    {
        return mk(Kind::Relative, None, None);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (phrase, kind, start, end, recurrence); D0 = 2023-03-15.
    fn check(phrase: &str, expected: Option<(&str, &str, &str, &str)>) {
        let d0 = Date::new(2023, 3, 15);
        let got = parse(phrase, d0).map(|d| {
            (
                d.kind.as_str().to_string(),
                d.start.map(|x| x.to_string()).unwrap_or_default(),
                d.end.map(|x| x.to_string()).unwrap_or_default(),
                d.recurrence
                    .map(|r| r.name())
                    .unwrap_or_default()
                    .to_string(),
            )
        });
        let expected = expected
            .map(|(k, s, e, r)| (k.to_string(), s.to_string(), e.to_string(), r.to_string()));
        assert_eq!(got, expected, "phrase: {phrase:?}");
    }

    /// Eighty reference phrases of the project's domain notes (and their
    /// variants), mapped as CONVENTIONS.md §9 says: phrase, kind, start, end,
    /// recurrence; kind "" where the phrase is not a deadline. D0 =
    /// 2023-03-15.
    const ROWS: &[(&str, &str, &str, &str, &str)] = &[
        (
            "(*trong tháng 12/2022*)",
            "month",
            "2022-12-01",
            "2022-12-31",
            "",
        ),
        (
            "(*hoàn thành trong tháng 01/2023*)",
            "month",
            "2023-01-01",
            "2023-01-31",
            "",
        ),
        (
            "(*hoàn thành học tập trong tháng 12/2022*)",
            "month",
            "2022-12-01",
            "2022-12-31",
            "",
        ),
        (
            "(*hoàn thành trong quý II năm 2023*)",
            "quarter",
            "2023-04-01",
            "2023-06-30",
            "",
        ),
        (
            "(*hoàn thành trong quý III năm 2023*)",
            "quarter",
            "2023-07-01",
            "2023-09-30",
            "",
        ),
        (
            "(*hoàn thành trong năm 2023*)",
            "year",
            "2023-01-01",
            "2023-12-31",
            "",
        ),
        (
            "(*hoàn thành trong năm 2024*)",
            "year",
            "2024-01-01",
            "2024-12-31",
            "",
        ),
        (
            "(*hoàn thành trong năm 2025*)",
            "year",
            "2025-01-01",
            "2025-12-31",
            "",
        ),
        ("(*thực hiện thường xuyên*)", "ongoing", "", "", ""),
        (
            "* Thời gian thực hiện: Thường xuyên.",
            "ongoing",
            "",
            "",
            "",
        ),
        ("Đến năm 2025:", "horizon", "2023-03-15", "2025-12-31", ""),
        ("Đến năm 2030:", "horizon", "2023-03-15", "2030-12-31", ""),
        ("Hằng năm, …", "recurring", "", "", "yearly"),
        ("Định kỳ hàng năm", "recurring", "", "", "yearly"),
        (
            "Xong trong Quý II/2026",
            "quarter",
            "2026-04-01",
            "2026-06-30",
            "",
        ),
        (
            "Xong trong tháng 5/2026",
            "month",
            "2026-05-01",
            "2026-05-31",
            "",
        ),
        ("Trong năm 2026", "year", "2026-01-01", "2026-12-31", ""),
        (
            "Hoàn thành xong trước ngày 01/01/2030",
            "by_date",
            "2023-03-15",
            "2030-01-01",
            "",
        ),
        (
            "định kỳ hàng năm (trước ngày 10/12) hoặc đột xuất báo cáo",
            "recurring",
            "",
            "",
            "yearly",
        ),
        (
            "báo cáo trước ngày 18 hằng tháng",
            "recurring",
            "",
            "",
            "monthly",
        ),
        (
            "Định kỳ 6 tháng, hàng năm, giữa nhiệm kỳ",
            "recurring",
            "",
            "",
            "semiannual",
        ),
        (
            "sơ kết 3 năm, kết thúc nhiệm kỳ tổng kết",
            "relative",
            "",
            "",
            "",
        ),
        (
            "Trước ngày 15/10/2026",
            "by_date",
            "2023-03-15",
            "2026-10-15",
            "",
        ),
        (
            "Trước 31/12/2026",
            "by_date",
            "2023-03-15",
            "2026-12-31",
            "",
        ),
        ("2026 - 2030", "range", "2026-01-01", "2030-12-31", ""),
        ("2026 – 2030", "range", "2026-01-01", "2030-12-31", ""),
        ("2030", "year", "2030-01-01", "2030-12-31", ""),
        ("Nhiệm vụ thường xuyên", "ongoing", "", "", ""),
        (
            "Các nhiệm vụ cần làm ngay trong năm 2026",
            "year",
            "2026-01-01",
            "2026-12-31",
            "",
        ),
        (
            "Nhiệm vụ thực hiện theo lộ trình đến năm 2030",
            "horizon",
            "2023-03-15",
            "2030-12-31",
            "",
        ),
        (
            "Thời gian hoàn thành xong trước ngày 05/10/2026",
            "by_date",
            "2023-03-15",
            "2026-10-05",
            "",
        ),
        (
            "bảo đảm hoàn thành trước ngày 30/6/2025",
            "by_date",
            "2023-03-15",
            "2025-06-30",
            "",
        ),
        (
            "có hiệu lực từ ngày 01/7/2025",
            "effective_from",
            "2025-07-01",
            "",
            "",
        ),
        (
            "tầm nhìn đến năm 2045",
            "vision",
            "2023-03-15",
            "2045-12-31",
            "",
        ),
        (
            "phát thải ròng bằng 0 vào năm 2050",
            "horizon",
            "2023-03-15",
            "2050-12-31",
            "",
        ),
        (
            "định kỳ báo cáo Bộ Chính trị, Ban Bí thư",
            "recurring",
            "",
            "",
            "periodic-unspecified",
        ),
        (
            "giai đoạn 2026 - 2030",
            "range",
            "2026-01-01",
            "2030-12-31",
            "",
        ),
        (
            "dự kiến đến ngày 15/10/2025",
            "by_date",
            "2023-03-15",
            "2025-10-15",
            "",
        ),
        (
            "hoàn thành việc cài đặt trong tháng 11/2025",
            "month",
            "2025-11-01",
            "2025-11-30",
            "",
        ),
        (
            "nhiệm vụ quý II/2024",
            "quarter",
            "2024-04-01",
            "2024-06-30",
            "",
        ),
        (
            "6 tháng đầu năm 2023",
            "half",
            "2023-01-01",
            "2023-06-30",
            "",
        ),
        (
            "6 tháng cuối năm 2023",
            "half",
            "2023-07-01",
            "2023-12-31",
            "",
        ),
        (
            "sáu tháng cuối năm 2023",
            "half",
            "2023-07-01",
            "2023-12-31",
            "",
        ),
        (
            "Chín tháng năm 2024",
            "range",
            "2024-01-01",
            "2024-09-30",
            "",
        ),
        (
            "9 tháng đầu năm 2024",
            "range",
            "2024-01-01",
            "2024-09-30",
            "",
        ),
        ("quý I/2024", "quarter", "2024-01-01", "2024-03-31", ""),
        (
            "trong quý IV/2023",
            "quarter",
            "2023-10-01",
            "2023-12-31",
            "",
        ),
        ("quý 2 năm 2024", "quarter", "2024-04-01", "2024-06-30", ""),
        (
            "Quý III, IV/2023",
            "quarter",
            "2023-07-01",
            "2023-12-31",
            "",
        ),
        (
            "trong quý I và quý II năm 2024",
            "quarter",
            "2024-01-01",
            "2024-06-30",
            "",
        ),
        ("tháng 3-4/2024", "range", "2024-03-01", "2024-04-30", ""),
        (
            "từ tháng 3 đến tháng 6/2024",
            "range",
            "2024-03-01",
            "2024-06-30",
            "",
        ),
        ("Tháng 12/2022", "month", "2022-12-01", "2022-12-31", ""),
        ("trong tháng 12", "month", "2023-12-01", "2023-12-31", ""),
        ("tháng 12 năm 2022", "month", "2022-12-01", "2022-12-31", ""),
        (
            "từ năm 2023 đến năm 2025",
            "range",
            "2023-01-01",
            "2025-12-31",
            "",
        ),
        (
            "giai đoạn 2021-2025",
            "range",
            "2021-01-01",
            "2025-12-31",
            "",
        ),
        ("Năm 2024 - 2025", "range", "2024-01-01", "2025-12-31", ""),
        ("2024-2025", "range", "2024-01-01", "2025-12-31", ""),
        (
            "từ nay đến hết năm 2025",
            "horizon",
            "2023-03-15",
            "2025-12-31",
            "",
        ),
        (
            "từ nay đến năm 2025",
            "horizon",
            "2023-03-15",
            "2025-12-31",
            "",
        ),
        (
            "trước ngày 30/6/2023",
            "by_date",
            "2023-03-15",
            "2023-06-30",
            "",
        ),
        (
            "chậm nhất ngày 15/12/2023",
            "by_date",
            "2023-03-15",
            "2023-12-15",
            "",
        ),
        (
            "chậm nhất đến ngày 15/12/2023",
            "by_date",
            "2023-03-15",
            "2023-12-15",
            "",
        ),
        (
            "đến hết ngày 31/12/2025",
            "by_date",
            "2023-03-15",
            "2025-12-31",
            "",
        ),
        (
            "ngày 30 tháng 6 năm 2023",
            "by_date",
            "2023-03-15",
            "2023-06-30",
            "",
        ),
        ("trước ngày 15/12 hằng năm", "recurring", "", "", "yearly"),
        (
            "hằng quý (trước ngày 20 của tháng cuối quý)",
            "recurring",
            "",
            "",
            "quarterly",
        ),
        ("hằng tháng", "recurring", "", "", "monthly"),
        ("hàng tháng", "recurring", "", "", "monthly"),
        ("định kỳ 6 tháng một lần", "recurring", "", "", "semiannual"),
        ("Quý IV hằng năm", "recurring", "", "", "yearly"),
        ("đầu năm 2024", "fuzzy", "2024-01-01", "2024-03-31", ""),
        ("cuối năm 2024", "fuzzy", "2024-10-01", "2024-12-31", ""),
        ("giữa năm 2024", "fuzzy", "2024-04-01", "2024-09-30", ""),
        (
            "trong vòng 30 ngày kể từ ngày ban hành Kế hoạch",
            "relative",
            "2023-03-15",
            "2023-04-13",
            "",
        ),
        ("sau khi Nghị quyết được ban hành", "relative", "", "", ""),
        (
            "ngay sau khi có hướng dẫn của Trung ương",
            "relative",
            "",
            "",
            "",
        ),
        (
            "trước Đại hội Đảng bộ tỉnh lần thứ XV",
            "relative",
            "",
            "",
            "",
        ),
        ("sơ kết 5 năm thực hiện Nghị quyết", "relative", "", "", ""),
        (
            "năm 2023 và những năm tiếp theo",
            "year",
            "2023-01-01",
            "",
            "",
        ),
        (
            "kể từ ngày 01/01/2024",
            "effective_from",
            "2024-01-01",
            "",
            "",
        ),
        ("đột xuất", "", "", "", ""),
        ("khi có yêu cầu", "", "", "", ""),
        ("theo tiến độ của Trung ương", "", "", "", ""),
        ("nhiệm kỳ 2020 - 2025", "", "", "", ""),
        ("Trong mỗi nhiệm kỳ", "recurring", "", "", "per-term"),
        ("khóa XIII", "", "", "", ""),
        ("", "", "", "", ""),
        // Forms of real documents (tests/realdocs) beyond the table.
        (
            "Quý IV/2025 và Quý I/2026",
            "quarter",
            "2025-10-01",
            "2026-03-31",
            "",
        ),
        (
            "Quý III, IV năm 2026",
            "quarter",
            "2026-07-01",
            "2026-12-31",
            "",
        ),
        (
            "Tháng 11 - 12/2025",
            "range",
            "2025-11-01",
            "2025-12-31",
            "",
        ),
        (
            "Từ tháng 12/2025 đến quý I/2026",
            "range",
            "2025-12-01",
            "2026-03-31",
            "",
        ),
        (
            "Từ ngày 05/02/2026 - 08/02/2026",
            "range",
            "2026-02-05",
            "2026-02-08",
            "",
        ),
        (
            "từ ngày 01/02 đến 17 giờ 00 ngày 14/3/2026",
            "range",
            "2026-02-01",
            "2026-03-14",
            "",
        ),
        (
            "Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê",
            "range",
            "2025-11-01",
            "",
            "",
        ),
        (
            "Giai đoạn 2026-2030 và những năm tiếp theo",
            "range",
            "2026-01-01",
            "",
            "",
        ),
        ("Từ 01/7/2025", "effective_from", "2025-07-01", "", ""),
        ("Sau ngày 15/3/2026", "effective_from", "2026-03-16", "", ""),
        (
            "chậm nhất ngày 31/12/2026",
            "by_date",
            "2023-03-15",
            "2026-12-31",
            "",
        ),
        (
            "từ nay đến tháng 6/2027",
            "horizon",
            "2023-03-15",
            "2027-06-30",
            "",
        ),
        ("Thực hiện thường xuyên hằng năm", "ongoing", "", "", ""),
        ("Thực hiện định kỳ hằng năm", "recurring", "", "", "yearly"),
        (
            "định kỳ trước 25 hằng tháng",
            "recurring",
            "",
            "",
            "monthly",
        ),
        (
            "đúng ngày mồng 3 hằng tháng",
            "recurring",
            "",
            "",
            "monthly",
        ),
        ("Theo yêu cầu của các cơ quan có thẩm quyền", "", "", "", ""),
        (
            "Tâm nhìn đến năm 2045",
            "vision",
            "2023-03-15",
            "2045-12-31",
            "",
        ),
        (
            "dự kiến hoàn thành xong trong quý 2/2026",
            "quarter",
            "2026-04-01",
            "2026-06-30",
            "",
        ),
        ("Thường xuyen", "ongoing", "", "", ""),
        // A time of day before the day: the day is kept, the hour ignored.
        (
            "từ ngày 05/3/2026 đến 11 giờ 30, ngày 20/3/2026",
            "range",
            "2026-03-05",
            "2026-03-20",
            "",
        ),
        (
            "từ 08 giờ 00 ngày 05/3/2026 đến 17 giờ 00 ngày 20/3/2026",
            "range",
            "2026-03-05",
            "2026-03-20",
            "",
        ),
        (
            "đến 07 giờ 00 ngày 02/4/2026",
            "by_date",
            "2023-03-15",
            "2026-04-02",
            "",
        ),
        (
            "trước 17h00 ngày 15/4/2026",
            "by_date",
            "2023-03-15",
            "2026-04-15",
            "",
        ),
        (
            "Trước 17H00, ngày 15/4/2026",
            "by_date",
            "2023-03-15",
            "2026-04-15",
            "",
        ),
        (
            "chậm nhất 16 giờ ngày 10/5/2026",
            "by_date",
            "2023-03-15",
            "2026-05-10",
            "",
        ),
        (
            "chậm nhất vào lúc 10 giờ 15 phút ngày 10/5/2026",
            "by_date",
            "2023-03-15",
            "2026-05-10",
            "",
        ),
        (
            "trước 17:00 ngày 15/4/2026",
            "by_date",
            "2023-03-15",
            "2026-04-15",
            "",
        ),
        (
            "hoàn thành trước 16g30 ngày 10 tháng 5 năm 2026",
            "by_date",
            "2023-03-15",
            "2026-05-10",
            "",
        ),
        (
            "17h00 ngày 15/4/2026",
            "by_date",
            "2023-03-15",
            "2026-04-15",
            "",
        ),
        // Hours alone, or the hour of an event, are no deadline.
        ("trong 24 giờ", "", "", "", ""),
        ("trước 17 giờ", "", "", "", ""),
        ("lúc 14 giờ 00 ngày 15/3/2026", "", "", "", ""),
        ("vào lúc 14 giờ 00 ngày 15/3/2026", "", "", "", ""),
        // "Quí" for "Quý", any case; a quarter joined to its year by a dash.
        ("Quí III-2026", "quarter", "2026-07-01", "2026-09-30", ""),
        ("Quí I - 2027", "quarter", "2027-01-01", "2027-03-31", ""),
        ("QUÍ II/2026", "quarter", "2026-04-01", "2026-06-30", ""),
        ("quý IV – 2026", "quarter", "2026-10-01", "2026-12-31", ""),
        ("Quý 3-2026", "quarter", "2026-07-01", "2026-09-30", ""),
        (
            "hoàn thành trong Quí IV năm 2026",
            "quarter",
            "2026-10-01",
            "2026-12-31",
            "",
        ),
        ("Quý I-II/2026", "quarter", "2026-01-01", "2026-06-30", ""),
        ("Quý I-II - 2026", "quarter", "2026-01-01", "2026-06-30", ""),
        ("Quý vị đại biểu", "", "", "", ""),
        // A day written as the older Party style does (D-M-YYYY), with
        // dots, or in the long form without "ngày".
        (
            "hoàn thành trước ngày 15-4-2023",
            "by_date",
            "2023-03-15",
            "2023-04-15",
            "",
        ),
        (
            "đến hết ngày 31.12.2023",
            "by_date",
            "2023-03-15",
            "2023-12-31",
            "",
        ),
        (
            "xong trước 31 tháng 8 năm 2023",
            "by_date",
            "2023-03-15",
            "2023-08-31",
            "",
        ),
        (
            "từ ngày 01-6-2023 đến ngày 30-9-2023",
            "range",
            "2023-06-01",
            "2023-09-30",
            "",
        ),
    ];

    #[test]
    fn the_hour_of_a_deadline_is_kept_apart() {
        for (phrase, time) in [
            ("trước 17h00 ngày 15/4/2026", Some("17:00")),
            (
                "từ ngày 05/3/2026 đến 11 giờ 30, ngày 20/3/2026",
                Some("11:30"),
            ),
            ("chậm nhất 16 giờ ngày 10/5/2026", Some("16:00")),
            ("từ 08 giờ 00 ngày 05/3/2026 đến ngày 20/3/2026", None),
            ("trước ngày 15/4/2026", None),
        ] {
            let d = parse(phrase, Date::new(2026, 1, 5)).expect(phrase);
            assert_eq!(d.end_time.as_deref(), time, "{phrase}");
        }
    }

    #[test]
    fn domain_table_rows() {
        for &(phrase, kind, start, end, rec) in ROWS {
            let expected = (!kind.is_empty()).then_some((kind, start, end, rec));
            check(phrase, expected);
        }
    }

    #[test]
    fn recurrence_rules() {
        let r = |p: &str| parse(p, None).and_then(|d| d.recurrence).unwrap();
        assert_eq!(r("Hằng năm").rrule().as_deref(), Some("FREQ=YEARLY"));
        assert_eq!(
            r("trước ngày 15/12 hằng năm").rrule().as_deref(),
            Some("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15")
        );
        assert_eq!(
            r("trước ngày 18 hằng tháng").rrule().as_deref(),
            Some("FREQ=MONTHLY;BYMONTHDAY=18")
        );
        assert_eq!(r("định kỳ báo cáo").rrule(), None);
        let from = Date::new(2026, 11, 23).unwrap();
        assert_eq!(
            r("trước ngày 18 hằng tháng").first_due(from),
            Date::new(2026, 12, 18)
        );
        assert_eq!(
            r("trước ngày 15/12 hằng năm").first_due(from),
            Date::new(2026, 12, 15)
        );
        // Weekly duties, with their weekday when stated (23/11/2026 is a
        // Monday).
        for (phrase, rule, first) in [
            (
                "vào thứ Sáu hằng tuần",
                Some("FREQ=WEEKLY;BYDAY=FR"),
                Date::new(2026, 11, 27),
            ),
            (
                "trước thứ Hai hàng tuần",
                Some("FREQ=WEEKLY;BYDAY=MO"),
                Date::new(2026, 11, 23),
            ),
            (
                "thứ 7 hằng tuần",
                Some("FREQ=WEEKLY;BYDAY=SA"),
                Date::new(2026, 11, 28),
            ),
            (
                "chủ nhật hằng tuần",
                Some("FREQ=WEEKLY;BYDAY=SU"),
                Date::new(2026, 11, 29),
            ),
            ("giao ban hằng tuần", Some("FREQ=WEEKLY"), None),
        ] {
            let rec = r(phrase);
            assert_eq!(rec.name(), "weekly", "{phrase}");
            assert_eq!(rec.rrule().as_deref(), rule, "{phrase}");
            assert_eq!(rec.first_due(from), first, "{phrase}");
        }
        // "thứ năm" is a weekday here, not a year.
        assert_eq!(r("vào thứ Năm hằng tuần").day, Some(4));
    }

    #[test]
    fn months_counted_from_a_year_end() {
        for (phrase, expected) in [
            (
                "Trong 10 tháng đầu năm 2025",
                Some(("range", "2025-01-01", "2025-10-31", "")),
            ),
            (
                "09 tháng đầu năm 2024",
                Some(("range", "2024-01-01", "2024-09-30", "")),
            ),
            (
                "trong 3 tháng cuối năm 2023",
                Some(("range", "2023-10-01", "2023-12-31", "")),
            ),
            (
                "mười một tháng đầu năm 2023",
                Some(("range", "2023-01-01", "2023-11-30", "")),
            ),
            // Six months are a half; "đầu năm" alone stays fuzzy.
            (
                "hoàn thành trong 6 tháng đầu năm 2024",
                Some(("half", "2024-01-01", "2024-06-30", "")),
            ),
            (
                "đầu năm 2024",
                Some(("fuzzy", "2024-01-01", "2024-03-31", "")),
            ),
            // Twelve months are no part of a year.
            (
                "12 tháng đầu năm 2024",
                Some(("fuzzy", "2024-01-01", "2024-03-31", "")),
            ),
        ] {
            check(phrase, expected);
        }
    }

    #[test]
    fn recurrent_spending_is_no_frequency() {
        check("(kinh phí chi thường xuyên)", None);
        check("bố trí kinh phí thường xuyên", None);
        check("(thực hiện thường xuyên)", Some(("ongoing", "", "", "")));
        // A word that only ends in "chi" is no budget.
        check(
            "cơ quan chức năng thường xuyên",
            Some(("ongoing", "", "", "")),
        );
        check("chỉ thị thường xuyên", Some(("ongoing", "", "", "")));
    }

    #[test]
    fn undated_documents_leave_the_start_open() {
        let d = parse("trước ngày 30/6/2025", None).unwrap();
        assert_eq!((d.start, d.end), (None, Date::new(2025, 6, 30)));
        // A year cannot be inferred without a document date.
        assert_eq!(parse("trong tháng 12", None), None);
        let d = parse("trong tháng 2", Date::new(2023, 3, 15)).unwrap();
        assert!(d.year_inferred);
        assert_eq!(d.start, Date::new(2024, 2, 1));
    }

    /// A year that closes an event's name sets no span: the deadline is
    /// the event's day. A year after a time-setting word stays the task's.
    #[test]
    fn an_events_year_is_not_the_deadline() {
        let relative = Some(("relative", "", "", ""));
        let year = Some(("year", "2027-01-01", "2027-12-31", ""));
        for (phrase, want) in [
            ("(hoàn thành trước dịp Tết Nguyên đán năm 2027)", relative),
            ("trước Tết Nguyên đán năm 2027", relative),
            ("Xong trước Tết Dương lịch năm 2027", relative),
            ("trong dịp Tết Nguyên đán Đinh Mùi năm 2027", relative),
            ("trước Đại hội Đảng bộ tỉnh lần thứ XV năm 2027", relative),
            (
                "trước kỳ họp thứ mười Hội đồng nhân dân tỉnh năm 2027",
                relative,
            ),
            ("trước Hội nghị tổng kết công tác năm 2027", relative),
            (
                "dịp Lễ kỷ niệm 100 năm Ngày thành lập Đảng năm 2030",
                relative,
            ),
            ("trước cuộc bầu cử đại biểu Quốc hội năm 2027", relative),
            // The year set by a word of its own.
            ("trước Tết Nguyên đán, hoàn thành trong năm 2027", year),
            ("Tổ chức Hội nghị (trong năm 2027)", year),
            ("Đại hội xong trong năm 2027", year),
            ("hoàn thành trong năm 2027", year),
            ("năm 2027", year),
            // Look-alikes: a word that holds an event's head is no event.
            ("lễ tân hoàn thành năm 2027", year),
            ("Thời gian hoàn thành: năm 2027", year),
        ] {
            check(phrase, want);
        }
    }
}
