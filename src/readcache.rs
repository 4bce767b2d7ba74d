//! The read cache: what parsing each source gave (layout, facts,
//! diagnostics: a whole [`crate::model::Document`] or
//! [`crate::model::Item`] before attachments are joined, less its path and
//! body, which the source gives again), kept on disk
//! between builds, so a build parses only the sources that changed.
//!
//! It is one folder beside the output, `.<out>.cache` (`.public.cache` for
//! `public/`), with one file an entry. An entry's name is a 128-bit hash of
//! what the result depends on and nothing else: the running program (its
//! file's identity on Linux, else its bytes: see [`program`]; so another
//! kehoach version, or another build of the same one, never reads it), what was parsed (a document or an item), the source's
//! path and its whole text. Parsing reads nothing else (no configuration,
//! no other file, no clock), so an entry found is the result.
//!
//! Invariants: an entry is never trusted blindly — its header repeats its
//! key, its payload carries a checksum, and one that is truncated, corrupt,
//! of another format or undecodable is a miss, parsed again and written
//! anew. Entries are written once the site is published (flushing the site
//! does not wait for them), each in place: a build killed while writing
//! leaves at most entries cut short, which fail their length and checksum
//! and are parsed again; a build that fails writes none. After a build, only
//! the entries it used are kept. A
//! cache that cannot be read or written never fails a build: it reads as
//! misses and the build says so. `build --no-cache` neither reads nor
//! writes it; `kehoach clean` removes it.

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// First bytes of every entry: the format, changed when it changes.
const MAGIC: &[u8; 8] = b"khread2\n";

/// What is parsed, so one text read as a document and as an item are two
/// entries.
#[derive(Clone, Copy, Debug)]
pub enum What {
    Document,
    Item,
}

/// A parse result whose entry leaves out what its source gives again: its
/// path (the key holds it) and its body (the text after the front matter),
/// set again when the entry is read.
pub trait Sourced: bitcode::Encode + bitcode::DecodeOwned {
    /// Sets the path and body from the source; false when the text has no
    /// body to give (the entry is then not used).
    fn restore(&mut self, path: PathBuf, text: &str) -> bool;
    /// Sets the hash of what parsing gave (see [`facts_hash`]).
    fn set_facts(&mut self, _hash: u128) {}
}

/// The body of a source's text, as parsing takes it.
pub fn body_of(text: &str) -> Option<String> {
    crate::frontmatter::split(text)
        .ok()
        .map(|s| s.body.to_string())
}

impl Sourced for crate::model::Document {
    fn restore(&mut self, path: PathBuf, text: &str) -> bool {
        self.path = path;
        body_of(text)
            .map(|b| self.body = crate::lazytext::LazyText::new(b))
            .is_some()
    }

    fn set_facts(&mut self, hash: u128) {
        self.facts = Some(hash);
    }
}

impl Sourced for crate::model::Item {
    fn restore(&mut self, path: PathBuf, text: &str) -> bool {
        self.path = path;
        body_of(text).map(|b| self.body = b).is_some()
    }
}

/// The cache folder of a build writing into `out`.
pub fn folder(out: &Path) -> Result<PathBuf> {
    crate::publish::beside(out, "cache")
}

/// The files of the cache's folder that are not entries, kept by
/// [`ReadCache::finish`]: the record of the last build (see `unchanged`)
/// and of the work it did that the next may keep (see `kept`), and where
/// each document's page holds its text (see `retext`).
pub const RECORD: &str = "last-build";
pub const KEPT: &str = "kept";
pub const FRAMES: &str = "frames";

/// Writes `value` as the record `name` of the cache's folder `dir`: `magic`,
/// a checksum, the bitcode payload, written beside and renamed in (a
/// record is one file the next build must find whole or not at all). On
/// failure no record is left; false.
pub fn write_record<T: bitcode::Encode>(dir: &Path, name: &str, magic: &[u8], value: &T) -> bool {
    let payload = bitcode::encode(value);
    let mut bytes = magic.to_vec();
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    let tmp = dir.join(format!("{name}.{}.tmp", std::process::id()));
    let ok = std::fs::write(&tmp, &bytes).is_ok() && std::fs::rename(&tmp, dir.join(name)).is_ok();
    if !ok {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(dir.join(name));
    }
    ok
}

/// The record `name` written by [`write_record`] with `magic`, if it is
/// there, whole and decodable.
pub fn read_record<T: bitcode::DecodeOwned>(dir: &Path, name: &str, magic: &[u8]) -> Option<T> {
    let bytes = std::fs::read(dir.join(name)).ok()?;
    let rest = bytes.strip_prefix(magic)?;
    let (sum, payload) = rest.split_at_checked(16)?;
    if u128::from_le_bytes(sum.try_into().ok()?) != xxhash_rust::xxh3::xxh3_128(payload) {
        return None;
    }
    bitcode::decode(payload).ok()
}

