//! Phase two of a rebuild, and the journal that makes it safe to kill.
//!
//! The journal (`public/.gloss-journal`, JSON) is written with a rename, so it is either
//! absent or complete. It is in one of two phases:
//! - `staging`: temporaries are being written and nothing a reader sees has changed. A
//!   journal found in this phase is rolled back: every `*.gloss-tmp` is removed.
//! - `commit`: every temporary exists and the listed steps move them into place. A journal
//!   found in this phase is rolled forward: the remaining steps are made (each step can be
//!   made twice), so the folder ends up exactly as the interrupted build meant it.
//!
//! Within one process a failing step is undone instead: every step first moves (or, for a
//! plain file, hard-links) what it replaces to a backup beside it, so the commit can put
//! every old file back and leave the folder as it was.

use std::io;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{JOURNAL, TEMP_SUFFIX, test_hook};

/// One change of the commit, with paths relative to the output folder.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "lowercase")]
pub(super) enum Step {
    /// Move the staged `temp` (a file or a folder) to `target`, keeping what was there as
    /// `backup` until the commit is over.
    Put {
        /// The staged file or folder.
        temp: String,
        /// Where it goes.
        target: String,
        /// Where the old one waits.
        backup: String,
        /// The staged thing is a folder (a plain file is replaced atomically).
        #[serde(default)]
        folder: bool,
    },
    /// Remove a stale file or folder (moved to `backup`, deleted at the end).
    Remove {
        /// What the site no longer has.
        path: String,
        /// Where it waits.
        backup: String,
    },
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "lowercase")]
enum Journal {
    Staging,
    Commit { steps: Vec<Step> },
}

/// Removes a file, symlink or folder at `path` without following any symlink; a missing
/// path is fine.
pub(super) fn remove_any(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Where the journal is written before it is renamed into place.
pub(super) fn journal_temp(dir: &Path) -> std::path::PathBuf {
    dir.join(format!("{JOURNAL}{TEMP_SUFFIX}"))
}

fn save(dir: &Path, journal: &Journal) -> io::Result<()> {
    let temp = journal_temp(dir);
    let text = serde_json::to_vec(journal).map_err(io::Error::other)?;
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, dir.join(JOURNAL))
}

/// Records that temporaries are about to be written into `dir`.
pub(super) fn begin(dir: &Path) -> io::Result<()> {
    save(dir, &Journal::Staging)
}

/// Forgets the journal (nothing is pending).
pub(super) fn end(dir: &Path) -> io::Result<()> {
    remove_any(&dir.join(JOURNAL))
}

