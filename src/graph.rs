//! The site graph: documents, propaganda items and bodies, indexed, and the
//! citation graph resolved (CONVENTIONS.md §3: numbers are not unique, issuer
//! codes are relative). Built once, then only read by rendering.

use crate::bodies::Registry;
use crate::date::Date;
use crate::diag::{Diagnostic, Located};
use crate::extract::citations::{Citation, Relation};
use crate::model::{Document, Item};
use crate::text::{name_key, slug};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, HashMap};

/// At most this many documents are drawn in one implementation tree; a
/// page lists the rest through its backlinks.
pub const TREE_LIMIT: usize = 300;

/// (citing document, index of its citation).
type CitationRef = (usize, usize);

/// (document, index of its task).
pub type TaskRef = (usize, usize);

/// The registered bodies a task names.
#[derive(Clone, Debug, Default)]
pub struct TaskBodies {
    pub lead: Vec<usize>,
    pub coordinating: Vec<usize>,
}

/// A body named in tasks that the registry does not know.
#[derive(Clone, Debug)]
pub struct Unregistered {
    pub name: String,
    /// (document, line) of each use.
    pub uses: Vec<(usize, usize)>,
}

/// Matches a name from a task to registered bodies: the whole name, or
/// else each part of a list ("Đảng đoàn Mặt trận Tổ quốc Việt Nam, các tổ
/// chức chính trị - xã hội và Ban Bí thư Trung ương Đoàn …"). Returns the
/// bodies and the parts left unmatched.
fn match_names(reg: &Registry, name: &str, near: Option<usize>) -> Match {
    if let Some(b) = reg.lookup_near(name, near) {
        return (vec![b], Vec::new());
    }
    let mut found = Vec::new();
    let mut rest = Vec::new();
    for p in crate::text::list_items(name) {
        match reg.lookup_near(p, near) {
            Some(b) => found.push(b),
            None => rest.push(p.to_string()),
        }
    }
    if found.is_empty() {
        (found, vec![name.to_string()])
    } else {
        (found, rest)
    }
}

/// The registered bodies a name gives, and the parts of it left unmatched.
type Match = (Vec<usize>, Vec<String>);

/// [`match_names`] for each (name, issuer) pair the documents' tasks hold,
/// each pair matched once (documents name the same bodies again and again).
fn match_all<'a>(
    docs: &'a [Document],
    issuer_body: &[Option<usize>],
    reg: &Registry,
) -> FxHashMap<(&'a str, Option<usize>), Match> {
    let pairs: FxHashSet<(&'a str, Option<usize>)> = docs
        .iter()
        .zip(issuer_body)
        .flat_map(|(d, &near)| {
            d.tasks
                .iter()
                .flat_map(|t| t.bodies.iter().chain(&t.coordinating))
                .map(move |n| (n.as_str(), near))
        })
        .collect();
    pairs
        .into_par_iter()
        .map(|(n, near)| ((n, near), match_names(reg, n, near)))
        .collect()
}

/// A node of the citation graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    /// A document of the site (index into `Graph::docs`).
    Doc(usize),
    /// A document known only from citations (index into `Graph::cited`).
    Cited(usize),
}

/// A document that is cited but not in the site.
#[derive(Clone, Debug)]
pub struct CitedDoc {
    pub number: String,
    pub kind_name: String,
    pub date: Option<Date>,
    pub issuer: Option<String>,
    pub topic: Option<String>,
    pub url: String,
}

/// One citation edge: document `from` cites `to` (its citation `cit`).
#[derive(Clone, Copy, Debug)]
pub struct Edge {
    pub from: usize,
    pub cit: usize,
    pub to: Node,
    pub relation: Relation,
}

/// A document's standing as the legal portals show it (CONVENTIONS.md §7):
/// the documents of the site (indices into `Graph::docs`) that replace,
/// repeal or amend it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    pub replaced_by: Vec<usize>,
    pub repealed_by: Vec<usize>,
    pub amended_by: Vec<usize>,
}

impl Standing {
    /// "Còn hiệu lực" unless replaced or repealed.
    pub fn in_force(&self) -> bool {
        self.replaced_by.is_empty() && self.repealed_by.is_empty()
    }
}

