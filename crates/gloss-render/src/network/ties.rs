//! Who appears with whom: two actors share a brief when both are in its sidebar (listed or
//! mentioned), the rule the entity pages' related lists follow. Counted per actor over its
//! own briefs, so the cost is the sum of sidebar sizes over each actor's briefs.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::graph::{Graph, MAX_RELATED_PER_BRIEF};
use crate::model::ActorId;

/// Another actor and how many briefs it shares with the one asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tie {
    /// The other actor.
    pub actor: ActorId,
    /// Briefs naming both.
    pub briefs: u32,
}

/// Every actor that shares a brief with `actor`, by id (a brief ties only the first
/// [`MAX_RELATED_PER_BRIEF`] actors of its sidebar, as it relates them).
pub fn ties(graph: &Graph, actor: ActorId) -> Vec<Tie> {
    let mut counts: BTreeMap<ActorId, u32> = BTreeMap::new();
    for brief in &graph.actors[actor.index()].backlinks {
        let entries = &graph.briefs[brief.index()].actors;
        let tied = &entries[..entries.len().min(MAX_RELATED_PER_BRIEF)];
        if !tied.iter().any(|entry| entry.id == actor) {
            continue;
        }
        for entry in tied {
            if entry.id != actor {
                *counts.entry(entry.id).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|(actor, briefs)| Tie { actor, briefs })
        .collect()
}

/// The `n` strongest of `ties`: most shared briefs first, then by name, then by id, so that
/// equal counts come out in the same order in every build.
pub fn strongest<'a>(mut ties: Vec<Tie>, n: usize, name: impl Fn(ActorId) -> &'a str) -> Vec<Tie> {
    ties.sort_by(|a, b| {
        (b.briefs.cmp(&a.briefs))
            .then_with(|| name(a.actor).cmp(name(b.actor)))
            .then(a.actor.cmp(&b.actor))
    });
    ties.truncate(n);
    ties
}

/// A tie between two actors of a [`Web`], by their places in [`Web::actors`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// The better-connected end (the lower place).
    pub from: usize,
    /// The other end.
    pub to: usize,
    /// Briefs naming both.
    pub briefs: u32,
}

/// The site's most-connected actors and the ties among them, for `/network/`.
#[derive(Clone, Debug, Default)]
pub struct Web {
    /// The actors, most connected first: each with every tie it has on the whole site.
    pub actors: Vec<(ActorId, Vec<Tie>)>,
    /// The strongest ties among them, strongest first.
    pub links: Vec<Link>,
    /// How many ties there are among them in all (more than `links` when capped).
    pub links_total: usize,
    /// How many actors of the site share a brief with any other.
    pub connected: usize,
}

