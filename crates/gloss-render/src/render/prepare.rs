//! The small per-item values every page draws from, computed once per build in parallel:
//! cards, links, summaries and rendered descriptions.

use std::path::Path;

use rayon::prelude::*;

use super::views::*;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::graph::Graph;
use crate::markup::markdown::{Markdown, first_paragraph_text};
use crate::model::EntityKey;
use crate::model::{Brief, Corpus, Incident};
use crate::urls::Urls;

/// An entity's rendered description and the text of its first paragraph.
#[derive(Clone, Debug, Default)]
pub struct Described {
    /// Rendered markdown.
    pub html: String,
    /// First paragraph, plain text.
    pub summary: String,
}

/// Everything computed once and shared by the pages.
pub struct Prepared {
    /// One card per brief.
    pub brief_cards: Vec<BriefCard>,
    /// The editor's text of each brief.
    pub brief_bodies: Vec<String>,
    /// Link to each actor.
    pub actor_links: Vec<LinkView>,
    /// Each actor's description.
    pub actors: Vec<Described>,
    /// Link to each location.
    pub location_links: Vec<LinkView>,
    /// Each location's description.
    pub locations: Vec<Described>,
    /// Each incident, for lists.
    pub incident_refs: Vec<IncidentRef>,
    /// Each incident's description.
    pub incidents: Vec<Described>,
    /// Each plain page's HTML.
    pub pages: Vec<String>,
    /// The front page's intro.
    pub intro_html: String,
}

fn describe(
    markdown: &Markdown,
    body: &str,
    file: &Path,
    line: usize,
) -> Result<Described, Vec<Diagnostic>> {
    Ok(Described {
        html: markdown.render(body, file, line)?,
        summary: markdown.first_paragraph(body),
    })
}

/// Each item's description, rendered in parallel; `text` gives an item's markdown, its file
/// and the line the markdown starts on.
fn describe_all<T: Sync>(
    items: &[T],
    text: impl Fn(&T) -> (&str, &Path, usize) + Sync,
    markdown: &Markdown,
) -> Vec<Result<Described, Vec<Diagnostic>>> {
    let one = |item: &T| {
        let (body, file, line) = text(item);
        describe(markdown, body, file, line)
    };
    items.par_iter().map(one).collect()
}

fn collect<T>(results: Vec<Result<T, Vec<Diagnostic>>>, diagnostics: &mut Diagnostics) -> Vec<T> {
    results
        .into_iter()
        .filter_map(|r| r.map_err(|e| diagnostics.extend(e)).ok())
        .collect()
}

/// A brief's summary: the one given, else the first paragraph of the editor's text, else of
/// the article.
fn summary(brief: &Brief, markdown: &Markdown) -> String {
    if let Some(summary) = &brief.summary {
        return summary.clone();
    }
    let from_body = markdown.first_paragraph(&brief.body);
    if !from_body.is_empty() {
        return from_body;
    }
    match &brief.article {
        crate::model::Article::Plain(paragraphs) => {
            paragraphs.unpack().into_iter().next().unwrap_or_default()
        }
        crate::model::Article::Markdown { text, .. } => first_paragraph_text(text),
        crate::model::Article::None => String::new(),
    }
}

/// A summary cut to [`CARD_SUMMARY_CHARS`] at a word boundary, ending in `…` when cut: a
/// card is repeated on every list its brief is in.
fn card_summary(text: String) -> String {
    let Some((cut, _)) = text.char_indices().nth(CARD_SUMMARY_CHARS) else {
        return text;
    };
    let head = &text[..cut];
    let head = head.rfind(char::is_whitespace).map_or(head, |i| &head[..i]);
    format!("{}…", head.trim_end())
}

