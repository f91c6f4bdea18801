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

/// Where a reader can get from the map drawn in `svg` (`map-full` or `map-phone`): the
/// links of its lone points, and those in the list entry each cluster's point leads to.
fn reachable(page: &scraper::Html, svg: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for href in attrs(page, &format!("svg.{svg} a.map-point"), "href") {
        match href.strip_prefix('#') {
            Some(id) => {
                let members = attrs(page, &format!("li.map-group#{id} a"), "href");
                assert!(!members.is_empty(), "{href} leads to an entry with links");
                out.extend(members);
            }
            None => {
                out.insert(href);
            }
        }
    }
    out
}

#[test]
fn every_located_incident_is_reachable_from_the_map() {
    let site = Site::fixture();
    site.build();
    let page = site.page("map/index.html");
    let (located, unlocated) = located_incidents();
    assert!(
        !located.is_empty() && !unlocated.is_empty(),
        "the fixture has both kinds"
    );
    // Every located incident is at Ain al-Asad: one cluster, counting them, named in words.
    let names = attrs(&page, "svg.map-full a.map-point", "aria-label");
    assert_eq!(
        names,
        [format!(
            "Ain al-Asad Air Base: {} incidents (list)",
            located.len()
        )]
    );
    assert_eq!(
        names,
        texts(&page, "svg.map-full a.map-point title"),
        "aria-label and <title> agree"
    );
    assert_eq!(
        texts(&page, "svg.map-full a.map-point .map-count"),
        [located.len().to_string()]
    );
    // Its label stays on both maps.
    for svg in ["map-full", "map-phone"] {
        assert_eq!(
            texts(&page, &format!("svg.{svg} a.map-point .map-label")),
            ["Ain al-Asad Air Base"],
            "{svg}"
        );
    }
    // The cluster leads to its entry below the map, which lists the place and its incidents;
    // both maps reach the same links.
    let mut expected: BTreeSet<String> = located
        .iter()
        .map(|s| format!("../incidents/{s}/"))
        .collect();
    expected.insert("../locations/ain-al-asad-air-base/".into());
    assert_eq!(reachable(&page, "map-full"), expected);
    assert_eq!(reachable(&page, "map-phone"), expected);
    assert_eq!(
        texts(&page, "li.map-group > .map-group-name"),
        ["Ain al-Asad Air Base"]
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

/// A location file with coordinates.
fn place(site: &Site, slug: &str, name: &str, (lat, lon): (f64, f64)) {
    site.write(
        &format!("content/locations/{slug}.md"),
        &format!("+++\nname = {name:?}\ncoordinates = [{lat}, {lon}]\n+++\nA place.\n"),
    );
}

/// `n` incident files at the location `slug`.
fn incidents_at(site: &Site, slug: &str, n: usize) {
    for i in 0..n {
        site.write(
            &format!("content/incidents/{slug}-{i}.md"),
            &format!(
                "+++\ntitle = \"Strike {i} at {slug}\"\ndate = 2021-03-0{}\nlocation = \"{slug}\"\n+++\nWhat happened.\n",
                i % 9 + 1
            ),
        );
    }
}

#[test]
fn points_that_overlap_form_a_cluster_counting_its_incidents() {
    let site = Site::empty();
    // Baghdad and its airport overlap at the drawn scale; Erbil and Basra stand apart.
    place(&site, "baghdad", "Baghdad", (33.31, 44.36));
    place(&site, "airport", "Baghdad airport", (33.26, 44.23));
    place(&site, "erbil", "Erbil", (36.19, 44.01));
    place(&site, "basra", "Basra", (30.5, 47.8));
    incidents_at(&site, "baghdad", 3);
    incidents_at(&site, "airport", 2);
    let page = built_map(&site);
    for svg in ["map-full", "map-phone"] {
        let kinds = attrs(&page, &format!("svg.{svg} a.map-point"), "data-kind");
        assert_eq!(kinds, ["cluster", "location", "location"], "{svg}");
        assert_eq!(
            attrs(&page, &format!("svg.{svg} a.map-point"), "aria-label"),
            [
                "Baghdad: 5 incidents at 2 places nearby (list)",
                "Basra, location",
                "Erbil, location"
            ],
            "{svg}"
        );
        assert_eq!(
            texts(&page, &format!("svg.{svg} .map-count")),
            ["5"],
            "{svg}"
        );
    }
    // The cluster's entry holds both places and all five incidents; the lone places are
    // plain rows; the list is by name.
    assert_eq!(
        attrs(&page, "svg.map-full a.map-point", "href")[0],
        "#map-c-1"
    );
    let members = attrs(&page, "li.map-group#map-c-1 a", "href");
    assert_eq!(members.len(), 7, "{members:?}");
    assert_eq!(texts(&page, "#map-c-1 > .count"), ["2 places, 5 incidents"]);
    assert_eq!(
        attrs(&page, ".map-groups > li > a", "href"),
        ["../locations/basra/", "../locations/erbil/"]
    );
    // The legend explains the numbered points.
    assert!(
        texts(&page, ".map-legend li")
            .iter()
            .any(|t| t.contains("Places close together"))
    );
}

#[test]
fn names_are_escaped_in_the_svg_and_the_list() {
    let site = Site::empty();
    let name = r#"Tom & "Jerry" <b>'s</b>"#;
    place(&site, "odd", name, (33.31, 44.36));
    place(&site, "near", "Near <i>", (33.3, 44.35));
    incidents_at(&site, "odd", 1);
    let page = built_map(&site);
    let html = site.read("map/index.html");
    assert!(
        !html.contains("<b>") && !html.contains("<i>"),
        "no raw markup"
    );
    assert!(
        html.contains(
            r#"aria-label="Tom &amp; &quot;Jerry&quot; &lt;b&gt;&apos;s&lt;/b&gt;: 1 incident at 2"#
        ),
        "{html}"
    );
    // Parsed back, the names read as written.
    assert_eq!(texts(&page, "svg.map-full .map-label"), [name.to_string()]);
    assert_eq!(
        texts(&page, "svg.map-full a.map-point title"),
        [format!("{name}: 1 incident at 2 places nearby (list)")]
    );
    assert_eq!(
        texts(&page, "li.map-group > .map-group-name"),
        [format!("{name} and nearby")]
    );
    assert!(texts(&page, "li.map-group a").contains(&"Near <i>".to_string()));
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
    let hrefs = reachable(&page, "map-full");
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
        place(
            &site,
            &format!("place-{i:03}"),
            &format!("Place {i:03}"),
            (lat, lon),
        );
    }
    // Place 519 is the busiest, so it is drawn although it sorts last by name.
    incidents_at(&site, "place-519", 1);
    let page = built_map(&site);
    for svg in ["map-full", "map-phone"] {
        let reached = reachable(&page, svg);
        let places = reached.iter().filter(|h| h.contains("/locations/")).count();
        assert_eq!(places, 500, "{svg}");
        assert!(reached.contains("../locations/place-519/"));
        // Close places are drawn as clusters, far fewer points than places.
        let points = attrs(&page, &format!("svg.{svg} a.map-point"), "href").len();
        assert!((10..200).contains(&points), "{svg}: {points} points");
    }
    assert_eq!(
        texts(&page, ".map-note"),
        ["The map draws the 500 places with the most incidents; 20 more are located but not drawn.".to_string()]
    );
    assert_eq!(
        texts(&page, "#map-locations-h"),
        ["Places on the map (520)".to_string()]
    );
    let rows = attrs(
        &page,
        "section[aria-labelledby=map-locations-h] li > a[href^='../locations/']",
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

#[test]
fn a_thousand_located_places_with_a_thousand_incidents_stay_under_300_kb() {
    // The bench corpus at 10,000 briefs: 1,000 places spread over central Iraq, 1,000
    // incidents among them (266 KB before clusters, 124 KB after, on the bench corpus).
    let site = Site::empty();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for i in 0..1000 {
        let at = (
            31.5 + next(3500) as f64 / 1000.0,
            42.0 + next(3000) as f64 / 1000.0,
        );
        place(
            &site,
            &format!("place-{i}"),
            &format!("Al-Place {i} District"),
            at,
        );
    }
    for i in 0..1000 {
        let slug = format!("place-{}", next(1000));
        site.write(
            &format!("content/incidents/incident-{i}.md"),
            &format!("+++\ntitle = \"Incident {i}\"\ndate = 2021-03-03\nlocation = \"{slug}\"\nstatus = \"reported\"\n+++\nWhat happened.\n"),
        );
    }
    let page = built_map(&site);
    let bytes = site.read("map/index.html").len();
    assert!(bytes < 300_000, "{bytes} bytes");
    // Nothing a reader could reach before is lost: the 500 busiest places, from either map.
    for svg in ["map-full", "map-phone"] {
        assert_eq!(reachable(&page, svg).len(), 500, "{svg}");
    }
    let clusters = attrs(&page, "svg.map-full a.map-point[data-kind=cluster]", "href");
    assert!(!clusters.is_empty());
    let counted: usize = texts(&page, "svg.map-full .map-count")
        .iter()
        .map(|t| t.parse::<usize>().expect("a count"))
        .sum();
    let lone: usize = attrs(
        &page,
        "svg.map-full a.map-point[data-kind=location]",
        "aria-label",
    )
    .iter()
    .filter_map(|n| n.split(", location, ").nth(1))
    .map(|n| {
        n.split(' ')
            .next()
            .and_then(|c| c.parse::<usize>().ok())
            .unwrap_or(0)
    })
    .sum();
    // Every incident at a drawn place is counted once, on its cluster or its lone point.
    assert!(
        counted + lone <= 1000 && counted + lone > 700,
        "{counted} + {lone}"
    );
}

/// `href` as a site path, from the page at `page` (a site path ending in `/`).
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[test]
fn locator_maps_share_one_outline_file_that_resolves_under_a_base_path() {
    let site = Site::fixture();
    site.build();
    let outline = site.read("map/outline.svg");
    assert!(
        outline.starts_with("<svg") && outline.contains("<path"),
        "the land is drawn once, in the shared file"
    );
    for dir in [
        "locations/ain-al-asad-air-base/",
        "incidents/2021-07-07-rockets/",
    ] {
        let raw = site.read(&format!("{dir}index.html"));
        let page = site.page(&format!("{dir}index.html"));
        let hrefs = attrs(&page, ".locator svg image", "href");
        assert_eq!(hrefs.len(), 1, "{dir}: one reference to the outline");
        // Relative, so it works under the base path (/repo/) and from disk.
        assert!(!hrefs[0].starts_with('/') && !hrefs[0].contains(':'));
        assert_eq!(resolve(dir, &hrefs[0]), "map/outline.svg", "{dir}");
        let locator = &raw[raw.find("<figure class=\"locator\"").unwrap_or_default()..];
        let locator = &locator[..locator.find("</figure>").unwrap_or_default()];
        assert!(
            !locator.contains("<path"),
            "{dir}: no land drawn in the page"
        );
        assert!(locator.len() < 2_000, "{dir}: {} bytes", locator.len());
    }
    // Written once: one file, the same bytes on every build, also with file URLs.
    let run = site.run(&["build", "--file-urls"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read("map/outline.svg"), outline);
    let page = site.page("locations/ain-al-asad-air-base/index.html");
    assert_eq!(
        attrs(&page, ".locator svg image", "href"),
        ["../../map/outline.svg"]
    );
}
