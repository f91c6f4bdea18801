// 7. Screenshots of the central brief at desktop and phone widths, saved for a person to look
//    at (GLOSS_SCREENSHOT_DIR, by default $TMPDIR/gloss-browser-screenshots; never committed),
//    with the overlaps a person would notice checked by geometry as well.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  CENTRAL_BRIEF, siteDir, startServer, launchBrowser, newWatchedContext, screenshotDir, until, overlaps,
} from "./support.mjs";

let server, browser, context, problems, dir;

before(async () => {
  server = await startServer(siteDir());
  browser = await launchBrowser();
  ({ context, problems } = await newWatchedContext(browser));
  dir = screenshotDir();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Pairs of the page's main blocks that overlap on screen. */
async function overlappingBlocks(page) {
  const boxes = await page.evaluate(() => {
    const pick = [
      ".site-header", ".brief-header", ".editor-brief", ".article", ".credits",
      ".sidebar-actors", ".sidebar-locations", ".sidebar-incidents", ".site-footer",
    ];
    return pick.flatMap((sel) =>
      [...document.querySelectorAll(sel)].map((el) => {
        const r = el.getBoundingClientRect();
        return { sel, left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY, bottom: r.bottom + scrollY };
      }),
    );
  });
  const nested = (a, b) => a.sel === ".article" && b.sel === ".credits"; // credits follow the article
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (nested(boxes[i], boxes[j]) || nested(boxes[j], boxes[i])) continue;
      if (overlaps(boxes[i], boxes[j], 2)) out.push(`${boxes[i].sel} × ${boxes[j].sel}`);
    }
  }
  return out;
}

for (const [width, height] of [[1400, 900], [400, 800]]) {
  test(`central brief at ${width}px: screenshot, no overlapping blocks, no sideways scroll`, { timeout: 30_000 }, async (t) => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(server.url(CENTRAL_BRIEF));
    await page.evaluate(() => document.fonts.ready);

    const file = path.join(dir, `brief-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    t.diagnostic(`screenshot: ${file}`);

    // The top of the page and the first notes, at the size a reader sees them.
    const topFile = path.join(dir, `brief-${width}-top.png`);
    await page.screenshot({ path: topFile });
    t.diagnostic(`screenshot: ${topFile}`);
    await page.evaluate(() => {
      const y = document.querySelector(".article").getBoundingClientRect().top + scrollY - 20;
      scrollTo({ top: y, behavior: "instant" });
    });
    const notesFile = path.join(dir, `brief-${width}-notes.png`);
    await page.screenshot({ path: notesFile });
    t.diagnostic(`screenshot: ${notesFile}`);

    // With a hover card open over the article, in the viewport.
    const m = page.locator(".article a.mention").nth(2);
    await m.scrollIntoViewIfNeeded();
    await m.hover();
    await until(() => page.locator(".gloss-card:visible").count(), { message: "a hover card" });
    const cardFile = path.join(dir, `brief-${width}-card.png`);
    await page.screenshot({ path: cardFile, animations: "disabled" });
    t.diagnostic(`screenshot: ${cardFile}`);
    await page.mouse.move(1, 1);

    assert.deepEqual(await overlappingBlocks(page), [], "blocks of the page that overlap");
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(sideways <= 0, `the page does not scroll sideways at ${width}px (${sideways}px too wide)`);
    await page.close();
  });
}

test("central brief in dark mode at 1400px: screenshot", { timeout: 30_000 }, async (t) => {
  const dark = await browser.newContext({ colorScheme: "dark", viewport: { width: 1400, height: 900 } });
  const page = await dark.newPage();
  await page.goto(server.url(CENTRAL_BRIEF));
  const file = path.join(dir, "brief-1400-dark.png");
  await page.evaluate(() => {
    const y = document.querySelector(".article").getBoundingClientRect().top + scrollY - 20;
    scrollTo({ top: y, behavior: "instant" });
  });
  await page.screenshot({ path: file });
  t.diagnostic(`screenshot: ${file}`);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await dark.close();
  assert.notEqual(bg, "rgb(255, 255, 255)", "dark mode gives the page a dark background");
});

test("screenshot pages: no console errors, failed or off-site requests", () => {
  assert.deepEqual([...new Set(problems)], []);
});
