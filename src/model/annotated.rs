//! What annotation finds in an article: its HTML and every mention, the vocabulary the
//! annotate stage hands to the link and render stages.

use std::ops::Range;

use super::EntityKey;

/// One mention of an entity in a brief's article.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Who or where.
    pub entity: EntityKey,
    /// The paragraph number (`p-N`).
    pub paragraph: usize,
    /// The sentence around it, plain text.
    pub sentence: String,
    /// Where the mention sits in `sentence`.
    pub range: Range<usize>,
}

/// A brief's article after annotation.
#[derive(Clone, Debug, Default)]
pub struct AnnotatedBrief {
    /// The article's HTML (empty when the brief has no article).
    pub article_html: String,
    /// Every mention, in document order.
    pub mentions: Vec<Mention>,
}
