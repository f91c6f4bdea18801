//! Which pages an edit to one brief changes. `gloss serve` re-renders only these after such
//! an edit, so this list must be a superset of the pages whose bytes differ; the serve tests
//! check it against clean builds. Each rule below says which part of a page shows the brief.
//! Files made from the whole site (search, feeds, data, sitemap) are not listed here: they
//! are always remade (see [`super::site_wide`]).

use std::collections::BTreeSet;

use crate::graph::BriefLinks;
use crate::model::EntityKey;
use crate::model::{BriefId, Corpus, IncidentId};
use crate::render::related::{neighbours, related};
use crate::render::views::BriefCard;
use crate::render::{Job, Site};
use crate::urls::tag_slug;

/// What a brief showed before an edit, taken before the edit replaced it.
#[derive(Clone, Debug)]
pub struct Before {
    /// The brief's position in the corpus (unchanged by the edits handled incrementally).
    pub at: usize,
    /// Its sidebar entities (listed and mentioned).
    pub entities: BTreeSet<EntityKey>,
    /// Its incident, hand-picked prior incidents and computed prior incidents.
    pub incidents: BTreeSet<IncidentId>,
    /// Its tags, as folder names.
    pub tags: BTreeSet<String>,
    /// The year of its date.
    pub year: i32,
    /// Its card as lists show it (title, date, summary…), for comparison.
    pub card: BriefCard,
}

impl Before {
    /// The brief `at` as the site shows it now.
    pub fn take(site: &Site, at: usize) -> Before {
        let brief = &site.corpus.briefs[at];
        let links = &site.graph.briefs[at];
        Before {
            at,
            entities: entities(links),
            incidents: incidents(site.corpus, links, at),
            tags: brief.tags.iter().map(|t| tag_slug(t)).collect(),
            year: brief.date.year(),
            card: site.prepared.brief_cards[at].clone(),
        }
    }
}

fn entities(links: &BriefLinks) -> BTreeSet<EntityKey> {
    links
        .actors
        .iter()
        .map(|e| EntityKey::Actor(e.id))
        .chain(links.locations.iter().map(|e| EntityKey::Location(e.id)))
        .collect()
}

fn incidents(corpus: &Corpus, links: &BriefLinks, at: usize) -> BTreeSet<IncidentId> {
    let brief = &corpus.briefs[at];
    brief
        .event
        .iter()
        .chain(&brief.incidents)
        .copied()
        .chain(links.prior.iter().map(|p| p.incident))
        .collect()
}

/// Whether the graph around the brief stayed the same shape: the same entities, incidents
/// and tags. Then no other brief's related list, no entity's brief count and no tag's
/// changes, and the graph can be patched for the one brief instead of linked again.
pub fn same_shape(before: &Before, site: &Site) -> bool {
    let after = Before::take(site, before.at);
    after.entities == before.entities
        && after.incidents == before.incidents
        && after.tags == before.tags
        && after.year == before.year
}

/// The pages to render again after the brief `before.at` changed, on the site as it is
/// now. `reshaped` is true when [`same_shape`] was not.
pub fn affected(site: &Site, before: &Before, all: &[Job], reshaped: bool) -> Vec<Job> {
    let at = before.at;
    let now = Before::take(site, at);
    let entities: BTreeSet<EntityKey> = with_parents(site, before.entities.union(&now.entities));
    let incidents: BTreeSet<IncidentId> = before.incidents.union(&now.incidents).copied().collect();
    let tags: BTreeSet<&String> = before.tags.union(&now.tags).collect();
    let years = [before.year, now.year];
    let per = site.config.paginate_by.max(1);
    let home_page = at / per + 1;
    let me = BriefId(at as u32);

    let briefs = brief_pages(site, before, &now, &incidents, reshaped);

    all.iter()
        .filter(|job| match job {
            Job::Brief(id) => briefs.contains(&id.index()),
            // Lists of briefs: the page that shows it, and the first (the lead brief). A
            // reshaped graph may change what the front page says about entities: all.
            Job::Home(n) => reshaped || *n == 1 || *n == home_page,
            Job::Actor(a) => entities.contains(&EntityKey::Actor(*a)),
            Job::Location(l) => entities.contains(&EntityKey::Location(*l)),
            // Later pages of an entity's briefs: all of them, as pages are bounded in
            // bytes too and the brief's quotes may have grown or shrunk (the pages shift).
            Job::EntityPage(key, _) => entities.contains(key),
            Job::Incident(i) => incidents.contains(i),
            Job::Tag(slug) => tags.contains(slug),
            Job::TagPage(slug, n) => {
                tags.contains(slug)
                    && (reshaped
                        || site
                            .graph
                            .tags
                            .get(slug)
                            .and_then(|tag| page_of(&tag.briefs, me, per))
                            == Some(*n))
            }
            Job::TimelineYear(year, _) => years.contains(year),
            // Made with the whole-site files.
            Job::Data => false,
            // Few pages that summarise the whole site: always.
            Job::Section(..)
            | Job::Tags
            | Job::Page(_)
            | Job::Timeline
            | Job::Search
            | Job::Map
            | Job::Network
            | Job::NotFound => true,
        })
        .cloned()
        .collect()
}

