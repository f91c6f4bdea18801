//! What the crates.io packages ship: `gloss-briefs` exactly what `cargo install` needs to
//! build the `gloss` command (the commands with the starter site, and the license, README
//! and changelog) and each stage crate its code (`gloss-map` its map outline,
//! `gloss-render` the default theme and the build.rs embedding it), not the demo site, the
//! tests or CI files; and a dependency tree without the syntect loaders gloss never uses.
//! (.ci/run also packages the workspace, installs the packaged crates into a temporary root
//! and builds the starter site with them.)

use std::process::Command;

mod common;

/// `cargo package --list -p <package>`: the files its package would hold.
fn package_list(package: &str) -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline", "--quiet"])
        .args(["-p", package])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Files every package holds: its manifest, the lock file and cargo's own record.
const MANIFEST: &[&str] = &[
    "Cargo.toml",
    "Cargo.toml.orig",
    "Cargo.lock",
    ".cargo_vcs_info.json",
];

/// Fails naming the files of `list` that are neither under `dirs` nor in `files`.
fn only(package: &str, list: &[String], dirs: &[&str], files: &[&str]) {
    let extra: Vec<&String> = list
        .iter()
        .filter(|f| !dirs.iter().any(|dir| f.starts_with(dir)))
        .filter(|f| !files.contains(&f.as_str()) && !MANIFEST.contains(&f.as_str()))
        .collect();
    assert!(
        extra.is_empty(),
        "{package} ships but does not need: {extra:?}"
    );
}

/// Fails naming the files of `needed` missing from `list`.
fn has(package: &str, list: &[String], needed: &[&str]) {
    for file in needed {
        assert!(
            list.iter().any(|f| f == file),
            "{package} does not ship {file}"
        );
    }
}

#[test]
fn the_command_ships_what_install_needs_and_nothing_else() {
    let list = package_list("gloss-briefs");
    let documents = ["LICENSE", "README.md", "CHANGELOG.md"];
    has("gloss-briefs", &list, &documents);
    has(
        "gloss-briefs",
        &list,
        &[
            "Cargo.lock",
            "src/main.rs",
            "src/lib.rs",
            "src/scaffold/starter/pages.yml",
            "src/scaffold/starter/config.toml",
            "src/serve/live.js",
        ],
    );
    only("gloss-briefs", &list, &["src/"], &documents);
}

#[test]
fn each_stage_crate_ships_its_code_and_render_the_whole_theme() {
    for package in common::workspace::libraries() {
        let list = package_list(package);
        has(package, &list, &["Cargo.toml", "src/lib.rs"]);
        match *package {
            "gloss-render" => {
                has(
                    package,
                    &list,
                    &["build.rs", "templates/base.html", "static/style.css"],
                );
                only(
                    package,
                    &list,
                    &["src/", "templates/", "static/"],
                    &["build.rs"],
                );
            }
            "gloss-map" => {
                has(package, &list, &["src/map/world.txt"]);
                only(package, &list, &["src/"], &[]);
            }
            _ => only(package, &list, &["src/"], &[]),
        }
    }
}

#[test]
fn the_render_crate_ships_every_theme_file() {
    // build.rs embeds every file under the theme folders, so all of them ship.
    let list = package_list("gloss-render");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["templates", "static"] {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(root).expect("inside");
                let relative = relative.to_string_lossy().replace('\\', "/");
                assert!(list.contains(&relative), "{relative} is not shipped");
            }
        }
    }
}

#[test]
fn syntect_comes_without_the_loaders_gloss_does_not_use() {
    let lock = include_str!("../Cargo.lock");
    for unused in ["yaml-rust", "plist", "quick-xml", "time"] {
        assert!(
            !lock.contains(&format!("name = \"{unused}\"\n")),
            "{unused} is in Cargo.lock"
        );
    }
}
