//! Slug lookups for the resolve stage: which id a slug names, and when it names none, the
//! most useful error (the nearest slug, or the kind of entity it really is).

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use crate::diagnostics::{Diagnostic, suggest};
use crate::load::{Document, Loaded};
use crate::model::{ActorId, IncidentId, LocationId};

/// Code of an error that only follows from a file that failed to load: dropped before
/// reporting, since that file's own error says what to fix.
pub(super) const CONSEQUENTIAL: &str = "consequential";

/// What kind of entity each slug of the site is, to say so when one is used in the wrong
/// list ("`x` is a location, not an actor").
pub(super) type Kinds<'a> = BTreeMap<&'a str, (&'static str, &'static str)>;

/// Slug-to-id tables for one kind of entity, with the folder name for hints.
pub(super) struct Index<'a, I> {
    pub(super) ids: BTreeMap<&'a str, I>,
    folder: &'static str,
    noun: &'static str,
    /// Files of this kind that failed to load.
    failed: &'a BTreeSet<String>,
    /// Every slug of the site with its noun and the list it belongs in.
    kinds: &'a Kinds<'a>,
}

impl<'a, I: Copy> Index<'a, I> {
    pub(super) fn new<F>(
        docs: &'a [Document<F>],
        make: fn(u32) -> I,
        (folder, noun): (&'static str, &'static str),
        failed: &'a BTreeSet<String>,
        kinds: &'a Kinds<'a>,
    ) -> Self {
        let ids = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.slug.as_str(), make(i as u32)))
            .collect();
        Index {
            ids,
            folder,
            noun,
            failed,
            kinds,
        }
    }

    /// Looks a slug up; the error names the nearest existing one.
    pub(super) fn get<F>(
        &self,
        doc: &Document<F>,
        slug: &Spanned<String>,
    ) -> Result<I, Diagnostic> {
        self.get_str(doc, slug, slug.get_ref())
    }

    pub(super) fn get_str<F, T>(
        &self,
        doc: &Document<F>,
        at: &Spanned<T>,
        slug: &str,
    ) -> Result<I, Diagnostic> {
        self.ids.get(slug).copied().ok_or_else(|| {
            if self.failed.contains(slug) {
                return Diagnostic::file_error(&doc.source.path, "").with_code(CONSEQUENTIAL);
            }
            if let Some((noun, list)) = self.kinds.get(slug).filter(|(n, _)| *n != self.noun) {
                let in_incident = doc.source.path.starts_with("content/incidents");
                let list = if in_incident && *noun == "location" {
                    "location"
                } else {
                    list
                };
                let hint = match entity_key(&doc.source.path) {
                    Some((key, has)) => format!(
                        "`{key}` must name {} {}: write the slug of one, or delete it; {has}",
                        article(self.noun),
                        self.noun,
                    ),
                    None => format!("move it to `{list}`"),
                };
                return doc
                    .error(
                        at,
                        format!(
                            "`{slug}` is {} {noun}, not {} {}",
                            article(noun),
                            article(self.noun),
                            self.noun
                        ),
                    )
                    .with_hint(hint)
                    .with_code("wrong-kind");
            }
            doc.error(at, format!("unknown {} `{slug}`", self.noun))
                .with_hint(suggest(slug, self.ids.keys().copied(), self.folder))
                .with_code("unknown-slug")
        })
    }
}

/// In an actor or location file, the key whose slugs are looked up and what the file
/// cannot say instead: these files have no `actors` or `locations` list to move a slug to.
fn entity_key(path: &std::path::Path) -> Option<(&'static str, &'static str)> {
    if path.starts_with("content/locations") {
        Some((
            "within",
            "a location file has no `actors` key (list the actor and the place together in a brief or an incident)",
        ))
    } else if path.starts_with("content/actors") {
        Some((
            "affiliation",
            "an actor file has no `locations` key (list the actor and the place together in a brief or an incident)",
        ))
    } else {
        None
    }
}

/// "an actor", "a location".
fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// The slug tables of every kind of entity, as a brief's references need them.
pub(super) struct Indexes<'a> {
    pub(super) actors: Index<'a, ActorId>,
    pub(super) locations: Index<'a, LocationId>,
    pub(super) incidents: Index<'a, IncidentId>,
}

/// Every loaded slug's kind (an actor's wins over a location's, a location's over an
/// incident's, where two share a slug).
pub(super) fn kinds(loaded: &Loaded) -> Kinds<'_> {
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
    kinds
}

impl<'a> Indexes<'a> {
    /// The tables of `loaded`'s actors, locations and incidents.
    pub(super) fn new(loaded: &'a Loaded, kinds: &'a Kinds<'a>) -> Indexes<'a> {
        let failed = &loaded.failed;
        Indexes {
            actors: Index::new(
                &loaded.actors,
                ActorId,
                ("content/actors/", "actor"),
                &failed.actors,
                kinds,
            ),
            locations: Index::new(
                &loaded.locations,
                LocationId,
                ("content/locations/", "location"),
                &failed.locations,
                kinds,
            ),
            incidents: Index::new(
                &loaded.incidents,
                IncidentId,
                ("content/incidents/", "incident"),
                &failed.incidents,
                kinds,
            ),
        }
    }
}
