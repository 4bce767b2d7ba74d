//! Publishing on commit: `kehoach publish` builds one commit of a git
//! repository (bare or not) into the output folder, and `kehoach hook
//! install` makes a bare repository run it on every push.
//!
//! A publish waits for any other publish into the same folder (a lock
//! beside it, `.<out>.publish.lock`), then resolves the ref — so pushes in
//! quick succession end with the site of the latest commit — writes the
//! commit's tree into a private folder beside the output, and builds it
//! with [`crate::build::build`]: the build date is the commit's (as a
//! checkout of it gives) unless `--today` says otherwise, and the site is
//! swapped in atomically; a failed build leaves the served site as it was.
//! Each publish appends one line to `.<out>.publish.log`: the time, the
//! commit, the build date and where it came from, and the result.
//!
//! Invariant: nothing is written outside the output folder's parent, and
//! there only the lock, the log, the record of the last publish and the
//! extracted tree (removed when the publish ends).

pub mod git;
pub mod hook;

use crate::build::{self, Report};
use crate::date::Date;
use anyhow::{Context, Result, bail};
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What to publish, and where.
#[derive(Clone, Debug)]
pub struct Options {
    /// The repository: a bare one (as on the server) or a checkout.
    pub repo: PathBuf,
    /// The branch, tag or commit to build.
    pub rev: String,
    /// The output folder; not needed by a check.
    pub out: Option<PathBuf>,
    /// The build date; None: the commit's.
    pub today: Option<Date>,
    /// Only build, into a folder that is then removed: does the commit build?
    pub check_only: bool,
}

/// What a publish did.
#[derive(Debug)]
pub enum Outcome {
    /// The commit was built and its site swapped in (or, for a check,
    /// built and thrown away).
    Built { commit: String, report: Box<Report> },
    /// The output already holds this commit's site for this date; nothing
    /// was built.
    Unchanged { commit: String },
}

/// The files publishing keeps beside the output folder.
struct Beside {
    lock: PathBuf,
    log: PathBuf,
    /// The last commit published, the date asked for and the output's
    /// manifest hash then.
    record: PathBuf,
    /// The commit's tree while it is built.
    src: PathBuf,
}

impl Beside {
    fn of(out: &Path) -> Result<Beside> {
        let at = |suffix: &str| crate::publish::beside(out, suffix);
        Ok(Beside {
            lock: at("publish.lock")?,
            log: at("publish.log")?,
            record: at("published")?,
            src: at("publish-src")?,
        })
    }
}

/// The path of the publish log of the output folder `out`.
pub fn log_path(out: &Path) -> Result<PathBuf> {
    Ok(Beside::of(out)?.log)
}

/// An exclusive lock held while the value lives; waits for the holder.
struct Lock {
    _file: File,
}

impl Lock {
    fn wait(path: &Path) -> Result<Lock> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let file = File::create(path)
            .with_context(|| format!("creating the lock file {}", path.display()))?;
        #[cfg(unix)]
        {
            use rustix::fs::{FlockOperation, flock};
            if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
                eprintln!(
                    "waiting for another publish into this folder to finish ({})",
                    path.display()
                );
                flock(&file, FlockOperation::LockExclusive)
                    .with_context(|| format!("waiting for the lock {}", path.display()))?;
            }
        }
        Ok(Lock { _file: file })
    }
}

/// A folder removed, with what it holds, when the value is dropped.
struct Scratch(PathBuf);

