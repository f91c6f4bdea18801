//! TOML as editors write it (front matter and `config.toml`), with the parser's messages
//! turned into an editor's, each at its place in the whole file.

use serde::de::DeserializeOwned;

use super::{hints, structure};
use crate::diagnostics::{Diagnostic, SourceFile};

/// Deserializes TOML found at byte `offset` of `source` (front matter, or all of
/// `config.toml`), turning the parser's messages into an editor's: a bare word where a
/// number belongs says "expected a whole number, found `ten`", a key written after a
/// table says to move it above the table, and so on.
pub fn parse_toml<T: DeserializeOwned>(
    source: &SourceFile,
    offset: usize,
    text: &str,
) -> Result<T, Diagnostic> {
    let error = match toml::from_str::<T>(text) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    let failure = Failure {
        source,
        offset,
        text,
        span: error.span().unwrap_or(0..0),
        message: error.message().trim().replace('\n', " "),
    };
    let doc = hints::Toml {
        source,
        offset,
        text,
    };
    let (span, message) = (&failure.span, failure.message.as_str());
    let found = hints::fix::<T>(doc, span, message)
        .or_else(|| {
            (message == "duplicate key")
                .then(|| structure::duplicate_key(doc, span.clone()))
                .flatten()
        })
        .or_else(|| failure.bare_word::<T>())
        .or_else(|| failure.misread_value())
        .or_else(|| {
            message
                .starts_with("missing comma between array elements")
                .then(|| unclosed_string(source, offset, text, span.start))
                .flatten()
        })
        .or_else(|| {
            (message.contains("array") || message.starts_with("missing comma"))
                .then(|| {
                    structure::unclosed_list(doc, span.start)
                        .or_else(|| hints::comma_missing(doc, span.start))
                })
                .flatten()
        })
        .or_else(|| failure.too_deep())
        .or_else(|| failure.key_problem::<T>());
    Err(found.unwrap_or_else(|| toml_error(source, offset, &error)))
}

/// A TOML parse error and where it happened, for the rules that explain it.
struct Failure<'a> {
    source: &'a SourceFile,
    offset: usize,
    text: &'a str,
    span: std::ops::Range<usize>,
    message: String,
}

impl Failure<'_> {
    /// An error at `range` of the parsed text, placed in the whole file.
    fn at(&self, range: std::ops::Range<usize>, message: String) -> Diagnostic {
        self.source
            .error(self.offset + range.start..self.offset + range.end, message)
    }

    /// Arrays or inline tables nested past the TOML reader's depth limit: no gloss value is
    /// nested like that, so the hint says what the values are.
    fn too_deep(&self) -> Option<Diagnostic> {
        self.message.contains("recursion").then(|| {
            self.at(
                self.span.clone(),
                "this value nests brackets too deeply to be read".to_string(),
            )
            .with_hint(
                "front matter values are text, numbers, dates, lists of them or { … } tables one level deep: remove the extra [ ] or { }",
            )
        })
    }

    /// A bare word where a value belongs: quoted and parsed again, serde then says which
    /// type the key wants.
    fn bare_word<T: DeserializeOwned>(&self) -> Option<Diagnostic> {
        let (text, span) = (self.text, &self.span);
        let word = bare_word(text, span, &self.message)?;
        let quoted = format!("{}\"{word}\"{}", &text[..span.start], &text[span.end..]);
        match toml::from_str::<T>(&quoted) {
            Ok(_) => Some(
                self.at(
                    span.clone(),
                    format!("text must be in quotes, found `{word}`"),
                )
                .with_hint(format!(
                    "write `{} = \"{word}\"`",
                    key_before(text, span.start)
                ))
                .with_code("type"),
            ),
            Err(e) if e.message().starts_with("invalid type: string") => Some(type_error(
                self.at(span.clone(), String::new()),
                e.message(),
                &format!("`{word}`"),
                key_before(text, span.start),
            )),
            Err(_) => None,
        }
    }

    /// A value of the wrong type, or a month written as a bare date.
    fn misread_value(&self) -> Option<Diagnostic> {
        let (text, span, message) = (self.text, &self.span, &self.message);
        if message.starts_with("invalid type:") {
            let found = message
                .strip_prefix("invalid type: ")
                .and_then(|m| m.split(", expected").next())
                .unwrap_or("")
                .replace("string ", "")
                .replace("floating point ", "")
                .replace("integer ", "");
            return Some(type_error(
                self.at(span.clone(), String::new()),
                message,
                &found,
                key_before(text, span.start),
            ));
        }
        let value = text.get(span.clone()).unwrap_or("").trim();
        if message.starts_with("invalid date") && value.len() == 7 && value.as_bytes()[4] == b'-' {
            let key = key_before(text, span.start);
            return Some(
                self.at(
                    span.clone(),
                    format!("`{value}` is a month, and months must be quoted"),
                )
                .with_hint(format!("write `{key} = \"{value}\"` (a month is quoted)"))
                .with_code("partial-date"),
            );
        }
        None
    }

    /// An unknown value of a closed set, a missing or unknown key, a number out of range.
    fn key_problem<T: DeserializeOwned>(&self) -> Option<Diagnostic> {
        let (source, text, span, message) = (self.source, self.text, &self.span, &self.message);
        if let Some(rest) = message.strip_prefix("unknown variant `") {
            let (wanted, expected) = rest.split_once('`').unwrap_or((rest, ""));
            let values: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let key = key_before(text, span.start);
            return Some(
                self.at(
                    span.clone(),
                    format!("unknown value `{wanted}` for `{key}`"),
                )
                .with_hint(hints::one_of(key, wanted, &values))
                .with_code("unknown-value"),
            );
        }
        if let Some(rest) = message.strip_prefix("missing field `") {
            let key = rest.split('`').next().unwrap_or(rest);
            let place = if source.path.ends_with("config.toml") {
                "config.toml"
            } else {
                "the front matter"
            };
            return Some(
                source
                    .error(
                        self.offset..self.offset,
                        format!("the required key `{key}` is missing"),
                    )
                    .with_hint(format!("add a line `{key} = ...` to {place}"))
                    .with_code("missing-key"),
            );
        }
        if let Some((message, hint)) = out_of_range(message, text, span.start) {
            return Some(
                self.at(span.clone(), message)
                    .with_hint(hint)
                    .with_code("type"),
            );
        }
        let rest = message.strip_prefix("unknown field `")?;
        let (key, expected) = rest.split_once('`').unwrap_or((rest, ""));
        Some(unknown_key::<T>(
            source,
            self.offset,
            text,
            span.clone(),
            key,
            expected,
        ))
    }
}

