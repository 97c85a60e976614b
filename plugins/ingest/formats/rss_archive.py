"""RSS-mirror markdown (duty-machine style):

    <!--1706215143000-->            when the mirror archived the item (epoch ms)
    [title](original url)
    ------
    <raw HTML of the feed item>

The article's own date sits in the first element of the HTML, written differently per outlet:
`<div><i>RFC 2822</i></div>`, `<i>author<br>ISO</i>`, `<div>13/10/2020 - 07:35</div>` or
`<time dateTime="2020-10-12">`.
"""

from __future__ import annotations

import copy
import html
import re
from datetime import timedelta

import lxml.html

from ..dates import from_epoch_ms, parse_date
from ..document import Document, IngestError
from ..html_clean import cut_at_markers, inner_html, parse_fragment, remove_keeping_tail, text_of
from ..profiles import Profile, SourceProfiles, names_outlet
from ..site_config import SiteConfig
from ..text_blocks import folders_of

_ARCHIVED = re.compile(r"^<!--\s*(\d{9,13})\s*-->\s*$")
_UNDERLINE = re.compile(r"^-{3,}\s*$")
# Markdown escapes written by the mirror: \“ \| \[ …
_ESCAPED = re.compile(r"\\([^\w\s])")
_MEDIA = ("img", "video", "audio")
_HEAD_ELEMENTS = 3  # where a feed item's byline and date sit


def _title_line(line: str) -> tuple[str, str] | None:
    line = line.strip()
    at = line.rfind("](")
    if not (line.startswith("[") and line.endswith(")") and at > 0):
        return None
    return line[1:at], line[at + 2 : -1].strip()


def sniff(text: str, profiles: SourceProfiles) -> float:
    lines = text.split("\n", 4)
    stamped = bool(_ARCHIVED.match(lines[0]))
    rest = lines[1:] if stamped else lines
    titled = len(rest) >= 2 and _title_line(rest[0]) is not None and bool(_UNDERLINE.match(rest[1]))
    if stamped and titled:
        return 1.0
    return 0.8 if titled else (0.5 if stamped else 0.0)


def _clean_title(raw: str, profile: Profile | None) -> str:
    title = " ".join(html.unescape(_ESCAPED.sub(r"\1", raw)).split())
    return profile.strip_title_suffix(title) if profile else title


def _take_dateline(root: lxml.html.HtmlElement, profile: Profile | None) -> tuple:
    """Find, remove and return (date, author) from the head of the body."""
    tz = profile.timezone if profile else None
    day_first = bool(profile and profile.day_first)
    # a byline in <address> and the date in <time> may come in either order before the text
    author = ""
    for el in list(root)[:_HEAD_ELEMENTS]:
        if el.tag == "address" and not author:
            author = text_of(copy.deepcopy(el))
            remove_keeping_tail(el)
            continue
        time = next(el.iter("time"), None)
        if time is None:
            break
        stamp = time.get("datetime") or time.get("dateTime")
        if when := parse_date(stamp, tz=tz):
            holder = time.getparent()
            # the <time> shows "19 分钟前" (minutes ago, relative to the crawl): drop its box too
            target = (
                holder
                if holder is not root and text_of(copy.deepcopy(holder)) == text_of(copy.deepcopy(time))
                else time
            )
            remove_keeping_tail(target)
            return when, author
        break
    first = next(iter(root), None)
    if first is None or (root.text or "").strip() or first.tag not in ("div", "p", "i", "span"):
        return None, author
    lines = text_of(copy.deepcopy(first)).split("\n")
    if not lines or len(lines) > 3:
        return None, author
    when = parse_date(lines[-1], tz=tz, day_first=day_first)
    if when is None:
        return None, author
    remove_keeping_tail(first)
    return when, lines[0] if len(lines) > 1 else author


def _adopt_captions(root: lxml.html.HtmlElement) -> None:
    """`<img><div><small>caption</small></div>` is how the mirror writes a figure."""
    for media in list(root.iter(*_MEDIA)):
        box = media.getnext()
        if box is None or box.tag != "div" or (media.tail or "").strip() or len(box) != 1 or box[0].tag != "small":
            continue
        caption = text_of(copy.deepcopy(box))
        parent = media.getparent()
        figure = lxml.html.Element("figure")
        figure.tail = box.tail
        parent.replace(media, figure)
        figure.append(media)
        media.tail = None
        if caption:
            figcaption = lxml.html.Element("figcaption")
            figcaption.text = caption
            figure.append(figcaption)
        parent.remove(box)


def parse(text: str, source: str, profiles: SourceProfiles, site: SiteConfig | None = None) -> Document:
    lines = text.split("\n")
    archived = None
    if stamp := _ARCHIVED.match(lines[0]):
        archived = from_epoch_ms(stamp.group(1))
        lines = lines[1:]
    head = _title_line(lines[0]) if lines else None
    if head is None:
        raise IngestError(source, "RSS archive file without its '[title](url)' line", line=2 if archived else 1)
    raw_title, url = head
    doc = Document(source=source, format="rss_archive", archived=archived, url=url or None)
    if len(lines) < 2 or not _UNDERLINE.match(lines[1]):
        doc.warnings.append("title line is not underlined with '---'")
    # an RSS mirror keeps each outlet's files in a folder named after it (路透/, 美国之音/)
    folders = folders_of(source)
    profile, outlet = profiles.resolve(
        urls=[url], folders=folders, site_names=[f for f in folders[:1] if names_outlet(f)]
    )
    doc.set_outlet(outlet)
    doc.title = _clean_title(raw_title, profile)

    body = "\n".join(lines[2:]) if len(lines) > 2 else ""
    root = parse_fragment(cut_at_markers(body, profiles.common.footer_markers))
    doc.date, doc.author = _take_dateline(root, profile)
    _adopt_captions(root)
    doc.body_html = inner_html(root)

    if doc.date and archived and doc.date > archived + timedelta(hours=1):
        doc.warnings.append(
            f"article date {doc.date.isoformat()} is after the archive time {archived.isoformat()}: "
            "its time zone may be wrong (set `timezone` in the outlet's source profile)"
        )
    return doc
