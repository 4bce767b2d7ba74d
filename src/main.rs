//! The `kehoach` binary: parse arguments, run, report errors. Nothing else.

use clap::Parser;

/// mimalloc: a build makes and drops millions of small strings on two
/// threads, where it is markedly faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = kehoach::cli::Cli::parse();
    match kehoach::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(1);
        }
    }
}
