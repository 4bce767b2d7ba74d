//! The example site, built end to end: pages and metadata, determinism,
//! no outside resources, safe output, the citation chain and backlinks.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The example site built once into a temporary folder (kept for the run).
fn example() -> &'static std::collections::BTreeMap<String, Vec<u8>> {
    static SITE: OnceLock<std::collections::BTreeMap<String, Vec<u8>>> = OnceLock::new();
    SITE.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        build(&repo(), &out).expect("example site builds");
        snapshot(&out)
    })
}

fn page(path: &str) -> String {
    let bytes = example()
        .get(path)
        .unwrap_or_else(|| panic!("no page {path}"));
    String::from_utf8(bytes.clone()).unwrap()
}

#[test]
fn every_seed_has_a_page_with_its_metadata() {
    let cases: &[(&str, &[&str])] = &[
        (
            "van-ban/ttxvn/266-kh-du-2022/index.html",
            &[
                "Số và ký hiệu 266-KH/ĐU",
                "Loại văn bản Kế hoạch",
                "Ngày ban hành 18/10/2022",
                "Nơi ban hành Hà Nội",
                "Vũ Việt Trang",
                "Cơ quan ban hành Ban Thường vụ Đảng ủy Thông tấn xã Việt Nam",
            ],
        ),
        (
            "van-ban/trung-uong/12-kh-tw-2022/index.html",
            &[
                "Số và ký hiệu 12-KH/TW",
                "Ngày ban hành 28/11/2022",
                "Cơ quan ban hành Bộ Chính trị",
                "Võ Văn Thủ",
            ],
        ),
        (
            "van-ban/ttxvn/ke-hoach-thuc-hien-nghi-quyet-28/index.html",
            &[
                "Loại văn bản Kế hoạch",
                "Cơ quan ban hành Ban Thường vụ Đảng ủy Thông tấn xã Việt Nam",
            ],
        ),
        (
            "van-ban/quang-nam/ke-hoach-tuyen-truyen-xay-dung-dang/index.html",
            &["Nguyễn Xuân Đức", "Đảng ủy Khối các cơ quan tỉnh Quảng Nam"],
        ),
        (
            "van-ban/binh-dinh/77-kh-duk/index.html",
            &[
                "Số và ký hiệu 77-KH/ĐUK",
                "Lê Văn Hồng",
                "BTC Tỉnh ủy (b/c)",
            ],
        ),
    ];
    for (path, needles) in cases {
        let text = text_of(&page(path));
        for n in *needles {
            assert!(text.contains(n), "{path} lacks {n:?}");
        }
    }
}

#[test]
fn pages_are_html5_in_vietnamese() {
    for (path, bytes) in example() {
        if path.ends_with(".html") {
            let s = String::from_utf8_lossy(bytes);
            assert!(
                s.starts_with("<!doctype html>") || s.starts_with("<!DOCTYPE html>"),
                "{path}"
            );
            assert!(
                s.contains("<html lang=vi>") || s.contains("<html lang=\"vi\">"),
                "{path}"
            );
        }
    }
    for p in [
        "index.html",
        "404.html",
        "van-ban/index.html",
        "tuyen-truyen/index.html",
        "co-quan/index.html",
        "loai/ke-hoach/index.html",
        "nam/2022/index.html",
    ] {
        assert!(example().contains_key(p), "missing {p}");
    }
}

#[test]
fn every_page_has_one_title_heading() {
    for (path, bytes) in example() {
        if !path.ends_with(".html") {
            continue;
        }
        let s = String::from_utf8_lossy(bytes);
        assert_eq!(s.matches("<h1").count(), 1, "{path}");
    }
    // A propaganda item's heading is its title.
    let item = page("tuyen-truyen/2023-hoi-thi-tuyen-truyen-vien-gioi/index.html");
    assert!(
        item.contains("<h1>Thể lệ Hội thi Tuyên truyền viên giỏi về xây dựng Đảng năm 2023</h1>"),
        "{item}"
    );
}

