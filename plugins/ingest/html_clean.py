"""Untrusted HTML to safe article HTML.

Structure is fixed first on an lxml tree (page chrome removed, embeds turned into links, `<br><br>`
runs and loose text turned into paragraphs); the allowlist sanitizer (nh3, i.e. ammonia) runs
last, so nothing done here can reintroduce unsafe markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

import lxml.html
import nh3
from lxml import etree

from .hygiene import without_illegal_refs

# No <bdo>: it is U+202E in markup, an override that shows text reversed (hygiene.without_overrides
# takes the characters out of bodies); its text is kept, in the order written.
ALLOWED_TAGS = {
    "a", "abbr", "b", "bdi", "blockquote", "br", "caption", "cite", "code", "dd", "del",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
ALLOWED_CLASSES = {"p": {"lead", "credit"}, "figure": {"media"}, "span": {"credit"}}
# Removed together with everything inside them.
_DROP_WITH_CONTENT = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "form",
    "button",
    "select",
    "textarea",
    "head",
    "title",
    "meta",
    "link",
}
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
    "ul", "ol", "dl", "table", "blockquote", "pre", "hr", "address", "details",
    "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
# Layout wrappers, dissolved into the blocks they hold (after sanitizing they would mean nothing).
_WRAPPERS = {"div", "section", "article", "main", "header", "footer", "aside", "nav", "center"}
_BLANK = " \t\n\r\u00a0\u3000\u200b"
_EMPTY_BLOCK = re.compile(r"<(p|div|span)>(?:\s|&nbsp;|\u00a0|\u3000|<br>)*</\1>")
_EMPTY_CLASS = re.compile(r' class=""')
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")  # the sanitizer refused its address
MAX_DEPTH = 100  # element nesting kept; deeper elements are dissolved into their parents


URL_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "longdesc",
    "srcset",
    "ping",
}
# What browsers ignore in a URL's scheme ("java\tscript:" is javascript:).
_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def url_allowed(value: str) -> bool:
    """A relative URL, or an absolute one with an allowed scheme: the one test for every URL
    attribute (nh3 checks href and src itself, but not cite)."""
    compact = _URL_IGNORED.sub("", value)
    head = re.split(r"[/?#]", compact, maxsplit=1)[0]
    return ":" not in head or head.split(":", 1)[0].lower() in URL_SCHEMES


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    # width="100%" and the like are not valid HTML; only pixel sizes survive.
    if attr in ("width", "height"):
        return value if value.isdigit() else None
    if attr in URL_ATTRIBUTES and not url_allowed(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=_DROP_WITH_CONTENT - {"head", "title", "meta", "link"},
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_keep_attribute,
    allowed_classes=ALLOWED_CLASSES,
    # loading/referrerpolicy are set on the tree before sanitizing: nh3's set_tag_attribute_values
    # writes them in random order, and the same article would differ from build to build
    tag_attribute_values={
        **{tag: {"dir": {"ltr", "rtl", "auto"}} for tag in ALLOWED_TAGS},
        "img": {"dir": {"ltr", "rtl", "auto"}, "loading": {"lazy"}, "referrerpolicy": {"no-referrer"}},
    },
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def sanitize(html: str) -> str:
    """The allowlist pass alone: no script, handlers, inline styles, javascript:/data: URLs."""
    if html.count("<") > 2 * MAX_DEPTH:  # possibly deep: the sanitizer's time grows with depth
        root = parse_fragment(html)
        flatten_deep(root)
        html = inner_html(root)
    return _EMPTY_BLOCK.sub("", _EMPTY_CLASS.sub("", _IMG_WITHOUT_SRC.sub("", _CLEANER.clean(html)))).strip()


def flatten_deep(root: lxml.html.HtmlElement, max_depth: int = MAX_DEPTH) -> int:
    """Dissolve elements nested deeper than `max_depth` into their parents, keeping their text.
    Real articles nest a few dozen levels; a thousand would exhaust recursion further on.
    Returns how many elements were dissolved."""
    depth = {root: 0}
    deep = []
    for el in root.iterdescendants():
        parent = el.getparent()
        depth[el] = d = depth[parent] + 1
        if d > max_depth:
            deep.append(el)
    for el in reversed(deep):
        if isinstance(el.tag, str):
            el.drop_tag()
        else:  # a comment or processing instruction: nothing worth keeping
            remove_keeping_tail(el)
    return len(deep)


# huge_tree: old CMS markup nests hundreds of unclosed tags; without it libxml2 drops the rest.
HTML_PARSER = _PARSER = lxml.html.HTMLParser(huge_tree=True)


def parse_fragment(markup: str) -> lxml.html.HtmlElement:
    """An HTML fragment as children of one <div>, whatever junk it holds."""
    if not markup.strip():
        return lxml.html.Element("div")
    markup = without_illegal_refs(markup)
    return lxml.html.fragment_fromstring(markup, create_parent="div", parser=_PARSER)


def inner_html(root: lxml.html.HtmlElement) -> str:
    parts = [html.escape(root.text, quote=False)] if root.text else []
    parts += [lxml.html.tostring(child, encoding="unicode") for child in root]
    return "".join(parts)


def text_of(html_or_root: str | lxml.html.HtmlElement, skip: tuple[str, ...] = ()) -> str:
    """Plain text of HTML, blocks separated by newlines, whitespace collapsed within lines.
    Elements named in `skip` (e.g. figure) do not count. Changes a tree passed in."""
    root = parse_fragment(html_or_root) if isinstance(html_or_root, str) else html_or_root
    for el in list(root.iter(*skip)) if skip else ():
        remove_keeping_tail(el)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCKS, "li", "figcaption", "tr"):
        block.tail = "\n" + (block.tail or "")
    text = "".join(root.itertext())
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def remove_keeping_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def cut_at_markers(html: str, markers: Iterable[str]) -> str:
    """Drop a trailer that starts with one of `markers` (and the rule just before it)."""
    for marker in markers:
        at = html.find(marker)
        if at < 0:
            continue
        rule = html.rfind("<hr", 0, at)
        start = html.rfind("<", 0, at)
        html = html[: rule if 0 <= rule and at - rule < 300 else max(start, 0)]
    return html


def _prune(root: lxml.html.HtmlElement, drop_classes: set[str], drop_ids: set[str]) -> None:
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments, processing instructions
            doomed.append(el)
            continue
        classes = set((el.get("class") or "").split())
        if (
            el.tag in _DROP_WITH_CONTENT
            or el.get("aria-hidden") == "true"
            or el.get("hidden") is not None
            or classes & drop_classes
            or el.get("id") in drop_ids
        ):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            remove_keeping_tail(el)


def _make_figures(root: lxml.html.HtmlElement, prefixes: tuple[str, ...]) -> None:
    """Outlet markup for a picture box (class prefix from the profile) becomes <figure>:
    its first image, and all its text as the caption."""
    if not prefixes:
        return
    for el in list(root.iter()):
        classes = (el.get("class") or "").split() if isinstance(el.tag, str) else []
        if not any(c.startswith(prefixes) for c in classes) or el.getparent() is None:
            continue
        img = next(el.iter("img"), None)
        if img is None:
            continue
        caption = text_of(el, skip=("img",)).replace("\n", " ")
        figure = lxml.html.Element("figure")
        figure.append(lxml.html.Element("img", {k: v for k, v in img.attrib.items() if k in ("src", "alt")}))
        if caption:
            figcaption = lxml.html.Element("figcaption")
            figcaption.text = caption
            figure.append(figcaption)
        figure.tail = el.tail
        el.getparent().replace(el, figure)


def _absolute(url: str | None, base: str | None) -> str | None:
    """An absolute http(s)/mailto address, or None (the link is dropped, its text kept)."""
    url = (url or "").strip()
    if not url or url.startswith("#"):
        return None
    try:
        if url.startswith("//"):
            url = "https:" + url
        elif not urlsplit(url).scheme:
            url = urljoin(base, url) if base else ""
        return url if urlsplit(url).scheme in URL_SCHEMES and url_allowed(url) else None
    except ValueError:  # malformed, e.g. "http://[::1"
        return None


def _media_link(src: str) -> lxml.html.HtmlElement:
    parts = urlsplit(src)  # src comes from _absolute, so it parses
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    link = lxml.html.Element("a", href=src)
    link.text = f"{parts.hostname or ''}/…/{name}" if name else (parts.hostname or src)
    return link


def _replace_embeds(root: lxml.html.HtmlElement, base: str | None) -> None:
    """Players cannot be archived; keep the poster as an image and the media as a link."""
    for el in list(root.iter("iframe", "video", "audio", "embed", "object")):
        src = _absolute(el.get("src") or el.get("data"), base)
        if src is None:
            source = el.find(".//source")
            src = _absolute(source.get("src"), base) if source is not None else None
        poster = _absolute(el.get("poster"), base)
        replacement = lxml.html.Element("p")
        if poster:
            replacement.append(lxml.html.Element("img", src=poster, alt=""))
        if src:
            if poster:
                replacement[-1].tail = " "
            replacement.append(_media_link(src))
        if len(replacement):
            replacement.tail = el.tail
            el.getparent().replace(el, replacement)
        else:
            remove_keeping_tail(el)


def _fix_links_and_images(root: lxml.html.HtmlElement, base: str | None) -> None:
    for img in list(root.iter("img")):
        src = _absolute(img.get("src"), base)
        if src is None:
            remove_keeping_tail(img)
            continue
        img.set("src", src)
        if img.get("alt") is None:
            img.set("alt", "")
        img.set("loading", "lazy")
        img.set("referrerpolicy", "no-referrer")
    for a in list(root.iter("a")):
        href = _absolute(a.get("href"), base)
        if href is None:
            a.drop_tag()  # no usable address: keep the words, not a dead link
        else:
            a.set("href", href)
    for quote in root.iter("blockquote", "q", "del", "ins"):
        if quote.get("cite") is not None:
            cite = _absolute(quote.get("cite"), base)
            if cite is None:
                del quote.attrib["cite"]
            else:
                quote.set("cite", cite)
    _rank_headings(root)


def _rank_headings(root: lxml.html.HtmlElement) -> None:
    """Body headings start at h2 (the page's title is the only h1) and skip no level: the levels
    a source uses keep their order, h3-only becomes h2, h2+h4 become h2+h3."""
    headings = list(root.iter("h1", "h2", "h3", "h4", "h5", "h6"))
    levels = sorted({int(h.tag[1]) for h in headings})
    rank = {level: f"h{min(2 + i, 6)}" for i, level in enumerate(levels)}
    for heading in headings:
        heading.tag = rank[int(heading.tag[1])]


def _detach_items(el: lxml.html.HtmlElement) -> list:
    """Children and text of `el` as a flat list (tails split off), leaving `el` empty."""
    items: list = [el.text] if el.text else []
    for child in list(el):
        tail, child.tail = child.tail, None
        el.remove(child)
        items.append(child)
        if tail:
            items.append(tail)
    el.text = None
    return items


def _paragraph(run: list, attrib: dict | None = None) -> lxml.html.HtmlElement | None:
    while run and not isinstance(run[-1], str) and run[-1].tag == "br":
        run.pop()
    p = lxml.html.Element("p", attrib or {})
    last = None
    for item in run:
        if isinstance(item, str):
            if last is None:
                p.text = (p.text or "") + item
            else:
                last.tail = (last.tail or "") + item
        else:
            p.append(item)
            last = item
    if p.text:
        p.text = p.text.lstrip(_BLANK)
    has_text = "".join(p.itertext()).strip(_BLANK)
    return p if has_text or p.find(".//img") is not None else None


def _is_br(item) -> bool:
    return not isinstance(item, str) and item.tag == "br"


def _is_dateline(run: list) -> bool:
    """ "五角大楼 — " before a paragraph: a place name that opens the story, not a paragraph."""
    text = "".join(x if isinstance(x, str) else "".join(x.itertext()) for x in run).strip(_BLANK)
    return 0 < len(text) <= 40 and text[-1] in "—–-:："


def _segment(items: list, attrib: dict | None = None) -> list:
    """Blocks pass through; inline runs become <p>; two or more <br> in a row end a paragraph.
    Paragraphs made from a split <p> keep its attributes (class="lead" …)."""
    out: list = []
    run: list = []

    def flush() -> None:
        if run:
            p = _paragraph(run[:], attrib)
            run.clear()
            if p is not None:
                out.append(p)

    i = 0
    while i < len(items):
        item = items[i]
        if isinstance(item, str):
            run.append(item)
        elif item.tag == "br":
            j, breaks = i, 0
            while j < len(items) and (_is_br(items[j]) or (isinstance(items[j], str) and not items[j].strip(_BLANK))):
                breaks += _is_br(items[j])
                j += 1
            if breaks >= 2:
                flush()
                i = j
                continue
            run.append(item)
        elif item.tag == "p":
            carried = run[:] if _is_dateline(run) else []
            if carried:
                run.clear()
            flush()
            out.extend(_segment(carried + _detach_items(item), dict(item.attrib)))
        elif item.tag in _WRAPPERS:
            flush()
            out.extend(_segment(_detach_items(item)))
        elif item.tag == "blockquote":
            flush()
            item[:] = _segment(_detach_items(item))
            out.append(item)
        elif item.tag in _BLOCKS:
            flush()
            out.append(item)
        else:
            run.append(item)
        i += 1
    flush()
    return out


def paragraphs(root: lxml.html.HtmlElement) -> None:
    """Rebuild `root`'s children so every piece of text sits in a block."""
    root[:] = _segment(_detach_items(root))


def clean_html(
    html: str,
    *,
    base_url: str | None = None,
    drop_classes: Iterable[str] = (),
    drop_ids: Iterable[str] = (),
    figure_classes: Iterable[str] = (),
) -> str:
    """Full clean-up of an article body: structure, then the allowlist."""
    root = parse_fragment(html)
    flatten_deep(root)
    _prune(root, set(drop_classes), set(drop_ids))
    _make_figures(root, tuple(figure_classes))
    _replace_embeds(root, base_url)
    _fix_links_and_images(root, base_url)
    paragraphs(root)
    return sanitize(inner_html(root))
