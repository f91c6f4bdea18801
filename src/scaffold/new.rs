//! `gloss new brief|actor|location|incident NAME`: a new content file with the required keys
//! filled in and every optional key shown, commented out, with what it is for.

use std::path::{Path, PathBuf};

use super::{already_exists, create, toml_string};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{PartialDate, Precision, Slug};

/// What `gloss new` makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A brief bundle: `content/briefs/<slug>/index.md` and an empty `article.txt`.
    Brief,
    /// `content/actors/<slug>.md`.
    Actor,
    /// `content/locations/<slug>.md`.
    Location,
    /// `content/incidents/<date>-<slug>.md`.
    Incident,
}

const BRIEF: &str = include_str!("entries/brief.md");
const ACTOR: &str = include_str!("entries/actor.md");
const LOCATION: &str = include_str!("entries/location.md");
const INCIDENT: &str = include_str!("entries/incident.md");

/// The choices `gloss new` takes besides the kind and name.
#[derive(Clone, Debug, Default)]
pub struct NewOptions {
    /// A pasted article to make the brief from (briefs only).
    pub from: Option<PathBuf>,
    /// The date instead of today's.
    pub date: Option<PartialDate>,
    /// The slug instead of one made from the name.
    pub slug: Option<String>,
}

/// What `gloss new` made, and what to tell the editor.
#[derive(Clone, Debug, Default)]
pub struct Created {
    /// The created files, relative to the site root.
    pub files: Vec<PathBuf>,
    /// Lines to print after the files: what was pre-filled, names with no page, next steps.
    pub report: Vec<String>,
}

/// The slug made from a name. Kept as the one call site so a transliterating slugify can
/// replace it; a name with no Latin letters or digits gives none.
pub fn slugify(name: &str) -> Option<String> {
    let slug = Slug::suggest(name);
    (slug != "untitled" || name.to_lowercase().contains("untitled")).then_some(slug)
}

/// The longest slug `gloss new` makes: a file name holds at most 255 bytes, and an
/// incident's file adds its date and `.md` to the slug.
pub const LONGEST_SLUG: usize = 200;

/// Refuses a slug no site could keep: one Windows reserves (`con`, `aux`…) or one too
/// long for a file name. The error says how to pass another with `--slug`.
fn check_new_slug(slug: &str) -> Result<(), Diagnostic> {
    if slug.len() > LONGEST_SLUG {
        let mut short: String = slug.chars().take(60).collect();
        if let Some(cut) = short.rfind('-') {
            short.truncate(cut);
        }
        return Err(Diagnostic::file_error(
            "--slug",
            format!(
                "the name makes a slug of {} characters, longer than the {LONGEST_SLUG} a file name can hold here",
                slug.len()
            ),
        )
        .with_hint(format!(
            "pass a shorter slug, e.g. --slug {short} (the name itself can stay long)"
        )));
    }
    Slug::parse(slug).map(|_| ()).map_err(|message| {
        Diagnostic::file_error("--slug", message)
            .with_hint(format!("pass another slug, e.g. --slug {slug}-1"))
    })
}

/// Creates the files for a new `kind` named `name` in the site at `root`, dated `today`
/// where the kind has a date. Returns the created files, relative to `root`.
pub fn new(
    root: &Path,
    kind: Kind,
    name: &str,
    today: PartialDate,
) -> Result<Vec<PathBuf>, Diagnostics> {
    let options = NewOptions {
        date: Some(today),
        ..NewOptions::default()
    };
    create_entry(root, kind, name, &options).map(|c| c.files)
}

/// An actor, location or incident whose name is already taken by another one: gloss
/// would never link either, so `new` refuses and names the file.
fn name_taken(root: &Path, kind: Kind, name: &str) -> Option<Diagnostic> {
    let (loaded, _) = crate::load::load_all(root, None);
    let wanted = name.trim().to_lowercase();
    let same = |text: &str| text.trim().to_lowercase() == wanted;
    let clash = match kind {
        Kind::Brief => None,
        Kind::Incident => loaded
            .incidents
            .iter()
            .find(|d| same(d.front.title.get_ref()))
            .map(|d| (d.source.path.clone(), "title")),
        Kind::Actor | Kind::Location => super::from::known(&loaded).into_iter().find_map(|k| {
            let (first, _) = k.forms.first()?;
            if same(first) {
                Some((k.file, "name"))
            } else {
                k.forms
                    .iter()
                    .skip(1)
                    .any(|(f, _)| same(f))
                    .then_some((k.file, "alias"))
            }
        }),
    }?;
    let (file, what) = clash;
    Some(
        Diagnostic::file_error(
            &file,
            format!("`{}` is already the {what} of {}", name.trim(), file.display()),
        )
        .with_hint("a name two entities share is never linked: edit that file instead, or choose a different name")
        .with_code("name-taken"),
    )
}

