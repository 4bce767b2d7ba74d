//! Bodies (cơ quan): the registry's hierarchy, `co-quan/`, and a page for
//! each body, `co-quan/<id>/` (what it issued and received, its tasks by
//! state, its deadlines by quarter, the directives it must implement).
//! Reads the registry and the graph's per-body indexes (`issued_by`,
//! `received_by`, `leads`, `coordinates`), the calendar
//! (`calendar::body_tasks`, `calendar::body_timeline`) and tracking
//! (`tracking::body_directives`). A body's calendar (`co-quan/<id>/lich/`)
//! is the calendar's, its feeds (`atom.xml`, `calendar.ics`) are feeds.

use super::calendar::{body_tasks, body_timeline};
use super::ctx::*;
use super::shell::{crumbs, href, root_for};
use super::tracking::body_directives;
use super::{Job, Scope, one};
use crate::graph::Graph;
use crate::outfile::OutFile;
use anyhow::Result;

/// The bodies' index and a page per body.
pub fn jobs<'a>(s: &'a Scope<'a>) -> Vec<Job<'a>> {
    let mut jobs = vec![one(move || bodies_index(s))];
    jobs.extend((0..s.g.bodies.bodies.len()).map(|b| one(move || body(s, b))));
    jobs
}

fn body_link(g: &Graph, id: &str, root: &str) -> Option<ListLink> {
    let i = g.bodies.index_of(id)?;
    Some(ListLink {
        href: href(root, &format!("co-quan/{id}/")),
        label: g.bodies.bodies[i].name.clone(),
        count: 0,
    })
}

fn body(s: &Scope, b: usize) -> Result<OutFile> {
    let (r, g, f) = (s.r, s.g, s.f);
    let body = &g.bodies.bodies[b];
    let url = format!("co-quan/{}/", body.id);
    let root = root_for(&url);
    let issued = g.issued_by[b]
        .iter()
        .map(|&i| r.doc_row(g, i, &root))
        .collect();
    let received = g.received_by[b]
        .iter()
        .map(|&i| r.doc_row(g, i, &root))
        .collect();
    let (directives, directives_missing, directives_done) = body_directives(r, g, b, &root);
    let page = BodyPage {
        site: r.site(&root),
        breadcrumb: crumbs(&root, &[("Cơ quan", "co-quan/")], body.name.clone()),
        id: body.id.clone(),
        name: body.name.clone(),
        aliases: body.aliases.clone(),
        code: body.code.clone(),
        parent: body.parent.as_deref().and_then(|p| body_link(g, p, &root)),
        children: g
            .bodies
            .children(b)
            .into_iter()
            .filter_map(|c| body_link(g, &g.bodies.bodies[c].id, &root))
            .collect(),
        successor: body
            .successor
            .as_deref()
            .and_then(|p| body_link(g, p, &root)),
        predecessor: body
            .predecessor
            .as_deref()
            .and_then(|p| body_link(g, p, &root)),
        issued,
        received,
        tasks: body_tasks(r, g, f, b, &root)?,
        timeline: body_timeline(r, g, b, &root, &format!("{url}lich/")),
        calendar: (!g.leads[b].is_empty() || !g.coordinates[b].is_empty())
            .then(|| href(&root, &format!("{url}lich/"))),
        directives,
        directives_missing,
        directives_done,
    };
    r.page("body.html", format!("{url}index.html"), &page)
}

fn bodies_index(s: &Scope) -> Result<OutFile> {
    let (r, g) = (s.r, s.g);
    let url = "co-quan/";
    let root = root_for(url);
    // The registry's hierarchy: each body under its parent, siblings
    // in Vietnamese order; a body whose parent is unknown (or in a
    // cycle) at the top.
    let all = &g.bodies.bodies;
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); all.len()];
    let mut tops = Vec::new();
    for (i, b) in all.iter().enumerate() {
        match b.parent.as_deref().and_then(|p| g.bodies.index_of(p)) {
            Some(p) if p != i => kids[p].push(i),
            _ => tops.push(i),
        }
    }
    fn by_name(v: &mut [usize], all: &[crate::bodies::Body]) {
        let mut named: Vec<(&str, usize)> = v.iter().map(|&i| (all[i].name.as_str(), i)).collect();
        crate::collate::sort_by_key(&mut named, |p| p.0);
        for (slot, (_, i)) in v.iter_mut().zip(named) {
            *slot = i;
        }
    }
    by_name(&mut tops, all);
    for v in &mut kids {
        by_name(v, all);
    }
    let mut bodies = Vec::with_capacity(all.len());
    let mut seen = vec![false; all.len()];
    let mut stack: Vec<(usize, usize)> = tops.iter().rev().map(|&i| (i, 0)).collect();
    let visit =
        |stack: &mut Vec<(usize, usize)>, bodies: &mut Vec<BodyRow>, seen: &mut Vec<bool>| {
            while let Some((i, depth)) = stack.pop() {
                if std::mem::replace(&mut seen[i], true) {
                    continue;
                }
                bodies.push(BodyRow {
                    href: href(&root, &format!("co-quan/{}/", all[i].id)),
                    label: all[i].name.clone(),
                    count: g.leads[i].len() + g.coordinates[i].len(),
                    depth: depth.min(4),
                });
                stack.extend(kids[i].iter().rev().map(|&k| (k, depth + 1)));
            }
        };
    visit(&mut stack, &mut bodies, &mut seen);
    // Bodies only reachable through a cycle of parents.
    for i in 0..all.len() {
        if !seen[i] {
            stack.push((i, 0));
            visit(&mut stack, &mut bodies, &mut seen);
        }
    }
    let page = BodiesPage {
        site: r.site(&root),
        breadcrumb: crumbs(&root, &[], "Cơ quan".to_string()),
        bodies,
    };
    r.page("bodies.html", format!("{url}index.html"), &page)
}
