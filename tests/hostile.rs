//! The corpus of malformed and hostile inputs (tests/hostile/cases.toml):
//! each case is built as a site of its own and must give its expected
//! outcome — an error naming file and line, a warning, or a clean build —
//! with no panic, no read outside the site root (a canary file beside it
//! never reaches the output) and no write outside --out (and the folders
//! publishing and the read cache keep beside it).

mod common;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

const CANARY: &str = "CANARY-OUTSIDE-7f3a91";

#[derive(serde::Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    files: BTreeMap<String, String>,
    #[serde(default)]
    links: BTreeMap<String, String>,
    expect: String,
    file: Option<String>,
    line: Option<usize>,
    message: Option<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    present: Vec<String>,
    out: Option<String>,
    today: Option<String>,
    seconds: Option<u64>,
    /// Look for `absent`/`present` only in files ending so (".html").
    only: Option<String>,
}

/// Expands the corpus shorthand: `@REPEAT:text:N` (text N times, `@N` the
/// index), `@BYTES:hex` (raw bytes); `@NONE` writes no file.
fn expand(s: &str) -> Option<Vec<u8>> {
    if s == "@NONE" {
        return None;
    }
    if let Some(hex) = s.strip_prefix("@BYTES:") {
        return Some(
            (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect(),
        );
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find("@REPEAT:") {
        out.push_str(&rest[..p]);
        let body = &rest[p + "@REPEAT:".len()..];
        let (sep, n) = body
            .match_indices(':')
            .find_map(|(i, _)| {
                let digits: String = body[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit())
                    .collect();
                (!digits.is_empty()).then_some((i, digits))
            })
            .expect("@REPEAT:text:N");
        let text = &body[..sep];
        for k in 0..n.parse::<usize>().unwrap() {
            out.push_str(&text.replace("@N", &k.to_string()));
        }
        rest = &body[sep + 1 + n.len()..];
    }
    out.push_str(rest);
    Some(out.into_bytes())
}

/// Every file under `dir` (relative path → bytes), skipping `skip`.
fn files_under(dir: &Path, skip: &[PathBuf]) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| !skip.iter().any(|s| e.path().starts_with(s)))
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path())
                    .unwrap_or_else(|err| format!("unreadable: {err}").into_bytes()),
            )
        })
        .collect()
}

