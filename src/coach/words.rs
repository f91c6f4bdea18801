//! Words that tell what a capitalised name in an article is, for the unlinked-name
//! warnings: nationality adjectives and demonyms ("Iraqi", "Americans", "Iran-backed"),
//! which are never names worth a page, and countries and place words ("Iraq", "Camp Taji",
//! "Anbar Province"), which are suggested as locations first.

use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Nationality adjectives and demonyms, and other capitalised adjectives news text uses
/// for groups of people. A plural ("Iraqis") is the word with an `s`.
const ADJECTIVES: &[&str] = &[
    "Afghan",
    "African",
    "Albanian",
    "Algerian",
    "American",
    "Arab",
    "Arabian",
    "Argentine",
    "Armenian",
    "Asian",
    "Assyrian",
    "Australian",
    "Austrian",
    "Azerbaijani",
    "Bahraini",
    "Baluch",
    "Bangladeshi",
    "Belarusian",
    "Belgian",
    "Bosnian",
    "Brazilian",
    "British",
    "Bulgarian",
    "Burmese",
    "Canadian",
    "Chadian",
    "Chaldean",
    "Chilean",
    "Chinese",
    "Christian",
    "Colombian",
    "Congolese",
    "Croatian",
    "Cuban",
    "Cypriot",
    "Czech",
    "Danish",
    "Druze",
    "Dutch",
    "Egyptian",
    "Emirati",
    "English",
    "Eritrean",
    "Ethiopian",
    "European",
    "Filipino",
    "Finnish",
    "French",
    "Georgian",
    "German",
    "Greek",
    "Hungarian",
    "Indian",
    "Indonesian",
    "Iranian",
    "Iraqi",
    "Irish",
    "Islamic",
    "Islamist",
    "Israeli",
    "Italian",
    "Japanese",
    "Jewish",
    "Jordanian",
    "Kazakh",
    "Kenyan",
    "Korean",
    "Kurdish",
    "Kuwaiti",
    "Latin",
    "Lebanese",
    "Libyan",
    "Malaysian",
    "Malian",
    "Mexican",
    "Middle",
    "Moroccan",
    "Muslim",
    "Nigerian",
    "Norwegian",
    "Omani",
    "Ottoman",
    "Pakistani",
    "Palestinian",
    "Persian",
    "Peruvian",
    "Polish",
    "Portuguese",
    "Qatari",
    "Romanian",
    "Russian",
    "Saudi",
    "Scottish",
    "Serbian",
    "Shia",
    "Shiite",
    "Shi'ite",
    "Somali",
    "Soviet",
    "Spanish",
    "Sudanese",
    "Sunni",
    "Swedish",
    "Swiss",
    "Syrian",
    "Taiwanese",
    "Tunisian",
    "Turkish",
    "Turkmen",
    "Ukrainian",
    "Venezuelan",
    "Vietnamese",
    "Welsh",
    "Western",
    "Yazidi",
    "Yemeni",
];

/// The last part of a hyphenated adjective ("Iran-backed", "US-led").
const COMPOUND_ENDS: &[&str] = &[
    "affiliated",
    "aligned",
    "allied",
    "backed",
    "based",
    "born",
    "controlled",
    "funded",
    "held",
    "led",
    "linked",
    "made",
    "owned",
    "run",
    "sponsored",
    "style",
    "supported",
];

/// Words that make a name a place ("Anbar Province", "Camp Taji").
const PLACE_WORDS: &[&str] = &[
    "Airport",
    "Airbase",
    "Base",
    "Border",
    "Bridge",
    "Camp",
    "Cape",
    "City",
    "Coast",
    "County",
    "Crossing",
    "District",
    "Fort",
    "Governorate",
    "Gulf",
    "Island",
    "Islands",
    "Lake",
    "Mount",
    "Mountains",
    "Oblast",
    "Port",
    "Province",
    "Region",
    "River",
    "Sea",
    "Square",
    "Strait",
    "Street",
    "Valley",
    "Village",
];

/// Common names of countries that the map's outline spells otherwise.
const COUNTRY_NAMES: &[&str] = &[
    "America",
    "Bahrain",
    "Britain",
    "Great Britain",
    "Lebanon",
    "Palestine",
    "Singapore",
    "U.K.",
    "U.S.",
    "UK",
    "United States",
    "US",
    "Vatican",
];

