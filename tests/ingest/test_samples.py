"""The five sample articles yield exactly the metadata the archive promises (issue table)."""

from datetime import UTC, datetime

import pytest
from archive_paths import seed
from ingest.document import IngestError

EXPECTED = [
    (
        "000",
        "front_matter",
        "zh",
        "ltr",
        "拜登：美国作战部队将于今年年底前撤离伊拉克",
        datetime(2021, 7, 27, 7, 3, 4, tzinfo=UTC),
        "aljazeera",
    ),
    (
        "001",
        "front_matter",
        "zh",
        "ltr",
        "伊拉克与美国战略对话结束 这是其最突出的成果",
        datetime(2021, 4, 8, 2, 38, tzinfo=UTC),
        "aljazeera",
    ),
    (
        "002",
        "rss_archive",
        "zh",
        "ltr",
        "美国和伊拉克将开始旨在结束驻伊国际联军的会谈",
        datetime(2024, 1, 25, 20, 28, 16, tzinfo=UTC),
        "voa",
    ),
    ("003", "plain_text", "fa", "rtl", "ماموریت جنگی آمریکا در عراق، ۲۰۲۱ پایان می یابد", None, None),
    (
        "004",
        "web_capture",
        "ar",
        "rtl",
        'بايدن يستقبل الكاظمي ويعلن انتهاء "المهمة القتالية" بالعراق',
        datetime(2021, 7, 26, tzinfo=UTC),
        "dw",
    ),
]


@pytest.mark.parametrize(("prefix", "fmt", "lang", "direction", "title", "date", "outlet"), EXPECTED)
def test_sample_metadata(ingest, prefix, fmt, lang, direction, title, date, outlet):
    doc = ingest(seed(prefix))
    assert (doc.format, doc.lang, doc.dir, doc.title, doc.date, doc.outlet) == (
        fmt,
        lang,
        direction,
        title,
        date,
        outlet,
    )
    assert doc.encoding == "utf-8"
    assert doc.warnings == []


def test_rss_archive_keeps_archive_time_apart_from_publication(ingest):
    doc = ingest(seed("002"))
    assert doc.archived == datetime(2024, 1, 25, 20, 39, 3, tzinfo=UTC)
    assert (
        doc.url
        == "https://www.voachinese.com/a/s-iraq-to-start-talks-on-end-of-coalition-presence-20240124/7457424.html"
    )
    # the dateline element is metadata, not body text
    assert "Thu, 25 Jan 2024" not in doc.body_html


def test_rss_archive_br_runs_become_paragraphs(ingest):
    doc = ingest(seed("002"))
    assert "<br><br>" not in doc.body_html.replace("<br />", "<br>")
    assert doc.body_html.count("<p>") >= 20
    # "五角大楼 —" opens the first paragraph instead of standing alone
    assert "<p>五角大楼 —" in doc.body_html
    assert doc.body_html.startswith("<figure><img ")
    assert "<figcaption>资料照片:在伊拉克摩苏尔以南" in doc.body_html


def test_front_matter_fields(ingest):
    doc = ingest(seed("000"))
    assert doc.author == "Aljazeera 半岛网"
    assert doc.labels == ["新媒体", "Aljazeera 半岛网", "新闻"]
    assert doc.lead_image.src.startswith("https://chinese.aljazeera.net/wp-content/uploads/2021/07/image-30-1.jpg")
    assert 'loading="lazy"' in doc.body_html and 'referrerpolicy="no-referrer"' in doc.body_html
    assert "data-recalc-dims" not in doc.body_html and "class=" not in doc.body_html


def test_inline_styles_are_gone(ingest):
    doc = ingest(seed("001"))
    assert "style=" not in doc.body_html and "font-size" not in doc.body_html
    assert "<figure>" in doc.body_html


