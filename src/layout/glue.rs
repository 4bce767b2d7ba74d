//! Words glued by a text layer that lost its spaces ("chủtrì", "nhiệm
//! vụnăm", "từđầu"), split back into syllables for reading. A Vietnamese
//! syllable has one vowel nucleus, so a run of letters with two nuclei
//! and a Vietnamese letter in it is two syllables; the consonants between
//! them go to the second syllable as far as they can begin one ("vụnăm" →
//! "vụ năm", "nhiệmvụ" → "nhiệm vụ"). Words of plain ASCII (codes,
//! foreign words, "internet") and runs whose consonants fit no
//! coda-onset split are left alone.

use crate::text::is_letter;
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// Onsets a syllable can begin with (after the glide "qu"/"gi" is read).
const ONSETS: [&str; 28] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh",
    "nh", "p", "ph", "q", "r", "s", "t", "th", "tr", "v", "x",
];
/// Vowel nuclei, marks removed ("ươi" is "uoi").
const NUCLEI: [&str; 42] = [
    "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu", "oa", "oe",
    "oi", "oo", "ua", "ue", "ui", "uo", "uu", "uy", "ieu", "oai", "oao", "oay", "oeo", "uay",
    "uoi", "uou", "uya", "uye", "uyu", "ye", "yeu", "uai", "uao", "uau", "uoa",
];
/// Consonants a syllable can end with.
const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// One letter: its base (lowercase, marks removed) and whether it is a
/// Vietnamese letter beyond ASCII.
fn base(c: char) -> (char, bool) {
    if c.is_ascii() {
        return (c.to_ascii_lowercase(), false);
    }
    if c == 'đ' || c == 'Đ' {
        return ('đ', true);
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    (std::iter::once(lower).nfd().next().unwrap_or(lower), true)
}

/// Which letters of Latin-1 and Latin Extended-A/B are vowels, read once
/// by decomposition.
static LATIN_VOWELS: std::sync::LazyLock<Vec<bool>> = std::sync::LazyLock::new(|| {
    ('\u{0}'..='\u{24f}')
        .map(|c| is_letter(c) && is_vowel(base(c).0))
        .collect()
});

/// Whether a letter is a vowel, without decomposing it: Latin-1 and
/// Latin Extended-A/B from a table, and Latin Extended Additional from
/// U+1EA0 holds only vowels.
fn quick_vowel(c: char) -> bool {
    if c.is_ascii() {
        is_vowel(c.to_ascii_lowercase())
    } else if ('\u{1ea0}'..='\u{1ef9}').contains(&c) {
        true
    } else if let Some(&v) = LATIN_VOWELS.get(c as usize) {
        v
    } else {
        is_vowel(base(c).0)
    }
}

fn is_vowel(b: char) -> bool {
    matches!(b, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Byte offsets in `word` (letters only) where a new syllable begins.
fn splits(word: &str) -> Vec<usize> {
    // Two syllables need four letters, one of them Vietnamese.
    if word.is_ascii() || word.len() < 5 || word.chars().nth(3).is_none() {
        return Vec::new();
    }
    // Most words are one syllable: one run of vowels (a count that may
    // only run high, as glides are read as vowels here).
    let mut runs = 0;
    let mut in_vowel = false;
    for c in word.chars() {
        let v = quick_vowel(c);
        if v && !in_vowel {
            runs += 1;
        }
        in_vowel = v;
    }
    if runs < 2 {
        return Vec::new();
    }
    let letters: Vec<(usize, char, bool)> = word
        .char_indices()
        .map(|(i, c)| {
            let (b, v) = base(c);
            (i, b, v)
        })
        .collect();
    if !letters.iter().any(|l| l.2) || letters.len() < 4 {
        return Vec::new();
    }
    // Vowel flags, with the glides of "qu" and "gi" + vowel read as onset.
    let n = letters.len();
    let mut vowel: Vec<bool> = letters.iter().map(|l| is_vowel(l.1)).collect();
    for k in 1..n {
        let prev = letters[k - 1].1;
        let glide = (prev == 'q' && letters[k].1 == 'u')
            || (prev == 'g' && letters[k].1 == 'i' && k + 1 < n && is_vowel(letters[k + 1].1));
        if glide {
            vowel[k] = false;
        }
    }
    // Nuclei: runs of vowels.
    let mut nuclei: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < n {
        if vowel[k] {
            let a = k;
            while k < n && vowel[k] {
                k += 1;
            }
            nuclei.push((a, k));
        } else {
            k += 1;
        }
    }
    if nuclei.len() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for w in nuclei.windows(2) {
        let (gap_a, gap_b) = (w[0].1, w[1].0);
        let cons: String = letters[gap_a..gap_b].iter().map(|l| l.1).collect();
        let cut = (0..=cons.len()).find(|&c| {
            cons.is_char_boundary(c) && CODAS.contains(&&cons[..c]) && ONSETS.contains(&&cons[c..])
        });
        let Some(c) = cut else {
            // No split fits: not glued syllables (a foreign word).
            return Vec::new();
        };
        let k = gap_a + cons[..c].chars().count();
        out.push(letters[k].0);
    }
    out
}

/// `text` with syllables split before their vowel joined again ("ch ỉ đ ạo
/// th ực hiện" → "chỉ đạo thực hiện": a PDF that switches font inside a
/// word, for the glyphs one font lacks, gets spaces there from its text
/// layer). A word of consonants alone that can begin a syllable, then a
/// word of small letters that begins with a vowel: joined when the two make
/// one syllable.
pub fn rejoin(text: &str) -> Cow<'_, str> {
    let consonants = |w: &str| {
        !w.is_empty() && w.len() <= 4 && w.chars().all(|c| is_letter(c) && !quick_vowel(c))
    };
    // The words are looked at in one pass over the bytes; only the short
    // ones can be a lone onset.
    let b = text.as_bytes();
    let mut start = 0;
    let mut any = false;
    for i in 0..=b.len() {
        if i == b.len() || b[i] == b' ' {
            if i - start <= 4 && consonants(&text[start..i]) {
                any = true;
                break;
            }
            start = i + 1;
        }
    }
    if !any {
        return Cow::Borrowed(text);
    }
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    let mut k = 0;
    while k < words.len() {
        let a = words[k];
        if k > 0 {
            out.push(' ');
        }
        out.push_str(a);
        // An onset is at most three letters ("ngh"; "đ" is two bytes).
        if a.len() <= 4
            && let Some(b) = words.get(k + 1)
        {
            let vowel_next = b
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() && is_vowel(base(c).0));
            // Onsets are ASCII but "đ": compared without lowering first.
            let onset = vowel_next
                && ONSETS.iter().any(|o| {
                    !o.is_empty() && (a.eq_ignore_ascii_case(o) || (*o == "đ" && a == "Đ"))
                })
                && a.chars().skip(1).all(|c| c.is_lowercase());
            let lower = if onset {
                a.to_lowercase()
            } else {
                String::new()
            };
            let word_b: String = b.chars().take_while(|c| c.is_alphabetic()).collect();
            if onset && vowel_next && is_syllable(&format!("{lower}{word_b}")) {
                out.push_str(b);
                k += 2;
                continue;
            }
        }
        k += 1;
    }
    Cow::Owned(out)
}

/// `text` with each run of letters written by `word` (which pushes what
/// the run becomes) and everything between runs copied.
pub(super) fn each_word(text: &str, mut word: impl FnMut(&mut String, &str)) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut run_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_letter(c) {
            run_start.get_or_insert(i);
            continue;
        }
        if let Some(a) = run_start.take() {
            word(&mut out, &text[a..i]);
        }
        out.push(c);
    }
    if let Some(a) = run_start {
        word(&mut out, &text[a..]);
    }
    out
}

