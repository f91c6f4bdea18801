//! Stage 6, write. Every file of the site is already rendered in memory when this stage
//! starts, so a build with errors never gets here and leaves the previous site exactly as it
//! was. A new output folder is written as a staging folder beside it and renamed into place.
//! An output folder gloss wrote before is synced in place: unchanged files are left alone,
//! each changed file is written under a temporary name and renamed over the old one (so no
//! reader ever sees a torn file), and files the site no longer has are removed last. On
//! ordinary disks creating and deleting thousands of folders costs far more than rendering,
//! so rebuilding everything beside the old site made every build pay for the whole site.
//! gloss writes nowhere else, and refuses output folders that could hold the site's sources.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::render::Output;

/// The file gloss leaves in every folder it writes, so it can recognise (and replace) its
/// own output and nothing else.
pub const MARKER: &str = ".gloss-output";
const MARKER_TEXT: &str = "This folder was written by gloss and is replaced on every build.\n";

fn absolute(path: &Path) -> io::Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_path_buf())
    } else {
        Ok(std::env::current_dir()?.join(path))
    }
}

/// Resolves `.` and `..` without touching the disk (the output folder may not exist yet),
/// then resolves symlinks of the longest existing ancestor.
fn normalize(path: &Path) -> io::Result<PathBuf> {
    let mut clean = PathBuf::new();
    for part in absolute(path)?.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    Ok(resolved)
}

fn refuse(out: &Path, why: &str, hint: &str) -> Diagnostic {
    Diagnostic::file_error(
        out,
        format!("refusing to write the site to {}: {why}", out.display()),
    )
    .with_hint(hint.to_string())
}

/// Checks that `out` may be (re)written for the site in `root`.
pub fn check_output_dir(root: &Path, out: &Path, force: bool) -> Result<PathBuf, Diagnostic> {
    let io_error = |e: io::Error| {
        Diagnostic::file_error(out, format!("cannot resolve the output folder: {e}"))
    };
    let root = normalize(root).map_err(io_error)?;
    let target = normalize(out).map_err(io_error)?;
    let hint = "choose a separate folder such as public/ with --output-dir";
    if root.starts_with(&target) {
        return Err(refuse(out, "it is the site folder or contains it", hint));
    }
    for source in ["content", "templates", "static"] {
        if target.starts_with(root.join(source)) {
            return Err(refuse(
                out,
                &format!("it is inside the site's {source}/ folder"),
                hint,
            ));
        }
    }
    if target.is_file() {
        return Err(refuse(out, "it is a file", hint));
    }
    if target.is_dir() {
        if target.join("config.toml").exists() || target.join("content").exists() {
            return Err(refuse(
                out,
                "it holds a site (config.toml or content/)",
                hint,
            ));
        }
        let empty = std::fs::read_dir(&target)
            .map_err(io_error)?
            .next()
            .is_none();
        if !empty && !target.join(MARKER).exists() && !force {
            return Err(refuse(
                out,
                "it is not empty and was not written by gloss",
                "pass --force to replace it, or choose another folder with --output-dir",
            ));
        }
    }
    Ok(target)
}

fn sibling(target: &Path, label: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.gloss-{label}-{}", std::process::id()))
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
/// exists before it). A file standing where a folder must go is removed.
fn create_folders(folders: &[PathBuf]) -> io::Result<()> {
    let depth = |f: &PathBuf| f.components().count();
    for level in folders.chunk_by(|a, b| depth(a) == depth(b)) {
        level
            .par_iter()
            .try_for_each(|folder| match std::fs::create_dir(folder) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && !folder.is_dir() => {
                    std::fs::remove_file(folder)?;
                    std::fs::create_dir(folder)
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
                other => other,
            })?;
    }
    Ok(())
}

/// The bytes an output should have.
fn content(output: &Output) -> io::Result<std::borrow::Cow<'_, [u8]>> {
    match output {
        Output::Bytes { bytes, .. } => Ok(std::borrow::Cow::Borrowed(bytes)),
        Output::Copy { from, .. } => std::fs::read(from).map(std::borrow::Cow::Owned),
    }
}

/// Writes one file unless it already holds exactly these bytes; a changed file is replaced
/// by renaming a complete temporary file over it. Returns whether it was written.
fn sync_file(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    match std::fs::metadata(path) {
        Ok(meta)
            if meta.is_file()
                && meta.len() == bytes.len() as u64
                && std::fs::read(path)? == bytes =>
        {
            return Ok(false);
        }
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path)?,
        _ => {}
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.gloss-tmp"));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, path)?;
    Ok(true)
}

