//! Annotating a markdown article by transforming pulldown-cmark events.
//!
//! The caller parses (it owns the markdown options) and renders (it owns highlighting);
//! in between, this module gives paragraphs their ids, links mentions, marks note
//! passages and places the note asides. Only text the reader sees as article prose is
//! touched: headings, code blocks, HTML blocks, image alt text and metadata pass through
//! untouched, and mentions are never linked inside links, inline code or raw inline HTML.
//!
//! It works in two passes: first a layout (`layout`) of the inline text of every block (so notes can
//! be anchored across the whole article and mentions found in document order), then the
//! events again, replacing only the text runs that carry an annotation with one
//! `InlineHtml` event each.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::annotate::html::{Writer, aside, note_ref};
use crate::annotate::layout::Layout;
use crate::annotate::matcher::{EntityId, Matcher};
use crate::annotate::mentions::{EntityLink, LinkMode, MentionState};
use crate::annotate::notes::{NoteError, NoteSpec, Passage, anchor};
use crate::annotate::report::{Report, record};

/// Transforms the events of a markdown article (parsed by the caller with tables,
/// footnotes, strikethrough and heading ids): each `<p>` gets `id="p-N"` (as `Html`
/// events replacing the paragraph's start and end), mentions are linked, note passages
/// marked, and each note's aside follows the top-level block that holds its passage.
///
/// Fails with every note whose quote is missing or not unique. A quote must lie within
/// the inline text of one block (a paragraph, a tight list item, a table cell); headings
/// and code are not searched.
pub fn annotate_markdown<'a>(
    events: Vec<Event<'a>>,
    matcher: &Matcher,
    notes: &[NoteSpec],
    links: &dyn Fn(EntityId) -> EntityLink,
    mode: LinkMode,
) -> Result<(Vec<Event<'a>>, Report), Vec<NoteError>> {
    let layout = Layout::of(&events);
    let texts: Vec<&str> = layout.blocks.iter().map(|b| b.text.as_str()).collect();
    let mut by_block: BTreeMap<usize, Vec<Passage>> = BTreeMap::new();
    let mut asides: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let anchored = anchor(&texts, notes)?;
    let numbered = anchored.numbered(notes);
    for passage in anchored.passages {
        if let Some(block) = layout.blocks.get(passage.block) {
            asides.entry(block.top).or_default().push(passage.note);
        }
        by_block.entry(passage.block).or_default().push(passage);
    }

    let mut report = Report {
        mentions: Vec::new(),
        paragraphs: layout.paragraphs,
    };
    let replacements = annotate_blocks(&layout, &by_block, matcher, links, mode, &mut report);
    let events = rewrite(events, replacements, asides, &numbered);
    Ok((events, report))
}

/// A run of events rendered anew, replacing `events` of the input.
struct Replacement {
    events: Range<usize>,
    html: String,
    /// Note references to place after the enclosing link closes.
    deferred: Vec<usize>,
}

/// Finds mentions block by block (in document order) and renders every text run that
/// holds a mention or a piece of a note passage.
fn annotate_blocks(
    layout: &Layout,
    by_block: &BTreeMap<usize, Vec<Passage>>,
    matcher: &Matcher,
    links: &dyn Fn(EntityId) -> EntityLink,
    mode: LinkMode,
    report: &mut Report,
) -> Vec<Replacement> {
    let mut state = MentionState::new(matcher, mode);
    let mut writer = Writer::new(links);
    let mut replacements = Vec::new();
    for (index, block) in layout.blocks.iter().enumerate() {
        let passages: Vec<&Passage> = by_block.get(&index).into_iter().flatten().collect();
        let mut sentences = None;
        for segment in &block.segments {
            let text = block.text.get(segment.text.clone()).unwrap_or_default();
            let mentions = if segment.linkable {
                state.scan(text)
            } else {
                Vec::new()
            };
            let offset = segment.text.start;
            record(
                &mut report.mentions,
                block.paragraph,
                &block.text,
                &mut sentences,
                offset,
                &mentions,
            );
            let marked = passages
                .iter()
                .any(|p| p.range.start < segment.text.end && p.range.end > offset);
            if mentions.is_empty() && !marked {
                continue;
            }
            let mut html = String::with_capacity(text.len() * 2);
            let mut deferred = Vec::new();
            let later = segment.in_link.then_some(&mut deferred);
            if segment.code {
                html.push_str("<code>");
                writer.segment(&mut html, text, offset, &[], &passages, later);
                html.push_str("</code>");
            } else {
                writer.segment(&mut html, text, offset, &mentions, &passages, later);
            }
            replacements.push(Replacement {
                events: segment.events.clone(),
                html,
                deferred,
            });
        }
    }
    replacements
}

