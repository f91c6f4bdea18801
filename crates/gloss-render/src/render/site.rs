//! The one join of the render stage. A brief's data is spread over the stages that made it:
//! the corpus entry (what the editor wrote), the annotated article, the graph's links and the
//! prepared card and body. [`Site`] holds them all and hands out one borrowed record per item
//! ([`BriefRef`], [`EntityRef`], [`IncidentEntry`], and an actor's or location's own
//! [`ActorRef`] and [`LocationRef`]), so page builders, feeds and data files
//! read `site.brief(id).card` instead of indexing five parallel arrays by hand.
//!
//! The page list ([`Job`]) and the closed sets pages are keyed by ([`Section`], [`Robots`])
//! live here too, so every module of the render stage depends on this one and none on each
//! other's page code.

use serde::Serialize;

use super::budget::Budget;
use super::memo::Memo;
use super::prepare::{Described, Prepared};
use super::views::{BriefCard, IncidentRef, LinkView};
use crate::config::Config;
use crate::graph::{BriefLinks, EntityLinks, Graph, IncidentLinks};
use crate::model::{
    Actor, ActorId, Brief, BriefId, Corpus, Incident, IncidentId, Location, LocationId, Page, Slug,
};
use crate::model::{AnnotatedBrief, EntityKey};
use crate::urls::Urls;

/// What a build reads to render pages.
pub struct Site<'a> {
    /// Settings.
    pub config: &'a Config,
    /// The validated content.
    pub corpus: &'a Corpus,
    /// The site graph.
    pub graph: &'a Graph,
    /// Articles and mentions, per brief.
    pub annotated: &'a [AnnotatedBrief],
    /// Per-item values.
    pub prepared: &'a Prepared,
    /// Page paths for links.
    pub urls: Urls,
    /// What pages share, worked out once ([`Memo::default`] when the site is joined).
    pub memo: Memo,
}

/// Everything the build knows about one brief, joined once.
#[derive(Clone, Copy)]
pub struct BriefRef<'a> {
    /// Which brief.
    pub id: BriefId,
    /// What the editor wrote.
    pub brief: &'a Brief,
    /// The annotated article and its mentions.
    pub annotated: &'a AnnotatedBrief,
    /// Its sidebars and prior incidents.
    pub links: &'a BriefLinks,
    /// Its card, as lists show it.
    pub card: &'a BriefCard,
    /// The editor's text, rendered.
    pub body_html: &'a str,
}

/// Everything the build knows about one actor or location, joined once.
#[derive(Clone, Copy)]
pub struct EntityRef<'a> {
    /// Which entity.
    pub key: EntityKey,
    /// Its slug.
    pub slug: &'a Slug,
    /// Its kind as the editor wrote it ("militia"), if any (never `Some("")`).
    pub kind: Option<&'a str>,
    /// Other names.
    pub aliases: &'a [String],
    /// Wikidata id, if given.
    pub wikidata: Option<&'a str>,
    /// Name and page path.
    pub link: &'a LinkView,
    /// Rendered description and its first paragraph.
    pub described: &'a Described,
    /// Backlinks, incidents and related entities.
    pub links: &'a EntityLinks,
}

impl EntityRef<'_> {
    /// The section the entity's page belongs to.
    pub fn section(&self) -> Section {
        match self.key {
            EntityKey::Actor(_) => Section::Actors,
            EntityKey::Location(_) => Section::Locations,
        }
    }

    /// `actor` or `location`: the singular the templates and hover cards use.
    pub fn kind_name(&self) -> &'static str {
        match self.key {
            EntityKey::Actor(_) => "actor",
            EntityKey::Location(_) => "location",
        }
    }
}

