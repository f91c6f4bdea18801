//! Building a fixture site end to end and checking what readers see: pages, sidebars with
//! roles, prior incidents, backlinks, dates at their precision, theme overrides, drafts and
//! determinism.

mod common;

use common::{Site, attrs, texts};

#[test]
fn builds_every_page_of_the_contract() {
    let site = Site::fixture();
    let run = site.build();
    assert!(run.stdout.contains("Built"), "{}", run.stdout);
    for page in [
        "index.html",
        "briefs/rockets/index.html",
        "briefs/missiles/index.html",
        "actors/index.html",
        "actors/kataib-hezbollah/index.html",
        "locations/index.html",
        "locations/ain-al-asad-air-base/index.html",
        "incidents/index.html",
        "incidents/2020-05-claim/index.html",
        "tags/index.html",
        "tags/rocket-attacks/index.html",
        "tags/iraq/index.html",
        "pages/about/index.html",
        "timeline/index.html",
        "search/index.html",
        "data/index.html",
        "404.html",
        "style.css",
        "highlight.css",
        "search/chunks/meta.js",
        ".gloss-output",
    ] {
        assert!(site.public().join(page).is_file(), "missing {page}");
    }
}

#[test]
fn brief_sidebars_hold_listed_entities_with_roles() {
    let site = Site::fixture();
    site.build();
    let page = site.page("briefs/rockets/index.html");
    let actors = texts(&page, ".sidebar-actors li");
    assert!(
        actors[0].contains("Wayne Marotto") && actors[0].contains("coalition spokesman"),
        "{actors:?}"
    );
    assert!(actors[1].contains("Kata'ib Hezbollah"), "{actors:?}");
    let locations = texts(&page, ".sidebar-locations li");
    assert!(
        locations[0].contains("Ain al-Asad Air Base"),
        "{locations:?}"
    );
    let hrefs = attrs(&page, ".sidebar-actors a", "href");
    assert!(
        hrefs.iter().any(|h| h == "../../actors/wayne-marotto/"),
        "{hrefs:?}"
    );
}

#[test]
fn prior_incidents_are_earlier_shared_and_newest_first() {
    let site = Site::fixture();
    site.build();
    let page = site.page("briefs/rockets/index.html");
    let hrefs = attrs(&page, ".sidebar-incidents a[href*='incidents/']", "href");
    let slugs: Vec<&str> = hrefs
        .iter()
        .filter_map(|h| h.split('/').rev().nth(1))
        .collect();
    // Shared actor (KH, May 2020), shared location (the base, Jan 2020), listed by hand (2018);
    // never the brief's own event, an incident after the brief, or one sharing nothing.
    assert_eq!(
        slugs,
        ["2020-05-claim", "2020-01-08-missiles", "2018-06-01-listed"],
        "{hrefs:?}"
    );
    let text = texts(&page, ".sidebar-incidents").join(" ");
    assert!(text.contains("14 months earlier"), "{text}");
    assert!(text.contains("17 months earlier"), "{text}");
}

#[test]
fn entity_pages_list_backlinks_and_incidents() {
    let site = Site::fixture();
    site.build();
    let kh = site.page("actors/kataib-hezbollah/index.html");
    let backlinks = texts(&kh, ".backlinks");
    assert!(
        backlinks.join(" ").contains("Rockets hit Ain al-Asad"),
        "{backlinks:?}"
    );
    let all = texts(&kh, "body").join(" ");
    assert!(all.contains("A claimed attack"), "incidents missing: {all}");
    assert!(
        all.contains("Popular Mobilization Forces"),
        "affiliation missing: {all}"
    );
    let pmf = texts(
        &site.page("actors/popular-mobilization-forces/index.html"),
        "body",
    )
    .join(" ");
    assert!(pmf.contains("Kata'ib Hezbollah"), "members missing: {pmf}");
    let base = texts(
        &site.page("locations/ain-al-asad-air-base/index.html"),
        "body",
    )
    .join(" ");
    assert!(
        base.contains("Rockets hit Ain al-Asad")
            && base.contains("Iranian missiles strike the base"),
        "{base}"
    );
    assert!(base.contains("Anbar province"), "within missing: {base}");
}

#[test]
fn partial_dates_render_at_their_precision() {
    let site = Site::fixture();
    site.build();
    let claim = site.page("incidents/2020-05-claim/index.html");
    let times = attrs(&claim, "main time", "datetime");
    assert!(times.iter().any(|t| t == "2020-05"), "{times:?}");
    let text = texts(&claim, "main").join(" ");
    assert!(text.contains("May 2020"), "{text}");
    assert!(!text.contains("1 May 2020"), "an invented day: {text}");
    // The timeline has a page per year; 2019's month-precision incident is on its own page,
    // dated by its month: neither an invented day nor "Date in 2019 unknown".
    let timeline = site.page("timeline/2019/index.html");
    let item = "[id=\"2019-03-unrelated\"] time";
    assert_eq!(attrs(&timeline, item, "datetime"), ["2019-03"]);
    assert_eq!(texts(&timeline, item), ["March 2019"]);
    let text = texts(&timeline, "main").join(" ");
    assert!(!text.contains("unknown"), "{text}");
    assert!(!text.contains("1 March 2019"), "an invented day: {text}");
}

