//! The five seed plans against their hand-read ground truth
//! (tests/seeds/*.expected.toml, copied from the shared seeds): metadata,
//! citations, deadlines and bodies.

mod common;
use std::path::PathBuf;

fn seeds() -> Vec<(PathBuf, toml::Value)> {
    let dir = common::repo().join("tests/seeds");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap_or_else(|_| {
        panic!(
            "{} is missing: the seeds are part of the repository",
            dir.display()
        )
    }) {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let exp = p.with_extension("expected.toml");
            let v: toml::Value = toml::from_str(&std::fs::read_to_string(&exp).unwrap()).unwrap();
            out.push((p, v));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(out.len(), 5);
    out
}

fn inspect(p: &std::path::Path) -> kehoach::inspect::InspectOut {
    let text = kehoach::load::read_text(p).unwrap();
    kehoach::inspect::inspect(&kehoach::load::Source {
        path: p.to_path_buf(),
        text,
        mtime: None,
    })
    .unwrap()
    .0
}

fn s(v: &toml::Value, k: &str) -> Option<String> {
    v.get(k)
        .and_then(|x| x.as_str())
        .filter(|x| !x.is_empty())
        .map(String::from)
}

#[test]
fn document_metadata_matches_the_ground_truth() {
    for (p, exp) in seeds() {
        let d = &exp["document"];
        let got = inspect(&p);
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        assert_eq!(got.number, s(d, "number"), "{name} number");
        assert_eq!(got.kind, s(d, "kind"), "{name} kind");
        assert_eq!(got.kind_name, s(d, "kind_name"), "{name} kind_name");
        assert_eq!(got.date.map(|x| x.to_string()), s(d, "date"), "{name} date");
        assert_eq!(got.place, s(d, "place"), "{name} place");
        assert_eq!(got.signer, s(d, "signer"), "{name} signer");
        assert_eq!(got.issuer, s(d, "issuer"), "{name} issuer");
        let title = s(d, "title").unwrap();
        let trich_yeu = title
            .split_once(' ')
            .map(|(_, rest)| rest.split_once(' ').map_or(rest, |r| r.1))
            .unwrap();
        assert_eq!(
            got.title.as_deref(),
            Some(trich_yeu),
            "{name} title (trích yếu, after the kind word)"
        );
    }
}

#[test]
fn citations_match_the_ground_truth() {
    let mut issuers_expected = 0;
    let mut issuers_right = 0;
    for (p, exp) in seeds() {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let got = inspect(&p).citations;
        let want = exp["citations"].as_array().unwrap();
        let got_keys: Vec<(String, Option<String>)> = got
            .iter()
            .map(|c| (c.number.clone(), c.date.map(|d| d.to_string())))
            .collect();
        let want_keys: Vec<(String, Option<String>)> = want
            .iter()
            .map(|c| (s(c, "number").unwrap(), s(c, "date")))
            .collect();
        assert_eq!(
            got_keys, want_keys,
            "{name}: citations (number, date) in order of first appearance"
        );
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g.kind, s(w, "kind").unwrap(), "{name} {} kind", g.number);
            assert_eq!(
                g.kind_name,
                s(w, "kind_name").unwrap(),
                "{name} {} kind_name",
                g.number
            );
            assert_eq!(
                format!("{:?}", g.relation).to_lowercase(),
                s(w, "relation").unwrap(),
                "{name} {} relation",
                g.number
            );
            assert_eq!(
                g.line as i64,
                w["line"].as_integer().unwrap(),
                "{name} {} line",
                g.number
            );
            if let Some(wi) = s(w, "issuer") {
                issuers_expected += 1;
                if g.issuer.as_deref() == Some(wi.as_str()) {
                    issuers_right += 1;
                } else {
                    // Only issuers the text does not state next to the number may be missing.
                    assert!(
                        g.issuer.is_none(),
                        "{name} {}: issuer {:?}, expected {wi:?}",
                        g.number,
                        g.issuer
                    );
                }
            } else {
                assert!(
                    g.issuer.is_none(),
                    "{name} {}: invented issuer {:?}",
                    g.number,
                    g.issuer
                );
            }
        }
    }
    // The issuers missing are the footnote ones of seed 003 (stated a page earlier).
    assert!(
        issuers_right * 100 >= issuers_expected * 90,
        "issuers right: {issuers_right}/{issuers_expected}"
    );
}