/// The second pass over the events: paragraph ids, replaced runs, deferred note
/// references after links, asides after top-level blocks.
fn rewrite<'a>(
    events: Vec<Event<'a>>,
    replacements: Vec<Replacement>,
    mut asides: BTreeMap<usize, Vec<usize>>,
    notes: &[NoteSpec],
) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len() + replacements.len());
    let mut replacements = replacements.into_iter().peekable();
    let mut skip_to = 0;
    let (mut depth, mut top, mut links, mut paragraphs) = (0usize, 0usize, 0usize, 0usize);
    let mut pending: Vec<usize> = Vec::new();
    for (index, event) in events.into_iter().enumerate() {
        if index < skip_to {
            continue;
        }
        if let Some(replacement) = replacements.next_if(|r| r.events.start == index) {
            out.push(Event::InlineHtml(CowStr::from(replacement.html)));
            pending.extend(replacement.deferred);
            skip_to = replacement.events.end;
            continue;
        }
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    top += 1;
                }
                depth += 1;
                match tag {
                    Tag::Paragraph => {
                        paragraphs += 1;
                        out.push(Event::Html(CowStr::from(format!(
                            "<p id=\"p-{paragraphs}\">"
                        ))));
                    }
                    Tag::Link { .. } => {
                        links += 1;
                        out.push(Event::Start(tag));
                    }
                    tag => out.push(Event::Start(tag)),
                }
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                match tag {
                    TagEnd::Paragraph => out.push(Event::Html(CowStr::Borrowed("</p>\n"))),
                    tag => out.push(Event::End(tag)),
                }
                if tag == TagEnd::Link {
                    links = links.saturating_sub(1);
                    if links == 0 {
                        flush_refs(&mut out, &mut pending);
                    }
                }
                if depth == 0 {
                    flush_refs(&mut out, &mut pending);
                    if let Some(numbers) = asides.remove(&top) {
                        push_asides(&mut out, &numbers, notes);
                    }
                }
            }
            event => out.push(event),
        }
    }
    flush_refs(&mut out, &mut pending);
    for numbers in asides.into_values() {
        push_asides(&mut out, &numbers, notes);
    }
    out
}

/// Writes the note references that waited for a link to close.
fn flush_refs(out: &mut Vec<Event<'_>>, pending: &mut Vec<usize>) {
    if pending.is_empty() {
        return;
    }
    let mut html = String::new();
    for note in pending.drain(..) {
        note_ref(&mut html, note, None);
    }
    out.push(Event::InlineHtml(CowStr::from(html)));
}

