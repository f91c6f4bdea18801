// Bytes a reader's browser fetches for search, measured in headless Chromium on a built
// site (not a timing: the numbers are byte counts, the same on every machine).
//
//   node benches/search_fetch.mjs SITE_DIR PORT "query one" "query two" "query three"
//
// Serves SITE_DIR on 127.0.0.1:PORT, opens search/ once, types each query in turn (as a
// reader does in one visit: the meta chunk and any chunk already loaded are not fetched
// again) and prints the search files of the site (count and bytes), then per query the
// chunks it loaded and their bytes, raw and gzipped (what a host such as GitHub Pages
// sends), and the totals. Needs the Node packages of tests/browser (`npm ci` there).

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [dir, port, ...queries] = process.argv.slice(2);
if (!dir || !port || !queries.length) {
  console.error("usage: node benches/search_fetch.mjs SITE_DIR PORT QUERY...");
  process.exit(2);
}
const root = path.resolve(dir);

/** Every file under `d`, recursively. */
function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
}

const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (p.endsWith("/")) p += "index.html";
  const file = path.join(root, p);
  if (!file.startsWith(root) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".html") ? "text/html" : "application/octet-stream";
  res.writeHead(200, { "content-type": type });
  res.end(fs.readFileSync(file));
});
await new Promise((ok) => server.listen(Number(port), "127.0.0.1", ok));

const files = walk(path.join(root, "search"));
const total = files.reduce((n, f) => n + fs.statSync(f).size, 0);
console.log(`search files: ${files.length}, ${total} bytes`);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${port}/search/`);
let seen = 0, raw = 0, gz = 0;
for (const q of queries) {
  await page.fill("#search-q", q);
  await page.waitForFunction(
    (q) => (document.getElementById("search-status")?.textContent || "").includes(`“${q}”`), q);
  await page.waitForFunction(() => {
    const n = document.querySelectorAll("#search-results li").length;
    return n > 0 || /No results/.test(document.getElementById("search-status").textContent);
  });
  await page.waitForTimeout(300);
  const loaded = await page.evaluate(() => window.glossSearchLoaded.slice());
  const fresh = loaded.slice(seen);
  seen = loaded.length;
  let r = 0, g = 0;
  for (const name of fresh) {
    const bytes = fs.readFileSync(path.join(root, "search/chunks", name + ".js"));
    r += bytes.length;
    g += zlib.gzipSync(bytes).length;
  }
  const shown = await page.locator("#search-results li").count();
  const titles = await page.$$eval("#search-results li .result-title", (as) => as.slice(0, 3).map((a) => a.textContent));
  console.log(`"${q}": ${shown} shown ${JSON.stringify(titles)}, ${fresh.length} chunks, ${r} bytes (${g} gzipped)`);
  raw += r;
  gz += g;
}
console.log(`all ${queries.length} queries: ${seen} chunks, ${raw} bytes (${gz} gzipped)`);
await browser.close();
server.close();
