//! HTML escaping, one function for the annotator and the markdown renderer so every page
//! escapes alike.

/// Appends `text` to `out` with `& < > " '` escaped, safe in element content and in
/// double-quoted attributes alike.
pub fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..at]);
        out.push_str(entity);
        last = at + 1;
    }
    out.push_str(&text[last..]);
}

/// `text` escaped as [`escape_into`] does, in a new string.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}
