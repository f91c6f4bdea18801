//! What an editor meant by a value gloss cannot read: a date in another order
//! (`27-06-2021`, `June 27, 2021`) or coordinates written as text, without a comma or in
//! degrees and minutes (`33°47′N, 42°26′E`). Hints compute the value to write from these.

use crate::model::{MONTHS, PartialDate, Precision};

/// The dates `text` may mean: none when it is not a date at all, two when the day and the
/// month could be either way round (`07/06/2021`), earlier-month first.
pub fn dates(text: &str) -> Vec<PartialDate> {
    let text = text.trim().trim_matches(['"', '\'']).trim();
    if text.len() > 64 {
        return Vec::new();
    }
    let mut numbers: Vec<&str> = Vec::new();
    let mut month = None;
    for token in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if token.bytes().all(|b| b.is_ascii_digit()) {
            numbers.push(token);
        } else if let Some(day) = ordinal(token) {
            numbers.push(day);
        } else if let Some(m) = month_named(token) {
            if month.replace(m).is_some() {
                return Vec::new();
            }
        } else if !is_filler(token) {
            return Vec::new();
        }
    }
    let value = |s: &str| s.parse::<u32>().ok();
    let year = |s: &str| (s.len() == 4).then(|| value(s)).flatten();
    let mut found: Vec<(u32, u32, u32)> = match (month, numbers.as_slice()) {
        (Some(m), [y]) => year(y).map(|y| (y, m, 0)).into_iter().collect(),
        (Some(m), [a, b]) => match (year(a), year(b)) {
            (None, Some(y)) => value(a).map(|d| (y, m, d)).into_iter().collect(),
            (Some(y), None) => value(b).map(|d| (y, m, d)).into_iter().collect(),
            _ => Vec::new(),
        },
        (None, [y]) => year(y).map(|y| (y, 0, 0)).into_iter().collect(),
        (None, [a, b]) => match (year(a), year(b), value(a), value(b)) {
            (Some(y), None, _, Some(m)) | (None, Some(y), Some(m), _) => vec![(y, m, 0)],
            _ => Vec::new(),
        },
        (None, [a, b, c]) => match (year(a), year(c), value(a), value(b), value(c)) {
            (Some(y), None, _, Some(m), Some(d)) => vec![(y, m, d)],
            (None, Some(y), Some(first), Some(second), _) => {
                vec![(y, second, first), (y, first, second)]
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    found.sort_unstable();
    found.dedup();
    found
        .into_iter()
        .filter(|&(_, m, d)| (1..=12).contains(&m) || (m == 0 && d == 0))
        .filter(|&(_, _, d)| d <= 31)
        .filter_map(|(y, m, d)| PartialDate::new(y as i32, m as u8, d as u8).ok())
        .collect()
}

/// `27th` → `27`.
fn ordinal(token: &str) -> Option<&str> {
    let lower = token.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| &token[..digits.len()])
}

/// The month a word names (`June`, `jun`, `Sept.`), 1-based.
fn month_named(token: &str) -> Option<u32> {
    let lower = token.to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.to_lowercase().starts_with(&lower))
        .map(|i| i as u32 + 1)
}

/// Words a written date may carry besides its numbers: weekdays, "of", "the".
fn is_filler(token: &str) -> bool {
    const WEEKDAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = token.to_lowercase();
    matches!(lower.as_str(), "of" | "the")
        || (lower.len() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(&lower)))
}

/// A date given on the command line (`gloss new --date`): parsed, or the parse error with
/// the dates a differently ordered one (27/06/2021, "June 27, 2021") most likely meant.
pub fn command_line_date(text: &str) -> Result<PartialDate, String> {
    PartialDate::parse(text).map_err(|error| {
        let meant: Vec<String> = dates(text)
            .iter()
            .map(|d| format!("`--date {}`", d.iso()))
            .collect();
        match meant.as_slice() {
            [] => error,
            _ => format!("{error}; did you mean {}?", meant.join(" or ")),
        }
    })
}

