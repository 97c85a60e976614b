"""Python's cycle collector during one build (pure: no Pelican).

A build keeps most of what it makes until it ends: the ingested records, Pelican's articles, the
same-story links, the listings' context. The collector's full passes walk everything alive, again
each time the heap has grown by a quarter, so at 20,000 articles a one-file rebuild spent 6.6 of
39 s in the collector, most of it in 15 full passes (measured with gc.callbacks). Here what is
alive at the end of each phase is frozen (the collector no longer walks it: it would not be freed
before the build ends anyway), and young objects are collected in bigger batches. Between the end
of ingestion and the whole context (Pelican reading the articles, same-story links, digests), nothing
is collected at all: those phases make what lives to the end of the build and no cycles to free
(`gc.collect()` after them found none, in a clean build and a rebuild), yet the collector walked
their young objects again and again — 1.2 of the 2.3 s it took in a one-file rebuild at 20,000
articles went to the same-story links alone. All of it is undone when the build ends, so a process
that goes on (`pelican -r`, the tests) frees a finished build's objects as before.

When the process exits, what is left is frozen once more (`at_exit`): the interpreter's last
collection walked and freed every object of the finished build, 1.8–2.2 s after a one-file rebuild
of 20,000 articles (timed from the end of Pelican's `main` to the process's end; 0.08 s frozen),
and the system takes the memory back anyway.
"""

from __future__ import annotations

import atexit
import gc
from dataclasses import dataclass

# Young objects collected per batch (Python's default is 700). Rendering a page leaves cycles
# (Jinja contexts and their macros), so this is not unbounded: the peak of a 5,000-article clean
# build rose by 21 MB (240 against 219 MB); a one-file rebuild at 20,000 took 24–29 s against
# 27–28 s with batches of 5,000 or 20,000 and 32–34 s with 700 (all with the phases frozen).
YOUNG_BATCH = 50_000


# Whether a build paused the collector (gc's own switch is one per process, so this is too): a build
# that failed while paused never resumed it, and the next one (`pelican -r`) must not take "off" as
# how the process had it.
_paused_by_a_build = False


@dataclass
class BuildCollector:
    """begin() when a build starts, settle() after each phase whose results live to its end,
    end() when it ends or is abandoned (safe to call twice)."""

    young_batch: int = YOUNG_BATCH
    _saved: tuple[int, int, int] | None = None
    _enabled: bool = True  # whether the collector ran before the build (it is left so after it)

    def begin(self) -> None:
        if self._saved is None:
            self._saved = gc.get_threshold()
            self._enabled = gc.isenabled() or _paused_by_a_build
            gc.set_threshold(self.young_batch, *self._saved[1:])
        gc.freeze()  # modules, settings, whatever the process held before this build

    def settle(self, pause: bool = False) -> None:
        """What is alive now stays to the end of the build: frozen, no longer walked. `pause`: the
        next phase too makes only what lives on, so nothing is collected until the next settle()."""
        if self._saved is None:
            return
        gc.freeze()
        if pause:
            self._pause()
        elif self._enabled:
            self._resume()

    @staticmethod
    def _pause() -> None:
        global _paused_by_a_build
        gc.disable()
        _paused_by_a_build = True

    @staticmethod
    def _resume() -> None:
        global _paused_by_a_build
        gc.enable()
        _paused_by_a_build = False

    def end(self) -> None:
        if self._saved is None:
            return
        gc.unfreeze()  # into the oldest generation: the next full pass frees what the build left
        gc.set_threshold(*self._saved)
        if self._enabled:
            self._resume()
        self._saved = None


def at_exit() -> None:
    """Freeze everything at the process's exit: the interpreter's last collection then skips it.
    Objects in cycles are not finalized then (as when a process is killed); a build closes and
    flushes what it wrote before it ends, and `atexit` handlers (logging's flush, the finalizers of
    temporary folders) still run."""
    gc.freeze()


def freeze_at_exit() -> None:
    """Register at_exit once per process (a plugin may be registered again, as in the tests)."""
    atexit.unregister(at_exit)
    atexit.register(at_exit)
