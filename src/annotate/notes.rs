//! Anchoring notes: finding each note's quote in the article.
//!
//! An editor quotes the article by copying or retyping it, so the match forgives what
//! retyping changes (whitespace, quote and apostrophe styles, dashes) and nothing else. A
//! quote must match exactly once; when it does not, the error names the closest passage so
//! the editor can see what to fix.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use crate::annotate::fold::{Folded, fold_str};

/// A note to anchor in the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSpec {
    /// The quoted passage, as written in the notes section.
    pub quote: String,
    /// The note body, already rendered to HTML by the caller (it owns markdown rendering).
    pub html: String,
    /// 1-based line of the quote in index.md, for errors.
    pub line: usize,
}

/// Why a note could not be anchored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteError {
    /// 1-based line of the quote in index.md.
    pub line: usize,
    /// What went wrong.
    pub kind: NoteErrorKind,
}

/// The ways a quote can fail to pick out one passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteErrorKind {
    /// The quote is not in the article; `closest` is the most similar passage of the
    /// article (original text), empty when the article has no text.
    NotFound { closest: String },
    /// The quote occurs `count` times; it must be lengthened until it is unique.
    Ambiguous { count: usize },
}

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            NoteErrorKind::NotFound { closest } if closest.is_empty() => {
                write!(
                    f,
                    "line {}: the quoted passage is not in the article",
                    self.line
                )
            }
            NoteErrorKind::NotFound { closest } => write!(
                f,
                "line {}: the quoted passage is not in the article; closest: \u{201C}{closest}\u{201D}",
                self.line
            ),
            NoteErrorKind::Ambiguous { count } => write!(
                f,
                "line {}: the quoted passage occurs {count} times in the article; quote more of it",
                self.line
            ),
        }
    }
}

impl std::error::Error for NoteError {}

/// Where a note's passage is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Passage {
    /// The note's number, from 1, in note order.
    pub(crate) note: usize,
    /// Index of the text block (paragraph) holding it.
    pub(crate) block: usize,
    /// Byte range in that block's text.
    pub(crate) range: Range<usize>,
}

/// How many candidate windows, ranked by shared words, get an exact edit distance.
const CLOSEST_SHORTLIST: usize = 24;

/// Finds every note's passage in `blocks` (the text of each paragraph). Passages are
/// returned in note order; all failures are reported together.
pub(crate) fn anchor(blocks: &[&str], notes: &[NoteSpec]) -> Result<Vec<Passage>, Vec<NoteError>> {
    let folded: Vec<Folded<'_>> = blocks.iter().map(|b| Folded::new(b)).collect();
    let mut passages = Vec::with_capacity(notes.len());
    let mut errors = Vec::new();
    for (index, note) in notes.iter().enumerate() {
        let quote = fold_str(&note.quote);
        let (quote, len) = (quote.as_str(), quote.len());
        let mut hits = folded.iter().enumerate().flat_map(|(block, f)| {
            f.text
                .match_indices(quote)
                .map(move |(at, _)| (block, at..at + len))
        });
        let first = if quote.is_empty() { None } else { hits.next() };
        let kind = match first {
            None => NoteErrorKind::NotFound {
                closest: closest(blocks, &folded, quote),
            },
            Some((block, range)) => match hits.count() {
                0 => {
                    let range = folded[block].original_range(range);
                    passages.push(Passage {
                        note: index + 1,
                        block,
                        range,
                    });
                    continue;
                }
                more => NoteErrorKind::Ambiguous { count: more + 1 },
            },
        };
        errors.push(NoteError {
            line: note.line,
            kind,
        });
    }
    if errors.is_empty() {
        Ok(passages)
    } else {
        Err(errors)
    }
}

/// A word of folded block text: its byte range and its comparison key.
struct Word {
    range: Range<usize>,
    key: String,
}

