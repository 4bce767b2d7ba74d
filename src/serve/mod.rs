//! `kehoach serve`: build the site, serve it on loopback, rebuild on every
//! change of the sources and reload the open pages.
//!
//! One builder thread runs builds one at a time, each from what the last one
//! left ([`crate::warm`]): when the watcher says only documents' texts
//! changed, only their pages and search shards are made again; else a
//! whole build runs, parsing only the sources whose text changed
//! ([`crate::memo`]). Changes that arrive during a build cause one more
//! build after it.
//! Publishing swaps the output folder whole, so a request always sees one
//! complete site. Only after `build` returned does the generation change;
//! the reload script of every served page carries the generation it was
//! served with, and the event stream ([`inject::EVENTS`]) tells the page
//! to reload when the server's differs. A failed build keeps the last good
//! site served, with its error over every page.
//!
//! The preview goes to a folder of its own under the temporary folder (it
//! may show drafts), never to `<root>/public`, unless `--out` says where.

pub mod http;
pub mod inject;
pub mod path;
mod server;
pub mod watch;

use crate::build::Options;
use crate::date::Date;
use anyhow::{Context, Result, bail};
use std::collections::{BTreeSet, HashSet};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// `kehoach serve`'s arguments.
#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Site root: the folder holding config.toml and content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output folder (default: a folder of this site under the temporary
    /// folder; never <root>/public, since a preview may show drafts).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on (the default answers this machine only).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Look for changes by polling (network and container file systems).
    #[arg(long)]
    pub poll: bool,
    /// Build date YYYY-MM-DD (default: the latest source change).
    #[arg(long)]
    pub today: Option<String>,
    /// Include documents and items marked draft = true.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the web browser.
    #[arg(long)]
    pub open: bool,
}

/// Options of a preview server.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// None: [`default_out`].
    pub out: Option<PathBuf>,
    pub bind: String,
    pub port: u16,
    pub poll: bool,
    pub today: Option<Date>,
    pub drafts: bool,
    /// How long the sources must be quiet before a build starts.
    pub debounce: Duration,
    /// Print each build's result on stderr.
    pub log: bool,
}

impl ServeOptions {
    pub fn from_args(a: &ServeArgs) -> Result<ServeOptions> {
        Ok(ServeOptions {
            root: a.root.clone(),
            out: a.out.clone(),
            bind: a.bind.clone(),
            port: a.port,
            poll: a.poll,
            today: a.today.as_deref().map(parse_today).transpose()?,
            drafts: a.drafts,
            // Editors save in a few events within a millisecond or two.
            debounce: Duration::from_millis(30),
            log: true,
        })
    }
}

fn parse_today(t: &str) -> Result<Date> {
    crate::date::parse_arg("--today", t)
}

/// The preview's output folder for the site at `root_c` (canonical):
/// `<temp>/kehoach-serve-<hash of the root>/site`.
pub fn default_out(root_c: &Path) -> PathBuf {
    let hash = xxhash_rust::xxh3::xxh3_64(root_c.as_os_str().as_encoded_bytes());
    std::env::temp_dir()
        .join(format!("kehoach-serve-{hash:016x}"))
        .join("site")
}

/// What the server knows of the site, shared by its threads.
struct Status {
    /// Bumped after each build that changed what pages show.
    generation: u64,
    /// The last build's error, when it failed.
    error: Option<String>,
    /// A build has succeeded since the server started.
    built: bool,
    /// Builds run, failed ones too.
    builds: u64,
    stopping: bool,
}

struct Shared {
    /// The output folder, canonical.
    site_c: PathBuf,
    /// Tells this server's generations from another's (a restarted server).
    session: u64,
    status: Mutex<Status>,
    changed: Condvar,
    connections: AtomicUsize,
}

enum Msg {
    /// Sources changed: these (absolute paths), or unknown ones.
    Changed(Option<Vec<PathBuf>>),
    Stop,
}

/// A running server; [`Handle::shutdown`] (or dropping it) stops it.
pub struct Handle {
    addr: SocketAddr,
    out: PathBuf,
    shared: Arc<Shared>,
    tx: Sender<Msg>,
    threads: Vec<JoinHandle<()>>,
}

impl Handle {
    /// The address the server listens on (the real port when 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://addr/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// The folder the site is built into.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// The generation pages are served with now (changes after each build
    /// that changed the site or its error).
    pub fn generation(&self) -> u64 {
        self.shared.lock().generation
    }

