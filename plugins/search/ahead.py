"""Article search texts made ahead in a helper process while the article pages are rendered (pure:
no Pelican).

An article's search text (its HTML to text, folded, a pair per Han character) took 8% of the main
process in a clean Persian build and 14% in a Chinese one, while the second core sat idle: ingestion
is over when the article pages are rendered, and Pagefind starts after them. Once a build has made
START_AFTER texts itself (a clean build, or a change that renders every page; a one-file rebuild
renders a dozen pages and never starts it), a spawned process makes the texts of the next articles
in the order their pages are written, AHEAD at a time. A text not asked for ahead, or any text after
the helper stopped, is made here, as before: the same function of the same parts either way.
The helper is spawned, not forked: a forked one would start with the whole build's heap mapped, and
each reference count it changed would copy a page of it."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Any

from ingest.html_clean import text_of  # sibling plugin: the one HTML-to-text

from .text import Folding, index_text

logger = logging.getLogger(__name__)

START_AFTER = 64  # texts made here before the helper starts (its start costs ~0.5 s of the other core)
AHEAD = 64  # articles asked for ahead of the page being rendered: bounds what waits in memory
CHUNK = 8  # articles per request: one round trip each
WAIT = 300.0  # seconds a text asked for ahead may take (a helper that hangs must not hang the build)

Parts = tuple[str, str, str]  # title, deck, body HTML


def search_text(parts: Parts, folding: Folding) -> str:
    """The text Pagefind indexes for an article: its title, deck and body as folded tokens."""
    title, deck, html = parts
    return index_text((title, deck, text_of(html)), folding)


_FOLDING: Folding | None = None  # the helper process's


def _setup(han_names: tuple[str, ...], arabic_names: tuple[str, ...]) -> None:
    global _FOLDING
    _FOLDING = Folding(han_names, arabic_names)


def _texts(chunk: list[tuple[str, Parts]]) -> dict[str, str]:
    assert _FOLDING is not None, "a helper starts with _setup"
    return {key: search_text(parts, _FOLDING) for key, parts in chunk}


class TextsAhead:
    """Search texts for one build. `text(item, order)`: the item's text, where `order` is the list
    the pages are written in (the item's place in it says what comes next); `key` names an item,
    `parts` gives its parts (read only for items asked for ahead, or when made here)."""

    def __init__(
        self,
        folding: Folding,
        key: Callable[[Any], str],
        parts: Callable[[Any], Parts],
        start_after: int = START_AFTER,
        ahead: int = AHEAD,
        chunk: int = CHUNK,
    ) -> None:
        self.folding, self._key, self._parts = folding, key, parts
        self._start_after, self._ahead, self._chunk = start_after, ahead, chunk
        self._order: Sequence | None = None
        self._place: dict[str, int] = {}
        self._next = 0  # the place of the next item to ask for
        self._asked: OrderedDict[str, Future] = OrderedDict()  # in order of place
        self._pool: ProcessPoolExecutor | None = None
        self._stopped = False
        self.made_here = 0
        self.made_ahead = 0

    def text(self, item: Any, order: Sequence) -> str:
        key = self._key(item)
        future = self._asked.pop(key, None)
        text = None
        if future is not None:
            try:
                text = future.result(timeout=WAIT)[key]
                self.made_ahead += 1
            except (BrokenProcessPool, OSError, KeyError, TimeoutError) as error:  # killed, hung
                self._stop(f"the helper stopped ({type(error).__name__}: {error})")
        if text is None:
            text = search_text(self._parts(item), self.folding)
            self.made_here += 1
            if self._pool is None and not self._stopped and self.made_here >= self._start_after:
                self._start()
        if self._pool is not None:
            self._ask_after(key, order)
        return text

    def _start(self) -> None:
        try:
            self._pool = ProcessPoolExecutor(
                1,
                get_context("spawn"),
                initializer=_setup,
                initargs=(self.folding.han_names, tuple(sorted(self.folding.arabic_names))),
            )
        except OSError as error:
            self._stop(f"no helper process ({error})")

    def _ask_after(self, key: str, order: Sequence) -> None:
        """Ask for the items after this one in `order`, up to AHEAD waiting; forget those before it
        (their pages were kept, not rendered)."""
        if order is not self._order:
            if self._order is not None:  # pages not written from one list: nothing to look ahead in
                logger.debug("search: the article pages' order changed; no search text is made ahead")
                self.close()
                return
            self._order = order
            self._place = {self._key(x): i for i, x in enumerate(order)}
        place = self._place.get(key)
        if place is None:
            return
        # a future is one chunk's: one skipped item cannot cancel it for the others of its chunk
        while self._asked and self._place[next(iter(self._asked))] <= place:
            self._asked.popitem(last=False)
        self._next = max(self._next, place + 1)
        assert self._pool is not None
        while len(self._asked) < self._ahead and self._next < len(order):
            chunk = [(self._key(x), self._parts(x)) for x in order[self._next : self._next + self._chunk]]
            self._next += len(chunk)
            try:
                future = self._pool.submit(_texts, chunk)
            except (BrokenProcessPool, RuntimeError) as error:
                self._stop(f"the helper stopped ({type(error).__name__}: {error})")
                return
            for k, _ in chunk:
                self._asked[k] = future

    def _stop(self, why: str) -> None:
        if not self._stopped:
            logger.warning("search: %s; the remaining search texts are made in this process", why)
        self.close()

    def close(self) -> None:
        """Stop the helper (what it was asked and did not finish is dropped) and start none again:
        any text asked for after this is made here."""
        self._stopped = True
        self._asked.clear()
        if self._pool is not None:
            logger.debug("search: %d texts made by the helper, %d here", self.made_ahead, self.made_here)
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
