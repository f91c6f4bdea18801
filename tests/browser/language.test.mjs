// 9. A brief in Arabic (front matter `language = "ar"`) reads right-to-left: its article
//    element carries lang="ar" dir="rtl", lines start at the right edge of the column, and
//    the English site around it stays left-to-right.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { servedSite, screenshotDir } from "./support.mjs";

const ARABIC = "briefs/ain-al-asad-rockets-2021-07-07-ar/";
const site = servedSite({ viewport: { width: 1400, height: 900 } });

for (const width of [1400, 400]) {
  test(`the Arabic brief reads right-to-left at ${width}px`, { timeout: 30_000 }, async (t) => {
    const page = await site.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(site.server.url(ARABIC));
    const file = path.join(screenshotDir(), `brief-arabic-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    t.diagnostic(`screenshot: ${file}`);
    const info = await page.evaluate(() => {
      const article = document.querySelector("article.brief");
      const p = document.querySelector(".article p");
      const range = document.createRange();
      range.setStart(p.firstChild, 0);
      range.setEnd(p.firstChild, 1);
      const first = range.getBoundingClientRect();    // the paragraph's first letter
      const box = p.getBoundingClientRect();
      return {
        lang: article.getAttribute("lang"),
        dir: article.getAttribute("dir"),
        direction: getComputedStyle(p).direction,
        siteDirection: getComputedStyle(document.querySelector(".site-header")).direction,
        htmlLang: document.documentElement.lang,
        fromRight: box.right - first.right,
        fromLeft: first.left - box.left,
      };
    });
    assert.equal(info.lang, "ar");
    assert.equal(info.dir, "rtl");
    assert.equal(info.direction, "rtl", "the article's paragraphs are right-to-left");
    assert.equal(info.siteDirection, "ltr", "the site's header stays left-to-right");
    assert.equal(info.htmlLang, "en", "the page's own language is the site's");
    assert.ok(info.fromRight < 4 && info.fromLeft > 20,
      `the first letter sits at the right edge of its paragraph (${JSON.stringify(info)})`);
    await page.close();
  });
}

test("English briefs keep the site's language and direction", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url("briefs/ain-al-asad-rockets-2021-07-07/"));
  const article = page.locator("article.brief");
  assert.equal(await article.getAttribute("lang"), "en");
  assert.equal(await article.getAttribute("dir"), "ltr");
  await page.close();
});

test("language pages: no console errors, failed or off-site requests", () => {
  assert.deepEqual([...new Set(site.problems)], []);
});
