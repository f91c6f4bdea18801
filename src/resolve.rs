//! Stage 2, resolve: turn the loaded documents into a [`Corpus`] whose references are typed
//! ids. Every unknown slug, bad date, out-of-range coordinate and unsafe URL is reported here,
//! with the file, the line and the nearest existing slug, before anything is rendered.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use toml::Spanned;

use crate::annotate::split_notes;
use crate::article::{ArticleRules, ingest};
use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::load::{
    ActorFront, ArticleFile, BriefDocument, Document, EntityRef, IncidentFront, Loaded,
    LocationFront,
};
use crate::model::*;
use crate::urls::is_web_url;

/// Slug-to-id tables for one kind of entity, with the folder name for hints.
struct Index<'a, I> {
    ids: BTreeMap<&'a str, I>,
    folder: &'static str,
    noun: &'static str,
}

impl<'a, I: Copy> Index<'a, I> {
    fn new<F>(
        docs: &'a [Document<F>],
        make: fn(u32) -> I,
        folder: &'static str,
        noun: &'static str,
    ) -> Self {
        let ids = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.slug.as_str(), make(i as u32)))
            .collect();
        Index { ids, folder, noun }
    }

    /// Looks a slug up; the error names the nearest existing one.
    fn get<F>(&self, doc: &Document<F>, slug: &Spanned<String>) -> Result<I, Diagnostic> {
        self.get_str(doc, slug, slug.get_ref())
    }

    fn get_str<F, T>(
        &self,
        doc: &Document<F>,
        at: &Spanned<T>,
        slug: &str,
    ) -> Result<I, Diagnostic> {
        self.ids.get(slug).copied().ok_or_else(|| {
            doc.error(at, format!("unknown {} `{slug}`", self.noun))
                .with_hint(suggest(slug, self.ids.keys().copied(), self.folder))
        })
    }
}

struct Indexes<'a> {
    actors: Index<'a, ActorId>,
    locations: Index<'a, LocationId>,
    incidents: Index<'a, IncidentId>,
}

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
    let indexes = Indexes {
        actors: Index::new(&loaded.actors, ActorId, "content/actors/", "actor"),
        locations: Index::new(
            &loaded.locations,
            LocationId,
            "content/locations/",
            "location",
        ),
        incidents: Index::new(
            &loaded.incidents,
            IncidentId,
            "content/incidents/",
            "incident",
        ),
    };
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
    let briefs: Vec<Option<Brief>> = collect(
        loaded
            .briefs
            .par_iter()
            .map(|b| brief(b, &indexes, rules, options))
            .collect(),
        &mut diagnostics,
    );
    let mut briefs: Vec<Brief> = briefs.into_iter().flatten().collect();
    briefs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
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
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    diagnostics.extend(within_cycles(&loaded.locations, &locations));
    let corpus = Corpus {
        briefs,
        actors,
        locations,
        incidents,
        pages,
        intro_line: loaded.intro.as_ref().map_or(1, |d| d.body_line),
        intro: loaded.intro.map(|d| d.body).unwrap_or_default(),
    };
    diagnostics.into_result(corpus).map(|(corpus, _)| corpus)
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
    text.to_string()
}

fn strings<F>(
    doc: &Document<F>,
    values: &[Spanned<String>],
    what: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut seen = BTreeSet::new();
    values
        .iter()
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
        _ => {
            return Err(doc.error(value, "the date is not a date").with_hint(
                "write date = 2021-07-07 (or a string such as \"2020-05\" for a month)",
            ));
        }
    };
    let parsed = PartialDate::parse(&text).map_err(|m| doc.error(value, m))?;
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

