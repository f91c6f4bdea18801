//! The web page around a pasted article: what an editor copies along with it when they
//! select the whole page (a menu and a headline above the first paragraph, "Tags:", "More
//! from World" and the next stories' teasers below the last). Each line alone may look
//! like anything, so gloss judges the runs at the two edges: lines of a headline's length
//! without final punctuation before the first sentence, and lines without final punctuation (a list of
//! headlines pasted as one block is long) or cut-off teasers ("…killed 11...") after the
//! last. Nothing here drops anything; `gloss check` names the lines to
//! delete.

use super::lint::unpunctuated;
use super::{Ingested, Paragraph};

/// At most this many characters make a line above the article furniture (a headline may
/// be long).
const HEADLINE: usize = 150;
/// At most this many characters make a teaser cut off with an ellipsis.
const TEASER: usize = 200;

/// Which edge of the article a run of furniture is at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// Before the first paragraph that reads as article text.
    Above,
    /// After the last one.
    Below,
}

/// A run of paragraphs at one edge of an article that look like the page around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Furniture<'a> {
    /// Which edge.
    pub edge: Edge,
    /// The paragraphs, in order (never empty).
    pub paragraphs: &'a [Paragraph],
    /// The article paragraph next to the run: the first one for [`Edge::Above`], the last
    /// one for [`Edge::Below`], so a message can say where the article starts or ends.
    pub next: &'a Paragraph,
}

/// A teaser of another story, cut off with an ellipsis ("…that killed 11...").
fn teaser(text: &str) -> bool {
    let text = text.trim_end();
    (text.ends_with("...") || text.ends_with('\u{2026}')) && text.chars().count() <= TEASER
}

/// The runs of page furniture above and below the article, each only when at least one
/// paragraph of article text lies between them.
pub fn furniture(ingested: &Ingested) -> Vec<Furniture<'_>> {
    let all = ingested.paragraphs.as_slice();
    let top = all
        .iter()
        .take_while(|p| unpunctuated(&p.text) && p.text.chars().count() <= HEADLINE)
        .count();
    let rest = &all[top..];
    let bottom = rest
        .iter()
        .rev()
        .take_while(|p| unpunctuated(&p.text) || teaser(&p.text))
        .count();
    let article = rest.len().saturating_sub(bottom);
    let mut out = Vec::new();
    let (Some(first), Some(last)) = (
        rest.first(),
        article.checked_sub(1).and_then(|i| rest.get(i)),
    ) else {
        return out;
    };
    if top > 0 {
        out.push(Furniture {
            edge: Edge::Above,
            paragraphs: &all[..top],
            next: first,
        });
    }
    if bottom > 0 {
        out.push(Furniture {
            edge: Edge::Below,
            paragraphs: &rest[article..],
            next: last,
        });
    }
    out
}

/// How many words two paragraphs must begin with alike for [`repeats`] to pair them.
const REPEAT_WORDS: usize = 8;

/// The first [`REPEAT_WORDS`] words of a paragraph, lower case, letters and digits only;
/// `None` for a shorter paragraph.
fn opening(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .take(REPEAT_WORDS)
        .map(|w| w.to_lowercase())
        .collect();
    (words.len() == REPEAT_WORDS).then(|| words.join(" "))
}

/// Pairs of paragraphs that begin with the same eight words: a photo caption or a pull
/// quote pasted with the article repeats one of its sentences. Each pair is the earlier
/// paragraph and the first one before it that it repeats.
pub fn repeats<'a>(paragraphs: &[&'a Paragraph]) -> Vec<(&'a Paragraph, &'a Paragraph)> {
    let mut seen: std::collections::HashMap<String, &Paragraph> = Default::default();
    let mut out = Vec::new();
    for &p in paragraphs {
        let Some(key) = opening(&p.text) else {
            continue;
        };
        match seen.get(&key) {
            Some(&first) => out.push((first, p)),
            None => {
                seen.insert(key, p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{ArticleRules, ingest};
    use super::*;

    fn runs(text: &str) -> Vec<(Edge, Vec<usize>, usize)> {
        let ingested = ingest(text, &ArticleRules::default());
        furniture(&ingested)
            .iter()
            .map(|f| {
                let lines = f.paragraphs.iter().map(|p| p.line).collect();
                (f.edge, lines, f.next.line)
            })
            .collect()
    }

    #[test]
    fn a_whole_page_pasted_around_the_article() {
        let text = "Menu\n\nUpdated: 2 min ago\n\nFarmers block the ring road\n\nWIRE |\n\n\
            Farmers blocked the ring road on Monday, the police said.\n\
            Previous protests\n\
            Talks with the ministry failed in March.\n\n\
            Tags: farmers ring road\n\nMORE FROM Region\n\n\
            Ferry strike ends after two days\n\n\
            PORTVILLE: The ferry workers ended their strike on Sunday after the...\n\n\
            Ferry strike ends after two days\nMayor opens the new bridge over the river\n\
            Council votes to close the old market hall in spring\nMost Read\n";
        assert_eq!(
            runs(text),
            [
                (Edge::Above, vec![1, 3, 5, 7], 9),
                (Edge::Below, vec![13, 15, 17, 19, 21, 22, 23], 11),
            ]
        );
    }

    #[test]
    fn article_text_alone_has_no_furniture() {
        // A subheading inside the article is kept; so is an article of short lines only.
        let text = "Farmers blocked the road, the police said.\nTalks\nThey failed in March.\n";
        assert!(runs(text).is_empty());
        assert!(runs("Menu\nHome\nNews\n").is_empty());
        // A first paragraph longer than a headline, even without final punctuation, is
        // article text.
        let long = "Farmers from six villages blocked the ring road for the whole of Monday \
            morning while the police watched from the roundabout and the mayor spoke to \
            them from the town hall steps\nThey left at noon.\n";
        assert!(runs(long).is_empty());
    }

    #[test]
    fn a_right_to_left_headline_and_footer() {
        let text = "\u{0639}\u{0646}\u{0648}\u{0627}\u{0646} \u{0627}\u{0644}\u{062E}\u{0628}\u{0631}\n\n\
            \u{0646}\u{0635} \u{0627}\u{0644}\u{062E}\u{0628}\u{0631} \u{0627}\u{0644}\u{0623}\u{0648}\u{0644}.\n\n\
            \u{062A}\u{0627}\u{0628}\u{0639}\u{0648}\u{0646}\u{0627}\n";
        assert_eq!(
            runs(text),
            [(Edge::Above, vec![1], 3), (Edge::Below, vec![5], 3)]
        );
    }

    #[test]
    fn a_caption_that_repeats_a_sentence() {
        let text = "Farmers blocked the ring road around the city on Monday.(Photo: Wire)\n\
            MARKETVILLE: Hundreds of tractors came in at dawn, the police said.\n\
            Farmers blocked the ring road around the city on Monday, the police said.\n\
            Farmers blocked roads.\nFarmers blocked roads.\n";
        let ingested = ingest(text, &ArticleRules::default());
        let all: Vec<&Paragraph> = ingested.paragraphs.iter().collect();
        let pairs: Vec<(usize, usize)> = repeats(&all)
            .iter()
            .map(|(a, b)| (a.line, b.line))
            .collect();
        // Paragraphs of fewer than eight words are not compared.
        assert_eq!(pairs, [(1, 3)]);
    }
}
