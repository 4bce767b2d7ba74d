//! `kehoach check`: the problems an editor should fix — every warning of
//! the sources, plus citations that resolve to no document of the site and
//! numbers cited with contradicting dates, and bodies named in tasks that
//! the registry does not know.

use crate::build;
use crate::diag::{Diagnostic, Located};
use crate::graph::{Graph, Node};

pub fn problems(g: &Graph) -> Vec<Located> {
    let mut out = build::warnings(g);
    for (i, d) in g.docs.iter().enumerate() {
        for (k, c) in d.citations.iter().enumerate() {
            if let Some(Node::Cited(_)) = g.targets[i][k] {
                out.push(Located {
                    file: d.path.clone(),
                    diag: Diagnostic::warning(c.line, format!("{} {} is not in the site (unresolved citation); add the document under content/plans/ to link it", c.kind_name, c.number)),
                });
            }
        }
    }
    for u in &g.unregistered {
        for &(i, line) in &u.uses {
            out.push(Located {
                file: g.docs[i].path.clone(),
                diag: Diagnostic::warning(
                    line,
                    format!(
                        "body \"{}\" is not in content/bodies.toml (unregistered body): add it, or add this spelling to the aliases of the body it means",
                        u.name
                    ),
                ),
            });
        }
    }
    out.sort_by(|a, b| {
        (&a.file, a.diag.line, &a.diag.message).cmp(&(&b.file, b.diag.line, &b.diag.message))
    });
    out.dedup();
    out
}
