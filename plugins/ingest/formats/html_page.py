"""A saved web page (`.html` as the browser stored it). The article is found by trafilatura, a
main-content extractor that drops menus, share bars, related stories and footers far better than
hand rules did (measured on the evaluation set, see README); the metadata comes from what the page
states about itself: Open Graph, Dublin Core, JSON-LD, <time>, the "saved from" note."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import pairwise
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import lxml.etree
import lxml.html
import pytz
import trafilatura
from scripts import HAN, SENTENCE_ENDS, SPACED_SENTENCE_ENDS, script_of, spoken_in, to_ascii_digits
from trafilatura.htmlprocessing import convert_to_html

from ..dates import has_time, lacks_zone, parse_date, writes_day_first
from ..document import Document, IngestError
from ..html_clean import HTML_PARSER, inner_html, remove_keeping_tail, text_of
from ..language import checked_language, detect_language
from ..profiles import SourceProfiles, host_of, registered_domain
from ..site_config import SiteConfig
from ..text_blocks import folders_of

_PAGE = re.compile(r"^\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)
# Corpora and crawlers store a page inside a record element that names its address:
# `<text id="http://…" title="…" encoding="gb2312">` then the page as served.
_ENVELOPE = re.compile(
    r"^\s*(<(?!html[\s>]|!)[a-z][\w:-]*\b[^>]*>)\s*(?:<!--.*?-->\s*)*(?=<!doctype\s+html|<html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTE_URL = re.compile(r"""=\s*["'](https?://[^"'\s<>]+)["']""", re.IGNORECASE)
# Browsers note where a page was saved from: `<!-- saved from url=(0077)http://… -->`; some tools
# write the bare address as the first comment.
_SAVED_FROM = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*?<!--\s*(?:saved from url=\(\d+\))?\s*(https?://[^\s>]+?)\s*-->", re.IGNORECASE | re.DOTALL
)
# " - ", " | ", "_", "--", and between Chinese characters a bare "-" or "_" ("交通-新华网", "理性_澎湃新闻")
_TITLE_SEPARATORS = re.compile(rf"\s+[|｜_–—-]{{1,2}}\s*|\s*[|｜]\s*|--|(?<=[{HAN}）」》)？！”])[-_](?=[{HAN}A-Za-z])")
_LONGEST_SITE_NAME = 20  # characters of a <title> segment after the headline that names the site
_SHORTEST_HEADLINE = 8  # characters: a shorter last segment of a <title> is a site or section name
_SAME_HEADLINE = 0.3  # share of an <h1>'s letter pairs in the page's title: the same story retold
_PUBLISHED = (
    "article:published_time", "og:published_time", "datePublished", "dcterms.created", "DC.date.issued", "DC.date",
    "publishdate", "pubdate", "publish-date", "date", "sailthru.date", "parsely-pub-date",
)  # fmt: skip
# RDFa and microdata put the same stamps on any element: <span property="dc:date" content="…">,
# <time itemprop="datePublished" datetime="…">
_MARKED_STAMPS = (
    "//*[not(self::meta)][@itemprop='datePublished' or contains(concat(' ', normalize-space(@property), ' '), ' dc:date ')"
    " or contains(concat(' ', normalize-space(@property), ' '), ' dc:created ')"
    " or contains(concat(' ', normalize-space(@property), ' '), ' dcterms:created ')]"
)
_STAMP_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
_ISO_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)")
# Where a page says which country it is from (meta names sites use; JSON-LD addressCountry)
_COUNTRY_METAS = ("geo.country", "contactCountry", "country", "geo.region", "og:country-name")
_LOCALE = re.compile(r"^([a-z]{2,3})[-_]([a-z]{2})\b", re.IGNORECASE)
# Country-code domains sold worldwide as generic names (.tv, .io …) say nothing of a site's country
_VANITY_SUFFIXES = frozenset({"ai", "cc", "co", "fm", "gg", "io", "la", "me", "nu", "tk", "to", "tv", "vc", "ws"})
# SiteName: the meta China's standard for government sites (政府网站发展指引) puts on every page
_SITE_NAMES = ("og:site_name", "SiteName", "dc.publisher", "application-name", "twitter:site")
_COPYRIGHT = re.compile(r"©|&copy;|版权|copyright|حقوق", re.IGNORECASE)
_LARGEST_JSON_LD = 200_000
_DAY = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?")
_DATE_TIME = re.compile(rf"({_DAY.pattern})\s*(\d{{1,2}}:\d{{2}}(?::\d{{2}})?)")
_DATE_LINE_WINDOW = 12  # lines after the headline where a page writes its date
_DATE_LINES_ABOVE = 2  # lines before it where a blog writes the post's date
_DAY_LINE_EXTRA = 12  # characters beside the day on a line that gives only the day (a label, a weekday)
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_LONGEST_DATE_LINE = 60  # characters: a longer line is prose that mentions a date
_YEAR = re.compile(r"(?<!\d)(?:19|20|13|14)\d{2}(?!\d)")  # Gregorian or Solar Hijri
_CHROME = ("header", "nav", "footer", "aside", "script", "style")
_LEAST_MAIN_TEXT = 40  # characters: less is a front page's teaser, not an article
_SHORT_PAGE = 2000  # characters of visible text: a page this short with no article found is odd markup
# A front, section or tag page that the extractor takes for an article is a list of linked headlines:
# blocks of running text (this many characters outside links) make up little of it.
_RUNNING_TEXT = 40
# Text may be written a line to a block (photo blogs, verse): a run of linkless lines this long is
# running text too; a front page's unlinked bits (dates, labels, bylines) are shorter or not in a run
_LINE = 15
_LINE_RUN = 3
_LEAST_PROSE_SHARE = 0.2
_LEAST_TEASERS = 5  # linked headlines; fewer is an article's "read more" box
_LONGEST_TEASER = 80  # characters of a headline item
_FRONT_PAGE_LINKS = 100  # a page this full of links, with no running text in its main part, is an index
# A front page's only title is its site's name (maybe with an edition: "صدای امریکا دری") or "home"
_EDITION = 4  # characters after the site's name
_HOME_TITLES = frozenset(
    {"主页", "首页", "主頁", "首頁", "home", "homepage", "الرئيسية", "الصفحة الرئيسية", "صفحه اصلی", "خانه"}
)
_LEAF_BLOCKS = ("p", "li", "td", "dd", "blockquote", "pre", "div")
# A wiki's entry (an encyclopedia's, anyone's to rewrite) gives each section an "edit" link in or
# beside its heading; no news article or post does. The word as wikis in the archive's languages
# and English write it.
_EDIT_WORDS = frozenset({"edit", "编辑", "編輯", "تحرير", "تعديل", "ویرایش", "ويرايش"})
_WIKI_SECTIONS = 2
# Link spam hides its links from readers in a box of a pixel (search engines still read them); a
# post that is a pretext for them has little text. A hacked article with a longer text is kept.
_TINY_BOX = re.compile(
    r"(?=.*\bwidth\s*:\s*[01]px)(?=.*\bheight\s*:\s*[01]px)(?=.*\boverflow\s*:\s*hidden)", re.IGNORECASE | re.DOTALL
)
_CLOAKED_SITES = 10  # other sites linked from one hidden box
_SPAM_PROSE = 300  # characters of running text: a post this short around such a box is spam
# A server's "not found" page saved in place of the article (a soft 404: served with status 200).
# It says so in its title, a heading or its first words, in the archive's languages or English.
_ERROR_PAGE = re.compile(
    r"page not found|not found|error page|[页頁]面(?:不存在|未找到|找不到)|[网網][页頁]不存在|(?:找不到|无法找到|無法找到)[^，。,]{0,6}(?:[页頁]面|[网網][页頁])"
    r"|[错錯]误[页頁]|錯誤頁"
    rf"|الصفحة[^{SPACED_SENTENCE_ENDS}]{{0,20}}?غير موجودة|لم يتم العثور على الصفحة"
    rf"|صفحه[^{SPACED_SENTENCE_ENDS}]{{0,30}}?(?:یافت نشد|پیدا نشد)|صفحه[^{SPACED_SENTENCE_ENDS}]{{0,12}}?وجود ندارد",
    re.IGNORECASE,
)
_ERROR_PAGE_PROSE = 300  # characters of running text: a page with more is an article whatever its title
_ERROR_CODE = re.compile(r"(?<!\w)404(?!\w)")  # only in a title or heading: in text it may count people
# An error page may say so only in its first words, with next to no running text: a short article
# that mentions a missing page has more
_ERROR_PAGE_WORDS = 100
# The heading of readers' comments below an article, as a block of its own (a count may follow)
_COMMENTS_HEADING = re.compile(
    r"(?:(?:热门|网友|最新|读者|全部|精彩)?评论(?:区|列表)?|網友評論|熱門評論|最新評論"
    r"|التعليقات|تعليقات(?: ال(?:قراء|زوار))?|نظرات(?:[\s\u200c]*کاربران)?|دیدگاه[\s\u200c]*ها"
    r"|comments|reader comments)\s*[(（\[]?\s*\d*\s*[)）\]]?\s*[:：]?",
    re.IGNORECASE,
)
# A block that only asks the reader to comment is no text of the article wherever it stands
_COMMENT_CALL = re.compile(
    r"发表评论|我要评论|發表評論|أضف تعليق[اًا]*|اترك تعليق[اًا]*|ارسال نظر|نظر (?:خود را )?بدهید|leave a comment|add a comment",
    re.IGNORECASE,
)
_ARTICLE_BEFORE_COMMENTS = 200  # characters of running text: the heading comes after an article
_TEASER_ITEMS = ("li", "h2", "h3", "h4", "h5", "h6")  # a list item, or a headline of its own
# Related-story boxes the extractor keeps after an article: a run of blocks that are only a link
_LINK_RUN = 3
_TAIL_PROSE_SHARE = 0.1  # running text after the run, of the whole: more means the article goes on


def sniff(text: str, profiles: SourceProfiles) -> float:
    return 0.9 if _PAGE.match(text[:2000]) or _ENVELOPE.match(text[:2000]) else 0.0


def _meta(page: lxml.html.HtmlElement, *names: str) -> str:
    """The first of the named metas the page has. Names are matched in any case: sites write the
    same meta "PubDate", "pubdate" and "PUBDATE" (HTML's meta names are case-insensitive)."""
    metas = [
        ({(el.get(a) or "").strip().casefold() for a in ("property", "name", "itemprop")}, el.get("content"))
        for el in page.iter("meta")
    ]
    for name in names:
        for keys, content in metas:
            if name.casefold() in keys and (value := (content or "").strip()):
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


def _address(page: lxml.html.HtmlElement, text: str, objects: list[dict], envelope: str) -> str | None:
    for candidate in (
        next(iter(page.xpath('//link[@rel="canonical"]/@href')), ""),
        _meta(page, "og:url"),
        _ld_value(objects, "mainEntityOfPage"),
        _ld_value(objects, "url"),
        (m.group(1) if (m := _SAVED_FROM.match(text[:3000])) else ""),
        (m.group(1) if (m := _ATTRIBUTE_URL.search(envelope)) else ""),
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
    names = _names(
        [_meta(page, name) for name in _SITE_NAMES]
        + [_ld_value(objects, "publisher"), (extracted.sitename if extracted else "") or ""]
    )
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(page.findtext(".//title") or "") if p.strip()]
    if not names and len(parts) > 1:
        # the <title>'s segments after the headline name the site on pages that state it nowhere
        # else, the last one first: sections come between ("…--文化--人民网", "…_澎湃新闻-The Paper")
        after = parts[parts.index(max(parts, key=len)) + 1 :]
        names = _names([p for p in reversed(after) if len(p) <= _LONGEST_SITE_NAME])
    if not names:  # else its logo: a hidden <h1> or one linking to the front page, or a logo image's
        names = _names([text for text, logo in _h1s(page) if logo])
    if not names:
        names = _names(
            [
                (img.get("alt") or img.get("title") or "").strip()
                for a in page.xpath("//body//a[@href]")[:_LOGO_LINKS]
                if _FRONT.fullmatch(a.get("href").strip())
                for img in a.iter("img")
                if "logo" in " ".join((img.get("src") or "", img.get("class") or "", img.get("id") or "")).lower()
            ][:1]
        )
    # the name in the page's own script first (Sputnik عربي before Sputnik_Ar)
    native = [n for n in names if lang in ("ar", "fa", "zh") and script_of(n) != "latin"]
    return (native or names or [""])[0]


def _names(candidates: list[str]) -> list[str]:
    """The candidates that can be a site's name: not a copyright line, an address, a handle or a host."""
    # a list ("www.yunnan.cn,云南日报网,云南日报报业集团…") names the site in its first name
    names = [" ".join(html.unescape(n).split()) for c in candidates if c for n in re.split(r"\s*[,，、]\s*", c)]
    names = [n for n in names if n and not _COPYRIGHT.search(n) and not n.startswith(("http", "@"))]
    # "央视网(cctv.com)": the name, with its address added in brackets for search engines
    names = [_BRACKETED_HOST.sub("", n) or n for n in names]
    return [n for n in names if not _HOST.fullmatch(n)]


_HOST = re.compile(r"[\w.-]+\.[a-z]{2,}")
_BRACKETED_HOST = re.compile(rf"\s*[(（]\s*{_HOST.pattern}\s*[)）]$")
_FRONT = re.compile(r"(?:https?://[^/]+)?/?(?:index\.\w+)?")  # an address of a site's front page
_NOT_SHOWN = re.compile(r"display\s*:\s*none")
_LOGO_LINKS = 40  # links at the top of a page where its logo is
_SELF_LINKED_HEADINGS = 20  # headings read for one linking to the page itself
_HIDDEN_CLASSES = frozenset({"none", "hide", "hidden", "sr-only", "visually-hidden", "screen-reader-text"})


def _logo(h1: lxml.html.HtmlElement) -> bool:
    """An <h1> that is the site's logo, not a headline: hidden (a name for search engines) or all
    of its text a link to the site's front page."""
    for el in (h1, *h1.iterdescendants()):
        hidden = _HIDDEN_CLASSES & set((el.get("class") or "").lower().split()) or _NOT_SHOWN.search(
            el.get("style") or ""
        )
        if hidden and (el is h1 or _visible(el) == _visible(h1)):
            return True
    home = [a for a in h1.xpath(".//a[@href]") if _FRONT.fullmatch(a.get("href").strip())]
    return bool(home) and sum(len(_visible(a)) for a in home) == len(_visible(h1))


def _h1s(page: lxml.html.HtmlElement) -> list[tuple[str, bool]]:
    """The text of each of the page's first <h1>s, and whether it is the site's logo."""
    return [(" ".join(text_of(h1).split()), _logo(h1)) for h1 in page.xpath("//h1")[:4]]


def _headings(page: lxml.html.HtmlElement) -> list[str]:
    """The texts of the page's first <h1>s that can be headlines."""
    return [text for text, logo in _h1s(page) if not logo]


def _same_address(a: str, b: str) -> bool:
    """Two addresses of one page: scheme, "www.", case of host and escapes, a final slash aside."""
    parts = [urlsplit(unquote(u.strip())) for u in (a, b)]
    return len({(host_of(p.geturl()), p.path.rstrip("/"), p.query) for p in parts}) == 1


def _linked_to_itself(page: lxml.html.HtmlElement, url: str | None, titles: list[str]) -> str:
    """A heading that is all a link to the page's own address and that a title candidate holds:
    blogs headline a post so ("<h2><a href=permalink>…"), where a logo <h1> may come first."""
    if not url or not urlsplit(url).path.strip("/"):
        return ""  # a canonical address that is the front page's (set alike on every page) says nothing
    for heading in page.xpath("//body//*[self::h1 or self::h2 or self::h3][.//a[@href]]")[:_SELF_LINKED_HEADINGS]:
        text = " ".join(text_of(heading).split())
        links = heading.xpath(".//a[@href]")
        if (
            len(text) >= 4
            and all(_same_address(urljoin(url, a.get("href")), url) for a in links)
            and sum(len(_visible(a)) for a in links) == len(_visible(heading))
            and any(text in t for t in titles)
        ):
            return text
    return ""


def _headline(page: lxml.html.HtmlElement, candidates: list[str], site_name: str, url: str | None = None) -> str:
    """The headline shown above the article: a heading linking to the page itself, an <h1> that a
    title candidate starts or ends with, else the first candidate without the site or section names
    joined to it."""
    h1s = _h1s(page)
    logos = {text for text, logo in h1s if logo}
    titles = [" ".join(c.split()) for c in candidates if c and c.strip()]
    titles = [t for t in titles if t not in logos]  # the extractor's title may be the logo's
    if heading := _linked_to_itself(page, url, titles):
        return heading
    headings = [text for text, logo in h1s if not logo]
    for heading in headings:
        # the longer part of a title that starts or ends with it: "Headline - Site", not "Site"
        if len(heading) >= 4 and any(
            t == heading or (t.startswith(heading) or t.endswith(heading)) and 2 * len(heading) >= len(t)
            for t in titles
        ):
            return heading
    if not titles:
        return ""

    def named(part: str) -> bool:
        return bool(site_name) and (part in site_name or site_name in part)

    # a title ending in the site's name has the sections it files the story under between
    # ("headline - 要闻云南 - 云南日报网"): those segments are no headline in any candidate
    sections = set()
    for segments in ([p.strip() for p in _TITLE_SEPARATORS.split(t) if p.strip()] for t in titles):
        if len(segments) > 2 and named(segments[-1]):
            sections.update(segments[segments.index(max(segments, key=len)) + 1 :])
    title = titles[0]
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) > 1 and (site_name or len(titles) > 1):
        headline = [p for p in parts if not named(p) and p not in sections]
        if headline and len(headline) < len(parts):
            title = max(headline, key=len)
    elif site_name and title.endswith(" " + site_name):
        # the site's name joined by a space only ("土豆不“土” 土豆无“土” 松花江网"), when the page shows
        # the headline without it (a headline may end in a name: "… sue the BBC")
        rest = title.removesuffix(" " + site_name)
        text = _body_text(page)
        if len(rest) >= _SHORTEST_HEADLINE and "".join(rest.split()) in text and "".join(title.split()) not in text:
            title = rest
    # an outlet may give its pages a social headline and the article another one telling the same
    # story in other words (BBC): the visible one, if it shares enough of the title's words, is the
    # headline; an unrelated <h1> (a ticker, a sidebar's, the site's name) shares little
    for heading in headings:
        if len(heading) >= _SHORTEST_HEADLINE and _shared(heading, title) >= _SAME_HEADLINE:
            return heading
    return title


