// 2. Mentions in the central brief: linked names of actors and places, a hover card after a
//    short delay on pointer hover and on keyboard focus (a disclosure whose link Tab
//    reaches), Escape to close it, never off-screen, and a click through to the entity page,
//    whose backlinks list the brief. Quiet text: later mentions are plain but focusable and
//    open their card by keyboard; the card shows the role here, the first sentence, the latest
//    incident and a close button; at most one underline per 40 words of the article.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CENTRAL_BRIEF, servedSite, until, overlaps, sitePath,
} from "./support.mjs";

const site = servedSite({ viewport: { width: 1280, height: 900 } });

const CARD = ".gloss-card";

async function openBrief() {
  const page = await site.context.newPage();
  const res = await page.goto(site.server.url(CENTRAL_BRIEF));
  assert.equal(res.status(), 200);
  return page;
}

/** The visible hover card's name line, or null when no card is shown. */
async function shownCard(page) {
  return page.evaluate((sel) => {
    const cards = [...document.querySelectorAll(sel)].filter((c) => {
      if (c.hidden) return false;
      const r = c.getBoundingClientRect();
      const s = getComputedStyle(c);
      return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none";
    });
    if (cards.length !== 1) return cards.length ? { error: `${cards.length} cards shown` } : null;
    const c = cards[0];
    const r = c.getBoundingClientRect();
    return {
      text: c.textContent,
      name: (c.querySelector(".gc-name") || c).textContent.trim(),
      id: c.id,
      rect: { left: r.left, right: r.right, top: r.top, bottom: r.bottom },
    };
  }, CARD);
}

/** The name an entity page gives itself (its h1), read from a second tab. */
async function entityName(href) {
  const p = await site.context.newPage();
  await p.goto(href);
  const name = (await p.locator("h1").first().textContent()).trim();
  await p.close();
  return name;
}

test("the article links actors and locations to their pages", { timeout: 30_000 }, async () => {
  const page = await openBrief();
  const actors = page.locator(".article a.mention[data-kind=actor]");
  const places = page.locator(".article a.mention[data-kind=location]");
  assert.ok((await actors.count()) > 0, "the article has a.mention[data-kind=actor] links");
  assert.ok((await places.count()) > 0, "the article has a.mention[data-kind=location] links");

  const links = await page.$$eval(".article a.mention", (els) =>
    els.map((a) => ({
      kind: a.dataset.kind,
      // A link names its entity by its href alone (issue 26): the last folder is the slug.
      entity: a.getAttribute("href").replace(/index\.html$/, "").split("/").filter(Boolean).pop(),
      href: a.href,
      text: a.textContent,
    })),
  );
  for (const l of links) {
    const want = l.kind === "actor" ? `actors/${l.entity}/` : `locations/${l.entity}/`;
    assert.equal(sitePath(l.href, site.server.base), want, `mention "${l.text}" links to its ${l.kind} page`);
  }
  // Known names of the demo article are linked (apostrophes as printed in the article).
  const slugs = new Set(links.map((l) => l.entity));
  for (const slug of ["kataib-hezbollah", "wayne-marotto", "ain-al-asad-air-base", "anbar-province"]) {
    assert.ok(slugs.has(slug), `the article links a mention of ${slug}`);
  }
  await page.close();
});

