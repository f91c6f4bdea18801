//! Every HTML page of the site: which template, which file, which values. Each page kind has
//! its module and its view, a `#[derive(Serialize)]` struct that borrows from the [`Site`]
//! join; the views are the template contract, documented in `docs/templates.md` (a test
//! keeps the two in step). Pages are independent jobs, rendered in parallel.
//!
//! Module map: `brief`, `entity` (page 1 of an actor or location) and `entity_briefs` (its
//! later pages), `incident`, `section` (the three indexes), `tag` (a tag, all tags), `home`,
//! `timeline`, `map` (and the locator maps), `network` (an actor's ties and `/network/`), `data`,
//! `plain` (plain pages, search, 404).

mod brief;
mod data;
mod entity;
mod entity_briefs;
mod home;
mod incident;
mod map;
mod network;
mod plain;
mod script;
mod section;
mod tag;
mod timeline;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Value};

pub use brief::{BriefLink, BriefView, PriorView, SidebarEntity, SourceView};
pub use data::page as data_page;
pub use entity::{Coordinates, EntityView};
pub use incident::{CasualtiesView, CitationView, IncidentView};
pub use script::ScriptJson;
pub use section::{SectionGroup, SectionItem};

use super::memo::Shared;
use super::reading::SidebarRank;
use super::site::{Job, Robots, Section, Site};
use crate::model::EntityKey;
use crate::model::{ActorId, BriefId, LocationId};
use crate::urls::{feed_path, root_prefix};

/// Per-page metadata for `<head>`.
#[derive(Clone, Debug, Serialize)]
pub struct PageMeta {
    /// `<title>` (without the site title).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Absolute URL.
    pub canonical: String,
    /// article or website.
    pub og_type: &'static str,
    /// JSON-LD document or "".
    pub jsonld: ScriptJson,
    /// Site-root-relative path of this page's Atom feed, or "".
    pub feed: String,
    /// "" or "noindex".
    pub robots: Robots,
}

impl PageMeta {
    /// With a JSON-LD document (briefs, incidents, the front page).
    pub fn with_jsonld(self, jsonld: Result<String, serde_json::Error>) -> PageMeta {
        PageMeta {
            jsonld: ScriptJson::of("JSON-LD", jsonld),
            ..self
        }
    }

    /// With the page's own Atom feed (entities, tags).
    pub fn with_feed(self, feed: String) -> PageMeta {
        PageMeta { feed, ..self }
    }

    /// With what the page asks of search engines.
    pub fn with_robots(self, robots: Robots) -> PageMeta {
        PageMeta { robots, ..self }
    }
}

/// The navigation entry a page belongs to, marked current in `base.html`; templates see
/// its name (`"actors"`), or `""` for pages outside the navigation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Nav {
    /// The front page, briefs and tags.
    Briefs,
    /// An actor, or the list of actors.
    Actors,
    /// A location, or the list of locations.
    Locations,
    /// An incident, or the list of incidents.
    Incidents,
    /// The timeline.
    Timeline,
    /// The search page.
    Search,
    /// The map.
    Map,
    /// A plain page.
    Pages,
    /// Outside the navigation (data page, 404).
    #[serde(rename = "")]
    None,
}

impl From<Section> for Nav {
    fn from(section: Section) -> Nav {
        match section {
            Section::Actors => Nav::Actors,
            Section::Locations => Nav::Locations,
            Section::Incidents => Nav::Incidents,
        }
    }
}

/// The site settings every page shows.
#[derive(Serialize)]
pub struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
}

/// What `base.html` reads on every page.
#[derive(Serialize)]
pub struct Common<'a> {
    /// A [`SiteView`].
    site: Value,
    /// `../` to the site root, or the base path on the 404 page.
    root: Cow<'a, str>,
    page: PageMeta,
    nav: Nav,
    /// The page's part of its hover cards as a `<script>` JSON string (brief pages), else
    /// ""; the shared part is in the card chunks (`render::cards`).
    cards: ScriptJson,
    /// [`NavLink`]s to the plain pages.
    pages_nav: Value,
    /// The menu's paths by name.
    links: Value,
}

