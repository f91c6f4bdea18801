//! Annotating a plain-text article (from `article.txt`): paragraphs in, HTML out.

use std::collections::BTreeMap;

use crate::annotate::html::{Writer, aside};
use crate::annotate::matcher::{EntityId, Matcher};
use crate::annotate::mentions::{EntityLink, LinkMode, MentionState};
use crate::annotate::notes::{NoteError, NoteSpec, Passage, anchor};
use crate::annotate::report::{Report, record};

/// Turns plain-text paragraphs (from [`gloss_load::article::ingest`]) into
/// `<p id="p-N">…</p>` HTML with mentions linked and notes marked, each note's aside
/// right after its paragraph. All text is escaped: the article is never markup.
///
/// Fails with every note whose quote is missing or not unique.
pub fn annotate_plain(
    paragraphs: &[String],
    matcher: &Matcher,
    notes: &[NoteSpec],
    links: &dyn Fn(EntityId) -> EntityLink,
    mode: LinkMode,
) -> Result<(String, Report), Vec<NoteError>> {
    let blocks: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let mut by_block: BTreeMap<usize, Vec<Passage>> = BTreeMap::new();
    let anchored = anchor(&blocks, notes)?;
    let numbered = anchored.numbered(notes);
    for passage in anchored.passages {
        by_block.entry(passage.block).or_default().push(passage);
    }

    let mut state = MentionState::new(matcher, mode);
    let mut writer = Writer::new(links);
    let mut report = Report {
        mentions: Vec::new(),
        paragraphs: blocks.len(),
    };
    let size: usize = blocks.iter().map(|b| b.len() + 20).sum();
    let mut out = String::with_capacity(size + size / 4);
    for (index, text) in blocks.iter().enumerate() {
        let number = index + 1;
        let mentions = state.scan(text);
        record(&mut report.mentions, number, text, &mut None, 0, &mentions);
        let passages: Vec<&Passage> = by_block.get(&index).into_iter().flatten().collect();
        out.push_str("<p id=\"p-");
        out.push_str(&number.to_string());
        out.push_str("\">");
        writer.segment(&mut out, text, 0, &mentions, &passages, None);
        out.push_str("</p>\n");
        for passage in passages {
            let html = numbered
                .get(passage.note - 1)
                .map_or("", |n| n.html.as_str());
            aside(&mut out, passage.note, html);
        }
    }
    Ok((out, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::matcher::Surface;
    use crate::annotate::notes::NoteErrorKind;

    fn links(id: EntityId) -> EntityLink {
        let slug = ["kataib-hezbollah", "ain-al-asad-air-base", "wayne-marotto"]
            .get(id.0 as usize)
            .copied()
            .unwrap_or("unknown");
        EntityLink {
            kind: if id.0 == 1 { "location" } else { "actor" },
            slug: slug.to_string(),
            href: format!("../../x/{slug}/"),
        }
    }

    fn matcher() -> Matcher {
        let forms = [
            (0, "Kata'ib Hezbollah", false),
            (0, "KH", false),
            (1, "Ain al-Asad Air Base", false),
            (1, "al-Asad", false),
            (2, "Wayne Marotto", false),
            (2, "Marotto", true),
        ];
        Matcher::new(
            forms
                .iter()
                .map(|&(e, t, short)| Surface {
                    entity: EntityId(e),
                    text: t.to_string(),
                    short,
                })
                .collect(),
        )
    }

    fn paragraphs(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    fn note(quote: &str, line: usize) -> NoteSpec {
        NoteSpec {
            quote: quote.to_string(),
            html: "<p>Said 30.</p>".to_string(),
            line,
            column: 3,
        }
    }

    #[test]
    fn paragraphs_get_ids_and_text_is_escaped() {
        let (html, report) = annotate_plain(
            &paragraphs(&["A [helicopter] *was* <hit> & \"so\".", "Second."]),
            &matcher(),
            &[],
            &links,
            LinkMode::First,
        )
        .unwrap_or_default();
        assert_eq!(
            html,
            "<p id=\"p-1\">A [helicopter] *was* &lt;hit&gt; &amp; &quot;so&quot;.</p>\n<p id=\"p-2\">Second.</p>\n"
        );
        assert_eq!(report.paragraphs, 2);
    }

    #[test]
    fn first_mention_links_later_ones_are_spans() {
        let (html, report) = annotate_plain(
            &paragraphs(&[
                "Rockets hit Ain al-Asad Air Base.",
                "Marotto said al\u{2011}Asad\u{2019}s walls held, Col. Wayne Marotto said. Marotto left.",
            ]),
            &matcher(),
            &[],
            &links,
            LinkMode::First,
        )
        .unwrap_or_default();
        assert!(html.contains(
            "<a class=\"mention\" data-kind=\"location\" href=\"../../x/ain-al-asad-air-base/\">Ain al-Asad Air Base</a>"
        ));
        assert!(html.contains(
            "<span class=\"mention\" data-kind=\"location\" data-entity=\"ain-al-asad-air-base\">al\u{2011}Asad</span>\u{2019}s"
        ));
        assert!(html.contains("<p id=\"p-2\">Marotto said"));
        assert!(html.contains(">Wayne Marotto</a>"));
        assert!(html.contains("<span class=\"mention\" data-kind=\"actor\" data-entity=\"wayne-marotto\">Marotto</span> left."));
        let entities: Vec<(u32, usize)> = report
            .mentions
            .iter()
            .map(|m| (m.entity.0, m.paragraph))
            .collect();
        assert_eq!(entities, vec![(1, 1), (1, 2), (2, 2), (2, 2)]);
        let m = &report.mentions[2];
        assert_eq!(
            &*m.sentence,
            "Marotto said al\u{2011}Asad\u{2019}s walls held, Col. Wayne Marotto said."
        );
        assert_eq!(&m.sentence[m.range.clone()], "Wayne Marotto");
    }

    #[test]
    fn all_mode_links_every_mention() {
        let (html, _) = annotate_plain(
            &paragraphs(&["KH and KH."]),
            &matcher(),
            &[],
            &links,
            LinkMode::All,
        )
        .unwrap_or_default();
        assert_eq!(html.matches("<a class=\"mention\"").count(), 2);
    }

    #[test]
    fn note_crossing_a_mention_and_its_aside() {
        let (html, _) = annotate_plain(
            &paragraphs(&[
                "At least 14 rockets were fired at Ain al-Asad Air Base on Wednesday.",
                "Nothing else.",
            ]),
            &matcher(),
            &[note("rockets were fired at Ain al-Asad", 12)],
            &links,
            LinkMode::First,
        )
        .unwrap_or_default();
        assert_eq!(
            html,
            "<p id=\"p-1\">At least 14 <mark class=\"noted\" data-note=\"1\" id=\"mark-1\">rockets were fired at </mark>\
             <a class=\"mention\" data-kind=\"location\" href=\"../../x/ain-al-asad-air-base/\">\
             <mark class=\"noted\" data-note=\"1\">Ain al-Asad</mark> Air Base</a>\
             <a class=\"note-ref\" href=\"#note-1\" data-note=\"1\" aria-label=\"Note 1\">1</a> on Wednesday.</p>\n\
             <aside class=\"note\" id=\"note-1\" dir=\"auto\"><a class=\"note-back\" href=\"#mark-1\">1</a> <p>Said 30.</p></aside>\n\
             <p id=\"p-2\">Nothing else.</p>\n"
        );
    }

    #[test]
    fn curly_quotes_in_article_straight_in_note() {
        let (html, _) = annotate_plain(
            &paragraphs(&["He said \u{201C}we\u{2019}ll respond\u{201D} later."]),
            &matcher(),
            &[note("\"we'll respond\"", 3)],
            &links,
            LinkMode::First,
        )
        .unwrap_or_default();
        assert!(html.contains(
            "<mark class=\"noted\" data-note=\"1\" id=\"mark-1\">\u{201C}we\u{2019}ll respond\u{201D}</mark>"
        ));
    }

    #[test]
    fn note_errors_are_all_reported() {
        let errors = annotate_plain(
            &paragraphs(&["Two troops hurt.", "Two troops hurt."]),
            &matcher(),
            &[note("Two troops hurt", 5), note("Three troops", 9)],
            &links,
            LinkMode::First,
        )
        .err()
        .unwrap_or_default();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].kind, NoteErrorKind::Ambiguous { count: 2 });
        assert_eq!(errors[1].line, 9);
        assert!(
            matches!(&errors[1].kind, NoteErrorKind::NotFound { closest } if closest == "Two troops")
        );
    }
}
