//! Whether anything a build reads changed since the last build into the
//! same output: when nothing did, the site being served is already the one
//! this build would make, and the build ends after one pass over the
//! sources' file metadata, with the last build's summary. Short of that,
//! [`known`] gives the documents' sources that did not change: the build
//! takes their facts from the read cache and leaves their texts in the
//! files until a page asks (see `lazytext`).
//!
//! A build reads the running program, its options, `config.toml` and the
//! files under `content/`, `static/` and `themes/`, and the build date.
//! The record (`last-build`, in the read cache's folder) keeps, of a build
//! that published, a hash of the program and the options, every such
//! file's identity (device, inode, size, modification and change times),
//! what decided the build date, the hash of the manifest of the tree it
//! published, and the report it printed.
//!
//! A file's metadata stands for its bytes only when the file was last
//! changed well before the build looked at it: any later write moves its
//! change time, which no program can set back. A file changed within
//! [`RACY`] of the look (or after it: another clock) is recorded with the
//! hash of its bytes, read again and compared next time, as git does with
//! its index.
//!
//! *Invariant: the record is a statement "these inputs gave the site with
//! this manifest and this report"; it is trusted only when every input and
//! the served manifest are the ones it names, and any doubt (a file that
//! cannot be read, a record that cannot be decoded) means a full build.*

use crate::build_date::{self, Commit};
use crate::date::Date;
use crate::diag::{Diagnostic, Located};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub use crate::readcache::RECORD;
const MAGIC: &[u8; 16] = b"kehoach-last-2\0\0";
/// How long before the look a change makes a file's metadata not enough.
const RACY: Duration = Duration::from_secs(3);

/// One input file: its path under the root and its identity.
#[derive(Clone, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
struct Entry {
    path: String,
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
    /// The hash of its bytes, for a file changed close to the look.
    bytes: Option<u128>,
}

impl Entry {
    /// Whether `other` is the same file as it was looked at: same device,
    /// inode, size, modification and change times.
    fn same_identity(&self, other: &Entry) -> bool {
        (self.dev, self.ino, self.size, self.mtime, self.ctime)
            == (other.dev, other.ino, other.size, other.mtime, other.ctime)
    }
}

/// What the sources' folders hold, looked at once.
#[derive(Clone, Debug, PartialEq, Eq, Default, bitcode::Encode, bitcode::Decode)]
pub struct Look {
    entries: Vec<Entry>,
}

/// The record of a build that published.
#[derive(bitcode::Encode, bitcode::Decode)]
struct Record {
    key: u128,
    look: Look,
    /// The build date and its origin (0 option, 1 commit, 2 modified; the
    /// commit's text).
    today: Date,
    from: (u8, String),
    excluded: Vec<String>,
    latest: Option<(i64, u32)>,
    manifest: u128,
    report: Saved,
    /// The documents' sources it read, in no order.
    read: Vec<Read>,
}

/// A document's source a build read: the read cache's key of what parsing
/// it gave, and the hash and length of its text after the front matter.
#[derive(Clone, Debug, bitcode::Encode, bitcode::Decode)]
pub struct Read {
    pub path: String,
    pub cache_key: u128,
    pub text: u128,
    pub len: u64,
}

/// A document's source whose identity is the one the last build recorded
/// of it: what that build read of it ([`Read`]) stands, and its
/// modification time is the one looked at.
#[derive(Clone, Debug)]
pub struct Known {
    pub cache_key: u128,
    pub text: u128,
    pub len: usize,
    pub mtime: Option<SystemTime>,
}

/// The parts of a [`Report`] the summary prints.
#[derive(bitcode::Encode, bitcode::Decode)]
struct Saved {
    documents: u64,
    items: u64,
    cited_only: u64,
    withheld: u64,
    files: u64,
    sources: u64,
    warnings: Vec<(String, Diagnostic)>,
}

/// What a build is besides its input files: the program and every option
/// that shapes the site.
#[derive(Clone, Debug)]
pub struct Build<'a> {
    pub program: u128,
    pub root: &'a Path,
    pub out: &'a Path,
    pub today: Option<Date>,
    pub drafts: bool,
    pub commit: Option<&'a Commit>,
}

