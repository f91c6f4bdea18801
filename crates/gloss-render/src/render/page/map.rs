//! The `/map/` page and the locator maps of location and incident pages: which points, which
//! links, which names. The drawing itself is [`crate::map`].

mod groups;

use serde::Serialize;

use super::{Nav, PageJob};
use crate::map::{Frame, Marker, MarkerKind, Outline, draw};
use crate::model::{IncidentId, LocationId, Status};
use crate::output::Output;
use crate::render::site::Site;
use crate::render::views::{DateView, LinkView, status_or_empty};
use crate::urls::{output_file, relative_to};

use groups::{MapGroup, group};

/// A located incident in the lists below the map.
#[derive(Serialize)]
struct MapIncident<'a> {
    title: &'a str,
    path: &'a str,
    date: &'a DateView,
    /// Serialized as its spelling, or "" when unknown.
    #[serde(serialize_with = "status_or_empty")]
    status: Option<Status>,
    location: &'a LinkView,
    /// (lat, lon) of its location.
    #[serde(skip)]
    at: (f64, f64),
}

/// A location in the list below the map.
#[derive(Serialize)]
struct MapLocation<'a> {
    name: &'a str,
    path: &'a str,
    kind: &'a str,
    lat: f64,
    lon: f64,
    incidents: usize,
}

/// What `/map/` cannot show, and why, so nothing is left out silently.
#[derive(Serialize)]
struct Unmapped<'a> {
    name: &'a str,
    path: &'a str,
    why: String,
}

/// `map.html`'s own values.
#[derive(Serialize)]
struct MapPage<'a> {
    /// The wide map, or "" when nothing is located.
    map_svg: String,
    /// The phone crop, or "".
    map_phone_svg: String,
    /// One point per place instead of per incident (too many incidents).
    map_aggregated: bool,
    map_incident_count: usize,
    /// Empty when aggregated.
    map_incidents: &'a [MapIncident<'a>],
    /// The points of the map as a list: lone places and clusters with their members, by name.
    map_groups: Vec<MapGroup<'a>>,
    /// How many of the points are clusters.
    map_cluster_count: usize,
    /// How many places are located in all.
    map_location_count: usize,
    /// How many of them the map draws and lists (at most [`MAX_LISTED`]).
    map_location_points: usize,
    /// The first [`MAX_LISTED`] of what the map cannot show.
    unmapped: Vec<Unmapped<'a>>,
    /// How many things the map cannot show in all.
    unmapped_total: usize,
}

/// Above this many located incidents, `/map/` draws one point per place (its name counting
/// its incidents) instead of one per incident, and lists places rather than incidents: a
/// point per incident would make the page megabytes long and the map a solid blot.
pub const MAX_INCIDENT_POINTS: usize = 400;

/// The map draws and lists at most this many places, those with the most incidents (the
/// headings count them all and the page points to the open data for the rest). Close points
/// are drawn as one cluster, so the drawing stays small and the list is what costs bytes: on
/// the bench corpus at 10,000 briefs (1,000 located places) the page is 124 KB, 95 KB of it
/// the 500 rows, where 300 points drawn one by one on each map made it 266 KB.
/// An archive whose places have no coordinates listed 20,000 rows under "Not on the map", a
/// 2.6 MB page, at 100,000 briefs.
pub const MAX_LISTED: usize = 500;

/// The site map's frame. It is shown from 48rem (768 px) up, where it is at least 704 px
/// wide: a 34-unit hit area is 24 px there.
fn full_frame(title: &str) -> Frame<'_> {
    Frame {
        size: (960.0, 600.0),
        padding: 0.3,
        min_span: 11.0,
        font: 14.0,
        hit: 34.0,
        title,
        class: "map-full",
    }
}

/// The site map's phone crop: portrait, with larger type, shown instead of the wide map on
/// narrow screens (by `map.css`), so labels stay readable without zooming. At 320 px it is
/// 288 px wide: a 35-unit hit area is 24 px there.
fn phone_frame(title: &str) -> Frame<'_> {
    Frame {
        size: (420.0, 540.0),
        padding: 0.15,
        min_span: 8.0,
        font: 16.0,
        hit: 35.0,
        title,
        class: "map-phone",
    }
}

/// What `/map/` shows, gathered from the site: located incidents (newest first), located
/// places (busiest first) and what cannot be placed.
struct Gathered<'a> {
    incidents: Vec<MapIncident<'a>>,
    locations: Vec<MapLocation<'a>>,
    unmapped: Vec<Unmapped<'a>>,
}