/// The brief pages to render again: the brief; its pager neighbours (they show its title);
/// and the briefs whose related list shows it (its card changed) or whose related list may
/// have changed (the entities or incidents it shares changed).
fn brief_pages(
    site: &Site,
    before: &Before,
    now: &Before,
    incidents: &BTreeSet<IncidentId>,
    reshaped: bool,
) -> BTreeSet<usize> {
    let at = before.at;
    let me = BriefId(at as u32);
    let mut briefs: BTreeSet<usize> = BTreeSet::from([at]);
    let (newer, older) = neighbours(site.corpus, at);
    briefs.extend(newer.iter().chain(&older).map(|b| b.index()));
    let card_changed = before.card != now.card;
    if reshaped || card_changed {
        let changed_entities: BTreeSet<&EntityKey> = if reshaped {
            before
                .entities
                .symmetric_difference(&now.entities)
                .collect()
        } else {
            BTreeSet::new()
        };
        let mut candidates: BTreeSet<usize> = BTreeSet::new();
        for key in before.entities.union(&now.entities) {
            for b in &site.graph.entity(*key).backlinks {
                candidates.insert(b.index());
            }
            if changed_entities.contains(key) {
                // Every brief naming an entity the brief gained or lost may rank others anew.
                briefs.extend(site.graph.entity(*key).backlinks.iter().map(|b| b.index()));
            }
        }
        for i in incidents {
            let links = &site.graph.incidents[i.index()];
            candidates.extend(links.reported_by.iter().map(|b| b.index()));
            if reshaped {
                briefs.extend(links.reported_by.iter().map(|b| b.index()));
            }
        }
        use rayon::prelude::*;
        let showing: Vec<usize> = candidates
            .into_par_iter()
            .filter(|&x| {
                x != at
                    && related(site.corpus, site.graph, x, site.budget().related)
                        .iter()
                        .any(|(b, _)| *b == me)
            })
            .collect();
        briefs.extend(showing);
    }
    briefs
}

/// The page (from 1) of a list of `per` briefs a page that shows `brief`.
fn page_of(briefs: &[BriefId], brief: BriefId, per: usize) -> Option<usize> {
    briefs.iter().position(|b| *b == brief).map(|i| i / per + 1)
}

/// The entities and the groups and places that contain them (whose pages may gather the
/// briefs of their members and parts).
fn with_parents<'a>(site: &Site, keys: impl Iterator<Item = &'a EntityKey>) -> BTreeSet<EntityKey> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<EntityKey> = keys.copied().collect();
    while let Some(key) = stack.pop() {
        if !out.insert(key) {
            continue;
        }
        match key {
            EntityKey::Actor(a) => stack.extend(
                site.corpus.actors[a.index()]
                    .affiliation
                    .iter()
                    .map(|g| EntityKey::Actor(*g)),
            ),
            EntityKey::Location(l) => stack.extend(
                site.corpus.locations[l.index()]
                    .within
                    .map(EntityKey::Location),
            ),
        }
    }
    out
}
