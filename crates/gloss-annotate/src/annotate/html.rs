//! Writing annotated text as HTML: escaping, mention elements, mark pieces, note asides.
//!
//! Mentions never overlap each other, but note passages may overlap mentions, each other,
//! and (in markdown) element boundaries. To keep the output well nested whatever the
//! overlap, text is cut at every boundary and each piece opens and closes its own marks;
//! a mention element stays whole and the marks go inside it.

use std::fmt::Write as _;
use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::annotate::matcher::EntityId;
use crate::annotate::mentions::{EntityLink, MentionSpan};
use crate::annotate::notes::Passage;
use crate::markup::escape_into;

/// A note passage clipped to one piece of text.
struct Clip {
    note: usize,
    /// Range relative to the piece.
    range: Range<usize>,
    /// Whether the passage ends inside this piece, so its note reference goes here.
    ends_here: bool,
}

/// The clips of one piece, sorted by start, with the furthest end so far of each prefix,
/// so that the few clips near a range are found without reading all of them: a paragraph
/// with thousands of mentions and thousands of notes is written in one pass, not in
/// mentions × notes steps.
struct Clips {
    list: Vec<Clip>,
    /// `reach[i]`: the largest `range.end` of `list[..=i]`.
    reach: Vec<usize>,
}

impl Clips {
    fn new(mut list: Vec<Clip>) -> Clips {
        // Stable: clips of equal start keep their passages' order (the marks' nesting).
        list.sort_by_key(|clip| clip.range.start);
        let reach = list
            .iter()
            .scan(0, |far, clip| {
                *far = clip.range.end.max(*far);
                Some(*far)
            })
            .collect();
        Clips { list, reach }
    }

    /// The clips that may overlap or end in `range`: none before it ends before
    /// `range.start`, and none after it starts at or after `range.end`.
    fn near(&self, range: Range<usize>) -> &[Clip] {
        let from = self.reach.partition_point(|&far| far <= range.start);
        let to = self
            .list
            .partition_point(|clip| clip.range.start < range.end);
        self.list.get(from..to.max(from)).unwrap_or_default()
    }
}

/// Writes annotated pieces of one article, remembering which marks were started so only
/// the first piece of each passage carries its `id`.
pub(crate) struct Writer<'l> {
    links: &'l dyn Fn(EntityId) -> EntityLink,
    cache: FxHashMap<EntityId, EntityLink>,
    started: FxHashSet<usize>,
}

