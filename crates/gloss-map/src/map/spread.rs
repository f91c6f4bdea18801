//! Markers on (nearly) one spot, fanned out so each stays visible and clickable.

use super::project::Projection;
use super::{Marker, MarkerKind};

/// Markers that fall on (nearly) the same spot, fanned out on a small circle around it so
/// every one stays visible and clickable; a location keeps the centre. Returns each marker's
/// drawn position, for fanned ones the true position its leader line starts from, and for a
/// marker kept at the centre of a fan the fan's radius (its label must clear the fan).
pub(super) fn spread(projection: &Projection, markers: &[Marker]) -> Vec<Spread> {
    const NEAR: f64 = 7.0;
    // A point past what the projection shows (within a few degrees of a pole) is pinned to
    // the edge of the view rather than drawn where no one can see or click it.
    let (w, h) = projection.size;
    let at: Vec<(f64, f64)> = markers
        .iter()
        .map(|m| {
            let (x, y) = projection.project((m.lon, m.lat));
            let r = m.kind.radius() + 2.0;
            (x.clamp(r, w - r), y.clamp(r, h - r))
        })
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    // Locations first, so a group is centred on a place rather than on an incident.
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by_key(|&i| (markers[i].kind == MarkerKind::Incident, i));
    for &i in &order {
        let found = groups.iter().position(|g| {
            let (cx, cy) = at[g[0]];
            (at[i].0 - cx).hypot(at[i].1 - cy) < NEAR
        });
        match found {
            Some(g) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }
    let mut out: Vec<Spread> = at
        .iter()
        .map(|&p| Spread {
            at: p,
            origin: None,
            fan: 0.0,
        })
        .collect();
    for group in &groups {
        if group.len() < 2 {
            continue;
        }
        let centre = at[group[0]];
        let keep = markers[group[0]].kind != MarkerKind::Incident;
        let ring: &[usize] = if keep { &group[1..] } else { group };
        let n = ring.len() as f64;
        let radius = (n * 12.0 / std::f64::consts::TAU).max(11.0);
        if keep {
            out[group[0]].fan = radius + MarkerKind::Incident.radius();
        }
        for (k, &i) in ring.iter().enumerate() {
            let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * k as f64 / n;
            let r = markers[i].kind.radius() + 2.0;
            let p = (
                (centre.0 + radius * angle.cos()).clamp(r, w - r),
                (centre.1 + radius * angle.sin()).clamp(r, h - r),
            );
            out[i] = Spread {
                at: p,
                origin: Some(centre),
                fan: 0.0,
            };
        }
    }
    out
}

/// Where a marker is drawn; see [`spread`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Spread {
    pub(super) at: (f64, f64),
    pub(super) origin: Option<(f64, f64)>,
    pub(super) fan: f64,
}
