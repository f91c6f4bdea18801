//! What annotation tells the rest of the build: every mention, with its sentence.
//!
//! The site graph needs the mentions to add entities to briefs automatically and to list
//! backlinks on entity pages; backlinks quote the sentence and point at the paragraph.

use std::ops::Range;
use std::sync::Arc;

use crate::annotate::matcher::EntityId;
use crate::annotate::mentions::MentionSpan;
use crate::annotate::sentence::{around, sentences};

/// One mention of an entity in an article, for backlinks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundMention {
    /// The entity mentioned.
    pub entity: EntityId,
    /// N of the `id="p-N"` paragraph holding it. In markdown, text outside any `<p>` (a
    /// tight list item, a table cell) reports the closest paragraph before it, or 0 when
    /// there is none, so the caller should then link to the page itself.
    pub paragraph: usize,
    /// Plain text of the sentence around the mention (line breaks as spaces), shared by
    /// the mentions of one sentence rather than copied for each.
    pub sentence: Arc<str>,
    /// Byte range of the mention inside `sentence`.
    pub range: Range<usize>,
}

/// The result of annotating one article, besides its HTML.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Every linked or marked mention, in document order (ambiguous forms excluded).
    pub mentions: Vec<FoundMention>,
    /// How many `p-N` paragraph ids were given out.
    pub paragraphs: usize,
}

/// Appends a [`FoundMention`] for each of `spans`, whose ranges are relative to byte
/// `offset` of `block` (the text of paragraph `paragraph`). `sentences_of_block` caches
/// the block's sentences across calls for the same block.
pub(crate) fn record(
    found: &mut Vec<FoundMention>,
    paragraph: usize,
    block: &str,
    sentences_of_block: &mut Option<Vec<Range<usize>>>,
    offset: usize,
    spans: &[MentionSpan],
) {
    if spans.is_empty() {
        return;
    }
    let cut = sentences_of_block.get_or_insert_with(|| sentences(block));
    let mut last: Option<(Range<usize>, Arc<str>)> = None;
    for span in spans {
        let range = span.range.start + offset..span.range.end + offset;
        let sentence = around(cut, &range);
        let shared = match &last {
            Some((r, text)) if *r == sentence => text.clone(),
            _ => {
                let text = block.get(sentence.clone()).unwrap_or_default();
                let text: Arc<str> = if text.contains(['\n', '\r', '\t']) {
                    text.replace(['\n', '\r', '\t'], " ").into()
                } else {
                    text.into()
                };
                last = Some((sentence.clone(), text.clone()));
                text
            }
        };
        found.push(FoundMention {
            entity: span.entity,
            paragraph,
            sentence: shared,
            range: range.start - sentence.start..range.end - sentence.start,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_sentence_and_range() {
        let block = "Rockets hit. Later,\nIraq said so. Done.";
        let at = block.find("Iraq").unwrap_or(0);
        let mut found = Vec::new();
        let mut cache = None;
        let span = MentionSpan {
            range: at - 13..at - 9,
            entity: EntityId(4),
            link: true,
        };
        record(&mut found, 3, block, &mut cache, 13, &[span]);
        assert_eq!(found.len(), 1);
        let m = &found[0];
        assert_eq!(&*m.sentence, "Later, Iraq said so.");
        assert_eq!(&m.sentence[m.range.clone()], "Iraq");
        assert_eq!(m.paragraph, 3);
    }
}
