//! Vietnamese text normalisation: NFC on input, tone-placement canonical
//! forms for comparison, and diacritic folding for search (CONVENTIONS.md §10).
//!
//! Display always keeps the original spelling; these forms are only keys.

use unicode_normalization::UnicodeNormalization;

/// Normalises raw input text: NFC, LF line ends, no BOM, no invisible or
/// control characters (they can make a feed invalid XML or hide text), NBSP
/// as a plain space, and the look-alike Icelandic eth (U+00D0/U+00F0) as
/// Vietnamese Đ/đ. A CR ends a line only in a file that has no LF at all
/// (old Mac files); elsewhere a lone CR is a space, so that line numbers
/// are those an editor and `grep -n` show.
pub fn normalize_input(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let cr_ends_lines = !raw.contains('\n');
    let mut out = String::with_capacity(raw.len());
    let nfc: std::borrow::Cow<str> = if unicode_normalization::is_nfc_quick(raw.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        std::borrow::Cow::Borrowed(raw)
    } else {
        std::borrow::Cow::Owned(raw.nfc().collect())
    };
    let mut chars = nfc.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' if cr_ends_lines => out.push('\n'),
            '\r' => out.push(' '),
            '\u{00d0}' => out.push('Đ'),
            '\u{00f0}' => out.push('đ'),
            c => push_clean(&mut out, c),
        }
    }
    out
}

/// [`normalize_input`] of a text read from a file: the text itself when
/// it has nothing to change (most files), without a copy.
pub fn normalize_owned(raw: String) -> String {
    if is_clean_nfc(&raw) {
        raw
    } else {
        normalize_input(&raw)
    }
}

/// Letters and marks that are NFC and combine with nothing before them
/// (checked in the tests against Unicode's tables): Latin-1 letters and
/// signs, Latin Extended-A and -B, Latin Extended Additional, and the
/// general punctuation (dashes, quotes, ellipsis, bullets).
fn plain_nfc(c: char) -> bool {
    ('\u{a1}'..='\u{24f}').contains(&c)
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
        || ('\u{2010}'..='\u{205e}').contains(&c)
}

