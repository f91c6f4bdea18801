//! Publishing: feeds, sitemap, data files and JSON-LD parse and say the right things, and
//! every internal link of the built site resolves both on a static server under `/repo/`
//! (as GitHub Pages serves a project site) and opened from disk in a `--file-urls` build.

mod common;
#[path = "publish/data.rs"]
mod data;
#[path = "publish/links.rs"]
mod links;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{Site, attrs};
use gloss::BuildOptions;
use scraper::{Html, Selector};

const BASE: &str = "https://example.github.io/repo/";
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The common fixture plus what publishing needs: a location placed only through its
/// `within` parent, and an incident whose title needs CSV quoting.
fn fixture() -> Site {
    let site = Site::fixture();
    site.write(
        "content/locations/north-gate.md",
        "+++\nname = \"North Gate\"\nkind = \"gate\"\nwithin = \"ain-al-asad-air-base\"\n+++\nA gate.\n",
    );
    site.write(
        "content/incidents/2021-06-01-gate.md",
        "+++\ntitle = \"Drone at the gate, \\\"again\\\"\"\ndate = 2021-06-01\nlocation = \"north-gate\"\nactors = [\"kataib-hezbollah\", \"iran\"]\nsources = [{ outlet = \"Wire\" }, { outlet = \"Paper\", url = \"https://example.com/p\" }]\n+++\nA drone.\n",
    );
    site
}

/// Builds the site into `out` (inside the site folder) with the library.
fn build(site: &Site, out: &str, file_urls: bool) -> PathBuf {
    let output = site.root().join(out);
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: Some(output.clone()),
        file_urls,
        ..BuildOptions::default()
    };
    if let Err(e) = gloss::build(&options) {
        panic!("build failed: {:?}", e.sorted());
    }
    output
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name((ATOM, name)))
}

fn child_text(node: roxmltree::Node, name: &str) -> String {
    child(node, name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("<{name}> missing in <{}>", node.tag_name().name()))
        .to_string()
}

/// Parses a feed, checks the elements RFC 4287 requires, and returns its entries' ids.
fn entry_ids(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    for name in ["id", "title", "updated"] {
        assert!(!child_text(feed, name).is_empty());
    }
    let self_link = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .expect("rel=self link");
    assert!(self_link.attribute("href").unwrap().starts_with(BASE));
    feed.children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|entry| {
            let id = child_text(entry, "id");
            assert!(id.starts_with(BASE), "{id}");
            assert!(!child_text(entry, "title").is_empty());
            assert!(child_text(entry, "updated").ends_with("T00:00:00Z"));
            // RFC 4287 4.1.1: an entry without its own author has the feed's.
            let author = child(entry, "author")
                .or_else(|| child(feed, "author"))
                .expect("entry or feed author");
            assert!(!child_text(author, "name").is_empty());
            let href = child(entry, "link")
                .and_then(|l| l.attribute("href"))
                .unwrap();
            assert_eq!(href, id, "the id is the entry's canonical URL");
            id
        })
        .collect()
}

