//! Feeds: Atom (RFC 4287) of new documents and propaganda items, the
//! site's (`atom.xml`) and each body's (`co-quan/<id>/atom.xml`: what it
//! issued, what was sent to it, and what gives it tasks), written with the
//! `atom_syndication` crate; iCalendar (RFC 5545) of tasks, the site's
//! (`calendar.ics`), each body's with tasks (`co-quan/<id>/calendar.ics`)
//! and each plan's with deadlines (`van-ban/<path>/calendar.ics`), copied
//! from the events of [`Fragments`]. Reads the graph (documents, items, the
//! per-body indexes); dates come from the documents, never the clock, so a
//! feed only changes when its documents do. The iCalendar feeds name what
//! they read (`inputs::Inputs::tasks`).

use super::fragments::{Fragments, all_tasks, body_tasks_once};
use super::{Job, Scope, one};
use crate::date::Date;
use crate::graph::Graph;
use crate::model::doc_label;
use crate::outfile::OutFile;
use anyhow::Result;
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};

/// The site's feeds, each body's and each plan's.
pub fn jobs<'a>(s: &'a Scope<'a>) -> Vec<Job<'a>> {
    let (r, g, f) = (s.r, s.g, s.f);
    let (base, site) = (&r.config.base_url, &r.config.title);
    let mut jobs = vec![
        one(move || {
            let sources: Vec<Source> = (0..g.docs.len())
                .map(Source::Doc)
                .chain((0..g.items.len()).map(Source::Item))
                .collect();
            let title = format!("Văn bản và tin bài mới — {site}");
            atom(g, base, site, &title, "atom.xml", "", &sources)
        }),
        one(move || {
            let all: Vec<_> = all_tasks(g).collect();
            Ok(ics(f, "calendar.ics".into(), site, &all))
        })
        .reading(move |inputs| {
            let all = all_tasks(g).map(|t| (t, None));
            ("calendar.ics".to_string(), inputs.tasks("", false, all))
        }),
    ];
    for b in 0..g.bodies.bodies.len() {
        let body = &g.bodies.bodies[b];
        jobs.push(one(move || {
            let url = format!("co-quan/{}/", body.id);
            // What it issued, what was sent to it, and what gives it
            // tasks to lead or to take part in.
            let sources: Vec<Source> = g.issued_by[b]
                .iter()
                .chain(&g.received_by[b])
                .copied()
                .chain(g.leads[b].iter().chain(&g.coordinates[b]).map(|t| t.0))
                .map(Source::Doc)
                .collect();
            let title = format!("Văn bản mới — {}", body.name);
            atom(
                g,
                base,
                site,
                &title,
                &format!("{url}atom.xml"),
                &url,
                &sources,
            )
        }));
        if !g.leads[b].is_empty() || !g.coordinates[b].is_empty() {
            let tasks = move || body_tasks_once(g, b).into_iter().map(|t| t.0);
            let path = move || format!("co-quan/{}/calendar.ics", body.id);
            jobs.push(
                one(move || Ok(ics(f, path(), &body.name, &tasks().collect::<Vec<_>>()))).reading(
                    move |inputs| {
                        let shown = tasks().map(|t| (t, None));
                        (path(), inputs.tasks(&body.name, false, shown))
                    },
                ),
            );
        }
    }
    jobs.extend(
        (0..g.docs.len())
            .filter(|&i| g.docs[i].tasks.iter().any(|t| t.deadline.is_some()))
            .map(|i| {
                one(move || {
                    let d = &g.docs[i];
                    let tasks: Vec<_> = (0..d.tasks.len()).map(|k| (i, k)).collect();
                    let path = format!("{}calendar.ics", d.url);
                    Ok(ics(f, path, &doc_label(d), &tasks))
                })
                .reading(move |inputs| {
                    let d = &g.docs[i];
                    let tasks = (0..d.tasks.len()).map(|k| ((i, k), None));
                    let path = format!("{}calendar.ics", d.url);
                    (path, inputs.tasks(&doc_label(d), false, tasks))
                })
            }),
    );
    jobs
}