#[test]
fn drafts_only_with_the_flag() {
    let site = Site::fixture();
    site.build();
    assert!(!site.public().join("briefs/draft/index.html").exists());
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.public().join("briefs/draft/index.html").exists());
}

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = Site::fixture();
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}<p class=\"custom\">{{ content.title }} custom</p>{% endblock content %}");
    site.write("static/style.css", "body { color: rebeccapurple }\n");
    site.write(
        "static/extra/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    site.build();
    assert_eq!(
        texts(&site.page("pages/about/index.html"), ".custom"),
        ["About custom"]
    );
    assert_eq!(site.read("style.css"), "body { color: rebeccapurple }\n");
    assert!(site.public().join("extra/logo.svg").is_file());
    // The home page still comes from the theme: only `page.html` was overridden.
    assert_eq!(
        texts(&site.page("index.html"), ".brief-card .card-title"),
        ["Rockets hit Ain al-Asad", "Missiles on the base"]
    );
}

#[test]
fn everything_from_content_is_escaped() {
    let site = Site::fixture();
    site.write("content/actors/evil.md", "+++\nname = \"<script>alert(1)</script>\"\nkind = \"<b>x</b>\"\n+++\nHi <img src=x onerror=alert(1)> [a](javascript:alert(1)\n");
    site.build();
    let html = site.read("actors/evil/index.html");
    assert!(!html.contains("<script>alert(1)"), "unescaped name");
    assert!(!html.contains("<img src=x"), "raw HTML passed through");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn builds_are_byte_identical() {
    let site = Site::fixture();
    site.build();
    let first = site.snapshot();
    site.build();
    assert_eq!(first, site.snapshot());
}

#[test]
fn file_urls_link_to_index_html() {
    let site = Site::fixture();
    let run = site.run(&["build", "--file-urls"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("briefs/rockets/index.html");
    let hrefs = attrs(&page, ".sidebar-actors a", "href");
    assert!(hrefs.iter().all(|h| h.ends_with("index.html")), "{hrefs:?}");
}

#[test]
fn backlinks_cite_each_sentence_once() {
    let site = Site::fixture();
    site.write(
        "content/briefs/repeat.md",
        "+++\ntitle = \"Repeats\"\ndate = 2021-07-08\n+++\nIran said Iran would answer.\n\n| who |\n|---|\n| Iran and others |\n| Iran and others |\n",
    );
    site.build();
    let iran = site.page("actors/iran/index.html");
    let cited = texts(&iran, ".backlinks q");
    let count = |part: &str| cited.iter().filter(|t| t.contains(part)).count();
    assert_eq!(count("Iran said"), 1, "{cited:?}");
    assert_eq!(count("Iran and others"), 1, "{cited:?}");
}

#[test]
fn brief_and_source_languages_set_lang_and_dir_on_their_own_elements() {
    let site = Site::fixture();
    site.write(
        "content/briefs/arabic.md",
        "+++\ntitle = \"صواريخ\"\ndate = 2021-07-08\n[source]\nlanguage = \"ar\"\n+++\nسقطت صواريخ على القاعدة.\n",
    );
    site.write(
        "content/briefs/farsi.md",
        "+++\ntitle = \"Farsi\"\ndate = 2021-07-08\nlanguage = \"fa-IR\"\n[source]\nlanguage = \"en\"\n+++\nText.\n",
    );
    site.build();
    let page = site.page("briefs/arabic/index.html");
    // `[source] language` describes the article alone; the brief keeps the site's.
    assert_eq!(attrs(&page, ".article", "lang"), ["ar"]);
    assert_eq!(attrs(&page, ".article", "dir"), ["rtl"]);
    assert_eq!(attrs(&page, "article.brief", "lang"), ["en"]);
    assert_eq!(attrs(&page, "article.brief", "dir"), ["ltr"]);
    assert_eq!(
        attrs(&page, "html", "lang"),
        ["en"],
        "the page stays in the site's language"
    );
    let page = site.page("briefs/farsi/index.html");
    assert_eq!(
        attrs(&page, "article.brief", "lang"),
        ["fa-IR"],
        "the brief's own key sets the brief's language"
    );
    assert_eq!(attrs(&page, "article.brief", "dir"), ["rtl"]);
    assert_eq!(attrs(&page, ".article", "lang"), ["en"]);
    assert_eq!(attrs(&page, ".article", "dir"), ["ltr"]);
    let page = site.page("briefs/rockets/index.html");
    assert_eq!(attrs(&page, "article.brief", "dir"), ["ltr"]);
}

#[test]
fn an_incident_lists_its_later_briefs_under_year_headings() {
    let site = Site::fixture();
    site.build();
    let page = site.page("incidents/2020-01-08-missiles/index.html");
    assert_eq!(
        texts(&page, ".incident-cited h2"),
        ["Background in 1 later brief"]
    );
    // The year is the heading; each line says the day and links the brief.
    assert_eq!(texts(&page, ".incident-cited h3"), ["2021"]);
    assert_eq!(
        texts(&page, ".incident-cited li"),
        ["Rockets hit Ain al-Asad · 7 July"]
    );
    assert_eq!(
        attrs(&page, ".incident-cited li a", "href"),
        ["../../briefs/rockets/"]
    );
}
