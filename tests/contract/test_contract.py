"""The plugins' contract: typed settings checked at start (unknown and mistyped keys), the README's
settings table made from the dataclasses, declared plugin dependencies, and the article record."""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from archive_paths import ROOT, seed
from contract.settings import SettingsError, check, requirements_problems, schemes, settings_table
from pelican.settings import DEFAULT_CONFIG

PROJECT = runpy.run_path(str(ROOT / "pelicanconf.py"))
OURS = {key for scheme in schemes().values() for key in scheme.setting_fields()}


@pytest.mark.parametrize("conf", ["pelicanconf.py", "publishconf.py"])
def test_the_project_settings_are_clean(conf):
    settings = runpy.run_path(str(ROOT / conf))
    assert check(settings, DEFAULT_CONFIG) == ([], [])
    assert requirements_problems(settings["PLUGINS"]) == []


def test_readme_table_is_made_from_the_dataclasses():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(
        r"<!-- settings table: generated from the plugins' settings.py -->\n(.*?)\n<!-- end of settings table -->",
        readme,
        re.DOTALL,
    )
    assert found, "the README lost its settings table markers"
    assert found.group(1) == settings_table(), (
        "README settings table differs: PYTHONPATH=plugins python -m contract.settings"
    )
    for key in OURS:  # every setting, and each once
        assert found.group(1).count(f"| `{key}` |") == 1


def test_no_plugin_reads_a_declared_setting_around_its_dataclass():
    """Defaults in one place: a declared setting is read through its plugin's dataclass only."""
    pattern = re.compile(r"""settings(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]+)["']""")
    offenders = []
    for path in (ROOT / "plugins").rglob("*.py"):
        if path.name == "settings.py":
            continue
        for key in pattern.findall(path.read_text(encoding="utf-8")):
            if key in OURS:
                offenders.append(f"{path.relative_to(ROOT)}: {key}")
    assert offenders == []


@pytest.mark.parametrize(
    ("key", "typo"),
    [
        ("TAG_MIN_BODY_MENTIONS", "TAG_MIN_BODY_MENTION"),
        ("INGEST_WORKERS", "INGEST_WORKER"),
        ("FEED_SITEURL", "FEED_SITE_URL"),
        ("SITE_DESCRIPTIONS", "SITE_DESCRIPTOINS"),
        ("STORY_SETTINGS", "STORY_SETTING"),
    ],
)
def test_a_misspelt_setting_is_reported_with_the_likely_one(key, typo):
    errors, warnings = check({**PROJECT, typo: PROJECT.get(key, 1)}, DEFAULT_CONFIG)
    assert errors == []
    assert warnings == [f"{typo}: not a setting of this site's plugins; did you mean {key}?"]


def test_an_unknown_key_with_a_plugin_prefix_is_reported():
    _, warnings = check({**PROJECT, "SEARCH_STEMMING": True, "INGEST_FOO_BAR_BAZ": 1}, DEFAULT_CONFIG)
    assert warnings == [
        "INGEST_FOO_BAR_BAZ: not a setting of this site's plugins (settings starting INGEST_ are)",
        "SEARCH_STEMMING: not a setting of this site's plugins (settings starting SEARCH_ are)",
    ]


def test_pelican_and_other_keys_are_not_ours_to_report():
    others = {"FEED_ALL_RSS": "x", "TAG_FEED_ATOM": "x", "MY_THEME_COLOUR": "red", "FEED_MAX_ITEMS": 10}
    assert check({**PROJECT, **others}, DEFAULT_CONFIG) == ([], [])


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("INGEST_WORKERS", "4", "INGEST_WORKERS: expected int or None, got '4' (a str)"),
        ("TAG_MIN_BODY_MENTIONS", "2", "TAG_MIN_BODY_MENTIONS: expected int, got '2' (a str)"),
        ("TAG_MIN_BODY_MENTIONS", True, "TAG_MIN_BODY_MENTIONS: expected int, got True (a bool)"),
        ("SEARCH_INDEX", "yes", "SEARCH_INDEX: expected bool, got 'yes' (a str)"),
        ("INGEST_LANGUAGES", "zh", "INGEST_LANGUAGES: expected list of str, got 'zh' (a str, not a list)"),
        ("INGEST_TIME_LIMIT", "60", "INGEST_TIME_LIMIT: expected float or None, got '60' (a str)"),
        (
            "TAG_VOCABULARY",
            ["tags.yml", 3],
            "TAG_VOCABULARY: expected list of str, got ['tags.yml', 3] (item 3: a int)",
        ),
        (
            "DIGITS",
            {"fa": "arab"},
            (
                "DIGITS: expected mapping of str to 'native' or 'latn', got {'fa': 'arab'}"
                " (entry 'fa': not one of 'native', 'latn')"
            ),
        ),
        (
            "STORY_SETTINGS",
            {"same_mn": 2.0},
            "STORY_SETTINGS: 'same_mn' is no same-story setting; did you mean 'same_min'?",
        ),
        ("STORY_SETTINGS", {"same_window_days": "3"}, "STORY_SETTINGS['same_window_days']: expected int, got '3'"),
    ],
)
def test_a_mistyped_value_is_an_error_naming_setting_type_and_value(key, value, message):
    errors, _ = check({**PROJECT, key: value}, DEFAULT_CONFIG)
    assert errors == [message]
    scheme = next(s for s in schemes().values() if key in s.setting_fields())
    with pytest.raises(SettingsError) as raised:
        scheme.of({**PROJECT, key: value})
    assert raised.value.problems == [message]


