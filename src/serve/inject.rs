//! The live-reload hook, added to each HTML response on its way out (never to the built
//! files), just before `</body>` so the page's own content comes first.
//!
//! Pages carry a Content-Security-Policy of `script-src 'self'`, so the hook is no inline
//! script: it is a JSON data block (which CSP does not run) holding the page's build number
//! and error, and an external script served by `serve` itself at [`SCRIPT_PATH`].

/// The live-reload script, served at [`SCRIPT_PATH`]; it reads the data block by its id.
pub const SCRIPT: &str = include_str!("live.js");

/// Where [`SCRIPT`] is served, outside any path a site can have (slugs cannot start
/// with `_`).
pub const SCRIPT_PATH: &str = "__gloss/live.js";

/// `html` with the live-reload hook added.
pub fn inject(html: &[u8], build: u64, error: Option<&str>) -> Vec<u8> {
    let data = serde_json::json!({ "build": build, "error": error })
        .to_string()
        // Every `<` and `>` becomes a `\u` escape, so no text can end the block
        // (`</script`), open an HTML comment that swallows its end (`<!--`) or start a
        // nested script (`<script`) in the HTML tokenizer.
        .replace('<', "\\u003c")
        .replace('>', "\\u003e");
    let snippet = format!(
        "<script type=\"application/json\" id=\"gloss-live\">{data}</script>\n\
         <script src=\"/{SCRIPT_PATH}\"></script>\n"
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

    /// The JSON of the data block in an injected page.
    fn data(page: &str) -> &str {
        let open = "<script type=\"application/json\" id=\"gloss-live\">";
        let start = page.find(open).map_or(0, |at| at + open.len());
        let end = page[start..]
            .find("</script>")
            .map_or(start, |at| start + at);
        &page[start..end]
    }

    #[test]
    fn goes_before_the_end_of_the_body() {
        let page = String::from_utf8(inject(b"<body><p>x</p></BODY></html>", 3, None)).unwrap();
        assert!(page.starts_with("<body><p>x</p><script type=\"application/json\""));
        assert_eq!(data(&page), r#"{"build":3,"error":null}"#);
        assert!(page.ends_with("<script src=\"/__gloss/live.js\"></script>\n</BODY></html>"));
        assert!(SCRIPT.contains("/__gloss/events"));
    }

    #[test]
    fn no_inline_script_runs() {
        // Under the pages' CSP (script-src 'self') an inline script would be blocked.
        let page = String::from_utf8(inject(b"<body></body>", 1, Some("x"))).unwrap();
        assert_eq!(page.matches("<script>").count(), 0, "{page}");
        assert_eq!(page.matches("<script").count(), 2);
    }

    #[test]
    fn errors_cannot_close_comment_or_open_scripts() {
        let hostile = "a <!-- b <script> c <SCRIPT d </ e --> f </script><b>\"x\"</b>";
        let page = String::from_utf8(inject(b"<body></body>", 2, Some(hostile))).unwrap();
        let json = data(&page);
        for bad in ["<!--", "<script", "<SCRIPT", "</", "<", ">"] {
            assert!(!json.contains(bad), "{bad} in {json}");
        }
        // The message still reads the same once decoded.
        let back: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(back["error"], hostile);
        assert_eq!(back["build"], 2);
    }
}
