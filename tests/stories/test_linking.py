"""Same-story scores on the samples, and a generated archive that must not be compared all-pairs."""

import json
import os
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from archive_paths import ROOT, seed
from ingest.html_clean import text_of
from stories import linking
from stories.linking import Settings, StoryDoc, link_stories, relink, state_data, state_from_data, story_groups
from tagging.tagger import Tagger
from tagging.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def sample_links(ingest):
    vocabulary = Vocabulary.load(ROOT / "content" / "tags.yml")
    tagger = Tagger(vocabulary)
    docs = []
    for prefix in ("000", "001", "002", "003", "004"):
        doc = ingest(seed(prefix))
        tags = tagger.tags_for(doc.title, doc.deck + "\n" + text_of(doc.body_html), doc.labels)
        broad = frozenset(t for t in tags if vocabulary.get(t).broad)  # countries and topics, as the build says
        docs.append(StoryDoc(prefix, doc.date, tuple(tags), frozenset(doc.numbers), broad))
    return link_stories(docs)


def test_the_26_july_reports_list_each_other(sample_links):
    for prefix, others in {"000": {"003", "004"}, "003": {"000", "004"}, "004": {"000", "003"}}.items():
        assert {link.other for link in sample_links[prefix].same} == others


def test_other_iraq_talks_are_related_not_the_same_event(sample_links):
    same = {link.other for link in sample_links["000"].same}
    related = [link.other for link in sample_links["000"].related]
    assert {"001", "002"} <= set(related) and not {"001", "002"} & same
    assert min(link.score for link in sample_links["000"].same) > max(
        link.score for link in sample_links["000"].related
    )
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


def _day(n: int) -> datetime:
    return datetime(2020, 10, 1, tzinfo=UTC) + timedelta(days=n)


def _archive(extra: list[StoryDoc]) -> list[StoryDoc]:
    """Forty unrelated articles, so that document frequencies mean something."""
    filler = [StoryDoc(f"filler-{i}", _day(100 + i), (f"person-{i}",)) for i in range(40)]
    return filler + extra


def test_broad_tags_never_make_an_event():
    """Countries and topics shared on the same day are no event, however many of them."""
    broad = frozenset({"china", "covid-19", "united-states", "economy"})
    a = StoryDoc("a", _day(0), ("china", "covid-19", "united-states", "economy"), broad=broad)
    b = StoryDoc("b", _day(0), ("china", "covid-19", "united-states", "economy"), broad=broad)
    links = link_stories(_archive([a, b]))
    assert links["a"].same == [] and [link.other for link in links["a"].related] == ["b"]


def test_a_tag_on_many_articles_is_broad_whatever_its_kind():
    """A person in more than a few percent of the archive (Trump in 2020) does not make two of his
    days one event, even with a second common name."""
    docs = [StoryDoc(f"t{i}", _day(i % 3), ("donald-trump", "white-house")) for i in range(8)]
    links = link_stories(_archive(docs))
    assert all(links[d.id].same == [] for d in docs)


def test_one_shared_name_is_a_subject_not_an_event():
    a = StoryDoc("a", _day(0), ("navalny", "germany"), broad=frozenset({"germany"}))
    b = StoryDoc("b", _day(1), ("navalny", "russia"), broad=frozenset({"russia"}))
    assert link_stories(_archive([a, b]))["a"].same == []
    c = StoryDoc("c", _day(0), ("navalny", "berlin-charite"), frozenset({"4172"}))
    d = StoryDoc("d", _day(1), ("navalny", "berlin-charite"), frozenset({"4172"}))
    links = link_stories(_archive([c, d]))
    assert [link.other for link in links["c"].same] == ["d"]
    assert set(links["c"].same[0].specific) == {"navalny", "berlin-charite"}


def test_samples_with_the_vocabulary_kinds_still_form_one_story(ingest):
    """Countries and topics are broad by kind in tags.yml; the three reports of 26 July 2021 share
    two people and still list each other."""
    vocabulary = Vocabulary.load(ROOT / "content" / "tags.yml")
    tagger = Tagger(vocabulary)
    docs = []
    for prefix in ("000", "001", "002", "003", "004"):
        doc = ingest(seed(prefix))
        tags = tagger.tags_for(doc.title, doc.deck + "\n" + text_of(doc.body_html), doc.labels)
        broad = frozenset(t for t in tags if vocabulary.get(t).broad)
        docs.append(StoryDoc(prefix, doc.date, tuple(tags), frozenset(doc.numbers), broad))
    links = link_stories(docs)
    assert story_groups(links) == [["000", "003", "004"]]
    assert {"joe-biden", "mustafa-al-kadhimi"} <= set(next(x for x in links["000"].same if x.other == "004").specific)


