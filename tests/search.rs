//! The chunked search index on the fixture site: full text (a word found only in an article
//! body), stems, Arabic words, dates as words, exact names, records packed into few chunk
//! files, and the header search box on every page.

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

/// The word shard `word` is looked up in, the way static/search.js finds it.
fn shard(site: &Site, word: &str) -> Option<Value> {
    let meta = chunk(site, "meta");
    let keys: Vec<&str> = meta["keys"].as_str().unwrap_or("").split(' ').collect();
    let key = keys
        .iter()
        .filter(|k| word.starts_with(**k))
        .max_by_key(|k| k.len())?;
    Some(chunk(site, &format!("w/{}", key_file(key))))
}

/// The ids of the documents a word is found in, looked up the way static/search.js does.
fn lookup(site: &Site, word: &str) -> Vec<u64> {
    let Some(shard) = shard(site, word) else {
        return Vec::new();
    };
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

/// Every record, in doc-id order, read from the `d/<n>` chunks the meta chunk lists.
fn records(site: &Site) -> Vec<Value> {
    let meta = chunk(site, "meta");
    let starts = meta["dc"].as_array().expect("chunk starts");
    let mut all = Vec::new();
    for (n, start) in starts.iter().enumerate() {
        assert_eq!(
            start.as_u64(),
            Some(all.len() as u64),
            "d/{n} starts where d/{} ends",
            n.max(1) - 1
        );
        let chunk = chunk(site, &format!("d/{n}"));
        all.extend(
            chunk
                .as_array()
                .expect("an array of records")
                .iter()
                .cloned(),
        );
    }
    assert_eq!(
        Some(all.len() as u64),
        meta["n"].as_u64(),
        "a record per document"
    );
    all
}

/// The doc id of the page at `path`.
fn doc_id(site: &Site, path: &str) -> u64 {
    records(site)
        .iter()
        .position(|r| r[1] == path)
        .unwrap_or_else(|| panic!("no search document for {path}")) as u64
}

/// The doc id of the document titled `title`.
fn titled(site: &Site, title: &str) -> u64 {
    records(site)
        .iter()
        .position(|r| r[0] == title)
        .unwrap_or_else(|| panic!("no search document titled {title}")) as u64
}

/// The kind of doc `id`, from the meta chunk's ranges (`[kind, year, status, first id]`).
fn kind(site: &Site, id: u64) -> String {
    let meta = chunk(site, "meta");
    let seg = meta["seg"].as_array().expect("ranges");
    let run = seg
        .iter()
        .rev()
        .find(|s| s[3].as_u64().is_some_and(|first| first <= id))
        .expect("a range");
    let k = run[0].as_u64().unwrap_or(0) as usize;
    meta["kinds"][k].as_str().unwrap_or("").to_string()
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
    assert_eq!(kind(&site, rockets), "brief");
    let meta = chunk(&site, "meta");
    assert!(meta["seg"].as_array().is_some_and(|s| !s.is_empty()));
    // The note and the editor's text are searched too.
    assert!(lookup(&site, "pentagons").contains(&rockets), "note word");
    assert!(
        lookup(&site, "editors").contains(&rockets),
        "editor's text word"
    );
    assert!(lookup(&site, "nosuchwordanywhere").is_empty());
    // The record holds what a result shows: title, link, date and summary.
    let record = &records(&site)[rockets as usize];
    assert_eq!(record[1], "briefs/rockets/");
    assert!(
        record[2].as_str().is_some_and(|d| d.contains("2021")),
        "{record}"
    );
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

#[test]
fn dates_are_found_as_words_at_their_precision() {
    let site = Site::fixture();
    site.build();
    let day = titled(&site, "Iranian missiles strike the base");
    let brief = titled(&site, "Missiles on the base");
    let month = titled(&site, "A claimed attack");
    // 2020-01-08: "8 January 2020", "Jan. 8", "2020-01-08".
    for word in ["2020", "january", "jan", "01", "8", "08"] {
        assert!(lookup(&site, word).contains(&day), "{word}");
    }
    // The brief of 2020-01-09 is in the same month, not on the same day.
    assert!(lookup(&site, "january").contains(&brief));
    assert!(lookup(&site, "9").contains(&brief));
    assert!(!lookup(&site, "8").contains(&brief));
    // 2020-05 is known to the month: no day words.
    assert!(lookup(&site, "may").contains(&month));
    assert!(lookup(&site, "05").contains(&month));
    assert!(!lookup(&site, "01").contains(&month));
    assert!(!lookup(&site, "1").contains(&month));
}

#[test]
fn exact_names_and_aliases_are_listed_in_the_shard_of_one_of_their_words() {
    let site = Site::fixture();
    site.write(
        "content/locations/erbil.md",
        "+++\nname = \"Erbil\"\naliases = [\"أربـيل\u{200F}\"]\n+++\nA city.\n",
    );
    site.write(
        "content/locations/erbil-airport.md",
        "+++\nname = \"Erbil International Airport\"\naliases = [\"Erbil airport\"]\n+++\nNear Erbil.\n",
    );
    site.build();
    // Looked for in the shard of each word, as static/search.js does: listed once.
    let exact = |name: &str| -> Vec<u64> {
        let mut ids: Vec<u64> = Vec::new();
        let mut seen = Vec::new();
        for word in name.split(' ') {
            let shard = shard(&site, word).expect("a shard");
            if seen.contains(&shard) {
                continue;
            }
            if let Some(list) = shard["n"][name].as_array() {
                assert!(ids.is_empty(), "{name} listed in two shards");
                ids.extend(list.iter().filter_map(Value::as_u64));
            }
            seen.push(shard);
        }
        ids
    };
    let erbil = titled(&site, "Erbil");
    let airport = titled(&site, "Erbil International Airport");
    assert_eq!(exact("erbil"), [erbil], "the city, not the airport");
    assert_eq!(exact("erbil airport"), [airport]);
    assert_eq!(exact("erbil international airport"), [airport]);
    // The Arabic alias under the matcher's folding: tatweel and RLM skipped, alef bare.
    assert_eq!(exact("اربيل"), [erbil]);
    let kh = titled(&site, "Kata'ib Hezbollah");
    assert_eq!(exact("kataib hezbollah"), [kh]);
    assert_eq!(exact("kh"), [kh]);
    assert_eq!(exact("al asad"), [titled(&site, "Ain al-Asad Air Base")]);
}

#[test]
fn bare_link_shorthand_reads_as_the_name_it_shows() {
    let site = Site::fixture();
    site.write(
        "content/briefs/shorthand.md",
        "+++\ntitle = \"Shorthand\"\ndate = 2021-01-04\n+++\nAn opening line.\n\nThen @actor/kataib-hezbollah fired on @location/anbar-province.\n",
    );
    site.build();
    let id = doc_id(&site, "briefs/shorthand/");
    // The names' words are indexed, the shorthand's are not.
    assert!(lookup(&site, "hezbollah").contains(&id));
    assert!(lookup(&site, "anbar").contains(&id));
    assert!(
        !lookup(&site, "actor").contains(&id),
        "the kind word of @actor/…"
    );
    assert!(!lookup(&site, "location").contains(&id));
    for record in records(&site) {
        assert!(!record.to_string().contains("@actor/"), "{record}");
    }
}

#[test]
fn records_and_filters_are_packed_into_few_files() {
    let site = Site::fixture();
    for i in 0..400 {
        site.write(
            &format!("content/briefs/bulk-{i:03}.md"),
            &format!(
                "+++\ntitle = \"Bulk brief {i}\"\ndate = 2019-02-{:02}\nactors = [\"iran\"]\n+++\nRockets were fired near the base, officials said in brief {i}.\n",
                i % 28 + 1
            ),
        );
    }
    site.build();
    let all = records(&site);
    assert!(all.len() > 400);
    let dir = site.public().join("search/chunks");
    let count = |sub: &str| std::fs::read_dir(dir.join(sub)).map_or(0, |d| d.count());
    let d = count("d");
    assert!(
        d * 20 <= all.len(),
        "{d} record chunks for {} documents",
        all.len()
    );
    for entry in std::fs::read_dir(dir.join("d")).expect("d/").flatten() {
        let bytes = entry.metadata().map_or(0, |m| m.len());
        assert!(bytes <= 16_000, "{:?}: {bytes} bytes", entry.path());
    }
    // One filter chunk holds every actor's and location's list here.
    assert_eq!(count("f"), 1);
    let meta = chunk(&site, "meta");
    assert_eq!(meta["fc"][0], "a-iran");
    let iran = chunk(&site, "f/0")["a-iran"]
        .as_array()
        .expect("iran's list")
        .len();
    assert!(iran > 400, "{iran}");
    let files = walkdir_count(&site.public().join("search"));
    assert!(
        files < 60,
        "{files} search files for {} documents",
        all.len()
    );
}

/// Files under `dir`, recursively.
fn walkdir_count(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                if e.path().is_dir() {
                    walkdir_count(&e.path())
                } else {
                    1
                }
            })
            .sum()
    })
}
