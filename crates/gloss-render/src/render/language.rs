//! The writing direction of a language, for the `dir` attributes of a brief's title and
//! article. Its own file, below both the prepared cards and the brief page that read it, so
//! neither has to import the other's module.

/// The writing direction of a BCP 47 tag, for the `dir` attribute: an explicit script subtag
/// decides (`az-Arab` is right-to-left, `ku-Latn` left-to-right), else the language does.
pub fn text_direction(tag: &str) -> &'static str {
    const RTL_SCRIPTS: [&str; 8] = [
        "arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand",
    ];
    const RTL_LANGUAGES: [&str; 17] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ku", "ps", "sd", "syr", "ug",
        "ur", "yi", "prs",
    ];
    let lower = tag.to_ascii_lowercase();
    let mut parts = lower.split('-');
    let language = parts.next().unwrap_or_default();
    if let Some(script) = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return if RTL_SCRIPTS.contains(&script) {
            "rtl"
        } else {
            "ltr"
        };
    }
    if RTL_LANGUAGES.contains(&language) {
        "rtl"
    } else {
        "ltr"
    }
}

#[cfg(test)]
mod tests {
    use super::text_direction;

    #[test]
    fn right_to_left_languages_and_scripts() {
        for tag in ["ar", "AR", "fa-IR", "he", "ur", "az-Arab", "ckb"] {
            assert_eq!(text_direction(tag), "rtl", "{tag}");
        }
        for tag in ["en", "en-GB", "ku-Latn", "fr", "tr"] {
            assert_eq!(text_direction(tag), "ltr", "{tag}");
        }
    }
}
