//! Extraction: text in, facts out. Pure code — no I/O, no failure; what is
//! doubtful comes back as diagnostics beside the facts.
//!
//! Works on any plan text, Markdown or plain extraction: [`Lines`] gives
//! each line with its Markdown markup stripped, and the readers below look
//! at those plain lines.

pub mod citations;
pub mod due;
pub mod header;
pub mod headfirst;
pub mod html;
pub mod legible;
pub mod marks;
pub mod runon;
pub mod security;
pub mod signature;
pub mod tasks;
pub mod unread;
pub mod who;

use crate::date::Date;
use crate::diag::Diagnostic;
use citations::Citation;
use serde::Serialize;

/// The lines of a text, raw and with Markdown markup stripped.
pub struct Lines<'a> {
    text: &'a str,
    raw: Vec<&'a str>,
    plain: Vec<std::borrow::Cow<'a, str>>,
}

/// Strips the Markdown markup that does not belong to the words: heading
/// marks, block quotes, bold/italic markers.
pub fn plain_line(line: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let t = line.trim_start();
    let t = t.trim_start_matches('>').trim_start();
    let t = if t.starts_with('#') {
        t.trim_start_matches('#').trim_start()
    } else {
        t
    };
    if !t.bytes().any(|b| b == b'*' || b == b'_') {
        return Cow::Borrowed(t);
    }
    let t: Cow<str> = if t.contains("**") || t.contains("__") {
        Cow::Owned(t.replace("**", "").replace("__", ""))
    } else {
        Cow::Borrowed(t)
    };
    if t.trim() == "*" || !t.contains('*') {
        return t;
    }
    // Italic markers: a '*' next to a word or parenthesis, not a bullet.
    let bullet = t.starts_with("* ");
    let mut out = String::with_capacity(t.len());
    let mut from = 0;
    for (i, _) in t.match_indices('*') {
        out.push_str(&t[from..i]);
        if bullet && i == 0 {
            out.push('*');
        }
        from = i + 1;
    }
    out.push_str(&t[from..]);
    Cow::Owned(out)
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let raw: Vec<&str> = text.lines().collect();
        let plain = raw.iter().map(|l| plain_line(l)).collect();
        Lines { text, raw, plain }
    }
    pub fn len(&self) -> usize {
        self.raw.len()
    }
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }
    /// The 0-based line `i` without markup.
    pub fn plain(&self, i: usize) -> &str {
        &self.plain[i]
    }
    pub fn raw(&self, i: usize) -> &str {
        self.raw[i]
    }
    /// The whole text the lines are from.
    pub fn text(&self) -> &'a str {
        self.text
    }
}

/// A text as its writer laid it out, made from a source a converter left
/// otherwise (`marks`, `html`, `runon`, `headfirst`): its text, and for
/// each of its lines (0-based) the 1-based line of the source it came
/// from.
pub struct Parted {
    pub text: String,
    pub source: Vec<usize>,
}

/// A body the text makes responsible for work, as printed, with the line
/// of its first mention.
#[derive(Clone, Debug, PartialEq, serde::Serialize, bitcode::Encode, bitcode::Decode)]
pub struct BodyMention {
    pub name: String,
    pub line: usize,
}

/// The metadata of a document (thuộc tính), whether read from front matter
/// or from the text itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, bitcode::Encode, bitcode::Decode)]
pub struct DocMeta {
    pub number: Option<String>,
    /// Type code ("KH", "CTr" …).
    pub kind: Option<String>,
    /// Kind word ("Kế hoạch").
    pub kind_name: Option<String>,
    /// Trích yếu: the summary printed under the kind word.
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<Date>,
    pub place: Option<String>,
    pub signer: Option<String>,
    pub signer_title: Option<String>,
    pub signer_authority: Option<String>,
    pub recipients: Vec<String>,
}

