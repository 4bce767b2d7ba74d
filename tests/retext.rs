//! A build after an edit of documents' texts alone, where each still reads
//! as the same facts, makes only their pages and search shards, from the
//! record (`retext`); any other edit makes the whole build. Either way the
//! site equals a fresh build of the same sources, byte for byte, and so
//! does the site after any build that follows (the records it left are
//! true).

mod common;
use common::*;
use kehoach::build::{Options, Report, build};
use std::path::Path;

const PLAN: &str = "content/plans/ttxvn/266-kh-du-2022.md";
const OTHER: &str = "content/plans/quang-nam/ke-hoach-tuyen-truyen-xay-dung-dang.md";

fn quick(r: &Report) -> bool {
    r.timings.first().map(|t| t.0) == Some("text only")
}

fn replace(r: &Path, file: &str, from: &str, to: &str) {
    let p = r.join(file);
    let t = std::fs::read_to_string(&p).unwrap();
    assert!(t.contains(from), "{file}: {from}");
    std::fs::write(&p, t.replacen(from, to, 1)).unwrap();
}

/// The site built into `out` from `o`'s sources is a fresh build's, with
/// the same summary.
fn same_as_fresh_summary(tmp: &Path, o: &Options, r: &Report, name: &str) {
    let fresh_out = tmp.join(format!("fresh-{}", name.replace(' ', "-")));
    let _ = std::fs::remove_dir_all(&fresh_out);
    let fresh = same_as_fresh(&fresh_out, o, name);
    assert_eq!(summary(r), summary(&fresh), "{name}: summary");
    std::fs::remove_dir_all(&fresh_out).unwrap();
}

type Change = fn(&Path, &Path);

/// The footnote's words (a line no fact is read from).
fn footnote(r: &Path, _: &Path) {
    replace(r, PLAN, "¹ Việc xác định", "¹ Sự xác định");
}

/// Builds a fresh copy of the example site, applies `change`, builds again:
/// from the record exactly when `expect_quick`; then the site is a fresh
/// build's, a build with nothing changed ends at once, and a citation added
/// after it builds a fresh build's site too.
fn check(name: &str, change: Change, expect_quick: bool) {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
    let out = tmp.path().join("public");
    let o = options(&root, &out);
    let first = build(&o).unwrap();
    assert!(!quick(&first), "{name}: the first build");
    change(&root, &out);
    let second = build(&o).unwrap_or_else(|e| panic!("{name}: {e:#}"));
    assert_eq!(quick(&second), expect_quick, "{name}: {:?}", second.timings);
    if expect_quick {
        assert!(second.read.parsed >= 1, "{name}: {:?}", second.read);
        assert!(second.publish.written >= 1, "{name}");
    }
    same_as_fresh_summary(tmp.path(), &o, &second, name);
    let third = build(&o).unwrap();
    assert!(
        third.read.note.as_deref() == Some("nothing changed since the last build"),
        "{name}: a build after it did not end at once: {:?}",
        third.read
    );
    // The records the build left are true for the next.
    replace(
        &root,
        PLAN,
        "¹ ",
        "Thực hiện Kết luận số 75-KL/TW ngày 28/7/2026 của Ban Chấp hành Trung ương.\n\n¹ ",
    );
    let fourth = build(&o).unwrap();
    assert!(!quick(&fourth), "{name}: a citation made no whole build");
    same_as_fresh_summary(tmp.path(), &o, &fourth, &format!("{name} then a citation"));
}

