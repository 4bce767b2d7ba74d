//! Security marks, circulation limits, urgency and draft marks
//! (CONVENTIONS.md §8): what decides whether a document may be
//! published at all.
//!
//! A mark is read where documents print it: a line of its own ("MẬT",
//! "**TỐI MẬT**", "(Lưu hành nội bộ)"), a cell of a two-column header
//! ("Số 15-NQ/TU      MẬT"), a field ("Độ mật: Mật"), or a footer repeated
//! on every page. A security mark counts anywhere in the text; circulation
//! limits, urgency and "DỰ THẢO" only in the header and the last lines,
//! where they stand as marks and not as words of a sentence.

use super::Lines;
use crate::text::name_key;

/// State-secret levels (Luật Bảo vệ bí mật nhà nước 2018). Never published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, bitcode::Encode, bitcode::Decode)]
pub enum Level {
    Mat,
    ToiMat,
    TuyetMat,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Mat => "MẬT",
            Level::ToiMat => "TỐI MẬT",
            Level::TuyetMat => "TUYỆT MẬT",
        }
    }
}

/// Limits on circulation: published only where `config.toml` allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, bitcode::Encode, bitcode::Decode)]
pub enum Limit {
    /// "Lưu hành nội bộ", "Tài liệu lưu hành nội bộ".
    Internal,
    /// "Tài liệu sinh hoạt chi bộ".
    CellMeeting,
    /// "Không phổ biến trên các phương tiện thông tin đại chúng".
    NoMassMedia,
    /// "Chỉ gửi các đồng chí …", "Không sao chụp": narrower still.
    Restricted,
}

const LIMITS: &[(Limit, &str, &[&str])] = &[
    (
        Limit::Internal,
        "lưu hành nội bộ",
        &["lưu hành nội bộ", "tài liệu lưu hành nội bộ"],
    ),
    (
        Limit::CellMeeting,
        "sinh hoạt chi bộ",
        &["tài liệu sinh hoạt chi bộ"],
    ),
    (
        Limit::NoMassMedia,
        "không phổ biến đại chúng",
        &[
            "không phổ biến trên các phương tiện thông tin đại chúng",
            "không đăng trên các phương tiện thông tin đại chúng",
            "không phổ biến trên phương tiện thông tin đại chúng",
        ],
    ),
    (
        Limit::Restricted,
        "hạn chế",
        &[
            "chỉ gửi",
            "không sao chụp",
            "không được sao chụp",
            "không sao chụp, không phổ biến",
        ],
    ),
];

impl Limit {
    /// The name used in `config.toml` and front matter.
    pub fn name(self) -> &'static str {
        LIMITS
            .iter()
            .find(|(l, _, _)| *l == self)
            .map_or("", |(_, n, _)| n)
    }

    pub fn names() -> Vec<&'static str> {
        LIMITS.iter().map(|(_, n, _)| *n).collect()
    }

    /// A limit by its configuration name (or a phrase that prints it).
    pub fn by_name(s: &str) -> Option<Limit> {
        let k = name_key(s.trim());
        LIMITS
            .iter()
            .find(|(_, n, phrases)| name_key(n) == k || phrases.iter().any(|p| name_key(p) == k))
            .map(|(l, _, _)| *l)
    }

    pub fn label(self) -> &'static str {
        match self {
            Limit::Internal => "Lưu hành nội bộ",
            Limit::CellMeeting => "Tài liệu sinh hoạt chi bộ",
            Limit::NoMassMedia => "Không phổ biến trên các phương tiện thông tin đại chúng",
            Limit::Restricted => "Hạn chế phạm vi (chỉ gửi / không sao chụp)",
        }
    }
}

/// How urgent a document is: shown, never a reason to keep it out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub enum Urgency {
    Khan,
    ThuongKhan,
    HoaToc,
}

