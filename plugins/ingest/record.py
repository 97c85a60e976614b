"""The article contract: what ingestion hands to the theme, feeds, stories, listings and search for
each article. The ingest glue attaches one `ArticleRecord` to every Pelican article, as its `record`
attribute, once, when the article is read; Python code reads the record, typed, instead of
attributes with defaults. (Templates read the same values as Pelican article attributes, which the
glue makes from the record: `ArticleRecord.metadata`.) Pure: no Pelican import."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .document import LeadImage


@dataclass(frozen=True)
class ArticleRecord:
    source_file: str  # path relative to the content folder, with forward slashes
    title: str
    lang: str  # the article's language, or the site's DEFAULT_LANG when none was identified
    dir: str = "ltr"
    date: datetime | None = None  # publication; None: undated (Pelican's `date` is then only for ordering)
    archived: datetime | None = None  # when an RSS mirror stored the file
    modified: datetime | None = None
    deck: str = ""  # sub-headline
    summary_text: str = ""  # plain text
    reading_minutes: int = 1
    numbers: tuple[str, ...] = ()  # figures in the text (same-story evidence)
    tag_keys: tuple[str, ...] | None = None  # vocabulary keys found at ingestion; None: not tagged there
    outlet: str | None = None  # key of a source profile, else the site's domain or name
    outlet_name: str = ""  # in the article's language
    outlet_names: dict[str, str] = field(default_factory=dict)  # language → name, from the outlet's profile
    cites_name: str = ""  # the outlet a text quotes without being published by it
    original_url: str | None = None
    lead_image: LeadImage | None = None
    byline: str = ""
    source_format: str = ""  # front_matter | rss_archive | web_capture | plain_text

    @property
    def undated(self) -> bool:
        return self.date is None

    def metadata(self) -> dict:
        """The record as Pelican article metadata (attributes the templates read)."""
        return {
            "undated": self.undated,
            "archived": self.archived,
            "lang": self.lang,
            "dir": self.dir,
            "summary_text": self.summary_text,
            "reading_minutes": self.reading_minutes,
            "numbers": list(self.numbers),
            "tag_keys": list(self.tag_keys) if self.tag_keys is not None else None,
            "outlet": self.outlet,
            "outlet_name": self.outlet_name,
            "outlet_names": dict(self.outlet_names),
            "cites_name": self.cites_name,
            "original_url": self.original_url,
            "lead_image": self.lead_image,
            "deck": self.deck,
            "byline": self.byline,
            "source_format": self.source_format,
            "source_file": self.source_file,
        }
