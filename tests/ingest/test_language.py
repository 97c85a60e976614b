"""Language among zh/ar/fa, with Persian never taken for Arabic; direction follows."""

import pytest
from ingest.language import detect_language
from scripts import direction


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ماموریت جنگی آمریکا در عراق، ۲۰۲۱ پایان می یابد", "fa"),
        ("توافق بایدن و الکاظمی در کاخ سفید", "fa"),
        ("کاظمی و بایدن", "fa"),
        ("بايدن يستقبل الكاظمي ويعلن انتهاء المهمة القتالية بالعراق", "ar"),
        ("الرئيس الأمريكي", "ar"),
        ("به\u200cگزارش خبرگزاری\u200cها", "fa"),
        ("美国和伊拉克将开始旨在结束驻伊国际联军的会谈", "zh"),
        ("拜登与卡迪米在白宫椭圆形办公室举行了首场面对面会谈 ISIS ISIS", "zh"),
        ("The quick brown fox", "en"),  # Latin and unsure: English, these archives' Latin language
        ("2021 — 12:00", None),
    ],
)
def test_detect(text, lang):
    assert detect_language(text) == lang


def test_direction():
    assert (direction("ar"), direction("fa"), direction("zh"), direction(None)) == ("rtl", "rtl", "ltr", "ltr")
