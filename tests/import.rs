//! `gloss import acled|ucdp`: realistic extracts (tests/fixtures/import/) imported into a
//! fixture site with existing actors and places, re-imported, revised after an editor's
//! edits, and built.

mod common;

use std::path::Path;

use common::{Site, fixtures, walk};

fn import(site: &Site, dataset: &str, file: &str, extra: &[&str]) -> String {
    let path = fixtures().join("import").join(file);
    let mut args = vec!["import", dataset, path.to_str().expect("utf-8 path")];
    args.extend(extra);
    let run = site.run(&args);
    assert_eq!(run.code, 0, "import failed:\n{}{}", run.stdout, run.stderr);
    run.stdout
}

fn content(site: &Site, path: &str) -> String {
    std::fs::read_to_string(site.root().join("content").join(path))
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn front(site: &Site, path: &str) -> toml::Table {
    let text = content(site, path);
    let front = text.split("+++").nth(1).expect("front matter");
    toml::from_str(front).expect("valid TOML")
}

fn files(site: &Site) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    walk(&site.root().join("content"))
}

#[test]
fn acled_then_ucdp_make_incidents_entities_and_a_map() {
    let site = Site::from_fixture("import");
    first_acled_import_reuses_the_sites_actors_and_places(&site);
    the_same_acled_file_again_changes_nothing(&site);
    a_revised_acled_extract_keeps_the_editors_edits(&site);
    ucdp_imports_ranges_and_matches_places(&site);
    the_imported_site_builds_with_a_map_and_data(&site);
}

/// The first ACLED import: what it creates, the near miss it reports, and the actors, places
/// and date precision of the incidents it writes.
fn first_acled_import_reuses_the_sites_actors_and_places(site: &Site) {
    let out = import(site, "acled", "acled-iraq-2020.csv", &[]);
    assert!(
        out.contains("created 28 incidents, 9 actors, 8 locations; updated 0, 1 unchanged"),
        "{out}"
    );
    assert!(
        out.contains("near miss: ")
            && out.contains("`Kataib Hizbullah`")
            && out.contains("content/actors/kataib-hezbollah.md"),
        "{out}"
    );
    // Names and aliases reuse the site's actors; time_precision 3 keeps only the month.
    let clash = front(site, "incidents/2020-01-acled-irq1003.md");
    assert_eq!(clash["date"].as_str(), Some("2020-01"));
    assert_eq!(clash["location"].as_str(), Some("fallujah"));
    let actors: Vec<&str> = clash["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    assert_eq!(
        actors,
        [
            "islamic-state",
            "iraqi-security-forces",
            "popular-mobilization-forces"
        ]
    );
    assert_eq!(clash["casualties"]["killed"].as_integer(), Some(5));
    let provenance = &clash["provenance"];
    assert_eq!(provenance["dataset"].as_str(), Some("acled"));
    assert_eq!(provenance["event_id"].as_str(), Some("IRQ1003"));
    assert!(provenance["imported"].as_datetime().is_some());
    assert_eq!(provenance["fields"].as_table().map(|f| f.len()), Some(8));
    // A day-precise event is a TOML date; a place 400 m from Ramadi is Ramadi.
    let day = front(site, "incidents/2020-02-07-acled-irq1010.md");
    assert!(day["date"].as_datetime().is_some());
    assert_eq!(day["location"].as_str(), Some("ramadi"));
    let mosul = front(site, "locations/mosul.md");
    assert_eq!(mosul["coordinates"].as_array().map(Vec::len), Some(2));
    assert_eq!(mosul["geo_precision"].as_integer(), Some(1));
}

/// The same file again changes nothing.
fn the_same_acled_file_again_changes_nothing(site: &Site) {
    let before = files(site);
    let out = import(site, "acled", "acled-iraq-2020.csv", &[]);
    assert!(
        out.contains("created 0 incidents, 0 actors, 0 locations; updated 0, 29 unchanged"),
        "{out}"
    );
    assert_eq!(before, files(site), "a second import changed files");
}

/// The editor corrects two incidents; the revised extract changes three events.
fn a_revised_acled_extract_keeps_the_editors_edits(site: &Site) {
    let edit = |path: &str, from: &str, to: &str| {
        let full = site.root().join("content").join(path);
        let text = std::fs::read_to_string(&full).unwrap();
        assert!(text.contains(from), "{text}");
        std::fs::write(full, text.replace(from, to)).unwrap();
    };
    edit(
        "incidents/2020-01-acled-irq1003.md",
        "casualties = { killed = 5 }",
        "casualties = { killed = 6 }  # hospital count",
    );
    edit(
        "incidents/2020-01-15-acled-irq1005.md",
        "title = \"Shelling/artillery/missile attack in Baghdad\"",
        "title = \"Rockets near the US embassy\"",
    );
    let edited = files(site);
    let dry = import(site, "acled", "acled-iraq-2020-revised.csv", &["--dry-run"]);
    assert!(
        dry.contains("would update casualties: content/incidents/2020-01-15-acled-irq1005.md"),
        "{dry}"
    );
    assert!(
        dry.contains("would create content/incidents/2020-05-02-acled-irq1029.md"),
        "{dry}"
    );
    assert_eq!(edited, files(site), "--dry-run wrote");
    let out = import(site, "acled", "acled-iraq-2020-revised.csv", &[]);
    assert!(
        out.contains(
            "conflict: content/incidents/2020-01-acled-irq1003.md: `casualties` was edited"
        ),
        "{out}"
    );
    assert!(
        out.contains("update body: content/incidents/2020-01-12-acled-irq1004.md"),
        "{out}"
    );
    assert!(
        out.contains(
            "created 1 incident, 0 actors, 0 locations; updated 2, 26 unchanged; 1 conflict"
        ),
        "{out}"
    );
    assert!(
        content(site, "incidents/2020-01-acled-irq1003.md")
            .contains("killed = 6 }  # hospital count")
    );
    let rockets = front(site, "incidents/2020-01-15-acled-irq1005.md");
    assert_eq!(
        rockets["title"].as_str(),
        Some("Rockets near the US embassy")
    );
    assert_eq!(rockets["casualties"]["killed"].as_integer(), Some(1));
    assert!(
        content(site, "incidents/2020-01-12-acled-irq1004.md").contains("thousands of students")
    );
}

