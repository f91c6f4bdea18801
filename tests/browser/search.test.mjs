// 4. Client-side search: a query in the address, results that follow typing, and result
//    links that open the page found.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  servedSite, until, sitePath,
} from "./support.mjs";

const site = servedSite({ viewport: { width: 1280, height: 900 } });

const INPUT = "#search-q, form[role=search] input[type=search]";

/** What the results list shows: title, link and kind of each result. */
async function results(page) {
  return page.$$eval("#search-results li", (lis) =>
    lis.map((li) => {
      const a = li.querySelector("a[href]");
      return {
        title: a?.textContent.trim(),
        href: a?.href,
        kind: li.querySelector(".kind-badge")?.textContent.trim(),
      };
    }),
  );
}

/** Waits until the page has rendered the results for `query` (the status line names it). */
async function settle(page, query) {
  await until(
    () => page.evaluate((q) => (document.getElementById("search-status")?.textContent || "").includes(`“${q}”`), query),
    { message: `the results for "${query}"` },
  );
}

async function resultsMatching(page, predicate, message) {
  return until(async () => {
    const r = await results(page);
    return predicate(r) ? r : null;
  }, { message });
}

test("search/?q=hezbollah lists the Kata'ib Hezbollah actor", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  const res = await page.goto(site.server.url("search/?q=hezbollah"));
  assert.equal(res.status(), 200);
  const r = await resultsMatching(page, (r) => r.length > 0, "results for ?q=hezbollah");
  const kh = r.find((x) => x.title === "Kata'ib Hezbollah" || x.title === "Kata’ib Hezbollah");
  assert.ok(kh, `Kata'ib Hezbollah is among the results: ${JSON.stringify(r.map((x) => x.title))}`);
  assert.equal(sitePath(kh.href, site.server.base), "actors/kataib-hezbollah/");
  assert.match(kh.kind ?? "", /actor/i, "the result is badged as an actor");
  assert.equal(await page.locator(INPUT).first().inputValue(), "hezbollah", "the box shows the query");
  for (const x of r) assert.ok(x.href && sitePath(x.href, site.server.base) !== null, `result "${x.title}" links inside the site`);
  await page.close();
});

test("typing in the box updates the results, and a result opens its page", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url("search/"));
  const input = page.locator(INPUT).first();
  assert.ok(await input.isVisible(), "the search box is visible");
  assert.equal((await results(page)).length, 0, "no results before typing");

  await input.click();
  await input.pressSequentially("hezbollah", { delay: 15 });
  await resultsMatching(page, (r) => r.some((x) => /Hezbollah/.test(x.title)), "results as one types 'hezbollah'");

  // A new query replaces the results.
  await input.fill("");
  await input.pressSequentially("erbil", { delay: 15 });
  await settle(page, "erbil");
  await resultsMatching(
    page,
    (r) => r.length > 0 && r.some((x) => x.title === "Erbil") && !r.some((x) => /^Kata.ib Hezbollah$/.test(x.title)),
    "results to change to those for 'erbil'",
  );
  await until(() => new URL(page.url()).searchParams.get("q") === "erbil", { message: `the address to follow the query (${page.url()})` });

  // Curly and straight apostrophes are the same to search.
  await input.fill("Kata’ib Hez");
  await settle(page, "Kata’ib Hez");
  await resultsMatching(page, (r) => r.some((x) => /^Kata.ib Hezbollah$/.test(x.title)), "a match for Kata’ib with a curly apostrophe");

  await input.fill("zzqxnotaword");
  await settle(page, "zzqxnotaword");
  await resultsMatching(page, (r) => r.length === 0, "no results for nonsense");
  const status = (await page.locator("#search-status").textContent()).trim();
  assert.ok(status.length > 0, "an empty result says so in the status line");

  // Click a result: it navigates to that page.
  await input.fill("erbil");
  await settle(page, "erbil");
  const list = await resultsMatching(page, (r) => r.some((x) => x.title === "Erbil"), "results for erbil again");
  const erbil = list.find((x) => x.title === "Erbil");
  await page.locator("#search-results a", { hasText: /^Erbil$/ }).first().click();
  await page.waitForURL(erbil.href);
  assert.equal(sitePath(page.url(), site.server.base), "locations/erbil/");
  assert.equal((await page.locator("h1").first().textContent()).trim(), "Erbil");
  await page.close();
});

test("pressing Enter in the box keeps the reader on the search page with results", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url("search/"));
  const input = page.locator(INPUT).first();
  await input.fill("soleimani");
  await input.press("Enter");
  const r = await resultsMatching(page, (r) => r.some((x) => x.title === "Qassem Soleimani"), "results after Enter");
  assert.ok(r.length > 0);
  assert.equal(sitePath(page.url(), site.server.base), "search/");
  await page.close();
});

test("search pages: no console errors, failed or off-site requests", () => {
  assert.deepEqual([...new Set(site.problems)], []);
});
