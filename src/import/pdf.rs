//! PDF files: their text layer through poppler's `pdftotext -layout`
//! (columns kept apart by spaces, pages by form feeds), which the layout
//! stage reads like any converter's text.
//!
//! A text layer is judged page by page before it is used ([`assess`]): a
//! page with letters but hardly any (a scan, its page number at most), or
//! whose letters are not those of Vietnamese text (a broken font map:
//! Cyrillic, Armenian or Greek letters, private-use glyphs, replacement
//! characters, Latin letters Vietnamese does not write, in an implausible
//! share), is not usable. Such pages are read by OCR where `tesseract` with
//! its Vietnamese data and `pdftoppm` are installed (each page rendered at
//! 300 dpi into a temporary folder removed afterwards); otherwise the
//! import stops and says what to install. The invariant: an unusable text
//! layer never reaches a source, and OCR's text reaches one only marked as
//! OCR. A few pages without text among pages of text (blank ones) are
//! reported, not read by OCR.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A page's text layer, as [`assess`] judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Letters of Vietnamese (or English) text.
    Usable,
    /// Hardly any letters: an image of a page, or a blank one.
    Scan,
    /// Letters no Vietnamese text is written in, in a share no quotation
    /// explains: glyphs mapped to the wrong code points.
    Broken,
}

/// A page with fewer letters than this has no text to speak of (a scan
/// shows its page number at most).
const FEW_LETTERS: usize = 20;

/// The share of foreign characters (in per cent of the page's letters)
/// beyond which a page is mojibake: a few quoted Greek or Russian words
/// stay far below it.
const FOREIGN_PERCENT: usize = 10;

/// The letters Vietnamese writes beyond the 26 of ASCII, in lower case.
const VIETNAMESE: &str = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ";

/// Whether `c` counts against a text layer: a letter of no script a
/// Vietnamese document is written in (Cyrillic, Armenian, Greek …, or a
/// Latin letter Vietnamese does not use, as legacy font encodings leave
/// them), a private-use glyph, or a replacement character.
fn foreign(c: char) -> bool {
    if matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' | '\u{FFFD}') {
        return true;
    }
    if !c.is_alphabetic() || c.is_ascii_alphabetic() {
        return false;
    }
    !c.to_lowercase().all(|l| VIETNAMESE.contains(l))
}

/// Whether `c` is a sign of Latin-1 that legacy Vietnamese font encodings
/// (TCVN3, VNI) put where letters stand ("ho¹ch", "c«ng", "t¸c"): counted
/// against a page when glued to a letter. Signs written beside letters in
/// real text (° ² ³, quotes « ») are not.
fn legacy_symbol(c: char) -> bool {
    matches!(c, '\u{A1}'..='\u{BF}' | '\u{D7}' | '\u{F7}')
        && !matches!(c, '«' | '»' | '°' | '²' | '³')
}

/// Judges one page's text.
fn judge(page: &str) -> Layer {
    use unicode_normalization::UnicodeNormalization;
    let page: String = page.nfc().collect();
    let letters = page.chars().filter(|c| c.is_alphabetic()).count();
    let chars: Vec<char> = page.chars().collect();
    let bad = (0..chars.len())
        .filter(|&i| {
            let glued = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c| c.is_alphabetic())
            };
            foreign(chars[i])
                || (legacy_symbol(chars[i]) && (glued(i.checked_sub(1)) || glued(Some(i + 1))))
        })
        .count();
    if bad >= 5 && bad * 100 > FOREIGN_PERCENT * (letters.max(bad)) {
        Layer::Broken
    } else if letters < FEW_LETTERS {
        Layer::Scan
    } else {
        Layer::Usable
    }
}

/// The pages of a converter's text: pdftotext ends each with a form feed.
fn pages(text: &str) -> Vec<&str> {
    let mut v: Vec<&str> = text.split('\u{c}').collect();
    if v.len() > 1 && v.last().is_some_and(|p| p.trim().is_empty()) {
        v.pop();
    }
    v
}

