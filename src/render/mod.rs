//! Rendering: the read-only graph becomes pages, in parallel. Produces
//! bytes in memory; only `output` writes them.

pub mod atom;
pub mod calendar;
pub mod ctx;
pub mod fragments;
pub mod graph_json;
pub mod search;
pub mod sitemap;
pub mod svg;
pub mod theme;
pub mod tracking;
pub mod tracking_json;

use crate::config::Config;
use crate::date::Date;
use crate::extract::citations::Relation;
use crate::graph::{Graph, Node};
use crate::kinds;
use crate::markdown;
use crate::text::slug;
use anyhow::{Context as _, Result};
use ctx::*;
use fragments::Fragments;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;

/// One file of the built site.
pub struct OutFile {
    /// Path relative to the output folder, with '/' separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything rendering needs besides the graph.
pub struct Renderer<'a> {
    pub config: &'a Config,
    pub tera: tera::Tera,
    pub static_files: Vec<(String, String)>,
    pub today: Date,
    pub tracking: &'a crate::tracking::Tracking,
    /// The theme keeps the default `task.html`, minified: task rows are
    /// written by [`calendar::default_task_row`], the same bytes without a
    /// template context per row.
    pub default_task_row: bool,
}

/// A breadcrumb: home, then `trail` (label, site-relative URL), then the
/// current page, unlinked.
fn crumbs(root: &str, trail: &[(&str, &str)], here: String) -> Vec<Crumb> {
    let mut v = vec![Crumb {
        label: "Trang chủ".into(),
        href: Some(href(root, "")),
    }];
    v.extend(trail.iter().map(|(label, url)| Crumb {
        label: label.to_string(),
        href: Some(href(root, url)),
    }));
    v.push(Crumb {
        label: here,
        href: None,
    });
    v
}

/// "../../" for a page at `url` ("van-ban/x/").
fn root_for(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// A link from a page with prefix `root` to the page at `url`.
fn href(root: &str, url: &str) -> String {
    format!("{root}{url}index.html")
}

/// The tag a list shows beside a document that is no longer as issued.
fn standing_tag(s: &crate::graph::Standing) -> Option<&'static str> {
    if !s.replaced_by.is_empty() {
        Some("Bị thay thế")
    } else if !s.repealed_by.is_empty() {
        Some("Bị bãi bỏ")
    } else if !s.amended_by.is_empty() {
        Some("Được sửa đổi, bổ sung")
    } else {
        None
    }
}

