//! Ingesting a pasted `article.txt`: decoding, paragraphs, boilerplate and credits.
//!
//! Editors paste articles straight from news sites, so the text comes with share buttons,
//! comment-policy lines and contributor lines mixed in. This module turns it into the
//! article's paragraphs and the brief's credits; it never interprets the text as markdown
//! or HTML (the renderer escapes it), and keeps its typography as written.

use std::fmt;

use regex::Regex;

/// Built-in patterns for lines that are site chrome, not article text. Each is matched
/// against a whole trimmed line or paragraph; lengths are capped so a real paragraph that
/// happens to start the same way is kept.
const DROP: &[&str] = &[
    r"(?i)^click (?:here )?to (?:read more(?: and view comments)?|hide|view comments|show comments)\.?$",
    r"(?i)^(?:comments are moderated|please read our comment policy|comment policy)\b.{0,300}$",
    r"(?i)^(?:view|show|hide|load|post|add|leave a) comments?(?: \(\d+\))?$",
    r"(?i)^sign up (?:for|to receive)\b.{0,150}\bnewsletters?\b.{0,150}$",
    r"(?i)^subscribe\b.{0,150}$",
    r"(?i)^share (?:this|the) (?:article|story|post|page)\b.{0,40}$",
    r"(?i)^share (?:on|via|to) (?:facebook|twitter|x|linkedin|whatsapp|reddit|telegram|e-?mail)\.?$",
    r"(?i)^(?:advertisement|advertising|sponsored content)$",
    r"(?i)^(?:read more|continue reading)\.?$",
    r"(?i)^read more\s*[:»›>\-–—].{0,300}$",
    r"(?i)^related(?: (?:stories|articles|coverage|content|reading))?\s*:.{0,300}$",
    r"(?i)^story continues below(?: advertisement)?\.?$",
    r"(?i)^skip to (?:main )?content$",
    r"(?i)^(?:copyright\b|©|\(c\)).{0,300}\ball rights reserved\.?$",
];

/// Built-in patterns for contributor and contact lines, which become credits. The
/// optional leading bullet is removed from the credit's text.
const CREDITS: &[&str] = &[
    r"(?i)^(?:[•*·\-–—]\s*)?\S.{0,200}\bcontributed (?:to )?(?:this )?(?:report|reporting|story|article)\.?$",
    r"(?i)^(?:[•*·\-–—]\s*)?\S.{0,200}\bcan be reached at\b.{1,200}$",
    r"(?i)^(?:[•*·\-–—]\s*)?(?:additional )?(?:reporting|writing|editing) by\b.{1,300}$",
];

/// Bullets a credit line may start with.
const BULLETS: &[char] = &['•', '*', '·', '-', '–', '—'];

/// The compiled drop and credit patterns: built-ins plus the site's own.
#[derive(Clone, Debug)]
pub struct ArticleRules {
    drop: Vec<Regex>,
    credits: Vec<Regex>,
}

/// A site pattern (config `[article] drop` or `credits`) that is not a valid regex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// True for the `credits` list, false for `drop`.
    pub credits: bool,
    /// Index of the pattern in its list.
    pub index: usize,
    /// The regex engine's explanation.
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = if self.credits { "credits" } else { "drop" };
        write!(
            f,
            "[article] {list} pattern {} is not a valid regular expression: {}",
            self.index + 1,
            self.message
        )
    }
}

impl std::error::Error for PatternError {}

impl ArticleRules {
    /// Built-in defaults plus the site's extra patterns (from config `[article] drop`,
    /// `credits`), so a site only lists what is peculiar to its sources. Site patterns
    /// are searched anywhere in a line; anchor them with `^`/`$` to match whole lines.
    pub fn new(extra_drop: &[String], extra_credits: &[String]) -> Result<Self, PatternError> {
        Ok(ArticleRules {
            drop: compile(DROP, extra_drop, false)?,
            credits: compile(CREDITS, extra_credits, true)?,
        })
    }

    fn is_drop(&self, line: &str) -> bool {
        self.drop.iter().any(|r| r.is_match(line))
    }

    fn is_credit(&self, line: &str) -> bool {
        self.credits.iter().any(|r| r.is_match(line))
    }
}

impl Default for ArticleRules {
    /// The built-in patterns alone.
    fn default() -> Self {
        ArticleRules {
            drop: compile(DROP, &[], false).unwrap_or_default(),
            credits: compile(CREDITS, &[], true).unwrap_or_default(),
        }
    }
}

