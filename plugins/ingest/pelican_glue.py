"""Pelican glue, and the only module here that imports Pelican: a reader that hands files to the
ingestion core, and signal handlers for duplicates, slugs and the ingest report."""

from __future__ import annotations

import dataclasses
import html
import logging
import os
from datetime import UTC, datetime
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Category, Tag
from pelican.readers import BaseReader
from tagging.pelican_glue import vocabulary_path  # sibling plugin: where tags.yml is

from .batch import IngestCache, Result, code_version, ingest_file, ingest_many
from .bodies import BodyStore
from .document import Document, IngestError
from .language import SUPPORTED
from .pipeline import IngestOptions
from .profiles import SourceProfiles
from .progress import BuildProgress
from .report import IngestReport, StrictModeError
from .slugs import make_slug, unique_slugs

logger = logging.getLogger(__name__)

EXTENSIONS = ("txt", "md", "markdown", "html", "htm")
# Pelican cannot order an article without a date. Undated articles get this value for ordering
# only; templates, feeds and the report show them as undated (see `undated` metadata).
UNDATED_SORT_DATE = datetime(1970, 1, 1, tzinfo=UTC)

DEFAULTS = {
    "INGEST_LANGUAGES": list(SUPPORTED),
    "INGEST_SOURCE_PROFILES": "sources.yml",  # relative to the content folder; optional
    "INGEST_DATA_FILES": ["sources.yml", "tags.yml"],  # content files that are settings, not articles
    "INGEST_IGNORED_LABELS": ["新闻", "新媒体", "news", "uncategorized", "未分类"],
    "INGEST_REPORT": "ingest-report.json",
    "INGEST_STRICT": False,
    "INGEST_CACHE": None,  # path of the ingestion cache (SQLite); None: no cache
    "INGEST_WORKERS": None,  # processes for ingestion; None: one per CPU
}


