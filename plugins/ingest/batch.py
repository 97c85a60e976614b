"""Many files at once: a cache keyed by file content, path and code version, so an unchanged file is
never decoded, parsed, sanitized or language-detected twice, and a process pool for the rest.
Pure (no Pelican): the Pelican reader asks it for files it has prepared."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import pickle
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from importlib import metadata
from pathlib import Path

from .bodies import BodyFacts, body_digest
from .confine import OutsideError, open_confined
from .document import Document, IngestError
from .pipeline import IngestOptions, ingest_bytes
from .profiles import SourceProfiles
from .site_config import SiteConfig, SiteConfigs
from .stamps import settled, stamp_of

logger = logging.getLogger(__name__)

Result = Document | IngestError
_PACKAGE = Path(__file__).parent
_LIBRARIES = (
    "nh3",
    "lxml",
    "charset-normalizer",
    "py3langid",
    "dateparser",
    "python-slugify",
    "Markdown",
    "PyYAML",
    "persiantools",
)
POOL_MIN_FILES = 64  # below this, starting worker processes costs more than it saves
# Address space of one worker process: a file that needs more gets a MemoryError (reported as a
# rejection) instead of pushing the machine into swap.
WORKER_MEMORY_LIMIT = 4 * 1024**3


def code_version(profiles_file: Path | None, options: IngestOptions, extra: str = "") -> str:
    """Changes whenever ingestion could give another result: our code and data, the libraries'
    versions, the archive's own source profiles and the options; `extra`: whatever else the cache
    records depends on (what counts as a link in a body, see IngestCache)."""
    digest = hashlib.sha256(extra.encode())
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
    for sibling in ("tagging", "scripts"):  # the pure packages the core imports
        for path in sorted((_PACKAGE.parent / sibling).glob("*.py")):
            digest.update(path.read_bytes())
    if options.vocabulary and Path(options.vocabulary).is_file():
        digest.update(Path(options.vocabulary).read_bytes())
    digest.update(repr(options).encode() + sys.version.encode())
    return digest.hexdigest()


class IngestCache:
    """Results by key, in one SQLite file (one file, atomic writes, nothing to clean up by hand).
    A cache that cannot be read is a cache miss: a damaged file is replaced by an empty cache with
    one warning, a row that cannot be unpickled is read again from its file.

    A document's body is kept apart from the rest, with the facts a build needs of it (its digest,
    whether it has links resolved at use: `links`, which must be part of the cache's version), so
    a rebuild reads no body but those of the pages it makes (unpickling 20,000 results with their
    bodies, then taking the bodies out again, was 1.8 s of a one-file rebuild)."""

    def __init__(
        self, path: Path, *, any_thread: bool = False, links: Callable[[str], bool] = lambda html: False
    ) -> None:
        """`any_thread`: the connection may be used from another thread than this one (one at a time)."""
        self.links = links
        self.path = path
        self.warned = False
        self.any_thread = any_thread
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except (sqlite3.Error, OSError) as err:
            self._warn(f"cannot be read ({type(err).__name__}: {err})")
            path.unlink(missing_ok=True)
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=not self.any_thread)
        try:
            db.execute("DROP TABLE IF EXISTS results")  # the layout before bodies were kept apart
            db.execute(_DOCUMENTS)
            # each input file's stamp (stamps.py) and the digest of its bytes when it had that stamp
            db.execute("CREATE TABLE IF NOT EXISTS stamps (path TEXT PRIMARY KEY, stamp TEXT, digest TEXT)")
            db.execute("SELECT key, value, body, digest, links FROM documents LIMIT 1").fetchall()
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _warn(self, problem: str) -> None:
        if not self.warned:  # one line per build, however many rows are damaged
            logger.warning("ingest cache %s %s; rebuilding it", self.path, problem)
            self.warned = True

    def get_many(self, keys: list[str]) -> dict[str, Result]:
        """{key: result}, documents without their bodies."""
        return {key: result for key, result, _ in self.iter_many(keys)}

    def iter_many(self, keys: list[str]) -> Iterator[tuple[str, Result, BodyFacts | None]]:
        """(key, result, facts of its body) for the keys found, 500 at a time; a document comes
        without its body (`body(key)` reads it), an error with no facts."""
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                rows = self.db.execute(
                    f"SELECT key, value, digest, links FROM documents WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                for key, value, digest, links in rows.fetchall():
                    try:
                        result = pickle.loads(value)
                    except Exception as err:  # noqa: BLE001 (any unpickling failure is a miss)
                        self._warn(f"has a damaged entry ({type(err).__name__})")
                        continue
                    if isinstance(result, Document) and isinstance(digest, str):
                        yield key, result, BodyFacts(digest, bool(links))
                    elif isinstance(result, IngestError):
                        yield key, result, None
                    else:
                        self._warn("has an entry of another kind")
        except sqlite3.Error as err:
            self._warn(f"cannot be read ({type(err).__name__}: {err})")
            self._reset()

    def body(self, key: str) -> str:
        """The body of the document cached under `key`; LookupError when it is not there (any more)."""
        try:
            # fetchall: the statement is done, and holds no lock on the file for another build
            rows = self.db.execute("SELECT body FROM documents WHERE key = ?", (key,)).fetchall()
        except sqlite3.Error as err:
            raise LookupError(f"ingest cache {self.path}: {type(err).__name__}: {err}") from err
        if rows and isinstance(rows[0][0], str):
            return rows[0][0]
        raise LookupError(f"ingest cache {self.path} no longer holds this article's body")

    def stamps(self) -> dict[str, tuple[str, str]]:
        """{path: (stamp, digest)} of the files the last build read."""
        try:
            return {path: (stamp, digest) for path, stamp, digest in self.db.execute("SELECT * FROM stamps")}
        except (sqlite3.Error, ValueError) as err:  # unreadable: every file is hashed, as without a cache
            self._warn(f"cannot be read ({type(err).__name__}: {err})")
            return {}

    def put_stamps(self, stamps: dict[str, tuple[str, str]], known: dict[str, tuple[str, str]]) -> None:
        """This build's stamps in place of the last build's (`known`): only what differs is written."""
        try:
            with self.db:
                self.db.executemany("DELETE FROM stamps WHERE path = ?", ((p,) for p in known.keys() - stamps.keys()))
                self.db.executemany(
                    "INSERT OR REPLACE INTO stamps VALUES (?, ?, ?)",
                    ((p, *v) for p, v in stamps.items() if known.get(p) != v),
                )
        except sqlite3.Error as err:
            self._warn(f"cannot be written ({type(err).__name__}: {err})")

    def put_many(self, items: Iterable[tuple[str, Result]]) -> None:
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?)", map(self._row, items))
        except sqlite3.Error as err:  # a cache that cannot be written costs speed, never the build
            self._warn(f"cannot be written ({type(err).__name__}: {err})")

    def _row(self, item: tuple[str, Result]) -> tuple:
        key, result = item
        if not isinstance(result, Document):
            return key, pickle.dumps(result, protocol=5), None, None, None
        body = result.body_html
        light = dataclasses.replace(result, body_html="")
        return key, pickle.dumps(light, protocol=5), body, body_digest(body), self.links(body)

    def _reset(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        self.path.unlink(missing_ok=True)
        try:
            self.db = self._open()
        except (sqlite3.Error, OSError):
            self.db = sqlite3.connect(":memory:")
            self.db.execute(_DOCUMENTS)

    def close(self) -> None:
        self.db.close()


_DOCUMENTS = (
    "CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, value BLOB, body TEXT, digest TEXT, links INTEGER)"
)

# Worker-process state, set once per worker by the pool's initializer.
_WORKER: tuple[SourceProfiles, IngestOptions] | None = None


def _init_worker(profiles_files: tuple[Path, ...], options: IngestOptions) -> None:
    global _WORKER
    _WORKER = (SourceProfiles.load(*profiles_files), options)
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY or soft > WORKER_MEMORY_LIMIT:
            resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_LIMIT, hard))
    except (ImportError, ValueError, OSError):  # not on this platform: the other bounds still hold
        pass


# path, source, the blog configuration that applies, the digest of the file its cache key was made from
Job = tuple[str, str, SiteConfig | None, str]


def _ingest_one(job: Job) -> Result:
    path, source, site, digest = job
    assert _WORKER is not None, "a worker process starts with _init_worker"
    profiles, options = _WORKER
    return ingest_file(path, source, profiles, options, site, digest)


class FileTimeout(Exception):
    """One file took longer than its time limit."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise FileTimeout in this thread after `seconds`. Only the main thread of a process can
    take signals; elsewhere (or without SIGALRM) the limit is not enforced."""
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def ingest_file(
    path: str,
    source: str,
    profiles: SourceProfiles,
    options: IngestOptions,
    site: SiteConfig | None = None,
    digest: str | None = None,
) -> Result:
    """One file; every failure is returned as an IngestError, not raised, so a batch carries on.
    `digest` is the file's as its cache key was made: bytes that differ changed meanwhile, and a
    result of them must not be cached under that key."""
    try:
        with open_confined(path, options.content_root) as f:
            size = os.fstat(f.fileno()).st_size
            if options.max_bytes and size > options.max_bytes:
                return IngestError(
                    source, f"file too large: {size:,} bytes, the limit is {options.max_bytes:,} (INGEST_MAX_FILE_SIZE)"
                )
            data = f.read()
        if digest is not None and hashlib.sha256(data).hexdigest() != digest:
            return IngestError(
                source, "the file changed while the build read it; it is read again next build", transient=True
            )
        with time_limit(options.time_limit):
            return ingest_bytes(data, source, profiles, options, site)
    except IngestError as err:
        return err
    except OutsideError as err:
        return IngestError(source, f"not read: {err}")
    except FileTimeout:
        return IngestError(
            source, f"took longer than {options.time_limit:g} s to read (INGEST_TIME_LIMIT); skipped", transient=True
        )
    except RecursionError:
        return IngestError(source, "structure nested too deeply to read")
    except MemoryError:
        return IngestError(source, "needs too much memory to read")
    except Exception as err:  # noqa: BLE001 (unexpected: reported, never fatal)
        return IngestError(source, f"could not be read: {type(err).__name__}: {str(err)[:200]}")


def _ingest_chunk(jobs: list[Job]) -> list[Result]:
    return [_ingest_one(job) for job in jobs]


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a pool whose worker is stuck or dead: its processes are killed, not waited for."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _pooled(todo: list[Job], workers: int, initargs: tuple, time_limit: float | None) -> Iterator[tuple[Job, Result]]:
    """Results in job order. A worker that dies (a crash in a C library, the OOM killer) or is
    stuck where the time limit cannot reach (inside C code) fails its chunk's deadline: the pool is
    killed and the rest runs one file at a time, so the file at fault is known and rejected, and
    every other file is still read."""
    remaining = todo
    chunksize = max(1, min(16, len(todo) // (workers * 8)))  # small batches: small chunks, quick verdicts
    per_file = (time_limit or 600) + 2
    while remaining:
        done = 0
        pool = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=initargs)
        chunks = [remaining[i : i + chunksize] for i in range(0, len(remaining), chunksize)]
        futures = [pool.submit(_ingest_chunk, chunk) for chunk in chunks]
        failure = None
        for chunk, future in zip(chunks, futures):
            try:
                # in job order: when this chunk is waited for, it is running (or done) already
                results = future.result(timeout=per_file * len(chunk) + 5)
            except BrokenProcessPool:
                failure = "the process reading this file died (crash or out of memory); skipped"
                break
            except FuturesTimeout:
                failure = f"still being read after {per_file:g} s, where the time limit cannot stop it; skipped"
                break
            for job, result in zip(chunk, results):
                yield job, result
                done += 1
        if failure is None:
            pool.shutdown()
            return
        _stop(pool)
        # a crash breaks every pending chunk, so its file is known only when one file runs alone;
        # a chunk of one file that overran its deadline is that file
        if chunksize == 1 and (workers == 1 or failure.startswith("still")):
            job = remaining[done]
            yield job, IngestError(job[1], failure, transient=True)
            done += 1
        workers, chunksize = 1, 1
        remaining = remaining[done:]


@dataclasses.dataclass(frozen=True)
class Cached:
    """Where a cached document's body is (its cache key) and what a build needs of it."""

    key: str
    facts: BodyFacts


