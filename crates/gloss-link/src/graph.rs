//! Stage 4, link: the site graph, computed once from the corpus and the mentions found in
//! each article, then only read. Every page that needs "who else", "where else" or "what
//! happened before" reads it here instead of scanning the site again.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::model::{
    ActorId, AnnotatedBrief, Brief, BriefId, Corpus, EntityKey, EntityNumbering, IncidentId,
    LocationId,
};
use crate::urls::tag_slug;

/// An entity in a brief's sidebar, and what the entity's page quotes from the brief (an
/// archive keeps one per brief and entity it lists, so its fields are compact).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SidebarEntry<I> {
    /// The entity.
    pub id: I,
    /// Its role in the story, from the front matter.
    pub role: Option<Box<str>>,
    /// How many times the article mentions it.
    pub mentions: u32,
    /// Indices into the brief's [`AnnotatedBrief::mentions`] its page cites, one per
    /// distinct sentence.
    pub cited: Box<[u32]>,
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

impl BriefLinks {
    /// What the brief says of entity `key` on the entity's page: the role it gives it, if
    /// any, and the mentions to quote. `None` when the brief does not list it.
    pub fn cited(&self, key: EntityKey) -> Option<(Option<&str>, &[u32])> {
        fn parts<I>(e: &SidebarEntry<I>) -> (Option<&str>, &[u32]) {
            (e.role.as_deref(), &e.cited)
        }
        match key {
            EntityKey::Actor(a) => self.actors.iter().find(|e| e.id == a).map(parts),
            EntityKey::Location(l) => self.locations.iter().find(|e| e.id == l).map(parts),
        }
    }
}

/// An actor's or location's links.
#[derive(Clone, Debug, Default)]
pub struct EntityLinks {
    /// Briefs that mention or list the entity, newest first (what each says of it is in
    /// its sidebar entry: [`BriefLinks::cited`]).
    pub backlinks: Vec<BriefId>,
    /// Incidents it took part in (actors) or that happened there (locations), newest first.
    pub incidents: Vec<IncidentId>,
    /// Entities that appear in the same briefs, most shared first.
    pub related: Related,
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

/// The entities most often named alongside one entity, with the number of shared briefs.
type Related = Vec<(EntityKey, usize)>;

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

impl Graph {
    /// The links of an actor or a location.
    pub fn entity(&self, key: EntityKey) -> &EntityLinks {
        match key {
            EntityKey::Actor(a) => &self.actors[a.index()],
            EntityKey::Location(l) => &self.locations[l.index()],
        }
    }

    fn entity_mut(&mut self, key: EntityKey) -> &mut EntityLinks {
        match key {
            EntityKey::Actor(a) => &mut self.actors[a.index()],
            EntityKey::Location(l) => &mut self.locations[l.index()],
        }
    }
}

/// Builds the graph. `annotated` has one entry per brief, in corpus order.
pub fn link(corpus: &Corpus, annotated: &[AnnotatedBrief], max_prior: usize) -> Graph {
    let mut graph = Graph::unlinked(corpus);
    // Each brief's links depend only on the corpus and the incident index: in parallel.
    let per_brief: Vec<BriefLinks> = corpus
        .briefs
        .par_iter()
        .zip(annotated)
        .map(|(brief, notes)| brief_links(corpus, &graph, brief, notes, max_prior))
        .collect();
    for (b, links) in per_brief.into_iter().enumerate() {
        graph.add_backlinks(&corpus.briefs[b], BriefId(b as u32), &links);
        graph.briefs.push(links);
    }
    graph.shrink();
    let (actors, locations) = related(&graph, EntityNumbering::new(corpus));
    for (links, list) in graph.actors.iter_mut().zip(actors) {
        links.related = list;
    }
    for (links, list) in graph.locations.iter_mut().zip(locations) {
        links.related = list;
    }
    graph
}

impl Graph {
    /// The graph before any brief is linked: groups' members, places' parts, and each
    /// entity's incidents newest first (the index prior incidents are drawn from).
    fn unlinked(corpus: &Corpus) -> Graph {
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
        let mut by_date: Vec<IncidentId> =
            (0..corpus.incidents.len() as u32).map(IncidentId).collect();
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
        graph
    }

