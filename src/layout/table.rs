//! Tables: Markdown pipe tables, the aligned columns `pdftotext -layout`
//! prints, and tables dumped one cell a line (the task tables of a "Phụ
//! lục": STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
//! hoàn thành …).
//!
//! An aligned table is recognised by its header: a line that starts with
//! "TT"/"STT" beside other column words, with the header lines around it.
//! Each column is placed at the centre of its label; a piece of text (a run
//! of words between gaps of two spaces or more) belongs to the column whose
//! centre is nearest to its own. pdftotext centres a row vertically on its
//! number, so a line belongs to the row whose number line is nearest.
//! A time written at the end of another cell ("Phó Chủ 2026 - 2030", when
//! the gap between the columns was lost) is given back to the time column.
//!
//! A table one cell a line (a Word dump, rows apart by blank lines; a web
//! page's table turned into text, rows one after another) is recognised by
//! "TT"/"STT" alone on its line and the column labels after it, one a
//! line (a line in small letters goes on the label before it), two of them
//! naming task columns; a group label over short
//! sub-labels ("Thời gian trình" / "BTV" / "BCH", "Cơ quan thực hiện" /
//! "Chủ trì" / "Phối hợp") gives a column to each sub-label. Rows open at
//! their numbers, each following the one before (1 → 2, I → II, A → B), so
//! a number in a cell or a page number opens none; a group row ("I", "A"
//! and a title) spans the table. A row's lines are its cells in order,
//! read the way that fits the columns with its time under the time column:
//! a blank line may be an empty cell, a line that goes on a sentence may be
//! a wrapped cell; a row that fits no such way is read the next-best way
//! and carries a doubt. The table ends at the recipients, the signature, a
//! heading, a whole row after which no number follows, or a whole sentence
//! after the last row's time (the cells after a time are short).

use super::{Block, Cell, Kind, Line};

/// Where a table lies in the lines (0-based, `end` exclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub start: usize,
    pub end: usize,
    pipe: bool,
    /// A table dumped one cell a line (a Word dump, a web page's table).
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

/// A table dumped one cell a line: a Word table as a .docx paragraph dump
/// (rows apart by blank lines), or a web page's table turned into text
/// (rows one after another; an empty cell is a blank line, or nothing).
/// "TT"/"STT" stands on a line of its own and the other column labels
/// follow it one a line, up to a blank line or the first row's number; two
/// labels or more must name task columns. A group label over sub-labels
/// ("Thời gian trình" / "BTV" / "BCH") gives a column to each of these.
fn vertical_at(lines: &[Line], i: usize) -> Option<Table> {
    if !is_tt(&lines[i].plain) {
        return None;
    }
    let mut labels = vec![lines[i].plain.trim().to_string()];
    let mut k = i + 1;
    while k < lines.len() && labels.len() < 16 {
        // A web page's cell borders ("|" alone on a line) between labels.
        if is_border(&lines[k]) {
            k += 1;
            continue;
        }
        let p = lines[k].plain.trim();
        if p.is_empty() || p.chars().count() >= 60 || row_label(p).is_some() || column_number(p) {
            break;
        }
        // A label wrapped in its cell ("Thời gian" / "hoàn thành") goes on.
        let goes_on = labels.len() > 1 && p.starts_with(|c: char| c.is_lowercase());
        match labels.last_mut() {
            Some(last) if goes_on => {
                last.push(' ');
                last.push_str(p);
            }
            _ => labels.push(p.to_string()),
        }
        k += 1;
    }
    if labels.len() < 3 || labels[1..].iter().filter(|l| has_column_word(l)).count() < 2 {
        return None;
    }
    let columns = leaves(&labels);
    let spans = vertical_spans(lines, k, columns.len());
    let end = spans.last()?.1;
    Some(Table {
        start: i,
        end,
        pipe: false,
        vertical: true,
        columns: columns.into_iter().map(|l| (l, 0)).collect(),
        header_end: k,
    })
}

/// "TT", "STT" (a table's number column).
fn is_tt(p: &str) -> bool {
    let t = p.trim().trim_end_matches(['.', ':']);
    t.eq_ignore_ascii_case("tt") || t.eq_ignore_ascii_case("stt")
}

/// A line that numbers a column: "(1)", "(12)".
fn column_number(p: &str) -> bool {
    p.starts_with('(')
        && p.ends_with(')')
        && p.len() <= 4
        && p[1..p.len() - 1].bytes().all(|b| b.is_ascii_digit())
}

/// A short code under a group label: "BTV", "BCH", "HĐND" (capitals, one
/// word, no column word).
fn is_code(l: &str) -> bool {
    let n = l.chars().count();
    (2..=6).contains(&n) && l.chars().all(crate::text::is_upper) && !has_column_word(l)
}

/// Sub-labels that share a group label: who ("Chủ trì", "Phối hợp" under
/// "Cơ quan thực hiện") and when ("Bắt đầu", "Hoàn thành" under "Thời
/// gian").
const ROLE_SUBS: &[&str] = &["chủ trì", "phối hợp"];
const TIME_SUBS: &[&str] = &["bắt đầu", "hoàn thành", "kết thúc"];

