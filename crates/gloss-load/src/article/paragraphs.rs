//! Where a pasted article's paragraphs begin and end.
//!
//! Text copied from a news site has one paragraph a line, with or without blank lines in
//! between (often both in one paste). Text from plain-text e-mail or a terminal is
//! hard-wrapped: a paragraph spans several lines cut near one width, and blank lines
//! separate paragraphs. So a line break ends a paragraph, unless the text is hard-wrapped;
//! then the lines of a blank-line-separated block are joined.

/// One line of the file, trimmed, with its 1-based number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Line<'t> {
    /// 1-based line number in the file.
    pub(crate) number: usize,
    /// The line without surrounding whitespace.
    pub(crate) text: &'t str,
}

/// Splits text into trimmed lines at LF, CRLF or a lone CR (old Mac files and some copy
/// tools end lines with CR alone), numbering them as an editor does.
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut number = 1;
    loop {
        match rest.find(['\n', '\r']) {
            Some(at) => {
                found.push(Line {
                    number,
                    text: rest[..at].trim(),
                });
                let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[at + skip..];
                number += 1;
            }
            None => {
                found.push(Line {
                    number,
                    text: rest.trim(),
                });
                return found;
            }
        }
    }
}

/// Line length in characters, as widths are counted.
fn width(text: &str) -> usize {
    text.chars().count()
}

/// Does the line end a sentence? Closing quotes and brackets after the punctuation are
/// looked through (`said.”`).
pub(crate) fn ends_sentence(text: &str) -> bool {
    let core = text.trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', '\u{BB}', ')', ']', '*']);
    core.ends_with([
        '.', '!', '?', '\u{2026}', ':', '\u{3002}', '\u{061F}', '\u{06D4}',
    ])
}

/// The width the text is hard-wrapped at, or `None` when it is not hard-wrapped.
///
/// Only lines followed by another non-blank line can show wrapping. The text is
/// hard-wrapped when there are at least two such lines and most of them end mid-sentence
/// within a quarter (at least 10 characters) of one width, and that width is at least 30
/// (a list of short items is not wrapped text). The width is the 90th percentile of the
/// mid-sentence lines' lengths, so one long line does not set it.
pub(crate) fn wrap_width(lines: &[Line<'_>]) -> Option<usize> {
    let interior: Vec<&str> = lines
        .windows(2)
        .filter(|pair| !pair[0].text.is_empty() && !pair[1].text.is_empty())
        .map(|pair| pair[0].text)
        .collect();
    if interior.len() < 2 {
        return None;
    }
    let mut mid: Vec<usize> = interior
        .iter()
        .filter(|l| !ends_sentence(l))
        .map(|l| width(l))
        .collect();
    if mid.len() * 2 <= interior.len() {
        return None;
    }
    mid.sort_unstable();
    let wrap = mid[(mid.len() * 9 / 10).min(mid.len() - 1)];
    if wrap < 30 {
        return None;
    }
    let slack = (wrap / 4).max(10);
    let near = mid
        .iter()
        .filter(|&&w| w + slack >= wrap && w <= wrap)
        .count();
    (near * 2 > interior.len()).then_some(wrap)
}

/// Groups lines into paragraphs, each a list of consecutive non-blank lines to be joined.
///
/// Without a wrap width every non-blank line is a paragraph. With one, a line continues
/// into the next non-blank line unless it is longer than the wrap width (so it was not
/// wrapped), or it is short and the next line's first word would have fitted after it (a
/// deliberate break), or it ends a sentence and one of the two lines is a whole
/// boilerplate or credit line on its own (`special`).
pub(crate) fn group<'t>(
    lines: &[Line<'t>],
    wrap: Option<usize>,
    special: &dyn Fn(&str) -> bool,
) -> Vec<Vec<Line<'t>>> {
    let mut groups: Vec<Vec<Line<'t>>> = Vec::new();
    let mut current: Vec<Line<'t>> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        current.push(*line);
        let next = lines.get(index + 1).filter(|n| !n.text.is_empty());
        let joins = match (wrap, next) {
            (Some(wrap), Some(next)) => continues(line.text, next.text, wrap, special),
            _ => false,
        };
        if !joins {
            groups.push(std::mem::take(&mut current));
        }
    }
    groups
}

/// In hard-wrapped text, does `line` continue into `next`?
fn continues(line: &str, next: &str, wrap: usize, special: &dyn Fn(&str) -> bool) -> bool {
    let length = width(line);
    if length > wrap + wrap / 10 + 2 {
        return false;
    }
    let first_word = next.split_whitespace().next().map_or(0, width);
    if length * 10 < wrap * 6 && length + 1 + first_word <= wrap {
        return false;
    }
    !(ends_sentence(line) && (special(line) || special(next)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        lines(text).iter().map(|l| l.text).collect()
    }

    #[test]
    fn every_line_ending_splits() {
        assert_eq!(texts("a\nb\r\nc\rd"), ["a", "b", "c", "d"]);
        assert_eq!(texts("a\r\rb\r"), ["a", "", "b", ""]);
        let numbers: Vec<usize> = lines("a\r\n\r\nb").iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3]);
    }

    #[test]
    fn sentence_ends_look_through_closing_quotes() {
        assert!(ends_sentence("he said.\u{201D}"));
        assert!(ends_sentence("Really?)"));
        assert!(!ends_sentence("the rockets were"));
        assert!(!ends_sentence("al-Asad,"));
    }

    #[test]
    fn short_lists_are_not_wrapped() {
        let text = "Iraq\nSyria\nIran\nLebanon";
        assert_eq!(wrap_width(&lines(text)), None);
    }
}
