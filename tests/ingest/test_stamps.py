"""Input files trusted by their stamp (stamps.py): a rebuild does not read and hash a file whose
inode, size, mtime and ctime are those the last build recorded, and never trusts a stale stamp."""

from __future__ import annotations

import builtins
import os
import shutil
from pathlib import Path

import pytest
from archive_paths import corpus_files
from cached_results import ingest_whole
from ingest import batch
from ingest.batch import IngestCache
from ingest.document import Document


@pytest.fixture
def archive(tmp_path: Path) -> list[tuple[str, str]]:
    """Three real RSS-archive files, copied (the test changes them)."""
    jobs = []
    for source in corpus_files()[:3]:
        copy = tmp_path / "archive" / source.name
        copy.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, copy)
        jobs.append((str(copy), source.name))
    return jobs


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The paths opened to hash them (the pipeline reads a file through open_confined)."""
    paths: list[str] = []

    def counting(file, *args, **kwargs):
        paths.append(str(file))
        return builtins.open(file, *args, **kwargs)

    monkeypatch.setattr(batch, "open", counting, raising=False)
    return paths


def _run(jobs, profiles, cache: IngestCache) -> tuple[dict, int]:
    return ingest_whole(jobs, profiles, cache)


def test_a_file_with_its_recorded_stamp_is_not_read_again(archive, profiles, opened, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "settled", lambda info: True)  # as if the files were written long ago
    cache = IngestCache(tmp_path / "cache.sqlite")
    first, hits = _run(archive, profiles, cache)
    assert hits == 0 and sorted(opened) == sorted(path for path, _ in archive)  # each hashed
    assert set(cache.stamps()) == {path for path, _ in archive}
    opened.clear()
    again, hits = _run(archive, profiles, cache)
    assert hits == len(archive) and opened == []
    assert again == first


def test_a_changed_file_is_read_again_even_with_its_old_size_and_mtime(
    archive, profiles, opened, tmp_path, monkeypatch
):
    monkeypatch.setattr(batch, "settled", lambda info: True)
    cache = IngestCache(tmp_path / "cache.sqlite")
    first, _ = _run(archive, profiles, cache)
    path = Path(archive[0][0])
    before = path.stat()
    data = path.read_bytes()
    # one letter of the title swapped for another of as many bytes, the mtime set back: only the
    # ctime, which nobody can set, says the file changed
    title = next(line for line in data.decode().splitlines() if line.startswith("["))
    letter = title[1]
    pair = {1: "XY", 2: "ДЖ", 3: "甲乙", 4: "𠀀𠀁"}[len(letter.encode())]
    changed = title[0] + (pair[0] if letter != pair[0] else pair[1]) + title[2:]
    path.write_bytes(data.replace(title.encode(), changed.encode(), 1))
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    opened.clear()
    again, hits = _run(archive, profiles, cache)
    assert str(path) in opened and hits == len(archive) - 1
    assert isinstance(again[str(path)], Document) and again[str(path)] != first[str(path)]


def test_a_file_changed_just_now_is_hashed_at_every_build(archive, profiles, opened, tmp_path):
    # written a moment ago by the fixture: within the margin a second change could keep the stamp
    cache = IngestCache(tmp_path / "cache.sqlite")
    _run(archive, profiles, cache)
    assert cache.stamps() == {}
    opened.clear()
    _, hits = _run(archive, profiles, cache)
    assert hits == len(archive) and sorted(opened) == sorted(path for path, _ in archive)


def test_the_stamps_of_files_gone_are_dropped(archive, profiles, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "settled", lambda info: True)
    cache = IngestCache(tmp_path / "cache.sqlite")
    _run(archive, profiles, cache)
    _run(archive[1:], profiles, cache)
    assert set(cache.stamps()) == {path for path, _ in archive[1:]}
