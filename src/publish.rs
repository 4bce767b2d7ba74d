//! Publishing: the only stage that writes, and it writes so that the output
//! folder is, at every instant, exactly the previous site or exactly the new
//! one.
//!
//! Two release trees live side by side: the output (`public/`, what the web
//! server reads) and, beside it, `.public.prev` (the release before). A
//! build brings the *other* tree up to the new site — which nobody is
//! served — then flushes it to disk and swaps the two in one atomic step
//! (`renameat2(RENAME_EXCHANGE)` on Linux). The tree that was served
//! becomes `.public.prev`, so [`rollback`] can swap it back. A build
//! whose site is the one served, file for file, writes, flushes and swaps
//! nothing: the release before stays the one to roll back to.
//!
//! Each tree carries a manifest ([`MARKER`]: every file's path, size and
//! 128-bit hash), so bringing the other tree up to date writes only the
//! files whose bytes differ from what it holds, removes only the files the
//! new site no longer has, and reads no file to find out. A file is never
//! changed in place: it is written beside and renamed over, so a reader that
//! still holds the old one keeps its bytes. While a tree is being updated
//! its manifest says "dirty"; a build that finds it so (an earlier one was
//! killed) checks every file of it before trusting it again.
//!
//! Where the exchange is not available (another OS, a file system without
//! it), the fallback is three renames: the served tree is moved aside, the
//! new one into place, and the old one to `.public.prev`. It never mixes the
//! two sites, but for an instant the output folder is absent (a web server
//! answers 404); the build summary says when this fallback was used.
//!
//! A folder is only ever replaced or updated when it is empty or carries
//! the manifest, so a mistyped `--out` never swallows a folder kehoach did
//! not write. One build at a time holds `.public.lock`.

use crate::outfile::{Listed, OutFile};
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The manifest file at the root of every release tree; its presence says
/// kehoach wrote the folder.
pub const MARKER: &str = ".kehoach-release";
const HEADER: &str =
    "kehoach release 1: this folder is a site built by kehoach; each build replaces it whole";
const DIRTY: &str = "kehoach release 1 dirty: being updated by a build";
/// Suffix of a file being written, before it is renamed into place.
const TMP: &str = ".kehoach-tmp";

#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub files: usize,
    /// Files whose bytes differ from the site that was served.
    pub written: usize,
    pub unchanged: usize,
    /// Files of the site that was served the new one no longer has.
    pub removed: usize,
    /// The swap was three renames, not one atomic exchange.
    pub fallback: bool,
}

/// The folders beside the output that publishing uses.
#[derive(Debug, Clone)]
pub struct Places {
    pub out: PathBuf,
    /// The other release tree: the previous site, and the next one while a
    /// build brings it up to date.
    pub prev: PathBuf,
    /// A tree on its way out (the fallback swap).
    pub trash: PathBuf,
    pub lock: PathBuf,
    parent: PathBuf,
}

/// The folder `out` lies in, and its name.
fn parent_and_name(out: &Path) -> Result<(PathBuf, String)> {
    let name = out
        .file_name()
        .with_context(|| {
            format!(
                "--out {}: name a folder (such as public), not a root or '..'",
                out.display()
            )
        })?
        .to_string_lossy()
        .to_string();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}

/// The file or folder `.<name>.<suffix>` beside the output `out`, where
/// publishing keeps what is not the site (`.public.prev`, `.public.lock` …).
pub fn beside(out: &Path, suffix: &str) -> Result<PathBuf> {
    let (parent, name) = parent_and_name(out)?;
    Ok(parent.join(format!(".{name}.{suffix}")))
}

impl Places {
    pub fn of(out: &Path) -> Result<Places> {
        let (parent, _) = parent_and_name(out)?;
        Ok(Places {
            out: out.to_path_buf(),
            prev: beside(out, "prev")?,
            trash: beside(out, "trash")?,
            lock: beside(out, "lock")?,
            parent,
        })
    }
}

/// Holds `.<out>.lock` for the life of a publish or rollback.
struct Lock {
    _file: File,
}

impl Lock {
    fn take(p: &Places) -> Result<Lock> {
        std::fs::create_dir_all(&p.parent)
            .with_context(|| format!("creating {}", p.parent.display()))?;
        let file = File::create(&p.lock)
            .with_context(|| format!("creating the lock file {}", p.lock.display()))?;
        #[cfg(unix)]
        {
            use rustix::fs::{FlockOperation, flock};
            if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
                bail!(
                    "another kehoach build is publishing into {} (it holds {}): wait for it to finish",
                    p.out.display(),
                    p.lock.display()
                );
            }
        }
        Ok(Lock { _file: file })
    }
}

