//! Publishing: feeds, sitemap, data files and JSON-LD parse and say the right things, and
//! every internal link of the built site resolves both on a static server under `/repo/`
//! (as GitHub Pages serves a project site) and opened from disk in a `--file-urls` build.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Duration;

use common::{Site, attrs};
use gloss::BuildOptions;
use scraper::{Html, Selector};

const BASE: &str = "https://example.github.io/repo/";
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The common fixture plus what publishing needs: a location placed only through its
/// `within` parent, and an incident whose title needs CSV quoting.
fn fixture() -> Site {
    let site = Site::fixture();
    site.write(
        "content/locations/north-gate.md",
        "+++\nname = \"North Gate\"\nkind = \"gate\"\nwithin = \"ain-al-asad-air-base\"\n+++\nA gate.\n",
    );
    site.write(
        "content/incidents/2021-06-01-gate.md",
        "+++\ntitle = \"Drone at the gate, \\\"again\\\"\"\ndate = 2021-06-01\nlocation = \"north-gate\"\nactors = [\"kataib-hezbollah\", \"iran\"]\nsources = [{ outlet = \"Wire\" }, { outlet = \"Paper\", url = \"https://example.com/p\" }]\n+++\nA drone.\n",
    );
    site
}

/// Builds the site into `out` (inside the site folder) with the library.
fn build(site: &Site, out: &str, file_urls: bool) -> PathBuf {
    let output = site.root().join(out);
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: Some(output.clone()),
        file_urls,
        ..BuildOptions::default()
    };
    if let Err(e) = gloss::build(&options) {
        panic!("build failed: {:?}", e.sorted());
    }
    output
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name((ATOM, name)))
}

fn child_text(node: roxmltree::Node, name: &str) -> String {
    child(node, name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("<{name}> missing in <{}>", node.tag_name().name()))
        .to_string()
}

/// Parses a feed, checks the elements RFC 4287 requires, and returns its entries' ids.
fn entry_ids(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("the feed is well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    for name in ["id", "title", "updated"] {
        assert!(!child_text(feed, name).is_empty());
    }
    let self_link = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("self"))
        .expect("rel=self link");
    assert!(self_link.attribute("href").unwrap().starts_with(BASE));
    feed.children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|entry| {
            let id = child_text(entry, "id");
            assert!(id.starts_with(BASE), "{id}");
            assert!(!child_text(entry, "title").is_empty());
            assert!(child_text(entry, "updated").ends_with("T00:00:00Z"));
            // RFC 4287 4.1.1: an entry without its own author has the feed's.
            let author = child(entry, "author")
                .or_else(|| child(feed, "author"))
                .expect("entry or feed author");
            assert!(!child_text(author, "name").is_empty());
            let href = child(entry, "link")
                .and_then(|l| l.attribute("href"))
                .unwrap();
            assert_eq!(href, id, "the id is the entry's canonical URL");
            id
        })
        .collect()
}

#[test]
fn atom_feeds_are_valid_and_complete() {
    let site = fixture();
    let out = build(&site, "out", false);
    let main = read(&out, "atom.xml");
    let ids = entry_ids(&main);
    assert_eq!(
        ids,
        [
            format!("{BASE}briefs/rockets/"),
            format!("{BASE}briefs/missiles/")
        ],
        "newest first, no draft"
    );
    assert!(main.contains("<updated>2021-07-07T00:00:00Z</updated>"));
    assert!(main.contains("<name>A. Writer</name>"), "source author");
    assert!(
        main.contains("<name>Fixture briefs</name>"),
        "site as author"
    );
    assert!(main.contains(&format!(
        "<category term=\"kataib-hezbollah\" scheme=\"{BASE}actors/\" label=\"Kata&apos;ib Hezbollah\"/>"
    )));
    assert!(main.contains(&format!(
        "<category term=\"rocket-attacks\" scheme=\"{BASE}tags/\" label=\"rocket attacks\"/>"
    )));
    assert_eq!(
        entry_ids(&read(&out, "actors/iran/atom.xml")),
        [format!("{BASE}briefs/missiles/")]
    );
    // An entity's feed lists briefs, not every entity each brief names (issue 26).
    let iran = read(&out, "actors/iran/atom.xml");
    assert!(
        !iran.contains(&format!("scheme=\"{BASE}actors/\"")),
        "{iran}"
    );
    assert!(
        roxmltree::Document::parse(&iran).is_ok(),
        "well-formed: {iran}"
    );
    assert!(
        entry_ids(&read(&out, "locations/ain-al-asad-air-base/atom.xml"))
            .contains(&format!("{BASE}briefs/rockets/"))
    );
    assert_eq!(
        entry_ids(&read(&out, "tags/rocket-attacks/atom.xml")),
        [format!("{BASE}briefs/rockets/")]
    );
    // An entity no brief mentions still has a valid (empty) feed, as its page links to it.
    assert!(entry_ids(&read(&out, "locations/north-gate/atom.xml")).is_empty());
    let page = Html::parse_document(&read(&out, "actors/iran/index.html"));
    let feeds = attrs(&page, "link[type='application/atom+xml']", "href");
    assert_eq!(feeds, ["../../atom.xml", "../../actors/iran/atom.xml"]);
}

