//! `data/annotations.jsonld`: every note as a W3C Web Annotation (JSON-LD), so annotation
//! tools (Hypothesis and the like) can re-anchor gloss's notes on the original article.
//!
//! The file is an `AnnotationCollection` whose one page holds every annotation, each
//! self-contained with its own `@context`. A note targets the brief's source URL (when the
//! brief gives one) and, as an alternative, the gloss page, both with a
//! `TextQuoteSelector` (the quote, and up to 32 characters before and after it in the same
//! paragraph) and a `TextPositionSelector` (in characters of the article's text, its
//! paragraphs joined by a blank line). serde_json escapes every field.

use serde::Serialize;

use crate::annotate::passages::note_passages;
use crate::model::{Brief, BriefId};
use crate::render::site::Site;
use crate::urls::data_file;

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Characters of context kept on each side of a quote.
const CONTEXT_CHARS: usize = 32;

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector {
    TextQuoteSelector {
        exact: String,
        prefix: String,
        suffix: String,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

#[derive(Serialize)]
struct Target {
    source: String,
    selector: Vec<Selector>,
}

#[derive(Serialize)]
struct Body {
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
    format: &'static str,
    language: String,
}

#[derive(Serialize)]
struct Annotation {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Body,
    target: Vec<Target>,
}

#[derive(Serialize)]
struct Page<I: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    items: I,
}

/// The collection, whose annotations are made brief by brief while it is written.
#[derive(Serialize)]
pub(super) struct Collection<I: Serialize> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    first: Page<I>,
}

/// The annotations of every public brief.
pub(super) fn collection<'a>(site: &'a Site<'a>) -> Collection<impl Serialize + 'a> {
    Collection {
        context: CONTEXT,
        id: site.absolute(&data_file("annotations.jsonld")),
        kind: "AnnotationCollection",
        label: format!("Notes of {}", site.config.title),
        first: Page {
            kind: "AnnotationPage",
            items: super::Lazy(move || {
                site.published()
                    .flat_map(move |(id, brief)| annotations(site, id, brief))
            }),
        },
    }
}

/// The text `count` characters before `at` in `text`, and after `end`.
fn around(text: &str, at: usize, end: usize) -> (String, String) {
    let before: Vec<char> = text[..at].chars().rev().take(CONTEXT_CHARS).collect();
    let after: String = text[end..].chars().take(CONTEXT_CHARS).collect();
    (before.into_iter().rev().collect(), after)
}

fn annotations(site: &Site, id: BriefId, brief: &Brief) -> Vec<Annotation> {
    if brief.notes.is_empty() {
        return Vec::new();
    }
    let (blocks, passages) = note_passages(&brief.article, &brief.notes);
    let page = site.absolute(&site.brief(id).card.path);
    let language = brief
        .language
        .clone()
        .unwrap_or_else(|| site.config.language.clone());
    // Character offset of each block in the blocks joined by "\n\n".
    let mut starts = Vec::with_capacity(blocks.len());
    let mut offset = 0;
    for block in &blocks {
        starts.push(offset);
        offset += block.chars().count() + 2;
    }
    passages
        .into_iter()
        .filter_map(|p| {
            let block = blocks.get(p.block)?;
            let exact = block.get(p.range.clone())?.to_string();
            let (prefix, suffix) = around(block, p.range.start, p.range.end);
            let start = starts[p.block] + block[..p.range.start].chars().count();
            let quote = || Selector::TextQuoteSelector {
                exact: exact.clone(),
                prefix: prefix.clone(),
                suffix: suffix.clone(),
            };
            let position = || Selector::TextPositionSelector {
                start,
                end: start + exact.chars().count(),
            };
            let source = brief.source.as_ref().and_then(|s| s.url.clone());
            let target = source
                .into_iter()
                .chain(std::iter::once(page.clone()))
                .map(|source| Target {
                    source,
                    selector: vec![quote(), position()],
                })
                .collect();
            Some(Annotation {
                context: CONTEXT,
                id: format!("{page}#note-{}", p.number),
                kind: "Annotation",
                motivation: "commenting",
                body: Body {
                    kind: "TextualBody",
                    value: brief.notes.get(p.index)?.markdown.clone(),
                    format: "text/markdown",
                    language: language.clone(),
                },
                target,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::around;

    #[test]
    fn context_is_cut_on_characters() {
        let text = "é".repeat(40) + "QUOTE" + &"ü".repeat(40);
        let (prefix, suffix) = around(&text, 80, 85);
        assert_eq!(prefix, "é".repeat(32));
        assert_eq!(suffix, "ü".repeat(32));
    }
}
