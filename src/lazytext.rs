//! A document's text (its source after the front matter), held or known.
//!
//! A build that finds a source's identity unchanged since the last build
//! (see `unchanged::known`) does not read it: its facts come from the read
//! cache, and its text is known by the hash and length the last build
//! recorded. The text is read from the source only when something asks for
//! it (a page of the document is rendered, the search index is made
//! anew), once, and checked against the recorded hash.
//!
//! *Invariant: `text()` gives the text the hash names, or an error; never
//! another text, and never an empty one in its place.*

use anyhow::{Result, bail};
use std::path::PathBuf;
use std::sync::OnceLock;

/// A document's text after its front matter.
#[derive(Clone, Debug, Default)]
pub struct LazyText {
    text: OnceLock<String>,
    hash: u128,
    len: usize,
    /// The source to read it from, when it is not held.
    from: Option<PathBuf>,
}

/// The hash a text is known by.
pub fn hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

impl LazyText {
    /// A text held.
    pub fn new(text: String) -> LazyText {
        LazyText {
            hash: hash(&text),
            len: text.len(),
            text: OnceLock::from(text),
            from: None,
        }
    }

    /// A text not read: the source `from` (a path the build can open)
    /// holds it after its front matter, with this hash and length.
    pub fn unread(from: PathBuf, hash: u128, len: usize) -> LazyText {
        LazyText {
            text: OnceLock::new(),
            hash,
            len,
            from: Some(from),
        }
    }

    pub fn hash(&self) -> u128 {
        self.hash
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The text, read from its source the first time when it is not held.
    pub fn text(&self) -> Result<&str> {
        if let Some(t) = self.text.get() {
            return Ok(t);
        }
        let Some(from) = &self.from else {
            bail!("a document's text is neither held nor known where to read it")
        };
        let read = crate::load::read_text(from)
            .map_err(|d| anyhow::anyhow!("{}: {}: build again", from.display(), d.message))?;
        let Some(body) = crate::readcache::body_of(&read)
            .filter(|b| hash(b) == self.hash && b.len() == self.len)
        else {
            bail!(
                "{} changed while the site was being built: build again",
                from.display()
            );
        };
        Ok(self.text.get_or_init(|| body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str, recorded: &str, expected: Result<&str, &str>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, source).unwrap();
        let t = LazyText::unread(path, hash(recorded), recorded.len());
        match (t.text(), expected) {
            (Ok(got), Ok(want)) => assert_eq!(got, want),
            (Err(e), Err(want)) => assert!(e.to_string().contains(want), "{e}"),
            (got, want) => panic!("{source:?}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn a_text_not_held_is_read_once_and_checked() {
        check(
            "+++\nnumber = \"1-KH/TU\"\n+++\nVăn bản\n",
            "Văn bản\n",
            Ok("Văn bản\n"),
        );
        check("Văn bản\n", "Văn bản\n", Ok("Văn bản\n"));
        // NFC on reading, as loading does: "ả" decomposed in the file.
        check("Va\u{306}n ba\u{309}n\n", "Văn bản\n", Ok("Văn bản\n"));
        check("Văn bản khác\n", "Văn bản\n", Err("changed while"));
        check("", "Văn bản\n", Err("changed while"));
        let gone = LazyText::unread(PathBuf::from("/nonexistent/kehoach/a.md"), 0, 0);
        assert!(gone.text().is_err());
        let held = LazyText::new("Văn bản".into());
        assert_eq!(
            (held.text().unwrap(), held.len()),
            ("Văn bản", "Văn bản".len())
        );
        assert_eq!(held.hash(), hash("Văn bản"));
    }
}