#[test]
fn a_text_edit_makes_only_its_page_and_shards() {
    let cases: Vec<(&str, Change, bool)> = vec![
        ("a word of a footnote", footnote, true),
        (
            "a word of a paragraph that sets no task",
            |r, _| {
                replace(
                    r,
                    PLAN,
                    "góp phần xây dựng, chỉnh đốn",
                    "góp phần xây dựng và chỉnh đốn",
                )
            },
            true,
        ),
        (
            "a word new to the site",
            |r, _| replace(r, PLAN, "¹ Việc xác định", "¹ Qzyxwv xác định"),
            true,
        ),
        (
            "the words of two plans",
            |r, o| {
                footnote(r, o);
                replace(r, OTHER, "Cổ vũ, động viên", "Cổ vũ và động viên");
            },
            true,
        ),
        (
            "a heading (the table of contents changes)",
            |r, _| {
                replace(
                    r,
                    PLAN,
                    "### 1.2. Xây dựng và thực hiện tốt",
                    "### 1.2. Xây dựng và thực hiện đúng",
                )
            },
            false,
        ),
        (
            "a line added (the lines of what follows move)",
            |r, _| replace(r, PLAN, "¹ Việc", "Một dòng mới.\n\n¹ Việc"),
            false,
        ),
        (
            "a task's words",
            |r, _| {
                replace(
                    r,
                    PLAN,
                    "rà soát, sửa đổi, bổ sung, hoàn thiện Quy chế",
                    "rà soát, sửa, bổ sung, hoàn thiện Quy chế",
                )
            },
            false,
        ),
        (
            "a word, and the frames record gone",
            |r, out| {
                footnote(r, out);
                let dir = kehoach::readcache::folder(out).unwrap();
                std::fs::remove_dir_all(dir.join(kehoach::readcache::FRAMES)).unwrap();
            },
            false,
        ),
        (
            "a word, and the read cache emptied",
            |r, out| {
                footnote(r, out);
                let dir = kehoach::readcache::folder(out).unwrap();
                for e in std::fs::read_dir(&dir).unwrap().flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name.len() == 32 {
                        std::fs::remove_file(e.path()).unwrap();
                    }
                }
            },
            false,
        ),
        (
            "a word, and a static file",
            |r, out| {
                footnote(r, out);
                std::fs::create_dir_all(r.join("static")).unwrap();
                std::fs::write(r.join("static/x.txt"), "x").unwrap();
            },
            false,
        ),
        (
            "a word, and the registry",
            |r, out| {
                footnote(r, out);
                let p = r.join("content/bodies.toml");
                let mut t = std::fs::read_to_string(&p).unwrap();
                t.push_str("\n[[body]]\nid = \"ban-moi\"\nname = \"Ban Mới\"\n");
                std::fs::write(&p, t).unwrap();
            },
            false,
        ),
    ];
    for (name, change, expect_quick) in cases {
        check(name, change, expect_quick);
    }
}

/// An editor's loop: the same plan edited again and again, then another,
/// each build from the record, each site a fresh build's.
#[test]
fn edits_in_a_row_each_equal_a_fresh_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
    let out = tmp.path().join("public");
    let o = options(&root, &out);
    build(&o).unwrap();
    let steps: &[(&str, &str, &str)] = &[
        (PLAN, "¹ Việc xác định", "¹ Sự xác định"),
        (PLAN, "¹ Sự xác định", "¹ Việc xác định"),
        (PLAN, "¹ Việc xác định", "¹ Việc xác định rõ"),
        (
            PLAN,
            "góp phần xây dựng, chỉnh đốn",
            "góp phần xây dựng và chỉnh đốn",
        ),
    ];
    for (k, (file, from, to)) in steps.iter().enumerate() {
        replace(&root, file, from, to);
        let r = build(&o).unwrap();
        assert!(quick(&r), "step {k}: {:?}", r.timings);
        same_as_fresh_summary(tmp.path(), &o, &r, &format!("step {k}"));
    }
}

/// More edited sources than a build from the record reads one after
/// another (a checkout of another tree) make the whole build; a few make
/// one from the record. Either way, a fresh build's site.
#[test]
fn many_edited_sources_make_the_whole_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
    let out = tmp.path().join("public");
    let plan = |k: usize, word: &str| {
        format!(
            "+++\nnumber = \"{}-KH/ĐU\"\ndate = \"2026-03-02\"\n+++\nKẾ HOẠCH\n\nvề tuyên truyền xây dựng Đảng\n\nCán bộ, đảng viên nhận thức {word} về xây dựng Đảng.\n",
            500 + k
        )
    };
    let dir = root.join("content/plans/nhieu");
    std::fs::create_dir_all(&dir).unwrap();
    for k in 0..40 {
        std::fs::write(dir.join(format!("{k:02}.md")), plan(k, "sâu rộng")).unwrap();
    }
    let o = options(&root, &out);
    build(&o).unwrap();
    for (n, word, expect_quick) in [(40, "rộng khắp", false), (2, "sâu sắc", true)] {
        for k in 0..n {
            std::fs::write(dir.join(format!("{k:02}.md")), plan(k, word)).unwrap();
        }
        let r = build(&o).unwrap();
        assert_eq!(quick(&r), expect_quick, "{n} plans: {:?}", r.timings);
        same_as_fresh_summary(tmp.path(), &o, &r, &format!("{n} plans"));
    }
}
