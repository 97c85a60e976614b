// Search page: Pagefind's JS API with our own results list, so every result carries its language
// and direction. The only script on the site; the rest needs none.
//
// The index holds folded search tokens (plugins/search/text.py), not the readable text. A query is
// folded here in exactly the same way, from the tables the page carries (#search-folding): Arabic-
// script letter variants, diacritics, tatweel, ZWNJ and attached prefixes; Chinese names of the
// vocabulary as words and other Chinese as character pairs. Results are then checked against their
// readable text (no result without the query's words), and excerpts are cut around the match.
const form = document.getElementById("search");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const FILTERS = ["language", "outlet", "tag", "year"];
const SHOWN = 30; // results rendered
const CHECKED = 300; // results whose text is loaded to check that they contain the query
const DEBOUNCE_MS = 200;

const table = JSON.parse(document.getElementById("search-folding").textContent);

// ---- Folding: the same steps as plugins/search/text.py -------------------------------------------
const MARKS = new RegExp(table.marks, "gu");
const TOKEN = new RegExp(`([${table.han}]+)|([${table.arabic}]+)|([^\\W_${table.han}${table.arabic}]+)`, "gu");
const ARTICLE = new RegExp(table.article, "u");
const LAM_LAM = new RegExp(table.lamLam, "u");
const CONJUNCTIONS = new Set(table.conjunctions);
const PREPOSITIONS = new Set(table.prepositions);
const PREFIXES = new Set([...CONJUNCTIONS, ...PREPOSITIONS]);
const ARABIC_NAMES = new Set(table.arabicNames);
const HAN_BY_FIRST = new Map(); // first character → names, longest first (the table is sorted so)
for (const name of table.hanNames) {
  if (!HAN_BY_FIRST.has(name[0])) HAN_BY_FIRST.set(name[0], []);
  HAN_BY_FIRST.get(name[0]).push(name);
}

function fold(text) {
  let out = "";
  for (const ch of text.normalize("NFKC")) out += table.letters[ch] ?? ch;
  return out.replace(MARKS, "").toLowerCase();
}

function stripArticle(word) {
  const match = ARTICLE.exec(word) || LAM_LAM.exec(word);
  return match ? match[1] : word;
}

function arabicWord(word) {
  const core = stripArticle(word);
  if (core !== word || ARABIC_NAMES.has(word)) return core;
  if (PREFIXES.has(word[0])) {
    const rest = word.slice(1);
    if (ARABIC_NAMES.has(rest)) return rest;
    if (PREFIXES.has(rest[0]) && ARABIC_NAMES.has(rest.slice(1))) return rest.slice(1);
  }
  return word;
}

// An article's word as the index holds it: without prefixes, and also without a first letter that
// may be an attached conjunction or preposition (text.py's arabic_forms)
function arabicForms(word) {
  const core = arabicWord(word);
  const forms = [core];
  if (core === word) {
    // a conjunction (و ف), a preposition (ب ل ک), or a conjunction then a preposition
    if (PREFIXES.has(word[0]) && word.length - 1 >= table.minRest) forms.push(word.slice(1));
    if (CONJUNCTIONS.has(word[0]) && PREPOSITIONS.has(word[1]) && word.length - 2 >= table.minRest) forms.push(word.slice(2));
  }
  return forms;
}

function pairs(run) {
  const chars = [...run];
  if (chars.length < 2) return [run];
  return chars.slice(0, -1).map((ch, i) => ch + chars[i + 1]);
}

function nameAt(run, i) {
  return (HAN_BY_FIRST.get(run[i]) || []).find((name) => run.startsWith(name, i)) || null;
}

// A query's Chinese run: the vocabulary's names in it, and the pairs of what lies between them.
function hanQuery(run) {
  const out = [];
  let i = 0, start = 0;
  // one character alone is paired with its neighbour in the run, as the index holds only pairs
  const flush = (end) => {
    if (end - start === 1 && run.length > 1) out.push(end < run.length ? run.slice(start, start + 2) : run.slice(start - 1, end));
    else if (start < end) out.push(...pairs(run.slice(start, end)));
  };
  while (i < run.length) {
    const name = nameAt(run, i);
    if (!name) { i += 1; continue; }
    flush(i);
    out.push(name);
    i = start = i + name.length;
  }
  flush(run.length);
  return out;
}

// The query as words: [{kind: "han" | "arabic" | "other", folded, tokens}]
function queryWords(query) {
  const words = [];
  for (const m of fold(query).matchAll(TOKEN)) {
    if (m[1]) words.push({ kind: "han", folded: m[1], tokens: hanQuery(m[1]) });
    else if (m[2]) { const w = arabicWord(m[2]); words.push({ kind: "arabic", folded: w, tokens: [w] }); }
    else words.push({ kind: "other", folded: m[3], tokens: [m[3]] });
  }
  return words;
}

