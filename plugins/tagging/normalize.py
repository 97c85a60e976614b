"""Text folded for alias matching: one form per Arabic-script letter, no diacritics, no tatweel,
zero-width non-joiners as spaces, Western digits, case folded."""

from __future__ import annotations

import re
import unicodedata

from scripts import (
    ARABIC_CONJUNCTIONS,
    ARABIC_LETTER_FORMS,
    ARABIC_MARKS,
    ARABIC_PREPOSITIONS,
    ASCII_DIGIT_OF,
    TATWEEL,
    ZWJ,
    ZWNJ,
)

# Arabic and Persian letter variants to one form; a ZWNJ separates words here
_LETTERS = str.maketrans({**ARABIC_LETTER_FORMS, ZWNJ: " ", ZWJ: "", TATWEEL: "", **ASCII_DIGIT_OF})
_MARKS = re.compile(f"[{ARABIC_MARKS}]")
_TOKEN = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return _MARKS.sub("", text.translate(_LETTERS)).casefold()


def tokens(folded: str) -> list[str]:
    return _TOKEN.findall(folded)


# Attached prefixes: a conjunction (و ف), then a preposition (ب ل ک), then the article ال.
_CONJUNCTIONS = ("", *ARABIC_CONJUNCTIONS)
_PREPOSITIONS = ("", *ARABIC_PREPOSITIONS)


def stems(token: str) -> set[str]:
    """Forms a folded Arabic-script token may stand for once its attached prefixes are removed:
    والعراق → العراق, عراق; للعراق → العراق, عراق; بالعراق → العراق, عراق."""
    out = {token}
    for conjunction in _CONJUNCTIONS:
        if not token.startswith(conjunction):
            continue
        rest = token[len(conjunction) :]
        for preposition in _PREPOSITIONS:
            if not rest.startswith(preposition):
                continue
            core = rest[len(preposition) :]
            if len(core) >= 2:
                out.add(core)
            if preposition == "ل" and core.startswith("ل"):  # ل + ال is written لل
                out.add("ا" + core)
    return out | {s[2:] for s in out if s.startswith("ال") and len(s) > 3}


def core(token: str) -> str:
    """An alias's first word without the article, as `stems` reduces text words to it."""
    return token[2:] if token.startswith("ال") and len(token) > 3 else token
