//! Loading: find the site's sources and read them in parallel, normalised
//! to NFC. The only stage besides `output` that touches the file system.

use crate::diag::{Diagnostic, Located};
use crate::text::normalize_input;
use anyhow::Result;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One source file, path relative to the site root, text normalised.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

/// Everything the content folder holds.
#[derive(Debug, Default)]
pub struct Sources {
    pub plans: Vec<Source>,
    pub propaganda: Vec<Source>,
    pub bodies: Option<Source>,
    /// Latest modification time of any source (the default build date).
    pub latest_change: Option<SystemTime>,
}

fn list(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")))
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') || n.starts_with('_'))
        })
        .collect();
    out.sort();
    out
}

/// Reads one file as UTF-8, or says where it is not.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(0, format!("cannot read the file: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(normalize_input(&s)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(Diagnostic::error(
                line,
                "the file is not UTF-8 text (perhaps TCVN3 or VNI-Windows): open it in an editor and save it as UTF-8 (Unicode)",
            ))
        }
    }
}

fn read_all(
    root: &Path,
    paths: Vec<PathBuf>,
    errors: &mut Vec<Located>,
) -> (Vec<Source>, Option<SystemTime>) {
    let results: Vec<(PathBuf, Result<String, Diagnostic>, Option<SystemTime>)> = paths
        .into_par_iter()
        .map(|p| {
            let mtime = std::fs::metadata(&p).and_then(|m| m.modified()).ok();
            let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
            (rel, read_text(&p), mtime)
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    let mut latest = None;
    for (path, r, mtime) in results {
        latest = latest.max(mtime);
        match r {
            Ok(text) => out.push(Source { path, text }),
            Err(diag) => errors.push(Located { file: path, diag }),
        }
    }
    (out, latest)
}

/// Loads `content/` under `root`. Unreadable files come back as errors;
/// a missing `content/plans` folder is an error of its own.
pub fn load(root: &Path) -> Result<(Sources, Vec<Located>)> {
    let content = root.join("content");
    let plans_dir = content.join("plans");
    if !plans_dir.is_dir() {
        anyhow::bail!(
            "{} does not exist: put the documents as Markdown files under content/plans/ (see README.md)",
            plans_dir.display()
        );
    }
    let mut errors = Vec::new();
    let (plans, t1) = read_all(root, list(&plans_dir), &mut errors);
    let (propaganda, t2) = read_all(root, list(&content.join("propaganda")), &mut errors);
    let bodies_path = content.join("bodies.toml");
    let mut latest = t1.max(t2);
    let bodies = if bodies_path.is_file() {
        latest = latest.max(
            std::fs::metadata(&bodies_path)
                .and_then(|m| m.modified())
                .ok(),
        );
        let rel = bodies_path
            .strip_prefix(root)
            .unwrap_or(&bodies_path)
            .to_path_buf();
        match read_text(&bodies_path) {
            Ok(text) => Some(Source { path: rel, text }),
            Err(diag) => {
                errors.push(Located { file: rel, diag });
                None
            }
        }
    } else {
        None
    };
    let config_time = std::fs::metadata(root.join("config.toml"))
        .and_then(|m| m.modified())
        .ok();
    latest = latest.max(config_time);
    Ok((
        Sources {
            plans,
            propaganda,
            bodies,
            latest_change: latest,
        },
        errors,
    ))
}
