//! `gloss check` says which language it detected for an article that declares none, so the
//! editor can confirm it with one line (or correct a wrong guess).

use std::path::Path;

use super::Files;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Corpus;
use crate::render::reading::text_direction;

/// A warning for each brief whose article language was detected and differs from the
/// brief's own (its `language`, else the site's).
pub(super) fn detected(config: &Config, corpus: &Corpus, files: &mut Files, out: &mut Diagnostics) {
    for brief in &corpus.briefs {
        let Some(article) = &brief.article_language else {
            continue;
        };
        let Some(name) = article.detected else {
            continue;
        };
        let own = brief.language.as_deref().unwrap_or(&config.language);
        if !article.differs_from(own) {
            continue;
        }
        let suggested = match article.tag.strip_prefix("und-") {
            Some(_) => "ar",
            None => article.tag.as_str(),
        };
        let message = format!(
            "the article has no declared language; gloss detected {name} (`{}`) and marks it \
             lang=\"{}\" dir=\"{}\"",
            article.tag,
            article.tag,
            text_direction(&article.tag)
        );
        out.push(warning(files, &brief.file, message, suggested));
    }
}

fn warning(files: &mut Files, file: &Path, message: String, tag: &str) -> Diagnostic {
    let has_source = files
        .get(file)
        .is_some_and(|s| s.text.lines().any(|l| l.trim() == "[source]"));
    let hint = if has_source {
        format!(
            "if that is right, add `language = \"{tag}\"` under `[source]` in {} (or the \
             article's real language tag)",
            file.display()
        )
    } else {
        format!(
            "if that is right, add `[source]` with `language = \"{tag}\"` at the end of the \
             front matter of {} (or the article's real language tag)",
            file.display()
        )
    };
    let d = if has_source {
        files.at_key(file, "[source]", message)
    } else {
        files.at_key(file, "title", message)
    };
    d.with_hint(hint).with_code("language-detected")
}
