"""Odd and damaged real-world inputs found in review: none may crash, leak or lose text silently."""

from datetime import UTC, datetime

from archive_paths import seed
from ingest.dates import parse_date
from ingest.html_clean import clean_html
from ingest.language import detect_language

RSS = "<!--1706215143000-->\n[标题](https://www.voachinese.com/a/1.html)\n------\n\n"


def test_body_starting_with_text_after_the_date_line(ingest):
    doc = ingest(
        (RSS + "<div><i>Thu, 25 Jan 2024 20:28:16 GMT</i></div>五角大楼 — <p>美国和伊拉克将开始会谈。</p>").encode(),
        "a.md",
    )
    assert doc.body_html == "<p>五角大楼 — 美国和伊拉克将开始会谈。</p>"
    doc = ingest((RSS + "只有文字，没有标签。").encode(), "b.md")
    assert doc.body_html == "<p>只有文字，没有标签。</p>"


def test_non_web_original_addresses_are_dropped(ingest):
    doc = ingest("<!--1706215143000-->\n[标题](javascript:alert(1))\n------\n\n<p>正文内容。</p>".encode(), "c.md")
    assert doc.url is None and "not an http(s) URL" in doc.warnings[0]


def test_deeply_nested_markup_keeps_its_text():
    out = clean_html("<font>字" * 300 + "<p>最后一段</p>")
    assert out.count("字") == 300 and "最后一段" in out


def test_only_the_date_line_time_element_dates_the_article(ingest):
    body = (
        '<div><i>Thu, 25 Jan 2024 20:28:16 GMT</i></div><p>发生在<time datetime="1989-06-04">1989年6月4日</time>。</p>'
    )
    doc = ingest((RSS + body).encode(), "d.md")
    assert doc.date == datetime(2024, 1, 25, 20, 28, 16, tzinfo=UTC)
    assert "1989年6月4日" in doc.body_html


def test_calendar_days_do_not_move_with_the_outlet_zone():
    assert parse_date("2020-10-12", tz="Asia/Shanghai") == datetime(2020, 10, 12, tzinfo=UTC)
    assert parse_date("13/10/2020", tz="Europe/Paris", day_first=True) == datetime(2020, 10, 13, tzinfo=UTC)
    assert parse_date("0001-01-01 00:00", tz="Asia/Shanghai") is None


def test_malformed_link_drops_the_link_not_the_article():
    out = clean_html('<p><a href="http://[::1">链接</a><video src="//[::1/x"></video></p>', base_url="http://[::1")
    assert out == "<p>链接</p>"


def test_a_url_in_a_capture_body_stays_in_the_body(ingest):
    text = (
        seed("004")
        .read_text(encoding="utf-8")
        .replace("https://p.dw.com/p/3y5xh\n", "")
        .replace("وتمحور لقاء", "https://example.org/petition\nوتمحور لقاء")
    )
    doc = ingest(text.encode(), "e.txt")
    assert doc.url is None and "https://example.org/petition" in doc.body_html


def test_persian_typed_with_arabic_letters():
    assert detect_language("گفتگوی پزشک") == "fa"


def test_a_stray_byte_does_not_reject_a_utf8_file(ingest):
    data = seed("000").read_bytes().replace("拜登与卡迪米在白宫".encode(), "拜登与卡迪米在白宫".encode() + b"\xff")
    doc = ingest(data, "f.md")
    assert doc.encoding == "utf-8" and "replaced by U+FFFD" in doc.warnings[0]


def test_yaml_alias_loops_do_not_hang(ingest):
    doc = ingest("---\ntitle: 标题\ntags: &a [x, *a]\n---\n<p>正文内容。</p>".encode(), "g.md")
    assert doc.title == "标题" and "x" in doc.labels


def test_a_blog_settings_file_that_literal_eval_cannot_take_is_read_without_it():
    from ingest.site_config import parse_site_config

    config = parse_site_config(b"EXTRA = {[1]: 2}\nODD = {1, [2]}\nSITENAME = 'x'\n", "blog/pelicanconf.py")
    assert config is not None and config.title == "x"  # {[1]: 2} is a TypeError, not a ValueError
    assert parse_site_config(b"B = (\n", "blog/pelicanconf.py") is None
