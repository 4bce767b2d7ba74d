//! HTTP/1.1, as much as a preview needs: a request head read with a bounded
//! size, GET and HEAD only, one request per connection (`Connection:
//! close`), and the answer to a request: a file of the site (HTML with the
//! reload script and any error overlay added), a redirect to a folder's
//! `/`, or the site's own `404.html`. Every answer says `Cache-Control:
//! no-store`.

use super::inject;
use super::path::{self, Found, Refused};
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// Largest request head read; a longer one is answered 431.
pub const MAX_HEAD: usize = 16 * 1024;

/// A request head that could not be read, or the status to refuse it with.
#[derive(Debug, PartialEq, Eq)]
pub enum Unread {
    /// The client closed or went quiet: nothing to answer.
    Gone,
    Status(u16),
}

/// Reads up to the blank line ending a request head, within `limit` (a
/// client that sends its head a byte at a time is let go).
pub fn read_head(r: &mut impl Read, limit: Duration) -> Result<Vec<u8>, Unread> {
    let start = Instant::now();
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    loop {
        if start.elapsed() > limit {
            return Err(Unread::Gone);
        }
        let n = match r.read(&mut chunk) {
            Ok(0) => return Err(Unread::Gone),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(Unread::Gone),
        };
        let from = buf.len().saturating_sub(3);
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = find_end(&buf[from..]) {
            buf.truncate(from + end);
            return Ok(buf);
        }
        if buf.len() > MAX_HEAD {
            return Err(Unread::Status(431));
        }
    }
}

fn find_end(b: &[u8]) -> Option<usize> {
    b.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4)
}

/// A request: its method and target (`path?query`).
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub head_only: bool,
    pub path: String,
    pub query: String,
}

/// The request line of a head: `GET /path?query HTTP/1.1`.
pub fn parse_head(head: &[u8]) -> Result<Request, u16> {
    let line_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    let line = std::str::from_utf8(&head[..line_end]).map_err(|_| 400u16)?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(505);
    }
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        m if !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase()) => return Err(405),
        _ => return Err(400),
    };
    if target.len() > 3 * path::MAX_PATH + 1024 {
        return Err(414);
    }
    if !target.starts_with('/') || target.bytes().any(|b| b < 0x21 || b == 0x7f) {
        return Err(400);
    }
    let target = target.split('#').next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Ok(Request {
        head_only,
        path: path.to_string(),
        query: query.to_string(),
    })
}

/// The body of an answer.
pub enum Body {
    Bytes(Vec<u8>),
    File(std::fs::File, u64),
}

pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub location: Option<String>,
    pub body: Body,
}

impl Response {
    pub fn text(status: u16, text: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: Body::Bytes(format!("{status} {}: {text}\n", reason(status)).into_bytes()),
        }
    }
}

/// What the site is, for one answer.
pub struct Snapshot {
    /// The generation pages carry in their reload script.
    pub token: String,
    /// The last build's error, when it failed.
    pub error: Option<String>,
    /// A build has succeeded since serve started.
    pub built: bool,
}

/// The answer to a request for `req.path` in the site at `site_c`.
pub fn answer(site_c: &Path, req: &Request, snap: &Snapshot) -> Response {
    if !snap.built {
        let error = snap
            .error
            .as_deref()
            .unwrap_or("the first build is running");
        return Response {
            status: 500,
            content_type: HTML,
            location: None,
            body: Body::Bytes(inject::error_page(error, &snap.token)),
        };
    }
    let segs = match path::parse(&req.path) {
        Ok(s) => s,
        Err(Refused::TooLong) => return Response::text(414, "the address is too long"),
        Err(Refused::Malformed) => return Response::text(400, "the address is malformed"),
        // Hidden files are not there, as far as a client can tell.
        Err(Refused::Hidden) => return not_found(site_c, snap),
    };
    if segs.parts.first().is_some_and(|p| p == "__kehoach") {
        return not_found(site_c, snap);
    }
    match path::resolve(site_c, &segs) {
        Found::File(p) => match file(&p, 200, snap) {
            Some(r) => r,
            None => not_found(site_c, snap),
        },
        Found::Redirect(mut to) => {
            if !req.query.is_empty() {
                to.push('?');
                to.push_str(&req.query);
            }
            Response {
                status: 302,
                content_type: "text/plain; charset=utf-8",
                body: Body::Bytes(format!("302 Found: {to}\n").into_bytes()),
                location: Some(to),
            }
        }
        Found::Missing => not_found(site_c, snap),
    }
}

/// The site's own `404.html`, with status 404.
fn not_found(site_c: &Path, snap: &Snapshot) -> Response {
    let page = path::resolve(
        site_c,
        &path::Segments {
            parts: vec!["404.html".to_string()],
            dir: false,
        },
    );
    match page {
        Found::File(p) => file(&p, 404, snap),
        _ => None,
    }
    .unwrap_or_else(|| Response::text(404, "no such page in the site"))
}

