"""Article bodies kept on disk for the length of one build, so memory grows with the number of
articles only through their metadata: listings, feeds and story links never need a body, and the
article page and feed entries read theirs when they are written. Pure (no Pelican)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

_PREFIX = "bodies-"


def body_digest(html: str) -> str:
    return hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class BodyFacts(NamedTuple):
    """What a build needs of a body without reading it: its digest (page keys) and whether it has
    links resolved at use (Pelican's static-link scan, the resolved content's digest)."""

    digest: str
    links: bool


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


class BodyStore:
    """Bodies by source path in one SQLite file in a folder of its own under `parent` (in the
    output folder: nothing is written outside it), removed on close; without a parent, in memory.
    Folders that builds killed before closing their store left behind are removed by the next.
    Reads are a primary-key lookup (microseconds); in memory stay only each body's digest and
    whether `links` finds links in it that are resolved at use, so pages that are not written and
    link scans need no body read back. A body that can be read again elsewhere (the ingestion
    cache) is only referred to (`refer`): a rebuild copies none of the archive's unchanged bodies."""

    def __init__(self, parent: Path | None = None, links: Callable[[str], bool] = lambda html: False) -> None:
        self._folder: Path | None = None
        self._links = links
        self._facts: dict[str, BodyFacts] = {}
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)
            for stale in parent.glob(f"{_PREFIX}*"):
                pid = stale.name.removeprefix(_PREFIX).split("-", 1)[0]
                if pid.isdigit() and not _alive(int(pid)):
                    shutil.rmtree(stale, ignore_errors=True)
            self._folder = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=parent))
        # check_same_thread off: Pelican may write pages from another thread than it read them in
        self._db = sqlite3.connect(
            self._folder / "bodies.sqlite" if self._folder else ":memory:",
            check_same_thread=False,
            isolation_level=None,
        )
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE TABLE body (source TEXT PRIMARY KEY, html TEXT)"
        )
        self._pending: list[tuple[str, str]] = []
        self._refs: dict[str, str] = {}  # source → key for `fetch`
        self._fetch: Callable[[str], str] | None = None
        self._close_fetch: Callable[[], None] = lambda: None

    def read_from(self, fetch: Callable[[str], str], close: Callable[[], None]) -> None:
        """Where referred bodies are read (`fetch(key)`, LookupError when gone); `close` when done."""
        self._fetch, self._close_fetch = fetch, close

    def refer(self, source: str, key: str, facts: BodyFacts) -> None:
        """Like put, for a body `fetch(key)` gives back, with its facts (not read here)."""
        self._facts[source] = facts
        self._refs[source] = key

    def put(self, source: str, html: str) -> None:
        self._note(source, html)
        self._refs.pop(source, None)
        self._pending.append((source, html))
        if len(self._pending) >= 256:  # written in batches: one transaction per batch
            self.flush()

    def flush(self) -> None:
        if self._pending:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO body VALUES (?, ?)", self._pending)
            self._pending.clear()

    def get(self, source: str) -> str:
        """The body; LookupError when a referred body cannot be read again (the page is not made)."""
        if (key := self._refs.get(source)) is not None:
            if self._fetch is None:
                raise LookupError(f"{source}: its body is referred to, with nowhere to read it")
            return self._fetch(key)
        self.flush()
        row = self._db.execute("SELECT html FROM body WHERE source = ?", (source,)).fetchone()
        return row[0] if row else ""

    def _note(self, source: str, html: str) -> None:
        self._facts[source] = BodyFacts(body_digest(html), self._links(html))

    def facts(self, source: str) -> BodyFacts:
        """The body's facts; an empty body's if none was put."""
        return self._facts.get(source) or BodyFacts(body_digest(""), False)

    def close(self) -> None:
        self._pending.clear()
        self._db.close()
        self._close_fetch()
        self._fetch, self._close_fetch = None, lambda: None
        if self._folder is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(self._folder)
