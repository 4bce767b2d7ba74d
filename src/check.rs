//! `kehoach check`: the problems an editor should fix — every warning of
//! the sources, plus citations that resolve to no document of the site and
//! numbers cited with contradicting dates, and bodies named in tasks that
//! the registry does not know.

use crate::build;
use crate::diag::{Diagnostic, Located};
use crate::graph::{Graph, Node};

pub fn problems(g: &Graph) -> Vec<Located> {
    let mut out = build::warnings(g);
    for (i, d) in g.docs.iter().enumerate() {
        for (k, c) in d.citations.iter().enumerate() {
            if let Some(Node::Cited(_)) = g.targets[i][k] {
                out.push(Located {
                    file: d.path.clone(),
                    diag: Diagnostic::warning(c.line, format!("{} {} is not in the site (unresolved citation); add the document under content/plans/ to link it", c.kind_name, c.number)),
                });
            }
        }
    }
    for u in &g.unregistered {
        for &(i, line) in &u.uses {
            out.push(Located {
                file: g.docs[i].path.clone(),
                diag: Diagnostic::warning(
                    line,
                    format!(
                        "body \"{}\" is not in content/bodies.toml (unregistered body): add it, or add this spelling to the aliases of the body it means",
                        u.name
                    ),
                ),
            });
        }
    }
    out.sort_by(|a, b| {
        (&a.file, a.diag.line, &a.diag.message).cmp(&(&b.file, b.diag.line, &b.diag.message))
    });
    out.dedup();
    out
}

/// The kinds of problem `check` counts apart, in the order it reports
/// them: (key for `--only`, what it means).
pub const KINDS: &[(&str, &str)] = &[
    ("file", "files that cannot be read or published as they are"),
    ("security", "security marks to confirm"),
    (
        "front-matter",
        "front matter and [[status]] values to correct",
    ),
    ("registry", "content/bodies.toml entries to correct"),
    ("no-title", "documents without a title (trích yếu)"),
    ("bad-date", "dates that cannot be right"),
    ("unread-deadline", "deadlines that could not be read"),
    ("deadline-year", "deadlines without a year"),
    ("citation", "citations that may mean two documents"),
    ("unregistered-body", "bodies not in content/bodies.toml"),
    ("unresolved", "cited documents not in the site (to acquire)"),
    ("withheld", "documents kept out of the site"),
    ("other", "other problems"),
];

/// The kind of a problem, from what its message says (the messages are
/// kehoach's own; `every_message_family_has_its_kind` keeps this in step).
pub fn kind_of(d: &Diagnostic) -> &'static str {
    const BY_PHRASE: &[(&str, &str)] = &[
        ("(unresolved citation)", "unresolved"),
        ("(unregistered body)", "unregistered-body"),
        ("could not be read: write the day", "unread-deadline"),
        ("has no year: read as", "deadline-year"),
        ("correct the date in the text", "bad-date"),
        ("is cited with two dates", "citation"),
        (" may mean ", "citation"),
        ("publishes this document although", "security"),
        ("is not a mark kehoach knows", "security"),
        ("no title", "no-title"),
        ("needs a title", "no-title"),
        ("front matter", "front-matter"),
        ("status ", "front-matter"),
        ("quote the first words of one task", "front-matter"),
        ("bodies registry", "registry"),
        ("is its own ancestor", "registry"),
        ("body id ", "registry"),
        ("is not an id in the registry", "registry"),
        ("ids must be unique", "registry"),
        ("has no text", "file"),
        ("UTF-8", "file"),
        ("symbolic link", "file"),
        ("cannot read", "file"),
        ("cannot be read", "file"),
        ("page address", "file"),
        ("its page would be", "file"),
        ("more than", "file"),
    ];
    if d.severity == crate::diag::Severity::Note {
        return "withheld";
    }
    BY_PHRASE
        .iter()
        .find(|(p, _)| d.message.contains(p))
        .map_or("other", |&(_, k)| k)
}

