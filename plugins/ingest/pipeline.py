"""decode → sniff → parse → clean → enrich: one file's bytes to one Document (or IngestError)."""

from __future__ import annotations

import copy
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scripts import direction
from tagging.settings import TagSettings
from tagging.tagger import tagger_for  # a sibling package, pure like this one

from . import formats
from .dates import PUBLICATION_YEARS, day_in_name, day_in_url, publication_date
from .decode import decode
from .document import Document, IngestError, LeadImage
from .html_clean import clean_html, parse_fragment, sanitize, text_of
from .hygiene import has_visible_text, one_line, without_overrides, xml_safe
from .language import SUPPORTED, checked_language, detect_language
from .profiles import SourceProfiles, registered_domain
from .settings import IngestSettings
from .site_config import SiteConfig
from .slugs import make_slug
from .summary import reading_minutes, salient_numbers, summarize
from .text_blocks import URL, first_sentence

_ATTRIBUTION_BLOCKS = 3  # where a blog says where a post comes from: its first or last paragraphs
# Addresses of any kind. An e-mail address starts where a run of non-space does (or after an "@"):
# tried at every character, a 150,000-character line without spaces took minutes.
_URLS = re.compile(rf"{URL.pattern}|www\.\S+|(?<![^\s@])[^\s@]+@[^\s@]+\.\w+")


_INGEST, _TAGS = IngestSettings(), TagSettings()  # the settings' defaults, declared once there


@dataclass(frozen=True)
class IngestOptions:
    languages: tuple[str, ...] = SUPPORTED
    vocabulary: str | None = None  # tags.yml to tag articles with (the tagging package's tagger)
    min_body_mentions: int = _TAGS.tag_min_body_mentions
    max_bytes: int | None = _INGEST.ingest_max_file_size  # larger files are rejected unread
    time_limit: float | None = _INGEST.ingest_time_limit  # seconds for one file
    # files are read only if what is opened is inside it (not in repr: no part of the cache's key)
    content_root: str | None = field(default=None, repr=False)


def ingest_bytes(
    data: bytes,
    source: str,
    profiles: SourceProfiles,
    options: IngestOptions = IngestOptions(),
    site: SiteConfig | None = None,
) -> Document:
    """Turn one archived file into a Document. Raises IngestError when it cannot be an article.
    `site` is the blog configuration that applies to the file (its folder's or a parent's)."""
    text, encoding, decode_warnings = decode(data, source)
    fmt = formats.sniff(text, profiles)
    doc = fmt.parse(text, source, profiles, site)
    doc.encoding = encoding
    doc.warnings[:0] = decode_warnings
    _one_line_fields(doc)
    declared, doc.lang = doc.lang, checked_language(doc.lang, options.languages)
    if declared and doc.lang is None:
        doc.warnings.append(
            f"declared language {declared[:40]!r} is not one of {', '.join(options.languages)}; detected instead"
        )
    if doc.url and not is_web_address(doc.url):
        doc.warnings.append(f"original address {doc.url[:80]!r} is not an http(s) URL; left out")
        doc.url = None

    raw_media = "<img" in doc.body_html or "<video" in doc.body_html
    profile = profiles.get(doc.outlet)
    rules = [profiles.common] + ([profile] if profile else [])
    doc.body_html = clean_html(
        doc.body_html,
        base_url=doc.url,
        drop_classes=[c for r in rules for c in r.drop_classes],
        drop_ids=[i for r in rules for i in r.drop_ids],
        figure_classes=[c for r in rules for c in r.figure_classes],
    )
    # character references can name what XML cannot hold (&#11;); overrides reverse what follows
    doc.body_html = without_overrides(xml_safe(doc.body_html))
    if doc.url is None:
        _take_attribution(doc, profiles, site)
        profile = profiles.get(doc.outlet)
    for name in ("date", "archived"):
        if (value := getattr(doc, name)) is not None and publication_date(value) is None:
            first, last = PUBLICATION_YEARS
            doc.warnings.append(f"{name} {value.date().isoformat()} is outside the years {first}–{last}; left out")
            setattr(doc, name, None)
    if doc.date is None:
        # Nothing in the file dates it: a day written in its file name (Jekyll's 2021-04-09-slug.md),
        # else in its original address (/20201013/, /2020/10/13/), kept as that day.
        patterns = profile.url_days if profile else ()
        doc.date = publication_date(
            day_in_name(source) or day_in_url(doc.url, not_after=doc.archived, patterns=patterns)
        )
    body_text = text_of(doc.body_html)
    if "<" in doc.title:  # titles are plain text; markup in one is untrusted like any other
        doc.title = one_line(text_of(sanitize(doc.title)))
    if not has_visible_text(body_text) and "<img" not in doc.body_html:  # invisible characters are no text
        # a headline with the address of the original is still worth keeping; nothing at all is not
        if not (doc.title and (doc.url or raw_media)):
            raise IngestError(source, f"no article text ({formats.name_of(fmt)} file whose body is empty once cleaned)")
        doc.warnings.append(
            "no body text; published with its title and the link to the original"
            if doc.url
            else "no body text and its pictures cannot be shown (addresses relative to a site we do not have); published with its title"
        )
    if not doc.title:
        doc.title = one_line(first_sentence(text_of(doc.body_html, skip=("figure",)) or body_text))
        doc.warnings.append("empty title; title taken from the first sentence of the body")
    if not doc.title:
        doc.title = one_line(Path(source).stem) or source
        doc.warnings.append("no title and no sentence in the body; the file name is the title")

    if not doc.lang:
        # code and addresses are Latin whatever the language of the prose around them
        prose = _URLS.sub(" ", text_of(doc.body_html, skip=("pre", "code", "figure")))
        doc.lang = detect_language(f"{doc.title}\n{doc.deck}\n{prose}", options.languages)
        if doc.lang is None:
            doc.warnings.append(f"language not recognised among {', '.join(options.languages)}")
    doc.dir = direction(doc.lang)

    if doc.outlet is None and (cited := profiles.cited_in(body_text)):
        doc.cites = cited.key
    if doc.lead_image is None:
        doc.lead_image = _first_image(doc.body_html)
    doc.summary = summarize(text_of(doc.body_html, skip=("figure",)))
    doc.reading_minutes = reading_minutes(body_text)
    doc.numbers = salient_numbers(body_text)
    if options.vocabulary:
        doc.tags = tagger_for(options.vocabulary, options.min_body_mentions).tags_for(
            doc.title, f"{doc.deck}\n{body_text}", doc.labels
        )
    doc.fingerprint = fingerprint(doc.title, body_text)
    doc.slug = make_slug(doc.title, Path(source).stem)  # here: cached with the rest, not made every build
    return doc


