//! The write protocol under stress: a rebuild killed at several points, two builds into one
//! folder at once, failures in the middle of a rebuild, symlinks inside the output folder,
//! and `--root` from another folder. After each, the output folder must be exactly the old
//! site or exactly the new one, with no temporaries left, once the next gloss command ran.
//! Unix only: the tests kill processes and make symlinks.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;

type Snapshot = BTreeMap<PathBuf, Vec<u8>>;

/// Adds `n` single-file briefs to a site, enough for a build to take a while.
fn grow(site: &Site, n: usize, label: &str) {
    for i in 0..n {
        site.write(
            &format!("content/briefs/gen-{i:03}.md"),
            &format!(
                "+++\ntitle = \"Generated brief {i} {label}\"\ndate = 2020-02-{:02}\ntags = [\"topic {}\"]\nactors = [\"iran\"]\n+++\nIran said something about item {i} ({label}).\n",
                1 + i % 28,
                i % 40
            ),
        );
    }
}

/// A site of about 300 briefs, built once.
fn big_site(label: &str) -> Site {
    let site = Site::fixture();
    grow(&site, 300, label);
    site.build();
    site
}

/// The new version of a site: every page changes (the title is on every page), some
/// briefs go and some come.
fn change(site: &Site) {
    site.write(
        "config.toml",
        "title = \"Changed briefs\"\nbase_url = \"https://example.github.io/repo\"\n",
    );
    for i in 0..10 {
        site.remove(&format!("content/briefs/gen-{i:03}.md"));
    }
    site.write(
        "content/briefs/added.md",
        "+++\ntitle = \"Added\"\ndate = 2020-03-01\ntags = [\"brand new tag\"]\n+++\nNew.\n",
    );
}

/// What `site` builds into a fresh folder, without touching its `public/`.
fn expected(site: &Site) -> Snapshot {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("site");
    let run = site.run(&["build", "--output-dir", target.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    common::walk(&target)
}

fn gloss(site: &Site, args: &[&str], env: &[(&str, &str)]) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gloss"));
    command
        .arg("--root")
        .arg(site.root())
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    command.spawn().expect("spawn gloss")
}

/// Reads the child's stderr until a line contains `wanted`; returns everything read, and
/// a thread that drains (and returns) the rest so the child never blocks on a full pipe.
fn wait_for(child: &mut Child, wanted: &str) -> (String, std::thread::JoinHandle<String>) {
    let stderr = child.stderr.take().expect("piped stderr");
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = String::new();
    for line in lines.by_ref() {
        let line = line.expect("stderr");
        seen.push_str(&line);
        seen.push('\n');
        if line.contains(wanted) {
            let rest = std::thread::spawn(move || {
                lines
                    .map_while(Result::ok)
                    .fold(String::new(), |all, line| all + &line + "\n")
            });
            return (seen, rest);
        }
    }
    panic!("gloss never printed {wanted:?}:\n{seen}");
}

/// Every `*.gloss-tmp`, journal and staging folder in or beside the output folder.
fn leftovers(site: &Site) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(site.root()).into_iter().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".gloss-tmp")
            || name == ".gloss-journal"
            || name.contains(".gloss-staging-")
        {
            found.push(entry.path().to_path_buf());
        }
    }
    found
}

fn assert_one_of(site: &Site, old: &Snapshot, new: &Snapshot, what: &str) -> &'static str {
    let now = site.snapshot();
    assert!(leftovers(site).is_empty(), "{what}: {:?}", leftovers(site));
    if &now == old {
        "old"
    } else if &now == new {
        "new"
    } else {
        let differs = |other: &Snapshot| {
            now.keys()
                .chain(other.keys())
                .filter(|k| now.get(*k) != other.get(*k))
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
        };
        panic!(
            "{what}: public/ is a mix; differs from old at {:?}, from new at {:?}",
            differs(old),
            differs(new)
        );
    }
}

#[test]
fn a_rebuild_killed_at_each_point_is_finished_or_rolled_back() {
    let site = big_site("v1");
    let old = site.snapshot();
    change(&site);
    let new = expected(&site);
    // Killed before anything moved: rolled back. Killed while or after moving: finished.
    for (point, want) in [
        ("write", "old"),
        ("stage", "old"),
        ("commit", "new"),
        ("cleanup", "new"),
    ] {
        let mut child = gloss(&site, &["build"], &[("GLOSS_TEST_PAUSE_AT", point)]);
        wait_for(&mut child, "test pause at");
        child.kill().expect("kill -9");
        child.wait().expect("reap");
        if point != "write" {
            assert!(
                !leftovers(&site).is_empty(),
                "{point}: the killed build left nothing to recover"
            );
        }
        // The next command (even one that writes nothing) settles the folder.
        let check = site.run(&["check"]);
        assert_eq!(check.code, 0, "{}", check.stderr);
        let state = assert_one_of(&site, &old, &new, point);
        assert_eq!(state, want, "{point}: {}", check.stderr);
        // Back to the old site for the next point.
        if state == "new" {
            let out = site.public();
            std::fs::remove_dir_all(&out).expect("reset");
            copy_tree(&old, &out);
        }
    }
}

