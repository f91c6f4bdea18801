//! Text kept compressed while it waits for the stage that reads it. A whole archive's
//! annotated articles stay in memory from annotation until their pages are written (7.5 KB
//! of HTML a brief, 750 MB at 100,000 briefs); LZ4 keeps them in about a third of that and
//! costs a few milliseconds per thousand pages to undo.

use std::fmt;

/// Compressed UTF-8 text.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Packed(Box<[u8]>);

impl Packed {
    /// Compresses `text` (an empty text stays empty, with no allocation).
    pub fn pack(text: &str) -> Packed {
        if text.is_empty() {
            return Packed::default();
        }
        // The compressor writes into room for the worst case; copied out at its real size,
        // so the allocator cannot keep the worst case around it.
        Packed(Box::from(
            lz4_flex::compress_prepend_size(text.as_bytes()).as_slice(),
        ))
    }

    /// The text again. Only [`Packed::pack`] makes the bytes, so they always decode; were
    /// they ever damaged, the text would come back empty rather than stop the build.
    pub fn unpack(&self) -> String {
        if self.0.is_empty() {
            return String::new();
        }
        lz4_flex::decompress_size_prepended(&self.0)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }

    /// Compressed size in bytes.
    pub fn packed_len(&self) -> usize {
        self.0.len()
    }
}

impl fmt::Debug for Packed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Packed({} bytes)", self.0.len())
    }
}

/// A plain article's paragraphs, packed one per line: they wait in memory from resolve until
/// the search index reads them (4.7 KB a brief). Ingest splits paragraphs at line breaks,
/// so none holds one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraphs(Packed);

impl Paragraphs {
    /// Packs `paragraphs` (a line break inside one would split it, so it becomes a space).
    pub fn new<S: AsRef<str>>(paragraphs: &[S]) -> Paragraphs {
        let lines: Vec<String> = paragraphs
            .iter()
            .map(|p| p.as_ref().replace('\n', " "))
            .collect();
        Paragraphs(Packed::pack(&lines.join("\n")))
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
            assert_eq!(Packed::pack(text).unpack(), text);
        }
        let article = "<p>The convoy was hit near the base.</p>\n".repeat(200);
        let packed = Packed::pack(&article);
        assert!(
            packed.packed_len() * 4 < article.len(),
            "repeated markup compresses"
        );
        assert_eq!(packed.unpack(), article);
    }

    #[test]
    fn paragraphs_come_back_one_by_one() {
        assert_eq!(Paragraphs::new::<&str>(&[]).unpack(), Vec::<String>::new());
        let paragraphs = ["First, with a comma.", "", "Third: الثالث"];
        assert_eq!(Paragraphs::new(&paragraphs).unpack(), paragraphs);
        assert_eq!(Paragraphs::new(&["a\nb"]).unpack(), ["a b"]);
    }
}
