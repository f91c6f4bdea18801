//! Dates at their real precision: a year, a month or a day, never an invented day.

use std::fmt;

/// How much of a date is known. Incidents are often known only to the month or year, and
/// the site must never show an invented day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// A calendar day.
    Day,
}

/// A calendar date known to a [`Precision`]. Ordered by the start of the period it covers,
/// a less precise date sorting before more precise ones that fall in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    month: u8,
    day: u8,
}

/// Month names, for dates shown at month precision and for telling them from names.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// Parses `2021`, `2021-07`, `2021-07-07` or an RFC 3339 date-time (whose date is kept).
    pub fn parse(text: &str) -> Result<PartialDate, String> {
        let text = text.trim();
        let date = text.split(['T', 't', ' ']).next().unwrap_or("");
        if date.len() != text.len() && date.len() != 10 {
            return Err(format!(
                "`{text}` is not a date; write 2021-07-07, 2021-07 or 2021"
            ));
        }
        let parts: Vec<&str> = date.split('-').collect();
        let number = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let bad = || format!("`{text}` is not a date; write 2021-07-07, 2021-07 or 2021");
        let year = number(parts[0], 4).ok_or_else(bad)? as i32;
        let month = match parts.get(1) {
            Some(m) => number(m, 2).ok_or_else(bad)? as u8,
            None => 0,
        };
        let day = match parts.get(2) {
            Some(d) => number(d, 2).ok_or_else(bad)? as u8,
            None => 0,
        };
        if parts.len() > 3 {
            return Err(bad());
        }
        PartialDate::new(year, month, day)
    }

    /// Builds a date; `month` and `day` are 0 when unknown.
    pub fn new(year: i32, month: u8, day: u8) -> Result<PartialDate, String> {
        if month > 12 || (month == 0 && day != 0) {
            return Err(format!("{year}-{month:02}-{day:02} has no month {month}"));
        }
        if month != 0 && day > days_in_month(year, month) {
            return Err(format!(
                "{year}-{month:02}-{day:02} does not exist: {} {year} has {} days",
                MONTHS[month as usize - 1],
                days_in_month(year, month)
            ));
        }
        Ok(PartialDate { year, month, day })
    }

    /// The calendar day `days` after 1970-01-01, so callers that read the clock (`gloss new`)
    /// need no date library.
    pub fn from_days_since_epoch(days: i64) -> PartialDate {
        let (year, month, day) = civil_from_days(days);
        PartialDate { year, month, day }
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month (1-12) if known.
    pub fn month(&self) -> Option<u8> {
        (self.month != 0).then_some(self.month)
    }

    /// The day of the month (1-31) if known; search indexes it as a word.
    pub fn day(&self) -> Option<u8> {
        (self.day != 0).then_some(self.day)
    }

    /// ISO 8601 at the date's precision: `2021-07-07`, `2020-05` or `2021`.
    pub fn iso(&self) -> String {
        match self.precision() {
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }

    /// For readers: `7 July 2021`, `May 2020` or `2021`.
    pub fn display(&self) -> String {
        match self.precision() {
            Precision::Year => self.year.to_string(),
            Precision::Month => format!("{} {}", MONTHS[self.month as usize - 1], self.year),
            Precision::Day => format!(
                "{} {} {}",
                self.day,
                MONTHS[self.month as usize - 1],
                self.year
            ),
        }
    }

    /// The month and year only, the month cut to three letters (`Jul 2021`, `2021`): a date in
    /// a list repeated on many pages, whose full date is in its `datetime` and on its own page.
    pub fn short(&self) -> String {
        match self.month() {
            Some(m) => format!("{} {}", &MONTHS[m as usize - 1][..3], self.year),
            None => self.year.to_string(),
        }
    }

    /// The month's name and year (`July 2021`), used to group the timeline.
    pub fn month_name(&self) -> Option<String> {
        self.month()
            .map(|m| format!("{} {}", MONTHS[m as usize - 1], self.year))
    }

    /// Days since 1970-01-01 of the first day of the period.
    fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.max(1), self.day.max(1))
    }

    /// Days since 1970-01-01 of the last day of the period.
    fn last_day(&self) -> i64 {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 {
            days_in_month(self.year, month)
        } else {
            self.day
        };
        days_from_civil(self.year, month, day)
    }

    /// Is the whole period of `self` before the whole period of `other`?
    pub fn wholly_before(&self, other: &PartialDate) -> bool {
        self.last_day() < other.first_day()
    }

    /// "6 days earlier", "3 months earlier", "2 years later": the distance from `self` to
    /// `later`, said no more precisely than the less precise of the two dates allows.
    pub fn distance_to(&self, later: &PartialDate) -> String {
        let (from, to, word) = if self <= later {
            (self, later, "earlier")
        } else {
            (later, self, "later")
        };
        let precision = from.precision().min(to.precision());
        let months = (to.year - from.year) * 12 + i32::from(to.month) - i32::from(from.month);
        let plural = |n: i64, unit: &str| {
            if n == 1 {
                format!("1 {unit} {word}")
            } else {
                format!("{n} {unit}s {word}")
            }
        };
        match precision {
            Precision::Day => {
                let days = to.first_day() - from.first_day();
                match days {
                    0 => "the same day".to_string(),
                    1..=59 => plural(days, "day"),
                    _ if months < 24 => {
                        plural(i64::from(months - i32::from(to.day < from.day)), "month")
                    }
                    _ => plural(
                        i64::from((months - i32::from(to.day < from.day)) / 12),
                        "year",
                    ),
                }
            }
            Precision::Month if months == 0 => "the same month".to_string(),
            Precision::Month if months < 24 => plural(i64::from(months), "month"),
            Precision::Month => plural(i64::from(months / 12), "year"),
            Precision::Year if to.year == from.year => "the same year".to_string(),
            Precision::Year => plural(i64::from(to.year - from.year), "year"),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's well-known method).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count from 1970-01-01: the inverse of
/// [`days_from_civil`], by the same method.
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // In range by construction: month 1..=12, day 1..=31; years beyond i32 are clamped.
    (
        year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
        month as u8,
        day as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_date_is_month_and_year() {
        let short = |d: &str| PartialDate::parse(d).unwrap().short();
        assert_eq!(short("2017-08-28"), "Aug 2017");
        assert_eq!(short("2020-05"), "May 2020");
        assert_eq!(short("2021"), "2021");
    }

    #[test]
    fn partial_dates_keep_precision() {
        let may = PartialDate::parse("2020-05").unwrap();
        assert_eq!(may.display(), "May 2020");
        assert_eq!(may.iso(), "2020-05");
        assert_eq!(PartialDate::parse("2021").unwrap().display(), "2021");
        assert_eq!(
            PartialDate::parse("2021-07-07").unwrap().display(),
            "7 July 2021"
        );
        assert_eq!(
            PartialDate::parse("2021-07-07T08:30:00Z").unwrap().iso(),
            "2021-07-07"
        );
        assert!(
            PartialDate::parse("2021-02-29")
                .unwrap_err()
                .contains("28 days")
        );
        assert!(PartialDate::parse("2020-02-29").is_ok());
        assert!(PartialDate::parse("July 2021").is_err());
        assert!(PartialDate::parse("2021-13").is_err());
    }

    #[test]
    fn day_counts_round_trip() {
        assert_eq!(PartialDate::from_days_since_epoch(0).iso(), "1970-01-01");
        assert_eq!(
            PartialDate::from_days_since_epoch(18_815).iso(),
            "2021-07-07"
        );
        assert_eq!(PartialDate::from_days_since_epoch(-1).iso(), "1969-12-31");
        for days in (-800_000..800_000).step_by(997) {
            let date = PartialDate::from_days_since_epoch(days);
            assert_eq!(date.first_day(), days, "{}", date.iso());
        }
    }

    #[test]
    fn distances_respect_precision() {
        let brief = PartialDate::parse("2021-07-07").unwrap();
        let d = |s: &str| PartialDate::parse(s).unwrap().distance_to(&brief);
        assert_eq!(d("2021-07-01"), "6 days earlier");
        assert_eq!(d("2021-06-27"), "10 days earlier");
        assert_eq!(d("2021-03-03"), "4 months earlier");
        assert_eq!(d("2020-01-08"), "17 months earlier");
        assert_eq!(d("2020-05"), "14 months earlier");
        assert_eq!(d("2018"), "3 years earlier");
        assert_eq!(d("2021-07-07"), "the same day");
        assert_eq!(
            PartialDate::parse("2021-07-09")
                .unwrap()
                .distance_to(&brief),
            "2 days later"
        );
    }

    #[test]
    fn partial_periods_compare_whole() {
        let brief = PartialDate::parse("2021-07-07").unwrap();
        assert!(PartialDate::parse("2021-06").unwrap().wholly_before(&brief));
        assert!(!PartialDate::parse("2021-07").unwrap().wholly_before(&brief));
        assert!(!PartialDate::parse("2021").unwrap().wholly_before(&brief));
        assert!(
            PartialDate::parse("2021-07-06")
                .unwrap()
                .wholly_before(&brief)
        );
    }
}
