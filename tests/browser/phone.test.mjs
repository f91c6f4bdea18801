// 24. Phone first: at 375 px the header is one row with Menu and Search buttons that open
//     without JavaScript, the first screen of a brief shows its text, the Who / Where / Before
//     this links follow "The brief", targets are at least 24 px, names in headings never
//     break at their hyphen, the timeline counts "N of M shown" from the start, and axe finds
//     no serious or critical issue in light or dark mode at 375 and 1400 px. Screenshots of
//     each page at both widths go to the screenshot folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { CENTRAL_BRIEF, screenshotDir, servedSite } from "./support.mjs";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const PHONE = { width: 375, height: 740 };
const PAGES = {
  home: "",
  brief: CENTRAL_BRIEF,
  actor: "actors/kataib-hezbollah/",
  location: "locations/ain-al-asad-air-base/",
  incident: "incidents/2021-07-07-ain-al-asad-rockets/",
  timeline: "timeline/",
  search: "search/?q=rockets",
};

const phone = servedSite({ viewport: PHONE, javaScriptEnabled: false });

test("phone: one header row; Menu and Search open without JavaScript", { timeout: 30_000 }, async () => {
  const page = await phone.context.newPage();
  await page.goto(phone.server.url(CENTRAL_BRIEF));
  const header = await page.locator(".site-header").boundingBox();
  assert.ok(header.height <= 64, `the header is one row (${header.height} px)`);
  assert.ok(!(await page.locator(".site-nav a").first().isVisible()), "the menu starts closed");
  assert.ok(!(await page.locator("#header-q").isVisible()), "the search field starts closed");
  await page.locator(".header-button", { hasText: "Menu" }).click();
  assert.ok(await page.locator(".site-nav a", { hasText: "Timeline" }).isVisible(), "Menu opens the menu");
  assert.equal(await page.evaluate(() => window.scrollY), 0, "the open menu keeps the header in view");
  await page.locator(".header-close").click();
  assert.ok(!(await page.locator(".site-nav a").first().isVisible()), "Close menu closes it");
  await page.locator(".header-button", { hasText: "Search" }).click();
  assert.ok(await page.locator("#header-q").isVisible(), "Search opens the search field");
  await page.close();
});

test("phone: the first screen of a brief shows its text; links to the sidebars follow it", { timeout: 30_000 }, async () => {
  const page = await phone.context.newPage();
  await page.goto(phone.server.url(CENTRAL_BRIEF));
  const first = await page.locator(".editor-brief .prose p").first().boundingBox();
  assert.ok(first.y + 3 * 24 < PHONE.height, `three lines of the brief's text on the first screen (at ${first.y} px)`);
  const glance = page.locator(".editor-brief + .brief-glance");
  assert.equal(await glance.count(), 1, "links to Who, Where, Before this come right after The brief");
  await glance.locator("a", { hasText: "Who" }).click();
  // The jump may scroll smoothly: wait (up to 5 s) until the actors' heading is on screen.
  const onScreen = (y) => y >= 0 && y < PHONE.height;
  let y = (await page.locator("#sb-actors-h").boundingBox()).y;
  for (let i = 0; i < 50 && !onScreen(y); i++) {
    await page.waitForTimeout(100);
    y = (await page.locator("#sb-actors-h").boundingBox()).y;
  }
  assert.ok(onScreen(y), `Who takes the reader to the actors (at ${y} px)`);
  await page.close();
});

test("phone: targets are at least 24 px", { timeout: 30_000 }, async () => {
  const page = await phone.context.newPage();
  await page.goto(phone.server.url(CENTRAL_BRIEF + "#site-nav"));
  const small = await page.evaluate(() =>
    [...document.querySelectorAll(".header-button, .site-nav a, a.note-ref, .brief-glance a")]
      .filter((a) => a.getClientRects().length)
      .map((a) => [a.textContent.trim(), a.getBoundingClientRect()])
      .filter(([, r]) => r.width < 24 || r.height < 24)
      .map(([t, r]) => `${t} ${Math.round(r.width)}×${Math.round(r.height)}`));
  assert.deepEqual(small, [], "targets smaller than 24 × 24 px");
  await page.close();
});

test("names in headings never break at their hyphen", { timeout: 30_000 }, async () => {
  const page = await phone.context.newPage();
  await page.setViewportSize({ width: 320, height: 740 });
  for (const rel of ["", CENTRAL_BRIEF, "incidents/2021-07-07-ain-al-asad-rockets/", "locations/ain-al-asad-air-base/"]) {
    await page.goto(phone.server.url(rel));
    const names = await page.evaluate(() =>
      [...document.querySelectorAll("h1 .nb, .card-title .nb")].map((s) => [s.textContent, s.getClientRects().length]));
    assert.ok(names.some(([t]) => t.startsWith("al-")), `${rel || "home"} has a hyphenated name`);
    for (const [t, lines] of names) assert.equal(lines, 1, `"${t}" stays on one line on ${rel || "home"}`);
  }
  await page.close();
});

