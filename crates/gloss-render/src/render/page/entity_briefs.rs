//! The later pages of an actor's or location's briefs (`entity_page.html`,
//! `actors/<slug>/page/N/`): a compact header and a slice of backlinks, each brief with the
//! sentences that name the entity. Page 1 is `entity.rs`, which shows the first slice.
//!
//! A page holds at most `paginate_by` briefs and at most [`PAGE_QUOTE_BYTES`] of their
//! quotes (issue 26): a brief that names an actor in twenty long sentences would otherwise
//! make a page of megabytes.

use serde::Serialize;

use super::PageJob;
use crate::model::{BriefId, EntityKey};
use crate::render::paginate::{Pagination, pagination};
use crate::render::site::Site;
use crate::render::views::{BacklinkView, BriefHead, MentionView, clip_after, clip_before};
use crate::urls::{feed_path, output_file};

/// The quotes one page of an entity's briefs holds at most, in bytes (48 KB): with the
/// page's other markup, a page stays under about 64 KB however long the sentences are.
pub const PAGE_QUOTE_BYTES: usize = 48 * 1024;

/// Markup around one quote (its link, `<mark>` and `<blockquote>`), in bytes.
const QUOTE_MARKUP_BYTES: usize = 160;

impl Site<'_> {
    /// Path of page `n` of an entity's briefs.
    pub(in crate::render) fn entity_page_path(&self, key: EntityKey, n: usize) -> String {
        match key {
            EntityKey::Actor(a) => self.urls.actor_page(&self.corpus.actors[a.index()].slug, n),
            EntityKey::Location(l) => self
                .urls
                .location_page(&self.corpus.locations[l.index()].slug, n),
        }
    }

    /// Where each page of an entity's briefs starts, as indexes into its backlinks (newest
    /// first): a page ends after `paginate_by` briefs, or before the brief whose quotes would
    /// take it past [`PAGE_QUOTE_BYTES`] (a page always holds at least one brief).
    pub(in crate::render) fn entity_page_starts(&self, key: EntityKey) -> Vec<usize> {
        let per = self.config.paginate_by.max(1);
        let mut starts = vec![0];
        let (mut count, mut bytes) = (0, 0);
        for (i, &b) in self.entity(key).links.backlinks.iter().enumerate() {
            let size = self.quote_bytes(b, key);
            if count > 0 && (count == per || bytes + size > PAGE_QUOTE_BYTES) {
                starts.push(i);
                (count, bytes) = (0, 0);
            }
            count += 1;
            bytes += size;
        }
        starts
    }

    /// At most the bytes of brief `id`'s quotes naming `key` on the entity's page: each
    /// quote is cut from its sentence, so the sentence's length bounds it.
    fn quote_bytes(&self, id: BriefId, key: EntityKey) -> usize {
        let annotated = self.brief(id).annotated;
        let (_, cited) = self.graph.briefs[id.index()].cited(key).unwrap_or_default();
        cited
            .iter()
            .map(|&m| {
                let sentence = annotated.mentions[m as usize].sentence.clone();
                QUOTE_MARKUP_BYTES + annotated.quotes.sentence(sentence).len()
            })
            .sum()
    }

    /// Page `n` of an entity's briefs: its slice of backlinks (newest first), the total and
    /// the page navigation.
    pub(in crate::render) fn entity_slice(
        &self,
        key: EntityKey,
        n: usize,
    ) -> (Vec<BacklinkView<'_>>, usize, Pagination) {
        let links = self.entity(key).links;
        let starts = self.entity_page_starts(key);
        let start = starts.get(n - 1).copied().unwrap_or(links.backlinks.len());
        let end = starts.get(n).copied().unwrap_or(links.backlinks.len());
        let views = links.backlinks[start..end]
            .iter()
            .map(|&b| self.backlink_view(b, key))
            .collect();
        let nav = pagination(n, starts.len(), |i| self.entity_page_path(key, i));
        (views, links.backlinks.len(), nav)
    }

    /// One brief on an entity's page, with the sentences that name the entity.
    fn backlink_view(&self, id: BriefId, key: EntityKey) -> BacklinkView<'_> {
        let brief = self.brief(id);
        let (brief_card, annotated) = (brief.card, brief.annotated);
        let (role, cited) = self.graph.briefs[id.index()].cited(key).unwrap_or_default();
        BacklinkView {
            brief: BriefHead {
                title: &brief_card.title,
                path: &brief_card.path,
                date: &brief_card.date,
            },
            role: role.unwrap_or_default(),
            mentions: cited
                .iter()
                .map(|&m| {
                    let m = &annotated.mentions[m as usize];
                    let sentence = annotated.quotes.sentence(m.sentence.clone());
                    let at = |i: u32| sentence.get(..i as usize).map_or(0, str::len);
                    let (start, end) = (at(m.range.start), at(m.range.end));
                    MentionView {
                        path: format!("{}#p-{}", brief_card.path, m.paragraph),
                        before: clip_before(&sentence[..start]),
                        matched: sentence[start..end].to_string(),
                        after: clip_after(&sentence[end..]),
                    }
                })
                .collect(),
        }
    }

    /// Page `n` (2 or more) of an entity's briefs, under a compact header.
    pub(in crate::render) fn entity_page(&self, key: EntityKey, n: usize) -> PageJob {
        let entity = self.entity(key);
        let path = self.entity_page_path(key, n);
        let file = output_file(&path);
        let (backlinks, total, pagination) = self.entity_slice(key, n);
        let feed = feed_path(&entity.link.path);
        let title = format!(
            "{}: briefs, page {n} of {}",
            entity.link.name, pagination.total
        );
        let meta = self
            .meta(&path, &title, &entity.described.summary, "website")
            .with_feed(feed.clone());
        let common = self.common(&file, meta, entity.section().into());
        let page = EntityPageN {
            entity: EntityHead {
                name: &entity.link.name,
                path: &entity.link.path,
                kind: entity.kind_name(),
                feed,
            },
            backlinks,
            backlinks_total: total,
            incidents: [],
            pagination,
        };
        PageJob::new(file, "entity_page.html", common, page)
    }
}

/// The compact header of an entity's later pages: `entity` in `entity_page.html`.
#[derive(Serialize)]
struct EntityHead<'a> {
    name: &'a str,
    path: &'a str,
    /// actor or location.
    kind: &'static str,
    feed: String,
}

/// `entity_page.html`'s own values.
#[derive(Serialize)]
struct EntityPageN<'a> {
    entity: EntityHead<'a>,
    backlinks: Vec<BacklinkView<'a>>,
    backlinks_total: usize,
    /// Always empty: incidents are listed on page 1.
    incidents: [(); 0],
    pagination: Pagination,
}
