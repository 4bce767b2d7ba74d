//! Publishing: the only stage that writes, and it writes so that the output
//! folder is, at every instant, exactly the previous site or exactly the new
//! one.
//!
//! The new site is built whole in a staging folder beside the output
//! (`.<out>.next`): a file whose bytes did not change is hard-linked from the
//! current release (nothing rewritten, same inode and timestamp), every other
//! file is written new. The staging folder is flushed to disk, then swapped
//! with the output in one atomic step (`renameat2(RENAME_EXCHANGE)` on
//! Linux). The release it replaces is kept as `.<out>.prev`, which
//! [`rollback`] swaps back in. Leftovers of an interrupted build (a staging
//! folder, a release waiting to be removed) are cleared at the next start.
//!
//! Where the exchange is not available (another OS, a file system without
//! it), the fallback is two renames: the old release is moved aside, then the
//! new one into place. It never mixes the two sites, but for the moment
//! between the renames the output folder is absent (a web server answers
//! 404); the build summary says when this fallback was used.
//!
//! A folder is only ever replaced when it is empty or carries the marker file
//! [`MARKER`] that every release has, so a mistyped `--out` never swallows a
//! folder kehoach did not write. One build at a time holds `.<out>.lock`.

use crate::render::OutFile;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A file in every release: what the folder is, so that a later build knows
/// it may replace it.
pub const MARKER: &str = ".kehoach-release";
const MARKER_TEXT: &str = "This folder is a site built by kehoach. Each build replaces it whole; edit the sources, not these files.\n";

#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub files: usize,
    /// Files written new (their bytes changed or they are new).
    pub written: usize,
    /// Files linked unchanged from the previous release.
    pub unchanged: usize,
    /// Files of the previous release the new one no longer has.
    pub removed: usize,
    /// The swap was two renames, not one atomic exchange.
    pub fallback: bool,
}

/// The folders beside the output that publishing uses.
#[derive(Debug, Clone)]
pub struct Places {
    pub out: PathBuf,
    /// The release being built.
    pub next: PathBuf,
    /// The release before the current one, for rollback.
    pub prev: PathBuf,
    /// A release on its way out (removed at once, or at the next start).
    pub trash: PathBuf,
    pub lock: PathBuf,
}

impl Places {
    pub fn of(out: &Path) -> Result<Places> {
        let name = out
            .file_name()
            .with_context(|| {
                format!(
                    "--out {}: name a folder (such as public), not a root or '..'",
                    out.display()
                )
            })?
            .to_string_lossy()
            .to_string();
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let beside = |suffix: &str| parent.join(format!(".{name}.{suffix}"));
        Ok(Places {
            out: out.to_path_buf(),
            next: beside("next"),
            prev: beside("prev"),
            trash: beside("trash"),
            lock: beside("lock"),
        })
    }
}

/// Holds `.<out>.lock` for the life of a publish or rollback.
struct Lock {
    _file: File,
}

impl Lock {
    fn take(p: &Places) -> Result<Lock> {
        let file = File::create(&p.lock)
            .with_context(|| format!("creating the lock file {}", p.lock.display()))?;
        #[cfg(unix)]
        {
            use rustix::fs::{FlockOperation, flock};
            if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
                bail!(
                    "another kehoach build is publishing into {} (it holds {}): wait for it to finish",
                    p.out.display(),
                    p.lock.display()
                );
            }
        }
        Ok(Lock { _file: file })
    }
}

/// Whether `dir` may be replaced: it does not exist, is empty, or is a
/// release (carries the marker).
fn replaceable(dir: &Path) -> Result<bool> {
    let meta = match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
        Ok(m) => m,
    };
    if !meta.is_dir() {
        return Ok(false);
    }
    if dir.join(MARKER).is_file() {
        return Ok(true);
    }
    Ok(std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .next()
        .is_none())
}

/// Removes a folder this module made (a staging folder, an old release),
/// if it is there.
fn clear(dir: &Path) -> Result<()> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("reading {}", dir.display())),
        Ok(m) if m.is_dir() => {
            std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))
        }
        Ok(_) => std::fs::remove_file(dir).with_context(|| format!("removing {}", dir.display())),
    }
}

