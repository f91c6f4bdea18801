//! Atom feeds (RFC 4287): the whole site's newest briefs at `/atom.xml`, and one feed per
//! actor, location and tag beside its page, so a reader can follow a militia or a base.
//! Every URL is absolute and every id is the entry's canonical page URL, which never changes
//! between builds; `updated` is the brief's date, never the build time.

use super::Output;
use super::public::timestamp;
use super::site::Site;
use crate::markup::xml::Xml;
use crate::output::Sink;
use rayon::prelude::*;

use super::views::{CARD_ENTITIES, CARD_TAGS};
use crate::graph::EntityLinks;
use crate::model::{BriefId, EntityKey, EntityNumbering};
use crate::urls::{feed_path, tag_slug};

/// Entries per feed: feed readers poll often, so older briefs add weight and nothing else.
pub const FEED_SIZE: usize = 20;

/// One feed before it is written.
struct Feed {
    /// Output file, e.g. `actors/kh/atom.xml`.
    file: String,
    /// Site-root-relative path of the HTML page the feed follows.
    page: String,
    title: String,
    subtitle: String,
    /// Newest first.
    briefs: Vec<BriefId>,
    /// At most this many entries.
    size: usize,
    /// Entries list the actors and locations they name as categories: only in the site's
    /// feed, where they let a reader filter; in an entity's or tag's feed they repeated
    /// the same long lists in thousands of files.
    named: bool,
}

/// Every feed of the site, each handed to `sink` as soon as it is written (so the feeds
/// of a big site are never all in memory at once).
pub fn feeds(site: &Site, sink: &dyn Sink) {
    let home = site.urls.home(1);
    let mut feeds = vec![Feed {
        file: feed_path(&home),
        page: home,
        title: site.config.title.clone(),
        subtitle: site.config.description.clone(),
        briefs: site.published().map(|(id, _)| id).collect(),
        size: FEED_SIZE,
        named: true,
    }];
    for key in EntityNumbering::new(site.corpus).keys() {
        feeds.push(entity_feed(site, key, site.graph.entity(key)));
    }
    for (slug, tag) in &site.graph.tags {
        let page = site.urls.tag_page(slug, 1);
        feeds.push(Feed {
            file: feed_path(&page),
            page,
            title: format!("Tagged “{}” · {}", tag.name, site.config.title),
            subtitle: format!("Briefs tagged {}", tag.name),
            briefs: tag.briefs.clone(),
            size: FEED_SIZE,
            named: false,
        });
    }
    let categories = Categories::new(site);
    feeds.into_par_iter().for_each(|feed| {
        sink.accept(Output::Bytes {
            bytes: write_feed(site, &categories, &feed).into_bytes(),
            path: feed.file,
        })
    });
}

/// Each actor's and location's `<category>` element, escaped once, for the site feed's
/// entries (up to ten of each per entry).
struct Categories {
    actors: Vec<String>,
    locations: Vec<String>,
}

impl Categories {
    fn new(site: &Site) -> Categories {
        let line = |term: &str, scheme: &str, label: &str| {
            let mut xml = Xml::fragment();
            category(&mut xml, term, scheme, label);
            xml.finish()
        };
        let actors_scheme = site.absolute("actors/");
        let locations_scheme = site.absolute("locations/");
        Categories {
            actors: (site.corpus.actors.par_iter())
                .map(|a| line(a.slug.as_str(), &actors_scheme, &a.name))
                .collect(),
            locations: (site.corpus.locations.par_iter())
                .map(|l| line(l.slug.as_str(), &locations_scheme, &l.name))
                .collect(),
        }
    }
}

/// The feed beside an actor's or location's page, of the briefs that mention or list it.
fn entity_feed(site: &Site, key: EntityKey, links: &EntityLinks) -> Feed {
    let link = site.prepared.link(key);
    Feed {
        file: feed_path(&link.path),
        page: link.path.clone(),
        title: format!("{} · {}", link.name, site.config.title),
        subtitle: site.prepared.described(key).summary.clone(),
        briefs: links.backlinks.clone(),
        // A site has thousands of these feeds, and one followed entity rarely gets more than
        // ten briefs between two polls of a reader (issue 26: they were 86 MB at 10,000).
        size: site.budget().entity_feed_size,
        named: false,
    }
}

