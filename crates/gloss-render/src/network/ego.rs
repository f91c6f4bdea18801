//! One actor's strongest ties drawn around it: the others on a circle in order of shared
//! briefs (strongest at the top right, going clockwise), an edge from the centre to each as
//! thick as the briefs they share, each a labelled link to the actor's page. Labels go
//! beside their node, away from the centre, or below (above) a node at the bottom (top), so
//! with at most fifteen nodes no two labels meet (the tests check every count).

use std::f64::consts::PI;
use std::fmt::Write as _;

use super::svg::{self, LINE, Node, colour, label_width, short};
use crate::map::labels::{Anchor, Rect};
use crate::map::num;
use crate::markup::xml::escape;

/// Radius of the circle the other actors sit on.
const RADIUS: f64 = 130.0;
/// Label font size.
const FONT: f64 = 13.0;
/// The centre's label font size.
const CENTRE_FONT: f64 = 15.0;
/// Between a node and its label.
const GAP: f64 = 5.0;
/// Around the drawing.
const MARGIN: f64 = 6.0;
/// Nodes this close to the vertical axis (as a fraction of the radius) take their label
/// below or above instead of beside.
const AXIS: f64 = 0.15;

/// Where one node and its label go.
#[derive(Clone, Debug, PartialEq)]
pub struct Spot {
    /// The node's centre.
    pub at: (f64, f64),
    /// The node's radius.
    pub radius: f64,
    /// The label's anchor point, on its baseline.
    pub label_at: (f64, f64),
    /// How the label hangs from its anchor.
    pub anchor: Anchor,
    /// The label (the name, shortened).
    pub label: String,
}

impl Spot {
    /// The box the label covers.
    pub fn label_box(&self) -> Rect {
        text_box(self.label_at, self.anchor, &self.label, FONT)
    }
}

/// The whole drawing's geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// View width and height.
    pub size: (f64, f64),
    /// The actor the drawing is about.
    pub centre: Spot,
    /// The others, in the order given.
    pub spots: Vec<Spot>,
}

/// The box of a one-line label anchored at `at` (its baseline).
fn text_box((x, y): (f64, f64), anchor: Anchor, label: &str, font: f64) -> Rect {
    let w = label_width(label, font);
    let left = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - w / 2.0,
        Anchor::End => x - w,
    };
    let top = y - font * 0.35 - font * LINE / 2.0;
    [left, top, left + w, top + font * LINE]
}

/// A node's radius by its weight against the heaviest.
fn node_radius(weight: u32, heaviest: u32) -> f64 {
    4.0 + 5.0 * (f64::from(weight) / f64::from(heaviest.max(1))).sqrt()
}

/// The spot of node `i` of `n`, around the origin.
fn spot(i: usize, n: usize, node: &Node, heaviest: u32) -> Spot {
    let start = if n == 1 { PI / 2.0 } else { PI / n as f64 };
    let angle = start + 2.0 * PI * i as f64 / n as f64;
    let (x, y) = (RADIUS * angle.sin(), -RADIUS * angle.cos());
    let radius = node_radius(node.weight, heaviest);
    let reach = radius + GAP;
    let middle = FONT * 0.35;
    let (label_at, anchor) = if x.abs() < AXIS * RADIUS && y > 0.0 {
        ((x, y + reach + FONT), Anchor::Middle)
    } else if x.abs() < AXIS * RADIUS {
        ((x, y - reach - FONT * 0.4), Anchor::Middle)
    } else if x > 0.0 {
        ((x + reach, y + middle), Anchor::Start)
    } else {
        ((x - reach, y + middle), Anchor::End)
    };
    Spot {
        at: (x, y),
        radius,
        label_at,
        anchor,
        label: short(node.name).into_owned(),
    }
}

