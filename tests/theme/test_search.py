"""Search in real Chromium over HTTP: one box finds Chinese, Arabic and Persian articles, filters
narrow, every result carries its direction, and it works under a path prefix."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from conftest import _QuietHandler

QUERIES = [
    ("伊拉克", "zh", {"000_", "001_", "002_"}),
    ("卡迪米", "zh", {"000_", "001_"}),
    ("拜登", "zh", {"000_"}),
    # Arabic-script folding: the Arabic and the Persian report, whichever spelling is typed
    ("العراق", None, {"003_", "004_"}),
    ("الكاظمي", None, {"003_", "004_"}),
    ("عراق", None, {"003_", "004_"}),
    ("کاظمی", None, {"003_", "004_"}),
    ("كاظمي", None, {"003_", "004_"}),
    ("بالعراق", None, {"003_", "004_"}),
    ("بایدن", None, {"003_", "004_"}),
]


def _results(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#search-results li",
        """els => els.map(e => ({lang: e.lang, dir: e.dir, href: e.querySelector('a').getAttribute('href'),
            title: e.querySelector('a').textContent, excerpt: e.querySelector('.summary').textContent,
            marks: [...e.querySelectorAll('.summary mark')].map(m => m.textContent),
            date: e.querySelector('time') && e.querySelector('time').textContent}))""",
    )


def _wait_for(page, query: str) -> None:
    page.wait_for_function(
        "q => document.getElementById('search-results').dataset.query === q", arg=query, timeout=15000
    )


def _search(page, query: str, language: str = "") -> list[dict]:
    page.evaluate("delete document.getElementById('search-results').dataset.query")
    page.select_option("select[name=language]", value=language)
    page.evaluate("delete document.getElementById('search-results').dataset.query")
    page.fill("#search-query", query)
    page.click("button[type=submit]")
    _wait_for(page, query)
    return _results(page)


@pytest.fixture(scope="module")
def search_page(browser, server):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/search.html")
    page.wait_for_selector("form[data-ready=true]", timeout=15000)  # Pagefind loaded under the page's CSP
    yield page
    assert errors == []
    page.close()


def _folded_text(site, href: str) -> str:
    """The readable title and body of a result's page, folded as the search folds them."""
    import lxml.html
    from search.text import fold

    root = lxml.html.parse(str(site / href.lstrip("/"))).getroot()
    title = root.find(".//h1").text_content()
    body = root.find_class("body")[0].text_content()
    return fold(title + " " + body).replace(" ", "")


@pytest.mark.parametrize(("query", "lang", "expected"), QUERIES)
def test_one_box_finds_every_language(search_page, site, page_of, query, lang, expected):
    results = _search(search_page, query)
    hrefs = {r["href"] for r in results}
    assert {"/" + page_of(source) for source in expected} <= hrefs
    if lang:
        assert {r["lang"] for r in results} == {lang}
    for r in results:
        assert r["dir"] == ("rtl" if r["lang"] in ("ar", "fa") else "ltr")
        assert r["marks"], f"{query}: the excerpt of {r['title']} does not show the match"


@pytest.mark.parametrize("query", ["拜登", "伊拉克", "combat", "com", "https", "بالعراق", "2021"])
def test_every_result_contains_the_query(search_page, site, query):
    """No result is matched on a URL, an outlet or a date: only title and body are indexed, and a
    Chinese name is a word (拜登 does not match 登上)."""
    from search.text import Folding

    query_tokens = Folding().tokens(query, index=False)
    for r in _search(search_page, query):
        text = _folded_text(site, r["href"])
        for token in query_tokens:
            assert token in text, f"{query}: {r['title']} does not contain {token}"


def test_traditional_and_simplified_chinese_are_one_spelling(search_page, page_of):
    simplified = {r["href"] for r in _search(search_page, "习近平")}
    assert "/" + page_of("duty-machine/纽约时报/1047719") in simplified
    assert {r["href"] for r in _search(search_page, "習近平")} == simplified


