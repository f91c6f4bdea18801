//! `gloss init DIR`: a new site that builds at once and shows every feature on one small
//! sample story (a brief with a note, an actor, a location and an earlier incident), with a
//! README and the GitHub Pages workflow, so the editor's next step is `gloss serve`.

use std::path::Path;

use super::create;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Where the workflow goes, in a site and in the gloss repository.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The gloss repository's own workflow: the one source of the sites' workflow.
const REPOSITORY_WORKFLOW: &str = include_str!("../../.github/workflows/pages.yml");

/// The line of the repository's workflow that a site's workflow changes.
const BUILD_FROM_SOURCE: &str = "GLOSS_FROM: --path .";

/// Where sites install gloss from: the package's `repository`, or a placeholder to replace.
pub fn gloss_repository() -> &'static str {
    match env!("CARGO_PKG_REPOSITORY") {
        "" => "https://github.com/OWNER/gloss",
        url => url,
    }
}

/// The starter site's files (the workflow aside), by path in the new site.
const FILES: [(&str, &str); 10] = [
    ("config.toml", include_str!("starter/config.toml")),
    (".gitignore", include_str!("starter/gitignore.txt")),
    ("README.md", include_str!("starter/README.md")),
    (
        "content/_index.md",
        include_str!("starter/content/_index.md"),
    ),
    (
        "content/pages/about.md",
        include_str!("starter/content/pages/about.md"),
    ),
    (
        "content/briefs/northbridge-pier-reopens/index.md",
        include_str!("starter/content/briefs/northbridge-pier-reopens/index.md"),
    ),
    (
        "content/briefs/northbridge-pier-reopens/article.txt",
        include_str!("starter/content/briefs/northbridge-pier-reopens/article.txt"),
    ),
    (
        "content/actors/northbridge-port-authority.md",
        include_str!("starter/content/actors/northbridge-port-authority.md"),
    ),
    (
        "content/locations/northbridge-ferry-pier.md",
        include_str!("starter/content/locations/northbridge-ferry-pier.md"),
    ),
    (
        "content/incidents/2024-01-12-northbridge-pier-crack.md",
        include_str!("starter/content/incidents/2024-01-12-northbridge-pier-crack.md"),
    ),
];

/// A site's workflow: the repository's, installing gloss from the gloss repository instead
/// of building it from the checkout.
fn workflow() -> String {
    let from_git = format!("GLOSS_FROM: --git {} gloss", gloss_repository());
    REPOSITORY_WORKFLOW.replacen(BUILD_FROM_SOURCE, &from_git, 1)
}

/// Writes a new site into `dir`, which must not exist or be empty. Returns the files written,
/// relative to `dir`.
pub fn init(dir: &Path) -> Result<Vec<String>, Diagnostics> {
    if dir.is_file() {
        return Err(Diagnostic::file_error(
            dir,
            format!("cannot make a site in {}: it is a file", dir.display()),
        )
        .with_hint("choose a new folder name")
        .into());
    }
    if dir.is_dir() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| {
            Diagnostic::file_error(dir, format!("cannot read {}: {e}", dir.display()))
        })?;
        if entries.next().is_some() {
            return Err(Diagnostic::file_error(
                dir,
                format!(
                    "cannot make a site in {}: the folder is not empty",
                    dir.display()
                ),
            )
            .with_hint("gloss init only writes into a new or empty folder; choose another name")
            .into());
        }
    }
    let workflow = workflow();
    let files = FILES
        .into_iter()
        .chain([(WORKFLOW_PATH, workflow.as_str())]);
    let mut written = Vec::new();
    for (path, text) in files {
        create(dir, path, text)?;
        written.push(path.to_string());
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_workflow_differs_only_in_where_gloss_comes_from() {
        assert_eq!(REPOSITORY_WORKFLOW.matches(BUILD_FROM_SOURCE).count(), 1);
        let site = workflow();
        assert!(site.contains("GLOSS_FROM: --git https://"));
        let changed: Vec<(&str, &str)> = REPOSITORY_WORKFLOW
            .lines()
            .zip(site.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
    }

    #[test]
    fn refuses_folders_with_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let error = init(dir.path()).unwrap_err().to_string();
        assert!(error.contains("not empty"), "{error}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
