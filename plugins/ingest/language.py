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
_NON_LATIN = frozenset({"zh", "ar", "fa"})  # the candidates written in Han or Arabic script
_MIN_SCRIPT_LETTERS = 10
_FAIRLY_SURE = 0.8
# Latin-script languages with a large news press: a short text is told apart among these only
_LATIN_NEWS_LANGUAGES = (
    "en", "fr", "de", "es", "pt", "it", "nl", "tr", "id", "ms", "vi", "pl", "ro", "cs", "hu", "sv", "da", "no",
    "fi", "sw", "ha", "so", "uz", "az", "tl",
)  # fmt: skip
_SAMPLE = 2000


@lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if languages:  # () keeps every language of the model
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
    if dominant == "latin" and not set(languages) - _NON_LATIN and max(han, arabic) >= _MIN_SCRIPT_LETTERS:
        # Latin letters (product names, terms) cannot make the text a language we do not look for:
        # the archive's script that is present decides
        dominant = "han" if han >= arabic else "arabic"
    if dominant == "han" and "zh" in languages:
        return "zh"
    lang, confidence = _identifier(tuple(languages)).classify(sample)
    if dominant == "arabic" and {"ar", "fa"} & set(languages):
        by_script = _persian_or_arabic(sample)
        if lang not in ("ar", "fa") or (confidence < _CONFIDENT and by_script):
            return by_script or ("ar" if "ar" in languages else "fa")
        return lang
    # Latin script: a Latin-script candidate if there is one, else the identifier's own answer
    # when it is sure (an English post in a Chinese blog is English, not "unrecognised"), else the
    # major news language it is fairly sure of; a caption of names ("Photo: Untitled (Shanghai), by
    # Hsiuan Boyen") is too short for any of that and is English, these archives' Latin language
    if lang in _NON_LATIN or confidence < 0.5:
        lang, confidence = _identifier(()).classify(sample)
        if confidence >= _CONFIDENT and lang not in _NON_LATIN:
            return lang
        lang, confidence = _identifier(_LATIN_NEWS_LANGUAGES).classify(sample)
        if confidence >= _FAIRLY_SURE:
            return lang
        if han or arabic:  # a few words of the archive's own script decide before a guess
            return detect_language(re.sub(r"[A-Za-z]+", " ", sample), languages)
        return "en"
    return lang


# Individual languages written as their macrolanguage, as the archive files them: Dari (prs) and
# Iranian Persian (pes) are Persian, Standard Arabic (arb) Arabic, Mandarin (cmn) Chinese.
_MACROLANGUAGE = {
    "prs": "fa",
    "pes": "fa",
    "arb": "ar",
    "cmn": "zh",
    "yue": "zh",
    "wuu": "zh",
    "nan": "zh",
    "hak": "zh",
}
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")


def normalize_language(code: str | None) -> str | None:
    """The primary language of a BCP 47 tag as the archive files it (zh-Hans, zh_CN → zh;
    prs → fa), or None when the value is not a language tag at all."""
    m = _LANGUAGE_TAG.match((code or "").strip())
    if m is None:
        return None
    primary = m.group(1).lower()
    return _MACROLANGUAGE.get(primary, primary)


def checked_language(tag: str | None, languages: tuple[str, ...] = SUPPORTED) -> str | None:
    """The language of a tag a file declares (front matter, `<html lang>`), if the tag is
    well-formed BCP 47 and the language one of `languages`; else None. A declared language becomes
    a folder and feed name, so nothing else may pass."""
    primary = normalize_language(tag)
    return primary if primary in languages else None


def direction(lang: str | None) -> str:
    return "rtl" if lang and lang.split("-")[0] in RTL_LANGUAGES else "ltr"
