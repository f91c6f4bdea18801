//! The points of `/map/` grouped into clusters ([`crate::map::cluster`]): which markers are
//! drawn, and the matching list below the map, where each cluster is an entry that a
//! cluster's point links to (and that `map.js` shows in an inset over the map).

use serde::Serialize;

use super::{MapIncident, MapLocation, full_frame, phone_frame};
use crate::map::{Marker, MarkerKind, cluster};
use crate::urls::relative_to;

/// One entry of "Places on the map": a lone point, or a cluster with its members.
#[derive(Serialize)]
pub(super) struct MapGroup<'a> {
    /// The number of a cluster, counted from 1 (its point links to `#map-c-3`), or 0 for a
    /// lone point.
    pub(super) cluster: usize,
    /// The cluster's name ("Baghdad and nearby"), or "" for a lone point.
    pub(super) name: String,
    /// What the cluster holds, said in words ("2 places, 5 incidents"), or "".
    pub(super) summary: String,
    /// Its places, busiest first.
    pub(super) places: Vec<&'a MapLocation<'a>>,
    /// Its incidents (none when the map is aggregated), newest first.
    pub(super) incidents: Vec<&'a MapIncident<'a>>,
}

/// What a marker stands for.
#[derive(Clone, Copy)]
enum Member {
    Place(usize),
    Incident(usize),
}

/// `n` and the noun, plural unless `n` is 1.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// The accessible name of a place's point.
pub(super) fn place_name(l: &MapLocation) -> String {
    match l.incidents {
        0 => format!("{}, location", l.name),
        n => format!("{}, location, {}", l.name, count(n, "incident")),
    }
}

/// The accessible name of an incident's point: what, when, how sure, where.
fn incident_name(i: &MapIncident) -> String {
    let status = i
        .status
        .map_or(String::new(), |s| format!(", {}", s.as_str()));
    format!(
        "{} ({}{status}), incident at {}",
        i.title, i.date.display, i.location.name
    )
}

/// Markers for `places` (busiest first) and, unless the map is aggregated, `incidents`,
/// grouped into clusters for both of `/map/`'s frames. Returns the markers to draw (a
/// cluster's point at its lead, linking to its entry below the map) and the entries of the
/// list, sorted by name.
pub(super) fn group<'a>(
    file: &str,
    places: &'a [MapLocation<'a>],
    incidents: &'a [MapIncident<'a>],
    aggregated: bool,
) -> (Vec<Marker<'a>>, Vec<MapGroup<'a>>) {
    let mut members: Vec<Member> = (0..places.len()).map(Member::Place).collect();
    let mut markers: Vec<Marker> = places
        .iter()
        .map(|l| Marker {
            lat: l.lat,
            lon: l.lon,
            kind: MarkerKind::Location,
            name: place_name(l),
            label: l.name,
            href: relative_to(file, l.path),
        })
        .collect();
    if !aggregated {
        members.extend((0..incidents.len()).map(Member::Incident));
        markers.extend(incidents.iter().map(|i| Marker {
            lat: i.at.0,
            lon: i.at.1,
            kind: MarkerKind::Incident,
            name: incident_name(i),
            label: "",
            href: relative_to(file, i.path),
        }));
    }
    let (full, phone) = (full_frame(""), phone_frame(""));
    let mut drawn = Vec::new();
    let mut entries = Vec::new();
    for (k, members_of) in cluster(&markers, &[&full, &phone]).into_iter().enumerate() {
        let mut entry = MapGroup {
            cluster: 0,
            name: String::new(),
            summary: String::new(),
            places: Vec::new(),
            incidents: Vec::new(),
        };
        for &m in &members_of {
            match members[m] {
                Member::Place(p) => entry.places.push(&places[p]),
                Member::Incident(i) => entry.incidents.push(&incidents[i]),
            }
        }
        let lead = &markers[members_of[0]];
        if members_of.len() == 1 {
            drawn.push(lead.clone());
        } else {
            drawn.push(cluster_marker(lead, &mut entry, k + 1, aggregated));
        }
        entries.push(entry);
    }
    entries.sort_by_cached_key(|e| {
        let name = e
            .places
            .first()
            .map_or_else(|| e.incidents[0].location.name.as_str(), |l| l.name);
        name.to_lowercase()
    });
    (drawn, entries)
}

/// The point of a cluster (the `k`th, counted from 1): at its lead, named and counted, linking
/// to its `entry` below the map, which gets its id, name and summary here.
fn cluster_marker<'a>(
    lead: &Marker<'a>,
    entry: &mut MapGroup<'_>,
    k: usize,
    aggregated: bool,
) -> Marker<'a> {
    let incidents = if aggregated {
        entry.places.iter().map(|l| l.incidents).sum()
    } else {
        entry.incidents.len()
    };
    let places = entry.places.len();
    let place = entry.places.first().map_or_else(
        || entry.incidents[0].location.name.clone(),
        |l| l.name.to_string(),
    );
    entry.cluster = k;
    entry.name = if places > 1 {
        format!("{place} and nearby")
    } else {
        place.to_string()
    };
    entry.summary = match (places, incidents) {
        (0 | 1, i) => count(i, "incident"),
        (p, 0) => count(p, "place"),
        (p, i) => format!("{}, {}", count(p, "place"), count(i, "incident")),
    };
    // The name starts with what the point shows, its label then its count (label in name).
    let name = match (places, incidents) {
        (_, 0) => format!("{place}: {} nearby", count(places, "place")),
        (0 | 1, i) => format!("{place}: {}", count(i, "incident")),
        (p, i) => format!("{place}: {} at {p} places nearby", count(i, "incident")),
    };
    Marker {
        lat: lead.lat,
        lon: lead.lon,
        kind: MarkerKind::Cluster {
            count: if incidents > 0 { incidents } else { places },
            incidents: incidents > 0,
        },
        name: format!("{name} (list)"),
        label: if places > 0 { lead.label } else { "" },
        href: format!("#map-c-{k}"),
    }
}
