//! Paginated section indexes (`actors/`, `locations/`, `incidents/`): the list of every
//! member, grouped by kind, split into pages of [`SECTION_PER_PAGE`] entries so an archive's
//! index stays small (2,000 actors made a 444 KB page). Page 1 keeps the folder's own path;
//! later pages are `actors/page/N/`. The kinds' navigation lists every kind with its count
//! on every page, linking to the page where the kind starts; group ids (`kind-N`) number the
//! kinds across all pages, so a link to one works from anywhere. A section that fits on one
//! page is exactly what it was before pagination.

use serde::Serialize;

use super::pages::{Job, Site};
use super::paginate::{Pagination, page_count, pagination};
use super::views::{SectionGroup, SectionItem};

/// Entries on one page of a section index: ~110 KB of HTML for actors.
pub const SECTION_PER_PAGE: usize = 500;

/// The sections with an index.
pub const SECTIONS: [&str; 3] = ["actors", "locations", "incidents"];

/// A kind in the navigation of a section page.
#[derive(Clone, Debug, Serialize)]
pub struct KindLink {
    /// Its `kind-N` number.
    pub index: usize,
    /// The kind ("" for "Other").
    pub name: String,
    /// Members of this kind, on all pages.
    pub count: usize,
    /// The page where the kind starts, "" when it is this one.
    pub path: String,
}

/// A kind's members on one page.
#[derive(Clone, Debug, Serialize)]
pub struct PagedGroup {
    /// Its `kind-N` number.
    pub index: usize,
    /// The kind.
    pub name: String,
    /// Its members on this page.
    pub items: Vec<SectionItem>,
}

/// One page of a section index.
#[derive(Clone, Debug)]
pub struct SectionPage {
    /// The groups (or parts of groups) on this page.
    pub groups: Vec<PagedGroup>,
    /// Every kind.
    pub kinds: Vec<KindLink>,
    /// Members on all pages.
    pub total: usize,
    /// The page navigation.
    pub pagination: Pagination,
}

/// How many members a section has.
fn members(site: &Site, key: &str) -> usize {
    match key {
        "actors" => site.corpus.actors.len(),
        "locations" => site.corpus.locations.len(),
        _ => site.corpus.incidents.len(),
    }
}

/// Pages 2.. of every section index longer than one page.
pub fn section_jobs(site: &Site) -> Vec<Job> {
    SECTIONS
        .into_iter()
        .flat_map(|key| {
            (2..=page_count(members(site, key), SECTION_PER_PAGE))
                .map(move |n| Job::SectionPage(key, n))
        })
        .collect()
}

/// Page `n` of a section whose members, grouped by kind in order, are `groups`;
/// `path_of(p)` is the path of page p.
pub fn section_page(
    groups: Vec<SectionGroup>,
    n: usize,
    path_of: impl Fn(usize) -> String,
) -> SectionPage {
    let total: usize = groups.iter().map(|g| g.items.len()).sum();
    let pages = page_count(total, SECTION_PER_PAGE);
    let (start, end) = ((n - 1) * SECTION_PER_PAGE, n * SECTION_PER_PAGE);
    let mut kinds = Vec::with_capacity(groups.len());
    let mut paged = Vec::new();
    let mut at = 0;
    for (i, group) in groups.into_iter().enumerate() {
        let page = at / SECTION_PER_PAGE + 1;
        let count = group.items.len();
        kinds.push(KindLink {
            index: i + 1,
            name: group.name.clone(),
            count,
            path: if page == n {
                String::new()
            } else {
                path_of(page)
            },
        });
        let (from, to) = (start.max(at), end.min(at + count));
        if from < to {
            paged.push(PagedGroup {
                index: i + 1,
                name: group.name,
                items: group
                    .items
                    .into_iter()
                    .skip(from - at)
                    .take(to - from)
                    .collect(),
            });
        }
        at += count;
    }
    SectionPage {
        groups: paged,
        kinds,
        total,
        pagination: pagination(n, pages, path_of),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(name: &str, n: usize) -> SectionGroup {
        SectionGroup {
            name: name.into(),
            items: (0..n)
                .map(|i| SectionItem {
                    name: format!("{name}{i}"),
                    path: String::new(),
                    summary: String::new(),
                    count: 0,
                    date: None,
                    status: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_long_section_is_split_and_every_kind_links_to_where_it_starts() {
        let groups = || vec![group("a", 300), group("b", 400), group("c", 600)];
        let path = |p: usize| format!("actors/page/{p}/");
        let first = section_page(groups(), 1, path);
        assert_eq!(first.total, 1300);
        assert_eq!(first.pagination.total, 3);
        let sizes: Vec<(usize, usize)> = first
            .groups
            .iter()
            .map(|g| (g.index, g.items.len()))
            .collect();
        assert_eq!(sizes, [(1, 300), (2, 200)]);
        let starts: Vec<&str> = first.kinds.iter().map(|k| k.path.as_str()).collect();
        assert_eq!(starts, ["", "", "actors/page/2/"]);
        let second = section_page(groups(), 2, path);
        let sizes: Vec<(usize, usize)> = second
            .groups
            .iter()
            .map(|g| (g.index, g.items.len()))
            .collect();
        assert_eq!(sizes, [(2, 200), (3, 300)]);
        assert_eq!(second.groups[0].items[0].name, "b200");
        let third = section_page(groups(), 3, path);
        assert_eq!(third.groups[0].items.len(), 300);
        assert_eq!(third.groups[0].items[299].name, "c599");
    }

    #[test]
    fn a_short_section_is_one_page_with_local_kind_links() {
        let page = section_page(vec![group("a", 3), group("b", 2)], 1, |p| p.to_string());
        assert_eq!(page.pagination.total, 1);
        assert!(page.kinds.iter().all(|k| k.path.is_empty()));
        assert_eq!(page.groups.len(), 2);
    }
}
