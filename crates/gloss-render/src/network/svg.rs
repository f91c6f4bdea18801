//! What both drawings share: the node to draw, label shortening, sizes and the SVG pieces.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::map::labels::text_width;
use crate::map::num;
use crate::markup::xml::escape;

/// One actor to draw: a link to its page, labelled with its name.
#[derive(Clone, Debug)]
pub struct Node<'a> {
    /// The actor's name (the label, shortened if long).
    pub name: &'a str,
    /// The link, relative to the page the drawing is on.
    pub href: String,
    /// What sizes the node or its edge: shared briefs, or ties on `/network/`.
    pub weight: u32,
    /// The link's accessible name and tooltip ("Kata'ib Hezbollah: 4 shared briefs").
    pub title: String,
}

/// Labels longer than this many characters are cut (the whole name is in the tooltip).
pub const LABEL_CHARS: usize = 26;

/// Height of a label's box as a multiple of its font size.
pub const LINE: f64 = 1.25;

/// Colours as presentation attributes, so a drawing reads well under a theme without the
/// network styles; `network.css` overrides them with the theme's light and dark colours.
pub mod colour {
    /// Edges.
    pub const EDGE: &str = "#8b8f96";
    /// Actor nodes.
    pub const NODE: &str = "#a4501b";
    /// The actor the drawing is about.
    pub const CENTRE: &str = "#1b1b1b";
    /// Labels.
    pub const TEXT: &str = "#1b1b1b";
}

/// `name` cut to [`LABEL_CHARS`] characters, at a space when one is near, with an ellipsis.
pub fn short(name: &str) -> Cow<'_, str> {
    if name.chars().count() <= LABEL_CHARS {
        return Cow::Borrowed(name);
    }
    let cut: String = name.chars().take(LABEL_CHARS - 1).collect();
    let kept = match cut.rfind(' ') {
        Some(at) if at > cut.len() / 2 => &cut[..at],
        _ => &cut,
    };
    Cow::Owned(format!("{}…", kept.trim_end()))
}

/// The width of a label at `font` size.
pub fn label_width(label: &str, font: f64) -> f64 {
    text_width(label, font, 0.0)
}

/// Opens the `<svg>` showing `view` (left, top, width, height): a group of links named
/// `title`, scaled to its container's width. Its text colour and `font` size are set here
/// once, for every label to inherit.
pub fn open(out: &mut String, class: &str, view: [f64; 4], font: f64, title: &str) {
    let _ = write!(
        out,
        r#"<svg class="network {class}" viewBox="{} {} {} {}" width="100%" font-size="{}" fill="{}" role="group" aria-label="{}" xmlns="http://www.w3.org/2000/svg">"#,
        num(view[0]),
        num(view[1]),
        num(view[2]),
        num(view[3]),
        num(font),
        colour::TEXT,
        escape(title)
    );
}

/// A coordinate in whole units: a drawing is about 500 units wide, so half a unit is less
/// than a pixel, and a decimal on every number was a tenth of an actor page's drawing.
pub fn int(v: f64) -> String {
    // Whole numbers well inside i64; `as` saturates rather than fails on anything else.
    format!("{}", v.round() as i64)
}

/// Opens a node's link, with its accessible name and tooltip: its `<title>`, which names an
/// SVG link (SVG-AAM) as an `aria-label` would, said once. Styled as `.network a`, so the
/// link carries no class.
pub fn open_link(out: &mut String, node: &Node) {
    let _ = write!(
        out,
        r#"<a href="{}"><title>{}</title>"#,
        escape(&node.href),
        escape(&node.title)
    );
}

/// A circle, filled with `fill` or, when `None`, with its group's fill.
pub fn circle(out: &mut String, (x, y): (f64, f64), r: f64, fill: Option<&str>) {
    let _ = write!(
        out,
        r#"<circle cx="{}" cy="{}" r="{}""#,
        int(x),
        int(y),
        num(r)
    );
    match fill {
        Some(fill) => {
            let _ = write!(out, r#" fill="{fill}"/>"#);
        }
        None => out.push_str("/>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_at_a_space() {
        assert_eq!(short("Kata'ib Hezbollah"), "Kata'ib Hezbollah");
        let cut = short("Islamic Revolutionary Guard Corps Quds Force");
        assert_eq!(cut, "Islamic Revolutionary…");
        assert!(cut.chars().count() <= LABEL_CHARS);
        let long = "حشد".repeat(20);
        let cut = short(&long);
        assert_eq!(cut.chars().count(), LABEL_CHARS);
    }

    #[test]
    fn coordinates_are_whole_and_never_minus_zero() {
        assert_eq!(int(12.4), "12");
        assert_eq!(int(12.5), "13");
        assert_eq!(int(-0.4), "0");
        let mut out = String::new();
        circle(&mut out, (1.6, 2.2), 8.1, None);
        assert_eq!(out, r#"<circle cx="2" cy="2" r="8.1"/>"#);
    }

    #[test]
    fn text_is_escaped() {
        let mut out = String::new();
        open(
            &mut out,
            "x",
            [0.0, 0.0, 10.0, 10.0],
            12.0,
            "<b>\"A&B\"</b>",
        );
        open_link(
            &mut out,
            &Node {
                name: "n",
                href: "a\"><script>".into(),
                weight: 1,
                title: "<i>'x'</i>".into(),
            },
        );
        assert!(!out.contains("<b>") && !out.contains("<script>") && !out.contains("<i>"));
        assert!(
            out.contains("&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"),
            "{out}"
        );
    }
}
