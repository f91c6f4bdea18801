//! The theme: Tera templates and static files, embedded in the binary and overridden file by
//! file by the site's own `templates/` and `static/`.

use std::collections::BTreeMap;
use std::path::Path;

use syntect::highlighting::ThemeSet;
use syntect::html::css_for_theme_with_class_style;
use tera::Tera;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};
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
