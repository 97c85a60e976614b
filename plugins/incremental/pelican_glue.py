"""Incremental output for Pelican: pages whose inputs are unchanged since the last completed build
(and whose file still holds what that build wrote) are not rendered again; every output file is
written atomically and recorded in one manifest (see outputs.py); what the archive no longer has is
removed, article pages before the search index is built.

Per build (every `Pelican.run()`, so also under `pelican -r`): a `BuildOutputs` made when the run
starts (`get_generators`), kept in the settings under SESSION_KEY, and ended at `finalized`.

A page's key (keys.py) is the digest of the global inputs (theme with its templates and catalogs,
plugin code and data, settings, tag vocabulary and source profiles, library versions) and of every
context value its template reads (articles by their render digest)."""

from __future__ import annotations

import io
import logging
import os
import platform
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import blinker
from contract.pelican_glue import enabled_plugins
from contract.settings import schemes
from ingest.confine import OutsideError, inside  # sibling plugin: real-path containment of every output
from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .collector import BuildCollector
from .digest import digest_of, files_digest
from .keys import PageKeys
from .outputs import CACHE_DIR, BuildOutputs, content_hash
from .settings import IncrementalSettings

logger = logging.getLogger(__name__)
T = TypeVar("T")

SESSION_KEY = "_BUILD_OUTPUTS"  # this run's BuildOutputs, in the settings
COLLECTOR_KEY = "_BUILD_COLLECTOR"  # this run's BuildCollector (collector.py), in the settings
PLUGINS_ROOT = Path(__file__).resolve().parent.parent
# Sent (by name, so a plugin needs no import of this one) once every article page is written and the
# article pages of the last build that this one has not are removed: the search index may start.
ARTICLE_PAGES_DONE = blinker.signal("archive.article_pages_done")
# Sent at the end of the build, before the manifest is saved: last writes (the search index).
OUTPUTS_CLOSING = blinker.signal("archive.outputs_closing")
# Sent when one page cannot be written (its template raised on odd data, or its path resolves outside
# the output folder): the page is skipped and the build goes on. Keywords: `page` (path in the output
# folder), `error`, `context` (the page's context: `article` is set on an article page). The ingest
# plugin reports it (the article rejected, or the page skipped).
PAGE_FAILED = blinker.signal("archive.page_failed")
_LIBRARIES = ("pelican", "jinja2", "babel", "feedgen", "nh3", "markdown", "pagefind")


def session_of(settings: dict) -> BuildOutputs | None:
    return settings.get(SESSION_KEY)


def write_output(settings: dict, rel: str, data: bytes, key: str | None = None) -> bool:
    """Write one output file (a feed, the OPML …): through this build's manifest when the
    incremental plugin is on, else directly; `key`, when given, is what made it (see
    BuildOutputs.is_current). A path that resolves outside the output folder, or that the system
    refuses (a name too long), is not written: logged and reported (PAGE_FAILED), False returned,
    and the build goes on."""
    try:
        path = inside(settings["OUTPUT_PATH"], rel)
        session = session_of(settings)
        if session is not None:
            session.write(rel, data, key)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except (OutsideError, OSError) as error:
        logger.error("incremental: %s not written: %s", rel, error)
        PAGE_FAILED.send(None, page=rel, error=error, context=settings)
        return False
    return True


# --- what an article page shows ------------------------------------------------------------------
def _neighbour(other) -> tuple:
    return (other.url, other.title, other.lang, other.dir, other.record.outlet_name)


def _fields(value) -> object:
    """A dataclass's fields as a tuple, for repr: a dataclass's own repr goes through a guard
    against cycles per object (0.7 s for the 90,000 same-story links of 20,000 articles)."""
    if hasattr(value, "__dataclass_fields__") and hasattr(value, "__dict__"):
        return (type(value).__name__, *vars(value).values())
    return value


def _per_object(make: Callable[[Any], T]) -> Callable[[Any], T]:
    """`make`, called once per object: the memo keeps each object, so its id stays its own."""
    memo: dict[int, tuple[object, T]] = {}

    def get(value: Any) -> T:
        if (found := memo.get(id(value))) is None:
            found = memo[id(value)] = (value, make(value))
        return found[1]

    return get


# What only an article's own page shows of it (listings show the card: title, meta, summary …).
PAGE_ONLY = frozenset({"newer", "older", "same_story", "related", "story"})


