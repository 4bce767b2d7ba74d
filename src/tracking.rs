//! Implementation tracking: where each task stands on the build date
//! (done, reported, overdue, due this month …), and for each directive
//! which bodies must act on it and which have issued a document that
//! implements it. Built once from the graph and the build date, then only
//! read by rendering.
//!
//! A task's state, first rule that applies:
//! 1. an editor's `[[status]]` (done, dropped; in progress keeps the date's
//!    state and says so);
//! 2. a report (Báo cáo) by a body of the task that implements the plan,
//!    for what was due by the report's date (a "tổng kết" report: all);
//! 3. the plan replaced or repealed by a document of the site, or older
//!    than `archive_after_years`: archived;
//! 4. its deadline against the build date.

use crate::bodies::Registry;
use crate::date::Date;
use crate::deadline::Kind;
use crate::extract::citations::Relation;
use crate::graph::{Graph, Node};
use crate::model::Recorded;
use std::collections::BTreeSet;

/// Where a task stands. The order is the order of a body page's groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    ThisMonth,
    Overdue,
    Upcoming,
    Ongoing,
    Recurring,
    Undated,
    Reported,
    Done,
    Dropped,
    Archived,
}

impl State {
    /// The state a deadline gives on `today`, nothing else known.
    pub fn by_date(d: Option<&crate::deadline::Deadline>, today: Date) -> State {
        let Some(d) = d else { return State::Undated };
        match d.kind {
            Kind::Ongoing => return State::Ongoing,
            Kind::Recurring => return State::Recurring,
            _ => {}
        }
        match d.end {
            None => State::Undated,
            Some(e) if e < today => State::Overdue,
            Some(e) if (e.y, e.m) == (today.y, today.m) => State::ThisMonth,
            Some(_) => State::Upcoming,
        }
    }

    pub const ALL: [State; 10] = [
        State::ThisMonth,
        State::Overdue,
        State::Upcoming,
        State::Ongoing,
        State::Recurring,
        State::Undated,
        State::Reported,
        State::Done,
        State::Dropped,
        State::Archived,
    ];

    /// The key of CSS classes and of `tracking.json`.
    pub fn key(self) -> &'static str {
        match self {
            State::ThisMonth => "this-month",
            State::Overdue => "overdue",
            State::Upcoming => "upcoming",
            State::Ongoing => "ongoing",
            State::Recurring => "recurring",
            State::Undated => "undated",
            State::Reported => "reported",
            State::Done => "done",
            State::Dropped => "dropped",
            State::Archived => "archived",
        }
    }

    /// The words every page and feed uses for the state.
    pub fn label(self) -> &'static str {
        match self {
            State::ThisMonth => "Đến hạn tháng này",
            State::Overdue => "Quá hạn, chưa báo cáo",
            State::Upcoming => "Sắp tới",
            State::Ongoing => "Thường xuyên",
            State::Recurring => "Định kỳ",
            State::Undated => "Chưa rõ thời hạn",
            State::Reported => "Đã báo cáo",
            State::Done => "Đã hoàn thành",
            State::Dropped => "Dừng thực hiện",
            State::Archived => "Lưu trữ",
        }
    }

    /// Still to be acted on.
    pub fn open(self) -> bool {
        !matches!(
            self,
            State::Reported | State::Done | State::Dropped | State::Archived
        )
    }
}

/// Why a task is in its state, when something beyond its deadline says so.
#[derive(Clone, Debug, PartialEq)]
pub enum Because {
    /// The report (a document index) that covers it.
    Report { doc: usize },
    /// An editor's `[[status]]`.
    Recorded {
        recorded: Recorded,
        date: Option<Date>,
        note: Option<String>,
    },
    /// Its document is replaced or repealed by this document.
    Replaced { by: usize },
    /// Its document is older than the archive horizon.
    Old,
}

