//! A brief's neighbours: the previous and next published brief by date, and the briefs most
//! related to it by shared incident, actors and locations. Read from the link-stage graph with
//! a bounded cost: for each entity only its newest [`CANDIDATES_PER_ENTITY`] briefs are
//! candidates, so a 10,000-brief site stays fast.

use crate::graph::{EntityLinks, Graph, SidebarEntry};
use crate::model::{BriefId, Corpus};

/// How many of an entity's (or incident's) newest briefs are considered as related.
pub const CANDIDATES_PER_ENTITY: usize = 200;
/// A candidate's score and whether it reports the same event: kept small, since a brief
/// naming twenty entities weighs thousands of candidates.
#[derive(Clone, Copy, Default)]
struct Found {
    score: u32,
    event: bool,
}

/// How many shared names a reason line lists.
const REASON_NAMES: usize = 3;

/// The newer and older published neighbours of brief `i` (briefs are sorted newest first;
/// drafts are skipped so a published page never links to a draft).
pub fn neighbours(corpus: &Corpus, i: usize) -> (Option<BriefId>, Option<BriefId>) {
    let published = |j: &usize| !corpus.briefs[*j].draft;
    let newer = (0..i).rev().find(published).map(|j| BriefId(j as u32));
    let older = (i + 1..corpus.briefs.len())
        .find(published)
        .map(|j| BriefId(j as u32));
    (newer, older)
}

/// Up to `shown` briefs related to brief `i` (the site's
/// [`Budget`](crate::render::budget::Budget)), best first, each with a one-line reason.
/// Score: the same event counts 3, each shared listed or mentioned entity 1; ties go to the
/// newer brief (the lower index), so the order is deterministic.
pub fn related(corpus: &Corpus, graph: &Graph, i: usize, shown: usize) -> Vec<(BriefId, String)> {
    SEEN.with_borrow_mut(|seen| related_with(seen, corpus, graph, i, shown))
}

thread_local! {
    /// Per brief id: the call that last saw it as a candidate and its slot in that call's
    /// list. Reused across calls on one thread, so scoring a brief neither hashes nor
    /// allocates per candidate.
    static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::new(Seen::default());
}

#[derive(Default)]
struct Seen {
    call: u32,
    marks: Vec<(u32, u32)>,
}

impl Seen {
    /// Starts a call over `briefs` briefs: marks of earlier calls read as unseen.
    fn start(&mut self, briefs: usize) -> u32 {
        if self.marks.len() < briefs {
            self.marks.resize(briefs, (0, 0));
        }
        self.call = self.call.wrapping_add(1);
        if self.call == 0 {
            self.marks.fill((0, 0));
            self.call = 1;
        }
        self.call
    }
}

fn related_with(
    seen: &mut Seen,
    corpus: &Corpus,
    graph: &Graph,
    i: usize,
    shown: usize,
) -> Vec<(BriefId, String)> {
    let found = candidates(seen, corpus, graph, i);
    best(found, corpus, shown)
        .into_iter()
        .map(|(b, f)| {
            let names = shared_names(corpus, graph, i, b);
            (b, reason(f.event, &names))
        })
        .collect()
}

/// Every candidate related to brief `i` with its score; the names behind the score are
/// found for the few shown only.
fn candidates(seen: &mut Seen, corpus: &Corpus, graph: &Graph, i: usize) -> Vec<(BriefId, Found)> {
    let me = BriefId(i as u32);
    let call = seen.start(corpus.briefs.len());
    let marks = &mut seen.marks;
    let mut found: Vec<(BriefId, Found)> = Vec::with_capacity(1024);
    let mut add = |b: BriefId, event: bool| {
        if b == me {
            return;
        }
        let mark = &mut marks[b.index()];
        if mark.0 != call {
            *mark = (call, found.len() as u32);
            found.push((b, Found::default()));
        }
        let entry = &mut found[mark.1 as usize].1;
        if event {
            entry.score += 3;
            entry.event = true;
        } else {
            entry.score += 1;
        }
    };
    if let Some(event) = corpus.briefs[i].event {
        let reports = &graph.incidents[event.index()].reported_by;
        for &b in reports.iter().take(CANDIDATES_PER_ENTITY) {
            add(b, true);
        }
    }
    let links = &graph.briefs[i];
    let backlinks = links
        .actors
        .iter()
        .map(|e| &graph.actors[e.id.index()].backlinks)
        .chain(
            links
                .locations
                .iter()
                .map(|e| &graph.locations[e.id.index()].backlinks),
        );
    for list in backlinks {
        for l in list.iter().take(CANDIDATES_PER_ENTITY) {
            add(*l, false);
        }
    }
    found
}

