//! Layout: a text as it arrives — Markdown an editor wrote, or what a
//! converter left (pdftotext, OCR, a .docx dump, HTML turned into Markdown)
//! — read into blocks: paragraphs, list items, headings, slots ("Thời gian
//! thực hiện: …"), table rows with their cells. Extractors read blocks,
//! never physical lines.
//!
//! Repairs, each a rule of how such texts are laid out, never of one text:
//! - a line break inside a sentence is a space (Vietnamese has no
//!   hyphenation), so hard-wrapped lines are joined into their block, and an
//!   identifier or a date broken across lines comes out whole;
//! - page numbers, page markers ("===== Trang 3 =====") and the running
//!   header repeated under them are dropped, and a paragraph continues
//!   across them;
//! - Markdown marks, HTML-table remnants ("|" lines) and converter escapes
//!   are removed;
//! - tables are recovered from pipe tables, from the aligned columns of
//!   `pdftotext -layout`, and from tables dumped one cell a line (a Word
//!   dump, a web page's table turned into text) under a header of column
//!   names (see [`table`]).
//!
//! Every block keeps the source lines it came from, and maps each byte of
//! its text back to its line, so anchors and `#L` links stay exact.

mod glue;
pub(crate) use glue::is_syllable;
mod ocr;
pub mod table;

use std::borrow::Cow;

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Paragraph,
    /// Starts with a list marker or a numbering ("- ", "a) ", "1.2. ").
    Item,
    /// A Markdown heading, a bold line, or a line in capitals.
    Heading,
    /// "Label: value" with a label that names a slot of a task.
    Slot,
    /// A row of a table; its text is its cells joined by " | ".
    Row,
    /// A row of a table that spans it: a group ("I", "II.1 …").
    GroupRow,
}

/// A cell of a table row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// The column's header, when the table has one ("Thời gian hoàn thành").
    pub column: Option<String>,
    /// 1-based source line of the cell's first text.
    pub line: usize,
}

/// One block of text.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub kind: Kind,
    /// The words, markup removed, lines joined by one space.
    pub text: String,
    /// 1-based source lines it spans.
    pub first: usize,
    pub last: usize,
    /// Spaces before its first line in the source.
    pub indent: usize,
    /// For rows: the cells.
    pub cells: Vec<Cell>,
    /// What the layout stage doubts of this block (a table row whose lines
    /// did not fit its columns, read the next-best way), to be said as a
    /// diagnostic.
    pub doubt: Option<String>,
    /// (byte offset in `text`, source line) where each source line begins.
    starts: Vec<(usize, usize)>,
}

impl Block {
    /// The 1-based source line of the byte at `offset` of the text.
    pub fn line_at(&self, offset: usize) -> usize {
        let k = self.starts.partition_point(|&(o, _)| o <= offset);
        if k == 0 {
            self.first
        } else {
            self.starts[k - 1].1
        }
    }

    fn new(kind: Kind, line: usize, indent: usize, text: &str) -> Block {
        Block {
            kind,
            text: text.to_string(),
            first: line,
            last: line,
            indent,
            cells: Vec::new(),
            doubt: None,
            starts: vec![(0, line)],
        }
    }

    /// Adds a wrapped line: one space between, none after a hyphen that
    /// ends an identifier's part ("75-" + "KL/TW" stays "75- KL/TW", which
    /// the identifier reader takes as one).
    fn push_line(&mut self, line: usize, text: &str) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
        self.starts.push((self.text.len(), line));
        self.text.push_str(text);
        self.last = line;
    }
}

/// A physical line, read once.
#[derive(Clone, Debug)]
pub struct Line<'a> {
    pub raw: &'a str,
    /// Markup removed, spaces collapsed, trimmed.
    pub plain: String,
    pub indent: usize,
    pub artifact: bool,
}

impl Line<'_> {
    fn blank(&self) -> bool {
        self.plain.is_empty()
    }
}

