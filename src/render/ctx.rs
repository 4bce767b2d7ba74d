//! Typed template contexts. Kept apart from the domain types: a page gets
//! small records with ready-made relative links, never whole documents.

use serde::Serialize;

#[derive(Serialize, Clone, Default)]
pub struct SiteCtx {
    pub title: String,
    pub lang: String,
    /// Relative prefix from this page to the site root ("../../").
    pub root: String,
    /// Build date, dd/mm/yyyy.
    pub build_date: String,
}

#[derive(Serialize, Clone)]
pub struct Crumb {
    pub label: String,
    pub href: Option<String>,
}

/// A document in a list.
#[derive(Serialize, Clone, Debug)]
pub struct DocRow {
    pub href: String,
    pub number: Option<String>,
    pub kind_name: Option<String>,
    pub title: String,
    pub date: Option<String>,
    pub issuer: Option<String>,
    /// False for documents known only from citations.
    pub in_site: bool,
    /// "Bị thay thế", "Bị bãi bỏ", "Được sửa đổi, bổ sung" when so; none
    /// for a document in force.
    pub standing: Option<&'static str>,
}

#[derive(Serialize)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
    pub href: Option<String>,
}

/// A citation of this document, for "Văn bản được dẫn chiếu".
#[derive(Serialize)]
pub struct CiteRow {
    /// Page of the cited document, when it resolved.
    pub href: Option<String>,
    pub date: Option<String>,
    /// When the number may mean several site documents: all of them.
    pub candidates: Vec<DocRow>,
    pub number: String,
    pub kind_name: String,
}

/// A document citing this one, for "Được trích dẫn bởi".
#[derive(Serialize)]
pub struct BacklinkRow {
    /// "Kế hoạch 292-KH/TU" (or the title when there is no number).
    pub label: String,
    /// Link to the exact paragraph of the citing document.
    pub at: String,
    /// Issuer and date of the citing document.
    pub meta: String,
    /// The citing sentence.
    pub text: String,
}

#[derive(Serialize)]
pub struct TreeLevel {
    pub level: usize,
    pub rows: Vec<TreeRow>,
}

#[derive(Serialize)]
pub struct TreeRow {
    pub label: String,
    pub href: String,
    pub issuer: Option<String>,
    /// Number (or title) of the document it implements.
    pub implements: String,
}

#[derive(Serialize)]
pub struct ItemRow {
    pub href: String,
    pub title: String,
    pub kind: String,
    pub date: Option<String>,
}

#[derive(Serialize)]
pub struct DocPage {
    pub site: SiteCtx,
    pub breadcrumb: Vec<Crumb>,
    pub doc: DocRow,
    pub fields: Vec<Field>,
    pub recipients: Vec<String>,
    pub html: &'static str,
    pub toc: Vec<crate::markdown::TocEntry>,
    pub rel: Relations,
    /// Issuer, place and date on one line, for the header.
    pub summary: String,
    /// The official header, as printed (shown on paper only).
    pub official: Official,
    /// The signature block under the text.
    pub signature: Option<SignatureCtx>,
    /// Files published beside the page (the signed copy, appendices).
    pub attachments: Vec<ListLink>,
    pub tree: Vec<TreeLevel>,
    /// The tree drawn as inline SVG.
    pub tree_svg: String,
    pub items: Vec<ItemRow>,
    pub draft: bool,
    /// For a directive: which bodies have issued documents implementing it.
    pub implementation: Option<ImplementationCtx>,
}

/// A document's official header (CONVENTIONS.md §1): issuer and number on
/// the left, the motto, place and date on the right.
#[derive(Serialize)]
pub struct Official {
    /// A Party document ("ĐẢNG CỘNG SẢN VIỆT NAM"), else a state one
    /// ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").
    pub party: bool,
    pub issuer: Option<String>,
    pub number: Option<String>,
    /// "Hà Nội, ngày 18 tháng 10 năm 2022".
    pub place_date: Option<String>,
}

#[derive(Serialize)]
pub struct SignatureCtx {
    pub authority: Option<String>,
    pub title: Option<String>,
    pub signer: String,
}

/// Rows of one relation, for the grouped relations view ("lược đồ"):
/// "Thực hiện", "Bị thay thế bởi", "Dẫn chiếu", …
#[derive(Serialize)]
pub struct RelGroup<T> {
    pub label: &'static str,
    pub rows: Vec<T>,
}

