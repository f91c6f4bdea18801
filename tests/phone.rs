//! The reader's second pass (issue 24), as built HTML: names in headings never break at their
//! hyphen, only pages with highlighted code link `highlight.css`, a small site's timeline shows
//! every year with its count from the start, the incidents index runs by date, entity pages
//! list each alias once, and a brief offers its folded Who / Where / Before this after the
//! editor's text. What a reader sees on a phone is in `tests/browser/phone.test.mjs`.

mod common;

use common::{Site, attrs, texts};

#[test]
fn hyphenated_names_in_titles_are_kept_whole_and_escaped() {
    let site = Site::fixture();
    site.write(
        "content/briefs/quoted.md",
        "+++\ntitle = \"Rockets hit al-Asad <again> & 'more'\"\ndate = 2021-07-08\n+++\nText.\n",
    );
    site.build();
    let brief = site.read("briefs/quoted/index.html");
    assert!(
        brief.contains(
            "<h1 id=\"brief-title\">Rockets hit <span class=\"nb\">al-Asad</span> &lt;again&gt; &amp; &#39;more&#39;</h1>"
        ),
        "the h1 keeps al-Asad whole and escapes the rest"
    );
    let home = site.page("index.html");
    assert!(
        texts(&home, ".card-title .nb").contains(&"al-Asad".to_string()),
        "home cards keep names whole"
    );
    let location = site.page("locations/ain-al-asad-air-base/index.html");
    assert_eq!(texts(&location, "h1 .nb"), ["al-Asad"]);
}

#[test]
fn only_a_page_with_highlighted_code_links_the_highlight_stylesheet() {
    let site = Site::fixture();
    site.write(
        "content/pages/code.md",
        "+++\ntitle = \"Code\"\n+++\n```rust\nfn main() {}\n```\n",
    );
    site.build();
    let link = "highlight.css\">";
    assert!(site.read("pages/code/index.html").contains(link));
    for page in [
        "index.html",
        "pages/about/index.html",
        "timeline/index.html",
    ] {
        assert!(!site.read(page).contains(link), "{page} has no code");
    }
    assert!(
        site.public().join("highlight.css").is_file(),
        "the stylesheet is still written"
    );
}

#[test]
fn a_small_timeline_shows_every_year_and_its_count_from_the_start() {
    let site = Site::fixture();
    site.build();
    let timeline = site.page("timeline/index.html");
    let years = texts(&timeline, ".tl-year-title");
    assert!(years.len() > 1, "every year on /timeline/: {years:?}");
    let mut sorted = years.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(years, sorted, "newest year first");
    let rows = texts(&timeline, ".tl-item").len();
    assert_eq!(
        texts(&timeline, ".tl-shown"),
        [format!("{rows} of {rows} shown")]
    );
    let links = attrs(&timeline, ".tl-years a", "href");
    assert!(links.iter().all(|h| h.starts_with("#y-")), "{links:?}");
    let label = texts(&timeline, ".tl-field").join(" ");
    assert!(label.contains("Incident status"), "{label}");
    // The brief reporting an incident carries that incident's status for the filter.
    let statuses = attrs(&timeline, ".tl-brief[data-status]", "data-status");
    assert!(
        !statuses.is_empty(),
        "a brief matches its incident's status"
    );
}

#[test]
fn the_incidents_index_runs_by_date_newest_first() {
    let site = Site::fixture();
    site.build();
    let index = site.page("incidents/index.html");
    let groups = texts(&index, ".group-title");
    let mut sorted = groups.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(groups, sorted, "years, newest first");
    assert!(
        groups.iter().all(|g| g.parse::<i32>().is_ok()),
        "{groups:?}"
    );
    let dates = attrs(&index, ".entry-meta time", "datetime");
    let mut newest_first = dates.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
}

#[test]
fn entity_pages_list_each_alias_once() {
    let site = Site::fixture();
    site.write(
        "content/locations/ain-al-asad-air-base.md",
        "+++\nname = \"Ain al-Asad Air Base\"\naliases = [\"al Asad\", \"Al Asad\", \"al-Asad\", \"Ál Asad\", \"AIN AL-ASAD AIR BASE\", \"Ain al-Assad\"]\nkind = \"military base\"\ncoordinates = [33.80, 42.44]\nwithin = \"anbar-province\"\n+++\nA large air base.\n",
    );
    site.build();
    let page = site.page("locations/ain-al-asad-air-base/index.html");
    assert_eq!(texts(&page, ".alias"), ["al Asad", "Ain al-Assad"]);
}

#[test]
fn a_brief_links_who_where_and_before_this_after_its_text() {
    let site = Site::fixture();
    site.build();
    let html = site.read("briefs/rockets/index.html");
    let glance = html
        .find("class=\"brief-glance\"")
        .expect("a folded summary");
    let editor = html
        .find("class=\"editor-brief\"")
        .expect("the brief's text");
    let article = html.find("class=\"article-section\"").expect("the article");
    assert!(
        editor < glance && glance < article,
        "the summary follows the brief's text and comes before the article"
    );
    // Links to the sidebars, not a second copy of them (issue 26).
    let page = site.page("briefs/rockets/index.html");
    let links = attrs(&page, ".brief-glance a", "href");
    assert_eq!(
        links,
        ["#sb-actors-h", "#sb-locations-h", "#sb-incidents-h"]
    );
    let labels = texts(&page, ".brief-glance a");
    assert!(labels[0].starts_with("Who "), "{labels:?}");
    for target in ["sb-actors-h", "sb-locations-h", "sb-incidents-h"] {
        assert!(html.contains(&format!("id=\"{target}\"")), "{target}");
    }
}