/// The `limit` actors tied to the most others (ties broken by shared briefs in all, then
/// name, then id) and at most `max_links` of the ties among them, strongest first.
pub fn web<'a>(
    graph: &Graph,
    limit: usize,
    max_links: usize,
    name: impl Fn(ActorId) -> &'a str + Sync,
) -> Web {
    let all: Vec<(ActorId, Vec<Tie>)> = (0..graph.actors.len() as u32)
        .into_par_iter()
        .map(|i| (ActorId(i), ties(graph, ActorId(i))))
        .filter(|(_, ties)| !ties.is_empty())
        .collect();
    let connected = all.len();
    let total = |ties: &[Tie]| ties.iter().map(|t| u64::from(t.briefs)).sum::<u64>();
    let mut actors = all;
    actors.sort_by(|(a, x), (b, y)| {
        (y.len().cmp(&x.len()))
            .then_with(|| total(y).cmp(&total(x)))
            .then_with(|| name(*a).cmp(name(*b)))
            .then(a.cmp(b))
    });
    actors.truncate(limit);
    let place: BTreeMap<ActorId, usize> = (actors.iter().enumerate())
        .map(|(i, (a, _))| (*a, i))
        .collect();
    let mut links: Vec<Link> = Vec::new();
    for (from, (_, ties)) in actors.iter().enumerate() {
        for tie in ties {
            match place.get(&tie.actor) {
                Some(&to) if to > from => links.push(Link {
                    from,
                    to,
                    briefs: tie.briefs,
                }),
                _ => {}
            }
        }
    }
    let links_total = links.len();
    links.sort_by(|a, b| {
        (b.briefs.cmp(&a.briefs))
            .then(a.from.cmp(&b.from))
            .then(a.to.cmp(&b.to))
    });
    links.truncate(max_links);
    Web {
        actors,
        links,
        links_total,
        connected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tie(actor: u32, briefs: u32) -> Tie {
        Tie {
            actor: ActorId(actor),
            briefs,
        }
    }

    const NAMES: [&str; 5] = ["Echo", "Alpha", "Delta", "Bravo", "Charlie"];

    #[test]
    fn strongest_first_then_by_name() {
        let ties = vec![tie(0, 2), tie(1, 2), tie(2, 5), tie(3, 2), tie(4, 1)];
        let order: Vec<&str> = strongest(ties, 4, |a| NAMES[a.index()])
            .iter()
            .map(|t| NAMES[t.actor.index()])
            .collect();
        assert_eq!(order, ["Delta", "Alpha", "Bravo", "Echo"]);
    }

    /// A graph of `briefs`, each naming the actors given by index.
    fn graph(actors: usize, briefs: &[&[u32]]) -> Graph {
        use crate::graph::{BriefLinks, EntityLinks, SidebarEntry};
        use crate::model::BriefId;
        let mut graph = Graph {
            actors: vec![EntityLinks::default(); actors],
            ..Graph::default()
        };
        for (b, named) in briefs.iter().enumerate() {
            let entry = |&a: &u32| SidebarEntry {
                id: ActorId(a),
                role: None,
                mentions: 1,
                cited: Box::default(),
            };
            graph.briefs.push(BriefLinks {
                actors: named.iter().map(entry).collect(),
                ..BriefLinks::default()
            });
            for &a in *named {
                graph.actors[a as usize].backlinks.push(BriefId(b as u32));
            }
        }
        graph
    }

    #[test]
    fn ties_count_shared_briefs() {
        let g = graph(4, &[&[0, 1, 2], &[0, 1], &[3]]);
        assert_eq!(ties(&g, ActorId(0)), [tie(1, 2), tie(2, 1)]);
        assert!(ties(&g, ActorId(3)).is_empty());
    }

    #[test]
    fn a_brief_of_thousands_of_actors_ties_only_its_first() {
        let named: Vec<u32> = (0..3_000).collect();
        let g = graph(3_000, &[&named, &[0, 2_999]]);
        let first = ties(&g, ActorId(0));
        assert_eq!(first.len(), MAX_RELATED_PER_BRIEF);
        assert_eq!(first.last(), Some(&tie(2_999, 1)));
        // A late actor ties only through the briefs where it is among the first.
        assert_eq!(ties(&g, ActorId(2_999)), [tie(0, 1)]);
        assert!(ties(&g, ActorId(1_500)).is_empty());
    }

    #[test]
    fn the_web_keeps_the_most_connected_and_the_strongest_links() {
        // 0 is tied to 1, 2 and 3; 1 and 2 to each other and 0; 4 to no one.
        let g = graph(5, &[&[0, 1, 2], &[0, 1], &[0, 3], &[4]]);
        let web = web(&g, 3, 2, |a| NAMES[a.index()]);
        let order: Vec<u32> = web.actors.iter().map(|(a, _)| a.0).collect();
        // 1 and 2 both have two ties; 1 shares more briefs in all.
        assert_eq!(order, [0, 1, 2]);
        assert_eq!(web.connected, 4);
        assert_eq!(web.links_total, 3);
        let strongest = Link {
            from: 0,
            to: 1,
            briefs: 2,
        };
        assert_eq!(
            web.links,
            [
                strongest,
                Link {
                    from: 0,
                    to: 2,
                    briefs: 1
                }
            ]
        );
    }

    #[test]
    fn at_most_n_are_kept() {
        let ties: Vec<Tie> = (0..40).map(|i| tie(i, 40 - i)).collect();
        let top = strongest(ties, 15, |_| "same name");
        assert_eq!(top.len(), 15);
        assert_eq!(top[0], tie(0, 40));
        assert_eq!(top[14], tie(14, 26));
    }
}
