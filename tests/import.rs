//! `kehoach import` on real files: the Word originals of tests/realdocs
//! (tests/realdocs/originals), a Word file and a PDF made with LibreOffice
//! from one real text (tests/import: `soffice --convert-to docx` of
//! 32_….txt, `soffice --convert-to pdf` of the Word original 32_….docx), and
//! every converter text of tests/realdocs. Each imported source, and its
//! body alone without the front matter, must read as the text itself does:
//! the same identity, citations and tasks (deadline kind, range, recurrence
//! and bodies; lines differ, as the layout is repaired).
//!
//! PDFs without a usable text layer (tests/import/no-text-layer, written by
//! its make.py): a page whose font maps letters to Cyrillic glyphs, a scan of
//! two pages, the same scan's page under a Cyrillic text layer, a blank page
//! after a page of text. With tesseract and its Vietnamese data the scans are
//! read by OCR; without, import must refuse them and say what to install
//! (CI sets KEHOACH_REQUIRE_TESSERACT so that those tests do not skip).

use kehoach::inspect::InspectOut;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn inspect_text(path: &Path, text: String) -> InspectOut {
    let src = kehoach::load::Source {
        path: path.to_path_buf(),
        text,
        mtime: None,
    };
    kehoach::inspect::inspect(&src)
        .unwrap_or_else(|d| panic!("{}:{}: {}", path.display(), d.line, d.message))
        .0
}

fn inspect(path: &Path) -> InspectOut {
    inspect_text(path, kehoach::load::read_text(path).unwrap())
}

