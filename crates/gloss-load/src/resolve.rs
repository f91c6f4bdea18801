//! Stage 2, resolve: turn the loaded documents into a [`Corpus`] whose references are typed
//! ids. Every unknown slug, bad date, out-of-range coordinate and unsafe URL is reported here,
//! with the file, the line and the nearest existing slug, before anything is rendered.

use std::collections::BTreeSet;

use rayon::prelude::*;
use toml::Spanned;

use crate::article::{ArticleRules, ingest};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{ArticleFile, BriefDocument, BriefFront, Document, ListedEntity, Loaded};
use crate::markup::notes::split_notes;
use crate::model::*;

mod entities;
mod fields;
mod ids;
mod index;
mod one;

use entities::{actor, incident, location, within_cycles};
use fields::{date, language_tag, nonempty, strings, web_url};
use index::{CONSEQUENTIAL, Index, Indexes, kinds};
pub use one::resolve_brief;

/// Options that change what is resolved.
#[derive(Clone, Copy, Debug, Default)]
pub struct ResolveOptions {
    /// Keep briefs marked `draft = true`.
    pub drafts: bool,
}

/// Resolves every reference; all problems are returned together.
pub fn resolve(
    loaded: Loaded,
    rules: &ArticleRules,
    options: ResolveOptions,
) -> Result<Corpus, Diagnostics> {
    resolve_all(&loaded, rules, options)
}

/// [`resolve`] without taking the documents, so `gloss serve` can keep them and reload
/// only the files that change.
pub fn resolve_all(
    loaded: &Loaded,
    rules: &ArticleRules,
    options: ResolveOptions,
) -> Result<Corpus, Diagnostics> {
    let kinds = kinds(loaded);
    let indexes = Indexes::new(loaded, &kinds);
    let mut diagnostics = Diagnostics::default();
    let actors = collect(
        loaded.actors.iter().map(|d| actor(d, &indexes)).collect(),
        &mut diagnostics,
    );
    let locations = collect(
        loaded
            .locations
            .iter()
            .map(|d| location(d, &indexes))
            .collect(),
        &mut diagnostics,
    );
    let incidents = collect(
        loaded
            .incidents
            .iter()
            .map(|d| incident(d, &indexes))
            .collect(),
        &mut diagnostics,
    );
    let packing = Packing::for_archive(loaded.briefs.len());
    let briefs: Vec<Option<Brief>> = collect(
        loaded
            .briefs
            .par_iter()
            .map(|b| brief(b, &indexes, rules, options, packing))
            .collect(),
        &mut diagnostics,
    );
    let mut briefs: Vec<Brief> = briefs.into_iter().flatten().collect();
    briefs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let pages = pages(loaded);
    let failed = &loaded.failed;
    let load_failed = !failed.actors.is_empty()
        || !failed.locations.is_empty()
        || !failed.incidents.is_empty()
        || !failed.briefs.is_empty();
    if diagnostics.has_errors() || load_failed {
        let mut reported = Diagnostics::default();
        reported.extend(
            diagnostics
                .iter()
                .filter(|d| d.code != CONSEQUENTIAL)
                .cloned(),
        );
        return Err(reported);
    }
    diagnostics.extend(within_cycles(&loaded.locations, &locations));
    diagnostics.extend(ids::duplicate_ids(&actors, &locations));
    diagnostics.extend(crate::urls::tag_collisions(&briefs));
    let corpus = Corpus {
        briefs,
        actors,
        locations,
        incidents,
        pages,
        intro_line: loaded.intro.as_ref().map_or(1, |d| d.body_line),
        intro: loaded
            .intro
            .as_ref()
            .map(|d| d.body.clone())
            .unwrap_or_default(),
    };
    diagnostics.into_result(corpus).map(|(corpus, _)| corpus)
}

/// The plain pages, in menu order (weight, then title).
fn pages(loaded: &Loaded) -> Vec<Page> {
    let mut pages: Vec<Page> = loaded
        .pages
        .iter()
        .map(|d| Page {
            slug: d.slug.clone(),
            file: d.source.path.clone(),
            title: d.front.title.clone(),
            weight: d.front.weight,
            body: d.body.clone(),
            body_line: d.body_line,
        })
        .collect();
    pages.sort_by(|a, b| (a.weight, &a.title, &a.slug).cmp(&(b.weight, &b.title, &b.slug)));
    pages
}

