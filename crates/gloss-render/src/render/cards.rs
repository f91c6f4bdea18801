//! Hover-card data, written once per fact. What a card says of an entity that is the same on
//! every page (name, kind, first sentence, latest incident, how many briefs name it) goes to
//! shared chunk files under `cards/`, which a browser caches across pages; a brief's page
//! keeps only what is its own (the role the brief gives each entity, how often the article
//! names it, and which chunk holds its card).
//!
//! The chunks are scripts that call `window.glossCardChunk(path, data)`, like the search
//! index's: a script loads from `file://` and under the site's `script-src 'self'` policy,
//! where `fetch()` of JSON does not. gloss.js loads a chunk on the first hover or focus of a
//! mention whose card it holds.
//!
//! An entity's chunk is chosen by a hash of its slug, so adding a brief or an entity rewrites
//! only the chunks whose cards changed, not every chunk after it in slug order.

use serde::Serialize;

use super::Output;
use super::reading::{SUMMARY_CHARS, first_sentence};
use super::site::{BriefRef, EntityRef, Site, script_json};
use super::views::IncidentRef;
use crate::model::EntityKey;
use crate::output::Sink;

/// About this many cards share a chunk file (between half and all of it: the number of
/// chunks is a power of two). At ~350 bytes a card, a chunk is a few kilobytes compressed.
const CARDS_PER_CHUNK: usize = 32;

/// How many chunk files hold the cards of `entities` entities of one kind: a power of two,
/// so a growing site re-buckets its cards only when it doubles.
fn chunk_count(entities: usize) -> usize {
    entities.div_ceil(CARDS_PER_CHUNK).next_power_of_two()
}

/// The chunk (0-based, below `chunks`) holding the card of the entity with `slug`: FNV-1a of
/// the slug's bytes, the same on every machine and in every build.
fn chunk_of(slug: &str, chunks: usize) -> usize {
    let hash = slug.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash as usize % chunks.max(1)
}

/// The site-root-relative path of the chunk file holding `key`'s card.
fn chunk_path(site: &Site, key: EntityKey, slug: &str) -> String {
    let chunks = chunk_count(entities_of_kind(site, key));
    site.urls.card_chunk(key, chunk_of(slug, chunks))
}

/// How many entities share `key`'s kind.
fn entities_of_kind(site: &Site, key: EntityKey) -> usize {
    match key {
        EntityKey::Actor(_) => site.corpus.actors.len(),
        EntityKey::Location(_) => site.corpus.locations.len(),
    }
}

/// The latest incident on a card: what happened most recently with the entity.
#[derive(Serialize)]
struct Latest<'a> {
    title: &'a str,
    path: &'a str,
    /// At its precision ("May 2020").
    date: &'a str,
    /// For `<time datetime>`.
    iso: &'a str,
    /// claimed, reported, confirmed, disputed, or "" when unknown.
    status: &'static str,
}

impl<'a> From<&'a IncidentRef> for Latest<'a> {
    fn from(incident: &'a IncidentRef) -> Self {
        Latest {
            title: &incident.title,
            path: &incident.path,
            date: &incident.date.display,
            iso: &incident.date.iso,
            status: incident.status.map_or("", |s| s.as_str()),
        }
    }
}

/// What every page's card says of one entity.
#[derive(Serialize)]
struct SharedCard<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    kind: &'a str,
    /// The first sentence of the entity's own text.
    #[serde(skip_serializing_if = "String::is_empty")]
    summary: String,
    path: &'a str,
    /// Briefs that name or list it.
    briefs: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    incident: Option<Latest<'a>>,
}

impl<'a> SharedCard<'a> {
    fn of(site: &Site<'a>, entity: &EntityRef<'a>) -> Self {
        SharedCard {
            name: &entity.link.name,
            kind: entity.kind.unwrap_or_default(),
            summary: first_sentence(&entity.described.summary, SUMMARY_CHARS),
            path: &entity.link.path,
            briefs: entity.links.backlinks.len(),
            // The graph lists an entity's incidents newest first.
            incident: entity
                .links
                .incidents
                .first()
                .map(|&id| Latest::from(site.incident(id).reference)),
        }
    }
}

/// Cards keyed by slug, in slug order, written without building a map.
struct Chunk<'a>(Vec<(&'a str, SharedCard<'a>)>);

impl Serialize for Chunk<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(slug, card)| (slug, card)))
    }
}

