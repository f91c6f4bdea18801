//! The map projection and clipping. Maps are equirectangular with the horizontal scale set by
//! the cosine of the view's central latitude: at the regional scale a news map works at, this
//! keeps shapes true near the centre (a plate carrée would stretch Iraq sideways) with no
//! trigonometry per point, and straight graticules make the clipping exact.

/// A fitted view: longitude/latitude to SVG user units, origin at the top left.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    /// Central longitude and latitude of the view.
    pub center: (f64, f64),
    /// SVG units per degree of latitude.
    pub scale: f64,
    /// cos(central latitude): the horizontal shrink factor.
    pub shrink: f64,
    /// View width and height in SVG units.
    pub size: (f64, f64),
}

/// Latitudes past which the view never reaches (the outline stops at the poles anyway).
const MAX_LAT: f64 = 84.0;

impl Projection {
    /// The view that shows every point with `padding` (a fraction of the points' extent on
    /// each side) and at least `min_span` degrees of latitude, so a single point or a tight
    /// cluster still shows its country and neighbours. An empty point list shows the world.
    pub fn fit(points: &[(f64, f64)], size: (f64, f64), padding: f64, min_span: f64) -> Projection {
        let (mut w, mut s, mut e, mut n) = (180.0f64, 90.0f64, -180.0f64, -90.0f64);
        for &(lon, lat) in points {
            (w, s, e, n) = (w.min(lon), s.min(lat), e.max(lon), n.max(lat));
        }
        if points.is_empty() {
            (w, s, e, n) = (-180.0, -60.0, 180.0, 80.0);
        }
        let center_lat = ((s + n) / 2.0).clamp(-70.0, 70.0);
        let shrink = center_lat.to_radians().cos().max(0.2);
        let lat_span = ((n - s) * (1.0 + 2.0 * padding)).max(min_span);
        let lon_span = ((e - w) * (1.0 + 2.0 * padding)).max(min_span / shrink);
        // Units per degree of latitude that fit both spans into the view.
        let scale = (size.1 / lat_span).min(size.0 / (lon_span * shrink));
        // Never wider than the whole world, never past the poles.
        let scale = scale
            .max(size.0 / (360.0 * shrink))
            .max(size.1 / (2.0 * MAX_LAT));
        let half_lat = size.1 / scale / 2.0;
        let center_lat = center_lat.clamp(-MAX_LAT + half_lat, MAX_LAT - half_lat);
        Projection {
            center: ((w + e) / 2.0, center_lat),
            scale,
            shrink,
            size,
        }
    }

    /// SVG coordinates of a point.
    pub fn project(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        (
            self.size.0 / 2.0 + (lon - self.center.0) * self.scale * self.shrink,
            self.size.1 / 2.0 - (lat - self.center.1) * self.scale,
        )
    }

    /// West, south, east, north bounds of the view in degrees.
    pub fn bounds(&self) -> [f64; 4] {
        let half_lon = self.size.0 / 2.0 / (self.scale * self.shrink);
        let half_lat = self.size.1 / 2.0 / self.scale;
        [
            self.center.0 - half_lon,
            self.center.1 - half_lat,
            self.center.0 + half_lon,
            self.center.1 + half_lat,
        ]
    }
}

