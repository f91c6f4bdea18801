//! ACLED's CSV export, read by header name: one row is one event.

use csv::StringRecord;

use super::event::{Columns, Deaths, Event, count, outlets, push_actor, wikidata};
use crate::model::{MONTHS, PartialDate, Precision};

/// The columns an ACLED file must have.
pub const REQUIRED: [&str; 9] = [
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "country",
    "location",
    "latitude",
    "longitude",
];

/// The event of one row, or what is wrong with it.
pub fn event(columns: &Columns, row: &StringRecord) -> Result<Event, String> {
    let get = |name: &str| columns.get(row, name);
    let event_id = get("event_id_cnty");
    if event_id.is_empty() {
        return Err("the row has no `event_id_cnty`".to_string());
    }
    let day = date(get("event_date"))?;
    let date = match get("time_precision") {
        "1" => day,
        "2" | "3" => PartialDate::new(day.year(), day.month().unwrap_or(0), 0)?,
        other => {
            return Err(format!(
                "`{other}` in `time_precision` is not 1 (day), 2 (week) or 3 (month or wider)"
            ));
        }
    };
    let mut actors = Vec::new();
    for (main, assoc) in [("actor1", "assoc_actor_1"), ("actor2", "assoc_actor_2")] {
        push_actor(
            &mut actors,
            get(main),
            wikidata(get(&format!("{main}_wikidata"))),
        );
        for name in get(assoc).split(';') {
            push_actor(&mut actors, name, None);
        }
    }
    let place_name = get("location");
    let kind = [get("sub_event_type"), get("event_type")]
        .into_iter()
        .find(|k| !k.is_empty())
        .unwrap_or("event")
        .to_string();
    let geo_precision = match get("geo_precision") {
        "" => None,
        p @ ("1" | "2" | "3") => p.parse().ok(),
        other => return Err(format!("`{other}` in `geo_precision` is not 1, 2 or 3")),
    };
    let place = columns.place(row, place_name, geo_precision)?;
    Ok(Event {
        event_id: event_id.to_string(),
        date,
        range: None,
        title: if place_name.is_empty() {
            kind.clone()
        } else {
            format!("{kind} in {place_name}")
        },
        kind,
        actors,
        place,
        deaths: Deaths {
            best: count(get("fatalities"), "fatalities")?,
            ..Deaths::default()
        },
        sources: outlets(get("source")),
        notes: get("notes").to_string(),
    })
}

/// ACLED's `event_date`: `2020-03-05` (current exports) or `05 March 2020` (older ones).
pub fn date(cell: &str) -> Result<PartialDate, String> {
    let iso = cell.len() == 10 && cell.as_bytes().get(4) == Some(&b'-');
    match PartialDate::parse(cell) {
        Ok(d) if d.precision() == Precision::Day => return Ok(d),
        Err(why) if iso => return Err(format!("`event_date`: {why}")),
        _ => {}
    }
    let parts: Vec<&str> = cell.split([' ', '-']).filter(|p| !p.is_empty()).collect();
    let month = |name: &str| {
        MONTHS
            .iter()
            .position(|m| m.eq_ignore_ascii_case(name) || m[..3].eq_ignore_ascii_case(name))
            .map(|i| i as u8 + 1)
    };
    if let [day, name, year] = parts.as_slice() {
        if let (Ok(day), Some(month), Ok(year)) = (day.parse(), month(name), year.parse()) {
            return PartialDate::new(year, month, day);
        }
    }
    Err(format!(
        "`{cell}` in `event_date` is not a date (write 2020-03-05 or 05 March 2020)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[(&str, &str)]) -> (Columns, StringRecord) {
        let headers = StringRecord::from(cells.iter().map(|c| c.0).collect::<Vec<_>>());
        let row = StringRecord::from(cells.iter().map(|c| c.1).collect::<Vec<_>>());
        (Columns::new(&headers), row)
    }

    #[test]
    fn month_precision_drops_the_day() {
        let (c, r) = row(&[
            ("event_id_cnty", "IRQ1"),
            ("event_date", "14 March 2020"),
            ("time_precision", "3"),
            ("event_type", "Battles"),
            ("sub_event_type", "Armed clash"),
            ("actor1", "Islamic State (Iraq)"),
            ("assoc_actor_1", "A; B"),
            ("actor2", "Military Forces of Iraq (2014-)"),
            ("location", "Ramadi"),
            ("latitude", "33.4258"),
            ("longitude", "43.2994"),
            ("fatalities", "4"),
        ]);
        let e = event(&c, &r).unwrap();
        assert_eq!(e.date.iso(), "2020-03");
        assert_eq!(e.title, "Armed clash in Ramadi");
        let names: Vec<&str> = e.actors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Islamic State (Iraq)",
                "A",
                "B",
                "Military Forces of Iraq (2014-)"
            ]
        );
        assert_eq!(e.deaths.best, Some(4));
    }

    #[test]
    fn bad_cells_are_errors() {
        assert!(date("2020-13-01").is_err());
        assert_eq!(date("2020-03-05").unwrap().iso(), "2020-03-05");
        let (c, r) = row(&[
            ("event_id_cnty", "X"),
            ("event_date", "2020-01-01"),
            ("time_precision", "7"),
        ]);
        assert!(event(&c, &r).unwrap_err().contains("time_precision"));
    }
}