/// Every shared card chunk of the site, each handed to `sink`: for each kind, the entities
/// are dealt into their chunks ([`chunk_of`]) in slug order, so the bytes depend on the
/// content only.
pub fn files(site: &Site, sink: &dyn Sink) {
    let mut keys: Vec<EntityKey> = site.entity_keys().collect();
    keys.sort_by_key(|&k| (k.kind(), site.corpus.entity_slug(k).as_str()));
    let mut chunks: std::collections::BTreeMap<String, Chunk> = Default::default();
    for key in keys {
        let entity = site.entity(key);
        let path = chunk_path(site, key, entity.slug.as_str());
        chunks
            .entry(path)
            .or_insert_with(|| Chunk(Vec::new()))
            .0
            .push((entity.slug.as_str(), SharedCard::of(site, &entity)));
    }
    for (path, chunk) in chunks {
        let bytes = format!(
            "window.glossCardChunk({},{});\n",
            script_json(&path),
            script_json(&chunk)
        );
        sink.accept(Output::Bytes {
            path,
            bytes: bytes.into_bytes(),
        });
    }
}

/// What a brief's page says of one entity its article names.
#[derive(Serialize)]
struct PageCard<'a> {
    /// Which of the page's [`PageCards::chunks`] holds the shared part.
    chunk: usize,
    /// How often the article names it.
    here: u32,
    /// The role this brief gives it, if any.
    #[serde(skip_serializing_if = "str::is_empty")]
    role: &'a str,
}

/// The page part of a brief's cards: the chunk files they need, each named once, and one
/// [`PageCard`] per entity, keyed `actor/<slug>` or `location/<slug>` in key order.
#[derive(Serialize)]
struct PageCards<'a> {
    chunks: Vec<String>,
    cards: Cards<'a>,
}

/// [`PageCards::cards`], written as an object without building a map.
struct Cards<'a>(Vec<(String, PageCard<'a>)>);

impl Serialize for Cards<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(key, card)| (key, card)))
    }
}

/// The page part of the cards of the entities brief `b`'s article names, as `<script>` JSON,
/// or "" when it names none.
pub fn page_json(site: &Site, b: BriefRef) -> String {
    let actors = b
        .links
        .actors
        .iter()
        .map(|e| (EntityKey::Actor(e.id), e.role.as_deref(), e.mentions));
    let locations = b
        .links
        .locations
        .iter()
        .map(|e| (EntityKey::Location(e.id), e.role.as_deref(), e.mentions));
    let mut chunks: Vec<String> = Vec::new();
    let mut cards: Vec<(String, PageCard)> = Vec::new();
    for (key, role, here) in actors.chain(locations).filter(|e| e.2 > 0) {
        let slug = site.corpus.entity_slug(key).as_str();
        let path = chunk_path(site, key, slug);
        let chunk = chunks.iter().position(|c| *c == path).unwrap_or_else(|| {
            chunks.push(path);
            chunks.len() - 1
        });
        let role = role.unwrap_or_default();
        cards.push((
            format!("{}/{slug}", key.kind()),
            PageCard { chunk, here, role },
        ));
    }
    if cards.is_empty() {
        return String::new();
    }
    // "actor/…" sorts before "location/…", and within a kind the slugs decide.
    cards.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    script_json(&PageCards {
        chunks,
        cards: Cards(cards),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_a_power_of_two_holding_about_32_cards() {
        assert_eq!(chunk_count(0), 1);
        assert_eq!(chunk_count(32), 1);
        assert_eq!(chunk_count(33), 2);
        assert_eq!(chunk_count(2000), 64);
        for n in [1_usize, 7, 100, 3000] {
            assert!(n.div_ceil(chunk_count(n)) <= CARDS_PER_CHUNK, "{n}");
        }
    }

    #[test]
    fn a_slug_always_lands_in_the_same_chunk() {
        // FNV-1a is fixed: these values must never change between builds or machines.
        assert_eq!(chunk_of("kataib-hezbollah", 1), 0);
        assert_eq!(
            chunk_of("kataib-hezbollah", 64),
            chunk_of("kataib-hezbollah", 64)
        );
        assert_eq!(chunk_of("", 8), 0x811c_9dc5_usize % 8);
        let spread: std::collections::BTreeSet<usize> = (0..200)
            .map(|i| chunk_of(&format!("actor-{i}"), 8))
            .collect();
        assert_eq!(spread.len(), 8, "slugs spread over every chunk");
    }

    #[test]
    fn card_json_cannot_close_a_script_element() {
        let card = PageCard {
            chunk: 0,
            here: 2,
            role: "</script><script>alert(1)</script>",
        };
        let json = script_json(&PageCards {
            chunks: vec!["cards/actors-0.js".into()],
            cards: Cards(vec![("actor/x".into(), card)]),
        });
        assert!(!json.contains('<'), "{json}");
        assert!(json.contains("\\u003c/script>"), "{json}");
    }
}
