//! Atom feeds (RFC 4287) of new documents and propaganda items: one for the
//! site (`atom.xml`) and one per body (`co-quan/<id>/atom.xml`: what it
//! issued, what was sent to it, and what gives it tasks). Written with the `atom_syndication`
//! crate; dates come from the documents, never the clock, so a feed only
//! changes when its documents do.

use super::{OutFile, doc_label};
use crate::date::Date;
use crate::graph::Graph;
use anyhow::Result;
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text};

/// Entries in one feed, newest first.
pub const ENTRIES: usize = 50;

/// Something a feed announces.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
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
pub fn feed(
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
