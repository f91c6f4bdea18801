//! Phase one of a rebuild: compare the site with the output folder and write every new or
//! changed file beside its target under a temporary name, touching nothing a reader sees.
//! Files arrive one at a time while the site is still rendering ([`Stager::stage`]), so the
//! stage never holds the whole site; what is stale is known only at [`Stager::finish`].
//!
//! Temporary names are short and numbered (`.17.gloss-tmp`, `.d3.gloss-tmp` for a new
//! folder), so a target name at the file system's limit still has a temporary that fits,
//! and a failed or killed phase can be cleaned up by name. A new folder is built whole
//! under one temporary folder and moved in with one rename.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::commit::Step;
use super::compare::Comparing;
use super::{JOURNAL, MARKER, TEMP_SUFFIX, content, test_hook};
use crate::output::{Counting, Output, Writer};

/// What is in the output folder at one path, without following symlinks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    Dir,
    File,
    /// A symlink or anything else gloss never writes: always replaced, never followed.
    Other,
}

/// The changes phase two will make, all of them already staged.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// Renames and removals, in the order the commit makes them.
    pub steps: Vec<Step>,
    /// Files written (new or changed).
    pub changed: usize,
    /// Files left alone.
    pub unchanged: usize,
    /// Files gloss did not write (the marker does not list them), kept in place.
    pub kept: Vec<String>,
}

/// A write failure, naming the file.
#[derive(Debug)]
pub(super) struct WriteFailed {
    /// The output path (relative) or source file that failed.
    pub path: String,
    /// Whether `path` is a source file that could not be read.
    pub reading: bool,
    /// What went wrong.
    pub error: io::Error,
}

fn is_temporary(name: &str) -> bool {
    name.ends_with(TEMP_SUFFIX)
}

/// What is in the output folder by path, and names that are not UTF-8 by folder.
type Survey = (HashMap<String, Found>, Vec<(String, PathBuf)>);

/// Walks the whole existing output folder without following symlinks. Returns what is at
/// each path, and the names that are not UTF-8 (gloss never writes one; those where the
/// site has a folder are removed at the end). Garbage temporaries are removed on the way:
/// new ones must not collide with them.
fn survey(dir: &Path) -> io::Result<Survey> {
    let mut found = HashMap::new();
    let mut odd = Vec::new();
    let mut stack = vec![String::new()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&folder))? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                odd.push((folder.clone(), entry.path()));
                continue;
            };
            if is_temporary(&name) {
                super::commit::remove_any(&entry.path())?;
                continue;
            }
            let path = if folder.is_empty() {
                name
            } else {
                format!("{folder}/{name}")
            };
            let kind = if kind.is_dir() {
                Found::Dir
            } else if kind.is_file() {
                Found::File
            } else {
                Found::Other
            };
            if kind == Found::Dir {
                stack.push(path.clone());
            }
            found.insert(path, kind);
        }
    }
    Ok((found, odd))
}

fn parent_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent}/{name}")
    }
}

/// Where one output is staged.
enum Spot {
    /// Inside a new folder's temporary: the full relative path to write.
    InNewFolder(String),
    /// Beside its target: the temporary's relative path.
    Beside(String),
}

