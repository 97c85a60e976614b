"""The output manifest: a kept file is trusted by its stat only when that cannot hide a change."""

from __future__ import annotations

import json
import os

import pytest
from incremental import outputs
from incremental.outputs import BuildOutputs
from ingest import stamps


def _build(root, pages: dict[str, bytes]) -> BuildOutputs:
    session = BuildOutputs(root)
    session.begin(lock_timeout=5)
    for rel, data in pages.items():
        session.write(rel, data, key="k")
    session.finish()
    return session


def _next(root) -> BuildOutputs:
    session = BuildOutputs(root)
    session.begin(lock_timeout=5)
    return session


@pytest.fixture
def no_margin(monkeypatch):
    monkeypatch.setattr(stamps, "TRUST_STAT_MARGIN_NS", -1)  # every file old enough to be trusted


def test_an_unchanged_file_is_trusted_without_reading_it(tmp_path, monkeypatch, no_margin):
    _build(tmp_path, {"a.html": b"one", "b.html": b"two"})
    session = _next(tmp_path)
    monkeypatch.setattr(outputs, "file_hash", lambda path: pytest.fail(f"{path} read"))
    assert session.is_current("a.html", "k") and session.is_current("b.html", "k")
    session.abandon()


def test_a_file_changed_with_its_size_and_mtime_kept_is_seen(tmp_path, no_margin):
    _build(tmp_path, {"a.html": b"one"})
    page = tmp_path / "a.html"
    stamp = page.stat()
    page.write_bytes(b"two")  # same size
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same mtime: the ctime moved
    assert not _next(tmp_path).is_current("a.html", "k")


def test_a_file_replaced_by_a_link_is_not_read_through(tmp_path, no_margin):
    _build(tmp_path, {"a.html": b"one"})
    (tmp_path / "copy.html").write_bytes(b"one")
    (tmp_path / "a.html").unlink()
    (tmp_path / "a.html").symlink_to(tmp_path / "copy.html")  # the same bytes, through a link
    assert not _next(tmp_path).is_current("a.html", "k")


def test_files_written_just_before_the_build_ended_are_checked_by_hash(tmp_path, monkeypatch):
    _build(tmp_path, {"a.html": b"one"})
    read = []
    monkeypatch.setattr(outputs, "file_hash", lambda path: read.append(path) or outputs.content_hash(b"one"))
    assert _next(tmp_path).is_current("a.html", "k")
    assert read == [tmp_path / "a.html"]  # within TRUST_STAT_MARGIN_NS of the end: a tick could hide a change


def test_a_damaged_manifest_names_no_file_outside_the_folder(tmp_path):
    out, victim = tmp_path / "out", tmp_path / "victim.html"
    victim.write_text("keep", encoding="utf-8")
    _build(out, {"a.html": b"one"})
    manifest = out / ".build" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    for rel in ("../victim.html", "/" + str(victim).lstrip("/"), "x/../../victim.html"):
        data["files"][rel] = data["files"]["a.html"]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    _build(out, {})  # removes what the last build had and this one has not
    assert victim.read_text(encoding="utf-8") == "keep"
    assert not (out / "a.html").exists()


def test_a_touched_file_with_the_same_bytes_is_hashed_once_then_trusted(tmp_path, monkeypatch, no_margin):
    _build(tmp_path, {"a.html": b"one"})
    os.utime(tmp_path / "a.html", ns=(10**18, 10**18))  # touched: another mtime, the same bytes
    session = _next(tmp_path)
    assert session.is_current("a.html", "k")  # by hash
    session.keep("a.html")
    session.finish()
    monkeypatch.setattr(outputs, "file_hash", lambda path: pytest.fail(f"{path} read"))
    assert _next(tmp_path).is_current("a.html", "k")


def test_a_manifest_of_the_last_version_is_still_read(tmp_path):
    """Version 2 kept each entry as a mapping, without inode and ctime: read, checked by hash."""
    _build(tmp_path, {"a.html": b"one"})
    manifest = tmp_path / ".build" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    entry = dict(zip(("hash", "size", "mtime_ns", "key", "via"), data["files"]["a.html"], strict=False))
    manifest.write_text(json.dumps({"version": 2, "files": {"a.html": entry}, "meta": {}}), encoding="utf-8")
    session = _next(tmp_path)
    assert session.is_current("a.html", "k") and not session.is_current("a.html", "other key")
    session.abandon()


def test_a_write_into_a_folder_is_checked_on_the_folder_as_opened(tmp_path, monkeypatch):
    """A file goes into its folder through a descriptor of it, checked where the kernel resolved
    it: no per-component walk for a folder that exists (the long check by name is only for a
    folder to be made), and nothing lands outside through a linked folder or a linked file."""
    root, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.html").write_text("keep", encoding="utf-8")
    session = _next(root)
    assert session.write("articles/a.html", b"<p>a</p>")  # a new folder: checked by name, made
    calls = []
    monkeypatch.setattr(outputs, "inside", lambda *a: calls.append(a) or pytest.fail("checked by name"))
    assert session.write("articles/b.html", b"<p>b</p>")  # the folder exists: checked as opened
    assert (root / "articles" / "b.html").read_bytes() == b"<p>b</p>" and calls == []
    info = os.lstat(root / "articles" / "b.html")
    assert (session.current["articles/b.html"].ino, session.current["articles/b.html"].size) == (info.st_ino, 3 + 5)
    monkeypatch.undo()

    (root / "feeds").symlink_to(outside)  # a folder linked out of the output folder
    with pytest.raises(ValueError, match="outside"):
        session.write("feeds/all.xml", b"<rss/>")
    with pytest.raises(ValueError, match="outside"):
        session.write("articles/../../outside/x.html", b"x")  # resolved out by the kernel
    (root / "articles" / "c.html").symlink_to(outside / "victim.html")  # a page linked out
    with pytest.raises(ValueError, match="outside"):
        session.write("articles/c.html", b"c")
    (root / "articles" / "d.html").symlink_to(root / "articles" / "a.html")  # a link that stays in
    assert session.write("articles/d.html", b"d")  # replaced by the file, not written through
    assert (
        not (root / "articles" / "d.html").is_symlink() and (root / "articles" / "a.html").read_bytes() == b"<p>a</p>"
    )
    assert sorted(p.name for p in outside.iterdir()) == ["victim.html"]
    assert (outside / "victim.html").read_text(encoding="utf-8") == "keep"
    session.check("articles/e.html")  # the same check before a page is rendered
    with pytest.raises(ValueError, match="outside"):
        session.check("feeds/x.xml")
    session.finish()
