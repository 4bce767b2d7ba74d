//! Tables: Markdown pipe tables, and the aligned columns `pdftotext
//! -layout` prints (the task tables of a "Phụ lục": STT | Nhiệm vụ | Cơ quan
//! chủ trì | Cơ quan phối hợp | Thời gian hoàn thành …).
//!
//! An aligned table is recognised by its header: a line that starts with
//! "TT"/"STT" beside other column words, with the header lines around it.
//! Each column is placed at the centre of its label; a piece of text (a run
//! of words between gaps of two spaces or more) belongs to the column whose
//! centre is nearest to its own. pdftotext centres a row vertically on its
//! number, so a line belongs to the row whose number line is nearest.
//! A time written at the end of another cell ("Phó Chủ 2026 - 2030", when
//! the gap between the columns was lost) is given back to the time column.

use super::{Block, Cell, Kind, Line};

/// Where a table lies in the lines (0-based, `end` exclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub start: usize,
    pub end: usize,
    pipe: bool,
    /// A Word table dumped one cell a line, rows apart by blank lines.
    vertical: bool,
    /// Aligned tables: (label, centre) of each column; the header's lines.
    columns: Vec<(String, usize)>,
    header_end: usize,
}

/// Words that name the columns of a task table.
const COLUMN_WORDS: &[&str] = &[
    "nội dung",
    "nhiệm vụ",
    "cơ quan",
    "đơn vị",
    "chủ trì",
    "phối hợp",
    "thời gian",
    "thời hạn",
    "tiến độ",
    "sản phẩm",
    "ghi chú",
    "mục tiêu",
    "chỉ tiêu",
    "phụ trách",
    "kết quả",
    "lộ trình",
];

/// The pieces of a line: runs of words between gaps of two spaces or more
/// (or a tab), each with its first column.
pub fn pieces(raw: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' || chars[i] == '\t' {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while i < chars.len() {
            if chars[i] == '\t' {
                break;
            }
            if chars[i] == ' ' {
                if chars.get(i + 1).is_none_or(|&c| c == ' ' || c == '\t') {
                    break;
                }
            } else {
                end = i + 1;
            }
            i += 1;
        }
        out.push((start, chars[start..end].iter().collect()));
    }
    out
}

/// The pieces of a table line, a row number glued to the text after it
/// ("II.1 Hoàn thiện …", one space between) taken apart.
fn row_pieces(raw: &str) -> Vec<(usize, String)> {
    let mut ps = pieces(raw);
    if let Some((at, text)) = ps.first().cloned()
        && let Some((num, rest)) = text.split_once(' ')
        && row_number(num).is_some()
        && at < 4
    {
        ps[0] = (at, num.to_string());
        ps.insert(1, (at + num.chars().count() + 1, rest.to_string()));
    }
    ps
}

fn has_column_word(s: &str) -> bool {
    let k = crate::text::name_key(s);
    COLUMN_WORDS.iter().any(|w| k.contains(w))
}

/// A row number in the first column: "1", "12", "I", "II", "II.1", "a".
fn row_number(s: &str) -> Option<bool> {
    let t = s.trim().trim_end_matches('.');
    if !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Some(false);
    }
    let roman = |p: &str| !p.is_empty() && p.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'));
    let mut parts = t.split('.');
    let first = parts.next().unwrap_or("");
    if roman(first) && parts.all(|p| p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty()) {
        // A group ("I", "II.1"): it spans the table.
        return Some(true);
    }
    None
}

/// Finds the tables of a text.
pub fn find(lines: &[Line]) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // Pipe table: two or more lines "| a | b |".
        let is_pipe = |l: &Line| {
            let t = l.raw.trim();
            t.starts_with('|') && t.matches('|').count() >= 3
        };
        if is_pipe(&lines[i]) {
            let start = i;
            while i < lines.len() && is_pipe(&lines[i]) {
                i += 1;
            }
            if i - start >= 2 {
                out.push(Table {
                    start,
                    end: i,
                    pipe: true,
                    vertical: false,
                    columns: Vec::new(),
                    header_end: start,
                });
            }
            continue;
        }
        if let Some(t) = aligned_at(lines, i).or_else(|| vertical_at(lines, i)) {
            i = t.end;
            out.push(t);
            continue;
        }
        i += 1;
    }
    out
}

