//! The network view on a small site whose ties are known: an actor's page draws and lists
//! the actors it shares briefs with, strongest first and ties by name, every node a link;
//! `/network/` lists the connected actors, is linked from every page's footer and named in
//! the sitemap; names are escaped; two builds write the same bytes.

mod common;

use common::{Site, attrs, texts};

/// Five actors: Alpha shares two briefs with Bravo and one each with Charlie and Delta;
/// Echo shares none.
fn site() -> Site {
    let site = Site::empty();
    for (slug, name) in [
        ("alpha", "Alpha"),
        ("bravo", "Bravo"),
        ("charlie", "Charlie <b>Sly</b> & Co"),
        ("delta", "Delta"),
        ("echo", "Echo"),
    ] {
        site.write(
            &format!("content/actors/{slug}.md"),
            &format!("+++\nname = \"{name}\"\n+++\nAn actor.\n"),
        );
    }
    for (n, actors) in [
        (1, "\"alpha\", \"bravo\", \"charlie\""),
        (2, "\"alpha\", \"bravo\""),
        (3, "\"delta\", \"alpha\""),
        (4, "\"echo\""),
    ] {
        site.write(
            &format!("content/briefs/b{n}.md"),
            &format!(
                "+++\ntitle = \"Brief {n}\"\ndate = 2021-0{n}-01\nactors = [{actors}]\n+++\nText {n}.\n"
            ),
        );
    }
    site
}

#[test]
fn an_actor_page_draws_and_lists_its_ties_strongest_first() {
    let site = site();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("actors/alpha/index.html");
    let drawn = attrs(&page, ".network-section svg a", "href");
    let listed = attrs(&page, ".network-table a", "href");
    assert_eq!(
        drawn,
        [
            "../../actors/bravo/",
            "../../actors/charlie/",
            "../../actors/delta/"
        ]
    );
    assert_eq!(drawn, listed, "the table lists what the drawing shows");
    assert_eq!(texts(&page, ".network-table td"), ["2", "1", "1"]);
    // Each node is named by its `<title>` (SVG-AAM), which is also its tooltip.
    let names = texts(&page, ".network-section svg a title");
    assert_eq!(names[0], "Bravo: 2 shared briefs");
    assert_eq!(names[2], "Delta: 1 shared brief");
    let raw = site.read("actors/alpha/index.html");
    assert!(
        !raw.contains("<b>Sly</b>"),
        "a name is escaped in the SVG and the table"
    );
    assert!(raw.contains("Charlie &lt;b&gt;Sly&lt;/b&gt; &amp; Co"));
    assert!(
        texts(&site.page("actors/echo/index.html"), ".network-section").is_empty(),
        "an actor without ties has no network section"
    );
}

#[test]
fn the_network_page_is_linked_listed_and_deterministic() {
    let site = site();
    assert_eq!(site.build().code, 0);
    let page = site.page("network/index.html");
    let rows = attrs(&page, ".network-table tbody th a", "href");
    assert_eq!(
        rows.len(),
        4,
        "the four connected actors, not Echo: {rows:?}"
    );
    assert_eq!(rows[0], "../actors/alpha/", "the most connected first");
    assert_eq!(attrs(&page, "svg.network-ring a", "href").len(), 4);
    let home = site.page("index.html");
    assert!(attrs(&home, ".site-footer a", "href").contains(&"network/".to_string()));
    assert!(site.read("sitemap.xml").contains("/network/</loc>"));
    let first = site.read("network/index.html");
    let actor = site.read("actors/alpha/index.html");
    assert_eq!(site.build().code, 0);
    assert_eq!(first, site.read("network/index.html"));
    assert_eq!(actor, site.read("actors/alpha/index.html"));
}
