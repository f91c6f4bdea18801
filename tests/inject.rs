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

/// A brief with 2,000 tags: every tag gets its page and feed, but the brief's card on each
/// shows only the first tags ("+K more"), so the site grows linearly (it was 582 MB).
#[test]
fn thousands_of_tags_write_a_linear_site() {
    let site = Site::fixture();
    let tags: Vec<String> = (0..2000).map(|i| format!("\"topic {i:04}\"")).collect();
    site.write(
        "content/briefs/missiles.md",
        &format!(
            "+++\ntitle = \"Missiles on the base\"\ndate = 2020-01-09\ntags = [{}]\n\
             event = \"2020-01-08-missiles\"\nactors = [\"iran\"]\n+++\nIran fired missiles.\n",
            tags.join(", ")
        ),
    );
    site.build();
    let files = common::walk(&site.public());
    let total: usize = files.values().map(Vec::len).sum();
    let (largest, size) = files
        .iter()
        .map(|(path, bytes)| (path.display().to_string(), bytes.len()))
        .max_by_key(|(_, size)| *size)
        .unwrap_or_default();
    println!(
        "2,000 tags: {} files, {total} bytes; largest {largest} ({size} bytes)",
        files.len()
    );
    assert!(total < 16_000_000, "{total} bytes for 2,000 tags");
    assert!(size < 1_000_000, "{largest} has {size} bytes");
    let page = site.read("tags/topic-1999/index.html");
    assert!(
        page.contains("+1992 more"),
        "the card says how many tags it leaves out"
    );
    assert_eq!(page.matches("class=\"tag\"").count(), 8, "{page}");
    let feed = site.read("tags/topic-1999/atom.xml");
    assert!(feed.matches("<category").count() <= 8 + 2 * 5, "{feed}");
    // The brief's own page still lists every tag.
    assert_eq!(
        site.read("briefs/missiles/index.html")
            .matches("class=\"tag\"")
            .count(),
        2000
    );
}

/// One long sentence naming many actors is quoted on each actor's page, but only up to a
/// window around the mention, so the pages do not each repeat the whole sentence.
#[test]
fn backlink_quotes_are_clipped() {
    let site = Site::fixture();
    let mut sentence = String::from("At the meeting ");
    for i in 0..150 {
        site.write(
            &format!("content/actors/delegate-{i:03}.md"),
            &format!("+++\nname = \"Delegate{i:03}\"\nkind = \"person\"\n+++\nA delegate.\n"),
        );
        sentence.push_str(&format!(
            "Delegate{i:03} spoke at length about the rockets, the base, the convoys and the long war on the river, "
        ));
    }
    sentence.push_str("and two U.S. service members listened.\n");
    site.write("content/briefs/rockets/article.txt", &sentence);
    site.build();
    let page = site.read("actors/delegate-075/index.html");
    assert!(
        page.contains("<mark>Delegate075</mark>"),
        "the mention is quoted"
    );
    assert!(page.contains('\u{2026}'), "a cut quote says so");
    let at = page.find("<mark>Delegate075</mark>").unwrap_or_default();
    let start = page[..at].rfind("<q>").unwrap_or_default();
    let end = at + page[at..].find("</q>").unwrap_or_default();
    let quote = &page[start..end];
    assert!(quote.len() < 1_000, "the quote is {} bytes", quote.len());
}