/// Everything the build knows about one incident, joined once.
#[derive(Clone, Copy)]
pub struct IncidentEntry<'a> {
    /// Which incident.
    pub id: IncidentId,
    /// What the editor wrote.
    pub incident: &'a Incident,
    /// Its list fields (title, date, path…).
    pub reference: &'a IncidentRef,
    /// Rendered description and its first paragraph.
    pub described: &'a Described,
    /// The briefs that report or cite it.
    pub links: &'a IncidentLinks,
}

/// A plain page of `content/pages/` with its rendered text, joined once.
#[derive(Clone, Copy)]
pub struct PlainPageRef<'a> {
    /// What the editor wrote.
    pub page: &'a Page,
    /// The editor's text, rendered.
    pub body_html: &'a str,
}

/// An actor's record with its graph entry: what only an actor's page and record read.
pub struct ActorRef<'a> {
    /// What the editor wrote.
    pub actor: &'a Actor,
    /// The actors affiliated with it.
    pub members: &'a [ActorId],
}

/// A location's record with its graph entry: what only a location's page and record read.
pub struct LocationRef<'a> {
    /// What the editor wrote.
    pub location: &'a Location,
    /// The locations inside it.
    pub contains: &'a [LocationId],
}

impl<'a> Site<'a> {
    /// The budget `[publish] compact` gives this site.
    pub fn budget(&self) -> Budget {
        if self.config.publish.is_compact(self.corpus.briefs.len()) {
            Budget::COMPACT
        } else {
            Budget::FULL
        }
    }

    /// One brief's data from every stage.
    pub fn brief(&self, id: BriefId) -> BriefRef<'a> {
        let i = id.index();
        BriefRef {
            id,
            brief: &self.corpus.briefs[i],
            annotated: &self.annotated[i],
            links: &self.graph.briefs[i],
            card: &self.prepared.brief_cards[i],
            body_html: &self.prepared.brief_bodies[i],
        }
    }

    /// One actor's or location's data from every stage.
    pub fn entity(&self, key: EntityKey) -> EntityRef<'a> {
        let (slug, kind, aliases, wikidata, links) = match key {
            EntityKey::Actor(a) => {
                let actor = &self.corpus.actors[a.index()];
                (
                    &actor.slug,
                    &actor.kind,
                    &actor.aliases,
                    &actor.wikidata,
                    &self.graph.actors[a.index()],
                )
            }
            EntityKey::Location(l) => {
                let location = &self.corpus.locations[l.index()];
                (
                    &location.slug,
                    &location.kind,
                    &location.aliases,
                    &location.wikidata,
                    &self.graph.locations[l.index()],
                )
            }
        };
        EntityRef {
            key,
            slug,
            kind: kind.as_deref(),
            aliases,
            wikidata: wikidata.as_deref(),
            link: self.prepared.link(key),
            described: self.prepared.described(key),
            links,
        }
    }

    /// One actor's own data from every stage (its shared data is [`Site::entity`]).
    pub fn actor(&self, a: ActorId) -> ActorRef<'a> {
        ActorRef {
            actor: &self.corpus.actors[a.index()],
            members: &self.graph.members[a.index()],
        }
    }

    /// One location's own data from every stage (its shared data is [`Site::entity`]).
    pub fn location(&self, l: LocationId) -> LocationRef<'a> {
        LocationRef {
            location: &self.corpus.locations[l.index()],
            contains: &self.graph.contains[l.index()],
        }
    }

    /// One incident's data from every stage.
    pub fn incident(&self, id: IncidentId) -> IncidentEntry<'a> {
        let i = id.index();
        IncidentEntry {
            id,
            incident: &self.corpus.incidents[i],
            reference: &self.prepared.incident_refs[i],
            described: &self.prepared.incidents[i],
            links: &self.graph.incidents[i],
        }
    }

    /// Plain page `i` of `content/pages/` (pages have no id type; [`Job::Page`] holds `i`).
    pub fn plain_page(&self, i: usize) -> PlainPageRef<'a> {
        PlainPageRef {
            page: &self.corpus.pages[i],
            body_html: &self.prepared.pages[i],
        }
    }

    /// Every brief's id, in corpus order (newest first).
    pub fn brief_ids(&self) -> impl Iterator<Item = BriefId> + use<'a> {
        (0..self.corpus.briefs.len() as u32).map(BriefId)
    }

    /// Every actor's and then every location's key, in corpus order.
    pub fn entity_keys(&self) -> impl Iterator<Item = EntityKey> + use<'a> {
        let actors = (0..self.corpus.actors.len() as u32).map(|i| EntityKey::Actor(ActorId(i)));
        let locations =
            (0..self.corpus.locations.len() as u32).map(|i| EntityKey::Location(LocationId(i)));
        actors.chain(locations)
    }

    /// Every incident's id, in corpus order.
    pub fn incident_ids(&self) -> impl Iterator<Item = IncidentId> + use<'a> {
        (0..self.corpus.incidents.len() as u32).map(IncidentId)
    }
}

