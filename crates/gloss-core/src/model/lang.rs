//! Language tags as editors write them (`language` in config.toml and in front matter),
//! checked once because they land in `lang` attributes and feeds.

/// Is `text` a BCP 47 language tag in form: subtags of ASCII letters and digits joined by
/// `-`, the first 2 to 8 letters, the others 1 to 8 characters (`ar`, `en-GB`, `az-Arab`,
/// `zh-Hant-TW`)? The subtags are not looked up in the registry.
pub fn is_language_tag(text: &str) -> bool {
    let mut parts = text.split('-');
    let first_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_in_form() {
        for tag in ["en", "ar", "en-GB", "az-Arab", "zh-Hant-TW", "es-419"] {
            assert!(is_language_tag(tag), "{tag}");
        }
        for tag in [
            "",
            "e",
            "english language",
            "en_GB",
            "en-",
            "-en",
            "fr\"",
            "1en",
            "en-toolongsubtag",
        ] {
            assert!(!is_language_tag(tag), "{tag}");
        }
    }
}
