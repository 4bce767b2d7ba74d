//! Parsing: a source file becomes a [`Document`] or an [`Item`] — front
//! matter read and typed, the text extracted, the two merged (front matter
//! wins; a disagreement is a warning naming both values).

use crate::date::Date;
use crate::diag::Diagnostic;
use crate::docnum;
use crate::extract;
use crate::extract::DocMeta;
use crate::extract::security::{Declared, Marks};
use crate::frontmatter::{self, ItemFront, PlanFront};
use crate::kinds;
use crate::load::Source;
use crate::model::{Document, Item};
use crate::text::{clean_field, name_key, slug};
use std::path::Path;

/// The page URL of a source: its path under `content/<section>/`, without
/// extension, slugged, ending in '/'. None when a part of the path has no
/// letter or digit to make a slug of ("!!!.md").
pub fn url_for(path: &Path, section: &str, prefix: &str) -> Option<String> {
    let rel = path
        .strip_prefix(format!("content/{section}"))
        .unwrap_or(path);
    let parts: Vec<String> = rel
        .with_extension("")
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(p) => Some(slug(&p.to_string_lossy())),
            _ => None,
        })
        .collect();
    if parts.is_empty() || parts.iter().any(String::is_empty) {
        return None;
    }
    Some(format!("{prefix}/{}/", parts.join("/")))
}

/// Page folders directly under a section that generated pages use.
const RESERVED: &[(&str, &str)] = &[
    (
        "trang",
        "the pages of the document list (van-ban/trang/2/ …)",
    ),
    (
        "trich-dan",
        "the pages of documents known only from citations",
    ),
];

/// The URL of a source's page, or an error saying why it cannot have one.
fn page_url(path: &Path, section: &str, prefix: &str) -> Result<String, Diagnostic> {
    let url = url_for(path, section, prefix).ok_or_else(|| {
        Diagnostic::error(
            0,
            "the file or folder name has no letter or digit to make a page address of: rename it (e.g. ke-hoach-12.md)",
        )
    })?;
    let first = url[prefix.len() + 1..].split('/').next().unwrap_or("");
    if let Some((_, what)) = RESERVED.iter().find(|(r, _)| *r == first) {
        return Err(Diagnostic::error(
            0,
            format!(
                "its page would be {url}, which belongs to {what}: rename the folder or file \"{first}\""
            ),
        ));
    }
    Ok(url)
}

fn merge_field<T: PartialEq + std::fmt::Display + Clone>(
    key: &str,
    front: Option<T>,
    text: Option<T>,
    same: impl Fn(&T, &T) -> bool,
    diags: &mut Vec<Diagnostic>,
    line: usize,
) -> Option<T> {
    match (front, text) {
        (Some(f), Some(t)) => {
            if !same(&f, &t) {
                diags.push(Diagnostic::warning(
                    line,
                    format!("front matter {key} = \"{f}\" but the text says \"{t}\": the front matter value is used; correct whichever is wrong"),
                ));
            }
            Some(f)
        }
        (f, t) => f.or(t),
    }
}

/// Reads one document source of the site. Errors (broken front matter, a
/// file name that gives no page address) stop the build; warnings travel
/// with the document.
pub fn document(src: &Source) -> Result<Document, Diagnostic> {
    let url = page_url(&src.path, "plans", "van-ban")?;
    let mut d = read_document(src)?;
    d.url = url;
    Ok(d)
}

