//! Properties of the mention matcher and of note anchoring over generated text.
//!
//! Short by default; `PROPTEST_CASES=20000 cargo test --lib proptests_` runs them long.

use proptest::prelude::*;

use crate::annotate::fold::Folded;
use crate::annotate::matcher::{EntityId, Matcher, Surface};
use crate::annotate::mentions::{LinkMode, MentionState};
use crate::annotate::notes::{NoteErrorKind, NoteSpec, anchor};
use crate::testing::cases;

/// Words from a small alphabet so that generated names often occur in generated text.
const WORD: &str = "[abk\u{0643}]{1,4}";
/// Characters that copy-paste leaves inside words.
const INVISIBLE: [char; 6] = [
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{00AD}', '\u{FEFF}',
];
/// What may stand between two words of a name.
const JOINERS: [&str; 4] = [" ", "-", "\u{00A0}", "\u{2011}"];

fn entities_in(matcher: &Matcher, text: &str) -> Vec<u32> {
    let mut state = MentionState::new(matcher, LinkMode::All);
    let mut found: Vec<u32> = state.scan(text).iter().map(|m| m.entity.0).collect();
    found.sort_unstable();
    found
}

fn matcher_of(names: &[String]) -> Matcher {
    Matcher::new(
        names
            .iter()
            .enumerate()
            .map(|(i, text)| Surface {
                entity: EntityId(i as u32),
                text: text.clone(),
                short: false,
            })
            .collect(),
    )
}

