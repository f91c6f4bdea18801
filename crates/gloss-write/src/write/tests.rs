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
            unchanged: 1,
            kept: Vec::new(),
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

/// Builds `pages` and, through `Sink::accept_written`, `streamed` into `out`.
fn write_streamed(
    root: &Path,
    out: &Path,
    pages: &[Output],
    streamed: &[(&str, &str)],
) -> (PathBuf, Written) {
    use crate::output::Sink;
    let disk = Disk::begin(root, out, false).unwrap();
    for page in pages {
        disk.accept(page.clone());
    }
    for (path, text) in streamed {
        let size = disk
            .accept_written(path, &mut |to| to.write_all(text.as_bytes()))
            .unwrap();
        assert_eq!(size, text.len() as u64);
    }
    disk.finish().unwrap()
}

#[test]
fn a_rebuild_compares_streamed_files_without_holding_them() {
    let dir = site();
    let out = dir.path().join("public");
    let page = [page("index.html", "home")];
    let first = [
        ("data/a.json", "[1,2]"),
        ("data/b.json", "[3]"),
        ("c.csv", "x"),
    ];
    write_streamed(dir.path(), &out, &page, &first);
    let stamp = |p: &str| std::fs::metadata(out.join(p)).unwrap().modified().unwrap();
    let before = stamp("data/a.json");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = [
        ("data/a.json", "[1,2]"),
        ("data/b.json", "[3,4]"),
        ("new/d.json", "{}"),
    ];
    let (_, written) = write_streamed(dir.path(), &out, &page, &second);
    assert_eq!(
        written,
        Written {
            changed: 2,
            unchanged: 2,
            kept: Vec::new(),
        }
    );
    assert_eq!(
        stamp("data/a.json"),
        before,
        "an unchanged file was rewritten"
    );
    let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
    assert_eq!(
        (read("data/b.json"), read("new/d.json")),
        ("[3,4]".into(), "{}".into())
    );
    assert!(
        !out.join("c.csv").exists(),
        "a file the site no longer makes stays"
    );
    let names: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.ends_with(TEMP_SUFFIX)),
        "temporaries left: {names:?}"
    );
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

fn files(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .map(|e| {
            let path = e.path().strip_prefix(dir).unwrap().display().to_string();
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            (path, text)
        })
        .collect()
}

#[test]
fn a_failing_commit_puts_everything_back() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.html"), "old a").unwrap();
    std::fs::write(d.join("x"), "a file where a folder goes").unwrap();
    std::fs::write(d.join("stale.html"), "stale").unwrap();
    let before = files(d);
    std::fs::write(d.join(".0.gloss-tmp"), "new a").unwrap();
    std::fs::create_dir(d.join(".d0.gloss-tmp")).unwrap();
    std::fs::write(d.join(".d0.gloss-tmp/index.html"), "new x").unwrap();
    let put = |temp: &str, target: &str, backup: &str| commit::Step::Put {
        temp: temp.into(),
        target: target.into(),
        backup: backup.into(),
        folder: temp.starts_with(".d"),
    };
    let remove = |path: &str, backup: &str| commit::Step::Remove {
        path: path.into(),
        backup: backup.into(),
    };
    let steps = [
        put(".0.gloss-tmp", "a.html", ".0.old.gloss-tmp"),
        put(".d0.gloss-tmp", "x", ".d0.old.gloss-tmp"),
        remove("stale.html", ".r0.old.gloss-tmp"),
        // Fails: there is nothing to remove.
        remove("missing", ".r1.old.gloss-tmp"),
    ];
    let failed = commit::commit(d, &steps).unwrap_err();
    assert!(failed.undone, "{:?}", failed.error);
    assert_eq!(files(d), before);
}

#[cfg(unix)]
#[test]
fn a_symlink_in_the_output_folder_is_replaced_not_followed() {
    let dir = site();
    let out = dir.path().join("public");
    write(dir.path(), &out, &[page("tags/a/index.html", "one")], false).unwrap();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("keep"), "outside").unwrap();
    std::fs::remove_dir_all(out.join("tags")).unwrap();
    std::os::unix::fs::symlink(outside.path(), out.join("tags")).unwrap();
    write(dir.path(), &out, &[page("tags/a/index.html", "two")], false).unwrap();
    assert_eq!(
        files(outside.path()),
        vec![
            (String::new(), String::new()),
            ("keep".into(), "outside".into())
        ]
    );
    assert!(
        !std::fs::symlink_metadata(out.join("tags"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(out.join("tags/a/index.html")).unwrap(),
        "two"
    );
}

#[test]
fn colliding_outputs_name_both_sources() {
    let root = Path::new("/site");
    let copy = |path: &str, from: &str| Output::Copy {
        path: path.into(),
        from: root.join(from),
    };
    let outputs = [
        page("briefs/x/index.html", "page"),
        copy("briefs/x/index.html", "content/briefs/x/index.html"),
        copy("briefs/x/a.jpg", "content/briefs/x/one/a.jpg"),
        copy("briefs/x/a.jpg", "content/briefs/x/two/a.jpg"),
    ];
    let errors = check_outputs(root, &outputs).unwrap_err().to_string();
    assert!(errors.contains("content/briefs/x/index.md"), "{errors}");
    assert!(errors.contains("`content/briefs/x/index.html`"), "{errors}");
    assert!(
        errors.contains("`content/briefs/x/one/a.jpg` and `content/briefs/x/two/a.jpg`"),
        "{errors}"
    );
    let long = "n".repeat(NAME_MAX + 1);
    let too_long = [copy(&format!("briefs/x/{long}"), "content/briefs/x/a")];
    let errors = check_outputs(root, &too_long).unwrap_err().to_string();
    assert!(
        errors.contains("content/briefs/x/a") && errors.contains("too long"),
        "{errors}"
    );
}

#[test]
fn a_journal_killed_while_being_saved_is_removed() {
    // Found by the kill-at-random test: a build killed between writing the journal's
    // temporary file and renaming it left `.gloss-journal.gloss-tmp` in public/.
    let dir = tempfile::tempdir().expect("temp dir");
    let half = commit::journal_temp(dir.path());
    std::fs::write(&half, b"{\"Sta").expect("write");
    assert!(needs_recovery(dir.path()));
    let said = commit::recover(dir.path()).expect("recover");
    assert!(said.is_some_and(|s| s.contains("half-saved journal")));
    assert!(!half.exists());
    assert!(!needs_recovery(dir.path()));
}

/// Every file below `dir`, with its bytes, to compare a folder before and after.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn a_disk_sink_dropped_unfinished_leaves_the_folder_as_it_was() {
    use crate::output::Sink;
    let dir = site();
    let out = dir.path().join("public");
    write(
        dir.path(),
        &out,
        &[page("a/index.html", "old"), page("b/c/index.html", "old")],
        false,
    )
    .unwrap();
    let before = snapshot(&out);
    // A rebuild whose render fails after some files went into the sink.
    let disk = Disk::begin(dir.path(), &out, false).unwrap();
    disk.accept(page("a/index.html", "new"));
    disk.accept(page("new/deep/index.html", "new"));
    drop(disk);
    assert_eq!(snapshot(&out), before);
    // A first build the same way leaves no folder and no staging folder.
    let fresh = dir.path().join("fresh");
    let disk = Disk::begin(dir.path(), &fresh, false).unwrap();
    disk.accept(page("a/index.html", "new"));
    drop(disk);
    assert!(!fresh.exists());
    assert!(dead_staging(&fresh).is_empty());
}
