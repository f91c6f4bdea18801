//! The embedded world outline (`world.txt`, Natural Earth 1:110m countries, public domain),
//! parsed once per process. The file is made by `scripts/world-outline.mjs`; its format is
//! described there and in `docs/map.md`.

use std::sync::OnceLock;

/// The outline data, compiled into the binary so building never touches the network.
const WORLD: &str = include_str!("world.txt");

/// One country of the outline.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    /// Natural Earth's short name ("Iraq", "Dem. Rep. Congo").
    pub name: String,
    /// Where its name fits best: (lon, lat) in degrees.
    pub label: (f64, f64),
    /// Width and height of its largest part, in degrees, to judge whether the name fits.
    pub size: (f64, f64),
    /// Rings of (lon, lat) points, outer boundaries and holes alike (fill even-odd).
    /// Longitudes may pass ±180 where a ring crosses the antimeridian.
    pub rings: Vec<Vec<(f64, f64)>>,
    /// West, south, east, north bounds over every ring, in degrees.
    pub bounds: [f64; 4],
}

/// Every country of the embedded outline.
pub fn countries() -> &'static [Country] {
    static PARSED: OnceLock<Vec<Country>> = OnceLock::new();
    PARSED.get_or_init(|| parse(WORLD).unwrap_or_default())
}

fn pair(text: &str) -> Option<(i64, i64)> {
    let (a, b) = text.split_once(',')?;
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

fn degrees((a, b): (i64, i64)) -> (f64, f64) {
    (a as f64 / 100.0, b as f64 / 100.0)
}

/// Parses outline text; `Err` names the first malformed line (1-based). The embedded file is
/// checked by a unit test, so a bad edit to it fails the test suite, not a user's build.
pub fn parse(text: &str) -> Result<Vec<Country>, usize> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        out.push(parse_line(line).ok_or(n + 1)?);
    }
    Ok(out)
}

fn parse_line(line: &str) -> Option<Country> {
    let mut fields = line.split('\t');
    let name = fields.next()?.to_string();
    let label = degrees(pair(fields.next()?)?);
    let size = degrees(pair(fields.next()?)?);
    let mut rings = Vec::new();
    let mut bounds = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for ring_text in fields.next()?.split(';') {
        let mut ring = Vec::new();
        let mut at = (0i64, 0i64);
        for (i, point) in ring_text.split(' ').enumerate() {
            let p = pair(point)?;
            at = if i == 0 { p } else { (at.0 + p.0, at.1 + p.1) };
            let (lon, lat) = degrees(at);
            bounds = [
                bounds[0].min(lon),
                bounds[1].min(lat),
                bounds[2].max(lon),
                bounds[3].max(lat),
            ];
            ring.push((lon, lat));
        }
        if ring.len() >= 3 {
            rings.push(ring);
        }
    }
    if rings.is_empty() || fields.next().is_some() {
        return None;
    }
    Some(Country {
        name,
        label,
        size,
        rings,
        bounds,
    })
}

/// Is the point inside the country (even-odd over all its rings)?
pub fn contains(country: &Country, (lon, lat): (f64, f64)) -> bool {
    let [w, s, e, n] = country.bounds;
    let lons = [lon, lon + 360.0, lon - 360.0];
    lons.iter().any(|&lon| {
        if lon < w || lon > e || lat < s || lat > n {
            return false;
        }
        let mut odd = false;
        for ring in &country.rings {
            let mut j = ring.len() - 1;
            for i in 0..ring.len() {
                let ((xi, yi), (xj, yj)) = (ring[i], ring[j]);
                if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
                    odd = !odd;
                }
                j = i;
            }
        }
        odd
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_outline_parses_whole() {
        let parsed = parse(WORLD).expect("every line of world.txt parses");
        assert!(parsed.len() > 170, "{} countries", parsed.len());
        assert_eq!(countries().len(), parsed.len());
        assert!(WORLD.len() < 150_000, "world.txt is {} bytes", WORLD.len());
    }

    #[test]
    fn points_fall_in_their_countries() {
        let find = |name: &str| countries().iter().find(|c| c.name == name).expect(name);
        assert!(contains(find("Iraq"), (44.36, 33.31))); // Baghdad
        assert!(!contains(find("Iraq"), (36.29, 33.51))); // Damascus
        assert!(contains(find("Syria"), (36.29, 33.51)));
        // Chukotka lies east of the antimeridian, in Russia's unwrapped ring.
        assert!(contains(find("Russia"), (-175.0, 66.5)));
    }

    #[test]
    fn malformed_lines_are_named() {
        assert_eq!(parse("# c\nA\t1,2\t3,4\t0,0 1,0 0,1\nB\tx\n"), Err(3));
        assert_eq!(parse("A\t1,2\t3,4\t0,0 1,0 0,1").map(|c| c.len()), Ok(1));
    }
}