/// Strips the Markdown marks that are not words: heading marks, quotes,
/// bold and italic markers, escapes; collapses runs of spaces.
pub fn plain(line: &str) -> String {
    let t = line.trim_start();
    let t = t.trim_start_matches('>').trim_start();
    let t = if t.starts_with('#') {
        t.trim_start_matches('#').trim_start()
    } else {
        t
    };
    if needs_no_cleaning(t) {
        return repaired(t.to_string());
    }
    let mut out = String::with_capacity(t.len());
    let mut prev = ' ';
    let bullet = t.starts_with("* ");
    let mut escaped = false;
    for (i, c) in t.char_indices() {
        let keep = match c {
            _ if escaped => true,
            '*' => bullet && i == 0,
            '_' => {
                // Underscores of emphasis sit at word edges; a run of them
                // is a blank to fill in ("ngày ___") and is kept.
                let next = t[i + 1..].chars().next();
                prev == '_' || next == Some('_')
            }
            // Converter escapes: "\*", "\-", "\.".
            '\\' => !t[i + 1..].starts_with(['*', '-', '.', '_', '#', '(', ')', '[', ']', '|']),
            _ => true,
        };
        escaped = c == '\\' && !keep;
        if keep {
            if c.is_whitespace() {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                // A PDF text layer that lost a space glues two words: a
                // capital after a small letter starts the second when a
                // small letter follows it ("vụĐảng" → "vụ Đảng") or it
                // begins a word of capitals ("uỷUBND" → "uỷ UBND"); codes
                // like "QĐi", "CTr", "ThU" stay.
                if crate::text::is_upper(c)
                    && out.chars().next_back().is_some_and(crate::text::is_lower)
                    && starts_glued_word(&t[i..])
                {
                    out.push(' ');
                }
                out.push(c);
            }
        }
        prev = c;
    }
    let out = if out.trim().len() == out.len() {
        out
    } else {
        out.trim().to_string()
    };
    repaired(out)
}

/// A plain line after the repairs of its words: OCR confusions, syllables
/// parted or glued by a text layer.
fn repaired(out: String) -> String {
    let out = mended(out, ocr::repair);
    if out.is_ascii() {
        return out;
    }
    mended(mended(out, glue::rejoin), glue::unglue)
}

/// Whether [`plain`]'s character loop would give `t` back as it is: no
/// markup or converter escape, no space but single ASCII spaces inside the
/// line (none of Unicode's others: U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000), and no word glued to a small
/// letter before it ([`starts_glued_word`]). Most lines are so, and are
/// copied whole.
fn needs_no_cleaning(t: &str) -> bool {
    let b = t.as_bytes();
    if b.last() == Some(&b' ')
        || b.iter().any(|&x| matches!(x, b'*' | b'_' | b'\\'))
        || !crate::text::single_spaced(b)
    {
        return false;
    }
    let mut prev_lower = false;
    for (i, c) in t.char_indices() {
        if prev_lower && crate::text::is_upper(c) && starts_glued_word(&t[i..]) {
            return false;
        }
        prev_lower = crate::text::is_lower(c);
    }
    true
}

/// Whether the capital that `rest` starts with, glued to a small letter
/// before it, begins a word of its own: a small letter follows it, or it
/// begins a run of two capitals or more that ends the word (an acronym:
/// "UBND", "HĐND", "XV").
fn starts_glued_word(rest: &str) -> bool {
    let mut cs = rest.chars();
    cs.next();
    match cs.next() {
        Some(n) if crate::text::is_lower(n) => true,
        Some(n) if crate::text::is_upper(n) => rest
            .chars()
            .take_while(|&c| crate::text::is_letter(c))
            .all(crate::text::is_upper),
        _ => false,
    }
}

/// `text` after a repair that gives its input back when it mends nothing.
fn mended(text: String, repair: impl Fn(&str) -> Cow<'_, str>) -> String {
    let changed = match repair(&text) {
        Cow::Borrowed(_) => None,
        Cow::Owned(o) => Some(o),
    };
    changed.unwrap_or(text)
}

