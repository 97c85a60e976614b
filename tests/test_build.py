"""End to end: Pelican's own CLI builds an archive of samples, corpus files and damaged files;
every file is accounted for in the report and every article page carries its language."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from archive_paths import CORPUS, ROOT, SEEDS, seed

CORPUS_SUBSET = ["美国之音/1045736.md", "法广/1042081.md", "自由亚洲电台/1047482.md", "BBC/1047443.md"]


def build(content: Path, out: Path, cwd: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    # COLUMNS: no wrapped log lines; INGEST_CACHE: the session's temporary one (tests/conftest.py)
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "400", "INGEST_CACHE": os.environ["INGEST_CACHE"], **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out)],
        cwd=cwd,
        capture_output=True,
        check=False,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("content")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, content / path.name)
    for source in CORPUS_SUBSET:
        (content / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / source, content / source)
    damaged = content / "damaged"
    damaged.mkdir()
    (damaged / "empty.txt").write_bytes(b"")
    (damaged / "picture.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (damaged / "broken-yaml.md").write_text(
        "---\ntitle: 'unclosed\ndate: 2021-07-27\n---\n<p>正文。</p>\n", encoding="utf-8"
    )
    shutil.copy(seed("002"), damaged / "copy-of-002.txt")
    (damaged / "000-in-gb18030.txt").write_bytes(seed("000").read_text(encoding="utf-8").encode("gb18030"))
    (damaged / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    (damaged / "hostile.html").write_text(
        '---\ntitle: "<script>alert(1)</script>標題"\nslug: ../../escape\nsave_as: ../../escaped.html\n---\n'
        '<p onclick="alert(2)">伊拉克新闻<script>alert(3)</script><a href="javascript:alert(4)">链接</a></p>\n',
        encoding="utf-8",
    )
    return content


@pytest.fixture(scope="module")
def built(archive, tmp_path_factory):
    out = tmp_path_factory.mktemp("output")
    elsewhere = tmp_path_factory.mktemp("cwd")  # settings paths must not depend on the working directory
    result = build(archive, out, elsewhere)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
    return out, report, result


def test_every_file_is_accounted_for_once(archive, built):
    _, report, result = built
    on_disk = sorted(p.relative_to(archive).as_posix() for p in archive.rglob("*") if p.is_file())
    assert sorted(e["source"] for e in report["files"]) == on_disk
    summary = report["summary"]
    assert summary == {"files": len(on_disk), "published": 10, "duplicate": 2, "rejected": 4}
    assert "Ingest: 16 files: 10 published, 2 duplicate, 4 rejected" in result.stdout


def test_rejections_name_the_problem(built):
    _, report, result = built
    by_source = {e["source"]: e for e in report["files"]}
    assert by_source["damaged/empty.txt"]["reason"] == "empty file"
    assert by_source["damaged/picture.md"]["reason"].startswith("binary file")
    assert by_source["damaged/broken-yaml.md"]["reason"].startswith("broken front matter")
    assert by_source["damaged/broken-yaml.md"]["reason"].endswith("(line 2)")
    assert by_source["damaged/notes.pdf"]["reason"].startswith("not an article file: .pdf")
    assert "damaged/broken-yaml.md:2: broken front matter" in result.stderr + result.stdout


def test_duplicates_point_at_the_published_copy(built):
    _, report, _ = built
    by_source = {e["source"]: e for e in report["files"]}
    assert by_source["damaged/copy-of-002.txt"]["status"] == "duplicate"
    assert by_source["damaged/copy-of-002.txt"]["duplicate_of"] == seed("002").name
    # the same article in another encoding is the same article
    assert by_source["damaged/000-in-gb18030.txt"]["duplicate_of"] == seed("000").name
    assert by_source["damaged/000-in-gb18030.txt"]["encoding"] == "gb18030"


def test_published_entries_and_pages(built):
    out, report, _ = built
    for entry in report["files"]:
        if entry["status"] != "published":
            assert entry["url"] is None
            continue
        page = (out / entry["url"]).read_text(encoding="utf-8")
        assert (out / entry["url"]).resolve().is_relative_to(out.resolve())
        lang = entry["lang"] or "en"
        assert re.search(rf'<html lang="{lang}" dir="{entry["dir"]}">', page), entry["source"]
        assert "<script" not in page and "javascript:" not in page and "onclick" not in page
    by_source = {e["source"]: e for e in report["files"]}
    undated = by_source[seed("003").name]
    assert (undated["date"], undated["lang"], undated["dir"]) == (None, "fa", "rtl")
    assert (undated["outlet"], undated["cites"]) == (None, "aljazeera")
    assert by_source[seed("004").name]["date"] == "2021-07-26T00:00:00+00:00"
    assert by_source["自由亚洲电台/1047482.md"]["date"] == "2020-10-12T00:00:00+00:00"  # the day in its address
    assert by_source["自由亚洲电台/1047482.md"]["archived"].startswith("2020-10-12")


def test_metadata_cannot_move_pages_out_of_the_output(built):
    out, report, _ = built
    entry = next(e for e in report["files"] if e["source"] == "damaged/hostile.html")
    assert entry["status"] == "published" and entry["url"].startswith("articles/")
    assert not (out.parent / "escaped.html").exists() and not list(out.parent.glob("escape*"))
    page = (out / entry["url"]).read_text(encoding="utf-8")
    assert "<h1>標題</h1>" in page  # markup in a title is dropped, its text kept


def test_undated_article_shows_as_undated(built):
    out, report, _ = built
    entry = next(e for e in report["files"] if e["source"] == seed("003").name)
    page = (out / entry["url"]).read_text(encoding="utf-8")
    assert 'class="undated"' in page and "1970" not in page


def test_archives_are_an_index_of_years_each_on_its_own_page(built):
    out, report, _ = built
    published = {e["url"] for e in report["files"] if e["status"] == "published"}
    index = (out / "archives.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="[^"]*?(archives/(?:\d{4}|undated)\.html)"', index)
    year_pages = sorted(p.relative_to(out).as_posix() for p in (out / "archives").glob("*.html"))
    assert year_pages and sorted(set(linked)) == year_pages  # every year page is linked, none missing
    assert "archives/undated.html" in year_pages  # seed 003 has no date
    assert 'class="item' not in index  # the index lists years and months, not every article
    listed: list[str] = []
    for page in year_pages:
        html = (out / page).read_text(encoding="utf-8")
        listed += [href.lstrip("./") for href in re.findall(r'class="item-title"><a href="([^"]+)"', html)]
    # every published article in exactly one year page (or the undated one)
    assert sorted(listed) == sorted(published)


def test_strict_mode_fails_after_writing_the_report(archive, tmp_path):
    out = tmp_path / "out"
    result = build(archive, out, tmp_path, {"STRICT": "1"})
    assert result.returncode != 0
    assert "4 file(s) rejected and STRICT is on" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr  # one clear line, not a crash report
    assert result.stderr.strip().splitlines()[-1].startswith("error: 4 file(s) rejected")
    report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
    for entry in (e for e in report["files"] if e["status"] == "rejected"):  # every one named
        assert f"  rejected {entry['source']}: {entry['reason']}" in result.stdout
    assert json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))["summary"]["rejected"] == 4


def test_site_language_setting_localizes_mixed_listings(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(SEEDS),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-o",
            str(out),
            "-e",
            'DEFAULT_LANG="ar"',
        ],
        capture_output=True,
        check=False,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in home and "أحدث المقالات" in home
    assert re.search(r'<li class="item" lang="zh" dir="ltr">', home)  # items keep their own language
    zh_page = (out / "zh" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh" dir="ltr">' in zh_page and "最新" in zh_page
    # an Arabic reader's story page is titled with the Arabic report's headline
    (story,) = [p for p in (out / "stories").glob("*.html") if p.name != "index.html"]
    title = re.search(r"<h1>([^<]*)</h1>", story.read_text(encoding="utf-8")).group(1)
    assert title.startswith("بايدن يستقبل الكاظمي")


def test_tag_pages_group_the_story_across_languages(built):
    out, report, _ = built
    iraq = (out / "tags" / "iraq.html").read_text(encoding="utf-8")
    by_source = {e["source"]: e for e in report["files"]}
    for prefix in ("000", "001", "002", "003", "004"):
        assert by_source[seed(prefix).name]["url"] in iraq
    biden = (out / "tags" / "joe-biden.html").read_text(encoding="utf-8")
    assert set(re.findall(r'<li class="item" lang="(\w+)"', biden)) == {"zh", "ar", "fa"}
    arabic = (out / by_source[seed("004").name]["url"]).read_text(encoding="utf-8")
    assert "<bdi>العراق</bdi>" in arabic and "<bdi>جو بايدن</bdi>" in arabic  # tag names in the page's language


def test_same_story_links_and_story_page(built):
    out, report, _ = built
    by_source = {e["source"]: e for e in report["files"]}
    page = (out / by_source[seed("000").name]["url"]).read_text(encoding="utf-8")
    same = page[page.index('class="same-story"') : page.index('class="related"')]
    related = page[page.index('class="related"') :]
    for prefix in ("003", "004"):
        assert by_source[seed(prefix).name]["url"].split("/")[-1] in same
    for prefix in ("001", "002"):
        assert by_source[seed(prefix).name]["url"].split("/")[-1] in related
    assert "都提到" in same and "发布时间相隔1天" in same  # the reason, as a Chinese reader would say it
    story = re.search(r'href="\.\./(stories/[^"]+\.html)"', same).group(1)
    timeline = (out / story).read_text(encoding="utf-8")
    assert timeline.count('<li class="item"') == 3
    # titled with the most specific shared name in the site's language (no English report to lead)
    assert re.search(r"<h1>([^<]*)</h1>", timeline).group(1) in {"Joe Biden", "Mustafa al-Kadhimi"}
    # each report in its own language and direction (that the rail keeps one side whatever each
    # report's direction is checked in Chromium: tests/theme/test_reading.py)
    items = re.findall(r'<li class="item" lang="(\w+)" dir="(ltr|rtl)"', timeline)
    assert sorted(items) == [("ar", "rtl"), ("fa", "rtl"), ("zh", "ltr")]


def test_digit_style_follows_the_archive_unless_set(tmp_path):
    """The sample Arabic report writes Western digits (2021, 2500), the Persian one Persian digits:
    the interface follows each; DIGITS overrides a language."""
    page_of = {}
    for name, extra in (("auto", []), ("set", ["-e", 'DIGITS={"ar": "native", "fa": "latn"}', "SEARCH_INDEX=false"])):
        out = tmp_path / name
        result = subprocess.run(
            [sys.executable, "-m", "pelican", str(SEEDS), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out), *extra],
            capture_output=True,
            check=False,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
        url = next(e["url"] for e in report["files"] if e["source"].startswith("004_"))
        page_of[name] = (
            (out / url).read_text(encoding="utf-8"),
            (out / "fa" / "index.html").read_text(encoding="utf-8"),
        )
    arabic, persian = page_of["auto"]
    assert re.search(r"<time[^>]*>26 يوليو 2021</time>", arabic)
    assert "۳ دقیقه" in persian  # reading time in Persian digits
    arabic, persian = page_of["set"]
    assert re.search(r"<time[^>]*>٢٦ يوليو ٢٠٢١</time>", arabic)
    assert "3 دقیقه" in persian