/// Documents cited, and citing, grouped by relation; and the chain of
/// documents above (what it implements, what those implement, …).
#[derive(Serialize, Default)]
pub struct Relations {
    pub cites: Vec<RelGroup<CiteRow>>,
    pub cites_count: usize,
    pub cited_by: Vec<RelGroup<BacklinkRow>>,
    pub cited_by_count: usize,
    /// Level by level upwards: what this implements, then what those
    /// implement.
    pub above: Vec<Vec<DocRow>>,
    pub total: usize,
}

#[derive(Serialize)]
pub struct CitedPage {
    pub site: SiteCtx,
    pub breadcrumb: Vec<Crumb>,
    pub doc: DocRow,
    pub topic: Option<String>,
    pub rel: Relations,
    pub tree: Vec<TreeLevel>,
    /// The tree drawn as inline SVG.
    pub tree_svg: String,
    pub items: Vec<ItemRow>,
}

#[derive(Serialize, Clone, Debug)]
pub struct ListLink {
    pub href: String,
    pub label: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct PageLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct ListPage {
    pub site: SiteCtx,
    pub breadcrumb: Vec<Crumb>,
    pub heading: String,
    /// Links to the other pages of a long list (empty when one page).
    pub pager: Vec<PageLink>,
    pub docs: Vec<DocRow>,
    pub items: Vec<ItemRow>,
    pub links: Vec<ListLink>,
}

#[derive(Serialize)]
pub struct HomePage {
    pub site: SiteCtx,
    pub description: String,
    pub latest: Vec<DocRow>,
    pub items: Vec<ItemRow>,
    pub kinds: Vec<ListLink>,
    pub years: Vec<ListLink>,
    pub total: usize,
    /// Tasks due in the next 90 days (rows written by `Fragments`).
    pub next: String,
    /// Tasks of the site by state.
    pub states: Vec<StateCount>,
    /// Open directives with bodies that have not implemented them.
    pub open_directives: usize,
}

#[derive(Serialize)]
pub struct ItemPage {
    pub site: SiteCtx,
    pub breadcrumb: Vec<Crumb>,
    pub item: ItemRow,
    pub html: &'static str,
    pub promotes: Vec<DocRow>,
}

#[derive(Serialize)]
pub struct BodyPage {
    pub site: SiteCtx,
    pub breadcrumb: Vec<Crumb>,
    /// Its id in `bodies.toml` (the page is `co-quan/<id>/`).
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub code: Option<String>,
    pub parent: Option<ListLink>,
    pub children: Vec<ListLink>,
    pub successor: Option<ListLink>,
    pub predecessor: Option<ListLink>,
    pub issued: Vec<DocRow>,
    pub received: Vec<DocRow>,
    /// Tasks it leads or coordinates, by state against the build date.
    pub tasks: Vec<StateGroup>,
    /// Its deadlines by quarter, drawn as inline SVG (empty: none dated).
    pub timeline: String,
    /// Its calendar, when it has tasks.
    pub calendar: Option<String>,
    /// "Văn bản cấp trên cần triển khai": open directives it must act on
    /// (the first 50), and how many it has not and has implemented.
    pub directives: Vec<DirectiveRow>,
    pub directives_missing: usize,
    pub directives_done: usize,
}

#[derive(Serialize)]
pub struct BodiesPage {
    pub site: SiteCtx,
    pub breadcrumb: Vec<Crumb>,
    /// Depth first through the registry's hierarchy.
    pub bodies: Vec<BodyRow>,
}

/// A body in the bodies index.
#[derive(Serialize)]
pub struct BodyRow {
    pub href: String,
    pub label: String,
    /// Tasks it leads or coordinates.
    pub count: usize,
    /// Its depth in the hierarchy (0 at the top, 4 at most).
    pub depth: usize,
}

#[derive(Serialize)]
pub struct NotFoundPage {
    pub site: SiteCtx,
}

/// A task in a list or calendar: small, never the whole document.
#[derive(Serialize, Clone)]
pub struct TaskRow {
    /// Link to the task's paragraph in its plan.
    pub href: String,
    /// The plan ("Kế hoạch 12-KH/TW").
    pub doc: String,
    pub text: String,
    /// The deadline as written.
    pub due: String,
    /// The dates it means ("01/07/2023 – 30/09/2023").
    pub range: Option<String>,
    /// For recurring duties ("Hằng năm, trước ngày 15/12").
    pub recurrence: String,
    pub state: &'static str,
    pub state_label: &'static str,
    /// Why it is in its state, beyond its deadline ("theo Báo cáo …").
    pub reason: Option<String>,
    /// Recurring duties: "kỳ tới: 15/12/2026".
    pub next_due: Option<String>,
    /// "báo cáo gần nhất: …" for a duty a report left open.
    pub last_report: Option<String>,
    /// "Chủ trì" or "Phối hợp" on a body's pages.
    pub role: Option<&'static str>,
    /// Lead bodies, for the site-wide calendar.
    pub bodies: String,
}

#[derive(Serialize)]
pub struct StateGroup {
    pub key: &'static str,
    /// Shown unfolded (what needs attention now).
    pub open: bool,
    pub label: &'static str,
    pub total: usize,
    /// How many rows `rows` holds.
    pub shown: usize,
    /// The first rows, as HTML written by `Fragments`.
    pub rows: String,
}

#[derive(Serialize)]
pub struct MonthLink {
    pub href: String,
    pub label: String,
    pub count: usize,
    pub current: bool,
    pub past: bool,
}

#[derive(Serialize)]
pub struct QuarterRow {
    pub year: i32,
    pub quarters: Vec<ListLink>,
}

#[derive(Serialize, Default)]
pub struct CalendarPage {
    pub site: SiteCtx,
    pub breadcrumb: Vec<Crumb>,
    pub title: String,
    pub heading: String,
    /// Set on a month's page.
    pub month_label: Option<String>,
    pub months: Vec<MonthLink>,
    pub overview: Vec<QuarterRow>,
    /// The tasks due in the month (the current one on the overview), this
    /// page's share of them, as HTML written by `Fragments`.
    pub rows: String,
    /// How many tasks are due in the month.
    pub count: usize,
    /// On the overview, when this month has more tasks than it shows: the
    /// month's own page.
    pub more: Option<String>,
    /// The month's pages, when it has more than one.
    pub pager: Vec<PageLink>,
    pub ongoing: String,
    pub ongoing_total: usize,
    pub recurring: String,
    pub recurring_total: usize,
    pub undated: String,
    pub undated_total: usize,
    pub ics: String,
    /// Link back to the overview, on a month's page.
    pub index: Option<String>,
    /// On a month's page: the months before and after it that have tasks.
    pub prev: Option<ListLink>,
    pub next: Option<ListLink>,
    /// On a month's first page of the site's calendar: the bodies with
    /// tasks that month (the most first, 30 at most), each linked to its
    /// own calendar's month; and how many there are in all.
    pub bodies: Vec<ListLink>,
    pub bodies_total: usize,
}

#[derive(Serialize)]
pub struct SearchPage {
    pub site: SiteCtx,
    pub breadcrumb: Vec<Crumb>,
    /// Posting shards and entries per entry file of the index.
    pub shards: usize,
    pub per: usize,
    pub entries: usize,
    /// Folded kind names → the code of their numbers, as JSON.
    pub kinds: String,
}

/// A body's document implementing a directive.
#[derive(Serialize, Clone)]
pub struct ImplRow {
    pub body: ListLink,
    pub doc: DocRow,
    /// Days from the directive to the document ("sau 35 ngày").
    pub days: Option<i64>,
}

/// On a directive's page: who must act on it, who has, who has not.
#[derive(Serialize)]
pub struct ImplementationCtx {
    /// "12/18".
    pub done: usize,
    pub total: usize,
    pub implemented: Vec<ImplRow>,
    pub missing: Vec<ListLink>,
}

/// A directive in a list (the tracking page, a body's page).
#[derive(Serialize)]
pub struct DirectiveRow {
    pub doc: DocRow,
    pub done: usize,
    pub total: usize,
    pub missing: usize,
    /// On a body's page: its own implementing document, if any.
    pub own: Option<ImplRow>,
}

#[derive(Serialize)]
pub struct TrackingPage {
    pub site: SiteCtx,
    pub breadcrumb: Vec<Crumb>,
    /// Open directives, most bodies missing first (the first 200).
    pub rows: Vec<DirectiveRow>,
    /// How many open directives there are.
    pub total: usize,
    /// Tasks of the whole site by state.
    pub states: Vec<StateCount>,
}

/// How many tasks are in a state.
#[derive(Serialize)]
pub struct StateCount {
    pub key: &'static str,
    pub label: &'static str,
    pub count: usize,
}
