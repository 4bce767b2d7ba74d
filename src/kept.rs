//! The record of work a build need not do again: files a stage made from
//! inputs whose hash the last build recorded, which the next build takes
//! from the served tree instead of making them again. Two pieces: the
//! pages (`render::reuse`) and the search index (`build::search_index`,
//! `render::search`).
//!
//! The record (`kept`, in the read cache's folder) holds, for each piece,
//! the hash of its inputs but its parts' own (the running program's
//! identity mixed in), the path, size and hash of every file it made, the
//! counts the rest of the site needs of it (the index's shards and
//! entries), and the hash of each part's own input (each document's or
//! entry's text): a build whose key is the recorded one redoes only the
//! parts whose input changed.
//!
//! *Invariant: recorded files are used only when the record's key is this
//! build's and the served tree's manifest lists every one of them with
//! the recorded size and hash (files read back, such as the search shards
//! brought up to date, must also read as those bytes:
//! `publish::read_served`); else the work is done again. A record that
//! does not decode is no record. `--no-cache` neither reads nor writes it.*

use std::path::Path;

pub use crate::readcache::KEPT as RECORD;
const MAGIC: &[u8; 16] = b"kehoach-kept-2\0\0";

/// One piece of work the last build did.
#[derive(Clone, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Piece {
    pub key: u128,
    /// Path, size and hash of each file it made.
    pub files: Vec<(String, u64, u128)>,
    /// What else the site needs of it.
    pub counts: Vec<u64>,
    /// The hashes of its parts' own inputs (the pages: each document's
    /// text), so that a build may redo only the parts whose input changed.
    pub parts: Vec<u128>,
}

/// The key of a piece of work: what it is, the program, its inputs' hash.
pub fn key(what: &str, program: u128, inputs: u128) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(MAGIC);
    h.update(what.as_bytes());
    h.update(&[0]);
    h.update(&program.to_le_bytes());
    h.update(&inputs.to_le_bytes());
    h.digest128()
}

/// The pieces the last build recorded in `dir`; none when there is no
/// record or it does not decode.
pub fn read(dir: &Path) -> Vec<Piece> {
    crate::readcache::read_record(dir, RECORD, MAGIC).unwrap_or_default()
}

/// Records `pieces` in `dir` (beside, renamed in); false when it could not.
pub fn write(dir: &Path, pieces: &[Piece]) -> bool {
    crate::readcache::write_record(dir, RECORD, MAGIC, &pieces.to_vec())
}