impl Urgency {
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Khan => "KHẨN",
            Urgency::ThuongKhan => "THƯỢNG KHẨN",
            Urgency::HoaToc => "HỎA TỐC",
        }
    }
}

/// The marks of one text, each with the 1-based line it was read on.
#[derive(Clone, Debug, Default, PartialEq, bitcode::Encode, bitcode::Decode)]
pub struct Marks {
    pub level: Option<(Level, usize)>,
    pub limits: Vec<(Limit, usize)>,
    pub urgency: Option<(Urgency, usize)>,
    /// "DỰ THẢO", "Dự thảo lần 2".
    pub draft: Option<usize>,
}

/// The cells of a plain line: split where a layout put columns (two or
/// more spaces, a tab, a table bar), each trimmed of the marks that frame a
/// stamp (brackets, asterisks, underscores, dashes).
fn cells(line: &str) -> impl Iterator<Item = &str> {
    line.split(['\t', '|'])
        .flat_map(|c| c.split("  "))
        .map(trim_cell)
        .filter(|c| !c.is_empty())
}

/// A cell without the spaces, brackets and rules around its words.
fn trim_cell(c: &str) -> &str {
    c.trim_matches(|ch: char| ch.is_whitespace() || "()[]{}*_-–—=:.,;\"'“”«»<>#".contains(ch))
}

fn level_of(key: &str) -> Option<Level> {
    // A field: "Độ mật: Mật", "Mức độ mật: Tài liệu tuyệt mật".
    let key = key
        .strip_prefix("mức độ mật")
        .or_else(|| key.strip_prefix("độ mật"))
        .map(|v| v.trim_start().trim_start_matches(':').trim())
        .unwrap_or(key);
    match key {
        "mật" | "tài liệu mật" => Some(Level::Mat),
        "tối mật" | "tài liệu tối mật" => Some(Level::ToiMat),
        "tuyệt mật" | "tài liệu tuyệt mật" => Some(Level::TuyetMat),
        _ => None,
    }
}

fn limit_of(key: &str) -> Option<Limit> {
    LIMITS.iter().find_map(|(l, _, phrases)| {
        phrases
            .iter()
            .any(|&p| {
                key == p
                    || (key.starts_with(p)
                        && (*l == Limit::Restricted || key[p.len()..].starts_with(' ')))
            })
            .then_some(*l)
    })
}

fn urgency_of(key: &str) -> Option<Urgency> {
    match key {
        "khẩn" => Some(Urgency::Khan),
        "thượng khẩn" => Some(Urgency::ThuongKhan),
        "hoả tốc" | "hoả tốc hẹn giờ" => Some(Urgency::HoaToc),
        _ => None,
    }
}

fn is_draft(key: &str) -> bool {
    key == "dự thảo"
        || key
            .strip_prefix("dự thảo lần")
            .is_some_and(|r| r.trim().len() <= 3 && r.trim().chars().all(|c| c.is_alphanumeric()))
}

/// Whether a cell's first word is the first word of a mark, a limit, an
/// urgency or a draft mark (the words the readers above match).
fn may_open_a_mark(cell: &str) -> bool {
    const FIRST: &[&str] = &[
        "mật",
        "tối",
        "tuyệt",
        "tài",
        "độ",
        "mức",
        "khẩn",
        "thượng",
        "hoả",
        "dự",
    ];
    let Some(w) = cell.split_whitespace().next() else {
        return false;
    };
    let w = name_key(w.trim_end_matches(':'));
    FIRST.contains(&w.as_str())
        || LIMITS
            .iter()
            .flat_map(|(_, _, phrases)| phrases.iter())
            .any(|p| p.split(' ').next() == Some(w.as_str()))
}

/// Lines from the top and from the bottom in which limits, urgency and
/// draft marks are read.
const HEAD_LINES: usize = 40;
const TAIL_LINES: usize = 15;

