"""Listing pages Pelican lacks: one per language (/zh/, /ar/, /fa/) and a languages index; the
archives as an index of years, a page per year (its months and articles) and one of the undated
articles; previous/next links between articles."""

from __future__ import annotations

# Checked at start by the contract plugin: plugins enabled with this one, and those that must come
# before it in PLUGINS.
# Needs: the article record; the theme's interface filters.
REQUIRES = ("ingest", "localize")
AFTER = ()


def _generators(pelican):
    from .pelican_glue import ArchivePages, LanguageListings

    return LanguageListings, ArchivePages


def register() -> None:
    from pelican import signals

    from .pelican_glue import add_archive_context

    signals.get_generators.connect(_generators)
    signals.article_generator_finalized.connect(add_archive_context)
