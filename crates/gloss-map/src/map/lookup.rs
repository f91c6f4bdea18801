//! Places against the embedded outline: which country a `country = "…"` name means (as
//! editors write it, not only as Natural Earth abbreviates it), which country a point falls
//! in, and how far a point lies from a country's outline.

use super::world::{Country, contains, countries};

/// Common spellings of countries whose Natural Earth short name differs, and the outline
/// name each means. Matched after [`normalize`].
const ALIASES: &[(&str, &str)] = &[
    ("united states", "United States of America"),
    ("usa", "United States of America"),
    ("us", "United States of America"),
    ("america", "United States of America"),
    ("uk", "United Kingdom"),
    ("britain", "United Kingdom"),
    ("great britain", "United Kingdom"),
    ("bosnia and herzegovina", "Bosnia and Herz."),
    ("bosnia", "Bosnia and Herz."),
    ("central african republic", "Central African Rep."),
    ("democratic republic of the congo", "Dem. Rep. Congo"),
    ("democratic republic of congo", "Dem. Rep. Congo"),
    ("dr congo", "Dem. Rep. Congo"),
    ("drc", "Dem. Rep. Congo"),
    ("congo kinshasa", "Dem. Rep. Congo"),
    ("republic of the congo", "Congo"),
    ("congo brazzaville", "Congo"),
    ("dominican republic", "Dominican Rep."),
    ("equatorial guinea", "Eq. Guinea"),
    ("falkland islands", "Falkland Is."),
    ("solomon islands", "Solomon Is."),
    ("south sudan", "S. Sudan"),
    ("western sahara", "W. Sahara"),
    ("ivory coast", "Côte d'Ivoire"),
    ("czech republic", "Czechia"),
    ("north macedonia", "Macedonia"),
    ("swaziland", "eSwatini"),
    ("burma", "Myanmar"),
    ("turkiye", "Turkey"),
    ("east timor", "Timor-Leste"),
    ("northern cyprus", "N. Cyprus"),
    ("palestinian territories", "Palestine"),
    ("state of palestine", "Palestine"),
    ("west bank", "Palestine"),
    ("gaza", "Palestine"),
    ("gaza strip", "Palestine"),
    ("russian federation", "Russia"),
    ("syrian arab republic", "Syria"),
    ("islamic republic of iran", "Iran"),
    ("republic of korea", "South Korea"),
    ("korea", "South Korea"),
    ("dprk", "North Korea"),
    ("lao pdr", "Laos"),
    ("uae", "United Arab Emirates"),
    ("viet nam", "Vietnam"),
    ("holland", "Netherlands"),
    ("kurdistan region", "Iraq"),
];

/// Countries and territories too small for the 1:110m outline: a real name, whose points
/// gloss cannot check (so neither a warning nor a did-you-mean).
const TOO_SMALL: &[&str] = &[
    "andorra",
    "antigua and barbuda",
    "bahrain",
    "barbados",
    "cabo verde",
    "cape verde",
    "comoros",
    "dominica",
    "gibraltar",
    "grenada",
    "hong kong",
    "kiribati",
    "liechtenstein",
    "macau",
    "macao",
    "maldives",
    "malta",
    "marshall islands",
    "mauritius",
    "micronesia",
    "monaco",
    "nauru",
    "palau",
    "saint kitts and nevis",
    "saint lucia",
    "saint vincent and the grenadines",
    "samoa",
    "san marino",
    "sao tome and principe",
    "seychelles",
    "singapore",
    "tonga",
    "tuvalu",
    "vatican city",
    "holy see",
];

