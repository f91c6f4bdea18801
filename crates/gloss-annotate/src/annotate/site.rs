//! Runs the annotation engine over every brief of the corpus: one matcher for the whole
//! site, built once, then each brief's article annotated in parallel.

use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::difference::mark_differences;
use super::html::note_language;

use super::{
    EntityId, EntityLink, FoundMention, LinkMode, Matcher, NoteError, NoteErrorKind, NoteSpec,
    Surface, annotate_markdown, annotate_plain, link_note_mentions,
};
use crate::config::{Config, LinkPolicy};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markup::markdown::Markdown;
use crate::model::{
    AnnotatedBrief, Article, Brief, Corpus, EntityKey, EntityNumbering, Mention, Packed, Packing,
    Quotes, QuotesBuilder,
};
use crate::urls::Urls;

/// Everything the annotate stage produces.
pub struct Annotated {
    /// One per brief, in corpus order.
    pub briefs: Vec<AnnotatedBrief>,
    /// Names claimed by two entities, which are never linked.
    pub warnings: Diagnostics,
}

fn surfaces(corpus: &Corpus) -> Vec<Surface> {
    let numbering = EntityNumbering::new(corpus);
    let mut out = Vec::new();
    let mut push = |key: EntityKey, texts: &mut dyn Iterator<Item = &String>, short: bool| {
        let entity = EntityId(numbering.number(key) as u32);
        out.extend(texts.map(|text| Surface {
            entity,
            text: text.clone(),
            short,
        }));
    };
    for key in numbering.keys() {
        match key {
            EntityKey::Actor(a) => {
                let actor = &corpus.actors[a.index()];
                push(
                    key,
                    &mut std::iter::once(&actor.name).chain(&actor.aliases),
                    false,
                );
                push(key, &mut actor.short_names.iter(), true);
            }
            EntityKey::Location(l) => {
                let location = &corpus.locations[l.index()];
                push(
                    key,
                    &mut std::iter::once(&location.name).chain(&location.aliases),
                    false,
                );
            }
        }
    }
    out
}

/// The entity an automaton id stands for (ids are [`EntityNumbering`] numbers).
fn key(corpus: &Corpus, id: EntityId) -> EntityKey {
    EntityNumbering::new(corpus).key(id.0 as usize)
}

/// A position in an article as [`Mention`] keeps it (an article of 4 GB is not read).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The mentions as the later stages keep them: entity keys instead of matcher ids, and the
/// sentences they quote stored once per text in [`Quotes`] (mentions in one sentence, or in
/// sentences of the same text, share it). Every brief's mentions stay in memory until the
/// pages are written.
fn kept_mentions(
    found: &[FoundMention],
    key: impl Fn(EntityId) -> EntityKey,
) -> (Vec<Mention>, Quotes) {
    let mut quotes = QuotesBuilder::default();
    let mut stored: FxHashMap<&str, Range<u32>> = FxHashMap::default();
    let mut mentions = Vec::with_capacity(found.len());
    for m in found {
        let sentence = stored
            .entry(&*m.sentence)
            .or_insert_with(|| quotes.push(&m.sentence))
            .clone();
        mentions.push(Mention {
            entity: key(m.entity),
            paragraph: narrow(m.paragraph),
            sentence,
            range: narrow(m.range.start)..narrow(m.range.end),
        });
    }
    (mentions, quotes.finish())
}

/// The link a mention of entity `id` gets in a brief's article.
fn entity_link(corpus: &Corpus, urls: Urls, id: EntityId) -> EntityLink {
    let key = key(corpus, id);
    let slug = corpus.entity_slug(key);
    EntityLink {
        kind: key.kind(),
        slug: slug.to_string(),
        href: urls.from_brief(&urls.entity(key, slug)),
    }
}

