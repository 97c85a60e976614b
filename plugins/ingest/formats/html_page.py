"""A saved web page (`.html` as the browser stored it). The article is found by trafilatura, a
main-content extractor that drops menus, share bars, related stories and footers far better than
hand rules did (measured on the evaluation set, see README); the metadata comes from what the page
states about itself: Open Graph, Dublin Core, JSON-LD, <time>, the "saved from" note."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import lxml.etree
import lxml.html
import pytz
import trafilatura
from trafilatura.htmlprocessing import convert_to_html

from ..dates import has_time, lacks_zone, parse_date, to_ascii_digits
from ..document import Document, IngestError
from ..html_clean import HTML_PARSER, inner_html, text_of
from ..language import checked_language
from ..profiles import SourceProfiles, host_of, registered_domain
from ..site_config import SiteConfig
from ..text_blocks import folders_of, is_cjk

_PAGE = re.compile(r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)
# Browsers note where a page was saved from: `<!-- saved from url=(0077)http://… -->`; some tools
# write the bare address as the first comment.
_SAVED_FROM = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*?<!--\s*(?:saved from url=\(\d+\))?\s*(https?://[^\s>]+?)\s*-->", re.IGNORECASE | re.DOTALL
)
# " - ", " | ", "_", "--", and between Chinese characters a bare "-" or "_" ("交通-新华网", "理性_澎湃新闻")
_TITLE_SEPARATORS = re.compile(
    r"\s+[|｜_–—-]{1,2}\s+|\s*[|｜]\s*|--|(?<=[\u4e00-\u9fff）」》])[-_](?=[\u4e00-\u9fffA-Za-z])"
)
_SHORTEST_HEADLINE = 8  # characters: a shorter last segment of a <title> is a site or section name
_PUBLISHED = (
    "article:published_time", "og:published_time", "datePublished", "dcterms.created", "DC.date.issued", "DC.date",
    "dc.date", "publishdate", "PublishDate", "pubdate", "publish-date", "date", "sailthru.date", "parsely-pub-date",
)  # fmt: skip
_SITE_NAMES = ("og:site_name", "dc.publisher", "DC.publisher", "application-name", "twitter:site")
_COPYRIGHT = re.compile(r"©|&copy;|版权|copyright|حقوق", re.IGNORECASE)
_LARGEST_JSON_LD = 200_000
_DATE_TIME = re.compile(r"(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*(\d{1,2}:\d{2}(?::\d{2})?)")
_DATE_LINE_WINDOW = 12  # lines after the headline where a page writes its date
_CHROME = ("header", "nav", "footer", "aside", "script", "style")
_LEAST_MAIN_TEXT = 40  # characters: less is a front page's teaser, not an article
_SHORT_PAGE = 2000  # characters of visible text: a page this short with no article found is odd markup


def sniff(text: str, profiles: SourceProfiles) -> float:
    return 0.9 if _PAGE.match(text[:2000]) else 0.0


def _meta(page: lxml.html.HtmlElement, *names: str) -> str:
    for name in names:
        for el in page.xpath("//meta[@property=$n or @name=$n or @itemprop=$n]", n=name):
            if value := (el.get("content") or "").strip():
                return value
    return ""


def _json_ld(page: lxml.html.HtmlElement) -> Iterator[dict]:
    """Every object of the page's JSON-LD blocks (@graph flattened)."""
    for script in page.xpath('//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw or len(raw) > _LARGEST_JSON_LD:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(v for k, v in item.items() if k == "@graph")
                yield item


def _ld_value(objects: list[dict], key: str) -> str:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("@id")
        if isinstance(value, list) and value:
            value = value[0].get("name") if isinstance(value[0], dict) else value[0]
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _address(page: lxml.html.HtmlElement, text: str, objects: list[dict]) -> str | None:
    for candidate in (
        next(iter(page.xpath('//link[@rel="canonical"]/@href')), ""),
        _meta(page, "og:url"),
        _ld_value(objects, "mainEntityOfPage"),
        _ld_value(objects, "url"),
        (m.group(1) if (m := _SAVED_FROM.match(text[:3000])) else ""),
    ):
        host = host_of(candidate)
        # an address on a bare IP or a relative one does not name the site
        if (
            candidate.startswith(("http://", "https://"))
            and registered_domain(candidate)
            and not host.replace(".", "").isdigit()
        ):
            return candidate.strip()
    return None


def _site_name(page: lxml.html.HtmlElement, objects: list[dict], extracted, lang: str | None) -> str:
    names = [_meta(page, name) for name in _SITE_NAMES] + [
        _ld_value(objects, "publisher"),
        (extracted.sitename if extracted else "") or "",
    ]
    # the last segment of the <title> names the site on pages that state it nowhere else ("…--人民网")
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(page.findtext(".//title") or "") if p.strip()]
    if len(parts) > 1 and len(parts[-1]) < _SHORTEST_HEADLINE:
        names.append(parts[-1])
    names = [html.unescape(n) for n in names if n]
    names = [" ".join(n.split()) for n in names if not _COPYRIGHT.search(n) and not n.startswith(("http", "@"))]
    names = [n for n in names if not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", n)]  # a host name is not a name
    # the name in the page's own script first (Sputnik عربي before Sputnik_Ar)
    native = [n for n in names if lang in ("ar", "fa", "zh") and re.search(r"[\u0600-\u06ff\u4e00-\u9fff]", n)]
    return (native or names or [""])[0]


def _headline(page: lxml.html.HtmlElement, candidates: list[str], site_name: str) -> str:
    """The headline shown above the article: an <h1> that a title candidate starts or ends with,
    else the first candidate without the site or section names joined to it."""
    titles = [" ".join(c.split()) for c in candidates if c and c.strip()]
    for h1 in page.xpath("//h1")[:4]:
        heading = " ".join(text_of(h1).split())
        if len(heading) >= 4 and any(t == heading or t.startswith(heading) or t.endswith(heading) for t in titles):
            return heading
    if not titles:
        return ""
    title = titles[0]
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) > 1 and (site_name or len(titles) > 1):
        # segments that are the site's name (or in every candidate title: a section) are not the headline
        named = [p for p in parts if not (site_name and (p in site_name or site_name in p))]
        if named and len(named) < len(parts):
            return max(named, key=len)
    return title