/// Removes every file and folder under `dir` that is not part of the site.
fn remove_stale(dir: &Path, outputs: &[Output], folders: &[PathBuf]) -> io::Result<()> {
    let keep: std::collections::HashSet<PathBuf> = outputs
        .iter()
        .map(|o| dir.join(o.path()))
        .chain(folders.iter().cloned())
        .chain([dir.join(MARKER), dir.to_path_buf()])
        .collect();
    // Deepest first, so folders are empty by the time they are removed.
    for entry in walkdir::WalkDir::new(dir).contents_first(true) {
        let entry = entry.map_err(io::Error::other)?;
        if keep.contains(entry.path()) {
            continue;
        }
        if entry.file_type().is_dir() {
            std::fs::remove_dir(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// What the write stage did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or changed.
    pub changed: usize,
    /// Files left as they were.
    pub unchanged: usize,
}

/// Brings an existing output folder to exactly the outputs (plus the marker).
fn sync(dir: &Path, outputs: &[Output]) -> io::Result<Written> {
    let folders = folders(dir, outputs);
    create_folders(&folders)?;
    let changed = outputs
        .par_iter()
        .map(|o| content(o).and_then(|bytes| sync_file(&dir.join(o.path()), &bytes)))
        .try_fold(|| 0usize, |n, written| written.map(|w| n + usize::from(w)))
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    sync_file(&dir.join(MARKER), MARKER_TEXT.as_bytes())?;
    remove_stale(dir, outputs, &folders)?;
    Ok(Written {
        changed,
        unchanged: outputs.len() - changed,
    })
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
        let dir = sibling(&target, "staging");
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

/// Threads for writing: creating files and folders mostly waits on the filesystem's
/// journal, not the CPU, so many more writers than cores keep the disk busy.
const WRITERS: usize = 16;

/// Writes the outputs to `out` (checked with [`check_output_dir`]): a new folder through a
/// staging folder renamed into place, an existing one by syncing it in place.
pub fn write(
    root: &Path,
    out: &Path,
    outputs: &[Output],
    force: bool,
) -> Result<(PathBuf, Written), Diagnostic> {
    match rayon::ThreadPoolBuilder::new().num_threads(WRITERS).build() {
        Ok(pool) => pool.install(|| write_with(root, out, outputs, force)),
        Err(_) => write_with(root, out, outputs, force),
    }
}

fn write_with(
    root: &Path,
    out: &Path,
    outputs: &[Output],
    force: bool,
) -> Result<(PathBuf, Written), Diagnostic> {
    if let Some(staging) = Staging::begin(root, out, force)? {
        return staging.finish(out, outputs);
    }
    let target = check_output_dir(root, out, force)?;
    let written = sync(&target, outputs).map_err(|e| {
        Diagnostic::file_error(out, format!("cannot write the site: {e}"))
            .with_hint("files already written are complete; fix the problem and build again")
    })?;
    Ok((target, written))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        dir
    }

    fn page(path: &str, text: &str) -> Output {
        Output::Bytes {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn refuses_the_site_and_its_sources() {
        let dir = site();
        let root = dir.path();
        assert!(check_output_dir(root, root, true).is_err());
        assert!(check_output_dir(root, root.parent().unwrap(), true).is_err());
        assert!(check_output_dir(root, &root.join("content/out"), true).is_err());
        assert!(check_output_dir(root, &root.join("public/../"), true).is_err());
        assert!(check_output_dir(root, &root.join("public"), false).is_ok());
    }

    #[test]
    fn refuses_foreign_folders_without_force() {
        let dir = site();
        let out = dir.path().join("docs");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("mine.txt"), "keep").unwrap();
        let err = write(dir.path(), &out, &[page("index.html", "x")], false).unwrap_err();
        assert!(
            err.message.contains("not written by gloss"),
            "{}",
            err.message
        );
        assert_eq!(
            std::fs::read_to_string(out.join("mine.txt")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn replaces_its_own_output_whole() {
        let dir = site();
        let out = dir.path().join("public");
        write(
            dir.path(),
            &out,
            &[page("a/index.html", "one"), page("old.html", "x")],
            false,
        )
        .unwrap();
        write(dir.path(), &out, &[page("a/index.html", "two")], false).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("old.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("gloss-"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn rebuilds_touch_only_what_changed() {
        let dir = site();
        let out = dir.path().join("public");
        let first = [
            page("a/index.html", "same"),
            page("b/index.html", "old"),
            page("gone/deep/x.html", "x"),
        ];
        write(dir.path(), &out, &first, false).unwrap();
        let stamp = |p: &str| std::fs::metadata(out.join(p)).unwrap().modified().unwrap();
        let before = stamp("a/index.html");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let (_, written) = write(
            dir.path(),
            &out,
            &[page("a/index.html", "same"), page("b/index.html", "new")],
            false,
        )
        .unwrap();
        assert_eq!(
            written,
            Written {
                changed: 1,
                unchanged: 1
            }
        );
        assert_eq!(
            stamp("a/index.html"),
            before,
            "an unchanged file was rewritten"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "new"
        );
        assert!(!out.join("gone").exists(), "stale folders stay behind");
        assert!(out.join(MARKER).is_file());
        let temporaries = walkdir::WalkDir::new(&out)
            .into_iter()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().contains("gloss-tmp"))
            .count();
        assert_eq!(temporaries, 0);
    }

    #[test]
    fn files_and_folders_can_trade_places() {
        let dir = site();
        let out = dir.path().join("public");
        write(
            dir.path(),
            &out,
            &[page("x", "file"), page("y/index.html", "in folder")],
            false,
        )
        .unwrap();
        write(
            dir.path(),
            &out,
            &[
                page("x/index.html", "now a folder"),
                page("y", "now a file"),
            ],
            false,
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("x/index.html")).unwrap(),
            "now a folder"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("y")).unwrap(),
            "now a file"
        );
    }
}
