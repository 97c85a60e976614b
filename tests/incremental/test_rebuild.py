"""Rebuilds: unchanged pages are kept, changed ones rendered again, removed ones deleted, and a
changed source profile reaches the cached ingestion results."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from archive_paths import ROOT, SEEDS, seed


def _build(content: Path, out: Path, cache: Path) -> dict:
    settings = ["-e", f'INGEST_CACHE="{cache}"']
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out), *settings],
        capture_output=True,
        check=False,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))


def _url(report: dict, source: str) -> str:
    return next(e["url"] for e in report["files"] if e["source"] == source)


def test_rebuild_renders_only_what_changed(tmp_path):
    content, out, cache = tmp_path / "content", tmp_path / "out", tmp_path / "cache.sqlite"
    shutil.copytree(SEEDS, content)
    report = _build(content, out, cache)
    page_001 = out / _url(report, seed("001").name)
    page_002 = out / _url(report, seed("002").name)
    stamp_001, stamp_002 = page_001.stat().st_mtime_ns, page_002.stat().st_mtime_ns

    # 001's title changes; 002 is neither 001's neighbour nor linked to it (its page does not show it)
    text = (content / seed("001").name).read_text(encoding="utf-8")
    text = text.replace("title: '伊拉克与美国", "title: '伊拉克和美国", 1).replace(
        "这是其最突出的成果", "这是其主要成果"
    )
    (content / seed("001").name).write_text(text, encoding="utf-8")
    report = _build(content, out, cache)
    renamed = out / _url(report, seed("001").name)  # a new title, a new slug
    assert renamed != page_001 and not page_001.exists()  # the old page is removed
    assert "这是其主要成果" in renamed.read_text(encoding="utf-8") and renamed.stat().st_mtime_ns > stamp_001
    assert page_002.stat().st_mtime_ns == stamp_002  # not rendered again
    assert "这是其主要成果" in (out / _url(report, seed("004").name)).read_text(encoding="utf-8")  # 004 lists 001
    assert "这是其主要成果" in (out / "index.html").read_text(encoding="utf-8")  # listings follow

    # a file removed: its page goes too
    (content / seed("002").name).unlink()
    articles = out / "articles"
    before = {p.name for p in articles.iterdir()}
    report = _build(content, out, cache)
    after = {p.name for p in articles.iterdir()}
    assert len(before - after) == 1 and all(e["source"] != seed("002").name for e in report["files"])


def test_a_changed_source_profile_reaches_cached_results(tmp_path):
    content, out, cache = tmp_path / "content", tmp_path / "out", tmp_path / "cache.sqlite"
    shutil.copytree(SEEDS, content)
    report = _build(content, out, cache)
    assert next(e for e in report["files"] if e["source"] == seed("003").name)["outlet"] is None
    # the archive says its Persian plain-text file belongs to a new outlet, by folder name
    (content / "sources.yml").write_text(
        "outlets:\n  khabar:\n    names: {en: Khabar, fa: خبر}\n    aliases: [persian-desk]\n", encoding="utf-8"
    )
    (content / "persian-desk").mkdir()
    shutil.move(content / seed("003").name, content / "persian-desk" / seed("003").name)
    report = _build(content, out, cache)
    assert next(e for e in report["files"] if e["source"].endswith(seed("003").name))["outlet"] == "khabar"
    # and with the file back where it was, the profile change alone must still be seen
    shutil.move(content / "persian-desk" / seed("003").name, content / seed("003").name)
    (content / "sources.yml").write_text(
        "outlets:\n  aljazeera:\n    names: {en: AJ}\n    cited_as: [nothing-matches-this]\n", encoding="utf-8"
    )
    report = _build(content, out, cache)
    assert next(e for e in report["files"] if e["source"] == seed("003").name)["cites"] is None  # was aljazeera


def test_settings_of_how_the_build_runs_render_no_page_again(tmp_path):
    """Processes, caches and waiting are not what a page shows: another INGEST_CACHE, INGEST_WORKERS,
    STORY_WORKERS or BUILD_LOCK_TIMEOUT renders nothing again; a setting pages show renders them."""
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(SEEDS, content)
    _build(content, out, tmp_path / "cache.sqlite")

    def rendered(*settings: str) -> int:
        result = subprocess.run(
            [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out),
             "-e", *settings],
            capture_output=True, check=False, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        return int(re.search(r"Pages: \d+, (\d+) rendered", result.stdout).group(1))

    other = f'INGEST_CACHE="{tmp_path / "other.sqlite"}"'
    assert rendered(other, "INGEST_WORKERS=1", "STORY_WORKERS=1", "BUILD_LOCK_TIMEOUT=5") == 0
    assert rendered(other, 'SITENAME="Another name"') > 0


def test_a_kept_article_page_is_settled_before_pelicans_writer(tmp_path, monkeypatch):
    """An unchanged article page is kept without Pelican's writer making its folder or a file
    object for it, and is still announced as written (progress, other plugins); a changed one is
    rendered through Pelican's writer as before."""
    import os

    import equivalence  # tests/incremental/equivalence.py: an in-process build
    from pelican import signals

    content, out, cache = tmp_path / "content", tmp_path / "out", tmp_path / "cache.sqlite"
    shutil.copytree(SEEDS, content)
    equivalence.build(content, out, cache, search=False)
    made, announced = [], []
    real_makedirs = os.makedirs

    def makedirs(name, *args, **kwargs):
        made.append(Path(name).resolve())
        return real_makedirs(name, *args, **kwargs)

    def written(path, **_) -> None:
        announced.append(Path(path).resolve())

    def rebuild() -> dict[Path, int]:
        made.clear()
        announced.clear()
        monkeypatch.setattr(os, "makedirs", makedirs)
        signals.content_written.connect(written)
        try:
            equivalence.build(content, out, cache, search=False)
        finally:
            signals.content_written.disconnect(written)
            monkeypatch.undo()
        return {p.resolve(): p.stat().st_mtime_ns for p in (out / "articles").glob("*.html")}

    pages = {p.resolve(): p.stat().st_mtime_ns for p in (out / "articles").glob("*.html")}
    assert rebuild() == pages and len(pages) == 5  # nothing changed: every article page kept
    assert set(pages) <= set(announced)  # and announced as written
    assert (out / "articles").resolve() not in made  # Pelican's writer made no folder for them

    changed = content / seed("003").name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nA paragraph added.\n", encoding="utf-8")
    now = rebuild()
    report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
    rendered = (out / _url(report, seed("003").name)).resolve()
    assert "A paragraph added." in rendered.read_text(encoding="utf-8")
    assert set(now) <= set(announced) and (out / "articles").resolve() in made
