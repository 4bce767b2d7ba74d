//! The theme: Tera templates and static files. The default theme is
//! embedded in the binary; a site's `themes/<name>/` overrides it file by
//! file, so a site without a `themes/` folder still builds. Owns the
//! addresses of the theme's static files, at the site's root: `style.css`,
//! `search.js`, `mine.js` (and any other file of the theme's `static/`).

use super::{Job, Scope, job};
use crate::outfile::OutFile;
use anyhow::{Context, Result};
use std::path::Path;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $name)))),*]
    };
}

/// (path inside the theme, content) of the embedded default theme.
pub const DEFAULT: &[(&str, &str)] = embed!(
    "templates/base.html",
    "templates/index.html",
    "templates/document.html",
    "templates/cited.html",
    "templates/list.html",
    "templates/item.html",
    "templates/body.html",
    "templates/bodies.html",
    "templates/404.html",
    "templates/row.html",
    "templates/backlink.html",
    "templates/relations.html",
    "templates/tree.html",
    "templates/task.html",
    "templates/calendar.html",
    "templates/pager.html",
    "templates/search.html",
    "templates/task_group.html",
    "templates/tracking.html",
    "static/style.css",
    "static/search.js",
    "static/mine.js",
);

/// The theme's static files, as they are.
pub fn jobs<'a>(s: &'a Scope<'a>) -> Vec<Job<'a>> {
    vec![job(move || {
        Ok(s.r
            .static_files
            .iter()
            .filter_map(|(path, content)| {
                Some(OutFile {
                    path: path.strip_prefix("static/")?.to_string(),
                    bytes: content.clone().into_bytes(),
                })
            })
            .collect())
    })]
}

