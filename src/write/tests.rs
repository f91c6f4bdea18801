//! Unit tests of the write stage.

use super::*;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "").unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    dir
}

fn page(path: &str, text: &str) -> Output {
    Output::Bytes {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

#[test]
fn refuses_the_site_and_its_sources() {
    let dir = site();
    let root = dir.path();
    assert!(check_output_dir(root, root, true).is_err());
    assert!(check_output_dir(root, root.parent().unwrap(), true).is_err());
    assert!(check_output_dir(root, &root.join("content/out"), true).is_err());
    assert!(check_output_dir(root, &root.join("public/../"), true).is_err());
    assert!(check_output_dir(root, &root.join("public"), false).is_ok());
}

#[test]
fn refuses_foreign_folders_without_force() {
    let dir = site();
    let out = dir.path().join("docs");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("mine.txt"), "keep").unwrap();
    let err = write(dir.path(), &out, &[page("index.html", "x")], false).unwrap_err();
    assert!(
        err.message.contains("not written by gloss"),
        "{}",
        err.message
    );
    assert_eq!(
        std::fs::read_to_string(out.join("mine.txt")).unwrap(),
        "keep"
    );
}

#[test]
fn replaces_its_own_output_whole() {
    let dir = site();
    let out = dir.path().join("public");
    write(
        dir.path(),
        &out,
        &[page("a/index.html", "one"), page("old.html", "x")],
        false,
    )
    .unwrap();
    write(dir.path(), &out, &[page("a/index.html", "two")], false).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("a/index.html")).unwrap(),
        "two"
    );
    assert!(!out.join("old.html").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("gloss-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn rebuilds_touch_only_what_changed() {
    let dir = site();
    let out = dir.path().join("public");
    let first = [
        page("a/index.html", "same"),
        page("b/index.html", "old"),
        page("gone/deep/x.html", "x"),
    ];
    write(dir.path(), &out, &first, false).unwrap();
    let stamp = |p: &str| std::fs::metadata(out.join(p)).unwrap().modified().unwrap();
    let before = stamp("a/index.html");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (_, written) = write(
        dir.path(),
        &out,
        &[page("a/index.html", "same"), page("b/index.html", "new")],
        false,
    )
    .unwrap();
    assert_eq!(
        written,
        Written {
            changed: 1,
            unchanged: 1
        }
    );
    assert_eq!(
        stamp("a/index.html"),
        before,
        "an unchanged file was rewritten"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("b/index.html")).unwrap(),
        "new"
    );
    assert!(!out.join("gone").exists(), "stale folders stay behind");
    assert!(out.join(MARKER).is_file());
    let temporaries = walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("gloss-tmp"))
        .count();
    assert_eq!(temporaries, 0);
}

#[test]
fn files_and_folders_can_trade_places() {
    let dir = site();
    let out = dir.path().join("public");
    write(
        dir.path(),
        &out,
        &[page("x", "file"), page("y/index.html", "in folder")],
        false,
    )
    .unwrap();
    write(
        dir.path(),
        &out,
        &[
            page("x/index.html", "now a folder"),
            page("y", "now a file"),
        ],
        false,
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("x/index.html")).unwrap(),
        "now a folder"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("y")).unwrap(),
        "now a file"
    );
}
