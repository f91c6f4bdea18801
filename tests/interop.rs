//! The exports for other tools: `data/annotations.jsonld` (W3C Web Annotation) of the demo
//! site, checked against the Web Annotation model and against the articles it quotes, and
//! `data/incidents-acled.csv` with ACLED's columns and precision codes.

mod common;

use std::path::Path;

use common::Site;
use serde_json::Value;

/// The repository's demo site, copied into a temporary folder and built there.
fn demo() -> Site {
    let site = Site::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for top in ["content", "templates", "static"] {
        if repo.join(top).is_dir() {
            for (path, bytes) in common::walk(&repo.join(top)) {
                let to = site.root().join(top).join(path);
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::write(to, bytes).unwrap();
            }
        }
    }
    std::fs::copy(repo.join("config.toml"), site.root().join("config.toml")).unwrap();
    site.build();
    site
}

/// Whitespace collapsed, so a quote and its context compare with the article as pasted.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article text of the brief at `url` (`…/briefs/<slug>/#note-N`) in the demo.
fn article(url: &str) -> String {
    let slug = url
        .split("/briefs/")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap();
    let briefs = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/briefs");
    ["article.txt", "article.md", "index.md"]
        .iter()
        .map(|f| briefs.join(slug).join(f))
        .chain([briefs.join(format!("{slug}.md"))])
        .find_map(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_else(|| panic!("no article for {slug}"))
}

fn check_target(target: &Value) {
    let source = target["source"].as_str().expect("source");
    assert!(
        source.starts_with("https://") || source.starts_with("http://"),
        "{source}"
    );
    let selectors = target["selector"].as_array().expect("selectors");
    let quote = selectors
        .iter()
        .find(|s| s["type"] == "TextQuoteSelector")
        .expect("quote selector");
    let exact = quote["exact"].as_str().expect("exact");
    assert!(!exact.is_empty());
    assert!(quote["prefix"].is_string() && quote["suffix"].is_string());
    let position = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector")
        .expect("position selector");
    let (start, end) = (
        position["start"].as_u64().unwrap(),
        position["end"].as_u64().unwrap(),
    );
    assert_eq!(end - start, exact.chars().count() as u64);
}

#[test]
fn every_note_is_a_web_annotation_that_finds_its_passage() {
    let site = demo();
    let file: Value = serde_json::from_str(&site.read("data/annotations.jsonld")).expect("JSON");
    assert_eq!(file["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(file["type"], "AnnotationCollection");
    assert_eq!(file["first"]["type"], "AnnotationPage");
    let items = file["first"]["items"].as_array().expect("items");
    assert!(items.len() >= 5, "the demo's notes: {}", items.len());
    for a in items {
        assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(a["type"], "Annotation");
        let id = a["id"].as_str().expect("id");
        assert!(id.contains("/briefs/") && id.contains("#note-"), "{id}");
        assert_eq!(a["body"]["type"], "TextualBody");
        assert!(!a["body"]["value"].as_str().unwrap().is_empty());
        let targets = a["target"].as_array().expect("targets");
        assert!(
            targets.last().unwrap()["source"]
                .as_str()
                .unwrap()
                .contains("/briefs/"),
            "the gloss page is a target"
        );
        targets.iter().for_each(check_target);
        let quote = &targets[0]["selector"][0];
        let text = squash(&article(id));
        let passage = squash(&format!(
            "{}{}{}",
            quote["prefix"].as_str().unwrap(),
            quote["exact"].as_str().unwrap(),
            quote["suffix"].as_str().unwrap()
        ));
        assert!(
            text.contains(&passage),
            "{id}: `{passage}` is not in the article"
        );
    }

    // The data page lists the new files.
    let data = site.read("data/index.html");
    assert!(data.contains("annotations.jsonld") && data.contains("incidents-acled.csv"));

    // ACLED's columns and precision codes.
    let csv = site.read("data/incidents-acled.csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    for column in [
        "event_id_cnty",
        "event_date",
        "time_precision",
        "actor1",
        "latitude",
        "fatalities",
        "geo_precision",
    ] {
        assert!(headers.iter().any(|h| h == column), "{column}");
    }
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    for row in reader.records() {
        let row = row.unwrap();
        let date = &row[at("event_date")];
        assert_eq!(date.len(), 10, "ACLED dates are whole days: {date}");
        assert!(matches!(&row[at("time_precision")], "1" | "3"));
    }
}

#[test]
fn a_note_targets_the_original_article_first_and_the_brief_second() {
    let site = Site::fixture();
    site.build();
    let file: Value = serde_json::from_str(&site.read("data/annotations.jsonld")).expect("JSON");
    let items = file["first"]["items"].as_array().expect("items");
    let rockets = items
        .iter()
        .find(|a| a["id"].as_str().unwrap().contains("/briefs/rockets/#note-"))
        .expect("the rockets brief's note");
    let targets = rockets["target"].as_array().unwrap();
    assert_eq!(targets.len(), 2);
    assert_eq!(targets[0]["source"], "https://example.com/story");
    assert_eq!(
        targets[1]["source"],
        "https://example.github.io/repo/briefs/rockets/"
    );
    assert_eq!(targets[0]["selector"], targets[1]["selector"]);
    targets.iter().for_each(check_target);
}
