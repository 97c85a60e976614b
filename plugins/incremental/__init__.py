"""Rebuilds that only render what changed, with a manifest of every output (see pelican_glue.py)."""

# Checked at start by the contract plugin: plugins enabled with this one, and those that must come
# before it in PLUGINS.
# Needs: nothing; it digests what listings and stories set on articles, so comes after them.
REQUIRES = ()
AFTER = ("listings", "stories")


def register() -> None:
    from pelican import signals

    from .collector import freeze_at_exit
    from .pelican_glue import (
        _wrap_article_writing,
        add_render_digests,
        finish,
        get_writer,
        settle,
        settle_and_pause,
        start_build,
    )

    signals.get_generators.connect(start_build)  # every run, before anything is read or written
    # the ends of the phases whose results live to the end of the build (after the ingest plugin's
    # own receivers: this plugin registers after it)
    # ingested, then read: nothing is collected until the context is whole (linked, digested)
    signals.article_generator_init.connect(settle_and_pause)
    signals.article_generator_pretaxonomy.connect(settle_and_pause)
    signals.all_generators_finalized.connect(settle)  # the context is whole: collected again
    signals.article_generator_finalized.connect(add_render_digests)
    signals.article_generator_finalized.connect(_wrap_article_writing)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(finish)
    freeze_at_exit()  # the finished build's objects are not walked once more when the process ends
