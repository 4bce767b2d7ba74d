//! Output: the only stage that writes. It runs only after every page has
//! been rendered in memory, so a build that fails (bad front matter, a
//! template error) never touches the previous site. It then updates the
//! output folder in place: a file whose bytes are unchanged is left alone
//! (no write, no new timestamp, so `rsync` and web caches see no change), a
//! changed file is written beside its place and renamed over it (readers
//! never see half a file), and files the new site no longer has are removed
//! last.

use crate::render::OutFile;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub files: usize,
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub bytes: u64,
}

/// Makes `out` hold exactly `files`.
pub fn write(out: &Path, files: &[OutFile]) -> Result<WriteStats> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    make_dirs(out, files)?;
    let tmp_suffix = format!(".kehoach-{}", std::process::id());
    let written: Vec<bool> = files
        .par_iter()
        .map(|f| {
            let dest = out.join(&f.path);
            let same = std::fs::metadata(&dest)
                .is_ok_and(|m| m.is_file() && m.len() == f.bytes.len() as u64)
                && std::fs::read(&dest).is_ok_and(|b| b == f.bytes);
            if same {
                return Ok(false);
            }
            if dest.is_dir() {
                remove_tree(&dest)?;
            }
            let mut tmp = dest.clone().into_os_string();
            tmp.push(&tmp_suffix);
            std::fs::write(&tmp, &f.bytes)
                .with_context(|| format!("writing {}", dest.display()))?;
            std::fs::rename(&tmp, &dest)
                .with_context(|| format!("moving {} into place", dest.display()))?;
            Ok(true)
        })
        .collect::<Result<_>>()?;
    let removed = remove_stale(out, files)?;
    let n = written.iter().filter(|&&w| w).count();
    Ok(WriteStats {
        files: files.len(),
        written: n,
        unchanged: files.len() - n,
        removed,
        bytes: files.iter().map(|f| f.bytes.len() as u64).sum(),
    })
}

/// Creates the folders the files go in, each level in parallel. A file of
/// the previous site standing where a folder must go is removed.
fn make_dirs(out: &Path, files: &[OutFile]) -> Result<()> {
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
    for level in by_depth(all) {
        level.par_iter().try_for_each(|d| {
            let d = out.join(d);
            if d.is_dir() {
                return Ok(());
            }
            if d.exists() {
                std::fs::remove_file(&d).with_context(|| format!("removing {}", d.display()))?;
            }
            match std::fs::create_dir(&d) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                    Err(e).with_context(|| format!("creating {}", d.display()))
                }
                _ => Ok(()),
            }
        })?;
    }
    Ok(())
}

/// Removes what `out` holds beyond `files` (pages of documents since
/// deleted, left-over temporary files), then folders left empty.
fn remove_stale(out: &Path, files: &[OutFile]) -> Result<usize> {
    let keep: HashSet<&Path> = files.iter().map(|f| Path::new(f.path.as_str())).collect();
    prune(out, |rel| keep.contains(rel))
}

/// Removes the files under `root` that `keep` (given the path relative to
/// `root`) refuses, in parallel, then every folder left empty, deepest
/// first. Returns how many files went.
fn prune(root: &Path, keep: impl Fn(&Path) -> bool) -> Result<usize> {
    let mut gone = Vec::new();
    let mut dirs = Vec::new();
    for e in walkdir::WalkDir::new(root).min_depth(1) {
        let e = e.with_context(|| format!("reading {}", root.display()))?;
        let rel = e
            .path()
            .strip_prefix(root)
            .unwrap_or(e.path())
            .to_path_buf();
        if e.file_type().is_dir() {
            dirs.push(rel);
        } else if !keep(&rel) {
            gone.push(e.into_path());
        }
    }
    gone.par_iter().try_for_each(|f| {
        std::fs::remove_file(f).with_context(|| format!("removing {}", f.display()))
    })?;
    for level in by_depth(dirs).into_iter().rev() {
        level.par_iter().for_each(|d| {
            // Fails, as it should, unless the folder is now empty.
            let _ = std::fs::remove_dir(root.join(d));
        });
    }
    Ok(gone.len())
}

/// Folders in groups by depth, shallowest first: each group can be created
/// in parallel once the one before exists (and removed, deepest first).
fn by_depth(dirs: impl IntoIterator<Item = PathBuf>) -> Vec<Vec<PathBuf>> {
    let mut levels: Vec<Vec<PathBuf>> = Vec::new();
    for d in dirs {
        let n = d.components().count();
        if levels.len() <= n {
            levels.resize_with(n + 1, Vec::new);
        }
        levels[n].push(d);
    }
    levels.retain(|l| !l.is_empty());
    levels
}

/// Removes a folder and all it holds.
fn remove_tree(root: &Path) -> Result<()> {
    prune(root, |_| false)?;
    std::fs::remove_dir(root).with_context(|| format!("removing {}", root.display()))
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

    #[test]
    fn updates_in_place_and_removes_what_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = write(
            &out,
            &[
                file("a/index.html", "A"),
                file("b/x/index.html", "B"),
                file("c", "C"),
            ],
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (3, 0, 0));
        // Same a, changed b, c gone, c/ now a folder, d new.
        let s = write(
            &out,
            &[
                file("a/index.html", "A"),
                file("b/x/index.html", "B2"),
                file("c/index.html", "C"),
                file("d", "D"),
            ],
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (3, 1, 0));
        let s = write(&out, &[file("a/index.html", "A")]).unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (0, 1, 3));
        let left: Vec<String> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(&out)
                    .unwrap()
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(left, vec!["a", "a/index.html"]);
    }
}
