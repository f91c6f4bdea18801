//! Helpers shared by the unit tests of several modules, owned by none of them.

use proptest::prelude::ProptestConfig;

/// `default` cases, or `PROPTEST_CASES` when set (for long runs:
/// `PROPTEST_CASES=20000 cargo test --lib proptest`).
pub fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

pub mod seed;

#[cfg(test)]
mod tests {
    use super::seed::{Seed, decide};

    #[test]
    fn a_missing_seed_is_skipped_unless_required() {
        let absent = std::path::PathBuf::from("../no-such-folder/seed.txt");
        assert_eq!(decide(absent.clone(), false), Seed::Skip);
        assert_eq!(decide(absent.clone(), true), Seed::Missing(absent));
        let here = super::seed::repository().join(file!());
        assert_eq!(decide(here.clone(), true), Seed::Found(here.clone()));
        assert_eq!(decide(here.clone(), false), Seed::Found(here));
    }
}
