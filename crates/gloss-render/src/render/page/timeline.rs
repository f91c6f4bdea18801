//! The timeline, one page per year, newest first: `/timeline/` lists every year with its count
//! and shows the newest year; `/timeline/<year>/` shows one year. One page for every dated item
//! of a 10,000-brief site weighed 3.2 MB. A year with more than [`YEAR_ROWS`] items continues on
//! `/timeline/<year>/page/2/` and on, so no timeline page grows past the 300 KB budget however
//! many briefs a year holds; the filters apply to the page shown. A small site (at most
//! [`ALL_YEARS_ROWS`] items) shows every year on `/timeline/`: opening on a newest year that
//! holds two items hid the rest of a small archive.
//!
//! Filtering by actor, location and status: every row carries its actors', locations' and
//! status's slugs as `data-` attributes, and `static/timeline.js` (loaded from the site, as the
//! CSP `script-src 'self'` requires) shows the page's filter form and hides the rows that do not
//! match. Without JavaScript the form stays hidden and every incident row links its actors and
//! location, whose pages list their briefs and incidents.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{Nav, PageJob};
use crate::model::{BriefId, EntityKey, IncidentId};
use crate::model::{PartialDate, Precision, Status};
use crate::render::memo::{Chronology, Item};
use crate::render::paginate::{page_count, pagination};
use crate::render::site::{Job, Site};
use crate::render::views::{DateView, LinkView, status_or_empty};
use crate::urls::output_file;

/// Items on one timeline page: about 300 bytes each, plus the filter choices of the entities
/// they name, so a full page stays near 170 KB at 10,000 briefs and under 250 KB at 100,000
/// (at 500 rows it reached 304 KB there). A fixed number rather than `paginate_by`, which
/// sizes pages of brief cards.
pub const YEAR_ROWS: usize = 400;

/// Items up to which `/timeline/` shows every year at once: about 60 KB of rows, well under a
/// year page's [`YEAR_ROWS`].
pub const ALL_YEARS_ROWS: usize = 200;

/// One incident or brief on the timeline.
#[derive(Clone, Debug, Serialize)]
struct Row<'a> {
    /// incident or brief.
    kind: &'static str,
    /// Fragment id.
    anchor: Cow<'a, str>,
    title: &'a str,
    path: &'a str,
    date: &'a DateView,
    /// Incident status; serialized as its spelling, or "" (briefs, unknown).
    #[serde(serialize_with = "status_or_empty")]
    status: Option<Status>,
    /// The status the filter matches: an incident's own, or the status of the incident a
    /// brief reports (briefs carry none of their own); "" when there is none.
    #[serde(serialize_with = "status_or_empty")]
    filter_status: Option<Status>,
    /// Actors' slugs, space-separated, for `data-actors`.
    actor_slugs: String,
    /// Locations' slugs, space-separated, for `data-locations`.
    location_slugs: String,
    /// Links shown on incident rows (the filter without JavaScript).
    links: Vec<&'a LinkView>,
}

/// A month of a year page, newest first.
#[derive(Clone, Debug, Serialize)]
struct Month<'a> {
    /// "July" or "Date in 2021 unknown".
    name: String,
    /// Fragment id, `2021-07`.
    anchor: String,
    /// Newest first.
    items: Vec<Row<'a>>,
}

/// A year in the list of years.
#[derive(Clone, Debug, Serialize)]
struct YearLink {
    year: i32,
    count: usize,
    path: String,
    current: bool,
}

/// A choice of the filter form: slug and label.
#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct Choice<'a> {
    label: &'a str,
    value: &'a str,
}

/// The filter form's choices: `filters` in `timeline.html`.
#[derive(Debug, Serialize)]
struct Filters<'a> {
    actors: BTreeSet<Choice<'a>>,
    locations: BTreeSet<Choice<'a>>,
    statuses: BTreeSet<Choice<'a>>,
}

/// A year shown on a timeline page, with its months.
#[derive(Debug, Serialize)]
struct YearSection<'a> {
    year: i32,
    /// The year's own page, linked from its heading when `/timeline/` shows every year.
    path: String,
    months: Vec<Month<'a>>,
}

/// `timeline.html`'s own values.
#[derive(Debug, Serialize)]
struct TimelinePage<'a> {
    /// The one year shown, or none when the page shows every year (or nothing is dated).
    year: Option<i32>,
    /// `/timeline/` itself rather than a year's page.
    is_index: bool,
    years: Vec<YearLink>,
    /// The years shown, newest first: one, or all of a small site's on `/timeline/`.
    sections: Vec<YearSection<'a>>,
    /// How many rows the page shows, for "N of M shown".
    rows: usize,
    pagination: crate::render::paginate::Pagination,
    filters: Filters<'a>,
}

/// A row with its sort key (date, then briefs (1) before incidents (0) of the same day) and
/// the actors and locations it offers to the filter form.
type Dated<'a> = (PartialDate, u8, Row<'a>, Vec<Choice<'a>>, Vec<Choice<'a>>);

