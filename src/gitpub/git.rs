//! The `git` command line, as publishing on commit uses it: resolve a
//! revision to a commit, and write a commit's tree into a folder.
//!
//! Invariant: every git command names its repository (`--git-dir`) and
//! runs without the `GIT_DIR`, `GIT_WORK_TREE` and `GIT_INDEX_FILE` a hook
//! inherits, so a hook's environment never points one at another folder.
//! The object variables a `pre-receive` hook gets (the pushed objects in
//! quarantine) are kept, so a pushed commit can be read before it lands.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A git command with the hook's pointers removed from its environment.
fn bare_git() -> Command {
    let mut cmd = Command::new("git");
    for v in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX"] {
        cmd.env_remove(v);
    }
    cmd
}

/// A git command on the repository `git_dir` (see [`bare_git`]).
pub(super) fn git(git_dir: &Path) -> Command {
    let mut cmd = bare_git();
    cmd.arg("--git-dir").arg(git_dir);
    cmd
}

/// Runs `cmd`; its stdout when it succeeds, else an error with git's own
/// message and `what` it was doing.
pub(super) fn run(mut cmd: Command, what: &str) -> Result<String> {
    let out = cmd
        .output()
        .with_context(|| format!("{what}: could not run git (is it installed and on PATH?)"))?;
    if !out.status.success() {
        bail!(
            "{what}: git says: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    String::from_utf8(out.stdout).with_context(|| format!("{what}: git's answer is not UTF-8"))
}

/// The git folder of the repository at `repo`: the folder itself for a bare
/// repository, its `.git` for a checkout. Absolute, so later commands do
/// not depend on the current folder.
pub fn git_dir(repo: &Path) -> Result<PathBuf> {
    let mut cmd = bare_git();
    cmd.arg("-C")
        .arg(repo)
        .args(["rev-parse", "--absolute-git-dir"]);
    let dir = run(
        cmd,
        &format!(
            "{} is not a git repository (give --repo the bare repository or a checkout)",
            repo.display()
        ),
    )?;
    Ok(PathBuf::from(dir.trim()))
}

/// The full hash of the commit `rev` names (a branch, tag or hash).
pub fn resolve(git_dir: &Path, rev: &str) -> Result<String> {
    let mut cmd = git(git_dir);
    cmd.args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{rev}^{{commit}}"));
    let out = cmd
        .output()
        .context("could not run git (is it installed and on PATH?)")?;
    let hash = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if !out.status.success() || hash.is_empty() {
        bail!(
            "{}: no commit is named {rev} there (push to it first, or give --ref the branch the site is built from)",
            git_dir.display()
        );
    }
    Ok(hash)
}

/// Writes the tree of `commit` into the empty folder `dest`, as a checkout
/// would (attributes and filters apply), through a private index file.
pub fn extract(git_dir: &Path, commit: &str, dest: &Path, index: &Path) -> Result<()> {
    let what = format!(
        "writing the files of commit {commit} into {}",
        dest.display()
    );
    let mut read = git(git_dir);
    read.env("GIT_INDEX_FILE", index)
        .args(["read-tree", "--end-of-options"])
        .arg(commit);
    run(read, &what)?;
    let mut out = git(git_dir);
    out.env("GIT_INDEX_FILE", index)
        .arg("--work-tree")
        .arg(dest)
        .args(["checkout-index", "--all", "--force"]);
    run(out, &what)?;
    Ok(())
}

/// The first line of the commit's message, for the log.
pub fn subject(git_dir: &Path, commit: &str) -> String {
    let mut cmd = git(git_dir);
    cmd.args(["log", "-1", "--format=%s", "--end-of-options", commit]);
    run(cmd, "reading the commit's subject")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}
