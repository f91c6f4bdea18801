//! Article ingestion end to end: the seed article (`../shared/seed/`, the one real paste
//! this project started from) built as a brief's `article.txt` gives its 17 paragraphs and
//! 2 credits, with no site chrome, and its typography kept as written.

mod common;

use common::{Site, texts};

/// The seed article's text, read from beside the repository (never copied into it).
fn seed() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seed/000_205e801ed5c03a82.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "this test needs the seed article at {}: {e}",
            path.display()
        )
    })
}

#[test]
fn seed_article_builds_with_17_paragraphs_and_2_credits() {
    let site = Site::fixture();
    site.write("content/briefs/rockets/article.txt", &seed());
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
    let text = seed();
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