fn copy_tree(snapshot: &Snapshot, to: &Path) {
    for (path, bytes) in snapshot {
        let full = to.join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, bytes).expect("write");
    }
}

#[test]
fn a_rebuild_killed_at_random_moments_leaves_old_or_new() {
    let site = big_site("v1");
    let old = site.snapshot();
    change(&site);
    let new = expected(&site);
    let mut seen = Vec::new();
    for delay in [0, 100, 300, 600, 900, 1300, 2000] {
        // Back to the old site, then kill the rebuild `delay` ms after its write began
        // (the hook pauses 1 ms there, only to say when).
        std::fs::remove_dir_all(site.public()).expect("reset");
        copy_tree(&old, &site.public());
        let mut child = gloss(&site, &["build"], &[("GLOSS_TEST_PAUSE_AT", "write:1")]);
        wait_for(&mut child, "test pause at");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        child.wait().expect("reap");
        // The next command, one that writes nothing of its own, settles the folder.
        let check = site.run(&["check"]);
        assert_eq!(check.code, 0, "{}", check.stderr);
        seen.push(assert_one_of(
            &site,
            &old,
            &new,
            &format!("kill at {delay} ms"),
        ));
    }
    println!("after kills 0 to 2000 ms into the write: {seen:?}");
}

#[test]
fn a_first_build_killed_leaves_a_staging_folder_the_next_build_removes() {
    let site = Site::fixture();
    grow(&site, 50, "v1");
    let mut child = gloss(&site, &["build"], &[("GLOSS_TEST_PAUSE_AT", "staging")]);
    wait_for(&mut child, "test pause at");
    child.kill().expect("kill -9");
    child.wait().expect("reap");
    assert!(
        !site.public().exists(),
        "a killed first build showed a site"
    );
    assert!(
        !leftovers(&site).is_empty(),
        "no staging folder to clean up"
    );
    let run = site.build();
    assert!(
        run.stderr.contains("interrupted first build"),
        "{}",
        run.stderr
    );
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

#[test]
fn failures_in_either_phase_leave_public_byte_identical() {
    let site = big_site("v1");
    let old = site.snapshot();
    change(&site);
    for point in ["stage", "commit"] {
        let mut child = gloss(&site, &["build"], &[("GLOSS_TEST_FAIL_AT", point)]);
        let (mut stderr, rest) = wait_for(&mut child, "error");
        let status = child.wait().expect("reap");
        stderr.push_str(&rest.join().expect("stderr"));
        assert_eq!(status.code(), Some(1), "{point}: {stderr}");
        assert!(
            stderr.contains("injected"),
            "{point}: the error does not say what failed: {stderr}"
        );
        assert!(site.snapshot() == old, "{point}: public/ changed");
        assert!(
            leftovers(&site).is_empty(),
            "{point}: {:?}",
            leftovers(&site)
        );
    }
}

#[test]
fn a_source_that_vanishes_mid_rebuild_leaves_public_byte_identical() {
    let site = big_site("v1");
    site.write("content/briefs/rockets/map.txt", "a map");
    site.build();
    let old = site.snapshot();
    change(&site);
    site.write("content/briefs/rockets/map.txt", "a changed map");
    let mut child = gloss(&site, &["build"], &[("GLOSS_TEST_PAUSE_AT", "write:1500")]);
    let (_, rest) = wait_for(&mut child, "test pause at");
    site.remove("content/briefs/rockets/map.txt");
    let status = child.wait().expect("reap");
    let stderr = rest.join().expect("stderr");
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/briefs/rockets/map.txt") && stderr.contains("left as it was"),
        "{stderr}"
    );
    assert!(site.snapshot() == old, "public/ changed");
    assert!(leftovers(&site).is_empty(), "{:?}", leftovers(&site));
}

