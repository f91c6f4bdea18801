//! Link shorthand (`@actor/slug`, `@location/slug`, `@incident/slug`, `@brief/slug`) in the
//! brief's text, its notes, entity and incident descriptions, plain pages and the front
//! page's intro: built in both URL modes, every link points at the right page, and `gloss
//! check` (which follows every internal link) passes. Mentions inside notes are linked like
//! the article's: the first of each entity per note.

mod common;

use common::{Site, attrs, texts};

const BRIEF: &str = r#"+++
title = "Rockets hit Ain al-Asad"
date = 2021-07-07
event = "2021-07-07-rockets"
actors = ["kataib-hezbollah", "wayne-marotto"]
[source]
url = "https://example.com/story"
+++
As [the group](@actor/kataib-hezbollah) did before (@incident/2021-07-07-rockets), see
[the missiles brief](@brief/missiles). Mail desk@actor/x or write `@actor/iran`.

## Notes

> two U.S. service members

Counted in @location/anbar-province. Kata'ib Hezbollah said nothing; Kata'ib Hezbollah
rarely does. Marotto did.
"#;

fn site() -> Site {
    let site = Site::fixture();
    site.write("content/briefs/rockets/index.md", BRIEF);
    site.write(
        "content/actors/wayne-marotto.md",
        "+++\nname = \"Wayne Marotto\"\nshort_names = [\"Marotto\"]\nkind = \"person\"\n+++\nSpokesman; see @brief/rockets.\n",
    );
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"About\"\n+++\nAbout @actor/iran and [Anbar](@location/anbar-province).\n",
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Home\"\n+++\nStart with @brief/rockets.\n",
    );
    site
}

fn check_links(file_urls: bool) {
    let site = site();
    let args: &[&str] = if file_urls {
        &["build", "--file-urls"]
    } else {
        &["build"]
    };
    let run = site.run(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let end = if file_urls { "index.html" } else { "" };
    let brief = site.page("briefs/rockets/index.html");
    let hrefs = attrs(&brief, ".editor-brief a", "href");
    for want in [
        format!("../../actors/kataib-hezbollah/{end}"),
        format!("../../incidents/2021-07-07-rockets/{end}"),
        format!("../../briefs/missiles/{end}"),
    ] {
        assert!(hrefs.contains(&want), "{want} not in {hrefs:?}");
    }
    let body = texts(&brief, "body").join(" ");
    assert!(
        body.contains("Mail desk@actor/x or write @actor/iran."),
        "{body}"
    );
    let names = texts(&brief, "a[href*='incidents/2021-07-07-rockets']");
    assert!(
        names.iter().any(|n| n == "Rockets hit the base"),
        "{names:?}"
    );
    let note = attrs(&brief, ".note a", "href");
    assert!(
        note.contains(&format!("../../locations/anbar-province/{end}")),
        "{note:?}"
    );
    let linked = attrs(&brief, ".note a.mention", "href");
    assert_eq!(
        linked,
        [
            format!("../../actors/kataib-hezbollah/{end}"),
            format!("../../actors/wayne-marotto/{end}")
        ]
    );
    let marked = attrs(&brief, ".note span.mention", "data-entity");
    assert_eq!(marked, ["kataib-hezbollah"]);
    // A description and a page, one folder deep like the brief.
    for (page, target) in [
        ("actors/wayne-marotto/index.html", "briefs/rockets/"),
        ("pages/about/index.html", "actors/iran/"),
    ] {
        let hrefs = attrs(&site.page(page), "a", "href");
        let want = format!("../../{target}{end}");
        assert!(hrefs.contains(&want), "{page}: {want} not in {hrefs:?}");
    }
    // Summaries (hover cards, meta descriptions) show the name, not the shorthand.
    let raw = site.read("actors/wayne-marotto/index.html");
    assert!(
        raw.contains("Spokesman; see Rockets hit Ain al-Asad."),
        "{raw}"
    );
    assert!(!raw.contains("@brief/rockets"), "{raw}");
    let home = site.page("index.html");
    let links = attrs(&home, ".intro a", "href");
    assert_eq!(links, [format!("briefs/rockets/{end}")]);
    let check = if file_urls {
        site.run(&["check", "--file-urls"])
    } else {
        site.run(&["check"])
    };
    assert!(!check.stderr.contains("error"), "{}", check.stderr);
}

#[test]
fn shorthand_links_resolve_in_normal_mode() {
    check_links(false);
}

#[test]
fn shorthand_links_resolve_in_file_url_mode() {
    check_links(true);
}
