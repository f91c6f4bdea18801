//! Names in an article that no entity claims: capitalised words and runs of them
//! ("Harith al-Sudani", "Camp Taji") that recur, found so that `gloss check` and
//! `gloss new brief --from` can say which people and places still need a file. The site's
//! own matcher decides what is already known, so "known" means exactly "would be linked".

use std::collections::BTreeMap;

use super::words::{JOINERS, all_adjectives, capitalised, is_common, is_place, place_before};
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
    /// A country or place ("Iraq", "Camp Taji", or seen after "in"): suggested as a
    /// location first.
    pub place: bool,
    /// The last word when it recurs alone after the full name ("Marotto"): a short name.
    pub short: Option<String>,
}

/// One word of an article: its text (without a possessive `'s`), its byte range, and
/// whether it starts a sentence.
struct Word<'t> {
    text: &'t str,
    start: usize,
    end: usize,
    at_start: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
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
                words.push(Word {
                    text: word,
                    start: s,
                    end: s + word.len(),
                    at_start: sentence_start,
                });
                sentence_start = false;
                start = None;
            }
            _ => {}
        }
        if matches!(c, '.' | '!' | '?' | '\n' | '"' | '“' | ':') {
            sentence_start = true;
        }
    }
    words
}

/// What the article shows of one run of capitalised words.
#[derive(Default)]
struct Run {
    count: usize,
    first: usize,
    /// Seen away from the start of a sentence, or longer than one word.
    away: bool,
    /// Seen right after "in", "near"…
    place: bool,
}

