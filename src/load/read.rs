//! Reading one content file: UTF-8 checked, line ends and control characters cleaned, front
//! matter split off and parsed.

use std::path::Path;
use std::sync::Arc;

use super::{Document, clean, split};
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::Slug;

/// Reads a file as UTF-8; the error names the line and column of the first bad byte.
///
/// Line ends are unified to LF and control characters removed (see `clean`); the warning
/// returned with the file says where the first of them was.
pub fn read_source(
    root: &Path,
    relative: &Path,
) -> Result<(SourceFile, Option<Diagnostic>), Diagnostic> {
    let bytes = crate::limits::read_bounded(&root.join(relative), relative)?;
    match crate::article::decode(&bytes) {
        Ok(text) => {
            let (text, controls) = clean::clean(text.to_string());
            let warning = controls.map(|found| {
                let more = match found.count {
                    1 => String::new(),
                    n => format!(" (and {} more in this file)", n - 1),
                };
                let mut d = Diagnostic::file_error(
                    relative,
                    format!(
                        "control character U+{:04X} removed{more}",
                        u32::from(found.first)
                    ),
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
            Ok((
                SourceFile {
                    path: relative.to_path_buf(),
                    text,
                },
                warning,
            ))
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

/// Reads and parses one content file with front matter.
pub(super) fn parse_document<F: serde::de::DeserializeOwned>(
    root: &Path,
    relative: &Path,
    slug: &str,
) -> Result<(Document<F>, Option<Diagnostic>), Diagnostic> {
    let (source, warning) = read_source(root, relative)?;
    let slug = Slug::parse(slug).map_err(|m| {
        Diagnostic::file_error(relative, m)
            .with_hint("rename the file or folder: the slug is its name")
    })?;
    let parts = split::split(&source)?;
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
