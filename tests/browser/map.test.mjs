// The site map: /map/ shows an SVG map whose points are links with accessible names and hit
// areas of at least 24 px, outlined on keyboard focus; close places are a numbered cluster
// that opens an inset listing them (and without JavaScript leads to the same list below the
// map); a reader lands on a page from a point or an inset; a location page's locator map
// leads back to the site map. Dark mode has its own colours, and axe finds no violation in
// either mode at 1400 and 375 px. Screenshots at desktop and phone widths, light and dark.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { servedSite, sitePath, screenshotDir, newWatchedContext } from "./support.mjs";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const site = servedSite({ viewport: { width: 1400, height: 1000 } });

after(() => {
  assert.deepEqual([...new Set(site.problems)], [], "no console errors or failed requests");
});

/** The map shown at the page's width: the wide map, or on phones its portrait crop. */
async function shownMap(page) {
  const full = page.locator("svg.map-full");
  return (await full.isVisible()) ? "svg.map-full" : "svg.map-phone";
}

/** Opens /map/ in a new page of `context` at `width` px. */
async function openMap(context, width) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const res = await page.goto(site.server.url("map/"));
  assert.equal(res.status(), 200);
  return page;
}

/** Every point of the shown map has a hit area of 24 px or more, inside the map, which a
 *  click 11 px from its centre in any direction still lands on. */
async function assertHitAreas(page, width) {
  const svg = await shownMap(page);
  const box = await page.locator(svg).boundingBox();
  const report = await page.$$eval(`${svg} a.map-point`, (points) =>
    points.map((a) => {
      const r = a.querySelector(".map-hit").getBoundingClientRect();
      const cx = r.left + r.width / 2;
      const cy = r.top + r.height / 2;
      const probes = [[0, 0], [11, 0], [-11, 0], [0, 11], [0, -11]];
      const hits = probes.filter(([dx, dy]) => {
        const el = document.elementFromPoint(cx + dx, cy + dy);
        return el && el.closest("a.map-point") === a;
      }).length;
      return { name: a.getAttribute("aria-label"), w: r.width, h: r.height, cx, cy, hits, probes: probes.length };
    }),
  );
  assert.ok(report.length >= 3, `${report.length} points at ${width} px`);
  for (const p of report) {
    assert.ok(p.w >= 24 && p.h >= 24, `${p.name}: hit area ${p.w.toFixed(1)}×${p.h.toFixed(1)} px at ${width} px`);
    assert.ok(p.cx >= box.x && p.cx <= box.x + box.width && p.cy >= box.y && p.cy <= box.y + box.height, `${p.name} inside the map`);
    assert.equal(p.hits, p.probes, `${p.name}: clicks within 11 px of the centre land on it at ${width} px`);
  }
  return report;
}