def add_render_digests(generator) -> None:
    """After tags, neighbours and story links are set: a digest of all an article shows
    (`render_digest`) and of all but PAGE_ONLY (`card_digest`)."""
    # a tag's or category's name, slug and address, once per object: Pelican formats an address
    # from its setting on every access (90,000 tag addresses at 20,000 articles)
    describe = _per_object(lambda wrapper: (wrapper.name, wrapper.slug, wrapper.url))
    # what another article's page shows of an article (a neighbour link, a same-story entry), as a
    # digest made once per article, not once per page that shows it (two neighbours' pages, and
    # 92,000 same-story entries at 20,000 Persian articles)
    shown = _per_object(lambda other: content_hash(repr(_neighbour(other)).encode("utf-8")))

    def neighbour(other) -> str:
        return "" if other is None else shown(other)

    for article in generator.articles:
        # the record is the rest of the metadata again, typed: digested once, as metadata
        meta = {k: v for k, v in article.metadata.items() if k not in ("tags", "category", "slug", "record")}
        # the ingest plugin's articles digest their content without reading it; a runtime protocol
        # check here was 3% of a 20,000-article rebuild
        content_digest = getattr(article, "content_digest", None)
        card = (  # repr of plain values and dataclasses: one fast string, then one hash
            sorted(meta.items(), key=lambda kv: kv[0]),
            article.url,
            article.save_as,
            article.slug,
            content_digest() if content_digest else content_hash(article.content.encode()),
            [describe(t) for t in article.tags],
            getattr(article, "category", None) and describe(article.category),
        )
        article.card_digest = content_hash(repr(card).encode("utf-8"))
        linked = [
            (neighbour(x.article), _fields(x.link))
            for x in getattr(article, "same_story", []) + getattr(article, "related", [])
        ]
        story = getattr(article, "story", None)
        page = (
            article.card_digest,
            neighbour(getattr(article, "newer", None)),
            neighbour(getattr(article, "older", None)),
            linked,
            story and (story.url, story.tags),
        )
        article.render_digest = content_hash(repr(page).encode("utf-8"))


# --- the global key ------------------------------------------------------------------------------
def _data_files(settings: dict) -> list[Path]:
    """The archive's data files (tag vocabulary, source profiles …): what each enabled plugin reads."""
    content = Path(settings["PATH"])
    names = [name for scheme in _schemes(settings) for name in scheme.of(settings).data_files()]
    return [p if p.is_absolute() else content / p for p in map(Path, names)]


def _schemes(settings: dict) -> list:
    """The settings classes of the enabled plugins (they say what they read and write themselves)."""
    return list(schemes(enabled_plugins(settings)).values())


def global_parts(settings: dict) -> dict[str, str]:
    """Everything every page depends on, by part: a change in any renders every page again."""
    theme = Path(settings["THEME"])
    code = [
        p
        for p in PLUGINS_ROOT.rglob("*")
        if p.suffix in (".py", ".yml", ".yaml", ".json", ".txt") and "__pycache__" not in p.parts
    ]
    versions: list[tuple[str, str | None]] = []
    for name in _LIBRARIES:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, None))
    build_only = {key for scheme in _schemes(settings) for key in scheme.build_only()}  # e.g. INGEST_WORKERS
    plain = {
        k: v for k, v in settings.items()
        if not k.startswith("_") and k not in build_only
        and isinstance(v, (str, int, float, bool, list, tuple, dict, type(None)))
    }  # fmt: skip
    return {
        "theme (templates, styles, catalogs)": files_digest(
            (p for p in theme.rglob("*") if "screenshots" not in p.parts), theme
        ),
        "plugin code and data": files_digest(code, PLUGINS_ROOT),
        "tags.yml / sources.yml": files_digest(_data_files(settings)),
        "settings": digest_of(plain),
        "library versions": digest_of([versions, platform.python_version()]),
    }


# --- the writer ----------------------------------------------------------------------------------
class _KnowingTemplate:
    """Wraps a Jinja template: renders only when the page's key or file differs from the last build's."""

    def __init__(self, template, writer: IncrementalWriter) -> None:
        self.template, self.writer = template, writer
        self.name = getattr(template, "name", None)

    def render(self, localcontext: dict) -> str:
        writer = self.writer
        if writer.keep_if_current(self.template, localcontext) is not False:
            return ""  # kept, or skipped (its key could not be made)
        # real-path containment before anything is made or written for this page (Pelican's own
        # check compares strings, so a link in the output folder would be written through)
        writer.session.check(localcontext["output_file"])
        try:
            writer.session.pages_rendered += 1
            return self.template.render(localcontext)
        except Exception as error:  # noqa: BLE001 (one page never stops the build)
            writer.skip_page(localcontext, error)
            return ""