fn actor(doc: &Document<ActorFront>, ix: &Indexes) -> Result<Actor, Vec<Diagnostic>> {
    let f = &doc.front;
    let mut errors = Vec::new();
    let name = nonempty(doc, &f.name, "name", &mut errors);
    let affiliation = all(
        f.affiliation.iter().map(|s| ix.actors.get(doc, s)),
        &mut errors,
    );
    if affiliation
        .iter()
        .any(|id| ix.actors.ids.get(doc.slug.as_str()) == Some(id))
    {
        errors.push(Diagnostic::file_error(
            &doc.source.path,
            "an actor cannot be affiliated with itself",
        ));
    }
    let actor = Actor {
        slug: doc.slug.clone(),
        file: doc.source.path.clone(),
        name,
        aliases: strings(doc, &f.aliases, "alias", &mut errors),
        short_names: strings(doc, &f.short_names, "short name", &mut errors),
        kind: f.kind.clone().unwrap_or_default(),
        affiliation,
        wikidata: wikidata(doc, &f.wikidata, &mut errors),
        body: doc.body.clone(),
        body_line: doc.body_line,
    };
    if errors.is_empty() {
        Ok(actor)
    } else {
        Err(errors)
    }
}

fn location(doc: &Document<LocationFront>, ix: &Indexes) -> Result<Location, Vec<Diagnostic>> {
    let f = &doc.front;
    let mut errors = Vec::new();
    let coordinates = f.coordinates.as_ref().and_then(|c| match c.get_ref().as_slice() {
        [lat, lon] if (-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon) => Some((*lat, *lon)),
        [lat, lon] => {
            let hint = if (-90.0..=90.0).contains(lon) {
                "coordinates are [latitude, longitude]: latitude within ±90, longitude within ±180; are they swapped?"
            } else {
                "latitude must be within ±90 and longitude within ±180"
            };
            errors.push(doc.error(c, format!("[{lat}, {lon}] is not a place on Earth")).with_hint(hint));
            None
        }
        _ => {
            errors.push(doc.error(c, "coordinates need exactly two numbers").with_hint("write coordinates = [33.80, 42.44] (latitude, longitude)"));
            None
        }
    });
    let within = f
        .within
        .as_ref()
        .and_then(|w| ix.locations.get(doc, w).map_err(|e| errors.push(e)).ok());
    let location = Location {
        slug: doc.slug.clone(),
        file: doc.source.path.clone(),
        name: nonempty(doc, &f.name, "name", &mut errors),
        aliases: strings(doc, &f.aliases, "alias", &mut errors),
        kind: f.kind.clone().unwrap_or_default(),
        coordinates,
        country: f.country.clone().unwrap_or_default(),
        within,
        wikidata: wikidata(doc, &f.wikidata, &mut errors),
        body: doc.body.clone(),
        body_line: doc.body_line,
    };
    if errors.is_empty() {
        Ok(location)
    } else {
        Err(errors)
    }
}

/// `within` chains must end: a location inside itself would hang every page that walks them.
fn within_cycles(docs: &[Document<LocationFront>], locations: &[Location]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (start, location) in locations.iter().enumerate() {
        let mut seen = BTreeSet::from([start]);
        let mut next = location.within;
        while let Some(id) = next {
            if !seen.insert(id.index()) {
                if id.index() == start {
                    let doc = &docs[start];
                    if let Some(w) = &doc.front.within {
                        errors.push(doc.error(w, "`within` leads back to this location").with_hint("a location cannot lie within itself; fix one `within` in the loop"));
                    }
                }
                break;
            }
            next = locations[id.index()].within;
        }
    }
    errors
}