impl Build<'_> {
    fn key(&self) -> u128 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(MAGIC);
        h.update(&self.program.to_le_bytes());
        let root = self.root.canonicalize().unwrap_or(self.root.to_path_buf());
        for p in [root.as_path(), self.out] {
            h.update(p.to_string_lossy().as_bytes());
            h.update(&[0]);
        }
        h.update(format!("{:?} {} {:?}", self.today, self.drafts, self.commit).as_bytes());
        h.digest128()
    }
}

/// What the summary line of a build says, kept in the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub items: usize,
    pub cited_only: usize,
    pub withheld: usize,
    /// Files of the site.
    pub files: usize,
    /// Sources read (parsed or reused).
    pub sources: usize,
    pub today: Date,
    pub today_from: build_date::From,
    pub warnings: Vec<Located>,
}

#[cfg(unix)]
fn times(m: &std::fs::Metadata) -> (u64, u64, (i64, i64), (i64, i64)) {
    use std::os::unix::fs::MetadataExt;
    (
        m.dev(),
        m.ino(),
        (m.mtime(), m.mtime_nsec()),
        (m.ctime(), m.ctime_nsec()),
    )
}

/// Looks at every input file under `root`: `config.toml`, `content/`,
/// `static/`, `themes/` (links followed, as loading does). None when
/// something cannot be looked at, or off Unix (no change time).
pub fn look(root: &Path) -> Option<Look> {
    #[cfg(unix)]
    {
        use rayon::prelude::*;
        let start = SystemTime::now()
            .checked_sub(RACY)?
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()?;
        let start = (start.as_secs() as i64, start.subsec_nanos() as i64);
        let mut found = Vec::new();
        for top in ["config.toml", "content", "static", "themes"] {
            let walk = walkdir::WalkDir::new(root.join(top))
                .follow_links(true)
                .sort_by_file_name();
            for e in walk {
                let e = match e {
                    Ok(e) => e,
                    Err(e)
                        if e.io_error().map(|i| i.kind()) == Some(std::io::ErrorKind::NotFound)
                            && e.depth() == 0 =>
                    {
                        break;
                    }
                    Err(_) => return None,
                };
                if e.file_type().is_dir() {
                    continue;
                }
                let m = e.metadata().ok()?;
                let path = e
                    .path()
                    .strip_prefix(root)
                    .ok()?
                    .to_string_lossy()
                    .into_owned();
                let (dev, ino, mtime, ctime) = times(&m);
                found.push(Entry {
                    path,
                    dev,
                    ino,
                    size: m.len(),
                    mtime,
                    ctime,
                    bytes: None,
                });
            }
        }
        let racy = |e: &Entry| e.ctime >= start || e.mtime >= start;
        let ok = found.par_iter_mut().filter(|e| racy(e)).all(|e| {
            e.bytes = std::fs::read(root.join(&e.path))
                .ok()
                .map(|b| xxhash_rust::xxh3::xxh3_128(&b));
            e.bytes.is_some()
        });
        ok.then_some(Look { entries: found })
    }
    #[cfg(not(unix))]
    {
        let _ = root;
        None
    }
}

impl Look {
    /// Whether `self` (looked at now) shows the same files as `before`
    /// (recorded): same paths and identities, and the same bytes where the
    /// record kept them.
    fn same_as(&self, before: &Look, root: &Path) -> bool {
        use rayon::prelude::*;
        self.entries.len() == before.entries.len()
            && self
                .entries
                .iter()
                .zip(&before.entries)
                .all(|(a, b)| a.path == b.path && a.same_identity(b))
            && before.entries.par_iter().all(|b| match b.bytes {
                None => true,
                Some(h) => std::fs::read(root.join(&b.path))
                    .is_ok_and(|bytes| xxhash_rust::xxh3::xxh3_128(&bytes) == h),
            })
    }
}

fn from_code(f: &build_date::From) -> (u8, String) {
    match f {
        build_date::From::Option => (0, String::new()),
        build_date::From::Commit(c) => (1, c.clone()),
        build_date::From::Modified => (2, String::new()),
    }
}

