//! `kehoach serve` end to end: the example site copied into a temporary
//! folder, served in-process on 127.0.0.1:0, edited on disk, and read with
//! real HTTP clients (ureq, and raw sockets for the event stream and for
//! addresses a client library would tidy up).

mod common;

use kehoach::serve::{self, Handle, ServeOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const PLAN: &str = "content/plans/ttxvn/266-kh-du-2022.md";
const PLAN_URL: &str = "/van-ban/ttxvn/266-kh-du-2022/";
/// A secret plan: kept out of the site by its front matter.
const SECRET_WORD: &str = "Bíẩnmậtxyz";
const SECRET_URL: &str = "/van-ban/ttxvn/mat-2026/";

/// The example site (config, content, themes) in a temporary folder.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    let repo = common::repo();
    std::fs::copy(repo.join("config.toml"), root.join("config.toml")).unwrap();
    common::copy_dir(&repo.join("content"), &root.join("content"));
    common::copy_dir(&repo.join("themes"), &root.join("themes"));
    (dir, root)
}

fn start(root: &Path, out: Option<PathBuf>) -> Handle {
    serve::start(ServeOptions {
        root: root.to_path_buf(),
        out,
        bind: "127.0.0.1".into(),
        port: 0,
        poll: false,
        today: kehoach::date::Date::parse_iso("2026-11-23"),
        drafts: false,
        debounce: Duration::from_millis(100),
        log: false,
    })
    .unwrap()
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(15)))
        .build()
        .into()
}

/// GET with ureq: status and body.
fn get(agent: &ureq::Agent, h: &Handle, path: &str) -> (u16, String) {
    let mut r = agent
        .get(format!("http://{}{path}", h.addr()))
        .call()
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = r.status().as_u16();
    (status, r.body_mut().read_to_string().unwrap_or_default())
}