fn incident(doc: &Document<IncidentFront>, ix: &Indexes) -> Result<Incident, Vec<Diagnostic>> {
    let f = &doc.front;
    let mut errors = Vec::new();
    let when = date(doc, &f.date, true).map_err(|e| errors.push(e)).ok();
    let status = f.status.as_ref().and_then(|s| {
        let found = Status::ALL
            .iter()
            .find(|(_, name)| *name == s.get_ref().trim())
            .map(|(st, _)| *st);
        if found.is_none() {
            errors.push(
                doc.error(s, format!("unknown status `{}`", s.get_ref()))
                    .with_hint("use one of: claimed, reported, confirmed, disputed"),
            );
        }
        found
    });
    let sources = f
        .sources
        .iter()
        .filter_map(|s| {
            let c = s.get_ref();
            let url = match &c.url {
                Some(u) if !is_web_url(u.trim()) => {
                    errors.push(
                        doc.error(s, format!("`{u}` is not an http(s) URL"))
                            .with_hint("links to sources must start with https:// or http://"),
                    );
                    return None;
                }
                Some(u) => u.trim().to_string(),
                None => String::new(),
            };
            let published = match &c.published {
                Some(v) => match date(doc, &Spanned::new(s.span(), v.clone()), true) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        errors.push(e);
                        None
                    }
                },
                None => None,
            };
            Some(Citation {
                outlet: c.outlet.trim().to_string(),
                url,
                published,
            })
        })
        .collect();
    let incident = Incident {
        slug: doc.slug.clone(),
        file: doc.source.path.clone(),
        title: nonempty(doc, &f.title, "title", &mut errors),
        date: when.unwrap_or(
            PartialDate::new(1970, 0, 0)
                .map_err(|e| vec![Diagnostic::file_error(&doc.source.path, e)])?,
        ),
        location: f
            .location
            .as_ref()
            .and_then(|l| ix.locations.get(doc, l).map_err(|e| errors.push(e)).ok()),
        actors: all(f.actors.iter().map(|a| ix.actors.get(doc, a)), &mut errors),
        kind: f.kind.clone().unwrap_or_default(),
        status,
        casualties: f.casualties.as_ref().map(|c| Casualties {
            killed: c.killed,
            injured: c.injured,
        }),
        sources,
        body: doc.body.clone(),
        body_line: doc.body_line,
    };
    if errors.is_empty() {
        Ok(incident)
    } else {
        Err(errors)
    }
}

fn entity_refs<I: Copy + Ord>(
    doc: &Document<crate::load::BriefFront>,
    refs: &[Spanned<EntityRef>],
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

fn brief(
    b: &BriefDocument,
    ix: &Indexes,
    rules: &ArticleRules,
    options: ResolveOptions,
) -> Result<Option<Brief>, Vec<Diagnostic>> {
    let doc = &b.document;
    let f = &doc.front;
    if f.draft && !options.drafts {
        return Ok(None);
    }
    let mut errors = Vec::new();
    let when = date(doc, &f.date, false).map_err(|e| errors.push(e)).ok();
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
    let notes: Vec<Note> = notes
        .into_iter()
        .map(|n| Note {
            quote: n.quote,
            markdown: n.markdown,
            line: n.line,
            column: n.column,
        })
        .collect();
    let (body, article, credits) = match (&b.article, b.single_file) {
        (_, true) => {
            let article = Article::Markdown {
                text: body,
                file: doc.source.path.clone(),
                line: doc.body_line,
            };
            (String::new(), article, vec![])
        }
        (None, false) => (body, Article::None, vec![]),
        (Some(ArticleFile::Markdown(source)), false) => {
            let article = Article::Markdown {
                text: source.text.clone(),
                file: source.path.clone(),
                line: 1,
            };
            (body, article, vec![])
        }
        (Some(ArticleFile::Text(source)), false) => {
            let ingested = ingest(&source.text, rules);
            errors.extend(crate::article::emptied_error(source, &ingested));
            (
                body,
                Article::Plain(ingested.paragraphs.into_iter().map(|p| p.text).collect()),
                ingested.credits,
            )
        }
    };
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
    let source = f.source.as_ref().map(|s| Source {
        outlet: s.outlet.clone().unwrap_or_default(),
        author: s.author.clone().unwrap_or_default(),
        url: s
            .url
            .as_ref()
            .and_then(|u| web_url(doc, u).map_err(|e| errors.push(e)).ok())
            .unwrap_or_default(),
        published: s
            .published
            .as_ref()
            .and_then(|p| date(doc, p, true).map_err(|e| errors.push(e)).ok()),
    });
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
        body,
        body_line: doc.body_line,
        article,
        notes,
        credits,
        assets: b.assets.clone(),
    };
    if errors.is_empty() {
        Ok(Some(brief))
    } else {
        Err(errors)
    }
}
