//! Where every note quote of a brief occurs in its article, found in one pass.
//!
//! Looking each quote up on its own reads the whole article once per note, so a long
//! article with thousands of notes (both within the limits) took minutes. One
//! Aho-Corasick automaton of all the quotes reads the article once instead; a quote that
//! occurs thousands of times (a pathological input) could still report billions of
//! overlapping matches, so past a budget the quotes are looked up one by one as before.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;

use crate::annotate::fold::Folded;
use crate::annotate::words::cuts_word;

/// Matches the one-pass search may report per byte of article (plus a floor) before it
/// gives up and searches quote by quote: far above any real brief, whose quotes each occur
/// a few times, and a bound on a hostile one.
const MATCHES_PER_BYTE: usize = 4;

/// The folded text of every block in one string, each block followed by a NUL (control
/// characters are removed from content, so no quote holds one), so that quotes are looked
/// for with one search over the article rather than one per paragraph.
pub(crate) struct Joined {
    text: String,
    /// The byte offset in `text` where each block starts.
    starts: Vec<usize>,
}

impl Joined {
    /// The blocks' folded texts joined.
    pub(crate) fn new(folded: &[Folded<'_>]) -> Joined {
        let mut text = String::with_capacity(folded.iter().map(|f| f.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(folded.len());
        for f in folded {
            starts.push(text.len());
            text.push_str(&f.text);
            text.push('\0');
        }
        Joined { text, starts }
    }
}

/// Where one quote occurs: as `str::match_indices` finds it (matches do not overlap), the
/// whole-word places counted with the first kept, and the first place that cuts a word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Places {
    /// How many whole-word places.
    pub whole: usize,
    /// The first whole-word place: a block and a folded byte range in it.
    pub first_whole: Option<(usize, Range<usize>)>,
    /// The first place that starts or ends inside a word.
    pub first_cut: Option<(usize, Range<usize>)>,
    /// Where the previous match ended (a match starting before it overlaps it).
    end: usize,
}

impl Places {
    /// Counts the match of `len` bytes at `at` of `all`, unless it overlaps the last one.
    fn add(&mut self, folded: &[Folded<'_>], all: &Joined, at: usize, len: usize) {
        if at < self.end {
            return;
        }
        self.end = at + len;
        let block = all.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let (Some(f), Some(start)) = (folded.get(block), all.starts.get(block)) else {
            return;
        };
        let range = at - start..at - start + len;
        if range.end > f.text.len() {
            return;
        }
        if cuts_word(&f.text, range.clone()) {
            self.first_cut.get_or_insert((block, range));
        } else {
            self.whole += 1;
            self.first_whole.get_or_insert((block, range));
        }
    }
}

/// The places of each of `quotes` (folded) in the article, in the quotes' order.
pub(crate) fn places(folded: &[Folded<'_>], all: &Joined, quotes: &[String]) -> Vec<Places> {
    let mut ids: FxHashMap<&str, usize> = FxHashMap::default();
    let mut patterns: Vec<&str> = Vec::new();
    for quote in quotes.iter().filter(|q| !q.is_empty()) {
        ids.entry(quote.as_str()).or_insert_with(|| {
            patterns.push(quote);
            patterns.len() - 1
        });
    }
    let found = at_once(folded, all, &patterns).unwrap_or_else(|| {
        patterns
            .iter()
            .map(|pattern| {
                let mut places = Places::default();
                for (at, _) in all.text.match_indices(pattern) {
                    places.add(folded, all, at, pattern.len());
                }
                places
            })
            .collect()
    });
    quotes
        .iter()
        .map(|q| ids.get(q.as_str()).map(|&id| found[id].clone()))
        .map(Option::unwrap_or_default)
        .collect()
}

/// The places of every pattern from one pass over the article, or none when the
/// automaton cannot be built or the matches pass the budget.
fn at_once(folded: &[Folded<'_>], all: &Joined, patterns: &[&str]) -> Option<Vec<Places>> {
    if patterns.is_empty() {
        return Some(Vec::new());
    }
    // A contiguous NFA, not the DFA the builder picks for a few patterns: this automaton
    // serves one article, and building a DFA for it cost more than the search it speeds up
    // (7% of a 100,000-brief build's CPU time).
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(patterns)
        .ok()?;
    let budget = MATCHES_PER_BYTE * all.text.len() + 100_000;
    let mut found = vec![Places::default(); patterns.len()];
    for (seen, hit) in automaton.find_overlapping_iter(&all.text).enumerate() {
        if seen >= budget {
            return None;
        }
        let id = hit.pattern().as_usize();
        found[id].add(folded, all, hit.start(), hit.len());
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places_in(blocks: &[&str], quotes: &[&str]) -> Vec<Places> {
        let folded: Vec<Folded<'_>> = blocks.iter().map(|b| Folded::new(b)).collect();
        let all = Joined::new(&folded);
        let quotes: Vec<String> = quotes.iter().map(|q| q.to_string()).collect();
        places(&folded, &all, &quotes)
    }

    #[test]
    fn one_pass_finds_what_a_search_per_quote_finds() {
        let found = places_in(
            &["ha ha ha said the drone", "the drone flew"],
            &["ha ha", "the drone", "rone", "absent", "", "the drone"],
        );
        // Matches do not overlap, as `match_indices` finds them.
        assert_eq!(
            (found[0].whole, found[0].first_whole.clone()),
            (1, Some((0, 0..5)))
        );
        assert_eq!(found[1].whole, 2);
        assert_eq!(found[1].first_whole, Some((0, 14..23)));
        assert_eq!(
            (found[2].whole, found[2].first_cut.clone()),
            (0, Some((0, 19..23)))
        );
        assert_eq!(found[3], Places::default());
        assert_eq!(found[4], Places::default());
        assert_eq!(found[5], found[1]);
    }

    #[test]
    fn past_the_budget_quotes_are_searched_one_by_one() {
        // Every pattern a suffix of the next, over a run of one letter: billions of
        // overlapping matches, so the budget hands over to the search per quote.
        let run = "e".repeat(20_000);
        let quotes: Vec<String> = (1..=300).map(|n| "e".repeat(n)).collect();
        let refs: Vec<&str> = quotes.iter().map(String::as_str).collect();
        let found = places_in(&[&run], &refs);
        assert_eq!(found[0].whole, 0);
        assert_eq!(found[0].first_cut, Some((0, 0..1)));
        assert_eq!(found[299].first_cut, Some((0, 0..300)));
    }
}
