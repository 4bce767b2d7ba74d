//! Crash safety: `kill -9` at random moments of a rebuild, and a write
//! error in the middle of one, leave the output folder exactly the old site
//! or exactly the new one (compared by tree hash), with nothing else in it.
//!
//! By default a generated site of 300 plans and 40 kills (a few seconds on
//! a debug build). `scripts/killtest.sh` runs the same test on a 10,000-plan
//! corpus with the release binary: `KILL_SITE` names the site, `KILL_RUNS`
//! how many kills must land while the release is being written,
//! `KILL_BIN` the binary.

mod common;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn generate(root: &Path, n: usize) {
    let plans = root.join("content/plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::write(root.join("config.toml"), "title = \"Thử ngắt\"\n").unwrap();
    std::fs::write(
        root.join("content/bodies.toml"),
        "[[body]]\nid = \"btg\"\nname = \"Ban Tuyên giáo Tỉnh ủy\"\n\n[[body]]\nid = \"btc\"\nname = \"Ban Tổ chức Tỉnh ủy\"\n",
    )
    .unwrap();
    for i in 1..=n {
        let sub = plans.join(format!("{}", i / 100));
        std::fs::create_dir_all(&sub).unwrap();
        let cited = if i > 1 { (i * 7) % (i - 1) + 1 } else { 1 };
        std::fs::write(
            sub.join(format!("kh-{i}.md")),
            format!(
                "Hà Nội, ngày {:02} tháng {:02} năm 2025\n\nSố {i}-KH/TU\n\nKẾ HOẠCH\n\nthực hiện Kế hoạch số {cited}-KH/TU\n\nThực hiện Kế hoạch số {cited}-KH/TU, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:\n\nI. NHIỆM VỤ\n\n1. Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền (hoàn thành trong quý {}/2026).\n\n2. Ban Tổ chức Tỉnh ủy chủ trì rà soát (trong tháng {}/2026).\n",
                1 + i % 28,
                1 + i % 12,
                ["I", "II", "III", "IV"][i % 4],
                1 + i % 12
            ),
        )
        .unwrap();
    }
}

/// Every plan file of a site, sorted.
fn plan_files(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content/plans"))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

/// The three versions of the sources rebuilds go between, in turn (2 back
/// to 0): 0 as generated; 1 edits a third of the plans and deletes one in
/// a hundred; 2 edits the same third otherwise. Going round three
/// versions, the release tree that is not served (the site two builds
/// back) never holds the new site already, so each rebuild writes it.
struct Versions {
    root: PathBuf,
    stash: PathBuf,
    edited: Vec<PathBuf>,
    deleted: Vec<PathBuf>,
}

const EDITS: [&str; 2] = [
    "\n3. Văn phòng Tỉnh ủy theo dõi, đôn đốc (hoàn thành trong quý IV/2027).\n",
    "\n3. Ban Dân vận Tỉnh ủy phối hợp vận động (trong tháng 5/2027).\n",
];

impl Versions {
    fn new(root: &Path, stash: &Path) -> Versions {
        let files = plan_files(root);
        let edited = files.iter().step_by(3).cloned().collect();
        let deleted = files.iter().skip(1).step_by(100).cloned().collect();
        std::fs::create_dir_all(stash).unwrap();
        Versions {
            root: root.to_path_buf(),
            stash: stash.to_path_buf(),
            edited,
            deleted,
        }
    }
    fn stashed(&self, p: &Path) -> PathBuf {
        self.stash.join(
            p.strip_prefix(&self.root)
                .unwrap()
                .to_string_lossy()
                .replace('/', "__"),
        )
    }
    /// Puts the sources to version `k` (0, 1 or 2).
    fn to(&self, k: usize) {
        for p in &self.deleted {
            let s = self.stashed(p);
            if k == 1 && p.exists() {
                std::fs::rename(p, s).unwrap();
            } else if k != 1 && s.exists() {
                std::fs::rename(s, p).unwrap();
            }
        }
        for p in &self.edited {
            let Ok(t) = std::fs::read_to_string(p) else {
                continue;
            };
            let orig = EDITS.iter().find_map(|e| t.strip_suffix(e)).unwrap_or(&t);
            let want = match k {
                0 => orig.to_string(),
                _ => format!("{orig}{}", EDITS[k - 1]),
            };
            if want != t {
                std::fs::write(p, want).unwrap();
            }
        }
    }
}

/// The tree hash of a folder: every file's path and bytes.
fn tree(dir: &Path) -> BTreeMap<String, u64> {
    use std::hash::{Hash, Hasher};
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(e.path()).unwrap_or_default().hash(&mut h);
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                h.finish(),
            )
        })
        .collect()
}