/// Compiles built-ins (known good, checked by a test) and then the site's patterns.
fn compile(builtin: &[&str], extra: &[String], credits: bool) -> Result<Vec<Regex>, PatternError> {
    let mut compiled: Vec<Regex> = builtin.iter().filter_map(|p| Regex::new(p).ok()).collect();
    for (index, pattern) in extra.iter().enumerate() {
        let regex = Regex::new(pattern).map_err(|e| PatternError {
            credits,
            index,
            message: e.to_string(),
        })?;
        compiled.push(regex);
    }
    Ok(compiled)
}

/// One paragraph of the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// The paragraph's text, trimmed, lines joined with single spaces.
    pub text: String,
    /// 1-based line in the file where it starts, for diagnostics.
    pub line: usize,
}

/// An ingested article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ingested {
    /// The article's paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Contributor and contact lines, without leading bullets, in order.
    pub credits: Vec<String>,
}

/// Where an `article.txt` stops being UTF-8: 1-based line and column (in characters)
/// of the first bad byte, so the editor can find it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Utf8Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl fmt::Display for Utf8Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: not valid UTF-8; save the file as UTF-8",
            self.line, self.column
        )
    }
}

impl std::error::Error for Utf8Problem {}

/// Checks that `bytes` are UTF-8, pointing at the first bad byte when not.
pub fn decode(bytes: &[u8]) -> Result<&str, Utf8Problem> {
    std::str::from_utf8(bytes).map_err(|error| {
        let good = &bytes[..error.valid_up_to()];
        let line_start = good
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |at| at + 1);
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let before = std::str::from_utf8(&good[line_start..]).unwrap_or_default();
        let before = if line == 1 {
            before.strip_prefix('\u{feff}').unwrap_or(before)
        } else {
            before
        };
        Utf8Problem {
            line,
            column: before.chars().count() + 1,
        }
    })
}

/// Splits an article into paragraphs and credits.
///
/// If the file has a blank line between text, paragraphs are blocks separated by blank
/// lines (a block's lines joined with single spaces); otherwise every non-empty line is a
/// paragraph. A line or paragraph matching a credit pattern becomes a credit; one matching
/// a drop pattern is removed. A leading byte-order mark and CRLF line ends are accepted.
pub fn ingest(text: &str, rules: &ArticleRules) -> Ingested {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(index, line)| (index + 1, line.trim()))
        .collect();
    let mut ingested = Ingested::default();
    if has_interior_blank_line(&lines) {
        for block in lines.split(|(_, line)| line.is_empty()) {
            let mut kept = Vec::new();
            for &(number, line) in block {
                if let Some(line) = classify(line, rules, &mut ingested.credits) {
                    kept.push((number, line));
                }
            }
            let Some(&(first, _)) = kept.first() else {
                continue;
            };
            let joined: Vec<&str> = kept.iter().map(|&(_, line)| line).collect();
            let joined = joined.join(" ");
            if let Some(text) = classify(&joined, rules, &mut ingested.credits) {
                ingested.paragraphs.push(Paragraph {
                    text: text.to_string(),
                    line: first,
                });
            }
        }
    } else {
        for &(number, line) in &lines {
            if let Some(text) = classify(line, rules, &mut ingested.credits) {
                ingested.paragraphs.push(Paragraph {
                    text: text.to_string(),
                    line: number,
                });
            }
        }
    }
    ingested
}

/// A blank line with text before and after it: the file uses blank-line paragraphs.
/// (Blank lines only at the ends, like a trailing newline, do not count.)
fn has_interior_blank_line(lines: &[(usize, &str)]) -> bool {
    let first = lines.iter().position(|(_, l)| !l.is_empty());
    let last = lines.iter().rposition(|(_, l)| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..last].iter().any(|(_, l)| l.is_empty()),
        _ => false,
    }
}