#[test]
fn sitemap_lists_every_public_page_absolutely() {
    let site = fixture();
    let out = build(&site, "out", true);
    let xml = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert!(doc.root_element().has_tag_name((ns, "urlset")));
    let mut urls: BTreeMap<String, Option<String>> = BTreeMap::new();
    for url in doc.root_element().children().filter(|c| c.is_element()) {
        let text = |name: &str| {
            url.children()
                .find(|c| c.has_tag_name((ns, name)))
                .and_then(|c| c.text())
                .map(str::to_string)
        };
        urls.insert(text("loc").expect("loc"), text("lastmod"));
    }
    assert!(
        urls.keys().all(|u| u.starts_with(BASE) && u.ends_with('/')),
        "{urls:?}"
    );
    assert_eq!(urls[BASE], None);
    assert_eq!(
        urls[&format!("{BASE}briefs/rockets/")].as_deref(),
        Some("2021-07-07")
    );
    assert!(urls.contains_key(&format!("{BASE}locations/north-gate/")));
    assert!(
        !urls
            .keys()
            .any(|u| u.contains("404") || u.contains("draft"))
    );
    let html_files = common::walk(&out)
        .keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert_eq!(urls.len(), html_files - 1, "every page but 404.html");
    assert_eq!(
        read(&out, "robots.txt").lines().last(),
        Some(format!("Sitemap: {BASE}sitemap.xml").as_str())
    );
}

