//! The `kehoach` binary: parse arguments, run, report errors. Nothing else.

use clap::Parser;

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
