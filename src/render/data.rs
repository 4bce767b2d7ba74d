//! Data files for other tools and for search engines: `data/graph.json`
//! (the citation graph: nodes and edges in a stable order),
//! `data/tracking.json` (implementation tracking: per directive who must
//! act, who has and with which document, who has not; per task its bodies,
//! deadline end, state and what closed it; a stable interface like
//! `graph.json`, README "data/tracking.json") and `sitemap.xml` (every page,
//! written only when `base_url` is absolute, as the sitemap protocol asks
//! of its addresses). Reads the graph and `tracking`; the sitemap reads
//! the addresses of every file of the site, so `build` makes it last.
//! `tracking.json` names its inputs (its tasks and its directives); each
//! list of the two JSON files is written in parallel, element by element,
//! into the bytes serde_json would write.

use super::shell::encode_path;
use super::{Job, Scope, one};
use crate::graph::{Graph, Node};
use crate::outfile::OutFile;
use crate::tracking::{Because, Tracking};
use rayon::prelude::*;
use serde::Serialize;

/// `data/graph.json` and `data/tracking.json` (the sitemap waits for every
/// other file: see [`sitemap`]).
pub fn jobs<'a>(s: &'a Scope<'a>) -> Vec<Job<'a>> {
    vec![
        one(move || graph_json(s.g)),
        one(move || tracking_json(s.g, s.r.tracking)).reading(move |inputs| {
            let tasks = super::fragments::all_tasks(s.g).map(|t| (t, None));
            let what = format!("{:?}", directives(s.g, s.r.tracking));
            (
                "data/tracking.json".into(),
                inputs.tasks(&what, false, tasks),
            )
        }),
    ]
}

/// Each of `v` written as JSON, in parallel: compact, or as
/// `serde_json::to_vec_pretty` writes an element of a list that is a
/// field of the outer object (two levels in).
fn json_elements<T: Serialize + Sync>(v: &[T], pretty: bool) -> serde_json::Result<Vec<Vec<u8>>> {
    v.par_iter()
        .map(|x| {
            if !pretty {
                return serde_json::to_vec(x);
            }
            let flat = serde_json::to_vec_pretty(x)?;
            // A string in JSON holds no raw newline: each newline is the
            // writer's, and its line moves two levels in.
            let mut out = Vec::with_capacity(flat.len() + flat.len() / 8);
            for &c in &flat {
                out.push(c);
                if c == b'\n' {
                    out.extend_from_slice(b"    ");
                }
            }
            Ok(out)
        })
        .collect()
}

/// An object whose fields are lists (`name`, its elements as
/// [`json_elements`] wrote them), as `serde_json::to_vec_pretty` (with
/// `pretty`) or `serde_json::to_vec` writes it.
fn json_object_of_lists(fields: &[(&str, Vec<Vec<u8>>)], pretty: bool) -> Vec<u8> {
    let size: usize = fields.iter().flat_map(|f| &f.1).map(|e| e.len() + 6).sum();
    let mut out = Vec::with_capacity(size + 64);
    out.push(b'{');
    for (n, (name, elements)) in fields.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        if pretty {
            out.extend_from_slice(b"\n  ");
        }
        // A name is a JSON string as serde_json writes it.
        out.extend_from_slice(serde_json::Value::from(*name).to_string().as_bytes());
        out.extend_from_slice(if pretty { b": [" } else { b":[" });
        for (k, e) in elements.iter().enumerate() {
            if k > 0 {
                out.push(b',');
            }
            if pretty {
                out.extend_from_slice(b"\n    ");
            }
            out.extend_from_slice(e);
        }
        if pretty && !elements.is_empty() {
            out.extend_from_slice(b"\n  ");
        }
        out.push(b']');
    }
    if pretty && !fields.is_empty() {
        out.push(b'\n');
    }
    out.push(b'}');
    out
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: String,
    in_site: bool,
    number: Option<&'a str>,
    kind_name: Option<&'a str>,
    title: Option<&'a str>,
    issuer: Option<&'a str>,
    date: Option<String>,
    url: &'a str,
}

#[derive(Serialize)]
struct EdgeOut {
    from: String,
    to: String,
    relation: crate::extract::citations::Relation,
    line: usize,
}

/// The stable id of a node: "doc:<url>" or "cited:<url>".
pub fn node_id(g: &Graph, n: Node) -> String {
    match n {
        Node::Doc(i) => format!("doc:{}", g.docs[i].url.trim_end_matches('/')),
        Node::Cited(j) => format!("cited:{}", g.cited[j].url.trim_end_matches('/')),
    }
}

