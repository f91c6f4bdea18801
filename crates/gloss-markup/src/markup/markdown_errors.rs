//! The errors markdown parsing reports at a place in a file: a character reference that
//! makes a forbidden character, more elements than gloss reads, a link with an unsafe
//! scheme. Apart from `markdown.rs` so the parser reads as what it does to each event.

use crate::diagnostics::Diagnostic;
use crate::markup::attrs::Place;
use crate::markup::toml_escapes::is_forbidden;

/// A text event without the control characters and noncharacters a character reference
/// (`&#27;`, `&#xFFFF;`) made (raw ones are removed when a file is read), and the error.
pub(super) fn without_forbidden(
    t: &str,
    range: std::ops::Range<usize>,
    place: &Place<'_>,
    errors: &mut Vec<Diagnostic>,
) -> String {
    let written = place.text.get(range.clone()).unwrap_or_default().trim();
    let message = format!("`{written}` makes a character web pages and feeds cannot hold");
    errors.push(place.error(
        range,
        message,
        "delete the character reference (control characters and noncharacters such as &#27; or &#xFFFF; show nothing)",
    ));
    t.chars().filter(|&c| !is_forbidden(c)).collect()
}

/// The error for markdown of more elements than [`crate::limits::MAX_MARKDOWN_EVENTS`], at
/// the element that passes it.
pub(super) fn too_many_elements(place: &Place<'_>, start: usize) -> Diagnostic {
    let before = place.text.get(..start).unwrap_or_default();
    let line = place.first_line + before.matches('\n').count();
    let column = before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    let max = crate::limits::MAX_MARKDOWN_EVENTS;
    Diagnostic::at(
        place.file,
        line,
        column,
        None,
        format!("this text has more than {max} markdown elements (paragraphs, table cells, list items, emphasis…); gloss reads at most {max} per file"),
    )
    .with_hint("split it, or publish a large table as a CSV file in static/ and link to it (see docs/limits.md)")
}

/// The error for a link or image whose scheme is not allowed, at its line.
pub(super) fn unsafe_link(dest_url: &str, place: &Place<'_>, start: usize) -> Diagnostic {
    let line = place.first_line + place.text[..start].matches('\n').count();
    let mut d = Diagnostic::file_error(
        place.file,
        format!("the link `{dest_url}` uses a scheme that is not allowed"),
    )
    .with_hint("links may be http(s), mailto or relative paths");
    d.line = line;
    d
}
