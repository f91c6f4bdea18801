//! The later pages of an actor's or location's briefs (`entity_page.html`,
//! `actors/<slug>/page/N/`): a compact header and a slice of backlinks, each brief with the
//! sentences that name the entity. Page 1 is `entity.rs`, which shows the first slice.
//!
//! A page ends by bytes, not by `paginate_by` (issue 26): it holds about
//! [`PAGE_BACKLINK_BYTES`] of backlinks and at most [`PAGE_BRIEFS`] briefs, so a page of
//! long quotes stays small and a page of short ones pays for its header and footer once
//! rather than every twenty briefs.

use rayon::prelude::*;
use serde::Serialize;

use super::PageJob;
use crate::model::{AnnotatedBrief, BriefId, EntityKey, EntityNumbering};
use crate::render::paginate::{Pagination, pagination};
use crate::render::site::Site;
use crate::render::views::{
    BacklinkView, BriefHead, MentionView, YearGroup, by_year, clip_after, clip_before, clipped_len,
    year_and_day,
};
use crate::urls::{feed_path, output_file};

/// The backlinks one page of an entity's briefs holds, in bytes of HTML (about 32 KB; the
/// next brief starts the next page, and a brief alone on a page is never cut). With the
/// page's header and footer a page weighs about 40 KB.
pub const PAGE_BACKLINK_BYTES: usize = 32 * 1024;

/// The briefs one page of an entity's briefs holds at most, however short their entries, so
/// a reader scrolls a page of two hundred titles at most.
pub const PAGE_BRIEFS: usize = 200;

/// The relative root of the deepest page, counted for every link: four steps up from
/// `actors/<slug>/page/N/`, three bytes each.
const ROOT_BYTES: usize = 4 * 3;

/// One backlink's markup around its title, path (with the first quote's `#p-N`) and day
/// (`backlinks.html`).
const BACKLINK_MARKUP_BYTES: usize = 26 + ROOT_BYTES;

/// Markup around a role, when the brief gives one.
const ROLE_MARKUP_BYTES: usize = 34;

/// Markup around one quote: its `<q>` and `<mark>`.
const QUOTE_MARKUP_BYTES: usize = 20;

/// The link of a quote after the first (with `#p-N`, besides the brief's path): the first
/// quote is covered by the title's link.
const QUOTE_LINK_BYTES: usize = 20 + ROOT_BYTES;

/// The count of quotes a compact budget leaves out (`N more in the brief`).
const MORE_BYTES: usize = 48;

/// A year's heading and the list it opens (`backlinks.html`), where the year changes.
const YEAR_BYTES: usize = 64;

/// The note of a brief that lists the entity without naming it in its text.
const NOTE_BYTES: usize = 60;

/// One mention as an entity page quotes it: its sentence, where in the sentence the mention
/// is (bytes), and its paragraph.
struct Quoted<'a> {
    sentence: &'a str,
    start: usize,
    end: usize,
    paragraph: u32,
}

impl Quoted<'_> {
    /// Mention `m` of `annotated`, with its sentence.
    fn new(annotated: &AnnotatedBrief, m: u32) -> Quoted<'_> {
        let m = &annotated.mentions[m as usize];
        let sentence = annotated.quotes.sentence(m.sentence.clone());
        let at = |i: u32| sentence.get(..i as usize).map_or(0, str::len);
        let (start, end) = (at(m.range.start), at(m.range.end));
        Quoted {
            start,
            end: end.max(start),
            paragraph: m.paragraph,
            sentence,
        }
    }
}

