//! Link shorthand in annotation markdown: `@actor/slug`, `@location/slug`, `@incident/slug`
//! and `@brief/slug`, as a link target (`[the group](@actor/kataib-hezbollah)`, optionally
//! with a `#fragment`) or bare in text (`@actor/kataib-hezbollah`, shown as the entity's
//! name). The table knows every slug of the build and its name; where the page lives is
//! decided by [`Urls`], so the links are right in every URL mode.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};
use regex::Regex;

use super::attrs::Place;
use crate::diagnostics::{Diagnostic, suggest};
use crate::model::{Corpus, Slug};
use crate::urls::{Urls, relative_to};

/// The kinds of page a shorthand can name, in the order of [`KINDS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `@actor/slug`.
    Actor,
    /// `@location/slug`.
    Location,
    /// `@incident/slug`.
    Incident,
    /// `@brief/slug`.
    Brief,
}

/// The word after `@` for each kind, and the content folder its files live in.
const KINDS: [(Kind, &str, &str); 4] = [
    (Kind::Actor, "actor", "content/actors/"),
    (Kind::Location, "location", "content/locations/"),
    (Kind::Incident, "incident", "content/incidents/"),
    (Kind::Brief, "brief", "content/briefs/"),
];

impl Kind {
    fn index(self) -> usize {
        self as usize
    }

    fn word(self) -> &'static str {
        KINDS[self.index()].1
    }

    fn from_word(word: &str) -> Option<Kind> {
        KINDS.iter().find(|k| k.1 == word).map(|k| k.0)
    }
}

/// A shorthand found in text: where it is (bytes of the text searched), the kind word as
/// written (`actor`, or a wrong one such as `actors`) and the slug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    /// Byte range of the whole `@kind/slug`.
    pub range: Range<usize>,
    /// The word between `@` and `/`.
    pub kind: &'a str,
    /// The text after `/`.
    pub slug: &'a str,
}

fn pattern() -> Option<&'static Regex> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            Regex::new(r"@(actors?|locations?|incidents?|briefs?|entity|entities)/([\w-]*\w)").ok()
        })
        .as_ref()
}

/// Every bare shorthand in `text`, in order. An `@` right after a letter, digit or one of
/// `.`, `_`, `+`, `-` is part of an e-mail address or a handle, not a shorthand.
pub fn find(text: &str) -> Vec<Found<'_>> {
    let Some(pattern) = pattern() else {
        return Vec::new();
    };
    pattern
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let before = text[..whole.start()].chars().next_back();
            if before.is_some_and(|b| b.is_alphanumeric() || matches!(b, '.' | '_' | '+' | '-')) {
                return None;
            }
            Some(Found {
                range: whole.range(),
                kind: c.get(1)?.as_str(),
                slug: c.get(2)?.as_str(),
            })
        })
        .collect()
}

/// Splits a link target `@kind/slug#fragment` into kind word, slug and fragment (with its
/// `#`); `None` when the target is not a shorthand at all.
pub fn split_target(target: &str) -> Option<(&str, &str, &str)> {
    let rest = target.strip_prefix('@')?;
    let (kind, rest) = rest.split_once('/')?;
    let end = rest.find(['#', '?']).unwrap_or(rest.len());
    Some((kind, &rest[..end], &rest[end..]))
}

/// Every slug of the build by kind, with the name a bare shorthand shows.
#[derive(Debug, Default)]
pub struct Shorthands {
    names: [BTreeMap<Box<str>, Box<str>>; 4],
    urls: Option<Urls>,
}

/// Why a shorthand does not resolve: the message, the help line and the code for
/// `gloss check --format json` (`unknown-slug`, `wrong-kind`, or `shorthand-kind` for a kind
/// word that is none of the four).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: String,
    /// The diagnostic code.
    pub code: &'static str,
}

/// What a shorthand points at: the site-root-relative path and the name to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target<'a> {
    /// Site-root-relative path of the page (from [`Urls`]).
    pub path: String,
    /// The entity's name, or the incident's or brief's title.
    pub name: &'a str,
}

