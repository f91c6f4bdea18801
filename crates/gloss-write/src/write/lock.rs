//! One writer per output folder. The lock is a file beside the output folder
//! (`.public.gloss-lock` for `public/`), locked with the operating system's advisory file
//! lock, which the kernel releases when the process ends however it ends: a killed build
//! never leaves a stale lock. A second build waits for the first, with a message.

use std::fs::{File, OpenOptions};

// Called by path: std's own `File::try_lock` needs Rust 1.89, newer than gloss requires.
use fs4::{FileExt, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Held for as long as gloss writes or repairs one output folder.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
    file: Option<File>,
}

/// The lock file of an output folder: beside it, so it exists before the folder does
/// and survives the folder being renamed into place.
pub fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.gloss-lock"))
}

impl OutputLock {
    /// Takes the lock of the (resolved) output folder `target`, waiting for another gloss
    /// process that holds it and saying so on the terminal.
    pub fn acquire(target: &Path) -> Result<OutputLock, Diagnostic> {
        let path = lock_path(target);
        let fail = |e: io::Error| {
            Diagnostic::file_error(
                &path,
                format!(
                    "cannot lock the output folder {}: {e}",
                    target.display()
                ),
            )
            .with_hint("gloss locks the output folder while it writes; check that its parent folder is writable")
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        let mut told = false;
        loop {
            let file = OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(fail)?;
            match FileExt::try_lock(&file) {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    if !told {
                        eprintln!(
                            "gloss: waiting for another gloss build of {} to finish",
                            target.display()
                        );
                        told = true;
                    }
                    FileExt::lock(&file).map_err(fail)?;
                }
                Err(TryLockError::Error(e)) => return Err(fail(e)),
            }
            // The holder before us deletes the lock file before releasing it; a lock on a
            // file that is no longer at `path` locks nothing, so start again.
            if same_file(&file, &path) {
                return Ok(OutputLock {
                    path,
                    file: Some(file),
                });
            }
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}

impl Drop for OutputLock {
    /// Removes the lock file (on Unix, where waiters check they locked the file still at
    /// the path), then releases the lock.
    fn drop(&mut self) {
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
        drop(self.file.take());
    }
}
