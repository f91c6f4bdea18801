//! The small views many pages share: a date, a link, a brief's card, an incident in a list, a
//! backlink. Cards and links are computed once per build (`prepare`) and borrowed by the pages
//! that show them; each page's own view lives with its builder under `render/page/`. Field
//! names are the theme's contract (see `docs/templates.md`).

use serde::Serialize;

use crate::model::{PartialDate, Status};

/// A date as `<time datetime="{iso}">{display}</time>`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DateView {
    /// `2021-07-07`, `2020-05` or `2021`.
    pub iso: String,
    /// `7 July 2021`, `May 2020` or `2021`.
    pub display: String,
}

impl From<&PartialDate> for DateView {
    fn from(date: &PartialDate) -> Self {
        DateView {
            iso: date.iso(),
            display: date.display(),
        }
    }
}

/// A named link to a page.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinkView {
    /// Link text.
    pub name: String,
    /// Site-root-relative path.
    pub path: String,
}

/// How many tags a brief card or a feed entry shows. A card is repeated on every tag page
/// of its brief, so without a cap a brief with 2,000 tags writes 2,000 x 2,000 tag links.
pub const CARD_TAGS: usize = 8;

/// How many actors and how many locations a card or a feed entry names, for the same reason.
pub const CARD_ENTITIES: usize = 5;

/// How many characters of the summary a card shows (longer ones end in `…`).
pub const CARD_SUMMARY_CHARS: usize = 600;

/// A brief in lists (home, tags, incident pages).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BriefCard {
    /// Slug.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Page path.
    pub path: String,
    /// Publication day.
    pub date: DateView,
    /// Summary, plain text.
    pub summary: String,
    /// Original outlet or "".
    pub outlet: String,
    /// The first [`CARD_TAGS`] tag links.
    pub tags: Vec<LinkView>,
    /// How many tags the card leaves out ("+K more").
    pub tags_more: usize,
    /// Up to [`CARD_ENTITIES`] actors.
    pub actors: Vec<LinkView>,
    /// Up to [`CARD_ENTITIES`] locations.
    pub locations: Vec<LinkView>,
    /// A draft (only in `--drafts` builds).
    pub draft: bool,
    /// The brief's own language tag for its title and summary, or "" for the site's.
    pub title_lang: String,
    /// `rtl` or `ltr` with `title_lang`, else "".
    pub title_dir: &'static str,
    /// The year, when the brief is more than a year older than the newest one, so an old
    /// brief on the home page does not read like today's; else "".
    pub stale_year: String,
}

/// A status as templates see it: `claimed`… or "" when unknown, so `{% if %}` tests it.
/// Every view field holding an incident status serializes through this.
pub(crate) fn status_or_empty<S: serde::Serializer>(
    status: &Option<Status>,
    to: S,
) -> Result<S::Ok, S::Error> {
    to.serialize_str(status.map_or("", Status::as_str))
}

/// An incident in lists and sidebars.
#[derive(Clone, Debug, Serialize)]
pub struct IncidentRef {
    /// Slug, also the timeline anchor.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Page path.
    pub path: String,
    /// When, at its precision.
    pub date: DateView,
    /// How sure the record is; shown to templates as its spelling, or "" when unknown.
    #[serde(serialize_with = "status_or_empty")]
    pub status: Option<Status>,
    /// Kind of incident.
    pub kind: String,
    /// The first source's outlet, so a reader can check the incident, or "".
    pub source_outlet: String,
    /// The first source's URL, or "" (the outlet is then shown unlinked).
    pub source_url: String,
}

/// One place a brief mentions an entity, copied out of the brief's quoted sentences (an
/// entity page shows a few dozen).
#[derive(Clone, Debug, Serialize)]
pub struct MentionView {
    /// `briefs/x/#p-7`.
    pub path: String,
    /// Sentence text before the mention, clipped (see [`clip_before`]).
    pub before: String,
    /// The mention as written.
    #[serde(rename = "match")]
    pub matched: String,
    /// Sentence text after it, clipped (see [`clip_after`]).
    pub after: String,
}

