//! The live-reload script, added to each HTML response on its way out (never to the built
//! files), just before `</body>` so the page's own content comes first.

/// The script; a function expression called with the page's build number and error.
const SCRIPT: &str = include_str!("live.js");

/// `html` with the live-reload script added.
pub fn inject(html: &[u8], build: u64, error: Option<&str>) -> Vec<u8> {
    let error = match error {
        // A JSON string is a JavaScript string. Every `<` and `>` becomes a `\u` escape, so
        // no text can end the script (`</script`), open an HTML comment that swallows its
        // end (`<!--`) or start a nested script (`<script`) in the HTML tokenizer.
        Some(text) => serde_json::Value::from(text)
            .to_string()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e"),
        None => "null".to_string(),
    };
    let snippet = format!(
        "<script>{}({build}, {error});</script>\n",
        SCRIPT.trim_end()
    );
    let at = find_last_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goes_before_the_end_of_the_body() {
        let page = String::from_utf8(inject(b"<body><p>x</p></BODY></html>", 3, None)).unwrap();
        assert!(page.starts_with("<body><p>x</p><script>"));
        assert!(page.contains("/__gloss/events"));
        assert!(page.contains("})(3, null);</script>\n</BODY></html>"));
    }

    #[test]
    fn errors_cannot_close_the_script() {
        let page = inject(b"<p>fragment</p>", 1, Some("bad </script><b>\"x\"</b>"));
        let page = String::from_utf8(page).unwrap();
        assert!(page.starts_with("<p>fragment</p><script>"));
        assert!(
            page.contains(r#"(1, "bad \u003c/script\u003e\u003cb\u003e\"x\"\u003c/b\u003e");"#),
            "{page}"
        );
        assert_eq!(page.matches("</script>").count(), 1);
    }

    #[test]
    fn errors_cannot_open_comments_or_scripts() {
        let hostile = "a <!-- b <script> c <SCRIPT d </ e --> f";
        let page =
            String::from_utf8(inject(b"<body></body>", 2, Some(hostile))).unwrap_or_default();
        let script = &page[page.find("<script>").unwrap_or(0) + 8..];
        let script = &script[..script.find("</script>").unwrap_or(0)];
        for bad in ["<!--", "<script", "<SCRIPT", "</"] {
            assert!(!script.contains(bad), "{bad} in {script}");
        }
        // The message still reads the same once JavaScript decodes the string.
        let json = &script[script.rfind("(2, ").unwrap_or(0) + 4..script.len() - 2];
        let back: String = serde_json::from_str(json).unwrap_or_default();
        assert_eq!(back, hostile);
        assert!(page.ends_with("</script>\n</body>"), "{page}");
    }
}
