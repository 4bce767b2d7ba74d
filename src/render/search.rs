//! The search index: static files that `search.js` reads to answer a query
//! in the browser, with no server.
//!
//! Every document, cited-only document and propaganda item is an entry,
//! numbered newest first from its day ([`DAY_SLOTS`] numbers a day; the
//! undated last, by their address's hash), so that an entry added or
//! removed moves few others and an index can be brought up to date
//! ([`update`]). Each word of an entry is indexed under its
//! *variant* (lower case, the tone taken off and written as one capital
//! letter at the end: "hoà" and "hòa" are both `hoaA`), in the shard chosen
//! by a hash of its *folded* form (no marks at all, đ → d: `hoa`). A query
//! typed without marks reads the same shard and takes every variant that
//! folds to it; a query with marks ranks the entries with its exact variant
//! first. Identifiers are indexed as compounds of code and number (`#nq28`
//! for 28-NQ/TW), which the browser forms from "28-NQ/TW", "nq 28", "NQ28",
//! "28/NQ-TW" or "nghị quyết 28" alike.
//!
//! Files: `search/s/<n>.json` (variant → postings), `search/d/<n>.json`
//! (what a result shows, [`DOCS_PER_SHARD`] numbers a file, null where no
//! entry has the number). A posting list
//! is a string of base-32 digits (see [`push_varint`]) of the gaps between
//! entry numbers, each times two plus one when the word is in the entry's
//! title, number, kind or issuer. A query fetches one shard per word and
//! one entry file per shown result, a few tens of kilobytes on a site of
//! 10,000 plans.
//!
//! Addresses: `search/s/<n>.json`, `search/d/<n>.json` and the search page
//! `tim-kiem/`. Reads the graph (documents with their text, cited-only
//! documents, items, standing). A stage of its own, after the pages and
//! timed apart (see `build`).

use super::ctx::SearchPage;
use super::shell::{crumbs, root_for, standing_tag};
use super::{Job, Renderer, job};
use crate::graph::Graph;
use crate::kinds::KINDS;
use crate::outfile::OutFile;
use crate::text::fold;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The index's files and the search page, in one job: the page says how
/// many shards and entries the index has.
pub fn jobs<'a>(r: &'a Renderer<'a>, g: &'a Graph) -> Vec<Job<'a>> {
    vec![job(move || {
        let index = build(&listing(g))?;
        let mut files = index.files;
        files.push(page(r, index.shards, index.entries)?);
        Ok(files)
    })]
}

/// The search page, `tim-kiem/`, of an index of `shards` shards and
/// `entries` entries.
pub fn page(r: &Renderer, shards: usize, entries: usize) -> anyhow::Result<OutFile> {
    let url = "tim-kiem/";
    let root = root_for(url);
    let page = SearchPage {
        site: r.site(&root),
        breadcrumb: crumbs(&root, &[], "Tìm kiếm".into()),
        shards,
        per: DOCS_PER_SHARD,
        entries,
        kinds: serde_json::to_string(&kind_codes())?,
    };
    r.page("search.html", format!("{url}index.html"), &page)
}

/// The index's fingerprints: its key (the shard count and how entries are
/// numbered: files written under one key can be brought up to date for
/// the entries that changed, [`update`]), and each entry's number, the
/// hash of its fields but its text (address, kind, number, date, issuer,
/// title, cited identifiers, standing) and its text's hash, in the index's
/// order. Equal number, fields and text: the entry reads the same in every
/// file. The search page is not in it (it reads the site's configuration
/// and templates).
pub fn fingerprints(l: &Listing) -> Prints {
    let entries = &l.entries;
    let shards = shard_count(entries);
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(b"kehoach search index 3\0");
    h.update(&(shards as u64).to_le_bytes());
    h.update(&(DOCS_PER_SHARD as u64).to_le_bytes());
    h.update(&DAY_SLOTS.to_le_bytes());
    let fields = entries.par_iter().map(fields_hash).collect();
    let texts = entries.par_iter().map(|e| e.body.hash()).collect();
    Prints {
        key: h.digest128(),
        shards,
        numbers: l.numbers.clone(),
        fields,
        texts,
    }
}

/// The index's entries in its order, with their numbers: listed once a
/// build, and read by [`fingerprints`], [`update`], [`build`] and
/// [`numbering`].
pub struct Listing<'g> {
    entries: Vec<Entry<'g>>,
    numbers: Vec<u64>,
}

/// The [`Listing`] of the graph's entries.
pub fn listing(g: &Graph) -> Listing<'_> {
    let entries = entries(g);
    let numbers = numbers(&entries);
    Listing { entries, numbers }
}

/// What [`fingerprints`] gives.
pub struct Prints {
    pub key: u128,
    /// The shard count.
    pub shards: usize,
    /// Each entry's number, increasing.
    pub numbers: Vec<u64>,
    /// Each entry's fields but its text, hashed.
    pub fields: Vec<u128>,
    /// Each entry's text, hashed.
    pub texts: Vec<u128>,
}

impl Prints {
    /// The entries that are not the same in both: added, removed, or with
    /// other fields or another text.
    pub fn changed(&self, before: &Prints) -> Changed {
        let of = |p: &Prints| -> HashMap<u64, (u128, u128)> {
            (0..p.numbers.len())
                .map(|k| (p.numbers[k], (p.fields[k], p.texts[k])))
                .collect()
        };
        let (old, new) = (of(before), of(self));
        let mut entries = Vec::new();
        let mut rows = Vec::new();
        for (n, v) in &old {
            match new.get(n) {
                Some(w) if w == v => {}
                Some(w) if w.0 == v.0 => entries.push(*n),
                _ => rows.push(*n),
            }
        }
        rows.extend(new.keys().filter(|n| !old.contains_key(n)));
        entries.extend_from_slice(&rows);
        entries.sort_unstable();
        rows.sort_unstable();
        Changed { entries, rows }
    }
}

