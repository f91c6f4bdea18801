//! Anchoring notes: finding each note's quote in the article.
//!
//! An editor quotes the article by copying or retyping it, so the match forgives what
//! retyping changes (whitespace, quote and apostrophe styles, dashes) and nothing else. A
//! quote must match exactly once; when it does not, the error names the closest passage so
//! the editor can see what to fix.

use std::cell::OnceCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::fmt;
use std::ops::Range;

use crate::annotate::fold::{Folded, fold_str};
use crate::annotate::locate::{Joined, Places, places};
use crate::annotate::words::word_char;

/// A note to anchor in the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSpec {
    /// The quoted passage, as written in the notes section.
    pub quote: String,
    /// The note body, already rendered to HTML by the caller (it owns markdown rendering).
    pub html: String,
    /// 1-based line of the quote in index.md, for errors.
    pub line: usize,
    /// 1-based column (in characters) where the quote's text starts on that line.
    pub column: usize,
}

/// Why a note could not be anchored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteError {
    /// 1-based line of the quote in index.md.
    pub line: usize,
    /// 1-based column of the quote's text on that line.
    pub column: usize,
    /// What went wrong.
    pub kind: NoteErrorKind,
}

/// The ways a quote can fail to pick out one passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteErrorKind {
    /// The quote is not in the article; `closest` is the most similar passage of the
    /// article (original text), empty when the article has no text.
    NotFound {
        /// Shown in the help line so the editor can copy the article's own wording.
        closest: String,
    },
    /// The quote occurs `count` times; it must be lengthened until it is unique.
    Ambiguous {
        /// How many places match, so the editor knows the quote is not unique yet.
        count: usize,
    },
    /// The quote is found only where it starts or ends inside a word ("rone attacks"
    /// in "drone attacks"); `passage` is that place widened to whole words.
    CutsWord {
        /// The whole-word passage to quote instead.
        passage: String,
    },
    /// The quote runs from the end of paragraph `first` (from 1) into the next one.
    AcrossParagraphs {
        /// The paragraph the quote starts in, to say where to cut it.
        first: usize,
    },
}

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: ", self.line, self.column)?;
        match &self.kind {
            NoteErrorKind::NotFound { closest } if closest.is_empty() => {
                write!(f, "the quoted passage is not in the article")
            }
            NoteErrorKind::NotFound { closest } => write!(
                f,
                "the quoted passage is not in the article; closest: \u{201C}{closest}\u{201D}"
            ),
            NoteErrorKind::Ambiguous { count } => write!(
                f,
                "the quoted passage occurs {count} times in the article; quote more of it"
            ),
            NoteErrorKind::CutsWord { passage } => write!(
                f,
                "the quote starts or ends inside a word; the whole words are \u{201C}{passage}\u{201D}"
            ),
            NoteErrorKind::AcrossParagraphs { first } => write!(
                f,
                "the quote runs across paragraphs {first} and {}; a note quotes one paragraph; split it",
                first + 1
            ),
        }
    }
}

impl std::error::Error for NoteError {}

/// Where a note's passage is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Passage {
    /// The note's number, from 1, in the order the passages appear in the article.
    pub(crate) note: usize,
    /// Index of the text block (paragraph) holding it.
    pub(crate) block: usize,
    /// Byte range in that block's text.
    pub(crate) range: Range<usize>,
}

/// The anchored notes: passages in article order, numbered from 1, and for each number
/// the index of its note in the order written (`order[number - 1]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Anchored {
    /// Every passage, sorted by place in the article.
    pub(crate) passages: Vec<Passage>,
    /// Index into the notes as written, by note number minus one.
    pub(crate) order: Vec<usize>,
}

impl Anchored {
    /// The notes in number order, for writing asides.
    pub(crate) fn numbered(&self, notes: &[NoteSpec]) -> Vec<NoteSpec> {
        self.order
            .iter()
            .filter_map(|&i| notes.get(i).cloned())
            .collect()
    }
}

/// How many missing quotes of one brief get the closest passage in their error (the
/// rest are reported without one, so that a brief of thousands of notes over a long
/// article is not read once per note).
const CLOSEST_LOOKS: usize = 20;