/// `text` with the syllables of glued words set apart by spaces.
pub fn unglue(text: &str) -> Cow<'_, str> {
    // Where new syllables begin, over the runs of letters. Each run's
    // vowel groups are counted on the way: a run of one group, or of ASCII
    // only, is one word as it stands and is not looked at again.
    let mut cuts: Vec<usize> = Vec::new();
    let mut run: Option<usize> = None;
    let (mut groups, mut in_vowel, mut wide) = (0, false, false);
    let end_run = |a: usize, e: usize, groups: u32, wide: bool, cuts: &mut Vec<usize>| {
        if groups >= 2 && wide {
            cuts.extend(splits(&text[a..e]).into_iter().map(|c| a + c));
        }
    };
    // ASCII is classed from its byte; other letters are decoded.
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (letter, vowel, n) = if x < 0x80 {
            let letter = x.is_ascii_alphabetic();
            (letter, letter && is_vowel((x | 0x20) as char), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            let letter = is_letter(c);
            (letter, letter && quick_vowel(c), c.len_utf8())
        };
        if letter {
            if run.is_none() {
                run = Some(i);
                (groups, in_vowel, wide) = (0, false, false);
            }
            if vowel && !in_vowel {
                groups += 1;
            }
            in_vowel = vowel;
            wide |= x >= 0x80;
        } else if let Some(a) = run.take() {
            end_run(a, i, groups, wide, &mut cuts);
        }
        i += n;
    }
    if let Some(a) = run {
        end_run(a, text.len(), groups, wide, &mut cuts);
    }
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + cuts.len());
    let mut last = 0;
    for c in cuts {
        out.push_str(&text[last..c]);
        out.push(' ');
        last = c;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(unglue(input), expected, "{input}");
    }

    #[test]
    fn the_quick_vowel_test_agrees_with_decomposition() {
        for c in ('\u{20}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}') {
            if is_letter(c) {
                assert_eq!(quick_vowel(c), is_vowel(base(c).0), "{c}");
            }
        }
    }

    #[test]
    fn glued_syllables_are_set_apart() {
        for (input, expected) in [
            ("chủtrì", "chủ trì"),
            ("nhiệm vụnăm 2026", "nhiệm vụ năm 2026"),
            ("ngay từđầu năm", "ngay từ đầu năm"),
            ("định kỳhằng năm", "định kỳ hằng năm"),
            ("chỉtiêu, nhiệm vụ", "chỉ tiêu, nhiệm vụ"),
            ("Chỉ thịcủa Trung ương", "Chỉ thị của Trung ương"),
            ("nhiệm kỳtriển khai", "nhiệm kỳ triển khai"),
            ("giátrịdi sản", "giá trị di sản"),
            ("Đảng uỷban", "Đảng uỷ ban"),
            ("sựlãnh đạo", "sự lãnh đạo"),
            ("hiệu quảđất đai", "hiệu quả đất đai"),
            ("bổsung", "bổ sung"),
            ("Thời gian thực hiện", "Thời gian thực hiện"),
        ] {
            check(input, expected);
        }
    }

    #[test]
    fn syllables_split_before_their_vowel_are_joined() {
        for (input, want) in [
            ("ch ỉ đ ạo th ực hiện", "chỉ đạo thực hiện"),
            ("Ch ỉ thị số 46", "Chỉ thị số 46"),
            ("ng ười dân", "người dân"),
            // Not a split: words that stand alone, codes, capitals.
            ("100.000 đ và", "100.000 đ và"),
            ("TP Hà Nội", "TP Hà Nội"),
            ("đ/c Lan", "đ/c Lan"),
            ("b ăn", "băn"),
        ] {
            assert_eq!(rejoin(input), want, "{input:?}");
        }
    }

    #[test]
    fn single_syllables_and_foreign_words_stay() {
        for input in [
            "người",
            "khuya",
            "nghiêng",
            "quyết",
            "giữa",
            "gìn",
            "quốc",
            "giao",
            "khuyến",
            "internet",
            "online",
            "website",
            "QĐ-UBND",
            "NQ/TW",
            "Đảng",
            "xuyên",
            "tiếp",
            "Quảng Ngãi",
            "huyện",
            "thuở",
            "khoẻ",
            "ưu tiên",
            "oanh",
        ] {
            check(input, input);
        }
    }
}

