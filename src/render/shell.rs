//! The shell every family of pages shares, and owns no address: the site
//! context, rendering a template into a page (with the page's text put in
//! apart), breadcrumbs, links between pages, the pager, a document's,
//! cited-only document's and item's row in a list, and the tag of a
//! document no longer as issued. Task rows are the shell's too, written
//! once per task: see [`super::fragments`].

use super::Renderer;
use super::ctx::{Crumb, DocRow, ItemRow, PageLink, SiteCtx};
use crate::date::Date;
use crate::graph::{Graph, Node};
use crate::kinds;
use crate::outfile::OutFile;
use crate::text::slug;
use anyhow::{Context as _, Result};
use serde::Serialize;

/// A breadcrumb: home, then `trail` (label, site-relative URL), then the
/// current page, unlinked.
pub(super) fn crumbs(root: &str, trail: &[(&str, &str)], here: String) -> Vec<Crumb> {
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
pub(super) fn root_for(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// A link from a page with prefix `root` to the page at `url`.
pub(super) fn href(root: &str, url: &str) -> String {
    format!("{root}{url}index.html")
}

/// Percent-encodes what a URL path may not hold as it is (Vietnamese
/// letters of attachment folders, spaces); keeps '/', letters, digits and
/// "-._~".
pub(super) fn encode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The slug of a kind's list page (`loai/<slug>/`).
pub(super) fn kind_slug(name: &str) -> String {
    kinds::by_name(name)
        .map(|k| k.slug.to_string())
        .unwrap_or_else(|| slug(name))
}

/// The tag a list shows beside a document that is no longer as issued.
pub(super) fn standing_tag(s: &crate::graph::Standing) -> Option<&'static str> {
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

/// Links to the pages of a list from its page `k` (of `pages`): the first,
/// the last and the two either side of `k`, so each page holds a handful
/// of links however long the list. Empty when there is one page.
pub(super) fn pager(k: usize, pages: usize, link: impl Fn(usize) -> String) -> Vec<PageLink> {
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
pub(super) const BODY: &str = "\u{E000}kehoach-text\u{E000}";

impl Renderer<'_> {
    pub(super) fn site(&self, root: &str) -> SiteCtx {
        SiteCtx {
            title: self.config.title.clone(),
            lang: self.config.language.clone(),
            root: root.to_string(),
            build_date: self.today.vn(),
        }
    }

    pub(super) fn page<T: Serialize>(
        &self,
        template: &str,
        path: String,
        ctx: &T,
    ) -> Result<OutFile> {
        self.page_with_body(template, path, ctx, None)
    }

    /// Renders a page whose context holds [`BODY`] in place of `body`, then
    /// puts the body (HTML from Markdown) in: the body is never passed
    /// through Tera's context as one more long string.
    pub(super) fn page_with_body<T: Serialize>(
        &self,
        template: &str,
        path: String,
        ctx: &T,
        body: Option<&str>,
    ) -> Result<OutFile> {
        self.render_page(template, path, ctx, body)
            .map(|(file, _)| file)
    }

    /// [`Renderer::page_with_body`], with where the body starts in the page.
    pub(super) fn page_with_body_at<T: Serialize>(
        &self,
        template: &str,
        path: String,
        ctx: &T,
        body: &str,
    ) -> Result<(OutFile, usize)> {
        let (file, at) = self.render_page(template, path, ctx, Some(body))?;
        Ok((file, at.unwrap_or_default()))
    }

    fn render_page<T: Serialize>(
        &self,
        template: &str,
        path: String,
        ctx: &T,
        body: Option<&str>,
    ) -> Result<(OutFile, Option<usize>)> {
        let context = tera::Context::from_serialize(ctx).map_err(|e| anyhow::anyhow!("{e}"))?;
        let html = self
            .tera
            .render(template, &context)
            .map_err(|e| anyhow::anyhow!("rendering {path} with {template}: {e:?}"))?;
        // Templates were minified once when loaded (theme::tera): pages are
        // compact as rendered.
        let (html, at) = match body {
            None => (html, None),
            Some(body) => {
                let at = html.find(BODY).with_context(|| {
                    format!("{template}: the page text (`{{{{ html | safe }}}}`) is missing")
                })?;
                let mut out = String::with_capacity(html.len() + body.len());
                out.push_str(&html[..at]);
                out.push_str(body);
                out.push_str(&html[at + BODY.len()..]);
                (out, Some(at))
            }
        };
        let bytes = html.into_bytes();
        Ok((OutFile { path, bytes }, at))
    }

    pub(super) fn doc_row(&self, g: &Graph, i: usize, root: &str) -> DocRow {
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

    pub(super) fn node_row(&self, g: &Graph, n: Node, root: &str) -> DocRow {
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

    pub(super) fn item_row(&self, g: &Graph, i: usize, root: &str) -> ItemRow {
        let it = &g.items[i];
        ItemRow {
            href: href(root, &it.url),
            title: it.title.clone(),
            kind: it.kind.clone(),
            date: it.date.map(Date::vn),
        }
    }
}
