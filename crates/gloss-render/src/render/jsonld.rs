//! Schema.org JSON-LD for `<script type="application/ld+json">`: what search engines and
//! news aggregators read instead of the HTML. A brief is a `NewsArticle` about its event and
//! mentioning its people, groups and places; an incident page is an `Event`; an actor's or
//! location's page describes it (`Person`, `Organization`, `Place`); the front page
//! describes the `WebSite`. Every URL is absolute; the text is escaped for a `<script>`.
//!
//! Each fact is written once (issue 26): a brief names an entity by its `@id` (its page's
//! URL) alone, and the entity's own page carries its type, name, Wikidata item, coordinates
//! and description under the same `@id`.
//!
//! Each document is a typed struct whose fields are declared in alphabetical order of their
//! JSON names (`@` first), so the output keeps the sorted key order it always had.

use std::borrow::Cow;

use serde::Serialize;

use super::site::{Site, script_json};
use crate::model::EntityKey;
use crate::model::{ActorId, BriefId, IncidentId, LocationId};
use crate::urls::wikidata_url;

const CONTEXT: &str = "https://schema.org";

/// A person or an organization: an actor, an author or the publisher.
#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    name: &'a str,
    /// The Wikidata item, so the identity is unambiguous.
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<Cow<'a, str>>,
}

#[derive(Serialize)]
struct Geo {
    #[serde(rename = "@type")]
    kind: &'static str,
    latitude: f64,
    longitude: f64,
}

#[derive(Serialize)]
struct Place<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<Geo>,
    name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<String>,
    url: String,
}

/// An actor or a place a brief mentions, or an incident's place, by its `@id` only: its own
/// page describes it; repeating its type and name was a fifth of a brief's `<head>`.
#[derive(Serialize)]
struct Reference {
    #[serde(rename = "@id")]
    id: String,
}

/// An incident as an `Event`, its start date at the precision known (`2020-05`).
#[derive(Serialize)]
struct Event<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    context: Option<&'static str>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Reference>,
    name: &'a str,
    #[serde(rename = "startDate")]
    start_date: String,
    url: String,
}

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    about: Option<Event<'a>>,
    author: Agent<'a>,
    #[serde(rename = "datePublished")]
    date_published: String,
    headline: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isBasedOn", skip_serializing_if = "Option::is_none")]
    is_based_on: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mentions: Vec<Reference>,
    publisher: Agent<'a>,
    url: &'a str,
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    name: &'a str,
    publisher: Agent<'a>,
    url: &'a str,
}

/// The publisher of every brief: the site itself.
fn publisher<'a>(site: &Site<'a>) -> Agent<'a> {
    Agent {
        context: None,
        id: None,
        kind: "Organization",
        description: None,
        name: &site.config.title,
        same_as: None,
        url: Some(Cow::Borrowed(&site.config.base_url)),
    }
}

/// The schema.org type of an actor.
fn actor_type(site: &Site, id: ActorId) -> &'static str {
    if site.corpus.actors[id.index()].is_person() {
        "Person"
    } else {
        "Organization"
    }
}

/// An entity named by reference: its `@id` is its page's URL.
fn reference(site: &Site, key: EntityKey) -> Reference {
    Reference {
        id: site.absolute(&site.entity(key).link.path),
    }
}

/// An actor as its own page describes it.
fn actor<'a>(site: &Site<'a>, id: ActorId) -> Agent<'a> {
    let actor = &site.corpus.actors[id.index()];
    let entity = site.entity(EntityKey::Actor(id));
    let url = site.absolute(&entity.link.path);
    Agent {
        context: Some(CONTEXT),
        id: Some(url.clone()),
        kind: actor_type(site, id),
        description: Some(&entity.described.summary)
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str()),
        name: &actor.name,
        same_as: entity.wikidata.map(wikidata_url),
        url: Some(Cow::Owned(url)),
    }
}

/// A location as its own page describes it.
fn place<'a>(site: &Site<'a>, id: LocationId) -> Place<'a> {
    let location = &site.corpus.locations[id.index()];
    let entity = site.entity(EntityKey::Location(id));
    let url = site.absolute(&entity.link.path);
    Place {
        context: Some(CONTEXT),
        id: url.clone(),
        kind: "Place",
        description: Some(&entity.described.summary)
            .filter(|s| !s.is_empty())
            .map(|s| s.as_str()),
        geo: location.coordinates.map(|(latitude, longitude)| Geo {
            kind: "GeoCoordinates",
            latitude,
            longitude,
        }),
        name: &location.name,
        same_as: entity.wikidata.map(wikidata_url),
        url,
    }
}