/// Entries added, removed or changed between two indexes, by number,
/// increasing.
#[derive(Debug)]
pub struct Changed {
    /// Every one.
    pub entries: Vec<u64>,
    /// Those whose row (what a result shows) changed: added, removed, or
    /// with other fields.
    pub rows: Vec<u64>,
}

impl Changed {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The hash of an entry's fields but its text.
fn fields_hash(e: &Entry) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [e.url, e.kind, e.number, e.issuer, e.title, e.standing] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    let date = e.date.map(|d| (d.y, d.m, d.d));
    h.update(format!("{date:?}").as_bytes());
    h.update(&(e.cited_ids.len() as u64).to_le_bytes());
    for c in &e.cited_ids {
        h.update(&(c.len() as u64).to_le_bytes());
        h.update(c.as_bytes());
    }
    h.digest128()
}

/// Entry numbers per day: a dated entry is numbered from its day's first
/// number on ([`numbers`]).
const DAY_SLOTS: u64 = 8;

/// The days numbered apart: 1900-01-01 (and before) to 2100-01-01 (and
/// after), newest first.
const NEWEST_DAY: i64 = 47_482; // 2100-01-01
const OLDEST_DAY: i64 = -25_567; // 1900-01-01

/// The entries' numbers, newest first and increasing, each a function of
/// the entry and its neighbours alone, so that adding, removing or
/// redating an entry moves few others (the files that list them are
/// written again, no more): a dated entry takes its day's first number
/// ([`DAY_SLOTS`] a day, counted back from 2100), or the one after its
/// predecessor's when that is taken (a day with many entries runs into the
/// days before it); an undated entry, after every dated one, a number
/// from its address's hash in a room about twice their count.
fn numbers(entries: &[Entry]) -> Vec<u64> {
    let undated = entries.iter().filter(|e| e.date.is_none()).count();
    let room_bits = (undated.max(8) * 2).next_power_of_two().trailing_zeros();
    let undated_from = (NEWEST_DAY - OLDEST_DAY + 1) as u64 * DAY_SLOTS;
    let mut out = Vec::with_capacity(entries.len());
    let mut next = 0u64;
    for e in entries {
        let first = match e.date {
            Some(d) => {
                (NEWEST_DAY - d.to_days()).clamp(0, NEWEST_DAY - OLDEST_DAY) as u64 * DAY_SLOTS
            }
            None => undated_from + (undated_order(e.url) >> (64 - room_bits)),
        };
        let n = first.max(next);
        out.push(n);
        next = n + 1;
    }
    out
}

/// Where an undated entry stands among the undated: its address hashed.
fn undated_order(url: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(url.as_bytes())
}

/// Whether `path` is a posting shard's (`search/s/<n>.json`).
pub fn is_shard(path: &str) -> bool {
    path.starts_with("search/s/")
}

/// The posting shards among `files` (an index's listing).
pub fn shards_in(files: &[crate::outfile::Listed]) -> Vec<crate::outfile::Listed> {
    files.iter().filter(|f| is_shard(&f.0)).cloned().collect()
}

/// The path of posting shard `n`.
pub fn shard_path(n: usize) -> String {
    format!("search/s/{n}.json")
}

/// Each document's entry number in the index, and the size its shard count
/// is reckoned from: what a build that changes only texts (`warm`) keeps,
/// to bring the index up to date without listing every entry again.
#[derive(Clone, Debug)]
pub struct Numbering {
    /// Each document's entry number, by document index.
    pub of_doc: Vec<u64>,
    /// The entries' text size as [`shard_count`] reckons it.
    pub text_bytes: usize,
}

/// The index's [`Numbering`], its entries listed in `l`.
pub fn numbering(g: &Graph, l: &Listing) -> Numbering {
    let number: HashMap<&str, u64> = l
        .entries
        .iter()
        .zip(&l.numbers)
        .map(|(e, &n)| (e.url, n))
        .collect();
    Numbering {
        of_doc: g.docs.iter().map(|d| number[d.url.as_str()]).collect(),
        text_bytes: text_bytes(g),
    }
}

/// The entries' text size the shard count is reckoned from (what
/// [`shard_count`] sums), without listing the entries.
pub fn text_bytes(g: &Graph) -> usize {
    let texts: usize = g.docs.iter().map(|d| d.body.len()).sum::<usize>()
        + g.items.iter().map(|it| it.body.len()).sum::<usize>();
    texts + ENTRY_BYTES * (g.docs.len() + g.cited.len() + g.items.len())
}

/// What an entry adds to the text size besides its text.
const ENTRY_BYTES: usize = 200;

/// The shard count of an index whose entries' text size is `text_bytes`.
pub fn shards_for(text_bytes: usize) -> usize {
    (text_bytes / 8 / SHARD_BYTES).max(1)
}

/// The shards of an index of `shards` shards that differ when the entry
/// of document `i` has the text `after` instead of `before`: those where
/// it gains or loses a word or number, or a word moves between the title
/// tier and the text's. A shard holds, for each word, the entries having
/// it and their tier, so no other shard changes.
pub fn doc_shards(
    g: &Graph,
    i: usize,
    before: &str,
    after: &str,
    shards: usize,
) -> BTreeSet<usize> {
    let mut e = doc_entry(g, i);
    e.body = Text::Given(before);
    let old: BTreeSet<Term> = terms(&e, shards).into_iter().flatten().collect();
    e.body = Text::Given(after);
    let new: BTreeSet<Term> = terms(&e, shards).into_iter().flatten().collect();
    old.symmetric_difference(&new)
        .map(|t| t.0 as usize)
        .collect()
}