/// Reads a document's text wherever it is (`kehoach inspect`): as
/// [`document`], without a page address.
pub fn read_document(src: &Source) -> Result<Document, Diagnostic> {
    let split = frontmatter::split(&src.text)?;
    let (mut front, fm_line) = match split.front {
        Some((fm, line)) => (frontmatter::parse::<PlanFront>(fm, line)?, line),
        None => (PlanFront::default(), 1),
    };
    // TOML escapes can carry any character: clean what is shown.
    for f in [
        &mut front.number,
        &mut front.title,
        &mut front.issuer,
        &mut front.place,
        &mut front.signer,
    ] {
        if let Some(v) = f.as_mut() {
            *v = clean_field(v);
        }
    }
    for r in front.recipients.iter_mut().flatten() {
        *r = clean_field(r);
    }
    let mut diags = Vec::new();
    let front_date = match (&front.date, split.front) {
        (Some(d), Some((fm, line))) => Some(frontmatter::date_field(&d.text(), "date", fm, line)?),
        _ => None,
    };
    let front_number = front.number.as_ref().map(|n| docnum::canonical(n).unwrap_or_else(|| {
            diags.push(Diagnostic::warning(fm_line, format!("front matter number \"{n}\" is not in a known form (e.g. \"12-KH/TW\"); it is used as written")));
            n.trim().to_string()
        }));
    let front_kind = match &front.kind {
        Some(k) => match kinds::by_name(k).or_else(|| kinds::by_code(k)) {
            Some(kind) => Some(kind),
            None => {
                return Err(Diagnostic::error(
                    fm_line,
                    format!(
                        "front matter kind = \"{k}\" is not a known kind; write a code such as \"KH\", \"CTr\", \"NQ\" or a name such as \"Kế hoạch\""
                    ),
                ));
            }
        },
        None => None,
    };

    let facts = extract::extract(split.body, front_number.as_deref(), front_date);
    let off = split.body_line - 1;
    let marks = merge_marks(
        facts.marks,
        off,
        front.security.as_deref(),
        fm_line,
        &mut diags,
    )?;
    let draft = front.draft.unwrap_or(marks.draft.is_some());
    diags.extend(facts.diagnostics.into_iter().map(|mut d| {
        d.line += off;
        d
    }));
    let t = facts.meta;
    let eq = |a: &String, b: &String| name_key(a) == name_key(b);
    // A front-matter value that makes the printed one precise ("Ban Thường vụ
    // Đảng ủy Khối" → "… Khối các cơ quan tỉnh Quảng Nam") is no disagreement.
    let refines = |f: &String, t: &String| name_key(f).starts_with(&name_key(t));
    let meta = DocMeta {
        number: merge_field(
            "number",
            front_number,
            t.number,
            |a, b| a == b,
            &mut diags,
            fm_line,
        ),
        kind: front_kind.map(|k| k.code.to_string()).or(t.kind.clone()),
        kind_name: merge_field(
            "kind",
            front_kind.map(|k| k.name.to_string()),
            t.kind_name,
            eq,
            &mut diags,
            fm_line,
        ),
        title: merge_field("title", front.title, t.title, eq, &mut diags, fm_line),
        issuer: merge_field(
            "issuer",
            front.issuer,
            t.issuer,
            refines,
            &mut diags,
            fm_line,
        ),
        date: merge_field::<Date>(
            "date",
            front_date,
            t.date,
            |a, b| a == b,
            &mut diags,
            fm_line,
        ),
        place: merge_field("place", front.place, t.place, eq, &mut diags, fm_line),
        signer: merge_field("signer", front.signer, t.signer, eq, &mut diags, fm_line),
        signer_title: t.signer_title,
        signer_authority: t.signer_authority,
        recipients: front.recipients.unwrap_or(t.recipients),
    };
    let mut tasks = facts.tasks;
    for t in &mut tasks {
        t.line += off;
    }
    let mut bodies = facts.bodies;
    for b in &mut bodies {
        b.line += off;
    }
    let mut citations = facts.citations;
    // What a report names in its opening is what it reports on.
    let report = meta.kind.as_deref() == Some("BC");
    for c in &mut citations {
        if report && c.relation == crate::extract::citations::Relation::Implements {
            c.relation = crate::extract::citations::Relation::Reports;
        }
        c.line += off;
        for m in &mut c.mentions {
            *m += off;
        }
    }
    diags.extend(
        crate::markdown::link_problems(split.body, split.body_line)
            .into_iter()
            .map(|(line, m)| Diagnostic::warning(line, m)),
    );
    let statuses = match split.front {
        Some((fm, line)) => statuses(&front.status, &tasks, fm, line, &mut diags),
        None => Vec::new(),
    };
    if meta.title.is_none() {
        diags.push(Diagnostic::warning(0, "no title (trích yếu) found under the kind word: add `title = \"…\"` to the front matter"));
    }
    Ok(Document {
        url: String::new(),
        path: src.path.clone(),
        meta,
        draft,
        marks,
        body: crate::lazytext::LazyText::new(split.body.to_string()),
        // Set by the build that reads it through the read cache
        // (`build::parse_all`), which encodes the result anyway.
        facts: None,
        body_line: split.body_line,
        shown_apart: facts
            .shown_apart
            .iter()
            .map(|&(a, b)| (a + off, b + off))
            .collect(),
        citations,
        tasks,
        bodies,
        statuses,
        attachments: Vec::new(),
        diagnostics: diags,
    })
}