#[test]
fn two_builds_at_once_wait_for_each_other() {
    let first = big_site("one");
    let second = Site::fixture();
    grow(&second, 300, "two");
    let shared = tempfile::tempdir().expect("temp dir");
    let out = shared.path().join("out");
    let out_arg = out.to_str().expect("utf-8");
    let (one, two) = (expected(&first), expected(&second));
    let run = first.run(&["build", "--output-dir", out_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for round in 0..3 {
        let pause = if round == 0 { "stage:1500" } else { "none" };
        let mut a = gloss(
            &first,
            &["build", "--output-dir", out_arg],
            &[("GLOSS_TEST_PAUSE_AT", pause)],
        );
        if round == 0 {
            // The first build holds the lock, paused before it moves anything.
            wait_for(&mut a, "test pause at");
        }
        let b = gloss(&second, &["build", "--output-dir", out_arg], &[]);
        let b = b.wait_with_output().expect("second build");
        let a = a.wait().expect("first build");
        let b_err = String::from_utf8_lossy(&b.stderr);
        assert!(a.success() && b.status.success(), "round {round}: {b_err}");
        if round == 0 {
            assert!(
                b_err.contains("waiting for another gloss build"),
                "the second build did not wait: {b_err}"
            );
        }
        let now = common::walk(&out);
        assert!(
            now == one || now == two,
            "round {round}: a mix of both builds"
        );
        if round == 0 {
            assert!(now == two, "the build that waited wrote last");
        }
    }
}

/// Creates a symlink (Unix only; these tests run on Linux CI).
fn link(target: &Path, at: &Path) {
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .map(|e| {
            let bytes = if e.file_type().is_file() {
                std::fs::read(e.path()).expect("read")
            } else {
                Vec::new()
            };
            (e.path().to_path_buf(), bytes)
        })
        .collect()
}

#[test]
fn nothing_is_written_or_deleted_through_a_symlink_in_public() {
    let site = Site::fixture();
    site.build();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    std::fs::write(elsewhere.path().join("keep.txt"), "outside").expect("write");
    std::fs::create_dir(elsewhere.path().join("tags")).expect("mkdir");
    std::fs::write(elsewhere.path().join("tags/keep.html"), "outside").expect("write");
    let before = tree(elsewhere.path());
    let public = site.public();
    // A folder the site needs, a file the site needs, and a stale link.
    std::fs::remove_dir_all(public.join("tags")).expect("rm tags");
    link(&elsewhere.path().join("tags"), &public.join("tags"));
    std::fs::remove_file(public.join("index.html")).expect("rm index");
    link(
        &elsewhere.path().join("keep.txt"),
        &public.join("index.html"),
    );
    // A link someone else put there: gloss did not write it, so it keeps it (as a link,
    // never followed) and names it.
    link(elsewhere.path(), &public.join("stale-link"));
    let run = site.build();
    assert_eq!(
        tree(elsewhere.path()),
        before,
        "gloss wrote outside public/"
    );
    for path in ["tags", "index.html"] {
        let meta = std::fs::symlink_metadata(public.join(path)).expect("exists");
        assert!(!meta.file_type().is_symlink(), "{path} is still a symlink");
    }
    assert!(public.join("tags/iraq/index.html").is_file());
    let kept = std::fs::symlink_metadata(public.join("stale-link")).expect("kept");
    assert!(kept.file_type().is_symlink());
    assert!(run.stderr.contains("public/stale-link"), "{}", run.stderr);
}

#[test]
fn content_that_links_into_the_output_folder_is_refused() {
    let site = Site::fixture();
    site.build();
    let before = site.snapshot();
    link(
        &site.public().join("index.html"),
        &site.root().join("content/briefs/rockets/page.html"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/briefs/rockets/page.html")
            && run.stderr.contains("symbolic link into the output folder"),
        "{}",
        run.stderr
    );
    assert!(site.snapshot() == before);
}

#[test]
fn bundle_assets_build_with_root_from_another_folder() {
    let site = Site::fixture();
    site.write("content/briefs/rockets/map.txt", "a map");
    let elsewhere = tempfile::tempdir().expect("temp dir");
    for _ in 0..2 {
        // A first build and a rebuild.
        let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
            .current_dir(elsewhere.path())
            .arg("--root")
            .arg(site.root())
            .arg("build")
            .output()
            .expect("run gloss");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(site.read("briefs/rockets/map.txt"), "a map");
    }
    // What serve reads: the generated site's copied files point into the site folder.
    let options = gloss::BuildOptions {
        root: site.root().to_path_buf(),
        ..Default::default()
    };
    let (outputs, _) = gloss::generate(&options).expect("generate");
    let copied: Vec<_> = outputs
        .iter()
        .filter_map(|o| match o {
            gloss::render::Output::Copy { from, .. } => Some(from.clone()),
            _ => None,
        })
        .collect();
    assert!(!copied.is_empty());
    for from in copied {
        assert!(from.starts_with(site.root()), "{}", from.display());
    }
}

#[test]
fn a_file_or_symlink_where_a_folder_goes_is_replaced() {
    let site = Site::fixture();
    site.build();
    let want = site.snapshot();
    let public = site.public();
    std::fs::remove_dir_all(public.join("briefs")).expect("rm");
    std::fs::write(public.join("briefs"), "a file").expect("write");
    let started = Instant::now();
    site.build();
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(site.snapshot() == want);
    assert!(leftovers(&site).is_empty());
}
