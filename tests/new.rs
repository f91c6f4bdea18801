//! `gloss new` as an editor uses it: a draft brief from a pasted article (the seed article,
//! read from ../shared/seed and never copied into the repository), with its actors and
//! locations pre-filled and the names that still need a page; and `new actor|location`
//! refusing a name another entity already has.

mod common;

use std::path::Path;

use common::Run;
use common::cli::{gloss, new_site};

#[path = "../crates/gloss-core/src/testing/seed.rs"]
#[allow(dead_code)]
mod seed;

fn write(site: &Path, path: &str, text: &str) {
    let path = site.join(path);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn brief_from_a_pasted_article() {
    let (_dir, site) = new_site();
    let root = site.to_str().expect("utf-8");
    three_entities(&site);
    let Some(seed) = seed::article("brief_from_a_pasted_article") else {
        return;
    };
    let made = gloss(&[
        "--root",
        root,
        "new",
        "brief",
        "Rockets hit Ain al-Asad",
        "--from",
        seed.to_str().expect("utf-8"),
        "--date",
        "2021-07-08",
    ]);
    made.succeeds();
    the_draft_holds_the_article_and_the_sites_entities(&site, &seed);
    names_without_a_page_come_with_a_command(&made);
    the_draft_checks(root);
}

/// A location with an alias, an actor with a short name and one whose name is written with
/// another apostrophe in the article.
fn three_entities(site: &Path) {
    write(
        site,
        "content/locations/ain-al-asad-air-base.md",
        "+++\nname = \"Ain al-Asad Air Base\"\naliases = [\"Ain al-Asad\"]\n+++\nA base.\n",
    );
    write(
        site,
        "content/actors/wayne-marotto.md",
        "+++\nname = \"Wayne Marotto\"\nshort_names = [\"Marotto\"]\n+++\nA spokesman.\n",
    );
    write(
        site,
        "content/actors/kataib-hezbollah.md",
        "+++\nname = \"Kata'ib-Hezbollah\"\n+++\nA militia.\n",
    );
}

/// The brief's folder: the article as pasted, and a dated draft listing the entities found.
fn the_draft_holds_the_article_and_the_sites_entities(site: &Path, seed: &Path) {
    let folder = site.join("content/briefs/rockets-hit-ain-al-asad");
    let index = std::fs::read_to_string(folder.join("index.md")).expect("index.md");
    let article = std::fs::read_to_string(folder.join("article.txt")).expect("article.txt");
    assert_eq!(article, std::fs::read_to_string(seed).expect("seed"));
    assert!(index.contains("date = 2021-07-08"), "{index}");
    assert!(index.contains("draft = true"), "{index}");
    // "Kata’ib Hezbollah" matches with a curly apostrophe.
    assert!(
        index.contains("actors = [\"wayne-marotto\", \"kataib-hezbollah\"]"),
        "{index}"
    );
    assert!(
        index.contains("locations = [\"ain-al-asad-air-base\"]"),
        "{index}"
    );
}

/// What `new brief` prints: the names that recur with no page, each with a ready command,
/// and what to do next.
fn names_without_a_page_come_with_a_command(made: &Run) {
    // A place ("in Baghdad") or a country is suggested as a location first.
    made.prints("gloss new location \"Baghdad\"")
        .prints("gloss new location \"Iraq\"")
        .prints("gloss new actor \"Islamic State\"")
        .prints("# 3 mentions; or: gloss new actor \"Baghdad\"")
        .never_prints("\"Ain al-Asad\"")
        .prints("Found 2 actors and 1 location of the site in the article")
        .prints("The brief is a draft (draft = true): preview it with `gloss serve --drafts`");
}

/// The new draft checks (drafts are on in check).
fn the_draft_checks(root: &str) {
    gloss(&["--root", root, "check"])
        .succeeds()
        .prints("No errors in 2 briefs, 3 actors, 2 locations")
        .says("warning: `Baghdad` appears 3 times in the article");
}

#[test]
fn near_misses_and_a_title_repeated_as_the_first_line() {
    let (dir, site) = new_site();
    let root = site.to_str().expect("utf-8");
    write(
        &site,
        "content/locations/ain-al-asad-air-base.md",
        "+++\nname = \"Ain al-Asad Air Base\"\naliases = [\"al-Asad\"]\n+++\nA base.\n",
    );
    let pasted = dir.path().join("pasted.txt");
    std::fs::write(
        &pasted,
        "Rockets on the base\n\nRockets hit Al Asad on Wednesday.\n\nLater, Al Asad was quiet.\n",
    )
    .expect("write");
    gloss(&[
        "--root",
        root,
        "new",
        "brief",
        "Rockets on the base",
        "--from",
        pasted.to_str().expect("utf-8"),
        "--slug",
        "base-rockets",
    ])
    .succeeds()
    .prints("warning: \"Al Asad\" is not linked but nearly matches `al-Asad` of content/locations/ain-al-asad-air-base.md: add \"Al Asad\" to its aliases")
    .prints("warning: the article's first line is the title; delete it from article.txt");
    assert!(site.join("content/briefs/base-rockets/index.md").is_file());
}

#[test]
fn new_entities_refuse_a_taken_name_and_take_slug_and_date() {
    let (_dir, site) = new_site();
    let root = site.to_str().expect("utf-8");
    write(
        &site,
        "content/actors/kataib-hezbollah.md",
        "+++\nname = \"Kataib Hezbollah\"\naliases = [\"KH\"]\n+++\nA militia.\n",
    );
    let new = |args: &[&str]| gloss(&[&["--root", root, "new"], args].concat());
    new(&["actor", "KH"])
        .fails()
        .says("error: `KH` is already the alias of content/actors/kataib-hezbollah.md")
        .says("help: a name two entities share is never linked: edit that file instead, or choose a different name");
    assert!(!site.join("content/actors/kh.md").exists());
    new(&["location", "kataib hezbollah"])
        .fails()
        .says("is already the name of");

    new(&["incident", "Erbil airport fire", "--date", "2021-07-06"])
        .succeeds()
        .prints("content/incidents/2021-07-06-erbil-airport-fire.md");
    new(&["actor", "Wayne Marotto", "--slug", "marotto"])
        .succeeds()
        .prints("content/actors/marotto.md");

    // A name in another script gets a transliterated slug; the same name again is refused.
    new(&["actor", "كتائب"])
        .succeeds()
        .prints("content/actors/ktyb.md");
    new(&["actor", "كتائب", "--slug", "kataib"])
        .fails()
        .says("is already the name of content/actors/ktyb.md");
    new(&["actor", "حزب الله", "--slug", "hezbollah"])
        .succeeds()
        .prints("content/actors/hezbollah.md");

    new(&["brief", "X", "--date", "2021-07"])
        .fails()
        .says("help: write --date YYYY-MM-DD");
    new(&["brief", "X", "--date", "July"]).exits(2);
}

#[test]
fn a_shortened_headline_and_the_page_around_a_pasted_article() {
    let (dir, site) = new_site();
    let root = site.to_str().expect("utf-8");
    let pasted = dir.path().join("pasted.txt");
    std::fs::write(
        &pasted,
        "Six farm workers hurt in Dunmore barn fire\n\n\
         A fire swept through a barn near Dunmore on Monday, the Harbour Police said.\n\n\
         The Harbour Police said the cause was not known.\n\n\
         Related Stories\n\nMORE FROM Region\n\nMORE FROM Region\n",
    )
    .expect("write");
    gloss(&[
        "--root",
        root,
        "new",
        "brief",
        "Six hurt in Dunmore barn fire",
        "--from",
        pasted.to_str().expect("utf-8"),
    ])
    .succeeds()
    // The editor shortened the pasted headline for the title: still caught.
    .prints("warning: the article's first line is nearly the title, `Six farm workers hurt in Dunmore barn fire`")
    .prints("warning: the lines from 9 to the end of article.txt, below the article's last paragraph")
    // Names are suggested from the article, not from the page around it.
    .prints("gloss new actor \"Harbour Police\"")
    .never_prints("MORE FROM Region");
}

#[test]
fn serve_names_the_draft_that_new_made() {
    use std::io::{BufRead, BufReader};
    let (_dir, site) = new_site();
    let root = site.to_str().expect("utf-8");
    gloss(&["--root", root, "new", "brief", "Ferry strike ends"]).succeeds();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["--root", root, "serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("gloss serve starts");
    let stdout = child.stdout.take().expect("piped stdout");
    // Every line up to the one that says where the site is served (serve prints it last).
    let lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .take_while(|line| !line.starts_with("Serving"))
        .collect();
    let _ = child.kill();
    let _ = child.wait();
    let text = lines.join("\n");
    assert!(
        text.contains("1 draft not shown: content/briefs/ferry-strike-ends/index.md (draft = true); serve with --drafts to preview it"),
        "{text}"
    );
}