fn write_feed(site: &Site, categories: &Categories, feed: &Feed) -> String {
    let briefs: Vec<BriefId> = feed
        .briefs
        .iter()
        .copied()
        .filter(|b| !site.corpus.briefs[b.index()].draft)
        .take(feed.size)
        .collect();
    // With no entries, the site's newest brief (or the epoch, for an empty site) keeps the
    // required `updated` deterministic.
    let updated = briefs
        .iter()
        .map(|b| site.corpus.briefs[b.index()].date)
        .max()
        .or_else(|| site.newest())
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| timestamp(&d));
    let self_url = site.absolute(&feed.file);
    let mut xml = Xml::document();
    xml.open(
        "feed",
        &[
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xml:lang", &site.config.language),
        ],
    )
    .text("title", &[], &feed.title);
    if !feed.subtitle.is_empty() {
        xml.text("subtitle", &[], &feed.subtitle);
    }
    xml.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &self_url),
        ],
    )
    .empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &site.absolute(&feed.page)),
        ],
    )
    .text("id", &[], &self_url)
    .text("updated", &[], &updated)
    .open("author", &[])
    .text("name", &[], &site.config.title)
    .text("uri", &[], &site.config.base_url)
    .close("author")
    .text("generator", &[], "gloss");
    let categories = feed.named.then_some(categories);
    for id in briefs {
        entry(site, categories, &mut xml, id);
    }
    xml.close("feed");
    xml.finish()
}

/// One brief as an Atom entry: its title, link, dates and summary, its byline when it has
/// one (else the feed's author stands), its tags and, with `categories`, its actors and
/// locations as categories.
fn entry(site: &Site, categories: Option<&Categories>, xml: &mut Xml, id: BriefId) {
    let brief = &site.corpus.briefs[id.index()];
    let card = &site.prepared.brief_cards[id.index()];
    let links = &site.graph.briefs[id.index()];
    let url = site.absolute(&card.path);
    let date = timestamp(&brief.date);
    let byline = brief.source.as_ref().and_then(|s| s.author.as_deref());
    // Only what Atom requires or a reader shows: `updated` stands for `published` (a brief
    // has one date) and an entry's link is a web page without saying so (issue 26: every
    // entry is repeated in the feeds of the site, its tags and its entities).
    xml.open("entry", &[])
        .text("title", &[], &brief.title)
        .empty("link", &[("href", &url)])
        .text("id", &[], &url)
        .text("updated", &[], &date);
    if let Some(author) = byline {
        xml.open("author", &[])
            .text("name", &[], author)
            .close("author");
    }
    if !card.summary.is_empty() {
        xml.text("summary", &[], &card.summary);
    }
    // Capped like a card's lists: an entry is repeated in the feed of every tag and entity.
    if let Some(categories) = categories {
        for entry in links.actors.iter().take(CARD_ENTITIES) {
            xml.raw(&categories.actors[entry.id.index()]);
        }
        for entry in links.locations.iter().take(CARD_ENTITIES) {
            xml.raw(&categories.locations[entry.id.index()]);
        }
    }
    let tags_scheme = site.absolute("tags/");
    for tag in brief.tags.iter().take(CARD_TAGS) {
        category(xml, &tag_slug(tag), &tags_scheme, tag);
    }
    xml.close("entry");
}

/// A category, its `label` left out when it is its `term`.
fn category(xml: &mut Xml, term: &str, scheme: &str, label: &str) {
    if label == term {
        xml.empty("category", &[("term", term), ("scheme", scheme)]);
    } else {
        xml.empty(
            "category",
            &[("term", term), ("scheme", scheme), ("label", label)],
        );
    }
}
