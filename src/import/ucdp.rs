//! UCDP GED's CSV export, read by header name: one row is one event, dated by a range.

use csv::StringRecord;

use super::event::{Columns, Deaths, Event, count, outlets, push_actor, wikidata};
use crate::model::{PartialDate, Precision};

/// The columns a UCDP GED file must have.
pub const REQUIRED: [&str; 8] = [
    "id",
    "date_start",
    "date_end",
    "side_a",
    "side_b",
    "latitude",
    "longitude",
    "best",
];

/// The event of one row, or what is wrong with it.
pub fn event(columns: &Columns, row: &StringRecord) -> Result<Event, String> {
    let get = |name: &str| columns.get(row, name);
    let event_id = get("id");
    if event_id.is_empty() {
        return Err("the row has no `id`".to_string());
    }
    let day = |column: &str| -> Result<PartialDate, String> {
        PartialDate::parse(get(column))
            .ok()
            .filter(|d| d.precision() == Precision::Day)
            .ok_or_else(|| {
                format!(
                    "`{}` in `{column}` is not a day such as 2020-01-03",
                    get(column)
                )
            })
    };
    let (start, end) = (day("date_start")?, day("date_end")?);
    if end < start {
        return Err(format!(
            "`date_end` {} is before `date_start` {}",
            end.iso(),
            start.iso()
        ));
    }
    let mut actors = Vec::new();
    push_actor(&mut actors, get("side_a"), wikidata(get("side_a_wikidata")));
    push_actor(&mut actors, get("side_b"), wikidata(get("side_b_wikidata")));
    let kind = match get("type_of_violence") {
        "1" => "state-based violence",
        "2" => "non-state violence",
        "3" => "one-sided violence",
        _ => "organized violence",
    };
    let place_name = ["where_coordinates", "adm_2", "adm_1", "country"]
        .into_iter()
        .map(get)
        .find(|n| !n.is_empty())
        .unwrap_or_default();
    let place = if place_name.is_empty() {
        None
    } else {
        columns.place(row, place_name, where_precision(get("where_prec"))?)?
    };
    let sides = [get("side_a"), get("side_b")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" – ");
    Ok(Event {
        event_id: event_id.to_string(),
        date: covering(start, end),
        range: (start != end).then_some((start, end)),
        title: if place_name.is_empty() {
            format!("{sides} ({kind})")
        } else {
            format!("{sides} ({kind}) in {place_name}")
        },
        kind: kind.to_string(),
        actors,
        place,
        deaths: Deaths {
            best: count(get("best"), "best")?,
            low: count(get("low"), "low")?,
            high: count(get("high"), "high")?,
        },
        sources: outlets(get("source_office")),
        notes: get("source_article").to_string(),
    })
}

/// The most precise partial date that covers `start..=end`: the day, the month or the year
/// they share, else the start's year (the range itself is kept in the provenance).
pub fn covering(start: PartialDate, end: PartialDate) -> PartialDate {
    if start == end {
        start
    } else if start.year() == end.year() && start.month() == end.month() {
        PartialDate::new(start.year(), start.month().unwrap_or(0), 0).unwrap_or(start)
    } else {
        PartialDate::new(start.year(), 0, 0).unwrap_or(start)
    }
}

/// UCDP's `where_prec` (1 exact … 7 international waters) as gloss's `geo_precision`.
fn where_precision(cell: &str) -> Result<Option<u8>, String> {
    match cell {
        "" => Ok(None),
        "1" => Ok(Some(1)),
        "2" | "3" => Ok(Some(2)),
        "4" | "5" | "6" | "7" => Ok(Some(3)),
        other => Err(format!("`{other}` in `where_prec` is not 1 to 7")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn ranges_become_the_date_that_covers_them() {
        assert_eq!(
            covering(day("2020-01-03"), day("2020-01-03")).iso(),
            "2020-01-03"
        );
        assert_eq!(
            covering(day("2020-01-03"), day("2020-01-20")).iso(),
            "2020-01"
        );
        assert_eq!(covering(day("2020-01-03"), day("2020-04-20")).iso(), "2020");
        assert_eq!(covering(day("2019-12-30"), day("2020-01-02")).iso(), "2019");
    }

    #[test]
    fn deaths_keep_best_low_and_high() {
        let extra = ["low", "high", "where_prec", "type_of_violence", "adm_1"];
        let headers: StringRecord = REQUIRED.iter().chain(&extra).copied().collect();
        let row = StringRecord::from(vec![
            "77",
            "2020-01-03 00:00:00.000",
            "2020-01-20 00:00:00.000",
            "Government of Iraq",
            "IS",
            "33.42",
            "43.30",
            "5",
            "4",
            "9",
            "4",
            "1",
            "Anbar",
        ]);
        let e = event(&Columns::new(&headers), &row).unwrap();
        assert_eq!(e.date.iso(), "2020-01");
        assert_eq!(e.range, Some((day("2020-01-03"), day("2020-01-20"))));
        assert_eq!(
            (e.deaths.best, e.deaths.low, e.deaths.high),
            (Some(5), Some(4), Some(9))
        );
        assert_eq!(e.place.unwrap().geo_precision, Some(3));
        assert_eq!(
            e.title,
            "Government of Iraq – IS (state-based violence) in Anbar"
        );
    }
}
