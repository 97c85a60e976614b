"""A saved web page is read from its head and article, and its scripts never survive."""

from datetime import UTC, datetime

PAGE = """<!DOCTYPE html>
<html lang="ar"><head><meta charset="utf-8"><title>DW عربية</title>
<meta property="og:title" content="بايدن يستقبل الكاظمي">
<meta property="og:url" content="https://www.dw.com/ar/a-58640000">
<meta property="article:published_time" content="2021-07-26T18:00:00+02:00">
<script>track()</script></head>
<body onload="evil()"><nav>تخطي إلى المحتوى</nav>
<article><h1>بايدن يستقبل الكاظمي</h1><p>أعلن الرئيس الأمريكي جو بايدن انتهاء المهمة القتالية في العراق.</p>
<img src="/image/1.jpg" onerror="x()"><script>alert(1)</script></article>
<footer>اكتشاف المزيد</footer></body></html>"""


def test_saved_page(ingest):
    doc = ingest(PAGE.encode(), "saved/page.html")
    assert doc.format == "html_page"
    assert (doc.title, doc.lang, doc.dir, doc.outlet) == ("بايدن يستقبل الكاظمي", "ar", "rtl", "dw")
    assert doc.date == datetime(2021, 7, 26, 16, tzinfo=UTC)
    assert doc.url == "https://www.dw.com/ar/a-58640000"
    assert "<script" not in doc.body_html and "onerror" not in doc.body_html and "<h1" not in doc.body_html
    assert "تخطي" not in doc.body_html and "اكتشاف" not in doc.body_html
    assert 'src="https://www.dw.com/image/1.jpg"' in doc.body_html
