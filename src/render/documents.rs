//! The documents of the site: each document's page, `van-ban/<path>/`
//! (its metadata, its text with `#L<line>` anchors, the relations view of
//! what it cites and what cites it, its implementation tree and, for a
//! directive, who has implemented it). Its attachments, in the same
//! folder, are published by `build`; its task feed `calendar.ics` there is
//! a feed (`feeds`). Reads the graph (citations, targets, standing, trees,
//! items promoting it) and `tracking` (through `tracking::implementation`).
//! The relations view and the tree serve the cited-only pages too. Each
//! page names what it reads (`inputs::Inputs::document`).

use super::ctx::*;
use super::shell::{BODY, crumbs, encode_path, href, kind_slug, root_for};
use super::{Job, Renderer, Scope, one, svg};
use crate::date::Date;
use crate::extract::citations::Relation;
use crate::graph::{Graph, Node};
use crate::markdown;
use crate::model::doc_label;
use crate::outfile::OutFile;
use anyhow::{Context as _, Result};
use std::borrow::Cow;

/// A page per document.
pub fn jobs<'a>(s: &'a Scope<'a>) -> Vec<Job<'a>> {
    (0..s.g.docs.len())
        .map(|i| {
            one(move || {
                document(s.r, s.g, i).with_context(|| s.g.docs[i].path.display().to_string())
            })
            .reading(move |inputs| (page_path(&s.g.docs[i]), inputs.document(s.r, s.g, i)))
        })
        .collect()
}

/// The address of a document's page.
pub fn page_path(d: &crate::model::Document) -> String {
    format!("{}index.html", d.url)
}

