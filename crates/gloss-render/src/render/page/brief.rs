//! A brief's page (`brief.html`): the card fields, the editor's text, the annotated article,
//! the sidebars of actors, locations and prior incidents, the pager and related briefs. Every
//! string is borrowed from the [`Site`] join; only the per-page values (sidebar sentences,
//! "6 months earlier", the full tag list of a brief with many tags) are made here.

use std::borrow::Cow;

use serde::Serialize;

use super::{Nav, PageJob, Site};
use crate::graph::{PriorReason, SidebarEntry};
use crate::model::BriefId;
use crate::model::EntityKey;
use crate::render::reading::{PRIOR_SHOWN, fold_sidebar, text_direction};
use crate::render::related;
use crate::render::site::{BriefRef, Robots};
use crate::render::views::{DateView, IncidentRef, LinkView};
use crate::render::{cards, jsonld};
use crate::urls::output_file;

/// An actor or location in a brief's sidebar.
#[derive(Clone, Debug, Serialize)]
pub struct SidebarEntity<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Name.
    pub name: &'a str,
    /// Page path.
    pub path: &'a str,
    /// Kind.
    pub kind: &'a str,
    /// Role in this brief, or "".
    pub role: &'a str,
    /// Is it named in the article?
    pub mentioned: bool,
    /// How often.
    pub count: usize,
}

/// A prior incident in a brief's sidebar.
#[derive(Clone, Debug, Serialize)]
pub struct PriorView<'a> {
    /// The incident.
    #[serde(flatten)]
    pub incident: &'a IncidentRef,
    /// Its date as month and year (`Aug 2017`): the full date is in `datetime` and on its
    /// page, and the line is repeated in many briefs' sidebars (issue 26).
    pub short_date: String,
    /// "6 months earlier".
    pub ago: String,
    /// listed, shared actor or shared location.
    pub reason: &'static str,
    /// Names of what is shared.
    pub shared: Vec<&'a str>,
}

/// The original publication of a brief.
#[derive(Clone, Debug, Serialize)]
pub struct SourceView<'a> {
    /// Outlet.
    pub outlet: &'a str,
    /// Byline.
    pub author: &'a str,
    /// Checked URL or "".
    pub url: &'a str,
    /// Publication date.
    pub published: Option<DateView>,
}

/// A link to another brief with its date and why it is shown.
#[derive(Clone, Debug, Serialize)]
pub struct BriefLink<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its URL path.
    pub path: &'a str,
    /// Its date.
    pub date: &'a DateView,
    /// Why it is related (empty for the pager and on compact pages).
    pub reason: String,
}

/// A brief's page: `brief` in `brief.html`. The first fields are the card's (a card's tag
/// list is cut; the page lists every tag).
#[derive(Clone, Debug, Serialize)]
pub struct BriefView<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Headline.
    pub title: &'a str,
    /// Page path.
    pub path: &'a str,
    /// Publication day.
    pub date: &'a DateView,
    /// Summary, plain text.
    pub summary: &'a str,
    /// Original outlet or "".
    pub outlet: &'a str,
    /// Every tag link.
    pub tags: Cow<'a, [LinkView]>,
    /// Always 0 on the page (every tag is shown).
    pub tags_more: usize,
    /// A draft (only in `--drafts` builds).
    pub draft: bool,
    /// The brief's own language tag for its title, or "" for the site's.
    pub title_lang: &'a str,
    /// `rtl` or `ltr` with `title_lang`, else "".
    pub title_dir: &'static str,
    /// The year of an old brief, else "".
    pub stale_year: &'a str,
    /// Where the article appeared.
    pub source: Option<SourceView<'a>>,
    /// The editor's text.
    pub body_html: &'a str,
    /// The annotated article.
    pub article_html: Cow<'a, str>,
    /// Contributor lines.
    pub credits: &'a [String],
    /// The incident this brief reports.
    pub event: Option<&'a IncidentRef>,
    /// Actors sidebar: listed with a role, then the most-mentioned.
    pub actors: Vec<SidebarEntity<'a>>,
    /// The other actors, folded behind "N more".
    pub actors_more: Vec<SidebarEntity<'a>>,
    /// Locations sidebar, ordered like the actors.
    pub locations: Vec<SidebarEntity<'a>>,
    /// The other locations, folded.
    pub locations_more: Vec<SidebarEntity<'a>>,
    /// The folded entities are written as a line of names, not a list of links (compact
    /// pages: the article links every entity it names).
    pub fold_as_names: bool,
    /// Prior-incidents sidebar.
    pub prior_incidents: Vec<PriorView<'a>>,
    /// How many prior incidents after the first few are folded behind "N more".
    pub prior_more: usize,
    /// Number of passage notes.
    pub notes_count: usize,
    /// The brief's own language tag (`lang` of the `<article>` element): its top-level
    /// `language`, else the site's.
    pub lang: &'a str,
    /// `rtl` or `ltr`, from `lang`.
    pub dir: &'static str,
    /// The pasted article's language tag (`lang` of `.article`) when it differs from
    /// `lang`: `[source] language`, else detected; "" otherwise.
    pub article_lang: &'a str,
    /// `rtl` or `ltr` with `article_lang`, else "".
    pub article_dir: &'static str,
    /// The next newer published brief (`rel="next"`).
    pub newer: Option<BriefLink<'a>>,
    /// The next older published brief (`rel="prev"`).
    pub older: Option<BriefLink<'a>>,
    /// Briefs sharing the incident, actors or places, best first.
    pub related: Vec<BriefLink<'a>>,
}

