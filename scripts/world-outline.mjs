// Converts Natural Earth's 1:110m country outlines, as redistributed in TopoJSON by the npm
// package `world-atlas`, into crates/gloss-map/src/map/world.txt: the compact outline file gloss embeds to draw
// its maps. Run once, by hand, whenever the data should change; the build never runs it and
// never touches the network.
//
//   mkdir /tmp/outline && cd /tmp/outline && npm install world-atlas@2.0.2 topojson-client@3.1.0
//   NODE_PATH=/tmp/outline/node_modules node scripts/world-outline.mjs > crates/gloss-map/src/map/world.txt
//
// Output: comment lines starting with `#`, then one line per country, tab-separated:
//   name  label-lon,label-lat  width,height  ring;ring;…
// Label point and size are in hundredths of a degree: where a country's name fits best (the
// point of its largest part farthest from its edges) and the width and height of that part.
// A ring is its first point `lon,lat` in hundredths of a degree, then each next point as the
// difference from the one before (`dlon,dlat`), points separated by spaces. Rings that cross
// the antimeridian are unwrapped (longitudes may pass ±180); a ring around a pole is closed
// along it. Fill rings with the even-odd rule: holes are rings too.

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const topojson = require("topojson-client");
const topology = require("world-atlas/countries-110m.json");
const version = require("world-atlas/package.json").version;

const round = (v) => Math.round(v * 100);

/** Longitudes made continuous (no jump over 180°); a ring around a pole closed along it. */
function unwrap(ring) {
  const out = [[ring[0][0], ring[0][1]]];
  for (let i = 1; i < ring.length; i++) {
    let lon = ring[i][0];
    const prev = out[i - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    out.push([lon, ring[i][1]]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (Math.abs(last[0] - first[0]) > 180) {
    const pole = first[1] < 0 ? -90 : 90;
    out.push([last[0], pole], [first[0], pole], [first[0], first[1]]);
  }
  return out;
}

/** Shoelace area, in square degrees (the sign gives the winding). */
function area(ring) {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return a / 2;
}

function inside(point, rings) {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) {
        odd = !odd;
      }
    }
  }
  return odd;
}

function edgeDistance(point, rings) {
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[j];
      const [bx, by] = ring[i];
      const dx = bx - ax;
      const dy = by - ay;
      const len = dx * dx + dy * dy;
      const t = len ? Math.max(0, Math.min(1, ((point[0] - ax) * dx + (point[1] - ay) * dy) / len)) : 0;
      const ex = ax + t * dx - point[0];
      const ey = ay + t * dy - point[1];
      best = Math.min(best, Math.hypot(ex, ey));
    }
  }
  return best;
}

/** The point of the polygon farthest from its edges, by a grid search refined three times. */
function labelPoint(rings) {
  const xs = rings[0].map((p) => p[0]);
  const ys = rings[0].map((p) => p[1]);
  let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best = null;
  for (let pass = 0; pass < 4; pass++) {
    const n = 24;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const p = [x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * j) / n];
        if (!inside(p, rings)) continue;
        const d = edgeDistance(p, rings);
        if (!best || d > best.d) best = { p, d };
      }
    }
    if (!best) break;
    const w = (x1 - x0) / 6;
    const h = (y1 - y0) / 6;
    [x0, x1, y0, y1] = [best.p[0] - w, best.p[0] + w, best.p[1] - h, best.p[1] + h];
  }
  if (best) return best.p;
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

function encode(ring) {
  const points = [];
  for (const [lon, lat] of ring) {
    const p = [round(lon), round(lat)];
    const last = points[points.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) points.push(p);
  }
  if (points.length > 1) {
    const [a, b] = [points[0], points[points.length - 1]];
    if (a[0] === b[0] && a[1] === b[1]) points.pop(); // rings are closed implicitly
  }
  if (points.length < 3) return null;
  return points
    .map((p, i) => (i === 0 ? `${p[0]},${p[1]}` : `${p[0] - points[i - 1][0]},${p[1] - points[i - 1][1]}`))
    .join(" ");
}

const countries = topojson.feature(topology, topology.objects.countries).features;
const lines = [
  "# gloss world outline: Natural Earth 1:110m Admin 0 countries (public domain),",
  `# from the TopoJSON of the npm package world-atlas ${version} (ISC, Mike Bostock).`,
  "# Made by scripts/world-outline.mjs; see docs/map.md and src/map/WORLD-SOURCE.md.",
  "# name<TAB>label lon,lat<TAB>width,height<TAB>rings; hundredths of a degree, rings as deltas.",
];
const rows = [];
for (const feature of countries) {
  const geometry = feature.geometry;
  if (!geometry) continue;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const unwrapped = polygons.map((polygon) => polygon.map(unwrap));
  const largest = unwrapped.reduce((a, b) => (Math.abs(area(b[0])) > Math.abs(area(a[0])) ? b : a));
  const [lx, ly] = labelPoint(largest);
  const xs = largest[0].map((p) => p[0]);
  const ys = largest[0].map((p) => p[1]);
  const size = [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
  const rings = unwrapped.flat().map(encode).filter(Boolean);
  const name = feature.properties.name.replace(/[\t\n]/g, " ");
  rows.push(`${name}\t${round(lx)},${round(ly)}\t${round(size[0])},${round(size[1])}\t${rings.join(";")}`);
}
rows.sort();
process.stdout.write(lines.concat(rows).join("\n") + "\n");