/// How a date is written in TOML front matter: a day as a TOML date, a month or a year
/// quoted (`2021-06-27`, `"2021-06"`).
pub fn toml_date(date: &PartialDate) -> String {
    match date.precision() {
        Precision::Day => date.iso(),
        _ => format!("\"{}\"", date.iso()),
    }
}

/// One coordinate being read: degrees, minutes and seconds summed, and its hemisphere.
#[derive(Default)]
struct Part {
    value: f64,
    /// 0 before any number; 1, 2, 3 after degrees, minutes, seconds.
    level: u8,
    /// Was any number of it marked with °, ′ or ″?
    marked: bool,
    hemisphere: Option<char>,
    /// Was the hemisphere written after a number (so a new number starts a new part)?
    closed: bool,
}

/// `[latitude, longitude]` in decimal degrees, read from coordinates written as a string,
/// without a comma, or in degrees, minutes and seconds with hemispheres
/// (`"33.78, 42.44"`, `[33.78 42.44]`, `[33°47′N, 42°26′E]`).
pub fn coordinates(text: &str) -> Option<[f64; 2]> {
    let mut text = text.trim();
    if text.len() > 80 {
        return None;
    }
    if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        text = inner.trim();
    }
    if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        text = inner.trim();
    }
    let mut parts: Vec<Part> = Vec::new();
    let mut current = Part::default();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            ',' | ';' => finish(&mut parts, &mut current),
            c if c.is_whitespace() || matches!(c, '"' | '\'') => {}
            'N' | 'S' | 'E' | 'W' | 'n' | 's' | 'e' | 'w' => {
                if current.hemisphere.is_some() {
                    if current.level == 0 {
                        return None;
                    }
                    finish(&mut parts, &mut current);
                }
                current.hemisphere = Some(c.to_ascii_uppercase());
                current.closed = current.level > 0;
            }
            c if c.is_ascii_digit() || matches!(c, '-' | '+' | '.') => {
                let end = text[at..]
                    .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.')))
                    .map_or(text.len(), |i| at + i);
                let number: f64 = text[at..end].parse().ok()?;
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
                while chars.peek().is_some_and(|&(_, c)| c == ' ') {
                    chars.next();
                }
                // ' and " mark minutes and seconds only after degrees: otherwise they
                // are the quotes of a string (`["33.78", "42.44"]`).
                let mark = match chars.peek().map(|&(_, c)| c) {
                    Some('°' | 'º' | '˚') => Some(1),
                    Some('′' | '’') => Some(2),
                    Some('\'') if current.marked => Some(2),
                    Some('″' | '”') => Some(3),
                    Some('"') if current.marked => Some(3),
                    _ => None,
                };
                if mark.is_some() {
                    chars.next();
                }
                add(&mut parts, &mut current, number, mark)?;
            }
            _ => return None,
        }
    }
    finish(&mut parts, &mut current);
    let [first, second] = <[Part; 2]>::try_from(parts).ok()?;
    let signed = |p: &Part| match p.hemisphere {
        Some('S' | 'W') => -p.value,
        _ => p.value,
    };
    let (latitude, longitude) = match (first.hemisphere, second.hemisphere) {
        (Some('E' | 'W'), Some('N' | 'S')) => (signed(&second), signed(&first)),
        (Some('E' | 'W'), _) | (_, Some('N' | 'S')) => return None,
        _ => (signed(&first), signed(&second)),
    };
    let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
    (latitude.abs() <= 90.0 && longitude.abs() <= 180.0)
        .then(|| [round(latitude), round(longitude)])
}

/// Adds a number to the coordinate being read, or starts the next one.
fn add(parts: &mut Vec<Part>, current: &mut Part, number: f64, mark: Option<u8>) -> Option<()> {
    let next_level = current.level + 1;
    let starts_new = current.closed
        || (current.level > 0 && mark.is_none() && !current.marked)
        || mark.is_some_and(|m| m <= current.level);
    if starts_new {
        finish(parts, current);
    }
    let level = mark.unwrap_or(if starts_new { 1 } else { next_level.max(1) });
    if level > 3 || (level > 1 && !(0.0..60.0).contains(&number)) {
        return None;
    }
    let sign = if current.value < 0.0 { -1.0 } else { 1.0 };
    current.value += sign * number / 60f64.powi(i32::from(level) - 1);
    current.level = level;
    current.marked |= mark.is_some();
    Some(())
}

