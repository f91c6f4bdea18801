//! The `/map/` page and the locator maps of location and incident pages: which points, which
//! links, which names. The drawing itself is [`crate::map`].

use serde::Serialize;

use super::{Nav, PageJob};
use crate::map::{Frame, Marker, MarkerKind, draw};
use crate::model::{IncidentId, LocationId, Status};
use crate::render::site::Site;
use crate::render::views::{DateView, LinkView, status_or_empty};
use crate::urls::{output_file, relative_to};

/// A located incident in the list below the map.
#[derive(Serialize)]
struct MapIncident<'a> {
    title: &'a str,
    path: &'a str,
    date: &'a DateView,
    /// Serialized as its spelling, or "" when unknown.
    #[serde(serialize_with = "status_or_empty")]
    status: Option<Status>,
    location: &'a LinkView,
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
    map_incidents: Vec<MapIncident<'a>>,
    /// The [`MAX_LISTED`] located places with the most incidents, by name.
    map_locations: Vec<MapLocation<'a>>,
    /// How many places are located in all.
    map_location_count: usize,
    /// How many of them the map draws (at most [`MAX_LOCATION_POINTS`]).
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

/// The map draws at most this many places, those with the most incidents: 3,000 located
/// places made a 2.2 MB page (two drawings of 3,000 linked points, 250 bytes each) and a
/// solid blot; with 300 drawn and 500 listed it is 258 KB.
pub const MAX_LOCATION_POINTS: usize = 300;

/// At most this many rows in each list below the map (about 60 KB); the headings count them
/// all and the page points to the open data for the rest. An archive whose places have no
/// coordinates listed 20,000 rows under "Not on the map", a 2.6 MB page, at 100,000 briefs.
pub const MAX_LISTED: usize = 500;

/// The site map's frame.
fn full_frame(title: &str) -> Frame<'_> {
    Frame {
        size: (960.0, 600.0),
        padding: 0.3,
        min_span: 11.0,
        font: 14.0,
        title,
        class: "map-full",
    }
}

/// The site map's phone crop: portrait, with larger type, shown instead of the wide map on
/// narrow screens (by `map.css`), so labels stay readable without zooming.
fn phone_frame(title: &str) -> Frame<'_> {
    Frame {
        size: (420.0, 540.0),
        padding: 0.15,
        min_span: 8.0,
        font: 16.0,
        title,
        class: "map-phone",
    }
}

/// A locator map's frame: the point with its country and neighbours around it.
fn locator_frame(title: &str) -> Frame<'_> {
    Frame {
        size: (300.0, 210.0),
        padding: 0.0,
        min_span: 11.0,
        font: 12.0,
        title,
        class: "map-locator",
    }
}

/// The accessible name of an incident's point: what, when, how sure, where.
fn incident_name(title: &str, date: &str, status: Option<Status>, place: &str) -> String {
    let status = status.map_or(String::new(), |s| format!(", {}", s.as_str()));
    format!("{title} ({date}{status}), incident at {place}")
}

impl Site<'_> {
    /// The (lat, lon) of a location, if it has coordinates.
    fn coordinates(&self, l: LocationId) -> Option<(f64, f64)> {
        self.corpus.locations[l.index()].coordinates
    }

    /// `/map/`: every located incident and location on one map, with a legend and the same
    /// points as plain lists.
    pub(in crate::render) fn map_page(&self) -> PageJob {
        let path = self.urls.map();
        let file = output_file(&path);
        let mut counts = vec![0usize; self.corpus.locations.len()];
        let mut incidents = Vec::new();
        let mut unmapped = Vec::new();
        let mut incident_markers = Vec::new();
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
            let Some((lat, lon)) = self.coordinates(l) else {
                unmapped.push(Unmapped {
                    name: &r.title,
                    path: &r.path,
                    why: format!("its location, {}, has no coordinates", place.name),
                });
                continue;
            };
            counts[l.index()] += 1;
            incident_markers.push(Marker {
                lat,
                lon,
                kind: MarkerKind::Incident,
                name: incident_name(&r.title, &r.date.display, r.status, &place.name),
                label: "",
                href: relative_to(&file, &r.path),
            });
            incidents.push(MapIncident {
                title: &r.title,
                path: &r.path,
                date: &r.date,
                status: r.status,
                location: place,
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
        // Busiest places first: they get their labels when space runs out.
        locations.sort_by(|a, b| b.incidents.cmp(&a.incidents).then(a.name.cmp(b.name)));
        let mut markers: Vec<Marker> = locations
            .iter()
            .take(MAX_LOCATION_POINTS)
            .map(|l| Marker {
                lat: l.lat,
                lon: l.lon,
                kind: MarkerKind::Location,
                name: match l.incidents {
                    0 => format!("{}, location", l.name),
                    1 => format!("{}, location, 1 incident", l.name),
                    n => format!("{}, location, {n} incidents", l.name),
                },
                label: l.name,
                href: relative_to(&file, l.path),
            })
            .collect();
        let aggregated = incidents.len() > MAX_INCIDENT_POINTS;
        if !aggregated {
            markers.extend(incident_markers);
        }
        let title = format!(
            "Map of {} located incident{} and {} location{}",
            incidents.len(),
            if incidents.len() == 1 { "" } else { "s" },
            locations.len(),
            if locations.len() == 1 { "" } else { "s" },
        );
        let (svg, phone_svg) = if markers.is_empty() {
            (String::new(), String::new())
        } else {
            (
                draw(&markers, &full_frame(&title)),
                draw(&markers, &phone_frame(&title)),
            )
        };
        let located = locations.len();
        locations.truncate(MAX_LISTED);
        locations.sort_by_key(|l| l.name.to_lowercase());
        let common = self.common(&file, self.meta(&path, "Map", &title, "website"), Nav::Map);
        let page = MapPage {
            map_svg: svg,
            map_phone_svg: phone_svg,
            map_aggregated: aggregated,
            map_incident_count: incidents.len(),
            map_incidents: if aggregated { Vec::new() } else { incidents },
            map_locations: locations,
            map_location_count: located,
            map_location_points: located.min(MAX_LOCATION_POINTS),
            unmapped_total: unmapped.len(),
            unmapped: unmapped.into_iter().take(MAX_LISTED).collect(),
        };
        PageJob::new(file, "map.html", common, page)
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
        draw(&[marker], &locator_frame(&format!("Locator map: {name}")))
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
        draw(
            &[marker],
            &locator_frame(&format!("Locator map: {}", place.name)),
        )
    }
}
