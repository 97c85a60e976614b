"""Jinja2 globals and filters that read the page's interface language from the render context."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from . import display
from .catalogs import translations

RTL = {"ar", "fa", "he", "ur"}


def install(env: Environment, settings: dict, dates: display.DateFormats | None = None) -> None:
    dates = dates or display.DateFormats()
    languages = tuple(settings.get("UI_LANGUAGES", ("en",)))
    site = settings.get("DEFAULT_LANG", "en")
    directory = str(Path(settings["THEME"]) / "translations")

    def lang_of(ctx: Context) -> str:
        lang = ctx.get("listing_lang")
        if not lang:
            article = ctx.get("article")
            lang = getattr(article, "lang", None) if article is not None else None
        return lang if lang in languages else site

    @pass_context
    def ui_lang(ctx: Context) -> str:
        return lang_of(ctx)

    @pass_context
    def ui_dir(ctx: Context) -> str:
        return "rtl" if lang_of(ctx) in RTL else "ltr"

    @pass_context
    def _gettext(ctx: Context, message: str) -> str:
        return translations(directory, lang_of(ctx)).gettext(message)

    @pass_context
    def _ngettext(ctx: Context, singular: str, plural: str, n: int) -> str:
        return translations(directory, lang_of(ctx)).ngettext(singular, plural, n)

    @pass_context
    def localday(ctx: Context, value: datetime) -> str:
        return dates.format("day", value, lang_of(ctx))

    @pass_context
    def localmonth(ctx: Context, value: datetime) -> str:
        return dates.format("month", value, lang_of(ctx))

    @pass_context
    def tagname(ctx: Context, tag) -> str:
        """A tag's name in the page's language, from the vocabulary the tagging plugin shares;
        `tag` is a Pelican tag or a vocabulary key."""
        key = tag if isinstance(tag, str) else tag.slug
        vocabulary = ctx.get("tag_vocabulary")
        entry = vocabulary.get(key) if vocabulary is not None else None
        return entry.name(lang_of(ctx)) if entry else getattr(tag, "name", key)

    @pass_context
    def num(ctx: Context, value: int) -> str:
        return display.native_digits(str(value), lang_of(ctx))

    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    env.globals.update(ui_lang=ui_lang, ui_dir=ui_dir, endonym=display.endonym, UI_LANGUAGES=languages)
    env.filters.update(
        localday=localday,
        localmonth=localmonth,
        tagname=tagname,
        endonym=display.endonym,
        num=num,
        solar_hijri=lambda value: dates.format("solar_hijri", value, "fa"),
        direction=lambda lang: "rtl" if lang in RTL else "ltr",
    )