/// Each page's text layer, in order.
pub fn assess(text: &str) -> Vec<Layer> {
    pages(text).into_iter().map(judge).collect()
}

/// The sentence that says what to install for OCR.
const INSTALL: &str = "install tesseract with its Vietnamese data and poppler's pdftoppm (`apt install tesseract-ocr tesseract-ocr-vie poppler-utils` on Debian and Ubuntu, `dnf install tesseract tesseract-langpack-vie poppler-utils` on Fedora, `brew install tesseract tesseract-lang poppler` on macOS) and import it again: kehoach then reads those pages by OCR";

/// A PDF's text and how it was had.
pub struct Pdf {
    pub text: String,
    /// Set when some pages were read by OCR: a sentence for the source's
    /// front matter and the import report.
    pub ocr: Option<String>,
    /// What the editor should know: pages without text among text pages.
    pub notes: Vec<String>,
}

/// Page numbers (1-based) written as a list.
fn list(pages: &[usize]) -> String {
    let v: Vec<String> = pages.iter().map(usize::to_string).collect();
    v.join(", ")
}

/// What the text layer of the unusable pages is, in words.
fn what(layers: &[Layer], bad: &[usize]) -> String {
    let broken: Vec<usize> = bad
        .iter()
        .copied()
        .filter(|&p| layers[p - 1] == Layer::Broken)
        .collect();
    let scan: Vec<usize> = bad
        .iter()
        .copied()
        .filter(|&p| layers[p - 1] == Layer::Scan)
        .collect();
    let mut parts = Vec::new();
    if !broken.is_empty() {
        parts.push(format!(
            "the text layer of page{} {} is not Vietnamese text but letters of other scripts or glyphs of no letter (its fonts map glyphs to the wrong characters)",
            if broken.len() > 1 { "s" } else { "" },
            list(&broken)
        ));
    }
    if !scan.is_empty() {
        parts.push(format!(
            "page{} {} {} no text layer (a scan)",
            if scan.len() > 1 { "s" } else { "" },
            list(&scan),
            if scan.len() > 1 { "have" } else { "has" }
        ));
    }
    parts.join("; ")
}