#[test]
fn no_page_loads_an_outside_resource() {
    for (path, bytes) in example() {
        let s = String::from_utf8_lossy(bytes).to_lowercase();
        for bad in [
            "src=http",
            "src=\"http",
            "src=//",
            "src=\"//",
            "url(http",
            "url(//",
            "@import",
        ] {
            assert!(
                !s.contains(bad),
                "{path} references an outside resource ({bad})"
            );
        }
        for tag in s.split("<link").skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            assert!(
                !tag.contains("http") && !tag.contains("href=//"),
                "{path}: <link{tag}>"
            );
        }
        // Script only enhances search (the search page) and "Đơn vị của
        // tôi" (the home page and the bodies' pages), and comes from the
        // site itself.
        let allowed: &[&str] = if path == "tim-kiem/index.html" {
            &["application/json", "src=\"../search.js\""]
        } else if path == "index.html" {
            &["src=\"mine.js\""]
        } else if path == "co-quan/index.html" {
            &["src=\"../mine.js\""]
        } else if path.starts_with("co-quan/") && path.matches('/').count() == 2 {
            &["src=\"../../mine.js\""]
        } else {
            &[]
        };
        for tag in s.split("<script").skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            // Minified: attribute quotes may be gone.
            let bare = tag.replace('"', "");
            assert!(
                allowed.iter().any(|a| bare.contains(&a.replace('"', ""))),
                "{path} has a script: <script{tag}>"
            );
        }
    }
}

#[test]
fn building_twice_gives_identical_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out).unwrap();
    let second = snapshot(&out);
    assert_eq!(example(), &second, "two builds differ");
    // And the second run over an existing site rewrites nothing.
    let r = build(&repo(), &out).unwrap();
    assert_eq!(r.publish.written, 0, "unchanged files were written again");
}

#[test]
fn broken_front_matter_fails_and_keeps_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/small"), &site);
    let out = site.join("public");
    build(&site, &out).expect("the fixture builds");
    let before = snapshot(&out);
    // What lies beside the output (the release tree that is not served,
    // the read cache, the lock), and that tree's files.
    type Beside = Vec<(String, Option<BTreeMap<String, Vec<u8>>>)>;
    let beside = || -> Beside {
        let mut v: Vec<_> = std::fs::read_dir(&site)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".public"))
            .map(|n| {
                let tree = (n == ".public.prev").then(|| snapshot(&site.join(&n)));
                (n, tree)
            })
            .collect();
        v.sort();
        v
    };
    let beside_before = beside();
    for (name, text, line) in [
        (
            "broken.md",
            "+++\nnumber = \"1-KH/TW\"\ntitel = \"x\"\n+++\nKẾ HOẠCH\n",
            3,
        ),
        ("unclosed.md", "+++\nnumber = \"1-KH/TW\"\nKẾ HOẠCH\n", 1),
        ("baddate.md", "+++\ndate = \"2023-13-01\"\n+++\n", 2),
    ] {
        let p = site.join("content/plans").join(name);
        std::fs::write(&p, text).unwrap();
        let err = format!("{:#}", build(&site, &out).unwrap_err());
        assert!(
            err.contains(&format!("{name}:{line}:")),
            "error names file and line: {err}"
        );
        assert_eq!(
            snapshot(&out),
            before,
            "public/ changed after a failed build"
        );
        std::fs::remove_file(&p).unwrap();
    }
    std::fs::write(site.join("content/plans/latin1.md"), b"K\xea ho\xe1ch\n").unwrap();
    let err = format!("{:#}", build(&site, &out).unwrap_err());
    assert!(
        err.contains("latin1.md:1:") && err.contains("UTF-8"),
        "{err}"
    );
    assert_eq!(snapshot(&out), before);
    assert_eq!(beside(), beside_before, "staging left behind");
}

