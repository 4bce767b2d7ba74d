//! Who a text makes responsible (CONVENTIONS.md §6): the words bodies' names
//! start with, a body heading ("4. Ban Tổ chức Trung ương"), the subject of
//! a task sentence cut at its first role verb ("Ban Tuyên giáo Trung ương
//! chủ trì, …"), partners ("phối hợp với …"), and those a closing sentence
//! addresses. Names are kept as written.

use crate::text::{list_items, name_key};
use std::sync::LazyLock;

/// Words a body's name starts with, as whole words. Compared through
/// `name_key`, so each is written once ("ủy" also matches "uỷ", "ỦY").
const BODY_WORDS: &[&str] = &[
    "ban",
    "bộ",
    "đảng ủy",
    "đảng đoàn",
    "đảng bộ",
    "ủy ban",
    "văn phòng",
    "hội đồng",
    "cấp ủy",
    "chi bộ",
    "chi ủy",
    "đoàn",
    "tỉnh ủy",
    "thành ủy",
    "huyện ủy",
    "công đoàn",
    "mặt trận",
    "hội",
    "cơ quan",
    "sở",
    "báo",
    "đài",
    "trung tâm",
    "trường",
    "học viện",
    "thông tấn",
    "chính phủ",
    "quốc hội",
    "ngành",
    "người đứng đầu",
    "thủ trưởng",
    // State bodies and mass organisations named by their own heads.
    "công an",
    "liên đoàn",
    "liên hiệp",
    "tỉnh đoàn",
    "thành đoàn",
    "huyện đoàn",
    "viện",
    "cục",
    "chi cục",
    "tổng cục",
    "kho bạc",
    "ngân hàng",
    "bảo hiểm xã hội",
    "tòa án",
    "công ty",
    "tổng công ty",
    // Their abbreviations (CONVENTIONS §6: "UBND tỉnh", "Ủy ban MTTQ").
    "ubnd",
    "hđnd",
    "mttq",
];

/// Words that end a body's name: its role or first act (CONVENTIONS.md §6).
/// The first [`ASSIGNING`] give the body a share of the work.
const ROLE_WORDS: &[&str] = &[
    " chủ trì",
    " phối hợp",
    " tham mưu",
    " có trách nhiệm",
    " chịu trách nhiệm",
    " hướng dẫn",
    " theo dõi",
    " triển khai",
    " lãnh đạo",
    " chỉ đạo",
    " tổ chức ",
    " ban hành",
    " kịp thời",
    " tăng cường",
    " thực hiện",
    " xây dựng",
    " tiếp tục",
    " nghiên cứu",
    " quán triệt",
    " căn cứ",
    " tập trung",
    " thường xuyên",
    " rà soát",
    " đôn đốc",
    " báo cáo",
    " định kỳ",
    " bám sát",
    " phát huy",
    " tổng kết",
    " sơ kết",
    " chú trọng",
    " cần ",
    " quan tâm",
    " đẩy mạnh",
    " nâng cao",
    " chủ động",
    " tích cực",
    " cụ thể",
    " được phân công",
    " tiến hành",
    " nắm",
    " trình ",
    // First acts no body's name holds (a capital starts "Đại học Mở").
    " mở ",
    " phát động",
    " phát hành",
    " phát sóng",
    " đăng tải",
    " biên tập",
    " duy trì",
    " cập nhật",
    " lựa chọn",
    " thành lập",
    " công bố",
    " tiếp nhận",
    " khảo sát",
    " soạn thảo",
    " hoàn thiện",
    " tuyển chọn",
    // Acts a body is given in a task sentence ("Ban Tuyên giáo Tỉnh ủy
    // tổng hợp, báo cáo …"); as part of a name they follow its bare head
    // ("Ủy ban kiểm tra", "Tổ tổng hợp"), which `first_role` skips.
    " tổng hợp",
    " kiểm tra",
    " giám sát",
    " đề xuất",
    " phổ biến",
    " tuyên truyền",
    " chuẩn bị",
    " biên soạn",
    " cung cấp",
    " bảo đảm",
    " đảm bảo",
    " hỗ trợ",
    " vận động",
    " hoàn thành",
    " gửi ",
    " bố trí",
    " kiện toàn",
    " thẩm định",
    " xem xét",
    " giải quyết",
    " khẩn trương",
    " đánh giá",
    " tham gia",
    " phân công",
    // The state's qualifier of a body's share also ends its name: see
    // REMIT, which `first_role` tries with these.
    ":",
];

