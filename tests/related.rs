//! The brief page's neighbours: the older/newer pager and the related briefs ranked by the
//! shared incident (×3) and shared actors and places, drafts never linked.

mod common;

use common::{Site, attrs, texts};

#[test]
fn pager_links_the_older_and_newer_published_brief() {
    let site = Site::fixture();
    site.build();
    let rockets = site.page("briefs/rockets/index.html");
    assert_eq!(
        attrs(&rockets, "nav.brief-pager a[rel=prev]", "href"),
        ["../../briefs/missiles/"]
    );
    assert!(attrs(&rockets, "nav.brief-pager a[rel=next]", "href").is_empty());
    assert_eq!(
        attrs(&rockets, "nav.brief-pager", "aria-label"),
        ["More briefs"]
    );
    let missiles = site.page("briefs/missiles/index.html");
    assert_eq!(
        attrs(&missiles, "nav.brief-pager a[rel=next]", "href"),
        ["../../briefs/rockets/"]
    );
    assert!(attrs(&missiles, "nav.brief-pager a[rel=prev]", "href").is_empty());
    assert_eq!(
        texts(&rockets, ".print-url"),
        ["https://example.github.io/repo/briefs/rockets/"]
    );
}

#[test]
fn related_briefs_rank_shared_incident_then_shared_entities() {
    let site = Site::fixture();
    site.write(
        "content/briefs/same-event.md",
        "+++\ntitle = \"Same event\"\ndate = 2021-07-08\nevent = \"2021-07-07-rockets\"\n+++\nMore on it.\n",
    );
    site.write(
        "content/briefs/kh-base.md",
        "+++\ntitle = \"KH at the base\"\ndate = 2019-01-01\nactors = [\"kataib-hezbollah\"]\nlocations = [\"ain-al-asad-air-base\"]\n+++\nText.\n",
    );
    site.write(
        "content/briefs/hidden.md",
        "+++\ntitle = \"Hidden\"\ndate = 2021-07-09\ndraft = true\nevent = \"2021-07-07-rockets\"\n+++\nDraft.\n",
    );
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("briefs/rockets/index.html");
    assert_eq!(
        attrs(&page, ".related-list a", "href"),
        [
            "../../briefs/same-event/",
            "../../briefs/kh-base/",
            "../../briefs/missiles/"
        ]
    );
    let reasons = texts(&page, ".related-list small");
    assert_eq!(reasons[0], "Same incident");
    assert_eq!(
        reasons[1],
        "Also about Kata'ib Hezbollah, Ain al-Asad Air Base"
    );
    assert_eq!(reasons[2], "Also about Ain al-Asad Air Base");
    // The pager skips the draft: the next newer published brief is "Same event".
    assert_eq!(
        attrs(&page, "nav.brief-pager a[rel=next]", "href"),
        ["../../briefs/same-event/"]
    );
}