/// Annotates every brief. Notes that cannot be anchored are errors naming the brief's file
/// and the quote's line, with the closest passage of the article.
pub fn annotate(
    corpus: &Corpus,
    config: &Config,
    urls: Urls,
    markdown: &Markdown,
) -> Result<Annotated, Diagnostics> {
    let matcher = Matcher::new(surfaces(corpus));
    let mut warnings = Diagnostics::default();
    for (surface, ids) in matcher.ambiguous() {
        let owners: Vec<String> = ids
            .iter()
            .map(|id| corpus.entity_file(key(corpus, *id)).display().to_string())
            .collect();
        warnings.push(
            Diagnostic::file_error(
                &owners[0],
                format!(
                    "the name `{surface}` belongs to {} entities, so it is never linked",
                    owners.len()
                ),
            )
            .with_hint(format!("keep it in one of: {}", owners.join(", ")))
            .warning(),
        );
    }
    let link = |id: EntityId| entity_link(corpus, urls, id);
    let results: Vec<Result<AnnotatedBrief, Vec<Diagnostic>>> = corpus
        .briefs
        .par_iter()
        .map(|brief| annotate_brief(brief, config, corpus, &matcher, &link, markdown))
        .collect();
    let mut errors = Diagnostics::default();
    let mut briefs = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(b) => briefs.push(b),
            Err(e) => errors.extend(e),
        }
    }
    if errors.has_errors() {
        return Err(errors);
    }
    Ok(Annotated { briefs, warnings })
}

/// Annotates the one brief `corpus.briefs[at]`, for `gloss serve` after an edit to that brief
/// alone. The result equals [`annotate`]'s entry for it as long as the actors and locations
/// (the matcher's names) are the same; the caller checks that. The ambiguous-name warnings
/// depend only on those, so they are not made again.
pub fn annotate_one(
    corpus: &Corpus,
    config: &Config,
    urls: Urls,
    markdown: &Markdown,
    at: usize,
) -> Result<AnnotatedBrief, Diagnostics> {
    let matcher = Matcher::new(surfaces(corpus));
    let link = |id: EntityId| entity_link(corpus, urls, id);
    let brief = &corpus.briefs[at];
    annotate_brief(brief, config, corpus, &matcher, &link, markdown).map_err(|errors| {
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(errors);
        diagnostics
    })
}

fn annotate_brief(
    brief: &Brief,
    config: &Config,
    corpus: &Corpus,
    matcher: &Matcher,
    link: &(dyn Fn(EntityId) -> EntityLink + Sync),
    markdown: &Markdown,
) -> Result<AnnotatedBrief, Vec<Diagnostic>> {
    let (site_language, policy) = (config.language.as_str(), config.mentions.link);
    let mut errors = Vec::new();
    let mode = || match policy {
        LinkPolicy::First => LinkMode::First,
        LinkPolicy::All => LinkMode::All,
    };
    let notes = note_specs(brief, corpus, matcher, link, mode(), markdown, &mut errors);
    let result = match &brief.article {
        Article::None => {
            return if errors.is_empty() {
                Ok(AnnotatedBrief::default())
            } else {
                Err(errors)
            };
        }
        Article::Plain(paragraphs) => {
            annotate_plain(&paragraphs.unpack(), matcher, &notes, link, mode())
        }
        Article::Markdown { text, file, line } => {
            let events = match markdown.parse_article(text, file, *line) {
                Ok(events) => events,
                Err(e) => {
                    errors.extend(e);
                    return Err(errors);
                }
            };
            annotate_markdown(events, matcher, &notes, link, mode())
                .map(|(events, report)| (markdown.to_html(events), report))
        }
    };
    match result {
        Ok((html, report)) if errors.is_empty() => {
            // The article may have a language of its own; its notes keep the brief's.
            let own = brief.language.as_deref().unwrap_or(site_language);
            let html = match &brief.article_language {
                Some(article) if !notes.is_empty() && article.differs_from(own) => {
                    note_language(&html, own)
                }
                _ => html,
            };
            // Every article stays in memory until the pages are written.
            let packing = Packing::for_archive(corpus.briefs.len());
            let (mentions, quotes) = kept_mentions(&report.mentions, |id| key(corpus, id));
            Ok(AnnotatedBrief {
                article_html: Packed::pack(&html, packing),
                mentions,
                quotes,
            })
        }
        Ok(_) => Err(errors),
        Err(note_errors) => {
            errors.extend(note_errors.into_iter().map(|e| note_error(brief, e)));
            Err(errors)
        }
    }
}

