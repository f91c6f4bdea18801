//! Hints that write the fix for the editor: the line to write instead, computed from what
//! was written (a date in another order, coordinates in degrees, a name without quotes, a
//! string or a list left open), and checked by parsing the file with the fix applied, so a
//! hint never leads to a second error.

use std::ops::Range;

use serde::de::DeserializeOwned;

use super::guess;
use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::PartialDate;

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
pub(super) fn by_key<T: DeserializeOwned>(
    source: &SourceFile,
    offset: usize,
    text: &str,
    at: usize,
) -> Option<Diagnostic> {
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
        source
            .error(
                offset + start + range.start..offset + start + range.end,
                message,
            )
            .with_hint(hint)
            .with_code(code),
    )
}

/// Text written without quotes that runs past its first word (`name = Mark Milley`):
/// quoting the whole value, not its first word, is the fix.
pub(super) fn unquoted_words<T: DeserializeOwned>(
    source: &SourceFile,
    offset: usize,
    text: &str,
    at: usize,
) -> Option<Diagnostic> {
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
        source
            .error(
                offset + start + range.start..offset + start + range.end,
                format!("text must be in quotes, found `{written}`"),
            )
            .with_hint(format!("write `{key} = {quoted}`"))
            .with_code("type"),
    )
}

/// The help for a value outside a closed set (a status, `[mentions] link`…): the nearest
/// value ready to write, then every value, the nearest first.
pub fn one_of(key: &str, wanted: &str, values: &[&str]) -> String {
    let wanted = wanted.trim();
    let mut sorted = values.to_vec();
    sorted.sort_by_key(|v| strsim::damerau_levenshtein(&wanted.to_lowercase(), v));
    let list = sorted.join(", ");
    match crate::diagnostics::nearest(&wanted.to_lowercase(), values.iter().copied()) {
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

/// A list whose `]` is missing: the parser stumbles on the next key's line, but the fix
/// belongs after the list's last entry. Points at the `[` and says where to close it.
pub(super) fn unclosed_list(
    source: &SourceFile,
    offset: usize,
    text: &str,
    at: usize,
) -> Option<Diagnostic> {
    let (error_start, error_line) = line_at(text, at);
    let next_item = error_line.trim_start();
    let at_end = at >= text.trim_end().len();
    // At the end of the text, the error's own line may be the list's last entry.
    let error_start = if at_end { text.len() } else { error_start };
    let stumbled = at_end
        || key_value(error_line).is_some()
        || next_item.starts_with('[')
        || next_item.starts_with('+');
    if !stumbled {
        return None;
    }
    let open = open_bracket(&text[..error_start])?;
    // The last line with content before the error: the list's last entry.
    let mut last = (error_start, "");
    let mut pos = error_start;
    while pos > open {
        let (start, line) = line_at(text, pos.saturating_sub(1));
        let content = line.split(" #").next().unwrap_or("").trim();
        if !content.is_empty() && !content.starts_with('#') {
            last = (start, line);
            break;
        }
        pos = start;
    }
    let indent = &last.1[..last.1.len() - last.1.trim_start().len()];
    let closed = format!("{}\n{indent}]", last.1);
    if !parses::<toml::Table>(&with_line(text, last.0, &closed)) {
        return None;
    }
    let line = |at: usize| source.line_of(offset + at);
    Some(
        source
            .error(
                offset + open..offset + open + 1,
                "this list is never closed: its `]` is missing",
            )
            .with_hint(format!(
                "end the list after its last entry (line {}): add a line `]` below it",
                line(last.0)
            ))
            .with_code("unclosed-list"),
    )
}

/// The name of a `[table]` line.
fn header(line: &str) -> Option<&str> {
    let line = line.trim();
    (line.starts_with('[') && !line.starts_with("[[")).then(|| line.trim_matches(['[', ']']).trim())
}

/// The byte offset of the last `[` of a value (not a `[table]` line) still open at the end
/// of `text`, skipping strings and comments.
fn open_bracket(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let header = open.is_empty() && line.trim_start().starts_with('[');
        let mut quote = None;
        for (i, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[') if !header => open.push(start + i),
                (None, ']') if !header => {
                    open.pop();
                }
                _ => {}
            }
        }
        start += line.len();
    }
    open.pop()
}

/// `duplicate key`: says where the key was first set, so the editor can keep one.
pub(super) fn duplicate_key(
    source: &SourceFile,
    offset: usize,
    text: &str,
    span: Range<usize>,
) -> Option<Diagnostic> {
    let key = text.get(span.clone())?.trim().trim_matches('"');
    let (line_start, line) = line_at(text, span.start);
    let is_table = header(line).is_some();
    let mut first = None;
    let mut start = 0;
    for l in text[..line_start].split_inclusive('\n') {
        match header(l) {
            // A key is looked for in its own table only: a new table starts afresh.
            Some(_) if !is_table => first = None,
            Some(name) if name == key && first.is_none() => first = Some(start),
            _ if !is_table && first.is_none() && key_value(l).is_some_and(|(k, _)| k == key) => {
                first = Some(start);
            }
            _ => {}
        }
        start += l.len();
    }
    let first = first?;
    let first_line = source.line_of(offset + first);
    Some(
        source
            .error(
                offset + span.start..offset + span.end,
                format!("duplicate key `{key}`: it is already set at line {first_line}"),
            )
            .with_hint(format!(
                "keep one of the two: delete this line or line {first_line}"
            ))
            .with_code("duplicate-key"),
    )
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