fn finish(parts: &mut Vec<Part>, current: &mut Part) {
    let part = std::mem::take(current);
    if part.level > 0 {
        parts.push(part);
    }
}

/// A number as TOML writes a float: always with a decimal point (`33.0`, `42.4333`).
pub fn toml_float(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.1}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Vec<String> {
        dates(text).iter().map(PartialDate::iso).collect()
    }

    #[test]
    fn dates_in_any_common_order() {
        assert_eq!(iso("27-06-2021"), ["2021-06-27"]);
        assert_eq!(iso("2021/06/27"), ["2021-06-27"]);
        assert_eq!(iso("\"June 27, 2021\""), ["2021-06-27"]);
        assert_eq!(iso("27/06/2021"), ["2021-06-27"]);
        assert_eq!(iso("06/27/2021"), ["2021-06-27"]);
        assert_eq!(iso("Sunday, 27th of June 2021"), ["2021-06-27"]);
        assert_eq!(iso("27 Jun. 2021"), ["2021-06-27"]);
        assert_eq!(iso("June 2021"), ["2021-06"]);
        assert_eq!(iso("2021.06"), ["2021-06"]);
        assert_eq!(iso("07/06/2021"), ["2021-06-07", "2021-07-06"]);
        assert_eq!(iso("05/05/2021"), ["2021-05-05"]);
        assert_eq!(iso("2021-6-7"), ["2021-06-07"]);
    }

    #[test]
    fn not_dates() {
        for text in [
            "yesterday",
            "31/31/2021",
            "30/02/2021",
            "June July 2021",
            "1/2/21",
            "",
        ] {
            assert_eq!(iso(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn toml_dates_quote_months_and_years() {
        let d = |t: &str| toml_date(&PartialDate::parse(t).unwrap());
        assert_eq!(d("2021-06-27"), "2021-06-27");
        assert_eq!(d("2021-06"), "\"2021-06\"");
        assert_eq!(d("2021"), "\"2021\"");
    }

    #[test]
    fn coordinates_as_written() {
        let c = |t: &str| coordinates(t);
        assert_eq!(c("\"33.78, 42.44\""), Some([33.78, 42.44]));
        assert_eq!(c("[33.78 42.44]"), Some([33.78, 42.44]));
        assert_eq!(c("[33°47′N, 42°26′E]"), Some([33.7833, 42.4333]));
        assert_eq!(c("[33°47'N, 42°26'E]"), Some([33.7833, 42.4333]));
        assert_eq!(c("33°47′12″N 42°26′E"), Some([33.7867, 42.4333]));
        assert_eq!(c("42°26′E, 33°47′N"), Some([33.7833, 42.4333]));
        assert_eq!(c("33°47′S, 42°26′W"), Some([-33.7833, -42.4333]));
        assert_eq!(c("N33.78 E42.44"), Some([33.78, 42.44]));
        assert_eq!(c("[-33.5, 151]"), Some([-33.5, 151.0]));
        assert_eq!(c("[\"33.78\", \"42.44\"]"), Some([33.78, 42.44]));
        assert_eq!(c("['33.78', '42.44']"), Some([33.78, 42.44]));
        assert_eq!(c("33.78, 42.44"), Some([33.78, 42.44]));
        assert_eq!(c("33°47'12\"N, 42°26'E"), Some([33.7867, 42.4333]));
    }

    #[test]
    fn not_coordinates() {
        for text in [
            "[1, 2, 3]",
            "[33.78]",
            "Baghdad",
            "33°75′N, 42°E",
            "[95, 10]",
        ] {
            assert_eq!(coordinates(text), None, "{text}");
        }
        assert_eq!(toml_float(151.0), "151.0");
        assert_eq!(toml_float(42.4333), "42.4333");
    }
}
