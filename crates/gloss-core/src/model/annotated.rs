//! What annotation finds in an article: its HTML and every mention, the vocabulary the
//! annotate stage hands to the link and render stages.

use std::ops::Range;

use super::{EntityKey, Packed, Quotes};

/// One mention of an entity in a brief's article. An archive keeps millions until its
/// entity pages are written, so positions are `u32` (an article is far below 4 GB).
#[derive(Clone, Debug)]
pub struct Mention {
    /// Who or where.
    pub entity: EntityKey,
    /// The paragraph number (`p-N`).
    pub paragraph: u32,
    /// The sentence around it, plain text, as a range of the brief's [`Quotes`] (read with
    /// [`Quotes::sentence`]). Two mentions in sentences of the same text share one range,
    /// so the range tells sentences apart.
    pub sentence: Range<u32>,
    /// Where the mention sits in `sentence`.
    pub range: Range<u32>,
}

/// A brief's article after annotation.
#[derive(Clone, Debug, Default)]
pub struct AnnotatedBrief {
    /// The article's HTML (empty when the brief has no article), compressed in an archive
    /// ([`super::Packing`]): only the brief's own page reads it.
    pub article_html: Packed,
    /// Every mention, in document order.
    pub mentions: Vec<Mention>,
    /// The sentences the mentions quote, each text once, compressed in an archive: a whole
    /// archive's mentions stay in memory until the entity pages are written (nearly the
    /// whole article, 4 KB a brief, when most sentences name someone), and only the entity
    /// pages read them, a quote at a time.
    pub quotes: Quotes,
}
