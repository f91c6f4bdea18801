//! Maps drawn at build time as inline SVG: the site map (`/map/`) and the small locator maps
//! of location and incident pages (over one shared outline file, [`Outline`]). Country
//! outlines come from an embedded public-domain dataset ([`world`]); the projection, clipping and label placement are computed here, so a
//! map needs no tiles, no script and no network, and the same content always gives the same
//! bytes.

mod cluster;
pub mod labels;
mod land;
pub mod lookup;
mod outline;
mod points;
pub mod project;
mod shared;
pub mod world;

use std::fmt::Write as _;

use crate::markup::xml::escape;

pub use cluster::cluster;
use points::Layout;
use project::Projection;
pub use shared::Outline;

/// What a point on the map stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkerKind {
    /// A located incident: a filled red dot.
    Incident,
    /// A location: a hollow dark ring.
    Location,
    /// The subject of a locator map: a larger red dot with a halo.
    Subject,
    /// Several markers too close to tell apart at the drawn scale: a disc with a count,
    /// red when it holds incidents (and counts them), dark when it holds only places (and
    /// counts those).
    Cluster {
        /// The number written on the disc.
        count: usize,
        /// Whether the count is of incidents.
        incidents: bool,
    },
}

impl MarkerKind {
    fn as_str(self) -> &'static str {
        match self {
            MarkerKind::Incident => "incident",
            MarkerKind::Location => "location",
            MarkerKind::Subject => "subject",
            MarkerKind::Cluster { .. } => "cluster",
        }
    }

    /// Radius of the visible symbol at a frame's label `font` size (a cluster's disc grows
    /// with the digits of its count).
    fn radius(self, font: f64) -> f64 {
        match self {
            MarkerKind::Incident => 5.0,
            MarkerKind::Location => 5.0,
            MarkerKind::Subject => 6.5,
            MarkerKind::Cluster { count, .. } => {
                let digits = count.to_string();
                let text = labels::text_width(&digits, points::count_font(font), 0.0);
                (text / 2.0 + 4.0).max(font * 0.6)
            }
        }
    }

    /// Whether the marker stands for one incident or more (its country is shaded).
    fn marks_incidents(self) -> bool {
        match self {
            MarkerKind::Incident | MarkerKind::Subject => true,
            MarkerKind::Location => false,
            MarkerKind::Cluster { incidents, .. } => incidents,
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
    /// Diameter of each point's hit area in SVG units: 24 CSS pixels at the narrowest width
    /// the map is shown at, so every point is a 24 px target (WCAG 2.2, 2.5.8). Markers
    /// closer than this are grouped by [`cluster`] before drawing.
    pub hit: f64,
    /// The map's accessible name (borrowed: the phone and wide maps of `/map/` share it).
    pub title: &'a str,
    /// Extra class on the `<svg>` (`map-full`, `map-locator`).
    pub class: &'static str,
}

impl Frame<'_> {
    /// A locator map's frame: the point with its country and neighbours around it. It is at
    /// least 290 px wide wherever it is shown, so a 26-unit hit area is 24 px or more.
    pub fn locator(title: &str) -> Frame<'_> {
        Frame {
            size: (300.0, 210.0),
            padding: 0.0,
            min_span: 11.0,
            font: 12.0,
            hit: 26.0,
            title,
            class: "map-locator",
        }
    }
}

/// Colours of the default map, as presentation attributes so a map reads well even under a
/// theme that has no map styles; CSS may override any of them (`map.css` does in dark mode).
mod colour {
    pub const SEA: &str = "#e4ecf1";
    pub const LAND: &str = "#f5f2eb";
    pub const LAND_HIGHLIGHT: &str = "#e6dfcf";
    pub const BORDER: &str = "#b9b2a5";
    pub const COUNTRY_LABEL: &str = "#645e55";
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

/// Draws the map of `markers` as an inline `<svg>` element. Markers are drawn where they are;
/// callers with many points group them with [`cluster`] first, so none hides another.
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
    let drawn = land::land(&mut svg, &projection, markers);
    finish(svg, &drawn, &projection, markers, frame)
}

/// The end of a map drawn over `drawn` land: the country names where the markers leave room,
/// the markers, and the closing tag. Shared by [`draw`] and the locator maps over the
/// shared outline, which draw the same names and markers over land they do not inline.
fn finish(
    mut svg: String,
    drawn: &[land::Drawn],
    projection: &Projection,
    markers: &[Marker],
    frame: &Frame,
) -> String {
    let layout = Layout::new(markers, projection, frame);
    land::names(
        &mut svg,
        drawn,
        projection,
        frame,
        layout.taken(markers, frame.font),
        &layout.named(markers),
    );
    layout.write(&mut svg, markers, frame);
    svg.push_str("</svg>");
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
            hit: 34.0,
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
            marker(
                33.31,
                44.36,
                MarkerKind::Cluster {
                    count: 12,
                    incidents: true,
                },
                "Baghdad",
            ),
            marker(36.19, 44.01, MarkerKind::Location, "Erbil"),
            marker(35.34, 40.14, MarkerKind::Incident, ""),
        ];
        let svg = draw(&markers, &frame());
        assert_eq!(svg, draw(&markers, &frame()));
        assert_eq!(svg.matches("<a class=\"map-point\"").count(), 3);
        assert!(
            svg.contains(r#"aria-label="Baghdad &lt;cluster&gt;""#),
            "{svg}"
        );
        assert!(svg.contains("<title>Erbil &lt;location&gt;</title>"));
        assert!(svg.contains(r#"href="../x/Erbil/""#));
        assert!(svg.contains(r#"aria-label="Map &amp; key""#));
        // Each point has a hit area of the frame's diameter, and a cluster shows its count.
        assert_eq!(svg.matches(r#"r="17" opacity="0""#).count(), 3, "{svg}");
        assert!(svg.contains(r#"font-size="10">12</text>"#), "{svg}");
        assert!(svg.contains(">Baghdad</text>") && svg.contains(">Erbil</text>"));
        // Iraq and Syria hold incidents and are shaded; neighbours are named.
        assert_eq!(svg.matches("map-country-focus").count(), 2);
        assert!(svg.contains(">IRAN<"), "{svg}");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn labels_keep_clear_of_other_points_hit_areas() {
        // Two places just over a hit diameter apart, side by side: each label goes where the
        // other's hit area is not.
        let markers = vec![
            marker(33.3, 44.0, MarkerKind::Location, "West"),
            marker(33.3, 44.7, MarkerKind::Location, "East"),
        ];
        let f = frame();
        let points: Vec<(f64, f64)> = markers.iter().map(|m| (m.lon, m.lat)).collect();
        let projection = Projection::fit(&points, f.size, f.padding, f.min_span);
        let layout = Layout::new(&markers, &projection, &f);
        for (i, label) in layout.labels.iter().enumerate() {
            let rect = label.expect("both labels fit").rect;
            let (x, y) = layout.at[1 - i];
            let hit = [x - 17.0, y - 17.0, x + 17.0, y + 17.0];
            assert!(!labels::overlaps(&rect, &hit), "{rect:?} over {hit:?}");
        }
    }

    #[test]
    fn points_past_the_view_are_pinned_inside_it() {
        let markers = vec![
            marker(89.99, -180.0, MarkerKind::Location, "North"),
            marker(-90.0, 0.0, MarkerKind::Incident, ""),
            marker(-16.5, 179.99, MarkerKind::Incident, ""),
        ];
        let svg = draw(&markers, &frame());
        for cap in svg.split("<circle class=\"map-dot\" cx=\"").skip(1) {
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
                hit: 26.0,
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
