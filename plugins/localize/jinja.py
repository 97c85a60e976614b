"""Jinja2 globals and filters that read the page's interface language from the render context.

The page language is decided by what the page was rendered for (Pelican's `article`, or the
listing's `listing_lang`), never by a loop variable: listing templates call the item macro with
`entry`, so an Arabic item on an English page gets an English meta line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import scripts
from incremental.keys import EVERY_PAGE  # sibling plugin: what a page's key holds
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import display
from .catalogs import translations
from .settings import LocalizeSettings

_CACHE_KEY = "_localize_page_lang"  # the page language, kept in each render context's own variables


def install(env: Environment, settings: dict, dates: display.DateFormats | None = None) -> None:
    dates = dates or display.DateFormats()
    config = LocalizeSettings.of(settings)
    languages = tuple(config.ui_languages)
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
        return scripts.native_digits(text, lang) if styles.get(lang, "native") == "native" else text

    @pass_context
    def ui_lang(ctx: Context) -> str:
        return lang_of(ctx)

    # the filters below read the page's language: it is in every page's key, whatever it calls
    setattr(ui_lang, EVERY_PAGE, True)

    @pass_context
    def ui_dir(ctx: Context) -> str:
        return scripts.direction(lang_of(ctx))

    @pass_context
    def site_name(ctx: Context) -> str:
        return display.for_language(config.sitenames, lang_of(ctx), settings["SITENAME"])

    @pass_context
    def site_description(ctx: Context) -> str:
        return display.for_language(config.site_descriptions, lang_of(ctx), config.site_description)

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
        record = article.record
        names = record.outlet_names
        return names.get(lang_of(ctx)) or names.get("en") or record.outlet_name

    @pass_context
    def langname(ctx: Context, lang: str) -> str:
        """A language's name in the page's language: Chinese, الصينية, چینی."""
        return scripts.language_name(lang, lang_of(ctx))

    @pass_context
    def num(ctx: Context, value: int) -> str:
        return digits(ctx, str(value))

    @pass_context
    def listing(ctx: Context, items) -> str:
        """'A, B and C' the way the page's language joins a list."""
        items = tuple(str(item) for item in items)
        return display.join_list(items, lang_of(ctx)) if items else ""

    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
    made: dict[tuple[str, str, bool], str] = {}

    @pass_context
    def gettext(ctx: Context, message: str, **variables) -> str:
        """Jinja's new-style `gettext` (`_()`), each message without variables made once per page
        language: Jinja's own wraps, escapes and formats it again at every call (4% of a clean
        build, a dozen strings on each of tens of thousands of pages)."""
        autoescape = ctx.eval_ctx.autoescape
        if variables:
            text = _gettext(ctx, message)
            return (Markup(text) if autoescape else text) % variables
        key = (lang_of(ctx), message, autoescape)
        if (found := made.get(key)) is None:
            text = _gettext(ctx, message)
            found = made[key] = (Markup(text) if autoescape else text) % {}  # a format string always, as Jinja's
        return found

    env.globals["gettext"] = gettext
    env.globals.update(
        ui_lang=ui_lang, ui_dir=ui_dir, endonym=scripts.endonym, UI_LANGUAGES=languages,
        site_name=site_name, site_description=site_description,
    )  # fmt: skip
    env.filters.update(
        localday=localday,
        localmonth=localmonth,
        tagname=tagname,
        outletname=outletname,
        langname=langname,
        endonym=scripts.endonym,
        num=num,
        listing=listing,
        solar_hijri=solar_hijri,
        iri=display.iri,
        direction=scripts.direction,
    )