#[test]
fn geojson_points_are_longitude_first() {
    let site = fixture();
    let out = build(&site, "out", false);
    let geojson: serde_json::Value =
        serde_json::from_str(&read(&out, "data/incidents.geojson")).expect("valid JSON");
    assert_eq!(geojson["type"], "FeatureCollection");
    let features: BTreeMap<&str, &serde_json::Value> = geojson["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), f))
        .collect();
    let missiles = features["2020-01-08-missiles"];
    assert_eq!(missiles["type"], "Feature");
    assert_eq!(missiles["geometry"]["type"], "Point");
    assert_eq!(
        missiles["geometry"]["coordinates"],
        serde_json::json!([42.44, 33.8])
    );
    assert_eq!(
        missiles["properties"]["title"],
        "Iranian missiles strike the base"
    );
    assert_eq!(missiles["properties"]["injured"], 110);
    assert_eq!(missiles["properties"]["date_precision"], "day");
    // Placed through `within`; incidents with no located place are left out.
    let gate = features["2021-06-01-gate"];
    assert_eq!(
        gate["geometry"]["coordinates"],
        serde_json::json!([42.44, 33.8])
    );
    assert_eq!(gate["properties"]["location"], "north-gate");
    assert_eq!(gate["properties"]["located_at"], "ain-al-asad-air-base");
    assert!(!features.contains_key("2019-03-unrelated"));
}

#[test]
fn csv_round_trips() {
    let site = fixture();
    let out = build(&site, "out", false);
    let text = read(&out, "data/incidents.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header.join(","),
        "id,date,date_precision,title,kind,status,location,latitude,longitude,actors,killed,injured,sources,url"
    );
    let rows: BTreeMap<String, Vec<String>> = reader
        .records()
        .map(|r| {
            let r = r.expect("a valid CSV record");
            assert_eq!(r.len(), 14);
            (r[0].to_string(), r.iter().map(String::from).collect())
        })
        .collect();
    assert_eq!(rows.len(), 7, "one row per incident");
    let gate = &rows["2021-06-01-gate"];
    assert_eq!(gate[3], "Drone at the gate, \"again\"");
    assert_eq!((gate[7].as_str(), gate[8].as_str()), ("33.8", "42.44"));
    assert_eq!(gate[9], "kataib-hezbollah; iran");
    assert_eq!(gate[12], "Wire; https://example.com/p");
    assert_eq!(gate[13], format!("{BASE}incidents/2021-06-01-gate/"));
    let claim = &rows["2020-05-claim"];
    assert_eq!(&claim[1..3], ["2020-05", "month"]);
    assert_eq!(&claim[7..9], ["", ""]);
    let missiles = &rows["2020-01-08-missiles"];
    assert_eq!(&missiles[10..12], ["0", "110"]);
}

#[test]
fn json_exports_carry_relations() {
    let site = fixture();
    let out = build(&site, "out", false);
    let briefs: serde_json::Value = serde_json::from_str(&read(&out, "data/briefs.json")).unwrap();
    let briefs = briefs.as_array().unwrap();
    assert_eq!(briefs.len(), 2, "no draft");
    let rockets = &briefs[0];
    assert_eq!(rockets["slug"], "rockets");
    assert_eq!(rockets["url"], format!("{BASE}briefs/rockets/"));
    assert_eq!(rockets["event"], "2021-07-07-rockets");
    assert_eq!(rockets["source"]["outlet"], "The Daily Fixture");
    assert_eq!(rockets["actors"][0]["slug"], "wayne-marotto");
    assert_eq!(rockets["actors"][0]["role"], "coalition spokesman");
    let prior: Vec<&str> = rockets["prior_incidents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert!(prior.contains(&"2018-06-01-listed"), "{prior:?}");
    assert!(!prior.contains(&"2021-07-07-rockets"));
    let entities: serde_json::Value =
        serde_json::from_str(&read(&out, "data/entities.json")).unwrap();
    let kh = entities["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["slug"] == "kataib-hezbollah")
        .unwrap();
    assert_eq!(kh["briefs"], serde_json::json!(["rockets"]));
    assert_eq!(
        kh["affiliation"],
        serde_json::json!(["popular-mobilization-forces"])
    );
    assert_eq!(kh["url"], format!("{BASE}actors/kataib-hezbollah/"));
    let rockets_incident = entities["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "2021-07-07-rockets")
        .unwrap();
    assert_eq!(
        rockets_incident["reported_by"],
        serde_json::json!(["rockets"])
    );
}

/// The JSON-LD document of a built page.
fn jsonld(out: &Path, page: &str) -> serde_json::Value {
    let html = Html::parse_document(&read(out, page));
    let selector = Selector::parse("script[type='application/ld+json']").unwrap();
    let script = html.select(&selector).next().expect("a JSON-LD script");
    serde_json::from_str(&script.text().collect::<String>()).expect("valid JSON-LD")
}

#[test]
fn pages_describe_themselves_in_json_ld() {
    let site = fixture();
    let out = build(&site, "out", false);
    let article = jsonld(&out, "briefs/rockets/index.html");
    assert_eq!(article["@context"], "https://schema.org");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(article["headline"], "Rockets hit Ain al-Asad");
    assert_eq!(article["datePublished"], "2021-07-07");
    assert_eq!(article["url"], format!("{BASE}briefs/rockets/"));
    assert_eq!(article["author"]["name"], "A. Writer");
    assert_eq!(article["publisher"]["name"], "Fixture briefs");
    assert_eq!(article["about"]["@type"], "Event");
    assert_eq!(article["about"]["startDate"], "2021-07-07");
    // A brief names each entity by @id alone (issue 26); the entity's page describes it
    // under the same @id: its type, name, coordinates, Wikidata item.
    let mentions = article["mentions"].as_array().unwrap();
    let id = |path: &str| serde_json::Value::String(format!("{BASE}{path}"));
    for m in mentions {
        assert_eq!(m.as_object().map(|o| o.len()), Some(1), "only an @id: {m}");
    }
    for (path, kind) in [
        ("actors/wayne-marotto/", "Person"),
        ("actors/kataib-hezbollah/", "Organization"),
        ("locations/ain-al-asad-air-base/", "Place"),
    ] {
        assert!(mentions.iter().any(|m| m["@id"] == id(path)), "{path}");
        let own = jsonld(&out, &format!("{path}index.html"));
        assert_eq!(
            (&own["@id"], own["@type"].as_str()),
            (&id(path), Some(kind))
        );
    }
    let place = jsonld(&out, "locations/ain-al-asad-air-base/index.html");
    assert_eq!(place["geo"]["@type"], "GeoCoordinates");
    assert_eq!(
        (
            place["geo"]["latitude"].as_f64(),
            place["geo"]["longitude"].as_f64()
        ),
        (Some(33.8), Some(42.44))
    );
    let missiles = jsonld(&out, "briefs/missiles/index.html");
    let iran = id("actors/iran/");
    assert!(
        missiles["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["@id"] == iran)
    );
    let actor = jsonld(&out, "actors/iran/index.html");
    assert_eq!(actor["@id"], iran);
    assert_eq!(actor["sameAs"], "https://www.wikidata.org/wiki/Q794");
    let claim = jsonld(&out, "incidents/2020-05-claim/index.html");
    assert_eq!(
        (claim["@type"].as_str(), claim["startDate"].as_str()),
        (Some("Event"), Some("2020-05"))
    );
    assert_eq!(jsonld(&out, "index.html")["@type"], "WebSite");
}

#[test]
fn github_pages_files() {
    let site = fixture();
    let out = build(&site, "out", false);
    assert_eq!(read(&out, ".nojekyll"), "");
    assert!(!out.join("CNAME").exists());
    site.write(
        "config.toml",
        "title = \"Fixture briefs\"\nbase_url = \"https://example.github.io/repo\"\ncname = \"briefs.example.org\"\n",
    );
    let out = build(&site, "out", false);
    assert_eq!(read(&out, "CNAME"), "briefs.example.org\n");
}

#[test]
fn builds_are_deterministic_in_both_url_modes() {
    let site = fixture();
    for file_urls in [false, true] {
        let first = common::walk(&build(&site, "one", file_urls));
        let second = common::walk(&build(&site, "two", file_urls));
        assert_eq!(first.len(), second.len());
        for (path, bytes) in &first {
            assert!(
                second.get(path) == Some(bytes),
                "{} differs between builds",
                path.display()
            );
        }
    }
}

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

#[test]
fn drafts_stay_out_of_feeds_sitemaps_and_data() {
    let site = fixture();
    let output = site.root().join("drafts");
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: Some(output.clone()),
        drafts: true,
        ..BuildOptions::default()
    };
    gloss::build(&options).unwrap_or_else(|e| panic!("build failed: {:?}", e.sorted()));
    assert!(output.join("briefs/draft/index.html").is_file());
    for file in ["atom.xml", "sitemap.xml", "data/briefs.json"] {
        assert!(!read(&output, file).contains("briefs/draft"), "{file}");
    }
    assert!(read(&output, "atom.xml").contains("<updated>2021-07-07T00:00:00Z</updated>"));
}

/// The data files are streamed to disk on a first build and held whole on a rebuild; either
/// way the "Open data" page shows each file's size as written, and a rebuild writes the same
/// bytes.
#[test]
fn data_page_shows_the_size_of_each_data_file_as_written() {
    let site = fixture();
    let check = |out: &Path| {
        let page = read(out, "data/index.html");
        for name in [
            "briefs.json",
            "entities.json",
            "incidents.geojson",
            "incidents.csv",
        ] {
            let on_disk = std::fs::metadata(out.join("data").join(name))
                .unwrap_or_else(|e| panic!("data/{name}: {e}"))
                .len();
            assert!(on_disk > 0, "{name} is empty");
            let row = page
                .split("<tr")
                .find(|row| row.contains(name))
                .unwrap_or_else(|| panic!("no row for {name}"));
            assert!(
                row.contains(&format!("<data value=\"{on_disk}\">")),
                "{name}: {on_disk} bytes on disk, row: {row}"
            );
        }
    };
    let out = build(&site, "out", false);
    check(&out);
    let first = read(&out, "data/briefs.json");
    assert!(
        first.ends_with("}\n]\n"),
        "pretty JSON with a final newline"
    );
    let again = build(&site, "out", false);
    check(&again);
    assert_eq!(read(&again, "data/briefs.json"), first);
}

/// Issue 26: `gloss build` states the site's size, and `gloss check` warns (`site-size`) once
/// the output passes 80% of `[publish] max_bytes` or `max_files`, naming the largest parts.
#[test]
fn build_prints_the_size_and_check_warns_near_the_host_limit() {
    let site = fixture();
    let built = site.build();
    assert!(built.stdout.contains("Site size: "), "{}", built.stdout);
    let quiet = site.run(&["check", "--format", "json"]);
    assert!(!quiet.stdout.contains("site-size"), "{}", quiet.stdout);
    site.write(
        "config.toml",
        "title = \"Fixture briefs\"\nbase_url = \"https://example.github.io/repo\"\n[publish]\nmax_bytes = 1000\nmax_files = 10\n",
    );
    let near = site.run(&["check", "--format", "json"]);
    assert_eq!(near.code, 0, "a warning, not an error:\n{}", near.stderr);
    let said = near.stdout;
    assert_eq!(said.matches("site-size").count(), 2, "{said}");
    assert!(
        said.contains("max_bytes") && said.contains("max_files"),
        "{said}"
    );
    assert!(said.contains("the largest parts are"), "{said}");
}

/// Issue 26: a brief's sidebar links its entities; their summaries are on their pages and
/// in the hover cards, not repeated on every brief.
#[test]
fn brief_sidebars_link_entities_without_repeating_their_summaries() {
    let site = fixture();
    let out = build(&site, "out", false);
    let html = read(&out, "briefs/rockets/index.html");
    let page = Html::parse_document(&html);
    assert!(!attrs(&page, ".sidebar-actors a", "href").is_empty());
    assert!(!html.contains("entity-summary"), "{html}");
    assert!(
        !html.contains("data:image/svg"),
        "the icon is one shared file"
    );
    assert!(out.join("favicon.svg").is_file());
}