impl<'l> Writer<'l> {
    /// A writer for one article; `links` is asked once per entity.
    pub(crate) fn new(links: &'l dyn Fn(EntityId) -> EntityLink) -> Writer<'l> {
        Writer {
            links,
            cache: FxHashMap::default(),
            started: FxHashSet::default(),
        }
    }

    /// Writes `text`, which starts at byte `offset` of its block's text, with its
    /// `mentions` (ranges relative to `text`, sorted, disjoint) and the parts of
    /// `passages` (ranges in block coordinates) that fall inside it.
    ///
    /// A note reference goes right after its passage's last piece, or after the mention
    /// element holding it; when `deferred` is given (the text is inside a link, where a
    /// nested link is invalid) the note numbers are pushed there instead.
    pub(crate) fn segment(
        &mut self,
        out: &mut String,
        text: &str,
        offset: usize,
        mentions: &[MentionSpan],
        passages: &[&Passage],
        mut deferred: Option<&mut Vec<usize>>,
    ) {
        let end = offset + text.len();
        let clips = Clips::new(
            passages
                .iter()
                .filter(|p| p.range.start < end && p.range.end > offset)
                .map(|p| Clip {
                    note: p.note,
                    range: p.range.start.max(offset) - offset..p.range.end.min(end) - offset,
                    ends_here: p.range.end <= end,
                })
                .collect(),
        );
        let mut at = 0;
        for mention in mentions {
            let range = mention.range.start.max(at)..mention.range.end.min(text.len());
            if range.start >= range.end {
                continue;
            }
            self.marked(
                out,
                text,
                at..range.start,
                &clips,
                deferred.as_deref_mut(),
                true,
            );
            self.open_mention(out, mention);
            self.marked(out, text, range.clone(), &clips, None, false);
            out.push_str(if mention.link { "</a>" } else { "</span>" });
            for clip in clips.near(range.clone()) {
                if clip.ends_here && clip.range.end > range.start && clip.range.end <= range.end {
                    note_ref(out, clip.note, deferred.as_deref_mut());
                }
            }
            at = range.end;
        }
        self.marked(out, text, at..text.len(), &clips, deferred, true);
    }

    /// Writes `text[range]`, cut wherever a mark starts or ends; with `refs`, also the
    /// note references of passages ending in the range.
    fn marked(
        &mut self,
        out: &mut String,
        text: &str,
        range: Range<usize>,
        clips: &Clips,
        mut deferred: Option<&mut Vec<usize>>,
        refs: bool,
    ) {
        if range.start >= range.end {
            return;
        }
        let clips = clips.near(range.clone());
        let mut cuts = vec![range.start, range.end];
        for clip in clips {
            for cut in [clip.range.start, clip.range.end] {
                if cut > range.start && cut < range.end {
                    cuts.push(cut);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for pair in cuts.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let active: Vec<usize> = clips
                .iter()
                .filter(|c| c.range.start <= a && c.range.end >= b)
                .map(|c| c.note)
                .collect();
            for &note in &active {
                self.open_mark(out, note);
            }
            escape_into(out, text.get(a..b).unwrap_or_default());
            for _ in &active {
                out.push_str("</mark>");
            }
            if refs {
                for clip in clips {
                    if clip.ends_here && clip.range.end == b {
                        note_ref(out, clip.note, deferred.as_deref_mut());
                    }
                }
            }
        }
    }

    fn open_mark(&mut self, out: &mut String, note: usize) {
        let _ = write!(out, "<mark class=\"noted\" data-note=\"{note}\"");
        if self.started.insert(note) {
            let _ = write!(out, " id=\"mark-{note}\"");
        }
        out.push('>');
    }

    fn open_mention(&mut self, out: &mut String, mention: &MentionSpan) {
        let links = self.links;
        let link = self
            .cache
            .entry(mention.entity)
            .or_insert_with(|| links(mention.entity));
        out.push_str(if mention.link { "<a" } else { "<span" });
        out.push_str(" class=\"mention\" data-kind=\"");
        escape_into(out, link.kind);
        // A link names its entity by its href; only a plain-text repeat needs `data-entity`
        // (issue 26: it was 5% of a brief page's bytes, written on every link).
        if mention.link {
            out.push_str("\" href=\"");
            escape_into(out, &link.href);
        } else {
            out.push_str("\" data-entity=\"");
            escape_into(out, &link.slug);
        }
        out.push_str("\">");
    }
}

/// Writes the link from the end of a passage to its note, its number as real text so
/// reader modes, copies and screen readers keep it (or defers it).
pub(crate) fn note_ref(out: &mut String, note: usize, deferred: Option<&mut Vec<usize>>) {
    match deferred {
        Some(later) => later.push(note),
        None => {
            let _ = write!(
                out,
                "<a class=\"note-ref\" href=\"#note-{note}\" data-note=\"{note}\" aria-label=\"Note {note}\">{note}</a>"
            );
        }
    }
}

/// How every note's aside starts; [`note_language`] finds the asides by it.
const ASIDE_OPEN: &str = "<aside class=\"note\" ";

/// Writes a note's aside; `html` is the caller's rendered note body. The editor may write
/// a note in another script than the article's, so its direction is `auto`.
pub(crate) fn aside(out: &mut String, note: usize, html: &str) {
    let _ = writeln!(
        out,
        "{ASIDE_OPEN}id=\"note-{note}\" dir=\"auto\"><a class=\"note-back\" href=\"#mark-{note}\">{note}</a> {html}</aside>"
    );
}

/// Gives every note aside of an article's `html` the language `lang` (a checked BCP 47
/// tag): notes are the editor's text, in the brief's language, while the article around
/// them may carry its own. Note bodies are escaped, so only real asides start this way.
pub(crate) fn note_language(html: &str, lang: &str) -> String {
    html.replace(ASIDE_OPEN, &format!("{ASIDE_OPEN}lang=\"{lang}\" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(id: EntityId) -> EntityLink {
        EntityLink {
            kind: "actor",
            slug: format!("e{}", id.0),
            href: format!("../../actors/e{}/", id.0),
        }
    }

    fn passage(note: usize, range: Range<usize>) -> Passage {
        Passage {
            note,
            block: 0,
            range,
        }
    }

    fn mention(range: Range<usize>, link: bool) -> MentionSpan {
        MentionSpan {
            range,
            entity: EntityId(1),
            link,
        }
    }

    #[test]
    fn escapes_everything_risky() {
        let mut out = String::new();
        escape_into(&mut out, "a<b>&\"c'");
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&#39;");
    }

    #[test]
    fn mark_crossing_a_mention_is_cut() {
        let mut out = String::new();
        let mut w = Writer::new(&link);
        let text = "fired at Ain al-Asad today";
        let p = passage(1, 0..13);
        w.segment(&mut out, text, 0, &[mention(9..20, true)], &[&p], None);
        assert_eq!(
            out,
            "<mark class=\"noted\" data-note=\"1\" id=\"mark-1\">fired at </mark>\
             <a class=\"mention\" data-kind=\"actor\" href=\"../../actors/e1/\">\
             <mark class=\"noted\" data-note=\"1\">Ain </mark>al-Asad</a>\
             <a class=\"note-ref\" href=\"#note-1\" data-note=\"1\" aria-label=\"Note 1\">1</a> today"
        );
    }

    #[test]
    fn overlapping_marks_nest() {
        let mut out = String::new();
        let mut w = Writer::new(&link);
        let (a, b) = (passage(1, 0..5), passage(2, 3..8));
        w.segment(&mut out, "abcdefgh", 0, &[], &[&a, &b], None);
        assert_eq!(
            out,
            "<mark class=\"noted\" data-note=\"1\" id=\"mark-1\">abc</mark>\
             <mark class=\"noted\" data-note=\"1\"><mark class=\"noted\" data-note=\"2\" id=\"mark-2\">de</mark></mark>\
             <a class=\"note-ref\" href=\"#note-1\" data-note=\"1\" aria-label=\"Note 1\">1</a>\
             <mark class=\"noted\" data-note=\"2\">fgh</mark>\
             <a class=\"note-ref\" href=\"#note-2\" data-note=\"2\" aria-label=\"Note 2\">2</a>"
        );
    }

    #[test]
    fn refs_inside_links_are_deferred() {
        let mut out = String::new();
        let mut later = Vec::new();
        let mut w = Writer::new(&link);
        let p = passage(3, 10..14);
        w.segment(&mut out, "link", 10, &[], &[&p], Some(&mut later));
        assert_eq!(
            out,
            "<mark class=\"noted\" data-note=\"3\" id=\"mark-3\">link</mark>"
        );
        assert_eq!(later, vec![3]);
    }

    #[test]
    fn unlinked_mentions_are_spans() {
        let mut out = String::new();
        let mut w = Writer::new(&link);
        w.segment(&mut out, "KH & co", 0, &[mention(0..2, false)], &[], None);
        assert_eq!(
            out,
            "<span class=\"mention\" data-kind=\"actor\" data-entity=\"e1\">KH</span> &amp; co"
        );
    }
}
