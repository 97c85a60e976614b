"""Listing summaries: characters for CJK, words elsewhere, never cutting a grapheme."""

from __future__ import annotations

import regex
from scripts import SENTENCE_ENDS, TO_ASCII_DIGITS, cjk_units, is_cjk

CJK_CHARACTERS = 120
WORDS = 40
_SENTENCE_END = SENTENCE_ENDS


def summarize(text: str, *, cjk_characters: int = CJK_CHARACTERS, words: int = WORDS) -> str:
    """The opening of `text` (plain text, lines are paragraphs) as a short summary."""
    flat = " ".join(text.split())
    if not flat:
        return ""
    if is_cjk(flat[:200]):
        graphemes = regex.findall(r"\X", flat)
        if len(graphemes) <= cjk_characters:
            return flat
        cut = graphemes[:cjk_characters]
        # end at a sentence when one ends in the last third of the budget
        ends = [i for i, g in enumerate(cut) if g in _SENTENCE_END and i >= cjk_characters * 2 // 3]
        return "".join(cut[: ends[-1] + 1]) if ends else "".join(cut).rstrip() + "…"
    tokens = flat.split(" ")
    if len(tokens) <= words:
        return flat
    return " ".join(tokens[:words]).rstrip(",،;:") + "…"


_NUMBER = regex.compile(r"(?<![\d.,/])\d{3,}(?![\d.,/])")


def salient_numbers(text: str, limit: int = 20) -> list[str]:
    """Figures a report is likely to share with others on the same event (2500 troops, 520 ...),
    in Western digits; years (1900-2099) are left out, they tie together everything of a year."""
    western = text.translate(TO_ASCII_DIGITS)
    seen = dict.fromkeys(n for n in _NUMBER.findall(western) if not (len(n) == 4 and n[:2] in ("19", "20")))
    return list(seen)[:limit]


CJK_CHARACTERS_PER_MINUTE = 400
WORDS_PER_MINUTE = 200  # Arabic and Persian readers read about as many words as English ones


def reading_minutes(text: str) -> int:
    """Whole minutes to read `text`, at least one: characters for CJK, words otherwise."""
    if is_cjk(text[:2000]):
        units, rate = cjk_units(text), CJK_CHARACTERS_PER_MINUTE
    else:
        units, rate = len(text.split()), WORDS_PER_MINUTE
    return max(1, round(units / rate))
