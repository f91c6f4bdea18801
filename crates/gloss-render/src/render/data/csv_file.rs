//! `data/incidents.csv`, written with the `csv` crate (RFC 4180: CRLF line ends, fields
//! quoted only when they hold a comma, a quote or a line break).
//!
//! A spreadsheet opening the file runs any cell that starts with `=`, `+`, `-`, `@`, a tab
//! or a carriage return as a formula (CSV injection), and incident titles, actors and
//! sources come from editors and from the outlets they quote. So every *text* cell starting
//! with one of those characters gets a leading `'` (OWASP's advice), which spreadsheets
//! show as text; numbers gloss writes itself (coordinates, counts, dates) are left as they
//! are, so a negative longitude stays a number.

use super::{IncidentRecord, place};
use crate::diagnostics::Diagnostic;
use crate::render::site::Site;

/// The columns, in order.
const HEADER: [&str; 14] = [
    "id",
    "date",
    "date_precision",
    "title",
    "kind",
    "status",
    "location",
    "latitude",
    "longitude",
    "actors",
    "killed",
    "injured",
    "sources",
    "url",
];

/// A text cell as a spreadsheet will read it: prefixed with `'` when it would start a
/// formula.
pub(super) fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// One row per incident, in corpus order.
pub(super) fn incidents_csv(
    site: &Site,
    records: &[IncidentRecord],
) -> Result<Vec<u8>, Diagnostic> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = |e: csv::Error| {
        Diagnostic::file_error("data/incidents.csv", format!("cannot write the CSV: {e}"))
    };
    out.write_record(HEADER).map_err(failed)?;
    for (record, incident) in records.iter().zip(&site.corpus.incidents) {
        let (lat, lon) = place(site, incident)
            .map(|(_, (lat, lon))| (lat.to_string(), lon.to_string()))
            .unwrap_or_default();
        let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let sources: Vec<&str> = record
            .sources
            .iter()
            .map(|s| if s.url.is_empty() { s.outlet } else { s.url })
            .collect();
        out.write_record([
            text_cell(record.slug),
            record.date.clone(),
            record.date_precision.to_string(),
            text_cell(record.title),
            text_cell(record.kind),
            text_cell(record.status.unwrap_or_default()),
            text_cell(record.location.unwrap_or_default()),
            lat,
            lon,
            text_cell(&record.actors.join("; ")),
            count(record.killed),
            count(record.injured),
            text_cell(&sources.join("; ")),
            text_cell(&record.url),
        ])
        .map_err(failed)?;
    }
    out.into_inner()
        .map_err(|e| failed(csv::Error::from(e.into_error())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text() {
        for hostile in ["=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(text_cell(hostile), format!("'{hostile}"));
        }
        assert_eq!(text_cell("Rockets hit = bad"), "Rockets hit = bad");
        assert_eq!(text_cell(""), "");
    }
}
