"""How Pelican reads the archive: its categories (one object per name and build) and its own
content cache (no idle file stamps; turned off with a warning, since it cannot keep these articles)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from archive_paths import SEEDS, seed
from pelican import signals
from pelican.contents import Category

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "incremental"))
import equivalence

_TEXT = "{title}\n\n2021年7月{day}日\n\n{body}\n"


def test_pelicans_categories_are_one_per_name_with_pelicans_slug(tmp_path):
    """Pelican makes a category for each file it reads (the default one, or its folder's name with
    USE_FOLDER_AS_CATEGORY): the articles of one folder share one, whose slug is the one Pelican
    gives that name; an outlet's category stays the ingest plugin's own, one per outlet."""
    content = tmp_path / "content"
    shutil.copytree(SEEDS, content)
    (content / "读书笔记").mkdir()
    for day, body in (
        (3, "伊拉克总理与美国总统会面，讨论撤军时间表。" * 8),
        (9, "联合国安理会就也门停火举行闭门会议。" * 8),
    ):
        note = content / "读书笔记" / f"note-{day}.txt"
        note.write_text(_TEXT.format(title=f"笔记第{day}篇", day=day, body=body), encoding="utf-8")
    seen: list = []

    def read(generator) -> None:
        seen.extend(generator.articles)

    signals.article_generator_finalized.connect(read)
    try:
        equivalence.build(content, tmp_path / "out", None, search=False)
    finally:
        signals.article_generator_finalized.disconnect(read)
    notes = [a for a in seen if "读书笔记" in a.source_path]
    assert len(notes) == 2 and not any(a.record.outlet for a in notes)
    first, second = (a.category for a in notes)
    settings = notes[0].settings
    assert first is second
    assert first.name == ("读书笔记" if settings["USE_FOLDER_AS_CATEGORY"] else settings["DEFAULT_CATEGORY"])
    assert first.slug == Category(first.name, settings).slug  # Pelican's own slug for it
    outlets = [a for a in seen if a.record.outlet]
    assert outlets
    for article in outlets:
        assert all(a.category is article.category for a in outlets if a.record.outlet == article.record.outlet)


def test_pelicans_idle_content_cache_stats_no_article(tmp_path, monkeypatch):
    """With Pelican's content cache off (its default), nothing compares its file stamps: none is
    taken; with it on, Pelican's caching works as Pelican's."""
    import os

    content = tmp_path / "content"
    shutil.copytree(SEEDS, content)
    stamped: list[str] = []
    real = os.path.getmtime

    def getmtime(path):
        stamped.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(os.path, "getmtime", getmtime)  # before Pelican's caches take it
    equivalence.build(content, tmp_path / "out", None, search=False)
    assert not [p for p in stamped if p.startswith(str(content))]

    from ingest.pelican_glue import _no_idle_stamps
    from pelican.cache import FileStampDataCacher

    settings = {"CHECK_MODIFIED_METHOD": "mtime", "CACHE_PATH": str(tmp_path / "cache"), "GZIP_CACHE": False}
    on = FileStampDataCacher(settings, "on", True, False)  # Pelican's cache in use: its stamps stay
    _no_idle_stamps(on)
    on.cache_data(str(content / seed("001").name), "data")
    assert on.get_cached_data(str(content / seed("001").name)) == "data"
    assert [p for p in stamped if p.startswith(str(content))]


def test_pelicans_content_cache_is_turned_off_with_a_warning_not_a_crash(tmp_path, caplog):
    """Pelican's content cache pickles each article, which ours cannot be (they refer to the
    build's body store): with CACHE_CONTENT on, the build said so and stopped. Now it warns, turns
    that cache off, and builds."""
    from pelican import Pelican

    content = tmp_path / "content"
    shutil.copytree(SEEDS, content)
    settings = equivalence.settings_for(content, tmp_path / "out", None, search=False)
    settings.update(CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, CACHE_PATH=str(tmp_path / "pelican-cache"))
    Pelican(settings).run()
    assert len(list((tmp_path / "out" / "articles").glob("*.html"))) == 5
    assert any("content cache" in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)