/// The columns of a header read one label a line: a run of two
/// sub-labels or more goes under the nearest label before it that can
/// hold them (codes under any label, roles under a label of bodies with
/// no role of its own, times under a label of time), which gives way to
/// one column per sub-label ("Thời gian trình BTV", "Thời gian trình
/// BCH"). Labels that find no group stay columns of their own.
fn leaves(labels: &[String]) -> Vec<String> {
    let key = |l: &str| crate::text::name_key(l);
    let sub = |l: &str| {
        is_code(l) || ROLE_SUBS.contains(&key(l).as_str()) || TIME_SUBS.contains(&key(l).as_str())
    };
    // For each label: the sub-labels it takes.
    let mut under: Vec<Vec<usize>> = vec![Vec::new(); labels.len()];
    let mut taken = vec![false; labels.len()];
    let mut j = 1;
    while j < labels.len() {
        if !sub(&labels[j]) {
            j += 1;
            continue;
        }
        let mut e = j;
        while e < labels.len() && sub(&labels[e]) {
            e += 1;
        }
        if e - j >= 2 {
            let run = &labels[j..e];
            let fits = |g: &str| {
                let k = key(g);
                if run.iter().all(|l| is_code(l)) {
                    true
                } else if run.iter().all(|l| ROLE_SUBS.contains(&key(l).as_str())) {
                    ["cơ quan", "đơn vị", "thực hiện", "trách nhiệm", "phân công"]
                        .iter()
                        .any(|w| k.contains(w))
                        && !ROLE_SUBS.iter().any(|w| k.contains(w))
                } else if run.iter().all(|l| TIME_SUBS.contains(&key(l).as_str())) {
                    ["thời gian", "thời hạn", "tiến độ"]
                        .iter()
                        .any(|w| k.contains(w))
                } else {
                    false
                }
            };
            let free = |g: &usize| !sub(&labels[*g]) && under[*g].is_empty() && fits(&labels[*g]);
            // Codes are the bodies a text goes to ("Thời gian trình" /
            // "Cấp trình" over "BTV" / "BCH"): a label of submitting or of
            // time takes them before the nearest one, which a web page's
            // header (its second row after the whole first) may not be.
            let submits = |g: &usize| {
                let k = key(&labels[*g]);
                ["trình", "cấp", "thời gian", "thời hạn"]
                    .iter()
                    .any(|w| k.contains(w))
            };
            let codes = run.iter().all(|l| is_code(l));
            let group = (1..j)
                .rev()
                .filter(free)
                .find(|g| !codes || submits(g))
                .or_else(|| (1..j).rev().find(free));
            if let Some(g) = group {
                under[g].extend(j..e);
                for t in &mut taken[j..e] {
                    *t = true;
                }
            }
        }
        j = e;
    }
    let mut out = Vec::new();
    for (g, l) in labels.iter().enumerate() {
        if taken[g] {
            continue;
        }
        if under[g].is_empty() {
            out.push(l.clone());
        } else {
            out.extend(under[g].iter().map(|&s| format!("{l} {}", labels[s])));
        }
    }
    out
}

/// A row's number in a table one cell a line: "1", "1.2", "II", "B".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Num {
    Arabic(u32),
    Sub(u32, u32),
    Roman(u32),
    Letter(u32),
}

fn roman_value(t: &str) -> Option<u32> {
    if t.is_empty() || t.len() > 6 || !t.bytes().all(|b| matches!(b, b'I' | b'V' | b'X')) {
        return None;
    }
    // The value of each numeral, written back: only a canonical numeral
    // ("IV", not "IIV") is one.
    let canon = |mut n: u32| {
        let mut s = String::new();
        for (v, r) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
            while n >= v {
                s.push_str(r);
                n -= v;
            }
        }
        s
    };
    (1..=39).find(|&n| canon(n) == t)
}

fn row_label(s: &str) -> Option<Num> {
    let t = s.trim().trim_end_matches(['.', ')']);
    if t.is_empty() || t.len() > 7 {
        return None;
    }
    let digits = |p: &str| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit());
    if digits(t) {
        return t.parse().ok().map(Num::Arabic);
    }
    if let Some((a, b)) = t.split_once('.')
        && digits(a)
        && digits(b)
    {
        return Some(Num::Sub(a.parse().ok()?, b.parse().ok()?));
    }
    if let Some(r) = roman_value(t) {
        return Some(Num::Roman(r));
    }
    let b = t.as_bytes();
    (b.len() == 1 && b[0].is_ascii_uppercase()).then(|| Num::Letter(u32::from(b[0] - b'A') + 1))
}

/// A group's number with its title on the same line, as a web page's
/// table gives a group row: "II. HOÀN THIỆN CƠ CHẾ" → (II, "HOÀN THIỆN CƠ
/// CHẾ"), "B. NHIỆM VỤ" → (B, …). The title is in capitals.
fn group_label(s: &str) -> Option<(Num, &str)> {
    let (head, rest) = s.trim().split_once(". ")?;
    let rest = rest.trim();
    let n = match row_label(head)? {
        n @ (Num::Roman(_) | Num::Letter(_)) => n,
        _ => return None,
    };
    super::is_caps(rest).then_some((n, rest))
}

/// A cell border a web page's table leaves on a line of its own ("|").
fn is_border(l: &Line) -> bool {
    l.artifact && l.plain.trim().chars().all(|c| c == '|') && !l.plain.trim().is_empty()
}

/// The numbers rows have had so far: a row's number follows the one
/// before it of its kind (1 → 2, I → II, A → B, 1.1 → 1.2 under 1), and
/// the Arabic numbers may start again at 1 under a new group.
#[derive(Default, Clone)]
struct Seq {
    arabic: u32,
    sub: u32,
    roman: u32,
    letter: u32,
    group_since_arabic: bool,
    letter_since_roman: bool,
}

