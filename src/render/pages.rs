//! Every HTML page of the site: which template, which file, which values. Pages are
//! independent jobs, rendered in parallel.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::jsonld;
use super::prepare::Prepared;
use super::reading::{PRIOR_SHOWN, SUMMARY_CHARS, first_sentence, fold_sidebar, text_direction};
use super::related;
use super::views::*;
use crate::annotate::site::{AnnotatedBrief, EntityKey};
use crate::config::Config;
use crate::graph::{EntityLinks, Graph, PriorReason};
use crate::model::{ActorId, BriefId, Corpus, LocationId};
use crate::urls::{Urls, output_file, root_prefix, wikidata_url};

/// What a build reads to render pages.
pub struct Site<'a> {
    /// Settings.
    pub config: &'a Config,
    /// The validated content.
    pub corpus: &'a Corpus,
    /// The site graph.
    pub graph: &'a Graph,
    /// Articles and mentions, per brief.
    pub annotated: &'a [AnnotatedBrief],
    /// Per-item values.
    pub prepared: &'a Prepared,
    /// Page paths for links.
    pub urls: Urls,
}

/// One page to render.
#[derive(Clone, Debug)]
pub enum Job {
    /// Page N of the front page.
    Home(usize),
    /// A brief.
    Brief(BriefId),
    /// An actor.
    Actor(ActorId),
    /// A location.
    Location(LocationId),
    /// Page N (2 or more) of an actor's or location's briefs.
    EntityPage(EntityKey, usize),
    /// An incident.
    Incident(usize),
    /// /actors/, /locations/ or /incidents/.
    Section(&'static str),
    /// Page N (2 or more) of a section index (see `sections.rs`).
    SectionPage(&'static str, usize),
    /// A tag's page, by tag folder name.
    Tag(String),
    /// Page N (2 or more) of a tag's briefs.
    TagPage(String, usize),
    /// All tags.
    Tags,
    /// A plain page.
    Page(usize),
    /// /timeline/.
    Timeline,
    /// /timeline/<year>/ or page N of it.
    TimelineYear(i32, usize),
    /// /search/.
    Search,
    /// /data/ (the "Open data" page).
    Data,
    /// /map/.
    Map,
    /// 404.html.
    NotFound,
}

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
    pub jsonld: String,
    /// Site-root-relative path of this page's Atom feed, or "".
    pub feed: String,
    /// "" or "noindex".
    pub robots: &'static str,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
}

#[derive(Serialize)]
struct Common<'a> {
    site: SiteView<'a>,
    root: String,
    page: PageMeta,
    nav: &'static str,
    cards: String,
    pages_nav: Vec<NavLink>,
    links: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct NavLink {
    title: String,
    path: String,
}

/// A rendered page: the template and its values, ready for Tera.
pub struct PageJob {
    /// Output file, relative to the output folder.
    pub file: String,
    /// Template name.
    pub template: &'static str,
    /// Values.
    pub context: Context,
}

/// The list of every page of the site.
pub fn jobs(site: &Site) -> Vec<Job> {
    let c = site.corpus;
    let pages = c.briefs.len().div_ceil(site.config.paginate_by).max(1);
    let mut jobs: Vec<Job> = (1..=pages).map(Job::Home).collect();
    jobs.extend((0..c.briefs.len() as u32).map(|i| Job::Brief(BriefId(i))));
    jobs.extend((0..c.actors.len() as u32).map(|i| Job::Actor(ActorId(i))));
    jobs.extend((0..c.locations.len() as u32).map(|i| Job::Location(LocationId(i))));
    jobs.extend(super::paginate::entity_jobs(site));
    jobs.extend(super::timeline::year_jobs(site));
    jobs.extend((0..c.incidents.len()).map(Job::Incident));
    jobs.extend(["actors", "locations", "incidents"].map(Job::Section));
    jobs.extend(super::sections::section_jobs(site));
    jobs.extend(site.graph.tags.keys().cloned().map(Job::Tag));
    jobs.extend(super::paginate::tag_jobs(site));
    jobs.extend((0..c.pages.len()).map(Job::Page));
    jobs.extend([
        Job::Tags,
        Job::Timeline,
        Job::Search,
        Job::Data,
        Job::Map,
        Job::NotFound,
    ]);
    jobs
}

/// JSON for a `<script>` element: `<` is escaped so no string can close the element.
pub fn script_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

impl Site<'_> {
    pub(super) fn meta(
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
            jsonld: String::new(),
            feed: String::new(),
            robots: "",
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
            ("about", about.unwrap_or_default()),
            ("atom", "atom.xml".to_string()),
        ])
    }

    pub(super) fn context(
        &self,
        file: &str,
        page: PageMeta,
        nav: &'static str,
        cards: String,
    ) -> Context {
        let common = Common {
            site: SiteView {
                title: &self.config.title,
                description: &self.config.description,
                language: &self.config.language,
                base_url: &self.config.base_url,
            },
            root: root_prefix(file),
            page,
            nav,
            cards,
            pages_nav: self
                .corpus
                .pages
                .iter()
                .map(|p| NavLink {
                    title: p.title.clone(),
                    path: self.urls.plain_page(&p.slug),
                })
                .collect(),
            links: self.nav_links(),
        };
        Context::from_serialize(&common).unwrap_or_default()
    }

    /// Builds the template values of one page.
    pub fn page(&self, job: &Job) -> PageJob {
        match job {
            Job::Home(n) => self.home(*n),
            Job::Brief(id) => self.brief(*id),
            Job::Actor(id) => self.entity(EntityKey::Actor(*id)),
            Job::Location(id) => self.entity(EntityKey::Location(*id)),
            Job::EntityPage(key, n) => self.entity_page(*key, *n),
            Job::Incident(i) => self.incident(*i),
            Job::Section(key) => self.section(key, 1),
            Job::SectionPage(key, n) => self.section(key, *n),
            Job::Tag(slug) => self.tag(slug, 1),
            Job::TagPage(slug, n) => self.tag(slug, *n),
            Job::Tags => self.tags(),
            Job::Page(i) => self.plain_page(*i),
            Job::Timeline => self.timeline(None, 1),
            Job::TimelineYear(year, n) => self.timeline(Some(*year), *n),
            Job::Search => self.simple("search", "search.html", "Search", "search"),
            Job::Data => self.data(),
            Job::Map => self.map_page(),
            Job::NotFound => self.not_found(),
        }
    }

    fn simple(&self, dir: &str, template: &'static str, title: &str, nav: &'static str) -> PageJob {
        let path = self.urls.page(dir);
        let file = output_file(&path);
        let context = self.context(
            &file,
            self.meta(&path, title, &self.config.description, "website"),
            nav,
            String::new(),
        );
        PageJob {
            file,
            template,
            context,
        }
    }

    fn home(&self, n: usize) -> PageJob {
        let per = self.config.paginate_by;
        let total = self.corpus.briefs.len().div_ceil(per).max(1);
        let path = self.urls.home(n);
        let file = output_file(&path);
        let title = if n == 1 {
            self.config.title.clone()
        } else {
            format!("Briefs, page {n}")
        };
        let mut meta = self.meta(&path, &title, &self.config.description, "website");
        if n == 1 {
            meta.jsonld = jsonld::website(self);
        }
        let mut context = self.context(&file, meta, "briefs", String::new());
        let briefs: Vec<&BriefCard> = self
            .prepared
            .brief_cards
            .iter()
            .skip((n - 1) * per)
            .take(per)
            .collect();
        context.insert("briefs", &briefs);
        context.insert(
            "intro_html",
            if n == 1 {
                self.prepared.intro_html.as_str()
            } else {
                ""
            },
        );
        context.insert(
            "pagination",
            &super::paginate::pagination(n, total, |i| self.urls.home(i)),
        );
        PageJob {
            file,
            template: "index.html",
            context,
        }
    }

    fn card_data(&self, key: EntityKey) -> (String, CardData) {
        let (kind_key, kind, links) = match key {
            EntityKey::Actor(a) => (
                "actor",
                &self.corpus.actors[a.index()].kind,
                &self.graph.actors[a.index()],
            ),
            EntityKey::Location(l) => (
                "location",
                &self.corpus.locations[l.index()].kind,
                &self.graph.locations[l.index()],
            ),
        };
        let slug = match key {
            EntityKey::Actor(a) => &self.corpus.actors[a.index()].slug,
            EntityKey::Location(l) => &self.corpus.locations[l.index()].slug,
        };
        let link = self.prepared.link(key);
        let card = CardData {
            name: link.name.clone(),
            kind: kind.clone(),
            summary: self.prepared.described(key).summary.clone(),
            path: link.path.clone(),
            briefs: links.backlinks.len(),
        };
        (format!("{kind_key}/{slug}"), card)
    }

    fn brief(&self, id: BriefId) -> PageJob {
        let i = id.index();
        let (brief, links, card) = (
            &self.corpus.briefs[i],
            &self.graph.briefs[i],
            &self.prepared.brief_cards[i],
        );
        let path = card.path.clone();
        let file = output_file(&path);
        let sidebar = |key: EntityKey, role: &Option<String>, count: usize| {
            let link = self.prepared.link(key);
            let (slug, kind) = match key {
                EntityKey::Actor(a) => (
                    &self.corpus.actors[a.index()].slug,
                    &self.corpus.actors[a.index()].kind,
                ),
                EntityKey::Location(l) => (
                    &self.corpus.locations[l.index()].slug,
                    &self.corpus.locations[l.index()].kind,
                ),
            };
            SidebarEntity {
                slug: slug.to_string(),
                name: link.name.clone(),
                path: link.path.clone(),
                kind: kind.clone(),
                role: role.clone().unwrap_or_default(),
                summary: first_sentence(&self.prepared.described(key).summary, SUMMARY_CHARS),
                mentioned: count > 0,
                count,
            }
        };
        let (actors, actors_more) = fold_sidebar(
            links
                .actors
                .iter()
                .map(|e| sidebar(EntityKey::Actor(e.id), &e.role, e.mentions))
                .collect(),
            brief.actors.len(),
        );
        let (locations, locations_more) = fold_sidebar(
            links
                .locations
                .iter()
                .map(|e| sidebar(EntityKey::Location(e.id), &e.role, e.mentions))
                .collect(),
            brief.locations.len(),
        );
        let prior_incidents: Vec<PriorView> = links
            .prior
            .iter()
            .map(|p| {
                let incident = &self.corpus.incidents[p.incident.index()];
                let (reason, shared) = match &p.reason {
                    PriorReason::Listed => ("listed", vec![]),
                    PriorReason::SharedActors(ids) => (
                        "shared actor",
                        ids.iter()
                            .map(|a| self.corpus.actors[a.index()].name.clone())
                            .collect(),
                    ),
                    PriorReason::SharedLocation(l) => (
                        "shared location",
                        vec![self.corpus.locations[l.index()].name.clone()],
                    ),
                };
                PriorView {
                    incident: self.prepared.incident_refs[p.incident.index()].clone(),
                    ago: incident.date.distance_to(&brief.date),
                    reason,
                    shared,
                }
            })
            .collect();
        let mentioned: BTreeMap<String, CardData> = links
            .actors
            .iter()
            .filter(|e| e.mentions > 0)
            .map(|e| EntityKey::Actor(e.id))
            .chain(
                links
                    .locations
                    .iter()
                    .filter(|e| e.mentions > 0)
                    .map(|e| EntityKey::Location(e.id)),
            )
            .map(|key| self.card_data(key))
            .collect();
        let cards = if mentioned.is_empty() {
            String::new()
        } else {
            script_json(&mentioned)
        };
        let (newer, older) = related::neighbours(self.corpus, i);
        let mut full = card.clone();
        if full.tags_more > 0 {
            // A card shows the first tags; the brief's own page shows them all.
            full.tags = brief
                .tags
                .iter()
                .map(|t| LinkView {
                    name: t.clone(),
                    path: self.urls.tag(t),
                })
                .collect();
            full.tags_more = 0;
        }
        let view = BriefView {
            card: full,
            source: brief.source.as_ref().map(|s| SourceView {
                outlet: s.outlet.clone(),
                author: s.author.clone(),
                url: s.url.clone(),
                published: s.published.as_ref().map(DateView::from),
            }),
            body_html: self.prepared.brief_bodies[i].clone(),
            article_html: self.annotated[i].article_html.clone(),
            credits: brief.credits.clone(),
            event: brief
                .event
                .map(|e| self.prepared.incident_refs[e.index()].clone()),
            actors,
            actors_more,
            locations,
            locations_more,
            prior_more: prior_incidents.len().saturating_sub(PRIOR_SHOWN),
            prior_incidents,
            notes_count: brief.notes.len(),
            lang: brief
                .language
                .clone()
                .unwrap_or_else(|| self.config.language.clone()),
            dir: text_direction(brief.language.as_deref().unwrap_or(&self.config.language)),
            newer: newer.map(|b| self.brief_link(b, String::new())),
            older: older.map(|b| self.brief_link(b, String::new())),
            related: related::related(self.corpus, self.graph, i)
                .into_iter()
                .map(|(b, reason)| self.brief_link(b, reason))
                .collect(),
        };
        let mut meta = self.meta(&path, &brief.title, &card.summary, "article");
        meta.jsonld = jsonld::brief(self, id);
        if brief.draft {
            meta.robots = "noindex";
        }
        let mut context = self.context(&file, meta, "briefs", cards);
        context.insert("brief", &view);
        PageJob {
            file,
            template: "brief.html",
            context,
        }
    }

    /// A link to brief `id` from its prepared card.
    fn brief_link(&self, id: BriefId, reason: String) -> BriefLink {
        let card = &self.prepared.brief_cards[id.index()];
        BriefLink {
            title: card.title.clone(),
            path: card.path.clone(),
            date: card.date.clone(),
            reason,
        }
    }

    fn entity(&self, key: EntityKey) -> PageJob {
        let (links, template, nav): (&EntityLinks, _, _) = match key {
            EntityKey::Actor(a) => (&self.graph.actors[a.index()], "actor.html", "actors"),
            EntityKey::Location(l) => (
                &self.graph.locations[l.index()],
                "location.html",
                "locations",
            ),
        };
        let link = self.prepared.link(key);
        let described = self.prepared.described(key);
        let path = link.path.clone();
        let file = output_file(&path);
        let actor_links = |ids: &[ActorId]| {
            ids.iter()
                .map(|a| self.prepared.actor_links[a.index()].clone())
                .collect()
        };
        let location_links = |ids: &[LocationId]| {
            ids.iter()
                .map(|l| self.prepared.location_links[l.index()].clone())
                .collect()
        };
        let base_dir = path.strip_suffix("index.html").unwrap_or(&path);
        let mut view = EntityView {
            slug: String::new(),
            name: link.name.clone(),
            path: path.clone(),
            kind: String::new(),
            aliases: vec![],
            summary: described.summary.clone(),
            description_html: described.html.clone(),
            wikidata: String::new(),
            wikidata_url: String::new(),
            affiliation: vec![],
            members: vec![],
            within: None,
            contains: vec![],
            coordinates: None,
            country: String::new(),
            feed: format!("{base_dir}atom.xml"),
            related: links
                .related
                .iter()
                .map(|(other, count)| {
                    let l = self.prepared.link(*other);
                    let kind = if matches!(other, EntityKey::Actor(_)) {
                        "actor"
                    } else {
                        "location"
                    };
                    RelatedView {
                        name: l.name.clone(),
                        path: l.path.clone(),
                        kind,
                        count: *count,
                    }
                })
                .collect(),
        };
        let wikidata = match key {
            EntityKey::Actor(a) => {
                let actor = &self.corpus.actors[a.index()];
                view.slug = actor.slug.to_string();
                view.kind = actor.kind.clone();
                view.aliases = actor.aliases.clone();
                view.affiliation = actor_links(&actor.affiliation);
                view.members = actor_links(&self.graph.members[a.index()]);
                &actor.wikidata
            }
            EntityKey::Location(l) => {
                let location = &self.corpus.locations[l.index()];
                view.slug = location.slug.to_string();
                view.kind = location.kind.clone();
                view.aliases = location.aliases.clone();
                view.within = location
                    .within
                    .map(|w| self.prepared.location_links[w.index()].clone());
                view.contains = location_links(&self.graph.contains[l.index()]);
                view.coordinates = location
                    .coordinates
                    .map(|(lat, lon)| Coordinates { lat, lon });
                view.country = location.country.clone();
                &location.wikidata
            }
        };
        if let Some(q) = wikidata {
            view.wikidata = q.clone();
            view.wikidata_url = wikidata_url(q);
        }
        // Page 1 of the entity's briefs; pages 2.. are `paginate::entity_page`.
        let (backlinks, backlinks_total, pagination) = self.entity_slice(key, 1);
        let incidents: Vec<&IncidentRef> = links
            .incidents
            .iter()
            .map(|i| &self.prepared.incident_refs[i.index()])
            .collect();
        let mut meta = self.meta(&path, &link.name, &described.summary, "profile");
        meta.feed = view.feed.clone();
        let mut context = self.context(&file, meta, nav, String::new());
        context.insert("entity", &view);
        if let EntityKey::Location(l) = key {
            context.insert("locator_svg", &self.location_locator(l, &file));
        }
        context.insert("backlinks", &backlinks);
        context.insert("backlinks_total", &backlinks_total);
        context.insert("pagination", &pagination);
        context.insert("incidents", &incidents);
        PageJob {
            file,
            template,
            context,
        }
    }

    fn incident(&self, i: usize) -> PageJob {
        let incident = &self.corpus.incidents[i];
        let reference = &self.prepared.incident_refs[i];
        let path = reference.path.clone();
        let file = output_file(&path);
        let view = IncidentView {
            incident: reference.clone(),
            location: incident
                .location
                .map(|l| self.prepared.location_links[l.index()].clone()),
            actors: incident
                .actors
                .iter()
                .map(|a| self.prepared.actor_links[a.index()].clone())
                .collect(),
            casualties: incident.casualties.map(|c| CasualtiesView {
                killed: c.killed,
                injured: c.injured,
            }),
            sources: incident
                .sources
                .iter()
                .map(|s| CitationView {
                    outlet: s.outlet.clone(),
                    url: s.url.clone(),
                    published: s.published.as_ref().map(DateView::from),
                })
                .collect(),
            description_html: self.prepared.incidents[i].html.clone(),
        };
        let links = &self.graph.incidents[i];
        let cards = |ids: &[BriefId]| -> Vec<BriefCard> {
            ids.iter()
                .map(|b| self.prepared.brief_cards[b.index()].clone())
                .collect()
        };
        let mut meta = self.meta(
            &path,
            &incident.title,
            &self.prepared.incidents[i].summary,
            "article",
        );
        meta.jsonld = jsonld::incident(self, i);
        let mut context = self.context(&file, meta, "incidents", String::new());
        context.insert("incident", &view);
        context.insert("locator_svg", &self.incident_locator(i, &file));
        context.insert("reported_by", &cards(&links.reported_by));
        let heads: Vec<BriefHead> = links
            .cited_by
            .iter()
            .map(|b| {
                let card = &self.prepared.brief_cards[b.index()];
                BriefHead {
                    title: &card.title,
                    path: &card.path,
                    date: &card.date,
                }
            })
            .collect();
        context.insert("cited_by", &heads);
        PageJob {
            file,
            template: "incident.html",
            context,
        }
    }

    fn section(&self, key: &'static str, n: usize) -> PageJob {
        let path = self.urls.paged(key, n);
        let file = output_file(&path);
        let mut groups: BTreeMap<String, Vec<SectionItem>> = BTreeMap::new();
        let other = |kind: &str| {
            if kind.is_empty() {
                "other".to_string()
            } else {
                kind.to_string()
            }
        };
        let title = match key {
            "actors" => {
                for (i, actor) in self.corpus.actors.iter().enumerate() {
                    let key = EntityKey::Actor(ActorId(i as u32));
                    groups
                        .entry(other(&actor.kind))
                        .or_default()
                        .push(self.entity_item(key, self.graph.actors[i].backlinks.len()));
                }
                "Actors"
            }
            "locations" => {
                for (i, location) in self.corpus.locations.iter().enumerate() {
                    let key = EntityKey::Location(LocationId(i as u32));
                    groups
                        .entry(other(&location.kind))
                        .or_default()
                        .push(self.entity_item(key, self.graph.locations[i].backlinks.len()));
                }
                "Locations"
            }
            _ => {
                for (i, incident) in self.corpus.incidents.iter().enumerate() {
                    let r = &self.prepared.incident_refs[i];
                    let links = &self.graph.incidents[i];
                    groups
                        .entry(other(&incident.kind))
                        .or_default()
                        .push(SectionItem {
                            name: r.title.clone(),
                            path: r.path.clone(),
                            summary: self.prepared.incidents[i].summary.clone(),
                            count: links.reported_by.len() + links.cited_by.len(),
                            date: Some(r.date.clone()),
                            status: r.status.clone(),
                        });
                }
                "Incidents"
            }
        };
        let groups: Vec<SectionGroup> = groups
            .into_iter()
            .map(|(name, mut items)| {
                if key == "incidents" {
                    items.sort_by(|a, b| {
                        b.date
                            .as_ref()
                            .map(|d| &d.iso)
                            .cmp(&a.date.as_ref().map(|d| &d.iso))
                    });
                } else {
                    items.sort_by_key(|a| a.name.to_lowercase());
                }
                SectionGroup { name, items }
            })
            .collect();
        let mut context = self.context(
            &file,
            self.meta(
                &path,
                title,
                &format!("{title} in {}", self.config.title),
                "website",
            ),
            key,
            String::new(),
        );
        let paged = super::sections::section_page(groups, n, |p| self.urls.paged(key, p));
        context.insert(
            "section",
            &serde_json::json!({ "title": title, "key": key, "total": paged.total }),
        );
        context.insert("groups", &paged.groups);
        context.insert("kinds", &paged.kinds);
        context.insert("pagination", &paged.pagination);
        PageJob {
            file,
            template: "section.html",
            context,
        }
    }

    fn entity_item(&self, key: EntityKey, count: usize) -> SectionItem {
        let link = self.prepared.link(key);
        SectionItem {
            name: link.name.clone(),
            path: link.path.clone(),
            summary: self.prepared.described(key).summary.clone(),
            count,
            date: None,
            status: String::new(),
        }
    }

    fn tag(&self, slug: &str, n: usize) -> PageJob {
        let Some(tag) = self.graph.tags.get(slug) else {
            return self.not_found();
        };
        let path = self.urls.tag_page(slug, n);
        let file = output_file(&path);
        let feed = format!("tags/{slug}/atom.xml");
        let mut meta = self.meta(
            &path,
            &format!("Tagged “{}”", tag.name),
            &format!("Briefs tagged {}", tag.name),
            "website",
        );
        meta.feed = feed.clone();
        let mut context = self.context(&file, meta, "briefs", String::new());
        let per = self.config.paginate_by.max(1);
        let briefs: Vec<&BriefCard> = tag
            .briefs
            .iter()
            .skip((n - 1) * per)
            .take(per)
            .map(|b| &self.prepared.brief_cards[b.index()])
            .collect();
        let total = super::paginate::page_count(tag.briefs.len(), per);
        context.insert(
            "pagination",
            &super::paginate::pagination(n, total, |i| self.urls.tag_page(slug, i)),
        );
        context.insert("briefs_total", &tag.briefs.len());
        context.insert(
            "tag",
            &serde_json::json!({ "name": tag.name, "path": path, "feed": feed }),
        );
        context.insert("briefs", &briefs);
        PageJob {
            file,
            template: "tag.html",
            context,
        }
    }

    fn tags(&self) -> PageJob {
        let path = self.urls.page("tags");
        let file = output_file(&path);
        let mut context = self.context(
            &file,
            self.meta(&path, "Tags", "All tags", "website"),
            "briefs",
            String::new(),
        );
        let tags: Vec<serde_json::Value> = self
            .graph
            .tags
            .iter()
            .map(|(slug, t)| serde_json::json!({ "name": t.name, "path": self.urls.page(&format!("tags/{slug}")), "count": t.briefs.len() }))
            .collect();
        context.insert("tags", &tags);
        PageJob {
            file,
            template: "tags.html",
            context,
        }
    }

    fn plain_page(&self, i: usize) -> PageJob {
        let page = &self.corpus.pages[i];
        let path = self.urls.plain_page(&page.slug);
        let file = output_file(&path);
        let html = &self.prepared.pages[i];
        let description = crate::render::markdown::first_paragraph_text(&page.body);
        let mut context = self.context(
            &file,
            self.meta(&path, &page.title, &description, "website"),
            "pages",
            String::new(),
        );
        context.insert(
            "content",
            &serde_json::json!({ "title": page.title, "body_html": html }),
        );
        PageJob {
            file,
            template: "page.html",
            context,
        }
    }

    fn data(&self) -> PageJob {
        let path = self.urls.page("data");
        let file = output_file(&path);
        let mut context = self.context(
            &file,
            self.meta(&path, "Open data", "The data behind this site", "website"),
            "",
            String::new(),
        );
        // The data files are made again here for their sizes: the build makes them in
        // parallel with the pages, and they are deterministic, so the sizes match. If they
        // fail, the build reports it there; the table then shows no size.
        let sizes = super::data::sizes(self).unwrap_or_default();
        context.insert("files", &super::DATA_FILES.iter().map(|(name, format, description)| {
            let bytes = sizes.get(&format!("data/{name}")).copied();
            serde_json::json!({ "name": name, "path": format!("data/{name}"), "format": format, "description": description,
                "bytes": bytes, "size": bytes.map(human_size).unwrap_or_default() })
        }).collect::<Vec<_>>());
        context.insert(
            "license",
            self.config
                .license
                .as_deref()
                .unwrap_or("See the site's about page."),
        );
        PageJob {
            file,
            template: "data.html",
            context,
        }
    }

    fn not_found(&self) -> PageJob {
        let file = "404.html".to_string();
        let mut page = self.meta("404.html", "Page not found", "", "website");
        page.robots = "noindex";
        let mut context = self.context(&file, page, "", String::new());
        // Served at any depth, so its links are absolute from the base path.
        context.insert("root", self.config.base_path());
        PageJob {
            file,
            template: "404.html",
            context,
        }
    }
}
/// A file size for readers: bytes under 1 KB, else KB with one decimal (1 KB = 1024 bytes).
fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}
