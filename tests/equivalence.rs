//! The equivalence test (#25): random sequences of edits on the example
//! site — a word, a document number, a citation, a title, a date, a
//! deadline, a draft mark; files added, removed and renamed;
//! `content/bodies.toml`; a theme file; `config.toml`; the build date —
//! each followed by a build reusing what earlier builds read (the read
//! cache on disk, and `serve`'s memo kept across the steps), and a clean
//! build into a fresh folder. After every step the two reusing builds give
//! the fresh build's site byte for byte and the same summary; a step that
//! leaves a file unparsable (until a later step fixes it) fails all three
//! builds with the same message.
//!
//! Seeded: `KEHOACH_EQUIV_SEED` (default [`SEED`]) and
//! `KEHOACH_EQUIV_STEPS` (default [`STEPS`]) give the run; each step's
//! edit is printed (`--nocapture`), and a failure names the seed, the step
//! and the edit. A longer run:
//! `KEHOACH_EQUIV_STEPS=300 cargo test --release --test equivalence`.

mod common;
use common::*;
use kehoach::build::{Options, Report, build, build_with};
use kehoach::date::Date;
use kehoach::memo::ReadMemo;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The default seed and number of steps: with this seed, every kind of
/// edit comes at least once, and a fix. 26 to 50 s in a debug build on two
/// busy shared cores, of which 15 s of CPU: most of a step is waiting for
/// the flush of each site it publishes.
const SEED: u64 = 20_261_123;
const STEPS: usize = 17;

/// splitmix64: small, seeded, the same sequence on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0);
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => {
            let v = v.trim();
            let n = match v.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => v.parse(),
            };
            n.unwrap_or_else(|_| panic!("{name}={v:?} is not a number"))
        }
        Err(_) => default,
    }
}

/// The kinds of edits a step makes; the steps draw them from a shuffled
/// deck, so that every kind comes once in each run of `KINDS.len()` steps.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Nothing,
    Word,
    Number,
    Citation,
    Title,
    Date,
    Deadline,
    Draft,
    Add,
    Delete,
    Rename,
    Bodies,
    Theme,
    Config,
    BuildOptions,
    Break,
    /// Not drawn: the fix of a file broken on purpose.
    Fix,
}

const KINDS: &[Kind] = &[
    Kind::Nothing,
    Kind::Word,
    Kind::Number,
    Kind::Citation,
    Kind::Title,
    Kind::Date,
    Kind::Deadline,
    Kind::Draft,
    Kind::Add,
    Kind::Delete,
    Kind::Rename,
    Kind::Bodies,
    Kind::Theme,
    Kind::Config,
    Kind::BuildOptions,
    Kind::Break,
];

const WORDS: &[&str] = &[
    "mới",
    "tiếp tục",
    "Kế hoạch",
    "triển khai",
    "đồng bộ",
    "Ban",
    "trong",
    "nhanh chóng",
    "thực hiện",
];

const CITATIONS: &[&str] = &[
    "Thực hiện Kết luận số 75-KL/TW ngày 28/7/2026 của Ban Chấp hành Trung ương.",
    "Căn cứ Kế hoạch số 12-KH/TW ngày 28/11/2022 của Bộ Chính trị.",
    "Thực hiện Kế hoạch số 25-KH/TU ngày 10/01/2023 của Ban Thường vụ Tỉnh ủy.",
    "Thực hiện Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương.",
    "Kế hoạch này thay thế Kế hoạch số 266-KH/ĐU ngày 18/10/2022 của Ban Thường vụ Đảng ủy.",
    "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị.",
];

const LEADS: &[&str] = &[
    "Ban Tuyên giáo",
    "Ban Tuyên giáo Tỉnh ủy",
    "Văn phòng Tỉnh ủy",
    "Đảng ủy Khối các cơ quan tỉnh",
    "Ban Tổ chức Trung ương",
    "Ban Mới",
];

const TASKS: &[&str] = &[
    "tổ chức hội thi",
    "tổng hợp báo cáo",
    "rà soát quy chế làm việc",
    "tổ chức tọa đàm",
];

