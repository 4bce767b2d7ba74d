//! What a build need not make again: the pages, and the search index.
//! Owns no address: it decides which of the families' pages are rendered
//! and which are kept from the served tree, and whether the search index
//! is kept, brought up to date or made anew ([`search_index`]). Both use
//! the record's pieces (`kept::Piece`): a key, the files, each part's
//! input hash.
//!
//! A page whose family names its inputs (`Job::reading`: a document's
//! page, a cited-only document's, a page of a list, an iCalendar feed,
//! `data/tracking.json`) is kept when the hash of its address and inputs
//! (`inputs::Inputs`) is among those the last build recorded; a job
//! naming a folder (a calendar) keeps every recorded file under it; every other page reads everything but the
//! documents' texts ([`Inputs::all`]) and is kept when that hash is the
//! recorded one. A kept page is the one the served tree holds, published
//! by being linked from it (`publish::publish_keeping`).
//!
//! *Invariant: a page is kept only when the hash of all it reads is the
//! one recorded for it and the served tree's manifest lists every file
//! the record holds with the recorded size and hash; else it is rendered.
//! `--no-cache` neither reads nor writes the record.*

use super::inputs::Inputs;
use super::{Renderer, search};
use crate::graph::Graph;
use crate::kept::Piece;
use crate::outfile::{Listed, OutFile};
use anyhow::Result;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// What the record calls the pages.
const WHAT: &str = "pages";

/// The site's pages (the search index and the published files aside):
/// those rendered, and those kept from the served tree.
pub struct Pages {
    pub rendered: Vec<OutFile>,
    pub kept: Vec<Listed>,
    /// What to record of them for the next build (none without a record).
    pub piece: Option<Piece>,
    /// The hashes their inputs were made of (none without a record).
    pub inputs: Option<Inputs>,
}

/// Where the last build's record is: its pieces, the program's identity
/// and the output it published.
pub struct Earlier<'a> {
    pub pieces: &'a [Piece],
    pub program: u128,
    pub out: &'a Path,
}

/// The key of the record's pages piece, for the program `program`.
pub fn pages_key(program: u128) -> u128 {
    crate::kept::key(WHAT, program, 0)
}

/// What the record holds of a page that names its inputs: its address
/// and their hash, in one.
pub fn part(path: &str, inputs: u128) -> u128 {
    let mut h = Xxh3::new();
    h.update(path.as_bytes());
    h.update(&[0]);
    h.update(&inputs.to_le_bytes());
    h.digest128()
}

/// The record's pages piece: its parts are the documents' texts' hashes,
/// its inputs the hash of everything but the texts, then the sorted
/// [`part`]s of the pages that name their inputs.
fn piece(
    key: u128,
    inputs: &Inputs,
    mut named: Vec<u128>,
    made: &[OutFile],
    kept: &[Listed],
) -> Piece {
    named.sort_unstable();
    let mut p = Piece::new(key, made, kept, Vec::new(), inputs.texts.clone());
    p.inputs = Vec::with_capacity(named.len() + 1);
    p.inputs.push(inputs.all);
    p.inputs.extend(named);
    p
}

/// The sorted parts `named` once the documents of `changed` (each with
/// its text's hash before) have the texts the graph holds: the part of
/// each one's page before is replaced by its part now.
pub fn retexted(
    r: &Renderer,
    g: &Graph,
    inputs: &Inputs,
    named: &[u128],
    changed: impl IntoIterator<Item = (usize, u128)>,
) -> Vec<u128> {
    let mut named = named.to_vec();
    for (i, before) in changed {
        let path = super::documents::page_path(&g.docs[i]);
        let now = g.docs[i].body.hash();
        let old = part(&path, inputs.document_with(r, g, i, before));
        let new = part(&path, inputs.document_with(r, g, i, now));
        if let Ok(at) = named.binary_search(&old) {
            named.remove(at);
        }
        let at = named.partition_point(|&p| p < new);
        named.insert(at, new);
    }
    named
}

