"""Language and direction. A statistical identifier restricted to the archive's languages decides;
the script decides where the identifier is unsure, so Persian is not taken for Arabic."""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SUPPORTED = ("zh", "ar", "fa")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "ug"})

# Letters only Persian uses (پ چ ژ گ), Persian forms of shared letters (ک ی) which Persian
# typed on an Arabic keyboard lacks, and letters only Arabic uses (ة ى) or writes so (ي ك).
_PERSIAN_ONLY = set("پچژگ")
_PERSIAN_FORMS = set("کی")
_ARABIC_ONLY = set("ةى")
_ARABIC_FORMS = set("يك")
_ZWNJ = "\u200c"
_CONFIDENT = 0.95
_SAMPLE = 2000


@lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(languages))
    return ident


_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")


def _script_counts(text: str) -> tuple[int, int, int]:
    return len(_HAN.findall(text)), len(_ARABIC_SCRIPT.findall(text)), len(_LATIN.findall(text))


def _persian_or_arabic(text: str) -> str | None:
    persian = sum(ch in _PERSIAN_ONLY for ch in text) + 3 * text.count(_ZWNJ)
    arabic = sum(ch in _ARABIC_ONLY for ch in text)
    if persian != arabic:
        return "fa" if persian > arabic else "ar"
    persian = sum(ch in _PERSIAN_FORMS for ch in text)
    arabic = sum(ch in _ARABIC_FORMS for ch in text)
    if persian != arabic:
        return "fa" if persian > arabic else "ar"
    return None


def detect_language(text: str, languages: tuple[str, ...] = SUPPORTED) -> str | None:
    """The language of `text` among `languages`, or None when no candidate's script is present."""
    sample = text[:_SAMPLE]
    han, arabic, latin = _script_counts(sample)
    if not (han or arabic or latin):
        return None
    dominant = max((han, "han"), (arabic, "arabic"), (latin, "latin"))[1]
    if dominant == "han" and "zh" in languages:
        return "zh"
    lang, confidence = _identifier(tuple(languages)).classify(sample)
    if dominant == "arabic" and {"ar", "fa"} & set(languages):
        by_script = _persian_or_arabic(sample)
        if lang not in ("ar", "fa") or (confidence < _CONFIDENT and by_script):
            return by_script or ("ar" if "ar" in languages else "fa")
        return lang
    # Latin script: only a Latin-script candidate can be the answer.
    if lang in ("zh", "ar", "fa") or confidence < 0.5:
        return None
    return lang


# BCP 47 shape: a 2–3 letter primary subtag, then subtags of 1–8 letters or digits.
_BCP47 = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def checked_language(tag: str | None, languages: tuple[str, ...] = SUPPORTED) -> str | None:
    """The primary language of a tag a file declares (front matter, `<html lang>`), if the tag is
    well-formed BCP 47 and the language one of `languages`; else None. A declared language becomes
    a folder and feed name, so nothing else may pass."""
    tag = (tag or "").strip()
    if not _BCP47.fullmatch(tag):
        return None
    primary = tag.replace("_", "-").split("-")[0].lower()
    return primary if primary in languages else None


def direction(lang: str | None) -> str:
    return "rtl" if lang and lang.split("-")[0] in RTL_LANGUAGES else "ltr"
