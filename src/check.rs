//! `kehoach check`: the problems an editor should fix — every warning of
//! the sources, plus citations that resolve to no document of the site and
//! numbers cited with contradicting dates.

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
    out.sort_by(|a, b| {
        (&a.file, a.diag.line, &a.diag.message).cmp(&(&b.file, b.diag.line, &b.diag.message))
    });
    out.dedup();
    out
}
