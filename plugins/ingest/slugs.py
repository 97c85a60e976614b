"""ASCII slugs that are readable, bounded, unique and stable between builds."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from scripts import ARABIC_MARKS, TATWEEL
from slugify import slugify

MAX_LENGTH = 60
# Arabic harakat, superscript alef and tatweel: transliterated, they split words apart.
_ARABIC_MARKS = re.compile(f"[{ARABIC_MARKS}{TATWEEL}]")


def make_slug(title: str, fallback: str = "") -> str:
    for text in (title, fallback):
        slug = slugify(_ARABIC_MARKS.sub("", text or ""), max_length=MAX_LENGTH, word_boundary=True)
        if slug:
            return slug
    return "article-" + _short_hash(title + fallback)


def _short_hash(text: str, length: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


SUFFIX = 8  # hex digits of the path hash every slug ends with

# Names of the listings beside tag and outlet pages (tags/index.html, outlets/index.html): no tag or
# outlet may take them. Later pages of a listing are in a folder of their own (PAGINATION_PATTERNS),
# so a slug never meets another listing's page 2 (tags/iraq2.html).
RESERVED_SLUGS = frozenset({"index"})
_SPELLED = re.compile(r"[\s_-]+")


def listing_slug(name: str, slug: str) -> str:
    """The slug of a tag or outlet page. The plain slug when it spells the name itself (Joe Biden →
    joe-biden); else (a transliteration, 伊拉克 → yi-la-ke; characters lost, C++ → c; a reserved name)
    that slug and a hash of the name: two names that slugify alike (C and C++, 伊拉克 and 依拉克) never
    share a page, and a name keeps its slug whatever other tags exist."""
    if slug and slug not in RESERVED_SLUGS and slug == _SPELLED.sub("-", name.casefold()).strip("-"):
        return slug
    stem = slug[: MAX_LENGTH - SUFFIX - 1].rstrip("-") or "tag"
    return f"{stem}-{_short_hash(name, SUFFIX)}"


def unique_slugs(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{source: slug} from (source, wanted slug) pairs: every slug ends with a hash of its own
    source path. A slug that depended on which other files share its title (first come keeps it
    bare) would change when one of them is added or removed, or differ between a rebuild and a
    clean build; this one depends on the article alone. Only two files with the same title *and*
    the same 32-bit path hash (about one in four billion pairs) both take a longer hash."""
    pairs = list(items)
    length = {source: SUFFIX for source, _ in pairs}
    while True:
        out = {source: _with_suffix(slug, source, length[source]) for source, slug in pairs}
        owners: dict[str, list[str]] = {}
        for source, final in out.items():
            owners.setdefault(final, []).append(source)
        clashes = [sources for sources in owners.values() if len(sources) > 1]
        if not clashes:
            return out
        for sources in clashes:
            for source in sources:
                length[source] += 4


def _with_suffix(slug: str, source: str, length: int) -> str:
    stem = slug[: MAX_LENGTH - length - 1].rstrip("-")
    return f"{stem}-{_short_hash(source, length)}" if stem else _short_hash(source, length)
