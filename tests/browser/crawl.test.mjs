// 5. Walk the whole site from the home page, breadth first, as a reader following links:
//    every page loads with no console error and no failed request, no request leaves
//    127.0.0.1, every link inside the site reaches something, and every #fragment exists.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  siteDir, startServer, launchBrowser, newWatchedContext, sitePath,
} from "./support.mjs";

const MAX_PAGES = 200;
const TIME_BUDGET_MS = 60_000;

let server, browser;

before(async () => {
  server = await startServer(siteDir());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Everything the crawl learned, shared by the tests below. */
let crawl;

async function walk() {
  const { context, problems } = await newWatchedContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const start = Date.now();
  const queue = [server.url("")];
  const queued = new Set(queue);
  const pages = new Map(); // url -> { ids: Set, title }
  const files = new Map(); // url -> status of non-HTML resources
  const brokenLinks = []; // { from, to, status }
  const fragments = []; // { from, to, hash }
  const offsiteLinks = new Set();
  const linkedFrom = new Map(); // url -> first page linking to it

  while (queue.length && pages.size < MAX_PAGES && Date.now() - start < TIME_BUDGET_MS) {
    const url = queue.shift();
    const from = linkedFrom.get(url) ?? "(start)";
    const rel = sitePath(url, server.base);
    const looksHtml = rel === "" || rel.endsWith("/") || rel.endsWith(".html");
    if (!looksHtml) {
      // Feeds, data files: fetch them rather than open them in a tab.
      const res = await context.request.get(url, { maxRedirects: 0 });
      files.set(url, res.status());
      if (res.status() >= 400) brokenLinks.push({ from, to: url, status: res.status() });
      else if (/\.(json|geojson)$/.test(rel)) {
        try {
          JSON.parse(await res.text());
        } catch (e) {
          brokenLinks.push({ from, to: url, status: `invalid JSON: ${e.message}` });
        }
      }
      continue;
    }
    const res = await page.goto(url, { waitUntil: "load" });
    const status = res?.status() ?? 0;
    if (status >= 400) {
      brokenLinks.push({ from, to: url, status });
      continue;
    }
    const info = await page.evaluate(() => ({
      title: document.title,
      h1: document.querySelectorAll("h1").length,
      ids: [...document.querySelectorAll("[id]")].map((e) => e.id)
        .concat([...document.querySelectorAll("a[name]")].map((e) => e.getAttribute("name"))),
      // getAttribute, not .href: an SVG link's (the map's points) is an SVGAnimatedString.
      links: [...document.querySelectorAll("a[href]")].map((a) => { try { return new URL(a.getAttribute("href"), document.baseURI).href; } catch { return ""; } }),
      type: document.contentType,
    }));
    pages.set(url, { ids: new Set(info.ids), title: info.title, h1: info.h1, type: info.type });
    for (const href of info.links) {
      let u;
      try {
        u = new URL(href);
      } catch {
        continue;
      }
      if (u.protocol !== "http:" && u.protocol !== "https:") continue;
      if (sitePath(u.href, server.base) === null) {
        offsiteLinks.add(u.href);
        continue;
      }
      const hash = decodeURIComponent(u.hash.slice(1));
      u.hash = "";
      const target = u.href;
      if (hash) fragments.push({ from: url, to: target, hash });
      if (!queued.has(target)) {
        queued.add(target);
        linkedFrom.set(target, url);
        queue.push(target);
      }
    }
  }
  const finished = queue.length === 0;
  await context.close();
  return {
    pages, files, brokenLinks, fragments, offsiteLinks, problems, finished,
    ms: Date.now() - start,
  };
}

test("crawl every page reachable from the home page", { timeout: 90_000 }, async (t) => {
  crawl = await walk();
  t.diagnostic(`crawled ${crawl.pages.size} pages and ${crawl.files.size} other files in ${crawl.ms} ms`);
  assert.ok(crawl.pages.size >= 20, `the crawl found a real site (${crawl.pages.size} pages)`);
  assert.ok(crawl.finished, `the crawl finished within ${MAX_PAGES} pages and ${TIME_BUDGET_MS} ms (${crawl.pages.size} pages in ${crawl.ms} ms)`);
});

test("every page loads with no console error, no failed request and nothing off 127.0.0.1", () => {
  assert.ok(crawl, "the crawl ran");
  assert.deepEqual([...new Set(crawl.problems)], []);
});

test("every link inside the site reaches a page or file", () => {
  assert.ok(crawl, "the crawl ran");
  const broken = crawl.brokenLinks.map((b) => `${b.status}: ${sitePath(b.to, server.base)} (linked from ${sitePath(b.from, server.base) ?? b.from})`);
  assert.deepEqual(broken, []);
});

test("every #fragment link points at an element of its page", () => {
  assert.ok(crawl, "the crawl ran");
  const missing = [];
  for (const f of crawl.fragments) {
    const target = crawl.pages.get(f.to);
    if (!target) continue; // a broken page is reported above
    if (!target.ids.has(f.hash)) {
      missing.push(`${sitePath(f.to, server.base)}#${f.hash} (linked from ${sitePath(f.from, server.base)})`);
    }
  }
  assert.deepEqual([...new Set(missing)], []);
});

test("every page has a title and one h1", () => {
  assert.ok(crawl, "the crawl ran");
  const bad = [];
  for (const [url, p] of crawl.pages) {
    if (!p.title.trim()) bad.push(`${sitePath(url, server.base)}: empty <title>`);
    if (p.type === "text/html" && p.h1 !== 1) bad.push(`${sitePath(url, server.base)}: ${p.h1} h1 elements`);
  }
  assert.deepEqual(bad, []);
});

test("every page in sitemap.xml is reachable by links from the home page", { timeout: 30_000 }, async () => {
  assert.ok(crawl, "the crawl ran");
  const ctx = await browser.newContext();
  const res = await ctx.request.get(server.url("sitemap.xml"));
  assert.equal(res.status(), 200, "the site has a sitemap.xml");
  const xml = await res.text();
  const locs = [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1]);
  assert.ok(locs.length > 0, "sitemap.xml lists pages");
  const unreached = [];
  for (const loc of locs) {
    // The sitemap names the build's base URL; map it onto this server.
    const rel = sitePath(loc, new URL("/repo/", loc).href);
    assert.notEqual(rel, null, `sitemap URL ${loc} is under /repo/`);
    const url = server.url(rel);
    if (!crawl.pages.has(url) && !crawl.files.has(url)) unreached.push(rel);
  }
  await ctx.close();
  assert.deepEqual(unreached, [], "pages in the sitemap that no link leads to");
});

test("an unknown address gets the site's 404 page, styled, with status 404", { timeout: 30_000 }, async () => {
  const missing = server.url("no/such/page/");
  const { context, problems } = await newWatchedContext(browser, {}, {
    // The 404 status of the page itself is the point of this test.
    allow: (url, kind) => (kind === "http" || kind === "console") && url === missing,
  });
  const page = await context.newPage();
  const res = await page.goto(missing);
  assert.equal(res.status(), 404);
  const text = await page.locator("main").textContent();
  assert.match(text, /not found/i, "the 404 page says the page was not found");
  const margin = await page.evaluate(() => getComputedStyle(document.body).margin);
  assert.notEqual(margin, "8px", "the site's CSS is applied on the 404 page, at any depth");
  // Its links lead back into the site.
  await page.locator("main a[href]").first().click();
  await page.waitForLoadState("load");
  assert.notEqual(sitePath(page.url(), server.base), null);
  assert.ok(await page.locator(".brief-card").count() > 0 || (await page.title()).length > 0);
  await context.close();
  assert.deepEqual([...new Set(problems)], []);
});
