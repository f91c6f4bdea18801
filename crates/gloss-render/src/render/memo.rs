//! Values the render stage works out once per build, the first time a page asks, and shares
//! between the pages that read them. They live as long as the [`Site`](super::Site) they were
//! worked out from, so an edit in `gloss serve` (which joins a new `Site` for every rebuild)
//! never sees a stale one.

use std::sync::OnceLock;

use super::page::{Chronology, Shared};

/// See the module's doc.
#[derive(Debug, Default)]
pub struct Memo {
    /// The timeline's items, sorted by year.
    pub(super) chronology: OnceLock<Chronology>,
    /// What every page's `base.html` reads alike.
    pub(super) shared: OnceLock<Shared>,
    /// Where each page of each entity's briefs starts (`page/entity_briefs.rs`), by entity
    /// number.
    pub(super) entity_pages: OnceLock<Vec<Vec<u32>>>,
}
