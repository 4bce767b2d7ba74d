//! `kehoach hook install`: the scripts a bare repository runs on a push —
//! `post-receive` publishes the pushed branch, `pre-receive` (with
//! `--check`) refuses a push whose commit does not build — and the daily
//! republish that moves task states with the calendar.
//!
//! Invariant: a script is written only where there is none, or where the
//! one there carries [`MARKER`] (kehoach wrote it); any other is left as it
//! is and the install stops with a message. Scripts name the kehoach
//! binary, the repository and the output folder by absolute path, quoted
//! for the shell.

use super::git;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// The line by which kehoach knows a script as its own.
pub const MARKER: &str = "# kehoach-hook: written by `kehoach hook install`";

/// What to install.
#[derive(Clone, Debug)]
pub struct Install {
    /// The repository pushes go to (normally bare).
    pub repo: PathBuf,
    /// The folder the web server serves.
    pub out: PathBuf,
    /// The branch published.
    pub rev: String,
    /// Also refuse pushes whose commit does not build.
    pub check: bool,
    /// Also republish every day with that day's date.
    pub daily: bool,
    /// The kehoach binary the scripts run.
    pub kehoach: PathBuf,
}

/// How the daily republish was set up.
#[derive(Debug, PartialEq, Eq)]
pub enum Daily {
    No,
    /// A systemd timer, enabled: its unit files.
    Systemd(Vec<PathBuf>),
    /// No systemd here: the crontab line to add.
    Cron(String),
}

/// What was installed.
#[derive(Debug)]
pub struct Installed {
    pub scripts: Vec<PathBuf>,
    pub daily: Daily,
}

/// `s` quoted for a POSIX shell.
pub fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The full name of a branch given as `main` or `refs/heads/main`.
pub fn full_ref(rev: &str) -> String {
    if rev.starts_with("refs/") {
        rev.to_string()
    } else {
        format!("refs/heads/{rev}")
    }
}

fn abs(p: &Path) -> Result<PathBuf> {
    crate::paths::absolute(p)
}

/// The scripts' texts: (file name, text).
fn scripts(i: &Install, git_dir: &Path) -> Result<Vec<(&'static str, String)>> {
    let kehoach = quote(&abs(&i.kehoach)?.to_string_lossy());
    let repo = quote(&git_dir.to_string_lossy());
    let out = quote(&abs(&i.out)?.to_string_lossy());
    let reference = quote(&full_ref(&i.rev));
    // With a daily republish the states follow the calendar, so a push
    // publishes for the day it lands too, not for its commit's date.
    let today = if i.daily {
        r#" --today "$(date +%F)""#
    } else {
        ""
    };
    let head = "#!/bin/sh\n".to_string() + MARKER + "; run it again to change this file.\n";
    let mut v = vec![(
        "post-receive",
        format!(
            "{head}# Publishes {reference} into {out} after each push to it; the publish log is beside {out}.\n\
             ref={reference}\n\
             publish=\n\
             while read -r old new name; do\n\
             \tif [ \"$name\" = \"$ref\" ]; then\n\
             \t\tcase $new in *[!0]*) publish=1 ;; esac\n\
             \tfi\n\
             done\n\
             [ -n \"$publish\" ] || exit 0\n\
             exec {kehoach} publish --repo {repo} --ref \"$ref\" --out {out}{today}\n"
        ),
    )];
    if i.check {
        v.push((
            "pre-receive",
            format!(
                "{head}# Refuses a push to {reference} whose commit does not build; the errors reach the pusher.\n\
                 ref={reference}\n\
                 while read -r old new name; do\n\
                 \tif [ \"$name\" = \"$ref\" ]; then\n\
                 \t\tcase $new in *[!0]*)\n\
                 \t\t\t{kehoach} publish --repo {repo} --ref \"$new\" --check{today} || {{\n\
                 \t\t\t\techo \"kehoach: push to $ref refused: its site does not build (the errors are above); fix them and push again\" >&2\n\
                 \t\t\t\texit 1\n\
                 \t\t\t}}\n\
                 \t\t;; esac\n\
                 \tfi\n\
                 done\n\
                 exit 0\n"
            ),
        ));
    }
    if i.daily {
        v.push((
            "kehoach-daily",
            format!(
                "{head}# Republishes {reference} into {out} with the day's date, so task states move with the calendar.\n\
                 exec {kehoach} publish --repo {repo} --ref {reference} --out {out}{today}\n"
            ),
        ));
    }
    Ok(v)
}

/// The hooks folder of the repository (its `core.hooksPath` if set).
fn hooks_dir(git_dir: &Path) -> Result<PathBuf> {
    let mut cmd = git::git(git_dir);
    cmd.args(["rev-parse", "--git-path", "hooks"]);
    let out = git::run(
        cmd,
        &format!("{}: naming its hooks folder", git_dir.display()),
    )?;
    let p = PathBuf::from(out.trim());
    Ok(if p.is_absolute() { p } else { git_dir.join(p) })
}

