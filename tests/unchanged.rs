//! A build whose inputs are all as the last build found them ends at once
//! with the last build's summary (`unchanged`); any change to what a build
//! reads — a source, a static or theme file, `config.toml`, an option, the
//! build date, the commit the date comes from, the served tree, the record
//! itself — makes it build in full. After every case the site equals a
//! fresh build of the same sources, byte for byte.

mod common;
use common::*;
use kehoach::build::{Options, Report, build};
use std::path::Path;

const PLAN: &str = "content/plans/ttxvn/266-kh-du-2022.md";

fn opts(root: &Path, out: &Path) -> Options {
    options(root, out)
}

fn skipped(r: &Report) -> bool {
    r.read.note.as_deref() == Some("nothing changed since the last build")
}

/// What a case does between two builds: to the site's root, to the
/// options of the second build.
type Change = fn(&Path, &Path, &mut Options);

/// The theme's `base.html` overridden with one meta tag more.
fn override_base(r: &Path) {
    let dir = r.join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    let base = kehoach::render::theme::DEFAULT
        .iter()
        .find(|(p, _)| *p == "templates/base.html")
        .unwrap()
        .1;
    std::fs::write(
        dir.join("base.html"),
        base.replace("<head>", "<head><meta name=\"x\" content=\"y\">"),
    )
    .unwrap();
}

/// A body added to the registry.
fn add_body(r: &Path, id: &str, name: &str) {
    append(
        &r.join("content/bodies.toml"),
        &format!("\n[[body]]\nid = \"{id}\"\nname = \"{name}\"\n"),
    );
}

fn append(path: &Path, text: &str) {
    let mut t = std::fs::read_to_string(path).unwrap_or_default();
    t.push_str(text);
    std::fs::write(path, t).unwrap();
}

/// Builds a fresh copy of the example site, applies `change`, builds again
/// into the same output: the second build ends at once exactly when
/// `expect_skipped`, and its site and summary are a fresh build's.
fn check(name: &str, change: Change, expect_skipped: bool) {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
    let out = tmp.path().join("public");
    let first = build(&opts(&root, &out)).unwrap();
    assert!(!skipped(&first), "{name}: the first build skipped");
    let mut o = opts(&root, &out);
    change(&root, &out, &mut o);
    let second = build(&o).unwrap_or_else(|e| panic!("{name}: {e:#}"));
    assert_eq!(
        skipped(&second),
        expect_skipped,
        "{name}: {:?}",
        second.read
    );
    let fresh_out = tmp.path().join("fresh");
    let fresh = same_as_fresh(&fresh_out, &o, name);
    assert_eq!(summary(&second), summary(&fresh), "{name}: summary");
    // And again, with nothing changed since.
    let third = build(&o).unwrap();
    assert!(skipped(&third), "{name}: a build after it did not skip");
    assert!(
        snapshot(&out) == snapshot(&fresh_out),
        "{name}: third build"
    );
}

