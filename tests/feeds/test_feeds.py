"""Feeds of the sample archive, read by a real feed parser and a real feed reader."""

from __future__ import annotations

import email.utils
import functools
import html
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from archive_paths import ROOT, SEEDS
from feeds.model import FeedItem, FeedSpec
from feeds.render import enclosure_for, render


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _build(out: Path, site: str, content: Path = SEEDS) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out)],
        capture_output=True,
        check=False,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "FEED_SITEURL": site, "INGEST_CACHE": os.environ["INGEST_CACHE"]},
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    out = tmp_path_factory.mktemp("feeds-site")
    _build(out, base)
    return out, base, port


@pytest.fixture(scope="module")
def feeds(site):
    out, _, _ = site
    return {
        p.relative_to(out / "feeds").as_posix(): feedparser.parse(p.read_bytes())
        for p in (out / "feeds").rglob("*.xml")
    }


def test_every_feed_parses_cleanly(feeds):
    assert len(feeds) >= 2 * (1 + 3 + 3 + 5)  # all, 3 languages, 3 outlets, several tags, in 2 formats
    assert {name: str(f.bozo_exception) for name, f in feeds.items() if f.bozo} == {}
    for name, feed in feeds.items():
        assert feed.version == ("atom10" if name.endswith(".atom.xml") else "rss20"), name


@pytest.mark.parametrize(
    ("name", "lang", "count"),
    [
        ("all", "en", 5),
        ("lang/zh", "zh", 3),
        ("lang/ar", "ar", 1),
        ("lang/fa", "fa", 1),
        ("tag/iraq", "en", 5),
        ("tag/joe-biden", "en", 3),
        ("outlet/voa", "zh", 1),
        ("outlet/aljazeera", "zh", 2),
    ],
)
def test_feed_languages_and_counts(feeds, name, lang, count):
    for fmt in ("rss", "atom"):
        feed = feeds[f"{name}.{fmt}.xml"]
        assert feed.feed.language == lang
        assert len(feed.entries) == count


def test_self_links_and_item_links_are_absolute(feeds, site):
    _, base, _ = site
    for name, feed in feeds.items():
        assert any(link.rel == "self" and link.href == f"{base}/feeds/{name}" for link in feed.feed.links), name
        assert all(entry.link.startswith(f"{base}/articles/") for entry in feed.entries)


def test_guids_are_shared_across_feeds(feeds):
    by_link = {}
    for feed in feeds.values():
        for entry in feed.entries:
            by_link.setdefault(entry.link, set()).add(entry.id)
    assert len(by_link) == 5 and all(len(ids) == 1 for ids in by_link.values())


def test_guids_are_the_same_in_another_build(feeds, tmp_path, site):
    _, base, _ = site
    _build(tmp_path / "again", base)
    again = feedparser.parse((tmp_path / "again" / "feeds" / "all.atom.xml").read_bytes())
    assert [e.id for e in again.entries] == [e.id for e in feeds["all.atom.xml"].entries]


def test_dates_undated_articles_and_enclosures(feeds):
    for fmt in ("rss", "atom"):
        entries = {e.title: e for e in feeds[f"all.{fmt}.xml"].entries}
        dated = entries["拜登：美国作战部队将于今年年底前撤离伊拉克"]
        assert dated.published_parsed[:6] == (2021, 7, 27, 7, 3, 4)
        assert dated.enclosures[0].href.startswith(
            "https://chinese.aljazeera.net/wp-content/uploads/2021/07/image-30-1.jpg"
        )
        assert dated.enclosures[0].type == "image/jpeg"
        # Atom carries the tag key as term and its name as label; RSS the name as text
        assert ("iraq" if fmt == "atom" else "Iraq") in [t.term for t in dated.tags]
        assert "<p>" in dated.content[0].value and dated.summary.startswith("美国总统乔·拜登")
        undated = entries["ماموریت جنگی آمریکا در عراق، ۲۰۲۱ پایان می یابد"]
        assert "published" not in undated  # no date is invented
    atom_undated = {e.title: e for e in feeds["all.atom.xml"].entries}[
        "ماموریت جنگی آمریکا در عراق، ۲۰۲۱ پایان می یابد"
    ]
    assert atom_undated.updated  # Atom requires it: the archive time