fn to_time(t: Option<SystemTime>) -> Option<(i64, u32)> {
    let d = t?.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    Some((d.as_secs() as i64, d.subsec_nanos()))
}

fn from_time(t: Option<(i64, u32)>) -> Option<SystemTime> {
    let (s, n) = t?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::new(u64::try_from(s).ok()?, n))
}

/// What a build that published leaves for the next one.
pub struct Facts<'a> {
    pub look: Look,
    pub excluded: &'a [PathBuf],
    pub latest: Option<SystemTime>,
    pub summary: Summary,
    pub read: Vec<Read>,
}

/// Writes the record of a build that published into `dir` (beside and
/// renamed in). False when it could not be written (the next build is then
/// a full one).
pub fn write(dir: &Path, b: &Build, f: Facts) -> bool {
    let Some(manifest) = crate::publish::served_manifest(b.out) else {
        let _ = std::fs::remove_file(dir.join(RECORD));
        return false;
    };
    let s = f.summary;
    let record = Record {
        key: b.key(),
        look: f.look,
        today: s.today,
        from: from_code(&s.today_from),
        excluded: f
            .excluded
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        latest: to_time(f.latest),
        manifest,
        report: Saved {
            documents: s.documents as u64,
            items: s.items as u64,
            cited_only: s.cited_only as u64,
            withheld: s.withheld as u64,
            files: s.files as u64,
            sources: s.sources as u64,
            warnings: s
                .warnings
                .into_iter()
                .map(|w| (w.file.to_string_lossy().into_owned(), w.diag))
                .collect(),
        },
        read: f.read,
    };
    crate::readcache::write_record(dir, RECORD, MAGIC, &record)
}

/// The documents' sources this build need not read (`now` is the look
/// taken at its start): those the last build into the same output, by the
/// same program with the same options, read and recorded, whose identity is
/// the recorded one and was recorded well after their last change (see
/// [`RACY`]). Empty when there is no such record.
pub fn known(dir: &Path, b: &Build, now: &Look) -> std::collections::HashMap<PathBuf, Known> {
    let Some(r) = read(dir).filter(|r| r.key == b.key()) else {
        return Default::default();
    };
    let before: std::collections::HashMap<&str, &Entry> = r
        .look
        .entries
        .iter()
        .filter(|e| e.bytes.is_none())
        .map(|e| (e.path.as_str(), e))
        .collect();
    let trusted: std::collections::HashMap<&str, &Entry> = now
        .entries
        .iter()
        .filter(|e| {
            e.bytes.is_none()
                && before
                    .get(e.path.as_str())
                    .is_some_and(|b| b.same_identity(e))
        })
        .map(|e| (e.path.as_str(), e))
        .collect();
    r.read
        .iter()
        .filter_map(|s| {
            let e = trusted.get(s.path.as_str())?;
            let (secs, nanos) = e.mtime;
            let mtime = SystemTime::UNIX_EPOCH.checked_add(Duration::new(
                u64::try_from(secs).ok()?,
                u32::try_from(nanos).ok()?,
            ));
            Some((
                PathBuf::from(&s.path),
                Known {
                    cache_key: s.cache_key,
                    text: s.text,
                    len: usize::try_from(s.len).ok()?,
                    mtime,
                },
            ))
        })
        .collect()
}

fn read(dir: &Path) -> Option<Record> {
    crate::readcache::read_record(dir, RECORD, MAGIC)
}

/// The summary of the last build when nothing it read changed and the
/// site it published is the one served; None otherwise (build in full).
/// `now` is the look taken at this build's start.
pub fn unchanged(dir: &Path, b: &Build, now: &Look) -> Option<Summary> {
    let r = read(dir)?;
    if r.key != b.key() || !now.same_as(&r.look, b.root) {
        return None;
    }
    if crate::publish::served_manifest(b.out)? != r.manifest {
        return None;
    }
    let excluded: Vec<PathBuf> = r.excluded.iter().map(PathBuf::from).collect();
    let (today, from) =
        build_date::decide(b.today, b.root, b.commit, &excluded, from_time(r.latest));
    if today != r.today || from_code(&from) != r.from {
        return None;
    }
    Some(summary(r.report, today, from))
}