def _shown(page: lxml.html.HtmlElement, title: str) -> bool:
    """The title is written in the page's body, or an <h1> retells it."""
    return "".join(title.split()) in _body_text(page) or any(
        _shared(h, title) >= _SAME_HEADLINE for h in _headings(page)
    )


def _body_text(page: lxml.html.HtmlElement) -> str:
    """The text of the page's body without any whitespace, to find a title in."""
    body = page.find("body")
    return "".join("".join(body.itertext()).split()) if body is not None else ""


def _grams(text: str) -> set[str]:
    """Adjacent letter pairs of each word: they compare Han (no spaces) and spaced scripts alike."""
    words = re.findall(r"\w+", text.casefold())
    return {w[i : i + 2] for w in words for i in range(max(1, len(w) - 1))}


def _shared(heading: str, title: str) -> float:
    """Share of the heading's letter pairs that are also in the title."""
    grams = _grams(heading)
    return len(grams & _grams(title)) / len(grams) if grams else 0.0


def _zone_of(page: lxml.html.HtmlElement, objects: list[dict], url: str | None, lang: str | None) -> str | None:
    """The zone a news site writes zone-less times in: its country's (by a country-code domain of a
    country where the page's language is spoken, else as the page states it: geo and contact metas,
    a locale with a region, JSON-LD addressCountry), else, for Chinese, China's (every
    Chinese-writing region keeps UTC+8), for Persian, Iran's (where most Persian news is written;
    Afghan sites mostly sit under .af), else a country-code domain's even so."""
    suffix = registered_domain(url).rsplit(".", 1)[-1] if url else ""
    domain = suffix.upper() if len(suffix) == 2 and suffix not in _VANITY_SUFFIXES else ""
    # a country-code domain whose country does not speak the page's language is a name bought for
    # its letters (a Taiwanese outlet on .mg) or a foreign-language service (Arabic on .cn): weaker
    # than what the page states and than the language's home zone, better than no zone at all
    foreign = bool(domain and lang and not spoken_in(lang, domain))
    hints = [domain] if domain and not foreign else []
    hints += [_meta(page, name) for name in _COUNTRY_METAS]
    # a locale names a country by its region only: a bare "ar" is Arabic, not Argentina
    hints += [h for h in (_meta(page, "og:locale"), page.get("lang") or "") if _LOCALE.match(h.strip())]
    hints += [_ld_deep(objects, "addressCountry")]
    for hint in filter(None, (h.strip() for h in hints)):
        if lang and (m := _LOCALE.match(hint)) and m.group(1).lower() != lang:
            continue  # a template's "en-US" on a Chinese page says nothing of where it is written
        if zones := pytz.country_timezones.get(_country_code(hint) or ""):
            return zones[0]
    if home := {"zh": "Asia/Shanghai", "fa": "Asia/Tehran"}.get(lang or ""):
        return home
    return next(iter(pytz.country_timezones.get(domain, [])), None) if foreign else None


