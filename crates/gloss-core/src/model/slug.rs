//! Slugs: the URL-safe names of files and folders.

use std::fmt;

/// A URL-safe name taken from a file or folder name: lowercase ASCII letters, digits and
/// single hyphens. Parsing it once means every URL built from it is safe.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slug(String);

impl Slug {
    /// Checks a file or folder name; the error says what to rename it to.
    pub fn parse(name: &str) -> Result<Slug, String> {
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !name.starts_with('-')
            && !name.ends_with('-')
            && !name.contains("--");
        if valid && is_reserved_on_windows(name) {
            Err(format!(
                "`{name}` is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1 to COM9, \
                 LPT1 to LPT9): a file or folder by that name cannot be made or checked out \
                 there; use another, e.g. `{name}-1`"
            ))
        } else if valid {
            Ok(Slug(name.to_string()))
        } else {
            Err(format!(
                "`{name}` is not a valid slug: use lowercase letters, digits and single hyphens, e.g. `{}`",
                Slug::suggest(name)
            ))
        }
    }

    /// A valid slug made from any text: the one slugify function for tags, heading ids and
    /// the file names `gloss new` suggests. Letters of any script are transliterated to
    /// ASCII (`deunicode`: "Sécurité générale" -> `securite-generale`, "الحشد الشعبي" ->
    /// `lhshd-lshby`), apostrophes vanish ("Kata'ib" -> `kataib`), every other run of
    /// non-alphanumerics becomes one hyphen. Text with nothing to keep gives `untitled`.
    pub fn suggest(text: &str) -> String {
        let without_apostrophes: String = text
            .chars()
            .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{02BF}' | '\u{02BE}'))
            .collect();
        let ascii = deunicode::deunicode_with_tofu(&without_apostrophes, " ");
        let mut out = String::new();
        for c in ascii.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if c == '\'' || c == '`' {
                // Transliterations spell some letters (ain, hamza) with an apostrophe.
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let trimmed = out.trim_end_matches('-');
        if trimmed.is_empty() {
            "untitled".to_string()
        } else {
            trimmed.to_string()
        }
    }

    /// What two names must share to be "the same name" spelled differently: the name without
    /// case and accents ("Iraq", "iraq" and "IRAQ"; "Sécurité" and "securite"). Names that
    /// slugify alike but differ here are different names that would collide.
    pub fn fold(text: &str) -> String {
        deunicode::deunicode_with_tofu(text.trim(), "\u{FFFD}").to_lowercase()
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Is `name` (before any extension) one of the device names Windows reserves in every
/// folder (`con`, `prn`, `aux`, `nul`, `com0`–`com9`, `lpt0`–`lpt9`, in any case)?
pub fn is_reserved_on_windows(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_lowercase();
    match stem.as_bytes() {
        b"con" | b"prn" | b"aux" | b"nul" => true,
        [b'c', b'o', b'm', d] | [b'l', b'p', b't', d] => d.is_ascii_digit(),
        _ => false,
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_device_names_are_not_slugs() {
        for name in ["con", "aux", "nul", "prn", "com1", "lpt9"] {
            let err = Slug::parse(name).unwrap_err();
            assert!(err.contains("Windows"), "{err}");
        }
        for name in ["cone", "auxiliary", "com", "com10", "null", "con-1"] {
            assert!(Slug::parse(name).is_ok(), "{name}");
        }
        assert!(is_reserved_on_windows("CON.md"));
    }

    #[test]
    fn slugs_are_checked() {
        assert!(Slug::parse("ain-al-asad").is_ok());
        assert!(
            Slug::parse("Ain Al Asad")
                .unwrap_err()
                .contains("`ain-al-asad`")
        );
        assert!(Slug::parse("a--b").is_err());
        assert!(Slug::parse("").is_err());
    }

    #[test]
    fn any_script_gets_a_readable_slug() {
        assert_eq!(Slug::suggest("Sécurité générale"), "securite-generale");
        assert_eq!(Slug::suggest("الحشد الشعبي"), "lhshd-lshby");
        assert_eq!(Slug::suggest("Kata'ib Hezbollah"), "kataib-hezbollah");
        assert_eq!(Slug::suggest("Kata’ib Hezbollah"), "kataib-hezbollah");
        assert_eq!(Slug::suggest("Rocket attacks!"), "rocket-attacks");
        assert_eq!(Slug::suggest("Дмитрий"), "dmitrii");
        assert_eq!(Slug::suggest("!!!"), "untitled");
        assert_ne!(Slug::suggest("الحشد الشعبي"), Slug::suggest("حزب الله"));
        for text in [
            "Sécurité générale",
            "الحشد الشعبي",
            "北京",
            "🚀 x",
            "\u{0}\u{FEFF}a",
        ] {
            assert!(Slug::parse(&Slug::suggest(text)).is_ok(), "{text}");
        }
        assert_eq!(Slug::fold("Iraq"), Slug::fold("IRAQ"));
        assert_eq!(Slug::fold("Sécurité"), Slug::fold("securite"));
        assert_ne!(Slug::fold("rocket attacks"), Slug::fold("rocket-attacks"));
    }
}
