//! The shape of the workspace, read from cargo and from the source text:
//!
//! - the crates are the layers of [`LAYERS`], in that order, and docs/architecture.md lists
//!   the same crates in the same order;
//! - each crate depends (normal, build or dev dependency) only on crates of earlier layers.
//!   Cargo refuses a cycle of normal dependencies by itself; this also catches an earlier
//!   stage depending on a later one without a cycle, and dev-dependency cycles, which cargo
//!   allows;
//! - relative prefixes (`../`) are built in `crates/gloss-core/src/urls.rs` only, in every
//!   line of every file but the unit tests (a `#[cfg(test)]` module, inline or in its own
//!   file).
//! - inside each crate, the files import each other without a cycle (whole files, unit
//!   tests included, imports followed through re-exports; `architecture/file_cycles.rs`).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::workspace::LAYERS;

/// Each workspace crate with the workspace crates it depends on (any kind), from
/// `cargo metadata`.
fn workspace() -> Vec<(String, Vec<String>)> {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    let names: BTreeSet<&str> = packages.iter().filter_map(|p| p["name"].as_str()).collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|d| d["name"].as_str())
                .filter(|d| names.contains(d))
                .map(String::from)
                .collect();
            (p["name"].as_str().unwrap_or_default().to_string(), deps)
        })
        .collect()
}

/// The crates docs/architecture.md lists, in order: the first `gloss-…` name in backticks
/// of each numbered line under its heading `## The crates`.
fn documented_crates() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md");
    let doc = fs::read_to_string(&path).expect("docs/architecture.md");
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with("The crates"))
        .expect("docs/architecture.md has a section `## The crates`");
    section
        .lines()
        .filter(|l| {
            l.split(". ")
                .next()
                .is_some_and(|n| n.parse::<u32>().is_ok())
        })
        .filter_map(|l| l.split('`').nth(1))
        .filter(|name| name.starts_with("gloss-"))
        .map(String::from)
        .collect()
}

#[test]
fn the_crates_are_the_layers_and_the_doc_lists_them() {
    let mut found: Vec<String> = workspace().into_iter().map(|(name, _)| name).collect();
    found.sort();
    let mut layers: Vec<String> = LAYERS.iter().map(|s| s.to_string()).collect();
    layers.sort();
    assert_eq!(
        found, layers,
        "the workspace's crates differ from LAYERS in tests/common/workspace.rs (a new crate \
         gets its place in the layer order there and in docs/architecture.md)"
    );
    assert_eq!(
        documented_crates(),
        LAYERS,
        "docs/architecture.md (`## The crates`) lists other crates, or another order, than \
         LAYERS in tests/common/workspace.rs"
    );
}

/// `(crate, dependency)` pairs where the dependency is not of an earlier layer.
fn wrong_direction(crates: &[(String, Vec<String>)]) -> Vec<(String, String)> {
    let layer = |name: &str| LAYERS.iter().position(|l| *l == name);
    let mut wrong = Vec::new();
    for (name, deps) in crates {
        for dep in deps {
            match (layer(name), layer(dep)) {
                (Some(own), Some(theirs)) if theirs < own => {}
                _ => wrong.push((name.clone(), dep.clone())),
            }
        }
    }
    wrong
}

#[test]
fn each_crate_depends_only_on_earlier_layers() {
    let wrong = wrong_direction(&workspace());
    assert!(
        wrong.is_empty(),
        "dependencies against the layer order (move the shared part down to a crate both \
         use, such as gloss-core, or invert the dependency): {wrong:?}"
    );
}

