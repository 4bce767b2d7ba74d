//! Writes a site of one hostile plan, for the benchmark's hostile rows:
//! `citations BYTES` (one line of that many bytes holding citations, each
//! number distinct) or `items N` (N list items, each a task with a deadline).
//!
//! Usage: cargo run --release --example gen_hostile -- citations 5000000 DIR

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: gen_hostile citations|items SIZE DIR");
        std::process::exit(2);
    }
    let size: usize = args[2].parse().expect("SIZE is a number");
    let dir = PathBuf::from(&args[3]);
    std::fs::create_dir_all(dir.join("content/plans")).expect("create DIR/content/plans");
    std::fs::write(dir.join("config.toml"), "title = \"Hostile\"\n").expect("write config");
    let mut t = String::from("KẾ HOẠCH\nthử\n\n");
    match args[1].as_str() {
        "citations" => {
            let mut i = 0;
            while t.len() < size {
                let _ = write!(
                    t,
                    "Nghị quyết số {i}-NQ/TW ngày 17/11/2022 của Ban Chấp hành Trung ương, "
                );
                i += 1;
            }
            t.push('\n');
        }
        "items" => {
            for i in 0..size {
                let _ = writeln!(
                    t,
                    "- Ban Tuyên giáo chủ trì việc số {i} (hoàn thành trong quý I/2027);"
                );
            }
        }
        other => panic!("unknown shape {other}"),
    }
    std::fs::write(dir.join("content/plans/a.md"), t).expect("write the plan");
}
