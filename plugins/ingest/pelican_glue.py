"""Pelican glue, and the only module here that imports Pelican: a reader that hands files to the
ingestion core, and signal handlers for duplicates, slugs and the ingest report."""

from __future__ import annotations

import dataclasses
import fnmatch
import html
import logging
import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar, TypeVar

import blinker
from incremental.outputs import CACHE_DIR  # sibling plugin: where the output folder keeps build records
from pelican import signals
from pelican.contents import Article, Category, Tag
from pelican.readers import BaseReader
from tagging.pelican_glue import vocabulary_path  # sibling plugin: where tags.yml is
from tagging.settings import TagSettings
from tagging.tagger import tagger_for

from .batch import Cached, IngestCache, Result, code_version, ingest_file, ingest_many
from .bodies import BodyStore, body_digest
from .confine import Confinement, ContentFiles, OutsideError, inside, walk_content, within
from .document import Document, IngestError
from .hygiene import shown
from .language import MODELS
from .pipeline import IngestOptions
from .profiles import SourceProfiles
from .progress import BuildProgress
from .record import ArticleRecord
from .report import IngestReport, StrictModeError
from .settings import IngestSettings
from .site_config import SiteConfigs
from .slugs import listing_slug, unique_slugs
from .yaml_bounds import DataFileError, as_data_file_error

logger = logging.getLogger(__name__)

EXTENSIONS = ("txt", "md", "markdown", "html", "htm")
# Pelican cannot order an article without a date. Undated articles get this value for ordering
# only; templates, feeds and the report show them as undated (see `undated` metadata).
UNDATED_SORT_DATE = datetime(1970, 1, 1, tzinfo=UTC)


_Wrapper = TypeVar("_Wrapper", Tag, Category)


