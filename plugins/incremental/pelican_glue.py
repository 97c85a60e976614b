"""Incremental output: a writer that does not render a page whose inputs are unchanged since the
last build (its file still there), and removes pages the archive no longer has.

A page's key is the digest of: the theme, settings, languages and feeds; the template and output
file; everything passed for that page (articles by their render digest, tags …; for a paginated
listing only that page's slice); and, for pages drawn from the whole site (index, archives,
tags …), a digest of every article. The check happens per output file, inside Pelican's own
pagination, by handing Pelican a template that knows when it need not render."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
from pathlib import Path

from pelican.writers import Writer

from .digest import digest_of, files_digest

logger = logging.getLogger(__name__)

# Templates that show one subject, passed in their own arguments; every other page shows the site.
_SUBJECT_KEYS = ("article", "tag", "category", "listing_lang", "story")
_SHOWN_FIELDS = (
    "title", "url", "date", "undated", "archived", "lang", "dir", "summary_text", "reading_minutes",
    "outlet", "outlet_name", "cites_name", "byline", "original_url", "lead_image", "deck", "numbers",
)  # fmt: skip


def _neighbour(other) -> tuple:
    return (other.url, other.title, other.lang, other.dir, getattr(other, "outlet_name", "")) if other else ()


def add_render_digests(generator) -> None:
    """After tags, neighbours and story links are set: one digest of all an article page shows."""
    for article in generator.articles:
        linked = [(_neighbour(x.article), x.link) for x in getattr(article, "same_story", []) + getattr(article, "related", [])]
        story = getattr(article, "story", None)
        shown = (  # repr of plain values and dataclasses: one fast string, then one hash
            [getattr(article, f, None) for f in _SHOWN_FIELDS],
            hashlib.sha1(article.content.encode("utf-8")).hexdigest(),
            [(t.name, t.url) for t in getattr(article, "tags", [])],
            getattr(article, "category", None) and article.category.url,
            _neighbour(getattr(article, "newer", None)),
            _neighbour(getattr(article, "older", None)),
            linked,
            story and (story.url, story.tags),
        )
        article.render_digest = hashlib.sha1(repr(shown).encode("utf-8")).hexdigest()
    generator.context["_site_digest"] = digest_of(generator.articles)


class _Unchanged(Exception):
    pass


class _KnowingTemplate:
    """Wraps a Jinja template: renders only when the page's key differs from the last build's."""

    def __init__(self, template, writer: IncrementalWriter, base: str, lists: dict) -> None:
        self.template, self.writer, self.base, self.lists = template, writer, base, lists
        self.name = getattr(template, "name", None)

    def render(self, localcontext: dict) -> str:
        name = localcontext["output_file"]
        pages = [(k, localcontext[f"{k}_page"]) for k in self.lists if f"{k}_page" in localcontext]
        shown = [(k, p.number, p.paginator.num_pages, p.object_list) for k, p in pages] if pages else self.lists
        key = digest_of([self.base, name, shown])
        self.writer.keys[name] = key
        if self.writer.previous.get(name) == key and (Path(self.writer.output_path) / name).is_file():
            self.writer.unchanged.add(os.path.normpath(os.path.join(self.writer.output_path, name)))
            return ""
        return self.template.render(localcontext)


class IncrementalWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.manifest = Path(output_path) / ".incremental.json"
        try:
            self.previous = json.loads(self.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.previous = {}
        self.keys: dict[str, str] = {}
        self.unchanged: set[str] = set()
        theme = Path(settings["THEME"])
        self._global = digest_of([
            files_digest(p for p in theme.rglob("*") if "screenshots" not in p.parts),
            {k: v for k, v in settings.items() if isinstance(v, (str, int, float, bool, list, tuple, dict, type(None)))},
        ])

    def _open_w(self, filename, encoding, override=False):
        if os.path.normpath(filename) in self.unchanged:
            return contextlib.nullcontext(io.StringIO())  # the file on disk is already this page
        return super()._open_w(filename, encoding, override)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None, override_output=False, url=None, **kwargs):
        if not name:
            return None
        lists = paginated if paginated is not None else {k: v for k, v in kwargs.items() if k in ("articles", "dates")}
        subject = any(key in kwargs for key in _SUBJECT_KEYS)
        base = digest_of([
            self._global,
            None if subject else context.get("_site_digest"),
            sorted(context.get("articles_by_language", {})),
            [(s.kind, s.key, s.title) for s in context.get("feed_specs", [])],
            getattr(template, "name", str(template)), relative_urls, template_name, url,
            {k: v for k, v in kwargs.items() if k not in lists},
        ])
        knowing = _KnowingTemplate(template, self, base, lists)
        return super().write_file(name, knowing, context, relative_urls, paginated, template_name, override_output, url, **kwargs)

    def finish(self) -> None:
        """Remove pages of the last build that this one no longer has; save the keys."""
        stale = set(self.previous) - set(self.keys)
        for name in stale:
            path = Path(self.output_path) / name
            if path.is_file():
                path.unlink()
        self.manifest.write_text(json.dumps(self.keys), encoding="utf-8")
        logger.info("incremental: %d of %d pages unchanged, %d stale removed", len(self.unchanged), len(self.keys), len(stale))


_writer: IncrementalWriter | None = None


class _Registered(IncrementalWriter):
    def __init__(self, output_path, settings=None):
        global _writer
        super().__init__(output_path, settings=settings)
        _writer = self


def get_writer(pelican):
    return _Registered


def finish(pelican) -> None:
    global _writer
    if _writer is not None:
        _writer.finish()
        _writer = None
