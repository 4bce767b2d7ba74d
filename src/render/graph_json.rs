//! `data/graph.json`: the citation graph for other intranet tools — nodes
//! (documents and cited-only documents) and edges, in a stable order.

use super::OutFile;
use crate::graph::{Graph, Node};
use serde::Serialize;

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

#[derive(Serialize)]
struct GraphOut<'a> {
    nodes: Vec<NodeOut<'a>>,
    edges: Vec<EdgeOut>,
}

/// The stable id of a node: "doc:<url>" or "cited:<url>".
pub fn node_id(g: &Graph, n: Node) -> String {
    match n {
        Node::Doc(i) => format!("doc:{}", g.docs[i].url.trim_end_matches('/')),
        Node::Cited(j) => format!("cited:{}", g.cited[j].url.trim_end_matches('/')),
    }
}

pub fn render(g: &Graph) -> anyhow::Result<OutFile> {
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
    let bytes = serde_json::to_vec_pretty(&GraphOut { nodes, edges })?;
    Ok(OutFile {
        path: "data/graph.json".into(),
        bytes,
    })
}
