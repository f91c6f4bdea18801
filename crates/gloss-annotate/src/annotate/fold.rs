//! Folding text for matching, with a map back to the original bytes.
//!
//! Articles are pasted from news sites with curly quotes, typographic dashes and
//! non-breaking spaces, while aliases and note quotes are typed by hand. Matching runs on
//! a folded copy where all of those look alike; the page always shows the original text,
//! so every folded byte offset maps back to an original one.
//!
//! Both sides are compared in Unicode NFC (`Jose\u{301}` is `José`), and default-ignorable
//! characters (bidi marks, zero-width joiners, soft hyphens, variation selectors) and
//! tatweel are skipped, so "Kata\u{200D}ib" still matches "Kataib".

use std::borrow::Cow;
use std::ops::Range;

use crate::markup::unicode::{combines_backwards, is_ignorable, is_nfc, nfc};

/// A folded copy of a text plus the way back to the original.
#[derive(Debug)]
pub(crate) struct Folded<'t> {
    /// The folded text: apostrophes, quotes and dashes unified, whitespace runs collapsed.
    pub(crate) text: Cow<'t, str>,
    /// Anchors `(folded, original)`: from each anchor on, folded and original offsets
    /// advance together until the next anchor. Empty when folding changed no offset.
    /// Sparse because most characters fold to themselves, so long texts stay cheap.
    anchors: Vec<(usize, usize)>,
    /// Length of the original text.
    original_len: usize,
}

impl<'t> Folded<'t> {
    /// Folds `original`: the common all-ASCII, single-spaced case costs one scan and no copy.
    pub(crate) fn new(original: &'t str) -> Folded<'t> {
        if !needs_folding(original) {
            return Folded {
                text: Cow::Borrowed(original),
                anchors: Vec::new(),
                original_len: original.len(),
            };
        }
        let mut out = Out {
            text: String::with_capacity(original.len()),
            anchors: Vec::new(),
            anchor: (0, 0),
            in_space: false,
        };
        // Text already in NFC (nearly all) skips looking for characters to compose.
        let composed = is_nfc(original);
        let mut rest = original;
        while !rest.is_empty() {
            // Copy the run of plain ASCII characters, which fold to themselves, at once.
            let plain = plain_run(rest.as_bytes(), out.in_space);
            if plain > 0 {
                let at = original.len() - rest.len();
                out.push_str(&rest[..plain], at);
                rest = &rest[plain..];
                continue;
            }
            let at = original.len() - rest.len();
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let cluster = if composed { first } else { cluster_len(rest) };
            let (head, tail) = rest.split_at(cluster);
            rest = tail;
            if composed {
                head.chars().for_each(|c| out.push(c, at));
            } else {
                // A character with the marks it composes with: every character of its NFC
                // form maps back to where it starts, so no folded offset falls inside it.
                let visible: String = head.chars().filter(|&c| !is_ignorable(c)).collect();
                nfc(&visible).chars().for_each(|c| out.push(c, at));
            }
        }
        let Out {
            text,
            mut anchors,
            mut anchor,
            ..
        } = out;
        note_anchor(&mut anchors, &mut anchor, text.len(), original.len());
        Folded {
            text: Cow::Owned(text),
            anchors,
            original_len: original.len(),
        }
    }

    /// The original byte offset of folded byte offset `at` (a char boundary of the folded
    /// text, or its end).
    pub(crate) fn original(&self, at: usize) -> usize {
        let index = self.anchors.partition_point(|&(folded, _)| folded <= at);
        let (folded, original) = match index.checked_sub(1) {
            Some(i) => self.anchors[i],
            None => (0, 0),
        };
        (original + (at - folded)).min(self.original_len)
    }

    /// The original byte range of a folded byte range.
    pub(crate) fn original_range(&self, range: Range<usize>) -> Range<usize> {
        self.original(range.start)..self.original(range.end)
    }
}

/// The folded text being written, with its anchors.
struct Out {
    text: String,
    anchors: Vec<(usize, usize)>,
    anchor: (usize, usize),
    in_space: bool,
}

impl Out {
    /// Writes a run of plain ASCII found at original offset `at`.
    fn push_str(&mut self, plain: &str, at: usize) {
        note_anchor(&mut self.anchors, &mut self.anchor, self.text.len(), at);
        self.text.push_str(plain);
        self.in_space = false;
    }

