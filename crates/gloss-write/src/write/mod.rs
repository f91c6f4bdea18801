//! Stage 6, write. Files arrive from render one at a time through the [`Disk`] sink and
//! are written where no reader sees them (a staging folder, or temporaries); only when the
//! whole site rendered and its paths were checked does [`Disk::finish`] put them in place,
//! so a build with errors leaves the previous site exactly as it was. gloss writes nowhere but its output folder (and, beside it, a lock file and a
//! staging folder), and refuses output folders that could hold the site's sources.
//!
//! The write protocol:
//! 1. **Lock.** A build takes an exclusive lock on the output folder for the whole build
//!    ([`OutputLock`], a file beside the folder). A second build waits, saying so.
//! 2. **Recover.** Under the lock, leftovers of a killed build are dealt with first
//!    ([`recover`]): staging folders of killed first builds are removed, and a journal left in
//!    the output folder is rolled back or forward (see below). `check` does the same.
//! 3. **First build.** A new output folder is written as a staging folder beside it
//!    (files go there while the rest is still rendering) and renamed into place.
//! 4. **Rebuild, phase one.** An existing output folder is compared with the site: unchanged
//!    files are not touched (which is why rebuilds are fast); every new or changed file is
//!    written, as it is rendered, beside its target under a short temporary name (`.17.gloss-tmp`), a new
//!    folder whole under one temporary folder. A journal (`.gloss-journal`) in its
//!    `staging` phase marks that temporaries exist. A failure here removes them, and the
//!    folder is as it was.
//! 5. **Rebuild, phase two.** Only when every temporary is written, the journal switches to
//!    its `commit` phase, listing every rename and removal; then the temporaries are renamed
//!    into place and stale files removed, each old file kept as a backup until the end so a
//!    failing rename can put everything back. A process killed here is finished by the next
//!    gloss command, which replays the journal (every temporary already exists).
//!
//! Nothing is ever written or deleted through a symlink inside the output folder: a
//! symlink where a file or folder of the site goes is replaced by it (the link itself is
//! moved away, never its target), and a stale one is removed as a link.
//!
//! Content that is a symlink into the output folder is refused when the site is loaded.
//! The cost: a rebuild that changes every file makes three file operations per file
//! (hard-link the old one as its backup, rename the new one over it, drop the backup)
//! where an in-place sync made one; a rebuild that changes little costs what it did.
//!
//! For tests, `GLOSS_TEST_PAUSE_AT=<point>[:<ms>]` makes the process stop at a point of the
//! protocol for `ms` milliseconds (ten minutes without), so a test can kill it there, and
//! `GLOSS_TEST_FAIL_AT=<point>` makes it fail there. The points: `staging` (a first build,
//! before its rename), `write` (a rebuild, before the first file is staged), `stage` (after phase one),
//! `commit` (halfway through phase two) and `cleanup` (before the backups are dropped).

mod commit;
mod compare;
mod disk;
mod guard;
mod lock;
mod manifest;
mod plan;
mod staging;
#[cfg(test)]
mod tests;

use std::io;
use std::path::{Path, PathBuf};

pub use disk::Disk;
pub use guard::{NAME_MAX, check_output_dir, check_outputs};
pub use lock::{OutputLock, lock_path};
pub use staging::Staging;

use crate::diagnostics::Diagnostic;
use crate::output::Output;

/// The file gloss leaves in every folder it writes, so it can recognise (and replace) its
/// own output and nothing else.
pub const MARKER: &str = ".gloss-output";
const MARKER_TEXT: &str = "This folder was written by gloss and is rebuilt on every build.\n";

/// The journal of a rebuild in progress, in the output folder.
pub const JOURNAL: &str = ".gloss-journal";

/// The end of every temporary name gloss uses inside the output folder.
pub const TEMP_SUFFIX: &str = ".gloss-tmp";

/// How the message of an error after which the output folder is not as it was begins.
pub const PARTLY_WRITTEN: &str = "the build stopped halfway: ";

/// The code of that error, which [`wrote_nothing`] looks for.
pub const PARTLY_WRITTEN_CODE: &str = "partly-written";

/// Did a failed build leave the output folder exactly as it was? True for every failure
/// but a commit that could be neither finished nor undone.
pub fn wrote_nothing(diagnostics: &crate::diagnostics::Diagnostics) -> bool {
    !diagnostics.iter().any(|d| d.code == PARTLY_WRITTEN_CODE)
}

/// Threads for writing: creating files and folders mostly waits on the filesystem's
/// journal, not the CPU, so many more writers than cores keep the disk busy.
const WRITERS: usize = 16;

