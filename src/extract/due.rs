//! Where deadlines are written in a block of text (CONVENTIONS.md §9): in
//! parentheses ("(*hoàn thành trong quý III năm 2023*)"), in a time slot
//! ("Thời gian thực hiện: …", "Thời hạn hoàn thành: …"), opening a clause
//! ("Hằng năm, …", "Đến năm 2025: …", "thường xuyên kiểm tra …" in a body's
//! task), or in the running sentence, governed by a word that makes a
//! period a deadline ("… trong tháng 12/2026", "chậm nhất ngày 31/12/2026",
//! "phấn đấu đến năm 2030", "từ ngày 01/02 đến ngày 14/3/2026").
//!
//! Look-alikes stay out: a date after a document's number, the period of a
//! document's own scope ("Kế hoạch … giai đoạn 2021-2025, tầm nhìn đến năm
//! 2030"), term names, and periods that lie wholly before the document
//! (what a report says was done).

use crate::date::{Date, period_at};
use crate::deadline::{self, Deadline, Freq, Kind};
use regex::Regex;
use std::sync::LazyLock;

/// A time of day ("11 giờ 30", "17h00", "16 giờ", "07:00", "lúc 10 giờ
/// 15 phút") with the comma after it, before a day that is a deadline.
const CLOCK: &str =
    r"(?:lúc\s+)?\d{1,2}(?:\s*(?:giờ|h)\s*(?:\d{2})?(?:\s*phút|')?|g\d{2}|:\d{2})\s*,?\s*";
static CLOCK_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("{CLOCK}$")).expect("clock before"));
static CLOCK_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{CLOCK}")).expect("clock at"));

/// Where a time of day that ends right before `at` starts ("đến 11 giờ 30,
/// |ngày 20/3/2026"), or `at`.
fn clock_before(lower: &str, at: usize) -> usize {
    let lo = lower.floor_char_boundary(at.saturating_sub(32));
    match CLOCK_BEFORE.find(&lower[lo..at]) {
        Some(m)
            if !lower[..lo + m.start()]
                .chars()
                .next_back()
                .is_some_and(crate::text::is_alnum) =>
        {
            lo + m.start()
        }
        _ => at,
    }
}

/// `s` after a time of day at its start ("11 giờ 30, ngày …" → "ngày …").
fn skip_clock(s: &str) -> &str {
    CLOCK_AT.find(s).map_or(s, |m| &s[m.end()..])
}

/// A deadline found in a text: its byte span, and whether it opens its
/// clause ("thường xuyên kiểm tra …": the task is the clause) rather than
/// closing the text before it ("… (*hoàn thành trong năm 2024*)").
pub struct Found {
    pub a: usize,
    pub b: usize,
    pub d: Deadline,
    pub opens: bool,
}

/// The next position at or after a point where one of `stops` stands (or
/// the end), for points asked in increasing order: each byte is read once.
struct NextStop {
    stops: &'static [char],
    found: Option<usize>,
}

impl NextStop {
    fn new(stops: &'static [char]) -> Self {
        NextStop { stops, found: None }
    }

    fn at(&mut self, text: &str, from: usize) -> usize {
        match self.found {
            Some(p) if p >= from => p,
            _ => {
                let p = from + text[from..].find(self.stops).unwrap_or(text.len() - from);
                self.found = Some(p);
                p
            }
        }
    }
}

/// Where `key` stands in `hay`, left to right. Most texts hold none of the
/// keys looked for, and a test for one is cheaper than setting up a search.
fn positions<'a>(hay: &'a str, key: &'a str) -> impl Iterator<Item = usize> + 'a {
    hay.contains(key)
        .then(|| hay.match_indices(key).map(|(p, _)| p))
        .into_iter()
        .flatten()
}

/// The deadlines a time slot's value holds: "Thường xuyên; hoàn thành
/// trước ngày 31/12/2026" is two, each part read on its own; so is an
/// exception set apart by "riêng" ("Thực hiện thường xuyên, riêng việc
/// tuyên truyền … hoàn thành trong quý II/2020"). A part that is not a
/// period as a whole is read as a sentence.
pub fn slot_values(value: &str, d0: Option<Date>) -> Vec<(usize, Deadline)> {
    let mut out = Vec::new();
    let mut cuts: Vec<usize> = value.match_indices(';').map(|(i, _)| i).collect();
    let lower = crate::text::lower(value);
    if lower.len() == value.len() {
        for sep in [", riêng ", ". riêng "] {
            cuts.extend(lower.match_indices(sep).map(|(i, _)| i));
        }
    }
    cuts.sort_unstable();
    let mut from = 0;
    for cut in cuts.into_iter().chain([value.len()]) {
        let part = &value[from..cut];
        let at = from + (part.len() - part.trim_start().len());
        let start = from;
        from = (cut + 1).min(value.len());
        if part.trim().is_empty() {
            continue;
        }
        let low = Some(crate::text::lower(part))
            .filter(|l| l.len() == part.len())
            .unwrap_or_else(|| part.to_string());
        // "Sau khi có kế hoạch vốn năm 2025": the year names the
        // allocation; read the value as a sentence instead.
        if let Some(d) = deadline::parse(part, d0).filter(|d| !year_names_a_thing(&low, d)) {
            out.push((at, d));
        } else {
            for f in in_prose(part, &low, d0, &[]) {
                out.push((start + f.a, f.d));
            }
        }
    }
    // A value of two periods without ';' ("Quý IV/2025 và Quý I/2026") is
    // one union, read whole above.
    out
}

/// Where an inline time slot's label starts and its value begins:
/// "… . Thời gian thực hiện: Thường xuyên."
fn inline_slot(lower: &str) -> Option<(usize, usize)> {
    for key in ["thời gian", "thời hạn", "tiến độ"] {
        let mut from = 0;
        if !lower.contains(key) {
            continue;
        }
        while let Some(p) = lower[from..].find(key) {
            let at = from + p;
            from = at + key.len();
            let before_ok = lower[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if !before_ok {
                continue;
            }
            let rest = &lower[at..];
            let window = &rest[..rest.floor_char_boundary(40)];
            if let Some(colon) = window.find(':')
                && !window[..colon].contains([',', '.', ';'])
            {
                return Some((at, at + colon + 1));
            }
        }
    }
    None
}

/// Words that, in a run just before a period, make it a deadline of the
/// task ("hoàn thành trong", "chậm nhất là", "từ nay đến hết", "phấn đấu
/// đến"): single words, and pairs read as one.
const GOVERNING: &[&str] = &[
    "trong", "xong", "trước", "là", "đến", "hết", "vào", "từ", "nay", "cuối", "đầu", "giữa",
    "ngay", "khoảng",
];
const PAIRS: &[(&str, &str)] = &[
    ("hoàn", "thành"),
    ("chậm", "nhất"),
    ("dự", "kiến"),
    ("phấn", "đấu"),
    ("tầm", "nhìn"),
    // The OCR's "tâm nhìn".
    ("tâm", "nhìn"),
    ("giai", "đoạn"),
];
/// The run must hold one of these (words, or the second word of a pair).
const ANCHORS: &[&str] = &[
    "trong", "xong", "trước", "đến", "vào", "từ", "cuối", "đầu", "giữa", "nhất", "kiến", "đấu",
    "nhìn",
];

/// Document kinds whose own period a following period may be ("Quy hoạch …
/// thời kỳ 2021 - 2030, tầm nhìn đến năm 2050"): the scope of that
/// document, not a deadline.
const SCOPED: &[&str] = &[
    "kế hoạch",
    "quy hoạch",
    "chiến lược",
    "chương trình",
    "đề án",
    "dự án",
    "kịch bản",
    // "phương hướng, nhiệm vụ … đến tháng 6/2027": the orientation a
    // report or conference sets out, named by its period.
    "phương hướng",
    "nghị quyết",
    "chỉ thị",
    "kết luận",
    "quyết định",
    "thời kỳ",
    "nhiệm kỳ",
    "khóa",
    "khoá",
];

/// The start of the word that ends at `end` (after trailing spaces).
fn prev_word(lower: &str, end: usize) -> Option<(usize, &str)> {
    let t = lower[..end].trim_end();
    let start = t
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < t.len()).then(|| (start, &t[start..]))
}

/// Where the governing words before a period at `at` start: the run of
/// [`GOVERNING`] words and [`PAIRS`] right before it, when it holds an
/// anchor.
fn governed(lower: &str, at: usize) -> Option<usize> {
    let mut start = at;
    let mut anchored = false;
    for _ in 0..6 {
        let Some((s, w)) = prev_word(lower, start) else {
            break;
        };
        if PAIRS.iter().any(|(_, second)| *second == w) {
            // Several pairs may end in the same word ("tầm nhìn" and the
            // OCR's "tâm nhìn"): the one whose first word is there.
            match prev_word(lower, s) {
                Some((s2, w2)) if PAIRS.contains(&(w2, w)) => {
                    start = s2;
                    anchored |= ANCHORS.contains(&w);
                    continue;
                }
                _ => break,
            }
        }
        if !GOVERNING.contains(&w) {
            break;
        }
        start = s;
        anchored |= ANCHORS.contains(&w);
    }
    anchored.then_some(start)
}

/// The clause before `at`: back to the last sentence end, semicolon or
/// opening parenthesis, within 400 bytes.
fn clause_before(lower: &str, at: usize) -> &str {
    let lo = lower.floor_char_boundary(at.saturating_sub(400));
    let w = &lower[lo..at];
    let cut = w.rfind(['.', ';', '(', ':']).map_or(0, |p| p + 1);
    &w[cut..]
}

/// Words that set the task's own time ("hoàn thành trong năm 2026",
/// "trình trước năm 2026", "xong trong", "chậm nhất"): no plan or
/// programme is named "… trong năm 2025", so a period they govern is the
/// task's even when a text is named before it (CONVENTIONS.md §9).
const TASK_TIME: &[&str] = &["trong", "trước", "xong", "hoàn thành", "chậm nhất"];

/// Words that carry a text's name on over a comma: "… giai đoạn 2021 -
/// 2025, định hướng đến năm 2030", "… thời kỳ 2021 - 2030, tầm nhìn đến
/// năm 2050" (the OCR's "tâm nhìn" too).
const NAME_GOES_ON: &[&str] = &["tầm nhìn", "tâm nhìn", "định hướng", "giai đoạn", "thời kỳ"];

/// Whether a period, governed by the words `run` and coming right after
/// `clause` (both lowered), may be the scope of a text named in the clause
/// ("Kế hoạch quản lý chất thải rắn đến năm 2035", "Quy hoạch tỉnh thời
/// kỳ 2021 - 2030, tầm nhìn đến năm 2050", "Nghị quyết về … bảo tồn, phát
/// huy giá trị di sản … đến năm 2030") rather than the task's time
/// (CONVENTIONS.md §9). A period ends a name only when the name runs on to
/// it: a word that sets the task's time in the run ("Phân bổ kế hoạch vốn
/// năm 2026 trong năm 2025", "Triển khai Chương trình hành động, hoàn
/// thành trong năm 2026") or a comma right before the run that no
/// [`NAME_GOES_ON`] word carries over ("Triển khai Đề án, đến năm 2030 …")
/// leaves the period to the task, wherever else in the clause a plan,
/// programme or decision is named. Commas inside a name ("bảo tồn, phát
/// huy") do not end it.
fn scope_of_a_name(clause: &str, run: &str) -> bool {
    let goes_on = NAME_GOES_ON.iter().any(|w| has_words(run, w));
    if !goes_on && (TASK_TIME.iter().any(|w| has_words(run, w)) || clause.trim_end().ends_with(','))
    {
        return false;
    }
    SCOPED.iter().any(|k| {
        clause.match_indices(k).any(|(p, _)| {
            clause[..p]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
        })
    })
}

/// Whether `w` stands in `hay` as whole words (not inside a longer word).
fn has_words(hay: &str, w: &str) -> bool {
    !crate::text::word_spans(hay, w).is_empty()
}

