//! What the crates.io package `gloss-briefs` ships: exactly what `cargo install` needs to
//! build the `gloss` command (the code with its embedded map outline and starter site, the
//! default theme, build.rs, and the license, README and changelog), not the demo site, the
//! tests or CI files; and a dependency tree without the syntect loaders gloss never uses.
//! (.ci/run also installs the packaged `.crate` into a temporary root and builds the
//! starter site with it.)

use std::process::Command;

/// `cargo package --list`: the files the package would hold.
fn package_list() -> Vec<String> {
    let output = Command::new(env!("CARGO"))
        .args(["package", "--list", "--allow-dirty", "--offline", "--quiet"])
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

#[test]
fn the_package_ships_what_install_needs_and_nothing_else() {
    let list = package_list();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "src/main.rs",
        "src/lib.rs",
        "src/map/world.txt",
        "src/scaffold/starter/pages.yml",
        "src/scaffold/starter/config.toml",
        "src/serve/live.js",
        "templates/base.html",
        "static/style.css",
    ] {
        assert!(list.iter().any(|f| f == needed), "{needed} is not shipped");
    }
    let allowed = |f: &str| {
        ["src/", "templates/", "static/"]
            .iter()
            .any(|dir| f.starts_with(dir))
            || [
                "Cargo.toml",
                "Cargo.toml.orig",
                "Cargo.lock",
                ".cargo_vcs_info.json",
                "build.rs",
                "LICENSE",
                "README.md",
                "CHANGELOG.md",
            ]
            .contains(&f)
    };
    let extra: Vec<&String> = list.iter().filter(|f| !allowed(f)).collect();
    assert!(extra.is_empty(), "shipped but not needed: {extra:?}");
    // Everything under the theme folders ships, since build.rs embeds all of them.
    for dir in ["templates", "static"] {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in walkdir::WalkDir::new(&root).into_iter().flatten() {
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(env!("CARGO_MANIFEST_DIR"));
                let relative = relative
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/");
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
