//! Stage 4, link: the site graph, computed once from the corpus and the mentions found in
//! each article, then only read. Every page that needs "who else", "where else" or "what
//! happened before" reads it here instead of scanning the site again.

use std::collections::{BTreeMap, BTreeSet};

use crate::annotate::site::{AnnotatedBrief, EntityKey};
use crate::model::{ActorId, BriefId, Corpus, IncidentId, LocationId};
use crate::urls::tag_slug;

/// An entity in a brief's sidebar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SidebarEntry<I> {
    /// The entity.
    pub id: I,
    /// Its role in the story, from the front matter.
    pub role: Option<String>,
    /// How many times the article mentions it.
    pub mentions: usize,
}

/// Why an incident is in a brief's prior-incidents sidebar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PriorReason {
    /// Listed by hand in the brief's `incidents`.
    Listed,
    /// Shares these actors with the brief.
    SharedActors(Vec<ActorId>),
    /// Shares this location with the brief (and no actor).
    SharedLocation(LocationId),
}

/// One prior incident of a brief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prior {
    /// The incident.
    pub incident: IncidentId,
    /// Why it is shown.
    pub reason: PriorReason,
}

/// A brief's links.
#[derive(Clone, Debug, Default)]
pub struct BriefLinks {
    /// Hand-listed actors first (in their order, with roles), then mentioned ones by first mention.
    pub actors: Vec<SidebarEntry<ActorId>>,
    /// The same for locations.
    pub locations: Vec<SidebarEntry<LocationId>>,
    /// Prior incidents, newest first, capped by the config.
    pub prior: Vec<Prior>,
}

/// A brief that mentions or lists an entity.
#[derive(Clone, Debug)]
pub struct Backlink {
    /// The brief.
    pub brief: BriefId,
    /// The entity's role in that brief, if listed with one.
    pub role: Option<String>,
    /// Indices into that brief's [`AnnotatedBrief::mentions`], one per distinct sentence.
    pub mentions: Vec<usize>,
}

/// An actor's or location's links.
#[derive(Clone, Debug, Default)]
pub struct EntityLinks {
    /// Briefs that mention or list the entity, newest first.
    pub backlinks: Vec<Backlink>,
    /// Incidents it took part in (actors) or that happened there (locations), newest first.
    pub incidents: Vec<IncidentId>,
    /// Entities that appear in the same briefs, most shared first.
    pub related: Vec<(EntityKey, usize)>,
}

/// An incident's links.
#[derive(Clone, Debug, Default)]
pub struct IncidentLinks {
    /// Briefs whose `event` is this incident.
    pub reported_by: Vec<BriefId>,
    /// Briefs that show it among their prior incidents.
    pub cited_by: Vec<BriefId>,
}

/// A tag and its briefs.
#[derive(Clone, Debug)]
pub struct Tag {
    /// As first written.
    pub name: String,
    /// Newest first.
    pub briefs: Vec<BriefId>,
}

/// The site graph.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// Per brief, in corpus order.
    pub briefs: Vec<BriefLinks>,
    /// Per actor.
    pub actors: Vec<EntityLinks>,
    /// Per location.
    pub locations: Vec<EntityLinks>,
    /// Per incident.
    pub incidents: Vec<IncidentLinks>,
    /// Actors affiliated with each actor (the reverse of `affiliation`).
    pub members: Vec<Vec<ActorId>>,
    /// Locations within each location (the reverse of `within`).
    pub contains: Vec<Vec<LocationId>>,
    /// Tags by their folder name.
    pub tags: BTreeMap<String, Tag>,
}