def test_atom_enclosure_keeps_rel_type_and_length():
    """feedgen 1.0.0 writes Atom entry links without rel/type/length; our entry class fixes that."""
    when = datetime(2021, 7, 27, tzinfo=UTC)
    item = FeedItem(
        guid="urn:uuid:x",
        title="t",
        link="https://a.example/a.html",
        updated=when,
        enclosure=enclosure_for("https://img.example/p.png?w=1"),
    )
    spec = FeedSpec("all", "all", "Site", "en", "https://a.example/index.html", [item])
    atom = ElementTree.fromstring(render(spec, "https://a.example")["atom"])
    links = [link.attrib for link in atom.iter("{http://www.w3.org/2005/Atom}link") if link.get("rel") == "enclosure"]
    assert links == [{"href": "https://img.example/p.png?w=1", "rel": "enclosure", "type": "image/png", "length": "0"}]


def test_opml_lists_every_atom_feed(site, feeds):
    out, base, _ = site
    opml = ElementTree.parse(out / "feeds" / "subscriptions.opml")
    urls = {o.get("xmlUrl") for o in opml.iter("outline") if o.get("xmlUrl")}
    assert urls == {f"{base}/feeds/{name}" for name in feeds if name.endswith(".atom.xml")}
    # folders are named for people in the site language (en), not with internal keys
    folders = [o.get("text") for o in opml.getroot().find("body")]
    assert folders == ["Everything", "Languages", "Tags", "Outlets"]


def test_subscribe_page_and_alternate_links(site):
    out, _, _ = site
    subscribe = (out / "subscribe.html").read_text(encoding="utf-8")
    assert "feeds/subscriptions.opml" in subscribe and "feeds/tag/iraq.rss.xml" in subscribe
    tag_page = (out / "tags" / "iraq.html").read_text(encoding="utf-8")
    assert (
        'rel="alternate" type="application/atom+xml" title="Multilingual News Archive: Iraq (Atom)" href="../feeds/tag/iraq.atom.xml"'
        in tag_page
    )
    fa_listing = (out / "fa" / "index.html").read_text(encoding="utf-8")
    assert 'href="../feeds/lang/fa.rss.xml"' in fa_listing


ATOM_NS = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _atom(out: Path, name: str) -> ElementTree.Element:
    return ElementTree.parse(out / "feeds" / name).getroot()


def test_every_atom_entry_carries_its_own_language(site, report):
    out, _, _ = site
    languages = {e["title"]: e["lang"] for e in report["files"] if e["status"] == "published"}
    root = _atom(out, "all.atom.xml")
    assert root.get(XML_LANG) == "en"
    entries = root.findall(f"{ATOM_NS}entry")
    assert {e.findtext(f"{ATOM_NS}title"): e.get(XML_LANG) for e in entries} == languages
    assert {"zh", "ar", "fa"} <= {e.get(XML_LANG) for e in entries}


def test_rss_items_carry_their_language(feeds, report):
    languages = {e["title"]: e["lang"] for e in report["files"] if e["status"] == "published"}
    assert {e.title: e.language for e in feeds["all.rss.xml"].entries} == languages  # dc:language


def test_channel_links_point_at_the_page_the_feed_belongs_to(site):
    out, base, _ = site
    pages = {
        "all": "index.html",
        "lang/ar": "ar/index.html",
        "tag/iraq": "tags/iraq.html",
        "outlet/voa": "outlets/voa.html",
    }
    for name, page in pages.items():
        assert (out / page).is_file()
        channel = ElementTree.parse(out / "feeds" / f"{name}.rss.xml").getroot().find("channel")
        assert channel.findtext("link") == f"{base}/{page}", name
        atom = _atom(out, f"{name}.atom.xml")
        alternate = [link.get("href") for link in atom.findall(f"{ATOM_NS}link") if link.get("rel") == "alternate"]
        assert alternate == [f"{base}/{page}"], name


def test_an_undated_article_is_never_the_newest(feeds):
    for name, feed in feeds.items():
        if not name.endswith(".atom.xml"):
            continue
        dated = [e for e in feed.entries if "published" in e]
        undated = [e for e in feed.entries if "published" not in e]
        if not (dated and undated):
            continue
        assert feed.entries[: len(dated)] == dated, f"{name}: undated entries come after the dated ones"
        oldest = min(e.updated_parsed for e in dated)
        assert all(e.updated_parsed <= oldest for e in undated), name
        assert feed.feed.updated_parsed == max(e.updated_parsed for e in dated)


@pytest.fixture(scope="module")
def report(site) -> dict:
    import json

    out, _, _ = site
    return json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))


