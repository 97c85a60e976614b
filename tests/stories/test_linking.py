"""Same-story scores on the samples, and a generated archive that must not be compared all-pairs."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from archive_paths import ROOT, seed

from ingest.html_clean import text_of
from stories.linking import StoryDoc, link_stories, story_groups
from tagging.tagger import Tagger
from tagging.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def sample_links(ingest):
    tagger = Tagger(Vocabulary.load(ROOT / "content" / "tags.yml"))
    docs = []
    for prefix in ("000", "001", "002", "003", "004"):
        doc = ingest(seed(prefix))
        tags = tagger.tags_for(doc.title, doc.deck + "\n" + text_of(doc.body_html), doc.labels)
        docs.append(StoryDoc(prefix, doc.date, tuple(tags), frozenset(doc.numbers)))
    return link_stories(docs)


def test_the_26_july_reports_list_each_other(sample_links):
    for prefix, others in {"000": {"003", "004"}, "003": {"000", "004"}, "004": {"000", "003"}}.items():
        assert {link.other for link in sample_links[prefix].same} == others


def test_other_iraq_talks_are_related_not_the_same_event(sample_links):
    same = {link.other for link in sample_links["000"].same}
    related = [link.other for link in sample_links["000"].related]
    assert {"001", "002"} <= set(related) and not {"001", "002"} & same
    assert min(link.score for link in sample_links["000"].same) > max(link.score for link in sample_links["000"].related)
    assert sample_links["001"].same == [] and sample_links["002"].same == []


def test_reasons_are_given(sample_links):
    link = next(link for link in sample_links["000"].same if link.other == "004")
    assert link.days_apart == 1
    assert {"joe-biden", "mustafa-al-kadhimi", "iraq"} <= set(link.shared_tags)
    undated = next(link for link in sample_links["000"].same if link.other == "003")
    assert undated.days_apart is None  # allowed, with less weight


def test_story_groups(sample_links):
    assert story_groups(sample_links) == [["000", "003", "004"]]


def test_a_big_archive_is_not_compared_all_pairs():
    """3,000 articles over four years with realistic tags: scored pairs stay a small fraction of all
    pairs (the timing belongs to `make bench`)."""
    rng = random.Random(7)
    common = [f"country-{i}" for i in range(8)]
    rare = [f"person-{i}" for i in range(600)]
    start = datetime(2020, 1, 1, tzinfo=UTC)
    docs = []
    for i in range(3000):
        date = None if i % 25 == 0 else start + timedelta(days=rng.randrange(4 * 365))
        tags = tuple(dict.fromkeys(rng.sample(common, 2) + rng.sample(rare, 2)))
        docs.append(StoryDoc(f"a{i}", date, tags, frozenset({str(rng.randrange(100, 400))})))
    stats = {}
    links = link_stories(docs, stats=stats)
    all_pairs = len(docs) * (len(docs) - 1)
    assert stats["pairs_scored"] < all_pairs / 10
    assert len(links) == len(docs)