const WHEN: &[&str] = &[
    "hoàn thành trong quý III năm 2026",
    "hoàn thành trong tháng 12/2026",
    "hoàn thành trong năm 2027",
    "hoàn thành trong quý I/2027",
    "hoàn thành trong tháng 02/2026",
    "hoàn thành trước ngày 30/6/2026",
];

const TITLES: &[&str] = &[
    "Kế hoạch tuyên truyền kỷ niệm ngày thành lập Đảng",
    "về đổi mới phương thức lãnh đạo của Đảng",
    "Tin bài về hội nghị quán triệt",
    "tổ chức học tập, quán triệt Nghị quyết",
];

const BODY_NAMES: &[&str] = &[
    "Ban Tuyên giáo",
    "Ban Mới",
    "Hội Cựu chiến binh tỉnh Quảng Nam",
    "Đoàn Thanh niên Thông tấn xã Việt Nam",
    "Văn phòng Tỉnh ủy Quảng Nam",
];

/// A file made unparsable on purpose, and what it held (None: it was not
/// there).
struct Broken {
    path: String,
    original: Option<String>,
}

/// The site being edited, and the options of its builds.
struct Site {
    root: PathBuf,
    today: Option<Date>,
    drafts: bool,
    /// For new names, numbers and ids.
    counter: usize,
    broken: Option<Broken>,
    /// Blocks appended to `bodies.toml`.
    bodies: Vec<String>,
}

impl Site {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn next(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }

    fn is_broken(&self, rel: &str) -> bool {
        self.broken.as_ref().is_some_and(|b| b.path == rel)
    }

    /// The sources under `content/<section>` (plans, propaganda), sorted,
    /// less the one broken on purpose.
    fn sources(&self, section: &str) -> Vec<String> {
        let mut v: Vec<String> = walkdir::WalkDir::new(self.path(&format!("content/{section}")))
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&self.root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|p| p.ends_with(".md") && !self.is_broken(p))
            .collect();
        v.sort();
        v
    }

    fn all_sources(&self) -> Vec<String> {
        let mut v = self.sources("plans");
        v.extend(self.sources("propaganda"));
        v
    }

    fn options(&self, out: &Path, read_cache: bool) -> Options {
        Options {
            root: self.root.clone(),
            out: out.to_path_buf(),
            today: self.today,
            drafts: self.drafts,
            commit: None,
            read_cache,
        }
    }
}

