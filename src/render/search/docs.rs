//! The searchable documents of a site: one per brief, actor, location, incident and page,
//! with the text each is found by and the metadata its result shows and is filtered by.

use super::super::site::Site;
use super::text::markdown_text;
use crate::model::{Article, Status};

/// The kinds of document, in the order their doc ids are numbered.
pub const KINDS: [&str; 5] = ["brief", "incident", "actor", "location", "page"];

/// Incident statuses as filter values; index 0 is "none".
pub const STATUSES: [&str; 5] = ["", "claimed", "reported", "confirmed", "disputed"];

/// One searchable document.
pub struct Doc {
    /// Index into [`KINDS`].
    pub kind: usize,
    /// Year of the brief or incident, 0 for the others.
    pub year: i32,
    /// Index into [`STATUSES`].
    pub status: usize,
    /// ISO date for ordering, or "".
    pub iso: String,
    /// Date for display.
    pub date: String,
    /// Title or name.
    pub title: String,
    /// Site-root-relative path.
    pub path: String,
    /// Other names, weighted like the title.
    pub names: String,
    /// Summary shown under the result.
    pub summary: String,
    /// Full text: editor's text, article, notes, descriptions.
    pub body: String,
    /// (slug, name) of the actors it lists or is.
    pub actors: Vec<(String, String)>,
    /// (slug, name) of the locations it lists or is.
    pub locations: Vec<(String, String)>,
}

/// The index of `status` in [`STATUSES`] (0 when unknown).
fn status_index(status: Option<Status>) -> usize {
    status
        .and_then(|status| Status::ALL.iter().position(|(s, _)| *s == status))
        .map_or(0, |i| i + 1)
}

/// Every document, ordered by kind, newest year first, status, newest date first, title,
/// so that kind, year and status filters are ranges of doc ids.
pub fn collect(site: &Site) -> Vec<Doc> {
    let c = site.corpus;
    let p = site.prepared;
    let actor = |i: usize| (c.actors[i].slug.to_string(), c.actors[i].name.clone());
    let location = |i: usize| (c.locations[i].slug.to_string(), c.locations[i].name.clone());
    let mut docs = Vec::new();
    for (brief, card) in c.briefs.iter().zip(&p.brief_cards) {
        let mut body = markdown_text(&brief.body);
        match &brief.article {
            Article::Plain(paragraphs) => {
                for para in paragraphs {
                    body.push_str(para);
                    body.push('\n');
                }
            }
            Article::Markdown { text, .. } => body.push_str(&markdown_text(text)),
            Article::None => {}
        }
        for note in &brief.notes {
            body.push_str(&markdown_text(&note.markdown));
        }
        let tags = brief.tags.join(" ");
        docs.push(Doc {
            kind: 0,
            year: brief.date.year(),
            status: 0,
            iso: card.date.iso.clone(),
            date: card.date.display.clone(),
            title: card.title.clone(),
            path: card.path.clone(),
            names: tags,
            summary: card.summary.clone(),
            body,
            actors: brief.actors.iter().map(|(a, _)| actor(a.index())).collect(),
            locations: brief
                .locations
                .iter()
                .map(|(l, _)| location(l.index()))
                .collect(),
        });
    }
    for (i, (incident, r)) in c.incidents.iter().zip(&p.incident_refs).enumerate() {
        docs.push(Doc {
            kind: 1,
            year: incident.date.year(),
            status: status_index(incident.status),
            iso: r.date.iso.clone(),
            date: r.date.display.clone(),
            title: r.title.clone(),
            path: r.path.clone(),
            names: format!("{} {}", r.kind, r.status.map_or("", |s| s.as_str())),
            summary: p.incidents[i].summary.clone(),
            body: markdown_text(&incident.body),
            actors: incident.actors.iter().map(|a| actor(a.index())).collect(),
            locations: incident
                .location
                .iter()
                .map(|l| location(l.index()))
                .collect(),
        });
    }
    for (i, a) in c.actors.iter().enumerate() {
        let names: Vec<&str> = a
            .aliases
            .iter()
            .chain(&a.short_names)
            .map(String::as_str)
            .collect();
        docs.push(Doc {
            kind: 2,
            year: 0,
            status: 0,
            iso: String::new(),
            date: String::new(),
            title: a.name.clone(),
            path: p.actor_links[i].path.clone(),
            names: format!(
                "{} {}",
                names.join(" "),
                a.kind.as_deref().unwrap_or_default()
            ),
            summary: p.actors[i].summary.clone(),
            body: markdown_text(&a.body),
            actors: vec![actor(i)],
            locations: Vec::new(),
        });
    }
    for (i, l) in c.locations.iter().enumerate() {
        docs.push(Doc {
            kind: 3,
            year: 0,
            status: 0,
            iso: String::new(),
            date: String::new(),
            title: l.name.clone(),
            path: p.location_links[i].path.clone(),
            names: format!(
                "{} {} {}",
                l.aliases.join(" "),
                l.kind.as_deref().unwrap_or_default(),
                l.country.as_deref().unwrap_or_default()
            ),
            summary: p.locations[i].summary.clone(),
            body: markdown_text(&l.body),
            actors: Vec::new(),
            locations: vec![location(i)],
        });
    }
    for page in &c.pages {
        docs.push(Doc {
            kind: 4,
            year: 0,
            status: 0,
            iso: String::new(),
            date: String::new(),
            title: page.title.clone(),
            path: site.urls.plain_page(&page.slug),
            names: String::new(),
            summary: String::new(),
            body: markdown_text(&page.body),
            actors: Vec::new(),
            locations: Vec::new(),
        });
    }
    docs.sort_by(|a, b| {
        (a.kind, std::cmp::Reverse(a.year), a.status)
            .cmp(&(b.kind, std::cmp::Reverse(b.year), b.status))
            .then_with(|| b.iso.cmp(&a.iso))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.path.cmp(&b.path))
    });
    docs
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