class BuildState:
    """What one build learns about its files, from the reader to the report."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings  # Pelican's own (PATH, DEFAULT_LANG …)
        self.config = config = IngestSettings.of(settings)  # this plugin's, checked
        self.content = Path(settings["PATH"])
        self._content_prefix = os.path.join(os.path.abspath(self.content), "")  # ends with the separator
        self.profiles_file: Path | None = self.content / config.ingest_source_profiles
        if self.profiles_file.exists() and not within(self.content, self.profiles_file):
            logger.error("ingest: %s leads outside the content folder; not read", config.ingest_source_profiles)
            self.profiles_file = None
        self.report = IngestReport()
        try:
            self.profiles = SourceProfiles.load(*filter(None, [self.profiles_file]))
        except Exception as err:  # noqa: BLE001 (the archivist's file is broken: say so, build with the built-in ones)
            err = as_data_file_error(self.profiles_file, err)
            logger.error("ingest: %s; the built-in source profiles are used", shown(err))
            self._data_file_unread(config.ingest_source_profiles, err)
            self.profiles_file, self.profiles = None, SourceProfiles.load()
        vocabulary = vocabulary_path(settings)
        min_body_mentions = TagSettings.of(settings).tag_min_body_mentions
        if vocabulary is not None:
            try:
                tagger_for(str(vocabulary), min_body_mentions)  # loaded here once, used by tagging and ingestion
            except Exception as err:  # noqa: BLE001 (the tagging plugin says so in the log; the report lists its files)
                err = as_data_file_error(vocabulary, err)
                if within(self.content, vocabulary):
                    self._data_file_unread(self.source_of(str(vocabulary)), err)
                vocabulary = None
        self.options = IngestOptions(
            languages=tuple(config.ingest_languages),
            vocabulary=str(vocabulary) if vocabulary else None,
            min_body_mentions=min_body_mentions,
            max_bytes=config.ingest_max_file_size,
            time_limit=config.ingest_time_limit,
            content_root=str(self.content),
        )
        self.ignored_labels = {label.casefold() for label in config.ingest_ignored_labels}
        self.published: dict = {}  # source → Pelican article, once duplicates are out
        self.prepared: dict[str, Document | IngestError] = {}  # absolute path → result, ingested ahead
        self.progress = BuildProgress()
        self.sites = SiteConfigs(self.content)  # blog configurations (_config.yml …) by folder
        self._content_files: ContentFiles | None = None
        # article bodies, on disk until their page is written; Pelican's own pattern says which
        # hold links it resolves per page ({filename}, {static} …): only those are read back for them
        intrasite = Article._get_intrasite_link_regex(SimpleNamespace(settings=settings))
        self.link_pattern = intrasite.pattern  # what `links` looks for: the ingestion cache records it per body
        self.links: Callable[[str], bool] = lambda html: intrasite.search(html) is not None
        self.bodies = BodyStore(_scratch(settings), links=self.links)
        self.unmade: list = []  # articles whose page could not be made (rejected while pages are written)
        self._wrappers: dict[tuple[type, str], Any] = {}  # see _wrapper
        self._as_read: dict[str, Category] = {}  # see one_category_per_name

    def _data_file_unread(self, source: str, err: DataFileError) -> None:
        self.report.rejected(source, f"data file not read: {str(err).removeprefix(str(self.content / source) + ': ')}")

    @property
    def content_files(self) -> ContentFiles:
        """The files Pelican may read: inside the content folder once links are resolved."""
        if self._content_files is None:
            ignores = self.settings.get("IGNORE_FILES", [])
            output = os.path.realpath(self.settings["OUTPUT_PATH"])
            if within(self.content, output):  # its pages would come back as articles in the next build
                logger.warning("ingest: the output folder %s is inside the content folder; not read", shown(output))
            self._content_files = walk_content(
                self.content, lambda name: any(fnmatch.fnmatch(name, p) for p in ignores), leave_out={output}
            )
        return self._content_files

    def lighten(self, result: Result, cached: Cached | None = None) -> Result:
        """The result without its body, which goes to the body store, or stays in the ingestion
        cache when it came from there (`cached`: it comes without it)."""
        if cached is not None and isinstance(result, Document):
            self.bodies.refer(result.source, cached.key, cached.facts)
        elif isinstance(result, Document) and result.body_html:
            self.bodies.put(result.source, result.body_html)
            return dataclasses.replace(result, body_html="")
        return result

    def tags_of(self, labels: list[str]) -> list[Tag]:
        """The labels as tags, the first of those that share a page ("tehran times", "Tehran-Times")."""
        tags: dict[str, Tag] = {}
        for label in labels:
            tag = self._wrapper(Tag, label)
            tags.setdefault(tag.slug, tag)
        return list(tags.values())

    def category(self, name: str) -> Category:
        return self._wrapper(Category, name)

    def _wrapper(self, kind: type[_Wrapper], name: str) -> _Wrapper:
        """One tag or category object per name and build, with a slug of its own (see listing_slug):
        Pelican makes a slug anew for each object (a third of reading an article's metadata)."""
        if (found := self._wrappers.get((kind, name))) is None:
            found = self._wrappers[(kind, name)] = kind(name, self.settings)
            found.slug = listing_slug(name, found.slug)
        return found

    def one_category_per_name(self, category: Category) -> Category:
        """The first of the categories Pelican made with this name (the default one, a folder's):
        it makes one for every file it reads, and slugifies each one's name again when the
        article's address is formatted (a tenth of settling 20,000 addresses)."""
        if self._wrappers.get((Category, category.name)) is category:
            return category  # an outlet's, with its own slug (see _wrapper)
        return self._as_read.setdefault(category.name, category)

    def source_of(self, filename: str) -> str:
        prefix = self._content_prefix
        # the usual case without relpath's work: a plain path under the folder, POSIX separators
        if os.sep == "/" and filename.startswith(prefix) and "/." not in filename and "//" not in filename:
            return filename[len(prefix) :]
        return Path(os.path.relpath(filename, self.content)).as_posix()

    def prepare(self, paths: list[str]) -> None:
        """Ingest every article file before Pelican asks for them one by one: cached results
        first, the rest in a process pool."""
        for source, reason in self.content_files.refused.items():
            logger.error("ingest: refused %s: %s", shown(source), shown(reason))
            self.report.rejected(source, reason)
        profiles_file = self.profiles_file
        cache_path = self.config.ingest_cache
        # bodies of cached results are read from the cache when a page needs them, on any thread
        cache = IngestCache(Path(cache_path), any_thread=True, links=self.links) if cache_path else None
        self.progress.start_ingest(len(paths))
        try:
            self.prepared, hits = ingest_many(
                [(path, self.source_of(path)) for path in paths],
                profiles=self.profiles,
                profiles_files=(profiles_file,) if profiles_file else (),
                options=self.options,
                cache=cache,
                version=code_version(profiles_file, self.options, extra=self.link_pattern),
                workers=self.config.ingest_workers or os.cpu_count() or 1,
                sites=self.sites,
                progress=self.progress.ingested,
                keep=self.lighten,
            )
        except BaseException:
            if cache:
                cache.close()
            raise
        MODELS.release_unasked()  # a preloaded model no file of this process needed (see _start_build)
        if cache:
            self.bodies.read_from(cache.body, cache.close)  # closed with the body store
        logger.info("ingest: %d files, %d from the cache", len(paths), hits)


# This build's BuildState, kept in the settings and the shared context of the Pelican object that
# runs it (both dicts belong to that object alone): two Pelican objects in one process, or the runs
# of `pelican -r`, never see each other's state. Keys starting with "_" are left out of page keys.
STATE_KEY = "_INGEST_BUILD_STATE"


def _current_state(settings: dict) -> BuildState:
    """The state `_prepare_articles` made for this build (or one made on first use, for a reader
    driven without the articles generator)."""
    state = settings.get(STATE_KEY)
    if state is None:
        state = settings[STATE_KEY] = BuildState(settings)
    return state


def state_of(mapping: dict) -> BuildState | None:
    """This build's state, from its settings or a page's context (None outside a build)."""
    return mapping.get(STATE_KEY)


class ArchiveReader(BaseReader):
    """Every article file, whatever its extension says, goes through the ingestion core."""

    enabled = True
    file_extensions: ClassVar[list[str]] = list(EXTENSIONS)

    def read(self, filename: str) -> tuple[str, dict]:
        state = _current_state(self.settings)
        source = state.source_of(filename)
        doc = state.prepared.pop(os.path.abspath(filename), None)
        if doc is None:  # a file not listed ahead (a reader driven by hand): check and read it now
            reason = _outside_reason(state, filename)
            site = state.sites.for_source(source)
            doc = (
                IngestError(source, reason)
                if reason
                else ingest_file(filename, source, state.profiles, state.options, site)
            )
        doc = state.lighten(doc)
        if isinstance(doc, Document):
            try:
                meta = self._metadata(doc, state)
            except Exception as err:  # noqa: BLE001 (one file never stops the build)
                doc = IngestError(source, f"metadata could not be made: {type(err).__name__}: {str(err)[:200]}")
        if isinstance(doc, IngestError):
            logger.error("ingest: rejected %s", shown(doc))
            state.report.rejected(source, doc.report_reason)
            return "", {"status": "skip"}
        for warning in doc.warnings:
            logger.warning("ingest: %s: %s", shown(source), shown(warning))
        state.report.read(doc)
        # the body stays in the body store: `StoredBodyArticle` reads it when a page needs it
        return "", meta

    def _metadata(self, doc: Document, state: BuildState) -> dict:
        profile = state.profiles.get(doc.outlet)
        cited = state.profiles.get(doc.cites)
        outlet_names = {doc.outlet, *(profile.aliases if profile else ())} - {None}
        labels = [
            label
            for label in doc.labels
            if label.casefold() not in state.ignored_labels and state.profiles.by_name(label) is None
        ]
        record = ArticleRecord(
            source_file=doc.source,
            title=doc.title,
            lang=doc.lang or self.settings["DEFAULT_LANG"],
            dir=doc.dir,
            date=doc.date,
            archived=doc.archived,
            modified=doc.updated,
            deck=doc.deck,
            summary_text=doc.summary,
            reading_minutes=doc.reading_minutes,
            numbers=tuple(doc.numbers),
            tag_keys=tuple(doc.tags),
            outlet=doc.outlet,
            outlet_name=profile.name(doc.lang) if profile else doc.outlet_name,
            outlet_names=dict(profile.names) if profile else {},  # the theme names it in each page's language
            cites_name=cited.name(doc.lang) if cited else "",
            original_url=doc.url,
            lead_image=doc.lead_image,
            byline=doc.author if doc.author not in outlet_names else "",
            source_format=doc.format,
        )
        meta = {
            "title": doc.title,
            "date": doc.date or doc.archived or UNDATED_SORT_DATE,
            **record.metadata(),
            "slug": doc.slug,
            "summary": html.escape(doc.summary),
            "tags": state.tags_of(labels),
            "record": record,  # the typed contract; Pelican makes it the article's `record`
        }
        if profile or doc.outlet_name:
            meta["category"] = state.category(profile.name("en") if profile else doc.outlet_name)
        if doc.updated:
            meta["modified"] = doc.updated
        return meta


def _shared_category(generator, metadata: dict) -> None:
    """Each file's metadata, as Pelican made it and before its article is: the category Pelican
    made for it (same name, same settings, same slug) is shared with the others of that name."""
    state = state_of(generator.settings)
    if state is not None and type(category := metadata.get("category")) is Category:
        metadata["category"] = state.one_category_per_name(category)


def _scratch(settings: dict) -> Path | None:
    """Where a build keeps files for its own length: the output folder's build records, by real path
    (None, and memory instead, if that leads out of it)."""
    try:
        return inside(settings["OUTPUT_PATH"], CACHE_DIR)
    except OutsideError as err:
        logger.error("ingest: article bodies are kept in memory: %s", shown(err))
        return None


def _outside_reason(state: BuildState, filename: str) -> str | None:
    try:
        inside(state.content, os.path.relpath(filename, state.content))
    except OutsideError as err:
        return f"outside the content folder: {err}; not read"
    return None


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
        # a body in which Pelican's pattern finds no link to resolve is shown as stored: no scan
        # (the article page and its search text each read it)
        content = self._content
        return self._update_content(content, siteurl) if self._bodies.facts(self.source_file).links else content

    def get_static_links(self) -> set[str]:
        return super().get_static_links() if self._bodies.facts(self.source_file).links else set()

    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        # the article's own path never changes: Pelican works it out again at every address it
        # formats and when it files the article (1 s of a 20,000-article rebuild)
        if not source_path and (found := self.__dict__.get("relative_source_path")) is not None:
            return found
        return super().get_relative_source_path(source_path)

    def _has_valid_save_as(self) -> bool:
        # a published article's address is final only once slugs are made unique (_dedupe_and_slug),
        # which checks that address by real path; Pelican's check here formats one never used
        return self.status == "published" or super()._has_valid_save_as()

    def content_digest(self) -> str:
        """A digest of `content` as pages show it: the stored body's, unless links in it are
        resolved at use (then of the resolved content)."""
        digest, linked = self._bodies.facts(self.source_file)
        return body_digest(self.content) if linked else digest


def _store_body(content) -> None:
    """Each article of this reader becomes a `StoredBodyArticle` as soon as Pelican made it."""
    state = state_of(getattr(content, "settings", None) or {})
    if type(content) is Article and getattr(content, "source_file", None) and state is not None:
        content.__dict__.pop("_content", None)
        content._bodies = state.bodies
        content.__class__ = StoredBodyArticle


def _add_reader(readers) -> None:
    for ext in EXTENSIONS:
        readers.reader_classes[ext] = ArchiveReader


def _start_build(pelican) -> None:
    """A fresh state for each run (`Pelican.run()`), so nothing of the last build is reported."""
    old = pelican.settings.pop(STATE_KEY, None)  # made afresh when the articles generator starts
    if old is not None:  # the last run failed before its report: free its body store
        old.progress.stop()
        old.bodies.close()
    settings = pelican.settings
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        # it pickles each article, and ours refer to this build's body store: the build crashed
        logger.warning(
            "ingest: Pelican's content cache (CACHE_CONTENT, LOAD_CONTENT_CACHE) cannot keep this archive's"
            " articles; it is turned off (the ingestion cache, INGEST_CACHE, keeps what was read)"
        )
        settings["CACHE_CONTENT"] = settings["LOAD_CONTENT_CACHE"] = False
    config = IngestSettings.of(settings)
    if config.ingest_cache and Path(config.ingest_cache).is_file():
        # a rebuild: a changed file is ingested in this process, and its language identified with
        # a model that takes 0.7 s to load; loaded beside the build's start, dropped if unasked
        MODELS.preload(tuple(config.ingest_languages))


def _prepare_articles(generator) -> None:
    """Right after the articles generator is made (once per build, also under `pelican -r`): a
    fresh build state, confined file listing, and the very files it will read ingested."""
    state = BuildState(generator.settings)
    generator.settings[STATE_KEY] = generator.context[STATE_KEY] = state  # context: pages see it
    generator.get_files = _confined_get_files(generator, state)
    _read_any_case(generator.readers.readers, state.content_files.files)
    for cacher in (generator, generator.readers):
        _no_idle_stamps(cacher)
    files = generator.get_files(generator.settings["ARTICLE_PATHS"], exclude=generator.settings["ARTICLE_EXCLUDES"])
    state.prepare(sorted(os.path.abspath(os.path.join(generator.path, f)) for f in files))


def _no_idle_stamps(cacher) -> None:
    """Pelican's content cache, off by default (CACHE_CONTENT), has nothing to compare and keeps
    nothing, yet it stamps each article file twice at each of its two levels (four stats an
    article); with no cache those stamps are not taken."""
    if not getattr(cacher, "_cache_data_policy", True) and getattr(cacher, "_cache", None) == {}:
        cacher._filestamp_func = _no_stamp


def _no_stamp(filename: str) -> None:
    return None


def _read_any_case(readers: dict, files: list[str]) -> None:
    """Pelican matches extensions case-sensitively: `A.TXT` or `b.Md` (saved by Windows tools, cameras,
    old CMSs) would be left unread. Each spelling found in the folder gets this reader too."""
    for rel in files:
        ext = os.path.splitext(rel)[1][1:]
        if ext not in readers and ext.lower() in EXTENSIONS and ext.lower() in readers:
            readers[ext] = readers[ext.lower()]


def _confined_get_files(generator, state: BuildState):
    """Pelican's get_files walks with followlinks=True: a link loop never ends and a link out of
    the folder is read. This one lists from the confined walk, with Pelican's own filters."""

    def get_files(paths, exclude: list[str] | None = None, extensions=None) -> set[str]:
        paths = [paths] if isinstance(paths, str) else paths
        excluded = [os.path.normpath(e).replace(os.sep, "/") for e in exclude or []]
        found = set()
        for rel in state.content_files.files:
            if not any(not p or rel == p.strip("/") or rel.startswith(p.strip("/") + "/") for p in paths):
                continue
            if any(rel.startswith(e + "/") for e in excluded):
                continue
            if generator._include_path(rel, extensions):
                found.add(rel)
        return found

    return get_files


def _page_written(path, context=None) -> None:
    state = state_of(context or {})
    if state is not None:
        state.progress.written()


def _page_failed(sender, page: str, error: BaseException, context: dict) -> None:
    """A page the writer could not make (incremental.PAGE_FAILED). An article page: the article is
    rejected and taken out of every list the later pages (listings, feeds) are made from. Another
    page: reported as skipped."""
    state = state_of(context)
    if state is None:
        return
    reason = f"its page {page} could not be made ({type(error).__name__}: {str(error)[:200]}); not published"
    article = context.get("article")
    source = getattr(article, "source_file", None)
    if source is not None and state.published.get(source) is article:
        del state.published[source]
        state.report.rejected(source, reason)
        logger.error("ingest: rejected %s: %s", shown(source), shown(reason))
        state.unmade.append(article)  # taken out of the lists once every article page is written
    else:
        state.report.page_skipped(page, f"could not be made ({type(error).__name__}: {str(error)[:200]})")


def _forget_unmade(generator, **_) -> None:
    """Once the article pages are written (Pelican iterates its article list meanwhile): articles
    whose page could not be made leave every list the listings and feeds are made from."""
    state = state_of(generator.settings)
    for article in state.unmade if state else ():
        _forget(article, generator.context)


def _forget(item: object, value: object, depth: int = 0, seen: set[int] | None = None) -> None:
    """Remove `item` (by identity) from every list reachable from `value` through lists, tuples,
    dicts and dataclasses (the context's articles, dates, tags, categories, archive tree …)."""
    seen = set() if seen is None else seen
    if depth > 5 or id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, list):
        if any(x is item for x in value):
            value[:] = [x for x in value if x is not item]
        children: Sequence = value
    elif isinstance(value, tuple):
        children = value
    elif isinstance(value, dict):
        children = list(value.values())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        children = [getattr(value, f.name) for f in dataclasses.fields(value)]
    else:
        return
    for child in children:
        if isinstance(child, (list, tuple, dict)) or dataclasses.is_dataclass(child):
            _forget(item, child, depth + 1, seen)


