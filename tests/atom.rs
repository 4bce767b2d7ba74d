//! Atom feeds of the example site, read back with a real Atom parser
//! (`atom_syndication`): the site feed and a body's feed.

mod common;
use atom_syndication::Feed;
use common::*;

fn feed_of(files: &std::collections::BTreeMap<String, Vec<u8>>, path: &str) -> Feed {
    let raw = files.get(path).unwrap_or_else(|| panic!("no {path}"));
    Feed::read_from(&raw[..]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn site_and_body_feeds_parse_with_their_entries_newest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out).expect("example site builds");
    let files = snapshot(&out);

    let check = |path: &str, expected_titles: &[&str]| {
        let f = feed_of(&files, path);
        let titles: Vec<&str> = f.entries().iter().map(|e| e.title().as_str()).collect();
        for t in expected_titles {
            assert!(titles.contains(t), "{path}: {t} missing from {titles:?}");
        }
        // Newest first, every entry with an id and a link to its page.
        let dates: Vec<_> = f.entries().iter().map(|e| *e.updated()).collect();
        assert!(
            dates.windows(2).all(|w| w[0] >= w[1]),
            "{path}: order {dates:?}"
        );
        assert_eq!(
            f.updated(),
            &dates[0],
            "{path}: feed updated = newest entry"
        );
        for e in f.entries() {
            assert!(
                e.id().starts_with("tag:kehoach,2000:"),
                "{path}: {}",
                e.id()
            );
            let href = &e.links()[0].href;
            let page = href.trim_start_matches('/');
            assert!(
                files.contains_key(page),
                "{path}: {href} is not a page of the site"
            );
        }
        f
    };
    let site = check(
        "atom.xml",
        &[
            "Kế hoạch 12-KH/TW",
            "Kế hoạch 266-KH/ĐU",
            "Khẩu hiệu tuyên truyền về công tác xây dựng Đảng và hệ thống chính trị",
        ],
    );
    assert_eq!(site.entries().len(), 14, "10 plans and 4 propaganda items");
    // Documents the Politburo issued, and those sent to the Organisation
    // Commission.
    check("co-quan/bo-chinh-tri/atom.xml", &["Kế hoạch 12-KH/TW"]);
    check("co-quan/ban-to-chuc-tw/atom.xml", &["Kế hoạch 12-KH/TW"]);

    // The same sources give the same bytes.
    let again = tmp.path().join("again");
    build(&repo(), &again).unwrap();
    assert_eq!(snapshot(&again).get("atom.xml"), files.get("atom.xml"));
}
