//! Reading helpers for the brief page: the writing direction of its language (from
//! [`language`](super::language)), one-sentence sidebar summaries, and which sidebar entries
//! are shown before "N more". Kept apart from the page assembly so each rule is small and
//! tested on its own.

pub use super::language::text_direction;

/// The first sentence of a plain-text summary, for the brief sidebars' one-line summaries: it
/// ends at `.`, `!` or `?` followed by a space and a capital (or the end), but not after an
/// initial or a short abbreviation (`U.S.`, `Gen.`, `Col.`). A sentence longer than `max`
/// characters is cut at the last whole word before it, with `…`; a word is never cut.
pub fn first_sentence(text: &str, max: usize) -> String {
    const ABBREVIATIONS: [&str; 12] = [
        "gen", "col", "lt", "maj", "capt", "sgt", "mr", "mrs", "ms", "dr", "st", "no",
    ];
    let text = text.trim();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut end = text.len();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '؟') {
            continue;
        }
        let after = &text[i + c.len_utf8()..];
        let next = after.trim_start_matches(['"', '”', '’', ')']);
        let closer = after.len() - next.len();
        if !(next.is_empty() || next.starts_with(char::is_whitespace)) {
            continue;
        }
        let following = next.trim_start().chars().next();
        if following.is_some_and(|f| f.is_lowercase() || f.is_ascii_digit()) {
            continue;
        }
        if c == '.' {
            let word: String = chars[..k]
                .iter()
                .rev()
                .map(|&(_, ch)| ch)
                .take_while(|ch| !ch.is_whitespace())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let bare = word.trim_start_matches(['(', '"', '“']).to_lowercase();
            let initial = bare.chars().count() == 1 || bare.contains('.');
            if initial || ABBREVIATIONS.contains(&bare.as_str()) {
                continue;
            }
        }
        end = i + c.len_utf8() + closer;
        break;
    }
    let sentence = text[..end].trim();
    if sentence.chars().count() <= max {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(max).collect();
    let at = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    let words = cut[..at].trim_end_matches([',', ';', ':', ' ', '—', '–', '-']);
    format!("{words}…")
}

/// Entities a brief's sidebar shows before folding the rest behind "N more".
pub const SIDEBAR_SHOWN: usize = 5;
/// Prior incidents shown before "N more": as many as `[prior_incidents] max` lists by
/// default, so only a site that asks for more folds them.
pub const PRIOR_SHOWN: usize = 5;
/// Longest one-sentence summary in a sidebar, in characters.
pub const SUMMARY_CHARS: usize = 160;

/// What [`fold_sidebar`] ranks a sidebar entry by. A trait rather than the brief page's
/// entry type, so these rules stay below the page that uses them (the impl is in
/// `page/mod.rs`).
pub trait SidebarRank {
    /// Is the entity listed with a role in this brief?
    fn has_role(&self) -> bool;
    /// How often the article names it.
    fn mentions(&self) -> usize;
}

/// Orders a sidebar by what matters to the story and splits it into the entries shown and
/// those folded behind "N more". `items` holds the `listed` hand-listed entities first (the
/// graph's order); the order is: listed with a role, other listed, then the rest, each by
/// mentions (ties in article order). Entities listed with a role are never folded.
pub fn fold_sidebar<T: SidebarRank>(items: Vec<T>, listed: usize) -> (Vec<T>, Vec<T>) {
    let mut ranked: Vec<(usize, T)> = items.into_iter().enumerate().collect();
    ranked.sort_by_key(|(i, e)| (!e.has_role(), *i >= listed, std::cmp::Reverse(e.mentions())));
    let mut items: Vec<T> = ranked.into_iter().map(|(_, e)| e).collect();
    let with_role = items.iter().filter(|e| e.has_role()).count();
    let more = items.split_off(SIDEBAR_SHOWN.max(with_role).min(items.len()));
    (items, more)
}

#[cfg(test)]
mod tests {
    use super::{SIDEBAR_SHOWN, SidebarRank, first_sentence, fold_sidebar};

    /// A sidebar entry as the ranking sees it.
    struct Entry<'a> {
        name: &'a str,
        role: &'a str,
        count: usize,
    }

    impl SidebarRank for Entry<'_> {
        fn has_role(&self) -> bool {
            !self.role.is_empty()
        }

        fn mentions(&self) -> usize {
            self.count
        }
    }

    fn entity<'a>(name: &'a str, role: &'a str, count: usize) -> Entry<'a> {
        Entry { name, role, count }
    }

    #[test]
    fn sidebars_put_roles_then_listed_then_most_mentioned_first() {
        // Listed: A (no role), B (role). Found in the article: C..H.
        let mut items = vec![entity("A", "", 1), entity("B", "spokesman", 0)];
        for (i, name) in ["C", "D", "E", "F", "G", "H"].iter().enumerate() {
            items.push(entity(name, "", i + 1));
        }
        let (shown, more) = fold_sidebar(items, 2);
        let names: Vec<&str> = shown.iter().map(|e| e.name).collect();
        assert_eq!(names, ["B", "A", "H", "G", "F"]);
        assert_eq!(shown.len(), SIDEBAR_SHOWN);
        let rest: Vec<&str> = more.iter().map(|e| e.name).collect();
        assert_eq!(rest, ["E", "D", "C"]);
        // Entities with roles are never folded, however many.
        let names: Vec<String> = (0..7).map(|i| i.to_string()).collect();
        let many: Vec<Entry> = names.iter().map(|n| entity(n, "role", 0)).collect();
        let (shown, more) = fold_sidebar(many, 7);
        assert_eq!((shown.len(), more.len()), (7, 0));
    }

    #[test]
    fn first_sentence_skips_abbreviations_and_never_cuts_a_word() {
        assert_eq!(
            first_sentence(
                "U.S. Army colonel and spokesman. He reports on attacks.",
                200
            ),
            "U.S. Army colonel and spokesman."
        );
        assert_eq!(
            first_sentence("Led by Gen. Qassem Soleimani until 2020. Then others.", 200),
            "Led by Gen. Qassem Soleimani until 2020."
        );
        assert_eq!(
            first_sentence("No full stop at all", 200),
            "No full stop at all"
        );
        assert_eq!(
            first_sentence("It said \"30 rockets.\" Nobody checked.", 200),
            "It said \"30 rockets.\""
        );
        assert_eq!(
            first_sentence("Version 1.5 of it. More.", 200),
            "Version 1.5 of it."
        );
        let long = first_sentence(
            "An Iran-backed Iraqi Shiite militia within the forces, named in 2021 by the Pentagon.",
            40,
        );
        assert_eq!(long, "An Iran-backed Iraqi Shiite militia…");
        assert!(first_sentence("قاعدة جوية كبيرة. وهي في الأنبار.", 200).ends_with("كبيرة."));
    }
}
