//! The front page and its later pages (`index.html`): the intro and a page of brief cards.

use std::borrow::Cow;

use serde::Serialize;

use super::{Nav, PageJob, Site};
use crate::render::jsonld;
use crate::render::paginate::{Pagination, pagination};
use crate::render::views::BriefCard;
use crate::urls::output_file;

/// `index.html`'s own values.
#[derive(Serialize)]
struct HomePage<'a> {
    briefs: &'a [BriefCard],
    /// The intro, on page 1 only.
    intro_html: &'a str,
    pagination: Pagination,
    /// The timeline, on the last page when compact pages stop the front page's pages
    /// before the oldest brief; else "".
    older_path: String,
}

impl Site<'_> {
    /// The number of pages of the front page: every brief, or on compact pages at most the
    /// budget's, the older briefs then being on the timeline (and in search and tags).
    pub(crate) fn home_pages(&self) -> usize {
        let all = self
            .corpus
            .briefs
            .len()
            .div_ceil(self.config.paginate_by.max(1));
        all.clamp(1, self.budget().home_pages.max(1))
    }
}

/// Page `n` of the front page.
pub fn page(site: &Site, n: usize) -> PageJob {
    let per = site.config.paginate_by;
    let total = site.home_pages();
    let path = site.urls.home(n);
    let file = output_file(&path);
    let title = if n == 1 {
        Cow::Borrowed(site.config.title.as_str())
    } else {
        Cow::Owned(format!("Briefs, page {n}"))
    };
    let jsonld = if n == 1 {
        jsonld::website(site)
    } else {
        Ok(String::new())
    };
    let meta = site
        .meta(&path, &title, &site.config.description, "website")
        .with_jsonld(jsonld);
    let common = site.common(&file, meta, Nav::Briefs);
    let cards = &site.prepared.brief_cards;
    let start = ((n - 1) * per).min(cards.len());
    let page = HomePage {
        briefs: &cards[start..(start + per).min(cards.len())],
        intro_html: if n == 1 {
            &site.prepared.intro_html
        } else {
            ""
        },
        pagination: pagination(n, total, |i| site.urls.home(i)),
        older_path: match n == total && total * per < cards.len() {
            true => site.urls.timeline(),
            false => String::new(),
        },
    };
    PageJob::new(file, "index.html", common, page)
}