/// [`update`] for the documents `docs` (document index, entry number),
/// in an index of `shards` shards: `old` need hold only the shards their
/// words were and are in ([`doc_shards`]).
pub fn update_docs(
    g: &Graph,
    docs: &[(usize, u64)],
    shards: usize,
    old: &[OutFile],
) -> Option<Vec<OutFile>> {
    let new: Vec<(u64, Vec<Term>)> = docs
        .iter()
        .map(|&(i, id)| Some((id, terms(&doc_entry(g, i), shards).ok()?)))
        .collect::<Option<_>>()?;
    let ids: Vec<u64> = docs.iter().map(|d| d.1).collect();
    patch(&ids, new, old)
}

/// One document's entry once its text is edited: the document (its fields
/// as before), its citations of documents kept out (by index: a withheld
/// document is not found through those citing it), its new text and its
/// entry's number.
pub struct Retexted<'a> {
    pub doc: &'a crate::model::Document,
    pub withheld: &'a [u32],
    pub text: &'a str,
    pub id: u64,
}

/// The posting shards `old` (all the last index's, of `shards` shards)
/// brought up to date for the entries `docs` whose texts alone changed:
/// what a build after such an edit (`crate::retext`) makes without the
/// graph. Only the shards that differ; None when a shard does not read as
/// the index writes them.
pub fn retext(docs: &[Retexted], shards: usize, old: &[OutFile]) -> Option<Vec<OutFile>> {
    let new = docs
        .iter()
        .map(|r| {
            // The standing is no term (only what results show).
            let withheld = |k: usize| r.withheld.contains(&(k as u32));
            let e = entry_of(r.doc, withheld, Text::Given(r.text), "");
            Some((r.id, terms(&e, shards).ok()?))
        })
        .collect::<Option<Vec<_>>>()?;
    let ids: Vec<u64> = docs.iter().map(|r| r.id).collect();
    patch(&ids, new, old)
}

/// The last index's files brought up to date for the entries `changed`
/// (added, removed or changed since the fingerprints `now` of the entries
/// `l`,
/// [`Prints::changed`]), when
/// `old` holds all its posting shards and the key is this graph's: the
/// shards that differ and the entry files (`search/d/`) holding a changed
/// number, each as a fresh build makes it, and the entry files no entry is
/// left in. None when a shard does not read as the index writes them.
pub fn update(l: &Listing, now: &Prints, changed: &Changed, old: &[OutFile]) -> Option<Updated> {
    let (entries, numbers, shards) = (&l.entries, &l.numbers, now.shards);
    let now: Vec<usize> = changed
        .entries
        .iter()
        .filter_map(|n| numbers.binary_search(n).ok())
        .collect();
    let new: Vec<(u64, Vec<Term>)> = now
        .par_iter()
        .map(|&k| Some((numbers[k], terms(&entries[k], shards).ok()?)))
        .collect::<Option<_>>()?;
    let mut files = patch(&changed.entries, new, old)?;
    let mut gone = Vec::new();
    for (c, file) in entry_files(l, &changed.rows) {
        match file {
            Some(f) => files.push(f),
            None => gone.push(entry_file_path(c)),
        }
    }
    Some(Updated { files, gone })
}

/// What [`update`] makes: files to write, and paths of files to remove.
pub struct Updated {
    pub files: Vec<OutFile>,
    pub gone: Vec<String>,
}

/// The shards `old` with the entries numbered `changed` taken out and
/// those of `new` (number, terms) put in: only the shards that differ.
fn patch(changed: &[u64], new: Vec<(u64, Vec<Term>)>, old: &[OutFile]) -> Option<Vec<OutFile>> {
    let changed: std::collections::HashSet<u64> = changed.iter().copied().collect();
    old.par_iter()
        .map(|f| -> Option<Option<OutFile>> {
            let s: usize = f
                .path
                .strip_prefix("search/s/")?
                .strip_suffix(".json")?
                .parse()
                .ok()?;
            let lists: BTreeMap<String, String> = serde_json::from_slice(&f.bytes).ok()?;
            let mut postings: BTreeMap<String, Vec<(u64, bool)>> = BTreeMap::new();
            let mut touched = false;
            for (variant, list) in lists {
                let mut v = decode_postings(&list)?;
                let before = v.len();
                v.retain(|(id, _)| !changed.contains(id));
                touched |= v.len() != before;
                if !v.is_empty() {
                    postings.insert(variant, v);
                }
            }
            for (id, ts) in &new {
                for t in ts.iter().filter(|t| t.0 as usize == s) {
                    touched = true;
                    postings.entry(t.1.clone()).or_default().push((*id, t.2));
                }
            }
            if !touched {
                return Some(None);
            }
            let lists: Vec<(String, String)> = postings
                .into_iter()
                .map(|(variant, mut v)| {
                    v.sort_unstable();
                    (variant, encode_postings(&v))
                })
                .collect();
            let file = OutFile {
                path: f.path.clone(),
                bytes: shard_json(lists.iter().map(|(k, l)| (k.as_str(), l.as_str()))),
            };
            Some((file.bytes != f.bytes).then_some(file))
        })
        .collect::<Option<Vec<Option<OutFile>>>>()
        .map(|v| v.into_iter().flatten().collect())
}

