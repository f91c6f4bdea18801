//! The later pages of an actor's or location's briefs (`entity_page.html`,
//! `actors/<slug>/page/N/`): a compact header and a slice of backlinks, each brief with the
//! sentences that name the entity. Page 1 is `entity.rs`, which shows the first slice.

use serde::Serialize;

use super::PageJob;
use crate::model::{BriefId, EntityKey};
use crate::render::paginate::{Pagination, page_count, pagination};
use crate::render::site::Site;
use crate::render::views::{BacklinkView, BriefHead, MentionView, clip_after, clip_before};
use crate::urls::{feed_path, output_file};

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

    /// Page `n` of an entity's briefs: its slice of backlinks (newest first), the total and
    /// the page navigation.
    pub(in crate::render) fn entity_slice(
        &self,
        key: EntityKey,
        n: usize,
    ) -> (Vec<BacklinkView<'_>>, usize, Pagination) {
        let links = self.entity(key).links;
        let per = self.config.paginate_by.max(1);
        let total = page_count(links.backlinks.len(), per);
        let views = links
            .backlinks
            .iter()
            .skip((n - 1) * per)
            .take(per)
            .map(|&b| self.backlink_view(b, key))
            .collect();
        let nav = pagination(n, total, |i| self.entity_page_path(key, i));
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