def _dedupe_and_slug(generator) -> None:
    """Same article twice: the first in path order is published, the others reported.
    Then every slug gets the hash of its own path (slugs.unique_slugs), so none depends on others."""
    state = _current_state(generator.settings)
    kept = []
    seen: dict[tuple[str, str], str] = {}
    for article in sorted(generator.articles, key=lambda a: a.source_file):
        keys = [("text", state.report.fingerprints[article.source_file])]
        if article.original_url:
            keys.append(("url", article.original_url.rstrip("/").split("://", 1)[-1].removeprefix("www.")))
        original = next((seen[k] for k in keys if k in seen), None)
        if original is not None:
            state.report.duplicate(article.source_file, original)
            logger.warning("ingest: %s is a copy of %s; published once", shown(article.source_file), shown(original))
            continue
        for key in keys:
            seen[key] = article.source_file
        kept.append(article)
    slugs = unique_slugs((a.source_file, a.slug) for a in kept)
    confined, confinement = [], Confinement(generator.settings["OUTPUT_PATH"])
    for article in kept:
        article.slug = slugs[article.source_file]
        # the address is final now: freeze it, Pelican would format it anew at every use
        article.override_url = article.url
        article.override_save_as = article.save_as
        try:
            confinement.check(article.save_as)
        except OutsideError as err:
            state.report.rejected(article.source_file, f"its page would be written outside the output folder: {err}")
            logger.error("ingest: %s: page outside the output folder: %s", shown(article.source_file), shown(err))
            continue
        confined.append(article)
    kept = confined
    state.published = {a.source_file: a for a in kept}
    # newest first, ties (undated articles share one sort date) by path: Pelican reads files from a
    # set, and without a tie-breaker previous/next links would change from build to build
    generator.articles = sorted(kept, key=lambda a: (a.date, a.source_file), reverse=True)