/// Keeps the successes, moving every error into `diagnostics`.
fn collect<T>(results: Vec<Result<T, Vec<Diagnostic>>>, diagnostics: &mut Diagnostics) -> Vec<T> {
    results
        .into_iter()
        .filter_map(|r| r.map_err(|e| diagnostics.extend(e)).ok())
        .collect()
}

/// Collects the errors of a list of lookups, keeping the successes.
fn all<T>(
    results: impl IntoIterator<Item = Result<T, Diagnostic>>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<T> {
    results
        .into_iter()
        .filter_map(|r| r.map_err(|e| errors.push(e)).ok())
        .collect()
}

fn entity_refs<I: Copy + Ord>(
    doc: &Document<crate::load::BriefFront>,
    refs: &[Spanned<ListedEntity>],
    index: &Index<I>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<(I, Option<String>)> {
    let mut seen = BTreeSet::new();
    refs.iter()
        .filter_map(|r| {
            let id = index
                .get_str(doc, r, r.get_ref().id())
                .map_err(|e| errors.push(e))
                .ok()?;
            if !seen.insert(id) {
                errors.push(
                    doc.error(r, format!("`{}` is listed twice", r.get_ref().id()))
                        .with_hint("keep one entry (with its role)"),
                );
                return None;
            }
            Some((
                id,
                r.get_ref()
                    .role()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty()),
            ))
        })
        .collect()
}

/// The first paragraphs of an article, enough to detect its language.
fn language_sample<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> String {
    let mut sample = String::new();
    for p in paragraphs {
        if sample.len() >= crate::article::language::SAMPLE_BYTES {
            break;
        }
        sample.push_str(p);
        sample.push('\n');
    }
    sample
}

/// The article's language: `[source] language` when given, else detected from `sample`.
fn article_language(
    doc: &Document<BriefFront>,
    sample: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<ArticleLanguage> {
    match doc.front.source.as_ref().and_then(|s| s.language.as_ref()) {
        Some(declared) => language_tag(doc, declared)
            .map_err(|e| errors.push(e))
            .ok()
            .map(|tag| ArticleLanguage {
                tag,
                detected: None,
            }),
        None => crate::article::language::detect(sample).map(|d| ArticleLanguage {
            tag: d.tag,
            detected: Some(d.name),
        }),
    }
}

/// The brief's own text and its notes (`## Notes` quotes), split apart; on a malformed
/// note the error, the whole text and no notes.
fn notes(doc: &Document<BriefFront>, errors: &mut Vec<Diagnostic>) -> (String, Vec<Note>) {
    let (body, notes) =
        match split_notes(&doc.body, doc.body_line) {
            Ok((body, notes)) => (body, notes),
            Err(e) => {
                errors.push(doc.source.error_at_line(e.line, e.message).with_hint(
                    e.hint.unwrap_or(
                        "a note is a `> quote` of the article followed by the note's text",
                    ),
                ));
                (doc.body.clone(), vec![])
            }
        };
    let notes = notes
        .into_iter()
        .map(|n| Note {
            quote: n.quote,
            markdown: n.markdown,
            line: n.line,
            column: n.column,
            markdown_line: n.markdown_line,
        })
        .collect();
    (body, notes)
}

/// The brief's article, wherever it was written: the single file's text (then the brief
/// has no text of its own), `article.md`, or `article.txt` cleaned by `rules`. Returns the
/// brief's text, the article, its credit lines and its first characters (to detect its
/// language when none is declared).
fn article(
    b: &BriefDocument,
    body: String,
    rules: &ArticleRules,
    packing: Packing,
    errors: &mut Vec<Diagnostic>,
) -> (String, Article, Vec<String>, String) {
    let doc = &b.document;
    match (&b.article, b.single_file) {
        (_, true) => {
            let sample = language_sample([body.as_str()]);
            let article = Article::Markdown {
                text: body,
                file: doc.source.path.clone(),
                line: doc.body_line,
            };
            (String::new(), article, vec![], sample)
        }
        (None, false) => (body, Article::None, vec![], String::new()),
        (Some(ArticleFile::Markdown(source)), false) => {
            let article = Article::Markdown {
                text: source.text.clone(),
                file: source.path.clone(),
                line: 1,
            };
            (
                body,
                article,
                vec![],
                language_sample([source.text.as_str()]),
            )
        }
        (Some(ArticleFile::Text(source)), false) => {
            let ingested = ingest(&source.text, rules);
            errors.extend(crate::article::emptied_error(source, &ingested));
            let paragraphs: Vec<&str> = ingested
                .paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect();
            let sample = language_sample(paragraphs.iter().copied());
            let article = Article::Plain(Paragraphs::new(&paragraphs, packing));
            (body, article, ingested.credits, sample)
        }
    }
}

/// Where each tag is written (line, column), for the coach's warnings about tags.
fn tag_places(doc: &Document<BriefFront>) -> Vec<(usize, usize)> {
    doc.front
        .tags
        .iter()
        .take(crate::limits::MAX_TAGS)
        .map(|t| {
            let at = doc.error(t, "");
            (at.line, at.column)
        })
        .collect()
}

/// The `[source]` table: the original article's outlet, author, URL and date.
fn source(doc: &Document<BriefFront>, errors: &mut Vec<Diagnostic>) -> Option<Source> {
    doc.front.source.as_ref().map(|s| Source {
        outlet: s.outlet.clone().filter(|o| !o.is_empty()),
        author: s.author.clone().filter(|a| !a.is_empty()),
        url: s
            .url
            .as_ref()
            .and_then(|u| web_url(doc, u).map_err(|e| errors.push(e)).ok()),
        published: s
            .published
            .as_ref()
            .and_then(|p| date(doc, p, true).map_err(|e| errors.push(e)).ok()),
    })
}

fn brief(
    b: &BriefDocument,
    ix: &Indexes,
    rules: &ArticleRules,
    options: ResolveOptions,
    packing: Packing,
) -> Result<Option<Brief>, Vec<Diagnostic>> {
    let doc = &b.document;
    let f = &doc.front;
    if f.draft && !options.drafts {
        return Ok(None);
    }
    let mut errors = Vec::new();
    let when = date(doc, &f.date, false).map_err(|e| errors.push(e)).ok();
    let (body, notes) = notes(doc, &mut errors);
    let (body, article, credits, sample) = article(b, body, rules, packing, &mut errors);
    if matches!(article, Article::None) && !notes.is_empty() {
        errors.push(
            doc.source
                .error_at_line(
                    notes[0].line,
                    "this brief has notes but no article for them to quote",
                )
                .with_hint(
                    "add article.txt or article.md beside index.md, or remove the Notes section",
                ),
        );
    }
    let source = source(doc, &mut errors);
    let brief = Brief {
        slug: doc.slug.clone(),
        file: doc.source.path.clone(),
        title: nonempty(doc, &f.title, "title", &mut errors),
        date: when.unwrap_or(
            PartialDate::new(1970, 1, 1)
                .map_err(|e| vec![Diagnostic::file_error(&doc.source.path, e)])?,
        ),
        summary: f
            .summary
            .clone()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        draft: f.draft,
        tags: strings(doc, &f.tags, "tag", &mut errors),
        tag_places: tag_places(doc),
        event: f
            .event
            .as_ref()
            .and_then(|e| ix.incidents.get(doc, e).map_err(|e| errors.push(e)).ok()),
        actors: entity_refs(doc, &f.actors, &ix.actors, &mut errors),
        locations: entity_refs(doc, &f.locations, &ix.locations, &mut errors),
        incidents: all(
            f.incidents.iter().map(|i| ix.incidents.get(doc, i)),
            &mut errors,
        ),
        source,
        language: f
            .language
            .as_ref()
            .and_then(|l| language_tag(doc, l).map_err(|e| errors.push(e)).ok()),
        article_language: article_language(doc, &sample, &mut errors),
        body,
        body_line: doc.body_line,
        article,
        notes,
        credits,
        assets: b.assets.clone(),
        ignore_names: f.ignore_names.clone(),
    };
    if errors.is_empty() {
        Ok(Some(brief))
    } else {
        Err(errors)
    }
}
