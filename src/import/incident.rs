//! An imported incident's file: written whole the first time; on a later import only the
//! fields the editor has not changed since are rewritten.
//!
//! How an edit is recognised: `[provenance] fields` keeps, per field, a hash (FNV-1a, 64
//! bits) of the value as imported. On re-import a field whose value in the file no longer
//! has that hash was edited by someone; if the dataset's value changed too, that is a
//! conflict, reported and left as the editor wrote it.

use std::collections::BTreeMap;

use super::event::Event;
use crate::model::{PartialDate, Precision};

/// An incident's imported values: TOML value text per field of [`FIELDS`] (the body as
/// markdown), `None` where the dataset gives nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Values(pub Vec<(&'static str, Option<String>)>);

/// Where an incident came from: the `[provenance]` table without its hashes.
pub struct Stamp<'a> {
    /// `acled` or `ucdp`.
    pub dataset: &'a str,
    /// The event id.
    pub event_id: &'a str,
    /// RFC 3339 time of this import.
    pub imported: &'a str,
    /// The dataset's date range.
    pub range: Option<(PartialDate, PartialDate)>,
}

/// What a re-import did to one file.
#[derive(Debug, Default)]
pub struct Update {
    /// The new text, if anything changed.
    pub text: Option<String>,
    /// Fields rewritten from the dataset.
    pub changed: Vec<&'static str>,
    /// Fields the editor changed whose dataset value changed too, with the new value.
    pub conflicts: Vec<(&'static str, String)>,
}

fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A date as front matter writes it: a TOML date for a day, a string otherwise.
pub fn date_value(date: PartialDate) -> String {
    if date.precision() == Precision::Day {
        date.iso()
    } else {
        quoted(&date.iso())
    }
}

/// The values of `event`, whose actors and location are already slugs.
pub fn values(event: &Event, actors: &[String], location: Option<&str>) -> Values {
    let list = |items: Vec<String>| (!items.is_empty()).then(|| format!("[{}]", items.join(", ")));
    let d = event.deaths;
    let counts: Vec<String> = [("killed", d.best), ("low", d.low), ("high", d.high)]
        .into_iter()
        .filter_map(|(k, n)| n.map(|n| format!("{k} = {n}")))
        .collect();
    Values(vec![
        ("title", Some(quoted(&event.title))),
        ("date", Some(date_value(event.date))),
        ("location", location.map(quoted)),
        ("actors", list(actors.iter().map(|a| quoted(a)).collect())),
        ("kind", Some(quoted(&event.kind))),
        (
            "casualties",
            (!counts.is_empty()).then(|| format!("{{ {} }}", counts.join(", "))),
        ),
        (
            "sources",
            list(
                event
                    .sources
                    .iter()
                    .map(|s| format!("{{ outlet = {} }}", quoted(s)))
                    .collect(),
            ),
        ),
        (
            "body",
            (!event.notes.is_empty()).then(|| format!("{}\n", event.notes.trim())),
        ),
    ])
}

/// The whole file of a new incident.
pub fn create(values: &Values, stamp: &Stamp) -> String {
    let mut text = String::from("+++\n");
    for (name, value) in &values.0 {
        if let (Some(value), false) = (value, *name == "body") {
            text.push_str(&format!("{name} = {value}\n"));
        }
    }
    let hashes = values
        .0
        .iter()
        .map(|(n, v)| (*n, hash_of_value(n, v.as_deref())));
    text.push_str(&provenance(stamp, hashes.collect()));
    text.push_str("+++\n");
    if let Some((_, Some(body))) = values.0.iter().find(|(n, _)| *n == "body") {
        text.push_str(body);
    }
    text
}

/// The `[provenance]` table, ending in a newline.
fn provenance(stamp: &Stamp, hashes: BTreeMap<&str, String>) -> String {
    let mut text = format!(
        "\n[provenance]\ndataset = {}\nevent_id = {}\nimported = {}\n",
        quoted(stamp.dataset),
        quoted(stamp.event_id),
        stamp.imported
    );
    if let Some((start, end)) = stamp.range {
        text.push_str(&format!(
            "date_start = {}\ndate_end = {}\n",
            start.iso(),
            end.iso()
        ));
    }
    let fields: Vec<String> = hashes
        .iter()
        .map(|(n, h)| format!("{n} = \"{h}\""))
        .collect();
    text.push_str(&format!("fields = {{ {} }}\n", fields.join(", ")));
    text
}

/// FNV-1a, 64 bits, as 16 hex digits: stable across versions and platforms.
fn fnv(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The hash of a field's value as TOML text (or of the body), the same however the value
/// is spaced or quoted.
fn hash_of_value(name: &str, value: Option<&str>) -> String {
    let canonical = match value {
        None => String::new(),
        Some(text) if name == "body" => text.replace("\r\n", "\n").trim().to_string(),
        Some(text) => toml::from_str::<toml::Table>(&format!("v = {text}"))
            .ok()
            .and_then(|t| t.get("v").map(ToString::to_string))
            .unwrap_or_else(|| text.to_string()),
    };
    fnv(&canonical)
}

/// The byte ranges of a file's front matter (between the `+++` lines) and its body.
fn split(text: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let first = text.find('\n')? + 1;
    if text[..first].trim_end() != "+++" {
        return None;
    }
    let mut offset = first;
    for line in text[first..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((first..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// Re-imports `values` into an incident file's `existing` text.
pub fn update(existing: &str, values: &Values, stamp: &Stamp) -> Result<Update, String> {
    let broken = || "its front matter no longer parses; fix it, then import again".to_string();
    let (front_range, body_start) = split(existing).ok_or_else(broken)?;
    let front = &existing[front_range.clone()];
    let table: toml::Table = toml::from_str(front).map_err(|_| broken())?;
    let stored: BTreeMap<String, String> = table
        .get("provenance")
        .and_then(|p| p.get("fields"))
        .and_then(|f| f.as_table())
        .map(|f| {
            f.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let body = &existing[body_start..];
    let mut hashes = BTreeMap::new();
    let mut update = Update::default();
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let header = front
        .match_indices("[provenance]")
        .map(|(i, _)| i)
        .find(|i| *i == 0 || front[..*i].ends_with('\n'))
        .ok_or_else(|| "its [provenance] table is missing".to_string())?;
    for (name, value) in &values.0 {
        let new = hash_of_value(name, value.as_deref());
        let current = if *name == "body" {
            hash_of_value(name, (!body.trim().is_empty()).then_some(body))
        } else {
            fnv(&table
                .get(*name)
                .map(ToString::to_string)
                .unwrap_or_default())
        };
        let was = stored.get(*name);
        if was == Some(&new) || current == new {
            hashes.insert(*name, new);
            continue;
        }
        if was != Some(&current) {
            update
                .conflicts
                .push((*name, value.clone().unwrap_or_default()));
            if let Some(was) = was {
                hashes.insert(*name, was.clone());
            }
            continue;
        }
        update.changed.push(name);
        hashes.insert(*name, new);
        if *name == "body" {
            let base = front_range.start;
            let range = body_start - base..existing.len() - base;
            edits.push((range, value.clone().unwrap_or_default()));
        } else {
            edits.push(edit_key(front, header, name, value.as_deref())?);
        }
    }
    if update.changed.is_empty() {
        return Ok(update);
    }
    let table = provenance(stamp, hashes);
    edits.push((header..front.len(), table.trim_start().to_string()));
    let mut text = existing[front_range.start..].to_string();
    // Back to front, so earlier ranges stay valid; of two at one place, the longer first,
    // so a key added just before `[provenance]` is not replaced with it.
    edits.sort_by_key(|(range, _)| std::cmp::Reverse((range.start, range.end)));
    for (range, with) in edits {
        text.replace_range(range, &with);
    }
    update.text = Some(format!("{}{text}", &existing[..front_range.start]));
    Ok(update)
}

/// The edit that sets top-level key `name` of `front` to `value` (none: removes it); a
/// missing key is added before the `[provenance]` table at `header`.
fn edit_key(
    front: &str,
    header: usize,
    name: &str,
    value: Option<&str>,
) -> Result<(std::ops::Range<usize>, String), String> {
    let parsed = toml::de::DeTable::parse(front).map_err(|e| e.to_string())?;
    let found = parsed
        .get_ref()
        .iter()
        .find(|(k, _)| k.get_ref().as_ref() == name)
        .map(|(k, v)| (k.span(), v.span()));
    Ok(match (found, value) {
        (Some((_, v)), Some(value)) => (v, value.to_string()),
        (Some((k, v)), None) => {
            let end = front[v.end..]
                .find('\n')
                .map_or(front.len(), |i| v.end + i + 1);
            (k.start..end, String::new())
        }
        (None, Some(value)) => {
            let at = front[..header].trim_end_matches('\n').len() + 1;
            (at..at, format!("{name} = {value}\n"))
        }
        (None, None) => (header..header, String::new()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(imported: &str) -> Stamp<'_> {
        Stamp {
            dataset: "acled",
            event_id: "IRQ1",
            imported,
            range: None,
        }
    }

    fn values(killed: &str, location: Option<&str>, body: &str) -> Values {
        Values(vec![
            ("title", Some("\"Armed clash in Ramadi\"".into())),
            ("location", location.map(|l| format!("\"{l}\""))),
            ("casualties", Some(format!("{{ killed = {killed} }}"))),
            ("body", Some(format!("{body}\n"))),
        ])
    }

    #[test]
    fn the_same_values_change_nothing() {
        let v = values("2", Some("ramadi"), "Notes.");
        let text = create(&v, &stamp("2026-01-01T00:00:00Z"));
        let update = update(&text, &v, &stamp("2026-02-02T00:00:00Z")).unwrap();
        assert!(update.text.is_none() && update.changed.is_empty() && update.conflicts.is_empty());
    }

    #[test]
    fn unedited_fields_follow_the_dataset_and_edited_ones_conflict() {
        let text = create(&values("2", None, "Notes."), &stamp("2026-01-01T00:00:00Z"));
        let edited = text.replace(
            "title = \"Armed clash in Ramadi\"",
            "title = 'Clash at Ramadi'  # mine",
        );
        let v2 = Values(vec![
            ("title", Some("\"Armed clash near Ramadi\"".into())),
            ("location", Some("\"ramadi\"".into())),
            ("casualties", Some("{ killed = 3 }".into())),
            ("body", Some("New notes.\n".into())),
        ]);
        let update = update(&edited, &v2, &stamp("2026-02-02T00:00:00Z")).unwrap();
        assert_eq!(update.changed, ["location", "casualties", "body"]);
        assert_eq!(
            update.conflicts,
            [("title", "\"Armed clash near Ramadi\"".to_string())]
        );
        let new = update.text.unwrap();
        assert!(new.contains("title = 'Clash at Ramadi'  # mine\n"), "{new}");
        assert!(
            new.contains("location = \"ramadi\"\n\n[provenance]"),
            "{new}"
        );
        assert!(new.contains("casualties = { killed = 3 }\n"), "{new}");
        assert!(new.ends_with("+++\nNew notes.\n"), "{new}");
        assert!(new.contains("imported = 2026-02-02T00:00:00Z"), "{new}");
        // Importing v2 again: the conflict stays reported, nothing is rewritten.
        let again = super::update(&new, &v2, &stamp("2026-03-03T00:00:00Z")).unwrap();
        assert!(again.text.is_none());
        assert_eq!(again.conflicts.len(), 1);
    }

    #[test]
    fn a_field_the_dataset_drops_is_removed_unless_edited() {
        let text = create(
            &values("2", Some("ramadi"), "Notes."),
            &stamp("2026-01-01T00:00:00Z"),
        );
        let update = update(
            &text,
            &values("2", None, "Notes."),
            &stamp("2026-02-02T00:00:00Z"),
        )
        .unwrap();
        assert_eq!(update.changed, ["location"]);
        let new = update.text.unwrap();
        assert!(!new.contains("location = \"ramadi\""), "{new}");
        assert!(toml::from_str::<toml::Table>(split(&new).map(|(r, _)| &new[r]).unwrap()).is_ok());
    }
}