def _country_code(hint: str) -> str | None:
    """ "EG", "Egypt", "EG-C" (ISO 3166-2), "ar_EG", "fa-IR" → the country code; "ar_AR" (Facebook's
    generic Arabic) names no country."""
    if m := _LOCALE.match(hint):
        language, region = m.group(1).lower(), m.group(2).upper()
        return None if region.lower() == language else region
    if re.fullmatch(r"[A-Za-z]{2}(?:-\w{1,3})?", hint):
        return hint[:2].upper()
    return _COUNTRY_BY_NAME.get(hint.casefold())


_COUNTRY_BY_NAME = {name.casefold(): code for code, name in pytz.country_names.items()}


def _ld_deep(objects: list[dict], key: str, depth: int = 4) -> str:
    """A key anywhere in the JSON-LD objects' nested values (publisher → address → addressCountry)."""
    stack: list[tuple[dict | list, int]] = [(obj, 0) for obj in objects]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            value = item.get(key)
            if isinstance(value, dict):
                value = value.get("name") or value.get("@id")
            if isinstance(value, str) and value.strip():
                return value.strip()
            children: Iterable = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if level < depth:
            stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return ""


def _page_offset(stamps: list[str]) -> str | None:
    """A page that writes the same time once without a zone (a meta) and once with one (its
    JSON-LD) states the zone of the first: that offset."""
    walls: dict[tuple[str, str], set[str | None]] = {}
    for stamp in stamps:
        value = to_ascii_digits(stamp.strip())
        if m := _ISO_STAMP.match(value):
            wall = (m.group(1), (m.group(2) + ":00")[:8])
            zone = _STAMP_OFFSET.search(value)
            walls.setdefault(wall, set()).add(("+00:00" if zone.group(0) == "Z" else zone.group(0)) if zone else None)
    for zones in walls.values():
        if None in zones and len(zones) == 2:
            return next(zone for zone in zones if zone)
    return None


