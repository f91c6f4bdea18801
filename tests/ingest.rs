//! Article ingestion end to end: the seed article (`../shared/seed/`, the one real paste
//! this project started from) built as a brief's `article.txt` gives its 17 paragraphs and
//! 2 credits, with no site chrome, and its typography kept as written.

mod common;

use common::{Site, texts};

#[path = "../crates/gloss-core/src/testing/seed.rs"]
#[allow(dead_code)]
mod seed;

#[test]
fn seed_article_builds_with_17_paragraphs_and_2_credits() {
    let Some(text) = seed::text("seed_article_builds_with_17_paragraphs_and_2_credits") else {
        return;
    };
    let site = Site::fixture();
    site.write("content/briefs/rockets/article.txt", &text);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("briefs/rockets/index.html");
    let paragraphs = texts(&page, ".article p[id^='p-']");
    assert_eq!(paragraphs.len(), 17, "{paragraphs:#?}");
    let credits = texts(&page, ".credits p");
    assert_eq!(credits.len(), 2, "{credits:?}");
    assert_eq!(credits[0], "Ben Wolfgang contributed to this report.");
    assert!(credits[1].starts_with("Mike Glenn can be reached at "));
    let article = texts(&page, ".article").join(" ");
    assert!(!article.to_lowercase().contains("comment policy"));
    assert!(
        !texts(&page, "body")
            .join(" ")
            .to_lowercase()
            .contains("comment policy")
    );
    assert!(
        article.contains("[Iraqi security forces]"),
        "brackets kept literally"
    );
    assert!(article.contains("(sic)"));
    assert!(
        article.contains('\u{201C}') && article.contains('\u{2019}'),
        "curly quotes kept"
    );
    // The fixture's note quotes the seed too, and anchors in its paragraph.
    assert_eq!(
        texts(&page, ".article mark.noted"),
        ["two U.S. service members"]
    );
}

#[test]
fn seed_article_with_other_line_ends_is_the_same() {
    let Some(text) = seed::text("seed_article_with_other_line_ends_is_the_same") else {
        return;
    };
    let lf = text.replace("\r\n", "\n");
    let mut counts = Vec::new();
    for ending in ["\r\n", "\r"] {
        let site = Site::fixture();
        site.write(
            "content/briefs/rockets/article.txt",
            &lf.replace('\n', ending),
        );
        let run = site.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let page = site.page("briefs/rockets/index.html");
        counts.push((
            texts(&page, ".article p[id^='p-']").len(),
            texts(&page, ".credits p").len(),
        ));
    }
    assert_eq!(counts, [(17, 2), (17, 2)]);
}

#[test]
fn invisible_characters_and_hyphens_in_names_still_match() {
    let site = Site::fixture();
    site.write(
        "content/briefs/rockets/article.txt",
        "Rockets hit al Asad on Wednesday, injuring two U.S. service members.\n\
         Kata\u{200D}\u{2019}ib Hez\u{00AD}bollah did not comment.\n\
         Hezbollah\u{200B}Brigades is another name.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("briefs/rockets/index.html");
    let linked = common::attrs(&page, ".article a.mention", "href");
    assert!(
        linked.iter().any(|l| l.ends_with("/ain-al-asad-air-base/")),
        "\"al Asad\" matches alias \"al-Asad\": {linked:?}"
    );
    let kh = texts(&page, ".article a.mention[href$='/kataib-hezbollah/']");
    // The text is kept as written, invisible characters and all.
    assert_eq!(kh[0], "Kata\u{200D}\u{2019}ib Hez\u{00AD}bollah", "{kh:?}");
}

#[test]
fn notes_are_numbered_in_article_order_with_the_number_as_text() {
    let site = Site::fixture();
    let index = std::fs::read_to_string(site.root().join("content/briefs/rockets/index.md"))
        .expect("fixture brief");
    let index = index.replace(
        "> two U.S. service members\n\nThe Pentagon's count.",
        "> The [launcher] was found\n\nWritten first, last in the article.\n\n\
         > two U.S. service members\n\nThe Pentagon's count.",
    );
    site.write("content/briefs/rockets/index.md", &index);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("briefs/rockets/index.html");
    assert_eq!(
        texts(&page, ".article mark.noted[id]"),
        ["two U.S. service members", "The [launcher] was found"]
    );
    assert_eq!(texts(&page, ".article a.note-ref"), ["1", "2"]);
    let asides = texts(&page, ".article aside.note");
    assert!(asides[0].contains("The Pentagon's count."), "{asides:?}");
    assert!(asides[1].contains("Written first"), "{asides:?}");
}
