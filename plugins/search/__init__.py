"""Full-text search: Pagefind's extended binary (from PyPI, runs offline) indexes the article pages
into OUTPUT/pagefind/. The index is one for all three languages, of the folded search tokens
text.py makes from each article (`--force-language und`: Pagefind neither segments nor stems them),
so one search box finds articles in every language; filters and result metadata come from
data-pagefind-* in the theme.

Pagefind holds every page it indexes in memory at once, so more than SEARCH_SHARD_PAGES article
pages are split by a hash of their paths into 2, 4, 8 … 64 indexes (pagefind/, pagefind-1/ …),
built one after another; OUTPUT/pagefind-shards.json names the others and the search page merges
them into the first (Pagefind's mergeIndex), so it searches them as one.

With the incremental plugin (the normal build), indexing starts as soon as the article pages are
written and the last build's article pages that this one has not are removed — so a deleted or
renamed article is never indexed — and runs beside the rest of the build on the other core. Each
index is written into a fresh folder that replaces its own only when complete, so a killed build
never leaves half an index, and an index whose pages are all unchanged (same files, same hashes,
same search settings) is kept instead of running Pagefind for it again.

Per build: the running indexer and the search-text helper (ahead.py) live in the build's settings
(RUN_KEY, TEXTS_KEY), replaced at every run."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
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
TEXTS_KEY = "_SEARCH_TEXTS"  # this run's TextsAhead (ahead.py); closed once the article pages are written
INDEX_DIR = "pagefind"


SHARDS_FILE = "pagefind-shards.json"  # the other indexes the search page merges into the first
# 64 indexes of 640 pages hold 40,000 articles at Pagefind's ~0.4 MB a page (about 270 MB at once);
# past that, indexes grow: a search fetches from each index, and more of them cost more requests.
_MOST_SHARDS = 64


def shard_count(pages: int, per_shard: int) -> int:
    """1, 2, 4 … 64 indexes, so that each holds at most `per_shard` pages where 64 allow."""
    count = 1
    while per_shard > 0 and count < _MOST_SHARDS and pages > count * per_shard:
        count *= 2
    return count


def shard_of(rel: str, count: int) -> int:
    """A page's index, by its path: the same page stays in the same index from build to build."""
    return int(hashlib.sha1(rel.encode("utf-8")).hexdigest()[:8], 16) % count


class _Shard:
    """One Pagefind index: the pages it holds, where it is built and where it goes."""

    def __init__(self, number: int, pages: list[tuple[str, str]], output: Path) -> None:
        self.number = number
        self.name = INDEX_DIR if number == 0 else f"{INDEX_DIR}-{number}"  # pagefind/, pagefind-1/ …
        self.pages = pages  # (path, hash) of its article pages
        self.target = output / self.name
        tag = f"{number}.tmp{os.getpid()}"  # this build's own: a killed build's indexer never writes here
        self.staging = output / ".build" / f"pagefind-{tag}"
        self.site = output / ".build" / f"search-site-{tag}"  # its pages, linked (sharded builds only)
        self.key = ""
        self.kept = False
        self.error = ""


