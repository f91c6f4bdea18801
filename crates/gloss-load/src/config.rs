//! `config.toml`: the site's settings, with defaults for everything but the title and base
//! URL, and unknown keys refused so that a typo never silently does nothing.

mod checks;
mod exports;
mod switch;

pub use exports::{AUTO_UNCOMPRESSED_MAX, UncompressedExports};
pub use switch::Switch;

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, SourceFile};

/// From this many briefs, `[publish] compact = "auto"` (the default) writes compact pages:
/// at about 30 KB a brief in full, an archive this size nears 80% of GitHub Pages' 1 GB.
pub const AUTO_COMPACT_BRIEFS: usize = 20_000;

/// Prior incidents a brief lists at most on compact pages (`[publish] compact`): each one
/// more is about 200 bytes on every brief, and every earlier incident of each actor and
/// place is on its page.
pub const COMPACT_PRIOR_MAX: usize = 3;

/// The site's settings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in every page's header and `<title>`.
    pub title: String,
    /// Absolute URL the site is published at; always ends in `/` once loaded.
    pub base_url: String,
    /// One sentence for the front page's meta description and the feed subtitle.
    #[serde(default)]
    pub description: String,
    /// BCP 47 language tag of the content.
    #[serde(default = "default_language")]
    pub language: String,
    /// Briefs per page on the front page.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// Write a `CNAME` file with this domain (GitHub Pages custom domain).
    #[serde(default)]
    pub cname: Option<String>,
    /// Links end in `index.html` so the site also works opened from disk.
    #[serde(default)]
    pub file_urls: bool,
    /// Rules for pasted article text.
    #[serde(default)]
    pub article: ArticleConfig,
    /// How mentions are linked.
    #[serde(default)]
    pub mentions: MentionsConfig,
    /// The prior-incidents sidebar.
    #[serde(default)]
    pub prior_incidents: PriorIncidentsConfig,
    /// Code highlighting.
    #[serde(default)]
    pub highlight: HighlightConfig,
    /// The content licence, shown on the data page so reusers know the terms; optional.
    #[serde(default)]
    pub license: Option<String>,
    /// What `gloss check` coaches about.
    #[serde(default)]
    pub check: CheckConfig,
    /// The host's limits and what to leave out near them.
    #[serde(default)]
    pub publish: PublishConfig,
}

/// `[publish]`: the limits of the host the site is published on (GitHub Pages refuses a
/// site over 1 GB; GitLab Pages also caps files), so `gloss check` warns before a deploy
/// fails, and what the build can leave out to stay under them.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishConfig {
    /// The host's size limit in bytes; `gloss check` warns past 80% of it. Unset: GitHub
    /// Pages' 1 GB.
    #[serde(default)]
    pub max_bytes: Option<u64>,
    /// The host's limit on the number of files; `gloss check` warns past 80% of it.
    #[serde(default)]
    pub max_files: Option<u64>,
    /// Which large exports (`/data/`, over 1 MB) are written uncompressed as well as
    /// gzipped: `"auto"` (the default) those up to 10 MB, `true` all, `false` none.
    #[serde(default)]
    pub uncompressed_exports: UncompressedExports,
    /// Pages that repeat less of what other pages hold, so a large archive fits its host
    /// (shorter backlink quotes, smaller entity feeds, fewer related briefs…; the render
    /// stage's `Budget` and docs/limits.md#compact-pages). `"auto"` (the default) from
    /// [`AUTO_COMPACT_BRIEFS`] briefs.
    #[serde(default)]
    pub compact: Switch,
}

impl PublishConfig {
    /// Whether a site of `briefs` briefs gets compact pages.
    pub fn is_compact(&self, briefs: usize) -> bool {
        self.compact.resolve(briefs >= AUTO_COMPACT_BRIEFS)
    }
}

impl Default for PublishConfig {
    fn default() -> Self {
        PublishConfig {
            max_bytes: None,
            max_files: None,
            uncompressed_exports: UncompressedExports::Auto,
            compact: Switch::Auto,
        }
    }
}

