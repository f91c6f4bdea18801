//! The theme: Tera templates and static files, embedded in the binary and overridden file by
//! file by the site's own `templates/` and `static/`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use syntect::highlighting::ThemeSet;
use syntect::html::css_for_theme_with_class_style;
use tera::Tera;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markup::escape_into;
use crate::markup::markdown::CLASS_STYLE;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme.rs"));
}

/// Compiled templates and the static files to copy into the output.
pub struct Theme {
    /// Every template, embedded or overridden, compiled once.
    pub tera: Tera,
    /// Output path -> bytes, including the generated `highlight.css`.
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// The files under `dir` of the site, by path relative to it.
fn site_files(root: &Path, dir: &str, diagnostics: &mut Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let base = root.join(dir);
    let mut files = BTreeMap::new();
    if !base.is_dir() {
        return files;
    }
    for entry in WalkDir::new(&base).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let relative = e
                    .path()
                    .strip_prefix(&base)
                    .unwrap_or(e.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                if relative.split('/').any(crate::scratch::is_scratch) {
                    continue;
                }
                match std::fs::read(e.path()) {
                    Ok(bytes) => {
                        files.insert(relative, bytes);
                    }
                    Err(err) => diagnostics.push(Diagnostic::file_error(
                        format!("{dir}/{relative}"),
                        format!("cannot read: {err}"),
                    )),
                }
            }
            Ok(_) => {}
            Err(err) if err.path().is_some_and(crate::scratch::is_scratch_path) => {}
            Err(err) => {
                diagnostics.push(Diagnostic::file_error(dir, format!("cannot read: {err}")))
            }
        }
    }
    files
}

impl Theme {
    /// Loads the embedded theme with the site's overrides and compiles the templates.
    pub fn load(root: &Path, highlight_theme: &str) -> Result<Theme, Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        let mut templates: BTreeMap<String, Vec<u8>> = embedded::TEMPLATES
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();
        templates.extend(site_files(root, "templates", &mut diagnostics));
        let mut assets: BTreeMap<String, Vec<u8>> = embedded::STATIC
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();
        assets.extend(site_files(root, "static", &mut diagnostics));

        let mut sources = Vec::new();
        for (name, bytes) in &templates {
            match std::str::from_utf8(bytes) {
                Ok(text) => sources.push((name.clone(), text.to_string())),
                Err(_) => diagnostics.push(Diagnostic::file_error(
                    format!("templates/{name}"),
                    "the template is not valid UTF-8",
                )),
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.register_filter("whole_names", whole_names_filter);
        tera.register_filter("dir_auto", super::bidi::dir_auto_filter);
        if let Err(e) = tera.add_raw_templates(sources) {
            diagnostics.push(template_error(&e));
        }
        match highlight_css(highlight_theme) {
            Ok(css) => {
                assets.insert("highlight.css".into(), css.into_bytes());
            }
            Err(d) => diagnostics.push(d),
        }
        if diagnostics.has_errors() {
            return Err(diagnostics);
        }
        Ok(Theme { tera, assets })
    }
}

/// Words longer than this stay breakable: a long hyphenated compound must still wrap on a
/// phone rather than overflow the screen.
const WHOLE_WORD_CHARS: usize = 24;

/// `text` escaped for HTML, each hyphenated word (`al-Asad`, `Abu-Mahdi`) wrapped in
/// `<span class="nb">` so a heading never breaks inside a name ("Ain al-/Asad"); the theme
/// styles `.nb` with `white-space: nowrap`. The `whole_names` filter of the templates: the
/// text is shown as written (copying or searching the page finds the plain hyphen, which a
/// non-breaking hyphen would not).
pub fn whole_names(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end_matches(char::is_whitespace);
        if joins_words(word) {
            out.push_str("<span class=\"nb\">");
            escape_into(&mut out, word);
            out.push_str("</span>");
        } else {
            escape_into(&mut out, word);
        }
        escape_into(&mut out, &piece[word.len()..]);
    }
    out
}

/// The `whole_names` Tera filter: [`whole_names`], marked safe (it escapes).
fn whole_names_filter(text: Cow<'_, str>, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    tera::Value::safe_string(&whole_names(&text))
}

/// Whether `word` is short and has a hyphen between two letters.
fn joins_words(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.len() <= WHOLE_WORD_CHARS
        && chars
            .windows(3)
            .any(|w| w[1] == '-' && w[0].is_alphabetic() && w[2].is_alphabetic())
}

/// The mark of code coloured by syntect (see [`CLASS_STYLE`]), which needs `highlight.css`.
const HIGHLIGHTED: &str = "<span class=\"hl-";

/// Whether a rendered page holds highlighted code: only such pages link `highlight.css`
/// (15 KB that every other page would fetch for nothing). Escaped content cannot fake it,
/// since its quotes and `<` are entities. One `str::contains` over the page, which the
/// standard library vectorizes.
pub fn has_highlighted_code(html: &[u8]) -> bool {
    std::str::from_utf8(html).is_ok_and(|text| text.contains(HIGHLIGHTED))
}

/// A Tera error with its whole chain of causes, which is where Tera says which template,
/// line and variable failed.
pub fn template_error(error: &tera::Error) -> Diagnostic {
    let text = error.to_string();
    // Tera labels its messages "error: …"; the diagnostic already says "error:".
    let mut message = text.strip_prefix("error: ").unwrap_or(&text).to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        let cause_text = cause.to_string();
        message.push_str(cause_text.strip_prefix("error: ").unwrap_or(&cause_text));
        source = cause.source();
    }
    Diagnostic::file_error("templates/", message.trim().to_string())
        .with_hint("fix the template named in the message (a file in templates/ overrides the built-in one of the same name)")
}

fn highlight_css(name: &str) -> Result<String, Diagnostic> {
    let themes = ThemeSet::load_defaults();
    let theme = themes.themes.get(name).ok_or_else(|| {
        let names: Vec<&str> = themes.themes.keys().map(String::as_str).collect();
        Diagnostic::file_error("config.toml", format!("unknown highlight theme `{name}`"))
            .with_hint(format!(
                "[highlight] theme: {}",
                crate::markup::hints::one_of("theme", name, &names)
            ))
            .with_code("unknown-value")
    })?;
    css_for_theme_with_class_style(theme, CLASS_STYLE).map_err(|e| {
        Diagnostic::file_error(
            "config.toml",
            format!("cannot make CSS for theme `{name}`: {e}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_names_are_kept_whole_and_escaped() {
        assert_eq!(
            whole_names("Rockets hit Ain al-Asad; <b>"),
            "Rockets hit Ain <span class=\"nb\">al-Asad;</span> &lt;b&gt;"
        );
        assert_eq!(
            whole_names("Kata'ib al-Asad\" al-\"X\""),
            "Kata&#39;ib <span class=\"nb\">al-Asad&quot;</span> al-&quot;X&quot;"
        );
        assert_eq!(whole_names("2020 - 2021  a"), "2020 - 2021  a");
        let long = "a-".repeat(20);
        assert_eq!(whole_names(&long), long);
        assert_eq!(
            whole_names("عين الأسد al-Asad"),
            "عين الأسد <span class=\"nb\">al-Asad</span>"
        );
    }

    #[test]
    fn only_highlighted_code_needs_the_highlight_stylesheet() {
        assert!(has_highlighted_code(
            b"<pre><code><span class=\"hl-source\">x</span>"
        ));
        assert!(!has_highlighted_code(
            b"<pre class=\"code\"><code>x</code></pre>"
        ));
        assert!(!has_highlighted_code(b"&lt;span class=&quot;hl-x"));
    }
}
