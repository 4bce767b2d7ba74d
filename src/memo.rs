//! What was read from each source, kept between the builds of one process
//! (`kehoach serve`): a source whose path and text are unchanged is not
//! parsed again. Parsing a source reads nothing but its path and text
//! (layout and extraction are pure), so the earlier result is the result.
//!
//! Invariant: an entry is keyed by a 128-bit hash of the path and the whole
//! text, never by a modification time; after each build only the entries of
//! that build's sources are kept, so the memo holds one site at most.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// The key of a source: its path and text, hashed.
pub fn key(path: &Path, text: &str) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(path.as_os_str().as_encoded_bytes());
    // A separator no path holds, so ("ab", "c") and ("a", "bc") differ.
    h.update(&[0]);
    h.update(text.as_bytes());
    h.digest128()
}

/// Parse results by source key.
pub struct Memo<T> {
    map: Mutex<HashMap<u128, T>>,
}

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo {
            map: Mutex::new(HashMap::new()),
        }
    }
}

impl<T: Clone> Memo<T> {
    /// The result kept for `key`, if any.
    pub fn get(&self, key: u128) -> Option<T> {
        self.lock().get(&key).cloned()
    }

    /// Everything kept, leaving the memo empty (a build reads it without
    /// a lock, then gives back what it used with [`Memo::replace`]).
    pub fn take(&self) -> HashMap<u128, T> {
        std::mem::take(&mut *self.lock())
    }

    /// Keeps exactly `entries`: the results of the build just done.
    pub fn replace(&self, entries: HashMap<u128, T>) {
        *self.lock() = entries;
    }

    /// A copy of the first result kept that `pick` chooses.
    pub fn find(&self, pick: impl Fn(&T) -> bool) -> Option<T> {
        self.lock().values().find(|v| pick(v)).cloned()
    }

    /// Keeps `value` under `key` instead of the results `pick` chooses (a
    /// source whose text changed, in a build that read only it).
    pub fn put_instead(&self, pick: impl Fn(&T) -> bool, key: u128, value: T) {
        let mut map = self.lock();
        map.retain(|_, v| !pick(v));
        map.insert(key, value);
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u128, T>> {
        // A panic while holding it left a map that is still whole.
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The memo of a site: documents and propaganda items.
#[derive(Default)]
pub struct ReadMemo {
    pub docs: Memo<Result<crate::model::Document, crate::diag::Diagnostic>>,
    pub items: Memo<Result<crate::model::Item, crate::diag::Diagnostic>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: (&str, &str), b: (&str, &str), same: bool) {
        assert_eq!(
            key(Path::new(a.0), a.1) == key(Path::new(b.0), b.1),
            same,
            "{a:?} {b:?}"
        );
    }

    #[test]
    fn keys_follow_path_and_text() {
        check(("a.md", "x"), ("a.md", "x"), true);
        check(("a.md", "x"), ("a.md", "y"), false);
        check(("a.md", "x"), ("b.md", "x"), false);
        check(("ab", "c"), ("a", "bc"), false);
        check(("a.md", "Kế hoạch"), ("a.md", "Kế hoạch "), false);
        check(("a.md", ""), ("a.md", ""), true);
    }

    #[test]
    fn only_the_last_build_is_kept() {
        let m: Memo<u32> = Memo::default();
        let mut e = HashMap::new();
        e.insert(1, 10);
        e.insert(2, 20);
        m.replace(e);
        assert_eq!(m.get(1), Some(10));
        let mut e = HashMap::new();
        e.insert(2, 21);
        m.replace(e);
        assert_eq!(m.get(1), None);
        assert_eq!(m.get(2), Some(21));
        assert_eq!(m.len(), 1);
    }
}
