//! Bidi embeddings, overrides and isolates in content: they reorder the text after them on
//! the page, so the reader sees something other than what the file says. Each file that has
//! them gets one warning at the first, with how many more there are. (In a name, alias, tag
//! or slug they are errors, reported where those are resolved.)

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::markup::unicode::{bidi_control_name, find_bidi_controls, mask_bidi_controls};

/// The warning for the bidi controls in `source`, if it has any.
pub(super) fn warning(source: &SourceFile) -> Option<Diagnostic> {
    let (at, first, count) = find_bidi_controls(&source.text)?;
    let (line, column) = source.position(at);
    let more = match count {
        1 => String::new(),
        n => format!(" (and {} more in this file)", n - 1),
    };
    // The line as it is shown under the message, with the controls made visible so they
    // do not reorder the terminal's text; one character each, so the caret stays right.
    let shown = mask_bidi_controls(
        source
            .text
            .lines()
            .nth(line - 1)
            .unwrap_or_default()
            .trim_end(),
    );
    Some(
        Diagnostic::at(
            &source.path,
            line,
            column,
            Some((shown, 1)),
            format!(
                "bidi control U+{:04X} {} reorders the text after it on the page{more}",
                u32::from(first),
                bidi_control_name(first),
            ),
        )
        .with_hint(
            "delete it (shown as \u{FFFD} above): readers would see the text in another order \
             than it is written; gloss already marks text whose direction may differ with \
             dir=\"auto\"",
        )
        .with_code("bidi-control")
        .warning(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile {
            path: "content/briefs/a/article.txt".into(),
            text: text.to_string(),
        }
    }

    #[test]
    fn text_without_controls_has_no_warning() {
        assert_eq!(warning(&source("plain \u{200F}text\n")), None);
    }

    #[test]
    fn the_first_control_is_located_by_line_and_character_column() {
        let d = warning(&source("one\nné \u{202E}evil\u{2066} x\n"));
        let d = d.unwrap_or_else(|| Diagnostic::file_error("", "none"));
        assert_eq!((d.line, d.column), (2, 4));
        assert!(
            d.message.contains("U+202E RIGHT-TO-LEFT OVERRIDE"),
            "{}",
            d.message
        );
        assert!(d.message.contains("and 1 more"), "{}", d.message);
        assert!(!d.is_error());
        let snippet = d.snippet.map(|s| s.0).unwrap_or_default();
        assert_eq!(snippet, "né \u{FFFD}evil\u{FFFD} x");
    }
}
