//! Annotation: mentions, notes and paragraph ids merged into an article's HTML.
//!
//! The build gives this module an article (plain paragraphs or markdown events), the
//! site's [`Matcher`] and a brief's notes; it returns the article's HTML (or events) and a
//! [`Report`] of the mentions for the site graph. Nothing here reads files or knows about
//! slugs beyond what the caller passes in, so each piece can be tested on its own.
//!
//! - `fold`: quote, dash and space folding with a map back to the original text
//! - `matcher`: the Aho-Corasick automaton of all surface forms
//! - `mentions`: which occurrences become mentions, in document order
//! - `notes`: anchoring note quotes (`locate` finds them all in one pass) (the `## Notes` section is split off in
//!   [`crate::markup::notes`])
//! - `note_mentions`: mentions linked inside a brief's notes
//! - `sentence`, `report`: sentences and the mention report for backlinks
//! - `html`: well-nested writing (escaping is [`crate::markup::escape_into`]); `plain`, `markdown`: the two inputs;
//!   `layout`: the visible text of a markdown article's blocks

mod difference;
mod fold;
mod html;
mod layout;
mod locate;
mod markdown;
mod matcher;
mod mentions;
mod note_mentions;
mod notes;
pub mod passages;
mod plain;
mod report;
mod sentence;
pub mod site;
mod words;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod proptests_match;

pub use markdown::annotate_markdown;
pub use matcher::{EntityId, Matcher, Surface};
pub use mentions::{EntityLink, LinkMode};
pub use note_mentions::link_note_mentions;
pub use notes::{NoteError, NoteErrorKind, NoteSpec};
pub use plain::annotate_plain;
pub use report::{FoundMention, Report};
