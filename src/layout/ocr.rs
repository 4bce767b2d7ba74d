//! Letter confusions of OCR, repaired only where the reading is not in
//! doubt. Vietnamese has no "f": a word that begins "fr"/"fh" and is a
//! Vietnamese syllable once the "f" is read as "t" was a "t" ("frong" →
//! "trong", "fháng" → "tháng"); English words such as "from", "free",
//! "front" are not syllables of that shape, or are kept by name.

use super::glue::is_syllable;

/// `text` with OCR's "f" for "t" repaired in the words where it is sure.
pub fn repair(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.bytes().any(|b| b | 0x20 == b'f') {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(super::glue::each_word(text, |out, w| {
        let mut cs = w.chars();
        let first = cs.next();
        let second = cs.next();
        let t_word = match (first, second) {
            (Some('f'), Some('r' | 'h')) => Some(format!("t{}", &w[1..])),
            (Some('F'), Some('r' | 'h')) => Some(format!("T{}", &w[1..])),
            _ => None,
        };
        match t_word {
            Some(t)
                if is_syllable(&t) && !["from", "frame"].contains(&w.to_lowercase().as_str()) =>
            {
                out.push_str(&t)
            }
            _ => out.push_str(w),
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(repair(input), expected, "{input}");
    }

    #[test]
    fn f_read_for_t_is_repaired() {
        for (input, expected) in [
            ("hoàn thành frong Quý 1/2026", "hoàn thành trong Quý 1/2026"),
            ("fháng 01/2026", "tháng 01/2026"),
            ("Frước ngày 15", "Trước ngày 15"),
            ("fhực hiện", "thực hiện"),
        ] {
            check(input, expected);
        }
    }

    #[test]
    fn other_words_stay() {
        for input in [
            "from the office",
            "free",
            "front",
            "fresh",
            "file",
            "Facebook",
            "fanpage",
            "frame",
            "phong",
            "xã Phú",
        ] {
            check(input, input);
        }
    }
}
