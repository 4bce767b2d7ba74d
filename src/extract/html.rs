//! HTML tables a converter left in a Markdown text (PDF-to-Markdown tools
//! write a table as `<table><tr><td>…`, one tag a line or the whole table
//! on one line; a table a page break cut in two comes as two tables, the
//! second under a placeholder header "Col1 | Col2 …"): each table is
//! written as the Markdown pipe table it stands for, one row a line, so
//! the layout reader gives its rows with their columns (CONVENTIONS §1).
//! A table that goes on after a page break joins the one before it (page
//! numbers between them dropped). Each row keeps the source line its
//! `<tr>` is on.

use super::Parted;

/// The lines written, and each one's source line.
struct Out<'a> {
    text: &'a str,
    starts: Vec<usize>,
    out: String,
    source: Vec<usize>,
}

impl Out<'_> {
    fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at)
    }
    fn push(&mut self, s: &str, line: usize) {
        self.out.push_str(s);
        self.out.push('\n');
        self.source.push(line);
    }
    /// The text's lines from `from` to `to` (both at a line's start or
    /// the end), as they are.
    fn copy(&mut self, from: usize, to: usize) {
        let text = self.text;
        let mut at = from;
        for piece in text[from..to].split_inclusive('\n') {
            let line = self.line_of(at);
            self.push(piece.trim_end_matches(['\n', '\r']), line);
            at += piece.len();
        }
    }
}

/// The text with its HTML tables written as pipe tables, when it holds
/// one with rows and cells; else `None`.
pub fn part(text: &str) -> Option<Parted> {
    convert(text, true)
}

/// The text with its HTML tables written as pipe tables, every cell as it
/// stands (a cell the converter repeated across a row kept so): what
/// `import` writes, no word changed.
pub fn as_markdown(text: &str) -> Option<Parted> {
    convert(text, false)
}

