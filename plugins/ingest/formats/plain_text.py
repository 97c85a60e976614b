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
_HEAD_LINES = 4


def sniff(text: str, profiles: SourceProfiles) -> float:
    return 0.1


def _head_lines(lines: list[str]) -> tuple[list[str], int]:
    """The first block's lines when they are a headline stack (2–4 short lines, one of them a
    date or none ending a sentence) rather than one hard-wrapped paragraph."""
    stripped = [line.strip() for line in lines]
    start = next((i for i, line in enumerate(stripped) if line), None)
    if start is None:
        return [], 0
    end = next((i for i in range(start, len(stripped)) if not stripped[i]), len(stripped))
    head = stripped[start:end]
    if not 2 <= len(head) <= _HEAD_LINES or end == len(stripped) or any(len(line) > _LONGEST_TITLE for line in head):
        return [], 0
    dated = any(parse_date(line, day_first=True) for line in head[1:])
    return (head, end) if dated or not any(ends_sentence(line) for line in head[:-1]) else ([], 0)


def parse(text: str, source: str, profiles: SourceProfiles, site: SiteConfig | None = None) -> Document:
    lines = text.split("\n")
    paragraphs = blocks(lines)
    head, end = _head_lines(lines)
    if head:
        # headline, deck and date written on consecutive lines above blank-line paragraphs: each
        # line is its own block, not one wrapped paragraph
        paragraphs = head + blocks(lines[end:])
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