impl Scratch {
    /// A new empty folder at `path` (whatever was there is removed: only
    /// the lock's holder uses this name).
    fn at(path: PathBuf) -> Result<Scratch> {
        if std::fs::symlink_metadata(&path).is_ok() {
            std::fs::remove_dir_all(&path).with_context(|| {
                format!("removing {} left by an earlier publish", path.display())
            })?;
        }
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(Scratch(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The record of a publish: kehoach's version, the commit, the date asked
/// for (or "commit") and the hash of the output's manifest it left.
fn record_line(commit: &str, today: Option<Date>, manifest: &[u8]) -> String {
    format!(
        "{} {commit} {} {:032x}\n",
        env!("CARGO_PKG_VERSION"),
        today.map_or_else(|| "commit".to_string(), |d| d.to_string()),
        xxhash_rust::xxh3::xxh3_128(manifest)
    )
}

/// Builds `opts.rev` of `opts.repo` and publishes it (see the module's
/// documentation). Every publish, whatever its result, appends its line to
/// the log; a check writes nothing but its scratch folder.
pub fn publish(opts: &Options) -> Result<Outcome> {
    let git_dir = git::git_dir(&opts.repo)?;
    if opts.check_only {
        return check(opts, &git_dir);
    }
    let Some(out) = opts.out.as_deref() else {
        bail!("publish: give --out, the folder the web server serves (or --check to only build)");
    };
    let beside = Beside::of(out)?;
    let _lock = Lock::wait(&beside.lock)?;
    // Resolved only once the lock is held: a publish that waited builds
    // the latest commit, not the one that was pushed when it started.
    let result = git::resolve(&git_dir, &opts.rev).and_then(|commit| {
        let manifest = std::fs::read(out.join(crate::publish::MARKER)).unwrap_or_default();
        let same = std::fs::read_to_string(&beside.record).is_ok_and(|r| {
            !manifest.is_empty() && r == record_line(&commit, opts.today, &manifest)
        });
        if same {
            return Ok(Outcome::Unchanged { commit });
        }
        let r = build_commit(&git_dir, &commit, &beside.src, out, opts.today);
        let report = r.map_err(|e| e.context(format!("commit {}", short(&commit))))?;
        let manifest = std::fs::read(out.join(crate::publish::MARKER)).unwrap_or_default();
        std::fs::write(&beside.record, record_line(&commit, opts.today, &manifest))
            .with_context(|| format!("writing {}", beside.record.display()))?;
        Ok(Outcome::Built {
            commit,
            report: Box::new(report),
        })
    });
    let line = log_line(&opts.rev, opts.today, &result);
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&beside.log)
        .and_then(|mut f| f.write_all(line.as_bytes()))
        .with_context(|| format!("appending to the publish log {}", beside.log.display()))?;
    result
}

/// Builds the commit into a scratch folder that is then removed.
fn check(opts: &Options, git_dir: &Path) -> Result<Outcome> {
    let commit = git::resolve(git_dir, &opts.rev)?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let scratch = Scratch::at(
        std::env::temp_dir().join(format!("kehoach-check-{}-{nanos}", std::process::id())),
    )?;
    let report = build_commit(
        git_dir,
        &commit,
        &scratch.0.join("src"),
        &scratch.0.join("site"),
        opts.today,
    )
    .map_err(|e| e.context(format!("commit {}", short(&commit))))?;
    Ok(Outcome::Built {
        commit,
        report: Box::new(report),
    })
}

/// Writes the commit's tree into `src` and builds it into `out`.
fn build_commit(
    git_dir: &Path,
    commit: &str,
    src: &Path,
    out: &Path,
    today: Option<Date>,
) -> Result<Report> {
    let scratch = Scratch::at(src.to_path_buf())?;
    let tree = scratch.0.join("tree");
    std::fs::create_dir(&tree).with_context(|| format!("creating {}", tree.display()))?;
    git::extract(git_dir, commit, &tree, &scratch.0.join("index"))?;
    build::build(&build::Options {
        root: tree,
        out: out.to_path_buf(),
        today,
        drafts: false,
        commit: Some(crate::build_date::Commit {
            git_dir: git_dir.to_path_buf(),
            rev: commit.to_string(),
        }),
        read_cache: true,
    })
}

/// The first twelve digits of a hash.
pub fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

/// One line of the publish log: UTC time, ref, commit, build date and its
/// source, result.
fn log_line(rev: &str, today: Option<Date>, result: &Result<Outcome>) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let day = Date::from_days(now.div_euclid(86_400));
    let s = now.rem_euclid(86_400);
    let time = format!("{day}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60);
    let asked = today.map_or_else(|| "the commit's".to_string(), |d| d.to_string());
    let what = match result {
        Ok(Outcome::Built { commit, report }) => format!(
            "commit {}\tdate {} from {}\tpublished: {} documents, {} files ({} written, {} removed), {} warning(s)",
            short(commit),
            report.today,
            report.today_from,
            report.documents,
            report.publish.files,
            report.publish.written,
            report.publish.removed,
            report.warnings.len()
        ),
        Ok(Outcome::Unchanged { commit }) => format!(
            "commit {}\tdate {asked}\tunchanged: the site of this commit for this date is already published",
            short(commit)
        ),
        Err(e) => format!(
            "date {asked}\tFAILED, the site was left as it was: {}",
            format!("{e:#}").replace(['\n', '\t'], " ")
        ),
    };
    format!("{time}\tref {rev}\t{what}\n")
}
