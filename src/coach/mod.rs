//! The coaching half of `gloss check`: warnings about content that builds but could be
//! better (an entity nobody mentions, a brief without its source, a recurring name with no
//! page), each at a file and line with what to do. Also maps broken links found in built
//! pages back to the content file that wrote them.

pub mod drafts;
mod edges;
mod language;
pub mod lines;
pub mod names;
mod places;
pub mod site_size;
mod starter;
mod unlinked;
pub mod words;
pub mod workflow;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::article::ArticleRules;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, plural};
use crate::load::{ArticleFile, Loaded};
use crate::model::{AnnotatedBrief, EntityKey};
use crate::model::{Article, Corpus, PartialDate};
use crate::urls::{Urls, output_file};
use names::{Entities, Known};

/// Site files for line numbers, each read once: the texts load already read are put in
/// first ([`article_sources`]), the others are read from disk when first asked for.
struct Files<'a> {
    root: &'a Path,
    cache: BTreeMap<PathBuf, Option<SourceFile>>,
}

impl<'a> Files<'a> {
    /// The files of the site at `root`, starting with `read`.
    fn new(root: &'a Path, read: Vec<SourceFile>) -> Files<'a> {
        let cache = read
            .into_iter()
            .map(|source| (source.path.clone(), Some(source)))
            .collect();
        Files { root, cache }
    }

    /// The file at `path`, given over to the caller (it is not kept).
    fn take(&mut self, path: &Path) -> Option<SourceFile> {
        self.get(path)?;
        self.cache.remove(path).flatten()
    }

    fn get(&mut self, path: &Path) -> Option<&SourceFile> {
        let root = self.root;
        self.cache
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(root.join(path)).ok()?;
                Some(SourceFile {
                    path: path.to_path_buf(),
                    text,
                })
            })
            .as_ref()
    }

    /// A warning at the line where `key = …` is written in `path` (or the file, if absent).
    fn at_key(&mut self, path: &Path, key: &str, message: String) -> Diagnostic {
        let found = self.get(path).and_then(|source| {
            let mut offset = 0;
            for line in source.text.split_inclusive('\n') {
                let trimmed = line.trim_start();
                let is_key = trimmed
                    .strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('=') || key.starts_with('['));
                if is_key {
                    let start = offset + line.len() - trimmed.len();
                    return Some(source.error(start..start + key.len(), message.clone()));
                }
                offset += line.len();
            }
            None
        });
        found
            .unwrap_or_else(|| Diagnostic::file_error(path, message))
            .warning()
    }
}

/// The actors and locations of a resolved site, as the matcher sees them.
pub fn known(corpus: &Corpus) -> Vec<Known> {
    let actors = corpus.actors.iter().map(|a| {
        Known::new(
            "actor",
            a.slug.to_string(),
            a.file.clone(),
            &a.name,
            a.aliases.iter().map(String::as_str),
            a.short_names.iter().map(String::as_str),
        )
    });
    let locations = corpus.locations.iter().map(|l| {
        Known::new(
            "location",
            l.slug.to_string(),
            l.file.clone(),
            &l.name,
            l.aliases.iter().map(String::as_str),
            [],
        )
    });
    actors.chain(locations).collect()
}

/// The article.txt files load read, for [`warnings`] (so the coach reads none again).
pub fn article_sources(loaded: &Loaded) -> Vec<SourceFile> {
    loaded
        .briefs
        .iter()
        .filter_map(|b| match &b.article {
            Some(ArticleFile::Text(source)) => Some(source.clone()),
            _ => None,
        })
        .collect()
}

/// What the coach needs of a site: where it is, its settings and article rules, what load
/// read ([`article_sources`]), and the resolved and annotated content.
pub struct Coaching<'a> {
    /// The site folder.
    pub root: &'a Path,
    /// Its settings.
    pub config: &'a Config,
    /// Its article rules, compiled.
    pub rules: &'a ArticleRules,
    /// The article.txt files load read.
    pub read: Vec<SourceFile>,
    /// The resolved content.
    pub corpus: &'a Corpus,
    /// The annotated briefs.
    pub annotated: &'a [AnnotatedBrief],
}

