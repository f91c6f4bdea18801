//! Text kept aside while it waits for the stage that reads it. A whole archive's annotated
//! articles stay in memory from annotation until their pages are written (7.5 KB of HTML a
//! brief, 750 MB at 100,000 briefs); LZ4 keeps them in about a third of that. A smaller site
//! has the memory to spare and keeps them as written: compressing and unpacking was 4% of
//! the CPU of a 10,000-brief build, for memory it did not need ([`Packing`]).

use std::borrow::Cow;
use std::fmt;

/// Whether text waiting in memory is compressed, decided once per build from the size of
/// the archive. The pages are the same either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Packing {
    /// Kept as written.
    Plain,
    /// LZ4-compressed.
    Compressed,
}

impl Packing {
    /// Briefs from which text is compressed: below, a site's articles, quotes and
    /// paragraphs take at most about 300 MB as written.
    pub const FROM_BRIEFS: usize = 20_000;

    /// The packing for an archive of `briefs` briefs.
    pub fn for_archive(briefs: usize) -> Packing {
        if briefs >= Packing::FROM_BRIEFS {
            Packing::Compressed
        } else {
            Packing::Plain
        }
    }
}

/// UTF-8 text, compressed or not ([`Packing`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Packed(Repr);

#[derive(Clone, PartialEq, Eq)]
enum Repr {
    Plain(Box<str>),
    Lz4(Box<[u8]>),
}

impl Default for Packed {
    fn default() -> Packed {
        Packed(Repr::Plain(Box::default()))
    }
}

impl Packed {
    /// Keeps `text` as `packing` says (an empty text stays empty, with no allocation).
    pub fn pack(text: &str, packing: Packing) -> Packed {
        if text.is_empty() || packing == Packing::Plain {
            return Packed(Repr::Plain(text.into()));
        }
        // The compressor writes into room for the worst case; copied out at its real size,
        // so the allocator cannot keep the worst case around it.
        Packed(Repr::Lz4(Box::from(
            lz4_flex::compress_prepend_size(text.as_bytes()).as_slice(),
        )))
    }

    /// The text again. Only [`Packed::pack`] makes the bytes, so they always decode; were
    /// they ever damaged, the text would come back empty rather than stop the build.
    pub fn unpack(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Plain(text) => Cow::Borrowed(text),
            Repr::Lz4(bytes) => Cow::Owned(
                lz4_flex::decompress_size_prepended(bytes)
                    .ok()
                    .and_then(|bytes| String::from_utf8(bytes).ok())
                    .unwrap_or_default(),
            ),
        }
    }

    /// Size in memory in bytes.
    pub fn packed_len(&self) -> usize {
        match &self.0 {
            Repr::Plain(text) => text.len(),
            Repr::Lz4(bytes) => bytes.len(),
        }
    }
}

impl fmt::Debug for Packed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Packed({} bytes)", self.packed_len())
    }
}

/// A plain article's paragraphs, packed one per line: they wait in memory from resolve until
/// the search index reads them (4.7 KB a brief). Ingest splits paragraphs at line breaks,
/// so none holds one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraphs(Packed);

impl Paragraphs {
    /// Packs `paragraphs` (a line break inside one would split it, so it becomes a space).
    pub fn new<S: AsRef<str>>(paragraphs: &[S], packing: Packing) -> Paragraphs {
        let lines: Vec<String> = paragraphs
            .iter()
            .map(|p| p.as_ref().replace('\n', " "))
            .collect();
        Paragraphs(Packed::pack(&lines.join("\n"), packing))
    }

    /// The paragraphs again.
    pub fn unpack(&self) -> Vec<String> {
        let text = self.0.unpack();
        if text.is_empty() {
            return Vec::new();
        }
        text.split('\n').map(str::to_string).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_back_as_it_went_in() {
        for text in [
            "",
            "a",
            "<p id=\"p-1\">Kataib Hezbollah — كتائب حزب الله</p>\n",
        ] {
            for packing in [Packing::Plain, Packing::Compressed] {
                assert_eq!(Packed::pack(text, packing).unpack(), text);
            }
        }
        let article = "<p>The convoy was hit near the base.</p>\n".repeat(200);
        let packed = Packed::pack(&article, Packing::Compressed);
        assert!(
            packed.packed_len() * 4 < article.len(),
            "repeated markup compresses"
        );
        assert_eq!(packed.unpack(), article);
        assert_eq!(
            Packed::pack(&article, Packing::Plain).packed_len(),
            article.len()
        );
        assert_eq!(Packing::for_archive(10_000), Packing::Plain);
        assert_eq!(Packing::for_archive(100_000), Packing::Compressed);
    }

    #[test]
    fn paragraphs_come_back_one_by_one() {
        for packing in [Packing::Plain, Packing::Compressed] {
            let none = Paragraphs::new::<&str>(&[], packing);
            assert_eq!(none.unpack(), Vec::<String>::new());
            let paragraphs = ["First, with a comma.", "", "Third: الثالث"];
            assert_eq!(Paragraphs::new(&paragraphs, packing).unpack(), paragraphs);
            assert_eq!(Paragraphs::new(&["a\nb"], packing).unpack(), ["a b"]);
        }
    }
}
