"""Which vocabulary tags an article is about: alias matching per script with a minimum of evidence.

Chinese aliases are counted as substrings (no spaces to split on); Arabic-script aliases match
word sequences after folding letter variants and removing attached prefixes from the first word;
Latin aliases match whole words. An alias in the title is enough; in the body it must occur at
least MIN_BODY_MENTIONS times, so a passing mention does not tag an article."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from scripts import script_of

from .normalize import core, fold, stems, tokens
from .vocabulary import Vocabulary

MIN_BODY_MENTIONS = 2


@dataclass(frozen=True)
class Evidence:
    title: int
    body: int


class Tagger:
    def __init__(self, vocabulary: Vocabulary, min_body_mentions: int = MIN_BODY_MENTIONS) -> None:
        self.vocabulary = vocabulary
        self.min_body = min_body_mentions
        cjk_aliases: dict[str, str] = {}  # folded alias → key
        latin_aliases: dict[str, str] = {}  # folded alias → key
        # first word's core → [(rest of the words, key)]
        self._arabic: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._labels: dict[str, str] = {}
        for key, entry in vocabulary.entries.items():
            for alias in entry.all_aliases():
                folded = fold(alias)
                self._labels.setdefault(folded, key)
                script = script_of(alias)
                if script == "cjk":
                    cjk_aliases.setdefault(folded, key)
                elif script == "arabic":
                    words = tokens(folded)
                    if words:
                        self._arabic.setdefault(core(words[0]), []).append((tuple(words[1:]), key))
                else:
                    latin_aliases.setdefault(folded, key)
        # one pattern for every Latin alias, longest first, whole words only
        alternatives = "|".join(re.escape(a) for a in sorted(latin_aliases, key=len, reverse=True))
        self._latin = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)") if latin_aliases else None
        self._latin_keys = latin_aliases
        # letters an Arabic-script alias's word may start with, attached prefixes included
        self._arabic_initials = frozenset(first[0] for first in self._arabic) | frozenset("وفبلکا")
        # Chinese: one pattern, longest alias first, so 索马里 is Somalia and not Mali (马里) inside it
        self._cjk_keys = cjk_aliases
        cjk = "|".join(re.escape(a) for a in sorted(cjk_aliases, key=len, reverse=True))
        self._cjk = re.compile(cjk) if cjk_aliases else None

    def count(self, text: str) -> Counter[str]:
        """Mentions of each tag in `text`."""
        folded = fold(text)
        counts: Counter[str] = Counter()
        if self._cjk is not None:
            for match in self._cjk.findall(folded):
                counts[self._cjk_keys[match]] += 1
        if self._latin is not None:
            for match in self._latin.findall(folded):
                counts[self._latin_keys[match]] += 1
        if self._arabic:
            words = tokens(folded)
            covered: dict[str, int] = {}  # key → last word index already counted ("دونالد ترامب" once)
            for i, word in enumerate(words):
                if word[0] not in self._arabic_initials:  # a Chinese or Latin word: no Arabic alias
                    continue
                candidates = [c for stem in stems(word) for c in self._arabic.get(stem, ())]
                for rest, key in sorted(candidates, key=lambda c: -len(c[0])):
                    if covered.get(key, -1) < i and tuple(words[i + 1 : i + 1 + len(rest)]) == rest:
                        counts[key] += 1
                        covered[key] = i + len(rest)
        return counts

    def evidence(self, title: str, body: str) -> dict[str, Evidence]:
        in_title, in_body = self.count(title), self.count(body)
        return {key: Evidence(in_title[key], in_body[key]) for key in in_title.keys() | in_body.keys()}

    def tags_for(self, title: str, body: str, labels: Sequence[str] = ()) -> list[str]:
        """Tag keys for an article, strongest evidence first; labels that are aliases map to keys."""
        found = {k: e for k, e in self.evidence(title, body).items() if e.title or e.body >= self.min_body}
        keys = sorted(found, key=lambda k: (-(found[k].title * 10 + found[k].body), k))
        for label in labels:
            key = self.label_key(label)
            if key and key not in keys:
                keys.append(key)
        return keys

    def label_key(self, label: str) -> str | None:
        """The vocabulary key a front-matter label names, if it is one of its aliases."""
        return self._labels.get(fold(label).strip())


def tagger_for(path: str, min_body_mentions: int) -> Tagger:
    """The tagger for this vocabulary file as it is now, loaded once per process (the build's
    glue, ingestion and every worker ask for it): an edited tags.yml is loaded again (a long-lived
    process such as `pelican -r` must not tag with the old one)."""
    stat = os.stat(path)
    return _load_tagger(path, (stat.st_mtime_ns, stat.st_size, stat.st_ino), min_body_mentions)


@lru_cache(maxsize=4)
def _load_tagger(path: str, stamp: tuple, min_body_mentions: int) -> Tagger:
    return Tagger(Vocabulary.load(Path(path)), min_body_mentions)