pub struct Graph {
    pub docs: Vec<Document>,
    pub items: Vec<Item>,
    pub bodies: Registry,
    pub cited: Vec<CitedDoc>,
    pub edges: Vec<Edge>,
    /// For each document, the target of each of its citations (None: ambiguous).
    pub targets: Vec<Vec<Option<Node>>>,
    /// Ambiguous citations (citing document, citation) → the site documents
    /// they may mean, in path order.
    pub ambiguous: HashMap<CitationRef, Vec<usize>>,
    /// Citations of documents kept out of the site (`withhold`): shown as
    /// plain text, never linked, never given a page.
    pub withheld_cites: std::collections::HashSet<CitationRef>,
    /// Edges into each node.
    pub incoming: FxHashMap<Node, Vec<usize>>,
    /// Document indices sorted newest first (undated last), then by title.
    pub by_date: Vec<usize>,
    pub by_kind: BTreeMap<String, Vec<usize>>,
    pub by_year: BTreeMap<i32, Vec<usize>>,
    /// Body of each document's issuer, when registered: the body a standing
    /// board or office acts for when only the body is (`Registry::lookup_acting`).
    pub issuer_body: Vec<Option<usize>>,
    /// Per body: documents it issued, and documents listing it in "Nơi nhận",
    /// newest first.
    pub issued_by: Vec<Vec<usize>>,
    pub received_by: Vec<Vec<usize>>,
    /// Document number → the node it names (a site document first).
    pub by_number: HashMap<String, Node>,
    /// Document number → propaganda items promoting it, in item order.
    pub promoted_by: HashMap<String, Vec<usize>>,
    /// Per document, per task: the registered bodies it names.
    pub task_bodies: Vec<Vec<TaskBodies>>,
    /// Per body: tasks it leads and tasks it coordinates, in document
    /// order (newest document first).
    pub leads: Vec<Vec<TaskRef>>,
    pub coordinates: Vec<Vec<TaskRef>>,
    /// Names of bodies in tasks that are not in the registry, by name key.
    pub unregistered: Vec<Unregistered>,
    pub diagnostics: Vec<Located>,
}

fn issuer_matches(stated: &str, candidate: Option<&str>) -> bool {
    let Some(c) = candidate else { return true };
    let (a, b) = (name_key(stated), name_key(c));
    a == b || a.contains(&b) || b.contains(&a)
}

impl Graph {
    pub fn build(
        docs: Vec<Document>,
        items: Vec<Item>,
        bodies: Registry,
        withheld: &[crate::withhold::Withheld],
    ) -> Graph {
        let mut diagnostics = Vec::new();
        let mut withheld_numbers: FxHashMap<&str, Vec<Option<Date>>> = FxHashMap::default();
        for w in withheld {
            if let Some(n) = &w.number {
                withheld_numbers.entry(n.as_str()).or_default().push(w.date);
            }
        }
        let mut withheld_cites = std::collections::HashSet::new();
        let issuer_body: Vec<Option<usize>> = docs
            .iter()
            .map(|d| {
                d.meta
                    .issuer
                    .as_deref()
                    .and_then(|i| bodies.lookup_acting(i, None))
            })
            .collect();

        let mut by_number: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, d) in docs.iter().enumerate() {
            if let Some(n) = &d.meta.number {
                by_number.entry(n.as_str()).or_default().push(i);
            }
        }

