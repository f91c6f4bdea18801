//! Splitting the `## Notes` section off a brief's `index.md` body.
//!
//! The section is a list of notes, each a blockquote that quotes the article followed by
//! the note's markdown. It is read line by line rather than through the markdown parser
//! because errors must name source lines and because the quote is matched as text, not
//! rendered.

use std::fmt;

/// One note as written: the quote and the markdown that follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSource {
    /// The quote with the `>` markers removed and its lines joined with single spaces.
    pub quote: String,
    /// The note's markdown, up to the next blockquote or heading, without surrounding
    /// blank lines; the caller renders it.
    pub markdown: String,
    /// 1-based file line of the quote's first line.
    pub line: usize,
    /// 1-based column (in characters) of the quote's text on its first line.
    pub column: usize,
    /// 1-based file line where the note's markdown starts.
    pub markdown_line: usize,
}

/// A malformed `## Notes` section, with the file line to point at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSyntaxError {
    /// 1-based file line.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
    /// What to do, when more specific than the general shape of a note.
    pub hint: Option<&'static str>,
}

impl fmt::Display for NoteSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for NoteSyntaxError {}

/// Splits the `## Notes` section off a brief's body. `first_line` is the 1-based file
/// line where `body` starts (after the front matter).
///
/// Returns the editor's text without the section and the notes in order. The section
/// runs from an ATX `## Notes` heading (any case) to the next heading of level 1 or 2, or
/// the end; headings inside fenced code do not count. Within it, every note starts with
/// a blockquote; text before the first quote, an empty quote, a note without text, a
/// deeper heading and a second `## Notes` section are errors.
pub fn split_notes(
    body: &str,
    first_line: usize,
) -> Result<(String, Vec<NoteSource>), NoteSyntaxError> {
    let mut splitter = Splitter::default();
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    for (index, line) in lines.iter().enumerate() {
        if splitter.fence.is_none() {
            look_alike_setext(first_line + index, line, lines.get(index + 1))?;
        }
        splitter.line(first_line + index, line)?;
    }
    splitter.finish_note()?;
    if let Some(past) = splitter.notes.get(crate::limits::MAX_NOTES) {
        return Err(NoteSyntaxError {
            line: past.line,
            message: format!(
                "this brief has {} notes; gloss accepts at most {}",
                splitter.notes.len(),
                crate::limits::MAX_NOTES
            ),
            hint: Some("keep the notes that matter most, or split the brief (see docs/limits.md)"),
        });
    }
    Ok((splitter.editor, splitter.notes))
}

/// Where in the body the splitter is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Place {
    /// The editor's text, before or after the section.
    #[default]
    Editor,
    /// In the section, before the first quote.
    SectionStart,
    /// In a note's quote.
    Quote,
    /// In a note's markdown.
    Body,
}

#[derive(Default)]
struct Splitter<'b> {
    place: Place,
    seen_section: bool,
    /// The open code fence (character and length), if any.
    fence: Option<(char, usize)>,
    editor: String,
    notes: Vec<NoteSource>,
    quote_lines: Vec<&'b str>,
    quote_line: usize,
    quote_column: usize,
    body_lines: Vec<&'b str>,
    /// The file line of the first non-blank line of the note being collected.
    body_line: usize,
}

impl<'b> Splitter<'b> {
    fn line(&mut self, number: usize, line: &'b str) -> Result<(), NoteSyntaxError> {
        if let Some(open) = self.fence {
            if closes_fence(line, open) {
                self.fence = None;
            }
            return self.keep(line);
        }
        if let Some(heading) = atx_heading(line) {
            return self.heading(number, line, heading);
        }
        let blank = line.trim().is_empty();
        match self.place {
            Place::Editor => {
                self.fence = opens_fence(line);
                self.editor.push_str(line);
            }
            _ if quote_text(line).is_some() => {
                if self.place != Place::Quote {
                    self.finish_note()?;
                    self.quote_line = number;
                    self.quote_column = quote_column(line);
                    self.place = Place::Quote;
                }
                self.quote_lines.push(quote_text(line).unwrap_or_default());
            }
            Place::SectionStart if blank => {}
            Place::SectionStart => {
                return Err(NoteSyntaxError {
                    line: number,
                    message: "text in `## Notes` before any quote; start each note with a \
                              `>` quote of the article"
                        .to_string(),
                    hint: None,
                });
            }
            Place::Quote if blank => self.place = Place::Body,
            // A lazy continuation line, as in CommonMark.
            Place::Quote => self.quote_lines.push(line.trim()),
            Place::Body => {
                self.fence = opens_fence(line);
                if !blank && self.body_lines.iter().all(|l| l.trim().is_empty()) {
                    self.body_line = number;
                }
                self.body_lines.push(line);
            }
        }
        Ok(())
    }

    /// A line inside fenced code: it belongs wherever the fence is.
    fn keep(&mut self, line: &'b str) -> Result<(), NoteSyntaxError> {
        match self.place {
            Place::Editor => self.editor.push_str(line),
            _ => self.body_lines.push(line),
        }
        Ok(())
    }