impl Seq {
    fn next(&self, n: Num) -> bool {
        match n {
            Num::Arabic(a) => a == self.arabic + 1 || (a == 1 && self.group_since_arabic),
            Num::Sub(a, b) => a == self.arabic && b == self.sub + 1,
            Num::Roman(r) => r == self.roman + 1 || (r == 1 && self.letter_since_roman),
            Num::Letter(l) => l == self.letter + 1,
        }
    }
    fn take(&mut self, n: Num) {
        match n {
            Num::Arabic(a) => {
                self.arabic = a;
                self.sub = 0;
                self.group_since_arabic = false;
            }
            Num::Sub(_, b) => self.sub = b,
            Num::Roman(r) => {
                self.roman = r;
                self.group_since_arabic = true;
                self.letter_since_roman = false;
            }
            Num::Letter(l) => {
                self.letter = l;
                self.group_since_arabic = true;
                self.letter_since_roman = true;
            }
        }
    }
}

/// A line after which no row goes on: the recipients, the signature's
/// authority, another appendix or table, a heading in capitals.
fn ends_table(p: &str) -> bool {
    let low = crate::text::lower(&p[..p.floor_char_boundary(24)]);
    [
        "nơi nhận",
        "phụ lục",
        "t/m ",
        "tm. ",
        "tm ",
        "k/t ",
        "kt. ",
        "kt ",
        "t/l ",
        "tl. ",
    ]
    .iter()
    .any(|w| low.starts_with(w))
        || is_tt(p)
        || heading_in_capitals(p)
}

/// A heading in capitals ("CHỦ TỊCH", "DANH MỤC NHIỆM VỤ"): two words of
/// three letters or more, no comma — a cell of codes ("HĐND, UBND", "BCĐ
/// 35") is none.
fn heading_in_capitals(p: &str) -> bool {
    super::is_caps(p)
        && !p.contains(',')
        && p.split_whitespace()
            .filter(|w| w.chars().filter(|&c| crate::text::is_letter(c)).count() >= 3)
            .count()
            >= 2
}

/// The rows of a table one cell a line, after its header (0-based line
/// spans, the number line first). A row opens at the number that follows
/// the last row's (see [`Seq`]) once the open row has a cell, so a number
/// in a cell or a page number does not open one — a number seen again a
/// little further on, when the open row still lacks most of its cells, is
/// a page number. The table ends at a line [`ends_table`] names, or when
/// the open row has its cells (all of them, or all but one and a blank
/// line came: a Word dump's rows are apart), or a sentence follows its
/// time, and no next number follows within a row's reach.
fn vertical_spans(lines: &[Line], from: usize, columns: usize) -> Vec<(usize, usize)> {
    let label = |j: usize| {
        let p = lines[j].plain.trim();
        row_label(p).or_else(|| group_label(p).map(|(n, _)| n))
    };
    let blank = |j: usize| lines[j].plain.is_empty();
    let m = columns.saturating_sub(1).max(1);
    let mut j = from;
    // The column numbers under the header: "(1)", "(2)" … or 1, 2, 3 …
    // one a line.
    loop {
        while j < lines.len() && (blank(j) || column_number(lines[j].plain.trim())) {
            j += 1;
        }
        let mut run = 0;
        while j + run < lines.len() && label(j + run) == Some(Num::Arabic(run as u32 + 1)) {
            run += 1;
        }
        if run >= 3 {
            j += run;
        } else {
            break;
        }
    }
    let mut seq = Seq::default();
    match (j < lines.len()).then(|| label(j)).flatten() {
        Some(n) if seq.next(n) => seq.take(n),
        _ => return Vec::new(),
    }
    // Whether a row opens within a row's reach of line `at`.
    let soon = |at: usize, seq: &Seq| {
        let mut seen = 0;
        for (k, l) in lines.iter().enumerate().skip(at) {
            if l.plain.is_empty() {
                continue;
            }
            if ends_table(&l.plain) {
                return false;
            }
            if label(k).is_some_and(|n| seq.next(n)) {
                return true;
            }
            seen += 1;
            if seen > m + 2 {
                return false;
            }
        }
        false
    };
    // A page number: the same number again a little further on.
    let again =
        |at: usize, n: Num| (at + 1..lines.len().min(at + 2 * m + 6)).any(|k| label(k) == Some(n));
    let mut spans = Vec::new();
    let (mut start, mut cells, mut last_text) = (j, 0usize, j);
    // The open row has had its time; its cells are kept apart by borders
    // ("|" lines), and a cell is open (its lines are one cell).
    let mut timed = false;
    let (mut bordered, mut open) = (false, false);
    j += 1;
    while j < lines.len() {
        let l = &lines[j];
        if l.plain.is_empty() {
            j += 1;
            continue;
        }
        // (A group's title in capitals is its cell.)
        if (cells > 0 || is_tt(&l.plain)) && ends_table(&l.plain) {
            break;
        }
        if let Some(n) = label(j)
            && cells > 0
            && seq.next(n)
            && !(cells * 2 < m && again(j, n))
        {
            spans.push((start, last_text + 1));
            seq.take(n);
            (start, cells, last_text) = (j, 0, j);
            (timed, bordered, open) = (false, false, false);
            j += 1;
            continue;
        }
        if is_border(l) {
            (bordered, open) = (true, false);
            j += 1;
            continue;
        }
        if l.artifact {
            j += 1;
            continue;
        }
        let after_blank = blank(j - 1);
        // After a row's time stand short cells (a product, a note): a whole
        // sentence there, with no row after it, is the text after the table.
        let sentence = timed && super::closed(&l.plain) && l.plain.split_whitespace().count() >= 12;
        if (cells >= m || (after_blank && cells + 2 >= columns) || sentence) && !soon(j, &seq) {
            break;
        }
        timed |= time_like(&l.plain);
        // Between borders, the lines of a cell are one cell.
        if !(bordered && open) {
            cells += 1;
        }
        open = true;
        last_text = j;
        j += 1;
    }
    spans.push((start, last_text + 1));
    spans
}

