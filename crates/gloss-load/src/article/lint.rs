//! Lines of a pasted article that are probably not article text: a headline pasted above
//! the first paragraph, a byline, and website clutter ("Follow us on Telegram", "Latest
//! headlines") that the built-in drop patterns do not cover. Nothing here drops anything:
//! `gloss check` warns at the line with a `drop` pattern that removes it (see
//! [`drop_pattern`]), so text that only looks like clutter is never lost silently.

use std::sync::OnceLock;

use regex::Regex;

use super::{Ingested, Paragraph};

/// Why a paragraph looks like something other than article text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suspect {
    /// The first paragraph is close to the brief's title.
    NearTitle,
    /// The first paragraph is a title-case line without final punctuation.
    Headline,
    /// The first paragraph is "By …".
    Byline,
    /// A short line in the words of website clutter (follow, share, latest, click…).
    Clutter,
}

/// At most this many characters make a "short" line.
const SHORT: usize = 80;

/// Does the text end without a sentence's final punctuation?
pub fn unpunctuated(text: &str) -> bool {
    !text.trim_end().ends_with([
        '.', '!', '?', '…', '"', '\u{201D}', '\u{2019}', '\'', ')', ';', ',', '\u{00BB}',
        '\u{3002}', '\u{061F}', '\u{06D4}',
    ])
}

/// A short line without final punctuation: the shape of a menu item or a button.
pub fn is_short_unpunctuated(text: &str) -> bool {
    text.chars().count() <= SHORT && unpunctuated(text) && text.split_whitespace().count() <= 10
}

/// Lower-case words of letters and digits, one space apart, for comparing with a title.
fn words(text: &str) -> String {
    let kept: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Is `line` the title, near enough (a typo, a changed word, the outlet's name added, or
/// words the editor left out of the title)?
pub fn near_title(line: &str, title: &str) -> bool {
    let raw = line;
    let (line, title) = (words(line), words(title));
    // A paragraph much longer than the title is not it (and comparing is bounded work).
    if line.is_empty() || title.is_empty() || line.len() > title.len() * 2 + 20 {
        return false;
    }
    let contains = line.contains(&title) && line.len() <= title.len() * 2;
    contains
        || strsim::normalized_levenshtein(&line, &title) >= 0.7
        || (unpunctuated(raw) && keeps_words(&line, &title))
}

/// Does one keep the other's words in order, with at most as many again (a headline the
/// editor shortened for the title: "Six security officials killed in Hangu blast" for "Six
/// killed in Hangu blast")? At least three words must be shared.
fn keeps_words(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 3 || long.len() > short.len() * 2 {
        return false;
    }
    let mut rest = long.iter();
    short.iter().all(|w| rest.any(|l| l == w))
}

/// Title case: most words of four letters or more start with a capital.
fn title_case(line: &str) -> bool {
    let all: Vec<&str> = line.split_whitespace().collect();
    if !(3..=20).contains(&all.len()) {
        return false;
    }
    let long: Vec<&str> = all
        .iter()
        .copied()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capital = long
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    long.len() >= 2 && capital * 5 >= long.len() * 4
}

/// What the first paragraph looks like, if not article text. Only a first paragraph with
/// more article after it is judged.
pub fn first_paragraph<'a>(
    ingested: &'a Ingested,
    title: &str,
) -> Option<(&'a Paragraph, Suspect)> {
    let [first, _, ..] = ingested.paragraphs.as_slice() else {
        return None;
    };
    let text = first.text.as_str();
    let kind = if near_title(text, title) {
        Suspect::NearTitle
    } else if text.starts_with("By ") && is_short_unpunctuated(text) && title_case(text) {
        Suspect::Byline
    } else if text.chars().count() <= 150 && unpunctuated(text) && title_case(text) {
        Suspect::Headline
    } else {
        return None;
    };
    Some((first, kind))
}

/// The 0-based line of a markdown article's first line when it is nearly the title (a
/// pasted headline, as a heading or not) and more text follows.
pub fn markdown_headline(text: &str, title: &str) -> Option<usize> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (at, first) = lines.next()?;
    lines.next()?;
    let heading = first.trim().trim_start_matches('#').trim();
    near_title(heading, title).then_some(at)
}

/// The words of website clutter, at the start of a short line.
fn clutter_words() -> Option<&'static Regex> {
    static CLUTTER: OnceLock<Option<Regex>> = OnceLock::new();
    CLUTTER
        .get_or_init(|| {
            Regex::new(
                r"(?i)^(?:related\b|more (?:from|on|stories|news)\b|latest\b|follow\b|like us\b|share\b|subscribe\b|sign up\b|click\b|tap here\b|download\b|get the app\b|watch\b|listen\b|trending\b|most (?:read|popular|viewed|shared)\b|recommended\b|also read\b|see also\b|you (?:may|might) also like\b|don'?t miss\b|top stories\b|editor'?s picks?\b|join (?:us|our)\b|newsletter\b|advert|sponsored\b)",
            )
            .ok()
        })
        .as_ref()
}

