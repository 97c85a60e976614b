"""Pelican side of what is indexed: the `search_text` filter (an article's title, deck and body as
folded search tokens, for the hidden element Pagefind indexes) and `search_folding` (the tables the
search page folds queries with). Both come from the build's tag vocabulary."""

from __future__ import annotations

from tagging.vocabulary import Vocabulary

from . import TEXTS_KEY, close_texts
from .ahead import TextsAhead
from .text import Folding


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


def _parts(article) -> tuple[str, str, str]:
    return article.title, article.record.deck, article.content


def _source(article) -> str:
    return article.source_file


def install(generator) -> None:
    from jinja2 import pass_context

    folding = _BuildFolding()
    settings = generator.settings

    @pass_context
    def search_text(ctx, article) -> str:
        texts, current = settings.get(TEXTS_KEY), folding.get(ctx)
        if texts is None or texts.folding is not current:
            close_texts(settings)
            texts = settings[TEXTS_KEY] = TextsAhead(current, _source, _parts)
        # the article pages are written in the order of the site's articles: those after this one are next
        return texts.text(article, ctx.get("articles") or ())

    @pass_context
    def search_folding(ctx, _=None) -> dict:
        return folding.table(ctx)

    generator.env.filters.update(search_text=search_text)
    generator.env.globals.update(search_folding=search_folding)
