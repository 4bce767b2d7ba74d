//! Resolving numbers that are not unique (CONVENTIONS.md §3): relative issuer
//! codes resolve through the bodies registry, two remaining candidates give
//! a warning naming both, and `check --strict` fails on it.

mod common;
use common::*;
use std::process::Command;

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/ambiguous")
}

fn check(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .arg("check")
        .args(args)
        .arg("--root")
        .arg(fixture())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn two_candidates_give_a_warning_naming_both() {
    let (code, err) = check(&[]);
    assert_eq!(code, 0, "check without --strict reports but passes: {err}");
    let line = err
        .lines()
        .find(|l| l.contains("293-KH/TU may mean"))
        .unwrap_or_else(|| panic!("no ambiguity warning in:\n{err}"));
    assert!(
        line.starts_with("content/plans/khac/5-kh-bch.md:14: warning"),
        "{line}"
    );
    assert!(
        line.contains("content/plans/binh-dinh/293-kh-tu.md"),
        "{line}"
    );
    assert!(
        line.contains("content/plans/quang-nam/293-kh-tu.md"),
        "{line}"
    );
    // The Quảng Nam department's plan resolves through its parent body: no warning.
    assert!(!err.contains("12-kh-btgtu.md"), "{err}");
}

#[test]
fn strict_check_fails_on_problems() {
    let (code, err) = check(&["--strict"]);
    assert_ne!(code, 0, "check --strict must fail: {err}");
    assert!(err.contains("check --strict: 1 problem(s)"), "{err}");
    // and passes on a site without problems
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["check", "--strict", "--root"])
        .arg(repo().join("tests/fixtures/small"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // 9-NQ/TW is not in that site: an unresolved citation is a problem too,
    // listed as a document to acquire, and with its citation by --only.
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("Nghị quyết 9-NQ/TW — cited 1 time(s)"),
        "{err}"
    );
    assert!(err.contains(": 1 unresolved"), "{err}");
    let only = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["check", "--only", "unresolved", "--root"])
        .arg(repo().join("tests/fixtures/small"))
        .output()
        .unwrap();
    let only = String::from_utf8_lossy(&only.stderr);
    assert!(only.contains("9-NQ/TW is not in the site"), "{only}");
    // A kind that does not exist is refused, naming the kinds.
    let bad = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["check", "--only", "nothing", "--root"])
        .arg(repo().join("tests/fixtures/small"))
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unread-deadline"));
}

#[test]
fn pages_link_the_resolved_candidate_and_not_a_guess() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&fixture(), &out).unwrap();
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let dept = read("van-ban/quang-nam/12-kh-btgtu/index.html");
    assert!(
        dept.contains("href=\"../../../van-ban/quang-nam/293-kh-tu/index.html\">293-KH/TU</a>"),
        "the department's plan links its own province's 293-KH/TU"
    );
    let other = read("van-ban/khac/5-kh-bch/index.html");
    assert!(
        !other.contains("293-kh-tu/index.html\">293-KH/TU"),
        "an ambiguous citation is not linked as if it were resolved"
    );
    let t = text_of(&other);
    assert!(
        t.contains(
            "(chưa xác định: Tỉnh ủy Bình Định, 04/05/2023 hoặc Tỉnh ủy Quảng Nam, 10/03/2023"
        ),
        "the page names both candidates: {t}"
    );
    let qn = text_of(&read("van-ban/quang-nam/293-kh-tu/index.html"));
    assert!(qn.contains("Được trích dẫn bởi (1)"), "{qn}");
    let bd = text_of(&read("van-ban/binh-dinh/293-kh-tu/index.html"));
    assert!(!bd.contains("Được trích dẫn bởi"), "{bd}");
}
