//! `gloss serve`'s incremental rebuilds equal clean builds: the demo site is edited step by
//! step (article text, front matter, notes, actors, a brief added and removed, an entity's
//! alias, a template, a broken file and its fix), and after every step the site the serve
//! engine holds is compared, file by file and byte for byte, with `gloss build`'s output
//! for the same files. One more test does the same over HTTP with a running `gloss serve`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use gloss::BuildOptions;
use gloss::render::Output;
use gloss::serve::incremental::Engine;

mod common;

use common::serve::Server;

const URL: &str = "http://127.0.0.1:1111/";
/// How long the test waits for a line of `gloss serve`'s output.
const WAIT: Duration = Duration::from_secs(60);
const BRIEF: &str = "content/briefs/border-strikes-2021-06-27";

/// A copy of the demo site (the repository's own content, templates and static files).
fn demo_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in walkdir::WalkDir::new(repo) {
        let entry = entry.expect("walk");
        let relative = entry.path().strip_prefix(repo).expect("inside");
        let top = relative.iter().next().and_then(|p| p.to_str());
        let wanted = matches!(
            top,
            Some("content" | "templates" | "static" | "config.toml")
        );
        if !wanted || !entry.file_type().is_file() {
            continue;
        }
        let to = site.join(relative);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(entry.path(), &to).expect("copy");
    }
    // Two briefs a page, so lists of briefs (front page, entities, tags) have many pages
    // and an edit touches only some of them.
    let config = site.join("config.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(&config, text.replace("paginate_by = 5", "paginate_by = 2")).expect("config");
    (dir, site)
}

fn options(site: &Path) -> BuildOptions {
    options_at(site, URL)
}

fn options_at(site: &Path, url: &str) -> BuildOptions {
    BuildOptions {
        root: site.to_path_buf(),
        base_url: Some(url.into()),
        ..Default::default()
    }
}

/// The files of a clean build, by path.
fn clean_build(site: &Path) -> BTreeMap<String, Vec<u8>> {
    clean_build_at(site, URL)
}

fn clean_build_at(site: &Path, url: &str) -> BTreeMap<String, Vec<u8>> {
    let (outputs, _) = gloss::generate(&options_at(site, url))
        .unwrap_or_else(|e| panic!("clean build failed:\n{e}"));
    outputs
        .into_iter()
        .map(|output| match output {
            Output::Bytes { path, bytes } => (path, bytes),
            Output::Copy { path, from } => (path, std::fs::read(from).expect("read copy")),
        })
        .collect()
}

