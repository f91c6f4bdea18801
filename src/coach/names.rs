//! Names in an article that no entity claims: capitalised words and runs of them
//! ("Harith al-Sudani", "Camp Taji") that recur, found so that `gloss check` and
//! `gloss new brief --from` can say which people and places still need a file. The site's
//! own matcher decides what is already known, so "known" means exactly "would be linked".

use std::collections::BTreeMap;

use crate::annotate::{EntityId, EntityLink, LinkMode, Matcher, Surface, annotate_plain};

/// One entity's ways of being written, as the matcher sees them.
#[derive(Clone, Debug)]
pub struct Known {
    /// `actor` or `location`.
    pub kind: &'static str,
    /// Its slug.
    pub slug: String,
    /// Its file, to name in hints.
    pub file: std::path::PathBuf,
    /// Name, aliases and (flagged `true`) short names.
    pub forms: Vec<(String, bool)>,
}

impl Known {
    /// One entity's forms from its name, aliases and short names. `gloss check` (from the
    /// resolved corpus) and `gloss new brief --from` (from the loaded files, so a broken
    /// site still gets a brief) both build through here, so they agree on what names an entity.
    pub fn new<'a>(
        kind: &'static str,
        slug: String,
        file: std::path::PathBuf,
        name: &'a str,
        aliases: impl IntoIterator<Item = &'a str>,
        short_names: impl IntoIterator<Item = &'a str>,
    ) -> Known {
        let full = std::iter::once(name)
            .chain(aliases)
            .map(|n| (n.to_string(), false));
        let short = short_names.into_iter().map(|n| (n.to_string(), true));
        Known {
            kind,
            slug,
            file,
            forms: full.chain(short).collect(),
        }
    }
}

/// The site's entities compiled into the matcher the build uses.
pub struct Entities {
    /// In matcher id order.
    pub known: Vec<Known>,
    matcher: Matcher,
    /// Every form squeezed to lower-case letters and digits, with its entity and form index,
    /// for near misses.
    squeezed: Vec<(String, usize, usize)>,
    /// What [`Entities::claims`] said about each name already asked about: names recur
    /// across the briefs of a site.
    claimed: std::sync::Mutex<std::collections::HashMap<String, bool>>,
}

/// Lower-case letters and digits only: "al-Asad" and "al Asad" squeeze to the same text.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Entities {
    /// Compiles every name and alias.
    pub fn new(known: Vec<Known>) -> Entities {
        let surfaces = known
            .iter()
            .enumerate()
            .flat_map(|(i, k)| {
                k.forms.iter().map(move |(text, short)| Surface {
                    entity: EntityId(i as u32),
                    text: text.clone(),
                    short: *short,
                })
            })
            .collect();
        let squeezed = known
            .iter()
            .enumerate()
            .flat_map(|(i, k)| {
                k.forms
                    .iter()
                    .enumerate()
                    .map(move |(f, (form, _))| (squeeze(form), i, f))
            })
            .collect();
        Entities {
            known,
            matcher: Matcher::new(surfaces),
            squeezed,
            claimed: Default::default(),
        }
    }

    /// The entities mentioned in `paragraphs`, in order of first mention, without repeats.
    pub fn mentioned(&self, paragraphs: &[String]) -> Vec<usize> {
        let link = |id: EntityId| EntityLink {
            kind: "actor",
            slug: id.0.to_string(),
            href: String::new(),
        };
        let Ok((_, report)) = annotate_plain(paragraphs, &self.matcher, &[], &link, LinkMode::All)
        else {
            return Vec::new();
        };
        let mut seen = Vec::new();
        for m in report.mentions {
            let index = m.entity.0 as usize;
            if !seen.contains(&index) {
                seen.push(index);
            }
        }
        seen
    }

    /// Is `name` (or a part of it) already linked, or part of a known form (and not a
    /// near miss of one, which the editor should hear about)?
    fn claims(&self, name: &str) -> bool {
        let cached = self.claimed.lock().ok().and_then(|c| c.get(name).copied());
        if let Some(answer) = cached {
            return answer;
        }
        let answer = !self.mentioned(&[name.to_string()]).is_empty()
            || (self.near_miss(name).is_none() && {
                let lower = name.to_lowercase();
                self.known
                    .iter()
                    .flat_map(|k| &k.forms)
                    .any(|(form, _)| form.to_lowercase().contains(&lower))
            });
        if let Ok(mut cache) = self.claimed.lock() {
            cache.insert(name.to_string(), answer);
        }
        answer
    }

    /// A known form that `name` nearly matches ("al Asad" for "al-Asad"): the same letters
    /// with other spacing, hyphens or case, or one letter apart.
    pub fn near_miss(&self, name: &str) -> Option<(&Known, &str)> {
        let wanted = squeeze(name);
        let long = wanted.chars().count() >= 6;
        self.squeezed
            .iter()
            .find(|(have, _, _)| {
                *have == wanted
                    || (long
                        && have.len().abs_diff(wanted.len()) <= 4
                        && strsim::damerau_levenshtein(have, &wanted) == 1)
            })
            .map(|(_, k, f)| {
                let known = &self.known[*k];
                (known, known.forms[*f].0.as_str())
            })
    }
}

/// A name that recurs in the article but that no entity claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unlinked {
    /// The name as written (its first occurrence).
    pub name: String,
    /// How many times it occurs.
    pub count: usize,
    /// Byte offset of its first occurrence in the text searched.
    pub first: usize,
}

