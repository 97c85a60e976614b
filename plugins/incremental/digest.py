"""Digests of what a page shows, so an unchanged page is not rendered again (pure)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path

_SIMPLE = (str, int, float, bool, type(None), datetime, date)


def digest_of(value, depth: int = 0) -> str:
    """A stable digest of template inputs. Objects that carry a `render_digest` (articles) use it;
    Pelican tags and categories their name and URL; anything unknown makes the digest unique, so
    the page is rendered (never skipped wrongly)."""
    h = hashlib.sha1()
    _feed(h, value, depth)
    return h.hexdigest()


def _feed(h, value, depth: int) -> None:
    if isinstance(value, _SIMPLE):
        h.update(f"{type(value).__name__}:{value!r}\x1f".encode())
    elif hasattr(value, "render_digest"):
        h.update(f"A:{value.render_digest}\x1f".encode())
    elif hasattr(value, "slug") and hasattr(value, "name") and hasattr(value, "url"):  # Tag, Category
        h.update(f"U:{value.name}|{value.url}\x1f".encode())
    elif depth < 6 and isinstance(value, Mapping):
        for key in sorted(value, key=str):
            h.update(f"K:{key}\x1f".encode())
            _feed(h, value[key], depth + 1)
    elif isinstance(value, (list, tuple)) and value and all(hasattr(x, "render_digest") for x in value):
        # the common case, lists of articles: one update, not one recursion per article
        h.update(("AL:" + ",".join(x.render_digest for x in value) + "\x1f").encode())
    elif depth < 6 and isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        h.update(f"L{len(items)}\x1f".encode())
        for item in items:
            _feed(h, item, depth + 1)
    elif hasattr(value, "__dataclass_fields__") and depth < 6:
        h.update(type(value).__name__.encode())
        for name in value.__dataclass_fields__:
            _feed(h, getattr(value, name), depth + 1)
    else:
        h.update(f"?:{id(value)}:{object.__repr__(value)}\x1f".encode())  # unknown: always different


def files_digest(paths: Iterable[Path]) -> str:
    h = hashlib.sha1()
    for path in sorted(paths):
        if path.is_file():
            h.update(str(path).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()