/// A task's state with its reason.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskStatus {
    pub state: State,
    pub because: Option<Because>,
    /// Recurring duties: the next due date on or after the build date.
    pub next_due: Option<Date>,
    /// The latest report of one of its bodies that left it open (an
    /// ongoing or recurring duty, or one due after the report).
    pub last_report: Option<usize>,
}

impl TaskStatus {
    /// The reason in words, for a task's row ("Báo cáo 15-BC/TU ngày …").
    pub fn reason(&self, g: &Graph) -> Option<String> {
        let label = |i: usize| crate::model::doc_label(&g.docs[i]);
        Some(match self.because.as_ref()? {
            Because::Report { doc } => format!("theo {}", label(*doc)),
            Because::Recorded {
                recorded,
                date,
                note,
            } => {
                let what = match recorded {
                    Recorded::Done => "Ghi nhận hoàn thành",
                    Recorded::InProgress => "Đang thực hiện",
                    Recorded::Dropped => "Ghi nhận dừng thực hiện",
                };
                let mut s = what.to_string();
                if let Some(d) = date {
                    s.push_str(&format!(" ngày {}", d.vn()));
                }
                if let Some(n) = note {
                    s.push_str(&format!(": {n}"));
                }
                s
            }
            Because::Replaced { by } => format!("văn bản đã bị thay thế bởi {}", label(*by)),
            Because::Old => "văn bản đã quá thời hạn theo dõi".to_string(),
        })
    }
}

/// A body's document implementing a directive.
#[derive(Clone, Debug, PartialEq)]
pub struct Implementation {
    pub body: usize,
    pub doc: usize,
    pub date: Option<Date>,
    /// Days from the directive's date to the document's.
    pub days: Option<i64>,
}

/// A document that bodies must act on, and who has.
#[derive(Clone, Debug, PartialEq)]
pub struct Directive {
    pub doc: usize,
    /// Bodies that must act, in registry order.
    pub expected: Vec<usize>,
    /// The first implementing document of each expected body that has one.
    pub implemented: Vec<Implementation>,
    pub missing: Vec<usize>,
    /// In force and not archived: counted on the tracking page.
    pub open: bool,
}

/// Tracking of the whole site.
#[derive(Debug, Default)]
pub struct Tracking {
    /// Per document, per task.
    pub tasks: Vec<Vec<TaskStatus>>,
    /// Documents with bodies expected to act, in document order.
    pub directives: Vec<Directive>,
    /// Per document: its index in `directives`.
    pub directive_of: Vec<Option<usize>>,
    /// Per body: the directives (indices) it must act on.
    pub to_implement: Vec<Vec<usize>>,
}

/// Recipients that receive a document for information, not to act:
/// "(để báo cáo)", "(để biết)", "Lưu …", "Như trên".
fn acts(recipient: &str) -> bool {
    let k = crate::text::name_key(recipient);
    let not = [
        "để báo cáo",
        "để b/c",
        "(b/c)",
        "báo cáo)",
        "để biết",
        "để theo dõi",
        "để giám sát",
        "để phối hợp",
    ];
    !(k.starts_with("lưu")
        || k.starts_with("như trên")
        || k.starts_with("đ/c")
        || k.starts_with("các đồng chí")
        || not.iter().any(|n| k.contains(n)))
}

/// A recipient's name without its purpose: "Bộ Nông nghiệp (để thực
/// hiện)" → "Bộ Nông nghiệp".
fn recipient_name(r: &str) -> &str {
    let r = r.split('(').next().unwrap_or(r);
    r.trim()
        .trim_start_matches(['-', '+', '*', '•'])
        .trim()
        .trim_end_matches([',', ';', '.', ':'])
        .trim()
}

