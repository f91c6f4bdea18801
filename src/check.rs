//! The link checker of `gloss check`: every internal `href` and `src` of every built page
//! must reach a file of the site, and every `#fragment` an element of the page it names.
//! It reads the pages in memory, resolving links as a static server would (a folder link
//! `x/` opens `x/index.html`) or, for `file_urls` builds, as a browser opening files from
//! disk does (folder links do not work there). A template or markdown link that would 404
//! fails the check instead of surprising a reader.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::coach::site_size::SiteSize;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Output;

/// How the built site will be opened.
#[derive(Clone, Copy, Debug)]
pub struct Mode<'a> {
    /// The path part of `base_url` (`/repo/`): base-path-absolute links (as in `404.html`)
    /// are resolved below it.
    pub base_path: &'a str,
    /// Opened from disk: a link must name a file, never a folder.
    pub file_urls: bool,
}

/// What the scanner found in one page.
#[derive(Default)]
struct Scan {
    /// `href` and `src` values, entity-decoded.
    links: Vec<String>,
    /// `id` and `name` values: the fragments the page offers.
    anchors: BTreeSet<String>,
}

/// Reads a page as a browser does (html5ever, through `scraper`): character references
/// decoded, attribute names case-folded, text inside `<script>`, comments and attribute
/// values never mistaken for tags.
fn scan(html: &str) -> Scan {
    let mut found = Scan::default();
    let page = scraper::Html::parse_document(html);
    for node in page.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        for (name, value) in element.attrs() {
            match name {
                "href" | "src" => found.links.push(value.to_string()),
                "id" => {
                    found.anchors.insert(value.to_string());
                }
                // `<a name>` is the old way to make a fragment; `<meta name>` is not one.
                "name" if element.name() == "a" => {
                    found.anchors.insert(value.to_string());
                }
                _ => {}
            }
        }
    }
    found
}

/// `%20` and friends back to text; malformed escapes stay as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Does the link leave the site (a scheme such as `https:` or `mailto:`, or `//host`)?
fn is_external(link: &str) -> bool {
    if link.starts_with("//") {
        return true;
    }
    let scheme_end = link.find(':');
    let first_delimiter = link.find(['/', '?', '#']);
    match scheme_end {
        Some(colon) if first_delimiter.is_none_or(|d| colon < d) => link[..colon]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')),
        _ => false,
    }
}

/// Why a link does not resolve.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Broken {
    /// It climbs above the site root with `../`.
    AboveRoot,
    /// It starts with `/` but not with the base path.
    OutsideBase,
    /// It names a folder, which does not open from disk.
    Folder(String),
    /// No such file.
    Missing(String),
    /// The page exists but has no element with this id.
    Fragment(String, String),
}

impl Broken {
    fn describe(&self, mode: Mode) -> (String, &'static str) {
        match self {
            Broken::AboveRoot => (
                "climbs above the site's root".into(),
                "remove a `../`; links are relative to the page that holds them",
            ),
            Broken::OutsideBase => (
                format!("is outside the site's base path {}", mode.base_path),
                "a link starting with / must start with the base_url's path",
            ),
            Broken::Folder(path) => (
                format!("names the folder {path}, which does not open from disk"),
                "with file_urls, link to the folder's index.html",
            ),
            Broken::Missing(path) => (
                format!("leads to {path}, which the site does not have"),
                "fix the link in the template or content that writes it, or add the missing page",
            ),
            Broken::Fragment(path, id) => (
                format!("leads to {path}, which has no element with id=\"{id}\""),
                "fix the #fragment or add the id to the target page",
            ),
        }
    }
}

/// The site's files and the fragments each page offers.
struct Targets<'a> {
    files: BTreeSet<&'a str>,
    anchors: BTreeMap<&'a str, BTreeSet<String>>,
    mode: Mode<'a>,
}