/// The word a parse error points at, when it is a bare word (`ten`, `yes`) the parser
/// could not read as a value.
fn bare_word<'t>(text: &'t str, span: &std::ops::Range<usize>, message: &str) -> Option<&'t str> {
    let bare = hints::is_bare(message);
    let line_end = text[span.start.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| span.start + i);
    let word = text
        .get(span.start..line_end)?
        .split([' ', ',', ']', '}', '#', '\r'])
        .next()?;
    (bare
        && !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-'))
    .then_some(word)
}

/// A number outside what its key allows (`killed = -5`, `paginate_by = -1`): serde says
/// "invalid value: integer `-5`, expected u32"; this says what numbers are allowed.
fn out_of_range(message: &str, text: &str, start: usize) -> Option<(String, String)> {
    let rest = message.strip_prefix("invalid value: integer `")?;
    let (number, expected) = rest.split_once("`, expected ")?;
    if !expected.starts_with('u') {
        return None;
    }
    // The key right before the value, also inside an inline table (`{ killed = -5 }`).
    let before = text.get(..start.min(text.len()))?;
    let key = before
        .rsplit_once('=')
        .map(|(head, _)| head.rsplit(['{', ',', '\n']).next().unwrap_or(head).trim())
        .filter(|k| !k.is_empty())
        .unwrap_or("key");
    let least = if key == "paginate_by" { 1 } else { 0 };
    Some(if number.starts_with('-') {
        (
            format!("`{key}` cannot be negative, found `{number}`"),
            format!(
                "write a whole number of {least} or more, e.g. {key} = {}",
                least.max(10)
            ),
        )
    } else {
        (
            format!("`{number}` is too large for `{key}`"),
            format!(
                "write a whole number of {least} or more that fits in {expected} (at most {})",
                max_of(expected)
            ),
        )
    })
}

/// The largest value of an unsigned integer type, by serde's name for it.
fn max_of(unsigned: &str) -> u64 {
    match unsigned {
        "u8" => u8::MAX.into(),
        "u16" => u16::MAX.into(),
        "u32" => u32::MAX.into(),
        _ => u64::MAX,
    }
}

/// The key on the line where `at` falls (`paginate_by` of `paginate_by = ten`).
fn key_before(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..at]
        .split('=')
        .next()
        .map(str::trim)
        .filter(|k| !k.is_empty() && !k.contains(['[', '"']))
        .unwrap_or("key")
}

/// "expected a whole number, found `ten`", with how to write the right type.
fn type_error(at: Diagnostic, message: &str, found: &str, key: &str) -> Diagnostic {
    let expected = message.rsplit("expected ").next().unwrap_or("");
    let (want, hint) = match expected.trim() {
        "usize" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "isize" => (
            "a whole number",
            format!("write a number without quotes, e.g. {key} = 10"),
        ),
        "f64" | "f32" => (
            "a number",
            format!("write a number without quotes, e.g. {key} = 1.5"),
        ),
        "a boolean" => (
            "true or false",
            format!("write {key} = true or {key} = false, without quotes"),
        ),
        "a sequence" => (
            "a list",
            format!("write a list in square brackets: {key} = [\"first\", \"second\"]"),
        ),
        "a string" => (
            "text in quotes",
            format!("put the value in double quotes: {key} = \"...\""),
        ),
        other => (other, format!("change the value of `{key}`")),
    };
    Diagnostic {
        message: format!("expected {want}, found {found}"),
        ..at
    }
    .with_hint(hint)
    .with_code("type")
}