/// The heads of bodies' names whose next word may be one of [`FIELDS`]
/// ("Ủy ban kiểm tra", "Ban chỉ đạo", "Tổ tổng hợp", "Hội đồng thẩm
/// định"): a name never ends at its bare head, so no act is read there.
const HEADS: &[&str] = &[
    "ban",
    "ủy ban",
    "tiểu ban",
    "hội đồng",
    "tổ",
    "đoàn",
    "trung tâm",
    "phòng",
    "bộ phận",
];

/// The acts that may also be a body's field after its head.
const FIELDS: &[&str] = &[
    " chỉ đạo",
    " kiểm tra",
    " giám sát",
    " tổng hợp",
    " thẩm định",
    " tuyên truyền",
    " vận động",
    " đánh giá",
    " hỗ trợ",
    " biên soạn",
];

/// What may follow "Các" in a group of bodies ("Các tỉnh ủy, thành ủy").
const GROUP_WORDS: &[&str] = &[
    "đồng chí",
    "đơn vị",
    "tổ chức",
    "cấp",
    "ban",
    "chi bộ",
    "đảng",
    "tỉnh",
    "thành",
    "huyện",
    "cơ quan",
    "sở",
    "ngành",
    "địa phương",
    "bộ",
    "ủy ban",
    "hội",
    "báo",
    "đài",
];

static HEAD_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| HEADS.iter().map(|w| name_key(w)).collect());
static BODY_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| BODY_WORDS.iter().map(|w| name_key(w)).collect());
static GROUP_KEYS: LazyLock<Vec<String>> =
    LazyLock::new(|| GROUP_WORDS.iter().map(|w| name_key(w)).collect());

pub fn lower_starts_with_body(s: &str) -> bool {
    // Text is NFC already (load): lower case and canonical tones suffice.
    // The longest body word ("người đứng đầu", "các địa phương") is under
    // 24 bytes: the first 40 decide.
    let l = crate::text::canon_tone(&crate::text::lower(&s[..s.floor_char_boundary(40)]));
    // Words that start as a body's head does but name an event, an act or
    // a thing: "Hội nghị …", "Trường hợp …", "Ban hành …", "Bộ máy …".
    const NOT_BODIES: &[&str] = &[
        "báo cáo",
        "hội nghị",
        "hội thảo",
        "hội thi",
        "hội diễn",
        "hội chợ",
        "hội trại",
        "trường hợp",
        "ban hành",
        "bộ máy",
        "bộ luật",
        "bộ tiêu chí",
        "bộ công cụ",
        "đoàn kết",
    ];
    // `w` starts `l` as a whole word.
    let word = |w: &str| {
        l.strip_prefix(w)
            .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    };
    if NOT_BODIES.iter().any(|w| word(w)) {
        return false;
    }
    if let Some(rest) = l.strip_prefix("các ") {
        return GROUP_KEYS.iter().any(|w| rest.starts_with(w.as_str()));
    }
    BODY_KEYS.iter().any(|w| word(w))
}