/// What a build makes of a text, lines aside. Identity fields compare with
/// spaces removed: the layout repair may set glued words apart.
#[derive(Debug, PartialEq)]
struct Facts {
    identity: Vec<(&'static str, Option<String>)>,
    citations: Vec<String>,
    tasks: Vec<String>,
}

fn facts(o: &InspectOut) -> Facts {
    let squeeze = |v: &Option<String>| v.as_ref().map(|s| s.split_whitespace().collect::<String>());
    let mut tasks: Vec<String> = o
        .tasks
        .iter()
        .map(|t| {
            let bodies: Vec<String> = t
                .bodies
                .iter()
                .map(|b| kehoach::text::name_key(b))
                .collect();
            let due = t.deadline.as_ref().map(|d| {
                (
                    d.kind.as_str(),
                    d.start.map(|x| x.to_string()),
                    d.end.map(|x| x.to_string()),
                    d.recurrence.map(|r| r.name()),
                )
            });
            format!("{due:?} {bodies:?}")
        })
        .collect();
    tasks.sort();
    let mut citations: Vec<String> = o.citations.iter().map(|c| c.number.clone()).collect();
    citations.sort();
    Facts {
        identity: vec![
            ("number", o.number.clone()),
            ("kind", o.kind.clone()),
            ("date", o.date.map(|d| d.to_string())),
            ("place", squeeze(&o.place)),
            ("signer", squeeze(&o.signer)),
            ("issuer", squeeze(&o.issuer)),
            ("title", squeeze(&o.title)),
        ],
        citations,
        tasks,
    }
}

/// The ground truth's value of an identity field of a realdocs text.
fn truth(txt: &Path, field: &str) -> Option<String> {
    let exp: toml::Value =
        toml::from_str(&std::fs::read_to_string(txt.with_extension("expected.toml")).unwrap())
            .unwrap();
    exp.get("document")?
        .get(field)?
        .as_str()
        .filter(|s| !s.is_empty())
        .map(|s| s.split_whitespace().collect())
}

/// Imports `file` into a fresh folder; returns what the written source and
/// its body alone read as.
fn imported(file: &Path) -> (Facts, Facts, String) {
    let dir = tempfile::tempdir().unwrap();
    let done = kehoach::import::import(&kehoach::import::Options {
        files: vec![file.to_path_buf()],
        to: dir.path().to_path_buf(),
        force: false,
    })
    .unwrap_or_else(|e| panic!("{}: {e:#}", file.display()));
    let written = &done[0].written;
    let source = std::fs::read_to_string(written).unwrap();
    let body = source
        .strip_prefix("+++\n")
        .and_then(|s| s.split_once("\n+++\n"))
        .map(|(_, b)| b.to_string())
        .expect("front matter");
    (
        facts(&inspect_text(written, source.clone())),
        facts(&inspect_text(written, body)),
        source,
    )
}

/// `got` reads as `want`, except where the text left an identity field
/// unread and the file gives the ground truth's value.
fn same(what: &str, txt: &Path, want: &Facts, got: &Facts) -> Vec<String> {
    let mut bad = Vec::new();
    for ((name, w), (_, g)) in want.identity.iter().zip(&got.identity) {
        let better = w.is_none() && g.is_some() && g.as_deref() == truth(txt, name).as_deref();
        if w != g && !better {
            bad.push(format!("{what}: {name} {g:?}, the text reads {w:?}"));
        }
    }
    if want.citations != got.citations {
        bad.push(format!(
            "{what}: citations {:?}, the text reads {:?}",
            got.citations, want.citations
        ));
    }
    if want.tasks != got.tasks {
        let extra: Vec<&String> = got
            .tasks
            .iter()
            .filter(|t| !want.tasks.contains(t))
            .collect();
        let missing: Vec<&String> = want
            .tasks
            .iter()
            .filter(|t| !got.tasks.contains(t))
            .collect();
        bad.push(format!(
            "{what}: tasks differ: extra {extra:?}, missing {missing:?}"
        ));
    }
    bad
}

/// The realdocs text a file was made from: same name up to the first '.'.
fn text_of(file: &Path) -> PathBuf {
    let name = file.file_name().unwrap().to_string_lossy();
    let stem = name.split('.').next().unwrap();
    root().join("tests/realdocs").join(format!("{stem}.txt"))
}

fn pdftotext_present() -> bool {
    std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok()
}

fn check_files(files: Vec<PathBuf>) {
    assert!(!files.is_empty());
    let mut bad = Vec::new();
    for f in &files {
        let txt = text_of(f);
        let want = facts(&inspect(&txt));
        let (with_front, body, _) = imported(f);
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        bad.extend(same(&name, &txt, &want, &with_front));
        bad.extend(same(&format!("{name} (body alone)"), &txt, &want, &body));
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

#[test]
fn word_files_read_as_their_text() {
    let mut all = files("tests/realdocs/originals", "docx");
    all.extend(files("tests/import", "docx"));
    assert!(all.len() >= 5);
    check_files(all);
}

#[test]
fn pdf_files_read_as_their_text() {
    if !pdftotext_present() {
        // CI sets this: there, a missing pdftotext is a failure.
        assert!(
            std::env::var_os("KEHOACH_REQUIRE_PDFTOTEXT").is_none(),
            "pdftotext (poppler-utils) is required here"
        );
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let mut all = files("tests/realdocs/originals", "pdf");
    all.extend(files("tests/import", "pdf"));
    assert!(all.len() >= 2);
    check_files(all);
}

/// `s` without HTML tags ("<td>", "</tr>", "<br/>"), entities ("&amp;") and
/// a converter's placeholder column names ("Col1"): none of them words.
fn without_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find(['<', '&']) {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        let end = if tail.starts_with('<') {
            tail.find('>').filter(|&e| {
                e < 64 && tail[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
            })
        } else {
            tail.find(';').filter(|&e| {
                e < 10
                    && tail[1..e]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '#')
            })
        };
        match end {
            Some(e) => {
                out.push(' ');
                rest = &tail[e + 1..];
            }
            None => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.split_inclusive(char::is_whitespace)
        .filter(|w| {
            let w = w.trim();
            !(w.len() > 3 && w.starts_with("Col") && w[3..].bytes().all(|b| b.is_ascii_digit()))
        })
        .collect()
}

#[test]
fn converter_texts_read_the_same_once_imported() {
    let all = files("tests/realdocs", "txt");
    assert!(all.len() >= 16);
    let mut bad = Vec::new();
    for txt in &all {
        let want = facts(&inspect(txt));
        let (with_front, body, source) = imported(txt);
        let name = txt.file_name().unwrap().to_string_lossy().into_owned();
        bad.extend(same(&name, txt, &want, &with_front));
        bad.extend(same(&format!("{name} (body alone)"), txt, &want, &body));
        // The words stay: the letters and digits of the text, those of the
        // lines dropped as page artifacts aside, are those of the source
        // but for a few repairs (an OCR "frong" read "trong").
        let text = kehoach::load::read_text(txt).unwrap();
        let lines = kehoach::layout::lines(&text);
        let kept: String = lines
            .iter()
            .filter(|l| !l.artifact)
            .map(|l| l.raw.to_string() + "\n")
            .collect();
        let body = source.split_once("\n+++\n").map_or("", |(_, b)| b);
        let count = |s: &str| {
            let mut m = std::collections::BTreeMap::new();
            for c in s
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
            {
                *m.entry(c).or_insert(0i64) += 1;
            }
            m
        };
        // HTML tags and entities a converter left are no words (import
        // writes HTML tables as Markdown tables).
        let (a, b) = if text.contains("<table") {
            (count(&without_tags(&kept)), count(&without_tags(body)))
        } else {
            (count(&kept), count(body))
        };
        let total: i64 = a.values().sum();
        let diff: i64 = a
            .keys()
            .chain(b.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|c| (a.get(c).unwrap_or(&0) - b.get(c).unwrap_or(&0)).abs())
            .sum();
        if diff * 1000 > total {
            bad.push(format!(
                "{name}: {diff} of {total} letters and digits differ"
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn import_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let file = root().join("tests/import/32_kh16-mttq-luongminh-bau-cu.from-text.docx");
    let opts = |force| kehoach::import::Options {
        files: vec![file.clone()],
        to: dir.path().to_path_buf(),
        force,
    };
    let first = kehoach::import::import(&opts(false)).unwrap();
    std::fs::write(&first[0].written, "edited by hand").unwrap();
    let err = kehoach::import::import(&opts(false))
        .err()
        .expect("refused");
    assert!(format!("{err}").contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&first[0].written).unwrap(),
        "edited by hand"
    );
    kehoach::import::import(&opts(true)).unwrap();
    assert!(
        std::fs::read_to_string(&first[0].written)
            .unwrap()
            .starts_with("+++\n")
    );
    // Files import cannot read are refused with what to do.
    for (name, bytes, says) in [
        ("x.doc", &b"\xd0\xcf\x11\xe0"[..], "save it as .docx"),
        ("x.docx", &b"not a zip"[..], "not a zip archive"),
        ("x.odt", &b""[..], "convert this one"),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let err = kehoach::import::import(&kehoach::import::Options {
            files: vec![p],
            to: dir.path().join("out"),
            force: false,
        })
        .err()
        .expect("refused");
        assert!(format!("{err}").contains(says), "{name}: {err}");
    }
}

/// Whether tesseract with its Vietnamese data is installed.
fn tesseract_vie_present() -> bool {
    std::process::Command::new("tesseract")
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "vie")
        })
}

/// The PDFs without a usable text layer: tests/import/no-text-layer/make.py
/// writes them.
fn no_text_layer(name: &str) -> PathBuf {
    root().join("tests/import/no-text-layer").join(name)
}

/// Imports one file into a fresh folder: the outcome and the written source.
fn import_one(
    file: &Path,
) -> (
    tempfile::TempDir,
    anyhow::Result<(kehoach::import::Outcome, String)>,
) {
    let dir = tempfile::tempdir().unwrap();
    let done = kehoach::import::import(&kehoach::import::Options {
        files: vec![file.to_path_buf()],
        to: dir.path().to_path_buf(),
        force: false,
    })
    .map(|mut d| {
        let o = d.remove(0);
        let s = std::fs::read_to_string(&o.written).unwrap();
        (o, s)
    });
    (dir, done)
}

fn require_pdftotext() -> bool {
    if pdftotext_present() {
        return true;
    }
    assert!(
        std::env::var_os("KEHOACH_REQUIRE_PDFTOTEXT").is_none(),
        "pdftotext (poppler-utils) is required here"
    );
    eprintln!("skipped: pdftotext (poppler-utils) is not installed");
    false
}

#[test]
fn a_broken_font_map_is_never_imported_as_mojibake() {
    if !require_pdftotext() {
        return;
    }
    // Its text layer reads as Cyrillic letters (the codes of a Vietnamese
    // text mapped to Cyrillic glyph names); its page shows them too.
    let file = no_text_layer("broken-font-map.pdf");
    let layer = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    let layer = String::from_utf8_lossy(&layer.stdout);
    assert!(layer.contains("Тучдм"), "{layer}");
    let cyrillic = |s: &str| s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
    let (dir, done) = import_one(&file);
    match done {
        Err(e) => {
            let e = format!("{e:#}");
            assert!(e.contains("page 1"), "{e}");
            assert!(e.contains("wrong characters"), "{e}");
            if tesseract_vie_present() {
                // OCR of the Cyrillic glyphs reads no Vietnamese either.
                assert!(e.contains("OCR"), "{e}");
            } else {
                assert!(
                    e.contains("apt install tesseract-ocr tesseract-ocr-vie"),
                    "{e}"
                );
            }
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        }
        Ok((o, source)) => {
            assert!(tesseract_vie_present(), "imported without OCR: {source}");
            assert!(source.contains("\n# OCR: page 1 read by OCR"), "{source}");
            assert!(o.report.iter().any(|(_, m)| m.contains("read by OCR")));
            assert!(!cyrillic(&source), "{source}");
        }
    }
}

/// Without tesseract's Vietnamese data, an import that needs OCR is refused
/// saying `why` and how to install it, writing nothing; where CI requires
/// tesseract, its absence is a failure.
fn refused_without_ocr(dir: &Path, err: Option<anyhow::Error>, why: &str) {
    let e = format!("{:#}", err.expect("refused without OCR"));
    assert!(e.contains(why), "{e}");
    assert!(
        e.contains("apt install tesseract-ocr tesseract-ocr-vie"),
        "{e}"
    );
    assert_eq!(std::fs::read_dir(dir).unwrap().count(), 0);
    assert!(
        std::env::var_os("KEHOACH_REQUIRE_TESSERACT").is_none(),
        "tesseract with its Vietnamese data (tesseract-ocr tesseract-ocr-vie) is required here"
    );
    eprintln!("skipped: tesseract with its Vietnamese data is not installed");
}

#[test]
fn a_scan_is_read_by_ocr() {
    if !require_pdftotext() {
        return;
    }
    let file = no_text_layer("scan.pdf");
    let (dir, done) = import_one(&file);
    if !tesseract_vie_present() {
        refused_without_ocr(
            dir.path(),
            done.err(),
            "pages 1, 2 have no text layer (a scan)",
        );
        return;
    }
    let (o, source) = done.unwrap_or_else(|e| panic!("{e:#}"));
    assert!(source.starts_with("+++\n"), "{source}");
    assert!(
        source.contains("\n# OCR: pages 1, 2 read by OCR (tesseract, Vietnamese)"),
        "{source}"
    );
    assert!(
        o.report
            .iter()
            .any(|(l, m)| *l == 1 && m.starts_with("pages 1, 2 read by OCR")),
        "{:?}",
        o.report
    );
    // Words of both pages, as OCR reads them: most of them, whatever its
    // noise.
    let low = source.to_lowercase();
    let words = [
        "kế hoạch",
        "tuyên truyền",
        "thực hiện",
        "ban tuyên giáo",
        "thường vụ",
        "hoàn thành",
        "năm 2026",
        "báo cáo",
        "theo dõi",
    ];
    let found: Vec<&str> = words.iter().copied().filter(|w| low.contains(w)).collect();
    assert!(found.len() >= 7, "found only {found:?} in {source}");
}

#[test]
fn a_scan_under_a_broken_text_layer_is_read_by_ocr() {
    if !require_pdftotext() {
        return;
    }
    // The page shows the tasks of a plan as an image; its invisible text
    // layer reads as Cyrillic letters.
    let file = no_text_layer("broken-layer-over-scan.pdf");
    let (dir, done) = import_one(&file);
    if !tesseract_vie_present() {
        refused_without_ocr(
            dir.path(),
            done.err(),
            "the text layer of page 1 is not Vietnamese text",
        );
        return;
    }
    let (o, source) = done.unwrap_or_else(|e| panic!("{e:#}"));
    assert!(
        source.contains("\n# OCR: page 1 read by OCR (tesseract, Vietnamese): the text layer of page 1 is not Vietnamese text"),
        "{source}"
    );
    assert!(
        o.report
            .iter()
            .any(|(_, m)| m.starts_with("page 1 read by OCR"))
    );
    assert!(
        !source.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
        "{source}"
    );
    let low = source.to_lowercase();
    let words = [
        "tuyên giáo",
        "thực hiện",
        "hoàn thành",
        "tháng 6 năm 2026",
        "báo cáo",
        "thường vụ",
        "theo dõi",
    ];
    let found: Vec<&str> = words.iter().copied().filter(|w| low.contains(w)).collect();
    assert!(found.len() >= 5, "found only {found:?} in {source}");
}

#[test]
fn a_blank_page_among_text_pages_is_said() {
    if !require_pdftotext() {
        return;
    }
    let (_dir, done) = import_one(&no_text_layer("blank-page.pdf"));
    let (o, source) = done.unwrap_or_else(|e| panic!("{e:#}"));
    assert!(!source.contains("# OCR"), "{source}");
    assert!(
        source.contains("hoan thanh truoc ngay 30 thang 6 nam 2026"),
        "{source}"
    );
    assert!(
        o.report
            .iter()
            .any(|(l, m)| *l == 0 && m.starts_with("page 2 of the PDF has no text layer")),
        "{:?}",
        o.report
    );
}