impl Site<'_> {
    /// Path of page `n` of an entity's briefs.
    pub(in crate::render) fn entity_page_path(&self, key: EntityKey, n: usize) -> String {
        let slug = self.entity(key).slug;
        match key {
            EntityKey::Actor(_) => self.urls.actor_page(slug, n),
            EntityKey::Location(_) => self.urls.location_page(slug, n),
        }
    }

    /// Where each page of an entity's briefs starts, as indexes into its backlinks (newest
    /// first). Worked out for every entity at once, the first time a page asks, because
    /// each page of an entity needs all of its entity's starts for its navigation.
    pub(in crate::render) fn entity_page_starts(&self, key: EntityKey) -> &[u32] {
        let numbering = EntityNumbering::new(self.corpus);
        let all = self.memo.entity_pages.get_or_init(|| {
            let keys: Vec<EntityKey> = numbering.keys().collect();
            keys.par_iter().map(|&k| self.page_starts(k)).collect()
        });
        all.get(numbering.number(key)).map_or(&[0], Vec::as_slice)
    }

    /// [`Self::entity_page_starts`] of one entity: a page ends after [`PAGE_BRIEFS`] briefs
    /// or before the brief that would take it past [`PAGE_BACKLINK_BYTES`].
    fn page_starts(&self, key: EntityKey) -> Vec<u32> {
        let mut starts = vec![0];
        let (mut count, mut bytes, mut year) = (0, 0, "");
        for (i, &b) in self.entity(key).links.backlinks.iter().enumerate() {
            let (this_year, _) = year_and_day(&self.brief(b).card.date);
            let heading = if this_year == year { 0 } else { YEAR_BYTES };
            let size = self.backlink_bytes(b, key) + heading;
            if count > 0 && (count == PAGE_BRIEFS || bytes + size > PAGE_BACKLINK_BYTES) {
                starts.push(i as u32);
                (count, bytes) = (0, YEAR_BYTES);
            }
            count += 1;
            bytes += size;
            year = this_year;
        }
        starts
    }

    /// About the bytes of brief `id`'s entry on `key`'s page, as `backlinks.html` writes it
    /// (escaping aside): its title, date, role and each quote as clipped.
    fn backlink_bytes(&self, id: BriefId, key: EntityKey) -> usize {
        let brief = self.brief(id);
        let card = brief.card;
        let budget = self.budget();
        let (role, cited) = brief.links.cited(key).unwrap_or_default();
        let shown = cited.len().min(budget.quotes_per_backlink);
        let head = BACKLINK_MARKUP_BYTES
            + card.path.len()
            + card.title.len()
            + year_and_day(&card.date).1.len()
            + role.map_or(0, |r| ROLE_MARKUP_BYTES + r.len())
            + if shown < cited.len() { MORE_BYTES } else { 0 };
        if cited.is_empty() {
            return head + NOTE_BYTES;
        }
        let quotes: usize = cited[..shown]
            .iter()
            .enumerate()
            .map(|(i, &m)| {
                let q = Quoted::new(brief.annotated, m);
                let (before, after) = (&q.sentence[..q.start], &q.sentence[q.end..]);
                let link = if i == 0 {
                    0
                } else {
                    QUOTE_LINK_BYTES + card.path.len()
                };
                QUOTE_MARKUP_BYTES
                    + link
                    + (q.end - q.start)
                    + clipped_len(before, after, budget.excerpt_chars)
            })
            .sum();
        head + quotes
    }

    /// Page `n` of an entity's briefs: its slice of backlinks (newest first), the total and
    /// the page navigation.
    pub(in crate::render) fn entity_slice(
        &self,
        key: EntityKey,
        n: usize,
    ) -> (Vec<YearGroup<'_, BacklinkView<'_>>>, usize, Pagination) {
        let backlinks = &self.entity(key).links.backlinks;
        let starts = self.entity_page_starts(key);
        let at = |i: usize| starts.get(i).map_or(backlinks.len(), |&s| s as usize);
        let (start, end) = (at(n.saturating_sub(1)), at(n));
        let views = backlinks[start..end.max(start)]
            .iter()
            .map(|&b| self.backlink_view(b, key));
        let views = by_year(views, |v| year_and_day(v.brief.date).0);
        let nav = pagination(n, starts.len(), |i| self.entity_page_path(key, i));
        (views, backlinks.len(), nav)
    }

    /// One brief on an entity's page, with the sentences that name the entity.
    fn backlink_view(&self, id: BriefId, key: EntityKey) -> BacklinkView<'_> {
        let brief = self.brief(id);
        let card = brief.card;
        let (role, cited) = brief.links.cited(key).unwrap_or_default();
        let budget = self.budget();
        let shown = cited.len().min(budget.quotes_per_backlink);
        let mentions: Vec<MentionView> = cited[..shown]
            .iter()
            .map(|&m| {
                let q = Quoted::new(brief.annotated, m);
                MentionView {
                    path: format!("{}#p-{}", card.path, q.paragraph),
                    before: clip_before(&q.sentence[..q.start], budget.excerpt_chars),
                    matched: q.sentence[q.start..q.end].to_string(),
                    after: clip_after(&q.sentence[q.end..], budget.excerpt_chars),
                }
            })
            .collect();
        BacklinkView {
            brief: BriefHead {
                title: &card.title,
                path: &card.path,
                date: &card.date,
            },
            day: year_and_day(&card.date).1,
            role: role.unwrap_or_default(),
            href: mentions
                .first()
                .map_or_else(|| card.path.clone(), |m| m.path.clone()),
            mentions,
            more: cited.len() - shown,
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
    backlinks: Vec<YearGroup<'a, BacklinkView<'a>>>,
    backlinks_total: usize,
    /// Always empty: incidents are listed on page 1.
    incidents: [(); 0],
    pagination: Pagination,
}
