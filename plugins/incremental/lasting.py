"""Fragments kept from one build to the next (pure: no Pelican): the HTML of each listing item by the
key of everything its template reads (keys.py), in one SQLite file among the build records. A
rebuild takes the items of the 20,000 articles on the archive page from here instead of rendering
them; only the changed article's item is rendered again.

An entry is right for its key whatever build wrote it, so a killed build leaves nothing wrong
behind; what the last completed build did not use is removed at its end (a changed theme or
setting changes every key: the file does not grow from build to build)."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from pathlib import Path

logger = logging.getLogger(__name__)


class FragmentStore:
    BATCH = 1000  # new fragments written per transaction

    def __init__(self, path: Path) -> None:
        self.path = path
        self._used: set[str] = set()
        self._pending: list[tuple[str, str]] = []
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:  # damaged: start again
            logger.warning("incremental: %s not used (%s); its fragments are rendered again", path, error)
            with contextlib.suppress(OSError):
                path.unlink()
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS fragment (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
            db.execute("SELECT count(*) FROM fragment").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get(self, key: str) -> str | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT html FROM fragment WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as error:
            self._give_up(error)
            return None
        if row is None or not isinstance(row[0], str):
            return None
        self._used.add(key)
        return row[0]

    def put(self, key: str, html: str) -> None:
        self._used.add(key)
        self._pending.append((key, html))
        if len(self._pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._db is not None and self._pending:
            try:
                with self._db:
                    self._db.execute("BEGIN")
                    self._db.executemany("INSERT OR REPLACE INTO fragment VALUES (?, ?)", self._pending)
            except sqlite3.DatabaseError as error:
                self._give_up(error)
        self._pending.clear()

    def _give_up(self, error: Exception) -> None:
        logger.warning("incremental: %s failed (%s); fragments are rendered for this build only", self.path, error)
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def close(self, prune: bool) -> None:
        """Write what is pending; with `prune` (a completed build), drop what this build did not use."""
        self._flush()
        if self._db is None:
            return
        try:
            if prune:
                with self._db:
                    self._db.execute("BEGIN")
                    self._db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                    self._db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in self._used))
                    self._db.execute("DELETE FROM fragment WHERE key NOT IN (SELECT key FROM used)")
                    self._db.execute("DROP TABLE used")
        except sqlite3.DatabaseError as error:
            logger.warning("incremental: %s not tidied (%s)", self.path, error)
        finally:
            self._db.close()
            self._db = None
