//! Markdown to HTML for everything editors write: brief texts, notes, descriptions, pages and
//! `article.md`. Raw HTML is shown as text and links with unsafe schemes are refused, because
//! annotation files are content, not code.

#[path = "markdown_errors.rs"]
mod errors;
#[path = "markdown_headings.rs"]
mod headings;

use std::path::Path;
use std::sync::OnceLock;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::attrs::{Place, is_reserved_id};
use super::escape_html as escape;
use super::shorthand::{Rewriter, Shorthands};
use crate::diagnostics::Diagnostic;
use crate::markup::toml_escapes::is_forbidden;
use crate::urls::{Urls, is_safe_href};
use errors::{too_many_elements, unsafe_link, without_forbidden};
use headings::{checked_heading, with_heading_ids};

/// The prefix of every highlighting class, so theme CSS never clashes with the site's.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Renders markdown; shared by every page of a build. The syntax set is loaded on first use
/// only, so sites without code blocks never pay for it.
#[derive(Default)]
pub struct Markdown {
    syntaxes: OnceLock<SyntaxSet>,
    /// Relative links to folders get `index.html`, as every generated link does in
    /// file-URL mode, so hand-written links also work opened from disk.
    file_urls: bool,
    /// The build's slugs, for link shorthand (`@actor/slug`); none: shorthand stays text.
    links: Option<Shorthands>,
}

/// `../x/#a` -> `../x/index.html#a`, for relative links that end in a folder.
fn with_index_html(url: &str) -> Option<String> {
    let relative = !url.starts_with(['#', '/']) && !url.contains("://") && !url.contains(':');
    let end = url.find(['?', '#']).unwrap_or(url.len());
    (relative && url[..end].ends_with('/'))
        .then(|| format!("{}index.html{}", &url[..end], &url[end..]))
}