    /// Writes the folded form of `c`, from original offset `at`: nothing for an ignorable
    /// character, one space for a run of whitespace.
    fn push(&mut self, c: char, at: usize) {
        if is_ignorable(c) {
            return;
        }
        let folded = fold_char(c);
        if folded == ' ' {
            if self.in_space {
                return;
            }
            self.in_space = true;
        } else {
            self.in_space = false;
        }
        note_anchor(&mut self.anchors, &mut self.anchor, self.text.len(), at);
        self.text.push(folded);
    }
}

/// The byte length of the first character of `rest` with the marks that compose with it
/// (and the ignorable characters among them, which NFC would let block the composition).
fn cluster_len(rest: &str) -> usize {
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    chars
        .find(|&(_, c)| !combines_backwards(c) && !is_ignorable(c))
        .map_or(rest.len(), |(i, _)| i)
        .max(first.len_utf8())
}

/// The length of the leading run of `bytes` that folds to itself: ASCII, with single
/// spaces between other characters. `in_space` says whether a space was just written.
fn plain_run(bytes: &[u8], in_space: bool) -> usize {
    let mut run = 0;
    while let Some(&b) = bytes.get(run) {
        if b >= 0x80 {
            break;
        }
        if b.is_ascii_whitespace() {
            let next_plain = bytes
                .get(run + 1)
                .is_some_and(|&n| n < 0x80 && !n.is_ascii_whitespace());
            if b != b' ' || (run == 0 && in_space) || !next_plain {
                break;
            }
        }
        run += 1;
    }
    // A letter before a non-ASCII character may take combining marks: fold it with them.
    if bytes.get(run).is_some_and(|&b| b >= 0x80) {
        run = run.saturating_sub(1);
    }
    run
}

/// Records that folded offset `folded` is original offset `original`, if the current
/// anchor does not already imply it.
fn note_anchor(
    anchors: &mut Vec<(usize, usize)>,
    anchor: &mut (usize, usize),
    folded: usize,
    original: usize,
) {
    if anchor.1 + (folded - anchor.0) != original {
        *anchor = (folded, original);
        anchors.push(*anchor);
    }
}

/// Folds one string the same way as article text, for surfaces and quotes; trimmed.
pub(crate) fn fold_str(s: &str) -> String {
    Folded::new(s).text.trim().to_string()
}

/// The character `c` is compared as.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '\u{201B}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '\u{201F}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// True when folding would change `s`: a non-ASCII character or any whitespace other than
/// a single space.
fn needs_folding(s: &str) -> bool {
    let mut previous_space = false;
    for &b in s.as_bytes() {
        if b >= 0x80 {
            return true;
        }
        if b == b' ' {
            if previous_space {
                return true;
            }
            previous_space = true;
        } else if b.is_ascii_whitespace() {
            return true;
        } else {
            previous_space = false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_is_borrowed() {
        let f = Folded::new("Iraq and Syria");
        assert!(matches!(f.text, Cow::Borrowed(_)));
        assert_eq!(f.original_range(0..4), 0..4);
        assert_eq!(f.original(14), 14);
    }

    #[test]
    fn quotes_dashes_and_spaces_fold() {
        let f = Folded::new("Kata\u{2019}ib \u{201C}Hezbollah\u{201D} \u{2014}\u{00A0}\u{00A0}US");
        assert_eq!(f.text, "Kata'ib \"Hezbollah\" - US");
    }

    #[test]
    fn map_points_back_to_original_bytes() {
        let original = "a\u{2019}s  b\u{2014}c";
        let f = Folded::new(original);
        assert_eq!(f.text, "a's b-c");
        // "s b" in the folded text is "s  b" in the original.
        let r = f.original_range(2..5);
        assert_eq!(&original[r], "s  b");
        let r = f.original_range(5..7);
        assert_eq!(&original[r], "\u{2014}c");
        assert_eq!(f.original(f.text.len()), original.len());
    }

    #[test]
    fn spaces_next_to_folded_characters_collapse() {
        let original = "a \u{00A0} b\u{2019} \tc  d ";
        let f = Folded::new(original);
        assert_eq!(f.text, "a b' c d ");
        for (folded, expected) in [(2, "b"), (3, "\u{2019}"), (5, "c"), (7, "d")] {
            let at = f.original(folded);
            assert!(original[at..].starts_with(expected), "{folded}");
        }
    }

    #[test]
    fn invisible_characters_fold_away() {
        let original = "Kata\u{200D}ib \u{200B}Hez\u{00AD}bol\u{2060}lah\u{FEFF}\u{200C}.";
        let f = Folded::new(original);
        assert_eq!(f.text, "Kataib Hezbollah.");
        let end = f.text.len() - 1;
        let r = f.original_range(7..end);
        assert!(original[r].starts_with("Hez\u{00AD}bol"));
    }

    #[test]
    fn decomposed_text_is_composed_and_maps_back() {
        let original = "Jose\u{301} Pe\u{301}rez said";
        let f = Folded::new(original);
        assert_eq!(f.text, "José Pérez said");
        let start = f.text.find("Pérez").unwrap_or(0);
        let r = f.original_range(start..start + "Pérez".len());
        assert_eq!(&original[r], "Pe\u{301}rez");
        for at in 0..=f.text.len() {
            if f.text.is_char_boundary(at) {
                assert!(original.is_char_boundary(f.original(at)), "{at}");
            }
        }
    }

    #[test]
    fn bidi_marks_tatweel_and_selectors_fold_away() {
        let f = Folded::new(
            "\u{200F}\u{0643}\u{0640}\u{062A}\u{061C}\u{0627}\u{200E}\u{0628} \u{2764}\u{FE0F}",
        );
        assert_eq!(f.text, "\u{0643}\u{062A}\u{0627}\u{0628} \u{2764}");
        assert_eq!(f.original(0), 3);
    }

    #[test]
    fn fold_str_trims() {
        assert_eq!(fold_str("  Ain\u{00A0}al\u{2013}Asad \n"), "Ain al-Asad");
    }
}