def _published(
    page: lxml.html.HtmlElement, objects: list[dict], extracted, tz: str | None, headline: str, lang: str | None = None
) -> tuple[datetime | None, str]:
    stamps = [_meta(page, name) for name in _PUBLISHED] + [_ld_value(objects, "datePublished")]
    for el in page.xpath(_MARKED_STAMPS)[:3]:
        stamps.append(el.get("content") or el.get("datetime") or "")
    stamps += page.xpath("//article//time/@datetime | //time[@pubdate]/@datetime | //time/@datetime")[:3]
    stamps = [stamp for stamp in stamps if stamp]
    tz = _page_offset(stamps) or tz
    # 02/03/2013 on an Arabic or Persian page is 2 March: its readers write the day first
    day_first = writes_day_first(lang)
    stated = [(stamp, when) for stamp in stamps if (when := parse_date(stamp, tz=tz, day_first=day_first))]
    for stamp, when in stated:
        if has_time(stamp):
            return when, stamp
    # htmldate falls back on a copyright year as its 1 January: a year is not a day
    day = parse_date(extracted.date) if extracted and extracted.date else None
    if day and (day.month, day.day) == (1, 1):
        day = None
    lines = text_of(page.body if page.find("body") is not None else page).split("\n")
    scripts = "\n".join(page.xpath("//script[not(@src)]/text()"))
    when, line = _date_line(lines, headline, tz, day, day_first, scripts)
    if when:
        return when, line
    if stated:  # a day the page states, before the day htmldate guesses
        stamp, when = stated[0]
        return when, stamp
    # a day shown under the headline (an e-paper's edition date): htmldate also reads the dates in
    # links' addresses, and a page listing other papers' editions is full of them
    if stamp := _day_line(lines, headline):
        return parse_date(stamp, tz=tz, day_first=day_first), stamp
    # else the day trafilatura's htmldate finds in the page ("28 آب/اغسطس 2013")
    return day, ""


