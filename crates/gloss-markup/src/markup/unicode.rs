//! Unicode questions every stage asks the same way: which characters are invisible for
//! matching (default-ignorable code points and tatweel), which ones reorder text (bidi
//! embeddings, overrides and isolates), and text in its composed form (NFC).
//!
//! The tables come from maintained crates (`icu_properties` for
//! `Default_Ignorable_Code_Point`, `unicode-normalization` for NFC), so they follow Unicode
//! releases without a list kept here.

use std::borrow::Cow;

use icu_properties::CodePointSetData;
use icu_properties::props::DefaultIgnorableCodePoint;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Arabic tatweel (kashida): stretches a word for layout and means nothing, so `صـاروخ`
/// is `صاروخ`. Unicode does not list it as default-ignorable, so it is named here.
const TATWEEL: char = '\u{0640}';

/// True for characters that matching and search skip: every default-ignorable code point
/// (bidi marks LRM/RLM/ALM, ZWJ/ZWNJ, zero-width space, word joiner, soft hyphen, variation
/// selectors, byte-order mark, …) and tatweel. Pages keep them as written.
pub fn is_ignorable(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    c == TATWEEL || CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
}

/// True for the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
/// they reorder the text after them on screen, so what a reader sees is not what was
/// written ("Trojan Source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The byte offset and character of the first bidi control in `text`, and how many it has.
pub fn find_bidi_controls(text: &str) -> Option<(usize, char, usize)> {
    let mut found = text.char_indices().filter(|&(_, c)| is_bidi_control(c));
    let (at, first) = found.next()?;
    Some((at, first, 1 + found.count()))
}

/// `text` with every bidi control shown as `<U+202E>`, safe to print in a message.
pub fn show_bidi_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_bidi_control(c) {
            out.push_str(&format!("<U+{:04X}>", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// `line` with every bidi control replaced by U+FFFD, one character for one, so a snippet
/// under a message keeps its columns and does not reorder the terminal's text.
pub fn mask_bidi_controls(line: &str) -> String {
    line.chars()
        .map(|c| if is_bidi_control(c) { '\u{FFFD}' } else { c })
        .collect()
}

/// The Unicode name of a bidi control, for messages.
pub fn bidi_control_name(c: char) -> &'static str {
    match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => "bidi control",
    }
}

/// `text` in Normalization Form C; borrowed when it already is (the common case, checked
/// in one quick scan).
pub fn nfc(text: &str) -> Cow<'_, str> {
    if is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// True for a combining mark that is not part of a letter: an accent left over after NFC
/// (`q\u{301}`, or the dot of `i\u{307}` that lower-casing `İ` gives). Search drops these
/// so they do not split a word; marks that are letters' vowels (Devanagari, Thai…) count
/// as letters.
pub fn is_loose_mark(c: char) -> bool {
    !c.is_ascii() && unicode_normalization::char::is_combining_mark(c) && !c.is_alphanumeric()
}

/// True when `text` is certainly in NFC (one quick scan, no copy).
pub fn is_nfc(text: &str) -> bool {
    is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// True when `c` may combine with the character before it under NFC: a combining mark, or
/// a character that composes with a preceding starter (Hangul vowels and trailing
/// consonants, some Indic vowel signs).
pub fn combines_backwards(c: char) -> bool {
    !c.is_ascii()
        && (unicode_normalization::char::canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignorables_are_the_invisible_ones() {
        for c in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{00AD}',
            '\u{2060}', '\u{FEFF}', '\u{FE0F}', '\u{034F}', '\u{0640}', '\u{202E}',
        ] {
            assert!(is_ignorable(c), "U+{:04X}", u32::from(c));
        }
        for c in ['a', ' ', '-', 'é', '\u{0643}', '\u{064E}', '\u{0301}', '中'] {
            assert!(!is_ignorable(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn bidi_controls_are_the_embeddings_overrides_and_isolates() {
        let all: Vec<char> = ('\u{2000}'..='\u{2100}')
            .filter(|&c| is_bidi_control(c))
            .collect();
        assert_eq!(all.len(), 9);
        assert!(!is_bidi_control('\u{200F}'));
        assert!(all.iter().all(|&c| bidi_control_name(c) != "bidi control"));
        assert_eq!(
            find_bidi_controls("ab\u{202E}c\u{2066}"),
            Some((2, '\u{202E}', 2))
        );
        assert_eq!(find_bidi_controls("a\u{200F}b"), None);
        assert_eq!(show_bidi_controls("a\u{202E}b"), "a<U+202E>b");
    }

    #[test]
    fn nfc_composes_and_borrows_composed_text() {
        assert!(matches!(nfc("José Pérez"), Cow::Borrowed(_)));
        assert_eq!(nfc("Jose\u{301} Pe\u{301}rez"), "José Pérez");
        assert_eq!(nfc("\u{212B}"), "\u{00C5}");
        assert!(combines_backwards('\u{301}'));
        assert!(combines_backwards('\u{1161}'));
        assert!(!combines_backwards('e'));
        assert!(!combines_backwards('\u{0627}'));
        assert!(is_loose_mark('\u{301}') && is_loose_mark('\u{307}'));
        assert!(!is_loose_mark('\u{093F}') && !is_loose_mark('a'));
    }
}