/// `[check]`: settings of `gloss check`'s coaching warnings.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Names never suggested as missing pages (`unlinked-name`), in any brief.
    #[serde(default)]
    pub ignore_names: Vec<String>,
}

/// `[article]`: extra line patterns on top of the built-in ones.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleConfig {
    /// Regular expressions for whole lines to drop (site boilerplate).
    #[serde(default)]
    pub drop: Vec<String>,
    /// Regular expressions for whole lines that credit contributors.
    #[serde(default)]
    pub credits: Vec<String>,
}

/// `[mentions]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MentionsConfig {
    /// `"first"` links the first mention of each entity; `"all"` links every one.
    #[serde(default = "default_link")]
    pub link: LinkPolicy,
}

impl Default for MentionsConfig {
    fn default() -> Self {
        MentionsConfig {
            link: default_link(),
        }
    }
}

/// Which mentions become links.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LinkPolicy {
    /// Only the first mention of each entity in a brief.
    First,
    /// Every mention.
    All,
}

/// `[prior_incidents]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorIncidentsConfig {
    /// At most this many prior incidents per brief.
    #[serde(default = "default_prior_max")]
    pub max: usize,
}

impl Default for PriorIncidentsConfig {
    fn default() -> Self {
        PriorIncidentsConfig {
            max: default_prior_max(),
        }
    }
}

/// `[highlight]`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HighlightConfig {
    /// A syntect theme name, used to generate `highlight.css`.
    #[serde(default = "default_theme")]
    pub theme: String,
}

impl Default for HighlightConfig {
    fn default() -> Self {
        HighlightConfig {
            theme: default_theme(),
        }
    }
}

fn default_language() -> String {
    "en".into()
}
fn default_paginate_by() -> usize {
    10
}
fn default_link() -> LinkPolicy {
    LinkPolicy::First
}
/// Five: the sidebar shows them all without folding, and every earlier incident of each
/// actor and place is on its page (issue 26: each one more is ~110 bytes on every brief).
fn default_prior_max() -> usize {
    5
}
fn default_theme() -> String {
    "InspiredGitHub".into()
}

impl Config {
    /// Reads and checks `config.toml` in the site root.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join("config.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::file_error("config.toml", format!("cannot read config.toml: {e}"))
                .with_hint("run gloss from the site's folder, pass --root DIR, or create one with `gloss init DIR`")
        })?;
        let source = SourceFile {
            path: "config.toml".into(),
            text,
        };
        Config::parse(&source)
    }

    /// Parses the text of `config.toml`, for tests and `load`.
    pub fn parse(source: &SourceFile) -> Result<Config, Diagnostic> {
        if let Some(e) = crate::markup::toml_escapes::forbidden_escapes(&source.text).first() {
            return Err(source
                .error(
                    e.at..e.at + e.len,
                    format!(
                        "`{}` makes U+{:04X}, which web pages, feeds and data files cannot hold",
                        source.text.get(e.at..e.at + e.len).unwrap_or_default(),
                        u32::from(e.makes)
                    ),
                )
                .with_hint("delete the escape from the string"));
        }
        let mut config: Config = crate::markup::toml::parse_toml(source, 0, &source.text)?;
        config.base_url = normalize_base_url(&config.base_url)
            .map_err(|m| source_error_for_key(source, "base_url", m))?;
        if config.paginate_by == 0 {
            return Err(source_error_for_key(
                source,
                "paginate_by",
                "paginate_by must be at least 1".into(),
            )
            .with_hint(
                "it is the number of briefs per page of the home, actor and location pages; \
                 set it to 1 or more (the default is 10), or remove the line",
            ));
        }
        checks::check(source, &config)?;
        Ok(config)
    }

    /// Replaces the base URL (from `--base-url`), with the same checks as the file's.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        self.base_url =
            normalize_base_url(url).map_err(|m| Diagnostic::file_error("--base-url", m))?;
        Ok(())
    }

    /// The most prior incidents a brief's sidebar lists in a site of `briefs` briefs:
    /// `[prior_incidents] max`, and at most [`COMPACT_PRIOR_MAX`] on compact pages.
    pub fn prior_max(&self, briefs: usize) -> usize {
        match self.publish.is_compact(briefs) {
            true => self.prior_incidents.max.min(COMPACT_PRIOR_MAX),
            false => self.prior_incidents.max,
        }
    }

    /// The path part of the base URL (`/repo/`), for pages that cannot use relative links.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }
}

