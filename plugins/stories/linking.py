"""Same story, other languages: a transparent score between articles, computed through an inverted
index (tag → articles by date), never over all pairs.

Evidence is either specific (a person, organisation or place named in both, a rare figure) or
broad: a country, a topic, or any tag or figure found in more than BROAD_FRACTION of the archive
(and more than BROAD_MIN_DF articles: a tiny archive cannot tell what is common). Broad evidence
never makes an event on its own.

subject = Σ w(shared specific tag) + NUMBER_WEIGHT · Σ w(shared specific figure)
          + BROAD_WEIGHT · Σ idf(shared broad tag), at most BROAD_CAP
  idf(x)          = ln(N / articles with x): a tag every article has counts for nothing
  w(x)            = idf(x) clamped to [1, 3]: a rare name weighs more, any name at least 1
score   = subject + date closeness
  date closeness  = DATE_WEIGHT · (1 − days/DATE_SCALE) for dated pairs, UNDATED_CLOSENESS if one
                    has no date (allowed, with less weight)
Same event: at most SAME_WINDOW days apart, subject ≥ SAME_SUBJECT_MIN, score ≥ SAME_MIN, and
  - a shared specific tag among the PROMINENT first names of both articles, or two among their
    PROMINENT_PAIR first names (what they are about, not a passing mention), and
  - at least two pieces of named evidence: names (specific or not, countries and topics aside)
    and specific figures (one more when either has no date); one shared name is a subject, not yet
    an event;
an undated article is placed at the date of the dated article it matches best. Related coverage: score ≥ RELATED_MIN, shown apart and ranked below.
"""

from __future__ import annotations

import bisect
import logging
import math
import pickle
from collections import defaultdict, deque
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import repeat
from multiprocessing import get_context

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    same_min: float = 2.5
    same_subject_min: float = 2.0  # the shared names and figures alone must reach this: a date is no event
    broad_fraction: float = 0.03  # a tag or figure in more of the archive than this is broad ...
    broad_min_df: int = 4  # ... if it is also in more articles than this
    broad_weight: float = 0.2
    broad_cap: float = 0.6
    weight_min: float = 1.0
    weight_max: float = 3.0
    prominent: int = 2  # an article's first this many names (title mentions first) are what it is about
    prominent_pair: int = 3  # ... or two shared names both among the first this many of both
    min_evidence: int = 2
    related_min: float = 0.1
    same_window_days: int = 3
    candidate_window_days: int = 45  # through a common tag, only articles this close are compared
    date_weight: float = 1.0
    date_scale_days: float = 7.0
    undated_closeness: float = 0.4
    number_weight: float = 0.5
    rare_tag_max: int | None = None  # through a tag this rare, every article is compared, dated or
    # not; None: max(20, √N), so the work per article grows like √N, not N
    max_same: int = 8
    max_related: int = 5


@dataclass
class StoryDoc:
    id: str
    date: datetime | None
    tags: tuple[str, ...]  # most prominent in the article first
    numbers: frozenset[str] = frozenset()
    broad: frozenset[str] = frozenset()  # tags broad by kind (countries, topics, outside labels)


@dataclass
class Link:
    other: str
    score: float
    shared_tags: list[str]  # in the order of the article's own tags, most prominent first
    shared_numbers: list[str]
    days_apart: int | None  # None when either is undated
    same_event: bool
    specific: list[str] = field(default_factory=list)  # shared tags that are specific evidence


@dataclass
class Links:
    same: list[Link] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)


def _idf(counts: dict[str, int], n: int) -> dict[str, float]:
    return {key: math.log(n / df) for key, df in counts.items()}


_DAY_US = 86_400_000_000
_EPOCH = datetime(1970, 1, 1)
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)


def micros(value: datetime) -> int:
    """Microseconds since 1970, exact: whole days between two dates are then an integer division, and
    a pair's closeness is an integer subtraction, not a timedelta made for each of millions of pairs."""
    delta = value - (_EPOCH if value.tzinfo is None else _EPOCH_UTC)
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def _weight(settings: Settings, idf: float) -> float:
    """w(x): a rare name weighs more, any name at least weight_min."""
    return min(settings.weight_max, max(settings.weight_min, idf))


def _days_apart(a: int, b: int) -> int:
    return abs(a - b) // _DAY_US


