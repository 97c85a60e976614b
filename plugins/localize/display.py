"""How the interface writes dates and numbers in each language (pure: Babel and persiantools only)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import ClassVar

from babel import Locale
from babel.dates import format_date
from persiantools.jdatetime import JalaliDate

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


def day(value: date, lang: str) -> str:
    """A calendar day the way `lang` writes it: 26 July 2021, 2021年7月26日, ٢٦ يوليو ٢٠٢١."""
    return native_digits(format_date(value, format="long", locale=lang), lang)


def month(value: date, lang: str) -> str:
    return native_digits(format_date(value, format="LLLL y", locale=lang), lang)


def solar_hijri_ymd(value: date) -> tuple[int, int, int]:
    """(year, month, day) of the Solar Hijri calendar. persiantools computes it arithmetically
    (microseconds); the astronomical calendar of convertdate agrees over 1300–1500 SH (tested) but
    costs ~85 ms a date through VSOP87."""
    jalali = JalaliDate.to_jalali(value.year, value.month, value.day)
    return jalali.year, jalali.month, jalali.day


def solar_hijri(value: date) -> str:
    """The Solar Hijri date in Persian: ۵ مرداد ۱۴۰۰."""
    year, month_number, day_number = solar_hijri_ymd(value)
    return native_digits(f"{day_number} {SOLAR_HIJRI_MONTHS[month_number - 1]} {year}", "fa")


class DateFormats:
    """Formatted dates of one build: each (kind, calendar day, language) is computed once however
    many pages show it. Keyed by the calendar day, so every time of one day shares an entry."""

    _KINDS: ClassVar[dict] = {"day": day, "month": month}

    def __init__(self) -> None:
        self._done: dict[tuple[str, date, str], str] = {}

    def format(self, kind: str, value: date, lang: str) -> str:
        key = (kind, value.date() if isinstance(value, datetime) else value, lang)
        text = self._done.get(key)
        if text is None:
            text = solar_hijri(key[1]) if kind == "solar_hijri" else self._KINDS[kind](key[1], lang)
            self._done[key] = text
        return text


@lru_cache(maxsize=32)
def endonym(lang: str) -> str:
    """A language's name in itself: 中文, العربية, فارسی."""
    try:
        return Locale.parse(lang).get_display_name(lang) or lang
    except (ValueError, LookupError):
        return lang
