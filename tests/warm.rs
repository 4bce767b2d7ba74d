//! `serve`'s builds from what the last one left (`kehoach::warm`): a
//! change the watcher reports as the text of documents whose facts read
//! the same makes only their pages and search shards again; any other
//! change makes a whole build. After each, the site equals a fresh build
//! of the same sources, byte for byte; and the kind of build is the one a
//! careful reader expects.

mod common;
use common::*;
use kehoach::build::{Options, Report, build};
use kehoach::warm::Warm;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const PLAN: &str = "content/plans/ttxvn/266-kh-du-2022.md";

fn opts(root: &Path, out: &Path, read_cache: bool) -> Options {
    Options {
        read_cache,
        ..options(root, out)
    }
}

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn append(path: &Path, text: &str) {
    let t = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, t + text).unwrap();
}

/// Whether the report is a quick build's.
fn quick(r: &Report) -> bool {
    r.timings.iter().any(|(stage, _)| *stage == "text only")
}

/// One edit: what it is, what it does to the site's sources (returning
/// the paths a watcher would report, relative), and whether a quick build
/// may take it.
struct Edit {
    what: &'static str,
    edit: fn(&Path) -> Vec<&'static str>,
    quick: bool,
}

#[test]
fn quick_builds_change_only_texts_and_equal_a_fresh_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path()).canonicalize().unwrap();
    let edits = [
        Edit {
            what: "a word in a paragraph of the aims",
            edit: |r| {
                replace_in(
                    &r.join(PLAN),
                    "Nâng cao nhận thức",
                    "Nâng cao hơn nữa nhận thức",
                );
                vec![PLAN]
            },
            quick: true,
        },
        Edit {
            what: "a word no search index had (a shard gains a word)",
            edit: |r| {
                replace_in(&r.join(PLAN), "tạo s", "qxzchimcanhcut tạo s");
                vec![PLAN]
            },
            quick: true,
        },
        Edit {
            what: "the same word again (nothing changes in the index)",
            edit: |r| {
                replace_in(
                    &r.join(PLAN),
                    "qxzchimcanhcut",
                    "qxzchimcanhcut qxzchimcanhcut",
                );
                vec![PLAN]
            },
            quick: true,
        },
        Edit {
            what: "a word taken out again",
            edit: |r| {
                replace_in(&r.join(PLAN), "qxzchimcanhcut qxzchimcanhcut ", "");
                vec![PLAN]
            },
            quick: true,
        },
        Edit {
            what: "an editor's file that came and went",
            edit: |r| {
                let tmp = r.join("content/plans/ttxvn/.266.md.tmp");
                std::fs::write(&tmp, "x").unwrap();
                std::fs::remove_file(tmp).unwrap();
                replace_in(&r.join(PLAN), "hơn nữa", "hơn");
                vec!["content/plans/ttxvn/.266.md.tmp", PLAN]
            },
            quick: true,
        },
        Edit {
            what: "a citation",
            edit: |r| {
                append(
                    &r.join(PLAN),
                    "\nThực hiện Kết luận số 75-KL/TW ngày 28/7/2026 của Ban Chấp hành Trung ương.\n",
                );
                vec![PLAN]
            },
            quick: false,
        },
        Edit {
            what: "a deadline",
            edit: |r| {
                replace_in(
                    &r.join(PLAN),
                    "## III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n",
                    "## III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU\n\nBan Tuyên giáo tổ chức tọa đàm, hoàn thành trong quý III năm 2026.\n",
                );
                vec![PLAN]
            },
            quick: false,
        },
        Edit {
            what: "a word after facts changed (the record is the whole build's)",
            edit: |r| {
                replace_in(
                    &r.join(PLAN),
                    "Nâng cao hơn nhận thức",
                    "Nâng cao nhận thức",
                );
                vec![PLAN]
            },
            quick: true,
        },
        Edit {
            what: "a new plan",
            edit: |r| {
                std::fs::write(
                    r.join("content/plans/ttxvn/moi.md"),
                    "+++\nnumber = \"301-KH/ĐU\"\ndate = \"2026-03-02\"\ntitle = \"tuyên truyền\"\n+++\nKẾ HOẠCH\n\ntuyên truyền\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\n1. Nâng cao nhận thức của cán bộ về một đoạn văn.\n",
                )
                .unwrap();
                vec!["content/plans/ttxvn/moi.md"]
            },
            quick: false,
        },
        Edit {
            what: "a word in the new plan",
            edit: |r| {
                replace_in(
                    &r.join("content/plans/ttxvn/moi.md"),
                    "một đoạn",
                    "một đoạn dài",
                );
                vec!["content/plans/ttxvn/moi.md"]
            },
            quick: true,
        },
        Edit {
            what: "a plan that no longer parses",
            edit: |r| {
                std::fs::write(
                    r.join("content/plans/ttxvn/moi.md"),
                    "+++\nnumber = [\n+++\nKẾ HOẠCH\n",
                )
                .unwrap();
                vec!["content/plans/ttxvn/moi.md"]
            },
            quick: false,
        },
        Edit {
            what: "its fix",
            edit: |r| {
                std::fs::write(
                    r.join("content/plans/ttxvn/moi.md"),
                    "+++\nnumber = \"301-KH/ĐU\"\ndate = \"2026-03-02\"\ntitle = \"tuyên truyền\"\n+++\nKẾ HOẠCH\n\ntuyên truyền\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\n1. Nâng cao nhận thức của cán bộ về một đoạn văn.\n",
                )
                .unwrap();
                vec!["content/plans/ttxvn/moi.md"]
            },
            quick: false,
        },
        Edit {
            what: "a removed plan",
            edit: |r| {
                std::fs::remove_file(r.join("content/plans/ttxvn/moi.md")).unwrap();
                vec!["content/plans/ttxvn/moi.md"]
            },
            quick: false,
        },
        Edit {
            what: "the registry",
            edit: |r| {
                append(
                    &r.join("content/bodies.toml"),
                    "\n[[body]]\nid = \"ban-moi\"\nname = \"Ban Mới\"\n",
                );
                vec!["content/bodies.toml"]
            },
            quick: false,
        },
        Edit {
            what: "a template",
            edit: |r| {
                let dir = r.join("themes/default/templates");
                std::fs::create_dir_all(&dir).unwrap();
                let base = repo().join("themes/default/templates/base.html");
                let t = std::fs::read_to_string(base).unwrap();
                std::fs::write(
                    dir.join("base.html"),
                    t.replacen("<head>", "<head><meta name=\"x\" content=\"y\">", 1),
                )
                .unwrap();
                vec!["themes/default/templates/base.html"]
            },
            quick: false,
        },
        Edit {
            what: "a word after a template edit",
            edit: |r| {
                replace_in(
                    &r.join(PLAN),
                    "Nâng cao nhận thức",
                    "Nâng cao hơn nữa nhận thức",
                );
                vec![PLAN]
            },
            quick: true,
        },
        Edit {
            what: "a word, told as an unknown change",
            edit: |r| {
                replace_in(&r.join(PLAN), "hơn nữa", "hơn");
                Vec::new()
            },
            quick: false,
        },
    ];
    let served = tmp.path().join("served");
    let mut warm = Warm::default();
    let first = warm.build(&opts(&root, &served, true), None).unwrap();
    assert!(!quick(&first), "the first build was a quick one");
    assert!(warm.is_warm(), "the first build left nothing to start from");
    for (k, e) in edits.iter().enumerate() {
        let paths = (e.edit)(&root);
        let changed: BTreeSet<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        let told = (!paths.is_empty()).then_some(&changed);
        let r = warm.build(&opts(&root, &served, true), told);
        let fresh_out = tmp.path().join(format!("fresh-{k}"));
        match (r, build(&opts(&root, &fresh_out, false))) {
            (Ok(r), Ok(_)) => {
                assert_eq!(quick(&r), e.quick, "after {}: {}", e.what, r.summary());
                assert!(
                    snapshot(&served) == snapshot(&fresh_out),
                    "after {}, the site differs from a fresh build",
                    e.what
                );
                if e.quick {
                    assert_eq!(r.read.parsed, 1, "after {}: {:?}", e.what, r.read);
                    assert!(r.publish.written >= 1, "after {}: {}", e.what, r.summary());
                }
            }
            (Err(a), Err(b)) => {
                assert!(!e.quick, "after {}: {a:#}", e.what);
                assert_eq!(format!("{a:#}"), format!("{b:#}"), "after {}", e.what);
                assert!(!warm.is_warm(), "a failed build left a state");
            }
            (a, b) => panic!(
                "after {}: warm build {:?}, fresh build {:?}",
                e.what,
                a.err(),
                b.err()
            ),
        }
    }
}

