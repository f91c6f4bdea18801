//! The edges of a pasted article.txt: its first line (a headline, a byline) and the runs
//! of the web page pasted around it ([`crate::article::furniture`]). A run of several
//! lines gets one warning naming the lines to delete, since a `drop` pattern for each of
//! "Last updated: 20 sec ago" and the next stories' teasers would only fill config.toml
//! with lines no other article has; a single line gets a ready `drop` pattern too.

use crate::article::Ingested;
use crate::article::furniture::{Edge, Furniture, furniture};
use crate::article::lint::{self, Suspect};
use crate::diagnostics::{Diagnostic, SourceFile, plural};

/// How many of a run's lines a warning quotes.
const QUOTED: usize = 3;
/// How many characters of a line a warning quotes.
const QUOTE_CHARS: usize = 40;

/// The warnings about the edges of one article, and the lines they are about (so the
/// clutter and repeated-line checks do not report those again).
pub(super) fn edges(
    source: &SourceFile,
    ingested: &Ingested,
    title: &str,
) -> (Vec<Diagnostic>, Vec<usize>) {
    let runs = furniture(ingested);
    let above = runs.iter().find(|r| r.edge == Edge::Above);
    let mut out = Vec::new();
    match (above, lint::first_paragraph(ingested, title)) {
        (Some(run), _) if run.paragraphs.len() >= 2 => out.push(run_warning(source, run)),
        (_, Some((p, kind))) => out.push(first_line(source, p.line, &p.text, describe(kind))),
        (Some(run), None) => {
            let p = &run.paragraphs[0];
            let what = (
                "is short and has no final punctuation, above the first paragraph: it looks like the pasted headline",
                "headline-line",
            );
            out.push(first_line(source, p.line, &p.text, what));
        }
        (None, None) => {}
    }
    if let Some(run) = runs.iter().find(|r| r.edge == Edge::Below) {
        out.push(run_warning(source, run));
    }
    let lines = out
        .iter()
        .map(|d| d.line)
        .chain(
            runs.iter()
                .flat_map(|r| r.paragraphs.iter().map(|p| p.line)),
        )
        .collect();
    (out, lines)
}

/// What a suspect first line is said to be, and the warning's code.
fn describe(kind: Suspect) -> (&'static str, &'static str) {
    match kind {
        Suspect::NearTitle => (
            "is nearly the brief's title: it looks like the pasted headline",
            "headline-line",
        ),
        Suspect::Headline => (
            "looks like a headline (title case, no final punctuation, above the first paragraph)",
            "headline-line",
        ),
        Suspect::Byline => ("looks like a byline", "byline-line"),
        Suspect::Clutter => ("looks like website clutter", "clutter-line"),
    }
}

fn first_line(
    source: &SourceFile,
    line: usize,
    text: &str,
    what: (&str, &'static str),
) -> Diagnostic {
    let (what, code) = what;
    source
        .error_at_line(line, format!("the article's first line {what}"))
        .warning()
        .with_hint(format!(
            "delete it from {} (the page shows the brief's title and credits already), or keep the file as pasted and add `drop = [{}]` under [article] in config.toml",
            source.path.display(),
            lint::toml_string(&lint::drop_pattern(text))
        ))
        .with_code(code)
}

/// A line cut to [`QUOTE_CHARS`] characters, for quoting in a message.
fn cut(text: &str) -> String {
    if text.chars().count() <= QUOTE_CHARS {
        return format!("`{text}`");
    }
    let kept: String = text.chars().take(QUOTE_CHARS).collect();
    format!("`{}…`", kept.trim_end())
}

/// One warning for a run of page furniture.
fn run_warning(source: &SourceFile, run: &Furniture) -> Diagnostic {
    let mut quoted: Vec<String> = run
        .paragraphs
        .iter()
        .take(QUOTED)
        .map(|p| cut(&p.text))
        .collect();
    if run.paragraphs.len() > QUOTED {
        quoted.push(format!("and {} more", run.paragraphs.len() - QUOTED));
    }
    let start = run.paragraphs[0].line;
    let path = source.path.display();
    let next = cut(&run.next.text);
    let (message, hint) = match run.edge {
        Edge::Above => {
            let end = run.next.line.saturating_sub(1).max(start);
            (
                format!(
                    "lines {start}–{end} above the article's first paragraph look like the web page around it (a menu, the headline, a dateline), not article text: {}",
                    quoted.join(", ")
                ),
                format!(
                    "delete lines {start}–{end} from {path}, so that it starts with line {} ({next}); the page shows the brief's title, date and credits already",
                    run.next.line
                ),
            )
        }
        Edge::Below if run.paragraphs.len() == 1 => (
            format!(
                "the line below the article's last paragraph looks like part of the web page around it, not article text: {}",
                quoted.join(", ")
            ),
            format!(
                "delete it from {path}, so that it ends with line {} ({next}); or keep the file as pasted and add `drop = [{}]` under [article] in config.toml",
                run.next.line,
                lint::toml_string(&lint::drop_pattern(&run.paragraphs[0].text))
            ),
        ),
        Edge::Below => (
            format!(
                "the {} from line {start} to the end, below the article's last paragraph, look like the web page around it (tags, menus, other stories), not article text: {}",
                plural(run.paragraphs.len(), "paragraph"),
                quoted.join(", ")
            ),
            format!(
                "delete everything from line {start} to the end of {path}, so that it ends with line {} ({next})",
                run.next.line
            ),
        ),
    };
    source
        .error_at_line(start, message)
        .warning()
        .with_hint(hint)
        .with_code("page-furniture")
}