/// A capitalised word that is not a name by itself: a common word or a month.
fn is_common(word: &str) -> bool {
    COMMON.contains(&word) || crate::model::MONTHS.contains(&word)
}

/// Capitalised words that start sentences or are not names (months are in [`MONTHS`]).
///
/// [`MONTHS`]: crate::model::MONTHS
const COMMON: &[&str] = &[
    "A",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "No",
    "Not",
    "Of",
    "On",
    "Or",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "With",
    "Yet",
    "After",
    "Before",
    "Since",
    "Some",
    "One",
    "Two",
    "Three",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Photo",
    "Reporting",
    "Editing",
    "Read",
    "More",
    "Also",
    "According",
    "Officials",
    "Meanwhile",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "During",
    "All",
    "Col",
    "Gen",
    "Lt",
    "Maj",
    "Sgt",
    "Capt",
    "Adm",
    "Gov",
    "Sen",
    "Rep",
    "Pres",
    "Prof",
    "St",
];

/// Lower-case words allowed inside a name ("Harith al Sudani", "Bank of Baghdad").
const JOINERS: &[&str] = &[
    "al", "el", "bin", "ibn", "abu", "of", "de", "la", "van", "von", "der",
];

fn capitalised(word: &str) -> bool {
    let starts_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    starts_upper(word) || word.split(['-', '\'']).skip(1).any(starts_upper)
}

/// Every run of capitalised words in `text` occurring at least twice (single words only
/// counted when seen at least once away from the start of a sentence) that no entity claims.
pub fn unlinked(text: &str, entities: &Entities) -> Vec<Unlinked> {
    // (word, start, end, starts a sentence)
    let mut words: Vec<(&str, usize, usize, bool)> = Vec::new();
    let mut sentence_start = true;
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let in_word =
            c.is_alphanumeric() || c == '-' || ((c == '\'' || c == '’') && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = text[s..i].trim_end_matches(['-', '\'', '’']);
                let word = word
                    .strip_suffix("'s")
                    .or_else(|| word.strip_suffix("’s"))
                    .unwrap_or(word);
                words.push((word, s, s + word.len(), sentence_start));
                sentence_start = false;
                start = None;
            }
            _ => {}
        }
        if matches!(c, '.' | '!' | '?' | '\n' | '"' | '“' | ':') {
            sentence_start = true;
        }
    }
    // Runs of capitalised words, adjacent with only spaces between.
    let mut found: BTreeMap<String, (usize, usize, bool)> = BTreeMap::new();
    let mut i = 0;
    while i < words.len() {
        let (word, s, _, at_start) = words[i];
        // "al Asad": a joiner may open a name when a capitalised word follows it.
        let opens = ["al", "el", "bin", "ibn", "abu"].contains(&word)
            && words
                .get(i + 1)
                .is_some_and(|w| capitalised(w.0) && text[words[i].2..w.1] == *" ");
        if !opens
            && (word.chars().count() < 2 || !capitalised(word) || (is_common(word) && at_start))
        {
            i += 1;
            continue;
        }
        let mut j = if opens { i + 1 } else { i };
        let mut end = words[j].2;
        while j + 1 < words.len() {
            let (next, ns, ne, _) = words[j + 1];
            let gap = &text[end..ns];
            if !gap.chars().all(|c| c == ' ') || gap.len() != 1 || next.is_empty() {
                break;
            }
            if capitalised(next) && next.chars().count() >= 2 {
                j += 1;
                end = ne;
            } else if JOINERS.contains(&next)
                && words
                    .get(j + 2)
                    .is_some_and(|w| capitalised(w.0) && text[ne..w.1] == *" ")
            {
                j += 2;
                end = words[j].2;
            } else {
                break;
            }
        }
        let name = &text[s..end];
        let single = i == j && !opens;
        if !(single && is_common(word)) {
            let entry = found.entry(name.to_string()).or_insert((0, s, false));
            entry.0 += 1;
            entry.2 |= !at_start || !single;
        }
        i = j + 1;
    }
    let mut out: Vec<Unlinked> = found
        .into_iter()
        .filter(|(_, (count, _, away))| *count >= 2 && *away)
        .filter(|(name, _)| !entities.claims(name))
        .map(|(name, (count, first, _))| Unlinked { name, count, first })
        .collect();
    out.sort_by_key(|u| u.first);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities() -> Entities {
        Entities::new(vec![Known {
            kind: "location",
            slug: "ain-al-asad".into(),
            file: "content/locations/ain-al-asad.md".into(),
            forms: vec![("Ain al-Asad".into(), false), ("al-Asad".into(), false)],
        }])
    }

    #[test]
    fn recurring_names_that_no_entity_claims() {
        let text = "The rockets hit Ain al-Asad. Harith al Sudani said so. \
                    Later Harith al Sudani spoke at Camp Taji, near Ain al-Asad. The base \
                    was quiet. Camp Taji was hit too.";
        let names: Vec<String> = unlinked(text, &entities())
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert_eq!(names, ["Harith al Sudani", "Camp Taji"]);
    }

    #[test]
    fn near_misses_ignore_spacing_and_hyphens() {
        let e = entities();
        assert_eq!(e.near_miss("al Asad").map(|(_, f)| f), Some("al-Asad"));
        assert!(e.near_miss("Baghdad").is_none());
    }
}
