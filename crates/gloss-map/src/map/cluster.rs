//! Clusters: markers whose hit areas would overlap at the drawn scale are drawn as one point,
//! so every point on a map keeps a hit area of its own (WCAG 2.2's 24 px target) and none
//! hides another. One grouping serves every frame a page draws (the wide map and its phone
//! crop), so a cluster has one list of its places below the map, whichever map the reader
//! sees.

use super::points::positions;
use super::project::Projection;
use super::{Frame, Marker};

/// Groups `markers`, given in priority order (the busiest first), for drawing in each of
/// `frames`: a marker joins the group whose lead (its first member) it overlaps most, where
/// overlapping means being closer than the frame's hit diameter in any frame; a marker that
/// overlaps no lead leads a new group. So any two leads are at least a hit diameter apart in
/// every frame. Each group lists marker indices, lead first; groups come in the order of
/// their leads. Deterministic: the same markers give the same groups.
pub fn cluster(markers: &[Marker], frames: &[&Frame]) -> Vec<Vec<usize>> {
    let points: Vec<(f64, f64)> = markers.iter().map(|m| (m.lon, m.lat)).collect();
    let projected: Vec<Vec<(f64, f64)>> = frames
        .iter()
        .map(|f| {
            let projection = Projection::fit(&points, f.size, f.padding, f.min_span);
            positions(&projection, markers, f.font)
        })
        .collect();
    // How far `i` reaches into the hit area of `lead`, as a fraction of the hit diameter, in
    // the frame where they are closest; positive when they overlap.
    let overlap = |lead: usize, i: usize| -> f64 {
        frames
            .iter()
            .zip(&projected)
            .map(|(f, at)| {
                let (a, b) = (at[lead], at[i]);
                1.0 - (a.0 - b.0).hypot(a.1 - b.1) / f.hit.max(f64::MIN_POSITIVE)
            })
            .fold(f64::MIN, f64::max)
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..markers.len() {
        let best = groups
            .iter()
            .enumerate()
            .map(|(g, members)| (g, overlap(members[0], i)))
            .filter(|&(_, o)| o > 0.0)
            .fold(None::<(usize, f64)>, |best, (g, o)| match best {
                Some((_, b)) if b >= o => best,
                _ => Some((g, o)),
            });
        match best {
            Some((g, _)) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::MarkerKind;

    fn place(lat: f64, lon: f64) -> Marker<'static> {
        Marker {
            lat,
            lon,
            kind: MarkerKind::Location,
            name: String::new(),
            label: "",
            href: String::new(),
        }
    }

    fn frame(size: (f64, f64), hit: f64) -> Frame<'static> {
        Frame {
            size,
            padding: 0.3,
            min_span: 11.0,
            font: 14.0,
            hit,
            title: "",
            class: "map-full",
        }
    }

    #[test]
    fn near_points_join_the_busiest_lead_and_far_ones_stay_apart() {
        // Baghdad and its airport (0.14° apart) overlap; Erbil is far from both.
        let markers = [
            place(33.31, 44.36),
            place(36.19, 44.01),
            place(33.26, 44.23),
        ];
        let wide = frame((960.0, 600.0), 34.0);
        assert_eq!(cluster(&markers, &[&wide]), vec![vec![0, 2], vec![1]]);
        // With no hit area at all, nothing overlaps.
        let none = frame((960.0, 600.0), 0.0);
        assert_eq!(cluster(&markers, &[&none]), vec![vec![0], vec![1], vec![2]]);
    }

    #[test]
    fn overlapping_in_any_frame_is_enough_and_leads_keep_their_distance() {
        // Two places 1° apart: apart on the wide map, together on a small crop.
        let markers = [place(33.0, 44.0), place(34.0, 44.0)];
        let wide = frame((960.0, 600.0), 34.0);
        let small = frame((120.0, 120.0), 34.0);
        assert_eq!(cluster(&markers, &[&wide]).len(), 2);
        assert_eq!(cluster(&markers, &[&wide, &small]), vec![vec![0, 1]]);
        // A grid of places: every pair of leads stays a hit diameter apart.
        let grid: Vec<Marker> = (0..100)
            .map(|i| {
                place(
                    31.5 + f64::from(i % 10) * 0.35,
                    42.0 + f64::from(i / 10) * 0.3,
                )
            })
            .collect();
        let groups = cluster(&grid, &[&wide]);
        assert!(groups.len() > 1 && groups.len() < 100, "{}", groups.len());
        assert_eq!(groups.iter().map(Vec::len).sum::<usize>(), 100);
        let points: Vec<(f64, f64)> = grid.iter().map(|m| (m.lon, m.lat)).collect();
        let p = Projection::fit(&points, wide.size, wide.padding, wide.min_span);
        let at = positions(&p, &grid, wide.font);
        for (k, a) in groups.iter().enumerate() {
            for b in &groups[k + 1..] {
                let (pa, pb) = (at[a[0]], at[b[0]]);
                assert!((pa.0 - pb.0).hypot(pa.1 - pb.1) >= 34.0);
            }
        }
        assert_eq!(groups, cluster(&grid, &[&wide]), "deterministic");
    }
}