/// Renders `data/graph.json`.
fn graph_json(g: &Graph) -> anyhow::Result<OutFile> {
    let mut nodes: Vec<NodeOut> = g
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| NodeOut {
            id: node_id(g, Node::Doc(i)),
            in_site: true,
            number: d.meta.number.as_deref(),
            kind_name: d.meta.kind_name.as_deref(),
            title: d.meta.title.as_deref(),
            issuer: d.meta.issuer.as_deref(),
            date: d.meta.date.map(|d| d.to_string()),
            url: &d.url,
        })
        .collect();
    nodes.extend(g.cited.iter().enumerate().map(|(j, c)| NodeOut {
        id: node_id(g, Node::Cited(j)),
        in_site: false,
        number: Some(&c.number),
        kind_name: Some(&c.kind_name),
        title: c.topic.as_deref(),
        issuer: c.issuer.as_deref(),
        date: c.date.map(|d| d.to_string()),
        url: &c.url,
    }));
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let mut edges: Vec<EdgeOut> = g
        .edges
        .iter()
        .map(|e| EdgeOut {
            from: node_id(g, Node::Doc(e.from)),
            to: node_id(g, e.to),
            relation: e.relation,
            line: g.docs[e.from].citations[e.cit].line,
        })
        .collect();
    edges.sort_by(|a, b| (&a.from, a.line, &a.to).cmp(&(&b.from, b.line, &b.to)));
    let bytes = json_object_of_lists(
        &[
            ("nodes", json_elements(&nodes, true)?),
            ("edges", json_elements(&edges, true)?),
        ],
        true,
    );
    Ok(OutFile {
        path: "data/graph.json".into(),
        bytes,
    })
}

#[derive(Serialize, Debug)]
struct Implemented<'a> {
    body: &'a str,
    document: &'a str,
    date: Option<String>,
    days: Option<i64>,
}

#[derive(Serialize, Debug)]
struct DirectiveOut<'a> {
    number: Option<&'a str>,
    url: &'a str,
    open: bool,
    expected: Vec<&'a str>,
    implemented: Vec<Implemented<'a>>,
    missing: Vec<&'a str>,
}

#[derive(Serialize)]
struct TaskOut<'a> {
    document: &'a str,
    anchor: String,
    line: usize,
    bodies: Vec<&'a str>,
    deadline_end: Option<String>,
    state: &'static str,
    next_due: Option<String>,
    /// The report (its page) that marked it reported.
    report: Option<&'a str>,
    /// The document (its page) that replaced its own.
    closed_by: Option<&'a str>,
    recorded: Option<crate::model::Recorded>,
    recorded_date: Option<String>,
    note: Option<&'a str>,
}

/// `data/tracking.json`'s directives: each one's document, who must act,
/// who has (with which document, when) and who has not.
fn directives<'g>(g: &'g Graph, t: &Tracking) -> Vec<DirectiveOut<'g>> {
    let id = |b: usize| g.bodies.bodies[b].id.as_str();
    let url = |i: usize| g.docs[i].url.as_str();
    t.directives
        .iter()
        .map(|d| DirectiveOut {
            number: g.docs[d.doc].meta.number.as_deref(),
            url: url(d.doc),
            open: d.open,
            expected: d.expected.iter().map(|&b| id(b)).collect(),
            implemented: d
                .implemented
                .iter()
                .map(|m| Implemented {
                    body: id(m.body),
                    document: url(m.doc),
                    date: m.date.map(|x| x.to_string()),
                    days: m.days,
                })
                .collect(),
            missing: d.missing.iter().map(|&b| id(b)).collect(),
        })
        .collect()
}

/// Renders `data/tracking.json`.
fn tracking_json(g: &Graph, t: &Tracking) -> anyhow::Result<OutFile> {
    let id = |b: usize| g.bodies.bodies[b].id.as_str();
    let url = |i: usize| g.docs[i].url.as_str();
    let directives = directives(g, t);
    let mut tasks = Vec::new();
    for &i in &g.by_date {
        let d = &g.docs[i];
        for (k, task) in d.tasks.iter().enumerate() {
            let s = &t.tasks[i][k];
            let tb = &g.task_bodies[i][k];
            let (mut report, mut closed_by, mut recorded, mut recorded_date, mut note) =
                (None, None, None, None, None);
            match &s.because {
                Some(Because::Report { doc }) => report = Some(url(*doc)),
                Some(Because::Replaced { by }) => closed_by = Some(url(*by)),
                Some(Because::Recorded {
                    recorded: r,
                    date,
                    note: n,
                }) => {
                    recorded = Some(*r);
                    recorded_date = date.map(|x| x.to_string());
                    note = n.as_deref();
                }
                Some(Because::Old) | None => {}
            }
            tasks.push(TaskOut {
                document: url(i),
                anchor: format!("L{}", task.line),
                line: task.line,
                bodies: tb.lead.iter().map(|&b| id(b)).collect(),
                deadline_end: task
                    .deadline
                    .as_ref()
                    .and_then(|x| x.end)
                    .map(|x| x.to_string()),
                state: s.state.key(),
                next_due: s.next_due.map(|x| x.to_string()),
                report,
                closed_by,
                recorded,
                recorded_date,
                note,
            });
        }
    }
    let bytes = json_object_of_lists(
        &[
            ("directives", json_elements(&directives, false)?),
            ("tasks", json_elements(&tasks, false)?),
        ],
        false,
    );
    Ok(OutFile {
        path: "data/tracking.json".into(),
        bytes,
    })
}

