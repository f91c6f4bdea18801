//! The data behind the pages, under `/data/`, for researchers: `briefs.json`,
//! `entities.json`, `incidents.geojson` (RFC 7946) and `incidents.csv` (RFC 4180). Records
//! refer to each other by slug and to pages by absolute URL; lists keep the corpus order
//! (briefs newest first, the rest by slug), so the files are identical across builds.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

mod acled_csv;
mod annotations;
mod csv_file;
mod gzip;
mod lines;

pub use gzip::Exported;

/// What was written of each data file, by path, for the data page.
pub type DataSizes = BTreeMap<String, Exported>;

use super::public::precision_name;
use super::site::{BriefRef, IncidentEntry, LocationRef, Site};
use crate::diagnostics::Diagnostic;
use crate::graph::{EntityLinks, PriorReason};
use crate::model::{ActorId, BriefId, EntityKey, Incident, IncidentId, LocationId};
use crate::output::Sink;
use crate::urls::data_file;

#[derive(Serialize)]
struct SourceRecord<'a> {
    outlet: &'a str,
    author: &'a str,
    url: &'a str,
    published: Option<String>,
}

/// An actor or location as it appears in one brief.
#[derive(Serialize)]
struct RoleRecord<'a> {
    slug: &'a str,
    name: &'a str,
    role: Option<&'a str>,
    mentions: usize,
}

#[derive(Serialize)]
struct PriorRecord<'a> {
    slug: &'a str,
    /// `listed`, `shared_actor` or `shared_location`.
    reason: &'static str,
    /// Slugs of the shared actors or location.
    shared: Vec<&'a str>,
    ago: String,
}

#[derive(Serialize)]
struct BriefRecord<'a> {
    slug: &'a str,
    title: &'a str,
    date: String,
    summary: &'a str,
    url: String,
    source: Option<SourceRecord<'a>>,
    tags: &'a [String],
    actors: Vec<RoleRecord<'a>>,
    locations: Vec<RoleRecord<'a>>,
    event: Option<&'a str>,
    prior_incidents: Vec<PriorRecord<'a>>,
}

/// What actors and locations share in `entities.json`.
#[derive(Serialize)]
struct EntityRecord<'a> {
    slug: &'a str,
    name: &'a str,
    aliases: &'a [String],
    kind: &'a str,
    wikidata: Option<&'a str>,
    summary: &'a str,
    url: String,
    /// Public briefs that mention or list the entity, newest first.
    briefs: Vec<&'a str>,
    /// Incidents it took part in (actors) or that happened there (locations), newest first.
    incidents: Vec<&'a str>,
}

#[derive(Serialize)]
struct ActorRecord<'a> {
    #[serde(flatten)]
    entity: EntityRecord<'a>,
    affiliation: Vec<&'a str>,
    members: Vec<&'a str>,
}

#[derive(Serialize)]
struct LocationRecord<'a> {
    #[serde(flatten)]
    entity: EntityRecord<'a>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    country: &'a str,
    within: Option<&'a str>,
    contains: Vec<&'a str>,
}

#[derive(Serialize)]
struct CitationRecord<'a> {
    outlet: &'a str,
    url: &'a str,
    published: Option<String>,
}

/// Also the `properties` of a GeoJSON feature.
#[derive(Serialize)]
struct IncidentRecord<'a> {
    slug: &'a str,
    title: &'a str,
    /// ISO 8601 at the precision known: `2021-07-07`, `2020-05` or `2021`.
    date: String,
    date_precision: &'static str,
    kind: &'a str,
    status: Option<&'static str>,
    location: Option<&'a str>,
    actors: Vec<&'a str>,
    killed: Option<u32>,
    injured: Option<u32>,
    sources: Vec<CitationRecord<'a>>,
    summary: &'a str,
    url: String,
    /// Public briefs whose event this is.
    reported_by: Vec<&'a str>,
    /// Public briefs that list it among their prior incidents.
    cited_by: Vec<&'a str>,
}

#[derive(Serialize)]
struct Entities<'a> {
    actors: Vec<ActorRecord<'a>>,
    locations: Vec<LocationRecord<'a>>,
    incidents: Vec<IncidentRecord<'a>>,
}

#[derive(Serialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: &'static str,
    /// RFC 7946 order: longitude first.
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct Properties<'a> {
    #[serde(flatten)]
    incident: &'a IncidentRecord<'a>,
    /// The location whose coordinates place the point: the incident's own, or the nearest
    /// one it lies `within` that has coordinates.
    located_at: &'a str,
}

#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    geometry: Geometry,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct FeatureCollection<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    features: Vec<Feature<'a>>,
}