fn note(quote: &str) -> NoteSpec {
    NoteSpec {
        quote: quote.to_string(),
        html: String::new(),
        line: 1,
        column: 3,
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

proptest! {
    #![proptest_config(cases(256))]

    /// A name is found however its words are joined (space, hyphen, no-break space or
    /// hyphen) and with invisible characters anywhere inside it, and the mention covers
    /// the text as written.
    #[test]
    fn names_match_through_joiners_and_invisibles(
        words in prop::collection::vec(WORD, 1..4),
        joiner in 0usize..4,
        written_joiner in 0usize..4,
        invisible in prop::collection::vec((0usize..40, 0usize..6), 0..3),
        before in "[ .,;(]{1,2}",
        after in "[ .,;)]{0,2}",
    ) {
        let name = words.join(JOINERS[joiner]);
        let mut written: Vec<char> = words.join(JOINERS[written_joiner]).chars().collect();
        for &(at, which) in &invisible {
            let at = 1 + at % written.len().max(1);
            if at < written.len() {
                written.insert(at, INVISIBLE[which]);
            }
        }
        let written: String = written.into_iter().collect();
        let text = format!("x{before}{written}{after}");
        let matcher = matcher_of(std::slice::from_ref(&name));
        let mut state = MentionState::new(&matcher, LinkMode::All);
        let spans = state.scan(&text);
        prop_assert_eq!(spans.len(), 1, "{:?} in {:?}", name, text);
        let shown = &text[spans[0].range.clone()];
        prop_assert_eq!(shown.trim_matches(INVISIBLE), written.trim_matches(INVISIBLE));
    }

    /// Every mention is whole words: the folded characters around it are not letters.
    #[test]
    fn mentions_are_whole_words(
        names in prop::collection::vec(WORD, 1..5),
        text in "[abk\u{0643} \\-'\u{200D}.]{0,60}",
    ) {
        let matcher = matcher_of(&names);
        let mut state = MentionState::new(&matcher, LinkMode::All);
        for span in state.scan(&text) {
            let before = text[..span.range.start].chars().rev().find(|c| !INVISIBLE.contains(c));
            let after = text[span.range.end..].chars().find(|c| !INVISIBLE.contains(c));
            prop_assert!(!before.is_some_and(is_word), "{:?} {:?}", text, span);
            prop_assert!(!after.is_some_and(is_word), "{:?} {:?}", text, span);
        }
    }

    /// Matching is not loosened beyond the documented folds: a name found in text is
    /// found in the same text with each word's letters intact, and never in text where a
    /// word of it is changed.
    #[test]
    fn changed_words_do_not_match(word in "[ab]{2,4}", other in "[ab]{2,4}") {
        prop_assume!(word != other);
        let matcher = matcher_of(std::slice::from_ref(&word));
        prop_assert_eq!(entities_in(&matcher, &format!("x {other} y")), Vec::<u32>::new());
        prop_assert_eq!(entities_in(&matcher, &format!("x {word} y")), vec![0]);
    }

    /// A quote that is a whole-word piece of one paragraph, found once, anchors exactly
    /// there; one that cuts a word never anchors.
    #[test]
    fn quotes_anchor_on_whole_words_only(
        paragraphs in prop::collection::vec(prop::collection::vec("[ab\u{2019}]{1,5}", 1..10), 1..4),
        pick in (0usize..4, 0usize..10, 0usize..10),
        cut in 0usize..3,
    ) {
        let texts: Vec<String> = paragraphs.iter().map(|w| format!("{}.", w.join(" "))).collect();
        let blocks: Vec<&str> = texts.iter().map(String::as_str).collect();
        let words = &paragraphs[pick.0 % paragraphs.len()];
        let (a, b) = (pick.1 % words.len(), pick.2 % words.len());
        let mut quote = words[a.min(b)..=a.max(b)].join(" ");
        // Sometimes cut the first letter off, so the quote starts inside a word.
        let cuts = cut == 0 && quote.chars().count() > 1 && quote.chars().nth(1).is_some_and(is_word);
        if cuts {
            quote = quote.chars().skip(1).collect();
        }
        match anchor(&blocks, &[note(&quote)]) {
            Ok(anchored) => {
                let passage = &anchored.passages[0];
                let block = blocks[passage.block];
                let text = &block[passage.range.clone()];
                prop_assert_eq!(Folded::new(text).text.to_string(), Folded::new(&quote).text.to_string());
                let before = block[..passage.range.start].chars().next_back();
                let after = block[passage.range.end..].chars().next();
                prop_assert!(!before.is_some_and(is_word) && !after.is_some_and(is_word), "{:?} in {:?}", quote, block);
            }
            Err(errors) => {
                for e in errors {
                    if let NoteErrorKind::CutsWord { passage } = &e.kind {
                        prop_assert!(Folded::new(passage).text.contains(Folded::new(&quote).text.as_ref()));
                    }
                }
            }
        }
    }

    /// Notes are numbered 1..n in the order of their passages, whatever order they were
    /// written in, and every note is numbered once.
    #[test]
    fn notes_number_in_article_order(
        words in prop::collection::vec("[a-z]{3,8}", 4..30),
        picks in prop::collection::vec(0usize..30, 1..6),
    ) {
        let text = words.join(" ");
        let blocks = [text.as_str()];
        let notes: Vec<NoteSpec> = picks.iter().map(|&p| note(&words[p % words.len()])).collect();
        if let Ok(anchored) = anchor(&blocks, &notes) {
            let numbers: Vec<usize> = anchored.passages.iter().map(|p| p.note).collect();
            prop_assert_eq!(numbers, (1..=notes.len()).collect::<Vec<_>>());
            let starts: Vec<usize> = anchored.passages.iter().map(|p| p.range.start).collect();
            prop_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
            let mut order = anchored.order.clone();
            order.sort_unstable();
            prop_assert_eq!(order, (0..notes.len()).collect::<Vec<_>>());
        }
    }
}

/// Words of several scripts, each in NFC; the tests also write them decomposed (NFD).
const SCRIPT_WORDS: [&str; 10] = [
    "José",
    "Pérez",
    "Ñandú",
    "Zoë",
    "\u{0642}\u{0627}\u{0633}\u{0645}",
    "\u{0633}\u{0644}\u{064A}\u{0645}\u{0627}\u{0646}\u{064A}",
    "Москва",
    "Ελλάδα",
    "東京",
    "한국",
];
/// Default-ignorable characters (and tatweel) that matching skips.
const IGNORABLES: [char; 10] = [
    '\u{200F}', '\u{200E}', '\u{061C}', '\u{200D}', '\u{200C}', '\u{0640}', '\u{00AD}', '\u{FE0F}',
    '\u{034F}', '\u{2060}',
];

/// `words` joined by spaces, each in NFC or NFD as `forms` says, with ignorables inserted
/// at the given character positions.
fn written(words: &[usize], forms: &[bool], ignorables: &[(usize, usize)]) -> String {
    use unicode_normalization::UnicodeNormalization;
    let text: Vec<String> = words
        .iter()
        .zip(forms.iter().cycle())
        .map(|(&w, &nfd)| match nfd {
            true => SCRIPT_WORDS[w].nfd().collect(),
            false => SCRIPT_WORDS[w].to_string(),
        })
        .collect();
    let mut chars: Vec<char> = text.join(" ").chars().collect();
    for &(at, which) in ignorables {
        let at = at % (chars.len() + 1);
        chars.insert(at, IGNORABLES[which % IGNORABLES.len()]);
    }
    chars.into_iter().collect()
}

/// The text as it is compared: NFC, ignorables left out.
fn visible(text: &str) -> String {
    use crate::markup::unicode::{is_ignorable, nfc};
    let kept: String = text.chars().filter(|&c| !is_ignorable(c)).collect();
    nfc(&kept).trim().to_string()
}

proptest! {
    #![proptest_config(cases(256))]

    /// A name of mixed scripts matches the article however either side is normalized (NFC
    /// or NFD) and whatever ignorable characters either contains, and the mention covers
    /// the name as written in the article.
    #[test]
    fn names_match_across_normal_forms_and_ignorables(
        words in prop::collection::vec(0usize..SCRIPT_WORDS.len(), 1..4),
        name_forms in prop::collection::vec(any::<bool>(), 1..4),
        text_forms in prop::collection::vec(any::<bool>(), 1..4),
        in_name in prop::collection::vec((0usize..40, 0usize..10), 0..3),
        in_text in prop::collection::vec((0usize..40, 0usize..10), 0..4),
    ) {
        let name = written(&words, &name_forms, &in_name);
        let shown_name = written(&words, &text_forms, &in_text);
        let text = format!("x {shown_name} y.");
        let matcher = matcher_of(std::slice::from_ref(&name));
        let mut state = MentionState::new(&matcher, LinkMode::All);
        let spans = state.scan(&text);
        prop_assert_eq!(spans.len(), 1, "{:?} in {:?}", name, text);
        let shown = &text[spans[0].range.clone()];
        prop_assert_eq!(visible(shown), visible(&shown_name));
    }
}

/// Long runs of letters in several scripts (hex, Latin, CJK, Arabic), as pasted hashes,
/// blobs and unspaced text.
const LONG_RUN: &str =
    "[0-9a-f]{1,2000}|[a-z]{1,2000}|[\u{4e00}-\u{4e40}]{1,2000}|[\u{0627}-\u{063a}]{1,2000}";

proptest! {
    #![proptest_config(cases(32))]

    /// A name between long tokens of any script is found once, as a whole word; glued to
    /// them it is part of a longer word and never found; the sentence around it stays
    /// under the cap however long the text.
    #[test]
    fn names_among_long_tokens_of_mixed_scripts(before in LONG_RUN, after in LONG_RUN) {
        let matcher = matcher_of(&["Port Authority".to_string()]);
        let spaced = format!("{before} Port Authority {after}");
        prop_assert_eq!(entities_in(&matcher, &spaced), vec![0]);
        let glued = format!("{before}Port Authority{after}");
        prop_assert!(entities_in(&matcher, &glued).is_empty());
        for range in crate::annotate::sentence::sentences(&spaced) {
            prop_assert!(range.len() <= crate::limits::MAX_SENTENCE_BYTES);
        }
    }
}
