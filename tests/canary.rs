//! The canary site (tests/fixtures/canary): one document under each
//! security mark and each circulation limit, two drafts, a secret and a
//! draft propaganda item — each with its own strings — beside a public plan
//! that cites all of them and an item that promotes all of them. None of
//! their titles, texts or tasks may appear anywhere in the built site, and
//! their numbers only as plain words of the public plan's own text: no
//! link, no page of their own, no entry in lists, feeds, search or graph.

mod common;
use common::*;

/// (number, the strings only that document holds)
const WITHHELD: &[(&str, &[&str])] = &[
    (
        "101-NQ/TU",
        &["CanaryTitleMat", "CanaryTextMat", "CanaryTaskMat"],
    ),
    ("102-NQ/TU", &["CanaryTitleToiMat", "CanaryTextToiMat"]),
    ("103-CT/TU", &["CanaryTitleTuyetMat", "CanaryTextTuyetMat"]),
    ("104-KH/TU", &["CanaryTitleFront", "CanaryTextFront"]),
    ("105-KH/ĐU", &["CanaryTitleNoiBo", "CanaryTextNoiBo"]),
    ("106-HD/BTGTU", &["CanaryTitleChiBo", "CanaryTextChiBo"]),
    ("107-TB/TU", &["CanaryTitleDaiChung", "CanaryTextDaiChung"]),
    ("108-TB/TU", &["CanaryTitleChiGui", "CanaryTextChiGui"]),
    (
        "109-KH/TU",
        &["CanaryTitleDuThao", "CanaryTextDuThao", "CanaryTaskDuThao"],
    ),
    ("110-KH/TU", &["CanaryTitleDraft", "CanaryTextDraft"]),
    (
        "",
        &["CanaryItemTitle", "CanaryItemText", "CanaryItemDraft"],
    ),
];

/// The only page that may print the numbers: the public plan citing them.
const CITER: &str = "van-ban/cong-khai/index.html";

#[test]
fn nothing_withheld_reaches_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = repo().join("tests/fixtures/canary");
    let r = build(&root, &out).expect("the canary site builds");
    assert_eq!(r.documents, 1, "only the public plan is published");
    assert_eq!(r.items, 1);
    assert_eq!(r.withheld, 12);
    assert_eq!(r.cited_only, 0, "no page for a withheld document");
    let site = snapshot(&out);
    let mut hits = Vec::new();
    for (number, strings) in WITHHELD {
        for s in *strings {
            for (path, bytes) in &site {
                if String::from_utf8_lossy(bytes).contains(s) {
                    hits.push(format!("{s} in {path}"));
                }
            }
        }
        if number.is_empty() {
            continue;
        }
        let slug = kehoach::text::slug(number);
        for (path, bytes) in &site {
            let text = String::from_utf8_lossy(bytes);
            if path.contains(&slug) {
                hits.push(format!("a page for {number}: {path}"));
            }
            if text.contains(number) && path != CITER {
                hits.push(format!("{number} in {path}"));
            }
            if path == CITER && text.contains(&format!(">{number}</a>")) {
                hits.push(format!("{number} is a link in {path}"));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "{} leak(s):\n{}",
        hits.len(),
        hits.join("\n")
    );
    // The citer still reads as it was written.
    let citer = text_of(&String::from_utf8_lossy(&site[CITER]));
    assert!(citer.contains("văn bản số 101-NQ/TU"), "{citer}");
}

#[test]
fn check_lists_what_was_kept_out_and_why() {
    let root = repo().join("tests/fixtures/canary");
    let config = kehoach::config::Config::load(&root).unwrap();
    let site = kehoach::build::read_site(&root, &config, false).unwrap();
    let said: Vec<(String, String)> = site
        .withheld
        .iter()
        .map(|w| (w.path.display().to_string(), w.message()))
        .collect();
    for (file, why) in [
        ("mat.md", "MẬT"),
        ("toi-mat.md", "TỐI MẬT"),
        ("tuyet-mat.md", "TUYỆT MẬT"),
        ("front.md", "TỐI MẬT"),
        ("noi-bo.md", "Lưu hành nội bộ"),
        ("chi-bo.md", "sinh hoạt chi bộ"),
        ("dai-chung.md", "đại chúng"),
        ("chi-gui.md", "chỉ gửi"),
        ("du-thao.md", "draft"),
        ("draft.md", "draft"),
        ("tin-mat.md", "MẬT"),
        ("tin-nhap.md", "draft"),
    ] {
        assert!(
            said.iter()
                .any(|(f, m)| f.ends_with(file) && m.contains(why)),
            "{file}: {said:#?}"
        );
    }
}
