"""Incremental output: a writer that skips rendering a page whose inputs are unchanged since the
last build (its file still there), and removes pages the archive no longer has.

A page's key is the digest of: the theme, settings and vocabulary; the template and output name;
everything passed for that page (articles by their render digest, tags, pagination); and, for
pages drawn from the whole site (index, archives, tags …), a digest of every article."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from pelican import signals
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
    site = []
    for article in generator.articles:
        linked = [(_neighbour(x.article), x.link) for x in getattr(article, "same_story", []) + getattr(article, "related", [])]
        story = getattr(article, "story", None)
        article.render_digest = digest_of([
            [getattr(article, f, None) for f in _SHOWN_FIELDS],
            digest_of(article.content),
            [(t.name, t.url) for t in getattr(article, "tags", [])],
            getattr(article, "category", None) and article.category.url,
            _neighbour(getattr(article, "newer", None)),
            _neighbour(getattr(article, "older", None)),
            linked,
            story and (story.url, story.tags),
        ])
        site.append(article.render_digest)
    generator.context["_site_digest"] = digest_of(site)


class IncrementalWriter(Writer):
    manifest_name = "incremental-manifest.json"

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._manifest_path = Path(settings.get("INCREMENTAL_MANIFEST") or Path(output_path) / ".incremental.json")
        try:
            self._previous = json.loads(self._manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._previous = {}
        self._current: dict[str, dict] = {}
        self._written: list[str] = []
        self.skipped = 0
        theme = Path(settings["THEME"])
        self._global = digest_of([
            files_digest(p for p in theme.rglob("*") if "screenshots" not in p.parts),
            {k: v for k, v in settings.items() if isinstance(v, (str, int, float, bool, list, tuple, dict, type(None)))},
        ])
        signals.content_written.connect(self._record)

    def _record(self, path, context=None) -> None:
        self._written.append(os.path.relpath(path, self.output_path))

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None, override_output=False, url=None, **kwargs):
        if not name:
            return None
        subject = any(key in kwargs for key in _SUBJECT_KEYS)
        key = digest_of([
            self._global,
            context.get("_site_digest") if not subject else None,
            sorted(context.get("articles_by_language", {})),
            [(s.kind, s.key, s.title) for s in context.get("feed_specs", [])],
            getattr(template, "name", str(template)), name, relative_urls, template_name, url,
            kwargs, paginated,
        ])
        before = self._previous.get(name)
        if before and before["key"] == key and all((Path(self.output_path) / p).is_file() for p in before["files"]):
            self._current[name] = before
            self.skipped += len(before["files"])
            return None
        self._written = []
        result = super().write_file(name, template, context, relative_urls, paginated, template_name, override_output, url, **kwargs)
        self._current[name] = {"key": key, "files": list(self._written)}
        return result

    def finish(self) -> None:
        """Remove pages of the last build that this one no longer has; save the manifest."""
        kept = {f for entry in self._current.values() for f in entry["files"]}
        stale = {f for entry in self._previous.values() for f in entry["files"]} - kept
        for relative in stale:
            path = Path(self.output_path) / relative
            if path.is_file():
                path.unlink()
        self._manifest_path.parent.mkdir(parents=True, exist_ok=True)
        self._manifest_path.write_text(json.dumps(self._current), encoding="utf-8")
        if self.skipped:
            logger.info("incremental: %d unchanged pages kept, %d stale removed", self.skipped, len(stale))


_writer: IncrementalWriter | None = None


def get_writer(pelican):
    return _Factory


class _Factory(IncrementalWriter):
    def __init__(self, output_path, settings=None):
        global _writer
        super().__init__(output_path, settings=settings)
        _writer = self


def finish(pelican) -> None:
    global _writer
    if _writer is not None:
        _writer.finish()
        signals.content_written.disconnect(_writer._record)
        _writer = None