/// The pages of the documents `which` alone: what a build renders again
/// when nothing but their texts changed (see `reuse`).
pub fn pages(r: &Renderer, g: &Graph, which: &[usize]) -> Result<Vec<OutFile>> {
    use rayon::prelude::*;
    which
        .par_iter()
        .map(|&i| document(r, g, i).with_context(|| g.docs[i].path.display().to_string()))
        .collect()
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

fn backlinks(g: &Graph, n: Node, root: &str) -> Vec<BacklinkRow> {
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
pub(super) fn tree(g: &Graph, n: Node, root: &str) -> (Vec<TreeLevel>, String) {
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

pub(super) fn promoting(r: &Renderer, g: &Graph, number: Option<&str>, root: &str) -> Vec<ItemRow> {
    number
        .map(|n| {
            g.items_promoting(n)
                .iter()
                .map(|&i| r.item_row(g, i, root))
                .collect()
        })
        .unwrap_or_default()
}

fn document(r: &Renderer, g: &Graph, i: usize) -> Result<OutFile> {
    let d = &g.docs[i];
    let root = root_for(&d.url);
    let (tree, tree_svg) = tree(g, Node::Doc(i), &root);
    let links: Vec<Option<String>> = g.targets[i]
        .iter()
        .map(|t| t.map(|n| href(&root, g.node_url(n))))
        .collect();
    let md = text_html(d, d.body.text()?, &links);
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
    let row = r.doc_row(g, i, &root);
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
        site: r.site(&root),
        breadcrumb,
        doc: row,
        fields,
        recipients: m.recipients.clone(),
        html: BODY,
        toc: shown_toc(md.toc),
        rel: relations(r, g, Node::Doc(i), &root),
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
                href: encode_path(&a.name),
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
        items: promoting(r, g, m.number.as_deref(), &root),
        draft: d.draft,
        implementation: super::tracking::implementation(r, g, i, &root),
    };
    let toc = toc_hash(&page.toc);
    let (file, at) = r.page_with_body_at("document.html", page_path(d), &page, &md.html)?;
    r.frames.push(Frame {
        page: file.path.clone(),
        hash: 0,
        at: at as u64,
        len: md.html.len() as u64,
        toc,
        links,
    });
    Ok(file)
}

/// A document's text as its page shows it (see [`markdown::render`]): its
/// own lines shown from its metadata left blank, the numbers it cites
/// linked to `links` (what each of its citations links to, in order).
pub fn text_html(
    d: &crate::model::Document,
    text: &str,
    links: &[Option<String>],
) -> markdown::Rendered {
    // Number → its citations (several when dates differ), so that a
    // text with many numbers costs one lookup per number.
    let mut by_number: std::collections::HashMap<Cow<str>, Vec<usize>> =
        std::collections::HashMap::new();
    for (k, c) in d.citations.iter().enumerate() {
        by_number
            .entry(crate::docnum::stroke_folded(&c.number))
            .or_default()
            .push(k);
    }
    let link = |number: &str, line: usize| -> Option<String> {
        let ks = by_number.get(&crate::docnum::stroke_folded(number))?;
        let k = ks
            .iter()
            .copied()
            .find(|&k| d.citations[k].mentions.binary_search(&line).is_ok())
            .unwrap_or(ks[0]);
        links.get(k).cloned().flatten()
    };
    let aliases: Vec<(&str, &str)> = d
        .citations
        .iter()
        .flat_map(|c| c.aliases.iter().map(|a| (a.as_str(), c.number.as_str())))
        .collect();
    let body = without_lines(text, d.body_line, &d.shown_apart);
    markdown::render(&body, d.body_line, &aliases, &link)
}

/// The headings a page's table of contents shows.
fn shown_toc(toc: Vec<markdown::TocEntry>) -> Vec<markdown::TocEntry> {
    toc.into_iter().filter(|t| t.level <= 4).collect()
}

fn toc_hash(toc: &[markdown::TocEntry]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for t in toc {
        for part in [t.id.as_bytes(), t.text.as_bytes()] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
        h.update(&[t.level]);
    }
    h.digest128()
}

/// Where a document's page holds its text, and what the text's links and
/// headings were made from: what a build after an edit of the text alone
/// needs to put the new text in the page without the graph (`retext`).
#[derive(Clone, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Frame {
    /// The page's address, and the hash of its bytes as a manifest lists
    /// them (0 until the page is listed).
    pub page: String,
    pub hash: u128,
    /// Where the text's HTML starts in the page, and its length in bytes.
    pub at: u64,
    pub len: u64,
    /// The hash of the table of contents the page shows.
    pub toc: u128,
    /// What each of the document's citations links to from the page.
    pub links: Vec<Option<String>>,
}

/// The frames of the documents' pages a build rendered, gathered from the
/// jobs that render them.
#[derive(Default)]
pub struct Frames(std::sync::Mutex<Vec<Frame>>);

impl Frames {
    fn push(&self, f: Frame) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(f);
    }

    /// The frames gathered so far, taken out.
    pub fn take(&self) -> Vec<Frame> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The page `page` (whose frame is `frame`) of document `d` with the text
/// `text` in place of the one it shows, and its frame; None when the
/// page does not hold a text where the frame says, or the new text's
/// headings are not the old ones (the table of contents would change).
pub fn retext(
    frame: &Frame,
    page: &[u8],
    d: &crate::model::Document,
    text: &str,
) -> Option<(Vec<u8>, Frame)> {
    let at = usize::try_from(frame.at).ok()?;
    let end = at.checked_add(usize::try_from(frame.len).ok()?)?;
    if end > page.len() {
        return None;
    }
    let md = text_html(d, text, &frame.links);
    if toc_hash(&shown_toc(md.toc)) != frame.toc {
        return None;
    }
    let mut bytes = Vec::with_capacity(page.len() - frame.len as usize + md.html.len());
    bytes.extend_from_slice(&page[..at]);
    bytes.extend_from_slice(md.html.as_bytes());
    bytes.extend_from_slice(&page[end..]);
    let frame = Frame {
        hash: xxhash_rust::xxh3::xxh3_128(&bytes),
        len: md.html.len() as u64,
        ..frame.clone()
    };
    Some((bytes, frame))
}

/// The grouped relations view of a document: what it cites and what
/// cites it, by relation, and the chain of documents above it.
pub(super) fn relations(r: &Renderer, g: &Graph, n: Node, root: &str) -> Relations {
    let mut out = Relations::default();
    let backs = backlinks(g, n, root);
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
                            .map(|&j| r.node_row(g, Node::Doc(j), root))
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
    out.above = above(g, n)
        .into_iter()
        .map(|level| level.into_iter().map(|t| r.node_row(g, t, root)).collect())
        .collect();
    out.total = out.cites_count + out.cited_by_count;
    out
}

/// The chain of documents above `n` through "thực hiện", nearest first,
/// each once, at most eight levels; none when there is one level only (the
/// "Thực hiện" group shows it).
pub(super) fn above(g: &Graph, n: Node) -> Vec<Vec<Node>> {
    let mut out: Vec<Vec<Node>> = Vec::new();
    let mut seen: std::collections::HashSet<Node> = [n].into_iter().collect();
    let mut level = vec![n];
    while !level.is_empty() && out.len() < 8 {
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
        // Beyond the first level, a chain only: the documents the direct
        // ones implement.
        out.push(next.clone());
        level = next;
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}