@dataclass
class StoryIndex:
    """What scoring reads, made once per build: how many articles carry each tag and figure, their
    idf, each tag's articles by date (the inverted index), and each article's leading names."""

    settings: Settings
    by_id: dict[str, StoryDoc]
    tag_df: dict[str, int]
    num_df: dict[str, int]
    tag_idf: dict[str, float]
    num_idf: dict[str, float]
    dated_postings: dict[str, tuple[list[int], list[str]]]  # tag → its articles' dates (sorted) and ids
    undated_postings: dict[str, list[str]]
    stamps: dict[str, int | None]  # each article's date as `micros`
    tagsets: dict[str, frozenset[str]]
    # each article's tags in order, each with its weight if specific on this article's side (else
    # None) and its idf: what scoring looks up for every one of millions of pairs, looked up once
    terms: dict[str, tuple[tuple[str, float | None, float], ...]]
    # the highest score an article can have with one it shares no specific tag with, more than
    # date_scale_days apart: its broad tags (capped) and its figures
    bounds: dict[str, float]
    common: float  # a tag or figure in more articles than this is broad
    prominent: dict[str, frozenset[str]]
    leading: dict[str, frozenset[str]]
    rare_max: int  # through a tag at most this common, every article is a candidate
    pairs_scored: int = 0

    def weight(self, idf: float) -> float:
        return _weight(self.settings, idf)


def build_index(docs: Sequence[StoryDoc], settings: Settings) -> StoryIndex:
    n = len(docs)
    tag_df: dict[str, int] = defaultdict(int)
    num_df: dict[str, int] = defaultdict(int)
    by_date: dict[str, list[tuple[int, str]]] = defaultdict(list)
    undated_postings: dict[str, list[str]] = defaultdict(list)
    stamps = {d.id: None if d.date is None else micros(d.date) for d in docs}
    for d in docs:
        stamp = stamps[d.id]
        for t in d.tags:
            tag_df[t] += 1
            if stamp is None:
                undated_postings[t].append(d.id)
            else:
                by_date[t].append((stamp, d.id))
        for x in d.numbers:
            num_df[x] += 1
    tag_idf = _idf(tag_df, n)
    common = max(settings.broad_min_df, settings.broad_fraction * n)

    def term(d: StoryDoc, t: str) -> tuple[str, float | None, float]:
        idf = tag_idf[t]
        # specific evidence: broad by kind in neither article (the other's is seen per pair), not common
        specific = t not in d.broad and tag_df[t] <= common
        return t, _weight(settings, idf) if specific else None, idf

    terms = {d.id: tuple(term(d, t) for t in d.tags) for d in docs}
    num_idf = _idf(num_df, n)

    def bound(d: StoryDoc) -> float:
        broad = settings.broad_weight * sum(idf for _, weight, idf in terms[d.id] if weight is None)
        counted = [num_idf[x] for x in d.numbers if num_df[x] <= common]
        figures = sum(_weight(settings, idf) for idf in counted)
        return min(settings.broad_cap, broad) + settings.number_weight * figures

    # two parallel lists: a window is then one bisection and one slice of ids
    dated_postings = {t: (list(s), list(i)) for t, found in by_date.items() for s, i in [zip(*sorted(found))]}
    # the first names of each article (its tags come strongest first; countries and topics aside):
    # a name crowded out by more prominent ones, however rare, is a passing mention
    names = {d.id: [t for t in d.tags if t not in d.broad] for d in docs}
    return StoryIndex(
        settings=settings,
        by_id={d.id: d for d in docs},
        tag_df=tag_df,
        num_df=num_df,
        tag_idf=tag_idf,
        num_idf=num_idf,
        dated_postings=dated_postings,
        undated_postings=undated_postings,
        stamps=stamps,
        tagsets={d.id: frozenset(d.tags) for d in docs},
        terms=terms,
        bounds={d.id: bound(d) for d in docs},
        common=common,
        prominent={i: frozenset(found[: settings.prominent]) for i, found in names.items()},
        leading={i: frozenset(found[: settings.prominent_pair]) for i, found in names.items()},
        rare_max=settings.rare_tag_max if settings.rare_tag_max is not None else max(20, math.isqrt(n)),
    )


_NONE: tuple[list[int], list[str]] = ([], [])


def candidates(index: StoryIndex, d: StoryDoc) -> set[str]:
    """Articles sharing a rare tag at any date, or a common tag within the date window: the work
    per article is bounded by the rare tags' size and the window's density."""
    near, far = _reach(index, d)
    return near | far