/// What a `country` value names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Named {
    /// A country of the outline.
    Outline(&'static Country),
    /// A real country the outline is too coarse to draw: its points are not checked.
    TooSmall,
    /// No country gloss knows; the closest outline name, if one is close.
    Unknown(Option<&'static str>),
}

/// Lower case, accents and punctuation removed, one space between words, no leading "the":
/// "Côte d'Ivoire" and "cote divoire" compare equal, as do "The Gambia" and "gambia".
pub fn normalize(name: &str) -> String {
    let plain = deunicode::deunicode(name).to_lowercase();
    let kept: String = plain
        .chars()
        .filter(|c| !matches!(c, '.' | '\'' | '’'))
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = kept.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// The country a `country = "…"` value names.
pub fn country_named(name: &str) -> Named {
    let wanted = normalize(name);
    let all = countries();
    if let Some(found) = all.iter().find(|c| normalize(&c.name) == wanted) {
        return Named::Outline(found);
    }
    let alias = ALIASES.iter().find(|(a, _)| *a == wanted);
    if let Some(found) = alias.and_then(|(_, n)| all.iter().find(|c| c.name == *n)) {
        return Named::Outline(found);
    }
    if TOO_SMALL.contains(&wanted.as_str()) {
        return Named::TooSmall;
    }
    let forms: Vec<(String, &'static str)> = all
        .iter()
        .map(|c| (normalize(&c.name), c.name.as_str()))
        .chain(ALIASES.iter().map(|(a, n)| (a.to_string(), *n)))
        .collect();
    let close = crate::diagnostics::nearest(&wanted, forms.iter().map(|(n, _)| n.as_str()))
        .and_then(|n| forms.iter().find(|(form, _)| form == n))
        .map(|(_, shown)| *shown);
    Named::Unknown(close)
}

/// The outline country a point `(lon, lat)` falls in, if any (none at sea).
pub fn country_at(point: (f64, f64)) -> Option<&'static Country> {
    countries().iter().find(|c| contains(c, point))
}

/// Kilometres per degree of latitude (and of longitude at the equator).
const KM_PER_DEGREE: f64 = 111.2;

/// Distance in kilometres between two `(lon, lat)` points (haversine, spherical Earth).
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lon1, lat1) = (a.0.to_radians(), a.1.to_radians());
    let (lon2, lat2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// How far, in kilometres, the point `(lon, lat)` lies from the country's outline: 0 inside,
/// else the distance to the nearest edge (flat-Earth around the point, good to a few percent
/// at the distances that matter here, up to a few hundred kilometres).
pub fn km_outside(country: &Country, point: (f64, f64)) -> f64 {
    if contains(country, point) {
        return 0.0;
    }
    let (lon0, lat0) = point;
    let x_scale = KM_PER_DEGREE * lat0.to_radians().cos().max(0.01);
    let mut best = f64::MAX;
    for ring in &country.rings {
        for shift in [0.0, 360.0, -360.0] {
            let at = |(lon, lat): (f64, f64)| {
                ((lon + shift - lon0) * x_scale, (lat - lat0) * KM_PER_DEGREE)
            };
            let mut previous = ring.last().map(|&p| at(p));
            for &p in ring {
                let q = at(p);
                if let Some(prev) = previous {
                    best = best.min(segment_distance(prev, q));
                }
                previous = Some(q);
            }
        }
    }
    best
}

/// Distance from the origin to the segment `a`–`b`.
fn segment_distance(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length > 0.0 {
        (-(a.0 * dx + a.1 * dy) / length).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (x, y) = (a.0 + t * dx, a.1 + t * dy);
    (x * x + y * y).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(name: &str) -> &'static Country {
        match country_named(name) {
            Named::Outline(c) => c,
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn names_as_editors_write_them() {
        assert_eq!(outline("Iraq").name, "Iraq");
        assert_eq!(
            outline("the United States").name,
            "United States of America"
        );
        assert_eq!(outline("Cote d'Ivoire").name, "Côte d'Ivoire");
        assert_eq!(outline("DR Congo").name, "Dem. Rep. Congo");
        assert_eq!(outline("The Gambia").name, "Gambia");
        assert_eq!(country_named("Bahrain"), Named::TooSmall);
        assert_eq!(country_named("Irqa"), Named::Unknown(Some("Iraq")));
        assert_eq!(
            country_named("Untied States"),
            Named::Unknown(Some("United States of America"))
        );
        assert_eq!(country_named("Xqzzy Wwwwwwwwwww"), Named::Unknown(None));
    }

    #[test]
    fn points_near_and_far() {
        let iraq = outline("Iraq");
        // Erbil, inside.
        assert_eq!(km_outside(iraq, (44.01, 36.19)), 0.0);
        // Erbil with its numbers swapped lands in the Black Sea, far from Iraq.
        assert!(km_outside(iraq, (36.19, 44.01)) > 500.0);
        assert!(country_at((36.19, 44.01)).is_none());
        // Basra's port at Umm Qasr sits on the coarse outline's edge.
        assert!(km_outside(iraq, (47.95, 30.03)) < 30.0);
        let d = distance_km((44.01, 36.19), (44.36, 33.31));
        assert!((d - 322.0).abs() < 10.0, "{d}");
    }
}
