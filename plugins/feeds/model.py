"""What a feed holds, independent of Pelican and of the feed format."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Enclosure:
    url: str
    type: str


@dataclass
class FeedItem:
    guid: str
    title: str
    link: str
    updated: datetime  # Atom requires it; for undated articles it is the archive time
    published: datetime | None = None  # None for undated articles: no pubDate is invented
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

    def path(self, fmt: str) -> str:
        """Output path of the feed in `fmt` (rss or atom)."""
        stem = "all" if self.kind == "all" else f"{self.kind}/{self.key}"
        return f"feeds/{stem}.{fmt}.xml"


def stable_guid(identity: str) -> str:
    """The same article, the same GUID in every feed and every build."""
    return uuid.uuid5(uuid.NAMESPACE_URL, identity).urn
