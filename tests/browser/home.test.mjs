// 1. The home page lists the newest briefs first; clicking a title opens that brief, with its
//    article and its three sidebars on screen.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  CENTRAL_BRIEF, servedSite, siteDir, sitePath,
} from "./support.mjs";

const site = servedSite({ viewport: { width: 1280, height: 900 } });

/** Title, link and date of every brief card on the page. */
async function cards(page) {
  return page.$$eval(".brief-card", (els) =>
    els.map((card) => {
      const a = card.querySelector(".card-title a");
      const time = card.querySelector("time[datetime]");
      return { title: a?.textContent.trim(), href: a?.href, date: time?.getAttribute("datetime") };
    }),
  );
}

test("home page lists every brief, newest first, across its pages", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  const res = await page.goto(site.server.url(""));
  assert.equal(res.status(), 200);

  const first = await cards(page);
  assert.ok(first.length > 0, "the home page shows brief cards (.brief-card)");
  for (const c of first) {
    assert.ok(c.title, "each card has a title link (.card-title a)");
    assert.match(c.date ?? "", /^\d{4}-\d{2}-\d{2}/, `card "${c.title}" has a <time datetime>`);
  }

  // Follow "Older" links to collect every card in the order shown.
  const all = [...first];
  const seen = new Set([page.url()]);
  for (let i = 0; i < 20; i++) {
    const next = page.locator(".pagination a[rel=next]");
    if ((await next.count()) === 0) break;
    await next.click();
    await page.waitForLoadState("load");
    assert.ok(!seen.has(page.url()), `pagination does not loop (${page.url()})`);
    seen.add(page.url());
    all.push(...(await cards(page)));
  }

  const dates = all.map((c) => c.date);
  const sorted = [...dates].sort().reverse();
  assert.deepEqual(dates, sorted, "briefs are listed newest first, across pages");

  const onDisk = fs
    .readdirSync(path.join(siteDir(), "briefs"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `briefs/${d.name}/`)
    .sort();
  const listed = all.map((c) => sitePath(c.href, site.server.base)).sort();
  assert.deepEqual(listed, onDisk, "the home pages list each built brief exactly once");
  await page.close();
});

test("clicking the central brief's title opens it with article and sidebars visible", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url(""));
  const link = page.locator(`.brief-card .card-title a[href$="${CENTRAL_BRIEF}"]`);
  assert.equal(await link.count(), 1, "the central brief is on the first home page");
  const title = (await link.textContent()).trim();

  await link.click();
  await page.waitForURL(site.server.url(CENTRAL_BRIEF));
  assert.equal((await page.locator("h1").first().textContent()).trim(), title, "the brief's h1 is the title clicked");
  for (const sel of [".article", ".sidebar-actors", ".sidebar-locations", ".sidebar-incidents"]) {
    const loc = page.locator(sel);
    assert.equal(await loc.count(), 1, `${sel} is on the brief page once`);
    await loc.scrollIntoViewIfNeeded();
    assert.ok(await loc.isVisible(), `${sel} is visible`);
    const box = await loc.boundingBox();
    assert.ok(box && box.width > 50 && box.height > 20, `${sel} has a real size (${JSON.stringify(box)})`);
  }
  assert.ok((await page.locator(".article p").count()) > 3, "the article shows its paragraphs");
  assert.ok((await page.locator(".sidebar-actors a").count()) > 0, "the actors sidebar lists actors");
  assert.ok((await page.locator(".sidebar-locations a").count()) > 0, "the locations sidebar lists places");
  assert.ok((await page.locator(".sidebar-incidents a").count()) > 0, "the incidents sidebar lists incidents");
  await page.close();
});

test("every brief title on the first home page opens its brief", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url(""));
  const n = await page.locator(".brief-card .card-title a").count();
  for (let i = 0; i < n; i++) {
    const link = page.locator(".brief-card .card-title a").nth(i);
    const title = (await link.textContent()).trim();
    const href = await link.evaluate((a) => a.href);
    await link.click();
    await page.waitForURL(href);
    assert.equal((await page.locator("h1").first().textContent()).trim(), title);
    assert.ok(await page.locator(".article").isVisible(), `.article is visible on ${href}`);
    assert.ok(await page.locator(".sidebar-actors").isVisible(), `.sidebar-actors is visible on ${href}`);
    await page.goBack();
    await page.waitForURL(site.server.url(""));
  }
  await page.close();
});

test("home and brief pages: no console errors, failed or off-site requests", () => {
  assert.deepEqual([...new Set(site.problems)], []);
});
