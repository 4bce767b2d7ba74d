//! The bodies registry (`content/bodies.toml`): organisations with their
//! names, short names, codes and parents, and matching of names printed in
//! documents against it (case, NFC/NFD and tone placement ignored).

use crate::diag::Diagnostic;
use crate::text::name_key;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// Stable identifier, used in URLs.
    pub id: String,
    pub name: String,
    /// Short names and other spellings ("TTXVN", "Ban Thường vụ Đảng ủy TTXVN").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Issuer code in document numbers ("TW", "ĐU", "ĐUK").
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
    /// central, province, district, grassroots, agency …
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub successor: Option<String>,
    #[serde(default)]
    pub predecessor: Option<String>,
    /// True for groups such as "Các tỉnh ủy, thành ủy".
    #[serde(default)]
    pub group: bool,
    /// For a group: the ids of its members (with its children, the bodies
    /// a document addressed to the group expects to act).
    #[serde(default)]
    pub members: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    body: Vec<Body>,
}

/// The registry, indexed by id and by every name key.
#[derive(Debug, Default)]
pub struct Registry {
    pub bodies: Vec<Body>,
    by_id: HashMap<String, usize>,
    /// Name or alias key → the bodies that carry it (a short name such as
    /// "Ban Tuyên giáo Đảng ủy Khối" may belong to several provinces).
    by_key: HashMap<String, Vec<usize>>,
}

