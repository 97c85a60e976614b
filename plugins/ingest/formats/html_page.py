"""A saved web page (`.html` as the browser stored it): metadata from <head>, text from <article>
or <main> or <body>. The page's own scripts and chrome go with the clean-up like any HTML."""

from __future__ import annotations

import re

import lxml.html

from ..dates import parse_date
from ..document import Document, IngestError
from ..html_clean import HTML_PARSER, inner_html, text_of
from ..profiles import SourceProfiles
from ..text_blocks import folders_of

_PAGE = re.compile(r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.I | re.S)
_CHROME = ("header", "nav", "footer", "aside")


def sniff(text: str, profiles: SourceProfiles) -> float:
    return 0.9 if _PAGE.match(text[:2000]) else 0.0


def _meta(page: lxml.html.HtmlElement, *names: str) -> str:
    for name in names:
        for el in page.xpath(f'//meta[@property="{name}" or @name="{name}"]'):
            if value := (el.get("content") or "").strip():
                return value
    return ""


def parse(text: str, source: str, profiles: SourceProfiles) -> Document:
    try:
        page = lxml.html.document_fromstring(text, parser=HTML_PARSER)  # deep pages keep their text
    except (lxml.etree.ParserError, ValueError) as err:
        raise IngestError(source, f"HTML page that cannot be parsed: {err}") from err
    doc = Document(source=source, format="html_page")
    heading = next(iter(page.xpath("//article//h1 | //main//h1 | //h1")), None)
    doc.title = _meta(page, "og:title") or (text_of(heading) if heading is not None else "") or (page.findtext(".//title") or "").strip()
    canonical = next(iter(page.xpath('//link[@rel="canonical"]/@href')), "")
    doc.url = _meta(page, "og:url") or canonical or None
    doc.author = _meta(page, "author", "article:author")
    if lang := (page.get("lang") or _meta(page, "og:locale")).strip():
        doc.lang = lang.replace("_", "-").split("-")[0].lower()
    profile = profiles.identify(names=[_meta(page, "og:site_name")], urls=[doc.url], folders=folders_of(source))
    doc.outlet = profile.key if profile else None
    stamp = _meta(page, "article:published_time", "date", "pubdate") or next(iter(page.xpath("//time/@datetime")), "")
    doc.date = parse_date(stamp, tz=profile.timezone if profile else None)

    body = next(iter(page.xpath("//article") or page.xpath("//main") or page.xpath("//body")), None)
    if body is None:
        raise IngestError(source, "HTML page without a body")
    for el in list(body.iter(*_CHROME)) + ([heading] if heading is not None else []):
        if el is not body and el.getparent() is not None:
            el.drop_tree()
    doc.body_html = inner_html(body)
    return doc
