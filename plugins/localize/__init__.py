"""Interface language per page: gettext catalogs (Jinja2's i18n extension), dates and numbers.

A page's interface language is that of the listing (per-language pages), else of the article it
shows, else the site's DEFAULT_LANG; only languages in UI_LANGUAGES have catalogs. Digits: one
style per page, per language from the DIGITS setting, else what the archive's own articles in that
language mostly use in their titles and summaries (`digit_styles` in the context, computed once per build)."""

from __future__ import annotations

# Checked at start by the contract plugin: plugins enabled with this one, and those that must come
# before it in PLUGINS.
# Needs: the article record (language, outlet names, text for the digit style).
REQUIRES = ("ingest",)
AFTER = ()


def register() -> None:
    from pelican import signals

    signals.generator_init.connect(_install)
    signals.article_generator_finalized.connect(_digit_styles)


def _install(generator) -> None:
    from . import fragments
    from .display import DateFormats
    from .jinja import install

    # Pelican hands every generator of one build the same context: formatted dates and rendered
    # fragments live there, so they are shared by all pages of the build and never outlive it.
    install(generator.env, generator.settings, generator.context.setdefault("_date_formats", DateFormats()))
    fragments.install(generator.env, generator.context.setdefault("_fragments", fragments.Fragments()))


def _digit_styles(generator) -> None:
    from .display import count_digits, digit_style
    from .settings import LocalizeSettings

    texts: dict[str, list[str]] = {}
    for article in generator.articles:
        # title, deck and summary (the start of the body), plain text: what sits beside the
        # interface's dates and counts; joined per language and counted once, in C loops
        record = article.record
        texts.setdefault(article.lang, []).extend((article.title, record.deck, record.summary_text))
    styles = {lang: digit_style(*count_digits("\n".join(parts), markup=False)) for lang, parts in texts.items()}
    styles.update(LocalizeSettings.of(generator.settings).digits)
    generator.context["digit_styles"] = styles
