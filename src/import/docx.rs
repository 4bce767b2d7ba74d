//! Word files (.docx): the text of `word/document.xml` with Word's automatic
//! numbering written out ("I.", "1.", "a)" live in `word/numbering.xml`, not
//! in the text), paragraphs one per line, tabs as column gaps, and tables:
//! a table of one or two columns (how Word lays out a header or a
//! signature side by side) as columns of lines, wider ones as Markdown
//! tables. Pure: bytes in, text out; every character of the document's
//! text is counted in and out.

use super::xml::{Token, attr, tokens};
use super::zip;
use std::collections::BTreeMap;

/// What a Word file holds.
pub struct Text {
    pub text: String,
    /// Letters and digits of the document's text runs.
    pub chars_in: usize,
    /// Of those, how many reached `text`.
    pub chars_out: usize,
    /// Things not carried over, for the report.
    pub notes: Vec<String>,
}

/// A numbering level: its format and its label template ("%1.").
#[derive(Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: usize,
}

/// Numbering definitions: numId → its levels.
#[derive(Default)]
struct Numbering {
    levels: BTreeMap<String, Vec<Level>>,
}

impl Numbering {
    fn read(xml: &str) -> Numbering {
        let mut abstracts: BTreeMap<String, Vec<Level>> = BTreeMap::new();
        let mut nums: Vec<(String, String)> = Vec::new();
        let (mut cur_abs, mut cur_num, mut lvl): (Option<String>, Option<String>, Option<usize>) =
            (None, None, None);
        for t in tokens(xml) {
            match t {
                Token::Open { name, attrs, .. } => match name {
                    "w:abstractNum" => cur_abs = attr(attrs, "w:abstractNumId"),
                    "w:num" => cur_num = attr(attrs, "w:numId"),
                    "w:abstractNumId" => {
                        if let (Some(n), Some(a)) = (&cur_num, attr(attrs, "w:val")) {
                            nums.push((n.clone(), a));
                        }
                    }
                    "w:lvl" => {
                        lvl = attr(attrs, "w:ilvl")
                            .and_then(|v| v.parse().ok())
                            .filter(|&l| l < 9);
                        if let (Some(a), Some(l)) = (&cur_abs, lvl) {
                            let v = abstracts.entry(a.clone()).or_default();
                            if v.len() <= l {
                                v.resize(
                                    l + 1,
                                    Level {
                                        start: 1,
                                        ..Level::default()
                                    },
                                );
                            }
                        }
                    }
                    "w:start" | "w:numFmt" | "w:lvlText" => {
                        if let (Some(a), Some(l), Some(v)) = (&cur_abs, lvl, attr(attrs, "w:val"))
                            && let Some(level) = abstracts.get_mut(a).and_then(|x| x.get_mut(l))
                        {
                            match name {
                                "w:start" => level.start = v.parse().unwrap_or(1),
                                "w:numFmt" => level.format = v,
                                _ => level.text = v,
                            }
                        }
                    }
                    _ => {}
                },
                Token::Close("w:abstractNum") => cur_abs = None,
                Token::Close("w:num") => cur_num = None,
                Token::Close("w:lvl") => lvl = None,
                _ => {}
            }
        }
        let levels = nums
            .into_iter()
            .filter_map(|(n, a)| abstracts.get(&a).map(|l| (n, l.clone())))
            .collect();
        Numbering { levels }
    }
}