def _second_in_scripts(value: str, scripts: str) -> int | None:
    """The second of a time shown to the minute ("2020年08月03日 07:16"), where the page's scripts
    write that same minute with its seconds (var publishDate = "20200803071652")."""
    numbers = [int(n) for n in re.findall(r"\d+", value)]
    if len(numbers) != 5 or not scripts:
        return None
    y, mo, d, h, mi = numbers
    if m := re.search(rf"(?<!\d){y}-?{mo:02}-?{d:02}[T ]?{h:02}:?{mi:02}:?([0-5]\d)(?!\d)", scripts):
        return int(m.group(1))
    return None


def _headline_lines(lines: list[str], headline: str) -> list[int]:
    """Where the headline is written (pages repeat it in hidden mobile headers): the first four."""
    return [i for i, line in enumerate(lines) if headline and headline in line][:4]


def _day_line(lines: list[str], headline: str) -> str:
    """A line under the headline that is a day and little else ("2022年02月12日", "发布时间：2022-02-12")."""
    for start in _headline_lines(lines, headline):
        for line in lines[start + 1 : start + _DATE_LINE_WINDOW]:
            digits = to_ascii_digits(line).strip()
            m = _DAY.search(digits)
            # the day and a few words, no other number (not "第A04版" nor a phone number)
            if (
                m
                and len(digits) - len(m.group(0)) <= _DAY_LINE_EXTRA
                and not re.search(r"\d", digits.replace(m.group(0), ""))
            ):
                return m.group(0)
    return ""


