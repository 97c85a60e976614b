"""Dates in the forms and numerals news files use; results are aware UTC; prose is not a date."""

from datetime import UTC, datetime

import pytest
from ingest.dates import from_epoch_ms, parse_date


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
