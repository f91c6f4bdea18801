//! A first build: the output folder does not exist yet, so the whole site is written into
//! a staging folder beside it (`.public.gloss-staging-PID`) and renamed into place in one
//! step. A build that fails drops the staging folder; one that is killed leaves it, and the
//! next build (which holds the output lock, so no live build owns it) removes it.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{MARKER, MARKER_TEXT, WRITERS, Written, check_output_dir, content, test_hook};
use crate::diagnostics::Diagnostic;
use crate::render::Output;

/// The staging folder of `target` for this process.
fn sibling(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.gloss-staging-{}", std::process::id()))
}

/// Every folder the outputs need below `dir`, parents before children.
fn folders(dir: &Path, outputs: &[Output]) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = outputs
        .iter()
        .flat_map(|o| Path::new(o.path()).ancestors().skip(1).map(|a| dir.join(a)))
        .filter(|f| f != dir)
        .collect();
    folders.sort();
    folders.dedup();
    folders.sort_by_key(|f| f.components().count());
    folders
}

/// Creates the folders level by level, each level in parallel (a folder's parent always
/// exists before it).
fn create_folders(folders: &[PathBuf]) -> io::Result<()> {
    let depth = |f: &PathBuf| f.components().count();
    for level in folders.chunk_by(|a, b| depth(a) == depth(b)) {
        level
            .par_iter()
            .try_for_each(|folder| match std::fs::create_dir(folder) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && folder.is_dir() => Ok(()),
                other => other,
            })?;
    }
    Ok(())
}

/// A fresh staging folder that takes pages while the rest of the site is still rendering.
///
/// Nobody reads a staging folder, and it is deleted if the build fails, so writing into it
/// early is safe; it becomes the output folder only in [`Staging::finish`], once every file
/// is written. Writer threads overlap the filesystem's latency with rendering, which is
/// most of the cost of a first build on ordinary disks.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    sender: Option<std::sync::mpsc::Sender<(PathBuf, Vec<u8>)>>,
    writers: Vec<std::thread::JoinHandle<io::Result<()>>>,
}

impl Staging {
    /// Starts a staging folder when `out` does not exist yet (checked with
    /// [`check_output_dir`]); `None` when it does, to be synced in place by [`write`].
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
        let (sender, receiver) = std::sync::mpsc::channel::<(PathBuf, Vec<u8>)>();
        let receiver = std::sync::Arc::new(std::sync::Mutex::new(receiver));
        let writers = (0..WRITERS)
            .map(|_| {
                let receiver = std::sync::Arc::clone(&receiver);
                std::thread::spawn(move || -> io::Result<()> {
                    loop {
                        let next = receiver
                            .lock()
                            .map_err(|_| io::Error::other("a writer thread failed"))?
                            .recv();
                        let Ok((path, bytes)) = next else {
                            return Ok(());
                        };
                        if let Some(parent) = path.parent() {
                            std::fs::create_dir_all(parent)?;
                        }
                        std::fs::write(&path, bytes)?;
                    }
                })
            })
            .collect();
        Ok(Some(Staging {
            dir,
            target,
            sender: Some(sender),
            writers,
        }))
    }

    /// Queues one finished file for writing.
    pub fn send(&self, output: &Output) {
        if let (Some(sender), Output::Bytes { path, bytes }) = (&self.sender, output) {
            // A closed channel means a writer failed; `finish` reports it.
            let _ = sender.send((self.dir.join(path), bytes.clone()));
        }
    }

    fn join(&mut self) -> io::Result<()> {
        self.sender = None;
        let mut result = Ok(());
        for writer in self.writers.drain(..) {
            let outcome = writer
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("a writer thread panicked")));
            result = result.and(outcome);
        }
        result
    }

    /// Writes what was not sent yet, then renames the folder into place.
    pub fn finish(
        mut self,
        out: &Path,
        outputs: &[Output],
    ) -> Result<(PathBuf, Written), Diagnostic> {
        let dir = self.dir.clone();
        let result = self.join().and_then(|()| {
            let folders = folders(&dir, outputs);
            create_folders(&folders)?;
            outputs
                .par_iter()
                .filter(|o| !dir.join(o.path()).exists())
                .try_for_each(|o| {
                    content(o).and_then(|bytes| std::fs::write(dir.join(o.path()), bytes))
                })?;
            std::fs::write(dir.join(MARKER), MARKER_TEXT)?;
            test_hook("staging")?;
            std::fs::rename(&dir, &self.target)
        });
        match result {
            Ok(()) => Ok((
                self.target.clone(),
                Written {
                    changed: outputs.len(),
                    unchanged: 0,
                },
            )),
            Err(e) => Err(
                Diagnostic::file_error(out, format!("cannot write the site: {e}"))
                    .with_hint("nothing was written"),
            ),
        }
    }
}

impl Drop for Staging {
    /// An unfinished staging folder (a failed build) is removed.
    fn drop(&mut self) {
        let _ = self.join();
        if self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