/// The text of a PDF, or a sentence saying why not and what to do.
pub fn read(path: &Path) -> Result<Pdf, String> {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                "reading a PDF needs pdftotext from poppler, which is not installed: `apt install poppler-utils` (Debian, Ubuntu), `dnf install poppler-utils` (Fedora), `brew install poppler` (macOS); or convert the PDF to text yourself and import the .txt".to_string()
            } else {
                format!("cannot run pdftotext: {e}")
            }
        })?;
    if !out.status.success() {
        return Err(format!(
            "pdftotext could not read it ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let layers = assess(&text);
    let usable = layers.iter().filter(|&&l| l == Layer::Usable).count();
    let bad: Vec<usize> = (1..=layers.len())
        .filter(|&p| layers[p - 1] != Layer::Usable)
        .collect();
    // Blank pages among text pages are no scan: only a broken page, or a
    // document whose text layer is hardly any, needs OCR.
    let needs_ocr = layers.contains(&Layer::Broken) || usable * 2 < layers.len();
    if !needs_ocr {
        let notes = if bad.is_empty() {
            Vec::new()
        } else {
            vec![format!(
                "page{} {} of the PDF {} no text layer (blank, or scanned: then {} text is not imported): compare with the PDF",
                if bad.len() > 1 { "s" } else { "" },
                list(&bad),
                if bad.len() > 1 { "have" } else { "has" },
                if bad.len() > 1 { "their" } else { "its" },
            )]
        };
        return Ok(Pdf {
            text,
            ocr: None,
            notes,
        });
    }
    let why = what(&layers, &bad);
    if let Some(missing) = ocr_missing() {
        return Err(format!(
            "{why}: importing it as it is would write wrong text, or none. {missing}; {INSTALL}. Or run OCR yourself (for example `ocrmypdf -l vie --force-ocr in.pdf out.pdf`) and import the result"
        ));
    }
    let dir = TempDir::new().map_err(|e| format!("{why}, and OCR cannot start: {e}"))?;
    let mut out_pages: Vec<String> = pages(&text).into_iter().map(str::to_string).collect();
    for &p in &bad {
        out_pages[p - 1] = ocr_page(path, p, &dir.0).map_err(|e| format!("{why}; OCR: {e}"))?;
    }
    // OCR of a page that shows no Vietnamese text (the images of broken
    // glyphs themselves) is no text either.
    let read: String = bad.iter().map(|&p| out_pages[p - 1].as_str()).collect();
    if !plausible(&read) {
        return Err(format!(
            "{why}, and OCR (tesseract, Vietnamese) read no Vietnamese text on {}: import cannot read it; ask for a copy with a text layer, or type it in",
            if bad.len() > 1 {
                "those pages"
            } else {
                "that page"
            }
        ));
    }
    let mut text = out_pages.join("\u{c}");
    text.push('\u{c}');
    Ok(Pdf {
        text,
        notes: Vec::new(),
        ocr: Some(format!(
            "page{} {} read by OCR (tesseract, Vietnamese): {why}. OCR mistakes letters, tone marks and digits: check every number, date and name against the signed copy",
            if bad.len() > 1 { "s" } else { "" },
            list(&bad)
        )),
    })
}

/// Whether OCR's text reads as Vietnamese: enough letters, and most of its
/// words of letters Vietnamese syllables.
fn plausible(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let letters: usize = words.iter().map(|w| w.chars().count()).sum();
    let syllables = words
        .iter()
        .filter(|w| crate::layout::is_syllable(&w.to_lowercase()))
        .count();
    letters >= FEW_LETTERS && syllables * 2 > words.len() && judge(text) != Layer::Broken
}

/// What OCR lacks here, or None when tesseract with `vie` and pdftoppm run.
fn ocr_missing() -> Option<String> {
    match Command::new("tesseract").arg("--list-langs").output() {
        Err(_) => return Some("tesseract is not installed".into()),
        Ok(o) => {
            let langs = String::from_utf8_lossy(&o.stdout).into_owned()
                + &String::from_utf8_lossy(&o.stderr);
            if !langs.lines().any(|l| l.trim() == "vie") {
                return Some("tesseract has no Vietnamese data (`vie`)".into());
            }
        }
    }
    if Command::new("pdftoppm").arg("-v").output().is_err() {
        return Some("pdftoppm is not installed".into());
    }
    None
}

/// A folder of our own under the system's temporary folder, removed with
/// what it holds when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("kehoach-ocr-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Page `page` of the PDF read by OCR: rendered at 300 dpi, read by
/// tesseract with its Vietnamese data; the image is removed afterwards.
fn ocr_page(path: &Path, page: usize, dir: &Path) -> Result<String, String> {
    let n = page.to_string();
    let prefix = dir.join(format!("page-{page}"));
    let png = prefix.with_extension("png");
    let out = Command::new("pdftoppm")
        .args(["-r", "300", "-png", "-singlefile", "-f", &n, "-l", &n])
        .arg(path)
        .arg(&prefix)
        .output()
        .map_err(|e| format!("cannot run pdftoppm: {e}"))?;
    if !out.status.success() || !png.exists() {
        return Err(format!(
            "pdftoppm could not render page {page}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let out = Command::new("tesseract")
        .arg(&png)
        .args(["-", "-l", "vie"])
        .output()
        .map_err(|e| format!("cannot run tesseract: {e}"))?;
    let _ = std::fs::remove_file(&png);
    if !out.status.success() {
        return Err(format!(
            "tesseract could not read page {page}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .replace('\u{c}', "")
        .trim_end()
        .to_string()
        + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Layer::*;

    fn check(text: &str, expected: &[Layer]) {
        assert_eq!(assess(text), expected, "{text}");
    }

    const VI: &str = "Thực hiện Chương trình hành động số 17-CTr/ĐUK ngày 26/9/2022 của Đảng ủy Khối, Ban Thường vụ Đảng ủy xây dựng kế hoạch như sau: các chi bộ tổ chức quán triệt, hoàn thành trước ngày 30/6/2026.";

    #[test]
    fn text_of_vietnamese_and_english_is_usable() {
        check(VI, &[Usable]);
        check(
            &format!("{VI}\n\n                 2\n\u{c}{VI}\u{c}"),
            &[Usable, Usable],
        );
        check(&VI.to_uppercase(), &[Usable]);
        check(
            "The Provincial Party Committee shall report to the Secretariat before 30 June 2026 on the results of the campaign.",
            &[Usable],
        );
        // A few words of another script, quoted, pass.
        check(
            &format!(
                "{VI} Khái niệm «демократия» (dân chủ), từ tiếng Hy Lạp δημοκρατία, được nêu trong tài liệu tham khảo của Học viện; {VI}"
            ),
            &[Usable],
        );
        // Signs beside letters and digits of real text.
        check(
            &format!(
                "{VI} Diện tích 1.200 m², nhiệt độ 30°C, xem chú thích¹ và «Nghị quyết 21»; § 3, ±5%. {VI}"
            ),
            &[Usable],
        );
        // A French name or two among Vietnamese text.
        check(
            &format!("{VI} Hội thảo với Đại học Sorbonne, François Lefèvre và Müller. {VI}"),
            &[Usable],
        );
    }

    #[test]
    fn letters_of_other_scripts_are_a_broken_font_map() {
        // Codes mapped to Cyrillic glyph names.
        check(
            "ГАМЁ БН ТЗМЖ ТЖАМ ЖНА\n    ЙД ЖНАВ\n трздм йжаз внмё тав тучдм тручдм мал 2026\n 1. Бам Тучдм ёзан вжу трз тжув жздм\u{c}",
            &[Broken],
        );
        // Armenian.
        check(
            "Ե Հ ՈԱՔՀ\nտրիեն խաի ճոնգ տաճ տւյեն տրւյեն նամ 2026\n1. Բան Տւյեն գիաո ճհւ տրի",
            &[Broken],
        );
        // Private-use glyphs, between the odd letter.
        check(
            "\u{f021}\u{f045}\u{f04e}\u{f047} \u{f042}\u{f04f} \u{f054}\u{f049}\u{f04e}\u{f048} ngày \u{f031}\u{f035}/\u{f036} \u{f04b}\u{f045} \u{f048}\u{f04f}\u{f041}\u{f043}\u{f048}",
            &[Broken],
        );
        // Replacement characters where letters were.
        check(
            "K\u{fffd} ho\u{fffd}ch tri\u{fffd}n khai c\u{fffd}ng t\u{fffd}c tuy\u{fffd}n truy\u{fffd}n n\u{fffd}m 2026 c\u{fffd}a Ban Th\u{fffd}\u{fffd}ng v\u{fffd}",
            &[Broken],
        );
        // A legacy Vietnamese font encoding read as Latin-1 (TCVN3).
        check(
            "§¶ng bé tØnh thanh hãa\nKÕ ho¹ch triÓn khai c«ng t¸c tuyªn truyÒn n¨m 2026\n1. Ban Tuyªn gi¸o chñ tr× thùc hiÖn, hoµn thµnh tr\u{AD}íc ngµy 30/6/2026",
            &[Broken],
        );
        // One broken page among good ones.
        check(
            &format!("{VI}\u{c}ГАМЁ БН ТЗМЖ ТЖАМ ЖНА ЙД ЖНАВ трздм йжаз внмё тав\u{c}{VI}\u{c}"),
            &[Usable, Broken, Usable],
        );
    }

    #[test]
    fn pages_without_letters_are_a_scan() {
        check("\u{c}\u{c}\u{c}", &[Scan, Scan, Scan]);
        check(
            "\n\n        1\n\u{c}\n        2\n\u{c}\n   3\n\u{c}",
            &[Scan, Scan, Scan],
        );
        check("", &[Scan]);
        check("Trang 1\u{c}", &[Scan]);
    }
}
