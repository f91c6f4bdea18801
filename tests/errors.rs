//! Every class of editor mistake: the build exits 1, names the file, line and column, says
//! what to do, and leaves the previously built site exactly as it was.

mod common;

use common::Site;

/// Builds the good fixture, applies `break_it`, builds again and checks the failure.
fn fails(break_it: impl FnOnce(&Site), expected: &[&str]) -> String {
    let site = Site::fixture();
    site.build();
    let before = site.snapshot();
    break_it(&site);
    let run = site.run(&["build"]);
    assert_eq!(
        run.code, 1,
        "expected a failed build, got:\n{}{}",
        run.stdout, run.stderr
    );
    for part in expected {
        assert!(
            run.stderr.contains(part),
            "stderr lacks {part:?}:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(before, site.snapshot(), "the previous public/ changed");
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "check should fail too:\n{}", check.stdout);
    run.stderr
}

const BRIEF: &str = "content/briefs/rockets/index.md";

fn edit(site: &Site, path: &str, from: &str, to: &str) {
    let text = std::fs::read_to_string(site.root().join(path)).expect("read");
    assert!(text.contains(from), "{path} lacks {from:?}");
    site.write(path, &text.replacen(from, to, 1));
}

#[test]
fn unknown_actor_names_the_nearest_slug() {
    fails(
        |s| edit(s, BRIEF, "\"kataib-hezbollah\"]", "\"kataib-hezbolah\"]"),
        &[
            "unknown actor `kataib-hezbolah`",
            "content/briefs/rockets/index.md:6:67",
            "did you mean `kataib-hezbollah`?",
        ],
    );
}

#[test]
fn unknown_location_event_and_prior_incident() {
    fails(
        |s| {
            edit(
                s,
                BRIEF,
                "locations = [\"ain-al-asad-air-base\"]",
                "locations = [\"ain-al-assad-air-base\"]",
            );
            edit(
                s,
                BRIEF,
                "event = \"2021-07-07-rockets\"",
                "event = \"2021-07-07-rocket\"",
            );
            edit(
                s,
                BRIEF,
                "incidents = [\"2018-06-01-listed\"]",
                "incidents = [\"2018-06-01-lsted\"]",
            );
        },
        &[
            "unknown location `ain-al-assad-air-base`",
            "did you mean `ain-al-asad-air-base`?",
            "unknown incident `2021-07-07-rocket`",
            "did you mean `2021-07-07-rockets`?",
            "content/briefs/rockets/index.md:5:9",
            "content/briefs/rockets/index.md:7:14",
            "unknown incident `2018-06-01-lsted`",
        ],
    );
}

#[test]
fn unknown_within_affiliation_and_incident_location() {
    fails(
        |s| {
            edit(
                s,
                "content/locations/anbar-province.md",
                "within = \"iraq\"",
                "within = \"irak\"",
            );
            edit(
                s,
                "content/actors/kataib-hezbollah.md",
                "[\"popular-mobilization-forces\"]",
                "[\"popular-mobilisation-forces\"]",
            );
            edit(
                s,
                "content/incidents/2020-01-08-missiles.md",
                "location = \"ain-al-asad-air-base\"",
                "location = \"al-asad\"",
            );
        },
        &[
            "content/locations/anbar-province.md:4:10",
            "unknown location `irak`",
            "did you mean `iraq`?",
            "content/actors/kataib-hezbollah.md:5:16",
            "did you mean `popular-mobilization-forces`?",
            "content/incidents/2020-01-08-missiles.md:4:12",
        ],
    );
}

#[test]
fn impossible_and_partial_brief_dates() {
    fails(
        |s| edit(s, BRIEF, "date = 2021-07-07", "date = 2021-02-30"),
        &["content/briefs/rockets/index.md:3:"],
    );
    fails(
        |s| {
            edit(
                s,
                "content/briefs/missiles.md",
                "date = 2020-01-09",
                "date = \"2020-01\"",
            )
        },
        &[
            "a brief's date must be a full day",
            "content/briefs/missiles.md:3:8",
        ],
    );
    fails(
        |s| {
            edit(
                s,
                "content/incidents/2020-05-claim.md",
                "date = \"2020-05\"",
                "date = \"May 2020\"",
            )
        },
        &[
            "`May 2020` is not a date",
            "content/incidents/2020-05-claim.md:3:8",
            "help: write `date = \"2020-05\"`",
        ],
    );
}

#[test]
fn coordinates_out_of_range() {
    fails(
        |s| {
            edit(
                s,
                "content/locations/ain-al-asad-air-base.md",
                "[33.80, 42.44]",
                "[142.44, 33.80]",
            )
        },
        &[
            "is not a place on Earth",
            "content/locations/ain-al-asad-air-base.md:5:15",
            "swapped",
        ],
    );
}

#[test]
fn unknown_key_and_missing_required_field() {
    let stderr = fails(
        |s| {
            edit(s, BRIEF, "tags =", "tag =");
            edit(s, "content/actors/iran.md", "name = \"Iran\"\n", "");
        },
        &[
            "unknown key `tag`",
            "content/briefs/rockets/index.md:4:1",
            "help: did you mean `tags`?",
            "the required key `name` is missing",
            "content/actors/iran.md",
            "help: add a line `name = ...` to the front matter",
        ],
    );
    // Errors come sorted by file, so the output is the same on every run.
    assert!(
        stderr.find("content/actors/iran.md") < stderr.find(BRIEF),
        "{stderr}"
    );
}

#[test]
fn duplicate_brief_slugs() {
    fails(
        |s| {
            s.write(
                "content/briefs/rockets.md",
                "+++\ntitle = \"Again\"\ndate = 2021-07-07\n+++\nx\n",
            )
        },
        &["two briefs are named `rockets`"],
    );
}

#[test]
fn invalid_slug_and_unclosed_front_matter() {
    fails(
        |s| s.write("content/actors/Bad Name.md", "+++\nname = \"X\"\n+++\n"),
        &["`Bad Name` is not a valid slug", "`bad-name`"],
    );
    fails(
        |s| s.write("content/actors/open.md", "+++\nname = \"X\"\n"),
        &["content/actors/open.md:1:1", "never closed"],
    );
    fails(
        |s| s.write("content/actors/nofront.md", "name = \"X\"\n"),
        &["does not start with `+++`"],
    );
}

#[test]
fn article_that_is_not_utf8() {
    let site = Site::fixture();
    site.build();
    let before = site.snapshot();
    std::fs::write(
        site.root().join("content/briefs/rockets/article.txt"),
        b"Fine line\nBad \xff byte\n",
    )
    .expect("write");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("content/briefs/rockets/article.txt:2:5"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not valid UTF-8"), "{}", run.stderr);
    assert_eq!(before, site.snapshot());
}

#[test]
fn bad_status_and_unsafe_source_url() {
    fails(
        |s| {
            edit(
                s,
                "content/incidents/2020-05-claim.md",
                "status = \"claimed\"",
                "status = \"alleged\"",
            );
            edit(
                s,
                BRIEF,
                "url = \"https://example.com/story\"",
                "url = \"javascript:alert(1)\"",
            );
        },
        &[
            "unknown status `alleged`",
            "(one of: claimed, reported, disputed, confirmed)",
            "is not an http(s) URL",
        ],
    );
}

#[test]
fn config_errors() {
    fails(
        |s| {
            s.write(
                "config.toml",
                "title = \"T\"\nbase_url = \"https://x.io\"\npaginate = 3\n",
            )
        },
        &[
            "config.toml:3:1",
            "unknown key `paginate`",
            "help: did you mean `paginate_by`?",
        ],
    );
    fails(
        |s| s.write("config.toml", "title = \"T\"\nbase_url = \"x.io\"\n"),
        &["config.toml:2:1", "must start with https://"],
    );
}

#[test]
fn broken_template_override() {
    fails(
        |s| {
            s.write("templates/page.html", "{% extends \"base.html\" %}{% block content %}{{ content.nope }}{% endblock content %}")
        },
        &["cannot render pages/about/index.html", "nope"],
    );
}

#[test]
fn output_folder_that_holds_the_site_is_refused() {
    let site = Site::fixture();
    let root = site.root().to_string_lossy().into_owned();
    for out in [
        root.as_str(),
        &format!("{root}/content"),
        &format!("{root}/.."),
    ] {
        let run = site.run(&["build", "--output-dir", out]);
        assert_eq!(run.code, 1, "{out}: {}", run.stdout);
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    }
    site.write("docs/notes.txt", "mine");
    let docs = format!("{root}/docs");
    let run = site.run(&["build", "--output-dir", &docs]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(site.root().join("docs/notes.txt")).unwrap(),
        "mine"
    );
    let run = site.run(&["build", "--output-dir", &docs, "--force"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.root().join("docs/index.html").is_file());
    assert!(!site.root().join("docs/notes.txt").exists());
}

#[test]
fn a_new_output_folder_anywhere_is_fine() {
    let site = Site::fixture();
    let out = site.root().join("_serve/repo");
    let run = site.run(&["build", "--output-dir", &out.to_string_lossy()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("index.html").is_file());
}

#[test]
fn a_failed_first_build_leaves_no_folder_behind() {
    let site = Site::fixture();
    // Most pages render (and are staged) before the one broken template fails.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ content.nope }}{% endblock content %}",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(!site.public().exists(), "a half-built public/ was left");
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("gloss-"))
        .map(|e| e.file_name())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
