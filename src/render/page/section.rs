//! The index pages `/actors/`, `/locations/` and `/incidents/` (`section.html`): every member,
//! grouped by kind. Entities are listed by name, incidents newest first.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{PageJob, Site};
use crate::model::Status;
use crate::render::site::Section;
use crate::render::views::{DateView, status_or_empty};
use crate::urls::output_file;

/// An item of a section index.
#[derive(Clone, Debug, Serialize)]
pub struct SectionItem<'a> {
    /// Name or title.
    pub name: &'a str,
    /// Page path.
    pub path: &'a str,
    /// First paragraph.
    pub summary: &'a str,
    /// Briefs it appears in.
    pub count: usize,
    /// Incidents' date.
    pub date: Option<&'a DateView>,
    /// Incidents' status; serialized as its spelling, or "" (entities, unknown).
    #[serde(serialize_with = "status_or_empty")]
    pub status: Option<Status>,
}

/// A kind's group in a section index.
#[derive(Clone, Debug, Serialize)]
pub struct SectionGroup<'a> {
    /// The kind ("militia"), or "other".
    pub name: &'a str,
    /// Members, by name (incidents by date).
    pub items: Vec<SectionItem<'a>>,
}

/// Which section: `section` in `section.html`.
#[derive(Serialize)]
struct SectionHead {
    title: &'static str,
    key: Section,
}

/// `section.html`'s own values.
#[derive(Serialize)]
struct SectionPage<'a> {
    section: SectionHead,
    groups: Vec<SectionGroup<'a>>,
}

/// An item's group: its kind, or "other".
fn group_name(kind: Option<&str>) -> &str {
    kind.unwrap_or("other")
}

/// The members of a section, by kind, unsorted.
fn members<'a>(site: &Site<'a>, section: Section) -> BTreeMap<&'a str, Vec<SectionItem<'a>>> {
    let mut groups: BTreeMap<&str, Vec<SectionItem>> = BTreeMap::new();
    if section == Section::Incidents {
        for entry in site.incident_ids().map(|id| site.incident(id)) {
            let r = entry.reference;
            groups
                .entry(group_name(entry.incident.kind.as_deref()))
                .or_default()
                .push(SectionItem {
                    name: &r.title,
                    path: &r.path,
                    summary: &entry.described.summary,
                    count: entry.links.reported_by.len() + entry.links.cited_by.len(),
                    date: Some(&r.date),
                    status: r.status,
                });
        }
        return groups;
    }
    for entity in site.entity_keys().map(|key| site.entity(key)) {
        if entity.section() != section {
            continue;
        }
        groups
            .entry(group_name(entity.kind))
            .or_default()
            .push(SectionItem {
                name: &entity.link.name,
                path: &entity.link.path,
                summary: &entity.described.summary,
                count: entity.links.backlinks.len(),
                date: None,
                status: None,
            });
    }
    groups
}

/// `/actors/`, `/locations/` or `/incidents/`.
pub fn page(site: &Site, section: Section) -> PageJob {
    let path = site.urls.page(section.key());
    let file = output_file(&path);
    let title = section.title();
    let groups = members(site, section)
        .into_iter()
        .map(|(name, mut items)| {
            if section == Section::Incidents {
                items.sort_by(|a, b| b.date.map(|d| &d.iso).cmp(&a.date.map(|d| &d.iso)));
            } else {
                items.sort_by_key(|a| a.name.to_lowercase());
            }
            SectionGroup { name, items }
        })
        .collect();
    let meta = site.meta(
        &path,
        title,
        &format!("{title} in {}", site.config.title),
        "website",
    );
    let common = site.common(&file, meta, section.into());
    let page = SectionPage {
        section: SectionHead {
            title,
            key: section,
        },
        groups,
    };
    PageJob::new(file, "section.html", common, page)
}
