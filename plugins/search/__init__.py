"""Full-text search: Pagefind's extended binary (from PyPI, runs offline) indexes the article pages
into OUTPUT/pagefind/ at every build. It starts as soon as the article pages are written and runs
beside the rest of the build (listings, feeds) on the other core; the build waits for it at the end.
The index is one for all three languages, of the folded search tokens text.py makes from each
article (`--force-language und`: Pagefind neither segments nor stems them), so one search box finds
articles in every language; filters and result metadata come from data-pagefind-* in the theme."""

from __future__ import annotations

import logging
import subprocess
import sys

logger = logging.getLogger(__name__)
_running: subprocess.Popen | None = None


def start_indexing(generator, writer=None) -> None:
    global _running
    settings = generator.settings
    if not settings.get("SEARCH_INDEX", True) or _running is not None:
        return
    command = [
        sys.executable, "-m", "pagefind", "--site", generator.output_path,
        "--glob", settings.get("SEARCH_GLOB", "articles/**/*.html"),  # only article pages are indexed
        "--force-language", settings.get("SEARCH_LANGUAGE", "und"), "--silent",
    ]  # fmt: skip
    _running = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_indexing(pelican) -> None:
    global _running
    if _running is None:
        return
    process, _running = _running, None
    output, _ = process.communicate(timeout=pelican.settings.get("SEARCH_TIMEOUT", 1800))
    if process.returncode != 0:
        # the site is still usable without search: say so, do not fail the build
        logger.error("search: Pagefind failed (%s): %s", process.returncode, output.strip()[-2000:])


def register() -> None:
    from pelican import signals

    from .pelican_glue import install

    signals.generator_init.connect(install)  # what is indexed: search_text, search_folding (text.py)
    signals.article_writer_finalized.connect(start_indexing)
    signals.finalized.connect(finish_indexing)
