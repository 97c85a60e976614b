"""Text copied from a rendered news page: navigation lines, headline, a date line (often in
Arabic-Indic digits), lead, short link, image alt and caption with photo credit, body, an agency
credit line and footer lines. Which lines are page chrome is data (source profiles)."""

from __future__ import annotations

import html

from ..dates import parse_date
from ..document import Document, IngestError
from ..profiles import SourceProfiles
from ..site_config import SiteConfig
from ..text_blocks import URL, folders_of, paragraphs_html

_EVIDENCE_WINDOW = 12  # chrome and short links sit near the top or bottom of a capture


def sniff(text: str, profiles: SourceProfiles) -> float:
    """Needs page evidence — chrome lines or a short link — not merely lines of text."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    edges = lines[:_EVIDENCE_WINDOW] + lines[-_EVIDENCE_WINDOW:]
    evidence = sum(1 for line in edges if profiles.boilerplate_owner(line) or profiles.short_link_profile(line))
    return min(1.0, 0.35 * evidence)


def _split_credit(line: str, markers: list[str]) -> tuple[str, str] | None:
    for marker in markers:
        at = line.find(marker)
        if at >= 0:
            return line[:at].strip(), line[at:].strip()
    return None


def parse(text: str, source: str, profiles: SourceProfiles, site: SiteConfig | None = None) -> Document:
    owner = None
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if chrome := profiles.boilerplate_owner(line):
            owner = owner or chrome
            continue
        lines.append(line)
    if not lines:
        raise IngestError(source, "web capture holds nothing but page navigation")

    doc = Document(source=source, format="web_capture", title=lines[0])
    rest = lines[1:]

    date_at = next((i for i, line in enumerate(rest[:3]) if parse_date(line, day_first=True)), None)
    if date_at is not None:
        doc.date = parse_date(rest.pop(date_at), day_first=True)

    # the article's address: a known short link anywhere, or a URL line right after the lead
    url_at = next((i for i, line in enumerate(rest) if URL.fullmatch(line) and profiles.short_link_profile(line)), None)
    if url_at is None:
        url_at = next((i for i, line in enumerate(rest[:3]) if URL.fullmatch(line)), None)
    short_link_owner = None
    if url_at is not None:
        doc.url = rest[url_at]
        short_link_owner = profiles.short_link_profile(doc.url) or profiles.by_url(doc.url)

    lead: list[str] = rest[:url_at] if url_at is not None and url_at <= 2 else []
    body_start = len(lead) + (1 if url_at is not None and url_at <= 2 else 0)
    figure = ""
    markers = profiles.credit_markers()
    for i in range(body_start, min(body_start + 3, len(rest))):
        split = _split_credit(rest[i], markers)
        if split is None:
            continue
        caption, credit = split
        alt = rest[i - 1] if i - 1 >= body_start else ""
        figure = (
            "<figure>"
            + (
                f"<figcaption>{html.escape(alt)}"
                + (f"<br>{html.escape(caption)}" if caption and caption != alt else "")
                + f' <span class="credit">{html.escape(credit)}</span></figcaption>'
            )
            + "</figure>"
        )
        body_start = i + 1
        break

    body = rest[body_start:]
    credit_lines = [body.pop()] if body and profiles.is_credit_line(body[-1]) else []

    profile = short_link_owner or owner or profiles.identify(urls=[doc.url], folders=folders_of(source))
    doc.outlet = profile.key if profile else None
    doc.body_html = (
        paragraphs_html(lead, "lead") + figure + paragraphs_html(body) + paragraphs_html(credit_lines, "credit")
    )
    return doc
