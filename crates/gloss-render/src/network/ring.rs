//! The site's most-connected actors on one circle, most connected at the top and going
//! clockwise, each label pointing out from the centre along its radius, and their ties as
//! curves bowed towards the centre. The circle grows with the number of actors so that
//! neighbouring labels stay a line apart, whatever their length.

use std::f64::consts::PI;
use std::fmt::Write as _;

use super::Link;
use super::svg::{self, LINE, Node, colour, label_width, short};
use crate::map::num;
use crate::markup::xml::escape;

/// Label font size.
const FONT: f64 = 11.0;
/// Between a node and its label.
const GAP: f64 = 4.0;
/// Around the drawing.
const MARGIN: f64 = 6.0;
/// The largest node's radius.
const MAX_RADIUS: f64 = 6.0;
/// The least radius of the circle.
const MIN_CIRCLE: f64 = 120.0;

/// Where one node and its label go.
#[derive(Clone, Debug, PartialEq)]
pub struct RingSpot {
    /// The node's centre.
    pub at: (f64, f64),
    /// The node's radius.
    pub radius: f64,
    /// Where the label starts (next to the node), on its baseline's middle line.
    pub label_at: (f64, f64),
    /// The label's rotation in degrees (clockwise from reading left to right).
    pub rotate: f64,
    /// The label reads towards the centre (left half), so it ends at `label_at`.
    pub flipped: bool,
    /// The label (the name, shortened).
    pub label: String,
}

/// The whole drawing's geometry, around the circle's centre at (0, 0).
#[derive(Clone, Debug, PartialEq)]
pub struct RingLayout {
    /// What the view shows: left, top, width, height (every node and label, and a margin).
    pub view: [f64; 4],
    /// The circle's radius.
    pub circle: f64,
    /// The nodes, in the order given.
    pub spots: Vec<RingSpot>,
}

/// The spot of node `i` of `n` on a circle of radius `circle`.
fn spot(i: usize, n: usize, circle: f64, radius: f64, label: String) -> RingSpot {
    let angle = 2.0 * PI * i as f64 / n as f64;
    let (sin, cos) = angle.sin_cos();
    let reach = circle + MAX_RADIUS + GAP;
    let flipped = sin < -1e-9;
    let degrees = angle.to_degrees() - 90.0;
    RingSpot {
        at: (circle * sin, -circle * cos),
        radius,
        label_at: (reach * sin, -reach * cos),
        rotate: if flipped { degrees - 180.0 } else { degrees },
        flipped,
        label,
    }
}

/// Places `nodes` clockwise from the top.
pub fn layout(nodes: &[Node]) -> RingLayout {
    let n = nodes.len().max(1);
    let circle = (n as f64 * FONT * LINE * 1.15 / (2.0 * PI)).max(MIN_CIRCLE);
    let heaviest = nodes.iter().map(|n| n.weight).max().unwrap_or(1).max(1);
    let spots: Vec<RingSpot> = (nodes.iter().enumerate())
        .map(|(i, node)| {
            let share = f64::from(node.weight) / f64::from(heaviest);
            let radius = 2.5 + (MAX_RADIUS - 2.5) * share.sqrt();
            spot(i, n, circle, radius, short(node.name).into_owned())
        })
        .collect();
    // The view: the circle, and each label's far end (it points away from the centre).
    let edge = circle + MAX_RADIUS;
    let mut bounds = [-edge, -edge, edge, edge];
    for s in &spots {
        let (x, y) = s.label_at;
        let reach = x.hypot(y);
        let far = (reach + label_width(&s.label, FONT)) / reach.max(1.0);
        for (px, py) in [(x * far, y * far), (x, y)] {
            bounds[0] = bounds[0].min(px - FONT);
            bounds[1] = bounds[1].min(py - FONT);
            bounds[2] = bounds[2].max(px + FONT);
            bounds[3] = bounds[3].max(py + FONT);
        }
    }
    RingLayout {
        view: [
            bounds[0] - MARGIN,
            bounds[1] - MARGIN,
            bounds[2] - bounds[0] + 2.0 * MARGIN,
            bounds[3] - bounds[1] + 2.0 * MARGIN,
        ],
        circle,
        spots,
    }
}