/// Writes the asides of `numbers` (notes, from 1) as one `Html` event.
fn push_asides(out: &mut Vec<Event<'_>>, numbers: &[usize], notes: &[NoteSpec]) {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    let mut html = String::new();
    for note in sorted {
        let body = notes.get(note - 1).map_or("", |n| n.html.as_str());
        aside(&mut html, note, body);
    }
    out.push(Event::Html(CowStr::from(html)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::matcher::Surface;
    use pulldown_cmark::{Options, Parser, html};

    fn matcher() -> Matcher {
        let forms = [
            (0, "Iraq"),
            (0, "Iraqi government"),
            (1, "Kata'ib Hezbollah"),
            (1, "KH"),
        ];
        Matcher::new(
            forms
                .iter()
                .map(|&(e, t)| Surface {
                    entity: EntityId(e),
                    text: t.to_string(),
                    short: false,
                })
                .collect(),
        )
    }

    fn links(id: EntityId) -> EntityLink {
        EntityLink {
            kind: "actor",
            slug: format!("e{}", id.0),
            href: format!("/e{}/", id.0),
        }
    }

    fn options() -> Options {
        Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_HEADING_ATTRIBUTES
    }

    fn render(
        markdown: &str,
        notes: &[NoteSpec],
        mode: LinkMode,
    ) -> Result<(String, Report), Vec<NoteError>> {
        let events: Vec<Event<'_>> = Parser::new_ext(markdown, options()).collect();
        let (events, report) = annotate_markdown(events, &matcher(), notes, &links, mode)?;
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        Ok((out, report))
    }

    fn note(quote: &str) -> NoteSpec {
        NoteSpec {
            quote: quote.to_string(),
            html: "<p>N</p>".to_string(),
            line: 20,
            column: 3,
        }
    }

    const A: &str = "<a class=\"mention\" data-kind=\"actor\" href=\"/e0/\">";
    const SPAN: &str = "<span class=\"mention\" data-kind=\"actor\" data-entity=\"e0\">";

    #[test]
    fn paragraph_ids_and_first_mention() {
        let (html, report) = render("Iraq *said* so.\n\nIraq again & <b>.", &[], LinkMode::First)
            .unwrap_or_default();
        assert_eq!(
            html,
            format!(
                "<p id=\"p-1\">{A}Iraq</a> <em>said</em> so.</p>\n\
                 <p id=\"p-2\">{SPAN}Iraq</span> again &amp; <b>.</p>\n"
            )
        );
        assert_eq!(report.paragraphs, 2);
        assert_eq!(report.mentions.len(), 2);
        assert_eq!(report.mentions[1].paragraph, 2);
        assert_eq!(&*report.mentions[1].sentence, "Iraq again & .");
    }

    #[test]
    fn untouched_in_links_code_headings_images_and_raw_html() {
        let md = "# Iraq\n\n[Iraq](/x) `Iraq` ![Iraq](i.png) <abbr>Iraq</abbr>\n\n```\nIraq\n```\n";
        let (html, report) = render(md, &[], LinkMode::All).unwrap_or_default();
        assert!(!html.contains("mention"), "{html}");
        assert!(report.mentions.is_empty());
        assert!(html.contains("<h1>Iraq</h1>"));
        assert!(html.contains("<img src=\"i.png\" alt=\"Iraq\" />"));
        assert!(html.contains("<pre><code>Iraq\n</code></pre>"));
    }

    #[test]
    fn mentions_in_lists_and_tables_and_across_soft_breaks() {
        let md = "- KH\n- Iraqi\ngovernment\n\n| a |\n|---|\n| Iraq |\n";
        let (html, report) = render(md, &[], LinkMode::All).unwrap_or_default();
        assert!(html.contains(">KH</a>"), "{html}");
        assert!(html.contains(">Iraqi\ngovernment</a>"), "{html}");
        assert!(html.contains("<td>"), "{html}");
        assert_eq!(report.mentions.len(), 3);
        assert_eq!(&*report.mentions[1].sentence, "Iraqi government");
        assert_eq!(report.mentions[0].paragraph, 0);
    }

    #[test]
    fn note_crossing_emphasis_and_link() {
        let md = "Rockets *hit the base* and [the camp](/c) today.\n\nNext.";
        let (html, _) =
            render(md, &[note("hit the base and the camp")], LinkMode::First).unwrap_or_default();
        assert_eq!(
            html,
            "<p id=\"p-1\">Rockets <em><mark class=\"noted\" data-note=\"1\" id=\"mark-1\">hit the base</mark></em>\
             <mark class=\"noted\" data-note=\"1\"> and </mark>\
             <a href=\"/c\"><mark class=\"noted\" data-note=\"1\">the camp</mark></a>\
             <a class=\"note-ref\" href=\"#note-1\" data-note=\"1\" aria-label=\"Note 1\">1</a> today.</p>\n\
             <aside class=\"note\" id=\"note-1\" dir=\"auto\"><a class=\"note-back\" href=\"#mark-1\">1</a> <p>N</p></aside>\n\
             <p id=\"p-2\">Next.</p>\n"
        );
    }

    #[test]
    fn note_aside_after_the_top_level_block() {
        let md = "> quoted Iraq text\n> more\n\nafter";
        let (html, _) = render(md, &[note("Iraq text more")], LinkMode::First).unwrap_or_default();
        let aside = html.find("<aside").unwrap_or(0);
        let quote_end = html.find("</blockquote>").unwrap_or(usize::MAX);
        assert!(aside > quote_end, "{html}");
        assert!(html.contains(&format!(
            "<p id=\"p-1\">quoted {A}<mark class=\"noted\" data-note=\"1\" id=\"mark-1\">Iraq</mark></a>\
             <mark class=\"noted\" data-note=\"1\"> text\nmore</mark>\
             <a class=\"note-ref\" href=\"#note-1\" data-note=\"1\" aria-label=\"Note 1\">1</a></p>"
        )));
    }

    #[test]
    fn note_errors_in_markdown() {
        let errors = render(
            "# Heading only quote\n\nbody",
            &[note("Heading only")],
            LinkMode::First,
        )
        .err()
        .unwrap_or_default();
        assert!(matches!(
            errors[0].kind,
            crate::annotate::NoteErrorKind::NotFound { .. }
        ));
    }
}