/// Where the first role word of `s` starts ("tổ chức đảng" and "tổ chức
/// chính trị - xã hội" are bodies, not the act "tổ chức").
pub fn first_role(s: &str) -> Option<usize> {
    // Every role word starts with a space, but ":": one pass over the
    // spaces and colons, the first that starts a role word wins.
    let b = s.as_bytes();
    for at in (0..b.len()).filter(|&i| b[i] == b' ' || b[i] == b':') {
        if b[at] == b':' {
            return Some(at);
        }
        // The byte after the space picks the words to compare.
        let Some(&next) = b.get(at + 1) else {
            continue;
        };
        let rest = &s[at..];
        for w in ROLE_WORDS
            .iter()
            .chain(&REMIT)
            .filter(|w| w.len() > 1 && w.as_bytes()[1] == next)
        {
            if rest.starts_with(w) {
                // "Ủy ban kiểm tra …", "Ban chỉ đạo …": the word names the
                // body's field, right after its bare head.
                if FIELDS.contains(w) && is_bare_head(&s[..at]) {
                    continue;
                }
                if *w == " tổ chức "
                    && rest
                        .strip_prefix(w)
                        .is_some_and(|r| r.starts_with(['đ', 'c']))
                {
                    continue;
                }
                // "cơ quan tham mưu, giúp việc": a kind of body, not the act.
                if *w == " tham mưu"
                    && rest
                        .strip_prefix(w)
                        .is_some_and(|r| r.trim_start_matches([',', ' ']).starts_with("giúp việc"))
                {
                    continue;
                }
                // "trình" is an act ("… Đảng uỷ trình trong Quý IV"), but
                // part of a noun in "Chương trình", "công trình", "quy trình".
                if *w == " trình "
                    && s[..at].rsplit(' ').next().is_some_and(|p| {
                        ["chương", "công", "quy", "lộ", "tiến", "hành", "giáo", "lập"]
                            .contains(&crate::text::lower(p).as_str())
                    })
                {
                    continue;
                }
                return Some(at);
            }
        }
    }
    None
}

/// Whether `s` is only the head of a body's name ("Ban", "Ủy ban", "- Tổ"),
/// after a list number or bullet.
fn is_bare_head(s: &str) -> bool {
    let t = s.trim_end();
    // The longest head ("trung tâm") is eleven bytes; with a bullet or
    // number under twenty-five.
    if t.len() > 25 {
        return false;
    }
    let t = after_number(t).unwrap_or_else(|| strip_bullet(t));
    let k = name_key(t);
    HEAD_KEYS.contains(&k)
}

/// Whether a name stands for a class of bodies, not one: "Các cấp ủy",
/// "các chi bộ", "Các sở, ban, ngành", "Những đơn vị …" — a plural that no
/// registry needs to list (a registered group matches before this is asked).
pub fn is_class(name: &str) -> bool {
    let l = crate::text::lower(&name[..name.floor_char_boundary(24)]);
    ["các ", "những ", "tất cả ", "mọi "]
        .iter()
        .any(|p| l.trim_start().starts_with(p))
}

/// The role words that give a body its share of the work: the first words
/// of [`ROLE_WORDS`].
const ASSIGNING: usize = 5;

/// Whether a line gives its subject a share of the work: its first role
/// word is one of assignment ("Đảng uỷ UBND xã chủ trì, phối hợp …",
/// "Văn phòng phối hợp tham mưu …"), not one of the acts a body is said to
/// have done or is asked to do in prose ("… ban hành", "… yêu cầu"); or a
/// colon opens its share ("+ Sở Xây dựng: hướng dẫn …").
pub fn assigns(s: &str) -> bool {
    first_role(s).is_some_and(|at| {
        let rest = &s[at..];
        rest.starts_with(':')
            || ROLE_WORDS[..ASSIGNING].iter().any(|w| rest.starts_with(w))
            // "Bộ Nội vụ theo chức năng nhiệm vụ được giao …": the body's
            // remit names its share.
            || REMIT.iter().any(|w| rest.starts_with(w))
    })
}

/// The words of a body's remit that follow its name in the state's
/// assignments ("Bộ Nội vụ theo chức năng nhiệm vụ được giao khẩn trương
/// …", "Các sở trong phạm vi chức năng, nhiệm vụ của mình …"), also
/// opening the paragraph under a body's heading line: role words too.
const REMIT: [&str; 4] = [
    " theo chức năng",
    " trong phạm vi chức năng",
    " Theo chức năng",
    " Trong phạm vi chức năng",
];

/// "4. Ban Tổ chức Trung ương" → the text after the list number, if any.
pub fn after_number(s: &str) -> Option<&str> {
    let digits = s.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = &s[digits..];
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix("- "))
        .or_else(|| rest.strip_prefix(") "))?;
    Some(rest.trim())
}