#[test]
fn atom_feeds_are_valid_and_complete() {
    let site = fixture();
    let out = build(&site, "out", false);
    let main = read(&out, "atom.xml");
    let ids = entry_ids(&main);
    assert_eq!(
        ids,
        [
            format!("{BASE}briefs/rockets/"),
            format!("{BASE}briefs/missiles/")
        ],
        "newest first, no draft"
    );
    assert!(main.contains("<updated>2021-07-07T00:00:00Z</updated>"));
    assert!(main.contains("<name>A. Writer</name>"), "source author");
    assert!(
        main.contains("<name>Fixture briefs</name>"),
        "site as author"
    );
    assert!(main.contains(&format!(
        "<category term=\"kataib-hezbollah\" scheme=\"{BASE}actors/\" label=\"Kata&apos;ib Hezbollah\"/>"
    )));
    assert!(main.contains(&format!(
        "<category term=\"rocket-attacks\" scheme=\"{BASE}tags/\" label=\"rocket attacks\"/>"
    )));
    assert_eq!(
        entry_ids(&read(&out, "actors/iran/atom.xml")),
        [format!("{BASE}briefs/missiles/")]
    );
    // An entity's feed lists briefs, not every entity each brief names (issue 26).
    let iran = read(&out, "actors/iran/atom.xml");
    assert!(
        !iran.contains(&format!("scheme=\"{BASE}actors/\"")),
        "{iran}"
    );
    assert!(
        roxmltree::Document::parse(&iran).is_ok(),
        "well-formed: {iran}"
    );
    assert!(
        entry_ids(&read(&out, "locations/ain-al-asad-air-base/atom.xml"))
            .contains(&format!("{BASE}briefs/rockets/"))
    );
    assert_eq!(
        entry_ids(&read(&out, "tags/rocket-attacks/atom.xml")),
        [format!("{BASE}briefs/rockets/")]
    );
    // An entity no brief mentions still has a valid (empty) feed, as its page links to it.
    assert!(entry_ids(&read(&out, "locations/north-gate/atom.xml")).is_empty());
    let page = Html::parse_document(&read(&out, "actors/iran/index.html"));
    let feeds = attrs(&page, "link[type='application/atom+xml']", "href");
    assert_eq!(feeds, ["../../atom.xml", "../../actors/iran/atom.xml"]);
}

#[test]
fn sitemap_lists_every_public_page_absolutely() {
    let site = fixture();
    let out = build(&site, "out", true);
    let xml = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let mut urls: BTreeMap<String, Option<String>> = BTreeMap::new();
    for url in doc.root_element().children().filter(|c| c.is_element()) {
        let text = |name: &str| {
            url.children()
                .find(|c| c.has_tag_name((ns, name)))
                .and_then(|c| c.text())
                .map(str::to_string)
        };
        urls.insert(text("loc").expect("loc"), text("lastmod"));
    }
    assert!(
        urls.keys().all(|u| u.starts_with(BASE) && u.ends_with('/')),
        "{urls:?}"
    );
    assert_eq!(urls[BASE], None);
    assert_eq!(
        urls[&format!("{BASE}briefs/rockets/")].as_deref(),
        Some("2021-07-07")
    );
    assert!(urls.contains_key(&format!("{BASE}locations/north-gate/")));
    assert!(
        !urls
            .keys()
            .any(|u| u.contains("404") || u.contains("draft"))
    );
    let html_files = common::walk(&out)
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert_eq!(urls.len(), html_files - 1, "every page but 404.html");
    assert_eq!(
        read(&out, "robots.txt").lines().last(),
        Some(format!("Sitemap: {BASE}sitemap.xml").as_str())
    );
}

fn jsonld(out: &Path, page: &str) -> serde_json::Value {
    let html = Html::parse_document(&read(out, page));
    let selector = Selector::parse("script[type='application/ld+json']").unwrap();
    let script = html.select(&selector).next().expect("a JSON-LD script");
    serde_json::from_str(&script.text().collect::<String>()).expect("valid JSON-LD")
}