/// Kinds of text a sentence may name: a year or a note after such a name
/// ("Luật Đất đai năm 2024", "Hiến pháp năm 2013") says when that text was
/// passed or changed, and its entry into force ("… có hiệu lực thi hành từ
/// ngày 01/8/2024") is that text's, not a task's.
const TEXT_KINDS: &[&str] = &[
    "luật",
    "hiến pháp",
    "pháp lệnh",
    "nghị định",
    "thông tư",
    "nghị quyết",
    "quyết định",
    "chỉ thị",
    "kết luận",
    "quy định",
    "điều lệ",
    "cương lĩnh",
    "văn bản",
    "hiệp định",
    "công ước",
];

/// Words that set a time for a task ("hoàn thành trong", "trước", "chậm
/// nhất", "từ … đến …"): a parenthesis holding one is a deadline whatever
/// else it says.
const SETS_TIME: &[&str] = &[
    "hoàn thành",
    "trong",
    "trước",
    "xong",
    "chậm nhất",
    "đến",
    "từ",
    "thời gian",
    "thời hạn",
    "dự kiến",
    "vào",
    "hạn",
];

/// Whether the parenthesis opening at `a` in `s` follows a text it may
/// say the entry into force of: a number ("Nghị định 13/2023/NĐ-CP (hiệu
/// lực từ ngày 01/07/2023)"), or a kind of text named in its clause with
/// "hiệu lực" in the parenthesis ("Luật Thủ đô năm 2024 (có hiệu lực từ
/// ngày 01/01/2026)").
fn in_force_of_a_text(s: &str, a: usize) -> bool {
    let before = clause_before(s, a);
    if !crate::docnum::find_all(before).is_empty() {
        return true;
    }
    let inner = crate::text::lower(&s[a..s[a..].find(')').map_or(s.len(), |q| a + q)]);
    let before = crate::text::lower(before);
    inner.contains("hiệu lực") && TEXT_KINDS.iter().any(|k| has_words(&before, k))
}

/// Whether a parenthesis (lowered) qualifies the name of a text rather
/// than setting a time: a note of how the text was made or changed —
/// "(được sửa đổi, bổ sung năm 2025)", "(sửa đổi năm 2022)", "(hợp nhất năm
/// 2020)", "(được Quốc hội thông qua năm 2024)" — or the name of a text
/// itself, "(Hiến pháp năm 2013)", "(Bộ luật Lao động năm 2019)". A
/// parenthesis with a word that sets a time ("(bổ sung trong quý II/2026)")
/// stays a deadline.
fn names_a_text(inner: &str) -> bool {
    if SETS_TIME.iter().any(|w| has_words(inner, w)) {
        return false;
    }
    const MADE: [&str; 4] = ["sửa đổi", "bổ sung", "hợp nhất", "thông qua"];
    let head = inner.trim_start_matches(|c: char| !c.is_alphanumeric());
    let head = head.strip_prefix("bộ ").unwrap_or(head);
    MADE.iter().any(|w| has_words(inner, w))
        || TEXT_KINDS.iter().any(|k| {
            head.strip_prefix(k)
                .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
        })
}

/// Things a year after them names, as it names a law ("Luật Đất đai năm
/// 2024"): which plan, capital allocation, budget, estimate, settlement,
/// result, report, review, programme, campaign, round or school year is
/// meant (CONVENTIONS.md §9) — "kế hoạch vốn đầu tư công năm 2025", "dự
/// toán ngân sách nhà nước năm 2026", "kết quả thực hiện năm 2024", "báo
/// cáo tổng kết năm 2025", "năm học 2025 - 2026", "nguồn vốn năm 2025
/// chuyển sang". Targets and tasks ("mục tiêu, chỉ tiêu, nhiệm vụ năm
/// 2026") are not here: to reach the coming year's is a task of that year.
const NAMED_BY_YEAR: &[&str] = &[
    "kế hoạch",
    "vốn",
    "ngân sách",
    "dự toán",
    "quyết toán",
    "kết quả",
    "báo cáo",
    "tổng kết",
    "sơ kết",
    "chương trình",
    "chiến dịch",
    "đợt",
    "năm học",
    "luật",
    "hiến pháp",
    "pháp lệnh",
    "điều lệ",
    "cương lĩnh",
];

/// Whether the year of a year or span of years `d`, read from a phrase as
/// a whole (a parenthesis, a time slot's value; `lower` is that phrase
/// lowered), qualifies a noun before it — "(giải ngân 100% kế hoạch vốn
/// đầu tư công năm 2025)" names which allocation — rather than saying
/// when: the year is the task's time only when no such noun stands before
/// it in its clause, or a word that sets a time stands between them
/// ("báo cáo trong năm 2025", "kế hoạch vốn, hoàn thành năm 2025").
fn year_names_a_thing(lower: &str, d: &Deadline) -> bool {
    let (Kind::Year | Kind::Range, Some(s)) = (d.kind, d.start) else {
        return false;
    };
    if (s.m, s.d) != (1, 1) {
        return false;
    }
    let y = s.y.to_string();
    // The year as a word, not the end of a day ("ngày 03/02/2025").
    let Some(p) = crate::text::word_spans(lower, &y)
        .into_iter()
        .map(|(p, _)| p)
        .find(|&p| !lower[..p].ends_with(['/', '-', '.']))
    else {
        return false;
    };
    let before = &lower[..p];
    if blank_day_and_month(before) {
        return true;
    }
    let clause = &before[before
        .rfind([',', ';', '.', '(', ')', ':', '|'])
        .map_or(0, |k| k + 1)..];
    let Some(end) = NAMED_BY_YEAR
        .iter()
        .filter_map(|n| crate::text::word_spans(clause, n).last().map(|&(_, e)| e))
        .max()
    else {
        return false;
    };
    !SETS_TIME.iter().any(|w| has_words(&clause[end..], w))
}

/// Whether `before` (the text before a year) ends "ngày … tháng … năm"
/// with the day and the month left blank (spaces, dots, an ellipsis,
/// underscores): the date of a document still to be filled in — a draft's
/// or a form's date line, an appendix caption "(Kèm theo Kế hoạch số:
/// /KH-UBND ngày   tháng   năm 2026)" — which names that document's date
/// and says no time for a task (CONVENTIONS.md §9).
fn blank_day_and_month(before: &str) -> bool {
    let blank = |c: char| c.is_whitespace() || matches!(c, '.' | '…' | '_' | '-');
    let Some(t) = before.trim_end().strip_suffix("năm") else {
        return false;
    };
    let Some(t) = t.trim_end_matches(blank).strip_suffix("tháng") else {
        return false;
    };
    t.trim_end_matches(blank).ends_with("ngày")
}

/// A parenthesis that is only a day — "(ngày 16/11/2025)", "(16/11/2025)",
/// no word that sets a time — on or before the document's day: when
/// something happened or was observed, not a due date.
fn dated_note(paren: &str, d: &Deadline, d0: Option<Date>) -> bool {
    let inner = crate::text::lower(paren);
    d.kind == Kind::ByDate
        && !SETS_TIME.iter().any(|w| has_words(&inner, w))
        && d.end.zip(d0).is_some_and(|(e, d0)| e <= d0)
}

/// Whether a period recalls a span that began long before the document —
/// "kỷ niệm 95 năm Ngày thành lập Đảng (1930 - 2025)", "(03/02/1930 -
/// 03/02/2025)": a commemoration or a history, not a task's time. Without
/// a document date, a span of more than twenty years is taken so.
fn recalled_span(d: &Deadline, d0: Option<Date>) -> bool {
    let (Kind::Range, Some(s)) = (d.kind, d.start) else {
        return false;
    };
    match (d0, d.end) {
        (Some(d0), _) => s.y < d0.y - 10,
        (None, Some(e)) => e.y - s.y > 20,
        (None, None) => false,
    }
}

/// Whether a period in the running sentence is a document's scope, a term,
/// or a retrospective mention rather than a deadline. Its governing words
/// run from `at` to `period`, where the period starts. A time cell's
/// clause is its cell (`cell`).
fn look_alike(
    lower: &str,
    at: usize,
    period: usize,
    d: &Deadline,
    d0: Option<Date>,
    cell: bool,
) -> bool {
    let mut clause = clause_before(lower, at);
    if cell {
        clause = &clause[clause.rfind('|').map_or(0, |p| p + 1)..];
    }
    let scoped = matches!(
        d.kind,
        Kind::Horizon | Kind::Vision | Kind::Range | Kind::Year
    ) && scope_of_a_name(clause, &lower[at..period])
        && !clause.contains("phấn đấu");
    let term = clause.trim_end().ends_with("nhiệm kỳ") || clause.trim_end().ends_with("khóa");
    // "giai đoạn 2021-2025, định hướng đến năm 2030": a scope.
    let orientation = clause.trim_end().ends_with("định hướng");
    // "đã" (done) in the phrase around it — back to the last comma, on to
    // the next — what was done, not what is due.
    let near_before = &clause[clause.rfind(',').map_or(0, |p| p + 1)..];
    let after = &lower[at..lower.floor_char_boundary((at + 200).min(lower.len()))];
    let after = &after[..after.find(['.', ';']).unwrap_or(after.len())];
    let after = match after.find(',') {
        // "Trong tháng 10/2025, Sở đã tổ chức …": the clause after it.
        Some(p) => &after[..after[p + 1..].find(',').map_or(after.len(), |q| p + 1 + q)],
        None => after,
    };
    let past = near_before.split_whitespace().any(|w| w == "đã")
        || after.split_whitespace().any(|w| w == "đã")
        || clause.contains("sau hơn");
    // What lies wholly before the document's month is what was done.
    let before_doc = wholly_before(d, d0);
    // "Luật Đất đai năm 2024 có hiệu lực thi hành từ ngày 01/8/2024": the
    // entry into force of the text the clause names.
    let in_force = {
        let c = clause.trim_end();
        let c = c.strip_suffix("kể").unwrap_or(c).trim_end();
        let c = c.strip_suffix("thi hành").unwrap_or(c).trim_end();
        c.ends_with("hiệu lực")
    };
    // Stated on its own, a day still to come ("… về điều khoản thi hành:
    // Thông tư có hiệu lực từ ngày 10/4/2026." in a letter of April) is
    // when the text starts to bind those it is sent to: a day to act from.
    // Inside a longer sentence ("Các văn bản có hiệu lực từ ngày 01/3/2026
    // được đăng tải …") it only tells which texts.
    let stated = d.start.zip(d0).is_none_or(|(s, d0)| s >= d0)
        && date_closes_sentence(&lower[at..lower.floor_char_boundary((at + 80).min(lower.len()))]);
    // "Nghị định 13/2023/NĐ-CP về … (hiệu lực từ ngày 01/07/2023)": a
    // parenthesis that opens with it, right after a text's name, says when
    // that text binds (as the parenthesis read whole does).
    let after_a_name = || {
        let start = clause.as_ptr() as usize - lower.as_ptr() as usize;
        let open = lower[..start].trim_end();
        open.ends_with('(')
            && clause.trim_end().len() <= "có hiệu lực kể".len() + 12
            && in_force_of_a_text(lower, open.len() - 1)
    };
    let texts_force = d.kind == Kind::EffectiveFrom
        && in_force
        && (TEXT_KINDS.iter().any(|k| has_words(clause, k))
            || !crate::docnum::find_all(clause).is_empty()
            || after_a_name())
        && !stated;
    scoped || term || orientation || past || before_doc || texts_force || recalled_span(d, d0)
}

