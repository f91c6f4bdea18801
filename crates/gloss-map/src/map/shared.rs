//! The locator maps' shared outline: the land of every located place's region drawn once, in
//! one projection, as a file of its own; each locator map shows it as an `<image>` shifted so
//! its place sits in the middle, with the point, its label and the country names drawn on
//! top. Drawing the land on every location and incident page cost about 4 KB a page (issue
//! 26); a file fetched once is cached for every other page.

use std::fmt::Write as _;

use super::project::Projection;
use super::{Frame, Marker, colour, land, num};
use crate::markup::xml::escape;

/// The projection every locator map shares: one scale (a locator's, from its frame) and one
/// horizontal shrink (the cosine of the middle latitude of the located places), so a page's
/// view is the outline moved, never scaled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outline {
    projection: Projection,
}

/// Dark-mode colours of the outline (the file is an image: the page's `map.css` cannot
/// reach into it).
const DARK: &str = "@media (prefers-color-scheme:dark){g{fill:#2b2d31;stroke:#62656b}}";

impl Outline {
    /// The outline around `points` (longitude, latitude) for locator maps of `frame`: each
    /// point with half a frame of land around it, or `None` when no point is located.
    pub fn fit(points: &[(f64, f64)], frame: &Frame) -> Option<Outline> {
        let first = points.first()?;
        let (mut w, mut s, mut e, mut n) = (first.0, first.1, first.0, first.1);
        for &(lon, lat) in points {
            (w, s, e, n) = (w.min(lon), s.min(lat), e.max(lon), n.max(lat));
        }
        let centre = ((w + e) / 2.0, ((s + n) / 2.0).clamp(-70.0, 70.0));
        let shrink = centre.1.to_radians().cos().max(0.2);
        let scale = frame.size.1 / frame.min_span;
        // Room for the frame's half on every side, and a unit so rounding never shows sea.
        let size = (
            ((e - w) * scale * shrink + frame.size.0 + 2.0).ceil(),
            ((n - s) * scale + frame.size.1 + 2.0).ceil(),
        );
        Some(Outline {
            projection: Projection {
                center: centre,
                scale,
                shrink,
                size,
            },
        })
    }

    /// The shared file: the land in the outline's projection, with its own dark colours.
    pub fn svg(&self) -> String {
        let (w, h) = self.projection.size;
        let mut svg = String::new();
        let _ = write!(
            svg,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}"><style>{DARK}</style>"#,
            num(w),
            num(h),
            num(w),
            num(h)
        );
        land::land(&mut svg, &self.projection, &[]);
        svg.push_str("</svg>\n");
        svg
    }

    /// The view of a locator map of `frame` centred on `(lon, lat)`: the outline's scale
    /// and shrink, moved.
    fn view_at(&self, (lon, lat): (f64, f64), frame: &Frame) -> Projection {
        Projection {
            center: (lon, lat),
            size: frame.size,
            ..self.projection
        }
    }

    /// A locator map of `frame` around `markers[0]`, showing the outline file at `href`
    /// (relative to the page) under the markers and country names; "" with no marker.
    pub fn locator(&self, markers: &[Marker], frame: &Frame, href: &str) -> String {
        let Some(first) = markers.first() else {
            return String::new();
        };
        let view = self.view_at((first.lon, first.lat), frame);
        let (w, h) = frame.size;
        let (x, y) = self.projection.project((first.lon, first.lat));
        let mut svg = String::new();
        let _ = write!(
            svg,
            r#"<svg class="map {}" viewBox="0 0 {} {}" width="100%" role="group" aria-label="{}" xmlns="http://www.w3.org/2000/svg"><rect class="map-sea" width="{}" height="{}" fill="{}"/>"#,
            frame.class,
            num(w),
            num(h),
            escape(frame.title),
            num(w),
            num(h),
            colour::SEA
        );
        let (ow, oh) = self.projection.size;
        let _ = write!(
            svg,
            r#"<image class="map-land" href="{}" x="{}" y="{}" width="{}" height="{}" aria-hidden="true"/>"#,
            escape(href),
            num(w / 2.0 - x),
            num(h / 2.0 - y),
            num(ow),
            num(oh)
        );
        // The land is in the file; what is drawn here tells where the names can go.
        let drawn = land::land(&mut String::new(), &view, markers);
        super::finish(svg, &drawn, &view, markers, frame)
    }
}

#[cfg(test)]
mod tests {
    use super::super::MarkerKind;
    use super::*;

    fn frame() -> Frame<'static> {
        Frame::locator("Locator & map")
    }

    fn marker(lat: f64, lon: f64) -> Marker<'static> {
        Marker {
            lat,
            lon,
            kind: MarkerKind::Subject,
            name: "Ain al-Asad".into(),
            label: "Ain al-Asad",
            href: "../../map/".into(),
        }
    }

    #[test]
    fn no_located_place_no_outline() {
        assert_eq!(Outline::fit(&[], &frame()), None);
    }

    #[test]
    fn a_locator_shows_the_shared_land_moved_to_its_point() {
        let outline = Outline::fit(&[(42.44, 33.8), (44.36, 33.31)], &frame()).expect("fits");
        let file = outline.svg();
        assert!(file.contains("<path") && file.contains("prefers-color-scheme:dark"));
        let page = outline.locator(&[marker(33.8, 42.44)], &frame(), "../../map/outline.svg");
        // The land is referenced, not drawn; the point and its label are drawn on top.
        assert!(!page.contains("<path"), "{page}");
        assert_eq!(page.matches("<image").count(), 1);
        assert!(page.contains(r#"href="../../map/outline.svg""#));
        assert!(page.contains(">Ain al-Asad</text>"));
        assert!(page.contains(r#"aria-label="Locator &amp; map""#));
        // The place sits in the middle of the view: the image is moved by where the
        // outline draws it.
        let (x, y) = outline.projection.project((42.44, 33.8));
        assert!(page.contains(&format!(r#"x="{}" y="{}""#, num(150.0 - x), num(105.0 - y))));
        assert!(page.len() < 1_500, "{} bytes", page.len());
    }

    #[test]
    fn every_place_has_half_a_view_of_land_around_it() {
        let points = [(40.0, 30.0), (48.0, 37.0)];
        let outline = Outline::fit(&points, &frame()).expect("fits");
        let (w, h) = outline.projection.size;
        for p in points {
            let (x, y) = outline.projection.project(p);
            assert!(x >= 150.0 && x <= w - 150.0 && y >= 105.0 && y <= h - 105.0);
        }
    }
}
