"""Front matter variants and damage: every problem is named, with its line."""

from datetime import UTC, datetime

import pytest
from archive_paths import seed

from ingest.document import IngestError

BODY = "\n<p>伊拉克与美国就最后一支美国作战部队从伊拉克领土上撤出达成协议。</p>\n"


def test_markdown_body_and_list_forms(ingest):
    doc = ingest(b"---\ntitle: Test\ndate: 2021-07-27 15:03:04\ntags: [a, b]\ncategories: c\nlang: fa-IR\n---\n\n# Head\n\nsome *text* here\n", "x.md")
    assert doc.title == "Test" and doc.lang == "fa" and doc.dir == "rtl"
    assert doc.labels == ["c", "a", "b"]
    assert doc.date == datetime(2021, 7, 27, 15, 3, 4, tzinfo=UTC)
    assert doc.warnings == ["front matter date '2021-07-27 15:03:04' has no time zone; read as UTC"]
    assert "<h2>Head</h2>" in doc.body_html and "<em>text</em>" in doc.body_html


@pytest.mark.parametrize(
    ("text", "reason", "line"),
    [
        ("---\ntitle: 'unclosed\ndate: 2021\n---\n" + BODY, "broken front matter", 2),
        ("\n\n---\ntitle: ok\n  bad: indent: here\n---\n" + BODY, "broken front matter", 5),
        ("---\ntitle: never closed\n" + BODY, "broken front matter: the '---' block is never closed", 1),
        ("---\n- just\n- a list\n---\n" + BODY, "broken front matter: expected 'key: value' lines", 2),
    ],
)
def test_broken_front_matter(ingest, text, reason, line):
    with pytest.raises(IngestError) as err:
        ingest(text.encode(), "bad/broken.md")
    assert err.value.reason.startswith(reason)
    assert err.value.line == line
    assert str(err.value).startswith(f"bad/broken.md:{line}: ")


def test_damaged_seed_missing_title_and_bad_date(ingest):
    text = seed("000").read_text(encoding="utf-8")
    text = text.replace("title: '拜登：美国作战部队将于今年年底前撤离伊拉克'\n", "").replace("Tue, 27 Jul 2021 07:03:04 GMT", "sometime in July")
    doc = ingest(text.encode(), "damaged.md")
    assert doc.title.startswith("美国总统乔·拜登与伊拉克总理穆斯塔法·卡迪米")
    assert doc.date is None
    assert any("not a date" in w for w in doc.warnings) and any("empty title" in w for w in doc.warnings)


def test_front_matter_without_body_is_rejected(ingest):
    with pytest.raises(IngestError, match="no article text"):
        ingest(b"---\ntitle: only a title\n---\n", "empty-body.md")


def test_headline_with_link_but_no_body_is_kept(ingest):
    doc = ingest("---\ntitle: 只有标题\nlink: https://news.example/a/1\n---\n".encode(), "link-only.md")
    assert doc.title == "只有标题" and doc.url == "https://news.example/a/1"
    assert doc.warnings == ["no body text; published with its title and the link to the original"]