class _PageFile(io.StringIO):
    """What Pelican writes a page into; handed to the build's outputs when closed."""

    def __init__(self, writer: IncrementalWriter, path: str, encoding: str) -> None:
        super().__init__()
        self.writer, self.path, self.encoding_name = writer, path, encoding

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            session = self.writer.session
            session.write(
                session.rel(self.path),
                self.getvalue().encode(self.encoding_name),
                self.writer.pending_keys.pop(self.path, None),
                "page",
            )
        self.close()


class IncrementalWriter(Writer):
    session: BuildOutputs  # set on the per-build subclass made by get_writer

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        parts = global_parts(settings)
        self.base = digest_of(parts)
        before = self.session.previous_meta.get("global", {})
        changed = [name for name, value in parts.items() if before and before.get(name) != value]
        if changed:  # say why a rebuild renders every page
            logger.warning(
                "incremental: %s changed since the last build: every page is rendered again", ", ".join(changed)
            )
        self.session.meta["global"] = parts
        self._keys: dict[int, PageKeys] = {}
        self.pending_keys: dict[str, str | None] = {}
        self.kept: set[str] = set()
        self.skipped: set[str] = set()  # pages not written (see skip_page)

    def page_keys(self, template) -> PageKeys:
        env = template.environment
        keys = self._keys.get(id(env))
        if keys is None:
            keys = self._keys[id(env)] = PageKeys(env, self.base, PAGE_ONLY)
        return keys

    def keep_if_current(self, template, localcontext: dict) -> bool | None:
        """True when the page on disk is this page (kept: neither rendered nor written), False when
        it must be rendered, None when its key failed (the page is skipped and reported)."""
        path = os.path.normpath(os.path.join(self.output_path, localcontext["output_file"]))
        try:
            key = self.page_keys(template).key(template, localcontext)
        except Exception as error:  # noqa: BLE001 (one page never stops the build)
            self.skip_page(localcontext, error)
            return None
        rel = self.session.rel(path)
        # a page kept is neither read nor written (its file is checked by lstat, see is_current)
        if key is not None and self.session.is_current(rel, key):
            self.session.keep(rel, key)
            self.kept.add(path)
            return True
        self.pending_keys[path] = key  # recorded with the file when it is written
        return False

    def skip_page(self, localcontext: dict, error: BaseException) -> None:
        """This page is not written (and not counted as written); the build goes on without it."""
        name = localcontext.get("output_file", "?")
        self.kept.add(os.path.normpath(os.path.join(self.output_path, name)))  # nothing goes to disk
        self.skipped.add(os.path.normpath(os.path.join(self.output_path, name)))
        logger.error("incremental: page %s skipped: %s: %s", name, type(error).__name__, str(error)[:300])
        PAGE_FAILED.send(self, page=name, error=error, context=localcontext)

    def _open_w(self, filename, encoding, override=False):
        if os.path.normpath(filename) in self.kept:
            self.kept.discard(os.path.normpath(filename))
            return io.StringIO()  # the file on disk is already this page (or a skipped page: none)
        # Pelican's own guard against writing one file twice, then a file that is written atomically
        if filename in self._overridden_files:
            if override:
                raise RuntimeError(f'Failed to overwrite "{filename}" a second time')
            return io.StringIO()
        if filename in self._written_files and not override:
            raise RuntimeError(f'Failed to overwrite "{filename}" as Pelican has already written to it')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _PageFile(self, os.path.normpath(filename), encoding)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None, **kwargs):
        if not name:
            return None
        try:
            if self._kept_unpaginated(name, template, context, relative_urls, paginated, template_name, kwargs):
                return None
            return super().write_file(
                name, _KnowingTemplate(template, self), context, relative_urls, paginated, template_name, **kwargs
            )
        except Exception as error:  # noqa: BLE001 (a path outside, a paginator on odd data: the rest is built)
            localcontext = {**context, **kwargs, "output_file": name}
            self.skip_page(localcontext, error)
            return None

    def _kept_unpaginated(self, name, template, context, relative_urls, paginated, template_name, kwargs) -> bool:
        """A page of one file (an article's) that is kept, settled before Pelican's writer, which
        would make its folder and a file object for it first (a third of a rebuild's 20,000 kept
        article pages' time). Its local context is the one Pelican's writer gives the template."""
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in ("articles", "dates")}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            return False  # Pelican pages it: each page is checked as it is rendered
        kwargs = {k: v for k, v in kwargs.items() if k not in ("override_output", "url")}
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            localcontext["SITEURL"] = localcontext["localsiteurl"] = path_to_url(get_relative_path(name))
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        kept = self.keep_if_current(template, localcontext)
        path = os.path.normpath(os.path.join(self.output_path, name))
        if kept is False:
            return False  # rendered by Pelican's writer, as any page (its key is made again there)
        self.kept.discard(path)  # never opened
        if kept:  # as Pelican's writer says of every page it writes
            signals.content_written.send(sanitised_join(self.output_path, name), context=localcontext)
        return True


