//! Watches a site's sources (`content/`, `templates/`, `static/`, `config.toml`) and reports
//! changes in batches: an editor's save is often several events (write a temporary file,
//! rename it over the old one), and one rebuild should follow them all.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// A batch ends when no event has come for this long…
const QUIET: Duration = Duration::from_millis(25);
/// …or when it has gone on this long, so a stream of events cannot put a rebuild off forever.
const LONGEST: Duration = Duration::from_secs(2);

/// The folders of a site whose every file is an input.
const SOURCE_DIRS: [&str; 3] = ["content", "templates", "static"];
/// The site's one input file at its top level.
const CONFIG: &str = "config.toml";

/// Watches one site.
pub struct Watcher {
    root: PathBuf,
    inner: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// Each watched source folder with the identity it had when its watch was set: a
    /// folder replaced under the same name (`mv content old && cp -r old content`) is a
    /// new folder, and the old watch follows the old one.
    watched: HashMap<PathBuf, Option<Identity>>,
    /// Source folders whose own name an event named (created, removed, renamed): watched
    /// afresh at the next refresh, also where identities are unknown.
    rearm: BTreeSet<PathBuf>,
}

/// What tells one folder from another that took its name: device and inode on Unix.
type Identity = (u64, u64);

#[cfg(unix)]
fn identity(dir: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_dir: &Path) -> Option<Identity> {
    None
}

impl Watcher {
    /// Starts watching the site in `root` (an absolute path).
    pub fn start(root: &Path) -> notify::Result<Watcher> {
        let (sender, events) = mpsc::channel();
        let mut inner = notify::recommended_watcher(sender)?;
        // The top level is watched on its own, not recursively, to see `config.toml` replaced
        // by an editor and source folders appear, without the noise of `public/` or `target/`.
        inner.watch(root, RecursiveMode::NonRecursive)?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            inner,
            events,
            watched: HashMap::new(),
            rearm: BTreeSet::new(),
        };
        watcher.refresh()?;
        Ok(watcher)
    }

    /// Blocks until sources change, then returns the changed paths (relative to the root)
    /// once the changes have settled. `None` when watching has stopped.
    pub fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let mut changed = BTreeSet::new();
            let first = self.events.recv().ok()?;
            self.collect(first, &mut changed);
            let started = Instant::now();
            while started.elapsed() < LONGEST {
                match self.events.recv_timeout(QUIET) {
                    Ok(event) => self.collect(event, &mut changed),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            if let Err(e) = self.refresh() {
                eprintln!("warning: cannot watch a new source folder: {e}");
            }
            if !changed.is_empty() {
                return Some(changed.into_iter().collect());
            }
        }
    }

    /// Watches source folders that appeared, or were replaced, since the last call. A
    /// deleted or moved folder's watch is dropped (it would report the moved folder's
    /// edits under the old name); the folder is watched again when it comes back.
    fn refresh(&mut self) -> notify::Result<()> {
        let rearm = std::mem::take(&mut self.rearm);
        for name in SOURCE_DIRS {
            let dir = self.root.join(name);
            let now = dir.is_dir().then(|| identity(&dir));
            let before = self.watched.get(&dir).copied();
            let same = matches!((before, now), (Some(a), Some(b)) if a == b)
                && !rearm.contains(Path::new(name));
            if same {
                continue;
            }
            if before.is_some() {
                // The watch may be gone with its folder already.
                let _ = self.inner.unwatch(&dir);
                self.watched.remove(&dir);
            }
            if let Some(id) = now {
                self.inner.watch(&dir, RecursiveMode::Recursive)?;
                self.watched.insert(dir, id);
            }
        }
        Ok(())
    }

    fn collect(&mut self, event: notify::Result<Event>, changed: &mut BTreeSet<PathBuf>) {
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                eprintln!("warning: watching for changes: {e}");
                return;
            }
        };
        // Reading files (as every build does) is not a change.
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if let Some(relative) = source_path(&self.root, &path) {
                if relative.components().count() == 1 {
                    self.rearm.insert(relative.clone());
                }
                changed.insert(relative);
            }
        }
    }
}

/// The path relative to the site root, if it is one of the site's inputs. Editors' swap
/// and backup files are not.
fn source_path(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    let mut parts = relative.iter();
    let top = parts.next()?.to_str()?;
    let input = if top == CONFIG {
        parts.next().is_none()
    } else {
        SOURCE_DIRS.contains(&top) && !relative.file_name().is_some_and(is_scratch)
    };
    input.then(|| relative.to_path_buf())
}

fn is_scratch(name: &std::ffi::OsStr) -> bool {
    crate::scratch::is_scratch(&name.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inputs_count() {
        let root = Path::new("/site");
        let input = |p: &str| source_path(root, &root.join(p)).is_some();
        assert!(input("config.toml"));
        assert!(input("content/briefs/a/index.md"));
        assert!(input("templates/base.html"));
        assert!(input("static"));
        assert!(!input("public/index.html"));
        assert!(!input(".public.gloss-staging-1"));
        assert!(!input("content/briefs/.index.md.swp"));
        assert!(!input("content/briefs/index.md~"));
        assert!(!input("config.toml.bak"));
        assert!(source_path(root, Path::new("/elsewhere/config.toml")).is_none());
    }
}