/// Whether [`normalize_input`] would give `s` back unchanged: no CR, BOM,
/// control or invisible character, odd space or eth, and NFC. One pass
/// over the characters; Unicode's quick check only when a character is
/// neither ASCII nor one of [`plain_nfc`]'s.
fn is_clean_nfc(s: &str) -> bool {
    let mut rare = false;
    for c in s.chars() {
        match c {
            '\n' | '\t' => {}
            '\0'..='\u{1f}' | '\u{7f}' => return false,
            c if c.is_ascii() => {}
            // C1 controls, NBSP, soft hyphen; eth (Ð, ð: a converter's Đ).
            '\u{80}'..='\u{a0}' | '\u{ad}' | '\u{d0}' | '\u{f0}' => return false,
            '\u{2007}'
            | '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202f}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => return false,
            c if plain_nfc(c) => {}
            _ => rare = true,
        }
    }
    !rare
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Appends `c` as clean text: invisible and control characters dropped,
/// odd spaces as a plain space.
fn push_clean(out: &mut String, c: char) {
    match c {
        '\n' | '\t' => out.push(c),
        '\u{00a0}' | '\u{202f}' | '\u{2007}' | '\u{2028}' | '\u{2029}' => out.push(' '),
        '\u{200b}'..='\u{200f}'
        | '\u{00ad}'
        | '\u{2060}'
        | '\u{feff}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{fffe}'
        | '\u{ffff}' => {}
        c if c.is_control() => {}
        c => out.push(c),
    }
}

/// A one-line value read from TOML (a title, a name): its escapes may hold
/// any character, so control characters are dropped here too and line
/// breaks become spaces.
pub fn clean_field(s: &str) -> String {
    if s.chars().all(|c| !c.is_control() && !is_invisible(c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c => push_clean(&mut out, c),
        }
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00a0}' | '\u{202f}' | '\u{2007}' | '\u{2028}' | '\u{2029}' | '\u{200b}'..='\u{200f}' | '\u{00ad}' | '\u{2060}' | '\u{feff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fffe}' | '\u{ffff}')
}

/// The five tones in the order of the tables below: huyền, sắc, hỏi, ngã,
/// nặng.
const O_TONED: [char; 10] = ['ò', 'ó', 'ỏ', 'õ', 'ọ', 'Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'];
const U_TONED: [char; 10] = ['ù', 'ú', 'ủ', 'ũ', 'ụ', 'Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'];
const A_TONED: [char; 10] = ['à', 'á', 'ả', 'ã', 'ạ', 'À', 'Á', 'Ả', 'Ã', 'Ạ'];
const E_TONED: [char; 10] = ['è', 'é', 'ẻ', 'ẽ', 'ẹ', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ'];
const Y_TONED: [char; 10] = ['ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ'];

/// An `o` or `u` carrying a tone (where a tone may sit on the old place):
/// its base letter and tone.
fn toned_first_vowel(c: char) -> Option<(char, usize)> {
    if let Some(k) = O_TONED.iter().position(|&x| x == c) {
        Some((if k < 5 { 'o' } else { 'O' }, k % 5))
    } else {
        U_TONED
            .iter()
            .position(|&x| x == c)
            .map(|k| (if k < 5 { 'u' } else { 'U' }, k % 5))
    }
}

/// `a`, `e` or `y` (either case) with tone `t`.
fn with_tone(c: char, t: usize) -> Option<char> {
    let (table, up) = match c {
        'a' | 'A' => (&A_TONED, c == 'A'),
        'e' | 'E' => (&E_TONED, c == 'E'),
        'y' | 'Y' => (&Y_TONED, c == 'Y'),
        _ => return None,
    };
    Some(table[t + if up { 5 } else { 0 }])
}

/// Moves the tone of the open syllables `oa`, `oe`, `uy` to the reformed
/// place (hóa → hoá, Ủy → Uỷ), syllable by syllable: only when the pair ends
/// the syllable, so "hoàn", "khoáng", "thuyết" are never touched.
pub fn canon_tone(s: &str) -> String {
    // A toned o/u is two or three bytes in UTF-8 (C3 lead for ò ó õ ù ú, E1
    // for the others); a pair to move is that letter's last byte followed
    // by an ASCII a, e or y, so only those places are decoded.
    let b = s.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    for j in 0..b.len().saturating_sub(1) {
        if b[j] < 0x80 || !matches!(b[j + 1] | 0x20, b'a' | b'e' | b'y') {
            continue;
        }
        let start = (j.saturating_sub(3)..=j)
            .rev()
            .find(|&k| s.is_char_boundary(k))
            .unwrap_or(j);
        let Some((b0, tone)) = s[start..].chars().next().and_then(toned_first_vowel) else {
            continue;
        };
        let b1 = b[j + 1] as char;
        let pair_ok = matches!(
            (b0.to_ascii_lowercase(), b1.to_ascii_lowercase()),
            ('o', 'a') | ('o', 'e') | ('u', 'y')
        );
        let ends = s[j + 2..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if pair_ok
            && ends
            && let Some(moved) = with_tone(b1, tone)
        {
            out.push_str(&s[copied..start]);
            out.push(b0);
            out.push(moved);
            copied = j + 2;
        }
    }
    if copied == 0 {
        return s.to_string();
    }
    out.push_str(&s[copied..]);
    out
}

/// Comparison key for names: NFC, tone-canonical, lower case, single spaces.
pub fn name_key(s: &str) -> String {
    let canon = if unicode_normalization::is_nfc_quick(s.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        canon_tone(s)
    } else {
        canon_tone(&s.nfc().collect::<String>())
    };
    collapse_ws(&lower(&canon))
}

/// Whether `c` is a letter, without Unicode's table for the letters of
/// Vietnamese (Latin-1, Latin Extended-A/B and Latin Extended Additional).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{c0}'..='\u{24f}').contains(&c) || ('\u{1ea0}'..='\u{1ef9}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphabetic()
    }
}

/// Whether `c` is a letter or a digit, with [`is_letter`]'s fast path.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_letter(c) || c.is_numeric()
    }
}