/// The passage of the article most like `quote` (folded), in original text: word-aligned
/// windows about as long as the quote are shortlisted by shared words, then ranked by
/// edit distance. Fast enough for long articles because only the shortlist is compared.
fn closest(blocks: &[&str], folded: &[Folded<'_>], quote: &str) -> String {
    let quote_keys: HashSet<String> = quote.split(' ').map(word_key).collect();
    let quote_words = quote.split(' ').filter(|w| !w.is_empty()).count().max(1);

    // (shared words, block, first word, word count)
    let mut shortlist: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut words_of = Vec::with_capacity(folded.len());
    for (block, f) in folded.iter().enumerate() {
        let words = words(&f.text);
        for size in quote_words.saturating_sub(1).max(1)..=quote_words + 1 {
            let size = size.min(words.len());
            if size == 0 {
                continue;
            }
            let mut shared: usize = words[..size]
                .iter()
                .filter(|w| quote_keys.contains(&w.key))
                .count();
            for first in 0..=words.len() - size {
                if first > 0 {
                    shared -= usize::from(quote_keys.contains(&words[first - 1].key));
                    shared += usize::from(quote_keys.contains(&words[first + size - 1].key));
                }
                shortlist.push((shared, block, first, size));
            }
        }
        words_of.push(words);
    }
    shortlist.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    shortlist.dedup();

    let quote_chars: Vec<char> = quote.chars().collect();
    let best = shortlist
        .iter()
        .take(CLOSEST_SHORTLIST)
        .filter_map(|&(_, block, first, size)| {
            let words = words_of.get(block)?;
            let range = words.get(first)?.range.start..words.get(first + size - 1)?.range.end;
            let window = folded.get(block)?.text.get(range.clone())?;
            let distance =
                strsim::generic_levenshtein(&quote_chars, &window.chars().collect::<Vec<_>>());
            Some((distance, block, range))
        })
        .min_by_key(|(distance, block, range)| (*distance, *block, range.start));
    match best {
        Some((_, block, range)) => {
            let original = folded[block].original_range(range);
            blocks[block].get(original).unwrap_or_default().to_string()
        }
        None => String::new(),
    }
}

/// The words of folded text (split at its single spaces).
fn words(text: &str) -> Vec<Word> {
    let mut found = Vec::new();
    let mut at = 0;
    for piece in text.split(' ') {
        if !piece.is_empty() {
            found.push(Word {
                range: at..at + piece.len(),
                key: word_key(piece),
            });
        }
        at += piece.len() + 1;
    }
    found
}

/// A word as compared for shortlisting: lower case, without punctuation.
fn word_key(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(quote: &str) -> NoteSpec {
        NoteSpec {
            quote: quote.to_string(),
            html: "<p>n</p>".to_string(),
            line: 7,
        }
    }

    const ARTICLE: [&str; 3] = [
        "At least 14 rockets were fired at Ain al-Asad Air Base on Wednesday.",
        "The \u{201C}Islamic Resistance\u{201D} claimed it \u{2014} again, officials\u{2019} said.",
        "Two U.S. troops were hurt. Two U.S. troops were hurt.",
    ];

    #[test]
    fn found_with_whitespace_and_typography_forgiven() {
        let passages = anchor(
            &ARTICLE,
            &[
                note("14 rockets\n   were fired"),
                note("\"Islamic Resistance\" claimed it -- again"),
                note("it - again, officials' said"),
            ],
        );
        let Err(errors) = &passages else {
            panic!("expected the doubled dash to fail");
        };
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 7);

        let passages = anchor(
            &ARTICLE,
            &[
                note("14 rockets\n   were fired"),
                note("\"Islamic Resistance\" claimed it - again, officials' said"),
            ],
        )
        .unwrap_or_default();
        assert_eq!(passages.len(), 2);
        assert_eq!(
            &ARTICLE[0][passages[0].range.clone()],
            "14 rockets were fired"
        );
        assert_eq!(passages[1].note, 2);
        assert_eq!(
            &ARTICLE[1][passages[1].range.clone()],
            "\u{201C}Islamic Resistance\u{201D} claimed it \u{2014} again, officials\u{2019} said"
        );
    }

    #[test]
    fn not_found_names_the_closest_passage() {
        let errors = anchor(
            &ARTICLE,
            &[note("at least 15 rockets were fired at Ain al-Assad")],
        )
        .err()
        .unwrap_or_default();
        assert_eq!(
            errors,
            vec![NoteError {
                line: 7,
                kind: NoteErrorKind::NotFound {
                    closest: "At least 14 rockets were fired at Ain al-Asad".to_string()
                }
            }]
        );
    }

    #[test]
    fn ambiguous_counts_occurrences() {
        let errors = anchor(&ARTICLE, &[note("U.S. troops were hurt")])
            .err()
            .unwrap_or_default();
        assert_eq!(errors[0].kind, NoteErrorKind::Ambiguous { count: 2 });
    }

    #[test]
    fn empty_quote_and_empty_article() {
        let errors = anchor(&[], &[note("anything"), note("  ")])
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 2);
        assert_eq!(
            errors[0].kind,
            NoteErrorKind::NotFound {
                closest: String::new()
            }
        );
    }

    #[test]
    fn closest_is_fast_on_long_articles() {
        let paragraph =
            "Militia fighters fired rockets at the base again on Tuesday night, officials said. ";
        let long = paragraph.repeat(130); // about 11 KB
        let blocks = [long.as_str()];
        let start = std::time::Instant::now();
        let errors = anchor(
            &blocks,
            &[note("militia fighters fired missiles at the base")],
        )
        .err()
        .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert!(start.elapsed().as_secs() < 2);
    }
}
