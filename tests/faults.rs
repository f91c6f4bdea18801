//! The fault corpus: every folder under `tests/fixtures/faults/` is one broken or hostile
//! input, run through the `gloss` binary.
//!
//! A case folder holds `case.toml` and a `site/` folder whose files are laid over a fixture
//! site (`tests/fixtures/sites/<base>/`, `base` by default):
//!
//! ```toml
//! about = "what the case is and what gloss must do"
//! base = "base"                 # the fixture site to start from
//! remove = ["content/briefs/missiles.md"]   # files of the base to delete first
//! args = ["build"]              # the command (default: build)
//! exit = 1                      # the expected exit code
//! stderr = ["content/briefs/rockets/index.md:6:67", "help: …"]   # must all appear
//! stdout = []                   # must all appear
//! absent = ["<script>"]         # must appear in neither stream nor any built file
//! ```
//!
//! Before the broken run the base site is built once; a failing case must leave that
//! `public/` byte-identical. Every case also asserts that gloss did not panic.

mod common;

use std::path::Path;

use common::Site;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    about: String,
    #[serde(default = "default_base")]
    base: String,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default = "default_args")]
    args: Vec<String>,
    exit: i32,
    #[serde(default)]
    stderr: Vec<String>,
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
}

fn default_base() -> String {
    "base".to_string()
}

fn default_args() -> Vec<String> {
    vec!["build".to_string()]
}

/// Runs one case; returns what went wrong, if anything.
fn run_case(dir: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(dir.join("case.toml")).map_err(|e| e.to_string())?;
    let case: Case = toml::from_str(&text).map_err(|e| format!("case.toml: {e}"))?;
    let site = Site::from_fixture(&case.base);
    site.build();
    let before = site.snapshot();
    for path in &case.remove {
        site.remove(path);
    }
    let overlay = dir.join("site");
    if overlay.is_dir() {
        site.overlay(&overlay);
    }
    let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
    let run = site.run(&args);
    let shown = format!("{} ({})\n{}", dir.display(), case.about, run.shown());
    let mut problems = Vec::new();
    if run.code != case.exit {
        problems.push(format!("expected exit {}", case.exit));
    }
    if run.stderr.contains("panicked") || run.code == 101 {
        problems.push("gloss panicked".to_string());
    }
    for part in &case.stderr {
        if !run.stderr.contains(part.as_str()) {
            problems.push(format!("stderr lacks {part:?}"));
        }
    }
    for part in &case.stdout {
        if !run.stdout.contains(part.as_str()) {
            problems.push(format!("stdout lacks {part:?}"));
        }
    }
    let after = site.snapshot();
    if case.exit != 0 && after != before {
        problems.push("the previous public/ changed".to_string());
    }
    for part in &case.absent {
        if run.stdout.contains(part.as_str()) || run.stderr.contains(part.as_str()) {
            problems.push(format!("output shows {part:?}"));
        }
        for (path, bytes) in &after {
            if String::from_utf8_lossy(bytes).contains(part.as_str()) {
                problems.push(format!("public/{} contains {part:?}", path.display()));
            }
        }
    }
    problems.extend(ill_formed(&after));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n{shown}", problems.join("\n")))
    }
}

/// Every feed and sitemap must parse as XML, and every JSON file as JSON, whatever the
/// content: checked with real parsers.
fn ill_formed(files: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in files {
        let shown = path.display();
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        match extension {
            "xml" => match std::str::from_utf8(bytes) {
                Ok(text) => {
                    if let Err(e) = roxmltree::Document::parse(text) {
                        problems.push(format!("public/{shown} is not well-formed XML: {e}"));
                    }
                }
                Err(e) => problems.push(format!("public/{shown} is not UTF-8: {e}")),
            },
            "json" | "geojson" | "jsonld" => {
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
                    problems.push(format!("public/{shown} is not valid JSON: {e}"));
                }
            }
            _ => {}
        }
    }
    problems
}

#[test]
fn fault_corpus() {
    let root = common::fixtures().join("faults");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fixtures/faults")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("case.toml").is_file())
        .collect();
    cases.sort();
    let only = std::env::var("GLOSS_FAULT").ok();
    let failures: Vec<String> = cases
        .iter()
        .filter(|dir| only.as_ref().is_none_or(|name| dir.ends_with(name)))
        .filter_map(|dir| run_case(dir).err())
        .collect();
    println!("{} fault cases, {} failed", cases.len(), failures.len());
    assert!(
        failures.is_empty(),
        "{} of {} fault cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