/// Whether a cell reads as a time ("Quí III-2026", "Đến hết năm 2027",
/// "Hằng năm, thường xuyên"): a short line that is a deadline phrase, or
/// whose parts are.
fn time_like(p: &str) -> bool {
    let p = p.trim();
    if p.is_empty() || p.split_whitespace().count() > 8 {
        return false;
    }
    crate::deadline::parse(p, None).is_some()
        || p.split([',', ';'])
            .filter(|s| !s.trim().is_empty())
            .any(|s| crate::deadline::parse(s, None).is_some())
}

fn is_time_label(label: &str) -> bool {
    let k = crate::text::name_key(label);
    ["thời gian", "thời hạn", "tiến độ", "lộ trình"]
        .iter()
        .any(|w| k.contains(w))
}

/// The cells of a row one cell a line, `m` columns after the number:
/// which lines each holds, and a doubt when the row's count of cells does
/// not fit its columns. The readings, best first: the runs of lines
/// between a web page's borders (`bordered`), when they are no more than
/// the columns; the text lines in order,
/// or with each blank line an empty cell, or with a line that goes on a
/// sentence (small letter, the line before unfinished) joined to it — one
/// that gives exactly `m` cells with a time under a time column; then
/// fewer cells, in order, the last columns empty; then the cells in order
/// around the time, which goes under the time column; then the extra lines
/// joined to the task's cell.
fn assign(
    lines: &[Line],
    tokens: &[Option<usize>],
    bordered: Option<&[Vec<usize>]>,
    m: usize,
    time_cols: &[usize],
    task: usize,
) -> (Vec<Vec<usize>>, Option<String>) {
    let texts: Vec<usize> = tokens.iter().flatten().copied().collect();
    let timely: Vec<usize> = texts
        .iter()
        .copied()
        .filter(|&k| time_like(&lines[k].plain))
        .collect();
    let time_ok = |cells: &[Vec<usize>]| {
        timely.is_empty()
            || time_cols.is_empty()
            || time_cols.iter().any(|&c| {
                cells
                    .get(c)
                    // `timely` is in line order: a search, not a scan, so a
                    // hostile row of many lines stays linear.
                    .is_some_and(|v| v.iter().any(|k| timely.binary_search(k).is_ok()))
            })
    };
    let pad = |mut v: Vec<Vec<usize>>| {
        v.resize(m, Vec::new());
        v
    };
    let each: Vec<Vec<usize>> = texts.iter().map(|&k| vec![k]).collect();
    let with_blanks: Vec<Vec<usize>> = tokens.iter().map(|t| t.iter().copied().collect()).collect();
    let mut joined: Vec<Vec<usize>> = Vec::new();
    for &k in &texts {
        let goes_on = lines[k].plain.starts_with(|c: char| c.is_lowercase())
            && joined
                .last()
                .and_then(|v| v.last())
                .is_some_and(|&p| !super::closed(&lines[p].plain));
        match joined.last_mut() {
            Some(v) if goes_on => v.push(k),
            _ => joined.push(vec![k]),
        }
    }
    // A web page's cells, kept apart by its borders, as they are.
    if let Some(b) = bordered
        && b.len() <= m
        && time_ok(&pad(b.to_vec()))
    {
        return (pad(b.to_vec()), None);
    }
    for r in [&each, &with_blanks, &joined] {
        if r.len() == m && time_ok(r) {
            return (r.clone(), None);
        }
    }
    for r in [&each, &joined] {
        if r.len() < m && time_ok(&pad(r.clone())) {
            return (pad(r.clone()), None);
        }
    }
    let said = |how: &str| {
        format!(
            "table row of {} lines for {m} cells: {how}; check the row's cells",
            texts.len()
        )
    };
    // In order around the time.
    if let Some(&t) = timely.first() {
        let p = joined.iter().position(|v| v.contains(&t)).unwrap_or(0);
        for &tc in time_cols {
            let (before, after) = (&joined[..p], &joined[p + 1..]);
            if before.len() <= tc && after.len() < m - tc {
                let mut cells = vec![Vec::new(); m];
                for (c, v) in before.iter().enumerate() {
                    cells[c] = v.clone();
                }
                cells[tc] = joined[p].clone();
                for (c, v) in after.iter().enumerate() {
                    cells[tc + 1 + c] = v.clone();
                }
                return (cells, Some(said("read in order around its time")));
            }
        }
    }
    if joined.len() > m {
        // The extra lines go to the task's cell.
        let extra = joined.len() - m;
        let task = task.min(m - 1);
        let mut cells: Vec<Vec<usize>> = joined[..task].to_vec();
        cells.push(joined[task..=task + extra].concat());
        cells.extend(joined[task + extra + 1..].iter().cloned());
        return (
            cells,
            Some(said("the extra lines are read as part of the task")),
        );
    }
    (pad(joined), Some(said("read in order")))
}

