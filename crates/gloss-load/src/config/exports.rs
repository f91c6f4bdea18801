//! `[publish] uncompressed_exports`: which large data files are written uncompressed as well
//! as gzipped. JSON compresses about tenfold, and a whole archive's exports are a large share
//! of a host's 1 GB, so by default only the files that would crowd the host are left as
//! `.gz` alone; an editor can keep every copy (`true`) or none past 1 MB (`false`).

use serde::Deserialize;

use super::switch::Switch;

/// Exports up to this size (10 MB, decimal) keep their uncompressed copy under
/// [`UncompressedExports::Auto`]: an archive of a few thousand briefs keeps
/// `/data/briefs.json` as it is; a larger one offers it as `briefs.json.gz` only.
pub const AUTO_UNCOMPRESSED_MAX: u64 = 10_000_000;

/// Which large exports (over 1 MB, the ones also written gzipped) keep an uncompressed copy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "Switch")]
pub enum UncompressedExports {
    /// Those up to [`AUTO_UNCOMPRESSED_MAX`] (`"auto"`, the default); `gloss build` names
    /// the ones written gzipped only.
    #[default]
    Auto,
    /// Every one (`true`).
    Always,
    /// None: a large export is written gzipped only (`false`).
    Never,
}

impl UncompressedExports {
    /// Is the uncompressed copy of a large export of `size` bytes written?
    pub fn keeps(self, size: u64) -> bool {
        match self {
            UncompressedExports::Always => true,
            UncompressedExports::Auto => size <= AUTO_UNCOMPRESSED_MAX,
            UncompressedExports::Never => false,
        }
    }
}

impl From<Switch> for UncompressedExports {
    fn from(switch: Switch) -> Self {
        match switch {
            Switch::Auto => UncompressedExports::Auto,
            Switch::On => UncompressedExports::Always,
            Switch::Off => UncompressedExports::Never,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{AUTO_UNCOMPRESSED_MAX, UncompressedExports};

    #[test]
    fn reads_true_false_and_auto() {
        let parse = |value: &str| {
            toml::from_str::<std::collections::BTreeMap<String, UncompressedExports>>(&format!(
                "x = {value}"
            ))
            .map(|m| m["x"])
        };
        assert_eq!(parse("true").ok(), Some(UncompressedExports::Always));
        assert_eq!(parse("false").ok(), Some(UncompressedExports::Never));
        assert_eq!(parse("\"auto\"").ok(), Some(UncompressedExports::Auto));
    }

    #[test]
    fn auto_keeps_up_to_ten_megabytes() {
        let auto = UncompressedExports::Auto;
        assert!(auto.keeps(AUTO_UNCOMPRESSED_MAX));
        assert!(!auto.keeps(AUTO_UNCOMPRESSED_MAX + 1));
        assert!(UncompressedExports::Always.keeps(u64::MAX));
        assert!(!UncompressedExports::Never.keeps(0));
    }
}