/// The last word of the name run starting at `words[i]`, or `None` when no name starts
/// there. Names are capitalised words adjacent with one space between, joined by "al",
/// "bin", "of"…
fn run_end(text: &str, words: &[Word<'_>], i: usize) -> Option<usize> {
    let word = &words[i];
    // "al Asad": a joiner may open a name when a capitalised word follows it.
    let opens = ["al", "el", "bin", "ibn", "abu"].contains(&word.text)
        && words
            .get(i + 1)
            .is_some_and(|w| capitalised(w.text) && text[word.end..w.start] == *" ");
    if !opens
        && (word.text.chars().count() < 2
            || !capitalised(word.text)
            || (is_common(word.text) && word.at_start))
    {
        return None;
    }
    let mut j = if opens { i + 1 } else { i };
    while let Some(next) = words.get(j + 1) {
        if text[words[j].end..next.start] != *" " || next.text.is_empty() {
            break;
        }
        if capitalised(next.text) && next.text.chars().count() >= 2 {
            j += 1;
        } else if JOINERS.contains(&next.text)
            && words
                .get(j + 2)
                .is_some_and(|w| capitalised(w.text) && text[next.end..w.start] == *" ")
        {
            j += 2;
        } else {
            break;
        }
    }
    Some(j)
}

/// Every run of capitalised words in `text`, by the name it spells.
fn runs(text: &str, words: &[Word<'_>]) -> BTreeMap<String, Run> {
    let mut found: BTreeMap<String, Run> = BTreeMap::new();
    let mut i = 0;
    while i < words.len() {
        let Some(j) = run_end(text, words, i) else {
            i += 1;
            continue;
        };
        let (start, end) = (words[i].start, words[j].end);
        let single = i == j;
        if !(single && is_common(words[i].text)) {
            let entry = found.entry(text[start..end].to_string()).or_insert(Run {
                first: start,
                ..Run::default()
            });
            entry.count += 1;
            entry.away |= !words[i].at_start || !single;
            entry.place |= place_before(&text[..start]);
        }
        i = j + 1;
    }
    found
}

/// What to do about an unlinked name: the `gloss new` command (a location first for a
/// country or place), the short name to add, and the ignore lists.
pub fn hint(name: &Unlinked) -> String {
    let quoted = name.name.replace('"', "\\\"");
    let (kind, other) = name.kinds();
    let short = match &name.short {
        Some(short) => format!(" and give it `short_names = [\"{short}\"]`"),
        None => String::new(),
    };
    format!(
        "make a page for it with `gloss new {kind} \"{quoted}\"` (or `gloss new {other} \"{quoted}\"`){short}, or add it to the aliases of an existing one; if it needs no page, add it to `ignore_names` in the brief or in `[check]` of config.toml"
    )
}

impl Unlinked {
    /// The kind of page to suggest first, and the other one.
    pub fn kinds(&self) -> (&'static str, &'static str) {
        if self.place {
            ("location", "actor")
        } else {
            ("actor", "location")
        }
    }
}

/// Names written the same up to case and spacing, for the ignore lists.
pub fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

/// Every run of capitalised words in `text` that no entity claims and that is worth a
/// page: one occurring at least twice (single words only when seen at least once away from
/// the start of a sentence), or a name of several words seen once whose last word recurs
/// on its own ("Wayne Marotto", then "Col. Marotto"). Adjectives and demonyms ("Iraqi",
/// "Iran-backed") and the names in `ignore` are left out.
pub fn unlinked(text: &str, entities: &Entities, ignore: &[String]) -> Vec<Unlinked> {
    let mut out = candidates(text, entities);
    out.retain(|u| !ignore.iter().any(|i| same_name(i, &u.name)));
    out
}

/// [`unlinked`] before the ignore lists: every name worth suggesting.
pub fn candidates(text: &str, entities: &Entities) -> Vec<Unlinked> {
    let words = words(text);
    let found = runs(text, &words);
    let alone = |last: &str| found.get(last).map_or(0, |r| r.count);
    // Surnames that recur after a full name seen once: the full name is suggested instead.
    let mut surnames: BTreeMap<&str, &str> = BTreeMap::new();
    for name in found.keys() {
        let last = name.rsplit(' ').next().unwrap_or(name);
        if name.contains(' ') && alone(last) > 0 && !all_adjectives(last) {
            surnames.insert(last, name);
        }
    }
    let mut out: Vec<Unlinked> = found
        .iter()
        .filter_map(|(name, run)| {
            let last = name.rsplit(' ').next().unwrap_or(name);
            let (count, short) = match surnames.get(last) {
                Some(full) if *full == name => (run.count + alone(last), Some(last.to_string())),
                Some(_) if !name.contains(' ') => return None,
                _ => (run.count, None),
            };
            let worth = count >= 2 && (run.away || short.is_some());
            (worth && !all_adjectives(name)).then(|| Unlinked {
                name: name.clone(),
                count,
                first: run.first,
                place: run.place || is_place(name),
                short,
            })
        })
        .filter(|u| !entities.claims(&u.name))
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
        let names: Vec<String> = unlinked(text, &entities(), &[])
            .into_iter()
            .map(|u| u.name)
            .collect();
        assert_eq!(names, ["Harith al Sudani", "Camp Taji"]);
    }

    #[test]
    fn adjectives_countries_surnames_and_ignored_names() {
        let text = "Iraqi officials said Iran-backed groups fired. The Iraqi army and \
                    American troops were in Syria. Col. Wayne Marotto spoke. Later \
                    Col. Marotto spoke again, and rockets fell in Syria. The Pentagon said \
                    nothing; later the Pentagon spoke.";
        let found = unlinked(text, &entities(), &[]);
        let names: Vec<&str> = found.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["Syria", "Wayne Marotto", "Pentagon"]);
        assert_eq!(found[0].kinds().0, "location");
        assert_eq!(found[1].kinds().0, "actor");
        assert_eq!(
            (found[1].count, found[1].short.as_deref()),
            (2, Some("Marotto"))
        );
        assert!(hint(&found[1]).contains("short_names = [\"Marotto\"]"));
        assert!(
            hint(&found[0]).starts_with("make a page for it with `gloss new location \"Syria\"`")
        );
        let ignored = unlinked(text, &entities(), &["pentagon".to_string()]);
        assert_eq!(ignored.len(), 2);
    }

    #[test]
    fn near_misses_ignore_spacing_and_hyphens() {
        let e = entities();
        assert_eq!(e.near_miss("al Asad").map(|(_, f)| f), Some("al-Asad"));
        assert!(e.near_miss("Baghdad").is_none());
    }
}