class _Indexing:
    """One build's Pagefind runs: one index, or several (one after another, so memory is bounded by
    the largest) that the search page merges."""

    def __init__(self, output: Path, settings: dict) -> None:
        self.output = output
        self.config = SearchSettings.of(settings)
        self.glob = self.config.search_glob  # only article pages are indexed
        self.shards: list[_Shard] = []
        self.thread: threading.Thread | None = None
        self.deadline = 0.0

    def arguments(self, site: Path, into: Path) -> list[str]:
        """Pagefind's command-line arguments."""
        return [
            "--site", str(site), "--output-path", str(into),
            "--glob", self.glob, "--force-language", self.config.search_language, "--silent",
        ]  # fmt: skip

    def start(self, session=None) -> None:
        if session is not None:
            from incremental.outputs import glob_matcher

            matches = glob_matcher(self.glob)
            removed = session.remove_stale(matches)  # before indexing: never index a stale page
            if removed:
                logger.info("search: %d pages of the last build removed before indexing", len(removed))
            pages = sorted((rel, e.hash) for rel, e in session.current.items() if matches(rel))
        else:
            pages = sorted(
                (p.relative_to(self.output).as_posix(), "") for p in self.output.glob(self.glob) if p.is_file()
            )
        count = shard_count(len(pages), self.config.search_shard_pages)
        groups: list[list[tuple[str, str]]] = [[] for _ in range(count)]
        for rel, digest in pages:
            groups[shard_of(rel, count)].append((rel, digest))
        # numbered among those with pages: the first is pagefind/, the bundle the search page loads
        groups = [group for group in groups if group] or [[]]
        self.shards = [_Shard(n, group, self.output) for n, group in enumerate(groups)]
        if session is not None:
            from incremental.digest import digest_of

            keys = session.previous_meta.get("search_keys") or {}
            before = session.previous_by_folder()
            for shard in self.shards:
                shard.key = digest_of([shard.pages, count, self.arguments(Path("-"), Path("-")), _version()])
                index = before.get(shard.name, [])
                # same pages, same settings: the index on disk is this build's
                shard.kept = (
                    keys.get(shard.name) == shard.key
                    and bool(index)
                    and shard.target.is_dir()
                    and all(session.intact(rel) for rel in index)
                )
        todo = [shard for shard in self.shards if not shard.kept]
        if todo:
            self.deadline = time.monotonic() + self.config.search_timeout
            # beside the rest of the build, on the other core
            self.thread = threading.Thread(target=self._run, args=(todo, count > 1), daemon=True)
            self.thread.start()

    def _run(self, shards: list[_Shard], sharded: bool) -> None:
        for shard in shards:
            for folder in (shard.staging, shard.site):
                shutil.rmtree(folder, ignore_errors=True)
            shard.staging.parent.mkdir(parents=True, exist_ok=True)
            site = self.output
            process: subprocess.Popen | None = None
            try:
                if sharded:  # a folder of this index's pages only, as hard links (copies where links fail)
                    site = shard.site
                    for rel, _ in shard.pages:
                        (site / rel).parent.mkdir(parents=True, exist_ok=True)
                        try:
                            os.link(self.output / rel, site / rel)
                        except OSError:
                            shutil.copyfile(self.output / rel, site / rel)
                process = subprocess.Popen(
                    launch("pagefind", self.arguments(site, shard.staging)),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
                output, _ = process.communicate(timeout=max(1.0, self.deadline - time.monotonic()))
                if process.returncode != 0:
                    shard.error = f"Pagefind failed ({process.returncode}): {output.strip()[-2000:]}"
            except (OSError, subprocess.SubprocessError) as error:
                if process is not None and process.poll() is None:
                    process.kill()
                shard.error = f"Pagefind did not run: {error}"
            finally:
                shutil.rmtree(shard.site, ignore_errors=True)

    def finish(self, session=None) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        before = session.previous_by_folder() if session is not None else {}
        for shard in self.shards:
            where = shard.name
            if shard.kept:
                for rel in before.get(where, []):
                    session.keep(rel)
                continue
            if shard.error or not shard.staging.is_dir():
                # the site is still usable without (part of) search: say so, do not fail the build
                logger.error("search: index %s: %s", where, shard.error or "not written")
                shutil.rmtree(shard.staging, ignore_errors=True)
                continue
            files = sorted(p.relative_to(shard.staging).as_posix() for p in shard.staging.rglob("*") if p.is_file())
            if session is not None:
                session.journal(f"{where}/{rel}" for rel in files)
            old = self.output / ".build" / f"{where}.old"
            shutil.rmtree(old, ignore_errors=True)
            if shard.target.exists():
                shard.target.rename(old)
            shard.staging.rename(shard.target)
            shutil.rmtree(old, ignore_errors=True)
            if session is not None:
                for rel in files:
                    session.record(f"{where}/{rel}", "search")
        done = [s for s in self.shards if s.kept or (not s.error and s.target.is_dir())]
        # written last, once every index it names is in place; paths relative to this file
        listing = json.dumps([s.name + "/" for s in done if s.number], separators=(",", ":"))
        if session is not None:
            session.write(SHARDS_FILE, listing.encode("utf-8"), via="search")
            session.meta["search_keys"] = {s.name: s.key for s in done}
        else:
            path = self.output / SHARDS_FILE
            path.unlink(missing_ok=True)  # a link there is replaced, never written through
            path.write_text(listing, encoding="utf-8")


# What the child runs: Linux is asked to kill it when the build dies (a killed build leaves no
# indexer behind; the request outlives the exec into Pagefind's binary), then it runs the module as
# `python -m` would. In the child, not in a preexec_fn: with one, subprocess forks the whole build
# (about 60 ms at 700 MB, the child counted as a second build the while) where it otherwise uses vfork.
_LAUNCH = """\
import ctypes, os, runpy, signal, sys
parent, module = int(sys.argv.pop(1)), sys.argv.pop(1)
try:
    prctl = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux
    pass
else:
    prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the build died before that
        sys.exit(1)
sys.argv[0] = module
runpy.run_module(module, run_name="__main__", alter_sys=True)
"""


def close_texts(settings: dict) -> None:
    """Stop this run's search-text helper, if any (the article pages are written, or a run starts)."""
    texts = settings.pop(TEXTS_KEY, None)
    if texts is not None:
        texts.close()


def launch(module: str, arguments: list[str]) -> list[str]:
    """The command that runs `python -m module arguments…` and ends when this process does."""
    return [sys.executable, "-c", _LAUNCH, str(os.getpid()), module, *arguments]


def _version() -> str | None:
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return None


def _new_run(pelican) -> None:
    """Every run (also under `pelican -r`) starts with no indexer and no search-text helper."""
    close_texts(pelican.settings)
    pelican.settings[RUN_KEY] = None


def _start(settings: dict, output: str, session=None) -> None:
    close_texts(settings)  # the article pages are written: no search text is made after them
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
    close_texts(pelican.settings)
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
