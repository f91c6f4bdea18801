//! `gloss init` into a folder that already holds files, as in "create the repository on
//! GitHub, clone it, then init": what to do with each file of the starter site that is
//! already there. A README is the repository's own and is kept; a `.gitignore` gets the
//! starter's lines it lacks; anything else gloss would write is a collision, named, and
//! nothing is written unless `--force`, which replaces it. Files gloss does not write
//! (`LICENSE`, `.git`, `.gitattributes`…) are never touched.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// What `gloss init` does with a starter file that is already in the folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// Leave it as it is: the repository's README (by its name there) or a `.gitignore`
    /// that has every line already.
    Keep(String),
    /// Append these lines of the starter's file, which it lacks (`.gitignore`).
    Extend(Vec<String>),
    /// Write the starter's file over it (`--force`).
    Replace,
}

/// The starter file that a README of any name stands for.
const README: &str = "README.md";

/// The existing README of `dir` (`README`, `README.md`, `readme.rst`…), if any.
fn readme(dir: &Path) -> Option<String> {
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            let stem = name.split('.').next().unwrap_or("");
            stem.eq_ignore_ascii_case("readme")
        })
        .min()
}

/// Decides, for each of `files` (path in the site, text) already in `dir`, what to do;
/// starter files not in the map are created. Every collision is an error unless `force`.
pub fn plan(
    dir: &Path,
    files: &[(&str, &str)],
    force: bool,
) -> Result<BTreeMap<String, Action>, Diagnostics> {
    let mut plan = BTreeMap::new();
    let mut collisions = Diagnostics::default();
    for &(path, text) in files {
        let target = dir.join(path);
        if path == README {
            if let Some(name) = readme(dir) {
                plan.insert(path.to_string(), Action::Keep(name));
            }
        } else if path == ".gitignore" && target.is_file() {
            let have = std::fs::read_to_string(&target).unwrap_or_default();
            let missing = missing_lines(&have, text);
            if !missing.is_empty() {
                plan.insert(path.to_string(), Action::Extend(missing));
            } else {
                plan.insert(path.to_string(), Action::Keep(path.to_string()));
            }
        } else if target.exists() || target.is_symlink() {
            if force && !target.is_dir() {
                plan.insert(path.to_string(), Action::Replace);
            } else {
                collisions.push(collision(dir, path, target.is_dir()));
            }
        }
    }
    if collisions.is_empty() {
        Ok(plan)
    } else {
        Err(collisions)
    }
}

/// The error for a starter file that is already in `dir`.
fn collision(dir: &Path, path: &str, is_dir: bool) -> Diagnostic {
    let shown = dir.join(path);
    let d = Diagnostic::file_error(
        &shown,
        format!(
            "cannot make a site in {}: {path} is already there, and gloss init writes it",
            dir.display()
        ),
    );
    if is_dir {
        d.with_hint("it is a folder: move it away and run gloss init again")
    } else {
        d.with_hint(format!(
            "move it away and run gloss init again, or run `gloss init --force {}` to replace it (a README is always kept, a .gitignore only extended)",
            dir.display()
        ))
    }
}

/// The non-blank lines of `ours` that `theirs` lacks (compared trimmed).
fn missing_lines(theirs: &str, ours: &str) -> Vec<String> {
    let have: Vec<&str> = theirs.lines().map(str::trim).collect();
    ours.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !have.contains(line))
        .map(str::to_string)
        .collect()
}

/// Appends `lines` to `dir/path`, on a line of their own.
pub fn extend(dir: &Path, path: &str, lines: &[String]) -> Result<(), Diagnostics> {
    let target = dir.join(path);
    let fail = |e: std::io::Error| -> Diagnostics {
        Diagnostic::file_error(path, format!("cannot add to {path}: {e}")).into()
    };
    let have = std::fs::read(&target).map_err(fail)?;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&target)
        .map_err(fail)?;
    let mut text = String::new();
    if !have.is_empty() && !have.ends_with(b"\n") {
        text.push('\n');
    }
    text.push_str("# gloss: the built site\n");
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    file.write_all(text.as_bytes()).map_err(fail)
}

/// Writes `text` over `dir/path` (`--force`).
pub fn replace(dir: &Path, path: &str, text: &str) -> Result<(), Diagnostics> {
    std::fs::write(dir.join(path), text)
        .map_err(|e| Diagnostic::file_error(path, format!("cannot replace {path}: {e}")).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILES: [(&str, &str); 3] = [
        ("README.md", "# Starter\n"),
        (".gitignore", "/public\n"),
        ("config.toml", "title = \"x\"\n"),
    ];

    #[test]
    fn a_cloned_repository_keeps_its_readme_and_extends_its_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("README"), "# Mine\n").unwrap();
        std::fs::write(dir.path().join(".gitignore"), "target").unwrap();
        std::fs::write(dir.path().join("LICENSE"), "MIT\n").unwrap();
        let plan = plan(dir.path(), &FILES, false).unwrap();
        assert_eq!(plan.get("README.md"), Some(&Action::Keep("README".into())));
        assert_eq!(
            plan.get(".gitignore"),
            Some(&Action::Extend(vec!["/public".to_string()]))
        );
        assert_eq!(plan.get("config.toml"), None);
        extend(dir.path(), ".gitignore", &["/public".to_string()]).unwrap();
        let ignore = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
        assert_eq!(ignore, "target\n# gloss: the built site\n/public\n");
        let again = super::plan(dir.path(), &FILES, false).unwrap();
        assert_eq!(
            again.get(".gitignore"),
            Some(&Action::Keep(".gitignore".into()))
        );
    }

    #[test]
    fn collisions_are_named_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "mine").unwrap();
        let errors = plan(dir.path(), &FILES, false).unwrap_err().to_string();
        assert!(errors.contains("config.toml is already there"), "{errors}");
        assert!(errors.contains("--force"), "{errors}");
        let forced = plan(dir.path(), &FILES, true).unwrap();
        assert_eq!(forced.get("config.toml"), Some(&Action::Replace));
    }
}
