//! Loading: find the site's sources and read them in parallel, normalised
//! to NFC. The only stage besides `publish` that touches the file system; it
//! reads nothing outside the site root (see [`crate::paths`]).

use crate::diag::{Diagnostic, Located};
use crate::text::normalize_owned;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// One source file, path relative to the site root, text normalised.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    /// Its modification time (a fallback for the build date).
    pub mtime: Option<SystemTime>,
}

/// A file published as it is: an attachment beside a plan, or a file of
/// the site's `static/` folder. Path relative to the site root.
#[derive(Clone, Debug)]
pub struct Asset {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Everything the content folder holds.
#[derive(Debug, Default)]
pub struct Sources {
    pub plans: Vec<Source>,
    /// Plans not read: the last build's record knows what they hold (see
    /// `unchanged::known`), in path order like `plans`.
    pub unread: Vec<(PathBuf, crate::unchanged::Known)>,
    pub propaganda: Vec<Source>,
    pub bodies: Option<Source>,
    /// Files under `content/plans/` that are not text (a signed PDF, an
    /// appendix spreadsheet): attachments of the plan they are named after.
    pub attachments: Vec<Asset>,
    /// The files of `static/` at the site root.
    pub statics: Vec<Asset>,
    /// Modification time of `config.toml`.
    pub config_mtime: Option<SystemTime>,
}

/// The Markdown and text files under `dir`, sorted, then the others. A
/// symbolic link is followed only when it resolves inside the site root
/// (`root_c`, canonical); one that leaves it, and any entry that cannot be
/// read, is an error naming it. File names starting with '.' or '_' are
/// left out.
fn list(
    root: &Path,
    root_c: &Path,
    dir: &Path,
    errors: &mut Vec<Located>,
) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let mut bad: Vec<Located> = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            if e.path_is_symlink() && !crate::paths::inside(root_c, e.path()) {
                bad.push(Located {
                    file: rel(e.path()),
                    diag: Diagnostic::error(
                        0,
                        "is a symbolic link to a place outside the site: kehoach reads only files inside the site root; copy the file in instead",
                    ),
                });
                return false;
            }
            true
        });
    let mut out = Vec::new();
    let mut unreadable = Vec::new();
    for e in walk {
        match e {
            Ok(e) if e.file_type().is_file() => out.push(e.into_path()),
            Ok(_) => {}
            Err(err) => {
                let file = err.path().map(rel).unwrap_or_else(|| rel(dir));
                unreadable.push(Located {
                    file,
                    diag: Diagnostic::error(0, format!("cannot be read: {err}")),
                });
            }
        }
    }
    errors.extend(bad);
    errors.extend(unreadable);
    out.retain(|p| {
        !p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') || n.starts_with('_'))
    });
    out.sort();
    out.into_iter()
        .partition(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")))
}

/// Reads files as bytes, in parallel.
fn read_assets(root: &Path, paths: Vec<PathBuf>, errors: &mut Vec<Located>) -> Vec<Asset> {
    let read: Vec<(PathBuf, std::io::Result<Vec<u8>>)> = paths
        .into_par_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
            (rel, std::fs::read(&p))
        })
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for (path, r) in read {
        match r {
            Ok(bytes) => out.push(Asset { path, bytes }),
            Err(e) => errors.push(Located {
                file: path,
                diag: Diagnostic::error(0, format!("cannot read the file: {e}")),
            }),
        }
    }
    out
}

/// Reads one file as UTF-8, or says where it is not.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(0, format!("cannot read the file: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(normalize_owned(s)),
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