/// An aligned table whose header has its "TT" line at `i`.
fn aligned_at(lines: &[Line], i: usize) -> Option<Table> {
    // The line opens with a piece "TT" or "STT" of its own.
    let t = lines[i].raw.trim_start_matches([' ', '\t']);
    let head = t.split(['\t', ' ']).next().unwrap_or("");
    let alone = t[head.len()..].is_empty()
        || t[head.len()..].starts_with(['\t'])
        || t[head.len()..].starts_with("  ");
    if !(alone && (head.eq_ignore_ascii_case("tt") || head.eq_ignore_ascii_case("stt"))) {
        return None;
    }
    let ps = pieces(lines[i].raw);
    let first = ps.first()?;
    let tt = crate::text::lower(&first.1);
    if !(tt == "tt" || tt == "stt")
        || ps.len() < 2
        || !ps[1..].iter().any(|p| has_column_word(&p.1))
    {
        return None;
    }
    // Header lines around it: lines of pieces that sit right of the TT
    // column and hold no row number.
    let header_line = |k: usize| {
        let l = &lines[k];
        !l.plain.is_empty()
            && pieces(l.raw)
                .first()
                .is_some_and(|p| p.0 > first.0 + 2 && row_number(&p.1).is_none())
            && l.plain.chars().count() < 160
    };
    let mut top = i;
    while top > 0 && i - top < 4 && header_line(top - 1) {
        top -= 1;
    }
    let mut bottom = i + 1;
    while bottom < lines.len() && bottom - i <= 4 && header_line(bottom) {
        bottom += 1;
    }
    // Column centres: the pieces of the header, clustered by position.
    let mut cols: Vec<(usize, usize, String)> = Vec::new(); // (start, end, label)
    for l in &lines[top..bottom] {
        for (at, text) in pieces(l.raw) {
            let end = at + text.chars().count();
            match cols.iter_mut().find(|c| at < c.1 + 2 && end + 2 > c.0) {
                Some(c) => {
                    c.0 = c.0.min(at);
                    c.1 = c.1.max(end);
                    c.2.push(' ');
                    c.2.push_str(&text);
                }
                None => cols.push((at, end, text)),
            }
        }
    }
    cols.sort_by_key(|c| c.0);
    if cols.len() < 3 {
        return None;
    }
    let columns: Vec<(String, usize)> = cols
        .into_iter()
        .map(|(a, b, label)| (crate::text::collapse_ws(&label), (a + b) / 2))
        .collect();
    // The table runs while its lines keep to columns: until a heading in
    // capitals that starts at the margin and spans no column, or the end.
    let mut end = bottom;
    let mut blank_run = 0;
    while end < lines.len() {
        let l = &lines[end];
        if l.plain.is_empty() || l.artifact {
            blank_run += 1;
            if blank_run > 6 {
                break;
            }
            end += 1;
            continue;
        }
        blank_run = 0;
        let ps = row_pieces(l.raw);
        let low = crate::text::lower(&l.plain[..l.plain.floor_char_boundary(16)]);
        // A new appendix, the signature or a new table header ends it.
        if low.starts_with("phụ lục") || low.starts_with("nơi nhận") {
            break;
        }
        if end > bottom && aligned_at(lines, end).is_some() {
            break;
        }
        // Prose at the margin, as wide as the page, with no gap in it.
        if ps.len() == 1
            && l.indent == 0
            && l.plain.chars().count() > 70
            && row_number(&ps[0].1).is_none()
        {
            break;
        }
        end += 1;
    }
    Some(Table {
        start: top,
        end,
        pipe: false,
        vertical: false,
        columns,
        header_end: bottom,
    })
}

/// A Word table dumped one cell a line (a .docx paragraph dump): "TT" on a
/// line of its own, the other column labels on the lines after it, then
/// rows apart by blank lines, each opening with its number.
fn vertical_at(lines: &[Line], i: usize) -> Option<Table> {
    let tt = lines[i].plain.trim();
    if !(tt.eq_ignore_ascii_case("tt") || tt.eq_ignore_ascii_case("stt")) {
        return None;
    }
    let mut labels = vec![lines[i].plain.clone()];
    let mut k = i + 1;
    while k < lines.len() && !lines[k].plain.is_empty() && lines[k].plain.chars().count() < 60 {
        labels.push(lines[k].plain.clone());
        k += 1;
    }
    if labels.len() < 3 || labels[1..].iter().filter(|l| has_column_word(l)).count() < 2 {
        return None;
    }
    let spans = vertical_spans(lines, k, labels.len());
    let end = spans.last().map_or(k, |s| s.1);
    Some(Table {
        start: i,
        end,
        pipe: false,
        vertical: true,
        columns: labels.into_iter().map(|l| (l, 0)).collect(),
        header_end: k,
    })
}

