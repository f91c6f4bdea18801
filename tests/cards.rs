//! Hover-card data is written once: the shared part of each card (name, kind, first
//! sentence, latest incident, brief count) in chunk scripts under `cards/`; the brief's page
//! names only each kind's chunk pattern and count (the role is its sidebar line, the count
//! here its mentions). These tests pin that split, the escaping
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

/// FNV-1a of `slug`, as cards.rs and gloss.js choose an entity's chunk.
fn chunk_of(slug: &str, chunks: u64) -> u64 {
    let hash = slug.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    u64::from(hash) % chunks.max(1)
}

#[test]
fn a_brief_page_carries_no_card_data_of_its_own() {
    let site = Site::fixture();
    site.build();
    let (raw, cards) = page_cards(&site, "briefs/rockets/index.html");
    // Nothing of any one entity: no name, summary, path, role or count (issue 26). The role
    // is on the sidebar line that gloss.js reads, the count is the page's mentions.
    for shared in [
        "An Iran-backed Iraqi militia",
        "\"name\"",
        "\"summary\"",
        "\"path\"",
        "wayne-marotto",
        "coalition spokesman",
        "\"here\"",
    ] {
        assert!(!raw.contains(shared), "the page inlines {shared}: {raw}");
    }
    assert!(raw.len() < 120, "a few bytes per kind: {raw}");
    let page = site.page("briefs/rockets/index.html");
    let roles = common::texts(&page, ".sidebar-actors li .role");
    assert!(
        roles.iter().any(|r| r == "coalition spokesman"),
        "{roles:?}"
    );
    // Every mention's card is in the chunk its slug hashes to, under the page's pattern.
    let html = site.read("briefs/rockets/index.html");
    for (kind, slug) in [
        ("actor", "wayne-marotto"),
        ("location", "ain-al-asad-air-base"),
    ] {
        assert!(html.contains(&format!("/{slug}/\"")), "{slug}");
        let pattern = cards[kind][0].as_str().expect("a chunk pattern");
        let count = cards[kind][1].as_u64().expect("a chunk count");
        let path = pattern.replace("{n}", &chunk_of(slug, count).to_string());
        let (named, data) = chunk_json(&site.read(&path));
        assert_eq!(named, path, "a chunk names its own path");
        assert!(data[slug]["name"].is_string(), "{path} lacks {slug}");
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
    let page = site.read("briefs/rockets/index.html");
    assert!(
        !page.contains("</script><!-- spokesman"),
        "the role is escaped"
    );
    let roles = common::texts(
        &site.page("briefs/rockets/index.html"),
        ".sidebar-actors .role",
    );
    assert!(
        roles.iter().any(|r| r == "</script><!-- spokesman"),
        "{roles:?}"
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
