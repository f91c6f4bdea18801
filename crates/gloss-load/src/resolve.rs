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
use crate::urls::is_web_url;

mod entities;
mod ids;
mod index;
mod one;

use entities::{actor, incident, location, within_cycles};
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

fn nonempty<F>(
    doc: &Document<F>,
    value: &Spanned<String>,
    what: &str,
    errors: &mut Vec<Diagnostic>,
) -> String {
    let text = value.get_ref().trim();
    if text.is_empty() {
        errors.push(
            doc.error(value, format!("the {what} is empty"))
                .with_hint(format!("write a {what}")),
        );
    }
    if what != "title" {
        errors.extend(bidi_in_name(doc, value, what));
    }
    if let Some((message, hint)) = crate::limits::label_too_long(text, what) {
        errors.push(doc.error(value, message).with_hint(hint));
        // Cut, so that later checks and messages quoting it stay short.
        return text.chars().take(crate::limits::MAX_LABEL_CHARS).collect();
    }
    text.to_string()
}

/// A name, alias, short name or tag (which becomes a slug) may not hold a bidi control:
/// it would reorder the name wherever it is shown. The error points at the character.
fn bidi_in_name<F>(doc: &Document<F>, value: &Spanned<String>, what: &str) -> Option<Diagnostic> {
    use crate::markup::unicode::{
        bidi_control_name, find_bidi_controls, mask_bidi_controls, show_bidi_controls,
    };
    let (_, c, _) = find_bidi_controls(value.get_ref())?;
    let span = value.span();
    let (start, end) = (doc.front_offset + span.start, doc.front_offset + span.end);
    // Written as itself, point at it; written as an escape (`\u202E`), at the value.
    let raw = doc.source.text.get(start..end).unwrap_or_default();
    let at = raw.find(c).map_or(start, |i| start + i);
    let mut error = doc.source.error(
        at..at + c.len_utf8(),
        format!(
            "the {what} `{}` contains the bidi control U+{:04X} {}",
            show_bidi_controls(value.get_ref().trim()),
            u32::from(c),
            bidi_control_name(c)
        ),
    );
    if let Some(snippet) = error.snippet.as_mut() {
        snippet.0 = mask_bidi_controls(&snippet.0);
    }
    Some(
        error
            .with_hint(format!(
                "delete it: it reorders how the {what} reads wherever gloss shows it"
            ))
            .with_code("bidi-in-name"),
    )
}

fn strings<F>(
    doc: &Document<F>,
    values: &[Spanned<String>],
    what: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let max = crate::limits::list_max(what);
    if let (Some(past), Some((message, hint))) = (
        values.get(max),
        crate::limits::too_many(values.len(), max, &crate::limits::plural_of(what)),
    ) {
        errors.push(doc.error(past, message).with_hint(hint));
    }
    values
        .iter()
        .take(max)
        .filter_map(|v| {
            let text = nonempty(doc, v, what, errors);
            if !text.is_empty() && !seen.insert(text.clone()) {
                errors.push(
                    doc.error(v, format!("`{text}` is listed twice"))
                        .with_hint("remove one of them"),
                );
            }
            (!text.is_empty()).then_some(text)
        })
        .collect()
}

fn wikidata<F>(
    doc: &Document<F>,
    id: &Option<Spanned<String>>,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let id = id.as_ref()?;
    let text = id.get_ref().trim();
    let valid =
        text.len() > 1 && text.starts_with('Q') && text[1..].bytes().all(|b| b.is_ascii_digit());
    if !valid {
        errors.push(
            doc.error(id, format!("`{text}` is not a Wikidata item id"))
                .with_hint("write it as Q followed by digits, e.g. \"Q1140589\""),
        );
    }
    valid.then(|| text.to_string())
}

/// A `date` value: a TOML date or date-time, or a string of one (partial dates allowed).
fn date<F>(
    doc: &Document<F>,
    value: &Spanned<toml::Value>,
    partial: bool,
) -> Result<PartialDate, Diagnostic> {
    let text = match value.get_ref() {
        toml::Value::Datetime(dt) if dt.date.is_some() => dt.to_string(),
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(year) => {
            return Err(doc
                .error(value, format!("`{year}` is a number, not a date"))
                .with_hint(format!("write `date = \"{year}\"` (a year is quoted)"))
                .with_code("partial-date"));
        }
        _ => {
            return Err(doc.error(value, "the date is not a date").with_hint(
                "write date = 2021-07-07 (or a string such as \"2020-05\" for a month)",
            ));
        }
    };
    let parsed = PartialDate::parse(&text).map_err(|m| {
        let at = doc.front_offset + value.span().start;
        let key = crate::markup::hints::key_at(&doc.source.text, at);
        match crate::markup::hints::date_fix(&text, key) {
            Some((message, hint)) => doc
                .error(value, message)
                .with_hint(hint)
                .with_code("date-format"),
            None => doc.error(value, m),
        }
    })?;
    if !partial && parsed.precision() != Precision::Day {
        return Err(doc
            .error(
                value,
                format!("a brief's date must be a full day, not `{text}`"),
            )
            .with_hint("write the day the brief was published, e.g. 2021-07-07"));
    }
    Ok(parsed)
}

/// A BCP 47 language tag as written in front matter: subtags of letters and digits joined by
/// `-`, the first 2 to 8 letters (`ar`, `en-GB`, `az-Arab`). It lands in `lang` attributes.
fn language_tag<F>(doc: &Document<F>, tag: &Spanned<String>) -> Result<String, Diagnostic> {
    let text = tag.get_ref().trim();
    if crate::model::is_language_tag(text) {
        Ok(text.to_string())
    } else {
        Err(doc
            .error(tag, format!("`{text}` is not a language tag"))
            .with_hint("write a BCP 47 tag such as \"ar\", \"en\" or \"fa-IR\""))
    }
}

fn web_url<F>(doc: &Document<F>, url: &Spanned<String>) -> Result<String, Diagnostic> {
    let text = url.get_ref().trim();
    if is_web_url(text) {
        Ok(text.to_string())
    } else {
        Err(doc
            .error(url, format!("`{text}` is not an http(s) URL"))
            .with_hint("links to sources must start with https:// or http://"))
    }
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
