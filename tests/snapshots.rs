//! Snapshots of what the base fixture (`tests/fixtures/sites/base/`) builds: the annotated
//! article of its central brief and one output of every kind. They pin the rendered output so a
//! refactor of the stages or templates that changes a page shows the change as a diff.
//!
//! HTML pages are snapshotted as their page-specific parts (title, description, Open Graph
//! tags, canonical and feed links, stylesheets, scripts and structured data, the body's class,
//! the `.page-body` with main and sidebar, and any script after it); the whole head and the
//! site header and footer, the same on every page, are snapshotted once with the home page.
//! Feeds and data files are snapshotted whole.
//!
//! When a change is intended, review it and accept it with `INSTA_UPDATE=always cargo test
//! --test snapshots` (or `cargo insta review`), then commit the `.snap` files.

mod common;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use assert_cmd::Command;
use scraper::{Html, Selector};

/// The base fixture, built once for every test of this file into a folder under the target
/// directory (recreated on each run, so no temporary folder is left behind).
static BUILT: LazyLock<PathBuf> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshots-base");
    if root.exists() {
        std::fs::remove_dir_all(&root).expect("remove the previous snapshot build");
    }
    for (path, bytes) in common::walk(&common::fixtures().join("sites/base")) {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().expect("has parent")).expect("mkdir");
        std::fs::write(full, bytes).expect("write");
    }
    let output = Command::cargo_bin("gloss")
        .expect("binary")
        .arg("--root")
        .arg(&root)
        .arg("build")
        .output()
        .expect("run gloss");
    assert!(
        output.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    root.join("public")
});

/// A built file under `public/`.
fn read(path: &str) -> String {
    let full = BUILT.join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
}

/// The outer HTML of every element matching `selector`, in document order.
fn select(html: &Html, selector: &str) -> Vec<String> {
    let parsed = Selector::parse(selector).expect("valid selector");
    html.select(&parsed).map(|e| e.html()).collect()
}

/// The page-specific parts of a built HTML page, in document order of the list below.
fn page(path: &str) -> String {
    let html = Html::parse_document(&read(path));
    let mut parts = Vec::new();
    for selector in [
        "head > title",
        "head > meta[name=description]",
        "head > meta[property]",
        "head > link[rel=canonical]",
        "head > link[rel=alternate]",
        "head > link[rel=stylesheet]",
        "head > script",
    ] {
        parts.extend(select(&html, selector));
    }
    let body = select(&html, "body").len();
    assert_eq!(body, 1, "{path}: one body");
    let class = Selector::parse("body").expect("valid selector");
    let class = html
        .select(&class)
        .next()
        .and_then(|b| b.value().attr("class"))
        .unwrap_or_default();
    parts.push(format!("<body class=\"{class}\">"));
    let main = select(&html, "body > div.page-body");
    assert_eq!(main.len(), 1, "{path}: one .page-body");
    parts.extend(main);
    parts.extend(select(&html, "body > script"));
    parts.join("\n")
}

#[test]
fn central_brief_annotated_article() {
    let html = Html::parse_document(&read("briefs/rockets/index.html"));
    let article = select(&html, ".article");
    assert_eq!(article.len(), 1, "one annotated article");
    insta::assert_snapshot!(article[0]);
}

#[test]
fn home_page_with_site_chrome() {
    let html = Html::parse_document(&read("index.html"));
    let mut parts = select(&html, "head");
    parts.extend(select(&html, "body > header.site-header"));
    parts.extend(select(&html, "body > footer.site-footer"));
    assert_eq!(parts.len(), 3, "head, site header and footer");
    insta::assert_snapshot!("site_chrome", parts.join("\n"));
    insta::assert_snapshot!(page("index.html"));
}

#[test]
fn brief_page() {
    insta::assert_snapshot!(page("briefs/rockets/index.html"));
}

#[test]
fn actor_page() {
    insta::assert_snapshot!(page("actors/kataib-hezbollah/index.html"));
}

#[test]
fn location_page() {
    insta::assert_snapshot!(page("locations/ain-al-asad-air-base/index.html"));
}

#[test]
fn incident_page() {
    insta::assert_snapshot!(page("incidents/2021-07-07-rockets/index.html"));
}

#[test]
fn tag_page() {
    insta::assert_snapshot!(page("tags/iraq/index.html"));
}

#[test]
fn timeline_year_page() {
    insta::assert_snapshot!(page("timeline/2020/index.html"));
}

#[test]
fn section_listing_page() {
    insta::assert_snapshot!(page("actors/index.html"));
}

#[test]
fn incident_listing_page() {
    insta::assert_snapshot!(page("incidents/index.html"));
}

#[test]
fn plain_page() {
    insta::assert_snapshot!(page("pages/about/index.html"));
}

#[test]
fn search_page() {
    insta::assert_snapshot!(page("search/index.html"));
}

#[test]
fn data_page() {
    insta::assert_snapshot!(page("data/index.html"));
}

#[test]
fn map_page() {
    insta::assert_snapshot!(page("map/index.html"));
}

#[test]
fn not_found_page() {
    insta::assert_snapshot!(page("404.html"));
}

#[test]
fn atom_feed() {
    insta::assert_snapshot!(read("atom.xml"));
}

#[test]
fn briefs_data_file() {
    insta::assert_snapshot!(read("data/briefs.json"));
}

#[test]
fn incidents_data_file() {
    insta::assert_snapshot!(read("data/incidents.csv"));
}
