// 8. Accessibility and Content-Security-Policy on the pages a reader meets first: axe-core
//    (npm, injected into each page) finds no serious or critical WCAG 2.2 A/AA violation, and
//    every page carries a CSP meta tag that allows only the site's own scripts and styles and
//    reports no violation while the page loads and its scripts run.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { CENTRAL_BRIEF, servedSite } from "./support.mjs";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const PAGES = {
  home: "",
  brief: CENTRAL_BRIEF,
  "arabic brief": "briefs/ain-al-asad-rockets-2021-07-07-ar/",
  actor: "actors/kataib-hezbollah/",
  location: "locations/ain-al-asad-air-base/",
  incident: "incidents/2021-07-07-ain-al-asad-rockets/",
  timeline: "timeline/",
  network: "network/",
  search: "search/?q=rockets",
  tags: "tags/",
  "home page 2": "page/2/",
};

const site = servedSite({ viewport: { width: 1280, height: 900 } });

/** Opens `rel` with a listener for CSP violations installed before any script runs. */
async function open(rel) {
  const page = await site.context.newPage();
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  const res = await page.goto(site.server.url(rel), { waitUntil: "load" });
  assert.equal(res.status(), 200, `${rel} loads`);
  return page;
}

for (const [name, rel] of Object.entries(PAGES)) {
  test(`${name} page: a strict CSP with no violations; axe finds no serious or critical issue`, { timeout: 60_000 }, async (t) => {
    const page = await open(rel);
    const csp = await page.$$eval('meta[http-equiv="Content-Security-Policy"]', (ms) => ms.map((m) => m.content));
    assert.equal(csp.length, 1, "one CSP meta tag");
    assert.match(csp[0], /script-src 'self'(;|$)/, "scripts only from the site");
    assert.match(csp[0], /style-src 'self'(;|$)/, "styles only from the site");
    assert.doesNotMatch(csp[0], /unsafe-inline|unsafe-eval/, "no unsafe-* source");
    const inline = await page.evaluate(() => ({
      scripts: [...document.querySelectorAll("script:not([src])")]
        .filter((s) => !/^application\/(ld\+)?json$/.test(s.type)).length,
      styles: document.querySelectorAll("style, [style]").length,
      handlers: [...document.querySelectorAll("*")].filter((e) =>
        [...e.attributes].some((a) => a.name.startsWith("on"))).length,
    }));
    // [style] set by the theme's own script through the CSSOM is allowed; none in markup.
    const markupStyles = await page.evaluate(async (url) => {
      const html = await (await fetch(url)).text();
      return (html.match(/<style|\sstyle=/g) || []).length;
    }, page.url());
    assert.equal(inline.scripts, 0, "no inline executable script");
    assert.equal(inline.handlers, 0, "no inline event handler");
    assert.equal(markupStyles, 0, "no inline style in the markup");

    // Give the hover cards a reason to run before reading the violations.
    const mention = page.locator(".article a.mention").first();
    if (await mention.count()) {
      await mention.focus();
      await page.waitForTimeout(500);
    }
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], "CSP violations");

    // Through the DevTools protocol: an injected <script> would be refused by the page's CSP.
    await page.evaluate(AXE);
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
      });
      return {
        passes: r.passes.length,
        violations: r.violations.map((v) => ({
          id: v.id, impact: v.impact, nodes: v.nodes.length,
          targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
        })),
      };
    });
    assert.ok(result.passes > 10, `axe ran its rules (${result.passes} passed)`);
    for (const v of result.violations) t.diagnostic(`axe ${v.impact} ${v.id} × ${v.nodes}: ${v.targets.join(", ")}`);
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    t.diagnostic(`axe: ${result.passes} rules passed, ${result.violations.length} violation kinds, ${bad.length} serious or critical`);
    assert.deepEqual(bad, [], "serious or critical axe violations");
    await page.close();
  });
}

test("a11y/CSP pages: no console errors, failed or off-site requests", () => {
  assert.deepEqual([...new Set(site.problems)], []);
});