/// Whether the period found at `a..b` is the span a report's figures
/// cover, not a time to act: "Số liệu báo cáo tính từ ngày 01/01/2025 đến
/// ngày 30/6/2025", "Mốc thời gian lấy số liệu: từ … đến …", "Thời điểm
/// chốt số liệu: đến hết ngày 31/5/2025" (CONVENTIONS.md §9). The words
/// stand right before the period's first date, nothing dated between; a
/// bare "chốt số liệu trước ngày …" (a task: close the figures by then)
/// stays a deadline.
fn figures_period(lower: &str, a: usize, b: usize) -> bool {
    if !lower.is_char_boundary(a) || !lower.is_char_boundary(b) || a >= b {
        return false;
    }
    let digit = lower[a..b]
        .find(|c: char| c.is_ascii_digit())
        .map_or(b, |p| a + p);
    // Back to the sentence's start, across a slot's colon.
    let w = &lower[lower.floor_char_boundary(digit.saturating_sub(90))..digit];
    let tail = &w[w.rfind(['.', ';']).map_or(0, |p| p + 1)..];
    tail.contains("số liệu") && !tail.contains(|c: char| c.is_ascii_digit()) && figures_label(tail)
}

/// Whether `label` (a slot's label, or the words before a period) names
/// the span a report's figures cover: "số liệu (báo cáo) (được) tính /
/// lấy", or a time that "lấy / chốt số liệu" names ("Mốc thời gian lấy số
/// liệu", "Thời điểm chốt số liệu").
pub fn figures_label(label: &str) -> bool {
    let label = crate::text::lower(label);
    const COUNTED: [&str; 6] = [
        "số liệu tính",
        "số liệu báo cáo tính",
        "số liệu được tính",
        "số liệu báo cáo được tính",
        "số liệu lấy",
        "số liệu báo cáo lấy",
    ];
    const NAMED: [&str; 3] = ["thời gian", "thời điểm", "mốc"];
    COUNTED.iter().any(|w| label.contains(w))
        || ["lấy số liệu", "chốt số liệu"].iter().any(|w| {
            label
                .find(w)
                .is_some_and(|p| NAMED.iter().any(|n| label[..p].trim_end().ends_with(n)))
        })
}

/// Whether the first date in `tail` ("từ ngày 10/4/2026.", "từ ngày 01
/// tháng 01 năm 2026;") ends its sentence.
fn date_closes_sentence(tail: &str) -> bool {
    let Some(p) = tail.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    for tok in tail[p..].split_whitespace() {
        let word = tok.trim_end_matches(['.', ';', ',', ')']);
        let date_part = word.chars().all(|c| c.is_ascii_digit() || c == '/')
            || word == "tháng"
            || word == "năm";
        if !date_part {
            return false;
        }
        if word.len() < tok.len() {
            return tok[word.len()..].starts_with(['.', ';']);
        }
    }
    true
}

/// A month, quarter, half or year — or months of one year ("10 tháng đầu
/// năm 2025") — that ends before the document's month: what was done, not
/// what is due. In the running sentence a day before the document's own
/// ("Giải ngân … tính đến hết ngày 31/10/2025 đạt 72,4%") is where a count
/// stops, not a due date.
fn wholly_before(d: &Deadline, d0: Option<Date>) -> bool {
    match (d.kind, d.start, d.end, d0) {
        (Kind::Month | Kind::Quarter | Kind::Year | Kind::Half, _, Some(e), Some(d0)) => {
            (e.y, e.m) < (d0.y, d0.m)
        }
        (Kind::Range, Some(s), Some(e), Some(d0)) if s.y == e.y => (e.y, e.m) < (d0.y, d0.m),
        (Kind::ByDate, _, Some(e), Some(d0)) => e < d0,
        _ => false,
    }
}

/// Words of a recurrence: every year, month, quarter, week.
const RECURRENCE_WORDS: [&str; 8] = [
    "hằng năm",
    "hàng năm",
    "hằng quý",
    "hàng quý",
    "hằng tháng",
    "hàng tháng",
    "hằng tuần",
    "hàng tuần",
];

/// Whether `before` (lowered) ends in a recurrence, maybe with a
/// parenthesis opened after it: "hằng năm (trước ngày 15 tháng 11)" gives
/// the day of every year's duty, no year's deadline.
fn after_a_recurrence(before: &str) -> bool {
    let t = before.trim_end().trim_end_matches('(').trim_end();
    RECURRENCE_WORDS.iter().any(|w| t.ends_with(w))
}

/// Acts a recurrence may time: reports, reviews, meetings, publications.
const ACTS: [&str; 18] = [
    "báo cáo",
    "tổng hợp",
    "cập nhật",
    "kiểm tra",
    "giám sát",
    "đánh giá",
    "công khai",
    "công bố",
    "họp",
    "rà soát",
    "thống kê",
    "theo dõi",
    "tiến hành",
    "gửi",
    "sơ kết",
    "giao ban",
    "tổ chức",
    "đo kiểm",
];

/// Whether `after` (lowered) opens with an act: "báo cáo kết quả …".
fn starts_with_act(after: &str) -> bool {
    let t = after.trim_start();
    ACTS.iter().any(|a| {
        t.strip_prefix(a)
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', ',', ';', '.']))
    })
}

/// Whether the few words before a recurrence (lowered, earlier recurrences
/// of a chain left out) hold an act: "tổng hợp hằng tháng", "giám sát
/// tiến độ hằng tuần, hằng tháng".
fn ends_with_act(before: &str) -> bool {
    // A chain of recurrences and the act before it are near: 600 bytes.
    let mut t = before[before.floor_char_boundary(before.len().saturating_sub(600))..].trim_end();
    loop {
        let u = t.trim_end_matches([',', ' ']);
        let u = u.strip_suffix(" và").unwrap_or(u);
        match RECURRENCE_WORDS.iter().find(|w| u.ends_with(*w)) {
            Some(w) => t = &u[..u.len() - w.len()],
            None => break,
        }
    }
    let clause = t.rsplit([',', ';', '.', ':', '(']).next().unwrap_or(t);
    let words: Vec<&str> = clause.split_whitespace().collect();
    let tail = words[words.len().saturating_sub(4)..].join(" ");
    ACTS.iter().any(|a| has_words(&tail, a))
}

/// Whether the words just before a clause-final recurrence ("… hằng năm.")
/// name a thing that recurs rather than an act: the head of the noun phrase
/// is a programme, plan, target, count, prize or rule, within the last few
/// words of its clause, and the thing is neither what the clause itself
/// names ("5. Chương trình kiểm tra, giám sát hằng năm.": the item is the
/// programme to issue every year) nor the timing ("Theo kế hoạch công tác
/// hằng năm").
fn qualifies_a_thing(before: &str) -> bool {
    const THINGS: [&str; 10] = [
        "sinh hoạt",
        "chương trình",
        "kế hoạch",
        "chỉ tiêu",
        "tổng số",
        "giải ",
        "quy chế",
        "nhiệm kỳ và",
        "định mức",
        "dự toán",
    ];
    let clause = before.rsplit([';', '.', ':']).next().unwrap_or(before);
    // The last eight words.
    let cut = clause
        .char_indices()
        .rev()
        .filter(|&(_, c)| c == ' ')
        .nth(8)
        .map_or(0, |(i, _)| i);
    let Some(at) = THINGS
        .iter()
        .filter_map(|t| clause[cut..].rfind(t).map(|i| cut + i))
        .max()
    else {
        return false;
    };
    let lead = clause[..at].trim_start_matches(|c: char| !c.is_alphabetic());
    let words_before = lead.split_whitespace().count();
    words_before > 3 && !lead.ends_with("theo ")
}