/// The record a quick build leaves is true: a `kehoach build` after it
/// (a new process: no memo, no state) keeps the pages, and its site equals
/// a fresh one.
#[test]
fn a_build_after_quick_ones_keeps_their_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path()).canonicalize().unwrap();
    let served = tmp.path().join("served");
    let mut warm = Warm::default();
    warm.build(&opts(&root, &served, true), None).unwrap();
    for word in ["một", "hai"] {
        replace_in(
            &root.join(PLAN),
            "Nâng cao nhận thức",
            &format!("Nâng cao {word} nhận thức"),
        );
        let changed = BTreeSet::from([root.join(PLAN)]);
        let r = warm
            .build(&opts(&root, &served, true), Some(&changed))
            .unwrap();
        assert!(quick(&r), "{}", r.summary());
        replace_in(
            &root.join(PLAN),
            &format!("Nâng cao {word} nhận thức"),
            "Nâng cao nhận thức",
        );
        let r = warm
            .build(&opts(&root, &served, true), Some(&changed))
            .unwrap();
        assert!(quick(&r), "{}", r.summary());
    }
    replace_in(
        &root.join(PLAN),
        "Nâng cao nhận thức",
        "Nâng cao ba nhận thức",
    );
    let r = build(&opts(&root, &served, true)).unwrap();
    assert!(
        r.kept.iter().any(|k| k.ends_with("pages")),
        "a build after quick ones rendered every page: {}",
        r.summary()
    );
    let fresh = tmp.path().join("fresh");
    build(&opts(&root, &fresh, false)).unwrap();
    assert!(
        snapshot(&served) == snapshot(&fresh),
        "the site differs from a fresh build"
    );
}
