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

/// Creates the files for a new `kind` named `name` in the site at `root`, dated `today`
/// where the kind has a date. Returns the created files, relative to `root`.
pub fn new(
    root: &Path,
    kind: Kind,
    name: &str,
    today: PartialDate,
) -> Result<Vec<PathBuf>, Diagnostics> {
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
        )
        .into());
    }
    let slug = Slug::suggest(name);
    let fill = |template: &str, date: PartialDate| {
        template
            .replace("{{title}}", &toml_string(name))
            .replace("{{name}}", &toml_string(name))
            .replace("{{date}}", &date.iso())
    };
    let files: Vec<(String, String)> = match kind {
        Kind::Brief => vec![
            (
                format!("content/briefs/{slug}/index.md"),
                fill(BRIEF, today),
            ),
            (format!("content/briefs/{slug}/article.txt"), String::new()),
        ],
        Kind::Actor => vec![(format!("content/actors/{slug}.md"), fill(ACTOR, today))],
        Kind::Location => vec![(
            format!("content/locations/{slug}.md"),
            fill(LOCATION, today),
        )],
        Kind::Incident => {
            let (slug, date) = dated_slug(&slug, today);
            vec![(format!("content/incidents/{slug}.md"), fill(INCIDENT, date))]
        }
    };
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
    let mut created = Vec::new();
    for (path, text) in &files {
        create(root, path, text)?;
        created.push(PathBuf::from(path));
    }
    Ok(created)
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