/// A source's front matter (between the `+++` lines, without them) and
/// body.
fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("+++\n")?;
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((&rest[..at], &rest[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

fn join(front: &str, body: &str) -> String {
    format!("+++\n{front}+++\n{body}")
}

/// The line index of a top-level `key = …` in TOML `front` (before any
/// table header).
fn key_line(front: &str, key: &str) -> Option<usize> {
    front
        .lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
}

/// `front` with the top-level `key` set to `value` (TOML, as written),
/// replaced where it is, else added first.
fn set_in(front: &str, key: &str, value: &str) -> String {
    let mut lines: Vec<String> = front.lines().map(str::to_string).collect();
    let line = format!("{key} = {value}");
    match key_line(front, key) {
        Some(i) => lines[i] = line,
        None => lines.insert(0, line),
    }
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// `front` without its top-level `key`.
fn remove_in(front: &str, key: &str) -> String {
    let skip = key_line(front, key);
    front
        .lines()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(_, l)| format!("{l}\n"))
        .collect()
}

/// A source with front matter key `key` set to `value`; a source without
/// front matter gets one.
fn set_key(text: &str, key: &str, value: &str) -> String {
    match split(text) {
        Some((front, body)) => join(&set_in(front, key, value), body),
        None => join(&format!("{key} = {value}\n"), text),
    }
}

/// The value of a top-level `key = "…"` of a source's front matter.
fn front_value(text: &str, key: &str) -> Option<String> {
    let (front, _) = split(text)?;
    let line = front.lines().nth(key_line(front, key)?)?;
    Some(line.split_once('=')?.1.trim().to_string())
}

/// A source's text with its body changed by `f`.
fn with_body(text: &str, f: impl FnOnce(&str) -> String) -> String {
    match split(text) {
        Some((front, body)) => join(front, &f(body)),
        None => f(text),
    }
}

/// `with_body` for an edit that may not apply.
fn with_body_opt(text: &str, f: impl FnOnce(&str) -> Option<String>) -> Option<String> {
    match split(text) {
        Some((front, body)) => f(body).map(|b| join(front, &b)),
        None => f(text),
    }
}

/// `body` with `paragraph` inserted as a paragraph of its own, at a
/// paragraph boundary chosen by `rng`.
fn insert_paragraph(rng: &mut Rng, body: &str, paragraph: &str) -> (String, String) {
    let lines: Vec<&str> = body.lines().collect();
    let at: Vec<usize> = (0..=lines.len())
        .filter(|&i| i == 0 || lines[i - 1].trim().is_empty())
        .collect();
    let i = *rng.pick(&at);
    let mut out: Vec<&str> = lines[..i].to_vec();
    out.push(paragraph);
    if i == lines.len() {
        if i > 0 && !lines[i - 1].trim().is_empty() {
            out.insert(i, "");
        }
    } else {
        out.push("");
    }
    out.extend(&lines[i..]);
    let mut text = out.join("\n");
    text.push('\n');
    (text, format!("before line {} of the body", i + 1))
}

/// A random date, as front matter writes it.
fn some_date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        2021 + rng.below(7),
        1 + rng.below(12),
        1 + rng.below(28)
    )
}

/// `s` with one of its ASCII digits (chosen by `rng`) changed; None when
/// it has none.
fn change_digit(rng: &mut Rng, s: &str) -> Option<String> {
    let digits: Vec<usize> = s
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .map(|(i, _)| i)
        .collect();
    if digits.is_empty() {
        return None;
    }
    let i = *rng.pick(&digits);
    let old = s.as_bytes()[i] - b'0';
    let new = (old + 1 + rng.below(9) as u8) % 10;
    Some(format!("{}{}{}", &s[..i], new, &s[i + 1..]))
}

/// What a step did, to print and to name in a failure.
type Done = String;

fn edit_word(site: &Site, rng: &mut Rng) -> Done {
    let rel = rng.pick(&site.all_sources()).clone();
    let text = site.read(&rel);
    let word = *rng.pick(WORDS);
    let mut said = String::new();
    let new = with_body(&text, |body| {
        // Words of letters only: numbers are the number edit's.
        let spans: Vec<(usize, usize)> = words(body)
            .into_iter()
            .filter(|&(a, b)| body[a..b].chars().all(char::is_alphabetic))
            .collect();
        if spans.is_empty() {
            said = "(no word: appended one)".into();
            return format!("{body}\n{word}\n");
        }
        let (a, b) = *rng.pick(&spans);
        said = format!("{:?} → {word:?}", &body[a..b]);
        format!("{}{word}{}", &body[..a], &body[b..])
    });
    site.write(&rel, &new);
    format!("a word of {rel}: {said}")
}

/// The byte spans of the words (runs of letters and digits) of `s`.
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, s.len()));
    }
    out
}

fn edit_number(site: &mut Site, rng: &mut Rng) -> Done {
    let rel = rng.pick(&site.all_sources()).clone();
    let text = site.read(&rel);
    let (key, current) = if rel.starts_with("content/propaganda/") {
        // An item has no number: it names the documents it promotes.
        ("promotes", front_value(&text, "promotes"))
    } else {
        ("number", front_value(&text, "number"))
    };
    if let Some(old) = current
        && let Some(changed) = change_digit(rng, &old)
    {
        site.write(&rel, &set_key(&text, key, &changed));
        return format!("{key} of {rel}: {old} → {changed}");
    }
    // The number in the text ("Số 266 - KH/ĐU"), else one added.
    let mut said = String::new();
    let edited = with_body_opt(&text, |body| {
        let mut lines: Vec<String> = body.lines().map(str::to_string).collect();
        let at = lines.iter().position(|l| {
            let t = l.trim_start_matches(['\\', '*', ' ']);
            t.starts_with("Số") && t.chars().any(|c| c.is_ascii_digit())
        })?;
        let changed = change_digit(rng, &lines[at])?;
        said = format!("line {} of the body: {:?} → {changed:?}", at + 1, lines[at]);
        lines[at] = changed;
        Some(lines.join("\n") + "\n")
    });
    if let Some(t) = edited {
        site.write(&rel, &t);
        return format!("the number in {rel}, {said}");
    }
    if key == "promotes" {
        let n = format!("[\"{}-KH/TU\"]", 100 + site.next());
        site.write(&rel, &set_key(&text, key, &n));
        return format!("promotes of {rel} set to {n}");
    }
    let n = format!("\"{}-KH/ĐU\"", 100 + site.next());
    site.write(&rel, &set_key(&text, "number", &n));
    format!("number of {rel} set to {n}")
}