    fn heading(
        &mut self,
        number: usize,
        line: &'b str,
        (level, text): (usize, &str),
    ) -> Result<(), NoteSyntaxError> {
        let is_notes = level == 2 && text.eq_ignore_ascii_case("notes");
        if !is_notes && looks_like_notes(text) {
            return Err(NoteSyntaxError {
                line: number,
                message: format!(
                    "`{}` looks like the notes heading but is not `## Notes`, so the notes \
                     under it would show as plain quotes",
                    line.trim()
                ),
                hint: Some("write the heading as `## Notes` (two `#`, the word Notes)"),
            });
        }
        if is_notes {
            if self.seen_section {
                return Err(NoteSyntaxError {
                    line: number,
                    message: "a second `## Notes` section; keep all notes in one".to_string(),
                    hint: None,
                });
            }
            self.finish_note()?;
            self.seen_section = true;
            self.place = Place::SectionStart;
            return Ok(());
        }
        match self.place {
            Place::Editor => {
                self.editor.push_str(line);
                Ok(())
            }
            _ if level <= 2 => {
                self.finish_note()?;
                self.place = Place::Editor;
                self.editor.push_str(line);
                Ok(())
            }
            _ => Err(NoteSyntaxError {
                line: number,
                message: "a heading inside `## Notes` would end the note; notes are a \
                          `>` quote followed by text, with no headings"
                    .to_string(),
                hint: None,
            }),
        }
    }

    /// Completes the note being collected, if any.
    fn finish_note(&mut self) -> Result<(), NoteSyntaxError> {
        if self.quote_lines.is_empty() {
            self.body_lines.clear();
            return Ok(());
        }
        let quote = self
            .quote_lines
            .drain(..)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if quote.is_empty() {
            return Err(NoteSyntaxError {
                line: self.quote_line,
                message: "an empty quote; quote the passage of the article the note is about"
                    .to_string(),
                hint: None,
            });
        }
        let first = self.body_lines.iter().position(|l| !l.trim().is_empty());
        let last = self.body_lines.iter().rposition(|l| !l.trim().is_empty());
        let markdown = match (first, last) {
            (Some(first), Some(last)) => self.body_lines[first..=last].concat(),
            _ => String::new(),
        };
        self.body_lines.clear();
        if markdown.is_empty() {
            return Err(NoteSyntaxError {
                line: self.quote_line,
                message: "this quote has no note; write the note after the quote, \
                          separated by a blank line"
                    .to_string(),
                hint: None,
            });
        }
        self.notes.push(NoteSource {
            quote,
            markdown: markdown.trim_end().to_string(),
            line: self.quote_line,
            column: self.quote_column,
            markdown_line: self.body_line,
        });
        Ok(())
    }
}

/// Is a heading's text a near miss of "Notes" (`Note`, `NOTES:`, `**Notes**`)?
fn looks_like_notes(text: &str) -> bool {
    let word = text
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':' | '.'))
        .to_lowercase();
    word == "notes" || word == "note"
}

/// A setext heading (`Notes` underlined with `---` or `===`) spelling the notes heading:
/// markdown makes it a heading, but not the notes section, so it is an error.
fn look_alike_setext(
    number: usize,
    line: &str,
    next: Option<&&str>,
) -> Result<(), NoteSyntaxError> {
    let underline = next.and_then(|n| indent_stripped(n)).is_some_and(|n| {
        let n = n.trim_end();
        !n.is_empty() && (n.chars().all(|c| c == '=') || n.chars().all(|c| c == '-'))
    });
    if underline && atx_heading(line).is_none() && looks_like_notes(line) {
        return Err(NoteSyntaxError {
            line: number,
            message: format!(
                "`{}` underlined is a heading that looks like the notes heading but is not \
                 `## Notes`, so the notes under it would show as plain quotes",
                line.trim()
            ),
            hint: Some("write the heading as `## Notes` on one line, without the underline"),
        });
    }
    Ok(())
}

/// The 1-based column (in characters) of a quote line's text after its `>` marker.
fn quote_column(line: &str) -> usize {
    let marker = line.find('>').map_or(0, |at| at + 1);
    let rest = &line[marker..];
    let text = rest.len() - rest.trim_start().len();
    line[..marker + text].chars().count() + 1
}

/// Strips up to three spaces of indentation, if that is all there is.
fn indent_stripped(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches(' ');
    (line.len() - rest.len() <= 3).then_some(rest)
}

/// The level and text of an ATX heading line (`## Notes ##`).
fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let rest = indent_stripped(line)?;
    let level = rest.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '\n', '\r'])) {
        return None;
    }
    let text = after.trim();
    let closed = text.trim_end_matches('#');
    let text = if closed.is_empty() || closed.ends_with([' ', '\t']) {
        closed.trim_end()
    } else {
        text
    };
    Some((level, text))
}

/// The text of a blockquote line after its `>` marker (and one optional space).
fn quote_text(line: &str) -> Option<&str> {
    let rest = indent_stripped(line)?.strip_prefix('>')?;
    Some(rest.strip_prefix(' ').unwrap_or(rest).trim_end())
}

