//! Hints that write the fix for the editor: the line to write instead, computed from what
//! was written (a date in another order, coordinates in degrees, a name without quotes, a
//! string or a list left open), and checked by parsing the file with the fix applied, so a
//! hint never leads to a second error.

use std::ops::Range;

use serde::de::DeserializeOwned;

use super::guess;
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::PartialDate;

/// The TOML being parsed (front matter, or all of `config.toml`) and where it sits in its
/// file, so a fix found in the text is reported at its place in the file.
#[derive(Clone, Copy)]
pub(super) struct Toml<'a> {
    /// The file the TOML is in.
    pub(super) source: &'a SourceFile,
    /// Byte offset of the TOML in the file.
    pub(super) offset: usize,
    /// The TOML itself.
    pub(super) text: &'a str,
}

impl Toml<'_> {
    /// An error about bytes `range` of the TOML.
    pub(super) fn error(&self, range: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.source
            .error(self.offset + range.start..self.offset + range.end, message)
    }

    /// The 1-based line of the file where byte `at` of the TOML falls.
    pub(super) fn line_of(&self, at: usize) -> usize {
        self.source.line_of(self.offset + at)
    }
}

/// The line of `text` around byte `at`: its start and its text without the newline.
pub(super) fn line_at(text: &str, at: usize) -> (usize, &str) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (start, text[start..end].trim_end_matches('\r'))
}

/// `text` with the line starting at byte `start` replaced by `line`.
pub(super) fn with_line(text: &str, start: usize, line: &str) -> String {
    let (_, old) = line_at(text, start);
    format!("{}{line}{}", &text[..start], &text[start + old.len()..])
}

/// Does `text` parse as `T`?
pub(super) fn parses<T: DeserializeOwned>(text: &str) -> bool {
    toml::from_str::<T>(text).is_ok()
}

/// The fix for a parse error whose cause can be read from the line, if there is one:
/// tried before the general messages of `parse_toml` (which asks `structure` about a key
/// set twice: that module reads its lines with this one's helpers).
pub(super) fn fix<T: DeserializeOwned>(
    doc: Toml,
    span: &Range<usize>,
    message: &str,
) -> Option<Diagnostic> {
    let text = doc.text;
    let at = span.start;
    if let Some(d) = by_key::<T>(doc, at) {
        return Some(d);
    }
    if is_bare(message) {
        return not_a_date(doc, at)
            .or_else(|| unquoted_words::<T>(doc, at))
            .or_else(|| bare_words_quoted::<T>(doc, at));
    }
    if message.starts_with("invalid basic string") {
        let (start, line) = line_at(text, at);
        let quote = line.rfind('"')?;
        let fixed = close_string(line, quote);
        return parses::<toml::Table>(&with_line(text, start, &fixed)).then(|| {
            doc.error(
                start + quote..start + line.len(),
                "this string is missing its closing quote",
            )
            .with_hint(format!("close the string: write `{}`", fixed.trim()))
            .with_code("unclosed-string")
        });
    }
    None
}

/// Does the parser's message say it met a word that is no TOML value?
pub(super) fn is_bare(message: &str) -> bool {
    message.starts_with("invalid boolean")
        || message.starts_with("string values must be quoted")
        || message.starts_with("invalid float")
        || message.starts_with("invalid integer")
}

/// A word where a date belongs (`date = yesterday`): quoting it would not help.
fn not_a_date(doc: Toml, at: usize) -> Option<Diagnostic> {
    let text = doc.text;
    let (start, line) = line_at(text, at);
    let (key, range) = key_value(line).filter(|(k, _)| matches!(*k, "date" | "published"))?;
    Some(
        doc.error(start + range.start..start + range.end,
                format!("`{}` is not a date", &line[range]),
            )
            .with_hint(format!(
                "write the date year first: {key} = 2021-07-07, or {key} = \"2021-07\" for a month, {key} = \"2021\" for a year"
            ))
            .with_code("date-format"),
    )
}

/// Bare words in a line (`actors = [kataib-hezbollah, iran]`, `name = Iran`): each is
/// quoted where it stands, until the file parses.
fn bare_words_quoted<T: DeserializeOwned>(doc: Toml, at: usize) -> Option<Diagnostic> {
    let text = doc.text;
    let (start, _) = line_at(text, at);
    let mut fixed = text.to_string();
    let mut words = Vec::new();
    for _ in 0..16 {
        let error = match toml::from_str::<T>(&fixed) {
            Ok(_) => break,
            Err(error) => error,
        };
        let span = error.span()?;
        let (line_start, line) = line_at(&fixed, span.start);
        if line_start != start || !is_bare(error.message()) {
            return None;
        }
        let word = line[span.start - start..]
            .split([' ', ',', ']', '}', '#', '\r'])
            .next()
            .filter(|w| !w.is_empty())?;
        words.push(format!("`{word}`"));
        let len = word.len();
        fixed.replace_range(
            span.start..span.start + len,
            &format!("\"{}\"", &fixed[span.start..span.start + len]),
        );
    }
    let (_, line) = line_at(&fixed, start);
    let (_, old) = line_at(text, start);
    Some(
        doc.error(
            at..start + old.len(),
            format!("text must be in quotes, found {}", words.join(", ")),
        )
        .with_hint(format!("write `{}`", line.trim()))
        .with_code("type"),
    )
}