/// The last `chars` characters of `text` or fewer, after `…` when cut: the cut moves forward
/// to the next space so no word is shown in part ("…ay attack"), except in a run without
/// spaces (CJK text), which is cut at a character. A quote is bounded because one sentence
/// naming many entities is quoted on each of their pages: an unbounded quote would make
/// output grow with the square of a long sentence (issue 26; the length is the site's
/// [`Budget`](crate::render::budget::Budget)).
pub fn clip_before(text: &str, chars: usize) -> String {
    match kept_before(text, chars) {
        (kept, true) => format!("\u{2026}{kept}"),
        (kept, false) => kept.to_string(),
    }
}

/// The first `chars` characters of `text` or fewer, then `…` when cut: the cut moves back to
/// the last space, as in [`clip_before`].
pub fn clip_after(text: &str, chars: usize) -> String {
    match kept_after(text, chars) {
        (kept, true) => format!("{kept}\u{2026}"),
        (kept, false) => kept.to_string(),
    }
}

/// The bytes of [`clip_before`] and [`clip_after`] of the two sides of a mention, without
/// making either string: an entity page's length in bytes decides where it ends.
pub fn clipped_len(before: &str, after: &str, chars: usize) -> usize {
    let ellipsis = '\u{2026}'.len_utf8();
    let side = |(kept, cut): (&str, bool)| kept.len() + if cut { ellipsis } else { 0 };
    side(kept_before(before, chars)) + side(kept_after(after, chars))
}

/// What [`clip_before`] keeps of `text`, and whether it cut anything.
fn kept_before(text: &str, chars: usize) -> (&str, bool) {
    match text.char_indices().rev().nth(chars.saturating_sub(1)) {
        Some((at, _)) if at > 0 => {
            let kept = &text[at..];
            let starts_word = text[..at].ends_with(char::is_whitespace);
            let whole = match kept.find(char::is_whitespace) {
                Some(space) if !starts_word => kept[space..].trim_start(),
                _ => kept,
            };
            (whole, true)
        }
        _ => (text, false),
    }
}

/// What [`clip_after`] keeps of `text`, and whether it cut anything.
fn kept_after(text: &str, chars: usize) -> (&str, bool) {
    match text.char_indices().nth(chars) {
        Some((at, next)) => {
            let kept = &text[..at];
            let whole = if next.is_whitespace() {
                kept.trim_end()
            } else {
                kept.rfind(char::is_whitespace)
                    .map_or(kept, |space| kept[..space].trim_end())
            };
            (whole, true)
        }
        None => (text, false),
    }
}

#[cfg(test)]
mod clip_tests {
    use super::*;

    const EXCERPT_CHARS: usize = crate::render::budget::Budget::FULL.excerpt_chars;

    #[test]
    fn excerpts_are_clipped_around_the_mention() {
        assert_eq!(clip_before("short", EXCERPT_CHARS), "short");
        assert_eq!(clip_after("short", EXCERPT_CHARS), "short");
        let long = "é".repeat(EXCERPT_CHARS + 10);
        assert_eq!(
            clip_before(&long, EXCERPT_CHARS).chars().count(),
            EXCERPT_CHARS + 1
        );
        assert!(clip_before(&long, EXCERPT_CHARS).starts_with('\u{2026}'));
        assert!(clip_after(&long, EXCERPT_CHARS).ends_with('\u{2026}'));
        let exact = "x".repeat(EXCERPT_CHARS);
        assert_eq!(clip_before(&exact, EXCERPT_CHARS), exact);
        assert_eq!(clip_after(&exact, EXCERPT_CHARS), exact);
    }

