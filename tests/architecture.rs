//! The shape of `src/`, read from the source text:
//!
//! - the stages depend on each other in one direction: no top-level module reaches, through
//!   `crate::` paths, a module that reaches it back (a new circle fails with the path that
//!   closes it);
//! - relative prefixes (`../`) are built in `src/urls.rs` only.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

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

/// The source without `//` comments (doc links name modules without depending on them).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The leading identifier of `text`.
fn ident(text: &str) -> &str {
    let text = text.trim_start();
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first path segment after each `crate::` in `code`, with `crate::{a::b, c}` giving
/// `a` and `c`.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        found.insert(ident(&group[start..i]).to_string());
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(ident(&group[start..i]).to_string());
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(ident(rest).to_string());
        }
    }
    found.remove("");
    found
}

/// Top-level module -> the other top-level modules it names, with one file naming each.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(src).ok()?;
            let first = rel.components().next()?.as_os_str().to_str()?;
            Some(first.trim_end_matches(".rs").to_string())
        })
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in &files {
        let rel = file.strip_prefix(src).unwrap_or(file);
        let Some(top) = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs").to_string())
        else {
            continue;
        };
        if !modules.contains(&top) {
            continue;
        }
        let text = fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        let deps = graph.entry(top.clone()).or_default();
        for dep in crate_paths(&code(&text)) {
            if dep != top && modules.contains(&dep) {
                deps.entry(dep).or_insert_with(|| rel.display().to_string());
            }
        }
    }
    graph
}

/// A circle through `start`, if any, as the list of modules on it.
fn circle_from(
    graph: &BTreeMap<String, BTreeMap<String, String>>,
    start: &str,
) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flat_map(|d| d.keys()) {
            if next == start {
                let mut circle = path.clone();
                circle.push(start.to_string());
                return Some(circle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn src_has_no_import_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = module_graph(&src);
    assert!(
        graph.len() > 5,
        "expected the top-level modules of {}, found {:?}",
        src.display(),
        graph.keys().collect::<Vec<_>>()
    );
    let mut circles = Vec::new();
    for module in graph.keys() {
        if let Some(circle) = circle_from(&graph, module) {
            let steps: Vec<String> = circle
                .windows(2)
                .map(|w| format!("{} -> {} (in src/{})", w[0], w[1], graph[&w[0]][&w[1]]))
                .collect();
            circles.push(steps.join(", "));
        }
    }
    assert!(
        circles.is_empty(),
        "import circles between top-level modules (stages must depend one way; move the \
         shared part to a module both use, such as `markup` or `model`):\n{}",
        circles.join("\n")
    );
}

/// The code of `text` before its `#[cfg(test)]` module, if any.
fn non_test_code(text: &str) -> String {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    code(&text[..end])
}

#[test]
fn relative_prefixes_are_built_in_urls_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut found = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap_or(file);
        let name = rel.to_string_lossy();
        if name == "urls.rs" || name.contains("test") {
            continue;
        }
        let text = fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        for (n, line) in non_test_code(&text).lines().enumerate() {
            if line.contains("\"../") && !line.contains("include_str!(") {
                found.push(format!("src/{name}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "links relative to a page are made by src/urls.rs (root_prefix, Urls::from_brief…), \
         not by hand:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_circle_finder_sees_circles_and_group_imports() {
    let paths = crate_paths(&code(
        "use crate::{a::{b, c}, d};\n// crate::comment\nlet x = crate::e::f();",
    ));
    assert_eq!(
        paths.into_iter().collect::<Vec<_>>(),
        ["a", "d", "e"].map(String::from)
    );
    let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (from, to) in [("x", "y"), ("y", "z"), ("z", "x")] {
        graph
            .entry(from.into())
            .or_default()
            .insert(to.into(), format!("{from}.rs"));
    }
    assert_eq!(
        circle_from(&graph, "x"),
        Some(["x", "y", "z", "x"].map(String::from).to_vec())
    );
    graph.get_mut("z").map(|d| d.remove("x"));
    assert_eq!(circle_from(&graph, "x"), None);
}