def _reach(index: StoryIndex, d: StoryDoc) -> tuple[set[str], set[str]]:
    """An article's candidates in two parts. Far: those more than date_scale_days away that it meets
    only through tags that are no specific evidence on its side (broad by kind, or common), so
    their score is at most `index.bounds`; in a dense archive, most of its candidates. Near: the
    rest (any it may share a specific tag with is met through that tag too, in the same window)."""
    window = index.settings.candidate_window_days * _DAY_US
    close = int(index.settings.date_scale_days * _DAY_US)
    stamp = index.stamps[d.id]
    near: set[str] = set()
    far: set[str] = set()
    for t, weight, _ in index.terms[d.id]:
        stamps, ids = index.dated_postings.get(t, _NONE)
        if index.tag_df[t] <= index.rare_max:
            near.update(ids)
            near.update(index.undated_postings.get(t, ()))
        elif stamp is not None:
            lo, hi = bisect.bisect_left(stamps, stamp - window), bisect.bisect_right(stamps, stamp + window)
            if weight is not None:
                near.update(ids[lo:hi])
            else:
                near_lo, near_hi = bisect.bisect_left(stamps, stamp - close), bisect.bisect_right(stamps, stamp + close)
                near.update(ids[near_lo:near_hi])
                far.update(ids[lo:near_lo])
                far.update(ids[near_hi:hi])
    near.discard(d.id)
    far -= near
    far.discard(d.id)
    return near, far


# A scored pair as (−score, other id, subject: the score without date closeness): sorted as they
# are, the strongest come first and ties go by id. The evidence behind a pair is gathered only for
# the few that become links (`evidence`): an article in a dense archive has hundreds of scored pairs
# and keeps a dozen.
Row = tuple[float, str, float]


def _figures(index: StoryIndex, d: StoryDoc, o: StoryDoc) -> list[str]:
    """The shared figures that count (a figure in much of the archive is broad), rarest first."""
    shared = d.numbers & o.numbers
    if not shared:
        return []
    return sorted((x for x in shared if index.num_df[x] <= index.common), key=lambda x: (-index.num_idf[x], x))


def rate(index: StoryIndex, d: StoryDoc, o: StoryDoc) -> Row | None:
    """The pair's score (tags, figures, and dates where both have one), or None below related_min."""
    settings = index.settings
    other_tags, other_broad = index.tagsets[o.id], o.broad
    specific = broad = 0.0
    for t, weight, idf in index.terms[d.id]:  # in the article's order: the sums of `evidence`'s lists
        if t in other_tags:
            if weight is not None and t not in other_broad:
                specific += weight
            else:
                broad += idf
    figures = sum(index.weight(index.num_idf[x]) for x in _figures(index, d, o))
    subject = specific + settings.number_weight * figures + min(settings.broad_cap, settings.broad_weight * broad)
    here, there = index.stamps[d.id], index.stamps[o.id]
    if here is not None and there is not None:
        score = subject + settings.date_weight * max(0.0, 1 - _days_apart(here, there) / settings.date_scale_days)
    else:
        score = subject + settings.undated_closeness
    if score < settings.related_min:
        return None
    return -round(score, 3), o.id, subject


def evidence(index: StoryIndex, d: StoryDoc, o: StoryDoc) -> tuple[list[str], list[str], list[str]]:
    """What a pair shares: its tags (in the order of `d`'s, most prominent first), its figures that
    count, and its specific tags if they can make an event (else none)."""
    other_tags = index.tagsets[o.id]
    shared = [t for t in d.tags if t in other_tags]
    specific = [t for t, weight, _ in index.terms[d.id] if t in other_tags and weight is not None and t not in o.broad]
    numbers = _figures(index, d, o)
    return shared, numbers, specific if _evident(index, d, o, shared, specific, numbers) else []


def _evident(
    index: StoryIndex, d: StoryDoc, o: StoryDoc, shared: list[str], specific: list[str], numbers: list[str]
) -> bool:
    """Whether the shared evidence can make an event: a specific name both articles are about, and
    enough named evidence (one more piece without a date to go by)."""
    named = [t for t in shared if t not in d.broad and t not in o.broad]  # countries and topics aside
    needed = index.settings.min_evidence + (d.date is None or o.date is None)
    about = bool(set(specific) & index.prominent[d.id] & index.prominent[o.id])
    about = about or len(set(specific) & index.leading[d.id] & index.leading[o.id]) >= 2
    return about and len(named) + len(numbers) >= needed


