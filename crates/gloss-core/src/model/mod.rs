//! The vocabulary every stage speaks: slugs, dates at their real precision, and the resolved
//! site, whose cross-references are typed indices that cannot dangle.
//!
//! - `slug`: [`Slug`]; `date`: [`PartialDate`] and its [`Precision`]
//! - `content`: the resolved files ([`Brief`], [`Actor`], [`Location`], [`Incident`], [`Page`])
//! - `entity`: [`EntityKey`] (an actor or a location) and the dense numbering of both
//! - `annotated`: what annotation finds in an article ([`AnnotatedBrief`], [`Mention`]),
//!   read by the link and render stages
//! - `packed`: [`Packed`] and [`Paragraphs`], text kept aside (compressed in an archive,
//!   [`Packing`]) until render reads it
//! - `quotes`: [`Quotes`], the sentences entity pages quote from a brief

mod annotated;
mod content;
mod date;
mod entity;
mod lang;
mod packed;
mod quotes;
mod slug;

pub use annotated::{AnnotatedBrief, Mention};
pub use content::*;
pub use date::{MONTHS, PartialDate, Precision};
pub use entity::{EntityKey, EntityNumbering};
pub use lang::is_language_tag;
pub use packed::{Packed, Packing, Paragraphs};
pub use quotes::{Quotes, QuotesBuilder};
pub use slug::Slug;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
        impl $name {
            /// The position in the corpus list this id indexes.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// Index of a brief in [`Corpus::briefs`].
    BriefId
);
id_type!(
    /// Index of an actor in [`Corpus::actors`].
    ActorId
);
id_type!(
    /// Index of a location in [`Corpus::locations`].
    LocationId
);
id_type!(
    /// Index of an incident in [`Corpus::incidents`].
    IncidentId
);

/// The whole site's input, validated: every id in it points into these lists, and each list
/// is sorted (briefs newest first, the rest by slug) so output never depends on disk order.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Briefs, newest first (drafts dropped unless asked for).
    pub briefs: Vec<Brief>,
    /// Actors by slug.
    pub actors: Vec<Actor>,
    /// Locations by slug.
    pub locations: Vec<Location>,
    /// Incidents by slug.
    pub incidents: Vec<Incident>,
    /// Plain pages by weight and title.
    pub pages: Vec<Page>,
    /// The front page's intro (`content/_index.md`) as markdown.
    pub intro: String,
    /// 1-based line of `_index.md` where the intro starts.
    pub intro_line: usize,
}