        // Resolve every citation to a site document, or collect it as cited-only.
        let mut targets: Vec<Vec<Option<Node>>> = Vec::with_capacity(docs.len());
        let mut pending: Vec<(usize, usize)> = Vec::new();
        let mut ambiguous: HashMap<CitationRef, Vec<usize>> = HashMap::new();
        // Each document's citations resolved apart (in parallel), then
        // gathered in document order.
        #[derive(Default)]
        struct Resolved {
            targets: Vec<Option<Node>>,
            pending: Vec<usize>,
            withheld: Vec<usize>,
            diagnostics: Vec<Located>,
            ambiguous: Vec<(usize, Vec<usize>)>,
        }
        let resolved: Vec<Resolved> = docs
            .par_iter()
            .enumerate()
            .map(|(i, d)| {
            let mut r = Resolved::default();
            let t = &mut r.targets;
            t.reserve(d.citations.len());
            for (k, c) in d.citations.iter().enumerate() {
                // A citation that may mean a withheld document is never
                // linked: not to it, not to a namesake, not to a page of its own.
                if withheld_numbers
                    .get(c.number.as_str())
                    .is_some_and(|dates| {
                        dates
                            .iter()
                            .any(|w| c.date.is_none() || w.is_none() || *w == c.date)
                    })
                {
                    r.withheld.push(k);
                    t.push(None);
                    continue;
                }
                let cands = by_number
                    .get(c.number.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let mut fit: Vec<usize> = cands
                    .iter()
                    .copied()
                    .filter(|&j| j != i)
                    .filter(|&j| {
                        c.date.is_none()
                            || docs[j].meta.date.is_none()
                            || docs[j].meta.date == c.date
                    })
                    .filter(|&j| {
                        c.issuer
                            .as_deref()
                            .is_none_or(|s| issuer_matches(s, docs[j].meta.issuer.as_deref()))
                    })
                    .collect();
                if fit.len() > 1 {
                    // Relative codes (TU, ĐU …): prefer the citing document's own line of bodies.
                    if let Some(b) = issuer_body[i] {
                        let mut line = bodies.ancestors(b);
                        line.push(b);
                        let near: Vec<usize> = fit
                            .iter()
                            .copied()
                            .filter(|&j| {
                                issuer_body[j].is_some_and(|x| {
                                    line.contains(&x) || bodies.ancestors(x).contains(&b)
                                })
                            })
                            .collect();
                        if !near.is_empty() {
                            fit = near;
                        }
                    }
                }
                match fit.as_slice() {
                    [one] => t.push(Some(Node::Doc(*one))),
                    [] => {
                        t.push(None);
                        r.pending.push(k);
                    }
                    many => {
                        let names: Vec<String> = many
                            .iter()
                            .map(|&j| docs[j].path.display().to_string())
                            .collect();
                        r.diagnostics.push(Located {
                            file: d.path.clone(),
                            diag: Diagnostic::warning(
                                c.line,
                                format!("{} may mean {}: state its date or issuer in the text (or front matter) so it resolves to one", c.number, names.join(" or ")),
                            ),
                        });
                        r.ambiguous.push((k, many.to_vec()));
                        t.push(None);
                    }
                }
            }
            r
        })
        .collect();
        for (i, r) in resolved.into_iter().enumerate() {
            targets.push(r.targets);
            pending.extend(r.pending.into_iter().map(|k| (i, k)));
            withheld_cites.extend(r.withheld.into_iter().map(|k| (i, k)));
            diagnostics.extend(r.diagnostics);
            ambiguous.extend(r.ambiguous.into_iter().map(|(k, v)| ((i, k), v)));
        }

        // Cited-only documents: one per (number, date); undated citations join
        // the single dated one of their number when there is exactly one.
        let mut groups: FxHashMap<&str, BTreeMap<Option<Date>, Vec<CitationRef>>> =
            FxHashMap::default();
        for &(i, k) in &pending {
            let c = &docs[i].citations[k];
            groups
                .entry(c.number.as_str())
                .or_default()
                .entry(c.date)
                .or_default()
                .push((i, k));
        }
        let mut cited = Vec::new();
        let mut cited_urls: FxHashSet<String> = FxHashSet::default();
        let mut groups: Vec<_> = groups.into_iter().collect();
        groups.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (number, mut by_date) in groups {
            let dated: Vec<Option<Date>> =
                by_date.keys().copied().filter(Option::is_some).collect();
            if dated.len() == 1
                && let Some(undated) = by_date.remove(&None)
            {
                by_date
                    .get_mut(&dated[0])
                    .expect("dated group")
                    .extend(undated);
            }
            for (date, refs) in by_date {
                let first = |f: &dyn Fn(&Citation) -> Option<String>| {
                    refs.iter().find_map(|&(i, k)| f(&docs[i].citations[k]))
                };
                let node = Node::Cited(cited.len());
                let suffix = date.map(|d| format!("-{}", d.y)).unwrap_or_default();
                let stem = format!(
                    "van-ban/trich-dan/{}{}{}",
                    slug(number),
                    suffix,
                    date.map(|d| format!("-{:02}{:02}", d.m, d.d))
                        .unwrap_or_default()
                );
                // "12-KH/TW" and "12/KH-TW" share a slug: each keeps a page.
                let mut url = format!("{stem}/");
                let mut n = 2;
                while !cited_urls.insert(url.clone()) {
                    url = format!("{stem}-{n}/");
                    n += 1;
                }
                cited.push(CitedDoc {
                    kind_name: first(&|c| Some(c.kind_name.clone())).unwrap_or_default(),
                    issuer: first(&|c| c.issuer.clone()),
                    topic: first(&|c| c.topic.clone()),
                    number: number.to_string(),
                    date,
                    url,
                });
                for (i, k) in refs {
                    targets[i][k] = Some(node);
                }
            }
        }

        let mut edges = Vec::new();
        let mut incoming: FxHashMap<Node, Vec<usize>> = FxHashMap::default();
        for (i, t) in targets.iter().enumerate() {
            for (k, to) in t.iter().enumerate() {
                if let Some(to) = to {
                    incoming.entry(*to).or_default().push(edges.len());
                    edges.push(Edge {
                        from: i,
                        cit: k,
                        to: *to,
                        relation: docs[i].citations[k].relation,
                    });
                }
            }
        }

        // Citers in order of their dates, then paths: sorted once, read many times.
        for es in incoming.values_mut() {
            es.sort_by(|&a, &b| {
                let (ea, eb) = (&edges[a], &edges[b]);
                let (da, db) = (&docs[ea.from], &docs[eb.from]);
                da.meta
                    .date
                    .cmp(&db.meta.date)
                    .then_with(|| da.path.cmp(&db.path))
                    .then(ea.cit.cmp(&eb.cit))
            });
        }

        let mut by_date: Vec<usize> = (0..docs.len()).collect();
        by_date.sort_by(|&a, &b| {
            let (da, db) = (&docs[a], &docs[b]);
            db.meta
                .date
                .cmp(&da.meta.date)
                .then_with(|| da.meta.title.cmp(&db.meta.title))
                .then_with(|| da.path.cmp(&db.path))
        });
        let mut by_kind: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut by_year: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
        for &i in &by_date {
            let d = &docs[i];
            by_kind
                .entry(
                    d.meta
                        .kind_name
                        .clone()
                        .unwrap_or_else(|| "Khác".to_string()),
                )
                .or_default()
                .push(i);
            if let Some(date) = d.meta.date {
                by_year.entry(date.y).or_default().push(i);
            }
        }
        let recipient_bodies: Vec<Vec<usize>> = docs
            .par_iter()
            .map(|d| {
                let mut v: Vec<usize> = d
                    .meta
                    .recipients
                    .iter()
                    .filter_map(|r| bodies.lookup_acting(r, None))
                    .collect();
                v.dedup();
                v
            })
            .collect();
        let mut issued_by = vec![Vec::new(); bodies.bodies.len()];
        let mut received_by = vec![Vec::new(); bodies.bodies.len()];
        for &i in &by_date {
            if let Some(b) = issuer_body[i] {
                issued_by[b].push(i);
            }
            for &b in &recipient_bodies[i] {
                received_by[b].push(i);
            }
        }
        // Bodies of tasks, matched near each document's issuer (`match_all`).
        let names = match_all(&docs, &issuer_body, &bodies);
        type Matched = (Vec<TaskBodies>, Vec<(String, usize)>);
        let matched: Vec<Matched> = docs
            .par_iter()
            .enumerate()
            .map(|(i, d)| {
                let mut unknown = Vec::new();
                let tb = d
                    .tasks
                    .iter()
                    .map(|t| {
                        let mut side = |names_here: &[String]| {
                            let mut v = Vec::new();
                            for n in names_here {
                                let (found, rest) = &names[&(n.as_str(), issuer_body[i])];
                                v.extend(found.iter().copied());
                                unknown.extend(
                                    rest.iter()
                                        .filter(|r| {
                                            r.starts_with(char::is_uppercase)
                                                && !crate::extract::who::is_class(r)
                                        })
                                        .map(|r| (r.clone(), t.line)),
                                );
                            }
                            v.dedup();
                            v
                        };
                        TaskBodies {
                            lead: side(&t.bodies),
                            coordinating: side(&t.coordinating),
                        }
                    })
                    .collect();
                (tb, unknown)
            })
            .collect();
        let mut leads = vec![Vec::new(); bodies.bodies.len()];
        let mut coordinates = vec![Vec::new(); bodies.bodies.len()];
        let mut unknown: BTreeMap<String, Unregistered> = BTreeMap::new();
        for &i in &by_date {
            for (k, tb) in matched[i].0.iter().enumerate() {
                for &b in &tb.lead {
                    leads[b].push((i, k));
                }
                for &b in &tb.coordinating {
                    coordinates[b].push((i, k));
                }
            }
            for (name, line) in &matched[i].1 {
                unknown
                    .entry(name_key(name))
                    .or_insert_with(|| Unregistered {
                        name: name.clone(),
                        uses: Vec::new(),
                    })
                    .uses
                    .push((i, *line));
            }
        }
        let task_bodies = matched.into_iter().map(|(tb, _)| tb).collect();
        let unregistered = unknown.into_values().collect();
        let mut by_number: HashMap<String, Node> = HashMap::new();
        for (j, c) in cited.iter().enumerate() {
            by_number.entry(c.number.clone()).or_insert(Node::Cited(j));
        }
        for (i, d) in docs.iter().enumerate().rev() {
            if let Some(n) = &d.meta.number {
                by_number.insert(n.clone(), Node::Doc(i));
            }
        }
        let mut promoted_by: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, it) in items.iter().enumerate() {
            for p in &it.promotes {
                let v = promoted_by.entry(p.clone()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        Graph {
            docs,
            items,
            bodies,
            cited,
            edges,
            targets,
            ambiguous,
            withheld_cites,
            incoming,
            by_date,
            by_kind,
            by_year,
            issuer_body,
            issued_by,
            received_by,
            by_number,
            promoted_by,
            task_bodies,
            leads,
            coordinates,
            unregistered,
            diagnostics,
        }
    }

    pub fn node_url(&self, n: Node) -> &str {
        match n {
            Node::Doc(i) => &self.docs[i].url,
            Node::Cited(j) => &self.cited[j].url,
        }
    }

    /// Edges into `n`, in order of the citing documents' dates then paths.
    /// Where `n` stands, from the documents of the site that replace,
    /// repeal or amend it: each list sorted, without repeats.
    pub fn standing(&self, n: Node) -> Standing {
        let mut s = Standing::default();
        for e in self.cited_by(n) {
            match e.relation {
                Relation::Replaces => s.replaced_by.push(e.from),
                Relation::Repeals => s.repealed_by.push(e.from),
                Relation::Amends => s.amended_by.push(e.from),
                _ => {}
            }
        }
        for v in [&mut s.replaced_by, &mut s.repealed_by, &mut s.amended_by] {
            v.sort_unstable();
            v.dedup();
        }
        s
    }

    pub fn cited_by(&self, n: Node) -> impl Iterator<Item = &Edge> {
        self.incoming
            .get(&n)
            .into_iter()
            .flatten()
            .map(|&e| &self.edges[e])
    }

    /// Documents implementing `n`, transitively, level by level. A document
    /// that implements several members of the tree sits under the deepest one
    /// (the TTXVN plan implements both 28-NQ/TW and 12-KH/TW: it goes under
    /// 12-KH/TW, one level below it). Each document appears once.
    pub fn implementation_levels(&self, n: Node) -> Vec<Vec<(usize, Node)>> {
        // All documents below n.
        let mut members = vec![n];
        let mut seen = std::collections::HashSet::from([n]);
        let mut k = 0;
        while k < members.len() && members.len() < TREE_LIMIT {
            for e in self.cited_by(members[k]) {
                if e.relation == Relation::Implements && seen.insert(Node::Doc(e.from)) {
                    members.push(Node::Doc(e.from));
                }
            }
            k += 1;
        }
        // Longest-path depth, relaxed in rounds (bounded: cycles cannot loop).
        let mut depth: HashMap<Node, usize> = HashMap::from([(n, 0)]);
        let mut parent: HashMap<Node, Node> = HashMap::new();
        for _ in 0..members.len() {
            let mut changed = false;
            for &m in &members[1..] {
                let Node::Doc(i) = m else { continue };
                for (c, t) in self.docs[i].citations.iter().zip(&self.targets[i]) {
                    let Some(t) = *t else { continue };
                    if c.relation != Relation::Implements || t == m {
                        continue;
                    }
                    if let Some(&dt) = depth.get(&t) {
                        let want = (dt + 1).min(members.len());
                        if depth.get(&m).is_none_or(|&d| d < want) {
                            depth.insert(m, want);
                            parent.insert(m, t);
                            changed = true;
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let max = members[1..]
            .iter()
            .filter_map(|m| depth.get(m))
            .copied()
            .max()
            .unwrap_or(0);
        let mut levels = vec![Vec::new(); max];
        for &m in &members[1..] {
            if let (Node::Doc(i), Some(&d), Some(&p)) = (m, depth.get(&m), parent.get(&m)) {
                levels[d - 1].push((i, p));
            }
        }
        levels.retain(|l| !l.is_empty());
        levels
    }

    /// Propaganda items promoting a document number.
    pub fn items_promoting(&self, number: &str) -> &[usize] {
        self.promoted_by.get(number).map_or(&[], Vec::as_slice)
    }
}