fn edit_paragraph(site: &Site, rng: &mut Rng, what: &str, paragraph: &str) -> Done {
    let rel = rng.pick(&site.all_sources()).clone();
    let text = site.read(&rel);
    let mut said = String::new();
    let new = with_body(&text, |body| {
        let (b, s) = insert_paragraph(rng, body, paragraph);
        said = s;
        b
    });
    site.write(&rel, &new);
    format!("{what} in {rel}, {said}: {paragraph:?}")
}

fn edit_citation(site: &Site, rng: &mut Rng) -> Done {
    let c = *rng.pick(CITATIONS);
    edit_paragraph(site, rng, "a citation", c)
}

fn edit_deadline(site: &Site, rng: &mut Rng) -> Done {
    let p = format!(
        "{}. {} {} ({}).",
        1 + rng.below(9),
        rng.pick(LEADS),
        rng.pick(TASKS),
        rng.pick(WHEN)
    );
    edit_paragraph(site, rng, "a deadline", &p)
}

fn edit_front(site: &Site, rng: &mut Rng, key: &str, value: String) -> Done {
    let rel = rng.pick(&site.all_sources()).clone();
    let text = site.read(&rel);
    let old = front_value(&text, key);
    site.write(&rel, &set_key(&text, key, &value));
    format!(
        "{key} of {rel}: {} → {value}",
        old.as_deref().unwrap_or("(none)")
    )
}

fn edit_title(site: &mut Site, rng: &mut Rng) -> Done {
    let n = site.next();
    let t = format!("\"{} {n}\"", rng.pick(TITLES));
    edit_front(site, rng, "title", t)
}

fn edit_date(site: &Site, rng: &mut Rng) -> Done {
    let d = format!("\"{}\"", some_date(rng));
    edit_front(site, rng, "date", d)
}

/// A draft mark set or taken away: the source is kept out of the site
/// (unless the build shows drafts), or comes back.
fn edit_draft(site: &Site, rng: &mut Rng) -> Done {
    let rel = rng.pick(&site.all_sources()).clone();
    let text = site.read(&rel);
    match split(&text) {
        Some((front, body)) if key_line(front, "draft").is_some() => {
            site.write(&rel, &join(&remove_in(front, "draft"), body));
            format!("the draft mark of {rel} taken away")
        }
        _ => {
            site.write(&rel, &set_key(&text, "draft", "true"));
            format!("{rel} marked a draft")
        }
    }
}

