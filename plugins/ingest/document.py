"""What the ingestion core produces: one Document per article file, or an IngestError."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .profiles import OutletRef


class IngestError(Exception):
    """A file that cannot become an article; the reason ends up in the ingest report."""

    def __init__(self, source: str, reason: str, line: int | None = None, transient: bool = False) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        self.transient = transient  # a time or process failure: not cached, tried again next build
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # survives pickling (process pool, cache) with all its fields
        return (IngestError, (self.source, self.reason, self.line, self.transient))

    @property
    def report_reason(self) -> str:
        return f"{self.reason} (line {self.line})" if self.line is not None else self.reason


@dataclass
class LeadImage:
    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass
class Document:
    """One article, independent of the format it was stored in."""

    source: str  # path relative to the content folder, with forward slashes
    format: str  # front_matter | rss_archive | web_capture | plain_text
    title: str = ""
    body_html: str = ""  # sanitized once the pipeline is done with it
    encoding: str = "utf-8"
    date: datetime | None = None  # publication, timezone-aware UTC; None means undated
    updated: datetime | None = None
    archived: datetime | None = None  # when an RSS mirror stored the file
    lang: str | None = None
    dir: str = "ltr"
    outlet: str | None = None  # key of a source profile, else the registered domain or name of the site
    outlet_name: str = ""  # the site's own name, for an outlet without a profile
    cites: str | None = None  # outlet a text quotes without being published by it
    author: str = ""
    url: str | None = None  # the original article's address
    lead_image: LeadImage | None = None
    deck: str = ""  # sub-headline
    labels: list[str] = field(default_factory=list)  # front-matter categories and tags
    summary: str = ""  # plain text
    reading_minutes: int = 1
    numbers: list[str] = field(default_factory=list)  # salient figures of the text (2500, 520), for same-story links
    tags: list[str] = field(default_factory=list)  # vocabulary keys, strongest evidence first
    fingerprint: str = ""  # hash of the normalised text, to find the same article twice
    slug: str = ""  # from the title (or file name), before the path hash that makes it unique
    warnings: list[str] = field(default_factory=list)

    def set_outlet(self, ref: OutletRef | None) -> None:
        self.outlet, self.outlet_name = (ref.key, ref.name) if ref else (None, "")

    @property
    def undated(self) -> bool:
        return self.date is None
