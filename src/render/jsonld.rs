//! Schema.org JSON-LD for `<script type="application/ld+json">`: what search engines and
//! news aggregators read instead of the HTML. A brief is a `NewsArticle` about its event and
//! mentioning its people, groups and places; an incident page is an `Event`; the front page
//! describes the `WebSite`. Every URL is absolute; the text is escaped for a `<script>`.

use serde_json::{Value, json};

use super::pages::{Site, script_json};
use crate::model::{ActorId, BriefId, LocationId};
use crate::urls::wikidata_url;

const CONTEXT: &str = "https://schema.org";

/// The publisher of every brief: the site itself.
fn publisher(site: &Site) -> Value {
    json!({
        "@type": "Organization",
        "name": site.config.title,
        "url": site.config.base_url,
    })
}

/// Adds `sameAs` when the entity has a Wikidata item, so its identity is unambiguous.
fn same_as(value: &mut Value, wikidata: Option<&String>) {
    if let Some(q) = wikidata {
        value["sameAs"] = json!(wikidata_url(q));
    }
}

fn actor(site: &Site, id: ActorId) -> Value {
    let actor = &site.corpus.actors[id.index()];
    let kind = if actor.is_person() {
        "Person"
    } else {
        "Organization"
    };
    let mut value = json!({
        "@type": kind,
        "name": actor.name,
        "url": site.absolute(&site.prepared.actor_links[id.index()].path),
    });
    same_as(&mut value, actor.wikidata.as_ref());
    value
}

fn place(site: &Site, id: LocationId) -> Value {
    let location = &site.corpus.locations[id.index()];
    let mut value = json!({
        "@type": "Place",
        "name": location.name,
        "url": site.absolute(&site.prepared.location_links[id.index()].path),
    });
    if let Some((latitude, longitude)) = location.coordinates {
        value["geo"] = json!({
            "@type": "GeoCoordinates",
            "latitude": latitude,
            "longitude": longitude,
        });
    }
    same_as(&mut value, location.wikidata.as_ref());
    value
}

/// An incident as an `Event`, its start date at the precision known (`2020-05`).
fn event(site: &Site, i: usize) -> Value {
    let incident = &site.corpus.incidents[i];
    let mut value = json!({
        "@type": "Event",
        "name": incident.title,
        "startDate": incident.date.iso(),
        "url": site.absolute(&site.prepared.incident_refs[i].path),
    });
    let summary = &site.prepared.incidents[i].summary;
    if !summary.is_empty() {
        value["description"] = json!(summary);
    }
    if let Some(location) = incident.location {
        value["location"] = place(site, location);
    }
    value
}

/// `NewsArticle` for a brief's page.
pub fn brief(site: &Site, id: BriefId) -> String {
    let brief = &site.corpus.briefs[id.index()];
    let card = &site.prepared.brief_cards[id.index()];
    let links = &site.graph.briefs[id.index()];
    let url = site.absolute(&card.path);
    let author = match brief.source.as_ref().and_then(|s| s.author.as_ref()) {
        Some(author) => json!({ "@type": "Person", "name": author }),
        None => publisher(site),
    };
    let mentions: Vec<Value> = links
        .actors
        .iter()
        .map(|e| actor(site, e.id))
        .chain(links.locations.iter().map(|e| place(site, e.id)))
        .collect();
    let mut value = json!({
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": brief.title,
        "datePublished": brief.date.iso(),
        "url": url,
        "mainEntityOfPage": url,
        "author": author,
        "publisher": publisher(site),
        "inLanguage": site.config.language,
    });
    if !card.summary.is_empty() {
        value["description"] = json!(card.summary);
    }
    if !brief.tags.is_empty() {
        value["keywords"] = json!(brief.tags);
    }
    if let Some(url) = brief.source.as_ref().and_then(|s| s.url.as_ref()) {
        value["isBasedOn"] = json!(url);
    }
    if let Some(e) = brief.event {
        value["about"] = event(site, e.index());
    }
    if !mentions.is_empty() {
        value["mentions"] = json!(mentions);
    }
    script_json(&value)
}

/// `Event` for an incident's page.
pub fn incident(site: &Site, i: usize) -> String {
    let mut value = event(site, i);
    value["@context"] = json!(CONTEXT);
    script_json(&value)
}

/// `WebSite` for the front page.
pub fn website(site: &Site) -> String {
    let mut value = json!({
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": site.config.title,
        "url": site.config.base_url,
        "inLanguage": site.config.language,
        "publisher": publisher(site),
    });
    if !site.config.description.is_empty() {
        value["description"] = json!(site.config.description);
    }
    script_json(&value)
}