/// The entries (numbers, title tier) of a posting list: the inverse of
/// what [`shard_file`] writes. None when it is not one.
fn decode_postings(list: &str) -> Option<Vec<(u64, bool)>> {
    let mut out = Vec::new();
    let (mut v, mut last) = (0u64, 0u64);
    for b in list.bytes() {
        let d = match b {
            b'0'..=b'9' => b - b'0',
            b'A'..=b'Z' => b - b'A' + 10,
            b'a'..=b'z' => b - b'a' + 36,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u64;
        v = v.checked_mul(32)? + (d & 31);
        if d < 32 {
            let gap = v >> 1;
            if gap == 0 {
                return None;
            }
            last = last.checked_add(gap)?;
            out.push((last - 1, v & 1 == 1));
            v = 0;
        }
    }
    (v == 0).then_some(out)
}

/// Entries per file of `search/d/`: a result page of 10 reads at most 10.
pub const DOCS_PER_SHARD: usize = 32;
/// Aimed size of one posting shard, in bytes.
const SHARD_BYTES: usize = 12_000;

/// The index's files and what the search page needs to know to read it.
pub struct Index {
    pub files: Vec<OutFile>,
    /// Files kept from the last build's index, which the served tree holds
    /// (see `kept`).
    pub kept: Vec<crate::outfile::Listed>,
    pub shards: usize,
    pub entries: usize,
}

/// One searchable entry before numbering.
struct Entry<'a> {
    url: &'a str,
    kind: &'a str,
    /// Its own identifier ("" for items), indexed as a compound too.
    number: &'a str,
    date: Option<crate::date::Date>,
    issuer: &'a str,
    title: &'a str,
    /// Body text.
    body: Text<'a>,
    /// Identifiers it cites or promotes.
    cited_ids: Vec<&'a str>,
    /// "Bị thay thế", "Bị bãi bỏ", "Được sửa đổi, bổ sung"; "" when in
    /// force.
    standing: &'static str,
}

/// An entry's text: given, or a document's, read when first asked for
/// (see `lazytext`).
#[derive(Clone, Copy)]
enum Text<'a> {
    Given(&'a str),
    Of(&'a crate::lazytext::LazyText),
}

impl<'a> Text<'a> {
    fn get(self) -> anyhow::Result<&'a str> {
        match self {
            Text::Given(s) => Ok(s),
            Text::Of(t) => t.text(),
        }
    }

    fn len(self) -> usize {
        match self {
            Text::Given(s) => s.len(),
            Text::Of(t) => t.len(),
        }
    }

    fn hash(self) -> u128 {
        match self {
            Text::Given(s) => crate::lazytext::hash(s),
            Text::Of(t) => t.hash(),
        }
    }
}

impl Entry<'_> {
    /// Text indexed under the title tier.
    fn high(&self) -> [&str; 4] {
        [self.number, self.kind, self.title, self.issuer]
    }
}

/// The five tones, by their combining marks, as the capital letter that
/// ends a variant.
fn tone_letter(c: char) -> Option<char> {
    Some(match c {
        '\u{300}' => 'A', // huyền
        '\u{301}' => 'B', // sắc
        '\u{303}' => 'C', // ngã
        '\u{309}' => 'D', // hỏi
        '\u{323}' => 'E', // nặng
        _ => return None,
    })
}

/// A letter without its tone (ệ → ê) and the tone's letter; and the bare
/// letter (ệ → e, đ → d) for the folded form.
fn split_letter(c: char) -> (char, Option<char>, char) {
    if c.is_ascii() {
        return (c, None, c);
    }
    if c == 'đ' {
        return (c, None, 'd');
    }
    let mut parts = ['\0'; 4];
    let mut n = 0;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if n < parts.len() {
            parts[n] = d;
            n += 1;
        }
    });
    let mut base = parts[0];
    let mut tone = None;
    for &m in &parts[1..n] {
        match tone_letter(m) {
            Some(t) => tone = Some(t),
            None => base = unicode_normalization::char::compose(base, m).unwrap_or(base),
        }
    }
    (base, tone, parts[0])
}

/// The variant of a lower-case word (its letters with their vowel marks —
/// â, ơ, đ … — and the tone moved to the end as a capital letter) and its
/// folded form (no marks, đ → d), in one pass.
pub fn variant_and_fold(word: &str) -> (String, String) {
    if word.is_ascii() {
        return (word.to_string(), word.to_string());
    }
    let mut v = String::with_capacity(word.len());
    let mut f = String::with_capacity(word.len());
    let mut tone = None;
    for c in word.chars() {
        let (base, t, bare) = split_letter(c);
        v.push(base);
        f.push(bare);
        tone = t.or(tone);
    }
    v.extend(tone);
    (v, f)
}

/// FNV-1a of the folded key: the shard of a word (`search.js` computes the
/// same).
pub fn shard_of(folded: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in folded.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    (h as usize) % shards.max(1)
}

/// A letter or digit. Vietnamese letters (Latin-1 to Latin Extended
/// Additional) are told without the slow Unicode table.
fn is_word_char(c: char) -> bool {
    match c {
        '0'..='9' | 'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7f}' | '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => true,
        c => c.is_alphanumeric(),
    }
}

/// Words of `text` (already in lower case): runs of letters or of digits
/// (so "nq28" gives "nq" and "28", as `search.js` splits a query).
fn words_of<'a>(text: &'a str, mut f: impl FnMut(&'a str)) {
    let mut start = None;
    let mut digits = false;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            let d = c.is_ascii_digit();
            match start {
                Some(s) if d != digits => {
                    f(&text[s..i]);
                    start = Some(i);
                }
                None => start = Some(i),
                _ => {}
            }
            digits = d;
        } else if let Some(s) = start.take() {
            f(&text[s..i]);
        }
    }
    if let Some(s) = start {
        f(&text[s..]);
    }
}

/// Words of `text` in lower case (see [`words_of`]).
pub fn words(text: &str, f: impl FnMut(&str)) {
    let low = crate::text::lower(text);
    words_of(&low, f);
}

/// The compound key of an identifier: "#" + its code folded + its number
/// ("28-NQ/TW" → `#nq28`, "39/2020/NĐ-CP" → `#nd39`).
pub fn compound(number: &str) -> Option<String> {
    let mut n = None;
    let mut code = None;
    words(number, |w| {
        if w.bytes().all(|b| b.is_ascii_digit()) {
            n.get_or_insert_with(|| w.trim_start_matches('0').to_string());
        } else if n.is_some() && code.is_none() && w.len() <= 4 {
            code = Some(fold(w));
        }
    });
    Some(format!("#{}{}", code_key(&code?), n?))
}