/// Reads the marks of a text.
pub fn read(lines: &Lines) -> Marks {
    let mut m = Marks::default();
    let n = lines.len();
    let mut seen = 0;
    // Out of the frame only a level counts, and each has "mật" (with its
    // dot below, composed or not): a text without one has only its frame
    // to read.
    let t = lines.text();
    let any_level = t.contains('ậ') || t.contains('Ậ') || t.contains('\u{323}');
    for i in 0..n {
        let plain = lines.plain(i);
        if plain.trim().is_empty() {
            continue;
        }
        seen += 1;
        let in_frame = seen <= HEAD_LINES || i + TAIL_LINES >= n;
        if !(in_frame || (any_level && plain.contains(['ậ', 'Ậ', '\u{323}']))) {
            continue;
        }
        // A line of one cell too long to be a mark has nothing to read.
        if plain.len() >= 120
            && !plain.contains(['\t', '|'])
            && !plain.contains("  ")
            && trim_cell(plain).len() >= 120
        {
            continue;
        }
        let alone = cells(plain).nth(1).is_none();
        // A cell is short: a mark is a few words, never a paragraph.
        for cell in cells(plain).filter(|c| c.len() < 120) {
            // Out of the frame only a level counts: its longest form
            // ("mức độ mật: tài liệu tuyệt mật") is a few words, and each
            // has "mật" (with its dot below, composed or not).
            if !in_frame && (cell.len() > 64 || !cell.contains(['ậ', 'Ậ', '\u{323}'])) {
                continue;
            }
            if !may_open_a_mark(cell) {
                continue;
            }
            let key = name_key(cell);
            // A level counts on a line of its own, in capitals (a stamp), or
            // capitalised in the header or footer; not as a word that a
            // justified line happened to space out ("bảo vệ bí  mật").
            let stamped = alone
                || !cell.chars().any(char::is_lowercase)
                || (in_frame && cell.starts_with(char::is_uppercase));
            if let Some(l) = level_of(&key).filter(|_| stamped) {
                if m.level.is_none_or(|(have, _)| l > have) {
                    m.level = Some((l, i + 1));
                }
                continue;
            }
            if !in_frame {
                continue;
            }
            if let Some(l) = limit_of(&key) {
                if !m.limits.iter().any(|(have, _)| *have == l) {
                    m.limits.push((l, i + 1));
                }
            } else if let Some(u) = urgency_of(&key) {
                m.urgency.get_or_insert((u, i + 1));
            } else if is_draft(&key) {
                m.draft.get_or_insert(i + 1);
            }
        }
    }
    m.limits.sort();
    m
}

/// What front matter may say with `security = "…"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Declared {
    Level(Level),
    Limit(Limit),
    /// "công khai": public, whatever the text seems to carry.
    Public,
}

impl Declared {
    pub fn parse(s: &str) -> Option<Declared> {
        let key = name_key(s.trim());
        if key == "công khai" || key == "public" || key == "không" {
            return Some(Declared::Public);
        }
        if let Some(l) = level_of(&key) {
            return Some(Declared::Level(l));
        }
        Limit::by_name(s).map(Declared::Limit)
    }

    pub fn names() -> String {
        let mut v = vec!["mật", "tối mật", "tuyệt mật"];
        v.extend(Limit::names());
        v.push("công khai");
        v.iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, level: Option<Level>, limits: &[Limit], draft: bool) {
        let m = read(&Lines::new(text));
        assert_eq!(m.level.map(|l| l.0), level, "level in {text:?}");
        assert_eq!(
            m.limits.iter().map(|l| l.0).collect::<Vec<_>>(),
            limits,
            "limits in {text:?}"
        );
        assert_eq!(m.draft.is_some(), draft, "draft in {text:?}");
    }

    #[test]
    fn limit_phrases_are_written_as_their_keys() {
        for (_, name, phrases) in LIMITS {
            for p in phrases.iter().chain([name]) {
                assert_eq!(name_key(p), *p, "write {p:?} in lower case, canonical tone");
            }
        }
    }

