//! The values templates see. Each entity's small view (a card, a link, a date) is computed
//! once per build and cloned into the pages that show it, so no page gets a whole-site
//! context. Field names are the theme's contract (see `templates/`).

use std::borrow::Cow;

use serde::Serialize;

use crate::model::{PartialDate, Status};

/// A date as `<time datetime="{iso}">{display}</time>`.
#[derive(Clone, Debug, Serialize)]
pub struct DateView {
    /// `2021-07-07`, `2020-05` or `2021`.
    pub iso: String,
    /// `7 July 2021`, `May 2020` or `2021`.
    pub display: String,
}

impl From<&PartialDate> for DateView {
    fn from(date: &PartialDate) -> Self {
        DateView {
            iso: date.iso(),
            display: date.display(),
        }
    }
}

/// A named link to a page.
#[derive(Clone, Debug, Serialize)]
pub struct LinkView {
    /// Link text.
    pub name: String,
    /// Site-root-relative path.
    pub path: String,
}

/// How many tags a brief card or a feed entry shows. A card is repeated on every tag page
/// of its brief, so without a cap a brief with 2,000 tags writes 2,000 x 2,000 tag links.
pub const CARD_TAGS: usize = 8;

/// How many actors and how many locations a card or a feed entry names, for the same reason.
pub const CARD_ENTITIES: usize = 5;

/// How many characters of the summary a card shows (longer ones end in `…`).
pub const CARD_SUMMARY_CHARS: usize = 600;

/// A brief in lists (home, tags, incident pages).
#[derive(Clone, Debug, Serialize)]
pub struct BriefCard {
    /// Slug.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Page path.
    pub path: String,
    /// Publication day.
    pub date: DateView,
    /// Summary, plain text.
    pub summary: String,
    /// Original outlet or "".
    pub outlet: String,
    /// The first [`CARD_TAGS`] tag links.
    pub tags: Vec<LinkView>,
    /// How many tags the card leaves out ("+K more").
    pub tags_more: usize,
    /// Up to [`CARD_ENTITIES`] actors.
    pub actors: Vec<LinkView>,
    /// Up to [`CARD_ENTITIES`] locations.
    pub locations: Vec<LinkView>,
    /// A draft (only in `--drafts` builds).
    pub draft: bool,
    /// The brief's own language tag for its title and summary, or "" for the site's.
    pub title_lang: String,
    /// `rtl` or `ltr` with `title_lang`, else "".
    pub title_dir: &'static str,
    /// The year, when the brief is more than a year older than the newest one, so an old
    /// brief on the home page does not read like today's; else "".
    pub stale_year: String,
}

/// A status as templates see it: `claimed`… or "" when unknown, so `{% if %}` tests it.
fn status_or_empty<S: serde::Serializer>(
    status: &Option<Status>,
    to: S,
) -> Result<S::Ok, S::Error> {
    to.serialize_str(status.map_or("", Status::as_str))
}

/// An incident in lists and sidebars.
#[derive(Clone, Debug, Serialize)]
pub struct IncidentRef {
    /// Slug, also the timeline anchor.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Page path.
    pub path: String,
    /// When, at its precision.
    pub date: DateView,
    /// How sure the record is; shown to templates as its spelling, or "" when unknown.
    #[serde(serialize_with = "status_or_empty")]
    pub status: Option<Status>,
    /// Kind of incident.
    pub kind: String,
    /// The first source's outlet, so a reader can check the incident, or "".
    pub source_outlet: String,
    /// The first source's URL, or "" (the outlet is then shown unlinked).
    pub source_url: String,
}

/// An actor or location in a brief's sidebar.
#[derive(Clone, Debug, Serialize)]
pub struct SidebarEntity {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Page path.
    pub path: String,
    /// Kind.
    pub kind: String,
    /// Role in this brief, or "".
    pub role: String,
    /// First paragraph of the description.
    pub summary: String,
    /// Is it named in the article?
    pub mentioned: bool,
    /// How often.
    pub count: usize,
}

