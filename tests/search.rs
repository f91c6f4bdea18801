//! The chunked search index on the fixture site: full text (a word found only in an article
//! body), stems, Arabic words, and the header search box on every page.

mod common;

use gloss::render::search::key_file;

use common::{Site, attrs};
use serde_json::Value;

/// The data of one chunk script: `window.glossSearchChunk("name",DATA);`.
fn chunk(site: &Site, name: &str) -> Value {
    let text = site.read(&format!("search/chunks/{name}.js"));
    let start = text.find(',').expect("a chunk call") + 1;
    let end = text.rfind(");").expect("a chunk call");
    serde_json::from_str(&text[start..end]).expect("chunk data is JSON")
}

/// The ids of the documents a word is found in, looked up the way static/search.js does.
fn lookup(site: &Site, word: &str) -> Vec<u64> {
    let meta = chunk(site, "meta");
    let keys: Vec<&str> = meta["keys"].as_str().unwrap_or("").split(' ').collect();
    let Some(key) = keys
        .iter()
        .filter(|k| word.starts_with(**k))
        .max_by_key(|k| k.len())
    else {
        return Vec::new();
    };
    let shard = chunk(site, &format!("w/{}", key_file(key)));
    let Some(stem) = shard["w"][word].as_str() else {
        return Vec::new();
    };
    let stem = if stem.is_empty() { word } else { stem };
    let postings = shard["s"][stem]
        .as_array()
        .expect("postings of the stem")
        .clone();
    let mut id = 0;
    postings[1..]
        .chunks(2)
        .map(|p| {
            id += p[0].as_u64().unwrap_or(0);
            id
        })
        .collect()
}

/// The doc id of the page at `path`.
fn doc_id(site: &Site, path: &str) -> u64 {
    let n = chunk(site, "meta")["n"].as_u64().expect("doc count");
    (0..n)
        .find(|id| chunk(site, &format!("d/{id}"))["p"] == path)
        .unwrap_or_else(|| panic!("no search document for {path}"))
}

#[test]
fn a_word_only_in_an_article_body_is_indexed() {
    let site = Site::fixture();
    site.build();
    let rockets = doc_id(&site, "briefs/rockets/");
    assert!(
        lookup(&site, "abandoned").contains(&rockets),
        "article word"
    );
    // Stems: "abandon" and "rocket" find the forms the text uses.
    assert_eq!(chunk(&site, &format!("d/{rockets}"))["k"], "brief");
    let meta = chunk(&site, "meta");
    assert!(meta["seg"].as_array().is_some_and(|s| !s.is_empty()));
    // The note and the editor's text are searched too.
    assert!(lookup(&site, "pentagons").contains(&rockets), "note word");
    assert!(
        lookup(&site, "editors").contains(&rockets),
        "editor's text word"
    );
    assert!(lookup(&site, "nosuchwordanywhere").is_empty());
    // The fragment keeps the article text for snippets.
    let x = chunk(&site, &format!("d/{rockets}"))["x"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(x.contains("abandoned"), "{x}");
}

#[test]
fn arabic_words_are_found_without_their_diacritics() {
    let site = Site::fixture();
    site.write(
        "content/briefs/arabic.md",
        "+++\ntitle = \"Arabic brief\"\ndate = 2021-01-02\n+++\nسقط صَارُوخٌ قرب أربيل.\n",
    );
    site.build();
    let arabic = doc_id(&site, "briefs/arabic/");
    assert!(lookup(&site, "صاروخ").contains(&arabic), "the bare word");
    assert!(
        lookup(&site, "اربيل").contains(&arabic),
        "alef with hamza folds to alef"
    );
}

#[test]
fn every_page_has_a_search_box_that_goes_to_the_search_page() {
    let site = Site::fixture();
    site.build();
    let brief = site.page("briefs/rockets/index.html");
    let action = attrs(&brief, "header form[role=search]", "action");
    assert_eq!(action, ["../../search/"]);
    let search = site.page("search/index.html");
    assert!(
        attrs(&search, "header form[role=search]", "action").is_empty(),
        "one box there"
    );
    assert_eq!(attrs(&search, "#search-filter-year", "name"), ["year"]);
}

#[test]
fn decomposed_accents_and_invisible_marks_do_not_split_words() {
    let site = Site::fixture();
    site.write(
        "content/briefs/nfd.md",
        "+++\ntitle = \"Decomposed\"\ndate = 2021-01-03\n+++\nJose\u{301} Pe\u{301}rez met Kata\u{200D}ib men in \u{200F}قا\u{0640}سم.\n",
    );
    site.build();
    let nfd = doc_id(&site, "briefs/nfd/");
    assert!(lookup(&site, "perez").contains(&nfd), "one word, folded");
    assert!(lookup(&site, "rez").is_empty(), "not split at the accent");
    assert!(lookup(&site, "kataib").contains(&nfd), "ZWJ skipped");
    assert!(
        lookup(&site, "قاسم").contains(&nfd),
        "RLM and tatweel skipped"
    );
}