/// Whether `word` is shaped like one Vietnamese syllable: an onset, one
/// vowel nucleus, a coda, and at most one tone mark.
pub fn is_syllable(word: &str) -> bool {
    let letters: Vec<char> = word.chars().map(|c| base(c).0).collect();
    let tones = word
        .chars()
        .flat_map(|c| c.to_lowercase())
        .collect::<String>()
        .nfd()
        .filter(|m| {
            matches!(
                *m,
                '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'
            )
        })
        .count();
    if letters.is_empty() || tones > 1 || !letters.iter().all(|c| c.is_alphabetic()) {
        return false;
    }
    let s: String = letters.iter().collect();
    // The longest onset that leaves a vowel next.
    let mut onsets: Vec<&str> = ONSETS.iter().copied().chain(["qu"]).collect();
    onsets.sort_by_key(|o| std::cmp::Reverse(o.len()));
    onsets.into_iter().any(|o| {
        let Some(rest) = s.strip_prefix(o) else {
            return false;
        };
        let v = rest.find(|c: char| !is_vowel(c)).unwrap_or(rest.len());
        NUCLEI.contains(&&rest[..v]) && CODAS.contains(&&rest[v..])
    })
}

#[cfg(test)]
mod syllable_tests {
    use super::is_syllable;

    #[test]
    fn syllables_are_told_from_other_words() {
        for (w, yes) in [
            ("trong", true),
            ("tháng", true),
            ("người", true),
            ("nghiêng", true),
            ("quyết", true),
            ("khuya", true),
            ("tree", false),
            ("front", false),
            ("fresh", false),
            ("trongg", false),
            ("thằngg", false),
            ("hoàá", false),
        ] {
            assert_eq!(is_syllable(w), yes, "{w}");
        }
    }
}
