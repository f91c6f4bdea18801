//! TOML escapes that make characters no web page, feed or data file may hold: `\u0000`,
//! `\u001b` and the other C0 and C1 controls (tab and line ends excepted), DEL, and the
//! Unicode noncharacters (`\uFFFF`, `\uFDD0`…). Raw control characters are removed when a
//! file is read; these only appear once TOML unescapes a string, so they are found here, in
//! the TOML text itself, where their line and column are known.

/// Is `c` a Unicode noncharacter (U+FDD0 to U+FDEF, and the last two code points of every
/// plane, such as U+FFFE and U+FFFF)? XML forbids U+FFFE and U+FFFF outright.
pub fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// Is `c` a control character that must not reach a page? All of C0 but tab and line
/// ends, DEL, and C1 (U+0080 to U+009F), which HTML also forbids.
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || ('\u{80}'..='\u{9f}').contains(&c)
}

/// May `c` not appear in a page, a feed or a data file?
pub fn is_forbidden(c: char) -> bool {
    is_forbidden_control(c) || is_noncharacter(c)
}

/// One escape that makes a forbidden character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForbiddenEscape {
    /// Byte offset of its backslash in the TOML text.
    pub at: usize,
    /// Its length in bytes (`\u0000` 6, `\U0000FFFF` 10).
    pub len: usize,
    /// The character it makes.
    pub makes: char,
}

/// Where a scan of TOML text is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    Code,
    Comment,
    /// A basic string, `"` or `"""`: escapes apply.
    Basic(bool),
    /// A literal string, `'` or `'''`: no escapes.
    Literal(bool),
}

/// Every escape in the basic strings of `text` that makes a forbidden character, in order.
/// Comments, literal strings and escaped backslashes (`\\u0000` is text) are told apart.
pub fn forbidden_escapes(text: &str) -> Vec<ForbiddenEscape> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut state = In::Code;
    let mut i = 0;
    let starts = |i: usize, s: &[u8]| bytes[i..].starts_with(s);
    while i < bytes.len() {
        let b = bytes[i];
        match state {
            In::Code => match b {
                b'#' => state = In::Comment,
                b'"' if starts(i, b"\"\"\"") => (state, i) = (In::Basic(true), i + 2),
                b'"' => state = In::Basic(false),
                b'\'' if starts(i, b"'''") => (state, i) = (In::Literal(true), i + 2),
                b'\'' => state = In::Literal(false),
                _ => {}
            },
            In::Comment if b == b'\n' => state = In::Code,
            In::Comment => {}
            In::Basic(multi) => match b {
                b'\\' => {
                    let digits = match bytes.get(i + 1) {
                        Some(b'u') => 4,
                        Some(b'U') => 8,
                        _ => 0,
                    };
                    let makes = text
                        .get(i + 2..i + 2 + digits)
                        .filter(|_| digits > 0)
                        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                        .and_then(char::from_u32);
                    if let Some(makes) = makes.filter(|&c| is_forbidden(c)) {
                        found.push(ForbiddenEscape {
                            at: i,
                            len: 2 + digits,
                            makes,
                        });
                    }
                    // The escaped character (or the escape's letter) is not a quote.
                    i += 1 + digits;
                }
                b'"' if multi && starts(i, b"\"\"\"") => (state, i) = (In::Code, i + 2),
                b'"' if !multi => state = In::Code,
                b'\n' if !multi => state = In::Code,
                _ => {}
            },
            In::Literal(multi) => match b {
                b'\'' if multi && starts(i, b"'''") => (state, i) = (In::Code, i + 2),
                b'\'' if !multi => state = In::Code,
                b'\n' if !multi => state = In::Code,
                _ => {}
            },
        }
        i += 1;
    }
    found
}

/// `text` with each of `escapes` (from [`forbidden_escapes`]) made to give U+FFFD, the
/// replacement character, instead: `\u0000` becomes `\uFFFD`, `\U0000FFFF` becomes
/// `\U0000FFFD`. Every length stays the same, so spans into the text stay right.
pub fn replace_escapes(text: &mut String, escapes: &[ForbiddenEscape]) {
    for escape in escapes {
        let digits = escape.len - 2;
        let replacement = format!("{:0>digits$}", "FFFD");
        let start = escape.at + 2;
        if text.is_char_boundary(start) && text.is_char_boundary(start + digits) {
            text.replace_range(start..start + digits, &replacement);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn makes(text: &str) -> Vec<char> {
        forbidden_escapes(text).iter().map(|e| e.makes).collect()
    }

    #[test]
    fn finds_escapes_that_make_forbidden_characters() {
        assert_eq!(
            makes(r#"title = "a\u0000b\u001b[31m \uFFFF \U0000FFFE \u0009 \u00e9""#),
            ['\0', '\u{1b}', '\u{FFFF}', '\u{FFFE}']
        );
        assert_eq!(makes(r#"t = """x\u0007""""#), ['\u{7}']);
        assert_eq!(makes("t = \"\\u0085\"\n"), ['\u{85}']);
    }

    #[test]
    fn text_that_only_looks_like_an_escape_is_left_alone() {
        assert!(makes(r#"t = 'a\u0000'"#).is_empty());
        assert!(makes(r#"t = '''a\u0000'''"#).is_empty());
        assert!(makes(r#"t = "a\\u0000""#).is_empty());
        assert!(makes("# \"\\u0000\nt = 1").is_empty());
        assert!(makes(r#"t = "\"" # "\u0000""#).is_empty());
        assert_eq!(makes(r#"t = "\\\u0000""#), ['\0']);
    }

    #[test]
    fn replacing_keeps_every_length() {
        let mut text = r#"t = "a\u0000b" u = "\U0000FFFF""#.to_string();
        let before = text.len();
        let escapes = forbidden_escapes(&text);
        replace_escapes(&mut text, &escapes);
        assert_eq!(text.len(), before);
        assert_eq!(text, r#"t = "a\uFFFDb" u = "\U0000FFFD""#);
        #[derive(serde::Deserialize)]
        struct T {
            t: String,
        }
        let parsed: T = toml::from_str(&text.replace(r#" u = "\U0000FFFD""#, "")).unwrap();
        assert_eq!(parsed.t, "a\u{FFFD}b");
    }

    #[test]
    fn noncharacters() {
        for c in [
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{1FFFF}',
            '\u{10FFFE}',
        ] {
            assert!(is_noncharacter(c), "{c:?}");
        }
        for c in ['\u{FFFD}', '\u{FDCF}', '\u{FDF0}', 'a', '\u{1FFFD}'] {
            assert!(!is_noncharacter(c), "{c:?}");
        }
    }
}
