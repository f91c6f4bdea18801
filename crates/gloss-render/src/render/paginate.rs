//! Page navigation for long lists, and which later pages exist. An actor's or location's
//! briefs are split into pages of bounded bytes, newest first (see `page/entity_briefs.rs`); without this one actor page of a 10,000-brief site
//! weighed 3.4 MB. Tag pages and the front page are split the same way (`tags/<tag>/page/N/`).

use serde::Serialize;

use super::site::{Job, Site};

/// Numbered links shown on each side of the current page; the first and last page are always
/// linked, so a reader can jump to the oldest briefs in one step.
const WINDOW: usize = 2;

/// The page navigation of one page of a list, as `templates/partials/pagination.html` reads it.
#[derive(Clone, Debug, Serialize)]
pub struct Pagination {
    /// This page, from 1.
    pub current: usize,
    /// Number of pages.
    pub total: usize,
    /// Path of the newer page, or "".
    pub prev: String,
    /// Path of the older page, or "".
    pub next: String,
    /// Numbered links, with gaps where pages are skipped.
    pub pages: Vec<PageNumber>,
}

/// One numbered link of a page navigation, or a gap ("…") between two of them.
#[derive(Clone, Debug, Serialize)]
pub struct PageNumber {
    /// Page number; 0 for a gap.
    pub number: usize,
    /// Path of that page ("" for a gap).
    pub path: String,
    /// Is this the page being shown (`aria-current="page"`)?
    pub current: bool,
}

/// How many pages `items` entries fill at `per` a page; an empty list still has page 1.
pub fn page_count(items: usize, per: usize) -> usize {
    items.div_ceil(per.max(1)).max(1)
}

/// The navigation of page `current` of `total`, with `path_of(n)` the path of page n.
pub fn pagination(current: usize, total: usize, path_of: impl Fn(usize) -> String) -> Pagination {
    // Only the linked numbers are visited: the front page of a 100,000-brief archive has
    // 5,000 pages, each with its own navigation.
    let near = current.saturating_sub(WINDOW).max(1)..=(current + WINDOW).min(total);
    let shown = std::iter::once(1)
        .chain(near)
        .chain(std::iter::once(total))
        .filter(|&n| n <= total);
    let mut pages: Vec<PageNumber> = Vec::new();
    for n in shown {
        match pages.last() {
            Some(last) if last.number >= n => continue,
            Some(last) if last.number + 1 < n => pages.push(PageNumber {
                number: 0,
                path: String::new(),
                current: false,
            }),
            _ => {}
        }
        pages.push(PageNumber {
            number: n,
            path: path_of(n),
            current: n == current,
        });
    }
    Pagination {
        current,
        total,
        prev: if current > 1 {
            path_of(current - 1)
        } else {
            String::new()
        },
        next: if current < total {
            path_of(current + 1)
        } else {
            String::new()
        },
        pages,
    }
}

/// Pages 2.. of every actor and location with more briefs than fit on one page (by bytes
/// or by count, see `page/entity_briefs.rs`).
pub fn entity_jobs(site: &Site) -> Vec<Job> {
    site.entity_keys()
        .flat_map(|key| {
            let pages = site.entity_page_starts(key).len();
            (2..=pages).map(move |n| Job::EntityPage(key, n))
        })
        .collect()
}

/// Pages 2.. of every tag with more briefs than fit on one page.
pub fn tag_jobs(site: &Site) -> Vec<Job> {
    let per = site.config.paginate_by;
    site.graph
        .tags
        .iter()
        .flat_map(|(slug, tag)| {
            (2..=page_count(tag.briefs.len(), per)).map(move |n| Job::TagPage(slug.clone(), n))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(p: &Pagination) -> Vec<usize> {
        p.pages.iter().map(|p| p.number).collect()
    }

    #[test]
    fn windows_and_gaps() {
        let p = pagination(1, 1, |n| n.to_string());
        assert_eq!(numbers(&p), vec![1]);
        assert_eq!((p.prev.as_str(), p.next.as_str()), ("", ""));
        let p = pagination(5, 10, |n| n.to_string());
        assert_eq!(numbers(&p), vec![1, 0, 3, 4, 5, 6, 7, 0, 10]);
        assert_eq!((p.prev.as_str(), p.next.as_str()), ("4", "6"));
        assert!(p.pages.iter().filter(|p| p.current).all(|p| p.number == 5));
        let p = pagination(3, 3, |n| n.to_string());
        assert_eq!(numbers(&p), vec![1, 2, 3]);
        assert_eq!(p.next, "");
    }

    /// Every page's navigation is the first page, the window around it and the last page,
    /// in order, with a gap wherever numbers are skipped.
    #[test]
    fn every_navigation_links_the_ends_and_the_window_with_gaps_between() {
        for total in 1..=30usize {
            for current in 1..=total {
                let mut expected = Vec::new();
                for n in 1..=total {
                    if n == 1 || n == total || n.abs_diff(current) <= WINDOW {
                        if expected.last().is_some_and(|&last| last + 1 < n) {
                            expected.push(0);
                        }
                        expected.push(n);
                    }
                }
                let p = pagination(current, total, |n| n.to_string());
                assert_eq!(numbers(&p), expected, "page {current} of {total}");
                for page in &p.pages {
                    let path = if page.number == 0 {
                        String::new()
                    } else {
                        page.number.to_string()
                    };
                    assert_eq!(page.path, path);
                    assert_eq!(page.current, page.number == current);
                }
            }
        }
    }

    #[test]
    fn page_counts() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(45, 20), 3);
    }
}