/// Builds the graph. `annotated` has one entry per brief, in corpus order.
pub fn link(corpus: &Corpus, annotated: &[AnnotatedBrief], max_prior: usize) -> Graph {
    let mut graph = Graph {
        briefs: Vec::with_capacity(corpus.briefs.len()),
        actors: vec![EntityLinks::default(); corpus.actors.len()],
        locations: vec![EntityLinks::default(); corpus.locations.len()],
        incidents: vec![IncidentLinks::default(); corpus.incidents.len()],
        members: vec![Vec::new(); corpus.actors.len()],
        contains: vec![Vec::new(); corpus.locations.len()],
        tags: BTreeMap::new(),
    };
    for (i, actor) in corpus.actors.iter().enumerate() {
        for group in &actor.affiliation {
            graph.members[group.index()].push(ActorId(i as u32));
        }
    }
    for (i, location) in corpus.locations.iter().enumerate() {
        if let Some(parent) = location.within {
            graph.contains[parent.index()].push(LocationId(i as u32));
        }
    }
    // Incidents by actor and by location, newest first: the index prior incidents are drawn from.
    let mut by_date: Vec<IncidentId> = (0..corpus.incidents.len() as u32).map(IncidentId).collect();
    by_date.sort_by(|a, b| {
        let (a, b) = (&corpus.incidents[a.index()], &corpus.incidents[b.index()]);
        b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
    });
    for &id in &by_date {
        let incident = &corpus.incidents[id.index()];
        for actor in &incident.actors {
            graph.actors[actor.index()].incidents.push(id);
        }
        if let Some(location) = incident.location {
            graph.locations[location.index()].incidents.push(id);
        }
    }

    let mut related: BTreeMap<EntityKey, BTreeMap<EntityKey, usize>> = BTreeMap::new();
    for (b, (brief, notes)) in corpus.briefs.iter().zip(annotated).enumerate() {
        let id = BriefId(b as u32);
        let actors = sidebar(&brief.actors, notes, |k| match k {
            EntityKey::Actor(a) => Some(a),
            EntityKey::Location(_) => None,
        });
        let locations = sidebar(&brief.locations, notes, |k| match k {
            EntityKey::Location(l) => Some(l),
            EntityKey::Actor(_) => None,
        });
        let keys: Vec<EntityKey> = actors
            .iter()
            .map(|e| EntityKey::Actor(e.id))
            .chain(locations.iter().map(|e| EntityKey::Location(e.id)))
            .collect();
        for key in &keys {
            // A sentence that names the entity twice, or repeats in a table, is cited once.
            let mut cited = BTreeSet::new();
            let mentions = notes
                .mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    m.entity == *key && cited.insert((m.paragraph, m.sentence.as_str()))
                })
                .map(|(i, _)| i)
                .collect();
            let role = match key {
                EntityKey::Actor(a) => actors
                    .iter()
                    .find(|e| e.id == *a)
                    .and_then(|e| e.role.clone()),
                EntityKey::Location(l) => locations
                    .iter()
                    .find(|e| e.id == *l)
                    .and_then(|e| e.role.clone()),
            };
            let links = match key {
                EntityKey::Actor(a) => &mut graph.actors[a.index()],
                EntityKey::Location(l) => &mut graph.locations[l.index()],
            };
            links.backlinks.push(Backlink {
                brief: id,
                role,
                mentions,
            });
            let counts = related.entry(*key).or_default();
            for other in keys.iter().filter(|o| *o != key) {
                *counts.entry(*other).or_default() += 1;
            }
        }
        let prior = prior_incidents(corpus, &graph, b, &actors, &locations, max_prior);
        if let Some(event) = brief.event {
            graph.incidents[event.index()].reported_by.push(id);
        }
        for p in &prior {
            graph.incidents[p.incident.index()].cited_by.push(id);
        }
        for tag in &brief.tags {
            graph
                .tags
                .entry(tag_slug(tag))
                .or_insert_with(|| Tag {
                    name: tag.to_string(),
                    briefs: Vec::new(),
                })
                .briefs
                .push(id);
        }
        graph.briefs.push(BriefLinks {
            actors,
            locations,
            prior,
        });
    }
    for (key, counts) in related {
        let mut list: Vec<(EntityKey, usize)> = counts.into_iter().collect();
        list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        list.truncate(8);
        match key {
            EntityKey::Actor(a) => graph.actors[a.index()].related = list,
            EntityKey::Location(l) => graph.locations[l.index()].related = list,
        }
    }
    graph
}

/// Hand-listed entities keep their order and roles; mentioned ones follow in the order the
/// article first names them.
fn sidebar<I: Copy + Ord>(
    listed: &[(I, Option<String>)],
    notes: &AnnotatedBrief,
    pick: impl Fn(EntityKey) -> Option<I>,
) -> Vec<SidebarEntry<I>> {
    let mut counts: BTreeMap<I, usize> = BTreeMap::new();
    let mut order: Vec<I> = Vec::new();
    for mention in &notes.mentions {
        if let Some(id) = pick(mention.entity) {
            let count = counts.entry(id).or_default();
            if *count == 0 {
                order.push(id);
            }
            *count += 1;
        }
    }
    let listed_ids: BTreeSet<I> = listed.iter().map(|(id, _)| *id).collect();
    listed
        .iter()
        .map(|(id, role)| SidebarEntry {
            id: *id,
            role: role.clone(),
            mentions: counts.get(id).copied().unwrap_or(0),
        })
        .chain(
            order
                .into_iter()
                .filter(|id| !listed_ids.contains(id))
                .map(|id| SidebarEntry {
                    id,
                    role: None,
                    mentions: counts[&id],
                }),
        )
        .collect()
}

/// The brief's hand-picked incidents plus every incident wholly before it that shares an
/// actor or a location, newest first, without the brief's own event.
fn prior_incidents(
    corpus: &Corpus,
    graph: &Graph,
    brief: usize,
    actors: &[SidebarEntry<ActorId>],
    locations: &[SidebarEntry<LocationId>],
    max: usize,
) -> Vec<Prior> {
    let brief = &corpus.briefs[brief];
    let mut found: BTreeMap<IncidentId, PriorReason> = BTreeMap::new();
    for id in &brief.incidents {
        found.insert(*id, PriorReason::Listed);
    }
    let earlier = |id: &IncidentId| corpus.incidents[id.index()].date.wholly_before(&brief.date);
    for actor in actors {
        for id in graph.actors[actor.id.index()]
            .incidents
            .iter()
            .filter(|i| earlier(i))
        {
            match found
                .entry(*id)
                .or_insert_with(|| PriorReason::SharedActors(Vec::new()))
            {
                PriorReason::SharedActors(list) => list.push(actor.id),
                PriorReason::SharedLocation(_) => {}
                PriorReason::Listed => {}
            }
        }
    }
    for location in locations {
        for id in graph.locations[location.id.index()]
            .incidents
            .iter()
            .filter(|i| earlier(i))
        {
            found
                .entry(*id)
                .or_insert(PriorReason::SharedLocation(location.id));
        }
    }
    if let Some(event) = brief.event {
        found.remove(&event);
    }
    let mut prior: Vec<Prior> = found
        .into_iter()
        .map(|(incident, reason)| Prior { incident, reason })
        .collect();
    prior.sort_by(|a, b| {
        let (x, y) = (
            &corpus.incidents[a.incident.index()],
            &corpus.incidents[b.incident.index()],
        );
        y.date.cmp(&x.date).then_with(|| x.slug.cmp(&y.slug))
    });
    prior.truncate(max);
    prior
}
