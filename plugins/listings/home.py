"""What the home page shows, from the articles and stories in one pass (pure: no Pelican)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any


@dataclass
class HomeStory:
    story: Any  # a story with .url, .tags and .articles
    newest: datetime  # its newest dated report
    reports: list  # one report per language first (newest of each), then the rest, newest first
    languages: list[str]
    lead: Any = None  # the report whose lead image heads the story, if any has one


@dataclass
class Holdings:
    articles: int = 0
    undated: int = 0
    first: datetime | None = None
    last: datetime | None = None
    languages: list[tuple[str, int]] = field(default_factory=list)  # most articles first
    outlets: list[tuple[Any, int]] = field(default_factory=list)  # (an article of the outlet, count), most first
    outlet_count: int = 0
    tags: int = 0
    stories: int = 0


@dataclass
class Home:
    stories: list[HomeStory]
    latest_by_language: dict[str, list]
    holdings: Holdings


def _has_image(article) -> bool:
    lead = article.record.lead_image
    return bool(lead and lead.src)


def _dated(article) -> bool:
    return not article.record.undated


def home_page(
    articles: Sequence,
    stories: Sequence,
    by_language: dict[str, list],
    *,
    n_stories: int = 4,
    per_language: int = 5,
    n_outlets: int = 8,
) -> Home:
    """`articles` newest first; `by_language` keeps that order per language. Linear in the archive:
    one pass for the counts, and only the newest few of each list are looked at."""
    ranked = []
    for story in stories:
        dated = [a for a in story.articles if _dated(a)]
        if not dated:
            continue
        newest = max(a.date for a in dated)
        ranked.append((newest, story.url, story))
    ranked.sort(key=lambda item: (item[0], item[1]), reverse=True)
    home_stories = []
    for newest, _, story in ranked[:n_stories]:
        members = sorted(story.articles, key=lambda a: (_dated(a), a.date, a.source_file), reverse=True)
        first_per_lang: dict[str, Any] = {}
        for member in members:
            first_per_lang.setdefault(member.lang, member)
        reports = list(first_per_lang.values()) + [m for m in members if m not in first_per_lang.values()]
        lead = next((m for m in members if _has_image(m)), None)
        home_stories.append(HomeStory(story, newest, reports, list(first_per_lang), lead))

    holdings = Holdings(articles=len(articles), stories=len(stories))
    outlets: Counter = Counter()
    sample: dict[str, Any] = {}
    tags: set[str] = set()
    for article in articles:
        if _dated(article):
            holdings.first = article.date if holdings.first is None or article.date < holdings.first else holdings.first
            holdings.last = article.date if holdings.last is None or article.date > holdings.last else holdings.last
        else:
            holdings.undated += 1
        outlet = article.record.outlet
        if outlet:
            outlets[outlet] += 1
            sample.setdefault(outlet, article)
        tags.update(t.slug for t in article.tags)
    holdings.languages = [(lang, len(group)) for lang, group in by_language.items()]
    holdings.outlets = [
        (sample[key], count) for key, count in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))[:n_outlets]
    ]
    holdings.outlet_count = len(outlets)
    holdings.tags = len(tags)
    latest = {
        lang: list(islice((a for a in group if _dated(a)), per_language)) or group[:per_language]
        for lang, group in by_language.items()
    }
    return Home(home_stories, latest, holdings)
