//! Publishing on commit through real git: a bare repository with kehoach's
//! hooks, real pushes from a checkout, the published folder and its log.
//! A push publishes; a second updates; a broken push leaves the site byte
//! for byte as it was and tells the pusher why; with `--check` the broken
//! push is refused; a publish of one commit for two dates moves a task from
//! due to overdue; publishes in quick succession end with the latest commit.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const KEHOACH: &str = env!("CARGO_BIN_EXE_kehoach");

/// A git command with no outside configuration and fixed identities.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Ban Tuyên giáo")
        .env("GIT_AUTHOR_EMAIL", "btg@example.invalid")
        .env("GIT_COMMITTER_NAME", "Ban Tuyên giáo")
        .env("GIT_COMMITTER_EMAIL", "btg@example.invalid")
        .env("GIT_AUTHOR_DATE", "2026-03-20T10:00:00+07:00")
        .env("GIT_COMMITTER_DATE", "2026-03-20T10:00:00+07:00")
        .args(args)
        .output()
        .expect("git runs")
}

fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn kehoach(args: &[&str]) -> Output {
    Command::new(KEHOACH)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args(args)
        .output()
        .expect("kehoach runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

const PLAN: &str = "+++\nnumber = \"1-KH/TU\"\nkind = \"Kế hoạch\"\ndate = \"2026-02-10\"\nissuer = \"Ban Thường vụ Tỉnh ủy\"\ntitle = \"tuyên truyền năm 2026\"\n+++\n\nKẾ HOẠCH\ntuyên truyền năm 2026\n\n1. Ban Tuyên giáo Tỉnh ủy hướng dẫn WORD (hoàn thành trong tháng 3/2026).\n";

/// A site whose one plan has one task due in March 2026, its text carrying
/// `word`.
fn write_site(work: &Path, word: &str) {
    std::fs::create_dir_all(work.join("content/plans")).unwrap();
    std::fs::write(work.join("config.toml"), "title = \"Cổng thử\"\n").unwrap();
    std::fs::write(
        work.join("content/plans/kh-1.md"),
        PLAN.replace("WORD", word),
    )
    .unwrap();
}

fn commit_all(work: &Path, message: &str) {
    ok(git(work, &["add", "-A"]));
    ok(git(work, &["commit", "-q", "-m", message]));
}

/// A bare repository and a checkout pushing to it, in `tmp`.
fn repos(tmp: &Path) -> (PathBuf, PathBuf) {
    let bare = tmp.join("site.git");
    let work = tmp.join("work");
    ok(git(
        tmp,
        &["init", "-q", "--bare", "-b", "main", "site.git"],
    ));
    ok(git(tmp, &["init", "-q", "-b", "main", "work"]));
    ok(git(
        &work,
        &["remote", "add", "origin", &bare.to_string_lossy()],
    ));
    (bare, work)
}

/// Every page of the site, joined: to look for a word anywhere.
fn all_text(out: &Path) -> String {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(_, b)| String::from_utf8(b).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The states of the site's tasks, from `data/tracking.json`.
fn states(out: &Path) -> Vec<String> {
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/tracking.json")).unwrap()).unwrap();
    j["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["state"].as_str().unwrap().to_string())
        .collect()
}

fn log_lines(out: &Path) -> Vec<String> {
    std::fs::read_to_string(out.parent().unwrap().join(".public.publish.log"))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn pushes_publish_and_a_broken_push_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (bare, work) = repos(tmp.path());
    let out = tmp.path().join("www/public");
    let bare_s = bare.to_string_lossy().to_string();
    let out_s = out.to_string_lossy().to_string();
    ok(kehoach(&["hook", "install", &bare_s, "--out", &out_s]));
    assert!(bare.join("hooks/post-receive").is_file());
    assert!(!bare.join("hooks/pre-receive").exists());

    // A push publishes, with the commit's date as the build date.
    write_site(&work, "tuyên truyền");
    commit_all(&work, "Kế hoạch 1");
    let pushed = ok(git(&work, &["push", "-q", "origin", "main"]));
    assert!(
        out.join("index.html").is_file(),
        "the push published nothing: {}",
        stderr(&pushed)
    );
    assert!(stderr(&pushed).contains("remote: published commit"));
    assert!(all_text(&out).contains("tuyên truyền"));
    assert!(
        all_text(&out).contains("20/03/2026"),
        "the build date is the commit's"
    );
    assert_eq!(states(&out), ["this-month"]);
    let log = log_lines(&out);
    assert_eq!(log.len(), 1, "{log:?}");
    assert!(log[0].contains("\tref main\t") || log[0].contains("\tref refs/heads/main\t"));
    assert!(
        log[0].contains("date 2026-03-20 from the latest commit"),
        "{}",
        log[0]
    );
    assert!(log[0].contains("published:"), "{}", log[0]);

    // A second push updates it.
    write_site(&work, "phổ biến rộng rãi");
    commit_all(&work, "Sửa kế hoạch 1");
    ok(git(&work, &["push", "-q", "origin", "main"]));
    assert!(all_text(&out).contains("phổ biến rộng rãi"));
    assert!(!all_text(&out).contains("hướng dẫn tuyên truyền"));
    assert_eq!(log_lines(&out).len(), 2);

    // A broken push is accepted by git (post-receive cannot refuse) but the
    // site stays byte for byte, and the pusher reads the file and line.
    let before = snapshot(&out);
    std::fs::write(
        work.join("content/plans/kh-1.md"),
        "+++\nnumber = \"1-KH/TU\"\ndate = 2026-13-45\n+++\nKẾ HOẠCH\n",
    )
    .unwrap();
    commit_all(&work, "Hỏng");
    let broken = ok(git(&work, &["push", "-q", "origin", "main"]));
    let said = stderr(&broken);
    assert!(said.contains("remote:"), "{said}");
    assert!(said.contains("content/plans/kh-1.md:"), "{said}");
    assert!(said.contains("nothing was published"), "{said}");
    assert_eq!(snapshot(&out), before, "a broken push changed the site");
    let log = log_lines(&out);
    assert_eq!(log.len(), 3);
    assert!(log[2].contains("FAILED"), "{}", log[2]);
    assert!(log[2].contains("kh-1.md"), "{}", log[2]);

    // With --check, the broken commit is refused: the branch does not move.
    ok(kehoach(&[
        "hook", "install", &bare_s, "--out", &out_s, "--check",
    ]));
    assert!(bare.join("hooks/pre-receive").is_file());
    let tip = |dir: &Path| String::from_utf8(ok(git(dir, &["rev-parse", "main"])).stdout).unwrap();
    let served_tip = tip(&bare);
    std::fs::write(
        work.join("content/plans/kh-1.md"),
        "+++\nnumber = \"1-KH/TU\"\ndate = [\n+++\nKẾ HOẠCH\n",
    )
    .unwrap();
    commit_all(&work, "Hỏng lần nữa");
    let refused = git(&work, &["push", "-q", "origin", "main"]);
    assert!(!refused.status.success(), "the broken push was accepted");
    let said = stderr(&refused);
    assert!(said.contains("remote:"), "{said}");
    assert!(said.contains("content/plans/kh-1.md:"), "{said}");
    assert!(said.contains("refused"), "{said}");
    assert_eq!(tip(&bare), served_tip);
    assert_eq!(snapshot(&out), before, "a refused push changed the site");

    // A good commit on top goes through both hooks.
    write_site(&work, "hội thi tuyên truyền viên");
    commit_all(&work, "Sửa lại");
    ok(git(&work, &["push", "-q", "origin", "main"]));
    assert!(all_text(&out).contains("hội thi tuyên truyền viên"));
    // The scratch folders are gone; beside the site, only kehoach's files.
    let mut beside: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        [
            ".public.cache",
            ".public.lock",
            ".public.prev",
            ".public.publish.lock",
            ".public.publish.log",
            ".public.published",
            "public"
        ]
    );
}

#[test]
fn a_hook_kehoach_did_not_write_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let (bare, _) = repos(tmp.path());
    let mine = "#!/bin/sh\necho deploy elsewhere\n";
    std::fs::write(bare.join("hooks/pre-receive"), mine).unwrap();
    let o = kehoach(&[
        "hook",
        "install",
        &bare.to_string_lossy(),
        "--out",
        &tmp.path().join("public").to_string_lossy(),
        "--check",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("was not written by kehoach"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(bare.join("hooks/pre-receive")).unwrap(),
        mine
    );
    // All or nothing: the post-receive hook was not written either.
    assert!(!bare.join("hooks/post-receive").exists());
    // Not a repository: said, nothing written.
    let o = kehoach(&[
        "hook",
        "install",
        &tmp.path().join("nowhere").to_string_lossy(),
        "--out",
        "x",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("is not a git repository"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn states_follow_the_date_of_each_publish() {
    let tmp = tempfile::tempdir().unwrap();
    let (bare, work) = repos(tmp.path());
    write_site(&work, "tuyên truyền");
    commit_all(&work, "Kế hoạch 1");
    let out = tmp.path().join("www/public");
    let (work_s, out_s) = (
        work.to_string_lossy().to_string(),
        out.to_string_lossy().to_string(),
    );
    // One commit, published from a checkout (not bare) for two days.
    ok(kehoach(&[
        "publish",
        "--repo",
        &work_s,
        "--out",
        &out_s,
        "--today",
        "2026-03-31",
    ]));
    assert_eq!(states(&out), ["this-month"]);
    // The footer says the date the states were computed for.
    assert!(all_text(&out).contains("Tình trạng nhiệm vụ tính đến ngày 31/03/2026"));
    ok(kehoach(&[
        "publish",
        "--repo",
        &work_s,
        "--out",
        &out_s,
        "--today",
        "2026-04-01",
    ]));
    assert_eq!(states(&out), ["overdue"]);
    assert!(all_text(&out).contains("Tình trạng nhiệm vụ tính đến ngày 01/04/2026"));
    // The same commit for the same date again: nothing to do.
    let again = ok(kehoach(&[
        "publish",
        "--repo",
        &work_s,
        "--out",
        &out_s,
        "--today",
        "2026-04-01",
    ]));
    assert!(
        stderr(&again).contains("nothing to do"),
        "{}",
        stderr(&again)
    );
    let log = log_lines(&out);
    assert_eq!(log.len(), 3);
    assert!(
        log[0].contains("date 2026-03-31 from --today"),
        "{}",
        log[0]
    );
    assert!(
        log[1].contains("date 2026-04-01 from --today"),
        "{}",
        log[1]
    );
    assert!(log[2].contains("unchanged"), "{}", log[2]);

    // `hook install --daily` where systemd does not run prints the crontab
    // line; the script it names republishes with the day's date.
    ok(git(&work, &["push", "-q", "origin", "main"]));
    let bare_s = bare.to_string_lossy().to_string();
    let o = ok(kehoach(&[
        "hook", "install", &bare_s, "--out", &out_s, "--daily",
    ]));
    let daily = bare.join("hooks/kehoach-daily");
    assert!(daily.is_file());
    if !Path::new("/run/systemd/system").is_dir() {
        let line = String::from_utf8_lossy(&o.stdout).to_string();
        assert!(line.contains(&*daily.to_string_lossy()), "{line}");
        assert!(line.starts_with("5 0 * * * "), "{line}");
    }
    let hook = std::fs::read_to_string(bare.join("hooks/post-receive")).unwrap();
    assert!(hook.contains(r#"--today "$(date +%F)""#), "{hook}");
    ok(Command::new(&daily).output().unwrap());
    let today =
        String::from_utf8(ok(Command::new("date").arg("+%F").output().unwrap()).stdout).unwrap();
    let log = log_lines(&out);
    assert!(
        log.last()
            .unwrap()
            .contains(&format!("date {} from --today", today.trim())),
        "{log:?}"
    );
}

#[test]
fn publishes_in_quick_succession_end_with_the_latest_commit() {
    let tmp = tempfile::tempdir().unwrap();
    let (bare, work) = repos(tmp.path());
    let out = tmp.path().join("public");
    let (bare_s, out_s) = (
        bare.to_string_lossy().to_string(),
        out.to_string_lossy().to_string(),
    );
    write_site(&work, "lần một");
    commit_all(&work, "1");
    ok(git(&work, &["push", "-q", "origin", "main"]));
    let publish = || {
        Command::new(KEHOACH)
            .args(["publish", "--repo", &bare_s, "--out", &out_s])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let first = publish();
    write_site(&work, "lần hai");
    commit_all(&work, "2");
    ok(git(&work, &["push", "-q", "origin", "main"]));
    let second = publish();
    for p in [first, second] {
        let o = p.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(all_text(&out).contains("lần hai"));
    assert!(!all_text(&out).contains("lần một"));
    // A commit that does not exist: said, the site unchanged.
    let before = snapshot(&out);
    let o = kehoach(&[
        "publish", "--repo", &bare_s, "--out", &out_s, "--ref", "khong-co",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no commit is named khong-co"),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(&out), before);
}
