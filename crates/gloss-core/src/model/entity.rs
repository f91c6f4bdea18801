//! Actors and locations as one kind of thing: the entities an article can mention, keyed
//! by [`EntityKey`] and numbered densely (actors first, then locations) where one index
//! space for both is needed (the annotator's automaton, the graph's counters).

use std::path::Path;

use super::{ActorId, Corpus, LocationId, Slug};

/// An actor or a location: the two kinds of entity the article text can mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKey {
    /// An actor.
    Actor(ActorId),
    /// A location.
    Location(LocationId),
}

impl EntityKey {
    /// `actor` or `location`: the CSS class and data attribute value of a mention.
    pub fn kind(self) -> &'static str {
        match self {
            EntityKey::Actor(_) => "actor",
            EntityKey::Location(_) => "location",
        }
    }

    /// `actors` or `locations`: the folder of its pages.
    pub fn section(self) -> &'static str {
        match self {
            EntityKey::Actor(_) => "actors",
            EntityKey::Location(_) => "locations",
        }
    }
}

impl Corpus {
    /// The slug of an actor or a location, from which its page path is made.
    pub fn entity_slug(&self, key: EntityKey) -> &Slug {
        match key {
            EntityKey::Actor(a) => &self.actors[a.index()].slug,
            EntityKey::Location(l) => &self.locations[l.index()].slug,
        }
    }

    /// The file of an actor or a location, for diagnostics.
    pub fn entity_file(&self, key: EntityKey) -> &Path {
        match key {
            EntityKey::Actor(a) => &self.actors[a.index()].file,
            EntityKey::Location(l) => &self.locations[l.index()].file,
        }
    }
}

/// The one dense numbering of every entity of a corpus: actor `i` is `i`, location `j` is
/// `actors + j`. Written once here so the annotator and the graph cannot disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityNumbering {
    actors: usize,
    locations: usize,
}

impl EntityNumbering {
    /// The numbering of `corpus`'s actors and locations.
    pub fn new(corpus: &Corpus) -> EntityNumbering {
        EntityNumbering::with_counts(corpus.actors.len(), corpus.locations.len())
    }

    /// The numbering of `actors` actors and `locations` locations.
    pub fn with_counts(actors: usize, locations: usize) -> EntityNumbering {
        EntityNumbering { actors, locations }
    }

    /// How many entities there are, so `0..len()` covers every number.
    pub fn len(self) -> usize {
        self.actors + self.locations
    }

    /// Whether there is no entity at all.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The number of `key`.
    pub fn number(self, key: EntityKey) -> usize {
        match key {
            EntityKey::Actor(a) => a.index(),
            EntityKey::Location(l) => self.actors + l.index(),
        }
    }

    /// The entity numbered `number` (the inverse of [`EntityNumbering::number`]).
    pub fn key(self, number: usize) -> EntityKey {
        if number < self.actors {
            EntityKey::Actor(ActorId(number as u32))
        } else {
            EntityKey::Location(LocationId((number - self.actors) as u32))
        }
    }

    /// Every entity in number order: actors, then locations.
    pub fn keys(self) -> impl Iterator<Item = EntityKey> {
        (0..self.len()).map(move |n| self.key(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_actors_first() {
        let n = EntityNumbering::with_counts(2, 3);
        assert_eq!(n.len(), 5);
        let keys: Vec<EntityKey> = n.keys().collect();
        assert_eq!(keys[1], EntityKey::Actor(ActorId(1)));
        assert_eq!(keys[2], EntityKey::Location(LocationId(0)));
        for (i, key) in keys.into_iter().enumerate() {
            assert_eq!(n.number(key), i);
        }
    }
}