/// The `[[status]]` entries of a front matter matched to the tasks they
/// name: a task is named by the first words of its text (compared by
/// [`name_key`]). A quote that names no task, or tasks of different texts,
/// a state or date that cannot be read: a warning at its line, and the
/// entry is not used.
fn statuses(
    front: &[frontmatter::StatusFront],
    tasks: &[extract::tasks::Task],
    fm: &str,
    fm_line: usize,
    diags: &mut Vec<Diagnostic>,
) -> Vec<crate::model::Status> {
    let keys: Vec<String> = tasks.iter().map(|t| name_key(&t.text)).collect();
    let mut out = Vec::new();
    for s in front {
        let quote = name_key(&s.task);
        let line = fm
            .lines()
            .position(|l| l.contains("task") && name_key(l).contains(&quote))
            .map_or(fm_line, |k| fm_line + k);
        let Some(recorded) = crate::model::Recorded::by_name(&s.state) else {
            diags.push(Diagnostic::warning(
                line,
                format!(
                    "status state = \"{}\" is not a state: write \"done\", \"in-progress\" or \"dropped\"",
                    s.state
                ),
            ));
            continue;
        };
        let date = match &s.date {
            Some(d) => match Date::parse_iso(&d.text()) {
                Some(d) => Some(d),
                None => {
                    diags.push(Diagnostic::warning(
                        line,
                        format!(
                            "status date = \"{}\" is not a date: write it as YYYY-MM-DD",
                            d.text()
                        ),
                    ));
                    continue;
                }
            },
            None => None,
        };
        let hits: Vec<usize> = if quote.split(' ').count() < 2 {
            Vec::new()
        } else {
            (0..tasks.len())
                .filter(|&k| keys[k].starts_with(&quote))
                .collect()
        };
        let texts: std::collections::BTreeSet<&str> =
            hits.iter().map(|&k| keys[k].as_str()).collect();
        if hits.is_empty() || texts.len() > 1 {
            let why = if hits.is_empty() {
                "names no task".to_string()
            } else {
                format!("names {} different tasks", texts.len())
            };
            diags.push(Diagnostic::warning(
                line,
                format!(
                    "status task = \"{}\" {why}: quote the first words of one task as printed (two words or more), e.g. \"{}\"",
                    s.task,
                    tasks
                        .iter()
                        .find(|t| texts.is_empty() || keys_start(&t.text, &quote))
                        .map(|t| t.text.split_whitespace().take(8).collect::<Vec<_>>().join(" "))
                        .unwrap_or_default()
                ),
            ));
            continue;
        }
        out.push(crate::model::Status {
            tasks: hits,
            recorded,
            date,
            note: s.note.as_deref().map(clean_field),
            line,
        });
    }
    out
}

fn keys_start(text: &str, quote: &str) -> bool {
    name_key(text).starts_with(quote)
}

/// Reads one propaganda item. A title is required: from front matter or
/// the first Markdown heading.
pub fn item(src: &Source) -> Result<Item, Diagnostic> {
    let split = frontmatter::split(&src.text)?;
    let (mut front, fm) = match split.front {
        Some((fm, line)) => (frontmatter::parse::<ItemFront>(fm, line)?, Some((fm, line))),
        None => (ItemFront::default(), None),
    };
    for f in [&mut front.title, &mut front.kind] {
        if let Some(v) = f.as_mut() {
            *v = clean_field(v);
        }
    }
    let date = match (&front.date, fm) {
        (Some(d), Some((fm, line))) => Some(frontmatter::date_field(&d.text(), "date", fm, line)?),
        _ => None,
    };
    let mut diags = Vec::new();
    let text_marks = extract::security::read(&extract::Lines::new(split.body));
    let marks = merge_marks(
        text_marks,
        split.body_line - 1,
        front.security.as_deref(),
        fm.map_or(1, |f| f.1),
        &mut diags,
    )?;
    let title = front.title.clone().or_else(|| {
        split
            .body
            .lines()
            .find(|l| l.starts_with("# "))
            .map(|l| l.trim_start_matches('#').trim().to_string())
    });
    let Some(title) = title else {
        return Err(Diagnostic::error(
            1,
            "a propaganda item needs a title: add `title = \"…\"` to its front matter",
        ));
    };
    diags.extend(
        crate::markdown::link_problems(split.body, split.body_line)
            .into_iter()
            .map(|(line, m)| Diagnostic::warning(line, m)),
    );
    let promotes = front
        .promotes
        .iter()
        .map(|p| {
            docnum::canonical(p).unwrap_or_else(|| {
                diags.push(Diagnostic::warning(
                    1,
                    format!("promotes \"{p}\" is not a document number such as \"12-KH/TW\""),
                ));
                p.clone()
            })
        })
        .collect();
    Ok(Item {
        url: page_url(&src.path, "propaganda", "tuyen-truyen")?,
        path: src.path.clone(),
        title,
        date,
        kind: front.kind.unwrap_or_else(|| "Tin bài".to_string()),
        promotes,
        body: split.body.to_string(),
        body_line: split.body_line,
        draft: front.draft || marks.draft.is_some(),
        marks,
        diagnostics: diags,
    })
}