fn summary(s: Saved, today: Date, today_from: build_date::From) -> Summary {
    Summary {
        documents: s.documents as usize,
        items: s.items as usize,
        cited_only: s.cited_only as usize,
        withheld: s.withheld as usize,
        files: s.files as usize,
        sources: s.sources as usize,
        today,
        today_from,
        warnings: s
            .warnings
            .into_iter()
            .map(|(file, diag)| Located {
                file: PathBuf::from(file),
                diag,
            })
            .collect(),
    }
}

/// The last build's record, when all that changed since among the inputs
/// are some of the documents' sources it read (edited in place: no file
/// added, removed or renamed), the site it published is the one served,
/// and the build date stays what it was: what a build after an edit of
/// texts alone starts from (`crate::retext`).
pub struct Edited {
    /// What the last build read of each changed source.
    pub sources: Vec<Read>,
    /// The last build's summary, with this build's date.
    pub summary: Summary,
    /// The newest change of what is published, with the edits.
    latest: Option<(i64, u32)>,
    record: Record,
}

/// See [`Edited`]; `now` is the look taken at this build's start. None
/// when anything else changed, nothing did, or more than `most` sources
/// did (a checkout of another tree, a publish from a fresh extraction:
/// the whole build reads them in parallel, most from the read cache).
pub fn edited(dir: &Path, b: &Build, now: &Look, most: usize) -> Option<Edited> {
    let r = read(dir).filter(|r| r.key == b.key())?;
    if now.entries.len() != r.look.entries.len() {
        return None;
    }
    let read: std::collections::HashMap<&str, &Read> =
        r.read.iter().map(|s| (s.path.as_str(), s)).collect();
    let mut sources = Vec::new();
    let mut latest = r.latest;
    for (a, e) in now.entries.iter().zip(&r.look.entries) {
        if a.path != e.path {
            return None;
        }
        let same = a.same_identity(e)
            && e.bytes.is_none_or(|h| {
                std::fs::read(b.root.join(&e.path))
                    .is_ok_and(|bytes| xxhash_rust::xxh3::xxh3_128(&bytes) == h)
            });
        if same {
            continue;
        }
        if sources.len() == most {
            return None;
        }
        sources.push((*read.get(a.path.as_str())?).clone());
        // The newest change: this one, when newer; else the recorded one,
        // unless this source was the newest before (the newest would then
        // be another's, which only a whole build finds).
        let time = |t: (i64, i64)| Some((t.0, u32::try_from(t.1).ok()?));
        let (new, old) = (time(a.mtime)?, time(e.mtime)?);
        match latest {
            Some(l) if new >= l => latest = Some(new),
            Some(l) if old < l => {}
            _ => return None,
        }
    }
    if sources.is_empty() || crate::publish::served_manifest(b.out)? != r.manifest {
        return None;
    }
    let excluded: Vec<PathBuf> = r.excluded.iter().map(PathBuf::from).collect();
    let (today, from) = build_date::decide(b.today, b.root, b.commit, &excluded, from_time(latest));
    if today != r.today || from_code(&from) != r.from {
        return None;
    }
    let saved = Saved {
        warnings: r.report.warnings.clone(),
        ..r.report
    };
    Some(Edited {
        sources,
        summary: summary(saved, today, from),
        latest,
        record: r,
    })
}

