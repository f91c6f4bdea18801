//! Stage 6, write: the site goes into a fresh staging folder beside the output folder and is
//! swapped in only when every file is written, so a failed build leaves the previous site
//! exactly as it was. gloss writes nowhere else, and refuses output folders that could hold
//! the site's own sources.

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

fn write_all(dir: &Path, outputs: &[Output]) -> io::Result<()> {
    let mut folders: Vec<PathBuf> = outputs
        .iter()
        .filter_map(|o| dir.join(o.path()).parent().map(Path::to_path_buf))
        .collect();
    folders.sort();
    folders.dedup();
    for folder in &folders {
        std::fs::create_dir_all(folder)?;
    }
    outputs.par_iter().try_for_each(|output| match output {
        Output::Bytes { path, bytes } => std::fs::write(dir.join(path), bytes),
        Output::Copy { path, from } => std::fs::copy(from, dir.join(path)).map(|_| ()),
    })?;
    std::fs::write(dir.join(MARKER), MARKER_TEXT)
}

/// Writes the outputs to `out` (checked with [`check_output_dir`]) through a staging folder.
pub fn write(
    root: &Path,
    out: &Path,
    outputs: &[Output],
    force: bool,
) -> Result<PathBuf, Diagnostic> {
    let target = check_output_dir(root, out, force)?;
    let fail = |what: &str, e: io::Error| {
        Diagnostic::file_error(out, format!("{what}: {e}"))
            .with_hint("the previous site was left as it was")
    };
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| fail("cannot create the output folder's parent", e))?;
    }
    let staging = sibling(&target, "staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .map_err(|e| fail("cannot clear an old staging folder", e))?;
    }
    if let Err(e) = write_all(&staging, outputs) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(fail("cannot write the site", e));
    }
    if target.exists() {
        let old = sibling(&target, "old");
        std::fs::rename(&target, &old).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staging);
            fail("cannot move the previous site aside", e)
        })?;
        if let Err(e) = std::fs::rename(&staging, &target) {
            let _ = std::fs::rename(&old, &target);
            let _ = std::fs::remove_dir_all(&staging);
            return Err(fail("cannot move the new site into place", e));
        }
        std::fs::remove_dir_all(&old).map_err(|e| {
            fail(
                "the site was written, but the previous one could not be removed",
                e,
            )
        })?;
    } else {
        std::fs::rename(&staging, &target).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staging);
            fail("cannot move the new site into place", e)
        })?;
    }
    Ok(target)
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
}