impl Targets<'_> {
    /// Resolves an internal link found on `page` to a file, then checks its fragment.
    fn resolve(&self, page: &str, link: &str) -> Result<(), Broken> {
        let (before_fragment, fragment) = link.split_once('#').unwrap_or((link, ""));
        let path = before_fragment.split('?').next().unwrap_or_default();
        let path = percent_decode(path);
        let target = if path.is_empty() {
            page.to_string()
        } else {
            let (start, relative) = match path.strip_prefix('/') {
                Some(_) => {
                    let base = self.mode.base_path;
                    let below = path
                        .strip_prefix(base)
                        .or_else(|| (path == base.trim_end_matches('/')).then_some(""));
                    (Vec::new(), below.ok_or(Broken::OutsideBase)?.to_string())
                }
                None => {
                    let mut dir: Vec<&str> = page.split('/').collect();
                    dir.pop();
                    (dir, path.clone())
                }
            };
            self.file_for(start, &relative)?
        };
        let fragment = percent_decode(fragment);
        match self.anchors.get(target.as_str()) {
            Some(ids) if !fragment.is_empty() && fragment != "top" && !ids.contains(&fragment) => {
                Err(Broken::Fragment(target, fragment))
            }
            _ => Ok(()),
        }
    }

    /// Joins `relative` onto the folder `dir` and finds the file a server would send.
    fn file_for<'p>(&self, mut dir: Vec<&'p str>, relative: &'p str) -> Result<String, Broken> {
        let folder_link = relative.is_empty() || relative.ends_with('/');
        for segment in relative.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    dir.pop().ok_or(Broken::AboveRoot)?;
                }
                name => dir.push(name),
            }
        }
        let joined = dir.join("/");
        let as_folder = if joined.is_empty() {
            "index.html".to_string()
        } else {
            format!("{joined}/index.html")
        };
        if folder_link || !self.files.contains(joined.as_str()) {
            if !self.files.contains(as_folder.as_str()) {
                return Err(Broken::Missing(if folder_link {
                    as_folder
                } else {
                    joined
                }));
            }
            if self.mode.file_urls {
                return Err(Broken::Folder(format!("{joined}/")));
            }
            return Ok(as_folder);
        }
        Ok(joined)
    }
}

/// Every broken internal link and fragment of the built pages, as errors naming the page
/// and the link. A link broken on many pages (one in a template) is reported once.
pub fn links(outputs: &[Output], mode: Mode) -> Diagnostics {
    let pages: Vec<(String, Scan)> = outputs
        .par_iter()
        .filter_map(|o| match o {
            Output::Bytes { path, bytes } if path.ends_with(".html") => {
                Some((path.clone(), scan(&String::from_utf8_lossy(bytes))))
            }
            _ => None,
        })
        .collect();
    broken_links(&pages, outputs, mode)
}

/// A [`Sink`](crate::output::Sink) for `gloss check`: reads each page's links and ids as it
/// is rendered and drops its bytes, so checking a big site does not hold it in memory.
#[derive(Default)]
pub struct Scanner {
    pages: std::sync::Mutex<Vec<(String, Scan)>>,
    /// Every file's size, for the host's limits.
    size: std::sync::Mutex<SiteSize>,
}

impl crate::output::Sink for Scanner {
    fn accept(&self, output: Output) {
        let bytes = match &output {
            Output::Bytes { bytes, .. } => bytes.len() as u64,
            Output::Copy { from, .. } => std::fs::metadata(from).map_or(0, |m| m.len()),
        };
        self.count(output.path(), bytes);
        if let Output::Bytes { path, bytes } = output {
            if path.ends_with(".html") {
                let found = scan(&String::from_utf8_lossy(&bytes));
                drop(bytes);
                self.pages
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .push((path, found));
            }
        }
    }

    /// Only pages are scanned: a streamed file (a data file) is counted, never held.
    fn accept_written(&self, path: &str, write: crate::output::Writer<'_>) -> std::io::Result<u64> {
        let mut counted = crate::output::Counting::new(std::io::sink());
        write(&mut counted)?;
        self.count(path, counted.count);
        Ok(counted.count)
    }
}

impl Scanner {
    fn count(&self, path: &str, bytes: u64) {
        self.size
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .add(path, bytes);
    }