/// How many candidate windows, ranked by shared words, get an exact edit distance.
const CLOSEST_SHORTLIST: usize = 24;

/// Finds every note's passage in `blocks` (the text of each paragraph) and numbers the
/// notes in the order their passages appear, so readers meet note 1 first whatever order
/// the editor wrote them in. A quote must match whole words at both ends and lie in one
/// block; all failures are reported together.
pub(crate) fn anchor(blocks: &[&str], notes: &[NoteSpec]) -> Result<Anchored, Vec<NoteError>> {
    let folded: Vec<Folded<'_>> = blocks.iter().map(|b| Folded::new(b)).collect();
    let quotes: Vec<String> = notes.iter().map(|note| fold_str(&note.quote)).collect();
    let found_at = places(&folded, &Joined::new(&folded), &quotes);
    let words_of = OnceCell::new();
    let mut found: Vec<(usize, Range<usize>, usize)> = Vec::with_capacity(notes.len());
    let mut errors = Vec::new();
    for (index, note) in notes.iter().enumerate() {
        let (quote, at) = (&quotes[index], &found_at[index]);
        // Past the first few missing quotes, the closest passage is not looked for: each
        // look reads the whole article, and an editor fixes a few at a time.
        let look = errors.len() < CLOSEST_LOOKS;
        let look = look.then_some(&words_of);
        match find(blocks, &folded, at, quote, look) {
            Ok((block, range)) => found.push((block, range, index)),
            Err(kind) => errors.push(NoteError {
                line: note.line,
                column: note.column,
                kind,
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    found.sort_by_key(|(block, range, index)| (*block, range.start, range.end, *index));
    let mut anchored = Anchored::default();
    for (number, (block, range, index)) in found.into_iter().enumerate() {
        anchored.passages.push(Passage {
            note: number + 1,
            block,
            range,
        });
        anchored.order.push(index);
    }
    Ok(anchored)
}

/// The one whole-word place of `quote` (folded) in the blocks, as a block and an original
/// byte range, or why there is none; `at` is where the quote occurs.
fn find(
    blocks: &[&str],
    folded: &[Folded<'_>],
    at: &Places,
    quote: &str,
    look: Option<&OnceCell<Vec<Vec<Word>>>>,
) -> Result<(usize, Range<usize>), NoteErrorKind> {
    if quote.is_empty() {
        return Err(NoteErrorKind::NotFound {
            closest: String::new(),
        });
    }
    match (at.whole, &at.first_whole, at.first_cut.clone()) {
        (1, Some((block, range)), _) => Ok((*block, folded[*block].original_range(range.clone()))),
        (0, _, Some((block, range))) => {
            let widened = widen(&folded[block].text, range);
            let original = folded[block].original_range(widened);
            Err(NoteErrorKind::CutsWord {
                passage: blocks[block].get(original).unwrap_or_default().to_string(),
            })
        }
        (0, _, None) => Err(match look {
            None => NoteErrorKind::NotFound {
                closest: String::new(),
            },
            Some(words_of) => across(folded, quote).unwrap_or_else(|| {
                let words_of =
                    words_of.get_or_init(|| folded.iter().map(|f| words(&f.text)).collect());
                NoteErrorKind::NotFound {
                    closest: closest(blocks, folded, words_of, quote),
                }
            }),
        }),
        (count, _, _) => Err(NoteErrorKind::Ambiguous { count }),
    }
}

/// Widens a byte range of `text` to the whole words it cuts: out over word characters
/// and apostrophes between them, never over spaces or punctuation.
fn widen(text: &str, range: Range<usize>) -> Range<usize> {
    let joins = |before: Option<char>, c: char, after: Option<char>| {
        word_char(c) || (c == '\'' && before.is_some_and(word_char) && after.is_some_and(word_char))
    };
    let mut start = range.start;
    let mut back = text[..start].chars().rev().peekable();
    let mut after = text[start..].chars().next();
    while let Some(c) = back.next() {
        if !joins(back.peek().copied(), c, after) {
            break;
        }
        start -= c.len_utf8();
        after = Some(c);
    }
    let mut end = range.end;
    let mut ahead = text[end..].chars().peekable();
    let mut before = text[..end].chars().next_back();
    while let Some(c) = ahead.next() {
        if !joins(before, c, ahead.peek().copied()) {
            break;
        }
        end += c.len_utf8();
        before = Some(c);
    }
    start..end
}

/// When the quote is found in two neighbouring blocks read as one, crossing from the
/// first into the second: the first's number (from 1).
fn across(folded: &[Folded<'_>], quote: &str) -> Option<NoteErrorKind> {
    folded.windows(2).enumerate().find_map(|(index, pair)| {
        let (a, b) = (pair[0].text.trim_end(), pair[1].text.trim_start());
        let joined = format!("{a} {b}");
        joined
            .match_indices(quote)
            .any(|(at, _)| at < a.len() && at + quote.len() > a.len() + 1)
            .then_some(NoteErrorKind::AcrossParagraphs { first: index + 1 })
    })
}

/// A word of folded block text: its byte range and its comparison key.
struct Word {
    range: Range<usize>,
    key: String,
}

/// The passage of the article most like `quote` (folded), in original text: word-aligned
/// windows about as long as the quote are shortlisted by shared words, then ranked by
/// edit distance. Fast enough for long articles because only the shortlist is compared.
/// `words_of` holds the words of each block (split once per article).
fn closest(blocks: &[&str], folded: &[Folded<'_>], words_of: &[Vec<Word>], quote: &str) -> String {
    let quote_keys: HashSet<String> = quote.split(' ').map(word_key).collect();
    let quote_words = quote.split(' ').filter(|w| !w.is_empty()).count().max(1);

    // The best windows so far, worst on top: (fewer shared words, block, first word, word
    // count), so that a smaller key is a better window. Kept to the shortlist's size, so a
    // megabyte paragraph costs one pass and no vector of every window.
    let mut best: BinaryHeap<(Reverse<usize>, usize, usize, usize)> = BinaryHeap::new();
    for (block, words) in words_of.iter().enumerate() {
        let in_quote: Vec<usize> = words
            .iter()
            .map(|w| usize::from(quote_keys.contains(&w.key)))
            .collect();
        let mut last_size = 0;
        for size in quote_words.saturating_sub(1).max(1)..=quote_words + 1 {
            let size = size.min(words.len());
            if size == 0 || size == last_size {
                continue;
            }
            last_size = size;
            let mut shared: usize = in_quote[..size].iter().sum();
            for first in 0..=words.len() - size {
                if first > 0 {
                    shared -= in_quote[first - 1];
                    shared += in_quote[first + size - 1];
                }
                let window = (Reverse(shared), block, first, size);
                if best.len() < CLOSEST_SHORTLIST {
                    best.push(window);
                } else if best.peek().is_some_and(|worst| window < *worst) {
                    best.pop();
                    best.push(window);
                }
            }
        }
    }
    let shortlist: Vec<(usize, usize, usize, usize)> = best
        .into_sorted_vec()
        .into_iter()
        .map(|(Reverse(shared), block, first, size)| (shared, block, first, size))
        .collect();

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
            let range = trim_like(&folded[block].text, range, quote);
            let original = folded[block].original_range(range);
            blocks[block].get(original).unwrap_or_default().to_string()
        }
        None => String::new(),
    }
}

/// Trims punctuation off the ends of a word window of `text` where the quote has a
/// word character, so "members." is shown as "members" for a quote ending in a word.
fn trim_like(text: &str, range: Range<usize>, quote: &str) -> Range<usize> {
    let window = &text[range.clone()];
    let lead = if quote.chars().next().is_some_and(word_char) {
        window.len() - window.trim_start_matches(|c: char| !word_char(c)).len()
    } else {
        0
    };
    let tail = if quote.chars().next_back().is_some_and(word_char) {
        window.len() - window.trim_end_matches(|c: char| !word_char(c)).len()
    } else {
        0
    };
    if lead + tail >= window.len() {
        return range;
    }
    range.start + lead..range.end - tail
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
#[path = "notes_tests.rs"]
mod tests;
