//! `[publish] uncompressed_exports`: which large data files are written uncompressed as well
//! as gzipped. JSON compresses about tenfold, and a whole archive's exports are a large share
//! of a host's 1 GB, so by default only the files that would crowd the host are left as
//! `.gz` alone; an editor can keep every copy (`true`) or none past 1 MB (`false`).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// Exports up to this size (10 MB, decimal) keep their uncompressed copy under
/// [`UncompressedExports::Auto`]: an archive of a few thousand briefs keeps
/// `/data/briefs.json` as it is; a larger one offers it as `briefs.json.gz` only.
pub const AUTO_UNCOMPRESSED_MAX: u64 = 10_000_000;

/// Which large exports (over 1 MB, the ones also written gzipped) keep an uncompressed copy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
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

/// Reads `true`, `false` or `"auto"`.
struct PolicyVisitor;

impl Visitor<'_> for PolicyVisitor {
    type Value = UncompressedExports;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("true, false or \"auto\"")
    }

    fn visit_bool<E: de::Error>(self, keep: bool) -> Result<Self::Value, E> {
        Ok(if keep {
            UncompressedExports::Always
        } else {
            UncompressedExports::Never
        })
    }

    fn visit_str<E: de::Error>(self, word: &str) -> Result<Self::Value, E> {
        match word {
            "auto" => Ok(UncompressedExports::Auto),
            other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
        }
    }
}

impl<'de> Deserialize<'de> for UncompressedExports {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PolicyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::{AUTO_UNCOMPRESSED_MAX, UncompressedExports};

    #[derive(serde::Deserialize)]
    struct Publish {
        uncompressed_exports: UncompressedExports,
    }

    fn parse(value: &str) -> Result<UncompressedExports, String> {
        toml::from_str::<Publish>(&format!("uncompressed_exports = {value}"))
            .map(|p| p.uncompressed_exports)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn reads_true_false_and_auto() {
        assert_eq!(parse("true"), Ok(UncompressedExports::Always));
        assert_eq!(parse("false"), Ok(UncompressedExports::Never));
        assert_eq!(parse("\"auto\""), Ok(UncompressedExports::Auto));
        for wrong in ["\"yes\"", "1"] {
            let message = parse(wrong).expect_err(wrong);
            assert!(message.contains("true, false or \"auto\""), "{message}");
        }
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