/// The fence a line opens (```` ``` ```` or `~~~`, three or more), if any.
fn opens_fence(line: &str) -> Option<(char, usize)> {
    let rest = indent_stripped(line)?;
    let c = rest.chars().next().filter(|&c| c == '`' || c == '~')?;
    let count = rest.chars().take_while(|&x| x == c).count();
    (count >= 3).then_some((c, count))
}

/// Whether a line closes the open fence.
fn closes_fence(line: &str, (c, count): (char, usize)) -> bool {
    indent_stripped(line).is_some_and(|rest| {
        let run = rest.chars().take_while(|&x| x == c).count();
        run >= count && rest[run * c.len_utf8()..].trim().is_empty()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "The editor's brief.\n\n## Notes\n\n> At least 14 rockets\n> were fired\n\nThe group said **30**.\n\n> Two U.S.\ntroops\n\nNot yet confirmed.\n```\n> not a quote\n# not a heading\n```\n\n## Sources\n\nMore text.\n";

    #[test]
    fn splits_section_and_notes() {
        let (editor, notes) = split_notes(BODY, 5).unwrap_or_default();
        assert_eq!(editor, "The editor's brief.\n\n## Sources\n\nMore text.\n");
        assert_eq!(
            notes,
            vec![
                NoteSource {
                    quote: "At least 14 rockets were fired".to_string(),
                    markdown: "The group said **30**.".to_string(),
                    line: 9,
                    column: 3,
                    markdown_line: 12,
                },
                NoteSource {
                    quote: "Two U.S. troops".to_string(),
                    markdown: "Not yet confirmed.\n```\n> not a quote\n# not a heading\n```"
                        .to_string(),
                    line: 14,
                    column: 3,
                    markdown_line: 17,
                },
            ]
        );
    }

    #[test]
    fn no_section_keeps_everything() {
        let body = "Text\n```\n## Notes\n```\n";
        let (editor, notes) = split_notes(body, 1).unwrap_or_default();
        assert_eq!(editor, body);
        assert!(notes.is_empty());
    }

    #[test]
    fn crlf_and_closing_hashes() {
        let body = "Intro\r\n## notes ##\r\n> a quote\r\n\r\nA note.\r\n";
        let (editor, notes) = split_notes(body, 1).unwrap_or_default();
        assert_eq!(editor, "Intro\r\n");
        assert_eq!(notes[0].quote, "a quote");
        assert_eq!(notes[0].markdown, "A note.");
    }

    fn error(body: &str) -> NoteSyntaxError {
        split_notes(body, 10).err().unwrap_or(NoteSyntaxError {
            line: 0,
            message: String::new(),
            hint: None,
        })
    }

    #[test]
    fn text_before_any_quote() {
        let e = error("## Notes\n\nStray text\n> q\n\nn\n");
        assert_eq!(e.line, 12);
        assert!(e.message.contains("before any quote"));
    }

    #[test]
    fn empty_quote() {
        let e = error("## Notes\n>\n>  \n\nnote\n");
        assert_eq!(e.line, 11);
        assert!(e.message.contains("empty quote"));
    }

    #[test]
    fn quote_without_note() {
        let e = error("## Notes\n> one\n\n> two\n\nnote\n");
        assert_eq!(e.line, 11);
        assert!(e.message.contains("no note"));
    }

    #[test]
    fn deeper_heading_and_second_section() {
        assert_eq!(error("## Notes\n> q\n\nn\n### Sub\n").line, 14);
        assert_eq!(error("## Notes\n> q\n\nn\n## Other\n## Notes\n").line, 15);
    }

    #[test]
    fn look_alike_notes_headings_are_errors() {
        for (body, line) in [
            ("Text\n\n### Notes\n\n> q\n\nn\n", 12),
            ("# Notes\n> q\n\nn\n", 10),
            ("## Note\n> q\n\nn\n", 10),
            ("## Notes:\n> q\n\nn\n", 10),
            ("Intro\n\nNotes\n-----\n\n> q\n\nn\n", 12),
            ("Notes\n=====\n> q\n\nn\n", 10),
        ] {
            let e = error(body);
            assert_eq!(e.line, line, "{body:?}");
            assert!(
                e.message.contains("looks like the notes heading"),
                "{body:?}"
            );
            assert!(e.hint.is_some_and(|h| h.contains("`## Notes`")));
        }
        // Any case of the real heading is fine, and so is the word inside code.
        assert!(split_notes("## NOTES\n> q\n\nn\n", 1).is_ok());
        assert!(split_notes("```\n### Notes\nNotes\n---\n```\n", 1).is_ok());
    }

    #[test]
    fn quote_columns() {
        assert_eq!(quote_column("> quote"), 3);
        assert_eq!(quote_column("  >quote"), 4);
        assert_eq!(quote_column(">    quote"), 6);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(body in "(## Notes\n|> |```\n|### x\n|\n|text|#|>)*") {
            if let Ok((editor, notes)) = split_notes(&body, 1) {
                proptest::prop_assert!(editor.len() <= body.len());
                for note in notes {
                    proptest::prop_assert!(!note.quote.is_empty() && !note.markdown.is_empty());
                }
            }
        }
    }
}