/// Every coaching warning for the site, and the lines of each article.txt that its drop
/// patterns removed (for the summary, [`lines::summary`]).
pub fn warnings(site: Coaching) -> (Diagnostics, Vec<lines::Dropped>) {
    let Coaching {
        root,
        config,
        rules,
        read,
        corpus,
        annotated,
    } = site;
    let mut files = Files::new(root, read);
    let mut out = Diagnostics::default();
    placeholder(config, &mut files, &mut out);
    let workflow = Path::new(workflow::WORKFLOW_PATH);
    if let Some(source) = files.get(workflow) {
        out.extend(workflow::pinned_version(
            workflow,
            &source.text,
            workflow::RUNNING,
        ));
    }
    unused_entities(corpus, annotated, &mut files, &mut out);
    briefs(corpus, &mut files, &mut out);
    language::detected(config, corpus, &mut files, &mut out);
    incidents(corpus, &mut files, &mut out);
    names_taken(corpus, &mut files, &mut out);
    places::places(corpus, &mut files, &mut out);
    starter::starter(corpus, &mut files, &mut out);
    let articles = lines::read(&mut files, rules, corpus);
    let (found, dropped) = lines::articles(&articles, corpus);
    out.extend(found.sorted());
    let entities = Entities::new(known(corpus));
    out.extend(unlinked::warnings(
        config, corpus, &mut files, &entities, &articles,
    ));
    (out, dropped)
}

fn placeholder(config: &Config, files: &mut Files, out: &mut Diagnostics) {
    let url = &config.base_url;
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split('/')
        .next()
        .unwrap_or("");
    let placeholder = url.contains("USER")
        || url.contains("user.github.io")
        || url.contains("/REPO")
        || matches!(
            host,
            "example.com" | "example.org" | "example.net" | "localhost"
        );
    if placeholder {
        out.push(
            files
                .at_key(
                    Path::new("config.toml"),
                    "base_url",
                    format!("base_url is still the placeholder `{url}`"),
                )
                .with_hint("set base_url to the address the site is published at (feeds, the sitemap and canonical links use it)")
                .with_code("placeholder-base-url"),
        );
    }
}

fn unused_entities(
    corpus: &Corpus,
    annotated: &[AnnotatedBrief],
    files: &mut Files,
    out: &mut Diagnostics,
) {
    let mut used: BTreeSet<EntityKey> = annotated
        .iter()
        .flat_map(|b| b.mentions.iter().map(|m| m.entity))
        .collect();
    for brief in &corpus.briefs {
        used.extend(brief.actors.iter().map(|(a, _)| EntityKey::Actor(*a)));
        used.extend(brief.locations.iter().map(|(l, _)| EntityKey::Location(*l)));
    }
    for incident in &corpus.incidents {
        used.extend(incident.actors.iter().map(|a| EntityKey::Actor(*a)));
        used.extend(incident.location.map(EntityKey::Location));
    }
    for actor in &corpus.actors {
        used.extend(actor.affiliation.iter().map(|a| EntityKey::Actor(*a)));
    }
    for location in &corpus.locations {
        used.extend(location.within.map(EntityKey::Location));
    }
    let unused = corpus
        .actors
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(&EntityKey::Actor(crate::model::ActorId(*i as u32))))
        .map(|(_, a)| (&a.file, &a.name, "actor", "actors"))
        .chain(
            corpus
                .locations
                .iter()
                .enumerate()
                .filter(|(i, _)| {
                    !used.contains(&EntityKey::Location(crate::model::LocationId(*i as u32)))
                })
                .map(|(_, l)| (&l.file, &l.name, "location", "locations")),
        );
    for (file, name, noun, list) in unused {
        out.push(
            files
                .at_key(file, "name", format!("no brief mentions or lists the {noun} `{name}`"))
                .with_hint(format!("add one of its names to its aliases as articles write it, list it in a brief's `{list}`, or delete the file"))
                .with_code("unused-entity"),
        );
    }
}

fn briefs(corpus: &Corpus, files: &mut Files, out: &mut Diagnostics) {
    for brief in &corpus.briefs {
        if brief.source.as_ref().is_none_or(|s| s.url.is_none()) {
            let key = if brief.source.is_some() {
                "[source]"
            } else {
                "title"
            };
            out.push(
                files
                    .at_key(&brief.file, key, "this brief does not link to its source".to_string())
                    .with_hint("add the original's address: [source] url = \"https://…\" at the end of the front matter")
                    .with_code("no-source-url"),
            );
        }
        for note in &brief.notes {
            let words = note.quote.split_whitespace().count();
            if words < 3 {
                let mut d = Diagnostic::file_error(
                    &brief.file,
                    format!(
                        "this note quotes only {}: `{}`",
                        plural(words, "word"),
                        note.quote.trim()
                    ),
                )
                .warning()
                .with_hint("quote at least three words, so the note marks the passage it is about")
                .with_code("short-quote");
                d.line = note.line;
                if let Some(source) = files.get(&brief.file) {
                    let text = source
                        .text
                        .lines()
                        .nth(note.line.saturating_sub(1))
                        .unwrap_or("");
                    d.column = 1;
                    d.snippet = Some(Box::new((text.to_string(), text.chars().count())));
                }
                out.push(d);
            }
        }
    }
}

