"""Full-text search: after every build, Pagefind's extended binary (from PyPI, runs offline)
indexes the article pages into OUTPUT/pagefind/. The index is one for all three languages
(`--force-language zh`: Chinese is segmented, Arabic and Persian split on spaces), so one search
box finds articles in every language; filters come from data-pagefind-filter in the theme."""

from __future__ import annotations

import logging
import subprocess
import sys

logger = logging.getLogger(__name__)


def index_site(pelican) -> None:
    settings = pelican.settings
    if not settings.get("SEARCH_INDEX", True):
        return
    command = [
        sys.executable, "-m", "pagefind", "--site", settings["OUTPUT_PATH"],
        "--glob", settings.get("SEARCH_GLOB", "articles/**/*.html"),  # only article pages are indexed
        "--force-language", settings.get("SEARCH_LANGUAGE", "zh"), "--silent",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=settings.get("SEARCH_TIMEOUT", 1800))
    if result.returncode != 0:
        # the site is still usable without search: say so, do not fail the build
        logger.error("search: Pagefind failed (%s): %s", result.returncode, (result.stderr or result.stdout).strip()[-2000:])


def register() -> None:
    from pelican import signals

    signals.finalized.connect(index_site)
