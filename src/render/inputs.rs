//! What a page reads, hashed: the inputs of the pages whose family names
//! them (`Job::reading`), so that a build renders again only the pages
//! whose inputs changed (`reuse`). Owns no address.
//!
//! Three kinds of page name their inputs, one file each:
//! - a document's page (`documents`): everything every page reads
//!   ([`Inputs::global`]: configuration, theme, build date, what was kept
//!   out), the document's row (its facts as read, its path, its
//!   standing), its text, what each citation links to or may mean, the
//!   documents citing it (with the citing citation), its implementation
//!   tree, the chain above it, the items promoting its number, the
//!   registered body that issued it, and for a directive who implemented
//!   it and who has not (bodies by address and name);
//! - a cited-only document's page (`cited`): the same, but its text, its
//!   own citations and its implementation by bodies;
//! - what shows tasks, their rows or events (the calendars `lich/` and
//!   `co-quan/<id>/lich/`, each naming its folder; the iCalendar feeds of
//!   the site, of each body and of each plan; `data/tracking.json`): the
//!   global inputs, what else it shows written out, and each task's own
//!   hash in the order shown, with the role of the body the page is about
//!   ([`Inputs::tasks`]; the registry too for the site's calendar, whose
//!   month pages filter by body);
//! - a page of a list of documents (`lists`): the global inputs, the rows
//!   of the documents on it as a list shows them (`Renderer::doc_row`:
//!   number, kind, title, date, issuer, address, standing) and its
//!   heading, pager and links.
//!
//! Every other page reads [`Inputs::all`]: everything but the documents'
//! texts (the registry and the graph's warnings among it). A row stands
//! for every document a page shows: a document's facts, path and standing
//! are all a row, a link, a label or a tree node of it shows.
//!
//! *Invariant: each hash covers all that its page's bytes are made from,
//! and the shape of what it shows (lists in their order, levels apart),
//! not only the set of documents in it; a hash that covers more than the
//! page reads costs a page rendered again, never a stale one. Document
//! indices never enter a hash (they move when a document is added):
//! rows do.*

use super::Renderer;
use super::fragments::Role;
use crate::graph::{Graph, Node, TaskRef};
use crate::model::doc_label;
use crate::tracking::Because;
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

/// The hashes the pages' inputs are made of.
pub struct Inputs {
    /// What every page reads.
    global: u128,
    /// Everything the pages read but the documents' texts.
    pub all: u128,
    /// Per document: what a row of it shows (facts, path, standing).
    doc_rows: Vec<u128>,
    /// Per cited-only document: the same.
    cited_rows: Vec<u128>,
    /// Per document: its row in a list, as shown (`Renderer::doc_row`).
    listed: Vec<u128>,
    /// Per document: its text.
    pub texts: Vec<u128>,
    /// The registry: every body's id and name, in order.
    registry: u128,
    /// Per document, per task: what its row and its event show
    /// (`task_hashes`).
    tasks: Vec<Vec<u128>>,
}

/// The inputs of a document's page: `rest` ([`Inputs::document_rest`])
/// with its text's hash.
pub fn with_text(rest: u128, text: u128) -> u128 {
    let mut h = H::new(b"document and text");
    h.u128(rest);
    h.u128(text);
    h.done()
}

/// A hasher that keeps the parts it is given apart.
struct H(Xxh3);

impl H {
    fn new(what: &[u8]) -> H {
        let mut h = H(Xxh3::new());
        h.bytes(what);
        h
    }
    fn bytes(&mut self, b: &[u8]) {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
    }
    fn u128(&mut self, v: u128) {
        self.0.update(&v.to_le_bytes());
    }
    fn num(&mut self, v: u64) {
        self.0.update(&v.to_le_bytes());
    }
    /// The end of a list: what follows is not in it.
    fn end(&mut self) {
        self.0.update(b"\xff");
    }
    fn done(self) -> u128 {
        self.0.digest128()
    }
}