/// Installs the hooks (and the daily republish) of `i`.
pub fn install(i: &Install) -> Result<Installed> {
    let git_dir = git::git_dir(&i.repo)?;
    let dir = hooks_dir(&git_dir)?;
    let texts = scripts(i, &git_dir)?;
    // Every refusal before any write: all or nothing.
    for (name, _) in &texts {
        let p = dir.join(name);
        if let Ok(old) = std::fs::read(&p)
            && !String::from_utf8_lossy(&old).contains(MARKER)
        {
            bail!(
                "{} exists and was not written by kehoach: it is left as it is. Merge it by hand (call `kehoach publish --repo {} --ref {} --out {}` from it), or move it away and install again",
                p.display(),
                git_dir.display(),
                full_ref(&i.rev),
                i.out.display()
            );
        }
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut written = Vec::new();
    for (name, text) in &texts {
        let p = dir.join(name);
        write_script(&p, text)?;
        written.push(p);
    }
    let daily = if i.daily {
        schedule(&dir.join("kehoach-daily"), &abs(&i.out)?)?
    } else {
        Daily::No
    };
    Ok(Installed {
        scripts: written,
        daily,
    })
}

/// Writes an executable script by a temporary file renamed over the old.
fn write_script(p: &Path, text: &str) -> Result<()> {
    let tmp = p.with_extension("kehoach-tmp");
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("making {} executable", tmp.display()))?;
    }
    std::fs::rename(&tmp, p).with_context(|| format!("writing {}", p.display()))
}

/// Runs `script` once a day: a systemd timer where systemd runs, else the
/// crontab line to add.
fn schedule(script: &Path, out: &Path) -> Result<Daily> {
    let cron = format!(
        "5 0 * * * {} >/dev/null 2>&1",
        quote(&script.to_string_lossy())
    );
    let systemd = Path::new("/run/systemd/system").is_dir()
        && std::process::Command::new("systemctl")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if !systemd {
        return Ok(Daily::Cron(cron));
    }
    let name = format!(
        "kehoach-publish-{:08x}",
        xxhash_rust::xxh3::xxh3_64(out.to_string_lossy().as_bytes()) as u32
    );
    let service = format!(
        "{MARKER}\n[Unit]\nDescription=kehoach: republish {} with the day's date\n\n[Service]\nType=oneshot\nExecStart=\"{}\"\n",
        out.display(),
        script
            .to_string_lossy()
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
    );
    let timer = format!(
        "{MARKER}\n[Unit]\nDescription=kehoach: republish {} every day\n\n[Timer]\nOnCalendar=*-*-* 00:05:00\nPersistent=true\n\n[Install]\nWantedBy=timers.target\n",
        out.display()
    );
    // The system's units as root, else the user's.
    let (dir, user) = match std::fs::metadata("/etc/systemd/system") {
        Ok(m) if !m.permissions().readonly() && can_write("/etc/systemd/system") => {
            (PathBuf::from("/etc/systemd/system"), false)
        }
        _ => (
            PathBuf::from(std::env::var_os("HOME").context("HOME is not set")?)
                .join(".config/systemd/user"),
            true,
        ),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut units = Vec::new();
    for (ext, text) in [("service", service), ("timer", timer)] {
        let p = dir.join(format!("{name}.{ext}"));
        if let Ok(old) = std::fs::read(&p)
            && !String::from_utf8_lossy(&old).contains(MARKER)
        {
            bail!(
                "{} exists and was not written by kehoach: it is left as it is",
                p.display()
            );
        }
        std::fs::write(&p, text).with_context(|| format!("writing {}", p.display()))?;
        units.push(p);
    }
    let systemctl = |args: &[&str]| -> Result<()> {
        let mut c = std::process::Command::new("systemctl");
        if user {
            c.arg("--user");
        }
        let o = c.args(args).output().context("running systemctl")?;
        if !o.status.success() {
            bail!(
                "systemctl {}: {}; the units are written ({}), enable them by hand, or add this line to the crontab instead: {cron}",
                args.join(" "),
                String::from_utf8_lossy(&o.stderr).trim(),
                dir.display()
            );
        }
        Ok(())
    };
    systemctl(&["daemon-reload"])?;
    systemctl(&["enable", "--now", &format!("{name}.timer")])?;
    Ok(Daily::Systemd(units))
}

/// Whether a file can be created in `dir`.
fn can_write(dir: &str) -> bool {
    let probe = Path::new(dir).join(format!(".kehoach-probe-{}", std::process::id()));
    let ok = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(quote(input), expected, "quote({input:?})");
    }

    #[test]
    fn quoting_for_the_shell() {
        check("/srv/site", "'/srv/site'");
        check("/srv/my site", "'/srv/my site'");
        check("/srv/it's", r"'/srv/it'\''s'");
        check("$(rm -rf /)", "'$(rm -rf /)'");
        check("", "''");
        check("/srv/trang-tin/Bắc Ninh", "'/srv/trang-tin/Bắc Ninh'");
    }

    #[test]
    fn branch_names() {
        for (given, full) in [
            ("main", "refs/heads/main"),
            ("refs/heads/main", "refs/heads/main"),
            ("ban-tuyen-giao/2026", "refs/heads/ban-tuyen-giao/2026"),
            ("refs/tags/v1", "refs/tags/v1"),
        ] {
            assert_eq!(full_ref(given), full);
        }
    }
}
