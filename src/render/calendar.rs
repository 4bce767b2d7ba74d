//! Tasks on the calendar: each task's row with its state (from
//! `tracking`), the calendar pages (an overview by quarter, one page per month, ongoing and
//! recurring duties apart) for the whole site and for each body, the next
//! 90 days for the home page, and the iCalendar feeds.

use super::ctx::{CalendarPage, ListLink, MonthLink, QuarterRow, StateGroup, TaskRow};
use super::fragments::{Fragments, ROOT};
use super::{OutFile, Renderer, crumbs, href, root_for};
use crate::date::Date;
use crate::deadline::{Deadline, Kind};
use crate::graph::{Graph, TaskRef};
use crate::ics;
use crate::tracking::State;
use anyhow::Result;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A task with its due date and the role of the body the page is about.
type Dated = (Date, TaskRef, Option<Role>);

/// The role of a body in a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Lead,
    Partner,
}

fn recurrence_label(d: &Deadline) -> String {
    use crate::deadline::Freq;
    let Some(r) = d.recurrence else {
        return String::new();
    };
    let base = match r.freq {
        Freq::Yearly => "Hằng năm",
        Freq::Semiannual => "6 tháng một lần",
        Freq::Quarterly => "Hằng quý",
        Freq::Monthly => "Hằng tháng",
        Freq::PerTerm => "Mỗi nhiệm kỳ",
        Freq::PeriodicUnspecified => "Định kỳ",
    };
    match (r.month, r.day) {
        (Some(m), Some(day)) => format!("{base}, trước ngày {day:02}/{m:02}"),
        (None, Some(day)) => format!("{base}, trước ngày {day}"),
        _ => base.to_string(),
    }
}

/// Due date of a task for month pages and feeds.
fn due(d: &Deadline) -> Option<Date> {
    match d.kind {
        Kind::Ongoing | Kind::Recurring => None,
        _ => d.end,
    }
}

const DAYS_AHEAD_ON_HOME: i64 = 90;
/// Rows of one kind shown on an overview or body page.
const ROWS_PER_GROUP: usize = 50;

/// Tasks on one month's page; a bigger month is split into pages.
const ROWS_PER_PAGE: usize = 200;

