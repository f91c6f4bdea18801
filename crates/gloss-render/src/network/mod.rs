//! The network of who appears with whom: which actors share briefs ([`ties`]) and how to
//! draw them as build-time SVG ([`ego`] around one actor, [`ring`] for the whole site). The
//! layouts are closed-form (points on a circle in a fixed order), so a build draws the same
//! picture every time without randomness, iteration or a JavaScript library.

pub mod ego;
pub mod ring;
mod svg;
pub mod ties;

pub use svg::Node;
pub use ties::{Link, Tie, Web};
