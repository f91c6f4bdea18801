//! A brief's neighbours: the previous and next published brief by date, and the briefs most
//! related to it by shared incident, actors and locations. Read from the link-stage graph with
//! a bounded cost: for each entity only its newest [`CANDIDATES_PER_ENTITY`] briefs are
//! candidates, so a 10,000-brief site stays fast.

use crate::graph::Graph;
use crate::model::{BriefId, Corpus};

/// How many of an entity's (or incident's) newest briefs are considered as related.
pub const CANDIDATES_PER_ENTITY: usize = 200;
/// How many related briefs a brief page shows.
pub const RELATED_SHOWN: usize = 4;
/// A candidate's score, whether it reports the same event, and the names it shares.
#[derive(Clone, Copy, Default)]
struct Found<'a> {
    score: usize,
    event: bool,
    /// The first [`REASON_NAMES`] shared names.
    names: [&'a str; REASON_NAMES],
    /// How many names it shares.
    count: usize,
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

/// Up to [`RELATED_SHOWN`] briefs related to brief `i`, best first, each with a one-line reason.
/// Score: the same event counts 3, each shared listed or mentioned entity 1; ties go to the
/// newer brief (the lower index), so the order is deterministic.
pub fn related(corpus: &Corpus, graph: &Graph, i: usize) -> Vec<(BriefId, String)> {
    SEEN.with_borrow_mut(|seen| related_with(seen, corpus, graph, i))
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

fn related_with<'c>(
    seen: &mut Seen,
    corpus: &'c Corpus,
    graph: &Graph,
    i: usize,
) -> Vec<(BriefId, String)> {
    let me = BriefId(i as u32);
    if seen.marks.len() < corpus.briefs.len() {
        seen.marks.resize(corpus.briefs.len(), (0, 0));
    }
    seen.call = seen.call.wrapping_add(1);
    if seen.call == 0 {
        seen.marks.fill((0, 0));
        seen.call = 1;
    }
    let call = seen.call;
    let marks = &mut seen.marks;
    // Candidates with their score, whether they report the same event, and the first
    // shared names in sidebar order (all a reason line shows) with their count.
    let mut found: Vec<(BriefId, Found<'c>)> = Vec::with_capacity(256);
    let brief = &corpus.briefs[i];
    let links = &graph.briefs[i];
    let mut add = |b: BriefId, event: bool, name: Option<&'c str>| {
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
        }
        if let Some(name) = name {
            entry.score += 1;
            if entry.count < REASON_NAMES {
                entry.names[entry.count] = name;
            }
            entry.count += 1;
        }
    };
    if let Some(event) = brief.event {
        for &b in graph.incidents[event.index()]
            .reported_by
            .iter()
            .take(CANDIDATES_PER_ENTITY)
        {
            add(b, true, None);
        }
    }
    for e in &links.actors {
        let name = corpus.actors[e.id.index()].name.as_str();
        for l in graph.actors[e.id.index()]
            .backlinks
            .iter()
            .take(CANDIDATES_PER_ENTITY)
        {
            add(l.brief, false, Some(name));
        }
    }
    for e in &links.locations {
        let name = corpus.locations[e.id.index()].name.as_str();
        for l in graph.locations[e.id.index()]
            .backlinks
            .iter()
            .take(CANDIDATES_PER_ENTITY)
        {
            add(l.brief, false, Some(name));
        }
    }
    // A published page never links to a draft.
    let mut ranked = found;
    ranked.retain(|(b, _)| !corpus.briefs[b.index()].draft);
    let order = |a: &(BriefId, Found), b: &(BriefId, Found)| {
        b.1.score.cmp(&a.1.score).then_with(|| a.0.cmp(&b.0))
    };
    if ranked.len() > RELATED_SHOWN {
        ranked.select_nth_unstable_by(RELATED_SHOWN - 1, order);
        ranked.truncate(RELATED_SHOWN);
    }
    ranked.sort_by(order);
    ranked
        .into_iter()
        .map(|(b, f)| {
            let shown = f.count.min(REASON_NAMES);
            (b, reason(f.event, &f.names[..shown], f.count))
        })
        .collect()
}

/// "Same incident; also about A, B, C and 2 more".
fn reason(event: bool, names: &[&str], count: usize) -> String {
    let mut about = names.join(", ");
    if count > REASON_NAMES {
        about.push_str(&format!(" and {} more", count - REASON_NAMES));
    }
    match (event, about.is_empty()) {
        (true, true) => "Same incident".to_string(),
        (true, false) => format!("Same incident; also about {about}"),
        (false, _) => format!("Also about {about}"),
    }
}