/// Renders the site's pages whose inputs are not those the last build
/// recorded (`earlier`) for a page the served tree still holds; keeps the
/// others.
pub fn pages(r: &Renderer, g: &Graph, withheld: u128, earlier: Option<Earlier>) -> Result<Pages> {
    let Some(e) = earlier else {
        return Ok(Pages {
            rendered: r.render_all(g)?,
            kept: Vec::new(),
            piece: None,
            inputs: None,
        });
    };
    let inputs = Inputs::new(r, g, withheld);
    let key = pages_key(e.program);
    let old = e
        .pieces
        .iter()
        .find(|p| p.key == key && !p.inputs.is_empty())
        .filter(|p| crate::publish::serves(e.out, &p.files));
    // Nothing but texts changed: the pages of the documents whose text
    // changed are all there is to render, and the only parts to change.
    if let Some(p) = old.filter(|p| p.inputs[0] == inputs.all && p.parts.len() == g.docs.len()) {
        let changed = p.changed(&inputs.texts);
        let rendered = super::documents::pages(r, g, &changed)?;
        if let Some(kept) = p.rest(&rendered) {
            let before = changed.iter().map(|&i| (i, p.parts[i]));
            let named = retexted(r, g, &inputs, &p.inputs[1..], before);
            let piece = piece(key, &inputs, named, &rendered, &kept);
            return Ok(Pages {
                rendered,
                kept,
                piece: Some(piece),
                inputs: Some(inputs),
            });
        }
    }
    type Done = (Vec<OutFile>, Vec<Listed>, Vec<u128>);
    let (rendered, kept, named) = r.with_jobs(g, false, |jobs| -> Result<Done> {
        let reads: Vec<_> = jobs.iter().map(|j| j.reads.as_ref()).collect();
        let named: Vec<Option<(String, u128)>> = reads
            .par_iter()
            .map(|reads| reads.map(|reads| reads(&inputs)))
            .collect();
        drop(reads);
        let parts: Vec<Option<u128>> = named
            .iter()
            .map(|n| n.as_ref().map(|(path, h)| part(path, *h)))
            .collect();
        let all_kept = old.is_some_and(|p| p.inputs[0] == inputs.all);
        // The recorded files of a job whose part was recorded.
        let recorded = |path: &str, part: u128| -> Option<&[Listed]> {
            let p = old?;
            p.inputs[1..].binary_search(&part).ok()?;
            let files = owned(&p.files, path);
            (!files.is_empty()).then_some(files)
        };
        let mut kept = Vec::new();
        let mut again = Vec::new();
        for ((job, n), part) in jobs.into_iter().zip(&named).zip(&parts) {
            match (n, part) {
                (Some((path, _)), Some(part)) => match recorded(path, *part) {
                    Some(files) => kept.extend_from_slice(files),
                    None => again.push(job),
                },
                _ if all_kept => {}
                _ => again.push(job),
            }
        }
        if let Some(p) = old.filter(|_| all_kept) {
            // Every other page is kept: the recorded files no job that
            // names its inputs makes (the same jobs name them, as nothing
            // but texts changed).
            let named: HashSet<&str> = named.iter().flatten().map(|(p, _)| p.as_str()).collect();
            kept.extend(
                p.files
                    .iter()
                    .filter(|l| !named_owns(&named, &l.0))
                    .cloned(),
            );
        }
        let rendered = super::run(again, r.progress)?;
        Ok((rendered, kept, parts.into_iter().flatten().collect()))
    })?;
    let piece = piece(key, &inputs, named, &rendered, &kept);
    Ok(Pages {
        rendered,
        kept,
        piece: Some(piece),
        inputs: Some(inputs),
    })
}