/// Does an image address load from another site (`https://…`, `//host/…`)? The site loads
/// nothing from the network, so its pages' CSP would block it.
fn is_remote(url: &str) -> bool {
    let url = url.trim_start();
    url.starts_with("//") || url.contains("://")
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

impl Markdown {
    /// A renderer for a build in the given URL mode.
    pub fn new(file_urls: bool) -> Markdown {
        Markdown {
            syntaxes: OnceLock::new(),
            file_urls,
            links: None,
        }
    }

    /// The same renderer resolving link shorthand (`@actor/slug`…) with `links`.
    pub fn with_links(mut self, links: Shorthands) -> Markdown {
        self.links = Some(links);
        self
    }

    /// Parses markdown shown on a page one item deep (`briefs/<slug>/`, `actors/<slug>/`,
    /// `incidents/<slug>/`, `pages/<slug>/`), as [`Markdown::parse_for`] does for any page.
    pub fn parse<'a>(
        &self,
        text: &'a str,
        file: &Path,
        first_line: usize,
    ) -> Result<Vec<Event<'a>>, Vec<Diagnostic>> {
        let page = Urls {
            file_urls: self.file_urls,
        }
        .item_file();
        self.parse_for(text, file, first_line, Some(&page))
    }

    /// Parses an article written in markdown: the article as published, where `@actor/x`
    /// is the article's own text, never link shorthand.
    pub fn parse_article<'a>(
        &self,
        text: &'a str,
        file: &Path,
        first_line: usize,
    ) -> Result<Vec<Event<'a>>, Vec<Diagnostic>> {
        self.parse_for(text, file, first_line, None)
    }

    /// Renders markdown shown on the page written to `page_file` (e.g. `index.html` for
    /// the front page's intro), so link shorthand gets the right relative prefix.
    pub fn render_for(
        &self,
        text: &str,
        file: &Path,
        first_line: usize,
        page_file: &str,
    ) -> Result<String, Vec<Diagnostic>> {
        self.parse_for(text, file, first_line, Some(page_file))
            .map(|events| self.to_html(events))
    }

    /// Parses markdown into events, ready for the annotator or [`Markdown::to_html`]. Raw HTML
    /// becomes text; a link or image with an unsafe scheme is an error at its line in `file`
    /// (`first_line` is the file line where `text` starts). Link shorthand is resolved for
    /// the page written to `page_file`, if given.
    fn parse_for<'a>(
        &self,
        text: &'a str,
        file: &Path,
        first_line: usize,
        page_file: Option<&str>,
    ) -> Result<Vec<Event<'a>>, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut events = Vec::new();
        let mut explicit = std::collections::BTreeSet::new();
        let place = Place {
            text,
            file,
            first_line,
        };
        let mut shorthand = self
            .links
            .as_ref()
            .zip(page_file)
            .map(|(links, page)| Rewriter::new(links, page));
        for (seen, (event, range)) in Parser::new_ext(text, options())
            .into_offset_iter()
            .enumerate()
        {
            if seen == crate::limits::MAX_MARKDOWN_EVENTS {
                errors.push(too_many_elements(&place, range.start));
                break;
            }
            let rewritten = shorthand
                .as_mut()
                .and_then(|s| s.rewrite(&event, range.clone(), &place, &mut errors));
            if let Some(rewritten) = rewritten {
                events.extend(rewritten);
                continue;
            }
            events.push(self.checked(event, range, &place, &mut explicit, &mut errors));
        }
        if errors.is_empty() {
            Ok(with_heading_ids(events))
        } else {
            Err(errors)
        }
    }

    /// One markdown event as gloss renders it: raw HTML as text, forbidden characters
    /// removed, headings and footnotes checked for ids the theme uses, links checked and
    /// (in file-URL mode) ending in `index.html`. Each problem is added to `errors`.
    fn checked<'a>(
        &self,
        event: Event<'a>,
        range: std::ops::Range<usize>,
        place: &Place<'_>,
        explicit: &mut std::collections::BTreeSet<String>,
        errors: &mut Vec<Diagnostic>,
    ) -> Event<'a> {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            // Raw control characters are removed when a file is read; a character
            // reference (`&#27;`, `&#xFFFF;`) makes them again here.
            Event::Text(t) if t.chars().any(is_forbidden) => {
                Event::Text(without_forbidden(&t, range, place, errors).into())
            }
            Event::Start(heading @ Tag::Heading { .. }) => {
                checked_heading(heading, place, range, explicit, errors)
            }
            Event::Start(Tag::FootnoteDefinition(label)) if is_reserved_id(&label) => {
                errors.push(place.error(
                    range,
                    format!("the footnote `[^{label}]` would take an id the theme uses"),
                    "rename the footnote, e.g. `[^note-a]` or a number",
                ));
                Event::Start(Tag::FootnoteDefinition(label))
            }
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. })
                if !is_safe_href(dest_url) =>
            {
                errors.push(unsafe_link(dest_url, place, range.start));
                event
            }
            Event::Start(Tag::Image { ref dest_url, .. }) if is_remote(dest_url) => {
                errors.push(place.error(
                    range,
                    format!(
                        "the image `{dest_url}` is on another site, and every page's \
                         Content-Security-Policy (img-src 'self') keeps browsers from loading it"
                    ),
                    "download the image into the brief's folder (or static/) and name the file: \
                     ![description](photo.jpg); or link to it instead: [the image](URL)",
                ));
                event
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if self.file_urls => {
                let dest_url = with_index_html(&dest_url).map_or(dest_url, CowStr::from);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        }
    }

    /// Parses and renders in one go.
    pub fn render(
        &self,
        text: &str,
        file: &Path,
        first_line: usize,
    ) -> Result<String, Vec<Diagnostic>> {
        self.parse(text, file, first_line)
            .map(|events| self.to_html(events))
    }

    /// Renders events to HTML, highlighting fenced code with classes (see [`CLASS_STYLE`]).
    pub fn to_html(&self, events: Vec<Event<'_>>) -> String {
        let mut out = Vec::with_capacity(events.len());
        let mut code: Option<(String, String)> = None;
        for event in events {
            match (event, &mut code) {
                (Event::Start(Tag::CodeBlock(kind)), None) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                }
                (Event::Text(text), Some((_, buffer))) => buffer.push_str(&text),
                (Event::End(TagEnd::CodeBlock), Some(_)) => {
                    if let Some((lang, text)) = code.take() {
                        out.push(Event::Html(CowStr::from(self.highlight(&lang, &text))));
                    }
                }
                (event, _) => out.push(event),
            }
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        html
    }

    fn highlight(&self, lang: &str, code: &str) -> String {
        let syntaxes = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let escaped_lang = escape(lang);
        let Some(syntax) = (!lang.is_empty())
            .then(|| syntaxes.find_syntax_by_token(lang))
            .flatten()
        else {
            return format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code));
        };
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code));
            }
        }
        format!(
            "<pre class=\"code\" data-lang=\"{escaped_lang}\"><code class=\"language-{escaped_lang}\">{}</code></pre>\n",
            generator.finalize()
        )
    }
}

/// The plain text of the first paragraph of some markdown, for summaries and hover cards.
/// It agrees with [`Markdown::parse`] on what is text: raw HTML (`<Port Board>`, a block of
/// it) is shown as written, so it is kept here too.
pub fn first_paragraph_text(text: &str) -> String {
    first_paragraph_with(text, None)
}

impl Markdown {
    /// [`first_paragraph_text`], with bare link shorthand (`@actor/slug`) shown as the name
    /// of the page it links to, as the rendered text shows it.
    pub fn first_paragraph(&self, text: &str) -> String {
        first_paragraph_with(text, self.links.as_ref())
    }
}