def _take_attribution(doc: Document, profiles: SourceProfiles, site: SiteConfig | None) -> None:
    """A blog post that says where it comes from ("本文转载自[X](url)", "原文链接：url") at its top
    or bottom: that address is its original, and for a repost that site is its outlet."""
    root = parse_fragment(doc.body_html)
    blocks = [el for el in root if isinstance(el.tag, str)]
    markers = [(m, True) for m in profiles.common.repost_markers] + [
        (m, False) for m in profiles.common.original_markers
    ]
    for block in blocks[:_ATTRIBUTION_BLOCKS] + blocks[-_ATTRIBUTION_BLOCKS:]:
        text = block.text_content()
        found = next(((m, repost) for m, repost in markers if m in text), None)
        if found is None:
            continue
        link = next((a for a in block.iter("a") if is_web_address(a.get("href") or "")), None)
        if link is None:
            continue
        doc.url = link.get("href")
        own_blog = (
            site is not None and doc.outlet == registered_domain(site.url) and registered_domain(doc.url) == doc.outlet
        )
        if (
            found[1]
            and not own_blog
            and (doc.outlet is None or site is not None and doc.outlet == registered_domain(site.url))
        ):
            label = " ".join(link.text_content().split())
            _, outlet = profiles.resolve(urls=[doc.url], site_names=[label] if label and not _URLS.match(label) else [])
            doc.set_outlet(outlet)
        return


# Characters of a one-line field: the longest real headlines (with a deck) are a few hundred.
LONGEST_LINE = 500
LONGEST_LABEL = 100


def _one_line_fields(doc: Document) -> None:
    """Titles, names and labels are one line of visible text (see hygiene.one_line); a title with
    nothing visible left is an empty title."""
    doc.title, doc.deck, doc.author = one_line(doc.title), one_line(doc.deck), one_line(doc.author)
    for name in ("title", "deck", "author"):
        if len(value := getattr(doc, name)) > LONGEST_LINE:  # shown on every listing and feed it is in
            setattr(doc, name, value[: LONGEST_LINE - 1].rstrip() + "…")
            doc.warnings.append(f"{name} of {len(value):,} characters cut to {LONGEST_LINE}")
    labels = [one_line(label)[:LONGEST_LABEL] for label in doc.labels]
    doc.labels = [label for label in dict.fromkeys(labels) if label]
    if doc.lead_image is not None:
        doc.lead_image.alt, doc.lead_image.caption = one_line(doc.lead_image.alt), one_line(doc.lead_image.caption)
        doc.lead_image.credit = one_line(doc.lead_image.credit)


def is_web_address(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _first_image(body_html: str) -> LeadImage | None:
    root = parse_fragment(body_html)
    img = next((i for i in root.iter("img") if i.get("src")), None)
    if img is None:
        return None
    figure = img.getparent()
    caption = ""
    if figure is not None and figure.tag == "figure" and (fc := figure.find("figcaption")) is not None:
        caption = text_of(copy.deepcopy(fc))
    return LeadImage(src=img.get("src"), alt=img.get("alt", ""), caption=caption)


def fingerprint(title: str, body_text: str) -> str:
    """Same article, same fingerprint: case, width and whitespace do not count."""
    norm = unicodedata.normalize("NFKC", f"{title}\n{body_text}").casefold()
    return hashlib.sha256(" ".join(norm.split()).encode("utf-8")).hexdigest()