class BuildState:
    """What one build learns about its files, from the reader to the report."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings
        self.content = Path(settings["PATH"])
        self.profiles = SourceProfiles.load(self.content / settings["INGEST_SOURCE_PROFILES"])
        vocabulary = vocabulary_path(settings)
        self.options = IngestOptions(
            languages=tuple(settings["INGEST_LANGUAGES"]),
            vocabulary=str(vocabulary) if vocabulary else None,
            min_body_mentions=settings.get("TAG_MIN_BODY_MENTIONS", 2),
        )
        self.ignored_labels = {label.casefold() for label in settings["INGEST_IGNORED_LABELS"]}
        self.report = IngestReport()
        self.published: dict = {}  # source → Pelican article, once duplicates are out
        self.prepared: dict[str, Document | IngestError] = {}  # absolute path → result, ingested ahead
        self.progress = BuildProgress()
        self.bodies = BodyStore()  # article bodies, on disk until their page is written

    def lighten(self, result: Result) -> Result:
        """The result without its body, which goes to the body store."""
        if isinstance(result, Document) and result.body_html:
            self.bodies.put(result.source, result.body_html)
            return dataclasses.replace(result, body_html="")
        return result

    def source_of(self, filename: str) -> str:
        return Path(os.path.relpath(filename, self.content)).as_posix()

    def prepare(self, paths: list[str]) -> None:
        """Ingest every article file before Pelican asks for them one by one: cached results
        first, the rest in a process pool."""
        profiles_file = self.content / self.settings["INGEST_SOURCE_PROFILES"]
        cache_path = self.settings["INGEST_CACHE"]
        cache = IngestCache(Path(cache_path)) if cache_path else None
        self.progress.start_ingest(len(paths))
        try:
            self.prepared, hits = ingest_many(
                [(path, self.source_of(path)) for path in paths],
                profiles=self.profiles,
                profiles_files=(profiles_file,),
                options=self.options,
                cache=cache,
                version=code_version(profiles_file, self.options),
                workers=self.settings["INGEST_WORKERS"] or os.cpu_count() or 1,
                progress=self.progress.ingested,
                keep=self.lighten,
            )
        finally:
            if cache:
                cache.close()
        logger.info("ingest: %d files, %d from the cache", len(paths), hits)


_state: BuildState | None = None


def _settings_with_defaults(settings: dict) -> dict:
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    return settings


def _current_state(settings: dict) -> BuildState:
    """The state `_start_build` made for this build (or one made on first use, for a reader
    driven without Pelican's `initialized` signal)."""
    global _state
    if _state is None:
        _state = BuildState(_settings_with_defaults(settings))
    return _state


class ArchiveReader(BaseReader):
    """Every article file, whatever its extension says, goes through the ingestion core."""

    enabled = True
    file_extensions = list(EXTENSIONS)

    def read(self, filename: str) -> tuple[str, dict]:
        state = _current_state(self.settings)
        source = state.source_of(filename)
        doc = state.prepared.pop(os.path.abspath(filename), None) or ingest_file(filename, source, state.profiles, state.options)
        doc = state.lighten(doc)
        if isinstance(doc, IngestError):
            logger.error("ingest: rejected %s", doc)
            state.report.rejected(source, doc.report_reason)
            return "", {"status": "skip"}
        for warning in doc.warnings:
            logger.warning("ingest: %s: %s", source, warning)
        state.report.read(doc)
        # the body stays in the body store: `StoredBodyArticle` reads it when a page needs it
        return "", self._metadata(doc, state)

    def _metadata(self, doc: Document, state: BuildState) -> dict:
        profile = state.profiles.get(doc.outlet)
        cited = state.profiles.get(doc.cites)
        outlet_names = {doc.outlet, *(profile.aliases if profile else ())} - {None}
        labels = [
            label
            for label in doc.labels
            if label.casefold() not in state.ignored_labels and state.profiles.by_name(label) is None
        ]
        meta = {
            "title": doc.title,
            "date": doc.date or doc.archived or UNDATED_SORT_DATE,
            "undated": doc.date is None,
            "archived": doc.archived,
            "lang": doc.lang or self.settings["DEFAULT_LANG"],
            "dir": doc.dir,
            "slug": make_slug(doc.title, Path(doc.source).stem),
            "summary": html.escape(doc.summary),
            "summary_text": doc.summary,
            "reading_minutes": doc.reading_minutes,
            "numbers": doc.numbers,
            "tag_keys": doc.tags,
            "outlet": doc.outlet,
            "outlet_name": profile.name(doc.lang) if profile else "",
            "cites_name": cited.name(doc.lang) if cited else "",
            "original_url": doc.url,
            "lead_image": doc.lead_image,
            "deck": doc.deck,
            "byline": doc.author if doc.author not in outlet_names else "",
            "source_format": doc.format,
            "source_file": doc.source,
            "tags": [Tag(label, self.settings) for label in labels],
        }
        if profile:
            meta["category"] = Category(profile.name("en"), self.settings)
        if doc.updated:
            meta["modified"] = doc.updated
        return meta


class StoredBodyArticle(Article):
    """An article whose body is read from the build's body store each time it is used (the
    article page, its feed entries), never kept: Pelican memoizes `get_content` for the whole
    process, which would hold every body until the build ends."""

    @property
    def _content(self) -> str:
        return self._bodies.get(self.source_file)

    @_content.setter
    def _content(self, value: str) -> None:
        if value:
            self._bodies.put(self.source_file, value)

    def get_content(self, siteurl: str) -> str:
        return self._update_content(self._content, siteurl)


def _store_body(content) -> None:
    """Each article of this reader becomes a `StoredBodyArticle` as soon as Pelican made it."""
    if type(content) is Article and getattr(content, "source_file", None) and _state is not None:
        content.__dict__.pop("_content", None)
        content._bodies = _state.bodies
        content.__class__ = StoredBodyArticle


def _add_reader(readers) -> None:
    for ext in EXTENSIONS:
        readers.reader_classes[ext] = ArchiveReader


def _start_build(pelican) -> None:
    global _state
    _state = BuildState(_settings_with_defaults(pelican.settings))


def _prepare_articles(generator) -> None:
    """Right after the articles generator is made: ingest the very files it will read."""
    state = _current_state(generator.settings)
    files = generator.get_files(generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"])
    state.prepare(sorted(os.path.abspath(os.path.join(generator.path, f)) for f in files))


def _page_written(path, context=None) -> None:
    if _state is not None:
        _state.progress.written()


def _dedupe_and_slug(generator) -> None:
    """Same article twice: the first in path order is published, the others reported.
    Then slugs are made unique, first come first served in path order."""
    state = _current_state(generator.settings)
    kept, seen = [], {}
    for article in sorted(generator.articles, key=lambda a: a.source_file):
        keys = [("text", state.report.fingerprints[article.source_file])]
        if article.original_url:
            keys.append(("url", article.original_url.rstrip("/").split("://", 1)[-1].removeprefix("www.")))
        original = next((seen[k] for k in keys if k in seen), None)
        if original is not None:
            state.report.duplicate(article.source_file, original)
            logger.warning("ingest: %s is a copy of %s; published once", article.source_file, original)
            continue
        for key in keys:
            seen[key] = article.source_file
        kept.append(article)
    slugs = unique_slugs((a.source_file, a.slug) for a in kept)
    for article in kept:
        article.slug = slugs[article.source_file]
        # the address is final now: freeze it, Pelican would format it anew at every use
        article.override_url = article.url
        article.override_save_as = article.save_as
    state.published = {a.source_file: a for a in kept}
    # newest first, ties (undated articles share one sort date) by path: Pelican reads files from a
    # set, and without a tie-breaker previous/next links would change from build to build
    generator.articles = sorted(kept, key=lambda a: (a.date, a.source_file), reverse=True)


def _write_report(pelican) -> None:
    state = _current_state(pelican.settings)
    settings = pelican.settings
    state.report.finish(
        content=state.content,
        published_urls={source: article.save_as for source, article in state.published.items()},
        extensions=EXTENSIONS,
        ignore=settings.get("IGNORE_FILES", []),
        data_files=settings["INGEST_DATA_FILES"],
        static_paths=settings.get("STATIC_PATHS", []),
    )
    path = Path(settings["OUTPUT_PATH"]) / settings["INGEST_REPORT"]
    state.report.write(path)
    state.progress.stop()
    state.bodies.close()
    print(state.report.summary_line(path))
    rejected = state.report.counts()["rejected"]
    if settings["INGEST_STRICT"] and rejected:
        raise StrictModeError(f"{rejected} file(s) rejected and STRICT is on; see {path}")


def register() -> None:
    signals.initialized.connect(_start_build)
    signals.readers_init.connect(_add_reader)
    signals.article_generator_init.connect(_prepare_articles)
    signals.content_written.connect(_page_written)
    signals.content_object_init.connect(_store_body)
    signals.article_generator_pretaxonomy.connect(_dedupe_and_slug)
    signals.finalized.connect(_write_report)
