//! The client-side search index, split into small chunks so that one query loads a few
//! dozen kilobytes however large the site is (Pagefind's approach, hand-rolled so that the
//! chunks are scripts: they load from `file://` and under a `script-src 'self'` policy).
//!
//! Every chunk is a script under `search/chunks/` that calls
//! `window.glossSearchChunk(name, data)`:
//! - `meta`: the word-shard keys, the fold table, the doc-id ranges of each kind, year
//!   and status (documents are numbered in that order, so those filters are ranges), and
//!   where the `d` and `f` chunks start;
//! - `w/<key>`: the words starting with `key`, each mapped to its stem, each stem's
//!   postings (doc ids and weights) with its document frequency, and the exact entity names
//!   whose rarest word is in the shard (see `names.rs`);
//! - `d/<n>`: the records (title, link, date, summary, actors, locations) of a run of
//!   consecutive documents, loaded only for the results shown;
//! - `f/<n>`: the doc ids that list each of a run of actors and locations, loaded only when
//!   that filter is on.

mod dates;
mod docs;
mod names;
mod records;
mod text;

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::Output;
use super::site::{Site, script_json};
use crate::diagnostics::Diagnostic;
use crate::markup::shorthand::Shorthands;
use crate::output::Sink;
use docs::{Doc, KINDS, STATUSES};
use records::Packer;
use text::{FOLD, MAX_WORD_CHARS, Stems, each_word};

/// A word shard is split by a longer prefix once it would be larger than this.
const SHARD_BYTES: usize = 24_000;
/// The longest shard key, in characters: words that share a longer prefix stay in one
/// shard, however large, so the splitting is at most this deep and a shard's file name
/// (`_<hex>_` per non-ASCII character) stays far under the file system's 255 bytes.
const MAX_KEY_CHARS: usize = 16;
/// A stem keeps its best-weighted postings only: very common words rank nothing.
const MAX_POSTINGS: usize = 1000;
/// Where the chunks go.
const DIR: &str = "search/chunks/";

/// Every chunk of the search index, each handed to `sink` as soon as it is made: document
/// texts are made and counted a batch at a time, never all at once. A chunk that cannot be
/// serialized is an error, never an empty chunk.
pub fn files(site: &Site, sink: &dyn Sink) -> Result<(), Diagnostic> {
    chunks(site, sink)
        .map_err(|e| Diagnostic::file_error(DIR, format!("cannot serialize the search index: {e}")))
}

/// [`files`], failing on the first value that cannot be serialized.
fn chunks(site: &Site, sink: &dyn Sink) -> Result<(), serde_json::Error> {
    let docs = docs::collect(site);
    let mut packer = Packer::default();
    let (surfaces, postings) = invert(site, &docs, &mut packer, sink)?;
    let encoded: BTreeMap<&str, String> = postings
        .iter()
        .map(|(stem, list)| (stem.as_str(), encode_postings(list)))
        .collect();
    let mut shards = Vec::new();
    let all: Vec<&str> = surfaces.keys().map(String::as_str).collect();
    split(&all, 0, &surfaces, &encoded, &mut shards);
    let df = |word: &str| {
        surfaces
            .get(word)
            .and_then(|stem| postings.get(stem))
            .map_or(u32::MAX, |p| p.df)
    };
    let exact = names::by_shard(&docs, &shards, &df);
    let mut keys = Vec::new();
    for ((key, members), names) in shards.iter().zip(&exact) {
        keys.push(key.clone());
        sink.accept(chunk(
            &format!("w/{}", key_file(key)),
            &shard_json(members, &surfaces, &encoded, names)?,
        )?);
    }
    let (filter_starts, filters) = records::filters(&docs)?;
    for (n, json) in filters.iter().enumerate() {
        sink.accept(chunk(&format!("f/{n}"), json)?);
    }
    let starts = Starts {
        docs: &packer.starts,
        filters: &filter_starts,
    };
    sink.accept(chunk("meta", &meta(&docs, &keys, starts)?)?);
    Ok(())
}

/// Surface word -> stem, and stem -> its postings.
type Inverted = (BTreeMap<String, String>, FxHashMap<String, Postings>);

/// A stem's document frequency and its best postings (doc id, weight) so far. Only the
/// best [`MAX_POSTINGS`] are written, so the rest are dropped as they fall behind: a word
/// in every one of 100,000 documents holds a few thousand postings, not 100,000.
#[derive(Default)]
struct Postings {
    df: u32,
    best: Vec<(u32, u32)>,
}

impl Postings {
    /// Adds document `id` with `weight` (documents come in id order).
    fn push(&mut self, id: u32, weight: u32) {
        self.df += 1;
        self.best.push((id, weight));
        if self.best.len() >= 2 * MAX_POSTINGS {
            self.keep_best();
        }
    }