/// What `check` prints: counts per kind, then each kind's problems — the
/// first `SHOWN` of each unless `only` names the kind (or `all`); cited
/// documents not in the site as one list, most cited first.
pub fn report(g: &Graph, w: &[Located], only: Option<&str>, all: bool) -> String {
    use std::fmt::Write as _;
    const SHOWN: usize = 10;
    let mut by: std::collections::BTreeMap<usize, Vec<&Located>> = Default::default();
    for l in w {
        let k = kind_of(&l.diag);
        if only.is_some_and(|o| o != k) {
            continue;
        }
        let at = KINDS.iter().position(|(key, _)| *key == k).unwrap_or(0);
        by.entry(at).or_default().push(l);
    }
    let mut s = String::new();
    for (&at, v) in &by {
        let (key, what) = KINDS[at];
        let _ = writeln!(s, "== {key}: {} {what}", v.len());
        if key == "unresolved" {
            // One line per document to acquire, however often cited.
            let mut docs: Vec<(usize, &str, &str)> = g
                .cited
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    (
                        g.cited_by(Node::Cited(j)).count(),
                        c.kind_name.as_str(),
                        c.number.as_str(),
                    )
                })
                .collect();
            docs.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(b.2)));
            let show = if only.is_some() || all {
                docs.len()
            } else {
                SHOWN
            };
            let _ = writeln!(
                s,
                "   {} documents to acquire, most cited first:",
                docs.len()
            );
            for (n, kind, number) in docs.iter().take(show) {
                let _ = writeln!(s, "   {kind} {number} — cited {n} time(s)");
            }
            if only.is_some() || all {
                for l in v {
                    let _ = writeln!(s, "{l}");
                }
            } else if docs.len() > show {
                let _ = writeln!(
                    s,
                    "   … and {} more: kehoach check --only unresolved lists them with every citation",
                    docs.len() - show
                );
            }
            continue;
        }
        let show = if only.is_some() || all {
            v.len()
        } else {
            SHOWN
        };
        for l in v.iter().take(show) {
            let _ = writeln!(s, "{l}");
        }
        if v.len() > show {
            let _ = writeln!(
                s,
                "   … and {} more: kehoach check --only {key}",
                v.len() - show
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(message: &str, kind: &str) {
        assert_eq!(kind_of(&Diagnostic::warning(1, message)), kind, "{message}");
    }

    #[test]
    fn every_message_family_has_its_kind() {
        check(
            "has no text: it is not a document and gets no page; write its text, or remove the file",
            "file",
        );
        check(
            "front matter: the value of `number` is text and must be in quotes: write number = \"15-KH\"",
            "front-matter",
        );
        check(
            "Nghị quyết 28-NQ/TW is not in the site (unresolved citation); add the document under content/plans/ to link it",
            "unresolved",
        );
        check(
            "body \"Ban X\" is not in content/bodies.toml (unregistered body): add it, or add this spelling to the aliases of the body it means",
            "unregistered-body",
        );
        check(
            "deadline \"sớm\" could not be read: write the day, month, quarter or year it means (\"trước ngày 15/3/2027\")",
            "unread-deadline",
        );
        check(
            "deadline \"trước 30/6\" has no year: read as 2023-06-30 from the document date; write the year",
            "deadline-year",
        );
        check(
            "ngày 31/02/2023 is no such day: correct the date in the text (it is given no value)",
            "bad-date",
        );
        check(
            "101-QĐ/TW is cited with two dates (28/02/2023 here, 07/06/2012 on line 41): kept as two documents; check which is meant",
            "citation",
        );
        check(
            "293-KH/TU may mean a, b: state its date or issuer in the text (or front matter) so it resolves to one",
            "citation",
        );
        check(
            "security = \"công khai\" publishes this document although the text carries MẬT: make sure the mark is not real",
            "security",
        );
        check(
            "front matter date = \"x\" is not a date: write it as YYYY-MM-DD",
            "front-matter",
        );
        check(
            "status state = \"xong\" is not a state: write \"done\"",
            "front-matter",
        );
        check(
            "no title (trích yếu) found under the kind word: add `title = \"…\"` to the front matter",
            "no-title",
        );
        check(
            "a propaganda item needs a title: add `title = \"…\"`",
            "no-title",
        );
        check(
            "bodies registry: body \"a\" is its own ancestor (a → b): correct one parent so that the chain ends",
            "registry",
        );
        check(
            "the file is not UTF-8 text (perhaps TCVN3 or VNI-Windows): open it in an editor and save it as UTF-8 (Unicode)",
            "file",
        );
        check(
            "is a symbolic link to a place outside the site: copy the file in instead",
            "file",
        );
        check(
            "has the same page address (van-ban/x/) as y.md: rename one of the two files",
            "file",
        );
        check("something new", "other");
        assert_eq!(kind_of(&Diagnostic::note(0, "kept out: MẬT")), "withheld");
        // Every kind is one `--only` accepts.
        for (k, _) in KINDS {
            assert!(!k.is_empty() && !k.contains(' '));
        }
    }
}