impl Registry {
    /// Parses `bodies.toml`; problems are diagnostics with lines.
    pub fn parse(text: &str) -> Result<Registry, Vec<Diagnostic>> {
        let file: File = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start].matches('\n').count() + 1)
                .unwrap_or(0);
            vec![Diagnostic::error(
                line,
                format!("bodies registry: {}", e.message().trim()),
            )]
        })?;
        let mut file = file;
        for b in &mut file.body {
            b.name = crate::text::clean_field(&b.name);
            for a in &mut b.aliases {
                *a = crate::text::clean_field(a);
            }
        }
        let mut reg = Registry::default();
        let mut errors = Vec::new();
        let line_of = |id: &str| {
            text.lines()
                .position(|l| l.contains(&format!("\"{id}\"")))
                .map(|i| i + 1)
                .unwrap_or(0)
        };
        for (i, b) in file.body.iter().enumerate() {
            if !crate::paths::is_safe_slug(&b.id) {
                errors.push(Diagnostic::error(
                    line_of(&b.id),
                    format!(
                        "body id {:?} is used in page addresses and must be a slug: lower-case letters a–z, digits, '-' and '_' (e.g. \"ban-tuyen-giao-tinh-uy\")",
                        b.id
                    ),
                ));
                continue;
            }
            if b.name.trim().is_empty() {
                errors.push(Diagnostic::error(
                    line_of(&b.id),
                    format!("body \"{}\" has no name: add name = \"…\"", b.id),
                ));
            }
            if reg.by_id.insert(b.id.clone(), i).is_some() {
                errors.push(Diagnostic::error(
                    line_of(&b.id),
                    format!("body id \"{}\" is used twice: ids must be unique", b.id),
                ));
            }
            for n in std::iter::once(&b.name).chain(&b.aliases) {
                let v = reg.by_key.entry(name_key(n)).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        for b in &file.body {
            for (what, target) in [
                ("parent", &b.parent),
                ("successor", &b.successor),
                ("predecessor", &b.predecessor),
            ] {
                if let Some(t) = target
                    && !reg.by_id.contains_key(t)
                {
                    errors.push(Diagnostic::error(
                        line_of(t),
                        format!(
                            "body \"{}\": {what} \"{t}\" is not an id in the registry",
                            b.id
                        ),
                    ));
                }
            }
        }
        // Parent chains must end: a cycle would make every ancestry endless.
        for b in &file.body {
            let mut seen = vec![b.id.as_str()];
            let mut cur = b.parent.as_deref();
            while let Some(p) = cur {
                if seen.contains(&p) {
                    if p == b.id {
                        errors.push(Diagnostic::error(
                            line_of(&b.id),
                            format!(
                                "body \"{}\" is its own ancestor ({} → {p}): correct one parent so that the chain ends",
                                b.id,
                                seen.join(" → ")
                            ),
                        ));
                    }
                    break;
                }
                seen.push(p);
                cur = reg
                    .by_id
                    .get(p)
                    .and_then(|&k| file.body[k].parent.as_deref());
            }
        }
        reg.bodies = file.body;
        if errors.is_empty() {
            Ok(reg)
        } else {
            Err(errors)
        }
    }

    pub fn get(&self, id: &str) -> Option<&Body> {
        self.by_id.get(id).map(|&i| &self.bodies[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The body a printed name denotes, exactly (after normalisation).
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.lookup_near(name, None)
    }

    /// Like [`Registry::lookup`]; when a name belongs to several bodies, the
    /// one in the same line of bodies as `near` (the issuer of the document
    /// naming it) is taken, and none when that does not decide.
    pub fn lookup_near(&self, name: &str, near: Option<usize>) -> Option<usize> {
        let key = name_key(name.trim().trim_end_matches([',', '.', ';', ':']));
        let cands = self.by_key.get(&key).or_else(|| {
            // "Ban Thường vụ Đảng ủy TTXVN (để b/c)" → drop a trailing parenthesis.
            key.find(" (")
                .and_then(|p| self.by_key.get(key[..p].trim()))
        })?;
        match cands.as_slice() {
            [one] => Some(*one),
            many => {
                // The candidate whose nearest common ancestor with `near`
                // is closest to `near`, when there is exactly one.
                let near = near?;
                let mut line = vec![near];
                line.extend(self.ancestors(near));
                let distance = |c: usize| {
                    let mut up = vec![c];
                    up.extend(self.ancestors(c));
                    line.iter().position(|a| up.contains(a))
                };
                let scored: Vec<(usize, usize)> = many
                    .iter()
                    .filter_map(|&c| distance(c).map(|d| (d, c)))
                    .collect();
                let best = scored.iter().map(|&(d, _)| d).min()?;
                let mut at_best = scored.iter().filter(|&&(d, _)| d == best);
                match (at_best.next(), at_best.next()) {
                    (Some(&(_, c)), None) => Some(c),
                    _ => None,
                }
            }
        }
    }

    /// The body on whose behalf a printed issuer or recipient acts: the body
    /// itself when registered, else — for a committee's collective organs
    /// and its office, which issue in its name — the committee: "Ban
    /// Thường vụ X", "Thường trực X", "Thường trực Ban Thường vụ X", "Ban
    /// Chấp hành X", "Văn phòng X" stand for X when X is registered and
    /// they are not. A registered board keeps its own entry; a specialised
    /// board ("Ban Tuyên giáo X", "Ủy ban Kiểm tra X") acts for itself.
    pub fn lookup_acting(&self, name: &str, near: Option<usize>) -> Option<usize> {
        /// Organs that act for the body named after them (name keys).
        const FOR: [&str; 4] = [
            "ban thường vụ ",
            "thường trực ",
            "ban chấp hành ",
            "văn phòng ",
        ];
        if let Some(b) = self.lookup_near(name, near) {
            return Some(b);
        }
        let mut key = name_key(name.trim());
        // At most one organ of each kind is stripped ("Thường trực Ban
        // Thường vụ X" → X), so the loop ends.
        for _ in 0..FOR.len() {
            let rest = FOR.iter().find_map(|p| key.strip_prefix(p))?.trim();
            if rest.is_empty() {
                return None;
            }
            if let Some(b) = self.lookup_near(rest, near) {
                return Some(b);
            }
            // "Ban Chấp hành Đảng bộ X" is the Đảng ủy X.
            if let Some(x) = rest.strip_prefix("đảng bộ ")
                && let Some(b) = self.lookup_near(&format!("đảng ủy {x}"), near)
            {
                return Some(b);
            }
            key = rest.to_string();
        }
        None
    }

    /// The chain of ancestors of body `i`, nearest first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.bodies[i]
            .parent
            .as_deref()
            .and_then(|p| self.index_of(p));
        while let Some(c) = cur {
            if out.contains(&c) {
                break;
            }
            out.push(c);
            cur = self.bodies[c]
                .parent
                .as_deref()
                .and_then(|p| self.index_of(p));
        }
        out
    }

    pub fn children(&self, i: usize) -> Vec<usize> {
        let id = &self.bodies[i].id;
        (0..self.bodies.len())
            .filter(|&k| self.bodies[k].parent.as_ref() == Some(id))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = r#"
[[body]]
id = "tw"
name = "Ban Chấp hành Trung ương Đảng"
code = "TW"

[[body]]
id = "ubkttw"
name = "Ủy ban Kiểm tra Trung ương"
parent = "tw"
"#;

    fn check(name: &str, expected: Option<&str>) {
        let r = Registry::parse(REG).expect("parses");
        assert_eq!(
            r.lookup(name).map(|i| r.bodies[i].id.as_str()),
            expected,
            "{name:?}"
        );
    }

    #[test]
    fn lookup_ignores_case_and_tone_placement() {
        check("Uỷ ban Kiểm tra Trung ương", Some("ubkttw"));
        check("ỦY BAN KIỂM TRA TRUNG ƯƠNG", Some("ubkttw"));
        check("ủy ban kiểm tra trung ương (để b/c),", Some("ubkttw"));
        check("Ban Kiểm tra", None);
    }

    fn check_acting(reg: &str, name: &str, expected: Option<&str>) {
        let r = Registry::parse(reg).expect("parses");
        assert_eq!(
            r.lookup_acting(name, None).map(|i| r.bodies[i].id.as_str()),
            expected,
            "{name:?}"
        );
    }

    #[test]
    fn standing_boards_and_offices_act_for_their_body() {
        let reg = r#"
[[body]]
id = "khoi"
name = "Đảng ủy Khối các cơ quan tỉnh"
code = "ĐUK"
[[body]]
id = "xa-a"
name = "Đảng ủy xã Công Hải"
[[body]]
id = "tinh-uy"
name = "Tỉnh ủy Lào Cai"
aliases = ["Tỉnh ủy"]
[[body]]
id = "btv-tinh-uy"
name = "Ban Thường vụ Tỉnh ủy Lào Cai"
aliases = ["Ban Thường vụ Tỉnh ủy"]
parent = "tinh-uy"
[[body]]
id = "ubnd"
name = "Ủy ban nhân dân tỉnh Lào Cai"
aliases = ["UBND tỉnh"]
"#;
        for (name, expected) in [
            ("Đảng ủy Khối các cơ quan tỉnh", Some("khoi")),
            ("Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh", Some("khoi")),
            ("BAN THƯỜNG VỤ ĐẢNG UỶ KHỐI CÁC CƠ QUAN TỈNH", Some("khoi")),
            ("Thường trực Đảng ủy Khối các cơ quan tỉnh", Some("khoi")),
            (
                "Thường trực Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh",
                Some("khoi"),
            ),
            ("Văn phòng Đảng ủy Khối các cơ quan tỉnh", Some("khoi")),
            ("Ban Chấp hành Đảng ủy xã Công Hải", Some("xa-a")),
            ("Ban Chấp hành Đảng bộ xã Công Hải", Some("xa-a")),
            ("Ban Thường vụ Đảng ủy xã Công Hải (để b/c)", Some("xa-a")),
            ("Văn phòng UBND tỉnh", Some("ubnd")),
            ("Thường trực Tỉnh ủy", Some("tinh-uy")),
            // A registered board keeps its own entry.
            ("Ban Thường vụ Tỉnh ủy", Some("btv-tinh-uy")),
            ("Ban Thường vụ Tỉnh ủy Lào Cai", Some("btv-tinh-uy")),
            // Specialised boards act for themselves.
            ("Ban Tuyên giáo Đảng ủy Khối các cơ quan tỉnh", None),
            ("Ủy ban Kiểm tra Đảng ủy Khối các cơ quan tỉnh", None),
            ("Ban Tổ chức Tỉnh ủy", None),
            // The organ alone, or of a body not registered, is nobody.
            ("Ban Thường vụ", None),
            ("Văn phòng", None),
            ("Ban Thường vụ Đảng ủy Khối các cơ quan Trung ương", None),
            ("Văn phòng Ban Tuyên giáo Tỉnh ủy", None),
        ] {
            check_acting(reg, name, expected);
        }
    }

    #[test]
    fn registry_errors_name_the_line() {
        let e =
            Registry::parse("[[body]]\nid = \"a\"\nname = \"A\"\nparent = \"zz\"\n").unwrap_err();
        assert!(e[0].message.contains("zz"));
        assert_eq!(e[0].line, 4);
        let e = Registry::parse("[[body]]\nid = \"a\"\nnam = \"A\"\n").unwrap_err();
        assert_eq!(e[0].line, 3, "{e:?}");
    }

    #[test]
    fn ids_must_be_slugs_and_parents_must_end() {
        for (id, ok) in [("../../victim.txt", false), ("", false), ("ban-a", true)] {
            let r = Registry::parse(&format!("[[body]]\nid = {id:?}\nname = \"A\"\n"));
            assert_eq!(r.is_ok(), ok, "{id:?}");
        }
        let e = Registry::parse(
            "[[body]]\nid = \"a\"\nname = \"A\"\nparent = \"b\"\n[[body]]\nid = \"b\"\nname = \"B\"\nparent = \"a\"\n",
        )
        .unwrap_err();
        assert!(
            e.iter().any(|d| d.message.contains("own ancestor")),
            "{e:?}"
        );
        assert!(e.iter().all(|d| d.line > 0), "{e:?}");
    }

    #[test]
    fn ancestry() {
        let r = Registry::parse(REG).unwrap();
        let u = r.index_of("ubkttw").unwrap();
        assert_eq!(r.ancestors(u), vec![r.index_of("tw").unwrap()]);
        assert_eq!(r.children(r.index_of("tw").unwrap()), vec![u]);
    }

    #[test]
    fn short_names_shared_by_two_provinces_resolve_near_the_issuer() {
        let reg = Registry::parse(
            r#"
[[body]]
id = "tw"
name = "Trung ương"
[[body]]
id = "qn"
name = "Tỉnh ủy Quảng Nam"
parent = "tw"
[[body]]
id = "bd"
name = "Tỉnh ủy Bình Định"
parent = "tw"
[[body]]
id = "btv-qn"
name = "Ban Thường vụ Tỉnh ủy Quảng Nam"
parent = "qn"
[[body]]
id = "btg-qn"
name = "Ban Tuyên giáo Tỉnh ủy Quảng Nam"
aliases = ["Ban Tuyên giáo Tỉnh ủy"]
parent = "qn"
[[body]]
id = "btg-bd"
name = "Ban Tuyên giáo Tỉnh ủy Bình Định"
aliases = ["Ban Tuyên giáo Tỉnh ủy"]
parent = "bd"
"#,
        )
        .unwrap();
        let id = |i: Option<usize>| i.map(|i| reg.bodies[i].id.clone());
        let at = |x: &str| reg.index_of(x);
        for (name, near, expected) in [
            ("Ban Tuyên giáo Tỉnh ủy", at("btv-qn"), Some("btg-qn")),
            ("Ban Tuyên giáo Tỉnh uỷ", at("bd"), Some("btg-bd")),
            // Both are as near to the centre: no guess.
            ("Ban Tuyên giáo Tỉnh ủy", at("tw"), None),
            ("Ban Tuyên giáo Tỉnh ủy", None, None),
            ("Ban Tuyên giáo Tỉnh ủy Quảng Nam", None, Some("btg-qn")),
        ] {
            assert_eq!(
                id(reg.lookup_near(name, near)).as_deref(),
                expected,
                "{name} near {near:?}"
            );
        }
    }
}
