//! Hover-card data, written once per fact. What a card says of an entity that is the same on
//! every page (name, kind, first sentence, latest incident, how many briefs name it) goes to
//! shared chunk files under `cards/`, which a browser caches across pages. A brief's page
//! holds no card data of its own: gloss.js finds an entity's chunk from its slug (the same
//! hash as here), counts its mentions on the page and reads its role in the sidebar; the
//! page only names the chunk pattern and count of each kind (issue 26).
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
use crate::diagnostics::Diagnostic;
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
/// content only. A chunk that cannot be serialized is an error naming its path.
pub fn files(site: &Site, sink: &dyn Sink) -> Result<(), Diagnostic> {
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
        let failed = |e: serde_json::Error| {
            Diagnostic::file_error(path.as_str(), format!("cannot serialize {path}: {e}"))
        };
        let bytes = format!(
            "window.glossCardChunk({},{});\n",
            script_json(&path).map_err(failed)?,
            script_json(&chunk).map_err(failed)?
        );
        sink.accept(Output::Bytes {
            path,
            bytes: bytes.into_bytes(),
        });
    }
    Ok(())
}

/// Where the cards of one kind are: the chunk path pattern ([`Urls::card_chunk_pattern`])
/// and how many chunks there are, from which gloss.js finds an entity's chunk by the same
/// hash of its slug as [`chunk_of`].
///
/// [`Urls::card_chunk_pattern`]: crate::urls::Urls::card_chunk_pattern
#[derive(Serialize)]
struct KindChunks(String, usize);

/// The page part of the cards, keyed by kind (`actor`, `location`): the same few bytes on
/// every brief page. What a card says that is the brief's own is on the page already and
/// gloss.js reads it there: how often the article names the entity (its mentions) and the
/// role the brief gives it (its sidebar line).
#[derive(Serialize)]
struct PageCards {
    #[serde(skip_serializing_if = "Option::is_none")]
    actor: Option<KindChunks>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<KindChunks>,
}

/// Where the cards of `key`'s kind are, if any entity of it is named.
fn kind_chunks(site: &Site, key: Option<EntityKey>) -> Option<KindChunks> {
    key.map(|key| {
        KindChunks(
            site.urls.card_chunk_pattern(key),
            chunk_count(entities_of_kind(site, key)),
        )
    })
}

/// The page part of the cards of brief `b` (see [`PageCards`]), as `<script>` JSON, or ""
/// when its article names no entity.
pub fn page_json(site: &Site, b: BriefRef) -> Result<String, serde_json::Error> {
    let actor = b.links.actors.iter().find(|e| e.mentions > 0);
    let location = b.links.locations.iter().find(|e| e.mentions > 0);
    if actor.is_none() && location.is_none() {
        return Ok(String::new());
    }
    script_json(&PageCards {
        actor: kind_chunks(site, actor.map(|e| EntityKey::Actor(e.id))),
        location: kind_chunks(site, location.map(|e| EntityKey::Location(e.id))),
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
        // gloss.js's chunkOf gives the same numbers (UTF-8 bytes, 32-bit FNV-1a): a page
        // names no chunk, so the script must find the one gloss wrote each card into.
        assert_eq!(chunk_of("kataib-hezbollah", 64), 5);
        assert_eq!(chunk_of("qāsim", 64), 58);
        assert_eq!(chunk_of("جيش", 64), 26);
        let spread: std::collections::BTreeSet<usize> = (0..200)
            .map(|i| chunk_of(&format!("actor-{i}"), 8))
            .collect();
        assert_eq!(spread.len(), 8, "slugs spread over every chunk");
    }

    #[test]
    fn page_json_cannot_close_a_script_element() {
        let json = script_json(&PageCards {
            actor: Some(KindChunks("</script><script>{n}".into(), 2)),
            location: None,
        })
        .expect("serializes");
        assert!(!json.contains('<'), "{json}");
        assert_eq!(json, r#"{"actor":["\u003c/script>\u003cscript>{n}",2]}"#);
    }
}
