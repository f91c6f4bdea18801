//! Lines of pasted articles that are probably not article text (see
//! [`crate::article::lint`]): a headline or byline above the first paragraph, website
//! clutter, and short lines repeated across articles. Each warning carries a `drop` pattern
//! that removes the line when pasted into config.toml. Also counts, per brief, the lines the
//! drop patterns removed, for `gloss check`'s summary.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;

use super::Files;
use crate::article::furniture::{self, Edge};
use crate::article::{ArticleRules, Ingested, ingest};
use crate::article::{Paragraph, lint};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, plural};
use crate::model::{Article, Corpus};

/// The lines of one article.txt that drop patterns removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    /// The article file.
    pub file: PathBuf,
    /// 1-based lines where the removed paragraphs start.
    pub lines: Vec<usize>,
}

/// How many articles the dropped summary names before "and N more".
const SHOWN: usize = 3;

/// One article.txt, read and ingested once for every check of the coach.
pub(super) struct Read {
    /// The file, as load read it.
    pub(super) source: SourceFile,
    /// Its brief's title.
    title: String,
    /// Its brief's index in the corpus.
    pub(super) brief: usize,
    /// Its paragraphs and what the patterns removed.
    ingested: Ingested,
}

impl Read {
    /// The article's text with the lines the drop and credit patterns removed, and the web
    /// page pasted around it, blanked out (spaces, so offsets and line numbers stay those
    /// of the file): names in "Related Articles" or "MORE FROM World" are not the article's.
    pub(super) fn kept_text(&self) -> String {
        let removed: BTreeSet<usize> = self.ingested.removed.iter().map(|r| r.line).collect();
        let runs = furniture::furniture(&self.ingested);
        let edge = |edge: Edge| runs.iter().find(|r| r.edge == edge);
        let above = edge(Edge::Above).map_or(0, |r| r.next.line.saturating_sub(1));
        let below = edge(Edge::Below)
            .and_then(|r| r.paragraphs.first())
            .map_or(usize::MAX, |p| p.line);
        let mut out = Vec::with_capacity(self.source.text.len());
        for (i, line) in self.source.text.split_inclusive('\n').enumerate() {
            let n = i + 1;
            if removed.contains(&n) || n <= above || n >= below {
                out.extend(
                    line.bytes()
                        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' }),
                );
            } else {
                out.extend_from_slice(line.as_bytes());
            }
        }
        String::from_utf8(out).unwrap_or_else(|_| self.source.text.clone())
    }
}

/// Every brief's article.txt, from `files` (where load's texts were put, so no file is
/// read twice), ingested with the site's patterns.
pub(super) fn read(files: &mut Files, rules: &ArticleRules, corpus: &Corpus) -> Vec<Read> {
    let sources: Vec<(usize, SourceFile)> = corpus
        .briefs
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.article, Article::Plain(_)))
        .filter_map(|(i, b)| Some((i, files.take(&b.file.with_file_name("article.txt"))?)))
        .collect();
    sources
        .into_par_iter()
        .map(|(brief, source)| Read {
            ingested: ingest(&source.text, rules),
            title: corpus.briefs[brief].title.clone(),
            brief,
            source,
        })
        .collect()
}

/// The warnings about every brief's article.txt, and the lines its drop patterns removed.
pub(super) fn articles(read: &[Read], corpus: &Corpus) -> (Diagnostics, Vec<Dropped>) {
    let mut out = Diagnostics::default();
    let mut flagged: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (n, article) in read.iter().enumerate() {
        let (warnings, lines) =
            super::edges::edges(&article.source, &article.ingested, &article.title);
        out.extend(warnings);
        flagged.extend(lines.into_iter().map(|line| (n, line)));
        for paragraph in lint::clutter(&article.ingested) {
            if flagged.contains(&(n, paragraph.line)) {
                continue;
            }
            let what = if lint::is_dateline(&paragraph.text) {
                "is a dateline on a line of its own"
            } else {
                "looks like website clutter"
            };
            let d = article
                .source
                .error_at_line(
                    paragraph.line,
                    format!("this line {what}, not article text: `{}`", paragraph.text),
                )
                .warning()
                .with_hint(drop_hint(&paragraph.text, "or delete the line"))
                .with_code("clutter-line");
            out.push(d);
            flagged.insert((n, paragraph.line));
        }
    }
    out.extend(repeated(read, &flagged));
    out.extend(captions(read, &flagged));
    out.extend(markdown_headlines(corpus));
    let dropped = read
        .iter()
        .filter_map(|article| {
            let lines: Vec<usize> = article
                .ingested
                .removed
                .iter()
                .filter(|r| r.pattern.is_some())
                .map(|r| r.line)
                .collect();
            (!lines.is_empty()).then(|| Dropped {
                file: article.source.path.clone(),
                lines,
            })
        })
        .collect();
    (out, dropped)
}

