//! A tag's pages (`tag.html`, page N of its briefs) and the list of every tag (`tags.html`).

use serde::Serialize;

use super::{Nav, PageJob, Site};
use crate::render::paginate::{Pagination, page_count, pagination};
use crate::render::views::BriefCard;
use crate::urls::{feed_path, output_file};

/// Which tag: `tag` in `tag.html`.
#[derive(Serialize)]
struct TagHead<'a> {
    /// The tag as first written.
    name: &'a str,
    /// This page's path.
    path: &'a str,
    /// The tag's Atom feed.
    feed: &'a str,
}

/// `tag.html`'s own values.
#[derive(Serialize)]
struct TagPage<'a> {
    tag: TagHead<'a>,
    briefs: Vec<&'a BriefCard>,
    briefs_total: usize,
    pagination: Pagination,
}

/// A tag in the list of tags.
#[derive(Serialize)]
struct TagLink<'a> {
    name: &'a str,
    path: String,
    count: usize,
}

/// `tags.html`'s own values.
#[derive(Serialize)]
struct TagsPage<'a> {
    tags: Vec<TagLink<'a>>,
}

/// Page `n` of the briefs tagged with the tag whose folder is `slug`.
pub fn page(site: &Site, slug: &str, n: usize) -> PageJob {
    let Some(tag) = site.graph.tags.get(slug) else {
        return super::plain::not_found(site);
    };
    let path = site.urls.tag_page(slug, n);
    let file = output_file(&path);
    let feed = feed_path(&site.urls.tag_page(slug, 1));
    let meta = site
        .meta(
            &path,
            &format!("Tagged “{}”", tag.name),
            &format!("Briefs tagged {}", tag.name),
            "website",
        )
        .with_feed(feed.clone());
    let common = site.common(&file, meta, Nav::Briefs);
    let per = site.config.paginate_by.max(1);
    let total = page_count(tag.briefs.len(), per);
    let page = TagPage {
        tag: TagHead {
            name: &tag.name,
            path: &path,
            feed: &feed,
        },
        briefs: tag
            .briefs
            .iter()
            .skip((n - 1) * per)
            .take(per)
            .map(|b| site.brief(*b).card)
            .collect(),
        briefs_total: tag.briefs.len(),
        pagination: pagination(n, total, |i| site.urls.tag_page(slug, i)),
    };
    PageJob::new(file, "tag.html", common, page)
}

/// `/tags/`: every tag with its number of briefs.
pub fn index(site: &Site) -> PageJob {
    let path = site.urls.page("tags");
    let file = output_file(&path);
    let common = site.common(
        &file,
        site.meta(&path, "Tags", "All tags", "website"),
        Nav::Briefs,
    );
    let tags = site
        .graph
        .tags
        .iter()
        .map(|(slug, t)| TagLink {
            name: &t.name,
            path: site.urls.tag_page(slug, 1),
            count: t.briefs.len(),
        })
        .collect();
    PageJob::new(file, "tags.html", common, TagsPage { tags })
}