test("hovering a mention shows a hover card with the entity's name; leaving hides it", { timeout: 30_000 }, async () => {
  const page = await openBrief();
  for (const kind of ["actor", "location"]) {
    const m = page.locator(`.article a.mention[data-kind=${kind}]`).first();
    const href = await m.evaluate((a) => a.href);
    const name = await entityName(href);

    assert.equal(await shownCard(page), null, "no card is shown before hovering");
    await m.scrollIntoViewIfNeeded();
    const hoveredAt = Date.now();
    await m.hover();
    await page.waitForTimeout(120);
    assert.equal(await shownCard(page), null, "no card flashes the instant the pointer arrives");
    const card = await until(() => shownCard(page), { message: `a hover card for the ${kind} mention` });
    assert.ok(Date.now() - hoveredAt >= 300, "the card opens after a delay of about 400 ms");
    assert.equal(card.error, undefined, card.error);
    assert.equal(card.name, name, `the card names the ${kind} as its page does`);
    assert.equal(await m.getAttribute("aria-expanded"), "true", "the mention says its card is open");
    assert.equal(await m.getAttribute("aria-controls"), card.id, "the mention controls the card");
    assert.notEqual(await page.locator(CARD).getAttribute("role"), "tooltip", "a card holding a link is not a tooltip");

    // The card must not cover the name it is about, and must stay in the viewport.
    const box = await m.evaluate((a) => {
      const r = a.getClientRects()[0];
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    assert.ok(!overlaps(card.rect, box), `the card does not cover the mention (${JSON.stringify({ card: card.rect, box })})`);
    const vw = await page.evaluate(() => document.documentElement.clientWidth);
    assert.ok(card.rect.left >= 0 && card.rect.right <= vw, "the card fits the viewport horizontally");

    // Move the pointer far away: the card goes after its short delay.
    await page.mouse.move(2, 2);
    await until(async () => (await shownCard(page)) === null, { message: "the card to hide after the pointer leaves" });
  }
  await page.close();
});

test("Tab onto a mention shows its card, Escape hides it", { timeout: 30_000 }, async () => {
  const page = await openBrief();
  // Tab from the top of the page until focus lands on a mention in the article.
  let focused = null;
  for (let i = 0; i < 120 && !focused; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => {
      const a = document.activeElement;
      return a && a.matches(".article a.mention") ? { href: a.href } : null;
    });
  }
  assert.ok(focused, "Tab reaches a mention in the article");
  const name = await entityName(focused.href);

  const card = await until(() => shownCard(page), { message: "a card for the focused mention" });
  assert.equal(card.name, name, "the card names the focused entity");

  await page.keyboard.press("Escape");
  await until(async () => (await shownCard(page)) === null, { message: "Escape to hide the card" });
  const still = await page.evaluate(() => document.activeElement?.href);
  assert.equal(still, focused.href, "focus stays on the mention after Escape");

  // The next Tab moves on to another link; if it is a mention, its card shows.
  await page.keyboard.press("Tab");
  const next = await page.evaluate(() => {
    const a = document.activeElement;
    return a && a.matches(".article a.mention") ? a.href : null;
  });
  if (next) {
    const card2 = await until(() => shownCard(page), { message: "a card for the next mention" });
    assert.equal(card2.name, await entityName(next));
  }
  await page.close();
});

test("a card opened by keyboard: Tab enters it and reaches its link; Escape returns to the mention", { timeout: 30_000 }, async () => {
  const page = await openBrief();
  const m = page.locator(".article a.mention").first();
  await m.focus();
  const entity = (await m.getAttribute("href")).replace(/index\.html$/, "").split("/").filter(Boolean).pop();
  const card = await until(() => shownCard(page), { message: "a card for the focused mention" });
  assert.equal(card.error, undefined, card.error);
  // Tab enters the card; its profile link is reached before focus leaves it.
  let inCard = null;
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    const where = await page.evaluate(() => {
      const a = document.activeElement;
      return {
        inside: !!(a && a.closest(".gloss-card")),
        link: a && a.matches("a.gc-link[href]") ? a.getAttribute("href") : null,
      };
    });
    if (!where.inside || where.link) { inCard = where.link; break; }
  }
  assert.ok(inCard, "Tab from the mention moves focus to the profile link in its card");
  assert.ok(inCard.endsWith(`/${entity}/`), `the card's link goes to the entity's page (${inCard})`);
  assert.ok(await shownCard(page), "the card stays open while focus is inside it");
  await page.keyboard.press("Escape");
  await until(async () => (await shownCard(page)) === null, { message: "Escape to close the card" });
  assert.ok(await m.evaluate((el) => document.activeElement === el),
    "Escape inside the card returns focus to its mention");
  await page.waitForTimeout(600);
  assert.equal(await shownCard(page), null, "the card does not reopen when focus returns");
  // Tab past the card: it closes when focus leaves both mention and card.
  await page.keyboard.press("Tab");
  await page.waitForTimeout(500);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const open = await shownCard(page);
  if (open) {
    const active = await page.evaluate(() => {
      const a = document.activeElement;
      return a?.matches?.(".mention") ? "a mention" : (a?.closest(".gloss-card") ? "in the card" : null);
    });
    assert.ok(active, "a card is only open while its mention or the card has focus");
  }
  await page.close();
});