fn roman(mut n: usize) -> String {
    const R: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in R {
        while n >= v && s.len() < 40 {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Vietnamese documents letter their points a, b, c, d, đ, e, g, h, i, k …
/// (no f, j, w, z), as the rules on administrative documents prescribe.
fn letter(n: usize) -> String {
    const L: &[char] = &[
        'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
        't', 'u', 'v', 'x', 'y',
    ];
    L.get(n.saturating_sub(1))
        .map_or_else(|| n.to_string(), |c| c.to_string())
}

fn format_number(format: &str, n: usize) -> String {
    match format {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "lowerLetter" => letter(n),
        "upperLetter" => letter(n).to_uppercase(),
        "decimalZero" => format!("{n:02}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// The counters of the numbered paragraphs seen so far.
#[derive(Default)]
struct Counters {
    by_num: BTreeMap<String, [usize; 9]>,
}

impl Counters {
    /// The label of the next paragraph numbered (num, level).
    fn label(&mut self, defs: &Numbering, num: &str, level: usize) -> Option<String> {
        let levels = defs.levels.get(num)?;
        let def = levels.get(level)?;
        if def.format == "bullet" {
            return Some("-".into());
        }
        let c = self.by_num.entry(num.to_string()).or_insert([0; 9]);
        c[level] = if c[level] == 0 {
            def.start
        } else {
            c[level] + 1
        };
        for deeper in c.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let mut s = def.text.clone();
        for (k, l) in levels.iter().enumerate().take(level + 1) {
            let value = if c[k] == 0 { l.start } else { c[k] };
            s = s.replace(&format!("%{}", k + 1), &format_number(&l.format, value));
        }
        Some(s)
    }
}

/// A table under construction: rows of cells of paragraphs.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<String>>>,
}

fn alnum(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

/// The text of a table cell from its paragraphs. Paragraphs of one cell
/// are items of their own ("Vũ Việt Linh" and "Nguyễn Thị Loan", two
/// names) and are kept apart by "; ", unless one continues the other: the
/// next starts in small letters or with a digit, or the one before ends in
/// a comma, a semicolon, a colon, a dash, a joining word ("và", "hoặc") or
/// the end of a sentence (already apart).
fn cell_text(paras: &[String]) -> String {
    let mut out = String::new();
    for p in paras.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            let starts_item = p.chars().next().is_some_and(char::is_uppercase);
            let last = out.split_whitespace().next_back().unwrap_or("");
            let open = out.ends_with([',', ';', ':', '-', '–', '/', '(', '.', '!', '?'])
                || ["và", "hoặc", "với", "của"].contains(&last);
            out.push_str(if starts_item && !open { "; " } else { " " });
        }
        out.push_str(p);
    }
    out
}

/// Writes a finished table.
fn write_table(t: &Table, out: &mut String) {
    // Columns empty in every row are spacers of the layout.
    let full = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    let keep: Vec<usize> = (0..full)
        .filter(|&k| {
            t.rows.iter().any(|r| {
                r.get(k)
                    .is_some_and(|c| c.iter().any(|p| !p.trim().is_empty()))
            })
        })
        .collect();
    let rows: Vec<Vec<Vec<String>>> = t
        .rows
        .iter()
        .map(|r| {
            keep.iter()
                .map(|&k| r.get(k).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    let t = &Table { rows };
    let width = keep.len();
    if width == 0 {
        return;
    }
    if width <= 2 {
        // Side by side: line k of the row is paragraph k of each cell,
        // the cells apart by a wide gap (as a header prints them).
        for row in &t.rows {
            let depth = row.iter().map(Vec::len).max().unwrap_or(0);
            for k in 0..depth {
                let line: Vec<&str> = row
                    .iter()
                    .map(|cell| cell.get(k).map_or("", |p| p.trim()))
                    .collect();
                let line = line.join("          ");
                out.push_str(line.trim());
                out.push('\n');
            }
            out.push('\n');
        }
        return;
    }
    out.push('\n');
    let mut rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| cell_text(c)).collect())
        .collect();
    // A header row typed again where the table goes on over a page (a
    // document pasted from print) is the header, not a row.
    if let Some(first) = rows.first().cloned()
        && first.iter().any(|c| !c.trim().is_empty())
    {
        let mut k = 1;
        rows.retain(|r| {
            k += 1;
            k == 2 || *r != first
        });
    }
    super::markdown_table(&rows, width, out);
}

/// Reads a .docx file's bytes.
pub fn read(bytes: &[u8]) -> Result<Text, String> {
    let doc = zip::member(bytes, "word/document.xml")?.ok_or(
        "no word/document.xml: not a Word (.docx) file (an old .doc must be saved as .docx first)",
    )?;
    let doc = String::from_utf8_lossy(&doc);
    let numbering = match zip::member(bytes, "word/numbering.xml")? {
        Some(n) => Numbering::read(&String::from_utf8_lossy(&n)),
        None => Numbering::default(),
    };
    let mut notes = Vec::new();
    if let Some(x) = zip::member(bytes, "word/footnotes.xml")?
        && tokens(&String::from_utf8_lossy(&x))
            .iter()
            .any(|t| matches!(t, Token::Text(s) if alnum(s) > 0))
    {
        notes.push(
            "the file has footnotes; their text is not imported: copy what matters into the text"
                .into(),
        );
    }
    let mut counters = Counters::default();
    let mut out = String::new();
    let mut tables: Vec<Table> = Vec::new();
    // Paragraphs open (a text box's paragraphs sit inside another's run).
    let mut paras: Vec<String> = Vec::new();
    let (mut in_text, mut runs, mut skip) = (false, 0usize, 0usize);
    let (mut num, mut ilvl): (Option<String>, usize) = (None, 0);
    let (mut chars_in, mut chars_out) = (0, 0);
    let mut heading = false;
    for t in tokens(&doc) {
        if skip > 0 {
            match t {
                Token::Open {
                    name, empty: false, ..
                } if name == "mc:Fallback" || name == "w:del" => skip += 1,
                Token::Close(name) if name == "mc:Fallback" || name == "w:del" => skip -= 1,
                _ => {}
            }
            continue;
        }
        match t {
            Token::Open { name, attrs, empty } => match name {
                // The fallback repeats the choice; deleted runs are not text.
                "mc:Fallback" | "w:del" if !empty => skip = 1,
                "w:p" if !empty => {
                    paras.push(String::new());
                    num = None;
                    ilvl = 0;
                    heading = false;
                }
                "w:p" => {
                    if let Some(cell) = tables
                        .last_mut()
                        .and_then(|t| t.rows.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        cell.push(String::new());
                    } else {
                        out.push('\n');
                    }
                }
                "w:pStyle" => {
                    let v = attr(attrs, "w:val").unwrap_or_default().to_lowercase();
                    heading = v.starts_with("heading") || v == "title";
                }
                "w:numId" => num = attr(attrs, "w:val").filter(|v| v != "0"),
                "w:ilvl" => {
                    ilvl = attr(attrs, "w:val")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0)
                        .min(8)
                }
                "w:r" if !empty => runs += 1,
                "w:t" if !empty => in_text = true,
                "w:tab" | "w:ptab" if runs > 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.push_str("    ");
                    }
                }
                "w:br" | "w:cr" if runs > 0 => {
                    if let Some(p) = paras.last_mut() {
                        p.push('\n');
                    }
                }
                "w:noBreakHyphen" => {
                    if let Some(p) = paras.last_mut() {
                        p.push('-');
                    }
                }
                "w:tbl" if !empty => tables.push(Table::default()),
                "w:tr" if !empty => {
                    if let Some(t) = tables.last_mut() {
                        t.rows.push(Vec::new());
                    }
                }
                "w:tc" if !empty => {
                    if let Some(r) = tables.last_mut().and_then(|t| t.rows.last_mut()) {
                        r.push(Vec::new());
                    }
                }
                _ => {}
            },
            Token::Close(name) => match name {
                "w:t" => in_text = false,
                "w:r" => runs = runs.saturating_sub(1),
                "w:p" => {
                    let Some(mut p) = paras.pop() else { continue };
                    let in_cell = tables.last().is_some_and(|t| !t.rows.is_empty());
                    if let Some(n) = &num
                        && let Some(label) = counters.label(&numbering, n, ilvl)
                    {
                        if !p.trim().is_empty() {
                            p = format!("{label} {}", p.trim_start());
                        } else if in_cell {
                            // A cell numbered by Word (the "TT" column of a
                            // task table): its number is all it shows.
                            p = label;
                        }
                    }
                    if heading && !p.trim().is_empty() && tables.is_empty() {
                        p = format!("## {}", p.trim_start());
                    }
                    let p = p.trim_end().to_string();
                    if let Some(cell) = tables
                        .last_mut()
                        .and_then(|t| t.rows.last_mut())
                        .and_then(|r| r.last_mut())
                    {
                        cell.extend(p.split('\n').map(str::to_string));
                    } else if let Some(outer) = paras.last_mut() {
                        // A text box's paragraph: its own line in the outer one.
                        outer.push('\n');
                        outer.push_str(&p);
                        outer.push('\n');
                    } else {
                        out.push_str(&p);
                        out.push('\n');
                    }
                }
                "w:tbl" => {
                    if let Some(t) = tables.pop() {
                        let mut s = String::new();
                        write_table(&t, &mut s);
                        if let Some(cell) = tables
                            .last_mut()
                            .and_then(|t| t.rows.last_mut())
                            .and_then(|r| r.last_mut())
                        {
                            // A table in a cell: its lines join the cell.
                            cell.extend(
                                s.lines()
                                    .filter(|l| !l.trim().is_empty())
                                    .map(str::to_string),
                            );
                        } else {
                            out.push_str(&s);
                        }
                    }
                }
                _ => {}
            },
            Token::Text(s) if in_text => {
                chars_in += alnum(&s);
                if let Some(p) = paras.last_mut() {
                    chars_out += alnum(&s);
                    p.push_str(&s);
                }
            }
            Token::Text(_) => {}
        }
    }
    Ok(Text {
        text: out,
        chars_in,
        chars_out,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_labels() {
        let defs = Numbering::read(
            r#"<w:numbering><w:abstractNum w:abstractNumId="3">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
            <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
            <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
            </w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#,
        );
        let mut c = Counters::default();
        let mut got = Vec::new();
        for level in [0, 1, 1, 2, 2, 2, 2, 2, 3, 4, 0, 1] {
            got.push(c.label(&defs, "7", level).unwrap());
        }
        assert_eq!(
            got,
            [
                "I.", "1.", "2.", "a)", "b)", "c)", "d)", "đ)", "2.1.", "-", "II.", "1."
            ]
        );
        assert_eq!(c.label(&defs, "8", 0), None);
    }

    /// A .docx holding `document` (the body of `word/document.xml`) and
    /// `numbering`, as stored zip members built by hand per the format.
    fn docx(document: &str, numbering: &str) -> Vec<u8> {
        let members = [
            (
                "word/document.xml",
                format!(r#"<w:document xmlns:w="w"><w:body>{document}</w:body></w:document>"#),
            ),
            ("word/numbering.xml", numbering.to_string()),
        ];
        let mut z = Vec::new();
        let mut central = Vec::new();
        for (name, data) in &members {
            let at = z.len() as u32;
            for (sig, head) in [
                (&b"PK\x03\x04"[..], &mut z),
                (&b"PK\x01\x02"[..], &mut central),
            ] {
                head.extend(sig);
                if sig[2] == 1 {
                    head.extend([20, 0]);
                }
                head.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
                head.extend(0u32.to_le_bytes());
                head.extend((data.len() as u32).to_le_bytes());
                head.extend((data.len() as u32).to_le_bytes());
                head.extend((name.len() as u16).to_le_bytes());
                head.extend(0u16.to_le_bytes());
                if sig[2] == 1 {
                    head.extend([0u8; 10]);
                    head.extend(at.to_le_bytes());
                    head.extend(name.as_bytes());
                } else {
                    head.extend(name.as_bytes());
                    head.extend(data.as_bytes());
                }
            }
        }
        let cd = z.len();
        z.extend(&central);
        z.extend(b"PK\x05\x06");
        z.extend([0u8; 4]);
        z.extend((members.len() as u16).to_le_bytes());
        z.extend((members.len() as u16).to_le_bytes());
        z.extend((central.len() as u32).to_le_bytes());
        z.extend((cd as u32).to_le_bytes());
        z.extend(0u16.to_le_bytes());
        z
    }

    fn cell(paras: &[&str], numbered: bool) -> String {
        let num = if numbered {
            r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr>"#
        } else {
            ""
        };
        let ps: String = paras
            .iter()
            .map(|p| format!("<w:p>{num}<w:r><w:t>{p}</w:t></w:r></w:p>"))
            .collect();
        let ps = if paras.is_empty() {
            format!("<w:p>{num}</w:p>")
        } else {
            ps
        };
        format!("<w:tc>{ps}</w:tc>")
    }

    fn row(cells: &[String]) -> String {
        format!("<w:tr>{}</w:tr>", cells.concat())
    }

    #[test]
    fn a_task_table_keeps_its_numbers_its_cells_paragraphs_and_one_header() {
        let numbering = r#"<w:numbering><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
        let header = row(&[
            cell(&["TT"], false),
            cell(&["Nội dung"], false),
            cell(&["Cơ quan chủ trì"], false),
            cell(&["Thời gian"], false),
        ]);
        let body = format!(
            "<w:tbl>{header}{}{header}{}</w:tbl>",
            row(&[
                cell(&[], true),
                cell(&["Tổ chức hội nghị quán triệt"], false),
                cell(&["Ban Tuyên giáo Tỉnh ủy,", "Văn phòng Tỉnh ủy"], false),
                cell(&["Quý II", "năm 2026"], false),
            ]),
            row(&[
                cell(&[], true),
                cell(&["Biên soạn tài liệu"], false),
                cell(&["Vũ Việt Linh", "Nguyễn Thị Loan"], false),
                cell(&["Tháng 6/2026"], false),
            ]),
        );
        let got = read(&docx(&body, numbering)).unwrap().text;
        assert_eq!(
            got,
            "\n| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n\
             | 1 | Tổ chức hội nghị quán triệt | Ban Tuyên giáo Tỉnh ủy, Văn phòng Tỉnh ủy | Quý II năm 2026 |\n\
             | 2 | Biên soạn tài liệu | Vũ Việt Linh; Nguyễn Thị Loan | Tháng 6/2026 |\n\n"
        );
    }

    #[test]
    fn paragraphs_of_a_cell() {
        for (paras, want) in [
            (
                &["Vũ Việt Linh", "Nguyễn Thị Loan"][..],
                "Vũ Việt Linh; Nguyễn Thị Loan",
            ),
            (&["Sở Nội vụ,", "Sở Tư pháp"][..], "Sở Nội vụ, Sở Tư pháp"),
            (
                &["Ban Tuyên giáo và", "Ban Dân vận"][..],
                "Ban Tuyên giáo và Ban Dân vận",
            ),
            (
                &["Tổ chức hội nghị", "trực tuyến"][..],
                "Tổ chức hội nghị trực tuyến",
            ),
            (&["Quý II", "2026"][..], "Quý II 2026"),
            (
                &["Hoàn thành.", "Báo cáo kết quả."][..],
                "Hoàn thành. Báo cáo kết quả.",
            ),
            (&["", "Ban Tổ chức", ""][..], "Ban Tổ chức"),
            (&[][..], ""),
        ] {
            let paras: Vec<String> = paras.iter().map(|p| p.to_string()).collect();
            assert_eq!(cell_text(&paras), want, "{paras:?}");
        }
    }

    #[test]
    fn roman_and_letters() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(14), "XIV");
        assert_eq!(letter(7), "g");
        assert_eq!(letter(40), "40");
        assert_eq!(roman(usize::MAX).len(), 40);
    }

    #[test]
    fn tables_and_columns() {
        let mut s = String::new();
        write_table(
            &Table {
                rows: vec![vec![
                    vec!["TỈNH ỦY LÀO CAI".into(), "*".into(), "Số 104-CTr/TU".into()],
                    vec![
                        "ĐẢNG CỘNG SẢN VIỆT NAM".into(),
                        String::new(),
                        "Lào Cai, ngày 30 tháng 8 năm 2026".into(),
                    ],
                ]],
            },
            &mut s,
        );
        assert_eq!(
            s,
            "TỈNH ỦY LÀO CAI          ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 104-CTr/TU          Lào Cai, ngày 30 tháng 8 năm 2026\n\n"
        );
        let mut s = String::new();
        write_table(
            &Table {
                rows: vec![
                    vec![
                        vec!["TT".into()],
                        vec!["Nội dung".into()],
                        vec!["Thời gian".into()],
                    ],
                    vec![
                        vec!["1".into()],
                        vec!["Rà soát | đối chiếu".into()],
                        vec!["Quý I/2027".into()],
                    ],
                ],
            },
            &mut s,
        );
        assert_eq!(
            s,
            "\n| TT | Nội dung | Thời gian |\n|---|---|---|\n| 1 | Rà soát \\| đối chiếu | Quý I/2027 |\n\n"
        );
    }
}