pub fn strip_bullet(s: &str) -> &str {
    let t = s.trim_start_matches(['\\', ' ']);
    for b in ["- ", "+ ", "* ", "• ", "– "] {
        if let Some(r) = t.strip_prefix(b) {
            return r.trim_start();
        }
    }
    // "a) …"
    let mut cs = t.char_indices();
    if let (Some((_, c)), Some((_, ')'))) = (cs.next(), cs.next())
        && c.is_lowercase()
    {
        return t[c.len_utf8() + 1..].trim_start();
    }
    t
}

/// A Roman-numbered section heading ("IV- TỔ CHỨC THỰC HIỆN"): its title.
pub fn roman_heading(s: &str) -> Option<&str> {
    let end = s.find(|c: char| !matches!(c, 'I' | 'V' | 'X'))?;
    if end == 0 {
        return None;
    }
    let rest = s[end..].trim_start_matches(['.', '-', '–', '/']);
    (rest.len() < s[end..].len() && rest.starts_with(' ')).then(|| rest.trim())
}

/// The body a short line names on its own: "4. Ban Tổ chức Trung ương",
/// "* Đảng ủy TTXVN:".
pub fn body_heading(s: &str) -> Option<String> {
    let t = after_number(s).unwrap_or_else(|| strip_bullet(s)).trim();
    // "4. Đối với cấp ủy cơ sở … (Sở Thông tin và Truyền thông; …)"
    if let Some(rest) = t.strip_prefix("Đối với ") {
        let name = rest[..rest.find(['(', ':']).unwrap_or(rest.len())].trim();
        return (lower_starts_with_body(name) && name.split_whitespace().count() <= 15)
            .then(|| name.to_string());
    }
    if t.ends_with(['.', ';', ',']) || t.contains('(') {
        return None;
    }
    let t = t.trim_end_matches([':', ' ']);
    if t.is_empty() || !lower_starts_with_body(t) || t.split_whitespace().count() > 30 {
        return None;
    }
    // A heading has no act in it (not even one of a body too generic to
    // be a subject: "Các cơ quan tham mưu, … trình trong Quý IV").
    first_role(&format!("{t} "))
        .is_none()
        .then(|| t.to_string())
}

/// The subject of a task sentence: "Ban Tuyên giáo Trung ương chủ trì, …",
/// also after an opening "Căn cứ …, " clause.
pub fn subject(s: &str) -> Option<String> {
    let l = crate::text::lower(&s[..s.floor_char_boundary(40)]);
    // "Giao Sở Y tế chủ trì …", "Đề nghị Ủy ban MTTQ tỉnh tổ chức …": the
    // body given the work follows the verb that gives it.
    for verb in ["giao cho ", "giao ", "đề nghị ", "yêu cầu ", "phân công "] {
        if l.starts_with(verb) {
            let rest = &s[verb.len()..];
            if lower_starts_with_body(rest) {
                return subject_here(rest, true);
            }
        }
    }
    if l.starts_with("căn cứ ") || l.starts_with("trên cơ sở ") {
        let s = &s[..s.find(". ").unwrap_or(s.len())];
        let mut from = 0;
        while let Some(p) = s[from..].find(", ") {
            let at = from + p + 2;
            if lower_starts_with_body(&s[at..]) {
                return subject_here(&s[at..], false);
            }
            from = at;
        }
        return None;
    }
    subject_here(s, true)
}

pub fn subject_here(s: &str, capital: bool) -> Option<String> {
    if (capital && !s.starts_with(char::is_uppercase)) || !lower_starts_with_body(s) {
        return None;
    }
    let cut = first_role(s)?;
    // A subject runs into its act; a clause ended before the act ("MTTQ
    // Việt Nam trong công tác bầu cử; tiếp nhận …", a sentence's tail
    // read on after a page break) had no subject.
    if s[..cut].trim_end().ends_with(';') {
        return None;
    }
    let name = s[..cut].trim().trim_end_matches(',');
    let words = name.split_whitespace().count();
    // "Cơ quan chủ trì: …" is a label, not a body named "Cơ quan".
    ((2..=45).contains(&words) && !is_generic(name)).then(|| name.to_string())
}