/// Places `centre` and `nodes` (at most fifteen read well) and sizes the view to fit.
pub fn layout(centre: &str, nodes: &[Node]) -> Layout {
    let heaviest = nodes.iter().map(|n| n.weight).max().unwrap_or(1);
    let mut spots: Vec<Spot> = (nodes.iter().enumerate())
        .map(|(i, node)| spot(i, nodes.len(), node, heaviest))
        .collect();
    let mut middle = Spot {
        at: (0.0, 0.0),
        radius: 9.0,
        label_at: (0.0, 9.0 + GAP + CENTRE_FONT),
        anchor: Anchor::Middle,
        label: short(centre).into_owned(),
    };
    let centre_box = text_box(middle.label_at, Anchor::Middle, &middle.label, CENTRE_FONT);
    let mut bounds = centre_box;
    for s in &spots {
        let b = s.label_box();
        let (x, y) = s.at;
        let r = s.radius;
        bounds[0] = bounds[0].min(b[0]).min(x - r);
        bounds[1] = bounds[1].min(b[1]).min(y - r);
        bounds[2] = bounds[2].max(b[2]).max(x + r);
        bounds[3] = bounds[3].max(b[3]).max(y + r);
    }
    // Keep the centre in the middle across, so the drawing is balanced.
    let half = bounds[2].max(-bounds[0]) + MARGIN;
    let (dx, dy) = (half, MARGIN - bounds[1]);
    let shift = |(x, y): (f64, f64)| (x + dx, y + dy);
    for s in spots.iter_mut().chain(std::iter::once(&mut middle)) {
        s.at = shift(s.at);
        s.label_at = shift(s.label_at);
    }
    Layout {
        size: (2.0 * half, bounds[3] - bounds[1] + 2.0 * MARGIN),
        centre: middle,
        spots,
    }
}

fn anchor_name(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::Start => "start",
        Anchor::Middle => "middle",
        Anchor::End => "end",
    }
}

