"""ASCII slugs that are readable, bounded, unique and stable between builds."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from slugify import slugify

MAX_LENGTH = 60
# Arabic harakat, superscript alef and tatweel: transliterated, they split words apart.
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def make_slug(title: str, fallback: str = "") -> str:
    for text in (title, fallback):
        slug = slugify(_ARABIC_MARKS.sub("", text or ""), max_length=MAX_LENGTH, word_boundary=True)
        if slug:
            return slug
    return "article-" + _short_hash(title + fallback)


def _short_hash(text: str, length: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def unique_slugs(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{source: slug} from (source, wanted slug) pairs. The first source in path order keeps the
    slug; the others get a suffix from a hash of their own path, so it never changes when other
    files come and go."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for source, slug in sorted(items):
        final, length = slug, 6
        while final in taken:  # a longer hash when two paths share the short one (large archives)
            final = f"{slug[: MAX_LENGTH - length - 1]}-{_short_hash(source, length)}"
            length += 2
        taken.add(final)
        out[source] = final
    return out
