//! `data/incidents-acled.csv`: the incidents under ACLED's column names and precision
//! codes, so an archive can be merged back into tools that read ACLED exports. Cells are
//! guarded against spreadsheet formulas as in `incidents.csv`.

use super::csv_file::text_cell;
use super::place;
use crate::diagnostics::Diagnostic;
use crate::model::{EntityKey, Incident, Precision};
use crate::render::site::{IncidentEntry, Site};

/// ACLED's columns that gloss can fill, in ACLED's (2023) order.
const HEADER: [&str; 25] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// One row per incident, in corpus order.
pub(super) fn incidents_acled_csv(site: &Site) -> Result<Vec<u8>, Diagnostic> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = |e: csv::Error| {
        Diagnostic::file_error(
            "data/incidents-acled.csv",
            format!("cannot write the CSV: {e}"),
        )
    };
    out.write_record(HEADER).map_err(failed)?;
    for id in site.incident_ids() {
        out.write_record(row(site, site.incident(id)))
            .map_err(failed)?;
    }
    out.into_inner()
        .map_err(|e| Diagnostic::file_error("data/incidents-acled.csv", e.to_string()))
}

/// ACLED's `event_date` and `time_precision`: a day is itself with 1; a month or a year
/// is its first day with 3 ("month or wider").
fn acled_date(incident: &Incident) -> (String, &'static str) {
    let d = incident.date;
    match d.precision() {
        Precision::Day => (d.iso(), "1"),
        Precision::Month => (format!("{}-01", d.iso()), "3"),
        Precision::Year => (format!("{}-01-01", d.iso()), "3"),
    }
}

fn row(site: &Site, entry: IncidentEntry) -> Vec<String> {
    let incident = entry.incident;
    let name = |key: EntityKey| site.entity(key).link.name.as_str();
    let actor = |n: usize| incident.actors.get(n).map(|&a| name(EntityKey::Actor(a)));
    let assoc: Vec<&str> = incident
        .actors
        .iter()
        .skip(2)
        .map(|&a| name(EntityKey::Actor(a)))
        .collect();
    let location = incident.location.map(|l| site.location(l).location);
    let located = place(site, incident);
    let geo_precision = match (location, located) {
        // A place's own coordinates are the place itself unless it says otherwise.
        (Some(l), Some((at, _))) if incident.location == Some(at) => {
            Some(l.geo_precision.unwrap_or(1).to_string())
        }
        (_, Some(_)) => Some("3".to_string()),
        _ => None,
    };
    let country = country(site, incident);
    let admin1 = location
        .and_then(|l| l.within)
        .map(|w| name(EntityKey::Location(w)));
    let (date, precision) = acled_date(incident);
    let (lat, lon) = located
        .map(|(_, (lat, lon))| (lat.to_string(), lon.to_string()))
        .unwrap_or_default();
    let id = match &incident.provenance {
        Some(p) if p.dataset == "acled" => p.event_id.as_str(),
        _ => incident.slug.as_str(),
    };
    let outlets: Vec<&str> = incident.sources.iter().map(|s| s.outlet.as_str()).collect();
    vec![
        text_cell(id),
        date,
        incident.date.year().to_string(),
        precision.to_string(),
        String::new(),
        String::new(),
        text_cell(incident.kind.as_deref().unwrap_or_default()),
        text_cell(actor(0).unwrap_or_default()),
        String::new(),
        text_cell(actor(1).unwrap_or_default()),
        text_cell(&assoc.join("; ")),
        text_cell(country.unwrap_or_default()),
        text_cell(admin1.unwrap_or_default()),
        String::new(),
        String::new(),
        text_cell(location.map(|l| l.name.as_str()).unwrap_or_default()),
        lat,
        lon,
        geo_precision.unwrap_or_default(),
        text_cell(&outlets.join("; ")),
        String::new(),
        text_cell(&entry.described.summary),
        incident
            .casualties
            .and_then(|c| c.killed)
            .map(|k| k.to_string())
            .unwrap_or_default(),
        String::new(),
        String::new(),
    ]
}

/// The country of the incident's place, or of the nearest place it lies within that names
/// one. Resolve refuses `within` cycles; the walk is bounded anyway.
fn country<'a>(site: &'a Site, incident: &Incident) -> Option<&'a str> {
    let mut next = incident.location;
    for _ in 0..site.corpus.locations.len() {
        let l = site.location(next?).location;
        if l.country.is_some() {
            return l.country.as_deref();
        }
        next = l.within;
    }
    None
}
