//! Markdown to HTML for document and item bodies: every block carries an
//! anchor `L<line>` (its line in the source file) so citations, tasks and
//! backlinks can point at the exact paragraph; headings feed a table of
//! contents; document numbers in the text become links to their targets.

use crate::docnum;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
}

/// How a browser would read a link's scheme: ASCII tabs and line breaks
/// removed anywhere, control characters and spaces trimmed at both ends,
/// case ignored ("  JaVa\tScript:" is `javascript`). None for a relative
/// address.
fn scheme(dest: &str) -> Option<String> {
    let cleaned: String = dest
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let t = cleaned.trim_matches(|c: char| c <= ' ');
    let end = t.find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))?;
    (t[end..].starts_with(':') && end > 0 && t.starts_with(|c: char| c.is_ascii_alphabetic()))
        .then(|| t[..end].to_ascii_lowercase())
}

/// Links may go to a page of the site (a relative address or `#…`), to the
/// web (`http`, `https`), to mail or to a phone; nothing that runs script
/// or carries a document of its own (`javascript:`, `vbscript:`, `data:` …).
pub fn link_is_safe(dest: &str) -> bool {
    match scheme(dest) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto" | "tel"),
    }
}

/// Images only from the site itself: a relative address, never another
/// host (`//host/…`, `\\host`), never a scheme — no request leaves the site.
pub fn image_is_local(dest: &str) -> bool {
    let t = dest.trim_matches(|c: char| c <= ' ');
    scheme(t).is_none() && !t.starts_with("//") && !t.starts_with('\\') && !t.starts_with("/\\")
}

/// Links and images that [`render`] does not emit as such, with their
/// 1-based file lines and what to do. Cheap on text without link syntax.
pub fn link_problems(text: &str, first_line: usize) -> Vec<(usize, String)> {
    if !(text.contains("](") || text.contains("]:") || text.contains('<')) {
        return Vec::new();
    }
    let mut starts = vec![0usize];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let line_of = |off: usize| starts.partition_point(|&s| s <= off) - 1 + first_line;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut out = Vec::new();
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) if !link_is_safe(&dest_url) => {
                out.push((
                    line_of(range.start),
                    format!(
                        "link to \"{}\" is shown as text: only addresses of the site, http(s), mailto and tel links are published",
                        crate::text::clean_field(&dest_url.chars().take(60).collect::<String>())
                    ),
                ));
            }
            Event::Start(Tag::Image { dest_url, .. }) if !image_is_local(&dest_url) => {
                let shown = if link_is_safe(&dest_url) {
                    "it is shown as a link, never loaded (no request leaves the site)"
                } else {
                    "only its description is shown"
                };
                out.push((
                    line_of(range.start),
                    format!(
                        "image \"{}\" is not on this site: {shown}; put the file beside the document and link it by a relative path",
                        crate::text::clean_field(&dest_url.chars().take(60).collect::<String>())
                    ),
                ));
            }
            _ => {}
        }
    }
    out
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What an opened link or image was turned into.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Kept,
    /// Shown as its text only.
    Dropped,
    /// An image from outside, shown as a link to it.
    ImageAsLink,
}

