//! The point layer of a map: where each marker goes, where its label fits, and the markup of
//! each linked point with its hit area, visible symbol and label.

use std::fmt::Write as _;

use super::labels::{self, Anchor, Placed, Rect, Request};
use super::project::Projection;
use super::{Frame, Marker, MarkerKind, colour, num};
use crate::markup::xml::escape;

/// Where each marker is drawn: its projected position, pinned inside the view when it lies
/// past what the projection shows (within a few degrees of a pole), so no point is drawn where
/// no one can see or click it.
pub(super) fn positions(projection: &Projection, markers: &[Marker], font: f64) -> Vec<(f64, f64)> {
    let (w, h) = projection.size;
    markers
        .iter()
        .map(|m| {
            let (x, y) = projection.project((m.lon, m.lat));
            let r = m.kind.radius(font) + 2.0;
            (x.clamp(r, w - r), y.clamp(r, h - r))
        })
        .collect()
}

/// The radius of a marker's hit area: half the frame's hit diameter, and never less than the
/// visible symbol.
fn hit_radius(kind: MarkerKind, frame: &Frame) -> f64 {
    (frame.hit / 2.0).max(kind.radius(frame.font) + 2.0)
}

/// A square around `(x, y)` with half-side `r`.
fn square((x, y): (f64, f64), r: f64) -> Rect {
    [x - r, y - r, x + r, y + r]
}

/// Markers laid out in a view: positions and labels.
pub(super) struct Layout {
    /// Drawn position of each marker.
    pub(super) at: Vec<(f64, f64)>,
    /// Each marker's placed label, if it has one and it fits.
    pub(super) labels: Vec<Option<Placed>>,
}

impl Layout {
    /// Places the markers and their labels: each label, in marker order, beside its own point
    /// and clear of every other point's hit area (so a click on a label opens that label's
    /// point) and of the labels placed before it.
    pub(super) fn new(markers: &[Marker], projection: &Projection, frame: &Frame) -> Layout {
        let at = positions(projection, markers, frame.font);
        let obstacles: Vec<Rect> = markers
            .iter()
            .zip(&at)
            .map(|(m, &p)| square(p, hit_radius(m.kind, frame)))
            .collect();
        let labelled: Vec<usize> = (0..markers.len())
            .filter(|&i| !markers[i].label.is_empty())
            .collect();
        let requests: Vec<Request> = labelled
            .iter()
            .map(|&i| Request {
                at: at[i],
                clearance: markers[i].kind.radius(frame.font) + 3.0,
                size: (
                    labels::text_width(markers[i].label, frame.font, 0.0),
                    frame.font,
                ),
                own: Some(i),
            })
            .collect();
        let placed = labels::place(&requests, &obstacles, frame.size);
        let mut labels = vec![None; markers.len()];
        for (&i, p) in labelled.iter().zip(placed) {
            labels[i] = p;
        }
        Layout { at, labels }
    }

    /// What country names must not cover: every visible symbol and placed label.
    pub(super) fn taken(&self, markers: &[Marker], font: f64) -> Vec<Rect> {
        let mut taken: Vec<Rect> = markers
            .iter()
            .zip(&self.at)
            .map(|(m, &p)| square(p, m.kind.radius(font) + 1.5))
            .collect();
        taken.extend(self.labels.iter().flatten().map(|p| p.rect));
        taken
    }

    /// The labels written on the map, lowercase (a country named by a point is not named
    /// again).
    pub(super) fn named(&self, markers: &[Marker]) -> Vec<String> {
        markers
            .iter()
            .zip(&self.labels)
            .filter(|(_, p)| p.is_some())
            .map(|(m, _)| m.label.to_lowercase())
            .collect()
    }

    /// Writes the points group: each marker a link with its accessible name, an invisible
    /// hit area of at least the frame's hit diameter (outlined when the link has keyboard
    /// focus, by `map.css`), its label, then its symbol with a cluster's count: the visible
    /// text reads "label count", which the accessible name must contain in that order
    /// (WCAG 2.5.3, label in name).
    pub(super) fn write(&self, svg: &mut String, markers: &[Marker], frame: &Frame) {
        let _ = write!(
            svg,
            r#"<g class="map-points" font-size="{}" font-weight="600" stroke-linejoin="round">"#,
            num(frame.font)
        );
        for (i, m) in markers.iter().enumerate() {
            let name = escape(&m.name);
            let _ = write!(
                svg,
                r#"<a class="map-point" data-kind="{}" href="{}" aria-label="{name}"><title>{name}</title>"#,
                m.kind.as_str(),
                escape(&m.href)
            );
            let _ = write!(
                svg,
                r#"<circle class="map-hit" cx="{}" cy="{}" r="{}" opacity="0"/>"#,
                num(self.at[i].0),
                num(self.at[i].1),
                num(hit_radius(m.kind, frame))
            );
            if let Some(p) = self.labels[i] {
                let anchor = match p.anchor {
                    Anchor::Start => "",
                    Anchor::Middle => r#" text-anchor="middle""#,
                    Anchor::End => r#" text-anchor="end""#,
                };
                let _ = write!(
                    svg,
                    r##"<text class="map-label" x="{}" y="{}"{anchor} fill="{}" stroke="#fff" stroke-width="3" paint-order="stroke">{}</text> "##,
                    num(p.x),
                    num(p.y),
                    colour::TEXT,
                    escape(m.label)
                );
            }
            symbol(svg, m.kind, self.at[i], frame.font);
            svg.push_str("</a>");
        }
        svg.push_str("</g>");
    }
}

/// The visible symbol of a marker at `(cx, cy)`.
fn symbol(svg: &mut String, kind: MarkerKind, (x, y): (f64, f64), font: f64) {
    let (cx, cy, r) = (num(x), num(y), num(kind.radius(font)));
    let _ = match kind {
        MarkerKind::Incident => write!(
            svg,
            r##"<circle class="map-dot" cx="{cx}" cy="{cy}" r="{r}" fill="{}" stroke="#fff" stroke-width="1.5"/>"##,
            colour::INCIDENT
        ),
        MarkerKind::Location => write!(
            svg,
            r##"<circle class="map-dot" cx="{cx}" cy="{cy}" r="{r}" fill="#fff" stroke="{}" stroke-width="2"/>"##,
            colour::LOCATION
        ),
        MarkerKind::Subject => write!(
            svg,
            r##"<circle cx="{cx}" cy="{cy}" r="{}" fill="none" stroke="{i}" stroke-opacity="0.35" stroke-width="3"/><circle class="map-dot" cx="{cx}" cy="{cy}" r="{r}" fill="{i}" stroke="#fff" stroke-width="2"/>"##,
            num(kind.radius(font) + 5.0),
            i = colour::INCIDENT
        ),
        MarkerKind::Cluster { count, incidents } => {
            let fill = if incidents {
                colour::INCIDENT
            } else {
                colour::LOCATION
            };
            write!(
                svg,
                r##"<circle class="map-dot" cx="{cx}" cy="{cy}" r="{r}" fill="{fill}" stroke="#fff" stroke-width="1.5"/><text class="map-count" x="{cx}" y="{}" text-anchor="middle" fill="#fff" font-size="{}">{count}</text>"##,
                num(y + count_font(font) * 0.35),
                num(count_font(font))
            )
        }
    };
}

/// Font size of the count written inside a cluster's disc.
pub(super) fn count_font(font: f64) -> f64 {
    (font * 0.75).round()
}