/// Short, unpunctuated paragraphs in the words of website clutter, or a dateline alone.
pub fn clutter(ingested: &Ingested) -> Vec<&Paragraph> {
    let Some(words) = clutter_words() else {
        return Vec::new();
    };
    ingested
        .paragraphs
        .iter()
        .filter(|p| {
            is_short_unpunctuated(&p.text) && (words.is_match(&p.text) || is_dateline(&p.text))
        })
        .collect()
}

/// A dateline alone on its line ("HANGU:", "NEW DELHI —", "BAGHDAD (Reuters) -",
/// "Baghdad (AP) —"), as some sites set it above the first paragraph: the outlet's, not a
/// paragraph of the article. The place is in capitals, or in title case when a dash or an
/// agency's credit marks it (a title-case line ending in a colon is more often a subheading).
pub fn is_dateline(text: &str) -> bool {
    let text = text.trim_end();
    let Some(place) = text.strip_suffix([':', '\u{2014}', '\u{2013}', '-']) else {
        return false;
    };
    let (place, credited) = without_credit(place.trim_end());
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let dashed = !text.ends_with(':');
    letters >= 3
        && place.chars().count() <= 40
        && (in_capitals(place) || ((credited || dashed) && in_title_case(place)))
}

/// The place without an agency's credit in parentheses after it ("BAGHDAD (Reuters)"), and
/// whether there was one.
fn without_credit(place: &str) -> (&str, bool) {
    let credit = place.strip_suffix(')').and_then(|p| p.rsplit_once('('));
    match credit {
        Some((before, credit))
            if (1..=30).contains(&credit.chars().count()) && !credit.contains(')') =>
        {
            (before.trim_end(), true)
        }
        _ => (place, false),
    }
}

/// "NEW DELHI", "ST. JOHN'S".
fn in_capitals(place: &str) -> bool {
    (place.chars()).all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | ',' | '\'' | '-'))
}

/// At most four words, each a capital and then letters: "Baghdad", "Ain al-Asad" is not
/// (a lower-case particle), "New Delhi, India" is.
fn in_title_case(place: &str) -> bool {
    let words: Vec<&str> = place.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    words.len() <= 4
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-'))
        })
}

/// The `[article] drop` pattern that removes exactly this paragraph: the text, escaped,
/// anchored at both ends.
pub fn drop_pattern(text: &str) -> String {
    format!("^{}$", regex::escape(text.trim()))
}