/// A prior incident in a brief's sidebar.
#[derive(Clone, Debug, Serialize)]
pub struct PriorView {
    /// The incident.
    #[serde(flatten)]
    pub incident: IncidentRef,
    /// "6 months earlier".
    pub ago: String,
    /// listed, shared actor or shared location.
    pub reason: &'static str,
    /// Names of what is shared.
    pub shared: Vec<String>,
}

/// The original publication of a brief.
#[derive(Clone, Debug, Serialize)]
pub struct SourceView {
    /// Outlet.
    pub outlet: String,
    /// Byline.
    pub author: String,
    /// Checked URL or "".
    pub url: String,
    /// Publication date.
    pub published: Option<DateView>,
}

/// A brief's page.
#[derive(Clone, Debug, Serialize)]
pub struct BriefView {
    /// The card fields (title, date, tags…).
    #[serde(flatten)]
    pub card: BriefCard,
    /// Where the article appeared.
    pub source: Option<SourceView>,
    /// The editor's text.
    pub body_html: String,
    /// The annotated article.
    pub article_html: String,
    /// Contributor lines.
    pub credits: Vec<String>,
    /// The incident this brief reports.
    pub event: Option<IncidentRef>,
    /// Actors sidebar: listed with a role, then the most-mentioned.
    pub actors: Vec<SidebarEntity>,
    /// The other actors, folded behind "N more".
    pub actors_more: Vec<SidebarEntity>,
    /// Locations sidebar, ordered like the actors.
    pub locations: Vec<SidebarEntity>,
    /// The other locations, folded.
    pub locations_more: Vec<SidebarEntity>,
    /// Prior-incidents sidebar.
    pub prior_incidents: Vec<PriorView>,
    /// How many prior incidents after the first few are folded behind "N more".
    pub prior_more: usize,
    /// Number of passage notes.
    pub notes_count: usize,
    /// The brief's language tag (`lang` of its article).
    pub lang: String,
    /// `rtl` or `ltr`, from `lang`.
    pub dir: &'static str,
    /// The next newer published brief (`rel="next"`).
    pub newer: Option<BriefLink>,
    /// The next older published brief (`rel="prev"`).
    pub older: Option<BriefLink>,
    /// Briefs sharing the incident, actors or places, best first.
    pub related: Vec<BriefLink>,
}

/// A link to another brief with its date and why it is shown.
#[derive(Clone, Debug, Serialize)]
pub struct BriefLink {
    /// Its title.
    pub title: String,
    /// Its URL path.
    pub path: String,
    /// Its date.
    pub date: DateView,
    /// Why it is related (empty for the pager).
    pub reason: String,
}

/// Latitude and longitude.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Coordinates {
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
}

/// A link with the number of briefs shared, for "often appears with".
#[derive(Clone, Debug, Serialize)]
pub struct RelatedView {
    /// Name.
    pub name: String,
    /// Page path.
    pub path: String,
    /// actor or location.
    pub kind: &'static str,
    /// Briefs in common.
    pub count: usize,
}

/// An actor's or location's page.
#[derive(Clone, Debug, Serialize)]
pub struct EntityView {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Page path.
    pub path: String,
    /// Kind.
    pub kind: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// First paragraph of the description.
    pub summary: String,
    /// The description.
    pub description_html: String,
    /// Wikidata id or "".
    pub wikidata: String,
    /// Wikidata page or "".
    pub wikidata_url: String,
    /// Groups this actor belongs to.
    pub affiliation: Vec<LinkView>,
    /// Actors affiliated with this one.
    pub members: Vec<LinkView>,
    /// The enclosing location.
    pub within: Option<LinkView>,
    /// Locations inside this one.
    pub contains: Vec<LinkView>,
    /// Where it is.
    pub coordinates: Option<Coordinates>,
    /// Country.
    pub country: String,
    /// The entity's Atom feed.
    pub feed: String,
    /// Entities named in the same briefs.
    pub related: Vec<RelatedView>,
}

