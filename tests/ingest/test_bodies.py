"""Bodies out of memory: the per-build body store, and ingestion results streamed through a
callback that can take the body out, while the cache keeps whole results."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime

import pytest
from archive_paths import SEEDS
from ingest.batch import Cached, IngestCache, ingest_many
from ingest.bodies import BodyFacts, BodyStore, body_digest
from ingest.document import Document
from ingest.pipeline import IngestOptions


def test_body_store_round_trip_and_cleanup(tmp_path):
    (tmp_path / "bodies-999999999-x").mkdir()  # a killed build's (no such process): removed
    (tmp_path / "other").mkdir()
    store = BodyStore(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("bodies-")) == ["other"]
    bodies = {f"dir/{i}.md": f"<p>正文 {i}</p>" * i for i in range(600)}  # more than one batch
    for source, html in bodies.items():
        store.put(source, html)
    assert all(store.get(source) == html for source, html in bodies.items())
    assert store.get("missing.md") == ""
    store.put("dir/1.md", "<p>changed</p>")
    assert store.get("dir/1.md") == "<p>changed</p>"
    (folder,) = tmp_path.glob("bodies-*")  # its own folder in the one it is given, nowhere else
    assert (folder / "bodies.sqlite").is_file()
    store.close()
    assert not folder.exists()
    in_memory = BodyStore()
    in_memory.put("a.md", "<p>正文</p>")
    assert in_memory.get("a.md") == "<p>正文</p>"
    in_memory.close()


def test_results_stream_through_keep_and_the_cache_keeps_bodies_apart(tmp_path, profiles):
    jobs = [(str(p), p.name) for p in sorted(SEEDS.glob("*.txt"))]
    cache = IngestCache(tmp_path / "cache.sqlite", links=lambda html: "<p>" in html)
    moved: dict[str, str] = {}

    def keep(result, cached):
        assert isinstance(result, Document) and result.body_html  # each fresh result whole, once
        moved[result.source] = result.body_html
        return dataclasses.replace(result, body_html="")

    common = {
        "profiles": profiles,
        "profiles_files": (),
        "options": IngestOptions(),
        "cache": cache,
        "version": "v",
        "workers": 1,
    }
    told: dict[str, Cached | None] = {}

    def keep_told(result, cached):
        told[result.source] = cached
        return keep(result, cached) if cached is None else result

    results, hits = ingest_many(jobs, keep=keep_told, **common)
    assert hits == 0 and len(results) == len(jobs) == len(moved)
    assert all(r.body_html == "" for r in results.values())
    assert set(told.values()) == {None}  # fresh results: their bodies are nowhere else yet
    # the cache holds the bodies apart: a second build gets each document without its body, told
    # where it can be read and what a build needs of it (digest, links resolved at use)
    first = dict(moved)
    again, hits = ingest_many(jobs, keep=keep_told, **common)
    assert hits == len(jobs) and set(told) == {r.source for r in again.values()} == set(first)
    assert all(r.body_html == "" for r in again.values())
    for source, html in first.items():
        cached = told[source]
        assert cached is not None and cache.body(cached.key) == html
        assert cached.facts == (body_digest(html), "<p>" in html)
    assert any(cached.facts.links for cached in told.values() if cached)  # the predicate was asked
    cache.close()


def test_a_referred_body_is_read_from_where_it_is_kept(tmp_path):
    kept = {"k1": "<p>正文</p>"}
    closed = []
    store = BodyStore(tmp_path)
    store.read_from(lambda key: kept[key], lambda: closed.append(True))
    store.refer("a.md", "k1", BodyFacts(body_digest("<p>正文</p>"), False))
    store.put("b.md", "<p>b</p>")
    assert store.get("a.md") == "<p>正文</p>" and store.get("b.md") == "<p>b</p>"
    assert store.facts("a.md") == (body_digest("<p>正文</p>"), False)
    (folder,) = tmp_path.glob("bodies-*")
    with sqlite3.connect(folder / "bodies.sqlite") as db:  # only the body put is copied
        assert [row[0] for row in db.execute("SELECT source FROM body")] == ["b.md"]
    store.put("a.md", "<p>changed</p>")  # put again: the copy wins over the reference
    assert store.get("a.md") == "<p>changed</p>"
    store.refer("c.md", "gone", BodyFacts(body_digest("<p>c</p>"), False))
    with pytest.raises(KeyError):
        store.get("c.md")
    store.close()
    assert closed == [True]


def test_the_cache_says_when_a_body_is_not_there(tmp_path):
    cache = IngestCache(tmp_path / "cache.sqlite")
    with pytest.raises(LookupError):
        cache.body("no-such-key")
    cache.close()


def test_body_store_keeps_each_bodys_digest_and_whether_it_holds_links(tmp_path):
    """What a build needs of a body without reading it back: its digest (page keys) and whether
    links in it are resolved at use (Pelican's static-link scan, the resolved content's digest)."""
    store = BodyStore(tmp_path, links=lambda html: "{filename}" in html)
    store.put("a.md", "<p>正文</p>")
    store.put("b.md", '<p><a href="{filename}a.md">a</a></p>')
    assert store.facts("a.md") == (body_digest("<p>正文</p>"), False)
    assert store.facts("b.md")[1] is True
    assert store.facts("missing.md") == (body_digest(""), False)
    store.put("a.md", "<p>changed</p>")
    assert store.facts("a.md")[0] == body_digest("<p>changed</p>") != body_digest("<p>正文</p>")
    store.close()


def test_a_published_articles_address_is_checked_once_final(tmp_path):
    """Pelican checks each article's address when it reads it, before slugs are made unique;
    `_dedupe_and_slug` checks the final one by real path (the hostile build tests), so for a
    published article Pelican's check of an address never used is skipped, and kept for others."""
    from ingest.pelican_glue import StoredBodyArticle
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    settings = {**DEFAULT_CONFIG, "OUTPUT_PATH": str(tmp_path / "output"), "PATH": str(tmp_path)}

    def article(status: str) -> Article:
        made = Article(
            "",
            metadata={"title": "t", "date": datetime(2024, 1, 1), "status": status, "save_as": "../../out.html"},
            settings=settings,
            source_path=str(tmp_path / "a.md"),
        )
        made.__class__ = StoredBodyArticle
        return made

    assert article("published").is_valid()
    assert not article("draft").is_valid()  # Pelican's own check: outside the output folder
    assert article("draft").get_relative_source_path() == "a.md"


