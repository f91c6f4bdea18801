//! Values the render stage works out once per build, the first time a page asks, and shares
//! between the pages that read them. They live as long as the [`Site`](super::Site) they were
//! worked out from, so an edit in `gloss serve` (which joins a new `Site` for every rebuild)
//! never sees a stale one.
//!
//! The values are plain data here; the pages that need them work them out from the `Site`
//! (`page/timeline.rs`, `page/mod.rs`, `page/entity_briefs.rs`, `page/map.rs`). Keeping the
//! types beside the memo rather than beside their pages lets the `Site` hold the memo
//! without the join importing the pages that read it (the files of the render stage import
//! each other in one direction only).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use tera::Value;

use crate::map::Outline;
use crate::model::{BriefId, IncidentId};

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
    /// The land under every locator map (`page/map.rs`), fitted to every located place
    /// once: fitting it for each locator map grew with the square of the archive (2.6% of
    /// a 100,000-brief build, 20,000 maps over 10,000 places).
    pub(super) outline: OnceLock<Option<Outline>>,
}

/// What a timeline row shows.
#[derive(Clone, Copy, Debug)]
pub enum Item {
    /// An incident's row.
    Incident(IncidentId),
    /// A brief's row.
    Brief(BriefId),
}

/// Every dated item, by year, each year's items in the order its pages show them. Worked out
/// once per build: each of a year's pages used to gather and sort the whole year again, which
/// grew with the square of the archive (1.6% of a 100,000-brief build, 370 pages of years of
/// 10,000 items).
#[derive(Debug)]
pub struct Chronology(pub(super) BTreeMap<i32, Box<[Item]>>);

impl Chronology {
    /// The years, oldest first, with how many items each holds.
    pub(super) fn counts(&self) -> impl DoubleEndedIterator<Item = (i32, usize)> + '_ {
        self.0.iter().map(|(&year, items)| (year, items.len()))
    }

    /// How many items the whole timeline holds.
    pub(super) fn len(&self) -> usize {
        self.0.values().map(|items| items.len()).sum()
    }
}

/// The values of the page header that are the same on every page, made into template values
/// once per build: a page then takes them by reference count, where serializing the site's
/// settings and the menu's links again was about fifty allocations for every page.
#[derive(Debug)]
pub struct Shared {
    /// The site's settings as `base.html` reads them.
    pub(super) site: Value,
    /// The links to the plain pages.
    pub(super) pages_nav: Value,
    /// The menu's paths by name.
    pub(super) links: Value,
}
