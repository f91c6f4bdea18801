//! Maps drawn at build time as inline SVG: the site map (`/map/`) and the small locator maps
//! of location and incident pages. Country outlines come from an embedded public-domain
//! dataset ([`world`]); the projection, clipping and label placement are computed here, so a
//! map needs no tiles, no script and no network, and the same content always gives the same
//! bytes.

pub mod labels;
pub mod lookup;
mod outline;
pub mod project;
mod spread;
pub mod world;

use std::fmt::Write as _;

use crate::markup::xml::escape;

use labels::{Anchor, Rect, Request};
use outline::{VisiblePart, ring_path, visible_part};
use project::{Projection, clip_ring};
use spread::{Spread, spread};

/// What a point on the map stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// A located incident: a filled red dot.
    Incident,
    /// A location: a hollow dark ring.
    Location,
    /// The subject of a locator map: a larger red dot with a halo.
    Subject,
}

impl MarkerKind {
    fn as_str(self) -> &'static str {
        match self {
            MarkerKind::Incident => "incident",
            MarkerKind::Location => "location",
            MarkerKind::Subject => "subject",
        }
    }

    fn radius(self) -> f64 {
        match self {
            MarkerKind::Incident => 5.0,
            MarkerKind::Location => 4.5,
            MarkerKind::Subject => 6.5,
        }
    }
}

/// One point to draw: a link to its page with an accessible name.
#[derive(Clone, Debug)]
pub struct Marker<'a> {
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
    /// Which symbol.
    pub kind: MarkerKind,
    /// Accessible name of the link (`aria-label` and `<title>`).
    pub name: String,
    /// Visible label, or "" for none. Labels are placed in the order of the markers.
    /// Borrowed: it is the place's name as the page already holds it.
    pub label: &'a str,
    /// The link, relative to the page the map is on.
    pub href: String,
}

/// Size and framing of a map.
#[derive(Clone, Debug)]
pub struct Frame<'a> {
    /// View width and height in SVG units.
    pub size: (f64, f64),
    /// Room around the points, as a fraction of their extent on each side.
    pub padding: f64,
    /// The least latitude span shown, in degrees, so one point still shows its region.
    pub min_span: f64,
    /// Font size of point labels.
    pub font: f64,
    /// The map's accessible name (borrowed: the phone and wide maps of `/map/` share it).
    pub title: &'a str,
    /// Extra class on the `<svg>` (`map-full`, `map-locator`).
    pub class: &'static str,
}

/// Colours of the default map, as presentation attributes so a map reads well even under a
/// theme that has no map styles; CSS may override any of them.
mod colour {
    pub const SEA: &str = "#e4ecf1";
    pub const LAND: &str = "#f5f2eb";
    pub const LAND_HIGHLIGHT: &str = "#e6dfcf";
    pub const BORDER: &str = "#b9b2a5";
    pub const COUNTRY_LABEL: &str = "#7d776c";
    pub const INCIDENT: &str = "#b3261e";
    pub const LOCATION: &str = "#1f2a33";
    pub const TEXT: &str = "#1b1b1b";
}

/// A number for SVG: one decimal, no trailing `.0`, never `-0`.
pub fn num(v: f64) -> String {
    let s = format!("{:.1}", v);
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "-0" { "0".to_string() } else { s }
}

