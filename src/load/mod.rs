//! Stage 1, load: walk `content/`, read every file once (in parallel), split and parse front
//! matter. Nothing here knows about other files; cross-references are the next stage's job.

mod clean;
mod front;
mod split;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

pub use front::*;
pub use split::toml_error;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::model::Slug;

/// A parsed content file: its front matter, its body and where they sit in the file.
#[derive(Debug)]
pub struct Document<F> {
    /// From the file or folder name.
    pub slug: Slug,
    /// The whole file, for diagnostics.
    pub source: Arc<SourceFile>,
    /// Byte offset of the front matter in the file: add it to a `Spanned` span.
    pub front_offset: usize,
    /// The parsed front matter.
    pub front: F,
    /// The markdown after the front matter.
    pub body: String,
    /// 1-based line where the body starts.
    pub body_line: usize,
}

impl<F> Document<F> {
    /// An error about a spanned front-matter value.
    pub fn error<T>(&self, value: &toml::Spanned<T>, message: impl Into<String>) -> Diagnostic {
        let span = value.span();
        self.source.error(
            self.front_offset + span.start..self.front_offset + span.end,
            message,
        )
    }
}

/// A brief's article file, read but not yet ingested.
#[derive(Debug)]
pub enum ArticleFile {
    /// `article.txt`: plain text, decoded from UTF-8.
    Text(SourceFile),
    /// `article.md`.
    Markdown(SourceFile),
}

/// A brief as found on disk.
#[derive(Debug)]
pub struct BriefDocument {
    /// `index.md` or `<slug>.md`.
    pub document: Document<BriefFront>,
    /// `article.txt` or `article.md` of a bundle.
    pub article: Option<ArticleFile>,
    /// A single-file brief, whose body is the article.
    pub single_file: bool,
    /// Other files in the bundle, relative to the site root.
    pub assets: Vec<PathBuf>,
}

/// Everything in `content/`, parsed.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Briefs in slug order.
    pub briefs: Vec<BriefDocument>,
    /// Actors in slug order.
    pub actors: Vec<Document<ActorFront>>,
    /// Locations in slug order.
    pub locations: Vec<Document<LocationFront>>,
    /// Incidents in slug order.
    pub incidents: Vec<Document<IncidentFront>>,
    /// Plain pages in slug order.
    pub pages: Vec<Document<PageFront>>,
    /// `content/_index.md`.
    pub intro: Option<Document<IntroFront>>,
    /// Warnings found while reading (control characters removed), for the build report.
    pub warnings: Diagnostics,
}

/// What a path under `content/` is, decided from the path alone.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Entry {
    Intro,
    BriefFile(String),
    BriefIndex(String),
    BriefArticle(String),
    BriefAsset(String),
    Actor(String),
    Location(String),
    Incident(String),
    Page(String),
}

fn classify(relative: &Path) -> Option<Entry> {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let stem = |name: &str| name.strip_suffix(".md").map(str::to_string);
    match parts.as_slice() {
        ["_index.md"] => Some(Entry::Intro),
        ["briefs", file] => stem(file).map(Entry::BriefFile),
        ["briefs", dir, "index.md"] => Some(Entry::BriefIndex(dir.to_string())),
        ["briefs", dir, "article.txt" | "article.md"] => Some(Entry::BriefArticle(dir.to_string())),
        ["briefs", dir, ..] => Some(Entry::BriefAsset(dir.to_string())),
        ["actors", file] => stem(file).map(Entry::Actor),
        ["locations", file] => stem(file).map(Entry::Location),
        ["incidents", file] => stem(file).map(Entry::Incident),
        ["pages", file] => stem(file).map(Entry::Page),
        _ => None,
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.ends_with('~'))
}

