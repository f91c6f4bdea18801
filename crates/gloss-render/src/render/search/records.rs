//! What a result shows, in few files: the records of consecutive documents are packed into
//! `d/<n>` chunks of about [`CHUNK_BYTES`] (at most [`CHUNK_DOCS`] records), and the doc-id
//! lists of the actor and location filters into `f/<n>` chunks of about
//! [`FILTER_CHUNK_BYTES`], so a 10,000-brief site has a few hundred search files instead of
//! one per document. A result costs its whole chunk, so records hold only what a result
//! shows: measured with `benches/search_fetch.mjs`, three queries fetch fewer gzipped bytes
//! than with one file per document.
//! The meta chunk lists the first doc id of each `d` chunk and the first filter name of
//! each `f` chunk; the browser finds a chunk by binary search.

use std::collections::BTreeMap;

use super::super::site::script_json;
use super::docs::Doc;

/// A record chunk is closed once its records reach this many bytes: a result shown costs
/// its chunk, and a 10,000-brief site needs a few hundred chunks.
pub const CHUNK_BYTES: usize = 6_000;
/// At most this many records in one chunk, however short.
pub const CHUNK_DOCS: usize = 256;
/// A filter chunk is closed once its lists reach this many bytes (loaded only when an
/// actor or location filter is on).
pub const FILTER_CHUNK_BYTES: usize = 16_000;
/// Characters of a summary kept for snippets (cut at a word boundary).
const SUMMARY_CHARS: usize = 160;
/// Actors and locations kept per record, for the filter options drawn from the results.
const ENTITIES: usize = 3;

/// One document's record, as a JSON array (key names would repeat in every record):
/// `[title, path, date, summary, actors, locations]`, the entities as `[slug, name]`, empty
/// fields at the end left out. Kind, year and status come from the meta chunk's ranges, so
/// they are not repeated here.
pub fn record(doc: &Doc) -> Result<String, serde_json::Error> {
    let actors = &doc.actors[..doc.actors.len().min(ENTITIES)];
    let locations = &doc.locations[..doc.locations.len().min(ENTITIES)];
    let summary = cut(doc.summary, SUMMARY_CHARS);
    let summary = if summary.len() < doc.summary.len() {
        format!("{summary} …")
    } else {
        summary.to_string()
    };
    let mut fields = vec![
        script_json(&doc.title)?,
        script_json(&doc.path)?,
        script_json(&doc.date)?,
        script_json(&summary)?,
        script_json(&actors)?,
        script_json(&locations)?,
    ];
    while fields.len() > 2 && matches!(fields.last().map(String::as_str), Some("\"\"" | "[]")) {
        fields.pop();
    }
    Ok(format!("[{}]", fields.join(",")))
}

/// `text` cut to at most `chars` characters, at the last space before the limit when there
/// is one, so no word is shown cut.
fn cut(text: &str, chars: usize) -> &str {
    let Some((end, _)) = text.char_indices().nth(chars) else {
        return text;
    };
    let head = &text[..end];
    head.rfind(char::is_whitespace)
        .map_or(head, |space| &head[..space])
}

/// Packs records, in doc-id order, into chunks of [`CHUNK_BYTES`].
#[derive(Default)]
pub struct Packer {
    /// The first doc id of each chunk made so far (for the meta chunk).
    pub starts: Vec<u32>,
    open: Vec<String>,
    bytes: usize,
    next_id: u32,
}

impl Packer {
    /// Adds the next document's record; returns the chunk `(number, JSON)` it closes, if any.
    pub fn push(&mut self, record: String) -> Option<(usize, String)> {
        if self.open.is_empty() {
            self.starts.push(self.next_id);
        }
        self.next_id += 1;
        self.bytes += record.len() + 1;
        self.open.push(record);
        (self.bytes >= CHUNK_BYTES || self.open.len() >= CHUNK_DOCS).then(|| self.close())
    }

    /// Closes the open chunk, if it holds any record.
    pub fn finish(&mut self) -> Option<(usize, String)> {
        (!self.open.is_empty()).then(|| self.close())
    }