/// The iCalendar file at `path` named `name` of `tasks`.
fn ics(f: &Fragments, path: String, name: &str, tasks: &[crate::graph::TaskRef]) -> OutFile {
    OutFile {
        path,
        bytes: f.feed(name, tasks).into_bytes(),
    }
}

/// Entries in one feed, newest first.
const ENTRIES: usize = 50;

/// Something a feed announces.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Doc(usize),
    Item(usize),
}

fn when(d: Option<Date>) -> FixedDateTime {
    let d = d.unwrap_or(Date {
        y: 1970,
        m: 1,
        d: 1,
    });
    let text = format!("{:04}-{:02}-{:02}T00:00:00+07:00", d.y, d.m, d.d);
    // The text is always well formed; the fallback is the epoch.
    text.parse().unwrap_or_default()
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(Some(mime.to_string()));
    l
}

/// The date a source sorts by.
fn date_of(g: &Graph, s: Source) -> Option<Date> {
    match s {
        Source::Doc(i) => g.docs[i].meta.date,
        Source::Item(i) => g.items[i].date,
    }
}

/// The feed at `path` ("atom.xml", "co-quan/x/atom.xml") of the newest
/// [`ENTRIES`] of `sources`; `page` is the site page the feed stands for.
fn atom(
    g: &Graph,
    base_url: &str,
    site_title: &str,
    title: &str,
    path: &str,
    page: &str,
    sources: &[Source],
) -> Result<OutFile> {
    let base = base_url.trim_end_matches('/');
    let abs = |url: &str| format!("{base}/{url}");
    let mut v: Vec<(Option<Date>, Source)> = sources.iter().map(|&s| (date_of(g, s), s)).collect();
    // Newest first; undated last; ties in a stable order.
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    v.dedup_by_key(|x| x.1);
    let entries: Vec<Entry> = v
        .iter()
        .take(ENTRIES)
        .map(|&(date, s)| {
            let mut e = Entry::default();
            let (url, heading, summary, author, kind) = match s {
                Source::Doc(i) => {
                    let d = &g.docs[i];
                    (
                        d.url.as_str(),
                        doc_label(d),
                        d.meta.title.clone().unwrap_or_default(),
                        d.meta.issuer.clone(),
                        d.meta.kind_name.clone(),
                    )
                }
                Source::Item(i) => {
                    let it = &g.items[i];
                    (
                        it.url.as_str(),
                        it.title.clone(),
                        String::new(),
                        None,
                        Some(it.kind.clone()),
                    )
                }
            };
            e.set_id(format!("tag:kehoach,2000:{url}"));
            e.set_title(Text::plain(heading));
            e.set_updated(when(date));
            e.set_published(Some(when(date)));
            e.set_links(vec![link(
                abs(&format!("{url}index.html")),
                "alternate",
                "text/html",
            )]);
            if !summary.is_empty() {
                e.set_summary(Some(Text::plain(summary)));
            }
            if let Some(a) = author {
                let mut p = Person::default();
                p.set_name(a);
                e.set_authors(vec![p]);
            }
            if let Some(k) = kind {
                let mut c = Category::default();
                c.set_term(k);
                e.set_categories(vec![c]);
            }
            e
        })
        .collect();
    let mut f = Feed::default();
    f.set_title(Text::plain(title));
    f.set_id(format!("tag:kehoach,2000:{path}"));
    f.set_updated(when(v.first().and_then(|x| x.0)));
    f.set_lang(Some("vi".to_string()));
    let mut site = Person::default();
    site.set_name(site_title);
    f.set_authors(vec![site]);
    f.set_links(vec![
        link(abs(path), "self", "application/atom+xml"),
        link(abs(&format!("{page}index.html")), "alternate", "text/html"),
    ]);
    f.set_entries(entries);
    let bytes = f
        .write_to(Vec::new())
        .map_err(|e| anyhow::anyhow!("writing {path}: {e}"))?;
    Ok(OutFile {
        path: path.to_string(),
        bytes,
    })
}
