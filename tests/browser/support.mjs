import { before, after } from "node:test";
// Shared setup for the browser tests: where the built sites are, a small static server for
// them, headless Chromium, and a guard that records console errors, failed requests and any
// request that tries to leave 127.0.0.1.
//
// run.sh builds the demo site twice and exports:
//   GLOSS_SITE_DIR       the normal build, served here under /repo/
//   GLOSS_PORT           the port its --base-url names (the server uses it when it is free)
//   GLOSS_FILE_SITE_DIR  the --file-urls build, opened from disk
//   GLOSS_SCREENSHOT_DIR where screenshots go (default: $TMPDIR/gloss-browser-screenshots)

import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Every WCAG 2.2 A and AA violation axe-core finds on the page, of any impact, one line
 * each. axe is injected through the DevTools protocol, since the pages' CSP refuses inline
 * scripts.
 */
export async function axeViolations(page) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return r.violations.map((v) => `${v.id} (${v.impact}) × ${v.nodes.length}: ${v.nodes[0].target.join(" ")}`);
  });
}

export const CENTRAL_BRIEF = "briefs/ain-al-asad-rockets-2021-07-07/";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

/** The folder of a built site named by an environment variable set by run.sh. */
export function siteDir(variable = "GLOSS_SITE_DIR") {
  const dir = process.env[variable];
  if (!dir || !fs.existsSync(path.join(dir, "index.html"))) {
    throw new Error(
      `${variable} is not set to a built gloss site (${dir ?? "unset"}). ` +
        "Run the suite with `bash tests/browser/run.sh` from the repository root.",
    );
  }
  return path.resolve(dir);
}