const HTML: &str = "text/html; charset=utf-8";

/// A file of the site; HTML gets the reload script (and the overlay).
fn file(p: &Path, status: u16, snap: &Snapshot) -> Option<Response> {
    let content_type = content_type(p);
    if content_type == HTML {
        let html = std::fs::read(p).ok()?;
        let mut snippet = String::new();
        if let Some(e) = &snap.error {
            snippet.push_str(&inject::overlay(e, false));
        }
        snippet.push_str(&inject::script(&snap.token));
        return Some(Response {
            status,
            content_type,
            location: None,
            body: Body::Bytes(inject::inject(&html, &snippet)),
        });
    }
    let f = std::fs::File::open(p).ok()?;
    let len = f.metadata().ok()?.len();
    Some(Response {
        status,
        content_type,
        location: None,
        body: Body::File(f, len),
    })
}

/// The Content-Type of a file, by its extension.
pub fn content_type(p: &Path) -> &'static str {
    let ext = p
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => HTML,
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

/// Writes `r` (its head only, for HEAD).
pub fn write(w: &mut impl Write, r: Response, head_only: bool) -> io::Result<()> {
    let len = match &r.body {
        Body::Bytes(b) => b.len() as u64,
        Body::File(_, len) => *len,
    };
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {len}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        r.status,
        reason(r.status),
        r.content_type
    );
    if r.status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    if let Some(to) = &r.location {
        head.push_str(&format!("Location: {to}\r\n"));
    }
    head.push_str("\r\n");
    let mut w = io::BufWriter::with_capacity(64 * 1024, w);
    w.write_all(head.as_bytes())?;
    if !head_only {
        match r.body {
            Body::Bytes(b) => w.write_all(&b)?,
            Body::File(f, len) => {
                io::copy(&mut f.take(len), &mut w)?;
            }
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines() {
        let check = |head: &str, expected: Result<(&str, &str, bool), u16>| {
            let got = parse_head(head.as_bytes());
            let got = got
                .as_ref()
                .map(|r| (r.path.as_str(), r.query.as_str(), r.head_only))
                .map_err(|e| *e);
            assert_eq!(got, expected, "{head:?}");
        };
        check("GET / HTTP/1.1\r\n\r\n", Ok(("/", "", false)));
        check("HEAD /a/?x=1 HTTP/1.0\r\n\r\n", Ok(("/a/", "x=1", true)));
        check("GET /a#frag HTTP/1.1\r\n\r\n", Ok(("/a", "", false)));
        check("POST / HTTP/1.1\r\n\r\n", Err(405));
        check("DELETE / HTTP/1.1\r\n\r\n", Err(405));
        check("get / HTTP/1.1\r\n\r\n", Err(400));
        check("GET / HTTP/2\r\n\r\n", Err(505));
        check("GET http://x/ HTTP/1.1\r\n\r\n", Err(400));
        check("GET * HTTP/1.1\r\n\r\n", Err(400));
        check("GET  / HTTP/1.1\r\n\r\n", Err(400));
        check("GET /\x01 HTTP/1.1\r\n\r\n", Err(400));
        check("GET /\r\n\r\n", Err(400));
        check("\r\n\r\n", Err(400));
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(8000));
        check(&long, Err(414));
    }

    #[test]
    fn heads_are_bounded() {
        let read = |bytes: Vec<u8>| read_head(&mut io::Cursor::new(bytes), Duration::from_secs(5));
        assert_eq!(
            read(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nBODY".to_vec()).unwrap(),
            b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"
        );
        assert_eq!(read(b"GET / HTTP/1.1\r\n".to_vec()), Err(Unread::Gone));
        let mut big = b"GET / HTTP/1.1\r\n".to_vec();
        big.extend(std::iter::repeat_n(b'a', MAX_HEAD + 10));
        assert_eq!(read(big), Err(Unread::Status(431)));
    }

    #[test]
    fn content_types() {
        let check = |name: &str, expected: &str| {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        };
        check("a/index.html", "text/html; charset=utf-8");
        check("style.css", "text/css; charset=utf-8");
        check("search.js", "text/javascript; charset=utf-8");
        check("data/graph.json", "application/json");
        check("feed.xml", "application/xml");
        check("lich.ics", "text/calendar; charset=utf-8");
        check("a.SVG", "image/svg+xml");
        check("a.png", "image/png");
        check("a.JPG", "image/jpeg");
        check("a.pdf", "application/pdf");
        check("robots.txt", "text/plain; charset=utf-8");
        check("f.woff2", "font/woff2");
        check("a.xlsx", "application/octet-stream");
        check("noext", "application/octet-stream");
    }
}
