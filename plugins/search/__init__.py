"""Full-text search: Pagefind's extended binary (from PyPI, runs offline) indexes the article pages
into OUTPUT/pagefind/. The index is one for all three languages, of the folded search tokens
text.py makes from each article (`--force-language und`: Pagefind neither segments nor stems them),
so one search box finds articles in every language; filters and result metadata come from
data-pagefind-* in the theme.

With the incremental plugin (the normal build), indexing starts as soon as the article pages are
written and the last build's article pages that this one has not are removed — so a deleted or
renamed article is never indexed — and runs beside the rest of the build on the other core. It
writes into a fresh folder that replaces OUTPUT/pagefind/ only when complete, so a killed build
never leaves half an index, and a build whose article pages are all unchanged (same files, same
hashes, same search settings) keeps the index it has instead of running Pagefind at all.

Per build: the running indexer lives in the build's settings (RUN_KEY), replaced at every run."""

from __future__ import annotations

import ctypes
import logging
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from .settings import SearchSettings

# Checked at start by the contract plugin: plugins enabled with this one, and those that must come
# before it in PLUGINS.
# Needs: the article record (deck).
REQUIRES = ("ingest",)
AFTER = ()

logger = logging.getLogger(__name__)
RUN_KEY = "_SEARCH_RUN"
INDEX_DIR = "pagefind"


class _Indexing:
    """One build's Pagefind run."""

    def __init__(self, output: Path, settings: dict) -> None:
        self.output = output
        self.config = SearchSettings.of(settings)
        self.glob = self.config.search_glob  # only article pages are indexed
        self.process: subprocess.Popen | None = None
        self.target = output / INDEX_DIR
        # this build's own folder: Pagefind left running by a killed build must not write into it
        self.staging = output / ".build" / f"pagefind.tmp{os.getpid()}"
        self.key: str | None = None
        self.skipped = False

    def command(self, into: Path) -> list[str]:
        return [
            sys.executable, "-m", "pagefind", "--site", str(self.output), "--output-path", str(into),
            "--glob", self.glob, "--force-language", self.config.search_language, "--silent",
        ]  # fmt: skip

    def start(self, session=None) -> None:
        if session is not None:
            from incremental.digest import digest_of
            from incremental.outputs import glob_matcher

            matches = glob_matcher(self.glob)
            removed = session.remove_stale(matches)  # before indexing: never index a stale page
            if removed:
                logger.info("search: %d pages of the last build removed before indexing", len(removed))
            pages = sorted((rel, e.hash) for rel, e in session.current.items() if matches(rel))
            self.key = digest_of([pages, self.command(Path("-")), _version()])
            index = session.previous_under(INDEX_DIR + "/")
            if (
                session.previous_meta.get("search_key") == self.key
                and index
                and self.target.is_dir()
                and all(session.intact(rel) for rel in index)
            ):
                self.skipped = True  # same pages, same settings: the index on disk is this build's
                return
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            self.command(self.staging),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - one C call
        )

    def finish(self, session=None) -> None:
        if self.skipped and session is not None:
            for rel in session.previous_under(INDEX_DIR + "/"):
                session.keep(rel)
            session.meta["search_key"] = self.key
            return
        if self.process is None:
            return
        process, self.process = self.process, None
        output, _ = process.communicate(timeout=self.config.search_timeout)
        if process.returncode != 0:
            # the site is still usable without search: say so, do not fail the build
            logger.error("search: Pagefind failed (%s): %s", process.returncode, output.strip()[-2000:])
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        files = sorted(p.relative_to(self.staging).as_posix() for p in self.staging.rglob("*") if p.is_file())
        if session is not None:
            session.journal(f"{INDEX_DIR}/{rel}" for rel in files)
        old = self.output / ".build" / "pagefind.old"
        shutil.rmtree(old, ignore_errors=True)
        if self.target.exists():
            self.target.rename(old)
        self.staging.rename(self.target)
        shutil.rmtree(old, ignore_errors=True)
        if session is not None:
            for rel in files:
                session.record(f"{INDEX_DIR}/{rel}", "search")
            session.meta["search_key"] = self.key


_PRCTL: Callable[..., int] | None
try:  # looked up once here, so the child only makes one C call between fork and exec
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux
    _PRCTL = None


def _die_with_parent() -> None:
    """Linux: Pagefind ends when the build process dies (a killed build leaves no indexer behind)."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _version() -> str | None:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return None


def _new_run(pelican) -> None:
    """Every run (also under `pelican -r`) starts with no indexer."""
    pelican.settings[RUN_KEY] = None


def _start(settings: dict, output: str, session=None) -> None:
    if not SearchSettings.of(settings).search_index or settings.get(RUN_KEY) is not None:
        return
    run = settings[RUN_KEY] = _Indexing(Path(output), settings)
    run.start(session)


def start_with_session(generator, session) -> None:
    """The article pages are written (incremental plugin): remove stale ones, then index."""
    _start(generator.settings, generator.output_path, session)


def start_indexing(generator, writer=None) -> None:
    """Without the incremental plugin: once the articles generator has written everything."""
    _start(generator.settings, generator.output_path)


def finish_with_session(pelican, session) -> None:
    run = pelican.settings.get(RUN_KEY)
    if run is not None:
        pelican.settings[RUN_KEY] = None
        run.finish(session)


def finish_indexing(pelican) -> None:
    run = pelican.settings.get(RUN_KEY)
    if run is not None:
        pelican.settings[RUN_KEY] = None
        run.finish()


def register() -> None:
    import blinker
    from pelican import signals

    from .pelican_glue import install

    signals.generator_init.connect(install)  # what is indexed: search_text, search_folding (text.py)
    signals.get_generators.connect(_new_run)
    blinker.signal("archive.article_pages_done").connect(start_with_session)
    blinker.signal("archive.outputs_closing").connect(finish_with_session)
    signals.article_writer_finalized.connect(start_indexing)
    signals.finalized.connect(finish_indexing)