impl Renderer<'_> {
    /// A task's row as HTML (`task.html`), written once for [`Fragments`]:
    /// its link starts with [`ROOT`], which each page replaces with its own
    /// way to the site root.
    pub(super) fn task_html(
        &self,
        g: &Graph,
        (i, k): TaskRef,
        role: Option<Role>,
    ) -> Result<String> {
        #[derive(serde::Serialize)]
        struct One {
            t: TaskRow,
        }
        let d = &g.docs[i];
        let t = &d.tasks[k];
        let dl = t.deadline.as_ref();
        let status = self.tracking.task((i, k));
        let state = status.state;
        let range = dl.and_then(|x| match (x.start, x.end, x.kind) {
            (_, Some(e), Kind::ByDate) => Some(format!("hạn {}", e.vn())),
            (Some(s), Some(e), _) if s == e => Some(e.vn()),
            (Some(s), Some(e), _) => Some(format!("{} – {}", s.vn(), e.vn())),
            (None, Some(e), _) => Some(format!("đến {}", e.vn())),
            _ => None,
        });
        let text = crate::text::cut_words(&t.text, 220);
        let row = TaskRow {
            href: format!("{ROOT}{}index.html#L{}", d.url, t.line),
            doc: super::doc_label(d),
            text,
            due: dl.map(|x| x.text.clone()).unwrap_or_default(),
            range,
            recurrence: dl.map(recurrence_label).unwrap_or_default(),
            state: state.key(),
            state_label: state.label(),
            reason: status.reason(g),
            next_due: status.next_due.map(|d| format!("kỳ tới: {}", d.vn())),
            last_report: status
                .last_report
                .map(|r| format!("báo cáo gần nhất: {}", super::doc_label(&g.docs[r]))),
            role: role.map(|r| match r {
                Role::Lead => "Chủ trì",
                Role::Partner => "Phối hợp",
            }),
            bodies: lead_names(g, (i, k)),
        };
        if self.default_task_row {
            return Ok(default_task_row(&row));
        }
        let ctx =
            tera::Context::from_serialize(&One { t: row }).map_err(|e| anyhow::anyhow!("{e}"))?;
        self.tera
            .render("task.html", &ctx)
            .map_err(|e| anyhow::anyhow!("rendering task.html: {e:?}"))
    }

    /// Tasks due between the build date and 90 days on, soonest first.
    pub(super) fn next_days(&self, g: &Graph, f: &Fragments, root: &str) -> String {
        let until = self.today.add_days(DAYS_AHEAD_ON_HOME);
        let mut v: Vec<(Date, TaskRef)> = all_tasks(g)
            .filter_map(|r| {
                let e = due(g.docs[r.0].tasks[r.1].deadline.as_ref()?)?;
                (e >= self.today && e <= until).then_some((e, r))
            })
            .collect();
        v.sort();
        f.rows(
            v.into_iter().take(ROWS_PER_GROUP).map(|(_, r)| (r, None)),
            root,
        )
    }

    /// The calendar under `url` ("lich/" or "co-quan/<id>/lich/") of the
    /// given tasks: an overview page, a page per month (split in pages of
    /// [`ROWS_PER_PAGE`]), and the feed at `ics_path` ("calendar.ics",
    /// "co-quan/<id>/calendar.ics").
    #[allow(clippy::too_many_arguments)]
    pub(super) fn calendar_pages(
        &self,
        g: &Graph,
        f: &Fragments,
        url: &str,
        ics_path: &str,
        title: &str,
        trail: &[(&str, &str)],
        tasks: &[(TaskRef, Option<Role>)],
    ) -> Result<Vec<OutFile>> {
        let mut by_month: BTreeMap<(i32, u32), Vec<Dated>> = BTreeMap::new();
        let mut ongoing = Vec::new();
        let mut recurring = Vec::new();
        let mut undated = Vec::new();
        for &(r, role) in tasks {
            let Some(d) = g.docs[r.0].tasks[r.1].deadline.as_ref() else {
                continue;
            };
            match (d.kind, due(d)) {
                (Kind::Ongoing, _) => ongoing.push((r, role)),
                (Kind::Recurring, _) => recurring.push((r, role)),
                (_, Some(e)) => by_month.entry((e.y, e.m)).or_default().push((e, r, role)),
                (_, None) => undated.push((r, role)),
            }
        }
        for v in by_month.values_mut() {
            v.sort_unstable_by_key(|&(e, r, _)| (e, r));
        }
        let month_url = |(y, m): (i32, u32), page: usize| {
            if page == 0 {
                format!("{url}{y}-{m:02}/")
            } else {
                format!("{url}{y}-{m:02}/trang/{}/", page + 1)
            }
        };
        let mut out = Vec::with_capacity(by_month.len() + 2);

        // Overview.
        let root = root_for(url);
        let now = (self.today.y, self.today.m);
        let months: Vec<MonthLink> = by_month
            .iter()
            .map(|(&ym, v)| MonthLink {
                href: href(&root, &month_url(ym, 0)),
                label: format!("Tháng {:02}/{}", ym.1, ym.0),
                count: v.len(),
                current: ym == now,
                past: ym < now,
            })
            .collect();
        let mut years: BTreeMap<i32, [usize; 4]> = BTreeMap::new();
        for (&(y, m), v) in &by_month {
            years.entry(y).or_default()[((m - 1) / 3) as usize] += v.len();
        }
        let overview = years
            .into_iter()
            .map(|(year, q)| QuarterRow {
                year,
                quarters: q
                    .iter()
                    .enumerate()
                    .map(|(k, &n)| {
                        let first = (1..=3)
                            .map(|d| (year, k as u32 * 3 + d))
                            .find(|ym| by_month.contains_key(ym));
                        ListLink {
                            href: first
                                .map(|ym| href(&root, &month_url(ym, 0)))
                                .unwrap_or_default(),
                            label: format!("Quý {}", ["I", "II", "III", "IV"][k]),
                            count: n,
                        }
                    })
                    .collect(),
            })
            .collect();
        let first_rows =
            |v: &[(TaskRef, Option<Role>)]| f.rows(v.iter().take(ROWS_PER_GROUP).copied(), &root);
        let this_month = by_month.get(&now).map(Vec::as_slice).unwrap_or_default();
        let page = CalendarPage {
            site: self.site(&root),
            breadcrumb: crumbs(&root, trail, "Lịch".into()),
            title: title.to_string(),
            heading: format!("Lịch thực hiện — {title}"),
            months,
            overview,
            rows: f.rows(
                this_month
                    .iter()
                    .take(ROWS_PER_PAGE)
                    .map(|&(_, r, role)| (r, role)),
                &root,
            ),
            count: this_month.len(),
            more: (this_month.len() > ROWS_PER_PAGE).then(|| href(&root, &month_url(now, 0))),
            ongoing: first_rows(&ongoing),
            ongoing_total: ongoing.len(),
            recurring: first_rows(&recurring),
            recurring_total: recurring.len(),
            undated: first_rows(&undated),
            undated_total: undated.len(),
            ics: format!("{root}{ics_path}"),
            ..CalendarPage::default()
        };
        out.push(self.page("calendar.html", format!("{url}index.html"), &page)?);

        // Each month's pages, in parallel: a big site has a big calendar.
        let pages: Vec<((i32, u32), usize, &[Dated])> = by_month
            .iter()
            .flat_map(|(&ym, v)| {
                v.chunks(ROWS_PER_PAGE)
                    .enumerate()
                    .map(move |(k, rows)| (ym, k, rows))
            })
            .collect();
        let keys: Vec<(i32, u32)> = by_month.keys().copied().collect();
        let month_link = |ym: (i32, u32), root: &str| ListLink {
            href: href(root, &month_url(ym, 0)),
            label: format!("Tháng {:02}/{}", ym.1, ym.0),
            count: by_month[&ym].len(),
        };
        let site_wide = url == "lich/";
        let month_pages = pages
            .par_iter()
            .map(|&(ym, k, rows)| {
                let here = month_url(ym, k);
                let root = root_for(&here);
                let label = format!("Tháng {:02}/{}", ym.1, ym.0);
                let total = by_month[&ym].len();
                let mut t: Vec<(&str, &str)> = trail.to_vec();
                t.push(("Lịch", url));
                let first = month_url(ym, 0);
                if k > 0 {
                    t.push((&label, &first));
                }
                let here_label = if k == 0 {
                    label.clone()
                } else {
                    format!("Trang {}", k + 1)
                };
                let (bodies, bodies_total) = if site_wide && k == 0 {
                    month_bodies(g, &by_month[&ym], ym, &root)
                } else {
                    (Vec::new(), 0)
                };
                let page = CalendarPage {
                    site: self.site(&root),
                    breadcrumb: crumbs(&root, &t, here_label),
                    title: title.to_string(),
                    heading: format!("{label} — {title}"),
                    month_label: Some(label.clone()),
                    rows: f.rows(rows.iter().map(|&(_, r, role)| (r, role)), &root),
                    count: total,
                    pager: super::pager(k, total.div_ceil(ROWS_PER_PAGE), |p| {
                        href(&root, &month_url(ym, p))
                    }),
                    ics: format!("{root}{ics_path}"),
                    index: Some(href(&root, url)),
                    prev: keys
                        .binary_search(&ym)
                        .ok()
                        .and_then(|p| p.checked_sub(1))
                        .map(|p| month_link(keys[p], &root)),
                    next: keys
                        .binary_search(&ym)
                        .ok()
                        .and_then(|p| keys.get(p + 1))
                        .map(|&n| month_link(n, &root)),
                    bodies,
                    bodies_total,
                    ..CalendarPage::default()
                };
                self.page("calendar.html", format!("{here}index.html"), &page)
            })
            .collect::<Result<Vec<OutFile>>>()?;
        out.extend(month_pages);

        // The feed.
        let refs: Vec<TaskRef> = tasks.iter().map(|&(r, _)| r).collect();
        out.push(OutFile {
            path: ics_path.to_string(),
            bytes: f.feed(title, &refs).into_bytes(),
        });
        Ok(out)
    }

    /// A task as a calendar event: one all-day event on its due date;
    /// recurring duties with a known day repeat by RRULE. None for tasks
    /// without a date.
    pub(super) fn event(&self, g: &Graph, (i, k): TaskRef) -> Option<ics::Event> {
        let d = &g.docs[i];
        let t = &d.tasks[k];
        let dl = t.deadline.as_ref()?;
        let (date, rrule) = match dl.kind {
            Kind::Ongoing => return None,
            Kind::Recurring => {
                let r = dl.recurrence?;
                // Anchored at the document's date (never the build date, so
                // the feed does not change by itself).
                (r.first_due(d.meta.date?)?, Some(r.rrule()?))
            }
            _ => (dl.end?, None),
        };
        let who = lead_names(g, (i, k));
        let summary = crate::text::cut_words(&t.text, 120);
        let status = self.tracking.task((i, k));
        let mut state = status.state.label().to_string();
        if let Some(r) = status.reason(g) {
            state.push_str(&format!(" ({r})"));
        }
        Some(ics::Event {
            uid: format!("{}L{}-{}@kehoach", d.url.replace('/', "-"), t.line, k),
            summary: if who.is_empty() {
                summary
            } else {
                format!("{who}: {summary}")
            },
            description: format!("{state}\n{} — {}\n{}", super::doc_label(d), dl.text, t.text),
            url: Some(format!("{}index.html#L{}", d.url, t.line)),
            date,
            rrule,
            stamp: d.meta.date.unwrap_or(date),
            category: Some(status.state.label().to_string()),
            cancelled: matches!(status.state, State::Dropped | State::Archived),
        })
    }

    /// A body's deadlines by quarter, drawn (see `svg::timeline`): the
    /// quarters from its first task through the current one or its last task,
    /// the latest 12 at most. `url`
    /// is the body's calendar ("co-quan/<id>/lich/"). Empty when the body has
    /// no dated task.
    pub(super) fn body_timeline(&self, g: &Graph, b: usize, root: &str, url: &str) -> String {
        use super::svg::{Quarter, When};
        // Tasks per quarter (as year * 4 + quarter - 1), and the first month
        // with a task in each.
        let mut per: BTreeMap<i32, (usize, u32)> = BTreeMap::new();
        for ((i, k), _) in body_tasks_once(g, b) {
            let Some(e) = g.docs[i].tasks[k].deadline.as_ref().and_then(due) else {
                continue;
            };
            let slot = per
                .entry(e.y * 4 + (e.m as i32 - 1) / 3)
                .or_insert((0, e.m));
            slot.0 += 1;
            slot.1 = slot.1.min(e.m);
        }
        let (Some(&first), Some(&last)) = (per.keys().next(), per.keys().next_back()) else {
            return String::new();
        };
        let now = self.today.y * 4 + (self.today.m as i32 - 1) / 3;
        // The current quarter always, and nine at most (so that at 360 px
        // the picture is drawn unscaled and its labels keep 12 px): the
        // latest nine when they hold it, else two before it and the rest
        // ahead.
        const MAX: i32 = 9;
        let lo = first.min(now);
        let mut end = last.max(now);
        let mut start = lo.max(end - (MAX - 1));
        if start > now {
            start = lo.max(now - 2);
            end = start + MAX - 1;
        }
        let quarters: Vec<Quarter> = (start..=end)
            .map(|x| {
                let (count, month) = per.get(&x).copied().unwrap_or((0, 0));
                let (year, q) = (x.div_euclid(4), x.rem_euclid(4) as u32 + 1);
                Quarter {
                    year,
                    q,
                    count,
                    when: match x.cmp(&now) {
                        std::cmp::Ordering::Less => When::Past,
                        std::cmp::Ordering::Equal => When::Now,
                        std::cmp::Ordering::Greater => When::Next,
                    },
                    href: (count > 0).then(|| href(root, &format!("{url}{year}-{month:02}/"))),
                }
            })
            .collect();
        let shown: usize = quarters.iter().map(|q| q.count).sum();
        let all: usize = per.values().map(|v| v.0).sum();
        let mut title = format!(
            "Số việc đến hạn theo quý, quý {}/{} đến quý {}/{}: {shown} việc",
            start.rem_euclid(4) + 1,
            start.div_euclid(4),
            end.rem_euclid(4) + 1,
            end.div_euclid(4)
        );
        if all > shown {
            title.push_str(&format!(" ({} việc khác ngoài khoảng này)", all - shown));
        }
        super::svg::timeline(&title, &quarters)
    }

    /// Tasks of a body by role, for its page: each state's first rows.
    pub(super) fn body_tasks(
        &self,
        g: &Graph,
        f: &Fragments,
        b: usize,
        root: &str,
    ) -> Vec<StateGroup> {
        let mut groups: BTreeMap<State, Vec<(Option<Date>, TaskRef, Role)>> = BTreeMap::new();
        for (list, role) in [
            (&g.leads[b], Role::Lead),
            (&g.coordinates[b], Role::Partner),
        ] {
            for &r in list {
                let dl = g.docs[r.0].tasks[r.1].deadline.as_ref();
                let st = self.tracking.task(r).state;
                groups
                    .entry(st)
                    .or_default()
                    .push((dl.and_then(due), r, role));
            }
        }
        groups
            .into_iter()
            .map(|(st, mut v)| {
                // Overdue: most recent first; others: soonest first.
                v.sort_unstable_by_key(|&(d, r, _)| (d, r));
                if st == State::Overdue {
                    v.reverse();
                }
                StateGroup {
                    key: st.key(),
                    open: matches!(st, State::ThisMonth | State::Overdue | State::Upcoming),
                    label: st.label(),
                    total: v.len(),
                    shown: v.len().min(ROWS_PER_GROUP),
                    rows: f.rows(
                        v.into_iter()
                            .take(ROWS_PER_GROUP)
                            .map(|(_, r, role)| (r, Some(role))),
                        root,
                    ),
                }
            })
            .collect()
    }
}

