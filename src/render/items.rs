//! Propaganda items (tin bài tuyên truyền): the list `tuyen-truyen/` and
//! a page for each item, `tuyen-truyen/<path>/` (its text and the
//! documents it promotes). Reads the graph's items and, for what they
//! promote, its numbers (`Graph::by_number`).

use super::ctx::*;
use super::shell::{BODY, crumbs, root_for};
use super::{Job, Renderer, Scope, one};
use crate::graph::Graph;
use crate::markdown;
use crate::outfile::OutFile;
use anyhow::Result;

/// The list and a page per item.
pub fn jobs<'a>(s: &'a Scope<'a>) -> Vec<Job<'a>> {
    let (r, g) = (s.r, s.g);
    let mut jobs = vec![one(move || items_list(r, g))];
    jobs.extend((0..g.items.len()).map(|i| one(move || item(r, g, i))));
    jobs
}

/// The items, newest first (then by path).
pub(super) fn newest_first(g: &Graph) -> Vec<usize> {
    let mut v: Vec<usize> = (0..g.items.len()).collect();
    v.sort_by(|&a, &b| {
        g.items[b]
            .date
            .cmp(&g.items[a].date)
            .then_with(|| g.items[a].path.cmp(&g.items[b].path))
    });
    v
}

fn item(r: &Renderer, g: &Graph, i: usize) -> Result<OutFile> {
    let it = &g.items[i];
    let root = root_for(&it.url);
    let md = markdown::render(&it.body, it.body_line, &[], &|_, _| None);
    let promotes = it
        .promotes
        .iter()
        .filter_map(|n| g.by_number.get(n).map(|&node| r.node_row(g, node, &root)))
        .collect();
    let page = ItemPage {
        site: r.site(&root),
        breadcrumb: crumbs(
            &root,
            &[("Tuyên truyền", "tuyen-truyen/")],
            crate::text::cut_words(&it.title, 40),
        ),
        item: r.item_row(g, i, &root),
        html: BODY,
        promotes,
    };
    r.page_with_body(
        "item.html",
        format!("{}index.html", it.url),
        &page,
        Some(&md.html),
    )
}

fn items_list(r: &Renderer, g: &Graph) -> Result<OutFile> {
    let url = "tuyen-truyen/";
    let root = root_for(url);
    let page = ListPage {
        site: r.site(&root),
        breadcrumb: crumbs(&root, &[], "Tuyên truyền".to_string()),
        heading: "Tuyên truyền".into(),
        pager: Vec::new(),
        docs: Vec::new(),
        items: newest_first(g)
            .into_iter()
            .map(|i| r.item_row(g, i, &root))
            .collect(),
        links: Vec::new(),
    };
    r.page("list.html", format!("{url}index.html"), &page)
}
