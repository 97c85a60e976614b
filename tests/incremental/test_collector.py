"""The cycle collector during a build: phases frozen, young objects in bigger batches, and the
process's collector exactly as it was once the build ends."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import weakref

import equivalence  # tests/incremental/equivalence.py: the settings of an in-process build
import pytest
from archive_paths import ROOT, SEEDS
from incremental.collector import YOUNG_BATCH, BuildCollector


@pytest.fixture
def collector_state():
    """The process's collector before the test, and a check that the test left it so."""
    before = gc.get_threshold(), gc.get_freeze_count()
    assert gc.isenabled()
    yield before
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
    assert gc.isenabled()


def test_a_build_collector_freezes_each_phase_and_undoes_it_all(collector_state):
    threshold, frozen = collector_state
    collector = BuildCollector()
    collector.begin()
    assert gc.get_threshold() == (YOUNG_BATCH, *threshold[1:])
    at_start = gc.get_freeze_count()
    assert at_start > frozen

    kept = [[i] for i in range(10_000)]  # a phase's results, alive to the end of the build
    collector.settle()
    assert gc.get_freeze_count() >= at_start + len(kept)

    collector.end()
    collector.end()  # a build ended twice (finished, then found by the next run) changes nothing more
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == 0


def test_a_paused_phase_is_not_collected_until_the_next_settle(collector_state):
    collector = BuildCollector()
    collector.begin()
    collector.settle(pause=True)  # ingested: reading and linking make only what lives on
    assert not gc.isenabled()
    collector.settle(pause=True)  # read: still paused
    assert not gc.isenabled()
    collector.settle()  # the context is whole: rendering leaves cycles, collected again
    assert gc.isenabled()
    collector.settle(pause=True)
    collector.end()  # a build that ends (or fails) in a paused phase leaves the collector running
    assert gc.isenabled()


def test_a_build_that_failed_while_paused_does_not_leave_the_collector_off(collector_state):
    """`pelican -r` goes on after a failed build, whose collector never ended (its settings may even
    be read anew): the next build takes the pause for what it is, and ends with collection on."""
    failed = BuildCollector()
    failed.begin()
    failed.settle(pause=True)  # then an exception: no end()
    assert not gc.isenabled()
    frozen = gc.get_freeze_count()
    following = BuildCollector()
    following.begin()
    following.settle()
    assert gc.isenabled()
    following.end()
    assert gc.isenabled() and gc.get_freeze_count() == 0 < frozen
    failed.end()  # found later: changes nothing more
    assert gc.isenabled()


def test_a_collector_off_before_the_build_stays_off(collector_state):
    gc.disable()
    try:
        collector = BuildCollector()
        collector.begin()
        collector.settle(pause=True)
        collector.settle()
        assert not gc.isenabled()
        collector.end()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cycles_left_during_a_build_are_freed_after_it(collector_state):
    class Node:
        pass

    collector = BuildCollector()
    collector.begin()
    node = Node()
    node.me = node  # a cycle, as a rendered page's Jinja context leaves
    ref = weakref.ref(node)
    collector.settle()  # frozen while alive
    del node
    gc.collect()
    assert ref() is not None  # frozen: not walked during the build
    collector.end()
    gc.collect()
    assert ref() is None


def test_a_build_runs_with_the_collector_set_and_leaves_it_as_it_was(tmp_path, collector_state):
    """Through Pelican in this process: the context is frozen when it is whole, and everything is
    back as before once the build ends (`pelican -r` and the tests go on in the same process)."""
    from pelican import Pelican, signals

    threshold, _ = collector_state
    content = tmp_path / "content"
    shutil.copytree(SEEDS, content)
    seen = []

    def when(phase: str):
        def receiver(sender, **_) -> None:
            seen.append((phase, gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()))

        return receiver

    read, whole = when("read"), when("whole")
    site = Pelican(equivalence.settings_for(content, tmp_path / "out", None, search=False))
    # connected after the plugins registered: each runs after the plugin's own receiver
    signals.article_generator_pretaxonomy.connect(read)
    signals.all_generators_finalized.connect(whole)
    try:
        site.run()
    finally:
        signals.article_generator_pretaxonomy.disconnect(read)
        signals.all_generators_finalized.disconnect(whole)
    assert [phase for phase, *_ in seen] == ["read", "whole"]
    (_, during, when_read, collecting_read), (_, _, when_whole, collecting_whole) = seen
    assert during == (YOUNG_BATCH, *threshold[1:])
    assert 0 < when_read < when_whole  # each phase's results frozen as it ends
    # no collection from the end of ingestion until the context is whole, then collected again
    assert (collecting_read, collecting_whole) == (False, True)
    assert (tmp_path / "out" / "index.html").is_file()


_EXIT_SCRIPT = """
import atexit, sys
sys.path.insert(0, {plugins!r})
from incremental.collector import freeze_at_exit

class Node:
    def __del__(self):
        print("walked and freed")

atexit.register(lambda: print("earlier handler ran"))
if {freeze}:
    freeze_at_exit()
    freeze_at_exit()  # the plugin registered again: one handler
node = Node()
node.me = node  # a cycle a finished build leaves (a Jinja context, an article and its links)
del node
"""


@pytest.mark.parametrize("freeze", [False, True])
def test_what_a_build_leaves_is_not_walked_again_when_the_process_exits(freeze):
    """The interpreter's last collection walks and frees every object in a cycle (2 s after a
    20,000-article rebuild); frozen at exit, it skips them. Other exit handlers still run."""
    script = _EXIT_SCRIPT.format(plugins=str(ROOT / "plugins"), freeze=freeze)
    done = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "earlier handler ran" in lines
    assert ("walked and freed" in lines) is not freeze
