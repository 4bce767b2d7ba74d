//! Lists of documents and the pages around them: all documents
//! (`van-ban/`, then `van-ban/trang/<n>/`), each kind (`loai/<kind>/`, then
//! `…/trang/<n>/`), each year (`nam/<year>/`, then `…/trang/<n>/`), 50 to a
//! page, each page a job naming what it reads (`Inputs::list_page`: the
//! rows on it, its heading, pager and links); the home page (`index.html`: latest documents and items, kinds,
//! years, the next 90 days of tasks, tasks by state) and `404.html`. Reads
//! the graph's orders (`by_date`, `by_kind`, `by_year`), and for the home
//! page the items (`items`), the calendar (`calendar::next_days`) and
//! tracking (`tracking::state_counts`).

use super::ctx::*;
use super::shell::{crumbs, href, kind_slug, pager, root_for};
use super::{Job, Renderer, Scope, one};
use crate::graph::Graph;
use crate::outfile::OutFile;
use anyhow::Result;

/// The home page, the 404 page, and each list with its pages.
pub fn jobs<'a>(s: &'a Scope<'a>) -> Vec<Job<'a>> {
    let (r, g) = (s.r, s.g);
    let mut jobs = vec![
        one(move || home(s)),
        one(move || {
            let root = if r.config.base_url.ends_with('/') {
                r.config.base_url.clone()
            } else {
                format!("{}/", r.config.base_url)
            };
            r.page(
                "404.html",
                "404.html".into(),
                &NotFoundPage {
                    site: r.site(&root),
                },
            )
        }),
    ];
    let root = root_for("van-ban/");
    let mut links = kind_links(g, &root);
    links.extend(year_links(g, &root));
    list(
        &mut jobs,
        r,
        g,
        "van-ban/".into(),
        "Tất cả văn bản".into(),
        &g.by_date,
        links,
    );
    for (name, docs) in &g.by_kind {
        let url = format!("loai/{}/", kind_slug(name));
        list(&mut jobs, r, g, url, name.clone(), docs, Vec::new());
    }
    for (&y, docs) in &g.by_year {
        let url = format!("nam/{y}/");
        list(
            &mut jobs,
            r,
            g,
            url,
            format!("Văn bản năm {y}"),
            docs,
            Vec::new(),
        );
    }
    jobs
}

/// A list of documents, 50 to a page: `url` then `url/trang/N/`, a job a
/// page, each naming what it reads (`Inputs::list_page`).
fn list<'a>(
    jobs: &mut Vec<Job<'a>>,
    r: &'a Renderer,
    g: &'a Graph,
    url: String,
    heading: String,
    docs: &'a [usize],
    links: Vec<ListLink>,
) {
    const PER_PAGE: usize = 50;
    let pages = docs.len().div_ceil(PER_PAGE).max(1);
    let page_url = move |k: usize| {
        if k == 0 {
            url.clone()
        } else {
            format!("{url}trang/{}/", k + 1)
        }
    };
    for k in 0..pages {
        let here = page_url(k);
        let path = format!("{here}index.html");
        let title = if k == 0 {
            heading.clone()
        } else {
            format!("{heading} — trang {}", k + 1)
        };
        let links = if k == 0 { links.clone() } else { Vec::new() };
        let on_page = &docs[k * PER_PAGE..((k + 1) * PER_PAGE).min(docs.len())];
        let rest = format!("{title}\n{k} {pages}\n{links:?}");
        let page_url = page_url.clone();
        let made = path.clone();
        jobs.push(
            one(move || {
                let root = root_for(&here);
                let pager = pager(k, pages, |p| href(&root, &page_url(p)));
                let page = ListPage {
                    site: r.site(&root),
                    breadcrumb: crumbs(&root, &[], title.clone()),
                    heading: title,
                    pager,
                    docs: on_page.iter().map(|&i| r.doc_row(g, i, &root)).collect(),
                    items: Vec::new(),
                    links,
                };
                r.page("list.html", made, &page)
            })
            .reading(move |inputs| (path.clone(), inputs.list_page(on_page, &rest))),
        );
    }
}

fn kind_links(g: &Graph, root: &str) -> Vec<ListLink> {
    g.by_kind
        .iter()
        .map(|(k, v)| ListLink {
            href: href(root, &format!("loai/{}/", kind_slug(k))),
            label: k.clone(),
            count: v.len(),
        })
        .collect()
}

fn year_links(g: &Graph, root: &str) -> Vec<ListLink> {
    g.by_year
        .iter()
        .rev()
        .map(|(y, v)| ListLink {
            href: href(root, &format!("nam/{y}/")),
            label: y.to_string(),
            count: v.len(),
        })
        .collect()
}

fn home(s: &Scope) -> Result<OutFile> {
    let (r, g) = (s.r, s.g);
    let page = HomePage {
        site: r.site(""),
        description: r.config.description.clone(),
        latest: g
            .by_date
            .iter()
            .take(10)
            .map(|&i| r.doc_row(g, i, ""))
            .collect(),
        items: super::items::newest_first(g)
            .into_iter()
            .take(6)
            .map(|i| r.item_row(g, i, ""))
            .collect(),
        kinds: kind_links(g, ""),
        years: year_links(g, ""),
        total: g.docs.len(),
        next: super::calendar::next_days(r, g, s.f, "")?,
        states: super::tracking::state_counts(r),
        open_directives: r
            .tracking
            .directives
            .iter()
            .filter(|d| d.open && !d.missing.is_empty())
            .count(),
    };
    r.page("index.html", "index.html".into(), &page)
}
