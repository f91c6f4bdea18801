//! The `gloss` binary run as an editor runs it, outside any fixture: a new site made by
//! `gloss init`, and any command's exit code and output.

use std::path::PathBuf;
use std::time::Duration;

use assert_cmd::Command;

/// Runs `gloss` with `args`: its exit code, standard output and standard error.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let run = gloss(args);
    (run.code, run.stdout, run.stderr)
}

/// Runs `gloss` with `args`, for the assertions of [`super::Run`].
pub fn gloss(args: &[&str]) -> super::Run {
    let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(120))
        .output()
        .expect("gloss runs");
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    super::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: text(output.stdout),
        stderr: text(output.stderr),
    }
}

/// A site made by `gloss init` in a temporary folder (kept while the first value lives).
pub fn new_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let (code, _, stderr) = run(&["init", site.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{stderr}");
    (dir, site)
}

/// Assertions on one run that print the whole run when they fail: a failing test then
/// shows the exit code, standard output and standard error, not only the missing text.
impl super::Run {
    /// The whole run as a failing assertion shows it (also for tests that gather every
    /// problem before failing).
    pub fn shown(&self) -> String {
        format!(
            "exit {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.code, self.stdout, self.stderr
        )
    }

    /// Asserts the run exited with `code`.
    #[track_caller]
    pub fn exits(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            code,
            "wanted exit {code}, got:\n{}",
            self.shown()
        );
        self
    }

    /// Asserts the run succeeded (exit 0).
    #[track_caller]
    pub fn succeeds(&self) -> &Self {
        self.exits(0)
    }

    /// Asserts the run failed as a content error does (exit 1).
    #[track_caller]
    pub fn fails(&self) -> &Self {
        self.exits(1)
    }

    /// Asserts standard error says `text`.
    #[track_caller]
    pub fn says(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr does not say {text:?}:\n{}",
            self.shown()
        );
        self
    }

    /// Asserts standard output says `text`.
    #[track_caller]
    pub fn prints(&self, text: &str) -> &Self {
        assert!(
            self.stdout.contains(text),
            "stdout does not say {text:?}:\n{}",
            self.shown()
        );
        self
    }

    /// Asserts standard output does not say `text`.
    #[track_caller]
    pub fn never_prints(&self, text: &str) -> &Self {
        assert!(
            !self.stdout.contains(text),
            "stdout says {text:?}:\n{}",
            self.shown()
        );
        self
    }

    /// Asserts standard error does not say `text`.
    #[track_caller]
    pub fn never_says(&self, text: &str) -> &Self {
        assert!(
            !self.stderr.contains(text),
            "stderr says {text:?}:\n{}",
            self.shown()
        );
        self
    }
}
