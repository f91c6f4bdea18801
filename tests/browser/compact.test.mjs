// Compact pages (`[publish] compact`, issue 26), on a copy of the demo site built by run.sh
// with `compact = true`: a reader still finds every actor and place of a brief (the folded
// ones as a line of names, linked in the article), three related briefs, and on an actor's
// page one short quote per brief and the network drawing without its table. axe finds
// nothing on the brief, actor and home pages in light and dark mode at 375 and 1400 px.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { axeViolations, servedSite, screenshotDir } from "./support.mjs";

const BRIEF = "briefs/ain-al-asad-rockets-2021-07-07/";
const ACTOR = "actors/kataib-hezbollah/";

const site = servedSite({ viewport: { width: 1400, height: 1000 } }, "GLOSS_COMPACT_SITE_DIR");

after(() => {
  assert.deepEqual([...new Set(site.problems)], [], "no console errors or failed requests");
});

test("a compact brief names its folded actors and places, each linked in the article", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url(BRIEF));
  assert.equal(await page.locator(".brief-sidebar details.sidebar-more").count(), 0, "nothing folded away");
  const also = page.locator(".sidebar-actors .sidebar-also");
  assert.ok(await also.isVisible(), "the other actors are on view");
  const text = (await also.textContent()).trim();
  const [, count, names] = text.match(/^(\d+) more: (.+)$/) ?? [];
  assert.ok(count, `"N more: names": ${text}`);
  const named = names.split(", ");
  assert.equal(named.length, Number(count), text);
  // The names shown without a link are actors the article links (each at its first mention).
  const plain = await also.evaluate((p) => [...p.querySelectorAll(":scope > a")].length);
  const linked = await page.$$eval('.article a.mention[data-kind="actor"]', (as) =>
    new Set(as.map((a) => a.getAttribute("href"))).size);
  assert.ok(linked >= named.length - plain, `${linked} actors linked in the article, ${named.length - plain} named unlinked`);
  const related = await page.locator(".related-list > li").count();
  assert.ok(related >= 1 && related <= 3, `${related} related briefs`);
  assert.equal(await page.locator(".related-list small").count(), 0, "related briefs by title and date");
  await page.close();
});

test("a compact actor page quotes each brief once and draws its network without the table", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url(ACTOR));
  assert.ok(await page.locator(".network-section svg.network-ego").isVisible(), "the drawing stays");
  assert.equal(await page.locator(".network-table").count(), 0, "no table beside it");
  const quotes = await page.$$eval(".backlink-list > li", (lis) => lis.map((li) => li.querySelectorAll("q").length));
  assert.ok(quotes.length > 0, "briefs are listed");
  assert.ok(quotes.every((n) => n <= 1), `one quote per brief: ${quotes}`);
  await page.close();
});

for (const scheme of ["light", "dark"]) {
  for (const width of [375, 1400]) {
    test(`compact pages: axe, ${scheme} mode at ${width} px`, { timeout: 120_000 }, async () => {
      const context = await site.browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
      const page = await context.newPage();
      const bad = [];
      for (const [name, rel] of Object.entries({ brief: BRIEF, actor: ACTOR, home: "" })) {
        await page.goto(site.server.url(rel), { waitUntil: "load" });
        await page.screenshot({ path: path.join(screenshotDir(), `compact-${name}-${width}-${scheme}.png`) });
        bad.push(...(await axeViolations(page)).map((v) => `${name}: ${v}`));
      }
      await context.close();
      assert.deepEqual(bad, [], "axe finds nothing");
    });
  }
}