/// Two entries of a one-line list without a comma between them (`["a" "b"]`).
pub(super) fn comma_missing(doc: Toml, at: usize) -> Option<Diagnostic> {
    let text = doc.text;
    let (start, line) = line_at(text, at);
    let split = at.checked_sub(start)?;
    let (before, after) = (line.get(..split)?, line.get(split..)?);
    if before.trim().is_empty() || after.trim().is_empty() {
        return None;
    }
    let fixed = format!("{}, {}", before.trim_end(), after.trim_start());
    parses::<toml::Table>(&with_line(text, start, &fixed)).then(|| {
        doc.error(at..at + 1, "a comma is missing between two entries")
            .with_hint(format!("write `{}`", fixed.trim()))
            .with_code("missing-comma")
    })
}

/// The line with the one quote a one-line list misses put back (`["kh, "iran"]` becomes
/// `["kh", "iran"]`), if exactly that makes the file parse; a place before a `,` or `]`
/// is preferred.
pub(super) fn quote_missing(text: &str, start: usize, line: &str) -> Option<String> {
    if line.len() > 400 {
        return None;
    }
    let open = line.find('[')? + 1;
    let mut found: Vec<(bool, String)> = (open..=line.len())
        .filter(|&i| line.is_char_boundary(i))
        .map(|i| (i, format!("{}\"{}", &line[..i], &line[i..])))
        .filter(|(_, fixed)| parses::<toml::Table>(&with_line(text, start, fixed)))
        .map(|(i, fixed)| (!line[i..].starts_with([',', ']']), fixed))
        .collect();
    found.sort_by_key(|(far, _)| *far);
    found.into_iter().next().map(|(_, fixed)| fixed)
}

/// The key of a `key = value` line and the value's byte range in `line` (a trailing
/// `# comment` left out); none for other lines.
pub(super) fn key_value(line: &str) -> Option<(&str, Range<usize>)> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !simple {
        return None;
    }
    let eq = line.find('=')?;
    let rest = &line[eq + 1..];
    let start = eq + 1 + (rest.len() - rest.trim_start().len());
    let end = line[start..]
        .find(" #")
        .map_or(line.trim_end().len(), |i| start + i);
    Some((key, start..end.max(start)))
}

/// The key name right before `at` in `line` (`published` of `{ published = `), if any.
pub fn key_at(text: &str, at: usize) -> Option<&str> {
    let (start, line) = line_at(text, at);
    let before = line.get(..at.saturating_sub(start))?.trim_end();
    let before = before.strip_suffix('=')?.trim_end();
    let key_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
    Some(&before[key_start..]).filter(|k| !k.is_empty())
}

/// The message and help for a date gloss cannot read but whose meaning is clear (or one
/// of two): "write `date = 2021-06-27`". `key` names the key to write, if known.
pub fn date_fix(written: &str, key: Option<&str>) -> Option<(String, String)> {
    let written = written.trim();
    let line = |d: &PartialDate| match key {
        Some(key) => format!("`{key} = {}`", guess::toml_date(d)),
        None => format!("`{}`", guess::toml_date(d)),
    };
    match guess::dates(written).as_slice() {
        [one] => Some((
            format!("`{written}` is not a date gloss reads: dates are written year first"),
            format!("write {}", line(one)),
        )),
        [a, b] => Some((
            format!(
                "`{written}` could be {} or {}: its day and month can be read either way",
                a.display(),
                b.display()
            ),
            format!(
                "write {} for {} or {} for {}",
                line(a),
                a.display(),
                line(b),
                b.display()
            ),
        )),
        _ => None,
    }
}

/// A date or coordinates value on the line of a parse error, written in a way gloss can
/// read once rewritten: the error says what to write instead.
pub(super) fn by_key<T: DeserializeOwned>(doc: Toml, at: usize) -> Option<Diagnostic> {
    let text = doc.text;
    let (start, line) = line_at(text, at);
    let (key, range) = key_value(line)?;
    let written = &line[range.clone()];
    let (message, hint, fixed, code) = match key {
        "date" | "published" => {
            if PartialDate::parse(written.trim_matches('"')).is_ok() {
                return None;
            }
            let (message, hint) = date_fix(written, Some(key))?;
            let dates = guess::dates(written);
            let fixed = format!("{key} = {}", guess::toml_date(dates.first()?));
            (message, hint, fixed, "date-format")
        }
        "coordinates" => {
            let [lat, lon] = guess::coordinates(written)?;
            let fixed = format!(
                "coordinates = [{}, {}]",
                guess::toml_float(lat),
                guess::toml_float(lon)
            );
            (
                format!(
                    "coordinates are a list of two decimal numbers, [latitude, longitude], not `{written}`"
                ),
                format!("write `{fixed}`"),
                fixed,
                "coordinates-format",
            )
        }
        _ => return None,
    };
    let whole = format!("{}{}", &line[..line.len() - line.trim_start().len()], fixed);
    if !parses::<T>(&with_line(text, start, &whole)) {
        return None;
    }
    Some(
        doc.error(start + range.start..start + range.end, message)
            .with_hint(hint)
            .with_code(code),
    )
}