/// What identifies the running program: what a cache entry (and the
/// record of the last build, `unchanged`) was made by. On Linux, the
/// identity of the file the process runs (`/proc/self/exe`: device, inode,
/// size, modification and change times) — a new build of kehoach is a
/// new file, and any write to one moves its change time, which no program
/// can set back; elsewhere the hash of its bytes.
pub fn program() -> Result<u128> {
    #[cfg(target_os = "linux")]
    if let Ok(m) = std::fs::metadata("/proc/self/exe") {
        use std::os::unix::fs::MetadataExt;
        let id = format!(
            "{} {} {} {}.{} {}.{}",
            m.dev(),
            m.ino(),
            m.size(),
            m.mtime(),
            m.mtime_nsec(),
            m.ctime(),
            m.ctime_nsec()
        );
        return Ok(xxhash_rust::xxh3::xxh3_128(id.as_bytes()));
    }
    let exe = std::env::current_exe().context("finding the running program")?;
    let bytes = std::fs::read(&exe)
        .with_context(|| format!("reading the running program {}", exe.display()))?;
    Ok(xxhash_rust::xxh3::xxh3_128(&bytes))
}

/// An open cache: its folder and the running program's identity.
pub struct ReadCache {
    dir: PathBuf,
    program: u128,
    /// Entries parsed by this build, written once the site is published.
    staged: Mutex<Vec<(u128, Vec<u8>)>>,
}

/// How a build used the cache, for its summary.
#[derive(Clone, Debug, Default)]
pub struct Use {
    /// Sources read from the cache (or, in `serve`, kept from the last build).
    pub reused: usize,
    /// Sources parsed.
    pub parsed: usize,
    /// Of those reused, documents' sources not even read (see
    /// `unchanged::known`).
    pub unread: usize,
    /// Why the cache was not used, or what went wrong with it.
    pub note: Option<String>,
}

impl ReadCache {
    /// Opens (creating it) the cache folder `dir`. Fails when the folder
    /// cannot be made or the program cannot read itself; the caller goes
    /// on without a cache.
    pub fn open(dir: &Path, program: u128) -> Result<ReadCache> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the read cache {}", dir.display()))?;
        Ok(ReadCache {
            dir: dir.to_path_buf(),
            program,
            staged: Mutex::new(Vec::new()),
        })
    }

    /// The key of a source whose path and text hash to `source` (see
    /// [`crate::memo::key`]).
    pub fn key(&self, what: What, source: u128) -> u128 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(MAGIC);
        h.update(&self.program.to_le_bytes());
        h.update(&[what as u8]);
        h.update(&source.to_le_bytes());
        h.digest128()
    }

    fn path(&self, key: u128) -> PathBuf {
        self.dir.join(format!("{key:032x}"))
    }

    /// The entry of `key`, if it is there, whole and decodable.
    pub fn get<T: bitcode::DecodeOwned>(&self, key: u128) -> Option<T> {
        self.get_hashed(key).map(|(t, _)| t)
    }

    /// [`ReadCache::get`], with the [`facts_hash`] of the value.
    pub fn get_hashed<T: bitcode::DecodeOwned>(&self, key: u128) -> Option<(T, u128)> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        decode_entry(key, &bytes)
    }

    /// Keeps `value` as the entry of `key`, to be written by
    /// [`ReadCache::finish`] once the site is published (so that flushing
    /// the site does not wait for the cache).
    /// Returns the [`facts_hash`] of the value.
    pub fn put<T: bitcode::Encode>(&self, key: u128, value: &T) -> u128 {
        let (bytes, hash) = encode_entry(key, value);
        self.staged
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((key, bytes));
        hash
    }

    /// Writes the entries kept by [`ReadCache::put`] (see
    /// [`ReadCache::finish`]), removing none; returns how many could not be
    /// written.
    pub fn write_staged(&self) -> usize {
        let staged = std::mem::take(&mut *self.staged.lock().unwrap_or_else(|e| e.into_inner()));
        staged
            .par_iter()
            .filter(|(key, bytes)| {
                let dest = self.path(*key);
                let ok = std::fs::write(&dest, bytes).is_ok();
                if !ok {
                    let _ = std::fs::remove_file(&dest);
                }
                !ok
            })
            .count()
    }

    /// Writes the entries kept by [`ReadCache::put`], then removes every
    /// entry not in `used` and any other file; returns how many entries
    /// could not be written. An entry is written in place, not beside and
    /// renamed: one cut short (a killed build, a full disk) fails its length
    /// and checksum and is parsed again, and renames into one folder would
    /// queue on its lock.
    pub fn finish(&self, used: &HashSet<u128>) -> usize {
        let failed = self.write_staged();
        if let Ok(list) = std::fs::read_dir(&self.dir) {
            for e in list.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                let keep = name == RECORD
                    || name == KEPT
                    || name == FRAMES
                    || u128::from_str_radix(&name, 16)
                        .ok()
                        .filter(|_| name.len() == 32)
                        .is_some_and(|k| used.contains(&k));
                if !keep {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        failed
    }
}

/// What a parse result is known by in the pages' inputs (`render::inputs`):
/// the hash of its encoding, which an entry holds as its payload.
pub fn facts_hash<T: bitcode::Encode>(value: &T) -> u128 {
    xxhash_rust::xxh3::xxh3_128(&bitcode::encode(value))
}

/// An entry's bytes: magic, key, payload length and checksum, payload;
/// and the payload's hash, its checksum ([`facts_hash`]).
fn encode_entry<T: bitcode::Encode>(key: u128, value: &T) -> (Vec<u8>, u128) {
    let payload = bitcode::encode(value);
    let hash = xxhash_rust::xxh3::xxh3_128(&payload);
    let mut out = Vec::with_capacity(payload.len() + 48);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&hash.to_le_bytes());
    out.extend_from_slice(&payload);
    (out, hash)
}