def _date_line(
    lines: list[str],
    headline: str,
    tz: str | None,
    day: datetime | None,
    day_first: bool = False,
    scripts: str = "",
) -> tuple[datetime | None, str]:
    """A date line under the headline ("2019年06月15日08:18 来源：人民网", "2 تير 1399 - 12:09:08 ب.ظ"),
    under any copy of the headline (pages repeat it in hidden mobile headers), else just above it
    (blogs date a post over its title)."""
    starts = _headline_lines(lines, headline)
    # without the headline on the page, a line near the top may be today's date in the site header:
    # only one that agrees with htmldate's day is taken; so above the headline, where a ticker's or
    # the header's times may be
    windows = [(lines[start : start + _DATE_LINE_WINDOW], None if starts else day) for start in starts or [0]]
    windows += [(lines[max(0, start - _DATE_LINES_ABOVE) : start], day) for start in starts if day]
    for window, check in windows:
        for line, after in pairwise([*window, ""]):
            digits = to_ascii_digits(line).strip()
            if _CLOCK.match(following := to_ascii_digits(after).strip()):
                digits = f"{digits} {following}"  # date and time in elements of their own
            if m := _DATE_TIME.search(digits):
                stamp, value = m.group(0), " ".join(p or "" for p in m.groups()[:2]).strip()
                if value.count(":") == 1:  # the same minute with its seconds elsewhere on the page
                    seconds = re.search(re.escape(value) + r":\d{2}(?!\d)", to_ascii_digits("\n".join(lines)))
                    value = seconds.group(0) if seconds else value
            elif len(digits) <= _LONGEST_DATE_LINE and _YEAR.search(digits) and has_time(digits):
                stamp = value = digits
            else:
                continue
            when = parse_date(value, tz=tz, day_first=day_first)
            if when and value.count(":") == 1 and (second := _second_in_scripts(value, scripts)) is not None:
                when = when.replace(second=second)
            if when and (check is None or abs((when.date() - check.date()).days) <= 1):
                return when, stamp
    return None, ""


def parse(text: str, source: str, profiles: SourceProfiles, site: SiteConfig | None = None) -> Document:
    envelope = ""
    if m := _ENVELOPE.match(text[:2000]):
        envelope, text = m.group(1), text[m.end() :]
    try:
        page = lxml.html.document_fromstring(text, parser=HTML_PARSER)  # deep pages keep their text
    except (lxml.etree.ParserError, ValueError) as err:
        raise IngestError(source, f"HTML page that cannot be parsed: {err}") from err
    # a <template>'s content is inert, never shown (a script may copy it in: a table of contents
    # that two builds of one site add or not); the extractor would keep it as text
    for template in page.xpath("//body//template"):
        template.drop_tree()
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
    visible = _visible(body) if body is not None else ""
    if len(visible) < _LEAST_MAIN_TEXT:
        # the extractor found no article. On a short page that is odd markup (a thousand nested
        # boxes): keep the page's own article, main or body without its menus rather than lose
        # the file. A long page with no article is a front or index page.
        body = _whole_body(page)
        visible = _visible(body)
        if not 0 < len(visible) <= _SHORT_PAGE:
            raise IngestError(source, "HTML page without an article: a front or index page (no main text found)")
        doc.warnings.append("main-content extraction found no article; the page's body without its menus is kept")
    prose = sum(_running_text(_leaves(body)))  # characters of running text the extractor kept
    if said := _error_page(page, visible, prose):
        raise IngestError(source, f"HTML page that is an error page, not an article (it says {said!r})")
    if why := _listing(body, len(visible), prose, page):
        raise IngestError(source, f"HTML page without an article: a front or index page ({why})")
    if (sites := _cloaked_sites(page)) >= _CLOAKED_SITES and prose < _SPAM_PROSE:
        raise IngestError(source, f"HTML page of link spam, not an article (a hidden box links to {sites} other sites)")
    if (sections := _edited_sections(page)) >= _WIKI_SECTIONS:
        raise IngestError(
            source, f"HTML page of a wiki or encyclopedia entry, not an article ({sections} sections with an edit link)"
        )
    _drop_link_tail(body)
    _drop_comments(body)
    objects = list(_json_ld(page))
    doc.lang = (page.get("lang") or _meta(page, "og:locale", "language", "content-language")).strip() or None
    doc.url = _address(page, text, objects, envelope)
    site_name = _site_name(page, objects, extracted, checked_language(doc.lang) or detect_language(visible[:400]))
    doc.title = _headline(
        page,
        [
            _meta(page, "og:title"),
            _ld_value(objects, "headline"),
            (extracted.title if extracted else "") or "",
            page.findtext(".//title") or "",
        ],
        site_name,
        doc.url,
    )
    if _only_a_name(doc.title, site_name):
        raise IngestError(source, f"HTML page without an article: a front or index page (titled {doc.title!r})")
    links = len(page.xpath("//body//a[@href]"))
    if links >= _FRONT_PAGE_LINKS and not _shown(page, doc.title):
        # an article shows its headline; a front page's title is a slogan over columns of news
        raise IngestError(
            source,
            f"HTML page without an article: a front or index page ({links} links, its title {doc.title!r} not shown)",
        )
    doc.author = _meta(page, "author", "article:author") or ((extracted.author if extracted else "") or "")
    profile, outlet = profiles.resolve(
        names=[site_name], urls=[doc.url], folders=folders_of(source), site_names=[site_name]
    )
    doc.set_outlet(outlet)
    lang = checked_language(doc.lang) or detect_language(doc.title + visible[:400])
    tz = profile.timezone if profile and profile.timezone else _zone_of(page, objects, doc.url, lang)
    doc.date, stamp = _published(page, objects, extracted, tz, doc.title, lang)
    if stamp and lacks_zone(stamp) and not (profile and profile.timezone):
        doc.warnings.append(f"page date {stamp!r} has no time zone; read in {tz or 'UTC'}")
    doc.body_html = inner_html(body)
    return doc


