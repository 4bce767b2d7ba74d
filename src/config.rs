//! Site configuration (`config.toml` at the site root), read once and passed
//! explicitly to every stage that needs it.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::Path;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title shown in every page header.
    pub title: String,
    /// Absolute base URL of the published site, used only in feeds and
    /// iCalendar files; pages link relatively so any prefix works.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Short description for the home page.
    #[serde(default)]
    pub description: String,
    /// Minify HTML output (on by default).
    #[serde(default = "yes")]
    pub minify: bool,
    /// Circulation limits this site may publish ("lưu hành nội bộ" on an
    /// intranet). Empty by default: a limited document is kept out unless
    /// the site says it may carry it. Security marks (MẬT …) are never
    /// published, whatever this says.
    #[serde(default)]
    pub publish_limits: Vec<String>,
    /// Tracking: the open tasks of a document dated more than this many
    /// years before the build date are archived (never, when unset).
    #[serde(default)]
    pub archive_after_years: Option<u32>,
}

fn default_base_url() -> String {
    "/".to_string()
}
fn default_language() -> String {
    "vi".to_string()
}
fn default_theme() -> String {
    "default".to_string()
}
fn yes() -> bool {
    true
}

impl Config {
    /// Reads `config.toml` from the site root.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join("config.toml");
        let bytes = std::fs::read(&path).with_context(|| {
            format!("cannot read {}: is this a kehoach site (run from the folder that holds config.toml, or pass --root)?", path.display())
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{}: not UTF-8 text: save it as UTF-8", path.display()))?;
        let text = crate::text::normalize_input(&text);
        let line_of = |at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
        let config: Config = toml::from_str(&text).map_err(|e| {
            let line = e.span().map(|s| line_of(s.start)).unwrap_or(0);
            anyhow::anyhow!("{}:{line}: {}", path.display(), e.message().trim())
        })?;
        let key_line = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key))
                .map_or(0, |i| i + 1)
        };
        if let Err(why) = check_base_url(&config.base_url) {
            anyhow::bail!(
                "{}:{}: base_url = {:?} {why}; write \"/\" for a site at the root of its server, a path such as \"/cong/\", or an address such as \"https://intranet.example/cong/\"",
                path.display(),
                key_line("base_url"),
                config.base_url
            );
        }
        for l in &config.publish_limits {
            if crate::extract::security::Limit::by_name(l).is_none() {
                anyhow::bail!(
                    "{}:{}: publish_limits: {l:?} is not a circulation limit; write any of {}",
                    path.display(),
                    key_line("publish_limits"),
                    crate::extract::security::Limit::names().join(", ")
                );
            }
        }
        Ok(config)
    }

    /// Whether documents under this circulation limit may be published.
    pub fn may_publish(&self, limit: crate::extract::security::Limit) -> bool {
        self.publish_limits
            .iter()
            .any(|l| crate::extract::security::Limit::by_name(l) == Some(limit))
    }
}

/// A base URL is a path from the server root ("/", "/cong/") or an http(s)
/// address; nothing that a feed or a page could read as script or as a
/// second line.
pub fn check_base_url(u: &str) -> Result<(), &'static str> {
    if u.chars()
        .any(|c| c.is_control() || c.is_whitespace() || "\"'<>\\`{}|^".contains(c))
    {
        return Err(
            "holds a space, a quote, a control character or a character not allowed in an address",
        );
    }
    let lower = u.to_ascii_lowercase();
    if lower.starts_with('/') && !lower.starts_with("//") {
        return Ok(());
    }
    if let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        let host = rest.split('/').next().unwrap_or("");
        if !host.is_empty() && !host.contains('@') {
            return Ok(());
        }
        return Err("has no host after the scheme");
    }
    Err("is neither a path starting with / nor an http(s) address")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        for (u, ok) in [
            ("/", true),
            ("/cong/", true),
            ("https://intranet.example/cong/", true),
            ("http://10.0.0.5:8080/", true),
            ("javascript:alert(1)//", false),
            ("JaVaScRiPt:alert(1)", false),
            ("//evil.example/", false),
            ("/x\r\nX-Injected: 1", false),
            ("https://", false),
            ("https://user@evil/", false),
            ("/a\"onmouseover=\"x", false),
            ("", false),
            ("data:text/html,x", false),
        ] {
            assert_eq!(check_base_url(u).is_ok(), ok, "{u:?}");
        }
    }
}
