//! Markup: the syntax editors write and the escaping every output shares.
//!
//! Owned by no stage: resolve reads a brief's notes section with it, annotate escapes and
//! renders notes with it, render turns descriptions and pages into HTML with it, and the
//! map writes SVG text with it. Keeping it here lets the stages depend on each other in one
//! direction only (resolve → annotate → link → render).
//!
//! - `markdown`: markdown to safe HTML, with highlighting (its errors in `markdown_errors.rs`,
//!   heading checks and ids in `markdown_headings.rs`); `attrs`: heading ids and classes
//! - `escape`: HTML escaping; `xml`: XML escaping and a small writer for feeds and sitemaps
//! - `notes`: splitting the `## Notes` section off a brief's body
//! - `guess`: the date or coordinates a value gloss cannot read most likely means
//! - `hints`, `structure`: the fix to write for a value or a TOML shape gloss cannot read
//! - `toml`: front matter and `config.toml` parsed with errors an editor can act on
//! - `unicode`: ignorable and bidi control characters, NFC

pub mod attrs;
mod escape;
pub mod guess;
pub mod hints;
pub mod markdown;
pub mod notes;
pub mod shorthand;
mod structure;
pub mod toml;
pub mod toml_escapes;
pub mod unicode;
pub mod xml;

#[cfg(test)]
mod proptests;

pub use escape::{escape_html, escape_into};