/// `brief.html`'s own values.
#[derive(Serialize)]
struct BriefPage<'a> {
    brief: BriefView<'a>,
}

/// A link to brief `id` from its prepared card.
fn brief_link<'a>(site: &Site<'a>, id: BriefId, reason: String) -> BriefLink<'a> {
    let card = site.brief(id).card;
    BriefLink {
        title: &card.title,
        path: &card.path,
        date: &card.date,
        reason,
    }
}

/// One sidebar entry: the entity, its role here and how often the article names it.
fn sidebar<'a, I: Copy>(
    site: &Site<'a>,
    entry: &'a SidebarEntry<I>,
    key: impl Fn(I) -> EntityKey,
) -> SidebarEntity<'a> {
    let entity = site.entity(key(entry.id));
    SidebarEntity {
        slug: entity.slug.as_str(),
        name: &entity.link.name,
        path: &entity.link.path,
        kind: entity.kind.unwrap_or_default(),
        role: entry.role.as_deref().unwrap_or_default(),
        mentioned: entry.mentions > 0,
        count: entry.mentions as usize,
    }
}

/// The prior-incidents sidebar.
fn prior<'a>(site: &Site<'a>, b: BriefRef<'a>) -> Vec<PriorView<'a>> {
    b.links
        .prior
        .iter()
        .map(|p| {
            let incident = site.incident(p.incident);
            let (reason, shared) = match &p.reason {
                PriorReason::Listed => ("listed", vec![]),
                PriorReason::SharedActors(ids) => (
                    "shared actor",
                    ids.iter()
                        .map(|a| site.corpus.actors[a.index()].name.as_str())
                        .collect(),
                ),
                PriorReason::SharedLocation(l) => (
                    "shared location",
                    vec![site.corpus.locations[l.index()].name.as_str()],
                ),
            };
            PriorView {
                incident: incident.reference,
                short_date: incident.incident.date.short(),
                ago: incident.incident.date.distance_to(&b.brief.date),
                reason,
                shared,
            }
        })
        .collect()
}

/// A sidebar of one kind, ordered and split into the entries shown and those folded.
type Folded<'a> = (Vec<SidebarEntity<'a>>, Vec<SidebarEntity<'a>>);

/// The actors and the locations sidebars of brief `b`, each folded after the first few.
fn sidebars<'a>(site: &Site<'a>, b: BriefRef<'a>) -> (Folded<'a>, Folded<'a>) {
    let actors = b.links.actors.iter();
    let locations = b.links.locations.iter();
    (
        fold_sidebar(
            actors.map(|e| sidebar(site, e, EntityKey::Actor)).collect(),
            b.brief.actors.len(),
        ),
        fold_sidebar(
            locations
                .map(|e| sidebar(site, e, EntityKey::Location))
                .collect(),
            b.brief.locations.len(),
        ),
    )
}