/// The files of `files` (sorted by path) that a job naming `path` makes:
/// the file at `path`, or, for a folder ("lich/"), every file under it.
fn owned<'f>(files: &'f [Listed], path: &str) -> &'f [Listed] {
    let from = files.partition_point(|l| l.0.as_str() < path);
    let rest = &files[from..];
    let n = if path.ends_with('/') {
        rest.partition_point(|l| l.0.starts_with(path))
    } else {
        rest.first().is_some_and(|l| l.0 == path) as usize
    };
    &rest[..n]
}

/// Whether a job naming one of `named` (files, and folders ending in
/// '/') makes the file at `path`.
fn named_owns(named: &HashSet<&str>, path: &str) -> bool {
    named.contains(path)
        || path
            .match_indices('/')
            .any(|(at, _)| named.contains(&path[..=at]))
}

/// The search index, with what to record of it and what it kept of the
/// last one ("search index", "N of M search index files").
pub struct Search {
    pub index: search::Index,
    pub piece: Option<Piece>,
    pub kept: Option<String>,
    /// Each document's entry number (none without a record).
    pub numbering: Option<search::Numbering>,
}

/// The search index: kept from the last build when no entry of it
/// changed and the served tree still holds it; brought up to date from
/// the served shards when entries were added, removed or changed under the
/// same key (`search::update`: the shards and entry files that hold them);
/// else made again.
pub fn search_index(g: &Graph, earlier: Option<Earlier>) -> anyhow::Result<Search> {
    let listing = search::listing(g);
    let Some(e) = earlier else {
        return Ok(Search {
            index: search::build(&listing)?,
            piece: None,
            kept: None,
            numbering: None,
        });
    };
    let prints = search::fingerprints(&listing);
    let key = crate::kept::key("search index", e.program, prints.key);
    let updated = e
        .pieces
        .iter()
        .find(|p| p.key == key && p.counts.len() == 3)
        .filter(|p| p.numbers.len() == p.parts.len() && p.inputs.len() == p.parts.len())
        .filter(|p| crate::publish::serves(e.out, &p.files))
        .and_then(|p| {
            let before = search::Prints {
                key: prints.key,
                shards: prints.shards,
                numbers: p.numbers.clone(),
                fields: p.inputs.clone(),
                texts: p.parts.clone(),
            };
            let changed = prints.changed(&before);
            let (files, gone) = if changed.is_empty() {
                (Vec::new(), Vec::new())
            } else {
                let shards = search::shards_in(&p.files);
                let old = crate::publish::read_served(e.out, &shards)?;
                let u = search::update(&listing, &prints, &changed, &old)?;
                (u.files, u.gone)
            };
            // The recorded files but those made again or removed.
            let not_kept: HashSet<&str> = files
                .iter()
                .map(|f| f.path.as_str())
                .chain(gone.iter().map(String::as_str))
                .collect();
            let kept = p
                .files
                .iter()
                .filter(|l| !not_kept.contains(l.0.as_str()))
                .cloned()
                .collect();
            Some(search::Index {
                kept,
                files,
                shards: p.counts[0] as usize,
                entries: prints.numbers.len(),
            })
        });
    let index = match updated {
        Some(index) => index,
        None => search::build(&listing)?,
    };
    let kept = match (index.files.len(), index.kept.len()) {
        (_, 0) => None,
        (0, _) => Some("search index".to_string()),
        (made, kept) => Some(format!("{kept} of {} search index files", made + kept)),
    };
    // The shards and entries, and the text size the shard count is
    // reckoned from (see `crate::retext`).
    let counts = vec![
        index.shards as u64,
        index.entries as u64,
        search::text_bytes(g) as u64,
    ];
    let mut piece = Piece::new(key, &index.files, &index.kept, counts, prints.texts);
    piece.inputs = prints.fields;
    piece.numbers = prints.numbers;
    Ok(Search {
        index,
        piece: Some(piece),
        kept,
        numbering: Some(search::numbering(g, &listing)),
    })
}
