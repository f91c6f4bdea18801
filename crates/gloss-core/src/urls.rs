//! Where every page lives, decided in one place. Internal links are written relative to the
//! page that holds them (`{{ root }}{{ path }}`), so one build works at a domain's root, under
//! a GitHub Pages project path and opened from disk; only canonical URLs, feeds and the
//! sitemap are absolute.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use crate::model::{Brief, EntityKey, Slug};

/// Builds site-root-relative paths for every kind of page.
#[derive(Clone, Copy, Debug)]
pub struct Urls {
    /// Links end in `index.html`, for sites opened from disk (`file://`).
    pub file_urls: bool,
}

impl Urls {
    /// The path of a folder-style page, e.g. `section/slug/`.
    pub fn page(&self, dir: &str) -> String {
        let dir = dir.trim_matches('/');
        match (dir.is_empty(), self.file_urls) {
            (true, true) => "index.html".to_string(),
            (true, false) => String::new(),
            (false, true) => format!("{dir}/index.html"),
            (false, false) => format!("{dir}/"),
        }
    }

    /// `briefs/<slug>/`.
    pub fn brief(&self, slug: &Slug) -> String {
        self.page(&format!("briefs/{slug}"))
    }

    /// `actors/<slug>/`.
    pub fn actor(&self, slug: &Slug) -> String {
        self.page(&format!("actors/{slug}"))
    }

    /// `locations/<slug>/`.
    pub fn location(&self, slug: &Slug) -> String {
        self.page(&format!("locations/{slug}"))
    }

    /// `actors/<slug>/` or `locations/<slug>/`, by the kind of `key` (whose slug is `slug`).
    pub fn entity(&self, key: EntityKey, slug: &Slug) -> String {
        match key {
            EntityKey::Actor(_) => self.actor(slug),
            EntityKey::Location(_) => self.location(slug),
        }
    }

    /// Page N of an actor's or location's briefs, by the kind of `key` (whose slug is `slug`).
    pub fn entity_page(&self, key: EntityKey, slug: &Slug, page: usize) -> String {
        self.paged(&format!("{}/{slug}", key.section()), page)
    }

    /// `incidents/<slug>/`.
    pub fn incident(&self, slug: &Slug) -> String {
        self.page(&format!("incidents/{slug}"))
    }

    /// `tags/<tag>/`.
    pub fn tag(&self, tag: &str) -> String {
        self.page(&format!("tags/{}", tag_slug(tag)))
    }

    /// `pages/<slug>/`.
    pub fn plain_page(&self, slug: &Slug) -> String {
        self.page(&format!("pages/{slug}"))
    }

    /// `map/`: every located incident and location on one map.
    pub fn map(&self) -> String {
        self.page("map")
    }

    /// `map/outline.svg`: the land under every locator map, one file for the whole site
    /// (a file, not a page: the same with `file_urls`).
    pub fn map_outline(&self) -> String {
        "map/outline.svg".to_string()
    }

    /// `network/`: who appears with whom, the site's most-connected actors.
    pub fn network(&self) -> String {
        self.page("network")
    }

    /// Page N of a paginated folder page: `dir/` for page 1, `dir/page/N/` after it. Every
    /// paginated list (entity pages, the home page) numbers its pages this way.
    pub fn paged(&self, dir: &str, page: usize) -> String {
        let dir = dir.trim_matches('/');
        if page <= 1 {
            self.page(dir)
        } else if dir.is_empty() {
            self.page(&format!("page/{page}"))
        } else {
            self.page(&format!("{dir}/page/{page}"))
        }
    }

    /// Page N of an actor's briefs: `actors/<slug>/page/N/`.
    pub fn actor_page(&self, slug: &Slug, page: usize) -> String {
        self.paged(&format!("actors/{slug}"), page)
    }

    /// Page N of a location's briefs: `locations/<slug>/page/N/`.
    pub fn location_page(&self, slug: &Slug, page: usize) -> String {
        self.paged(&format!("locations/{slug}"), page)
    }

    /// Page N of a tag's briefs, by the tag's folder name: `tags/<tag>/page/N/`.
    pub fn tag_page(&self, tag_folder: &str, page: usize) -> String {
        self.paged(&format!("tags/{tag_folder}"), page)
    }

    /// `timeline/`: the index of years and the newest year's entries.
    pub fn timeline(&self) -> String {
        self.page("timeline")
    }

    /// `timeline/<year>/`: one year of the timeline. Years before 1 or after 9999 cannot
    /// come from a parsed date, so the folder name is always four digits or fewer.
    pub fn timeline_year(&self, year: i32) -> String {
        self.page(&format!("timeline/{year}"))
    }

    /// Page N of a year of the timeline: `timeline/<year>/page/N/` (page 1 is the year's own).
    pub fn timeline_year_page(&self, year: i32, page: usize) -> String {
        self.paged(&format!("timeline/{year}"), page)
    }