impl<'a> Common<'a> {
    /// With hover-card data (brief pages).
    pub fn with_cards(self, cards: Result<String, serde_json::Error>) -> Common<'a> {
        Common {
            cards: ScriptJson::of("hover-card data", cards),
            ..self
        }
    }

    /// With links starting from `root` instead of `../` (the 404 page).
    pub fn with_root(self, root: &'a str) -> Common<'a> {
        Common {
            root: Cow::Borrowed(root),
            ..self
        }
    }
}

#[derive(Serialize)]
struct NavLink<'a> {
    title: &'a str,
    path: String,
}

/// A page's whole context: what every page gets, and its own view.
#[derive(Serialize)]
pub struct Page<'a, V> {
    /// `base.html`'s values.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// The template's own values.
    #[serde(flatten)]
    pub view: V,
}

/// A rendered page: the template and its values, ready for Tera.
pub struct PageJob {
    /// Output file, relative to the output folder.
    pub file: String,
    /// Template name.
    pub template: &'static str,
    /// Values, or why the view could not be turned into them (reported when the page
    /// renders, never rendered with an empty context).
    pub context: Result<Context, String>,
    /// The context's top-level names, for the template contract test
    /// (`tests/template_contract.rs` checks them against `docs/templates.md`). Only with the
    /// feature `contract`: a build has no use for them.
    #[cfg(feature = "contract")]
    pub keys: std::collections::BTreeSet<String>,
}

impl PageJob {
    /// A page of `template` written to `file`, its context serialized once from the view.
    pub fn new<V: Serialize>(
        file: String,
        template: &'static str,
        common: Common<'_>,
        view: V,
    ) -> PageJob {
        let page = Page { common, view };
        let context = Context::from_serialize(&page).map_err(|e| e.to_string());
        PageJob {
            file,
            template,
            context,
            #[cfg(feature = "contract")]
            keys: keys(&page),
        }
    }
}

/// The top-level names of a page's context (serialized a second time, for the contract
/// test only); none when it is no object, which the test reports.
#[cfg(feature = "contract")]
fn keys<T: Serialize>(page: &T) -> std::collections::BTreeSet<String> {
    match serde_json::to_value(page) {
        Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Default::default(),
    }
}

/// A page with nothing but `base.html`'s values.
#[derive(Serialize)]
pub struct NoView {}

/// The list of every page of the site.
pub fn jobs(site: &Site) -> Vec<Job> {
    let c = site.corpus;
    let mut jobs: Vec<Job> = (1..=site.home_pages()).map(Job::Home).collect();
    jobs.extend((0..c.briefs.len() as u32).map(|i| Job::Brief(BriefId(i))));
    jobs.extend((0..c.actors.len() as u32).map(|i| Job::Actor(ActorId(i))));
    jobs.extend((0..c.locations.len() as u32).map(|i| Job::Location(LocationId(i))));
    jobs.extend(super::paginate::entity_jobs(site));
    jobs.extend(timeline::year_jobs(site));
    jobs.extend(site.incident_ids().map(Job::Incident));
    jobs.extend(section::jobs(site));
    jobs.extend(site.graph.tags.keys().cloned().map(Job::Tag));
    jobs.extend(super::paginate::tag_jobs(site));
    jobs.extend((0..c.pages.len()).map(Job::Page));
    jobs.extend([
        Job::Tags,
        Job::Timeline,
        Job::Search,
        Job::Data,
        Job::Map,
        Job::Network,
        Job::NotFound,
    ]);
    jobs
}

