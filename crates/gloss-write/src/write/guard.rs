//! What is checked before anything is written: that the output folder may be (re)written
//! for this site, and that the site's files can all land in it (no two files on one path,
//! no name too long for the file system). Both run before the first byte is written, so a
//! problem found here leaves the previous site untouched; `check` runs the second too.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use super::MARKER;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;

/// The longest file or folder name, in bytes, that gloss writes: the limit of ext4, XFS,
/// Btrfs, APFS and NTFS alike, so a site that builds here also builds on the CI runner.
pub const NAME_MAX: usize = 255;

pub(crate) use crate::paths::normalize;

fn refuse(out: &Path, why: &str, hint: &str) -> Diagnostic {
    Diagnostic::file_error(
        out,
        format!("refusing to write the site to {}: {why}", out.display()),
    )
    .with_hint(hint.to_string())
}

/// Checks that `out` may be (re)written for the site in `root`; returns it resolved.
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

/// The source of an output, as the editor knows it: a bundle file under the site folder,
/// or a description of the generated file.
fn origin(root: &Path, output: &Output) -> String {
    match output {
        Output::Copy { from, .. } => from
            .strip_prefix(root)
            .unwrap_or(from)
            .display()
            .to_string(),
        Output::Bytes { path, .. } => {
            let brief = path
                .strip_prefix("briefs/")
                .and_then(|p| p.strip_suffix("/index.html"))
                .filter(|slug| !slug.contains('/'));
            match brief {
                Some(slug) => format!("the brief's page (from content/briefs/{slug}/index.md)"),
                None => format!("the file gloss generates at {path}"),
            }
        }
    }
}

/// The file a diagnostic about `output` points at: its source when it has one.
fn blame(root: &Path, output: &Output) -> PathBuf {
    match output {
        Output::Copy { from, .. } => from.strip_prefix(root).unwrap_or(from).to_path_buf(),
        Output::Bytes { path, .. } => PathBuf::from(path),
    }
}

/// A file of the site's `static/` on the path of a file gloss makes itself (`404.html`,
/// `robots.txt`, a page): both are in memory, so it is named by where it lies.
fn static_clash(root: &Path, first: &Output, second: &Output) -> Option<Diagnostic> {
    let path = second.path();
    let both_made = matches!(
        (first, second),
        (Output::Bytes { .. }, Output::Bytes { .. })
    );
    let file = Path::new("static").join(path);
    (both_made && root.join(&file).is_file()).then(|| {
        Diagnostic::file_error(
            &file,
            format!(
                "`{}` would be written to {path}, where gloss writes its own {path}",
                file.display()
            ),
        )
        .with_hint(format!(
            "rename or delete {}: static/ files are copied beside the pages gloss makes; to \
             change how a page looks, override its template in templates/ (see docs/templates.md)",
            file.display()
        ))
    })
}

/// Checks that every file of the site has a path of its own that the file system accepts:
/// two files on one path (a bundle file named `index.html`, or two bundle files with one
/// name in different subfolders) would make the output depend on write order, and a name
/// longer than [`NAME_MAX`] fails halfway through a write. Each problem names its sources.
pub fn check_outputs(root: &Path, outputs: &[Output]) -> Result<(), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut seen: HashMap<&str, &Output> = HashMap::new();
    let mut long = HashSet::new();
    for output in outputs {
        let path = output.path();
        if let Some(first) = seen.get(path) {
            match static_clash(root, first, output) {
                Some(d) => {
                    diagnostics.push(d);
                    continue;
                }
                None => diagnostics.push(clash(root, first, output)),
            }
        } else {
            seen.insert(path, output);
        }
        diagnostics.extend(too_long(root, output, &mut long));
    }
    let files: HashSet<&str> = seen.keys().copied().collect();
    for output in outputs {
        let path = output.path();
        let mut end = path.len();
        while let Some(slash) = path[..end].rfind('/') {
            end = slash;
            if let Some(file) = files.get(&path[..end]).and_then(|f| seen.get(f)) {
                diagnostics.push(
                    Diagnostic::file_error(
                        blame(root, file),
                        format!(
                            "`{}` would be written to {}, where {} needs a folder",
                            origin(root, file),
                            &path[..end],
                            origin(root, output)
                        ),
                    )
                    .with_hint("rename the file"),
                );
            }
        }
    }
    diagnostics.into_result(()).map(|_| ())
}

/// The error for `output` bound for the path of `first`, which came before it (unless
/// [`static_clash`] explains it).
fn clash(root: &Path, first: &Output, output: &Output) -> Diagnostic {
    let path = output.path();
    let (copied, other) = match first {
        Output::Copy { .. } => (first, output),
        _ => (output, first),
    };
    let hint = if path.ends_with("/index.html") {
        "rename the file: index.html in a brief's folder is the brief's own page"
    } else {
        "rename one of them: every file of a bundle, in any subfolder, is copied into the brief's folder"
    };
    Diagnostic::file_error(
        blame(root, copied),
        format!(
            "`{}` and {} would both be written to {path}",
            origin(root, copied),
            match other {
                Output::Copy { .. } => format!("`{}`", origin(root, other)),
                Output::Bytes { .. } => origin(root, other),
            }
        ),
    )
    .with_hint(hint)
}

/// The error for a name in `output`'s path longer than [`NAME_MAX`], once per folder
/// (`long` holds the ones reported: every page of a too-long folder shares the problem).
fn too_long(root: &Path, output: &Output, long: &mut HashSet<String>) -> Option<Diagnostic> {
    let path = output.path();
    let name = path.split('/').find(|name| name.len() > NAME_MAX)?;
    let short: String = name.chars().take(40).collect();
    let at = &path[..path.find(name).unwrap_or(0)];
    if !long.insert(format!("{at}{name}")) {
        return None;
    }
    let file = match output {
        Output::Copy { .. } => blame(root, output),
        Output::Bytes { .. } => PathBuf::from(format!("{at}{short}…")),
    };
    Some(
        Diagnostic::file_error(
            file,
            format!(
                "the output name `{short}…` ({} bytes) is too long for the file system (at most {NAME_MAX})",
                name.len()
            ),
        )
        .with_hint(match output {
            Output::Copy { .. } => "rename the file",
            Output::Bytes { .. } => "shorten the tag, title or name this page is named after",
        }),
    )
}