/// The registered bodies leading or coordinating the tasks of `rows`, with
/// how many of them each has.
fn month_body_counts(g: &Graph, rows: &[Dated]) -> BTreeMap<usize, usize> {
    let mut n: BTreeMap<usize, usize> = BTreeMap::new();
    for &(_, (i, k), _) in rows {
        let tb = &g.task_bodies[i][k];
        let mut bs: Vec<usize> = tb.lead.iter().chain(&tb.coordinating).copied().collect();
        bs.sort_unstable();
        bs.dedup();
        for b in bs {
            *n.entry(b).or_default() += 1;
        }
    }
    n
}

/// The month's bodies for its filter: the 30 with most tasks, in
/// Vietnamese order, each linked to the month in its own calendar; and
/// how many bodies the month has in all.
fn month_bodies(
    g: &Graph,
    rows: &[Dated],
    (y, m): (i32, u32),
    root: &str,
) -> (Vec<ListLink>, usize) {
    let mut v: Vec<(usize, usize)> = month_body_counts(g, rows).into_iter().collect();
    let total = v.len();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(30);
    let mut out: Vec<ListLink> = v
        .into_iter()
        .map(|(b, count)| {
            let body = &g.bodies.bodies[b];
            ListLink {
                href: href(root, &format!("co-quan/{}/lich/{y}-{m:02}/", body.id)),
                label: body.name.clone(),
                count,
            }
        })
        .collect();
    crate::collate::sort_by_key(&mut out, |l| l.label.as_str());
    (out, total)
}