#[test]
fn the_layer_check_sees_a_later_or_unknown_crate() {
    let crates = [
        ("gloss-load".to_string(), vec!["gloss-core".to_string()]),
        ("gloss-annotate".to_string(), vec!["gloss-link".to_string()]),
        ("gloss-core".to_string(), vec!["gloss-new".to_string()]),
    ];
    assert_eq!(
        wrong_direction(&crates),
        [
            ("gloss-annotate".to_string(), "gloss-link".to_string()),
            ("gloss-core".to_string(), "gloss-new".to_string())
        ]
    );
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// Is `line` an attribute compiling what follows for tests only (`#[cfg(test)]`,
/// `#[cfg(any(test, feature = "testing"))]`)?
fn test_only(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("#[cfg(") && line.contains("test") && !line.contains("not(test")
}

/// The lines of `text` outside its unit tests, numbered from 1, and the test modules it
/// declares in their own files: `#[cfg(test)] mod name;` as `name`, and with
/// `#[path = "file.rs"]` between the two lines as `file.rs`.
fn code_lines(text: &str) -> (Vec<(usize, &str)>, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let (mut code, mut test_files) = (Vec::new(), Vec::new());
    let mut at = 0;
    while at < lines.len() {
        if !test_only(lines[at]) {
            code.push((at + 1, lines[at]));
            at += 1;
            continue;
        }
        // The item the attribute applies to: a module in its own file, or an inline
        // module skipped to its closing brace; any other item is read as code.
        let mut item = lines.get(at + 1).map_or("", |l| l.trim());
        let path = item
            .strip_prefix("#[path = \"")
            .and_then(|rest| rest.split('"').next());
        if path.is_some() {
            at += 1;
            item = lines.get(at + 1).map_or("", |l| l.trim());
        }
        let name = item
            .split("mod ")
            .nth(1)
            .map(|rest| rest.trim_end_matches([';', '{', ' ']).trim().to_string());
        match name {
            Some(name) if item.ends_with(';') => {
                test_files.push(path.map_or(name, String::from));
                at += 2;
            }
            Some(_) if item.ends_with('{') => {
                let mut depth = 0i64;
                at += 1;
                while at < lines.len() {
                    depth += lines[at].matches('{').count() as i64;
                    depth -= lines[at].matches('}').count() as i64;
                    at += 1;
                    if depth <= 0 {
                        break;
                    }
                }
            }
            _ => {
                code.push((at + 1, lines[at]));
                at += 1;
            }
        }
    }
    (code, test_files)
}

/// The folder of the module a `#[cfg(test)] mod name;` in `file` declares: its file is
/// `<folder>.rs` or `<folder>/mod.rs`, and its own modules are under `<folder>/`. A `name`
/// ending in `.rs` is a `#[path]`, relative to `file`'s folder.
fn test_module(file: &Path, name: &str) -> PathBuf {
    let dir = file.parent().unwrap_or(Path::new("."));
    if let Some(stem) = name.strip_suffix(".rs") {
        return dir.join(stem);
    }
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if ["mod", "lib", "main"].contains(&stem) {
        dir.join(name)
    } else {
        dir.join(stem).join(name)
    }
}

/// Is `file` (part of) one of the test modules `tests`?
fn in_tests(file: &Path, tests: &[PathBuf]) -> bool {
    tests
        .iter()
        .any(|m| file.starts_with(m) || *file == m.with_extension("rs"))
}

#[test]
fn relative_prefixes_are_built_in_urls_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for krate in common::workspace::libraries() {
        rust_files(&root.join("crates").join(krate).join("src"), &mut files);
    }
    let urls = root.join("crates/gloss-core/src/urls.rs");
    let texts: Vec<(&PathBuf, String)> = files
        .iter()
        .map(|f| {
            let text = fs::read_to_string(f)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", f.display()));
            (f, text)
        })
        .collect();
    let mut tests = Vec::new();
    for (file, text) in &texts {
        for name in code_lines(text).1 {
            tests.push(test_module(file, &name));
        }
    }
    let mut found = Vec::new();
    for (file, text) in &texts {
        if **file == urls || in_tests(file, &tests) {
            continue;
        }
        for (n, line) in code_lines(text).0 {
            let line = line.split("//").next().unwrap_or("");
            if line.contains("\"../") && !line.contains("include_str!(") {
                let rel = file.strip_prefix(root).unwrap_or(file);
                found.push(format!("{}:{n}: {}", rel.display(), line.trim()));
            }
        }
    }
    assert!(
        files.len() > 100 && files.contains(&urls),
        "expected the sources of every crate, found {} files",
        files.len()
    );
    assert!(
        found.is_empty(),
        "links relative to a page are made by crates/gloss-core/src/urls.rs (root_prefix, \
         Urls::from_brief…), not by hand:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_prefix_check_reads_past_a_test_attribute_and_skips_test_modules() {
    let text = "use a;\n#[cfg(test)]\nmod contract;\nfn f() {\n    \"../x\"\n}\n\
                #[cfg(test)]\nfn helper() {}\n#[cfg(test)]\nmod tests {\n    fn t() { \"../y\" }\n}\nfn g() {}\n\
                #[cfg(test)]\n#[path = \"g_tests.rs\"]\nmod g_tests;\n";
    let (code, test_files) = code_lines(text);
    let lines: Vec<usize> = code.iter().map(|(n, _)| *n).collect();
    assert_eq!(lines, [1, 4, 5, 6, 7, 8, 13]);
    assert_eq!(test_files, ["contract", "g_tests.rs"]);
    let file = Path::new("src/render/page.rs");
    let tests = [
        test_module(file, "contract"),
        test_module(file, "g_tests.rs"),
    ];
    assert!(in_tests(Path::new("src/render/page/contract.rs"), &tests));
    assert!(in_tests(
        Path::new("src/render/page/contract/more.rs"),
        &tests
    ));
    assert!(in_tests(Path::new("src/render/g_tests.rs"), &tests));
    assert!(!in_tests(Path::new("src/render/page/brief.rs"), &tests));
}

#[path = "architecture/file_cycles.rs"]
mod file_cycles;
#[path = "architecture/rust_text.rs"]
mod rust_text;

/// The root file of each crate of the workspace.
fn crate_roots() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut roots: Vec<PathBuf> = common::workspace::libraries()
        .iter()
        .map(|krate| root.join("crates").join(krate).join("src/lib.rs"))
        .collect();
    roots.push(root.join("src/lib.rs"));
    roots
}