/// The theme's files: the embedded default, overridden by the site's own.
/// A file the theme cannot use (outside `templates/` and `static/`, or a
/// template that neither replaces one of the default's nor is included by
/// another) is an error naming it, as is a link that leaves the site.
pub fn files(root: &Path, name: &str) -> Result<Vec<(String, String)>> {
    let mut out: Vec<(String, String)> = DEFAULT
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
    if !crate::paths::is_safe_slug(name) {
        anyhow::bail!(
            "config.toml: theme = {name:?} must be the name of a folder under themes/ (letters a–z, digits, '-')"
        );
    }
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        let root_c = root
            .canonicalize()
            .with_context(|| format!("reading {}", root.display()))?;
        let mut own = Vec::new();
        for e in walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            let e = e.with_context(|| format!("reading the theme {}", dir.display()))?;
            if !crate::paths::inside(&root_c, e.path()) {
                anyhow::bail!(
                    "{} is a link to a place outside the site: copy the file into the theme instead",
                    e.path().display()
                );
            }
            if !e.file_type().is_file() {
                continue;
            }
            let rel = e
                .path()
                .strip_prefix(&dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            if !(rel.starts_with("templates/") || rel.starts_with("static/")) {
                anyhow::bail!(
                    "{}: a theme holds templates/ and static/ only; move the file into one of them or remove it",
                    e.path().display()
                );
            }
            let text = std::fs::read_to_string(e.path()).with_context(|| {
                format!(
                    "reading theme file {} (it must be UTF-8 text)",
                    e.path().display()
                )
            })?;
            own.push((rel, crate::text::normalize_input(&text)));
        }
        for (rel, text) in own {
            match out.iter_mut().find(|(p, _)| *p == rel) {
                Some(slot) => slot.1 = text,
                None => out.push((rel, text)),
            }
        }
        // A new template must be used by one: included, extended or imported.
        for (rel, _) in out.iter().filter(|(p, _)| p.starts_with("templates/")) {
            let name = &rel["templates/".len()..];
            let known = DEFAULT.iter().any(|(p, _)| p == rel);
            let used = out.iter().any(|(p, text)| {
                p != rel
                    && p.starts_with("templates/")
                    && (text.contains(&format!("\"{name}\""))
                        || text.contains(&format!("'{name}'")))
            });
            if !known && !used {
                anyhow::bail!(
                    "{}: no template of kehoach is called {name:?} and no other template includes it, so it would never be used; name it after the template it replaces ({})",
                    dir.join(rel).display(),
                    DEFAULT
                        .iter()
                        .filter_map(|(p, _)| p.strip_prefix("templates/"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
    } else if name != "default" {
        anyhow::bail!(
            "theme \"{name}\" not found: expected a folder {}",
            dir.display()
        );
    }
    Ok(out)
}

/// How templates are minified: their `{{ }}` and `{% %}` kept, every
/// closing tag kept.
fn minify_cfg() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.preserve_brace_template_syntax = true;
    cfg.minify_css = true;
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg
}

/// A Tera instance with the theme's templates. With `minify`, each
/// template is minified once here (keeping its `{{ }}`/`{% %}` syntax), so
/// pages come out compact without minifying each of them.
pub fn tera(files: &[(String, String)], minify: bool) -> Result<tera::Tera> {
    let mut t = tera::Tera::new();
    let cfg = minify_cfg();
    let templates: Vec<(String, String)> = files
        .iter()
        .filter_map(|(p, c)| {
            p.strip_prefix("templates/").map(|n| {
                let c = if minify {
                    String::from_utf8_lossy(&minify_html::minify(c.as_bytes(), &cfg)).into_owned()
                } else {
                    c.clone()
                };
                (n.to_string(), c)
            })
        })
        .collect();
    t.add_raw_templates(templates)
        .map_err(|e| anyhow::anyhow!("theme templates: {e}"))?;
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Minifying a template keeps every closing tag (a branch that opens
    /// a tag twice — `{% if %}<a …>{% else %}<a …>{% endif %}` — once made
    /// the minifier drop the `</ul>` after it).
    #[test]
    fn theme_files_that_would_be_ignored_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let theme = dir.path().join("themes/t");
        std::fs::create_dir_all(theme.join("templates")).unwrap();
        std::fs::write(theme.join("templates/404.html"), "x").unwrap();
        assert!(files(dir.path(), "t").is_ok());
        std::fs::write(theme.join("templates/documnet.html"), "x").unwrap();
        let e = files(dir.path(), "t").unwrap_err().to_string();
        assert!(e.contains("documnet.html"), "{e}");
        std::fs::remove_file(theme.join("templates/documnet.html")).unwrap();
        std::fs::write(theme.join("style.css"), "x").unwrap();
        assert!(files(dir.path(), "t").is_err());
        assert!(files(dir.path(), "../../etc").is_err());
    }

    #[test]
    fn minified_templates_keep_their_closing_tags() {
        let cfg = minify_cfg();
        for (path, content) in DEFAULT.iter().filter(|(p, _)| p.ends_with(".html")) {
            let min = String::from_utf8_lossy(&minify_html::minify(content.as_bytes(), &cfg))
                .into_owned();
            for tag in [
                "</ul>",
                "</ol>",
                "</li>",
                "</a>",
                "</details>",
                "</section>",
                "</nav>",
                "</p>",
                "</div>",
                "</dl>",
            ] {
                assert_eq!(
                    min.matches(tag).count(),
                    content.matches(tag).count(),
                    "{path}: {tag} lost in minifying"
                );
            }
        }
    }

    /// Templates are minified once with their `{{ }}`/`{% %}` kept; a `{%`
    /// inside a tag (`<details{% if … %} open{% endif %}>`) does not survive
    /// that, so the default theme never puts one there.
    #[test]
    fn no_block_tags_inside_html_tags() {
        for (path, content) in DEFAULT.iter().filter(|(p, _)| p.ends_with(".html")) {
            let mut in_tag = false;
            let b = content.as_bytes();
            for i in 0..b.len() {
                match b[i] {
                    b'<' if b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic()) => in_tag = true,
                    b'>' => in_tag = false,
                    b'{' if in_tag && b.get(i + 1) == Some(&b'%') => {
                        panic!("{path}: {{% inside a tag near byte {i}")
                    }
                    _ => {}
                }
            }
        }
    }
}
