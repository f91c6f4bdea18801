//! Where each note's passage lies in its article's text, for exports that point into the
//! article rather than into gloss's HTML (`data/annotations.jsonld`).

use std::ops::Range;

use super::layout::Layout;
use super::notes::{NoteSpec, anchor};
use crate::markup::markdown::Markdown;
use crate::model::{Article, Note};

/// One note's passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotePassage {
    /// The note's number on the page (`#note-N`), from 1, in article order.
    pub number: usize,
    /// Index of the note in the brief's notes as written.
    pub index: usize,
    /// The block (paragraph) holding it.
    pub block: usize,
    /// Byte range in that block.
    pub range: Range<usize>,
}

/// The article's text blocks (paragraphs, list items, table cells: the text notes are
/// anchored in) and every note's passage in them; no passages when the article has none
/// or a quote no longer anchors (the build reports that itself).
pub fn note_passages(article: &Article, notes: &[Note]) -> (Vec<String>, Vec<NotePassage>) {
    let blocks: Vec<String> = match article {
        Article::None => return (Vec::new(), Vec::new()),
        Article::Plain(paragraphs) => paragraphs.unpack(),
        Article::Markdown { text, file, line } => {
            match Markdown::new(false).parse(text, file, *line) {
                Ok(events) => Layout::of(&events)
                    .blocks
                    .into_iter()
                    .map(|b| b.text)
                    .collect(),
                Err(_) => return (Vec::new(), Vec::new()),
            }
        }
    };
    let specs: Vec<NoteSpec> = notes
        .iter()
        .map(|n| NoteSpec {
            quote: n.quote.clone(),
            html: String::new(),
            line: n.line,
            column: n.column,
        })
        .collect();
    let texts: Vec<&str> = blocks.iter().map(String::as_str).collect();
    let passages = match anchor(&texts, &specs) {
        Ok(anchored) => anchored
            .passages
            .into_iter()
            .filter_map(|p| {
                Some(NotePassage {
                    number: p.note,
                    index: *anchored.order.get(p.note - 1)?,
                    block: p.block,
                    range: p.range,
                })
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    (blocks, passages)
}
