//! The annotation engine end to end: a pasted article in a fixture brief becomes paragraphs
//! with linked mentions, a marked passage and its note, and the entity page cites the
//! sentence; and a note whose quote is not in the article fails the build with the closest
//! passage.

mod common;

use common::{Site, attrs, texts};

#[test]
fn pasted_article_renders_mentions_marks_and_notes() {
    let site = Site::fixture();
    site.build();
    let page = site.page("briefs/rockets/index.html");
    let paragraphs = texts(&page, ".article p[id^='p-']");
    // Boilerplate dropped, the contributor line moved to the credits, brackets kept literally.
    assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    assert!(
        paragraphs
            .iter()
            .all(|p| !p.contains("Advertisement") && !p.contains("contributed"))
    );
    assert_eq!(
        paragraphs[2],
        "The [launcher] was found <burned> & abandoned."
    );
    assert!(
        texts(&page, "body")
            .join(" ")
            .contains("A. Reporter contributed to this report.")
    );
    // First mentions link, with the kind; the curly apostrophe still matches the name.
    // A link names its entity by its href (no `data-entity`: issue 26).
    let linked = attrs(&page, ".article a.mention", "href");
    for slug in [
        "ain-al-asad-air-base",
        "iraq",
        "kataib-hezbollah",
        "wayne-marotto",
    ] {
        assert!(
            linked.iter().any(|l| l.ends_with(&format!("/{slug}/"))),
            "{slug} not linked: {linked:?}"
        );
    }
    let kinds = attrs(&page, ".article a.mention[href$='/iraq/']", "data-kind");
    assert_eq!(kinds, ["location"]);
    // "Marotto" alone, after the full name, is a later mention (a span, not a link).
    let later = attrs(&page, ".article span.mention", "data-entity");
    assert!(later.iter().any(|l| l == "wayne-marotto"), "{later:?}");
    // The note's passage is marked and linked both ways with its aside.
    assert_eq!(
        texts(&page, ".article mark.noted"),
        ["two U.S. service members"]
    );
    assert_eq!(attrs(&page, ".article a.note-ref", "href"), ["#note-1"]);
    let note = texts(&page, ".article aside.note#note-1");
    assert!(note[0].contains("The Pentagon's count."), "{note:?}");
    // Mentioned entities join the sidebars after the listed ones.
    let locations = texts(&page, ".sidebar-locations li");
    assert!(
        locations.iter().any(|l| l.contains("Iraq")),
        "{locations:?}"
    );
}

#[test]
fn entity_pages_cite_the_sentence_and_paragraph() {
    let site = Site::fixture();
    site.build();
    let kh = site.page("actors/kataib-hezbollah/index.html");
    let quotes = texts(&kh, ".backlinks q");
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("Kata’ib Hezbollah did not comment.")),
        "{quotes:?}"
    );
    // The title links to the paragraph of the brief's first quote (issue 26).
    let links = attrs(&kh, ".backlink-list > li > a", "href");
    assert!(
        links.iter().any(|l| l == "../../briefs/rockets/#p-2"),
        "{links:?}"
    );
    assert_eq!(texts(&kh, ".backlinks q mark"), ["Kata’ib Hezbollah"]);
}

#[test]
fn a_note_that_quotes_nothing_names_the_closest_passage() {
    let site = Site::fixture();
    site.build();
    let before = site.snapshot();
    let index =
        std::fs::read_to_string(site.root().join("content/briefs/rockets/index.md")).unwrap();
    site.write(
        "content/briefs/rockets/index.md",
        &index.replace("> two U.S. service members", "> two US service members"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("content/briefs/rockets/index.md:19"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not in the article"), "{}", run.stderr);
    assert!(
        run.stderr.contains("two U.S. service members"),
        "closest passage missing: {}",
        run.stderr
    );
    assert_eq!(before, site.snapshot());
}

#[test]
fn a_note_that_quotes_twice_asks_for_more() {
    let site = Site::fixture();
    let index =
        std::fs::read_to_string(site.root().join("content/briefs/rockets/index.md")).unwrap();
    site.write(
        "content/briefs/rockets/index.md",
        &index.replace("> two U.S. service members", "> Marotto"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("appears"), "{}", run.stderr);
    assert!(run.stderr.contains("longer passage"), "{}", run.stderr);
}

#[test]
fn link_all_links_every_mention() {
    let site = Site::fixture();
    let config = std::fs::read_to_string(site.root().join("config.toml")).unwrap();
    site.write(
        "config.toml",
        &format!("{config}[mentions]\nlink = \"all\"\n"),
    );
    site.build();
    let page = site.page("briefs/rockets/index.html");
    assert!(texts(&page, ".article span.mention").is_empty());
    let marotto = attrs(&page, ".article a.mention[href$='/wayne-marotto/']", "href");
    assert_eq!(marotto.len(), 2, "{marotto:?}");
}
