//! Document kinds (thể loại): the kind words of running text, the title
//! words of headers and the codes of identifiers (CONVENTIONS.md §2).

/// One kind of document: its code in identifiers and its Vietnamese name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kind {
    pub code: &'static str,
    pub name: &'static str,
    /// URL segment for the kind's list page.
    pub slug: &'static str,
}

/// Known kinds, longest names first so that "Chương trình hành động" wins
/// over "Chương trình" when both could match.
pub const KINDS: &[Kind] = &[
    Kind {
        code: "CTr",
        name: "Chương trình hành động",
        slug: "chuong-trinh-hanh-dong",
    },
    Kind {
        code: "KH",
        name: "Kế hoạch",
        slug: "ke-hoach",
    },
    Kind {
        code: "NQLT",
        name: "Nghị quyết liên tịch",
        slug: "nghi-quyet-lien-tich",
    },
    Kind {
        code: "NQ",
        name: "Nghị quyết",
        slug: "nghi-quyet",
    },
    Kind {
        code: "QĐ",
        name: "Quyết định",
        slug: "quyet-dinh",
    },
    Kind {
        code: "QĐi",
        name: "Quy định",
        slug: "quy-dinh",
    },
    Kind {
        code: "CT",
        name: "Chỉ thị",
        slug: "chi-thi",
    },
    Kind {
        code: "KL",
        name: "Kết luận",
        slug: "ket-luan",
    },
    Kind {
        code: "QC",
        name: "Quy chế",
        slug: "quy-che",
    },
    Kind {
        code: "TT",
        name: "Thông tri",
        slug: "thong-tri",
    },
    Kind {
        code: "HD",
        name: "Hướng dẫn",
        slug: "huong-dan",
    },
    Kind {
        code: "TB",
        name: "Thông báo",
        slug: "thong-bao",
    },
    Kind {
        code: "BC",
        name: "Báo cáo",
        slug: "bao-cao",
    },
    Kind {
        code: "ĐA",
        name: "Đề án",
        slug: "de-an",
    },
    Kind {
        code: "CTr",
        name: "Chương trình",
        slug: "chuong-trinh",
    },
    Kind {
        code: "TTr",
        name: "Tờ trình",
        slug: "to-trinh",
    },
    Kind {
        code: "CV",
        name: "Công văn",
        slug: "cong-van",
    },
    // The state's urgent telegram-form directive (NĐ 30/2020 Phụ lục III:
    // "CĐ"), "CÔNG ĐIỆN" over its trích yếu, "217/CĐ-TTg".
    Kind {
        code: "CĐ",
        name: "Công điện",
        slug: "cong-dien",
    },
    Kind {
        code: "BB",
        name: "Biên bản",
        slug: "bien-ban",
    },
    Kind {
        code: "QH",
        name: "Luật",
        slug: "luat",
    },
    Kind {
        code: "NĐ",
        name: "Nghị định",
        slug: "nghi-dinh",
    },
    Kind {
        code: "TTLT",
        name: "Thông tư liên tịch",
        slug: "thong-tu-lien-tich",
    },
    Kind {
        code: "TT",
        name: "Thông tư",
        slug: "thong-tu",
    },
];

/// The kind a document calls itself by the given word ("KẾ HOẠCH",
/// "Quy định"); case-insensitive, whole phrase.
pub fn by_name(word: &str) -> Option<&'static Kind> {
    let key = crate::text::name_key(word);
    KINDS
        .iter()
        .zip(KEYS.iter())
        .find(|(_, k)| **k == key)
        .map(|(k, _)| k)
}

/// The kind a bare code suggests when no kind word is printed. QĐ is
/// ambiguous (Quyết định or Quy định): it reads as Quyết định here and the
/// kind word decides wherever it is printed.
pub fn by_code(code: &str) -> Option<&'static Kind> {
    match code {
        "CTr" => KINDS.iter().find(|k| k.name == "Chương trình hành động"),
        "TT" => KINDS.iter().find(|k| k.name == "Thông tri"),
        _ => KINDS.iter().find(|k| k.code == code),
    }
}

/// The code a document of this kind word carries (Quy định → QĐ in the
/// current convention; QĐi is kept when the identifier says so).
pub fn code_for_name(name: &str) -> Option<&'static str> {
    by_name(name).map(|k| if k.code == "QĐi" { "QĐ" } else { k.code })
}

/// `name_key` of each kind name, in `KINDS` order.
/// The kind names folded ([`crate::text::fold`]), in the order of [`KINDS`].
static FOLDED: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| KINDS.iter().map(|k| crate::text::fold(k.name)).collect());

/// The kind whose name, folded, is `folded` (a name whose marks a scan
/// got wrong).
pub fn by_folded_name(folded: &str) -> Option<&'static Kind> {
    FOLDED.iter().position(|f| f == folded).map(|k| &KINDS[k])
}

