//! What annotation finds in an article: its HTML and every mention, the vocabulary the
//! annotate stage hands to the link and render stages.

use std::ops::Range;

use super::{EntityKey, Packed};

/// One mention of an entity in a brief's article.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Who or where.
    pub entity: EntityKey,
    /// The paragraph number (`p-N`).
    pub paragraph: usize,
    /// The sentence around it, plain text, as a range of [`AnnotatedBrief::sentences`]
    /// (read it with [`AnnotatedBrief::sentence`]).
    pub sentence: Range<usize>,
    /// Where the mention sits in `sentence`.
    pub range: Range<usize>,
}

/// A brief's article after annotation.
#[derive(Clone, Debug, Default)]
pub struct AnnotatedBrief {
    /// The article's HTML (empty when the brief has no article), compressed: only the
    /// brief's own page reads it.
    pub article_html: Packed,
    /// Every mention, in document order.
    pub mentions: Vec<Mention>,
    /// The sentences the mentions quote, each once, end to end: a whole archive's mentions
    /// stay in memory until the entity pages are written, and most sentences name several
    /// entities.
    pub sentences: String,
}

impl AnnotatedBrief {
    /// The plain-text sentence around `mention` (one of this brief's).
    pub fn sentence(&self, mention: &Mention) -> &str {
        self.sentences
            .get(mention.sentence.clone())
            .unwrap_or_default()
    }
}
