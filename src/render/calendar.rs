//! Calendars: the site's, `lich/`, and each body's that has tasks,
//! `co-quan/<id>/lich/`: an overview by quarter (this month's tasks,
//! ongoing and recurring duties apart), one page per month
//! (`<yyyy>-<mm>/`, split in pages of 200: `<yyyy>-<mm>/trang/<n>/`).
//! Also the calendar parts of other pages: the next 90 days for the home
//! page ([`next_days`]), a body's tasks by state and its deadlines by
//! quarter ([`body_tasks`], [`body_timeline`]). Reads the graph's tasks and
//! per-body task lists, task states from `tracking`, and the task rows of
//! [`Fragments`]. Each calendar names its folder and its inputs (its tasks
//! in order, with roles; the registry for the site's). The calendars'
//! iCalendar files are feeds.

use super::ctx::{CalendarPage, ListLink, MonthLink, QuarterRow, StateGroup};
use super::fragments::{Fragments, Role, all_tasks, body_tasks_once, due};
use super::shell::{crumbs, href, pager, root_for};
use super::{Job, Renderer, Scope, job};
use crate::date::Date;
use crate::deadline::Kind;
use crate::graph::{Graph, TaskRef};
use crate::outfile::OutFile;
use crate::tracking::State;
use anyhow::Result;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// A task with its due date and the role of the body the page is about.
type Dated = (Date, TaskRef, Option<Role>);

const DAYS_AHEAD_ON_HOME: i64 = 90;
/// Rows of one kind shown on an overview or body page.
const ROWS_PER_GROUP: usize = 50;

/// Tasks on one month's page; a bigger month is split into pages.
const ROWS_PER_PAGE: usize = 200;

/// The site's calendar, and the calendar of each body that leads or
/// coordinates a task.
pub fn jobs<'a>(s: &'a Scope<'a>) -> Vec<Job<'a>> {
    let (r, g, f) = (s.r, s.g, s.f);
    let mut jobs = vec![
        job(move || {
            let all: Vec<_> = all_tasks(g).map(|t| (t, None)).collect();
            calendar_pages(r, g, f, "lich/", "calendar.ics", &r.config.title, &[], &all)
        })
        // The month pages' filter by body reads the registry.
        .reading(move |inputs| {
            let all = all_tasks(g).map(|t| (t, None));
            ("lich/".to_string(), inputs.tasks("", true, all))
        }),
    ];
    jobs.extend(
        (0..g.bodies.bodies.len())
            .filter(|&b| !g.leads[b].is_empty() || !g.coordinates[b].is_empty())
            .map(|b| {
                let body = &g.bodies.bodies[b];
                let tasks = move || {
                    body_tasks_once(g, b)
                        .into_iter()
                        .map(|(t, role)| (t, Some(role)))
                };
                job(move || {
                    let url = format!("co-quan/{}/", body.id);
                    calendar_pages(
                        r,
                        g,
                        f,
                        &format!("{url}lich/"),
                        &format!("{url}calendar.ics"),
                        &body.name,
                        &[("Cơ quan", "co-quan/"), (body.name.as_str(), url.as_str())],
                        &tasks().collect::<Vec<_>>(),
                    )
                })
                .reading(move |inputs| {
                    let url = format!("co-quan/{}/lich/", body.id);
                    (url, inputs.tasks(&body.name, false, tasks()))
                })
            }),
    );
    jobs
}

/// Tasks due between the build date and 90 days on, soonest first.
pub(super) fn next_days(r: &Renderer, g: &Graph, f: &Fragments, root: &str) -> Result<String> {
    let until = r.today.add_days(DAYS_AHEAD_ON_HOME);
    let mut v: Vec<(Date, TaskRef)> = all_tasks(g)
        .filter_map(|t| {
            let e = due(g.docs[t.0].tasks[t.1].deadline.as_ref()?)?;
            (e >= r.today && e <= until).then_some((e, t))
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
/// [`ROWS_PER_PAGE`]), each linking to the feed at `ics_path`
/// ("calendar.ics", "co-quan/<id>/calendar.ics", written by `feeds`).
#[allow(clippy::too_many_arguments)]
fn calendar_pages(
    r: &Renderer,
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
    let now = (r.today.y, r.today.m);
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
        site: r.site(&root),
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
        )?,
        count: this_month.len(),
        more: (this_month.len() > ROWS_PER_PAGE).then(|| href(&root, &month_url(now, 0))),
        ongoing: first_rows(&ongoing)?,
        ongoing_total: ongoing.len(),
        recurring: first_rows(&recurring)?,
        recurring_total: recurring.len(),
        undated: first_rows(&undated)?,
        undated_total: undated.len(),
        ics: format!("{root}{ics_path}"),
        ..CalendarPage::default()
    };
    out.push(r.page("calendar.html", format!("{url}index.html"), &page)?);

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
                site: r.site(&root),
                breadcrumb: crumbs(&root, &t, here_label),
                title: title.to_string(),
                heading: format!("{label} — {title}"),
                month_label: Some(label.clone()),
                rows: f.rows(rows.iter().map(|&(_, r, role)| (r, role)), &root)?,
                count: total,
                pager: pager(k, total.div_ceil(ROWS_PER_PAGE), |p| {
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
            r.page("calendar.html", format!("{here}index.html"), &page)
        })
        .collect::<Result<Vec<OutFile>>>()?;
    out.extend(month_pages);
    Ok(out)
}

/// A body's deadlines by quarter, drawn (see `svg::timeline`): the
/// quarters from its first task through the current one or its last task,
/// the latest 12 at most. `url`
/// is the body's calendar ("co-quan/<id>/lich/"). Empty when the body has
/// no dated task.
pub(super) fn body_timeline(r: &Renderer, g: &Graph, b: usize, root: &str, url: &str) -> String {
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
    let now = r.today.y * 4 + (r.today.m as i32 - 1) / 3;
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
    r: &Renderer,
    g: &Graph,
    f: &Fragments,
    b: usize,
    root: &str,
) -> Result<Vec<StateGroup>> {
    let mut groups: BTreeMap<State, Vec<(Option<Date>, TaskRef, Role)>> = BTreeMap::new();
    for (list, role) in [
        (&g.leads[b], Role::Lead),
        (&g.coordinates[b], Role::Partner),
    ] {
        for &t in list {
            let dl = g.docs[t.0].tasks[t.1].deadline.as_ref();
            let st = r.tracking.task(t).state;
            groups
                .entry(st)
                .or_default()
                .push((dl.and_then(due), t, role));
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
            Ok(StateGroup {
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
                )?,
            })
        })
        .collect()
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
