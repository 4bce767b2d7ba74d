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
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!("cannot read {}: is this a kehoach site (run from the folder that holds config.toml, or pass --root)?", path.display())
        })?;
        toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start].lines().count().max(1))
                .unwrap_or(0);
            anyhow::anyhow!("{}:{line}: {}", path.display(), e.message())
        })
    }
}