def _zone_of(url: str | None, lang: str | None) -> str | None:
    """The zone a news site writes zone-less times in: its country's (by country-code domain),
    else, for Chinese, China's (every Chinese-writing region keeps UTC+8)."""
    suffix = registered_domain(url).rsplit(".", 1)[-1] if url else ""
    zones = pytz.country_timezones.get(suffix.upper()) if len(suffix) == 2 else None
    if zones:
        return zones[0]
    return "Asia/Shanghai" if lang == "zh" else None


def _published(
    page: lxml.html.HtmlElement, objects: list[dict], extracted, tz: str | None, headline: str
) -> tuple[datetime | None, str]:
    stamps = [_meta(page, name) for name in _PUBLISHED] + [_ld_value(objects, "datePublished")]
    stamps += page.xpath("//article//time/@datetime | //time[@pubdate]/@datetime | //time/@datetime")[:3]
    stated = [(stamp, when) for stamp in stamps if (when := parse_date(stamp, tz=tz))]  # each parsed once
    for stamp, when in stated:
        if has_time(stamp):
            return when, stamp
    # a date line under the headline ("2019年06月15日08:18 来源：人民网", "2019-12-10 07:57:40")
    day = parse_date(extracted.date) if extracted and extracted.date else None
    lines = text_of(page.body if page.find("body") is not None else page).split("\n")
    start = next((i for i, line in enumerate(lines) if headline and headline in line), 0)
    for line in lines[start : start + _DATE_LINE_WINDOW]:
        if (
            (m := _DATE_TIME.search(to_ascii_digits(line)))
            and (when := parse_date(" ".join(p or "" for p in m.groups()[:2]).strip(), tz=tz))
            and (day is None or abs((when.date() - day.date()).days) <= 1)
        ):
            return when, m.group(0)
    if stated:  # a day the page states, before the day htmldate guesses
        stamp, when = stated[0]
        return when, stamp
    # else the day trafilatura's htmldate finds in the page ("28 آب/اغسطس 2013")
    return day, ""


def parse(text: str, source: str, profiles: SourceProfiles, site: SiteConfig | None = None) -> Document:
    try:
        page = lxml.html.document_fromstring(text, parser=HTML_PARSER)  # deep pages keep their text
    except (lxml.etree.ParserError, ValueError) as err:
        raise IngestError(source, f"HTML page that cannot be parsed: {err}") from err
    # trafilatura's Document (its return type is a union with the as_dict=True form, not asked for here)
    extracted: Any = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_images=True,
        include_links=True,
        include_formatting=True,
        include_tables=True,
        favor_precision=True,
    )
    doc = Document(source=source, format="html_page")
    found = extracted is not None and extracted.body is not None and len(extracted.body)
    body = convert_to_html(extracted.body)[0] if found else None
    if body is None or len(_visible(body)) < _LEAST_MAIN_TEXT:
        # the extractor found no article. On a short page that is odd markup (a thousand nested
        # boxes): keep the page's own article, main or body without its menus rather than lose
        # the file. A long page with no article is a front or index page.
        whole = _whole_body(page)
        if not 0 < len(_visible(whole)) <= _SHORT_PAGE:
            raise IngestError(source, "HTML page without an article: a front or index page (no main text found)")
        body = whole
        doc.warnings.append("main-content extraction found no article; the page's body without its menus is kept")
    objects = list(_json_ld(page))
    doc.lang = (page.get("lang") or _meta(page, "og:locale", "language", "content-language")).strip() or None
    doc.url = _address(page, text, objects)
    site_name = _site_name(page, objects, extracted, doc.lang)
    doc.title = _headline(
        page,
        [
            _meta(page, "og:title"),
            _ld_value(objects, "headline"),
            (extracted.title if extracted else "") or "",
            page.findtext(".//title") or "",
        ],
        site_name,
    )
    doc.author = _meta(page, "author", "article:author") or ((extracted.author if extracted else "") or "")
    profile, outlet = profiles.resolve(
        names=[site_name], urls=[doc.url], folders=folders_of(source), site_names=[site_name]
    )
    doc.set_outlet(outlet)
    tz = (
        profile.timezone
        if profile and profile.timezone
        else _zone_of(doc.url, checked_language(doc.lang) or ("zh" if is_cjk(doc.title) else None))
    )
    doc.date, stamp = _published(page, objects, extracted, tz, doc.title)
    if stamp and lacks_zone(stamp) and not (profile and profile.timezone):
        doc.warnings.append(f"page date {stamp!r} has no time zone; read in {tz or 'UTC'}")
    doc.body_html = inner_html(body)
    return doc


def _visible(el: lxml.html.HtmlElement) -> str:
    return " ".join("".join(el.itertext()).split())


def _whole_body(page: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    body = next(iter(page.xpath("//article") or page.xpath("//main") or page.xpath("//body")), page)
    for el in list(body.iter(*_CHROME, "h1")):
        if el is not body and el.getparent() is not None:
            el.drop_tree()
    return body
