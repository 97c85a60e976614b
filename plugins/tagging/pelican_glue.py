"""Pelican side of tagging: load the vocabulary, set every article's tags before Pelican builds its
tag pages, and give templates the tag names in the page's language."""

from __future__ import annotations

import logging
from pathlib import Path

import lxml.html
from ingest.confine import within  # sibling plugin: the one containment rule
from ingest.hygiene import shown
from ingest.slugs import listing_slug
from ingest.yaml_bounds import as_data_file_error
from pelican import signals
from pelican.urlwrappers import Tag

from .settings import TagSettings
from .tagger import Tagger, tagger_for
from .vocabulary import Vocabulary

logger = logging.getLogger(__name__)


def vocabulary_path(settings: dict) -> Path | None:
    """The first TAG_VOCABULARY file that exists, content-folder paths first."""
    for candidate in TagSettings.of(settings).tag_vocabulary:
        path = Path(candidate)
        if not path.is_absolute():
            path = Path(settings["PATH"]) / path
            if path.exists() and not within(settings["PATH"], path):  # a link out of the content folder
                logger.error("tagging: %s leads outside the content folder; not read", candidate)
                continue
        if path.is_file():
            return path
    return None


def _tagger(settings: dict) -> Tagger:
    """The tagger of the vocabulary file (loaded once per process, see tagger_for), or one with an
    empty vocabulary when there is none or it cannot be read."""
    min_body_mentions = TagSettings.of(settings).tag_min_body_mentions
    path = vocabulary_path(settings)
    if path is None:
        logger.warning("tagging: no tag vocabulary found (TAG_VOCABULARY); articles keep front-matter labels only")
        return Tagger(Vocabulary.empty(), min_body_mentions)
    try:
        return tagger_for(str(path), min_body_mentions)
    except Exception as err:  # noqa: BLE001 (a broken vocabulary stops tagging, not the build; ingest reports it)
        logger.error("tagging: %s; articles keep their front-matter labels only", shown(as_data_file_error(path, err)))
        return Tagger(Vocabulary.empty(), min_body_mentions)


def _plain_text(html: str) -> str:
    return lxml.html.fragment_fromstring(html, create_parent="div").text_content() if html.strip() else ""


def tag_articles(generator) -> None:
    settings = generator.settings
    tagger = _tagger(settings)
    vocabulary = tagger.vocabulary
    generator.context["tag_vocabulary"] = vocabulary
    made: dict[str, Tag] = {}  # one Tag per key, shared by its articles (not 90,000 at 20,000 articles)
    for article in generator.articles:
        labels = [t.name for t in article.tags]  # front-matter labels (ingestion gives every article a list)
        record = article.record
        keys = record.tag_keys
        if keys is None:  # not tagged at ingestion: tag here
            keys = tagger.tags_for(article.title, record.deck + "\n" + _plain_text(article.content), labels)
        tags = []
        for key in keys:
            if (tag := made.get(key)) is None:
                tag = made[key] = Tag(vocabulary.entries[key].name("en"), settings)
                tag.slug = listing_slug(key, key)
            tags.append(tag)
        # labels that are not in the vocabulary stay as tags of their own
        tags += [t for t in article.tags if tagger.label_key(t.name) is None]
        article.tags = tags
        article.metadata["tags"] = tags


def register() -> None:
    signals.article_generator_pretaxonomy.connect(tag_articles)