fn edit_add(site: &mut Site, rng: &mut Rng) -> Done {
    let n = site.next();
    let citation = *rng.pick(CITATIONS);
    let task = format!(
        "1. {} {} ({}).",
        rng.pick(LEADS),
        rng.pick(TASKS),
        rng.pick(WHEN)
    );
    let date = some_date(rng);
    match rng.below(3) {
        0 => {
            let rel = format!("content/propaganda/moi-{n}.md");
            let promotes = rng.pick(&["12-KH/TW", "25-KH/TU", "266-KH/ĐU", "75-KL/TW"]);
            site.write(
                &rel,
                &format!(
                    "+++\ntitle = \"Tin bài mới {n}\"\ndate = \"{date}\"\npromotes = [\"{promotes}\"]\n+++\n{citation}\n\nNội dung tuyên truyền.\n"
                ),
            );
            format!("a new item {rel}")
        }
        k => {
            let mut folders: Vec<String> = site
                .sources("plans")
                .iter()
                .filter_map(|p| Some(Path::new(p).parent()?.to_string_lossy().into_owned()))
                .collect();
            folders.push("content/plans/moi".into());
            folders.sort();
            folders.dedup();
            let rel = format!("{}/moi-{n}.md", rng.pick(&folders));
            let text = if k == 1 {
                format!(
                    "+++\nnumber = \"{}-KH/ĐU\"\ndate = \"{date}\"\ntitle = \"tuyên truyền {n}\"\n+++\nKẾ HOẠCH\n\n{citation}\n\n{task}\n",
                    300 + n
                )
            } else {
                // No front matter: what the header says.
                format!(
                    "ĐẢNG ỦY KHỐI\n\nSố {}-KH/ĐUK\n\nHà Nội, ngày 2 tháng 3 năm 2026\n\nKẾ HOẠCH\n\nthực hiện chương trình công tác\n\n{citation}\n\n{task}\n",
                    300 + n
                )
            };
            site.write(&rel, &text);
            format!("a new plan {rel}")
        }
    }
}

fn edit_delete(site: &mut Site, rng: &mut Rng) -> Done {
    let all = site.all_sources();
    if all.len() < 5 {
        return format!("{} (too few sources to remove one)", edit_add(site, rng));
    }
    let rel = rng.pick(&all).clone();
    std::fs::remove_file(site.path(&rel)).unwrap();
    format!("{rel} removed")
}