    /// Keeps the best [`MAX_POSTINGS`] (highest weight, then lowest id), in id order. Any
    /// posting dropped here has that many better ones, so it would never be written.
    fn keep_best(&mut self) {
        if self.best.len() > MAX_POSTINGS {
            self.best
                .sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            self.best.truncate(MAX_POSTINGS);
            self.best.sort_unstable();
        }
    }
}

/// Documents counted at once: the word counts of a whole archive would not fit in memory
/// together, so they are folded into the postings a batch at a time (same result).
const INVERT_BATCH: usize = 1024;

/// Counts the words of every document and hands the `d/<n>` chunks of their records to
/// `sink`, packed by `packer`.
fn invert(
    site: &Site,
    docs: &[Doc],
    packer: &mut Packer,
    sink: &dyn Sink,
) -> Result<Inverted, serde_json::Error> {
    let stems = Stems::new();
    let links = Shorthands::new(site.corpus, site.urls);
    // Merged by number: each surface word knows its stem's number, each stem its postings,
    // so a document's words cost one hash lookup each and no string copies.
    let mut vocabulary = Vocabulary::default();
    for (batch, run) in docs.chunks(INVERT_BATCH).enumerate() {
        let per_doc: Vec<(FxHashMap<String, u32>, String)> = run
            .par_iter()
            .map(|d| {
                let body = docs::body(site, &links, d.source);
                let mut counts: FxHashMap<String, u32> = FxHashMap::default();
                let mut count = |text: &str, weight: u32| {
                    each_word(text, &mut |w| match counts.get_mut(w) {
                        Some(n) => *n += weight,
                        None => {
                            counts.insert(w.to_string(), weight);
                        }
                    })
                };
                count(d.title, 10);
                count(&d.names, 10);
                if let Some(date) = &d.when {
                    count(&dates::date_words(date), 10);
                }
                count(d.summary, 1);
                count(&body, 1);
                records::record(d).map(|record| (counts, record))
            })
            .collect::<Result<_, _>>()?;
        for (j, (counts, record)) in per_doc.into_iter().enumerate() {
            let id = (batch * INVERT_BATCH + j) as u32;
            if let Some((n, json)) = packer.push(record) {
                sink.accept(chunk(&format!("d/{n}"), &json)?);
            }
            let mut by_stem: Vec<(u32, u32)> = counts
                .into_iter()
                .map(|(w, n)| (vocabulary.stem_of(w, &stems), n))
                .collect();
            by_stem.sort_unstable();
            let mut k = 0;
            while k < by_stem.len() {
                let (stem, mut n) = by_stem[k];
                k += 1;
                while k < by_stem.len() && by_stem[k].0 == stem {
                    n += by_stem[k].1;
                    k += 1;
                }
                vocabulary.postings[stem as usize].push(id, n.min(99));
            }
        }
    }
    if let Some((n, json)) = packer.finish() {
        sink.accept(chunk(&format!("d/{n}"), &json)?);
    }
    Ok(vocabulary.into_inverted())
}

/// The words seen so far: surface word -> stem number, stem number -> stem and postings.
#[derive(Default)]
struct Vocabulary {
    surfaces: FxHashMap<String, u32>,
    numbers: FxHashMap<String, u32>,
    stems: Vec<String>,
    postings: Vec<Postings>,
}

impl Vocabulary {
    /// The number of the stem of surface word `word`, stemming it the first time it is seen.
    fn stem_of(&mut self, word: String, stems: &Stems) -> u32 {
        if let Some(&n) = self.surfaces.get(&word) {
            return n;
        }
        let stem = stems.stem(&word);
        let n = match self.numbers.get(&stem) {
            Some(&n) => n,
            None => {
                let n = self.stems.len() as u32;
                self.numbers.insert(stem.clone(), n);
                self.stems.push(stem);
                self.postings.push(Postings::default());
                n
            }
        };
        self.surfaces.insert(word, n);
        n
    }

    fn into_inverted(self) -> Inverted {
        let surfaces = self
            .surfaces
            .into_iter()
            .map(|(w, n)| (w, self.stems[n as usize].clone()))
            .collect();
        (
            surfaces,
            self.stems.into_iter().zip(self.postings).collect(),
        )
    }
}

/// `[df, id0, w0, id1-id0, w1, …]` over the best [`MAX_POSTINGS`] postings.
fn encode_postings(list: &Postings) -> String {
    let mut best = Postings {
        df: list.df,
        best: list.best.clone(),
    };
    best.keep_best();
    let mut s = format!("[{}", best.df);
    let mut last = 0;
    for (id, w) in best.best {
        s.push_str(&format!(",{},{w}", id - last));
        last = id;
    }
    s.push(']');
    s
}

