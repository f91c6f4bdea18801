//! The seed article (`../shared/seed/`, beside the repository and never copied into it) for
//! the tests that read it. A plain clone has nothing beside it: there these tests say on
//! stderr that they were skipped and pass, so `cargo test` works anywhere. CI sets
//! `GLOSS_REQUIRE_SEED=1`, which turns a missing seed into a failure, so the seed is never
//! skipped silently where it should exist. Shared by the unit tests (through
//! `src/testing.rs`) and the integration tests (through `#[path]`); it uses only `std`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The seed article's file name.
const ARTICLE: &str = "000_205e801ed5c03a82.txt";

/// What a test does about the seed.
#[derive(Debug, PartialEq, Eq)]
pub enum Seed {
    /// The seed is there: read it.
    Found(PathBuf),
    /// It is missing and not required: skip the test.
    Skip,
    /// It is missing and `GLOSS_REQUIRE_SEED=1`: fail.
    Missing(PathBuf),
}

/// What to do, given where the seed article would be and whether it is required.
pub fn decide(path: PathBuf, required: bool) -> Seed {
    if path.is_file() {
        Seed::Found(path)
    } else if required {
        Seed::Missing(path)
    } else {
        Seed::Skip
    }
}

/// The repository's root folder (where `Cargo.lock`, the demo site, `docs/` and
/// `tests/fixtures/` are): the first folder holding `Cargo.lock` at or above the package
/// being tested, so a unit test of a crate under `crates/` finds the same files as an
/// integration test of the root package.
pub fn repository() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}

/// The seed article's path for the test named `test`, or `None` after printing
/// `skipped: ../shared/seed not found (test)` on stderr (written straight to the process's
/// stderr, so it shows even when the test harness captures output). Panics, failing the
/// test, when the seed is missing and `GLOSS_REQUIRE_SEED=1`.
pub fn article(test: &str) -> Option<PathBuf> {
    let path = repository().join("../shared/seed").join(ARTICLE);
    let required = std::env::var("GLOSS_REQUIRE_SEED").is_ok_and(|v| v == "1");
    match decide(path, required) {
        Seed::Found(path) => Some(path),
        Seed::Skip => {
            let _ = writeln!(
                std::io::stderr(),
                "skipped: ../shared/seed not found ({test})"
            );
            None
        }
        Seed::Missing(path) => panic!(
            "GLOSS_REQUIRE_SEED=1 but the seed article {} is missing ({test})",
            path.display()
        ),
    }
}

/// The seed article's text (see [`article`]).
pub fn text(test: &str) -> Option<String> {
    let path = article(test)?;
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => panic!("cannot read the seed article {}: {e}", path.display()),
    }
}