#[test]
fn the_chain_28_nq_to_12_kh_to_the_ttxvn_plan() {
    // Seed 000 links 12-KH/TW to seed 002's page.
    let s000 = page("van-ban/ttxvn/ke-hoach-thuc-hien-nghi-quyet-28/index.html");
    assert!(
        s000.contains("href=\"../../../van-ban/trung-uong/12-kh-tw-2022/index.html\">12-KH/TW</a>"),
        "000 does not link 12-KH/TW to seed 002"
    );
    // Seed 002 shows seed 000 among its backlinks, with the citing paragraph.
    let s002 = text_of(&page("van-ban/trung-uong/12-kh-tw-2022/index.html"));
    let back = &s002[s002.find("Được trích dẫn bởi").expect("backlinks")..];
    assert!(
        back.contains("Ban Thường vụ Đảng ủy Thông tấn xã Việt Nam"),
        "{back}"
    );
    // Its relation reads from 12-KH/TW's side: the TTXVN plan implements it.
    assert!(back.contains("Được thực hiện bởi"), "{back}");
    // 28-NQ/TW (not in the site) has a page listing the four seeds, the
    // Quảng Nam plan and the report that cite it, and its tree.
    let nq = page("van-ban/trich-dan/28-nq-tw-2022-1117/index.html");
    let t = text_of(&nq);
    assert!(t.contains("Được trích dẫn bởi (6)"), "{t}");
    let tree = &t[t.find("Cây triển khai thực hiện").expect("tree")..];
    let lv1 = tree.find("Cấp 1").unwrap();
    let lv2 = tree
        .find("Cấp 2")
        .expect("a second level: the TTXVN plan under 12-KH/TW");
    assert!(tree[lv1..lv2].contains("12-KH/TW"), "{tree}");
    assert!(tree[lv2..].contains("thực hiện 12-KH/TW"), "{tree}");
}

#[test]
fn backlinks_point_at_the_citing_paragraph() {
    let nq = page("van-ban/trich-dan/28-nq-tw-2022-1117/index.html");
    // Every backlink "at" anchor exists in the target page.
    for part in nq.split("#L").skip(1) {
        let line: String = part.chars().take_while(|c| c.is_ascii_digit()).collect();
        assert!(!line.is_empty());
    }
    let s004 = page("van-ban/binh-dinh/77-kh-duk/index.html");
    assert!(
        s004.contains("id=L16") || s004.contains("id=\"L16\""),
        "line anchors in the text"
    );
}

#[test]
fn graph_json_lists_nodes_and_edges() {
    let g: serde_json::Value = serde_json::from_slice(&example()["data/graph.json"]).unwrap();
    let nodes = g["nodes"].as_array().unwrap();
    let edges = g["edges"].as_array().unwrap();
    assert!(
        nodes
            .iter()
            .any(|n| n["number"] == "28-NQ/TW" && n["in_site"] == false)
    );
    assert!(nodes.iter().filter(|n| n["in_site"] == true).count() == 10);
    let to_12: Vec<(&str, &str)> = edges
        .iter()
        .filter(|e| e["to"] == "doc:van-ban/trung-uong/12-kh-tw-2022")
        .map(|e| (e["from"].as_str().unwrap(), e["relation"].as_str().unwrap()))
        .collect();
    // Seed 000 and the Quảng Nam plan implement 12-KH/TW; the Ban Tuyên
    // giáo's report reports on it.
    assert_eq!(
        to_12,
        [
            ("doc:van-ban/quang-nam/25-kh-tu-2023", "implements"),
            (
                "doc:van-ban/trung-uong/bc-ban-tuyen-giao-tw-2023",
                "reports"
            ),
            (
                "doc:van-ban/ttxvn/ke-hoach-thuc-hien-nghi-quyet-28",
                "implements"
            ),
        ]
    );
    assert!(edges.iter().all(|e| {
        [
            "implements",
            "cites",
            "replaces",
            "amends",
            "repeals",
            "reports",
        ]
        .contains(&e["relation"].as_str().unwrap())
    }));
}

#[test]
fn site_builds_without_a_themes_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/small"), &site);
    assert!(!site.join("themes").exists());
    build(&site, &site.join("public")).unwrap();
    let idx = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(idx.contains("Thử nghiệm"));
}

