//! A closed pipe: `gloss check | head -1` and `gloss build | head -1` end quietly with their
//! usual exit status, never "failed printing to stdout: Broken pipe" and exit 101. Run
//! through a real shell pipe from the binary, and with the reading end closed at once.

mod common;

use std::process::{Command, Stdio};

use common::Site;

/// Runs `gloss ARGS | head -1` (stdout and stderr) in `sh`, returning gloss's exit status
/// (from `pipefail`-free `$?` capture) and what reached head's stderr.
fn piped(site: &Site, args: &str, streams: &str) -> (i32, String) {
    let script = format!(
        "\"$GLOSS\" --root \"$ROOT\" {args} {streams} | head -1 >/dev/null; \
         exit ${{PIPESTATUS[0]}}"
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("GLOSS", env!("CARGO_BIN_EXE_gloss"))
        .env("ROOT", site.root())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .output()
        .expect("bash runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn check_and_build_into_head_end_quietly() {
    let site = Site::fixture();
    for args in ["check", "check --format json", "build", "build --verbose"] {
        for streams in ["", "2>&1"] {
            let (code, stderr) = piped(&site, args, streams);
            assert_eq!(code, 0, "gloss {args} {streams}: {stderr}");
            assert!(!stderr.contains("panicked"), "gloss {args}: {stderr}");
            assert!(!stderr.contains("Broken pipe"), "gloss {args}: {stderr}");
        }
    }
}

#[test]
fn a_pipe_closed_before_the_first_line_is_not_a_panic() {
    let site = Site::fixture();
    for args in [&["check"][..], &["build", "--verbose"][..]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
            .arg("--root")
            .arg(site.root())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("gloss starts");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("gloss ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "gloss {args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