/// The sitemap of the site whose files are at `paths` (sorted): each `…/index.html` as its
/// folder's address, the 404 page left out.
pub fn sitemap(base_url: &str, paths: &[&str]) -> Option<OutFile> {
    let lower = base_url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let base = if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    };
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let Some(dir) = path.strip_suffix("index.html") else {
            continue;
        };
        if !(dir.is_empty() || dir.ends_with('/')) {
            continue;
        }
        s.push_str("<url><loc>");
        s.push_str(&crate::markdown::escape(&format!(
            "{base}{}",
            encode_path(dir)
        )));
        s.push_str("</loc></url>\n");
    }
    s.push_str("</urlset>\n");
    Some(OutFile {
        path: "sitemap.xml".into(),
        bytes: s.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(base: &str, paths: &[&str], want: Option<&[&str]>) {
        let got = sitemap(base, paths).map(|f| {
            let s = String::from_utf8(f.bytes).unwrap();
            s.split("<loc>")
                .skip(1)
                .map(|x| x[..x.find("</loc>").unwrap()].to_string())
                .collect::<Vec<_>>()
        });
        assert_eq!(
            got,
            want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
            "{base} {paths:?}"
        );
    }

    #[test]
    fn pages_as_absolute_addresses() {
        let pages = [
            "404.html",
            "index.html",
            "style.css",
            "van-ban/index.html",
            "van-ban/x/index.html",
            "van-ban/x/12.pdf",
            "xindex.html",
        ];
        check(
            "https://cong.vn/",
            &pages,
            Some(&[
                "https://cong.vn/",
                "https://cong.vn/van-ban/",
                "https://cong.vn/van-ban/x/",
            ]),
        );
        check(
            "https://cong.vn",
            &["index.html"],
            Some(&["https://cong.vn/"]),
        );
        check(
            "https://a.vn/?x=1&y",
            &["index.html"],
            Some(&["https://a.vn/?x=1&amp;y/"]),
        );
        // A relative base cannot make the protocol's absolute addresses.
        check("/", &pages, None);
        check("", &pages, None);
    }
}

#[cfg(test)]
mod json_tests {
    use super::*;
    use serde_json::{Value, json};

    /// An object of two lists written in parallel is the object
    /// serde_json writes, compact and pretty.
    fn check(a: &[Value], b: &[Value]) {
        #[derive(Serialize)]
        struct Two<'a> {
            nodes: &'a [Value],
            edges: &'a [Value],
        }
        let two = Two { nodes: a, edges: b };
        for pretty in [false, true] {
            let want = if pretty {
                serde_json::to_vec_pretty(&two)
            } else {
                serde_json::to_vec(&two)
            }
            .unwrap();
            let fields = [
                ("nodes", json_elements(a, pretty).unwrap()),
                ("edges", json_elements(b, pretty).unwrap()),
            ];
            let got = json_object_of_lists(&fields, pretty);
            assert_eq!(String::from_utf8(got), String::from_utf8(want));
        }
    }

    #[test]
    fn lists_written_in_parallel_are_serde_json() {
        let node = json!({"id": "doc:van-ban/a", "in_site": true, "number": null,
            "title": "Kế hoạch \"số 1\"\nhai dòng\t\\", "date": "2026-01-02"});
        let nested = json!({"expected": [], "implemented": [{"body": "x", "days": -3},
            {"body": "y", "days": null}], "missing": ["a", "b"], "empty": {}, "deep": [[1, [2, []]]]});
        check(&[], &[]);
        check(std::slice::from_ref(&node), &[]);
        check(&[], std::slice::from_ref(&nested));
        check(
            &[
                node.clone(),
                nested.clone(),
                json!(1),
                json!("s"),
                json!(null),
            ],
            &[nested.clone(), node],
        );
        check(
            &[json!([]), json!({}), json!([{}])],
            &[json!(-0.5), json!(true)],
        );
    }
}