impl Site<'_> {
    /// `<head>` values of the page at `path`.
    pub(in crate::render) fn meta(
        &self,
        path: &str,
        title: &str,
        description: &str,
        og_type: &'static str,
    ) -> PageMeta {
        PageMeta {
            title: title.to_string(),
            description: description.to_string(),
            canonical: self.absolute(path),
            og_type,
            jsonld: ScriptJson::none(),
            feed: String::new(),
            robots: Robots::Index,
        }
    }

    /// Paths of the site's fixed pages, for navigation in every URL mode.
    fn nav_links(&self) -> BTreeMap<&'static str, String> {
        let about = self
            .corpus
            .pages
            .iter()
            .find(|p| p.slug.as_str() == "about")
            .map(|p| self.urls.plain_page(&p.slug));
        BTreeMap::from([
            ("home", self.urls.home(1)),
            ("actors", self.urls.page("actors")),
            ("locations", self.urls.page("locations")),
            ("incidents", self.urls.page("incidents")),
            ("timeline", self.urls.page("timeline")),
            ("search", self.urls.page("search")),
            ("tags", self.urls.page("tags")),
            ("data", self.urls.page("data")),
            ("map", self.urls.map()),
            ("network", self.urls.network()),
            ("about", about.unwrap_or_default()),
            ("atom", feed_path(&self.urls.home(1))),
        ])
    }

    /// `base.html`'s values for the page written to `file`.
    pub(in crate::render) fn common(&self, file: &str, page: PageMeta, nav: Nav) -> Common<'_> {
        let shared = self.memo.shared.get_or_init(|| self.shared());
        Common {
            site: shared.site.clone(),
            root: Cow::Owned(root_prefix(file)),
            page,
            nav,
            cards: ScriptJson::none(),
            pages_nav: shared.pages_nav.clone(),
            links: shared.links.clone(),
        }
    }

    /// The [`Shared`] values of this site.
    fn shared(&self) -> Shared {
        let site = SiteView {
            title: &self.config.title,
            description: &self.config.description,
            language: &self.config.language,
            base_url: &self.config.base_url,
        };
        let pages_nav: Vec<NavLink> = self
            .corpus
            .pages
            .iter()
            .map(|p| NavLink {
                title: &p.title,
                path: self.urls.plain_page(&p.slug),
            })
            .collect();
        Shared {
            site: Value::from_serializable(&site),
            pages_nav: Value::from_serializable(&pages_nav),
            links: Value::from_serializable(&self.nav_links()),
        }
    }

    /// Builds the template values of one page.
    pub fn page(&self, job: &Job) -> PageJob {
        match job {
            Job::Home(n) => home::page(self, *n),
            Job::Brief(id) => brief::page(self, *id),
            Job::Actor(id) => entity::page(self, EntityKey::Actor(*id)),
            Job::Location(id) => entity::page(self, EntityKey::Location(*id)),
            Job::EntityPage(key, n) => self.entity_page(*key, *n),
            Job::Incident(id) => incident::page(self, *id),
            Job::Section(section, n) => section::page(self, *section, *n),
            Job::Tag(slug) => tag::page(self, slug, 1),
            Job::TagPage(slug, n) => tag::page(self, slug, *n),
            Job::Tags => tag::index(self),
            Job::Page(i) => plain::page(self, *i),
            Job::Timeline => self.timeline(None, 1),
            Job::TimelineYear(year, n) => self.timeline(Some(*year), *n),
            Job::Search => plain::search(self),
            // The build renders it with the sizes of the files it made (`site_wide`).
            Job::Data => data::page(self, &BTreeMap::new()),
            Job::Map => self.map_page(),
            Job::Network => self.network_page(),
            Job::NotFound => plain::not_found(self),
        }
    }
}

/// A brief's sidebar entry ranks by its role and its mentions. Here, above both the brief
/// page that defines the entry and `reading.rs` that folds the sidebar, so neither file
/// imports the other.
impl SidebarRank for SidebarEntity<'_> {
    fn has_role(&self) -> bool {
        !self.role.is_empty()
    }

    fn mentions(&self) -> usize {
        self.count
    }
}