    fn close(&mut self) -> (usize, String) {
        let json = format!("[{}]", self.open.join(","));
        self.open.clear();
        self.bytes = 0;
        (self.starts.len() - 1, json)
    }
}

/// The filter lists, one per actor (`a-<slug>`) and location (`l-<slug>`): the ids of the
/// documents that list it, delta-encoded, packed by name into chunks of
/// [`FILTER_CHUNK_BYTES`].
/// Returns the first name of each chunk and each chunk's JSON.
pub fn filters(docs: &[Doc]) -> Result<(Vec<String>, Vec<String>), serde_json::Error> {
    let mut lists: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (id, d) in docs.iter().enumerate() {
        for (slug, _) in &d.actors {
            lists.entry(format!("a-{slug}")).or_default().push(id);
        }
        for (slug, _) in &d.locations {
            lists.entry(format!("l-{slug}")).or_default().push(id);
        }
    }
    let mut firsts = Vec::new();
    let mut chunks = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut bytes = 0;
    for (name, mut ids) in lists {
        ids.dedup();
        let mut last = 0;
        let deltas: Vec<usize> = ids
            .iter()
            .map(|&id| std::mem::replace(&mut last, id).abs_diff(id))
            .collect();
        if open.is_empty() {
            firsts.push(name.clone());
        }
        let entry = format!("{}:{}", script_json(&name)?, script_json(&deltas)?);
        bytes += entry.len() + 1;
        open.push(entry);
        if bytes >= FILTER_CHUNK_BYTES {
            chunks.push(format!("{{{}}}", open.join(",")));
            open.clear();
            bytes = 0;
        }
    }
    if !open.is_empty() {
        chunks.push(format!("{{{}}}", open.join(",")));
    }
    Ok((firsts, chunks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_between_words() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("one two three", 9), "one two");
        assert_eq!(cut("unbroken", 4), "unbr");
        assert_eq!(cut("أربيل مدينة", 7), "أربيل");
    }

    fn doc<'a>(date: &'a str, summary: &'a str, actors: Vec<(&'a str, &'a str)>) -> Doc<'a> {
        Doc {
            kind: 0,
            year: 0,
            status: 0,
            iso: "",
            date,
            when: None,
            title: "T<",
            path: "briefs/t/".into(),
            names: String::new(),
            exact: Vec::new(),
            summary,
            source: super::super::docs::Source::Page(0),
            actors,
            locations: Vec::new(),
        }
    }

    #[test]
    fn records_are_arrays_without_trailing_empty_fields() {
        assert_eq!(
            record(&doc("", "", vec![])).expect("serializes"),
            r#"["T\u003c","briefs/t/"]"#
        );
        assert_eq!(
            record(&doc("1 May 2020", "", vec![])).expect("serializes"),
            r#"["T\u003c","briefs/t/","1 May 2020"]"#
        );
        let long = "word ".repeat(40);
        let cut = record(&doc("", &long, vec![])).expect("serializes");
        assert!(cut.ends_with(" word …\"]"), "{cut}");
        assert!(cut.len() < 200, "{cut}");
        let four = vec![("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")];
        assert_eq!(
            record(&doc("", "S", four)).expect("serializes"),
            r#"["T\u003c","briefs/t/","","S",[["a","A"],["b","B"],["c","C"]]]"#
        );
    }

    #[test]
    fn chunks_close_by_bytes_and_count() {
        let mut packer = Packer::default();
        let mut closed = Vec::new();
        for i in 0..600 {
            let record = if i < 10 {
                "x".repeat(CHUNK_BYTES / 4)
            } else {
                "{}".into()
            };
            closed.extend(packer.push(record));
        }
        closed.extend(packer.finish());
        assert_eq!(packer.starts[..3], [0, 4, 8]);
        assert_eq!(closed.len(), packer.starts.len());
        assert!(closed.iter().all(|(_, json)| json.len() <= CHUNK_BYTES * 2));
        let counts: Vec<usize> = closed
            .iter()
            .map(|(_, json)| json.matches("{}").count())
            .collect();
        assert!(counts.iter().all(|&n| n <= CHUNK_DOCS), "{counts:?}");
        assert_eq!(counts.iter().sum::<usize>(), 590);
    }
}