fn bin() -> PathBuf {
    std::env::var_os("KILL_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_kehoach")))
}

fn build_cmd(root: &Path) -> Command {
    let mut c = Command::new(bin());
    c.args(["build", "--today", "2026-11-23", "--root"])
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn full_build(root: &Path) -> Duration {
    let t = Instant::now();
    assert!(build_cmd(root).status().unwrap().success());
    t.elapsed()
}

/// Whether the other tree was being written when the build stopped: its
/// manifest says dirty, or it already holds the new site unswapped.
fn landed_in_write_stage(root: &Path, new: &BTreeMap<String, u64>) -> bool {
    let prev = root.join(".public.prev");
    let manifest = std::fs::read_to_string(prev.join(".kehoach-release")).unwrap_or_default();
    manifest.contains("dirty") || (prev.exists() && &tree(&prev) == new)
}

#[test]
fn a_killed_or_failed_rebuild_leaves_the_old_site_or_the_new() {
    let tmp = tempfile::tempdir().unwrap();
    let root = match std::env::var_os("KILL_SITE") {
        Some(s) => PathBuf::from(s),
        None => {
            let r = tmp.path().join("site");
            generate(&r, 300);
            r
        }
    };
    let want: usize = std::env::var("KILL_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let out = root.join("public");
    let v = Versions::new(&root, &tmp.path().join("stash"));
    let mut sites = Vec::new();
    for k in 0..3 {
        v.to(k);
        full_build(&root);
        sites.push(tree(&out));
    }
    assert!(sites[0] != sites[1] && sites[1] != sites[2] && sites[0] != sites[2]);
    // A rebuild like those killed below: to the next version, with the
    // record of the build before.
    v.to(0);
    let took = full_build(&root);
    let mut served = 0;
    let mut rng = Rng(0x2545f4914f6cdd1d);
    let (mut kills, mut in_write, mut completed) = (0, 0, 0);
    let started = Instant::now();
    while in_write < want && kills < want * 20 && started.elapsed() < Duration::from_secs(3600) {
        // Rebuild towards the next version, and kill it somewhere in the
        // last four fifths of its run, where the release is written.
        let next = (served + 1) % 3;
        let (old, new) = (&sites[served], &sites[next]);
        v.to(next);
        let ms = took.as_millis() as u64;
        let delay = ms / 5 + rng.below(ms * 4 / 5 + 1);
        let mut child = build_cmd(&root).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        kills += 1;
        let now = tree(&out);
        assert!(
            &now == old || &now == new,
            "after a kill at {delay} ms, {} is neither the old site nor the new one",
            out.display()
        );
        if &now == new {
            completed += 1;
            served = next;
        } else if landed_in_write_stage(&root, new) {
            in_write += 1;
        }
    }
    eprintln!(
        "{kills} kills: {in_write} while the release was written, {completed} after the build had finished, the rest before; every time the site was the old one or the new one"
    );
    assert!(
        in_write >= want.min(5),
        "only {in_write} kills landed while writing"
    );

    // A write error (files may be at most 8 KB, and the signal is ignored so
    // the write fails instead) leaves the site as it was.
    #[cfg(unix)]
    {
        let before = tree(&out);
        let next = (served + 1) % 3;
        v.to(next);
        let status = Command::new("sh")
            .arg("-c")
            .arg("trap '' XFSZ; ulimit -f 16; exec \"$0\" build --today 2026-11-23 --root \"$1\"")
            .arg(bin())
            .arg(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(!status.success(), "the build had to fail on the size limit");
        assert_eq!(tree(&out), before, "a failed write changed the site");
        // And the next build recovers.
        full_build(&root);
        assert_eq!(tree(&out), sites[next]);
    }
    // Whatever the kills left beside the output (read cache entries, the
    // record of the last build, a half-updated release tree), builds from
    // version to version, each followed by one with nothing changed, give
    // each version's site exactly.
    for k in [0, 1, 2, 0, 2] {
        v.to(k);
        full_build(&root);
        assert_eq!(tree(&out), sites[k], "a build after the kills");
        full_build(&root);
        assert_eq!(
            tree(&out),
            sites[k],
            "a build with nothing changed after the kills"
        );
    }
}
