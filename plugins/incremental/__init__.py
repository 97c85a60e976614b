"""Rebuilds that only render what changed (see pelican_glue.py)."""


def register() -> None:
    from pelican import signals

    from .pelican_glue import add_render_digests, finish, get_writer

    signals.article_generator_finalized.connect(add_render_digests)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(finish)
