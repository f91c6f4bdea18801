//! Splitting `+++` TOML front matter from the markdown body, keeping the byte offsets that
//! turn TOML parser spans into positions in the whole file.

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::markup::toml::parse_toml;

/// A file cut into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The TOML between the `+++` lines.
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    /// Everything after the closing `+++` line.
    pub body: &'a str,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

/// Cuts `+++` front matter off a file. Files must start with it: a missing or unclosed block
/// is an error that says how to write one.
pub fn split(source: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = source.text.as_str();
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let after_bom = &text[bom..];
    let first_line_len = after_bom.find('\n').map_or(after_bom.len(), |i| i + 1);
    if after_bom[..first_line_len].trim_end() != "+++" {
        return Err(source
            .error(
                bom..bom + first_line_len.saturating_sub(1),
                "the file does not start with `+++` front matter",
            )
            .with_hint(
                "begin the file with a line `+++`, the TOML front matter, then another `+++` line",
            ));
    }
    let front_offset = bom + first_line_len;
    let mut offset = front_offset;
    for line in text[front_offset..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_start = offset + line.len();
            return Ok(Split {
                front: &text[front_offset..offset],
                front_offset,
                body: &text[body_start..],
                body_line: source.line_of(body_start) + usize::from(!line.ends_with('\n')),
            });
        }
        offset += line.len();
    }
    Err(source
        .error(bom..bom + 3, "the front matter is never closed")
        .with_hint("add a line `+++` after the last front-matter key"))
}

/// Deserializes a front matter block; errors point into the whole file.
pub fn parse_front<T: DeserializeOwned>(
    source: &SourceFile,
    split: &Split<'_>,
) -> Result<T, Diagnostic> {
    parse_toml(source, split.front_offset, split.front)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "a.md".into(),
            text: text.into(),
        }
    }

    #[test]
    fn splits_front_matter_and_body() {
        let source = file("+++\ntitle = \"x\"\n+++\nBody\n");
        let split = split(&source).unwrap();
        assert_eq!(split.front, "title = \"x\"\n");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        assert_eq!(split(&file("title = 1\n")).unwrap_err().line, 1);
        assert!(
            split(&file("+++\ntitle = 1\n"))
                .unwrap_err()
                .message
                .contains("never closed")
        );
    }

    #[test]
    fn toml_errors_point_into_the_whole_file() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct F {
            title: String,
        }
        let source = file("+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n");
        let s = split(&source).unwrap();
        let err = parse_front::<F>(&source, &s).unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
    }
}