test("pages without highlighted code do not link highlight.css", { timeout: 30_000 }, async () => {
  const page = await phone.context.newPage();
  for (const rel of Object.values(PAGES)) {
    await page.goto(phone.server.url(rel));
    assert.equal(await page.locator('link[href$="highlight.css"]').count(), 0, rel);
  }
  await page.close();
});

test("print: no header search or menu; every mention printed alike", { timeout: 30_000 }, async () => {
  const page = await phone.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(phone.server.url(CENTRAL_BRIEF));
  await page.emulateMedia({ media: "print" });
  for (const sel of [".header-search", ".header-buttons", ".site-nav"]) {
    assert.ok(!(await page.locator(sel).isVisible()), `${sel} is not printed`);
  }
  const looks = await page.evaluate(() =>
    [...new Set([...document.querySelectorAll(".article > p .mention")].map((m) => {
      const s = getComputedStyle(m);
      return `${s.borderBottomStyle} ${s.borderBottomWidth} ${s.textDecorationLine} ${s.color}`;
    }))]);
  assert.equal(looks.length, 1, `first and repeated mentions print alike: ${looks.join(" | ")}`);
  await page.emulateMedia({ media: "screen" });
  await page.close();
});

test("home: one rule between the lead and the row under it; no half-empty last row", { timeout: 30_000 }, async () => {
  const page = await phone.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(phone.server.url(""));
  const lead = await page.locator(".brief-card-lead").evaluate((e) => getComputedStyle(e).borderBottomWidth);
  assert.equal(lead, "0px", "the lead has no rule of its own under it");
  const tops = await page.locator(".home-secondary > li").evaluateAll((lis) =>
    lis.map((li) => `${getComputedStyle(li).borderTopWidth} ${Math.round(li.getBoundingClientRect().top)}`));
  assert.equal(new Set(tops).size, 1, `the secondary cards share one rule and one row: ${tops}`);
  const rest = await page.locator(".home-rest > li").evaluateAll((lis) =>
    lis.map((li) => Math.round(li.getBoundingClientRect().width)));
  assert.ok(new Set(rest).size <= 1, `the rest of the briefs have one width: ${rest}`);
  await page.close();
});

const scripted = servedSite({ viewport: { width: 1400, height: 900 } });

test("timeline: every year, styled filters, N of M shown from the start", { timeout: 30_000 }, async () => {
  const page = await scripted.context.newPage();
  await page.goto(scripted.server.url("timeline/"));
  const rows = await page.locator(".tl-item").count();
  assert.ok((await page.locator(".tl-year").count()) > 1, "a small site shows every year");
  assert.equal((await page.locator(".tl-shown").textContent()).trim(), `${rows} of ${rows} shown`);
  const appearance = await page.locator(".tl-field select").first().evaluate((s) => getComputedStyle(s).appearance);
  assert.equal(appearance, "none", "the selects are styled");
  assert.match(await page.locator(".tl-filter").textContent(), /Incident status/);
  await page.locator('select[name="status"]').selectOption("confirmed");
  const shown = await page.locator(".tl-item:visible").count();
  const text = await page.locator(".tl-shown").textContent();
  assert.match(text, new RegExp(`^${shown} of ${rows} shown \\(\\d+ briefs? reporting a confirmed incident\\)$`));
  assert.ok(await page.locator(".tl-brief:visible").count() > 0, "a status keeps the briefs reporting such incidents");
  await page.close();
});

for (const scheme of ["light", "dark"]) {
  for (const width of [375, 1400]) {
    test(`axe and screenshots, ${scheme} mode at ${width} px`, { timeout: 120_000 }, async (t) => {
      const context = await phone.browser.newContext({
        viewport: { width, height: width < 500 ? PHONE.height : 900 },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      const bad = [];
      for (const [name, rel] of Object.entries(PAGES)) {
        await page.goto(phone.server.url(rel), { waitUntil: "load" });
        await page.screenshot({ path: path.join(screenshotDir(), `phone-${name}-${width}-${scheme}.png`) });
        await page.evaluate(AXE);
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
          });
          return r.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
        });
        for (const v of violations) t.diagnostic(`${name}: ${v}`);
        bad.push(...violations.map((v) => `${name}: ${v}`));
      }
      await context.close();
      assert.deepEqual(bad, [], `serious or critical axe violations (${scheme}, ${width} px)`);
    });
  }
}

test("phone pages: no console errors, failed or off-site requests", () => {
  assert.deepEqual([...new Set(phone.problems)], []);
  assert.deepEqual([...new Set(scripted.problems)], []);
});
