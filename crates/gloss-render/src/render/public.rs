//! What every machine-readable output (feeds, sitemap, data files, JSON-LD) shares: absolute
//! URLs, the briefs that are public, and dates in the forms those formats demand. Keeping it
//! in one place means a feed entry, a sitemap URL and a data row never disagree about where a
//! page lives.

use super::site::Site;
use crate::model::{Brief, BriefId, PartialDate, Precision};

impl Site<'_> {
    /// The absolute URL of a site-root-relative path. Pages are always named dir-style
    /// (`{base_url}briefs/x/`), whatever the URL mode, so ids in feeds stay stable when an
    /// editor switches `file_urls` on.
    pub fn absolute(&self, path: &str) -> String {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        format!("{}{path}", self.config.base_url)
    }

    /// Briefs readers may see, newest first: drafts (present only in `--drafts` builds) are
    /// never announced in feeds, sitemaps or data files.
    pub fn published(&self) -> impl Iterator<Item = (BriefId, &Brief)> {
        self.corpus
            .briefs
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.draft)
            .map(|(i, b)| (BriefId(i as u32), b))
    }

    /// The date of the newest public brief: the `updated` of feeds with nothing newer, so a
    /// build never depends on the clock.
    pub fn newest(&self) -> Option<PartialDate> {
        self.published().map(|(_, b)| b.date).max()
    }
}

/// An RFC 3339 timestamp at midnight UTC of the first day a date covers, as Atom requires a
/// full date-time.
pub fn timestamp(date: &PartialDate) -> String {
    let day = match date.precision() {
        Precision::Day => date.iso(),
        Precision::Month => format!("{}-01", date.iso()),
        Precision::Year => format!("{}-01-01", date.iso()),
    };
    format!("{day}T00:00:00Z")
}

/// `day`, `month` or `year`: how much of a date is known, for data files.
pub fn precision_name(date: &PartialDate) -> &'static str {
    match date.precision() {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_start_the_period() {
        let t = |s: &str| timestamp(&PartialDate::parse(s).unwrap());
        assert_eq!(t("2021-07-07"), "2021-07-07T00:00:00Z");
        assert_eq!(t("2020-05"), "2020-05-01T00:00:00Z");
        assert_eq!(t("2019"), "2019-01-01T00:00:00Z");
    }
}
