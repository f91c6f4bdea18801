//! Property: whatever markdown an editor (or an attacker with write access to `content/`)
//! writes, the HTML gloss renders from it has no event handler attribute (`on*`), no
//! `javascript:`, `vbscript:` or `data:` URL, and no `<script>`, `<iframe>`, `<style>`,
//! `<object>` or `<embed>` element. Either the markdown renders safely or it is refused with
//! an error. The HTML is read back with a real parser (`scraper`, html5ever), as a browser
//! would read it.
//!
//! Short by default (256 cases); a long run: `GLOSS_PROPTEST_CASES=100000 cargo test --lib
//! markup::proptests`.

use std::path::Path;

use proptest::prelude::*;
use scraper::Html;

use super::markdown::Markdown;

/// One renderer per URL mode for the whole run, as in a build (the syntax set for code
/// highlighting loads once).
static RENDERERS: std::sync::LazyLock<[Markdown; 2]> =
    std::sync::LazyLock::new(|| [Markdown::new(false), Markdown::new(true)]);

/// How many cases to run: `GLOSS_PROPTEST_CASES`, or 256.
fn cases() -> u32 {
    std::env::var("GLOSS_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

/// Pieces that try to get code into a page, mixed with harmless ones.
const PIECES: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<style>body{display:none}</style>",
    "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<!-- c -->",
    "</p><script>",
    "[a](javascript:alert(1))",
    "[a](JaVaScRiPt:alert(1))",
    "[a](vbscript:msgbox)",
    "[a](data:text/html,<script>x</script>)",
    "[a](java\tscript:x)",
    "[a](&#106;avascript:x)",
    "[a](%6Aavascript:x)",
    "[a]( javascript:x \"t\")",
    "[a](https://example.com/?q=<x>)",
    "[a](../actors/kh/)",
    "[a](#p-1)",
    "[a](mailto:a@b.c)",
    "<javascript:alert(1)>",
    "<https://example.com>",
    "<vbscript:x>",
    "![i](data:image/png;base64,AAAA)",
    "![i](javascript:x \"t\")",
    "![i](https://example.com/i.png \"\\\" onerror=x\")",
    "[r]\n\n[r]: javascript:alert(1)\n",
    "[r][]\n\n[r]: data:x\n",
    "[^1]\n\n[^1]: note <script>\n",
    "`<script>`",
    "```html\n<script>alert(1)</script>\n```\n",
    "```\"><script>\n</script>\n```\n",
    "| a | <b onclick=x> |\n|---|---|\n| <script> | c |\n",
    "~~<style>~~",
    "&lt;script&gt;",
    "&#60;script&#62;",
    "\u{0}<script>",
];

/// Heading attribute tokens, allowed and not.
const ATTRS: &[&str] = &[
    "#sec",
    ".wide",
    "onfocus=alert(1)",
    "autofocus",
    "tabindex=0",
    "style=x",
    "#gloss-cards",
    "#p-1",
    ".a\"b",
    "onclick=\"x\"",
    "ONLOAD=x",
    "#x\"onmouseover=y",
    "data-x=1",
    "href=javascript:x",
];

fn heading() -> impl Strategy<Value = String> {
    (
        1usize..7,
        "[a-zA-Z <>\"=]{0,12}",
        proptest::collection::vec(proptest::sample::select(ATTRS), 0..4),
        any::<bool>(),
    )
        .prop_map(|(level, text, attrs, setext)| {
            let block = format!("{{{}}}", attrs.join(" "));
            if setext {
                format!("{text} {block}\n===\n")
            } else {
                format!("{} {text} {block}\n", "#".repeat(level))
            }
        })
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(PIECES).prop_map(str::to_string),
        heading(),
        "[a-z<>&\"'=:/()\\[\\]!#*_`{}. \n-]{0,30}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    proptest::collection::vec(block(), 1..8).prop_map(|blocks| blocks.join("\n"))
}

/// What a browser would find dangerous in `html`, if anything.
fn dangers(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let doc = Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let name = element.name();
        if ["script", "iframe", "style", "object", "embed"].contains(&name) {
            found.push(format!("a <{name}> element"));
        }
        for (attr, value) in element.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                found.push(format!("an {attr} attribute on <{name}>"));
            }
            let url: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if ["href", "src", "action", "formaction", "poster", "srcset"].contains(&attr.as_str())
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| url.starts_with(s))
            {
                found.push(format!("{attr}={value:?} on <{name}>"));
            }
            if name.len() == 2 && name.starts_with('h') && !["id", "class"].contains(&attr.as_str())
            {
                found.push(format!("a heading attribute {attr}"));
            }
        }
    }
    found
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn rendered_markdown_carries_no_code(text in document(), file_urls in any::<bool>()) {
        match RENDERERS[usize::from(file_urls)].render(&text, Path::new("a.md"), 5) {
            Ok(html) => {
                let found = dangers(&html);
                prop_assert!(found.is_empty(), "{found:?}\n--- markdown\n{text}\n--- html\n{html}");
            }
            Err(errors) => {
                for e in &errors {
                    prop_assert!(e.line >= 5 && e.hint.is_some(), "{e}");
                }
            }
        }
    }
}

#[test]
fn the_checker_sees_what_a_browser_would() {
    assert!(!dangers("<h2 onfocus=\"x\">t</h2>").is_empty());
    assert!(!dangers("<a href=\" JavaScript:x\">t</a>").is_empty());
    assert!(!dangers("<p>a</p><script>x</script>").is_empty());
    assert!(dangers("<p>&lt;script&gt; onclick=x javascript:y</p>").is_empty());
}
