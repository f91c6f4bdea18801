//! The commands an editor starts with: `gloss init`, `gloss new` and `gloss serve`, run as
//! the real binary on sites in temporary folders.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use common::cli::{new_site, run};
use common::serve::{Server, connect};

mod common;

fn root_arg(site: &Path) -> &str {
    site.to_str().expect("utf-8 path")
}

#[test]
fn init_makes_a_site_that_builds_and_checks() {
    let (_dir, site) = new_site();
    for file in [
        "config.toml",
        ".gitignore",
        "README.md",
        ".github/workflows/pages.yml",
        "content/_index.md",
        "content/pages/about.md",
    ] {
        assert!(site.join(file).is_file(), "{file} is missing");
    }
    let (code, stdout, stderr) = run(&["--root", root_arg(&site), "build"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(site.join("public/index.html").is_file());
    let brief =
        std::fs::read_to_string(site.join("public/briefs/northbridge-pier-reopens/index.html"))
            .expect("brief page");
    assert!(brief.contains("Northbridge Ferry Pier reopens"));
    assert!(
        !brief.contains("__gloss"),
        "the live-reload script is for serve only"
    );
    let (code, stdout, stderr) = run(&["--root", root_arg(&site), "check"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn new_creates_once_and_never_overwrites() {
    let (_dir, site) = new_site();
    let root = root_arg(&site);
    let (code, stdout, stderr) = run(&["--root", root, "new", "actor", "Kata'ib Hezbollah"]);
    assert_eq!(code, 0, "{stderr}");
    let actor = site.join("content/actors/kataib-hezbollah.md");
    assert!(
        stdout.contains("content/actors/kataib-hezbollah.md"),
        "{stdout}"
    );
    std::fs::write(&actor, "+++\nname = \"Kata'ib Hezbollah\"\n+++\nEdited.\n").expect("edit");
    let (code, _, stderr) = run(&["--root", root, "new", "actor", "Kata'ib Hezbollah"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(
        std::fs::read_to_string(&actor)
            .expect("read")
            .contains("Edited.")
    );

    let (code, _, stderr) = run(&["--root", root, "new", "brief", "Rockets hit the base"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        site.join("content/briefs/rockets-hit-the-base/index.md")
            .is_file()
    );
    assert!(
        site.join("content/briefs/rockets-hit-the-base/article.txt")
            .is_file()
    );
    let (code, stdout, _) = run(&["--root", root, "new", "incident", "Erbil airport fire"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("-erbil-airport-fire.md"), "{stdout}");
    let (code, _, _) = run(&["--root", root, "new", "location", "Ain al-Asad Air Base"]);
    assert_eq!(code, 0);
    assert!(
        site.join("content/locations/ain-al-asad-air-base.md")
            .is_file()
    );

    // Every template is valid input: the site still checks, with the new draft included.
    let (code, stdout, stderr) = run(&["--root", root, "check", "--drafts"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("2 briefs, 2 actors, 2 locations, 2 incidents"),
        "{stdout}"
    );
}

/// One GET: the status and the whole response, head and body.
fn get(server: &Server, path: &str) -> (u16, String) {
    let response = server.get(path);
    (
        response.status,
        format!("{}{}", response.head, response.text()),
    )
}

#[test]
fn serve_previews_and_reloads_on_change() {
    let (_dir, site) = new_site();
    let server = Server::start(&site, Duration::from_secs(30));
    let line = &server.serving;
    assert!(
        line.starts_with("Serving Annotated briefs at http://127.0.0.1:"),
        "{line}"
    );
    let port = server.port;

    let (status, home) = get(&server, "/");
    assert_eq!(status, 200, "{home}");
    assert!(home.contains("text/html"));
    assert!(
        home.contains("<script src=\"/__gloss/live.js\"></script>"),
        "live reload is injected"
    );
    let (status, script) = get(&server, "/__gloss/live.js");
    assert_eq!(status, 200);
    assert!(
        script.contains("new EventSource(\"/__gloss/events"),
        "{script}"
    );
    let (status, missing) = get(&server, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(
        missing.contains("Page not found"),
        "the site's 404 page is served"
    );
    let (status, redirect) = get(&server, "/actors");
    assert_eq!(status, 301);
    assert!(redirect.contains("Location: /actors/\r\n"));
    assert_eq!(get(&server, "/../config.toml").0, 400);
    assert!(
        !site.join("public").exists(),
        "serve writes nothing into the site"
    );

    let mut events = connect(port);
    write!(
        events,
        "GET /__gloss/events?build=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .expect("send");
    let mut reader = BufReader::new(events);
    let mut received = String::new();
    while !received.contains("retry:") {
        assert!(reader.read_line(&mut received).expect("event stream head") > 0);
    }
    assert!(received.contains("text/event-stream"), "{received}");

    let actor = site.join("content/actors/northbridge-port-authority.md");
    let text = std::fs::read_to_string(&actor).expect("read");
    std::fs::write(&actor, format!("{text}\nEdited while serving.\n")).expect("edit");
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut line = String::new();
    while !line.starts_with("data: reload") {
        assert!(Instant::now() < deadline, "no reload event after a change");
        line.clear();
        assert!(
            reader.read_line(&mut line).expect("an event") > 0,
            "the event stream closed"
        );
    }
    let (_, actor_page) = get(&server, "/actors/northbridge-port-authority/");
    assert!(actor_page.contains("Edited while serving."));
}

#[test]
fn serve_says_when_the_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = taken.local_addr().expect("address").port().to_string();
    let (_dir, site) = new_site();
    let (code, _, stderr) = run(&["--root", root_arg(&site), "serve", "--port", &port]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("already in use") && stderr.contains("--port"),
        "{stderr}"
    );
}

/// Connections that never send a request hold a thread each; past the cap gloss serve
/// turns new ones away with a 503 instead of starting threads without end, and serves
/// again once they close.
#[test]
fn serve_caps_its_connections() {
    let (_dir, site) = new_site();
    let server = Server::start(&site, Duration::from_secs(30));
    let port = server.port;
    let idle: Vec<TcpStream> = (0..64).map(|_| connect(port)).collect();
    // Let the server accept all of them before the next one.
    std::thread::sleep(Duration::from_millis(500));
    // Turned away before it even asks: read what the server says, send nothing.
    let mut response = String::new();
    connect(port)
        .read_to_string(&mut response)
        .expect("the 503 response");
    assert!(response.starts_with("HTTP/1.1 503 "), "{response}");
    assert!(response.contains("Retry-After: 1"), "{response}");
    drop(idle);
    // Until the server has seen them close, a request may still be turned away (and its
    // connection reset): retry.
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut stream = connect(port);
        let mut response = String::new();
        let answered = write!(
            stream,
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .and_then(|()| stream.read_to_string(&mut response));
        if answered.is_ok() && response.starts_with("HTTP/1.1 200 ") {
            break;
        }
        assert!(Instant::now() < deadline, "slots never came back");
        std::thread::sleep(Duration::from_millis(100));
    }
}