#[test]
fn the_files_of_each_crate_import_each_other_without_a_cycle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for lib in crate_roots() {
        let files = file_cycles::crate_files(&lib);
        let edges = file_cycles::graph(&files);
        for cycle in file_cycles::cycles(&edges) {
            found.push(file_cycles::describe(&files, &edges, &cycle, root));
        }
    }
    assert!(
        found.is_empty(),
        "files of one crate import each other (move what both need to a file both import, \
         or pass it in):\n{}",
        found.join("\n")
    );
}

/// Writes `files` (path, text) under a temporary folder, as the `src/` of a crate.
fn fake_crate(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        fs::write(&path, text).expect("write");
    }
    dir
}

/// The cycles of the fake crate `files`, as the files' paths.
fn fake_cycles(files: &[(&str, &str)]) -> Vec<Vec<String>> {
    let dir = fake_crate(files);
    let found = file_cycles::crate_files(&dir.path().join("lib.rs"));
    let edges = file_cycles::graph(&found);
    file_cycles::cycles(&edges)
        .into_iter()
        .map(|cycle| {
            let name = |i: usize| {
                found[i]
                    .path
                    .strip_prefix(dir.path())
                    .map(|p| p.display().to_string())
            };
            cycle.into_iter().filter_map(|i| name(i).ok()).collect()
        })
        .collect()
}

#[test]
fn the_cycle_check_sees_an_import_through_a_re_export_and_in_unit_tests() {
    // The render stage's old cycle: the join holds the memo, the memo holds a type the
    // pages re-export from the timeline, and the timeline reads the join.
    let render = [
        ("lib.rs", "mod site;\nmod memo;\nmod page;\n"),
        (
            "site.rs",
            "use super::memo::Memo;\npub struct Site(Memo);\n",
        ),
        (
            "memo.rs",
            "use crate::page::Chronology;\npub struct Memo(Chronology);\n",
        ),
        (
            "page/mod.rs",
            "mod timeline;\npub use timeline::Chronology;\n",
        ),
        (
            "page/timeline.rs",
            "// use crate::memo;\nconst S: &str = \"crate::memo\";\n\
             pub struct Chronology;\nfn f(_: &crate::site::Site) {}\n",
        ),
    ];
    assert_eq!(
        fake_cycles(&render),
        [["memo.rs", "page/timeline.rs", "site.rs"]]
    );
    // A child reading its parent is no cycle; a unit test importing an importer is one.
    let tests = [
        ("lib.rs", "mod a;\nmod b;\n"),
        (
            "a.rs",
            "mod inner;\npub use inner::X;\npub struct Y;\n#[cfg(test)]\nmod tests {\n    use crate::b::Z;\n}\n",
        ),
        (
            "a/inner.rs",
            "use super::Y;\npub struct X;\npub(crate) mod deeper {\n    use super::super::Y;\n}\n",
        ),
        ("b.rs", "use super::a::X;\npub struct Z;\n"),
    ];
    assert_eq!(fake_cycles(&tests), [["a/inner.rs", "a.rs", "b.rs"]]);
    let without_test = [
        tests[0],
        ("a.rs", "mod inner;\npub use inner::X;\npub struct Y;\n"),
        tests[2],
        tests[3],
    ];
    assert!(fake_cycles(&without_test).is_empty());
}
