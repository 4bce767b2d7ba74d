//! Front matter: TOML between `+++` lines at the top of a Markdown file
//! (the Zola convention). Splitting and typed reading, with errors that name
//! the line and say what to do.

use crate::date::Date;
use crate::diag::Diagnostic;
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// A source split into its front matter and body.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML text and the 1-based file line of its first line.
    pub front: Option<(&'a str, usize)>,
    pub body: &'a str,
    /// 1-based file line where the body starts.
    pub body_line: usize,
}

/// Splits `text` at its `+++` fences. A file with no front matter is all
/// body; an opened but unclosed fence is an error.
pub fn split(text: &str) -> Result<Split<'_>, Diagnostic> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() == "---" {
        return Err(Diagnostic::error(
            1,
            "front matter starts with '---' (YAML); kehoach reads TOML between '+++' lines: change both fences to '+++' and write keys as `key = \"value\"`",
        ));
    }
    if first.trim_end() != "+++" {
        if let Some(line) = missing_opening_fence(text) {
            return Err(Diagnostic::error(
                1,
                format!(
                    "this looks like front matter without its opening '+++' (the closing '+++' is on line {line}): add a line with only '+++' as line 1"
                ),
            ));
        }
        return Ok(Split {
            front: None,
            body: text,
            body_line: 1,
        });
    }
    let mut offset = first.len() + 1;
    let start = offset.min(text.len());
    for (i, line) in text[start..].split_inclusive('\n').enumerate() {
        if line.trim_end() == "+++" {
            let front = &text[start..offset];
            let body_start = (offset + line.len()).min(text.len());
            return Ok(Split {
                front: Some((front, 2)),
                body: &text[body_start..],
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        1,
        "front matter opened with '+++' on line 1 is never closed: add a line with only '+++' after the last key",
    ))
}

/// Whether a source holds nothing: no text, and no front matter or one with
/// no key (only blank lines and comments). Such a file is not a document.
pub fn is_blank(text: &str) -> bool {
    match split(text) {
        Ok(s) => {
            s.body.trim().is_empty()
                && s.front.is_none_or(|(fm, _)| {
                    fm.lines().all(|l| {
                        let t = l.trim();
                        t.is_empty() || t.starts_with('#')
                    })
                })
        }
        Err(_) => false,
    }
}

/// The line of a `+++` that closes what looks like front matter opened
/// without its fence: the text starts with `key = value` lines of the keys
/// kehoach knows and runs into a `+++` line.
fn missing_opening_fence(text: &str) -> Option<usize> {
    const KEYS: &[&str] = &[
        "number",
        "kind",
        "title",
        "issuer",
        "date",
        "place",
        "signer",
        "recipients",
        "draft",
        "security",
        "promotes",
    ];
    let mut keys = 0;
    for (i, line) in text.lines().enumerate().take(40) {
        let t = line.trim();
        if t == "+++" {
            return (keys > 0).then_some(i + 1);
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let key = t.split('=').next().unwrap_or("").trim();
        if t.contains('=') && KEYS.contains(&key) {
            keys += 1;
        } else if !t.starts_with('"') && !t.starts_with(']') {
            return None;
        }
    }
    None
}

/// Parses front matter TOML into `T`, mapping errors to the file's lines.
pub fn parse<T: DeserializeOwned>(front: &str, first_line: usize) -> Result<T, Diagnostic> {
    toml::from_str(front).map_err(|e| {
        let line = e
            .span()
            .map(|s| front[..s.start].matches('\n').count() + first_line)
            .unwrap_or(first_line);
        if let Some(hint) = front.lines().nth(line - first_line).and_then(unquoted_text) {
            return Diagnostic::error(line, format!("front matter: {hint}"));
        }
        let mut msg = e.message().trim().to_string();
        if msg.starts_with("unknown field") {
            msg.push_str("; remove the key or correct its spelling");
        }
        Diagnostic::error(line, format!("front matter: {msg}"))
    })
}

/// For a line that gives a text field a value without quotes (`number =
/// 15-KH`, `issuer = Ban Thường vụ`, `recipients = Sở Tư pháp`), which TOML
/// reads as a broken date, number or key: what to write instead.
fn unquoted_text(line: &str) -> Option<String> {
    /// Keys whose values are text, and those that are lists of texts.
    const TEXT: &[&str] = &[
        "number", "kind", "title", "issuer", "place", "signer", "security", "task", "state", "note",
    ];
    const LISTS: &[&str] = &["recipients", "promotes"];
    let (key, value) = line.split_once('=')?;
    let (key, value) = (key.trim(), value.trim());
    // A value that starts as TOML's own (quoted, a list, a table) is not
    // this mistake; nor is an empty one.
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    let value = value.split(" #").next().unwrap_or(value).trim();
    if TEXT.contains(&key) {
        Some(format!(
            "the value of `{key}` is text and must be in quotes: write {key} = \"{value}\""
        ))
    } else if LISTS.contains(&key) {
        Some(format!(
            "`{key}` is a list of texts in quotes: write {key} = [\"{value}\"]"
        ))
    } else {
        None
    }
}

/// Front matter of a document. Every field may be left out: it is then read
/// from the text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFront {
    pub number: Option<String>,
    /// Type code ("KH") or kind word ("Kế hoạch").
    pub kind: Option<String>,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub date: Option<DateValue>,
    pub place: Option<String>,
    pub signer: Option<String>,
    pub recipients: Option<Vec<String>>,
    /// Set: the text's own "DỰ THẢO" mark is overridden either way.
    pub draft: Option<bool>,
    /// "mật", "tối mật", "tuyệt mật", a circulation limit, or "công khai".
    pub security: Option<String>,
    /// Statuses an editor records for tasks (`[[status]]`).
    #[serde(default)]
    pub status: Vec<StatusFront>,
}

/// One `[[status]]` of a document's front matter: the task is named by the
/// first words of its text as printed (compared without case or tone
/// marks' placement), so it survives edits above the task and line shifts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusFront {
    /// The first words of the task ("Sơ kết việc thực hiện tổ chức …").
    pub task: String,
    /// "done", "in-progress" or "dropped".
    pub state: String,
    pub date: Option<DateValue>,
    pub note: Option<String>,
}