/// A string in a multi-line array missing its closing quote makes the parser complain on
/// the next line; this finds the line that opened the string and points there.
fn unclosed_string(
    source: &SourceFile,
    offset: usize,
    text: &str,
    at: usize,
) -> Option<Diagnostic> {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let lines: Vec<(usize, &str)> = text[..line_start]
        .split_inclusive('\n')
        .scan(0, |start, line| {
            let item = (*start, line);
            *start += line.len();
            Some(item)
        })
        .collect();
    // The line of the error itself may hold the unclosed string (["a, "b"]).
    let current = text[line_start..].lines().next().unwrap_or("");
    let candidates = std::iter::once((line_start, current))
        .chain(lines.into_iter().rev().map(|(s, l)| (s, l.trim_end())))
        .take(2);
    for (start, line) in candidates {
        if start == line_start && line.matches('"').count() % 2 == 1 {
            // Both strings are on this line: which quote is missing cannot be known.
            let open = line.find('[').unwrap_or(0);
            let range = offset + start + open..offset + start + line.trim_end().len();
            let hint = match hints::quote_missing(text, start, line) {
                Some(fixed) => format!("write `{}`", fixed.trim()),
                None => "every entry needs a quote at each end, with commas between: [\"first\", \"second\"]".to_string(),
            };
            return Some(
                source
                    .error(range, "a quote is missing in this list")
                    .with_hint(hint)
                    .with_code("unclosed-string"),
            );
        }
        if line.matches('"').count() % 2 == 1 {
            let quote = line.rfind('"')?;
            let fixed = hints::close_string(line, quote);
            let hint = if hints::parses::<toml::Table>(&hints::with_line(text, start, &fixed)) {
                format!("close the string: write `{}`", fixed.trim())
            } else {
                "close the string with a `\"`, then a comma if an entry follows".to_string()
            };
            let (open, close) = (offset + start + quote, offset + start + line.len());
            return Some(
                source
                    .error(open..close, "this string is missing its closing quote")
                    .with_hint(hint)
                    .with_code("unclosed-string"),
            );
        }
    }
    None
}

/// An unknown key: did you mean a close key; or, for a top-level key written below a
/// `[table]`, move it above the table.
fn unknown_key<T: DeserializeOwned>(
    source: &SourceFile,
    offset: usize,
    text: &str,
    span: std::ops::Range<usize>,
    key: &str,
    expected: &str,
) -> Diagnostic {
    let accepted: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let diagnostic = source
        .error(
            offset + span.start..offset + span.end,
            format!("unknown key `{key}`"),
        )
        .with_code("unknown-key");
    // Is the key inside a table? Then try it at the top, where it may belong.
    let line_start = text[..span.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(str::to_string);
    if let Some(table) = table {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i + 1);
        let line = &text[line_start..line_end];
        let moved = format!(
            "{}\n{}{}",
            line.trim_end(),
            &text[..line_start],
            &text[line_end..]
        );
        let still_unknown = match toml::from_str::<T>(&moved) {
            Ok(_) => false,
            Err(e) => e.message().contains(&format!("unknown field `{key}`")),
        };
        if !still_unknown {
            let table = table.split('#').next().unwrap_or("").trim().to_string();
            return Diagnostic {
                message: format!("`{key}` is written inside {table}, where it is not a key"),
                ..diagnostic
            }
            .with_hint(format!(
                "move `{key}` above {table}: every key after a [table] line belongs to that table"
            ))
            .with_code("key-after-table");
        }
    }
    match crate::diagnostics::nearest(key, accepted.iter().copied()) {
        Some(close) => diagnostic.with_hint(format!("did you mean `{close}`?")),
        None if accepted.is_empty() => diagnostic.with_hint("remove the key"),
        None => diagnostic.with_hint(format!("remove it or use one of: {}", accepted.join(", "))),
    }
}

/// Turns a TOML error into a diagnostic at its place in the file, with advice for the
/// mistakes editors make most.
pub fn toml_error(source: &SourceFile, offset: usize, error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim().replace('\n', " ");
    let hint = if message.contains("unknown field") {
        Some("remove the key or fix its spelling; the accepted keys are listed in the message")
    } else if message.contains("untagged enum ListedEntity") {
        Some(
            "write a slug such as \"kataib-hezbollah\" or a table { id = \"slug\", role = \"...\" }",
        )
    } else if message.contains("missing field") {
        Some("add the key to the front matter")
    } else {
        None
    };
    let message = if message.contains("untagged enum ListedEntity") {
        "this entry is neither a slug nor an { id, role } table".to_string()
    } else {
        message
    };
    let diagnostic = match error.span() {
        Some(span) => source.error(offset + span.start..offset + span.end, message),
        None => source.error(offset..offset, message),
    };
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}
