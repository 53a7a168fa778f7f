// The search page of the default theme: a small interface on Pagefind's
// JS API (pagefind.js, written by `gazette build` under /pagefind/).
// The query and filters live in the address (?q=停车位&year=2022), so a
// search can be bookmarked, shared and reached from every page's header.
const app = document.getElementById("search-app");
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const filterBox = document.getElementById("search-filters");
const narrow = document.getElementById("search-narrow");
const strings = JSON.parse(document.getElementById("search-strings").textContent);
const FILTERS = ["year", "kind", "subject", "tag"];
const PAGE = 10;

const t = (key, values = {}) =>
  (strings[key] || key).replace(/\{(\w+)\}/g, (_, k) => (k in values ? values[k] : ""));

let pagefind = null;
let results = [];
let shown = 0;
let generation = 0;

function readAddress() {
  input.value = new URLSearchParams(location.search).get("q") || "";
}

function writeAddress() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const [name, value] of Object.entries(chosenFilters())) params.set(name, value);
  const query = params.toString();
  history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
}

function chosenFilters() {
  if (!filterBox.querySelector("select")) return addressFilters();
  const chosen = {};
  for (const name of FILTERS) {
    const select = document.getElementById("filter-" + name);
    if (select && select.value) chosen[name] = select.value;
  }
  return chosen;
}

// The filters' values are a download of their own (large on a big site),
// so they are fetched when the reader opens "narrow the results", or at
// once when the address already names a filter.
let filtersLoaded = null;
function loadFilters() {
  filtersLoaded ||= pagefind.filters().then(buildFilters).then(() => {
    const params = new URLSearchParams(location.search);
    for (const name of FILTERS) {
      const select = document.getElementById("filter-" + name);
      if (select) select.value = params.get(name) || "";
    }
  });
  return filtersLoaded;
}

// The filters named in the address, before their <select>s exist.
function addressFilters() {
  const params = new URLSearchParams(location.search);
  const chosen = {};
  for (const name of FILTERS) if (params.get(name)) chosen[name] = params.get(name);
  return chosen;
}

// One <select> per filter the index has, built from its values and counts.
function buildFilters(available) {
  for (const name of FILTERS) {
    const values = available[name];
    if (!values || Object.keys(values).length === 0) continue;
    const entries = Object.entries(values);
    if (name === "year") entries.sort((a, b) => b[0].localeCompare(a[0]));
    else entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const wrap = document.createElement("div");
    wrap.className = "search-filter";
    const label = document.createElement("label");
    label.htmlFor = "filter-" + name;
    label.textContent = t("search.filter." + name);
    const select = document.createElement("select");
    select.id = "filter-" + name;
    select.name = name;
    select.add(new Option(t("search.any"), ""));
    for (const [value, count] of entries) select.add(new Option(`${value} (${count})`, value));
    select.addEventListener("change", () => run());
    wrap.append(label, select);
    filterBox.append(wrap);
  }
  narrow.hidden = filterBox.querySelectorAll("select").length === 0;
}

function resultItem(data) {
  const li = document.createElement("li");
  li.className = "search-result";
  const title = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  title.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  if (data.meta.kind) {
    const kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = data.meta.kind;
    meta.append(kind, " ");
  }
  if (data.meta.date) {
    const time = document.createElement("time");
    time.dateTime = data.meta.date;
    time.textContent = data.meta.date;
    meta.append(time);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "excerpt";
  // Pagefind's excerpt is escaped page text with <mark> around the hits.
  excerpt.innerHTML = data.excerpt;
  li.append(title, meta, excerpt);
  return li;
}

async function showMore(mine) {
  const next = results.slice(shown, shown + PAGE);
  const data = await Promise.all(next.map((r) => r.data()));
  if (mine !== generation) return;
  for (const d of data) list.append(resultItem(d));
  shown += next.length;
  more.hidden = shown >= results.length;
}

async function run() {
  const mine = ++generation;
  writeAddress();
  const query = input.value.trim();
  const filters = chosenFilters();
  list.replaceChildren();
  more.hidden = true;
  if (!query && Object.keys(filters).length === 0) {
    status.textContent = t("search.empty");
    return;
  }
  status.textContent = t("search.loading");
  const search = await pagefind.search(query || null, { filters });
  if (mine !== generation) return;
  results = search.results;
  shown = 0;
  const count = results.length;
  if (count === 0) {
    status.textContent = t("search.none", { query });
    return;
  }
  await showMore(mine);
  if (mine !== generation) return;
  status.textContent = t(count === 1 ? "search.results_one" : "search.results", { count, query });
}

async function start() {
  try {
    pagefind = await import(app.dataset.index);
    // noWorker: search on the page's own thread. The worker would be a
    // second copy of the search code (pagefind-worker.js, 43 kB) fetched
    // before the first result; a query takes milliseconds either way.
    await pagefind.options({ excerptLength: 40, noWorker: true });
    await pagefind.init();
    if (Object.keys(addressFilters()).length > 0) {
      await loadFilters();
      narrow.open = true;
    }
  } catch (e) {
    status.textContent = t("search.error");
    app.hidden = false;
    return;
  }
  app.hidden = false;
  readAddress();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  more.addEventListener("click", () => showMore(generation));
  narrow.addEventListener("toggle", () => {
    if (narrow.open) loadFilters().catch(() => (status.textContent = t("search.error")));
  });
  await run();
}

start();
