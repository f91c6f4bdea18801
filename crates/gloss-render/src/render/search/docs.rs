//! The searchable documents of a site: one per brief, actor, location, incident and page,
//! with the text each is found by and the metadata its result shows and is filtered by.

use super::super::site::Site;
use super::text::markdown_text;
use crate::markup::shorthand::Shorthands;
use crate::model::{
    ActorId, Article, BriefId, EntityKey, IncidentId, LocationId, PartialDate, Status,
};

/// The kinds of document, in the order their doc ids are numbered.
pub const KINDS: [&str; 5] = ["brief", "incident", "actor", "location", "page"];

/// Incident statuses as filter values; index 0 is "none".
pub const STATUSES: [&str; 5] = ["", "claimed", "reported", "confirmed", "disputed"];

/// Where a document's text comes from: its body is made from this when the index counts
/// its words, and dropped once counted, so a whole archive's text is never held at once.
#[derive(Clone, Copy)]
pub enum Source {
    /// A brief.
    Brief(BriefId),
    /// An incident.
    Incident(IncidentId),
    /// An actor.
    Actor(ActorId),
    /// A location.
    Location(LocationId),
    /// `corpus.pages[i]` (pages have no id type).
    Page(usize),
}

/// One searchable document, borrowing from the site.
pub struct Doc<'a> {
    /// Index into [`KINDS`].
    pub kind: usize,
    /// Year of the brief or incident, 0 for the others.
    pub year: i32,
    /// Index into [`STATUSES`].
    pub status: usize,
    /// ISO date for ordering, or "".
    pub iso: &'a str,
    /// Date for display.
    pub date: &'a str,
    /// The date of a brief or incident, indexed as words (see `dates.rs`).
    pub when: Option<PartialDate>,
    /// Title or name.
    pub title: &'a str,
    /// Site-root-relative path.
    pub path: String,
    /// Other names, weighted like the title.
    pub names: String,
    /// An entity's name and aliases: a query that is exactly one of them ranks it first.
    pub exact: Vec<&'a str>,
    /// Summary shown under the result.
    pub summary: &'a str,
    /// Where the full text comes from (see [`body`]).
    pub source: Source,
    /// (slug, name) of the actors it lists or is.
    pub actors: Vec<(&'a str, &'a str)>,
    /// (slug, name) of the locations it lists or is.
    pub locations: Vec<(&'a str, &'a str)>,
}

/// The index of `status` in [`STATUSES`] (0 when unknown).
fn status_index(status: Option<Status>) -> usize {
    status
        .and_then(|status| Status::ALL.iter().position(|(s, _)| *s == status))
        .map_or(0, |i| i + 1)
}

/// A document's full text: editor's text, article and notes, or the description, with
/// bare link shorthand (`@actor/slug`) read as the name it shows on the page.
pub fn body(site: &Site, links: &Shorthands, source: Source) -> String {
    let c = site.corpus;
    let markdown_text = |text: &str| markdown_text(text, links);
    match source {
        Source::Brief(id) => {
            let brief = &c.briefs[id.index()];
            let mut body = markdown_text(&brief.body);
            match &brief.article {
                Article::Plain(paragraphs) => {
                    for para in paragraphs.unpack() {
                        body.push_str(&para);
                        body.push('\n');
                    }
                }
                Article::Markdown { text, .. } => body.push_str(&markdown_text(text)),
                Article::None => {}
            }
            for note in &brief.notes {
                body.push_str(&markdown_text(&note.markdown));
            }
            body
        }
        Source::Incident(id) => markdown_text(&c.incidents[id.index()].body),
        Source::Actor(id) => markdown_text(&c.actors[id.index()].body),
        Source::Location(id) => markdown_text(&c.locations[id.index()].body),
        Source::Page(i) => markdown_text(&c.pages[i].body),
    }
}

/// Every document without its text, ordered by kind, newest year first, status, newest
/// date first, title, so that kind, year and status filters are ranges of doc ids.
pub fn collect<'a>(site: &Site<'a>) -> Vec<Doc<'a>> {
    let mut docs: Vec<Doc<'a>> = site.brief_ids().map(|id| brief_doc(site, id)).collect();
    docs.extend(site.incident_ids().map(|id| incident_doc(site, id)));
    docs.extend(site.entity_keys().map(|key| match key {
        EntityKey::Actor(id) => actor_doc(site, id),
        EntityKey::Location(id) => location_doc(site, id),
    }));
    docs.extend((0..site.corpus.pages.len()).map(|i| page_doc(site, i)));
    docs.sort_by(|a, b| {
        (a.kind, std::cmp::Reverse(a.year), a.status)
            .cmp(&(b.kind, std::cmp::Reverse(b.year), b.status))
            .then_with(|| b.iso.cmp(a.iso))
            .then_with(|| a.title.cmp(b.title))
            .then_with(|| a.path.cmp(&b.path))
    });
    docs
}