/// The marks of a text (lines relative to its body, moved by `off` to the
/// file's) combined with front matter `security = "…"`: a declared level
/// or limit adds to what the text carries; "công khai" clears both, and
/// says so while the text still carries a mark.
fn merge_marks(
    mut m: Marks,
    off: usize,
    declared: Option<&str>,
    fm_line: usize,
    diags: &mut Vec<Diagnostic>,
) -> Result<Marks, Diagnostic> {
    for l in m.level.iter_mut() {
        l.1 += off;
    }
    for l in m.limits.iter_mut() {
        l.1 += off;
    }
    for l in m.urgency.iter_mut() {
        l.1 += off;
    }
    for l in m.draft.iter_mut() {
        *l += off;
    }
    let Some(d) = declared else { return Ok(m) };
    match Declared::parse(d) {
        None => Err(Diagnostic::error(
            fm_line,
            format!(
                "front matter security = \"{d}\" is not a mark kehoach knows; write one of {}",
                Declared::names()
            ),
        )),
        Some(Declared::Level(l)) => {
            if m.level.is_none_or(|(have, _)| l > have) {
                m.level = Some((l, fm_line));
            }
            Ok(m)
        }
        Some(Declared::Limit(l)) => {
            if !m.limits.iter().any(|(have, _)| *have == l) {
                m.limits.push((l, fm_line));
                m.limits.sort();
            }
            Ok(m)
        }
        Some(Declared::Public) => {
            let carried: Vec<String> = m
                .level
                .iter()
                .map(|(l, line)| format!("{} on line {line}", l.label()))
                .chain(
                    m.limits
                        .iter()
                        .map(|(l, line)| format!("\"{}\" on line {line}", l.label())),
                )
                .collect();
            if !carried.is_empty() {
                diags.push(Diagnostic::warning(
                    fm_line,
                    format!(
                        "front matter security = \"công khai\" publishes this document although the text carries {}: make sure the mark is not real",
                        carried.join(" and ")
                    ),
                ));
            }
            m.level = None;
            m.limits.clear();
            Ok(m)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn src(path: &str, text: &str) -> Source {
        Source {
            path: PathBuf::from(path),
            text: text.to_string(),
            mtime: None,
        }
    }

    #[test]
    fn front_matter_fills_and_wins() {
        let d = document(&src(
            "content/plans/tw/12-kh-tw.md",
            "+++\nnumber = \"12-KH/TW\"\ndate = \"2022-11-28\"\n+++\nKẾ HOẠCH\nthực hiện Nghị quyết\n\nThực hiện Nghị quyết số 28-NQ/TW, Bộ Chính trị ban hành Kế hoạch như sau:\n\nI- MỤC ĐÍCH\n",
        ))
        .unwrap();
        assert_eq!(d.meta.number.as_deref(), Some("12-KH/TW"));
        assert_eq!(
            d.meta.date.map(|d| d.to_string()).as_deref(),
            Some("2022-11-28")
        );
        assert_eq!(d.meta.issuer.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(d.url, "van-ban/tw/12-kh-tw/");
        assert_eq!(
            d.citations[0].line, 8,
            "lines count from the top of the file"
        );
    }

    /// (task indices, state) of each status a front matter's `[[status]]`
    /// gives, and the warnings (line, start of message) it gives.
    fn check_status(statuses: &str, want: &[(&[usize], Recorded)], warns: &[(usize, &str)]) {
        let text = format!(
            "+++\ndate = \"2026-02-10\"\n{statuses}+++\nKẾ HOẠCH\ntuyên truyền\n\n1. Ban Tuyên giáo tổ chức hội thi tuyên truyền viên (hoàn thành trong quý IV/2026).\n\n2. Ban Dân vận tổ chức hội nghị đối thoại (hoàn thành trong tháng 3/2026).\n\n3. Ban Dân vận tổ chức hội nghị tập huấn (hoàn thành trong tháng 5/2026).\n"
        );
        let d = document(&src("content/plans/a.md", &text)).unwrap();
        assert_eq!(d.tasks.len(), 3, "{:?}", d.tasks);
        let got: Vec<(Vec<usize>, Recorded)> = d
            .statuses
            .iter()
            .map(|s| (s.tasks.clone(), s.recorded))
            .collect();
        let want: Vec<(Vec<usize>, Recorded)> =
            want.iter().map(|(t, r)| (t.to_vec(), *r)).collect();
        assert_eq!(got, want, "{statuses}");
        let got: Vec<(usize, String)> = d
            .diagnostics
            .iter()
            .filter(|w| w.message.starts_with("status"))
            .map(|w| (w.line, w.message.clone()))
            .collect();
        assert_eq!(got.len(), warns.len(), "{got:?}");
        for ((l, m), (wl, wm)) in got.iter().zip(warns) {
            assert!(l == wl && m.starts_with(wm), "{got:?}");
        }
    }

    use crate::model::Recorded;

    #[test]
    fn statuses_name_their_task_by_its_first_words() {
        // Case and tone placement do not matter; the rest of the task may change.
        check_status(
            "[[status]]\ntask = \"ban dân vận tổ chức hội nghị đối thoại\"\nstate = \"done\"\n",
            &[(&[1], Recorded::Done)],
            &[],
        );
        check_status(
            "[[status]]\ntask = \"Ban Tuyên giáo tổ chức\"\nstate = \"in-progress\"\ndate = 2026-05-01\n[[status]]\ntask = \"Ban Dân vận tổ chức hội nghị tập\"\nstate = \"dropped\"\n",
            &[(&[0], Recorded::InProgress), (&[2], Recorded::Dropped)],
            &[],
        );
        // Two tasks begin so: say which; none does; a bad state or date.
        check_status(
            "[[status]]\ntask = \"Ban Dân vận tổ chức hội nghị\"\nstate = \"done\"\n",
            &[],
            &[(
                4,
                "status task = \"Ban Dân vận tổ chức hội nghị\" names 2 different tasks",
            )],
        );
        check_status(
            "[[status]]\ntask = \"Ban Kinh tế rà soát\"\nstate = \"done\"\n",
            &[],
            &[(4, "status task = \"Ban Kinh tế rà soát\" names no task")],
        );
        check_status(
            "[[status]]\ntask = \"Ban Tuyên giáo tổ chức\"\nstate = \"xong\"\n",
            &[],
            &[(4, "status state = \"xong\" is not a state")],
        );
        check_status(
            "[[status]]\ntask = \"Ban Tuyên giáo tổ chức\"\nstate = \"done\"\ndate = \"31/12/2026\"\n",
            &[],
            &[(4, "status date = \"31/12/2026\" is not a date")],
        );
        // One word names nothing for sure.
        check_status(
            "[[status]]\ntask = \"Ban\"\nstate = \"done\"\n",
            &[],
            &[(4, "status task = \"Ban\" names no task")],
        );
    }

    #[test]
    fn disagreement_is_a_warning_naming_both() {
        let d = document(&src(
            "content/plans/a.md",
            "+++\nnumber = \"267-KH/ĐU\"\n+++\nSố 266 - KH/ĐU\n\nKẾ HOẠCH\n\nx\n",
        ))
        .unwrap();
        assert_eq!(d.meta.number.as_deref(), Some("267-KH/ĐU"));
        let w = &d
            .diagnostics
            .iter()
            .find(|w| w.message.contains("number"))
            .unwrap()
            .message;
        assert!(w.contains("267-KH/ĐU") && w.contains("266-KH/ĐU"), "{w}");
    }

    #[test]
    fn errors_name_the_line() {
        for (text, line, needle) in [
            ("+++\nnumber = \"1\"\ntitel = \"x\"\n+++\n", 3, "titel"),
            ("+++\nnumber = \"1\"\n", 1, "never closed"),
            ("+++\ndate = \"28/11/2022\"\n+++\n", 2, "YYYY-MM-DD"),
            ("+++\nkind = \"Sách\"\n+++\n", 2, "kind"),
            ("+++\nnumber = [1\n+++\n", 2, "front matter"),
        ] {
            let e = document(&src("content/plans/a.md", text)).unwrap_err();
            assert_eq!(e.line, line, "{text:?}: {e:?}");
            assert!(e.message.contains(needle), "{}", e.message);
        }
    }

    #[test]
    fn items_need_a_title() {
        let i = item(&src(
            "content/propaganda/a.md",
            "+++\ndate = \"2023-01-02\"\npromotes = [\"12 - KH/TW\"]\n+++\n# Tin mới\n",
        ))
        .unwrap();
        assert_eq!(i.title, "Tin mới");
        assert_eq!(i.promotes, vec!["12-KH/TW"]);
        assert!(item(&src("content/propaganda/b.md", "no title")).is_err());
    }
}