impl Shorthands {
    /// The table of a build's corpus, with paths in `urls`' mode.
    pub fn new(corpus: &Corpus, urls: Urls) -> Shorthands {
        let table = |items: Vec<(&Slug, &str)>| {
            items
                .into_iter()
                .map(|(slug, name)| (Box::from(slug.as_str()), Box::from(name)))
                .collect()
        };
        Shorthands {
            names: [
                table(corpus.actors.iter().map(|a| (&a.slug, &*a.name)).collect()),
                table(
                    corpus
                        .locations
                        .iter()
                        .map(|l| (&l.slug, &*l.name))
                        .collect(),
                ),
                table(
                    corpus
                        .incidents
                        .iter()
                        .map(|i| (&i.slug, &*i.title))
                        .collect(),
                ),
                table(corpus.briefs.iter().map(|b| (&b.slug, &*b.title)).collect()),
            ],
            urls: Some(urls),
        }
    }

    /// Resolves `@kind/slug`; the error is the message and the help line.
    pub fn resolve(&self, kind: &str, slug: &str) -> Result<Target<'_>, Unresolved> {
        let Some(known) = Kind::from_word(kind) else {
            return Err(self.wrong_kind(kind, slug));
        };
        let table = &self.names[known.index()];
        let found = Slug::parse(slug)
            .ok()
            .and_then(|s| table.get(slug).map(|name| (s, name)));
        let Some((parsed, name)) = found else {
            return Err(self.unknown(known, slug));
        };
        let urls = self.urls.unwrap_or(Urls { file_urls: false });
        let path = match known {
            Kind::Actor => urls.actor(&parsed),
            Kind::Location => urls.location(&parsed),
            Kind::Incident => urls.incident(&parsed),
            Kind::Brief => urls.brief(&parsed),
        };
        Ok(Target { path, name })
    }

    /// `text` with every bare shorthand that resolves replaced by the name it shows, for
    /// plain-text summaries.
    pub fn named(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut done = 0;
        for f in find(text) {
            if let Ok(target) = self.resolve(f.kind, f.slug) {
                out.push_str(&text[done..f.range.start]);
                out.push_str(target.name);
                done = f.range.end;
            }
        }
        out.push_str(&text[done..]);
        out
    }

    fn wrong_kind(&self, kind: &str, slug: &str) -> Unresolved {
        let message = format!("`@{kind}/` is not a kind of link shorthand");
        let owner = KINDS
            .iter()
            .find(|k| self.names[k.0.index()].contains_key(slug));
        let help = match owner {
            Some(k) => format!("write `@{}/{slug}`", k.1),
            None => format!(
                "write `@actor/`, `@location/`, `@incident/` or `@brief/` (did you mean `@{}/`?)",
                kind.trim_end_matches('s')
                    .replace("entitie", "actor")
                    .replace("entity", "actor")
            ),
        };
        Unresolved {
            message,
            help,
            code: "shorthand-kind",
        }
    }

    fn unknown(&self, kind: Kind, slug: &str) -> Unresolved {
        let message = format!(
            "`@{}/{slug}`: no {} has the slug `{slug}`",
            kind.word(),
            kind.word()
        );
        let elsewhere = KINDS
            .iter()
            .find(|k| k.0 != kind && self.names[k.0.index()].contains_key(slug));
        let help = match elsewhere {
            Some(k) => format!(
                "`{slug}` is a{} {}: write `@{}/{slug}`",
                article(k.1),
                k.1,
                k.1
            ),
            None => suggest(
                slug,
                self.names[kind.index()].keys().map(|k| &**k),
                KINDS[kind.index()].2,
            ),
        };
        Unresolved {
            message,
            help,
            code: if elsewhere.is_some() {
                "wrong-kind"
            } else {
                "unknown-slug"
            },
        }
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "n"
    } else {
        ""
    }
}

