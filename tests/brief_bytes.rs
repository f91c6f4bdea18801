//! A brief page carries what is its own and nothing twice (issue 26): entities are named in
//! JSON-LD by `@id` alone, the page holds no per-entity card data, the sidebars do not repeat
//! the glance, and the fixture's central brief stays under a byte budget so that markup
//! added to every brief shows up here as a failure rather than in a 10,000-brief archive.

mod common;

use common::Site;

/// The fixture's central brief, many actors, places, notes and prior incidents.
const CENTRAL: &str = "briefs/rockets/index.html";

/// The central brief's page was 12,758 bytes before issue 26, 9,483 after its first round and
/// is 9,018 now (unindented chrome, compact prior incidents and pager); a little room for
/// wording, none for a new copy of the sidebars or of the entities' names.
const CENTRAL_BUDGET: usize = 9_300;

/// The text of the one `<script>` element whose opening tag contains `open`.
fn script<'a>(html: &'a str, open: &str) -> &'a str {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}"));
    let body = start + html[start..].find('>').expect("tag closes") + 1;
    let end = body + html[body..].find("</script>").expect("script closes");
    &html[body..end]
}

#[test]
fn a_brief_names_each_entity_in_json_ld_by_id_only() {
    let site = Site::fixture();
    site.build();
    let html = site.read(CENTRAL);
    let raw = script(&html, "<script type=\"application/ld+json\"");
    let doc: serde_json::Value = serde_json::from_str(raw).expect("JSON-LD parses");
    assert_eq!(doc["@type"], "NewsArticle");
    let mentions = doc["mentions"].as_array().expect("mentions");
    assert!(mentions.len() >= 3, "{raw}");
    for m in mentions {
        let keys: Vec<&String> = m.as_object().expect("an object").keys().collect();
        assert_eq!(keys, ["@id"], "a mention is a reference: {m}");
        let id = m["@id"].as_str().expect("an @id");
        assert!(id.starts_with("https://"), "absolute: {id}");
    }
    // The summary is the page's meta description, not repeated in the JSON-LD.
    assert!(doc.get("description").is_none(), "{raw}");
    assert!(
        html.contains("<meta name=\"description\" content=\""),
        "{html}"
    );
    for name in ["Kata'ib Hezbollah", "Wayne Marotto", "Ain al-Asad Air Base"] {
        assert!(!raw.contains(name), "JSON-LD repeats {name}: {raw}");
    }
    // The entity's own page says what the @id is.
    let own = site.read("actors/wayne-marotto/index.html");
    let entity = script(&own, "<script type=\"application/ld+json\"");
    assert!(entity.contains("Wayne Marotto"), "{entity}");
}

#[test]
fn a_brief_page_holds_no_per_entity_data_twice() {
    let site = Site::fixture();
    site.build();
    let html = site.read(CENTRAL);
    let cards = script(&html, "id=\"gloss-cards\"");
    for slug in ["wayne-marotto", "kataib-hezbollah", "ain-al-asad-air-base"] {
        assert!(!cards.contains(slug), "card JSON names {slug}: {cards}");
    }
    // Each entity's page link appears in the sidebar once and in the article's first mention:
    // the glance links to the sidebars instead of listing the entities again.
    let links = html.matches("href=\"../../actors/wayne-marotto/\"").count();
    assert_eq!(links, 2, "the sidebar and the first mention");
    assert!(
        !html.contains("<p class=\"entity-meta\"></p>"),
        "no empty paragraphs"
    );
    assert!(
        !html.contains("Listed by the editor; not named in the article"),
        "no sentence repeated per sidebar line"
    );
}

#[test]
fn the_central_brief_stays_within_its_byte_budget() {
    let site = Site::fixture();
    site.build();
    let bytes = site.read(CENTRAL).len();
    assert!(
        bytes <= CENTRAL_BUDGET,
        "{CENTRAL} is {bytes} bytes, over its budget of {CENTRAL_BUDGET}: what did every brief gain?"
    );
}

#[test]
fn the_brief_page_has_no_indentation_or_blank_lines() {
    let site = Site::fixture();
    site.build();
    let html = site.read(CENTRAL);
    // Whitespace in the site header, footer and brief templates is repeated on every page.
    let padded: Vec<&str> = html
        .lines()
        .filter(|l| l.is_empty() || l.starts_with(' '))
        .collect();
    assert!(padded.is_empty(), "indented or blank lines: {padded:?}");
}

#[test]
fn a_prior_incident_is_one_compact_line() {
    let site = Site::fixture();
    site.build();
    let html = site.read(CENTRAL);
    let start = html
        .find("class=\"incident-list\"")
        .expect("prior incidents");
    let end = start + html[start..].find("</section>").expect("section closes");
    let list = &html[start..end];
    // Status as a coloured word, the date as month and year, the reason short.
    assert!(
        list.contains("<b class=\"status-claimed\">claimed</b>"),
        "{list}"
    );
    assert!(
        list.contains(">May 2020</time>, 14 months earlier; shared: "),
        "{list}"
    );
    assert!(list.contains("; listed</li>"), "{list}");
    for gone in [
        "<span class=\"status",
        "<small>",
        "shared actor",
        "listed by the editor",
    ] {
        assert!(!list.contains(gone), "{gone} in {list}");
    }
}
