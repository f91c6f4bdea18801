//! `/sitemap.xml` and `/robots.txt`, for search engines: every public HTML page by its
//! canonical URL, with the brief's date as `lastmod`. The sitemap protocol caps a file at
//! 50,000 URLs, so bigger sites get `sitemap-1.xml`, `sitemap-2.xml`… and `sitemap.xml`
//! becomes their index; robots.txt names `sitemap.xml` either way.

use std::collections::{BTreeMap, BTreeSet};

use super::Output;
use super::site::Site;
use crate::markup::xml::Xml;
use crate::urls::{SITEMAP, output_file, sitemap_part};

/// URLs per sitemap file, the protocol's limit.
pub const SITEMAP_LIMIT: usize = 50_000;

const NAMESPACE: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// A page in the sitemap.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    /// Absolute canonical URL.
    loc: String,
    /// `YYYY-MM-DD`, for briefs.
    lastmod: Option<String>,
}

/// The sitemap file(s) and robots.txt for the HTML pages among `paths` (every file's).
pub fn files<'p>(site: &Site, paths: impl Iterator<Item = &'p str>) -> Vec<Output> {
    let mut dated: BTreeMap<String, String> = BTreeMap::new();
    let mut drafts: BTreeSet<String> = BTreeSet::new();
    for brief in &site.corpus.briefs {
        let file = output_file(&site.urls.brief(&brief.slug));
        if brief.draft {
            drafts.insert(file);
        } else {
            dated.insert(file, brief.date.iso());
        }
    }
    let mut entries: Vec<Entry> = paths
        .filter(|p| p.ends_with(".html") && *p != "404.html" && !drafts.contains(*p))
        .map(|p| Entry {
            loc: site.absolute(p),
            lastmod: dated.get(p).cloned(),
        })
        .collect();
    entries.sort();
    let mut files: Vec<Output> = split(&site.config.base_url, &entries, SITEMAP_LIMIT)
        .into_iter()
        .map(|(path, text)| Output::Bytes {
            path,
            bytes: text.into_bytes(),
        })
        .collect();
    files.push(Output::Bytes {
        path: "robots.txt".into(),
        bytes: robots(&site.config.base_url).into_bytes(),
    });
    files
}

/// `sitemap.xml` alone, or numbered sitemaps of at most `limit` URLs and an index.
fn split(base_url: &str, entries: &[Entry], limit: usize) -> Vec<(String, String)> {
    if entries.len() <= limit {
        return vec![(SITEMAP.into(), urlset(entries))];
    }
    let mut files = Vec::new();
    let mut index = Xml::document();
    index.open("sitemapindex", &[("xmlns", NAMESPACE)]);
    for (n, chunk) in entries.chunks(limit.max(1)).enumerate() {
        let name = sitemap_part(n + 1);
        index
            .open("sitemap", &[])
            .text("loc", &[], &format!("{base_url}{name}"));
        if let Some(newest) = chunk.iter().filter_map(|e| e.lastmod.as_ref()).max() {
            index.text("lastmod", &[], newest);
        }
        index.close("sitemap");
        files.push((name, urlset(chunk)));
    }
    index.close("sitemapindex");
    files.push((SITEMAP.into(), index.finish()));
    files
}

fn urlset(entries: &[Entry]) -> String {
    let mut xml = Xml::document();
    xml.open("urlset", &[("xmlns", NAMESPACE)]);
    for entry in entries {
        xml.open("url", &[]).text("loc", &[], &entry.loc);
        if let Some(lastmod) = &entry.lastmod {
            xml.text("lastmod", &[], lastmod);
        }
        xml.close("url");
    }
    xml.close("urlset");
    xml.finish()
}

fn robots(base_url: &str) -> String {
    format!("User-agent: *\nDisallow:\n\nSitemap: {base_url}{SITEMAP}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                loc: format!("https://x.io/r/p{i}/"),
                lastmod: (i % 2 == 0).then(|| format!("2021-01-{:02}", i + 1)),
            })
            .collect()
    }

    #[test]
    fn small_sites_get_one_sitemap() {
        let files = split("https://x.io/r/", &entries(3), 3);
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].0, "sitemap.xml");
        assert_eq!(files[0].1.matches("<url>").count(), 3);
        assert!(files[0].1.contains("<lastmod>2021-01-01</lastmod>"));
    }

    #[test]
    fn big_sites_get_an_index() {
        let files = split("https://x.io/r/", &entries(5), 2);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        assert_eq!(files[2].1.matches("<url>").count(), 1);
        let index = &files[3].1;
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://x.io/r/sitemap-3.xml</loc>"));
        assert_eq!(index.matches("<sitemap>").count(), 3);
        assert!(index.contains("<lastmod>2021-01-03</lastmod>"));
    }

    #[test]
    fn robots_names_the_sitemap() {
        assert!(robots("https://x.io/r/").ends_with("Sitemap: https://x.io/r/sitemap.xml\n"));
    }
}
