//! Fixture sites for integration tests: a small but complete site written into a temporary
//! folder, the `gloss` binary run on it, and helpers to query the built HTML.

#![allow(dead_code)]

pub mod cli;
pub mod serve;
pub mod workspace;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use scraper::{Html, Selector};

/// A site in a temporary folder.
pub struct Site {
    dir: tempfile::TempDir,
}

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    /// An empty site with a config.
    pub fn empty() -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write(
            "config.toml",
            "title = \"Fixture briefs\"\nbase_url = \"https://example.github.io/repo\"\n",
        );
        site.write(
            "content/_index.md",
            "+++\ntitle = \"Home\"\n+++\nAnnotated fixture briefs.\n",
        );
        site
    }

    /// The standard fixture (`tests/fixtures/sites/base/`): entities, incidents around one
    /// brief, and a second brief.
    pub fn fixture() -> Site {
        Site::from_fixture("base")
    }

    /// A copy of the fixture site folder `tests/fixtures/sites/<name>/`, in a temporary folder
    /// so a test may change and build it freely.
    pub fn from_fixture(name: &str) -> Site {
        let site = Site {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.overlay(&fixtures().join("sites").join(name));
        site
    }

    /// Copies every file below `dir` into the site, over what is there.
    pub fn overlay(&self, dir: &Path) {
        for (path, bytes) in walk(dir) {
            let full = self.dir.path().join(path);
            std::fs::create_dir_all(full.parent().expect("has parent")).expect("mkdir");
            std::fs::write(full, bytes).expect("write");
        }
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file of the site, creating folders.
    pub fn write(&self, path: &str, text: &str) {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("has parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    }

    /// Deletes a file of the site.
    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.dir.path().join(path)).expect("remove");
    }

    /// Runs `gloss --root SITE args…`.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::cargo_bin("gloss")
            .expect("binary")
            .arg("--root")
            .arg(self.dir.path())
            .args(args)
            .output()
            .expect("run gloss");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Builds into `public/` and asserts success.
    pub fn build(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// The built file at a path under `public/`.
    pub fn read(&self, path: &str) -> String {
        let full = self.public().join(path);
        std::fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
    }

    /// A built page, parsed.
    pub fn page(&self, path: &str) -> Html {
        Html::parse_document(&self.read(path))
    }

    /// The output folder.
    pub fn public(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    /// Every file under `public/` with its bytes, to compare builds.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        walk(&self.public())
    }
}

/// `tests/fixtures/`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every file under a folder with its bytes.
pub fn walk(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(
                    path.strip_prefix(dir).expect("below").to_path_buf(),
                    std::fs::read(&path).expect("read"),
                );
            }
        }
    }
    files
}

/// The trimmed, whitespace-folded text of every element matching a CSS selector.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("valid selector");
    html.select(&selector)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The value of an attribute on every element matching a CSS selector.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("valid selector");
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}
