//! Pictures drawn at build time as inline SVG, with no script: a
//! document's implementation tree and a body's deadlines by quarter.
//! Colours come from the page's stylesheet (classes), so dark mode and
//! print follow the theme; every picture has a title and a text summary
//! (a group with links, for screen readers), and the lists beside it stay
//! the full record.

use crate::markdown::escape as esc;
use std::fmt::Write as _;

/// Rows drawn at most in a tree; the rest are counted.
pub const TREE_ROWS: usize = 30;

/// `s` cut to `n` characters, with an ellipsis when cut.
fn cut(s: &str, n: usize) -> String {
    crate::text::cut_words(s, n)
}

/// One node of a tree, in drawing order (depth first).
pub struct TreeNode {
    pub depth: usize,
    pub label: String,
    /// Link to its page; None for the document the page is about.
    pub href: Option<String>,
}

const ROW: usize = 36;
const INDENT: usize = 22;
const WIDTH: usize = 340;

/// An indented tree: the document on top, each implementing document under
/// the one it implements, joined by elbow lines. `more` documents beyond
/// the drawn rows are counted on a last line.
pub fn tree(title: &str, nodes: &[TreeNode], more: usize) -> String {
    let rows = nodes.len() + usize::from(more > 0);
    let height = rows * ROW + 4;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="pic" role="group" aria-labelledby="tree-t" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"><title id="tree-t">{}</title>"#,
        esc(title)
    );
    // Elbow lines: from the nearest row above at depth - 1.
    for (k, n) in nodes.iter().enumerate() {
        if n.depth == 0 {
            continue;
        }
        if let Some(p) = (0..k).rev().find(|&p| nodes[p].depth + 1 == n.depth) {
            let x = 8 + nodes[p].depth * INDENT + 6;
            let y0 = p * ROW + ROW - 6;
            let y1 = k * ROW + ROW / 2;
            let x1 = 8 + n.depth * INDENT;
            let _ = write!(s, r#"<path class="edge" d="M{x} {y0}V{y1}H{x1}"/>"#);
        }
    }
    for (k, n) in nodes.iter().enumerate() {
        let x = 8 + n.depth * INDENT;
        let y = k * ROW + 4;
        let w = WIDTH - x - 4;
        let label = esc(&cut(&n.label, (w - 16) / 8));
        let (open, close, class) = match &n.href {
            Some(h) => (format!(r#"<a href="{}">"#, esc(h)), "</a>", "node"),
            None => (String::new(), "", "node self"),
        };
        let _ = write!(
            s,
            r#"{open}<rect class="{class}" x="{x}" y="{y}" width="{w}" height="{}" rx="6"/><text x="{}" y="{}">{label}</text>{close}"#,
            ROW - 8,
            x + 8,
            y + (ROW - 8) / 2,
        );
    }
    if more > 0 {
        let _ = write!(
            s,
            r#"<text class="muted" x="8" y="{}">… và {more} văn bản khác (xem danh sách)</text>"#,
            nodes.len() * ROW + ROW / 2 + 4
        );
    }
    s.push_str("</svg>");
    s
}

/// Where a quarter stands against the build date.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum When {
    Past,
    Now,
    Next,
}

/// One quarter of a timeline.
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub q: u32,
    pub count: usize,
    pub when: When,
    /// The calendar page of its first month with tasks.
    pub href: Option<String>,
}