fn run(case: &Case) -> Result<(), String> {
    let tmp = tempfile::tempdir().unwrap();
    let base = tmp.path();
    let site = base.join("site");
    let outside = base.join("outside");
    if case.files.keys().any(|p| p.starts_with("content/plans/")) {
        std::fs::create_dir_all(site.join("content/plans")).unwrap();
    }
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(outside.join("secret.txt"), format!("{CANARY}\n")).unwrap();
    std::fs::write(
        outside.join("bodies.toml"),
        format!("[[body]]\nid = \"x\"\nname = \"{CANARY}\"\n"),
    )
    .unwrap();
    if !case.files.contains_key("config.toml") {
        std::fs::write(site.join("config.toml"), "title = \"Thử\"\n").unwrap();
    }
    for (path, text) in &case.files {
        if let Some(bytes) = expand(text) {
            let p = site.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
    }
    for (link, target) in &case.links {
        let l = base.join(link);
        std::fs::create_dir_all(l.parent().unwrap()).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(base.join(target), &l).unwrap();
    }
    let out = match case.out.as_deref().unwrap_or("public") {
        "root" => site.clone(),
        "content" => site.join("content/public"),
        "above" => base.to_path_buf(),
        "existing" => {
            let o = base.join("docs");
            std::fs::create_dir_all(&o).unwrap();
            std::fs::write(o.join("thesis.odt"), "not a site").unwrap();
            o
        }
        other => site.join(other),
    };
    let beside: Vec<PathBuf> = [
        out.clone(),
        site.join(".public.prev"),
        site.join(".public.lock"),
        site.join(".public.trash"),
        site.join(".public.cache"),
    ]
    .into();
    let before = files_under(base, &beside);
    let opts = kehoach::build::Options {
        root: site.clone(),
        out: out.clone(),
        today: kehoach::date::Date::parse_iso_any(case.today.as_deref().unwrap_or("2026-11-23")),
        drafts: false,
        commit: None,
        read_cache: true,
    };
    let t = Instant::now();
    let result = std::panic::catch_unwind(|| kehoach::build::build(&opts))
        .map_err(|_| "panicked".to_string())?;
    let took = t.elapsed();
    if let Some(s) = case.seconds
        && took.as_secs() > s
    {
        return Err(format!("took {took:?}, over {s} s"));
    }
    // Nothing outside --out was written or removed.
    if case.out.is_none() || case.expect != "error" {
        let after = files_under(base, &beside);
        if before != after {
            let changed: Vec<_> = before
                .keys()
                .chain(after.keys())
                .filter(|k| before.get(*k) != after.get(*k))
                .collect();
            return Err(format!("files outside --out changed: {changed:?}"));
        }
    }
    let site_files = if out.join(".kehoach-release").is_file() {
        files_under(&out, &[])
    } else {
        BTreeMap::new()
    };
    let find = |needle: &str| {
        site_files
            .iter()
            .filter(|(p, _)| {
                needle == CANARY
                    || case
                        .only
                        .as_ref()
                        .is_none_or(|ext| p.to_string_lossy().ends_with(ext.as_str()))
            })
            .find(|(_, b)| {
                b.windows(needle.len().max(1))
                    .any(|w| w == needle.as_bytes())
            })
            .map(|(p, _)| p.display().to_string())
    };
    if let Some(p) = find(CANARY) {
        return Err(format!("a file outside the site was read into {p}"));
    }
    for a in &case.absent {
        if let Some(p) = find(a) {
            return Err(format!("{a:?} is in the output ({p})"));
        }
    }
    for p in &case.present {
        if find(p).is_none() {
            return Err(format!("{p:?} is not in the output"));
        }
    }
    let place = match (&case.file, case.line) {
        (Some(f), Some(l)) => Some(format!("{f}:{l}:")),
        (Some(f), None) => Some(f.clone()),
        _ => None,
    };
    match (case.expect.as_str(), result) {
        ("error", Ok(_)) => Err("built, but an error was expected".into()),
        ("error", Err(e)) => {
            let msg = format!("{e:#}");
            if let Some(p) = &place
                && !msg.contains(p.as_str())
            {
                return Err(format!("the error does not name {p}: {msg}"));
            }
            if let Some(m) = &case.message
                && !msg.contains(m.as_str())
            {
                return Err(format!("the error does not say {m:?}: {msg}"));
            }
            Ok(())
        }
        (_, Err(e)) => Err(format!("failed: {e:#}")),
        ("warning", Ok(r)) => {
            let all: Vec<String> = r.warnings.iter().map(|w| w.to_string()).collect();
            let hit = all.iter().any(|w| {
                place.as_ref().is_none_or(|p| w.contains(p.as_str()))
                    && case.message.as_ref().is_none_or(|m| w.contains(m.as_str()))
            });
            if hit {
                Ok(())
            } else {
                Err(format!(
                    "no warning at {place:?} saying {:?}: {all:#?}",
                    case.message
                ))
            }
        }
        ("clean", Ok(_)) => Ok(()),
        (other, _) => Err(format!("unknown expectation {other:?}")),
    }
}

#[test]
fn every_hostile_input_gives_its_expected_outcome() {
    let text = std::fs::read_to_string(common::repo().join("tests/hostile/cases.toml")).unwrap();
    let cases: Cases = toml::from_str(&text).unwrap();
    assert!(
        cases.case.len() >= 60,
        "the corpus holds {} cases",
        cases.case.len()
    );
    let failures: Vec<String> = cases
        .case
        .iter()
        .filter_map(|c| run(c).err().map(|e| format!("{}: {e}", c.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.case.len(),
        failures.join("\n")
    );
}
