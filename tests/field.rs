//! Field-hardening: what careless real-world sites do to gloss (editor files left beside
//! content, files dropped into the output folder, names in the wrong case).

mod common;

use common::Site;

#[cfg(unix)]
#[test]
fn dangling_emacs_lock_does_not_fail_the_build() {
    let site = Site::fixture();
    let bundle = site.root().join("content/briefs/rockets");
    std::os::unix::fs::symlink("user@host.1234:1700000000", bundle.join(".#index.md"))
        .expect("symlink");
    std::os::unix::fs::symlink(
        "user@host.1234:1700000000",
        site.root().join("content/actors/.#iran.md"),
    )
    .expect("symlink");
    std::fs::create_dir_all(site.root().join("static")).expect("static/");
    std::os::unix::fs::symlink("gone", site.root().join("static/.#site.css")).expect("symlink");
    site.build().never_says("cannot read");
}

#[test]
fn editor_scratch_files_are_never_published() {
    let site = Site::fixture();
    let scratch = [
        "content/briefs/rockets/#index.md#",
        "content/briefs/rockets/index.md~",
        "content/briefs/rockets/4913",
        "content/briefs/rockets/article.txt.tmp",
        "content/briefs/rockets/.article.txt.swp",
        "content/briefs/rockets/.article.txt.swx",
        "static/#extra.css#",
        "static/extra.css~",
        "static/4913",
        "static/upload.tmp",
    ];
    for path in scratch {
        site.write(path, "+++\nbroken = [\n+++\nscratch\n");
    }
    // A broken template backup must not be compiled either.
    site.write("templates/brief.html~", "{% broken");
    site.write("templates/#brief.html#", "{% broken");
    site.build();
    for (path, _) in site.snapshot() {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        assert!(
            !gloss::scratch::is_scratch(&name) || name.starts_with('.'),
            "published {}",
            path.display()
        );
    }
    for name in [
        "#index.md#",
        "index.md~",
        "4913",
        "article.txt.tmp",
        "#extra.css#",
        "extra.css~",
        "upload.tmp",
    ] {
        assert!(
            !site.snapshot().keys().any(|p| p.ends_with(name)),
            "published {name}"
        );
    }
}

#[test]
fn files_gloss_did_not_write_are_kept_and_named() {
    let site = Site::fixture();
    site.build();
    let public = site.public();
    std::fs::write(public.join("CNAME"), "briefs.example.org\n").expect("CNAME");
    std::fs::write(public.join("google1234.html"), "google-site-verification").expect("file");
    std::fs::create_dir_all(public.join("papers/2021")).expect("papers/");
    std::fs::write(public.join("papers/2021/report.pdf"), "%PDF").expect("pdf");
    std::fs::write(public.join("briefs/missiles/notes.pdf"), "%PDF").expect("pdf");
    assert!(public.join("briefs/missiles/index.html").is_file());
    site.remove("content/briefs/missiles.md");
    let run = site.build();
    for kept in [
        "CNAME",
        "google1234.html",
        "papers/2021/report.pdf",
        "briefs/missiles/notes.pdf",
    ] {
        assert!(public.join(kept).is_file(), "{kept} was deleted");
    }
    // The site's own stale page is still removed.
    assert!(!public.join("briefs/missiles/index.html").exists());
    run.says("warning: gloss did not write this file")
        .says("public/CNAME")
        .says("papers/2021/report.pdf")
        .says("move it into static/");
    // Still named on the next build, until it is moved.
    site.build().says("public/CNAME");
    // Moved into static/, it is gloss's own file and no longer a warning.
    site.write("static/CNAME", "briefs.example.org\n");
    std::fs::remove_file(public.join("CNAME")).expect("rm");
    std::fs::remove_file(public.join("google1234.html")).expect("rm");
    std::fs::remove_dir_all(public.join("papers")).expect("rm");
    std::fs::remove_file(public.join("briefs/missiles/notes.pdf")).expect("rm");
    site.build().never_says("gloss did not write");
    assert_eq!(site.read("CNAME"), "briefs.example.org\n");
}

#[test]
fn force_still_replaces_a_folder_gloss_did_not_write() {
    let site = Site::fixture();
    let public = site.public();
    std::fs::create_dir_all(&public).expect("public/");
    std::fs::write(public.join("mine.txt"), "x").expect("file");
    site.run(&["build"]).fails();
    assert!(public.join("mine.txt").is_file());
    site.run(&["build", "--force"]).succeeds();
    assert!(!public.join("mine.txt").exists());
}

#[test]
fn raw_html_in_a_description_stays_in_summaries() {
    let site = Site::fixture();
    site.write(
        "content/actors/kataib-hezbollah.md",
        "+++\nname = \"Kata'ib Hezbollah\"\naliases = [\"KH\"]\nkind = \"militia\"\n+++\nAn Iraqi militia that fought the <Port Board> at the docks.\n\nMore detail.\n",
    );
    site.build();
    let page = site.page("actors/kataib-hezbollah/index.html");
    let description = common::attrs(&page, "meta[name=description]", "content");
    assert_eq!(
        description,
        ["An Iraqi militia that fought the <Port Board> at the docks."]
    );
    let index = site.page("actors/index.html");
    let summaries = common::texts(&index, ".entry-summary");
    assert!(
        summaries
            .iter()
            .any(|s| s.contains("fought the <Port Board> at the docks")),
        "{summaries:?}"
    );
    assert!(!site.read("actors/index.html").contains("<Port Board>"));
}

#[test]
fn new_refuses_names_no_file_system_keeps() {
    let site = Site::fixture();
    let long = "Very long militia name ".repeat(14);
    site.run(&["new", "actor", long.trim()])
        .fails()
        .says("slug of 321 characters")
        .says("help: pass a shorter slug, e.g. --slug very-long")
        .never_says("os error");
    for name in ["Aux", "NUL", "Com1"] {
        site.run(&["new", "location", name])
            .fails()
            .says("Windows keeps for a device");
    }
    assert!(!site.root().join("content/locations/aux.md").exists());
    site.run(&["new", "actor", "Aux", "--slug", "aux-forces"])
        .succeeds();
}