/// `pattern` as a TOML string to paste into `drop = […]`: a literal string where it can be,
/// else a basic string with its escapes.
pub fn toml_string(pattern: &str) -> String {
    let literal_ok =
        !pattern.contains('\'') && !pattern.chars().any(|c| c.is_control() && c != '\t');
    if literal_ok {
        return format!("'{pattern}'");
    }
    let mut out = String::from("\"");
    for c in pattern.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::super::{ArticleRules, ingest};
    use super::*;

    fn first(text: &str, title: &str) -> Option<(usize, Suspect)> {
        let ingested = ingest(text, &ArticleRules::default());
        first_paragraph(&ingested, title).map(|(p, s)| (p.line, s))
    }

    #[test]
    fn datelines_alone_on_their_line() {
        for dateline in [
            "HANGU:",
            "NEW DELHI \u{2014}",
            "BAGHDAD (Reuters) -",
            "Baghdad (AP) \u{2014}",
            "New Delhi, India -",
            "Erbil (AFP):",
        ] {
            assert!(is_dateline(dateline), "{dateline}");
        }
        for not in [
            "Background:",
            "What happened next:",
            "He said -",
            "Ain al-Asad (the base) is large -",
            "BAGHDAD",
            "A (very long credit that runs past thirty characters) -",
        ] {
            assert!(!is_dateline(not), "{not}");
        }
    }

    #[test]
    fn headline_like_first_lines() {
        let body = "\nRockets struck the base on Wednesday, officials said.\n";
        let near = format!("Rockets Hit Ain al-Asad Base | Reuters{body}");
        assert_eq!(
            first(&near, "Rockets hit Ain al-Asad base"),
            Some((1, Suspect::NearTitle))
        );
        let typo = format!("Rocket hits Ain al-Asad air base{body}");
        assert_eq!(
            first(&typo, "Rockets hit Ain al-Asad air base"),
            Some((1, Suspect::NearTitle))
        );
        let shortened = format!("Six farm workers hurt in Dunmore barn fire{body}");
        assert_eq!(
            first(&shortened, "Six hurt in Dunmore barn fire"),
            Some((1, Suspect::NearTitle))
        );
        let sentence = format!("Six of us got hurt in the Dunmore barn fire yesterday.{body}");
        assert_eq!(first(&sentence, "Six hurt in Dunmore barn fire"), None);
        let cased = format!("Iraqi Militias Escalate Their Campaign Against Bases{body}");
        assert_eq!(first(&cased, "A brief"), Some((1, Suspect::Headline)));
        let byline = format!("By Jane Arraf and Falih Hassan{body}");
        assert_eq!(first(&byline, "A brief"), Some((1, Suspect::Byline)));
        // Article text, a lone paragraph, a sentence-case line: not suspects.
        assert_eq!(first(&format!("Officials Said So.{body}"), "A brief"), None);
        assert_eq!(first("Iraqi Militias Escalate Their Campaign", "x"), None);
        assert_eq!(first(&format!("Rockets struck the base{body}"), "x"), None);
    }

    #[test]
    fn clutter_lines_are_found_and_sentences_kept() {
        let text = "Rockets struck.\nFollow Us on Telegram\nLatest Headlines\n\
            Watch: the moment the rockets hit\nFollowing the attack, troops moved.\n\
            Share\nRelated coverage from the region, in a long sentence that ends.\n\
            RELATED Iraq's militias step up attacks\nDownload our app for alerts\nRelated\n\
            PORTVILLE:\nNEW DELHI \u{2014}\nThe mayor said:\nUN:\n";
        let ingested = ingest(text, &ArticleRules::default());
        let found: Vec<usize> = clutter(&ingested).iter().map(|p| p.line).collect();
        // Datelines alone count; a sentence-case line ending in a colon or a short
        // acronym do not.
        assert_eq!(found, [4, 6, 9, 11, 12]);
        // The most common ones are built-in drop patterns, reported as dropped by check.
        let dropped: Vec<usize> = ingested.removed.iter().map(|r| r.line).collect();
        assert_eq!(dropped, [2, 3, 8, 10]);
    }

    proptest::proptest! {
        /// Whatever the line, its suggested pattern is valid TOML and a valid regex that
        /// matches the line as ingest sees it (trimmed).
        #[test]
        fn every_suggested_pattern_matches_its_line(line in "[^\n\r]{1,60}") {
            let config = format!("drop = [{}]", toml_string(&drop_pattern(&line)));
            let parsed: toml::Table = toml::from_str(&config).expect("valid TOML");
            let pattern = parsed["drop"][0].as_str().expect("a string");
            let regex = regex::Regex::new(pattern).expect("a valid regex");
            proptest::prop_assert!(regex.is_match(line.trim()), "{config}");
        }
    }

    #[test]
    fn a_markdown_heading_like_the_title() {
        let text = "\n# Rockets hit Ain al-Asad again\n\nAt least 14 rockets struck.\n";
        assert_eq!(markdown_headline(text, "Rockets hit Ain al-Asad"), Some(1));
        assert_eq!(markdown_headline(text, "A drone strikes Erbil"), None);
        assert_eq!(
            markdown_headline("# Rockets hit Ain al-Asad\n", "Rockets hit Ain al-Asad"),
            None
        );
    }

    #[test]
    fn the_seed_article_has_no_suspect_line() {
        let seed =
            crate::testing::seed::repository().join("../shared/seed/000_205e801ed5c03a82.txt");
        let Ok(text) = std::fs::read_to_string(&seed) else {
            eprintln!("skipped: {} is not here", seed.display());
            return;
        };
        let ingested = ingest(&text, &ArticleRules::default());
        let title = "Two U.S. troops hurt in rocket attack on Ain al-Asad Air Base";
        assert_eq!(first_paragraph(&ingested, title).map(|(p, _)| p.line), None);
        assert!(clutter(&ingested).is_empty());
        let dropped: Vec<usize> = ingested
            .removed
            .iter()
            .filter(|r| r.pattern.is_some())
            .map(|r| r.line)
            .collect();
        assert_eq!(dropped, [21], "only the comment-policy line is dropped");
    }

    #[test]
    fn the_suggested_pattern_drops_the_line_when_applied() {
        for line in [
            "Follow Us on Telegram",
            "Don't miss: [live] (updates) *now* $5 a^b | c",
            "Say \"hi\" \\ bye",
        ] {
            let config = format!("drop = [{}]", toml_string(&drop_pattern(line)));
            let parsed: toml::Table = toml::from_str(&config).expect("valid TOML");
            let pattern = parsed["drop"][0].as_str().expect("a string").to_string();
            let rules = ArticleRules::new(&[pattern], &[]).expect("a valid regex");
            let text = format!("First paragraph.\n{line}\nLast paragraph.\n");
            let ingested = ingest(&text, &rules);
            let kept: Vec<&str> = ingested
                .paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect();
            assert_eq!(kept, ["First paragraph.", "Last paragraph."], "{config}");
        }
    }
}