/// What a release tree's manifest says.
enum Manifest {
    /// No such folder.
    Absent,
    /// An empty folder (taken as a new tree).
    Empty,
    /// Being updated, or of unknown content: every file must be checked.
    Dirty,
    /// Every file's path, size and hash.
    Clean(Listing),
}

/// A whole manifest: its text, and each file's path (a range of the text),
/// size and hash, sorted by path. Reading one makes no string per file.
struct Listing {
    text: String,
    rows: Vec<(std::ops::Range<usize>, u64, u128)>,
}

impl Listing {
    /// The text's rows, or None when one does not read as a manifest row.
    fn parse(text: String, from: usize) -> Option<Listing> {
        let mut rows = Vec::with_capacity(text.len() / 80);
        let mut at = from;
        for l in text[from..].split_inclusive('\n') {
            let start = at;
            at += l.len();
            let l = l.strip_suffix('\n').unwrap_or(l);
            let (h, rest) = l.split_once(' ')?;
            let (n, path) = rest.split_once(' ')?;
            let h = u128::from_str_radix(h, 16).ok()?;
            let n = n.parse::<u64>().ok()?;
            let begin = start + h_len(l, path);
            rows.push((begin..begin + path.len(), n, h));
        }
        let mut listing = Listing { text, rows };
        if !listing
            .rows
            .is_sorted_by(|a, b| listing.text[a.0.clone()] <= listing.text[b.0.clone()])
        {
            let text = &listing.text;
            listing
                .rows
                .sort_by(|a, b| text[a.0.clone()].cmp(&text[b.0.clone()]));
        }
        Some(listing)
    }

    fn path(&self, row: usize) -> &str {
        &self.text[self.rows[row].0.clone()]
    }

    /// The size and hash it lists for `path`.
    fn get(&self, path: &str) -> Option<(u64, u128)> {
        let at = self
            .rows
            .binary_search_by(|r| self.text[r.0.clone()].cmp(path))
            .ok()?;
        Some((self.rows[at].1, self.rows[at].2))
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn paths(&self) -> impl Iterator<Item = &str> {
        (0..self.rows.len()).map(|r| self.path(r))
    }
}

/// Where a row's path starts within the row.
fn h_len(row: &str, path: &str) -> usize {
    row.len() - path.len()
}

fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Reads a tree's manifest. A folder with neither files nor a manifest is
/// `Empty`; one with files but no manifest was not written by kehoach, and
/// is an error.
fn manifest(dir: &Path) -> Result<Manifest> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::Absent),
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
        Ok(m) if !m.is_dir() => {
            bail!(
                "{} is in the way and is not a folder written by kehoach: move it elsewhere or choose another --out",
                dir.display()
            )
        }
        Ok(_) => {}
    }
    let text = match std::fs::read_to_string(dir.join(MARKER)) {
        Ok(t) => t,
        Err(_) => {
            let empty = std::fs::read_dir(dir)
                .with_context(|| format!("reading {}", dir.display()))?
                .next()
                .is_none();
            if empty {
                return Ok(Manifest::Empty);
            }
            bail!(
                "{} exists and was not written by kehoach (it has no {MARKER} file): choose another --out, or remove the folder if it is an old site",
                dir.display()
            );
        }
    };
    let Some(body) = text.strip_prefix(HEADER).and_then(|t| t.strip_prefix('\n')) else {
        return Ok(Manifest::Dirty);
    };
    let from = text.len() - body.len();
    Ok(Listing::parse(text, from).map_or(Manifest::Dirty, Manifest::Clean))
}

/// The hash of the manifest of the tree being served at `out`, when it is
/// whole (not being updated); what `unchanged` records of a publish.
pub fn served_manifest(out: &Path) -> Option<u128> {
    let text = std::fs::read(out.join(MARKER)).ok()?;
    text.starts_with(format!("{HEADER}\n").as_bytes())
        .then(|| hash(&text))
}

/// The files `wanted` (path, size, hash) read back from the tree served at
/// `out`, when its manifest is whole and lists each of them with that size
/// and hash, and each read gives those bytes; None otherwise. What a build
/// keeps of the last one (`kept`).
pub fn read_served(out: &Path, wanted: &[Listed]) -> Option<Vec<OutFile>> {
    let Ok(Manifest::Clean(served)) = manifest(out) else {
        return None;
    };
    wanted
        .par_iter()
        .map(|(path, size, h)| {
            if served.get(path) != Some((*size, *h)) {
                return None;
            }
            let bytes = std::fs::read(out.join(path)).ok()?;
            (bytes.len() as u64 == *size && hash(&bytes) == *h).then(|| OutFile {
                path: path.clone(),
                bytes,
            })
        })
        .collect()
}