fn read_all(root: &Path, paths: Vec<PathBuf>, errors: &mut Vec<Located>) -> Vec<Source> {
    let results: Vec<(PathBuf, Result<String, Diagnostic>, Option<SystemTime>)> = paths
        .into_par_iter()
        .map(|p| {
            let mtime = std::fs::metadata(&p).and_then(|m| m.modified()).ok();
            let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
            (rel, read_text(&p), mtime)
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for (path, r, mtime) in results {
        match r {
            Ok(text) => out.push(Source { path, text, mtime }),
            Err(diag) => errors.push(Located { file: path, diag }),
        }
    }
    out
}

/// Loads `content/` under `root`. Unreadable files come back as errors;
/// a missing `content/plans` folder is an error of its own.
pub fn load(root: &Path) -> Result<(Sources, Vec<Located>)> {
    load_knowing(root, &Default::default())
}

/// [`load`], leaving unread the plans `known` holds (by path under the
/// root): [`Sources::unread`].
pub fn load_knowing(
    root: &Path,
    known: &std::collections::HashMap<PathBuf, crate::unchanged::Known>,
) -> Result<(Sources, Vec<Located>)> {
    let root_c = root
        .canonicalize()
        .with_context(|| format!("the site root {} cannot be read", root.display()))?;
    let content = root.join("content");
    let plans_dir = content.join("plans");
    if !plans_dir.is_dir() {
        anyhow::bail!(
            "{} does not exist: put the documents as Markdown files under content/plans/ (see README.md)",
            plans_dir.display()
        );
    }
    if !crate::paths::inside(&root_c, &content) {
        anyhow::bail!(
            "{} is a link to a place outside the site: kehoach reads only files inside the site root",
            content.display()
        );
    }
    let mut errors = Vec::new();
    let (plan_paths, attachment_paths) = list(root, &root_c, &plans_dir, &mut errors);
    let (unread, plan_paths): (Vec<PathBuf>, Vec<PathBuf>) = plan_paths
        .into_iter()
        .partition(|p| known.contains_key(p.strip_prefix(root).unwrap_or(p)));
    let unread = unread
        .into_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
            let k = known.get(&rel)?.clone();
            Some((rel, k))
        })
        .collect();
    let plans = read_all(root, plan_paths, &mut errors);
    let attachments = read_assets(root, attachment_paths, &mut errors);
    let prop_dir = content.join("propaganda");
    let prop_paths = if prop_dir.exists() {
        list(root, &root_c, &prop_dir, &mut errors).0
    } else {
        Vec::new()
    };
    let static_dir = root.join("static");
    let statics = if static_dir.is_dir() {
        if crate::paths::inside(&root_c, &static_dir) {
            let (a, b) = list(root, &root_c, &static_dir, &mut errors);
            let mut all: Vec<PathBuf> = a.into_iter().chain(b).collect();
            all.sort();
            read_assets(root, all, &mut errors)
        } else {
            errors.push(Located {
                file: PathBuf::from("static"),
                diag: Diagnostic::error(
                    0,
                    "is a symbolic link to a place outside the site: copy the folder in instead",
                ),
            });
            Vec::new()
        }
    } else {
        Vec::new()
    };
    let propaganda = read_all(root, prop_paths, &mut errors);
    let bodies_path = content.join("bodies.toml");
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let bodies = if bodies_path.is_file() {
        if crate::paths::inside(&root_c, &bodies_path) {
            let mtime = std::fs::metadata(&bodies_path)
                .and_then(|m| m.modified())
                .ok();
            match read_text(&bodies_path) {
                Ok(text) => Some(Source {
                    path: rel(&bodies_path),
                    text,
                    mtime,
                }),
                Err(diag) => {
                    errors.push(Located {
                        file: rel(&bodies_path),
                        diag,
                    });
                    None
                }
            }
        } else {
            errors.push(Located {
                file: rel(&bodies_path),
                diag: Diagnostic::error(
                    0,
                    "is a symbolic link to a place outside the site: copy the file in instead",
                ),
            });
            None
        }
    } else {
        None
    };
    let config_mtime = std::fs::metadata(root.join("config.toml"))
        .and_then(|m| m.modified())
        .ok();
    Ok((
        Sources {
            plans,
            unread,
            propaganda,
            bodies,
            attachments,
            statics,
            config_mtime,
        },
        errors,
    ))
}