def test_plain_text_deck_undated_and_cited_outlet(ingest):
    doc = ingest(seed("003"))
    assert doc.deck == "توافق بایدن و الکاظمی در کاخ سفید"
    assert doc.date is None and doc.undated
    assert doc.cites == "aljazeera"
    assert doc.body_html.count("<p>") == 4


def test_web_capture_drops_page_chrome_and_keeps_figure(ingest):
    doc = ingest(seed("004"))
    assert doc.url == "https://p.dw.com/p/3y5xh"
    for chrome in ("تخطي إلى", "اكتشاف المزيد", "p.dw.com"):
        assert chrome not in doc.body_html
    assert doc.body_html.startswith('<p class="lead">خلال استقبال رئيس الوزراء العراقي')
    figure = doc.body_html[doc.body_html.index("<figure>") : doc.body_html.index("</figure>")]
    assert "الرئيس الأمريكي جو بايدن ورئيس الوزراء العراقي مصطفى الكاظمي" in figure
    assert '<span class="credit">صورة من: Susan Walsh/AP/picture alliance</span>' in figure
    assert doc.body_html.endswith('<p class="credit">م.ع.ح/ع.ش (أ ف ب ، رويترز)</p>')


def test_summaries_are_short_and_whole(ingest):
    zh = ingest(seed("000"))
    assert 20 < len(zh.summary) <= 121
    assert zh.summary.startswith("美国总统乔·拜登与伊拉克总理")
    fa = ingest(seed("003"))
    assert len(fa.summary.split()) <= 41
    ar = ingest(seed("004"))
    assert "صورة من" not in ar.summary  # captions are not the summary


def _damaged(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new).encode()


def test_rss_archive_with_empty_title_line_still_becomes_an_article(ingest):
    doc = ingest(_damaged(seed("002"), "[美国和伊拉克将开始旨在结束驻伊国际联军的会谈]", "[]"), "empty-title.txt")
    assert doc.title.startswith("五角大楼 — 美国和伊拉克将开始")  # the body's first sentence, not the caption
    assert doc.warnings == ["empty title; title taken from the first sentence of the body"]
    assert doc.date is not None and doc.outlet == "voa"


def test_truncated_rss_archive_keeps_what_it_has(ingest):
    text = seed("002").read_bytes()
    cut = len(text) // 3
    while text[cut] & 0xC0 == 0x80:  # make sure the cut falls inside a character
        cut += 1
    doc = ingest(text[: cut + 1], "truncated.txt")
    assert doc.title == "美国和伊拉克将开始旨在结束驻伊国际联军的会谈" and doc.body_html.endswith("</p>")
    assert doc.warnings[0].startswith("file ends inside a UTF-8 character")


def test_web_capture_without_its_short_link_or_with_only_navigation(ingest):
    doc = ingest(_damaged(seed("004"), "https://p.dw.com/p/3y5xh\n", ""), "no-link.txt")
    assert doc.format == "web_capture" and doc.outlet == "dw" and doc.url is None
    assert doc.date.isoformat() == "2021-07-26T00:00:00+00:00"
    nav_only = "\n".join(seed("004").read_text(encoding="utf-8").split("\n")[:3]).encode()
    with pytest.raises(IngestError, match="nothing but page navigation"):
        ingest(nav_only, "nav-only.txt")


def test_reading_time_counts_characters_for_chinese_and_words_otherwise(ingest):
    # 000: about 850 Chinese characters, 2 minutes at 400 a minute; by whitespace words it would be 1
    assert ingest(seed("000")).reading_minutes == 2
    assert ingest(seed("003")).reading_minutes == 3  # 559 Persian words at 200 a minute
    assert ingest(seed("004")).reading_minutes == 2  # 433 Arabic words


def test_a_chinese_article_is_not_its_own_summary(ingest):
    doc = ingest(seed("000"))
    body_chars = len("".join(doc.body_html.split()))
    assert len(doc.summary) * 5 < body_chars
    assert doc.summary.endswith(("。", "…"))