/// Fully folded form for search: no diacritics at all, đ → d, lower case.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A URL-safe slug: folded, ASCII letters and digits joined by '-'.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Collapses runs of white space (including line breaks) to one space.
/// `s` cut to at most `max` characters at a word boundary, with "…" when
/// cut (a single word longer than `max` is cut inside it). Punctuation
/// left hanging at the cut is dropped.
pub fn cut_words(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let limit = s
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(s.len(), |(i, _)| i);
    // The last space at or before the limit, when it keeps half the room.
    let head = &s[..limit];
    let at = match head.rfind(char::is_whitespace) {
        Some(sp) if head[..sp].chars().count() * 2 >= max => sp,
        _ => limit,
    };
    let kept = s[..at].trim_end_matches(|c: char| c.is_whitespace() || ",;:-–(".contains(c));
    format!("{kept}…")
}

pub fn collapse_ws(s: &str) -> String {
    // Most text is collapsed already (layout joins its lines with one
    // space): one scan of the bytes finds no edge and no other space.
    let b = s.as_bytes();
    let clean = b.first() != Some(&b' ') && b.last() != Some(&b' ') && single_spaced(b);
    if clean {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether the only white space of `b` (UTF-8) is single ASCII spaces:
/// no run of them, no tab or line break, none of Unicode's other spaces
/// (U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000).
pub fn single_spaced(b: &[u8]) -> bool {
    // Bytes that may begin a space: looked at closer only where they are.
    const SUSPECT: [bool; 256] = {
        let mut t = [false; 256];
        let mut k = 0x09;
        while k <= 0x0D {
            t[k] = true;
            k += 1;
        }
        t[b' ' as usize] = true;
        t[0xC2] = true;
        t[0xE1] = true;
        t[0xE2] = true;
        t[0xE3] = true;
        t
    };
    let at = |k: usize| b.get(k).copied();
    !(0..b.len()).any(|k| {
        SUSPECT[b[k] as usize]
            && match b[k] {
                b' ' => at(k + 1) == Some(b' '),
                0xC2 => matches!(at(k + 1), Some(0x85 | 0xA0)),
                0xE1 => at(k + 1) == Some(0x9A) && at(k + 2) == Some(0x80),
                0xE2 => matches!(
                    (at(k + 1), at(k + 2)),
                    (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F))
                ),
                0xE3 => at(k + 1) == Some(0x80) && at(k + 2) == Some(0x80),
                _ => true,
            }
    })
}

/// The small letter of a Vietnamese letter beyond ASCII, read from its
/// code point (Latin-1, the six of Latin Extended-A/B, and Latin Extended
/// Additional, where capitals are even and small letters odd).
fn vietnamese_lower(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0xDF..=0xFF => u,
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => u + 1,
        0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => u,
        0x1EA0..=0x1EF9 => u | 1,
        _ => return None,
    };
    char::from_u32(l)
}

/// Whether `c` is a capital, from its code point for the letters of
/// Vietnamese (as [`lower`] reads them), else from Unicode's table.
#[inline]
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else if let Some(l) = vietnamese_lower(c) {
        l != c
    } else {
        c.is_uppercase()
    }
}

/// Whether `c` is a small letter, with [`is_upper`]'s fast path.
#[inline]
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else if c != '÷'
        && let Some(l) = vietnamese_lower(c)
    {
        l == c
    } else {
        c.is_lowercase()
    }
}

/// `s` in lower case, cheaply: the text is copied and its ASCII lowered
/// in place; then only its capitals beyond ASCII are rewritten, in place
/// for the letters of Vietnamese (their small letter has the same length
/// in UTF-8), from there on char by char for any other.
pub fn lower(s: &str) -> String {
    let mut out = s.to_ascii_lowercase();
    if s.is_ascii() {
        return out;
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let n = c.len_utf8();
        match vietnamese_lower(c) {
            Some(l) if l != c => {
                let mut buf = [0u8; 4];
                out.replace_range(i..i + n, l.encode_utf8(&mut buf));
            }
            Some(_) => {}
            None if c.is_lowercase() || !c.is_alphabetic() => {}
            None => {
                out.truncate(i);
                for c in s[i..].chars() {
                    match vietnamese_lower(c) {
                        Some(l) => out.push(l),
                        None => out.extend(c.to_lowercase()),
                    }
                }
                return out;
            }
        }
        i += n;
    }
    out
}

