//! The sentences an entity page quotes from a brief. Kept as written whatever the size of
//! the archive: a brief's quotes are read by the page of every actor and place it names
//! (about twenty), so compressing them ([`super::Packing`]) made each brief unpack them that
//! often, 5% of a 100,000-brief build to save 170 MB of its 2 GB.

use std::ops::Range;

/// The sentences a brief's mentions quote, each text once, end to end. A mention keeps its
/// sentence as a range of this text, so two mentions in sentences of the same text compare
/// equal without reading it.
#[derive(Clone, Debug, Default)]
pub struct Quotes(Box<str>);

impl Quotes {
    /// The sentence at `range` (as [`QuotesBuilder::push`] returned it); empty for a range
    /// outside the text or not on character boundaries.
    pub fn sentence(&self, range: Range<u32>) -> &str {
        self.0
            .get(range.start as usize..range.end as usize)
            .unwrap_or_default()
    }
}

/// Gathers a brief's quoted sentences into [`Quotes`].
#[derive(Debug, Default)]
pub struct QuotesBuilder(String);

impl QuotesBuilder {
    /// Adds `sentence` and returns its range in the whole text. Past 4 GB (never: a content
    /// file is at most 4 MB) the range would be empty rather than wrong.
    pub fn push(&mut self, sentence: &str) -> Range<u32> {
        let start = u32::try_from(self.0.len()).unwrap_or(u32::MAX);
        let end = u32::try_from(self.0.len() + sentence.len()).unwrap_or(start);
        if end > start {
            self.0.push_str(sentence);
        }
        start..end
    }

    /// The sentences.
    pub fn finish(self) -> Quotes {
        Quotes(self.0.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_quote_comes_back_from_its_range() {
        let mut builder = QuotesBuilder::default();
        let long = "x".repeat(2000);
        let texts = [
            "KH and Iran met.",
            long.as_str(),
            "KH left.",
            "",
            "Then — الثالث.",
        ];
        let ranges: Vec<_> = texts.iter().map(|t| builder.push(t)).collect();
        assert_eq!(ranges[1], 16..2016, "ranges run end to end");
        let quotes = builder.finish();
        for (text, range) in texts.iter().zip(ranges) {
            assert_eq!(quotes.sentence(range), *text);
        }
        assert_eq!(Quotes::default().sentence(0..3), "");
        let reversed = Range { start: 17, end: 16 };
        assert_eq!(quotes.sentence(reversed), "", "a reversed range is empty");
    }
}
