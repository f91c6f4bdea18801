//! What the site already holds, for matching a dataset's names: actors by Wikidata item,
//! name and alias; locations by GeoNames id, distance and name; incidents by dataset and
//! event id. Entities the import creates are added as it goes, so a name is never made
//! twice.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::event::{NamedActor, Place};
use crate::load::Loaded;
use crate::model::Slug;

/// Places closer than this are one place.
pub const SAME_PLACE_KM: f64 = 1.0;

/// A grid cell of 0.02° (2.2 km north to south; at least 1 km east to west below 63°), for
/// finding near places without a scan of every place.
type Cell = (i64, i64);

/// The places with coordinates in each cell.
type Grid = HashMap<Cell, Vec<(String, (f64, f64))>>;

/// A known location.
#[derive(Clone, Debug)]
struct KnownPlace {
    slug: String,
    country: String,
}

/// The site's entities and imported incidents.
#[derive(Debug, Default)]
pub struct Known {
    /// Folded actor names and aliases, with their shown form and slug.
    actor_forms: HashMap<String, (String, String)>,
    actor_wikidata: HashMap<String, String>,
    actor_slugs: HashSet<String>,
    place_names: HashMap<String, Vec<KnownPlace>>,
    place_geonames: HashMap<u64, String>,
    grid: Grid,
    place_slugs: HashSet<String>,
    incidents: HashMap<(String, String), PathBuf>,
    incident_slugs: HashSet<String>,
}

/// How a dataset's actor name was matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Match {
    /// An existing entity (or one this import made earlier).
    Found(String),
    /// No match: a new entity with this slug, and the closest existing name if one is
    /// near enough for an editor to check (shown name, slug).
    New(String, Option<(String, String)>),
}

impl Known {
    /// The index of everything `loaded` holds.
    pub fn new(loaded: &Loaded) -> Known {
        let mut known = Known::default();
        for doc in &loaded.actors {
            let f = &doc.front;
            let slug = doc.slug.as_str();
            let names = std::iter::once(&f.name)
                .chain(&f.aliases)
                .chain(&f.short_names);
            for name in names {
                known.add_actor_form(name.get_ref(), slug);
            }
            if let Some(q) = &f.wikidata {
                known
                    .actor_wikidata
                    .insert(q.get_ref().trim().to_string(), slug.to_string());
            }
            known.actor_slugs.insert(slug.to_string());
        }
        for doc in &loaded.locations {
            let f = &doc.front;
            let coordinates = f.coordinates.as_ref().and_then(|c| match c.get_ref()[..] {
                [lat, lon] => Some((lat, lon)),
                _ => None,
            });
            let geonames = f.geonames.as_ref().and_then(|g| match g.get_ref() {
                toml::Value::Integer(n) => u64::try_from(*n).ok(),
                toml::Value::String(s) => s.trim().parse().ok(),
                _ => None,
            });
            let country = f.country.clone().unwrap_or_default();
            let names: Vec<&str> = std::iter::once(&f.name)
                .chain(&f.aliases)
                .map(|n| n.get_ref().as_str())
                .collect();
            known.add_place(doc.slug.as_str(), &names, &country, coordinates, geonames);
        }
        for doc in &loaded.incidents {
            if let Some(p) = &doc.front.provenance {
                let p = p.get_ref();
                let key = (p.dataset.trim().to_string(), p.event_id.trim().to_string());
                known.incidents.insert(key, doc.source.path.clone());
            }
            known.incident_slugs.insert(doc.slug.as_str().to_string());
        }
        known
    }

    fn add_actor_form(&mut self, name: &str, slug: &str) {
        self.actor_forms
            .entry(Slug::fold(name))
            .or_insert_with(|| (name.trim().to_string(), slug.to_string()));
    }

    fn add_place(
        &mut self,
        slug: &str,
        names: &[&str],
        country: &str,
        coordinates: Option<(f64, f64)>,
        geonames: Option<u64>,
    ) {
        for name in names {
            self.place_names
                .entry(Slug::fold(name))
                .or_default()
                .push(KnownPlace {
                    slug: slug.to_string(),
                    country: Slug::fold(country),
                });
        }
        if let Some((lat, lon)) = coordinates {
            self.grid
                .entry(cell(lat, lon))
                .or_default()
                .push((slug.to_string(), (lat, lon)));
        }
        if let Some(id) = geonames {
            self.place_geonames.insert(id, slug.to_string());
        }
        self.place_slugs.insert(slug.to_string());
    }

    /// The actor a dataset names: by Wikidata item, then by name or alias (without case
    /// or accents); else a new actor, registered now.
    pub fn actor(&mut self, actor: &NamedActor) -> Match {
        if let Some(slug) = actor
            .wikidata
            .as_ref()
            .and_then(|q| self.actor_wikidata.get(q))
        {
            return Match::Found(slug.clone());
        }
        let folded = Slug::fold(&actor.name);
        if let Some((_, slug)) = self.actor_forms.get(&folded) {
            return Match::Found(slug.clone());
        }
        let near = self.near_actor(&folded);
        let slug = unique(&Slug::suggest(&actor.name), &self.actor_slugs);
        self.add_actor_form(&actor.name, &slug);
        if let Some(q) = &actor.wikidata {
            self.actor_wikidata.insert(q.clone(), slug.clone());
        }
        self.actor_slugs.insert(slug.clone());
        Match::New(slug, near)
    }