/// Reads a file as UTF-8; the error names the line and column of the first bad byte.
///
/// Line ends are unified to LF and control characters removed (see `clean`); the warning
/// returned with the file says where the first of them was.
pub fn read_source(
    root: &Path,
    relative: &Path,
) -> Result<(SourceFile, Option<Diagnostic>), Diagnostic> {
    let bytes = std::fs::read(root.join(relative))
        .map_err(|e| Diagnostic::file_error(relative, format!("cannot read the file: {e}")))?;
    match crate::article::decode(&bytes) {
        Ok(text) => {
            let (text, controls) = clean::clean(text.to_string());
            let warning = controls.map(|found| {
                let more = match found.count {
                    1 => String::new(),
                    n => format!(" (and {} more in this file)", n - 1),
                };
                let mut d = Diagnostic::file_error(
                    relative,
                    format!(
                        "control character U+{:04X} removed{more}",
                        u32::from(found.first)
                    ),
                )
                .with_hint(
                    "control characters are invisible and not allowed in web pages; delete \
                     them from the file (gloss leaves them out of the site)",
                )
                .warning();
                d.line = found.line;
                d.column = found.column;
                d
            });
            Ok((
                SourceFile {
                    path: relative.to_path_buf(),
                    text,
                },
                warning,
            ))
        }
        Err(problem) => {
            let mut d = Diagnostic::file_error(relative, "the file is not valid UTF-8").with_hint(
                "save the file as UTF-8 (in most editors: File > Save with Encoding > UTF-8)",
            );
            d.line = problem.line;
            d.column = problem.column;
            Err(d)
        }
    }
}

/// Reads and parses one content file with front matter.
fn parse_document<F: serde::de::DeserializeOwned>(
    root: &Path,
    relative: &Path,
    slug: &str,
) -> Result<(Document<F>, Option<Diagnostic>), Diagnostic> {
    let (source, warning) = read_source(root, relative)?;
    let slug = Slug::parse(slug).map_err(|m| {
        Diagnostic::file_error(relative, m)
            .with_hint("rename the file or folder: the slug is its name")
    })?;
    let parts = split::split(&source)?;
    let front = split::parse_front(&source, &parts)?;
    let (front_offset, body, body_line) =
        (parts.front_offset, parts.body.to_string(), parts.body_line);
    let document = Document {
        slug,
        source: Arc::new(source),
        front_offset,
        front,
        body,
        body_line,
    };
    Ok((document, warning))
}

/// Walks `content/` under `root` and parses every file. All problems are collected.
pub fn load(root: &Path) -> Result<Loaded, Diagnostics> {
    let content = root.join("content");
    let mut diagnostics = Diagnostics::default();
    if !content.is_dir() {
        return Err(Diagnostic::file_error("content/", "there is no content/ folder")
            .with_hint("run gloss in a site folder (one with config.toml and content/), or pass --root DIR")
            .into());
    }
    let mut entries: Vec<(Entry, PathBuf)> = Vec::new();
    let walker = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.path()));
    for item in walker {
        let item = match item {
            Ok(item) => item,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_default();
                diagnostics.push(Diagnostic::file_error(path, format!("cannot read: {e}")));
                continue;
            }
        };
        if !item.file_type().is_file() {
            continue;
        }
        let relative = item
            .path()
            .strip_prefix(root)
            .unwrap_or(item.path())
            .to_path_buf();
        let in_content = item.path().strip_prefix(&content).unwrap_or(item.path());
        match classify(in_content) {
            Some(entry) => entries.push((entry, relative)),
            None if relative.extension().is_some_and(|e| e == "md") => diagnostics.push(
                Diagnostic::file_error(&relative, "this file is not in a known place, so it would never be built")
                    .with_hint("content files go in content/briefs/, actors/, locations/, incidents/ or pages/"),
            ),
            None => {}
        }
    }
    entries.sort();

    let parsed: Vec<Result<(Parsed, Option<Diagnostic>), Diagnostic>> = entries
        .par_iter()
        .map(|(entry, path)| parse_entry(root, entry, path))
        .collect();
    let mut loaded = Loaded::default();
    let mut bundles: BTreeMap<String, Bundle> = BTreeMap::new();
    for result in parsed {
        let result = result.map(|(parsed, warning)| {
            diagnostics.extend(warning);
            parsed
        });
        match result {
            Err(d) => diagnostics.push(d),
            Ok(Parsed::Intro(d)) => loaded.intro = Some(d),
            Ok(Parsed::Actor(d)) => loaded.actors.push(d),
            Ok(Parsed::Location(d)) => loaded.locations.push(d),
            Ok(Parsed::Incident(d)) => loaded.incidents.push(d),
            Ok(Parsed::Page(d)) => loaded.pages.push(d),
            Ok(Parsed::BriefFile(d)) => loaded.briefs.push(BriefDocument {
                document: d,
                article: None,
                single_file: true,
                assets: vec![],
            }),
            Ok(Parsed::BriefIndex(slug, d)) => bundles.entry(slug).or_default().index = Some(d),
            Ok(Parsed::Article(slug, a)) => bundles.entry(slug).or_default().articles.push(a),
            Ok(Parsed::Asset(slug, p)) => bundles.entry(slug).or_default().assets.push(p),
        }
    }
    for (slug, bundle) in bundles {
        let folder = format!("content/briefs/{slug}/");
        let Some(index) = bundle.index else {
            if !bundle.articles.is_empty() || !bundle.assets.is_empty() {
                diagnostics.push(
                    Diagnostic::file_error(&folder, "this brief folder has no index.md")
                        .with_hint("add index.md with the brief's front matter"),
                );
            }
            continue;
        };
        if bundle.articles.len() > 1 {
            diagnostics.push(
                Diagnostic::file_error(&folder, "the brief has both article.txt and article.md")
                    .with_hint(
                        "keep one: article.txt for pasted plain text, article.md for markdown",
                    ),
            );
        }
        if let Some(other) = loaded
            .briefs
            .iter()
            .find(|b| b.document.slug.as_str() == slug)
        {
            diagnostics.push(
                Diagnostic::file_error(
                    &other.document.source.path,
                    format!("two briefs are named `{slug}`"),
                )
                .with_hint(format!("rename this file or the folder {folder}")),
            );
        }
        loaded.briefs.push(BriefDocument {
            document: index,
            article: bundle.articles.into_iter().next(),
            single_file: false,
            assets: bundle.assets,
        });
    }
    loaded
        .briefs
        .sort_by(|a, b| a.document.slug.cmp(&b.document.slug));
    diagnostics
        .into_result(loaded)
        .map(|(mut loaded, warnings)| {
            loaded.warnings = warnings;
            loaded
        })
}