    /// Records the brief `id` where its links point: entity backlinks, incidents it
    /// reports and cites, and its tags.
    fn add_backlinks(&mut self, brief: &Brief, id: BriefId, links: &BriefLinks) {
        // A sidebar names each entity once (resolve rejects one listed twice, and the
        // mentioned ones exclude the listed), so each brief is one backlink.
        let keys = (links.actors.iter().map(|e| EntityKey::Actor(e.id)))
            .chain(links.locations.iter().map(|e| EntityKey::Location(e.id)));
        for key in keys {
            self.entity_mut(key).backlinks.push(id);
        }
        if let Some(event) = brief.event {
            self.incidents[event.index()].reported_by.push(id);
        }
        for p in &links.prior {
            self.incidents[p.incident.index()].cited_by.push(id);
        }
        for tag in &brief.tags {
            // "Iraq" and "iraq" in one brief are one tag: list the brief once.
            let briefs = &mut self
                .tags
                .entry(tag_slug(tag))
                .or_insert_with(|| Tag {
                    name: tag.to_string(),
                    briefs: Vec::new(),
                })
                .briefs;
            if briefs.last() != Some(&id) {
                briefs.push(id);
            }
        }
    }

    /// The graph stays in memory until the last page is written: keep no room to grow.
    fn shrink(&mut self) {
        for links in self.actors.iter_mut().chain(self.locations.iter_mut()) {
            links.backlinks.shrink_to_fit();
            links.incidents.shrink_to_fit();
        }
        for links in &mut self.incidents {
            links.reported_by.shrink_to_fit();
            links.cited_by.shrink_to_fit();
        }
        for tag in self.tags.values_mut() {
            tag.briefs.shrink_to_fit();
        }
    }
}

/// One brief's sidebars and prior incidents, and for each entity in its sidebars the
/// mentions to cite (one per distinct sentence). Public so `gloss serve` can relink one
/// edited brief against an existing graph instead of linking the whole site again.
pub fn brief_links(
    corpus: &Corpus,
    graph: &Graph,
    brief: &crate::model::Brief,
    notes: &AnnotatedBrief,
    max_prior: usize,
) -> BriefLinks {
    let mut actors = sidebar(&brief.actors, notes, |k| match k {
        EntityKey::Actor(a) => Some(a),
        EntityKey::Location(_) => None,
    });
    let mut locations = sidebar(&brief.locations, notes, |k| match k {
        EntityKey::Location(l) => Some(l),
        EntityKey::Actor(_) => None,
    });
    // A sentence that names the entity twice, or repeats in a table, is cited once (its
    // text is stored once, so equal texts have equal ranges).
    let mut cited: BTreeMap<EntityKey, Vec<u32>> = actors
        .iter()
        .map(|e| (EntityKey::Actor(e.id), Vec::new()))
        .chain(
            locations
                .iter()
                .map(|e| (EntityKey::Location(e.id), Vec::new())),
        )
        .collect();
    let mut seen = BTreeSet::new();
    for (i, m) in notes.mentions.iter().enumerate() {
        if seen.insert((m.entity, m.paragraph, m.sentence.start, m.sentence.end)) {
            if let Some(list) = cited.get_mut(&m.entity) {
                list.push(i as u32);
            }
        }
    }
    let mut take = |key| cited.remove(&key).unwrap_or_default().into_boxed_slice();
    for e in &mut actors {
        e.cited = take(EntityKey::Actor(e.id));
    }
    for e in &mut locations {
        e.cited = take(EntityKey::Location(e.id));
    }
    let prior = prior_incidents(corpus, graph, brief, &actors, &locations, max_prior);
    BriefLinks {
        actors,
        locations,
        prior,
    }
}

/// How many related entities an entity page lists.
const RELATED_ENTITIES: usize = 8;

/// How many actors, and how many locations, of one brief's sidebar (listed ones first, then
/// mentioned ones by first mention) relate to each other: for the related lists here and the
/// network's ties. Relations are pairs, so a brief naming thousands of entities would cost
/// millions of them; past this its later entities still link to the brief but relate to no
/// one through it (docs/limits.md).
pub const MAX_RELATED_PER_BRIEF: usize = 100;

/// For every actor and location, the eight entities that share the most briefs with it.
/// Counted per entity over its own briefs with a dense counter, so the cost is the sum of
/// sidebar sizes over each entity's briefs, without any map of pairs. The counter is one
/// per thread and only its touched slots are cleared: a fresh one per entity zeroed
/// entities² counters (7 GB of writes at 100,000 briefs).
fn related(graph: &Graph, numbering: EntityNumbering) -> (Vec<Related>, Vec<Related>) {
    thread_local! {
        static COUNTS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let top = |me: usize, backlinks: &[BriefId]| -> Related {
        COUNTS.with_borrow_mut(|counts| {
            counts.resize(numbering.len(), 0);
            let mut touched = Vec::new();
            for b in backlinks {
                let links = &graph.briefs[b.index()];
                let first = |n: usize| n.min(MAX_RELATED_PER_BRIEF);
                let keys = || {
                    links.actors[..first(links.actors.len())]
                        .iter()
                        .map(|e| EntityKey::Actor(e.id))
                        .chain(
                            links.locations[..first(links.locations.len())]
                                .iter()
                                .map(|e| EntityKey::Location(e.id)),
                        )
                        .map(|k| numbering.number(k))
                };
                if !keys().any(|k| k == me) {
                    continue;
                }
                for other in keys().filter(|&o| o != me) {
                    if counts[other] == 0 {
                        touched.push(other);
                    }
                    counts[other] += 1;
                }
            }
            let mut list: Vec<(EntityKey, usize)> = touched
                .into_iter()
                .map(|i| (numbering.key(i), std::mem::take(&mut counts[i]) as usize))
                .collect();
            let order =
                |a: &(EntityKey, usize), b: &(EntityKey, usize)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
            if list.len() > RELATED_ENTITIES {
                list.select_nth_unstable_by(RELATED_ENTITIES - 1, order);
                list.truncate(RELATED_ENTITIES);
            }
            list.sort_unstable_by(order);
            // Kept for every entity until the pages are written: not the room of every
            // candidate (60 MB at 10k briefs).
            list.shrink_to_fit();
            list
        })
    };
    let actor_lists = graph
        .actors
        .par_iter()
        .enumerate()
        .map(|(i, e)| {
            top(
                numbering.number(EntityKey::Actor(ActorId(i as u32))),
                &e.backlinks,
            )
        })
        .collect();
    let location_lists = graph
        .locations
        .par_iter()
        .enumerate()
        .map(|(i, e)| {
            let me = EntityKey::Location(LocationId(i as u32));
            top(numbering.number(me), &e.backlinks)
        })
        .collect();
    (actor_lists, location_lists)
}

/// Hand-listed entities keep their order and roles; mentioned ones follow in the order the
/// article first names them.
fn sidebar<I: Copy + Ord>(
    listed: &[(I, Option<String>)],
    notes: &AnnotatedBrief,
    pick: impl Fn(EntityKey) -> Option<I>,
) -> Vec<SidebarEntry<I>> {
    let mut counts: BTreeMap<I, u32> = BTreeMap::new();
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
            role: role.as_deref().map(Box::from),
            mentions: counts.get(id).copied().unwrap_or(0),
            cited: Box::default(),
        })
        .chain(
            order
                .into_iter()
                .filter(|id| !listed_ids.contains(id))
                .map(|id| SidebarEntry {
                    id,
                    role: None,
                    mentions: counts[&id],
                    cited: Box::default(),
                }),
        )
        .collect()
}

/// The brief's hand-picked incidents plus every incident wholly before it that shares an
/// actor or a location, newest first, without the brief's own event.
fn prior_incidents(
    corpus: &Corpus,
    graph: &Graph,
    brief: &crate::model::Brief,
    actors: &[SidebarEntry<ActorId>],
    locations: &[SidebarEntry<LocationId>],
    max: usize,
) -> Vec<Prior> {
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
