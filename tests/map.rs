//! The site map and locator maps on the fixture site: `/map/` exists, every located incident
//! and location is a linked point with an accessible name, the same points are listed as
//! plain links, what cannot be mapped is said, and location pages carry a locator map.

mod common;

use std::collections::BTreeSet;

use common::{Site, attrs, fixtures, texts};

/// A front-matter string value (`key = "value"`) of a fixture file.
fn field(text: &str, key: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{key} = \"")))
        .and_then(|rest| rest.split('"').next())
        .map(str::to_string)
}

/// Slugs of the fixture's incidents whose location has coordinates, read from the content.
fn located_incidents() -> (BTreeSet<String>, BTreeSet<String>) {
    let content = fixtures().join("sites/base/content");
    let mut located = BTreeSet::new();
    let mut unlocated = BTreeSet::new();
    for entry in std::fs::read_dir(content.join("incidents"))
        .expect("incidents")
        .flatten()
    {
        let slug = entry
            .path()
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(entry.path()).expect("read");
        let has_coordinates = field(&text, "location").is_some_and(|l| {
            std::fs::read_to_string(content.join(format!("locations/{l}.md")))
                .expect("location file")
                .contains("\ncoordinates = ")
        });
        if has_coordinates {
            located.insert(slug);
        } else {
            unlocated.insert(slug);
        }
    }
    (located, unlocated)
}

#[test]
fn every_located_incident_is_a_named_link_on_the_map() {
    let site = Site::fixture();
    site.build();
    let page = site.page("map/index.html");
    let (located, unlocated) = located_incidents();
    assert!(
        !located.is_empty() && !unlocated.is_empty(),
        "the fixture has both kinds"
    );
    let hrefs: BTreeSet<String> = attrs(
        &page,
        "svg.map-full a.map-point[data-kind=incident]",
        "href",
    )
    .into_iter()
    .collect();
    let expected: BTreeSet<String> = located
        .iter()
        .map(|s| format!("../incidents/{s}/"))
        .collect();
    assert_eq!(hrefs, expected);
    let names = attrs(
        &page,
        "svg.map-full a.map-point[data-kind=incident]",
        "aria-label",
    );
    let titles = texts(&page, "svg.map-full a.map-point[data-kind=incident] title");
    assert_eq!(names.len(), located.len());
    assert_eq!(names, titles, "aria-label and <title> agree");
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("Rockets hit the base (7 July 2021, confirmed)")),
        "{names:?}"
    );
    assert!(
        names
            .iter()
            .all(|n| n.contains("incident at Ain al-Asad Air Base")),
        "{names:?}"
    );
    // The location is a point too, and labelled on the map.
    assert_eq!(
        attrs(
            &page,
            "svg.map-full a.map-point[data-kind=location]",
            "href"
        ),
        ["../locations/ain-al-asad-air-base/"]
    );
    assert!(
        texts(&page, "svg.map-full a.map-point[data-kind=location] text")
            .contains(&"Ain al-Asad Air Base".to_string())
    );
    // The phone crop holds the same points.
    assert_eq!(
        attrs(&page, "svg.map-phone a.map-point", "href").len(),
        attrs(&page, "svg.map-full a.map-point", "href").len()
    );
    // The same points as plain links below the map, and what is not on it, said.
    let listed: BTreeSet<String> = attrs(&page, ".map-list a", "href").into_iter().collect();
    for slug in located.iter().chain(&unlocated) {
        assert!(
            listed.contains(&format!("../incidents/{slug}/")),
            "{slug} not listed"
        );
    }
    let unmapped = texts(&page, "#map-unmapped-h");
    assert_eq!(
        unmapped,
        [format!("Not on the map ({})", unlocated.len() + 2)]
    );
    // The map shows the region, not the world: Iraq's neighbours are named.
    let svg = site.read("map/index.html");
    assert!(
        svg.contains(">SYRIA<") && svg.contains(">JORDAN<"),
        "neighbours named"
    );
    assert!(!svg.contains(">CANADA<"));
}

#[test]
fn locator_maps_sit_on_location_and_incident_pages_with_coordinates() {
    let site = Site::fixture();
    site.build();
    let page = site.page("locations/ain-al-asad-air-base/index.html");
    assert_eq!(
        attrs(&page, ".locator svg.map-locator", "aria-label"),
        ["Locator map: Ain al-Asad Air Base"]
    );
    assert_eq!(attrs(&page, ".locator a.map-point", "href"), ["../../map/"]);
    assert_eq!(
        attrs(&page, ".locator a.map-point", "aria-label"),
        ["Ain al-Asad Air Base, on the site map"]
    );
    let incident = site.page("incidents/2021-07-07-rockets/index.html");
    assert_eq!(
        attrs(&incident, ".locator a.map-point", "href"),
        ["../../locations/ain-al-asad-air-base/"]
    );
    // No coordinates, no locator map (and no empty figure).
    let anbar = site.page("locations/anbar-province/index.html");
    assert!(attrs(&anbar, ".locator", "class").is_empty());
    let claim = site.page("incidents/2020-05-claim/index.html");
    assert!(attrs(&claim, ".locator", "class").is_empty());
}