/// The `shown` best candidates, best first (ties to the newer brief). A published
/// page never links to a draft. Drafts are few, so only the best are checked (each check
/// reads a brief's record, a cache miss per candidate), and the drafts are dropped from all
/// only when one is among them.
fn best(mut ranked: Vec<(BriefId, Found)>, corpus: &Corpus, shown: usize) -> Vec<(BriefId, Found)> {
    let order = |a: &(BriefId, Found), b: &(BriefId, Found)| {
        b.1.score.cmp(&a.1.score).then_with(|| a.0.cmp(&b.0))
    };
    let draft = |(b, _): &(BriefId, Found)| corpus.briefs[b.index()].draft;
    loop {
        let shown = shown.min(ranked.len());
        if ranked.len() > shown && shown > 0 {
            ranked.select_nth_unstable_by(shown - 1, order);
        }
        if !ranked[..shown].iter().any(draft) {
            ranked.truncate(shown);
            break;
        }
        ranked.retain(|r| !draft(r));
    }
    ranked.sort_by(order);
    ranked
}

/// The names brief `i` shares with candidate `other`, in `i`'s sidebar order: the entities
/// in both sidebars among whose first [`CANDIDATES_PER_ENTITY`] backlinks `other` is, which
/// are the ones that scored it. Backlinks run in brief order, so that is a comparison with
/// the last of them.
fn shared_names<'c>(corpus: &'c Corpus, graph: &Graph, i: usize, other: BriefId) -> Vec<&'c str> {
    let (mine, theirs) = (&graph.briefs[i], &graph.briefs[other.index()]);
    let scored = |links: &EntityLinks| match links.backlinks.get(CANDIDATES_PER_ENTITY - 1) {
        Some(&last) => other <= last,
        None => true,
    };
    let actors = in_both(&mine.actors, &theirs.actors)
        .filter(|a| scored(&graph.actors[a.index()]))
        .map(|a| corpus.actors[a.index()].name.as_str());
    let locations = in_both(&mine.locations, &theirs.locations)
        .filter(|l| scored(&graph.locations[l.index()]))
        .map(|l| corpus.locations[l.index()].name.as_str());
    actors.chain(locations).collect()
}

/// The ids of `mine` that `theirs` lists too, in `mine`'s order.
fn in_both<'a, I: Copy + PartialEq>(
    mine: &'a [SidebarEntry<I>],
    theirs: &'a [SidebarEntry<I>],
) -> impl Iterator<Item = I> + 'a {
    mine.iter()
        .map(|e| e.id)
        .filter(|id| theirs.iter().any(|t| t.id == *id))
}

/// "Same incident; also about A, B, C and 2 more".
fn reason(event: bool, names: &[&str]) -> String {
    let shown = names.len().min(REASON_NAMES);
    let mut about = names[..shown].join(", ");
    if names.len() > REASON_NAMES {
        about.push_str(&format!(" and {} more", names.len() - REASON_NAMES));
    }
    match (event, about.is_empty()) {
        (true, true) => "Same incident".to_string(),
        (true, false) => format!("Same incident; also about {about}"),
        (false, _) => format!("Also about {about}"),
    }
}
