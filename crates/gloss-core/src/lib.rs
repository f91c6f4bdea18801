//! The vocabulary every stage of gloss speaks, at the bottom of the crate graph: the
//! resolved site ([`model`]), [`diagnostics`], [`limits`], every URL and relative prefix
//! ([`urls`]), file-system helpers ([`paths`], [`scratch`]) and the [`output`] sink render
//! fills and write empties (here so that neither of those stages imports the other).

pub mod diagnostics;
pub mod limits;
pub mod model;
pub mod output;
pub mod paths;
pub mod scratch;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod urls;
