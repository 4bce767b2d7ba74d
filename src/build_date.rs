//! The build date, which decides what is due, overdue or upcoming: never
//! the clock, so that two builds of one commit are byte-identical.
//!
//! `--today` when given; else, in a git repository, the committer date of
//! the latest commit touching the published sources (read with the `git`
//! command line, in the committer's own time zone); else the latest
//! modification time of the published sources. Sources kept out of the site
//! (drafts, marked documents) do not count.

use crate::date::Date;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

/// Where the build date came from, for the summary line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum From {
    Option,
    Commit(String),
    Modified,
}

impl std::fmt::Display for From {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            From::Option => write!(f, "--today"),
            From::Commit(c) => write!(f, "the latest commit touching the sources, {c}"),
            From::Modified => write!(f, "the latest change of a source file (not a git checkout)"),
        }
    }
}

/// A commit whose tree was extracted to build it (`kehoach publish`): the
/// sources' folder is then no checkout, so the date is read from the
/// repository the commit lives in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    /// The repository's git folder (a bare repository, or a checkout's `.git`).
    pub git_dir: PathBuf,
    /// The commit's full hash.
    pub rev: String,
}

/// The committer date (YYYY-MM-DD in the committer's zone) and short hash
/// of the latest commit touching `paths` under `root` (at `commit`, else at
/// the checkout's HEAD), leaving out `excluded` (paths relative to the
/// root). None when git or the repository is not there.
fn latest_commit(
    root: &Path,
    commit: Option<&Commit>,
    paths: &[&str],
    excluded: &[PathBuf],
) -> Option<(Date, String)> {
    let mut cmd = Command::new("git");
    match commit {
        Some(c) => cmd.arg("--git-dir").arg(&c.git_dir),
        None => cmd.arg("-C").arg(root),
    };
    cmd.args(["log", "-1", "--format=%cd %h", "--date=format:%Y-%m-%d"]);
    if let Some(c) = commit {
        cmd.arg(&c.rev);
    }
    cmd.arg("--").args(paths);
    for e in excluded {
        cmd.arg(format!(":(exclude){}", e.to_string_lossy()));
    }
    let out = cmd.stderr(std::process::Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut parts = text.split_whitespace();
    let date = Date::parse_iso(parts.next()?)?;
    Some((date, parts.next().unwrap_or_default().to_string()))
}

/// The build date and where it came from. `latest` is the newest
/// modification time of the published sources; `excluded` the withheld
/// ones.
pub fn decide(
    today: Option<Date>,
    root: &Path,
    commit: Option<&Commit>,
    excluded: &[PathBuf],
    latest: Option<SystemTime>,
) -> (Date, From) {
    if let Some(d) = today {
        return (d, From::Option);
    }
    let sources = ["content", "config.toml", "themes", "static"];
    if let Some((d, hash)) = latest_commit(root, commit, &sources, excluded) {
        return (d, From::Commit(format!("{hash} of {d}")));
    }
    let secs = latest
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    (Date::from_days(secs.div_euclid(86_400)), From::Modified)
}