/// Rewrites the shorthands in one parse's events: link targets get their page's path,
/// bare shorthands outside links, images and code become links showing the name.
pub struct Rewriter<'t> {
    table: &'t Shorthands,
    /// The output file of the page the HTML is shown on, for the relative prefix.
    page_file: &'t str,
    /// Inside a link, an image or a code block: bare shorthands stay text there.
    nesting: usize,
}

impl<'t> Rewriter<'t> {
    /// A rewriter for HTML shown on the page written to `page_file`.
    pub fn new(table: &'t Shorthands, page_file: &'t str) -> Rewriter<'t> {
        Rewriter {
            table,
            page_file,
            nesting: 0,
        }
    }

    /// The events that replace `event` (found at `range` of `place.text`), or `None` to keep
    /// it as it is. Unknown slugs are pushed to `errors`.
    pub fn rewrite<'a>(
        &mut self,
        event: &Event<'a>,
        range: Range<usize>,
        place: &Place<'_>,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Vec<Event<'a>>> {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                self.nesting += 1;
                let (kind, slug, fragment) = split_target(dest_url)?;
                let at = offset_of(place.text, range.clone(), dest_url);
                let dest = match self.table.resolve(kind, slug) {
                    Ok(target) => {
                        format!("{}{fragment}", relative_to(self.page_file, &target.path))
                    }
                    Err(e) => {
                        let d = place.error(at..at + dest_url.len(), e.message, &e.help);
                        errors.push(d.with_code(e.code));
                        String::new()
                    }
                };
                Some(vec![Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: CowStr::from(dest),
                    title: title.clone(),
                    id: id.clone(),
                })])
            }
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_)) => {
                self.nesting += 1;
                None
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                self.nesting = self.nesting.saturating_sub(1);
                None
            }
            Event::Text(text) if self.nesting == 0 && text.contains('@') => {
                self.bare(text, range, place, errors)
            }
            _ => None,
        }
    }

    /// A text event with its bare shorthands made links.
    fn bare<'a>(
        &self,
        text: &str,
        range: Range<usize>,
        place: &Place<'_>,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Vec<Event<'a>>> {
        let found = find(text);
        if found.is_empty() {
            return None;
        }
        let mut out = Vec::with_capacity(found.len() * 4 + 1);
        let mut done = 0;
        let exact = place.text.get(range.clone()) == Some(text);
        for f in found {
            let written = &text[f.range.clone()];
            let at = if exact {
                range.start + f.range.start
            } else {
                offset_of(place.text, range.clone(), written)
            };
            if place.text.get(..at).is_some_and(|t| t.ends_with('\\')) {
                // `\@actor/x` is the text "@actor/x".
                continue;
            }
            out.push(Event::Text(CowStr::from(
                text[done..f.range.start].to_string(),
            )));
            done = f.range.end;
            match self.table.resolve(f.kind, f.slug) {
                Ok(target) => {
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: CowStr::from(relative_to(self.page_file, &target.path)),
                        title: CowStr::from(""),
                        id: CowStr::from(""),
                    }));
                    out.push(Event::Text(CowStr::from(target.name.to_string())));
                    out.push(Event::End(TagEnd::Link));
                }
                Err(e) => {
                    let d = place.error(at..at + written.len(), e.message, &e.help);
                    errors.push(d.with_code(e.code));
                }
            }
        }
        out.push(Event::Text(CowStr::from(text[done..].to_string())));
        out.retain(|e| !matches!(e, Event::Text(t) if t.is_empty()));
        Some(out)
    }
}

/// Where `needle` starts in the source, looked for in the event's `range` (the text of an
/// event may differ from its source, e.g. after an escape); the range's start if not found.
fn offset_of(source: &str, range: Range<usize>, needle: &str) -> usize {
    source
        .get(range.clone())
        .and_then(|s| s.find(needle))
        .map_or(range.start, |i| range.start + i)
}

#[cfg(test)]
#[path = "shorthand_tests.rs"]
mod tests;