/// Every tag of brief `b`: a card shows the first few, the brief's own page all of them.
fn all_tags<'a>(site: &Site<'a>, b: BriefRef<'a>) -> Cow<'a, [LinkView]> {
    if b.card.tags_more == 0 {
        return Cow::Borrowed(b.card.tags.as_slice());
    }
    let tags = b.brief.tags.iter().map(|t| LinkView {
        name: t.clone(),
        path: site.urls.tag(t),
    });
    Cow::Owned(tags.collect())
}

/// Where brief `b`'s article appeared, if it says.
fn source<'a>(b: BriefRef<'a>) -> Option<SourceView<'a>> {
    b.brief.source.as_ref().map(|s| SourceView {
        outlet: s.outlet.as_deref().unwrap_or_default(),
        author: s.author.as_deref().unwrap_or_default(),
        url: s.url.as_deref().unwrap_or_default(),
        published: s.published.as_ref().map(DateView::from),
    })
}

/// The brief's own language, and the pasted article's when it differs ("" otherwise).
fn languages<'a>(site: &Site<'a>, b: BriefRef<'a>) -> (&'a str, &'a str) {
    let language = b.brief.language.as_deref();
    let language = language.unwrap_or(&site.config.language);
    let article_lang = b
        .brief
        .article_language
        .as_ref()
        .filter(|l| l.differs_from(language))
        .map_or("", |l| l.tag.as_str());
    (language, article_lang)
}

/// The view of brief `id`'s page.
pub fn view<'a>(site: &Site<'a>, id: BriefId) -> BriefView<'a> {
    let b = site.brief(id);
    let (brief, card) = (b.brief, b.card);
    let ((actors, actors_more), (locations, locations_more)) = sidebars(site, b);
    let prior_incidents = prior(site, b);
    let (newer, older) = related::neighbours(site.corpus, id.index());
    let (language, article_lang) = languages(site, b);
    let budget = site.budget();
    BriefView {
        slug: &card.slug,
        title: &card.title,
        path: &card.path,
        date: &card.date,
        summary: &card.summary,
        outlet: &card.outlet,
        tags: all_tags(site, b),
        tags_more: 0,
        draft: card.draft,
        title_lang: &card.title_lang,
        title_dir: card.title_dir,
        stale_year: &card.stale_year,
        source: source(b),
        body_html: b.body_html,
        article_html: b.annotated.article_html.unpack(),
        credits: &brief.credits,
        event: brief.event.map(|e| site.incident(e).reference),
        actors,
        actors_more,
        locations,
        locations_more,
        fold_as_names: budget.fold_as_names,
        prior_more: prior_incidents.len().saturating_sub(PRIOR_SHOWN),
        prior_incidents,
        notes_count: brief.notes.len(),
        lang: language,
        dir: text_direction(language),
        article_lang,
        article_dir: match article_lang {
            "" => "",
            tag => text_direction(tag),
        },
        newer: newer.map(|n| brief_link(site, n, String::new())),
        older: older.map(|o| brief_link(site, o, String::new())),
        related: related::related(site.corpus, site.graph, id.index(), budget.related)
            .into_iter()
            .map(|(r, reason)| match budget.related_reasons {
                true => brief_link(site, r, reason),
                false => brief_link(site, r, String::new()),
            })
            .collect(),
    }
}

/// Brief `id`'s page.
pub fn page(site: &Site, id: BriefId) -> PageJob {
    let b = site.brief(id);
    let file = output_file(&b.card.path);
    let robots = if b.brief.draft {
        Robots::NoIndex
    } else {
        Robots::Index
    };
    let meta = site
        .meta(&b.card.path, &b.brief.title, &b.card.summary, "article")
        .with_jsonld(jsonld::brief(site, id))
        .with_robots(robots);
    let common = site
        .common(&file, meta, Nav::Briefs)
        .with_cards(cards::page_json(site, b));
    let view = BriefPage {
        brief: view(site, id),
    };
    PageJob::new(file, "brief.html", common, view)
}
