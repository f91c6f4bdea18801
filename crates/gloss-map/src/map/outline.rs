//! Country outlines in the view: rings as SVG path data, and where a partly visible
//! country's name can go.

use std::fmt::Write as _;

use super::num;

/// The part of a projected ring inside the view: the middle of its visible bounding box and
/// that box's size.
#[derive(Clone, Copy, Debug)]
pub(super) struct VisiblePart {
    pub(super) centre: (f64, f64),
    pub(super) size: (f64, f64),
}

/// Where the name of a partly visible country can go: the middle of the ring's box within the
/// view, if that middle is inside the ring (not in a bay or a neighbour).
pub(super) fn visible_part(ring: &[(f64, f64)], (w, h): (f64, f64)) -> Option<VisiblePart> {
    if ring.len() < 3 {
        return None;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in ring {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let (x0, y0, x1, y1) = (x0.max(0.0), y0.max(0.0), x1.min(w), y1.min(h));
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    let centre = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let mut inside = false;
    let mut j = ring.len() - 1;
    for i in 0..ring.len() {
        let ((xi, yi), (xj, yj)) = (ring[i], ring[j]);
        if (yi > centre.1) != (yj > centre.1)
            && centre.0 < (xj - xi) * (centre.1 - yi) / (yj - yi) + xi
        {
            inside = !inside;
        }
        j = i;
    }
    inside.then_some(VisiblePart {
        centre,
        size: (x1 - x0, y1 - y0),
    })
}

/// A ring as an SVG path segment (`M…Z`), points closer than half a unit to the last one
/// dropped.
pub(super) fn ring_path(out: &mut String, points: &[(f64, f64)]) {
    let mut last: Option<(f64, f64)> = None;
    let mut count = 0;
    let mut segment = String::new();
    for &(x, y) in points {
        if last.is_some_and(|(lx, ly)| (x - lx).abs() < 0.5 && (y - ly).abs() < 0.5) {
            continue;
        }
        segment.push(if count == 0 {
            'M'
        } else if count == 1 {
            'L'
        } else {
            ' '
        });
        let _ = write!(segment, "{},{}", num(x), num(y));
        last = Some((x, y));
        count += 1;
    }
    if count >= 3 {
        out.push_str(&segment);
        out.push('Z');
    }
}