def _dense_archive(rng: random.Random, n: int) -> list[StoryDoc]:
    """Reports of events over one year, three or four to an event (two names and a day in common),
    some undated; names recur across events, so their frequencies differ."""
    broad = [f"country-{i}" for i in range(6)]
    names = [f"person-{i}" for i in range(n // 3)]
    start = datetime(2021, 1, 1, tzinfo=UTC)
    docs: list[StoryDoc] = []
    while len(docs) < n:
        pair, day = rng.sample(names, 2), start + timedelta(days=rng.randrange(365))
        for _ in range(rng.randrange(3, 5)):
            i = len(docs)
            date = None if i % 10 == 0 else day + timedelta(days=rng.randrange(3), hours=rng.randrange(24))
            tags = tuple(dict.fromkeys(pair + rng.sample(names, 1) + rng.sample(broad, 1)))
            numbers = frozenset(str(rng.randrange(100, 160)) for _ in range(rng.randrange(3)))
            docs.append(StoryDoc(f"a{i:04}", date, tags, numbers, frozenset(broad)))
    return docs


def _changed(rng: random.Random, doc: StoryDoc, docs: list[StoryDoc]) -> StoryDoc:
    """One article edited: a name added or dropped, a figure added, its date moved or lost, or its
    names taken from another article (it now reports that event)."""
    kind = rng.randrange(6)
    other = rng.choice(docs)
    if kind == 0:
        return replace(doc, tags=doc.tags + (rng.choice(other.tags),))
    if kind == 1:
        return replace(doc, tags=doc.tags[1:])
    if kind == 2:
        return replace(doc, numbers=doc.numbers | other.numbers | {"123"})
    if kind == 3:
        return replace(doc, date=other.date)
    if kind == 4:
        return replace(doc, date=None)
    return replace(doc, tags=other.tags, numbers=other.numbers, date=other.date)


def test_relinking_after_edits_gives_what_linking_all_gives():
    """The rebuild's linking (only what an edit can change is scored again) against linking every
    article from scratch, over many random edits of one to three articles."""
    rng = random.Random(11)
    docs = _dense_archive(rng, 600)
    state = relink(docs, Settings(), None)
    assert sum(len(found.same) for found in state.links.values()) > 100  # events to get wrong
    stats: dict = {}
    assert relink(docs, Settings(), state, stats).links == state.links and stats["relinked"] == 0
    for _ in range(40):
        edited = list(docs)
        for i in rng.sample(range(len(docs)), rng.randrange(1, 4)):
            edited[i] = _changed(rng, docs[i], docs)
        stats = {}
        again = relink(edited, Settings(), state, stats)
        assert again.links == link_stories(edited)
        assert again.anchors == relink(edited, Settings(), None).anchors
        assert stats["relinked"] < len(docs)
        state, docs = again, edited


def test_links_are_the_strongest_events_and_the_strongest_other_pairs():
    """What linking keeps, from the score's definition (the module's docstring) over every candidate
    pair: `same` is an article's max_same strongest same-event pairs, `related` its max_related
    strongest others, ties by id. Scoring takes shortcuts (no evidence gathered for a pair that does
    not become a link; a walk that stops once nothing more can be kept); this is what they keep.
    Besides the dense archive: an event weaker than six far-apart reports on the same three names."""
    names = ("person-p", "person-q", "person-r")
    far = [StoryDoc(f"x{i}", _day(20 * (i + 1)), names) for i in range(6)]
    docs = [
        *_dense_archive(random.Random(3), 400),
        StoryDoc("t", _day(0), names),
        StoryDoc("e", _day(0), names[:2]),
        *far,
    ]
    settings = Settings()
    index = linking.build_index(docs, settings)
    anchors = relink(docs, settings, None).anchors
    links = link_stories(docs, settings)

    def days(a: datetime, b: datetime) -> int:
        return int(abs((a - b).total_seconds()) // 86400)

    for d in docs:
        events, others = [], []
        for o in (index.by_id[i] for i in linking.candidates(index, d)):
            shared, numbers, evident = linking.evidence(index, d, o)
            specific = [t for t in shared if t not in d.broad | o.broad and index.tag_df[t] <= index.common]
            subject = (
                sum(index.weight(index.tag_idf[t]) for t in specific)
                + settings.number_weight * sum(index.weight(index.num_idf[x]) for x in numbers)
                + min(
                    settings.broad_cap,
                    settings.broad_weight * sum(index.tag_idf[t] for t in shared if t not in specific),
                )
            )
            dated = d.date is not None and o.date is not None
            closeness = max(0.0, 1 - days(d.date, o.date) / settings.date_scale_days) if dated else None
            score = subject + (settings.undated_closeness if closeness is None else closeness)
            if score < settings.related_min:
                continue
            here, there = anchors[d.id], anchors[o.id]
            close = here is None or there is None or days(here, there) <= settings.same_window_days
            event = close and bool(evident) and score >= settings.same_min and subject >= settings.same_subject_min
            (events if event else others).append((-round(score, 3), o.id))
        assert [(-x.score, x.other) for x in links[d.id].same] == sorted(events)[: settings.max_same]
        assert [(-x.score, x.other) for x in links[d.id].related] == sorted(others)[: settings.max_related]
    assert sum(len(found.same) for found in links.values()) > 100
    assert [x.other for x in links["t"].same] == ["e"] and links["t"].related[-1].score > links["t"].same[0].score


def test_relinking_with_other_articles_or_settings_links_all_again():
    rng = random.Random(5)
    docs = _dense_archive(rng, 200)
    state = relink(docs, Settings(), None)
    stats: dict = {}
    assert relink(docs[1:], Settings(), state, stats).links == link_stories(docs[1:])
    assert stats["relinked"] == len(docs) - 1
    other = Settings(same_min=3.0)
    assert relink(docs, other, state, stats).links == link_stories(docs, other)
    assert stats["relinked"] == len(docs)


def test_a_kept_state_comes_back_as_it_was_and_a_damaged_one_not_at_all():
    """The state a build keeps for the next (JSON in the output folder): read back, it relinks as
    the original does; read back damaged but still valid JSON, it is refused (every article is
    then linked again), never half used."""
    rng = random.Random(3)
    docs = _dense_archive(rng, 120)
    state = relink(docs, Settings(), None)
    data = json.loads(json.dumps(state_data(state, "k"), ensure_ascii=False))
    back = state_from_data(data, "k", Settings())
    assert back == state
    assert state_from_data(data, "other code or settings", Settings()) is None
    linked = next(i for i, found in data["links"].items() if found[0])

    def damaged(change) -> dict:
        copy = json.loads(json.dumps(data))
        change(copy)
        return copy

    for change in (
        lambda d: d["links"][linked][0][0].__setitem__(0, "an article it never had"),
        lambda d: d["anchors"].pop(next(iter(d["anchors"]))),
        lambda d: d["links"].pop(linked),
        lambda d: d["docs"].__setitem__("a9999", [None, [], [], []]),
        lambda d: d["links"][linked][0][0].__setitem__(1, "not a score"),
        lambda d: d["docs"][linked].__setitem__(0, "not a date"),
        lambda d: d.__setitem__("links", []),
    ):
        with pytest.raises(ValueError, match="damaged"):
            state_from_data(damaged(change), "k", Settings())


def _worker_dies(ids):  # a linking worker killed (the OOM killer, a crash)
    os._exit(1)


def test_linking_in_worker_processes_gives_the_same_links(monkeypatch, caplog):
    rng = random.Random(8)
    docs = _dense_archive(rng, 400)
    alone: dict = {}
    expected = relink(docs, Settings(), None, alone)
    monkeypatch.setattr(linking, "POOL_MIN_ARTICLES", 10)
    pooled: dict = {}
    assert relink(docs, Settings(), None, pooled, workers=2) == expected
    assert pooled["pairs_scored"] == alone["pairs_scored"]
    assert alone["pairs_scored_by_workers"] == 0 and pooled["pairs_scored_by_workers"] > 0
    edited = [_changed(rng, d, docs) if i % 50 == 0 else d for i, d in enumerate(docs)]
    assert relink(edited, Settings(), expected, workers=2).links == link_stories(edited)
    monkeypatch.setattr(linking, "_link_chunk", _worker_dies)
    broken: dict = {}
    assert relink(docs, Settings(), None, broken, workers=2) == expected  # what no worker returned: done here
    assert broken["pairs_scored_by_workers"] == 0
    assert "a linking process stopped" in caplog.text