fn assert_same(step: &str, served: BTreeMap<String, Vec<u8>>, built: BTreeMap<String, Vec<u8>>) {
    let served_paths: Vec<&String> = served.keys().collect();
    let built_paths: Vec<&String> = built.keys().collect();
    let only_served: Vec<_> = served_paths
        .iter()
        .filter(|p| !built.contains_key(**p))
        .collect();
    let only_built: Vec<_> = built_paths
        .iter()
        .filter(|p| !served.contains_key(**p))
        .collect();
    assert!(
        only_served.is_empty() && only_built.is_empty(),
        "{step}: only served {only_served:?}; only built {only_built:?}"
    );
    let differ: Vec<&String> = built
        .iter()
        .filter(|(path, bytes)| served[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    assert!(
        differ.is_empty(),
        "{step}: served files differ from a clean build: {differ:?}"
    );
}

/// Updates the engine after `changed`, finishes a partial build, and compares.
fn step(engine: &mut Engine, site: &Path, name: &str, changed: &[&str]) -> bool {
    let changed: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
    let built = engine
        .update(&changed)
        .unwrap_or_else(|e| panic!("{name}: the serve build failed:\n{e}"));
    let partial = built.partial;
    let built = if engine.pending() {
        engine.finish().expect("whole-site files")
    } else {
        built
    };
    let served: BTreeMap<String, Vec<u8>> = built
        .site
        .snapshot()
        .into_iter()
        .map(|(path, bytes)| (path, bytes.expect("readable")))
        .collect();
    assert_same(name, served, clean_build(site));
    partial
}

fn edit(site: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, change(text)).expect("write");
}

#[test]
fn every_edit_serves_what_a_clean_build_makes() {
    let (_dir, site) = demo_site();
    let mut engine = Engine::new(options(&site));
    assert!(!step(&mut engine, &site, "first build", &[]));
    edits_of_a_brief(&mut engine, &site);
    a_brief_added_edited_and_deleted(&mut engine, &site);
    edits_of_an_entity_and_a_template(&mut engine, &site);
    a_broken_file_then_fixed(&mut engine, &site);
}

/// A brief's article, title, note, actors, summary and date, and a single-file brief's text:
/// each but the date rebuilds incrementally.
fn edits_of_a_brief(engine: &mut Engine, site: &Path) {
    let article = format!("{BRIEF}/article.md");
    let index = format!("{BRIEF}/index.md");
    edit(site, &article, |t| {
        format!("{t}\nA sentence added while serving.\n")
    });
    assert!(
        step(engine, site, "article text", &[&article]),
        "incremental"
    );

    edit(site, &index, |t| {
        t.replace(
            "title = \"U.S. strikes militia sites on the Iraq-Syria border\"",
            "title = \"U.S. strikes three militia sites\"",
        )
    });
    assert!(step(engine, site, "title", &[&index]), "incremental");

    edit(site, &index, |t| {
        t.replace("The number comes from", "The figure comes from")
    });
    assert!(step(engine, site, "note text", &[&index]), "incremental");

    edit(site, &index, |t| {
        t.replace(
            "  { id = \"pentagon\", role = \"announced the strikes\" },\n",
            "",
        )
    });
    assert!(step(engine, site, "actors", &[&index]), "incremental");

    edit(site, &index, |t| {
        t.replace(
            "These were the second",
            "Editor's text: these were the second",
        )
    });
    assert!(step(engine, site, "summary text", &[&index]), "incremental");

    let single = "content/briefs/thaar-al-muhandis-claims.md";
    edit(site, single, |t| {
        format!("{t}\nA sentence added to a single-file brief.\n")
            .replace("Who is Tha'ar al-Muhandis?", "Who are Tha'ar al-Muhandis?")
    });
    assert!(
        step(engine, site, "single-file brief", &[single]),
        "incremental"
    );

    edit(site, &index, |t| {
        t.replace("date = 2021-06-28", "date = 2021-06-29")
    });
    step(engine, site, "date", &[&index]);
}

/// A brief written while serving, edited (incrementally), then deleted.
fn a_brief_added_edited_and_deleted(engine: &mut Engine, site: &Path) {
    let new_brief = "content/briefs/added-while-serving/index.md";
    std::fs::create_dir_all(site.join("content/briefs/added-while-serving")).expect("mkdir");
    std::fs::write(
        site.join(new_brief),
        "+++\ntitle = \"Added while serving\"\ndate = 2021-06-30\nactors = [\"kataib-hezbollah\"]\n+++\nA new brief.\n",
    )
    .expect("write");
    step(engine, site, "add a brief", &[new_brief]);
    edit(site, new_brief, |t| {
        t.replace("A new brief.", "A new brief, edited.")
    });
    assert!(step(engine, site, "edit the new brief", &[new_brief]));

    std::fs::remove_dir_all(site.join("content/briefs/added-while-serving")).expect("rm");
    step(
        engine,
        site,
        "delete a brief",
        &[new_brief, "content/briefs/added-while-serving"],
    );
}

/// An actor's aliases and the brief template.
fn edits_of_an_entity_and_a_template(engine: &mut Engine, site: &Path) {
    edit(site, "content/actors/kataib-hezbollah.md", |t| {
        t.replace("aliases = [", "aliases = [\"KH brigades\", ")
    });
    step(
        engine,
        site,
        "entity alias",
        &["content/actors/kataib-hezbollah.md"],
    );

    edit(site, "templates/brief.html", |t| {
        t.replacen("</article>", "</article><!-- edited -->", 1)
    });
    step(engine, site, "template", &["templates/brief.html"]);
}

/// A broken file fails the build; fixing it brings the site back, and the next edit is
/// incremental again.
fn a_broken_file_then_fixed(engine: &mut Engine, site: &Path) {
    let index = format!("{BRIEF}/index.md");
    let article = format!("{BRIEF}/article.md");
    let good = std::fs::read_to_string(site.join(&index)).expect("read");
    std::fs::write(
        site.join(&index),
        good.replace("date = 2021-06-29", "date = 2021-13-45"),
    )
    .expect("break");
    let broken = engine.update(&[PathBuf::from(&index)]);
    let error = broken
        .expect_err("a broken date fails the build")
        .to_string();
    assert!(error.contains("index.md"), "{error}");
    std::fs::write(site.join(&index), good).expect("fix");
    step(engine, site, "fixed", &[&index]);
    edit(site, &article, |t| format!("{t}\nOne more sentence.\n"));
    assert!(
        step(engine, site, "after the fix", &[&article]),
        "incremental again"
    );
}

/// HTML as served, without the live-reload hook serve adds on the way out.
fn without_hook(bytes: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let Some(start) = text.find("<script type=\"application/json\" id=\"gloss-live\">") else {
        return bytes;
    };
    let tail = "<script src=\"/__gloss/live.js\"></script>\n";
    let end = text[start..]
        .find(tail)
        .map(|at| start + at + tail.len())
        .expect("hook end");
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

/// Every file of a clean build, fetched from the server, is the same.
fn assert_served_like_build(server: &Server, site: &Path, step: &str) {
    let built = clean_build_at(site, &format!("http://127.0.0.1:{}/", server.port));
    let mut served = BTreeMap::new();
    for path in built.keys() {
        let response = server.get(&format!("/{path}"));
        let (status, body) = (response.status, response.body);
        assert_eq!(status, 200, "{step}: {path}");
        let body = if path.ends_with(".html") {
            without_hook(body)
        } else {
            body
        };
        served.insert(path.clone(), body);
    }
    assert_same(step, served, built);
}

/// Saves a file the way many editors do, whole at once: written beside it under a hidden
/// name (which serve ignores) and renamed over it. A plain write truncates first, and a
/// rebuild may see the empty file in between (then another follows); the test needs one
/// rebuild per save to wait for.
fn save(path: &Path, text: &str) {
    let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&temporary, text).expect("write");
    std::fs::rename(&temporary, path).expect("rename");
}

#[test]
fn over_http_edits_and_errors_reach_the_browser() {
    let (_dir, site) = demo_site();
    let server = Server::start(&site, WAIT);
    assert_served_like_build(&server, &site, "first build");

    let article = site.join(format!("{BRIEF}/article.md"));
    let text = std::fs::read_to_string(&article).expect("read");
    save(&article, &format!("{text}\nEdited over HTTP.\n"));
    server.line_with("Rebuilt", WAIT);
    server.line_with("Finished", WAIT);
    assert_served_like_build(&server, &site, "article edit");

    // Broken: the overlay's data carries the error, and the last good page stays.
    let index = site.join(format!("{BRIEF}/index.md"));
    let good = std::fs::read_to_string(&index).expect("read");
    save(
        &index,
        &good.replace("date = 2021-06-28", "date = 2021-13-45"),
    );
    server.line_with("Build failed", WAIT);
    let page = "/briefs/border-strikes-2021-06-27/";
    let response = server.get(page);
    assert_eq!(response.status, 200);
    let body = response.text();
    assert!(
        body.contains("Edited over HTTP."),
        "the last good page is served"
    );
    assert!(
        body.contains("\"error\":\"error") && body.contains("index.md"),
        "the error goes to the overlay"
    );
    save(&index, &good);
    server.line_with("Rebuilt", WAIT);
    assert!(server.get(page).text().contains("\"error\":null"));
    assert_served_like_build(&server, &site, "fixed");
}
