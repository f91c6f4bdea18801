//! Mentions inside a brief's notes, linked like the article's: each note is read on its
//! own in the margin, so with `[mentions] link = "first"` the first mention of each entity
//! in each note is a link and later ones in that note are marked spans; with `"all"` every
//! one links. Text inside links (including link shorthand), code and headings is never
//! touched. A person's short name ("Marotto") counts once the note names them in full, or
//! when the brief lists them in `actors`.

use pulldown_cmark::{CowStr, Event};

use crate::annotate::html::Writer;
use crate::annotate::layout::Layout;
use crate::annotate::matcher::{EntityId, Matcher};
use crate::annotate::mentions::{EntityLink, LinkMode, MentionState};

/// The events of one note's markdown with its mentions linked. `introduced` are the
/// entities whose short names may match without a full mention first.
pub fn link_note_mentions<'a>(
    events: Vec<Event<'a>>,
    matcher: &Matcher,
    links: &dyn Fn(EntityId) -> EntityLink,
    mode: LinkMode,
    introduced: &[EntityId],
) -> Vec<Event<'a>> {
    let layout = Layout::of(&events);
    let mut state = MentionState::new(matcher, mode);
    state.introduce(introduced);
    let mut writer = Writer::new(links);
    let mut replacements = Vec::new();
    for block in &layout.blocks {
        for segment in block.segments.iter().filter(|s| s.linkable && !s.code) {
            let text = block.text.get(segment.text.clone()).unwrap_or_default();
            let mentions = state.scan(text);
            if mentions.is_empty() {
                continue;
            }
            let mut html = String::with_capacity(text.len() * 2);
            writer.segment(&mut html, text, segment.text.start, &mentions, &[], None);
            replacements.push((segment.events.clone(), html));
        }
    }
    let mut replacements = replacements.into_iter().peekable();
    let mut out = Vec::with_capacity(events.len());
    let mut skip_to = 0;
    for (index, event) in events.into_iter().enumerate() {
        if index < skip_to {
            continue;
        }
        if let Some((range, html)) = replacements.next_if(|r| r.0.start == index) {
            out.push(Event::InlineHtml(CowStr::from(html)));
            skip_to = range.end;
            continue;
        }
        out.push(event);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::matcher::Surface;
    use pulldown_cmark::{Parser, html};

    fn render(note: &str, mode: LinkMode, introduced: &[EntityId]) -> String {
        let surface = |entity: u32, text: &str, short: bool| Surface {
            entity: EntityId(entity),
            text: text.to_string(),
            short,
        };
        let matcher = Matcher::new(vec![
            surface(0, "Kata'ib Hezbollah", false),
            surface(1, "Wayne Marotto", false),
            surface(1, "Marotto", true),
        ]);
        let links = |id: EntityId| EntityLink {
            kind: "actor",
            slug: format!("e{}", id.0),
            href: format!("../../actors/e{}/", id.0),
        };
        let events = link_note_mentions(
            Parser::new(note).collect(),
            &matcher,
            &links,
            mode,
            introduced,
        );
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        out
    }

    #[test]
    fn first_mention_per_note_links_and_links_are_left_alone() {
        let html = render(
            "Kata'ib Hezbollah denied it; Kata'ib Hezbollah & co again.\n\n[Kata'ib Hezbollah](https://x.io) `Kata'ib Hezbollah`",
            LinkMode::First,
            &[],
        );
        assert_eq!(html.matches("<a class=\"mention\"").count(), 1, "{html}");
        assert_eq!(html.matches("<span class=\"mention\"").count(), 1, "{html}");
        assert!(html.contains("href=\"../../actors/e0/\""), "{html}");
        assert!(html.contains("</span> &amp; co"), "{html}");
        assert!(
            html.contains("<a href=\"https://x.io\">Kata'ib Hezbollah</a>"),
            "{html}"
        );
        assert!(html.contains("<code>Kata'ib Hezbollah</code>"), "{html}");
        let all = render(
            "Kata'ib Hezbollah and Kata'ib Hezbollah.",
            LinkMode::All,
            &[],
        );
        assert_eq!(all.matches("<a class=\"mention\"").count(), 2, "{all}");
    }

    #[test]
    fn short_names_need_a_full_name_or_the_brief_listing_them() {
        assert!(!render("Marotto said so.", LinkMode::First, &[]).contains("mention"));
        let listed = render("Marotto said so.", LinkMode::First, &[EntityId(1)]);
        assert!(listed.contains("href=\"../../actors/e1/\""), "{listed}");
    }
}
