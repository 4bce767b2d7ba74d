//! `kehoach init` and `kehoach new`: a new site's skeleton (configuration,
//! bodies registry, a sample plan) and a new plan's template. What to write
//! is computed here as (path, text) pairs; `write` is the only I/O, and it
//! never replaces a file unless told to.

use anyhow::{Context as _, Result, bail};
use std::path::{Path, PathBuf};

const CONFIG: &str = include_str!("scaffold/config.toml");
const BODIES: &str = include_str!("scaffold/bodies.toml");
const PLAN: &str = include_str!("scaffold/plan.md");
const DISTRICT: &str = include_str!("scaffold/district.md");
const NEW: &str = include_str!("scaffold/new.md");

/// The files of a new site, relative to its root.
pub fn site() -> Vec<(PathBuf, String)> {
    vec![
        ("config.toml".into(), CONFIG.to_string()),
        ("content/bodies.toml".into(), BODIES.to_string()),
        (
            "content/plans/tinh-uy/15-kh-tu-2026.md".into(),
            PLAN.to_string(),
        ),
        (
            "content/plans/huyen-uy-dong-son/08-kh-hu-2026.md".into(),
            DISTRICT.to_string(),
        ),
        ("content/propaganda/.gitkeep".into(), String::new()),
        ("static/.gitkeep".into(), String::new()),
    ]
}

/// What `kehoach new` is told about the plan.
#[derive(Debug, Default)]
pub struct NewPlan {
    /// Code of its kind ("KH", "CTr", "NQ", "BC" …); a plan when unset.
    pub kind: Option<String>,
    pub number: Option<String>,
    pub title: Option<String>,
    pub issuer: Option<String>,
    /// The year for the date line and deadlines.
    pub year: i32,
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The text of a new plan: front matter with what was given, and the
/// official layout (CONVENTIONS.md §1) with blanks to fill in. An unknown
/// kind code is an error naming the codes.
pub fn plan(p: &NewPlan) -> Result<String> {
    let code = p.kind.as_deref().unwrap_or("KH");
    let Some(kind) = crate::kinds::by_code(code) else {
        let codes: Vec<&str> = crate::kinds::KINDS.iter().map(|k| k.code).collect();
        bail!(
            "--kind {code}: not a kind code; use one of {}",
            codes.join(", ")
        );
    };
    let mut front = String::new();
    if let Some(n) = &p.number {
        front.push_str(&format!("number = {}\n", quoted(n)));
    }
    if let Some(t) = &p.title {
        front.push_str(&format!("title = {}\n", quoted(t)));
    }
    if let Some(i) = &p.issuer {
        front.push_str(&format!("issuer = {}\n", quoted(i)));
    }
    let issuer = p.issuer.clone().unwrap_or_else(|| "Ban Thường vụ …".into());
    let number = p
        .number
        .clone()
        .unwrap_or_else(|| format!("-{}/…", kind.code));
    // A Party number ("15-KH/TU") under the Party's motto, a state one
    // ("15/KH-UBND") under the state's.
    let party = crate::docnum::is_party_form(&number);
    let motto = if party {
        "ĐẢNG CỘNG SẢN VIỆT NAM".to_string()
    } else {
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc".to_string()
    };
    let lower = crate::text::lower(kind.name);
    let mut kind_lower = lower.clone();
    if let Some(first) = kind_lower.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    Ok(NEW
        .replace("{front}", &front)
        .replace("{issuer_upper}", &issuer.to_uppercase())
        .replace("{issuer}", &issuer)
        .replace("{number}", &number)
        .replace("{motto}", &motto)
        .replace("{place}", "…")
        .replace("{year}", &p.year.to_string())
        .replace("{kind_upper}", &kind.name.to_uppercase())
        .replace("{kind_lower}", &kind_lower)
        .replace(
            "{title}",
            p.title.as_deref().unwrap_or("(trích yếu: về việc …)"),
        ))
}

/// Writes `files` under `root`, creating folders. Refuses, writing
/// nothing, when any of them exists and `force` is not set.
pub fn write(root: &Path, files: &[(PathBuf, String)], force: bool) -> Result<Vec<PathBuf>> {
    if !force {
        let there: Vec<String> = files
            .iter()
            .map(|(p, _)| root.join(p))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !there.is_empty() {
            bail!(
                "{} already exist(s): nothing was written (--force replaces them)",
                there.join(", ")
            );
        }
    }
    let mut out = Vec::new();
    for (p, text) in files {
        let at = root.join(p);
        if let Some(dir) = at.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        }
        std::fs::write(&at, text).with_context(|| format!("cannot write {}", at.display()))?;
        out.push(at);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new plan's text read back as a document: (kind, number, title).
    fn check(p: NewPlan, kind: &str, number: Option<&str>, title: Option<&str>) {
        let text = plan(&p).unwrap();
        let split = crate::frontmatter::split(&text).unwrap();
        let facts = crate::extract::extract(split.body, p.number.as_deref(), None);
        assert_eq!(facts.meta.kind_name.as_deref(), Some(kind), "{text}");
        if let Some(n) = number {
            assert!(text.contains(&format!("number = \"{n}\"")), "{text}");
            assert_eq!(facts.meta.number.as_deref(), Some(n), "{text}");
        }
        if let Some(t) = title {
            assert_eq!(facts.meta.title.as_deref(), Some(t), "{text}");
        }
    }

    #[test]
    fn new_plans_read_back() {
        check(
            NewPlan {
                number: Some("15-KH/TU".into()),
                title: Some("tuyên truyền kỷ niệm 80 năm".into()),
                year: 2026,
                ..NewPlan::default()
            },
            "Kế hoạch",
            Some("15-KH/TU"),
            Some("tuyên truyền kỷ niệm 80 năm"),
        );
        check(
            NewPlan {
                kind: Some("CTr".into()),
                number: Some("08-CTr/TU".into()),
                year: 2026,
                ..NewPlan::default()
            },
            "Chương trình hành động",
            Some("08-CTr/TU"),
            None,
        );
        check(
            NewPlan {
                kind: Some("BC".into()),
                year: 2027,
                ..NewPlan::default()
            },
            "Báo cáo",
            None,
            None,
        );
        assert!(
            plan(&NewPlan {
                kind: Some("XYZ".into()),
                ..NewPlan::default()
            })
            .is_err()
        );
        // A title with quotes stays valid TOML.
        let t = plan(&NewPlan {
            title: Some("về \"chi bộ bốn tốt\"".into()),
            year: 2026,
            ..NewPlan::default()
        })
        .unwrap();
        assert!(t.contains(r#"title = "về \"chi bộ bốn tốt\"""#), "{t}");
    }
}