/// A type code as compounds spell it: folded, and "QĐi" (the code of a
/// Quy định in the kinds table) as its numbers print it, "QĐ".
fn code_key(code: &str) -> String {
    match fold(code).as_str() {
        "qdi" => "qd".into(),
        c => c.to_string(),
    }
}

/// Kind names folded, with the code their numbers carry, for `search.js`
/// to read "nghị quyết 28" as `#nq28`.
pub fn kind_codes() -> BTreeMap<String, String> {
    KINDS
        .iter()
        .map(|k| (fold(k.name), code_key(k.code)))
        .collect()
}

/// A term of an entry: its shard, its variant, whether it is in the title
/// tier.
type Term = (u32, String, bool);

/// The terms of one entry, sorted by shard then variant, one per variant
/// (title tier if any occurrence is).
fn terms(e: &Entry, shards: usize) -> anyhow::Result<Vec<Term>> {
    // Each distinct word once (a plan says "Đảng" a hundred times), title
    // tier first so that it wins the dedup.
    let lowered: Vec<(String, bool)> = e
        .high()
        .iter()
        .map(|t| (crate::text::lower(t), true))
        .chain(std::iter::once((crate::text::lower(e.body.get()?), false)))
        .collect();
    let mut raw: Vec<(&str, bool)> = Vec::new();
    for (text, high) in &lowered {
        words_of(text, |w| raw.push((w, *high)));
    }
    raw.sort_unstable_by(|a, b| a.0.cmp(b.0).then(b.1.cmp(&a.1)));
    raw.dedup_by(|a, b| a.0 == b.0);
    let mut v: Vec<Term> = raw
        .into_iter()
        .map(|(w, high)| {
            let (variant, folded) = variant_and_fold(w);
            (shard_of(&folded, shards) as u32, variant, high)
        })
        .collect();
    let own = std::iter::once(e.number).map(|id| (id, true));
    for (id, high) in own.chain(e.cited_ids.iter().map(|&id| (id, false))) {
        if let Some(c) = compound(id) {
            v.push((shard_of(&c, shards) as u32, c, high));
        }
    }
    // Words that differ only in tone placement share a variant.
    v.sort_unstable_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)).then(b.2.cmp(&a.2)));
    v.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    Ok(v)
}

const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// A number in base 32, most significant digit first; every digit but the
/// last is written with 32 added (so it reads as "more to come").
fn push_varint(out: &mut String, mut v: u64) {
    let mut buf = [0u8; 13];
    let mut n = 0;
    loop {
        buf[n] = (v & 31) as u8;
        n += 1;
        v >>= 5;
        if v == 0 {
            break;
        }
    }
    for k in (0..n).rev() {
        let d = buf[k] + if k > 0 { 32 } else { 0 };
        out.push(DIGITS[d as usize] as char);
    }
}

/// One posting shard: the postings of shard `s`'s words, taken from each
/// entry's terms at `at[entry]`, which moves past them (entries numbered
/// `numbers`).
fn shard_file(s: usize, per_entry: &[Vec<Term>], numbers: &[u64], at: &mut [usize]) -> OutFile {
    let mut lists: BTreeMap<&str, (String, u64)> = BTreeMap::new();
    for (k, ts) in per_entry.iter().enumerate() {
        let id = numbers[k];
        while let Some(t) = ts.get(at[k]).filter(|t| t.0 as usize == s) {
            let (list, last) = lists.entry(t.1.as_str()).or_insert((String::new(), 0));
            let gap = id + 1 - *last;
            *last = id + 1;
            push_varint(list, gap * 2 + t.2 as u64);
            at[k] += 1;
        }
    }
    OutFile {
        path: shard_path(s),
        bytes: shard_json(lists.iter().map(|(k, (list, _))| (*k, list.as_str()))),
    }
}

/// A posting shard's JSON: each variant (in order) with its posting list.
fn shard_json<'a>(lists: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<u8> {
    let mut json = String::from("{");
    for (k, list) in lists {
        if json.len() > 1 {
            json.push(',');
        }
        json.push_str(&serde_json::to_string(k).unwrap_or_default());
        json.push_str(":\"");
        json.push_str(list);
        json.push('"');
    }
    json.push('}');
    json.into_bytes()
}

/// A posting list of entries (number, title tier) in order, as
/// [`shard_file`] writes it: gaps times two, plus one in the title tier.
fn encode_postings(entries: &[(u64, bool)]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for &(id, high) in entries {
        push_varint(&mut out, (id + 1 - last) * 2 + high as u64);
        last = id + 1;
    }
    out
}

/// The entries of the index: documents, cited-only documents, items;
/// newest first.
fn entries(g: &Graph) -> Vec<Entry<'_>> {
    let mut entries: Vec<Entry> = Vec::new();
    for i in 0..g.docs.len() {
        entries.push(doc_entry(g, i));
    }
    for (j, c) in g.cited.iter().enumerate() {
        entries.push(Entry {
            url: &c.url,
            kind: &c.kind_name,
            number: &c.number,
            date: c.date,
            issuer: c.issuer.as_deref().unwrap_or_default(),
            title: c.topic.as_deref().unwrap_or_default(),
            body: Text::Given(""),
            cited_ids: Vec::new(),
            standing: standing_tag(&g.standing(crate::graph::Node::Cited(j))).unwrap_or_default(),
        });
    }
    for it in &g.items {
        entries.push(Entry {
            url: &it.url,
            kind: &it.kind,
            number: "",
            date: it.date,
            issuer: "",
            title: &it.title,
            body: Text::Given(&it.body),
            cited_ids: it.promotes.iter().map(String::as_str).collect(),
            standing: "",
        });
    }
    // Newest first; the undated last, in an order of their own that an
    // entry added or removed does not change (see `numbers`).
    entries.sort_by_cached_key(|e| {
        let undated = e.date.map_or(undated_order(e.url), |_| 0);
        (std::cmp::Reverse(e.date), undated, e.url)
    });
    entries
}

