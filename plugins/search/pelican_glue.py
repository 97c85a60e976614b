"""Pelican side of what is indexed: the `search_text` filter (an article's title, deck and body as
folded search tokens, for the hidden element Pagefind indexes) and `search_folding` (the tables the
search page folds queries with). Both come from the build's tag vocabulary."""

from __future__ import annotations

from ingest.html_clean import text_of  # sibling plugin: the one HTML-to-text
from tagging.vocabulary import Vocabulary

from .text import Folding, index_text


class _BuildFolding:
    """One Folding per build, made from the vocabulary the tagging plugin loaded for it."""

    def __init__(self) -> None:
        self._made: tuple[object, Folding, dict] | None = None

    def _current(self, context) -> tuple[object, Folding, dict]:
        vocabulary = context.get("tag_vocabulary") or Vocabulary.empty()
        if self._made is None or self._made[0] is not vocabulary:
            folding = Folding.from_vocabulary(vocabulary)
            self._made = (vocabulary, folding, folding.table())
        return self._made

    def get(self, context) -> Folding:
        return self._current(context)[1]

    def table(self, context) -> dict:
        """The same dict for every page of a build (page keys digest it once, not per page)."""
        return self._current(context)[2]


def install(generator) -> None:
    from jinja2 import pass_context

    folding = _BuildFolding()

    @pass_context
    def search_text(ctx, article) -> str:
        return index_text((article.title, article.record.deck, text_of(article.content)), folding.get(ctx))

    @pass_context
    def search_folding(ctx, _=None) -> dict:
        return folding.table(ctx)

    generator.env.filters.update(search_text=search_text)
    generator.env.globals.update(search_folding=search_folding)
