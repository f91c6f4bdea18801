//! A first build: the output folder does not exist yet, so the whole site is written into
//! a staging folder beside it (`.public.gloss-staging-PID`) and renamed into place in one
//! step. A build that fails drops the staging folder; one that is killed leaves it, and the
//! next build (which holds the output lock, so no live build owns it) removes it.

use std::io;
use std::path::{Path, PathBuf};

use super::{MARKER, check_output_dir, test_hook};
use crate::diagnostics::Diagnostic;
use crate::output::{Counting, Output, Writer};

/// The staging folder of `target` for this process.
fn sibling(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.gloss-staging-{}", std::process::id()))
}

/// A fresh staging folder that takes files while the rest of the site is still rendering.
///
/// Nobody reads a staging folder, and it is deleted if the build fails, so writing into it
/// early is safe; it becomes the output folder only in [`Staging::finish`], once every file
/// is written.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    /// Folders made so far (relative), so each is made once.
    made: std::sync::Mutex<std::collections::HashSet<String>>,
    written: std::sync::atomic::AtomicUsize,
    /// Every file written, for the marker's list (see `super::manifest`).
    paths: std::sync::Mutex<Vec<String>>,
    finished: bool,
}

impl Staging {
    /// Starts a staging folder when `out` does not exist yet (checked with
    /// [`check_output_dir`]); `None` when it does, to be rebuilt in two phases.
    pub fn begin(root: &Path, out: &Path, force: bool) -> Result<Option<Staging>, Diagnostic> {
        let target = check_output_dir(root, out, force)?;
        if target.is_dir() {
            return Ok(None);
        }
        let fail = |e: io::Error| {
            Diagnostic::file_error(out, format!("cannot create the output folder: {e}"))
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        let dir = sibling(&target);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(fail)?;
        }
        std::fs::create_dir(&dir).map_err(fail)?;
        Ok(Some(Staging {
            dir,
            target,
            made: Default::default(),
            written: Default::default(),
            paths: Default::default(),
            finished: false,
        }))
    }

    /// Writes one finished file into the staging folder.
    pub fn write(&self, output: &Output) -> io::Result<()> {
        let path = output.path();
        self.folders(path)?;
        let to = self.dir.join(path);
        match output {
            Output::Bytes { bytes, .. } => std::fs::write(to, bytes)?,
            Output::Copy { from, .. } => std::fs::write(to, std::fs::read(from)?)?,
        }
        self.wrote(path)?;
        Ok(())
    }

    /// Writes one file piece by piece into the staging folder, on the calling thread.
    pub fn write_with(&self, path: &str, write: Writer<'_>) -> io::Result<u64> {
        self.folders(path)?;
        let file = std::fs::File::create(self.dir.join(path))?;
        let mut counted = Counting::new(file);
        write(&mut counted)?;
        self.wrote(path)?;
        Ok(counted.count)
    }

    /// Counts and lists one written file.
    fn wrote(&self, path: &str) -> io::Result<()> {
        self.written
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.paths
            .lock()
            .map_err(|_| io::Error::other("a writer thread failed"))?
            .push(path.to_string());
        Ok(())
    }

    /// Makes the folders of `path` that were not made yet.
    fn folders(&self, path: &str) -> io::Result<()> {
        let mut end = 0;
        while let Some(slash) = path[end..].find('/') {
            end += slash;
            let folder = &path[..end];
            let known = self
                .made
                .lock()
                .map_err(|_| io::Error::other("a writer thread failed"))?
                .contains(folder);
            if !known {
                match std::fs::create_dir(self.dir.join(folder)) {
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                    other => other?,
                }
                self.made
                    .lock()
                    .map_err(|_| io::Error::other("a writer thread failed"))?
                    .insert(folder.to_string());
            }
            end += 1;
        }
        Ok(())
    }

    /// Every file is written: renames the folder into place. Returns the output folder
    /// and how many files were written.
    pub fn finish(mut self) -> io::Result<(PathBuf, usize)> {
        let manifest = {
            let paths = self
                .paths
                .lock()
                .map_err(|_| io::Error::other("a writer thread failed"))?;
            super::manifest::text(paths.iter().map(String::as_str).collect())
        };
        std::fs::write(self.dir.join(MARKER), manifest)?;
        test_hook("staging")?;
        std::fs::rename(&self.dir, &self.target)?;
        self.finished = true;
        Ok((
            self.target.clone(),
            self.written.load(std::sync::atomic::Ordering::Relaxed),
        ))
    }
}

impl Drop for Staging {
    /// An unfinished staging folder (a failed build) is removed.
    fn drop(&mut self) {
        if !self.finished && self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