def test_results_while_typing_and_the_latest_query_wins(search_page):
    """No Enter needed; and an earlier query whose results come late never replaces a later one."""
    page = search_page
    page.select_option("select[name=language]", value="")
    for _ in range(3):
        page.evaluate("delete document.getElementById('search-results').dataset.query")
        page.fill("#search-query", "拜登")
        page.wait_for_timeout(260)  # past the debounce: the first search is under way
        page.fill("#search-query", "کاظمی")
        _wait_for(page, "کاظمی")
        page.wait_for_timeout(400)  # anything late from the first query would land now
        results = _results(page)
        assert results and {r["lang"] for r in results} <= {"ar", "fa"}
        assert page.input_value("#search-query") == "کاظمی"


def test_count_is_plural_aware(search_page):
    results = _search(search_page, "马丘比丘")
    assert len(results) == 1
    assert search_page.text_content("#search-status").strip() == "1 result"
    assert len(_search(search_page, "伊拉克")) == 3 or "results" in search_page.text_content("#search-status")


def test_excerpt_is_centred_on_the_match_and_dates_are_in_each_language(search_page):
    results = {r["lang"]: r for r in _search(search_page, "بایدن")} | {
        r["lang"]: r for r in _search(search_page, "拜登")
    }
    for lang in ("ar", "zh"):
        assert results[lang]["marks"]
    # a match far into the body: the excerpt starts near it, not at the top of the article
    late = _search(search_page, "维吾尔")
    assert late and all(r["marks"] for r in late)
    assert (
        "يوليو" in results["ar"]["date"]
    )  # an Arabic result dated in Arabic (its digits follow DIGITS: the archive writes 2021)
    assert "年" in results["zh"]["date"]


def test_query_folding_agrees_with_the_index(search_page):
    """The page folds a query with the same steps and tables as the index (plugins/search/text.py)."""
    from archive_paths import ROOT
    from search.text import Folding
    from tagging.vocabulary import Vocabulary

    folding = Folding.from_vocabulary(Vocabulary.load(ROOT / "content" / "tags.yml"))
    samples = [
        "بالعراق", "والكاظمي", "للعراق", "وبايدن", "وزير", "نمی‌شود", "مُصطفى", "العراقـــية", "كاظمي",
        "美国国务卿蓬佩奥", "拜登：美国作战部队", "伊拉克总理卡迪米", "Al-Kadhimi 2021", "٢٠٢١ ۱۴۰۰", "ﻻ", "臺灣",
    ]  # fmt: skip
    for text in samples:
        assert search_page.evaluate("q => searchTokens(q)", text) == folding.tokens(text, index=False), text


class _Prefixed(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /archive/, as a web host with a path prefix would."""

    def translate_path(self, path: str) -> str:
        return super().translate_path(path.removeprefix("/archive"))

    def log_message(self, *args) -> None:
        pass


def test_search_works_under_a_path_prefix(browser, site, page_of):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Prefixed, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/archive/search.html")
        page.wait_for_selector("form[data-ready=true]", timeout=15000)
        results = _search(page, "کاظمی")
        assert f"/archive/{page_of('003_')}" in {r["href"] for r in results}
        page.close()
    finally:
        httpd.shutdown()


def test_search_page_policy_and_fallback(site):
    html = (site / "search.html").read_text(encoding="utf-8")
    assert "script-src 'self' 'wasm-unsafe-eval';" in html  # WebAssembly for Pagefind, still no inline or remote script
    assert "<noscript>" in html


@pytest.fixture(scope="module")
def sharded(tmp_path_factory, site_content):
    """The same site with its search split into several indexes, as a big archive's is."""
    from conftest import build

    return build(site_content, tmp_path_factory.mktemp("sharded"), "SEARCH_SHARD_PAGES=8")


def test_an_index_split_in_several_finds_what_one_index_finds(browser, search_page, sharded):
    import json

    assert len(json.loads((sharded / "pagefind-shards.json").read_text(encoding="utf-8"))) >= 2
    handler = functools.partial(_QuietHandler, directory=str(sharded))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/search.html")
        page.wait_for_selector("form[data-ready=true]", timeout=15000)
        # the filters count the pages of every index
        options = "s => [...document.querySelector(s).options].map(o => o.textContent)"
        assert page.evaluate(options, "select[name=language]") == search_page.evaluate(options, "select[name=language]")
        for query in ("伊拉克", "كاظمي", "习近平", "2021", "马丘比丘"):
            one = sorted(r["href"] for r in _search(search_page, query))
            assert one and sorted(r["href"] for r in _search(page, query)) == one, query
        assert errors == []
        page.close()
    finally:
        httpd.shutdown()