/// The entry of document `i`.
fn doc_entry(g: &Graph, i: usize) -> Entry<'_> {
    let standing = standing_tag(&g.standing(crate::graph::Node::Doc(i))).unwrap_or_default();
    entry_of(
        &g.docs[i],
        |k| g.withheld_cites.contains(&(i, k)),
        Text::Of(&g.docs[i].body),
        standing,
    )
}

/// The entry of document `d` with the text `body`: `withheld` says which
/// of its citations name a document kept out (a withheld document is not
/// found through those citing it).
fn entry_of<'a>(
    d: &'a crate::model::Document,
    withheld: impl Fn(usize) -> bool,
    body: Text<'a>,
    standing: &'static str,
) -> Entry<'a> {
    let m = &d.meta;
    Entry {
        url: &d.url,
        kind: m.kind_name.as_deref().unwrap_or_default(),
        number: m.number.as_deref().unwrap_or_default(),
        date: m.date,
        issuer: m.issuer.as_deref().unwrap_or_default(),
        title: m.title.as_deref().unwrap_or_default(),
        body,
        cited_ids: d
            .citations
            .iter()
            .enumerate()
            .filter(|(k, _)| !withheld(*k))
            .map(|(_, c)| c.number.as_str())
            .collect(),
        standing,
    }
}

/// What an entry adds to the size the shard count is reckoned from.
fn entry_bytes(e: &Entry) -> usize {
    e.body.len() + ENTRY_BYTES
}

/// How many posting shards: from the size of the text, about
/// [`SHARD_BYTES`] each.
fn shard_count(entries: &[Entry]) -> usize {
    shards_for(entries.iter().map(entry_bytes).sum())
}

/// The index's files, its entries listed in `l`.
pub fn build(l: &Listing) -> anyhow::Result<Index> {
    let (entries, numbers) = (&l.entries, &l.numbers);
    let shards = shard_count(entries);

    let per_entry: Vec<Vec<Term>> = entries
        .par_iter()
        .map(|e| terms(e, shards))
        .collect::<anyhow::Result<_>>()?;

    // The shards in runs, each run on its own: for every entry, one binary
    // search finds where the run starts in its terms, then the run's shards
    // take their terms in turn (entries in order, so the gaps are positive).
    const RUNS: usize = 64;
    let run_len = shards.div_ceil(RUNS);
    let mut files: Vec<OutFile> = (0..shards.div_ceil(run_len))
        .into_par_iter()
        .flat_map_iter(|run| {
            let first = run * run_len;
            let end = (first + run_len).min(shards);
            let mut at: Vec<usize> = per_entry
                .iter()
                .map(|ts| ts.partition_point(|t| (t.0 as usize) < first))
                .collect();
            let mut out = Vec::with_capacity(end - first);
            for s in first..end {
                out.push(shard_file(s, &per_entry, numbers, &mut at));
            }
            out
        })
        .collect();

    // What results show, by [`DOCS_PER_SHARD`] numbers a file.
    files.extend(entry_files(l, numbers).into_iter().filter_map(|f| f.1));
    Ok(Index {
        files,
        kept: Vec::new(),
        shards,
        entries: entries.len(),
    })
}

/// The entry files holding the numbers `numbers` (increasing), in
/// parallel: each one's chunk, and the file, or none when no entry of `l`
/// has a number in it.
fn entry_files(l: &Listing, numbers: &[u64]) -> Vec<(u64, Option<OutFile>)> {
    let mut chunks: Vec<u64> = numbers.iter().map(|n| n / DOCS_PER_SHARD as u64).collect();
    chunks.dedup();
    chunks
        .into_par_iter()
        .map(|c| {
            let at = |c: u64| {
                l.numbers
                    .partition_point(|&n| n < c * DOCS_PER_SHARD as u64)
            };
            let (from, to) = (at(c), at(c + 1));
            let file =
                (from < to).then(|| entry_file(c, &l.entries[from..to], &l.numbers[from..to]));
            (c, file)
        })
        .collect()
}

/// The path of the entry file of numbers `chunk * DOCS_PER_SHARD` on.
fn entry_file_path(chunk: u64) -> String {
    format!("search/d/{chunk}.json")
}

