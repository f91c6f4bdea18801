//! `gloss serve` never goes stale: a source folder replaced under it (`mv content c.old &&
//! cp -r c.old content`, as scripts, `git stash`, `rsync` and some editors do) is watched
//! again, and edits made afterwards are served.

use std::path::Path;
use std::time::{Duration, Instant};

mod common;

use common::Site;
use common::serve::Server;

const WAIT: Duration = Duration::from_secs(60);

/// Copies the folder `from` to `to`, as `cp -r` does.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// `mv <name> <name>.old<n> && cp -r <name>.old<n> <name>` in the site.
fn replace(site: &Path, name: &str, n: usize) {
    let old = site.join(format!("{name}.old{n}"));
    std::fs::rename(site.join(name), &old).expect("mv");
    copy_tree(&old, &site.join(name));
}

/// Saves like an editor: written under a hidden name and renamed over the file.
fn save(path: &Path, text: &str) {
    let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
    let temporary = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&temporary, text).expect("write");
    std::fs::rename(&temporary, path).expect("rename");
}

/// Waits until the page at `url` contains `text`.
fn served(server: &Server, url: &str, text: &str) {
    let deadline = Instant::now() + WAIT;
    while Instant::now() < deadline {
        if server.get(url).text().contains(text) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{url} never showed {text:?}:\n{}", server.get(url).text());
}

#[test]
fn edits_after_a_folder_is_replaced_are_served() {
    let site = Site::fixture();
    site.write(
        "templates/404.html",
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/404.html"))
            .expect("404.html"),
    );
    let root = site.root();
    let server = Server::start(root, WAIT);
    let brief = root.join("content/briefs/missiles.md");
    let text = std::fs::read_to_string(&brief).expect("read");

    replace(root, "content", 1);
    save(&brief, &format!("{text}\nFirst edit after the swap.\n"));
    served(&server, "/briefs/missiles/", "First edit after the swap.");
    // Several more edits, as a user keeps working.
    for n in 2..=3 {
        save(
            &brief,
            &format!("{text}\nEdit number {n} after the swap.\n"),
        );
        served(
            &server,
            "/briefs/missiles/",
            &format!("Edit number {n} after the swap."),
        );
    }
    // The moved-away copy is not a source: editing it changes nothing served.
    save(
        &root.join("content.old1/briefs/missiles.md"),
        &format!("{text}\nOnly in the old copy.\n"),
    );
    let template = root.join("templates/404.html");
    let page = std::fs::read_to_string(&template).expect("read");
    replace(root, "templates", 1);
    save(
        &template,
        &page.replace("Page not found", "Nothing here after the swap"),
    );
    served(&server, "/no-such-page/", "Nothing here after the swap");
    assert!(
        !server
            .get("/briefs/missiles/")
            .text()
            .contains("Only in the old copy."),
        "the moved-away folder was still watched"
    );
    // And content once more, after the templates.
    replace(root, "content", 2);
    save(&brief, &format!("{text}\nSecond swap, still live.\n"));
    served(&server, "/briefs/missiles/", "Second swap, still live.");
}
