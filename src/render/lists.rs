//! Lists of documents and the pages around them: all documents
//! (`van-ban/`, then `van-ban/trang/<n>/`), each kind (`loai/<kind>/`, then
//! `…/trang/<n>/`), each year (`nam/<year>/`, then `…/trang/<n>/`), 50 to a
//! page; the home page (`index.html`: latest documents and items, kinds,
//! years, the next 90 days of tasks, tasks by state) and `404.html`. Reads
//! the graph's orders (`by_date`, `by_kind`, `by_year`), and for the home
//! page the items (`items`), the calendar (`calendar::next_days`) and
//! tracking (`tracking::state_counts`).

use super::ctx::*;
use super::shell::{crumbs, href, kind_slug, pager, root_for};
use super::{Job, Renderer, Scope, job, one};
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
        job(move || {
            let root = root_for("van-ban/");
            let mut links = kind_links(g, &root);
            links.extend(year_links(g, &root));
            list(r, g, "van-ban/", "Tất cả văn bản".into(), &g.by_date, links)
        }),
    ];
    jobs.extend(g.by_kind.iter().map(|(name, docs)| {
        job(move || {
            list(
                r,
                g,
                &format!("loai/{}/", kind_slug(name)),
                name.clone(),
                docs,
                Vec::new(),
            )
        })
    }));
    jobs.extend(g.by_year.iter().map(|(&y, docs)| {
        job(move || {
            list(
                r,
                g,
                &format!("nam/{y}/"),
                format!("Văn bản năm {y}"),
                docs,
                Vec::new(),
            )
        })
    }));
    jobs
}

/// A list of documents, 50 to a page: `url` then `url/trang/N/`.
fn list(
    r: &Renderer,
    g: &Graph,
    url: &str,
    heading: String,
    docs: &[usize],
    links: Vec<ListLink>,
) -> Result<Vec<OutFile>> {
    const PER_PAGE: usize = 50;
    let pages = docs.len().div_ceil(PER_PAGE).max(1);
    let page_url = |k: usize| {
        if k == 0 {
            url.to_string()
        } else {
            format!("{url}trang/{}/", k + 1)
        }
    };
    let mut out = Vec::with_capacity(pages);
    for k in 0..pages {
        let here = page_url(k);
        let root = root_for(&here);
        let pager = pager(k, pages, |p| href(&root, &page_url(p)));
        let title = if k == 0 {
            heading.clone()
        } else {
            format!("{heading} — trang {}", k + 1)
        };
        let page = ListPage {
            site: r.site(&root),
            breadcrumb: crumbs(&root, &[], title.clone()),
            heading: title,
            pager,
            docs: docs[k * PER_PAGE..((k + 1) * PER_PAGE).min(docs.len())]
                .iter()
                .map(|&i| r.doc_row(g, i, &root))
                .collect(),
            items: Vec::new(),
            links: if k == 0 { links.clone() } else { Vec::new() },
        };
        out.push(r.page("list.html", format!("{here}index.html"), &page)?);
    }
    Ok(out)
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
        next: super::calendar::next_days(r, g, s.f, ""),
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
