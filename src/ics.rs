//! iCalendar (RFC 5545) feeds of deadlines: all-day events (`VALUE=DATE`,
//! DTEND the day after), stable UIDs, a DTSTAMP taken from the document
//! (never the clock), RRULE for recurring duties, CRLF line ends and lines
//! folded at 75 octets.

use crate::date::Date;

/// One all-day event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Stable across builds: derived from the document and the task.
    pub uid: String,
    pub summary: String,
    pub description: String,
    /// Link to the task's paragraph, relative to the site's base URL.
    pub url: Option<String>,
    pub date: Date,
    pub rrule: Option<String>,
    /// Deterministic stamp (the document's date).
    pub stamp: Date,
    /// The task's state in words (CATEGORIES), and whether it no longer
    /// needs doing (STATUS:CANCELLED: dropped or archived).
    pub category: Option<String>,
    pub cancelled: bool,
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so no line exceeds 75 octets (never
/// inside a UTF-8 sequence), ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut first = true;
    while !rest.is_empty() {
        let limit = if first { 75 } else { 74 };
        let mut cut = rest.len().min(limit);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if !first {
            out.push(' ');
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n");
        rest = &rest[cut..];
        first = false;
    }
}

fn ymd(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.y, d.m, d.d)
}

/// A calendar around events already written by [`event`], in the order
/// given: a feed is assembled from events written once per task.
pub fn wrap<'a>(name: &str, events: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//kehoach//Lich thuc hien ke hoach//VI");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    line(&mut out, "X-WR-TIMEZONE:Asia/Ho_Chi_Minh");
    for e in events {
        out.push_str(e);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// One VEVENT, its lines folded and ended by CRLF.
pub fn event(e: &Event, base_url: &str) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VEVENT");
    line(&mut out, &format!("UID:{}", escape(&e.uid)));
    line(&mut out, &format!("DTSTAMP:{}T000000Z", ymd(e.stamp)));
    line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ymd(e.date)));
    line(
        &mut out,
        &format!("DTEND;VALUE=DATE:{}", ymd(e.date.add_days(1))),
    );
    if let Some(r) = &e.rrule {
        line(&mut out, &format!("RRULE:{r}"));
    }
    line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
    if !e.description.is_empty() {
        line(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
    }
    if let Some(c) = &e.category {
        line(&mut out, &format!("CATEGORIES:{}", escape(c)));
    }
    if e.cancelled {
        line(&mut out, "STATUS:CANCELLED");
    }
    if let Some(u) = &e.url {
        let base = base_url.trim_end_matches('/');
        let full = if base.is_empty() {
            u.clone()
        } else {
            format!("{base}/{u}")
        };
        line(&mut out, &format!("URL:{full}"));
    }
    line(&mut out, "TRANSP:TRANSPARENT");
    line(&mut out, "END:VEVENT");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_without_splitting_letters() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "Nghị quyết ".repeat(20));
        line(&mut out, &long);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
        }
        let unfolded = out.replace("\r\n ", "").replace("\r\n", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }

    #[test]
    fn all_day_event_ends_the_day_after() {
        let d = Date::new(2023, 12, 31).unwrap();
        let e = event(
            &Event {
                uid: "x@kehoach".into(),
                summary: "Hạn".into(),
                description: String::new(),
                url: Some("van-ban/a/index.html#L5".into()),
                date: d,
                rrule: None,
                stamp: d,
                category: Some("Đã báo cáo".into()),
                cancelled: true,
            },
            "http://intranet/portal/",
        );
        let s = wrap("Lịch", std::iter::once(e.as_str()));
        assert!(s.contains("DTSTART;VALUE=DATE:20231231\r\nDTEND;VALUE=DATE:20240101\r\n"));
        assert!(s.contains("URL:http://intranet/portal/van-ban/a/index.html#L5\r\n"));
        assert!(s.contains("CATEGORIES:Đã báo cáo\r\nSTATUS:CANCELLED\r\n"));
        assert!(s.ends_with("END:VCALENDAR\r\n"));
    }
}
