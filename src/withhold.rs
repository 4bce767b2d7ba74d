//! What is kept out of the site, and why: documents under a security mark
//! (never published), documents under a circulation limit the site's
//! `publish_limits` do not allow, and drafts (unless `--drafts`). A
//! withheld document leaves no trace: no page, no row in a list, calendar,
//! feed, search index, graph or backlink; a published document that cites
//! it shows the number as plain text, without a link or a page for it.

use crate::config::Config;
use crate::date::Date;
use crate::extract::security::{Level, Limit, Marks};
use std::path::PathBuf;

/// Why a source is kept out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    Secret(Level),
    Limited(Limit),
    Draft,
}

/// A source kept out of the site, with what a citation of it may show.
#[derive(Clone, Debug)]
pub struct Withheld {
    pub path: PathBuf,
    pub reason: Reason,
    /// Line of the mark (0: front matter or the whole file).
    pub line: usize,
    pub number: Option<String>,
    pub date: Option<Date>,
}

impl Withheld {
    /// What `check` says of it.
    pub fn message(&self) -> String {
        match self.reason {
            Reason::Secret(l) => format!(
                "kept out of the site: it carries the security mark {} (documents under a security mark are never published)",
                l.label()
            ),
            Reason::Limited(l) => format!(
                "kept out of the site: its circulation is limited (\"{}\") and config.toml's publish_limits does not include \"{}\"",
                l.label(),
                l.name()
            ),
            Reason::Draft => {
                "kept out of the site: it is a draft (DỰ THẢO or draft = true); build with --drafts to preview it".to_string()
            }
        }
    }
}

/// Why a source with these marks may not be published, and the line of
/// the mark; None when it may.
pub fn reason(
    marks: &Marks,
    draft: bool,
    config: &Config,
    drafts: bool,
) -> Option<(Reason, usize)> {
    if let Some((l, line)) = marks.level {
        return Some((Reason::Secret(l), line));
    }
    if let Some(&(l, line)) = marks.limits.iter().find(|(l, _)| !config.may_publish(*l)) {
        return Some((Reason::Limited(l), line));
    }
    if draft && !drafts {
        return Some((Reason::Draft, marks.draft.unwrap_or(0)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(limits: &[&str]) -> Config {
        let text = format!(
            "title = \"x\"\npublish_limits = [{}]\n",
            limits
                .iter()
                .map(|l| format!("{l:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        toml::from_str(&text).unwrap()
    }

    #[test]
    fn what_may_be_published() {
        let none = Marks::default();
        let secret = Marks {
            level: Some((Level::Mat, 3)),
            ..Marks::default()
        };
        let internal = Marks {
            limits: vec![(Limit::Internal, 2)],
            ..Marks::default()
        };
        let intranet = config(&["lưu hành nội bộ"]);
        let strict = config(&[]);
        assert_eq!(reason(&none, false, &strict, false), None);
        assert_eq!(
            reason(&secret, false, &intranet, true),
            Some((Reason::Secret(Level::Mat), 3)),
            "a security mark is never published, whatever the site allows"
        );
        assert_eq!(
            reason(&internal, false, &strict, false),
            Some((Reason::Limited(Limit::Internal), 2)),
            "the safe default keeps limited documents out"
        );
        assert_eq!(reason(&internal, false, &intranet, false), None);
        assert_eq!(
            reason(&none, true, &strict, false),
            Some((Reason::Draft, 0))
        );
        assert_eq!(reason(&none, true, &strict, true), None);
    }
}