/// The value in an entry's bytes, if they are the whole entry of `key`.
fn decode_entry<T: bitcode::DecodeOwned>(key: u128, bytes: &[u8]) -> Option<(T, u128)> {
    let (magic, rest) = bytes.split_at_checked(MAGIC.len())?;
    let (k, rest) = rest.split_at_checked(16)?;
    let (len, rest) = rest.split_at_checked(8)?;
    let (sum, payload) = rest.split_at_checked(16)?;
    let hash = xxhash_rust::xxh3::xxh3_128(payload);
    let ok = magic == MAGIC
        && u128::from_le_bytes(k.try_into().ok()?) == key
        && u64::from_le_bytes(len.try_into().ok()?) == payload.len() as u64
        && u128::from_le_bytes(sum.try_into().ok()?) == hash;
    if !ok {
        return None;
    }
    Some((bitcode::decode(payload).ok()?, hash))
}

/// Removes the cache of a build writing into `out`; says whether there was
/// one.
pub fn clean(out: &Path) -> Result<bool> {
    let dir = folder(out)?;
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("removing the read cache {}", dir.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Damages an entry of (key 7, "Kế hoạch") and says whether it still
    /// decodes to the value.
    fn check(damage: fn(&mut Vec<u8>), decodes: bool) {
        let (mut bytes, hash) = encode_entry(7, &"Kế hoạch".to_string());
        assert_eq!(hash, facts_hash(&"Kế hoạch".to_string()));
        damage(&mut bytes);
        let got: Option<String> = decode_entry(7, &bytes).map(|(v, h)| {
            assert_eq!(h, hash);
            v
        });
        assert_eq!(got.is_some(), decodes, "{bytes:?}");
        if let Some(v) = got {
            assert_eq!(v, "Kế hoạch");
        }
    }

    #[test]
    fn damaged_entries_are_misses() {
        check(|_| {}, true);
        check(|b| b.truncate(b.len() - 1), false);
        check(|b| b.truncate(20), false);
        check(|b| b.clear(), false);
        check(|b| b.push(0), false);
        check(|b| *b.last_mut().unwrap() ^= 1, false);
        check(|b| b[0] = b'x', false);
        // Another key's entry under this name.
        check(|b| b[8] ^= 1, false);
        // Length and checksum consistent, payload not a String.
        check(
            |b| {
                let payload = vec![0xff; 3];
                b.truncate(24);
                b.extend_from_slice(&(payload.len() as u64).to_le_bytes());
                b.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(&payload).to_le_bytes());
                b.extend_from_slice(&payload);
            },
            false,
        );
    }

    #[test]
    fn keys_follow_what_and_source() {
        let dir = tempfile::tempdir().unwrap();
        let c = ReadCache::open(dir.path(), 7).unwrap();
        assert_eq!(c.key(What::Document, 1), c.key(What::Document, 1));
        assert_ne!(c.key(What::Document, 1), c.key(What::Item, 1));
        assert_ne!(c.key(What::Document, 1), c.key(What::Document, 2));
        let other = ReadCache {
            program: c.program ^ 1,
            ..ReadCache::open(dir.path(), 7).unwrap()
        };
        assert_ne!(c.key(What::Document, 1), other.key(What::Document, 1));
    }

    #[test]
    fn kept_are_the_used_entries_only() {
        let dir = tempfile::tempdir().unwrap();
        let c = ReadCache::open(dir.path(), 7).unwrap();
        c.put(1, &1u32);
        c.put(2, &2u32);
        assert_eq!(c.get::<u32>(1), None, "written before finish");
        assert_eq!(c.finish(&HashSet::from([1, 2])), 0);
        std::fs::write(dir.path().join("x.tmp"), "half").unwrap();
        assert_eq!(c.get::<u32>(1), Some(1));
        assert_eq!(c.finish(&HashSet::from([2])), 0);
        assert_eq!(c.get::<u32>(1), None);
        assert_eq!(c.get::<u32>(2), Some(2));
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }
}