/// Clears what an interrupted build left beside the output.
fn clean_leftovers(p: &Places) -> Result<()> {
    for d in [&p.next, &p.trash] {
        if !replaceable(d)? {
            bail!(
                "{} is in the way and was not made by kehoach: move it elsewhere",
                d.display()
            );
        }
        clear(d)?;
    }
    Ok(())
}

/// Makes `out` hold exactly `files`, switching from the previous site to
/// the new one in one step. On any error the previous site stays as it was.
pub fn publish(out: &Path, files: &[OutFile]) -> Result<Stats> {
    let p = Places::of(out)?;
    if let Some(parent) = p.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let _lock = Lock::take(&p)?;
    if !replaceable(&p.out)? {
        bail!(
            "{} exists and was not written by kehoach (it has no {MARKER} file): choose another --out, or remove the folder if it is an old site",
            p.out.display()
        );
    }
    clean_leftovers(&p)?;
    let result = stage(&p, files).and_then(|mut stats| {
        stats.fallback = swap_in(&p)?;
        Ok(stats)
    });
    if result.is_err() {
        // The output was not touched; the half-built staging folder goes.
        let _ = clear(&p.next);
    }
    result
}

/// Builds the new release in `p.next`, flushed to disk.
fn stage(p: &Places, files: &[OutFile]) -> Result<Stats> {
    std::fs::create_dir(&p.next).with_context(|| format!("creating {}", p.next.display()))?;
    make_dirs(&p.next, files)?;
    let current = p.out.is_dir();
    let linked: Vec<bool> = files
        .par_iter()
        .map(|f| {
            let dest = p.next.join(&f.path);
            let old = p.out.join(&f.path);
            if current && same_bytes(&old, &f.bytes) && std::fs::hard_link(&old, &dest).is_ok() {
                return Ok(true);
            }
            let mut file =
                File::create(&dest).with_context(|| format!("writing {}", dest.display()))?;
            file.write_all(&f.bytes)
                .with_context(|| format!("writing {}", dest.display()))?;
            if !cfg!(target_os = "linux") {
                file.sync_all()
                    .with_context(|| format!("flushing {}", dest.display()))?;
            }
            Ok(false)
        })
        .collect::<Result<_>>()?;
    std::fs::write(p.next.join(MARKER), MARKER_TEXT)
        .with_context(|| format!("writing {}", p.next.join(MARKER).display()))?;
    flush(&p.next)?;
    let unchanged = linked.iter().filter(|&&l| l).count();
    let removed = if current {
        count_gone(&p.out, files)?
    } else {
        0
    };
    Ok(Stats {
        files: files.len(),
        written: files.len() - unchanged,
        unchanged,
        removed,
        fallback: false,
    })
}

fn same_bytes(old: &Path, new: &[u8]) -> bool {
    std::fs::symlink_metadata(old).is_ok_and(|m| m.is_file() && m.len() == new.len() as u64)
        && std::fs::read(old).is_ok_and(|b| b == new)
}

/// Everything written under `dir` reaches the disk before the swap: one
/// `syncfs` on Linux (the files were written without a flush each); other
/// systems flushed each file as it was written.
fn flush(dir: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        let d = File::open(dir).with_context(|| format!("opening {}", dir.display()))?;
        rustix::fs::syncfs(&d).with_context(|| format!("flushing {}", dir.display()))?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    Ok(())
}