/// UCDP: ranges, best/low/high, shared actors, places by distance and by GeoNames id.
fn ucdp_imports_ranges_and_matches_places(site: &Site) {
    let out = import(site, "ucdp", "ucdp-ged-iraq-2020.csv", &[]);
    assert!(out.contains("created 24 incidents"), "{out}");
    let month = front(site, "incidents/2020-01-ucdp-330002.md");
    assert_eq!(month["date"].as_str(), Some("2020-01"));
    assert_eq!(month["location"].as_str(), Some("fallujah"));
    assert_eq!(month["provenance"]["date_start"].to_string(), "2020-01-01");
    assert_eq!(month["provenance"]["date_end"].to_string(), "2020-01-31");
    let casualties = &front(site, "incidents/2020-ucdp-330004.md")["casualties"];
    assert_eq!(
        (
            casualties["killed"].as_integer(),
            casualties["low"].as_integer(),
            casualties["high"].as_integer()
        ),
        (Some(9), Some(6), Some(14))
    );
    let militia = front(site, "incidents/2020-02-03-ucdp-330005.md");
    assert_eq!(
        militia["location"].as_str(),
        Some("baghdad"),
        "matched by GeoNames id 2 km away"
    );
    let first = front(site, "incidents/2020-01-03-ucdp-330001.md");
    let actors: Vec<&str> = first["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    assert_eq!(actors, ["iraqi-security-forces", "islamic-state"]);
    let before = files(site);
    let out = import(site, "ucdp", "ucdp-ged-iraq-2020.csv", &[]);
    assert!(
        out.contains("created 0 incidents, 0 actors, 0 locations; updated 0, 24 unchanged"),
        "{out}"
    );
    assert_eq!(before, files(site));
}

/// The imported site builds, with the incidents on the map and in the data.
fn the_imported_site_builds_with_a_map_and_data(site: &Site) {
    site.build();
    let geojson: serde_json::Value =
        serde_json::from_str(&site.read("data/incidents.geojson")).unwrap();
    let features = geojson["features"].as_array().unwrap();
    assert_eq!(features.len(), 53);
    let clash = features
        .iter()
        .find(|f| f["id"] == "2020-01-acled-irq1003")
        .expect("on the map");
    assert_eq!(
        clash["geometry"]["coordinates"],
        serde_json::json!([43.7833, 33.35])
    );
    let page = site.read("incidents/2020-01-acled-irq1003/index.html");
    assert!(page.contains("January 2020"), "month precision shown");
    assert!(Path::new(&site.public().join("map/index.html")).exists());
}

#[test]
fn a_file_that_is_not_the_dataset_is_refused() {
    let site = Site::from_fixture("import");
    let path = fixtures().join("import/ucdp-ged-iraq-2020.csv");
    let run = site.run(&["import", "acled", path.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("is not an export of ACLED: it has no column `event_id_cnty`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("help: export the file from ACLED"),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("content/incidents").exists());
}

#[test]
fn rows_that_cannot_be_read_are_skipped_and_named_by_line() {
    let site = Site::from_fixture("import");
    let csv = site.root().join("bad.csv");
    std::fs::write(
        &csv,
        "event_id_cnty,event_date,time_precision,event_type,actor1,country,location,latitude,longitude,fatalities\n\
         A1,2020-02-30,1,Battles,\"=cmd|' /C calc'!A0\",Iraq,Ramadi,33.4258,43.2994,1\n\
         A2,2020-02-03,1,Battles,Islamic State,Iraq,Ramadi,133.4,43.2994,1\n\
         A3,2020-02-03,4,Battles,Islamic State,Iraq,Ramadi,33.4258,43.2994,1\n\
         A4,2020-02-03,1,Battles,\"Group \"\"X\"\" <b>\",Iraq,Ramadi,33.4258,43.2994,-1\n\
         A5,2020-02-03,1,Battles,\"Group \"\"X\"\" <b>\",Iraq,Ramadi,33.4258,43.2994,2\n",
    )
    .unwrap();
    let run = site.run(&["import", "acled", csv.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (line, why) in [
        (2, "2020-02-30 does not exist"),
        (3, "is not a latitude and longitude"),
        (4, "`4` in `time_precision` is not 1 (day), 2 (week) or 3"),
        (5, "`-1` in `fatalities` is not a count of people"),
    ] {
        assert!(
            run.stdout.contains(&format!("bad.csv:{line}: ")),
            "line {line}: {}",
            run.stdout
        );
        assert!(run.stdout.contains(why), "{why}: {}", run.stdout);
    }
    assert!(
        run.stdout
            .contains("created 1 incident, 1 actor, 0 locations")
            && run.stdout.contains("4 rows skipped"),
        "{}",
        run.stdout
    );
    // A name full of quotes and markup is a TOML string and stays text.
    let actor = front(&site, "actors/group-x-b.md");
    assert_eq!(actor["name"].as_str(), Some("Group \"X\" <b>"));
    site.build();
    assert!(!site.read("actors/group-x-b/index.html").contains("<b>"));
}
