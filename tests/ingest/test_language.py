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


def test_the_model_is_loaded_once_preloaded_in_the_background_and_dropped_if_unasked(monkeypatch):
    """One load per process whatever the language sets (they share its tables); a preload is
    waited for, never loaded twice; a preload nothing asked for is dropped; a forked child
    (an ingestion worker) is not stuck on a load under way in its parent."""
    import multiprocessing
    import sys
    import threading

    from ingest import language

    loads: list[str] = []
    real = language.LanguageIdentifier.from_model_file
    started, go_on = threading.Event(), threading.Event()

    def slow_load(*args, **kwargs):
        loads.append("load")
        started.set()
        go_on.wait(30)
        return real(*args, **kwargs)

    models = language.MODELS  # the process's own: its fork handler is registered
    models.__init__()
    monkeypatch.setattr(language.LanguageIdentifier, "from_model_file", slow_load)
    models.preload(("ar", "fa"))
    assert started.wait(30)  # the preload is loading, and holds the lock

    def child() -> None:
        sys.exit(0 if models._lock.acquire(timeout=10) else 1)

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(30)
    assert process.exitcode == 0  # the child's lock is free: it can load a model of its own

    go_on.set()
    text = "وزارت امور خارجه آمریکا اعلام کرد که ماموریت جنگی این کشور در عراق پایان می‌یابد و نیروها برمی‌گردند"
    assert language.detect_language(text, ("ar", "fa")) == "fa"  # waited for the preload
    assert language.detect_language("The ministry said the mission in Iraq ends this year.", ("ar", "fa")) == "en"
    assert loads == ["load"]  # three language sets asked, one load
    models.__init__()  # other tests load the real model again

    unasked = language._Models()
    monkeypatch.setattr(language, "MODELS", unasked)
    unasked.preload(("ar", "fa"))
    unasked.release_unasked()  # waits for the preload, then drops it
    assert unasked._full is None and not unasked._restricted
    asked = language._Models()
    asked.get(("zh",))
    asked.release_unasked()
    assert asked._full is not None  # asked for: kept