def _write_report(pelican) -> None:
    state = _current_state(pelican.settings)
    settings = pelican.settings
    for source, reason in state.sites.problems.items():  # blog settings files found broken
        state.report.rejected(source, reason)
    state.report.finish(
        walked=state.content_files,
        published_urls={source: article.save_as for source, article in state.published.items()},
        extensions=EXTENSIONS,
        ignore=settings.get("IGNORE_FILES", []),
        data_files=state.config.ingest_data_files,
        static_paths=settings.get("STATIC_PATHS", []),
    )
    path = Path(settings["OUTPUT_PATH"]) / state.config.ingest_report
    folder, output = os.path.realpath(path.parent), os.path.realpath(settings["OUTPUT_PATH"])
    if Path(folder).is_relative_to(output):  # by real path: a linked folder is not written through
        state.report.write(path)
    else:
        logger.error("ingest: the report is not written: %s resolves to %s, outside %s", path.parent, folder, output)
    state.progress.stop()
    state.bodies.close()
    settings.pop(STATE_KEY, None)  # nothing of this build outlives it
    print(state.report.summary_line(path))
    for line in state.report.rejected_lines(path):
        print(line)
    rejected = state.report.counts()["rejected"]
    if state.config.ingest_strict and rejected:
        raise StrictModeError(f"{rejected} file(s) rejected and STRICT is on; see {path}")


def register() -> None:
    signals.get_generators.connect(_start_build)  # every run: `pelican -r` runs many builds in one process
    signals.readers_init.connect(_add_reader)
    signals.article_generator_init.connect(_prepare_articles)
    signals.content_written.connect(_page_written)
    signals.content_object_init.connect(_store_body)
    signals.article_generator_context.connect(_shared_category)
    signals.article_generator_pretaxonomy.connect(_dedupe_and_slug)
    signals.finalized.connect(_write_report)
    blinker.signal("archive.page_failed").connect(_page_failed)  # sent by the incremental writer
    blinker.signal("archive.article_pages_done").connect(_forget_unmade)  # and this once article pages are out