/// A pasted headline atop an `article.md` or a single-file brief's body.
fn markdown_headlines(corpus: &Corpus) -> Vec<Diagnostic> {
    corpus
        .briefs
        .iter()
        .filter_map(|b| {
            let Article::Markdown { text, file, line } = &b.article else {
                return None;
            };
            let at = lint::markdown_headline(text, &b.title)?;
            let source = SourceFile {
                path: file.clone(),
                text: text.clone(),
            };
            let mut d = source
                .error_at_line(
                    at + 1,
                    "the article's first line is nearly the brief's title: it looks like the pasted headline",
                )
                .warning()
                .with_hint("delete it (the page shows the brief's title already)")
                .with_code("headline-line");
            d.line += line - 1;
            Some(d)
        })
        .collect()
}

/// "add `drop = ['^…$']` under [article] in config.toml", for a paragraph's text.
fn drop_hint(text: &str, or: &str) -> String {
    let pattern = lint::toml_string(&lint::drop_pattern(text));
    format!(
        "to drop it, add `drop = [{pattern}]` under [article] in config.toml (or add the pattern to the list there), {or}"
    )
}

/// Short unpunctuated lines found more than once, in one article or several: menus and
/// buttons a site repeats. Reported once, at the first place, with the count.
fn repeated(read: &[Read], flagged: &BTreeSet<(usize, usize)>) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (n, article) in read.iter().enumerate() {
        for p in &article.ingested.paragraphs {
            let counts = p.text.chars().any(char::is_alphabetic)
                && lint::is_short_unpunctuated(&p.text)
                && !flagged.contains(&(n, p.line));
            if counts {
                seen.entry(p.text.as_str()).or_default().push((n, p.line));
            }
        }
    }
    seen.into_iter()
        .filter(|(_, places)| places.len() >= 2)
        .filter_map(|(text, places)| {
            let &(n, line) = places.first()?;
            let mut articles: Vec<usize> = places.iter().map(|(a, _)| *a).collect();
            articles.dedup();
            let (&(other, other_line), more) = (places.get(1)?, places.len() - 2);
            let elsewhere = if more > 0 {
                format!("{}:{other_line} and {}", read[other].source.path.display(), plural(more, "more place"))
            } else {
                format!("{}:{other_line}", read[other].source.path.display())
            };
            Some(
                read[n]
                    .source
                    .error_at_line(
                        line,
                        format!(
                            "this short line appears {} in {}, like a site's menu or button: `{text}` (also at {elsewhere})",
                            plural(places.len(), "time"),
                            plural(articles.len(), "article"),
                        ),
                    )
                    .warning()
                    .with_hint(drop_hint(text, "or delete the lines"))
                    .with_code("repeated-line"),
            )
        })
        .collect()
}

/// Paragraphs of one article that begin like an earlier one: a photo caption or a pull
/// quote repeating a sentence of the article (lines already reported are left out).
fn captions(read: &[Read], flagged: &BTreeSet<(usize, usize)>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (n, article) in read.iter().enumerate() {
        let kept: Vec<&Paragraph> = article
            .ingested
            .paragraphs
            .iter()
            .filter(|p| !flagged.contains(&(n, p.line)))
            .collect();
        for (first, again) in furniture::repeats(&kept) {
            let d = article
                .source
                .error_at_line(
                    first.line,
                    format!(
                        "this paragraph begins like the one at line {}: a photo caption or a pull quote repeats a sentence of the article",
                        again.line
                    ),
                )
                .warning()
                .with_hint(format!(
                    "delete the copy that is not article text (line {} or line {}) from {}",
                    first.line,
                    again.line,
                    article.source.path.display()
                ))
                .with_code("repeated-paragraph");
            out.push(d);
        }
    }
    out
}

/// The summary line of what drop patterns removed: "Dropped as boilerplate: 2 lines of
/// content/briefs/a/article.txt (3, 8), …", or `None` when nothing was dropped.
pub fn summary(dropped: &[Dropped]) -> Option<String> {
    let total: usize = dropped.iter().map(|d| d.lines.len()).sum();
    if total == 0 {
        return None;
    }
    let mut named: Vec<String> = dropped
        .iter()
        .take(SHOWN)
        .map(|d| {
            let lines: Vec<String> = d.lines.iter().take(5).map(usize::to_string).collect();
            let more = if d.lines.len() > 5 { ", …" } else { "" };
            let noun = if d.lines.len() == 1 { "line" } else { "lines" };
            format!(
                "{} in {} ({noun} {}{more})",
                plural(d.lines.len(), "line"),
                d.file.display(),
                lines.join(", ")
            )
        })
        .collect();
    if dropped.len() > SHOWN {
        named.push(format!(
            "and {} more",
            plural(dropped.len() - SHOWN, "article")
        ));
    }
    Some(format!(
        "{} dropped as boilerplate by the drop patterns: {}",
        plural(total, "line"),
        named.join("; ")
    ))
}
