//! Phase one of a rebuild: compare the site with the output folder and write every new or
//! changed file beside its target under a temporary name, touching nothing a reader sees.
//!
//! Temporary names are short and numbered (`.17.gloss-tmp`, `.d3.gloss-tmp` for a new
//! folder), so a target name at the file system's limit still has a temporary that fits,
//! and a failed or killed phase can be cleaned up by name. A new folder is built whole
//! under one temporary folder and moved in with one rename.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::Path;

use rayon::prelude::*;

use super::commit::Step;
use super::{JOURNAL, MARKER, TEMP_SUFFIX, content, test_hook};
use crate::render::Output;

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
}

/// A write failure, naming the file.
#[derive(Debug)]
pub(super) struct Failed {
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

/// Walks the existing output folder, descending only into real folders the site still
/// needs. Returns what is at each path it saw; garbage temporaries and names that are not
/// UTF-8 (gloss never writes either) are removed on the way.
fn survey(dir: &Path, needed: &BTreeSet<String>) -> io::Result<HashMap<String, Found>> {
    let mut found = HashMap::new();
    let mut stack = vec![String::new()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&folder))? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                super::commit::remove_any(&entry.path())?;
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
            if kind == Found::Dir && needed.contains(&path) {
                stack.push(path.clone());
            }
            found.insert(path, kind);
        }
    }
    Ok(found)
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

/// Writes `bytes` to a new file (never through an existing name or symlink).
fn create(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
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

/// Stages every changed file of `outputs` (which include the marker) in `dir`. On failure
/// every temporary is removed again and `dir` is as it was.
pub(super) fn stage(dir: &Path, outputs: &[&Output]) -> Result<Plan, Failed> {
    let fail = |path: &str| {
        let path = path.to_string();
        move |error| Failed {
            path,
            reading: false,
            error,
        }
    };
    let needed: BTreeSet<String> = outputs
        .iter()
        .flat_map(|o| {
            let path = o.path();
            path.match_indices('/')
                .map(move |(i, _)| path[..i].to_string())
        })
        .collect();
    let found = survey(dir, &needed).map_err(fail(""))?;
    let is_dir = |p: &str| p.is_empty() || found.get(p) == Some(&Found::Dir);
    // New folders whose parent exists: each is built under one temporary folder.
    let mut new_roots: HashMap<&str, String> = HashMap::new();
    let mut steps = Vec::new();
    for folder in &needed {
        if !is_dir(folder) && is_dir(parent_of(folder)) {
            let temp = join(
                parent_of(folder),
                &format!(".d{}{TEMP_SUFFIX}", new_roots.len()),
            );
            let backup = join(
                parent_of(folder),
                &format!(".d{}.old{TEMP_SUFFIX}", new_roots.len()),
            );
            new_roots.insert(folder, temp.clone());
            steps.push(Step::Put {
                temp,
                target: folder.clone(),
                backup,
                folder: true,
            });
        }
    }
    let spot = |index: usize, path: &str| -> Spot {
        let mut end = 0;
        while let Some(slash) = path[end..].find('/') {
            end += slash;
            if let Some(temp) = new_roots.get(&path[..end]) {
                return Spot::InNewFolder(format!("{temp}{}", &path[end..]));
            }
            end += 1;
        }
        Spot::Beside(join(parent_of(path), &format!(".{index}{TEMP_SUFFIX}")))
    };
    let result = (|| {
        // New folders (inside the temporaries), parents first.
        let mut inner: Vec<String> = needed
            .iter()
            .filter_map(|folder| match new_roots.get(folder.as_str()) {
                Some(temp) => Some(temp.clone()),
                None => match spot(0, folder) {
                    Spot::InNewFolder(path) => Some(path),
                    Spot::Beside(_) => None,
                },
            })
            .collect();
        inner.sort_by_key(|p| p.matches('/').count());
        for folder in &inner {
            std::fs::create_dir(dir.join(folder)).map_err(fail(folder))?;
        }
        let written: Vec<Option<Step>> = outputs
            .par_iter()
            .enumerate()
            .map(|(index, output)| -> Result<Option<Step>, Failed> {
                let path = output.path();
                let bytes = content(output).map_err(|error| Failed {
                    path: match output {
                        Output::Copy { from, .. } => from.display().to_string(),
                        Output::Bytes { path, .. } => path.clone(),
                    },
                    reading: matches!(output, Output::Copy { .. }),
                    error,
                })?;
                match spot(index, path) {
                    Spot::InNewFolder(full) => {
                        create(&dir.join(&full), &bytes).map_err(fail(path))?;
                        Ok(None)
                    }
                    Spot::Beside(temp) => {
                        let target = dir.join(path);
                        // A plain file (the survey does not follow symlinks) that already
                        // holds these bytes is left alone.
                        if found.get(path) == Some(&Found::File)
                            && same_bytes(&target, &bytes).map_err(fail(path))?
                        {
                            return Ok(None);
                        }
                        create(&dir.join(&temp), &bytes).map_err(fail(path))?;
                        let backup = join(parent_of(path), &format!(".{index}.old{TEMP_SUFFIX}"));
                        Ok(Some(Step::Put {
                            temp,
                            target: path.to_string(),
                            backup,
                            folder: false,
                        }))
                    }
                }
            })
            .collect::<Result<_, _>>()?;
        let in_new = outputs
            .iter()
            .enumerate()
            .filter(|(i, o)| matches!(spot(*i, o.path()), Spot::InNewFolder(_)))
            .count();
        let replaced: Vec<Step> = written.into_iter().flatten().collect();
        // The marker is gloss's, not the site's: it is not counted.
        let marker = outputs.iter().any(|o| o.path() == MARKER);
        let changed = in_new
            + replaced
                .iter()
                .filter(|s| !matches!(s, Step::Put { target, .. } if target == MARKER))
                .count();
        steps.extend(replaced);
        // Whatever the site no longer has, at the top of each stale subtree.
        let files: BTreeSet<&str> = outputs.iter().map(|o| o.path()).collect();
        let mut stale: Vec<&String> = found
            .keys()
            .filter(|p| {
                !files.contains(p.as_str())
                    && !needed.contains(*p)
                    && p.as_str() != JOURNAL
                    && p.as_str() != MARKER
            })
            .collect();
        stale.sort();
        for (n, path) in stale.into_iter().enumerate() {
            steps.push(Step::Remove {
                path: path.clone(),
                backup: join(parent_of(path), &format!(".r{n}.old{TEMP_SUFFIX}")),
            });
        }
        test_hook("stage").map_err(fail(""))?;
        Ok(Plan {
            steps,
            changed,
            unchanged: outputs.len() - usize::from(marker) - changed,
        })
    })();
    if result.is_err() {
        for (index, output) in outputs.iter().enumerate() {
            if let Spot::Beside(temp) = spot(index, output.path()) {
                let _ = std::fs::remove_file(dir.join(temp));
            }
        }
        for temp in new_roots.values() {
            let _ = super::commit::remove_any(&dir.join(temp));
        }
    }
    result
}
