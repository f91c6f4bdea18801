//! Identifiers that tie entities to the outside world and provenance of imported
//! incidents: GeoNames ids, `geo_precision`, `[provenance]`, and one entity per Wikidata
//! item or GeoNames id.

use std::collections::BTreeMap;
use std::path::PathBuf;

use toml::Spanned;

use super::fields::date;
use crate::diagnostics::Diagnostic;
use crate::load::{CasualtiesFront, Document, ProvenanceFront};
use crate::model::{Actor, Casualties, Location, PartialDate, Provenance};

/// The largest GeoNames id accepted: ids are positive and well under ten digits today.
const GEONAMES_MAX: u64 = 9_999_999_999;

/// A location's `geonames`: a positive number, or a string of digits.
pub(super) fn geonames<F>(
    doc: &Document<F>,
    id: &Option<Spanned<toml::Value>>,
    errors: &mut Vec<Diagnostic>,
) -> Option<u64> {
    let id = id.as_ref()?;
    let number = match id.get_ref() {
        toml::Value::Integer(n) => u64::try_from(*n).ok(),
        toml::Value::String(s) if !s.trim().is_empty() && s.trim().len() <= 10 => {
            s.trim().parse::<u64>().ok()
        }
        _ => None,
    }
    .filter(|n| (1..=GEONAMES_MAX).contains(n));
    if number.is_none() {
        errors.push(
            doc.error(id, "this is not a GeoNames id")
                .with_hint(
                    "write the number from the place's geonames.org address, e.g. geonames = 99072",
                )
                .with_code("geonames-id"),
        );
    }
    number
}

/// A location's `geo_precision`: 1, 2 or 3.
pub(super) fn geo_precision<F>(
    doc: &Document<F>,
    value: &Option<Spanned<i64>>,
    errors: &mut Vec<Diagnostic>,
) -> Option<u8> {
    let value = value.as_ref()?;
    match *value.get_ref() {
        n @ 1..=3 => Some(n as u8),
        n => {
            errors.push(
                doc.error(value, format!("geo_precision {n} is not 1, 2 or 3"))
                    .with_hint("1: the coordinates are the place itself; 2: near it; 3: only the region is known"),
            );
            None
        }
    }
}

/// An incident's `[provenance]`, with its date range checked.
pub(super) fn provenance<F>(
    doc: &Document<F>,
    front: &Option<Spanned<ProvenanceFront>>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Provenance> {
    let spanned = front.as_ref()?;
    let p = spanned.get_ref();
    let day = |v: &Option<toml::Value>| -> Option<Result<PartialDate, Diagnostic>> {
        v.as_ref()
            .map(|v| date(doc, &Spanned::new(spanned.span(), v.clone()), true))
    };
    let range = match (day(&p.date_start), day(&p.date_end)) {
        (Some(Ok(start)), Some(Ok(end))) if start <= end => Some((start, end)),
        (None, None) => None,
        (Some(Err(e)), _) | (_, Some(Err(e))) => {
            errors.push(e);
            None
        }
        _ => {
            errors.push(
                doc.error(spanned, "`date_start` and `date_end` must both be given, in order")
                    .with_hint("write the range the dataset gives, e.g. date_start = 2020-01-03 and date_end = 2020-01-20"),
            );
            None
        }
    };
    let text = |s: &str| s.trim().to_string();
    if p.dataset.trim().is_empty() || p.event_id.trim().is_empty() {
        errors.push(
            doc.error(spanned, "provenance needs a `dataset` and an `event_id`")
                .with_hint("gloss import writes these; restore them or remove the whole [provenance] table"),
        );
        return None;
    }
    Some(Provenance {
        dataset: text(&p.dataset),
        event_id: text(&p.event_id),
        imported: match &p.imported {
            toml::Value::String(s) => text(s),
            other => other.to_string(),
        },
        range,
    })
}

/// An incident's `casualties`, whose estimates must be in order: `low` ≤ `killed` ≤ `high`.
pub(super) fn casualties<F>(
    doc: &Document<F>,
    front: &Spanned<CasualtiesFront>,
    errors: &mut Vec<Diagnostic>,
) -> Casualties {
    let c = front.get_ref();
    let known: Vec<u32> = [c.low, c.killed, c.high].into_iter().flatten().collect();
    if known.windows(2).any(|w| w[0] > w[1]) {
        errors.push(
            doc.error(front, "the death estimates are out of order")
                .with_hint("`low` is the lowest estimate, `killed` the best and `high` the highest: low ≤ killed ≤ high")
                .with_code("casualties-order"),
        );
    }
    Casualties {
        killed: c.killed,
        injured: c.injured,
        low: c.low,
        high: c.high,
    }
}

/// Two entities with one Wikidata item, or two locations with one GeoNames id, are one
/// entity written twice: an error naming both files.
pub(super) fn duplicate_ids(actors: &[Actor], locations: &[Location]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let wikidata = actors
        .iter()
        .map(|a| (a.wikidata.clone(), &a.file))
        .chain(locations.iter().map(|l| (l.wikidata.clone(), &l.file)));
    duplicates(wikidata, "Wikidata item", "duplicate-wikidata", &mut errors);
    let geonames = locations
        .iter()
        .map(|l| (l.geonames.map(|g| g.to_string()), &l.file));
    duplicates(geonames, "GeoNames id", "duplicate-geonames", &mut errors);
    errors
}

fn duplicates<'a>(
    ids: impl Iterator<Item = (Option<String>, &'a PathBuf)>,
    what: &str,
    code: &'static str,
    errors: &mut Vec<Diagnostic>,
) {
    let mut first: BTreeMap<String, &PathBuf> = BTreeMap::new();
    for (id, file) in ids {
        let Some(id) = id else { continue };
        match first.get(&id) {
            Some(earlier) => errors.push(
                Diagnostic::file_error(
                    file,
                    format!(
                        "{what} {id} is also given by {}: one thing written twice",
                        earlier.display()
                    ),
                )
                .with_hint(format!(
                    "merge {} and {} into one file (the other's names become aliases), or correct the id",
                    earlier.display(),
                    file.display()
                ))
                .with_code(code),
            ),
            None => {
                first.insert(id, file);
            }
        }
    }
}