    #[test]
    fn a_level_in_the_body_of_the_text() {
        let body = "Nội dung.\n".repeat(60);
        let text = format!("KẾ HOẠCH\n\n{body}Mức độ mật: Tài liệu tuyệt mật\n{body}");
        check(&text, Some(Level::TuyetMat), &[], false);
    }

    #[test]
    fn security_levels_wherever_they_are_stamped() {
        use Level::*;
        check("TỈNH ỦY X\nMẬT\nSố 15-NQ/TU", Some(Mat), &[], false);
        check("**TỐI MẬT**\n\nNGHỊ QUYẾT", Some(ToiMat), &[], false);
        check("Số 15-NQ/TU          MẬT", Some(Mat), &[], false);
        check("TỈNH ỦY | TUYỆT MẬT |", Some(TuyetMat), &[], false);
        check("Độ mật: Mật\n", Some(Mat), &[], false);
        check("(MẬT)", Some(Mat), &[], false);
        check("mật", Some(Mat), &[], false);
        // A footer repeated on a late page.
        let long = format!("{}\nTỐI MẬT\n{}", "văn bản\n".repeat(200), "x\n".repeat(50));
        check(&long, Some(ToiMat), &[], false);
        // The highest level wins.
        check("MẬT\nTUYỆT MẬT", Some(TuyetMat), &[], false);
        // Words of sentences are not marks.
        check(
            "Bảo vệ bí mật nhà nước; quan hệ mật thiết với Nhân dân.",
            None,
            &[],
            false,
        );
        check("Mật độ dân số cao", None, &[], false);
        check("Luật Bảo vệ bí mật nhà nước 2018", None, &[], false);
        let justified = format!("{}giữ gìn bí  mật\n", "văn bản\n".repeat(60));
        check(&justified, None, &[], false);
    }

    #[test]
    fn circulation_limits_in_the_header_and_footer() {
        use Limit::*;
        check(
            "ĐẢNG ỦY XÃ\nLưu hành nội bộ\n\nKẾ HOẠCH",
            None,
            &[Internal],
            false,
        );
        check("(Tài liệu sinh hoạt chi bộ)", None, &[CellMeeting], false);
        check(
            "Không phổ biến trên các phương tiện thông tin đại chúng",
            None,
            &[NoMassMedia],
            false,
        );
        check(
            "Chỉ gửi các đồng chí Ủy viên Ban Thường vụ",
            None,
            &[Restricted],
            false,
        );
        check(
            "LƯU HÀNH NỘI BỘ\nKhông sao chụp",
            None,
            &[Internal, Restricted],
            false,
        );
        // In a sentence, not a mark.
        check(
            "Biên soạn tài liệu sinh hoạt chi bộ hằng tháng cho các chi bộ trực thuộc.",
            None,
            &[],
            false,
        );
    }

    #[test]
    fn drafts_and_urgency() {
        check("DỰ THẢO\nKẾ HOẠCH", None, &[], true);
        check("Dự thảo lần 2", None, &[], true);
        check("Dự thảo kế hoạch đã được gửi xin ý kiến.", None, &[], false);
        let m = read(&Lines::new("HỎA TỐC\nSố 1-CV/TU"));
        assert_eq!(m.urgency.map(|u| u.0), Some(Urgency::HoaToc));
    }

    #[test]
    fn declared_values() {
        assert_eq!(Declared::parse("Mật"), Some(Declared::Level(Level::Mat)));
        assert_eq!(
            Declared::parse("lưu hành nội bộ"),
            Some(Declared::Limit(Limit::Internal))
        );
        assert_eq!(Declared::parse("công khai"), Some(Declared::Public));
        assert_eq!(Declared::parse("bí mật"), None);
        assert_eq!(Limit::by_name("sinh hoạt chi bộ"), Some(Limit::CellMeeting));
    }
}
