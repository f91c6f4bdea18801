//! Ingesting a pasted `article.txt`: decoding, paragraphs, boilerplate and credits.
//!
//! Editors paste articles straight from news sites, so the text comes with share buttons,
//! comment-policy lines and contributor lines mixed in. This module turns it into the
//! article's paragraphs and the brief's credits; it never interprets the text as markdown
//! or HTML (the renderer escapes it), and keeps its typography as written.

use std::fmt;

use regex::{Regex, RegexSet};

pub mod furniture;
pub mod language;
pub mod lint;
mod paragraphs;

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
    r"(?i)^related(?: (?:stories|articles|coverage|content|reading|news))?$",
    r"^RELATED\b.{0,200}$",
    r"(?i)^follow us(?: (?:on|at) .{1,60})?$",
    r"(?i)^(?:latest|top) (?:headlines|news|stories)$",
    r"(?i)^(?:most (?:read|popular|viewed|shared)|trending(?: now)?|recommended(?: for you)?|you (?:may|might) also like)$",
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
    /// How many of `drop` are built-in (they come first).
    builtin_drop: usize,
    credits: Vec<Regex>,
    /// `drop` and `credits` as one automaton each: every line of every article is tried
    /// against all of them, and almost none match. `None` if a set would be too large for
    /// the regex engine's limits; the patterns are then tried one by one.
    any_drop: Option<RegexSet>,
    any_credit: Option<RegexSet>,
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
        Ok(ArticleRules::from_lists(
            compile(DROP, extra_drop, false)?,
            compile(CREDITS, extra_credits, true)?,
        ))
    }

    /// The rules of two compiled lists (built-in drop patterns first).
    fn from_lists(drop: Vec<Regex>, credits: Vec<Regex>) -> Self {
        let set = |list: &[Regex]| RegexSet::new(list.iter().map(Regex::as_str)).ok();
        ArticleRules {
            any_drop: set(&drop),
            any_credit: set(&credits),
            drop,
            builtin_drop: DROP.len(),
            credits,
        }
    }

    /// The drop pattern a line matches, if any: its place in the built-ins or the site's
    /// list, so an error can name it.
    fn is_drop(&self, line: &str) -> Option<DropPattern> {
        if let Some(set) = &self.any_drop
            && !set.is_match(line)
        {
            return None;
        }
        let index = self.drop.iter().position(|r| r.is_match(line))?;
        Some(match index.checked_sub(self.builtin_drop) {
            None => DropPattern::Builtin,
            Some(site) => DropPattern::Site {
                index: site,
                pattern: self.drop[index].as_str().to_string(),
            },
        })
    }

    fn is_credit(&self, line: &str) -> bool {
        match &self.any_credit {
            Some(set) => set.is_match(line),
            None => self.credits.iter().any(|r| r.is_match(line)),
        }
    }
}

impl Default for ArticleRules {
    /// The built-in patterns alone.
    fn default() -> Self {
        ArticleRules::from_lists(
            compile(DROP, &[], false).unwrap_or_default(),
            compile(CREDITS, &[], true).unwrap_or_default(),
        )
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
    /// Every paragraph that was dropped or moved to the credits, in order, so that an
    /// article emptied by its patterns can be reported instead of built empty.
    pub removed: Vec<Removed>,
}

/// A paragraph taken out of the article text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    /// 1-based line where it starts.
    pub line: usize,
    /// The drop pattern that removed it; `None` when it became a credit.
    pub pattern: Option<DropPattern>,
}

/// Which drop pattern removed a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DropPattern {
    /// One of gloss's own boilerplate patterns (comment policy, share buttons, ...).
    Builtin,
    /// The site's `[article] drop` pattern at `index` (from 0).
    Site {
        /// Index in the config list.
        index: usize,
        /// The pattern as written.
        pattern: String,
    },
}

impl Ingested {
    /// Why the article came out empty although the file had text: `None` when it has
    /// paragraphs or never had any text. Names the first removed line and what removed
    /// it, so a too-broad pattern is found at once.
    pub fn emptied(&self) -> Option<(usize, String)> {
        if !self.paragraphs.is_empty() {
            return None;
        }
        let first = self.removed.first()?;
        let why = match &first.pattern {
            None => "it matched a credits pattern (contributor or contact line)".to_string(),
            Some(DropPattern::Builtin) => "it matched a built-in boilerplate pattern".to_string(),
            Some(DropPattern::Site { index, pattern }) => format!(
                "it matched [article] drop pattern {} `{pattern}` in config.toml",
                index + 1
            ),
        };
        Some((first.line, why))
    }
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
/// A line break ends a paragraph and blank lines are ignored, unless the text is
/// hard-wrapped (see [`paragraphs::wrap_width`]): then the lines of a blank-line-separated
/// block are joined with single spaces. A paragraph matching a credit pattern becomes a
/// credit; one matching a drop pattern is removed, and both are recorded in
/// [`Ingested::removed`]. A leading byte-order mark and LF, CRLF or CR line ends are
/// accepted.
pub fn ingest(text: &str, rules: &ArticleRules) -> Ingested {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = paragraphs::lines(text);
    let wrap = paragraphs::wrap_width(&lines);
    let special = |line: &str| rules.is_credit(line) || rules.is_drop(line).is_some();
    let mut ingested = Ingested::default();
    for group in paragraphs::group(&lines, wrap, &special) {
        let Some(first) = group.first() else {
            continue;
        };
        let joined: Vec<&str> = group.iter().map(|line| line.text).collect();
        let joined = joined.join(" ");
        if rules.is_credit(&joined) {
            let credit = joined.trim_start_matches(BULLETS).trim_start().to_string();
            ingested.removed.push(Removed {
                line: first.number,
                pattern: None,
            });
            ingested.credits.push(credit);
        } else if let Some(pattern) = rules.is_drop(&joined) {
            ingested.removed.push(Removed {
                line: first.number,
                pattern: Some(pattern),
            });
        } else {
            ingested.paragraphs.push(Paragraph {
                text: joined,
                line: first.number,
            });
        }
    }
    ingested
}

/// The error for an article whose every paragraph its patterns removed (see
/// [`Ingested::emptied`]), pointing at the first removed line of `source`.
pub fn emptied_error(
    source: &crate::diagnostics::SourceFile,
    ingested: &Ingested,
) -> Option<crate::diagnostics::Diagnostic> {
    let (line, why) = ingested.emptied()?;
    Some(
        source
            .error_at_line(
                line,
                format!(
                    "every paragraph of this article was removed as boilerplate or moved to \
                     the credits, so it would be empty; line {line}: {why}"
                ),
            )
            .with_hint(
                "make the [article] drop and credits patterns in config.toml match only \
                 boilerplate (anchor them with ^ and $), or fix the article text",
            ),
    )
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