/// Renders `text`, whose first line is line `first_line` of its file.
/// `link` maps (canonical number, line) to a relative URL; `aliases` are
/// short names the text defines, each with the number it stands for
/// ("Nghị quyết 28" → "28-NQ/TW"), linked like the numbers themselves.
pub fn render(
    text: &str,
    first_line: usize,
    aliases: &[(&str, &str)],
    link: &dyn Fn(&str, usize) -> Option<String>,
) -> Rendered {
    // HTML tables a converter left in the text are shown as the tables
    // they stand for (their tags are never passed on), each row anchored
    // at its source line.
    let parted = crate::extract::html::part(text);
    let (text, source) = match &parted {
        Some(p) => (p.text.as_str(), Some(&p.source)),
        None => (text, None),
    };
    let mut starts = vec![0usize];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let line_of = |off: usize| {
        let i = starts.partition_point(|&s| s <= off) - 1;
        source.and_then(|m| m.get(i)).map_or(i + 1, |&l| l) - 1 + first_line
    };

    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    // Every short name found in one pass over each text, however many.
    let alias_finder = (!aliases.is_empty())
        .then(|| aho_corasick::AhoCorasick::new(aliases.iter().map(|(a, _)| *a)).ok())
        .flatten();
    let mut events: Vec<Event> = Vec::new();
    let mut toc = Vec::new();
    let mut used = std::collections::HashSet::new();
    let mut in_link = 0usize;
    // What each open link or image became, so its end matches.
    let mut open: Vec<Open> = Vec::new();
    let mut in_code = false;
    let mut heading: Option<(u8, String, String)> = None;
    let mut anchor = |off: usize| -> Option<String> {
        let l = line_of(off);
        used.insert(l).then(|| format!("L{l}"))
    };
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match ev {
            Event::Start(Tag::Paragraph) => {
                let id = anchor(range.start)
                    .map(|a| format!(" id=\"{a}\""))
                    .unwrap_or_default();
                events.push(Event::Html(CowStr::from(format!("<p{id}>"))));
            }
            Event::End(TagEnd::Paragraph) => events.push(Event::Html(CowStr::from("</p>\n"))),
            Event::Start(Tag::Item) => {
                let id = anchor(range.start)
                    .map(|a| format!(" id=\"{a}\""))
                    .unwrap_or_default();
                events.push(Event::Html(CowStr::from(format!("<li{id}>"))));
            }
            Event::End(TagEnd::Item) => events.push(Event::Html(CowStr::from("</li>\n"))),
            Event::Start(Tag::Heading { level, .. }) => {
                let id =
                    anchor(range.start).unwrap_or_else(|| format!("L{}-h", line_of(range.start)));
                let n = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                // Document headings start at h2: the page title is the h1.
                let n = (n + 1).min(6);
                events.push(Event::Html(CowStr::from(format!("<h{n} id=\"{id}\">"))));
                heading = Some((n, id, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((n, id, text)) = heading.take() {
                    events.push(Event::Html(CowStr::from(format!("</h{n}>\n"))));
                    toc.push(TocEntry {
                        level: n,
                        id,
                        text: crate::text::collapse_ws(&text),
                    });
                }
            }
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                in_link += 1;
                if link_is_safe(dest_url) {
                    open.push(Open::Kept);
                    events.push(ev);
                } else {
                    open.push(Open::Dropped);
                }
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                if open.pop() == Some(Open::Kept) {
                    events.push(ev);
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if image_is_local(&dest_url) {
                    open.push(Open::Kept);
                    events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else if link_is_safe(&dest_url) {
                    // An outside image becomes a link to it: a tap, never a fetch.
                    in_link += 1;
                    open.push(Open::ImageAsLink);
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    open.push(Open::Dropped);
                }
            }
            Event::End(TagEnd::Image) => match open.pop() {
                Some(Open::Kept) => events.push(Event::End(TagEnd::Image)),
                Some(Open::ImageAsLink) => {
                    in_link = in_link.saturating_sub(1);
                    events.push(Event::End(TagEnd::Link));
                }
                _ => {}
            },
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                events.push(ev);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                events.push(ev);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                // Raw HTML in sources is shown as text: sources are not trusted to
                // carry scripts or outside resources.
                events.push(Event::Text(h));
            }
            Event::Text(t) => {
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
                if in_link > 0 || in_code {
                    events.push(Event::Text(t));
                    continue;
                }
                let line = line_of(range.start);
                let mut spans: Vec<(usize, usize, String)> = docnum::find_all(&t)
                    .into_iter()
                    .map(|id| (id.start, id.end, id.canonical))
                    .collect();
                if let Some(ac) = &alias_finder {
                    for m in ac.find_overlapping_iter(t.as_ref()) {
                        let (s, e) = (m.start(), m.end());
                        let whole = t[..s]
                            .chars()
                            .next_back()
                            .is_none_or(|c| !c.is_alphanumeric())
                            && t[e..]
                                .chars()
                                .next()
                                .is_none_or(|c| !c.is_alphanumeric() && c != '-');
                        if whole {
                            spans.push((s, e, aliases[m.pattern().as_usize()].1.to_string()));
                        }
                    }
                }
                spans.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
                let mut last = 0;
                let mut out = String::new();
                for (start, end, number) in spans {
                    if start < last {
                        continue; // inside a longer match already linked
                    }
                    if let Some(url) = link(&number, line) {
                        out.push_str(&escape(&t[last..start]));
                        out.push_str(&format!(
                            "<a class=\"cite\" href=\"{}\">{}</a>",
                            escape(&url),
                            escape(&t[start..end])
                        ));
                        last = end;
                    }
                }
                if last > 0 {
                    out.push_str(&escape(&t[last..]));
                    events.push(Event::Html(CowStr::from(out)));
                } else {
                    events.push(Event::Text(t));
                }
            }
            Event::Code(t) => {
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
                events.push(Event::Code(t));
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered { html: out, toc }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(md: &str, first: usize, expected_html: &str) {
        let link = |n: &str, _l: usize| match n {
            "12-KH/TW" => Some("../x/".to_string()),
            "28-NQ/TW" => Some("../nq/".to_string()),
            _ => None,
        };
        let r = render(md, first, &[("Nghị quyết 28", "28-NQ/TW")], &link);
        assert_eq!(r.html, expected_html, "markdown: {md:?}");
    }

    #[test]
    fn blocks_carry_their_source_line() {
        check("a\n\nb", 1, "<p id=\"L1\">a</p>\n<p id=\"L3\">b</p>\n");
        check(
            "x\n\n- one\n- two\n",
            5,
            "<p id=\"L5\">x</p>\n<ul>\n<li id=\"L7\">one</li>\n<li id=\"L8\">two</li>\n</ul>\n",
        );
        check("## I. MỤC ĐÍCH", 1, "<h3 id=\"L1\">I. MỤC ĐÍCH</h3>\n");
    }

    /// An HTML table a converter left is shown as a table, its tags never
    /// passed on, anchored at its source lines (the text starts at line 5).
    #[test]
    fn html_tables_are_shown_as_tables() {
        check(
            "Phụ lục:\n<table>\n<tr><th>TT</th><th>Nhiệm vụ</th></tr>\n<tr><td>1</td><td><b>Báo cáo</b> <script>x</script> &amp; 12-KH/TW</td></tr>\n</table>\n",
            5,
            "<p id=\"L5\">Phụ lục:</p>\n<table><thead><tr><th>TT</th><th>Nhiệm vụ</th></tr></thead><tbody>\n<tr><td>1</td><td>Báo cáo x &amp; <a class=\"cite\" href=\"../x/\">12-KH/TW</a></td></tr>\n</tbody></table>\n",
        );
    }

    #[test]
    fn numbers_link_and_html_is_escaped() {
        check(
            "Thực hiện Kế hoạch số 12-KH/TW <b>",
            1,
            "<p id=\"L1\">Thực hiện Kế hoạch số <a class=\"cite\" href=\"../x/\">12-KH/TW</a> &lt;b&gt;</p>\n",
        );
        check(
            "<script>alert(1)</script>",
            1,
            "&lt;script&gt;alert(1)&lt;/script&gt;",
        );
        check(
            "[12-KH/TW](http://a)",
            1,
            "<p id=\"L1\"><a href=\"http://a\">12-KH/TW</a></p>\n",
        );
    }

    #[test]
    fn only_safe_links_and_local_images() {
        for (md, expected) in [
            ("[x](javascript:alert(1))", "<p id=\"L1\">x</p>\n"),
            ("[x](JaVaScRiPt:alert(1))", "<p id=\"L1\">x</p>\n"),
            ("[x](&#106;avascript:alert(1))", "<p id=\"L1\">x</p>\n"),
            ("[x](<java\tscript:alert(1)>)", "<p id=\"L1\">x</p>\n"),
            (
                "<javascript:alert(1)>",
                "<p id=\"L1\">javascript:alert(1)</p>\n",
            ),
            ("[x][r]\n\n[r]: vbscript:msgbox", "<p id=\"L1\">x</p>\n"),
            (
                "[x](data:text/html;base64,PHNjcmlwdD4=)",
                "<p id=\"L1\">x</p>\n",
            ),
            (
                "[x](https://a.example/)",
                "<p id=\"L1\"><a href=\"https://a.example/\">x</a></p>\n",
            ),
            (
                "[x](../b/index.html#L3)",
                "<p id=\"L1\"><a href=\"../b/index.html#L3\">x</a></p>\n",
            ),
            (
                "[x](mailto:a@b.vn)",
                "<p id=\"L1\"><a href=\"mailto:a@b.vn\">x</a></p>\n",
            ),
            (
                "![t](http://203.0.113.9/t.png)",
                "<p id=\"L1\"><a href=\"http://203.0.113.9/t.png\">t</a></p>\n",
            ),
            (
                "![t](//203.0.113.9/t.png)",
                "<p id=\"L1\"><a href=\"//203.0.113.9/t.png\">t</a></p>\n",
            ),
            ("![t](javascript:x)", "<p id=\"L1\">t</p>\n"),
            (
                "![t](anh/so-do.png)",
                "<p id=\"L1\"><img src=\"anh/so-do.png\" alt=\"t\" /></p>\n",
            ),
            (
                "[![t](http://x/t.png)](javascript:y)",
                "<p id=\"L1\"><a href=\"http://x/t.png\">t</a></p>\n",
            ),
        ] {
            let r = render(md, 1, &[], &|_, _| None);
            assert_eq!(r.html, expected, "{md:?}");
        }
        let p = link_problems("a\n\n[x](javascript:1) ![i](http://h/i.png)\n", 10);
        assert_eq!(p.iter().map(|x| x.0).collect::<Vec<_>>(), vec![12, 12]);
        assert!(link_problems("no links here: 12-KH/TW", 1).is_empty());
    }

    #[test]
    fn short_names_link_like_numbers() {
        check(
            "Nghị quyết 28 và Nghị quyết 285; Nghị quyết số 28-NQ/TW",
            1,
            "<p id=\"L1\"><a class=\"cite\" href=\"../nq/\">Nghị quyết 28</a> và Nghị quyết 285; Nghị quyết số <a class=\"cite\" href=\"../nq/\">28-NQ/TW</a></p>\n",
        );
        check(
            "*Nghị quyết 28* và 12-KH/TW",
            3,
            "<p id=\"L3\"><em><a class=\"cite\" href=\"../nq/\">Nghị quyết 28</a></em> và <a class=\"cite\" href=\"../x/\">12-KH/TW</a></p>\n",
        );
    }

    #[test]
    fn toc_collects_headings() {
        let r = render(
            "## I. MỤC ĐÍCH\n\ntext\n\n### 1.1. Nhỏ",
            10,
            &[],
            &|_, _| None,
        );
        assert_eq!(
            r.toc
                .iter()
                .map(|t| (t.level, t.id.as_str(), t.text.as_str()))
                .collect::<Vec<_>>(),
            vec![(3, "L10", "I. MỤC ĐÍCH"), (4, "L14", "1.1. Nhỏ")]
        );
    }
}