fn source_error_for_key(source: &SourceFile, key: &str, message: String) -> Diagnostic {
    let start = source
        .text
        .lines()
        .scan(0, |offset, line| {
            let here = *offset;
            *offset += line.len() + 1;
            Some((here, line))
        })
        .find(|(_, line)| line.trim_start().starts_with(key))
        .map_or(0, |(offset, _)| offset);
    source.error(start..start + key.len(), message)
}

/// `https://x.io/repo` -> `https://x.io/repo/`; only http(s) URLs are accepted.
fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{url}` must start with https:// or http://"))?;
    if rest.is_empty() || rest.starts_with('/') || url.contains(char::is_whitespace) {
        return Err(format!("base_url `{url}` has no host"));
    }
    if url.contains(['?', '#']) {
        return Err(format!(
            "base_url `{url}` has a query (`?…`) or a fragment (`#…`): every page's address \
             is the base URL with the page's path added, so remove everything from the `?` or `#`"
        ));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        Config::parse(&SourceFile {
            path: "config.toml".into(),
            text: text.into(),
        })
    }

    #[test]
    fn defaults_and_normalized_base_url() {
        let config = parse("title = \"T\"\nbase_url = \"https://u.github.io/repo\"\n").unwrap();
        assert_eq!(config.base_url, "https://u.github.io/repo/");
        assert_eq!(config.base_path(), "/repo/");
        assert_eq!(config.paginate_by, 10);
        assert_eq!(config.mentions.link, LinkPolicy::First);
        // Issue 26: five prior incidents, all shown unfolded; exports over 10 MB gzipped only.
        assert_eq!(config.prior_incidents.max, 5);
        assert_eq!(
            config.publish.uncompressed_exports,
            UncompressedExports::Auto
        );
    }

    #[test]
    fn compact_pages_are_auto_from_twenty_thousand_briefs() {
        let auto = parse("title = \"T\"\nbase_url = \"https://x.io\"\n").unwrap();
        assert!(!auto.publish.is_compact(AUTO_COMPACT_BRIEFS - 1));
        assert!(auto.publish.is_compact(AUTO_COMPACT_BRIEFS));
        assert_eq!(auto.prior_max(AUTO_COMPACT_BRIEFS - 1), 5);
        assert_eq!(auto.prior_max(AUTO_COMPACT_BRIEFS), COMPACT_PRIOR_MAX);
        let off = parse("title = \"T\"\nbase_url = \"https://x.io\"\n[publish]\ncompact = false\n")
            .unwrap();
        assert!(!off.publish.is_compact(usize::MAX));
        let on = parse(
            "title = \"T\"\nbase_url = \"https://x.io\"\n[prior_incidents]\nmax = 2\n\
             [publish]\ncompact = true\n",
        )
        .unwrap();
        assert!(on.publish.is_compact(1));
        assert_eq!(on.prior_max(1), 2, "a lower max of the editor's stays");
    }

    #[test]
    fn unknown_keys_name_the_line() {
        let err =
            parse("title = \"T\"\nbase_url = \"https://x.io\"\n[mentions]\nlinks = \"all\"\n")
                .unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("links"), "{}", err.message);
    }

    #[test]
    fn bad_base_url_is_refused() {
        let err = parse("title = \"T\"\nbase_url = \"ftp://x\"\n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
