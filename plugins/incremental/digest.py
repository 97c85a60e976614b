"""Digests of what a page shows, so an unchanged page is not rendered again (pure)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

_SIMPLE = (str, int, float, bool, type(None), datetime, date, timedelta, timezone)


def digest_of(value, depth: int = 0, field: str = "render_digest") -> str:
    """A stable digest of template inputs. Objects that carry a `render_digest` (articles) use it;
    Pelican tags and categories their name and URL; a page of a paginated listing its number, its
    address and its articles; a paginator its counts; anything unknown makes the digest unique, so
    the page is rendered (never skipped wrongly)."""
    h = hashlib.sha1()
    _feed(h, value, depth, field)
    return h.hexdigest()


def stable_digest(value, field: str = "render_digest") -> str | None:
    """digest_of, or None when it could not describe the value (is_stable false): one walk, not two."""
    h = _Probe()
    _feed(h, value, 0, field)
    return None if h.unknown else h.hash.hexdigest()


def keys_digest(value) -> str:
    """What `{% for x in mapping %}` shows of a mapping: its keys, in order."""
    return digest_of(list(value) if isinstance(value, Mapping) else value)


def is_stable(value) -> bool:
    """False when digest_of could not describe the value (the page must then always be rendered)."""
    return stable_digest(value) is not None


class _Probe:
    """A hash that notes whether anything fed to it was unknown."""

    unknown = False

    def __init__(self) -> None:
        self.hash = hashlib.sha1()

    def update(self, data: bytes) -> None:
        if data.startswith(b"?:"):
            self.unknown = True
        self.hash.update(data)


def _feed(h, value, depth: int, field: str) -> None:
    if isinstance(value, (_SIMPLE, tzinfo)):
        h.update(f"{type(value).__name__}:{value!r}\x1f".encode())
    elif hasattr(value, "render_digest"):
        h.update(f"A:{getattr(value, field, value.render_digest)}\x1f".encode())
    elif (
        hasattr(value, "__dataclass_fields__") and depth < 8
    ):  # before the Tag test: a story has a slug, name and url too
        h.update(type(value).__name__.encode())
        for name in value.__dataclass_fields__:
            _feed(h, getattr(value, name), depth + 1, field)
    elif hasattr(value, "slug") and hasattr(value, "name") and hasattr(value, "url"):  # Tag, Category
        h.update(f"U:{value.name}|{value.slug}|{value.url}\x1f".encode())
    elif hasattr(value, "object_list") and hasattr(value, "number") and hasattr(value, "paginator"):  # a page
        h.update(f"P:{value.number}|{value.paginator.num_pages}|{value.url}|{value.save_as}\x1f".encode())
        _feed(h, value.object_list, depth + 1, field)
    elif hasattr(value, "num_pages") and hasattr(value, "per_page") and hasattr(value, "count"):  # paginator
        h.update(f"N:{value.num_pages}|{value.per_page}|{value.count}\x1f".encode())
    elif depth < 8 and isinstance(value, Mapping):
        for key in sorted(value, key=str):
            h.update(f"K:{key}\x1f".encode())
            _feed(h, value[key], depth + 1, field)
    elif isinstance(value, (list, tuple)) and value and all(hasattr(x, "render_digest") for x in value):
        # the common case, lists of articles: one update, not one recursion per article
        h.update(("AL:" + ",".join(getattr(x, field, x.render_digest) for x in value) + "\x1f").encode())
    elif depth < 8 and isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        h.update(f"L{len(items)}\x1f".encode())
        for item in items:
            _feed(h, item, depth + 1, field)
    else:
        h.update(f"?:{id(value)}:{object.__repr__(value)}\x1f".encode())  # unknown: always different


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """Digest of files' names (relative to `root` when given) and contents."""
    h = hashlib.sha1()
    for path in sorted(paths):
        if path.is_file():
            name = path.relative_to(root).as_posix() if root else str(path)
            h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()
