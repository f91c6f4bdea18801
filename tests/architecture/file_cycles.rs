//! Import cycles between the files of one crate, read from the whole text of every file
//! (unit tests included).
//!
//! The crate's module tree is walked from `lib.rs` along its `mod name;` declarations
//! (honouring `#[path]`) and inline `mod name { … }` blocks. A file depends on the file of
//! every module a `crate::…` or `super::…` path in it names, whether in a `use` or inline in
//! the code: the longest prefix of the path that is a module with its own file. A module's
//! use of its own submodules (`mod x;`, `pub use x::Item;`) is its structure, not an import,
//! so edges from a file to the files below it are left out; everything else counts,
//! including a submodule reading its parent's items.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::rust_text::{blank, is_ident};

/// A module's path below the crate root (`["render", "page"]`).
type ModPath = Vec<String>;

/// One file of the crate, its code with comments and literals blanked out.
pub struct File {
    /// Where it is.
    pub path: PathBuf,
    /// The module it holds.
    module: ModPath,
    /// Its text, comments and string/char literals replaced by spaces (lines kept).
    code: String,
}

/// Every file of the crate whose root is `lib`, following its module declarations.
pub fn crate_files(lib: &Path) -> Vec<File> {
    let mut files = Vec::new();
    let mut todo = vec![(lib.to_path_buf(), ModPath::new())];
    while let Some((path, module)) = todo.pop() {
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let code = blank(&text);
        for (name, explicit) in declared_modules(&text) {
            let child = child_file(&path, &name, explicit.as_deref());
            let mut child_module = module.clone();
            child_module.push(name);
            todo.push((child, child_module));
        }
        files.push(File { path, module, code });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The `mod name;` declarations of a file, with their `#[path = "…"]` if any.
fn declared_modules(text: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    let mut path = None;
    for line in text.lines().map(str::trim) {
        if let Some(p) = line.strip_prefix("#[path = \"") {
            path = p.split('"').next().map(String::from);
            continue;
        }
        let name = without_visibility(line)
            .strip_prefix("mod ")
            .and_then(|r| r.strip_suffix(';'));
        if let Some(name) = name {
            found.push((name.trim().to_string(), path.take()));
        } else if !line.starts_with("#[") {
            path = None;
        }
    }
    found
}

/// An item's line without its `pub`, `pub(crate)`… in front.
fn without_visibility(line: &str) -> &str {
    if let Some(rest) = line.strip_prefix("pub ") {
        return rest;
    }
    match line
        .strip_prefix("pub(")
        .and_then(|rest| rest.split_once(") "))
    {
        Some((_, rest)) => rest,
        None => line,
    }
}

/// The file of module `name` declared in `parent` (with `#[path]` `explicit` if given).
fn child_file(parent: &Path, name: &str, explicit: Option<&str>) -> PathBuf {
    let dir = parent.parent().unwrap_or(Path::new("."));
    if let Some(p) = explicit {
        return dir.join(p);
    }
    let stem = parent.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let base = if ["mod", "lib", "main"].contains(&stem) {
        dir.to_path_buf()
    } else {
        dir.join(stem)
    };
    let flat = base.join(format!("{name}.rs"));
    if flat.exists() {
        flat
    } else {
        base.join(name).join("mod.rs")
    }
}

/// One import of a file: the line it is on, the module it is written in, and the path it
/// names as written.
struct Import {
    line: usize,
    here: ModPath,
    path: Vec<String>,
    /// Written in a `pub use` (a re-export others may import through).
    public: bool,
}

/// Every path a file's `use` statements and code name, with the module each is written in
/// (inline `mod x { … }` blocks included).
fn imports(file: &File) -> Vec<Import> {
    let mut found = Vec::new();
    let mut inline: Vec<(String, i64)> = Vec::new();
    let mut depth = 0i64;
    let mut statement: Option<(usize, bool, String)> = None;
    for (n, line) in file.code.lines().enumerate() {
        let here: ModPath = file
            .module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(m, _)| m.clone()))
            .collect();
        let trimmed = line.trim();
        if statement.is_none() {
            statement =
                use_opening(trimmed).map(|(public, rest)| (n + 1, public, String::new() + rest));
        } else if let Some((_, _, text)) = statement.as_mut() {
            text.push(' ');
            text.push_str(trimmed);
        }
        match statement.take() {
            Some((at, public, text)) if text.contains(';') => {
                for path in expand(text.split(';').next().unwrap_or("")) {
                    found.push(Import {
                        line: at,
                        here: here.clone(),
                        path,
                        public,
                    });
                }
            }
            Some(open) => statement = Some(open),
            None => found.extend(inline_paths(line).into_iter().map(|path| Import {
                line: n + 1,
                here: here.clone(),
                path,
                public: false,
            })),
        }
        if let Some(name) = without_visibility(trimmed)
            .strip_prefix("mod ")
            .and_then(|r| r.strip_suffix('{'))
        {
            inline.push((name.trim().to_string(), depth));
        }
        depth += line.matches('{').count() as i64 - line.matches('}').count() as i64;
        while inline.last().is_some_and(|(_, open)| depth <= *open) {
            inline.pop();
        }
    }
    found
}