/// Computes the shared values.
pub fn prepare(
    corpus: &Corpus,
    graph: &Graph,
    urls: Urls,
    markdown: &Markdown,
) -> Result<Prepared, Diagnostics> {
    let texts = render_texts(corpus, urls, markdown)?;
    let link = |name: &String, path: String| LinkView {
        name: name.clone(),
        path,
    };
    let actor_links: Vec<LinkView> = corpus
        .actors
        .iter()
        .map(|a| link(&a.name, urls.actor(&a.slug)))
        .collect();
    let location_links: Vec<LinkView> = corpus
        .locations
        .iter()
        .map(|l| link(&l.name, urls.location(&l.slug)))
        .collect();
    let newest = corpus.briefs.iter().map(|b| b.date).max();
    let brief_cards = corpus
        .briefs
        .par_iter()
        .zip(&graph.briefs)
        .map(|(brief, links)| {
            let (actors, locations) = (&actor_links[..], &location_links[..]);
            brief_card(brief, links, urls, actors, locations, newest, markdown)
        })
        .collect();
    Ok(Prepared {
        brief_cards,
        brief_bodies: texts.brief_bodies,
        actor_links,
        actors: texts.actors,
        location_links,
        locations: texts.locations,
        incident_refs: corpus
            .incidents
            .iter()
            .map(|i| incident_ref(i, urls))
            .collect(),
        incidents: texts.incidents,
        pages: texts.pages,
        intro_html: texts.intro_html,
    })
}

/// The editor's markdown of every item, rendered: the part of [`Prepared`] that can fail.
struct Texts {
    brief_bodies: Vec<String>,
    actors: Vec<Described>,
    locations: Vec<Described>,
    incidents: Vec<Described>,
    pages: Vec<String>,
    intro_html: String,
}

/// Renders every item's markdown in parallel, reporting every error of every file.
fn render_texts(corpus: &Corpus, urls: Urls, markdown: &Markdown) -> Result<Texts, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let brief_bodies = corpus
        .briefs
        .par_iter()
        .map(|b| markdown.render(&b.body, &b.file, b.body_line));
    let brief_bodies = collect(brief_bodies.collect(), &mut diagnostics);
    let actors = describe_all(
        &corpus.actors,
        |a| (&a.body, &a.file, a.body_line),
        markdown,
    );
    let actors = collect(actors, &mut diagnostics);
    let locations = describe_all(
        &corpus.locations,
        |l| (&l.body, &l.file, l.body_line),
        markdown,
    );
    let locations = collect(locations, &mut diagnostics);
    let incidents = describe_all(
        &corpus.incidents,
        |i| (&i.body, &i.file, i.body_line),
        markdown,
    );
    let incidents = collect(incidents, &mut diagnostics);
    let pages = corpus
        .pages
        .iter()
        .map(|p| markdown.render(&p.body, &p.file, p.body_line));
    let pages = collect(pages.collect(), &mut diagnostics);
    let intro_html = intro(corpus, urls, markdown, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    Ok(Texts {
        brief_bodies,
        actors,
        locations,
        incidents,
        pages,
        intro_html,
    })
}

/// An incident as lists show it.
fn incident_ref(incident: &Incident, urls: Urls) -> IncidentRef {
    let source = incident.sources.first();
    IncidentRef {
        slug: incident.slug.to_string(),
        title: incident.title.clone(),
        path: urls.incident(&incident.slug),
        date: (&incident.date).into(),
        status: incident.status,
        kind: incident.kind.clone().unwrap_or_default(),
        source_outlet: source.map(|s| s.outlet.clone()).unwrap_or_default(),
        source_url: source.and_then(|s| s.url.clone()).unwrap_or_default(),
    }
}

/// The front page's intro (`content/_index.md`), rendered; "" with its errors reported.
fn intro(
    corpus: &Corpus,
    urls: Urls,
    markdown: &Markdown,
    diagnostics: &mut Diagnostics,
) -> String {
    let file = Path::new("content/_index.md");
    let home = crate::urls::output_file(&urls.home(1));
    markdown
        .render_for(&corpus.intro, file, corpus.intro_line, &home)
        .unwrap_or_else(|e| {
            diagnostics.extend(e);
            String::new()
        })
}

