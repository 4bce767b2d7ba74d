//! The listener: a thread per connection (at most [`MAX_CONNECTIONS`] at
//! once; more are answered 503), read and write timeouts, and the
//! Server-Sent Events stream that tells open pages to reload.

use super::http::{self, Response, Unread};
use super::inject::EVENTS;
use super::{Shared, Status};
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// Connections served at once (event streams included).
pub const MAX_CONNECTIONS: usize = 512;
const IO_TIMEOUT: Duration = Duration::from_secs(10);
/// How often an idle event stream sends a comment (so a closed client is
/// noticed and proxies keep it open).
const PING: Duration = Duration::from_secs(15);

/// Accepts connections until `shared` says stop; each gets its thread.
pub fn accept(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.lock().stopping {
            break;
        }
        let Ok(stream) = stream else {
            // Out of descriptors and the like: wait a little, go on.
            std::thread::sleep(Duration::from_millis(20));
            continue;
        };
        if shared.connections.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
            refuse(stream);
            continue;
        }
        let sh = shared.clone();
        let spawned = std::thread::Builder::new()
            .name("kehoach-serve-conn".into())
            .spawn(move || {
                connection(stream, &sh);
                sh.connections.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            shared.connections.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Wakes [`accept`] (blocked in `accept`) so it sees the stop.
pub fn wake(addr: SocketAddr) {
    let mut to = addr;
    if to.ip().is_unspecified() {
        to.set_ip(match addr {
            SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let _ = TcpStream::connect_timeout(&to, Duration::from_secs(1));
}

fn refuse(mut stream: TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = http::write(
        &mut stream,
        Response::text(503, "too many connections at once; try again"),
        false,
    );
}

fn connection(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(IO_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let head = match http::read_head(&mut stream, IO_TIMEOUT) {
        Ok(h) => h,
        Err(Unread::Gone) => return,
        Err(Unread::Status(s)) => {
            let _ = http::write(&mut stream, Response::text(s, "request refused"), false);
            return close(stream);
        }
    };
    let req = match http::parse_head(&head) {
        Ok(r) => r,
        Err(s) => {
            let _ = http::write(&mut stream, Response::text(s, "request refused"), false);
            return close(stream);
        }
    };
    if req.path == EVENTS {
        if req.head_only {
            let r = Response {
                status: 200,
                content_type: "text/event-stream",
                location: None,
                body: http::Body::Bytes(Vec::new()),
            };
            let _ = http::write(&mut stream, r, true);
            return close(stream);
        }
        return events(&mut stream, shared, &req.query);
    }
    let snap = shared.snapshot();
    let r = http::answer(&shared.site_c, &req, &snap);
    let _ = http::write(&mut stream, r, req.head_only);
    close(stream);
}

/// Ends the answer so the client reads all of it: no more writing, then
/// what the client still sends is read (briefly) and dropped.
fn close(mut stream: TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 4096];
    let mut left: usize = 64 * 1024;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// The event stream: `reload` as soon as the site's generation is not the
/// one the page was served with (`v=` of the query) — at once when the page
/// is already older — then at every later build; a comment every [`PING`].
fn events(stream: &mut TcpStream, shared: &Shared, query: &str) {
    let client = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("v="))
        .map(str::to_string);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut seen = client.unwrap_or_else(|| shared.snapshot().token);
    loop {
        let (token, stopping) = {
            let deadline = Instant::now() + PING;
            let mut st = shared.lock();
            loop {
                let now = Instant::now();
                if st.stopping || shared.token(&st) != seen || now >= deadline {
                    break;
                }
                st = shared
                    .changed
                    .wait_timeout(st, deadline - now)
                    .map(|(g, _)| g)
                    .unwrap_or_else(|e| e.into_inner().0);
            }
            (shared.token(&st), st.stopping)
        };
        if stopping {
            return;
        }
        let msg = if token != seen {
            seen = token.clone();
            format!("event: reload\ndata: {token}\n\n")
        } else {
            ": ping\n\n".to_string()
        };
        if stream.write_all(msg.as_bytes()).is_err() || stream.flush().is_err() {
            return;
        }
    }
}

impl Shared {
    pub(super) fn lock(&self) -> std::sync::MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn snapshot(&self) -> http::Snapshot {
        let st = self.lock();
        http::Snapshot {
            token: self.token(&st),
            error: st.error.clone(),
            built: st.built,
        }
    }

    pub(super) fn token(&self, st: &Status) -> String {
        format!("{:x}-{}", self.session, st.generation)
    }
}
