"""How the interface writes dates and numbers in each language (pure: Babel and persiantools only)."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import ClassVar
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from babel.dates import format_date
from babel.lists import format_list
from persiantools.jdatetime import JalaliDate
from scripts import ASCII_DIGITS, NATIVE_DIGITS, SOLAR_HIJRI_MONTHS, native_digits


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def day(value: date | datetime, lang: str, native: bool = True) -> str:
    """A calendar day the way `lang` writes it: 26 July 2021, 2021年7月26日, ٢٦ يوليو ٢٠٢١
    (26 يوليو 2021 with `native` off). Babel takes about 0.1 ms a date: a build formats each
    day once through `DateFormats`."""
    text = format_date(_day(value), format="long", locale=lang)
    return native_digits(text, lang) if native else text


def month(value: date | datetime, lang: str, native: bool = True) -> str:
    text = format_date(_day(value).replace(day=1), format="LLLL y", locale=lang)
    return native_digits(text, lang) if native else text


@lru_cache(maxsize=4096)
def join_list(items: tuple[str, ...], lang: str) -> str:
    """'A, B and C' as `lang` joins a list (the same few tag names recur on many pages)."""
    return format_list(list(items), locale=lang)


def solar_hijri_ymd(value: date) -> tuple[int, int, int]:
    """(year, month, day) of the Solar Hijri calendar. persiantools computes it arithmetically
    (microseconds); the astronomical calendar of convertdate agrees over 1300–1500 SH (tested) but
    costs ~85 ms a date through VSOP87."""
    jalali = JalaliDate.to_jalali(value.year, value.month, value.day)
    return jalali.year, jalali.month, jalali.day


def solar_hijri(value: date | datetime, native: bool = True) -> str:
    """The Solar Hijri date in Persian: ۵ مرداد ۱۴۰۰."""
    year, month_number, day_number = solar_hijri_ymd(_day(value))
    text = f"{day_number} {SOLAR_HIJRI_MONTHS[month_number - 1]} {year}"
    return native_digits(text, "fa") if native else text


_NATIVE = "".join(NATIVE_DIGITS.values())
_TAG = re.compile(r"<[^>]*>")


def count_digits(text: str, markup: bool = True) -> tuple[int, int]:
    """(Western, Arabic-Indic or Persian) digits in a text; with `markup`, tags (URLs in their
    attributes) are left out. One str.count per digit: C loops over the whole text."""
    if markup and "<" in text:
        text = _TAG.sub(" ", text)
    return sum(map(text.count, ASCII_DIGITS)), sum(map(text.count, _NATIVE))


def digit_style(western: int, native: int) -> str:
    """'native' or 'latn': what most digits of a language's articles are; native when none."""
    return "latn" if western > native else "native"


def _decoded(part: str) -> str:
    """Percent-escapes decoded when they are UTF-8; spaces, controls and bidi marks stay escaped."""
    try:
        text = unquote(part, errors="strict")
    except UnicodeDecodeError:
        return part
    return "".join(ch if ch.isprintable() and not ch.isspace() else quote(ch) for ch in text)


def iri(url: str, limit: int = 64) -> str:
    """An address as people read it: percent-escapes and punycode decoded (an IRI), shortened in
    the middle when longer than `limit` characters. For display only; the link keeps `url`."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            host = host.encode("ascii").decode("idna") if "xn--" in host else host
        except UnicodeError:
            pass
        netloc = host + (f":{parts.port}" if parts.port else "")
        shown = urlunsplit(
            (parts.scheme, netloc, _decoded(parts.path), _decoded(parts.query), _decoded(parts.fragment))
        )
    except ValueError:
        shown = url
    if len(shown) <= limit:
        return shown
    head = limit * 3 // 5
    tail = limit - head - 1
    return f"{shown[:head]}…{shown[-tail:]}"


class DateFormats:
    """Formatted dates of one build: each (kind, calendar day, language) is computed once however
    many pages show it. Keyed by the calendar day, so every time of one day shares an entry. The
    text is kept with Western digits; each page puts in its own digit style."""

    _KINDS: ClassVar[dict] = {"day": day, "month": month}

    def __init__(self) -> None:
        self._done: dict[tuple[str, date, str], str] = {}

    def format(self, kind: str, value: date | datetime, lang: str, native: bool = True) -> str:
        key = (kind, _day(value), lang)
        text = self._done.get(key)
        if text is None:
            text = (
                solar_hijri(key[1], native=False)
                if kind == "solar_hijri"
                else self._KINDS[kind](key[1], lang, native=False)
            )
            self._done[key] = text
        return native_digits(text, lang) if native else text


def for_language(values: dict[str, str] | None, lang: str | None, fallback: str) -> str:
    """A per-language setting (SITENAMES, SITE_DESCRIPTIONS): the page language's value, else the
    fallback (the setting without a language, e.g. SITENAME)."""
    return (values or {}).get(lang or "", "") or fallback
