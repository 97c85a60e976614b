// Search page: Pagefind's JS API with our own results list, so every result carries its language
// and direction. The only script on the site; the rest needs none.
const form = document.getElementById("search");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const FILTERS = ["language", "outlet", "tag", "year"];

// The bundle sits at the site root; resolving against this page keeps any path prefix working.
const bundle = new URL(form.dataset.bundle, document.baseURI);
const pagefind = await import(bundle.href);
// The index is built as one language (zh, so Chinese is segmented); search in it whatever the
// interface language of this page is, or Chinese queries would not be segmented the same way.
await pagefind.options({ baseUrl: new URL("..", bundle).pathname, language: form.dataset.indexLanguage });
await pagefind.init();

const available = await pagefind.filters();
for (const name of FILTERS) {
  const select = form.elements[name];
  select.append(new Option(form.dataset.any, ""));
  for (const value of Object.keys(available[name] || {}).sort()) {
    select.append(new Option(`${value} (${available[name][value]})`, value));
  }
}

function element(tag, attrs = {}, text) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

// The indexer and the browser segment Chinese differently: 伊拉克 may be indexed as 伊拉 + 克 while
// the browser keeps 伊拉克 whole. So a query is also tried with each long Chinese word split once,
// and the results are merged (best score wins).
const HAN = /\p{Script=Han}/u;
function variants(query) {
  const words = [...new Intl.Segmenter("zh", { granularity: "word" }).segment(query)]
    .filter((s) => s.isWordLike).map((s) => s.segment);
  const out = [words.join(" ")];
  words.forEach((word, i) => {
    if (!HAN.test(word) || word.length < 3) return;
    for (let k = 1; k < word.length; k++) {
      out.push([...words.slice(0, i), word.slice(0, k), word.slice(k), ...words.slice(i + 1)].join(" "));
    }
  });
  return out;
}

async function searchAll(query, filters) {
  if (!query) return (await pagefind.search(null, { filters })).results;
  const best = new Map();
  for (const variant of variants(query)) {
    for (const result of (await pagefind.search(variant, { filters })).results) {
      if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

async function run() {
  const query = form.elements.q.value.trim();
  const filters = {};
  for (const name of FILTERS) if (form.elements[name].value) filters[name] = form.elements[name].value;
  const found = await searchAll(query, filters);
  const results = await Promise.all(found.slice(0, 30).map((r) => r.data()));
  list.replaceChildren();
  for (const data of results) {
    const meta = data.meta || {};
    const item = element("li", { class: "item", lang: meta.lang, dir: meta.dir || "auto" });
    const heading = element("h2", { class: "item-title" });
    const link = element("a", { href: data.url });
    link.append(element("bdi", {}, meta.title || data.url));
    heading.append(link);
    const line = element("p", { class: "meta" });
    if (meta.outlet) line.append(element("bdi", { class: "outlet" }, meta.outlet));
    if (meta.date) {
      const day = new Date(`${meta.date}T00:00:00Z`);
      const shown = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "long", timeZone: "UTC" }).format(day);
      line.append(element("time", { class: "date", datetime: meta.date }, shown));
    }
    const excerpt = element("p", { class: "summary" });
    excerpt.innerHTML = data.excerpt; // Pagefind's excerpt of our sanitized text, with <mark>
    item.append(heading, line, excerpt);
    list.append(item);
  }
  status.textContent = found.length
    ? form.dataset.results.replace("{num}", new Intl.NumberFormat(document.documentElement.lang).format(found.length))
    : form.dataset.noResults;
}

form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
for (const name of FILTERS) form.elements[name].addEventListener("change", run);
const initial = new URLSearchParams(location.search).get("q");
if (initial) { form.elements.q.value = initial; run(); }
form.dataset.ready = "true";
