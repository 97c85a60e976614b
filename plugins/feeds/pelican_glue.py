"""Pelican side of the feeds: collect articles into feed specs, write RSS, Atom and OPML, the
Subscribe page, and the `page_feeds()` template function for `<link rel="alternate">`."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from incremental.digest import digest_of  # a sibling plugin: what a feed is made from
from incremental.pelican_glue import session_of, write_output  # files in the build's manifest
from ingest.confine import OutsideError, inside  # sibling plugin: one containment check
from jinja2 import pass_context
from localize.catalogs import translations  # sibling plugin: interface catalogs
from localize.display import for_language  # sibling plugin: per-language settings
from localize.settings import LocalizeSettings
from pelican.generators import Generator
from scripts import endonym  # language names in themselves

from .model import FeedItem, FeedSpec, stable_guid, undated_updated
from .render import enclosure_for, opml, render
from .settings import FeedSettings

logger = logging.getLogger(__name__)

OPML_PATH = "feeds/subscriptions.opml"
TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


def site_url(settings: dict) -> str:
    """Feeds need absolute addresses: SITEURL when it is one, else FEED_SITEURL (the preview)."""
    url = settings.get("SITEURL") or ""
    return (url if url.startswith(("http://", "https://")) else FeedSettings.of(settings).feed_siteurl).rstrip("/")


def _oldest_dated(articles) -> datetime | None:
    return min((a.date for a in articles if not a.record.undated), default=None)


def _item(article, site: str, vocabulary, lang: str, oldest_dated: datetime | None) -> FeedItem:
    record = article.record
    undated = record.undated
    lead = record.lead_image
    categories = []
    for tag in article.tags:
        entry = vocabulary.get(tag.slug) if vocabulary is not None else None
        categories.append((tag.slug, entry.name(lang) if entry else tag.name))
    return FeedItem(
        guid=stable_guid(record.original_url or f"archive:{article.source_file}"),
        title=article.title,
        link=f"{site}/{article.url}",
        published=None if undated else article.date,
        updated=undated_updated(record.archived, oldest_dated) if undated else record.modified or article.date,
        lang=article.lang,
        author=record.byline or record.outlet_name,
        categories=categories,
        summary=record.summary_text,
        content_html="",  # filled in when the feed is written: bodies are not kept in memory
        enclosure=enclosure_for(lead.src) if lead and lead.src else None,
    )


def build_specs(context: dict, settings: dict) -> list[tuple[FeedSpec, list]]:
    """One feed for everything, one per language, per tag and per outlet, newest first; each with
    the articles of its items (their bodies are read when the feed is written)."""
    site = site_url(settings)
    limit = FeedSettings.of(settings).feed_max_items
    default = settings.get("DEFAULT_LANG", "en")
    sitenames = LocalizeSettings.of(settings).sitenames
    vocabulary = context.get("tag_vocabulary")
    articles = list(context.get("articles", []))
    oldest = _oldest_dated(articles)

    groups: dict[tuple[str, str], list] = {("all", "all"): articles}
    pages = {("all", "all"): f"{site}/index.html"}

    def join(key: tuple[str, str], article) -> bool:
        """The article added to its group; True when the group is new: its page is then formatted,
        once (Pelican formats a tag's address at every access: 88,000 times at 20,000 articles)."""
        if (group := groups.get(key)) is None:
            groups[key] = [article]
            return True
        group.append(article)
        return False

    for article in articles:
        if join(("lang", article.lang), article):
            pages[("lang", article.lang)] = f"{site}/{article.lang}/index.html"
        for tag in article.tags:
            if join(("tag", tag.slug), article):
                pages[("tag", tag.slug)] = f"{site}/{tag.url}"
        if (outlet := article.record.outlet) and join(("outlet", outlet), article):
            pages[("outlet", outlet)] = f"{site}/{article.category.url}"
    # each article's place in feed order, found by one sort; each group is put in that order by it
    place = {article: n for n, article in enumerate(_newest_first(articles))}

    specs = []
    for (kind, key), members in groups.items():
        langs = {a.lang for a in members}
        lang = key if kind == "lang" else (next(iter(langs)) if len(langs) == 1 else default)
        name = for_language(sitenames, lang, settings["SITENAME"])
        if kind == "all":
            title = name
        elif kind == "lang":
            title = f"{name}: {endonym(key)}"
        elif kind == "tag":
            entry = vocabulary.get(key) if vocabulary is not None else None
            tag = next(t for t in members[0].tags if t.slug == key)
            title = f"{name}: {entry.name(lang) if entry else tag.name}"
        else:
            first = members[0]
            title = f"{name}: {first.record.outlet_name if lang == first.lang else first.category.name}"
        names = members[0].record.outlet_names if kind == "outlet" else {}
        spec = FeedSpec(kind, key, title, lang, pages[(kind, key)], site_name=name, names=dict(names))
        newest = sorted(members, key=place.__getitem__)[:limit]
        spec.items = [_item(a, site, vocabulary, lang, oldest) for a in newest]
        specs.append((spec, newest))
    order = {"all": 0, "lang": 1, "tag": 2, "outlet": 3}
    return sorted(specs, key=lambda s: (order[s[0].kind], s[0].key))


def _newest_first(members: list) -> list:
    """Feed order: dated articles first, newest first; undated ones (whatever their archive time) after."""
    return sorted(members, key=lambda a: (not a.record.undated, a.date, a.source_file), reverse=True)


def opml_folders(settings: dict) -> dict[str, str]:
    """OPML folder names in the site language, from the interface catalogs."""
    catalog = translations(str(Path(settings["THEME"]) / "translations"), settings.get("DEFAULT_LANG", "en"))
    labels = {"all": "Everything", "lang": "Languages", "tag": "Tags", "outlet": "Outlets"}
    return {kind: catalog.gettext(label) for kind, label in labels.items()}


class FeedsGenerator(Generator):
    """Writes feeds/…{rss,atom}.xml, feeds/subscriptions.opml and subscribe.html."""

    def generate_context(self) -> None:
        self.specs_with_articles = build_specs(self.context, self.settings)
        self.specs = [spec for spec, _ in self.specs_with_articles]
        self.context["feed_specs"] = self.specs
        # what page_feeds looks up on every page (thousands of specs with the tags): made once
        self.context["feed_specs_by_key"] = _FeedIndex({(spec.kind, spec.key): spec for spec in self.specs})
        self.context["FEED_OPML"] = OPML_PATH

    def generate_output(self, writer) -> None:
        site = site_url(self.settings)
        written = []
        live = {id(a) for a in self.context.get("articles", ())}  # less any whose page could not be made
        for spec, articles in self.specs_with_articles:
            kept = [(item, a) for item, a in zip(spec.items, articles, strict=True) if id(a) in live]
            spec.items[:], articles = [item for item, _ in kept], [a for _, a in kept]
            try:  # a key from data (an outlet in the archive's sources.yml) must not leave the folder
                for fmt in ("rss", "atom"):
                    inside(self.settings["OUTPUT_PATH"], spec.path(fmt))
            except OutsideError as err:
                logger.error("feeds: %s feed %r not written: %s", spec.kind, spec.key, err)
                continue
            key = _feed_key(writer, spec, articles, site)
            paths = [spec.path(fmt) for fmt in ("rss", "atom")]
            if (
                key is not None
                and (session := session_of(self.settings))
                and all(session.is_current(path, key) for path in paths)
            ):
                for path in paths:  # made from the same items as the last build's: not rendered again
                    session.keep(path, key)
                written.append(spec)
                continue
            for item, article in zip(spec.items, articles, strict=True):
                item.content_html = article.content  # read from the body store, dropped after
            made = [write_output(self.settings, spec.path(fmt), data, key) for fmt, data in render(spec, site).items()]
            for item in spec.items:
                item.content_html = ""
            if all(made):
                written.append(spec)
        self.specs[:] = written  # pages link only the feeds that exist
        sitenames = LocalizeSettings.of(self.settings).sitenames
        title = for_language(sitenames, self.settings.get("DEFAULT_LANG"), self.settings["SITENAME"])
        write_output(self.settings, OPML_PATH, opml(title, self.specs, site, opml_folders(self.settings)))
        writer.write_file(
            "subscribe.html",
            self.get_template("subscribe"),
            self.context,
            self.settings["RELATIVE_URLS"],
            url="subscribe.html",
        )


def _feed_key(writer, spec: FeedSpec, articles: list, site: str) -> str | None:
    """What a feed is made from, for the incremental plugin: the global key (code, settings,
    vocabulary …), its spec and items (bodies not yet filled in), and its articles' card digests
    (which cover the bodies). None without the incremental writer: the feed is then always made."""
    base = getattr(writer, "base", None)
    if base is None or session_of(writer.settings) is None:
        return None
    return digest_of([base, "feed", site, spec, articles], field="card_digest")


Offer = tuple[tuple[str, str, str], ...]  # (title, MIME type, path) of each feed a page offers


def _offer(specs: Mapping, wanted: tuple) -> Offer:
    return tuple(
        (specs[w].title, TYPES[fmt], specs[w].path(fmt)) for w in wanted if w in specs for fmt in ("atom", "rss")
    )


class _FeedIndex(dict):
    """A build's feeds by (kind, key), and what pages offer, made once per subject: every page of
    a subject gets the same object, which page keys describe once (not once per page)."""

    def __init__(self, specs: dict) -> None:
        super().__init__(specs)
        self._offers: dict[tuple, Offer] = {}

    def offer(self, wanted: tuple) -> Offer:
        if (found := self._offers.get(wanted)) is None:
            found = self._offers[wanted] = _offer(self, wanted)
        return found


@pass_context
def page_feeds(ctx) -> Offer:
    """The feeds a page offers: its own subject's, then everything's."""
    specs = ctx.get("feed_specs_by_key") or {}
    wanted = []
    if ctx.get("listing_lang"):
        wanted.append(("lang", ctx["listing_lang"]))
    elif ctx.get("article") is not None:  # before category: article pages carry theirs too
        wanted.append(("lang", ctx["article"].lang))
    elif ctx.get("tag") is not None:
        wanted.append(("tag", ctx["tag"].slug))
    elif ctx.get("category") is not None and ctx.get("articles"):
        outlet = ctx["articles"][0].record.outlet
        if outlet:
            wanted.append(("outlet", outlet))
    wanted.append(("all", "all"))
    return specs.offer(tuple(wanted)) if isinstance(specs, _FeedIndex) else _offer(specs, tuple(wanted))


def install(generator) -> None:
    generator.env.globals["page_feeds"] = page_feeds


def generators(pelican):
    return FeedsGenerator