    /// The size of every file the site would write, by part.
    pub fn size(&self) -> SiteSize {
        self.size
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// [`links`] for the pages scanned, among `files` (every file of the site, bytes or not).
    pub fn links(self, files: &[Output], mode: Mode) -> Diagnostics {
        let mut pages = self
            .pages
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        pages.sort_by(|a, b| a.0.cmp(&b.0));
        broken_links(&pages, files, mode)
    }
}

fn broken_links(pages: &[(String, Scan)], outputs: &[Output], mode: Mode) -> Diagnostics {
    let mut targets = Targets {
        files: outputs.iter().map(Output::path).collect(),
        anchors: BTreeMap::new(),
        mode,
    };
    for (page, found) in pages {
        targets.anchors.insert(page, found.anchors.clone());
    }
    let mut broken: BTreeMap<Broken, Vec<(&str, &str)>> = BTreeMap::new();
    for (page, found) in pages {
        for link in found.links.iter().filter(|l| !is_external(l)) {
            if let Err(why) = targets.resolve(page, link) {
                broken.entry(why).or_default().push((page, link));
            }
        }
    }
    let mut diagnostics = Diagnostics::default();
    for (why, places) in broken {
        let (page, link) = places[0];
        let (problem, hint) = why.describe(mode);
        let more = match places.len() {
            1 => String::new(),
            n => format!(" (and on {} more)", n - 1),
        };
        diagnostics.push(
            Diagnostic::file_error(page, format!("broken link `{link}`{more}: it {problem}"))
                .with_hint(hint),
        );
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, html: &str) -> Output {
        Output::Bytes {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    const SERVER: Mode = Mode {
        base_path: "/repo/",
        file_urls: false,
    };
    const DISK: Mode = Mode {
        base_path: "/repo/",
        file_urls: true,
    };

    fn messages(outputs: &[Output], mode: Mode) -> Vec<String> {
        links(outputs, mode)
            .iter()
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn dir_style_links_resolve_on_a_server() {
        let site = [
            page(
                "index.html",
                r##"<a href="briefs/a/#p-2">a</a> <a href="">home</a>"##,
            ),
            page(
                "briefs/a/index.html",
                r##"<p id="p-2"><a href="../../" title="a > b">home</a><img src='../../style.css'>
                <a href="../../briefs/a/?q=1#p-2">self</a> <a href="#p-2">here</a> <a href="/repo/">abs</a>
                <a href="https://example.com/x">web</a> <a href="mailto:a@b.c">mail</a> <a href="../a">no slash</a>"##,
            ),
            page("style.css", ""),
        ];
        assert!(
            messages(&site, SERVER).is_empty(),
            "{:?}",
            messages(&site, SERVER)
        );
    }

    #[test]
    fn file_links_resolve_on_disk() {
        let site = [
            page("index.html", r##"<a href="briefs/a/index.html#p-1">a</a>"##),
            page(
                "briefs/a/index.html",
                r##"<p id="p-1"><a href="../../index.html">home</a> <a href="../../data/x%20y.csv">data</a>"##,
            ),
            page("data/x y.csv", ""),
        ];
        assert!(
            messages(&site, DISK).is_empty(),
            "{:?}",
            messages(&site, DISK)
        );
    }

    #[test]
    fn missing_pages_are_reported_once_with_a_count() {
        let site = [
            page("index.html", r##"<a href="actors/x/">x</a>"##),
            page(
                "briefs/a/index.html",
                r##"<a href="../../actors/x/">x</a>"##,
            ),
        ];
        let found = messages(&site, SERVER);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("`actors/x/` (and on 1 more)"),
            "{}",
            found[0]
        );
        assert!(found[0].contains("actors/x/index.html"), "{}", found[0]);
    }

    #[test]
    fn missing_fragments_are_reported() {
        let site = [
            page(
                "index.html",
                r##"<a href="b/#p-9">x</a> <a href="#nowhere">y</a> <a href="#top">top</a>"##,
            ),
            page("b/index.html", r##"<p id="p-1">one</p>"##),
        ];
        let found = messages(&site, SERVER);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .any(|m| m.contains("b/index.html, which has no element with id=\"p-9\""))
        );
        assert!(found.iter().any(|m| m.contains("id=\"nowhere\"")));
    }

    #[test]
    fn folder_links_fail_on_disk() {
        let site = [
            page("index.html", r##"<a href="b/">b</a>"##),
            page("b/index.html", ""),
        ];
        let found = messages(&site, DISK);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("does not open from disk"), "{}", found[0]);
    }

    #[test]
    fn base_path_links_and_escapes() {
        let site = [
            page(
                "404.html",
                r##"<a href="/repo/b/">b</a> <a href="/other/">o</a> <a href="../../x">up</a>"##,
            ),
            page("b/index.html", ""),
        ];
        let found = messages(&site, SERVER);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .any(|m| m.contains("outside the site's base path /repo/"))
        );
        assert!(found.iter().any(|m| m.contains("above the site's root")));
    }

    #[test]
    fn entities_and_schemes() {
        let found = scan(
            "<A HREF='a&amp;b&#39;c&#x41;&bogus'>x</a><script>var s = '<a href=\"gone/\">';</script>\
             <!-- <img src=\"old.png\"> --><p title='<img src=\"t.png\">' id=\"x&amp;y\"></p>\
             <meta name=\"description\"><a name=\"top\"></a>",
        );
        assert_eq!(found.links, ["a&b'cA&bogus"]);
        assert_eq!(
            found.anchors.into_iter().collect::<Vec<_>>(),
            ["top", "x&y"]
        );
        assert!(is_external("https://x.io"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.example/x.js"));
        assert!(!is_external("a/b:c"));
        assert!(!is_external("../x/"));
    }
}
