"""The search plugin's settings (checked at start by contract/settings.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from contract.settings import PluginSettings, setting


@dataclass(frozen=True)
class SearchSettings(PluginSettings):
    PREFIXES: ClassVar[tuple[str, ...]] = ("SEARCH_",)

    search_index: bool = setting(True, "index the output with Pagefind after the build")
    search_language: str = setting(
        "und",
        "the one language the search index is built as (no stemming, no segmenting: the tokens are folded already)",
    )
    search_glob: str = setting(
        "articles/**/*.html", "the pages Pagefind indexes (article pages only: stale ones are removed before indexing)"
    )
    search_timeout: float = setting(1800, "seconds Pagefind may take before the build gives up on it")
    search_shard_pages: int = setting(
        640,
        "article pages per search index at most: more are split into 2, 4, 8 … 64 indexes, built one after"
        " another and searched together (Pagefind's memory grows with the pages it indexes at once; a rebuild"
        " indexes again only the indexes whose pages changed); 0: always one index",
    )
