//! Tracking pages: on a directive's page who has issued documents that
//! implement it and who has not; on a body's page what it must implement;
//! the site page "Tình hình triển khai" ranking open directives by the
//! bodies still missing; task counts by state for the home page.

use super::ctx::{DirectiveRow, ImplRow, ImplementationCtx, ListLink, StateCount, TrackingPage};
use super::{OutFile, Renderer, crumbs, href, root_for};
use crate::graph::Graph;
use crate::tracking::{Directive, Implementation, State};
use anyhow::Result;

/// The page of the tracking overview.
pub const URL: &str = "trien-khai/";
/// Directives listed on a body's page, and on the overview.
const ON_BODY_PAGE: usize = 50;
const ON_OVERVIEW: usize = 200;

impl Renderer<'_> {
    fn body_ref(&self, g: &Graph, b: usize, root: &str) -> ListLink {
        let body = &g.bodies.bodies[b];
        ListLink {
            href: href(root, &format!("co-quan/{}/", body.id)),
            label: body.name.clone(),
            count: 0,
        }
    }

    fn impl_row(&self, g: &Graph, m: &Implementation, root: &str) -> ImplRow {
        ImplRow {
            body: self.body_ref(g, m.body, root),
            doc: self.doc_row(g, m.doc, root),
            days: m.days,
        }
    }

    fn directive_row(
        &self,
        g: &Graph,
        d: &Directive,
        root: &str,
        own: Option<usize>,
    ) -> DirectiveRow {
        DirectiveRow {
            doc: self.doc_row(g, d.doc, root),
            done: d.implemented.len(),
            total: d.expected.len(),
            missing: d.missing.len(),
            own: own.and_then(|b| {
                d.implemented
                    .iter()
                    .find(|m| m.body == b)
                    .map(|m| self.impl_row(g, m, root))
            }),
        }
    }

    /// For a directive's page: "Đã ban hành văn bản triển khai: 12/18".
    pub(super) fn implementation(
        &self,
        g: &Graph,
        i: usize,
        root: &str,
    ) -> Option<ImplementationCtx> {
        let d = &self.tracking.directives[self.tracking.directive_of[i]?];
        Some(ImplementationCtx {
            done: d.implemented.len(),
            total: d.expected.len(),
            implemented: d
                .implemented
                .iter()
                .map(|m| self.impl_row(g, m, root))
                .collect(),
            missing: d
                .missing
                .iter()
                .map(|&b| self.body_ref(g, b, root))
                .collect(),
        })
    }

    /// For a body's page: the open directives it must implement, those it
    /// has not first, newest first within each (the first
    /// [`ON_BODY_PAGE`]), and how many it has not and has implemented.
    pub(super) fn body_directives(
        &self,
        g: &Graph,
        b: usize,
        root: &str,
    ) -> (Vec<DirectiveRow>, usize, usize) {
        let mut rows: Vec<(bool, usize)> = self.tracking.to_implement[b]
            .iter()
            .filter(|&&k| self.tracking.directives[k].open)
            .map(|&k| {
                let d = &self.tracking.directives[k];
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
            .map(|(_, k)| self.directive_row(g, &self.tracking.directives[k], root, Some(b)))
            .collect();
        (shown, missing, done)
    }

    /// Tasks of the site by state, every state that has any.
    pub(super) fn state_counts(&self) -> Vec<StateCount> {
        let mut n = [0usize; State::ALL.len()];
        for t in self.tracking.tasks.iter().flatten() {
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
    pub(super) fn tracking_page(&self, g: &Graph) -> Result<OutFile> {
        let root = root_for(URL);
        let mut open: Vec<&Directive> =
            self.tracking.directives.iter().filter(|d| d.open).collect();
        open.sort_by_key(|d| {
            (
                std::cmp::Reverse(d.missing.len()),
                d.implemented.len(),
                d.doc,
            )
        });
        let page = TrackingPage {
            site: self.site(&root),
            breadcrumb: crumbs(&root, &[], "Tình hình triển khai".into()),
            total: open.len(),
            rows: open
                .into_iter()
                .take(ON_OVERVIEW)
                .map(|d| self.directive_row(g, d, &root, None))
                .collect(),
            states: self.state_counts(),
        };
        self.page("tracking.html", format!("{URL}index.html"), &page)
    }
}
