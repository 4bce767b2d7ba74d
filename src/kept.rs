//! The record of work a build need not do again: files a stage made from
//! inputs whose hash the last build recorded, which the next build takes
//! from the served tree instead of making them again. Two pieces: the
//! pages and the search index (`render::reuse`, with
//! `render::search`).
//!
//! The record (`kept`, in the read cache's folder) holds, for each piece,
//! the hash of its inputs but its parts' own (the running program's
//! identity mixed in), the path, size and hash of every file it made, the
//! counts the rest of the site needs of it (the index's shards and
//! entries), and the hash of each part's own input (each document's or
//! entry's text): a build whose key is the recorded one redoes only the
//! parts whose input changed. The pages' piece also holds the hashes of
//! what its pages read (`render::inputs`).
//!
//! *Invariant: recorded files are used only when the record's key is this
//! build's and the served tree's manifest lists every one of them with
//! the recorded size and hash (files read back, such as the search shards
//! brought up to date, must also read as those bytes:
//! `publish::read_served`); else the work is done again. A record that
//! does not decode is no record. `--no-cache` neither reads nor writes it.*

use crate::outfile::{Listed, OutFile};
use std::path::Path;

pub use crate::readcache::KEPT as RECORD;
const MAGIC: &[u8; 16] = b"kehoach-kept-4\0\0";

/// One piece of work the last build did.
#[derive(Clone, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Piece {
    pub key: u128,
    /// Path, size and hash of each file it made.
    pub files: Vec<Listed>,
    /// What else the site needs of it.
    pub counts: Vec<u64>,
    /// The hashes of its parts' own inputs (the pages: each document's
    /// text), so that a build may redo only the parts whose input changed.
    pub parts: Vec<u128>,
    /// The pages: the hash of everything but the texts, then the sorted
    /// hashes of the pages that name their inputs (`render::reuse`). The
    /// search index: each entry's fields but its text, hashed.
    pub inputs: Vec<u128>,
    /// The search index: each entry's number (increasing), in the order
    /// of `parts` and `inputs`.
    pub numbers: Vec<u64>,
}

impl Piece {
    /// A piece that made `made` (hashed here) and kept `kept`.
    pub fn new(
        key: u128,
        made: &[OutFile],
        kept: &[Listed],
        counts: Vec<u64>,
        parts: Vec<u128>,
    ) -> Piece {
        let mut files = crate::publish::listing(made);
        files.extend_from_slice(kept);
        files.sort_unstable();
        Piece {
            key,
            files,
            counts,
            parts,
            inputs: Vec::new(),
            numbers: Vec::new(),
        }
    }

    /// The piece of `pieces` recorded under `key` for as many parts as
    /// `parts` has, when the tree served at `out` still holds its files.
    pub fn recorded<'a>(
        pieces: &'a [Piece],
        key: u128,
        parts: usize,
        out: &Path,
    ) -> Option<&'a Piece> {
        pieces
            .iter()
            .find(|p| p.key == key && p.parts.len() == parts)
            .filter(|p| crate::publish::serves(out, &p.files))
    }

    /// The parts whose input is not the recorded one.
    pub fn changed(&self, parts: &[u128]) -> Vec<usize> {
        (0..parts.len())
            .filter(|&i| parts.get(i) != self.parts.get(i))
            .collect()
    }

    /// Its files that are not among `made` (made again); None when `made`
    /// holds a file it did not make.
    pub fn rest(&self, made: &[OutFile]) -> Option<Vec<Listed>> {
        let mut new: std::collections::HashSet<&str> =
            made.iter().map(|f| f.path.as_str()).collect();
        let rest = self
            .files
            .iter()
            .filter(|(path, _, _)| !new.remove(path.as_str()))
            .cloned()
            .collect();
        new.is_empty().then_some(rest)
    }
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
