"""Scripts and languages: the one place that knows Unicode script ranges, writing direction, digits,
calendar month names, language codes and language names. Pure (no Pelican): the ingestion core,
the theme's filters, search and tagging all import it; tests/test_scripts.py fails if another module
under plugins/ writes such a table again.

Ranges are character-class bodies written with `\\uXXXX` escapes, so one string works in Python's
`re` and in JavaScript (the search page reads HAN and ARABIC from the index's folding table)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

import regex
from babel import Locale, UnknownLocaleError
from babel.languages import get_territory_language_info


def register() -> None:
    """Nothing to connect: the package is in PLUGINS only so that Pelican puts it where the other
    plugins import it from."""


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\u{start:04x}-\\u{end:04x}" for start, end in ranges)


# -- Scripts -----------------------------------------------------------------------------------------
# Han: CJK Unified Ideographs, Extension A, Compatibility Ideographs (the BMP blocks; JavaScript
# patterns need them so). `is_cjk` also knows the supplementary planes through the Script property.
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
HAN = _char_class(HAN_RANGES)
# Arabic script: Arabic, Supplement, Extended-A, Presentation Forms-A and -B.
ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
ARABIC = _char_class(ARABIC_RANGES)
ARABIC_LETTERS = r"\u0621-\u064a"  # hamza to yeh: the letters of Arabic proper (month names)
# Harakat, Quranic annotation signs and the superscript alef: what folding and slugs drop.
ARABIC_MARKS = r"\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
TATWEEL = "\u0640"
ZWNJ = "\u200c"  # Persian writes it inside words (نمی‌شود)
ZWJ = "\u200d"
CJK_PUNCTUATION = r"\u3000-\u303f"
FULLWIDTH = r"\uff00-\uffef"  # halfwidth and fullwidth forms
CJK_BLOCKS = r"\u2e80-\u9fff"  # radicals, kana, bopomofo, Hangul compatibility … to the end of Han
LATIN = "A-Za-z"

HAN_RE = re.compile(f"[{HAN}]")
ARABIC_RE = re.compile(f"[{ARABIC}]")
LATIN_RE = re.compile(f"[{LATIN}]")
_CJK = regex.compile(rf"[\p{{Han}}{CJK_PUNCTUATION}{FULLWIDTH}]")  # Han of every plane and CJK punctuation


def is_cjk(text: str) -> bool:
    """Whether `text` holds a Han character or CJK punctuation."""
    return bool(_CJK.search(text))


_CJK_UNIT = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]|[^\W\d_]+")


def cjk_units(text: str) -> int:
    """What a reader of CJK text counts: each Han, kana or Hangul character, and each other word."""
    return len(_CJK_UNIT.findall(text))


def script_counts(text: str) -> tuple[int, int, int]:
    """(Han, Arabic-script, Latin) letters in `text`."""
    return len(HAN_RE.findall(text)), len(ARABIC_RE.findall(text)), len(LATIN_RE.findall(text))


def script_of(text: str) -> str:
    """'cjk', 'arabic' or 'latin': the first of the archive's non-Latin scripts present."""
    if HAN_RE.search(text):
        return "cjk"
    if ARABIC_RE.search(text):
        return "arabic"
    return "latin"


# One form per Arabic-script letter: Arabic yeh, alef maksura and hamza on yeh as Persian yeh,
# Arabic kaf as Persian keheh, teh marbuta and heh forms as heh, hamza carriers as bare alef or waw.
ARABIC_LETTER_FORMS = {
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ە": "ه",
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و",
}  # fmt: skip
# Persian typed on an Arabic keyboard: Arabic yeh and kaf for the Persian letters (month names "تير")
PERSIAN_LETTERS_OF_ARABIC = str.maketrans("يك", "یک")
# Letters written attached before a word: a conjunction (و ف), then a preposition (ب ل ک) —
# Persian writes ک (keheh) for the Arabic ك that folding turns into it.
ARABIC_CONJUNCTIONS = ("و", "ف")
ARABIC_PREPOSITIONS = ("ب", "ل", "ک")