/// A task row as the default theme's `task.html`, minified, renders it:
/// written directly, since a site has a row per task and role and a
/// template context each cost more than the rest of the row
/// (`default_task_row_is_the_template` keeps the two the same).
pub fn default_task_row(t: &TaskRow) -> String {
    let mut s = String::with_capacity(256 + t.text.len() + t.doc.len());
    let esc = |s: &mut String, v: &str| {
        let _ = pulldown_cmark_escape::escape_html(&mut *s, v);
    };
    s.push_str("<li class=\"task ");
    esc(&mut s, t.state);
    s.push_str("\"><span class=state>");
    esc(&mut s, t.state_label);
    s.push_str("</span>");
    if let Some(r) = t.role {
        s.push_str(" <span class=tag>");
        esc(&mut s, r);
        s.push_str("</span>");
    }
    s.push_str(" <a href=\"");
    esc(&mut s, &t.href);
    s.push_str("\">");
    esc(&mut s, &t.text);
    s.push_str("</a><span class=meta>");
    if !t.due.is_empty() && t.due != t.text {
        esc(&mut s, &t.due);
    }
    for v in [
        t.range.as_deref(),
        Some(t.recurrence.as_str()),
        t.next_due.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|v| !v.is_empty())
    {
        s.push_str(" · ");
        esc(&mut s, v);
    }
    if !t.bodies.is_empty() && t.role.is_none() {
        s.push_str(" · ");
        esc(&mut s, &t.bodies);
    }
    s.push_str(" · ");
    esc(&mut s, &t.doc);
    for v in [t.reason.as_deref(), t.last_report.as_deref()]
        .into_iter()
        .flatten()
        .filter(|v| !v.is_empty())
    {
        s.push_str(" · ");
        esc(&mut s, v);
    }
    s.push_str("</span></li>");
    s
}

