use super::*;

fn lookup<'a>(keys: &'a [String], word: &str) -> Option<&'a String> {
    keys.iter()
        .filter(|k| word.starts_with(k.as_str()))
        .max_by_key(|k| k.len())
}

/// The shards of every word of `surfaces`, checked: each word in exactly one shard, under
/// its longest key; keys at most [`MAX_KEY_CHARS`] characters, their file names short.
fn sharded<'a>(
    surfaces: &'a BTreeMap<String, String>,
    encoded: &BTreeMap<&str, String>,
) -> Vec<(String, Vec<&'a str>)> {
    let all: Vec<&str> = surfaces.keys().map(String::as_str).collect();
    let mut shards = Vec::new();
    split(&all, 0, surfaces, encoded, &mut shards);
    let keys: Vec<String> = shards.iter().map(|(k, _)| k.clone()).collect();
    let mut seen = 0;
    for (key, members) in &shards {
        assert!(key.chars().count() <= MAX_KEY_CHARS, "{key}");
        assert!(key_file(key).len() < 200, "{key}");
        for w in members {
            assert!(w.starts_with(key.as_str()), "{w} under {key}");
            assert_eq!(lookup(&keys, w), Some(key), "the longest key of {w}");
        }
        seen += members.len();
    }
    assert_eq!(seen, all.len(), "every word in exactly one shard");
    shards
}

#[test]
fn shards_stay_small_and_the_longest_key_finds_every_word() {
    let mut surfaces = BTreeMap::new();
    let mut encoded = BTreeMap::new();
    let mut stems = Vec::new();
    for a in [
        "r",
        "ro",
        "rock",
        "rocket",
        "rockets",
        "rob",
        "s",
        "صاروخ",
        "صار",
    ] {
        stems.push(a.to_string());
    }
    for i in 0..400 {
        stems.push(format!("ro{}x{i}", ["c", "b", "a"][i % 3]));
    }
    for w in &stems {
        surfaces.insert(w.clone(), w.clone());
    }
    let long = encode_postings(&postings(&(0..300).map(|i| (i, 1)).collect::<Vec<_>>()));
    for w in surfaces.values() {
        encoded.insert(w.as_str(), long.clone());
    }
    let shards = sharded(&surfaces, &encoded);
    for (key, members) in &shards {
        let json = shard_json(members, &surfaces, &encoded, &BTreeMap::new()).expect("serializes");
        let splittable = members
            .iter()
            .any(|w| w.chars().count() > key.chars().count());
        assert!(
            json.len() <= SHARD_BYTES + 2_000 || !splittable,
            "{key}: {}",
            json.len()
        );
    }
    assert!(shards.len() > 3, "the big prefix was split");
}

/// Postings pushed one by one, in id order, as `invert` does.
fn postings(list: &[(u32, u32)]) -> Postings {
    let mut p = Postings::default();
    for &(id, w) in list {
        p.push(id, w);
    }
    p
}

#[test]
fn postings_are_delta_encoded_and_capped() {
    assert_eq!(
        encode_postings(&postings(&[(3, 10), (7, 1)])),
        "[2,3,10,4,1]"
    );
    let many: Vec<(u32, u32)> = (0..5000)
        .map(|i| (i, if i == 4999 { 50 } else { 1 }))
        .collect();
    let s = encode_postings(&postings(&many));
    assert!(s.starts_with("[5000,"), "df is the true count");
    assert_eq!(s.matches(',').count(), 2 * MAX_POSTINGS);
    assert!(
        s.ends_with(",50]"),
        "the best posting survives the pruning: {s}"
    );
}

/// Dropping postings as they fall behind keeps exactly the ones a sort of all of them
/// would keep.
#[test]
fn pruned_postings_match_the_best_of_all() {
    let mut seed = 7u32;
    let many: Vec<(u32, u32)> = (0..20_000)
        .map(|i| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (i, (seed >> 16) % 99 + 1)
        })
        .collect();
    let mut all = many.clone();
    all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    all.truncate(MAX_POSTINGS);
    all.sort();
    let pruned = postings(&many);
    assert!(
        pruned.best.len() < 2 * MAX_POSTINGS,
        "bounded while pushing"
    );
    let expected = Postings {
        df: many.len() as u32,
        best: all,
    };
    assert_eq!(encode_postings(&pruned), encode_postings(&expected));
}

#[test]
fn key_files_are_ascii() {
    assert_eq!(key_file("ab1"), "ab1");
    assert_eq!(key_file("صا"), "_635__627_");
}

/// Encoded postings of about 3 KB for every stem of `words`, so that any group of ten
/// words is over [`SHARD_BYTES`] and wants splitting.
fn heavy(words: &[String]) -> (BTreeMap<String, String>, String) {
    let surfaces = words.iter().map(|w| (w.clone(), w.clone())).collect();
    let long = encode_postings(&postings(
        &(0..1000).map(|i| (i * 7, 1)).collect::<Vec<_>>(),
    ));
    (surfaces, long)
}

/// Checks the shards of `words`: each word in one shard under its longest key, keys at
/// most [`MAX_KEY_CHARS`] characters, and their file names short.
fn check_shards(words: &[String]) {
    let (surfaces, long) = heavy(words);
    let encoded: BTreeMap<&str, String> = surfaces
        .values()
        .map(|w| (w.as_str(), long.clone()))
        .collect();
    sharded(&surfaces, &encoded);
}

#[test]
fn words_sharing_a_long_prefix_stop_splitting_at_the_key_limit() {
    let prefix = "\u{4e2d}".repeat(MAX_WORD_CHARS - 4);
    let words: Vec<String> = (0..200).map(|i| format!("{prefix}{i:03}")).collect();
    check_shards(&words);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Long tokens in mixed scripts: every word is cut to [`MAX_WORD_CHARS`] and the
    /// shards of the words keep their invariants.
    #[test]
    fn long_mixed_tokens_index_within_the_limits(
        parts in proptest::collection::vec(
            ("[a-f0-9]{1,300}|[\u{4e00}-\u{4e20}]{1,300}|[\u{627}-\u{63a}]{1,300}|[A-Za-z+/=]{1,300}", 1..6usize),
            1..40,
        )
    ) {
        let text: String = parts
            .iter()
            .map(|(token, times)| format!("{} ", token.repeat(*times)))
            .collect();
        let mut words = std::collections::BTreeSet::new();
        text::each_word(&text, &mut |w| {
            assert!(w.chars().count() <= MAX_WORD_CHARS);
            words.insert(w.to_string());
        });
        check_shards(&words.into_iter().collect::<Vec<_>>());
    }
}
