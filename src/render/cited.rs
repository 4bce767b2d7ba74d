//! Documents known only from citations: a page for each,
//! `van-ban/trich-dan/<number>[-<year>-<mmdd>][-<n>]/` (its number, kind,
//! issuer and topic as cited, what cites it by relation, its
//! implementation tree, the items promoting it). Reads the graph's
//! cited-only documents (`Graph::cited`, whose addresses the graph gives)
//! and the relations view and tree of `documents`. Each page names what
//! it reads (`inputs::Inputs::cited`).

use super::ctx::*;
use super::documents::{promoting, relations, tree};
use super::shell::{crumbs, root_for};
use super::{Job, Renderer, Scope, one};
use crate::graph::{Graph, Node};
use crate::outfile::OutFile;
use anyhow::Result;

/// A page per cited-only document.
pub fn jobs<'a>(s: &'a Scope<'a>) -> Vec<Job<'a>> {
    (0..s.g.cited.len())
        .map(|j| {
            one(move || cited(s.r, s.g, j)).reading(move |inputs| {
                let url = &s.g.cited[j].url;
                (format!("{url}index.html"), inputs.cited(s.g, j))
            })
        })
        .collect()
}

fn cited(r: &Renderer, g: &Graph, j: usize) -> Result<OutFile> {
    let c = &g.cited[j];
    let root = root_for(&c.url);
    let (tree, tree_svg) = tree(g, Node::Cited(j), &root);
    let page = CitedPage {
        site: r.site(&root),
        breadcrumb: crumbs(&root, &[("Văn bản", "van-ban/")], c.number.clone()),
        doc: r.node_row(g, Node::Cited(j), &root),
        topic: c.topic.clone(),
        rel: relations(r, g, Node::Cited(j), &root),
        tree,
        tree_svg,
        items: promoting(r, g, Some(&c.number), &root),
    };
    r.page("cited.html", format!("{}index.html", c.url), &page)
}