/// The brief's notes rendered, with their mentions linked (see
/// [`link_note_mentions`]); errors in their markdown are pushed to `errors`.
fn note_specs(
    brief: &Brief,
    corpus: &Corpus,
    matcher: &Matcher,
    link: &(dyn Fn(EntityId) -> EntityLink + Sync),
    mode: LinkMode,
    markdown: &Markdown,
    errors: &mut Vec<Diagnostic>,
) -> Vec<NoteSpec> {
    let numbering = EntityNumbering::new(corpus);
    let listed: Vec<EntityId> = brief
        .actors
        .iter()
        .map(|(id, _)| EntityId(numbering.number(EntityKey::Actor(*id)) as u32))
        .collect();
    brief
        .notes
        .iter()
        .map(|n| {
            let html = match markdown.parse(&n.markdown, &brief.file, n.markdown_line) {
                Ok(events) => {
                    markdown.to_html(link_note_mentions(events, matcher, link, mode, &listed))
                }
                Err(e) => {
                    errors.extend(e);
                    String::new()
                }
            };
            NoteSpec {
                quote: n.quote.clone(),
                html,
                line: n.line,
                column: n.column,
            }
        })
        .collect()
}

/// A note that could not be anchored, as a diagnostic at its quote, with the closest
/// passage shown aligned under the quote and the differences marked.
fn note_error(brief: &Brief, e: NoteError) -> Diagnostic {
    let quote = brief
        .notes
        .iter()
        .find(|n| n.line == e.line)
        .map(|n| n.quote.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    let d = Diagnostic {
        line: e.line,
        column: e.column,
        ..Diagnostic::file_error(&brief.file, "")
    };
    let compared = |passage: &str| mark_differences(&quote, passage, "          ");
    match e.kind {
        NoteErrorKind::NotFound { closest } if closest.is_empty() => Diagnostic {
            message: "this note's quote is not in the article".into(),
            ..d
        }
        .with_hint("quote the article exactly (whitespace, quote marks and dashes may differ)"),
        NoteErrorKind::NotFound { closest } => Diagnostic {
            message: "this note's quote is not in the article".into(),
            ..d
        }
        .with_hint(format!(
            "quote the article exactly; the closest passage is: \"{closest}\"\n{}",
            compared(&closest)
        )),
        NoteErrorKind::Ambiguous { count } => Diagnostic {
            message: format!("this note's quote appears {count} times in the article"),
            ..d
        }
        .with_hint("quote a longer passage so that it appears only once"),
        NoteErrorKind::CutsWord { passage } => Diagnostic {
            message: "this note's quote starts or ends inside a word of the article".into(),
            ..d
        }
        .with_hint(format!(
            "a quote matches whole words at both ends; the closest whole-word passage is: \
             \"{passage}\"\n{}",
            compared(&passage)
        )),
        NoteErrorKind::AcrossParagraphs { first } => Diagnostic {
            message: format!(
                "this note's quote runs across paragraphs {first} and {} of the article",
                first + 1
            ),
            ..d
        }
        .with_hint("a note quotes one paragraph; split it into two notes, one per paragraph"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ActorId;

    fn found(entity: u32, paragraph: usize, sentence: &str, name: &str) -> FoundMention {
        let start = sentence.find(name).unwrap_or(0);
        FoundMention {
            entity: EntityId(entity),
            paragraph,
            sentence: sentence.into(),
            range: start..start + name.len(),
        }
    }

    #[test]
    fn a_sentence_naming_two_entities_or_said_twice_is_kept_once() {
        let report = [
            found(0, 1, "KH and Iran met.", "KH"),
            found(1, 1, "KH and Iran met.", "Iran"),
            found(0, 2, "KH left.", "KH"),
            found(1, 3, "KH and Iran met.", "Iran"),
        ];
        let actor = |id: EntityId| EntityKey::Actor(ActorId(id.0));
        let (mentions, quotes) = kept_mentions(&report, actor);
        assert_eq!(mentions[2].sentence, 16..24, "each text once, end to end");
        let quoted: Vec<&str> = mentions
            .iter()
            .map(|m| quotes.sentence(m.sentence.clone()))
            .collect();
        let sentence = ["KH and Iran met.", "KH left."];
        assert_eq!(quoted, [sentence[0], sentence[0], sentence[1], sentence[0]]);
        let names: Vec<&str> = mentions
            .iter()
            .zip(&quoted)
            .map(|(m, s)| &s[m.range.start as usize..m.range.end as usize])
            .collect();
        assert_eq!(names, ["KH", "Iran", "KH", "Iran"]);
        // The same text later in the article shares the first one's range.
        assert_eq!(mentions[3].sentence, mentions[0].sentence);
        assert_eq!(mentions[1].entity, EntityKey::Actor(ActorId(1)));
        assert_eq!(mentions[2].paragraph, 2);
    }
}
