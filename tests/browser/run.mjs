// Browser checks of a built site, in headless Chromium (puppeteer-core
// driving the system's `chromium`):
//  1. search: type a query in the header box of the home page, land on
//     /search/?q=..., see the expected results (title, kind, date,
//     highlighted excerpt), narrow them with a filter, and see what the
//     page says without JavaScript;
//  2. accessibility: axe-core on the home page, a year page, a bulletin,
//     an indicator page and /search/ with results; any violation fails.
//
// Usage: node run.mjs <output-dir> <base-path>   (e.g. ../../output /bulletins/)
//        node run.mjs <output-dir> <base-path> --axe-only <page>...
//   (the second form audits only the given pages, e.g. `2021/page/2/` of
//   a site built with a small `paginate`)
// The output folder is served on 127.0.0.1 under <base-path>, as a static
// host would serve it. Exit status 0 when every check passed.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const [outputDir, basePath = "/", mode, ...onlyPages] = process.argv.slice(2);
const axeOnly = mode === "--axe-only";
if (!outputDir) {
  console.error("usage: node run.mjs <output-dir> <base-path>");
  process.exit(2);
}
const root = path.resolve(outputDir);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
};

// A static host: <base-path>x/ -> <output>/x/index.html.
const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  let rel = decodeURIComponent(url.pathname);
  if (!rel.startsWith(basePath)) {
    res.writeHead(404).end();
    return;
  }
  rel = rel.slice(basePath.length);
  let file = path.join(root, rel);
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    res.end(await readFile(path.join(root, "404.html")).catch(() => ""));
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const site = `http://127.0.0.1:${server.address().port}${basePath}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${message}`);
  if (!ok) failures.push(message);
};

async function newPage() {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on("pageerror", (e) => failures.push(`script error on ${page.url()}: ${e.message}`));
  return page;
}

async function results(page) {
  await page.waitForFunction(
    () => {
      const s = document.getElementById("search-status");
      return s && s.textContent && !s.textContent.endsWith("…") && !s.textContent.endsWith("……");
    },
    { timeout: 20000 },
  );
  return page.$$eval("#search-results .search-result", (items) =>
    items.map((li) => ({
      title: li.querySelector("h2 a").textContent,
      href: li.querySelector("h2 a").getAttribute("href"),
      kind: li.querySelector(".kind")?.textContent || "",
      date: li.querySelector("time")?.getAttribute("datetime") || "",
      marks: [...li.querySelectorAll(".excerpt mark")].map((m) => m.textContent),
    })),
  );
}

async function searchTest() {
  const page = await newPage();
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(site, { waitUntil: "load" });
  // Keyboard only: focus the header box, type, press Enter.
  await page.focus("#site-search-q");
  await page.keyboard.type("停车位");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  const url = new URL(page.url());
  check(url.pathname === `${basePath}search/` && url.searchParams.get("q") === "停车位",
    `the header box goes to /search/?q=停车位 (${page.url()})`);
  check(await page.$eval("#search-q", (i) => i.value) === "停车位", "the query is in the search field");
  let found = await results(page);
  const titles = found.map((r) => r.title);
  check(titles.includes("瓜沥镇2022年工作计划") && titles.includes("2021年亚运保障和城乡环境整治情况"),
    `停车位 finds the 2022 plan and the 2021 Asian Games notice (${titles.join(" | ")})`);
  const plan = found.find((r) => r.title === "瓜沥镇2022年工作计划");
  check(plan && plan.kind === "工作计划" && plan.date === "2021-12-27",
    `a result shows kind and date (${JSON.stringify(plan)})`);
  check(plan && plan.marks.some((m) => m.includes("停车")), "the excerpt highlights the query");
  check(plan && plan.href === `${basePath}2022/work-plan-2022/`, `results link to the page (${plan && plan.href})`);
  // Search runs on the page: the worker, a second copy of Pagefind's
  // search code, is not downloaded (docs/search.md, first-query bytes).
  check(fetched.some((p) => p.endsWith("/pagefind/pagefind.js"))
    && !fetched.some((p) => p.endsWith("/pagefind-worker.js")),
    "the first search loads pagefind.js and not pagefind-worker.js");
  // Filters: open "narrow the results" from the keyboard, choose 2022.
  await page.focus("#search-narrow summary");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#filter-year");
  await page.select("#filter-year", "2022");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("year") === "2022");
  found = await results(page);
  check(found.length > 0 && found.every((r) => r.href.startsWith(`${basePath}2022/`)),
    `the year filter keeps only 2022 (${found.map((r) => r.title).join(" | ")})`);
  // A filter in the address applies when the page opens.
  await page.goto(`${site}search/?q=${encodeURIComponent("停车位")}&year=2021`, { waitUntil: "load" });
  found = await results(page);
  check(found.length > 0 && found.every((r) => r.href.startsWith(`${basePath}2021/`))
    && (await page.$eval("#filter-year", (s) => s.value)) === "2021",
    `?year=2021 in the address filters the results (${found.map((r) => r.title).join(" | ")})`);
  // A query with no hits says so.
  await page.goto(`${site}search/?q=${encodeURIComponent("xyzzyqq")}`, { waitUntil: "load" });
  found = await results(page);
  const none = await page.$eval("#search-status", (s) => s.textContent);
  check(found.length === 0 && none.includes("xyzzyqq"), `no hits is said in words (${none})`);
  await page.close();

  const plain = await newPage();
  await plain.setJavaScriptEnabled(false);
  await plain.goto(`${site}search/?q=停车位`, { waitUntil: "load" });
  const text = await plain.evaluate(() => document.body.innerText);
  const years = await plain.$$eval(".year-links a", (as) => as.map((a) => a.textContent));
  check(text.includes("JavaScript") && years.includes("2021"),
    `without JavaScript the page says so and links the years (${years.join(", ")})`);
  await plain.close();
}

async function axeTest() {
  const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  if (axeOnly) return auditPages(onlyPages, axeSource);
  // The search page twice: with results, and with its filters open.
  const pages = ["", "2021/", "2021/government-work-report/", "2022/parking-notice-2022-01/", "2022/kinds/notice/", "subjects/", "subjects/urban/", "calendar/", "indicators/", "search/?q=停车位", "search/?q=停车位&year=2021"];
  const indicator = await (async () => {
    const p = await newPage();
    await p.goto(`${site}indicators/`, { waitUntil: "load" });
    const href = await p.$eval("main a[href*='/indicators/']:not([href$='.csv']):not([href$='.json'])", (a) => a.getAttribute("href"));
    await p.close();
    return href.slice(basePath.length);
  })();
  pages.push(indicator);
  await auditPages(pages, axeSource);
}

async function auditPages(pages, axeSource) {
  for (const rel of pages) {
    const page = await newPage();
    await page.goto(site + rel, { waitUntil: "load" });
    if (rel.startsWith("search/")) await results(page);
    await page.addScriptTag({ content: axeSource });
    const report = await page.evaluate(() => window.axe.run(document));
    const lines = report.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("\n      ")}`,
    );
    check(report.violations.length === 0, `axe: /${rel} has no violations${lines.length ? "\n    " + lines.join("\n    ") : ""}`);
    await page.close();
  }
}

try {
  if (!axeOnly) await searchTest();
  await axeTest();
} catch (e) {
  failures.push(`error: ${e.stack || e}`);
  console.log(`FAIL ${e.stack || e}`);
} finally {
  await browser.close();
  server.close();
}
if (failures.length) {
  console.log(`\n${failures.length} browser check(s) failed`);
  process.exit(1);
}
console.log("\nall browser checks passed");