/// A page number, a page marker or a separator a converter left.
fn is_artifact(p: &str) -> bool {
    let t = p.trim();
    if t.is_empty() {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    if digits(t) {
        return true;
    }
    if let Some(inner) = t.strip_prefix('-').and_then(|s| s.strip_suffix('-'))
        && digits(inner.trim())
    {
        return true;
    }
    // Table remnants and rules: "|", "** **", "-----", "━━━━" (a lone "-"
    // or "+" is a list marker whose item is on the next line).
    let rule = t != "-"
        && t != "+"
        && t.chars()
            .all(|c| matches!(c, '|' | '*' | '-' | '_' | '=' | '━' | '─' | ' ' | '+'));
    // A page marker is short ("Trang 3/12", "===== Trang 3 =====").
    if rule || t.len() > 40 {
        return rule;
    }
    let low = crate::text::lower(t);
    if let Some(n) = low.strip_prefix("trang ") {
        let n = n.split('/').next().unwrap_or("");
        if digits(n.trim()) {
            return true;
        }
    }
    t.starts_with("=====") && low.contains("trang")
}

/// Reads the lines of a text: markup removed, artifacts marked, and the
/// running header printed under each page marker marked too.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    lines_and_tables(text).0
}

/// [`lines`], and the tables found in them.
fn lines_and_tables(text: &str) -> (Vec<Line<'_>>, Vec<table::Table>) {
    let mut out: Vec<Line> = text
        .lines()
        .map(|raw| {
            let p = plain(raw);
            let indent = raw.len() - raw.trim_start_matches([' ', '\t']).len();
            let artifact = is_artifact(&p) && !p.is_empty();
            Line {
                raw,
                plain: p,
                indent,
                artifact,
            }
        })
        .collect();
    // The numbers of a table's rows, one cell a line ("1" alone on a
    // line), are no page numbers.
    let mut tables = table::find(&out);
    // Whether a line's mark changed since the tables were found.
    let mut marked = false;
    for t in &tables {
        for n in table::row_numbers(&out, t) {
            marked |= out[n].artifact;
            out[n].artifact = false;
        }
    }
    // A running header: the first line after a page break, repeated at
    // two page breaks or more (its page number aside).
    let mut after_break: std::collections::HashMap<String, Vec<usize>> =
        std::collections::HashMap::new();
    let mut i = 0;
    while i < out.len() {
        if out[i].artifact && !out[i].plain.chars().all(|c| "|*-_ ".contains(c)) {
            let mut j = i + 1;
            while j < out.len() && (out[j].blank() || out[j].artifact) {
                j += 1;
            }
            if j < out.len() {
                let key: String = out[j]
                    .plain
                    .chars()
                    .filter(|c| !c.is_ascii_digit())
                    .collect();
                if key.trim().len() >= 3 {
                    after_break.entry(key).or_default().push(j);
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    for (_, at) in after_break {
        if at.len() >= 2 {
            for j in at {
                marked |= !out[j].artifact;
                out[j].artifact = true;
            }
        }
    }
    // Tables are read from the lines as they end up.
    if marked {
        tables = table::find(&out);
    }
    (out, tables)
}

/// Labels of task slots: "Thời gian thực hiện:", "Cơ quan chủ trì:" …
/// (lower case, canonical tone); a label may run on ("Đơn vị chủ trì tham
/// mưu thực hiện").
const SLOT_HEADS: &[&str] = &[
    "thời gian",
    "thời hạn",
    "tiến độ",
    "cơ quan",
    "đơn vị",
    "trách nhiệm",
    "sản phẩm",
    "kinh phí",
    "người chủ trì",
    "chủ trì",
    "phối hợp",
    "lãnh đạo phụ trách",
    "cá nhân phụ trách",
];

/// The slot label of a line ("Thời gian thực hiện"), when it opens one: a
/// known head, at most eight words, then a colon.
pub fn slot_label(p: &str) -> Option<&str> {
    let t = p.trim_start_matches(['-', '+', '*', '•', ' ']);
    let colon = t.find(':')?;
    let label = t[..colon].trim();
    if label.is_empty() || label.split_whitespace().count() > 8 {
        return None;
    }
    let key = crate::text::name_key(label);
    SLOT_HEADS
        .iter()
        .any(|h| key.starts_with(h))
        .then_some(label)
}

/// The list marker or numbering a line opens with, if any: "-", "+", "•",
/// "a)", "1.", "1.2.", "II.", "IV-", "1)", "(1)", "Điều 3.".
pub fn marker(p: &str) -> Option<&str> {
    let t = p;
    if matches!(t, "-" | "+" | "•" | "–") {
        return Some(t);
    }
    for b in ["- ", "+ ", "* ", "• ", "– ", "— ", "− ", "-", "+"] {
        if let Some(r) = t.strip_prefix(b)
            && (b.ends_with(' ') || r.starts_with(|c: char| c.is_alphabetic()))
        {
            return Some(&t[..b.len()]);
        }
    }
    // "(1)", "(a)"
    if let Some(r) = t.strip_prefix('(')
        && let Some(end) = r.find(')')
        && end > 0
        && end <= 3
        && r[..end]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_lowercase())
    {
        return Some(&t[..end + 2]);
    }
    // "a) ", "đ) "
    let mut cs = t.char_indices();
    if let (Some((_, c)), Some((k, ')'))) = (cs.next(), cs.next())
        && c.is_lowercase()
        && t[k + 1..].starts_with(' ')
    {
        return Some(&t[..k + 1]);
    }
    // Numbering: Roman or Arabic parts joined by '.', ending in '.', '-',
    // ')' or '/' then a space ("1.2.", "II-", "3)"). A bare number with a
    // space after ("2 Ban …") is not one.
    let b = t.as_bytes();
    let mut i = 0;
    let mut parts = 0;
    loop {
        let s = i;
        while i < b.len() && (b[i].is_ascii_digit() || matches!(b[i], b'I' | b'V' | b'X')) {
            i += 1;
        }
        if i == s || i - s > 5 {
            return None;
        }
        let part = &t[s..i];
        let roman = part.bytes().all(|c| matches!(c, b'I' | b'V' | b'X'));
        let arabic = part.bytes().all(|c| c.is_ascii_digit());
        if !(roman || arabic) {
            return None;
        }
        parts += 1;
        match b.get(i) {
            Some(b'.') if b.get(i + 1).is_some_and(|c| c.is_ascii_digit()) => i += 1,
            Some(b'.' | b'-' | b')' | b'/') => {
                i += 1;
                // "1.2." has its final dot; "1.2" before a space too.
                return (b.get(i) == Some(&b' ') || b.get(i).is_none()).then_some(&t[..i]);
            }
            Some(b' ') if parts > 1 => return Some(&t[..i]),
            _ => return None,
        }
    }
}

/// A line in capitals (a section heading, a header line).
pub(crate) fn is_caps(p: &str) -> bool {
    let mut letters = 0;
    for c in p.chars() {
        if c.is_lowercase() {
            return false;
        }
        letters += usize::from(crate::text::is_letter(c));
    }
    letters >= 2
}

/// A line that is all bold ("**I. MỤC ĐÍCH**"): a heading in Markdown.
fn is_bold(raw: &str) -> bool {
    let t = raw.trim();
    (t.starts_with("**") && t.ends_with("**") && t.len() > 4)
        || (t.starts_with("__") && t.ends_with("__") && t.len() > 4)
}

/// The sentence or clause is finished at the end of this text.
pub(crate) fn closed(p: &str) -> bool {
    p.trim_end()
        .ends_with(['.', ':', ';', '!', '?', '…', ')', '"', '”'])
}

/// The left margin of the body: the indentation most long lines share
/// (pdftotext puts wrapped lines there and indents each first line).
fn margin(lines: &[Line]) -> usize {
    let mut counts = std::collections::BTreeMap::new();
    for l in lines.iter().filter(|l| l.plain.chars().count() >= 50) {
        *counts.entry(l.indent).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(indent, n)| (n, std::cmp::Reverse(indent)))
        .map_or(0, |(indent, _)| indent)
}

/// The width a hard-wrapped text fills: the length most of its lines
/// reach (the 90th percentile, in characters).
fn width(lines: &[Line]) -> usize {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.blank() && !l.artifact)
        .map(|l| l.plain.chars().count())
        .collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    lens[lens.len() * 9 / 10]
}

/// A line too short for its width ends its paragraph: wrapping fills the
/// line, so only the last line of a paragraph (or a heading such as
/// "3. Năm 2028") stops short.
fn short_line(p: &str, width: usize) -> bool {
    let n = p.chars().count();
    n * 5 < width * 3 && p.split_whitespace().count() <= 8
}

/// Whether `t` ends with a year standing as a word ("… giai đoạn 2026").
fn ends_with_year(t: &str) -> bool {
    let b = t.trim_end().as_bytes();
    b.len() >= 5 && b[b.len() - 4..].iter().all(u8::is_ascii_digit) && b[b.len() - 5] == b' '
}

/// Whether `p` opens with a dash and a year ("- 2030 phấn đấu …").
fn starts_with_dash_year(p: &str) -> bool {
    let rest = p
        .strip_prefix('-')
        .or_else(|| p.strip_prefix('–'))
        .map(str::trim_start);
    rest.is_some_and(|r| {
        let b = r.as_bytes();
        b.len() >= 4
            && b[..4].iter().all(u8::is_ascii_digit)
            && !b.get(4).is_some_and(u8::is_ascii_digit)
    })
}

/// Reads a text into blocks.
pub fn read(text: &str) -> Vec<Block> {
    let (lines, tables) = lines_and_tables(text);
    let margin = margin(&lines);
    let width = width(&lines);
    // pdftotext indents each paragraph's first line and wraps to the
    // margin: there, a line at the margin always goes on its paragraph.
    let first_lines = lines
        .iter()
        .filter(|l| !l.plain.is_empty() && l.indent >= margin + 3)
        .count();
    let text_lines = lines.iter().filter(|l| !l.plain.is_empty()).count();
    let indents_paragraphs = first_lines * 5 >= text_lines && text_lines > 0;
    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    // A page break was met inside the open block.
    let mut broken = false;
    // The open block's last physical line.
    let mut last_line = String::new();
    let mut i = 0;
    let close = |open: &mut Option<Block>, out: &mut Vec<Block>| {
        if let Some(mut b) = open.take()
            && !b.text.trim().is_empty()
        {
            // A slot whose label was wrapped ("Thời\ngian thực hiện: …").
            if b.kind == Kind::Paragraph && slot_label(&b.text).is_some() {
                b.kind = Kind::Slot;
            }
            out.push(b);
        }
    };
    while i < lines.len() {
        if let Some(t) = tables.iter().find(|t| t.start == i) {
            close(&mut open, &mut out);
            out.extend(table::rows(&lines, t));
            i = t.end;
            continue;
        }
        let l = &lines[i];
        let n = i + 1;
        if l.artifact {
            broken = open.is_some();
            i += 1;
            continue;
        }
        if l.blank() {
            if !broken {
                close(&mut open, &mut out);
            }
            i += 1;
            continue;
        }
        let p = l.plain.as_str();
        let heading = l.raw.trim_start().starts_with('#') || is_bold(l.raw);
        let caps = is_caps(p);
        let low = crate::text::lower(&p[..p.floor_char_boundary(16)]);
        // A span of years wrapped at its dash ("giai đoạn 2026" / "- 2030
        // phấn đấu …") goes on; the dash is not a list marker.
        let span_goes_on =
            open.as_ref().is_some_and(|b| ends_with_year(&b.text)) && starts_with_dash_year(p);
        let opens = !span_goes_on
            && (heading
                || caps
                || marker(p).is_some()
                || slot_label(p).is_some()
                || p.starts_with('|')
                || low.starts_with("nơi nhận")
                || low.starts_with("kính gửi"));
        let cont = span_goes_on
            || match &open {
                None => false,
                // A marker alone ("-", "1.2.") has its item on the next line.
                Some(b) if marker(&b.text) == Some(b.text.as_str()) && !opens => true,
                // So has a bullet with one word ("+ Sở" / "Xây dựng: hướng
                // dẫn …"): no item is a single word left open.
                Some(b) if !opens && bullet_and_word(&b.text) => true,
                Some(b) => {
                    let prev_closed = closed(&b.text);
                    let lower_start = p.starts_with(|c: char| {
                        c.is_lowercase() || c.is_ascii_digit() || "(,;–-".contains(c)
                    });
                    let indented = l.indent >= margin + 3;
                    if broken {
                        // Across a page break only a sentence that goes on.
                        lower_start && !prev_closed && !opens
                    } else if b.kind == Kind::Heading {
                        // A bold heading runs to its closing marks; a heading in
                        // capitals goes on with capitals while it is not done.
                        (unclosed_bold(&lines, b.first - 1, i) && b.text.len() < 400)
                            || (is_caps(&b.text)
                                && caps
                                && !prev_closed
                                && !heading
                                && marker(p).is_none())
                    } else if opens {
                        false
                    } else if indented {
                        // An indented line opens a paragraph after a finished
                        // one, or after a short numbered line (a heading).
                        let short_item = b.kind == Kind::Item
                            && b.first == b.last
                            && b.text.split_whitespace().count() <= 20;
                        !(prev_closed || (short_item && !lower_start))
                    } else if indents_paragraphs {
                        true
                    } else if short_line(&last_line, width) && !lower_start {
                        false
                    } else if b.kind == Kind::Item
                        && b.first == b.last
                        && b.text.split_whitespace().count() <= 20
                        && b.text.chars().count() * 5 < width * 3
                        && !lower_start
                    {
                        // A numbered line that stops short is a heading ("8.
                        // Ban công tác Mặt trận các thôn trên địa bàn xã").
                        false
                    } else {
                        !prev_closed || lower_start
                    }
                }
            };
        broken = false;
        last_line.clear();
        last_line.push_str(p);
        if cont && let Some(b) = open.as_mut() {
            b.push_line(n, p);
            i += 1;
            continue;
        }
        close(&mut open, &mut out);
        let kind = if heading || caps {
            Kind::Heading
        } else if slot_label(p).is_some() {
            Kind::Slot
        } else if marker(p).is_some() {
            Kind::Item
        } else {
            Kind::Paragraph
        };
        open = Some(Block::new(kind, n, l.indent, p));
        i += 1;
    }
    close(&mut open, &mut out);
    out
}

/// Whether `text` is a bullet ("-", "+", "•" …, not a number) and one word
/// with nothing closing it: "+ Sở".
fn bullet_and_word(text: &str) -> bool {
    marker(text).is_some_and(|m| {
        let rest = &text[m.len()..];
        !m.bytes().any(|c| c.is_ascii_alphanumeric())
            && !rest.is_empty()
            && rest.chars().all(char::is_alphabetic)
    })
}

/// Whether the bold marks opened on line `from` are still open before
/// line `to` (0-based).
fn unclosed_bold(lines: &[Line], from: usize, to: usize) -> bool {
    let count: usize = lines[from..to]
        .iter()
        .map(|l| l.raw.matches("**").count())
        .sum();
    count % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (kind, text, first line, last line) of each block.
    fn check(text: &str, expected: &[(Kind, &str, usize, usize)]) {
        let got: Vec<(Kind, String, usize, usize)> = read(text)
            .into_iter()
            .map(|b| (b.kind, b.text, b.first, b.last))
            .collect();
        let want: Vec<(Kind, String, usize, usize)> = expected
            .iter()
            .map(|(k, t, a, b)| (*k, t.to_string(), *a, *b))
            .collect();
        assert_eq!(got, want, "text: {text:?}");
    }

    use Kind::*;

    #[test]
    fn hard_wrapped_lines_join_into_their_paragraph() {
        check(
            "Thực hiện Kết luận số 75-\nKL/TW ngày 28/7/2026 của Ban Chấp hành\nTrung ương Đảng.\n",
            &[(
                Paragraph,
                "Thực hiện Kết luận số 75- KL/TW ngày 28/7/2026 của Ban Chấp hành Trung ương Đảng.",
                1,
                3,
            )],
        );
        // pdftotext: first lines indented, wrapped lines at the margin.
        check(
            "      - Quán triệt sâu sắc các quan điểm của Ban Chấp hành Trung\nương Đảng về bảo vệ môi trường.\n      - Cụ thể hóa đầy đủ, kịp thời các mục tiêu, nhiệm vụ, giải pháp về bảo\nvệ môi trường.\n      Trách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy\nban nhân dân tỉnh.\n",
            &[
                (
                    Item,
                    "- Quán triệt sâu sắc các quan điểm của Ban Chấp hành Trung ương Đảng về bảo vệ môi trường.",
                    1,
                    2,
                ),
                (
                    Item,
                    "- Cụ thể hóa đầy đủ, kịp thời các mục tiêu, nhiệm vụ, giải pháp về bảo vệ môi trường.",
                    3,
                    4,
                ),
                (
                    Slot,
                    "Trách nhiệm chỉ đạo thực hiện: Đảng ủy Ủy ban nhân dân tỉnh.",
                    5,
                    6,
                ),
            ],
        );
        // A span of years wrapped at its dash goes on; a dash item after a
        // year that opens no span is an item.
        check(
            "**4. **Trong giai đoạn 2026\n- 2030 phấn đấu có ít nhất 10% cán bộ.\n",
            &[(
                Item,
                "4. Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 10% cán bộ.",
                1,
                2,
            )],
        );
        check(
            "Các nhiệm vụ năm 2026\n- Rà soát quy chế.\n",
            &[
                (Paragraph, "Các nhiệm vụ năm 2026", 1, 1),
                (Item, "- Rà soát quy chế.", 2, 2),
            ],
        );
        // A converter that wraps after an item's first word: a bullet with
        // one word goes on; items of one word each stay apart.
        check(
            "+ Sở\nXây dựng: hướng dẫn kiểm kê.\n\n+ Sở\nCông Thương: hướng dẫn.\n",
            &[
                (Item, "+ Sở Xây dựng: hướng dẫn kiểm kê.", 1, 2),
                (Item, "+ Sở Công Thương: hướng dẫn.", 4, 5),
            ],
        );
        check(
            "- Tỉnh\n- Huyện\n- Xã\n",
            &[
                (Item, "- Tỉnh", 1, 1),
                (Item, "- Huyện", 2, 2),
                (Item, "- Xã", 3, 3),
            ],
        );
    }

    #[test]
    fn markdown_paragraphs_slots_and_bold_headings() {
        check(
            "**I. MỤC ĐÍCH,\nYÊU CẦU**\n\n- Thường xuyên rà soát, kiện\ntoàn đội ngũ.\n\n*Thời gian thực hiện: *Thường\nxuyên.\n",
            &[
                (Heading, "I. MỤC ĐÍCH, YÊU CẦU", 1, 2),
                (Item, "- Thường xuyên rà soát, kiện toàn đội ngũ.", 4, 5),
                (Slot, "Thời gian thực hiện: Thường xuyên.", 7, 8),
            ],
        );
    }

    #[test]
    fn a_paragraph_goes_on_across_a_page_break() {
        check(
            "- Phân công nhiệm vụ cụ thể, rõ trách nhiệm; kiểm tra, giám sát thường\nxuyên. Bảo đảm sự lãnh đạo của các cấp ủy đảng; phát huy\n                                         2\n\nvai trò quản lý điều hành của chính quyền.\n",
            &[(
                Item,
                "- Phân công nhiệm vụ cụ thể, rõ trách nhiệm; kiểm tra, giám sát thường xuyên. Bảo đảm sự lãnh đạo của các cấp ủy đảng; phát huy vai trò quản lý điều hành của chính quyền.",
                1,
                5,
            )],
        );
        // A running header under each page marker is dropped.
        check(
            "Đoạn một kết thúc ở đây.\n\n===== Trang 2 =====\n18.KLTW7S.DOC 2\n\nĐoạn hai.\n\n===== Trang 3 =====\n18.KLTW7S.DOC 3\n\nĐoạn ba.\n",
            &[
                (Paragraph, "Đoạn một kết thúc ở đây.", 1, 1),
                (Paragraph, "Đoạn hai.", 6, 6),
                (Paragraph, "Đoạn ba.", 11, 11),
            ],
        );
    }

    #[test]
    fn numbered_lines_start_items() {
        check(
            "1. Mục đích\n- Cụ thể hóa.\n1.1. Xây dựng kế hoạch\nchuyển đổi số.\na) Tổ chức học tập;\n(2) Hiệp thương lần hai.\n2 Ban Tổ chức đây không phải số mục\n",
            &[
                (Item, "1. Mục đích", 1, 1),
                (Item, "- Cụ thể hóa.", 2, 2),
                (Item, "1.1. Xây dựng kế hoạch chuyển đổi số.", 3, 4),
                (Item, "a) Tổ chức học tập;", 5, 5),
                (
                    Item,
                    "(2) Hiệp thương lần hai. 2 Ban Tổ chức đây không phải số mục",
                    6,
                    7,
                ),
            ],
        );
    }

    #[test]
    fn lines_map_back() {
        let b = &read("Dòng một\ncủa đoạn,\nvà dòng ba.\n")[0];
        assert_eq!(b.line_at(0), 1);
        assert_eq!(b.line_at(b.text.find("của").unwrap()), 2);
        assert_eq!(b.line_at(b.text.find("ba").unwrap()), 3);
    }

    #[test]
    fn markers() {
        for (p, m) in [
            ("- a", Some("- ")),
            ("-Thời gian", Some("-")),
            ("1. Mục", Some("1.")),
            ("1.1. Xây", Some("1.1.")),
            ("II. NHIỆM VỤ", Some("II.")),
            ("IV- TỔ CHỨC", Some("IV-")),
            ("3) Ba", Some("3)")),
            ("a) Tổ chức", Some("a)")),
            ("(1) Tổ chức", Some("(1)")),
            ("2026 - 2030", None),
            ("2 Ban", None),
            ("Ban", None),
            ("28/7/2026", None),
        ] {
            assert_eq!(marker(p), m, "{p:?}");
        }
    }

    #[test]
    fn plain_removes_marks() {
        for (raw, want) in [
            ("**1**. **Mục đích**", "1. Mục đích"),
            (
                "*Thời gian thực hiện: *Thường",
                "Thời gian thực hiện: Thường",
            ),
            ("## I. MỤC ĐÍCH", "I. MỤC ĐÍCH"),
            ("\\* Đảng ủy TTXVN:", "* Đảng ủy TTXVN:"),
            ("ngày ___ tháng", "ngày ___ tháng"),
            ("a    b", "a b"),
            ("Ban Thường vụĐảng uỷ", "Ban Thường vụ Đảng uỷ"),
            ("08-QĐi/TW, 21-CTr/ĐUK", "08-QĐi/TW, 21-CTr/ĐUK"),
            // An acronym glued to the word before it.
            ("Đảng uỷUBND xã chủ trì", "Đảng uỷ UBND xã chủ trì"),
            (
                "Ban Thường trực Ủy ban MTTQ khóaXV",
                "Ban Thường trực Ủy ban MTTQ khóa XV",
            ),
            // Codes of mixed case stay whole.
            (
                "Thị ủy (ThU), 12-KH/ThU, TTg",
                "Thị ủy (ThU), 12-KH/ThU, TTg",
            ),
        ] {
            assert_eq!(plain(raw), want, "{raw:?}");
        }
    }
}
