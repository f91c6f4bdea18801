// The site map: /map/ shows an SVG map whose points are links with accessible names; a reader
// clicks a point (and presses Enter on one) and lands on its page; a location page's locator
// map leads back to the site map. Screenshots at desktop and phone widths.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { servedSite, sitePath, screenshotDir } from "./support.mjs";

const site = servedSite({ viewport: { width: 1400, height: 1000 } });

after(() => {
  assert.deepEqual([...new Set(site.problems)], [], "no console errors or failed requests");
});

test("the map's points are named links, and clicking one opens its page", { timeout: 30_000 }, async (t) => {
  const page = await site.context.newPage();
  const res = await page.goto(site.server.url("map/"));
  assert.equal(res.status(), 200);
  const map = page.locator("svg.map-full");
  assert.ok(await map.isVisible(), "the map is drawn");
  const points = page.locator("svg.map-full a.map-point");
  const count = await points.count();
  assert.ok(count >= 10, `${count} points`);
  for (let i = 0; i < count; i++) {
    const name = await points.nth(i).getAttribute("aria-label");
    assert.ok(name && name.length > 3, `point ${i} has an accessible name`);
    assert.ok(await points.nth(i).getAttribute("href"), `point ${i} is a link`);
  }
  // Every point lies inside the map.
  const box = await map.boundingBox();
  for (let i = 0; i < count; i++) {
    const b = await points.nth(i).locator("circle").last().boundingBox();
    assert.ok(b.x >= box.x && b.y >= box.y && b.x + b.width <= box.x + box.width && b.y + b.height <= box.y + box.height);
  }
  const file = path.join(screenshotDir(), "map-1400.png");
  await page.screenshot({ path: file, fullPage: true });
  t.diagnostic(`screenshot: ${file}`);

  // The points are listed too, as plain links.
  assert.ok((await page.locator(".map-list a").count()) >= count);

  const incident = page.locator('svg.map-full a.map-point[data-kind=incident][aria-label^="At least 14 rockets"]');
  assert.equal(await incident.count(), 1);
  const href = await incident.getAttribute("href");
  await Promise.all([page.waitForURL((u) => sitePath(u.href, site.server.base) !== "map/"), incident.locator("circle").click()]);
  assert.equal(sitePath(page.url(), site.server.base), sitePath(new URL(href, site.server.url("map/")).href, site.server.base));
  assert.match(await page.locator("h1").textContent(), /At least 14 rockets hit Ain al-Asad/);
  await page.close();
});

test("a point opens with the keyboard, and a locator map leads to the site map", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url("map/"));
  const location = page.locator('svg.map-full a.map-point[data-kind=location][aria-label^="Erbil,"]');
  await location.focus();
  await Promise.all([page.waitForURL(/locations\/erbil\//), page.keyboard.press("Enter")]);
  assert.equal(sitePath(page.url(), site.server.base), "locations/erbil/");
  const locator = page.locator(".locator svg.map-locator a.map-point");
  assert.ok(await locator.isVisible(), "the location page has a locator map");
  await Promise.all([page.waitForURL(/\/map\/$/), locator.locator("circle").last().click()]);
  assert.equal(sitePath(page.url(), site.server.base), "map/");
  await page.close();
});

test("the map fits a phone screen without sideways scrolling", { timeout: 30_000 }, async (t) => {
  const page = await site.context.newPage();
  await page.setViewportSize({ width: 400, height: 800 });
  await page.goto(site.server.url("map/"));
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth + 1);
  assert.equal(wide, false, "no sideways scroll");
  const file = path.join(screenshotDir(), "map-400.png");
  await page.screenshot({ path: file, fullPage: true });
  t.diagnostic(`screenshot: ${file}`);
  await page.close();
});
