"""What the search index holds: the title and body of an article as search tokens, folded the same
way the search page folds a query (theme/static/js/search.js implements `tokens` again; it reads
its tables from `folding_table`, and tests/search/ checks that both sides agree word for word).

- Every script: NFKC, case folded, Arabic-Indic and Persian digits as Western digits.
- Arabic script: one form per letter (ك/ک, ي/ی/ى/ئ, ة/ۀ/ه, أ/إ/آ/ٱ/ا, ؤ/و), no diacritics, no tatweel,
  no zero-width non-joiner (نمی‌شود = نمیشود); attached prefixes removed: the article with what
  may precede it (ال، وال، بال، فال، کال، لل …) always, a lone conjunction or preposition
  (و ف ب ل ک) only before a name of the vocabulary (وبايدن → بایدن, but وزير stays وزیر).
- Chinese: no spaces to split on, so each run of Han characters is indexed as its overlapping
  character pairs (伊拉克 → 伊拉 拉克), which any query of two or more characters can match, plus
  the vocabulary's names found in it, longest first, as words of their own: a query that is or
  contains a name (拜登, 伊拉克) looks for that word and is not matched by 登上 or 伊拉娜.
- Everything else: words of letters and digits.

Pagefind indexes these tokens as they are (its language is set to one it neither segments nor
stems); the readable text stays in the page and in the result's metadata."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from tagging.vocabulary import Vocabulary

LETTERS = {
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ە": "ه",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و",
    "\u200c": "", "\u200d": "", "\u0640": "", "\u200f": "", "\u200e": "",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
}  # fmt: skip
MARKS = "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]"
_TRANSLATE = str.maketrans(LETTERS)
_MARKS = re.compile(MARKS)
# A token: a run of Han characters, a run of Arabic-script letters, or a run of other letters/digits.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
ARABIC = r"\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
_TOKEN = re.compile(rf"([{HAN}]+)|([{ARABIC}]+)|([^\W_{HAN}{ARABIC}]+)")
# the article and what may be attached before it; ل + ال is written لل
_ARTICLE = re.compile(r"^[وف]?[بلک]?ال(..+)$")
_LAM_LAM = re.compile(r"^[وف]?لل(..+)$")
PREFIXES = ("و", "ف", "ب", "ل", "ک")


def fold(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFKC", text).translate(_TRANSLATE)).casefold()


class Folding:
    """The vocabulary's part in folding: Chinese names (longest first) and Arabic-script names."""

    def __init__(self, han_names: Iterable[str] = (), arabic_names: Iterable[str] = ()) -> None:
        self.han_names = tuple(sorted(set(han_names), key=lambda w: (-len(w), w)))
        self.arabic_names = frozenset(arabic_names)
        self._by_first: dict[str, list[str]] = {}  # first character → names, longest first
        for name in self.han_names:
            self._by_first.setdefault(name[0], []).append(name)

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

    def _name_at(self, run: str, i: int) -> str | None:
        return next((n for n in self._by_first.get(run[i], ()) if run.startswith(n, i)), None)

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

    def han_run(self, run: str, index: bool) -> list[str]:
        """A run of Han characters: at index time its character pairs and the names in it; at query
        time its names and the character pairs of the stretches between them."""
        pieces: list[tuple[str, bool]] = []  # (text, is a name), in order
        i = start = 0
        while i < len(run):
            name = self._name_at(run, i)
            if name is None:
                i += 1
                continue
            if start < i:
                pieces.append((run[start:i], False))
            pieces.append((name, True))
            i = start = i + len(name)
        if start < len(run):
            pieces.append((run[start:], False))
        if index:
            return _pairs(run) + [piece for piece, is_name in pieces if is_name]
        return [token for piece, is_name in pieces for token in ([piece] if is_name else _pairs(piece))]

    def tokens(self, text: str, index: bool = True) -> list[str]:
        out: list[str] = []
        for han, arabic, other in _TOKEN.findall(fold(text)):
            if han:
                out += self.han_run(han, index)
            elif arabic:
                out.append(self.arabic_word(arabic))
            else:
                out.append(other)
        return out

    def table(self) -> dict:
        """What the search page needs to fold a query exactly like this (JSON)."""
        return {
            "letters": LETTERS,
            "marks": MARKS,
            "han": HAN,
            "arabic": ARABIC,
            "prefixes": list(PREFIXES),
            "hanNames": list(self.han_names),
            "arabicNames": sorted(self.arabic_names),
        }


def _strip_article(word: str) -> str:
    match = _ARTICLE.match(word) or _LAM_LAM.match(word)
    return match.group(1) if match else word


def _pairs(run: str) -> list[str]:
    return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(parts: Iterable[str], folding: Folding) -> str:
    """The text Pagefind indexes for an article: its title, deck and body as tokens."""
    return " ".join(token for part in parts if part for token in folding.tokens(part, index=True))
