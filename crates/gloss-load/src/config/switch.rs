//! A setting that is on, off, or left to gloss (`true`, `false` or `"auto"`), for what the
//! build decides from the site's size unless the editor says otherwise.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// `true`, `false` or `"auto"` in `config.toml`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Switch {
    /// `"auto"`: gloss decides by a documented rule (the default).
    #[default]
    Auto,
    /// `true`.
    On,
    /// `false`.
    Off,
}

impl Switch {
    /// Whether the setting is on, where `auto` is what the rule gives.
    pub fn resolve(self, auto: bool) -> bool {
        match self {
            Switch::Auto => auto,
            Switch::On => true,
            Switch::Off => false,
        }
    }
}

/// Reads `true`, `false` or `"auto"`.
struct SwitchVisitor;

impl Visitor<'_> for SwitchVisitor {
    type Value = Switch;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("true, false or \"auto\"")
    }

    fn visit_bool<E: de::Error>(self, on: bool) -> Result<Self::Value, E> {
        Ok(if on { Switch::On } else { Switch::Off })
    }

    fn visit_str<E: de::Error>(self, word: &str) -> Result<Self::Value, E> {
        match word {
            "auto" => Ok(Switch::Auto),
            other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
        }
    }
}

impl<'de> Deserialize<'de> for Switch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SwitchVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Switch;

    #[derive(serde::Deserialize)]
    struct Publish {
        compact: Switch,
    }

    fn parse(value: &str) -> Result<Switch, String> {
        toml::from_str::<Publish>(&format!("compact = {value}"))
            .map(|p| p.compact)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn reads_true_false_and_auto() {
        assert_eq!(parse("true"), Ok(Switch::On));
        assert_eq!(parse("false"), Ok(Switch::Off));
        assert_eq!(parse("\"auto\""), Ok(Switch::Auto));
        for wrong in ["\"yes\"", "1"] {
            let message = parse(wrong).expect_err(wrong);
            assert!(message.contains("true, false or \"auto\""), "{message}");
        }
    }

    #[test]
    fn auto_is_the_rule() {
        assert!(Switch::Auto.resolve(true));
        assert!(!Switch::Auto.resolve(false));
        assert!(Switch::On.resolve(false));
        assert!(!Switch::Off.resolve(true));
    }
}