def test_accepted_values_and_defaults():
    ingest, tagging = schemes()["ingest"], schemes()["tagging"]
    assert ingest.of({"INGEST_TIME_LIMIT": 2.5, "INGEST_WORKERS": None}).ingest_time_limit == 2.5
    assert ingest.of({"INGEST_LANGUAGES": ("zh",)}).ingest_languages == ("zh",)  # a tuple is a list here
    assert tagging.of({}).tag_min_body_mentions == 2  # one default, in the dataclass
    assert schemes()["stories"].of({"STORY_SETTINGS": {"same_min": 3}}).linking().same_min == 3


def test_plugin_dependencies_are_checked():
    plugins = list(PROJECT["PLUGINS"])
    without_localize = [p for p in plugins if p != "localize"]
    assert requirements_problems(without_localize) == [
        "PLUGINS: 'listings' needs 'localize'; add it to PLUGINS",
        "PLUGINS: 'stories' needs 'localize'; add it to PLUGINS",
        "PLUGINS: 'feeds' needs 'localize'; add it to PLUGINS",
    ]
    early = [p for p in plugins if p != "incremental"]
    early.insert(early.index("stories"), "incremental")
    assert requirements_problems(early) == ["PLUGINS: 'incremental' must come after 'stories'"]


def _build(tmp_path: Path, extra: str) -> tuple[subprocess.CompletedProcess, Path]:
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(seed("000"), content / seed("000").name)
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"INGEST_CACHE = None\nSEARCH_INDEX = False\n{extra}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(conf), "-o", str(out)],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        text=True,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "400"},
        timeout=300,
    )
    return result, out


def test_a_mistyped_value_stops_the_build_before_anything_is_written(tmp_path):
    result, out = _build(tmp_path, 'TAG_MIN_BODY_MENTIONS = "2"\nPLUGINS = [p for p in PLUGINS if p != "localize"]')
    assert result.returncode == 1
    said = result.stdout + result.stderr
    assert "TAG_MIN_BODY_MENTIONS: expected int, got '2' (a str)" in said
    assert "PLUGINS: 'feeds' needs 'localize'; add it to PLUGINS" in said
    assert "CRITICAL" not in said  # a plain message, not Pelican's report of a crash
    assert not (out / "index.html").exists()


def test_a_misspelt_setting_warns_and_the_build_goes_on(tmp_path):
    result, out = _build(tmp_path, "TAG_MIN_BODY_MENTION = 3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "did you mean TAG_MIN_BODY_MENTIONS?" in result.stdout + result.stderr
    assert (out / "index.html").is_file()


def test_every_article_carries_its_record(tmp_path):
    """What the reader attaches: the record, and the same values as metadata for the templates."""
    from ingest import pelican_glue
    from ingest.profiles import SourceProfiles
    from ingest.record import ArticleRecord
    from pelican.settings import read_settings

    content = tmp_path / "content"
    content.mkdir()
    source = shutil.copy(seed("003"), content / seed("003").name)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content), "INGEST_CACHE": None})
    try:
        _, meta = pelican_glue.ArchiveReader(settings).read(str(source))
    finally:
        pelican_glue._state = None
    record = meta["record"]
    assert isinstance(record, ArticleRecord)
    assert (record.undated, record.lang, record.dir) == (True, "fa", "rtl")
    assert record.cites_name == SourceProfiles.load().get("aljazeera").name("fa")  # in the article's language
    assert record.source_file == seed("003").name
    assert {k: meta[k] for k in record.metadata()} == record.metadata()
    with pytest.raises(AttributeError):  # frozen: one record, read everywhere, changed nowhere
        record.lang = "ar"