/// The rows of a vertical table after its header (0-based line spans,
/// the number line first): a row runs from its number to the next one.
/// Blank lines inside a row (an empty cell) do not end it; the table ends
/// at a blank line after a full row that no number follows.
fn vertical_spans(lines: &[Line], from: usize, columns: usize) -> Vec<(usize, usize)> {
    let number = |j: usize| row_number(lines[j].plain.trim()).is_some();
    let column_number = |j: usize| {
        let t = lines[j].plain.trim();
        t.starts_with('(') && t.ends_with(')') && t.len() <= 4
    };
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut j = from;
    // The column numbers under the header: "(1)", "(2)" …
    while j < lines.len() && (lines[j].plain.is_empty() || column_number(j)) {
        j += 1;
    }
    // The row open: its first line and the cells it has.
    let mut open: Option<(usize, usize)> = None;
    let mut last_text = j;
    while j < lines.len() {
        // (A row number alone on its line looks like a page number.)
        let l = &lines[j];
        if l.plain.is_empty() || (l.artifact && !number(j)) {
            j += 1;
            continue;
        }
        let after_blank = j > 0 && lines[j - 1].plain.is_empty();
        if number(j) && open.is_none_or(|(_, cells)| cells > 0) {
            if let Some((a, _)) = open {
                spans.push((a, last_text + 1));
            }
            open = Some((j, 0));
        } else if let Some((a, cells)) = open.as_mut() {
            // A full row, a blank, and text that is no row number: the
            // table is over.
            let full = *cells + 2 >= columns;
            if after_blank && full && !number(j) {
                spans.push((*a, last_text + 1));
                return spans;
            }
            *cells += 1;
        } else {
            break;
        }
        last_text = j;
        j += 1;
    }
    if let Some((a, _)) = open {
        spans.push((a, last_text + 1));
    }
    spans
}

fn vertical_rows(lines: &[Line], t: &Table) -> Vec<Block> {
    let mut out = Vec::new();
    for (start, end) in vertical_spans(lines, t.header_end, t.columns.len()) {
        let first = lines[start].plain.trim();
        if first.starts_with('(') {
            continue;
        }
        let texts: Vec<usize> = (start..end.min(t.end))
            .filter(|&k| !lines[k].plain.is_empty() && (k == start || !lines[k].artifact))
            .collect();
        let group = row_number(first) == Some(true) && texts.len() <= 2;
        let cells: Vec<Cell> = texts
            .iter()
            .enumerate()
            .map(|(c, &k)| Cell {
                text: lines[k].plain.clone(),
                column: t
                    .columns
                    .get(c.min(t.columns.len().saturating_sub(1)))
                    .map(|l| l.0.clone()),
                line: k + 1,
            })
            .collect();
        let text = cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        let mut b = Block::new(
            if group { Kind::GroupRow } else { Kind::Row },
            start + 1,
            0,
            &text,
        );
        b.last = texts.last().map_or(start + 1, |k| k + 1);
        b.cells = cells;
        out.push(b);
    }
    out
}

/// Splits a time off the end of a piece: "Phó Chủ 2026 - 2030" →
/// ("Phó Chủ", "2026 - 2030").
fn trailing_time(s: &str) -> Option<(String, String)> {
    let words: Vec<&str> = s.split(' ').collect();
    for k in 1..words.len() {
        let tail = words[k..].join(" ");
        let head = words[..k].join(" ");
        let yr = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
        let range = words[k..].len() == 3
            && yr(words[k])
            && "-–—".contains(words[k + 1])
            && yr(words[k + 2]);
        let single = words[k..].len() == 1 && yr(words[k]);
        if range || single {
            return Some((head, tail));
        }
    }
    None
}