/// Everything kehoach reads from one text. Lines are 1-based in the text
/// given to [`extract`].
#[derive(Debug, Default)]
pub struct Facts {
    pub meta: DocMeta,
    /// 1-based lines of the text that `meta` holds as it is (the header,
    /// the signature block, the recipients), for a page that shows them
    /// from `meta`; see [`shown_apart`].
    pub shown_apart: Vec<(usize, usize)>,
    pub citations: Vec<Citation>,
    pub tasks: Vec<tasks::Task>,
    pub bodies: Vec<BodyMention>,
    /// Security mark, circulation limits, urgency, draft mark.
    pub marks: security::Marks,
    pub diagnostics: Vec<Diagnostic>,
}

/// The lines a page may leave out of the text because its header and
/// footer show them from the metadata: the header up to the trích yếu,
/// when the header was read (a number or a kind word, within its first 80
/// lines); the signature block when a signer was read; the recipients
/// list when it was read. A part not read stays in the text, and so do
/// the opening paragraphs and every task (`first_task`: the first task's
/// line), whatever the header reader took for its end.
pub fn shown_apart(
    h: &header::Header,
    s: &signature::Signature,
    first_task: Option<usize>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut top = h.title_lines.map_or(h.end, |(_, last)| last.max(h.end));
    for stop in [h.opening_lines.map(|(a, _)| a), first_task]
        .into_iter()
        .flatten()
    {
        top = top.min(stop.saturating_sub(1));
    }
    if (h.number.is_some() || h.kind.is_some()) && (1..=80).contains(&top) {
        out.push((1, top));
    }
    if s.signer.is_some()
        && let Some((a, b)) = s.signature_lines
        && a > top
    {
        out.push((a, b));
    }
    if let Some((a, b)) = s.recipients_lines
        && a > top
    {
        out.push((a, b));
    }
    out.sort_unstable();
    out
}

/// Reads a document's text. `own_number` and `own_date` are the document's
/// number and date when the caller knows them from front matter (so the
/// number is not taken for a citation, and deadlines without a year or
/// start take the date).
pub fn extract(text: &str, own_number: Option<&str>, own_date: Option<Date>) -> Facts {
    // A text that lost its letters with marks gets back the words that
    // carry its structure; HTML tables are read as the pipe tables they
    // stand for; a document run into one line, or whose header follows its
    // title, as its writer laid it out. What is read points at the
    // source's lines.
    let mut now: std::borrow::Cow<str> = std::borrow::Cow::Borrowed(text);
    let mut map: Option<Vec<usize>> = None;
    let mut take = |now: &mut std::borrow::Cow<str>, p: Parted| {
        map = Some(match map.take() {
            None => p.source,
            Some(m) => p
                .source
                .iter()
                .map(|&x| m.get(x - 1).copied().unwrap_or(x))
                .collect(),
        });
        *now = std::borrow::Cow::Owned(p.text);
    };
    if let Some(p) = marks::restore(&now) {
        take(&mut now, p);
    }
    if let Some(p) = html::part(&now) {
        take(&mut now, p);
    }
    let mut laid = false;
    let mut run_on = false;
    if let Some(p) = runon::part(&now) {
        (laid, run_on) = (true, true);
        take(&mut now, p);
    } else if let Some(p) = headfirst::part(&now) {
        laid = true;
        take(&mut now, p);
    }
    let Some(source) = map else {
        return read(text, own_number, own_date);
    };
    let reading: &str = &now;
    let mut f = read(reading, own_number, own_date);
    let at = |l: usize| {
        l.checked_sub(1)
            .and_then(|i| source.get(i))
            .copied()
            .unwrap_or(l)
    };
    for t in &mut f.tasks {
        t.line = at(t.line);
    }
    for c in &mut f.citations {
        c.line = at(c.line);
        for m in &mut c.mentions {
            *m = at(*m);
        }
        c.mentions.sort_unstable();
        c.mentions.dedup();
    }
    for b in &mut f.bodies {
        b.line = at(b.line);
    }
    for d in &mut f.diagnostics {
        d.line = at(d.line);
    }
    if laid {
        // The header shares its lines with the text, or stands elsewhere:
        // the page shows it all.
        f.shown_apart.clear();
    } else {
        for r in &mut f.shown_apart {
            *r = (at(r.0), at(r.1));
        }
    }
    if run_on {
        let plain: Vec<std::borrow::Cow<str>> = text.lines().map(plain_line).collect();
        let refs: Vec<&str> = plain.iter().map(|c| c.as_ref()).collect();
        if let Some(line) = legible::run_into_one_line(&refs) {
            f.diagnostics
                .insert(0, Diagnostic::warning(line, legible::PARTED));
        }
    }
    f
}

