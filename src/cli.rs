//! Command-line interface: arguments are parsed here (stage one) and turned
//! into explicit options for the library (stage two). `main` only calls `run`.

use crate::build::{self, Options};
use crate::date::Date;
use crate::diag::{Located, Severity};
use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "kehoach",
    version,
    about = "Static site generator for a plan portal (Kế hoạch, Nghị quyết, Chương trình hành động …)"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --out).
    Build {
        /// Site root: the folder holding config.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: <root>/public).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Build date YYYY-MM-DD (default: the latest source change).
        #[arg(long)]
        today: Option<String>,
        /// Include documents and items marked draft = true.
        #[arg(long)]
        drafts: bool,
        /// Print per-stage timings.
        #[arg(long)]
        timings: bool,
        /// Parse every source again, neither reading nor writing the read
        /// cache (.<out>.cache beside the output).
        #[arg(long)]
        no_cache: bool,
    },
    /// Show what kehoach reads from one plan text (Markdown or .txt).
    Inspect {
        file: PathBuf,
        /// Print one JSON object (the stable interface in README.md).
        #[arg(long)]
        json: bool,
        /// Print the blocks the layout reader made of the text.
        #[arg(long)]
        layout: bool,
    },
    /// Turn real documents (.docx, .pdf, a converter's .txt or .md) into
    /// sources to review: front matter with what was read, the text as
    /// Markdown; what could not be read is reported on stderr.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Folder the sources are written to.
        #[arg(long, default_value = "content/plans")]
        to: PathBuf,
        /// Replace sources that exist.
        #[arg(long)]
        force: bool,
    },
    /// Remove the read cache kept beside the output (.<out>.cache): the next
    /// build parses every source again. The site is left as it is.
    Clean {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: <root>/public).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Bring the previous release back into place (a second rollback undoes it).
    Rollback {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: <root>/public).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Build one commit of a git repository (bare or not) into --out, with the
    /// commit's date as the build date, atomically; a failed build leaves the
    /// site as it was.
    Publish {
        /// The repository: the bare one pushes go to, or a checkout.
        #[arg(long)]
        repo: PathBuf,
        /// The branch, tag or commit to build.
        #[arg(long = "ref", default_value = "main")]
        rev: String,
        /// The folder the web server serves (not needed with --check).
        #[arg(long, required_unless_present = "check")]
        out: Option<PathBuf>,
        /// Build date YYYY-MM-DD (default: the commit's date).
        #[arg(long)]
        today: Option<String>,
        /// Only build the commit, into a folder then removed: exit non-zero
        /// when it does not build (a pre-receive hook's test).
        #[arg(long)]
        check: bool,
    },
    /// Manage the git hooks that publish a bare repository on every push.
    Hook {
        #[command(subcommand)]
        action: HookAction,
    },
    /// Write a new site: config.toml, content/bodies.toml, a sample plan,
    /// content/propaganda/ and static/.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Write a new plan's template at content/plans/PATH(.md).
    New {
        path: PathBuf,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Kind code: KH (the default), CTr, NQ, CT, KL, QĐ, BC, HD, TB …
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        number: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        issuer: Option<String>,
        /// The year of its date line (default: the build date's).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        force: bool,
    },
    /// Report problems in the sources (unresolved or ambiguous citations,
    /// unread deadlines, documents kept out …).
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Exit non-zero when there is any warning.
        #[arg(long)]
        strict: bool,
        /// Only the problems of this kind, all of them (file, security,
        /// front-matter, registry, no-title, bad-date, unread-deadline,
        /// deadline-year, citation, unregistered-body, unresolved,
        /// withheld, other).
        #[arg(long)]
        only: Option<String>,
        /// Every problem, not the first ten of each kind.
        #[arg(long)]
        all: bool,
    },
    /// Build the site, serve it on loopback and rebuild and reload open pages on every change.
    Serve(crate::serve::ServeArgs),
}

