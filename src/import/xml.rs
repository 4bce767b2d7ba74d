//! A small XML tokenizer, enough for the parts of an Office file: tags with
//! their attributes, text with its entities decoded, comments, processing
//! instructions and CDATA skipped or kept as text. Pure and total: malformed
//! input ends the tokens, it never panics.

/// One token.
#[derive(Debug, PartialEq)]
pub enum Token<'a> {
    /// `<name attrs>` or `<name attrs/>` (`empty`).
    Open {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    Close(&'a str),
    /// Text between tags, entities decoded.
    Text(String),
}

/// The tokens of `s`, in order.
pub fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let Some(lt) = s[i..].find('<').map(|k| i + k) else {
            out.push(Token::Text(decode(&s[i..])));
            break;
        };
        if lt > i {
            out.push(Token::Text(decode(&s[i..lt])));
        }
        let rest = &s[lt..];
        if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r.find("]]>").unwrap_or(r.len());
            out.push(Token::Text(r[..end].to_string()));
            i = lt + 9 + (end + 3).min(r.len());
            continue;
        }
        let (close, skip) = if rest.starts_with("<!--") {
            ("-->", true)
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            (">", true)
        } else {
            (">", false)
        };
        let Some(end) = rest.find(close).map(|k| lt + k) else {
            break;
        };
        i = end + close.len();
        if skip {
            continue;
        }
        let inner = &s[lt + 1..end];
        if let Some(name) = inner.strip_prefix('/') {
            out.push(Token::Close(name.trim()));
            continue;
        }
        let empty = inner.ends_with('/');
        let inner = inner.trim_end_matches('/');
        let cut = inner.find(char::is_whitespace).unwrap_or(inner.len());
        out.push(Token::Open {
            name: &inner[..cut],
            attrs: &inner[cut..],
            empty,
        });
    }
    out
}

/// The value of attribute `key` in `attrs`, decoded.
pub fn attr(attrs: &str, key: &str) -> Option<String> {
    let mut rest = attrs;
    while let Some(k) = rest.find(key) {
        let before_ok = rest[..k]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let after = rest[k + key.len()..].trim_start();
        if before_ok && let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let end = v[1..].find(q)?;
                return Some(decode(&v[1..1 + end]));
            }
        }
        rest = &rest[k + key.len()..];
    }
    None
}

/// Decodes entities: see [`crate::text::decode_entities`].
pub fn decode(s: &str) -> String {
    crate::text::decode_entities(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[Token]) {
        assert_eq!(tokens(input), expected, "{input:?}");
    }

    #[test]
    fn tokens_of_office_xml() {
        use Token::*;
        check(
            r#"<?xml version="1.0"?><w:p><w:r><w:t xml:space="preserve">Số: 45&amp;</w:t><w:tab/></w:r></w:p>"#,
            &[
                Open {
                    name: "w:p",
                    attrs: "",
                    empty: false,
                },
                Open {
                    name: "w:r",
                    attrs: "",
                    empty: false,
                },
                Open {
                    name: "w:t",
                    attrs: r#" xml:space="preserve""#,
                    empty: false,
                },
                Text("Số: 45&".into()),
                Close("w:t"),
                Open {
                    name: "w:tab",
                    attrs: "",
                    empty: true,
                },
                Close("w:r"),
                Close("w:p"),
            ],
        );
        check(
            "<!-- c --><a>&#272;&#x1EA1;i &bogus; &</a>",
            &[
                Open {
                    name: "a",
                    attrs: "",
                    empty: false,
                },
                Text("Đại &bogus; &".into()),
                Close("a"),
            ],
        );
        check(
            "<a><![CDATA[x<y]]></a>",
            &[
                Open {
                    name: "a",
                    attrs: "",
                    empty: false,
                },
                Text("x<y".into()),
                Close("a"),
            ],
        );
        // Cut short: the tokens so far.
        check(
            "<a>text<b",
            &[
                Open {
                    name: "a",
                    attrs: "",
                    empty: false,
                },
                Text("text".into()),
            ],
        );
        check("&#xFFFFFFFF;<", &[Text("&#xFFFFFFFF;".into())]);
    }

    #[test]
    fn attributes() {
        assert_eq!(
            attr(r#" w:val="upperRoman" w:x='1'"#, "w:val").as_deref(),
            Some("upperRoman")
        );
        assert_eq!(attr(r#" w:x='1'"#, "w:x").as_deref(), Some("1"));
        assert_eq!(attr(r#" xw:val="no""#, "w:val"), None);
        assert_eq!(attr(r#" w:val="#, "w:val"), None);
    }
}
