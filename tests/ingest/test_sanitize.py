"""Hostile markup from scraped pages never reaches a page."""

import pytest
from ingest.html_clean import clean_html

HOSTILE = [
    "<p>a<script>alert(1)</script>b</p>",
    '<p onclick="alert(1)">a</p><img src="x.jpg" onerror="alert(1)">',
    '<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a>',
    '<img src="data:image/png;base64,AAAA"><a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<iframe src="https://evil.example/"></iframe><p>x</p>',
    '<p style="position:fixed;background:url(javascript:alert(1))">x</p>',
    "<svg><script>alert(1)</script></svg><math><mi>x</mi></math>",
    "<style>body{display:none}</style><p>x</p>",
    '<form action="https://evil.example"><input name=a><button>go</button></form>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<p><a href="https://x.example" target="_blank" rel="opener">x</a></p>',
    "<!-- <script>alert(1)</script> --><p>x</p>",
    '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
    "<p>x</p><noscript><img src=x onerror=alert(1)></noscript>",
    "<<script>script>alert(1)<</script>/script>",
]


@pytest.mark.parametrize("markup", HOSTILE)
def test_hostile_markup_is_neutralised(markup):
    out = clean_html(markup, base_url="https://news.example/a/1.html").lower()
    for bad in (
        "<script",
        "javascript:",
        "onerror",
        "onclick",
        "style=",
        "<iframe",
        "<svg",
        "<form",
        "<input",
        "<object",
        "<embed",
        "<base",
        "<meta",
        "data:",
        "<!--",
        "target=",
    ):
        assert bad not in out, (bad, out)


def test_links_get_safe_rel_and_absolute_urls():
    out = clean_html('<p><a href="/b/2.html">x</a> <img src="img/p.jpg"></p>', base_url="https://news.example/a/1.html")
    assert 'href="https://news.example/b/2.html"' in out
    assert 'rel="noopener noreferrer nofollow"' in out
    assert 'src="https://news.example/a/img/p.jpg"' in out
    assert 'loading="lazy"' in out and 'referrerpolicy="no-referrer"' in out and 'alt=""' in out


def test_relative_links_without_a_base_lose_the_address_not_the_text():
    out = clean_html('<p><a href="/b/2.html">kept text</a></p>')
    assert "kept text" in out and "href" not in out


def test_br_runs_and_loose_text_become_paragraphs():
    out = clean_html("lead <p>one<br><br>two<br />\n<br/>three<br>still three</p>tail")
    assert out == "<p>lead </p><p>one</p><p>two</p><p>three<br>still three</p><p>tail</p>"


def test_empty_images_and_paragraphs_vanish():
    assert clean_html('<p><img src=""></p><p>&nbsp;</p><p> </p><p>x</p>') == "<p>x</p>"


def test_pixel_sizes_survive_percentages_do_not():
    out = clean_html('<img src="https://a.example/p.jpg" width="100%" height="284">')
    assert "width=" not in out and 'height="284"' in out


def test_direction_and_language_marks_survive_with_valid_values_only():
    out = clean_html('<p dir="rtl">x</p><p dir="evil">y</p><p><span lang="en-GB" dir="ltr">z</span></p>')
    assert out == '<p dir="rtl">x</p><p>y</p><p><span lang="en-GB" dir="ltr">z</span></p>'


def test_headings_start_at_h2_and_skip_no_level():
    assert clean_html("<h3>a</h3><p>x</p><h5>b</h5>") == "<h2>a</h2><p>x</p><h3>b</h3>"
    assert clean_html("<h1>a</h1><h2>b</h2>") == "<h2>a</h2><h3>b</h3>"
