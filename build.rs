//! Embeds the default theme (`templates/` and `static/`) in the binary, so a site made by
//! `gloss init` builds without copying any theme file, and the demo site and the binary share
//! one theme instead of two copies. Also records where this checkout of gloss came from (its
//! GitHub-like `origin`), when `Cargo.toml` names no `repository`, so the workflow `gloss init`
//! writes can install the same gloss without the editor filling in the address.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "src/scaffold/remote.rs"]
mod remote;

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

/// Output of `git ARGS` run in `dir`, or `None` when git is missing or fails (a source
/// package has no `.git`: then nothing is recorded).
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// Sets `GLOSS_SOURCE_REMOTE` for `scaffold::gloss_repository` from the checkout's `origin`.
fn source_remote(manifest: &Path) {
    println!("cargo:rerun-if-env-changed=GLOSS_REPOSITORY");
    let named = std::env::var("CARGO_PKG_REPOSITORY").is_ok_and(|r| !r.is_empty())
        || std::env::var("GLOSS_REPOSITORY").is_ok_and(|r| !r.is_empty());
    // Only a checkout of gloss itself: a source package unpacked inside some other repository
    // (a home folder kept in git) must not lend gloss that repository's address.
    let top = git(manifest, &["rev-parse", "--show-toplevel"]).map(PathBuf::from);
    let own = top.is_some_and(|top| top.canonicalize().ok() == manifest.canonicalize().ok());
    if named || !own {
        return;
    }
    if let Some(common) = git(
        manifest,
        &["rev-parse", "--path-format=absolute", "--git-common-dir"],
    ) {
        let config = Path::new(&common).join("config");
        if config.is_file() {
            println!("cargo:rerun-if-changed={}", config.display());
        }
    }
    let found = git(manifest, &["config", "--get", "remote.origin.url"])
        .and_then(|url| remote::github_like(&url));
    if let Some(url) = found {
        println!("cargo:rustc-env=GLOSS_SOURCE_REMOTE={url}");
    }
}

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    source_remote(&manifest);
    let mut code = String::new();
    for (name, dir) in [("TEMPLATES", "templates"), ("STATIC", "static")] {
        let root = manifest.join(dir);
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
