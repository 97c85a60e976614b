"""Pure groupings for listing pages: by language, and the year → month archive tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


class Members(list):
    """A group's articles (a tag's, a category's, an author's) that answer `article in group` at once.
    Pelican's tag, category and author pages each pick their dated articles by asking that of every
    article in the archive: on a plain list it scans the group, which makes those pages quadratic in
    the archive's size. Articles compare by identity (Pelican's Content has no __eq__), so do these.
    The groups are complete when this is made; nothing adds to them afterwards."""

    def __init__(self, articles: Sequence) -> None:
        super().__init__(articles)
        self._ids = frozenset(map(id, self))

    def __contains__(self, article: object) -> bool:
        return id(article) in self._ids


UNDATED_URL = "archives/undated.html"  # the undated articles' page; each year's is Year.url


@dataclass
class Month:
    first: Any  # an article's date in that month, for formatting the month name
    articles: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """Its section on its year's page (archives/2024.html#m05)."""
        return f"m{self.first.month:02d}"


@dataclass
class Year:
    year: int
    months: list[Month] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(m.articles) for m in self.months)

    @property
    def url(self) -> str:
        return f"archives/{self.year}.html"


def archive_tree(articles: Sequence) -> tuple[list[Year], list]:
    """(years newest first with their months newest first, undated articles).
    `articles` come newest first; undated ones have `undated` true."""
    months: dict[tuple[int, int], Month] = {}
    undated = []
    for article in sorted(articles, key=lambda a: a.date, reverse=True):
        if article.record.undated:
            undated.append(article)
            continue
        key = (article.date.year, article.date.month)
        months.setdefault(key, Month(first=article.date)).articles.append(article)
    years: dict[int, Year] = {}
    for (year, _), month in months.items():  # already newest first
        years.setdefault(year, Year(year)).months.append(month)
    return list(years.values()), undated


def by_language(articles: Sequence) -> dict[str, list]:
    """Articles per language (order kept), languages by number of articles."""
    groups: dict[str, list] = defaultdict(list)
    for article in articles:
        groups[article.lang].append(article)
    return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))


def link_neighbours(articles: Sequence) -> None:
    """Set `newer` and `older` on each article of a newest-first list."""
    for i, article in enumerate(articles):
        article.newer = articles[i - 1] if i > 0 else None
        article.older = articles[i + 1] if i + 1 < len(articles) else None
