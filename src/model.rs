//! The vocabulary every stage speaks: slugs, dates at their real precision, and the resolved
//! site, whose cross-references are typed indices that cannot dangle.

use std::fmt;
use std::path::PathBuf;

/// A URL-safe name taken from a file or folder name: lowercase ASCII letters, digits and
/// single hyphens. Parsing it once means every URL built from it is safe.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slug(String);

impl Slug {
    /// Checks a file or folder name; the error says what to rename it to.
    pub fn parse(name: &str) -> Result<Slug, String> {
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !name.starts_with('-')
            && !name.ends_with('-')
            && !name.contains("--");
        if valid {
            Ok(Slug(name.to_string()))
        } else {
            Err(format!(
                "`{name}` is not a valid slug: use lowercase letters, digits and single hyphens, e.g. `{}`",
                Slug::suggest(name)
            ))
        }
    }

    /// A valid slug made from any text: the one slugify function for tags, heading ids and
    /// the file names `gloss new` suggests. Letters of any script are transliterated to
    /// ASCII (`deunicode`: "Sécurité générale" -> `securite-generale`, "الحشد الشعبي" ->
    /// `lhshd-lsh-by`), apostrophes vanish ("Kata'ib" -> `kataib`), every other run of
    /// non-alphanumerics becomes one hyphen. Text with nothing to keep gives `untitled`.
    pub fn suggest(text: &str) -> String {
        let without_apostrophes: String = text
            .chars()
            .filter(|c| !matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{02BF}' | '\u{02BE}'))
            .collect();
        let ascii = deunicode::deunicode_with_tofu(&without_apostrophes, " ");
        let mut out = String::new();
        for c in ascii.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if c == '\'' || c == '`' {
                // Transliterations spell some letters (ain, hamza) with an apostrophe.
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let trimmed = out.trim_end_matches('-');
        if trimmed.is_empty() {
            "untitled".to_string()
        } else {
            trimmed.to_string()
        }
    }

    /// What two names must share to be "the same name" spelled differently: the name without
    /// case and accents ("Iraq", "iraq" and "IRAQ"; "Sécurité" and "securite"). Names that
    /// slugify alike but differ here are different names that would collide.
    pub fn fold(text: &str) -> String {
        deunicode::deunicode_with_tofu(text.trim(), "\u{FFFD}").to_lowercase()
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

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

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
        impl $name {
            /// The position in the corpus list this id indexes.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// Index of a brief in [`Corpus::briefs`].
    BriefId
);
id_type!(
    /// Index of an actor in [`Corpus::actors`].
    ActorId
);
id_type!(
    /// Index of a location in [`Corpus::locations`].
    LocationId
);
id_type!(
    /// Index of an incident in [`Corpus::incidents`].
    IncidentId
);

/// Where a brief's article text came from, already split into what the annotator needs.
#[derive(Clone, Debug)]
pub enum Article {
    /// No article: the brief is the editor's text alone.
    None,
    /// `article.txt`: paragraphs of plain text, never markdown.
    Plain(Vec<String>),
    /// `article.md` or a single-file brief's body.
    Markdown {
        /// The markdown.
        text: String,
        /// The file it is in, for diagnostics.
        file: PathBuf,
        /// 1-based line of that file where `text` starts.
        line: usize,
    },
}

/// Where a brief's article was first published.
#[derive(Clone, Debug, Default)]
pub struct Source {
    /// The outlet's name.
    pub outlet: String,
    /// The byline.
    pub author: String,
    /// The original's URL, already checked to be http or https.
    pub url: String,
    /// When the original appeared.
    pub published: Option<PartialDate>,
}

/// A note on a passage of the article, before it is anchored.
#[derive(Clone, Debug)]
pub struct Note {
    /// The quoted passage.
    pub quote: String,
    /// The note's markdown.
    pub markdown: String,
    /// 1-based line of the quote in the brief's file.
    pub line: usize,
    /// 1-based column where the quote's text starts on that line.
    pub column: usize,
}

/// A brief, with every reference resolved.
#[derive(Clone, Debug)]
pub struct Brief {
    /// From the file or folder name.
    pub slug: Slug,
    /// The brief's file, for diagnostics raised after resolving.
    pub file: PathBuf,
    /// Headline.
    pub title: String,
    /// Day of publication of the brief.
    pub date: PartialDate,
    /// Given summary, or none to use the first paragraph.
    pub summary: Option<String>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// Free-form tags.
    pub tags: Vec<String>,
    /// Line and column of each tag in the file, to name both sides of a tag slug collision.
    pub tag_places: Vec<(usize, usize)>,
    /// The incident this brief reports.
    pub event: Option<IncidentId>,
    /// Hand-listed actors with their roles in the story.
    pub actors: Vec<(ActorId, Option<String>)>,
    /// Hand-listed locations with their roles.
    pub locations: Vec<(LocationId, Option<String>)>,
    /// Hand-picked prior incidents.
    pub incidents: Vec<IncidentId>,
    /// The original article's publication.
    pub source: Option<Source>,
    /// BCP 47 language tag from `language` or `[source] language`; none means the site's.
    pub language: Option<String>,
    /// The editor's own text (markdown), without the notes section.
    pub body: String,
    /// 1-based line of the file where `body` starts, for errors in it.
    pub body_line: usize,
    /// The article text.
    pub article: Article,
    /// Passage notes from the `## Notes` section.
    pub notes: Vec<Note>,
    /// Lines moved out of the article because they credit contributors.
    pub credits: Vec<String>,
    /// Other files of a bundle (images…), copied next to the page.
    pub assets: Vec<PathBuf>,
}

/// A person or group that appears in the news.
#[derive(Clone, Debug)]
pub struct Actor {
    /// From the file name.
    pub slug: Slug,
    /// The file, for diagnostics.
    pub file: PathBuf,
    /// The name shown.
    pub name: String,
    /// Other names the article text may use.
    pub aliases: Vec<String>,
    /// Surname forms, linked only after a full mention.
    pub short_names: Vec<String>,
    /// person, militia, government…
    pub kind: String,
    /// Groups this actor belongs to.
    pub affiliation: Vec<ActorId>,
    /// A Wikidata item id such as `Q1140589`.
    pub wikidata: Option<String>,
    /// Description in markdown.
    pub body: String,
    /// 1-based line of the file where `body` starts, for errors in it.
    pub body_line: usize,
}

/// A place.
#[derive(Clone, Debug)]
pub struct Location {
    /// From the file name.
    pub slug: Slug,
    /// The file, for diagnostics.
    pub file: PathBuf,
    /// The name shown.
    pub name: String,
    /// Other names the article text may use.
    pub aliases: Vec<String>,
    /// city, military base, province…
    pub kind: String,
    /// Latitude and longitude in decimal degrees, checked to be in range.
    pub coordinates: Option<(f64, f64)>,
    /// Country name.
    pub country: String,
    /// The location this one lies within.
    pub within: Option<LocationId>,
    /// A Wikidata item id.
    pub wikidata: Option<String>,
    /// Description in markdown.
    pub body: String,
    /// 1-based line of the file where `body` starts, for errors in it.
    pub body_line: usize,
}

/// Verification status of an incident, as in newsroom practice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Someone claimed it; not verified.
    Claimed,
    /// Reported by a source; not independently confirmed.
    Reported,
    /// Confirmed by authorities or several sources.
    Confirmed,
    /// Accounts conflict.
    Disputed,
}

impl Status {
    /// Every status with its front-matter spelling.
    pub const ALL: [(Status, &'static str); 4] = [
        (Status::Claimed, "claimed"),
        (Status::Reported, "reported"),
        (Status::Confirmed, "confirmed"),
        (Status::Disputed, "disputed"),
    ];

    /// The front-matter spelling, also used as a CSS class suffix.
    pub fn as_str(self) -> &'static str {
        Status::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("", |(_, name)| name)
    }
}

/// People killed and injured, where known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Casualties {
    /// Deaths.
    pub killed: Option<u32>,
    /// Injured.
    pub injured: Option<u32>,
}

/// A publication that documents an incident.
#[derive(Clone, Debug)]
pub struct Citation {
    /// The outlet's name.
    pub outlet: String,
    /// Checked http(s) URL, or empty.
    pub url: String,
    /// When it appeared.
    pub published: Option<PartialDate>,
}

/// A dated event: an attack, a strike, a claim.
#[derive(Clone, Debug)]
pub struct Incident {
    /// From the file name.
    pub slug: Slug,
    /// The file, for diagnostics.
    pub file: PathBuf,
    /// Headline.
    pub title: String,
    /// When, at the precision known.
    pub date: PartialDate,
    /// Where.
    pub location: Option<LocationId>,
    /// Who took part.
    pub actors: Vec<ActorId>,
    /// rocket attack, drone strike…
    pub kind: String,
    /// How sure the record is.
    pub status: Option<Status>,
    /// Killed and injured, if known.
    pub casualties: Option<Casualties>,
    /// Where it was reported.
    pub sources: Vec<Citation>,
    /// Description in markdown.
    pub body: String,
    /// 1-based line of the file where `body` starts, for errors in it.
    pub body_line: usize,
}

/// A plain page such as "About".
#[derive(Clone, Debug)]
pub struct Page {
    /// From the file name.
    pub slug: Slug,
    /// The file, for diagnostics.
    pub file: PathBuf,
    /// Heading and `<title>`.
    pub title: String,
    /// Order in navigation (lower first), then title.
    pub weight: i64,
    /// Markdown.
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
}

/// The whole site's input, validated: every id in it points into these lists, and each list
/// is sorted (briefs newest first, the rest by slug) so output never depends on disk order.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Briefs, newest first (drafts dropped unless asked for).
    pub briefs: Vec<Brief>,
    /// Actors by slug.
    pub actors: Vec<Actor>,
    /// Locations by slug.
    pub locations: Vec<Location>,
    /// Incidents by slug.
    pub incidents: Vec<Incident>,
    /// Plain pages by weight and title.
    pub pages: Vec<Page>,
    /// The front page's intro (`content/_index.md`) as markdown.
    pub intro: String,
    /// 1-based line of `_index.md` where the intro starts.
    pub intro_line: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_checked() {
        assert!(Slug::parse("ain-al-asad").is_ok());
        assert!(
            Slug::parse("Ain Al Asad")
                .unwrap_err()
                .contains("`ain-al-asad`")
        );
        assert!(Slug::parse("a--b").is_err());
        assert!(Slug::parse("").is_err());
    }

    #[test]
    fn any_script_gets_a_readable_slug() {
        assert_eq!(Slug::suggest("Sécurité générale"), "securite-generale");
        assert_eq!(Slug::suggest("الحشد الشعبي"), "lhshd-lshby");
        assert_eq!(Slug::suggest("Kata'ib Hezbollah"), "kataib-hezbollah");
        assert_eq!(Slug::suggest("Kata’ib Hezbollah"), "kataib-hezbollah");
        assert_eq!(Slug::suggest("Rocket attacks!"), "rocket-attacks");
        assert_eq!(Slug::suggest("Дмитрий"), "dmitrii");
        assert_eq!(Slug::suggest("!!!"), "untitled");
        assert_ne!(Slug::suggest("الحشد الشعبي"), Slug::suggest("حزب الله"));
        for text in [
            "Sécurité générale",
            "الحشد الشعبي",
            "北京",
            "🚀 x",
            "\u{0}\u{FEFF}a",
        ] {
            assert!(Slug::parse(&Slug::suggest(text)).is_ok(), "{text}");
        }
        assert_eq!(Slug::fold("Iraq"), Slug::fold("IRAQ"));
        assert_eq!(Slug::fold("Sécurité"), Slug::fold("securite"));
        assert_ne!(Slug::fold("rocket attacks"), Slug::fold("rocket-attacks"));
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