/// An actor's (slug, name), as results list it.
fn actor_name<'a>(site: &Site<'a>, id: ActorId) -> (&'a str, &'a str) {
    let actor = &site.corpus.actors[id.index()];
    (actor.slug.as_str(), actor.name.as_str())
}

/// A location's (slug, name), as results list it.
fn location_name<'a>(site: &Site<'a>, id: LocationId) -> (&'a str, &'a str) {
    let location = &site.corpus.locations[id.index()];
    (location.slug.as_str(), location.name.as_str())
}

impl<'a> Doc<'a> {
    /// A document with no date, status or listed entities (actors, locations, pages).
    fn undated(kind: usize, title: &'a str, path: String, source: Source) -> Doc<'a> {
        Doc {
            kind,
            year: 0,
            status: 0,
            iso: "",
            date: "",
            when: None,
            title,
            path,
            names: String::new(),
            exact: Vec::new(),
            summary: "",
            source,
            actors: Vec::new(),
            locations: Vec::new(),
        }
    }
}

/// A brief's document: found by its tags, filtered by its year.
fn brief_doc<'a>(site: &Site<'a>, id: BriefId) -> Doc<'a> {
    let joined = site.brief(id);
    let (brief, card) = (joined.brief, joined.card);
    Doc {
        kind: 0,
        year: brief.date.year(),
        status: 0,
        iso: &card.date.iso,
        date: &card.date.display,
        when: Some(brief.date),
        title: &card.title,
        path: card.path.clone(),
        names: brief.tags.join(" "),
        exact: Vec::new(),
        summary: &card.summary,
        source: Source::Brief(id),
        actors: brief
            .actors
            .iter()
            .map(|(a, _)| actor_name(site, *a))
            .collect(),
        locations: brief
            .locations
            .iter()
            .map(|(l, _)| location_name(site, *l))
            .collect(),
    }
}

/// An incident's document: found by its kind and status, filtered by year and status.
fn incident_doc<'a>(site: &Site<'a>, id: IncidentId) -> Doc<'a> {
    let joined = site.incident(id);
    let (incident, r) = (joined.incident, joined.reference);
    Doc {
        kind: 1,
        year: incident.date.year(),
        status: status_index(incident.status),
        iso: &r.date.iso,
        date: &r.date.display,
        when: Some(incident.date),
        title: &r.title,
        path: r.path.clone(),
        names: format!("{} {}", r.kind, r.status.map_or("", |s| s.as_str())),
        exact: Vec::new(),
        summary: &joined.described.summary,
        source: Source::Incident(id),
        actors: incident
            .actors
            .iter()
            .map(|a| actor_name(site, *a))
            .collect(),
        locations: incident
            .location
            .iter()
            .map(|l| location_name(site, *l))
            .collect(),
    }
}

/// An actor's document: found by its aliases, short names and kind; its name or an alias
/// typed whole ranks it first.
fn actor_doc<'a>(site: &Site<'a>, id: ActorId) -> Doc<'a> {
    let a = site.actor(id).actor;
    let joined = site.entity(EntityKey::Actor(id));
    let names: Vec<&str> = a
        .aliases
        .iter()
        .chain(&a.short_names)
        .map(String::as_str)
        .collect();
    Doc {
        names: format!(
            "{} {}",
            names.join(" "),
            a.kind.as_deref().unwrap_or_default()
        ),
        exact: std::iter::once(a.name.as_str()).chain(names).collect(),
        summary: &joined.described.summary,
        actors: vec![actor_name(site, id)],
        ..Doc::undated(2, &a.name, joined.link.path.clone(), Source::Actor(id))
    }
}

/// A location's document: found by its aliases, kind and country.
fn location_doc<'a>(site: &Site<'a>, id: LocationId) -> Doc<'a> {
    let l = site.location(id).location;
    let joined = site.entity(EntityKey::Location(id));
    Doc {
        names: format!(
            "{} {} {}",
            l.aliases.join(" "),
            l.kind.as_deref().unwrap_or_default(),
            l.country.as_deref().unwrap_or_default()
        ),
        exact: std::iter::once(l.name.as_str())
            .chain(l.aliases.iter().map(String::as_str))
            .collect(),
        summary: &joined.described.summary,
        locations: vec![location_name(site, id)],
        ..Doc::undated(3, &l.name, joined.link.path.clone(), Source::Location(id))
    }
}

/// A plain page's document: its title and text only.
fn page_doc<'a>(site: &Site<'a>, i: usize) -> Doc<'a> {
    let page = &site.corpus.pages[i];
    Doc::undated(
        4,
        &page.title,
        site.urls.plain_page(&page.slug),
        Source::Page(i),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_indices_follow_the_spellings() {
        assert_eq!(STATUSES[status_index(None)], "");
        for (status, name) in Status::ALL {
            assert_eq!(STATUSES[status_index(Some(status))], name);
        }
    }
}