/// Bars of tasks due per quarter, past quarters in one colour, the current
/// one in another, those ahead in a third; the count above each bar, the
/// quarter and (at each new year) the year below.
pub fn timeline(title: &str, quarters: &[Quarter]) -> String {
    const BAR: usize = 26;
    const GAP: usize = 8;
    const TOP: usize = 18;
    const PLOT: usize = 90;
    let width = (quarters.len() * (BAR + GAP)).max(BAR + GAP) + GAP;
    let height = TOP + PLOT + 36;
    let max = quarters.iter().map(|q| q.count).max().unwrap_or(0).max(1);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="pic" role="group" aria-labelledby="tl-t" viewBox="0 0 {width} {height}" width="{width}" height="{height}"><title id="tl-t">{}</title>"#,
        esc(title)
    );
    let base = TOP + PLOT;
    let _ = write!(s, r#"<path class="axis" d="M0 {base}H{width}"/>"#);
    let mut last_year = None;
    for (k, q) in quarters.iter().enumerate() {
        let x = GAP + k * (BAR + GAP);
        let h = if q.count == 0 {
            0
        } else {
            (q.count * PLOT).div_ceil(max).max(3)
        };
        let class = match q.when {
            When::Past => "bar past",
            When::Now => "bar now",
            When::Next => "bar next",
        };
        let roman = ["I", "II", "III", "IV"][(q.q as usize - 1).min(3)];
        let (open, close) = match &q.href {
            Some(hr) => (
                format!(
                    // Starts with what the link shows (the count), as
                    // speech input expects.
                    r#"<a href="{}" aria-label="{} việc, quý {roman} năm {}">"#,
                    esc(hr),
                    q.count,
                    q.year
                ),
                "</a>",
            ),
            None => (String::new(), ""),
        };
        // A linked bar is named by its link; the others by a title.
        let tip = if q.href.is_some() {
            String::new()
        } else {
            format!("<title>Quý {roman}/{}: {} việc</title>", q.year, q.count)
        };
        let _ = write!(
            s,
            r#"{open}<rect class="{class}" x="{x}" y="{}" width="{BAR}" height="{h}">{tip}</rect>"#,
            base - h,
        );
        if q.count > 0 {
            let _ = write!(
                s,
                r#"<text class="n" x="{}" y="{}">{}</text>"#,
                x + BAR / 2,
                base - h - 4,
                q.count
            );
        }
        let _ = write!(
            s,
            r#"{close}<text class="q" x="{}" y="{}">{roman}</text>"#,
            x + BAR / 2,
            base + 14
        );
        if last_year != Some(q.year) {
            let _ = write!(
                s,
                r#"<text class="y" x="{x}" y="{}">{}</text>"#,
                base + 30,
                q.year
            );
            last_year = Some(q.year);
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_draws_each_node_with_links_and_counts_the_rest() {
        let nodes = vec![
            TreeNode {
                depth: 0,
                label: "Nghị quyết 28-NQ/TW".into(),
                href: None,
            },
            TreeNode {
                depth: 1,
                label: "Kế hoạch 12-KH/TW".into(),
                href: Some("../a/index.html".into()),
            },
            TreeNode {
                depth: 2,
                label: "Chương trình 21-CTr/ĐUK & <b>".into(),
                href: Some("../b/index.html".into()),
            },
        ];
        let svg = tree("Cây triển khai", &nodes, 4);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<rect").count(), 3);
        assert_eq!(svg.matches("<a href=").count(), 2);
        assert_eq!(svg.matches("<path").count(), 2, "one elbow per child");
        assert!(svg.contains("&amp; &lt;b&gt;"), "labels escaped");
        assert!(svg.contains("và 4 văn bản khác"));
        assert!(svg.contains(r#"class="node self""#));
    }

    #[test]
    fn timeline_scales_bars_to_the_busiest_quarter() {
        let q = |year, q, count, when| Quarter {
            year,
            q,
            count,
            when,
            href: None,
        };
        let svg = timeline(
            "Hạn theo quý",
            &[
                q(2025, 4, 10, When::Past),
                q(2026, 1, 0, When::Past),
                q(2026, 4, 5, When::Now),
                q(2027, 1, 1, When::Next),
            ],
        );
        assert!(svg.contains(r#"class="bar past" x="8" y="18" width="26" height="90""#));
        assert!(svg.contains(r#"class="bar now""#) && svg.contains("height=\"45\""));
        assert!(svg.contains("Quý IV/2026: 5 việc"));
        // Years written once each.
        assert_eq!(svg.matches(">2026</text>").count(), 1);
        assert_eq!(
            svg.matches(r#"class="n""#).count(),
            3,
            "no count on an empty bar"
        );
    }
}