/// Every file of the tree served at `out` (path, size, hash, sorted by
/// path), when its manifest is whole.
pub fn served_listing(out: &Path) -> Option<Vec<Listed>> {
    let Ok(Manifest::Clean(served)) = manifest(out) else {
        return None;
    };
    Some(
        served
            .rows
            .iter()
            .map(|(path, size, h)| (served.text[path.clone()].to_string(), *size, *h))
            .collect(),
    )
}

/// Whether the tree served at `out` is whole and its manifest lists each of
/// `files` with that size and hash.
pub fn serves(out: &Path, files: &[Listed]) -> bool {
    let Ok(Manifest::Clean(served)) = manifest(out) else {
        return false;
    };
    files
        .iter()
        .all(|(path, size, h)| served.get(path) == Some((*size, *h)))
}

/// The path, size and hash of each file, as a manifest lists them.
pub fn listing(files: &[OutFile]) -> Vec<Listed> {
    files
        .par_iter()
        .map(|f| (f.path.clone(), f.bytes.len() as u64, hash(&f.bytes)))
        .collect()
}

/// Writes `bytes` to `dest` by a temporary file renamed over it.
fn write_new(dest: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = dest.as_os_str().to_owned();
    tmp.push(TMP);
    let tmp = PathBuf::from(tmp);
    let mut f = File::create(&tmp).with_context(|| format!("writing {}", dest.display()))?;
    f.write_all(bytes)
        .with_context(|| format!("writing {}", dest.display()))?;
    if !cfg!(target_os = "linux") {
        f.sync_all()
            .with_context(|| format!("flushing {}", dest.display()))?;
    }
    drop(f);
    if std::fs::symlink_metadata(dest).is_ok_and(|m| m.is_dir()) {
        std::fs::remove_dir_all(dest).with_context(|| format!("removing {}", dest.display()))?;
    }
    std::fs::rename(&tmp, dest).with_context(|| format!("moving {} into place", dest.display()))
}

/// Makes `out` hold exactly `files`, switching from the previous site to
/// the new one in one step. On any error the site being served stays as it
/// was.
pub fn publish(out: &Path, files: &[OutFile]) -> Result<Stats> {
    publish_keeping(out, files, &[])
}

/// One file of the new site: its bytes, or none when the served tree
/// holds it already (a file kept from the last build).
struct Entry<'a> {
    path: &'a str,
    size: u64,
    hash: u128,
    bytes: Option<&'a [u8]>,
}

/// [`publish`], where the new site is `files` and the files `kept` (path,
/// size, hash) that the served tree holds already, as its manifest lists
/// them: they are not made again but linked (or copied) from it into the
/// other tree where that one lacks them. When the served tree no longer
/// lists one of them so (a rollback during the build), nothing is
/// published.
pub fn publish_keeping(out: &Path, files: &[OutFile], kept: &[Listed]) -> Result<Stats> {
    let mut entries = made(files);
    entries.extend(kept.iter().map(|(path, size, h)| Entry {
        path,
        size: *size,
        hash: *h,
        bytes: None,
    }));
    publish_entries(out, entries)
}

/// [`publish_keeping`] the site `listing` (path, size, hash of every file,
/// sorted by path) with `files` made again: the files of `listing` not
/// among them are kept.
pub fn publish_changed(out: &Path, files: &[OutFile], listing: &[Listed]) -> Result<Stats> {
    let mut entries = made(files);
    let again: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    entries.extend(
        listing
            .iter()
            .filter(|(path, _, _)| !again.contains(path.as_str()))
            .map(|(path, size, h)| Entry {
                path,
                size: *size,
                hash: *h,
                bytes: None,
            }),
    );
    publish_entries(out, entries)
}

/// The entries of files made by this build.
fn made(files: &[OutFile]) -> Vec<Entry<'_>> {
    let hashes: Vec<u128> = files.par_iter().map(|f| hash(&f.bytes)).collect();
    files
        .iter()
        .zip(hashes)
        .map(|(f, h)| Entry {
            path: &f.path,
            size: f.bytes.len() as u64,
            hash: h,
            bytes: Some(&f.bytes),
        })
        .collect()
}

