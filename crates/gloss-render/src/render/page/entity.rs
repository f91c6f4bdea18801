//! An actor's page (`actor.html`) or a location's (`location.html`): the entity, the first
//! page of its briefs with the sentences naming it, and its incidents. Later pages of its
//! briefs are `entity_page.html` (see `render/paginate.rs`).

use serde::Serialize;

use super::{PageJob, Site};
use crate::model::EntityKey;
use crate::model::{ActorId, LocationId};
use crate::render::paginate::Pagination;
use crate::render::site::LocationRef;
use crate::render::views::{BacklinkView, IncidentRef, LinkView, RelatedView, YearGroup};
use crate::urls::{feed_path, output_file, wikidata_url};

/// Latitude and longitude.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Coordinates {
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
}

/// What only an actor has: its groups and their members (empty on a location's page).
#[derive(Clone, Debug, Default, Serialize)]
pub struct ActorParts<'a> {
    /// Groups this actor belongs to.
    pub affiliation: Vec<&'a LinkView>,
    /// Actors affiliated with this one.
    pub members: Vec<&'a LinkView>,
}

/// What only a location has (empty on an actor's page).
#[derive(Clone, Debug, Default, Serialize)]
pub struct PlaceParts<'a> {
    /// The enclosing location.
    pub within: Option<&'a LinkView>,
    /// Locations inside this one.
    pub contains: Vec<&'a LinkView>,
    /// Where it is.
    pub coordinates: Option<Coordinates>,
    /// Country.
    pub country: &'a str,
}

/// An actor's or location's page: `entity` in `actor.html` and `location.html`.
#[derive(Clone, Debug, Serialize)]
pub struct EntityView<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Name.
    pub name: &'a str,
    /// Page path.
    pub path: &'a str,
    /// Kind.
    pub kind: &'a str,
    /// Other names, each spelling once ([`distinct_aliases`]).
    pub aliases: Vec<&'a str>,
    /// First paragraph of the description.
    pub summary: &'a str,
    /// The description.
    pub description_html: &'a str,
    /// Wikidata id or "".
    pub wikidata: &'a str,
    /// Wikidata page or "".
    pub wikidata_url: String,
    /// Affiliation and members.
    #[serde(flatten)]
    pub actor: ActorParts<'a>,
    /// Within, contains, coordinates, country.
    #[serde(flatten)]
    pub place: PlaceParts<'a>,
    /// The entity's Atom feed.
    pub feed: String,
    /// Entities named in the same briefs.
    pub related: Vec<RelatedView<'a>>,
}

/// `actor.html`'s and `location.html`'s own values.
#[derive(Serialize)]
struct EntityPage<'a> {
    entity: EntityView<'a>,
    /// Only on location pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    locator_svg: Option<String>,
    /// Only on actor pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    network: Option<super::network::ActorNetwork<'a>>,
    backlinks: Vec<YearGroup<'a, BacklinkView<'a>>>,
    backlinks_total: usize,
    pagination: Pagination,
    incidents: Vec<&'a IncidentRef>,
}

fn actor_parts<'a>(site: &Site<'a>, a: ActorId) -> ActorParts<'a> {
    let actor = site.actor(a);
    let links = |ids: &'a [ActorId]| {
        ids.iter()
            .map(|&id| site.entity(EntityKey::Actor(id)).link)
            .collect()
    };
    ActorParts {
        affiliation: links(&actor.actor.affiliation),
        members: links(actor.members),
    }
}

fn place_parts<'a>(site: &Site<'a>, l: LocationId) -> PlaceParts<'a> {
    let LocationRef { location, contains } = site.location(l);
    let link = |id: LocationId| site.entity(EntityKey::Location(id)).link;
    PlaceParts {
        within: location.within.map(link),
        contains: contains.iter().map(|&c| link(c)).collect(),
        coordinates: location
            .coordinates
            .map(|(lat, lon)| Coordinates { lat, lon }),
        country: location.country.as_deref().unwrap_or_default(),
    }
}

