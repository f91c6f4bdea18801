//! The index pages `/actors/`, `/locations/` and `/incidents/` (`section.html`): every member,
//! grouped. Entities are grouped by kind and listed by name; incidents are grouped by year,
//! newest first, each year newest first with the items dated to the year alone last (grouped
//! by kind, alphabetically, a reader could not find last month's incidents).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{PageJob, Site};
use crate::model::Status;
use crate::render::paginate::{Pagination, page_count, pagination};
use crate::render::site::Job;
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
    /// Incidents' kind (their group is their year).
    pub kind: Option<&'a str>,
    /// Incidents' status; serialized as its spelling, or "" (entities, unknown).
    #[serde(serialize_with = "status_or_empty")]
    pub status: Option<Status>,
}

/// A kind's members on one page of a section index.
#[derive(Clone, Debug, Serialize)]
pub struct SectionGroup<'a> {
    /// The kind ("militia") or, for incidents, the year; or "other".
    pub name: &'a str,
    /// Its `kind-N` number, counted across all pages, so `#kind-N` works from any page.
    pub index: usize,
    /// Its members on this page, by name (incidents by date).
    pub items: Vec<SectionItem<'a>>,
}

/// A kind in the navigation of a section page.
#[derive(Clone, Debug, Serialize)]
pub struct KindLink<'a> {
    /// Its `kind-N` number.
    pub index: usize,
    /// The kind, or "other".
    pub name: &'a str,
    /// Members of this kind, on all pages.
    pub count: usize,
    /// The page where the kind starts, or none when it is this one.
    pub path: Option<String>,
}

/// Which section: `section` in `section.html`.
#[derive(Serialize)]
struct SectionHead {
    title: &'static str,
    key: Section,
    /// Members on all pages.
    total: usize,
}

/// `section.html`'s own values.
#[derive(Serialize)]
struct SectionPage<'a> {
    section: SectionHead,
    groups: Vec<SectionGroup<'a>>,
    kinds: Vec<KindLink<'a>>,
    pagination: Pagination,
}

/// Entries on one page of a section index: about 110 KB of HTML for actors. An archive of
/// 2,000 actors made a 444 KB single page before sections were split.
pub const PER_PAGE: usize = 500;

/// How many members a section has.
fn member_count(site: &Site, section: Section) -> usize {
    match section {
        Section::Actors => site.corpus.actors.len(),
        Section::Locations => site.corpus.locations.len(),
        Section::Incidents => site.corpus.incidents.len(),
    }
}

/// Every page of every section index: page 1 keeps the folder's own path, later pages are
/// `actors/page/N/`. A section that fits on one page is what it was before pagination.
pub fn jobs<'s>(site: &'s Site<'_>) -> impl Iterator<Item = Job> + 's {
    Section::ALL.into_iter().flat_map(move |section| {
        (1..=page_count(member_count(site, section), PER_PAGE))
            .map(move |n| Job::Section(section, n))
    })
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
                .entry(r.date.iso.get(..4).unwrap_or("other"))
                .or_default()
                .push(SectionItem {
                    name: &r.title,
                    path: &r.path,
                    summary: &entry.described.summary,
                    count: entry.links.reported_by.len() + entry.links.cited_by.len(),
                    date: Some(&r.date),
                    kind: entry.incident.kind.as_deref(),
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
                kind: None,
                status: None,
            });
    }
    groups
}

/// Page `n` of `/actors/`, `/locations/` or `/incidents/`.
pub fn page(site: &Site, section: Section, n: usize) -> PageJob {
    let path_of = |p: usize| site.urls.paged(section.key(), p);
    let path = path_of(n);
    let file = output_file(&path);
    let title = section.title();
    let mut members: Vec<_> = members(site, section).into_iter().collect();
    if section == Section::Incidents {
        members.reverse();
    }
    let groups = members.into_iter().map(|(name, mut items)| {
        if section == Section::Incidents {
            items.sort_by(|a, b| b.date.map(|d| &d.iso).cmp(&a.date.map(|d| &d.iso)));
        } else {
            // Lowercased once per name, not once per comparison: a section of 20,000 actors
            // is sorted for each of its pages.
            items.sort_by_cached_key(|a| a.name.to_lowercase());
        }
        (name, items)
    });
    let split = split(groups, n, path_of);
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
            total: split.total,
        },
        groups: split.groups,
        kinds: split.kinds,
        pagination: pagination(n, page_count(split.total, PER_PAGE), path_of),
    };
    PageJob::new(file, "section.html", common, page)
}

/// Page `n`'s share of a section's kinds, and the navigation to every kind.
struct Split<'a> {
    groups: Vec<SectionGroup<'a>>,
    kinds: Vec<KindLink<'a>>,
    total: usize,
}

/// Cuts the kinds' members, in order, into pages of [`PER_PAGE`] and keeps page `n`'s; every
/// kind links to the page where it starts (`path_of(p)` is page p's path).
fn split<'a>(
    groups: impl Iterator<Item = (&'a str, Vec<SectionItem<'a>>)>,
    n: usize,
    path_of: impl Fn(usize) -> String,
) -> Split<'a> {
    let (start, end) = ((n - 1) * PER_PAGE, n * PER_PAGE);
    let mut split = Split {
        groups: Vec::new(),
        kinds: Vec::new(),
        total: 0,
    };
    for (i, (name, items)) in groups.enumerate() {
        let at = split.total;
        let count = items.len();
        let starts_on = at / PER_PAGE + 1;
        split.kinds.push(KindLink {
            index: i + 1,
            name,
            count,
            path: (starts_on != n).then(|| path_of(starts_on)),
        });
        let (from, to) = (start.max(at), end.min(at + count));
        if from < to {
            split.groups.push(SectionGroup {
                name,
                index: i + 1,
                items: items.into_iter().skip(from - at).take(to - from).collect(),
            });
        }
        split.total += count;
    }
    split
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &'static str, n: usize) -> (&'static str, Vec<SectionItem<'static>>) {
        let item = SectionItem {
            name,
            path: "",
            summary: "",
            count: 0,
            date: None,
            kind: None,
            status: None,
        };
        (name, vec![item; n])
    }

    fn shape(split: &Split) -> Vec<(usize, usize)> {
        split
            .groups
            .iter()
            .map(|g| (g.index, g.items.len()))
            .collect()
    }

    #[test]
    fn a_long_section_is_split_and_every_kind_links_to_where_it_starts() {
        let groups = || [group("a", 300), group("b", 400), group("c", 600)].into_iter();
        let path = |p: usize| format!("actors/page/{p}/");
        let first = split(groups(), 1, path);
        assert_eq!(first.total, 1300);
        assert_eq!(shape(&first), [(1, 300), (2, 200)]);
        let starts: Vec<Option<&str>> = first.kinds.iter().map(|k| k.path.as_deref()).collect();
        assert_eq!(starts, [None, None, Some("actors/page/2/")]);
        assert_eq!(shape(&split(groups(), 2, path)), [(2, 200), (3, 300)]);
        assert_eq!(shape(&split(groups(), 3, path)), [(3, 300)]);
    }

    #[test]
    fn a_short_section_is_one_page_with_local_kind_links() {
        let page = split([group("a", 3), group("b", 2)].into_iter(), 1, |p| {
            p.to_string()
        });
        assert_eq!(page.total, 5);
        assert!(page.kinds.iter().all(|k| k.path.is_none()));
        assert_eq!(shape(&page), [(1, 3), (2, 2)]);
    }
}