#[test]
fn short_names_defined_in_the_text_link_to_their_document() {
    // Seed 002 defines "(sau đây gọi là Nghị quyết 28)" and uses it later.
    let s002 = page("van-ban/trung-uong/12-kh-tw-2022/index.html");
    let link =
        "href=\"../../../van-ban/trich-dan/28-nq-tw-2022-1117/index.html\">Nghị quyết 28</a>";
    assert!(
        s002.matches(link).count() >= 3,
        "later uses of the short name link to 28-NQ/TW"
    );
}

#[test]
fn a_replaced_document_says_so_on_its_page_and_in_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/small"), &site);
    let plans = site.join("content/plans");
    std::fs::write(
        plans.join("old.md"),
        "+++\nnumber = \"29-QĐ/TW\"\nkind = \"Quy định\"\ndate = \"2016-07-25\"\ntitle = \"Quy định cũ\"\n+++\nQUY ĐỊNH\n\nNội dung.\n",
    )
    .unwrap();
    std::fs::write(
        plans.join("new.md"),
        "+++\nnumber = \"30-QĐ/TW\"\nkind = \"Quy định\"\ndate = \"2026-01-09\"\ntitle = \"Quy định mới\"\n+++\nQUY ĐỊNH\n\nQuy định này thay thế Quy định số 29-QĐ/TW ngày 25/7/2016.\n",
    )
    .unwrap();
    let out = site.join("public");
    build(&site, &out).unwrap();
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    let old = text_of(&read("van-ban/old/index.html"));
    assert!(
        old.contains("Tình trạng")
            && old.contains("Hết hiệu lực — bị thay thế bởi Quy định 30-QĐ/TW"),
        "{old}"
    );
    // Its backlink reads from its side.
    assert!(old.contains("Bị thay thế bởi"), "{old}");
    let new = text_of(&read("van-ban/new/index.html"));
    assert!(new.contains("Còn hiệu lực"), "{new}");
    // The list of all documents tags it.
    let list = text_of(&read("van-ban/index.html"));
    let at = list.find("Quy định cũ").expect("listed");
    assert!(list[at..].contains("Bị thay thế"), "{list}");
}

