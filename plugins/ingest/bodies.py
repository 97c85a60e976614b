"""Article bodies kept on disk for the length of one build, so memory grows with the number of
articles only through their metadata: listings, feeds and story links never need a body, and the
article page and feed entries read theirs when they are written. Pure (no Pelican)."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path


class BodyStore:
    """Bodies by source path in one SQLite file in a private temporary folder, removed on close.
    Reads are a primary-key lookup (microseconds); nothing is cached in memory."""

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="archive-bodies-")
        # check_same_thread off: Pelican may write pages from another thread than it read them in
        self._db = sqlite3.connect(
            Path(self._folder.name) / "bodies.sqlite", check_same_thread=False, isolation_level=None
        )
        self._db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE TABLE body (source TEXT PRIMARY KEY, html TEXT)"
        )
        self._pending: list[tuple[str, str]] = []

    def put(self, source: str, html: str) -> None:
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
        self.flush()
        row = self._db.execute("SELECT html FROM body WHERE source = ?", (source,)).fetchone()
        return row[0] if row else ""

    def close(self) -> None:
        self._pending.clear()
        self._db.close()
        self._folder.cleanup()