def test_a_body_is_scanned_for_links_at_use_only_when_its_facts_say_it_has_some(tmp_path, monkeypatch):
    """The article page and its search text each read the content: a body in which Pelican's own
    link pattern found nothing is given as stored, one with a link goes through Pelican's resolving."""
    from types import SimpleNamespace

    from ingest.pelican_glue import StoredBodyArticle
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    settings = {**DEFAULT_CONFIG, "OUTPUT_PATH": str(tmp_path / "output"), "PATH": str(tmp_path)}
    pattern = Article._get_intrasite_link_regex(SimpleNamespace(settings=settings))
    store = BodyStore(tmp_path, links=lambda html: pattern.search(html) is not None)
    resolved = []
    monkeypatch.setattr(Article, "_update_content", lambda self, content, siteurl: resolved.append(content) or content)

    def article(name: str, body: str) -> Article:
        made = Article("", metadata={"title": "t", "date": datetime(2024, 1, 1)}, settings=settings)
        made.source_file = str(tmp_path / name)
        made.__class__ = StoredBodyArticle
        made._bodies = store
        store.put(made.source_file, body)
        return made

    plain = article("a.md", "<p>正文 {filename} in text, not a link</p>")
    linked = article("b.md", '<p><a href="{filename}a.md">a</a></p>')
    assert plain.get_content("") == "<p>正文 {filename} in text, not a link</p>"
    assert resolved == []
    assert linked.get_content("") == '<p><a href="{filename}a.md">a</a></p>'
    assert resolved == ['<p><a href="{filename}a.md">a</a></p>']
    store.close()
