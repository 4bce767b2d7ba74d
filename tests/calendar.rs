//! Tasks on the example site: body pages with their tasks and states,
//! calendars, and iCalendar feeds checked with a real iCalendar parser.

mod common;
use common::*;
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

fn site() -> &'static BTreeMap<String, Vec<u8>> {
    static SITE: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&repo(), &out).expect("example site builds");
        snapshot(&out)
    })
}

fn text(path: &str) -> String {
    let b = site().get(path).unwrap_or_else(|| panic!("no file {path}"));
    String::from_utf8(b.clone()).unwrap()
}

/// (DTSTART, DTEND, UID, SUMMARY, RRULE) of every event, read by `icalendar`.
fn events(path: &str) -> Vec<(String, String, String, String, Option<String>)> {
    let raw = text(path);
    assert!(raw.ends_with("END:VCALENDAR\r\n"), "{path}: CRLF line ends");
    for l in raw.split("\r\n") {
        assert!(l.len() <= 75, "{path}: line over 75 octets: {l:?}");
    }
    let cal: Calendar = raw.parse().unwrap_or_else(|e| panic!("{path}: {e}"));
    let day = |d: Option<DatePerhapsTime>| match d {
        Some(DatePerhapsTime::Date(d)) => d.to_string(),
        other => panic!("{path}: not an all-day date: {other:?}"),
    };
    cal.components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                day(e.get_start()),
                day(e.get_end()),
                e.get_uid().unwrap().to_string(),
                e.get_summary().unwrap().to_string(),
                e.property_value("RRULE").map(str::to_string),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn each_body_of_section_iv_has_its_tasks() {
    let btc = text_of(&text("co-quan/ban-to-chuc-tw/index.html"));
    let tasks = &btc[btc.find("Nhiệm vụ được giao").expect("tasks section")..];
    let at = |needle: &str| {
        let p = tasks
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} in {tasks}"));
        &tasks[p..(p + 600).min(tasks.len())]
    };
    // The review of Quy định 164-QĐ/TW is due in 2023, of 132-QĐ/TW in 2024.
    assert!(at("164-QĐ/TW").contains("01/01/2023 – 31/12/2023"));
    assert!(at("132-QĐ/TW").contains("01/01/2024 – 31/12/2024"));
    assert!(
        tasks.contains("Quá hạn, chưa báo cáo"),
        "2023 is past on 23/11/2026"
    );
    for id in [
        "dang-doan-quoc-hoi",
        "ban-can-su-dang-chinh-phu",
        "dang-doan-mttq",
        "ban-to-chuc-tw",
        "ubkt-tw",
        "ban-tuyen-giao-tw",
        "ban-dan-van-tw",
        "ban-kinh-te-tw",
        "hoi-dong-ly-luan-tw",
        "van-phong-tw",
        "cac-tinh-uy-thanh-uy",
    ] {
        let page = text_of(&text(&format!("co-quan/{id}/index.html")));
        assert!(
            page.contains("Nhiệm vụ được giao") && page.contains("Kế hoạch 12-KH/TW"),
            "{id} lists its tasks from 12-KH/TW: {page}"
        );
        assert!(
            site().contains_key(&format!("co-quan/{id}/calendar.ics")),
            "{id} has a feed"
        );
    }
}

#[test]
fn feeds_load_in_an_icalendar_parser_with_the_right_dates() {
    let all = events("calendar.ics");
    assert!(all.len() >= 20, "{} events", all.len());
    let uids: HashSet<&String> = all.iter().map(|e| &e.2).collect();
    assert_eq!(uids.len(), all.len(), "UIDs are unique");
    // Seed 002 II.1: the national conference "trong tháng 12/2022" is due 31/12/2022.
    assert!(
        all.iter().any(|e| e.0 == "2022-12-31"
            && e.1 == "2023-01-01"
            && e.3.starts_with("Bộ Chính trị:")),
        "{all:?}"
    );
    let btc = events("co-quan/ban-to-chuc-tw/calendar.ics");
    let dates: Vec<(&str, &str)> = btc.iter().map(|e| (e.0.as_str(), e.1.as_str())).collect();
    assert!(dates.contains(&("2023-12-31", "2024-01-01")), "{dates:?}");
    assert!(dates.contains(&("2024-12-31", "2025-01-01")), "{dates:?}");
    assert!(btc.iter().all(|e| e.3.contains("Ban Tổ chức Trung ương")));
    // A plan's own feed.
    let plan = events("van-ban/trung-uong/12-kh-tw-2022/calendar.ics");
    assert_eq!(
        plan.len(),
        all.iter()
            .filter(|e| e.2.starts_with("van-ban-trung-uong-12-kh-tw-2022-"))
            .count()
    );
}