for (const width of [1400, 375]) {
  test(`at ${width} px every point is a named link with a 24 px hit area`, { timeout: 30_000 }, async (t) => {
    const page = await openMap(site.context, width);
    const svg = await shownMap(page);
    assert.equal(svg, width > 700 ? "svg.map-full" : "svg.map-phone");
    const points = page.locator(`${svg} a.map-point`);
    const count = await points.count();
    for (let i = 0; i < count; i++) {
      const name = await points.nth(i).getAttribute("aria-label");
      assert.ok(name && name.length > 3, `point ${i} has an accessible name`);
      assert.ok(await points.nth(i).getAttribute("href"), `point ${i} is a link`);
    }
    const report = await assertHitAreas(page, width);
    t.diagnostic(`smallest hit area: ${Math.min(...report.map((p) => p.w)).toFixed(1)} px`);
    // Ain al-Asad's label stays on the map, inside it and readable.
    const label = page.locator(`${svg} a.map-point .map-label`, { hasText: "Ain al-Asad Air Base" });
    assert.equal(await label.count(), 1, "Ain al-Asad is labelled");
    const lb = await label.boundingBox();
    const mb = await page.locator(svg).boundingBox();
    assert.ok(lb.x >= mb.x && lb.x + lb.width <= mb.x + mb.width, "the label fits the map's width");
    assert.ok(lb.height >= 10, `label ${lb.height.toFixed(1)} px tall`);
    // The points are listed too, as plain links.
    assert.ok((await page.locator(".map-list a").count()) >= count);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth + 1);
    assert.equal(wide, false, "no sideways scroll");
    const file = path.join(screenshotDir(), `map-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    t.diagnostic(`screenshot: ${file}`);
    await page.close();
  });
}

test("keyboard focus draws a visible ring around the point", { timeout: 30_000 }, async (t) => {
  const page = await openMap(site.context, 1400);
  const point = page.locator('svg.map-full a.map-point[aria-label^="Erbil"]');
  const hit = point.locator(".map-hit");
  assert.equal(await hit.evaluate((e) => getComputedStyle(e).opacity), "0", "no ring before focus");
  // Tab from the element before it, so the focus is a keyboard focus (:focus-visible).
  await page.locator("h1").evaluate((h) => { h.tabIndex = -1; h.focus(); });
  for (let i = 0; i < 40 && !(await point.evaluate((e) => e === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  assert.ok(await point.evaluate((e) => e === document.activeElement), "the point takes keyboard focus");
  const style = await hit.evaluate((e) => {
    const s = getComputedStyle(e);
    return { opacity: s.opacity, stroke: s.stroke, width: parseFloat(s.strokeWidth) };
  });
  assert.equal(style.opacity, "1");
  assert.notEqual(style.stroke, "none");
  assert.ok(style.width >= 3, `ring ${style.width} units wide`);
  const ring = await hit.boundingBox();
  assert.ok(ring.width >= 24, `ring ${ring.width.toFixed(1)} px across`);
  const file = path.join(screenshotDir(), "map-1400-focus.png");
  await page.locator(".map-figure").screenshot({ path: file });
  t.diagnostic(`screenshot: ${file}`);
  await page.close();
});

test("a cluster opens an inset listing its places and incidents, by click and by keyboard", { timeout: 30_000 }, async (t) => {
  const page = await openMap(site.context, 1400);
  const cluster = page.locator('svg.map-full a.map-point[data-kind=cluster][aria-label^="Ain al-Asad Air Base"]');
  assert.equal(await cluster.count(), 1);
  assert.equal(await cluster.locator(".map-count").textContent(), "3");
  await cluster.locator(".map-dot").click();
  const inset = page.locator(".map-inset");
  assert.ok(await inset.isVisible(), "the inset opens");
  assert.equal(await cluster.getAttribute("aria-expanded"), "true");
  assert.match(await inset.locator(".map-inset-title").textContent(), /Ain al-Asad Air Base: 3 incidents/);
  assert.equal(await inset.locator("a").count(), 4, "the place and its three incidents");
  const file = path.join(screenshotDir(), "map-1400-inset.png");
  await page.locator(".map-figure").screenshot({ path: file });
  t.diagnostic(`screenshot: ${file}`);
  // Escape closes it and gives the focus back to the point.
  await page.keyboard.press("Escape");
  assert.equal(await inset.count(), 0);
  assert.ok(await cluster.evaluate((e) => e === document.activeElement), "focus back on the point");
  // Enter opens it again; Tab reaches its links; one opens its page.
  await page.keyboard.press("Enter");
  assert.ok(await inset.isVisible());
  const incident = inset.locator("a", { hasText: "At least 14 rockets" });
  for (let i = 0; i < 10 && !(await incident.evaluate((e) => e === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  assert.ok(await incident.evaluate((e) => e === document.activeElement), "Tab reaches the inset's links");
  await Promise.all([page.waitForURL(/incidents\//), page.keyboard.press("Enter")]);
  assert.match(await page.locator("h1").textContent(), /At least 14 rockets hit Ain al-Asad/);
  await page.close();
});

test("on a phone a cluster's inset fits the screen", { timeout: 30_000 }, async (t) => {
  const page = await openMap(site.context, 375);
  const cluster = page.locator('svg.map-phone a.map-point[data-kind=cluster][aria-label^="Erbil"]');
  await cluster.locator(".map-dot").click();
  const inset = page.locator(".map-inset");
  const b = await inset.boundingBox();
  assert.ok(b.x >= 0 && b.x + b.width <= 375, `inset ${b.x}..${b.x + b.width}`);
  const file = path.join(screenshotDir(), "map-375-inset.png");
  await page.locator(".map-figure").screenshot({ path: file });
  t.diagnostic(`screenshot: ${file}`);
  // A tap elsewhere closes it.
  await page.locator("h1").click();
  assert.equal(await inset.count(), 0);
  await page.close();
});

test("without JavaScript a cluster leads to its entry in the list", { timeout: 30_000 }, async () => {
  const { context, problems } = await newWatchedContext(site.browser, { javaScriptEnabled: false, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(site.server.url("map/"));
  const cluster = page.locator('svg.map-full a.map-point[data-kind=cluster][aria-label^="Baghdad"]');
  const href = await cluster.getAttribute("href");
  assert.match(href, /^#map-c-\d+$/);
  await cluster.locator(".map-dot").click();
  await page.waitForURL((u) => u.hash === href);
  const entry = page.locator(`li.map-group${href}`);
  assert.ok(await entry.isVisible());
  assert.ok(await entry.evaluate((e) => e.matches(":target")), "the entry is the target");
  const links = await entry.locator("a").allTextContents();
  assert.ok(links.includes("Baghdad") && links.some((l) => /airport/i.test(l)), links.join(" | "));
  await context.close();
  assert.deepEqual(problems, []);
});

test("a point opens with the keyboard, and a locator map leads to the site map", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url("locations/erbil/"));
  const locator = page.locator(".locator svg.map-locator a.map-point");
  assert.ok(await locator.isVisible(), "the location page has a locator map");
  assert.ok((await locator.locator(".map-hit").boundingBox()).width >= 24, "a 24 px target");
  await locator.focus();
  await Promise.all([page.waitForURL(/\/map\/$/), page.keyboard.press("Enter")]);
  assert.equal(sitePath(page.url(), site.server.base), "map/");
  await page.close();
});

for (const scheme of ["light", "dark"]) {
  for (const width of [1400, 375]) {
    test(`axe finds no violation on the map in ${scheme} mode at ${width} px`, { timeout: 60_000 }, async (t) => {
      const { context, problems } = await newWatchedContext(site.browser, { colorScheme: scheme, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(site.server.url("map/"));
      const svg = await shownMap(page);
      const sea = await page.locator(`${svg} .map-sea`).evaluate((e) => getComputedStyle(e).fill);
      const label = await page.locator(`${svg} .map-label`).first().evaluate((e) => getComputedStyle(e).fill);
      if (scheme === "dark") {
        assert.notEqual(sea, "rgb(228, 236, 241)", "a dark sea");
        assert.notEqual(label, "rgb(27, 27, 27)", "light labels");
      } else {
        assert.equal(sea, "rgb(228, 236, 241)");
      }
      await page.evaluate(AXE);
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        return r.violations.map((v) => `${v.id} × ${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      });
      assert.deepEqual(result, [], `axe violations in ${scheme} mode at ${width} px`);
      const file = path.join(screenshotDir(), `map-${width}-${scheme}.png`);
      await page.locator(".map-figure").screenshot({ path: file });
      t.diagnostic(`screenshot: ${file}`);
      await context.close();
      assert.deepEqual(problems, []);
    });
  }
}