/// A label's `<text>`, with `extra` attributes (its colour and size are the drawing's; a
/// label hanging from its start, SVG's default, says no anchor).
fn label(out: &mut String, spot: &Spot, extra: &str) {
    let _ = write!(
        out,
        r#"<text x="{}" y="{}""#,
        svg::int(spot.label_at.0),
        svg::int(spot.label_at.1)
    );
    if spot.anchor != Anchor::Start {
        let _ = write!(out, r#" text-anchor="{}""#, anchor_name(spot.anchor));
    }
    let _ = write!(out, "{extra}>{}</text>", escape(&spot.label));
}

/// The edges from the centre `(cx, cy)`, one `<path>` per stroke width (in order of first
/// use) rather than one per edge: most nodes share their width with others.
fn edges(out: &mut String, (cx, cy): (f64, f64), spots: &[Spot], nodes: &[Node]) {
    let heaviest = nodes.iter().map(|n| n.weight).max().unwrap_or(1).max(1);
    let mut widths: Vec<(String, String)> = Vec::new();
    for (spot, node) in spots.iter().zip(nodes) {
        let width = num(1.0 + 4.0 * f64::from(node.weight) / f64::from(heaviest));
        let at = match widths.iter().position(|(w, _)| *w == width) {
            Some(at) => at,
            None => {
                widths.push((width, String::new()));
                widths.len() - 1
            }
        };
        let d = &mut widths[at].1;
        let _ = write!(
            d,
            "M{} {}L{} {}",
            svg::int(cx),
            svg::int(cy),
            svg::int(spot.at.0),
            svg::int(spot.at.1)
        );
    }
    for (width, d) in widths {
        let _ = write!(out, r#"<path d="{d}" stroke-width="{width}"/>"#);
    }
}

/// The drawing of `centre`'s ties to `nodes` (strongest first) as an inline `<svg>` named
/// `title`.
pub fn draw(centre: &str, nodes: &[Node], title: &str) -> String {
    let layout = layout(centre, nodes);
    let mut out = String::new();
    svg::open(
        &mut out,
        "network-ego",
        [0.0, 0.0, layout.size.0, layout.size.1],
        FONT,
        title,
    );
    let _ = write!(
        out,
        r#"<g class="network-edges" aria-hidden="true" stroke="{}" stroke-linecap="round">"#,
        colour::EDGE
    );
    edges(&mut out, layout.centre.at, &layout.spots, nodes);
    out.push_str(r#"</g><g class="network-centre" aria-hidden="true">"#);
    svg::circle(
        &mut out,
        layout.centre.at,
        layout.centre.radius,
        Some(colour::CENTRE),
    );
    label(
        &mut out,
        &layout.centre,
        &format!(
            r#" class="network-centre-label" font-size="{}" font-weight="bold""#,
            num(CENTRE_FONT)
        ),
    );
    // The nodes take their colour from their group (labels are coloured by network.css).
    let _ = write!(
        out,
        r#"</g><g class="network-nodes" fill="{}">"#,
        colour::NODE
    );
    for (spot, node) in layout.spots.iter().zip(nodes) {
        svg::open_link(&mut out, node);
        svg::circle(&mut out, spot.at, spot.radius, None);
        label(&mut out, spot, "");
        out.push_str("</a>");
    }
    out.push_str("</g></svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::labels::overlaps;

    fn nodes(n: usize, name: &str) -> Vec<Node<'_>> {
        (0..n)
            .map(|i| Node {
                name,
                href: format!("../a{i}/"),
                weight: (n - i) as u32,
                title: format!("{name}: {} shared briefs", n - i),
            })
            .collect()
    }

    fn circle_box(s: &Spot) -> Rect {
        let (x, y) = s.at;
        [x - s.radius, y - s.radius, x + s.radius, y + s.radius]
    }

    #[test]
    fn no_label_meets_another_or_a_node_for_any_count() {
        let name = "Popular Mobilization Forces and more";
        for n in 1..=15 {
            let layout = layout("Islamic Revolutionary Guard Corps", &nodes(n, name));
            let mut boxes: Vec<Rect> = layout.spots.iter().map(Spot::label_box).collect();
            let centre = &layout.centre;
            boxes.push(text_box(
                centre.label_at,
                Anchor::Middle,
                &centre.label,
                CENTRE_FONT,
            ));
            let circles: Vec<Rect> = layout.spots.iter().map(circle_box).collect();
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    assert!(!overlaps(a, b), "{n} nodes: {a:?} meets {b:?}");
                }
                for (j, c) in circles.iter().enumerate() {
                    assert!(
                        i == j || !overlaps(a, c),
                        "{n} nodes: label {i} on node {j}"
                    );
                }
                let (w, h) = layout.size;
                assert!(
                    a[0] >= 0.0 && a[1] >= 0.0 && a[2] <= w && a[3] <= h,
                    "{n}: {a:?}"
                );
            }
        }
    }

    #[test]
    fn the_same_nodes_draw_the_same_bytes() {
        let a = draw("Centre", &nodes(15, "Name"), "Ties");
        let b = draw("Centre", &nodes(15, "Name"), "Ties");
        assert_eq!(a, b);
        assert_eq!(a.matches("<a ").count(), 15);
        // One edge per node, in one path per stroke width (here all differ).
        assert_eq!(a.matches('M').count(), 15);
        assert_eq!(a.matches("<path ").count(), 15);
        let mut even = nodes(4, "Name");
        even.iter_mut().for_each(|n| n.weight = 2);
        let b = draw("Centre", &even, "Ties");
        assert_eq!(
            (b.matches('M').count(), b.matches("<path ").count()),
            (4, 1)
        );
    }

    #[test]
    fn names_are_escaped() {
        let svg = draw("<C&>", &nodes(2, "<script>alert(1)</script>"), "\"t\"");
        assert!(!svg.contains("<script>") && !svg.contains("<C&>"));
        assert!(svg.contains("&lt;C&amp;&gt;") && svg.contains("aria-label=\"&quot;t&quot;\""));
    }

    #[test]
    fn the_strongest_tie_has_the_thickest_edge() {
        let svg = draw("C", &nodes(3, "N"), "t");
        let widths: Vec<&str> = svg
            .split("stroke-width=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap_or_default())
            .collect();
        assert_eq!(widths, ["5", "3.7", "2.3"]);
    }
}
