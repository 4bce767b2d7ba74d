//! The `kehoach` binary: set up the allocator, parse arguments, run, report
//! errors. Nothing else.

use clap::Parser;

/// mimalloc: a build makes and drops millions of small strings on two
/// threads, where it is markedly faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // No transparent huge pages for this process: mimalloc asks for them,
    // and the kernel then zeroes 2 MiB at every first touch of memory the
    // allocator gave back and takes again — a third of a build's cycles.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = kehoach::cli::Cli::parse();
    match kehoach::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(1);
        }
    }
}