export function screenshotDir() {
  const dir =
    process.env.GLOSS_SCREENSHOT_DIR || path.join(os.tmpdir(), "gloss-browser-screenshots");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".csv": "text/csv; charset=utf-8",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

function contentType(file) {
  if (path.basename(file) === "atom.xml") return "application/atom+xml";
  return TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
}

/**
 * Serve `root` under `/repo/` on 127.0.0.1, as a static host such as GitHub Pages would:
 * `x/` serves `x/index.html`, `x` (a folder) redirects to `x/`, anything missing gets the
 * site's 404.html with status 404. Tries `port` first and falls back to a free one. The
 * server stops by itself after `maxMs` even if a test forgets to stop it.
 */
export async function startServer(root, { port = Number(process.env.GLOSS_PORT) || 0, maxMs = 180_000 } = {}) {
  const prefix = "/repo/";
  const sendFile = (res, file, status, method) => {
    const body = fs.readFileSync(file);
    res.writeHead(status, {
      "Content-Type": contentType(file),
      "Content-Length": body.length,
      "Cache-Control": "no-store",
    });
    res.end(method === "HEAD" ? undefined : body);
  };
  const notFound = (res, method) => {
    const page = path.join(root, "404.html");
    if (fs.existsSync(page)) return sendFile(res, page, 404, method);
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(method === "HEAD" ? undefined : "404 (and the site has no 404.html)\n");
  };

  const server = http.createServer((req, res) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD" });
        return res.end();
      }
      const url = new URL(req.url, "http://127.0.0.1");
      if (url.pathname === "/repo") {
        res.writeHead(301, { Location: prefix + url.search });
        return res.end();
      }
      if (!url.pathname.startsWith(prefix)) return notFound(res, req.method);
      let rel;
      try {
        rel = decodeURIComponent(url.pathname.slice(prefix.length));
      } catch {
        return notFound(res, req.method);
      }
      const file = path.resolve(root, "." + path.posix.normalize("/" + rel));
      if (file !== root && !file.startsWith(root + path.sep)) return notFound(res, req.method);
      let stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat?.isDirectory()) {
        if (!url.pathname.endsWith("/")) {
          res.writeHead(301, { Location: url.pathname + "/" + url.search });
          return res.end();
        }
        const index = path.join(file, "index.html");
        stat = fs.statSync(index, { throwIfNoEntry: false });
        return stat?.isFile() ? sendFile(res, index, 200, req.method) : notFound(res, req.method);
      }
      if (stat?.isFile()) return sendFile(res, file, 200, req.method);
      return notFound(res, req.method);
    } catch (err) {
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(String(err));
    }
  });

  const listen = (p) =>
    new Promise((resolve, reject) => {
      const onError = (err) => reject(err);
      server.once("error", onError);
      server.listen(p, "127.0.0.1", () => {
        server.off("error", onError);
        resolve();
      });
    });
  try {
    await listen(port);
  } catch (err) {
    if (err.code !== "EADDRINUSE" || port === 0) throw err;
    await listen(0);
  }

  let stopped = false;
  const stop = () =>
    new Promise((resolve) => {
      if (stopped) return resolve();
      stopped = true;
      clearTimeout(deadline);
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const deadline = setTimeout(stop, maxMs);
  deadline.unref();

  const actualPort = server.address().port;
  const base = `http://127.0.0.1:${actualPort}${prefix}`;
  return { base, port: actualPort, url: (rel = "") => new URL(rel, base).href, stop };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}

function isLocal(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (["data:", "blob:", "file:", "about:"].includes(u.protocol)) return true;
  return u.hostname === "127.0.0.1";
}

/**
 * A browser context whose pages are all watched: `problems` collects console errors,
 * uncaught exceptions, failed requests, HTTP errors, and requests that would leave
 * 127.0.0.1 (those are also aborted, so the site is tested as if offline).
 * `allow(url, kind)` may excuse an expected problem (e.g. the status of a 404 test).
 */
export async function newWatchedContext(browser, options = {}, { allow = () => false } = {}) {
  const context = await browser.newContext(options);
  const problems = [];
  const note = (kind, url, text) => {
    if (!allow(url, kind, text)) problems.push(`${kind}: ${text}`);
  };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    note("offsite", url, `request leaves 127.0.0.1: ${url}`);
    return route.abort("blockedbyclient");
  });
  const watch = (page) => {
    page.on("console", (msg) => {
      if (msg.type() === "error") {
        // The browser's own line for a request the guard blocked: reported as offsite.
        if (msg.text().includes("ERR_BLOCKED_BY_CLIENT")) return;
        const where = msg.location()?.url || page.url();
        note("console", where, `console error on ${page.url()}: ${msg.text()}`);
      }
    });
    page.on("pageerror", (err) =>
      note("pageerror", page.url(), `uncaught exception on ${page.url()}: ${err.message}`),
    );
    page.on("requestfailed", (req) => {
      const why = req.failure()?.errorText || "failed";
      // A navigation that another navigation replaces is aborted by the browser: not a fault.
      if (why === "net::ERR_ABORTED" && req.isNavigationRequest()) return;
      // The icon is fetched after the page has loaded, and cancelled when the test moves on
      // to the next page; a missing icon still fails as an HTTP 404 below.
      if (why === "net::ERR_ABORTED" && new URL(req.url()).pathname.endsWith("/favicon.svg")) return;
      if (why.startsWith("net::ERR_BLOCKED_BY_CLIENT")) return; // already reported as offsite
      note("requestfailed", req.url(), `request failed on ${page.url()}: ${req.url()} (${why})`);
    });
    page.on("response", (res) => {
      if (res.status() >= 400) {
        note("http", res.url(), `HTTP ${res.status()} for ${res.url()} (on ${page.url()})`);
      }
    });
  };
  context.on("page", watch);
  return { context, problems };
}

/** Polls `fn` until it returns a truthy value, or throws after `timeout` ms. */
export async function until(fn, { timeout = 5_000, interval = 50, message = "condition" } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** The path of `url` relative to the served site's /repo/ folder, without query or hash. */
export function sitePath(url, base) {
  const u = new URL(url);
  const b = new URL(base);
  if (u.origin !== b.origin || !u.pathname.startsWith(b.pathname)) return null;
  return u.pathname.slice(b.pathname.length);
}

/** Do two DOM rectangles overlap (by more than `slack` px in both directions)? */
export function overlaps(a, b, slack = 1) {
  return (
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack
  );
}

/**
 * Serves the built site and opens a watched browser context for the tests of one file:
 * the returned object's `context` and `problems` are filled in before the first test, and
 * everything is closed after the last. `variable` names the build (run.sh sets
 * `GLOSS_SITE_DIR`, and `GLOSS_COMPACT_SITE_DIR` for the demo with compact pages).
 */
export function servedSite(contextOptions = {}, variable = "GLOSS_SITE_DIR") {
  const site = {};
  before(async () => {
    site.server = await startServer(siteDir(variable));
    site.browser = await launchBrowser();
    Object.assign(site, await newWatchedContext(site.browser, contextOptions));
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.stop();
  });
  return site;
}
