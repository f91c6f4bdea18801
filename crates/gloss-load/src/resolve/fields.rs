//! Checks of single front-matter values (non-empty labels, names without bidi controls,
//! lists of strings, Wikidata ids, dates, language tags, web URLs), each returning the
//! value as the model keeps it or an error at the value's span, shared by the briefs' and
//! the entities' resolution.

use std::collections::BTreeSet;

use toml::Spanned;

use crate::diagnostics::Diagnostic;
use crate::load::Document;
use crate::model::{PartialDate, Precision};

use crate::urls::is_web_url;

pub(super) fn nonempty<F>(
    doc: &Document<F>,
    value: &Spanned<String>,
    what: &str,
    errors: &mut Vec<Diagnostic>,
) -> String {
    let text = value.get_ref().trim();
    if text.is_empty() {
        errors.push(
            doc.error(value, format!("the {what} is empty"))
                .with_hint(format!("write a {what}")),
        );
    }
    if what != "title" {
        errors.extend(bidi_in_name(doc, value, what));
    }
    if let Some((message, hint)) = crate::limits::label_too_long(text, what) {
        errors.push(doc.error(value, message).with_hint(hint));
        // Cut, so that later checks and messages quoting it stay short.
        return text.chars().take(crate::limits::MAX_LABEL_CHARS).collect();
    }
    text.to_string()
}

/// A name, alias, short name or tag (which becomes a slug) may not hold a bidi control:
/// it would reorder the name wherever it is shown. The error points at the character.
pub(super) fn bidi_in_name<F>(
    doc: &Document<F>,
    value: &Spanned<String>,
    what: &str,
) -> Option<Diagnostic> {
    use crate::markup::unicode::{
        bidi_control_name, find_bidi_controls, mask_bidi_controls, show_bidi_controls,
    };
    let (_, c, _) = find_bidi_controls(value.get_ref())?;
    let span = value.span();
    let (start, end) = (doc.front_offset + span.start, doc.front_offset + span.end);
    // Written as itself, point at it; written as an escape (`\u202E`), at the value.
    let raw = doc.source.text.get(start..end).unwrap_or_default();
    let at = raw.find(c).map_or(start, |i| start + i);
    let mut error = doc.source.error(
        at..at + c.len_utf8(),
        format!(
            "the {what} `{}` contains the bidi control U+{:04X} {}",
            show_bidi_controls(value.get_ref().trim()),
            u32::from(c),
            bidi_control_name(c)
        ),
    );
    if let Some(snippet) = error.snippet.as_mut() {
        snippet.0 = mask_bidi_controls(&snippet.0);
    }
    Some(
        error
            .with_hint(format!(
                "delete it: it reorders how the {what} reads wherever gloss shows it"
            ))
            .with_code("bidi-in-name"),
    )
}

pub(super) fn strings<F>(
    doc: &Document<F>,
    values: &[Spanned<String>],
    what: &str,
    errors: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let max = crate::limits::list_max(what);
    if let (Some(past), Some((message, hint))) = (
        values.get(max),
        crate::limits::too_many(values.len(), max, &crate::limits::plural_of(what)),
    ) {
        errors.push(doc.error(past, message).with_hint(hint));
    }
    values
        .iter()
        .take(max)
        .filter_map(|v| {
            let text = nonempty(doc, v, what, errors);
            if !text.is_empty() && !seen.insert(text.clone()) {
                errors.push(
                    doc.error(v, format!("`{text}` is listed twice"))
                        .with_hint("remove one of them"),
                );
            }
            (!text.is_empty()).then_some(text)
        })
        .collect()
}

pub(super) fn wikidata<F>(
    doc: &Document<F>,
    id: &Option<Spanned<String>>,
    errors: &mut Vec<Diagnostic>,
) -> Option<String> {
    let id = id.as_ref()?;
    let text = id.get_ref().trim();
    let valid =
        text.len() > 1 && text.starts_with('Q') && text[1..].bytes().all(|b| b.is_ascii_digit());
    if !valid {
        errors.push(
            doc.error(id, format!("`{text}` is not a Wikidata item id"))
                .with_hint("write it as Q followed by digits, e.g. \"Q1140589\""),
        );
    }
    valid.then(|| text.to_string())
}

/// A `date` value: a TOML date or date-time, or a string of one (partial dates allowed).
pub(super) fn date<F>(
    doc: &Document<F>,
    value: &Spanned<toml::Value>,
    partial: bool,
) -> Result<PartialDate, Diagnostic> {
    let text = match value.get_ref() {
        toml::Value::Datetime(dt) if dt.date.is_some() => dt.to_string(),
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(year) => {
            return Err(doc
                .error(value, format!("`{year}` is a number, not a date"))
                .with_hint(format!("write `date = \"{year}\"` (a year is quoted)"))
                .with_code("partial-date"));
        }
        _ => {
            return Err(doc.error(value, "the date is not a date").with_hint(
                "write date = 2021-07-07 (or a string such as \"2020-05\" for a month)",
            ));
        }
    };
    let parsed = PartialDate::parse(&text).map_err(|m| {
        let at = doc.front_offset + value.span().start;
        let key = crate::markup::hints::key_at(&doc.source.text, at);
        match crate::markup::hints::date_fix(&text, key) {
            Some((message, hint)) => doc
                .error(value, message)
                .with_hint(hint)
                .with_code("date-format"),
            None => doc.error(value, m),
        }
    })?;
    if !partial && parsed.precision() != Precision::Day {
        return Err(doc
            .error(
                value,
                format!("a brief's date must be a full day, not `{text}`"),
            )
            .with_hint("write the day the brief was published, e.g. 2021-07-07"));
    }
    Ok(parsed)
}

/// A BCP 47 language tag as written in front matter: subtags of letters and digits joined by
/// `-`, the first 2 to 8 letters (`ar`, `en-GB`, `az-Arab`). It lands in `lang` attributes.
pub(super) fn language_tag<F>(
    doc: &Document<F>,
    tag: &Spanned<String>,
) -> Result<String, Diagnostic> {
    let text = tag.get_ref().trim();
    if crate::model::is_language_tag(text) {
        Ok(text.to_string())
    } else {
        Err(doc
            .error(tag, format!("`{text}` is not a language tag"))
            .with_hint("write a BCP 47 tag such as \"ar\", \"en\" or \"fa-IR\""))
    }
}

pub(super) fn web_url<F>(doc: &Document<F>, url: &Spanned<String>) -> Result<String, Diagnostic> {
    let text = url.get_ref().trim();
    if is_web_url(text) {
        Ok(text.to_string())
    } else {
        Err(doc
            .error(url, format!("`{text}` is not an http(s) URL"))
            .with_hint("links to sources must start with https:// or http://"))
    }
}