def scored(index: StoryIndex, d: StoryDoc) -> list[Row]:
    """Scores of one article's candidate pairs. Computed per article and reduced to its few links at
    once: holding every scored pair of a big archive would take memory in proportion to articles ×
    window density."""
    near, far = _reach(index, d)
    rows = _rated(index, d, near)
    if far:
        # a far pair is no event (no specific tag) and scores at most the bound: if enough pairs
        # that are surely no event score more, none of the far ones can be related coverage either
        settings = index.settings
        ceiling = round(index.bounds[d.id] + 1e-9, 3)  # scores are compared rounded
        above = sum(
            1
            for negative, _, subject in rows
            if -negative > ceiling and (-negative < settings.same_min or subject < settings.same_subject_min)
        )
        if above < settings.max_related:
            rows += _rated(index, d, far)
    return rows


def _rated(index: StoryIndex, d: StoryDoc, others: set[str]) -> list[Row]:
    rows = []
    for other_id in others:
        index.pairs_scored += 1
        row = rate(index, d, index.by_id[other_id])
        if row is not None:
            rows.append(row)
    return rows


def _anchor(index: StoryIndex, rows: list[Row]) -> datetime | None:
    """An undated article's date for the same-event window: that of the dated article it matches best."""
    dated = [(-score, other) for score, other, _ in rows if index.stamps[other] is not None]
    return index.by_id[max(dated)[1]].date if dated else None


def anchor_dates(
    index: StoryIndex, docs: Sequence[StoryDoc]
) -> tuple[dict[str, datetime | None], dict[str, list[Row]]]:
    """Each article's date for the same-event window: an undated article is placed at the date of the
    dated article it matches best, so it joins that event and not every event it shares names with.
    Also the rows scored to find that, so they are not scored twice."""
    anchors: dict[str, datetime | None] = {}
    undated_rows: dict[str, list[Row]] = {}
    for d in docs:
        if d.date is None:
            rows = undated_rows[d.id] = scored(index, d)
            anchors[d.id] = _anchor(index, rows)
        else:
            anchors[d.id] = d.date
    return anchors, undated_rows


Anchors = dict[str, int | None]  # each article's date for the same-event window, as `micros`


def classify(index: StoryIndex, d: StoryDoc, rows: list[Row], anchors: Anchors) -> Links:
    """An article's scored pairs as same-event links and related coverage, strongest first. Rows are
    taken strongest first and made links only until both lists are full."""
    settings = index.settings
    same: list[Link] = []
    related: list[Link] = []
    here = anchors[d.id]
    for negative, other, subject in sorted(rows):
        score, there = -negative, anchors[other]
        if len(related) >= settings.max_related and (len(same) >= settings.max_same or score < settings.same_min):
            break  # both lists full, or only related coverage is left and that list is
        close = here is None or there is None or _days_apart(here, there) <= settings.same_window_days
        o = index.by_id[other]
        found_evidence = None
        event = False
        if close and score >= settings.same_min and subject >= settings.same_subject_min:
            found_evidence = evidence(index, d, o)
            event = bool(found_evidence[2])
        found, limit = (same, settings.max_same) if event else (related, settings.max_related)
        if len(found) < limit:
            shared, numbers, specific = found_evidence or evidence(index, d, o)
            a, b = index.stamps[d.id], index.stamps[other]
            days = None if a is None or b is None else _days_apart(a, b)
            found.append(Link(other, score, shared, numbers, days, event, specific))
    return Links(same=same, related=related)


def link_stories(
    docs: Sequence[StoryDoc], settings: Settings = Settings(), stats: dict | None = None
) -> dict[str, Links]:
    """Links per article id: index, score each article's candidates, anchor the undated, classify.
    `stats`, if given, receives how many pairs were scored."""
    return relink(docs, settings, None, stats).links


@dataclass
class LinkState:
    """One build's linking, kept for the next: its inputs (settings, docs) and results."""

    settings: Settings
    docs: dict[str, StoryDoc]
    anchors: dict[str, datetime | None]
    links: dict[str, Links]