fn make(dir: &Path, step: &Step) -> io::Result<()> {
    match step {
        Step::Put {
            temp,
            target,
            backup,
            folder,
        } => {
            let (temp, target, backup) = (dir.join(temp), dir.join(target), dir.join(backup));
            match std::fs::symlink_metadata(&target) {
                // A plain file is replaced atomically by the rename: readers never miss it.
                Ok(meta) if meta.is_file() && !folder => {
                    if std::fs::hard_link(&target, &backup).is_err() {
                        std::fs::rename(&target, &backup)?;
                    }
                }
                // A folder, a symlink (never followed) or a file where a folder goes.
                Ok(_) => std::fs::rename(&target, &backup)?,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
            std::fs::rename(&temp, &target)
        }
        Step::Remove { path, backup } => std::fs::rename(dir.join(path), dir.join(backup)),
    }
}

/// Undoes one step from whatever state it reached, moving a new file or folder back to its
/// temporary name rather than deleting it: should undoing fail halfway, every step is then
/// either made or not made, and the journal can still finish the build.
fn undo(dir: &Path, step: &Step) -> io::Result<()> {
    match step {
        Step::Put {
            temp,
            target,
            backup,
            ..
        } => {
            let (temp, target, backup) = (dir.join(temp), dir.join(target), dir.join(backup));
            if !exists(&temp) {
                std::fs::rename(&target, &temp)?;
            }
            if exists(&backup) {
                if exists(&target) {
                    // A hard link: the target never stopped being the old file.
                    remove_any(&backup)?;
                } else {
                    std::fs::rename(&backup, &target)?;
                }
            }
            Ok(())
        }
        Step::Remove { path, backup } => {
            let backup = dir.join(backup);
            if exists(&backup) {
                std::fs::rename(backup, dir.join(path))?;
            }
            Ok(())
        }
    }
}

/// The temporaries of the steps, removed once every step is undone.
fn drop_temporaries(dir: &Path, steps: &[Step]) -> io::Result<()> {
    steps.par_iter().try_for_each(|step| match step {
        Step::Put { temp, .. } => remove_any(&dir.join(temp)),
        Step::Remove { .. } => Ok(()),
    })
}

fn backup_of(step: &Step) -> &str {
    match step {
        Step::Put { backup, .. } | Step::Remove { backup, .. } => backup,
    }
}

/// Why a commit failed, and whether the folder is back as it was.
#[derive(Debug)]
pub(super) struct CommitFailed {
    /// The first error.
    pub error: io::Error,
    /// Every step was undone; if not, the journal stays for the next command to finish.
    pub undone: bool,
}

/// Makes every step (the temporaries all exist), then drops the backups and the journal.
/// On failure every step is undone and the folder is as it was before [`begin`].
pub(super) fn commit(dir: &Path, steps: &[Step]) -> Result<(), CommitFailed> {
    let undone = |error| CommitFailed {
        error,
        undone: true,
    };
    save(
        dir,
        &Journal::Commit {
            steps: steps.to_vec(),
        },
    )
    .map_err(undone)?;
    let (first, second) = steps.split_at(steps.len() / 2);
    let made = first
        .par_iter()
        .try_for_each(|step| make(dir, step))
        .and_then(|()| test_hook("commit"))
        .and_then(|()| second.par_iter().try_for_each(|step| make(dir, step)));
    if let Err(error) = made {
        if let Err(undo_error) = steps.par_iter().try_for_each(|step| undo(dir, step)) {
            // The journal stays: the next gloss command finishes the build instead.
            return Err(CommitFailed {
                error: io::Error::other(format!("{error}; undoing it also failed ({undo_error})")),
                undone: false,
            });
        }
        drop_temporaries(dir, steps).map_err(undone)?;
        end(dir).map_err(undone)?;
        return Err(undone(error));
    }
    // Past this point the new site is in place: a failure only leaves backups behind,
    // which the journal lets the next command remove.
    let finished = |error| CommitFailed {
        error,
        undone: false,
    };
    test_hook("cleanup").map_err(finished)?;
    steps
        .par_iter()
        .try_for_each(|step| {
            // Mostly hard links of replaced files: unlink first, look only if that fails.
            let backup = dir.join(backup_of(step));
            match std::fs::remove_file(&backup) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                Err(_) => remove_any(&backup),
            }
        })
        .map_err(finished)?;
    end(dir).map_err(finished)
}

/// Finishes what a killed build left in `dir`: a journal in the staging phase is rolled
/// back, one in the commit phase rolled forward. Returns what was done, for the terminal.
pub(super) fn recover(dir: &Path) -> io::Result<Option<String>> {
    // A journal killed while being saved was never renamed into place, so the work it was
    // about to record had not started: its half-written file is all there is to remove.
    let half_saved = journal_temp(dir);
    let had_half_saved = exists(&half_saved);
    remove_any(&half_saved)?;
    let path = dir.join(JOURNAL);
    let text = match std::fs::read(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Ok(had_half_saved.then(|| {
                format!(
                    "removed the half-saved journal of a build of {} that was interrupted before it changed anything",
                    dir.display()
                )
            }));
        }
        Err(e) => return Err(e),
    };
    match serde_json::from_slice::<Journal>(&text) {
        Ok(Journal::Commit { steps }) => {
            for step in &steps {
                match step {
                    Step::Put { temp, target, .. } => {
                        let (temp, target) = (dir.join(temp), dir.join(target));
                        if exists(&temp) {
                            if !(temp.is_file() && target.is_file()) {
                                remove_any(&target)?;
                            }
                            std::fs::rename(&temp, &target)?;
                        }
                    }
                    Step::Remove { path, .. } => remove_any(&dir.join(path))?,
                }
            }
            for step in &steps {
                remove_any(&dir.join(backup_of(step)))?;
            }
            end(dir)?;
            Ok(Some(format!(
                "finished a build of {} that was interrupted while moving files into place",
                dir.display()
            )))
        }
        // A journal that cannot be read was never completed, so nothing was moved.
        Ok(Journal::Staging) | Err(_) => {
            let removed = sweep(dir)?;
            end(dir)?;
            Ok(Some(format!(
                "removed {removed} temporary files of a build of {} that was interrupted before it changed anything",
                dir.display()
            )))
        }
    }
}

/// Removes every `*.gloss-tmp` below `dir`, following no symlink.
fn sweep(dir: &Path) -> io::Result<usize> {
    let mut removed = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            if entry.file_name().to_string_lossy().ends_with(TEMP_SUFFIX) {
                remove_any(&entry.path())?;
                removed += 1;
            } else if entry.file_type()?.is_dir() {
                stack.push(entry.path());
            }
        }
    }
    Ok(removed)
}
