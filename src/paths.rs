//! Containment: every read stays inside the site root and every write inside
//! `--out`. The checks that keep it so: an `--out` that is, holds or lies
//! inside the sources is refused; a symbolic link is followed only when its
//! target is inside the root; a path component taken from data (a body id, a
//! file name) must be a safe slug.

use anyhow::{Context, Result, bail};
use std::path::{Component, Path, PathBuf};

/// The folders and files of a site that are its sources.
pub const SOURCES: &[&str] = &["content", "themes", "static", "config.toml", ".git"];

/// `p` made absolute without touching the file system beyond the nearest
/// existing ancestor (which is canonicalised, so symbolic links in it are
/// resolved); `..` in the part that does not exist yet is refused.
pub fn absolute(p: &Path) -> Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .context("reading the current folder")?
            .join(p)
    };
    let mut existing = abs.as_path();
    let mut rest: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Ok(out);
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(Component::Normal(name))) => {
                rest.push(name);
                existing = parent;
            }
            _ => bail!(
                "{}: a folder that does not exist yet cannot be named with '..'",
                p.display()
            ),
        }
    }
}

/// Refuses an output folder that would overwrite or swallow the sources: the
/// root itself, a folder above it, or anything inside `content/`,
/// `themes/`, `static/`, `.git` or `config.toml`.
pub fn check_out(root: &Path, out: &Path) -> Result<()> {
    let root_c = root
        .canonicalize()
        .with_context(|| format!("the site root {} cannot be read", root.display()))?;
    let out_c = absolute(out)?;
    if out_c == root_c || root_c.starts_with(&out_c) {
        bail!(
            "--out {} is the site root or a folder above it: publishing there would replace the sources; choose a folder such as {}",
            out.display(),
            root.join("public").display()
        );
    }
    for s in SOURCES {
        if out_c.starts_with(root_c.join(s)) {
            bail!(
                "--out {} lies inside the sources ({s}): choose a folder outside content/, themes/ and static/, such as {}",
                out.display(),
                root.join("public").display()
            );
        }
    }
    Ok(())
}

/// Whether `path` (which exists) resolves to a place inside `root_c` (a
/// canonical root).
pub fn inside(root_c: &Path, path: &Path) -> bool {
    path.canonicalize().is_ok_and(|c| c.starts_with(root_c))
}

/// A slug fit for a path component: lower-case ASCII letters, digits, '-'
/// and '_', starting with a letter or digit, at most 100 bytes.
pub fn is_safe_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_that_would_touch_the_sources_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/plans")).unwrap();
        let check = |out: PathBuf, ok: bool| {
            assert_eq!(check_out(&root, &out).is_ok(), ok, "{}", out.display());
        };
        check(root.join("public"), true);
        check(dir.path().join("elsewhere/public"), true);
        check(root.clone(), false);
        check(root.join("."), false);
        check(dir.path().to_path_buf(), false);
        check(root.join("content"), false);
        check(root.join("content/plans/out"), false);
        check(root.join("themes/x"), false);
        check(root.join(".git"), false);
        check(root.join("public/../content"), false);
    }

    #[test]
    fn slugs() {
        for (s, ok) in [
            ("ban-tuyen-giao", true),
            ("tu_2025", true),
            ("a", true),
            ("", false),
            ("../../victim.txt", false),
            ("a/b", false),
            ("Ban", false),
            ("-x", false),
            ("ủy-ban", false),
            ("index.html", false),
        ] {
            assert_eq!(is_safe_slug(s), ok, "{s:?}");
        }
    }
}
