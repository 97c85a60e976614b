"""Feed files with feedgen (one model, RSS 2.0 and Atom), and the OPML list of all feeds."""

from __future__ import annotations

import html
import mimetypes
from collections.abc import Iterable
from xml.etree import ElementTree

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem
from ingest.hygiene import xml_safe  # sibling plugin: one definition of what XML cannot hold

from .model import Enclosure, FeedItem, FeedSpec, feed_order, feed_updated

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class _AtomLinksEntry(FeedEntry):
    """feedgen 1.0.0 drops rel, type and length from Atom entry links (it reads them from the
    element it has just created), so enclosures turn into plain links. Write the links again."""

    xml_lang = ""  # the article's language, set per entry (feedgen has no field for it)

    def atom_entry(self, extensions: bool = True):
        entry = super().atom_entry(extensions)
        for element in entry.findall(f"{ATOM}link"):
            entry.remove(element)
        for link in self.link() or []:
            xml_elem("link", entry, **{k: str(v) for k, v in link.items() if v not in (None, "")})
        _mark_language(entry, self.xml_lang)
        return entry


def _mark_language(entry, lang: str) -> None:
    """`xml:lang` on each Atom entry: in a feed of several languages an Arabic entry must not
    inherit the feed's `en`."""
    if lang:
        entry.set(XML_LANG, lang)


def enclosure_for(url: str) -> Enclosure:
    guessed, _ = mimetypes.guess_type(url.split("?", 1)[0])
    return Enclosure(url, guessed if guessed and guessed.startswith("image/") else "image/jpeg")


def _text_for(fmt: str):
    """RSS title and description are read as HTML by feed readers (after the XML is decoded), so
    their text is escaped as HTML once more: a title `<img onerror=…>` is shown, not run. Atom
    says its text is text (type="text"). No format may carry characters XML cannot hold."""
    if fmt == "rss":
        return lambda text: html.escape(xml_safe(text), quote=False)
    return xml_safe


def _generator(spec: FeedSpec, self_url: str, fmt: str) -> FeedGenerator:
    text = _text_for(fmt)
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(spec.page)
    fg.title(text(spec.title))
    fg.subtitle(text(spec.title))
    fg.language(spec.lang)
    _channel_links(fg, spec.page, self_url)
    if spec.site_name:
        fg.author(name=spec.site_name)
    items = feed_order(spec.items)
    # also RSS's lastBuildDate: from the items, so a fresh clone writes the same bytes any day
    fg.updated(feed_updated(items))
    for item in reversed(items):  # feedgen prepends
        _add(fg, item, text)
    return fg


def _channel_links(fg: FeedGenerator, page: str, self_url: str) -> None:
    """The self link first: feedgen takes the last link as RSS's channel <link>, which must be the
    web page the feed belongs to, not the feed itself."""
    fg.link(href=self_url, rel="self")
    fg.link(href=page, rel="alternate", type="text/html")


def _add(fg: FeedGenerator, item: FeedItem, text) -> None:
    entry = fg.add_entry(feedEntry=_AtomLinksEntry())
    entry.xml_lang = item.lang
    if item.lang:
        entry.dc.dc_language(item.lang)  # RSS has no per-item language; Dublin Core does
    entry.id(item.guid)
    entry.guid(item.guid, permalink=False)
    entry.title(text(item.title))
    entry.link(href=item.link, rel="alternate", type="text/html")
    if item.author:
        entry.author(name=xml_safe(item.author))
        entry.dc.dc_creator(xml_safe(item.author))  # plain text: feedgen escapes it once, as XML
    for term, label in item.categories:
        entry.category(term=xml_safe(term), label=xml_safe(label))
    if item.published:
        entry.published(item.published)
    entry.updated(item.updated)
    if item.summary:
        entry.summary(text(item.summary))
    if item.content_html:
        entry.content(xml_safe(item.content_html), type="html")
    if item.enclosure:
        entry.enclosure(item.enclosure.url, "0", item.enclosure.type)


def render(spec: FeedSpec, site_url: str) -> dict[str, bytes]:
    """{format: bytes} for RSS 2.0 and Atom; the same spec gives the same bytes on any machine."""
    out = {}
    for fmt in ("rss", "atom"):
        fg = _generator(spec, f"{site_url}/{spec.path(fmt)}", fmt)
        out[fmt] = fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)
    return out


def opml(title: str, specs: Iterable[FeedSpec], site_url: str, folders: dict[str, str] | None = None) -> bytes:
    """An OPML 2.0 subscription list of every Atom feed, for one-click import into readers;
    `folders` names the groups (kind → label in the list's language)."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    body = ElementTree.SubElement(root, "body")
    groups: dict[str, ElementTree.Element] = {}
    for spec in specs:
        group = groups.get(spec.kind)
        if group is None:
            group = groups[spec.kind] = ElementTree.SubElement(
                body, "outline", text=(folders or {}).get(spec.kind, spec.kind)
            )
        ElementTree.SubElement(
            group, "outline", type="rss", text=xml_safe(spec.title), title=xml_safe(spec.title), language=spec.lang,
            xmlUrl=f"{site_url}/{spec.path('atom')}", htmlUrl=spec.page,
        )  # fmt: skip
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