/// Periods of the running sentence that a governing word makes deadlines.
fn in_prose(s: &str, lower: &str, d0: Option<Date>, taken: &[(usize, usize)]) -> Vec<Found> {
    let mut out = Vec::new();
    let b = lower.as_bytes();
    let mut taken: Vec<(usize, usize)> = taken.to_vec();
    taken.sort_unstable();
    let mut t = 0;
    let mut i = 0;
    while i < b.len() {
        // A period starts at a word: "tháng", "quý", "năm", "ngày" or digits.
        if !matches!(b[i], b't' | b'q' | b'n' | b'0'..=b'9') {
            i += 1;
            continue;
        }
        let rest = &lower[i..];
        let starts = b[i].is_ascii_digit()
            || rest.starts_with("tháng ")
            || rest.starts_with("quý ")
            || rest.starts_with("quí ")
            || rest.starts_with("năm ")
            || rest.starts_with("ngày ");
        if !starts
            || lower[..i]
                .chars()
                .next_back()
                .is_some_and(crate::text::is_alnum)
        {
            i += 1;
            continue;
        }
        while t < taken.len() && taken[t].1 <= i {
            t += 1;
        }
        if t < taken.len() && taken[t].0 <= i {
            i += 1;
            continue;
        }
        // A period; else a span of years ("2026 - 2030") or a union of
        // quarters ("quý I và quý II/2030"), read to its year.
        let end = match period_at(&s[i..]) {
            Some(Ok(p)) => i + p.used,
            _ => match year_span(&s[i..])
                .or_else(|| quarter_union(&lower[i..]))
                .or_else(|| month_span(&lower[i..]))
                .or_else(|| d0.and_then(|_| yearless(&lower[i..])))
            {
                Some(n) => i + n,
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        let mut cell = false;
        // A time of day before the day ("đến 07 giờ 00 ngày 02/4/2026"):
        // the words that govern the day stand before it.
        let clock = clock_before(lower, i);
        // "từ 8 giờ đến 17 giờ ngày 20/3/2026": the hours of one day (an
        // event), no deadline.
        if clock < i
            && let Some((w, word)) = prev_word(lower, clock)
            && word == "đến"
            && clock_before(lower, w) < w
        {
            i = end.max(i + 1);
            continue;
        }
        let g = match governed(lower, clock) {
            Some(g) => g,
            None if time_cell(lower, i, end) => {
                cell = true;
                i
            }
            None if coming_targets(lower, i, end, d0) => i,
            None => {
                i = end.max(i + 1);
                continue;
            }
        };
        // "10 tháng đầu năm 2025": the count of months is the period's
        // ("lũy kế 10 tháng đầu năm", with no word to govern it, none).
        let g = match months_before(lower, g) {
            Some(m) => match governed(lower, m) {
                Some(g2) => g2,
                None => {
                    i = end.max(i + 1);
                    continue;
                }
            },
            None => g,
        };
        // "từ tối nay đến ngày 18/11/2025", "từ sáng mai đến …": hours of
        // days, an event's (a forecast's) span, no deadline.
        if prev_word(lower, g).is_some_and(|(_, w)| TIME_OF_DAY.contains(&w)) {
            i = end.max(i + 1);
            continue;
        }
        // The phrase runs on over "đến …" (a span) and open ends.
        let mut phrase_end = end;
        let tail = &lower[end..];
        for t in [
            " và các năm tiếp theo",
            " và những năm tiếp theo",
            " và các năm sau",
        ] {
            if tail.starts_with(t) {
                phrase_end = end + t.len();
            }
        }
        let tail_t = tail.trim_start();
        if (tail_t.starts_with("đến ") || tail_t.starts_with("- ") || tail_t.starts_with("– "))
            && lower[g..i].contains("từ")
        {
            let gap = tail.len() - tail_t.len();
            let after = &tail_t[tail_t.find(' ').map_or(0, |k| k + 1)..];
            let off = end + gap + (tail_t.len() - after.len());
            let after_t = skip_clock(after.strip_prefix("hết ").unwrap_or(after));
            let off = off + (after.len() - after_t.len());
            if let Some(Ok(p2)) = period_at(&s[off..]) {
                phrase_end = off + p2.used;
            } else if after_t.starts_with("khi") {
                let stop = lower[off..]
                    .find([',', ';', '.', ')'])
                    .map_or(lower.len(), |k| off + k);
                phrase_end = stop;
            }
        }
        if !s.is_char_boundary(phrase_end) || !s.is_char_boundary(g) {
            i = end.max(i + 1);
            continue;
        }
        if let Some(d) = deadline::parse(&s[g..phrase_end], d0)
            && !matches!(d.kind, Kind::Recurring | Kind::Ongoing | Kind::Relative)
            && !look_alike(lower, g, i, &d, d0, cell)
            // A period without its year that is over by the document's
            // date was done, or is next year's: the sentence does not say.
            && !(d.year_inferred
                && (d.start.zip(d0).is_some_and(|(a, d0)| a.y > d0.y)
                    || after_a_recurrence(&lower[..g])))
        {
            out.push(Found {
                a: g,
                b: phrase_end,
                d,
                opens: false,
            });
        }
        i = phrase_end.max(i + 1);
    }
    out
}

/// Targets and tasks a text sets for a body to reach.
const TARGETS: [&str; 3] = ["mục tiêu", "chỉ tiêu", "nhiệm vụ"];

/// Verbs of reaching them ("đạt" is no such verb: "ước đạt 86,7% mục
/// tiêu năm 2025" measures what was reached).
const REACH: [&str; 5] = ["hoàn thành", "thực hiện", "bảo đảm", "đảm bảo", "phấn đấu"];

/// Whether "năm Y" at `at..end` (lowered) is the year of targets or tasks
/// the clause asks to reach, the document's year or a later one:
/// "hoàn thành tốt nhất mục tiêu, chỉ tiêu, nhiệm vụ năm 2026", "bảo đảm
/// mục tiêu tăng trưởng kinh tế trên 10% năm 2026" — the coming year's
/// targets are work of that year (CONVENTIONS §9). Not when the clause
/// names a report, result, plan or programme of them ("kết quả thực hiện
/// nhiệm vụ năm 2025", "Nghị quyết về phương hướng, nhiệm vụ năm 2026"),
/// whose year says which one.
fn coming_targets(lower: &str, at: usize, end: usize, d0: Option<Date>) -> bool {
    let Some(year) = lower[at..end]
        .strip_prefix("năm ")
        .and_then(|y| y.trim().parse::<i32>().ok())
    else {
        return false;
    };
    // Which year is coming is known from the document's date only.
    if d0.is_none_or(|d| year < d.y) {
        return false;
    }
    let lo = lower[..at]
        .rfind(['.', ';', ':', '(', '|'])
        .map_or(0, |p| p + 1);
    let clause = &lower[lo..at];
    // The target within the last eight words before the year.
    let tail_start = clause
        .char_indices()
        .rev()
        .filter(|&(_, c)| c == ' ')
        .nth(8)
        .map_or(0, |(k, _)| k);
    let Some(noun) = TARGETS
        .iter()
        .filter_map(|t| {
            crate::text::word_spans(&clause[tail_start..], t)
                .last()
                .map(|&(p, _)| tail_start + p)
        })
        .max()
    else {
        return false;
    };
    // The verb that reaches them, and what it reaches: no plan or
    // programme named in between ("thực hiện Chương trình … năm 2026").
    let Some(verb) = REACH
        .iter()
        .filter_map(|v| {
            crate::text::word_spans(&clause[..noun], v)
                .last()
                .map(|&(p, _)| p)
        })
        .max()
    else {
        return false;
    };
    let object = &clause[verb..];
    // Work done, or a report's figures of it, is no task.
    !["đã", "ước", "lũy kế", "luỹ kế"]
        .iter()
        .any(|w| has_words(clause, w))
        && !NAMED_BY_YEAR.iter().any(|n| has_words(clause, n))
        && !SCOPED.iter().any(|n| has_words(object, n))
}

/// Verbs by which a body directs another: "Chỉ đạo lực lượng Kiểm lâm
/// thường xuyên tổ chức …" says how the one directed works.
const DIRECTS: [&str; 6] = [
    "chỉ đạo",
    "yêu cầu",
    "đề nghị",
    "đôn đốc",
    "hướng dẫn",
    "giao",
];

/// Whether "thường xuyên" at `at` (lowered text) is no time of the task:
/// recurrent spending ("bố trí kinh phí chi thường xuyên"), or the manner
/// of another body's work, in a clause that opens with a verb directing
/// that body ("Chỉ đạo lực lượng Kiểm lâm thường xuyên tổ chức …").
fn not_the_tasks_time(lower: &str, at: usize) -> bool {
    if deadline::fiscal_regular(lower, at) {
        return true;
    }
    let lo = lower.floor_char_boundary(at.saturating_sub(160));
    let w = &lower[lo..at];
    // Right after a comma it opens an act of its own ("…, thường xuyên
    // kiểm tra"); right after a noun it says how that one works.
    if w[w.rfind(',').map_or(0, |p| p + 1)..].trim().is_empty() {
        return false;
    }
    let clause = &w[w.rfind(['.', ';', ':', '(']).map_or(0, |p| p + 1)..];
    let clause = clause.trim_start_matches(|c: char| !c.is_alphabetic());
    DIRECTS.iter().any(|v| {
        clause
            .strip_prefix(v)
            .is_some_and(|object| object.starts_with(' ') && !object.trim().is_empty())
    })
}

/// Where "(vào|trước) thứ Sáu" or "(vào) chủ nhật" ends right before a
/// weekly recurrence at `p`: its start.
fn weekday_before(lower: &str, p: usize) -> Option<usize> {
    if !lower[p..].starts_with("hằng tuần") && !lower[p..].starts_with("hàng tuần") {
        return None;
    }
    let (w1, last) = prev_word(lower, p)?;
    let (w0, first) = prev_word(lower, w1)?;
    let day = const {
        [
            "hai", "ba", "tư", "năm", "sáu", "bảy", "2", "3", "4", "5", "6", "7",
        ]
    };
    let start = if first == "thứ" && day.contains(&last) || first == "chủ" && last == "nhật" {
        w0
    } else {
        return None;
    };
    match prev_word(lower, start) {
        Some((g, "vào" | "trước" | "đúng")) => Some(g),
        _ => Some(start),
    }
}

/// Where "trước|vào|đúng|chậm nhất (là) ngày D(/M)" ends right before a
/// recurrence at `p`: its start.
fn due_day_before(lower: &str, p: usize) -> Option<usize> {
    let t = lower[..p].trim_end();
    let t = t.strip_suffix("của").map_or(t, str::trim_end);
    let day = t.trim_end_matches(|c: char| c.is_ascii_digit() || c == '/' || c == ' ');
    if day.len() == t.len()
        || !t[day.len()..]
            .trim()
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let (n, w) = prev_word(lower, day.len())?;
    if w != "ngày" {
        return None;
    }
    let (g, w) = prev_word(lower, n)?;
    let slow = |at: usize| {
        prev_word(lower, at)
            .filter(|(_, w)| *w == "chậm")
            .map(|(c, _)| c)
    };
    match w {
        "trước" | "vào" | "đúng" => Some(g),
        "nhất" => slow(g),
        "là" => {
            let (g2, w2) = prev_word(lower, g)?;
            (w2 == "nhất").then(|| slow(g2)).flatten()
        }
        _ => None,
    }
}

/// Parts of a day: a span from one of them ("từ tối nay", "từ sáng
/// 16/11") is counted in hours, an event's time.
const TIME_OF_DAY: [&str; 5] = ["sáng", "trưa", "chiều", "tối", "đêm"];

/// Where a count of months starts when "đầu"/"cuối" at `g` follows one:
/// "10 tháng |đầu năm 2025" → the start of "10".
fn months_before(lower: &str, g: usize) -> Option<usize> {
    let rest = &lower[g..];
    if !(rest.starts_with("đầu ") || rest.starts_with("cuối ")) {
        return None;
    }
    let (t, w) = prev_word(lower, g)?;
    if w != "tháng" {
        return None;
    }
    let (n, count) = prev_word(lower, t)?;
    const WORDS: [&str; 10] = [
        "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
    ];
    (count.bytes().all(|b| b.is_ascii_digit()) || WORDS.contains(&count)).then_some(n)
}

/// A bare span of years with a cell border beside it ("| 2026 - 2027 |",
/// "… 2029 - 2030 |"): the time column of a table row whose layout the
/// converter lost (OCR of a task table), where no word governs the period.
/// A span that a word scopes ("giai đoạn 2031 - 2040", "nhiệm kỳ 2025 -
/// 2030", "từ năm …") is not a time cell.
fn time_cell(lower: &str, at: usize, end: usize) -> bool {
    if year_span(&lower[at..]) != Some(end - at) {
        return false;
    }
    let scoped = prev_word(lower, at)
        .is_some_and(|(_, w)| ["đoạn", "năm", "từ", "kỳ", "khóa", "khoá"].contains(&w));
    let before = lower[..at].trim_end_matches(' ');
    let after = lower[end..].trim_start_matches([' ', '_']);
    !scoped && (before.ends_with('|') || after.starts_with('|'))
}

/// "2026 - 2030" at the start of `s`: its length.
/// A period without its year at the start of `lower` ("ngày 30/6", "ngày
/// 15 tháng 11", "tháng 7", "quý III"), no year, day or span after it:
/// its length.
fn yearless(lower: &str) -> Option<usize> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:ngày\s+\d{1,2}\s*(?:/|\.|-)\s*\d{1,2}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}|tháng\s+\d{1,2}|qu[ýí]\s+(?:iv|i{1,3}|[1-4]))\b",
        )
        .expect("a period without its year")
    });
    let m = RE.find(lower)?;
    let t = lower[m.end()..].trim_start();
    let more = t
        .strip_prefix(['/', '-', '–', '.', ','])
        .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    let said = ["năm", "và", "đến", "hằng", "hàng", "mỗi", "các", "của"]
        .iter()
        .any(|w| t.starts_with(w));
    (!more && !said && !t.starts_with(|c: char| c.is_ascii_digit())).then_some(m.end())
}

fn year_span(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let four = |at: usize| b.len() >= at + 4 && b[at..at + 4].iter().all(u8::is_ascii_digit);
    if !four(0) || b.get(4).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let mut i = 4;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let dash = s[i..].chars().next().filter(|c| "-–—".contains(*c))?;
    i += dash.len_utf8();
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    (four(i) && !b.get(i + 4).is_some_and(u8::is_ascii_digit)).then_some(i + 4)
}

/// "tháng 3 đến tháng 5/2026", "tháng 3 - 5/2026", "tháng 9 đến tháng
/// 12 năm 2026" at the start of `lower`: months whose first has no year
/// of its own; its length, to the year.
fn month_span(lower: &str) -> Option<usize> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let r = lower.strip_prefix("tháng ")?;
    let n = digits(r);
    if !(1..=2).contains(&n) {
        return None;
    }
    let a = r[n..].trim_start();
    // A span ("tháng 3 đến tháng 5/2026", "tháng 3-4/2026") or two
    // months named together ("tháng 3, tháng 4/2026", "tháng 3 và 4/2026").
    let a = ["đến ", "-", "–", ",", "và "]
        .iter()
        .find_map(|w| a.strip_prefix(w))?
        .trim_start();
    let a = a.strip_prefix("hết ").unwrap_or(a);
    let a = a.strip_prefix("tháng ").unwrap_or(a);
    let m = digits(a);
    if !(1..=2).contains(&m) {
        return None;
    }
    let y = a[m..].trim_start();
    let y = y
        .strip_prefix('/')
        .or_else(|| y.strip_prefix("năm "))?
        .trim_start();
    (digits(y) == 4 && !y[4..].starts_with(|c: char| c.is_ascii_digit()))
        .then(|| lower.len() - y.len() + 4)
}

/// "quý I và quý II/2030", "quý III, IV năm 2026" at the start of `lower`:
/// its length, to the year.
fn quarter_union(lower: &str) -> Option<usize> {
    if !lower.starts_with("quý ") && !lower.starts_with("quí ") {
        return None;
    }
    let window = &lower[..lower.floor_char_boundary(48)];
    for (p, sep) in [("/", 1), ("năm ", 4)] {
        if let Some(at) = window.find(p) {
            let y = at + sep;
            let digits = window[y..].bytes().take_while(u8::is_ascii_digit).count();
            if digits == 4 {
                return Some(y + 4);
            }
        }
    }
    None
}

