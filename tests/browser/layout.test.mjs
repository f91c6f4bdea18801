// 10. The brief page reads as a news page: the header gives the date once, "N notes" jumps
//     to the first note, no legend is needed for the mentions, the sidebars show the listed
//     actors with roles first with one-sentence summaries, and the rest is folded behind
//     "N more" that opens without JavaScript.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CENTRAL_BRIEF, servedSite } from "./support.mjs";

const site = servedSite({ viewport: { width: 1400, height: 900 }, javaScriptEnabled: false });

test("the brief header: date once, notes link to the notes, no legend", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url(CENTRAL_BRIEF));
  const dates = await page.locator(".brief-header time").allTextContents();
  assert.equal(new Set(dates).size, dates.length, `no date repeated in the header (${dates})`);
  const notes = page.locator(".dateline a", { hasText: /notes?$/ });
  const target = (await notes.getAttribute("href")).slice(1);
  assert.ok(await page.locator(`.article .note[id="${target}"]`).count(), `"N notes" jumps to a note (#${target})`);
  assert.equal(await page.locator(".mention-legend").count(), 0, "no key to learn before reading");
  assert.doesNotMatch(await page.locator("#article").textContent(), /\bKey:/, "no \"Key:\" line");
  await page.close();
});

test("sidebars: roles first, links without repeated summaries, the rest behind N more (no JS)", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url(CENTRAL_BRIEF));
  const actors = page.locator(".sidebar-actors > .entity-list > li");
  const roles = await actors.evaluateAll((lis) => lis.map((li) => !!li.querySelector(".role")));
  assert.ok(roles[0], "the first actor shown has a role");
  assert.ok(roles.indexOf(false) === -1 || roles.slice(roles.indexOf(false)).every((r) => !r),
    `actors with roles come first (${roles})`);
  // Issue 26: the sidebar links each entity; its summary is on its page and hover card.
  assert.equal(await page.locator(".brief-sidebar .entity-summary").count(), 0, "no repeated summaries");
  const more = page.locator(".sidebar-actors details.sidebar-more");
  assert.equal(await more.count(), 1, "the other actors are folded");
  const summary = await more.locator("summary").textContent();
  const hidden = more.locator("li").first();
  assert.ok(!(await hidden.isVisible()), "folded actors are hidden at first");
  await more.locator("summary").click();
  assert.ok(await hidden.isVisible(), "clicking the summary shows them, without JavaScript");
  const n = Number(summary.match(/\d+/)[0]);
  assert.equal(await more.locator("li").count(), n, `"${summary.trim()}" counts the folded actors`);
  const total = Number(await page.locator(".sidebar-actors .sidebar-heading .count").textContent());
  assert.equal(total, (await actors.count()) + n, "the heading counts every actor");
  await page.close();
});

test("every incident in the sidebar shows its status", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.goto(site.server.url(CENTRAL_BRIEF));
  const items = page.locator(".sidebar-incidents li");
  const statuses = await items.evaluateAll((lis) => lis.map((li) => li.querySelector(":scope > b[class^='status-']")?.textContent ?? ""));
  assert.ok(statuses.length > 0);
  for (const s of statuses) assert.match(s, /^(claimed|reported|confirmed|disputed)$/, `status shown: "${s}"`);
  // Its colour comes from its class (issue 26: no badge span per line).
  const [fg, bg] = await items.first().locator(":scope > b").evaluate((b) => {
    const style = getComputedStyle(b);
    return [style.color, style.backgroundColor];
  });
  assert.notEqual(bg, "rgba(0, 0, 0, 0)", `the status has its badge colour (${fg} on ${bg})`);
  await page.close();
});

test("layout pages: no console errors, failed or off-site requests", () => {
  assert.deepEqual([...new Set(site.problems)], []);
});
