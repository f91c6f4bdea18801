//! Resolving actors, locations and incidents: their own fields and the slugs they name.

use std::collections::BTreeSet;

use toml::Spanned;

use super::all;
use super::fields::{date, nonempty, strings, wikidata};
use super::ids::{casualties, geo_precision, geonames, provenance};
use super::index::Indexes;
use crate::diagnostics::Diagnostic;
use crate::load::{ActorFront, Document, IncidentFront, LocationFront};
use crate::model::*;
use crate::urls::is_web_url;

pub(super) fn actor(doc: &Document<ActorFront>, ix: &Indexes) -> Result<Actor, Vec<Diagnostic>> {
    let f = &doc.front;
    let mut errors = Vec::new();
    let name = nonempty(doc, &f.name, "name", &mut errors);
    let affiliation = all(
        f.affiliation.iter().map(|s| ix.actors.get(doc, s)),
        &mut errors,
    );
    if affiliation
        .iter()
        .any(|id| ix.actors.ids.get(doc.slug.as_str()) == Some(id))
    {
        errors.push(Diagnostic::file_error(
            &doc.source.path,
            "an actor cannot be affiliated with itself",
        ));
    }
    let actor = Actor {
        slug: doc.slug.clone(),
        file: doc.source.path.clone(),
        name,
        aliases: strings(doc, &f.aliases, "alias", &mut errors),
        short_names: strings(doc, &f.short_names, "short name", &mut errors),
        kind: f.kind.clone().filter(|k| !k.is_empty()),
        affiliation,
        wikidata: wikidata(doc, &f.wikidata, &mut errors),
        body: doc.body.clone(),
        body_line: doc.body_line,
    };
    if errors.is_empty() {
        Ok(actor)
    } else {
        Err(errors)
    }
}

pub(super) fn location(
    doc: &Document<LocationFront>,
    ix: &Indexes,
) -> Result<Location, Vec<Diagnostic>> {
    let f = &doc.front;
    let mut errors = Vec::new();
    let coordinates = f.coordinates.as_ref().and_then(|c| match c.get_ref().as_slice() {
        [lat, lon] if (-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon) => Some((*lat, *lon)),
        [lat, lon] => {
            let hint = if (-90.0..=90.0).contains(lon) {
                "coordinates are [latitude, longitude]: latitude within ±90, longitude within ±180; are they swapped?"
            } else {
                "latitude must be within ±90 and longitude within ±180"
            };
            errors.push(doc.error(c, format!("[{lat}, {lon}] is not a place on Earth")).with_hint(hint));
            None
        }
        _ => {
            errors.push(doc.error(c, "coordinates need exactly two numbers").with_hint("write coordinates = [33.80, 42.44] (latitude, longitude)"));
            None
        }
    });
    let within = f
        .within
        .as_ref()
        .and_then(|w| ix.locations.get(doc, w).map_err(|e| errors.push(e)).ok());
    let location = Location {
        slug: doc.slug.clone(),
        file: doc.source.path.clone(),
        name: nonempty(doc, &f.name, "name", &mut errors),
        aliases: strings(doc, &f.aliases, "alias", &mut errors),
        kind: f.kind.clone().filter(|k| !k.is_empty()),
        coordinates,
        country: f.country.clone().filter(|c| !c.is_empty()),
        within,
        wikidata: wikidata(doc, &f.wikidata, &mut errors),
        geonames: geonames(doc, &f.geonames, &mut errors),
        geo_precision: geo_precision(doc, &f.geo_precision, &mut errors),
        body: doc.body.clone(),
        body_line: doc.body_line,
    };
    if errors.is_empty() {
        Ok(location)
    } else {
        Err(errors)
    }
}

/// `within` chains must end: a location inside itself would hang every page that walks them.
pub(super) fn within_cycles(
    docs: &[Document<LocationFront>],
    locations: &[Location],
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (start, location) in locations.iter().enumerate() {
        let mut seen = BTreeSet::from([start]);
        let mut next = location.within;
        while let Some(id) = next {
            if !seen.insert(id.index()) {
                if id.index() == start {
                    let doc = &docs[start];
                    if let Some(w) = &doc.front.within {
                        errors.push(doc.error(w, "`within` leads back to this location").with_hint("a location cannot lie within itself; fix one `within` in the loop"));
                    }
                }
                break;
            }
            next = locations[id.index()].within;
        }
    }
    errors
}

/// The incident's `status`, one of [`Status::ALL`].
fn status(doc: &Document<IncidentFront>, errors: &mut Vec<Diagnostic>) -> Option<Status> {
    let s = doc.front.status.as_ref()?;
    let found = Status::ALL
        .iter()
        .find(|(_, name)| *name == s.get_ref().trim())
        .map(|(st, _)| *st);
    if found.is_none() {
        errors.push(
            doc.error(s, format!("unknown status `{}`", s.get_ref()))
                .with_hint(crate::markup::hints::one_of(
                    "status",
                    s.get_ref(),
                    &Status::ALL.map(|(_, name)| name),
                ))
                .with_code("unknown-value"),
        );
    }
    found
}

/// The incident's `[[sources]]`: each outlet, with a web URL and a date if given.
fn citations(doc: &Document<IncidentFront>, errors: &mut Vec<Diagnostic>) -> Vec<Citation> {
    doc.front
        .sources
        .iter()
        .filter_map(|s| {
            let c = s.get_ref();
            let url = match &c.url {
                Some(u) if !is_web_url(u.trim()) => {
                    errors.push(
                        doc.error(s, format!("`{u}` is not an http(s) URL"))
                            .with_hint("links to sources must start with https:// or http://"),
                    );
                    return None;
                }
                Some(u) => Some(u.trim().to_string()),
                None => None,
            };
            let published = match &c.published {
                Some(v) => match date(doc, &Spanned::new(s.span(), v.clone()), true) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                },
                None => None,
            };
            Some(Citation {
                outlet: c.outlet.trim().to_string(),
                url,
                published,
            })
        })
        .collect()
}

pub(super) fn incident(
    doc: &Document<IncidentFront>,
    ix: &Indexes,
) -> Result<Incident, Vec<Diagnostic>> {
    let f = &doc.front;
    let mut errors = Vec::new();
    let when = date(doc, &f.date, true).map_err(|e| errors.push(e)).ok();
    let status = status(doc, &mut errors);
    let sources = citations(doc, &mut errors);
    let incident = Incident {
        slug: doc.slug.clone(),
        file: doc.source.path.clone(),
        title: nonempty(doc, &f.title, "title", &mut errors),
        date: when.unwrap_or(
            PartialDate::new(1970, 0, 0)
                .map_err(|e| vec![Diagnostic::file_error(&doc.source.path, e)])?,
        ),
        location: f
            .location
            .as_ref()
            .and_then(|l| ix.locations.get(doc, l).map_err(|e| errors.push(e)).ok()),
        actors: all(f.actors.iter().map(|a| ix.actors.get(doc, a)), &mut errors),
        kind: f.kind.clone().filter(|k| !k.is_empty()),
        status,
        casualties: f
            .casualties
            .as_ref()
            .map(|c| casualties(doc, c, &mut errors)),
        sources,
        provenance: provenance(doc, &f.provenance, &mut errors),
        body: doc.body.clone(),
        body_line: doc.body_line,
    };
    if errors.is_empty() {
        Ok(incident)
    } else {
        Err(errors)
    }
}
