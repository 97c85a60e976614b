"""Feeds people can subscribe to: RSS 2.0 and Atom (feedgen) for everything, each language, each tag
and each outlet; an OPML list; a Subscribe page; `<link rel="alternate">` on every page."""


def register() -> None:
    from pelican import signals

    from .pelican_glue import generators, install

    signals.get_generators.connect(generators)
    signals.generator_init.connect(install)
