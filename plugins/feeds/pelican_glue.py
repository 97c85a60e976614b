"""Pelican side of the feeds: collect articles into feed specs, write RSS, Atom and OPML, the
Subscribe page, and the `page_feeds()` template function for `<link rel="alternate">`."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import pass_context
from pelican.generators import Generator

from localize.display import endonym  # a sibling plugin: language names in themselves

from .model import FeedItem, FeedSpec, stable_guid
from .render import enclosure_for, opml, render

OPML_PATH = "feeds/subscriptions.opml"
TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


def site_url(settings: dict) -> str:
    """Feeds need absolute addresses: SITEURL when it is one, else FEED_SITEURL (the preview)."""
    url = settings.get("SITEURL") or ""
    return (url if url.startswith(("http://", "https://")) else settings.get("FEED_SITEURL", "http://localhost:8000")).rstrip("/")


def _archive_time(article) -> datetime:
    """When the archive got the article: the mirror's stamp, else the file's modification time."""
    if getattr(article, "archived", None):
        return article.archived
    return datetime.fromtimestamp(os.path.getmtime(article.source_path), tz=UTC).replace(microsecond=0)


def _item(article, site: str, vocabulary, lang: str) -> FeedItem:
    undated = getattr(article, "undated", False)
    lead = getattr(article, "lead_image", None)
    categories = []
    for tag in getattr(article, "tags", []):
        entry = vocabulary.get(tag.slug) if vocabulary is not None else None
        categories.append((tag.slug, entry.name(lang) if entry else tag.name))
    return FeedItem(
        guid=stable_guid(getattr(article, "original_url", None) or f"archive:{article.source_file}"),
        title=article.title,
        link=f"{site}/{article.url}",
        published=None if undated else article.date,
        updated=_archive_time(article) if undated else getattr(article, "modified", None) or article.date,
        author=getattr(article, "byline", "") or getattr(article, "outlet_name", ""),
        categories=categories,
        summary=getattr(article, "summary_text", ""),
        content_html="",  # filled in when the feed is written: bodies are not kept in memory
        enclosure=enclosure_for(lead.src) if lead and lead.src else None,
    )


def build_specs(context: dict, settings: dict) -> list[tuple[FeedSpec, list]]:
    """One feed for everything, one per language, per tag and per outlet, newest first; each with
    the articles of its items (their bodies are read when the feed is written)."""
    site = site_url(settings)
    limit = settings.get("FEED_MAX_ITEMS", 50)
    default = settings.get("DEFAULT_LANG", "en")
    vocabulary = context.get("tag_vocabulary")
    articles = list(context.get("articles", []))
    name = settings["SITENAME"]

    groups: dict[tuple[str, str], list] = {("all", "all"): articles}
    pages = {("all", "all"): f"{site}/index.html"}
    for article in articles:
        groups.setdefault(("lang", article.lang), []).append(article)
        pages[("lang", article.lang)] = f"{site}/{article.lang}/index.html"
        for tag in getattr(article, "tags", []):
            groups.setdefault(("tag", tag.slug), []).append(article)
            pages[("tag", tag.slug)] = f"{site}/{tag.url}"
        if getattr(article, "outlet", None):
            groups.setdefault(("outlet", article.outlet), []).append(article)
            pages[("outlet", article.outlet)] = f"{site}/{article.category.url}"

    specs = []
    for (kind, key), members in groups.items():
        langs = {a.lang for a in members}
        lang = key if kind == "lang" else (next(iter(langs)) if len(langs) == 1 else default)
        if kind == "all":
            title = name
        elif kind == "lang":
            title = f"{name}: {endonym(key)}"
        elif kind == "tag":
            entry = vocabulary.get(key) if vocabulary is not None else None
            tag = next(t for t in getattr(members[0], "tags", []) if t.slug == key)
            title = f"{name}: {entry.name(lang) if entry else tag.name}"
        else:
            title = f"{name}: {members[0].outlet_name if lang == members[0].lang else members[0].category.name}"
        spec = FeedSpec(kind, key, title, lang, pages[(kind, key)])
        spec.items = [_item(a, site, vocabulary, lang) for a in members[:limit]]
        specs.append((spec, members[:limit]))
    order = {"all": 0, "lang": 1, "tag": 2, "outlet": 3}
    return sorted(specs, key=lambda s: (order[s[0].kind], s[0].key))


class FeedsGenerator(Generator):
    """Writes feeds/…{rss,atom}.xml, feeds/subscriptions.opml and subscribe.html."""

    def generate_context(self) -> None:
        self.specs_with_articles = build_specs(self.context, self.settings)
        self.specs = [spec for spec, _ in self.specs_with_articles]
        self.context["feed_specs"] = self.specs
        self.context["FEED_OPML"] = OPML_PATH

    def generate_output(self, writer) -> None:
        out = Path(self.output_path)
        site = site_url(self.settings)
        now = datetime.now(UTC).replace(microsecond=0)
        for spec, articles in self.specs_with_articles:
            for item, article in zip(spec.items, articles, strict=True):
                item.content_html = article.content
            for fmt, data in render(spec, site, now).items():
                path = out / spec.path(fmt)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            for item in spec.items:
                item.content_html = ""
        (out / OPML_PATH).write_bytes(opml(self.settings["SITENAME"], self.specs, site))
        writer.write_file(
            "subscribe.html", self.get_template("subscribe"), self.context, self.settings["RELATIVE_URLS"], url="subscribe.html"
        )


@pass_context
def page_feeds(ctx) -> list[tuple[str, str, str]]:
    """(title, MIME type, path) of the feeds a page offers: its own subject's, then everything's."""
    specs = {(s.kind, s.key): s for s in ctx.get("feed_specs", [])}
    wanted = []
    if ctx.get("listing_lang"):
        wanted.append(("lang", ctx["listing_lang"]))
    elif ctx.get("article") is not None:  # before category: article pages carry theirs too
        wanted.append(("lang", ctx["article"].lang))
    elif ctx.get("tag") is not None:
        wanted.append(("tag", ctx["tag"].slug))
    elif ctx.get("category") is not None and ctx.get("articles"):
        outlet = getattr(ctx["articles"][0], "outlet", None)
        if outlet:
            wanted.append(("outlet", outlet))
    wanted.append(("all", "all"))
    return [(specs[w].title, TYPES[fmt], specs[w].path(fmt)) for w in wanted if w in specs for fmt in ("atom", "rss")]


def install(generator) -> None:
    generator.env.globals["page_feeds"] = page_feeds


def generators(pelican):
    return FeedsGenerator
