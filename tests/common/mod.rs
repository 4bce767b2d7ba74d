//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, relative path → bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The options of a build of `root` into `out` on the tests' build date,
/// with the read cache.
pub fn options(root: &Path, out: &Path) -> kehoach::build::Options {
    kehoach::build::Options {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        today: kehoach::date::Date::parse_iso("2026-11-23"),
        drafts: false,
        commit: None,
        read_cache: true,
    }
}

pub fn build(root: &Path, out: &Path) -> anyhow::Result<kehoach::build::Report> {
    kehoach::build::build(&options(root, out))
}

/// A copy of the repository's example site (content, themes, config) in
/// `tmp/site`.
pub fn example_site(tmp: &Path) -> PathBuf {
    let root = tmp.join("site");
    for d in ["content", "themes"] {
        copy_dir(&repo().join(d), &root.join(d));
    }
    std::fs::copy(repo().join("config.toml"), root.join("config.toml")).unwrap();
    root
}

/// What a report says of the site: its counts, build date and warnings.
pub fn summary(r: &kehoach::build::Report) -> String {
    let warnings: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
    format!(
        "{} documents, {} items, {} cited-only, {} withheld, {} files, build date {} from {}, {} warning(s): {}",
        r.documents,
        r.items,
        r.cited_only,
        r.withheld,
        r.publish.files,
        r.today,
        r.today_from,
        r.warnings.len(),
        warnings.join("; ")
    )
}

/// The visible text of an HTML page, tags removed, spaces collapsed.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds `o`'s sources afresh (no read cache) into `fresh`, asserts that
/// the site `o` built into `o.out` is that one, byte for byte, and
/// returns the fresh build's report.
pub fn same_as_fresh(
    fresh: &Path,
    o: &kehoach::build::Options,
    name: &str,
) -> kehoach::build::Report {
    let report = kehoach::build::build(&kehoach::build::Options {
        out: fresh.to_path_buf(),
        read_cache: false,
        ..o.clone()
    })
    .unwrap();
    assert!(
        snapshot(&o.out) == snapshot(fresh),
        "{name}: the site differs from a fresh build"
    );
    report
}
