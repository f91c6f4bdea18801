//! Reading one content file: UTF-8 checked, line ends and control characters cleaned, front
//! matter split off and parsed.

use std::path::Path;
use std::sync::Arc;

use super::{Document, bidi, clean, split};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::markup::toml_escapes::{ForbiddenEscape, forbidden_escapes, replace_escapes};
use crate::markup::unicode::{find_bidi_controls, show_bidi_controls};
use crate::model::Slug;

/// Reads a file as UTF-8; the error names the line and column of the first bad byte.
///
/// Line ends are unified to LF and control characters removed (see `clean`); the warnings
/// returned with the file say where the first of them was, and where the first bidi
/// control is (see `bidi`).
pub fn read_source(
    root: &Path,
    relative: &Path,
) -> Result<(SourceFile, Vec<Diagnostic>), Diagnostic> {
    let bytes = crate::limits::read_bounded(&root.join(relative), relative)?;
    match crate::article::decode(&bytes) {
        Ok(text) => {
            let (text, controls) = clean::clean(text.to_string());
            let warning = controls.map(|found| {
                let more = match found.count {
                    1 => String::new(),
                    n => format!(" (and {} more in this file)", n - 1),
                };
                let kind = if found.first.is_control() {
                    "control character"
                } else {
                    "noncharacter"
                };
                let mut d = Diagnostic::file_error(
                    relative,
                    format!("{kind} U+{:04X} removed{more}", u32::from(found.first)),
                )
                .with_hint(
                    "control characters are invisible and not allowed in web pages; delete \
                     them from the file (gloss leaves them out of the site)",
                )
                .warning();
                d.line = found.line;
                d.column = found.column;
                d
            });
            let source = SourceFile {
                path: relative.to_path_buf(),
                text,
            };
            let warnings = warning.into_iter().chain(bidi::warning(&source)).collect();
            Ok((source, warnings))
        }
        Err(problem) => {
            let mut d = Diagnostic::file_error(relative, "the file is not valid UTF-8").with_hint(
                "save the file as UTF-8 (in most editors: File > Save with Encoding > UTF-8)",
            );
            d.line = problem.line;
            d.column = problem.column;
            Err(d)
        }
    }
}

/// The warning for TOML escapes in front matter that make characters no output may hold.
fn escape_warning(
    source: &SourceFile,
    front_offset: usize,
    first: &ForbiddenEscape,
    count: usize,
) -> Diagnostic {
    let more = match count {
        1 => String::new(),
        n => format!(" (and {} more in this file)", n - 1),
    };
    let at = front_offset + first.at;
    let written = source.text.get(at..at + first.len).unwrap_or("");
    source
        .error(
            at..at + first.len,
            format!(
                "`{written}` makes U+{:04X}, which web pages, feeds and data files cannot hold; replaced with U+FFFD{more}",
                u32::from(first.makes)
            ),
        )
        .with_hint("delete the escape from the string (gloss shows U+FFFD, a replacement mark, in its place)")
        .warning()
}

/// Reads and parses one content file with front matter.
pub(super) fn parse_document<F: serde::de::DeserializeOwned>(
    root: &Path,
    relative: &Path,
    slug: &str,
) -> Result<(Document<F>, Vec<Diagnostic>), Diagnostic> {
    let (mut source, mut warning) = read_source(root, relative)?;
    let slug = Slug::parse(slug).map_err(|m| {
        // A bidi control in the name would reorder the message in the terminal: shown as
        // `<U+202E>`, in the path too.
        let shown = show_bidi_controls(&relative.to_string_lossy());
        Diagnostic::file_error(shown, show_bidi_controls(&m))
            .with_hint("rename the file or folder: the slug is its name")
            .with_code(if find_bidi_controls(slug).is_some() {
                "bidi-in-name"
            } else {
                ""
            })
    })?;
    let mut parts = split::split(&source)?;
    let (front_offset, escapes) = (parts.front_offset, forbidden_escapes(parts.front));
    if let Some(first) = escapes.first() {
        let escaped = escape_warning(&source, front_offset, first, escapes.len());
        // The whole front matter has the same length after: spans stay right.
        let mut text = source.text[front_offset..].to_string();
        replace_escapes(&mut text, &escapes);
        source.text.replace_range(front_offset.., &text);
        warning.push(escaped);
        // Split again only here: the parts borrowed the text as it was.
        parts = split::split(&source)?;
    }
    let front = split::parse_front(&source, &parts)?;
    let (front_offset, body, body_line) =
        (parts.front_offset, parts.body.to_string(), parts.body_line);
    let document = Document {
        slug,
        source: Arc::new(source),
        front_offset,
        front,
        body,
        body_line,
    };
    Ok((document, warning))
}