#[test]
fn feeds_are_deterministic_and_carry_no_clock() {
    let raw = text("calendar.ics");
    assert!(
        !raw.contains("DTSTAMP:2026"),
        "DTSTAMP comes from documents, not the build date"
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    kehoach::build::build(&kehoach::build::Options {
        root: repo(),
        out: out.clone(),
        today: kehoach::date::Date::parse_iso("2027-01-15"),
        drafts: false,
        commit: None,
        read_cache: true,
    })
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("calendar.ics")).unwrap(),
        raw
    );
}

#[test]
fn calendar_pages_go_month_by_month_from_the_current_one() {
    let idx = text_of(&text("lich/index.html"));
    assert!(idx.contains("Đến hạn tháng này"), "{idx}");
    assert!(idx.contains("Theo quý và năm"));
    assert!(idx.contains("Thường xuyên ("));
    assert!(idx.contains("Định kỳ ("));
    let dec = text_of(&text("lich/2022-12/index.html"));
    assert!(dec.contains("Tháng 12/2022"));
    assert!(dec.contains("Bộ Chính trị"), "{dec}");
    // Every entry links to the task's paragraph.
    let html = text("lich/2022-12/index.html");
    assert!(html.contains("12-kh-tw-2022/index.html#L"), "{html}");
    // The home page shows the next 90 days (none in the example: its plans are past).
    let home = text_of(&text("index.html"));
    assert!(home.contains("Việc đến hạn trong 90 ngày tới"));
}

#[test]
fn bodies_index_follows_the_hierarchy_in_vietnamese_order() {
    let page = text_of(&text("co-quan/index.html"));
    let pos = |s: &str| page.find(s).unwrap_or_else(|| panic!("{s} in {page}"));
    // Siblings under the Central Committee: B < C < Đ < H; byte order
    // would put Đ after H.
    let order = [
        "Ban Bí thư",
        "Bộ Chính trị",
        "Các tỉnh ủy",
        "Đảng ủy Khối các cơ quan Trung ương",
        "Hội đồng Lý luận",
    ];
    for w in order.windows(2) {
        assert!(pos(w[0]) < pos(w[1]), "{} before {}", w[0], w[1]);
    }
    // Each body under its parent, before the parent's next sibling.
    assert!(pos("Bộ Chính trị") < pos("Đảng đoàn Quốc hội"));
    assert!(pos("Đảng đoàn Quốc hội") < pos("Các tỉnh ủy"));
    assert!(pos("Đảng ủy Khối các cơ quan Trung ương") < pos("Đảng ủy Thông tấn xã"));
    assert!(pos("Đảng ủy Thông tấn xã") < pos("Hội đồng Lý luận"));
    let html = text("co-quan/index.html");
    assert!(
        html.contains("class=d2") || html.contains("class=\"d2\""),
        "nested rows"
    );
}

#[test]
fn month_pages_link_the_months_either_side_and_filter_by_body() {
    // The example's months with tasks include 03/2023, 06/2023 and 09/2023.
    let june = text("lich/2023-06/index.html");
    assert!(
        june.contains("2023-03/index.html") && june.contains("← Tháng 03/2023"),
        "{june}"
    );
    assert!(june.contains("2023-09/index.html") && june.contains("Tháng 09/2023 →"));
    let t = text_of(&june);
    assert!(t.contains("Lọc theo cơ quan (1)"), "{t}");
    assert!(june.contains("co-quan/btv-dang-uy-ttxvn/lich/2023-06/index.html"));
    // The body's own month page exists, and has no filter of its own.
    let own = text_of(&text("co-quan/btv-dang-uy-ttxvn/lich/2023-06/index.html"));
    assert!(
        own.contains("Tháng 06/2023") && !own.contains("Lọc theo cơ quan"),
        "{own}"
    );
}