    /// How many builds have run (failed ones too).
    pub fn builds(&self) -> u64 {
        self.shared.lock().builds
    }

    /// Stops accepting, ends the event streams, waits for the builder
    /// (a build under way finishes) and, briefly, for open connections.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if self.threads.is_empty() {
            return;
        }
        self.shared.lock().stopping = true;
        self.shared.changed.notify_all();
        let _ = self.tx.send(Msg::Stop);
        server::wake(self.addr);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        while self
            .shared
            .connections
            .load(std::sync::atomic::Ordering::SeqCst)
            > 0
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Builds the site once, then serves it and rebuilds on every change until
/// the handle is shut down. Returns once the first build is done (a failed
/// one too: its error is then served at every address).
pub fn start(opts: ServeOptions) -> Result<Handle> {
    let root_c = opts.root.canonicalize().with_context(|| {
        format!(
            "the site root {} cannot be read: give --root the folder holding config.toml",
            opts.root.display()
        )
    })?;
    if !root_c.join("config.toml").is_file() {
        bail!(
            "{} has no config.toml: give --root the site's folder (kehoach init makes a new site)",
            root_c.display()
        );
    }
    let out = match &opts.out {
        Some(o) => o.clone(),
        None => {
            let out = default_out(&root_c);
            if let Some(parent) = out.parent() {
                make_private_dir(parent)?;
            }
            out
        }
    };
    crate::paths::check_out(&root_c, &out)?;
    let site_c = crate::paths::absolute(&out)?;
    let listener = TcpListener::bind((opts.bind.as_str(), opts.port)).with_context(|| {
        format!(
            "listening on {}:{}: the port may be in use; choose another with --port, or --port 0 for any free one",
            opts.bind, opts.port
        )
    })?;
    let addr = listener
        .local_addr()
        .context("reading the address listened on")?;
    let session = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or_default()
        ^ u64::from(std::process::id()) << 32;
    let shared = Arc::new(Shared {
        site_c,
        session,
        status: Mutex::new(Status {
            generation: 0,
            error: None,
            built: false,
            builds: 0,
            stopping: false,
        }),
        changed: Condvar::new(),
        connections: AtomicUsize::new(0),
    });
    let build_opts = Options {
        root: root_c.clone(),
        out: out.clone(),
        today: opts.today,
        drafts: opts.drafts,
        commit: None,
        read_cache: true,
    };
    let mut builder = Builder {
        opts: build_opts,
        shared: shared.clone(),
        log: opts.log,
        warnings: HashSet::new(),
        first: true,
        debounce: opts.debounce,
        warm: crate::warm::Warm::default(),
    };
    // Watching starts first, so a change during the first build is seen.
    let (tx, rx) = mpsc::channel();
    let on_change = {
        let tx = tx.clone();
        move |paths: Option<Vec<PathBuf>>| {
            let _ = tx.send(Msg::Changed(paths));
        }
    };
    let watch = watch::Watch::start(&root_c, &shared.site_c, opts.poll, on_change)?;
    builder.build(None);
    // The first build went into an empty folder: the other release tree is
    // made the served site's copy now, or the first edit would pay for it.
    if let Err(e) = crate::publish::mirror(&out) {
        eprintln!("serve: {e:#}");
    }
    let mut threads = Vec::new();
    threads.push(
        std::thread::Builder::new()
            .name("kehoach-serve-build".into())
            .spawn(move || builder.run(rx, watch))
            .context("starting the builder thread")?,
    );
    let sh = shared.clone();
    threads.push(
        std::thread::Builder::new()
            .name("kehoach-serve-accept".into())
            .spawn(move || server::accept(listener, sh))
            .context("starting the listener thread")?,
    );
    Ok(Handle {
        addr,
        out,
        shared,
        tx,
        threads,
    })
}

/// The folder holding the preview, readable by its owner only (on Unix).
fn make_private_dir(p: &Path) -> Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(p).with_context(|| {
        format!(
            "creating the preview folder {}: give --out a folder",
            p.display()
        )
    })?;
    // In a shared temporary folder, another user could have made it first.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let m = std::fs::symlink_metadata(p)
            .with_context(|| format!("reading the preview folder {}", p.display()))?;
        if !m.is_dir() || m.permissions().mode() & 0o022 != 0 {
            bail!(
                "the preview folder {} is a link or others may write to it: remove it, or give --out a folder of yours",
                p.display()
            );
        }
    }
    Ok(())
}

