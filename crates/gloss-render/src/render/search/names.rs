//! Exact names: a query that is exactly an actor's or location's name or alias ranks that
//! entity first ("Erbil" finds the city above "Erbil airport" and the incidents there).
//! Each name is stored, folded as its words are, in the word shard of its rarest word, which
//! the browser loads for the query anyway, so the boost costs no extra request; the rarest
//! word spreads names that share a common word ("Camp …", "Brigade …") over many shards.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::docs::Doc;
use super::text::each_word;

/// The folded words of `name` joined by single spaces, as static/search.js joins the words
/// of a query; `None` for a name without letters or digits.
pub fn key(name: &str) -> Option<String> {
    let mut key = String::new();
    each_word(name, &mut |w| {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(w);
    });
    (!key.is_empty()).then_some(key)
}

/// Exact name keys by shard: `per_shard[i]` maps each name whose rarest word is in shard
/// `i` to the ids of the documents with that name (several entities may share one).
pub type ByShard = Vec<BTreeMap<String, Vec<u32>>>;

/// Places the exact names of `docs` in the shards that hold their rarest words, by `df`
/// (the number of documents a word is in; the first of equally rare words).
pub fn by_shard(docs: &[Doc], shards: &[(String, Vec<&str>)], df: &dyn Fn(&str) -> u32) -> ByShard {
    let mut shard_of: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, (_, members)) in shards.iter().enumerate() {
        for word in members {
            shard_of.insert(word, i);
        }
    }
    let mut out: ByShard = vec![BTreeMap::new(); shards.len()];
    for (id, doc) in docs.iter().enumerate() {
        for name in &doc.exact {
            let Some(key) = key(name) else { continue };
            let rarest = key.split(' ').min_by_key(|w| df(w)).unwrap_or_default();
            if let Some(&shard) = shard_of.get(rarest) {
                let ids = out[shard].entry(key).or_default();
                if ids.last() != Some(&(id as u32)) {
                    ids.push(id as u32);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_like_query_words() {
        assert_eq!(key("Erbil").as_deref(), Some("erbil"));
        assert_eq!(
            key("Kata’ib  Hezbollah").as_deref(),
            Some("kataib hezbollah")
        );
        assert_eq!(key("Ain al-Asad").as_deref(), Some("ain al asad"));
        // The matcher's folding: NFC, default-ignorables and tatweel skipped, alef forms one.
        assert_eq!(key("أربـيل\u{200F}"), key("اربيل"));
        assert_eq!(key("Pe\u{301}rez"), key("Pérez"));
        assert_eq!(key("—"), None);
    }
}
