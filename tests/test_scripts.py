"""plugins/scripts owns script and language knowledge; no other module under plugins/ writes a copy.

The scan reads every module's source and its string literals (escaped or not) for Arabic or Han
range bounds, Arabic-Indic or Persian digit tables, Solar Hijri month lists, right-to-left
language sets, letter-folding and macrolanguage tables, sentence-end sets. The scanner is itself tested on the copies
that were in the tree before, so a clean result means something."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import scripts
from archive_paths import ROOT
from jinja2 import Environment
from localize.jinja import install

PLUGINS = ROOT / "plugins"
OWNER = PLUGINS / "scripts"


# -- the scanner ---------------------------------------------------------------------------------


def _in(ranges: tuple[tuple[int, int], ...], ch: str) -> bool:
    return any(start <= ord(ch) <= end for start, end in ranges)


def _script_char(ch: str) -> bool:
    return _in(scripts.HAN_RANGES + scripts.ARABIC_RANGES, ch)


# `\u0600-\u06ff` written as escapes (raw strings keep them so), or `\p{Han}` for the regex module
_ESCAPED_RANGE = re.compile(r"\\u([0-9a-fA-F]{4})-\\u([0-9a-fA-F]{4})")
_PROPERTY = re.compile(r"\\p\{(?:Han|Arabic|Script=)", re.IGNORECASE)
_DIGIT_CODE = re.compile(r"\b0x0?6[6fF]0\b")  # chr(0x0660 + i), chr(0x06F0 + i)
_NATIVE_DIGITS = set(scripts.ARABIC_INDIC_DIGITS + scripts.PERSIAN_DIGITS)
_RTL_ONLY = scripts.RTL_LANGUAGES - {"ar", "fa"}  # ar and fa alone are the archive's languages
_MACRO_KEYS = {"prs", "pes", "arb", "cmn", "yue"}


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _collection_strings(node: ast.AST) -> set[str]:
    if isinstance(node, ast.Dict):
        return {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        return {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return set()


def script_tables(source: str) -> list[str]:
    """What in `source` is a copy of the knowledge plugins/scripts owns, one line per finding."""
    found = []
    for m in _ESCAPED_RANGE.finditer(source):
        if _script_char(chr(int(m.group(1), 16))) or _script_char(chr(int(m.group(2), 16))):
            found.append(f"script range {m.group(0)}")
    found += [f"script property {m.group(0)}" for m in _PROPERTY.finditer(source)]
    found += [f"digit code point {m.group(0)}" for m in _DIGIT_CODE.finditer(source)]
    tree = ast.parse(source)
    for text in _strings(tree):
        for i in range(1, len(text) - 1):
            if text[i] == "-" and _script_char(text[i - 1]) and _script_char(text[i + 1]):
                found.append(f"script range {text[i - 1 : i + 2]!r}")
        if len(_NATIVE_DIGITS & set(text)) >= 5:
            found.append(f"digit table {text!r}")
        if {"。", "؟"} <= set(text):
            found.append(f"sentence ends {text!r}")
        if sum(month in text for month in scripts.SOLAR_HIJRI_MONTHS[:6]) >= 3:
            found.append("Solar Hijri month names")
    for node in ast.walk(tree):
        values = _collection_strings(node)
        if len(values & set(scripts.SOLAR_HIJRI_MONTHS)) >= 3:
            found.append("Solar Hijri month names")
        if "ar" in values and values & _RTL_ONLY:
            found.append(f"right-to-left languages {sorted(values)}")
        if len(values & set(scripts.ARABIC_LETTER_FORMS)) >= 3:
            found.append("Arabic letter forms")
        if len(values & _MACRO_KEYS) >= 2:
            found.append("macrolanguage table")
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PLUGINS.rglob("*.py") if OWNER not in p.parents)


@pytest.mark.parametrize(
    "copy",
    [
        'RTL = {"ar", "fa", "he", "ur"}',
        '_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")',
        "D = {**{chr(0x06F0 + i): str(i) for i in range(10)}}",
        'HAN = r"\\u3400-\\u4dbf\\u4e00-\\u9fff"',
        '_A = re.compile("[\\u0600-\\u06ff\\u0750-\\u077f]")',  # escapes Python resolves: real characters
        "_CJK = regex.compile(r'[\\p{Han}\\u3000-\\u303f]')",
        'M = ("فروردین", "اردیبهشت", "خرداد", "تیر")',
        'P = re.compile("فروردین|اردیبهشت|خرداد")',
        'L = {"ي": "ی", "ى": "ی", "ك": "ک"}',
        'MACRO = {"prs": "fa", "cmn": "zh"}',
        '_SENTENCE_END = re.compile(r"[.!?。！？؟»”]$")',
    ],
)
def test_the_scanner_finds_the_copies_that_were_in_the_tree(copy):
    assert script_tables(copy)


def test_the_scanner_leaves_ordinary_code_alone():
    ordinary = 'SUPPORTED = ("zh", "ar", "fa")\nSEP = "[|｜_–—-]"\nif lang in ("ar", "fa", "zh"): pass\n'
    assert script_tables(ordinary) == []


def test_no_module_but_plugins_scripts_writes_script_or_language_tables():
    found = {str(p.relative_to(ROOT)): script_tables(p.read_text(encoding="utf-8")) for p in _modules()}
    assert len(found) > 30  # the scan saw the plugins
    assert {path: what for path, what in found.items() if what} == {}
    assert script_tables((OWNER / "__init__.py").read_text(encoding="utf-8"))  # the owner is where they are


# -- the owner's behaviour -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ar", "rtl"), ("fa-IR", "rtl"), ("ug", "rtl"), ("ps", "rtl"), ("ckb", "rtl"), ("prs", "rtl"), ("AR", "rtl")]
    + [("zh", "ltr"), ("en", "ltr"), (None, "ltr"), ("", "ltr"), ("not a tag", "ltr")],
)
def test_direction(lang, expected):
    assert scripts.direction(lang) == expected


def test_the_themes_direction_filter_and_page_direction_agree_with_ingestion(tmp_path):
    """The `direction` filter had its own set without ug/ps/ckb: a Uyghur article was marked ltr."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    settings = {"THEME": str(ROOT / "theme"), "UI_LANGUAGES": ("en", "ug", "ckb"), "SITENAME": "x"}
    install(env, settings)
    template = env.from_string("{{ lang|direction }} {{ ui_dir() }}")
    for lang in ("ug", "ps", "ckb", "ar", "zh", "en"):
        expected = scripts.direction(lang)
        filter_dir, page_dir = template.render(lang=lang, listing_lang=lang).split()
        assert filter_dir == expected, lang
        if lang in settings["UI_LANGUAGES"]:
            assert page_dir == expected, lang
    assert template.render(lang="ug", listing_lang="ug") == "rtl rtl"