struct Builder {
    opts: Options,
    shared: Arc<Shared>,
    log: bool,
    /// The warnings of the last build (only new ones are printed).
    warnings: HashSet<String>,
    first: bool,
    /// How long the sources must be quiet before a build starts.
    debounce: Duration,
    /// What the builds so far read: unchanged sources are not parsed again.
    /// What the builds so far read and made (see `warm`).
    warm: crate::warm::Warm,
}

impl Builder {
    /// Builds after each batch of changes until told to stop: a change,
    /// then quiet for `debounce`, then one build. Changes that come during
    /// a build wait in the channel, so they cause one more build after it.
    fn run(mut self, rx: Receiver<Msg>, mut watch: watch::Watch) {
        while let Ok(Msg::Changed(first)) = rx.recv() {
            // The paths changed since the last build; None: not known.
            let mut changed: Option<BTreeSet<PathBuf>> = first.map(BTreeSet::from_iter);
            let mut add = |paths: Option<Vec<PathBuf>>| match (&mut changed, paths) {
                (Some(c), Some(p)) => c.extend(p),
                _ => changed = None,
            };
            loop {
                match rx.recv_timeout(self.debounce) {
                    Ok(Msg::Changed(paths)) => add(paths),
                    Err(RecvTimeoutError::Timeout) => break,
                    Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if self.shared.lock().stopping {
                return;
            }
            if let Err(e) = watch.refresh() {
                eprintln!("serve: {e:#}");
            }
            self.build(changed.as_ref());
        }
    }

    /// One full build; then the generation moves on when the pages changed.
    fn build(&mut self, changed: Option<&BTreeSet<PathBuf>>) {
        let t = Instant::now();
        let result = self.warm.build(&self.opts, changed);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let mut st = self.shared.lock();
        let before = (st.error.clone(), st.built);
        st.builds += 1;
        match result {
            Ok(r) => {
                let p = &r.publish;
                let changed = p.written > 0 || p.removed > 0;
                if changed || before != (None, true) {
                    st.generation += 1;
                }
                st.error = None;
                st.built = true;
                drop(st);
                self.shared.changed.notify_all();
                if self.log {
                    let now: HashSet<String> = r.warnings.iter().map(|w| w.to_string()).collect();
                    for w in &r.warnings {
                        let s = w.to_string();
                        if self.first || !self.warnings.contains(&s) {
                            eprintln!("{s}");
                        }
                    }
                    eprintln!(
                        "{}: {}; {ms:.0} ms",
                        if self.first { "built" } else { "rebuilt" },
                        r.summary()
                    );
                    self.warnings = now;
                }
            }
            Err(e) => {
                let text = format!("{e:#}");
                if before.0.as_deref() != Some(text.as_str()) {
                    st.generation += 1;
                }
                st.error = Some(text.clone());
                let built = st.built;
                drop(st);
                self.shared.changed.notify_all();
                if self.log {
                    eprintln!(
                        "build failed ({ms:.0} ms); {}:\nerror: {text}",
                        if built {
                            "the last good site stays served, with this error over every page"
                        } else {
                            "every address shows this error until a build succeeds"
                        }
                    );
                }
            }
        }
        self.first = false;
    }
}

/// `kehoach serve`: [`start`], print the address, wait for Ctrl-C.
pub fn run(args: ServeArgs) -> Result<i32> {
    let opts = ServeOptions::from_args(&args)?;
    let (tx, rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = tx.send(());
    })
    .context("installing the Ctrl-C handler")?;
    let handle = start(opts)?;
    let url = handle.url();
    {
        use std::io::Write as _;
        let mut so = std::io::stdout().lock();
        let _ = writeln!(
            so,
            "serving {url} (site built in {}); Ctrl-C stops",
            handle.out().display()
        );
        let _ = so.flush();
    }
    if args.open {
        open_browser(&url);
    }
    let _ = rx.recv();
    eprintln!("stopping");
    handle.shutdown();
    Ok(0)
}

fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    if let Err(e) = cmd.spawn() {
        eprintln!("--open: no browser could be started ({e}); open {url} yourself");
    }
}