#[test]
fn inspect_json_on_seed_001_without_front_matter() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["inspect", "--json"])
        .arg(common::repo().join("tests/seeds/001_1c3a946f2a29a9e4.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["number"], "266-KH/ĐU");
    assert_eq!(v["kind"], "KH");
    assert_eq!(v["kind_name"], "Kế hoạch");
    assert_eq!(v["date"], "2022-10-18");
    assert_eq!(v["place"], "Hà Nội");
    assert_eq!(v["signer"], "Vũ Việt Trang");
    assert_eq!(v["recipients"].as_array().unwrap().len(), 4);
    assert_eq!(v["citations"][1]["number"], "17-CTr/ĐUK");
    assert_eq!(v["citations"][1]["relation"], "implements");
    // The first target heading: a horizon from the document date.
    assert_eq!(
        v["tasks"][0],
        serde_json::json!({
            "line": 22,
            "text": "Đến năm 2025",
            "bodies": [],
            "coordinating": [],
            "deadline": {"text": "Đến năm 2025", "kind": "horizon", "start": "2022-10-18", "end": "2025-12-31", "recurrence": null}
        })
    );
    let last = v["tasks"].as_array().unwrap().last().unwrap();
    assert_eq!(last["line"], 134);
    assert_eq!(
        last["bodies"],
        serde_json::json!(["Văn phòng Đảng ủy và các ban của Đảng ủy TTXVN"])
    );
    assert_eq!(last["deadline"], serde_json::Value::Null);
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    for k in [
        "number",
        "kind",
        "kind_name",
        "title",
        "issuer",
        "date",
        "place",
        "signer",
        "recipients",
        "citations",
        "tasks",
    ] {
        assert!(keys.iter().any(|x| *x == k), "missing {k}");
    }
}

/// One deadline as (line, kind, start, end, recurrence), the ground truth's
/// conventions: "" for an open start, the kind name for ongoing/recurring.
type Due = (usize, String, String, String, String);

fn expected_deadlines(exp: &toml::Value) -> Vec<(Due, Vec<String>)> {
    exp.get("deadlines")
        .and_then(|d| d.as_array())
        .map(|a| {
            a.iter()
                .map(|d| {
                    let kind = s(d, "kind").unwrap();
                    let field = |k: &str| {
                        s(d, k)
                            .filter(|v| v != &kind && v != "ongoing")
                            .unwrap_or_default()
                    };
                    let bodies = d["bodies"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|b| kehoach::text::name_key(b.as_str().unwrap()))
                        .collect();
                    (
                        (
                            d["line"].as_integer().unwrap() as usize,
                            kind.clone(),
                            field("start"),
                            field("end"),
                            s(d, "recurrence").unwrap_or_default(),
                        ),
                        bodies,
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn found_deadlines(got: &kehoach::inspect::InspectOut) -> Vec<(Due, Vec<String>)> {
    got.tasks
        .iter()
        .filter_map(|t| {
            let d = t.deadline.as_ref()?;
            let date =
                |x: Option<kehoach::date::Date>| x.map(|x| x.to_string()).unwrap_or_default();
            Some((
                (
                    t.line,
                    d.kind.as_str().to_string(),
                    date(d.start),
                    date(d.end),
                    d.recurrence
                        .map(|r| r.name().to_string())
                        .unwrap_or_default(),
                ),
                t.bodies
                    .iter()
                    .map(|b| kehoach::text::name_key(b))
                    .collect(),
            ))
        })
        .collect()
}

/// Every deadline of the ground truth is found on its line with its kind,
/// range and recurrence, and with its bodies where the ground truth names
/// them; and no deadline is found that the ground truth does not list.
/// `relative` deadlines (events with no date: "ngay từ đầu nhiệm kỳ") are
/// left out of the first check; the figures are printed for the record.
#[test]
fn deadlines_match_the_ground_truth() {
    let mut report = Vec::new();
    let mut misses = Vec::new();
    for (p, exp) in seeds() {
        let name = p.file_name().unwrap().to_string_lossy()[..3].to_string();
        let got = inspect(&p);
        let want = expected_deadlines(&exp);
        let found = found_deadlines(&got);
        let mut hit = 0;
        for (due, bodies) in &want {
            if due.1 == "relative" {
                continue;
            }
            // Bodies compare as written in order: "A, B" = ["A", "B"].
            match found.iter().find(|(f, _)| f == due) {
                Some((_, fb)) if bodies.is_empty() || fb.join(", ") == bodies.join(", ") => {
                    hit += 1
                }
                Some((_, fb)) => misses.push(format!(
                    "{name}: {due:?} bodies {fb:?}, expected {bodies:?}"
                )),
                None => misses.push(format!("{name}: {due:?} not found")),
            }
        }
        for (f, _) in &found {
            if !want.iter().any(|(w, _)| w == f) {
                misses.push(format!("{name}: {f:?} is not in the ground truth"));
            }
        }
        report.push(format!("{name}: {hit}/{} found", want.len()));
    }
    eprintln!("{}", report.join("; "));
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// Every responsible body of the ground truth (a body heading, a starred
/// line or the subject of an assignment line) leads at least one task found
/// on its line or under it — or, for a heading, its tasks name a part of it
/// ("Ban Thường vụ Đảng ủy TTXVN" under "* Đảng ủy TTXVN:").
#[test]
fn bodies_match_the_ground_truth() {
    let mut misses = Vec::new();
    let mut report = Vec::new();
    for (p, exp) in seeds() {
        let name = p.file_name().unwrap().to_string_lossy()[..3].to_string();
        let got = inspect(&p);
        let want = exp["bodies"].as_array().unwrap();
        let mut hit = 0;
        for b in want {
            let line = b["line"].as_integer().unwrap() as usize;
            let key = kehoach::text::name_key(b["name"].as_str().unwrap());
            let heading = b["shape"].as_str() != Some("line");
            let ok = got.tasks.iter().any(|t| {
                let lead = kehoach::text::name_key(&t.bodies.join(", "));
                t.line >= line
                    && t.line <= line + 12
                    && (lead == key || heading && lead.contains(&key))
            });
            if ok {
                hit += 1;
            } else {
                misses.push(format!("{name}: line {line} {key:?}"));
            }
        }
        report.push(format!("{name}: {hit}/{}", want.len()));
    }
    eprintln!("bodies: {}", report.join("; "));
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}