impl Inputs {
    /// The hashes of the site's inputs: `withheld` is the hash of what was
    /// kept out of it.
    pub fn new(r: &Renderer, g: &Graph, withheld: u128) -> Inputs {
        let mut h = H::new(b"global");
        h.bytes(format!("{:?}", r.config).as_bytes());
        for (path, text) in &r.static_files {
            h.bytes(path.as_bytes());
            h.bytes(text.as_bytes());
        }
        h.bytes(format!("{:?} {}", r.today, r.default_task_row).as_bytes());
        h.u128(withheld);
        let global = h.done();
        // Each document's facts: everything read of it but its text (what
        // parsing gave, by its hash; the path and the files joined to it
        // after parsing are put in apart).
        let facts: Vec<u128> = g
            .docs
            .par_iter()
            .map(|d| {
                let mut h = H::new(b"facts");
                h.bytes(d.path.as_os_str().as_encoded_bytes());
                h.u128(d.facts.unwrap_or_else(|| crate::readcache::facts_hash(d)));
                h.bytes(&bitcode::encode(&d.attachments));
                h.done()
            })
            .collect();
        let mut h = H::new(b"all");
        h.u128(global);
        h.bytes(format!("{:?}", g.bodies.bodies).as_bytes());
        h.bytes(format!("{:?}", g.diagnostics).as_bytes());
        for f in &facts {
            h.u128(*f);
        }
        for it in &g.items {
            h.bytes(it.path.as_os_str().as_encoded_bytes());
            h.bytes(&bitcode::encode(it));
            h.bytes(it.body.as_bytes());
        }
        let all = h.done();
        // A row adds the standing: the paths of what replaces, repeals
        // and amends the document.
        let standing = |h: &mut H, n: Node| {
            let s = g.standing(n);
            for v in [&s.replaced_by, &s.repealed_by, &s.amended_by] {
                for &j in v {
                    h.bytes(g.docs[j].path.as_os_str().as_encoded_bytes());
                }
                h.end();
            }
        };
        let doc_rows = (0..g.docs.len())
            .into_par_iter()
            .map(|i| {
                let mut h = H::new(b"doc row");
                h.u128(facts[i]);
                standing(&mut h, Node::Doc(i));
                h.done()
            })
            .collect();
        let cited_rows = (0..g.cited.len())
            .into_par_iter()
            .map(|j| {
                let mut h = H::new(b"cited row");
                h.bytes(format!("{:?}", g.cited[j]).as_bytes());
                standing(&mut h, Node::Cited(j));
                h.done()
            })
            .collect();
        let listed = (0..g.docs.len())
            .into_par_iter()
            .map(|i| {
                let mut h = H::new(b"listed");
                h.bytes(format!("{:?}", r.doc_row(g, i, "")).as_bytes());
                h.done()
            })
            .collect();
        let texts = g.docs.par_iter().map(|d| d.body.hash()).collect();
        let mut h = H::new(b"registry");
        for b in &g.bodies.bodies {
            h.bytes(b.id.as_bytes());
            h.bytes(b.name.as_bytes());
        }
        let registry = h.done();
        Inputs {
            global,
            all,
            doc_rows,
            cited_rows,
            listed,
            texts,
            registry,
            tasks: task_hashes(r, g),
        }
    }

    fn node(&self, h: &mut H, n: Option<Node>) {
        match n {
            Some(Node::Doc(i)) => h.u128(self.doc_rows[i]),
            Some(Node::Cited(j)) => h.u128(self.cited_rows[j]),
            None => h.num(0),
        }
    }

    /// What the page of a document or a cited-only one reads of the
    /// graph around it: its row, what cites it, its tree, the chain above
    /// it, the items promoting `number`.
    fn around(&self, g: &Graph, n: Node, number: Option<&str>, h: &mut H) {
        self.node(h, Some(n));
        for e in g.cited_by(n) {
            h.u128(self.doc_rows[e.from]);
            h.num(e.cit as u64);
            h.num(e.relation as u64);
        }
        h.end();
        for level in g.implementation_levels(n) {
            for (child, parent) in level {
                h.u128(self.doc_rows[child]);
                self.node(h, Some(parent));
            }
            h.end();
        }
        h.end();
        for level in super::documents::above(g, n) {
            for t in level {
                self.node(h, Some(t));
            }
            h.end();
        }
        h.end();
        for &k in number.map(|n| g.items_promoting(n)).unwrap_or_default() {
            let it = &g.items[k];
            h.bytes(it.path.as_os_str().as_encoded_bytes());
            h.bytes(&bitcode::encode(it));
        }
        h.end();
    }

    /// The inputs of document `i`'s page.
    pub fn document(&self, r: &Renderer, g: &Graph, i: usize) -> u128 {
        self.document_with(r, g, i, self.texts[i])
    }

    /// The inputs of document `i`'s page were its text's hash `text`.
    pub fn document_with(&self, r: &Renderer, g: &Graph, i: usize, text: u128) -> u128 {
        with_text(self.document_rest(r, g, i), text)
    }

