"""Same story, other languages: links between articles that report the same event (with the reason
shown), related coverage, and story pages with a timeline across languages and outlets.
linking.py is pure; pelican_glue.py wires it to the articles and writes stories/."""

# Checked at start by the contract plugin: plugins enabled with this one, and those that must come
# before it in PLUGINS.
# Needs: the article record, the tags and their vocabulary; the theme's interface filters.
REQUIRES = ("ingest", "tagging", "localize")
AFTER = ()


def register() -> None:
    from pelican import signals

    from .pelican_glue import attach_links, generators

    signals.article_generator_finalized.connect(attach_links)
    signals.get_generators.connect(generators)
