"""Many files at once: a cache keyed by file content, path and code version, so an unchanged file is
never decoded, parsed, sanitized or language-detected twice, and a process pool for the rest.
Pure (no Pelican): the Pelican reader asks it for files it has prepared."""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

from .document import Document, IngestError
from .pipeline import IngestOptions, ingest_bytes
from .profiles import SourceProfiles

Result = Document | IngestError
_PACKAGE = Path(__file__).parent
_LIBRARIES = ("nh3", "lxml", "charset-normalizer", "py3langid", "dateparser", "python-slugify", "Markdown", "PyYAML", "persiantools")
POOL_MIN_FILES = 64  # below this, starting worker processes costs more than it saves


def code_version(profiles_file: Path | None, options: IngestOptions) -> str:
    """Changes whenever ingestion could give another result: our code and data, the libraries'
    versions, the archive's own source profiles and the options."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".yml") and path.is_file():
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    if profiles_file is not None and profiles_file.is_file():
        digest.update(profiles_file.read_bytes())
    tagging = _PACKAGE.parent / "tagging"
    for path in sorted(tagging.glob("*.py")):
        digest.update(path.read_bytes())
    if options.vocabulary and Path(options.vocabulary).is_file():
        digest.update(Path(options.vocabulary).read_bytes())
    digest.update(repr(options).encode() + sys.version.encode())
    return digest.hexdigest()


class IngestCache:
    """Results by key, in one SQLite file (one file, atomic writes, nothing to clean up by hand)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB)")

    def get_many(self, keys: list[str]) -> Iterator[tuple[str, Result]]:
        """(key, result) for the keys found, read and unpickled 500 at a time."""
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            rows = self.db.execute(f"SELECT key, value FROM results WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for key, value in rows.fetchall():
                yield key, pickle.loads(value)

    def put_many(self, items: Iterable[tuple[str, Result]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", ((k, pickle.dumps(v, protocol=5)) for k, v in items))

    def close(self) -> None:
        self.db.close()


# Worker-process state, set once per worker by the pool's initializer.
_WORKER: tuple[SourceProfiles, IngestOptions] | None = None


def _init_worker(profiles_files: tuple[Path, ...], options: IngestOptions) -> None:
    global _WORKER
    _WORKER = (SourceProfiles.load(*profiles_files), options)


def _ingest_one(job: tuple[str, str]) -> Result:
    path, source = job
    profiles, options = _WORKER
    return ingest_file(path, source, profiles, options)


def ingest_file(path: str, source: str, profiles: SourceProfiles, options: IngestOptions) -> Result:
    """One file; an IngestError is returned, not raised, so a batch carries on."""
    try:
        return ingest_bytes(Path(path).read_bytes(), source, profiles, options)
    except IngestError as err:
        return err
    except (OSError, ValueError, LookupError) as err:  # unexpected: reported, never fatal
        return IngestError(source, f"could not be read: {type(err).__name__}: {err}")


def ingest_many(
    jobs: list[tuple[str, str]],
    *,
    profiles: SourceProfiles,
    profiles_files: tuple[Path, ...],
    options: IngestOptions,
    cache: IngestCache | None,
    version: str,
    workers: int,
    progress: Callable[[int], None] = lambda n: None,
    keep: Callable[[Result], Result] = lambda result: result,
) -> tuple[dict[str, Result], int]:
    """{path: keep(result)} for (path, source) jobs, and how many came from the cache. Results
    stream through `keep` one by one, so the caller can move bodies out of memory and the whole
    archive's bodies are never held at once; `keep` must return a new object, not change its
    argument (fresh results are cached in batches after it has seen them)."""
    keys = {}
    for path, source in jobs:
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest() if os.path.isfile(path) else "missing"
        keys[path] = hashlib.sha256(f"{version}\0{source}\0{digest}".encode()).hexdigest()
    path_of = {key: path for path, key in keys.items()}  # the source is in the key: one path each
    results: dict[str, Result] = {}
    if cache:
        for key, result in cache.get_many(list(path_of)):
            results[path_of[key]] = keep(result)
    hits = len(results)
    progress(hits)
    todo = [job for job in jobs if job[0] not in results]
    fresh: list[tuple[str, Result]] = []

    def done(path: str, result: Result) -> None:
        fresh.append((keys[path], result))
        if len(fresh) >= 256:
            if cache:
                cache.put_many(fresh)
            fresh.clear()
        results[path] = keep(result)
        progress(1)

    if len(todo) >= POOL_MIN_FILES and workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(profiles_files, options)) as pool:
            for job, result in zip(todo, pool.map(_ingest_one, todo, chunksize=16)):
                done(job[0], result)
    else:
        for path, source in todo:
            done(path, ingest_file(path, source, profiles, options))
    if cache and fresh:
        cache.put_many(fresh)
    return results, hits