/// [`new`] with options: a brief from a pasted article, a given date or slug.
pub fn create_entry(
    root: &Path,
    kind: Kind,
    name: &str,
    options: &NewOptions,
) -> Result<Created, Diagnostics> {
    let today = options.date.unwrap_or_else(super::today);
    check_request(root, kind, options)?;
    let slug = new_slug(name, options)?;
    check_new_slug(&slug)?;
    if kind == Kind::Brief && today.precision() != Precision::Day {
        return Err(
            Diagnostic::file_error("--date", "a brief's date must be a full day")
                .with_hint("write --date YYYY-MM-DD")
                .into(),
        );
    }
    let article = options.from.as_deref().map(read_article).transpose()?;
    let found = article
        .as_deref()
        .map(|text| super::from::analyse(root, name, text));
    let entry = Entry {
        kind,
        slug: &slug,
        name,
        today,
    };
    let files = entry.files(options, article.as_deref(), found.as_ref());
    // All or nothing: a half-made bundle would be worse than a clear refusal. A brief's
    // slug is also taken by a single-file brief of the same name.
    let single_brief = (kind == Kind::Brief).then(|| format!("content/briefs/{slug}.md"));
    let taken = files
        .iter()
        .map(|(path, _)| path)
        .chain(&single_brief)
        .find(|path| root.join(path).exists());
    if let Some(taken) = taken {
        return Err(already_exists(taken).into());
    }
    if let Some(taken) = name_taken(root, kind, name) {
        return Err(taken.into());
    }
    let mut created = Created::default();
    for (path, text) in &files {
        create(root, path, text)?;
        created.files.push(PathBuf::from(path));
    }
    if let Some(found) = found {
        created.report = found.report;
    }
    if kind == Kind::Brief {
        created.report.push(format!(
            "The brief is a draft (draft = true): preview it with `gloss serve --drafts` at /briefs/{slug}/, and delete the draft line to publish it."
        ));
    }
    Ok(created)
}

/// Refuses a folder that is not a site, and `--from` for anything but a brief.
fn check_request(root: &Path, kind: Kind, options: &NewOptions) -> Result<(), Diagnostic> {
    if !crate::is_site(root) {
        return Err(Diagnostic::file_error(
            root.join("config.toml"),
            format!(
                "{} is not a gloss site: it has no config.toml",
                root.display()
            ),
        )
        .with_hint(
            "run gloss new in a site folder or pass --root DIR; `gloss init DIR` makes a new site",
        ));
    }
    if options.from.is_some() && kind != Kind::Brief {
        return Err(
            Diagnostic::file_error("--from", "--from makes a brief from an article")
                .with_hint("use it as `gloss new brief \"Title\" --from article.txt`"),
        );
    }
    Ok(())
}

/// The slug given with `--slug`, else one made from `name`.
fn new_slug(name: &str, options: &NewOptions) -> Result<String, Diagnostic> {
    match (&options.slug, slugify(name)) {
        (Some(given), _) => Ok(Slug::parse(given)
            .map_err(|m| Diagnostic::file_error("--slug", m))?
            .to_string()),
        (None, Some(slug)) => Ok(slug),
        (None, None) => Err(Diagnostic::file_error(
            "--slug",
            format!("cannot make a slug from `{name}`: it has no Latin letters or digits"),
        )
        .with_hint("pass one with --slug, e.g. --slug kataib-hezbollah")),
    }
}

/// The pasted article of `--from`, as UTF-8 text.
fn read_article(path: &Path) -> Result<String, Diagnostic> {
    let bytes = crate::limits::read_bounded(path, path)?;
    match crate::article::decode(&bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(p) => Err(Diagnostic {
            line: p.line,
            column: p.column,
            ..Diagnostic::file_error(path, "the article is not valid UTF-8")
        }
        .with_hint("save it as UTF-8 and try again")),
    }
}

/// The entry `gloss new` makes: its kind, slug, name and date.
struct Entry<'a> {
    kind: Kind,
    slug: &'a str,
    name: &'a str,
    today: PartialDate,
}

