//! Helpers shared by the unit tests of several modules, owned by none of them.

use proptest::prelude::ProptestConfig;

/// `default` cases, or `PROPTEST_CASES` when set (for long runs:
/// `PROPTEST_CASES=20000 cargo test --lib proptest`).
pub(crate) fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}