    /// `path` (site-root-relative) as a link written inside a brief's page
    /// (`briefs/<slug>/`), for links made before the page exists, such as the annotator's
    /// mention links in the article.
    pub fn from_brief(&self, path: &str) -> String {
        let page = output_file(&self.page("briefs/slug"));
        format!("{}{path}", root_prefix(&page))
    }

    /// The output file of a page one item deep (`briefs/<slug>/`, `actors/<slug>/`,
    /// `incidents/<slug>/`, `pages/<slug>/`): where annotation markdown is shown, so links
    /// made in it before the page exists (link shorthand) get this file's `../` prefix.
    pub fn item_file(&self) -> String {
        output_file(&self.page("section/item"))
    }

    /// The shared hover-card chunk `n` of `key`'s kind: `cards/actors-3.js`. A script, not
    /// JSON, so that it loads from `file://` under the site's `script-src 'self'` policy.
    pub fn card_chunk(&self, key: EntityKey, n: usize) -> String {
        self.card_chunk_pattern(key)
            .replace(CHUNK_NUMBER, &n.to_string())
    }

    /// [`Urls::card_chunk`] with [`CHUNK_NUMBER`] in place of the number
    /// (`cards/actors-{n}.js`): a brief page names this once per kind and gloss.js fills in
    /// the number from the slug, instead of the page listing every chunk it needs.
    pub fn card_chunk_pattern(&self, key: EntityKey) -> String {
        format!("cards/{}-{CHUNK_NUMBER}.js", key.section())
    }

    /// The home page or page N of it (`page/2/`).
    pub fn home(&self, page: usize) -> String {
        if page <= 1 {
            self.page("")
        } else {
            self.page(&format!("page/{page}"))
        }
    }
}

/// The folder name of a tag's page: "rocket attacks" -> "rocket-attacks", "الحشد الشعبي" ->
/// "lhshd-lshby" (see [`Slug::suggest`]), cut to [`TAG_SLUG_BYTES`] at a hyphen where
/// there is one, so that a long tag in any script still names a folder the file system
/// accepts (two long tags that share the cut name are a collision, reported as such).
pub fn tag_slug(tag: &str) -> String {
    let mut slug = Slug::suggest(tag);
    if slug.len() > TAG_SLUG_BYTES {
        // The slug is ASCII, so every byte offset is a character boundary.
        let cut = slug[..=TAG_SLUG_BYTES]
            .rfind('-')
            .filter(|&at| at > TAG_SLUG_BYTES / 2)
            .unwrap_or(TAG_SLUG_BYTES);
        slug.truncate(cut);
    }
    slug
}

/// The longest folder name of a tag page, in bytes (the file system allows 255).
pub const TAG_SLUG_BYTES: usize = 100;

/// Tags that would share a page without being the same tag. Tags that differ only in case
/// or accents ("Iraq", "iraq") are one tag on purpose and share `tags/iraq/`; tags that
/// differ otherwise but slugify alike ("C++" and "C#", "rocket attacks" and
/// "rocket-attacks") are an error at the later one, naming where the first was used.
pub fn tag_collisions(briefs: &[Brief]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<String, (&str, &Path, usize, usize)> = BTreeMap::new();
    let mut errors = Vec::new();
    for brief in briefs {
        for (i, tag) in brief.tags.iter().enumerate() {
            let (line, column) = brief.tag_places.get(i).copied().unwrap_or_default();
            let slug = tag_slug(tag);
            let (seen, file, l, c) =
                *first
                    .entry(slug.clone())
                    .or_insert((tag, &brief.file, line, column));
            if Slug::fold(seen) != Slug::fold(tag) {
                let mut d = Diagnostic::file_error(
                    &brief.file,
                    format!(
                        "the tags `{tag}` and `{seen}` (at {}:{l}:{c}) would share the page tags/{slug}/",
                        file.display()
                    ),
                )
                .with_hint(
                    "spell the same tag the same way; tags that differ only in case or accents share a page",
                );
                (d.line, d.column) = (line, column);
                errors.push(d);
            }
        }
    }
    errors
}

/// The Wikidata page of an item id such as `Q1140589`.
pub fn wikidata_url(id: &str) -> String {
    format!("https://www.wikidata.org/wiki/{id}")
}