fn first_paragraph_with(text: &str, links: Option<&Shorthands>) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Start(Tag::Paragraph | Tag::HtmlBlock) => depth += 1,
            Event::End(TagEnd::Paragraph | TagEnd::HtmlBlock) if depth > 0 => {
                if !out.trim().is_empty() {
                    return out.trim().to_string();
                }
                depth -= 1;
            }
            Event::Text(t) if depth > 0 => {
                let t = match links {
                    Some(links) => links.named(&t),
                    None => t.to_string(),
                };
                out.extend(t.chars().filter(|&c| !is_forbidden(c)))
            }
            Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) if depth > 0 => {
                out.extend(t.chars().filter(|&c| !is_forbidden(c)))
            }
            Event::SoftBreak | Event::HardBreak if depth > 0 => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
#[path = "markdown_attrs_tests.rs"]
mod attrs_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> String {
        Markdown::default()
            .render(text, Path::new("a.md"), 1)
            .unwrap()
    }

    #[test]
    fn raw_html_is_text() {
        let html = render("Hello <script>alert(1)</script> & <b>x</b>\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_are_errors_with_lines() {
        let err = Markdown::default()
            .render("x\n\n[a](javascript:alert(1))\n", Path::new("a.md"), 10)
            .unwrap_err();
        assert_eq!(err[0].line, 12);
        assert!(render("[a](https://x.io) [b](../c/)").contains("href=\"https://x.io\""));
    }

    #[test]
    fn tables_footnotes_strikethrough_and_heading_ids() {
        let html = render(
            "## The Base\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~no~~ yes[^1]\n\n[^1]: note\n\n## The Base\n",
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>no</del>"), "{html}");
        assert!(html.contains("id=\"the-base\""), "{html}");
        assert!(html.contains("id=\"the-base-2\""), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let html = render("```rust\nfn main() {}\n```\n");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("data-lang=\"rust\""), "{html}");
        let plain = render("```\n<x>\n```\n");
        assert!(plain.contains("&lt;x&gt;"), "{plain}");
    }

    #[test]
    fn folder_links_get_index_html_in_file_url_mode() {
        let md = Markdown::new(true);
        let html = md
            .render(
                "[a](../x/) [b](../y/#p-2) [c](https://x.io/) [d](#n) [e](z.png)",
                Path::new("a.md"),
                1,
            )
            .unwrap();
        assert!(html.contains("href=\"../x/index.html\""), "{html}");
        assert!(html.contains("href=\"../y/index.html#p-2\""), "{html}");
        assert!(html.contains("href=\"https://x.io/\""), "{html}");
        assert!(
            html.contains("href=\"#n\"") && html.contains("href=\"z.png\""),
            "{html}"
        );
        assert!(render("[a](../x/)").contains("href=\"../x/\""));
    }

    #[test]
    fn first_paragraph() {
        assert_eq!(
            first_paragraph_text("# T\n\nOne *two*\nthree.\n\nFour."),
            "One two three."
        );
    }

    #[test]
    fn character_references_to_controls_are_errors() {
        let errors = Markdown::default()
            .parse("a\n\nx &#27;[31m y &#xFFFF; z\n", Path::new("a.md"), 1)
            .unwrap_err();
        assert_eq!(errors[0].line, 3);
        assert!(errors[0].message.contains("&#27;"), "{}", errors[0].message);
        assert_eq!(first_paragraph_text("x &#27; y &#xFFFF;"), "x  y");
        assert!(render("&#233; &amp; &#x41;").contains("é &amp; A"));
    }

    #[test]
    fn remote_images_are_errors_at_their_line() {
        let errors = Markdown::default()
            .parse(
                "x\n\n![map](https://example.com/m.png)\n",
                Path::new("a.md"),
                3,
            )
            .unwrap_err();
        assert_eq!(errors[0].line, 5);
        assert!(errors[0].message.contains("Content-Security-Policy"));
        assert!(render("![map](m.png)").contains("<img"));
        assert!(
            Markdown::default()
                .parse("![m](//cdn.example/m.png)", Path::new("a.md"), 1)
                .is_err()
        );
    }

    #[test]
    fn raw_html_stays_in_summaries_as_the_page_shows_it() {
        assert_eq!(
            first_paragraph_text("The <Port Board> runs the docks."),
            "The <Port Board> runs the docks."
        );
        assert_eq!(
            first_paragraph_text("<Port Board>\n\nMore."),
            "<Port Board>"
        );
        assert_eq!(
            first_paragraph_text("<div>\nboard\n</div>\n\nMore."),
            "<div>\nboard\n</div>"
        );
        let html = render("The <Port Board> runs the docks.");
        assert!(html.contains("&lt;Port Board&gt;"), "{html}");
    }
}