// Where a query word occurs in readable text: [start, end) ranges in the original string.
function matches(text, words) {
  const found = [];
  const wordRe = new RegExp(TOKEN.source, "gu");
  for (const m of text.matchAll(wordRe)) {
    const original = m[0];
    const folded = fold(original);
    for (const word of words) {
      if (word.kind === "han") {
        // Han characters fold to themselves, so offsets in the folded run are offsets in the text
        if (!m[1] || folded.length !== original.length) continue;
        for (let at = folded.indexOf(word.folded); at >= 0; at = folded.indexOf(word.folded, at + word.folded.length)) {
          found.push({ start: m.index + at, end: m.index + at + word.folded.length, word });
        }
      } else if (word.kind === "arabic" ? m[2] && arabicForms(folded).some((f) => f.startsWith(word.folded)) : m[3] && folded.startsWith(word.folded)) {
        found.push({ start: m.index, end: m.index + original.length, word });
      } else if (word.kind !== "han" && folded.includes(word.folded)) {
        // inside a longer token: Pagefind's copy of the text glues the words of adjacent elements
        // (لأسابيعأمريكا); the index, made from the page, has them apart
        found.push({ start: m.index, end: m.index + original.length, word });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// ---- Pagefind -------------------------------------------------------------------------------------
// The bundle sits at the site root; resolving against this page keeps any path prefix working.
const bundle = new URL(form.dataset.bundle, document.baseURI);
const pagefind = await import(bundle.href);
const baseUrl = new URL("..", bundle).pathname;
await pagefind.options({ baseUrl });
await pagefind.init();
// A big archive is indexed in several bundles (pagefind/, pagefind-1/ …): searched as one.
const shards = new URL("../pagefind-shards.json", bundle);
const others = await fetch(shards).then((r) => (r.ok ? r.json() : []), () => []);
for (const other of others) await pagefind.mergeIndex(new URL(other, shards).pathname, { baseUrl });

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

const uiLang = document.documentElement.lang;
const plural = new Intl.PluralRules(uiLang);
function countText(n) {
  const category = plural.select(n);
  const key = "results" + category[0].toUpperCase() + category.slice(1);
  return (form.dataset[key] || form.dataset.resultsOther).replace("{num}", new Intl.NumberFormat(uiLang).format(n));
}

// An excerpt of about EXCERPT characters around the first match, every match in it marked.
const EXCERPT = 220;
function excerpt(text, words) {
  const found = matches(text, words);
  const p = element("p", { class: "summary" });
  const first = found[0];
  let start = first ? Math.max(0, first.start - EXCERPT / 3) : 0;
  let end = Math.min(text.length, start + EXCERPT);
  // do not cut a word of a spaced script in two
  if (start > 0) { const space = text.indexOf(" ", start); if (space >= 0 && space < (first ? first.start : start + 20)) start = space + 1; }
  if (end < text.length) { const space = text.lastIndexOf(" ", end); if (space > (first ? first.end : start)) end = space; }
  if (start > 0) p.append("… ");
  let at = start;
  for (const m of found) {
    if (m.start < at || m.end > end) continue;
    p.append(text.slice(at, m.start), element("mark", {}, text.slice(m.start, m.end)));
    at = m.end;
  }
  p.append(text.slice(at, end));
  if (end < text.length) p.append(" …");
  return p;
}

function contains(data, words) {
  const text = `${data.meta.title || ""}\n${data.meta.text || ""}`;
  const found = new Set(matches(text, words).map((m) => m.word));
  return words.every((word) => found.has(word));
}

function render(item, words) {
  const meta = item.meta || {};
  const li = element("li", { class: "item", lang: meta.lang, dir: meta.dir || "auto" });
  const heading = element("h2", { class: "item-title" });
  const link = element("a", { href: item.url });
  link.append(element("bdi", {}, meta.title || item.url));
  heading.append(link);
  const line = element("p", { class: "meta" });
  if (meta.outlet) line.append(element("bdi", { class: "outlet" }, meta.outlet));
  if (meta.date) line.append(" ", element("time", { class: "date", datetime: meta.date }, meta.day || meta.date));
  li.append(heading, line, excerpt(meta.text || "", words));
  return li;
}

let generation = 0; // the latest query; an earlier one that finishes later is dropped

async function run() {
  const mine = ++generation;
  const query = form.elements.q.value.trim();
  const filters = {};
  for (const name of FILTERS) if (form.elements[name].value) filters[name] = form.elements[name].value;
  const words = queryWords(query);
  if (!words.length && !Object.keys(filters).length) {
    list.replaceChildren();
    status.textContent = "";
    list.dataset.query = query;
    return;
  }
  status.textContent = form.dataset.searching;
  const terms = words.flatMap((w) => w.tokens).join(" ");
  const search = await pagefind.search(terms || null, { filters });
  if (mine !== generation) return;
  const loaded = await Promise.all((search?.results || []).slice(0, CHECKED).map((r) => r.data()));
  if (mine !== generation) return;
  const kept = words.length ? loaded.filter((data) => contains(data, words)) : loaded;
  list.replaceChildren(...kept.slice(0, SHOWN).map((data) => render(data, words)));
  status.textContent = kept.length ? countText(kept.length) : form.dataset.noResults;
  list.dataset.query = query; // which query the list shows (tests wait for it)
}

let timer;
form.elements.q.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(run, DEBOUNCE_MS);
});
form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); run(); });
for (const name of FILTERS) form.elements[name].addEventListener("change", run);
const initial = new URLSearchParams(location.search).get("q");
if (initial) { form.elements.q.value = initial; run(); }
// for tests and tools: the folding this page applies to a query
window.searchTokens = (query) => queryWords(query).flatMap((w) => w.tokens);
form.dataset.ready = "true";
