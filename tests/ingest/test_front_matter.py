"""Front matter variants and damage: every problem is named, with its line."""

from datetime import UTC, datetime

import pytest
from archive_paths import seed
from ingest.document import IngestError
from ingest.pipeline import ingest_bytes
from ingest.site_config import SiteConfig

BODY = "\n<p>伊拉克与美国就最后一支美国作战部队从伊拉克领土上撤出达成协议。</p>\n"


def test_markdown_body_and_list_forms(ingest):
    doc = ingest(
        b"---\ntitle: Test\ndate: 2021-07-27 15:03:04\ntags: [a, b]\ncategories: c\nlang: fa-IR\n---\n\n# Head\n\nsome *text* here\n",
        "x.md",
    )
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
    text = text.replace("title: '拜登：美国作战部队将于今年年底前撤离伊拉克'\n", "").replace(
        "Tue, 27 Jul 2021 07:03:04 GMT", "sometime in July"
    )
    doc = ingest(text.encode(), "1047.md")  # a file name that is an id gives no title either
    assert doc.title.startswith("美国总统乔·拜登与伊拉克总理穆斯塔法·卡迪米")
    assert doc.date is None
    assert any("not a date" in w for w in doc.warnings) and any("empty title" in w for w in doc.warnings)


def test_untitled_post_is_titled_after_its_file_name_as_jekyll_does(ingest):
    doc = ingest(
        "---\ndate: 2019-10-21\n---\n\n# Set 数据类型\n\nSet 对象允许你存储任何类型的唯一值。\n".encode(),
        "js/常用js —— es6新的数据类型.md",
    )
    assert doc.title == "常用js —— es6新的数据类型"
    doc = ingest("---\ntags: [x]\n---\n\nسلام دنیا، این یک نوشته است.\n".encode(), "_posts/2021-04-09-hello-world.md")
    assert (doc.title, doc.date.date().isoformat()) == ("hello world", "2021-04-09")


def test_hexo_front_matter_without_opening_fence(ingest):
    doc = ingest(
        "title: C/C++笔记\ndate: 2016-01-03 15:44:00\ntags: cpp\n---\n菜鸟笔记，私房菜。\n".encode(), "C_CPP_notes.md"
    )
    assert (doc.format, doc.title) == ("front_matter", "C/C++笔记")
    assert doc.date.isoformat() == "2016-01-03T15:44:00+00:00" and "菜鸟笔记" in doc.body_html


def test_html_entities_in_titles_are_the_characters_they_stand_for(ingest):
    doc = ingest("---\ntitle: 'Tom &amp; Jerry&#39;s 新闻'\n---\n正文内容在这里。\n".encode(), "a.md")
    assert doc.title == "Tom & Jerry's 新闻"


def test_front_matter_without_body_is_rejected(ingest):
    with pytest.raises(IngestError, match="no article text"):
        ingest(b"---\ntitle: only a title\n---\n", "empty-body.md")


def test_headline_with_link_but_no_body_is_kept(ingest):
    doc = ingest("---\ntitle: 只有标题\nlink: https://news.example/a/1\n---\n".encode(), "link-only.md")
    assert doc.title == "只有标题" and doc.url == "https://news.example/a/1"
    assert doc.warnings == ["no body text; published with its title and the link to the original"]


def test_the_original_address_is_the_first_absolute_one_under_any_url_key(ingest):
    # Hugo PaperMod's canonicalURL names where a post was first published; Hugo's url is its own path
    doc = ingest(
        "---\ntitle: دانته\nurl: /posts/dante/\ncanonicalURL: https://blog.example.ir/post/dante\n---\n"
        "متن نوشته در اینجا.\n".encode(),
        "dante.md",
    )
    assert doc.url == "https://blog.example.ir/post/dante"
    doc = ingest("---\ntitle: 标题\nCanonical: https://news.example/a/2\n---\n正文内容在这里。\n".encode(), "a.md")
    assert doc.url == "https://news.example/a/2"


def test_an_original_on_the_authors_earlier_blog_keeps_the_blog_as_publisher(profiles):
    # the post first appeared on the author's platform blog (ayoonesi.blog.ir): the blog
    # (ayoonesi.ir) still publishes it; an original on a news site names that site
    site = SiteConfig(source="config.yml", title="علیرضا یونسی", url="https://fa.AYoonesi.ir/")
    post = "---\ntitle: دانته\ncanonicalURL: {}\n---\nمتن نوشته در اینجا.\n"
    doc = ingest_bytes(post.format("https://ayoonesi.blog.ir/post/dante").encode(), "dante.md", profiles, site=site)
    assert (doc.url, doc.outlet) == ("https://ayoonesi.blog.ir/post/dante", "ayoonesi.ir")
    doc = ingest_bytes(post.format("https://www.news-example.ir/a/1").encode(), "dante.md", profiles, site=site)
    assert doc.outlet == "news-example.ir"


def test_labels_are_kept_as_written_not_as_yaml_types(ingest):
    """YAML 1.1 reads 12:30:00 as 45000 (base 60), 007 as 7, NO as false, 1e3 as 1000.0."""
    text = "---\ntitle: 2021\ntags: [12:30:00, 007, NO, 1e3, 伊拉克]\n---\n美国和伊拉克将开始会谈，讨论美军撤离伊拉克的问题。\n"
    doc = ingest(text.encode(), "post.md")
    assert doc.labels == ["12:30:00", "007", "NO", "1e3", "伊拉克"] and doc.title == "2021"


@pytest.mark.parametrize("zone", ["Mars/Olympus", "99999999999999999999", "../../etc/passwd"])
def test_a_blog_timezone_that_is_no_zone_is_said_not_silently_utc(profiles, zone):
    from ingest.formats import front_matter
    from ingest.site_config import SiteConfig

    text = "---\ntitle: 会谈\ndate: 2021-07-27 10:00:00\n---\n美国和伊拉克将开始会谈。\n"
    doc = front_matter.parse(text, "blog/_posts/p.md", profiles, SiteConfig("blog/_config.yml", timezone=zone))
    assert any("blog/_config.yml: timezone" in w and "is not a time zone" in w for w in doc.warnings)
    assert any("has no time zone; read as UTC" in w for w in doc.warnings)


def test_hugo_toml_front_matter_is_read(ingest):
    text = (
        '+++\ntitle = "伊拉克总理访问华盛顿"\ndate = 2021-07-27T10:00:00+03:00\ntags = ["伊拉克", "美国"]\n'
        'canonicalURL = "https://example.com/a"\n+++\n\n伊拉克总理卡迪米访问华盛顿，与拜登会谈。\n'
    )
    doc = ingest(text.encode(), "post.md")
    assert doc.format == "front_matter" and doc.title == "伊拉克总理访问华盛顿"
    assert doc.date.isoformat() == "2021-07-27T07:00:00+00:00" and doc.labels == ["伊拉克", "美国"]
    assert "+++" not in doc.body_html and doc.url == "https://example.com/a"


def test_broken_toml_front_matter_is_a_reason_with_its_line(ingest):
    with pytest.raises(IngestError) as caught:
        ingest(b'+++\ntitle = "x"\ndate = 2021-13-45T99:99:99Z\n+++\n\nbody\n', "post.md")
    assert "broken front matter" in caught.value.reason and caught.value.line == 3


def test_a_binary_yaml_title_is_text_not_a_python_value(ingest):
    doc = ingest("---\ntitle: !!binary aGVsbG8=\n---\n美国和伊拉克将开始会谈。\n".encode(), "post.md")
    assert doc.title == "aGVsbG8="