#[test]
fn a_build_skips_exactly_when_nothing_it_reads_changed() {
    let cases: Vec<(&str, Change, bool)> = vec![
        ("nothing", |_, _, _| {}, true),
        (
            "the same bytes written again",
            |r, _, _| {
                let p = r.join(PLAN);
                std::fs::write(&p, std::fs::read(&p).unwrap()).unwrap();
            },
            false,
        ),
        (
            "a word, same size, old modification time",
            |r, _, _| {
                let p = r.join(PLAN);
                let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
                let t = std::fs::read_to_string(&p).unwrap();
                assert!(t.contains("Kế hoạch"));
                std::fs::write(&p, t.replacen("Kế hoạch", "Kế HOẠCH", 1)).unwrap();
                std::fs::File::options()
                    .write(true)
                    .open(&p)
                    .unwrap()
                    .set_modified(mtime)
                    .unwrap();
            },
            false,
        ),
        (
            "a citation",
            |r, _, _| {
                append(
                    &r.join(PLAN),
                    "\nThực hiện Kết luận số 75-KL/TW ngày 28/7/2026 của Ban Chấp hành Trung ương.\n",
                );
            },
            false,
        ),
        (
            "a new plan",
            |r, _, _| {
                std::fs::write(
                    r.join("content/plans/ttxvn/moi.md"),
                    "+++\nnumber = \"301-KH/ĐU\"\ndate = \"2026-03-02\"\n+++\nKẾ HOẠCH\n\nMới.\n",
                )
                .unwrap();
            },
            false,
        ),
        (
            "a removed plan",
            |r, _, _| {
                std::fs::remove_file(r.join(PLAN)).unwrap();
            },
            false,
        ),
        (
            "a renamed plan",
            |r, _, _| {
                std::fs::rename(r.join(PLAN), r.join("content/plans/ttxvn/doi-ten.md")).unwrap();
            },
            false,
        ),
        (
            "the registry",
            |r, _, _| {
                add_body(r, "ban-moi", "Ban Mới");
            },
            false,
        ),
        (
            "a static file",
            |r, _, _| {
                std::fs::create_dir_all(r.join("static")).unwrap();
                std::fs::write(r.join("static/robots.txt"), "User-agent: *\n").unwrap();
            },
            false,
        ),
        (
            "a theme template",
            |r, _, _| {
                override_base(r);
            },
            false,
        ),
        (
            "config.toml",
            |r, _, _| {
                let p = r.join("config.toml");
                let t = std::fs::read_to_string(&p).unwrap();
                std::fs::write(&p, format!("# edited\n{t}")).unwrap();
            },
            false,
        ),
        (
            "another build date",
            |_, _, o| {
                o.today = kehoach::date::Date::parse_iso("2026-12-24");
            },
            false,
        ),
        ("drafts shown", |_, _, o| o.drafts = true, false),
        (
            "the served tree rolled back",
            |r, out, _| {
                // A second release first, so that there is one to roll back to.
                append(&r.join(PLAN), "\nThêm.\n");
                build(&opts(r, out)).unwrap();
                kehoach::publish::rollback(out).unwrap();
            },
            false,
        ),
        (
            "the output removed",
            |_, out, _| {
                std::fs::remove_dir_all(out).unwrap();
            },
            false,
        ),
        (
            "the record damaged",
            |_, out, _| {
                let dir = kehoach::readcache::folder(out).unwrap();
                let p = dir.join(kehoach::unchanged::RECORD);
                let mut b = std::fs::read(&p).unwrap();
                let last = b.len() - 1;
                b[last] ^= 1;
                std::fs::write(&p, b).unwrap();
            },
            false,
        ),
        (
            "the record cut short",
            |_, out, _| {
                let dir = kehoach::readcache::folder(out).unwrap();
                let p = dir.join(kehoach::unchanged::RECORD);
                let b = std::fs::read(&p).unwrap();
                std::fs::write(&p, &b[..b.len() / 2]).unwrap();
            },
            false,
        ),
        (
            "the cache removed",
            |_, out, _| {
                std::fs::remove_dir_all(kehoach::readcache::folder(out).unwrap()).unwrap();
            },
            false,
        ),
    ];
    for (name, change, expect) in cases {
        check(name, change, expect);
    }
}

#[cfg(unix)]
#[test]
fn a_link_pointed_elsewhere_is_a_change() {
    check(
        "a retargeted link",
        |r, out, _| {
            // Targets outside the folders a build walks, inside the root.
            let other = r.join("other");
            std::fs::create_dir_all(&other).unwrap();
            std::fs::write(other.join("a.md"), "KẾ HOẠCH\n\nSố: 7-KH/ĐU\n\nMột.\n").unwrap();
            std::fs::write(other.join("b.md"), "KẾ HOẠCH\n\nSố: 7-KH/ĐU\n\nHai.\n").unwrap();
            let link = r.join("content/plans/ttxvn/link.md");
            std::os::unix::fs::symlink("../../../other/a.md", &link).unwrap();
            build(&opts(r, out)).unwrap();
            std::fs::remove_file(&link).unwrap();
            std::os::unix::fs::symlink("../../../other/b.md", &link).unwrap();
        },
        false,
    );
}

