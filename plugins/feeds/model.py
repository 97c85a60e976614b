"""What a feed holds, independent of Pelican and of the feed format."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True)
class Enclosure:
    url: str
    type: str


@dataclass
class FeedItem:
    guid: str
    title: str
    link: str
    updated: datetime  # Atom requires it; for undated articles see `undated_updated`
    published: datetime | None = None  # None for undated articles: no pubDate is invented
    lang: str = ""  # the article's language: xml:lang of its Atom entry, dc:language in RSS
    author: str = ""
    categories: list[tuple[str, str]] = field(default_factory=list)  # (term, label)
    summary: str = ""
    content_html: str = ""
    enclosure: Enclosure | None = None


@dataclass
class FeedSpec:
    kind: str  # all | lang | tag | outlet
    key: str
    title: str
    lang: str
    page: str  # the site page this feed follows (absolute URL)
    items: list[FeedItem] = field(default_factory=list)
    site_name: str = ""  # the feed's author in Atom, for entries without byline or outlet
    names: dict[str, str] = field(default_factory=dict)  # an outlet's name per language, for pages

    def path(self, fmt: str) -> str:
        """Output path of the feed in `fmt` (rss or atom)."""
        stem = "all" if self.kind == "all" else f"{self.kind}/{self.key}"
        return f"feeds/{stem}.{fmt}.xml"


# Atom's `updated` of an undated article when the archive holds no dated one: a fixed instant, so
# nothing in a feed depends on the machine or the day of the build.
UNDATED_FLOOR = datetime(1970, 1, 1, tzinfo=UTC)


def undated_updated(archived: datetime | None, oldest_dated: datetime | None) -> datetime:
    """Atom requires `updated`; an undated article must still never look like the newest. It gets
    the archive time when it has one, but never later than the oldest dated article of the archive."""
    candidates = [d for d in (archived, oldest_dated) if d is not None]
    return min(candidates) if candidates else UNDATED_FLOOR


def feed_order(items: list[FeedItem]) -> list[FeedItem]:
    """Dated items newest first, then undated ones (latest `updated` first); ties by GUID, so the
    order never depends on the order files were read in."""
    dated = sorted((i for i in items if i.published), key=lambda i: (i.published, i.guid), reverse=True)
    undated = sorted((i for i in items if not i.published), key=lambda i: (i.updated, i.guid), reverse=True)
    return dated + undated


def feed_updated(items: list[FeedItem]) -> datetime:
    """The feed's own `updated`/`lastBuildDate`: its newest item, never the build time."""
    return max((i.updated for i in items), default=UNDATED_FLOOR)


def stable_guid(identity: str) -> str:
    """The same article, the same GUID in every feed and every build."""
    return uuid.uuid5(uuid.NAMESPACE_URL, identity).urn