def test_digits_both_ways():
    assert scripts.to_ascii_digits("١٤٠٠/۵/۵ ١٢٫٥") == "1400/5/5 12.5"
    assert scripts.native_digits("2500", "ar") == "٢٥٠٠"
    assert scripts.native_digits("2500", "fa") == "۲۵۰۰"
    assert scripts.native_digits("2500", "zh") == "2500"
    assert "٢٬٥٠٠".translate(scripts.TO_ASCII_DIGITS) == "2٬500"  # digits only: separators stay


def test_scripts_of_text():
    assert scripts.script_counts("拜登 said بايدن") == (2, 5, 4)
    assert [scripts.script_of(t) for t in ("伊拉克", "العراق", "Iraq", "ﻋﺮﺍﻕ")] == ["cjk", "arabic", "latin", "arabic"]
    assert scripts.is_cjk("𠀋") and scripts.is_cjk("。") and not scripts.is_cjk("abc")  # Extension B, CJK punctuation
    assert scripts.cjk_units("拜登说 Biden said 2021 はい") == 3 + 2 + 2  # characters, words, no figures


def test_language_codes_and_names():
    assert [scripts.normalize_language(c) for c in ("zh-Hans", "zh_CN", "prs", "ar-EG", "x", None)] == [
        "zh",
        "zh",
        "fa",
        "ar",
        None,
        None,
    ]
    assert [scripts.endonym(x) for x in ("zh", "ar", "fa")] == ["中文", "العربية", "فارسی"]
    assert scripts.language_name("zh", "ar") == "الصينية"
    assert scripts.language_name("zxx", "en") == "zxx"  # no Babel data: the code itself
    names = {"en": "Iraq", "ar": "العراق"}
    assert [scripts.localized(names, lang, "iraq") for lang in ("ar", "fa", None)] == ["العراق", "Iraq", "Iraq"]
    assert scripts.localized({}, "ar", "iraq") == "iraq"


def test_where_a_language_is_spoken():
    assert scripts.spoken_in("zh", "TW") and scripts.spoken_in("zh", "sg") and scripts.spoken_in("fa", "AF")
    assert scripts.spoken_in("zh", "MO")  # listed as Cantonese and zh_Hant: both Chinese as the archive files it
    assert not scripts.spoken_in("zh", "MG") and not scripts.spoken_in("ar", "CN")
    assert not scripts.spoken_in("zh", "XX")  # no such country