    #[test]
    fn dated_lists_say_each_year_once() {
        let dates = [
            ("2021-07-07", "7 July 2021"),
            ("2021-05", "May 2021"),
            ("2019", "2019"),
        ]
        .map(|(iso, display)| DateView {
            iso: iso.into(),
            display: display.into(),
        });
        let days: Vec<(&str, &str)> = dates.iter().map(year_and_day).collect();
        assert_eq!(days, [("2021", "7 July"), ("2021", "May"), ("2019", "")]);
        let groups = by_year(days, |d| d.0);
        let counts: Vec<(&str, usize)> = groups.iter().map(|g| (g.year, g.briefs.len())).collect();
        assert_eq!(counts, [("2021", 2), ("2019", 1)]);
    }

    #[test]
    fn clipped_len_is_the_length_of_both_clips() {
        let long = "word ".repeat(100);
        for (before, after) in [
            ("", ""),
            ("short", "ok"),
            (&long[..], &long[..]),
            ("é", &long[..]),
        ] {
            assert_eq!(
                clipped_len(before, after, EXCERPT_CHARS),
                clip_before(before, EXCERPT_CHARS).len() + clip_after(after, EXCERPT_CHARS).len()
            );
        }
    }

    #[test]
    fn excerpts_are_cut_between_words() {
        let words = "one-way attack ".repeat(40);
        let after = clip_after(&words, EXCERPT_CHARS);
        assert!(after.ends_with("attack\u{2026}"), "{after}");
        let before = clip_before(words.trim_end(), EXCERPT_CHARS);
        assert!(
            before.starts_with("\u{2026}one-way ") || before.starts_with("\u{2026}attack "),
            "{before}"
        );
        assert!(before.chars().count() <= EXCERPT_CHARS + 1);
    }
}

/// The brief of a backlink: just what the entity page shows of it.
#[derive(Clone, Debug, Serialize)]
pub struct BriefHead<'a> {
    /// Headline.
    pub title: &'a str,
    /// Page path.
    pub path: &'a str,
    /// Publication day.
    pub date: &'a DateView,
}

/// The year of `date` and the date without it (`7 July`, `May`, or "" when only the year is
/// known), for lists under year headings that say the year once rather than on every line.
pub fn year_and_day(date: &DateView) -> (&str, &str) {
    let year = date.iso.get(..4).unwrap_or(&date.iso);
    let day = date.display.strip_suffix(year).unwrap_or(&date.display);
    (year, day.trim_end())
}

/// Briefs of one year under its heading, in the order given.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearGroup<'a, T> {
    /// `2021`.
    pub year: &'a str,
    /// Its briefs.
    pub briefs: Vec<T>,
}

/// `items` (newest first) in runs of one year, `year` telling each item's year.
pub fn by_year<'a, T>(
    items: impl IntoIterator<Item = T>,
    year: impl Fn(&T) -> &'a str,
) -> Vec<YearGroup<'a, T>> {
    let mut years: Vec<YearGroup<'a, T>> = Vec::new();
    for item in items {
        let y = year(&item);
        match years.last_mut() {
            Some(group) if group.year == y => group.briefs.push(item),
            _ => years.push(YearGroup {
                year: y,
                briefs: vec![item],
            }),
        }
    }
    years
}

/// A brief on an entity's page.
#[derive(Clone, Debug, Serialize)]
pub struct BacklinkView<'a> {
    /// The brief.
    pub brief: BriefHead<'a>,
    /// Its date without the year, which its year's heading gives.
    pub day: &'a str,
    /// The entity's role there, or "".
    pub role: &'a str,
    /// Where the title links: the paragraph of the first mention, or the brief when the
    /// editor lists the entity without naming it. The first quote is not a link of its own
    /// (the title's link covers the whole entry), which halves the links per entry.
    pub href: String,
    /// Where it is mentioned.
    pub mentions: Vec<MentionView>,
    /// Mentions the site's budget leaves unquoted (compact pages quote one a brief).
    pub more: usize,
}

/// A link with the number of briefs shared, for "often appears with" on an entity's page
/// and the ties of the network views.
#[derive(Clone, Debug, Serialize)]
pub struct RelatedView<'a> {
    /// Name.
    pub name: &'a str,
    /// Page path.
    pub path: &'a str,
    /// actor or location.
    pub kind: &'static str,
    /// Briefs in common.
    pub count: usize,
}
