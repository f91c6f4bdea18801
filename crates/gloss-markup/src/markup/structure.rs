//! Mistakes in the shape of TOML, reported where the editor can fix them: a list whose
//! `]` is missing (the parser stumbles on the next key), a key set twice (said with the
//! line that set it first).

use std::ops::Range;

use super::hints::{Toml, key_value, line_at, parses, with_line};
use crate::diagnostics::Diagnostic;

/// A list whose `]` is missing: the parser stumbles on the next key's line, but the fix
/// belongs after the list's last entry. Points at the `[` and says where to close it.
pub(super) fn unclosed_list(doc: Toml, at: usize) -> Option<Diagnostic> {
    let text = doc.text;
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
    let line = |at: usize| doc.line_of(at);
    Some(
        doc.error(
            open..open + 1,
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
pub(super) fn duplicate_key(doc: Toml, span: Range<usize>) -> Option<Diagnostic> {
    let text = doc.text;
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
    let first_line = doc.line_of(first);
    Some(
        doc.error(
            span.start..span.end,
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
    fn open_brackets_skip_tables_strings_and_comments() {
        assert_eq!(open_bracket("a = [\n  \"x\",\n"), Some(4));
        assert_eq!(open_bracket("a = [1]\n[source]\nb = \"[\" # [\n"), None);
        assert_eq!(open_bracket("a = [[1, 2],\n  [3,\n"), Some(15));
        assert_eq!(header("[source] "), Some("source"));
        assert_eq!(header("[[x]]"), None);
    }
}
