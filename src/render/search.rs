//! The client-side search index: one small script that defines `window.GLOSS_SEARCH`, so
//! search works with no server and from `file://`, where fetching JSON is not allowed.

use serde::Serialize;

use super::pages::{Site, script_json};

#[derive(Serialize)]
struct Entry<'a> {
    /// Title or name.
    t: &'a str,
    /// brief, actor, location, incident or page.
    k: &'static str,
    /// Site-root-relative path.
    p: &'a str,
    /// Summary.
    s: &'a str,
    /// Other names and words to match.
    n: String,
    /// Date for display.
    d: &'a str,
}

/// `window.GLOSS_SEARCH = [...]` over every brief, entity, incident and page.
pub fn index(site: &Site) -> String {
    let p = site.prepared;
    let c = site.corpus;
    let mut entries = Vec::new();
    for card in &p.brief_cards {
        let names: Vec<&str> = card
            .actors
            .iter()
            .chain(&card.locations)
            .chain(&card.tags)
            .map(|l| l.name.as_str())
            .collect();
        entries.push(Entry {
            t: &card.title,
            k: "brief",
            p: &card.path,
            s: &card.summary,
            n: names.join(" "),
            d: &card.date.display,
        });
    }
    for (i, actor) in c.actors.iter().enumerate() {
        let names = actor
            .aliases
            .iter()
            .chain(&actor.short_names)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        entries.push(Entry {
            t: &actor.name,
            k: "actor",
            p: &p.actor_links[i].path,
            s: &p.actors[i].summary,
            n: format!("{names} {}", actor.kind),
            d: "",
        });
    }
    for (i, location) in c.locations.iter().enumerate() {
        let names = location.aliases.join(" ");
        entries.push(Entry {
            t: &location.name,
            k: "location",
            p: &p.location_links[i].path,
            s: &p.locations[i].summary,
            n: format!("{names} {}", location.kind),
            d: "",
        });
    }
    for (i, r) in p.incident_refs.iter().enumerate() {
        entries.push(Entry {
            t: &r.title,
            k: "incident",
            p: &r.path,
            s: &p.incidents[i].summary,
            n: format!("{} {}", r.kind, r.status),
            d: &r.date.display,
        });
    }
    let page_paths: Vec<String> = c
        .pages
        .iter()
        .map(|pg| site.urls.plain_page(&pg.slug))
        .collect();
    for (page, path) in c.pages.iter().zip(&page_paths) {
        entries.push(Entry {
            t: &page.title,
            k: "page",
            p: path,
            s: "",
            n: String::new(),
            d: "",
        });
    }
    format!("window.GLOSS_SEARCH = {};\n", script_json(&entries))
}
