//! `kehoach import`: real documents as they arrive (.docx, .pdf, or the
//! .txt/.md a converter left) turned into sources an editor reviews. Outside
//! the build pipeline: it reads the file ([`docx`], [`pdf`]), reads the text
//! as a build would (layout, extraction), writes front matter and Markdown
//! ([`source`]), and reports what it could not read with the line of the
//! written file. It never overwrites a file unless told to.

mod docx;
mod pdf;
pub mod source;
mod xml;
mod zip;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// What to import, and where.
pub struct Options {
    pub files: Vec<PathBuf>,
    /// The folder the sources are written to.
    pub to: PathBuf,
    /// Overwrite sources that exist.
    pub force: bool,
}

/// One file imported.
pub struct Outcome {
    pub from: PathBuf,
    pub written: PathBuf,
    /// What the editor should check, each with the line of the written file
    /// where it applies (0: the whole file).
    pub report: Vec<(usize, String)>,
}

/// An input file's text and what the editor should know of it.
pub struct Input {
    pub text: String,
    /// What was not carried over, each with its line (0: the whole file).
    pub notes: Vec<(usize, String)>,
    /// Set when pages were read by OCR: what was read so and why.
    pub ocr: Option<String>,
}

/// The text of an input file, by its extension, with notes on what was not
/// carried over.
pub fn read_input(path: &Path) -> Result<Input> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut notes = Vec::new();
    let mut ocr = None;
    let raw = match ext.as_str() {
        "docx" => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("{}: cannot read it", path.display()))?;
            let t = docx::read(&bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            if t.chars_out != t.chars_in {
                notes.push((
                    0,
                    format!(
                        "{} of the {} letters and digits of the Word file did not reach the text: compare it with the Word file",
                        t.chars_in - t.chars_out.min(t.chars_in),
                        t.chars_in
                    ),
                ));
            }
            notes.extend(t.notes.into_iter().map(|n| (0, n)));
            t.text
        }
        "pdf" => {
            let pdf = pdf::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            ocr = pdf.ocr;
            notes.extend(pdf.notes.into_iter().map(|n| (0, n)));
            pdf.text
        }
        "txt" | "md" | "markdown" | "text" => {
            let mut t = crate::load::read_text(path)
                .map_err(|d| anyhow::anyhow!("{}:{}: {}", path.display(), d.line, d.message))?;
            // What a converter left that a reader of the source cannot
            // review, written as an editor would: HTML tables as Markdown
            // tables, a document run into one line on its lines. No word
            // changes.
            if let Some(p) = crate::extract::html::as_markdown(&t) {
                notes.push((0, "HTML tables written as Markdown tables".to_string()));
                t = p.text;
            }
            if let Some(p) = crate::extract::runon::part(&t) {
                let line = p.source.first().copied().unwrap_or(1);
                notes.push((
                    line,
                    format!(
                        "the text ran on in one line: written as {} lines, parted at its header, headings and items; check where they were parted",
                        p.source.len()
                    ),
                ));
                t = p.text;
            }
            t
        }
        "doc" => bail!(
            "{}: an old Word file (.doc): open it in Word or LibreOffice and save it as .docx, then import that",
            path.display()
        ),
        _ => bail!(
            "{}: import reads .docx, .pdf, .txt and .md files; convert this one to one of them first",
            path.display()
        ),
    };
    Ok(Input {
        text: crate::text::normalize_input(&raw),
        notes,
        ocr,
    })
}

/// Writes rows as a Markdown table, the first row its header; a cell's bars
/// are escaped and its line breaks become spaces.
fn markdown_table(rows: &[Vec<String>], width: usize, out: &mut String) {
    for (i, row) in rows.iter().enumerate() {
        out.push('|');
        for k in 0..width {
            let cell = row.get(k).map_or("", String::as_str);
            out.push(' ');
            out.push_str(&cell.replace('|', "\\|").replace('\n', " "));
            out.push_str(" |");
        }
        out.push('\n');
        if i == 0 {
            out.push('|');
            out.push_str(&"---|".repeat(width));
            out.push('\n');
        }
    }
    out.push('\n');
}

/// The source's file name: the input's name with `.md`.
fn target(to: &Path, from: &Path) -> PathBuf {
    let stem = from
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "van-ban".into());
    to.join(format!("{stem}.md"))
}

/// Imports each file; stops at the first that cannot be read or written.
pub fn import(opts: &Options) -> Result<Vec<Outcome>> {
    let mut done = Vec::new();
    for from in &opts.files {
        let written = target(&opts.to, from);
        if written.exists() && !opts.force {
            bail!(
                "{} exists: kehoach import never overwrites a source; pass --force to replace it, or --to another folder",
                written.display()
            );
        }
        let Input {
            text,
            notes: mut report,
            ocr,
        } = read_input(from)?;
        if let Some(ocr) = &ocr {
            report.insert(0, (1, ocr.clone()));
        }
        let src = crate::load::Source {
            path: from.clone(),
            text: text.clone(),
            mtime: None,
        };
        let (read, _) = crate::inspect::inspect(&src)
            .map_err(|d| anyhow::anyhow!("{}:{}: {}", from.display(), d.line, d.message))?;
        let origin = from
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let imported = source::markdown(&text, &read, &origin, ocr.as_deref());
        if !imported.dropped.is_empty() {
            let list: Vec<String> = imported.dropped.iter().map(usize::to_string).collect();
            report.push((
                0,
                format!(
                    "dropped as page numbers or running headers: lines {} of the text",
                    list.join(", ")
                ),
            ));
        }
        for name in source::unread(&read) {
            report.push((1, format!("{name} not read: write it in the front matter")));
        }
        // What a build will say of the written source, with its lines.
        let written_src = crate::load::Source {
            path: written.clone(),
            text: imported.source.clone(),
            mtime: None,
        };
        match crate::parse::read_document(&written_src) {
            Ok(d) => report.extend(d.diagnostics.into_iter().map(|d| (d.line, d.message))),
            Err(d) => report.push((d.line, d.message)),
        }
        std::fs::create_dir_all(&opts.to)
            .with_context(|| format!("{}: cannot create the folder", opts.to.display()))?;
        let tmp = written.with_extension("md.kehoach-import");
        std::fs::write(&tmp, &imported.source)
            .and_then(|()| std::fs::rename(&tmp, &written))
            .with_context(|| format!("{}: cannot write it", written.display()))?;
        done.push(Outcome {
            from: from.clone(),
            written,
            report,
        });
    }
    Ok(done)
}