fn event<'a>(site: &Site<'a>, id: IncidentId, context: Option<&'static str>) -> Event<'a> {
    let entry = site.incident(id);
    let incident = entry.incident;
    Event {
        context,
        kind: "Event",
        description: &entry.described.summary,
        location: incident
            .location
            .map(|l| reference(site, EntityKey::Location(l))),
        name: &incident.title,
        start_date: incident.date.iso(),
        url: site.absolute(&entry.reference.path),
    }
}

/// `NewsArticle` for a brief's page. Its summary is the page's `<meta name="description">`,
/// which crawlers read; it is not written a second time here (issue 26).
pub fn brief(site: &Site, id: BriefId) -> Result<String, serde_json::Error> {
    let b = site.brief(id);
    let (brief, card) = (b.brief, b.card);
    let url = site.absolute(&card.path);
    let author = match brief.source.as_ref().and_then(|s| s.author.as_deref()) {
        Some(author) => Agent {
            context: None,
            id: None,
            kind: "Person",
            description: None,
            name: author,
            same_as: None,
            url: None,
        },
        None => publisher(site),
    };
    let keys = (b.links.actors.iter().map(|e| EntityKey::Actor(e.id)))
        .chain(b.links.locations.iter().map(|e| EntityKey::Location(e.id)));
    // Compact pages leave the list to the entity pages and `/data/briefs.json`.
    let mentions = match site.budget().jsonld_mentions {
        true => keys.map(|key| reference(site, key)).collect(),
        false => Vec::new(),
    };
    script_json(&NewsArticle {
        context: CONTEXT,
        kind: "NewsArticle",
        about: brief.event.map(|e| event(site, e, None)),
        author,
        date_published: brief.date.iso(),
        headline: &brief.title,
        // The brief is the editor's text, in its own language; the article may have another.
        in_language: brief.language.as_deref().unwrap_or(&site.config.language),
        is_based_on: brief.source.as_ref().and_then(|s| s.url.as_deref()),
        keywords: &brief.tags,
        mentions,
        publisher: publisher(site),
        url: &url,
    })
}

/// The `Person`, `Organization` or `Place` an actor's or location's page describes, under
/// the `@id` briefs name it by.
pub fn entity(site: &Site, key: EntityKey) -> Result<String, serde_json::Error> {
    match key {
        EntityKey::Actor(a) => script_json(&actor(site, a)),
        EntityKey::Location(l) => script_json(&place(site, l)),
    }
}

/// `Event` for an incident's page.
pub fn incident(site: &Site, id: IncidentId) -> Result<String, serde_json::Error> {
    script_json(&event(site, id, Some(CONTEXT)))
}

/// `WebSite` for the front page.
pub fn website(site: &Site) -> Result<String, serde_json::Error> {
    script_json(&WebSite {
        context: CONTEXT,
        kind: "WebSite",
        description: &site.config.description,
        in_language: &site.config.language,
        name: &site.config.title,
        publisher: publisher(site),
        url: &site.config.base_url,
    })
}

#[cfg(test)]
mod tests {
    use crate::render::test_site::with_site;

    /// The documents keep the sorted key order of the `serde_json::Value`s they replaced:
    /// each one equals itself parsed and written again with sorted keys.
    #[test]
    fn documents_keep_their_keys_sorted() {
        let sorted = |doc: &str| {
            let value: serde_json::Value = serde_json::from_str(doc).expect("JSON-LD parses");
            super::script_json(&value).expect("serializes")
        };
        let base = crate::testing::seed::repository();
        for root in [base.to_path_buf(), base.join("tests/fixtures/sites/base")] {
            with_site(&root, 10, |site| {
                let website = super::website(site).expect("serializes");
                assert_eq!(sorted(&website), website);
                for id in site.brief_ids() {
                    let doc = super::brief(site, id).expect("serializes");
                    assert_eq!(sorted(&doc), doc);
                }
                for id in site.incident_ids() {
                    let doc = super::incident(site, id).expect("serializes");
                    assert_eq!(sorted(&doc), doc);
                }
                for key in crate::model::EntityNumbering::new(site.corpus).keys() {
                    let doc = super::entity(site, key).expect("serializes");
                    assert_eq!(sorted(&doc), doc);
                }
            });
        }
    }
}