    /// The inputs of document `i`'s page but its text: what a build after a
    /// text-only edit (`retext`) puts the new text's hash to ([`with_text`]).
    pub fn document_rest(&self, r: &Renderer, g: &Graph, i: usize) -> u128 {
        let mut h = H::new(b"document");
        h.u128(self.global);
        // What each citation links to, and what an ambiguous one may mean.
        for (k, t) in g.targets[i].iter().enumerate() {
            self.node(&mut h, *t);
            for &j in g.ambiguous.get(&(i, k)).into_iter().flatten() {
                h.u128(self.doc_rows[j]);
            }
            h.end();
        }
        h.end();
        // The registered bodies it links to: its issuer, and for a
        // directive who implemented it and who has not.
        let body = |h: &mut H, b: usize| {
            let body = &g.bodies.bodies[b];
            h.bytes(body.id.as_bytes());
            h.bytes(body.name.as_bytes());
        };
        match g.issuer_body[i] {
            Some(b) => body(&mut h, b),
            None => h.num(0),
        }
        self.around(g, Node::Doc(i), g.docs[i].meta.number.as_deref(), &mut h);
        // A directive's implementation: by whom, when, and who has not.
        if let Some(k) = r.tracking.directive_of[i] {
            let d = &r.tracking.directives[k];
            h.num(d.expected.len() as u64);
            for m in &d.implemented {
                body(&mut h, m.body);
                h.u128(self.doc_rows[m.doc]);
                h.bytes(format!("{:?} {:?}", m.date, m.days).as_bytes());
            }
            h.end();
            for &b in &d.missing {
                body(&mut h, b);
            }
        }
        h.end();
        h.done()
    }

    /// The inputs of cited-only document `j`'s page.
    pub fn cited(&self, g: &Graph, j: usize) -> u128 {
        let mut h = H::new(b"cited");
        h.u128(self.global);
        self.around(g, Node::Cited(j), Some(&g.cited[j].number), &mut h);
        h.done()
    }

    /// The inputs of a page of a list: the rows of the documents `docs` on
    /// it, as shown, and `rest`, all else it shows (heading, pager, links)
    /// written out.
    pub fn list_page(&self, docs: &[usize], rest: &str) -> u128 {
        let mut h = H::new(b"list page");
        h.u128(self.global);
        h.bytes(rest.as_bytes());
        for &i in docs {
            h.u128(self.listed[i]);
        }
        h.done()
    }

    /// The inputs of a page, or of the pages under a folder, that show
    /// `tasks` (rows or events), each with the role of the body the page
    /// is about, in this order: `what` is all else they show (title,
    /// address), written out; `registry` says they show the registry too.
    pub fn tasks<I>(&self, what: &str, registry: bool, tasks: I) -> u128
    where
        I: IntoIterator<Item = (TaskRef, Option<Role>)>,
    {
        let mut h = H::new(b"tasks");
        h.u128(self.global);
        h.bytes(what.as_bytes());
        h.u128(if registry { self.registry } else { 0 });
        for ((i, k), role) in tasks {
            h.u128(self.tasks[i][k]);
            h.num(match role {
                None => 0,
                Some(Role::Lead) => 1,
                Some(Role::Partner) => 2,
            });
        }
        h.done()
    }
}

/// Per document, per task: the hash of all its row (`task.html`) and its
/// event show and what orders it among others: its document's path,
/// label, address and date; the task as read, and its place in the
/// document; the registered bodies leading and coordinating it (id and
/// name); its state from `tracking`, with the label of the document that
/// gives the reason or the latest report.
fn task_hashes(r: &Renderer, g: &Graph) -> Vec<Vec<u128>> {
    let shown: Vec<u128> = g
        .docs
        .par_iter()
        .map(|d| {
            let mut h = H::new(b"task's document");
            h.bytes(d.path.as_os_str().as_encoded_bytes());
            h.bytes(doc_label(d).as_bytes());
            h.bytes(d.url.as_bytes());
            h.bytes(format!("{:?}", d.meta.date).as_bytes());
            h.done()
        })
        .collect();
    (0..g.docs.len())
        .into_par_iter()
        .map_init(bitcode::Buffer::new, |buf, i| {
            (0..g.docs[i].tasks.len())
                .map(|k| {
                    let mut h = H::new(b"task");
                    h.u128(shown[i]);
                    h.num(k as u64);
                    h.bytes(buf.encode(&g.docs[i].tasks[k]));
                    let tb = &g.task_bodies[i][k];
                    for list in [&tb.lead, &tb.coordinating] {
                        for &b in list {
                            let body = &g.bodies.bodies[b];
                            h.bytes(body.id.as_bytes());
                            h.bytes(body.name.as_bytes());
                        }
                        h.end();
                    }
                    let status = r.tracking.task((i, k));
                    h.bytes(status.state.key().as_bytes());
                    match &status.because {
                        None => h.num(0),
                        Some(Because::Report { doc }) => {
                            h.num(1);
                            h.u128(shown[*doc]);
                        }
                        Some(Because::Replaced { by }) => {
                            h.num(2);
                            h.u128(shown[*by]);
                        }
                        Some(b @ (Because::Recorded { .. } | Because::Old)) => {
                            h.num(3);
                            h.bytes(format!("{b:?}").as_bytes());
                        }
                    }
                    h.bytes(format!("{:?}", status.next_due).as_bytes());
                    match status.last_report {
                        Some(j) => h.u128(shown[j]),
                        None => h.num(0),
                    }
                    h.done()
                })
                .collect()
        })
        .collect()
}
