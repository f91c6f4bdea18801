//! `gloss init DIR`: a new site that builds at once and shows every feature on one small
//! sample story (a brief with a note, an actor, a location and an earlier incident), with a
//! README and the GitHub Pages workflow, so the editor's next step is `gloss serve`.

use std::path::Path;

use super::create;
use crate::diagnostics::{Diagnostic, Diagnostics};

pub use crate::coach::workflow::WORKFLOW_PATH;
use crate::coach::workflow::{PLACEHOLDER, placeholder};

/// A site's workflow: it installs the gloss version that made the site (cached, so it is
/// compiled once per version) where the repository's own workflow builds from its checkout.
const SITE_WORKFLOW: &str = include_str!("starter/pages.yml");

/// Where sites install gloss from, so their workflow needs no editing: `GLOSS_REPOSITORY`
/// when gloss was compiled, else the package's `repository` (Cargo.toml), else the GitHub-like
/// `origin` of the checkout gloss was built from (found by `build.rs`). `None` when none is
/// known: then `gloss init` writes a placeholder and warns.
pub fn gloss_repository() -> Option<&'static str> {
    [
        option_env!("GLOSS_REPOSITORY"),
        Some(env!("CARGO_PKG_REPOSITORY")),
        option_env!("GLOSS_SOURCE_REMOTE"),
    ]
    .into_iter()
    .flatten()
    .find(|url| !url.is_empty())
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

/// A site's workflow, pinned to this gloss's version and to `repository`, or to the
/// placeholder (and without the promise that it needs no editing) when that is unknown.
fn workflow(repository: Option<&str>) -> String {
    let pinned = SITE_WORKFLOW.replace("{{version}}", env!("CARGO_PKG_VERSION"));
    match repository {
        Some(url) => pinned.replace("{{repository}}", url),
        None => pinned
            .replace(
                "it needs no editing.",
                "set GLOSS_GIT below to the gloss repository first.",
            )
            .replace("{{repository}}", PLACEHOLDER),
    }
}

/// What `gloss init` made.
#[derive(Debug)]
pub struct Initialized {
    /// The files written, relative to the new site's folder.
    pub files: Vec<String>,
    /// Lines of the new site the editor must still change (the workflow's `GLOSS_GIT` when
    /// this gloss does not know where it is published), to show before "Next:".
    pub warnings: Diagnostics,
}

/// Writes a new site into `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<Initialized, Diagnostics> {
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
    let workflow = workflow(gloss_repository());
    let files = FILES
        .into_iter()
        .chain([(WORKFLOW_PATH, workflow.as_str())]);
    let mut written = Vec::new();
    for (path, text) in files {
        create(dir, path, text)?;
        written.push(path.to_string());
    }
    let mut warnings = Diagnostics::default();
    warnings.extend(placeholder(&dir.join(WORKFLOW_PATH), &workflow));
    Ok(Initialized {
        files: written,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_workflow_is_pinned_and_cached() {
        let site = workflow(Some("https://github.com/alice/gloss"));
        assert!(!site.contains("{{version}}") && !site.contains("{{repository}}"));
        assert!(
            site.contains(&format!("GLOSS_VERSION: \"{}\"", env!("CARGO_PKG_VERSION"))),
            "{site}"
        );
        assert!(site.contains("--tag \"v$GLOSS_VERSION\""), "{site}");
        assert!(site.contains("uses: actions/cache@"), "{site}");
        assert!(site.contains("path: ~/.cargo/bin/gloss"), "{site}");
        assert!(site.contains("run: gloss check"), "{site}");
        assert!(site.contains("GLOSS_GIT: https://github.com/alice/gloss\n"));
        assert!(site.contains("it needs no editing."), "{site}");
        assert!(placeholder(Path::new(WORKFLOW_PATH), &site).is_none());
        // The deploy half matches the repository's own workflow.
        let own = include_str!("../../.github/workflows/pages.yml");
        for action in [
            "configure-pages",
            "upload-pages-artifact",
            "deploy-pages",
            "checkout",
        ] {
            let version = |text: &str| {
                text.lines()
                    .find(|l| l.contains(&format!("actions/{action}@")))
                    .map(|l| l.trim().trim_start_matches("- ").to_string())
            };
            assert_eq!(version(&site), version(own), "{action}");
        }
    }

    #[test]
    fn an_unknown_repository_is_a_placeholder_with_a_warning() {
        let site = workflow(None);
        assert!(
            site.contains(&format!("GLOSS_GIT: {PLACEHOLDER}\n")),
            "{site}"
        );
        assert!(!site.contains("needs no editing"), "{site}");
        let line = site
            .lines()
            .position(|l| l.contains("GLOSS_GIT:"))
            .expect("the line");
        let warning = placeholder(Path::new(WORKFLOW_PATH), &site).expect("a warning");
        assert_eq!(warning.line, line + 1);
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
