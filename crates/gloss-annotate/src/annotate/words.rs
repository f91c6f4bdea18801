//! Word edges, shared by anchoring notes (`notes`) and finding their quotes (`locate`): a
//! quote must start and end on whole words, in any script.

use std::ops::Range;

/// Is the character part of a word? Letters and digits of any script (an apostrophe
/// between two of them joins them, as in "Kata'ib": see `cuts_word`).
pub(crate) fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Does `text[range]` start or end inside a word? An edge of the quote that is a word
/// character, an apostrophe or a hyphen cuts when the text goes on with a word character
/// ("rone" in "drone", "Kata'" in "Kata'ib"); an apostrophe just outside joins too
/// ("ib" in "Kata'ib"), except for a possessive "'s" after the quote. An edge at other
/// punctuation ("said." before a space) never cuts.
pub(crate) fn cuts_word(text: &str, range: Range<usize>) -> bool {
    let inside = &text[range.clone()];
    let edge = |c: char| word_char(c) || c == '\'' || c == '-';
    let mut back = text[..range.start].chars().rev();
    let starts_in_word = inside.chars().next().is_some_and(edge)
        && match back.next() {
            Some(c) if word_char(c) => true,
            Some('\'') => back.next().is_some_and(word_char),
            _ => false,
        };
    let mut ahead = text[range.end..].chars();
    let ends_in_word = inside.chars().next_back().is_some_and(edge)
        && match ahead.next() {
            Some(c) if word_char(c) => true,
            // A possessive "'s" after a quote is fine; "'ib" continues the word.
            Some('\'') => match (ahead.next(), ahead.next()) {
                (Some('s'), next) => next.is_some_and(word_char),
                (Some(c), _) => word_char(c),
                (None, _) => false,
            },
            _ => false,
        };
    starts_in_word || ends_in_word
}
