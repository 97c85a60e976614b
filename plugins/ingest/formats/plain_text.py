"""Bare text: first line the headline, a short second line the deck, then paragraphs.
Recognises anything, so it is the fallback when no other format claims a file."""

from __future__ import annotations

from ..dates import parse_date
from ..document import Document
from ..profiles import SourceProfiles
from ..site_config import SiteConfig
from ..text_blocks import blocks, ends_sentence, first_sentence, folders_of, paragraphs_html

_LONGEST_TITLE = 200
_LONGEST_DECK = 160


def sniff(text: str, profiles: SourceProfiles) -> float:
    return 0.1


def parse(text: str, source: str, profiles: SourceProfiles, site: SiteConfig | None = None) -> Document:
    paragraphs = blocks(text.split("\n"))
    doc = Document(source=source, format="plain_text")
    if paragraphs and len(paragraphs[0]) <= _LONGEST_TITLE:
        doc.title = paragraphs.pop(0)
    elif paragraphs:
        doc.title = first_sentence(paragraphs[0])
        doc.warnings.append("no headline line (first line is a paragraph); title taken from its first sentence")
    for i, line in enumerate(paragraphs[:2]):
        if when := parse_date(line, day_first=True):
            doc.date = when
            paragraphs.pop(i)
            break
    if len(paragraphs) > 1 and len(paragraphs[0]) <= _LONGEST_DECK and not ends_sentence(paragraphs[0]):
        doc.deck = paragraphs.pop(0)
    profile = profiles.identify(folders=folders_of(source))
    doc.outlet = profile.key if profile else None
    doc.body_html = paragraphs_html(paragraphs)
    return doc
