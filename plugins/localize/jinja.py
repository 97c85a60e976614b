"""Jinja2 globals and filters that read the page's interface language from the render context.

The page language is decided by what the page was rendered for (Pelican's `article`, or the
listing's `listing_lang`), never by a loop variable: listing templates call the item macro with
`entry`, so an Arabic item on an English page gets an English meta line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from . import display
from .catalogs import translations

RTL = {"ar", "fa", "he", "ur"}
_CACHE_KEY = "_localize_page_lang"  # the page language, kept in each render context's own variables


def install(env: Environment, settings: dict, dates: display.DateFormats | None = None) -> None:
    dates = dates or display.DateFormats()
    languages = tuple(settings.get("UI_LANGUAGES", ("en",)))
    site = settings.get("DEFAULT_LANG", "en")
    directory = str(Path(settings["THEME"]) / "translations")

    def lang_of(ctx: Context) -> str:
        # asked for by every string, date and number of a page: found once per render context
        lang = ctx.vars.get(_CACHE_KEY)
        if lang is None:
            found = ctx.get("listing_lang")
            if not found:
                article = ctx.get("article")
                found = getattr(article, "lang", None) if article is not None else None
            lang = ctx.vars[_CACHE_KEY] = found if found in languages else site
        return lang

    def digits(ctx: Context, text: str) -> str:
        """One digit style per page: the page language's, from DIGITS or the archive itself."""
        lang = lang_of(ctx)
        styles = ctx.get("digit_styles") or {}
        return display.native_digits(text, lang) if styles.get(lang, "native") == "native" else text

    @pass_context
    def ui_lang(ctx: Context) -> str:
        return lang_of(ctx)

    @pass_context
    def ui_dir(ctx: Context) -> str:
        return "rtl" if lang_of(ctx) in RTL else "ltr"

    @pass_context
    def site_name(ctx: Context) -> str:
        return display.for_language(settings.get("SITENAMES"), lang_of(ctx), settings["SITENAME"])

    @pass_context
    def site_description(ctx: Context) -> str:
        return display.for_language(
            settings.get("SITE_DESCRIPTIONS"), lang_of(ctx), settings.get("SITE_DESCRIPTION", "")
        )

    @pass_context
    def _gettext(ctx: Context, message: str) -> str:
        return translations(directory, lang_of(ctx)).gettext(message)

    @pass_context
    def _ngettext(ctx: Context, singular: str, plural: str, n: int) -> str:
        return translations(directory, lang_of(ctx)).ngettext(singular, plural, n)

    @pass_context
    def localday(ctx: Context, value: datetime) -> str:
        return digits(ctx, dates.format("day", value, lang_of(ctx), native=False))

    @pass_context
    def localmonth(ctx: Context, value: datetime) -> str:
        return digits(ctx, dates.format("month", value, lang_of(ctx), native=False))

    @pass_context
    def solar_hijri(ctx: Context, value: datetime) -> str:
        return digits(ctx, dates.format("solar_hijri", value, "fa", native=False))

    @pass_context
    def tagname(ctx: Context, tag) -> str:
        """A tag's name in the page's language, from the vocabulary the tagging plugin shares;
        `tag` is a Pelican tag or a vocabulary key."""
        key = tag if isinstance(tag, str) else tag.slug
        vocabulary = ctx.get("tag_vocabulary")
        entry = vocabulary.get(key) if vocabulary is not None else None
        return entry.name(lang_of(ctx)) if entry else getattr(tag, "name", key)

    @pass_context
    def outletname(ctx: Context, article) -> str:
        """An article's outlet in the page's language (its own language's name on its own page)."""
        names: dict[str, str] = getattr(article, "outlet_names", None) or {}
        return names.get(lang_of(ctx)) or names.get("en") or getattr(article, "outlet_name", "") or ""

    @pass_context
    def langname(ctx: Context, lang: str) -> str:
        """A language's name in the page's language: Chinese, الصينية, چینی."""
        return display.language_name(lang, lang_of(ctx))

    @pass_context
    def num(ctx: Context, value: int) -> str:
        return digits(ctx, str(value))

    @pass_context
    def listing(ctx: Context, items) -> str:
        """'A, B and C' the way the page's language joins a list."""
        items = tuple(str(item) for item in items)
        return display.join_list(items, lang_of(ctx)) if items else ""

    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
    env.globals.update(
        ui_lang=ui_lang, ui_dir=ui_dir, endonym=display.endonym, UI_LANGUAGES=languages,
        site_name=site_name, site_description=site_description,
    )  # fmt: skip
    env.filters.update(
        localday=localday,
        localmonth=localmonth,
        tagname=tagname,
        outletname=outletname,
        langname=langname,
        endonym=display.endonym,
        num=num,
        listing=listing,
        solar_hijri=solar_hijri,
        iri=display.iri,
        direction=lambda lang: "rtl" if lang in RTL else "ltr",
    )