/// The entry file of numbers `chunk * DOCS_PER_SHARD` on, holding
/// `entries` (numbered `numbers`, all in it): an array whose `n %
/// DOCS_PER_SHARD`-th row is entry `n`'s, null where no entry has the
/// number, up to the last entry's.
fn entry_file(chunk: u64, entries: &[Entry], numbers: &[u64]) -> OutFile {
    let first = chunk * DOCS_PER_SHARD as u64;
    let mut rows: Vec<Option<[String; 7]>> = Vec::new();
    for (e, n) in entries.iter().zip(numbers) {
        let at = (n - first) as usize;
        rows.resize(at, None);
        rows.push(Some([
            e.url.to_string(),
            e.kind.to_string(),
            e.number.to_string(),
            e.date.map(|d| d.vn()).unwrap_or_default(),
            e.issuer.to_string(),
            e.title.to_string(),
            e.standing.to_string(),
        ]));
    }
    OutFile {
        path: entry_file_path(chunk),
        bytes: serde_json::to_vec(&rows).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_keep_vowel_marks_and_move_the_tone() {
        let check =
            |word: &str, expected: &str| assert_eq!(variant_and_fold(word).0, expected, "{word}");
        check("nghị", "nghiE");
        check("hoà", "hoaA");
        check("hòa", "hoaA");
        check("đoàn", "đoanA");
        check("quyết", "quyêtB");
        check("thanh", "thanh");
        check("ủy", "uyD");
        check("uỷ", "uyD");
        check("2023", "2023");
    }

    #[test]
    fn words_split_letters_from_digits() {
        let check = |text: &str, expected: &[&str]| {
            let mut v = Vec::new();
            words(text, |w| v.push(w.to_string()));
            assert_eq!(v, expected, "{text}");
        };
        check(
            "Nghị quyết số 28-NQ/TW",
            &["nghị", "quyết", "số", "28", "nq", "tw"],
        );
        check("NQ28", &["nq", "28"]);
        check("ĐOÀN Thanh niên", &["đoàn", "thanh", "niên"]);
        check("", &[]);
    }

    #[test]
    fn compounds_of_identifiers() {
        let check =
            |n: &str, expected: Option<&str>| assert_eq!(compound(n).as_deref(), expected, "{n}");
        check("28-NQ/TW", Some("#nq28"));
        check("12-KH/TW", Some("#kh12"));
        check("266-KH/ĐU", Some("#kh266"));
        check("39/2020/NĐ-CP", Some("#nd39"));
        check("41-QĐi/TW", Some("#qd41"));
        check("21-CTr/ĐUK", Some("#ctr21"));
        check("TW", None);
    }

    #[test]
    fn varints_round_trip_in_base_32() {
        let check = |v: u64, expected: &str| {
            let mut s = String::new();
            push_varint(&mut s, v);
            assert_eq!(s, expected, "{v}");
        };
        check(0, "0");
        check(31, "V");
        check(32, "X0");
        check(1025, "XW1");
    }

    #[test]
    fn shards_are_stable() {
        // search.js computes the same: FNV-1a 32 of the folded word.
        assert_eq!(shard_of("nghi", 1 << 32), 0x4695_8a75);
        assert_eq!(shard_of("", 7), 0x811c_9dc5 % 7);
    }

    #[test]
    fn posting_lists_read_back_as_written() {
        let check = |list: &str, expected: Option<&[(u64, bool)]>| {
            assert_eq!(decode_postings(list).as_deref(), expected, "{list}");
        };
        // Gaps times two, plus one in the title tier.
        check("2", Some(&[(0, false)]));
        check("3", Some(&[(0, true)]));
        check("246", Some(&[(0, false), (2, false), (5, false)]));
        check("X0", Some(&[(15, false)]));
        check("", Some(&[]));
        // Not a posting list: a digit left open, a zero gap, a stray byte.
        check("X", None);
        check("0", None);
        check("2 4", None);
        check("2é", None);
        // Every list the example site's index writes reads back, and
        // writing what was read gives the same bytes.
        let g = example_graph();
        let index = build(&listing(&g)).unwrap();
        for f in index.files.iter().filter(|f| is_shard(&f.path)) {
            let lists: BTreeMap<String, String> = serde_json::from_slice(&f.bytes).unwrap();
            for (k, list) in lists {
                let again = encode_postings(&decode_postings(&list).unwrap());
                assert_eq!(again, list, "{} {k}", f.path);
            }
        }
    }

    /// Gives document `d` the text `f` makes of its own.
    fn retext(d: &mut crate::model::Document, f: impl FnOnce(&str) -> String) {
        d.body = crate::lazytext::LazyText::new(f(d.body.text().unwrap()));
    }

    fn example_graph() -> Graph {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::Config::load(root).unwrap();
        crate::build::read_site(root, &config, false).unwrap().graph
    }

    /// Entry numbers from dates: `check(dates, expected)`, the entries in
    /// the index's order (addresses "a0", "a1", …).
    #[test]
    fn entries_are_numbered_from_their_day() {
        let check = |dates: &[Option<(i32, u32, u32)>], expected: &[u64]| {
            let urls: Vec<String> = (0..dates.len()).map(|k| format!("a{k}")).collect();
            let entries: Vec<Entry> = dates
                .iter()
                .zip(&urls)
                .map(|(d, url)| Entry {
                    url,
                    kind: "",
                    number: "",
                    date: d.and_then(|(y, m, d)| crate::date::Date::new(y, m, d)),
                    issuer: "",
                    title: "",
                    body: Text::Given(""),
                    cited_ids: Vec::new(),
                    standing: "",
                })
                .collect();
            assert_eq!(numbers(&entries), expected, "{dates:?}");
        };
        let day = |y, m, d| Some((y, m, d));
        // The newest day numbered is 2100-01-01, the oldest 1900-01-01.
        check(&[day(2100, 1, 1)], &[0]);
        check(&[day(2150, 5, 5), day(2120, 1, 1)], &[0, 1]);
        check(&[day(2099, 12, 31)], &[8]);
        let oldest = (NEWEST_DAY - OLDEST_DAY) as u64 * DAY_SLOTS;
        check(&[day(1900, 1, 1)], &[oldest]);
        // Entries of one day follow each other from the day's first.
        check(&[day(2099, 12, 31), day(2099, 12, 31)], &[8, 9]);
        check(&[day(2099, 12, 31), day(2099, 12, 30)], &[8, 16]);
        // A day with more entries than numbers runs into the day before.
        let mut full = vec![day(2099, 12, 31); 9];
        full.push(day(2099, 12, 30));
        full.push(day(2099, 12, 30));
        check(&full, &[8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
        // The undated after the oldest day, in a room of their own.
        let undated_from = oldest + DAY_SLOTS;
        let got = {
            let e = Entry {
                url: "a",
                kind: "",
                number: "",
                date: None,
                issuer: "",
                title: "",
                body: Text::Given(""),
                cited_ids: Vec::new(),
                standing: "",
            };
            numbers(&[e])[0]
        };
        assert!((undated_from..undated_from + 16).contains(&got), "{got}");
        // 2100-01-01 and 1900-01-01 as days since 1970.
        assert_eq!(
            crate::date::Date::new(2100, 1, 1).unwrap().to_days(),
            NEWEST_DAY
        );
        assert_eq!(
            crate::date::Date::new(1900, 1, 1).unwrap().to_days(),
            OLDEST_DAY
        );
    }

    /// The files of an index brought up to date after entries changed
    /// (texts, fields, entries added and removed) are, file for file, a
    /// fresh index's; and the files written are few.
    #[test]
    fn an_index_brought_up_to_date_is_a_fresh_index() {
        type Edit = fn(&mut Graph);
        // What changes, and the most files written (posting shards and
        // entry files).
        let cases: &[(&str, Edit, usize)] = &[
            (
                "a word added",
                |g| retext(&mut g.docs[0], |b| format!("{b} qxzmới")),
                2,
            ),
            (
                "a word changed",
                |g| retext(&mut g.docs[1], |b| b.replacen("Đảng", "Đảnq", 1)),
                2,
            ),
            (
                "every use of a word removed",
                |g| {
                    let d = g
                        .docs
                        .iter_mut()
                        .find(|d| d.body.text().unwrap().contains("tuyên"))
                        .unwrap();
                    retext(d, |b| b.replace("tuyên", "tuyen"));
                },
                4,
            ),
            (
                "words moved between documents",
                |g| {
                    let a = std::mem::take(&mut g.docs[2].body);
                    let b = std::mem::replace(&mut g.docs[3].body, a);
                    g.docs[2].body = b;
                },
                4,
            ),
            (
                // Its title's words are indexed in the title tier already.
                "the title's words added to the text",
                |g| {
                    let t = g.docs[4].meta.title.clone().unwrap_or_default();
                    retext(&mut g.docs[4], |b| format!("{b} {t} "));
                },
                0,
            ),
            (
                "a title changed",
                |g| g.docs[0].meta.title = Some("Kế hoạch qxz mới hoàn toàn".into()),
                4,
            ),
            (
                "a document redated",
                |g| g.docs[1].meta.date = crate::date::Date::new(2011, 5, 7),
                4,
            ),
            ("a date taken off", |g| g.docs[1].meta.date = None, 4),
            (
                "a document added on a day of its own",
                |g| {
                    let mut d = g.docs[0].clone();
                    d.url = "van-ban/qxz-moi/".into();
                    d.meta.date = crate::date::Date::new(2013, 2, 3);
                    g.docs.push(d);
                },
                4,
            ),
            (
                "a document removed",
                |g| {
                    g.docs.remove(3);
                },
                4,
            ),
            (
                "a cited-only document added",
                |g| {
                    let mut c = g.cited[0].clone();
                    c.url = "van-ban/trich-dan/qxz/".into();
                    c.date = None;
                    g.cited.push(c);
                },
                4,
            ),
            (
                "a cited-only document removed",
                |g| {
                    g.cited.pop();
                },
                4,
            ),
            ("nothing", |_| {}, 0),
        ];
        let files = |index: &Index| -> BTreeMap<String, Vec<u8>> {
            index
                .files
                .iter()
                .map(|f| (f.path.clone(), f.bytes.clone()))
                .collect()
        };
        for &(name, edit, most) in cases {
            let mut g = example_graph();
            let before = build(&listing(&g)).unwrap();
            let prints = fingerprints(&listing(&g));
            edit(&mut g);
            let prints2 = fingerprints(&listing(&g));
            if prints2.key != prints.key {
                // The shards are not as many: the index is made anew.
                assert_ne!(
                    build(&listing(&g)).unwrap().shards,
                    before.shards,
                    "{name}: key changed"
                );
                continue;
            }
            let changed = prints2.changed(&prints);
            assert_eq!(changed.is_empty(), name == "nothing", "{name}: {changed:?}");
            let old: Vec<OutFile> = before
                .files
                .iter()
                .filter(|f| is_shard(&f.path))
                .map(|f| OutFile {
                    path: f.path.clone(),
                    bytes: f.bytes.clone(),
                })
                .collect();
            let updated = update(&listing(&g), &prints2, &changed, &old).unwrap();
            let fresh = build(&listing(&g)).unwrap();
            let mut got = files(&before);
            for path in &updated.gone {
                assert!(got.remove(path).is_some(), "{name}: {path} was not there");
            }
            for f in &updated.files {
                if let Some(was) = got.get(&f.path) {
                    assert!(
                        was != &f.bytes || !is_shard(&f.path),
                        "{name}: {} unchanged",
                        f.path
                    );
                }
                got.insert(f.path.clone(), f.bytes.clone());
            }
            let want = files(&fresh);
            for (path, bytes) in &want {
                assert!(
                    got.get(path) == Some(bytes),
                    "{name}: {path} differs from a fresh index"
                );
            }
            assert_eq!(got.len(), want.len(), "{name}");
            let written = updated.files.len() + updated.gone.len();
            assert!(written <= most, "{name}: {written} files written");
            // Entries that did not change keep their numbers, but for a
            // few beside the one added or removed.
            let moved = prints
                .numbers
                .iter()
                .zip(&prints.fields)
                .filter(|(n, f)| {
                    let at = prints2.numbers.binary_search(n);
                    at.map_or(true, |k| prints2.fields[k] != **f)
                })
                .count();
            assert!(moved <= 3, "{name}: {moved} entries renumbered or changed");
        }
        // A shard that is not one the index writes: no update.
        let g = example_graph();
        let bad = OutFile {
            path: "search/s/0.json".into(),
            bytes: b"{\"x\":\"X\"}".to_vec(),
        };
        let l = listing(&g);
        let first = fingerprints(&l).numbers[0];
        let changed = Changed {
            entries: vec![first],
            rows: Vec::new(),
        };
        assert!(update(&l, &fingerprints(&l), &changed, &[bad]).is_none());
    }
}
