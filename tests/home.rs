//! The reader's front door: the home page leads with the newest brief and marks old briefs
//! with their year; the data page lists each data file with its size, its field documentation
//! and the site's licence; incidents link their first source.

mod common;

use common::{Site, attrs, texts};

#[test]
fn home_page_leads_with_the_newest_brief_and_dates_old_ones() {
    let site = Site::fixture();
    site.build();
    let home = site.page("index.html");
    let lead = attrs(&home, ".home-lead .brief-card-lead .card-title a", "href");
    let all = attrs(&home, ".brief-card .card-title a", "href");
    assert_eq!(lead.len(), 1, "one lead brief on page 1");
    assert_eq!(lead[0], all[0], "the lead is the newest brief");
    assert!(
        !texts(&home, ".brief-card-lead .card-summary").is_empty(),
        "the lead shows its summary"
    );
    assert_eq!(
        attrs(
            &home,
            ".home-secondary .brief-card-secondary .card-title a",
            "href"
        ),
        all[1..].to_vec(),
        "the next briefs form the secondary row"
    );
    // The fixture's second brief is more than a year older than its newest.
    let years = texts(&home, ".card-year");
    assert_eq!(years, vec!["2020".to_string()], "{years:?}");
    assert!(texts(&home, ".brief-card-lead .card-year").is_empty());
}

#[test]
fn data_page_lists_each_file_with_its_size_and_fields() {
    let site = Site::fixture();
    site.build();
    let page = site.page("data/index.html");
    let html = site.read("data/index.html");
    let sizes = attrs(&page, ".data-size data", "value");
    let links = attrs(&page, ".data-table a[download]", "href");
    assert_eq!(links.len(), 6, "{links:?}");
    assert_eq!(sizes.len(), 6, "every file has a size");
    for (link, size) in links.iter().zip(&sizes) {
        let name = link.rsplit('/').next().unwrap_or_default();
        let bytes = std::fs::metadata(site.public().join("data").join(name))
            .map(|m| m.len())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            size,
            &bytes.to_string(),
            "the size of {name} is its real size"
        );
    }
    for file in [
        "briefs.json",
        "entities.json",
        "incidents.geojson",
        "incidents.csv",
        "incidents-acled.csv",
        "annotations.jsonld",
    ] {
        assert!(
            texts(&page, ".data-fields h2").iter().any(|h| h == file),
            "{file} has field documentation"
        );
    }
    assert!(html.contains("prior_incidents") && html.contains("located_at"));
    assert!(
        html.contains("get a leading <code>'</code>"),
        "the CSV note"
    );
    assert!(
        html.contains("See the site&#39;s about page."),
        "default licence"
    );
}

#[test]
fn the_configured_licence_shows_on_the_data_page() {
    let site = Site::fixture();
    let config = std::fs::read_to_string(site.root().join("config.toml")).expect("config");
    site.write("config.toml", &format!("license = \"CC BY 4.0\"\n{config}"));
    site.build();
    assert_eq!(
        texts(&site.page("data/index.html"), ".data-license"),
        vec!["Licence: CC BY 4.0".to_string()]
    );
}

#[test]
fn incidents_link_their_first_source() {
    let site = Site::fixture();
    site.build();
    // A brief's sidebar links the incident, whose page names the source (issue 26).
    for path in [
        "actors/iran/index.html",
        "locations/ain-al-asad-air-base/index.html",
    ] {
        let links = attrs(&site.page(path), ".incident-source a[rel=noopener]", "href");
        assert!(!links.is_empty(), "{path} links an incident's source");
        assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
    }
}
