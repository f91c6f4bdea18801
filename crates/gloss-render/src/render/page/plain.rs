//! The pages with little of their own: a plain page from `content/pages/` (`page.html`),
//! `/search/` (`search.html`, filled in by `search.js`) and `404.html`.

use serde::Serialize;

use super::{Nav, NoView, PageJob, Site};
use crate::markup::markdown::first_paragraph_text;
use crate::render::site::{PlainPageRef, Robots};
use crate::urls::output_file;

/// A plain page: `content` in `page.html`.
#[derive(Serialize)]
struct Content<'a> {
    title: &'a str,
    body_html: &'a str,
}

/// `page.html`'s own values.
#[derive(Serialize)]
struct PlainPage<'a> {
    content: Content<'a>,
}

/// Plain page `i` of `content/pages/`.
pub fn page(site: &Site, i: usize) -> PageJob {
    let PlainPageRef { page, body_html } = site.plain_page(i);
    let path = site.urls.plain_page(&page.slug);
    let file = output_file(&path);
    let description = first_paragraph_text(&page.body);
    let common = site.common(
        &file,
        site.meta(&path, &page.title, &description, "website"),
        Nav::Pages,
    );
    let view = PlainPage {
        content: Content {
            title: &page.title,
            body_html,
        },
    };
    PageJob::new(file, "page.html", common, view)
}

/// `/search/`.
pub fn search(site: &Site) -> PageJob {
    let path = site.urls.page("search");
    let file = output_file(&path);
    let meta = site.meta(&path, "Search", &site.config.description, "website");
    let common = site.common(&file, meta, Nav::Search);
    PageJob::new(file, "search.html", common, NoView {})
}

/// `404.html`, served at any depth: its links start from the base path, not `../`.
pub fn not_found(site: &Site) -> PageJob {
    let file = "404.html".to_string();
    let meta = site
        .meta("404.html", "Page not found", "", "website")
        .with_robots(Robots::NoIndex);
    let common = site
        .common(&file, meta, Nav::None)
        .with_root(site.config.base_path());
    PageJob::new(file, "404.html", common, NoView {})
}