/// Where the file for a site-root-relative page path is written.
pub fn output_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The Atom feed beside a folder page (`tags/x/` or `tags/x/index.html` ->
/// `tags/x/atom.xml`; the home page's is `atom.xml`), site-root-relative.
pub fn feed_path(page: &str) -> String {
    let dir = page.strip_suffix("index.html").unwrap_or(page);
    format!("{dir}atom.xml")
}

/// A data file's site-root-relative path (`briefs.json` -> `data/briefs.json`): the files
/// under `/data/` are named here once, for the files written and the `/data/` page's links.
pub fn data_file(name: &str) -> String {
    format!("data/{name}")
}

/// Where a file of a brief's bundle (a photo beside its `index.md`) is copied, output-
/// relative: beside the brief's page, so the page links it by its bare name in both URL
/// modes.
pub fn bundle_asset(slug: &Slug, name: &str) -> String {
    format!("briefs/{slug}/{name}")
}

/// The gzipped copy of a data file (`data/briefs.json` -> `data/briefs.json.gz`).
pub fn gzipped(path: &str) -> String {
    format!("{path}.gz")
}

/// The sitemap (or the sitemap index, when the site needs several) that robots.txt names.
pub const SITEMAP: &str = "sitemap.xml";

/// The placeholder for a chunk's number in [`Urls::card_chunk_pattern`]; gloss.js replaces
/// it with the number of the chunk an entity's card is in.
pub const CHUNK_NUMBER: &str = "{n}";

/// The `n`th (1-based) of several sitemaps listed by the [`SITEMAP`] index.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

/// `../` once per folder between a written file and the site root.
pub fn root_prefix(file: &str) -> String {
    "../".repeat(file.matches('/').count())
}

/// A site-root-relative `path` as linked from the page written to `file`: the
/// [`root_prefix`] then the path (`briefs/a/index.html`, `map/` -> `../../map/`). For links
/// built outside templates (SVG maps), which cannot write `{{ root }}{{ path }}`.
pub fn relative_to(file: &str, path: &str) -> String {
    format!("{}{path}", root_prefix(file))
}

/// Is this an absolute http(s) URL with a host?
pub fn is_web_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !url.contains(char::is_whitespace))
}

/// May a link with this destination appear in a page? Web and mail links, and links without
/// a scheme (relative paths, fragments); never `javascript:`, `data:` and the like.
pub fn is_safe_href(url: &str) -> bool {
    let trimmed: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let scheme_end = trimmed.find(':');
    let first_delimiter = trimmed.find(['/', '?', '#']);
    match (scheme_end, first_delimiter) {
        (Some(colon), Some(delim)) if delim < colon => true,
        (Some(colon), _) => {
            let scheme = trimmed[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        (None, _) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_tags_in_any_script_name_a_short_folder() {
        for tag in ["中文標籤".repeat(50), "word ".repeat(40), "x".repeat(200)] {
            let slug = tag_slug(&tag);
            assert!(!slug.is_empty() && slug.len() <= TAG_SLUG_BYTES, "{slug}");
            assert!(!slug.ends_with('-'), "{slug}");
        }
        assert_eq!(tag_slug("Rocket attacks"), "rocket-attacks");
    }

    #[test]
    fn paths_in_both_modes() {
        let slug = Slug::parse("kh").unwrap();
        assert_eq!(Urls { file_urls: false }.actor(&slug), "actors/kh/");
        assert_eq!(
            Urls { file_urls: true }.actor(&slug),
            "actors/kh/index.html"
        );
        assert_eq!(bundle_asset(&slug, "map.png"), "briefs/kh/map.png");
        assert_eq!(Urls { file_urls: false }.home(1), "");
        assert_eq!(Urls { file_urls: true }.home(2), "page/2/index.html");
        assert_eq!(Urls { file_urls: false }.map(), "map/");
        assert_eq!(Urls { file_urls: false }.actor_page(&slug, 1), "actors/kh/");
        assert_eq!(
            Urls { file_urls: false }.actor_page(&slug, 3),
            "actors/kh/page/3/"
        );
        assert_eq!(
            Urls { file_urls: true }.location_page(&slug, 2),
            "locations/kh/page/2/index.html"
        );
        assert_eq!(
            Urls { file_urls: false }.timeline_year(2021),
            "timeline/2021/"
        );
        assert_eq!(Urls { file_urls: true }.map(), "map/index.html");
        assert_eq!(Urls { file_urls: false }.network(), "network/");
        assert_eq!(
            Urls { file_urls: false }.tag("Rocket attacks"),
            "tags/rocket-attacks/"
        );
    }

    #[test]
    fn output_files_and_roots() {
        assert_eq!(output_file(""), "index.html");
        assert_eq!(output_file("briefs/a/"), "briefs/a/index.html");
        assert_eq!(root_prefix("briefs/a/index.html"), "../../");
        for file_urls in [false, true] {
            let urls = Urls { file_urls };
            let actor = urls.actor(&Slug::parse("kh").unwrap_or_else(|e| panic!("{e}")));
            assert_eq!(urls.from_brief(&actor), format!("../../{actor}"));
            assert_eq!(feed_path(&urls.home(1)), "atom.xml");
            assert_eq!(feed_path(&urls.page("tags/x")), "tags/x/atom.xml");
        }
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(relative_to("briefs/a/index.html", "map/"), "../../map/");
        assert_eq!(relative_to("index.html", "map/"), "map/");
    }

    #[test]
    fn unsafe_schemes_are_refused() {
        assert!(is_safe_href("https://x.io/a"));
        assert!(is_safe_href("../actors/kh/"));
        assert!(is_safe_href("#note-1"));
        assert!(is_safe_href("mailto:a@b.c"));
        assert!(is_safe_href("a/b:c"));
        assert!(!is_safe_href("javascript:alert(1)"));
        assert!(!is_safe_href(" JaVa\tScript:alert(1)"));
        assert!(!is_safe_href("data:text/html,x"));
        assert!(!is_web_url("https:///x"));
    }
}
