//! Choosing which candidate occurrences are mentions, in document order.
//!
//! Whether an occurrence is a mention, and whether it is linked, depends on the article so
//! far: a short name needs an earlier full name, and in [`LinkMode::First`] only the first
//! mention of an entity is a link. [`MentionState`] carries that memory through one article.

use std::ops::Range;

use rustc_hash::FxHashSet;

use crate::annotate::fold::Folded;
use crate::annotate::matcher::{Claim, EntityId, Matcher};

/// What the renderer needs to link an entity from the brief page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityLink {
    /// `"actor"` or `"location"`: the `data-kind` attribute that styles and scripts use.
    pub kind: &'static str,
    /// The entity's slug: the `data-entity` attribute of a mention that is not a link.
    pub slug: String,
    /// The entity page, already relative to the brief page.
    pub href: String,
}

/// Which mentions of an entity become links (config `[mentions] link`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LinkMode {
    /// Only the first mention in an article links; later ones are marked but not linked,
    /// so a paragraph is not a wall of links.
    #[default]
    First,
    /// Every mention links.
    All,
}

/// One mention found in a piece of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MentionSpan {
    /// Byte range in the original text that was scanned.
    pub(crate) range: Range<usize>,
    /// The entity mentioned.
    pub(crate) entity: EntityId,
    /// Whether to render it as a link (else a span).
    pub(crate) link: bool,
}

/// The memory of one article's mentions so far.
pub(crate) struct MentionState<'m> {
    matcher: &'m Matcher,
    mode: LinkMode,
    /// Entities whose full (non-short) form has appeared.
    introduced: FxHashSet<EntityId>,
    /// Entities already linked once.
    linked: FxHashSet<EntityId>,
}

impl<'m> MentionState<'m> {
    /// A fresh state for one article.
    pub(crate) fn new(matcher: &'m Matcher, mode: LinkMode) -> MentionState<'m> {
        MentionState {
            matcher,
            mode,
            introduced: FxHashSet::default(),
            linked: FxHashSet::default(),
        }
    }

    /// Lets the short names of `entities` match without a full mention first (a note on a
    /// brief that lists them).
    pub(crate) fn introduce(&mut self, entities: &[EntityId]) {
        self.introduced.extend(entities.iter().copied());
    }

    /// The mentions in `text`, the next piece of the article in document order: the
    /// leftmost-longest whole-word occurrences, skipping ambiguous forms and short names
    /// whose entity has not been introduced.
    pub(crate) fn scan(&mut self, text: &str) -> Vec<MentionSpan> {
        let folded = Folded::new(text);
        let mut mentions = Vec::new();
        let mut covered_to = 0;
        for candidate in self.matcher.candidates(&folded.text) {
            if candidate.start < covered_to {
                continue;
            }
            let entity = match candidate.claim {
                Claim::Ambiguous => {
                    covered_to = candidate.end;
                    continue;
                }
                Claim::One { entity, short } => {
                    if short && !self.introduced.contains(&entity) {
                        continue;
                    }
                    if !short {
                        self.introduced.insert(entity);
                    }
                    entity
                }
            };
            covered_to = candidate.end;
            let link = match self.mode {
                LinkMode::All => true,
                LinkMode::First => self.linked.insert(entity),
            };
            mentions.push(MentionSpan {
                range: folded.original_range(candidate.start..candidate.end),
                entity,
                link,
            });
        }
        mentions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::matcher::Surface;

    fn matcher(forms: &[(u32, &str, bool)]) -> Matcher {
        Matcher::new(
            forms
                .iter()
                .map(|&(entity, text, short)| Surface {
                    entity: EntityId(entity),
                    text: text.to_string(),
                    short,
                })
                .collect(),
        )
    }

    fn found<'t>(text: &'t str, spans: &[MentionSpan]) -> Vec<(&'t str, u32, bool)> {
        spans
            .iter()
            .map(|m| (&text[m.range.clone()], m.entity.0, m.link))
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        let m = matcher(&[(0, "al-Asad", false), (0, "Ain al-Asad Air Base", false)]);
        let mut state = MentionState::new(&m, LinkMode::All);
        let text = "Rockets hit Ain al\u{2011}Asad Air Base and al-Asad again.";
        assert_eq!(
            found(text, &state.scan(text)),
            vec![
                ("Ain al\u{2011}Asad Air Base", 0, true),
                ("al-Asad", 0, true)
            ]
        );
    }

    #[test]
    fn alias_inside_longer_name_of_another_entity() {
        let m = matcher(&[(0, "Iraq", false), (1, "Iraq Body Count", false)]);
        let mut state = MentionState::new(&m, LinkMode::All);
        let text = "Iraq Body Count said Iraq lost";
        assert_eq!(
            found(text, &state.scan(text)),
            vec![("Iraq Body Count", 1, true), ("Iraq", 0, true)]
        );
    }

    #[test]
    fn first_mention_links_later_ones_do_not() {
        let m = matcher(&[(0, "KH", false), (0, "Kata'ib Hezbollah", false)]);
        let mut state = MentionState::new(&m, LinkMode::First);
        let a = "Kata\u{2019}ib Hezbollah (KH) said";
        let b = "KH denied it; kh is not KH's name.";
        assert_eq!(
            found(a, &state.scan(a)),
            vec![("Kata\u{2019}ib Hezbollah", 0, true), ("KH", 0, false)]
        );
        assert_eq!(
            found(b, &state.scan(b)),
            vec![("KH", 0, false), ("KH", 0, false)]
        );
    }

    #[test]
    fn short_names_need_a_full_mention_first() {
        let m = matcher(&[(0, "Wayne Marotto", false), (0, "Marotto", true)]);
        let mut state = MentionState::new(&m, LinkMode::All);
        let text = "Marotto spoke. Col. Wayne Marotto said. Marotto\u{2019}s statement";
        assert_eq!(
            found(text, &state.scan(text)),
            vec![("Wayne Marotto", 0, true), ("Marotto", 0, true)]
        );
    }

    #[test]
    fn ambiguous_forms_are_never_linked_and_cover_their_text() {
        let m = matcher(&[(0, "Hezbollah", false), (1, "Hezbollah", false)]);
        let mut state = MentionState::new(&m, LinkMode::All);
        assert!(state.scan("Hezbollah said").is_empty());
    }

    #[test]
    fn possessives_with_both_apostrophes() {
        let m = matcher(&[(0, "Iran", false)]);
        let mut state = MentionState::new(&m, LinkMode::All);
        let text = "Iran's allies and Iran\u{2019}s rivals, not Iranians";
        assert_eq!(
            found(text, &state.scan(text)),
            vec![("Iran", 0, true), ("Iran", 0, true)]
        );
    }

    #[test]
    fn arabic_alias_in_arabic_text() {
        let m = matcher(&[(0, "كتائب حزب الله", false)]);
        let mut state = MentionState::new(&m, LinkMode::All);
        let text = "أعلنت كتائب حزب الله مسؤوليتها، وليس كتائب حزب اللهي";
        assert_eq!(
            found(text, &state.scan(text)),
            vec![("كتائب حزب الله", 0, true)]
        );
    }

    #[test]
    fn case_as_written() {
        let m = matcher(&[(0, "KH", false)]);
        let mut state = MentionState::new(&m, LinkMode::All);
        assert!(state.scan("kh and Kh").is_empty());
    }
}