/// If a line opens a `use` statement: whether it is public, and the text after `use `.
fn use_opening(line: &str) -> Option<(bool, &str)> {
    let (vis, rest) = line.split_once("use ")?;
    let vis = vis.trim();
    let private = vis.is_empty();
    (private || vis == "pub" || (vis.starts_with("pub(") && vis.ends_with(')')))
        .then_some((!private, rest))
}

/// The paths of a `use` tree (`a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`), as
/// segments; `as` renames and globs are dropped from the end.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree
        .chars()
        .filter(|c| !c.is_whitespace() || *c == ' ')
        .collect();
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or("").trim();
        return vec![
            path.split("::")
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty() && s != "*")
                .collect(),
        ];
    };
    let prefix: Vec<String> = tree[..open]
        .split("::")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|tail| {
            prefix
                .iter()
                .cloned()
                .chain(tail.into_iter().filter(|s| s != "self"))
                .collect()
        })
        .collect()
}

/// The `crate::…` and `super::…` paths written inline in a line of code.
fn inline_paths(line: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts = (i == 0 || !(is_ident(bytes[i - 1]) || bytes[i - 1] == ':'))
            && ["crate::", "super::"]
                .iter()
                .any(|p| line_at(&bytes, i).starts_with(p));
        if !starts {
            i += 1;
            continue;
        }
        let end = (i..bytes.len())
            .find(|&j| !(is_ident(bytes[j]) || bytes[j] == ':'))
            .unwrap_or(bytes.len());
        let text: String = bytes[i..end].iter().collect();
        found.push(
            text.split("::")
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        );
        i = end;
    }
    found
}

/// Up to seven characters of `chars` from `i`, enough to tell `crate::` and `super::`.
fn line_at(chars: &[char], i: usize) -> String {
    chars[i..chars.len().min(i + 7)].iter().collect()
}

/// The module path a path written in module `here` names: `crate::`, `self::` and `super::`
/// applied, a path starting with a submodule's name read from `here`, anything else (an
/// external crate) `None`. The last segments may name an item inside the module.
fn resolve(
    here: &ModPath,
    path: &[String],
    modules: &BTreeMap<&ModPath, usize>,
) -> Option<ModPath> {
    let mut at = here.clone();
    let mut rest = path;
    match path.first().map(String::as_str)? {
        "crate" => {
            at.clear();
            rest = &path[1..];
        }
        "super" | "self" => {
            while let Some(first) = rest.first().filter(|f| *f == "super" || *f == "self") {
                if first == "super" {
                    at.pop();
                }
                rest = &rest[1..];
            }
        }
        child => {
            let mut below = here.clone();
            below.push(child.to_string());
            modules.get(&below)?;
        }
    }
    at.extend(rest.iter().cloned());
    Some(at)
}

