"""Cross-language tags: a vocabulary (tags.yml) and a tagger that finds its aliases in Chinese,
Arabic and Persian text. The core (normalize, vocabulary, tagger) knows nothing of Pelican."""

# Checked at start by the contract plugin: plugins enabled with this one, and those that must come
# before it in PLUGINS.
# Needs: the article record (tag keys found at ingestion); tags only what is left once duplicates are out.
REQUIRES = ("ingest",)
AFTER = ("ingest",)


def register() -> None:
    from .pelican_glue import register as register_with_pelican

    register_with_pelican()