# --- the build ------------------------------------------------------------------------------------
def start_build(pelican) -> None:
    """Every run: lock the output folder, read what the last build left."""
    settings = pelican.settings
    previous = settings.pop(SESSION_KEY, None)
    if previous is not None:  # the last run failed before finishing
        previous.abandon()
    _end_collector(settings)
    collector = settings[COLLECTOR_KEY] = BuildCollector()
    collector.begin()
    retention = list(getattr(pelican, "output_retention", []) or [])
    if CACHE_DIR not in retention:  # DELETE_OUTPUT_DIRECTORY must not delete the lock it runs under
        pelican.output_retention = [*retention, CACHE_DIR]
    session = BuildOutputs(pelican.output_path)
    session.begin(float(IncrementalSettings.of(settings).build_lock_timeout))
    settings[SESSION_KEY] = session


def get_writer(pelican):
    session = session_of(pelican.settings)
    if session is None:
        return None
    return type("IncrementalWriter", (IncrementalWriter,), {"session": session})


def _wrap_article_writing(generator) -> None:
    """Right after the article pages: remove the last build's article pages this one has not, then
    say so (the search index starts on it), before the listings are written."""
    write_articles = generator.generate_articles

    def generate_articles(write) -> None:
        write_articles(write)
        session = session_of(generator.settings)
        if session is not None:
            ARTICLE_PAGES_DONE.send(generator, session=session)

    generator.generate_articles = generate_articles


def settle(sender, **_) -> None:
    """A phase whose results live to the end of the build is done (see collector.py). The sender is
    a generator, or the list of them (all_generators_finalized)."""
    _settle(sender, pause=False)


def settle_and_pause(sender, **_) -> None:
    """As settle, at the end of ingestion and of reading: what comes until the context is whole
    (reading, links, digests) only makes what lives to the end of the build, so nothing is
    collected during it (collector.py)."""
    _settle(sender, pause=True)


def _settle(sender, pause: bool) -> None:
    generator = sender[0] if isinstance(sender, list) and sender else sender
    settings = getattr(generator, "settings", None)
    collector = settings.get(COLLECTOR_KEY) if isinstance(settings, dict) else None
    if collector is not None:
        collector.settle(pause)


def _end_collector(settings: dict) -> None:
    collector = settings.pop(COLLECTOR_KEY, None)
    if collector is not None:
        collector.end()


def finish(pelican) -> None:
    settings = pelican.settings
    try:
        _finish_outputs(pelican)
    finally:
        _end_collector(settings)


def _finish_outputs(pelican) -> None:
    settings = pelican.settings
    session = settings.pop(SESSION_KEY, None)
    if session is None:
        return
    try:
        OUTPUTS_CLOSING.send(pelican, session=session)
        own = [path for scheme in _schemes(settings) for path in scheme.of(settings).own_outputs()]
        session.finish(adopt_under=[x for x in (*own, settings.get("THEME_STATIC_DIR", "theme")) if x])
    except BaseException:
        session.abandon()
        raise
    pages = sum(1 for e in session.current.values() if e.via == "page")
    # one line like the ingest summary: what this build had to do
    print(
        f"Pages: {pages}, {session.pages_rendered} rendered; {session.written} files written, {len(session.removed)} removed"
    )


__all__ = ["ARTICLE_PAGES_DONE", "CACHE_DIR", "OUTPUTS_CLOSING", "PAGE_FAILED", "session_of", "write_output"]
