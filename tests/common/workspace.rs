//! The workspace's crates as data, for the tests that check the crate graph and what each
//! crate ships.

/// The layers, bottom first: a crate may depend only on crates listed before it. The last
/// is the root package; the others are the stage libraries published with it.
pub const LAYERS: &[&str] = &[
    "gloss-core",
    "gloss-markup",
    "gloss-map",
    "gloss-load",
    "gloss-annotate",
    "gloss-link",
    "gloss-render",
    "gloss-write",
    "gloss-briefs",
];

/// The stage libraries: every layer but the root package.
pub fn libraries() -> &'static [&'static str] {
    &LAYERS[..LAYERS.len() - 1]
}
