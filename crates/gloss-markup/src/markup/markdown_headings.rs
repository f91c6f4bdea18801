//! Markdown headings: the attribute block of each checked, and an id for every heading
//! without one, so sections can be linked to.

use std::collections::BTreeSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::diagnostics::Diagnostic;
use crate::markup::attrs::{Place, check_heading, is_reserved_id};

/// A heading's start event with its attribute block checked (errors pushed) and its
/// attributes other than id and classes dropped; an explicit id given twice is an error.
pub(super) fn checked_heading<'a>(
    heading: Tag<'a>,
    place: &Place<'_>,
    range: std::ops::Range<usize>,
    explicit: &mut BTreeSet<String>,
    errors: &mut Vec<Diagnostic>,
) -> Event<'a> {
    let Tag::Heading {
        level,
        id,
        classes,
        attrs,
    } = heading
    else {
        return Event::Start(heading);
    };
    let class_names: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
    let pairs: Vec<(&str, Option<&str>)> = attrs
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_deref()))
        .collect();
    if let Some(id) = id.as_deref().filter(|id| !explicit.insert(id.to_string())) {
        errors.push(place.error(
            range.clone(),
            format!("the heading id `#{id}` is given twice in this text"),
            "give each heading its own id",
        ));
    }
    check_heading(place, range, id.as_deref(), &class_names, &pairs, errors);
    // Never passed on, even if a caller ignored the errors.
    Event::Start(Tag::Heading {
        level,
        id,
        classes,
        attrs: Vec::new(),
    })
}

/// Gives every heading without an explicit `{#id}` one made from its text, so sections can
/// be linked to; repeats, and ids the theme uses (`## Main`), get `-2`, `-3`.
pub(super) fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    // Explicit ids first, so a heading's own `{#id}` is never taken by an earlier one's
    // generated id.
    let mut used: BTreeSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            for e in &events[i + 1..] {
                match e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let base = crate::model::Slug::suggest(&text);
            let mut id = base.clone();
            let mut n = 1;
            while is_reserved_id(&id) || !used.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(CowStr::from(id));
            }
        }
        i += 1;
    }
    events
}
