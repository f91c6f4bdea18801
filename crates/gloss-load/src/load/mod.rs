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
    pub failed: Skipped,
    /// Warnings found while reading (control characters removed), for the build report.
    pub warnings: Diagnostics,
}

/// The slugs of content files that were reported and skipped, by kind.
#[derive(Debug, Default)]
pub struct Skipped {
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
    let mut entries = walk(root, &content, output.as_deref(), &mut diagnostics);
    entries.sort();
    let parsed: Vec<Result<(Parsed, Vec<Diagnostic>), Diagnostic>> = entries
        .par_iter()
        .map(|(entry, path)| parse_entry(root, entry, path))
        .collect();
    let (mut loaded, bundles) = sort_parsed(&entries, parsed, &mut diagnostics);
    bundle::join_bundles(&mut loaded, bundles, &mut diagnostics);
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

/// Every file of `content/` gloss reads, with its path in the site folder, unsorted; each
/// file it cannot read, refuses or would never build is reported.
fn walk(
    root: &Path,
    content: &Path,
    output: Option<&Path>,
    diagnostics: &mut Diagnostics,
) -> Vec<(Entry, PathBuf)> {
    let mut entries: Vec<(Entry, PathBuf)> = Vec::new();
    let mut walker = WalkDir::new(content)
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
        if let Some(refused) = into_output(&item, &relative, output) {
            diagnostics.push(refused);
            if item.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if item.file_type().is_file() {
            let in_content = item.path().strip_prefix(content).unwrap_or(item.path());
            match place(in_content, &relative) {
                Ok(Some(entry)) => entries.push((entry, relative)),
                Ok(None) => {}
                Err(d) => diagnostics.push(d),
            }
        }
    }
    entries
}

/// The error for a symbolic link into the output folder, if `item` is one.
fn into_output(
    item: &walkdir::DirEntry,
    relative: &Path,
    output: Option<&Path>,
) -> Option<Diagnostic> {
    let output = output.filter(|_| item.path_is_symlink())?;
    let target = item
        .path()
        .canonicalize()
        .ok()
        .filter(|target| target.starts_with(output))?;
    Some(
        Diagnostic::file_error(
            relative,
            format!(
                "this is a symbolic link into the output folder ({})",
                target.display()
            ),
        )
        .with_hint("gloss replaces the output folder on every build: copy the file into content/ instead of linking to it"),
    )
}

/// What the file at `in_content` (inside `content/`) is: `None` for a file gloss copies or
/// ignores, an error for a name gloss almost reads or a place it never builds.
fn place(in_content: &Path, relative: &Path) -> Result<Option<Entry>, Diagnostic> {
    if let Some(fixed) = misnamed(in_content) {
        return Err(
            Diagnostic::file_error(relative, "gloss does not read a file by this name, so it would be skipped or copied as it is")
                .with_hint(format!("rename it to `{fixed}`: gloss reads `.md` files, `index.md`, `article.txt` and `article.md`, spelt exactly so (lower case)")),
        );
    }
    match classify(in_content) {
        Some(entry) => Ok(Some(entry)),
        None if relative.extension().is_some_and(|e| e == "md") => Err(Diagnostic::file_error(
            relative,
            "this file is not in a known place, so it would never be built",
        )
        .with_hint(
            "content files go in content/briefs/, actors/, locations/, incidents/ or pages/",
        )),
        None => Ok(None),
    }
}

/// The parsed files put where they belong: documents into `Loaded`, a bundle's files into
/// its [`Bundle`]; each failure reported and its item marked failed.
fn sort_parsed(
    entries: &[(Entry, PathBuf)],
    parsed: Vec<Result<(Parsed, Vec<Diagnostic>), Diagnostic>>,
    diagnostics: &mut Diagnostics,
) -> (Loaded, BTreeMap<String, Bundle>) {
    let mut loaded = Loaded::default();
    let mut bundles: BTreeMap<String, Bundle> = BTreeMap::new();
    for ((entry, _), result) in entries.iter().zip(parsed) {
        let parsed = match result {
            Ok((parsed, warnings)) => {
                diagnostics.extend(warnings);
                parsed
            }
            Err(d) => {
                diagnostics.push(d);
                mark_failed(&mut loaded.failed, &mut bundles, entry);
                continue;
            }
        };
        match parsed {
            Parsed::Intro(d) => loaded.intro = Some(d),
            Parsed::Actor(d) => loaded.actors.push(d),
            Parsed::Location(d) => loaded.locations.push(d),
            Parsed::Incident(d) => loaded.incidents.push(d),
            Parsed::Page(d) => loaded.pages.push(d),
            Parsed::BriefFile(d) => loaded.briefs.push(BriefDocument {
                document: d,
                article: None,
                single_file: true,
                assets: vec![],
            }),
            Parsed::BriefIndex(slug, d) => bundles.entry(slug).or_default().index = Some(d),
            Parsed::Article(slug, a) => bundles.entry(slug).or_default().articles.push(a),
            Parsed::Asset(slug, p) => bundles.entry(slug).or_default().assets.push(p),
        }
    }
    (loaded, bundles)
}

/// Marks the item of a file that failed to parse, so resolving neither reports it again
/// nor reports references to it as unknown.
fn mark_failed(failed: &mut Skipped, bundles: &mut BTreeMap<String, Bundle>, entry: &Entry) {
    match entry {
        Entry::Actor(slug) => failed.actors.insert(slug.clone()),
        Entry::Location(slug) => failed.locations.insert(slug.clone()),
        Entry::Incident(slug) => failed.incidents.insert(slug.clone()),
        Entry::BriefFile(slug) | Entry::BriefIndex(slug) => failed.briefs.insert(slug.clone()),
        Entry::BriefArticle(slug) => {
            bundles.entry(slug.clone()).or_default().article_failed = true;
            false
        }
        _ => false,
    };
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