/// The lead bodies of a task: registered names, else the names as written.
fn lead_names(g: &Graph, (i, k): TaskRef) -> String {
    let lead = &g.task_bodies[i][k].lead;
    if lead.is_empty() {
        g.docs[i].tasks[k].bodies.join("; ")
    } else {
        lead.iter()
            .map(|&b| g.bodies.bodies[b].name.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The tasks a body leads or coordinates, each once (as lead when it is
/// both), in task order.
pub fn body_tasks_once(g: &Graph, b: usize) -> Vec<(TaskRef, Role)> {
    let mut v: Vec<(TaskRef, Role)> = g.leads[b]
        .iter()
        .map(|&r| (r, Role::Lead))
        .chain(g.coordinates[b].iter().map(|&r| (r, Role::Partner)))
        .collect();
    v.sort_by_key(|&(r, role)| (r, role == Role::Partner));
    v.dedup_by_key(|x| x.0);
    v
}

/// Every task of the site, in document order.
pub fn all_tasks(g: &Graph) -> impl Iterator<Item = TaskRef> + '_ {
    g.by_date
        .iter()
        .flat_map(move |&i| (0..g.docs[i].tasks.len()).map(move |k| (i, k)))
}

#[cfg(test)]
mod task_row_tests {
    use super::*;

    /// Every branch of `task.html`, and text that must be escaped.
    #[test]
    fn default_task_row_is_the_template() {
        let files: Vec<(String, String)> = crate::render::theme::DEFAULT
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        let tera = crate::render::theme::tera(&files, true).unwrap();
        #[derive(serde::Serialize)]
        struct One<'a> {
            t: &'a TaskRow,
        }
        let base = TaskRow {
            href: "../../van-ban/x/index.html#L12".into(),
            doc: "Kế hoạch 12-KH/TW".into(),
            text: "Ban Tuyên giáo <chủ trì> & \"phối hợp\" 'x'".into(),
            due: "trước ngày 15/4/2026".into(),
            range: Some("hạn 15/04/2026".into()),
            recurrence: "Hằng năm".into(),
            state: "this-month",
            state_label: "Đến hạn tháng này",
            reason: Some("theo Báo cáo 25-BC/BTGTU".into()),
            next_due: Some("kỳ tới: 15/12/2026".into()),
            last_report: Some("báo cáo gần nhất: Báo cáo 3-BC/TU".into()),
            role: Some("Chủ trì"),
            bodies: "Ban Tuyên giáo Tỉnh ủy".into(),
        };
        let variants = [
            TaskRow { ..base.clone() },
            TaskRow {
                role: None,
                ..base.clone()
            },
            TaskRow {
                role: None,
                bodies: String::new(),
                ..base.clone()
            },
            TaskRow {
                due: base.text.clone(),
                ..base.clone()
            },
            TaskRow {
                due: String::new(),
                range: None,
                recurrence: String::new(),
                ..base.clone()
            },
            TaskRow {
                next_due: None,
                reason: None,
                last_report: None,
                ..base.clone()
            },
            TaskRow {
                reason: Some(String::new()),
                ..base.clone()
            },
            TaskRow {
                role: Some("Phối hợp"),
                state: "overdue",
                ..base.clone()
            },
        ];
        for t in &variants {
            let ctx = tera::Context::from_serialize(&One { t }).unwrap();
            let want = tera.render("task.html", &ctx).unwrap();
            assert_eq!(default_task_row(t), want);
        }
    }
}