/// Sorts a trimmed line or paragraph: `Some` to keep it as text, `None` when it was empty,
/// dropped or moved to `credits`.
fn classify<'t>(text: &'t str, rules: &ArticleRules, credits: &mut Vec<String>) -> Option<&'t str> {
    if text.is_empty() {
        return None;
    }
    if rules.is_credit(text) {
        credits.push(text.trim_start_matches(BULLETS).trim_start().to_string());
        return None;
    }
    (!rules.is_drop(text)).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ingested: &Ingested) -> Vec<(&str, usize)> {
        ingested
            .paragraphs
            .iter()
            .map(|p| (p.text.as_str(), p.line))
            .collect()
    }

    #[test]
    fn builtins_compile() {
        let rules = ArticleRules::default();
        assert_eq!(rules.drop.len(), DROP.len());
        assert_eq!(rules.credits.len(), CREDITS.len());
    }

    #[test]
    fn lines_are_paragraphs_without_blank_lines() {
        let text = "\u{feff}First line.\r\n  Second [helicopter] *x* <b> & co.  \r\nThird.\r\n";
        let ingested = ingest(text, &ArticleRules::default());
        assert_eq!(
            texts(&ingested),
            vec![
                ("First line.", 1),
                ("Second [helicopter] *x* <b> & co.", 2),
                ("Third.", 3)
            ]
        );
    }

    #[test]
    fn blocks_are_paragraphs_with_blank_lines() {
        let text = "\n\nOne\nstill one.\n\n\n  \t\nTwo \u{201C}quoted\u{201D} \u{2014} dash.\n\n";
        let ingested = ingest(text, &ArticleRules::default());
        assert_eq!(
            texts(&ingested),
            vec![
                ("One still one.", 3),
                ("Two \u{201C}quoted\u{201D} \u{2014} dash.", 8)
            ]
        );
    }

    #[test]
    fn boilerplate_is_dropped() {
        let text = "Rockets hit the base.\n\
            Click to Read More and View Comments\n\
            Click to Hide\n\
            Comments are moderated and generally will be posted if they are on-topic.\n\
            Please read our comment policy before commenting.\n\
            Sign up for our daily newsletter\n\
            Subscribe to The Washington Times\n\
            Share this article\n\
            Share on Facebook\n\
            Share on X\n\
            Advertisement\n\
            Read more\n\
            READ MORE: Iran denies role\n\
            Related: Earlier attacks on the base\n\
            Story continues below advertisement\n\
            Skip to content\n\
            Copyright © 2021 The Washington Times, LLC. All rights reserved.\n\
            Read more about the attack, which officials said was the fifth this month, in our explainer published yesterday on the website of the newspaper.\n";
        let ingested = ingest(text, &ArticleRules::default());
        assert_eq!(ingested.paragraphs.len(), 2, "{:?}", texts(&ingested));
        assert_eq!(ingested.paragraphs[1].line, 18);
    }

    #[test]
    fn credits_are_moved_without_bullets() {
        let text = "Body text.\n\n\
            \u{2022} Ben Wolfgang contributed to this report.\n\n\
            Mike Glenn can be reached at mglenn@example.com.\n\n\
            Reporting by John Davison; Editing by Jane Doe\n\n\
            - Staff contributed to this report";
        let ingested = ingest(text, &ArticleRules::default());
        assert_eq!(texts(&ingested), vec![("Body text.", 1)]);
        assert_eq!(
            ingested.credits,
            vec![
                "Ben Wolfgang contributed to this report.",
                "Mike Glenn can be reached at mglenn@example.com.",
                "Reporting by John Davison; Editing by Jane Doe",
                "Staff contributed to this report"
            ]
        );
    }

    #[test]
    fn credit_line_inside_a_block_is_moved() {
        let text = "Body text\ncontinues.\nJane Roe contributed to this report.\n\nNext.";
        let ingested = ingest(text, &ArticleRules::default());
        assert_eq!(
            texts(&ingested),
            vec![("Body text continues.", 1), ("Next.", 5)]
        );
        assert_eq!(
            ingested.credits,
            vec!["Jane Roe contributed to this report."]
        );
    }

    #[test]
    fn site_patterns_add_to_builtins() {
        let rules = ArticleRules::new(&["^Photo: ".to_string()], &["^By the staff$".to_string()]);
        let Ok(rules) = rules else {
            panic!("valid patterns");
        };
        let ingested = ingest("Photo: AP\nText.\nBy the staff\nAdvertisement", &rules);
        assert_eq!(texts(&ingested), vec![("Text.", 2)]);
        assert_eq!(ingested.credits, vec!["By the staff"]);
    }

    #[test]
    fn bad_site_pattern_names_its_list_and_index() {
        let error = ArticleRules::new(&[], &["ok".to_string(), "(unclosed".to_string()]).err();
        let Some(error) = error else {
            panic!("expected an error");
        };
        assert!(error.credits);
        assert_eq!(error.index, 1);
        assert!(!error.message.is_empty());
    }

    #[test]
    fn decode_points_at_the_bad_byte() {
        assert_eq!(decode(b"fine\n"), Ok("fine\n"));
        assert_eq!(
            decode(b"ok\nab\xc3\xa9c\xff rest"),
            Err(Utf8Problem { line: 2, column: 5 })
        );
        assert_eq!(
            decode(b"\xef\xbb\xbf\x80"),
            Err(Utf8Problem { line: 1, column: 1 })
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_keeps_text_trimmed(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            match decode(&bytes) {
                Ok(text) => {
                    let ingested = ingest(text, &ArticleRules::default());
                    for p in &ingested.paragraphs {
                        proptest::prop_assert!(!p.text.is_empty());
                        proptest::prop_assert_eq!(p.text.trim(), p.text.as_str());
                    }
                }
                Err(problem) => proptest::prop_assert!(problem.line >= 1 && problem.column >= 1),
            }
        }
    }
}
