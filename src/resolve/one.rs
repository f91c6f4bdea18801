//! One brief resolved on its own, for `gloss serve`: after an edit to a single brief the
//! other documents are unchanged, so only that brief's references need looking up again.

use std::collections::BTreeMap;

use super::index::{Index, Indexes, Kinds};
use super::{ResolveOptions, brief};
use crate::article::ArticleRules;
use crate::diagnostics::Diagnostics;
use crate::load::Loaded;
use crate::model::{ActorId, Brief, IncidentId, LocationId};

/// Resolves the one brief `loaded.briefs[at]` against the loaded actors, locations and
/// incidents, for `gloss serve` after an edit to that brief alone (the checks that span
/// briefs, such as tag collisions, are the caller's to run). `Ok(None)` for a draft left out.
pub fn resolve_brief(
    loaded: &Loaded,
    at: usize,
    rules: &ArticleRules,
    options: ResolveOptions,
) -> Result<Option<Brief>, Diagnostics> {
    let mut kinds: Kinds = BTreeMap::new();
    for slug in loaded.incidents.iter().map(|d| d.slug.as_str()) {
        kinds.insert(slug, ("incident", "incidents"));
    }
    for slug in loaded.locations.iter().map(|d| d.slug.as_str()) {
        kinds.insert(slug, ("location", "locations"));
    }
    for slug in loaded.actors.iter().map(|d| d.slug.as_str()) {
        kinds.insert(slug, ("actor", "actors"));
    }
    let failed = &loaded.failed;
    let indexes = Indexes {
        actors: Index::new(
            &loaded.actors,
            ActorId,
            ("content/actors/", "actor"),
            &failed.actors,
            &kinds,
        ),
        locations: Index::new(
            &loaded.locations,
            LocationId,
            ("content/locations/", "location"),
            &failed.locations,
            &kinds,
        ),
        incidents: Index::new(
            &loaded.incidents,
            IncidentId,
            ("content/incidents/", "incident"),
            &failed.incidents,
            &kinds,
        ),
    };
    let Some(document) = loaded.briefs.get(at) else {
        return Ok(None);
    };
    brief(document, &indexes, rules, options).map_err(|errors| {
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(errors);
        diagnostics
    })
}
