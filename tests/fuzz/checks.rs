// The properties the fuzz targets check, one function each; included by
// the targets under fuzz/ and by tests/fuzz_replay.rs, which replays the
// inputs the fuzzers found (tests/fuzz/<target>/).

/// Front matter: splitting and typed reading never panic, whatever the bytes.
pub fn frontmatter(data: &[u8]) {
    let text = kehoach::text::normalize_input(&String::from_utf8_lossy(data));
    let src = kehoach::load::Source {
        path: "content/plans/f.md".into(),
        text,
        mtime: None,
    };
    let _ = kehoach::parse::document(&src);
    let _ = kehoach::parse::item(&kehoach::load::Source {
        path: "content/propaganda/f.md".into(),
        ..src
    });
}

/// Markdown rendering never panics, and what it emits never carries an
/// unsafe link, an outside image or raw HTML from the source.
pub fn markdown(data: &[u8]) {
    let text = kehoach::text::normalize_input(&String::from_utf8_lossy(data));
    let link = |n: &str, _l: usize| n.len().is_multiple_of(2).then(|| "../x/index.html".to_string());
    let r = kehoach::markdown::render(&text, 1, &[("Nghị quyết 28", "28-NQ/TW")], &link);
    // Only the tags count: text may say `href="javascript:` (its `<` is
    // escaped, so a tag is exactly a `<` … `>` span).
    let html = r.html.to_ascii_lowercase();
    for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
        for bad in ["href=\"javascript:", "href=\"vbscript:", "href=\"data:"] {
            assert!(!tag.contains(bad), "{bad} in <{tag}> of {:?}", r.html);
        }
        // An image only from the site: its address has no scheme and no
        // host ("http2%EF%BF%BD:…" is a relative path: a scheme is ASCII).
        if let Some(at) = tag.find(" src=\"") {
            let src = &tag[at + 6..];
            let scheme = src
                .find(':')
                .map(|c| &src[..c])
                .filter(|s| {
                    s.starts_with(|c: char| c.is_ascii_alphabetic())
                        && s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                });
            assert!(
                scheme.is_none() && !src.starts_with("//"),
                "outside image <{tag}> in {:?}",
                r.html
            );
        }
        for name in ["script", "iframe", "object", "embed"] {
            let opens = tag
                .strip_prefix(name)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '/', '\t', '\n']));
            assert!(!opens, "<{name}> in {:?}", r.html);
        }
    }
    let _ = kehoach::markdown::link_problems(&text, 1);
}

/// Citations and identifiers never panic, and every identifier found
/// reads back as itself.
pub fn citations(data: &[u8]) {
    let text = kehoach::text::normalize_input(&String::from_utf8_lossy(data));
    let lines = kehoach::extract::Lines::new(&text);
    let h = kehoach::extract::header::read(&lines);
    let mut diags = Vec::new();
    let blocks = kehoach::layout::read(&text);
    let _ = kehoach::extract::citations::read(&blocks, &h, None, &mut diags);
    for id in kehoach::docnum::find_all(&text) {
        assert!(id.start < id.end && id.end <= text.len());
        assert_eq!(
            kehoach::docnum::canonical(&id.canonical).as_deref(),
            Some(id.canonical.as_str())
        );
    }
}

/// Deadline phrases, date checks and task reading never panic, and a value
/// is always a range that ends on or after its start.
pub fn deadlines(data: &[u8]) {
    let text = kehoach::text::normalize_input(&String::from_utf8_lossy(data));
    let d0 = kehoach::date::Date::new(2023, 3, 15);
    // A range is never reversed (a "by" date or a horizon starts at the
    // document's date, which may lie after it: that is said, not mended).
    if let Some(d) = kehoach::deadline::parse(&text, d0)
        && let (Some(s), Some(e)) = (d.start, d.end)
        && !matches!(
            d.kind,
            kehoach::deadline::Kind::ByDate
                | kehoach::deadline::Kind::Horizon
                | kehoach::deadline::Kind::Vision
                | kehoach::deadline::Kind::Relative
        )
    {
        assert!(s <= e, "{s} > {e} for {text:?}");
    }
    let _ = kehoach::datecheck::problems(&text);
    let _ = kehoach::date::period_at(&text);
    let blocks = kehoach::layout::read(&text);
    let _ = kehoach::extract::tasks::read(&blocks, 0, d0);
}

/// The header, the signature, the security marks and the whole extraction
/// never panic.
pub fn header(data: &[u8]) {
    let text = kehoach::text::normalize_input(&String::from_utf8_lossy(data));
    let lines = kehoach::extract::Lines::new(&text);
    let _ = kehoach::extract::header::read(&lines);
    let _ = kehoach::extract::signature::read(&lines);
    let _ = kehoach::extract::security::read(&lines);
    let _ = kehoach::extract::extract(&text, None, None);
}
