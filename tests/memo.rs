//! Builds that reuse what earlier builds read (`kehoach serve`'s memo, the
//! read cache on disk) give the site a fresh build gives, byte for byte,
//! after every kind of edit: a word, a number, a citation, a deadline, a
//! new file, a removed file, a renamed file, a file that no longer parses
//! and its fix; and a damaged cache entry is parsed again, not trusted.

mod common;
use common::*;
use kehoach::build::{Options, build, build_with};
use kehoach::memo::ReadMemo;
use std::path::Path;

fn opts(root: &Path, out: &Path, read_cache: bool) -> Options {
    Options {
        read_cache,
        ..options(root, out)
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
fn memo_and_cache_builds_equal_a_fresh_build_after_each_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
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
    // Served: the memo of one process, and the cache beside its output;
    // cached: the cache alone, as successive `kehoach build`s use it.
    let served = tmp.path().join("served");
    let cached = tmp.path().join("cached");
    build_with(&opts(&root, &served, true), Some(&memo)).expect("the first build");
    assert!(!memo.docs.is_empty());
    let first = build(&opts(&root, &cached, true)).unwrap();
    assert_eq!(first.read.reused, 0, "an empty cache gave results");
    let again = build(&opts(&root, &cached, true)).unwrap();
    assert_eq!(
        (again.read.parsed, again.read.reused),
        (0, first.read.parsed),
        "a build with nothing changed parsed again"
    );
    for (k, (what, edit)) in edits.iter().enumerate() {
        edit(&root);
        let with_memo = build_with(&opts(&root, &served, true), Some(&memo));
        let with_cache = build(&opts(&root, &cached, true));
        let fresh_out = tmp.path().join(format!("fresh-{k}"));
        let fresh = build(&opts(&root, &fresh_out, false));
        match (with_memo, with_cache, fresh) {
            (Ok(_), Ok(c), Ok(f)) => {
                assert_eq!(f.read.reused, 0, "--no-cache reused");
                assert!(c.read.parsed <= 1, "after {what}: {:?}", c.read);
                assert!(
                    snapshot(&served) == snapshot(&fresh_out),
                    "after {what}, the memo build differs from a fresh one"
                );
                assert!(
                    snapshot(&cached) == snapshot(&fresh_out),
                    "after {what}, the cached build differs from a fresh one"
                );
            }
            (Err(a), Err(b), Err(c)) => {
                assert_eq!(format!("{a:#}"), format!("{c:#}"), "after {what}");
                assert_eq!(format!("{b:#}"), format!("{c:#}"), "after {what}");
            }
            (a, b, c) => panic!(
                "after {what}: memo build {:?}, cached build {:?}, fresh build {:?}",
                a.err(),
                b.err(),
                c.err()
            ),
        }
    }
}

/// Every way an entry can be damaged (cut short, a byte changed, emptied,
/// another entry's bytes under its name) and a killed build's stray file:
/// the build parses those sources again, gives the fresh site, and writes
/// the entries anew; names no build uses are removed.
#[test]
fn a_damaged_cache_is_parsed_again_not_trusted() {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
    let out = tmp.path().join("public");
    let first = build(&opts(&root, &out, true)).unwrap();
    let dir = kehoach::readcache::folder(&out).unwrap();
    // The record of the last build would end the next one before it reads
    // a source (nothing changed: see `unchanged`); without it, the build
    // reads every source through the cache.
    let record = dir.join(kehoach::unchanged::RECORD);
    std::fs::remove_file(&record).unwrap();
    let kept = dir.join(kehoach::kept::RECORD);
    let frames = dir.join(kehoach::readcache::FRAMES);
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| *p != kept && *p != frames)
        .collect();
    entries.sort();
    assert_eq!(entries.len(), first.read.parsed);
    assert!(entries.len() >= 6, "{} entries", entries.len());
    let bytes = |p: &Path| std::fs::read(p).unwrap();
    // Cut short, a payload byte changed, emptied, another entry's bytes.
    let b = bytes(&entries[0]);
    std::fs::write(&entries[0], &b[..b.len() / 2]).unwrap();
    let mut b = bytes(&entries[1]);
    let last = b.len() - 1;
    b[last] ^= 0x20;
    std::fs::write(&entries[1], b).unwrap();
    std::fs::write(&entries[2], b"").unwrap();
    std::fs::write(&entries[3], bytes(&entries[4])).unwrap();
    // A stray file (an older kehoach wrote entries beside and renamed them
    // in), and an entry of another version.
    std::fs::write(dir.join(format!("{:032x}.99.tmp", 5)), b"half").unwrap();
    std::fs::write(dir.join(format!("{:032x}", 5)), bytes(&entries[5])).unwrap();
    let fresh_out = tmp.path().join("fresh");
    build(&opts(&root, &fresh_out, false)).unwrap();
    let r = build(&opts(&root, &out, true)).unwrap();
    assert_eq!(r.read.parsed, 4, "{:?}", r.read);
    assert!(snapshot(&out) == snapshot(&fresh_out));
    std::fs::remove_file(&record).unwrap();
    let r = build(&opts(&root, &out, true)).unwrap();
    assert_eq!(r.read.parsed, 0, "damaged entries were not written anew");
    let mut now: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| *p != record && *p != kept && *p != frames)
        .collect();
    now.sort();
    assert_eq!(now, entries);
    assert!(record.is_file(), "the build left no record");
}
