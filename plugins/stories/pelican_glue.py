"""Pelican side of same-story links: scores from linking.py onto articles, and story pages."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from incremental.outputs import CACHE_DIR
from ingest.confine import OutsideError, inside  # sibling plugins, pure: containment, the build folder
from pelican.generators import Generator

from . import linking
from .linking import Link, LinkState, Settings, StoryDoc, relink, state_data, state_from_data, story_groups
from .settings import StorySettings

logger = logging.getLogger(__name__)
# The last build's links and what made them, so a rebuild scores only what an edit can change.
STATE_FILE = f"{CACHE_DIR}/story-links.json"


@dataclass
class Story:
    slug: str
    tags: list[str]  # keys shared by most members, rarest first
    articles: list = field(default_factory=list)  # by date, undated last
    headlines: dict[str, str] = field(default_factory=dict)  # language → its lead report's title
    name: str | None = None  # the most specific name the members share (a vocabulary key)

    def title_in(self, lang: str) -> str | None:
        """The lead report's headline in `lang`, if the story has a report in that language."""
        return self.headlines.get(lang)

    @property
    def url(self) -> str:
        return f"stories/{self.slug}.html"


@dataclass
class LinkedArticle:
    article: object
    link: Link


def attach_links(generator) -> None:
    articles = generator.articles
    by_id = {a.source_file: a for a in articles}
    vocabulary = generator.context.get("tag_vocabulary")

    def broad(slug: str) -> bool:
        # countries and topics, and labels from outside the vocabulary (a blog's "linux") are broad
        entry = vocabulary.get(slug) if vocabulary is not None else None
        return entry is None or entry.broad

    docs = [
        StoryDoc(
            a.source_file,
            None if a.record.undated else a.date,
            tuple(t.slug for t in a.tags),
            frozenset(a.record.numbers),
            frozenset(t.slug for t in a.tags if broad(t.slug)),
        )
        for a in articles
    ]
    config = StorySettings.of(generator.settings)
    settings = config.linking()
    key = hashlib.sha1(Path(linking.__file__).read_bytes() + repr(settings).encode()).hexdigest()
    workers = config.story_workers or os.cpu_count() or 1
    stats: dict = {}
    previous = _previous(generator.output_path, key, settings)
    state = relink(docs, settings, previous, stats, workers)
    logger.info(
        "stories: %d of %d articles linked again, %d pairs scored (%d in worker processes)",
        stats["relinked"], len(docs), stats["pairs_scored"], stats["pairs_scored_by_workers"],
    )  # fmt: skip
    if previous is None or stats["relinked"]:  # else the state on disk is this one (14 MB at 20,000)
        _keep(generator.output_path, state, key)
    links = state.links
    for a in articles:
        found = links.get(a.source_file)
        a.same_story = [LinkedArticle(by_id[link.other], link) for link in found.same] if found else []
        a.related = [LinkedArticle(by_id[link.other], link) for link in found.related] if found else []
        a.story = None
    tag_df = Counter(t for d in docs for t in d.tags)
    stories = []
    for group in story_groups(links):
        members = sorted((by_id[i] for i in group), key=lambda a: (a.record.undated, a.date, a.source_file))
        counts = Counter(tag.slug for member in members for tag in member.tags)
        # what the story is about: tags most members share, the rarest in the archive first
        about = sorted((t for t, c in counts.items() if c >= 2), key=lambda t: (-counts[t], tag_df[t], t))[:3]
        names = [t for t in sorted(counts, key=lambda t: (-counts[t], tag_df[t], t)) if counts[t] >= 2 and not broad(t)]
        # the lead report of each language: the one most linked to the others, then the earliest
        centrality = {
            m.source_file: sum(x.score for x in links[m.source_file].same if x.other in group) for m in members
        }
        headlines: dict[str, str] = {}
        for member in sorted(members, key=lambda m: -centrality[m.source_file]):  # stable: earliest first on ties
            headlines.setdefault(member.lang, member.title)
        # the slug is stable for the same members: a hash of their paths
        digest = hashlib.sha1("\n".join(group).encode("utf-8")).hexdigest()[:6]
        story = Story(
            slug="-".join(about[:2] + [digest]),
            tags=about,
            articles=members,
            headlines=headlines,
            name=names[0] if names else (about[0] if about else None),
        )
        for member in members:
            member.story = story
        stories.append(story)
    generator.context["stories"] = stories


def _previous(output: str, key: str, settings: Settings) -> LinkState | None:
    try:
        data = json.loads(inside(output, STATE_FILE).read_bytes())
        return state_from_data(data, key, settings)
    except FileNotFoundError:
        return None
    except (OSError, OutsideError, ValueError, TypeError, KeyError) as error:  # damaged: link all again
        logger.warning("stories: %s not used (%s): every article is linked again", STATE_FILE, error)
        return None


def _keep(output: str, state: LinkState, key: str) -> None:
    """Written whole (a temporary file, then a rename): a killed build leaves the last state or this."""
    try:
        path = inside(output, STATE_FILE)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.tmp{os.getpid()}")
        temporary.write_text(json.dumps(state_data(state, key), ensure_ascii=False, separators=(",", ":")), "utf-8")
        os.replace(temporary, path)
    except (OSError, OutsideError) as error:
        logger.warning("stories: %s not written (%s): the next build links every article again", STATE_FILE, error)


class StoryPages(Generator):
    """stories/<slug>.html for each group of same-event articles, and stories/index.html."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        relative = self.settings["RELATIVE_URLS"]
        stories = self.context.get("stories", [])
        template = self.get_template("story")
        for story in stories:
            writer.write_file(story.url, template, self.context, relative, story=story, url=story.url)
        writer.write_file(
            "stories/index.html", self.get_template("stories"), self.context, relative, url="stories/index.html"
        )


def generators(pelican):
    return StoryPages