/// The four data files, each handed to `sink` as it is serialized (the large ones written
/// piece by piece); returns their sizes by path, for the data page.
pub(super) fn each_file(site: &Site, sink: &dyn Sink) -> Result<DataSizes, Diagnostic> {
    let entities = Entities {
        actors: (site.entity_keys())
            .filter_map(|key| match key {
                EntityKey::Actor(a) => Some(actor_record(site, a)),
                EntityKey::Location(_) => None,
            })
            .collect(),
        locations: (site.entity_keys())
            .filter_map(|key| match key {
                EntityKey::Location(l) => Some(location_record(site, l)),
                EntityKey::Actor(_) => None,
            })
            .collect(),
        incidents: (site.incident_ids())
            .map(|i| incident_record(site, i))
            .collect(),
    };
    let features: Vec<Feature> = entities
        .incidents
        .iter()
        .zip(site.incident_ids())
        .filter_map(|(record, id)| {
            let (at, (lat, lon)) = place(site, site.incident(id).incident)?;
            Some(Feature {
                kind: "Feature",
                id: record.slug,
                geometry: Geometry {
                    kind: "Point",
                    coordinates: [lon, lat],
                },
                properties: Properties {
                    incident: record,
                    located_at: slug(site, EntityKey::Location(at)),
                },
            })
        })
        .collect();
    let geojson = FeatureCollection {
        kind: "FeatureCollection",
        features,
    };
    // Each brief's record is made as it is written: the records of a whole archive are
    // several times the size of the file.
    let briefs = Lazy(|| site.published().map(|(id, _)| brief_record(site, id)));
    use erased::Json as _;
    let mut sizes = BTreeMap::new();
    let policy = site.config.publish.uncompressed_exports;
    let mut export = |name: &str, write: &dyn Fn(&mut dyn Write) -> io::Result<()>| {
        let path = data_file(name);
        let exported = gzip::export(sink, &path, policy, write)?;
        sizes.insert(path, exported);
        Ok::<(), Diagnostic>(())
    };
    export("briefs.json", &|to| briefs.write(to, 1))?;
    export("entities.json", &|to| entities.write(to, 2))?;
    export("incidents.geojson", &|to| geojson.write(to, 2))?;
    let annotations = annotations::collection(site);
    export("annotations.jsonld", &|to| annotations.write(to, 3))?;
    let csv = [
        (
            "incidents.csv",
            csv_file::incidents_csv(site, &entities.incidents)?,
        ),
        ("incidents-acled.csv", acled_csv::incidents_acled_csv(site)?),
    ];
    for (name, bytes) in csv {
        export(name, &|to| to.write_all(&bytes))?;
    }
    Ok(sizes)
}

/// JSON a record per line ([`lines::Records`]) written to a stream, for values of any type
/// behind one `dyn`.
mod erased {
    use std::io;

    use serde::Serialize;

    use super::lines::Records;

    /// A value that writes itself as JSON, records at depth `records` one per line, and a
    /// newline.
    pub trait Json {
        /// Writes the value to `to`.
        fn write(&self, to: &mut dyn io::Write, records: usize) -> io::Result<()>;
    }

    impl<T: Serialize> Json for T {
        fn write(&self, to: &mut dyn io::Write, records: usize) -> io::Result<()> {
            let mut to = io::BufWriter::with_capacity(1 << 16, to);
            let mut json = serde_json::Serializer::with_formatter(&mut to, Records::new(records));
            self.serialize(&mut json)?;
            io::Write::write_all(&mut to, b"\n")?;
            io::Write::flush(&mut to)
        }
    }
}

/// A JSON array whose elements are made only while it is serialized.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// Slugs of the public briefs among `ids`.
fn public_slugs<'a>(site: &'a Site, ids: impl IntoIterator<Item = BriefId>) -> Vec<&'a str> {
    ids.into_iter()
        .map(|b| site.brief(b).brief)
        .filter(|b| !b.draft)
        .map(|b| b.slug.as_str())
        .collect()
}

fn brief_record<'a>(site: &'a Site, id: BriefId) -> BriefRecord<'a> {
    let BriefRef {
        brief, card, links, ..
    } = site.brief(id);
    let actors = links
        .actors
        .iter()
        .map(|e| {
            let actor = site.entity(EntityKey::Actor(e.id));
            RoleRecord {
                slug: actor.slug.as_str(),
                name: &actor.link.name,
                role: e.role.as_deref(),
                mentions: e.mentions as usize,
            }
        })
        .collect();
    let locations = links
        .locations
        .iter()
        .map(|e| {
            let location = site.entity(EntityKey::Location(e.id));
            RoleRecord {
                slug: location.slug.as_str(),
                name: &location.link.name,
                role: e.role.as_deref(),
                mentions: e.mentions as usize,
            }
        })
        .collect();
    let prior_incidents = links
        .prior
        .iter()
        .map(|p| {
            let incident = site.incident(p.incident).incident;
            let (reason, shared) = match &p.reason {
                PriorReason::Listed => ("listed", vec![]),
                PriorReason::SharedActors(ids) => (
                    "shared_actor",
                    ids.iter()
                        .map(|&a| slug(site, EntityKey::Actor(a)))
                        .collect(),
                ),
                PriorReason::SharedLocation(l) => {
                    ("shared_location", vec![slug(site, EntityKey::Location(*l))])
                }
            };
            PriorRecord {
                slug: incident.slug.as_str(),
                reason,
                shared,
                ago: incident.date.distance_to(&brief.date),
            }
        })
        .collect();
    BriefRecord {
        slug: brief.slug.as_str(),
        title: &brief.title,
        date: brief.date.iso(),
        summary: &card.summary,
        url: site.absolute(&card.path),
        source: brief.source.as_ref().map(|s| SourceRecord {
            outlet: s.outlet.as_deref().unwrap_or_default(),
            author: s.author.as_deref().unwrap_or_default(),
            url: s.url.as_deref().unwrap_or_default(),
            published: s.published.map(|d| d.iso()),
        }),
        tags: &brief.tags,
        actors,
        locations,
        event: brief.event.map(|e| site.incident(e).incident.slug.as_str()),
        prior_incidents,
    }
}