#[derive(Subcommand)]
pub enum HookAction {
    /// Write the repository's post-receive hook, which publishes each push to
    /// --ref into --out (and with --check a pre-receive hook that refuses a
    /// push whose site does not build).
    Install {
        /// The bare repository pushes go to.
        repo: PathBuf,
        /// The folder the web server serves.
        #[arg(long)]
        out: PathBuf,
        /// The branch published.
        #[arg(long = "ref", default_value = "main")]
        rev: String,
        /// Also refuse a push whose site does not build.
        #[arg(long)]
        check: bool,
        /// Also republish every day with that day's date (a systemd timer, or
        /// the crontab line to add), so task states follow the calendar.
        #[arg(long)]
        daily: bool,
    },
}

fn parse_today(s: &Option<String>) -> Result<Option<Date>> {
    s.as_deref()
        .map(|t| crate::date::parse_arg("--today", t))
        .transpose()
}

fn print_warnings(w: &[Located]) {
    for l in w {
        eprintln!("{l}");
    }
}

/// At most this many warnings are printed by a publish (a push's terminal
/// is not the place for all of a large site's).
const PUBLISH_WARNINGS: usize = 20;

fn publish(opts: crate::gitpub::Options) -> Result<i32> {
    use crate::gitpub::{Outcome, short};
    let what = if opts.check_only { "check" } else { "publish" };
    let outcome = crate::gitpub::publish(&opts)
        .with_context(|| format!("{what} of {} in {}", opts.rev, opts.repo.display()))?;
    match outcome {
        Outcome::Unchanged { commit } => eprintln!(
            "{} already holds the site of commit {} for this date: nothing to do",
            opts.out
                .as_deref()
                .unwrap_or(std::path::Path::new("?"))
                .display(),
            short(&commit)
        ),
        Outcome::Built { commit, report } => {
            print_warnings(&report.warnings[..report.warnings.len().min(PUBLISH_WARNINGS)]);
            if report.warnings.len() > PUBLISH_WARNINGS {
                eprintln!(
                    "… and {} more warning(s): run `kehoach check` on a checkout",
                    report.warnings.len() - PUBLISH_WARNINGS
                );
            }
            match &opts.out {
                Some(out) if !opts.check_only => eprintln!(
                    "published commit {} ({}) into {}: {} documents, {} files ({} written, {} removed); build date {} from {}; {} warning(s); log: {}",
                    short(&commit),
                    opts.rev,
                    out.display(),
                    report.documents,
                    report.publish.files,
                    report.publish.written,
                    report.publish.removed,
                    report.today,
                    report.today_from,
                    report.warnings.len(),
                    crate::gitpub::log_path(out)?.display()
                ),
                _ => eprintln!(
                    "commit {} builds: {} documents, {} files; {} warning(s)",
                    short(&commit),
                    report.documents,
                    report.publish.files,
                    report.warnings.len()
                ),
            }
        }
    }
    Ok(0)
}

fn hook_install(i: crate::gitpub::hook::Install) -> Result<i32> {
    use crate::gitpub::hook::Daily;
    let done = crate::gitpub::hook::install(&i)?;
    for s in &done.scripts {
        eprintln!("wrote {}", s.display());
    }
    eprintln!(
        "each push to {} now publishes into {}{}",
        crate::gitpub::hook::full_ref(&i.rev),
        i.out.display(),
        if i.check {
            "; a push whose site does not build is refused"
        } else {
            ""
        }
    );
    match done.daily {
        Daily::No => eprintln!(
            "task states are those of each commit's date (the footer says which): `hook install --daily` republishes every day"
        ),
        Daily::Systemd(units) => {
            for u in &units {
                eprintln!("wrote {}", u.display());
            }
            eprintln!(
                "the site is republished every day at 00:05 with that day's date (a systemd timer)"
            );
        }
        Daily::Cron(line) => {
            eprintln!(
                "systemd is not running here: to republish every day with that day's date, add this line to the crontab of the repository's owner (crontab -e):"
            );
            println!("{line}");
        }
    }
    Ok(0)
}

pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Build {
            root,
            out,
            today,
            drafts,
            timings,
            no_cache,
        } => {
            let opts = Options {
                out: out.unwrap_or_else(|| root.join("public")),
                root,
                today: parse_today(&today)?,
                drafts,
                commit: None,
                read_cache: !no_cache,
            };
            let progress = std::sync::Arc::new(crate::progress::Progress::default());
            let ticker = crate::progress::Ticker::on_terminal(&progress);
            let r = build::build_observed(&opts, None, &progress);
            drop(ticker);
            let r = r?;
            print_warnings(&r.warnings);
            let p = &r.publish;
            eprintln!("built into {}: {}", opts.out.display(), r.summary());
            if p.fallback {
                eprintln!(
                    "note: this file system cannot swap folders in one step; the old site was moved aside and the new one moved in (for that instant {} did not exist)",
                    opts.out.display()
                );
            }
            if timings {
                for (stage, d) in &r.timings {
                    eprintln!("  {stage:<8} {:>8.1} ms", d.as_secs_f64() * 1000.0);
                }
            }
            Ok(0)
        }
        Command::Inspect { file, json, layout } => {
            let at = |diag| {
                anyhow::anyhow!(
                    "{}",
                    Located {
                        file: file.clone(),
                        diag
                    }
                )
            };
            // Word and PDF files are read as `kehoach import` reads them.
            let converted = matches!(
                file.extension()
                    .and_then(|e| e.to_str())
                    .map(str::to_lowercase)
                    .as_deref(),
                Some("docx" | "pdf")
            );
            let text = if converted {
                crate::import::read_input(&file)?.text
            } else {
                crate::load::read_text(&file).map_err(at)?
            };
            let src = crate::load::Source {
                path: file.clone(),
                text,
                mtime: None,
            };
            if layout {
                print!("{}", crate::inspect::layout_report(&src.text));
                return Ok(0);
            }
            let (out, diags) = crate::inspect::inspect(&src).map_err(at)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&out)?);
            } else {
                print!("{}", crate::inspect::report(&out));
            }
            print_warnings(
                &diags
                    .into_iter()
                    .map(|diag| Located {
                        file: file.clone(),
                        diag,
                    })
                    .collect::<Vec<_>>(),
            );
            Ok(0)
        }
        Command::Import { files, to, force } => {
            let done = crate::import::import(&crate::import::Options { files, to, force })?;
            for o in &done {
                for (line, message) in &o.report {
                    eprintln!("{}:{line}: {message}", o.written.display());
                }
                eprintln!(
                    "imported {} into {}: review it before you commit it",
                    o.from.display(),
                    o.written.display()
                );
            }
            Ok(0)
        }
        Command::Publish {
            repo,
            rev,
            out,
            today,
            check,
        } => publish(crate::gitpub::Options {
            repo,
            rev,
            out,
            today: parse_today(&today)?,
            check_only: check,
        }),
        Command::Hook {
            action:
                HookAction::Install {
                    repo,
                    out,
                    rev,
                    check,
                    daily,
                },
        } => hook_install(crate::gitpub::hook::Install {
            repo,
            out,
            rev,
            check,
            daily,
            kehoach: std::env::current_exe()
                .context("finding the kehoach binary the hooks are to run")?,
        }),
        Command::Init { dir, force } => {
            let written = crate::scaffold::write(&dir, &crate::scaffold::site(), force)?;
            for p in &written {
                eprintln!("wrote {}", p.display());
            }
            eprintln!(
                "a new site in {}: edit config.toml and content/bodies.toml, put the plans under content/plans/, then `kehoach build --root {}`",
                dir.display(),
                dir.display()
            );
            Ok(0)
        }
        Command::New {
            path,
            root,
            kind,
            number,
            title,
            issuer,
            year,
            force,
        } => {
            let mut rel = PathBuf::from("content/plans").join(&path);
            if rel.extension().is_none_or(|e| e != "md") {
                rel.set_extension("md");
            }
            if path.is_absolute()
                || path
                    .components()
                    .any(|c| !matches!(c, std::path::Component::Normal(_)))
            {
                bail!(
                    "{}: give the plan's place inside content/plans/, e.g. tinh-uy/16-kh-tu-2026",
                    path.display()
                );
            }
            let year = match year {
                Some(y) => y,
                None => crate::build_date::decide(None, &root, None, &[], None).0.y,
            };
            let text = crate::scaffold::plan(&crate::scaffold::NewPlan {
                kind,
                number,
                title,
                issuer,
                year,
            })?;
            let written = crate::scaffold::write(&root, &[(rel, text)], force)?;
            for p in &written {
                eprintln!("wrote {}: fill in the blanks (…), then build", p.display());
            }
            Ok(0)
        }
        Command::Clean { root, out } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let dir = crate::readcache::folder(&out)?;
            if crate::readcache::clean(&out)? {
                eprintln!("removed the read cache {}", dir.display());
            } else {
                eprintln!("no read cache at {}: nothing to remove", dir.display());
            }
            Ok(0)
        }
        Command::Rollback { root, out } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let r = crate::publish::rollback(&out)?;
            eprintln!(
                "{} now holds the previous release; the one it replaced is kept, so `kehoach rollback` again brings it back{}",
                out.display(),
                if r.fallback {
                    " (swapped with two renames: this file system cannot swap in one step)"
                } else {
                    ""
                }
            );
            Ok(0)
        }
        Command::Check {
            root,
            strict,
            only,
            all,
        } => {
            if let Some(o) = only.as_deref()
                && !crate::check::KINDS.iter().any(|(k, _)| *k == o)
            {
                let keys: Vec<&str> = crate::check::KINDS.iter().map(|(k, _)| *k).collect();
                bail!(
                    "check --only {o}: not a kind of problem; use one of {}",
                    keys.join(", ")
                );
            }
            let config = crate::config::Config::load(&root)?;
            let site = build::read_site(&root, &config, false)?;
            let g = site.graph;
            let mut w = crate::check::problems(&g);
            w.extend(site.withheld.iter().map(|k| Located {
                file: k.path.clone(),
                diag: crate::diag::Diagnostic::note(k.line, k.message()),
            }));
            eprint!("{}", crate::check::report(&g, &w, only.as_deref(), all));
            let n = w
                .iter()
                .filter(|l| l.diag.severity >= Severity::Warning)
                .count();
            let mut counts: Vec<(usize, &str)> = crate::check::KINDS
                .iter()
                .map(|(k, _)| {
                    (
                        w.iter()
                            .filter(|l| crate::check::kind_of(&l.diag) == *k)
                            .count(),
                        *k,
                    )
                })
                .filter(|(c, _)| *c > 0)
                .collect();
            counts.sort_by_key(|c| std::cmp::Reverse(c.0));
            let counts: Vec<String> = counts.iter().map(|(c, k)| format!("{c} {k}")).collect();
            eprintln!(
                "{n} problem(s) in {} documents{}{}",
                g.docs.len(),
                if counts.is_empty() { "" } else { ": " },
                counts.join(", ")
            );
            if strict && n > 0 {
                bail!("check --strict: {n} problem(s)");
            }
            Ok(0)
        }
        Command::Serve(a) => crate::serve::run(a),
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every subcommand says what it does in one line of its own, in
    /// `kehoach --help` and in its own `--help`.
    #[test]
    fn every_subcommand_has_its_own_description() {
        let cli = Cli::command();
        let mut seen = std::collections::BTreeSet::new();
        for sub in cli.get_subcommands() {
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(
                !about.trim().is_empty(),
                "`kehoach {}` has no description",
                sub.get_name()
            );
            assert!(
                seen.insert(about.clone()),
                "`kehoach {}` repeats another subcommand's description: {about}",
                sub.get_name()
            );
        }
        let check = cli.find_subcommand("check").unwrap();
        assert!(check.get_about().unwrap().to_string().contains("problems"));
        let init = cli.find_subcommand("init").unwrap();
        assert!(init.get_about().unwrap().to_string().contains("new site"));
    }
}
