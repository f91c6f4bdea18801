//! How much of what other pages hold a page repeats (issue 26). A brief's sentence is quoted
//! on the page of every entity it names, a brief is listed in the feed of each of them, and
//! the JSON-LD of a brief names them all again; at a few thousand briefs that costs little,
//! at tens of thousands it decides whether the archive fits its host. `[publish] compact`
//! picks the budget (`Site::budget`).

/// The repeated parts of pages, full or compact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    /// Characters of its sentence a backlink quotes on each side of the mention.
    pub excerpt_chars: usize,
    /// Quotes a backlink shows at most (the brief's first mentions of the entity).
    pub quotes_per_backlink: usize,
    /// Entries of an actor's or location's feed.
    pub entity_feed_size: usize,
    /// Related briefs under a brief.
    pub related: usize,
    /// Each related brief says what it shares ("Also about …").
    pub related_reasons: bool,
    /// A brief's sidebar writes the entities past the first few as one line of names (the
    /// article links each one it names) rather than as folded lines with links.
    pub fold_as_names: bool,
    /// A brief's JSON-LD names every entity of its sidebars (`mentions`).
    pub jsonld_mentions: bool,
    /// Pages of the front page at most; the older briefs are on the timeline, by year.
    pub home_pages: usize,
    /// Actors around an actor in its network drawing (more crowd the circle's labels).
    pub network_actors: usize,
    /// An actor's network drawing has its table beside it (the drawing's links and titles
    /// say the same; the whole network's page keeps its table either way).
    pub network_table: bool,
}

impl Budget {
    /// Every repeat: a reader of a small or middling archive loses nothing.
    pub const FULL: Budget = Budget {
        excerpt_chars: 60,
        quotes_per_backlink: usize::MAX,
        entity_feed_size: 10,
        related: 4,
        related_reasons: true,
        fold_as_names: false,
        home_pages: usize::MAX,
        network_actors: 15,
        jsonld_mentions: true,
        network_table: true,
    };

    /// Each repeat cut to what a reader uses to choose where to go next: about four words
    /// each side of a name, one quote a brief (the brief has the rest), five feed entries,
    /// three related briefs by title, the sidebar's folded entities by name, fifty pages of
    /// the front page (the timeline, the third list of every brief, has the rest).
    pub const COMPACT: Budget = Budget {
        excerpt_chars: 25,
        quotes_per_backlink: 1,
        entity_feed_size: 5,
        related: 3,
        related_reasons: false,
        fold_as_names: true,
        home_pages: 50,
        network_actors: 8,
        jsonld_mentions: false,
        network_table: false,
    };
}
