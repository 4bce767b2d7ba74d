//! The build after an edit of documents' texts alone, made from what the
//! last build recorded: the edited sources are read and parsed, and when
//! each reads as the same facts as before (its text aside), only their
//! pages and the search shards holding their words are made again, from
//! the pages the served tree holds. The other sources are not read, and
//! no graph, tracking or template is made: the editor's loop of a
//! command-line build (`serve` keeps its state in memory instead: `warm`).
//!
//! Why that is so (as for `warm`): every page but a document's own reads
//! only what `render::inputs::Inputs::all` hashes, none of it from a text;
//! a document's page reads its text only as the HTML put in the page where
//! its template says (`documents::text_html`), made from the text, the
//! document's facts, what its citations link to, and its headings (the
//! table of contents). So the record keeps, for each document's page
//! ([`Held`]): where its text's HTML is in the page and how long, what its
//! citations link to, the hash of its headings, the hash of its other
//! inputs, and its number in the search index. A new text whose headings
//! are the old ones is put in place of the old HTML; the search shards are
//! brought up to date for its entry (`search::retext`).
//!
//! The conditions, each checked, else a whole build ([`crate::build`]):
//! the last build's record (`unchanged::edited`) says that only documents'
//! sources it read changed, in place, the served site is the one it
//! published and the build date is the same; each edited source parses to
//! the facts of its read cache entry (by their hash); the record of the
//! pages (`kept`) holds the page's inputs with the old text's hash, and
//! the served tree the page with the recorded hash; the shard count stays.
//!
//! *Invariant: the site after this build is byte for byte the one a whole
//! build of the same sources makes (`tests/retext.rs`), and the records it
//! leaves (the read cache entry, the frames, `kept`, `unchanged`) are the
//! ones a whole build would leave for the same site, so that any build
//! after it finds them true.*

use crate::build::{Options, Report};
use crate::graph::Graph;
use crate::kept::Piece;
use crate::outfile::{Listed, OutFile};
use crate::readcache::{FRAMES, ReadCache, Sourced, What};
use crate::render::documents::Frame;
use crate::render::inputs::{Inputs, with_text};
use crate::render::{Renderer, reuse, search};
use crate::unchanged::{self, Look, Read};
use anyhow::Result;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

const MAGIC: &[u8; 16] = b"kehoach-frames-1";

/// The most sources an edit of texts may change for this build to be
/// made from the record: it reads them one after another, where a whole
/// build reads many in parallel.
const MOST: usize = 32;

/// Where the search index's record (`piece`) lists the entry numbered
/// `number`.
fn entry_at(piece: &Piece, number: u32) -> Option<u32> {
    let at = piece.numbers.binary_search(&u64::from(number)).ok()?;
    u32::try_from(at).ok()
}

/// What the record keeps of a document's page.
#[derive(Clone, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
struct Held {
    frame: Frame,
    /// The document's index in the graph, and its entry's number in the
    /// search index (where the index's record lists it: `entry_at`).
    doc: u32,
    entry: u32,
    /// The hash of the page's inputs but the text
    /// (`Inputs::document_rest`).
    rest: u128,
    /// Its citations of documents kept out, by index.
    withheld: Vec<u32>,
}

/// How many files of the record's folder (`frames/`) the documents' pages
/// are spread over, by a hash of their address: a text edit reads and
/// writes one or two, not the record of every page.
const BUCKETS: u64 = 64;

fn bucket(page: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(page.as_bytes()) % BUCKETS
}

fn read_bucket(dir: &Path, k: u64) -> Option<Vec<Held>> {
    crate::readcache::read_record(&dir.join(FRAMES), &format!("{k:02}"), MAGIC)
}

/// Writes bucket `k`, or removes it when empty or when it cannot be
/// written (its pages' next text edit then makes a whole build).
fn write_bucket(dir: &Path, k: u64, held: &[Held]) {
    let dir = dir.join(FRAMES);
    let name = format!("{k:02}");
    if held.is_empty() || std::fs::create_dir_all(&dir).is_err() {
        let _ = std::fs::remove_file(dir.join(&name));
    } else {
        // On failure `write_record` leaves no file.
        crate::readcache::write_record(&dir, &name, MAGIC, &held.to_vec());
    }
}

