//! The surface-form automaton: every name and alias of every entity, searched in one pass.
//!
//! The matcher is built once per site build and shared by every brief. It only finds
//! candidate occurrences; which of them become mentions depends on what came earlier in
//! the article (short names, first mentions), which is [`crate::annotate::mentions`]' job.

use std::borrow::Cow;
use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::annotate::fold::fold_str;

/// Which entity a surface form belongs to; the caller's index.
///
/// The annotation engine never needs to know what an entity is, only to tell them apart,
/// so the caller numbers its actors and locations and maps the numbers back.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct EntityId(pub u32);

/// One way an entity is written in articles: its name, an alias or a short name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Surface {
    /// The entity this form refers to.
    pub entity: EntityId,
    /// The form as the editor typed it; folded like article text before matching.
    pub text: String,
    /// A short form (a person's surname) that is only a mention after a full form of the
    /// same entity appeared earlier in the article, so that "Smith" alone links nobody.
    pub short: bool,
}

/// Who a folded surface form belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Claim {
    /// Exactly one entity: a mention of it.
    One { entity: EntityId, short: bool },
    /// Two or more entities: never guessed, never linked, but it still covers its text so
    /// that a shorter form inside it does not link by accident.
    Ambiguous,
}

/// A whole-word occurrence of a surface form in folded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Byte offset in the folded text.
    pub(crate) start: usize,
    /// Byte offset just past the match in the folded text.
    pub(crate) end: usize,
    /// Whom the matched form belongs to.
    pub(crate) claim: Claim,
}

/// All surface forms of a site compiled into one Aho-Corasick automaton.
pub struct Matcher {
    /// `None` when there are no surfaces (or, in theory, when the automaton is too large
    /// to build; then nothing is linked rather than the build failing).
    automaton: Option<AhoCorasick>,
    /// The claim of each automaton pattern, by pattern index.
    claims: Vec<Claim>,
    /// Forms claimed by more than one entity, sorted by form.
    ambiguous: Vec<(String, Vec<EntityId>)>,
}

impl Matcher {
    /// Compiles the surfaces. Forms are folded and trimmed; empty ones are ignored; a form
    /// given both as short and full for the same entity counts as full.
    pub fn new(surfaces: Vec<Surface>) -> Matcher {
        // folded form -> entity -> short (true only if every listing of it is short)
        let mut forms: BTreeMap<String, BTreeMap<EntityId, bool>> = BTreeMap::new();
        for surface in surfaces {
            let folded = fold_name(&fold_str(&surface.text)).into_owned();
            if folded.is_empty() {
                continue;
            }
            let short = forms
                .entry(folded)
                .or_default()
                .entry(surface.entity)
                .or_insert(surface.short);
            *short &= surface.short;
        }

        let mut patterns = Vec::with_capacity(forms.len());
        let mut claims = Vec::with_capacity(forms.len());
        let mut ambiguous = Vec::new();
        for (form, owners) in forms {
            let claim = match owners.iter().next() {
                Some((&entity, &short)) if owners.len() == 1 => Claim::One { entity, short },
                _ => {
                    ambiguous.push((form.clone(), owners.keys().copied().collect()));
                    Claim::Ambiguous
                }
            };
            patterns.push(form);
            claims.push(claim);
        }

        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .ok()
        };
        Matcher {
            automaton,
            claims,
            ambiguous,
        }
    }

    /// Surface forms claimed by two or more entities (after folding): never linked;
    /// `gloss check` warns so the editor can make them distinct.
    pub fn ambiguous(&self) -> &[(String, Vec<EntityId>)] {
        &self.ambiguous
    }

    /// Every whole-word occurrence in `folded` (text folded with
    /// [`crate::annotate::fold::Folded`]), sorted by start and, at one start, longest
    /// first: the order in which leftmost-longest selection wants to try them.
    pub(crate) fn candidates(&self, folded: &str) -> Vec<Candidate> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let folded = fold_name(folded);
        let folded = folded.as_ref();
        let mut found: Vec<Candidate> = automaton
            .find_overlapping_iter(folded)
            .filter(|m| is_whole_word(folded, m.start(), m.end()))
            .filter_map(|m| {
                let claim = *self.claims.get(m.pattern().as_usize())?;
                Some(Candidate {
                    start: m.start(),
                    end: m.end(),
                    claim,
                })
            })
            .collect();
        found.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        found
    }
}

