// How many bytes a first search downloads: open /search/?q=<query> on a
// built site in headless Chromium (cold cache) and add up what the page
// fetched, the search index (/pagefind/) apart from the page itself.
//
// Usage: node first_query.mjs <output-dir> <base-path> <query>
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import puppeteer from "puppeteer-core";

const [outputDir, basePath, query] = process.argv.slice(2);
const root = path.resolve(outputDir);
const server = createServer(async (req, res) => {
  const rel = decodeURIComponent(new URL(req.url, "http://x").pathname).slice(basePath.length);
  let file = path.join(root, rel);
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
    const type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".html") ? "text/html; charset=utf-8" : "application/octet-stream";
    res.writeHead(200, { "content-type": type }).end(await readFile(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const site = `http://127.0.0.1:${server.address().port}${basePath}`;
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
const page = await browser.newPage();
const sizes = new Map();
page.on("response", async (r) => {
  try {
    sizes.set(new URL(r.url()).pathname, (await r.buffer()).length);
  } catch {}
});
await page.goto(`${site}search/?q=${encodeURIComponent(query)}`, { waitUntil: "load" });
await page.waitForFunction(
  () => {
    const s = document.getElementById("search-status").textContent;
    return s && !s.endsWith("…") && document.querySelectorAll("#search-results li").length > 0;
  },
  { timeout: 120000 },
);
await page.waitForNetworkIdle({ idleTime: 500 });
const status = await page.$eval("#search-status", (s) => s.textContent);
await browser.close();
server.close();
let index = 0, other = 0;
const groups = {};
for (const [p, n] of sizes) {
  const inIndex = p.includes("/pagefind/");
  if (inIndex) index += n; else other += n;
  const rel = p.replace(/^.*\/pagefind\//, "pagefind/");
  const key = inIndex && rel.split("/").length > 2 ? rel.replace(/\/[^/]*$/, "/*") : rel;
  groups[key] = (groups[key] || [0, 0]);
  groups[key][0] += 1;
  groups[key][1] += n;
}
for (const [k, [count, n]] of Object.entries(groups).sort()) console.log(`${String(n).padStart(9)} B  ${count} × ${k}`);
console.log(`status: ${status}`);
console.log(`search index: ${index} B; the page, its CSS and script: ${other} B; total ${index + other} B`);
