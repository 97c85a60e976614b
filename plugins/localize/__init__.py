"""Interface language per page: gettext catalogs (Jinja2's i18n extension), dates and numbers.

A page's interface language is that of the listing (per-language pages), else of the article it
shows, else the site's DEFAULT_LANG; only languages in UI_LANGUAGES have catalogs."""

from __future__ import annotations



def register() -> None:
    from pelican import signals

    signals.generator_init.connect(_install)


def _install(generator) -> None:
    from . import fragments
    from .display import DateFormats
    from .jinja import install

    # Pelican hands every generator of one build the same context: formatted dates and rendered
    # fragments live there, so they are shared by all pages of the build and never outlive it.
    install(generator.env, generator.settings, generator.context.setdefault("_date_formats", DateFormats()))
    fragments.install(generator.env, generator.context.setdefault("_fragments", fragments.Fragments()))
