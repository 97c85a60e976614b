"""Dates as news files write them: RFC 2822, ISO, Hexo, day-first, Arabic and Persian month names
in Western, Arabic-Indic or Persian digits, and the Solar Hijri calendar. Results are aware UTC."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from convertdate import islamic, persian
from dateparser.calendars.jalali import JalaliCalendar
from dateparser.date import DateDataParser
from persiantools.jdatetime import JalaliDate
from scripts import ARABIC, ARABIC_LETTERS, PERSIAN_LETTERS_OF_ARABIC, SOLAR_HIJRI_MONTHS, ZWNJ, to_ascii_digits

# Years a publication date of this archive can have: any date outside them is a slip (0044 for 2044,
# 9999 as "no date") that no page could show in every calendar (Solar Hijri starts in 622).
PUBLICATION_YEARS = (1000, 2200)


def publication_date(value: datetime | None) -> datetime | None:
    """The date if it can be a publication date (see PUBLICATION_YEARS), else None."""
    return value if value is None or PUBLICATION_YEARS[0] <= value.year <= PUBLICATION_YEARS[1] else None


# the presence of a Solar Hijri month name means the date is in that calendar
# Numeric dates whose year no Gregorian news date has: 1300–1420 are Solar Hijri (1921–2041, Iranian
# sites now write 140x), 1421–1499 Lunar Hijri (1999–2076, Arabic sites now write 144x); the two
# calendars' current years are 40 apart, so until 2041 the year alone tells them apart.
_SOLAR_HIJRI_YEARS = (1300, 1420)
_LUNAR_HIJRI_YEARS = (1421, 1499)
_SOLAR_HIJRI = re.compile(r"(?<!\w)(?:" + "|".join(SOLAR_HIJRI_MONTHS) + r")(?!\w)")
# The common written form, "5 مرداد 1400" (optionally a weekday before, a time after), is converted
# arithmetically; anything else goes to dateparser, whose astronomical calendar costs ~0.1 s a date.
# Iranian sites often write a 12-hour clock with ق.ظ / ب.ظ (before / after noon).
_SOLAR_HIJRI_DMY = re.compile(
    rf"^(?:[{ARABIC}{ZWNJ}]+[\s,،]+)?(\d{{1,2}})\s+(" + "|".join(SOLAR_HIJRI_MONTHS) + r")\s+(\d{4})"
    r"(?:\s*[,،\-]?\s*(?:ساعت\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(ق\.?\s?ظ|ب\.?\s?ظ))?)?$"
)

# Levantine and Egyptian names written together ("تموز/يوليو"): keep the second.
_MONTH_PAIR = re.compile(rf"([{ARABIC_LETTERS}]+)\s*/\s*([{ARABIC_LETTERS}]+)")

# Jekyll and Hugo write "2014-11-10 10:00:00 +0330": a space before the offset
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?$")
_YMD_DAY, _DMY_DAY = r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})"
_CLOCK_TAIL = r"(?:\s*-?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
_YMD, _DMY = re.compile(_YMD_DAY + _CLOCK_TAIL), re.compile(_DMY_DAY + _CLOCK_TAIL)
_YMD_HEAD, _DMY_HEAD = re.compile(_YMD_DAY + r"(?!\d)"), re.compile(_DMY_DAY + r"(?!\d)")  # a day, whatever follows
_RFC2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")

_LONGEST_DATE = 60  # longer strings are prose, not a date


_ZONE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|UT|[ECMP][SD]T))\s*$", re.IGNORECASE)
_TIME = re.compile(r"\d{1,2}:\d{2}")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")
_TRAILING_OFFSET = re.compile(rf"\s{_OFFSET.pattern}$")
# "2019-02-08T00:00:00+01:00": CMSes write a day as its midnight, to the second; it is that day
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]00:00(?::00(?:\.0+)?)?(?: ?(?:Z|[+-]\d{2}:?\d{2}))?$")


@lru_cache(maxsize=32)
def writes_day_first(lang: str | None) -> bool:
    """Whether readers of `lang` write the day before the month (CLDR's medium date pattern:
    Arabic dd/MM/y, Persian d MMM y; not English MMM d, y nor Chinese y年M月d日), so that a page in
    it means 02/03/2013 as 2 March."""
    try:
        pattern = Locale.parse(lang or "").date_formats["medium"].pattern
    except (UnknownLocaleError, ValueError, TypeError, KeyError):
        return False
    fields = re.sub(r"'[^']*'", "", pattern)  # quoted literals are no fields
    day, month = fields.find("d"), fields.find("M")
    return 0 <= day < month


def lacks_zone(text: str | None) -> bool:
    """A date with a time of day but no zone: its reading depends on a guessed zone."""
    value = to_ascii_digits(str(text or "")).strip()
    return has_time(value) and not _ZONE.search(value)


def has_time(text: str | None) -> bool:
    """Whether a date string carries a time of day (in any digits; a midnight stamp is a day)."""
    value = to_ascii_digits(str(text or "")).strip()
    return bool(_TIME.search(value)) and not _MIDNIGHT.match(value)


@lru_cache(maxsize=64)
def _zone(name: str | None) -> timezone | ZoneInfo:
    """A zone by name, or a fixed offset written "+03:00" (a page's own offset)."""
    if not name:
        return UTC
    if m := _OFFSET.fullmatch(name):
        sign, hours, minutes = m.groups()
        return timezone((1 if sign == "+" else -1) * timedelta(hours=int(hours), minutes=int(minutes)))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Asia" is a folder, a long name too long
        return UTC


def known_zone(name: str) -> bool:
    """Whether `name` is a zone (Asia/Shanghai) or an offset (+08:00) that times can be read in.
    For a name, `_zone` gives UTC itself only when it cannot read it (a zone named UTC is a ZoneInfo)."""
    return bool(_OFFSET.fullmatch(name)) or (bool(name) and _zone(name) is not UTC)


def _aware_utc(value: datetime, tz_name: str | None) -> datetime:
    """Aware UTC to the second (news times carry no meaningful fractions, and HTML's
    `datetime` attribute takes at most milliseconds)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=_zone(tz_name))
    return value.astimezone(UTC).replace(microsecond=0)


def _from_parts(parts: tuple[str | None, ...], tz_name: str | None) -> datetime | None:
    year, month, day, hour, minute, second = (int(p) if p else 0 for p in parts)
    try:
        return _aware_utc(datetime(year, month, day, hour, minute, second), tz_name)
    except ValueError:
        return None


_DATEPARSER_SETTINGS = {
    "PARSERS": ["absolute-time"],  # never "3 minutes ago" relative to the build
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_DAY_OF_MONTH": "first",
}


def parse_date(
    text: str | None,
    *,
    tz: str | None = None,
    day_first: bool = False,
    languages: tuple[str, ...] | None = None,
) -> datetime | None:
    """Parse one date string. Naive times are read in zone `tz` (UTC if None). None if not a date."""
    if not text:
        return None
    raw = " ".join(str(text).split())
    if not raw or len(raw) > _LONGEST_DATE:
        return None
    value = to_ascii_digits(raw)
    if m := _MIDNIGHT.match(value):
        if value.startswith("0"):  # Go's and Hugo's zero time, 0001-01-01: no date
            return None
        value = m.group(1)
    if not _TIME.search(value):
        tz = None  # a calendar day is that day, not midnight somewhere that shifts it in UTC
        value = _TRAILING_OFFSET.sub("", value)  # "2024-10-14 +0800" is still that day
    try:
        return _parse(value, tz, day_first, languages)
    except (OverflowError, ValueError):  # 0001-01-01 in a zone east of UTC, and the like
        return None


def _parse(value: str, tz: str | None, day_first: bool, languages: tuple[str, ...] | None) -> datetime | None:
    if m := _LUNAR_HIJRI_MARK.search(value):
        return _lunar_hijri(value[: m.start()].strip())
    if _RFC2822.match(value):
        try:
            return _aware_utc(parsedate_to_datetime(value), tz)
        except (TypeError, ValueError):
            pass
    if (m := _YMD_HEAD.match(value)) and _LUNAR_HIJRI_YEARS[0] <= int(m.group(1)) <= _LUNAR_HIJRI_YEARS[1]:
        return _lunar_hijri(value)
    if _ISO_LIKE.match(value) and _SOLAR_HIJRI_YEARS[0] <= int(value[:4]) <= _SOLAR_HIJRI_YEARS[1]:
        # 1399-02-21T15:33:16: an ISO stamp written with the Solar Hijri date (Iranian sites)
        solar = _numeric_solar_hijri((value[:4], value[5:7], value[8:10], None, None, None), None)
        if solar is None:
            return None
        value = solar.date().isoformat() + value[10:]
    if _ISO_LIKE.match(value):
        try:
            return _aware_utc(datetime.fromisoformat(value.replace(" ", "T", 1).replace(" ", "")), tz)
        except ValueError:
            pass
    if m := _YMD.match(value):
        if _SOLAR_HIJRI_YEARS[0] <= int(m.group(1)) <= _SOLAR_HIJRI_YEARS[1]:
            return _numeric_solar_hijri(m.groups(), tz)
        return _from_parts(m.groups(), tz)
    if m := _DMY.match(value):
        first, second, year, *time = m.groups()
        day, month = (first, second) if day_first else (second, first)
        if int(month) > 12 >= int(day):  # unambiguous the other way round
            day, month = month, day
        return _from_parts((year, month, day, *time), tz)
    if _SOLAR_HIJRI.search(persian := value.translate(PERSIAN_LETTERS_OF_ARABIC)):
        return _solar_hijri(persian, tz)
    return _with_month_names(_MONTH_PAIR.sub(r"\2", value), tz, day_first, languages)


# "1445/03/12 هـ": the mark of the Islamic (lunar) calendar's years, which Arabic sites write after a
# Hijri date (whatever its year; without it, see _LUNAR_HIJRI_YEARS).
_LUNAR_HIJRI_MARK = re.compile(r"\s*(?:هـ|ه\u0640|ﻫ|ه)\.?\s*$")


def _lunar_hijri(value: str) -> datetime | None:
    """A numeric Lunar Hijri day (year first or last), as that day (a time with it is not kept)."""
    if m := _YMD_HEAD.match(value):
        year, month, day = m.group(1, 2, 3)
    elif m := _DMY_HEAD.match(value):
        day, month, year = m.group(1, 2, 3)
    else:
        return None
    try:
        gregorian = islamic.to_gregorian(int(year), int(month), int(day))
    except (ValueError, IndexError):
        return None
    return _from_parts((*(str(n) for n in gregorian), None, None, None), None)


def _numeric_solar_hijri(parts: tuple[str | None, ...], tz: str | None) -> datetime | None:
    """۱۴۰۰/۰۵/۰۵: a year no Gregorian news date has, written the way Iranian sites write Solar Hijri."""
    year, month, day, *time = parts
    if year is None or month is None or day is None:
        return None
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= (31 if int(month) <= 6 else 30)):
        return None
    try:
        gregorian = persian.to_gregorian(int(year), int(month), int(day))
    except (ValueError, IndexError):
        return None
    return _from_parts((*(str(n) for n in gregorian), *time), tz)


def _solar_hijri(value: str, tz: str | None) -> datetime | None:
    if m := _SOLAR_HIJRI_DMY.match(value):
        day, name, year, hour, minute, second, meridiem = m.groups()
        if hour and meridiem and (int(hour) < 12) == meridiem.startswith("ب"):  # 1 ب.ظ is 13:00, 12 ق.ظ 0:00
            hour = str((int(hour) + 12) % 24)
        time = (hour, minute, second)
        try:
            gregorian = JalaliDate(int(year), SOLAR_HIJRI_MONTHS.index(name) + 1, int(day)).to_gregorian()
        except ValueError:  # 31 اسفند and the like
            return None
        return _from_parts((str(gregorian.year), str(gregorian.month), str(gregorian.day), *time), tz)
    try:
        data = JalaliCalendar(value).get_date()
    except (ValueError, TypeError, KeyError):
        return None
    if data is None or data.date_obj is None or not {"day", "month", "year"} <= set(data.parts or ()):
        return None
    return _aware_utc(data.date_obj, tz)


@lru_cache(maxsize=16)
def _month_name_parser(languages: tuple[str, ...], day_first: bool) -> DateDataParser:
    """One parser per languages and order: dateparser.parse with languages makes a new one for every
    date (a third of its time)."""
    return DateDataParser(
        languages=list(languages), settings=dict(_DATEPARSER_SETTINGS, DATE_ORDER="DMY" if day_first else "YMD")
    )


def _with_month_names(
    value: str, tz: str | None, day_first: bool, languages: tuple[str, ...] | None
) -> datetime | None:
    if not re.search(r"\d{4}", value):  # a date in a news file always has its year
        return None
    zone = None
    if m := _TRAILING_OFFSET.search(value):  # dateparser drops an offset it does not expect
        sign, hours, minutes = m.groups()
        zone = timezone((1 if sign == "+" else -1) * timedelta(hours=int(hours), minutes=int(minutes)))
        value = value[: m.start()]
    found = _month_name_parser(languages or ("ar", "fa", "zh", "en"), day_first).get_date_data(value).date_obj
    if found is None:
        return None
    return _aware_utc(found.replace(tzinfo=zone) if zone and found.tzinfo is None else found, tz)


_NAME_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=[-_.])")
# /20201013/, /2020/10/13/, /2020-10-13/ in an address's path (not a long run of digits: an id)
_URL_DAY = re.compile(r"(?<![\d])((?:19|20)\d{2})([/-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![\d])")
# unpadded path segments, maybe with a section between year and month: /2013/middle_east/8/3/
_URL_DAY_SEGMENTS = re.compile(r"/((?:19|20)\d{2})/(?:[a-z][a-z_-]*/)?(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])(?=/|$)")


def _day(year: str, month: str, day: str) -> datetime | None:
    try:
        return datetime(int(year), int(month), int(day), tzinfo=UTC)
    except ValueError:
        return None


def day_in_name(source: str) -> datetime | None:
    """The day a file name starts with, as Jekyll names posts: 2021-04-09-title.md."""
    m = _NAME_DAY.match(source.rsplit("/", 1)[-1])
    return _day(*m.groups()) if m else None


def day_in_url(
    url: str | None, not_after: datetime | None = None, patterns: Iterable[re.Pattern[str]] = ()
) -> datetime | None:
    """The publication day an address carries in its path, if it carries one; never a day after
    the file was archived (such digits are not a date). `patterns` are an outlet's own ways of
    writing it, with groups year, month and day, tried first."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    found_parts = [m.group("year", "month", "day") for p in patterns for m in [p.search(path)] if m]
    found_parts += [(m.group(1), m.group(3), m.group(4)) for m in _URL_DAY.finditer(path)]
    found_parts += [m.groups() for m in _URL_DAY_SEGMENTS.finditer(path)]
    for year, month, day in found_parts:
        found = _day(year, month, day)
        if found and (not_after is None or found.date() <= not_after.date()):
            return found
    return None


def from_epoch_ms(value: str | int) -> datetime:
    number = int(value)
    seconds = number / 1000 if number > 10**11 else number  # 13 digits are milliseconds
    return datetime.fromtimestamp(seconds, tz=UTC)
