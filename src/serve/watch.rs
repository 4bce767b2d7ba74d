//! Watching the sources: `content/`, `static/` and `themes/` (each
//! recursively, added when it appears) and `config.toml`, through `notify`
//! (native events, or polling with `--poll`). Only changes count — reads
//! (a build opening the sources) do not, or every build would call for the
//! next — and not those under the output folder or of editors' temporary
//! files. Each event naming a source calls `on_change` with the sources it
//! names (none when the watcher lost track: an overflow, an error); the
//! builder waits for the sources to be quiet before it builds (the
//! debounce).

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecursiveMode, Watcher};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// The folders of a site watched recursively.
const FOLDERS: &[&str] = &["content", "static", "themes"];

enum Inner {
    Native(notify::RecommendedWatcher),
    Poll(notify::PollWatcher),
}

/// The running watcher; dropping it stops it.
pub struct Watch {
    inner: Inner,
    root_c: PathBuf,
    /// Folders watched, with what identifies them (a folder removed and made
    /// anew is watched anew).
    watched: Vec<(PathBuf, Option<u64>)>,
}

impl Watch {
    /// Starts watching the site at `root_c` (canonical); `on_change` is
    /// called from the watcher's thread for each event naming a source.
    pub fn start(
        root_c: &Path,
        out_c: &Path,
        poll: bool,
        on_change: impl Fn(Option<Vec<PathBuf>>) + Send + 'static,
    ) -> Result<Watch> {
        let (root, out) = (root_c.to_path_buf(), out_c.to_path_buf());
        let handler = move |r: notify::Result<notify::Event>| match r {
            Ok(e) if e.need_rescan() => on_change(None),
            Ok(e) => {
                let paths: Vec<PathBuf> = e
                    .paths
                    .into_iter()
                    .filter(|p| relevant(&root, &out, p))
                    .collect();
                if changes(&e.kind) && !paths.is_empty() {
                    on_change(Some(paths));
                }
            }
            Err(e) => {
                eprintln!("serve: watching the sources: {e}");
                on_change(None);
            }
        };
        let config = notify::Config::default().with_poll_interval(Duration::from_millis(300));
        let inner = if poll {
            Inner::Poll(
                notify::PollWatcher::new(handler, config)
                    .context("starting the polling watcher of the sources")?,
            )
        } else {
            Inner::Native(notify::RecommendedWatcher::new(handler, config).context(
                "starting the watcher of the sources (on a network or container file system, try --poll)",
            )?)
        };
        let mut w = Watch {
            inner,
            root_c: root_c.to_path_buf(),
            watched: Vec::new(),
        };
        w.watcher()
            .watch(root_c, RecursiveMode::NonRecursive)
            .with_context(|| {
                format!(
                    "watching {}: try --poll, or raise fs.inotify.max_user_watches",
                    root_c.display()
                )
            })?;
        w.refresh()?;
        Ok(w)
    }

    fn watcher(&mut self) -> &mut dyn Watcher {
        match &mut self.inner {
            Inner::Native(w) => w,
            Inner::Poll(w) => w,
        }
    }

    /// Watches the source folders that exist and are not watched yet (or
    /// were removed and made anew).
    pub fn refresh(&mut self) -> Result<()> {
        for name in FOLDERS {
            let p = self.root_c.join(name);
            let id = identity(&p);
            let known = self.watched.iter().position(|(w, _)| *w == p);
            match (known, id) {
                (Some(i), Some(_)) if self.watched[i].1 == id => {}
                (Some(i), _) => {
                    let _ = self.watcher().unwatch(&p);
                    self.watched.remove(i);
                    if id.is_some() {
                        self.add(p, id)?;
                    }
                }
                (None, Some(_)) => self.add(p, id)?,
                (None, None) => {}
            }
        }
        Ok(())
    }

    fn add(&mut self, p: PathBuf, id: Option<u64>) -> Result<()> {
        self.watcher()
            .watch(&p, RecursiveMode::Recursive)
            .with_context(|| {
                format!(
                    "watching {}: try --poll, or raise fs.inotify.max_user_watches",
                    p.display()
                )
            })?;
        self.watched.push((p, id));
        Ok(())
    }
}

/// A folder's identity: its inode where there is one, else that it is one.
fn identity(p: &Path) -> Option<u64> {
    let m = std::fs::metadata(p).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(m.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        Some(0)
    }
}

/// Whether an event says something changed: not a read, an open or a
/// close after reading (a build's own reads), but a close after writing.
pub fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether a change at `path` calls for a build: a path under `content/`,
/// `static/` or `themes/` of the root, or `config.toml`, not under the
/// output folder and not an editor's temporary file.
pub fn relevant(root_c: &Path, out_c: &Path, path: &Path) -> bool {
    if path.starts_with(out_c) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root_c) else {
        return false;
    };
    let mut parts = rel.components();
    let Some(Component::Normal(first)) = parts.next() else {
        return false;
    };
    let first = first.to_string_lossy();
    let source =
        FOLDERS.contains(&first.as_ref()) || (first == "config.toml" && parts.next().is_none());
    source
        && !path
            .file_name()
            .is_some_and(|n| editor_temp(&n.to_string_lossy()))
}

/// Files editors write beside the one being edited.
fn editor_temp(name: &str) -> bool {
    name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with('~')
        || name.starts_with(".#")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || name.ends_with(".kate-swp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_changes_build() {
        let root = Path::new("/site");
        let out = Path::new("/site/public");
        let check = |path: &str, expected: bool| {
            assert_eq!(relevant(root, out, Path::new(path)), expected, "{path}");
        };
        check("/site/content/plans/a.md", true);
        check("/site/content", true);
        check("/site/content/bodies.toml", true);
        check("/site/static/anh/logo.png", true);
        check("/site/themes/default/templates/base.html", true);
        check("/site/config.toml", true);
        check("/site/config.toml.bak", false);
        check("/site/public/index.html", false);
        check("/site/.public.prev/index.html", false);
        check("/site/.git/index", false);
        check("/site/README.md", false);
        check("/elsewhere/content/a.md", false);
        check("/site/content/plans/.a.md.swp", false);
        check("/site/content/plans/a.md~", false);
        check("/site/content/plans/.#a.md", false);
        check("/site/content/plans/#a.md#", false);
        check("/site/content/plans/4913", false);
        check("/site/content/plans/kế-hoạch.md", true);
        use notify::event::{CreateKind, ModifyKind, RemoveKind};
        for (kind, expected) in [
            (EventKind::Access(AccessKind::Open(AccessMode::Any)), false),
            (EventKind::Access(AccessKind::Read), false),
            (
                EventKind::Access(AccessKind::Close(AccessMode::Read)),
                false,
            ),
            (
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                true,
            ),
            (EventKind::Modify(ModifyKind::Any), true),
            (EventKind::Create(CreateKind::File), true),
            (EventKind::Remove(RemoveKind::Any), true),
            (EventKind::Any, true),
        ] {
            assert_eq!(changes(&kind), expected, "{kind:?}");
        }
        // An output folder inside a watched one (build refuses it; still ignored).
        assert!(!relevant(
            root,
            Path::new("/site/content/out"),
            Path::new("/site/content/out/index.html")
        ));
    }
}