/// The members of a group body: those it lists in `members`, and its
/// children. A body that is no group stands for itself.
fn members(reg: &Registry, b: usize) -> Vec<usize> {
    let body = &reg.bodies[b];
    if !body.group {
        return vec![b];
    }
    let mut v: Vec<usize> = body
        .members
        .iter()
        .filter_map(|id| reg.index_of(id))
        .chain(reg.children(b))
        .filter(|&m| !reg.bodies[m].group)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Whether child `c` signs for its parent `p`: it carries the parent's
/// issuer code at the parent's level ("Ban Thường vụ Tỉnh ủy" issues
/// "…-KH/TU" for the Tỉnh ủy). A committee a level below that happens to
/// carry the same code (a Thành ủy's "TU" under the Tỉnh ủy) acts for
/// itself. Where either level is not registered, the code decides.
fn signs_for(reg: &Registry, c: usize, p: usize) -> bool {
    let (child, parent) = (&reg.bodies[c], &reg.bodies[p]);
    child.code.is_some()
        && child.code == parent.code
        && match (&child.level, &parent.level) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

/// The bodies whose documents are `b`'s own: `b`, and its children that
/// sign for it.
fn acting_for(reg: &Registry, b: usize) -> Vec<usize> {
    let mut v = vec![b];
    v.extend(
        reg.children(b)
            .into_iter()
            .filter(|&c| signs_for(reg, c, b)),
    );
    v
}

/// The body a document's issuer acts for: the committee when the issuer
/// signs for it (its standing board), else the issuer.
fn principal(reg: &Registry, b: usize) -> usize {
    match reg.bodies[b]
        .parent
        .as_deref()
        .and_then(|p| reg.index_of(p))
    {
        Some(p) if signs_for(reg, b, p) => p,
        _ => b,
    }
}

/// Documents implementing document `d`, directly or through others, at
/// most `limit`. A report (Báo cáo) on it is no document implementing it.
fn implementers(g: &Graph, d: usize, limit: usize) -> Vec<usize> {
    let mut seen = BTreeSet::from([d]);
    let mut queue = vec![d];
    let mut k = 0;
    while k < queue.len() && queue.len() < limit {
        for e in g.cited_by(Node::Doc(queue[k])) {
            if e.relation == Relation::Implements
                && g.docs[e.from].meta.kind.as_deref() != Some("BC")
                && seen.insert(e.from)
            {
                queue.push(e.from);
            }
        }
        k += 1;
    }
    queue.remove(0);
    queue
}

impl Tracking {
    pub fn build(g: &Graph, today: Date, archive_after_years: Option<u32>) -> Tracking {
        let reg = &g.bodies;
        let horizon = archive_after_years.and_then(|y| Date::new(today.y - y as i32, today.m, 1));
        let standing: Vec<crate::graph::Standing> = (0..g.docs.len())
            .map(|i| g.standing(Node::Doc(i)))
            .collect();
        let old = |i: usize| horizon.is_some_and(|h| g.docs[i].meta.date.is_some_and(|d| d < h));

        // Dates first, then what archives, reports and editors say.
        let mut tasks: Vec<Vec<TaskStatus>> = g
            .docs
            .iter()
            .map(|d| {
                d.tasks
                    .iter()
                    .map(|t| {
                        let dl = t.deadline.as_ref();
                        let state = State::by_date(dl, today);
                        let next_due = match (state, dl.and_then(|x| x.recurrence)) {
                            (State::Recurring, Some(r)) => {
                                r.first_due(d.meta.date.map_or(today, |x| x.max(today)))
                            }
                            _ => None,
                        };
                        TaskStatus {
                            state,
                            because: None,
                            next_due,
                            last_report: None,
                        }
                    })
                    .collect()
            })
            .collect();
        for (i, ts) in tasks.iter_mut().enumerate() {
            let by = standing[i]
                .replaced_by
                .first()
                .or(standing[i].repealed_by.first());
            let because = match by {
                Some(&by) => Some(Because::Replaced { by }),
                None if old(i) => Some(Because::Old),
                None => None,
            };
            if let Some(b) = because {
                for t in ts.iter_mut() {
                    t.state = State::Archived;
                    t.because = Some(b.clone());
                }
            }
        }
        // Reports, oldest first: a later report's date is the one kept.
        for &r in g.by_date.iter().rev() {
            let rd = &g.docs[r];
            if rd.meta.kind.as_deref() != Some("BC") {
                continue;
            }
            let Some(rb) = g.issuer_body[r] else { continue };
            let reporter = principal(reg, rb);
            let final_report = rd
                .meta
                .title
                .as_deref()
                .is_some_and(|t| crate::text::name_key(t).contains("tổng kết"));
            for (c, t) in rd.citations.iter().zip(&g.targets[r]) {
                let Some(Node::Doc(p)) = *t else { continue };
                if !matches!(c.relation, Relation::Reports | Relation::Implements) || p == r {
                    continue;
                }
                let plan_issuer = g.issuer_body[p].map(|b| principal(reg, b));
                for (k, task) in g.docs[p].tasks.iter().enumerate() {
                    let tb = &g.task_bodies[p][k];
                    let theirs = tb
                        .lead
                        .iter()
                        .chain(&tb.coordinating)
                        .any(|&b| principal(reg, b) == reporter)
                        || (tb.lead.is_empty() && plan_issuer == Some(reporter));
                    let st = &mut tasks[p][k];
                    if !theirs || !st.state.open() {
                        continue;
                    }
                    let covered = match task.deadline.as_ref() {
                        None => true,
                        Some(d) if matches!(d.kind, Kind::Ongoing | Kind::Recurring) => false,
                        Some(d) => match (d.end, rd.meta.date) {
                            (None, _) => true,
                            (Some(e), Some(at)) => final_report || e <= at,
                            (Some(_), None) => final_report,
                        },
                    };
                    if covered {
                        st.state = State::Reported;
                        st.because = Some(Because::Report { doc: r });
                    } else {
                        st.last_report = Some(r);
                    }
                }
            }
        }
        // What editors recorded wins over all.
        for (i, d) in g.docs.iter().enumerate() {
            for s in &d.statuses {
                for &k in &s.tasks {
                    let Some(st) = tasks[i].get_mut(k) else {
                        continue;
                    };
                    match s.recorded {
                        Recorded::Done => st.state = State::Done,
                        Recorded::Dropped => st.state = State::Dropped,
                        Recorded::InProgress if st.state.open() => {}
                        Recorded::InProgress => continue,
                    }
                    st.because = Some(Because::Recorded {
                        recorded: s.recorded,
                        date: s.date,
                        note: s.note.clone(),
                    });
                }
            }
        }

        // Directives: who must act, and who did.
        let mut directives = Vec::new();
        let mut directive_of = vec![None; g.docs.len()];
        let mut to_implement = vec![Vec::new(); reg.bodies.len()];
        for &i in &g.by_date {
            let d = &g.docs[i];
            let issuer = g.issuer_body[i].map(|b| principal(reg, b));
            // The issuer and those above it do not implement its document.
            let mut above: BTreeSet<usize> = BTreeSet::new();
            if let Some(b) = issuer {
                above.extend(acting_for(reg, b));
                above.extend(reg.ancestors(b));
            }
            let mut expected: BTreeSet<usize> = BTreeSet::new();
            for r in d.meta.recipients.iter().filter(|r| acts(r)) {
                let name = recipient_name(r);
                let found = match reg.lookup_acting(name, issuer) {
                    Some(b) => vec![b],
                    None => crate::text::list_items(name)
                        .filter_map(|p| reg.lookup_acting(p, issuer))
                        .collect(),
                };
                for b in found {
                    expected.extend(members(reg, b));
                }
            }
            for tb in &g.task_bodies[i] {
                for &b in &tb.lead {
                    expected.extend(members(reg, b));
                }
            }
            let expected: Vec<usize> = expected
                .into_iter()
                .map(|b| principal(reg, b))
                .filter(|b| !above.contains(b))
                .collect::<BTreeSet<usize>>()
                .into_iter()
                .collect();
            if expected.is_empty() {
                continue;
            }
            let mut implemented = Vec::new();
            let mut by_body: std::collections::BTreeMap<usize, usize> = Default::default();
            for j in implementers(g, i, crate::graph::TREE_LIMIT) {
                let Some(b) = g.issuer_body[j].map(|b| principal(reg, b)) else {
                    continue;
                };
                if expected.binary_search(&b).is_err() {
                    continue;
                }
                let earlier = |a: usize, b: usize| {
                    (g.docs[a].meta.date.is_none(), g.docs[a].meta.date, a)
                        < (g.docs[b].meta.date.is_none(), g.docs[b].meta.date, b)
                };
                match by_body.get(&b) {
                    Some(&k) if !earlier(j, k) => {}
                    _ => {
                        by_body.insert(b, j);
                    }
                }
            }
            for (&b, &j) in &by_body {
                let date = g.docs[j].meta.date;
                implemented.push(Implementation {
                    body: b,
                    doc: j,
                    date,
                    days: match (d.meta.date, date) {
                        (Some(a), Some(b)) => Some(b.to_days() - a.to_days()),
                        _ => None,
                    },
                });
            }
            let missing: Vec<usize> = expected
                .iter()
                .copied()
                .filter(|b| !by_body.contains_key(b))
                .collect();
            let k = directives.len();
            for &b in &expected {
                to_implement[b].push(k);
            }
            directive_of[i] = Some(k);
            directives.push(Directive {
                doc: i,
                expected,
                implemented,
                missing,
                open: standing[i].in_force() && !old(i),
            });
        }
        Tracking {
            tasks,
            directives,
            directive_of,
            to_implement,
        }
    }

    /// The status of task `(document, task)`.
    pub fn task(&self, (i, k): crate::graph::TaskRef) -> &TaskStatus {
        &self.tasks[i][k]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_that_act() {
        for (r, want) in [
            ("Các tỉnh ủy, thành ủy", true),
            ("Bộ Nông nghiệp (để báo cáo)", false),
            ("Ban Tuyên giáo Trung ương (để b/c)", false),
            ("Như trên", false),
            ("Lưu: VT", false),
            ("Lưu Văn phòng Trung ương Đảng.", false),
            ("Các đồng chí Ủy viên Ban Chấp hành", false),
            ("Sở Tư pháp (để thực hiện)", true),
            ("- Các huyện ủy, thị ủy,", true),
        ] {
            assert_eq!(acts(r), want, "{r}");
        }
        assert_eq!(recipient_name("- Sở Tư pháp (để thực hiện);"), "Sở Tư pháp");
        assert_eq!(
            recipient_name("Các tỉnh uỷ, thành uỷ,"),
            "Các tỉnh uỷ, thành uỷ"
        );
    }

    #[test]
    fn states_against_the_build_date() {
        let today = Date::new(2026, 11, 23).unwrap();
        let check = |phrase: &str, expected: State| {
            let d = crate::deadline::parse(phrase, Date::new(2026, 1, 5));
            assert_eq!(State::by_date(d.as_ref(), today), expected, "{phrase}");
        };
        check("trong tháng 11/2026", State::ThisMonth);
        check("trước ngày 30/11/2026", State::ThisMonth);
        check("trong năm 2025", State::Overdue);
        check("trước ngày 22/11/2026", State::Overdue);
        check("quý I/2027", State::Upcoming);
        check("trong năm 2026", State::Upcoming);
        check("thường xuyên", State::Ongoing);
        check("hằng năm", State::Recurring);
        check("sau khi có hướng dẫn", State::Undated);
        assert_eq!(State::by_date(None, today), State::Undated);
    }
}
