"""Dates in the forms and numerals news files use; results are aware UTC; prose is not a date."""

from datetime import UTC, datetime

import pytest
from ingest.dates import day_in_url, from_epoch_ms, parse_date, writes_day_first


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("Tue, 27 Jul 2021 07:03:04 GMT", {}, datetime(2021, 7, 27, 7, 3, 4)),
        ("2021-07-27 15:03:04", {"tz": "Asia/Shanghai"}, datetime(2021, 7, 27, 7, 3, 4)),
        ("2021-07-27 15:03:04", {}, datetime(2021, 7, 27, 15, 3, 4)),
        ("2013/7/13 20:46:25", {}, datetime(2013, 7, 13, 20, 46, 25)),
        ("2020-10-13T06:08:01.314Z", {}, datetime(2020, 10, 13, 6, 8, 1)),
        ("2021-07-26T10:00:00+03:00", {}, datetime(2021, 7, 26, 7, 0)),
        ("13/10/2020 - 07:35", {"tz": "Europe/Paris", "day_first": True}, datetime(2020, 10, 13, 5, 35)),
        ("٢٦ يوليو ٢٠٢١", {}, datetime(2021, 7, 26)),
        ("26 تموز/يوليو 2021", {}, datetime(2021, 7, 26)),
        ("۲۶ ژوئیه ۲۰۲۱", {}, datetime(2021, 7, 26)),
        ("۵ مرداد ۱۴۰۰", {}, datetime(2021, 7, 27)),  # Solar Hijri
        ("5 مرداد 1400", {}, datetime(2021, 7, 27)),
        ("شنبه ۱۲ اسفند ۱۳۹۸", {}, datetime(2020, 3, 2)),
        ("۱۲ اسفند ۱۳۹۸ ساعت ۱۴:۳۰", {"tz": "Asia/Tehran"}, datetime(2020, 3, 2, 11, 0)),
        ("۳۰ اسفند ۱۴۰۳", {}, datetime(2025, 3, 20)),  # leap year: 30 Esfand exists
        ("2021年7月26日", {}, datetime(2021, 7, 26)),
        # Arabic yeh in a Persian month name, and the Persian 12-hour clock (ق.ظ / ب.ظ)
        ("2 تير 1399 - 12:09:08 ب.ظ", {"tz": "Asia/Tehran"}, datetime(2020, 6, 22, 7, 39, 8)),
        ("2 تیر 1399 - 01:15 ب.ظ", {"tz": "Asia/Tehran"}, datetime(2020, 6, 22, 8, 45)),
        ("2 تیر 1399 - 12:15 ق.ظ", {"tz": "Asia/Tehran"}, datetime(2020, 6, 21, 19, 45)),
        # a day written as its midnight is that day, wherever the offset puts it
        ("2019-02-08T00:00:00+01:00", {}, datetime(2019, 2, 8)),
        ("2019-02-08 00:00", {"tz": "Asia/Shanghai"}, datetime(2019, 2, 8)),
        ("2019-02-08T00:00:01+01:00", {}, datetime(2019, 2, 7, 23, 0, 1)),
        # a page's own fixed offset as the zone
        ("2020-12-01 02:00:00", {"tz": "+03:00"}, datetime(2020, 11, 30, 23, 0)),
        ("2020-06-22 12:09", {"tz": "+04:30"}, datetime(2020, 6, 22, 7, 39)),
    ],
)
def test_dates(text, kwargs, expected):
    assert parse_date(text, **kwargs) == expected.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "19 分钟前",
        "yesterday",
        "ماموریت جنگی آمریکا",
        "توافق بایدن و الکاظمی در کاخ سفید",
        "",
        None,
        "July",
        "2500 عسكري",
        "۳۰ اسفند ۱۴۰۲",
    ],
)
def test_not_dates(text):
    assert parse_date(text) is None


def test_epoch_ms_and_seconds():
    assert from_epoch_ms("1706215143000") == datetime(2024, 1, 25, 20, 39, 3, tzinfo=UTC)
    assert from_epoch_ms(1706215143) == datetime(2024, 1, 25, 20, 39, 3, tzinfo=UTC)


def test_the_day_an_address_carries_in_its_path():
    day = datetime(2013, 8, 3, tzinfo=UTC)
    assert day_in_url("http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html") == day
    assert day_in_url("https://example.com/a/20130803/b.html") == day
    assert day_in_url("https://example.com/2013/08/03/title/") == day
    assert day_in_url("https://example.com/2013-08-03/title") == day
    # an id after a year and month, a month 14, a day after the file was archived: no day
    assert day_in_url("https://example.com/news/2013/12/34567") is None
    assert day_in_url("https://example.com/2013/news/14/3/") is None
    assert day_in_url("https://example.com/2013/08/03/x", not_after=datetime(2013, 8, 1, tzinfo=UTC)) is None


def test_languages_whose_readers_write_the_day_first():
    assert writes_day_first("ar") and writes_day_first("fa") and writes_day_first("fr")
    assert not writes_day_first("en") and not writes_day_first("zh") and not writes_day_first(None)
    assert not writes_day_first("not a tag")


@pytest.mark.parametrize("name", ["Asia", "A" * 300, "Mars/Olympus"])
def test_a_zone_name_that_is_a_folder_or_too_long_is_no_zone(name):
    from ingest.dates import known_zone, parse_date

    assert not known_zone(name)
    assert parse_date("2021-07-27 10:00", tz=name) is not None  # read as UTC, not an OSError


@pytest.mark.parametrize("written", ["1445/03/12 هـ", "12/03/1445 هـ", "۱۴۴۵/۰۳/۱۲ هـ", "1445-03-12"])
def test_lunar_hijri_days_are_that_day_not_a_solar_hijri_future(written):
    """Arabic sites write the Islamic calendar's year (1445); read as Solar Hijri it was 2066."""
    from ingest.dates import parse_date

    assert parse_date(written).date().isoformat() == "2023-09-27"


def test_solar_hijri_years_stay_solar():
    from ingest.dates import parse_date

    assert parse_date("1403-05-05").date().isoformat() == "2024-07-26"
    assert parse_date("۱۴۰۰/۰۵/۰۵").date().isoformat() == "2021-07-27"
