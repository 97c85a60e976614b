"""Addresses shown as people read them, and the digit style an archive's own articles use."""

from __future__ import annotations

from localize.display import count_digits, digit_style, iri
from scripts import language_name


def test_addresses_are_decoded_and_shortened_in_the_middle():
    url = "https://www.rfi.fr/cn/%E4%B8%AD%E5%9B%BD/20210726-%E6%8B%9C%E7%99%BB%E4%B8%8E%E5%8D%A1%E8%BF%AA%E7%B1%B3"
    assert iri(url) == "https://www.rfi.fr/cn/中国/20210726-拜登与卡迪米"
    long = "https://example.org/" + "a" * 100 + "/end.html"
    shown = iri(long, 40)
    assert len(shown) == 40 and shown.startswith("https://example.org/") and shown.endswith("end.html") and "…" in shown


def test_punycode_hosts_and_what_must_stay_escaped():
    assert iri("http://xn--mgbh0fb.xn--kgbechtv/") == "http://مثال.إختبار/"
    # spaces, bidi overrides and bytes that are not UTF-8 stay escaped: they would mislead a reader
    assert iri("https://a.example/x%20y%E2%80%AEz%FF") == "https://a.example/x%20y%E2%80%AEz%FF"


def test_digit_style_follows_most_digits_markup_left_out():
    assert count_digits('<a href="https://x.example/2021/07/26">٢٦ يوليو ٢٠٢١</a>') == (0, 6)
    assert digit_style(*count_digits("عام 2021 و 2500 جندي")) == "latn"
    assert digit_style(*count_digits("سال ۱۴۰۰ و ۲۵۰۰ سرباز، 5")) == "native"
    assert digit_style(0, 0) == "native"  # nothing to follow: the script's own digits


def test_language_names_in_the_page_language():
    assert [language_name(x, "en") for x in ("zh", "ar", "fa")] == ["Chinese", "Arabic", "Persian"]
    assert language_name("zh", "ar") == "الصينية"