fn incidents(corpus: &Corpus, files: &mut Files, out: &mut Diagnostics) {
    for incident in &corpus.incidents {
        if incident.location.is_none() {
            out.push(
                files
                    .at_key(&incident.file, "title", "this incident has no location".to_string())
                    .with_hint("add location = \"slug\" (a file in content/locations/) so it appears on the map and the location's page")
                    .with_code("incident-no-location"),
            );
        }
        if incident.sources.is_empty() {
            out.push(
                files
                    .at_key(
                        &incident.file,
                        "title",
                        "this incident cites no sources".to_string(),
                    )
                    .with_hint("add sources = [{ outlet = \"…\", url = \"https://…\" }]")
                    .with_code("incident-no-sources"),
            );
        }
        let slug = incident.slug.as_str();
        let named = [10, 7, 4].into_iter().find_map(|len| {
            let prefix = slug.get(..len)?;
            let ends = slug.len() == len || slug.as_bytes()[len] == b'-';
            ends.then(|| PartialDate::parse(prefix).ok()).flatten()
        });
        if let Some(named) = named
            && named != incident.date
        {
            let rest = slug.get(named.iso().len()..).unwrap_or("");
            out.push(
                files
                    .at_key(
                        &incident.file,
                        "date",
                        format!(
                            "the file name says {} but `date` is {}",
                            named.iso(),
                            incident.date.iso()
                        ),
                    )
                    .with_hint(format!(
                        "fix `date`, or rename the file to content/incidents/{}{rest}.md",
                        incident.date.iso()
                    ))
                    .with_code("incident-date-mismatch"),
            );
        }
    }
}

fn names_taken(corpus: &Corpus, files: &mut Files, out: &mut Diagnostics) {
    let entities = known(corpus);
    for entity in &entities {
        let Some((name, _)) = entity.forms.first() else {
            continue;
        };
        let lower = name.trim().to_lowercase();
        let other = entities.iter().find(|o| {
            o.file != entity.file
                && o.forms
                    .iter()
                    .skip(1)
                    .any(|(alias, _)| alias.trim().to_lowercase() == lower)
        });
        if let Some(other) = other {
            out.push(
                files
                    .at_key(
                        &entity.file,
                        "name",
                        format!("the name `{name}` is also an alias of {}", other.file.display()),
                    )
                    .with_hint(format!("a name two entities claim is never linked: remove the alias from {} or rename this {}", other.file.display(), entity.kind))
                    .with_code("name-is-alias"),
            );
        }
    }
}

/// The content files behind each built page, to point link errors at.
pub fn sources(corpus: &Corpus, urls: Urls) -> Vec<(String, Vec<PathBuf>)> {
    let mut out = Vec::new();
    for b in &corpus.briefs {
        let mut files = vec![b.file.clone()];
        if let Article::Markdown { file, .. } = &b.article
            && *file != b.file
        {
            files.push(file.clone());
        }
        out.push((output_file(&urls.brief(&b.slug)), files));
    }
    for a in &corpus.actors {
        out.push((output_file(&urls.actor(&a.slug)), vec![a.file.clone()]));
    }
    for l in &corpus.locations {
        out.push((output_file(&urls.location(&l.slug)), vec![l.file.clone()]));
    }
    for i in &corpus.incidents {
        out.push((output_file(&urls.incident(&i.slug)), vec![i.file.clone()]));
    }
    for p in &corpus.pages {
        out.push((output_file(&urls.plain_page(&p.slug)), vec![p.file.clone()]));
    }
    out
}

/// Points broken-link errors at the content file and line that wrote the link, where the
/// link's text is found there; other links (from templates) keep the page.
pub fn map_links(
    root: &Path,
    broken: Diagnostics,
    sources: &[(String, Vec<PathBuf>)],
) -> Diagnostics {
    let pages: BTreeMap<&str, &Vec<PathBuf>> = sources
        .iter()
        .map(|(page, files)| (page.as_str(), files))
        .collect();
    let mut files = Files::new(root, Vec::new());
    let mut out = Diagnostics::default();
    for d in broken.sorted() {
        let page = d.file.display().to_string();
        let link = d.message.split('`').nth(1).unwrap_or("").to_string();
        let found = pages.get(page.as_str()).and_then(|candidates| {
            candidates.iter().find_map(|file| {
                let source = files.get(file)?;
                let at = source
                    .text
                    .find(&format!("({link}"))
                    .map(|i| i + 1)
                    .or_else(|| source.text.find(&format!("\"{link}\"")).map(|i| i + 1))?;
                Some(source.error(at..at + link.len(), d.message.clone()))
            })
        });
        out.push(match found {
            Some(mut mapped) => {
                mapped.hint = Some(format!(
                    "fix the link here (it is on the built page {page})"
                ));
                mapped.code = "broken-link";
                mapped
            }
            None => d.with_code("broken-link"),
        });
    }
    out
}