impl Prepared {
    /// The link to an actor or location.
    pub fn link(&self, key: EntityKey) -> &LinkView {
        match key {
            EntityKey::Actor(a) => &self.actor_links[a.index()],
            EntityKey::Location(l) => &self.location_links[l.index()],
        }
    }

    /// An actor's or location's description.
    pub fn described(&self, key: EntityKey) -> &Described {
        match key {
            EntityKey::Actor(a) => &self.actors[a.index()],
            EntityKey::Location(l) => &self.locations[l.index()],
        }
    }
}

/// The card of one brief, as lists show it. `newest` is the newest brief's date on the
/// site (cards of old briefs show their year). Public so `gloss serve` can remake the card
/// of an edited brief alone.
pub fn brief_card(
    brief: &Brief,
    links: &crate::graph::BriefLinks,
    urls: Urls,
    actor_links: &[LinkView],
    location_links: &[LinkView],
    newest: Option<crate::model::PartialDate>,
    markdown: &Markdown,
) -> BriefCard {
    BriefCard {
        slug: brief.slug.to_string(),
        title: brief.title.clone(),
        path: urls.brief(&brief.slug),
        date: (&brief.date).into(),
        summary: card_summary(summary(brief, markdown)),
        outlet: brief
            .source
            .as_ref()
            .and_then(|s| s.outlet.clone())
            .unwrap_or_default(),
        tags: brief
            .tags
            .iter()
            .take(CARD_TAGS)
            .map(|t| LinkView {
                name: t.clone(),
                path: urls.tag(t),
            })
            .collect(),
        tags_more: brief.tags.len().saturating_sub(CARD_TAGS),
        actors: links
            .actors
            .iter()
            .take(CARD_ENTITIES)
            .map(|e| actor_links[e.id.index()].clone())
            .collect(),
        locations: links
            .locations
            .iter()
            .take(CARD_ENTITIES)
            .map(|e| location_links[e.id.index()].clone())
            .collect(),
        draft: brief.draft,
        title_lang: brief.language.clone().unwrap_or_default(),
        title_dir: brief
            .language
            .as_deref()
            .map(super::language::text_direction)
            .unwrap_or_default(),
        stale_year: newest
            .filter(|n| stale(&brief.date, n))
            .map(|_| brief.date.year().to_string())
            .unwrap_or_default(),
    }
}

/// Whether `date` lies more than a year before `newest` (the newest brief, not the clock,
/// so builds stay deterministic). Partial dates compare by the start of their period.
fn stale(date: &crate::model::PartialDate, newest: &crate::model::PartialDate) -> bool {
    let gap = newest.year() - date.year();
    let rest = |d: &crate::model::PartialDate| d.iso().get(4..).unwrap_or("").to_string();
    gap >= 2 || (gap == 1 && rest(date) < rest(newest))
}

#[cfg(test)]
mod tests {

    #[test]
    fn briefs_more_than_a_year_older_than_the_newest_are_stale() {
        let d = |t: &str| crate::model::PartialDate::parse(t).expect("date");
        let newest = d("2021-07-07");
        assert!(!super::stale(&d("2021-01-01"), &newest));
        assert!(!super::stale(&d("2020-07-08"), &newest));
        assert!(super::stale(&d("2020-07-06"), &newest));
        assert!(super::stale(&d("2019"), &newest));
        // A bare year compares by its start: its year is worth showing.
        assert!(super::stale(&d("2020"), &newest));
    }
    use super::*;

    #[test]
    fn card_summaries_are_cut_at_a_word() {
        assert_eq!(card_summary("Short.".to_string()), "Short.");
        let long = "word ".repeat(CARD_SUMMARY_CHARS);
        let cut = card_summary(long);
        assert!(cut.ends_with("word\u{2026}"), "{cut}");
        assert!(cut.chars().count() <= CARD_SUMMARY_CHARS + 1);
        let unbroken = "x".repeat(CARD_SUMMARY_CHARS * 2);
        assert_eq!(
            card_summary(unbroken).chars().count(),
            CARD_SUMMARY_CHARS + 1
        );
    }
}