impl Site<'_> {
    /// The (lat, lon) of a location, if it has coordinates.
    fn coordinates(&self, l: LocationId) -> Option<(f64, f64)> {
        self.corpus.locations[l.index()].coordinates
    }

    /// Every incident and location, sorted into what `/map/` can place and what it cannot.
    fn gather(&self) -> Gathered<'_> {
        let mut counts = vec![0usize; self.corpus.locations.len()];
        let mut incidents = Vec::new();
        let mut unmapped = Vec::new();
        for entry in self.incident_ids().map(|id| self.incident(id)) {
            let r = entry.reference;
            let Some(l) = entry.incident.location else {
                unmapped.push(Unmapped {
                    name: &r.title,
                    path: &r.path,
                    why: "incident with no location".into(),
                });
                continue;
            };
            let place = &self.prepared.location_links[l.index()];
            let Some(at) = self.coordinates(l) else {
                unmapped.push(Unmapped {
                    name: &r.title,
                    path: &r.path,
                    why: format!("its location, {}, has no coordinates", place.name),
                });
                continue;
            };
            counts[l.index()] += 1;
            incidents.push(MapIncident {
                title: &r.title,
                path: &r.path,
                date: &r.date,
                status: r.status,
                location: place,
                at,
            });
        }
        incidents.sort_by(|a, b| b.date.iso.cmp(&a.date.iso).then(a.title.cmp(b.title)));
        let mut locations = Vec::new();
        for (i, location) in self.corpus.locations.iter().enumerate() {
            let link = &self.prepared.location_links[i];
            match location.coordinates {
                Some((lat, lon)) => locations.push(MapLocation {
                    name: &link.name,
                    path: &link.path,
                    kind: location.kind.as_deref().unwrap_or_default(),
                    lat,
                    lon,
                    incidents: counts[i],
                }),
                None => unmapped.push(Unmapped {
                    name: &link.name,
                    path: &link.path,
                    why: "location with no coordinates".into(),
                }),
            }
        }
        // Busiest places first: they are drawn and listed, and lead their clusters.
        locations.sort_by(|a, b| b.incidents.cmp(&a.incidents).then(a.name.cmp(b.name)));
        Gathered {
            incidents,
            locations,
            unmapped,
        }
    }

    /// `/map/`: every located incident and the busiest located places on one map, close
    /// points drawn as clusters, with a legend and the same points as plain lists.
    pub(in crate::render) fn map_page(&self) -> PageJob {
        let path = self.urls.map();
        let file = output_file(&path);
        let Gathered {
            incidents,
            locations,
            unmapped,
        } = self.gather();
        let located = locations.len();
        let drawn = &locations[..located.min(MAX_LISTED)];
        let aggregated = incidents.len() > MAX_INCIDENT_POINTS;
        let (markers, groups) = group(&file, drawn, &incidents, aggregated);
        let title = format!(
            "Map of {} located incident{} and {} location{}",
            incidents.len(),
            if incidents.len() == 1 { "" } else { "s" },
            located,
            if located == 1 { "" } else { "s" },
        );
        let (svg, phone_svg) = if markers.is_empty() {
            (String::new(), String::new())
        } else {
            (
                draw(&markers, &full_frame(&title)),
                draw(&markers, &phone_frame(&title)),
            )
        };
        let common = self.common(&file, self.meta(&path, "Map", &title, "website"), Nav::Map);
        let page = MapPage {
            map_svg: svg,
            map_phone_svg: phone_svg,
            map_aggregated: aggregated,
            map_incident_count: incidents.len(),
            map_incidents: if aggregated { &[] } else { &incidents },
            map_cluster_count: groups.iter().filter(|g| g.cluster > 0).count(),
            map_groups: groups,
            map_location_count: located,
            map_location_points: drawn.len(),
            unmapped_total: unmapped.len(),
            unmapped: unmapped.into_iter().take(MAX_LISTED).collect(),
        };
        PageJob::new(file, "map.html", common, page)
    }

    /// The land under every locator map, or `None` when no place is located.
    fn outline(&self) -> Option<&Outline> {
        let fitted = self.memo.outline.get_or_init(|| {
            let points: Vec<(f64, f64)> = (self.corpus.locations.iter())
                .filter_map(|l| l.coordinates)
                .map(|(lat, lon)| (lon, lat))
                .collect();
            Outline::fit(&points, &Frame::locator(""))
        });
        fitted.as_ref()
    }

    /// The shared outline file (`map/outline.svg`), written once for the whole site when a
    /// place is located.
    pub(in crate::render) fn map_outline_file(&self) -> Option<Output> {
        self.outline().map(|o| Output::Bytes {
            path: self.urls.map_outline(),
            bytes: o.svg().into_bytes(),
        })
    }

    /// A locator map of `marker` titled after `name`, over the shared outline (`file` is the
    /// page's output file), or "" when no place is located.
    fn locator(&self, marker: Marker, name: &str, file: &str) -> String {
        let Some(outline) = self.outline() else {
            return String::new();
        };
        let title = format!("Locator map: {name}");
        let href = relative_to(file, &self.urls.map_outline());
        outline.locator(&[marker], &Frame::locator(&title), &href)
    }

    /// The locator map of a location page (`file` is the page's output file), or "" when the
    /// location has no coordinates.
    pub(in crate::render) fn location_locator(&self, l: LocationId, file: &str) -> String {
        let Some((lat, lon)) = self.coordinates(l) else {
            return String::new();
        };
        let name = &self.prepared.location_links[l.index()].name;
        let marker = Marker {
            lat,
            lon,
            kind: MarkerKind::Subject,
            name: format!("{name}, on the site map"),
            label: name,
            href: relative_to(file, &self.urls.map()),
        };
        self.locator(marker, name, file)
    }

    /// The locator map of an incident page: its location's point, linked to the location.
    pub(in crate::render) fn incident_locator(&self, id: IncidentId, file: &str) -> String {
        let Some(l) = self.incident(id).incident.location else {
            return String::new();
        };
        let Some((lat, lon)) = self.coordinates(l) else {
            return String::new();
        };
        let place = &self.prepared.location_links[l.index()];
        let marker = Marker {
            lat,
            lon,
            kind: MarkerKind::Subject,
            name: format!("{}, location", place.name),
            label: &place.name,
            href: relative_to(file, &place.path),
        };
        self.locator(marker, &place.name, file)
    }
}
