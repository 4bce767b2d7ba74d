//! What `serve` adds to the HTML it answers — never to the files on disk:
//! the reload script (it listens on [`EVENTS`] and reloads the page when
//! the site's generation differs from the one the page was served with)
//! and, after a failed build, an overlay with the build's error.

/// The Server-Sent Events endpoint: no page of a site can have this
/// address (its first segment is no slug kehoach writes).
pub const EVENTS: &str = "/__kehoach/events";

/// The reload script for a page served at generation `token`.
pub fn script(token: &str) -> String {
    // `token` is hex digits and '-'; escaped anyway, as any text put in a page.
    format!(
        "<script>/* kehoach serve: live reload */(function(){{\
if(!window.EventSource)return;\
var s=new EventSource(\"{EVENTS}?v=\"+encodeURIComponent(\"{}\"));\
s.addEventListener(\"reload\",function(){{s.close();location.reload();}});\
}})();</script>",
        js_escape(token)
    )
}

/// The box showing a failed build's error, fixed over the page.
pub fn overlay(error: &str, first: bool) -> String {
    let head = if first {
        "kehoach serve: the site could not be built. Fix the file named below; this page reloads when a build succeeds."
    } else {
        "kehoach serve: the last build failed, so this is the last good site. Fix the file named below; this page reloads when a build succeeds."
    };
    format!(
        "<div id=\"kehoach-serve-error\" role=\"alert\" style=\"position:fixed;left:1rem;right:1rem;bottom:1rem;\
max-height:70vh;overflow:auto;z-index:2147483647;background:#fff4f4;color:#5a0000;border:2px solid #b00;\
border-radius:6px;padding:1rem;font:14px/1.45 ui-monospace,monospace;box-shadow:0 4px 24px rgba(0,0,0,.35);text-align:left\">\
<strong style=\"font-family:system-ui,sans-serif\">{head}</strong>\
<pre style=\"white-space:pre-wrap;overflow-wrap:anywhere;margin:.6rem 0 0;font:inherit\">{}</pre></div>",
        escape(error)
    )
}

/// The page answered at every address while no build has succeeded.
pub fn error_page(error: &str, token: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>kehoach serve: build failed</title></head><body>{}{}</body></html>",
        overlay(error, true),
        script(token)
    )
    .into_bytes()
}

/// `html` with `snippet` inserted before its last `</body` (any case), or
/// appended when it has none.
pub fn inject(html: &[u8], snippet: &str) -> Vec<u8> {
    let at = html
        .windows(6)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Text made safe inside HTML elements and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Only letters, digits, '-' and '.' are kept: the token needs no more.
fn js_escape(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_go_before_the_body_end() {
        let check = |input: &str, expected: &str| {
            let got = String::from_utf8(inject(input.as_bytes(), "<S>")).unwrap();
            assert_eq!(got, expected, "{input:?}");
        };
        check(
            "<html><body><p>x</p></body></html>",
            "<html><body><p>x</p><S></body></html>",
        );
        check("<p>x</p>", "<p>x</p><S>");
        check("", "<S>");
        check(
            "<HTML><BODY>x</BODY></HTML>",
            "<HTML><BODY>x<S></BODY></HTML>",
        );
        check(
            "<body><pre>&lt;/body&gt;</pre></body >",
            "<body><pre>&lt;/body&gt;</pre><S></body >",
        );
        // The last one: a "</body>" shown in a page's text is escaped, so
        // the last is the document's own.
        check("<body>a</body>b</body>", "<body>a</body>b<S></body>");
        check("<body>é</Body>", "<body>é<S></Body>");
    }

    #[test]
    fn the_overlay_shows_errors_as_text() {
        let check = |error: &str, expected: &str| {
            let o = overlay(error, false);
            assert!(o.contains(expected), "{error:?} → {o}");
            assert!(!o.contains("<script"), "{error:?} → {o}");
        };
        check(
            "content/plans/a.md:3: error: <script>alert(1)</script>",
            "content/plans/a.md:3: error: &lt;script&gt;alert(1)&lt;/script&gt;",
        );
        check("a & b", "a &amp; b");
        check("\"quoted\" 'x'", "&quot;quoted&quot; &#39;x&#39;");
        check(
            "</pre></div><img src=x onerror=alert(1)>",
            "&lt;/pre&gt;&lt;/div&gt;&lt;img",
        );
        check("dòng 3: Kế hoạch", "dòng 3: Kế hoạch");
    }

    #[test]
    fn the_script_carries_only_the_token() {
        let s = script("1f-3\"</script><script>x");
        assert!(s.contains("\"1f-3scriptscriptx\""), "{s}");
        assert_eq!(s.matches("</script>").count(), 1);
        let page = String::from_utf8(error_page("bad <b>", "7-1")).unwrap();
        assert!(
            page.contains("bad &lt;b&gt;") && page.contains("\"7-1\""),
            "{page}"
        );
    }
}