/// Clips a closed ring to the rectangle `[x0, x1] × [y0, y1]` (Sutherland–Hodgman). Concave
/// rings may gain edges along the rectangle, which is why callers clip to a rectangle a little
/// larger than the view: those edges then lie outside what is seen.
pub fn clip_ring(ring: &[(f64, f64)], [x0, y0, x1, y1]: [f64; 4]) -> Vec<(f64, f64)> {
    let mut points = ring.to_vec();
    let edges: [(usize, f64, bool); 4] =
        [(0, x0, true), (0, x1, false), (1, y0, true), (1, y1, false)];
    for (axis, limit, keep_greater) in edges {
        if points.is_empty() {
            break;
        }
        let inside = |p: &(f64, f64)| {
            let v = if axis == 0 { p.0 } else { p.1 };
            if keep_greater { v >= limit } else { v <= limit }
        };
        let cross = |a: &(f64, f64), b: &(f64, f64)| {
            let (va, vb) = if axis == 0 { (a.0, b.0) } else { (a.1, b.1) };
            let t = (limit - va) / (vb - va);
            if axis == 0 {
                (limit, a.1 + t * (b.1 - a.1))
            } else {
                (a.0 + t * (b.0 - a.0), limit)
            }
        };
        let mut out = Vec::with_capacity(points.len() + 4);
        for i in 0..points.len() {
            let current = points[i];
            let previous = points[(i + points.len() - 1) % points.len()];
            match (inside(&previous), inside(&current)) {
                (true, true) => out.push(current),
                (true, false) => out.push(cross(&previous, &current)),
                (false, true) => {
                    out.push(cross(&previous, &current));
                    out.push(current);
                }
                (false, false) => {}
            }
        }
        points = out;
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_keeps_every_point_inside_with_room() {
        let points = [
            (44.36, 33.31),
            (43.96, 36.24),
            (40.14, 35.34),
            (42.44, 33.80),
        ];
        let p = Projection::fit(&points, (960.0, 560.0), 0.25, 6.0);
        for &pt in &points {
            let (x, y) = p.project(pt);
            assert!(
                x > 60.0 && x < 900.0 && y > 60.0 && y < 500.0,
                "{pt:?} -> {x},{y}"
            );
        }
        let [w, s, e, n] = p.bounds();
        // Iraq and its neighbours, not the world.
        assert!(
            w > 25.0 && e < 60.0 && s > 25.0 && n < 45.0,
            "{:?}",
            p.bounds()
        );
    }

    #[test]
    fn one_point_gets_the_minimum_span_around_it() {
        let p = Projection::fit(&[(44.0, 33.0)], (320.0, 220.0), 0.25, 10.0);
        let (x, y) = p.project((44.0, 33.0));
        assert!((x - 160.0).abs() < 1e-9 && (y - 110.0).abs() < 1e-9);
        let [_, s, _, n] = p.bounds();
        assert!((n - s - 10.0).abs() < 1e-6, "{s}..{n}");
    }

    #[test]
    fn shapes_keep_their_proportions_at_the_centre() {
        let p = Projection::fit(&[(44.0, 60.0)], (400.0, 400.0), 0.0, 4.0);
        let (x0, y0) = p.project((44.0, 60.0));
        let (x1, _) = p.project((45.0, 60.0));
        let (_, y1) = p.project((44.0, 61.0));
        // One degree of longitude at 60° N is half a degree of latitude.
        assert!(((x1 - x0) / (y0 - y1) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn far_apart_points_never_zoom_out_past_the_world() {
        let p = Projection::fit(&[(-170.0, -50.0), (170.0, 70.0)], (960.0, 560.0), 0.5, 4.0);
        let [w, s, e, n] = p.bounds();
        assert!(e - w <= 360.0 + 1e-6 && s >= -MAX_LAT - 1e-6 && n <= MAX_LAT + 1e-6);
    }

    #[test]
    fn clipping_cuts_rings_to_the_rectangle() {
        let square = [(-5.0, -5.0), (5.0, -5.0), (5.0, 5.0), (-5.0, 5.0)];
        let clipped = clip_ring(&square, [0.0, 0.0, 10.0, 10.0]);
        assert_eq!(clipped.len(), 4);
        assert!(
            clipped
                .iter()
                .all(|&(x, y)| (0.0..=5.0).contains(&x) && (0.0..=5.0).contains(&y))
        );
        assert!(clip_ring(&square, [20.0, 20.0, 30.0, 30.0]).is_empty());
        assert_eq!(
            clip_ring(&square, [-10.0, -10.0, 10.0, 10.0]),
            square.to_vec()
        );
    }
}