#[derive(Default)]
struct Bundle {
    index: Option<Document<BriefFront>>,
    articles: Vec<ArticleFile>,
    assets: Vec<PathBuf>,
}

enum Parsed {
    Intro(Document<IntroFront>),
    BriefFile(Document<BriefFront>),
    BriefIndex(String, Document<BriefFront>),
    Article(String, ArticleFile),
    Asset(String, PathBuf),
    Actor(Document<ActorFront>),
    Location(Document<LocationFront>),
    Incident(Document<IncidentFront>),
    Page(Document<PageFront>),
}

fn parse_entry(
    root: &Path,
    entry: &Entry,
    path: &Path,
) -> Result<(Parsed, Option<Diagnostic>), Diagnostic> {
    fn with<F>(
        wrap: impl FnOnce(Document<F>) -> Parsed,
        (document, warning): (Document<F>, Option<Diagnostic>),
    ) -> (Parsed, Option<Diagnostic>) {
        (wrap(document), warning)
    }
    Ok(match entry {
        Entry::Intro => with(Parsed::Intro, parse_document(root, path, "index")?),
        Entry::BriefFile(slug) => with(Parsed::BriefFile, parse_document(root, path, slug)?),
        Entry::BriefIndex(slug) => with(
            |d| Parsed::BriefIndex(slug.clone(), d),
            parse_document(root, path, slug)?,
        ),
        Entry::BriefArticle(slug) => {
            let (source, warning) = read_source(root, path)?;
            let article = if path.extension().is_some_and(|e| e == "txt") {
                ArticleFile::Text(source)
            } else {
                ArticleFile::Markdown(source)
            };
            (Parsed::Article(slug.clone(), article), warning)
        }
        Entry::BriefAsset(slug) => (Parsed::Asset(slug.clone(), path.to_path_buf()), None),
        Entry::Actor(slug) => with(Parsed::Actor, parse_document(root, path, slug)?),
        Entry::Location(slug) => with(Parsed::Location, parse_document(root, path, slug)?),
        Entry::Incident(slug) => with(Parsed::Incident, parse_document(root, path, slug)?),
        Entry::Page(slug) => with(Parsed::Page, parse_document(root, path, slug)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        assert_eq!(
            classify(Path::new("briefs/a/index.md")),
            Some(Entry::BriefIndex("a".into()))
        );
        assert_eq!(
            classify(Path::new("briefs/a/article.txt")),
            Some(Entry::BriefArticle("a".into()))
        );
        assert_eq!(
            classify(Path::new("briefs/a/photo.jpg")),
            Some(Entry::BriefAsset("a".into()))
        );
        assert_eq!(
            classify(Path::new("briefs/a.md")),
            Some(Entry::BriefFile("a".into()))
        );
        assert_eq!(
            classify(Path::new("actors/kh.md")),
            Some(Entry::Actor("kh".into()))
        );
        assert_eq!(classify(Path::new("actors/notes.txt")), None);
        assert_eq!(classify(Path::new("misc/x.md")), None);
    }
}
