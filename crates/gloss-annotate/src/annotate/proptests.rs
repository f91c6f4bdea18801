//! Properties of annotation over arbitrary text and alias sets: linking and marking
//! never add, drop or reorder characters of the article, and the HTML stays well nested.

use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, html};

use crate::annotate::{
    EntityId, EntityLink, LinkMode, Matcher, NoteSpec, Surface, annotate_markdown, annotate_plain,
};
use crate::testing::cases;

/// Characters chosen so that random aliases often match: few letters, and every kind of
/// character that folding, escaping or word boundaries treat specially.
const TEXT: &str = "[ab \u{2019}'\"\u{201C}\u{201D}\u{2014}\u{2013}\\-<&>.\u{00A0}كتا]{0,40}";
const ALIAS: &str = "[ab\u{2019}' \u{2014}كت]{1,4}";

fn links(id: EntityId) -> EntityLink {
    EntityLink {
        kind: if id.0 % 2 == 0 { "actor" } else { "location" },
        slug: format!("e-{}", id.0),
        href: format!("../e-{}/?a=1&b=\"2\"", id.0),
    }
}

fn matcher(aliases: &[(u32, String, bool)]) -> Matcher {
    Matcher::new(
        aliases
            .iter()
            .map(|(entity, text, short)| Surface {
                entity: EntityId(*entity),
                text: text.clone(),
                short: *short,
            })
            .collect(),
    )
}

/// Notes quoting pieces of the paragraphs (which may well be missing or ambiguous).
fn notes(paragraphs: &[String], picks: &[(usize, usize, usize)]) -> Vec<NoteSpec> {
    picks
        .iter()
        .filter_map(|&(p, a, b)| {
            let text = paragraphs.get(p % paragraphs.len().max(1))?;
            let chars: Vec<char> = text.chars().collect();
            let (a, b) = (a % (chars.len() + 1), b % (chars.len() + 1));
            let quote: String = chars[a.min(b)..a.max(b)].iter().collect();
            Some(NoteSpec {
                quote,
                html: "<p>note &amp; more</p>".to_string(),
                line: 1,
                column: 3,
            })
        })
        .collect()
}

/// The text a browser would show for the article: asides removed, tags stripped,
/// entities decoded.
fn text_content(html: &str) -> String {
    let mut rest = html
        .replace("</p>\n", "</p>")
        .replace("</aside>\n", "</aside>");
    // Asides and note reference numbers are the notes', not the article's, text.
    for (open, close) in [("<aside", "</aside>"), ("<a class=\"note-ref\"", "</a>")] {
        while let Some(start) = rest.find(open) {
            let end = rest[start..]
                .find(close)
                .map_or(rest.len(), |e| start + e + close.len());
            rest.replace_range(start..end, "");
        }
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in rest.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Whether every opened tag is closed in order (void elements aside).
fn well_nested(html: &str) -> bool {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            return false;
        };
        let tag = &rest[start + 1..start + len];
        rest = &rest[start + len + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if tag.ends_with('/') || matches!(name.as_str(), "br" | "hr" | "img" | "input") {
            continue;
        }
        if closing {
            if stack.pop().as_deref() != Some(name.as_str()) {
                return false;
            }
        } else {
            stack.push(name);
        }
    }
    stack.is_empty()
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn plain_text_is_preserved_and_nested(
        paragraphs in prop::collection::vec(TEXT, 0..6),
        aliases in prop::collection::vec((0u32..4, ALIAS, any::<bool>()), 0..8),
        picks in prop::collection::vec((0usize..6, 0usize..50, 0usize..50), 0..4),
        all in any::<bool>(),
    ) {
        let matcher = matcher(&aliases);
        let mode = if all { LinkMode::All } else { LinkMode::First };
        let expected: String = paragraphs.concat();
        let notes = notes(&paragraphs, &picks);
        for notes in [&notes[..], &[]] {
            if let Ok((html, report)) = annotate_plain(&paragraphs, &matcher, notes, &links, mode) {
                prop_assert_eq!(text_content(&html), expected.clone());
                prop_assert!(well_nested(&html), "{}", html);
                prop_assert_eq!(report.paragraphs, paragraphs.len());
                for m in &report.mentions {
                    prop_assert!(m.sentence.get(m.range.clone()).is_some());
                }
            }
        }
    }

    #[test]
    fn markdown_output_is_nested(
        pieces in prop::collection::vec(
            prop_oneof![
                Just("*".to_string()), Just("**".to_string()), Just("`".to_string()),
                Just("[".to_string()), Just("](/x)".to_string()), Just("\n".to_string()),
                Just("\n\n".to_string()), Just("# ".to_string()), Just("> ".to_string()),
                Just("- ".to_string()), Just("<span>".to_string()), Just("</span>".to_string()),
                TEXT.prop_map(|s| s),
            ],
            0..16,
        ),
        aliases in prop::collection::vec((0u32..4, ALIAS, any::<bool>()), 0..8),
        picks in prop::collection::vec((0usize..6, 0usize..50, 0usize..50), 0..3),
    ) {
        let markdown = pieces.concat();
        let matcher = matcher(&aliases);
        let notes = notes(std::slice::from_ref(&markdown), &picks);
        let events: Vec<Event<'_>> = Parser::new(&markdown).collect();
        let mut plain_html = String::new();
        html::push_html(&mut plain_html, events.clone().into_iter());
        if let Ok((events, _)) = annotate_markdown(events, &matcher, &notes, &links, LinkMode::First) {
            let mut out = String::new();
            html::push_html(&mut out, events.into_iter());
            // Raw inline HTML from the source may itself be unbalanced; judge only
            // output whose unannotated rendering was balanced.
            if well_nested(&plain_html) {
                prop_assert!(well_nested(&out), "{}\n{}", markdown, out);
            }
            prop_assert_eq!(text_content(&out).replace('\n', ""), text_content(&plain_html).replace('\n', ""));
        }
    }
}

#[test]
fn helpers_work() {
    assert!(well_nested("<p><a href=\"x\"><mark>a</mark></a><br /></p>"));
    assert!(!well_nested("<p><mark></p></mark>"));
    assert_eq!(
        text_content("<p id=\"p-1\">a &amp; <b>b</b></p>\n<aside>x</aside>\n"),
        "a & b"
    );
}
