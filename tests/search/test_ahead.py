"""Search texts made ahead in a spawned helper (plugins/search/ahead.py): the same text as made in
the build's own process, whatever is skipped, and after the helper stops."""

from __future__ import annotations

import logging
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from archive_paths import ROOT, SEEDS
from search import ahead, pelican_glue
from search.ahead import TextsAhead, search_text
from search.text import Folding
from tagging.vocabulary import Vocabulary

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "incremental"))
import equivalence  # tests/incremental/equivalence.py: in-process builds, outputs compared

_BODIES = [
    "<p>伊拉克总理卡迪米周一在华盛顿与拜登会谈，双方讨论美军撤离。</p><p>第二段 2021 年。</p>",
    "<p>التقى الكاظمي بالرئيس بايدن في البيت الأبيض <b>للعراق</b>.</p>",
    "<p>نخست‌وزیر عراق با بایدن در کاخ سفید دیدار کرد.</p><ul><li>یک</li><li>دو</li></ul>",
]


@dataclass
class _Item:
    source: str
    title: str
    deck: str
    html: str


def _items(n: int) -> list[_Item]:
    return [_Item(f"a/{i}.md", f"标题 {i} عنوان", f"deck {i}", _BODIES[i % 3] + f"<p>{i}</p>") for i in range(n)]


@pytest.fixture(scope="module")
def folding() -> Folding:
    return Folding.from_vocabulary(Vocabulary.load(ROOT / "content" / "tags.yml"))


def _parts(item: _Item) -> tuple[str, str, str]:
    return item.title, item.deck, item.html


def _ahead(folding: Folding, **kw) -> TextsAhead:
    return TextsAhead(folding, lambda item: item.source, _parts, **kw)


def test_texts_made_ahead_are_those_made_here(folding):
    items = _items(40)
    texts = _ahead(folding, start_after=3, ahead=6, chunk=2)
    try:
        got = [texts.text(item, items) for item in items]
    finally:
        texts.close()
    assert got == [search_text(_parts(item), folding) for item in items]
    assert texts.made_here >= 3 and texts.made_ahead > 20  # the helper made most of them


def test_pages_skipped_or_out_of_order_get_their_own_text(folding):
    """A rebuild renders some pages only (the others are kept): skipped items are never wrong, and
    an item not in the order, or asked for again, is made here."""
    items = _items(60)
    order = list(items)
    texts = _ahead(folding, start_after=2, ahead=8, chunk=3)
    asked = items[::3] + [items[5], items[1], _Item("elsewhere.md", "t", "d", "<p>其他</p>")]
    try:
        got = [texts.text(item, order) for item in asked]
    finally:
        texts.close()
    assert got == [search_text(_parts(item), folding) for item in asked]
    assert texts.made_ahead > 0


def test_pages_written_from_another_list_stop_the_helper(folding):
    """A theme that renders article pages from lists it makes: the order cannot be looked ahead in
    (each list's places would be worked out again per page), so the texts are made here."""
    items = _items(20)
    texts = _ahead(folding, start_after=2, ahead=4, chunk=2)
    got = [texts.text(item, items) for item in items[:5]]
    got += [texts.text(item, list(items)) for item in items[5:]]  # a new list for every page
    assert got == [search_text(_parts(item), folding) for item in items]
    assert texts._pool is None and texts.made_here >= 15


def test_below_the_threshold_no_helper_is_started(folding):
    items = _items(10)
    texts = _ahead(folding, start_after=64)
    assert [texts.text(item, items) for item in items] == [search_text(_parts(i), folding) for i in items]
    assert texts._pool is None and texts.made_ahead == 0


def test_a_helper_killed_midway_leaves_the_texts_to_this_process(folding, caplog):
    items = _items(40)
    texts = _ahead(folding, start_after=2, ahead=6, chunk=2)
    got = [texts.text(item, items) for item in items[:6]]
    assert texts._pool is not None
    for process in list(texts._pool._processes.values()):  # as the system would, short of memory
        process.kill()
        process.join()
    with caplog.at_level(logging.WARNING, logger="search.ahead"):
        got += [texts.text(item, items) for item in items[6:]]
    texts.close()
    assert got == [search_text(_parts(item), folding) for item in items]
    assert "the remaining search texts are made in this process" in caplog.text
    assert texts._pool is None  # stopped, not started again


def test_after_close_texts_are_made_here_and_no_helper_starts(folding):
    items = _items(12)
    texts = _ahead(folding, start_after=1, ahead=4, chunk=2)
    texts.text(items[0], items)
    texts.close()
    rest = [texts.text(item, items) for item in items[1:]]
    assert rest == [search_text(_parts(item), folding) for item in items[1:]]
    assert texts._pool is None


def test_a_build_with_the_helper_writes_the_same_pages(tmp_path, monkeypatch):
    """Through Pelican: the article pages (their hidden search text) and the rest of the site are the
    same whether the texts are made by the helper from the second article on or all here."""
    content = tmp_path / "content"
    shutil.copytree(SEEDS, content)
    shutil.copytree(equivalence.CORPUS, content / "duty-machine")
    made: list[TextsAhead] = []

    def build(out: str, start_after: int) -> None:
        class Counted(TextsAhead):
            def __init__(self, *args, **kw) -> None:
                super().__init__(*args, **kw, start_after=start_after, ahead=4, chunk=2)
                made.append(self)

        monkeypatch.setattr(pelican_glue, "TextsAhead", Counted)
        equivalence.build(content, tmp_path / out, None, search=False)

    build("here", 10**9)
    build("ahead", 1)
    assert made[0].made_ahead == 0 and made[-1].made_ahead > 10  # the helper made most of them
    assert equivalence.differences(tmp_path / "ahead", tmp_path / "here") == []
    assert all(texts._pool is None for texts in made)  # each run's helper closed with its article pages


def test_the_helper_uses_the_module_s_own_function(folding):
    """The helper's function is the one this process uses (one source of truth for the text)."""
    chunk = [(item.source, _parts(item)) for item in _items(3)]
    ahead._setup(folding.han_names, tuple(sorted(folding.arabic_names)))
    try:
        assert ahead._texts(chunk) == {key: search_text(parts, folding) for key, parts in chunk}
    finally:
        ahead._FOLDING = None
