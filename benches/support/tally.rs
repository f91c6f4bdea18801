//! Bytes and files of a built site per page kind (issue 26: an archive must fit GitHub
//! Pages, 1 GB; GitLab Pages, 1 GB and 200,000 files), and per brief, so a change that
//! moves bytes from one kind to another shows where they went.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file of a built site, sorted into page kinds.
#[derive(Default)]
pub struct Tally {
    /// The sizes of each kind's files, by kind (see [`kind_of`]).
    pub kinds: BTreeMap<String, Vec<u64>>,
    /// The largest HTML page: its size and path.
    pub largest: (u64, String),
    /// How many HTML pages.
    pub html: u64,
}

impl Tally {
    /// Sorts every file under `out`.
    pub fn of(out: &Path) -> Tally {
        let mut t = Tally::default();
        for entry in walk(out) {
            let rel = entry.strip_prefix(out).unwrap_or(&entry).to_path_buf();
            let rel = rel.to_string_lossy().replace('\\', "/");
            let size = std::fs::metadata(&entry).map(|m| m.len()).unwrap_or(0);
            t.kinds.entry(kind_of(&rel)).or_default().push(size);
            if rel.ends_with(".html") {
                t.html += 1;
                if size > t.largest.0 {
                    t.largest = (size, rel);
                }
            }
        }
        t
    }

    /// All bytes.
    pub fn bytes(&self) -> u64 {
        self.kinds.values().flatten().sum()
    }

    /// All files.
    pub fn files(&self) -> u64 {
        self.kinds.values().map(|v| v.len() as u64).sum()
    }

    /// The median size of a kind's files, in bytes (0 for an unknown kind).
    pub fn median(&self, kind: &str) -> u64 {
        let mut sizes = self.kinds.get(kind).cloned().unwrap_or_default();
        sizes.sort_unstable();
        sizes.get(sizes.len() / 2).copied().unwrap_or(0)
    }

    /// Prints one row per kind: files, MB, KB per file, median KB, and KB and files per
    /// brief of a site of `briefs` briefs.
    pub fn print(&self, briefs: usize) {
        let per = briefs.max(1) as f64;
        println!(
            "  {:<24} {:>7} {:>9} {:>8} {:>8} {:>9} {:>10}",
            "kind", "files", "MB", "KB/file", "median", "KB/brief", "files/brief"
        );
        for (kind, sizes) in &self.kinds {
            let bytes: u64 = sizes.iter().sum();
            println!(
                "  {kind:<24} {:>7} {:>9.1} {:>8.1} {:>8.1} {:>9.2} {:>10.3}",
                sizes.len(),
                bytes as f64 / 1e6,
                bytes as f64 / 1024.0 / sizes.len().max(1) as f64,
                self.median(kind) as f64 / 1024.0,
                bytes as f64 / 1024.0 / per,
                sizes.len() as f64 / per
            );
        }
    }
}

/// The kind of the file at `rel` (a path under the output folder): its top folder and what
/// it is there, e.g. `actors/ pages` (each actor's page 1), `actors/ later pages`
/// (`actors/<slug>/page/N/`), `actors/ feeds`, `actors/ index`.
pub fn kind_of(rel: &str) -> String {
    let parts: Vec<&str> = rel.split('/').collect();
    let html = rel.ends_with(".html");
    match parts.as_slice() {
        [_] if html => "(home)".into(),
        [_] => "(root files)".into(),
        [top, "index.html"] => format!("{top}/ index"),
        [top, .., last] if last.ends_with(".xml") => format!("{top}/ feeds"),
        [top, _, "page", ..] if html => format!("{top}/ later pages"),
        [top, _, "index.html"] => format!("{top}/ pages"),
        [top, ..] if html => format!("{top}/ other html"),
        [top, ..] => format!("{top}/ other"),
        [] => "(root files)".into(),
    }
}

/// Every file under `dir`.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}
