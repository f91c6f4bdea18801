//! The `gloss` binary run as an editor runs it, outside any fixture: a new site made by
//! `gloss init`, and any command's exit code and output.

use std::path::PathBuf;
use std::time::Duration;

use assert_cmd::Command;

/// Runs `gloss` with `args`: its exit code, standard output and standard error.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(120))
        .output()
        .expect("gloss runs");
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    (
        output.status.code().unwrap_or(-1),
        text(output.stdout),
        text(output.stderr),
    )
}

/// A site made by `gloss init` in a temporary folder (kept while the first value lives).
pub fn new_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let (code, _, stderr) = run(&["init", site.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{stderr}");
    (dir, site)
}
