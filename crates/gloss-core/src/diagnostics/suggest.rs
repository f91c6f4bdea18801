//! Hints for a misspelt slug or name: the closest existing one, by edit distance, so an
//! editor who typed `kataib-hezbolah` is told the file that exists.

/// The existing name closest to a misspelt one, to suggest in a hint.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(wanted, c), c))
        .min()
        .filter(|(distance, c)| *distance <= wanted.len().max(c.len()) / 2 + 1)
        .map(|(_, c)| c)
}

/// "did you mean `x`?" or a pointer at where the valid names live.
pub fn suggest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    folder: &str,
) -> String {
    match nearest(wanted, candidates) {
        Some(close) => {
            format!("did you mean `{close}`? (existing slugs are the file names in {folder})")
        }
        None => format!("no similar slug exists; create {folder}{wanted}.md or fix the spelling"),
    }
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn nearest_ignores_far_names() {
        assert_eq!(
            nearest("kataib-hezbolah", ["kataib-hezbollah", "iran"]),
            Some("kataib-hezbollah")
        );
        assert_eq!(nearest("zzzzzzzz", ["iran"]), None);
    }
}
