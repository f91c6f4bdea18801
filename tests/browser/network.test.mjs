// The network view: an actor's page draws the actors it shares briefs with around it, each a
// link a keyboard reaches (Tab) and opens (Enter), with a table alternative listing the same
// actors; /network/ draws the most-connected actors with the same table and is linked from
// the footer. axe finds nothing on either page in light and dark mode, at desktop and phone
// widths. Screenshots at 1400 and 375 px.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { axeViolations, servedSite, sitePath, screenshotDir } from "./support.mjs";

const ACTOR = "actors/kataib-hezbollah/";

const site = servedSite({ viewport: { width: 1400, height: 1000 } });

after(() => {
  assert.deepEqual([...new Set(site.problems)], [], "no console errors or failed requests");
});

test("an actor's ties are links reached by Tab and opened by Enter, and listed in a table", { timeout: 60_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url(ACTOR));
  const drawn = await page.$$eval(".network-section svg.network-ego a", (as) => as.map((a) => a.getAttribute("href")));
  const listed = await page.$$eval(".network-table tbody a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(drawn.length >= 5 && drawn.length <= 15, `${drawn.length} actors drawn`);
  assert.deepEqual(drawn, listed, "the table lists the drawn actors in the same order");
  assert.equal(await page.locator(".network-table caption").count(), 1, "the table has a caption");
  // Tab from the top of the page: every node of the drawing takes the focus, in order.
  const reached = [];
  for (let i = 0; i < 120 && reached.length < drawn.length; i++) {
    await page.keyboard.press("Tab");
    const href = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a.closest("svg.network-ego") ? a.getAttribute("href") : null;
    });
    if (href) reached.push(href);
  }
  assert.deepEqual(reached, drawn, "Tab reaches every node");
  const ring = await page.evaluate(() => {
    const a = document.activeElement;
    return getComputedStyle(a).outlineStyle;
  });
  assert.notEqual(ring, "none", "a focused node shows a ring");
  await page.keyboard.press("Shift+Tab");
  const target = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await Promise.all([page.waitForURL((u) => sitePath(u.href, site.server.base) !== ACTOR), page.keyboard.press("Enter")]);
  assert.equal(sitePath(page.url(), site.server.base), sitePath(new URL(target, site.server.url(ACTOR)).href, site.server.base));
  await page.close();
});

test("/network/ draws and lists the most-connected actors, linked from the footer", { timeout: 60_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url(""));
  await Promise.all([page.waitForURL(/\/network\/$/), page.locator(".site-footer a", { hasText: "Network" }).click()]);
  const drawn = await page.$$eval("svg.network-ring a", (as) => as.map((a) => a.getAttribute("href")));
  const listed = await page.$$eval(".network-table tbody th a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(drawn.length >= 10, `${drawn.length} actors drawn`);
  assert.deepEqual(drawn, listed);
  const first = page.locator("svg.network-ring a").first();
  await first.focus();
  await Promise.all([page.waitForURL((u) => !u.href.endsWith("/network/")), page.keyboard.press("Enter")]);
  assert.equal(sitePath(page.url(), site.server.base), sitePath(new URL(drawn[0], site.server.url("network/")).href, site.server.base));
  await page.close();
});

for (const scheme of ["light", "dark"]) {
  for (const width of [1400, 375]) {
    test(`axe finds nothing on the network views (${scheme}, ${width} px)`, { timeout: 90_000 }, async (t) => {
      const page = await site.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: 900 });
      for (const [name, rel] of [["actor", ACTOR], ["network", "network/"]]) {
        await page.goto(site.server.url(rel));
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth + 1);
        assert.equal(wide, false, `${name}: no sideways scroll`);
        assert.deepEqual(await axeViolations(page), [], `${name} page, ${scheme}, ${width} px`);
        const file = path.join(screenshotDir(), `network-${name}-${scheme}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        t.diagnostic(`screenshot: ${file}`);
      }
      await page.close();
    });
  }
}