#[test]
fn the_map_is_in_the_nav_and_sitemap_and_works_from_disk() {
    let site = Site::fixture();
    site.build();
    let home = site.page("index.html");
    assert!(attrs(&home, ".site-nav a", "href").contains(&"map/".to_string()));
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://example.github.io/repo/map/</loc>")
    );
    let first = site.read("map/index.html");
    site.build();
    assert_eq!(
        first,
        site.read("map/index.html"),
        "same content, same bytes"
    );
    let run = site.run(&["build", "--file-urls"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("map/index.html");
    let hrefs = attrs(&page, "a.map-point", "href");
    assert!(
        !hrefs.is_empty() && hrefs.iter().all(|h| h.ends_with("/index.html")),
        "{hrefs:?}"
    );
}

#[test]
fn crowded_sites_draw_one_point_per_place() {
    let site = Site::fixture();
    // More located incidents than /map/ draws one by one (MAX_INCIDENT_POINTS = 400).
    for i in 0..401 {
        site.write(
            &format!("content/incidents/crowd-{i}.md"),
            &format!("+++\ntitle = \"Crowd {i}\"\ndate = 2021-01-01\nlocation = \"ain-al-asad-air-base\"\n+++\nX.\n"),
        );
    }
    site.build();
    let page = site.page("map/index.html");
    assert!(
        attrs(
            &page,
            "svg.map-full a.map-point[data-kind=incident]",
            "href"
        )
        .is_empty()
    );
    let names = attrs(
        &page,
        "svg.map-full a.map-point[data-kind=location]",
        "aria-label",
    );
    assert_eq!(names, ["Ain al-Asad Air Base, location, 403 incidents"]);
    assert_eq!(
        texts(&page, ".map-note"),
        [
            "403 incidents are located: too many to draw one by one, so each place's point and entry below counts them, and its page lists them."
        ]
    );
    assert!(site.read("map/index.html").len() < 60_000);
}

/// Builds `site`, which must succeed, and parses its `/map/`.
fn built_map(site: &Site) -> scraper::Html {
    let run = site.build();
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    site.page("map/index.html")
}

#[test]
fn not_on_the_map_stops_at_its_limit_and_counts_the_rest() {
    let site = Site::empty();
    for i in 0..510 {
        site.write(
            &format!("content/incidents/strike-{i:03}.md"),
            &format!("+++\ntitle = \"Strike {i:03}\"\ndate = 2021-03-03\n+++\nWhat happened.\n"),
        );
    }
    let page = built_map(&site);
    assert_eq!(
        texts(&page, "#map-unmapped-h"),
        ["Not on the map (510)".to_string()]
    );
    let rows = attrs(
        &page,
        "section[aria-labelledby=map-unmapped-h] li a",
        "href",
    );
    assert_eq!(rows.len(), 500);
    assert_eq!(
        texts(&page, ".map-more"),
        ["The first 500 of 510: the open data lists every incident with its location and every location with its coordinates.".to_string()]
    );
    assert_eq!(attrs(&page, ".map-more a", "href"), ["../data/"]);
}

#[test]
fn a_map_of_many_places_draws_the_busiest_and_says_so() {
    let site = Site::empty();
    for i in 0..520 {
        let (lat, lon) = (30.0 + (i % 26) as f64 * 0.25, 40.0 + (i / 26) as f64 * 0.35);
        site.write(
            &format!("content/locations/place-{i:03}.md"),
            &format!("+++\nname = \"Place {i:03}\"\ncoordinates = [{lat}, {lon}]\n+++\nA place.\n"),
        );
    }
    // Place 519 is the busiest, so it is drawn although it sorts last by name.
    site.write(
        "content/incidents/strike.md",
        "+++\ntitle = \"Strike\"\ndate = 2021-03-03\nlocation = \"place-519\"\n+++\nWhat happened.\n",
    );
    let page = built_map(&site);
    let points = attrs(
        &page,
        "svg.map-full a.map-point[data-kind=location]",
        "href",
    );
    assert_eq!(points.len(), 300);
    assert!(points.contains(&"../locations/place-519/".to_string()));
    assert_eq!(
        texts(&page, ".map-note"),
        ["The map draws the 300 places with the most incidents; 220 more are located but not drawn.".to_string()]
    );
    assert_eq!(
        texts(&page, "#map-locations-h"),
        ["Locations on the map (520)".to_string()]
    );
    let rows = attrs(
        &page,
        "section[aria-labelledby=map-locations-h] li > a",
        "href",
    );
    assert_eq!(rows.len(), 500);
    assert!(rows.contains(&"../locations/place-519/".to_string()));
    assert_eq!(
        texts(&page, "section[aria-labelledby=map-locations-h] .map-more"),
        ["The 500 with the most incidents, of 520: the open data lists every location with its coordinates.".to_string()]
    );
    assert!(site.read("map/index.html").len() < 300_000);
}