def test_feeds_are_byte_identical_on_a_fresh_copy(site, tmp_path):
    """Another checkout: other file times (a clone stamps files with the clone time), another
    folder, another build. Nothing in the feeds may change."""
    out, base, _ = site
    copy = tmp_path / "clone"
    shutil.copytree(SEEDS, copy)
    for i, path in enumerate(sorted(copy.rglob("*"))):
        os.utime(path, (1_900_000_000 + i * 3600, 1_900_000_000 + i * 3600))  # 2030: later than any article
    _build(tmp_path / "again", base, content=copy)
    first = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "feeds").rglob("*") if p.is_file()}
    second = {
        p.relative_to(tmp_path / "again").as_posix(): p.read_bytes()
        for p in (tmp_path / "again" / "feeds").rglob("*")
        if p.is_file()
    }
    assert first.keys() == second.keys() and len(first) > 20
    assert [name for name in first if first[name] != second[name]] == []
    assert b"2030" not in b"".join(second.values())  # no file time leaked in


RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


def test_feeds_follow_the_w3c_validator_rules(site):
    """Local checks of what the W3C Feed Validation Service reports as errors (its service is
    online; these are its rules for the elements the feeds use)."""
    out, base, _ = site
    problems = []
    for path in sorted((out / "feeds").rglob("*.atom.xml")):
        name = path.relative_to(out / "feeds").as_posix()
        root = ElementTree.parse(path).getroot()
        for field in ("id", "title", "updated"):
            if not (root.findtext(f"{ATOM_NS}{field}") or "").strip():
                problems.append(f"{name}: feed has no {field}")
        selfs = [link.get("href") for link in root.findall(f"{ATOM_NS}link") if link.get("rel") == "self"]
        if selfs != [f"{base}/feeds/{name}"]:
            problems.append(f"{name}: self link {selfs}")
        ids = [e.findtext(f"{ATOM_NS}id") for e in root.findall(f"{ATOM_NS}entry")]
        if len(ids) != len(set(ids)):
            problems.append(f"{name}: duplicate entry ids")
        for element in root.iter():
            tag = element.tag.removeprefix(ATOM_NS)
            if tag in ("updated", "published") and not RFC3339.match(element.text or ""):
                problems.append(f"{name}: {tag} {element.text!r} is not RFC 3339")
            if element.get(XML_LANG) is not None and not LANGUAGE_TAG.match(element.get(XML_LANG)):
                problems.append(f"{name}: xml:lang {element.get(XML_LANG)!r}")
        for entry in root.findall(f"{ATOM_NS}entry"):
            has_content = entry.find(f"{ATOM_NS}content") is not None
            alternate = [link for link in entry.findall(f"{ATOM_NS}link") if link.get("rel") in (None, "alternate")]
            if not (entry.findtext(f"{ATOM_NS}title") or "").strip() or not (has_content or alternate):
                problems.append(f"{name}: entry without title or content/alternate link")
            if entry.find(f"{ATOM_NS}author") is None and root.find(f"{ATOM_NS}author") is None:
                problems.append(f"{name}: entry without author (nor a feed author)")
    for path in sorted((out / "feeds").rglob("*.rss.xml")):
        name = path.relative_to(out / "feeds").as_posix()
        channel = ElementTree.parse(path).getroot().find("channel")
        for field in ("title", "link", "description"):
            if not (channel.findtext(field) or "").strip():
                problems.append(f"{name}: channel has no {field}")
        if channel.findtext("link") == f"{base}/feeds/{name}":
            problems.append(f"{name}: channel link is the feed itself")
        if not LANGUAGE_TAG.match(channel.findtext("language") or ""):
            problems.append(f"{name}: language")
        for item in channel.findall("item"):
            if not (item.findtext("title") or item.findtext("description")):
                problems.append(f"{name}: item without title and description")
            guid = item.find("guid")
            if guid is not None and guid.get("isPermaLink") != "false" and not (guid.text or "").startswith("http"):
                problems.append(f"{name}: guid {guid.text!r} is not a permalink")
            for field in ("pubDate",):
                text = item.findtext(field)
                if text is not None and email.utils.parsedate_tz(text) is None:
                    problems.append(f"{name}: {field} {text!r} is not RFC 822")
            enclosure = item.find("enclosure")
            if enclosure is not None and not (enclosure.get("length") or "").isdigit():
                problems.append(f"{name}: enclosure length")
    assert problems == []


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_a_real_feed_reader_subscribes_through_the_opml(site, tmp_path):
    newsboat = shutil.which("newsboat")
    assert newsboat, "newsboat is missing: `make test` installs it (tests/setup/system-deps.sh)"
    out, _, port = site
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        (tmp_path / "config").write_text("")
        run = functools.partial(
            subprocess.run,
            capture_output=True,
            check=False,
            text=True,
            timeout=120,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )
        urls, cache = tmp_path / "urls", tmp_path / "cache.db"
        imported = run(
            [
                newsboat,
                "-C",
                str(tmp_path / "config"),
                "-u",
                str(urls),
                "-c",
                str(cache),
                "-i",
                str(out / "feeds" / "subscriptions.opml"),
            ]
        )
        assert imported.returncode == 0, imported.stderr
        assert len(urls.read_text().split()) >= 12
        result = run(
            [
                newsboat,
                "-C",
                str(tmp_path / "config"),
                "-u",
                str(urls),
                "-c",
                str(cache),
                "-x",
                "reload",
                "print-unread",
            ]
        )
        assert result.returncode == 0, result.stderr
        # every feed fetched and read; the reader keeps one copy per GUID across feeds: 5 articles
        assert result.stdout.strip() == "5 unread articles"
    finally:
        httpd.shutdown()


