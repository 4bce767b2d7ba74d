//! The progress line: on a terminal, a build that runs longer than about
//! two seconds shows its stage and count on one line of stderr, redrawn
//! in place a few times a second and cleared when the build ends, before
//! the warnings and the summary. Nothing when stderr is not a terminal
//! (CI logs, a push's hook, a pipe).
//!
//! The build counts into a [`Progress`] (steps on atomic counters, shared
//! by the threads without a lock; the stage, set a few times a build,
//! behind one); a [`Ticker`] thread, started by the command
//! line, draws it. A build run without a ticker counts into a `Progress`
//! nobody reads.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The stages the line names, in the order a build passes them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Stage {
    #[default]
    Starting,
    Reading,
    Linking,
    Rendering,
    Search,
    Publishing,
}

impl Stage {
    fn label(self) -> &'static str {
        match self {
            Stage::Starting => "starting",
            Stage::Reading => "reading sources",
            Stage::Linking => "linking documents",
            Stage::Rendering => "rendering pages",
            Stage::Search => "building the search index",
            Stage::Publishing => "publishing files",
        }
    }
}

/// What a build has done so far.
#[derive(Debug, Default)]
pub struct Progress {
    /// Changed a few times a build; the counters below, per step.
    stage: Mutex<Stage>,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// Enters `stage`, of `total` steps (0: not counted).
    pub fn stage(&self, stage: Stage, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        *self.stage.lock().unwrap_or_else(|e| e.into_inner()) = stage;
    }

    /// One step of the stage done.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The line as drawn: "reading sources 4312/10000", or the stage alone
    /// when it is not counted.
    pub fn line(&self) -> String {
        let stage = *self.stage.lock().unwrap_or_else(|e| e.into_inner());
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed).min(total);
        if total == 0 {
            format!("kehoach: {}", stage.label())
        } else if done == 0 && stage == Stage::Publishing {
            format!("kehoach: {} ({total})", stage.label())
        } else {
            format!("kehoach: {} {done}/{total}", stage.label())
        }
    }
}

/// Draws a [`Progress`] until dropped.
pub struct Ticker {
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Moves to the line's start and clears it.
const CLEAR: &str = "\r\x1b[K";

impl Ticker {
    /// Draws `p` on `out` every `every`, from `after` on; the line is
    /// cleared when the ticker is dropped (only if it was drawn).
    pub fn start(
        p: Arc<Progress>,
        mut out: Box<dyn Write + Send>,
        after: Duration,
        every: Duration,
    ) -> Ticker {
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let s = stop.clone();
        let thread = std::thread::spawn(move || {
            let (lock, cv) = &*s;
            let start = Instant::now();
            let mut drawn = false;
            let mut stopped = lock.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                let wait = if drawn {
                    every
                } else {
                    after.saturating_sub(start.elapsed())
                };
                stopped = cv
                    .wait_timeout_while(stopped, wait, |stop| !*stop)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
                if *stopped {
                    break;
                }
                if start.elapsed() >= after {
                    let _ = write!(out, "{CLEAR}{}", p.line());
                    let _ = out.flush();
                    drawn = true;
                }
            }
            if drawn {
                let _ = write!(out, "{CLEAR}");
                let _ = out.flush();
            }
        });
        Ticker {
            stop,
            thread: Some(thread),
        }
    }

    /// On stderr when it is a terminal, after two seconds, ten times a
    /// second; None otherwise.
    pub fn on_terminal(p: &Arc<Progress>) -> Option<Ticker> {
        use std::io::IsTerminal;
        std::io::stderr().is_terminal().then(|| {
            Ticker::start(
                p.clone(),
                Box::new(std::io::stderr()),
                Duration::from_secs(2),
                Duration::from_millis(100),
            )
        })
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        let (lock, cv) = &*self.stop;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cv.notify_all();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(stage: Stage, total: usize, ticks: usize, expected: &str) {
        let p = Progress::default();
        p.stage(stage, total);
        for _ in 0..ticks {
            p.tick();
        }
        assert_eq!(p.line(), expected);
    }

    #[test]
    fn the_line_names_the_stage_and_the_count() {
        check(Stage::Starting, 0, 0, "kehoach: starting");
        check(
            Stage::Reading,
            10000,
            4312,
            "kehoach: reading sources 4312/10000",
        );
        check(Stage::Reading, 3, 5, "kehoach: reading sources 3/3");
        check(Stage::Linking, 0, 0, "kehoach: linking documents");
        check(Stage::Rendering, 20, 0, "kehoach: rendering pages 0/20");
        check(Stage::Search, 0, 0, "kehoach: building the search index");
        check(
            Stage::Publishing,
            29452,
            0,
            "kehoach: publishing files (29452)",
        );
    }

    /// A writer the test reads back.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_short_build_draws_nothing_a_long_one_draws_and_clears() {
        let p = Arc::new(Progress::default());
        let out = Shared::default();
        let t = Ticker::start(
            p.clone(),
            Box::new(out.clone()),
            Duration::from_secs(60),
            Duration::from_millis(5),
        );
        drop(t);
        assert!(out.0.lock().unwrap().is_empty(), "a short build drew");

        let out = Shared::default();
        p.stage(Stage::Reading, 10);
        p.tick();
        let t = Ticker::start(
            p.clone(),
            Box::new(out.clone()),
            Duration::ZERO,
            Duration::from_millis(5),
        );
        std::thread::sleep(Duration::from_millis(50));
        drop(t);
        let text = String::from_utf8(out.0.lock().unwrap().clone()).unwrap();
        assert!(
            text.starts_with("\r\x1b[Kkehoach: reading sources 1/10"),
            "{text:?}"
        );
        assert!(text.ends_with(CLEAR), "the line was not cleared: {text:?}");
    }
}