/// The items of a list of names: "A, B và C; D" → A, B, C, D (trimmed,
/// empty items dropped).
pub fn list_items(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ';'])
        .flat_map(|p| p.split(" và "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Decodes XML's five named entities, HTML's "&nbsp;" (a space) and
/// numeric references (Office XML, HTML a converter left); an unknown or
/// broken reference stays as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(a) = rest.find('&') {
        out.push_str(&rest[..a]);
        let r = &rest[a..];
        let end = r.as_bytes()[..r.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = end.and_then(|e| {
            let name = &r[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &r[n..];
            }
            None => {
                out.push('&');
                rest = &r[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Byte spans of `word` in `text` where it stands as a whole word: not
/// glued to a letter or digit before, nor to a letter, digit or '-' after
/// ("Nghị quyết 28" is not found in "Nghị quyết 285" or "Nghị quyết 28-NQ").
pub fn word_spans(text: &str, word: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if word.is_empty() {
        return out;
    }
    let mut from = 0;
    while let Some(p) = text[from..].find(word) {
        let s = from + p;
        let e = s + word.len();
        let ok_before = text[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let ok_after = text[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-');
        if ok_before && ok_after {
            out.push((s, e));
        }
        from = e;
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn cut_words_cuts_at_a_word() {
        let check = |s: &str, n: usize, want: &str| assert_eq!(cut_words(s, n), want, "{s:?} {n}");
        check("ngắn", 10, "ngắn");
        check("Kế hoạch tuyên truyền kỷ niệm", 12, "Kế hoạch…");
        check("Kế hoạch tuyên truyền kỷ niệm", 19, "Kế hoạch tuyên…");
        check("tăng cường, củng cố tổ chức", 13, "tăng cường…");
        check("Khôngcókhoảngtrắngnàocả", 8, "Khôngcó…");
        check("  đúng mười ký  ", 13, "đúng mười ký");
        check("", 5, "");
    }

    use super::*;

    #[test]
    fn single_spaced_knows_every_space_of_unicode() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            let want = c == ' ' || !c.is_whitespace();
            assert_eq!(single_spaced(s.as_bytes()), want, "U+{:04X}", c as u32);
        }
        assert!(!single_spaced(b"a  b"));
        assert!(single_spaced("Bộ Chính trị – “Kết luận” …".as_bytes()));
    }

    #[test]
    fn lower_agrees_with_unicode_beyond_the_letters_of_vietnamese() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("Ab{c}Đ");
            let want: String = s.chars().flat_map(char::to_lowercase).collect();
            assert_eq!(lower(&s), want, "U+{:04X}", c as u32);
        }
    }

    fn check(f: fn(&str) -> String, input: &str, expected: &str) {
        assert_eq!(f(input), expected, "input: {input:?}");
    }

    #[test]
    fn plain_nfc_letters_are_nfc_and_combine_with_nothing() {
        for c in ('\u{0}'..='\u{2fff}').filter(|&c| plain_nfc(c)) {
            assert_eq!(
                unicode_normalization::is_nfc_quick(std::iter::once(c)),
                unicode_normalization::IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0);
        }
    }

    #[test]
    fn a_clean_text_comes_back_as_it_is_and_others_are_normalised() {
        let mut texts: Vec<String> = vec![
            "Kế hoạch số 12-KH/TW – “Thực hiện” … ngày 28/11/2022\n\tĐảng uỷ".into(),
            "\u{feff}BOM".into(),
            "a\r\nb".into(),
            "a\rb\nc".into(),
            "ho\u{0301}a".into(),
            "Ð ð".into(),
            "\u{1e00}\u{0323}\u{0301}".into(),
        ];
        // Every character from U+0000 to U+3000 (and the specials above it)
        // between two letters.
        for c in ('\u{0}'..='\u{3000}').chain(['\u{feff}', '\u{fffe}', '\u{ffff}', '\u{fb1d}']) {
            texts.push(format!("xã{c}Đ"));
            texts.push(format!("{c}"));
        }
        for t in texts {
            assert_eq!(normalize_owned(t.clone()), normalize_input(&t), "{t:?}");
        }
    }

    /// Tone moving as Unicode decomposition defines it, for comparison.
    fn canon_tone_by_decomposition(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let marks = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];
        let split = |c: char| {
            let d: Vec<char> = std::iter::once(c).nfd().collect();
            let tone = d.iter().copied().find(|m| marks.contains(m));
            let base: String = d.iter().filter(|m| !marks.contains(m)).collect();
            (base.nfc().next().unwrap_or(c), tone)
        };
        let chars: Vec<char> = s.chars().collect();
        let mut out = chars.clone();
        let mut i = 0;
        while i + 1 < chars.len() {
            let (b0, t0) = split(chars[i]);
            let pair = matches!(
                (b0.to_ascii_lowercase(), chars[i + 1].to_ascii_lowercase()),
                ('o', 'a') | ('o', 'e') | ('u', 'y')
            );
            let ends = chars.get(i + 2).is_none_or(|c| !c.is_alphanumeric());
            if let Some(t) = t0
                && pair
                && ends
            {
                out[i] = b0;
                out[i + 1] = [chars[i + 1], t]
                    .iter()
                    .collect::<String>()
                    .nfc()
                    .next()
                    .unwrap();
                i += 2;
                continue;
            }
            i += 1;
        }
        out.into_iter().collect()
    }

    #[test]
    fn tone_moving_agrees_with_decomposition() {
        let firsts: Vec<char> = ('\u{c0}'..='\u{1b0}')
            .chain('\u{1ea0}'..='\u{1ef9}')
            .chain(['o', 'u', 'O', 'U'])
            .collect();
        for c in firsts {
            for n in ['a', 'e', 'y', 'A', 'E', 'Y', 'i', 'á'] {
                for end in ["", " ", ",", "n", "1", "ạ", "\u{300}"] {
                    let s = format!("h{c}{n}{end}");
                    assert_eq!(canon_tone(&s), canon_tone_by_decomposition(&s), "{s}");
                }
            }
        }
    }

    #[test]
    fn tone_placement_is_per_syllable() {
        for (input, expected) in [
            ("hóa", "hoá"),
            ("Ủy ban", "Uỷ ban"),
            ("ỦY BAN", "UỶ BAN"),
            ("khóa XIII", "khoá XIII"),
            ("hoàn thành", "hoàn thành"),
            ("khoáng sản", "khoáng sản"),
            ("thuyết", "thuyết"),
            ("khỏe", "khoẻ"),
            ("thủy,", "thuỷ,"),
            ("Đảng ủy Khối", "Đảng uỷ Khối"),
            ("quý", "quý"),
            ("qúy", "quý"),
        ] {
            check(canon_tone, input, expected);
        }
    }

    #[test]
    fn fold_removes_every_mark_and_d_bar() {
        for (input, expected) in [
            ("Nghị quyết 28", "nghi quyet 28"),
            ("Đoàn Thanh niên", "doan thanh nien"),
            ("Ủy ban", "uy ban"),
            ("Uỷ ban", "uy ban"),
        ] {
            check(fold, input, expected);
        }
    }

    #[test]
    fn names_compare_across_spelling_and_form() {
        let nfd: String = "Ủy ban Kiểm tra".nfd().collect();
        assert_eq!(name_key(&nfd), name_key("Uỷ ban kiểm tra"));
        assert_eq!(name_key("Đảng  uỷ"), name_key("đảng ủy"));
    }

    #[test]
    fn input_is_nfc_and_clean() {
        let nfd: String = "Kế hoạch".nfd().collect();
        check(normalize_input, &nfd, "Kế hoạch");
        check(normalize_input, "a\r\nb\rc\n", "a\nb c\n");
        check(normalize_input, "old\rmac\r", "old\nmac\n");
        check(
            normalize_input,
            "t\u{0}i\u{1b}[31mt\u{85}le\u{7f}",
            "ti[31mtle",
        );
        check(normalize_input, "a\u{202e}b\u{fffe}c\u{2028}d", "abc d");
        check(clean_field, "Kế\u{0}\nhoạch\u{b}", "Kế hoạch");
        check(normalize_input, "Số\u{a0}77-KH/\u{d0}UK", "Số 77-KH/ĐUK");
        check(normalize_input, "\u{feff}x\u{200b}y", "xy");
    }

    #[test]
    fn slugs_are_ascii() {
        check(slug, "266-KH/ĐU", "266-kh-du");
        check(slug, "Ban Tổ chức Trung ương", "ban-to-chuc-trung-uong");
    }

    #[test]
    fn lower_case_like_std() {
        for s in [
            "Đảng ỦY Khối",
            "THỜI GIAN THỰC HIỆN: Thường xuyên",
            "İx",
            "ǅ",
            "",
        ] {
            assert_eq!(lower(s), s.to_lowercase(), "{s:?}");
        }
        // Every letter of the blocks read from their code points.
        let all: String = ('\u{c0}'..='\u{24f}')
            .chain('\u{1e00}'..='\u{1eff}')
            .collect();
        assert_eq!(lower(&all), all.to_lowercase());
        for c in ('\u{0}'..='\u{3000}').chain(['\u{10400}', '\u{10428}']) {
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
        }
        // Every character up to U+3000 and the specials, alone and in a run.
        for c in ('\u{0}'..='\u{3000}').chain(['\u{fb00}', '\u{ff21}', '\u{10400}']) {
            let s = format!("Ả{c}xÁ");
            assert_eq!(lower(&s), s.to_lowercase(), "{c:?}");
        }
    }

    #[test]
    fn lists_split_on_commas_semicolons_and_va() {
        let items: Vec<&str> =
            list_items("Bộ Chính trị, Ban Bí thư và Văn phòng; ,  Ban Tổ chức ").collect();
        assert_eq!(
            items,
            ["Bộ Chính trị", "Ban Bí thư", "Văn phòng", "Ban Tổ chức"]
        );
        assert_eq!(list_items("").count(), 0);
    }

    #[test]
    fn whitespace_collapses() {
        check(collapse_ws, "  a \t b\n\nc  ", "a b c");
        check(collapse_ws, "", "");
        check(collapse_ws, "Kế\u{a0}hoạch", "Kế hoạch");
        check(collapse_ws, "Kế hoạch số 12", "Kế hoạch số 12");
        check(collapse_ws, " a", "a");
        check(collapse_ws, "a ", "a");
        check(
            collapse_ws,
            "a\u{1680}b\u{2003}c\u{3000}d\u{85}e",
            "a b c d e",
        );
        check(collapse_ws, "Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh");
        // Every character between two letters: the fast path agrees with
        // Unicode's white space.
        for c in ('\u{0}'..='\u{3100}').chain('\u{fe00}'..='\u{ffff}') {
            let s = format!("a{c}b");
            let want = if c.is_whitespace() {
                "a b".to_string()
            } else {
                s.clone()
            };
            assert_eq!(collapse_ws(&s), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn whole_words_only() {
        for (text, word, expected) in [
            ("theo Nghị quyết 28, các", "Nghị quyết 28", vec![(5, 22)]),
            ("Nghị quyết 285", "Nghị quyết 28", vec![]),
            ("Nghị quyết 28-NQ/TW", "Nghị quyết 28", vec![]),
            ("xNghị quyết 28", "Nghị quyết 28", vec![]),
            (
                "Chỉ thị 11; Chỉ thị 11.",
                "Chỉ thị 11",
                vec![(0, 14), (16, 30)],
            ),
            ("abc", "", vec![]),
        ] {
            assert_eq!(word_spans(text, word), expected, "{text:?} / {word:?}");
        }
    }
}