/// Whether `path` is among `entries` (sorted by path).
fn among(entries: &[Entry], path: &str) -> bool {
    entries.binary_search_by(|e| e.path.cmp(path)).is_ok()
}

/// For each of `entries` (sorted by path), whether `listing` lists it
/// with its size and hash: one walk through both.
fn listed(entries: &[Entry], listing: &Listing) -> Vec<bool> {
    let mut r = 0;
    entries
        .iter()
        .map(|e| {
            while r < listing.len() && listing.path(r) < e.path {
                r += 1;
            }
            r < listing.len()
                && listing.path(r) == e.path
                && (listing.rows[r].1, listing.rows[r].2) == (e.size, e.hash)
        })
        .collect()
}

/// The paths `listing` has that no entry (sorted by path) has.
fn beyond<'a>(listing: &'a Listing, entries: &[Entry]) -> Vec<&'a str> {
    let mut k = 0;
    listing
        .paths()
        .filter(|p| {
            while k < entries.len() && entries[k].path < *p {
                k += 1;
            }
            !(k < entries.len() && entries[k].path == *p)
        })
        .collect()
}

/// Publishes the site `entries`: see [`publish_keeping`].
fn publish_entries(out: &Path, mut entries: Vec<Entry>) -> Result<Stats> {
    entries.sort_unstable_by(|a, b| a.path.cmp(b.path));
    if let Some(w) = entries.windows(2).find(|w| w[0].path == w[1].path) {
        bail!("{} is given twice: nothing was published", w[0].path);
    }
    // A path cannot be a file and a folder of others at once.
    let paths: std::collections::HashSet<&str> = entries.iter().map(|e| e.path).collect();
    for e in &entries {
        let mut folder = e.path;
        while let Some(at) = folder.rfind('/') {
            folder = &folder[..at];
            if paths.contains(folder) {
                bail!(
                    "{folder} would be both a page and the folder of {}: nothing was published",
                    e.path
                );
            }
        }
    }
    let p = Places::of(out)?;
    let _lock = Lock::take(&p)?;
    let current = manifest(&p.out)?;
    let served = match &current {
        Manifest::Clean(cur) => listed(&entries, cur),
        _ => vec![false; entries.len()],
    };
    if let Some((e, _)) = entries
        .iter()
        .zip(&served)
        .find(|(e, served)| e.bytes.is_none() && !**served)
    {
        bail!(
            "{} was to be kept from the site being served, which no longer holds it (was it rolled back during the build?): nothing was published; build again",
            e.path
        );
    }
    if !matches!(manifest(&p.trash)?, Manifest::Absent) {
        // Left by a fallback swap that was interrupted.
        std::fs::remove_dir_all(&p.trash)
            .with_context(|| format!("removing {}", p.trash.display()))?;
    }
    let changed = served.iter().filter(|s| !**s).count();
    if let Manifest::Clean(cur) = &current
        && cur.len() == entries.len()
        && changed == 0
    {
        // The served site is the new one: nothing is written, flushed or
        // swapped, and the release before it stays the one to roll back to.
        return Ok(Stats {
            files: entries.len(),
            written: 0,
            unchanged: entries.len(),
            removed: 0,
            fallback: false,
        });
    }
    let other = manifest(&p.prev)?;
    update(&p, &p.prev, other, &current, &entries)?;
    let fallback = swap_in(&p)?;
    let (written, removed) = match &current {
        Manifest::Clean(cur) => {
            let gone = beyond(cur, &entries).len();
            (changed, gone)
        }
        _ => (entries.len(), 0),
    };
    Ok(Stats {
        files: entries.len(),
        written,
        unchanged: entries.len() - written,
        removed,
        fallback,
    })
}

/// Makes the other release tree, when there is none, the served site's
/// copy (hard links where the file system has them), so that the next
/// publish writes only what it changes (`serve` does this after its first
/// build into an empty folder). Returns whether it made one.
pub fn mirror(out: &Path) -> Result<bool> {
    let p = Places::of(out)?;
    let _lock = Lock::take(&p)?;
    let served = manifest(&p.out)?;
    let (Manifest::Clean(cur), Manifest::Absent) = (&served, manifest(&p.prev)?) else {
        return Ok(false);
    };
    let entries: Vec<Entry> = (0..cur.len())
        .map(|r| Entry {
            path: cur.path(r),
            size: cur.rows[r].1,
            hash: cur.rows[r].2,
            bytes: None,
        })
        .collect();
    update(&p, &p.prev, Manifest::Absent, &served, &entries)?;
    Ok(true)
}