/// The file holding what `target` names: the file of its longest module prefix, followed
/// through that file's re-exports (`pub use timeline::Chronology;`) to the file defining the
/// item.
fn holder(
    target: &[String],
    modules: &BTreeMap<&ModPath, usize>,
    reexports: &[BTreeMap<String, ModPath>],
) -> Option<usize> {
    let mut target = target.to_vec();
    for _ in 0..8 {
        let n = (0..=target.len())
            .rev()
            .find(|&n| modules.contains_key(&target[..n].to_vec()))?;
        let file = modules[&target[..n].to_vec()];
        match target.get(n).and_then(|item| reexports[file].get(item)) {
            Some(next) if *next != target => target = next.clone(),
            _ => return Some(file),
        }
    }
    None
}

/// The file-level import graph of one crate: for each file, the files it imports with the
/// line of the first import, edges into its own submodules left out.
pub fn graph(files: &[File]) -> BTreeMap<usize, BTreeMap<usize, usize>> {
    let modules: BTreeMap<&ModPath, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (&f.module, i))
        .collect();
    let all: Vec<Vec<Import>> = files.iter().map(imports).collect();
    let reexports: Vec<BTreeMap<String, ModPath>> = all
        .iter()
        .map(|imports| {
            imports
                .iter()
                .filter(|i| i.public)
                .filter_map(|i| {
                    Some((i.path.last()?.clone(), resolve(&i.here, &i.path, &modules)?))
                })
                .collect()
        })
        .collect();
    let mut edges: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
    for (from, file) in files.iter().enumerate() {
        let out = edges.entry(from).or_default();
        for import in &all[from] {
            let Some(target) = resolve(&import.here, &import.path, &modules) else {
                continue;
            };
            let Some(to) = holder(&target, &modules, &reexports) else {
                continue;
            };
            if !files[to].module.starts_with(&file.module) {
                out.entry(to).or_insert(import.line);
            }
        }
    }
    edges
}

/// The strongly connected components of more than one file (Tarjan), each sorted.
pub fn cycles(edges: &BTreeMap<usize, BTreeMap<usize, usize>>) -> Vec<Vec<usize>> {
    struct State<'e> {
        edges: &'e BTreeMap<usize, BTreeMap<usize, usize>>,
        index: BTreeMap<usize, usize>,
        low: BTreeMap<usize, usize>,
        stack: Vec<usize>,
        on_stack: BTreeSet<usize>,
        found: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State, v: usize) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let next: Vec<usize> = s
            .edges
            .get(&v)
            .map(|e| e.keys().copied().collect())
            .unwrap_or_default();
        for w in next {
            if !s.index.contains_key(&w) {
                visit(s, w);
                let low = s.low[&v].min(s.low[&w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(&w) {
                let low = s.low[&v].min(s.index[&w]);
                s.low.insert(v, low);
            }
        }
        if s.low[&v] == s.index[&v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for &v in edges.keys() {
        if !s.index.contains_key(&v) {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}

/// A cycle as a reader fixes it: each file of the component with the imports it makes of
/// the others, `file:line → file`.
pub fn describe(
    files: &[File],
    edges: &BTreeMap<usize, BTreeMap<usize, usize>>,
    cycle: &[usize],
    root: &Path,
) -> String {
    let name = |i: usize| {
        files[i]
            .path
            .strip_prefix(root)
            .unwrap_or(&files[i].path)
            .display()
            .to_string()
    };
    let mut lines = vec![format!("{} files import each other:", cycle.len())];
    for &from in cycle {
        for (&to, &line) in edges.get(&from).into_iter().flatten() {
            if cycle.contains(&to) {
                lines.push(format!("  {}:{line} → {}", name(from), name(to)));
            }
        }
    }
    lines.join("\n")
}
