"""Text folded for alias matching: one form per Arabic-script letter, no diacritics, no tatweel,
zero-width non-joiners as spaces, Western digits, case folded."""

from __future__ import annotations

import re
import unicodedata

# Arabic and Persian letter variants to one form; hamza carriers to bare alef.
_LETTERS = str.maketrans({
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و",
    "\u200c": " ", "\u200d": "", "\u0640": "",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
})  # fmt: skip
_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_TOKEN = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return _MARKS.sub("", text.translate(_LETTERS)).casefold()


def script_of(alias: str) -> str:
    if _CJK.search(alias):
        return "cjk"
    if _ARABIC_SCRIPT.search(alias):
        return "arabic"
    return "latin"


def tokens(folded: str) -> list[str]:
    return _TOKEN.findall(folded)


# Attached prefixes: a conjunction (و ف), then a preposition (ب ل ک), then the article ال.
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ک")


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