/// Brings the tree at `dir` (whose manifest is `state`) to hold exactly
/// `entries`, flushed to disk, with their manifest. `served` is the tree
/// being served, whose unchanged files a fresh tree links instead of
/// writing, and from which kept files are linked (else copied).
fn update(
    p: &Places,
    dir: &Path,
    state: Manifest,
    served: &Manifest,
    entries: &[Entry],
) -> Result<()> {
    if let Manifest::Absent = state {
        std::fs::create_dir(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // From here on the tree is not a release until its manifest is written.
    write_new(&dir.join(MARKER), format!("{DIRTY}\n").as_bytes())?;
    let known: Option<&Listing> = match &state {
        Manifest::Clean(m) => Some(m),
        _ => None,
    };
    let fresh = matches!(state, Manifest::Absent | Manifest::Empty);
    // A tree whose manifest is known holds the folders of the files it
    // holds: only those of the files it lacks may be missing.
    let lacking: Vec<&Entry> = match known {
        Some(m) => entries
            .iter()
            .zip(listed(entries, m))
            .filter(|(_, held)| !held)
            .map(|(e, _)| e)
            .collect(),
        None => entries.iter().collect(),
    };
    make_dirs(dir, lacking.iter().map(|e| e.path), fresh)?;
    lacking.par_iter().try_for_each(|e| -> Result<()> {
        let want = (e.size, e.hash);
        let dest = dir.join(e.path);
        // Unknown content: look at the file itself.
        let holds = known.is_none()
            && !fresh
            && std::fs::symlink_metadata(&dest).is_ok_and(|m| m.is_file() && m.len() == want.0)
            && std::fs::read(&dest).is_ok_and(|b| match e.bytes {
                Some(bytes) => b == bytes,
                None => hash(&b) == e.hash,
            });
        if holds {
            return Ok(());
        }
        let source = p.out.join(e.path);
        if fresh
            && let Manifest::Clean(s) = served
            && s.get(e.path) == Some(want)
            && std::fs::hard_link(&source, &dest).is_ok()
        {
            return Ok(());
        }
        match e.bytes {
            Some(bytes) => write_new(&dest, bytes),
            None => link_new(&source, &dest),
        }
    })?;
    remove_extra(dir, entries, known)?;
    let mut text = String::with_capacity(entries.len() * 80);
    text.push_str(HEADER);
    text.push('\n');
    for e in entries {
        use std::fmt::Write as _;
        let _ = writeln!(text, "{:032x} {} {}", e.hash, e.size, e.path);
    }
    flush(dir)?;
    // The manifest last: once it is there, the tree is the new release.
    write_new(&dir.join(MARKER), text.as_bytes())?;
    flush(dir)
}

/// Puts the served file `source` at `dest` by a temporary hard link (or,
/// where linking fails, a copy) renamed over it.
fn link_new(source: &Path, dest: &Path) -> Result<()> {
    let mut tmp = dest.as_os_str().to_owned();
    tmp.push(TMP);
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    if std::fs::hard_link(source, &tmp).is_err() {
        std::fs::copy(source, &tmp)
            .with_context(|| format!("copying {} to {}", source.display(), dest.display()))?;
    }
    if std::fs::symlink_metadata(dest).is_ok_and(|m| m.is_dir()) {
        std::fs::remove_dir_all(dest).with_context(|| format!("removing {}", dest.display()))?;
    }
    std::fs::rename(&tmp, dest).with_context(|| format!("moving {} into place", dest.display()))
}

/// Removes what `dir` holds beyond the paths `keep`: from its manifest when it is
/// known, else by walking it. Folders left empty go too.
fn remove_extra(dir: &Path, keep: &[Entry], known: Option<&Listing>) -> Result<()> {
    let gone: Vec<PathBuf> = match known {
        Some(m) => beyond(m, keep).into_iter().map(|k| dir.join(k)).collect(),
        None => {
            let mut v = Vec::new();
            for e in walkdir::WalkDir::new(dir).min_depth(1) {
                let e = e.with_context(|| format!("reading {}", dir.display()))?;
                if e.file_type().is_dir() {
                    continue;
                }
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                if rel != MARKER && !among(keep, &rel) {
                    v.push(e.into_path());
                }
            }
            v
        }
    };
    let mut parents: BTreeSet<PathBuf> = BTreeSet::new();
    for g in &gone {
        match std::fs::remove_file(g) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("removing {}", g.display())),
        }
        let mut up = g.parent();
        while let Some(d) = up.filter(|d| d.starts_with(dir) && *d != dir) {
            parents.insert(d.to_path_buf());
            up = d.parent();
        }
    }
    // Deepest first; fails, as it should, unless the folder is now empty.
    let mut parents: Vec<PathBuf> = parents.into_iter().collect();
    parents.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in parents {
        let _ = std::fs::remove_dir(d);
    }
    Ok(())
}