/// Every link to a line ("…/index.html#L42": backlinks, tasks, calendars)
/// lands on an element of that page, including where the page shows its
/// header and signature from the metadata instead of the text's lines.
#[test]
fn every_line_link_lands_on_its_line() {
    let site = example();
    let mut checked = 0;
    for (path, bytes) in site {
        if !path.ends_with(".html") {
            continue;
        }
        let s = String::from_utf8_lossy(bytes);
        let dir = std::path::Path::new(path).parent().unwrap().to_path_buf();
        for part in s.split("href=").skip(1) {
            let part = part.trim_start_matches('"');
            let end = part.find(['"', ' ', '>']).unwrap_or(part.len());
            let link = &part[..end];
            let Some((file, frag)) = link.split_once("#L") else {
                continue;
            };
            let mut target = dir.clone();
            for seg in file.split('/') {
                match seg {
                    ".." => {
                        target.pop();
                    }
                    "" | "." => {}
                    s => target.push(s),
                }
            }
            let target = if file.is_empty() {
                path.clone()
            } else {
                target.to_string_lossy().replace('\\', "/")
            };
            let page = site
                .get(&target)
                .unwrap_or_else(|| panic!("{path}: {link} leads to no page"));
            let page = String::from_utf8_lossy(page);
            assert!(
                page.contains(&format!("id=L{frag}")) || page.contains(&format!("id=\"L{frag}\"")),
                "{path}: {link} has no line L{frag} in {target}"
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked} line links");
}

/// The grouped relations view goes up the chain: a district's plan
/// implementing the province's plan, which implements the centre's
/// resolution, names both above it, nearest first; and each side reads its
/// relation the right way round.
#[test]
fn relations_go_up_the_chain_and_read_the_right_way_round() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("config.toml"), "title = \"Thử\"\n").unwrap();
    let plans = root.join("content/plans");
    std::fs::create_dir_all(&plans).unwrap();
    let doc = |name: &str, text: &str| std::fs::write(plans.join(name), text).unwrap();
    doc(
        "nq.md",
        "Số 05-NQ/TU\n\nNGHỊ QUYẾT\n\nvề phát triển văn hóa\n\nNội dung nghị quyết.\n",
    );
    doc(
        "kh-tinh.md",
        "Số 12-KH/TU\n\nKẾ HOẠCH\n\nthực hiện Nghị quyết số 05-NQ/TU\n\nThực hiện Nghị quyết số 05-NQ/TU ngày 10/01/2026 của Tỉnh ủy, Ban Thường vụ xây dựng kế hoạch như sau:\n\n1. Các huyện ủy quán triệt.\n",
    );
    doc(
        "kh-huyen.md",
        "Số 30-KH/HU\n\nKẾ HOẠCH\n\nthực hiện Kế hoạch số 12-KH/TU\n\nThực hiện Kế hoạch số 12-KH/TU ngày 01/02/2026 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:\n\n1. Các chi bộ quán triệt.\n",
    );
    let out = root.join("public");
    build(root, &out).expect("builds");
    let page = |p: &str| text_of(&std::fs::read_to_string(out.join(p)).unwrap());
    let district = page("van-ban/kh-huyen/index.html");
    let chain = &district[district
        .find("Chuỗi văn bản cấp trên")
        .expect("the chain above")..];
    let (p12, p05) = (
        chain.find("12-KH/TU").unwrap(),
        chain.find("05-NQ/TU").unwrap(),
    );
    assert!(p12 < p05, "nearest first: {chain}");
    assert!(district.contains("Văn bản này dẫn chiếu"), "{district}");
    // From the cited side: "Được thực hiện bởi", grouped.
    let province = page("van-ban/kh-tinh/index.html");
    let by = &province[province.find("Được trích dẫn bởi").expect("cited by")..];
    assert!(
        by.contains("Được thực hiện bởi (1)") && by.contains("30-KH/HU"),
        "{by}"
    );
    // The province's own plan has one level above it: no chain, its
    // "Thực hiện" group says it.
    assert!(!province.contains("Chuỗi văn bản cấp trên"), "{province}");
    assert!(province.contains("Thực hiện (1)"), "{province}");
}

/// The Done-when of implementation tracking, on the example site: the page
/// of 12-KH/TW says how many of the bodies it expects have issued an
/// implementing document, links those that have not, and
/// `data/tracking.json` says the same.
#[test]
fn the_page_of_12_kh_tw_and_tracking_json_agree_on_who_implemented_it() {
    let html = page("van-ban/trung-uong/12-kh-tw-2022/index.html");
    let t = text_of(&html);
    let at = t
        .find("Đã ban hành văn bản triển khai: ")
        .expect("the implementation count");
    let count: String = t[at + "Đã ban hành văn bản triển khai: ".len()..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '/')
        .collect();
    let (done, total) = count.split_once('/').expect("x/y");
    let json: serde_json::Value = serde_json::from_str(&page("data/tracking.json")).unwrap();
    let d = json["directives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == "12-KH/TW")
        .expect("12-KH/TW is a directive");
    let len = |k: &str| d[k].as_array().unwrap().len();
    assert_eq!(
        done.parse::<usize>().unwrap(),
        len("implemented"),
        "{count}"
    );
    assert_eq!(total.parse::<usize>().unwrap(), len("expected"), "{count}");
    assert_eq!(len("expected"), len("implemented") + len("missing"));
    assert!(len("implemented") >= 1 && len("missing") >= 1, "{d}");
    for id in d["missing"].as_array().unwrap() {
        let link = format!("co-quan/{}/index.html", id.as_str().unwrap());
        assert!(html.contains(&link), "missing body {id} is not linked");
    }
    for m in d["implemented"].as_array().unwrap() {
        let link = format!("co-quan/{}/index.html", m["body"].as_str().unwrap());
        assert!(html.contains(&link), "implementing body {m} is not linked");
    }
}