/// What the write stage did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or changed.
    pub changed: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files in the output folder that gloss did not write, kept where they were (relative
    /// to the output folder); see [`kept_warning`].
    pub kept: Vec<String>,
}

/// The warning naming the files a build found in its output folder and kept, with `out`
/// the output folder as the user named it.
pub fn kept_warning(out: &Path, written: &Written) -> Option<Diagnostic> {
    manifest::kept_warning(out, &written.kept)
}

/// The bytes an output should have.
fn content(output: &Output) -> io::Result<std::borrow::Cow<'_, [u8]>> {
    match output {
        Output::Bytes { bytes, .. } => Ok(std::borrow::Cow::Borrowed(bytes)),
        Output::Copy { from, .. } => std::fs::read(from).map(std::borrow::Cow::Owned),
    }
}

/// The test hooks described in the module documentation: a pause or an injected failure
/// at a named point of the protocol.
fn test_hook(point: &str) -> io::Result<()> {
    if let Ok(wanted) = std::env::var("GLOSS_TEST_PAUSE_AT") {
        let (name, ms) = wanted.split_once(':').unwrap_or((&wanted, "600000"));
        if name == point {
            eprintln!("gloss: test pause at {point}");
            let ms = ms.parse().unwrap_or(600_000);
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
    }
    if std::env::var("GLOSS_TEST_FAIL_AT").is_ok_and(|wanted| wanted == point) {
        return Err(io::Error::other(format!(
            "failure injected at {point} by GLOSS_TEST_FAIL_AT"
        )));
    }
    Ok(())
}

/// Staging folders of killed first builds of `target`: beside it, any process id.
fn dead_staging(target: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return Vec::new();
    };
    let prefix = format!(".{}.gloss-staging-", name.to_string_lossy());
    std::fs::read_dir(parent)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect()
}

/// Does `target` hold leftovers of a killed build? Cheap: no walk of the folder.
pub fn needs_recovery(target: &Path) -> bool {
    target.join(JOURNAL).exists()
        || commit::journal_temp(target).exists()
        || !dead_staging(target).is_empty()
}

/// Cleans up after a killed build of the (resolved) output folder `target`; the caller
/// holds its [`OutputLock`]. Says on the terminal what it did.
pub fn recover(target: &Path) -> Result<(), Diagnostic> {
    let fail = |e: io::Error| {
        Diagnostic::file_error(
            target,
            format!("cannot clean up after an interrupted build: {e}"),
        )
        .with_hint("delete the output folder and build again")
    };
    for dir in dead_staging(target) {
        commit::remove_any(&dir).map_err(fail)?;
        eprintln!(
            "gloss: removed {}, left by an interrupted first build",
            dir.display()
        );
    }
    if target.join(MARKER).is_file() {
        if let Some(done) = commit::recover(target).map_err(fail)? {
            eprintln!("gloss: {done}");
        }
    }
    Ok(())
}

/// [`recover`] for commands that do not write (`check`, `serve`): takes the lock only when
/// there is something to clean up.
pub fn settle(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let target = guard::normalize(out).map_err(|e| {
        Diagnostic::file_error(out, format!("cannot resolve the output folder: {e}"))
    })?;
    if !needs_recovery(&target) || check_output_dir(root, out, false).is_err() {
        return Ok(());
    }
    let _lock = OutputLock::acquire(&target)?;
    recover(&target)
}

/// Writes the outputs to `out` (checked with [`check_output_dir`]; the caller holds its
/// [`OutputLock`]): a new folder through a staging folder renamed into place, an existing
/// one in two phases. A build streams into a [`Disk`] instead; this is the same for files
/// already in memory.
pub fn write(
    root: &Path,
    out: &Path,
    outputs: &[Output],
    force: bool,
) -> Result<(PathBuf, Written), Diagnostic> {
    let disk = Disk::begin(root, out, force)?;
    for output in outputs {
        crate::output::Sink::accept(&disk, output.clone());
    }
    disk.finish()
}

#[cfg(test)]
mod partly_written {
    use super::*;
    use crate::diagnostics::Diagnostics;

    #[test]
    fn only_the_partly_written_code_says_the_folder_changed() {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(Diagnostic::file_error("public", PARTLY_WRITTEN));
        assert!(
            wrote_nothing(&diagnostics),
            "the message text decides nothing"
        );
        diagnostics
            .push(Diagnostic::file_error("public", "stopped").with_code(PARTLY_WRITTEN_CODE));
        assert!(!wrote_nothing(&diagnostics));
    }
}
