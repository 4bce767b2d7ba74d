//! Request path → file of the built site. Nothing outside the output
//! folder is ever answered: the path is percent-decoded (invalid UTF-8, NUL
//! and backslash refused), every segment that is `..` or starts with `.` is
//! refused (so are the release manifests), and the file found is
//! canonicalised and must lie inside the canonical output folder, which
//! defeats symbolic links out of the site.

use std::path::{Path, PathBuf};

/// Longest request path (decoded) answered; longer ones are refused.
pub const MAX_PATH: usize = 2048;
/// Longest segment: what file systems allow in one name.
const MAX_SEGMENT: usize = 255;

/// A request path split into its decoded segments.
#[derive(Debug, PartialEq, Eq)]
pub struct Segments {
    pub parts: Vec<String>,
    /// The path ended with `/`: a folder is meant.
    pub dir: bool,
}

impl Segments {
    /// The canonical address of these segments, each percent-encoded
    /// (never `//`, so a redirect to it never leaves the host).
    pub fn address(&self) -> String {
        let mut s = String::from("/");
        for (i, p) in self.parts.iter().enumerate() {
            if i > 0 {
                s.push('/');
            }
            s.push_str(&encode(p));
        }
        if self.dir && !self.parts.is_empty() {
            s.push('/');
        }
        s
    }
}

/// Why a path is refused.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Refused {
    /// Not starting with `/`, a bad `%` escape, not UTF-8, NUL, backslash
    /// or another control character.
    Malformed,
    /// A `.` or `..` segment or one starting with `.`.
    Hidden,
    TooLong,
}

/// Decodes and checks a request path (the part before `?`).
pub fn parse(raw: &str) -> Result<Segments, Refused> {
    if !raw.starts_with('/') {
        return Err(Refused::Malformed);
    }
    if raw.len() > MAX_PATH * 3 {
        return Err(Refused::TooLong);
    }
    let bytes = decode(raw.as_bytes()).ok_or(Refused::Malformed)?;
    if bytes.len() > MAX_PATH {
        return Err(Refused::TooLong);
    }
    let text = String::from_utf8(bytes).map_err(|_| Refused::Malformed)?;
    if text.chars().any(|c| c == '\\' || c.is_control()) {
        return Err(Refused::Malformed);
    }
    let mut parts = Vec::new();
    for seg in text.split('/').filter(|s| !s.is_empty()) {
        if seg.starts_with('.') {
            return Err(Refused::Hidden);
        }
        if seg.len() > MAX_SEGMENT {
            return Err(Refused::TooLong);
        }
        parts.push(seg.to_string());
    }
    Ok(Segments {
        dir: text.ends_with('/'),
        parts,
    })
}

fn decode(raw: &[u8]) -> Option<Vec<u8>> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%' {
            let hi = hex(*raw.get(i + 1)?)?;
            let lo = hex(*raw.get(i + 2)?)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    Some(out)
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What a checked path leads to in the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// A file inside the site (canonical path).
    File(PathBuf),
    /// A folder asked for without its `/`: the address to send the client to.
    Redirect(String),
    Missing,
}

/// Finds `segs` in the site whose canonical folder is `site_c`.
pub fn resolve(site_c: &Path, segs: &Segments) -> Found {
    let mut joined = site_c.to_path_buf();
    joined.extend(&segs.parts);
    let Some(c) = inside(site_c, &joined) else {
        return Found::Missing;
    };
    if c.is_dir() {
        if !segs.dir && !segs.parts.is_empty() {
            return Found::Redirect(
                Segments {
                    parts: segs.parts.clone(),
                    dir: true,
                }
                .address(),
            );
        }
        return match inside(site_c, &c.join("index.html")) {
            Some(index) if index.is_file() => Found::File(index),
            _ => Found::Missing,
        };
    }
    if segs.dir || !c.is_file() {
        return Found::Missing;
    }
    Found::File(c)
}