/// The three index pages of entities, each grouping its members by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// `/actors/`.
    Actors,
    /// `/locations/`.
    Locations,
    /// `/incidents/`.
    Incidents,
}

impl Section {
    /// Every section, in the order the site lists them.
    pub const ALL: [Section; 3] = [Section::Actors, Section::Locations, Section::Incidents];

    /// The folder name, also the navigation key and the template's `section.key`.
    pub fn key(self) -> &'static str {
        match self {
            Section::Actors => "actors",
            Section::Locations => "locations",
            Section::Incidents => "incidents",
        }
    }

    /// The heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::Actors => "Actors",
            Section::Locations => "Locations",
            Section::Incidents => "Incidents",
        }
    }
}

/// What a page asks of search engines, as `<meta name="robots">` reads it; templates see
/// `""` or `"noindex"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum Robots {
    /// Index the page (no meta element).
    #[default]
    #[serde(rename = "")]
    Index,
    /// Drafts and the 404 page stay out of search results.
    #[serde(rename = "noindex")]
    NoIndex,
}

/// One page to render; also the page's identity across builds (`gloss serve` keys the
/// pages it keeps by job, to tell which ones of the last build no longer exist).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Job {
    /// Page N of the front page.
    Home(usize),
    /// A brief.
    Brief(BriefId),
    /// An actor.
    Actor(ActorId),
    /// A location.
    Location(LocationId),
    /// Page N (2 or more) of an actor's or location's briefs.
    EntityPage(EntityKey, usize),
    /// An incident.
    Incident(IncidentId),
    /// Page N of /actors/, /locations/ or /incidents/.
    Section(Section, usize),
    /// A tag's page, by tag folder name.
    Tag(String),
    /// Page N (2 or more) of a tag's briefs.
    TagPage(String, usize),
    /// All tags.
    Tags,
    /// A plain page.
    Page(usize),
    /// /timeline/.
    Timeline,
    /// /timeline/<year>/ or page N of it.
    TimelineYear(i32, usize),
    /// /search/.
    Search,
    /// /data/ (the "Open data" page).
    Data,
    /// /map/.
    Map,
    /// /network/.
    Network,
    /// 404.html.
    NotFound,
}

/// JSON for a `<script>` element: `<` is escaped so no string can close the element.
///
/// A value that cannot be serialized is an error for the caller to report, never ""
/// (issue 23): a page or file missing its data would look built and be wrong.
pub fn script_json<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    Ok(serde_json::to_string(value)?.replace('<', "\\u003c"))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::script_json;

    /// A map with non-string keys is no JSON object: the failure is an error, not "".
    #[test]
    fn a_value_that_cannot_be_serialized_is_an_error() {
        let map = BTreeMap::from([((1, 2), "pair key")]);
        let failed = script_json(&map);
        assert!(failed.is_err(), "{failed:?}");
        assert_eq!(
            script_json(&"</script>").ok().as_deref(),
            Some(r#""\u003c/script>""#)
        );
    }
}