/// `aliases` in order without those that differ from the name or an earlier alias only by
/// case, accents or a hyphen for a space: "Also known as al Asad, Al Asad, al-Asad" reads as
/// a mistake. Search keeps every alias; this is only what the page lists.
pub fn distinct_aliases<'a>(name: &str, aliases: &'a [String]) -> Vec<&'a str> {
    let mut seen = vec![folded(name)];
    let mut kept = Vec::new();
    for alias in aliases {
        let key = folded(alias);
        if !seen.contains(&key) {
            seen.push(key);
            kept.push(alias.as_str());
        }
    }
    kept
}

/// `text` lowercased, without accents, with hyphens as spaces: the key of [`distinct_aliases`].
fn folded(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .map(|c| if c == '-' { ' ' } else { c })
        .collect::<String>()
        .to_lowercase()
}

/// The view of an entity's page.
pub fn view<'a>(site: &Site<'a>, key: EntityKey) -> EntityView<'a> {
    let entity = site.entity(key);
    let (actor, place) = match key {
        EntityKey::Actor(a) => (actor_parts(site, a), PlaceParts::default()),
        EntityKey::Location(l) => (ActorParts::default(), place_parts(site, l)),
    };
    EntityView {
        slug: entity.slug.as_str(),
        name: &entity.link.name,
        path: &entity.link.path,
        kind: entity.kind.unwrap_or_default(),
        aliases: distinct_aliases(&entity.link.name, entity.aliases),
        summary: &entity.described.summary,
        description_html: &entity.described.html,
        wikidata: entity.wikidata.unwrap_or_default(),
        wikidata_url: entity.wikidata.map(wikidata_url).unwrap_or_default(),
        actor,
        place,
        feed: feed_path(&entity.link.path),
        related: entity
            .links
            .related
            .iter()
            .map(|(other, count)| {
                let other = site.entity(*other);
                RelatedView {
                    name: &other.link.name,
                    path: &other.link.path,
                    kind: other.kind_name(),
                    count: *count,
                }
            })
            .collect(),
    }
}

/// An actor's or location's page (page 1 of its briefs).
pub fn page(site: &Site, key: EntityKey) -> PageJob {
    let entity = site.entity(key);
    let file = output_file(&entity.link.path);
    let template = match key {
        EntityKey::Actor(_) => "actor.html",
        EntityKey::Location(_) => "location.html",
    };
    let view = view(site, key);
    // Page 1 of the entity's briefs; pages 2.. are `paginate::entity_page`.
    let (backlinks, backlinks_total, pagination) = site.entity_slice(key, 1);
    let meta = site
        .meta(
            &entity.link.path,
            &entity.link.name,
            &entity.described.summary,
            "profile",
        )
        .with_feed(view.feed.clone())
        .with_jsonld(crate::render::jsonld::entity(site, key));
    let common = site.common(&file, meta, entity.section().into());
    let locator_svg = match key {
        EntityKey::Location(l) => Some(site.location_locator(l, &file)),
        EntityKey::Actor(_) => None,
    };
    let network = match key {
        EntityKey::Actor(a) => Some(site.actor_network(a, &file)),
        EntityKey::Location(_) => None,
    };
    let page = EntityPage {
        entity: view,
        locator_svg,
        network,
        backlinks,
        backlinks_total,
        pagination,
        incidents: entity
            .links
            .incidents
            .iter()
            .map(|i| site.incident(*i).reference)
            .collect(),
    };
    PageJob::new(file, template, common, page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_differing_only_by_case_accent_or_hyphen_are_listed_once() {
        let aliases: Vec<String> = [
            "al Asad",
            "Al Asad",
            "al-Asad",
            "Ál Asad",
            "Ain al-Assad",
            "عين الأسد",
            "ain al-asad air base",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            distinct_aliases("Ain al-Asad Air Base", &aliases),
            ["al Asad", "Ain al-Assad", "عين الأسد"]
        );
    }
}