/// One place a brief mentions an entity. Borrowed from the annotated briefs: entity pages
/// of busy actors cite hundreds of sentences, which need not be copied to be shown.
#[derive(Clone, Debug, Serialize)]
pub struct MentionView<'a> {
    /// `briefs/x/#p-7`.
    pub path: String,
    /// Sentence text before the mention, at most [`EXCERPT_CHARS`] (see [`clip_before`]).
    pub before: Cow<'a, str>,
    /// The mention as written.
    #[serde(rename = "match")]
    pub matched: &'a str,
    /// Sentence text after it, at most [`EXCERPT_CHARS`] (see [`clip_after`]).
    pub after: Cow<'a, str>,
}

/// How many characters of its sentence a backlink quotes on each side of a mention. One
/// sentence naming many entities is quoted on each of their pages, so an unbounded quote
/// would make output grow with the square of a long sentence.
pub const EXCERPT_CHARS: usize = 240;

/// The last [`EXCERPT_CHARS`] characters of `text`, after `…` when cut.
pub fn clip_before(text: &str) -> Cow<'_, str> {
    match text.char_indices().rev().nth(EXCERPT_CHARS - 1) {
        Some((at, _)) if at > 0 => Cow::Owned(format!("\u{2026}{}", &text[at..])),
        _ => Cow::Borrowed(text),
    }
}

/// The first [`EXCERPT_CHARS`] characters of `text`, then `…` when cut.
pub fn clip_after(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(EXCERPT_CHARS) {
        Some((at, _)) => Cow::Owned(format!("{}\u{2026}", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod clip_tests {
    use super::*;

    #[test]
    fn excerpts_are_clipped_around_the_mention() {
        assert_eq!(clip_before("short"), "short");
        assert_eq!(clip_after("short"), "short");
        let long = "é".repeat(EXCERPT_CHARS + 10);
        assert_eq!(clip_before(&long).chars().count(), EXCERPT_CHARS + 1);
        assert!(clip_before(&long).starts_with('\u{2026}'));
        assert!(clip_after(&long).ends_with('\u{2026}'));
        let exact = "x".repeat(EXCERPT_CHARS);
        assert_eq!(clip_before(&exact), exact);
        assert_eq!(clip_after(&exact), exact);
    }
}

/// The brief of a backlink: just what the entity page shows of it.
#[derive(Clone, Debug, Serialize)]
pub struct BriefHead<'a> {
    /// Headline.
    pub title: &'a str,
    /// Page path.
    pub path: &'a str,
    /// Publication day.
    pub date: &'a DateView,
}

/// A brief on an entity's page.
#[derive(Clone, Debug, Serialize)]
pub struct BacklinkView<'a> {
    /// The brief.
    pub brief: BriefHead<'a>,
    /// The entity's role there, or "".
    pub role: &'a str,
    /// Where it is mentioned.
    pub mentions: Vec<MentionView<'a>>,
}

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
pub struct CitationView {
    /// Outlet.
    pub outlet: String,
    /// URL or "".
    pub url: String,
    /// When.
    pub published: Option<DateView>,
}

/// An incident's page.
#[derive(Clone, Debug, Serialize)]
pub struct IncidentView {
    /// The list fields.
    #[serde(flatten)]
    pub incident: IncidentRef,
    /// Where.
    pub location: Option<LinkView>,
    /// Who.
    pub actors: Vec<LinkView>,
    /// Killed and injured.
    pub casualties: Option<CasualtiesView>,
    /// Sources.
    pub sources: Vec<CitationView>,
    /// Description.
    pub description_html: String,
}

/// An item of a section index.
#[derive(Clone, Debug, Serialize)]
pub struct SectionItem {
    /// Name or title.
    pub name: String,
    /// Page path.
    pub path: String,
    /// First paragraph.
    pub summary: String,
    /// Briefs it appears in.
    pub count: usize,
    /// Incidents' date.
    pub date: Option<DateView>,
    /// Incidents' status.
    pub status: String,
}

/// A kind's group in a section index.
#[derive(Clone, Debug, Serialize)]
pub struct SectionGroup {
    /// The kind ("militia").
    pub name: String,
    /// Members, by name.
    pub items: Vec<SectionItem>,
}

/// A hover card's data.
#[derive(Clone, Debug, Serialize)]
pub struct CardData {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// First paragraph.
    pub summary: String,
    /// Page path.
    pub path: String,
    /// Briefs it appears in.
    pub briefs: usize,
}
