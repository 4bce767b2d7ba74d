//! PDF files: their text layer through poppler's `pdftotext -layout`
//! (columns kept apart by spaces, pages by form feeds), which the layout
//! stage reads like any converter's text. A scan without a text layer is
//! said, with what to do.

use std::path::Path;
use std::process::Command;

/// The text of a PDF, or a sentence saying why not and what to do.
pub fn read(path: &Path) -> Result<String, String> {
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
    if text.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return Err("the PDF has no text layer (a scan): run OCR on it first (for example `ocrmypdf -l vie in.pdf out.pdf`, or tesseract with the Vietnamese model) and import the result".into());
    }
    Ok(text)
}
