//! `gloss init DIR`: a new site that builds at once and shows every feature on one small
//! sample story (a brief with a note, an actor, a location and an earlier incident), with a
//! README and the GitHub Pages workflow, so the editor's next step is `gloss serve`.

use std::path::Path;

mod existing;

use super::{create, remote};
use crate::coach::workflow::RUNNING;
use crate::diagnostics::{Diagnostic, Diagnostics};

pub use crate::coach::workflow::WORKFLOW_PATH;

/// A site's workflow: it installs the gloss version that made the site (cached, so it is
/// fetched once per version) where the repository's own workflow builds from its checkout.
const SITE_WORKFLOW: &str = include_str!("starter/pages.yml");

/// The crates.io package a site's workflow installs when there is no release binary.
pub const PACKAGE: &str = env!("CARGO_PKG_NAME");

/// Where this gloss's release binaries are published (`<repository>/releases/download`,
/// from `GLOSS_REPOSITORY` when gloss was compiled, else Cargo.toml's `repository`), or
/// `None` when that is not a GitHub-like address: then sites install from crates.io only.
pub fn gloss_releases() -> Option<String> {
    let repository = option_env!("GLOSS_REPOSITORY")
        .filter(|url| !url.is_empty())
        .unwrap_or(env!("CARGO_PKG_REPOSITORY"));
    remote::github_like(repository).map(|url| format!("{url}/releases/download"))
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

/// A site's workflow, pinned to this gloss's version and package, trying the release
/// binaries at `releases` first when there are any.
fn workflow(releases: Option<&str>) -> String {
    SITE_WORKFLOW
        .replace("{{version}}", RUNNING)
        .replace("{{package}}", PACKAGE)
        .replace("{{releases}}", releases.unwrap_or(""))
}

/// What `gloss init` made.
#[derive(Debug, Default)]
pub struct Initialized {
    /// The files written, relative to the new site's folder.
    pub files: Vec<String>,
    /// What was already there and kept or extended, said after "Created …" (`README.md`
    /// kept, `/public` added to `.gitignore`).
    pub kept: Vec<String>,
    /// Whether the folder already is a git repository (it has `.git`).
    pub git: bool,
}

/// Writes a new site into `dir`, which may be new, empty or a freshly cloned repository:
/// files gloss does not write (`LICENSE`, `.git`…) are left alone, a README is kept and a
/// `.gitignore` extended. Any other file gloss would write is a collision, named, and nothing
/// is written, unless `force`, which replaces those files.
pub fn init(dir: &Path, force: bool) -> Result<Initialized, Diagnostics> {
    if dir.is_file() {
        return Err(Diagnostic::file_error(
            dir,
            format!("cannot make a site in {}: it is a file", dir.display()),
        )
        .with_hint("choose a new folder name")
        .into());
    }
    let workflow = workflow(gloss_releases().as_deref());
    let files: Vec<(&str, &str)> = FILES
        .into_iter()
        .chain([(WORKFLOW_PATH, workflow.as_str())])
        .collect();
    let plan = existing::plan(dir, &files, force)?;
    let mut made = Initialized {
        git: dir.join(".git").exists(),
        ..Initialized::default()
    };
    for (path, text) in files {
        match plan.get(path) {
            Some(existing::Action::Keep(name)) => made.kept.push(format!("kept your {name}")),
            Some(existing::Action::Extend(lines)) => {
                existing::extend(dir, path, lines)?;
                made.kept
                    .push(format!("added {} to {path}", lines.join(", ")));
            }
            Some(existing::Action::Replace) => {
                existing::replace(dir, path, text)?;
                made.files.push(path.to_string());
            }
            None => {
                create(dir, path, text)?;
                made.files.push(path.to_string());
            }
        }
    }
    Ok(made)
}

impl Initialized {
    /// What to do next, as lines to print: preview, commit and push, and the one Pages
    /// setting to change. `shown` is the folder as the editor typed it.
    pub fn next_steps(&self, shown: &Path) -> Vec<String> {
        let here = shown == Path::new(".") || shown.as_os_str().is_empty();
        let cd = if here {
            String::new()
        } else {
            format!("cd {} && ", shown.display())
        };
        let mut lines = vec![
            format!("Next: {cd}gloss serve      # preview at http://127.0.0.1:1111/"),
            "To publish it with GitHub Pages:".to_string(),
        ];
        if self.git {
            lines.push("  git add -A && git commit -m \"A new gloss site\" && git push".into());
        } else {
            lines.push(
                "  git init -b main && git add -A && git commit -m \"A new gloss site\"".into(),
            );
            lines.push("  git remote add origin https://github.com/USER/REPO.git && git push -u origin main".into());
        }
        lines.push(
            "  then on GitHub: Settings > Pages > Build and deployment > Source: GitHub Actions"
                .into(),
        );
        let from = match gloss_releases() {
            Some(url) => format!("the release binary from {url}, else "),
            None => String::new(),
        };
        lines.push(format!(
            "Its {WORKFLOW_PATH} installs gloss {RUNNING}: {from}`cargo install {PACKAGE}@{RUNNING}`; it needs no editing."
        ));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_workflow_is_pinned_and_cached() {
        let site = workflow(Some("https://github.com/alice/gloss/releases/download"));
        for slot in ["{{version}}", "{{package}}", "{{releases}}"] {
            assert!(!site.contains(slot), "{site}");
        }
        assert!(site.contains(&format!("GLOSS_VERSION: \"{RUNNING}\"\n")));
        assert!(site.contains(&format!("GLOSS_PACKAGE: {PACKAGE}\n")));
        assert!(
            site.contains("GLOSS_RELEASES: \"https://github.com/alice/gloss/releases/download\"")
        );
        assert!(site.contains("cargo install --locked \"$GLOSS_PACKAGE@$GLOSS_VERSION\""));
        assert!(site.contains("sha256sum -c"), "{site}");
        assert!(site.contains("uses: actions/cache@"), "{site}");
        assert!(site.contains("path: ~/.cargo/bin/gloss"), "{site}");
        assert!(site.contains("run: gloss check"), "{site}");
        assert!(site.contains("it needs no editing."), "{site}");
        assert!(
            !site.contains("GLOSS_GIT") && !site.contains("OWNER"),
            "{site}"
        );
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

    /// The site workflow downloads the archives release.yml publishes, by the same names.
    #[test]
    fn the_site_workflow_asks_for_archives_the_release_makes() {
        let site = workflow(Some("https://github.com/alice/gloss/releases/download"));
        let release = include_str!("../../.github/workflows/release.yml");
        assert!(site.contains("archive=\"gloss-v$GLOSS_VERSION-$target.tar.gz\""));
        assert!(site.contains("url=\"$GLOSS_RELEASES/v$GLOSS_VERSION/$archive\""));
        assert!(release.contains("name=\"gloss-$GITHUB_REF_NAME-${{ matrix.target }}\""));
        assert!(release.contains("archive=\"$name.tar.gz\""));
        assert!(release.contains("tar -czf \"dist/$archive\" -C \"$out\" gloss\n"));
        assert!(release.contains("sha256sum \"$archive\" > \"$archive.sha256\""));
        assert!(release.contains("tags: [\"v*\"]"));
        let targets: Vec<&str> = site
            .lines()
            .filter_map(|l| l.split_once(") target=")?.1.strip_suffix(" ;;"))
            .filter(|t| *t != "\"\"")
            .collect();
        assert_eq!(targets.len(), 4, "{targets:?}");
        for target in targets {
            assert!(
                release.contains(&format!("- target: {target}\n")),
                "{target}"
            );
        }
    }

    #[test]
    fn without_releases_the_workflow_compiles_from_crates_io() {
        let site = workflow(None);
        assert!(site.contains("GLOSS_RELEASES: \"\"\n"), "{site}");
        assert!(site.contains("[ -n \"$GLOSS_RELEASES\" ]"), "{site}");
    }

    #[test]
    fn the_release_binaries_come_from_the_package_repository() {
        let url = gloss_releases().expect("Cargo.toml names a GitHub repository");
        assert!(url.starts_with(env!("CARGO_PKG_REPOSITORY")), "{url}");
        assert!(url.ends_with("/releases/download"), "{url}");
    }

    #[test]
    fn refuses_folders_with_colliding_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "mine").unwrap();
        let error = init(dir.path(), false).unwrap_err().to_string();
        assert!(error.contains("config.toml is already there"), "{error}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
