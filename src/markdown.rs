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
    let mut starts = vec![0usize];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let line_of = |off: usize| starts.partition_point(|&s| s <= off) - 1 + first_line;

    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event> = Vec::new();
    let mut toc = Vec::new();
    let mut used = std::collections::HashSet::new();
    let mut in_link = 0usize;
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
            Event::Start(Tag::Link { .. }) => {
                in_link += 1;
                events.push(ev);
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                events.push(ev);
            }
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
                for (alias, number) in aliases {
                    for (s, e) in crate::text::word_spans(&t, alias) {
                        spans.push((s, e, (*number).to_string()));
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