/// Text written without quotes that runs past its first word (`name = Mark Milley`):
/// quoting the whole value, not its first word, is the fix.
pub(super) fn unquoted_words<T: DeserializeOwned>(doc: Toml, at: usize) -> Option<Diagnostic> {
    let text = doc.text;
    let (start, line) = line_at(text, at);
    let (key, range) = key_value(line)?;
    let written = line[range.clone()].trim();
    let words = written.split_whitespace().count() > 1
        || written.contains(|c: char| !c.is_alphanumeric() && c != '_' && c != '-');
    if !words || written.starts_with(['"', '\'', '[', '{']) || at - start < range.start {
        return None;
    }
    let quoted = toml::Value::String(written.to_string()).to_string();
    let fixed = format!("{}{quoted}{}", &line[..range.start], &line[range.end..]);
    if !parses::<T>(&with_line(text, start, &fixed)) {
        return None;
    }
    Some(
        doc.error(
            start + range.start..start + range.end,
            format!("text must be in quotes, found `{written}`"),
        )
        .with_hint(format!("write `{key} = {quoted}`"))
        .with_code("type"),
    )
}

/// The help for a value outside a closed set (a status, `[mentions] link`…): the nearest
/// value ready to write, then every value, the nearest first.
pub fn one_of(key: &str, wanted: &str, values: &[&str]) -> String {
    let wanted = wanted.trim().to_lowercase();
    let mut sorted = values.to_vec();
    sorted.sort_by_cached_key(|v| strsim::damerau_levenshtein(&wanted, v));
    let list = sorted.join(", ");
    match crate::diagnostics::nearest(&wanted, values.iter().copied()) {
        Some(close) => {
            format!("did you mean `{close}`? write `{key} = \"{close}\"` (one of: {list})")
        }
        None => format!("use one of: {list}"),
    }
}

/// The line with the unclosed string at `quote` closed: `"KH]` becomes `"KH"]`, a list
/// entry gets its comma, a one-line list its `]`.
pub(super) fn close_string(line: &str, quote: usize) -> String {
    let unfinished = line[quote + 1..].trim_end();
    let content = unfinished.trim_end_matches([',', ']', '}', ' ']);
    let closers = &unfinished[content.len()..];
    let mut fixed = format!("{}{content}\"", &line[..=quote]);
    if closers.is_empty() && !line.contains('=') {
        fixed.push(',');
    }
    fixed.push_str(closers);
    if line.contains('=') && fixed.matches('[').count() > fixed.matches(']').count() {
        fixed.push(']');
    }
    fixed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_closed_where_they_end() {
        let line = "actors = [\"us-forces\", \"KH]";
        assert_eq!(
            close_string(line, line.rfind('"').unwrap()),
            "actors = [\"us-forces\", \"KH\"]"
        );
        let line = "  \"us-forces,";
        assert_eq!(close_string(line, 2), "  \"us-forces\",");
        let line = "actors = [\"us-forces\", \"KH";
        assert_eq!(
            close_string(line, line.rfind('"').unwrap()),
            "actors = [\"us-forces\", \"KH\"]"
        );
    }

    #[test]
    fn keys_and_values_of_lines() {
        assert_eq!(
            key_value("name = Mark Milley # the general"),
            Some(("name", 7..18))
        );
        assert_eq!(key_value("  \"a\", b = c"), None);
        let text = "sources = [{ outlet = \"x\", published = 27-06-2021 }]";
        assert_eq!(key_at(text, text.find("27").unwrap()), Some("published"));
        assert_eq!(key_at("x = [1", 5), None);
    }

    #[test]
    fn closed_sets_nearest_first() {
        let statuses = ["claimed", "reported", "confirmed", "disputed"];
        assert_eq!(
            one_of("status", "confimed", &statuses),
            "did you mean `confirmed`? write `status = \"confirmed\"` (one of: confirmed, claimed, reported, disputed)"
        );
        assert_eq!(
            one_of("status", "zzzzzzzzzzzzzz", &statuses[..2]),
            "use one of: claimed, reported"
        );
    }

    #[test]
    fn dates_fixes_say_both_readings() {
        let (message, hint) = date_fix("07/06/2021", Some("date")).unwrap();
        assert!(message.contains("7 June 2021 or 6 July 2021"), "{message}");
        assert_eq!(
            hint,
            "write `date = 2021-06-07` for 7 June 2021 or `date = 2021-07-06` for 6 July 2021"
        );
        assert_eq!(date_fix("soon", None), None);
    }
}