/// With no `--today`, the build date is the latest commit touching the
/// sources: a commit of files already as they were still changes it, and
/// the build is done in full.
#[test]
fn a_new_commit_is_a_change_when_the_date_comes_from_git() {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
    let git = |args: &[&str], date: &str| {
        let ok = std::process::Command::new("git")
            .arg("-C")
            .arg(&root)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .env("GIT_COMMITTER_DATE", date)
            .env("GIT_AUTHOR_DATE", date)
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"], "2026-01-01T10:00:00+07:00");
    git(&["add", "-A"], "2026-01-01T10:00:00+07:00");
    git(&["commit", "-q", "-m", "một"], "2026-01-01T10:00:00+07:00");
    append(&root.join(PLAN), "\nThêm.\n");
    let out = tmp.path().join("public");
    let o = Options {
        today: None,
        ..opts(&root, &out)
    };
    let first = build(&o).unwrap();
    assert_eq!(first.today.to_string(), "2026-01-01");
    assert!(skipped(&build(&o).unwrap()));
    git(
        &["commit", "-q", "-a", "-m", "hai"],
        "2026-03-15T10:00:00+07:00",
    );
    let after = build(&o).unwrap();
    assert!(!skipped(&after));
    assert_eq!(after.today.to_string(), "2026-03-15");
    assert!(skipped(&build(&o).unwrap()));
}

/// The search index is kept from the served tree while no entry of it
/// changes (the registry, a template, the build date), and made again when
/// one does (a word of a text, a title, a new plan) or when what was kept
/// cannot be trusted (no record, a damaged record, the served tree rolled
/// back). After each build the site is a fresh build's. (Edited words are
/// new to the site, so that the index's bytes change: an index is kept
/// whenever its bytes would be the same.)
#[test]
fn the_search_index_is_kept_while_no_entry_of_it_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
    let out = tmp.path().join("public");
    let first = build(&opts(&root, &out)).unwrap();
    assert!(first.kept.is_empty(), "a first build kept {:?}", first.kept);
    let cases: Vec<(&str, Change, bool)> = vec![
        (
            "the registry",
            |r, _, _| {
                add_body(r, "ban-moi", "Ban Mới");
            },
            true,
        ),
        (
            "a template",
            |r, _, _| {
                override_base(r);
            },
            true,
        ),
        (
            "another build date",
            |_, _, o| {
                o.today = kehoach::date::Date::parse_iso("2027-01-15");
            },
            true,
        ),
        (
            "a word of a text",
            |r, _, o| {
                o.today = kehoach::date::Date::parse_iso("2027-01-15");
                let p = r.join(PLAN);
                let t = std::fs::read_to_string(&p).unwrap();
                std::fs::write(&p, t.replacen("Kế hoạch", "Kế hoạch qxztìm", 1)).unwrap();
            },
            false,
        ),
        (
            "a new plan",
            |r, _, o| {
                o.today = kehoach::date::Date::parse_iso("2027-01-15");
                std::fs::write(
                r.join("content/plans/ttxvn/moi.md"),
                "+++\nnumber = \"301-KH/ĐU\"\ndate = \"2026-03-02\"\ntitle = \"tìm kiếm\"\n+++\nKẾ HOẠCH\n\nMới.\n",
            )
            .unwrap();
            },
            false,
        ),
        (
            "the record removed",
            |r, out, o| {
                o.today = kehoach::date::Date::parse_iso("2027-01-15");
                add_body(r, "ban-moi-2", "Ban Mới Hai");
                let dir = kehoach::readcache::folder(out).unwrap();
                std::fs::remove_file(dir.join(kehoach::kept::RECORD)).unwrap();
            },
            false,
        ),
        (
            "the record damaged",
            |r, out, o| {
                o.today = kehoach::date::Date::parse_iso("2027-01-15");
                add_body(r, "ban-moi-3", "Ban Mới Ba");
                damage_kept_record(out);
            },
            false,
        ),
        (
            "the served tree rolled back",
            |r, out, o| {
                o.today = kehoach::date::Date::parse_iso("2027-01-15");
                // A build with another index, then rolled back: the record
                // names the index rolled away, which the served tree lacks.
                let p = r.join(PLAN);
                let t = std::fs::read_to_string(&p).unwrap();
                std::fs::write(&p, t.replacen("Kế hoạch", "Kế hoạch qxzlùi", 1)).unwrap();
                build(o).unwrap();
                kehoach::publish::rollback(out).unwrap();
                add_body(r, "ban-moi-4", "Ban Mới Bốn");
            },
            false,
        ),
    ];
    for (k, (name, change, expect_kept)) in cases.into_iter().enumerate() {
        let mut o = opts(&root, &out);
        change(&root, &out, &mut o);
        let r = build(&o).unwrap_or_else(|e| panic!("{name}: {e:#}"));
        assert_eq!(
            r.kept.iter().any(|k| k == "search index"),
            expect_kept,
            "{name}: kept {:?}",
            r.kept
        );
        same_as_fresh(&tmp.path().join(format!("fresh-{k}")), &o, name);
    }
}

