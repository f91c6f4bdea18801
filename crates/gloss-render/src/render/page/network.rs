//! The network view: on an actor's page, the actors it shares the most briefs with, drawn
//! around it and listed in a table (`network` in `actor.html`); and `/network/`, the site's
//! most-connected actors on one circle with their ties, and the same as a table
//! (`network.html`). The counting and drawing are [`crate::network`].

use serde::Serialize;

use super::{Nav, PageJob};
use crate::model::ActorId;
use crate::network::ties::{self, Tie};
use crate::network::{Node, ego, ring};
use crate::render::site::Site;
use crate::render::views::RelatedView;
use crate::urls::{output_file, relative_to};

/// How many actors `/network/` draws: the most connected.
pub const WEB_ACTORS: usize = 100;

/// At most this many ties drawn on `/network/`, the strongest: a hundred well-connected
/// actors can have thousands, which would be a solid blot and a page of megabytes.
pub const WEB_LINKS: usize = 400;

/// How many partners each actor's row on `/network/` names.
const PARTNERS: usize = 3;

/// An actor's ties on its own page: `network` in `actor.html`.
#[derive(Serialize)]
pub struct ActorNetwork<'a> {
    /// The drawing, or "" when the actor shares no brief with another.
    pub svg: String,
    /// The same actors with their shared briefs, strongest first (the table).
    pub actors: Vec<RelatedView<'a>>,
    /// The table is written beside the drawing (not on compact pages, where the drawing's
    /// links and titles carry the same names and counts).
    pub table: bool,
    /// `/network/`.
    pub path: String,
}

/// "1 shared brief", "4 shared briefs".
fn shared(briefs: u32) -> String {
    let s = if briefs == 1 { "" } else { "s" };
    format!("{briefs} shared brief{s}")
}

impl<'a> Site<'a> {
    fn actor_name(&self, a: ActorId) -> &'a str {
        &self.prepared.actor_links[a.index()].name
    }

    /// The related view of a tie.
    fn tie_view(&self, tie: &Tie) -> RelatedView<'a> {
        let link = &self.prepared.actor_links[tie.actor.index()];
        RelatedView {
            name: &link.name,
            path: &link.path,
            kind: "actor",
            count: tie.briefs as usize,
        }
    }

    /// Actor `a`'s strongest ties, drawn for the page written to `file`.
    pub(super) fn actor_network(&self, a: ActorId, file: &str) -> ActorNetwork<'a> {
        let all = ties::ties(self.graph, a);
        let top = ties::strongest(all, self.budget().network_actors, |x| self.actor_name(x));
        let nodes: Vec<Node> = (top.iter())
            .map(|t| {
                let link = &self.prepared.actor_links[t.actor.index()];
                Node {
                    name: &link.name,
                    href: relative_to(file, &link.path),
                    weight: t.briefs,
                    title: format!("{}: {}", link.name, shared(t.briefs)),
                }
            })
            .collect();
        let name = self.actor_name(a);
        let svg = if nodes.is_empty() {
            String::new()
        } else {
            let title = format!("Actors named in the same briefs as {name}");
            ego::draw(name, &nodes, &title)
        };
        ActorNetwork {
            svg,
            actors: top.iter().map(|t| self.tie_view(t)).collect(),
            table: self.budget().network_table,
            path: self.urls.network(),
        }
    }

    /// `/network/`.
    pub(super) fn network_page(&self) -> PageJob {
        let path = self.urls.network();
        let file = output_file(&path);
        let web = ties::web(self.graph, WEB_ACTORS, WEB_LINKS, |x| self.actor_name(x));
        let nodes: Vec<Node> = (web.actors.iter())
            .map(|(a, ties)| {
                let link = &self.prepared.actor_links[a.index()];
                let s = if ties.len() == 1 { "" } else { "s" };
                Node {
                    name: &link.name,
                    href: relative_to(&file, &link.path),
                    weight: ties.len() as u32,
                    title: format!("{}: named with {} actor{s}", link.name, ties.len()),
                }
            })
            .collect();
        let svg = if nodes.is_empty() {
            String::new()
        } else {
            ring::draw(
                &nodes,
                &web.links,
                "The most-connected actors and their ties",
            )
        };
        let rows = (web.actors.iter())
            .map(|(a, ties)| WebRow {
                name: self.actor_name(*a),
                path: &self.prepared.actor_links[a.index()].path,
                kind: self.corpus.actors[a.index()]
                    .kind
                    .as_deref()
                    .unwrap_or_default(),
                ties: ties.len(),
                partners: ties::strongest(ties.clone(), PARTNERS, |x| self.actor_name(x))
                    .iter()
                    .map(|t| self.tie_view(t))
                    .collect(),
            })
            .collect();
        let view = NetworkPage {
            network_svg: svg,
            network_actors: rows,
            network_connected: web.connected,
            network_links_drawn: web.links.len(),
            network_links_total: web.links_total,
        };
        let meta = self.meta(
            &path,
            "Network",
            "Who appears with whom: the actors named together most often across the briefs.",
            "website",
        );
        let common = self.common(&file, meta, Nav::None);
        PageJob::new(file, "network.html", common, view)
    }
}

/// An actor's row in the table of `/network/`.
#[derive(Serialize)]
struct WebRow<'a> {
    name: &'a str,
    path: &'a str,
    /// The editor's kind ("militia") or "".
    kind: &'a str,
    /// How many actors it shares a brief with.
    ties: usize,
    /// The actors it shares most briefs with.
    partners: Vec<RelatedView<'a>>,
}

/// `network.html`'s own values.
#[derive(Serialize)]
struct NetworkPage<'a> {
    /// The drawing, or "" when no two actors share a brief.
    network_svg: String,
    /// The drawn actors, most connected first.
    network_actors: Vec<WebRow<'a>>,
    /// How many actors share a brief with another, drawn or not.
    network_connected: usize,
    /// How many ties the drawing shows.
    network_links_drawn: usize,
    /// How many ties there are among the drawn actors.
    network_links_total: usize,
}
