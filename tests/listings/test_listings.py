"""Listings: the year → month archive tree, per-language groups, previous/next, and what the home
page shows (stories, latest per language, the archive's holdings)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from ingest.document import LeadImage
from ingest.record import ArticleRecord
from listings.grouping import Members, archive_tree, by_language, link_neighbours
from listings.home import home_page

UNDATED = datetime(1970, 1, 1, tzinfo=UTC)  # what an undated article carries as its date


def _article(name: str, lang: str, when: datetime | None, outlet: str = "", tags=(), image: str = ""):
    """A stand-in for a Pelican article: the attributes listings read, and the ingestion record."""
    record = ArticleRecord(
        source_file=name, title=name, lang=lang, date=when, outlet=outlet or None,
        lead_image=LeadImage(src=image) if image else None,
    )  # fmt: skip
    return SimpleNamespace(
        source_file=name,
        lang=lang,
        date=when or UNDATED,
        undated=record.undated,
        outlet=outlet,
        tags=[SimpleNamespace(slug=t) for t in tags],
        lead_image=record.lead_image,
        record=record,
    )


def _day(month: int, day: int, year: int = 2021) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


def test_archive_tree_is_years_and_months_newest_first_with_undated_apart():
    articles = [
        _article("a", "zh", _day(7, 26)),
        _article("b", "ar", _day(7, 2)),
        _article("c", "fa", _day(3, 1)),
        _article("d", "zh", _day(12, 31, 2020)),
        _article("u", "fa", None),
        _article("e", "ar", _day(1, 5, 2020)),
    ]
    years, undated = archive_tree(list(reversed(articles)))  # any order in
    assert [y.year for y in years] == [2021, 2020]
    assert [[m.first.month for m in y.months] for y in years] == [[7, 3], [12, 1]]
    assert [[[a.source_file for a in m.articles] for m in y.months] for y in years] == [
        [["a", "b"], ["c"]],
        [["d"], ["e"]],
    ]
    assert [y.count for y in years] == [3, 2]
    assert [a.source_file for a in undated] == ["u"]
    assert archive_tree([]) == ([], [])


def test_by_language_keeps_order_and_puts_the_biggest_language_first():
    articles = [_article(str(i), lang, _day(1, i + 1)) for i, lang in enumerate(["fa", "zh", "ar", "zh", "fa", "zh"])]
    groups = by_language(articles)
    assert list(groups) == ["zh", "fa", "ar"]
    assert [a.source_file for a in groups["zh"]] == ["1", "3", "5"]
    tie = by_language([_article("x", "zh", None), _article("y", "ar", None)])
    assert list(tie) == ["ar", "zh"]  # equal counts: by code, so builds agree


def test_link_neighbours():
    articles = [_article(n, "zh", _day(1, 3 - i)) for i, n in enumerate("abc")]
    link_neighbours(articles)
    assert [(a.newer and a.newer.source_file, a.older and a.older.source_file) for a in articles] == [
        (None, "b"),
        ("a", "c"),
        ("b", None),
    ]
    link_neighbours([])  # nothing to link


def _story(url: str, *articles):
    return SimpleNamespace(url=url, tags=[], articles=list(articles))


def test_home_page_stories_latest_and_holdings():
    zh1 = _article("zh1", "zh", _day(7, 26), "bbc", ("iraq", "biden"))
    zh2 = _article("zh2", "zh", _day(7, 27), "voa", ("iraq",), image="lead.jpg")
    ar1 = _article("ar1", "ar", _day(7, 25), "bbc", ("iraq",))
    fa1 = _article("fa1", "fa", _day(7, 24), "", ("iraq", "kazemi"), image="fa.jpg")
    old = _article("old", "zh", _day(1, 1), "bbc")
    fa_undated = _article("fa-undated", "fa", None, "voa")
    articles = sorted([zh1, zh2, ar1, fa1, old], key=lambda a: a.date, reverse=True) + [fa_undated]
    groups = by_language(articles)
    recent = _story("story/iraq.html", zh1, ar1, fa1, zh2)
    earlier = _story("story/old.html", old, ar1)
    undated_only = _story("story/none.html", fa_undated)
    home = home_page(articles, [earlier, undated_only, recent], groups, n_stories=4, per_language=1, n_outlets=1)

    # stories by their newest dated report; one without a dated report is not shown
    assert [s.story.url for s in home.stories] == ["story/iraq.html", "story/old.html"]
    top = home.stories[0]
    assert top.newest == _day(7, 27)
    assert [r.source_file for r in top.reports] == ["zh2", "ar1", "fa1", "zh1"]  # newest of each language first
    assert top.languages == ["zh", "ar", "fa"]
    assert top.lead is zh2  # the newest report with an image
    assert home.stories[1].lead is None

    assert {lang: [a.source_file for a in group] for lang, group in home.latest_by_language.items()} == {
        "zh": ["zh2"],
        "fa": ["fa1"],  # a dated article before an undated one
        "ar": ["ar1"],
    }
    h = home.holdings
    assert (h.articles, h.undated, h.stories, h.tags) == (6, 1, 3, 3)
    assert (h.first, h.last) == (_day(1, 1), _day(7, 27))
    assert h.languages == [("zh", 3), ("fa", 2), ("ar", 1)]
    assert h.outlet_count == 2 and [(a.outlet, n) for a, n in h.outlets] == [("bbc", 3)]


def test_home_page_of_an_archive_without_dates():
    articles = [_article("u1", "fa", None), _article("u2", "fa", None)]
    home = home_page(articles, [], by_language(articles), per_language=5)
    assert home.stories == []
    assert [a.source_file for a in home.latest_by_language["fa"]] == ["u1", "u2"]  # undated ones, not nothing
    assert (home.holdings.first, home.holdings.last, home.holdings.undated) == (None, None, 2)


def test_members_pick_what_a_list_picks():
    # Pelican's tag pages: [a for a in dates if a in group]; articles compare by identity
    when = datetime(2024, 5, 1, tzinfo=UTC)
    dates = [_article(f"a{i}", "zh", when) for i in range(30)]
    twin = _article("a3", "zh", when)  # the same attributes as a member, another article
    group = [a for i, a in enumerate(dates) if i % 3 == 0]
    members = Members(group)
    assert members == group
    assert [a for a in dates if a in members] == [a for a in dates if a in group] == group
    assert twin not in members and dates[1] not in members and dates[3] in members
