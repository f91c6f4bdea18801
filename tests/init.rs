//! `gloss init` as a new user runs it: into a freshly cloned repository (README, LICENSE,
//! .git, .gitignore), refusing to overwrite what it would write unless `--force`, printing
//! the git and Pages steps; the workflow it writes pinned to this gloss, warned about by
//! `gloss check` when it pins another; and that workflow's install step run for real against
//! a stand-in release (a local HTTP server with the archive and its checksum).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

const WORKFLOW: &str = ".github/workflows/pages.yml";

/// Runs the binary in `dir` with `args`: (exit code, stdout, stderr).
fn gloss(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("gloss runs");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (
        output.status.code().unwrap_or(-1),
        text(&output.stdout),
        text(&output.stderr),
    )
}

/// A folder like a repository just cloned from GitHub.
fn cloned() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join(".git")).expect(".git");
    std::fs::write(dir.path().join(".git/HEAD"), "ref: refs/heads/main\n").expect("HEAD");
    std::fs::write(dir.path().join("README.md"), "# My briefs\n").expect("README");
    std::fs::write(dir.path().join("LICENSE"), "MIT\n").expect("LICENSE");
    std::fs::write(dir.path().join(".gitignore"), ".DS_Store\n").expect(".gitignore");
    dir
}

#[test]
fn init_into_a_cloned_repository() {
    let dir = cloned();
    let (code, stdout, stderr) = gloss(dir.path(), &["init", "."]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let read = |path: &str| std::fs::read_to_string(dir.path().join(path)).expect(path);
    assert_eq!(read("README.md"), "# My briefs\n", "the README is kept");
    assert_eq!(read("LICENSE"), "MIT\n");
    assert_eq!(
        read(".gitignore"),
        ".DS_Store\n# gloss: the built site\n/public\n"
    );
    assert!(dir.path().join("config.toml").is_file());
    assert!(dir.path().join(WORKFLOW).is_file());
    assert!(stdout.contains("kept your README.md"), "{stdout}");
    assert!(stdout.contains("added /public to .gitignore"), "{stdout}");
    assert!(stdout.contains("Next: gloss serve"), "{stdout}");
    assert!(
        stdout.contains("git add -A && git commit -m \"A new gloss site\" && git push"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Settings > Pages > Build and deployment > Source: GitHub Actions"),
        "{stdout}"
    );
    let (code, _, stderr) = gloss(dir.path(), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = gloss(dir.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("workflow"), "{stderr}");
}

#[test]
fn a_new_folder_is_told_to_git_init() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, stdout, stderr) = gloss(dir.path(), &["init", "site"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Next: cd site && gloss serve"), "{stdout}");
    assert!(stdout.contains("git init -b main"), "{stdout}");
    assert!(stdout.contains("git push -u origin main"), "{stdout}");
}

#[test]
fn a_collision_is_named_and_nothing_is_written_unless_forced() {
    let dir = cloned();
    std::fs::write(dir.path().join("config.toml"), "title = \"mine\"\n").expect("write");
    let (code, _, stderr) = gloss(dir.path(), &["init", "."]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("config.toml is already there"), "{stderr}");
    assert!(stderr.contains("gloss init --force ."), "{stderr}");
    assert!(!dir.path().join("content").exists(), "nothing written");
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).expect("read"),
        ".DS_Store\n"
    );
    let (code, _, stderr) = gloss(dir.path(), &["init", "--force", "."]);
    assert_eq!(code, 0, "{stderr}");
    let config = std::fs::read_to_string(dir.path().join("config.toml")).expect("read");
    assert!(!config.contains("mine"), "{config}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).expect("read"),
        "# My briefs\n"
    );
}

/// The value of `key:` in the workflow's `env:` block, unquoted.
fn env_value(workflow: &str, key: &str) -> String {
    workflow
        .lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{key}:")))
        .expect(key)
        .trim()
        .trim_matches('"')
        .to_string()
}

#[test]
fn the_workflow_pins_this_gloss_and_check_names_another_pin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, _, stderr) = gloss(dir.path(), &["init", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let site = dir.path().join("site");
    let path = site.join(WORKFLOW);
    let workflow = std::fs::read_to_string(&path).expect("workflow");
    let (_, version, _) = gloss(dir.path(), &["--version"]);
    assert_eq!(
        version.trim(),
        format!("gloss {}", env_value(&workflow, "GLOSS_VERSION"))
    );
    assert_eq!(env_value(&workflow, "GLOSS_PACKAGE"), "gloss-briefs");
    assert!(!workflow.contains("OWNER") && !workflow.contains("GLOSS_GIT"));
    let line = 1 + workflow
        .lines()
        .position(|l| l.contains("GLOSS_VERSION:"))
        .expect("line");
    let old = workflow.replace(
        &format!("GLOSS_VERSION: \"{}\"", env!("CARGO_PKG_VERSION")),
        "GLOSS_VERSION: \"0.0.1\"",
    );
    std::fs::write(&path, old).expect("write");
    let (code, _, stderr) = gloss(&site, &["check"]);
    assert_eq!(code, 0, "a warning: {stderr}");
    assert!(
        stderr.contains(&format!(
            "warning: the workflow installs gloss 0.0.1, but this is gloss {}",
            env!("CARGO_PKG_VERSION")
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("--> {WORKFLOW}:{line}:18")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "change this line to `GLOSS_VERSION: \"{}\"`",
            env!("CARGO_PKG_VERSION")
        )),
        "{stderr}"
    );
}

/// Serves the files of `dir` over HTTP on 127.0.0.1 (404 for others) until the test ends;
/// returns its address.
fn stand_in_release(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut request = String::new();
            let mut reader = BufReader::new(&stream);
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let path = request
                .split(' ')
                .nth(1)
                .unwrap_or("/")
                .trim_start_matches('/');
            let mut stream = &stream;
            let _ = match std::fs::read(dir.join(path)) {
                Ok(body) => stream
                    .write_all(
                        format!("HTTP/1.0 200 OK\r\nContent-Length: {}\r\n\r\n", body.len())
                            .as_bytes(),
                    )
                    .and_then(|()| stream.write_all(&body)),
                Err(_) => stream.write_all(b"HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
            };
        }
    });
    address
}