impl Entry<'_> {
    /// The entry's template with its title, name and `date` filled in.
    fn fill(&self, template: &str, date: PartialDate) -> String {
        template
            .replace("{{title}}", &toml_string(self.name))
            .replace("{{name}}", &toml_string(self.name))
            .replace("{{date}}", &crate::markup::guess::toml_date(&date))
    }

    /// The files to write (site-relative path, text): a brief's `index.md` (with what was
    /// `found` in its pasted `article`) and `article.txt`, or one entity's file.
    fn files(
        &self,
        options: &NewOptions,
        article: Option<&str>,
        found: Option<&super::from::FromArticle>,
    ) -> Vec<(String, String)> {
        let (slug, today) = (self.slug, self.today);
        match self.kind {
            Kind::Brief => {
                let index = match found {
                    Some(found) => without_commented_duplicates(&self.fill(BRIEF, today).replacen(
                        "# Optional keys",
                        &format!("{}# Optional keys", super::from::front_lines(found)),
                        1,
                    )),
                    None => self.fill(BRIEF, today),
                };
                vec![
                    (format!("content/briefs/{slug}/index.md"), index),
                    (
                        format!("content/briefs/{slug}/article.txt"),
                        article.unwrap_or_default().to_string(),
                    ),
                ]
            }
            Kind::Actor => vec![(format!("content/actors/{slug}.md"), self.fill(ACTOR, today))],
            Kind::Location => vec![(
                format!("content/locations/{slug}.md"),
                self.fill(LOCATION, today),
            )],
            Kind::Incident if options.date.is_some() && options.slug.is_none() => {
                let slug = format!("{}-{slug}", today.iso());
                vec![(
                    format!("content/incidents/{slug}.md"),
                    self.fill(INCIDENT, today),
                )]
            }
            Kind::Incident => {
                let (slug, date) = dated_slug(slug, today);
                vec![(
                    format!("content/incidents/{slug}.md"),
                    self.fill(INCIDENT, date),
                )]
            }
        }
    }
}

/// The entry without the commented-out example of a key it already sets: uncommenting it,
/// as the template says, would set the key twice. Examples below a commented `# [table]`
/// line belong to that table and are kept.
fn without_commented_duplicates(text: &str) -> String {
    let key = |line: &str| {
        let (key, _) = line.split_once('=')?;
        let key = key.trim();
        key.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            .then_some(key.to_string())
    };
    let live: Vec<String> = text
        .lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(key)
        .collect();
    let mut in_table = false;
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let comment = line.trim_start().strip_prefix('#').map(str::trim_start);
        in_table |= comment.is_some_and(|c| c.starts_with('['));
        let duplicate = !in_table && comment.and_then(key).is_some_and(|k| live.contains(&k));
        if !duplicate {
            out.push_str(line);
        }
    }
    out
}

/// Incident slugs start with their date. A name that already starts with one keeps it (and
/// the incident is dated by it); any other gets today's.
fn dated_slug(slug: &str, today: PartialDate) -> (String, PartialDate) {
    let given = slug
        .get(..10)
        .filter(|_| slug.len() == 10 || slug.as_bytes()[10] == b'-')
        .and_then(|prefix| PartialDate::parse(prefix).ok())
        .filter(|date| date.precision() == Precision::Day);
    match given {
        Some(date) => (slug.to_string(), date),
        None => (format!("{}-{slug}", today.iso()), today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        dir
    }

    fn day(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn incidents_are_dated() {
        let today = day("2024-05-06");
        assert_eq!(
            dated_slug("erbil-fire", today),
            ("2024-05-06-erbil-fire".into(), today)
        );
        assert_eq!(
            dated_slug("2021-07-07-erbil-fire", today),
            ("2021-07-07-erbil-fire".into(), day("2021-07-07"))
        );
        assert_eq!(dated_slug("2021-07-07", today).0, "2021-07-07");
        assert_eq!(
            dated_slug("2021-07-erbil", today).0,
            "2024-05-06-2021-07-erbil"
        );
    }

    #[test]
    fn entries_fill_their_template() {
        let dir = site();
        let created = new(
            dir.path(),
            Kind::Incident,
            "Rockets on \"Camp\" X",
            day("2024-05-06"),
        )
        .unwrap();
        assert_eq!(
            created,
            [PathBuf::from(
                "content/incidents/2024-05-06-rockets-on-camp-x.md"
            )]
        );
        let text = std::fs::read_to_string(dir.path().join(&created[0])).unwrap();
        let front = text
            .trim_start_matches("+++\n")
            .split("+++\n")
            .next()
            .unwrap();
        let value: toml::Table = toml::from_str(front).unwrap();
        assert_eq!(value["title"].as_str(), Some("Rockets on \"Camp\" X"));
        assert_eq!(value["date"].to_string(), "2024-05-06");
    }

    #[test]
    fn briefs_are_bundles_and_never_overwritten() {
        let dir = site();
        let created = new(dir.path(), Kind::Brief, "Big news", day("2024-05-06")).unwrap();
        assert_eq!(
            created,
            [
                PathBuf::from("content/briefs/big-news/index.md"),
                PathBuf::from("content/briefs/big-news/article.txt")
            ]
        );
        let again = new(dir.path(), Kind::Brief, "Big news", day("2024-05-06"))
            .unwrap_err()
            .to_string();
        assert!(again.contains("already exists"), "{again}");
        std::fs::write(dir.path().join("content/briefs/other.md"), "x").unwrap();
        assert!(new(dir.path(), Kind::Brief, "Other", day("2024-05-06")).is_err());
    }

    #[test]
    fn needs_a_site() {
        let dir = tempfile::tempdir().unwrap();
        let error = new(dir.path(), Kind::Actor, "X", day("2024-05-06")).unwrap_err();
        assert!(error.to_string().contains("not a gloss site"), "{error}");
    }
}
