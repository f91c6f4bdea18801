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
    let run = site.build();
    assert!(!run.stderr.contains("cannot read"), "{}", run.stderr);
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
