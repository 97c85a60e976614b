"""Hexo/Jekyll markdown: YAML between `---` lines (possibly after blank lines), then HTML or markdown."""

from __future__ import annotations

import re

import markdown
import yaml

from ..dates import lacks_zone, parse_date
from ..document import Document, IngestError, LeadImage
from ..profiles import SourceProfiles
from ..text_blocks import folders_of
from ..yaml_bounds import YAMLBoundsError, load_bounded

_FENCE = re.compile(r"^---\s*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)\s*$")
_KEY = re.compile(r"^[\w-]+\s*:")
_HTML_BODY = re.compile(r"^\s*<(?:div|p|article|section|figure|h[1-6]|ul|ol|table|blockquote|img|main)\b", re.I)
_IMAGE_KEYS = ("headimg", "cover", "thumbnail", "image", "banner")
_URL_KEYS = ("link", "url", "original_url", "source_url", "permalink")
MAX_LABELS = 100  # categories and tags kept per file; more are dropped with a warning


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it
    """Safe YAML that leaves timestamps as text, so dates are read by one parser with time zones."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _opening(lines: list[str]) -> int | None:
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    return first if first is not None and _FENCE.match(lines[first]) else None


def sniff(text: str, profiles: SourceProfiles) -> float:
    lines = text.split("\n", 40)
    start = _opening(lines)
    if start is None:
        return 0.0
    following = lines[start + 1] if start + 1 < len(lines) else ""
    return 1.0 if _KEY.match(following) else 0.6


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


def parse(text: str, source: str, profiles: SourceProfiles) -> Document:
    lines = text.split("\n")
    start = _opening(lines)
    if start is None:
        raise IngestError(source, "front matter must start with a '---' line")
    end = next((i for i in range(start + 1, len(lines)) if _CLOSE.match(lines[i])), None)
    if end is None:
        raise IngestError(source, "broken front matter: the '---' block is never closed", line=start + 1)
    try:
        meta = load_bounded("\n".join(lines[start + 1 : end]), _Loader)
    except YAMLBoundsError as err:
        raise IngestError(source, f"front matter too large: {err}", line=start + 1) from err
    except yaml.YAMLError as err:
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err).split("\n")[0]
        line = start + 2 + mark.line if mark is not None else start + 1
        raise IngestError(source, f"broken front matter: {problem}", line=line) from err
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise IngestError(source, f"broken front matter: expected 'key: value' lines, found a {type(meta).__name__}", line=start + 2)
    meta = {str(k).strip().lower(): v for k, v in meta.items()}

    body = "\n".join(lines[end + 1 :]).strip()
    if body and not _HTML_BODY.match(body):
        body = markdown.markdown(body, extensions=["extra", "sane_lists"])

    doc = Document(source=source, format="front_matter", body_html=body)
    doc.title = " ".join(_text(meta, "title").split())
    doc.author = _text(meta, "author")
    labels = list(dict.fromkeys(_flatten(meta.get("categories")) + _flatten(meta.get("category")) + _flatten(meta.get("tags"))))
    if len(labels) > MAX_LABELS:
        doc.warnings.append(f"{len(labels)} categories and tags; the first {MAX_LABELS} kept")
    doc.labels = labels[:MAX_LABELS]
    url = _text(meta, *_URL_KEYS)
    doc.url = url if url.startswith(("http://", "https://")) else None
    image = _text(meta, *_IMAGE_KEYS)
    if image.startswith(("http://", "https://", "//")):
        doc.lead_image = LeadImage(src=image)
    if lang := _text(meta, "lang", "language"):
        doc.lang = lang.replace("_", "-").split("-")[0].lower()

    profile = profiles.identify(
        names=[_text(meta, "outlet", "source"), doc.author, *doc.labels],
        urls=[doc.url, image],
        folders=folders_of(source),
    )
    doc.outlet = profile.key if profile else None
    tz = profile.timezone if profile else None
    for key, attr in (("date", "date"), ("updated", "updated")):
        raw = _text(meta, key)
        if not raw:
            continue
        value = parse_date(raw, tz=tz, day_first=bool(profile and profile.day_first))
        if value is None:
            doc.warnings.append(f"front matter {key} {raw!r} is not a date I can read; left out")
        elif tz is None and lacks_zone(raw):
            doc.warnings.append(f"front matter {key} {raw!r} has no time zone; read as UTC")
        setattr(doc, attr, value)
    return doc
