// 3. Passage notes on the central brief: marked passages, numbered references that lead to
//    their note, notes in the right margin on a wide screen and in the text flow on a phone,
//    never on top of the article's words.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CENTRAL_BRIEF, servedSite, until, overlaps,
} from "./support.mjs";

const site = servedSite();

async function openBrief(width, height = 900) {
  const page = await site.context.newPage();
  await page.setViewportSize({ width, height });
  const res = await page.goto(site.server.url(CENTRAL_BRIEF));
  assert.equal(res.status(), 200);
  await page.evaluate(() => document.fonts.ready);
  return page;
}

/** Boxes (page coordinates) of the article's text blocks and of its notes. */
async function layout(page) {
  return page.evaluate(() => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return {
        left: r.left + scrollX, right: r.right + scrollX,
        top: r.top + scrollY, bottom: r.bottom + scrollY, width: r.width, height: r.height,
      };
    };
    const article = document.querySelector(".article");
    const text = [...article.querySelectorAll(":scope > :not(.note)")]
      .filter((el) => !el.closest(".note"))
      .map((el) => ({ id: el.id || el.tagName.toLowerCase(), ...box(el) }));
    const notes = [...article.querySelectorAll(".note")].map((n) => ({ id: n.id, ...box(n) }));
    const main = document.querySelector("main");
    const sidebar = document.querySelector(".sidebar");
    return {
      article: box(article),
      text,
      notes,
      main: main && box(main),
      sidebar: sidebar && box(sidebar),
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    };
  });
}

test("marked passages, note references and notes match one to one", { timeout: 30_000 }, async () => {
  const page = await openBrief(1400);
  const marks = page.locator(".article mark.noted");
  assert.ok((await marks.count()) > 0, "the article has mark.noted passages");

  const refs = await page.$$eval(".article a.note-ref", (as) =>
    as.map((a) => ({ href: a.getAttribute("href"), note: a.dataset.note, text: a.textContent.trim(), label: a.getAttribute("aria-label") || a.textContent })),
  );
  assert.ok(refs.length > 0, "the article has a.note-ref links");
  const notes = await page.$$eval("aside.note", (ns) => ns.map((n) => n.id));
  assert.ok(notes.length > 0, "the page has aside.note elements");

  for (const r of refs) {
    assert.match(r.href, /^#note-\d+$/, `a.note-ref links to #note-N (${r.href})`);
    const id = r.href.slice(1);
    assert.equal(await page.locator(`aside.note[id="${id}"]`).count(), 1, `${r.href} names one existing aside.note`);
    assert.ok(r.label.trim(), `${r.href}: the reference has an accessible label`);
    assert.equal(r.text, r.note, `${r.href}: the reference shows its number as real text`);
  }
  const referenced = new Set(refs.map((r) => r.href.slice(1)));
  for (const id of notes) assert.ok(referenced.has(id), `aside.note#${id} is referenced from the text`);
  assert.equal(referenced.size, refs.length, "each note is referenced once");

  const markNotes = new Set(await marks.evaluateAll((ms) => ms.map((m) => m.dataset.note)));
  for (const n of markNotes) {
    assert.ok(notes.includes(`note-${n}`), `mark.noted[data-note=${n}] has its note #note-${n}`);
  }
  await page.close();
});

for (const width of [1400, 400]) {
  test(`clicking a note reference targets and shows the note (${width}px)`, { timeout: 30_000 }, async () => {
    const page = await openBrief(width, 700);
    const refs = page.locator(".article a.note-ref");
    // The last reference sits lowest in the article: following it needs a scroll.
    const ref = refs.last();
    const href = await ref.getAttribute("href");
    await ref.scrollIntoViewIfNeeded();
    await ref.click();
    await page.waitForURL((u) => u.hash === href);
    const target = await page.evaluate(() => document.querySelector(":target")?.id);
    assert.equal(target, href.slice(1), "the note is the :target");
    // Smooth scrolling may be on: wait until the note is in the viewport.
    await until(
      () =>
        page.evaluate((id) => {
          const r = document.getElementById(id).getBoundingClientRect();
          return r.top >= -1 && r.top < innerHeight && r.height > 0;
        }, target),
      { message: `${href} to scroll into view` },
    );
    await page.close();
  });
}

test("at 1400px each note sits in the margin to the right of the article's text", { timeout: 30_000 }, async () => {
  const page = await openBrief(1400);
  const l = await layout(page);
  assert.ok(l.notes.length > 0);
  const textRight = Math.max(...l.text.map((t) => t.right));
  for (const n of l.notes) {
    assert.ok(n.left >= textRight - 1, `${n.id} (left ${n.left}) is right of the text column (right ${textRight})`);
    assert.ok(n.width >= 120, `${n.id} is a readable width (${n.width}px)`);
    for (const t of l.text) assert.ok(!overlaps(n, t), `${n.id} does not overlap ${t.id}`);
    if (l.sidebar) assert.ok(!overlaps(n, l.sidebar), `${n.id} does not overlap the sidebar`);
    assert.ok(n.right <= l.clientWidth, `${n.id} is inside the viewport (right ${n.right})`);
  }
  for (let i = 0; i < l.notes.length; i++) {
    for (let j = i + 1; j < l.notes.length; j++) {
      assert.ok(!overlaps(l.notes[i], l.notes[j]), `${l.notes[i].id} and ${l.notes[j].id} do not overlap`);
    }
  }
  // Each note starts near its reference (alignNotes moves it up to the reference's line).
  for (const n of l.notes) {
    const refTop = await page.evaluate((id) => {
      const r = document.querySelector(`.article a.note-ref[href="#${id}"]`).getBoundingClientRect();
      return r.top + scrollY;
    }, n.id);
    assert.ok(n.top >= refTop - 40, `${n.id} does not start far above its reference (${n.top} vs ${refTop})`);
  }
  assert.ok(l.scrollWidth <= l.clientWidth, "no horizontal scrolling at 1400px");
  await page.close();
});

test("at 400px notes are inline in the article column, between paragraphs", { timeout: 30_000 }, async () => {
  const page = await openBrief(400);
  const l = await layout(page);
  assert.ok(l.notes.length > 0);
  for (const n of l.notes) {
    assert.ok(n.left >= l.article.left - 1 && n.right <= l.article.right + 1,
      `${n.id} [${n.left}, ${n.right}] is within the article column [${l.article.left}, ${l.article.right}]`);
    for (const t of l.text) assert.ok(!overlaps(n, t), `${n.id} does not overlap ${t.id}`);
    // In the flow: right after the paragraph holding its reference.
    const after = await page.evaluate((id) => {
      const ref = document.querySelector(`.article a.note-ref[href="#${id}"]`);
      const p = ref.closest(".article > *");
      const note = document.getElementById(id);
      return p.getBoundingClientRect().bottom <= note.getBoundingClientRect().top + 1;
    }, n.id);
    assert.ok(after, `${n.id} comes below the paragraph that refers to it`);
  }
  assert.ok(l.scrollWidth <= l.clientWidth, `no horizontal scrolling at 400px (scrollWidth ${l.scrollWidth})`);
  await page.close();
});

test("notes pages: no console errors, failed or off-site requests", () => {
  assert.deepEqual([...new Set(site.problems)], []);
});