# Sentence ends: the CJK full stops end a sentence wherever they are; the Latin and Arabic ones
# only before a space or the end (3.5, U.S.).
CJK_SENTENCE_ENDS = "。！？"
SPACED_SENTENCE_ENDS = ".!?؟"
SENTENCE_ENDS = CJK_SENTENCE_ENDS + SPACED_SENTENCE_ENDS

# -- Digits ------------------------------------------------------------------------------------------
ASCII_DIGITS = "0123456789"
ARABIC_INDIC_DIGITS = "".join(chr(0x0660 + i) for i in range(10))  # ٠١٢٣٤٥٦٧٨٩
PERSIAN_DIGITS = "".join(chr(0x06F0 + i) for i in range(10))  # ۰۱۲۳۴۵۶۷۸۹ (Extended Arabic-Indic)
NATIVE_DIGITS = {"ar": ARABIC_INDIC_DIGITS, "fa": PERSIAN_DIGITS}  # what pages in these languages write
# each Arabic-Indic and Persian digit → its ASCII digit (a mapping the search page reads too)
ASCII_DIGIT_OF = dict(zip(ARABIC_INDIC_DIGITS + PERSIAN_DIGITS, ASCII_DIGITS * 2, strict=True))
TO_ASCII_DIGITS = str.maketrans(ASCII_DIGIT_OF)
# the Arabic decimal and thousands separators too, for reading dates and times
TO_ASCII_NUMBERS = str.maketrans({**ASCII_DIGIT_OF, "٫": ".", "٬": ","})
_TO_NATIVE = {lang: str.maketrans(ASCII_DIGITS, digits) for lang, digits in NATIVE_DIGITS.items()}


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits (and the Arabic decimal and thousands separators) as ASCII."""
    return text.translate(TO_ASCII_NUMBERS)


def native_digits(text: str, lang: str) -> str:
    """Arabic-Indic digits for Arabic, Persian digits for Persian; other languages keep ASCII."""
    table = _TO_NATIVE.get(lang)
    return text.translate(table) if table else text


# -- Calendars ---------------------------------------------------------------------------------------
# Solar Hijri (Persian calendar) month names, Farvardin to Esfand.
SOLAR_HIJRI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)  # fmt: skip

# -- Languages ---------------------------------------------------------------------------------------
# Languages written right to left (BCP 47 primary subtags): Arabic, Persian, Hebrew, Urdu, Pashto,
# Central Kurdish, Yiddish, Dhivehi, Uyghur, Sindhi, Syriac, N'Ko, Aramaic.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv", "ug", "sd", "syr", "nqo", "arc"})

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


def direction(lang: str | None) -> str:
    """'rtl' or 'ltr' for a language tag (ar, fa-IR, ug-Arab …)."""
    return "rtl" if normalize_language(lang) in RTL_LANGUAGES else "ltr"


@lru_cache(maxsize=64)
def language_name(lang: str, in_lang: str) -> str:
    """`lang`'s name in `in_lang`: Chinese, الصينية, چینی."""
    try:
        return Locale.parse(lang).get_display_name(in_lang) or lang
    except (ValueError, LookupError, UnknownLocaleError):  # a code Babel has no data for (zxx)
        return lang


@lru_cache(maxsize=256)
def spoken_in(lang: str, territory: str) -> bool:
    """Whether CLDR lists `lang` (as the archive files it: Cantonese and Hokkien are Chinese) among
    the languages of a country (ISO 3166 code): Chinese in TW, CA, SG; not in MG."""
    info = get_territory_language_info(territory.upper())
    return any(normalize_language(code.split("_")[0]) == normalize_language(lang) for code in info)


def endonym(lang: str) -> str:
    """A language's name in itself: 中文, العربية, فارسی."""
    return language_name(lang, lang)


def localized(names: Mapping[str, str], lang: str | None, fallback: str) -> str:
    """A name from per-language names (an outlet's, a tag's): `lang`'s, else English, else `fallback`."""
    return names.get(lang or "en") or names.get("en") or fallback