/// Groups sorted words into shards by prefix, lengthening the prefix of any shard that
/// would exceed [`SHARD_BYTES`]. Words no longer than the prefix stay in the parent's key.
/// Keys stop growing at [`MAX_KEY_CHARS`], which bounds the recursion.
fn split<'a>(
    group: &[&'a str],
    depth: usize,
    surfaces: &BTreeMap<String, String>,
    encoded: &BTreeMap<&str, String>,
    out: &mut Vec<(String, Vec<&'a str>)>,
) {
    let mut i = 0;
    while i < group.len() {
        let key: String = group[i].chars().take(depth + 1).collect();
        let mut j = i;
        while j < group.len() && group[j].starts_with(&key) {
            j += 1;
        }
        let members = &group[i..j];
        let (short, long): (Vec<&str>, Vec<&str>) =
            members.iter().partition(|w| w.chars().count() <= depth + 1);
        if long.is_empty()
            || depth + 1 >= MAX_KEY_CHARS
            || shard_bytes(members, surfaces, encoded) <= SHARD_BYTES
        {
            out.push((key, members.to_vec()));
        } else {
            if !short.is_empty() {
                out.push((key, short));
            }
            split(&long, depth + 1, surfaces, encoded, out);
        }
        i = j.max(i + 1);
    }
}

fn shard_bytes(
    members: &[&str],
    surfaces: &BTreeMap<String, String>,
    encoded: &BTreeMap<&str, String>,
) -> usize {
    let mut stems: Vec<&str> = members.iter().map(|w| surfaces[*w].as_str()).collect();
    let words: usize = members.iter().map(|w| w.len() * 2 + 6).sum();
    stems.sort_unstable();
    stems.dedup();
    words
        + stems
            .iter()
            .map(|s| s.len() + 4 + encoded[s].len())
            .sum::<usize>()
}

fn shard_json(
    members: &[&str],
    surfaces: &BTreeMap<String, String>,
    encoded: &BTreeMap<&str, String>,
    names: &BTreeMap<String, Vec<u32>>,
) -> Result<String, serde_json::Error> {
    let mut w = BTreeMap::new();
    let mut s = BTreeMap::new();
    for word in members {
        let stem = surfaces[*word].as_str();
        w.insert(*word, if stem == *word { "" } else { stem });
        s.insert(stem, &encoded[stem]);
    }
    let stems: Vec<String> = s
        .iter()
        .map(|(stem, list)| Ok(format!("{}:{list}", script_json(stem)?)))
        .collect::<Result<_, serde_json::Error>>()?;
    let names = if names.is_empty() {
        String::new()
    } else {
        format!(",\"n\":{}", script_json(names)?)
    };
    Ok(format!(
        "{{\"w\":{},\"s\":{{{}}}{names}}}",
        script_json(&w)?,
        stems.join(",")
    ))
}

/// The file name of a shard key: ASCII letters and digits as they are, anything else as
/// `_<hex>_`, so names are plain ASCII on every host.
pub fn key_file(key: &str) -> String {
    key.chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c.to_string()
            } else {
                format!("_{:x}_", c as u32)
            }
        })
        .collect()
}

fn chunk(name: &str, json: &str) -> Result<Output, serde_json::Error> {
    let name_json = script_json(&name)?;
    Ok(Output::Bytes {
        path: format!("{DIR}{name}.js"),
        bytes: format!("window.glossSearchChunk({name_json},{json});\n").into_bytes(),
    })
}

#[derive(Serialize)]
struct Meta<'a> {
    n: usize,
    fold: &'a str,
    /// [`MAX_WORD_CHARS`]: the browser cuts a query word to as many characters.
    maxw: usize,
    keys: String,
    kinds: [&'a str; 5],
    statuses: [&'a str; 5],
    /// `[kind, year, status, first doc id]` per run of documents.
    seg: Vec<[i64; 4]>,
    /// The first doc id of each `d/<n>` chunk.
    dc: &'a [u32],
    /// The first filter name (`a-<slug>`, `l-<slug>`) of each `f/<n>` chunk.
    fc: &'a [String],
}

/// Where the record and filter chunks start.
struct Starts<'a> {
    docs: &'a [u32],
    filters: &'a [String],
}

fn meta(docs: &[Doc], keys: &[String], starts: Starts) -> Result<String, serde_json::Error> {
    let mut seg: Vec<[i64; 4]> = Vec::new();
    for (id, d) in docs.iter().enumerate() {
        let run = [d.kind as i64, i64::from(d.year), d.status as i64, id as i64];
        if seg.last().is_none_or(|s| s[..3] != run[..3]) {
            seg.push(run);
        }
    }
    script_json(&Meta {
        n: docs.len(),
        fold: FOLD,
        maxw: MAX_WORD_CHARS,
        keys: keys.join(" "),
        kinds: KINDS,
        statuses: STATUSES,
        seg,
        dc: starts.docs,
        fc: starts.filters,
    })
}

#[cfg(test)]
mod tests;
