//! Builds that reuse what earlier builds read (`kehoach serve`'s memo) give
//! the site a fresh build gives, byte for byte, after every kind of edit:
//! a word, a number, a citation, a deadline, a new file, a removed file, a
//! renamed file, a file that no longer parses and its fix.

mod common;
use common::*;
use kehoach::build::{Options, build, build_with};
use kehoach::memo::ReadMemo;
use std::path::Path;

fn opts(root: &Path, out: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        today: kehoach::date::Date::parse_iso("2026-11-23"),
        drafts: false,
        commit: None,
    }
}

type Edit = fn(&Path);

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const PLAN: &str = "content/plans/ttxvn/266-kh-du-2022.md";

#[test]
fn a_memo_build_equals_a_fresh_build_after_each_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    for d in ["content", "themes"] {
        copy_dir(&repo().join(d), &root.join(d));
    }
    std::fs::copy(repo().join("config.toml"), root.join("config.toml")).unwrap();
    let edits: Vec<(&str, Edit)> = vec![
        ("a word", |r| {
            replace_in(&r.join(PLAN), "Kế hoạch", "Kế hoạch mới")
        }),
        ("a deadline", |r| {
            let p = r.join(PLAN);
            let t = std::fs::read_to_string(&p).unwrap();
            std::fs::write(
                p,
                t + "\n9. Ban Tuyên giáo tổ chức tọa đàm (hoàn thành trong quý III năm 2026).\n",
            )
            .unwrap();
        }),
        ("a citation", |r| {
            let p = r.join(PLAN);
            let t = std::fs::read_to_string(&p).unwrap();
            std::fs::write(p, t + "\nThực hiện Kết luận số 75-KL/TW ngày 28/7/2026 của Ban Chấp hành Trung ương.\n").unwrap();
        }),
        ("a new plan", |r| {
            std::fs::write(
                r.join("content/plans/ttxvn/moi.md"),
                "+++\nnumber = \"301-KH/ĐU\"\ndate = \"2026-03-02\"\ntitle = \"tuyên truyền\"\n+++\nKẾ HOẠCH\n\n1. Ban Tuyên giáo tổ chức hội thi (hoàn thành trong tháng 12/2026).\n",
            )
            .unwrap()
        }),
        ("a renamed plan", |r| {
            std::fs::rename(
                r.join("content/plans/ttxvn/moi.md"),
                r.join("content/plans/ttxvn/moi-2.md"),
            )
            .unwrap()
        }),
        ("a plan that does not parse", |r| {
            std::fs::write(
                r.join("content/plans/ttxvn/moi-2.md"),
                "+++\nnumber = [\n+++\nKẾ HOẠCH\n",
            )
            .unwrap()
        }),
        ("its fix", |r| {
            std::fs::write(
                r.join("content/plans/ttxvn/moi-2.md"),
                "+++\nnumber = \"302-KH/ĐU\"\n+++\nKẾ HOẠCH\n\nSửa xong.\n",
            )
            .unwrap()
        }),
        ("a removed plan", |r| {
            std::fs::remove_file(r.join("content/plans/ttxvn/moi-2.md")).unwrap()
        }),
        ("the registry", |r| {
            let p = r.join("content/bodies.toml");
            let t = std::fs::read_to_string(&p).unwrap();
            std::fs::write(p, t + "\n[[body]]\nid = \"ban-moi\"\nname = \"Ban Mới\"\n").unwrap();
        }),
    ];
    let memo = ReadMemo::default();
    let served = tmp.path().join("served");
    build_with(&opts(&root, &served), Some(&memo)).expect("the first build");
    assert!(!memo.docs.is_empty());
    for (k, (what, edit)) in edits.iter().enumerate() {
        edit(&root);
        let with = build_with(&opts(&root, &served), Some(&memo));
        let fresh_out = tmp.path().join(format!("fresh-{k}"));
        let fresh = build(&opts(&root, &fresh_out));
        match (with, fresh) {
            (Ok(_), Ok(_)) => assert!(
                snapshot(&served) == snapshot(&fresh_out),
                "after {what}, the memo build differs from a fresh one"
            ),
            (Err(a), Err(b)) => assert_eq!(format!("{a:#}"), format!("{b:#}"), "after {what}"),
            (a, b) => panic!(
                "after {what}: memo build {:?}, fresh build {:?}",
                a.err(),
                b.err()
            ),
        }
    }
}
