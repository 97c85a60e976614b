"""The process-pool path of ingest_many: above POOL_MIN_FILES files the work goes to worker
processes, and what they return must be exactly what the serial path returns, rejections included."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from archive_paths import CORPUS, SEEDS, corpus_files
from cached_results import ingest_whole
from ingest import batch
from ingest.batch import IngestCache
from ingest.document import Document, IngestError
from ingest.pipeline import IngestOptions


@pytest.fixture
def jobs(tmp_path) -> list[tuple[str, str]]:
    """Real files of every kind the samples and the corpus hold, and two that are rejected."""
    found = [(str(p), p.name) for p in sorted(SEEDS.glob("*.txt"))]
    found += [(str(p), p.relative_to(CORPUS).as_posix()) for p in corpus_files()[:8]]
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    return [*found, (str(binary), "image.txt"), (str(empty), "empty.md")]


def _comparable(result) -> object:
    if isinstance(result, IngestError):
        return ("error", result.source, result.reason, result.line, result.transient)
    assert isinstance(result, Document)
    return result


@pytest.fixture
def pool_runs(monkeypatch) -> list[int]:
    """How many files each run of the pool was given (the real pool runs)."""
    runs: list[int] = []
    pooled = batch._pooled

    def counted(todo, *args, **kwargs):
        runs.append(len(todo))
        yield from pooled(todo, *args, **kwargs)

    monkeypatch.setattr(batch, "_pooled", counted)
    return runs


def _ingest(jobs, profiles, workers: int, cache: IngestCache | None = None):
    return ingest_whole(jobs, profiles, cache, workers)


def test_the_pool_gives_what_the_serial_path_gives(jobs, profiles, pool_runs, monkeypatch):
    serial, _ = _ingest(jobs, profiles, workers=1)
    assert pool_runs == []  # one worker: no pool, whatever the number of files
    monkeypatch.setattr(batch, "POOL_MIN_FILES", 4)
    pooled, hits = _ingest(jobs, profiles, workers=2)
    assert pool_runs == [len(jobs)] and hits == 0
    assert list(pooled) == list(serial) == [path for path, _ in jobs]
    assert {p: _comparable(r) for p, r in pooled.items()} == {p: _comparable(r) for p, r in serial.items()}
    documents = [r for r in pooled.values() if isinstance(r, Document)]
    assert len(documents) >= len(jobs) - 2 and {d.lang for d in documents} >= {"zh", "fa"}
    assert all(isinstance(pooled[path], IngestError) for path, source in jobs if source in ("image.txt", "empty.md"))


def test_below_the_threshold_the_files_are_read_in_this_process(jobs, profiles, pool_runs, monkeypatch):
    monkeypatch.setattr(batch, "POOL_MIN_FILES", len(jobs) + 1)
    results, _ = _ingest(jobs, profiles, workers=2)
    assert pool_runs == [] and len(results) == len(jobs)


def test_pool_results_are_cached_and_read_back_equal(jobs, profiles, pool_runs, monkeypatch, tmp_path: Path):
    monkeypatch.setattr(batch, "POOL_MIN_FILES", 4)
    cache = IngestCache(tmp_path / "cache" / "ingest.sqlite")
    first, hits = _ingest(jobs, profiles, workers=2, cache=cache)
    assert hits == 0 and pool_runs == [len(jobs)]
    again, hits = _ingest(jobs, profiles, workers=2, cache=cache)
    assert hits == len(jobs) and pool_runs == [len(jobs)]  # nothing left for the pool the second time
    assert {p: _comparable(r) for p, r in again.items()} == {p: _comparable(r) for p, r in first.items()}


def test_the_cache_key_follows_every_package_the_core_imports(tmp_path: Path, monkeypatch):
    """A change of the script tables (or the tagger) changes what ingestion gives: cached results
    made with the old ones must not be used."""
    plugins = Path(batch.__file__).resolve().parent.parent
    for package in ("ingest", "tagging", "scripts"):
        shutil.copytree(plugins / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(batch, "_PACKAGE", tmp_path / "ingest")
    before = batch.code_version(None, IngestOptions())
    assert batch.code_version(None, IngestOptions()) == before
    for package in ("scripts", "tagging", "ingest"):
        module = tmp_path / package / "__init__.py"
        module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        after = batch.code_version(None, IngestOptions())
        assert after != before, package
        before = after
