//! The resolved content of a site: briefs, actors, locations, incidents and pages, whose
//! cross-references are typed ids.

use std::path::PathBuf;

use super::{ActorId, IncidentId, LocationId, Paragraphs, PartialDate, Slug};

/// Where a brief's article text came from, already split into what the annotator needs.
#[derive(Clone, Debug)]
pub enum Article {
    /// No article: the brief is the editor's text alone.
    None,
    /// `article.txt`: paragraphs of plain text, never markdown.
    Plain(Paragraphs),
    /// `article.md` or a single-file brief's body.
    Markdown {
        /// The markdown.
        text: String,
        /// The file it is in, for diagnostics.
        file: PathBuf,
        /// 1-based line of that file where `text` starts.
        line: usize,
    },
}

/// The language of a brief's article, as declared or detected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleLanguage {
    /// BCP 47 tag (`ar`, or `und-Arab` when only the script was detected).
    pub tag: String,
    /// Set when gloss detected it, with what it detected in English ("Arabic"); none when
    /// `[source] language` declared it.
    pub detected: Option<&'static str>,
}

#[cfg(test)]
mod language_tests {
    use super::ArticleLanguage;

    #[test]
    fn differs_from_compares_language_and_script() {
        let article = |tag: &str| ArticleLanguage {
            tag: tag.to_string(),
            detected: None,
        };
        assert!(!article("en").differs_from("en-GB"));
        assert!(!article("AR").differs_from("ar"));
        assert!(article("ar").differs_from("en"));
        assert!(article("und-Arab").differs_from("und-Arab"));
        assert!(article("az-Arab").differs_from("az"));
    }
}

impl ArticleLanguage {
    /// Whether the article's language differs from `tag` (the brief's), so that the article
    /// needs a `lang` of its own: `en` and `en-GB` are the same, `az-Arab` and `az` are not,
    /// and `und` (only the script was detected) is never the same.
    pub fn differs_from(&self, tag: &str) -> bool {
        fn parts(tag: &str) -> (String, String) {
            let lower = tag.to_ascii_lowercase();
            let mut subtags = lower.split('-');
            let primary = subtags.next().unwrap_or_default().to_string();
            let script = subtags
                .find(|s| s.len() == 4)
                .unwrap_or_default()
                .to_string();
            (primary, script)
        }
        let (mine, theirs) = (parts(&self.tag), parts(tag));
        mine.0 == "und" || mine != theirs
    }
}

/// Where a brief's article was first published.
#[derive(Clone, Debug, Default)]
pub struct Source {
    /// The outlet's name, if given.
    pub outlet: Option<String>,
    /// The byline, if given.
    pub author: Option<String>,
    /// The original's URL, already checked to be http or https, if given.
    pub url: Option<String>,
    /// When the original appeared.
    pub published: Option<PartialDate>,
}

/// A note on a passage of the article, before it is anchored.
#[derive(Clone, Debug)]
pub struct Note {
    /// The quoted passage.
    pub quote: String,
    /// The note's markdown.
    pub markdown: String,
    /// 1-based line of the quote in the brief's file.
    pub line: usize,
    /// 1-based column where the quote's text starts on that line.
    pub column: usize,
    /// 1-based line in the brief's file where the note's markdown starts.
    pub markdown_line: usize,
}

/// A brief, with every reference resolved.
#[derive(Clone, Debug)]
pub struct Brief {
    /// From the file or folder name.
    pub slug: Slug,
    /// The brief's file, for diagnostics raised after resolving.
    pub file: PathBuf,
    /// Headline.
    pub title: String,
    /// Day of publication of the brief.
    pub date: PartialDate,
    /// Given summary, or none to use the first paragraph.
    pub summary: Option<String>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// Line and column of each tag in the file, to name both sides of a tag slug collision.
    pub tag_places: Vec<(usize, usize)>,
    /// The incident this brief reports.
    pub event: Option<IncidentId>,
    /// Hand-listed actors with their roles in the story.
    pub actors: Vec<(ActorId, Option<String>)>,
    /// Hand-listed locations with their roles.
    pub locations: Vec<(LocationId, Option<String>)>,
    /// Hand-picked prior incidents.
    pub incidents: Vec<IncidentId>,
    /// The original article's publication.
    pub source: Option<Source>,
    /// BCP 47 tag of the brief's own text (title, summary, editor's text, notes) from its
    /// top-level `language`; none means the site's.
    pub language: Option<String>,
    /// The article's language: `[source] language`, else detected from its text; none when
    /// neither says, and the article keeps the brief's.
    pub article_language: Option<ArticleLanguage>,
    /// The editor's own text (markdown), without the notes section.
    pub body: String,
    /// 1-based line of the file where `body` starts, for errors in it.
    pub body_line: usize,
    /// The article text.
    pub article: Article,
    /// Passage notes from the `## Notes` section.
    pub notes: Vec<Note>,
    /// Lines moved out of the article because they credit contributors.
    pub credits: Vec<String>,
    /// Other files of a bundle (images…), copied next to the page.
    pub assets: Vec<PathBuf>,
    /// Names `gloss check` does not suggest as missing pages for this brief.
    pub ignore_names: Vec<String>,
}

