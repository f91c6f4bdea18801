//! A small sentence splitter for backlink excerpts.
//!
//! Entity pages quote the sentence a mention sits in. News prose is regular enough that a
//! rule of thumb works: a sentence ends at `.`, `!` or `?` (plus closing quotes or
//! brackets) before whitespace, except after a known abbreviation or an initial, or when
//! the next word starts in lower case.

use std::ops::Range;

pub(crate) use crate::limits::MAX_SENTENCE_BYTES;

/// Abbreviations common in news copy that end in a period but rarely end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "U.S.", "U.K.", "U.N.", "E.U.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Sen.", "Rep.", "Gov.",
    "Pres.", "Prof.", "Rev.", "Jr.", "Sr.", "Col.", "Gen.", "Lt.", "Sgt.", "Maj.", "Capt.",
    "Cmdr.", "Adm.", "Pvt.", "Cpl.", "Brig.", "Lt.-Col.", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.",
    "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "No.", "Nos.", "vs.", "Mt.", "Ft.", "approx.", "e.g.",
    "i.e.",
];

/// Characters that end a sentence.
const END_MARKS: [char; 4] = ['.', '!', '?', '\u{2026}'];

/// Characters that may follow the end mark and still belong to the sentence.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{203A}'
    )
}

/// Byte ranges of the sentences of `text`, in order, trimmed of surrounding whitespace.
/// Together they cover every non-whitespace character. A "sentence" longer than
/// [`MAX_SENTENCE_BYTES`] (text without full stops) is cut into pieces at spaces, so
/// that what an entity page quotes, and what each mention keeps, stays bounded.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut capped = Vec::new();
    for range in marked(text) {
        cap(text, range, &mut capped);
    }
    capped
}

/// Cuts `range` of `text` into pieces of at most [`MAX_SENTENCE_BYTES`], each ending
/// before a whitespace where there is one in the second half of the piece (else at a
/// character boundary: a run of CJK text or a hash), trimmed.
fn cap(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = range.start;
    while range.end - start > MAX_SENTENCE_BYTES {
        let mut end = start + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let cut = text[start..end]
            .rfind(char::is_whitespace)
            .map(|at| start + at)
            .filter(|&at| at > start + MAX_SENTENCE_BYTES / 2)
            .unwrap_or(end);
        push_trimmed(out, text, start..cut);
        start = cut;
    }
    push_trimmed(out, text, start..range.end);
}

/// The sentences of `text` by their end marks alone, however long.
fn marked(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(offset) = text.get(search..).and_then(|t| t.find(END_MARKS)) {
        let at = search + offset;
        let mut end = at + text[at..].chars().next().map_or(1, char::len_utf8);
        for next in text[end..].chars() {
            if is_closing(next) || END_MARKS.contains(&next) {
                end += next.len_utf8();
            } else {
                break;
            }
        }
        search = end;
        let rest = &text[end..];
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        if text[at..].starts_with('.') && !ends_sentence(&text[start..at + 1], rest) {
            continue;
        }
        push_trimmed(&mut found, text, start..end);
        start = end;
    }
    push_trimmed(&mut found, text, start..text.len());
    found
}

/// The sentence range, among `sentences`, that holds `range` (extended over several
/// sentences when the range crosses a boundary).
pub(crate) fn around(sentences: &[Range<usize>], range: &Range<usize>) -> Range<usize> {
    // Sentences are sorted and disjoint: binary search both ends.
    let first = sentences
        .partition_point(|s| s.start <= range.start)
        .saturating_sub(1);
    let last = sentences
        .partition_point(|s| s.end < range.end)
        .min(sentences.len().saturating_sub(1))
        .max(first);
    match (sentences.get(first), sentences.get(last)) {
        (Some(a), Some(b)) => a.start.min(range.start)..b.end.max(range.end),
        _ => range.clone(),
    }
}

/// Whether a period at the end of `so_far` (the sentence up to and including it) ends the
/// sentence, given the `rest` of the text after it.
fn ends_sentence(so_far: &str, rest: &str) -> bool {
    let word = so_far
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or(so_far)
        .trim_start_matches(['(', '"', '\'', '\u{201C}', '\u{2018}']);
    if ABBREVIATIONS.contains(&word) || is_initials(word) {
        return false;
    }
    let next = rest.trim_start().chars().next();
    !next.is_some_and(char::is_lowercase)
}

/// "J." or "F.B.I.": capital letters each followed by a period.
fn is_initials(word: &str) -> bool {
    let mut chars = word.chars();
    let mut any = false;
    loop {
        match (chars.next(), chars.next()) {
            (None, _) => return any,
            (Some(c), Some('.')) if c.is_uppercase() => any = true,
            _ => return false,
        }
    }
}

/// Pushes `range` trimmed of whitespace, unless nothing is left.
fn push_trimmed(found: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead < piece.len() {
        found.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_end_marks() {
        assert_eq!(
            split("One rocket hit. Two missed! Why?  Nobody knows"),
            vec!["One rocket hit.", "Two missed!", "Why?", "Nobody knows"]
        );
    }

    #[test]
    fn keeps_closing_quotes() {
        assert_eq!(
            split("He said, \u{201C}We will respond.\u{201D} Then he left."),
            vec!["He said, \u{201C}We will respond.\u{201D}", "Then he left."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            split(
                "U.S. troops and Col. Wayne Marotto said on Jan. 5 that John F. Kennedy St. was hit. Next."
            ),
            vec![
                "U.S. troops and Col. Wayne Marotto said on Jan. 5 that John F. Kennedy St. was hit.",
                "Next."
            ]
        );
    }

    #[test]
    fn lower_case_next_word_does_not_split() {
        assert_eq!(
            split("about 3 p.m. local time."),
            vec!["about 3 p.m. local time."]
        );
    }

    #[test]
    fn around_finds_the_sentence() {
        let text = "First one. Second has Iraq in it. Third.";
        let s = sentences(text);
        let at = text.find("Iraq").unwrap_or(0);
        let r = around(&s, &(at..at + 4));
        assert_eq!(&text[r], "Second has Iraq in it.");
    }

    #[test]
    fn long_text_without_full_stops_is_cut_at_spaces() {
        let words = "the port authority said ".repeat(500);
        let cjk = "\u{4e2d}".repeat(2000);
        for text in [words.as_str(), cjk.as_str()] {
            let pieces = sentences(text);
            assert!(pieces.len() > 5, "{}", pieces.len());
            for piece in &pieces {
                assert!(piece.len() <= MAX_SENTENCE_BYTES);
                assert!(!text[piece.clone()].starts_with(' '));
            }
            let joined: String = pieces.iter().map(|r| &text[r.clone()]).collect();
            let kept: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            assert_eq!(joined.replace(' ', ""), kept, "every character kept");
        }
        // Pieces end at word ends.
        for piece in sentences(&words) {
            assert!(words[piece.end..].is_empty() || words[piece.end..].starts_with(' '));
        }
    }

    #[test]
    fn empty_text_has_no_sentences() {
        assert!(sentences("   ").is_empty());
        assert_eq!(around(&[], &(0..0)), 0..0);
    }
}