fn edit_rename(site: &mut Site, rng: &mut Rng) -> Done {
    let rel = rng.pick(&site.all_sources()).clone();
    let n = site.next();
    let dir = if rel.starts_with("content/plans/") && rng.one_in(2) {
        let mut folders: Vec<String> = site
            .sources("plans")
            .iter()
            .filter_map(|p| Some(Path::new(p).parent()?.to_string_lossy().into_owned()))
            .collect();
        folders.sort();
        folders.dedup();
        rng.pick(&folders).clone()
    } else {
        Path::new(&rel)
            .parent()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let to = format!("{dir}/doi-ten-{n}.md");
    std::fs::rename(site.path(&rel), site.path(&to)).unwrap();
    format!("{rel} renamed {to}")
}

const BODIES: &str = "content/bodies.toml";

fn edit_bodies(site: &mut Site, rng: &mut Rng) -> Done {
    let text = site.read(BODIES);
    if !site.bodies.is_empty() && rng.one_in(3) {
        let i = rng.below(site.bodies.len());
        let block = site.bodies.remove(i);
        assert!(text.contains(&block));
        site.write(BODIES, &text.replacen(&block, "", 1));
        return format!("a body taken out of {BODIES}: {:?}", block.trim());
    }
    let n = site.next();
    let mut block = format!(
        "\n[[body]]\nid = \"them-{n}\"\nname = \"{}\"\n",
        rng.pick(BODY_NAMES)
    );
    if rng.one_in(2) {
        block.push_str("parent = \"bch-tw\"\n");
    }
    if rng.one_in(3) {
        block.push_str(&format!("aliases = [\"Ban Số {n}\"]\n"));
    }
    site.write(BODIES, &format!("{text}{block}"));
    site.bodies.push(block.clone());
    format!("a body added to {BODIES}: {:?}", block.trim())
}

fn theme_path(p: &str) -> String {
    format!("themes/default/{p}")
}

/// A theme file (the site's override of the embedded default) changed,
/// or changed back to the default, or removed (the default is used).
fn edit_theme(site: &mut Site, rng: &mut Rng) -> Done {
    let mut files: Vec<(&str, &str)> = kehoach::render::theme::DEFAULT.to_vec();
    files.sort();
    let (p, default) = *rng.pick(&files);
    let rel = theme_path(p);
    let now = std::fs::read_to_string(site.path(&rel)).ok();
    let n = site.next();
    match now {
        Some(t) if t == default => {
            let changed = if p == "templates/base.html" {
                t.replacen(
                    "<head>",
                    &format!("<head><meta name=\"x-equiv\" content=\"{n}\">"),
                    1,
                )
            } else if t.contains("{% block main %}") {
                t.replacen(
                    "{% block main %}",
                    &format!("{{% block main %}}<p class=\"equiv\">{n}</p>"),
                    1,
                )
            } else if p.ends_with(".html") {
                format!("<span hidden>{n}</span>{t}")
            } else if p.ends_with(".css") {
                format!("{t}\n.equiv-{n} {{ color: red; }}\n")
            } else {
                format!("{t}\n// {n}\n")
            };
            assert_ne!(changed, t, "{rel}");
            site.write(&rel, &changed);
            format!("{rel} changed")
        }
        Some(_) if rng.one_in(2) => {
            std::fs::remove_file(site.path(&rel)).unwrap();
            format!("{rel} removed (the default is used)")
        }
        _ => {
            site.write(&rel, default);
            format!("{rel} written as the default")
        }
    }
}

const CONFIG: &str = "config.toml";

fn edit_config(site: &mut Site, rng: &mut Rng) -> Done {
    let text = site.read(CONFIG);
    let n = site.next();
    let toggle = |text: &str, key: &str, value: &str| {
        if key_line(text, key).is_some() {
            (remove_in(text, key), format!("{key} taken out"))
        } else {
            (set_in(text, key, value), format!("{key} = {value}"))
        }
    };
    let (new, said) = match rng.below(6) {
        0 => {
            let t = format!("\"Cổng Kế hoạch {n}\"");
            (set_in(&text, "title", &t), format!("title = {t}"))
        }
        1 => {
            let d = format!("\"Kế hoạch và nhiệm vụ, bản {n}.\"");
            (
                set_in(&text, "description", &d),
                format!("description = {d}"),
            )
        }
        2 => match text.strip_prefix("# equiv\n") {
            Some(rest) => (rest.to_string(), "a comment taken out".to_string()),
            None => (format!("# equiv\n{text}"), "a comment added".to_string()),
        },
        3 => toggle(&text, "minify", "false"),
        4 => toggle(
            &text,
            "archive_after_years",
            &(1 + rng.below(3)).to_string(),
        ),
        _ => {
            let url = if front_like(&text, "base_url") == Some("\"/\"".into()) {
                "\"https://intranet.example/cong/\""
            } else {
                "\"/\""
            };
            (set_in(&text, "base_url", url), format!("base_url = {url}"))
        }
    };
    site.write(CONFIG, &new);
    format!("{CONFIG}: {said}")
}

/// The value of a top-level key of a TOML file.
fn front_like(toml: &str, key: &str) -> Option<String> {
    let line = toml.lines().nth(key_line(toml, key)?)?;
    Some(line.split_once('=')?.1.trim().to_string())
}

fn edit_options(site: &mut Site, rng: &mut Rng) -> Done {
    if rng.one_in(4) {
        site.drafts = !site.drafts;
        return format!("drafts shown: {}", site.drafts);
    }
    let dates = [
        Some("2026-11-23"),
        Some("2026-12-24"),
        Some("2027-04-01"),
        Some("2023-02-15"),
        Some("2024-07-01"),
        // The sources' latest change (not a git checkout).
        None,
    ];
    let d = rng.pick(&dates).and_then(Date::parse_iso);
    let d = if d == site.today {
        Date::parse_iso("2025-05-05")
    } else {
        d
    };
    site.today = d;
    format!(
        "the build date: {}",
        d.map_or("from the sources".to_string(), |d| d.to_string())
    )
}

/// A file made unparsable: a source's front matter, `bodies.toml`,
/// `config.toml` or a template.
fn edit_break(site: &mut Site, rng: &mut Rng) -> Done {
    let (rel, broken) = match rng.below(4) {
        0 | 1 => {
            let rel = rng.pick(&site.all_sources()).clone();
            let text = site.read(&rel);
            let b = set_key(&text, "number", "[");
            (rel, b)
        }
        2 => {
            if rng.one_in(2) {
                let text = site.read(BODIES);
                (BODIES.to_string(), format!("{text}\n[[body]]\nid = \n"))
            } else {
                let text = site.read(CONFIG);
                (CONFIG.to_string(), format!("{text}\nminify = [\n"))
            }
        }
        _ => {
            let mut names: Vec<&str> = kehoach::render::theme::DEFAULT
                .iter()
                .map(|(p, _)| *p)
                .filter(|p| p.ends_with(".html"))
                .collect();
            names.sort();
            let name: &&str = rng.pick(&names);
            let rel = theme_path(name);
            let text = std::fs::read_to_string(site.path(&rel)).unwrap_or_default();
            (rel, format!("{{% if %}}{text}"))
        }
    };
    let original = std::fs::read_to_string(site.path(&rel)).ok();
    site.write(&rel, &broken);
    site.broken = Some(Broken {
        path: rel.clone(),
        original,
    });
    format!("{rel} made unparsable")
}

fn fix(site: &mut Site) -> Done {
    let b = site.broken.take().expect("nothing to fix");
    match &b.original {
        Some(t) => site.write(&b.path, t),
        None => std::fs::remove_file(site.path(&b.path)).unwrap(),
    }
    format!("{} fixed", b.path)
}

/// Applies one step: an edit of a kind drawn from the deck, or the fix of
/// a file broken on purpose.
fn step(site: &mut Site, rng: &mut Rng, deck: &mut Vec<Kind>) -> (Kind, Done) {
    if site.broken.is_some() && rng.one_in(3) {
        return (Kind::Fix, fix(site));
    }
    if deck.is_empty() {
        *deck = KINDS.to_vec();
        rng.shuffle(deck);
    }
    let kind = deck.pop().unwrap();
    // An edit of the file broken on purpose fixes it instead.
    let on_broken = match kind {
        Kind::Break => site.broken.is_some(),
        Kind::Bodies => site.is_broken(BODIES),
        Kind::Config => site.is_broken(CONFIG),
        Kind::Theme => site
            .broken
            .as_ref()
            .is_some_and(|b| b.path.starts_with("themes/")),
        _ => false,
    };
    if on_broken {
        return (Kind::Fix, fix(site));
    }
    let done = match kind {
        Kind::Nothing => "nothing".to_string(),
        Kind::Word => edit_word(site, rng),
        Kind::Number => edit_number(site, rng),
        Kind::Citation => edit_citation(site, rng),
        Kind::Title => edit_title(site, rng),
        Kind::Date => edit_date(site, rng),
        Kind::Deadline => edit_deadline(site, rng),
        Kind::Draft => edit_draft(site, rng),
        Kind::Add => edit_add(site, rng),
        Kind::Delete => edit_delete(site, rng),
        Kind::Rename => edit_rename(site, rng),
        Kind::Bodies => edit_bodies(site, rng),
        Kind::Theme => edit_theme(site, rng),
        Kind::Config => edit_config(site, rng),
        Kind::BuildOptions => edit_options(site, rng),
        Kind::Break => edit_break(site, rng),
        Kind::Fix => unreachable!("not in the deck"),
    };
    (kind, done)
}

/// The paths where two sites differ (at most a few).
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> String {
    let mut out = Vec::new();
    for (p, bytes) in a {
        match b.get(p) {
            None => out.push(format!("{p} (only in the reusing build)")),
            Some(other) if other != bytes => out.push(format!("{p} (differs)")),
            _ => {}
        }
    }
    for p in b.keys().filter(|p| !a.contains_key(*p)) {
        out.push(format!("{p} (only in the fresh build)"));
    }
    let n = out.len();
    out.truncate(12);
    format!("{n} path(s): {}", out.join(", "))
}

fn skipped(r: &Report) -> bool {
    r.read.note.as_deref() == Some("nothing changed since the last build")
}

#[test]
fn random_edits_give_the_fresh_site_after_each_build() {
    let seed = env_number("KEHOACH_EQUIV_SEED", SEED);
    let steps = env_number("KEHOACH_EQUIV_STEPS", STEPS as u64) as usize;
    eprintln!("equivalence: seed {seed}, {steps} steps");
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().unwrap();
    let root = example_site(tmp.path());
    let mut site = Site {
        root,
        today: Date::parse_iso("2026-11-23"),
        drafts: false,
        counter: 0,
        broken: None,
        bodies: Vec::new(),
    };
    // Served: the memo of one process and the cache beside its output;
    // cached: the cache alone, as successive `kehoach build`s use it.
    let memo = ReadMemo::default();
    let served = tmp.path().join("served/public");
    let cached = tmp.path().join("cached/public");
    let mut deck = Vec::new();
    let mut last_built = false;
    let mut seen = Vec::new();
    // Cached builds made from the record after a text edit (`retext`).
    let mut text_only = 0;
    for k in 0..=steps {
        let (kind, done) = if k == 0 {
            (Kind::Nothing, "the example site as it is".to_string())
        } else {
            step(&mut site, &mut rng, &mut deck)
        };
        let at = format!(
            "seed {seed}, step {k} ({done}; KEHOACH_EQUIV_SEED={seed} KEHOACH_EQUIV_STEPS={k} repeats it)"
        );
        eprintln!("step {k}: {done}");
        seen.push(kind);
        let with_memo = build_with(&site.options(&served, true), Some(&memo));
        let with_cache = build(&site.options(&cached, true));
        let fresh_dir = tmp.path().join(format!("fresh-{k}"));
        let fresh_out = fresh_dir.join("public");
        let fresh = build(&site.options(&fresh_out, false));
        match (with_memo, with_cache, fresh) {
            (Ok(m), Ok(c), Ok(f)) => {
                assert!(
                    site.broken.is_none(),
                    "{at}: a file made unparsable was built"
                );
                assert_eq!(f.read.reused, 0, "{at}: a build without the cache reused");
                let want = snapshot(&fresh_out);
                for (what, out, r) in [("memo", &served, &m), ("cache", &cached, &c)] {
                    let got = snapshot(out);
                    assert!(
                        got == want,
                        "{at}: the {what} build differs from a fresh build: {}",
                        differences(&got, &want)
                    );
                    assert_eq!(summary(r), summary(&f), "{at}: the {what} build's summary");
                    assert!(
                        r.warnings == f.warnings,
                        "{at}: the {what} build's warnings differ: {:?} vs {:?}",
                        r.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
                        f.warnings.iter().map(|w| w.to_string()).collect::<Vec<_>>()
                    );
                }
                if c.timings.first().is_some_and(|t| t.0 == "text only") {
                    text_only += 1;
                }
                if kind == Kind::Nothing && last_built {
                    assert!(
                        skipped(&m) && skipped(&c),
                        "{at}: a build with nothing changed did not end at once: {:?} {:?}",
                        m.read,
                        c.read
                    );
                }
                last_built = true;
            }
            (Err(a), Err(b), Err(c)) => {
                let (a, b, c) = (format!("{a:#}"), format!("{b:#}"), format!("{c:#}"));
                assert!(
                    site.broken.is_some(),
                    "{at}: an edit that should keep the site buildable broke it: {c}"
                );
                assert_eq!(a, c, "{at}: the memo build's error");
                assert_eq!(b, c, "{at}: the cached build's error");
                last_built = false;
            }
            (a, b, c) => panic!(
                "{at}: memo build {:?}, cached build {:?}, fresh build {:?}",
                a.map(|r| summary(&r)),
                b.map(|r| summary(&r)),
                c.map(|r| summary(&r))
            ),
        }
        let _ = std::fs::remove_dir_all(&fresh_dir);
    }
    eprintln!("equivalence: {text_only} cached builds from the record after a text edit");
    let missing: Vec<&Kind> = KINDS
        .iter()
        .chain([&Kind::Fix])
        .filter(|k| !seen.contains(k))
        .collect();
    eprintln!("equivalence: seed {seed}, {steps} steps; kinds not drawn: {missing:?}");
}