test("on a phone the card never leaves the screen", { timeout: 30_000 }, async () => {
  const page = await site.context.newPage();
  await page.setViewportSize({ width: 400, height: 700 });
  await page.goto(site.server.url(CENTRAL_BRIEF));
  const mentions = page.locator(".article a.mention");
  const n = Math.min(await mentions.count(), 6);
  for (let i = 0; i < n; i++) {
    const m = mentions.nth(i);
    await m.scrollIntoViewIfNeeded();
    await m.focus();
    const card = await until(() => shownCard(page), { message: `a card for mention ${i}` });
    const vw = await page.evaluate(() => document.documentElement.clientWidth);
    const vh = await page.evaluate(() => window.innerHeight);
    assert.ok(card.rect.left >= 0 && card.rect.right <= vw, `card ${i} fits horizontally (${JSON.stringify(card.rect)})`);
    assert.ok(card.rect.top >= 0 && card.rect.bottom <= vh, `card ${i} fits vertically (${JSON.stringify(card.rect)})`);
    await page.keyboard.press("Escape");
  }
  await page.close();
});

test("clicking a mention opens the entity page, whose backlinks list the brief", { timeout: 30_000 }, async () => {
  const page = await openBrief();
  const briefTitle = (await page.locator("h1").first().textContent()).trim();
  for (const sel of [
    '.article a.mention[data-kind=actor][href*="/kataib-hezbollah/"]',
    ".article a.mention[data-kind=location]",
  ]) {
    const m = page.locator(sel).first();
    assert.equal(await m.count(), 1, `${sel} exists`);
    const href = await m.evaluate((a) => a.href);
    await m.scrollIntoViewIfNeeded();
    await m.click();
    await page.waitForURL(href);
    const backlinks = page.locator(".backlinks");
    assert.equal(await backlinks.count(), 1, `${href} has a .backlinks section`);
    await backlinks.scrollIntoViewIfNeeded();
    assert.ok(await backlinks.isVisible(), ".backlinks is visible");
    const targets = await backlinks.locator("a[href]").evaluateAll((as) => as.map((a) => ({ href: a.href, text: a.textContent.trim() })));
    const toBrief = targets.filter((t) => sitePath(t.href, site.server.base) === CENTRAL_BRIEF);
    assert.ok(toBrief.length > 0, `${href}: .backlinks links to the brief`);
    assert.ok(toBrief.some((t) => t.text === briefTitle), `${href}: .backlinks names the brief "${briefTitle}"`);
    await page.goBack();
    await page.waitForURL(site.server.url(CENTRAL_BRIEF));
  }
  await page.close();
});

test("every entity linked from the brief lists the brief in its backlinks", { timeout: 30_000 }, async () => {
  const page = await openBrief();
  const hrefs = [...new Set(await page.$$eval(".article a.mention", (as) => as.map((a) => a.href)))];
  assert.ok(hrefs.length > 0);
  const missing = [];
  for (const href of hrefs) {
    await page.goto(href);
    const paths = await page
      .locator(".backlinks a[href]")
      .evaluateAll((as) => as.map((a) => a.href));
    if (!paths.some((p) => sitePath(p, site.server.base) === CENTRAL_BRIEF)) missing.push(sitePath(href, site.server.base));
  }
  assert.deepEqual(missing, [], "entity pages whose .backlinks do not list the brief");
  await page.close();
});

