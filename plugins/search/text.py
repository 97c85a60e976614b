"""What the search index holds: the title and body of an article as search tokens, folded the same
way the search page folds a query (theme/static/js/search.js implements `tokens` again and reads
its tables from `Folding.table()`; tests/theme/test_search.py checks in Chromium that both sides
agree, tests/search/ that every word of an article folds to tokens its index holds).

- Every script: NFKC, case folded, Arabic-Indic and Persian digits as Western digits, traditional
  Chinese characters as simplified ones (OpenCC).
- Arabic script: one form per letter (ك/ک, ي/ی/ى/ئ, ة/ۀ/ه, أ/إ/آ/ٱ/ا, ؤ/و), no diacritics, no tatweel,
  no zero-width non-joiner (نمی‌شود = نمیشود); attached prefixes removed: the article with what
  may precede it (ال، وال، بال، فال، کال، لل …) always, a lone conjunction or preposition
  (و ف ب ل ک) before a name of the vocabulary (وبايدن → بایدن). Any other word that starts with
  such a letter is indexed both whole and without it (واستثمار: واستثمار and استثمار), since
  only a dictionary could tell وزير from و + زير; a query keeps its word whole.
- Chinese: no spaces to split on, so each run of Han characters is indexed as its overlapping
  character pairs (伊拉克 → 伊拉 拉克), which any query of two or more characters can match, plus
  the vocabulary's names found in it, longest first, as words of their own: a query that is or
  contains a name (拜登, 伊拉克) looks for that word and is not matched by 登上 or 伊拉娜; a lone
  character of a query between names is paired with its neighbour (伊拉克人 → 伊拉克, 克人).
- Everything else: words of letters and digits.

Pagefind indexes these tokens as they are (its language is set to one it neither segments nor
stems); the readable text stays in the page and in the result's metadata."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from scripts import ARABIC as ARABIC_SCRIPT
from scripts import (
    ARABIC_CONJUNCTIONS,
    ARABIC_LETTER_FORMS,
    ARABIC_MARKS,
    ARABIC_PREPOSITIONS,
    ASCII_DIGIT_OF,
    HAN,
    HAN_RANGES,
    TATWEEL,
    ZWJ,
    ZWNJ,
)
from tagging.vocabulary import Vocabulary

LETTERS = {
    **ARABIC_LETTER_FORMS,
    ZWNJ: "", ZWJ: "", TATWEEL: "", "\u200f": "", "\u200e": "",
    **ASCII_DIGIT_OF,
}  # fmt: skip
MARKS = f"[{ARABIC_MARKS}]"
_MARKS = re.compile(MARKS)
# A token: a run of Han characters, a run of Arabic-script letters, or a run of other letters/digits.
ARABIC = ARABIC_SCRIPT + ZWNJ + ZWJ  # with the joiners inside words
_TOKEN = re.compile(rf"([{HAN}]+)|([{ARABIC}]+)|([^\W_{HAN}{ARABIC}]+)")
CONJUNCTIONS = ARABIC_CONJUNCTIONS
PREPOSITIONS = ARABIC_PREPOSITIONS
PREFIXES = CONJUNCTIONS + PREPOSITIONS
# the article and what may be attached before it; ل + ال is written لل (patterns valid in JS too)
_ARTICLE = re.compile(rf"^[{''.join(CONJUNCTIONS)}]?[{''.join(PREPOSITIONS)}]?ال(..+)$")
_LAM_LAM = re.compile(rf"^[{''.join(CONJUNCTIONS)}]?لل(..+)$")
MIN_REST = 3  # letters left after a possible prefix for the rest to be indexed too
FORMS_KEPT = 50_000  # distinct words whose index forms a Folding keeps (about 12 MB)


@cache
def han_simplified() -> dict[str, str]:
    """Traditional Han characters → simplified ones (OpenCC's t2s, character by character), so 臺灣
    and 台湾, 習近平 and 习近平 are one word to search. Computed once per process (0.6 s)."""
    import opencc

    converter = opencc.OpenCC("t2s")
    out = {}
    for start, end in HAN_RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            simple = converter.convert(char)
            if simple != char and len(simple) == 1:
                out[char] = simple
    return out


@cache
def _translation() -> dict[int, str]:
    return str.maketrans({**LETTERS, **han_simplified()})


def fold(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFKC", text).translate(_translation())).casefold()


class Folding:
    """The vocabulary's part in folding: Chinese names (longest first) and Arabic-script names."""

    def __init__(self, han_names: Iterable[str] = (), arabic_names: Iterable[str] = ()) -> None:
        self.han_names = tuple(sorted(set(han_names), key=lambda w: (-len(w), w)))
        self.arabic_names = frozenset(arabic_names)
        # one pattern, as a trie: at each place the longest name there wins, fast for a thousand names
        self._han = re.compile(_trie_pattern(self.han_names)) if self.han_names else None
        self._forms: dict[str, tuple[str, ...]] = {}  # arabic_forms per word, see there

    @classmethod
    def from_vocabulary(cls, vocabulary: Vocabulary) -> Folding:
        han, arabic = set(), set()
        for entry in vocabulary.entries.values():
            for alias in entry.all_aliases():
                for match in _TOKEN.finditer(fold(alias)):
                    if match.group(1) and len(match.group(1)) >= 2:
                        han.add(match.group(1))
                    elif match.group(2):
                        arabic.add(_strip_article(match.group(2)))
        return cls(han, arabic)

    def arabic_word(self, word: str) -> str:
        """One folded Arabic-script word without its attached prefixes."""
        core = _strip_article(word)
        if core != word or word in self.arabic_names:
            return core
        for first in PREFIXES:  # a conjunction, a preposition, or both, before a known name
            if word.startswith(first):
                rest = word[1:]
                if rest in self.arabic_names:
                    return rest
                if rest[:1] in PREFIXES and rest[1:] in self.arabic_names:
                    return rest[1:]
        return word

    def arabic_forms(self, word: str) -> tuple[str, ...]:
        """What an article's word is indexed as: its folded form without prefixes and, when it starts
        with a letter that may be an attached conjunction or preposition, also the rest (واستثمار →
        واستثمار, استثمار), so a query for the bare word finds it. Worked out once per word (for the
        first FORMS_KEPT words, the frequent among them): words repeat from article to article, and
        this is most of indexing's time."""
        if (kept := self._forms.get(word)) is not None:
            return kept
        core = self.arabic_word(word)
        forms = [core]
        if core == word:
            # a conjunction (و ف), a preposition (ب ل ک), or a conjunction then a preposition
            if word[:1] in PREFIXES and len(word) - 1 >= MIN_REST:
                forms.append(word[1:])
            if word[:1] in CONJUNCTIONS and word[1:2] in PREPOSITIONS and len(word) - 2 >= MIN_REST:
                forms.append(word[2:])
        made = tuple(forms)
        if len(self._forms) < FORMS_KEPT:
            self._forms[word] = made
        return made

    def han_run(self, run: str, index: bool) -> list[str]:
        """A run of Han characters: at index time its character pairs and the names in it; at query
        time its names and the character pairs of the stretches between them."""
        if self._han is None:
            return _pairs(run)
        if index:
            return _pairs(run) + self._han.findall(run)
        out, start = [], 0
        for match in self._han.finditer(run):
            if start < match.start():
                out += _stretch(run, start, match.start())
            out.append(match.group())
            start = match.end()
        if start < len(run):
            out += _stretch(run, start, len(run))
        return out

    def tokens(self, text: str, index: bool = True) -> list[str]:
        out: list[str] = []
        for han, arabic, other in _TOKEN.findall(fold(text)):
            if han:
                out += self.han_run(han, index)
            elif arabic:
                out += self.arabic_forms(arabic) if index else [self.arabic_word(arabic)]
            else:
                out.append(other)
        return out

    def table(self) -> dict:
        """What the search page needs to fold a query exactly like this (JSON)."""
        return {
            "letters": {**LETTERS, **han_simplified()},
            "marks": MARKS,
            "han": HAN,
            "arabic": ARABIC,
            "conjunctions": list(CONJUNCTIONS),
            "prepositions": list(PREPOSITIONS),
            "article": _ARTICLE.pattern,
            "lamLam": _LAM_LAM.pattern,
            "minRest": MIN_REST,
            "hanNames": list(self.han_names),
            "arabicNames": sorted(self.arabic_names),
        }


def _strip_article(word: str) -> str:
    match = _ARTICLE.match(word) or _LAM_LAM.match(word)
    return match.group(1) if match else word


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, the longest where several start at one place
    (马里兰 before 马里): a trie, so each place costs a character test, not one per word."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _stretch(run: str, start: int, end: int) -> list[str]:
    """The pairs of a query's stretch between names; one character alone is paired with its
    neighbour in the run (伊拉克人 → 伊拉克, 克人), as the index holds only pairs."""
    if end - start == 1 and len(run) > 1:
        return [run[start : start + 2]] if end < len(run) else [run[start - 1 : end]]
    return _pairs(run[start:end])


def _pairs(run: str) -> list[str]:
    return [run] if len(run) < 2 else list(map(str.__add__, run, run[1:]))


def index_text(parts: Iterable[str], folding: Folding) -> str:
    """The text Pagefind indexes for an article: its title, deck and body as tokens."""
    return " ".join(token for part in parts if part for token in folding.tokens(part, index=True))