    /// The existing name most like `folded`, if close enough to be the same actor written
    /// differently ("Islamic State (Iraq)" and "Islamic State").
    fn near_actor(&self, folded: &str) -> Option<(String, String)> {
        let bare = |s: &str| match s.rfind(" (") {
            Some(i) if s.ends_with(')') => s[..i].trim().to_string(),
            _ => s.to_string(),
        };
        let wanted = bare(folded);
        self.actor_forms
            .iter()
            .map(|(form, found)| {
                let score = if bare(form) == wanted {
                    1.0
                } else {
                    strsim::jaro_winkler(&wanted, &bare(form))
                };
                (score, found)
            })
            .filter(|(score, _)| *score >= 0.92)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.1.cmp(&a.1.1)))
            .map(|(_, found)| found.clone())
    }

    /// The location a dataset gives: by GeoNames id, then a known place within
    /// [`SAME_PLACE_KM`], then one of that name in the same country; else a new one,
    /// registered now.
    pub fn place(&mut self, place: &Place) -> Match {
        if let Some(slug) = place.geonames.and_then(|id| self.place_geonames.get(&id)) {
            return Match::Found(slug.clone());
        }
        if let Some(slug) = place.coordinates.and_then(|c| self.nearest(c)) {
            return Match::Found(slug);
        }
        let country = Slug::fold(&place.country);
        let by_name = self
            .place_names
            .get(&Slug::fold(&place.name))
            .and_then(|found| {
                found
                    .iter()
                    .find(|p| p.country.is_empty() || country.is_empty() || p.country == country)
            });
        if let Some(p) = by_name {
            return Match::Found(p.slug.clone());
        }
        let mut slug = Slug::suggest(&place.name);
        if self.place_slugs.contains(&slug) && !place.country.is_empty() {
            slug = Slug::suggest(&format!("{} {}", place.name, place.country));
        }
        let slug = unique(&slug, &self.place_slugs);
        let names = [place.name.as_str()];
        self.add_place(
            &slug,
            &names,
            &place.country,
            place.coordinates,
            place.geonames,
        );
        Match::New(slug, None)
    }

    /// The nearest known place within [`SAME_PLACE_KM`] of `at`.
    fn nearest(&self, (lat, lon): (f64, f64)) -> Option<String> {
        let (row, col) = cell(lat, lon);
        let mut best: Option<(f64, &String)> = None;
        for dr in -1..=1 {
            for dc in -1..=1 {
                for (slug, at) in self.grid.get(&(row + dr, col + dc)).into_iter().flatten() {
                    let d = km((lat, lon), *at);
                    if d <= SAME_PLACE_KM && best.is_none_or(|(b, s)| (d, slug) < (b, s)) {
                        best = Some((d, slug));
                    }
                }
            }
        }
        best.map(|(_, slug)| slug.clone())
    }

    /// The file of the incident imported from `event_id` of `dataset`, if any.
    pub fn incident(&self, dataset: &str, event_id: &str) -> Option<&PathBuf> {
        self.incidents
            .get(&(dataset.to_string(), event_id.to_string()))
    }

    /// A free slug for a new incident, registered with its file.
    pub fn new_incident(&mut self, dataset: &str, event_id: &str, wanted: &str) -> String {
        let slug = unique(wanted, &self.incident_slugs);
        self.incident_slugs.insert(slug.clone());
        let path = PathBuf::from(format!("content/incidents/{slug}.md"));
        self.incidents
            .insert((dataset.to_string(), event_id.to_string()), path);
        slug
    }
}

/// `wanted`, or `wanted-2`, `wanted-3`… whichever is not in `taken`.
fn unique(wanted: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(wanted) {
        return wanted.to_string();
    }
    (2..)
        .map(|n| format!("{wanted}-{n}"))
        .find(|s| !taken.contains(s))
        .unwrap_or_else(|| wanted.to_string())
}

fn cell(lat: f64, lon: f64) -> Cell {
    ((lat * 50.0).floor() as i64, (lon * 50.0).floor() as i64)
}

/// Great-circle distance in kilometres.
fn km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> NamedActor {
        NamedActor {
            name: name.to_string(),
            wikidata: None,
        }
    }

    fn place(name: &str, at: (f64, f64)) -> Place {
        Place {
            name: name.to_string(),
            country: "Iraq".to_string(),
            coordinates: Some(at),
            geo_precision: Some(1),
            geonames: None,
        }
    }

    #[test]
    fn actors_are_made_once_and_near_misses_named() {
        let mut known = Known::default();
        known.add_actor_form("Islamic State", "islamic-state");
        assert_eq!(
            known.actor(&named("ISLAMIC STATE")),
            Match::Found("islamic-state".into())
        );
        let Match::New(slug, near) = known.actor(&named("Islamic State (Iraq)")) else {
            panic!("a new actor")
        };
        assert_eq!(slug, "islamic-state-iraq");
        assert_eq!(near.map(|n| n.1), Some("islamic-state".to_string()));
        assert_eq!(
            known.actor(&named("Islamic State (Iraq)")),
            Match::Found(slug)
        );
    }

    #[test]
    fn places_within_a_kilometre_are_one() {
        let mut known = Known::default();
        assert!(matches!(
            known.place(&place("Ramadi", (33.4258, 43.2994))),
            Match::New(..)
        ));
        let near = place("Ar Ramadi", (33.4300, 43.3000));
        assert_eq!(known.place(&near), Match::Found("ramadi".into()));
        let far = place("Ramadi", (34.0, 44.0));
        assert_eq!(known.place(&far), Match::Found("ramadi".into()));
        let elsewhere = Place {
            country: "Syria".into(),
            ..place("Ramadi", (35.0, 40.0))
        };
        assert_eq!(
            known.place(&elsewhere),
            Match::New("ramadi-syria".into(), None)
        );
        assert!(km((33.0, 43.0), (33.01, 43.0)) < 1.2);
    }
}
