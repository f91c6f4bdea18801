//! Hostile input that must not turn into live code or runaway output: formula cells in
//! the CSV, non-Latin and colliding tag slugs, and a brief with thousands of tags.

mod common;

use common::Site;

/// An incident title written to trigger a spreadsheet formula comes out as text: `'` first.
#[test]
fn csv_cells_that_start_a_formula_are_neutralised() {
    let site = Site::fixture();
    site.write(
        "content/incidents/2020-05-claim.md",
        "+++\ntitle = \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"\ndate = \"2020-05\"\n\
         actors = [\"kataib-hezbollah\"]\nstatus = \"claimed\"\nkind = \"@SUM(1+1)\"\n+++\nClaimed only.\n",
    );
    site.write(
        "content/locations/ain-al-asad-air-base.md",
        "+++\nname = \"Ain al-Asad Air Base\"\naliases = [\"al-Asad\"]\nkind = \"military base\"\n\
         coordinates = [-33.8, -42.44]\nwithin = \"anbar-province\"\n+++\nA large air base.\n",
    );
    site.build();
    let text = site.read("data/incidents.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().flatten().collect();
    let claim = rows
        .iter()
        .find(|r| &r[0] == "2020-05-claim")
        .expect("the claim's row");
    assert_eq!(&claim[3], "'=HYPERLINK(\"http://evil.example\",\"x\")");
    assert_eq!(&claim[4], "'@SUM(1+1)");
    for row in &rows {
        for cell in row.iter().filter(|c| !c.starts_with('-')) {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r']),
                "formula cell {cell:?}"
            );
        }
    }
    // Coordinates gloss writes itself stay numbers, negative or not.
    assert!(rows.iter().any(|r| &r[7] == "-33.8"), "{text}");
    assert!(
        rows.iter()
            .all(|r| r[7].is_empty() || r[7].parse::<f64>().is_ok()),
        "{text}"
    );
}

/// Non-Latin tags get transliterated, distinct slugs; case and accent variants share one
/// page that lists each brief once.
#[test]
fn tags_in_any_script_get_their_own_pages() {
    let site = Site::fixture();
    site.write(
        "content/briefs/missiles.md",
        "+++\ntitle = \"Missiles on the base\"\ndate = 2020-01-09\n\
         tags = [\"الحشد الشعبي\", \"حزب الله\", \"Sécurité générale\", \"securite generale\", \"IRAQ\"]\n\
         event = \"2020-01-08-missiles\"\nactors = [\"iran\"]\n+++\nIran fired missiles at al-Asad.\n",
    );
    site.build();
    assert!(!site.public().join("tags/untitled").exists());
    let pmf = site.read("tags/lhshd-lshby/index.html");
    assert!(
        pmf.contains("الحشد الشعبي"),
        "the page keeps the tag's own spelling"
    );
    assert!(site.public().join("tags/hzb-llh/index.html").is_file());
    let security = site.read("tags/securite-generale/index.html");
    assert_eq!(
        security.matches("briefs/missiles/").count(),
        1,
        "{security}"
    );
    let iraq = site.read("tags/iraq/index.html");
    assert!(iraq.contains("briefs/missiles/") && iraq.contains("briefs/rockets/"));
}
