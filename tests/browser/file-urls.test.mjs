// 6. A --file-urls build opened straight from disk (file://): a reader clicks from the home
//    page to a brief to an actor page, and every step lands on a real, styled page. Every
//    link of the disk build leads to a file, never to a bare folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { CENTRAL_BRIEF, siteDir, launchBrowser, newWatchedContext, until } from "./support.mjs";

let browser, context, problems, root, defaults;

before(async () => {
  root = siteDir("GLOSS_FILE_SITE_DIR");
  browser = await launchBrowser();
  ({ context, problems } = await newWatchedContext(browser, { viewport: { width: 1280, height: 900 } }));
  // The browser's own look of an unstyled body, to tell when the site's CSS is applied.
  const blank = await context.newPage();
  await blank.setContent("<!doctype html><body><p>x</p></body>");
  defaults = await blank.evaluate(bodyStyle);
  await blank.close();
});

after(async () => {
  await browser?.close();
});

function bodyStyle() {
  const s = getComputedStyle(document.body);
  return { margin: s.margin, fontFamily: s.fontFamily, color: s.color, background: s.backgroundColor };
}

const fileUrl = (rel) => pathToFileURL(path.join(root, rel)).href;

/** The page is a file of the build, and the site's stylesheet is in effect. */
async function assertLanded(page, what) {
  const url = new URL(page.url());
  assert.equal(url.protocol, "file:", `${what}: the browser is on a file:// page (${page.url()})`);
  const file = fileURLToPath(url);
  assert.ok(file.startsWith(root + path.sep), `${what}: the page is inside the build (${file})`);
  assert.ok(fs.statSync(file, { throwIfNoEntry: false })?.isFile(), `${what}: ${file} is a file`);
  assert.ok((await page.locator(".site-header").count()) > 0, `${what}: the page has the site header`);
  const style = await page.evaluate(bodyStyle);
  const changed = Object.keys(defaults).filter((k) => style[k] !== defaults[k]);
  assert.ok(changed.length >= 2, `${what}: the site's CSS is applied (body ${JSON.stringify(style)} vs default ${JSON.stringify(defaults)})`);
  assert.notEqual(style.margin, defaults.margin, `${what}: body margin comes from the site's CSS`);
}

test("home → brief → actor, clicking links of a --file-urls build opened from disk", { timeout: 30_000 }, async () => {
  const page = await context.newPage();
  await page.goto(fileUrl("index.html"));
  await assertLanded(page, "home");

  const brief = page.locator(`.brief-card .card-title a[href*="${CENTRAL_BRIEF}"]`).first();
  assert.equal(await brief.count(), 1, "the home page links the central brief");
  await brief.click();
  await page.waitForURL(fileUrl(path.join(CENTRAL_BRIEF, "index.html")));
  await assertLanded(page, "brief");
  assert.ok(await page.locator(".article").isVisible(), "the brief shows its article");

  // The hover cards' script runs from disk too.
  const mention = page.locator(".article a.mention[data-kind=actor]").first();
  await mention.hover();
  await until(() => page.locator(".gloss-card:visible").count(), { message: "a hover card from disk" });
  // Its shared part (a chunk script under cards/) loads from disk as well.
  assert.ok(await page.locator(".gloss-card .gc-summary").count(), "the card shows the first sentence from its chunk");

  const actor = page.locator(".sidebar-actors a[href]").first();
  const href = await actor.evaluate((a) => a.href);
  assert.match(href, /\/actors\/[^/]+\/index\.html$/, "sidebar actor links end in index.html");
  await actor.click();
  await page.waitForURL(href);
  await assertLanded(page, "actor");
  assert.equal(await page.locator(".backlinks").count(), 1, "the actor page has its .backlinks");

  // And back home by the site title.
  await page.locator(".site-title").click();
  await page.waitForURL(fileUrl("index.html"));
  await assertLanded(page, "home again");
  await page.close();
});

test("search works from disk", { timeout: 30_000 }, async () => {
  const page = await context.newPage();
  await page.goto(fileUrl("search/index.html") + "?q=hezbollah");
  await until(() => page.locator("#search-results li").count(), { message: "search results from disk" });
  const link = page.locator("#search-results a", { hasText: /^Kata.ib Hezbollah$/ }).first();
  assert.equal(await link.count(), 1, "Kata'ib Hezbollah is found");
  await link.click();
  await page.waitForURL(/\/actors\/kataib-hezbollah\/index\.html$/);
  await assertLanded(page, "search result");
  // Full text from disk too: the chunks load as scripts, not fetch().
  await page.goto(fileUrl("search/index.html") + "?q=telegram");
  await until(() => page.locator("#search-results li").count(), { message: "a word of an article body found from disk" });
  await page.goto(fileUrl("search/index.html") + "?q=rockets");
  await until(() => page.locator("#search-results li mark").count(), { message: "a highlighted snippet from disk" });
  // The header's search box of any page opens the search page of the disk build.
  await page.goto(fileUrl(CENTRAL_BRIEF + "index.html"));
  await page.locator("header form[role=search] input[type=search]").fill("hezbollah");
  await page.locator("header form[role=search] input[type=search]").press("Enter");
  await page.waitForURL(/\/search\/index\.html\?q=hezbollah$/);
  await until(() => page.locator("#search-results li").count(), { message: "results from the header box on disk" });
  await page.close();
});

test("every page of the disk build links only to files that exist", { timeout: 60_000 }, async () => {
  const page = await context.newPage();
  const queue = [fileUrl("index.html")];
  const seen = new Set(queue);
  const bad = new Map(); // target -> "target (why) linked from first page"
  while (queue.length && seen.size <= 200) {
    const url = queue.shift();
    await page.goto(url);
    // SVG links (the map's points) have an SVGAnimatedString `href`: resolve it by hand.
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => { try { return new URL(a.getAttribute("href"), document.baseURI).href; } catch { return ""; } }));
    for (const href of hrefs) {
      if (!href) continue;
      const u = new URL(href);
      if (u.protocol !== "file:") continue;
      u.hash = "";
      u.search = "";
      const file = fileURLToPath(u);
      const st = fs.statSync(file, { throwIfNoEntry: false });
      if (!st?.isFile()) {
        const target = path.relative(root, file) || ".";
        if (!bad.has(target)) {
          const from = path.relative(root, fileURLToPath(url));
          bad.set(target, `${target}${st ? "/ (a folder)" : " (missing)"}, linked from ${from}`);
        }
        continue;
      }
      if (file.endsWith(".html") && !seen.has(u.href)) {
        seen.add(u.href);
        queue.push(u.href);
      }
    }
  }
  assert.ok(seen.size > 20, `walked the disk build (${seen.size} pages)`);
  assert.deepEqual([...bad.values()].sort(), [], "links of the disk build that do not open a file");
  await page.close();
});

test("pages opened from disk: no console errors, failed or off-site requests", () => {
  // Missing files are reported by the tests above; anything else is listed here.
  assert.deepEqual([...new Set(problems)].filter((p) => !/ERR_FILE_NOT_FOUND/.test(p)), []);
});