/// A word for any body ("Cơ quan", "Đơn vị"), not the name of one.
pub fn is_generic(name: &str) -> bool {
    const GENERIC: &[&str] = &[
        "cơ quan",
        "đơn vị",
        "cơ quan, đơn vị",
        "các cơ quan",
        "các đơn vị",
    ];
    // The longest ("cơ quan, đơn vị") is four words.
    if name.split_whitespace().nth(4).is_some() {
        return false;
    }
    let k = name_key(name);
    GENERIC.contains(&k.as_str())
}

/// Those a closing sentence asks to act: "yêu cầu X triển khai …" → X.
pub fn addressed(s: &str) -> Option<Vec<String>> {
    if !crate::text::lower(&s[..s.floor_char_boundary(40)]).starts_with("trên đây là") {
        return None;
    }
    let p = s.find(" yêu cầu ")? + " yêu cầu ".len();
    let rest = &s[p..];
    let end = first_role(rest).unwrap_or(rest.len());
    let name = rest[..end].trim().trim_end_matches(',');
    (!name.is_empty()).then(|| vec![name.to_string()])
}

/// Splits "Bộ Chính trị, Ban Bí thư" into bodies when every part is one;
/// else at its commas when each part names a body, capitalised or a group
/// ("Văn phòng Đảng uỷ, Đảng uỷ UBND xã, các cơ quan tham mưu giúp việc
/// Đảng uỷ"), a name joined by "và" staying whole ("Uỷ ban MTTQ và các tổ
/// chức chính trị - xã hội").
pub fn split_bodies(name: &str) -> Vec<String> {
    let all_bodies = |parts: &[&str], group_ok: bool| {
        parts.len() > 1
            && parts.iter().all(|p| {
                (p.starts_with(char::is_uppercase) || (group_ok && p.starts_with("các ")))
                    && lower_starts_with_body(p)
            })
    };
    let parts: Vec<&str> = list_items(name).collect();
    if all_bodies(&parts, false) {
        return parts.into_iter().map(str::to_string).collect();
    }
    let parts: Vec<&str> = name
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if all_bodies(&parts, true) {
        return parts.into_iter().map(str::to_string).collect();
    }
    vec![name.to_string()]
}

