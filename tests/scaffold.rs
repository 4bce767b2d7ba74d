//! `kehoach init` and `kehoach new` write a site and a plan that build;
//! `static/`, attachments beside a plan and `sitemap.xml` are published as
//! an editor expects, and what must not be published is not.

mod common;
use std::path::Path;
use std::process::Command;

fn kehoach(args: &[&str], dir: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn init_writes_a_site_that_builds_with_live_tasks() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let (ok, err) = kehoach(&["init"], root);
    assert!(ok, "{err}");
    for f in [
        "config.toml",
        "content/bodies.toml",
        "content/plans/tinh-uy/15-kh-tu-2026.md",
    ] {
        assert!(root.join(f).is_file(), "{f}");
    }
    // A second init writes nothing over the first.
    std::fs::write(root.join("config.toml"), "title = \"Của tôi\"\n").unwrap();
    let (ok, err) = kehoach(&["init"], root);
    assert!(!ok && err.contains("already exist"), "{err}");
    assert_eq!(read(&root.join("config.toml")), "title = \"Của tôi\"\n");
    std::fs::write(
        root.join("config.toml"),
        include_str!("../src/scaffold/config.toml"),
    )
    .unwrap();

    let (ok, err) = kehoach(&["build", "--today", "2026-04-02"], root);
    assert!(ok, "{err}");
    let page = read(&root.join("public/van-ban/tinh-uy/15-kh-tu-2026/index.html"));
    assert!(page.contains("15-KH/TU"), "the sample plan's number");
    // Its tasks are read, with their deadlines, and fall due in April.
    let april = read(&root.join("public/lich/2026-04/index.html"));
    assert!(april.contains("Ban Tuyên giáo Tỉnh ủy An Bình"), "{april}");
    // The boards and the group it is sent to (two members) are to implement
    // it; the district's plan, issued by its standing board, counts as the
    // district's.
    assert!(
        page.contains("Đã ban hành văn bản triển khai: 1/4"),
        "{page}"
    );
    assert!(page.contains("Huyện ủy Đông Sơn") && page.contains("Thành ủy An Bình"));
    assert!(page.contains("08-KH/HU"), "{page}");
}

#[test]
fn a_fresh_site_passes_its_own_strict_check() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let (ok, err) = kehoach(&["init"], root);
    assert!(ok, "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["check", "--strict"])
        .current_dir(root)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    assert!(said.contains("0 problem(s)"), "{said}");
}

#[test]
fn new_writes_a_plan_template_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    assert!(kehoach(&["init"], root).0);
    let (ok, err) = kehoach(
        &[
            "new",
            "tinh-uy/16-kh-tu-2026",
            "--number",
            "16-KH/TU",
            "--title",
            "học tập, quán triệt Nghị quyết",
            "--year",
            "2026",
        ],
        root,
    );
    assert!(ok, "{err}");
    let file = root.join("content/plans/tinh-uy/16-kh-tu-2026.md");
    let text = read(&file);
    assert!(text.contains("number = \"16-KH/TU\"") && text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    // Never over an existing plan without --force.
    let (ok, err) = kehoach(&["new", "tinh-uy/16-kh-tu-2026"], root);
    assert!(!ok && err.contains("already exist"), "{err}");
    assert_eq!(read(&file), text);
    // Outside content/plans: refused.
    let (ok, err) = kehoach(&["new", "../x"], root);
    assert!(!ok && err.contains("inside content/plans"), "{err}");
    let (ok, err) = kehoach(&["build", "--today", "2026-04-02"], root);
    assert!(ok, "{err}");
    let page = read(&root.join("public/van-ban/tinh-uy/16-kh-tu-2026/index.html"));
    assert!(page.contains("học tập, quán triệt Nghị quyết"));
}

#[test]
fn static_files_attachments_and_the_sitemap() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    assert!(kehoach(&["init"], root).0);
    let plans = root.join("content/plans/tinh-uy");
    std::fs::create_dir_all(root.join("static/anh")).unwrap();
    std::fs::write(root.join("static/anh/logo.png"), b"\x89PNG fake").unwrap();
    std::fs::write(plans.join("15-kh-tu-2026.pdf"), b"%PDF-1.7 signed").unwrap();
    std::fs::write(plans.join("15-kh-tu-2026.phu-luc.xlsx"), b"PK xlsx").unwrap();
    // Named after no plan; a page that would run on the portal.
    std::fs::write(plans.join("ghi-chu.pdf"), b"%PDF orphan").unwrap();
    std::fs::write(
        plans.join("15-kh-tu-2026.html"),
        b"<script>alert(1)</script>",
    )
    .unwrap();
    // A plan kept out (MẬT) and its attachment.
    std::fs::write(
        plans.join("mat.md"),
        "+++\nsecurity = \"MẬT\"\ntitle = \"x\"\n+++\n\nKẾ HOẠCH\n\nvề việc x\n",
    )
    .unwrap();
    std::fs::write(plans.join("mat.pdf"), b"%PDF secret").unwrap();
    let cfg = read(&root.join("config.toml")).replace(
        "base_url = \"/\"",
        "base_url = \"https://cong.example.vn/\"",
    );
    std::fs::write(root.join("config.toml"), cfg).unwrap();

    let (ok, err) = kehoach(&["build", "--today", "2026-04-02"], root);
    assert!(ok, "{err}");
    let out = root.join("public");
    assert_eq!(
        std::fs::read(out.join("anh/logo.png")).unwrap(),
        b"\x89PNG fake"
    );
    let dir = out.join("van-ban/tinh-uy/15-kh-tu-2026");
    assert_eq!(
        std::fs::read(dir.join("15-kh-tu-2026.pdf")).unwrap(),
        b"%PDF-1.7 signed"
    );
    assert!(dir.join("15-kh-tu-2026.phu-luc.xlsx").is_file());
    let page = read(&dir.join("index.html"));
    assert!(
        page.contains("Tệp đính kèm") && page.contains("15-kh-tu-2026.pdf"),
        "{page}"
    );
    assert!(
        !dir.join("15-kh-tu-2026.html").exists(),
        "a page published as an attachment"
    );
    assert!(
        err.contains("15-kh-tu-2026.html") && err.contains("convert it to PDF"),
        "{err}"
    );
    assert!(
        err.contains("ghi-chu.pdf") && err.contains("named after no document"),
        "{err}"
    );
    let all = common::snapshot(&out);
    assert!(
        !all.values().any(|b| b == b"%PDF secret"),
        "a kept-out plan's attachment is published"
    );
    assert!(!all.keys().any(|k| k.contains("ghi-chu")));
    let map = read(&out.join("sitemap.xml"));
    assert!(
        map.contains("<loc>https://cong.example.vn/van-ban/tinh-uy/15-kh-tu-2026/</loc>"),
        "{map}"
    );
    assert!(!map.contains("404"));
}