/// Is `word` (one word, hyphens allowed) an adjective or demonym rather than a name?
pub fn is_adjective(word: &str) -> bool {
    let known = |w: &str| {
        ADJECTIVES.contains(&w) || w.strip_suffix('s').is_some_and(|s| ADJECTIVES.contains(&s))
    };
    if known(word) {
        return true;
    }
    let mut parts = word.split('-');
    let last = word.rsplit('-').next().unwrap_or(word);
    word.contains('-')
        && (COMPOUND_ENDS.contains(&last.to_lowercase().as_str())
            || parts.all(|p| known(p) || p.chars().next().is_some_and(char::is_lowercase)))
}

/// Is every word of `name` an adjective ("Iraqi", "Iraqi Kurdish")?
pub fn all_adjectives(name: &str) -> bool {
    name.split(' ').all(is_adjective)
}

fn countries() -> &'static BTreeSet<&'static str> {
    static NAMES: OnceLock<BTreeSet<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        crate::map::world::countries()
            .iter()
            .map(|c| c.name.as_str())
            .chain(COUNTRY_NAMES.iter().copied())
            .collect()
    })
}

/// Is `name` a country or shaped like a place name ("Camp Taji", "Anbar Province")?
pub fn is_place(name: &str) -> bool {
    countries().contains(name)
        || (name.contains(' ') && name.split(' ').any(|w| PLACE_WORDS.contains(&w)))
}

/// Does the text before a name read like a place follows ("in", "near", "outside")?
pub fn place_before(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "in" | "near"
            | "outside"
            | "across"
            | "around"
            | "into"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
    )
}

/// A capitalised word that is not a name by itself: a common word or a month.
pub(crate) fn is_common(word: &str) -> bool {
    COMMON.contains(&word) || crate::model::MONTHS.contains(&word)
}

/// Capitalised words that start sentences or are not names (months are in [`MONTHS`]).
///
/// [`MONTHS`]: crate::model::MONTHS
const COMMON: &[&str] = &[
    "A",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "No",
    "Not",
    "Of",
    "On",
    "Or",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "With",
    "Yet",
    "After",
    "Before",
    "Since",
    "Some",
    "One",
    "Two",
    "Three",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Photo",
    "Reporting",
    "Editing",
    "Read",
    "More",
    "Also",
    "According",
    "Officials",
    "Meanwhile",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "During",
    "All",
    "Col",
    "Gen",
    "Lt",
    "Maj",
    "Sgt",
    "Capt",
    "Adm",
    "Gov",
    "Sen",
    "Rep",
    "Pres",
    "Prof",
    "St",
];

/// Lower-case words allowed inside a name ("Harith al Sudani", "Bank of Baghdad").
pub(crate) const JOINERS: &[&str] = &[
    "al", "el", "bin", "ibn", "abu", "of", "de", "la", "van", "von", "der",
];

pub(crate) fn capitalised(word: &str) -> bool {
    let starts_upper = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    starts_upper(word) || word.split(['-', '\'']).skip(1).any(starts_upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjectives_and_demonyms() {
        for word in [
            "Iraqi",
            "Americans",
            "Iran-backed",
            "US-led",
            "Iraqi-Kurdish",
            "pro-Iranian",
        ] {
            assert!(is_adjective(word), "{word}");
        }
        for word in ["Iraq", "Marotto", "Kata'ib", "Al-Qaeda", "Abu-Mahdi"] {
            assert!(!is_adjective(word), "{word}");
        }
        assert!(all_adjectives("Iraqi Kurdish"));
        assert!(!all_adjectives("Iraqi Security Forces"));
    }

    #[test]
    fn countries_and_places() {
        for name in [
            "Iraq",
            "United States",
            "Syria",
            "Camp Taji",
            "Anbar Province",
        ] {
            assert!(is_place(name), "{name}");
        }
        for name in ["Wayne Marotto", "Kata'ib Hezbollah", "Base"] {
            assert!(!is_place(name), "{name}");
        }
        assert!(place_before("rockets fell in "));
        assert!(!place_before("said "));
    }
}
