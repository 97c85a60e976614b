"""Hexo/Jekyll markdown: YAML between `---` lines (possibly after blank lines), then HTML or markdown."""

from __future__ import annotations

import html
import re
import tomllib

import markdown
import yaml

from ..dates import known_zone, lacks_zone, parse_date
from ..document import Document, IngestError, LeadImage
from ..profiles import SourceProfiles, host_of, registered_domain, unprofiled_outlet
from ..site_config import SiteConfig
from ..text_blocks import folders_of, title_from_name
from ..yaml_bounds import YAMLBoundsError, load_bounded, yaml_problem

_FENCE = re.compile(r"^---\s*$")
_TOML_FENCE = re.compile(r"^\+\+\+\s*$")  # Hugo's TOML front matter, between +++ lines
_TOML_KEY = re.compile(r"^[\w-]+\s*=")
_CLOSE = re.compile(r"^(?:---|\.\.\.)\s*$")
_KEY = re.compile(r"^[\w-]+\s*:")
_HTML_BODY = re.compile(
    r"^\s*<(?:div|p|article|section|figure|h[1-6]|ul|ol|table|blockquote|img|main)\b", re.IGNORECASE
)
_IMAGE_KEYS = ("headimg", "cover", "thumbnail", "image", "banner")
# the original's address (keys compare lowercased); WordPress exports keep it as wordpress_url or as
# the guid, Hugo themes as canonicalURL for a post first published elsewhere
_URL_KEYS = (
    "link",
    "url",
    "original_url",
    "source_url",
    "canonical_url",
    "canonicalurl",
    "canonical",
    "original",
    "wordpress_url",
    "guid",
    "permalink",
)
# What a generator writes for "no date" (Hugo's `date: None` from a template, empty YAML values).
_NO_DATE = {"none", "null", "nil", "~", "false", "0"}
MAX_LABELS = 100  # categories and tags kept per file; more are dropped with a warning


try:  # libyaml's parser when PyYAML has it
    from yaml import CSafeLoader as _SafeLoader
except ImportError:
    from yaml import SafeLoader as _SafeLoader


class _Loader(_SafeLoader):
    """Safe YAML that leaves scalars as written: timestamps, so dates are read by one parser with
    time zones; numbers, booleans and base64, since every field is read as text and YAML 1.1 would
    turn a tag `12:30:00` into 45000, `007` into 7, `NO` into False and `!!binary` into bytes."""


for _scalar in ("timestamp", "int", "float", "bool", "binary"):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_scalar}", lambda loader, node: loader.construct_scalar(node))


_YAML_LINE = re.compile(r"^(?:[\w-]+\s*:|\s+\S|-\s|#)")
_PELICAN = -2  # opening index of a Pelican-style header (no fences, ends at a blank line)
_PELICAN_TITLE = re.compile(r"^title\s*:", re.IGNORECASE)
_FENCELESS_LINES = 40  # Hexo's block without an opening fence is short; prose is never all "key: value"


def _block(lines: list[str]) -> tuple[int, int | None] | None:
    """(index of the opening fence, index of the closing one) of the front matter. Hexo also
    accepts the block without its opening `---`: then the opening index is -1."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    if _FENCE.match(lines[first]):
        end = next((i for i in range(first + 1, len(lines)) if _CLOSE.match(lines[i])), None)
        return first, end
    if _TOML_FENCE.match(lines[first]):
        return first, next((i for i in range(first + 1, len(lines)) if _TOML_FENCE.match(lines[i])), None)
    if not _KEY.match(lines[first]):
        return None
    for i in range(first + 1, min(len(lines), first + _FENCELESS_LINES)):
        if _FENCE.match(lines[i]):
            return -1, i
        if not lines[i].strip():
            # Pelican's and MultiMarkdown's header: "Title: …" lines up to the first blank line
            return (_PELICAN, i) if _PELICAN_TITLE.match(lines[first]) else None
        if not _YAML_LINE.match(lines[i]):
            return None
    return None


def _pelican_meta(lines: list[str]) -> dict:
    """`Key: value` lines, values as written (they are not YAML: quotes need not balance);
    Pelican separates tags and categories with commas."""
    meta: dict = {}
    for line in lines:
        key, _, value = line.partition(":")
        key = key.strip().lower()
        meta[key] = (
            [v.strip() for v in value.split(",") if v.strip()]
            if key in ("tags", "category", "categories")
            else value.strip()
        )
    return meta


def sniff(text: str, profiles: SourceProfiles) -> float:
    lines = text.split("\n", _FENCELESS_LINES + 1)
    block = _block(lines)
    if block is None:
        return 0.0
    start = block[0]
    if start < 0:
        return 0.9 if start == -1 else 0.7
    following = lines[start + 1] if start + 1 < len(lines) else ""
    return 1.0 if _KEY.match(following) or _TOML_KEY.match(following) else 0.6


def _flatten(value, depth: int = 0) -> list[str]:
    """Labels from a string or (nested) list. Mappings are no labels: printing one that YAML
    aliases share can take gigabytes. Recursive aliases stop at the depth bound."""
    if value is None or depth > 3 or isinstance(value, dict):
        return []
    if isinstance(value, (list, tuple)):
        return [item for v in value for item in _flatten(v, depth + 1)]
    text = str(value).strip()
    return [text] if text else []


def _text(meta: dict, *keys: str) -> str:
    for key in keys:
        value = meta.get(key)
        if value is not None and not isinstance(value, (dict, list)) and str(value).strip():
            return str(value).strip()
    return ""


def _same_owner(url: str | None, site_url: str) -> bool:
    """An original address on a host named as the blog's own domain (ayoonesi.blog.ir, or
    name.wordpress.com, for a blog at name.ir) is the author's earlier home, not another publisher."""
    name = registered_domain(site_url).split(".", 1)[0]
    return bool(name) and host_of(url).split(".", 1)[0] == name


