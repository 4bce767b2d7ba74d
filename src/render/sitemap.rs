//! `sitemap.xml`: every page of the site, for the search engines of an
//! intranet or the web. Written only when `base_url` is absolute
//! (`https://…/`), as the sitemap protocol asks of its addresses.

use super::OutFile;

/// The sitemap of `files` (sorted by path): each `…/index.html` as its
/// folder's address, the 404 page left out.
pub fn sitemap(base_url: &str, files: &[OutFile]) -> Option<OutFile> {
    let lower = base_url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let base = if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    };
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for f in files {
        let Some(dir) = f.path.strip_suffix("index.html") else {
            continue;
        };
        if !(dir.is_empty() || dir.ends_with('/')) {
            continue;
        }
        s.push_str("<url><loc>");
        s.push_str(&crate::markdown::escape(&format!(
            "{base}{}",
            encode_path(dir)
        )));
        s.push_str("</loc></url>\n");
    }
    s.push_str("</urlset>\n");
    Some(OutFile {
        path: "sitemap.xml".into(),
        bytes: s.into_bytes(),
    })
}

/// Percent-encodes what a URL path may not hold as it is (Vietnamese
/// letters of attachment folders, spaces); keeps '/', letters, digits and
/// "-._~".
pub(super) fn encode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(base: &str, paths: &[&str], want: Option<&[&str]>) {
        let files: Vec<OutFile> = paths
            .iter()
            .map(|p| OutFile {
                path: p.to_string(),
                bytes: Vec::new(),
            })
            .collect();
        let got = sitemap(base, &files).map(|f| {
            let s = String::from_utf8(f.bytes).unwrap();
            s.split("<loc>")
                .skip(1)
                .map(|x| x[..x.find("</loc>").unwrap()].to_string())
                .collect::<Vec<_>>()
        });
        assert_eq!(
            got,
            want.map(|w| w.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
            "{base} {paths:?}"
        );
    }

    #[test]
    fn pages_as_absolute_addresses() {
        let pages = [
            "404.html",
            "index.html",
            "style.css",
            "van-ban/index.html",
            "van-ban/x/index.html",
            "van-ban/x/12.pdf",
            "xindex.html",
        ];
        check(
            "https://cong.vn/",
            &pages,
            Some(&[
                "https://cong.vn/",
                "https://cong.vn/van-ban/",
                "https://cong.vn/van-ban/x/",
            ]),
        );
        check(
            "https://cong.vn",
            &["index.html"],
            Some(&["https://cong.vn/"]),
        );
        check(
            "https://a.vn/?x=1&y",
            &["index.html"],
            Some(&["https://a.vn/?x=1&amp;y/"]),
        );
        // A relative base cannot make the protocol's absolute addresses.
        check("/", &pages, None);
        check("", &pages, None);
    }
}
