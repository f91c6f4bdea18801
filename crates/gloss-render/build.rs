//! Embeds the default theme (`templates/` and `static/`) in the binary, so a site made by
//! `gloss init` builds without copying any theme file, and the demo site and the binary share
//! one theme instead of two copies.
//!
//! The theme's folders are the repository root's. This crate's `templates` and `static` are
//! symbolic links to them, which `cargo package` follows, so the packaged crate carries the
//! files; a checkout without symbolic links (Windows) has plain files there, and the
//! repository root's folders are read instead.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            } else if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `dir` of this package if it is a folder (a packaged crate, or a checkout with symbolic
/// links), else the repository root's; fails the build if neither exists, so a theme is
/// never embedded empty.
fn theme_dir(manifest: &Path, dir: &str) -> PathBuf {
    [manifest.join(dir), manifest.join("../..").join(dir)]
        .into_iter()
        .find(|candidate| candidate.is_dir())
        .unwrap_or_else(|| {
            panic!(
                "the theme folder {dir}/ is missing beside {}",
                manifest.display()
            )
        })
}

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut code = String::new();
    for (name, dir) in [("TEMPLATES", "templates"), ("STATIC", "static")] {
        let root = theme_dir(&manifest, dir);
        println!("cargo:rerun-if-changed={}", root.display());
        writeln!(
            code,
            "/// Files of the default theme's `{dir}/`, by path inside it."
        )
        .unwrap();
        writeln!(code, "pub static {name}: &[(&str, &[u8])] = &[").unwrap();
        for file in files(&root) {
            let relative = file
                .strip_prefix(&root)
                .expect("walked below root")
                .to_string_lossy()
                .replace('\\', "/");
            writeln!(
                code,
                "    ({relative:?}, include_bytes!({:?})),",
                file.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("theme.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
