//! `dir="auto"` only where it changes something. User-written text (a name, a title, a
//! role) whose direction may differ from its surroundings needs `dir="auto"` so that a
//! Hebrew name in an English sidebar, or an English name in an Arabic brief, keeps its own
//! order (issue 22). On a left-to-right page, text without a single right-to-left character
//! is laid out the same with or without it, and writing it on every link of every brief was
//! ~0.8 KB of a median brief page (issue 26).

use std::borrow::Cow;

/// Whether `c` is a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan,
/// Mandaic and their presentation forms, the right-to-left historic scripts) or a bidi
/// control, either of which makes a text's direction matter in a left-to-right context.
fn is_rtl_or_control(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}'
        | '\u{200E}' | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}')
}

/// Whether `text`, shown inside an element of direction `context` (`ltr` or `rtl`), needs
/// `dir="auto"`: always in a right-to-left context (Latin names there are the common case),
/// and in a left-to-right one only when the text holds a right-to-left letter or a control.
pub fn needs_dir_auto(text: &str, context: &str) -> bool {
    context == "rtl" || text.chars().any(is_rtl_or_control)
}

/// The `dir_auto` Tera filter: ` dir="auto"` (with its leading space, safe) when
/// [`needs_dir_auto`] says so, else "". `ctx` is the direction around the element, `ltr`
/// unless given: `<a href="…"{{ name | dir_auto }}>{{ name }}</a>`.
pub fn dir_auto_filter(
    text: Cow<'_, str>,
    kwargs: tera::Kwargs,
    _: &tera::State,
) -> tera::TeraResult<tera::Value> {
    let context = kwargs.get::<&str>("ctx")?.unwrap_or("ltr");
    Ok(tera::Value::safe_string(
        if needs_dir_auto(&text, context) {
            " dir=\"auto\""
        } else {
            ""
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::needs_dir_auto;

    #[test]
    fn only_text_that_may_turn_gets_dir_auto() {
        assert!(!needs_dir_auto("Kata'ib Hezbollah", "ltr"));
        assert!(!needs_dir_auto("11 May 2012 · Ain al-Asad", "ltr"));
        assert!(needs_dir_auto("كتائب حزب الله", "ltr"), "Arabic");
        assert!(
            needs_dir_auto("Camp עין", "ltr"),
            "a Hebrew word in a Latin name"
        );
        assert!(needs_dir_auto("x\u{202E}gpj.exe", "ltr"), "a bidi override");
        assert!(
            needs_dir_auto("Kata'ib Hezbollah", "rtl"),
            "Latin in an RTL brief"
        );
    }
}