static KEYS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    KINDS
        .iter()
        .map(|k| crate::text::name_key(k.name))
        .collect()
});

/// The earliest position in `s` where `sep` is followed by a kind word
/// ("…, Kết luận số …"): where one citation's issuer or topic ends.
pub fn next_kind_word(s: &str, sep: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = s[from..].find(sep) {
        let at = from + p;
        let rest = &s[at + sep.len()..];
        if KINDS.iter().any(|k| rest.starts_with(k.name)) {
            return Some(at);
        }
        from = at + sep.len();
    }
    None
}

/// Finds a kind word ending exactly at the end of `before` (after optional
/// "số" and spaces), for citations: "Quy định số " → Quy định.
/// With the kind, the byte offset in `before` where the kind word starts
/// when it is known (printed exactly as in the table or in capitals, the
/// usual case; other spellings match through `name_key`, without an offset).
pub fn word_before_at(before: &str) -> Option<(&'static Kind, Option<usize>)> {
    let mut t = before.trim_end();
    for tail in ["số:", "số", "Số", "SỐ"] {
        if let Some(s) = t.strip_suffix(tail) {
            t = s.trim_end();
            break;
        }
    }
    let at_word_start = |end: usize| {
        t[..end]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    };
    for (k, upper) in KINDS.iter().zip(UPPER.iter()) {
        for name in [k.name, upper.as_str()] {
            if t.ends_with(name) && at_word_start(t.len() - name.len()) {
                return Some((k, Some(t.len() - name.len())));
            }
        }
    }
    let start = t.char_indices().rev().nth(30).map_or(0, |(i, _)| i);
    let lower = crate::text::name_key(&t[start..]);
    KINDS
        .iter()
        .zip(KEYS.iter())
        .find(|(_, name)| {
            lower.ends_with(name.as_str())
                && lower[..lower.len() - name.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
        .map(|(k, _)| (k, None))
}

static UPPER: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| KINDS.iter().map(|k| k.name.to_uppercase()).collect());

/// Whether `s` starts with a kind word in capitals ("KẾ HOẠCH …"): the
/// heading of a document.
pub fn starts_with_upper_name(s: &str) -> bool {
    UPPER.iter().any(|u| s.starts_with(u.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(before: &str, expected: Option<&str>) {
        assert_eq!(
            word_before_at(before).map(|(k, _)| k.name),
            expected,
            "{before:?}"
        );
    }

    #[test]
    fn kind_word_offsets() {
        for (before, expected) in [
            ("Thực hiện Kế hoạch số ", Some(Some(14))),
            ("Thực hiện KẾ HOẠCH số ", Some(Some(14))),
            ("thực hiện kế hoạch số ", Some(None)),
            ("theo ", None),
        ] {
            assert_eq!(
                word_before_at(before).map(|(_, at)| at),
                expected,
                "{before:?}"
            );
        }
    }

    #[test]
    fn kind_word_before_number() {
        check("Thực hiện Kế hoạch số ", Some("Kế hoạch"));
        check("Quy định số ", Some("Quy định"));
        check("Thông báo Kết luận số ", Some("Kết luận"));
        check("Chương trình hành động số ", Some("Chương trình hành động"));
        check("tinh thần Nghị quyết ", Some("Nghị quyết"));
        check("theo ", None);
        check("QUY ĐỊNH số", Some("Quy định"));
        check("quy định số ", Some("Quy định"));
        check("Uỷ ban số ", None);
        check("Thông tri số ", Some("Thông tri"));
        check("xKế hoạch số ", None);
    }

    #[test]
    fn next_kind_word_cuts_lists() {
        for (s, sep, expected) in [
            (
                "Bộ Chính trị và Kết luận số 21",
                " ",
                Some("Bộ Chính trị và"),
            ),
            (
                "tiếp tục đổi mới, Chương trình hành động số 21",
                ", ",
                Some("tiếp tục đổi mới"),
            ),
            ("tiếp tục đổi mới, cầm quyền", ", ", None),
            ("", " ", None),
        ] {
            assert_eq!(next_kind_word(s, sep).map(|p| &s[..p]), expected, "{s:?}");
        }
    }

    #[test]
    fn titles_by_name() {
        assert_eq!(by_name("KẾ HOẠCH").map(|k| k.code), Some("KH"));
        assert_eq!(
            by_name("CHƯƠNG TRÌNH HÀNH ĐỘNG").map(|k| k.code),
            Some("CTr")
        );
        assert_eq!(by_code("QĐi").map(|k| k.name), Some("Quy định"));
        assert_eq!(by_name("Kế hoạch số"), None);
        assert_eq!(by_name("CÔNG ĐIỆN").map(|k| k.code), Some("CĐ"));
        assert_eq!(by_code("CĐ").map(|k| k.name), Some("Công điện"));
        check("Công điện số ", Some("Công điện"));
        check("Công văn số ", Some("Công văn"));
    }
}
