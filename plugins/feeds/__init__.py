"""Feeds people can subscribe to: RSS 2.0 and Atom (feedgen) for everything, each language, each tag
and each outlet; an OPML list; a Subscribe page; `<link rel="alternate">` on every page."""

# Checked at start by the contract plugin: plugins enabled with this one, and those that must come
# before it in PLUGINS.
# Needs: the article record; catalogs and per-language site names.
REQUIRES = ("ingest", "localize")
AFTER = ()


def register() -> None:
    from pelican import signals

    from .pelican_glue import generators, install

    signals.get_generators.connect(generators)
    signals.generator_init.connect(install)