# A title, heading or first sentence says the page is an error page when that is most of what its
# part says, or what it starts or ends with (a site name aside): "404 Not Found", "页面不存在_百度百科",
# "百度百科错误页"; a headline that reports on a missing page or on 404 travellers says more
# ("“404页面不存在”成网络热词", "۴۰۴ نفر در کنکور …").
_TITLE_PARTS = re.compile(rf"\s+[-–—|_·:]\s+|[_|｜{SENTENCE_ENDS}]")
_ERROR_SHARE, _ERROR_EDGE_SHARE = 0.5, 0.3


def _says_error(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    for part in _TITLE_PARTS.split(to_ascii_digits(" ".join(text.split()))):
        found = [m for pattern in patterns for m in pattern.finditer(part)]
        if not found:
            continue
        letters = [i for i, ch in enumerate(part) if ch.isalnum()]
        share = sum(ch.isalnum() for m in found for ch in m.group(0)) / len(letters)
        at_edge = any(m.start() <= letters[0] or m.end() > letters[-1] for m in found)
        if share >= _ERROR_SHARE or (at_edge and share >= _ERROR_EDGE_SHARE):
            return found[0].group(0)
    return ""


def _error_page(page: lxml.html.HtmlElement, visible: str, prose: int) -> str:
    """What the page's title or first headings (with little running text), or its first sentences
    (with next to none), say of it being an error page; '' if nothing."""
    if prose < _ERROR_PAGE_PROSE:
        heads = [
            page.findtext(".//title") or "",
            *(text_of(h) for h in page.xpath("//body//*[self::h1 or self::h2]")[:4]),
        ]
        for head in heads:
            if said := _says_error(head, (_ERROR_PAGE, _ERROR_CODE)):
                return said
    return _says_error(visible[:_ERROR_PAGE_WORDS], (_ERROR_PAGE,)) if prose < _ERROR_PAGE_WORDS else ""


def _visible(el: lxml.html.HtmlElement) -> str:
    return " ".join("".join(el.itertext()).split())


def _listing(body: lxml.html.HtmlElement, length: int, prose: int, page: lxml.html.HtmlElement) -> str:
    """Why the extracted text (`length` characters, `prose` of them running text) is a front, section
    or tag page's rather than an article: little running text, and it is a list of linked headlines
    or the page is a mass of links. '' if not."""
    if prose >= _LEAST_PROSE_SHARE * length:
        return ""
    teasers = _teasers(body)
    if not prose and (whole := page.find("body")) is not None:
        # not one paragraph of running text: what the extractor kept may be the header's slogan,
        # and the list it left out (a table of dated announcements) is the page
        teasers = max(teasers, _teasers(whole))
    if teasers >= _LEAST_TEASERS:
        return f"{teasers} linked headlines, no running text"
    links = len(page.xpath("//body//a[@href]"))
    return f"no running text, {links} links" if links >= _FRONT_PAGE_LINKS else ""


def _leaves(body: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The blocks that hold no other block (a nested block's text is counted in its inner blocks)."""
    return [block for block in body.iter(*_LEAF_BLOCKS) if not _nested(block)]


def _cloaked_sites(page: lxml.html.HtmlElement) -> int:
    """The most other sites that one box of a pixel, hidden from readers, links to."""
    own = registered_domain(_meta(page, "og:url") or next(iter(page.xpath('//link[@rel="canonical"]/@href')), ""))
    most = 0
    for box in page.xpath("//body//*[@style]"):
        if _TINY_BOX.match(box.get("style")):
            sites = {registered_domain(a.get("href")) for a in box.xpath(".//a[@href]")} - {"", own}
            most = max(most, len(sites))
    return most


def _edited_sections(page: lxml.html.HtmlElement) -> int:
    """Section headings with an edit link in them or beside them (in the box that holds the heading)."""
    sections = set()
    for a in page.xpath("//body//a"):
        if _visible(a).strip("[]【】 ").casefold() not in _EDIT_WORDS:
            continue
        for box in (a, *a.iterancestors())[:3]:
            headings = box.xpath(
                "self::h2 | self::h3 | self::h4 | ancestor::h2 | ancestor::h3 | ancestor::h4 | h2 | h3 | h4"
            )
            if headings:
                sections.add(headings[0])
                break
    return len(sections)


def _teasers(root: lxml.html.HtmlElement) -> int:
    """Linked headlines: short list items or headings that are or hold a link."""
    teasers = 0
    for item in root.iter(*_TEASER_ITEMS):
        if item.tag != "li" and item.xpath("ancestor::li"):
            continue  # a headline inside a list item: the item is counted
        linked = item.xpath("ancestor::a[@href]") or item.find(".//a[@href]") is not None
        if linked and 0 < len(_visible(item)) <= _LONGEST_TEASER and item.find(".//li") is None:
            teasers += 1
    return teasers


def _only_a_name(title: str, site_name: str) -> bool:
    """The page's title names the site or says "home", so no article of its own is headlined."""
    title, site = ("".join(t.casefold().split()) for t in (title, site_name))
    return title in _HOME_TITLES or bool(site) and site in title and len(title) - len(site) <= _EDITION


def _running_text(blocks: list[lxml.html.HtmlElement]) -> list[int]:
    """Each block's running text: its characters outside links if it is a paragraph, or if it is one
    of a run of linkless lines (empty blocks, an image's, between them) that make a paragraph."""
    counts = [0] * len(blocks)
    run: list[int] = []

    def close() -> None:
        if len(run) >= _LINE_RUN and sum(_own_text(blocks[i]) for i in run) >= _RUNNING_TEXT:
            for i in run:
                counts[i] = _own_text(blocks[i])
        run.clear()

    for i, block in enumerate(blocks):
        own = _own_text(block)
        if own >= _RUNNING_TEXT:
            counts[i] = own
        elif own >= _LINE and block.find(".//a[@href]") is None:
            run.append(i)
            continue
        elif not _visible(block):
            continue
        close()
    close()
    return counts


def _own_text(block: lxml.html.HtmlElement) -> int:
    """Characters of a block outside its links."""
    return len(_visible(block)) - sum(len(_visible(a)) for a in block.iter("a"))


def _drop_link_tail(body: lxml.html.HtmlElement) -> None:
    """Cut the extracted article at a run of link-only blocks (related stories, "more news") after
    which almost no running text follows: that run and everything after it is the page's chrome."""
    blocks = [b for b in body.iter(*_LEAF_BLOCKS, "h2", "h3", "h4", "h5", "h6") if _visible(b) and not _nested(b)]
    prose = [_own_text(b) if _own_text(b) >= _RUNNING_TEXT else 0 for b in blocks]
    total = sum(prose)
    run: list[int] = []  # link-only blocks since the last running text; short headings between them don't end it
    for i, block in enumerate(blocks):
        if prose[i]:
            run = []
        elif block.find(".//a[@href]") is not None and _own_text(block) <= 0.1 * len(_visible(block)):
            run.append(i)
            if len(run) == _LINK_RUN and total and sum(prose[i + 1 :]) <= _TAIL_PROSE_SHARE * total:
                _cut_from(blocks[run[0]], body)
                return


def _drop_comments(body: lxml.html.HtmlElement) -> None:
    """Cut readers' comments the extractor kept after an article: a block that is only a comments
    heading ("网友评论", "التعليقات", "نظرات", "Comments (12)") after the article's running text, and
    all that follows (the same heading before the text cuts nothing); and a block that only says
    "发表评论" (leave a comment) wherever it stands."""
    prose = 0
    for block in list(body.iter(*_LEAF_BLOCKS, "h2", "h3", "h4", "h5", "h6")):
        if block.getparent() is None or _nested(block) or not (text := _visible(block)):
            continue
        if _COMMENT_CALL.fullmatch(text):
            remove_keeping_tail(block)
            continue
        if _COMMENTS_HEADING.fullmatch(text) and prose >= _ARTICLE_BEFORE_COMMENTS and _comments_follow(block, body):
            _cut_from(block, body)
            return
        prose += own if (own := _own_text(block)) >= _RUNNING_TEXT else 0


# A paragraph this long after a comments heading is the article's own (an article's section named
# "التعليقات" — the comments of officials — goes on in paragraphs); readers' comments are short, or stamped.
_LONGEST_COMMENT = 150


def _comments_follow(heading: lxml.html.HtmlElement, body: lxml.html.HtmlElement) -> bool:
    """Whether what follows a comments heading reads as readers' comments: a time stamp among them,
    or no paragraph of an article's length."""
    inside = set(heading.iter())
    texts, passed = [], False
    for block in body.iter(*_LEAF_BLOCKS):  # document order
        if block in inside:  # the heading itself, or a block inside it
            passed = True
        elif passed and not _nested(block) and (text := _visible(block)):
            texts.append(text)
    return any(_DATE_TIME.search(to_ascii_digits(t)) for t in texts) or all(len(t) < _LONGEST_COMMENT for t in texts)


def _nested(block: lxml.html.HtmlElement) -> bool:
    return any(block.find(f".//{tag}") is not None for tag in ("p", "li", "div"))


def _cut_from(start: lxml.html.HtmlElement, body: lxml.html.HtmlElement) -> None:
    """Remove `start` and everything after it in document order, up to the end of `body`."""
    node = start
    while node is not None and node is not body:
        parent = node.getparent()
        for later in list(node.itersiblings()):
            parent.remove(later)
        node.tail = None
        node = parent
    # nothing follows `start` now, so removing it (and the boxes it leaves empty) moves no text
    parent = start.getparent()
    parent.remove(start)
    while parent is not body and not _visible(parent) and parent.find(".//img") is None:
        grand = parent.getparent()
        grand.remove(parent)
        parent = grand


def _whole_body(page: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    body = next(iter(page.xpath("//article") or page.xpath("//main") or page.xpath("//body")), page)
    for el in list(body.iter(*_CHROME, "h1")):
        if el is not body and el.getparent() is not None:
            el.drop_tree()
    return body