/// Writes the record of the build that published the site `e` led to
/// (`now`: the look taken at its start; `read`: what it read of the
/// changed sources). False when it could not (the next build is then a
/// whole one).
pub fn write_edited(dir: &Path, b: &Build, e: Edited, now: Look, read: Vec<Read>) -> bool {
    let mut r = e.record;
    let Some(manifest) = crate::publish::served_manifest(b.out) else {
        let _ = std::fs::remove_file(dir.join(RECORD));
        return false;
    };
    for s in read {
        match r.read.iter_mut().find(|t| t.path == s.path) {
            Some(t) => *t = s,
            None => r.read.push(s),
        }
    }
    r.look = now;
    r.latest = e.latest;
    r.manifest = manifest;
    crate::readcache::write_record(dir, RECORD, MAGIC, &r)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        std::fs::create_dir_all(r.join("content/plans")).unwrap();
        std::fs::write(r.join("config.toml"), "title = \"x\"\n").unwrap();
        std::fs::write(r.join("content/plans/a.md"), "KẾ HOẠCH\n").unwrap();
        dir
    }

    /// A look taken, `change` made, a look taken again: whether the second
    /// shows the files of the first.
    fn check(name: &str, change: fn(&Path), same: bool) {
        let dir = site();
        let r = dir.path();
        let before = look(r).unwrap();
        change(r);
        let now = look(r).unwrap();
        assert_eq!(now.same_as(&before, r), same, "{name}");
    }

    #[test]
    fn a_look_shows_every_change_of_the_inputs() {
        type Case = (&'static str, fn(&Path), bool);
        let cases: Vec<Case> = vec![
            ("nothing", |_| {}, true),
            (
                "a file outside the inputs",
                |r| std::fs::write(r.join("notes.txt"), "x").unwrap(),
                true,
            ),
            (
                "output beside",
                |r| std::fs::create_dir_all(r.join("public/x")).unwrap(),
                true,
            ),
            (
                "a source edited",
                |r| std::fs::write(r.join("content/plans/a.md"), "KẾ HOẠCH 2\n").unwrap(),
                false,
            ),
            (
                "a source added",
                |r| std::fs::write(r.join("content/plans/b.md"), "x").unwrap(),
                false,
            ),
            (
                "a hidden file added",
                |r| std::fs::write(r.join("content/plans/.a.md.swp"), "x").unwrap(),
                false,
            ),
            (
                "a source removed",
                |r| std::fs::remove_file(r.join("content/plans/a.md")).unwrap(),
                false,
            ),
            (
                "config.toml edited",
                |r| std::fs::write(r.join("config.toml"), "title = \"y\"\n").unwrap(),
                false,
            ),
            (
                "config.toml removed",
                |r| std::fs::remove_file(r.join("config.toml")).unwrap(),
                false,
            ),
            (
                "a static file",
                |r| {
                    std::fs::create_dir_all(r.join("static")).unwrap();
                    std::fs::write(r.join("static/a.css"), "x").unwrap();
                },
                false,
            ),
            (
                "a theme file",
                |r| {
                    std::fs::create_dir_all(r.join("themes/t/templates")).unwrap();
                    std::fs::write(r.join("themes/t/templates/base.html"), "x").unwrap();
                },
                false,
            ),
            (
                "an empty folder",
                |r| std::fs::create_dir_all(r.join("content/plans/new")).unwrap(),
                true,
            ),
        ];
        for (name, change, same) in cases {
            check(name, change, same);
        }
    }

    /// A file changed just before the look is recorded with its bytes' hash:
    /// same metadata with other bytes is a change; a file changed long
    /// before is recorded without.
    #[test]
    fn a_file_changed_close_to_the_look_is_compared_by_its_bytes() {
        let dir = site();
        let r = dir.path();
        let before = look(r).unwrap();
        assert!(before.entries.iter().all(|e| e.bytes.is_some()));
        assert!(before.same_as(&before, r));
        std::fs::write(r.join("content/plans/a.md"), "KẾ HOẠCH!\n").unwrap();
        assert!(
            !before.same_as(&before, r),
            "other bytes under the same metadata"
        );
        let old = SystemTime::now() - Duration::from_secs(3600);
        for e in &before.entries {
            std::fs::File::options()
                .write(true)
                .open(r.join(&e.path))
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
        // The change time still says the files changed just now.
        assert!(look(r).unwrap().entries.iter().all(|e| e.bytes.is_some()));
    }

    #[test]
    fn a_record_that_does_not_decode_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert!(read(d).is_none(), "no record");
        for bytes in [&b""[..], b"kehoach-last-1", &[0u8; 64][..]] {
            std::fs::write(d.join(RECORD), bytes).unwrap();
            assert!(read(d).is_none(), "{bytes:?}");
        }
    }
}