/// Everything written under `dir` reaches the disk: one `syncfs` on Linux
/// (files are written without a flush each); other systems flushed each file
/// as it was written.
fn flush(dir: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        let d = File::open(dir).with_context(|| format!("opening {}", dir.display()))?;
        rustix::fs::syncfs(&d).with_context(|| format!("flushing {}", dir.display()))?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    Ok(())
}

/// Flushes a folder's entries (the renames in it) to disk.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Swaps the updated tree (`prev`) in; the served one becomes `prev`.
/// Returns whether the three-rename fallback was used.
fn swap_in(p: &Places) -> Result<bool> {
    if !p.out.exists() {
        std::fs::rename(&p.prev, &p.out)
            .with_context(|| format!("moving the new site into {}", p.out.display()))?;
        sync_dir(&p.parent);
        return Ok(false);
    }
    let fallback = swap(&p.prev, &p.out, &p.trash)?;
    sync_dir(&p.parent);
    Ok(fallback)
}

/// Exchanges the folders `a` and `b`: atomically where the system can,
/// else by three renames through `trash`. Returns whether it fell back.
fn swap(a: &Path, b: &Path, trash: &Path) -> Result<bool> {
    match exchange(a, b) {
        Ok(()) => Ok(false),
        Err(e) if exchange_unsupported(&e) => {
            std::fs::rename(b, trash).with_context(|| format!("moving {} aside", b.display()))?;
            if let Err(e) = std::fs::rename(a, b) {
                let _ = std::fs::rename(trash, b);
                return Err(e).with_context(|| format!("moving {} into place", a.display()));
            }
            std::fs::rename(trash, a)
                .with_context(|| format!("keeping the previous site in {}", a.display()))?;
            Ok(true)
        }
        Err(e) => Err(e).with_context(|| format!("swapping {} and {}", a.display(), b.display())),
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// The exchange is refused by the kernel or the file system (not a
/// failure of this build).
fn exchange_unsupported(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::io::Errno;
        let refused = [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP];
        if refused
            .iter()
            .any(|c| e.raw_os_error() == Some(c.raw_os_error()))
        {
            return true;
        }
    }
    e.kind() == std::io::ErrorKind::Unsupported
}

/// What [`rollback`] did.
#[derive(Debug)]
pub struct Rolled {
    pub fallback: bool,
}

/// Brings the previous release back (the current one becomes the
/// previous, so a second rollback undoes the first).
pub fn rollback(out: &Path) -> Result<Rolled> {
    let p = Places::of(out)?;
    let _lock = Lock::take(&p)?;
    match manifest(&p.prev)? {
        Manifest::Clean(_) => {}
        Manifest::Dirty => bail!(
            "the previous release in {} is incomplete (a build was interrupted while updating it): build again instead",
            p.prev.display()
        ),
        _ => bail!(
            "there is no previous release to bring back ({} is missing): rollback works after a second build",
            p.prev.display()
        ),
    }
    manifest(&p.out)?;
    if !p.out.exists() {
        std::fs::rename(&p.prev, &p.out)
            .with_context(|| format!("moving {} into place", p.prev.display()))?;
        return Ok(Rolled { fallback: false });
    }
    let fallback = swap(&p.prev, &p.out, &p.trash)?;
    sync_dir(&p.parent);
    Ok(Rolled { fallback })
}

/// Creates the folders the files go in (each level in parallel). In a tree
/// that already holds a site, only the missing ones, and a file standing
/// where a folder must go is removed.
fn make_dirs<'a>(root: &Path, paths: impl Iterator<Item = &'a str>, fresh: bool) -> Result<()> {
    let mut all: BTreeSet<&Path> = BTreeSet::new();
    for path in paths {
        let mut p = Path::new(path).parent();
        while let Some(d) = p.filter(|d| !d.as_os_str().is_empty()) {
            if !all.insert(d) {
                break;
            }
            p = d.parent();
        }
    }
    let mut levels: Vec<Vec<&Path>> = Vec::new();
    for d in all {
        let n = d.components().count();
        if levels.len() <= n {
            levels.resize_with(n + 1, Vec::new);
        }
        levels[n].push(d);
    }
    for level in levels.iter().filter(|l| !l.is_empty()) {
        level.par_iter().try_for_each(|d| {
            let d = root.join(d);
            if !fresh {
                match std::fs::symlink_metadata(&d) {
                    Ok(m) if m.is_dir() => return Ok(()),
                    Ok(_) => std::fs::remove_file(&d)
                        .with_context(|| format!("removing {}", d.display()))?,
                    Err(_) => {}
                }
            }
            std::fs::create_dir(&d).with_context(|| format!("creating {}", d.display()))
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutFile {
        OutFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| {
                e.unwrap()
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .display()
                    .to_string()
            })
            .filter(|p| p != MARKER)
            .collect();
        v.sort();
        v
    }

    fn read(p: PathBuf) -> String {
        std::fs::read_to_string(p).unwrap()
    }

    /// The entry a manifest has of `text` at `path`.
    fn listed(path: &str, text: &str) -> Listed {
        (path.into(), text.len() as u64, hash(text.as_bytes()))
    }

    /// Files kept from the served tree are linked into the other one where
    /// it lacks them or holds other bytes; both trees stay whole releases
    /// (a rollback gives the site before), and a kept file the served tree
    /// does not hold so publishes nothing.
    #[test]
    fn kept_files_come_from_the_served_tree() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = [file("a/index.html", "A"), file("b", "B"), file("c", "C")];
        publish(&out, &first).unwrap();
        // The other tree is new: every kept file is linked into it.
        let s = publish_keeping(
            &out,
            &[file("c", "C2")],
            &[listed("a/index.html", "A"), listed("b", "B")],
        )
        .unwrap();
        assert_eq!((s.files, s.written, s.unchanged), (3, 1, 2));
        assert_eq!(listing(&out), vec!["a", "a/index.html", "b", "c"]);
        assert_eq!(read(out.join("c")), "C2");
        // The other tree is the first site: "c" is kept from the served
        // tree over its older bytes, "b" is gone, "a" is held already.
        let s = publish_keeping(
            &out,
            &[file("d", "D")],
            &[listed("a/index.html", "A"), listed("c", "C2")],
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (1, 2, 1));
        assert_eq!(listing(&out), vec!["a", "a/index.html", "c", "d"]);
        assert_eq!(read(out.join("c")), "C2");
        assert_eq!(read(out.join("a/index.html")), "A");
        let m = std::fs::read_to_string(out.join(MARKER)).unwrap();
        assert!(m.contains(&format!("{:032x} 2 c", hash(b"C2"))), "{m}");
        rollback(&out).unwrap();
        assert_eq!(listing(&out), vec!["a", "a/index.html", "b", "c"]);
        assert_eq!(read(out.join("c")), "C2");
        rollback(&out).unwrap();
        // Kept bytes the served tree does not hold: nothing is published.
        for wrong in [listed("c", "C"), listed("e", "E")] {
            let e = publish_keeping(&out, &[file("f", "F")], &[wrong]).unwrap_err();
            assert!(e.to_string().contains("no longer holds it"), "{e:#}");
            assert_eq!(listing(&out), vec!["a", "a/index.html", "c", "d"]);
        }
        // A kept file given also as made is an error, not two files.
        let e = publish_keeping(&out, &[file("c", "C2")], &[listed("c", "C2")]).unwrap_err();
        assert!(e.to_string().contains("given twice"), "{e:#}");
    }

    #[test]
    fn each_build_replaces_the_site_whole_and_keeps_the_previous() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = publish(
            &out,
            &[
                file("a/index.html", "A"),
                file("b/x/index.html", "B"),
                file("c", "C"),
            ],
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (3, 0, 0));
        let s = publish(
            &out,
            &[
                file("a/index.html", "A"),
                file("b/x/index.html", "B2"),
                file("c/index.html", "C"),
                file("d", "D"),
            ],
        )
        .unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (3, 1, 1));
        assert_eq!(read(out.join("b/x/index.html")), "B2");
        // The third build updates the tree of the first.
        let s = publish(&out, &[file("a/index.html", "A")]).unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (0, 1, 3));
        assert_eq!(listing(&out), vec!["a", "a/index.html"]);
        let prev = dir.path().join(".public.prev");
        assert_eq!(
            listing(&prev),
            vec![
                "a",
                "a/index.html",
                "b",
                "b/x",
                "b/x/index.html",
                "c",
                "c/index.html",
                "d"
            ]
        );
        let mut beside: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        beside.sort();
        assert_eq!(beside, vec![".public.lock", ".public.prev", "public"]);
    }

    #[test]
    fn a_build_that_changes_nothing_touches_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let prev = dir.path().join(".public.prev");
        publish(&out, &[file("v", "1")]).unwrap();
        publish(&out, &[file("v", "2"), file("w", "W")]).unwrap();
        let marker = |d: &Path| {
            std::fs::metadata(d.join(MARKER))
                .unwrap()
                .modified()
                .unwrap()
        };
        let before = (marker(&out), marker(&prev));
        let s = publish(&out, &[file("w", "W"), file("v", "2")]).unwrap();
        assert_eq!((s.files, s.written, s.unchanged, s.removed), (2, 0, 2, 0));
        assert_eq!(
            (marker(&out), marker(&prev)),
            before,
            "a tree was rewritten"
        );
        // A file fewer, or the same bytes at another address, is a change.
        let s = publish(&out, &[file("v", "2")]).unwrap();
        assert_eq!((s.written, s.removed), (0, 1));
        assert_eq!(listing(&out), vec!["v"]);
        let s = publish(&out, &[file("u", "2")]).unwrap();
        assert_eq!((s.written, s.removed), (1, 1));
        // Rolling back after a build that changed nothing gives the
        // release before it.
        publish(&out, &[file("u", "2")]).unwrap();
        rollback(&out).unwrap();
        assert_eq!(listing(&out), vec!["v"]);
    }

    #[test]
    fn files_are_never_changed_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[file("a.html", "A1"), file("b.html", "B")]).unwrap();
        publish(&out, &[file("a.html", "A2"), file("b.html", "B")]).unwrap();
        // A reader of the tree that is about to be updated keeps its bytes.
        let prev = dir.path().join(".public.prev");
        let held = File::open(prev.join("a.html")).unwrap();
        publish(&out, &[file("a.html", "A3"), file("b.html", "B")]).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut &held, &mut s).unwrap();
        assert_eq!(s, "A1");
        assert_eq!(read(out.join("a.html")), "A3");
        assert_eq!(read(prev.join("a.html")), "A2");
    }

    #[test]
    fn rollback_swaps_the_previous_release_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        assert!(rollback(&out).is_err(), "nothing to roll back to yet");
        publish(&out, &[file("v", "1")]).unwrap();
        publish(&out, &[file("v", "2")]).unwrap();
        rollback(&out).unwrap();
        assert_eq!(read(out.join("v")), "1");
        rollback(&out).unwrap();
        assert_eq!(read(out.join("v")), "2");
    }

    #[test]
    fn a_tree_left_dirty_by_a_killed_build_is_checked_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[file("v", "1"), file("w", "1")]).unwrap();
        publish(&out, &[file("v", "2"), file("w", "2")]).unwrap();
        // A killed build had marked the other tree dirty and half-updated it.
        let prev = dir.path().join(".public.prev");
        std::fs::write(prev.join(MARKER), DIRTY).unwrap();
        std::fs::write(prev.join("v"), "3").unwrap();
        std::fs::write(prev.join("stray.kehoach-tmp"), "…").unwrap();
        assert!(
            rollback(&out).is_err(),
            "a dirty tree is not rolled back to"
        );
        publish(&out, &[file("v", "3"), file("w", "3")]).unwrap();
        assert_eq!(listing(&out), vec!["v", "w"]);
        assert_eq!(
            (read(out.join("v")), read(out.join("w"))),
            ("3".into(), "3".into())
        );
    }

    #[test]
    fn a_folder_kehoach_did_not_write_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("docs");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("thesis.odt"), "mine").unwrap();
        let e = publish(&out, &[file("index.html", "x")]).unwrap_err();
        assert!(e.to_string().contains("not written by kehoach"), "{e}");
        assert_eq!(listing(&out), vec!["thesis.odt"]);
        // An empty folder is fine.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        publish(&empty, &[file("index.html", "x")]).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_site_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        publish(&out, &[file("a", "1"), file("b", "1")]).unwrap();
        publish(&out, &[file("a", "2"), file("b", "2")]).unwrap();
        // A file and a folder at the same path cannot both be written.
        let e = publish(&out, &[file("a", "3"), file("b", "3"), file("b/c", "3")]);
        assert!(e.is_err());
        assert_eq!(
            (read(out.join("a")), read(out.join("b"))),
            ("2".into(), "2".into())
        );
        assert_eq!(listing(&out), vec!["a", "b"]);
        // The next build recovers the tree it left half-updated.
        publish(&out, &[file("a", "4"), file("b", "4")]).unwrap();
        assert_eq!(listing(&out), vec!["a", "b"]);
        assert_eq!(read(out.join("a")), "4");
    }
}
