//! Dates as search words: a brief or incident dated 8 January 2020 is found by "8 January
//! 2020", "January 2020", "2020", "Jan. 8" and "2020-01-08", because the index holds the
//! words a reader types for a date. A date known only to the month holds month and year
//! words, and one known only to the year holds the year: search never invents a day.

use crate::model::{MONTHS, PartialDate};

/// Short month forms a reader writes ("Jan. 8", "Sept 2021"), beside the full names.
const SHORT_MONTHS: [&[&str]; 12] = [
    &["jan"],
    &["feb"],
    &["mar"],
    &["apr"],
    &[],
    &["jun"],
    &["jul"],
    &["aug"],
    &["sep", "sept"],
    &["oct"],
    &["nov"],
    &["dec"],
];

/// The words `date` is found by, separated by spaces, at the date's precision: the year;
/// then the month's name, short forms and two-digit number; then the day with and without
/// a leading zero. Indexed like a title word, so a date match ranks with a name match.
pub fn date_words(date: &PartialDate) -> String {
    let mut words = vec![date.year().to_string()];
    if let Some(month) = date.month() {
        let index = usize::from(month) - 1;
        words.push(MONTHS[index].to_ascii_lowercase());
        words.extend(SHORT_MONTHS[index].iter().map(|s| s.to_string()));
        words.push(format!("{month:02}"));
    }
    if let Some(day) = date.day() {
        words.push(day.to_string());
        if day < 10 {
            words.push(format!("{day:02}"));
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::text::each_word;

    fn words_of(iso: &str) -> Vec<String> {
        let date = PartialDate::parse(iso).expect("a date");
        date_words(&date).split(' ').map(str::to_string).collect()
    }

    /// Every word of `query`, folded as the browser folds it, is among `indexed`.
    fn finds(indexed: &[String], query: &str) -> bool {
        let mut all = true;
        each_word(query, &mut |w| all &= indexed.iter().any(|i| i == w));
        all
    }

    #[test]
    fn a_day_is_found_the_ways_readers_write_it() {
        let words = words_of("2020-01-08");
        for query in [
            "8 January 2020",
            "January 2020",
            "2020",
            "Jan. 8",
            "2020-01-08",
            "january 8, 2020",
            "08/01/2020",
        ] {
            assert!(finds(&words, query), "{query} in {words:?}");
        }
        assert!(!finds(&words, "9 January 2020"));
        assert!(!finds(&words, "February 2020"));
        assert!(!finds(&words, "2021"));
    }

    #[test]
    fn a_month_date_has_no_day_and_a_year_date_no_month() {
        let month = words_of("2020-05");
        assert!(finds(&month, "May 2020"));
        assert!(finds(&month, "2020-05"));
        assert!(!finds(&month, "1 May 2020"), "{month:?}");
        assert_eq!(month, ["2020", "may", "05"]);
        assert_eq!(words_of("2019"), ["2019"]);
        assert!(finds(&words_of("2021-09-30"), "Sept 30"));
        assert_eq!(
            words_of("2021-11-21"),
            ["2021", "november", "nov", "11", "21"]
        );
    }
}