/// A request written byte for byte, as no client library would send it:
/// status line and whole answer.
fn raw(addr: SocketAddr, request: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let text = String::from_utf8_lossy(&out).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn raw_get(addr: SocketAddr, target: &str) -> (u16, String) {
    raw(
        addr,
        &format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
    )
}

/// The generation a page was served with (its reload script's token).
fn token(html: &str) -> String {
    let at = html
        .find("encodeURIComponent(\"")
        .unwrap_or_else(|| panic!("no reload script in {html}"))
        + "encodeURIComponent(\"".len();
    html[at..].split('"').next().unwrap().to_string()
}

/// An open event stream.
struct Events {
    r: BufReader<TcpStream>,
}

impl Events {
    fn open(addr: SocketAddr, token: &str) -> Events {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(
            format!("GET /__kehoach/events?v={token} HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut r = BufReader::new(s);
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        loop {
            line.clear();
            r.read_line(&mut line).unwrap();
            if line.to_ascii_lowercase().starts_with("content-type") {
                assert!(line.contains("text/event-stream"), "{line}");
            }
            if line == "\r\n" {
                break;
            }
        }
        Events { r }
    }

    /// The token of the next `reload` event.
    fn reload(&mut self) -> String {
        let mut line = String::new();
        let mut reload = false;
        loop {
            line.clear();
            let n = self.r.read_line(&mut line).expect("a reload event in time");
            assert!(n > 0, "the event stream ended");
            if line.trim_end() == "event: reload" {
                reload = true;
            } else if reload && let Some(d) = line.trim_end().strip_prefix("data: ") {
                return d.to_string();
            }
        }
    }

    /// Whether the stream ends (the server closed it) within `d`.
    fn ends_within(mut self, d: Duration) -> bool {
        self.r.get_mut().set_read_timeout(Some(d)).unwrap();
        let mut rest = Vec::new();
        self.r.read_to_end(&mut rest).is_ok()
    }
}

fn edit(root: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, f(text)).unwrap();
}

fn wait_until(what: &str, limit: Duration, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serves_rebuilds_reloads_and_shows_errors() {
    let (dir, root) = site();
    std::fs::write(
        root.join("content/plans/ttxvn/mat-2026.md"),
        format!(
            "+++\nnumber = \"99-KH/ĐU\"\ndate = \"2026-01-05\"\nsecurity = \"mật\"\n+++\nKẾ HOẠCH\n\n{SECRET_WORD} về công tác bảo vệ.\n"
        ),
    )
    .unwrap();
    let out = dir.path().join("preview");
    let h = start(&root, Some(out.clone()));
    let a = agent();
    assert_eq!(h.builds(), 1);

    // The home page carries the reload script; the file on disk does not.
    let (status, home) = get(&a, &h, "/");
    assert_eq!(status, 200);
    assert!(home.contains("/__kehoach/events"), "{home}");
    let on_disk = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!on_disk.contains("__kehoach") && !on_disk.contains("EventSource"));
    let (status, page) = get(&a, &h, PLAN_URL);
    assert_eq!(status, 200);
    assert!(!page.contains("Chimcánhcụt"));
    // A build reads the sources, and reading is no change: no build follows
    // by itself (the debounce is 100 ms; a build takes well under a second).
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(h.builds(), 1, "a build caused another");

    // An edit: an event arrives, then the page shows the new word.
    let mut ev = Events::open(h.addr(), &token(&page));
    edit(&root, PLAN, |t| format!("{t}\nChimcánhcụt bay qua.\n"));
    let t1 = ev.reload();
    let (_, page) = get(&a, &h, PLAN_URL);
    assert!(page.contains("Chimcánhcụt"), "the edit is not shown");
    assert_eq!(token(&page), t1);
    assert!(!page.contains("kehoach-serve-error"));

    // A page served before a build, whose events stream opens after it,
    // is told to reload at once.
    let mut late = Events::open(h.addr(), &token(&home));
    assert_eq!(late.reload(), t1);

    // Broken front matter: the last good site stays, with the error over it.
    let broken = "content/plans/ttxvn/hong.md";
    std::fs::write(
        root.join(broken),
        "+++\nnumber = \"7-KH/ĐU\"\ntitle = [\n+++\nKẾ HOẠCH\n\n<script>alert(1)</script>\n",
    )
    .unwrap();
    let t2 = ev.reload();
    assert_ne!(t2, t1);
    for path in [PLAN_URL, "/", "/no-such-page"] {
        let (_, page) = get(&a, &h, path);
        assert!(page.contains("kehoach-serve-error"), "no overlay on {path}");
        assert!(
            page.contains("content/plans/ttxvn/hong.md:3: error: front matter"),
            "the overlay does not name the file and line: {page}"
        );
    }
    let (status, page) = get(&a, &h, PLAN_URL);
    assert_eq!(status, 200);
    assert!(
        page.contains("Chimcánhcụt"),
        "the last good page is not served"
    );

    // Fixed: a reload, and the overlay is gone.
    std::fs::write(
        root.join(broken),
        "+++\nnumber = \"7-KH/ĐU\"\ndate = \"2023-02-01\"\n+++\nKẾ HOẠCH\n\nSửa xong.\n",
    )
    .unwrap();
    let t3 = ev.reload();
    assert_ne!(t3, t2);
    let (status, page) = get(&a, &h, PLAN_URL);
    assert_eq!(status, 200);
    assert!(!page.contains("kehoach-serve-error"), "the overlay stayed");

    // The withheld plan is at no address, and in no file served.
    for path in [
        SECRET_URL,
        "/van-ban/ttxvn/mat-2026/index.html",
        "/content/plans/ttxvn/mat-2026.md",
    ] {
        let (status, body) = get(&a, &h, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains(SECRET_WORD), "{path}");
    }
    for (path, bytes) in common::snapshot(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET_WORD)
                && !String::from_utf8_lossy(&bytes).contains("99-KH/ĐU"),
            "{path} shows the withheld plan"
        );
    }

    // Nothing outside the site is answered.
    let secret = dir.path().join("outside.txt");
    std::fs::write(&secret, "OUTSIDE-SECRET").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, out.join("leak.txt")).unwrap();
    for target in [
        "/leak.txt",
        "/../outside.txt",
        "/../../../../../../etc/passwd",
        "/%2e%2e/outside.txt",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/",
        "/style.css/..%2f..%2f..%2foutside.txt",
        "/.kehoach-release",
        "/%2ekehoach-release",
        "/a%00b",
        "/a\\..\\outside.txt",
    ] {
        let (status, body) = raw_get(h.addr(), target);
        assert!(
            matches!(status, 400 | 404),
            "{target} answered {status}: {body}"
        );
        assert!(
            !body.contains("OUTSIDE-SECRET")
                && !body.contains("root:")
                && !body.contains("kehoach release"),
            "{target} leaked: {body}"
        );
    }
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    assert_eq!(raw(h.addr(), &huge).0, 431);
    let (status, _) = raw(h.addr(), "POST / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(status, 405);
    let (status, text) = raw(h.addr(), "HEAD /style.css HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(status, 200);
    assert!(text.contains("Content-Type: text/css") && text.ends_with("\r\n\r\n"));
    let (status, text) = raw_get(h.addr(), "/van-ban");
    assert_eq!(status, 302);
    assert!(text.contains("Location: /van-ban/\r\n"), "{text}");

    // Load during a rebuild: 50 clients, at least 20 requests each, until
    // the build is done.
    let before = h.generation();
    edit(&root, PLAN, |t| format!("{t}\nThêm một dòng.\n"));
    let cases: &[(&str, u16)] = &[
        ("/", 200),
        ("/style.css", 200),
        ("/van-ban/", 200),
        ("/van-ban", 302),
        ("/khong-co/", 404),
        (PLAN_URL, 200),
    ];
    let deadline = Instant::now() + Duration::from_secs(30);
    let done = std::thread::scope(|s| {
        let threads: Vec<_> = (0..50)
            .map(|i| {
                let h = &h;
                s.spawn(move || {
                    let a = agent();
                    let mut n = 0usize;
                    while n < 20 || (h.generation() == before && Instant::now() < deadline) {
                        let (path, want) = cases[(i + n) % cases.len()];
                        let (status, body) = get(&a, h, path);
                        assert_eq!(status, want, "{path}");
                        if want == 200 && path.ends_with('/') {
                            assert!(body.contains("</html>"), "{path}: a cut page");
                        }
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap())
            .sum::<usize>()
    });
    assert!(done >= 1000);
    assert_ne!(h.generation(), before, "the rebuild did not finish in time");

    // Shutdown ends the event streams.
    drop(late);
    h.shutdown();
    assert!(ev.ends_within(Duration::from_secs(5)));
}

#[test]
fn a_first_build_that_fails_serves_its_error_everywhere() {
    let (dir, root) = site();
    let broken = root.join("content/bodies.toml");
    let good = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(&broken, format!("{good}\n[[body]\nid = \"x\"\n")).unwrap();
    let h = start(&root, Some(dir.path().join("out")));
    let a = agent();
    let before = h.generation();
    for path in ["/", "/style.css", "/van-ban/"] {
        let (status, page) = get(&a, &h, path);
        assert_eq!(status, 500, "{path}");
        assert!(page.contains("kehoach-serve-error"), "{path}: {page}");
        assert!(page.contains("bodies.toml"), "{path}: {page}");
    }
    std::fs::write(&broken, good).unwrap();
    wait_until("the fixed build", Duration::from_secs(20), || {
        h.generation() != before
    });
    let (status, page) = get(&a, &h, "/");
    assert_eq!(status, 200);
    assert!(!page.contains("kehoach-serve-error"));
    h.shutdown();
}

#[test]
fn the_binary_prints_its_address_and_answers() {
    let (_dir, root) = site();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["serve", "--port", "0", "--today", "2026-11-23", "--root"])
        .arg(&root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stdout = child.stdout.take().unwrap();
    let mut child = Kill(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("serve printed its address");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let folder = line
        .split("site built in ")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("no folder in {line:?}"));
    assert!(
        folder.starts_with(std::env::temp_dir()) && !folder.starts_with(&root),
        "{line}"
    );
    let mut r = agent().get(url).call().unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.body_mut()
            .read_to_string()
            .unwrap()
            .contains("__kehoach/events")
    );
    let _ = child.0.kill();
    let _ = child.0.wait();
    drop(child);
    if let Some(parent) = folder.parent() {
        let _ = std::fs::remove_dir_all(parent);
    }
}
