//! Every internal link of the built site resolves, both on a static server under `/repo/`
//! (as GitHub Pages serves a project site) and opened from disk in a `--file-urls` build;
//! `gloss check` fails on a broken one.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use scraper::Html;

use super::common::{self, attrs};
use super::{build, fixture, read};

#[test]
fn gloss_check_fails_on_broken_links() {
    let site = fixture();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site.write(
        "content/pages/links.md",
        "+++\ntitle = \"Links\"\n+++\nSee [a missing brief](../../briefs/nope/) and [a missing note](../../briefs/rockets/#p-99).\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("broken link `../../briefs/nope/`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("pages/links/index.html"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("id=\"p-99\""), "{}", run.stderr);
}

// ---- Links, as a reader's browser follows them ----

/// The `href` and `src` values and the fragment targets (`id`, `name`) of a page.
fn links_and_anchors(html: &str) -> (Vec<String>, BTreeSet<String>) {
    let doc = Html::parse_document(html);
    let links = ["href", "src"]
        .iter()
        .flat_map(|attr| attrs(&doc, &format!("[{attr}]"), attr))
        .collect();
    let anchors = attrs(&doc, "[id]", "id")
        .into_iter()
        .chain(attrs(&doc, "a[name]", "name"))
        .collect();
    (links, anchors)
}

fn is_internal(link: &str) -> bool {
    let scheme = link.split_once(':').map(|(s, _)| s);
    !(link.starts_with("//") || scheme.is_some_and(|s| !s.contains(['/', '?', '#'])))
}

/// RFC 3986 reference resolution for paths: `link` relative to the page at `base`.
fn join(base: &str, link: &str) -> (String, String) {
    let (link, fragment) = link.split_once('#').unwrap_or((link, ""));
    let link = link.split('?').next().unwrap_or_default();
    let path = if link.is_empty() {
        base.to_string()
    } else if link.starts_with('/') {
        link.to_string()
    } else {
        let mut segments: Vec<&str> = base.split('/').collect();
        segments.pop();
        let parts: Vec<&str> = link.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            match *part {
                "." | ".." if i == parts.len() - 1 => {
                    if *part == ".." {
                        segments.pop();
                    }
                    segments.push("");
                }
                "." => {}
                ".." => {
                    segments.pop();
                }
                other => segments.push(other),
            }
        }
        segments.join("/")
    };
    (path, fragment.to_string())
}

/// A static file server for `dir` under `/repo/`, as GitHub Pages serves a project site:
/// folders answer with their `index.html`, a folder without its slash redirects, anything
/// else is a 404. It runs until it is sent `GET /quit`.
fn serve(dir: PathBuf) -> (SocketAddr, JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    let handle = std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut line = String::new();
            if BufReader::new(&stream).read_line(&mut line).is_err() {
                continue;
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            if path == "/quit" {
                let _ = stream.write_all(b"HTTP/1.0 200 OK\r\n\r\n");
                break;
            }
            let file = path.strip_prefix("/repo/").map(|p| dir.join(p));
            let response: Vec<u8> = match file {
                Some(f) if f.is_file() => {
                    let mut r = b"HTTP/1.0 200 OK\r\n\r\n".to_vec();
                    r.extend(std::fs::read(f).unwrap_or_default());
                    r
                }
                Some(f) if f.is_dir() && path.ends_with('/') && f.join("index.html").is_file() => {
                    let mut r = b"HTTP/1.0 200 OK\r\n\r\n".to_vec();
                    r.extend(std::fs::read(f.join("index.html")).unwrap_or_default());
                    r
                }
                Some(f) if f.is_dir() => {
                    format!("HTTP/1.0 301 Moved\r\nLocation: {path}/\r\n\r\n").into_bytes()
                }
                _ => b"HTTP/1.0 404 Not Found\r\n\r\n".to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    (addr, handle)
}

/// `GET path`: the status code, the redirect target, and the body.
fn get(addr: SocketAddr, path: &str) -> (u16, Option<String>, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("timeout");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("receive");
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let location = head
        .lines()
        .find_map(|l| l.strip_prefix("Location: "))
        .map(str::to_string);
    (status, location, body.to_string())
}

#[test]
fn every_link_resolves_on_a_server_under_the_base_path() {
    let site = fixture();
    let out = build(&site, "out", false);
    let (addr, server) = serve(out.clone());
    let mut anchors: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut pages: Vec<(String, Vec<String>)> = Vec::new();
    for path in common::walk(&out).keys() {
        let path = path.to_string_lossy().replace('\\', "/");
        if !path.ends_with(".html") {
            continue;
        }
        let url = format!("/repo/{}", path.strip_suffix("index.html").unwrap_or(&path));
        let (status, _, body) = get(addr, &url);
        assert_eq!(status, 200, "{url}");
        let (links, ids) = links_and_anchors(&body);
        anchors.insert(url.clone(), ids);
        pages.push((url, links));
    }
    let mut broken = Vec::new();
    let mut checked = 0;
    for (page, links) in &pages {
        for link in links.iter().filter(|l| is_internal(l)) {
            let (mut target, fragment) = join(page, link);
            let (mut status, location, _) = get(addr, &target);
            if let (301, Some(to)) = (status, location) {
                target = to;
                status = get(addr, &target).0;
            }
            checked += 1;
            let target_page = target.strip_suffix("index.html").unwrap_or(&target);
            let fragment_ok = fragment.is_empty()
                || anchors
                    .get(target_page)
                    .is_none_or(|ids| ids.contains(&fragment));
            if status != 200 || !fragment_ok {
                broken.push(format!("{page}: {link} -> {target} ({status})"));
            }
        }
    }
    let _ = get(addr, "/quit");
    server.join().expect("server thread");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked > 500, "only {checked} links checked");
    assert_eq!(get_404_root(&read(&out, "404.html")), "/repo/");
}

/// The home link of 404.html: base-path-absolute, so it works at any depth.
fn get_404_root(html: &str) -> String {
    let doc = Html::parse_document(html);
    attrs(&doc, ".site-title", "href").remove(0)
}

#[test]
fn every_link_resolves_on_disk_with_file_urls() {
    let site = fixture();
    let out = build(&site, "out", true);
    let files = common::walk(&out);
    let mut anchors: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut pages: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for (path, bytes) in &files {
        // 404.html is only ever served, never opened from disk.
        if path.extension().is_some_and(|e| e == "html") && path != Path::new("404.html") {
            let (links, ids) = links_and_anchors(&String::from_utf8_lossy(bytes));
            anchors.insert(path.clone(), ids);
            pages.push((path.clone(), links));
        }
    }
    let mut broken = Vec::new();
    for (page, links) in &pages {
        let base = format!("/{}", page.to_string_lossy().replace('\\', "/"));
        for link in links.iter().filter(|l| is_internal(l)) {
            let (target, fragment) = join(&base, link);
            let target = PathBuf::from(target.trim_start_matches('/'));
            let is_file = files.contains_key(&target);
            let fragment_ok = fragment.is_empty()
                || anchors
                    .get(&target)
                    .is_none_or(|ids| ids.contains(&fragment));
            if !is_file || !fragment_ok {
                broken.push(format!("{}: {link}", page.display()));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links that fail from file://:\n{}",
        broken.join("\n")
    );
    let run = site.run(&["check", "--file-urls"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