fn vertical_rows(lines: &[Line], t: &Table) -> Vec<Block> {
    let labels: Vec<&str> = t.columns.iter().map(|c| c.0.as_str()).collect();
    let m = labels.len().saturating_sub(1).max(1);
    let time_cols: Vec<usize> = (0..m)
        .filter(|&c| labels.get(c + 1).is_some_and(|l| is_time_label(l)))
        .collect();
    let task = (0..m)
        .find(|&c| {
            labels.get(c + 1).is_some_and(|l| {
                let k = crate::text::name_key(l);
                ["nội dung", "nhiệm vụ", "công việc", "tên"]
                    .iter()
                    .any(|w| k.contains(w))
            })
        })
        .unwrap_or(0);
    let mut out = Vec::new();
    for (start, end) in vertical_spans(lines, t.header_end, labels.len()) {
        let end = end.min(t.end);
        let mut number = lines[start].plain.trim().to_string();
        // "II. HOÀN THIỆN …": the group's number, its title a cell.
        let mut title = None;
        if row_label(&number).is_none()
            && let Some((_, rest)) = group_label(&number)
        {
            title = Some(rest.to_string());
            number = number[..number.len() - rest.len()].trim().to_string();
        }
        // The lines between borders ("|" lines), when the row has them:
        // each run one cell, two borders in a row an empty cell.
        let mut segments: Vec<Vec<usize>> = vec![Vec::new()];
        let mut borders = false;
        for (k, l) in lines.iter().enumerate().take(end).skip(start + 1) {
            if is_border(l) {
                borders = true;
                segments.push(Vec::new());
            } else if !l.artifact
                && !l.plain.is_empty()
                && let Some(v) = segments.last_mut()
            {
                v.push(k);
            }
        }
        if segments.first().is_some_and(Vec::is_empty) {
            segments.remove(0);
        }
        while segments.last().is_some_and(Vec::is_empty) {
            segments.pop();
        }
        let segments = borders.then_some(segments);
        // The lines after the number: a text line, or None for a blank
        // line (one for a run of them), page numbers left out.
        let mut tokens: Vec<Option<usize>> = Vec::new();
        for (k, l) in lines.iter().enumerate().take(end).skip(start + 1) {
            if l.artifact {
                continue;
            }
            let tok = (!l.plain.is_empty()).then_some(k);
            if tok.is_none() && tokens.last().is_none_or(Option::is_none) {
                continue;
            }
            tokens.push(tok);
        }
        while tokens.last() == Some(&None) {
            tokens.pop();
        }
        let texts: Vec<usize> = tokens.iter().flatten().copied().collect();
        let group =
            matches!(row_label(&number), Some(Num::Roman(_) | Num::Letter(_))) && texts.len() <= 1;
        let group = group || title.is_some();
        let (parts, doubt) = if group {
            (vec![texts.clone()], None)
        } else {
            assign(lines, &tokens, segments.as_deref(), m, &time_cols, task)
        };
        let mut cells = vec![Cell {
            text: number.clone(),
            column: labels.first().map(|l| l.to_string()),
            line: start + 1,
        }];
        for (c, ks) in parts.iter().enumerate() {
            let head = if c == 0 { title.as_deref() } else { None };
            cells.push(Cell {
                text: head
                    .into_iter()
                    .chain(ks.iter().map(|&k| lines[k].plain.as_str()))
                    .collect::<Vec<_>>()
                    .join(" "),
                column: labels
                    .get((c + 1).min(labels.len() - 1))
                    .map(|l| l.to_string()),
                line: ks.first().map_or(start + 1, |k| k + 1),
            });
        }
        let text = cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|s| !s.is_empty())
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
        b.doubt = doubt.map(|d| format!("{d} (row {number})"));
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

/// The lines (0-based) that open the rows of a table one cell a line:
/// each row's number.
pub fn row_numbers(lines: &[Line], t: &Table) -> Vec<usize> {
    if !t.vertical {
        return Vec::new();
    }
    vertical_spans(lines, t.header_end, t.columns.len())
        .into_iter()
        .map(|(start, _)| start)
        .filter(|&s| s < t.end)
        .collect()
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
        // A group's row: its number, its title, nothing else — or its title
        // repeated in every cell, as converters write a merged cell.
        let group = cells
            .first()
            .is_some_and(|c| row_number(&c.text) == Some(true))
            && cells.get(1).is_some_and(|title| {
                cells
                    .iter()
                    .skip(2)
                    .all(|c| c.text.is_empty() || c.text == title.text)
            });
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
        // A group's title repeated in every cell (a merged cell as a
        // converter writes it) is a group's row.
        let b = read(
            "| TT | Nhiệm vụ | Chủ trì | Thời gian |\n|---|---|---|---|\n| **I** | **Hạ tầng số** | **Hạ tầng số** | **Hạ tầng số** |\n| 1 | Rà soát | Văn phòng | 2025 |\n| 2 | Hạ tầng | Hạ tầng | Hạ tầng |\n",
        );
        let kinds: Vec<Kind> = b.iter().map(|x| x.kind).collect();
        assert_eq!(kinds, [Kind::GroupRow, Kind::Row, Kind::Row]);
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

    /// The rows of a text's tables: kind, and each non-empty cell as
    /// "column=text".
    fn flat(text: &str) -> Vec<(Kind, Vec<String>)> {
        read(text)
            .into_iter()
            .filter(|b| matches!(b.kind, Kind::Row | Kind::GroupRow))
            .map(|b| {
                let cells = b
                    .cells
                    .iter()
                    .filter(|c| !c.text.is_empty())
                    .map(|c| format!("{}={}", c.column.clone().unwrap_or_default(), c.text))
                    .collect();
                (b.kind, cells)
            })
            .collect()
    }

    fn want(rows: &[(Kind, &[&str])]) -> Vec<(Kind, Vec<String>)> {
        rows.iter()
            .map(|(k, c)| (*k, c.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn a_web_table_one_cell_a_line_under_a_two_level_header() {
        // Party: "Thời gian trình" over the codes BTV and BCH; a blank line
        // or nothing where a cell is empty; the signature ends the table.
        let text = "PHỤ LỤC\nDANH MỤC NHIỆM VỤ TRIỂN KHAI NGHỊ QUYẾT\nTT\nNhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian trình\nBTV\nBCH\nSản phẩm\n1\nXây dựng đề án phát triển văn hóa\nBan Tuyên giáo Tỉnh ủy\nVăn phòng Tỉnh ủy, các ban đảng\nQuí III-2026\nx\nĐề án\n2\nTổng kết 10 năm thực hiện Chỉ thị 05\nBan Tổ chức Tỉnh ủy\n\nx\nQuý I/2027\nBáo cáo\n3\nKiểm tra việc học tập\nỦy ban Kiểm tra Tỉnh ủy\nCác huyện ủy\nHằng năm, thường xuyên\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n";
        assert_eq!(
            flat(text),
            want(&[
                (
                    Kind::Row,
                    &[
                        "TT=1",
                        "Nhiệm vụ=Xây dựng đề án phát triển văn hóa",
                        "Cơ quan chủ trì=Ban Tuyên giáo Tỉnh ủy",
                        "Cơ quan phối hợp=Văn phòng Tỉnh ủy, các ban đảng",
                        "Thời gian trình BTV=Quí III-2026",
                        "Thời gian trình BCH=x",
                        "Sản phẩm=Đề án",
                    ]
                ),
                (
                    Kind::Row,
                    &[
                        "TT=2",
                        "Nhiệm vụ=Tổng kết 10 năm thực hiện Chỉ thị 05",
                        "Cơ quan chủ trì=Ban Tổ chức Tỉnh ủy",
                        "Thời gian trình BTV=x",
                        "Thời gian trình BCH=Quý I/2027",
                        "Sản phẩm=Báo cáo",
                    ]
                ),
                (
                    Kind::Row,
                    &[
                        "TT=3",
                        "Nhiệm vụ=Kiểm tra việc học tập",
                        "Cơ quan chủ trì=Ủy ban Kiểm tra Tỉnh ủy",
                        "Cơ quan phối hợp=Các huyện ủy",
                        "Thời gian trình BTV=Hằng năm, thường xuyên",
                    ]
                ),
            ])
        );
        // The signature after it is no cell.
        let blocks = read(text);
        assert!(
            blocks
                .iter()
                .any(|b| b.text.starts_with("T/M BAN THƯỜNG VỤ"))
        );
        assert!(blocks.iter().all(|b| b.doubt.is_none()));
    }

    #[test]
    fn a_state_table_with_groups_a_wrapped_task_and_nguoi_nhan_after_it() {
        // Six columns, "Thời hạn hoàn thành"; group rows I, II span the
        // table and the numbers run on under them; a task wrapped over two
        // lines; the recipients end the table.
        let text = "STT\nNội dung công việc\nCơ quan chủ trì\nCơ quan phối hợp\nThời hạn hoàn thành\nGhi chú\nI\nCÔNG TÁC TUYÊN TRUYỀN\n1\nTổ chức tuyên truyền sâu rộng Chỉ thị\nđến cán bộ, công chức và Nhân dân\nSở Văn hóa, Thể thao và Du lịch\nCác sở, ngành; UBND các xã\nTháng 6/2026\n\nII\nCÔNG TÁC KIỂM TRA\n2\nKiểm tra việc thực hiện\nThanh tra tỉnh\nCác sở, ngành\n2026 - 2030\nHằng năm báo cáo\nNơi nhận:\n- Như trên;\n";
        assert_eq!(
            flat(text),
            want(&[
                (
                    Kind::GroupRow,
                    &["STT=I", "Nội dung công việc=CÔNG TÁC TUYÊN TRUYỀN"]
                ),
                (
                    Kind::Row,
                    &[
                        "STT=1",
                        "Nội dung công việc=Tổ chức tuyên truyền sâu rộng Chỉ thị đến cán bộ, công chức và Nhân dân",
                        "Cơ quan chủ trì=Sở Văn hóa, Thể thao và Du lịch",
                        "Cơ quan phối hợp=Các sở, ngành; UBND các xã",
                        "Thời hạn hoàn thành=Tháng 6/2026",
                    ]
                ),
                (
                    Kind::GroupRow,
                    &["STT=II", "Nội dung công việc=CÔNG TÁC KIỂM TRA"]
                ),
                (
                    Kind::Row,
                    &[
                        "STT=2",
                        "Nội dung công việc=Kiểm tra việc thực hiện",
                        "Cơ quan chủ trì=Thanh tra tỉnh",
                        "Cơ quan phối hợp=Các sở, ngành",
                        "Thời hạn hoàn thành=2026 - 2030",
                        "Ghi chú=Hằng năm báo cáo",
                    ]
                ),
            ])
        );
        assert!(read(text).iter().any(|b| b.text.starts_with("Nơi nhận")));
        // A sentence right after the last row's time, no row after it: the
        // text goes on after the table.
        let text = "STT\nNội dung công việc\nCơ quan chủ trì\nCơ quan phối hợp\nThời hạn hoàn thành\nGhi chú\n1\nKiểm tra việc thực hiện\nThanh tra tỉnh\nCác sở, ngành\nQuý IV/2026\nCác cơ quan, đơn vị căn cứ Kế hoạch này xây dựng kế hoạch của mình và triển khai thực hiện.\n";
        let blocks = read(text);
        assert_eq!(blocks.iter().filter(|b| b.kind == Kind::Row).count(), 1);
        assert!(
            blocks
                .iter()
                .any(|b| b.kind == Kind::Paragraph
                    && b.text.starts_with("Các cơ quan, đơn vị căn cứ"))
        );
    }

    #[test]
    fn five_columns_letter_groups_a_blank_cell_and_a_page_number() {
        // A page number inside a row, and a number inside a task's text,
        // open no row: a row's number follows the one before it.
        let text = "TT\nNhiệm vụ\nCơ quan chủ trì\nThời gian thực hiện\nSản phẩm\nA\nNhiệm vụ trọng tâm\n1\nRà soát quy chế làm việc\n2\nBan Tổ chức\nĐến hết năm 2027\nQuy chế\n2\nSửa đổi 3 quy định\n\nQuý I/2026\nQuy định\nB\nNhiệm vụ thường xuyên\n3\nTheo dõi, đôn đốc\nVăn phòng\nThường xuyên\n\nTrên đây là Kế hoạch thực hiện.\n";
        assert_eq!(
            flat(text),
            want(&[
                (Kind::GroupRow, &["TT=A", "Nhiệm vụ=Nhiệm vụ trọng tâm"]),
                (
                    Kind::Row,
                    &[
                        "TT=1",
                        "Nhiệm vụ=Rà soát quy chế làm việc",
                        "Cơ quan chủ trì=Ban Tổ chức",
                        "Thời gian thực hiện=Đến hết năm 2027",
                        "Sản phẩm=Quy chế",
                    ]
                ),
                (
                    Kind::Row,
                    &[
                        "TT=2",
                        "Nhiệm vụ=Sửa đổi 3 quy định",
                        "Thời gian thực hiện=Quý I/2026",
                        "Sản phẩm=Quy định",
                    ]
                ),
                (Kind::GroupRow, &["TT=B", "Nhiệm vụ=Nhiệm vụ thường xuyên"]),
                (
                    Kind::Row,
                    &[
                        "TT=3",
                        "Nhiệm vụ=Theo dõi, đôn đốc",
                        "Cơ quan chủ trì=Văn phòng",
                        "Thời gian thực hiện=Thường xuyên",
                    ]
                ),
            ])
        );
        assert!(
            read(text)
                .iter()
                .any(|b| b.text == "Trên đây là Kế hoạch thực hiện.")
        );
    }

    #[test]
    fn a_word_dump_keeps_its_rows_apart_by_blank_lines() {
        // Column numbers under the header, an empty last column, a blank
        // line inside a row; prose after the last row is no cell.
        let text = "TT\nTên nhiệm vụ\nSở, ngành chủ trì tham mưu\nĐơn vị phối hợp thực hiện\nThời gian thực hiện\nGhi chú\n\n(1)\n(2)\n(3)\n(4)\n(5)\n1\nTổ chức quán triệt Chỉ thị.\nCác Sở, ban, ngành\nCác cơ quan liên quan\nXong trong Quý II/2026\n\n2\nRà soát đội ngũ cán bộ.\n\nSở Nội vụ\nCác Sở, ban, ngành\nHàng năm\n\nCác cơ quan, đơn vị triển khai thực hiện nghiêm túc.\n";
        assert_eq!(
            flat(text),
            want(&[
                (
                    Kind::Row,
                    &[
                        "TT=1",
                        "Tên nhiệm vụ=Tổ chức quán triệt Chỉ thị.",
                        "Sở, ngành chủ trì tham mưu=Các Sở, ban, ngành",
                        "Đơn vị phối hợp thực hiện=Các cơ quan liên quan",
                        "Thời gian thực hiện=Xong trong Quý II/2026",
                    ]
                ),
                (
                    Kind::Row,
                    &[
                        "TT=2",
                        "Tên nhiệm vụ=Rà soát đội ngũ cán bộ.",
                        "Sở, ngành chủ trì tham mưu=Sở Nội vụ",
                        "Đơn vị phối hợp thực hiện=Các Sở, ban, ngành",
                        "Thời gian thực hiện=Hàng năm",
                    ]
                ),
            ])
        );
        assert!(
            read(text)
                .iter()
                .any(|b| b.kind == Kind::Paragraph && b.text.starts_with("Các cơ quan, đơn vị"))
        );
    }

    #[test]
    fn roles_under_a_group_label_and_a_row_that_does_not_fit() {
        // "Cơ quan thực hiện" over "Chủ trì" / "Phối hợp".
        let text = "TT\nNội dung\nCơ quan thực hiện\nThời gian hoàn thành\nChủ trì\nPhối hợp\n1\nTổng kết công tác\nVăn phòng\nCác ban\nQuý IV/2026\n2\nHội nghị sơ kết\nBan Dân vận\nCác đoàn thể\nTháng 12/2026\n\nNơi nhận:\n";
        let rows = flat(text);
        assert_eq!(
            rows[0].1,
            [
                "TT=1",
                "Nội dung=Tổng kết công tác",
                "Cơ quan thực hiện Chủ trì=Văn phòng",
                "Cơ quan thực hiện Phối hợp=Các ban",
                "Thời gian hoàn thành=Quý IV/2026",
            ]
        );
        // A web page's header: its second row ("BTV", "BCH") after the
        // whole first; the codes go under the label of submitting, in its
        // place.
        let text = "TT\nNhiệm vụ\nCơ quan chủ trì\nThời gian trình\nSản phẩm\nBTV\nBCH\n1\nĐề án nhân sự\nBan Tổ chức Tỉnh ủy\nx\nTháng 6/2026\nĐề án\n";
        assert_eq!(
            flat(text)[0].1,
            [
                "TT=1",
                "Nhiệm vụ=Đề án nhân sự",
                "Cơ quan chủ trì=Ban Tổ chức Tỉnh ủy",
                "Thời gian trình BTV=x",
                "Thời gian trình BCH=Tháng 6/2026",
                "Sản phẩm=Đề án",
            ]
        );
        // Labels wrapped in their cells go on.
        let text = "TT\nNhiệm vụ\nCơ quan\nchủ trì\nThời gian\nhoàn thành\n1\nSơ kết\nVăn phòng\nQuý II/2026\n";
        assert_eq!(
            flat(text)[0].1,
            [
                "TT=1",
                "Nhiệm vụ=Sơ kết",
                "Cơ quan chủ trì=Văn phòng",
                "Thời gian hoàn thành=Quý II/2026"
            ]
        );
        // A cell of codes in capitals is a cell, not a heading.
        let text = "TT\nNhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n1\nGiám sát việc thực hiện\nHĐND, UBND\nBCĐ 35\nQuý III/2026\n2\nSơ kết\nVăn phòng\nCác ban\nNăm 2027\n";
        let rows = flat(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].1[2..],
            [
                "Cơ quan chủ trì=HĐND, UBND",
                "Cơ quan phối hợp=BCĐ 35",
                "Thời gian hoàn thành=Quý III/2026"
            ]
        );
        // Two lines too many that go on no sentence: the next-best reading
        // (the extra lines are the task's), said as a doubt.
        let text = "TT\nNhiệm vụ\nCơ quan chủ trì\nThời gian thực hiện\n1\nRà soát quy chế\nXây dựng quy định\nBan hành hướng dẫn\nBan Tổ chức\nQuý II/2026\n2\nTổng kết\nVăn phòng\nNăm 2027\n";
        let blocks = read(text);
        let rows: Vec<_> = blocks.iter().filter(|b| b.kind == Kind::Row).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].cells[1].text,
            "Rà soát quy chế Xây dựng quy định Ban hành hướng dẫn"
        );
        assert_eq!(rows[0].cells[2].text, "Ban Tổ chức");
        assert_eq!(rows[0].cells[3].text, "Quý II/2026");
        assert!(
            rows[0]
                .doubt
                .as_deref()
                .is_some_and(|d| d.contains("row 1"))
        );
        assert!(rows[1].doubt.is_none());
    }

    #[test]
    fn numbered_paragraphs_without_a_header_are_no_table() {
        let text = "1\nXây dựng đề án phát triển văn hóa\nBan Tuyên giáo Tỉnh ủy\nQuý III/2026\n2\nTổng kết Chỉ thị\n";
        assert!(flat(text).is_empty());
        // "TT" with labels that name no task columns: no table either.
        let text = "TT\nHọ và tên\nChức vụ\n1\nNguyễn Văn A\nBí thư\n";
        assert!(flat(text).is_empty());
    }

    /// A web page's table turned into text with a "|" line between cells
    /// (header and rows alike): a cell's lines, wrapped, are one cell; two
    /// borders in a row are an empty cell; a group's number and its title
    /// in capitals share a line or not, and a title without a comma does
    /// not end the table.
    #[test]
    fn a_web_table_with_borders_between_cells_and_group_titles() {
        let text = "DANH MỤC NHIỆM VỤ\n|\n**STT**\n|\n**Tên nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n**Cơ quan phối hợp**\n|\n**Thời gian hoàn thành**\n|\n|\n**I.\nNÂNG CAO NHẬN THỨC**\n|\n|\n1\n|\nTriển khai nền tảng đào tạo\ntrực tuyến cho người dân.\n|\nSở KH&CN\n|\nCác sở, ban, ngành tỉnh\n|\nThường xuyên\n|\n|\n**II. HOÀN\nTHIỆN CƠ CHẾ, CHÍNH SÁCH**\n|\n|\n2\n|\nXây dựng Bộ tiêu chí\nđánh giá mức độ chuyển đổi số.\n|\nSở KH&CN\n|\n|\nQuí IV-2025\n|\n|\n**III.\nPHÁT TRIỂN HẠ TẦNG SỐ VÀ THÚC ĐẨY ỨNG DỤNG**\n|\n|\n3\n|\nTriển khai hạ tầng 5G.\n|\nSở Công Thương\n|\nBan Quản lý Khu kinh tế,\ncác doanh nghiệp viễn thông\n|\nNăm 2026\n|\n|\n";
        assert_eq!(
            flat(text),
            want(&[
                (
                    Kind::GroupRow,
                    &["STT=I.", "Tên nhiệm vụ=NÂNG CAO NHẬN THỨC"]
                ),
                (
                    Kind::Row,
                    &[
                        "STT=1",
                        "Tên nhiệm vụ=Triển khai nền tảng đào tạo trực tuyến cho người dân.",
                        "Cơ quan chủ trì=Sở KH&CN",
                        "Cơ quan phối hợp=Các sở, ban, ngành tỉnh",
                        "Thời gian hoàn thành=Thường xuyên",
                    ]
                ),
                (
                    Kind::GroupRow,
                    &["STT=II.", "Tên nhiệm vụ=HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH"]
                ),
                (
                    Kind::Row,
                    &[
                        "STT=2",
                        "Tên nhiệm vụ=Xây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số.",
                        "Cơ quan chủ trì=Sở KH&CN",
                        "Thời gian hoàn thành=Quí IV-2025",
                    ]
                ),
                (
                    Kind::GroupRow,
                    &[
                        "STT=III.",
                        "Tên nhiệm vụ=PHÁT TRIỂN HẠ TẦNG SỐ VÀ THÚC ĐẨY ỨNG DỤNG"
                    ]
                ),
                (
                    Kind::Row,
                    &[
                        "STT=3",
                        "Tên nhiệm vụ=Triển khai hạ tầng 5G.",
                        "Cơ quan chủ trì=Sở Công Thương",
                        "Cơ quan phối hợp=Ban Quản lý Khu kinh tế, các doanh nghiệp viễn thông",
                        "Thời gian hoàn thành=Năm 2026",
                    ]
                ),
            ])
        );
        assert!(read(text).iter().all(|b| b.doubt.is_none()));
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