fn backlinks<'a>(site: &'a Site, links: &EntityLinks) -> (Vec<&'a str>, Vec<&'a str>) {
    (
        public_slugs(site, links.backlinks.iter().copied()),
        links
            .incidents
            .iter()
            .map(|&i| site.incident(i).incident.slug.as_str())
            .collect(),
    )
}

/// The slug of an actor or location.
fn slug<'a>(site: &Site<'a>, key: EntityKey) -> &'a str {
    site.entity(key).slug.as_str()
}

fn entity_record<'a>(site: &'a Site, key: EntityKey) -> EntityRecord<'a> {
    let entity = site.entity(key);
    let (briefs, incidents) = backlinks(site, entity.links);
    EntityRecord {
        slug: entity.slug.as_str(),
        name: &entity.link.name,
        aliases: entity.aliases,
        kind: entity.kind.unwrap_or_default(),
        wikidata: entity.wikidata,
        summary: &entity.described.summary,
        url: site.absolute(&entity.link.path),
        briefs,
        incidents,
    }
}

fn actor_record<'a>(site: &'a Site, id: ActorId) -> ActorRecord<'a> {
    let slugs = |ids: &[ActorId]| {
        ids.iter()
            .map(|&a| slug(site, EntityKey::Actor(a)))
            .collect()
    };
    let actor = site.actor(id);
    ActorRecord {
        entity: entity_record(site, EntityKey::Actor(id)),
        affiliation: slugs(&actor.actor.affiliation),
        members: slugs(actor.members),
    }
}

fn location_record<'a>(site: &'a Site, id: LocationId) -> LocationRecord<'a> {
    let LocationRef { location, contains } = site.location(id);
    let slug_of = |l: LocationId| slug(site, EntityKey::Location(l));
    LocationRecord {
        entity: entity_record(site, EntityKey::Location(id)),
        latitude: location.coordinates.map(|(lat, _)| lat),
        longitude: location.coordinates.map(|(_, lon)| lon),
        country: location.country.as_deref().unwrap_or_default(),
        within: location.within.map(slug_of),
        contains: contains.iter().map(|&l| slug_of(l)).collect(),
    }
}

fn incident_record<'a>(site: &'a Site, id: IncidentId) -> IncidentRecord<'a> {
    let IncidentEntry {
        incident,
        reference,
        described,
        links,
        ..
    } = site.incident(id);
    IncidentRecord {
        slug: incident.slug.as_str(),
        title: &incident.title,
        date: incident.date.iso(),
        date_precision: precision_name(&incident.date),
        kind: incident.kind.as_deref().unwrap_or_default(),
        status: incident.status.map(|s| s.as_str()),
        location: incident
            .location
            .map(|l| slug(site, EntityKey::Location(l))),
        actors: incident
            .actors
            .iter()
            .map(|&a| slug(site, EntityKey::Actor(a)))
            .collect(),
        killed: incident.casualties.and_then(|c| c.killed),
        injured: incident.casualties.and_then(|c| c.injured),
        sources: incident
            .sources
            .iter()
            .map(|s| CitationRecord {
                outlet: &s.outlet,
                url: s.url.as_deref().unwrap_or_default(),
                published: s.published.map(|d| d.iso()),
            })
            .collect(),
        summary: &described.summary,
        url: site.absolute(&reference.path),
        reported_by: public_slugs(site, links.reported_by.iter().copied()),
        cited_by: public_slugs(site, links.cited_by.iter().copied()),
    }
}

/// Where an incident can be put on a map: its location's coordinates, or those of the
/// nearest location it lies `within`. Resolve refuses `within` cycles; the walk is bounded
/// anyway.
fn place(site: &Site, incident: &Incident) -> Option<(LocationId, (f64, f64))> {
    let mut next = incident.location;
    for _ in 0..site.corpus.locations.len() {
        let id = next?;
        let location = site.location(id).location;
        if let Some(coordinates) = location.coordinates {
            return Some((id, coordinates));
        }
        next = location.within;
    }
    None
}