/// The rows of a table, as blocks.
pub fn rows(lines: &[Line], t: &Table) -> Vec<Block> {
    if t.pipe {
        return pipe_rows(lines, t);
    }
    if t.vertical {
        return vertical_rows(lines, t);
    }
    let n = t.columns.len();
    let time_col = t.columns.iter().position(|(label, _)| {
        let k = crate::text::name_key(label);
        k.contains("thời gian")
            || k.contains("thời hạn")
            || k.contains("tiến độ")
            || k.contains("lộ trình")
    });
    let column_of = |piece_at: usize, len: usize| {
        let centre = piece_at + len / 2;
        let mut best = 0;
        for (k, (_, c)) in t.columns.iter().enumerate() {
            if centre.abs_diff(*c) < centre.abs_diff(t.columns[best].1) {
                best = k;
            }
        }
        // A piece at the very left is the number column.
        if piece_at <= t.columns[0].1 + 1 && len <= 5 {
            0
        } else {
            best
        }
    };
    // Row anchors: lines whose first piece is a row number at the left.
    let body = t.header_end..t.end;
    let mut anchors: Vec<(usize, bool)> = Vec::new();
    for k in body.clone() {
        let ps = row_pieces(lines[k].raw);
        if let Some(p) = ps.first()
            && p.0 <= t.columns[0].1 + 2
            && let Some(group) = row_number(&p.1)
        {
            anchors.push((k, group));
        }
    }
    if anchors.is_empty() {
        return Vec::new();
    }
    // Each line goes to the nearest anchor (ties to the later one: a
    // row's lines above its number belong to it).
    let mut per_row: Vec<Vec<Vec<(usize, String)>>> = vec![vec![Vec::new(); n]; anchors.len()];
    for k in body {
        let l = &lines[k];
        if l.plain.is_empty() || l.artifact {
            continue;
        }
        let a = anchors
            .iter()
            .enumerate()
            .min_by_key(|(_, (at, _))| (at.abs_diff(k), usize::MAX - at))
            .map(|(r, _)| r)
            .unwrap_or(0);
        // A group row owns only its own line.
        let a = if anchors[a].1 && anchors[a].0 != k {
            if anchors[a].0 > k && a > 0 {
                a - 1
            } else if a + 1 < anchors.len() {
                a + 1
            } else {
                a
            }
        } else {
            a
        };
        for (at, text) in row_pieces(l.raw) {
            let col = column_of(at, text.chars().count());
            match (time_col, trailing_time(&text)) {
                (Some(tc), Some((head, tail))) if col != tc && col + 1 >= tc.min(n) && col > 1 => {
                    per_row[a][col].push((k + 1, head));
                    per_row[a][tc].push((k + 1, tail));
                }
                _ => per_row[a][col].push((k + 1, text)),
            }
        }
    }
    let mut out = Vec::new();
    for (r, (at, group)) in anchors.iter().enumerate() {
        let cells: Vec<Cell> = per_row[r]
            .iter()
            .enumerate()
            .map(|(c, parts)| Cell {
                text: crate::text::collapse_ws(
                    &parts
                        .iter()
                        .map(|p| p.1.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                column: Some(t.columns[c].0.clone()),
                line: parts.first().map_or(at + 1, |p| p.0),
            })
            .collect();
        let first = per_row[r]
            .iter()
            .flatten()
            .map(|p| p.0)
            .min()
            .unwrap_or(at + 1);
        let last = per_row[r]
            .iter()
            .flatten()
            .map(|p| p.0)
            .max()
            .unwrap_or(at + 1);
        let text = cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
        let mut b = Block::new(
            if *group { Kind::GroupRow } else { Kind::Row },
            first,
            0,
            &text,
        );
        b.last = last;
        b.cells = cells;
        out.push(b);
    }
    out
}

/// A row that numbers the columns ("(1) | (2) | (3)", "1 | 2 | 3"): three
/// cells or more, each its column's number.
fn column_numbers(cells: &[String]) -> bool {
    let full: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    full.len() >= 3
        && full.iter().enumerate().all(|(k, c)| {
            let n = c
                .strip_prefix('(')
                .and_then(|c| c.strip_suffix(')'))
                .unwrap_or(c);
            n.parse::<usize>().ok() == Some(k + 1)
        })
}

fn pipe_rows(lines: &[Line], t: &Table) -> Vec<Block> {
    let split = |raw: &str| -> Vec<String> {
        let s = raw.trim().trim_start_matches('|').trim_end_matches('|');
        s.split('|').map(super::plain).collect()
    };
    let is_rule = |raw: &str| raw.chars().all(|c| "|-: ".contains(c));
    let mut header: Option<Vec<String>> = None;
    if t.end - t.start >= 2 && is_rule(lines[t.start + 1].raw.trim()) {
        header = Some(split(lines[t.start].raw));
    }
    let from = if header.is_some() {
        t.start + 2
    } else {
        t.start
    };
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate().take(t.end).skip(from) {
        let raw = line.raw;
        if is_rule(raw.trim()) {
            continue;
        }
        let texts = split(raw);
        if column_numbers(&texts) {
            continue;
        }
        let cells: Vec<Cell> = texts
            .into_iter()
            .enumerate()
            .map(|(c, text)| Cell {
                text,
                column: header.as_ref().and_then(|h| h.get(c).cloned()),
                line: k + 1,
            })
            .collect();
        let text = cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
        let group = cells
            .first()
            .is_some_and(|c| row_number(&c.text) == Some(true))
            && cells.iter().skip(2).all(|c| c.text.is_empty());
        let mut b = Block::new(
            if group { Kind::GroupRow } else { Kind::Row },
            k + 1,
            0,
            &text,
        );
        b.cells = cells;
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Kind, lines, read};

    #[test]
    fn pipe_tables_give_rows_with_their_columns() {
        let b = read(
            "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |\n|---|---|---|---|\n| 1 | Rà soát quy chế | Văn phòng | Quý I/2027 |\n| 2 | Tổng kết | Ban Tổ chức | Thường xuyên |\n",
        );
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].kind, Kind::Row);
        assert_eq!(b[0].first, 3);
        let time = b[0]
            .cells
            .iter()
            .find(|c| c.column.as_deref() == Some("Thời gian hoàn thành"))
            .unwrap();
        assert_eq!(time.text, "Quý I/2027");
        assert_eq!(b[1].cells[2].text, "Ban Tổ chức");
        // The row that numbers the columns is not a row of the table.
        let b = read(
            "| TT | Nhiệm vụ | Chủ trì |\n|---|---|---|\n| (1) | (2) | (3) |\n| 1 | Rà soát | Văn phòng |\n",
        );
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].cells[1].text, "Rà soát");
    }

    #[test]
    fn aligned_columns_of_pdftotext() {
        let text = "
                                                   Thời hạn
                               Cơ quan chủ trì
TT          Nhiệm vụ                               thực hiện
I    Các nhiệm vụ cần làm ngay

     Tổ chức nghiên cứu, học tập,
     quán triệt Kết luận               Các cấp ủy, tổ     Trước ngày
1    đến toàn thể cán bộ                chức đảng         15/10/2026
     trong tỉnh.

     Rà soát văn bản quy phạm          Đảng ủy UBND
2    pháp luật về môi trường           tỉnh               2026 - 2030
";
        let ls = lines(text);
        let t = super::find(&ls);
        assert_eq!(t.len(), 1, "{t:?}");
        let rows = super::rows(&ls, &t[0]);
        let kinds: Vec<Kind> = rows.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, vec![Kind::GroupRow, Kind::Row, Kind::Row]);
        let cell = |r: usize, label: &str| {
            rows[r]
                .cells
                .iter()
                .find(|c| c.column.as_deref().is_some_and(|l| l.contains(label)))
                .map(|c| c.text.clone())
                .unwrap()
        };
        assert_eq!(cell(1, "Thời hạn"), "Trước ngày 15/10/2026");
        assert_eq!(cell(1, "Cơ quan"), "Các cấp ủy, tổ chức đảng");
        assert!(
            cell(1, "Nhiệm vụ").starts_with("Tổ chức nghiên cứu"),
            "{}",
            cell(1, "Nhiệm vụ")
        );
        assert_eq!(cell(2, "Thời hạn"), "2026 - 2030");
        assert_eq!(cell(2, "Cơ quan"), "Đảng ủy UBND tỉnh");
    }

    #[test]
    fn a_time_glued_to_the_cell_before_it_is_given_back() {
        assert_eq!(
            super::trailing_time("Tỉnh ủy viên, Phó Chủ 2026 - 2030"),
            Some(("Tỉnh ủy viên, Phó Chủ".into(), "2026 - 2030".into()))
        );
        assert_eq!(super::trailing_time("Đảng ủy UBND tỉnh"), None);
    }
}