/// The drawing of `nodes` (most connected first) and the `links` among them as an inline
/// `<svg>` named `title`.
pub fn draw(nodes: &[Node], links: &[Link], title: &str) -> String {
    let layout = layout(nodes);
    let strongest = links.iter().map(|l| l.briefs).max().unwrap_or(1).max(1);
    let mut out = String::new();
    svg::open(&mut out, "network-ring", layout.view, FONT, title);
    let _ = write!(
        out,
        r#"<g class="network-edges" aria-hidden="true" fill="none" stroke="{}" stroke-opacity="0.5">"#,
        colour::EDGE
    );
    // Weakest first, so the strongest are drawn on top.
    for link in links.iter().rev() {
        let (Some(a), Some(b)) = (layout.spots.get(link.from), layout.spots.get(link.to)) else {
            continue;
        };
        // The control point: halfway from the centre to the chord's middle.
        let control = ((a.at.0 + b.at.0) / 4.0, (a.at.1 + b.at.1) / 4.0);
        let width = 0.6 + 2.4 * f64::from(link.briefs) / f64::from(strongest);
        let _ = write!(
            out,
            r#"<path d="M{} {}Q{} {} {} {}" stroke-width="{}"/>"#,
            num(a.at.0),
            num(a.at.1),
            num(control.0),
            num(control.1),
            num(b.at.0),
            num(b.at.1),
            num(width)
        );
    }
    out.push_str("</g>");
    for (spot, node) in layout.spots.iter().zip(nodes) {
        svg::open_link(&mut out, node);
        svg::circle(&mut out, spot.at, spot.radius, Some(colour::NODE));
        let (x, y) = (num(spot.label_at.0), num(spot.label_at.1));
        let _ = write!(
            out,
            r#"<text x="{x}" y="{y}" dy="0.35em" text-anchor="{}" transform="rotate({} {x} {y})">{}</text></a>"#,
            if spot.flipped { "end" } else { "start" },
            num(spot.rotate),
            escape(&spot.label)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(n: usize) -> Vec<Node<'static>> {
        (0..n)
            .map(|i| Node {
                name: "Popular Mobilization Forces of Iraq",
                href: format!("../a{i}/"),
                weight: (n - i) as u32,
                title: format!("actor {i}"),
            })
            .collect()
    }

    #[test]
    fn neighbouring_labels_stay_a_line_apart() {
        for n in [2, 10, 50, 100] {
            let layout = layout(&nodes(n));
            let spots = &layout.spots;
            for (i, a) in spots.iter().enumerate() {
                let b = &spots[(i + 1) % n];
                let d = (a.label_at.0 - b.label_at.0).hypot(a.label_at.1 - b.label_at.1);
                assert!(d >= FONT * LINE, "{n} nodes: labels {i} and next {d} apart");
            }
            let [left, top, w, h] = layout.view;
            for s in spots {
                let (x, y) = s.label_at;
                let far = (x.hypot(y) + label_width(&s.label, FONT)) / x.hypot(y);
                for (px, py) in [(x, y), (x * far, y * far)] {
                    let inside = px > left && px < left + w && py > top && py < top + h;
                    assert!(inside, "{n} nodes: a label leaves the view");
                }
            }
        }
    }

    #[test]
    fn labels_on_the_left_read_left_to_right() {
        let layout = layout(&nodes(4));
        let flipped: Vec<bool> = layout.spots.iter().map(|s| s.flipped).collect();
        assert_eq!(flipped, [false, false, false, true]);
        assert!(layout.spots.iter().all(|s| s.rotate.abs() <= 90.0));
    }

    #[test]
    fn the_same_web_draws_the_same_bytes() {
        let links = [Link {
            from: 0,
            to: 2,
            briefs: 3,
        }];
        let a = draw(&nodes(5), &links, "Network");
        assert_eq!(a, draw(&nodes(5), &links, "Network"));
        assert_eq!(a.matches("<a ").count(), 5);
        assert_eq!(a.matches("<path ").count(), 1);
    }
}