def parse(text: str, source: str, profiles: SourceProfiles, site: SiteConfig | None = None) -> Document:
    lines = text.split("\n")
    block = _block(lines)
    if block is None:
        raise IngestError(source, "front matter must start with a '---' line")
    start, end = block
    toml = start >= 0 and bool(_TOML_FENCE.match(lines[start]))
    if end is None:
        fence = "+++" if toml else "---"
        raise IngestError(source, f"broken front matter: the '{fence}' block is never closed", line=start + 1)
    if start == _PELICAN:
        meta = _pelican_meta([line for line in lines[:end] if line.strip()])
        start = -1
    try:
        if toml:  # dates come as date/datetime objects, read back as text like YAML's below
            meta = tomllib.loads("\n".join(lines[start + 1 : end]))
        elif block[0] != _PELICAN:
            meta = load_bounded("\n".join(lines[start + 1 : end]), _Loader)
    except tomllib.TOMLDecodeError as err:
        where = re.search(r"line (\d+)", str(err))
        line = start + 1 + int(where.group(1)) if where else start + 1
        raise IngestError(source, f"broken front matter: {str(err).split(' (at ')[0]}", line=line) from err
    except YAMLBoundsError as err:
        raise IngestError(source, f"front matter too large: {err}", line=start + 1) from err
    except yaml.YAMLError as err:
        problem, at = yaml_problem(err)
        line = start + 1 + at if at is not None else start + 1
        raise IngestError(source, f"broken front matter: {problem}", line=line) from err
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise IngestError(
            source, f"broken front matter: expected 'key: value' lines, found a {type(meta).__name__}", line=start + 2
        )
    meta = {str(k).strip().lower(): v for k, v in meta.items()}

    body = "\n".join(lines[end + 1 :]).strip()
    if body and not _HTML_BODY.match(body):
        body = markdown.markdown(body, extensions=["extra", "sane_lists"])

    doc = Document(source=source, format="front_matter", body_html=body)
    # titles are written for HTML by many generators: &amp; and &#39; are the characters they stand for
    doc.title = " ".join(html.unescape(_text(meta, "title")).split())
    if not doc.title and (named := title_from_name(source)):
        # Jekyll and Hexo title an untitled post after its file name
        doc.title = named
        doc.warnings.append("no title in the front matter; title taken from the file name")
    doc.author = _text(meta, "author")
    labels = list(
        dict.fromkeys(_flatten(meta.get("categories")) + _flatten(meta.get("category")) + _flatten(meta.get("tags")))
    )
    if len(labels) > MAX_LABELS:
        doc.warnings.append(f"{len(labels)} categories and tags; the first {MAX_LABELS} kept")
    doc.labels = labels[:MAX_LABELS]
    # the first absolute address: Hugo's `url:` and Jekyll's `permalink:` are the post's own path
    urls = (_text(meta, key) for key in _URL_KEYS)
    doc.url = next((url for url in urls if url.startswith(("http://", "https://"))), None)
    image = _text(meta, *_IMAGE_KEYS)
    if image.startswith(("http://", "https://", "//")):
        doc.lead_image = LeadImage(src=image)
    doc.lang = _text(meta, "lang", "language") or None  # checked by the pipeline

    # Who published it: an outlet the front matter names (a tag that merely mentions one does not
    # count), the site of its original address, else the blog the post belongs to.
    categories = _flatten(meta.get("categories")) + _flatten(meta.get("category"))
    profile, outlet = profiles.resolve(
        names=[_text(meta, "outlet", "source", "publisher"), doc.author, *categories],
        urls=[doc.url],
        folders=folders_of(source),
    )
    if site is not None and (
        outlet is None
        or outlet.key == registered_domain(site.url)
        or (outlet.key == registered_domain(doc.url) and _same_owner(doc.url, site.url))
    ):
        outlet = unprofiled_outlet([site.title], [site.url])
    doc.set_outlet(outlet)
    tz = (profile.timezone if profile else None) or (site.timezone if site else None)
    if tz and not known_zone(tz):
        doc.warnings.append(
            f"{site.source if site else 'source profile'}: timezone {tz[:40]!r} is not a time zone; ignored"
        )
        tz = None
    for key, attr in (("date", "date"), ("updated", "updated")):
        raw = _text(meta, key)
        if not raw or raw.casefold() in _NO_DATE:
            continue
        value = parse_date(raw, tz=tz, day_first=bool(profile and profile.day_first))
        if value is None:
            doc.warnings.append(f"front matter {key} {raw!r} is not a date I can read; left out")
        elif tz is None and lacks_zone(raw):
            doc.warnings.append(f"front matter {key} {raw!r} has no time zone; read as UTC")
        setattr(doc, attr, value)
    return doc