/// [`extract`] of a text whose lines are as its writer laid them out.
fn read(text: &str, own_number: Option<&str>, own_date: Option<Date>) -> Facts {
    let lines = Lines::new(text);
    let h = header::read(&lines);
    let s = signature::read(&lines);
    let marks = security::read(&lines);
    // Where the signature and the recipients stand, for `shown_apart`.
    let footer = signature::Signature {
        signer: s.signer.clone(),
        signature_lines: s.signature_lines,
        recipients_lines: s.recipients_lines,
        ..Default::default()
    };
    let meta = DocMeta {
        number: h.number.clone(),
        kind: h.kind.map(|k| k.code.to_string()),
        kind_name: h.kind.map(|k| k.name.to_string()),
        title: h.title.clone(),
        issuer: h.issuer.clone(),
        date: h.date,
        place: h.place.clone(),
        signer: s.signer,
        signer_title: s.title,
        signer_authority: s.authority,
        recipients: s.recipients,
    };
    let own = own_number.map(str::to_string).or(h.number.clone());
    let plain: Vec<&str> = (0..lines.len()).map(|i| lines.plain(i)).collect();
    let mut diagnostics = legible::check(&plain);
    for i in 0..lines.len() {
        for p in crate::datecheck::problems(lines.plain(i)) {
            diagnostics.push(Diagnostic::warning(
                i + 1,
                format!("{p}: correct the date in the text (it is given no value)"),
            ));
        }
    }
    let blocks = crate::layout::read(text);
    for b in &blocks {
        if let Some(d) = &b.doubt {
            diagnostics.push(Diagnostic::warning(b.first, d.clone()));
        }
    }
    let citations = citations::read(&blocks, &h, own.as_deref(), &mut diagnostics);
    let from = h
        .opening_lines
        .or(h.title_lines)
        .map_or(0, |(_, last)| last);
    let (mut tasks, bodies) = tasks::read(&blocks, from, own_date.or(h.date));
    // A text dated only by its year (an unsigned copy): what lies wholly
    // before that year is what was done, not what is due.
    if own_date.or(h.date).is_none()
        && let Some(floor) = h.year_only.and_then(|y| Date::new(y, 1, 1))
    {
        for t in &mut tasks {
            if t.deadline.as_ref().is_some_and(|d| d.wholly_before(floor)) {
                t.deadline = None;
            }
        }
    }
    // Deadline-looking phrases of the body that no rule read, in blocks
    // that gave no deadline (where one was read, its phrase holds the rest:
    // "định kỳ hằng năm (trước ngày 10/12)" is a yearly duty's day).
    let dated: std::collections::BTreeSet<usize> = tasks
        .iter()
        .filter(|t| t.deadline.is_some())
        .map(|t| t.line)
        .collect();
    for b in blocks.iter().filter(|b| b.last > from) {
        if crate::text::lower(&b.text[..b.text.floor_char_boundary(16)]).starts_with("nơi nhận")
        {
            break;
        }
        if dated.range(b.first..=b.last).next().is_some() {
            continue;
        }
        for (a, e) in unread::phrases(&b.text, own_date.or(h.date)) {
            diagnostics.push(Diagnostic::warning(
                b.line_at(a),
                format!(
                    "deadline \"{}\" could not be read: write the day, month, quarter or year it means (\"trước ngày 15/3/2027\", \"trong tháng 12/2026\", \"quý I/2027\")",
                    crate::text::collapse_ws(&b.text[a..e])
                ),
            ));
        }
    }
    for t in &tasks {
        if let Some(d) = &t.deadline
            && d.year_inferred
        {
            diagnostics.push(Diagnostic::warning(
                t.line,
                format!(
                    "deadline \"{}\" has no year: read as {} from the document date; write the year",
                    d.text,
                    d.start.map(|x| x.to_string()).unwrap_or_default()
                ),
            ));
        }
    }
    let first_task = tasks.iter().map(|t| t.line).min();
    Facts {
        meta,
        shown_apart: shown_apart(&h, &footer, first_task),
        citations,
        tasks,
        bodies,
        marks,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines() {
        for (input, expected) in [
            ("## KẾ HOẠCH", "KẾ HOẠCH"),
            ("**II- CÔNG TÁC**", "II- CÔNG TÁC"),
            ("(*trong tháng 12/2022*)", "(trong tháng 12/2022)"),
            (
                "* Thời gian thực hiện: Thường xuyên.",
                "* Thời gian thực hiện: Thường xuyên.",
            ),
            ("*", "*"),
            ("> quote", "quote"),
        ] {
            assert_eq!(plain_line(input), expected);
        }
    }

    /// A document a web page ran into one line (its second line here) is
    /// read as its writer laid it out: its own number is no citation, its
    /// tasks are found, and everything points at the source's line.
    #[test]
    fn a_document_run_into_one_line_is_read_parted() {
        let text = "Nguồn: trang thông tin điện tử\nUBND TỈNH QUẢNG NAM SỞ TƯ PHÁP Số: 512/KH-STP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Quảng Nam, ngày 05 tháng 3 năm 2026 KẾ HOẠCH Tuyên truyền, phổ biến pháp luật năm 2026 Thực hiện Quyết định số 120/QĐ-UBND ngày 15/01/2026 của UBND tỉnh, Sở Tư pháp ban hành Kế hoạch như sau: I. NỘI DUNG 1. Văn phòng Sở chủ trì tổ chức hội nghị, hoàn thành trước ngày 30/4/2026. 2. Thanh tra Sở báo cáo kết quả trong tháng 11/2026. II. TỔ CHỨC THỰC HIỆN Các phòng thuộc Sở triển khai thực hiện. Nơi nhận: - UBND tỉnh; - Lưu: VT. GIÁM ĐỐC Nguyễn Văn An\n";
        let f = extract(text, None, None);
        assert_eq!(f.meta.number.as_deref(), Some("512/KH-STP"));
        assert_eq!(f.meta.kind.as_deref(), Some("KH"));
        assert_eq!(f.meta.date, Date::new(2026, 3, 5));
        assert_eq!(f.meta.place.as_deref(), Some("Quảng Nam"));
        assert_eq!(f.meta.signer.as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(
            f.meta.title.as_deref(),
            Some("Tuyên truyền, phổ biến pháp luật năm 2026")
        );
        let cited: Vec<(&str, usize)> = f
            .citations
            .iter()
            .map(|c| (c.number.as_str(), c.line))
            .collect();
        assert_eq!(cited, [("120/QĐ-UBND", 2)]);
        let tasks: Vec<(usize, String)> = f
            .tasks
            .iter()
            .map(|t| {
                (
                    t.line,
                    t.deadline
                        .as_ref()
                        .map(|d| d.text.clone())
                        .unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            tasks,
            [
                (2, "hoàn thành trước ngày 30/4/2026".to_string()),
                (2, "trong tháng 11/2026".to_string())
            ]
        );
        // The page shows the line whole, and the source is told to part it.
        assert!(f.shown_apart.is_empty());
        assert!(
            f.diagnostics
                .iter()
                .any(|d| d.line == 2 && d.message == legible::PARTED)
        );
        assert!(f.diagnostics.iter().all(|d| (1..=2).contains(&d.line)));
    }

    #[test]
    fn deadlines_no_rule_reads_are_warned_at_their_line() {
        let text = "KẾ HOẠCH\n\nvề công tác tuyên truyền\n\nI. NHIỆM VỤ\n\n\
            1. Ban Tuyên giáo chủ trì, hoàn thành trước ngày 15.\n\n\
            2. Văn phòng báo cáo chậm nhất trong tháng tới.\n\n\
            3. Các chi bộ hoàn thành trong quý I/2027.\n\n\
            4. Ban Tổ chức định kỳ hằng năm (trước ngày 10/12) báo cáo kết quả.\n";
        let f = extract(text, None, None);
        let warned: Vec<(usize, &str)> = f
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("could not be read"))
            .map(|d| (d.line, d.message.split('"').nth(1).unwrap_or("")))
            .collect();
        assert_eq!(
            warned,
            [
                (7, "hoàn thành trước ngày 15"),
                (9, "chậm nhất trong tháng tới")
            ]
        );
        // The yearly duty is read, with its day.
        assert!(f.tasks.iter().any(|t| t.line == 13 && t.deadline.is_some()));
    }

    #[test]
    fn a_first_point_under_the_kind_line_keeps_its_deadline() {
        let f = extract(
            "Số 15-KH/TU\n\nKẾ HOẠCH\n\n1. Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền, hoàn thành trước ngày 30/6/2026.\n",
            None,
            None,
        );
        assert_eq!(f.meta.title, None);
        let t = f
            .tasks
            .iter()
            .find(|t| t.line == 5)
            .expect("the point is a task");
        let d = t.deadline.as_ref().expect("its deadline");
        assert_eq!(d.end.map(|e| e.to_string()).as_deref(), Some("2026-06-30"));
        assert_eq!(t.bodies, ["Ban Tuyên giáo Tỉnh ủy"]);
    }

    #[test]
    fn an_own_number_the_header_reads_is_no_citation_of_itself() {
        for (text, own, cited) in [
            (
                "|\n**ỦY BAN NHÂN DÂN**\n**TỈNH LÀO CAI**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n**Độc lập - Tự do - Hạnh phúc**\n|\nSố:\n7123/KH-UBND\n|\n*Lào Cai, ngày 05 tháng 3*\n*năm 2026*\n|\n\n**KẾ HOẠCH**\n\nTriển khai tuyên truyền\n\nThực hiện Kế hoạch số 14-KH/TU ngày 10/01/2026 của Ban Thường vụ Tỉnh ủy, UBND tỉnh ban hành Kế hoạch như sau:\n",
                "7123/KH-UBND",
                "14-KH/TU",
            ),
            (
                "ĐẢNG ĐOÀN QUỐC HỘI\n*\nSố 15-KH/ĐĐQH15\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nHà Nội, ngày 02 tháng 3 năm 2026\n\nKẾ HOẠCH\nthực hiện Kết luận số 121-KL/TW\n\nThực hiện Kết luận số 121-KL/TW ngày 24/01/2025 của Ban Chấp hành Trung ương, Đảng đoàn Quốc hội ban hành Kế hoạch như sau:\n",
                "15-KH/ĐĐQH15",
                "121-KL/TW",
            ),
        ] {
            let f = extract(text, None, None);
            assert_eq!(f.meta.number.as_deref(), Some(own), "{text:?}");
            let numbers: Vec<&str> = f.citations.iter().map(|c| c.number.as_str()).collect();
            assert_eq!(numbers, [cited], "{text:?}");
        }
    }

    #[test]
    fn never_fails_on_odd_input() {
        for text in [
            "",
            "\n\n\n",
            "*",
            "Số",
            "Số -/",
            "KẾ HOẠCH\n",
            "Nơi nhận:",
            "12-",
            "ngày 99/99/9999",
            "\u{0}\u{1}",
        ] {
            let _ = extract(text, None, None);
        }
    }

    /// The lines a page shows from the metadata: `text`, and the spans.
    fn check_apart(text: &str, want: &[(usize, usize)]) {
        assert_eq!(extract(text, None, None).shown_apart, want, "in {text:?}");
    }

    #[test]
    fn header_signature_and_recipients_are_shown_apart() {
        let doc = "ĐẢNG BỘ TỈNH QUẢNG NAM\nTỈNH ỦY\n*\nSố 25-KH/TU\n\nTam Kỳ, ngày 10 tháng 3 năm 2023\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 28-NQ/TW\n\nThực hiện Nghị quyết số 28-NQ/TW, Tỉnh ủy xây dựng kế hoạch như sau:\n\n1. Các huyện ủy quán triệt Nghị quyết.\n\nNơi nhận:\n- Ban Bí thư,\n- Các huyện ủy,\n- Lưu VPTU.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Văn A\n";
        check_apart(doc, &[(1, 9), (15, 18), (20, 23)]);
        // Nothing read, nothing left out.
        check_apart("Một đoạn văn.\n\nĐoạn thứ hai.\n", &[]);
        // The opening paragraph is never left out, whatever the header
        // reader took for the trích yếu.
        check_apart(
            "Số 15-KH/TU\n\nKẾ HOẠCH\nvề tuyên truyền\nThực hiện Nghị quyết số 28-NQ/TW, Ban Thường vụ xây dựng kế hoạch như sau:\n",
            &[(1, 4)],
        );
        // A header without a kind word or number stays in the text.
        check_apart("Hà Nội, ngày 18 tháng 10 năm 2022\n\nNội dung.\n", &[]);
    }

    #[test]
    fn an_appendix_table_one_cell_a_line_gives_each_row_its_task() {
        // A web page's table turned into text: rows one after another, a
        // two-level time header, blank and "x" cells; each row is a task
        // with its lead, partners and the deadline of its time cell.
        let doc = "TỈNH ỦY LÀO CAI\n*\nSố 15-KH/TU\n\nLào Cai, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\nthực hiện Nghị quyết số 28-NQ/TW\n\nThực hiện Nghị quyết số 28-NQ/TW, Ban Thường vụ Tỉnh ủy xây dựng kế hoạch như sau:\n\n1. Các nhiệm vụ cụ thể tại Phụ lục kèm theo.\n\nNơi nhận:\n- Các huyện ủy,\n- Lưu VPTU.\n\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nNguyễn Văn A\n\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ TRIỂN KHAI\nTT\nNhiệm vụ\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian trình\nBTV\nBCH\nSản phẩm\n1\nXây dựng đề án phát triển văn hóa\nBan Tuyên giáo Tỉnh ủy\nVăn phòng Tỉnh ủy\nQuí III-2026\nx\n\nĐề án\n2\nTổng kết thực hiện Chỉ thị\nBan Tổ chức Tỉnh ủy\n\nx\nQuý I/2027\nBáo cáo\n3\nRà soát quy hoạch cán bộ\nBan Tổ chức Tỉnh ủy\nỦy ban Kiểm tra Tỉnh ủy\nĐến hết năm 2027\n\nBáo cáo\n4\nTổ chức hội nghị chuyên đề\nĐảng ủy UBND tỉnh\nCác sở, ngành\n2026 - 2030\n\nHội nghị\n";
        let f = extract(doc, None, None);
        let rows: Vec<(String, Vec<String>, String)> = f
            .tasks
            .iter()
            .filter(|t| t.line > 30)
            .map(|t| {
                let d = t.deadline.as_ref().unwrap();
                (
                    t.bodies.join("; "),
                    t.coordinating.clone(),
                    format!(
                        "{} {} {}",
                        d.kind.as_str(),
                        d.start.map(|x| x.to_string()).unwrap_or_default(),
                        d.end.map(|x| x.to_string()).unwrap_or_default()
                    ),
                )
            })
            .collect();
        let want = |lead: &str, with: &[&str], due: &str| {
            (
                lead.to_string(),
                with.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                due.to_string(),
            )
        };
        assert_eq!(
            rows,
            [
                want(
                    "Ban Tuyên giáo Tỉnh ủy",
                    &["Văn phòng Tỉnh ủy"],
                    "quarter 2026-07-01 2026-09-30"
                ),
                want("Ban Tổ chức Tỉnh ủy", &[], "quarter 2027-01-01 2027-03-31"),
                want(
                    "Ban Tổ chức Tỉnh ủy",
                    &["Ủy ban Kiểm tra Tỉnh ủy"],
                    "horizon 2026-03-10 2027-12-31"
                ),
                want(
                    "Đảng ủy UBND tỉnh",
                    &["Các sở, ngành"],
                    "range 2026-01-01 2030-12-31"
                ),
            ]
        );
        let texts: Vec<&str> = f
            .tasks
            .iter()
            .filter(|t| t.line > 30)
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(texts[1], "Tổng kết thực hiện Chỉ thị");
        assert!(
            f.diagnostics
                .iter()
                .all(|d| !d.message.contains("table row"))
        );
    }
}
