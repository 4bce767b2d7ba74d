//! The inputs the fuzzers found (tests/fuzz/<target>/: the smallest inputs
//! of each target's corpus that reach new code, and any that once failed),
//! replayed through the same checks as the fuzz targets under fuzz/.

#![allow(dead_code)]
include!("fuzz/checks.rs");

fn replay(target: &str, check: fn(&[u8])) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap_or_else(|_| panic!("{} is missing", dir.display())) {
        let p = e.unwrap().path();
        let data = std::fs::read(&p).unwrap();
        let r = std::panic::catch_unwind(|| check(&data));
        assert!(r.is_ok(), "{target}: {} fails", p.display());
        n += 1;
    }
    assert!(n > 0, "no inputs for {target}");
}

#[test]
fn frontmatter_inputs() {
    replay("frontmatter", frontmatter);
}

#[test]
fn markdown_inputs() {
    replay("markdown", markdown);
}

#[test]
fn citations_inputs() {
    replay("citations", citations);
}

#[test]
fn deadlines_inputs() {
    replay("deadlines", deadlines);
}

#[test]
fn header_inputs() {
    replay("header", header);
}