test("a repeat mention is plain text, reached by Tab, and opens its card with Enter", { timeout: 30_000 }, async () => {
  const page = await openBrief();
  const repeat = page.locator(".article span.mention").first();
  assert.equal(await repeat.count(), 1, "the article names someone twice");
  const entity = await repeat.getAttribute("data-entity");
  assert.equal(await repeat.getAttribute("tabindex"), "0", "a repeat is focusable");
  assert.equal(await repeat.getAttribute("role"), "button", "a repeat says it opens something");
  assert.equal(await repeat.getAttribute("aria-expanded"), "false");
  // Reach it by keyboard: Tab from the element before it.
  await repeat.evaluate((m) => {
    const before = [...document.querySelectorAll("a[href], [tabindex='0']")]
      .filter((e) => e.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    before.focus();
  });
  await page.keyboard.press("Escape");
  let reached = false;
  for (let i = 0; i < 6 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await repeat.evaluate((m) => document.activeElement === m);
  }
  assert.ok(reached, "Tab reaches the repeat mention");
  await page.keyboard.press("Enter");
  const card = await until(() => shownCard(page), { message: "Enter on a repeat mention opens its card" });
  assert.equal(card.error, undefined, card.error);
  assert.equal(await repeat.getAttribute("aria-expanded"), "true");
  const first = page.locator(`.article a.mention[href*="/${entity}/"]`).first();
  assert.equal(card.name, await entityName(await first.evaluate((a) => a.href)), "the card names the entity");
  await page.keyboard.press("Escape");
  await until(async () => (await shownCard(page)) === null, { message: "Escape to close" });
  assert.ok(await repeat.evaluate((m) => document.activeElement === m), "focus stays on the repeat");
  await page.close();
});

test("a card shows the role here, the first sentence, the latest incident, a count and a close button", { timeout: 30_000 }, async () => {
  const page = await openBrief();
  // Wayne Marotto: given a role by the brief, with a description and incidents.
  const m = page.locator('.article a.mention[href*="/wayne-marotto/"]');
  await m.focus();
  await until(() => shownCard(page), { message: "a card for Wayne Marotto" });
  const card = page.locator(CARD);
  assert.match(await card.locator(".gc-role").textContent(), /coalition spokesman/, "the role this brief gives");
  const summary = (await card.locator(".gc-summary").textContent()).trim();
  assert.match(summary, /[.!?…]$/, `one sentence of the entity's own text (${summary})`);
  const incident = card.locator(".gc-incident");
  assert.equal(await incident.locator("a[href*='incidents/']").count(), 1, "the latest incident links its page");
  assert.match(await incident.locator("time").getAttribute("datetime"), /^\d{4}(-\d\d){0,2}$/);
  assert.match(await card.locator(".gc-counts").textContent(), /Named (once|\d+×) here/);
  const close = card.locator("button.gc-close");
  assert.equal(await close.getAttribute("aria-label"), "Close card");
  const box = await close.boundingBox();
  assert.ok(box.width >= 24 && box.height >= 24, `a close button big enough to tap (${JSON.stringify(box)})`);
  await close.click();
  await until(async () => (await shownCard(page)) === null, { message: "the close button closes the card" });
  assert.ok(await m.evaluate((el) => document.activeElement === el), "focus returns to the mention");
  // The page itself holds no shared card data: that comes from a chunk under cards/.
  const own = await page.locator("#gloss-cards").textContent();
  assert.doesNotMatch(own, /"summary"|"name"/, "the page inlines only its own part of the cards");
  await page.close();
});

test("quiet text: at most one underline per 40 words, links told apart by colour at 3:1", { timeout: 30_000 }, async () => {
  const page = await openBrief();
  await page.mouse.move(0, 0);
  const r = await page.evaluate(() => {
    const lum = (c) => {
      const [r, g, b] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
    const paras = [...document.querySelectorAll(".article > p")];
    const words = paras.reduce((n, p) => n + p.textContent.split(/\s+/).filter(Boolean).length, 0);
    const underlined = paras.flatMap((p) => [...p.querySelectorAll("*")]).filter((e) => {
      const s = getComputedStyle(e);
      return s.textDecorationLine.includes("underline") ||
        (parseFloat(s.borderBottomWidth) > 0 && s.borderBottomStyle !== "none");
    });
    const links = paras.flatMap((p) => [...p.querySelectorAll("a.mention")]);
    const weakest = Math.min(...links.map((a) => ratio(getComputedStyle(a).color, getComputedStyle(a.parentElement).color)));
    return { words, underlined: underlined.length, links: links.length, weakest };
  });
  console.log(`quiet text: ${r.words} words, ${r.underlined} underlined, ${r.links} mention links, weakest link/text contrast ${r.weakest.toFixed(2)}`);
  assert.ok(r.links > 0);
  assert.ok(r.underlined === 0 || r.words / r.underlined >= 40, `one underline per ${(r.words / r.underlined).toFixed(1)} words`);
  assert.ok(r.weakest >= 3, `mention links differ from the text by colour at 3:1 or more (${r.weakest.toFixed(2)})`);
  await page.close();
});

test("in print, first and later mentions look alike: as the text around them", { timeout: 30_000 }, async () => {
  const page = await openBrief();
  await page.emulateMedia({ media: "print" });
  const looks = await page.evaluate(() => {
    const look = (e) => {
      const s = getComputedStyle(e);
      return [s.color, s.textDecorationLine, s.borderBottomStyle === "none" ? "0" : s.borderBottomWidth].join(" ");
    };
    const first = document.querySelector(".article > p a.mention");
    const repeat = document.querySelector(".article > p span.mention");
    return { first: look(first), repeat: look(repeat), text: look(first.parentElement) };
  });
  assert.equal(looks.first, looks.repeat, "a first mention prints like a later one");
  assert.equal(looks.first, looks.text, "mentions print like the text around them");
  await page.close();
});

test("mention pages: no console errors, failed or off-site requests", () => {
  assert.deepEqual([...new Set(site.problems)], []);
});
