"""Issue 12, end to end: Pelican's own CLI builds an archive of hostile and damaged files. The build
finishes, every file is in the report, nothing is read from or written outside the folders, feeds
stay parseable and inert, and a damaged cache only costs a warning."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from archive_paths import ROOT, seed
from hostile import hostile_files

SECRET = "TOP-SECRET-伊拉克-PASSWORD-LINE"


def build(content: Path, out: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out),
         "-e", f'INGEST_CACHE="{cache}"', "SEARCH_INDEX=false", *extra],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "COLUMNS": "400"}, timeout=600, check=False,
    )  # fmt: skip


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """sandbox/content (the archive), sandbox/secret.txt (outside it), sandbox/cache/ (damaged)."""
    root = tmp_path_factory.mktemp("sandbox")
    content = root / "content"
    content.mkdir()
    for prefix in ("000", "003", "004"):
        shutil.copy(seed(prefix), content / seed(prefix).name)
    for name, data in hostile_files().items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(data)
    (root / "secret.txt").write_text(f"{SECRET}\n\n美国和伊拉克的秘密会谈内容。\n", encoding="utf-8")
    (content / "links").mkdir()
    (content / "links" / "passwd.txt").symlink_to(root / "secret.txt")
    (content / "links" / "self1").symlink_to(".")
    (content / "links" / "self2").symlink_to("..")
    (content / "links" / "up").symlink_to(root)
    (root / "cache").mkdir()
    (root / "cache" / "ingest.sqlite").write_bytes(b"SQLite format 2\x00" + b"\xde\xad" * 5000)
    return root


@pytest.fixture(scope="module")
def built(sandbox):
    before = snapshot(sandbox / "content")
    outside_before = sorted(p.name for p in sandbox.iterdir())
    out = sandbox / "output"
    result = build(sandbox / "content", out, sandbox / "cache" / "ingest.sqlite")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert snapshot(sandbox / "content") == before  # nothing written into the content
    assert sorted(p.name for p in sandbox.iterdir()) == sorted([*outside_before, "output"])
    report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
    return out, {e["source"]: e for e in report["files"]}, result


def test_every_file_is_reported_once_with_a_reason_when_rejected(built):
    _, entries, _ = built
    expected = set(hostile_files()) | {seed(p).name for p in ("000", "003", "004")}
    expected |= {"links/passwd.txt", "links/self1", "links/self2", "links/up"}
    assert set(entries) == expected
    for entry in entries.values():
        assert entry["status"] in ("published", "duplicate", "rejected")
        assert (entry["status"] == "rejected") == (entry["reason"] is not None and entry["duplicate_of"] is None)


def test_the_cases_of_the_issue(built):
    _, entries, result = built
    assert "YAML aliases" in entries["fm/alias-bomb.md"]["reason"]
    assert entries["fm/many-tags.md"]["warnings"] == ["10000 categories and tags; the first 100 kept"]
    assert entries["html/deep-divs.html"]["status"] == "published"
    for name in ("fm/lang-escape.md", "fm/lang-quote.md", "html/lang-attr.html"):
        assert (entries[name]["status"], entries[name]["lang"]) == ("published", "zh")
    assert entries["txt/utf16-no-bom.txt"]["status"] in ("published", "duplicate")
    assert entries["txt/one-nul.txt"]["status"] in ("published", "duplicate")
    assert entries["txt/mixed-encodings.txt"]["status"] in ("published", "duplicate")
    assert entries["fm/title-invisible.md"]["title"].startswith("美国和伊拉克")
    assert entries["fm/title-rlo.md"]["title"] == "Biden retsim emirp"
    assert "outside the content folder" in entries["links/passwd.txt"]["reason"]
    assert "outside the content folder" in entries["links/up"]["reason"]
    assert "read already" in entries["links/self1"]["reason"] and "read already" in entries["links/self2"]["reason"]
    log = result.stdout + result.stderr
    assert len(re.findall(r"ingest cache .* rebuilding it", log)) == 1


def test_nothing_outside_the_folders_is_published(built, sandbox):
    out, _, _ = built
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve())
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace")
    names = {p.name for p in out.rglob("*")}
    assert not any('"' in n or "escaped" in n or "onmouseover" in n for n in names)
    assert {p.name for p in out.iterdir() if p.is_dir() and len(p.name) == 2} <= {"zh", "ar", "fa", "en"}
    assert not (sandbox / "escaped-lang").exists() and not (sandbox / "escaped-html").exists()


def test_label_tags_without_letters_do_not_merge(built):
    out, entries, _ = built
    assert not (out / "tags" / ".html").exists()
    pages = {entries[name]["url"] for name in ("fm/tag-bangs.md", "fm/tag-dots.md")}
    tag_pages = [p for p in (out / "tags").glob("tag-*.html")]
    holders = {p.name: {u for u in pages if u.split("/")[-1] in p.read_text(encoding="utf-8")} for p in tag_pages}
    assert len([h for h in holders.values() if h]) == 2 and all(len(h) == 1 for h in holders.values() if h)


def _live_markup(text: str) -> bool:
    return bool(re.search(r"<\s*[a-zA-Z/!]", text))


def test_feeds_parse_and_are_inert_once_a_reader_decodes_them(built):
    out, _, _ = built
    feeds = list((out / "feeds").rglob("*.xml"))
    assert feeds
    seen_hostile = False
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        if path.name.endswith(".rss.xml"):
            assert not _live_markup(parsed.feed.title)
            for entry in parsed.entries:
                assert not _live_markup(entry.title) and not _live_markup(entry.get("description", ""))
                seen_hostile |= "onerror" in entry.get("description", "")
        raw = path.read_text(encoding="utf-8")
        assert "\u202e" not in raw and "javascript:" not in raw.lower()
    assert seen_hostile  # the text article quoting <img onerror> is in a feed, as text


def test_pages_carry_no_reversing_characters_or_live_urls(built):
    out, _, _ = built
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
        assert title is None or "\u202e" not in title.group(1)
        assert not re.search(r'(?:href|src|cite)="\s*(?:javascript|data|vbscript):', html, re.IGNORECASE)


def test_the_damaged_cache_was_rebuilt(built, sandbox):
    rows = sqlite3.connect(sandbox / "cache" / "ingest.sqlite").execute("SELECT count(*) FROM results").fetchone()[0]
    assert rows > 10


def test_reruns_in_one_process_report_only_the_current_files(tmp_path):
    """`pelican -r` runs the same Pelican object again after every change: no state may survive."""
    content = tmp_path / "content"
    content.mkdir()
    for prefix in ("000", "001"):
        shutil.copy(seed(prefix), content / seed(prefix).name)
    script = f"""
import json, os, sys
from pathlib import Path
from pelican import Pelican
from pelican.settings import read_settings
settings = read_settings({str(ROOT / "pelicanconf.py")!r}, override={{"PATH": {str(content)!r},
    "OUTPUT_PATH": {str(tmp_path / "out")!r}, "INGEST_CACHE": None, "SEARCH_INDEX": False}})
pelican = Pelican(settings)
pelican.run()
os.remove({str(content / seed("001").name)!r})
pelican.run()
print(json.dumps(json.loads(Path({str(tmp_path / "out" / "ingest-report.json")!r}).read_text())["summary"]))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary == {"files": 1, "published": 1, "duplicate": 0, "rejected": 0}