/// Filter choices: actors, locations, statuses.
type Choices<'a> = [BTreeSet<Choice<'a>>; 3];

/// Sorts the site's incidents and briefs into years.
fn sort_by_year(site: &Site) -> Chronology {
    // Within a day, briefs (1) come before the incidents (0) they report, newest first;
    // then by slug (a brief's anchor is its slug after a fixed prefix).
    let mut years: BTreeMap<i32, Vec<(PartialDate, u8, &str, Item)>> = BTreeMap::new();
    for (i, incident) in site.corpus.incidents.iter().enumerate() {
        let item = Item::Incident(IncidentId(i as u32));
        let key = (incident.date, 0, incident.slug.as_str(), item);
        years.entry(incident.date.year()).or_default().push(key);
    }
    for (i, brief) in site.corpus.briefs.iter().enumerate() {
        let key = (
            brief.date,
            1,
            brief.slug.as_str(),
            Item::Brief(BriefId(i as u32)),
        );
        years.entry(brief.date.year()).or_default().push(key);
    }
    let years = years.into_iter().map(|(year, mut keys)| {
        keys.sort_by(|a, b| (b.0, b.1, b.2).cmp(&(a.0, a.1, a.2)));
        (year, keys.into_iter().map(|key| key.3).collect())
    });
    Chronology(years.collect())
}

/// One page per year of the timeline, and more for years with more than [`YEAR_ROWS`] items.
pub fn year_jobs(site: &Site) -> Vec<Job> {
    site.chronology()
        .counts()
        .rev()
        .flat_map(|(year, count)| {
            (1..=page_count(count, YEAR_ROWS)).map(move |n| Job::TimelineYear(year, n))
        })
        .collect()
}

impl<'a> Site<'a> {
    /// The site's [`Chronology`], worked out by the first page that asks.
    fn chronology(&self) -> &Chronology {
        self.memo.chronology.get_or_init(|| sort_by_year(self))
    }

    /// An entity as a filter choice (its name and slug), with its link for incident rows.
    fn filter_choice(&self, key: EntityKey) -> (Choice<'a>, &'a LinkView) {
        let entity = self.entity(key);
        let choice = Choice {
            label: &entity.link.name,
            value: entity.slug.as_str(),
        };
        (choice, entity.link)
    }

    /// Page `page` of the rows of one year, newest first, with the filter choices they offer:
    /// only the page's items are made into rows, since a busy year of an archive spans dozens
    /// of pages.
    fn year_rows(&self, year: i32, page: usize) -> (Vec<Dated<'a>>, Choices<'a>) {
        let items = self
            .chronology()
            .0
            .get(&year)
            .map_or(&[][..], |items| items);
        let rows: Vec<Dated> = items
            .iter()
            .skip((page.max(1) - 1) * YEAR_ROWS)
            .take(YEAR_ROWS)
            .map(|&item| match item {
                Item::Incident(id) => self.incident_row(id),
                Item::Brief(id) => self.brief_row(id),
            })
            .collect();
        let mut choices: Choices = Default::default();
        for (_, _, row, actors, locations) in &rows {
            choices[0].extend(actors.iter().cloned());
            choices[1].extend(locations.iter().cloned());
            if let Some(status) = row.filter_status {
                choices[2].insert(Choice {
                    label: status.as_str(),
                    value: status.as_str(),
                });
            }
        }
        (rows, choices)
    }

