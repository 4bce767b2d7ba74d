//! Implementation tracking on a test site (`tests/fixtures/tracking`): a
//! plan with tasks for two boards and two districts, a report by one board,
//! statuses an editor recorded, a district's implementing plan, and an old
//! plan replaced by a new one. Each task gets its state; who has and has
//! not implemented the plan is said on its page, on the bodies' pages, on
//! "Tình hình triển khai" and in `data/tracking.json`; the iCalendar feed,
//! read by a real parser, carries the states.

mod common;
use common::*;
use icalendar::{Calendar, CalendarComponent, Component};
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn site() -> &'static BTreeMap<String, Vec<u8>> {
    static SITE: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&repo().join("tests/fixtures/tracking"), &out).expect("the tracking site builds");
        snapshot(&out)
    })
}

fn file(path: &str) -> String {
    let b = site().get(path).unwrap_or_else(|| panic!("no file {path}"));
    String::from_utf8(b.clone()).unwrap()
}

fn json() -> serde_json::Value {
    serde_json::from_str(&file("data/tracking.json")).unwrap()
}

/// The state of the task of `document` whose text starts with `words`,
/// from tracking.json (tasks are keyed by anchor; the anchor's line is
/// found in the source).
fn state_of(document: &str, source: &str, words: &str) -> (String, serde_json::Value) {
    let text = std::fs::read_to_string(
        repo()
            .join("tests/fixtures/tracking/content/plans")
            .join(source),
    )
    .unwrap();
    let line = text
        .lines()
        .position(|l| l.contains(words))
        .unwrap_or_else(|| panic!("{words} not in {source}"))
        + 1;
    let j = json();
    let t = j["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["document"] == document && t["line"] == line)
        .unwrap_or_else(|| panic!("no task at {document} line {line}"))
        .clone();
    (t["state"].as_str().unwrap().to_string(), t)
}

#[test]
fn each_task_gets_its_state() {
    let plan = "van-ban/kh-10/";
    for (words, want) in [
        // Due in March, reported in April by its body.
        ("hướng dẫn tuyên truyền", "reported"),
        // Due after the report: the report leaves it open.
        ("hội thi tuyên truyền viên", "upcoming"),
        // The editor recorded it done, or dropped.
        ("hội nghị đối thoại", "done"),
        ("biên soạn tài liệu", "dropped"),
        // Past its deadline, nothing said: overdue.
        ("khảo sát tình hình", "overdue"),
        ("định kỳ hằng quý", "recurring"),
    ] {
        assert_eq!(state_of(plan, "kh-10.md", words).0, want, "{words}");
    }
    let (_, t) = state_of(plan, "kh-10.md", "hướng dẫn tuyên truyền");
    assert_eq!(t["report"], "van-ban/bc-tuyen-giao/");
    let (_, t) = state_of(plan, "kh-10.md", "hội nghị đối thoại");
    assert_eq!(t["recorded_date"], "2026-04-02");
    // The replaced plan's open task is archived, and says by what.
    let (st, t) = state_of("van-ban/kh-cu/", "kh-cu.md", "tọa đàm");
    assert_eq!(st, "archived");
    assert_eq!(t["closed_by"], "van-ban/kh-moi/");
}

#[test]
fn nothing_reported_or_closed_shows_as_overdue() {
    let body = text_of(&file("co-quan/ban-tuyen-giao/index.html"));
    // Its reported task and the replaced plan's task are not overdue.
    assert!(!body.contains("Quá hạn"), "{body}");
    assert!(
        body.contains("Đã báo cáo") && body.contains("Lưu trữ"),
        "{body}"
    );
    let dan_van = text_of(&file("co-quan/ban-dan-van/index.html"));
    assert!(
        dan_van.contains("Đã hoàn thành") && dan_van.contains("Dừng thực hiện"),
        "{dan_van}"
    );
    // Its one task past due with no report is.
    assert_eq!(
        dan_van.matches("Quá hạn, chưa báo cáo").count(),
        2,
        "{dan_van}"
    );
    let home = text_of(&file("index.html"));
    for s in [
        "Đã báo cáo 1",
        "Đã hoàn thành 1",
        "Quá hạn, chưa báo cáo 1",
        "Lưu trữ 1",
    ] {
        assert!(home.contains(s), "home: {s}: {home}");
    }
}

#[test]
fn who_has_implemented_the_plan() {
    let j = json();
    let d = j["directives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == "10-KH/TU")
        .expect("10-KH/TU is tracked")
        .clone();
    // The recipients that act (not "để báo cáo", not "Lưu"), the group's
    // members, the bodies given tasks; not the issuer.
    assert_eq!(
        d["expected"],
        serde_json::json!(["ban-tuyen-giao", "ban-dan-van", "huyen-uy-a", "huyen-uy-b"])
    );
    assert_eq!(d["implemented"][0]["body"], "huyen-uy-a");
    assert_eq!(d["implemented"][0]["document"], "van-ban/kh-huyen-a/");
    assert_eq!(d["implemented"][0]["days"], 19);
    // A report is not an implementing document.
    assert_eq!(d["implemented"].as_array().unwrap().len(), 1);
    assert_eq!(
        d["missing"],
        serde_json::json!(["ban-tuyen-giao", "ban-dan-van", "huyen-uy-b"])
    );
    let page = text_of(&file("van-ban/kh-10/index.html"));
    assert!(
        page.contains("Đã ban hành văn bản triển khai: 1/4"),
        "{page}"
    );
    let at = page.find("Chưa ban hành").expect("missing list");
    assert!(page[at..].contains("Huyện ủy Thăng Bình"), "{page}");
    let b = text_of(&file("co-quan/huyen-uy-b/index.html"));
    assert!(
        b.contains("Văn bản cấp trên cần triển khai") && b.contains("Chưa triển khai"),
        "{b}"
    );
    let a = text_of(&file("co-quan/huyen-uy-a/index.html"));
    assert!(a.contains("Đã triển khai") && a.contains("05-KH/HU"), "{a}");
    // The tracking page ranks open directives; the replaced plan is not open.
    let t = text_of(&file("trien-khai/index.html"));
    assert!(
        t.contains("10-KH/TU") && t.contains("còn 3 đơn vị chưa ban hành"),
        "{t}"
    );
    assert!(!t.contains("03-KH/TU"), "{t}");
}

#[test]
fn the_feed_carries_each_state() {
    let raw = file("calendar.ics");
    let cal: Calendar = raw.parse().expect("parses as iCalendar");
    let mut by_cat: BTreeMap<String, usize> = BTreeMap::new();
    let mut cancelled = 0;
    for c in &cal.components {
        if let CalendarComponent::Event(e) = c {
            let cat = e
                .property_value("CATEGORIES")
                .map(str::to_string)
                .or_else(|| {
                    e.multi_properties()
                        .get("CATEGORIES")
                        .and_then(|v| v.first())
                        .map(|p| p.value().to_string())
                })
                .expect("every event has its state")
                .replace('\\', "");
            *by_cat.entry(cat).or_default() += 1;
            if e.property_value("STATUS") == Some("CANCELLED") {
                cancelled += 1;
            }
        }
    }
    for s in [
        "Đã báo cáo",
        "Đã hoàn thành",
        "Quá hạn, chưa báo cáo",
        "Lưu trữ",
        "Dừng thực hiện",
    ] {
        assert!(by_cat.contains_key(s), "{s}: {by_cat:?}");
    }
    // Dropped and archived tasks are cancelled events.
    assert_eq!(cancelled, 2, "{by_cat:?}");
}

#[test]
fn a_standing_board_acts_for_its_body() {
    // The registry lists the Đảng ủy Khối and the Huyện ủy but neither's
    // standing board: the plan of "Ban Thường vụ Đảng ủy Khối …" (issuer
    // read from its text) and that of "Thường trực Huyện ủy …" are theirs.
    let j = json();
    let d = j["directives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == "20-KH/TU")
        .expect("20-KH/TU is tracked")
        .clone();
    assert_eq!(
        d["expected"],
        serde_json::json!(["huyen-uy-b", "dang-uy-khoi"])
    );
    let by: BTreeMap<String, String> = d["implemented"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["body"].as_str().unwrap().to_string(),
                i["document"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(by["dang-uy-khoi"], "van-ban/kh-khoi/", "{d}");
    assert_eq!(by["huyen-uy-b"], "van-ban/kh-thang-binh/", "{d}");
    assert_eq!(d["missing"], serde_json::json!([]));
    let page = text_of(&file("van-ban/kh-20/index.html"));
    assert!(
        page.contains("Đã ban hành văn bản triển khai: 2/2"),
        "{page}"
    );
    assert!(page.contains("Đảng ủy Khối các cơ quan tỉnh"), "{page}");
    // The body's page lists the board's plan as issued and implemented.
    let khoi = text_of(&file("co-quan/dang-uy-khoi/index.html"));
    assert!(
        khoi.contains("Đã triển khai") && khoi.contains("08-KH/ĐUK"),
        "{khoi}"
    );
    // The plan's issuer links to the body's page.
    let plan = file("van-ban/kh-khoi/index.html");
    assert!(plan.contains("co-quan/dang-uy-khoi/"), "{plan}");
}
