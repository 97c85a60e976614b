"""How the interface writes dates and numbers in each language (pure: Babel and convertdate only)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from convertdate import persian

_NATIVE_DIGITS = {
    "ar": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
    "fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
}
# Solar Hijri month names (Persian calendar), for the second date on Persian pages.
SOLAR_HIJRI_MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")


def native_digits(text: str, lang: str) -> str:
    """Arabic-Indic digits for Arabic, Persian digits for Persian, as written on such pages."""
    table = _NATIVE_DIGITS.get(lang)
    return text.translate(table) if table else text


def day(value: datetime, lang: str) -> str:
    """A calendar day the way `lang` writes it: 26 July 2021, 2021年7月26日, ٢٦ يوليو ٢٠٢١."""
    return native_digits(format_date(value, format="long", locale=lang), lang)


def month(value: datetime, lang: str) -> str:
    return native_digits(format_date(value, format="LLLL y", locale=lang), lang)


def solar_hijri(value: datetime) -> str:
    """The Solar Hijri date in Persian: ۵ مرداد ۱۴۰۰."""
    year, month_number, day_number = persian.from_gregorian(value.year, value.month, value.day)
    return native_digits(f"{day_number} {SOLAR_HIJRI_MONTHS[month_number - 1]} {year}", "fa")


@lru_cache(maxsize=32)
def endonym(lang: str) -> str:
    """A language's name in itself: 中文, العربية, فارسی."""
    try:
        return Locale.parse(lang).get_display_name(lang) or lang
    except (ValueError, LookupError):
        return lang


def for_language(values: dict[str, str] | None, lang: str | None, fallback: str) -> str:
    """A per-language setting (SITENAMES, SITE_DESCRIPTIONS): the page language's value, else the
    fallback (the setting without a language, e.g. SITENAME)."""
    return (values or {}).get(lang or "", "") or fallback
