//! An incident's page (`incident.html`): what happened, where, who, how many were hurt, the
//! sources, and the briefs that report or cite it.

use serde::Serialize;

use super::{Nav, PageJob, Site};
use crate::model::BriefId;
use crate::model::IncidentId;
use crate::render::jsonld;
use crate::render::views::{
    BriefCard, DateView, IncidentRef, LinkView, YearGroup, by_year, year_and_day,
};
use crate::urls::output_file;

/// Killed and injured.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct CasualtiesView {
    /// Deaths, if known.
    pub killed: Option<u32>,
    /// Injured, if known.
    pub injured: Option<u32>,
}

/// A source of an incident.
#[derive(Clone, Debug, Serialize)]
pub struct CitationView<'a> {
    /// Outlet.
    pub outlet: &'a str,
    /// URL or "".
    pub url: &'a str,
    /// When.
    pub published: Option<DateView>,
}

/// An incident's page: `incident` in `incident.html`.
#[derive(Clone, Debug, Serialize)]
pub struct IncidentView<'a> {
    /// The list fields.
    #[serde(flatten)]
    pub incident: &'a IncidentRef,
    /// Where.
    pub location: Option<&'a LinkView>,
    /// Who.
    pub actors: Vec<&'a LinkView>,
    /// Killed and injured.
    pub casualties: Option<CasualtiesView>,
    /// Sources.
    pub sources: Vec<CitationView<'a>>,
    /// Description.
    pub description_html: &'a str,
}

/// A later brief that cites the incident, under its year's heading: the year is said once
/// per heading rather than on every line (issue 26: an incident cited by a hundred briefs
/// listed each with its full date).
#[derive(Serialize)]
struct CitedBrief<'a> {
    title: &'a str,
    path: &'a str,
    /// Its year, which the heading gives.
    #[serde(skip)]
    year: &'a str,
    /// The date without its year (`7 July`), or "" when only the year is known.
    day: &'a str,
}

/// `incident.html`'s own values.
#[derive(Serialize)]
struct IncidentPage<'a> {
    incident: IncidentView<'a>,
    locator_svg: String,
    reported_by: Vec<&'a BriefCard>,
    /// How many later briefs cite it.
    cited_total: usize,
    cited_by: Vec<YearGroup<'a, CitedBrief<'a>>>,
}

/// The later briefs `ids` (newest first) under year headings.
fn cited<'a>(site: &Site<'a>, ids: &[BriefId]) -> Vec<YearGroup<'a, CitedBrief<'a>>> {
    let briefs = ids.iter().map(|&b| {
        let card = site.brief(b).card;
        let (year, day) = year_and_day(&card.date);
        CitedBrief {
            title: &card.title,
            path: &card.path,
            year,
            day,
        }
    });
    by_year(briefs, |b| b.year)
}

/// The view of incident `id`.
pub fn view<'a>(site: &Site<'a>, id: IncidentId) -> IncidentView<'a> {
    let entry = site.incident(id);
    let incident = entry.incident;
    IncidentView {
        incident: entry.reference,
        location: incident
            .location
            .map(|l| &site.prepared.location_links[l.index()]),
        actors: incident
            .actors
            .iter()
            .map(|a| &site.prepared.actor_links[a.index()])
            .collect(),
        casualties: incident.casualties.map(|c| CasualtiesView {
            killed: c.killed,
            injured: c.injured,
        }),
        sources: incident
            .sources
            .iter()
            .map(|s| CitationView {
                outlet: &s.outlet,
                url: s.url.as_deref().unwrap_or_default(),
                published: s.published.as_ref().map(DateView::from),
            })
            .collect(),
        description_html: &entry.described.html,
    }
}

/// Incident `id`'s page.
pub fn page(site: &Site, id: IncidentId) -> PageJob {
    let entry = site.incident(id);
    let path = &entry.reference.path;
    let file = output_file(path);
    let meta = site
        .meta(
            path,
            &entry.incident.title,
            &entry.described.summary,
            "article",
        )
        .with_jsonld(jsonld::incident(site, id));
    let common = site.common(&file, meta, Nav::Incidents);
    let page = IncidentPage {
        incident: view(site, id),
        locator_svg: site.incident_locator(id, &file),
        reported_by: entry
            .links
            .reported_by
            .iter()
            .map(|b| site.brief(*b).card)
            .collect(),
        cited_total: entry.links.cited_by.len(),
        cited_by: cited(site, &entry.links.cited_by),
    };
    PageJob::new(file, "incident.html", common, page)
}
