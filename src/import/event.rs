//! One dataset row as gloss needs it, whichever dataset it came from, and the columns of a
//! CSV file found by header name (ACLED changed its column order in 2023).

use csv::StringRecord;

use crate::model::PartialDate;

/// An actor as a dataset names it.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedActor {
    /// The dataset's name for it.
    pub name: String,
    /// A Wikidata item, where the dataset gives one (an optional `*_wikidata` column).
    pub wikidata: Option<String>,
}

/// A place as a dataset gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The place's name.
    pub name: String,
    /// Country name.
    pub country: String,
    /// Latitude and longitude.
    pub coordinates: Option<(f64, f64)>,
    /// gloss's `geo_precision`: 1 the place itself, 2 near it, 3 only the region.
    pub geo_precision: Option<u8>,
    /// A GeoNames id, where the dataset gives one (an optional `geonames` column).
    pub geonames: Option<u64>,
}

/// Deaths as a dataset counts them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Deaths {
    /// The best estimate (ACLED's `fatalities`, UCDP's `best`).
    pub best: Option<u32>,
    /// UCDP's `low`.
    pub low: Option<u32>,
    /// UCDP's `high`.
    pub high: Option<u32>,
}

/// One event, ready to become an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// The dataset's id, unique within it.
    pub event_id: String,
    /// The date at the precision the dataset gives.
    pub date: PartialDate,
    /// The dataset's date range, when it gives one.
    pub range: Option<(PartialDate, PartialDate)>,
    /// A headline made from the event's type and place.
    pub title: String,
    /// The event type, as the incident's `kind`.
    pub kind: String,
    /// Every actor, main and associated, without repeats.
    pub actors: Vec<NamedActor>,
    /// Where.
    pub place: Option<Place>,
    /// Deaths.
    pub deaths: Deaths,
    /// Outlets that reported it.
    pub sources: Vec<String>,
    /// The dataset's description, as the incident's body.
    pub notes: String,
}

/// The column numbers of a CSV file, by header name.
pub struct Columns {
    names: Vec<String>,
}

impl Columns {
    /// The headers, compared without case or surrounding spaces.
    pub fn new(headers: &StringRecord) -> Columns {
        Columns {
            names: headers
                .iter()
                .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
                .collect(),
        }
    }

    /// The headers of `wanted` that the file lacks.
    pub fn missing<'a>(&self, wanted: &[&'a str]) -> Vec<&'a str> {
        wanted
            .iter()
            .filter(|w| !self.names.iter().any(|n| n == *w))
            .copied()
            .collect()
    }

    /// The trimmed cell of column `name` in `row`, empty when the column is absent.
    pub fn get<'r>(&self, row: &'r StringRecord, name: &str) -> &'r str {
        self.names
            .iter()
            .position(|n| n == name)
            .and_then(|i| row.get(i))
            .map_or("", str::trim)
    }

    /// The place named `name` in `row`, none when the name is empty: both datasets give its
    /// country, `latitude`, `longitude` and an optional `geonames` in columns of one name,
    /// so each dataset only says which column names the place and how precise it is.
    pub fn place(
        &self,
        row: &StringRecord,
        name: &str,
        geo_precision: Option<u8>,
    ) -> Result<Option<Place>, String> {
        if name.is_empty() {
            return Ok(None);
        }
        let get = |column: &str| self.get(row, column);
        Ok(Some(Place {
            name: name.to_string(),
            country: get("country").to_string(),
            coordinates: coordinates(get("latitude"), get("longitude"))?,
            geo_precision,
            geonames: geonames(get("geonames"))?,
        }))
    }
}

/// A count cell: empty is unknown; anything else must be a whole number.
pub fn count(cell: &str, column: &str) -> Result<Option<u32>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse::<u32>()
        .map(Some)
        .map_err(|_| format!("`{cell}` in `{column}` is not a count of people"))
}

/// A latitude and longitude pair of cells, both empty for none.
pub fn coordinates(lat: &str, lon: &str) -> Result<Option<(f64, f64)>, String> {
    if lat.is_empty() && lon.is_empty() {
        return Ok(None);
    }
    match (lat.parse::<f64>(), lon.parse::<f64>()) {
        (Ok(a), Ok(o)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&o) => {
            Ok(Some((a, o)))
        }
        _ => Err(format!("`{lat}`, `{lon}` is not a latitude and longitude")),
    }
}

/// An optional GeoNames id cell.
pub fn geonames(cell: &str) -> Result<Option<u64>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse::<u64>()
        .ok()
        .filter(|n| *n > 0)
        .map(Some)
        .ok_or_else(|| format!("`{cell}` is not a GeoNames id"))
}

/// An optional Wikidata cell: `Q` and digits.
pub fn wikidata(cell: &str) -> Option<String> {
    let valid =
        cell.len() > 1 && cell.starts_with('Q') && cell[1..].bytes().all(|b| b.is_ascii_digit());
    valid.then(|| cell.to_string())
}

/// Adds `name` to `actors` unless it is empty or already there.
pub fn push_actor(actors: &mut Vec<NamedActor>, name: &str, wikidata: Option<String>) {
    let name = name.trim();
    if !name.is_empty() && !actors.iter().any(|a| a.name == name) {
        actors.push(NamedActor {
            name: name.to_string(),
            wikidata,
        });
    }
}

/// The outlets of a `;`-separated source cell, without repeats.
pub fn outlets(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in cell.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        if !out.iter().any(|o| o == part) {
            out.push(part.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_name_in_any_order() {
        let headers = StringRecord::from(vec!["\u{feff}Event_ID_Cnty", " notes ", "year"]);
        let columns = Columns::new(&headers);
        let row = StringRecord::from(vec!["IRQ1", " text ", "2020"]);
        assert_eq!(columns.get(&row, "event_id_cnty"), "IRQ1");
        assert_eq!(columns.get(&row, "notes"), "text");
        assert_eq!(columns.get(&row, "absent"), "");
        assert_eq!(columns.missing(&["year", "fatalities"]), vec!["fatalities"]);
    }

    #[test]
    fn cells_are_checked() {
        assert_eq!(count("", "x"), Ok(None));
        assert_eq!(count("12", "x"), Ok(Some(12)));
        assert!(count("-1", "x").is_err());
        assert_eq!(coordinates("33.8", "42.4"), Ok(Some((33.8, 42.4))));
        assert!(coordinates("133.8", "42.4").is_err());
        assert!(coordinates("33.8", "").is_err());
        assert_eq!(geonames("99072"), Ok(Some(99072)));
        assert!(geonames("Q1").is_err());
        assert_eq!(outlets("AFP; Shafaq News;AFP"), vec!["AFP", "Shafaq News"]);
    }
}
