//! Cleaning a content file's text as it is read, so every later stage sees one form.
//!
//! Line ends are unified to LF (CRLF from Windows, lone CR from old Mac files and some
//! copy tools), so line numbers, front matter and paragraphs work alike for all. Control
//! characters are invisible in an editor, forbidden in HTML and break feeds, so they are
//! removed here, at the one place every content file passes through, with a warning that
//! says where they were. So are Unicode noncharacters (U+FFFF, U+FDD0…), which XML
//! forbids and no text needs.

/// Where the first control character was and how many the file had.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Controls {
    /// 1-based line of the first one (after line ends were unified).
    pub(crate) line: usize,
    /// 1-based column, in characters, of the first one.
    pub(crate) column: usize,
    /// The first one.
    pub(crate) first: char,
    /// How many were removed in all.
    pub(crate) count: usize,
}

/// Is `c` a control character that must not reach a page? All of C0 but tab and line
/// ends, DEL, and C1 (U+0080 to U+009F), which HTML also forbids.
pub(crate) fn is_forbidden_control(c: char) -> bool {
    crate::markup::toml_escapes::is_forbidden_control(c)
}

/// Unifies line ends to LF and removes control characters. A vertical tab, form feed or
/// NEL (line separators in some programs) becomes a space so the words around it stay
/// apart. Returns the cleaned text and, if any were removed, where the first was.
pub(crate) fn clean(text: String) -> (String, Option<Controls>) {
    let is_forbidden =
        |c: char| is_forbidden_control(c) || crate::markup::toml_escapes::is_noncharacter(c);
    if !text.chars().any(|c| c == '\r' || is_forbidden(c)) {
        return (text, None);
    }
    let mut out = String::with_capacity(text.len());
    let mut controls: Option<Controls> = None;
    let (mut line, mut column) = (1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
                (line, column) = (line + 1, 1);
            }
            '\n' => {
                out.push('\n');
                (line, column) = (line + 1, 1);
            }
            c if is_forbidden(c) => {
                match &mut controls {
                    Some(found) => found.count += 1,
                    None => {
                        controls = Some(Controls {
                            line,
                            column,
                            first: c,
                            count: 1,
                        })
                    }
                }
                if matches!(c, '\u{0B}' | '\u{0C}' | '\u{85}') {
                    out.push(' ');
                    column += 1;
                }
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    (out, controls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_untouched() {
        let (text, found) = clean("a\tb\nc\n".to_string());
        assert_eq!((text.as_str(), found), ("a\tb\nc\n", None));
    }

    #[test]
    fn line_ends_are_unified() {
        let (text, found) = clean("a\r\nb\rc\n\r".to_string());
        assert_eq!((text.as_str(), found), ("a\nb\nc\n\n", None));
    }

    #[test]
    fn controls_are_removed_and_located() {
        let (text, found) = clean("ok\r\nx\u{1}y\u{0}\u{7f}z\u{b}w\u{9c}\u{FFFF}".to_string());
        assert_eq!(text, "ok\nxyz w");
        assert_eq!(
            found,
            Some(Controls {
                line: 2,
                column: 2,
                first: '\u{1}',
                count: 6
            })
        );
    }

    proptest::proptest! {
        #[test]
        fn cleaned_text_has_no_controls(text in "[a\r\n\t\u{0}-\u{1f}\u{7f}-\u{a0}é]{0,60}") {
            let (cleaned, found) = clean(text.clone());
            proptest::prop_assert!(!cleaned.chars().any(|c| c == '\r' || is_forbidden_control(c)));
            let had = text.chars().filter(|&c| is_forbidden_control(c)).count();
            proptest::prop_assert_eq!(found.map_or(0, |f| f.count), had);
            proptest::prop_assert_eq!(cleaned.matches('\n').count() >= text.matches('\n').count(), true);
        }
    }
}
