"""Cross-language tags: a vocabulary (tags.yml) and a tagger that finds its aliases in Chinese,
Arabic and Persian text. The core (normalize, vocabulary, tagger) knows nothing of Pelican."""


def register() -> None:
    from .pelican_glue import register as register_with_pelican

    register_with_pelican()
