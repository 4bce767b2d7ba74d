//! Throughput of the read stage on one thread: every `.md` file under a
//! folder (e.g. the generated corpus's `content/plans`) is read and parsed
//! as a plan (layout, extraction), and the MB/s of text is printed.
//!
//! `cargo run --release --example bench_read -- bench-out/corpus-10000/content/plans [FILES] [ROUNDS]`

use std::path::PathBuf;

// The allocator of the kehoach binary, so that the figures are its own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args.get(1) else {
        eprintln!("usage: bench_read DIR [FILES] [ROUNDS]");
        std::process::exit(2);
    };
    let limit: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let rounds: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    paths.truncate(limit);
    let sources: Vec<kehoach::load::Source> = paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            Some(kehoach::load::Source {
                path,
                text,
                mtime: None,
            })
        })
        .collect();
    let bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let mut best = f64::INFINITY;
    let mut tasks = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        tasks = 0;
        for s in &sources {
            if let Ok(d) = kehoach::parse::read_document(s) {
                tasks += d.tasks.len();
            }
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{} files, {:.1} MB, {} tasks: best of {rounds} {:.3} s, {:.1} MB/s on one thread",
        sources.len(),
        bytes as f64 / 1e6,
        tasks,
        best,
        bytes as f64 / 1e6 / best
    );
}