@pytest.mark.parametrize(
    "hostile", ["<img src=x onerror=alert(1)>", "&lt;script&gt;alert(1)&lt;/script&gt;", "a & b < c"]
)
def test_rss_text_is_inert_after_a_reader_decodes_it(hostile):
    """RSS readers render title and description as HTML once the XML is decoded: the decoded text
    must hold no live markup; Atom's text constructs stay plain text. Characters XML cannot hold
    never stop a feed from being written."""
    spec = FeedSpec("tag", "x", f"Site: {hostile}\x0b", "zh", "http://h/tags/x.html")
    spec.items = [
        FeedItem(guid="urn:uuid:1", title=f"标题 {hostile}\ufffe\x1b", link="http://h/a.html", updated=datetime(2024, 1, 1, tzinfo=UTC),
                 author=f"作者\x07{hostile}", categories=[("x", f"标签{hostile}\x0c")], summary=f"摘要 {hostile}",
                 content_html="<p>&lt;img src=x onerror=alert(1)&gt;\x0b</p>")
    ]  # fmt: skip
    out = render(spec, "http://h")
    rss = feedparser.parse(out["rss"])
    assert not rss.bozo
    for text in (rss.feed.title, rss.entries[0].title, rss.entries[0].description):
        assert not re.search(r"<\s*[a-zA-Z/!]", text), text
    # rendered as HTML, the reader shows exactly the article's text: nothing dropped, nothing run
    assert html.unescape(rss.entries[0].description) == f"摘要 {hostile}"
    assert html.unescape(rss.entries[0].title) == f"标题 {hostile}"
    atom = feedparser.parse(out["atom"])
    assert not atom.bozo and atom.entries[0].title == f"标题 {hostile}"
    assert atom.entries[0].title_detail.type == "text/plain"


def test_an_author_is_plain_text_in_rss_escaped_once():
    """dc:creator is not HTML to a reader: "News & Views" must not arrive as "News &amp; Views"."""
    spec = FeedSpec("tag", "x", "Site", "zh", "http://h/tags/x.html")
    spec.items = [
        FeedItem(guid="urn:uuid:1", title="标题", link="http://h/a.html", updated=datetime(2024, 1, 1, tzinfo=UTC),
                 author="News & Views", categories=[], summary="摘要", content_html="<p>正文</p>")
    ]  # fmt: skip
    rss = feedparser.parse(render(spec, "http://h")["rss"])
    assert not rss.bozo and rss.entries[0].author == "News & Views"


def test_pages_of_one_subject_offer_the_same_feeds_object():
    """page_feeds gives every page of a subject (a language's article pages …) one object, which
    page keys then describe once; its value is what the specs say, subject first."""
    from types import SimpleNamespace

    from feeds.model import FeedSpec
    from feeds.pelican_glue import _FeedIndex, page_feeds

    specs = {
        ("all", "all"): FeedSpec("all", "all", "Archive", "en", "https://x/index.html"),
        ("lang", "fa"): FeedSpec("lang", "fa", "Archive: فارسی", "fa", "https://x/fa/index.html"),
    }
    index = _FeedIndex(specs)
    one, other = (SimpleNamespace(lang="fa"), SimpleNamespace(lang="fa"))
    first = page_feeds({"feed_specs_by_key": index, "article": one})
    second = page_feeds({"feed_specs_by_key": index, "article": other})
    assert first is second
    assert first == (
        ("Archive: فارسی", "application/atom+xml", "feeds/lang/fa.atom.xml"),
        ("Archive: فارسی", "application/rss+xml", "feeds/lang/fa.rss.xml"),
        ("Archive", "application/atom+xml", "feeds/all.atom.xml"),
        ("Archive", "application/rss+xml", "feeds/all.rss.xml"),
    )
    assert page_feeds({"feed_specs_by_key": dict(specs), "article": one}) == first  # a plain mapping: the same value
    assert page_feeds({"feed_specs_by_key": index, "listing_lang": "ar"}) == first[2:]  # no Arabic feed: everything's