/// One byte of the record of what the last build made (`kept`) turned.
fn damage_kept_record(out: &Path) {
    let p = kehoach::readcache::folder(out)
        .unwrap()
        .join(kehoach::kept::RECORD);
    let mut b = std::fs::read(&p).unwrap();
    let last = b.len() - 1;
    b[last] ^= 1;
    std::fs::write(&p, b).unwrap();
}

/// The site `o` built equals a clean build of the same sources into
/// `fresh`, byte for byte.
/// How many pages a build kept from the served tree (`render::reuse`).
fn pages_kept(r: &Report) -> usize {
    r.kept
        .iter()
        .find_map(|k| k.strip_suffix(" pages")?.parse().ok())
        .unwrap_or(0)
}

/// A word of the plan's footnote (the text of no citation, task or field)
/// made `to`.
fn footnote(r: &Path, to: &str) {
    let p = r.join(PLAN);
    let t = std::fs::read_to_string(&p).unwrap();
    let at = t.find(" xác định chỉ tiêu").unwrap();
    let start = t[..at].rfind('¹').unwrap() + '¹'.len_utf8();
    std::fs::write(&p, format!("{}{to}{}", &t[..start + 1], &t[at..])).unwrap();
}

/// How many pages a build keeps from the served tree.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Keeps {
    /// Every page but the changed document's.
    AllButOne,
    /// Some: the pages whose inputs did not change (`render::inputs`).
    Some,
    None,
}

/// Pages are kept from the served tree when nothing they read changed.
/// While nothing but documents' texts changed (a word no fact of a
/// document reads) only those documents' pages are rendered again, and the
/// search index is brought up to date; a fact of a text (a citation) or
/// the registry renders the pages around it and those that read every
/// document's facts; a template, the build date, the record or the served
/// tree renders every page. After each case the site is a fresh build's,
/// and a rollback gives back the site before it.
#[test]
fn pages_are_kept_while_only_texts_change() {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
    let out = tmp.path().join("public");
    let first = build(&opts(&root, &out)).unwrap();
    assert_eq!(pages_kept(&first), 0, "a first build kept {:?}", first.kept);
    use Keeps::{AllButOne, None as Nothing, Some as Part};
    let cases: Vec<(&str, Change, Keeps)> = vec![
        (
            "a word no fact reads",
            |r, _, _| footnote(r, "Qxzmột việc"),
            AllButOne,
        ),
        ("the word back", |r, _, _| footnote(r, "Việc"), AllButOne),
        (
            "a citation added",
            |r, _, _| {
                append(
                    &r.join(PLAN),
                    "\nThực hiện Kết luận số 75-KL/TW ngày 28/7/2026 của Ban Chấp hành Trung ương.\n",
                );
            },
            Part,
        ),
        (
            "the registry",
            |r, _, _| add_body(r, "ban-moi", "Ban Mới"),
            Part,
        ),
        ("a template", |r, _, _| override_base(r), Nothing),
        (
            "another build date",
            |_, _, o| o.today = kehoach::date::Date::parse_iso("2027-01-15"),
            Nothing,
        ),
        (
            "a word no fact reads, again",
            |r, _, o| {
                o.today = kehoach::date::Date::parse_iso("2027-01-15");
                footnote(r, "Qxzhai việc");
            },
            AllButOne,
        ),
        (
            "the record damaged",
            |r, out, o| {
                o.today = kehoach::date::Date::parse_iso("2027-01-15");
                footnote(r, "Việc");
                damage_kept_record(out);
            },
            Nothing,
        ),
        (
            "the served tree rolled back",
            |r, out, o| {
                o.today = kehoach::date::Date::parse_iso("2027-01-15");
                footnote(r, "Công việc");
                build(o).unwrap();
                kehoach::publish::rollback(out).unwrap();
                footnote(r, "Việc");
            },
            Nothing,
        ),
    ];
    for (k, (name, change, expect)) in cases.into_iter().enumerate() {
        let before = snapshot(&out);
        let mut o = opts(&root, &out);
        change(&root, &out, &mut o);
        let r = build(&o).unwrap_or_else(|e| panic!("{name}: {e:#}"));
        let kept = pages_kept(&r);
        // Every page but the changed document's and the files that are
        // not pages (search, attachments, static files).
        let all_but_one = kept + 1 + 60 > r.publish.files;
        let keeps = match kept {
            0 => Keeps::None,
            _ if all_but_one => Keeps::AllButOne,
            _ => Keeps::Some,
        };
        assert_eq!(keeps, expect, "{name}: kept {kept} of {}", r.publish.files);
        // The search index is brought up to date from the served one when
        // entries changed (a word new to the index, or gone from it; the
        // entry of a document cited for the first time): only the shards
        // of the changed entries' words and the files of their numbers are
        // made.
        let search = r.kept.iter().any(|k| k.ends_with(" search index files"));
        let entries_changed = expect == AllButOne || name == "a citation added";
        assert_eq!(search, entries_changed, "{name}: kept {:?}", r.kept);
        same_as_fresh(&tmp.path().join(format!("fresh-{k}")), &o, name);
        if kept > 0 {
            let now = snapshot(&out);
            kehoach::publish::rollback(&out).unwrap();
            assert!(
                snapshot(&out) == before,
                "{name}: rolled back, not the site before"
            );
            kehoach::publish::rollback(&out).unwrap();
            assert!(
                snapshot(&out) == now,
                "{name}: rolled forward, not the site"
            );
        }
    }
}