/// Flushes a folder's entries (the renames in it) to disk.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Files of the current release that the new one does not have.
fn count_gone(out: &Path, files: &[OutFile]) -> Result<usize> {
    let keep: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut n = 0;
    for e in walkdir::WalkDir::new(out).min_depth(1) {
        let e = e.with_context(|| format!("reading {}", out.display()))?;
        if e.file_type().is_dir() {
            continue;
        }
        let rel = e.path().strip_prefix(out).unwrap_or(e.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel != MARKER && !keep.contains(rel.as_str()) {
            n += 1;
        }
    }
    Ok(n)
}

/// Swaps the staged release in; the one it replaces becomes `p.prev`.
/// Returns whether the two-rename fallback was used.
fn swap_in(p: &Places) -> Result<bool> {
    let parent = p
        .out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !p.out.exists() {
        std::fs::rename(&p.next, &p.out)
            .with_context(|| format!("moving the new site into {}", p.out.display()))?;
        sync_dir(parent);
        return Ok(false);
    }
    let fallback = match exchange(&p.next, &p.out) {
        Ok(()) => false,
        Err(e) if exchange_unsupported(&e) => {
            // Old release aside, then the new one in: never mixed, briefly absent.
            clear(&p.trash)?;
            std::fs::rename(&p.out, &p.trash)
                .with_context(|| format!("moving {} aside", p.out.display()))?;
            if let Err(e) = std::fs::rename(&p.next, &p.out) {
                let _ = std::fs::rename(&p.trash, &p.out);
                return Err(e)
                    .with_context(|| format!("moving the new site into {}", p.out.display()));
            }
            std::fs::rename(&p.trash, &p.next)
                .with_context(|| format!("keeping the previous site in {}", p.next.display()))?;
            true
        }
        Err(e) => {
            return Err(e)
                .with_context(|| format!("swapping {} and {}", p.next.display(), p.out.display()));
        }
    };
    sync_dir(parent);
    // `next` now holds the previous release: it becomes `prev`.
    if p.prev.exists() {
        std::fs::rename(&p.prev, &p.trash)
            .with_context(|| format!("moving {} aside", p.prev.display()))?;
    }
    std::fs::rename(&p.next, &p.prev)
        .with_context(|| format!("keeping the previous site in {}", p.prev.display()))?;
    clear(&p.trash)?;
    sync_dir(parent);
    Ok(fallback)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// The exchange is refused by the kernel or the file system (not a
/// failure of this build).
fn exchange_unsupported(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::io::Errno;
        let refused = [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP];
        if refused
            .iter()
            .any(|c| e.raw_os_error() == Some(c.raw_os_error()))
        {
            return true;
        }
    }
    e.kind() == std::io::ErrorKind::Unsupported
}

/// What [`rollback`] did.
#[derive(Debug)]
pub struct Rolled {
    pub fallback: bool,
}

/// Brings the previous release back (the current one becomes the
/// previous, so a second rollback undoes the first).
pub fn rollback(out: &Path) -> Result<Rolled> {
    let p = Places::of(out)?;
    let _lock = Lock::take(&p)?;
    if !p.prev.join(MARKER).is_file() {
        bail!(
            "there is no previous release to bring back ({} is missing): rollback works after a second build",
            p.prev.display()
        );
    }
    if !replaceable(&p.out)? {
        bail!(
            "{} was not written by kehoach: rollback would replace it",
            p.out.display()
        );
    }
    clean_leftovers(&p)?;
    if !p.out.exists() {
        std::fs::rename(&p.prev, &p.out)
            .with_context(|| format!("moving {} into place", p.prev.display()))?;
        return Ok(Rolled { fallback: false });
    }
    match exchange(&p.prev, &p.out) {
        Ok(()) => Ok(Rolled { fallback: false }),
        Err(e) if exchange_unsupported(&e) => {
            std::fs::rename(&p.out, &p.trash)
                .with_context(|| format!("moving {} aside", p.out.display()))?;
            std::fs::rename(&p.prev, &p.out)
                .with_context(|| format!("moving {} into place", p.prev.display()))?;
            std::fs::rename(&p.trash, &p.prev)
                .with_context(|| format!("keeping {} as the previous release", p.out.display()))?;
            Ok(Rolled { fallback: true })
        }
        Err(e) => Err(e).with_context(|| format!("swapping {} back", p.prev.display())),
    }
}

/// Creates the folders the files go in, each level in parallel.
fn make_dirs(root: &Path, files: &[OutFile]) -> Result<()> {
    let mut all: BTreeSet<PathBuf> = BTreeSet::new();
    for f in files {
        let mut p = Path::new(&f.path).parent();
        while let Some(d) = p.filter(|d| !d.as_os_str().is_empty()) {
            if !all.insert(d.to_path_buf()) {
                break;
            }
            p = d.parent();
        }
    }
    let mut levels: Vec<Vec<PathBuf>> = Vec::new();
    for d in all {
        let n = d.components().count();
        if levels.len() <= n {
            levels.resize_with(n + 1, Vec::new);
        }
        levels[n].push(d);
    }
    for level in levels.iter().filter(|l| !l.is_empty()) {
        level.par_iter().try_for_each(|d| {
            let d = root.join(d);
            std::fs::create_dir(&d).with_context(|| format!("creating {}", d.display()))
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutFile {
        OutFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn each_build_replaces_the_site_whole_and_keeps_the_previous() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = publish(
            &out,
            &[
                file("a/index.html", "A"),
                file("b/x/index.html", "B"),
                file("c", "C"),
            ],
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (3, 0, 0));
        let s = publish(
            &out,
            &[
                file("a/index.html", "A"),
                file("b/x/index.html", "B2"),
                file("c/index.html", "C"),
                file("d", "D"),
            ],
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (3, 1, 1));
        let s = publish(&out, &[file("a/index.html", "A")]).unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (0, 1, 3));
        assert_eq!(listing(&out), vec![MARKER, "a", "a/index.html"]);
        // The previous release is kept beside, and nothing else.
        let mut beside: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        beside.sort();
        assert_eq!(beside, vec![".public.lock", ".public.prev", "public"]);
        assert!(Path::new(&dir.path().join(".public.prev/d")).is_file());
    }

    #[test]
    fn unchanged_files_are_linked_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[file("a.html", "A"), file("b.html", "B")]).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ino = std::fs::metadata(out.join("a.html")).unwrap().ino();
            publish(&out, &[file("a.html", "A"), file("b.html", "B2")]).unwrap();
            assert_eq!(std::fs::metadata(out.join("a.html")).unwrap().ino(), ino);
            assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"B2");
            // The previous release still holds its own b.
            assert_eq!(
                std::fs::read(dir.path().join(".public.prev/b.html")).unwrap(),
                b"B"
            );
        }
    }

    #[test]
    fn rollback_swaps_the_previous_release_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        assert!(rollback(&out).is_err(), "nothing to roll back to yet");
        publish(&out, &[file("v", "1")]).unwrap();
        publish(&out, &[file("v", "2")]).unwrap();
        rollback(&out).unwrap();
        assert_eq!(std::fs::read(out.join("v")).unwrap(), b"1");
        rollback(&out).unwrap();
        assert_eq!(std::fs::read(out.join("v")).unwrap(), b"2");
    }

    #[test]
    fn leftovers_of_an_interrupted_build_are_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[file("v", "1")]).unwrap();
        // A build killed while staging left its half-written folder.
        let next = dir.path().join(".public.next");
        std::fs::create_dir_all(next.join("x")).unwrap();
        std::fs::write(next.join(MARKER), "").unwrap();
        std::fs::write(next.join("x/half"), "…").unwrap();
        publish(&out, &[file("v", "2")]).unwrap();
        assert!(!next.exists());
        assert_eq!(listing(&out), vec![MARKER, "v"]);
    }

    #[test]
    fn a_folder_kehoach_did_not_write_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("thesis.odt"), "mine").unwrap();
        let e = publish(&out, &[file("index.html", "x")]).unwrap_err();
        assert!(e.to_string().contains("not written by kehoach"), "{e}");
        assert_eq!(listing(&out), vec!["thesis.odt"]);
        // An empty folder is fine.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        publish(&empty, &[file("index.html", "x")]).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_site_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[file("a", "1"), file("b", "1")]).unwrap();
        // A file and a folder at the same path cannot both be written.
        let e = publish(&out, &[file("a", "2"), file("b", "2"), file("b/c", "2")]);
        assert!(e.is_err());
        assert_eq!(std::fs::read(out.join("a")).unwrap(), b"1");
        assert_eq!(listing(&out), vec![MARKER, "a", "b"]);
        assert!(!dir.path().join(".public.next").exists());
    }
}