def relink(
    docs: Sequence[StoryDoc],
    settings: Settings,
    previous: LinkState | None,
    stats: dict | None = None,
    workers: int = 1,
) -> LinkState:
    """The links of `docs`, the same as link_stories gives, reusing what `previous` (the last build's
    state) still holds. An article's links depend only on its candidates' scores and dates, and a
    score only on the pair and the frequencies of the tags and figures they share; so with the same
    articles and settings, only the articles that changed are scored again, with those that carry a
    tag or figure whose frequency changed, those compared with a changed article before or now, and
    those compared with an undated article whose anchor moved. Anything else (an article added or
    removed, other settings) links all again: the frequencies of every tag change with the count.
    `workers` > 1: the articles are scored in that many processes (the same links)."""
    index = build_index(docs, settings)
    if previous is None or previous.settings != settings or previous.docs.keys() != index.by_id.keys():
        todo = set(index.by_id)
        anchors, undated_rows = anchor_dates(index, docs)
        links: dict[str, Links] = {}
    else:
        changed = [i for i, d in index.by_id.items() if previous.docs[i] != d]
        old = build_index(list(previous.docs.values()), settings) if changed else index
        moved_tags: set[str] = set()
        moved_numbers: set[str] = set()
        todo = set(changed)
        for i in changed:
            before, now = previous.docs[i], index.by_id[i]
            # counted, not compared as sets: a tag listed twice counts twice in its frequency
            moved_tags |= {t for t in {*before.tags, *now.tags} if before.tags.count(t) != now.tags.count(t)}
            moved_numbers |= before.numbers ^ now.numbers
            todo |= candidates(old, before) | candidates(index, now)
        for t in moved_tags:
            todo.update(index.dated_postings.get(t, _NONE)[1])
            todo.update(index.undated_postings.get(t, ()))
        if moved_numbers:
            todo.update(d.id for d in docs if d.numbers & moved_numbers)
        anchors = dict(previous.anchors)
        undated_rows = {}
        for i in sorted(todo):
            d = index.by_id[i]
            if d.date is None:
                rows = undated_rows[i] = scored(index, d)
                anchors[i] = _anchor(index, rows)
            else:
                anchors[i] = d.date
        for i in [i for i in todo if anchors[i] != previous.anchors[i]]:
            todo |= candidates(index, index.by_id[i])
        links = {i: found for i, found in previous.links.items() if i not in todo}
    stamps = {i: None if a is None else micros(a) for i, a in anchors.items()}
    rest = []
    for d in docs:
        if d.id in undated_rows:
            links[d.id] = classify(index, d, undated_rows.pop(d.id), stamps)
        elif d.id in todo:
            rest.append(d.id)
    pairs = _link_each(index, stamps, rest, links, workers)
    if stats is not None:
        stats["pairs_scored"] = index.pairs_scored + pairs
        stats["pairs_scored_by_workers"] = pairs
        stats["relinked"] = len(todo)
    return LinkState(settings, dict(index.by_id), anchors, {d.id: links[d.id] for d in docs})


# What a linking worker scores against: its own copy of the parent's index and anchors (one pool
# per call; never set in the process that makes the pool).
_SHARED: tuple[StoryIndex, Anchors] | None = None
POOL_MIN_ARTICLES = 2000  # below this, starting processes costs more than it saves


def _share(payload: bytes) -> None:
    """A worker is a new interpreter (spawned, not forked) that gets the index pickled: a forked one
    would start with the whole build's heap mapped (counted again in the tree's memory: 360 MB at
    20,000 articles), and each reference count it changed in an inherited object would copy a page
    of it."""
    global _SHARED
    _SHARED = pickle.loads(payload)


def _link_one(index: StoryIndex, anchors: Anchors, i: str) -> Links:
    d = index.by_id[i]
    return classify(index, d, scored(index, d), anchors)


def _link_chunk(ids: list[str]) -> tuple[list[tuple[str, Links]], int]:
    assert _SHARED is not None, "a linking worker starts with _share"
    index, anchors = _SHARED
    before = index.pairs_scored
    found = [(i, _link_one(index, anchors, i)) for i in ids]
    return found, index.pairs_scored - before


