"""Feed files with feedgen (one model, RSS 2.0 and Atom), and the OPML list of all feeds."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from datetime import datetime
from xml.etree import ElementTree

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .model import Enclosure, FeedItem, FeedSpec

ATOM = "{http://www.w3.org/2005/Atom}"


class _AtomLinksEntry(FeedEntry):
    """feedgen 1.0.0 drops rel, type and length from Atom entry links (it reads them from the
    element it has just created), so enclosures turn into plain links. Write the links again."""

    def atom_entry(self, extensions: bool = True):
        entry = super().atom_entry(extensions)
        for element in entry.findall(f"{ATOM}link"):
            entry.remove(element)
        for link in self.link() or []:
            xml_elem("link", entry, **{k: str(v) for k, v in link.items() if v not in (None, "")})
        return entry


def enclosure_for(url: str) -> Enclosure:
    guessed, _ = mimetypes.guess_type(url.split("?", 1)[0])
    return Enclosure(url, guessed if guessed and guessed.startswith("image/") else "image/jpeg")


def _generator(spec: FeedSpec, self_url: str, generated: datetime) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(spec.page)
    fg.title(spec.title)
    fg.subtitle(spec.title)
    fg.language(spec.lang)
    fg.link(href=spec.page, rel="alternate")
    fg.link(href=self_url, rel="self")
    updated = max((item.updated for item in spec.items), default=generated)
    fg.updated(updated)
    fg.lastBuildDate(updated)  # not the clock: the same articles give the same feed in every build
    for item in reversed(spec.items):  # feedgen prepends
        _add(fg, item)
    return fg


def _add(fg: FeedGenerator, item: FeedItem) -> None:
    entry = fg.add_entry(feedEntry=_AtomLinksEntry())
    entry.id(item.guid)
    entry.guid(item.guid, permalink=False)
    entry.title(item.title)
    entry.link(href=item.link, rel="alternate", type="text/html")
    if item.author:
        entry.author(name=item.author)
        entry.dc.dc_creator(item.author)
    for term, label in item.categories:
        entry.category(term=term, label=label)
    if item.published:
        entry.published(item.published)
    entry.updated(item.updated)
    if item.summary:
        entry.summary(item.summary)
    if item.content_html:
        entry.content(item.content_html, type="html")
    if item.enclosure:
        entry.enclosure(item.enclosure.url, "0", item.enclosure.type)


def render(spec: FeedSpec, site_url: str, generated: datetime) -> dict[str, bytes]:
    """{format: bytes} for RSS 2.0 and Atom."""
    out = {}
    for fmt in ("rss", "atom"):
        fg = _generator(spec, f"{site_url}/{spec.path(fmt)}", generated)
        out[fmt] = fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)
    return out


def opml(title: str, specs: Iterable[FeedSpec], site_url: str) -> bytes:
    """An OPML 2.0 subscription list of every Atom feed, for one-click import into readers."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    body = ElementTree.SubElement(root, "body")
    groups: dict[str, ElementTree.Element] = {}
    for spec in specs:
        group = groups.get(spec.kind)
        if group is None:
            group = groups[spec.kind] = ElementTree.SubElement(body, "outline", text=spec.kind)
        ElementTree.SubElement(
            group, "outline", type="rss", text=spec.title, title=spec.title, language=spec.lang,
            xmlUrl=f"{site_url}/{spec.path('atom')}", htmlUrl=spec.page,
        )  # fmt: skip
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