/// Draws the map of `markers` as an inline `<svg>` element.
pub fn draw(markers: &[Marker], frame: &Frame) -> String {
    let points: Vec<(f64, f64)> = markers.iter().map(|m| (m.lon, m.lat)).collect();
    let projection = Projection::fit(&points, frame.size, frame.padding, frame.min_span);
    let (w, h) = frame.size;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="map {}" viewBox="0 0 {} {}" width="100%" role="group" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        frame.class,
        num(w),
        num(h),
        escape(frame.title)
    );
    let _ = write!(
        svg,
        r#"<rect class="map-sea" width="{}" height="{}" fill="{}"/>"#,
        num(w),
        num(h),
        colour::SEA
    );
    let highlighted = |c: &world::Country| {
        markers
            .iter()
            .any(|m| m.kind != MarkerKind::Location && world::contains(c, (m.lon, m.lat)))
    };
    let [vw, vs, ve, vn] = projection.bounds();
    let clip = [-8.0, -8.0, w + 8.0, h + 8.0];
    // Each drawn country, its longitude shift, and the middle and size of its largest part
    // seen in the view (where its name goes when its usual label point is out of view).
    let mut visible: Vec<(&world::Country, f64, Option<VisiblePart>)> = Vec::new();
    let _ = write!(
        svg,
        r#"<g class="map-land" aria-hidden="true" fill="{}" stroke="{}" stroke-width="0.7" stroke-linejoin="round" fill-rule="evenodd">"#,
        colour::LAND,
        colour::BORDER
    );
    for country in world::countries() {
        let [cw, cs, ce, cn] = country.bounds;
        for shift in [0.0, -360.0, 360.0] {
            if cw + shift > ve || ce + shift < vw || cs > vn || cn < vs {
                continue;
            }
            let mut d = String::new();
            let mut part: Option<VisiblePart> = None;
            for ring in &country.rings {
                let projected: Vec<(f64, f64)> = ring
                    .iter()
                    .map(|&(lon, lat)| projection.project((lon + shift, lat)))
                    .collect();
                let clipped = clip_ring(&projected, clip);
                if let Some(p) = visible_part(&clipped, frame.size) {
                    if part.is_none_or(|q| p.size.0 * p.size.1 > q.size.0 * q.size.1) {
                        part = Some(p);
                    }
                }
                ring_path(&mut d, &clipped);
            }
            if d.is_empty() {
                continue;
            }
            visible.push((country, shift, part));
            if highlighted(country) {
                let _ = write!(
                    svg,
                    r#"<path class="map-country-focus" fill="{}" d="{d}"/>"#,
                    colour::LAND_HIGHLIGHT
                );
            } else {
                let _ = write!(svg, r#"<path d="{d}"/>"#);
            }
        }
    }
    svg.push_str("</g>");

    // Markers: positions, obstacles for labels, then labels in marker order.
    let positions = spread(&projection, markers);
    let obstacles: Vec<Rect> = markers
        .iter()
        .zip(&positions)
        .map(|(m, s)| {
            let (x, y) = s.at;
            let r = m.kind.radius() + 1.5;
            [x - r, y - r, x + r, y + r]
        })
        .collect();
    let labelled: Vec<usize> = (0..markers.len())
        .filter(|&i| !markers[i].label.is_empty())
        .collect();
    let requests: Vec<Request> = labelled
        .iter()
        .map(|&i| Request {
            at: positions[i].at,
            clearance: markers[i].kind.radius().max(positions[i].fan) + 3.0,
            size: (
                labels::text_width(markers[i].label, frame.font, 0.0),
                frame.font,
            ),
        })
        .collect();
    let placed = labels::place(&requests, &obstacles, frame.size);
    let mut label_of: Vec<Option<labels::Placed>> = vec![None; markers.len()];
    for (&i, p) in labelled.iter().zip(&placed) {
        label_of[i] = *p;
    }

    // Country names: small capitals centred on their label point, only where they fit.
    let country_font = (frame.font * 0.8).round().max(10.0);
    let mut taken: Vec<Rect> = obstacles.clone();
    taken.extend(placed.iter().flatten().map(|p| p.rect));
    let named: Vec<String> = placed
        .iter()
        .zip(&labelled)
        .filter(|(p, _)| p.is_some())
        .map(|(_, &i)| markers[i].label.to_lowercase())
        .collect();
    let mut country_labels = String::new();
    for (country, shift, part) in &visible {
        let name = country.name.to_uppercase();
        let text_w = labels::text_width(&name, country_font, 1.0) * 1.1;
        let (x, y) = projection.project((country.label.0 + shift, country.label.1));
        let span = country.size.0 * projection.scale * projection.shrink;
        if span < text_w * 0.8 || named.contains(&country.name.to_lowercase()) {
            continue;
        }
        // At the label point, else a line above or below it, else a little to either side;
        // then the middle of the part in view, if the name fits in it.
        let step = country_font * 1.6;
        let mut tries = vec![
            (x, y),
            (x, y - step),
            (x, y + step),
            (x - text_w * 0.4, y),
            (x + text_w * 0.4, y),
        ];
        if let Some(p) = part.filter(|p| p.size.0 > text_w + 16.0 && p.size.1 > step * 2.0) {
            tries.extend([
                p.centre,
                (p.centre.0, p.centre.1 - step),
                (p.centre.0, p.centre.1 + step),
            ]);
        }
        let fits = tries.into_iter().find(|&(x, y)| {
            let rect = [
                x - text_w / 2.0,
                y - country_font * 0.6,
                x + text_w / 2.0,
                y + country_font * 0.6,
            ];
            rect[0] >= 2.0
                && rect[1] >= 2.0
                && rect[2] <= w - 2.0
                && rect[3] <= h - 2.0
                && !taken.iter().any(|t| labels::overlaps(t, &rect))
        });
        let Some((x, y)) = fits else {
            continue;
        };
        taken.push([
            x - text_w / 2.0,
            y - country_font * 0.6,
            x + text_w / 2.0,
            y + country_font * 0.6,
        ]);
        let _ = write!(
            country_labels,
            r#"<text x="{}" y="{}">{}</text>"#,
            num(x),
            num(y + country_font * 0.35),
            escape(&name)
        );
    }
    if !country_labels.is_empty() {
        let _ = write!(
            svg,
            r#"<g class="map-country-names" aria-hidden="true" fill="{}" font-size="{}" letter-spacing="1" text-anchor="middle">{country_labels}</g>"#,
            colour::COUNTRY_LABEL,
            num(country_font)
        );
    }

    // Leader lines from a shared spot to the markers fanned around it.
    let mut leaders = String::new();
    for Spread {
        at: (x, y), origin, ..
    } in &positions
    {
        if let Some((ox, oy)) = origin {
            let _ = write!(
                leaders,
                "M{},{}L{},{}",
                num(*ox),
                num(*oy),
                num(*x),
                num(*y)
            );
        }
    }
    if !leaders.is_empty() {
        let _ = write!(
            svg,
            r#"<path class="map-leaders" aria-hidden="true" fill="none" stroke="{}" stroke-width="0.8" d="{leaders}"/>"#,
            colour::LOCATION
        );
    }

    let _ = write!(
        svg,
        r#"<g class="map-points" font-size="{}" font-weight="600" stroke-linejoin="round">"#,
        num(frame.font)
    );
    for (i, m) in markers.iter().enumerate() {
        let (x, y) = positions[i].at;
        let name = escape(&m.name);
        let _ = write!(
            svg,
            r#"<a class="map-point" data-kind="{}" href="{}" aria-label="{name}"><title>{name}</title>"#,
            m.kind.as_str(),
            escape(&m.href)
        );
        let (cx, cy, r) = (num(x), num(y), num(m.kind.radius()));
        match m.kind {
            MarkerKind::Incident => {
                let _ = write!(
                    svg,
                    r##"<circle cx="{cx}" cy="{cy}" r="{r}" fill="{}" stroke="#fff" stroke-width="1.5"/>"##,
                    colour::INCIDENT
                );
            }
            MarkerKind::Location => {
                let _ = write!(
                    svg,
                    r##"<circle cx="{cx}" cy="{cy}" r="{r}" fill="#fff" stroke="{}" stroke-width="2"/>"##,
                    colour::LOCATION
                );
            }
            MarkerKind::Subject => {
                let _ = write!(
                    svg,
                    r##"<circle cx="{cx}" cy="{cy}" r="{}" fill="none" stroke="{i}" stroke-opacity="0.35" stroke-width="3"/><circle cx="{cx}" cy="{cy}" r="{r}" fill="{i}" stroke="#fff" stroke-width="2"/>"##,
                    num(m.kind.radius() + 5.0),
                    i = colour::INCIDENT
                );
            }
        }
        if let Some(p) = label_of[i] {
            let anchor = match p.anchor {
                Anchor::Start => "",
                Anchor::Middle => r#" text-anchor="middle""#,
                Anchor::End => r#" text-anchor="end""#,
            };
            let _ = write!(
                svg,
                r##"<text x="{}" y="{}"{anchor} fill="{}" stroke="#fff" stroke-width="3" paint-order="stroke">{}</text>"##,
                num(p.x),
                num(p.y),
                colour::TEXT,
                escape(m.label)
            );
        }
        svg.push_str("</a>");
    }
    svg.push_str("</g></svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(lat: f64, lon: f64, kind: MarkerKind, label: &str) -> Marker<'_> {
        Marker {
            lat,
            lon,
            kind,
            name: format!("{label} <{}>", kind.as_str()),
            label,
            href: format!("../x/{label}/"),
        }
    }

    fn frame() -> Frame<'static> {
        Frame {
            size: (960.0, 560.0),
            padding: 0.25,
            min_span: 8.0,
            font: 13.0,
            title: "Map & key",
            class: "map-full",
        }
    }

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(-0.04), "0");
        assert_eq!(num(3.25), "3.2");
        assert_eq!(num(-7.75), "-7.8");
    }

    #[test]
    fn every_marker_is_a_named_link_and_output_is_deterministic() {
        let markers = vec![
            marker(33.31, 44.36, MarkerKind::Location, "Baghdad"),
            marker(33.31, 44.36, MarkerKind::Incident, ""),
            marker(33.31, 44.36, MarkerKind::Incident, ""),
            marker(36.19, 44.01, MarkerKind::Location, "Erbil"),
        ];
        let svg = draw(&markers, &frame());
        assert_eq!(svg, draw(&markers, &frame()));
        assert_eq!(svg.matches("<a class=\"map-point\"").count(), 4);
        assert!(
            svg.contains(r#"aria-label="Baghdad &lt;location&gt;""#),
            "{svg}"
        );
        assert!(svg.contains("<title>Erbil &lt;location&gt;</title>"));
        assert!(svg.contains(r#"href="../x/Erbil/""#));
        assert!(svg.contains(r#"aria-label="Map &amp; key""#));
        // Two incidents on Baghdad are fanned out, with leader lines.
        assert!(svg.contains("map-leaders"));
        // Iraq holds the incidents and is shaded; neighbours are named.
        assert_eq!(svg.matches("map-country-focus").count(), 1);
        assert!(svg.contains(">SYRIA<"), "{svg}");
        assert!(svg.contains(">IRAN<"), "{svg}");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn points_past_the_view_are_pinned_inside_it() {
        let markers = vec![
            marker(89.99, -180.0, MarkerKind::Location, "North"),
            marker(-90.0, 0.0, MarkerKind::Incident, ""),
            marker(-16.5, 179.99, MarkerKind::Incident, ""),
        ];
        let svg = draw(&markers, &frame());
        for cap in svg.split("<circle cx=\"").skip(1) {
            let mut nums = cap
                .split('"')
                .step_by(2)
                .take(2)
                .map(|n| n.parse::<f64>().expect(n));
            let (x, y) = (nums.next().expect("cx"), nums.next().expect("cy"));
            assert!(
                (0.0..=960.0).contains(&x) && (0.0..=560.0).contains(&y),
                "{x},{y}"
            );
        }
    }

    #[test]
    fn a_locator_shows_its_region_not_the_world() {
        let svg = draw(
            &[marker(33.8, 42.44, MarkerKind::Subject, "Ain al-Asad")],
            &Frame {
                size: (320.0, 220.0),
                padding: 0.0,
                min_span: 12.0,
                font: 12.0,
                title: "Locator",
                class: "map-locator",
            },
        );
        assert!(svg.contains(">Ain al-Asad</text>"));
        // Only the region's countries are drawn, far fewer than the world's 177.
        let paths = svg.matches("<path").count();
        assert!((3..30).contains(&paths), "{paths} paths");
        assert!(svg.len() < 25_000, "{} bytes", svg.len());
    }
}