/// A numeric target that comes back each year: "Tỷ lệ kết nạp đảng viên
/// mới hằng năm đạt từ 4-5%", "Bố trí tối thiểu 2% tổng chi ngân sách …
/// hằng năm": the clause holds a percentage or a minimum.
fn yearly_target(lower: &str, at: usize) -> bool {
    let lo = lower[..at].rfind([';', '.']).map_or(0, |p| p + 1);
    let hi = lower[at..].find([';', '.']).map_or(lower.len(), |p| at + p);
    let clause = &lower[lo..hi];
    (clause.contains('%') || clause.contains("tối thiểu") || clause.contains("ít nhất"))
        && !SCOPED.iter().any(|k| lower[lo..at].trim_end().ends_with(k))
}

/// Deadlines written in a block's text.
pub fn find(s: &str, d0: Option<Date>, assigned: bool) -> Vec<Found> {
    let mut out = Vec::new();
    // (…) groups.
    let mut from = 0;
    while let Some(p) = s[from..].find('(') {
        let a = from + p;
        let Some(q) = s[a..].find(')') else { break };
        let b = a + q + 1;
        // A deadline in parentheses is short ("(hoàn thành trong quý III năm
        // 2023)"); a long aside is an explanation, and the in-force date of
        // a document cited before it ("Nghị định 13/2023/NĐ-CP (hiệu lực từ
        // ngày 01/07/2023)") is that document's.
        let short = s[a..b].split_whitespace().count() <= 16;
        if short
            && let Some(d) = deadline::parse(&s[a..b], d0)
            && !dated_note(&s[a..b], &d, d0)
            && (d.kind != Kind::EffectiveFrom || !in_force_of_a_text(s, a))
            && !names_a_text(&crate::text::lower(&s[a..b]))
            && !year_names_a_thing(&crate::text::lower(&s[a..b]), &d)
            && !recalled_span(&d, d0)
            // "hằng năm (trước ngày 15 tháng 11)": the day of a recurring
            // duty, no year's.
            && !(d.year_inferred && after_a_recurrence(&crate::text::lower(&s[..a])))
        {
            out.push(Found {
                a,
                b,
                d,
                opens: false,
            });
        }
        from = b;
    }
    // Offsets found in the lowered text are used in `s`: when lowering
    // changes a length (not for Vietnamese letters), search `s` as it is.
    let lower = Some(crate::text::lower(s))
        .filter(|l| l.len() == s.len())
        .unwrap_or_else(|| s.to_string());
    if out.is_empty()
        && let Some((label, value)) = inline_slot(&lower)
    {
        if figures_label(&lower[..value]) {
            return out;
        }
        let found = slot_values(&s[value..], d0);
        if !found.is_empty() {
            let n = found.len();
            for (k, (at, mut d)) in found.into_iter().enumerate() {
                if n == 1 {
                    d.text = crate::text::collapse_ws(s[label..].trim_end_matches('.'));
                }
                out.push(Found {
                    a: if k == 0 { label } else { value + at },
                    b: s.len(),
                    d,
                    opens: false,
                });
            }
            return out;
        }
    }
    // Clause-initial phrases: at the start, or after ". ", "; ", ", " or
    // " và ". In a line that assigns work to a body, "thường xuyên" and
    // "định kỳ" count anywhere; in general task bullets they are adverbs.
    const CLAUSE_KEYS: [&str; 6] = [
        "hằng năm",
        "hàng năm",
        "đến năm ",
        "mỗi nhiệm kỳ",
        "định kỳ",
        "thường xuyên ",
    ];
    let mut starts: Vec<(usize, &str)> = Vec::new();
    if CLAUSE_KEYS.iter().any(|k| lower.contains(k)) {
        starts.push((0, ""));
    }
    for sep in [". ", "; ", ", ", " và "] {
        if starts.is_empty() {
            break;
        }
        starts.extend(positions(&lower, sep).map(|i| (i + sep.len(), sep)));
    }
    if assigned {
        for key in ["thường xuyên ", "định kỳ "] {
            if let Some(p) = positions(&lower, key).find(|&p| !not_the_tasks_time(&lower, p)) {
                starts.push((p, "assigned"));
            }
        }
    }
    starts.sort_unstable();
    starts.dedup_by_key(|x| x.0);
    let mut hits: Vec<(usize, usize)> = Vec::new();
    let mut strong = NextStop::new(&[';', '.', '(']);
    let mut weak = NextStop::new(&[',', ';', '.', '(']);
    let mut inside = 0;
    for (a, sep) in starts {
        let rest = &lower[a..];
        let yearly = rest.starts_with("hằng năm") || rest.starts_with("hàng năm");
        let periodic = (rest.starts_with("định kỳ ") || rest.starts_with("thường xuyên "))
            && (assigned || rest.starts_with("định kỳ "));
        let horizon = rest.starts_with("đến năm ");
        let per_term = rest.starts_with("trong mỗi nhiệm kỳ");
        if !(yearly || periodic || horizon || per_term) || !s.is_char_boundary(a) {
            continue;
        }
        if rest.starts_with("thường xuyên ") && not_the_tasks_time(&lower, a) {
            continue;
        }
        // "định kỳ" outside a body's task opens a duty only at the start of
        // the text or of a clause, followed by the act ("Định kỳ tổng hợp,
        // báo cáo …"), not as the adjective of a noun.
        if rest.starts_with("định kỳ ") && !assigned && sep.is_empty() && a != 0 {
            continue;
        }
        while inside < out.len() && out[inside].b <= a {
            inside += 1;
        }
        if inside < out.len() && out[inside].a <= a {
            continue;
        }
        let hit = if yearly && sep != " và " {
            Some(strong.at(&lower, a))
        } else if horizon {
            Some(a + "đến năm 2030".len().min(rest.len()))
        } else if per_term {
            Some(weak.at(&lower, a))
        } else if periodic {
            Some(strong.at(&lower, a))
        } else {
            None
        };
        if let Some(b) = hit
            && s.is_char_boundary(b)
        {
            hits.push((a, b));
        }
    }
    for (k, &(a, b)) in hits.iter().enumerate() {
        let b = hits.get(k + 1).map_or(b, |&(next, _)| b.min(next));
        let phrase = s[a..b].trim_end_matches([',', ';', ' ']);
        if let Some(d) = deadline::parse(phrase, d0) {
            out.push(Found {
                a,
                b: a + phrase.len(),
                d,
                opens: true,
            });
        }
    }
    // A yearly numeric target: "… hằng năm đạt từ 4-5%", "tối thiểu 2% … hằng năm".
    for key in ["hằng năm", "hàng năm"] {
        for p in positions(&lower, key) {
            if !out.iter().any(|f| f.a <= p && p < f.b)
                && yearly_target(&lower, p)
                && let Some(d) = deadline::parse(&s[p..p + key.len()], d0)
            {
                out.push(Found {
                    a: 0,
                    b: s.len(),
                    d,
                    opens: true,
                });
                break;
            }
        }
    }
    // A recurrence that ends its clause qualifies the whole act: "… gọi
    // công dân nhập ngũ hằng năm.", "báo cáo vào ngày mồng 3 hằng tháng;".
    // Inside a noun phrase ("nhiệm vụ hằng năm của các cấp") it does not,
    // nor at the end of one whose head is a planned or counted thing
    // ("chương trình công tác hằng năm;", "Giải Búa liềm vàng hằng năm.").
    for head in ["hằng ", "hàng "] {
        for p in positions(&lower, head) {
            let Some(key) = RECURRENCE_WORDS.iter().find(|k| lower[p..].starts_with(*k)) else {
                continue;
            };
            let after = lower[p + key.len()..].trim_start();
            // A parenthesis that gives the day of the recurrence ends the
            // phrase too: "định kỳ hằng năm (trước ngày 10/12) báo cáo …".
            let day_given = after.strip_prefix('(').is_some_and(|t| {
                let t = t.trim_start();
                let t = t
                    .strip_prefix("trước ")
                    .or(t.strip_prefix("vào "))
                    .unwrap_or(t);
                t.starts_with("ngày ") || t.starts_with("tháng ")
            });
            let ends = after.is_empty() || after.starts_with(['.', ';', ')']) || day_given;
            // "trước ngày 20 hằng tháng lên phần mềm …", "vào ngày 15/12
            // hằng năm": a day of every month or year named before the
            // recurrence makes it the duty's, wherever the clause goes on.
            if let Some(g) = due_day_before(&lower, p).or_else(|| weekday_before(&lower, p))
                && !out.iter().any(|f| f.a <= p && p < f.b)
                && let Some(d) = deadline::parse(&s[g..p + key.len()], d0)
                && d.kind == Kind::Recurring
            {
                out.push(Found {
                    a: g,
                    b: p + key.len(),
                    d,
                    opens: false,
                });
                continue;
            }
            let word_start = lower[..p]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            // A recurrence named with another after it ("hằng tuần, hằng
            // tháng") is one duty: the last one reads it.
            let chained = after
                .strip_prefix(',')
                .map(str::trim_start)
                .or_else(|| after.strip_prefix("và "))
                .is_some_and(|t| RECURRENCE_WORDS.iter().any(|w| t.starts_with(w)));
            if chained {
                continue;
            }
            // A recurrence beside the act it times: "tổng hợp hằng tháng
            // báo cáo …", "hằng tháng công khai …", "giám sát tiến độ hằng
            // tuần, hằng tháng trên hệ thống …".
            let acts = starts_with_act(after) || ends_with_act(&lower[..p]);
            if (ends || acts)
                && word_start
                && p > 0
                && !qualifies_a_thing(&lower[..p])
                && !out.iter().any(|f| f.a <= p && p < f.b)
                && let Some(d) = deadline::parse(&s[p..p + key.len()], d0)
            {
                out.push(Found {
                    a: p,
                    b: p + key.len(),
                    d,
                    opens: false,
                });
            }
        }
    }
    // "báo cáo định kỳ hoặc đột xuất", "kiểm tra định kỳ": a duty whose
    // period the text leaves open.
    for p in positions(&lower, "định kỳ") {
        let next = lower[p + "định kỳ".len()..].chars().next();
        if next.is_none_or(|c| !c.is_alphanumeric())
            && ends_with_act(&lower[..p])
            && !lower[..p].ends_with(|c: char| c.is_alphanumeric())
            && !out.iter().any(|f| f.a <= p && p < f.b)
            && let Some(d) = deadline::parse(&s[p..p + "định kỳ".len()], d0)
        {
            out.push(Found {
                a: p,
                b: p + "định kỳ".len(),
                d,
                opens: false,
            });
        }
    }
    // Periods of the running sentence.
    let taken: Vec<(usize, usize)> = out.iter().map(|f| (f.a, f.b)).collect();
    out.extend(in_prose(s, &lower, d0, &taken));
    out.retain(|f| !figures_period(&lower, f.a, f.b));
    // "Định kỳ báo cáo … (qua …) vào thứ Sáu hàng tuần": a duty whose
    // clause states its period later is that one duty, of that period.
    let stated: Vec<usize> = out
        .iter()
        .filter(|f| {
            f.d.recurrence
                .is_some_and(|r| !matches!(r.freq, Freq::PeriodicUnspecified | Freq::PerTerm))
        })
        .map(|f| f.a)
        .collect();
    out.retain(|f| {
        let unspecified =
            f.d.recurrence
                .is_some_and(|r| r.freq == Freq::PeriodicUnspecified);
        if !unspecified {
            return true;
        }
        let end = lower[f.a..]
            .find([';', '.'])
            .map_or(lower.len(), |k| f.a + k);
        !stated.iter().any(|&a| a > f.a && a < end)
    });
    out.sort_by_key(|f| f.a);
    // Overlapping finds: the first wins.
    let mut kept: Vec<Found> = Vec::with_capacity(out.len());
    for f in out {
        if kept
            .last()
            .is_none_or(|k| f.a >= k.b || (k.opens && k.a == 0 && k.b == s.len()))
        {
            kept.push(f);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (phrase found, kind) of each deadline in a text; D0 = 2025-11-20.
    fn check(text: &str, assigned: bool, expected: &[(&str, &str)]) {
        let got: Vec<(String, String)> = find(text, Date::new(2025, 11, 20), assigned)
            .into_iter()
            .map(|f| (text[f.a..f.b].to_string(), f.d.kind.as_str().to_string()))
            .collect();
        let want: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want, "text: {text:?}");
    }

    /// A vision and its governing words, as typed and as OCR drops the
    /// grave of "tầm"; a pair's first word must be the one there.
    #[test]
    fn visions_as_typed_and_as_ocr_reads_them() {
        for (text, phrase) in [
            ("2.2. Tầm nhìn đến năm 2045", "Tầm nhìn đến năm 2045"),
            ("2.2. Tâm nhìn đến năm 2045", "Tâm nhìn đến năm 2045"),
            ("b) Tâm nhìn đến năm 2050:", "Tâm nhìn đến năm 2050"),
            ("Tầm nhìn 2045", "Tầm nhìn 2045"),
        ] {
            check(text, false, &[(phrase, "vision")]);
        }
        // "nhìn" after another word is no pair: the run ends before it.
        check(
            "Phải nhìn đến năm 2045 mà hành động.",
            false,
            &[("đến năm 2045", "horizon")],
        );
    }

    /// Days written with dashes or dots, or long without "ngày"; months
    /// from one to another whose first has no year of its own.
    #[test]
    fn days_in_other_notations_and_month_spans() {
        for (text, want) in [
            (
                "Sở Văn hóa tổ chức triển lãm, hoàn thành trước ngày 15-4-2026.",
                vec![("hoàn thành trước ngày 15-4-2026", "by_date")],
            ),
            (
                "Sở Thông tin báo cáo kết quả đến hết ngày 31.12.2026.",
                vec![("đến hết ngày 31.12.2026", "by_date")],
            ),
            (
                "Sở Tư pháp rà soát, xong trước 31 tháng 8 năm 2026.",
                vec![("xong trước 31 tháng 8 năm 2026", "by_date")],
            ),
            (
                "Báo Lào Cai mở chuyên mục từ tháng 3 đến tháng 5/2026.",
                vec![("từ tháng 3 đến tháng 5/2026", "range")],
            ),
            (
                "Các huyện tổ chức hội thi từ tháng 9 - 12 năm 2026.",
                vec![("từ tháng 9 - 12 năm 2026", "range")],
            ),
            // Look-alikes: the date of a text, a count of months.
            (
                "Thực hiện Chỉ thị số 11-CT/TU ngày 02-02-2026 của Ban Thường vụ Tỉnh ủy.",
                vec![],
            ),
            ("Tháng 3 đến tháng 5 là mùa khô.", vec![]),
        ] {
            check(text, true, &want);
        }
    }

    #[test]
    fn clause_final_recurrences_of_acts_not_of_things() {
        for (text, want) in [
            (
                "Tuyển chọn và gọi công dân nhập ngũ hằng năm.",
                vec![("hằng năm", "recurring")],
            ),
            (
                "5. Chương trình kiểm tra, giám sát hằng năm.",
                vec![("hằng năm", "recurring")],
            ),
            (
                "Theo kế hoạch công tác tư pháp hàng năm.",
                vec![("hàng năm", "recurring")],
            ),
            (
                "Đưa nội dung vào chương trình kiểm tra, giám sát hằng năm.",
                vec![],
            ),
            (
                "Rà soát quy chế làm việc và xây dựng chương trình công tác hằng năm;",
                vec![],
            ),
            (
                "Tổ chức trao tặng giải thưởng báo chí và Giải Búa liềm vàng hằng năm.",
                vec![],
            ),
            (
                "Thực hiện việc phân công cấp ủy viên dự sinh hoạt chi bộ hàng tháng.",
                vec![],
            ),
        ] {
            check(text, false, &want);
        }
    }

    #[test]
    fn a_bare_span_of_years_by_a_cell_border_is_a_time_cell() {
        for (text, want) in [
            (
                "Xây dựng Chiến lược quốc gia | Bộ Nông nghiệp | 2026-2027 | Chiến lược",
                vec![("2026-2027", "range")],
            ),
            (
                "đa dạng sinh học quốc gia — 2029 - 2030 |_ Chiến lược",
                vec![("2029 - 2030", "range")],
            ),
            (
                "Môi trường, các bộ, | 2026 - 2030 Các dự án",
                vec![("2026 - 2030", "range")],
            ),
            // Scoped by a word, or with no border: not a time cell.
            ("Chiến lược giai đoạn 2031 - 2040 | Bộ Tài chính", vec![]),
            ("Ban Chấp hành nhiệm kỳ 2025 - 2030 | Văn phòng", vec![]),
            ("thành phố 2026 - 2030 các dự án", vec![]),
            ("| 2026 | Chiến lược", vec![]),
        ] {
            check(text, false, &want);
        }
    }

    #[test]
    fn deadlines_in_the_running_sentence() {
        check(
            "Ban Tổ chức hoàn thành việc rà soát trong tháng 12/2026.",
            false,
            &[("trong tháng 12/2026", "month")],
        );
        check(
            "Tổ chức hội nghị sơ kết, hoàn thành trong quý I/2027",
            false,
            &[("hoàn thành trong quý I/2027", "quarter")],
        );
        check(
            "bảo đảm hoàn thành dứt điểm trước ngày 31/12/2025; báo cáo kết quả.",
            false,
            &[("trước ngày 31/12/2025", "by_date")],
        );
        check(
            "hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028.",
            false,
            &[(
                "hoàn thành chậm nhất đến ngày 01 tháng 7 năm 2028",
                "by_date",
            )],
        );
        check(
            "- Phấn đấu đến năm 2030, tỷ lệ chất thải rắn giảm.",
            false,
            &[("Phấn đấu đến năm 2030", "horizon")],
        );
        check(
            "Tổ chức lấy ý kiến trong khoảng từ ngày 04/02/2026 đến ngày 08/02/2026 tại thôn.",
            false,
            &[(
                "trong khoảng từ ngày 04/02/2026 đến ngày 08/02/2026",
                "range",
            )],
        );
        check(
            "mục tiêu tăng trưởng kinh tế năm 2026 và các năm tiếp theo",
            false,
            &[],
        );
    }

    #[test]
    fn look_alikes_in_the_running_sentence() {
        check(
            "Thực hiện Kế hoạch số 24/KH-UBND ngày 14/8/2025 của UBND tỉnh.",
            false,
            &[],
        );
        check(
            "Xây dựng Kế hoạch quản lý tổng hợp chất thải rắn đến năm 2035, tầm nhìn đến năm 2050",
            false,
            &[],
        );
        check(
            "Nghị quyết Đại hội Đảng bộ tỉnh nhiệm kỳ 2020 - 2025 đã đề ra.",
            false,
            &[],
        );
        check("Một số nội dung đã thực hiện trong năm 2024", false, &[]);
        check("Trong tháng 10/2025, Sở đã tổ chức 3 hội nghị.", false, &[]);
    }

    #[test]
    fn what_was_counted_or_observed_is_no_deadline() {
        // Months of a year counted to date, before the document (D0 =
        // 2025-11-20); a count's cut-off day before it.
        for text in [
            "Trong 10 tháng đầu năm 2025, mặc dù có nhiều biến động, tỉnh đạt kết quả tích cực.",
            "tăng trưởng GRDP 09 tháng đầu năm đạt 10,22%; lũy kế 10 tháng đầu năm 2025 ước đạt 86,7%.",
            "Giải ngân vốn đầu tư công tính đến hết ngày 31 tháng 10 năm 2025 đạt 72,4% kế hoạch.",
            "Đến hết ngày 15/11/2025, toàn tỉnh đã cấp 1.200 giấy phép.",
            // A day in parentheses, the document's or before: when it
            // happened; a span from a part of a day: a forecast.
            "từ sáng nay (ngày 20/11/2025) tại khu vực đã có mưa to.",
            "Theo dự báo, từ tối nay đến ngày 22/11/2025 khu vực có mưa to.",
            "Từ chiều nay đến hết ngày 23/11/2025 có gió mạnh.",
        ] {
            check(text, false, &[]);
        }
        // Look-alikes that stay deadlines: months ahead, a due day after
        // the document, a day ahead in parentheses, "từ nay đến".
        check(
            "Các sở hoàn thành trong 6 tháng đầu năm 2026.",
            false,
            &[("hoàn thành trong 6 tháng đầu năm 2026", "half")],
        );
        check(
            "Các sở tổng kết, báo cáo trong 3 tháng cuối năm 2025.",
            false,
            &[("trong 3 tháng cuối năm 2025", "range")],
        );
        check(
            "Các xã báo cáo kết quả đến hết ngày 15/12/2025.",
            false,
            &[("đến hết ngày 15/12/2025", "by_date")],
        );
        check(
            "Tổ chức hội nghị sơ kết (ngày 25/11/2025).",
            false,
            &[("(ngày 25/11/2025)", "by_date")],
        );
        check(
            "Các tỉnh từ nay đến ngày 22/11/2025 hoàn thành sơ tán dân.",
            false,
            &[("từ nay đến ngày 22/11/2025", "by_date")],
        );
    }

    #[test]
    fn thuong_xuyen_as_spending_or_the_manner_of_others() {
        // Recurrent spending; the manner of a body directed.
        for text in [
            "Sở Tài chính chủ trì, phối hợp với các sở bố trí kinh phí chi thường xuyên theo quy định của pháp luật.",
            "Bảo đảm kinh phí thường xuyên cho hoạt động của Ban Chỉ đạo.",
            "- Chỉ đạo lực lượng Kiểm lâm thường xuyên tổ chức lực lượng, phối hợp tuần tra rừng.",
            "Yêu cầu các xã, phường thường xuyên rà soát, cập nhật danh sách.",
        ] {
            check(text, true, &[]);
        }
        // The body's own regular work stays ongoing.
        check(
            "Ủy ban Kiểm tra Tỉnh ủy thường xuyên kiểm tra, giám sát.",
            true,
            &[("thường xuyên kiểm tra, giám sát", "ongoing")],
        );
        check(
            "Ban Tổ chức chủ trì, phối hợp với các cơ quan liên quan thường xuyên theo dõi, hướng dẫn.",
            true,
            &[("thường xuyên theo dõi, hướng dẫn", "ongoing")],
        );
        check(
            "Tăng cường lãnh đạo, chỉ đạo, thường xuyên kiểm tra việc thực hiện.",
            true,
            &[("thường xuyên kiểm tra việc thực hiện", "ongoing")],
        );
        check(
            "Chỉ đạo các xã triển khai Kế hoạch, thường xuyên kiểm tra việc thực hiện.",
            true,
            &[("thường xuyên kiểm tra việc thực hiện", "ongoing")],
        );
        // Spending named first, the body's regular work after it.
        check(
            "Bố trí kinh phí chi thường xuyên; thường xuyên kiểm tra việc sử dụng.",
            true,
            &[("thường xuyên kiểm tra việc sử dụng", "ongoing")],
        );
    }

    /// The span a report's figures cover is no time to act; the report's
    /// own time beside it is.
    #[test]
    fn the_period_figures_cover_is_no_deadline() {
        // (The document is of 20/11/2025: the spans are still to come.)
        for text in [
            "- Mốc thời gian lấy số liệu báo cáo: từ ngày 01/12/2025 đến ngày 30/6/2026.",
            "Số liệu báo cáo tính từ ngày 01/01/2026 đến ngày 30/6/2026.",
            "Thời điểm lấy số liệu: đến hết ngày 31/5/2026.",
            "Thời điểm chốt số liệu: ngày 31/10/2026.",
            "Số liệu được tính đến hết ngày 30/9/2026.",
        ] {
            check(text, false, &[]);
            check(text, true, &[]);
        }
        // The report's own time, beside it, is the task's.
        check(
            "Gửi báo cáo, số liệu tính đến ngày 30/6/2026, về Ban Tuyên giáo trước ngày 15/7/2026.",
            true,
            &[("trước ngày 15/7/2026", "by_date")],
        );
        // Closing the figures, or sending them, by a day is a task.
        check(
            "Các đơn vị chốt số liệu trước ngày 20/12/2025.",
            true,
            &[("trước ngày 20/12/2025", "by_date")],
        );
        check(
            "Gửi số liệu về Sở Nội vụ trước ngày 15/12/2025.",
            true,
            &[("trước ngày 15/12/2025", "by_date")],
        );
    }

    #[test]
    fn entry_into_force_and_due_days_of_every_month() {
        // A text that binds from a day still to come.
        check(
            "Khoản 1 Điều 8 Thông tư số 15/2026/TT-BCT về điều khoản thi hành: Thông tư có hiệu lực từ ngày 10/4/2026.",
            false,
            &[("từ ngày 10/4/2026", "effective_from")],
        );
        check(
            "Luật Việc làm có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.",
            false,
            &[("từ ngày 01 tháng 01 năm 2026", "effective_from")],
        );
        // One already in force: that text's history.
        check(
            "Luật Đất đai năm 2024 có hiệu lực thi hành từ ngày 01/8/2024.",
            false,
            &[],
        );
        // A due day of every month or year, wherever the clause goes on.
        check(
            "Cơ quan thường trực cập nhật kết quả trước ngày 20 hằng tháng lên phần mềm theo dõi, giám sát Đề án 06.",
            false,
            &[("trước ngày 20 hằng tháng", "recurring")],
        );
        check(
            "Các sở gửi báo cáo chậm nhất là ngày 15/12 hàng năm về Sở Nội vụ để tổng hợp.",
            false,
            &[("chậm nhất là ngày 15/12 hàng năm", "recurring")],
        );
        // A recurrence inside a noun phrase stays none.
        check(
            "Số liệu hằng tháng được cập nhật vào phần mềm dùng chung.",
            false,
            &[],
        );
    }

    #[test]
    fn years_and_dates_of_other_texts_are_not_deadlines() {
        // The year a law, code or constitution was passed or amended.
        for text in [
            "Tuyên truyền Luật Đất đai năm 2024 (được sửa đổi, bổ sung năm 2025) đến Nhân dân.",
            "Phổ biến Bộ luật Hình sự năm 2015 (sửa đổi, bổ sung năm 2017).",
            "Thực hiện Luật Xử lý vi phạm hành chính (sửa đổi năm 2020, 2022).",
            "Triển khai Luật Bảo hiểm xã hội (sửa đổi) năm 2024 và Luật Việc làm (sửa đổi năm 2025).",
            "Rà soát văn bản theo Hiến pháp năm 2013 (sửa đổi, bổ sung năm 2025).",
            "Quán triệt Điều lệ Đảng (được Đại hội XI thông qua năm 2011).",
            "Tuyên truyền các văn bản (Hiến pháp năm 2013, Bộ luật Lao động năm 2019).",
            "Triển khai Luật Thủ đô (Luật số 39/2024/QH15) đến cán bộ.",
            "Nghiên cứu Bộ luật Dân sự (hợp nhất năm 2026).",
            // The orientation a conference or report sets out, named by
            // its period.
            "Hội nghị đã thống nhất đánh giá kết quả từ tháng 6/2022 đến nay và phương hướng, nhiệm vụ trọng tâm đến tháng 6/2027.",
            "Thực hiện tốt các nhiệm vụ trọng tâm nêu trong phương hướng, nhiệm vụ từ nay đến tháng 6/2027.",
        ] {
            check(text, false, &[]);
        }
        // Their entry into force is theirs, not a task's.
        for text in [
            "Tuyên truyền Luật Đất đai năm 2024 có hiệu lực thi hành từ ngày 01/8/2024.",
            "Phổ biến Nghị định số 13/2023/NĐ-CP có hiệu lực kể từ ngày 01/7/2023.",
            "Quán triệt Luật Thủ đô, có hiệu lực từ ngày 01/01/2025, đến toàn thể cán bộ.",
            "Các văn bản quy phạm pháp luật có hiệu lực từ ngày 01/3/2026 được đăng tải đầy đủ.",
        ] {
            check(text, false, &[]);
        }
        // In a parenthesis right after the text's name, in a task's block
        // or not.
        for text in [
            "Nghị định 13/2023/NĐ-CP về Bảo vệ dữ liệu cá nhân (hiệu lực từ ngày 01/07/2023) yêu cầu xác nhận.",
            "Tuyên truyền Luật Thủ đô năm 2024 (có hiệu lực từ ngày 01/01/2026) đến cán bộ, đảng viên.",
            "Quán triệt Thông tư số 15/2026/TT-BCT (có hiệu lực kể từ ngày 10/4/2026).",
        ] {
            check(text, false, &[]);
            check(text, true, &[]);
        }
        // A parenthesis after a task, not a name: its day to act from.
        check(
            "Các cơ sở áp dụng quy trình mới (hiệu lực từ ngày 10/4/2026).",
            false,
            &[("(hiệu lực từ ngày 10/4/2026)", "effective_from")],
        );
        // A span recalled by a commemoration.
        for text in [
            "Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng (03/02/1930 - 03/02/2025).",
            "Tổ chức các hoạt động kỷ niệm 80 năm Cách mạng Tháng Tám (1945 - 2025).",
        ] {
            check(text, false, &[]);
        }
        // Beside them, the task's own time still counts.
        check(
            "Tuyên truyền Luật Đất đai năm 2024 (được sửa đổi, bổ sung năm 2025), hoàn thành trong tháng 6/2026.",
            false,
            &[("hoàn thành trong tháng 6/2026", "month")],
        );
        check(
            "Phổ biến Luật Đất đai năm 2024 trong năm 2026.",
            false,
            &[("trong năm 2026", "year")],
        );
        check(
            "Bổ sung quy chế làm việc (bổ sung trong quý II/2026).",
            false,
            &[("(bổ sung trong quý II/2026)", "quarter")],
        );
        check(
            "Sửa đổi quy chế (hoàn thành trong năm 2026).",
            false,
            &[("(hoàn thành trong năm 2026)", "year")],
        );
        check(
            "Sở Nội vụ tham mưu sửa đổi quy định, thực hiện từ ngày 01/01/2026.",
            false,
            &[("từ ngày 01/01/2026", "effective_from")],
        );
        check(
            "Triển khai thực hiện giai đoạn 2026 - 2030 (2026 - 2030).",
            false,
            &[("(2026 - 2030)", "range")],
        );
    }

    #[test]
    fn a_date_left_blank_is_no_deadline() {
        // The day and month left to be filled in: a document's date.
        for text in [
            "Sở Tư pháp rà soát (Kèm theo Kế hoạch số: /KH-UBND ngày   tháng   năm 2026 của UBND tỉnh).",
            "Các đơn vị báo cáo (theo mẫu ban hành ngày ... tháng ... năm 2026).",
            "Gửi kèm Quyết định (số    /QĐ-UBND ngày …/…/2026, ngày __ tháng __ năm 2026).",
        ] {
            check(text, false, &[]);
        }
        assert!(slot_values("ngày    tháng    năm 2026", Date::new(2025, 11, 20)).is_empty());
        // A day or a month written, or a year alone, still says when.
        check(
            "Sở Y tế tổng hợp (hoàn thành ngày 15 tháng 3 năm 2026).",
            false,
            &[("(hoàn thành ngày 15 tháng 3 năm 2026)", "by_date")],
        );
        check(
            "Sở Y tế tổng hợp (trong tháng 3 năm 2026).",
            false,
            &[("(trong tháng 3 năm 2026)", "month")],
        );
        check(
            "Sở Y tế tổng hợp (hoàn thành trong năm 2026).",
            false,
            &[("(hoàn thành trong năm 2026)", "year")],
        );
        for before in [
            "ngày tháng năm ",
            "ngày ... tháng ... năm ",
            "ngày__tháng__năm ",
        ] {
            assert!(blank_day_and_month(before), "{before}");
        }
        for before in [
            "ngày 5 tháng năm ",
            "tháng năm ",
            "trong năm ",
            "ngày tháng 3 năm ",
        ] {
            assert!(!blank_day_and_month(before), "{before}");
        }
    }

    #[test]
    fn a_year_that_names_a_plan_budget_or_result_is_no_deadline() {
        // The year says which allocation, estimate, result, report or
        // school year is meant.
        for text in [
            "Đẩy mạnh giải ngân (phấn đấu giải ngân đạt 100% kế hoạch vốn đầu tư công năm 2025).",
            "Sở Tài chính tham mưu bố trí kinh phí (trong dự toán ngân sách nhà nước năm 2026).",
            "Tổng hợp số liệu (theo kết quả thực hiện năm 2024).",
            "Các đơn vị gửi số liệu (phục vụ báo cáo tổng kết năm 2025).",
            "Rà soát cơ sở vật chất trường học (năm học 2025 - 2026).",
            "Thanh toán khối lượng hoàn thành (nguồn vốn năm 2025 chuyển sang).",
            "Giao chỉ tiêu (theo chỉ tiêu kế hoạch năm 2026 được giao).",
            "Tuyên truyền các quy định mới (theo Luật Đất đai năm 2024).",
        ] {
            check(text, false, &[]);
        }
        // In a time slot's value likewise.
        for value in [
            "Sau khi được giao kế hoạch vốn năm 2026",
            "Theo dự toán ngân sách năm 2026 được phê duyệt",
        ] {
            assert!(
                slot_values(value, Date::new(2025, 11, 20)).is_empty(),
                "{value}"
            );
        }
        // Beside the same nouns, a time set for the task still counts.
        check(
            "Sở Kế hoạch và Đầu tư hoàn thành kế hoạch vốn năm 2025 trong tháng 6/2026.",
            false,
            &[("trong tháng 6/2026", "month")],
        );
        check(
            "Điều chỉnh kế hoạch vốn năm 2025 (hoàn thành trong tháng 6/2026).",
            false,
            &[("(hoàn thành trong tháng 6/2026)", "month")],
        );
        check(
            "Xây dựng dự toán ngân sách (hoàn thành trong năm 2026).",
            false,
            &[("(hoàn thành trong năm 2026)", "year")],
        );
        check(
            "Lập báo cáo tổng kết (trước năm 2026).",
            false,
            &[("(trước năm 2026)", "year")],
        );
        check(
            "Tổng hợp kết quả thực hiện năm 2024 (năm 2025 hoàn thành).",
            false,
            &[("(năm 2025 hoàn thành)", "year")],
        );
        check(
            "Giải ngân hết nguồn vốn năm 2024 chuyển sang trong năm 2025.",
            false,
            &[("trong năm 2025", "year")],
        );
        check(
            "Tạm ứng dự toán ngân sách năm 2026 trong tháng 12/2025.",
            false,
            &[("trong tháng 12/2025", "month")],
        );
        for (value, y) in [
            ("Năm 2025", 2025),
            ("Hoàn thành năm 2026", 2026),
            ("Hoàn thành báo cáo trong năm 2026", 2026),
        ] {
            let got = slot_values(value, Date::new(2025, 11, 20));
            assert_eq!(got.len(), 1, "{value}");
            assert_eq!(
                (got[0].1.kind, got[0].1.end.map(|e| e.y)),
                (Kind::Year, Some(y))
            );
        }
    }

    #[test]
    fn a_document_named_earlier_in_the_clause_leaves_its_time() {
        // A plan, programme or decision named in the clause, and a time
        // set for the task after it: the year is the task's (§9).
        for (text, phrase, kind) in [
            (
                "Phân bổ kế hoạch vốn năm 2026 trong năm 2025.",
                "trong năm 2025",
                "year",
            ),
            (
                "Triển khai Chương trình hành động, hoàn thành trong năm 2026.",
                "hoàn thành trong năm 2026",
                "year",
            ),
            (
                "Sở Tư pháp tham mưu Quyết định, trình trước năm 2026.",
                "trước năm 2026",
                "year",
            ),
            (
                "Xây dựng Đề án phát triển du lịch trong năm 2026.",
                "trong năm 2026",
                "year",
            ),
            (
                "Ban hành Kế hoạch thực hiện Chỉ thị số 11-CT/TU, xong trong năm 2026.",
                "xong trong năm 2026",
                "year",
            ),
            (
                "Sơ kết Nghị quyết, hoàn thành trước năm 2027.",
                "hoàn thành trước năm 2027",
                "year",
            ),
            (
                "Triển khai Đề án, đến năm 2030 hoàn thành việc sắp xếp.",
                "đến năm 2030",
                "horizon",
            ),
            (
                "Xây dựng phương hướng, nhiệm vụ năm 2027, hoàn thành trước ngày 15/12/2026.",
                "hoàn thành trước ngày 15/12/2026",
                "by_date",
            ),
        ] {
            check(text, false, &[(phrase, kind)]);
        }
        // The period right after a name is that text's own: its number
        // and year, its programme period, its scope.
        for text in [
            "Thực hiện Kế hoạch số 12/KH-UBND năm 2025 của UBND tỉnh.",
            "Thực hiện Chương trình mục tiêu quốc gia giai đoạn 2021 - 2025.",
            "Tuyên truyền Luật Đất đai năm 2024.",
            "Triển khai Chương trình hành động giai đoạn 2021 - 2025, định hướng đến năm 2030.",
            "Thực hiện Quy hoạch tỉnh thời kỳ 2021 - 2030, tầm nhìn đến năm 2050.",
            "Thực hiện Chiến lược phát triển ngành đến năm 2030, tầm nhìn đến năm 2045.",
            "Tổ chức thực hiện Đề án phát triển nguồn nhân lực đến năm 2030.",
            // A comma inside the name does not end it.
            "Nghị quyết về tăng cường sự lãnh đạo của Đảng trong công tác bảo tồn, phát huy giá trị di sản văn hoá đến năm 2030.",
        ] {
            check(text, false, &[]);
        }
        // In a parenthesis, the year set by "trong", not the allocation's.
        check(
            "Sở Tài chính tham mưu (phân bổ kế hoạch vốn năm 2026 trong năm 2025).",
            false,
            &[("trong năm 2025", "year")],
        );
        check(
            "Triển khai (Kế hoạch số 12/KH-UBND năm 2025 của UBND tỉnh).",
            false,
            &[],
        );
    }

    #[test]
    fn a_time_of_day_before_the_day_keeps_the_day() {
        for (text, phrase, kind) in [
            (
                "Các đơn vị gửi báo cáo về Ban Tuyên giáo trước 17h00 ngày 15/4/2026.",
                "trước 17h00 ngày 15/4/2026",
                "by_date",
            ),
            (
                "Thời gian nhận hồ sơ từ ngày 05/3/2026 đến 11 giờ 30, ngày 20/3/2026.",
                "từ ngày 05/3/2026 đến 11 giờ 30, ngày 20/3/2026",
                "range",
            ),
            (
                "Nộp bài dự thi đến 07 giờ 00 ngày 02/4/2026 tại Văn phòng.",
                "đến 07 giờ 00 ngày 02/4/2026",
                "by_date",
            ),
            (
                "Báo cáo kết quả về Thường trực chậm nhất 16 giờ ngày 10/5/2026.",
                "chậm nhất 16 giờ ngày 10/5/2026",
                "by_date",
            ),
            (
                "Gửi danh sách trước 10:00 ngày 12 tháng 5 năm 2026 để tổng hợp.",
                "trước 10:00 ngày 12 tháng 5 năm 2026",
                "by_date",
            ),
        ] {
            check(text, false, &[(phrase, kind)]);
        }
        // Hours of an event, or hours with no day, are no deadline.
        for text in [
            "Hội nghị tổ chức từ 8 giờ đến 17 giờ ngày 20/3/2026 tại Hội trường.",
            "Vào lúc 14 giờ 00 ngày 15/12/2025, Ban Thường vụ đã họp.",
            "Duy trì chế độ trực 24 giờ trong dịp Tết.",
            "Hoàn thành trước 17 giờ hằng ngày.",
        ] {
            check(text, false, &[]);
        }
    }

    /// A period written without its year is the document's year's when it
    /// is not over by the document's date (20/11/2025 here); one that is
    /// over was done, or is next year's, and the sentence does not say.
    #[test]
    fn periods_without_their_year() {
        for (text, expected) in [
            (
                "Sở Tư pháp hoàn thành trước ngày 15/12.",
                &[("hoàn thành trước ngày 15/12", "by_date")][..],
            ),
            (
                "Văn phòng báo cáo kết quả trước ngày 20 tháng 12;",
                &[("trước ngày 20 tháng 12", "by_date")],
            ),
            (
                "Các chi bộ tổ chức sinh hoạt chuyên đề trong tháng 12.",
                &[("trong tháng 12", "month")],
            ),
            (
                "Tổ chức hội nghị sơ kết trong quý IV.",
                &[("trong quý IV", "quarter")],
            ),
            (
                "Trình Ban Thường vụ trong Quí IV.",
                &[("trong Quí IV", "quarter")],
            ),
            // Over by the document's date: said, not read.
            ("Trong tháng 6, đã tổ chức 12 hội nghị.", &[]),
            ("Hoàn thành trước ngày 30/6.", &[]),
            ("Tổ chức trong quý II.", &[]),
            // A year after it, or a span, is read whole.
            (
                "Hoàn thành trong tháng 12 năm 2025.",
                &[("Hoàn thành trong tháng 12 năm 2025", "month")],
            ),
            (
                "Xong trước ngày 15/12/2025.",
                &[("Xong trước ngày 15/12/2025", "by_date")],
            ),
            // The day of a yearly duty, no year's.
            (
                "Định kỳ báo cáo kết quả hằng năm (trước ngày 15 tháng 12) hoặc theo yêu cầu.",
                &[("Định kỳ báo cáo kết quả hằng năm", "recurring")],
            ),
            // Counts and the month of a day are no periods.
            ("Tổ chức 3 hội nghị trong tháng.", &[]),
        ] {
            check(text, false, expected);
        }
    }

    /// The coming year's targets and tasks, to reach, are work of that
    /// year (the document's date 20/11/2025); a report of them, a plan
    /// named, work done or a past year are not.
    #[test]
    fn the_coming_years_targets() {
        for (text, expected) in [
            (
                "Góp phần hoàn thành tốt nhất mục tiêu, chỉ tiêu, nhiệm vụ năm 2026.",
                &[("năm 2026", "year")][..],
            ),
            (
                "Bảo đảm mục tiêu tăng trưởng kinh tế trên 10% năm 2026.",
                &[("năm 2026", "year")],
            ),
            (
                "Phấn đấu thực hiện thắng lợi nhiệm vụ năm 2025.",
                &[("năm 2025", "year")],
            ),
            (
                "Đảng bộ đã lãnh đạo hoàn thành các chỉ tiêu, nhiệm vụ năm 2025.",
                &[],
            ),
            ("Báo cáo kết quả thực hiện nhiệm vụ năm 2025.", &[]),
            (
                "Du lịch lũy kế 10 tháng đầu năm ước đạt 86,7% mục tiêu tăng trưởng năm 2025.",
                &[],
            ),
            ("Thu ngân sách ước thực hiện 95% nhiệm vụ năm 2025.", &[]),
            ("Thực hiện Chương trình công tác, nhiệm vụ năm 2026.", &[]),
            ("Hoàn thành nhiệm vụ năm 2024.", &[]),
            ("Nghị quyết về phương hướng, nhiệm vụ năm 2026.", &[]),
        ] {
            check(text, false, expected);
        }
    }

    /// A weekly duty, with the weekday before it.
    #[test]
    fn weekly_duties() {
        check(
            "Văn phòng tổng hợp, báo cáo Ban Thường vụ vào thứ Sáu hằng tuần.",
            false,
            &[("vào thứ Sáu hằng tuần", "recurring")],
        );
        check(
            "Bộ Nội vụ báo cáo Thủ tướng trước thứ Hai hằng tuần về tiến độ.",
            false,
            &[("trước thứ Hai hằng tuần", "recurring")],
        );
        check(
            "Các ban giao ban hằng tuần.",
            false,
            &[("hằng tuần", "recurring")],
        );
        // "Định kỳ" and the period its clause states are one duty.
        let text = "d) Định kỳ báo cáo Thủ tướng Chính phủ về tiến độ (qua Bộ Nội vụ) vào thứ Sáu hàng tuần theo đề cương; báo cáo tổng thể trước ngày 05/12/2025.";
        let got: Vec<(String, String)> = find(text, Date::new(2025, 11, 20), false)
            .into_iter()
            .map(|f| {
                (
                    text[f.a..f.b].to_string(),
                    f.d.recurrence.map_or("", |r| r.name()).to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("vào thứ Sáu hàng tuần".to_string(), "weekly".to_string()),
                ("trước ngày 05/12/2025".to_string(), String::new()),
            ]
        );
        // A weekly newsletter is a thing that recurs, named.
        check("Phát hành bản tin hằng tuần của Ban.", false, &[]);
    }

    /// Two months named together, or a span of months, to one year.
    #[test]
    fn months_named_together() {
        for (text, phrase) in [
            (
                "Sở Y tế thực hiện trong tháng 3, tháng 4/2026.",
                "trong tháng 3, tháng 4/2026",
            ),
            (
                "Tổ chức trong tháng 3 và 4/2026.",
                "trong tháng 3 và 4/2026",
            ),
            (
                "Triển khai từ tháng 3 đến tháng 5/2026.",
                "từ tháng 3 đến tháng 5/2026",
            ),
            (
                "Hoàn thành trong tháng 3-4/2026.",
                "Hoàn thành trong tháng 3-4/2026",
            ),
        ] {
            check(text, false, &[(phrase, "range")]);
        }
    }

    #[test]
    fn quarters_spelt_qui_or_joined_to_their_year_by_a_dash() {
        for (text, phrase) in [
            (
                "Tổng hợp kết quả (hoàn thành trong Quí III-2026).",
                "(hoàn thành trong Quí III-2026)",
            ),
            (
                "Xây dựng đề án, trình Ban Thường vụ trong Quí I - 2027.",
                "trong Quí I - 2027",
            ),
            (
                "Sơ kết việc thực hiện trong QUÍ II/2026.",
                "trong QUÍ II/2026",
            ),
            (
                "Hoàn thiện dự thảo, hoàn thành trong quý IV – 2026.",
                "hoàn thành trong quý IV – 2026",
            ),
        ] {
            check(text, false, &[(phrase, "quarter")]);
        }
        check("Kính gửi quý vị đại biểu năm 2026 tham dự.", false, &[]);
    }

    #[test]
    fn slots_and_parentheses() {
        check(
            "Rà soát quy chế. Thời gian thực hiện: Thường xuyên; hoàn thành trước ngày 31/12/2026.",
            false,
            &[
                (
                    "Thời gian thực hiện: Thường xuyên; hoàn thành trước ngày 31/12/2026.",
                    "ongoing",
                ),
                ("hoàn thành trước ngày 31/12/2026.", "by_date"),
            ],
        );
        check(
            "Sửa đổi quy chế (*hoàn thành trong quý III năm 2026*).",
            false,
            &[("(*hoàn thành trong quý III năm 2026*)", "quarter")],
        );
    }
}
