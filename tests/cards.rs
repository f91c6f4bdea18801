//! Hover-card data is written once: the shared part of each card (name, kind, first
//! sentence, latest incident, brief count) in chunk scripts under `cards/`, the brief's own
//! part (role, count here, which chunk) in the page. These tests pin that split, the escaping
//! of content in both, and that the chunks are the same bytes on every build.

mod common;

use common::Site;

/// The JSON inside `window.glossCardChunk(path, data);`, and the path it names.
fn chunk_json(script: &str) -> (String, serde_json::Value) {
    let inner = script
        .trim_end()
        .strip_prefix("window.glossCardChunk(")
        .and_then(|s| s.strip_suffix(");"))
        .unwrap_or_else(|| panic!("not a card chunk: {script}"));
    let value: serde_json::Value =
        serde_json::from_str(&format!("[{inner}]")).expect("the chunk's arguments are JSON");
    (
        value[0].as_str().expect("a path").to_string(),
        value[1].clone(),
    )
}

/// The brief page's own card JSON (`#gloss-cards`).
fn page_cards(site: &Site, page: &str) -> (String, serde_json::Value) {
    let html = site.read(page);
    let start = html
        .find("id=\"gloss-cards\">")
        .map(|at| at + "id=\"gloss-cards\">".len())
        .expect("the page has card data");
    let end = start + html[start..].find("</script>").expect("closed");
    let raw = html[start..end].to_string();
    let value = serde_json::from_str(&raw).expect("card data is JSON");
    (raw, value)
}

#[test]
fn a_brief_page_keeps_only_its_own_part_of_the_cards() {
    let site = Site::fixture();
    site.build();
    let (raw, cards) = page_cards(&site, "briefs/rockets/index.html");
    // What every page would repeat is not in the page.
    for shared in [
        "An Iran-backed Iraqi militia",
        "\"name\"",
        "\"summary\"",
        "\"path\"",
    ] {
        assert!(!raw.contains(shared), "the page inlines {shared}: {raw}");
    }
    let marotto = &cards["cards"]["actor/wayne-marotto"];
    assert_eq!(marotto["role"], "coalition spokesman", "{raw}");
    assert!(marotto["here"].as_u64().unwrap_or(0) >= 1, "{raw}");
    // Each chunk the page names exists and holds the card of every entity that points to it.
    let chunks = cards["chunks"].as_array().expect("chunk list");
    for (key, card) in cards["cards"].as_object().expect("cards") {
        let index = card["chunk"].as_u64().expect("chunk index") as usize;
        let path = chunks[index].as_str().expect("chunk path");
        let (named, data) = chunk_json(&site.read(path));
        assert_eq!(named, path, "a chunk names its own path");
        let slug = key.split_once('/').expect("kind/slug").1;
        assert!(data[slug]["name"].is_string(), "{path} lacks {key}");
    }
    let (_, actors) = chunk_json(&site.read("cards/actors-0.js"));
    let kh = &actors["kataib-hezbollah"];
    assert_eq!(kh["name"], "Kata'ib Hezbollah");
    assert_eq!(kh["summary"], "An Iran-backed Iraqi militia.");
    assert_eq!(kh["path"], "actors/kataib-hezbollah/");
    assert!(kh["incident"]["title"].is_string(), "latest incident: {kh}");
    assert!(kh["incident"]["date"].is_string(), "{kh}");
}

#[test]
fn content_in_cards_is_escaped_and_the_chunks_are_deterministic() {
    let site = Site::fixture();
    site.write(
        "content/actors/kataib-hezbollah.md",
        "+++\nname = \"Kata'ib </script><script>alert(1)</script>\"\naliases = [\"KH\"]\n\
         kind = \"<b>militia</b>\"\n+++\nSays \"</script>\" and \\u2028 & <img src=x onerror=alert(1)>.\n",
    );
    let brief = std::fs::read_to_string(site.root().join("content/briefs/rockets/index.md"))
        .expect("the fixture brief");
    site.write(
        "content/briefs/rockets/index.md",
        &brief.replace("\"coalition spokesman\"", "\"</script><!-- spokesman\""),
    );
    site.build();
    let first = site.snapshot();
    let chunk = site.read("cards/actors-0.js");
    assert!(!chunk.contains('<'), "a chunk holds no raw `<`: {chunk}");
    let (_, actors) = chunk_json(&chunk);
    assert_eq!(
        actors["kataib-hezbollah"]["name"],
        "Kata'ib </script><script>alert(1)</script>"
    );
    let (raw, cards) = page_cards(&site, "briefs/rockets/index.html");
    assert!(!raw.contains('<'), "{raw}");
    assert_eq!(
        cards["cards"]["actor/wayne-marotto"]["role"],
        "</script><!-- spokesman"
    );
    // A second build writes the same bytes.
    site.build();
    let second = site.snapshot();
    let cards_of = |files: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>| {
        files
            .iter()
            .filter(|(p, _)| p.starts_with("cards"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    assert!(!cards_of(&first).is_empty());
    assert_eq!(cards_of(&first), cards_of(&second));
}
