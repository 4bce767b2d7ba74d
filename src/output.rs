//! Output: the only stage that writes. Files go into a staging folder
//! beside the output folder; only when all are written is it swapped in, so
//! a failed build leaves the previous site exactly as it was. Unchanged
//! files are hard-linked from the previous site instead of written again.

use crate::render::OutFile;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub files: usize,
    pub written: usize,
    pub unchanged: usize,
    pub bytes: u64,
}

fn sibling(out: &Path, tag: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.{tag}-{}", std::process::id()))
}

/// Writes `files` as the new content of `out`.
pub fn write(out: &Path, files: &[OutFile]) -> Result<WriteStats> {
    let staging = sibling(out, "staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .with_context(|| format!("removing stale {}", staging.display()))?;
    }
    let result = write_into(&staging, out, files);
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
        return result;
    }
    let old = sibling(out, "old");
    if out.exists() {
        std::fs::rename(out, &old)
            .with_context(|| format!("moving the previous site {} aside", out.display()))?;
    }
    if let Err(e) = std::fs::rename(&staging, out) {
        if old.exists() {
            let _ = std::fs::rename(&old, out);
        }
        return Err(e).with_context(|| format!("moving the new site into {}", out.display()));
    }
    if old.exists() {
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("removing the previous site {}", old.display()))?;
    }
    result
}

fn write_into(staging: &Path, previous: &Path, files: &[OutFile]) -> Result<WriteStats> {
    let dirs: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent().map(|p| staging.join(p)))
        .collect();
    std::fs::create_dir_all(staging).with_context(|| format!("creating {}", staging.display()))?;
    for d in dirs {
        std::fs::create_dir_all(&d).with_context(|| format!("creating {}", d.display()))?;
    }
    let written: Vec<bool> = files
        .par_iter()
        .map(|f| {
            let dest = staging.join(&f.path);
            let prev = previous.join(&f.path);
            let same = std::fs::metadata(&prev).is_ok_and(|m| m.len() == f.bytes.len() as u64)
                && std::fs::read(&prev).is_ok_and(|b| b == f.bytes);
            if same && std::fs::hard_link(&prev, &dest).is_ok() {
                return Ok(false);
            }
            std::fs::write(&dest, &f.bytes)
                .with_context(|| format!("writing {}", dest.display()))?;
            Ok(true)
        })
        .collect::<Result<_>>()?;
    let n = written.iter().filter(|&&w| w).count();
    Ok(WriteStats {
        files: files.len(),
        written: n,
        unchanged: files.len() - n,
        bytes: files.iter().map(|f| f.bytes.len() as u64).sum(),
    })
}