/// A new file (never through an existing name or symlink).
fn create_new(path: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Writes `bytes` to a new file.
fn create(path: &Path, bytes: &[u8]) -> io::Result<()> {
    create_new(path)?.write_all(bytes)
}

/// Does the file at `path` hold exactly `bytes`? One open, one stat, one read.
fn same_bytes(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let mut file = std::fs::File::open(path)?;
    if file.metadata()?.len() != bytes.len() as u64 {
        return Ok(false);
    }
    let mut old = Vec::with_capacity(bytes.len());
    io::Read::read_to_end(&mut file, &mut old)?;
    Ok(old == bytes)
}

/// What the stage has done so far, shared by the writer threads.
#[derive(Default)]
struct State {
    /// New folders (whose parent exists) and the temporary folder each is built under.
    new_roots: HashMap<String, String>,
    /// Folders already made inside those temporaries.
    made: HashSet<String>,
    /// One `Put` per new folder.
    folder_steps: Vec<Step>,
    /// One `Put` per changed file beside its target.
    file_steps: Vec<Step>,
    /// Temporaries beside their targets, removed again if the build fails.
    temps: Vec<String>,
    /// Files written inside new folders.
    in_new: usize,
    /// Every staged path.
    paths: Vec<String>,
}

/// Phase one in progress on the output folder `dir` (whose journal is in its staging
/// phase): files are staged as they arrive, from several threads.
pub(super) struct Stager {
    dir: PathBuf,
    found: HashMap<String, Found>,
    odd: Vec<(String, PathBuf)>,
    /// The files the marker says gloss wrote; `None` when every file counts as gloss's.
    wrote: Option<HashSet<String>>,
    next: AtomicUsize,
    state: Mutex<State>,
}

impl Stager {
    /// Surveys `dir`.
    pub fn begin(dir: &Path) -> Result<Stager, WriteFailed> {
        let fail = |error| WriteFailed {
            path: String::new(),
            reading: false,
            error,
        };
        let (found, odd) = survey(dir).map_err(fail)?;
        let wrote = super::manifest::read(dir).map_err(fail)?;
        Ok(Stager {
            dir: dir.to_path_buf(),
            found,
            odd,
            wrote,
            next: AtomicUsize::new(0),
            state: Mutex::new(State::default()),
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Where `path` is staged: inside the temporary of its topmost new folder (made, with
    /// the folders between, on first use), or beside its target.
    fn spot(&self, path: &str) -> io::Result<Spot> {
        let mut end = 0;
        while let Some(slash) = path[end..].find('/') {
            end += slash;
            let folder = &path[..end];
            if self.found.get(folder) != Some(&Found::Dir) {
                let mut state = self.state();
                let temp = match state.new_roots.get(folder) {
                    Some(temp) => temp.clone(),
                    None => {
                        let n = state.new_roots.len();
                        let temp = join(parent_of(folder), &format!(".d{n}{TEMP_SUFFIX}"));
                        let backup = join(parent_of(folder), &format!(".d{n}.old{TEMP_SUFFIX}"));
                        state.new_roots.insert(folder.to_string(), temp.clone());
                        std::fs::create_dir(self.dir.join(&temp))?;
                        state.folder_steps.push(Step::Put {
                            temp: temp.clone(),
                            target: folder.to_string(),
                            backup,
                            folder: true,
                        });
                        temp
                    }
                };
                let rest = &path[end..];
                let mut inner = 0;
                while let Some(slash) = rest[inner + 1..].find('/') {
                    inner += 1 + slash;
                    let made = format!("{temp}{}", &rest[..inner]);
                    if !state.made.contains(&made) {
                        std::fs::create_dir(self.dir.join(&made))?;
                        state.made.insert(made);
                    }
                }
                return Ok(Spot::InNewFolder(format!("{temp}{rest}")));
            }
            end += 1;
        }
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        Ok(Spot::Beside(join(
            parent_of(path),
            &format!(".{index}{TEMP_SUFFIX}"),
        )))
    }

    /// Stages one file: written under a temporary name unless the output folder already
    /// holds exactly these bytes.
    pub fn stage(&self, output: &Output) -> Result<(), WriteFailed> {
        let path = output.path();
        let fail = |error| WriteFailed {
            path: path.to_string(),
            reading: false,
            error,
        };
        let bytes = content(output).map_err(|error| WriteFailed {
            path: match output {
                Output::Copy { from, .. } => from.display().to_string(),
                Output::Bytes { path, .. } => path.clone(),
            },
            reading: matches!(output, Output::Copy { .. }),
            error,
        })?;
        match self.spot(path).map_err(fail)? {
            Spot::InNewFolder(full) => {
                create(&self.dir.join(&full), &bytes).map_err(fail)?;
                self.staged_in_new(path);
            }
            Spot::Beside(temp) => {
                let target = self.dir.join(path);
                // A plain file (the survey does not follow symlinks) that already holds
                // these bytes is left alone.
                if self.found.get(path) == Some(&Found::File)
                    && same_bytes(&target, &bytes).map_err(fail)?
                {
                    self.state().paths.push(path.to_string());
                    return Ok(());
                }
                self.state().temps.push(temp.clone());
                create(&self.dir.join(&temp), &bytes).map_err(fail)?;
                self.put_beside(path, temp);
            }
        }
        Ok(())
    }

    /// Stages one file that `write` makes piece by piece, without holding it whole (the
    /// data files reach hundreds of megabytes at 100,000 briefs): it goes straight into its
    /// temporary, compared on the way with the file it would replace, and the temporary is
    /// removed again when the two hold the same bytes. Returns its size.
    pub fn stage_written(&self, path: &str, write: Writer<'_>) -> io::Result<u64> {
        match self.spot(path)? {
            Spot::InNewFolder(full) => {
                let mut to = Counting::new(create_new(&self.dir.join(&full))?);
                write(&mut to)?;
                self.staged_in_new(path);
                Ok(to.count)
            }
            Spot::Beside(temp) => {
                let old = match self.found.get(path) {
                    Some(Found::File) => Some(File::open(self.dir.join(path))?),
                    _ => None,
                };
                self.state().temps.push(temp.clone());
                let mut to = Comparing::new(create_new(&self.dir.join(&temp))?, old);
                write(&mut to)?;
                let (size, same) = to.finish()?;
                if same {
                    std::fs::remove_file(self.dir.join(&temp))?;
                    let mut state = self.state();
                    state.temps.retain(|t| *t != temp);
                    state.paths.push(path.to_string());
                } else {
                    self.put_beside(path, temp);
                }
                Ok(size)
            }
        }
    }

    /// Records that `path` was written inside a new folder's temporary.
    fn staged_in_new(&self, path: &str) {
        let mut state = self.state();
        state.in_new += 1;
        state.paths.push(path.to_string());
    }

    /// Records that the temporary `temp` replaces `path` in phase two.
    fn put_beside(&self, path: &str, temp: String) {
        let backup = match temp.strip_suffix(TEMP_SUFFIX) {
            Some(stem) => format!("{stem}.old{TEMP_SUFFIX}"),
            None => format!("{temp}.old"),
        };
        let mut state = self.state();
        state.file_steps.push(Step::Put {
            temp,
            target: path.to_string(),
            backup,
            folder: false,
        });
        state.paths.push(path.to_string());
    }

    /// The marker's text: every file staged so far (see [`super::manifest`]).
    pub fn manifest(&self) -> Vec<u8> {
        let state = self.state();
        super::manifest::text(state.paths.iter().map(String::as_str).collect())
    }

    /// Files and symlinks of the output folder the marker does not list, with every folder
    /// above them: none of them is removed.
    fn foreign(&self, files: &HashSet<&str>) -> (Vec<String>, HashSet<String>) {
        let Some(wrote) = &self.wrote else {
            return (Vec::new(), HashSet::new());
        };
        let mut kept: Vec<String> = self
            .found
            .iter()
            .filter(|(path, kind)| {
                **kind != Found::Dir
                    && !wrote.contains(path.as_str())
                    && !files.contains(path.as_str())
                    && path.as_str() != JOURNAL
                    && path.as_str() != MARKER
            })
            .map(|(path, _)| path.clone())
            .collect();
        // gloss never writes a name that is not UTF-8.
        let odd = self.odd.iter().map(|(folder, path)| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            join(folder, &name)
        });
        kept.extend(odd);
        kept.sort();
        let mut above = HashSet::new();
        for path in &kept {
            let mut folder = parent_of(path);
            while !folder.is_empty() && above.insert(folder.to_string()) {
                folder = parent_of(folder);
            }
        }
        (kept, above)
    }

    /// Every file is staged: adds the removal of whatever the site no longer has and
    /// returns the plan for phase two.
    pub fn finish(&self) -> Result<Plan, WriteFailed> {
        let fail = |error| WriteFailed {
            path: String::new(),
            reading: false,
            error,
        };
        let mut state = self.state();
        let needed: BTreeSet<&str> = state
            .paths
            .iter()
            .flat_map(|path| path.match_indices('/').map(move |(i, _)| &path[..i]))
            .collect();
        let files: HashSet<&str> = state.paths.iter().map(String::as_str).collect();
        let (kept, above_kept) = self.foreign(&files);
        let in_needed = |folder: &str| {
            folder.is_empty() || needed.contains(folder) || above_kept.contains(folder)
        };
        for (folder, path) in &self.odd {
            // Kept when the marker lists files (see `foreign`).
            if in_needed(folder) && self.wrote.is_none() {
                super::commit::remove_any(path).map_err(fail)?;
            }
        }
        // Whatever the site no longer has, at the top of each stale subtree.
        let mut stale: Vec<&String> = self
            .found
            .keys()
            .filter(|p| {
                in_needed(parent_of(p))
                    && !files.contains(p.as_str())
                    && !needed.contains(p.as_str())
                    && !above_kept.contains(p.as_str())
                    && kept.binary_search(*p).is_err()
                    && p.as_str() != JOURNAL
                    && p.as_str() != MARKER
            })
            .collect();
        stale.sort();
        let removals: Vec<Step> = stale
            .into_iter()
            .enumerate()
            .map(|(n, path)| Step::Remove {
                path: path.clone(),
                backup: join(parent_of(path), &format!(".r{n}.old{TEMP_SUFFIX}")),
            })
            .collect();
        let marker = files.contains(MARKER);
        let changed = state.in_new
            + state
                .file_steps
                .iter()
                .filter(|s| !matches!(s, Step::Put { target, .. } if target == MARKER))
                .count();
        let total = state.paths.len();
        drop(files);
        drop(needed);
        let state = &mut *state;
        state
            .folder_steps
            .sort_by(|a, b| target_of(a).cmp(target_of(b)));
        state
            .file_steps
            .sort_by(|a, b| target_of(a).cmp(target_of(b)));
        let mut steps = std::mem::take(&mut state.folder_steps);
        steps.append(&mut state.file_steps.clone());
        steps.extend(removals);
        test_hook("stage").map_err(fail)?;
        Ok(Plan {
            steps,
            changed,
            unchanged: total - usize::from(marker) - changed,
            kept,
        })
    }

    /// Removes every temporary staged so far: the folder is as it was.
    pub fn abort(&self) {
        let state = self.state();
        for temp in &state.temps {
            let _ = std::fs::remove_file(self.dir.join(temp));
        }
        for temp in state.new_roots.values() {
            let _ = super::commit::remove_any(&self.dir.join(temp));
        }
    }
}

fn target_of(step: &Step) -> &str {
    match step {
        Step::Put { target, .. } => target,
        Step::Remove { path, .. } => path,
    }
}
