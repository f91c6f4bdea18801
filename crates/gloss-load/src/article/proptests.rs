//! Properties of article ingestion over generated pastes.
//!
//! Short by default; `PROPTEST_CASES=20000 cargo test --lib article::proptests` runs them
//! long.

use proptest::prelude::*;

use super::{ArticleRules, ingest};
use crate::testing::cases;

/// A word with no sentence-ending punctuation.
const WORD: &str = "[a-z\u{e9}\u{2019}]{1,12}";

/// Wraps `words` greedily at `width` characters, as mail programs do.
fn wrap(words: &[String], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in words {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The built-in rules, compiled once (compiling them per case dominated the run time).
static RULES: std::sync::LazyLock<ArticleRules> = std::sync::LazyLock::new(ArticleRules::default);

fn texts(text: &str) -> Vec<String> {
    ingest(text, &RULES)
        .paragraphs
        .into_iter()
        .map(|p| p.text)
        .collect()
}

proptest! {
    #![proptest_config(cases(256))]

    /// A hard-wrapped e-mail (blank lines between paragraphs) comes back as its
    /// paragraphs, whatever the width and the line ends, once it has two wrapped lines
    /// (one is not evidence of wrapping: see `two_line_email_is_two_paragraphs`).
    #[test]
    fn hard_wrapped_paragraphs_come_back(
        paragraphs in prop::collection::vec(prop::collection::vec(WORD, 25..80), 1..5),
        width in 40usize..100,
        ending in 0usize..3,
    ) {
        let ending = ["\n", "\r\n", "\r"][ending];
        let mut expected = Vec::new();
        let mut blocks = Vec::new();
        for words in &paragraphs {
            let mut words = words.clone();
            if let Some(last) = words.last_mut() {
                last.push('.');
            }
            expected.push(words.join(" "));
            blocks.push(wrap(&words, width).join(ending));
        }
        let text = blocks.join(&format!("{ending}{ending}"));
        let wrapped: usize = paragraphs.iter().map(|w| wrap(w, width).len() - 1).sum();
        prop_assume!(wrapped >= 2);
        prop_assert_eq!(texts(&text), expected, "{}", text);
    }

    /// One paragraph a line, with or without blank lines between, keeps every line as a
    /// paragraph, whatever the line ends.
    #[test]
    fn one_paragraph_a_line(
        lines in prop::collection::vec(prop::collection::vec(WORD, 1..60), 1..12),
        blanks in prop::collection::vec(0usize..3, 12),
        ending in 0usize..3,
    ) {
        let ending = ["\n", "\r\n", "\r"][ending];
        let expected: Vec<String> = lines.iter().map(|w| format!("{}.", w.join(" "))).collect();
        let mut text = String::new();
        for (line, blank) in expected.iter().zip(&blanks) {
            text.push_str(line);
            text.push_str(&ending.repeat(1 + blank));
        }
        prop_assert_eq!(texts(&text), expected, "{:?}", text);
    }

    /// Nothing is lost silently: every word of the file is in a paragraph or a credit, or
    /// its line is recorded as removed; and paragraphs keep the file's order.
    #[test]
    fn words_are_kept_or_accounted_for(
        text in "([a-z .,\u{201C}\u{201D}]{0,30}(\n|\r\n|\r| \n\n)){0,12}",
    ) {
        let ingested = ingest(&text, &RULES);
        let kept: Vec<&str> = ingested
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .chain(ingested.credits.iter().map(String::as_str))
            .flat_map(str::split_whitespace)
            .collect();
        let all: Vec<&str> = text.split_whitespace().collect();
        if ingested.removed.is_empty() {
            prop_assert_eq!(kept, all);
        } else {
            prop_assert!(kept.len() < all.len());
        }
        let lines: Vec<usize> = ingested.paragraphs.iter().map(|p| p.line).collect();
        prop_assert!(lines.windows(2).all(|w| w[0] < w[1]));
    }
}