/// "phối hợp với Ban Tổ chức, Văn phòng … tham mưu" → the partners.
pub fn coordinating(s: &str) -> Vec<String> {
    let Some(p) = s.find("phối hợp với ") else {
        return Vec::new();
    };
    let rest = &s[p + "phối hợp với ".len()..];
    let mut end = rest.find([';', '(', '.']).unwrap_or(rest.len());
    if let Some(q) = first_role(&rest[..end]) {
        end = q;
    }
    let list = rest[..end].trim().trim_end_matches(',');
    list_items(list)
        .filter(|p| p.split_whitespace().count() <= 20)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_bodies_are_not_one_body() {
        for (name, class) in [
            ("Các cấp ủy", true),
            ("các chi bộ", true),
            ("Các sở, ban, ngành", true),
            ("Các huyện ủy, thị ủy, thành ủy", true),
            ("Các cơ quan, đơn vị", true),
            ("Những đơn vị được giao nhiệm vụ", true),
            ("Tất cả chi bộ trực thuộc", true),
            // One body, though a plural is inside its name.
            ("Đảng ủy Khối các cơ quan tỉnh", false),
            ("Ban Thường vụ các huyện ủy", false),
            ("Cấp ủy, tổ chức đảng", false),
            ("Cácbon", false),
        ] {
            assert_eq!(is_class(name), class, "{name}");
        }
    }

    #[test]
    fn a_name_ends_before_its_remit() {
        for (s, want) in [
            (
                "Bộ Nội vụ theo chức năng nhiệm vụ được giao khẩn trương nghiên cứu.",
                Some("Bộ Nội vụ"),
            ),
            (
                "Các Bộ, cơ quan liên quan theo chức năng, nhiệm vụ được giao nghiên cứu kỹ kiến nghị.",
                Some("Các Bộ, cơ quan liên quan"),
            ),
            (
                "Sở Tư pháp trong phạm vi chức năng, nhiệm vụ của mình hướng dẫn.",
                Some("Sở Tư pháp"),
            ),
            // A remit named inside a body's own name is no cut.
            (
                "Ban Tổ chức Tỉnh ủy chủ trì, theo chức năng được giao.",
                Some("Ban Tổ chức Tỉnh ủy"),
            ),
        ] {
            assert_eq!(subject(s).as_deref(), want, "{s}");
        }
        assert!(assigns(
            "Bộ Nội vụ theo chức năng nhiệm vụ được giao khẩn trương nghiên cứu."
        ));
        assert!(!assigns("Bộ Nội vụ ban hành Thông tư số 10/2025/TT-BNV."));
    }

    /// The subject of a task sentence: bodies named by the heads of state
    /// bodies and mass organisations, or by abbreviations; after the verb
    /// that gives the work; cut at a first act.
    #[test]
    fn subjects_of_task_sentences() {
        for (s, want) in [
            (
                "Công an tỉnh chủ trì bảo đảm an ninh.",
                Some("Công an tỉnh"),
            ),
            (
                "Liên đoàn Lao động tỉnh, Tỉnh đoàn, Hội Liên hiệp Phụ nữ tỉnh vận động đoàn viên.",
                Some("Liên đoàn Lao động tỉnh, Tỉnh đoàn, Hội Liên hiệp Phụ nữ tỉnh"),
            ),
            (
                "UBND các huyện, thành phố chỉ đạo các xã.",
                Some("UBND các huyện, thành phố"),
            ),
            (
                "Kho bạc Nhà nước tỉnh phối hợp kiểm soát chi.",
                Some("Kho bạc Nhà nước tỉnh"),
            ),
            (
                "Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính xây dựng đề án.",
                Some("Sở Y tế"),
            ),
            (
                "Đề nghị Ủy ban MTTQ Việt Nam tỉnh tổ chức giám sát.",
                Some("Ủy ban MTTQ Việt Nam tỉnh"),
            ),
            (
                "Báo Lào Cai mở chuyên mục tuyên truyền.",
                Some("Báo Lào Cai"),
            ),
            (
                "Đài Phát thanh - Truyền hình tỉnh phát sóng phóng sự.",
                Some("Đài Phát thanh - Truyền hình tỉnh"),
            ),
            // A clause's tail after a page break: no subject.
            (
                "MTTQ Việt Nam trong công tác bầu cử; tiếp nhận, xử lý đơn thư.",
                None,
            ),
            // Events, cases and acts that start as a body's head does.
            ("Hội nghị lấy ý kiến cử tri tổ chức tại thôn.", None),
            (
                "Trường hợp người ứng cử là người đứng đầu cơ quan thì cơ quan cấp trên tổ chức.",
                None,
            ),
            ("Ban hành kế hoạch thực hiện, báo cáo kết quả.", None),
            // A body's heading line and its paragraph read as one block.
            (
                "Công an tỉnh, các sở, ban, ngành và Ủy ban nhân dân các xã Theo chức năng, nhiệm vụ tổ chức tuyên truyền.",
                Some("Công an tỉnh, các sở, ban, ngành và Ủy ban nhân dân các xã"),
            ),
            // No body after the verb; a word that only starts like a head.
            ("Giao ban định kỳ hằng tháng để đánh giá.", None),
            ("Đề nghị các đồng chí nghiên cứu kỹ.", None),
            ("Cụ thể hóa các nhiệm vụ, tổ chức thực hiện.", None),
            ("Việc tổ chức hội nghị phải bảo đảm tiết kiệm.", None),
        ] {
            assert_eq!(subject(s).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn bare_heads() {
        for (s, head) in [
            ("Ủy ban", true),
            ("- Ban", true),
            ("2. Hội đồng", true),
            ("Uỷ ban", true),
            ("Ban Tuyên giáo", false),
            ("Văn phòng", false),
        ] {
            assert_eq!(is_bare_head(s), head, "{s}");
        }
    }
}