    /// An incident's timeline row.
    fn incident_row(&self, id: IncidentId) -> Dated<'a> {
        let entry = self.incident(id);
        let incident = entry.incident;
        let r = entry.reference;
        let actors: Vec<_> = incident
            .actors
            .iter()
            .map(|&a| self.filter_choice(EntityKey::Actor(a)))
            .collect();
        let location = incident
            .location
            .map(|l| self.filter_choice(EntityKey::Location(l)));
        let row = Row {
            kind: "incident",
            anchor: Cow::Borrowed(&r.slug),
            title: &r.title,
            path: &r.path,
            date: &r.date,
            status: r.status,
            filter_status: r.status,
            actor_slugs: join(actors.iter().map(|(c, _)| c)),
            location_slugs: join(location.iter().map(|(c, _)| c)),
            links: actors
                .iter()
                .chain(location.iter())
                .map(|&(_, l)| l)
                .collect(),
        };
        let actors = actors.into_iter().map(|(c, _)| c).collect();
        let locations = location.into_iter().map(|(c, _)| c).collect();
        (incident.date, 0, row, actors, locations)
    }

    /// A brief's timeline row.
    fn brief_row(&self, id: BriefId) -> Dated<'a> {
        let b = self.brief(id);
        let (brief, card) = (b.brief, b.card);
        let actors: Vec<Choice> = brief
            .actors
            .iter()
            .map(|(a, _)| self.filter_choice(EntityKey::Actor(*a)).0)
            .collect();
        let locations: Vec<Choice> = brief
            .locations
            .iter()
            .map(|(l, _)| self.filter_choice(EntityKey::Location(*l)).0)
            .collect();
        let row = Row {
            kind: "brief",
            anchor: Cow::Owned(format!("brief-{}", card.slug)),
            title: &card.title,
            path: &card.path,
            date: &card.date,
            status: None,
            filter_status: brief.event.and_then(|e| self.incident(e).reference.status),
            actor_slugs: join(actors.iter()),
            location_slugs: join(locations.iter()),
            links: Vec::new(),
        };
        (brief.date, 1, row, actors, locations)
    }

    /// Page `n` of each year of `shown`, with the filter choices of all their rows and how
    /// many rows they hold.
    fn year_sections(&self, shown: &[i32], n: usize) -> (Vec<YearSection<'a>>, Choices<'a>, usize) {
        let mut choices: Choices = Default::default();
        let mut rows = 0;
        let sections = shown
            .iter()
            .map(|&y| {
                let (dated, found) = self.year_rows(y, n);
                rows += dated.len();
                for (all, more) in choices.iter_mut().zip(found) {
                    all.extend(more);
                }
                YearSection {
                    year: y,
                    path: self.urls.timeline_year(y),
                    months: months(dated),
                }
            })
            .collect();
        (sections, choices, rows)
    }

    /// `/timeline/` (`year` None: every year of a small site, else page 1 of the newest
    /// year) or page `n` of `/timeline/<year>/`.
    pub(in crate::render) fn timeline(&self, year: Option<i32>, n: usize) -> PageJob {
        let chronology = self.chronology();
        let all = year.is_none() && chronology.len() <= ALL_YEARS_ROWS;
        let shown: Vec<i32> = match year {
            Some(y) => vec![y],
            None if all => chronology.0.keys().rev().copied().collect(),
            None => chronology
                .0
                .keys()
                .next_back()
                .copied()
                .into_iter()
                .collect(),
        };
        let one = if all { None } else { shown.first().copied() };
        let path = match year {
            Some(y) => self.urls.timeline_year_page(y, n),
            None => self.urls.timeline(),
        };
        let pages = one.map_or(1, |y| {
            page_count(
                chronology.0.get(&y).map_or(0, |items| items.len()),
                YEAR_ROWS,
            )
        });
        // /timeline/ is page 1 of the newest year: its "older" link goes to that year's page 2.
        let nav = pagination(n, pages, |i| {
            one.map_or_else(String::new, |y| self.urls.timeline_year_page(y, i))
        });
        let file = output_file(&path);
        let (sections, choices, rows) = self.year_sections(&shown, n);
        let year_links: Vec<YearLink> = chronology
            .counts()
            .rev()
            .map(|(y, count)| YearLink {
                year: y,
                count,
                path: self.urls.timeline_year(y),
                current: Some(y) == year,
            })
            .collect();
        let title = match year {
            Some(y) if n > 1 => format!("Timeline: {y}, page {n} of {pages}"),
            Some(y) => format!("Timeline: {y}"),
            None => "Timeline".to_string(),
        };
        let description = match one {
            Some(y) => format!("Incidents and briefs of {y}, newest first"),
            None => "Incidents and briefs by date".to_string(),
        };
        let common = self.common(
            &file,
            self.meta(&path, &title, &description, "website"),
            Nav::Timeline,
        );
        let [actors, locations, statuses] = choices;
        let page = TimelinePage {
            year: one,
            is_index: year.is_none(),
            years: year_links,
            sections,
            rows,
            pagination: nav,
            filters: Filters {
                actors,
                locations,
                statuses,
            },
        };
        PageJob::new(file, "timeline.html", common, page)
    }
}

/// A year's rows, newest first, grouped into months (items dated to the year alone last).
fn months(rows: Vec<Dated<'_>>) -> Vec<Month<'_>> {
    let mut months: Vec<Month> = Vec::new();
    for (date, _, row, _, _) in rows {
        let (name, anchor) = match date.precision() {
            Precision::Year => (
                format!("Date in {} unknown", date.year()),
                format!("{}", date.year()),
            ),
            _ => (
                date.month_name().unwrap_or_default(),
                format!("{}-{:02}", date.year(), date.month().unwrap_or(0)),
            ),
        };
        if months.last().is_none_or(|m| m.anchor != anchor) {
            months.push(Month {
                name,
                anchor,
                items: vec![],
            });
        }
        if let Some(month) = months.last_mut() {
            month.items.push(row);
        }
    }
    months
}

/// Slugs joined by spaces, for a `data-` attribute matched with `~=`.
fn join<'a: 'b, 'b>(choices: impl Iterator<Item = &'b Choice<'a>>) -> String {
    choices.map(|c| c.value).collect::<Vec<_>>().join(" ")
}