/// Folds folded text further for names only: a hyphen between two letters or digits is
/// a space, so "al Asad", "al-Asad" and "al\u{00A0}Asad" are one name. Byte offsets do not
/// change (both are one byte), so candidates map back through the text's own fold.
fn fold_name(folded: &str) -> Cow<'_, str> {
    if !folded.contains('-') {
        return Cow::Borrowed(folded);
    }
    let mut out = String::with_capacity(folded.len());
    let mut previous: Option<char> = None;
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        let between_words = c == '-'
            && previous.is_some_and(char::is_alphanumeric)
            && chars.peek().is_some_and(|n| n.is_alphanumeric());
        out.push(if between_words { ' ' } else { c });
        previous = Some(c);
    }
    Cow::Owned(out)
}

/// True when `text[start..end]` is not part of a longer word: the characters around it
/// are not alphanumeric (in any script), and an apostrophe next to it does not join it to
/// a word ("Kata" in "Kata'ib"), except for a possessive "'s" after it.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    let mut back = before.chars().rev();
    match back.next() {
        Some(c) if c.is_alphanumeric() => return false,
        Some('\'') if back.next().is_some_and(char::is_alphanumeric) => return false,
        _ => {}
    }
    let mut ahead = after.chars();
    match ahead.next() {
        Some(c) if c.is_alphanumeric() => false,
        Some('\'') => match ahead.next() {
            Some('s') => !ahead.next().is_some_and(char::is_alphanumeric),
            Some(c) => !c.is_alphanumeric(),
            None => true,
        },
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surface(entity: u32, text: &str) -> Surface {
        Surface {
            entity: EntityId(entity),
            text: text.to_string(),
            short: false,
        }
    }

    fn spans(matcher: &Matcher, text: &str) -> Vec<(usize, usize)> {
        matcher
            .candidates(text)
            .iter()
            .map(|c| (c.start, c.end))
            .collect()
    }

    #[test]
    fn whole_words_only() {
        let m = Matcher::new(vec![surface(0, "Iraq")]);
        assert!(spans(&m, "Iraqi forces").is_empty());
        assert!(spans(&m, "in Iraq").len() == 1);
        assert!(spans(&m, "Iraq's").len() == 1);
        assert!(spans(&m, "militias' Iraq, and").len() == 1);
    }

    #[test]
    fn hyphen_and_space_between_name_words_are_one() {
        let m = Matcher::new(vec![surface(0, "al-Asad"), surface(1, "Abu Mahdi")]);
        assert_eq!(spans(&m, "at al Asad"), vec![(3, 10)]);
        assert_eq!(spans(&m, "at al-Asad"), vec![(3, 10)]);
        assert_eq!(spans(&m, "Abu-Mahdi said"), vec![(0, 9)]);
        // Only between letters: nothing else is loosened.
        assert!(spans(&m, "al - Asad").is_empty());
        assert!(spans(&m, "al-Asadi").is_empty());
        assert!(spans(&m, "alAsad").is_empty());
    }

    #[test]
    fn apostrophe_joins_words() {
        let m = Matcher::new(vec![surface(0, "Kata"), surface(1, "ib")]);
        assert!(spans(&m, "Kata'ib Hezbollah").is_empty());
    }

    #[test]
    fn candidates_sorted_longest_first() {
        let m = Matcher::new(vec![
            surface(0, "al-Asad"),
            surface(0, "Ain al-Asad Air Base"),
        ]);
        assert_eq!(spans(&m, "at Ain al-Asad Air Base"), vec![(3, 23), (7, 14)]);
    }

    #[test]
    fn ambiguous_forms_are_reported() {
        let m = Matcher::new(vec![
            surface(0, "Hezbollah"),
            surface(1, "Hezbollah"),
            surface(1, "Kata\u{2019}ib Hezbollah"),
            surface(2, "Kata'ib Hezbollah"),
        ]);
        assert_eq!(
            m.ambiguous(),
            &[
                ("Hezbollah".to_string(), vec![EntityId(0), EntityId(1)]),
                (
                    "Kata'ib Hezbollah".to_string(),
                    vec![EntityId(1), EntityId(2)]
                ),
            ]
        );
    }

    #[test]
    fn short_and_full_of_one_entity_is_full() {
        let mut s = surface(0, "Marotto");
        s.short = true;
        let m = Matcher::new(vec![s, surface(0, "Marotto")]);
        let c = m.candidates("Marotto");
        assert_eq!(
            c[0].claim,
            Claim::One {
                entity: EntityId(0),
                short: false
            }
        );
    }

    #[test]
    fn empty_matcher_finds_nothing() {
        let m = Matcher::new(vec![surface(0, "  ")]);
        assert!(m.candidates("anything").is_empty());
    }
}
