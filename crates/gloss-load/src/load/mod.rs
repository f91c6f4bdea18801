//! Stage 1, load: walk `content/`, read every file once (in parallel), split and parse front
//! matter. Nothing here knows about other files; cross-references are the next stage's job.

mod bidi;
mod bundle;
mod clean;
mod front;
#[cfg(test)]
mod proptests;
mod read;
mod split;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

pub use bundle::{load_brief_file, load_bundle};
pub use front::*;
use read::parse_document;
pub use read::read_source;

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
    /// Other files in the bundle: the site folder joined with their path in it, so they
    /// can be read wherever gloss runs.
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
    /// Slugs of files that exist but failed to load: references to them are not reported
    /// as unknown, since the file's own error already says what to fix.
    pub failed: Failed,
    /// Warnings found while reading (control characters removed), for the build report.
    pub warnings: Diagnostics,
}

/// The slugs of content files that were reported and skipped, by kind.
#[derive(Debug, Default)]
pub struct Failed {
    /// Actor files.
    pub actors: std::collections::BTreeSet<String>,
    /// Location files.
    pub locations: std::collections::BTreeSet<String>,
    /// Incident files.
    pub incidents: std::collections::BTreeSet<String>,
    /// Briefs (single files or bundles whose index.md failed).
    pub briefs: std::collections::BTreeSet<String>,
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

/// The name a content file was meant to have, when its own name differs from a name gloss
/// reads only in letter case or by a `.markdown` extension (`Article.txt`, `Index.md`,
/// `x.MD`, `x.markdown`): such a file would otherwise be skipped or published as an asset
/// without a word. gloss reads exactly `.md`, `index.md`, `article.txt` and `article.md`.
fn misnamed(relative: &Path) -> Option<String> {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let name = *parts.last()?;
    let lower = name.to_lowercase();
    let markdown = |stem: &str| format!("{stem}.md");
    let fixed = match parts.as_slice() {
        // A bundle's subfolders hold assets only.
        ["briefs", _, _, _, ..] => return None,
        ["briefs", _, _] => match lower.as_str() {
            "index.md" | "index.markdown" => "index.md".to_string(),
            "article.txt" => "article.txt".to_string(),
            "article.md" | "article.markdown" => "article.md".to_string(),
            _ => return None,
        },
        [_, ..] => {
            let (stem, extension) = name.rsplit_once('.')?;
            match extension.to_lowercase().as_str() {
                "md" | "markdown" => markdown(stem),
                _ => return None,
            }
        }
        [] => return None,
    };
    (fixed != name).then_some(fixed)
}

/// Hidden files and editor scratch files are not content (see [`crate::scratch`]).
fn is_hidden(path: &Path) -> bool {
    crate::scratch::is_scratch_path(path)
}

/// Walks `content/` under `root` and parses every file. All problems are collected.
pub fn load(root: &Path) -> Result<Loaded, Diagnostics> {
    let (loaded, diagnostics) = load_all(root, None);
    diagnostics.into_result(loaded).map(|(loaded, _)| loaded)
}

/// Like [`load`], but a file that fails is reported and skipped while every other file is
/// still loaded, so the next stage can report its own errors in the same run. Content that
/// is a symlink into `output` (the folder the build replaces: reading the site from its own
/// output would change with every build) is refused; other symlinks are followed, so a
/// shared image may be linked into a bundle.
pub fn load_all(root: &Path, output: Option<&Path>) -> (Loaded, Diagnostics) {
    let output = output.and_then(|out| crate::paths::normalize(out).ok());
    let content = root.join("content");
    let mut diagnostics = Diagnostics::default();
    if !content.is_dir() {
        diagnostics.push(Diagnostic::file_error("content/", "there is no content/ folder")
            .with_hint("run gloss in a site folder (one with config.toml and content/), or pass --root DIR"));
        return (Loaded::default(), diagnostics);
    }
    let mut entries: Vec<(Entry, PathBuf)> = Vec::new();
    let mut walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !is_hidden(e.path()));
    while let Some(item) = walker.next() {
        let item = match item {
            Ok(item) => item,
            // An Emacs lock `.#name.md` is a dangling symbolic link: following it fails
            // before the walker's filter sees its name.
            Err(e) if e.path().is_some_and(is_hidden) => continue,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_default();
                diagnostics.push(Diagnostic::file_error(path, format!("cannot read: {e}")));
                continue;
            }
        };
        let relative = item
            .path()
            .strip_prefix(root)
            .unwrap_or(item.path())
            .to_path_buf();
        let into_output = match (&output, item.path_is_symlink()) {
            (Some(output), true) => item
                .path()
                .canonicalize()
                .ok()
                .filter(|target| target.starts_with(output)),
            _ => None,
        };
        if let Some(target) = into_output {
            diagnostics.push(
                Diagnostic::file_error(
                    &relative,
                    format!(
                        "this is a symbolic link into the output folder ({})",
                        target.display()
                    ),
                )
                .with_hint("gloss replaces the output folder on every build: copy the file into content/ instead of linking to it"),
            );
            if item.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !item.file_type().is_file() {
            continue;
        }
        let in_content = item.path().strip_prefix(&content).unwrap_or(item.path());
        if let Some(fixed) = misnamed(in_content) {
            diagnostics.push(
                Diagnostic::file_error(&relative, "gloss does not read a file by this name, so it would be skipped or copied as it is")
                    .with_hint(format!("rename it to `{fixed}`: gloss reads `.md` files, `index.md`, `article.txt` and `article.md`, spelt exactly so (lower case)")),
            );
            continue;
        }
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

    let parsed: Vec<Result<(Parsed, Vec<Diagnostic>), Diagnostic>> = entries
        .par_iter()
        .map(|(entry, path)| parse_entry(root, entry, path))
        .collect();
    let mut loaded = Loaded::default();
    let mut bundles: BTreeMap<String, Bundle> = BTreeMap::new();
    for ((entry, _), result) in entries.iter().zip(parsed) {
        let result = result.map(|(parsed, warning)| {
            diagnostics.extend(warning);
            parsed
        });
        match result {
            Err(d) => {
                diagnostics.push(d);
                let failed = &mut loaded.failed;
                match entry {
                    Entry::Actor(slug) => failed.actors.insert(slug.clone()),
                    Entry::Location(slug) => failed.locations.insert(slug.clone()),
                    Entry::Incident(slug) => failed.incidents.insert(slug.clone()),
                    Entry::BriefFile(slug) | Entry::BriefIndex(slug) => {
                        failed.briefs.insert(slug.clone())
                    }
                    Entry::BriefArticle(slug) => {
                        bundles.entry(slug.clone()).or_default().article_failed = true;
                        false
                    }
                    _ => false,
                };
            }
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
    // Single-file briefs by slug, to find one that a bundle also claims: a scan of the
    // list per bundle was quadratic (most of a 52 s load at 100,000 briefs, now 3.4 s).
    let single_files: BTreeMap<String, usize> = loaded
        .briefs
        .iter()
        .enumerate()
        .map(|(i, b)| (b.document.slug.to_string(), i))
        .collect();
    for (slug, bundle) in bundles {
        let folder = format!("content/briefs/{slug}/");
        if bundle.article_failed {
            // Its article's error is reported; without the article its notes would add
            // errors of their own, so the brief is skipped as a whole.
            loaded.failed.briefs.insert(slug);
            continue;
        }
        let Some(index) = bundle.index else {
            let reported = loaded.failed.briefs.contains(&slug);
            if !reported
                && (!bundle.articles.is_empty()
                    || !bundle.assets.is_empty()
                    || bundle.article_failed)
            {
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
        if let Some(other) = single_files.get(&slug).map(|&i| &loaded.briefs[i]) {
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
    // Warnings travel with what was loaded; only errors stop the build.
    let (warnings, errors): (Vec<_>, Vec<_>) = diagnostics
        .sorted()
        .into_iter()
        .partition(|d| !d.is_error());
    loaded.warnings.extend(warnings);
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(errors);
    (loaded, diagnostics)
}

#[derive(Default)]
struct Bundle {
    index: Option<Document<BriefFront>>,
    article_failed: bool,
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
) -> Result<(Parsed, Vec<Diagnostic>), Diagnostic> {
    fn with<F>(
        wrap: impl FnOnce(Document<F>) -> Parsed,
        (document, warning): (Document<F>, Vec<Diagnostic>),
    ) -> (Parsed, Vec<Diagnostic>) {
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
        // Read from the site folder, wherever gloss runs (`--root`).
        Entry::BriefAsset(slug) => (Parsed::Asset(slug.clone(), root.join(path)), Vec::new()),
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

    #[test]
    fn names_off_by_case_or_extension_get_their_fix() {
        let fix = |p: &str| misnamed(Path::new(p));
        assert_eq!(fix("briefs/a/Article.txt").as_deref(), Some("article.txt"));
        assert_eq!(fix("briefs/a/ARTICLE.md").as_deref(), Some("article.md"));
        assert_eq!(fix("briefs/a/Index.md").as_deref(), Some("index.md"));
        assert_eq!(fix("briefs/a/index.markdown").as_deref(), Some("index.md"));
        assert_eq!(fix("actors/x.MD").as_deref(), Some("x.md"));
        assert_eq!(fix("actors/x.markdown").as_deref(), Some("x.md"));
        assert_eq!(fix("briefs/X.Md").as_deref(), Some("X.md"));
        assert_eq!(fix("misc/x.markdown").as_deref(), Some("x.md"));
        assert_eq!(fix("briefs/a/index.md"), None);
        assert_eq!(fix("briefs/a/photo.JPG"), None);
        assert_eq!(fix("briefs/a/notes.MD"), None);
        assert_eq!(fix("briefs/a/files/x.MD"), None);
        assert_eq!(fix("actors/x.md"), None);
        assert_eq!(fix("_index.md"), None);
    }
}
