//! The attribute rules of `attrs` as the markdown renderer applies them: errors at their
//! file's line and column, and the ids headings get. Beside the renderer rather than in
//! `attrs`, which the renderer imports.

use std::path::Path;

use super::Markdown;

fn errors(text: &str) -> Vec<String> {
    match Markdown::default().render(text, Path::new("a.md"), 10) {
        Ok(html) => panic!("accepted: {html}"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn event_handlers_are_errors_at_their_column() {
    let e = errors("Intro.\n\n## Title {onfocus=alert(1) autofocus tabindex=0}\n");
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e[0].contains("`onfocus=alert(1)` is not allowed"), "{e:?}");
    assert!(e[0].contains("a.md:12:11"), "{e:?}");
    assert!(
        e[0].contains("help: only {#id .class} are allowed"),
        "{e:?}"
    );
    assert!(e[1].contains("a.md:12:28"), "{e:?}");
    let setext = errors("Title {onclick=x}\n=====\n");
    assert!(setext[0].contains("a.md:10:8"), "{setext:?}");
}

#[test]
fn ids_and_classes_must_be_plain_and_free() {
    let e = errors("# A {#gloss-cards}\n\n# B {#p-2}\n\n# C {.x\"y}\n\n[^main]: n\n");
    assert_eq!(e.len(), 4, "{e:?}");
    assert!(
        e[0].contains("`#gloss-cards` is one the theme uses"),
        "{e:?}"
    );
    assert!(e[0].contains("a.md:10:6"), "{e:?}");
    assert!(e[1].contains("`#p-2`"), "{e:?}");
    assert!(e[2].contains("class `.x\"y`"), "{e:?}");
    assert!(e[3].contains("`[^main]`"), "{e:?}");
    let html = Markdown::default()
        .render(
            "## Main\n\n## P 1 {#sec .wide}\n\n## P 2\n",
            Path::new("a.md"),
            1,
        )
        .unwrap_or_default();
    assert!(html.contains("<h2 id=\"main-2\">"), "{html}");
    assert!(html.contains("<h2 id=\"sec\" class=\"wide\">"), "{html}");
    assert!(html.contains("<h2 id=\"p-2-2\">"), "{html}");
    let twice = errors("# A {#x}\n\n# B {#x}\n");
    assert!(twice[0].contains("`#x` is given twice") && twice[0].contains("a.md:12:1"));
    let html = Markdown::default()
        .render("## Sec\n\n## Other {#sec}\n", Path::new("a.md"), 1)
        .unwrap_or_default();
    assert!(html.contains("<h2 id=\"sec-2\">Sec</h2>"), "{html}");
    assert!(html.contains("<h2 id=\"sec\">Other</h2>"), "{html}");
}
