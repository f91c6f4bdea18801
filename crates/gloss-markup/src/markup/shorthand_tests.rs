//! Tests of link shorthand: finding, resolving, rewriting markdown and summaries.

use super::*;

#[test]
fn bare_shorthands_but_not_mail_addresses() {
    let text = "See @actor/kh, mail me@actor/kh or x.@brief/a; (@incident/2021-07-07-x-).";
    let found: Vec<(&str, &str)> = find(text).iter().map(|f| (f.kind, f.slug)).collect();
    assert_eq!(found, [("actor", "kh"), ("incident", "2021-07-07-x")]);
    assert_eq!(&text[find(text)[0].range.clone()], "@actor/kh");
}

#[test]
fn targets_split_off_their_fragment() {
    assert_eq!(split_target("@brief/a#p-3"), Some(("brief", "a", "#p-3")));
    assert_eq!(split_target("@actor/kh"), Some(("actor", "kh", "")));
    assert_eq!(split_target("https://x.io/@actor/kh"), None);
}

fn table() -> Shorthands {
    let mut table = Shorthands {
        urls: Some(Urls { file_urls: true }),
        ..Shorthands::default()
    };
    table.names[Kind::Actor.index()].insert("kh".into(), "K<H> & co".into());
    table.names[Kind::Brief.index()].insert("a".into(), "Brief A".into());
    table
}

fn render(text: &str) -> Result<String, Vec<Diagnostic>> {
    let markdown = super::super::markdown::Markdown::new(true).with_links(table());
    markdown.render(text, std::path::Path::new("x.md"), 5)
}

#[test]
fn markdown_links_bare_and_targets_escaped() {
    let html = render(
        "See @actor/kh and [that](@brief/a#p-2).\n\n`@actor/kh` [in @actor/kh](https://x.io) \\@actor/kh\n\n    @actor/kh\n",
    )
    .unwrap_or_default();
    let link = "<a href=\"../../actors/kh/index.html\">K&lt;H&gt; &amp; co</a>";
    assert_eq!(html.matches(link).count(), 1, "{html}");
    assert!(
        html.contains("href=\"../../briefs/a/index.html#p-2\">that</a>"),
        "{html}"
    );
    assert!(html.contains("<code>@actor/kh</code>"), "{html}");
    assert!(html.contains(">in @actor/kh</a>"), "{html}");
    assert!(html.contains("@actor/kh</p>"), "{html}");
    let home = super::super::markdown::Markdown::new(false).with_links(table());
    let html = home
        .render_for("@brief/a", std::path::Path::new("x.md"), 1, "index.html")
        .unwrap_or_default();
    assert!(html.contains("href=\"briefs/a/index.html\""), "{html}");
}

#[test]
fn summaries_show_names() {
    let markdown = super::super::markdown::Markdown::new(false).with_links(table());
    let text = markdown.first_paragraph("See @actor/kh and @actor/zz.\n\nMore.");
    assert_eq!(text, "See K<H> & co and @actor/zz.");
}

#[test]
fn unknown_shorthands_are_errors_at_their_column() {
    let errors = render("One.\n\nAnd @actor/kk here, [x](@brief/b).\n").unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!((errors[0].line, errors[0].column), (7, 5));
    assert!(errors[0].hint.as_deref().unwrap_or("").contains("`kh`"));
    assert_eq!((errors[1].line, errors[1].column), (7, 25));
}

#[test]
fn unknown_slugs_and_kinds_get_help() {
    let mut table = Shorthands::default();
    table.names[Kind::Actor.index()].insert("kataib-hezbollah".into(), "KH".into());
    table.names[Kind::Location.index()].insert("anbar".into(), "Anbar".into());
    let target = table.resolve("actor", "kataib-hezbollah").map(|t| t.path);
    assert_eq!(target, Ok("actors/kataib-hezbollah/".to_string()));
    let e = table.resolve("actor", "kataib-hezbolah").unwrap_err();
    let (code, help) = (e.code, e.help);
    assert_eq!(code, "unknown-slug");
    assert!(help.contains("did you mean `kataib-hezbollah`"), "{help}");
    let e = table.resolve("actor", "anbar").unwrap_err();
    let (code, help) = (e.code, e.help);
    assert_eq!(code, "wrong-kind");
    assert_eq!(help, "`anbar` is a location: write `@location/anbar`");
    let e = table.resolve("actors", "kataib-hezbollah").unwrap_err();
    let (message, help) = (e.message, e.help);
    assert!(message.contains("`@actors/`"), "{message}");
    assert_eq!(help, "write `@actor/kataib-hezbollah`");
    let help = table.resolve("incidents", "x").unwrap_err().help;
    assert!(help.contains("did you mean `@incident/`"), "{help}");
}
