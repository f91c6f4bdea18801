//! The data files: GeoJSON points longitude first, CSV that round-trips, JSON exports with
//! their relations, and the data page and `gloss build` saying what was written.

use std::collections::BTreeMap;
use std::path::Path;

use super::{BASE, build, fixture, read};

#[test]
fn geojson_points_are_longitude_first() {
    let site = fixture();
    let out = build(&site, "out", false);
    let geojson: serde_json::Value =
        serde_json::from_str(&read(&out, "data/incidents.geojson")).expect("valid JSON");
    assert_eq!(geojson["type"], "FeatureCollection");
    let features: BTreeMap<&str, &serde_json::Value> = geojson["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), f))
        .collect();
    let missiles = features["2020-01-08-missiles"];
    assert_eq!(missiles["type"], "Feature");
    assert_eq!(missiles["geometry"]["type"], "Point");
    assert_eq!(
        missiles["geometry"]["coordinates"],
        serde_json::json!([42.44, 33.8])
    );
    assert_eq!(
        missiles["properties"]["title"],
        "Iranian missiles strike the base"
    );
    assert_eq!(missiles["properties"]["injured"], 110);
    assert_eq!(missiles["properties"]["date_precision"], "day");
    // Placed through `within`; incidents with no located place are left out.
    let gate = features["2021-06-01-gate"];
    assert_eq!(
        gate["geometry"]["coordinates"],
        serde_json::json!([42.44, 33.8])
    );
    assert_eq!(gate["properties"]["location"], "north-gate");
    assert_eq!(gate["properties"]["located_at"], "ain-al-asad-air-base");
    assert!(!features.contains_key("2019-03-unrelated"));
}

#[test]
fn csv_round_trips() {
    let site = fixture();
    let out = build(&site, "out", false);
    let text = read(&out, "data/incidents.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header.join(","),
        "id,date,date_precision,title,kind,status,location,latitude,longitude,actors,killed,injured,sources,url"
    );
    let rows: BTreeMap<String, Vec<String>> = reader
        .records()
        .map(|r| {
            let r = r.expect("a valid CSV record");
            assert_eq!(r.len(), 14);
            (r[0].to_string(), r.iter().map(String::from).collect())
        })
        .collect();
    assert_eq!(rows.len(), 7, "one row per incident");
    let gate = &rows["2021-06-01-gate"];
    assert_eq!(gate[3], "Drone at the gate, \"again\"");
    assert_eq!((gate[7].as_str(), gate[8].as_str()), ("33.8", "42.44"));
    assert_eq!(gate[9], "kataib-hezbollah; iran");
    assert_eq!(gate[12], "Wire; https://example.com/p");
    assert_eq!(gate[13], format!("{BASE}incidents/2021-06-01-gate/"));
    let claim = &rows["2020-05-claim"];
    assert_eq!(&claim[1..3], ["2020-05", "month"]);
    assert_eq!(&claim[7..9], ["", ""]);
    let missiles = &rows["2020-01-08-missiles"];
    assert_eq!(&missiles[10..12], ["0", "110"]);
}

#[test]
fn json_exports_carry_relations() {
    let site = fixture();
    let out = build(&site, "out", false);
    let briefs: serde_json::Value = serde_json::from_str(&read(&out, "data/briefs.json")).unwrap();
    let briefs = briefs.as_array().unwrap();
    assert_eq!(briefs.len(), 2, "no draft");
    let rockets = &briefs[0];
    assert_eq!(rockets["slug"], "rockets");
    assert_eq!(rockets["url"], format!("{BASE}briefs/rockets/"));
    assert_eq!(rockets["event"], "2021-07-07-rockets");
    assert_eq!(rockets["source"]["outlet"], "The Daily Fixture");
    assert_eq!(rockets["actors"][0]["slug"], "wayne-marotto");
    assert_eq!(rockets["actors"][0]["role"], "coalition spokesman");
    let prior: Vec<&str> = rockets["prior_incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert!(prior.contains(&"2018-06-01-listed"), "{prior:?}");
    assert!(!prior.contains(&"2021-07-07-rockets"));
    let entities: serde_json::Value =
        serde_json::from_str(&read(&out, "data/entities.json")).unwrap();
    let kh = entities["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "kataib-hezbollah")
        .unwrap();
    assert_eq!(kh["briefs"], serde_json::json!(["rockets"]));
    assert_eq!(
        kh["affiliation"],
        serde_json::json!(["popular-mobilization-forces"])
    );
    assert_eq!(kh["url"], format!("{BASE}actors/kataib-hezbollah/"));
    let rockets_incident = entities["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "2021-07-07-rockets")
        .unwrap();
    assert_eq!(
        rockets_incident["reported_by"],
        serde_json::json!(["rockets"])
    );
}

/// The JSON-LD document of a built page.

#[test]
fn data_page_shows_the_size_of_each_data_file_as_written() {
    let site = fixture();
    let check = |out: &Path| {
        let page = read(out, "data/index.html");
        for name in [
            "briefs.json",
            "entities.json",
            "incidents.geojson",
            "incidents.csv",
        ] {
            let on_disk = std::fs::metadata(out.join("data").join(name))
                .unwrap_or_else(|e| panic!("data/{name}: {e}"))
                .len();
            assert!(on_disk > 0, "{name} is empty");
            let row = page
                .split("<tr")
                .find(|row| row.contains(name))
                .unwrap_or_else(|| panic!("no row for {name}"));
            assert!(
                row.contains(&format!("<data value=\"{on_disk}\">")),
                "{name}: {on_disk} bytes on disk, row: {row}"
            );
        }
    };
    let out = build(&site, "out", false);
    check(&out);
    let first = read(&out, "data/briefs.json");
    assert!(
        first.ends_with("}\n]\n"),
        "pretty JSON with a final newline"
    );
    let again = build(&site, "out", false);
    check(&again);
    assert_eq!(read(&again, "data/briefs.json"), first);
}

/// Issue 26: `gloss build` states the site's size, and `gloss check` warns (`site-size`) once
/// the output passes 80% of `[publish] max_bytes` or `max_files`, naming the largest parts.
#[test]
fn build_prints_the_size_and_check_warns_near_the_host_limit() {
    let site = fixture();
    let built = site.build();
    assert!(built.stdout.contains("Site size: "), "{}", built.stdout);
    let quiet = site.run(&["check", "--format", "json"]);
    assert!(!quiet.stdout.contains("site-size"), "{}", quiet.stdout);
    site.write(
        "config.toml",
        "title = \"Fixture briefs\"\nbase_url = \"https://example.github.io/repo\"\n[publish]\nmax_bytes = 1000\nmax_files = 10\n",
    );
    let near = site.run(&["check", "--format", "json"]);
    assert_eq!(near.code, 0, "a warning, not an error:\n{}", near.stderr);
    let said = near.stdout;
    assert_eq!(said.matches("site-size").count(), 2, "{said}");
    assert!(
        said.contains("max_bytes") && said.contains("max_files"),
        "{said}"
    );
    assert!(said.contains("the largest parts are"), "{said}");
}
