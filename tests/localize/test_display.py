"""Interface dates and numbers per language, and catalogs that cover every interface string."""

from datetime import UTC, date, datetime, timedelta

import pytest
from archive_paths import ROOT
from babel.messages.pofile import read_po
from jinja2 import Environment
from localize import display
from localize.catalogs import translations
from localize.jinja import install

DAY = datetime(2021, 7, 26, tzinfo=UTC)
TRANSLATIONS = ROOT / "theme" / "translations"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "July 26, 2021"), ("zh", "2021年7月26日"), ("ar", "٢٦ يوليو ٢٠٢١"), ("fa", "۲۶ ژوئیه ۲۰۲۱")],
)
def test_days_are_written_the_way_each_language_writes_them(lang, expected):
    assert display.day(DAY, lang) == expected


def test_solar_hijri_date_for_persian_pages():
    assert display.solar_hijri(datetime(2021, 7, 27, tzinfo=UTC)) == "۵ مرداد ۱۴۰۰"
    assert display.solar_hijri(datetime(2021, 3, 21, tzinfo=UTC)) == "۱ فروردین ۱۴۰۰"


def test_arithmetic_solar_hijri_agrees_with_the_astronomical_calendar_1300_to_1500():
    """persiantools' arithmetic calendar against convertdate's astronomical one: the first and
    last day of every year from 1300 to 1500 SH (where a leap-year rule would drift), and every
    day of a 33-year cycle around now."""
    from convertdate import persian

    days = []
    for year in range(1300, 1501):
        first = date(*persian.to_gregorian(year, 1, 1))
        days += [first, first - timedelta(days=1)]
    start = date(*persian.to_gregorian(1390, 1, 1))
    days += [start + timedelta(days=n) for n in range(0, 33 * 366, 7)]
    wrong = [
        (d, display.solar_hijri_ymd(d))
        for d in days
        if display.solar_hijri_ymd(d) != persian.from_gregorian(d.year, d.month, d.day)
    ]
    assert wrong == []


def test_dates_are_formatted_once_per_day_and_language(monkeypatch):
    calls = []
    real = display.day
    monkeypatch.setattr(
        display, "day", lambda value, lang, **kw: calls.append((value, lang)) or real(value, lang, **kw)
    )
    monkeypatch.setitem(display.DateFormats._KINDS, "day", display.day)
    formats = display.DateFormats()
    morning, evening = DAY.replace(hour=7), DAY.replace(hour=22)
    assert formats.format("day", morning, "ar") == formats.format("day", evening, "ar") == "٢٦ يوليو ٢٠٢١"
    assert formats.format("day", morning, "zh") == "2021年7月26日"
    assert formats.format("solar_hijri", evening, "fa") == "۴ مرداد ۱۴۰۰"
    assert calls == [(DAY.date(), "ar"), (DAY.date(), "zh")]
    assert display.DateFormats().format("day", morning, "ar") == "٢٦ يوليو ٢٠٢١"  # a new build, a new cache


@pytest.mark.parametrize("lang", ["zh", "ar", "fa"])
def test_catalog_translates_every_interface_string(lang):
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    missing = [m.id for m in catalog if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    assert {m.id for m in catalog if m.id} >= template and missing == []


def test_arabic_plurals_use_all_six_forms():
    ar = translations(str(TRANSLATIONS), "ar")
    forms = {n: ar.ngettext("%(num)s article", "%(num)s articles", n) for n in (0, 1, 2, 3, 11, 100)}
    assert forms[1] == "مقال واحد" and forms[2] == "مقالان"
    assert len(set(forms.values())) == 5  # 0 and 100 share "%(num)s مقال"


def test_messages_read_as_jinjas_own_gettext_would_give_them():
    """`_()` made once per (page language, message): the same text, escaping and `%` handling as
    Jinja's new-style gettext, in each page language, with and without variables."""
    settings = {"THEME": str(ROOT / "theme"), "UI_LANGUAGES": ("en", "ar", "fa", "zh"), "SITENAME": "x"}
    source = '{{ _("Tags") }}|{{ _("Newer") }}|{{ _("100%% <b>sure</b>") }}|{{ _("Original article") }}|{{ _("%(n)s & co", n="<i>") }}'
    ours = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    install(ours, settings)
    directory = str(ROOT / "theme" / "translations")
    for lang in settings["UI_LANGUAGES"]:
        stock = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
        stock.install_gettext_callables(  # type: ignore[attr-defined]
            translations(directory, lang).gettext, translations(directory, lang).ngettext, newstyle=True
        )
        expected = stock.from_string(source).render()
        template = ours.from_string(source)
        assert template.render(listing_lang=lang) == template.render(listing_lang=lang) == expected, lang
    assert "100% <b>sure</b>" in expected and "&lt;i&gt; & co" in expected  # messages are markup, values escaped
