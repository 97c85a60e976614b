"""Progress of a big build on a terminal (files ingested of total, pages written, elapsed), with
rich, which Pelican already uses; silent when output is not a terminal."""

from __future__ import annotations

import sys

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


class BuildProgress:
    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._progress: Progress | None = None
        self._ingest: TaskID | None = None
        self._pages: TaskID | None = None

    def start_ingest(self, total: int) -> None:
        if not self.enabled or self._progress is not None:
            return
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
        )
        self._progress.start()
        self._ingest = self._progress.add_task("files ingested", total=total)
        self._pages = self._progress.add_task("pages written", total=None)

    def ingested(self, count: int) -> None:
        if self._progress is not None and self._ingest is not None:
            self._progress.advance(self._ingest, count)

    def written(self) -> None:
        if self._progress is not None and self._pages is not None:
            self._progress.advance(self._pages, 1)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
