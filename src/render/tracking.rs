//! Implementation tracking: the page "Tình hình triển khai",
//! `trien-khai/`, ranking open directives by the bodies still missing; and
//! the tracking parts of other families' pages: on a directive's page who
//! has issued documents that implement it and who has not
//! ([`implementation`]), on a body's page what it must implement
//! ([`body_directives`]), task counts by state for the home page
//! ([`state_counts`]). Reads `crate::tracking` (built once) and the graph;
//! `data/tracking.json` is data's.

use super::ctx::{DirectiveRow, ImplRow, ImplementationCtx, ListLink, StateCount, TrackingPage};
use super::shell::{crumbs, href, root_for};
use super::{Job, Renderer, Scope, one};
use crate::graph::Graph;
use crate::outfile::OutFile;
use crate::tracking::{Directive, Implementation, State};
use anyhow::Result;

/// The page of the tracking overview.
pub const URL: &str = "trien-khai/";
/// Directives listed on a body's page, and on the overview.
const ON_BODY_PAGE: usize = 50;
const ON_OVERVIEW: usize = 200;

/// The overview page.
pub fn jobs<'a>(s: &'a Scope<'a>) -> Vec<Job<'a>> {
    vec![one(move || tracking_page(s.r, s.g))]
}

fn body_ref(g: &Graph, b: usize, root: &str) -> ListLink {
    let body = &g.bodies.bodies[b];
    ListLink {
        href: href(root, &format!("co-quan/{}/", body.id)),
        label: body.name.clone(),
        count: 0,
    }
}

fn impl_row(r: &Renderer, g: &Graph, m: &Implementation, root: &str) -> ImplRow {
    ImplRow {
        body: body_ref(g, m.body, root),
        doc: r.doc_row(g, m.doc, root),
        days: m.days,
    }
}

fn directive_row(
    r: &Renderer,
    g: &Graph,
    d: &Directive,
    root: &str,
    own: Option<usize>,
) -> DirectiveRow {
    DirectiveRow {
        doc: r.doc_row(g, d.doc, root),
        done: d.implemented.len(),
        total: d.expected.len(),
        missing: d.missing.len(),
        own: own.and_then(|b| {
            d.implemented
                .iter()
                .find(|m| m.body == b)
                .map(|m| impl_row(r, g, m, root))
        }),
    }
}

/// For a directive's page: "Đã ban hành văn bản triển khai: 12/18".
pub(super) fn implementation(
    r: &Renderer,
    g: &Graph,
    i: usize,
    root: &str,
) -> Option<ImplementationCtx> {
    let d = &r.tracking.directives[r.tracking.directive_of[i]?];
    Some(ImplementationCtx {
        done: d.implemented.len(),
        total: d.expected.len(),
        implemented: d
            .implemented
            .iter()
            .map(|m| impl_row(r, g, m, root))
            .collect(),
        missing: d.missing.iter().map(|&b| body_ref(g, b, root)).collect(),
    })
}

/// For a body's page: the open directives it must implement, those it
/// has not first, newest first within each (the first
/// [`ON_BODY_PAGE`]), and how many it has not and has implemented.
pub(super) fn body_directives(
    r: &Renderer,
    g: &Graph,
    b: usize,
    root: &str,
) -> (Vec<DirectiveRow>, usize, usize) {
    let mut rows: Vec<(bool, usize)> = r.tracking.to_implement[b]
        .iter()
        .filter(|&&k| r.tracking.directives[k].open)
        .map(|&k| {
            let d = &r.tracking.directives[k];
            (d.implemented.iter().any(|m| m.body == b), k)
        })
        .collect();
    // Directives are in document order (newest first).
    rows.sort_by_key(|&(done, k)| (done, k));
    let done = rows.iter().filter(|r| r.0).count();
    let missing = rows.len() - done;
    let shown = rows
        .into_iter()
        .take(ON_BODY_PAGE)
        .map(|(_, k)| directive_row(r, g, &r.tracking.directives[k], root, Some(b)))
        .collect();
    (shown, missing, done)
}

/// Tasks of the site by state, every state that has any.
pub(super) fn state_counts(r: &Renderer) -> Vec<StateCount> {
    let mut n = [0usize; State::ALL.len()];
    for t in r.tracking.tasks.iter().flatten() {
        n[State::ALL.iter().position(|&s| s == t.state).unwrap_or(0)] += 1;
    }
    State::ALL
        .iter()
        .zip(n)
        .filter(|&(_, c)| c > 0)
        .map(|(s, count)| StateCount {
            key: s.key(),
            label: s.label(),
            count,
        })
        .collect()
}

/// "Tình hình triển khai": open directives, most bodies missing first.
fn tracking_page(r: &Renderer, g: &Graph) -> Result<OutFile> {
    let root = root_for(URL);
    let mut open: Vec<&Directive> = r.tracking.directives.iter().filter(|d| d.open).collect();
    open.sort_by_key(|d| {
        (
            std::cmp::Reverse(d.missing.len()),
            d.implemented.len(),
            d.doc,
        )
    });
    let page = TrackingPage {
        site: r.site(&root),
        breadcrumb: crumbs(&root, &[], "Tình hình triển khai".into()),
        total: open.len(),
        rows: open
            .into_iter()
            .take(ON_OVERVIEW)
            .map(|d| directive_row(r, g, d, &root, None))
            .collect(),
        states: state_counts(r),
    };
    r.page("tracking.html", format!("{URL}index.html"), &page)
}
