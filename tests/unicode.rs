//! Unicode as trust: names link however the article's text is normalized or sprinkled with
//! invisible characters, and the page keeps the text as written.

mod common;

use common::{Site, attrs, texts};

fn actor(site: &Site, slug: &str, name: &str) {
    site.write(
        &format!("content/actors/{slug}.md"),
        &format!("+++\nname = \"{name}\"\nkind = \"person\"\n+++\nA person.\n"),
    );
}

#[test]
fn names_link_across_nfd_bidi_marks_and_tatweel() {
    let site = Site::fixture();
    actor(&site, "jose-perez", "José Pérez");
    // A leading RLM in the name itself.
    actor(&site, "qasim", "\u{200F}قاسم سليماني");
    actor(&site, "hadi", "هادي العامري");
    site.write(
        "content/briefs/names.md",
        "+++\ntitle = \"Names\"\ndate = 2021-01-04\nactors = [\"jose-perez\", \"qasim\", \"hadi\"]\n+++\n\
         Jose\u{301} Pe\u{301}rez spoke. قا\u{200F}سم سلي\u{0640}ماني left. ها\u{061C}دي العامري stayed.\n",
    );
    site.build();
    let page = site.page("briefs/names/index.html");
    let linked = attrs(&page, "a.mention", "href");
    for slug in ["jose-perez", "qasim", "hadi"] {
        let href = format!("/{slug}/");
        assert!(
            linked.iter().any(|l| l.ends_with(&href)),
            "{slug}: {linked:?}"
        );
    }
    // The page shows the text as written: decomposed, with the marks.
    let shown = texts(&page, "a.mention[href$='/jose-perez/']");
    assert_eq!(shown, ["Jose\u{301} Pe\u{301}rez"]);
    let shown = texts(&page, "a.mention[href$='/qasim/']");
    assert_eq!(shown, ["قا\u{200F}سم سلي\u{0640}ماني"]);
}
