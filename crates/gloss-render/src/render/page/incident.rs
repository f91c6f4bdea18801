//! An incident's page (`incident.html`): what happened, where, who, how many were hurt, the
//! sources, and the briefs that report or cite it.

use serde::Serialize;

use super::{Nav, PageJob, Site};
use crate::model::IncidentId;
use crate::render::jsonld;
use crate::render::views::{BriefCard, BriefHead, DateView, IncidentRef, LinkView};
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

/// `incident.html`'s own values.
#[derive(Serialize)]
struct IncidentPage<'a> {
    incident: IncidentView<'a>,
    locator_svg: String,
    reported_by: Vec<&'a BriefCard>,
    cited_by: Vec<BriefHead<'a>>,
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
        cited_by: entry
            .links
            .cited_by
            .iter()
            .map(|b| {
                let card = site.brief(*b).card;
                BriefHead {
                    title: &card.title,
                    path: &card.path,
                    date: &card.date,
                }
            })
            .collect(),
    };
    PageJob::new(file, "incident.html", common, page)
}
