"""Every file of the duty-machine mirror sample is read correctly (dates per SOURCE.md's table)."""

import re

import pytest
from archive_paths import CORPUS, corpus_files

OUTLET_OF_FOLDER = {
    "BBC": "bbc",
    "中国数字时代": "cdt",
    "德国之声": "dw",
    "法广": "rfi",
    "纽约时报": "nyt",
    "美国之音": "voa",
    "自由亚洲电台": "rfa",
}
UNDATED_OUTLETS = {"cdt"}  # only the archive time in the leading comment
URL_DAY_OUTLETS = {"rfa"}  # no date line, but the address carries the day: …/hc-10122020133733.html
FILES = corpus_files()


def test_corpus_is_there():
    assert len(FILES) == 24, f"expected the 24 corpus files under {CORPUS}"


def _title_in_file(path):
    line = path.read_text(encoding="utf-8").split("\n")[1]
    return line[1 : line.rfind("](")]


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name[:12]}")
def test_corpus_file(ingest, path):
    source = path.relative_to(CORPUS).as_posix()
    doc = ingest(path.read_bytes(), source)
    assert doc.format == "rss_archive"
    assert (doc.lang, doc.dir) == ("zh", "ltr")
    assert doc.outlet == OUTLET_OF_FOLDER[path.parent.name]
    assert doc.archived is not None and doc.url.startswith("http")
    assert doc.title and "\\" not in doc.title and not doc.title.endswith("RFI")
    assert doc.title.replace(" ", "") in _title_in_file(path).replace("\\", "").replace(" ", "")
    if doc.outlet in UNDATED_OUTLETS:
        assert doc.date is None
    elif doc.outlet in URL_DAY_OUTLETS:
        month, day, year = re.search(r"-(\d\d)(\d\d)(\d{4})\d{6}\.html", doc.url).groups()
        assert doc.date.isoformat() == f"{year}-{month}-{day}T00:00:00+00:00"
    else:
        assert doc.date is not None
        assert doc.date <= doc.archived, "publication after archiving: wrong time zone"
        assert (doc.archived - doc.date).days < 10
    assert doc.warnings == []
    body = doc.body_html
    for banned in (
        "<script",
        "<iframe",
        "<video",
        "<audio",
        "style=",
        "onclick",
        "javascript:",
        "获取更多RSS",
        "分钟前",
        "<div",
    ):
        assert banned not in body
    assert not re.search(r'<img[^>]*src=""', body)
    assert doc.summary and len(doc.summary) <= 121


def test_dated_outlets_read_their_own_date_line(ingest):
    expected = {
        "美国之音/1045736.md": "2020-10-13T01:13:37+00:00",  # RFC 2822 in <div><i>
        "德国之声/1046203.md": "2020-10-13T06:08:01+00:00",  # author<br>ISO Z
        "纽约时报/1047714.md": "2020-10-13T06:38:42+00:00",  # Beijing time, no zone written
        "法广/1042081.md": "2020-10-13T05:35:00+00:00",  # 13/10/2020 - 07:35, Paris time
        "BBC/1047443.md": "2020-10-12T00:00:00+00:00",  # <time dateTime>
    }
    for source, iso in expected.items():
        doc = ingest((CORPUS / source).read_bytes(), source)
        assert doc.date.isoformat() == iso, source


def test_bylines_from_the_date_line(ingest):
    doc = ingest((CORPUS / "德国之声/1046203.md").read_bytes(), "德国之声/1046203.md")
    assert doc.author == "张慈 （综合报道）"
    doc = ingest((CORPUS / "纽约时报/1047714.md").read_bytes(), "纽约时报/1047714.md")
    assert doc.author == "MICHAEL M. GRYNBAUM"


def test_outlet_quirks(ingest):
    bbc = next(p for p in FILES if p.name.startswith("1047474"))
    assert ingest(bbc.read_bytes(), "BBC/x.md").title == "中国品牌“囚爱“男性贞操锁安全隐患曝光：黑客或可远程锁定"
    rfi = next(p for p in FILES if p.name.startswith("1042083"))
    assert ingest(rfi.read_bytes(), "法广/x.md").title == "秘鲁特准进入马丘比丘 日本游客喜PO文"
    cdt = CORPUS / "中国数字时代/391116.md"
    assert "addtoany" not in ingest(cdt.read_bytes(), "x.md").body_html
    voa_video = next(p for p in FILES if p.name.startswith("1045742"))
    body = ingest(voa_video.read_bytes(), "x.md").body_html
    assert "_240p.mp4" in body and "<figure>" in body  # the video survives as a poster and a link
