//! Starter text left in place: the home page's "replace the sample brief with your own",
//! the sample brief of `gloss init` with its invented actor, location and incident, and the
//! starter About page, still published in a site that has moved on. Found by phrases of the
//! starter files (compared with any line breaks and spacing), so a half-edited file is
//! caught too.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::model::Corpus;

use super::Files;

/// The starter About page, flagged only while it is unchanged.
const ABOUT: &str = include_str!("../scaffold/starter/content/pages/about.md");

/// Phrases of the starter files, and what to say about a file that still has one.
const PHRASES: &[(&str, &str, &str)] = &[
    (
        "replace the sample brief with your own",
        "the home page still has the starter text of `gloss init`",
        "write your site's own introduction in content/_index.md",
    ),
    (
        "This site was started with `gloss init`",
        "the home page still has the starter text of `gloss init`",
        "write your site's own introduction in content/_index.md",
    ),
    (
        "This is the sample brief of a site made by `gloss init`",
        "this is the sample brief of `gloss init`, still in the site",
        "delete the sample (content/briefs/northbridge-pier-reopens/ and the Northbridge actor, location and incident) once the site has briefs of its own",
    ),
    (
        "the sample site made by `gloss init`",
        "this sample entity of `gloss init` is still in the site",
        "delete it with the sample brief (content/briefs/northbridge-pier-reopens/), or describe a real one here",
    ),
    (
        "The Northbridge Courier (sample)",
        "this file still cites the invented source of `gloss init`'s sample",
        "delete the sample (content/briefs/northbridge-pier-reopens/ and the Northbridge actor, location and incident) once the site has briefs of its own",
    ),
];

/// Spaces and line breaks of any kind and number compare equal: `text` squeezed to single
/// spaces, with the byte offset in `text` of each kept byte.
fn squeeze(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut at = Vec::with_capacity(text.len());
    let mut space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            at.push(i);
            space = false;
        }
        out.push(c);
        at.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    (out, at)
}

/// The warning for the first starter phrase in `source`, at the phrase.
pub fn in_file(source: &SourceFile) -> Option<Diagnostic> {
    let (squeezed, at) = squeeze(&source.text);
    PHRASES.iter().find_map(|(phrase, message, hint)| {
        let found = squeezed.find(phrase)?;
        let start = *at.get(found)?;
        let last = *at.get(found + phrase.len() - 1)?;
        let end = last + source.text[last..].chars().next().map_or(0, char::len_utf8);
        let end = source.text[start..end]
            .find('\n')
            .map_or(end, |n| start + n);
        Some(
            source
                .error(start..end, *message)
                .warning()
                .with_hint(*hint)
                .with_code("starter-text"),
        )
    })
}

/// Every content file that still holds starter text.
pub(super) fn starter(corpus: &Corpus, files: &mut Files, out: &mut Diagnostics) {
    let mut paths: Vec<PathBuf> = vec![PathBuf::from("content/_index.md")];
    paths.extend(corpus.briefs.iter().map(|b| b.file.clone()));
    paths.extend(corpus.actors.iter().map(|a| a.file.clone()));
    paths.extend(corpus.locations.iter().map(|l| l.file.clone()));
    paths.extend(corpus.incidents.iter().map(|i| i.file.clone()));
    for path in &paths {
        if let Some(d) = files.get(path).and_then(in_file) {
            out.push(d);
        }
    }
    let about = Path::new("content/pages/about.md");
    let unchanged = files
        .get(about)
        .is_some_and(|source| source.text.replace("\r\n", "\n").trim() == ABOUT.trim());
    if unchanged {
        out.push(
            Diagnostic::file_error(
                about,
                "the About page is still the starter text of `gloss init`",
            )
            .warning()
            .with_hint("describe your own site in content/pages/about.md, or delete the file")
            .with_code("starter-text"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_found_across_line_breaks() {
        let source = SourceFile {
            path: PathBuf::from("content/_index.md"),
            text: "+++\ntitle = \"Home\"\n+++\nOur briefs. Now replace  the\r\n  sample brief with your own.\n".to_string(),
        };
        let d = in_file(&source).expect("the starter phrase");
        assert_eq!((d.line, d.column), (4, 17));
        assert_eq!(d.code, "starter-text");
        let own = SourceFile {
            path: PathBuf::from("content/_index.md"),
            text: "+++\ntitle = \"Home\"\n+++\nOur own introduction.\n".to_string(),
        };
        assert!(in_file(&own).is_none());
    }

    #[test]
    fn every_starter_file_with_a_phrase_is_caught() {
        let starter = [
            include_str!("../scaffold/starter/content/_index.md"),
            include_str!("../scaffold/starter/content/briefs/northbridge-pier-reopens/index.md"),
            include_str!("../scaffold/starter/content/actors/northbridge-port-authority.md"),
            include_str!("../scaffold/starter/content/locations/northbridge-ferry-pier.md"),
            include_str!(
                "../scaffold/starter/content/incidents/2024-01-12-northbridge-pier-crack.md"
            ),
        ];
        for text in starter {
            let source = SourceFile {
                path: PathBuf::from("x.md"),
                text: text.to_string(),
            };
            assert!(in_file(&source).is_some(), "{text}");
        }
    }
}