/// `p` canonicalised, when it exists and lies inside `site_c`.
fn inside(site_c: &Path, p: &Path) -> Option<PathBuf> {
    p.canonicalize().ok().filter(|c| c.starts_with(site_c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `expected`: the canonical address of what is answered, or the reason
    /// it is refused.
    fn check(input: &str, expected: Result<&str, Refused>) {
        let got = parse(input).map(|s| s.address());
        assert_eq!(got.as_deref(), expected.as_deref(), "{input:?}");
    }

    #[test]
    fn paths_are_decoded_and_checked() {
        use Refused::*;
        let long = format!("/{}", "a/".repeat(MAX_PATH));
        let long_seg = format!("/{}", "a".repeat(300));
        let cases: Vec<(&str, Result<&str, Refused>)> = vec![
            ("/", Ok("/")),
            ("/a/", Ok("/a/")),
            ("/a", Ok("/a")),
            ("//a//b", Ok("/a/b")),
            ("/a/index.html", Ok("/a/index.html")),
            ("/../etc/passwd", Err(Hidden)),
            ("/%2e%2e/%2e%2e/etc/passwd", Err(Hidden)),
            ("/%2E%2E/", Err(Hidden)),
            ("/a/..%2fb", Err(Hidden)),
            ("/a/%2e", Err(Hidden)),
            ("/a/.", Err(Hidden)),
            ("/.kehoach-release", Err(Hidden)),
            ("/%2ekehoach-release", Err(Hidden)),
            ("/a/.git/config", Err(Hidden)),
            ("/a%00b", Err(Malformed)),
            ("/a\\b", Err(Malformed)),
            ("/a%5c..%5cb", Err(Malformed)),
            ("/a%0d%0aSet-Cookie:x", Err(Malformed)),
            ("/%ff%fe", Err(Malformed)),
            ("/%c0%ae%c0%ae/", Err(Malformed)),
            ("/a%2", Err(Malformed)),
            ("/a%zz", Err(Malformed)),
            ("a/b", Err(Malformed)),
            ("", Err(Malformed)),
            (long.as_str(), Err(TooLong)),
            (long_seg.as_str(), Err(TooLong)),
            ("/v%C4%83n-b%E1%BA%A3n/", Ok("/v%C4%83n-b%E1%BA%A3n/")),
            ("/văn-bản/", Ok("/v%C4%83n-b%E1%BA%A3n/")),
            ("/a%20b", Ok("/a%20b")),
            ("/a%2fb/", Ok("/a/b/")),
        ];
        for (input, expected) in cases {
            check(input, expected);
        }
    }

    #[test]
    fn resolution_stays_in_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("a/b")).unwrap();
        std::fs::create_dir_all(site.join("empty")).unwrap();
        std::fs::write(site.join("index.html"), "home").unwrap();
        std::fs::write(site.join("a/index.html"), "a").unwrap();
        std::fs::write(site.join("a/b/x.css"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("leak.txt"))
                .unwrap();
            std::os::unix::fs::symlink(dir.path(), site.join("up")).unwrap();
        }
        let site_c = site.canonicalize().unwrap();
        let check = |input: &str, expected: &str| {
            let got = match resolve(&site_c, &parse(input).unwrap()) {
                Found::File(p) => format!(
                    "file {}",
                    p.strip_prefix(&site_c).unwrap().to_string_lossy()
                ),
                Found::Redirect(to) => format!("redirect {to}"),
                Found::Missing => "missing".to_string(),
            };
            assert_eq!(got, expected, "{input:?}");
        };
        check("/", "file index.html");
        check("/a/", "file a/index.html");
        check("/a", "redirect /a/");
        check("/a/b/", "missing");
        check("/empty", "redirect /empty/");
        check("/a/b/x.css", "file a/b/x.css");
        check("/a/b/x.css/", "missing");
        check("/nope", "missing");
        check("/leak.txt", "missing");
        check("/up/secret.txt", "missing");
        check("/up/", "missing");
        // Through a link, but to a file of the site: answered.
        check("/up/site/index.html", "file index.html");
    }
}