fn convert(text: &str, once: bool) -> Option<Parted> {
    let has = |tag: &[u8]| {
        text.as_bytes()
            .windows(tag.len())
            .any(|w| w.eq_ignore_ascii_case(tag))
    };
    if !text.contains('<') || !has(b"<table") || !has(b"<td") {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let mut o = Out {
        text,
        starts: std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        out: String::with_capacity(text.len()),
        source: Vec::new(),
    };
    let mut from = 0;
    let mut columns = 0usize;
    // Where the last table's line ended, when nothing followed it there.
    let mut after_table: Option<usize> = None;
    let mut found = false;
    let mut seek = 0;
    while let Some(p) = lower[seek..].find("<table") {
        let a = seek + p;
        // A table's tag: only tags (or nothing) between it and its first
        // row; "<table>" in a sentence is a word.
        // (Looked for near the tag: a word "<table>" is not read on.)
        let near = &lower[a..lower.floor_char_boundary(a + 1024)];
        let opens = near.find('>').is_some_and(|gt| {
            let inner = &near[gt + 1..];
            [inner.find("<tr"), inner.find("<td"), inner.find("<th")]
                .into_iter()
                .flatten()
                .min()
                .is_some_and(|tr| cell_text(&inner[..tr]).is_empty())
        });
        if !opens {
            seek = a + "<table".len();
            continue;
        }
        let Some(q) = lower[a..].find("</table>") else {
            break;
        };
        let b = a + q + "</table>".len();
        let mut rows = rows(&text[a..b], &lower[a..b]);
        if once {
            // A cell spanning the row, repeated in every column by the
            // converter (a group's title): read once.
            for (_, cells) in &mut rows {
                if cells.len() > 2
                    && !cells[1].is_empty()
                    && cells[1..].iter().all(|c| *c == cells[1])
                {
                    for c in &mut cells[2..] {
                        c.clear();
                    }
                }
            }
        }
        // The line the table ends on, and what follows it there.
        let line_end = text[b..].find('\n').map_or(text.len(), |n| b + n);
        let next = (line_end + 1).min(text.len());
        if rows.is_empty() {
            o.copy(from, next);
            from = next;
            seek = next;
            after_table = None;
            continue;
        }
        found = true;
        // A table that goes on from the one before: only page numbers and
        // blank lines between, a placeholder header or a data row first,
        // and a row as wide as the table before.
        // Placeholders in most of the first row's cells: the converter's
        // header of a table cut by a page break; its other cells go on
        // from the row before.
        let holders = rows[0].1.iter().filter(|c| is_placeholder(c)).count();
        let placeholder = holders * 2 > rows[0].1.len();
        let data_first = rows[0].1.first().is_some_and(|c| {
            c.trim_matches(|ch: char| ch == '*' || ch.is_whitespace())
                .starts_with(|ch: char| ch.is_ascii_digit() || "IVX".contains(ch))
        });
        let goes_on = after_table == Some(from)
            && text[from..a]
                .lines()
                .all(|l| l.trim().bytes().all(|b| b.is_ascii_digit()))
            && (placeholder || data_first)
            && rows.iter().any(|r| r.1.len() == columns);
        if !goes_on {
            // The text before the table; the table on lines of its own.
            let cut = text[..a].rfind('\n').map_or(0, |n| n + 1).max(from);
            o.copy(from, cut);
            let lead = text[cut..a].trim();
            if !lead.is_empty() {
                let line = o.line_of(cut);
                o.push(lead, line);
            }
        }
        for (k, (at, cells)) in rows.iter().enumerate() {
            let line = o.line_of(a + at);
            if k == 0 && placeholder {
                if holders < cells.len() {
                    let rest: Vec<&str> = cells
                        .iter()
                        .map(|c| if is_placeholder(c) { "" } else { c.as_str() })
                        .collect();
                    o.push(&format!("| {} |", rest.join(" | ")), line);
                }
                continue;
            }
            o.push(&format!("| {} |", cells.join(" | ")), line);
            if k == 0 && !goes_on {
                columns = cells.len();
                o.push(&format!("|{}", "---|".repeat(cells.len())), line);
            }
        }
        let rest = text[b..line_end].trim();
        after_table = if rest.is_empty() {
            Some(next)
        } else {
            let line = o.line_of(b);
            o.push(rest, line);
            None
        };
        from = next;
        seek = next;
    }
    if !found {
        return None;
    }
    o.copy(from, text.len());
    Some(Parted {
        text: o.out,
        source: o.source,
    })
}

/// "Col1", "Col7": a converter's name for a column it found no header for.
fn is_placeholder(cell: &str) -> bool {
    let c = cell.trim();
    c.is_empty()
        || c.strip_prefix("Col")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What a tag of a table is.
#[derive(Clone, Copy, PartialEq)]
enum Tag {
    Row,
    RowEnd,
    Cell,
    CellEnd,
    Other,
}

/// The tag at the start of `lower` (which starts with '<') and its length:
/// tags are short, so a '<' with no '>' soon after is text.
fn tag_at(lower: &str) -> (Tag, usize) {
    let Some(gt) = lower[..lower.floor_char_boundary(256)].find('>') else {
        return (Tag::Other, 1);
    };
    let name: String = lower[1..gt]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
        .collect();
    let tag = match name.trim_end_matches('/') {
        "tr" => Tag::Row,
        "/tr" => Tag::RowEnd,
        "td" | "th" => Tag::Cell,
        "/td" | "/th" => Tag::CellEnd,
        _ => Tag::Other,
    };
    (tag, gt + 1)
}

/// A row ended: kept when it has cells.
fn end_row(row: &mut Option<(usize, Vec<String>)>, out: &mut Vec<(usize, Vec<String>)>) {
    if let Some((at, cells)) = row.take()
        && !cells.is_empty()
    {
        out.push((at, cells));
    }
}

/// The rows of one table (`html` from `<table` to `</table>`, `lower` the
/// same lowered), in one pass over its tags: each row's offset in `html`
/// and its cells' texts. A row or cell a converter left unclosed ends
/// where the next one starts.
fn rows(html: &str, lower: &str) -> Vec<(usize, Vec<String>)> {
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    let mut row: Option<(usize, Vec<String>)> = None;
    let mut cell: Option<usize> = None;
    let mut i = 0;
    while let Some(p) = lower[i..].find('<') {
        let a = i + p;
        let (tag, len) = tag_at(&lower[a..]);
        if tag != Tag::Other
            && let Some(start) = cell.take()
            && let Some((_, cells)) = row.as_mut()
        {
            cells.push(cell_text(&html[start..a]));
        }
        match tag {
            Tag::Row => {
                end_row(&mut row, &mut out);
                row = Some((a, Vec::new()));
            }
            Tag::RowEnd => end_row(&mut row, &mut out),
            Tag::Cell => {
                if row.is_none() {
                    row = Some((a, Vec::new()));
                }
                cell = Some(a + len);
            }
            Tag::CellEnd | Tag::Other => {}
        }
        i = a + len;
    }
    if let Some(start) = cell.take()
        && let Some((_, cells)) = row.as_mut()
    {
        cells.push(cell_text(&html[start..]));
    }
    end_row(&mut row, &mut out);
    out
}

/// A cell's words: line breaks a space, other tags dropped, entities read,
/// a "|" of the text kept from splitting the row.
fn cell_text(html: &str) -> String {
    let mut s = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => {
                in_tag = true;
                s.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            _ => s.push(ch),
        }
    }
    let s = crate::text::decode_entities(&s).replace('|', "/");
    crate::text::collapse_ws(s.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parted text and each of its lines' source line.
    fn check(text: &str, expected: Option<(&str, &[usize])>) {
        let got = part(text).map(|p| (p.text, p.source));
        let want = expected.map(|(t, s)| (t.to_string(), s.to_vec()));
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn a_table_one_tag_a_line_and_its_page_break() {
        check(
            "Nhiệm vụ:\n<table>\n<tr>\n<th>TT</th>\n<th>Nhiệm vụ</th>\n<th>Thời gian<br>thực hiện</th>\n</tr>\n<tr>\n<td>1</td>\n<td>Mở rộng<br>vùng phủ sóng</td>\n<td>2024-2025</td>\n</tr>\n</table>\n5\n<table><tr><td>Col1</td><td>Col2</td><td>Col3</td></tr><tr><td>II</td><td>Nhóm hai</td><td>Nhóm hai</td></tr><tr><td>2</td><td>Đo kiểm &amp; báo cáo</td><td>Thường<br>xuyên</td></tr></table>\nHết.\n",
            Some((
                "Nhiệm vụ:\n| TT | Nhiệm vụ | Thời gian thực hiện |\n|---|---|---|\n| 1 | Mở rộng vùng phủ sóng | 2024-2025 |\n| II | Nhóm hai |  |\n| 2 | Đo kiểm & báo cáo | Thường xuyên |\nHết.\n",
                &[1, 3, 3, 8, 15, 15, 16],
            )),
        );
    }

    #[test]
    fn text_around_a_table_on_one_line() {
        check(
            "Phụ lục <table><tr><td>TT</td><td>Việc</td></tr><tr><td>1</td><td>Báo cáo</td></tr></table> (hết)\nCuối.",
            Some((
                "Phụ lục\n| TT | Việc |\n|---|---|\n| 1 | Báo cáo |\n(hết)\nCuối.\n",
                &[1, 1, 1, 1, 1, 2],
            )),
        );
    }

    #[test]
    fn texts_without_tables_are_left() {
        check("Không có bảng <b>nào</b>.", None);
        // A tag named in a sentence, then a table: the sentence stays.
        check(
            "Bảng viết bằng <table> của HTML.\n<table><tr><td>TT</td><td>Việc</td></tr><tr><td>1</td><td>Báo cáo</td></tr></table>\n",
            Some((
                "Bảng viết bằng <table> của HTML.\n| TT | Việc |\n|---|---|\n| 1 | Báo cáo |\n",
                &[1, 2, 2, 2],
            )),
        );
        check("<table></table>", None);
    }
}