/// Sources whose identity is as the last build recorded it, well after
/// their last change, are not read: their facts come from the read cache
/// and their texts from the files only when a page or the search index
/// asks. The site is a fresh build's whether a text is asked for (a
/// template renders every page; a new plan makes the search index anew)
/// or not (a word of one plan), and when the cache lost its entries.
#[test]
fn sources_unchanged_well_before_are_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
    let out = tmp.path().join("public");
    // Older than the racy window when the first build looks at them.
    std::thread::sleep(std::time::Duration::from_millis(3200));
    let first = build(&opts(&root, &out)).unwrap();
    assert_eq!(first.read.unread, 0, "{:?}", first.read);
    let plans = first.read.parsed;
    type Case = (&'static str, fn(&Path, &Path), usize, usize);
    let cases: Vec<Case> = vec![
        // (what, change, sources parsed, none of them unread: 0 = some)
        ("a word of one plan", |r, _| footnote(r, "b"), 1, 0),
        ("a template", |r, _| override_base(r), 0, 0),
        (
            "a new plan",
            |r, _| {
                std::fs::write(
                    r.join("content/plans/ttxvn/moi.md"),
                    "+++\nnumber = \"301-KH/ĐU\"\ndate = \"2026-03-02\"\n+++\nKẾ HOẠCH\n\nMới tuyên truyền.\n",
                )
                .unwrap();
            },
            1,
            0,
        ),
        (
            "the read cache emptied, its record kept, a word changed",
            |r, out| {
                footnote(r, "c");
                let dir = kehoach::readcache::folder(out).unwrap();
                for e in std::fs::read_dir(&dir).unwrap().flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name != kehoach::unchanged::RECORD
                        && name != kehoach::kept::RECORD
                        && name != kehoach::readcache::FRAMES
                    {
                        std::fs::remove_file(e.path()).unwrap();
                    }
                }
            },
            // Every source, the new plan among them.
            plans + 1,
            1,
        ),
    ];
    for (k, (name, change, parsed, none_unread)) in cases.into_iter().enumerate() {
        // Every earlier change out of the racy window too.
        std::thread::sleep(std::time::Duration::from_millis(3200));
        change(&root, &out);
        let o = opts(&root, &out);
        let r = build(&o).unwrap_or_else(|e| panic!("{name}: {e:#}"));
        assert_eq!(r.read.parsed, parsed, "{name}: {:?}", r.read);
        if none_unread == 1 {
            assert_eq!(r.read.unread, 0, "{name}: {:?}", r.read);
        } else {
            assert!(r.read.unread > 0, "{name}: {:?}", r.read);
        }
        same_as_fresh(&tmp.path().join(format!("fresh-unread-{k}")), &o, name);
    }
}
