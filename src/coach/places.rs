//! Locations checked against the world outline gloss embeds ([`crate::map::lookup`]): a
//! point outside its declared country (with the swapped pair proposed when that one falls
//! inside), a point far from the location it lies `within`, a location whose country differs
//! from its parent's, and a country name gloss does not know.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::map::lookup::{Named, country_at, country_named, distance_km, km_outside};
use crate::map::world::Country;
use crate::model::{Corpus, Location};

use super::Files;

/// How far outside its country's outline a point may lie before it is flagged: the 1:110m
/// outline simplifies coasts and borders by up to a few tens of kilometres.
pub const OUTLINE_SLACK_KM: f64 = 40.0;

/// How far a location may lie from the point of the location it is `within` (unless that is
/// a country, checked by its outline instead): wider than most provinces and cities.
pub const WITHIN_KM: f64 = 500.0;

/// Where a location's country comes from.
struct Declared<'a> {
    country: &'static Country,
    /// The location whose `country` (or whose own name, for a country) it is.
    from: &'a Location,
}

/// Every warning about the site's locations and their places.
pub(super) fn places(corpus: &Corpus, files: &mut Files, out: &mut Diagnostics) {
    for location in &corpus.locations {
        if let Some(name) = &location.country
            && let Named::Unknown(close) = country_named(name)
        {
            out.push(unknown_country(files, location, name, close));
        }
        other_country(corpus, location, files, out);
        let Some((lat, lon)) = location.coordinates else {
            continue;
        };
        if let Some(declared) = declared(corpus, location)
            && km_outside(declared.country, (lon, lat)) > OUTLINE_SLACK_KM
        {
            out.push(outside(files, location, &declared, (lat, lon)));
            continue;
        }
        if let Some(parent) = located_parent(corpus, location)
            && let Some((plat, plon)) = parent.coordinates
        {
            let km = distance_km((lon, lat), (plon, plat));
            if km > WITHIN_KM {
                out.push(
                    files
                        .at_key(
                            &location.file,
                            "coordinates",
                            format!(
                                "[{lat}, {lon}] lies {km:.0} km from `{}` ([{plat}, {plon}]), which this location is `within`",
                                parent.name
                            ),
                        )
                        .with_hint(format!(
                            "check these coordinates and those of {} (latitude first), or fix `within`",
                            parent.file.display()
                        ))
                        .with_code("far-from-within"),
                );
            }
        }
    }
}

fn unknown_country(
    files: &mut Files,
    location: &Location,
    name: &str,
    close: Option<&str>,
) -> Diagnostic {
    let hint = match close {
        Some(close) => format!("did you mean `country = \"{close}\"`?"),
        None => "write the country's English short name, as on the site map (`Iraq`, `United States`, `Dem. Rep. Congo`)".to_string(),
    };
    files
        .at_key(
            &location.file,
            "country",
            format!("gloss knows no country `{name}`, so it cannot check this location's place"),
        )
        .with_hint(hint)
        .with_code("unknown-country")
}

/// The warning for a point outside its declared country.
fn outside(
    files: &mut Files,
    location: &Location,
    declared: &Declared,
    (lat, lon): (f64, f64),
) -> Diagnostic {
    let name = &declared.country.name;
    let whose = if std::ptr::eq(declared.from, location) {
        format!("its country `{name}`")
    } else if declared.from.country.is_none() {
        format!("`{name}`, which it lies within")
    } else {
        format!(
            "`{name}`, the country of `{}`, which it lies within",
            declared.from.name
        )
    };
    let lands = match country_at((lon, lat)) {
        Some(other) => format!("in {}", other.name),
        None => "at sea or outside every country".to_string(),
    };
    let swapped_inside =
        lon.abs() <= 90.0 && km_outside(declared.country, (lat, lon)) <= OUTLINE_SLACK_KM;
    let hint = if swapped_inside {
        format!(
            "latitude comes first, and the swapped pair lies in {name}: write `coordinates = [{lon}, {lat}]`"
        )
    } else {
        format!(
            "check the coordinates ([latitude, longitude] in decimal degrees) or the country{}",
            if std::ptr::eq(declared.from, location) {
                String::new()
            } else {
                format!(" of {}", declared.from.file.display())
            }
        )
    };
    files
        .at_key(
            &location.file,
            "coordinates",
            format!("[{lat}, {lon}] is outside {whose}: the point lies {lands}"),
        )
        .with_hint(hint)
        .with_code("coordinates-outside-country")
}

/// The country a location is declared to be in: its own `country`, else that of the
/// nearest location it is `within` that has one (or is itself a country of the outline).
fn declared<'a>(corpus: &'a Corpus, location: &'a Location) -> Option<Declared<'a>> {
    let mut at = Some(location);
    let mut steps = 0;
    while let Some(here) = at {
        if let Some(name) = &here.country {
            return match country_named(name) {
                Named::Outline(country) => Some(Declared {
                    country,
                    from: here,
                }),
                _ => None,
            };
        }
        if let Some(country) = as_country(here) {
            return Some(Declared {
                country,
                from: here,
            });
        }
        steps += 1;
        at = here
            .within
            .filter(|_| steps <= corpus.locations.len())
            .and_then(|id| corpus.locations.get(id.index()));
    }
    None
}

/// The outline country a location stands for, if its kind is "country".
fn as_country(location: &Location) -> Option<&'static Country> {
    let is_country = location
        .kind
        .as_deref()
        .is_some_and(|k| k.eq_ignore_ascii_case("country"));
    match country_named(&location.name) {
        Named::Outline(country) if is_country => Some(country),
        _ => None,
    }
}

/// The nearest location this one is `within` that has coordinates and is not a country.
fn located_parent<'a>(corpus: &'a Corpus, location: &Location) -> Option<&'a Location> {
    let mut next = location.within;
    for _ in 0..corpus.locations.len() {
        let parent = corpus.locations.get(next?.index())?;
        if as_country(parent).is_some() {
            return None;
        }
        if parent.coordinates.is_some() {
            return Some(parent);
        }
        next = parent.within;
    }
    None
}

/// A location whose own `country` differs from the country of the location it is `within`.
fn other_country(corpus: &Corpus, location: &Location, files: &mut Files, out: &mut Diagnostics) {
    let Some(own) = location.country.as_deref().map(country_named) else {
        return;
    };
    let Some(parent) = location
        .within
        .and_then(|id| corpus.locations.get(id.index()))
    else {
        return;
    };
    let (Named::Outline(own), Some(theirs)) = (own, declared(corpus, parent)) else {
        return;
    };
    if own.name != theirs.country.name {
        out.push(
            files
                .at_key(
                    &location.file,
                    "country",
                    format!(
                        "this location is in `{}` but `within` `{}`, which is in `{}`",
                        own.name, parent.name, theirs.country.name
                    ),
                )
                .with_hint(format!(
                    "fix `country` or `within` (or the country of {})",
                    theirs.from.file.display()
                ))
                .with_code("within-other-country"),
        );
    }
}