def _file_digest(path: str, known: tuple[str, str] | None = None) -> tuple[str, str | None]:
    """(digest of the file's bytes, its stamp when that may stand for them next time). `known`: the
    (stamp, digest) the last build recorded; the same stamp now means the same bytes, not read again
    (reading and hashing every file of an archive of 20,000 took a second of each rebuild)."""
    try:
        info = os.stat(path)  # before reading: a change after it makes the stamp differ
        stamp = stamp_of(info)
        if known is not None and known[0] == stamp:
            return known[1], stamp
        with open(path, "rb") as f:
            digest = hashlib.sha256()
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError as err:  # unreadable: ingest_file reports it
        return f"unreadable:{type(err).__name__}", None
    return digest.hexdigest(), stamp if settled(info) else None


def ingest_many(
    jobs: list[tuple[str, str]],
    *,
    profiles: SourceProfiles,
    profiles_files: tuple[Path, ...],
    options: IngestOptions,
    cache: IngestCache | None,
    version: str,
    workers: int,
    sites: SiteConfigs | None = None,
    progress: Callable[[int], None] = lambda n: None,
    keep: Callable[[Result, Cached | None], Result] = lambda result, cached: result,
) -> tuple[dict[str, Result], int]:
    """{path: keep(result, cached)} for (path, source) jobs, and how many came from the cache.
    `sites` finds the blog configuration that applies to each file (part of its cache key: a changed
    zone re-reads). Results stream through `keep` one by one, so the caller can move bodies out of
    memory and the whole archive's bodies are never held at once. A fresh result comes whole, with
    `cached` None; a document from the cache comes without its body, with `cached` saying where to
    read it (IngestCache.body(cached.key)) and its facts. `keep` must return a new object, not change
    its argument (fresh results are cached in batches after it has seen them)."""
    keys, digests = {}, {}
    site_of = {source: sites.for_source(source) if sites else None for _, source in jobs}
    known = cache.stamps() if cache else {}
    stamps: dict[str, tuple[str, str]] = {}
    for path, source in jobs:
        digests[path] = digest = (found := _file_digest(path, known.get(path)))[0]
        if found[1] is not None:
            stamps[path] = (found[1], digest)
        keys[path] = hashlib.sha256(f"{version}\0{source}\0{digest}\0{site_of[source]!r}".encode()).hexdigest()
    if cache and stamps != known:
        cache.put_stamps(stamps, known)
    path_of = {key: path for path, key in keys.items()}  # the source is in the key: one path each
    results: dict[str, Result] = {}
    if cache:
        for key, result, facts in cache.iter_many(list(path_of)):
            results[path_of[key]] = keep(result, Cached(key, facts) if facts else None)
    hits = len(results)
    progress(hits)
    todo = [(path, source, site_of[source], digests[path]) for path, source in jobs if path not in results]
    fresh: list[tuple[str, Result]] = []

    def done(path: str, result: Result) -> None:
        if not getattr(result, "transient", False):  # a timeout or crash is tried again next build
            fresh.append((keys[path], result))
        if len(fresh) >= 256:
            if cache:
                cache.put_many(fresh)
            fresh.clear()
        results[path] = keep(result, None)
        progress(1)

    if len(todo) >= POOL_MIN_FILES and workers > 1:
        for job, result in _pooled(todo, workers, (profiles_files, options), options.time_limit):
            done(job[0], result)
    else:
        for path, source, site, digest in todo:
            done(path, ingest_file(path, source, profiles, options, site, digest))
    if cache and fresh:
        cache.put_many(fresh)
    return results, hits
