//! Domain types: what a document, a propaganda item and a body are, once
//! read. Template contexts live apart, in `render::ctx`. The facts
//! extraction reads (metadata, citations, marks, tasks) are extraction's
//! types, which these hold: the dependency goes one way, model → extract.

use crate::date::Date;
use crate::diag::Diagnostic;
pub use crate::extract::DocMeta;
use crate::extract::citations::Citation;
use crate::extract::security::Marks;
use serde::Serialize;
use std::path::PathBuf;

/// A file published beside a document's page.
#[derive(Clone, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Attachment {
    /// Its file name, which is also its name in the page's folder.
    pub name: String,
    /// Its size in bytes.
    pub size: usize,
}

/// A document of `content/plans/`.
#[derive(Clone, Debug, bitcode::Encode, bitcode::Decode)]
pub struct Document {
    /// Source path relative to the site root (not in the read cache, which
    /// is keyed by it: see `readcache`).
    #[bitcode(skip)]
    pub path: PathBuf,
    /// URL path of its page, relative to the site root, ending in '/'.
    pub url: String,
    pub meta: DocMeta,
    /// A draft: front matter `draft = true`, or the text's "DỰ THẢO" mark.
    pub draft: bool,
    /// Security mark, circulation limits and urgency, from the text and
    /// front matter (`security = "…"`).
    pub marks: Marks,
    /// The body as Markdown (front matter removed), NFC: held, or read from
    /// the source when asked for (see `lazytext`). Not in the read cache:
    /// it is the source's text after its front matter.
    #[bitcode(skip)]
    pub body: crate::lazytext::LazyText,
    /// The hash of what parsing its source gave (`readcache::facts_hash`),
    /// set when the read cache encodes or decodes it: what its facts are
    /// known by in the pages' inputs (`render::inputs`, which hashes them
    /// itself when it is not set). Not in the read cache.
    #[bitcode(skip)]
    pub facts: Option<u128>,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
    /// 1-based file lines (first, last) whose content the page shows from
    /// its metadata instead: the header (issuer, number, place and date,
    /// kind, trích yếu), the signature block and the "Nơi nhận" list.
    pub shown_apart: Vec<(usize, usize)>,
    pub citations: Vec<Citation>,
    /// Tasks with their bodies and deadlines, lines of the file.
    pub tasks: Vec<crate::extract::tasks::Task>,
    /// The bodies the text makes responsible (headings, assignment lines,
    /// slots, table columns), in order of first mention.
    pub bodies: Vec<crate::extract::BodyMention>,
    /// Statuses an editor recorded for tasks (front matter `[[status]]`).
    pub statuses: Vec<Status>,
    /// Files beside it named after it (`12-kh-tw.pdf`, `12-kh-tw.phu-luc.xlsx`),
    /// published in its page's folder.
    pub attachments: Vec<Attachment>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What an editor says of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, bitcode::Encode, bitcode::Decode)]
#[serde(rename_all = "kebab-case")]
pub enum Recorded {
    Done,
    InProgress,
    Dropped,
}

impl Recorded {
    pub fn by_name(s: &str) -> Option<Recorded> {
        match s.trim().to_ascii_lowercase().as_str() {
            "done" => Some(Recorded::Done),
            "in-progress" => Some(Recorded::InProgress),
            "dropped" => Some(Recorded::Dropped),
            _ => None,
        }
    }
}

/// A status recorded for tasks of a document: `tasks` are indices into
/// `Document::tasks` (several when one block holds several deadlines).
#[derive(Clone, Debug, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct Status {
    pub tasks: Vec<usize>,
    pub recorded: Recorded,
    pub date: Option<Date>,
    pub note: Option<String>,
    /// 1-based line of the file where the status is written.
    pub line: usize,
}

/// A propaganda item of `content/propaganda/`.
#[derive(Clone, Debug, bitcode::Encode, bitcode::Decode)]
pub struct Item {
    /// Source path relative to the site root (not in the read cache).
    #[bitcode(skip)]
    pub path: PathBuf,
    pub url: String,
    pub title: String,
    pub date: Option<Date>,
    pub kind: String,
    /// Canonical numbers of the documents it promotes.
    pub promotes: Vec<String>,
    /// Not in the read cache: the source's text after its front matter.
    #[bitcode(skip)]
    pub body: String,
    pub body_line: usize,
    pub draft: bool,
    pub marks: Marks,
    pub diagnostics: Vec<Diagnostic>,
}

/// How a document is named in short lists: "Kế hoạch 12-KH/TW", else its title.
pub fn doc_label(d: &Document) -> String {
    let m = &d.meta;
    match (&m.kind_name, &m.number) {
        (Some(k), Some(n)) => format!("{k} {n}"),
        (None, Some(n)) => n.clone(),
        // No number (an unnumbered or unsigned text): its kind and its
        // trích yếu, cut at a word; else its file's name.
        (k, None) => {
            let t = m.title.as_deref().map(crate::text::collapse_ws);
            let t = match t.filter(|t| !t.is_empty()) {
                Some(t) => t,
                None => d
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
                    .unwrap_or_default(),
            };
            let full = match k {
                Some(k) if !crate::text::lower(&t).starts_with(&crate::text::lower(k)) => {
                    format!("{k} {t}")
                }
                _ => t,
            };
            crate::text::cut_words(&full, 80)
        }
    }
}