/// A date in front matter: `"2023-01-04"` or the TOML literal `2023-01-04`.
#[derive(Debug, Deserialize, Clone)]
#[serde(untagged)]
pub enum DateValue {
    Text(String),
    Literal(toml::value::Datetime),
}

impl DateValue {
    /// The value as written, for messages and for [`date_field`].
    pub fn text(&self) -> String {
        match self {
            DateValue::Text(s) => s.clone(),
            DateValue::Literal(d) => d.to_string(),
        }
    }
}

/// Front matter of a propaganda item.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFront {
    pub title: Option<String>,
    pub date: Option<DateValue>,
    /// "tin", "khẩu hiệu", "cuộc thi", "đề cương" …
    pub kind: Option<String>,
    /// Numbers of the documents the item promotes.
    #[serde(default)]
    pub promotes: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    pub security: Option<String>,
}

/// Reads a `YYYY-MM-DD` field value, or says how to write it.
pub fn date_field(
    value: &str,
    key: &str,
    front: &str,
    first_line: usize,
) -> Result<Date, Diagnostic> {
    // A TOML date literal prints as YYYY-MM-DD; one with a time is refused.
    Date::parse_iso(value).ok_or_else(|| {
        let line = front
            .lines()
            .position(|l| l.trim_start().starts_with(key))
            .map(|i| i + first_line)
            .unwrap_or(first_line);
        Diagnostic::error(line, format!("front matter: {key} = \"{value}\" is not a date; write it as \"YYYY-MM-DD\", e.g. \"2022-11-28\""))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_split(text: &str, front: Option<&str>, body: &str, body_line: usize) {
        let s = split(text).expect("splits");
        assert_eq!(s.front.map(|f| f.0), front, "{text:?}");
        assert_eq!(s.body, body);
        assert_eq!(s.body_line, body_line);
    }

    #[test]
    fn splitting() {
        check_split("no front\nmatter", None, "no front\nmatter", 1);
        check_split("+++\na = 1\n+++\nbody\n", Some("a = 1\n"), "body\n", 4);
        check_split("+++\n+++\n", Some(""), "", 3);
        check_split("text\n+++\n", None, "text\n+++\n", 1);
        check_split("a = b is prose\n+++\n", None, "a = b is prose\n+++\n", 1);
    }

    #[test]
    fn split_errors_name_the_line() {
        let e = split("+++\nnumber = \"1\"\nbody").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("never closed"));
        let e = split("number = \"1-KH/TU\"\ntitle = \"x\"\n+++\nKẾ HOẠCH\n").unwrap_err();
        assert!(e.message.contains("opening '+++'"), "{}", e.message);
        assert!(
            split("---\ntitle: x\n---\n")
                .unwrap_err()
                .message
                .contains("TOML")
        );
    }

    #[test]
    fn parse_errors_name_the_line() {
        let e = parse::<PlanFront>("number = \"1\"\ntitel = \"x\"\n", 2).unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert!(e.message.contains("titel"), "{}", e.message);
        let e = parse::<PlanFront>("number = \"1\"\n\ndate = 2022-01-01 x\n", 2).unwrap_err();
        assert_eq!(e.line, 4, "{e:?}");
        let e = date_field(
            "28/11/2022",
            "date",
            "kind = \"KH\"\ndate = \"28/11/2022\"\n",
            2,
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
    }

    #[test]
    fn unquoted_text_values_say_to_quote_them() {
        for (front, line, says) in [
            ("number = 15-KH\n", 2, "write number = \"15-KH\""),
            (
                "title = \"x\"\nnumber = 15-KH/TU\n",
                3,
                "write number = \"15-KH/TU\"",
            ),
            ("number = 2449\n", 2, "write number = \"2449\""),
            (
                "issuer = Ban Thường vụ Tỉnh ủy\n",
                2,
                "write issuer = \"Ban Thường vụ Tỉnh ủy\"",
            ),
            ("kind = KH\n", 2, "write kind = \"KH\""),
            (
                "title = thực hiện Nghị quyết # ghi chú\n",
                2,
                "write title = \"thực hiện Nghị quyết\"",
            ),
            (
                "recipients = Sở Tư pháp\n",
                2,
                "write recipients = [\"Sở Tư pháp\"]",
            ),
            (
                "promotes = 12-KH/TW\n",
                2,
                "write promotes = [\"12-KH/TW\"]",
            ),
        ] {
            let e = parse::<PlanFront>(front, 2)
                .err()
                .or_else(|| parse::<ItemFront>(front, 2).err())
                .unwrap_or_else(|| panic!("{front:?} parses"));
            assert_eq!(e.line, line, "{front:?}");
            assert!(e.message.contains(says), "{front:?}: {}", e.message);
            assert!(e.message.contains("in quotes"), "{}", e.message);
        }
        // Other mistakes keep TOML's words.
        for front in ["date = 2022-13-01\n", "draft = có\n", "number = \"1\nx\"\n"] {
            let e = parse::<PlanFront>(front, 2).unwrap_err();
            assert!(!e.message.contains("in quotes"), "{front:?}: {}", e.message);
        }
    }

    #[test]
    fn blank_sources() {
        for (text, blank) in [
            ("", true),
            ("\n\n  \n", true),
            ("+++\n+++\n", true),
            ("+++\n+++\n\n", true),
            ("+++\n# chưa điền\n\n+++\n", true),
            ("+++\ntitle = \"x\"\n+++\n", false),
            ("+++\n+++\nKẾ HOẠCH\n", false),
            ("KẾ HOẠCH\n", false),
            ("+++\nnumber = \"1\"\n", false),
        ] {
            assert_eq!(is_blank(text), blank, "{text:?}");
        }
    }

    #[test]
    fn dates_as_strings_or_toml_literals() {
        let f = parse::<PlanFront>("date = 2023-01-04\n", 2).unwrap();
        assert_eq!(f.date.unwrap().text(), "2023-01-04");
        let f = parse::<PlanFront>("date = \"2023-01-04\"\n", 2).unwrap();
        assert_eq!(f.date.unwrap().text(), "2023-01-04");
    }
}