/// Records, after a build published, where each document's page holds its
/// text: the pages rendered by this build (`r.frames`) and, for the pages
/// kept from the served tree, what the last record said of them (the
/// same inputs made them), with each page's document and search entry as
/// they are numbered now. `pages` is the record's pages piece; `inputs`
/// the hashes the pages' inputs were made of. Only the buckets that
/// change are written; one that cannot be is removed (its pages' next
/// text edit makes a whole build).
pub fn record(
    dir: &Path,
    r: &Renderer,
    g: &Graph,
    inputs: &Inputs,
    pages: &Piece,
    numbering: &search::Numbering,
) {
    let rendered = r.frames.take();
    // A file in the folder's place (not one kehoach writes) is no record.
    if dir.join(FRAMES).is_file() {
        let _ = std::fs::remove_file(dir.join(FRAMES));
    }
    let old: Vec<Vec<Held>> = (0..BUCKETS)
        .into_par_iter()
        .map(|k| read_bucket(dir, k).unwrap_or_default())
        .collect();
    let mut frames: BTreeMap<String, (Frame, Option<Held>)> = old
        .iter()
        .flatten()
        .map(|h| (h.frame.page.clone(), (h.frame.clone(), Some(h.clone()))))
        .collect();
    for f in rendered {
        frames.insert(f.page.clone(), (f, None));
    }
    let by_page: std::collections::HashMap<String, usize> = g
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| (crate::render::documents::page_path(d), i))
        .collect();
    let held: Vec<Held> = frames
        .into_par_iter()
        .filter_map(|(page, (mut frame, before))| {
            let i = *by_page.get(&page)?;
            let at = pages
                .files
                .binary_search_by(|l| l.0.as_str().cmp(&page))
                .ok()?;
            let listed = pages.files[at].2;
            let rest = match before {
                // Kept from the served tree: the same inputs made it.
                Some(h) if h.frame.hash == listed => h.rest,
                Some(_) => return None,
                None => {
                    frame.hash = listed;
                    inputs.document_rest(r, g, i)
                }
            };
            let withheld = (0..g.docs[i].citations.len())
                .filter(|&k| g.withheld_cites.contains(&(i, k)))
                .map(|k| k as u32)
                .collect();
            Some(Held {
                frame,
                doc: i as u32,
                entry: u32::try_from(numbering.of_doc[i]).ok()?,
                rest,
                withheld,
            })
        })
        .collect();
    let mut new: Vec<Vec<Held>> = vec![Vec::new(); BUCKETS as usize];
    for h in held {
        new[bucket(&h.frame.page) as usize].push(h);
    }
    (0..BUCKETS).into_par_iter().for_each(|k| {
        let (old, new) = (&old[k as usize], &new[k as usize]);
        if old != new {
            write_bucket(dir, k, new);
        }
    });
}

/// One edited document: what the last build read of its source, what this
/// one read, its page's record, and its parse result.
struct Edit {
    before: Read,
    after: Read,
    held: Held,
    doc: crate::model::Document,
    text: String,
}