/// A document page's "Tình trạng": "Còn hiệu lực", else what replaced,
/// repealed or amended it, linked to the first of them.
fn standing_field(g: &Graph, s: &crate::graph::Standing, root: &str) -> (String, Option<String>) {
    let names = |v: &[usize]| {
        v.iter()
            .map(|&j| doc_label(&g.docs[j]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let first = |v: &[usize]| v.first().map(|&j| href(root, &g.docs[j].url));
    if !s.replaced_by.is_empty() {
        (
            format!("Hết hiệu lực — bị thay thế bởi {}", names(&s.replaced_by)),
            first(&s.replaced_by),
        )
    } else if !s.repealed_by.is_empty() {
        (
            format!("Hết hiệu lực — bị bãi bỏ bởi {}", names(&s.repealed_by)),
            first(&s.repealed_by),
        )
    } else if !s.amended_by.is_empty() {
        (
            format!(
                "Còn hiệu lực — được sửa đổi, bổ sung bởi {}",
                names(&s.amended_by)
            ),
            first(&s.amended_by),
        )
    } else {
        ("Còn hiệu lực".to_string(), None)
    }
}

/// Links to the pages of a list from its page `k` (of `pages`): the first,
/// the last and the two either side of `k`, so each page holds a handful
/// of links however long the list. Empty when there is one page.
fn pager(k: usize, pages: usize, link: impl Fn(usize) -> String) -> Vec<PageLink> {
    if pages <= 1 {
        return Vec::new();
    }
    let near = k.saturating_sub(2)..=(k + 2).min(pages - 1);
    let mut shown: Vec<usize> = std::iter::once(0)
        .chain(near)
        .chain(std::iter::once(pages - 1))
        .collect();
    shown.dedup();
    let mut out = Vec::with_capacity(shown.len() + 2);
    let mut last = None;
    for p in shown {
        if last.is_some_and(|l: usize| p > l + 1) {
            out.push(PageLink {
                href: String::new(),
                label: "…".into(),
                current: false,
            });
        }
        out.push(PageLink {
            href: link(p),
            label: (p + 1).to_string(),
            current: p == k,
        });
        last = Some(p);
    }
    out
}

/// Stands for a page's text while its template is rendered and minified.
const BODY: &str = "\u{E000}kehoach-text\u{E000}";

/// How a document is named in short lists: "Kế hoạch 12-KH/TW", else its title.
pub fn doc_label(d: &crate::model::Document) -> String {
    let m = &d.meta;
    match (&m.kind_name, &m.number) {
        (Some(k), Some(n)) => format!("{k} {n}"),
        (None, Some(n)) => n.clone(),
        // No number (an unnumbered or unsigned text): its kind and its
        // trích yếu, cut at a word; else its file's name.
        (k, None) => {
            let t = m.title.as_deref().map(crate::text::collapse_ws);
            let t = match t.filter(|t| !t.is_empty()) {
                Some(t) => t,
                None => d
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
                    .unwrap_or_default(),
            };
            let full = match k {
                Some(k) if !crate::text::lower(&t).starts_with(&crate::text::lower(k)) => {
                    format!("{k} {t}")
                }
                _ => t,
            };
            crate::text::cut_words(&full, 80)
        }
    }
}

/// `body` (starting at file line `first`) with the lines of `spans`
/// (1-based file lines, inclusive) left blank, so every other line keeps
/// its number.
fn without_lines<'a>(body: &'a str, first: usize, spans: &[(usize, usize)]) -> Cow<'a, str> {
    if spans.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    for (k, line) in body.split_inclusive('\n').enumerate() {
        let n = first + k;
        if spans.iter().any(|&(a, b)| (a..=b).contains(&n)) {
            if line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// Rows grouped by relation, in the order of `Relation` (thực hiện,
/// thay thế, sửa đổi, bãi bỏ, báo cáo, dẫn chiếu), each group keeping the
/// order of its rows.
fn group<T>(
    rows: impl IntoIterator<Item = (Relation, T)>,
    label: fn(Relation) -> &'static str,
) -> Vec<RelGroup<T>> {
    let mut by: Vec<(Relation, Vec<T>)> = Vec::new();
    for (r, t) in rows {
        match by.iter_mut().find(|(x, _)| *x == r) {
            Some((_, v)) => v.push(t),
            None => by.push((r, vec![t])),
        }
    }
    by.sort_by_key(|(r, _)| *r as u8);
    by.into_iter()
        .map(|(r, rows)| RelGroup {
            label: label(r),
            rows,
        })
        .collect()
}

fn kind_slug(name: &str) -> String {
    kinds::by_name(name)
        .map(|k| k.slug.to_string())
        .unwrap_or_else(|| slug(name))
}

impl Renderer<'_> {
    fn site(&self, root: &str) -> SiteCtx {
        SiteCtx {
            title: self.config.title.clone(),
            lang: self.config.language.clone(),
            root: root.to_string(),
            build_date: self.today.vn(),
        }
    }

    fn page<T: Serialize>(&self, template: &str, path: String, ctx: &T) -> Result<OutFile> {
        self.page_with_body(template, path, ctx, None)
    }

    /// Renders a page whose context holds [`BODY`] in place of `body`, then
    /// puts the body (HTML from Markdown) in: the body is never passed
    /// through Tera's context as one more long string.
    fn page_with_body<T: Serialize>(
        &self,
        template: &str,
        path: String,
        ctx: &T,
        body: Option<&str>,
    ) -> Result<OutFile> {
        let context = tera::Context::from_serialize(ctx).map_err(|e| anyhow::anyhow!("{e}"))?;
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| anyhow::anyhow!("rendering {path} with {template}: {e:?}"))?;
        // Templates were minified once when loaded (theme::tera): pages are
        // compact as rendered.
        let html = match body {
            None => html,
            Some(body) => {
                let at = html.find(BODY).with_context(|| {
                    format!("{template}: the page text (`{{{{ html | safe }}}}`) is missing")
                })?;
                let mut out = String::with_capacity(html.len() + body.len());
                out.push_str(&html[..at]);
                out.push_str(body);
                out.push_str(&html[at + BODY.len()..]);
                out
            }
        };
        let bytes = html.into_bytes();
        Ok(OutFile { path, bytes })
    }

    fn doc_row(&self, g: &Graph, i: usize, root: &str) -> DocRow {
        let d = &g.docs[i];
        DocRow {
            href: href(root, &d.url),
            number: d.meta.number.clone(),
            kind_name: d.meta.kind_name.clone(),
            title: d.meta.title.clone().unwrap_or_else(|| {
                d.path
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default()
            }),
            date: d.meta.date.map(Date::vn),
            issuer: d.meta.issuer.clone(),
            in_site: true,
            standing: standing_tag(&g.standing(Node::Doc(i))),
        }
    }

    fn node_row(&self, g: &Graph, n: Node, root: &str) -> DocRow {
        match n {
            Node::Doc(i) => self.doc_row(g, i, root),
            Node::Cited(j) => {
                let c = &g.cited[j];
                DocRow {
                    href: href(root, &c.url),
                    number: Some(c.number.clone()),
                    kind_name: Some(c.kind_name.clone()),
                    title: c
                        .topic
                        .clone()
                        .map(|t| format!("về {t}"))
                        .unwrap_or_default(),
                    date: c.date.map(Date::vn),
                    issuer: c.issuer.clone(),
                    in_site: false,
                    standing: standing_tag(&g.standing(n)),
                }
            }
        }
    }

    fn item_row(&self, g: &Graph, i: usize, root: &str) -> ItemRow {
        let it = &g.items[i];
        ItemRow {
            href: href(root, &it.url),
            title: it.title.clone(),
            kind: it.kind.clone(),
            date: it.date.map(Date::vn),
        }
    }

    fn backlinks(&self, g: &Graph, n: Node, root: &str) -> Vec<BacklinkRow> {
        g.cited_by(n)
            .map(|e| {
                let d = &g.docs[e.from];
                let c = &d.citations[e.cit];
                let m = &d.meta;
                let meta = match (&m.issuer, m.date) {
                    (Some(i), Some(t)) => format!("{i}, {}", t.vn()),
                    (Some(i), None) => i.clone(),
                    (None, Some(t)) => t.vn(),
                    (None, None) => String::new(),
                };
                // A citation in the header (the trích yếu) is shown by the
                // page's title, not by a line of its text.
                let shown = d
                    .shown_apart
                    .iter()
                    .any(|&(a, b)| (a..=b).contains(&c.line));
                BacklinkRow {
                    label: doc_label(d),
                    at: if shown {
                        href(root, &d.url)
                    } else {
                        format!("{}#L{}", href(root, &d.url), c.line)
                    },
                    meta,
                    text: c.text.clone(),
                }
            })
            .collect()
    }

    /// The implementation tree of `n`: level by level for the list, and
    /// drawn as a picture.
    fn tree(&self, g: &Graph, n: Node, root: &str) -> (Vec<TreeLevel>, String) {
        let levels = g.implementation_levels(n);
        if levels.is_empty() {
            return (Vec::new(), String::new());
        }
        // The picture: depth first from `n`, each document under the one it
        // implements.
        let mut children: std::collections::HashMap<Node, Vec<usize>> =
            std::collections::HashMap::new();
        for &(child, parent) in levels.iter().flatten() {
            children.entry(parent).or_default().push(child);
        }
        let own = match n {
            Node::Doc(i) => doc_label(&g.docs[i]),
            Node::Cited(j) => format!("{} {}", g.cited[j].kind_name, g.cited[j].number),
        };
        let mut nodes = vec![svg::TreeNode {
            depth: 0,
            label: own.clone(),
            href: None,
        }];
        let total: usize = levels.iter().map(Vec::len).sum();
        let mut stack: Vec<(Node, usize)> = vec![(n, 0)];
        while let Some((at, depth)) = stack.pop() {
            for &c in children.get(&at).into_iter().flatten().rev() {
                stack.push((Node::Doc(c), depth + 1));
            }
            if at != n {
                if nodes.len() >= svg::TREE_ROWS {
                    break;
                }
                let Node::Doc(i) = at else { continue };
                nodes.push(svg::TreeNode {
                    depth,
                    label: doc_label(&g.docs[i]),
                    href: Some(href(root, &g.docs[i].url)),
                });
            }
        }
        let picture = svg::tree(
            &format!("Cây triển khai {own}: {total} văn bản thực hiện"),
            &nodes,
            total + 1 - nodes.len(),
        );
        let rows = levels
            .into_iter()
            .enumerate()
            .map(|(k, rows)| TreeLevel {
                level: k + 1,
                rows: rows
                    .into_iter()
                    .map(|(child, parent)| {
                        let d = &g.docs[child];
                        TreeRow {
                            label: doc_label(d),
                            href: href(root, &d.url),
                            issuer: d.meta.issuer.clone(),
                            implements: match parent {
                                Node::Doc(p) => g.docs[p]
                                    .meta
                                    .number
                                    .clone()
                                    .unwrap_or_else(|| doc_label(&g.docs[p])),
                                Node::Cited(j) => g.cited[j].number.clone(),
                            },
                        }
                    })
                    .collect(),
            })
            .collect();
        (rows, picture)
    }

    fn promoting(&self, g: &Graph, number: Option<&str>, root: &str) -> Vec<ItemRow> {
        number
            .map(|n| {
                g.items_promoting(n)
                    .iter()
                    .map(|&i| self.item_row(g, i, root))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn document(&self, g: &Graph, i: usize) -> Result<OutFile> {
        let d = &g.docs[i];
        let root = root_for(&d.url);
        let (tree, tree_svg) = self.tree(g, Node::Doc(i), &root);
        let targets = &g.targets[i];
        // Number → its citations (several when dates differ), so that a
        // text with many numbers costs one lookup per number.
        let mut by_number: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        for (k, c) in d.citations.iter().enumerate() {
            by_number.entry(c.number.as_str()).or_default().push(k);
        }
        let link = |number: &str, line: usize| -> Option<String> {
            let ks = by_number.get(number)?;
            let k = ks
                .iter()
                .copied()
                .find(|&k| d.citations[k].mentions.binary_search(&line).is_ok())
                .unwrap_or(ks[0]);
            targets[k].map(|n| href(&root, g.node_url(n)))
        };
        let aliases: Vec<(&str, &str)> = d
            .citations
            .iter()
            .flat_map(|c| c.aliases.iter().map(|a| (a.as_str(), c.number.as_str())))
            .collect();
        let body = without_lines(&d.body, d.body_line, &d.shown_apart);
        let r = markdown::render(&body, d.body_line, &aliases, &link);
        let m = &d.meta;
        let mut fields = Vec::new();
        let mut push = |label: &'static str, v: Option<String>, href: Option<String>| {
            if let Some(value) = v {
                fields.push(Field { label, value, href });
            }
        };
        push("Số và ký hiệu", m.number.clone(), None);
        push(
            "Loại văn bản",
            m.kind_name.clone(),
            m.kind_name
                .as_deref()
                .map(|k| href(&root, &format!("loai/{}/", kind_slug(k)))),
        );
        let issuer_href =
            g.issuer_body[i].map(|b| href(&root, &format!("co-quan/{}/", g.bodies.bodies[b].id)));
        push("Cơ quan ban hành", m.issuer.clone(), issuer_href);
        push(
            "Ngày ban hành",
            m.date.map(Date::vn),
            m.date.map(|d| href(&root, &format!("nam/{}/", d.y))),
        );
        push("Nơi ban hành", m.place.clone(), None);
        let signer = m
            .signer
            .clone()
            .map(|s| match (&m.signer_authority, &m.signer_title) {
                (Some(a), Some(t)) => format!("{s} ({a}, {t})"),
                (None, Some(t)) => format!("{s} ({t})"),
                _ => s,
            });
        push("Người ký", signer, None);
        let (status, status_href) = standing_field(g, &g.standing(Node::Doc(i)), &root);
        push("Tình trạng", Some(status), status_href);
        if !d.marks.limits.is_empty() {
            let limits: Vec<&str> = d.marks.limits.iter().map(|(l, _)| l.label()).collect();
            push("Phạm vi lưu hành", Some(limits.join("; ")), None);
        }
        push(
            "Độ khẩn",
            d.marks.urgency.map(|(u, _)| u.label().to_string()),
            None,
        );
        let row = self.doc_row(g, i, &root);
        let kind_url = m
            .kind_name
            .as_deref()
            .map(|k| (k, format!("loai/{}/", kind_slug(k))));
        let mut trail = vec![("Văn bản", "van-ban/")];
        trail.extend(kind_url.as_ref().map(|(k, u)| (*k, u.as_str())));
        let here = m.number.clone().unwrap_or_else(|| doc_label(d));
        let breadcrumb = crumbs(&root, &trail, here);
        let summary = [
            m.issuer.clone(),
            match (&m.place, m.date) {
                (Some(p), Some(t)) => Some(format!("{p}, {}", t.vn())),
                (None, Some(t)) => Some(t.vn()),
                (Some(p), None) => Some(p.clone()),
                (None, None) => None,
            },
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        let page = DocPage {
            site: self.site(&root),
            breadcrumb,
            doc: row,
            fields,
            recipients: m.recipients.clone(),
            html: BODY,
            toc: r.toc.into_iter().filter(|t| t.level <= 4).collect(),
            rel: self.relations(g, Node::Doc(i), &root),
            summary,
            official: Official {
                party: m
                    .number
                    .as_deref()
                    .is_some_and(crate::docnum::is_party_form),
                issuer: m.issuer.as_ref().map(|s| s.to_uppercase()),
                number: m.number.clone(),
                place_date: m.date.map(|t| {
                    // Nghị định 30/2020: days below 10 and months below 3
                    // with a leading zero.
                    let month = if t.m < 3 {
                        format!("{:02}", t.m)
                    } else {
                        t.m.to_string()
                    };
                    let day = format!("ngày {:02} tháng {month} năm {}", t.d, t.y);
                    match &m.place {
                        Some(p) => format!("{p}, {day}"),
                        None => day,
                    }
                }),
            },
            attachments: d
                .attachments
                .iter()
                .map(|a| ListLink {
                    // Beside the page: its own folder.
                    href: sitemap::encode_path(&a.name),
                    label: a.name.clone(),
                    count: a.size.div_ceil(1024),
                })
                .collect(),
            signature: m.signer.clone().map(|signer| SignatureCtx {
                authority: m.signer_authority.clone(),
                title: m.signer_title.clone(),
                signer,
            }),
            tree,
            tree_svg,
            items: self.promoting(g, m.number.as_deref(), &root),
            draft: d.draft,
            implementation: self.implementation(g, i, &root),
        };
        self.page_with_body(
            "document.html",
            format!("{}index.html", d.url),
            &page,
            Some(&r.html),
        )
    }

    /// The grouped relations view of a document: what it cites and what
    /// cites it, by relation, and the chain of documents above it.
    fn relations(&self, g: &Graph, n: Node, root: &str) -> Relations {
        let mut out = Relations::default();
        let backs = self.backlinks(g, n, root);
        out.cited_by_count = backs.len();
        out.cited_by = group(
            g.cited_by(n).map(|e| e.relation).zip(backs),
            Relation::label_from_cited,
        );
        let Node::Doc(i) = n else {
            out.total = out.cited_by_count;
            return out;
        };
        let d = &g.docs[i];
        let targets = &g.targets[i];
        let cites = d.citations.iter().enumerate().map(|(k, c)| {
            (
                c.relation,
                CiteRow {
                    href: targets[k].map(|n| href(root, g.node_url(n))),
                    date: c
                        .date
                        .or_else(|| match targets[k] {
                            Some(Node::Doc(j)) => g.docs[j].meta.date,
                            _ => None,
                        })
                        .map(Date::vn),
                    candidates: g
                        .ambiguous
                        .get(&(i, k))
                        .map(|js| {
                            js.iter()
                                .map(|&j| self.node_row(g, Node::Doc(j), root))
                                .collect()
                        })
                        .unwrap_or_default(),
                    number: c.number.clone(),
                    kind_name: c.kind_name.clone(),
                },
            )
        });
        out.cites = group(cites, Relation::label);
        out.cites_count = d.citations.len();
        // Upwards through "thực hiện": each level once, nearest first.
        let mut seen: std::collections::HashSet<Node> = [n].into_iter().collect();
        let mut level = vec![n];
        while !level.is_empty() && out.above.len() < 8 {
            let mut next = Vec::new();
            for &at in &level {
                let Node::Doc(j) = at else { continue };
                for (k, c) in g.docs[j].citations.iter().enumerate() {
                    if c.relation != Relation::Implements {
                        continue;
                    }
                    if let Some(t) = g.targets[j][k]
                        && seen.insert(t)
                    {
                        next.push(t);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            // Beyond the first level, a chain only: the documents the
            // direct ones implement.
            out.above
                .push(next.iter().map(|&t| self.node_row(g, t, root)).collect());
            level = next;
        }
        if out.above.len() < 2 {
            // One level is the "Thực hiện" group already.
            out.above.clear();
        }
        out.total = out.cites_count + out.cited_by_count;
        out
    }

    fn cited(&self, g: &Graph, j: usize) -> Result<OutFile> {
        let c = &g.cited[j];
        let root = root_for(&c.url);
        let (tree, tree_svg) = self.tree(g, Node::Cited(j), &root);
        let page = CitedPage {
            site: self.site(&root),
            breadcrumb: crumbs(&root, &[("Văn bản", "van-ban/")], c.number.clone()),
            doc: self.node_row(g, Node::Cited(j), &root),
            topic: c.topic.clone(),
            rel: self.relations(g, Node::Cited(j), &root),
            tree,
            tree_svg,
            items: self.promoting(g, Some(&c.number), &root),
        };
        self.page("cited.html", format!("{}index.html", c.url), &page)
    }

    /// A list of documents, 50 to a page: `url` then `url/trang/N/`.
    fn list(
        &self,
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
                site: self.site(&root),
                breadcrumb: crumbs(&root, &[], title.clone()),
                heading: title,
                pager,
                docs: docs[k * PER_PAGE..((k + 1) * PER_PAGE).min(docs.len())]
                    .iter()
                    .map(|&i| self.doc_row(g, i, &root))
                    .collect(),
                items: Vec::new(),
                links: if k == 0 { links.clone() } else { Vec::new() },
            };
            out.push(self.page("list.html", format!("{here}index.html"), &page)?);
        }
        Ok(out)
    }

    fn kind_links(&self, g: &Graph, root: &str) -> Vec<ListLink> {
        g.by_kind
            .iter()
            .map(|(k, v)| ListLink {
                href: href(root, &format!("loai/{}/", kind_slug(k))),
                label: k.clone(),
                count: v.len(),
            })
            .collect()
    }

    fn year_links(&self, g: &Graph, root: &str) -> Vec<ListLink> {
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

    fn items_sorted(&self, g: &Graph) -> Vec<usize> {
        let mut v: Vec<usize> = (0..g.items.len()).collect();
        v.sort_by(|&a, &b| {
            g.items[b]
                .date
                .cmp(&g.items[a].date)
                .then_with(|| g.items[a].path.cmp(&g.items[b].path))
        });
        v
    }

    fn home(&self, g: &Graph, f: &Fragments) -> Result<OutFile> {
        let page = HomePage {
            site: self.site(""),
            description: self.config.description.clone(),
            latest: g
                .by_date
                .iter()
                .take(10)
                .map(|&i| self.doc_row(g, i, ""))
                .collect(),
            items: self
                .items_sorted(g)
                .into_iter()
                .take(6)
                .map(|i| self.item_row(g, i, ""))
                .collect(),
            kinds: self.kind_links(g, ""),
            years: self.year_links(g, ""),
            total: g.docs.len(),
            next: self.next_days(g, f, ""),
            states: self.state_counts(),
            open_directives: self
                .tracking
                .directives
                .iter()
                .filter(|d| d.open && !d.missing.is_empty())
                .count(),
        };
        self.page("index.html", "index.html".into(), &page)
    }

    fn item(&self, g: &Graph, i: usize) -> Result<OutFile> {
        let it = &g.items[i];
        let root = root_for(&it.url);
        let r = markdown::render(&it.body, it.body_line, &[], &|_, _| None);
        let promotes = it
            .promotes
            .iter()
            .filter_map(|n| {
                g.by_number
                    .get(n)
                    .map(|&node| self.node_row(g, node, &root))
            })
            .collect();
        let page = ItemPage {
            site: self.site(&root),
            breadcrumb: crumbs(
                &root,
                &[("Tuyên truyền", "tuyen-truyen/")],
                crate::text::cut_words(&it.title, 40),
            ),
            item: self.item_row(g, i, &root),
            html: BODY,
            promotes,
        };
        self.page_with_body(
            "item.html",
            format!("{}index.html", it.url),
            &page,
            Some(&r.html),
        )
    }

    fn items_list(&self, g: &Graph) -> Result<OutFile> {
        let url = "tuyen-truyen/";
        let root = root_for(url);
        let page = ListPage {
            site: self.site(&root),
            breadcrumb: crumbs(&root, &[], "Tuyên truyền".to_string()),
            heading: "Tuyên truyền".into(),
            pager: Vec::new(),
            docs: Vec::new(),
            items: self
                .items_sorted(g)
                .into_iter()
                .map(|i| self.item_row(g, i, &root))
                .collect(),
            links: Vec::new(),
        };
        self.page("list.html", format!("{url}index.html"), &page)
    }

    fn body_link(&self, g: &Graph, id: &str, root: &str) -> Option<ListLink> {
        let i = g.bodies.index_of(id)?;
        Some(ListLink {
            href: href(root, &format!("co-quan/{id}/")),
            label: g.bodies.bodies[i].name.clone(),
            count: 0,
        })
    }

    fn body(&self, g: &Graph, f: &Fragments, b: usize) -> Result<OutFile> {
        let body = &g.bodies.bodies[b];
        let url = format!("co-quan/{}/", body.id);
        let root = root_for(&url);
        let issued = g.issued_by[b]
            .iter()
            .map(|&i| self.doc_row(g, i, &root))
            .collect();
        let received = g.received_by[b]
            .iter()
            .map(|&i| self.doc_row(g, i, &root))
            .collect();
        let (directives, directives_missing, directives_done) = self.body_directives(g, b, &root);
        let page = BodyPage {
            site: self.site(&root),
            breadcrumb: crumbs(&root, &[("Cơ quan", "co-quan/")], body.name.clone()),
            id: body.id.clone(),
            name: body.name.clone(),
            aliases: body.aliases.clone(),
            code: body.code.clone(),
            parent: body
                .parent
                .as_deref()
                .and_then(|p| self.body_link(g, p, &root)),
            children: g
                .bodies
                .children(b)
                .into_iter()
                .filter_map(|c| self.body_link(g, &g.bodies.bodies[c].id, &root))
                .collect(),
            successor: body
                .successor
                .as_deref()
                .and_then(|p| self.body_link(g, p, &root)),
            predecessor: body
                .predecessor
                .as_deref()
                .and_then(|p| self.body_link(g, p, &root)),
            issued,
            received,
            tasks: self.body_tasks(g, f, b, &root),
            timeline: self.body_timeline(g, b, &root, &format!("{url}lich/")),
            calendar: (!g.leads[b].is_empty() || !g.coordinates[b].is_empty())
                .then(|| href(&root, &format!("{url}lich/"))),
            directives,
            directives_missing,
            directives_done,
        };
        self.page("body.html", format!("{url}index.html"), &page)
    }

    fn bodies_index(&self, g: &Graph) -> Result<OutFile> {
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
            let mut named: Vec<(&str, usize)> =
                v.iter().map(|&i| (all[i].name.as_str(), i)).collect();
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
            site: self.site(&root),
            breadcrumb: crumbs(&root, &[], "Cơ quan".to_string()),
            bodies,
        };
        self.page("bodies.html", format!("{url}index.html"), &page)
    }

    /// The search index and the search page (a stage of its own, timed
    /// apart: see `build`).
    pub fn search(&self, g: &Graph) -> Result<Vec<OutFile>> {
        let index = search::build(g);
        let url = "tim-kiem/";
        let root = root_for(url);
        let page = SearchPage {
            site: self.site(&root),
            breadcrumb: crumbs(&root, &[], "Tìm kiếm".into()),
            shards: index.shards,
            per: search::DOCS_PER_SHARD,
            entries: index.entries,
            kinds: serde_json::to_string(&search::kind_codes())?,
        };
        let mut files = index.files;
        files.push(self.page("search.html", format!("{url}index.html"), &page)?);
        Ok(files)
    }

    /// Renders every page of the site, in parallel (in no set order: `build`
    /// sorts the files once all stages are done).
    pub fn render_all(&self, g: &Graph) -> Result<Vec<OutFile>> {
        #[derive(Clone, Copy)]
        enum Job {
            Home,
            NotFound,
            AllDocs,
            Kind(usize),
            Year(i32),
            Doc(usize),
            Cited(usize),
            Items,
            Item(usize),
            Bodies,
            Body(usize),
            Calendar,
            BodyCalendar(usize),
            PlanFeed(usize),
            Atom,
            Tracking,
        }
        let mut jobs = vec![
            Job::Home,
            Job::NotFound,
            Job::AllDocs,
            Job::Items,
            Job::Bodies,
            Job::Calendar,
            Job::Atom,
            Job::Tracking,
        ];
        jobs.extend((0..g.by_kind.len()).map(Job::Kind));
        jobs.extend(g.by_year.keys().map(|&y| Job::Year(y)));
        jobs.extend((0..g.docs.len()).map(Job::Doc));
        jobs.extend((0..g.cited.len()).map(Job::Cited));
        jobs.extend((0..g.items.len()).map(Job::Item));
        jobs.extend((0..g.bodies.bodies.len()).map(Job::Body));
        jobs.extend(
            (0..g.bodies.bodies.len())
                .filter(|&b| !g.leads[b].is_empty() || !g.coordinates[b].is_empty())
                .map(Job::BodyCalendar),
        );
        jobs.extend(
            (0..g.docs.len())
                .filter(|&i| g.docs[i].tasks.iter().any(|t| t.deadline.is_some()))
                .map(Job::PlanFeed),
        );
        let kinds: Vec<(&String, &Vec<usize>)> = g.by_kind.iter().collect();
        let f = Fragments::build(self, g)?;
        let one = |r: Result<OutFile>| r.map(|f| vec![f]);
        let mut files: Vec<OutFile> = jobs
            .into_par_iter()
            .map(|job| match job {
                Job::Home => one(self.home(g, &f)),
                Job::NotFound => {
                    let root = if self.config.base_url.ends_with('/') {
                        self.config.base_url.clone()
                    } else {
                        format!("{}/", self.config.base_url)
                    };
                    one(self.page(
                        "404.html",
                        "404.html".into(),
                        &NotFoundPage {
                            site: self.site(&root),
                        },
                    ))
                }
                Job::AllDocs => {
                    let root = root_for("van-ban/");
                    let mut links = self.kind_links(g, &root);
                    links.extend(self.year_links(g, &root));
                    self.list(g, "van-ban/", "Tất cả văn bản".into(), &g.by_date, links)
                }
                Job::Kind(k) => {
                    let (name, docs) = kinds[k];
                    self.list(
                        g,
                        &format!("loai/{}/", kind_slug(name)),
                        name.clone(),
                        docs,
                        Vec::new(),
                    )
                }
                Job::Year(y) => self.list(
                    g,
                    &format!("nam/{y}/"),
                    format!("Văn bản năm {y}"),
                    &g.by_year[&y],
                    Vec::new(),
                ),
                Job::Doc(i) => one(self
                    .document(g, i)
                    .with_context(|| g.docs[i].path.display().to_string())),
                Job::Cited(j) => one(self.cited(g, j)),
                Job::Items => one(self.items_list(g)),
                Job::Item(i) => one(self.item(g, i)),
                Job::Bodies => one(self.bodies_index(g)),
                Job::Tracking => one(self.tracking_page(g)),
                Job::Body(b) => {
                    let body = &g.bodies.bodies[b];
                    let url = format!("co-quan/{}/", body.id);
                    // What it issued, what was sent to it, and what gives it
                    // tasks to lead or to take part in.
                    let sources: Vec<atom::Source> = g.issued_by[b]
                        .iter()
                        .chain(&g.received_by[b])
                        .copied()
                        .chain(g.leads[b].iter().chain(&g.coordinates[b]).map(|r| r.0))
                        .map(atom::Source::Doc)
                        .collect();
                    Ok(vec![
                        self.body(g, &f, b)?,
                        atom::feed(
                            g,
                            &self.config.base_url,
                            &self.config.title,
                            &format!("Văn bản mới — {}", body.name),
                            &format!("{url}atom.xml"),
                            &url,
                            &sources,
                        )?,
                    ])
                }
                Job::Atom => {
                    let sources: Vec<atom::Source> = (0..g.docs.len())
                        .map(atom::Source::Doc)
                        .chain((0..g.items.len()).map(atom::Source::Item))
                        .collect();
                    one(atom::feed(
                        g,
                        &self.config.base_url,
                        &self.config.title,
                        &format!("Văn bản và tin bài mới — {}", self.config.title),
                        "atom.xml",
                        "",
                        &sources,
                    ))
                }
                Job::Calendar => {
                    let all: Vec<_> = calendar::all_tasks(g).map(|r| (r, None)).collect();
                    self.calendar_pages(
                        g,
                        &f,
                        "lich/",
                        "calendar.ics",
                        &self.config.title,
                        &[],
                        &all,
                    )
                }
                Job::BodyCalendar(b) => {
                    let body = &g.bodies.bodies[b];
                    let tasks: Vec<_> = calendar::body_tasks_once(g, b)
                        .into_iter()
                        .map(|(r, role)| (r, Some(role)))
                        .collect();
                    let url = format!("co-quan/{}/", body.id);
                    self.calendar_pages(
                        g,
                        &f,
                        &format!("{url}lich/"),
                        &format!("{url}calendar.ics"),
                        &body.name,
                        &[("Cơ quan", "co-quan/"), (body.name.as_str(), url.as_str())],
                        &tasks,
                    )
                }
                Job::PlanFeed(i) => {
                    let d = &g.docs[i];
                    let refs: Vec<_> = (0..d.tasks.len()).map(|k| (i, k)).collect();
                    Ok(vec![OutFile {
                        path: format!("{}calendar.ics", d.url),
                        bytes: f.feed(&doc_label(d), &refs).into_bytes(),
                    }])
                }
            })
            .collect::<Result<Vec<Vec<OutFile>>>>()?
            .into_iter()
            .flatten()
            .collect();
        for (path, content) in &self.static_files {
            if let Some(p) = path.strip_prefix("static/") {
                files.push(OutFile {
                    path: p.to_string(),
                    bytes: content.clone().into_bytes(),
                });
            }
        }
        files.push(graph_json::render(g)?);
        files.push(tracking_json::render(g, self.tracking)?);
        Ok(files)
    }
}