#[test]
fn pages_describe_themselves_in_json_ld() {
    let site = fixture();
    let out = build(&site, "out", false);
    let article = jsonld(&out, "briefs/rockets/index.html");
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], "Rockets hit Ain al-Asad");
    assert_eq!(article["datePublished"], "2021-07-07");
    assert_eq!(article["url"], format!("{BASE}briefs/rockets/"));
    assert_eq!(article["author"]["name"], "A. Writer");
    assert_eq!(article["publisher"]["name"], "Fixture briefs");
    assert_eq!(article["about"]["@type"], "Event");
    assert_eq!(article["about"]["startDate"], "2021-07-07");
    // A brief names each entity by @id alone (issue 26); the entity's page describes it
    // under the same @id: its type, name, coordinates, Wikidata item.
    let mentions = article["mentions"].as_array().unwrap();
    let id = |path: &str| serde_json::Value::String(format!("{BASE}{path}"));
    for m in mentions {
        assert_eq!(m.as_object().map(|o| o.len()), Some(1), "only an @id: {m}");
    }
    for (path, kind) in [
        ("actors/wayne-marotto/", "Person"),
        ("actors/kataib-hezbollah/", "Organization"),
        ("locations/ain-al-asad-air-base/", "Place"),
    ] {
        assert!(mentions.iter().any(|m| m["@id"] == id(path)), "{path}");
        let own = jsonld(&out, &format!("{path}index.html"));
        assert_eq!(
            (&own["@id"], own["@type"].as_str()),
            (&id(path), Some(kind))
        );
    }
    let place = jsonld(&out, "locations/ain-al-asad-air-base/index.html");
    assert_eq!(place["geo"]["@type"], "GeoCoordinates");
    assert_eq!(
        (
            place["geo"]["latitude"].as_f64(),
            place["geo"]["longitude"].as_f64()
        ),
        (Some(33.8), Some(42.44))
    );
    let missiles = jsonld(&out, "briefs/missiles/index.html");
    let iran = id("actors/iran/");
    assert!(
        missiles["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["@id"] == iran)
    );
    let actor = jsonld(&out, "actors/iran/index.html");
    assert_eq!(actor["@id"], iran);
    assert_eq!(actor["sameAs"], "https://www.wikidata.org/wiki/Q794");
    let claim = jsonld(&out, "incidents/2020-05-claim/index.html");
    assert_eq!(
        (claim["@type"].as_str(), claim["startDate"].as_str()),
        (Some("Event"), Some("2020-05"))
    );
    assert_eq!(jsonld(&out, "index.html")["@type"], "WebSite");
}

#[test]
fn github_pages_files() {
    let site = fixture();
    let out = build(&site, "out", false);
    assert_eq!(read(&out, ".nojekyll"), "");
    assert!(!out.join("CNAME").exists());
    site.write(
        "config.toml",
        "title = \"Fixture briefs\"\nbase_url = \"https://example.github.io/repo\"\ncname = \"briefs.example.org\"\n",
    );
    let out = build(&site, "out", false);
    assert_eq!(read(&out, "CNAME"), "briefs.example.org\n");
}

#[test]
fn builds_are_deterministic_in_both_url_modes() {
    let site = fixture();
    for file_urls in [false, true] {
        let first = common::walk(&build(&site, "one", file_urls));
        let second = common::walk(&build(&site, "two", file_urls));
        assert_eq!(first.len(), second.len());
        for (path, bytes) in &first {
            assert!(
                second.get(path) == Some(bytes),
                "{} differs between builds",
                path.display()
            );
        }
    }
}

#[test]
fn drafts_stay_out_of_feeds_sitemaps_and_data() {
    let site = fixture();
    let output = site.root().join("drafts");
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: Some(output.clone()),
        drafts: true,
        ..BuildOptions::default()
    };
    gloss::build(&options).unwrap_or_else(|e| panic!("build failed: {:?}", e.sorted()));
    assert!(output.join("briefs/draft/index.html").is_file());
    for file in ["atom.xml", "sitemap.xml", "data/briefs.json"] {
        assert!(!read(&output, file).contains("briefs/draft"), "{file}");
    }
    assert!(read(&output, "atom.xml").contains("<updated>2021-07-07T00:00:00Z</updated>"));
}

/// The data files are streamed to disk on a first build and held whole on a rebuild; either
/// way the "Open data" page shows each file's size as written, and a rebuild writes the same
/// bytes.
/// Issue 26: a brief's sidebar links its entities; their summaries are on their pages and
/// in the hover cards, not repeated on every brief.
#[test]
fn brief_sidebars_link_entities_without_repeating_their_summaries() {
    let site = fixture();
    let out = build(&site, "out", false);
    let html = read(&out, "briefs/rockets/index.html");
    let page = Html::parse_document(&html);
    assert!(!attrs(&page, ".sidebar-actors a", "href").is_empty());
    assert!(!html.contains("entity-summary"), "{html}");
    assert!(
        !html.contains("data:image/svg"),
        "the icon is one shared file"
    );
    assert!(out.join("favicon.svg").is_file());
}
