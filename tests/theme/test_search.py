"""Search in real Chromium over HTTP: one box finds Chinese, Arabic and Persian articles, filters
narrow, every result carries its direction, and it works under a path prefix."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

QUERIES = [
    ("伊拉克", "zh", {"000_", "001_", "002_"}),
    ("卡迪米", "zh", {"000_", "001_"}),
    ("العراق", None, {"004_"}),
    ("الكاظمي", "ar", {"004_"}),
    ("عراق", None, {"003_"}),
    ("کاظمی", "fa", {"003_"}),
]


def _search(page, query: str, language: str = "") -> list[dict]:
    page.evaluate("document.getElementById('search-status').textContent = ''")
    page.fill("#search-query", query)
    page.select_option("select[name=language]", value=language)
    page.click("button[type=submit]")
    page.wait_for_selector("#search-status:not(:empty)")
    return page.eval_on_selector_all(
        "#search-results li", "els => els.map(e => ({lang: e.lang, dir: e.dir, href: e.querySelector('a').getAttribute('href')}))"
    )


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


@pytest.mark.parametrize(("query", "lang", "expected"), QUERIES)
def test_one_box_finds_every_language(search_page, page_of, query, lang, expected):
    results = _search(search_page, query)
    hrefs = {r["href"] for r in results}
    assert {"/" + page_of(source) for source in expected} <= hrefs
    if lang:
        assert {r["lang"] for r in results} == {lang}
    for r in results:
        assert r["dir"] == ("rtl" if r["lang"] in ("ar", "fa") else "ltr")


def test_language_filter_narrows(search_page):
    everything = _search(search_page, "伊拉克")
    chinese = _search(search_page, "伊拉克", "中文")
    assert chinese and {r["lang"] for r in chinese} == {"zh"}
    arabic = _search(search_page, "العراق", "العربية")
    assert arabic and {r["lang"] for r in arabic} == {"ar"}
    assert len(_search(search_page, "العراق")) > len(arabic)
    assert len(everything) >= len(chinese)


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
