//! The front matter of each kind of file, exactly as an editor writes it. Every struct
//! refuses unknown keys, and every value that later stages may need to complain about keeps
//! its span, so errors point at the offending characters.

use serde::Deserialize;
use toml::Spanned;

/// A reference to an actor or location from a brief: a bare slug, or a slug with the role
/// the entity plays in this story.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum ListedEntity {
    /// `"kataib-hezbollah"`
    Slug(String),
    /// `{ id = "wayne-marotto", role = "coalition spokesman" }`
    WithRole {
        /// The entity's slug.
        id: String,
        /// Its role in this brief.
        role: Option<String>,
    },
}

impl ListedEntity {
    /// The referenced slug.
    pub fn id(&self) -> &str {
        match self {
            ListedEntity::Slug(id) | ListedEntity::WithRole { id, .. } => id,
        }
    }

    /// The role, if one was given.
    pub fn role(&self) -> Option<&str> {
        match self {
            ListedEntity::Slug(_) => None,
            ListedEntity::WithRole { role, .. } => role.as_deref(),
        }
    }
}

/// A brief's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefFront {
    /// Headline.
    pub title: Spanned<String>,
    /// A TOML date or an RFC 3339 string.
    pub date: Spanned<toml::Value>,
    /// Optional summary; the first paragraph otherwise.
    #[serde(default)]
    pub summary: Option<String>,
    /// Left out of builds without `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Free-form tags.
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    /// The incident the brief reports.
    #[serde(default)]
    pub event: Option<Spanned<String>>,
    /// Hand-listed actors.
    #[serde(default)]
    pub actors: Vec<Spanned<ListedEntity>>,
    /// Hand-listed locations.
    #[serde(default)]
    pub locations: Vec<Spanned<ListedEntity>>,
    /// Hand-picked prior incidents.
    #[serde(default)]
    pub incidents: Vec<Spanned<String>>,
    /// The original publication.
    #[serde(default)]
    pub source: Option<SourceFront>,
    /// BCP 47 tag of the brief's language (`ar`), when it is not the site's.
    #[serde(default)]
    pub language: Option<Spanned<String>>,
    /// Names `gloss check` never suggests as missing pages in this brief's article.
    #[serde(default)]
    pub ignore_names: Vec<String>,
}

/// `[source]` of a brief.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFront {
    /// Outlet name.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Byline.
    #[serde(default)]
    pub author: Option<String>,
    /// Link to the original.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// Publication date.
    #[serde(default)]
    pub published: Option<Spanned<toml::Value>>,
    /// BCP 47 tag of the original's language, used when the brief names none.
    #[serde(default)]
    pub language: Option<Spanned<String>>,
}

/// An actor's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorFront {
    /// The name shown.
    pub name: Spanned<String>,
    /// Other names found in article text.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Surname forms linked after a full mention.
    #[serde(default)]
    pub short_names: Vec<Spanned<String>>,
    /// person, militia…
    #[serde(default)]
    pub kind: Option<String>,
    /// Slugs of groups the actor belongs to.
    #[serde(default)]
    pub affiliation: Vec<Spanned<String>>,
    /// Wikidata item id.
    #[serde(default)]
    pub wikidata: Option<Spanned<String>>,
}

/// A location's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationFront {
    /// The name shown.
    pub name: Spanned<String>,
    /// Other names found in article text.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// city, base…
    #[serde(default)]
    pub kind: Option<String>,
    /// `[latitude, longitude]`.
    #[serde(default)]
    pub coordinates: Option<Spanned<Vec<f64>>>,
    /// Country name.
    #[serde(default)]
    pub country: Option<String>,
    /// Slug of the enclosing location.
    #[serde(default)]
    pub within: Option<Spanned<String>>,
    /// Wikidata item id.
    #[serde(default)]
    pub wikidata: Option<Spanned<String>>,
    /// GeoNames id: a number, or a string of digits.
    #[serde(default)]
    pub geonames: Option<Spanned<toml::Value>>,
    /// How exact `coordinates` are: 1 the place itself, 2 near it, 3 only the region.
    #[serde(default)]
    pub geo_precision: Option<Spanned<i64>>,
}

/// An incident's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IncidentFront {
    /// Headline.
    pub title: Spanned<String>,
    /// A TOML date, or a string `"2020-05"` / `"2021"` for a partial date.
    pub date: Spanned<toml::Value>,
    /// Location slug.
    #[serde(default)]
    pub location: Option<Spanned<String>>,
    /// Actor slugs.
    #[serde(default)]
    pub actors: Vec<Spanned<String>>,
    /// rocket attack…
    #[serde(default)]
    pub kind: Option<String>,
    /// claimed, reported, confirmed or disputed.
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    /// `{ killed = 0, injured = 110 }`.
    #[serde(default)]
    pub casualties: Option<Spanned<CasualtiesFront>>,
    /// Where it was reported.
    #[serde(default)]
    pub sources: Vec<Spanned<CitationFront>>,
    /// Where an imported incident came from (`gloss import`).
    #[serde(default)]
    pub provenance: Option<Spanned<ProvenanceFront>>,
}

/// `[provenance]` of an imported incident, written by `gloss import` (docs/data.md).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceFront {
    /// `acled` or `ucdp`.
    pub dataset: String,
    /// The dataset's id of the event.
    pub event_id: String,
    /// When it was imported (a TOML date-time).
    pub imported: toml::Value,
    /// First day of the dataset's date range, when it gives one.
    #[serde(default)]
    pub date_start: Option<toml::Value>,
    /// Last day of that range.
    #[serde(default)]
    pub date_end: Option<toml::Value>,
    /// A hash of each field's imported value, to tell an editor's edits from the import.
    #[serde(default)]
    pub fields: std::collections::BTreeMap<String, String>,
}

/// `casualties` of an incident.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CasualtiesFront {
    /// Deaths.
    #[serde(default)]
    pub killed: Option<u32>,
    /// Injured.
    #[serde(default)]
    pub injured: Option<u32>,
    /// Lowest estimate of deaths, where a dataset gives one.
    #[serde(default)]
    pub low: Option<u32>,
    /// Highest estimate of deaths.
    #[serde(default)]
    pub high: Option<u32>,
}

/// One entry of an incident's `sources`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CitationFront {
    /// Outlet name.
    pub outlet: String,
    /// Link.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date.
    #[serde(default)]
    pub published: Option<toml::Value>,
}

/// A plain page's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// Heading and `<title>`.
    pub title: String,
    /// Order in navigation (lower first).
    #[serde(default)]
    pub weight: i64,
}

/// `content/_index.md`'s front matter.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntroFront {
    /// Not shown; allowed so the file looks like the others.
    #[serde(default)]
    pub title: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;

    /// The TOML error names the type, and `markup::toml` recognises it by that name.
    #[test]
    fn an_entry_of_the_wrong_shape_is_explained() {
        let text = "actors = [3]\n";
        let Err(error) =
            toml::from_str::<std::collections::BTreeMap<String, Vec<ListedEntity>>>(text)
        else {
            panic!("a number is not an entity")
        };
        let source = SourceFile {
            path: "a.md".into(),
            text: text.into(),
        };
        let d = crate::markup::toml::toml_error(&source, 0, &error);
        assert_eq!(
            d.message,
            "this entry is neither a slug nor an { id, role } table"
        );
    }
}