def _link_each(index: StoryIndex, anchors: Anchors, ids: list[str], links: dict[str, Links], workers: int) -> int:
    """Score and classify these articles into `links`; pairs scored in worker processes are returned
    (the index counts its own). Scoring is most of linking and grows with the window's density; each
    article is scored alone, so the work splits: `workers` processes in all, this one among them (it
    takes the chunks no worker has started, from the end), so one process fewer is started. A
    pool that breaks (a worker killed) leaves the rest to this process."""
    done = 0
    if workers > 1 and len(ids) >= POOL_MIN_ARTICLES:
        size = max(50, len(ids) // (workers * 8))
        pending = deque(ids[i : i + size] for i in range(0, len(ids), size))
        try:
            payload = pickle.dumps((index, anchors), pickle.HIGHEST_PROTOCOL)
            with ProcessPoolExecutor(workers - 1, get_context("spawn"), _share, (payload,)) as pool:
                running: set[Future] = set()
                while pending or running:
                    while pending and len(running) < 2 * (workers - 1):  # each worker has its next chunk
                        running.add(pool.submit(_link_chunk, pending.popleft()))
                    if pending:  # this process takes one from the other end meanwhile
                        links.update((i, _link_one(index, anchors, i)) for i in pending.pop())
                        finished = {f for f in running if f.done()}
                    else:
                        finished = wait(running, return_when=FIRST_COMPLETED).done
                    for future in finished:
                        found, pairs = future.result()
                        links.update(found)
                        done += pairs
                    running -= finished
        except (BrokenProcessPool, OSError) as error:  # what no worker returned is linked below
            logger.warning("stories: a linking process stopped (%s); the rest is linked in this one", error)
    for i in ids:
        if i not in links:
            links[i] = _link_one(index, anchors, i)
    return done


def state_data(state: LinkState, key: str) -> dict:
    """The state as JSON data, for the next build; `key` says what made it (code and settings)."""

    def when(value: datetime | None) -> str | None:
        return None if value is None else value.isoformat()

    def row(link: Link) -> list:
        return [
            link.other,
            link.score,
            link.shared_tags,
            link.shared_numbers,
            link.days_apart,
            link.same_event,
            link.specific,
        ]

    return {
        "key": key,
        "docs": {i: [when(d.date), list(d.tags), sorted(d.numbers), sorted(d.broad)] for i, d in state.docs.items()},
        "anchors": {i: when(a) for i, a in state.anchors.items()},
        "links": {
            i: [[row(x) for x in found.same], [row(x) for x in found.related]] for i, found in state.links.items()
        },
    }


def state_from_data(data: dict, key: str, settings: Settings) -> LinkState | None:
    """The state `state_data` made; None when other code or settings made it. ValueError when it is
    damaged though still JSON (a part missing, a wrong type, a link to an article it does not have):
    a state is used whole or not at all."""
    if not isinstance(data, dict) or data.get("key") != key:
        return None

    def when(value: str | None) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)

    def strs(values: list) -> list[str]:
        # map, not a generator: this runs for every list of every link (half a million at 20,000)
        if not isinstance(values, list) or not all(map(isinstance, values, repeat(str))):
            raise TypeError(f"not a list of strings: {values!r:.60}")
        return values

    def link(row: list) -> Link:
        other, score, shared, numbers, days, same, specific = row
        if not (isinstance(other, str) and type(score) in (int, float) and type(same) is bool):
            raise TypeError(f"not a link: {row!r:.60}")
        if days is not None and type(days) is not int:
            raise TypeError(f"not a number of days: {days!r:.60}")
        return Link(other, score, strs(shared), strs(numbers), days, same, strs(specific))

    try:
        state = LinkState(
            settings,
            {
                i: StoryDoc(i, when(date), tuple(strs(tags)), frozenset(strs(numbers)), frozenset(strs(broad)))
                for i, (date, tags, numbers, broad) in data["docs"].items()
            },
            {i: when(a) for i, a in data["anchors"].items()},
            {
                i: Links([link(r) for r in same], [link(r) for r in related])
                for i, (same, related) in data["links"].items()
            },
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise ValueError(f"damaged: {error}") from error
    ids = state.docs.keys()
    if state.anchors.keys() != ids or state.links.keys() != ids:
        raise ValueError("damaged: its articles, anchors and links differ")
    if any(x.other not in ids for found in state.links.values() for x in (*found.same, *found.related)):
        raise ValueError("damaged: a link to an article it does not have")
    return state


def story_groups(links: dict[str, Links], cohesion: float = 2 / 3) -> list[list[str]]:
    """Groups of same-event articles, two or more, largest first. A group grows from its most
    connected article and admits an article only if it is linked to at least `cohesion` of the
    members, so a chain of loosely linked reports does not become one story."""
    same = {doc_id: {link.other for link in doc_links.same} for doc_id, doc_links in links.items()}
    strength = {doc_id: sum(link.score for link in doc_links.same) for doc_id, doc_links in links.items()}
    grouped: set[str] = set()
    groups = []
    for seed in sorted(same, key=lambda i: (-strength[i], i)):
        if seed in grouped or not same[seed]:
            continue
        group = [seed]
        for link in links[seed].same:  # strongest first
            other = link.other
            if other not in grouped and sum(m in same[other] for m in group) >= cohesion * len(group):
                group.append(other)
        if len(group) > 1:
            grouped.update(group)
            groups.append(sorted(group))
    return sorted(groups, key=lambda g: (-len(g), g))
