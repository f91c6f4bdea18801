//! The land layer of a map: country outlines clipped to the view, the countries that hold an
//! incident shaded, and country names written where they fit among the points and labels.

use std::fmt::Write as _;

use super::labels::{self, Rect};
use super::outline::{VisiblePart, ring_path, visible_part};
use super::project::{Projection, clip_ring};
use super::world::{self, Country};
use super::{Frame, Marker, colour, num};
use crate::markup::xml::escape;

/// A country drawn in the view: its longitude shift (±360 where the view crosses the
/// antimeridian) and the middle and size of its largest part seen in the view (where its
/// name goes when its usual label point is out of view).
pub(super) struct Drawn {
    country: &'static Country,
    shift: f64,
    part: Option<VisiblePart>,
}

/// Writes the land group (`<g class="map-land">`) of the countries in view, shading those
/// that hold a marker standing for incidents; returns what was drawn, for [`names`].
pub(super) fn land(svg: &mut String, projection: &Projection, markers: &[Marker]) -> Vec<Drawn> {
    let (w, h) = projection.size;
    let highlighted = |c: &Country| {
        markers
            .iter()
            .any(|m| m.kind.marks_incidents() && world::contains(c, (m.lon, m.lat)))
    };
    let [vw, vs, ve, vn] = projection.bounds();
    let clip = [-8.0, -8.0, w + 8.0, h + 8.0];
    let mut drawn = Vec::new();
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
                if let Some(p) = visible_part(&clipped, projection.size) {
                    if part.is_none_or(|q| p.size.0 * p.size.1 > q.size.0 * q.size.1) {
                        part = Some(p);
                    }
                }
                ring_path(&mut d, &clipped);
            }
            if d.is_empty() {
                continue;
            }
            drawn.push(Drawn {
                country,
                shift,
                part,
            });
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
    drawn
}

/// Writes country names in small capitals, each centred on its label point (or near it, or in
/// the middle of its part in view) where it fits the view and overlaps nothing in `taken`;
/// a country already named by a point's label (`named`, lowercase) is not named twice.
pub(super) fn names(
    svg: &mut String,
    drawn: &[Drawn],
    projection: &Projection,
    frame: &Frame,
    mut taken: Vec<Rect>,
    named: &[String],
) {
    let (w, h) = frame.size;
    let font = (frame.font * 0.8).round().max(10.0);
    let mut out = String::new();
    for Drawn {
        country,
        shift,
        part,
    } in drawn
    {
        let name = country.name.to_uppercase();
        let text_w = labels::text_width(&name, font, 1.0) * 1.1;
        let (x, y) = projection.project((country.label.0 + shift, country.label.1));
        let span = country.size.0 * projection.scale * projection.shrink;
        if span < text_w * 0.8 || named.contains(&country.name.to_lowercase()) {
            continue;
        }
        let step = font * 1.6;
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
        let boxed = |(x, y): (f64, f64)| -> Rect {
            [
                x - text_w / 2.0,
                y - font * 0.6,
                x + text_w / 2.0,
                y + font * 0.6,
            ]
        };
        let fits = tries.into_iter().find(|&at| {
            let rect = boxed(at);
            rect[0] >= 2.0
                && rect[1] >= 2.0
                && rect[2] <= w - 2.0
                && rect[3] <= h - 2.0
                && !taken.iter().any(|t| labels::overlaps(t, &rect))
        });
        let Some((x, y)) = fits else {
            continue;
        };
        taken.push(boxed((x, y)));
        let _ = write!(
            out,
            r#"<text x="{}" y="{}">{}</text>"#,
            num(x),
            num(y + font * 0.35),
            escape(&name)
        );
    }
    if !out.is_empty() {
        let _ = write!(
            svg,
            r#"<g class="map-country-names" aria-hidden="true" fill="{}" font-size="{}" letter-spacing="1" text-anchor="middle">{out}</g>"#,
            colour::COUNTRY_LABEL,
            num(font)
        );
    }
}
