//! Language and direction: an article's language is declared in `[source]` or detected, and
//! marks the article alone; the brief's own text and notes keep the site's language.

mod common;

use common::{Site, attrs, texts};

const ARABIC: &str = "قالت وزارة الدفاع إن صواريخ سقطت على قاعدة عين الأسد الجوية في محافظة \
الأنبار صباح الأربعاء.\nوأضافت الوزارة أن الهجوم لم يسفر عن إصابات بين الجنود، وأن فرقا فنية \
تعمل على تقييم الأضرار.\nولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن.\n";

/// A bundle brief with the Arabic article, an English summary and an English note.
fn arabic_brief(site: &Site, source: &str) {
    site.write(
        "content/briefs/arabic/index.md",
        &format!(
            "+++\ntitle = \"Rockets on the base, in Arabic\"\ndate = 2021-07-08\n\
             summary = \"The ministry's own count.\"\n{source}+++\nThe editor's text, in English.\n\n\
             ## Notes\n\n> لم يسفر عن إصابات\n\nNo injuries, the ministry said.\n"
        ),
    );
    site.write("content/briefs/arabic/article.txt", ARABIC);
}

/// The `lang` and `dir` of every element `selector` matches, "-" where one is absent.
fn lang_dir(page: &scraper::Html, selector: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(selector).unwrap_or_else(|e| panic!("{selector}: {e}"));
    page.select(&sel)
        .map(|e| {
            let get = |a: &str| e.value().attr(a).unwrap_or("-").to_string();
            format!("{} {}", get("lang"), get("dir"))
        })
        .collect()
}

#[test]
fn a_detected_arabic_article_is_right_to_left_and_nothing_else_is() {
    let site = Site::fixture();
    arabic_brief(&site, "");
    site.build();
    let page = site.page("briefs/arabic/index.html");
    assert_eq!(lang_dir(&page, ".article"), ["ar rtl"]);
    // The brief, its text and its notes keep the site's language.
    assert_eq!(lang_dir(&page, "article.brief"), ["en ltr"]);
    assert_eq!(lang_dir(&page, "aside.note"), ["en auto"]);
    assert_eq!(attrs(&page, "[dir='rtl']", "class"), ["article"]);
    // An English article on the same site gets no lang of its own.
    let english = site.page("briefs/rockets/index.html");
    assert_eq!(lang_dir(&english, ".article"), ["- -"]);
}

#[test]
fn a_declared_source_language_marks_the_article_only() {
    let site = Site::fixture();
    arabic_brief(&site, "[source]\noutlet = \"Agency\"\nlanguage = \"ar\"\n");
    site.build();
    let page = site.page("briefs/arabic/index.html");
    assert_eq!(lang_dir(&page, ".article"), ["ar rtl"]);
    assert_eq!(lang_dir(&page, "article.brief"), ["en ltr"]);
    // The card's title and summary are the editor's: no Arabic lang on them.
    let home = site.page("index.html");
    assert!(
        !attrs(&home, ".card-title", "lang")
            .iter()
            .any(|l| l == "ar")
    );
}

#[test]
fn an_arabic_note_on_an_english_article_reads_right_to_left() {
    let site = Site::fixture();
    let index = std::fs::read_to_string(site.root().join("content/briefs/rockets/index.md"))
        .unwrap_or_default()
        .replace("The Pentagon's count.", "رقم البنتاغون.");
    site.write("content/briefs/rockets/index.md", &index);
    site.build();
    let page = site.page("briefs/rockets/index.html");
    // dir="auto" lets the browser read the Arabic note right to left.
    assert_eq!(lang_dir(&page, "aside.note"), ["- auto"]);
}

#[test]
fn check_names_the_detected_language_and_the_line_to_add() {
    let site = Site::fixture();
    arabic_brief(&site, "[source]\noutlet = \"Agency\"\n");
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("gloss detected Arabic (`ar`) and marks it lang=\"ar\" dir=\"rtl\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/briefs/arabic/index.md:5:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("add `language = \"ar\"` under `[source]`"),
        "{}",
        run.stderr
    );
    // Following the hint silences it.
    arabic_brief(&site, "[source]\noutlet = \"Agency\"\nlanguage = \"ar\"\n");
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("detected"), "{}", run.stderr);
}

#[test]
fn the_briefs_structured_data_names_the_briefs_own_language() {
    let site = Site::fixture();
    arabic_brief(&site, "[source]\nlanguage = \"ar\"\n");
    site.write(
        "content/briefs/farsi.md",
        "+++\ntitle = \"فارسی\"\ndate = 2021-07-09\nlanguage = \"fa\"\n+++\nمتن.\n",
    );
    site.build();
    let json = |path: &str| texts(&site.page(path), "script[type='application/ld+json']").join("");
    assert!(json("briefs/arabic/index.html").contains("\"inLanguage\":\"en\""));
    assert!(json("briefs/farsi/index.html").contains("\"inLanguage\":\"fa\""));
}