/// A person or group that appears in the news.
#[derive(Clone, Debug)]
pub struct Actor {
    /// From the file name.
    pub slug: Slug,
    /// The file, for diagnostics.
    pub file: PathBuf,
    /// The name shown.
    pub name: String,
    /// Other names the article text may use.
    pub aliases: Vec<String>,
    /// Surname forms, linked only after a full mention.
    pub short_names: Vec<String>,
    /// person, militia, government…, if given.
    pub kind: Option<String>,
    /// Groups this actor belongs to.
    pub affiliation: Vec<ActorId>,
    /// A Wikidata item id such as `Q1140589`.
    pub wikidata: Option<String>,
    /// Description in markdown.
    pub body: String,
    /// 1-based line of the file where `body` starts, for errors in it.
    pub body_line: usize,
}

impl Actor {
    /// Whether the actor is one person rather than a group (`kind = "person"`): kinds are
    /// open-ended, but this one decides how the actor is described to search engines.
    pub fn is_person(&self) -> bool {
        self.kind.as_deref() == Some("person")
    }
}

/// A place.
#[derive(Clone, Debug)]
pub struct Location {
    /// From the file name.
    pub slug: Slug,
    /// The file, for diagnostics.
    pub file: PathBuf,
    /// The name shown.
    pub name: String,
    /// Other names the article text may use.
    pub aliases: Vec<String>,
    /// city, military base, province…, if given.
    pub kind: Option<String>,
    /// Latitude and longitude in decimal degrees, checked to be in range.
    pub coordinates: Option<(f64, f64)>,
    /// Country name, if given.
    pub country: Option<String>,
    /// The location this one lies within.
    pub within: Option<LocationId>,
    /// A Wikidata item id.
    pub wikidata: Option<String>,
    /// A GeoNames id.
    pub geonames: Option<u64>,
    /// How exact the coordinates are: 1 the place itself, 2 near it, 3 only the region.
    pub geo_precision: Option<u8>,
    /// Description in markdown.
    pub body: String,
    /// 1-based line of the file where `body` starts, for errors in it.
    pub body_line: usize,
}

/// Where an imported incident came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// `acled` or `ucdp`.
    pub dataset: String,
    /// The dataset's id of the event.
    pub event_id: String,
    /// When it was imported, as written (RFC 3339).
    pub imported: String,
    /// The dataset's date range when it gave one (UCDP's `date_start`..`date_end`).
    pub range: Option<(PartialDate, PartialDate)>,
}

/// Verification status of an incident, as in newsroom practice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Someone claimed it; not verified.
    Claimed,
    /// Reported by a source; not independently confirmed.
    Reported,
    /// Confirmed by authorities or several sources.
    Confirmed,
    /// Accounts conflict.
    Disputed,
}

impl Status {
    /// Every status with its front-matter spelling.
    pub const ALL: [(Status, &'static str); 4] = [
        (Status::Claimed, "claimed"),
        (Status::Reported, "reported"),
        (Status::Confirmed, "confirmed"),
        (Status::Disputed, "disputed"),
    ];

    /// The front-matter spelling, also used as a CSS class suffix.
    pub fn as_str(self) -> &'static str {
        Status::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("", |(_, name)| name)
    }
}

/// People killed and injured, where known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Casualties {
    /// Deaths.
    pub killed: Option<u32>,
    /// Injured.
    pub injured: Option<u32>,
    /// Lowest estimate of deaths, where a dataset gives one (`killed` is the best).
    pub low: Option<u32>,
    /// Highest estimate of deaths.
    pub high: Option<u32>,
}

/// A publication that documents an incident.
#[derive(Clone, Debug)]
pub struct Citation {
    /// The outlet's name.
    pub outlet: String,
    /// Checked http(s) URL, if given.
    pub url: Option<String>,
    /// When it appeared.
    pub published: Option<PartialDate>,
}

/// A dated event: an attack, a strike, a claim.
#[derive(Clone, Debug)]
pub struct Incident {
    /// From the file name.
    pub slug: Slug,
    /// The file, for diagnostics.
    pub file: PathBuf,
    /// Headline.
    pub title: String,
    /// When, at the precision known.
    pub date: PartialDate,
    /// Where.
    pub location: Option<LocationId>,
    /// Who took part.
    pub actors: Vec<ActorId>,
    /// rocket attack, drone strike…, if given.
    pub kind: Option<String>,
    /// How sure the record is.
    pub status: Option<Status>,
    /// Killed and injured, if known.
    pub casualties: Option<Casualties>,
    /// Where it was reported.
    pub sources: Vec<Citation>,
    /// The dataset record it was imported from, if any.
    pub provenance: Option<Provenance>,
    /// Description in markdown.
    pub body: String,
    /// 1-based line of the file where `body` starts, for errors in it.
    pub body_line: usize,
}

/// A plain page such as "About".
#[derive(Clone, Debug)]
pub struct Page {
    /// From the file name.
    pub slug: Slug,
    /// The file, for diagnostics.
    pub file: PathBuf,
    /// Heading and `<title>`.
    pub title: String,
    /// Order in navigation (lower first), then title.
    pub weight: i64,
    /// Markdown.
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
}
