"""Country and city names in en/zh/ar/fa from CLDR (through Babel, already a dependency), written
once into tags.yml as ordinary entries that can be edited like the others:

    .venv/bin/python plugins/tagging/cldr.py content/tags.yml

appends every country and every city CLDR names as a time-zone city that the file does not have yet
(matched by English name). Names that are also common words are left out (AMBIGUOUS)."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import get_timezone_location

LANGS = ("en", "zh", "ar", "fa")
# Names that are common words or parts of other words in a language: left out for that language.
AMBIGUOUS = {
    ("ML", "ar"), ("ML", "fa"),  # مالي / مالی: "financial"
    ("OM", "ar"), ("OM", "fa"),  # عمان is also Amman
    ("TG", "fa"), ("PE", "fa"), ("TD", "fa"), ("NE", "fa"),
    ("CI", "zh"), ("GM", "zh"), ("TO", "zh"), ("TG", "zh"),  # 汤加/多哥/冈比亚: rare, short, in names
}  # fmt: skip
_SKIP_TERRITORIES = {
    "EU",
    "EZ",
    "UN",
    "QO",
    "XA",
    "XB",
    "ZZ",
    "AQ",
    "BV",
    "HM",
    "UM",
    "TF",
    "IO",
    "CP",
    "DG",
    "EA",
    "IC",
    "TA",
    "AC",
    "CQ",
}
SHORT_CITY = 3
_CITY_REGIONS = ("Asia/", "Europe/", "Africa/", "America/", "Australia/")


def _key(english: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def countries() -> dict[str, dict]:
    names = {lang: Locale.parse(lang).territories for lang in LANGS}
    traditional = Locale.parse("zh_Hant").territories
    out = {}
    for code, english in names["en"].items():
        if not code.isalpha() or len(code) != 2 or code in _SKIP_TERRITORIES:
            continue
        entry: dict[str, Any] = {
            "kind": "country",
            "names": {lang: names[lang][code] for lang in LANGS if (code, lang) not in AMBIGUOUS},
        }
        if traditional.get(code) and traditional[code] != names["zh"][code] and (code, "zh") not in AMBIGUOUS:
            entry["aliases"] = {"zh": [traditional[code]]}
        entry["names"]["en"] = english
        out[_key(english)] = entry
    return out


def cities() -> dict[str, dict]:
    out = {}
    for zone in Locale.parse("zh").time_zones:
        if not isinstance(zone, str) or not zone.startswith(_CITY_REGIONS) or zone.count("/") != 1:
            continue
        names = {lang: get_timezone_location(zone, locale=lang, return_city=True) for lang in LANGS}
        if names["zh"] == names["en"] or len(names["zh"]) < 2:  # no real translation: not a known city
            continue
        for lang in ("ar", "fa"):  # a short Arabic-script city name is too often a word (کیف: how)
            if len(names[lang].replace(" ", "")) <= SHORT_CITY:
                del names[lang]
        out[_key(names["en"])] = {"kind": "place", "names": names}
    return out


def append_to(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    existing = yaml.safe_load(text) or {}
    known = {str((v or {}).get("names", {}).get("en", k)).casefold() for k, v in existing.items()} | set(existing)
    new = {}
    for key, entry in {**countries(), **cities()}.items():
        if key in known or entry["names"]["en"].casefold() in known or key in new:
            continue
        new[key] = entry
    if new:
        lines = ["", "# --- Generated from CLDR (Babel) by plugins/tagging/cldr.py; edit freely. ---"]
        for key, entry in sorted(new.items()):
            lines.append(f"{key}:")
            lines.append(f"  kind: {entry['kind']}")
            for field in ("names", "aliases"):
                if field in entry:
                    value = yaml.safe_dump(
                        entry[field], allow_unicode=True, default_flow_style=True, width=1000, sort_keys=False
                    )
                    lines.append(f"  {field}: {value.strip()}")
        path.write_text(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return len(new)


if __name__ == "__main__":
    print(f"{append_to(Path(sys.argv[1]))} entries added")
