//! What a build need not make again: the pages, and the search index.
//! Owns no address: it decides which of the families' pages are rendered
//! and which are kept from the served tree, and whether the search index
//! is kept, brought up to date or made anew ([`search_index`]). Both use
//! the record's pieces (`kept::Piece`): a key, the files, each part's
//! input hash.
//!
//! Every page but a document's own reads only what this module's
//! [`fingerprint`] hashes: the configuration, the theme's files, the build
//! date, and the graph's inputs with the documents' texts left out (each
//! document's and item's facts as read, its path, each item's text, the
//! registry, the graph's warnings, and what was kept out). A document's
//! page reads all that and its own text. So when the fingerprint is the one
//! the last build recorded (`kept`, the piece "pages"), only the pages of
//! the documents whose text changed are rendered again (their facts did
//! not change, or the fingerprint would differ); every other page is the
//! one the served tree holds, and is published by being linked from it
//! (`publish::publish_keeping`).
//!
//! *Invariant: a page is kept only when the fingerprint of everything it
//! reads but a document's text is the recorded one, the document texts it
//! reads are unchanged, and the served tree's manifest lists it with the
//! recorded size and hash; else every page is rendered. `--no-cache`
//! neither reads nor writes the record.*

use super::{Renderer, search};
use crate::graph::Graph;
use crate::kept::Piece;
use crate::outfile::{Listed, OutFile};
use anyhow::Result;
use rayon::prelude::*;
use std::path::Path;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

/// What the record calls the pages.
const WHAT: &str = "pages";

/// The site's pages (the search index and the published files aside):
/// those rendered, and those kept from the served tree.
pub struct Pages {
    pub rendered: Vec<OutFile>,
    pub kept: Vec<Listed>,
    /// What to record of them for the next build (none without a record).
    pub piece: Option<Piece>,
}

/// Where the last build's record is: its pieces, the program's identity
/// and the output it published.
pub struct Earlier<'a> {
    pub pieces: &'a [Piece],
    pub program: u128,
    pub out: &'a Path,
}

/// The hash of everything a page reads but the documents' texts: the
/// renderer's configuration, theme and build date, and the graph's inputs
/// (`withheld`: the hash of what was kept out of the site).
pub fn fingerprint(r: &Renderer, g: &Graph, withheld: u128) -> u128 {
    let mut h = Xxh3::new();
    let mut put = |b: &[u8]| {
        h.update(&(b.len() as u64).to_le_bytes());
        h.update(b);
    };
    put(format!("{:?}", r.config).as_bytes());
    for (path, text) in &r.static_files {
        put(path.as_bytes());
        put(text.as_bytes());
    }
    put(format!("{:?} {}", r.today, r.default_task_row).as_bytes());
    put(&withheld.to_le_bytes());
    put(format!("{:?}", g.bodies.bodies).as_bytes());
    put(format!("{:?}", g.diagnostics).as_bytes());
    // Each document's facts: everything read of it but its text (path and
    // body are left out of the encoding; the path is put in apart).
    let docs: Vec<u128> = g
        .docs
        .par_iter()
        .map(|d| {
            let mut h = Xxh3::new();
            h.update(d.path.to_string_lossy().as_bytes());
            h.update(&[0]);
            h.update(&bitcode::encode(d));
            h.digest128()
        })
        .collect();
    for d in docs {
        put(&d.to_le_bytes());
    }
    for it in &g.items {
        put(it.path.to_string_lossy().as_bytes());
        put(&bitcode::encode(it));
        put(it.body.as_bytes());
    }
    h.digest128()
}

/// The hash of each document's text, in the graph's order.
fn texts(g: &Graph) -> Vec<u128> {
    g.docs
        .par_iter()
        .map(|d| xxh3_128(d.body.as_bytes()))
        .collect()
}

/// Renders the site's pages: only the pages of documents whose text
/// changed when `earlier` recorded this fingerprint and the served tree
/// holds the rest; else all of them.
pub fn pages(r: &Renderer, g: &Graph, withheld: u128, earlier: Option<Earlier>) -> Result<Pages> {
    let Some(e) = earlier else {
        return Ok(Pages {
            rendered: r.render_all(g)?,
            kept: Vec::new(),
            piece: None,
        });
    };
    let key = crate::kept::key(WHAT, e.program, fingerprint(r, g, withheld));
    let texts = texts(g);
    let again = Piece::recorded(e.pieces, key, texts.len(), e.out)
        .map(|old| -> Result<_> {
            let rendered = super::documents::pages(r, g, &old.changed(&texts))?;
            // A page the last build did not make: render them all.
            Ok(old.rest(&rendered).map(|kept| (rendered, kept)))
        })
        .transpose()?
        .flatten();
    let (rendered, kept) = match again {
        Some(done) => done,
        None => (r.render_all(g)?, Vec::new()),
    };
    let piece = Piece::new(key, &rendered, &kept, Vec::new(), texts);
    Ok(Pages {
        rendered,
        kept,
        piece: Some(piece),
    })
}

/// The search index, with what to record of it and what it kept of the
/// last one ("search index", "N of M search index files").
pub struct Search {
    pub index: search::Index,
    pub piece: Option<Piece>,
    pub kept: Option<String>,
}

/// The search index: kept from the last build when no entry of it
/// changed and the served tree still holds it; brought up to date from
/// the served shards when only entries' texts changed (`search::update`);
/// else made again.
pub fn search_index(g: &Graph, earlier: Option<Earlier>) -> Search {
    let Some(e) = earlier else {
        return Search {
            index: search::build(g),
            piece: None,
            kept: None,
        };
    };
    let (key, texts) = search::fingerprints(g);
    let key = crate::kept::key("search index", e.program, key);
    let updated = Piece::recorded(e.pieces, key, texts.len(), e.out)
        .filter(|p| p.counts.len() == 2)
        .and_then(|p| {
            let changed = p.changed(&texts);
            let files = if changed.is_empty() {
                Vec::new()
            } else {
                let shards: Vec<Listed> = p
                    .files
                    .iter()
                    .filter(|f| search::is_shard(&f.0))
                    .cloned()
                    .collect();
                search::update(g, &changed, &crate::publish::read_served(e.out, &shards)?)?
            };
            Some(search::Index {
                kept: p.rest(&files)?,
                files,
                shards: p.counts[0] as usize,
                entries: p.counts[1] as usize,
            })
        });
    let index = updated.unwrap_or_else(|| search::build(g));
    let kept = match (index.files.len(), index.kept.len()) {
        (_, 0) => None,
        (0, _) => Some("search index".to_string()),
        (made, kept) => Some(format!("{kept} of {} search index files", made + kept)),
    };
    let counts = vec![index.shards as u64, index.entries as u64];
    let piece = Piece::new(key, &index.files, &index.kept, counts, texts);
    Search {
        index,
        piece: Some(piece),
        kept,
    }
}
