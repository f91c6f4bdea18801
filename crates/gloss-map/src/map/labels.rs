//! Greedy label placement: each label, in priority order, takes the first of eight positions
//! around its point that stays inside the view and overlaps neither another point's hit area
//! nor a label placed before it; a label with no such position is left out (its point keeps
//! its accessible name, and the list below the map names it). Simple, deterministic, and good
//! enough for the few dozen labels of a news map.

/// An axis-aligned box in SVG units: left, top, right, bottom.
pub type Rect = [f64; 4];

/// Do two boxes overlap (touching is fine)?
pub fn overlaps(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Where a label's text goes, relative to its anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// Text starts at x.
    Start,
    /// Text is centred on x.
    Middle,
    /// Text ends at x.
    End,
}

/// A placed label: the text's anchor point (baseline) and alignment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// Anchor x.
    pub x: f64,
    /// Baseline y.
    pub y: f64,
    /// Alignment at x.
    pub anchor: Anchor,
    /// The box the text covers.
    pub rect: Rect,
}

/// A label to place: the point it names, the clearance around that point (marker radius plus
/// a gap) and the text's estimated size.
#[derive(Clone, Copy, Debug)]
pub struct Request {
    /// The point, in SVG units.
    pub at: (f64, f64),
    /// Distance from the point to the nearest edge of the text.
    pub clearance: f64,
    /// Text width and height (font size).
    pub size: (f64, f64),
    /// The index of the label's own marker among the obstacles, which the label may touch
    /// (it is part of the same link); every other obstacle it must clear.
    pub own: Option<usize>,
}

/// Estimated width of `text` at `font_size`: an average glyph is a little over half an em
/// wide in the sans-serif and serif faces sites use; letter spacing is added per character.
pub fn text_width(text: &str, font_size: f64, letter_spacing: f64) -> f64 {
    let chars = text.chars().count() as f64;
    chars * (font_size * 0.56 + letter_spacing)
}

/// Places each request in order, avoiding `obstacles` (the markers' hit areas, but for the
/// request's own), the placed labels and the edges of a `view` of the given size; `None`
/// where nothing fits.
pub fn place(requests: &[Request], obstacles: &[Rect], view: (f64, f64)) -> Vec<Option<Placed>> {
    let mut taken: Vec<Rect> = Vec::new();
    let mut out = Vec::with_capacity(requests.len());
    for r in requests {
        let placed = candidates(r).into_iter().find(|c| {
            let b = c.rect;
            b[0] >= 2.0
                && b[1] >= 2.0
                && b[2] <= view.0 - 2.0
                && b[3] <= view.1 - 2.0
                && !obstacles
                    .iter()
                    .enumerate()
                    .any(|(i, o)| r.own != Some(i) && overlaps(o, &b))
                && !taken.iter().any(|t| overlaps(t, &b))
        });
        if let Some(p) = placed {
            taken.push(p.rect);
        }
        out.push(placed);
    }
    out
}

/// The eight positions around a point, in the order cartographers prefer: right, left, above,
/// below, then the diagonals.
fn candidates(r: &Request) -> [Placed; 8] {
    let (x, y) = r.at;
    let (w, h) = r.size;
    let c = r.clearance;
    // Baseline sits about 0.3 em below the text's vertical centre.
    let mid = y + h * 0.35;
    let diag = c * 0.7;
    let make = |ax: f64, by: f64, anchor: Anchor| {
        let left = match anchor {
            Anchor::Start => ax,
            Anchor::Middle => ax - w / 2.0,
            Anchor::End => ax - w,
        };
        let top = by - h * 0.85;
        Placed {
            x: ax,
            y: by,
            anchor,
            rect: [left - 1.0, top - 1.0, left + w + 1.0, top + h + 1.0],
        }
    };
    [
        make(x + c, mid, Anchor::Start),
        make(x - c, mid, Anchor::End),
        make(x, y - c - h * 0.15, Anchor::Middle),
        make(x, y + c + h * 0.85, Anchor::Middle),
        make(x + diag, y - diag - h * 0.15, Anchor::Start),
        make(x + diag, y + diag + h * 0.85, Anchor::Start),
        make(x - diag, y - diag - h * 0.15, Anchor::End),
        make(x - diag, y + diag + h * 0.85, Anchor::End),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(x: f64, y: f64) -> Request {
        Request {
            at: (x, y),
            clearance: 6.0,
            size: (40.0, 12.0),
            own: None,
        }
    }

    #[test]
    fn the_first_label_goes_right_of_its_point() {
        let placed = place(&[request(100.0, 100.0)], &[], (300.0, 200.0));
        let p = placed[0].expect("placed");
        assert_eq!((p.x, p.anchor), (106.0, Anchor::Start));
        assert!(
            p.rect[1] < 100.0 && p.rect[3] > 100.0,
            "beside the point: {:?}",
            p.rect
        );
    }

    #[test]
    fn neighbours_move_aside_and_never_overlap() {
        let requests: Vec<Request> = (0..6)
            .map(|i| request(100.0 + f64::from(i) * 6.0, 100.0 + f64::from(i) * 9.0))
            .collect();
        let placed = place(&requests, &[], (400.0, 300.0));
        let rects: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
        assert!(rects.len() >= 3, "most labels fit: {placed:?}");
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(!overlaps(a, b), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn labels_avoid_markers_and_the_edges() {
        // A marker right of the point, and the view edge close on the left.
        let marker = [34.0, 96.0, 80.0, 104.0];
        let placed = place(&[request(30.0, 100.0)], &[marker], (200.0, 200.0));
        let p = placed[0].expect("placed above or below");
        assert_eq!(p.anchor, Anchor::Middle);
        assert!(!overlaps(&p.rect, &marker));
        let none = place(
            &[request(5.0, 5.0)],
            &[[0.0, 0.0, 200.0, 200.0]],
            (200.0, 200.0),
        );
        assert_eq!(none, vec![None]);
    }

    #[test]
    fn a_label_may_touch_its_own_hit_area_but_no_other() {
        // The point's own hit area covers where its label goes; a neighbour's covers the left.
        let own = [80.0, 80.0, 140.0, 120.0];
        let other = [40.0, 80.0, 94.0, 120.0];
        let mut r = request(100.0, 100.0);
        assert_eq!(place(&[r], &[own], (300.0, 200.0))[0], None);
        r.own = Some(0);
        let p = place(&[r], &[own, other], (300.0, 200.0))[0].expect("placed");
        assert_eq!(
            p.anchor,
            Anchor::Start,
            "right of the point, over its own hit area"
        );
        assert!(!overlaps(&p.rect, &other));
    }

    #[test]
    fn width_grows_with_text_and_spacing() {
        assert!(text_width("Baghdad", 12.0, 0.0) < text_width("Baghdad airport", 12.0, 0.0));
        assert!(text_width("IRAQ", 10.0, 0.0) < text_width("IRAQ", 10.0, 1.0));
    }
}