/// The script of the workflow's "Install gloss" step.
fn install_script(workflow: &str) -> String {
    let lines: Vec<&str> = workflow.lines().collect();
    let step = lines
        .iter()
        .position(|l| l.contains("- name: Install gloss"))
        .expect("the install step");
    let run = step
        + lines[step..]
            .iter()
            .position(|l| l.trim() == "run: |")
            .expect("run");
    let indent = lines[run + 1].len() - lines[run + 1].trim_start().len();
    lines[run + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() >= indent)
        .map(|l| l.get(indent..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs the install step as the runner would, with `releases` as GLOSS_RELEASES and a
/// `cargo` that only records its arguments: (exit code, output, the home folder).
fn install(workflow: &str, releases: &str, work: &Path) -> (i32, String, PathBuf) {
    let home = work.join("home");
    let temp = work.join("runner-temp");
    let fake = work.join("fake-bin");
    for dir in [&home, &temp, &fake] {
        std::fs::create_dir_all(dir).expect("mkdir");
    }
    let cargo = fake.join("cargo");
    std::fs::write(
        &cargo,
        "#!/bin/sh\necho \"cargo $*\" > \"$HOME/cargo-args\"\n",
    )
    .expect("cargo");
    Command::new("chmod")
        .arg("+x")
        .arg(&cargo)
        .status()
        .expect("chmod");
    let path = format!(
        "{}:{}",
        fake.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(install_script(workflow))
        .env("HOME", &home)
        .env("RUNNER_TEMP", &temp)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("PATH", path)
        .env("GLOSS_VERSION", env_value(workflow, "GLOSS_VERSION"))
        .env("GLOSS_PACKAGE", env_value(workflow, "GLOSS_PACKAGE"))
        .env("GLOSS_RELEASES", releases)
        .output()
        .expect("bash runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned()
        + &String::from_utf8_lossy(&output.stderr);
    (output.status.code().unwrap_or(-1), text, home)
}

#[cfg(target_os = "linux")]
#[test]
fn the_install_step_downloads_a_checked_release_or_falls_back_to_crates_io() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, _, stderr) = gloss(dir.path(), &["init", "site"]);
    assert_eq!(code, 0, "{stderr}");
    let workflow = std::fs::read_to_string(dir.path().join("site").join(WORKFLOW)).expect("read");
    assert!(env_value(&workflow, "GLOSS_RELEASES").ends_with("/releases/download"));
    // The release, laid out as release.yml publishes it.
    let version = env!("CARGO_PKG_VERSION");
    let release = dir.path().join("release");
    let folder = release.join(format!("v{version}"));
    std::fs::create_dir_all(&folder).expect("mkdir");
    let staged = dir.path().join("staged");
    std::fs::create_dir_all(&staged).expect("mkdir");
    std::fs::copy(env!("CARGO_BIN_EXE_gloss"), staged.join("gloss")).expect("copy");
    let archive = format!("gloss-v{version}-x86_64-unknown-linux-musl.tar.gz");
    let sh = |script: &str| {
        let status = Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(&folder)
            .status();
        assert!(status.expect("bash").success(), "{script}");
    };
    sh(&format!("tar -czf {archive} -C {} gloss", staged.display()));
    sh(&format!("sha256sum {archive} > {archive}.sha256"));
    let server = stand_in_release(release);

    let (code, out, home) = install(&workflow, &server, &dir.path().join("good"));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("Installed gloss {version} from {server}")),
        "{out}"
    );
    let ran = Command::new(home.join(".cargo/bin/gloss"))
        .arg("--version")
        .output();
    let ran = String::from_utf8_lossy(&ran.expect("installed gloss runs").stdout).into_owned();
    assert_eq!(ran.trim(), format!("gloss {version}"));
    assert!(!home.join("cargo-args").exists(), "no compiling");

    // A wrong checksum stops the job; it never falls back.
    sh(&format!(
        "echo 0000000000000000000000000000000000000000000000000000000000000000  {archive} > {archive}.sha256"
    ));
    let (code, out, home) = install(&workflow, &server, &dir.path().join("bad"));
    assert_ne!(code, 0, "{out}");
    assert!(!home.join(".cargo/bin/gloss").exists(), "{out}");
    assert!(!home.join("cargo-args").exists(), "{out}");

    // No release for this version (or none at all): crates.io.
    for releases in [format!("{server}/missing"), String::new()] {
        let work = dir.path().join(format!("fallback{}", releases.len()));
        let (code, out, home) = install(&workflow, &releases, &work);
        assert_eq!(code, 0, "{out}");
        let args = std::fs::read_to_string(home.join("cargo-args")).expect("cargo ran");
        assert_eq!(
            args.trim(),
            format!("cargo install --locked gloss-briefs@{version}")
        );
    }
}