/// Builds `opts`'s site from the last build's record when only documents'
/// texts changed (`look`: the inputs looked at by this build, `dir` the
/// record's folder, `program` the running program's identity). None when
/// it cannot (nothing was written, and a whole build follows); Some(Err)
/// when publishing failed.
pub fn build(
    opts: &Options,
    dir: &Path,
    program: u128,
    look: &Look,
    t: Instant,
) -> Option<Result<Report>> {
    let b = opts.recorded_as(program);
    // The look at the inputs was taken before (see `build`).
    let mut steps: Vec<(&'static str, std::time::Duration)> = vec![("  look", t.elapsed())];
    let mut at = Instant::now();
    let mut step = |name: &'static str| {
        steps.push((name, at.elapsed()));
        at = Instant::now();
    };
    let mut edited = unchanged::edited(dir, &b, look, MOST)?;
    let pieces = crate::kept::read(dir);
    let [search_piece, pages_piece] = &pieces[..] else {
        return None;
    };
    if pages_piece.key != reuse::pages_key(program) || search_piece.counts.len() != 3 {
        return None;
    }
    let listing = crate::publish::served_listing(&opts.out)?;
    let served = |l: &Listed| {
        listing
            .binary_search_by(|s| s.0.as_str().cmp(&l.0))
            .is_ok_and(|at| listing[at] == *l)
    };
    if !pages_piece
        .files
        .iter()
        .chain(&search_piece.files)
        .all(served)
    {
        return None;
    }
    let cache = ReadCache::open(dir, program).ok()?;
    step("  records");
    // The buckets of the edited documents' pages, read when first needed.
    let mut buckets: BTreeMap<u64, Vec<Held>> = BTreeMap::new();
    let named = pages_piece.inputs.get(1..)?;
    let mut edits = Vec::new();
    for before in std::mem::take(&mut edited.sources) {
        let path = std::path::PathBuf::from(&before.path);
        let full = opts.root.join(&path);
        let mtime = std::fs::metadata(&full).ok()?.modified().ok();
        let text = crate::load::read_text(&full).ok()?;
        if crate::frontmatter::is_blank(&text) {
            return None;
        }
        let source = crate::load::Source { path, text, mtime };
        let cache_key = cache.key(What::Document, crate::memo::key(&source.path, &source.text));
        // Parsed before (an edit undone): the read cache's entry, as a
        // whole build would take it.
        let cached = cache
            .get_hashed::<Result<crate::model::Document, crate::diag::Diagnostic>>(cache_key)
            .and_then(|(mut r, facts)| match &mut r {
                Ok(d) => d
                    .restore(source.path.clone(), &source.text)
                    .then_some((r, facts)),
                Err(_) => None,
            });
        let (result, facts) = match cached {
            Some(hit) => hit,
            None => {
                let r = crate::parse::document(&source);
                let facts = crate::readcache::facts_hash(&r);
                (r, facts)
            }
        };
        let (_, was) = cache
            .get_hashed::<Result<crate::model::Document, crate::diag::Diagnostic>>(
                before.cache_key,
            )?;
        let Ok(doc) = result else {
            return None;
        };
        if facts != was {
            return None;
        }
        let page = crate::render::documents::page_path(&doc);
        let k = bucket(&page);
        let held = match buckets.entry(k) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => e.insert(read_bucket(dir, k)?),
        };
        let h = held.iter().find(|h| h.frame.page == page)?.clone();
        let recorded = |p: &Piece, i: u32| p.parts.get(i as usize) == Some(&before.text);
        let part = reuse::part(&page, with_text(h.rest, before.text));
        if !recorded(pages_piece, h.doc)
            || !recorded(search_piece, entry_at(search_piece, h.entry)?)
            || named.binary_search(&part).is_err()
            || edits.iter().any(|e: &Edit| e.held.doc == h.doc)
        {
            return None;
        }
        let body = doc.body.text().ok()?.to_string();
        let after = Read {
            path: before.path.clone(),
            cache_key,
            text: doc.body.hash(),
            len: doc.body.len() as u64,
        };
        edits.push(Edit {
            before,
            after,
            held: h,
            doc,
            text: body,
        });
    }
    step("  parse");
    // The index keeps its shard count.
    let shards = *search_piece.counts.first()? as usize;
    let text_bytes = edits.iter().try_fold(search_piece.counts[2], |n, e| {
        n.checked_sub(e.before.len)?.checked_add(e.after.len)
    })?;
    if search::shards_for(text_bytes as usize) != shards {
        return None;
    }
    let listed = |page: &str| -> Option<Listed> {
        let at = listing.binary_search_by(|s| s.0.as_str().cmp(page)).ok()?;
        Some(listing[at].clone())
    };
    let pages: Vec<Listed> = edits
        .iter()
        .map(|e| listed(&e.held.frame.page).filter(|l| l.2 == e.held.frame.hash))
        .collect::<Option<_>>()?;
    let old_pages = crate::publish::read_served(&opts.out, &pages)?;
    let mut files = Vec::new();
    let mut new_frames = Vec::new();
    for (e, old) in edits.iter().zip(&old_pages) {
        let (bytes, frame) =
            crate::render::documents::retext(&e.held.frame, &old.bytes, &e.doc, &e.text)?;
        files.push(OutFile {
            path: old.path.clone(),
            bytes,
        });
        new_frames.push(frame);
    }
    let old_shards =
        crate::publish::read_served(&opts.out, &search::shards_in(&search_piece.files))?;
    let retexted: Vec<search::Retexted> = edits
        .iter()
        .map(|e| search::Retexted {
            doc: &e.doc,
            withheld: &e.held.withheld,
            text: &e.text,
            id: e.held.entry as u64,
        })
        .collect();
    let shards_made = search::retext(&retexted, shards, &old_shards)?;
    let n_shards = shards_made.len();
    step("  make");
    files.extend(shards_made);
    let stats = match crate::publish::publish_changed(&opts.out, &files, &listing) {
        Ok(s) => s,
        Err(e) => return Some(Err(e)),
    };
    step("  publish");
    // The records follow the site just published: the read cache's
    // entries, the frames, the pieces, the last build's record.
    let made = crate::publish::listing(&files);
    let mut pages_piece = pages_piece.clone();
    let mut search_piece = search_piece.clone();
    for (piece, list) in [
        (&mut pages_piece, &made[..edits.len()]),
        (&mut search_piece, &made[edits.len()..]),
    ] {
        for m in list {
            if let Ok(at) = piece.files.binary_search_by(|l| l.0.as_str().cmp(&m.0)) {
                piece.files[at] = m.clone();
            }
        }
    }
    let mut inputs = pages_piece.inputs[1..].to_vec();
    for e in &edits {
        let page = &e.held.frame.page;
        let old = reuse::part(page, with_text(e.held.rest, e.before.text));
        let new = reuse::part(page, with_text(e.held.rest, e.after.text));
        if let Ok(at) = inputs.binary_search(&old) {
            inputs.remove(at);
        }
        let at = inputs.partition_point(|&p| p < new);
        inputs.insert(at, new);
        pages_piece.parts[e.held.doc as usize] = e.after.text;
        let at = entry_at(&search_piece, e.held.entry)? as usize;
        search_piece.parts[at] = e.after.text;
    }
    pages_piece.inputs.truncate(1);
    pages_piece.inputs.extend(inputs);
    search_piece.counts[2] = text_bytes;
    for (e, frame) in edits.iter().zip(new_frames) {
        let page = &e.held.frame.page;
        let held = buckets.get_mut(&bucket(page)).into_iter().flatten();
        if let Some(h) = held.into_iter().find(|h| h.frame.page == *page) {
            h.frame = frame;
        }
    }
    let reads: Vec<Read> = edits.iter().map(|e| e.after.clone()).collect();
    let n = edits.len();
    for e in edits {
        // The entry as a whole build writes it (its payload's hash is the
        // facts' hash checked above).
        let result: Result<crate::model::Document, crate::diag::Diagnostic> = Ok(e.doc);
        cache.put(e.after.cache_key, &result);
    }
    let failed = cache.write_staged();
    for (k, held) in &buckets {
        write_bucket(dir, *k, held);
    }
    let kept = vec![
        format!("{} pages", pages_piece.files.len() - n),
        format!(
            "{} of {} search index files",
            search_piece.files.len() - n_shards,
            search_piece.files.len()
        ),
    ];
    crate::kept::write(dir, &[search_piece, pages_piece]);
    let summary = edited.summary.clone();
    let sources = summary.sources;
    unchanged::write_edited(dir, &b, edited, look.clone(), reads);
    let mut report = Report::recorded(
        summary,
        stats,
        crate::readcache::Use {
            reused: sources - n,
            parsed: n,
            unread: sources - n,
            note: (failed > 0).then(|| format!("{failed} read cache entries could not be written")),
        },
    );
    report.kept = kept;
    step("  records");
    report.timings = vec![("text only", t.elapsed())];
    report.timings.extend(steps);
    Some(Ok(report))
}
