"""Rebuilds give the site a clean build gives: one regression test per way they used to differ
(stale pages in the search index, a deleted tag's feeds, a renamed tag name, a killed build, two
builds at once, a slug moved by another file, `pelican -r` reporting deleted files), and the
seeded property: random edit sequences, incremental output = clean output, file by file."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import equivalence  # tests/incremental/equivalence.py: builds, edits, the comparison
import pytest
import yaml
from archive_paths import CORPUS, ROOT, SEEDS, corpus_files, seed

PELICAN = [sys.executable, "-m", "pelican"]


def pelican(
    content: Path, out: Path, *settings: str, cache: Path | None = None, timeout: int = 600
) -> subprocess.CompletedProcess:
    overrides = [f"INGEST_CACHE={json.dumps(str(cache) if cache else None)}", *settings]
    return subprocess.run(
        [*PELICAN, str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out), "-e", *overrides],
        capture_output=True, text=True, timeout=timeout, env={**os.environ, "COLUMNS": "400"}, check=False,
    )  # fmt: skip


def build(content: Path, out: Path, *settings: str, cache: Path | None = None) -> dict:
    result = pelican(content, out, *settings, cache=cache)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))


def assert_same_as_clean(content: Path, out: Path, tmp: Path, *settings: str) -> None:
    clean = tmp / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(content, clean, *settings)
    assert equivalence.differences(out, clean) == []


def url_of(report: dict, source: str) -> str:
    return next(e["url"] for e in report["files"] if e["source"] == source)


def indexed_urls(out: Path) -> set[str]:
    """The pages Pagefind indexed, read from its fragments."""
    urls = set()
    for fragment in (out / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.add(json.loads(data)["url"].lstrip("/"))
    return urls


@pytest.fixture
def archive(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SEEDS, content)
    return content


def test_deleted_and_renamed_articles_leave_the_search_index(archive, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache.sqlite"
    report = build(archive, out, cache=cache)
    deleted, renamed = url_of(report, seed("002").name), url_of(report, seed("003").name)
    assert {deleted, renamed} <= indexed_urls(out)
    (archive / seed("002").name).unlink()
    text = (archive / seed("003").name).read_text(encoding="utf-8")
    (archive / seed("003").name).write_text("گزارش تازه " + text, encoding="utf-8")  # a new title: a new address
    report = build(archive, out, cache=cache)
    new = url_of(report, seed("003").name)
    assert new != renamed and new in indexed_urls(out)
    assert deleted not in indexed_urls(out) and renamed not in indexed_urls(out)
    assert not (out / deleted).exists() and not (out / renamed).exists()
    assert_same_as_clean(archive, out, tmp_path)


def test_a_tags_feeds_go_with_its_last_article(archive, tmp_path):
    out = tmp_path / "out"
    (archive / "lonely.md").write_text(
        "---\ntitle: 孤独的标签\ndate: 2021-03-01 10:00:00\ntags: [lonelytag]\n---\n\n只有这一篇文章带着这个标签。\n",
        encoding="utf-8",
    )
    build(archive, out)
    feeds = sorted(p.relative_to(out).as_posix() for p in out.glob("feeds/tag/lonelytag.*"))
    assert (
        feeds == ["feeds/tag/lonelytag.atom.xml", "feeds/tag/lonelytag.rss.xml"]
        and (out / "tags/lonelytag.html").exists()
    )
    assert "lonelytag" in (out / "feeds/subscriptions.opml").read_text(encoding="utf-8")
    (archive / "lonely.md").unlink()
    build(archive, out)
    assert not list(out.glob("feeds/tag/lonelytag.*")) and not (out / "tags/lonelytag.html").exists()
    assert "lonelytag" not in (out / "feeds/subscriptions.opml").read_text(encoding="utf-8")
    assert_same_as_clean(archive, out, tmp_path)


def test_a_renamed_tag_name_reaches_every_page(archive, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache.sqlite"
    build(archive, out, cache=cache)
    vocabulary = yaml.safe_load((archive / "tags.yml").read_text(encoding="utf-8"))
    old = vocabulary["iraq"]["names"]
    new = {"en": "Mesopotamia", "zh": "美索不达米亚", "ar": "بلاد الرافدين", "fa": "میان‌رودان"}

    def shown(page: Path, names: dict) -> bool:  # a tag link or label with one of these names
        text = page.read_text(encoding="utf-8")
        return any(f"<bdi>{name}</bdi>" in text or f'tag:{name}"' in text for name in names.values())

    showing = [p for p in out.rglob("*.html") if shown(p, old)]
    assert len(showing) >= 7  # the tag page, the tags index, the five articles
    vocabulary["iraq"]["names"] = new  # the old names stay aliases: the same articles keep the tag
    for lang, name in old.items():
        vocabulary["iraq"].setdefault("aliases", {}).setdefault(lang, []).append(name)
    (archive / "tags.yml").write_text(yaml.safe_dump(vocabulary, allow_unicode=True), encoding="utf-8")
    build(archive, out, cache=cache)
    for page in showing:
        assert shown(page, new) and not shown(page, old), page
    assert_same_as_clean(archive, out, tmp_path)


def test_tags_named_like_a_listing_take_no_listing(archive, tmp_path):
    """Tags `index` (tags/index.html is the tag list) and `iraq2` (Pelican's address of the iraq tag's
    page 2) and tags that slugify alike (C, C++) each get a page of their own, in a clean build and
    in a rebuild alike."""
    out, cache = tmp_path / "out", tmp_path / "cache.sqlite"
    for n in range(22):  # with the seeds, more than one page of the iraq tag
        (archive / f"iraq-{n}.md").write_text(
            f"---\ntitle: 伊拉克会谈第{n}轮\ndate: 2021-04-{n + 1:02d}\ntags: [伊拉克]\n---\n\n美国和伊拉克举行第{n}轮会谈。\n",
            encoding="utf-8",
        )
    (archive / "odd.md").write_text(
        "---\ntitle: 奇怪的标签\ndate: 2021-05-01\ntags: [index, iraq2, C, C++]\n---\n\n这篇文章的标签很奇怪。\n",
        encoding="utf-8",
    )
    build(archive, out, cache=cache)
    (archive / "odd.md").write_text(
        (archive / "odd.md").read_text(encoding="utf-8").replace("很奇怪", "非常奇怪"), encoding="utf-8"
    )
    build(archive, out, cache=cache)
    tag_list = (out / "tags" / "index.html").read_text(encoding="utf-8")
    assert 'iraq.html"' in tag_list and 'iraq2.html"' in tag_list  # links to the tag pages
    assert "奇怪的标签" not in tag_list  # the tag list, not the page of the tag "index"
    second = (out / "tags" / "iraq" / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert "伊拉克会谈第" in second and "奇怪的标签" not in second
    holders = [p for p in (out / "tags").glob("*.html") if "奇怪的标签" in p.read_text(encoding="utf-8")]
    assert len(holders) == 4  # index, iraq2, C and C++: four pages
    assert_same_as_clean(archive, out, tmp_path)


def test_a_page_whose_file_changed_is_written_again(archive, tmp_path):
    """A page is kept only if the file still holds what the last build wrote."""
    out = tmp_path / "out"
    report = build(archive, out)
    page = out / url_of(report, seed("001").name)
    original, stamp = page.read_bytes(), page.stat()
    page.write_bytes(original.replace("伊拉克".encode(), "某某国".encode()))  # same size, other text
    os.utime(page, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # and the same mtime
    (out / "index.html").write_bytes((out / "index.html").read_bytes()[:100])  # truncated
    build(archive, out)
    assert page.read_bytes() == original
    assert_same_as_clean(archive, out, tmp_path)


def test_a_killed_build_is_repaired_by_the_next(tmp_path):
    """Titles changed, the build killed while it writes article pages, the content restored: the
    next build must not keep any page of the killed build."""
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(SEEDS, content)
    for path in corpus_files():
        target = content / path.relative_to(CORPUS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    originals = {p: p.read_bytes() for p in content.rglob("*") if p.is_file() and p.name != "tags.yml"}
    build(content, out)
    for path, data in originals.items():
        text = data.decode("utf-8", errors="replace")
        if text.lstrip().startswith("---") and "\ntitle:" in text:
            text = text.replace("\ntitle:", "\ntitle: KILLEDBUILD", 1)
        else:
            text = "KILLEDBUILD " + text
        path.write_text(text, encoding="utf-8")

    process = subprocess.Popen(
        [*PELICAN, str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(out), "-e", "INGEST_CACHE=null"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline:  # kill once the first new pages are there
        if any(
            "KILLEDBUILD" in p.read_text(encoding="utf-8", errors="replace") for p in (out / "articles").glob("*.html")
        ):
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the build finished before it could be killed"
    assert (out / ".build" / "journal").exists()  # the next build knows

    for path, data in originals.items():
        path.write_bytes(data)
    result = pelican(content, out)
    assert result.returncode == 0, result.stderr
    assert "did not finish" in result.stdout + result.stderr
    left = [p for p in out.rglob("*") if p.is_file() and b"KILLEDBUILD" in p.read_bytes()]
    assert left == []
    assert not (out / ".build" / "journal").exists()
    assert_same_as_clean(content, out, tmp_path)


def test_two_builds_into_one_folder_take_turns(archive, tmp_path):
    out = tmp_path / "out"
    build(archive, out)
    (archive / seed("004").name).write_text(
        seed("004").read_text(encoding="utf-8") + "\n\nالكاظمي في بغداد.\n", encoding="utf-8"
    )
    results = [None, None]

    def run(i: int) -> None:
        results[i] = pelican(archive, out, "SEARCH_INDEX=true")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert any("another build" in r.stdout + r.stderr for r in results)  # one waited, and said so
    assert_same_as_clean(archive, out, tmp_path)


def test_a_build_refuses_clearly_when_the_folder_stays_locked(archive, tmp_path):
    from incremental.outputs import OutputLock

    out = tmp_path / "out"
    build(archive, out)

    def stamps() -> dict:
        return {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and p.name != "lock"}

    before = stamps()
    lock = OutputLock(out / ".build" / "lock")
    lock.acquire(timeout=1)
    try:
        result = pelican(archive, out, "BUILD_LOCK_TIMEOUT=1")
    finally:
        lock.release()
    assert result.returncode != 0
    assert "another build" in result.stdout + result.stderr and "gave up" in result.stdout + result.stderr
    assert stamps() == before  # nothing written


def test_removing_an_article_moves_no_other_slug(archive, tmp_path):
    out = tmp_path / "out"
    namesake = archive / "a-namesake.txt"
    title = next(line for line in seed("000").read_text(encoding="utf-8").splitlines() if line.startswith("title:"))
    namesake.write_text(f"---\n{title}\n---\n\n另一篇同名文章的正文，内容完全不同。\n", encoding="utf-8")
    report = build(archive, out)
    before = {e["source"]: e["url"] for e in report["files"] if e["url"]}
    assert before[namesake.name] != before[seed("000").name]
    (archive / seed("000").name).unlink()
    report = build(archive, out)
    after = {e["source"]: e["url"] for e in report["files"] if e["url"]}
    assert after == {k: v for k, v in before.items() if k != seed("000").name}
    assert_same_as_clean(archive, out, tmp_path)


def test_repeated_runs_in_one_process_report_only_what_is_there(archive, tmp_path):
    """`pelican -r` runs Pelican.run() again in the same process: nothing of the last run may stay."""
    out = tmp_path / "out"
    script = textwrap.dedent(f"""
        import json, sys
        from pathlib import Path
        from pelican import Pelican
        from pelican.settings import read_settings
        settings = read_settings({str(ROOT / "pelicanconf.py")!r}, override={{
            "PATH": {str(archive)!r}, "OUTPUT_PATH": {str(out)!r}, "INGEST_CACHE": None, "SEARCH_INDEX": False}})
        site = Pelican(settings)
        site.run()
        Path({str(archive / seed("002").name)!r}).unlink()
        site.run()
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
    assert all(e["source"] != seed("002").name for e in report["files"])
    assert report["summary"]["files"] == len(list(archive.glob("*.txt")))
    assert sum(1 for _ in (out / "articles").glob("*.html")) == report["summary"]["published"]


@pytest.mark.parametrize("sequence", [11, 12])
def test_random_edit_sequences_rebuild_the_clean_site(sequence, tmp_path):
    """The property: after every step of a seeded random edit sequence (add, edit, delete, rename
    articles, edit tags.yml; a killed build in between), the rebuild = a clean build. `make
    fuzz-rebuild` runs 50 sequences."""
    script = [
        sys.executable,
        str(Path(equivalence.__file__)),
        "--sequences",
        "1",
        "--steps",
        "3",
        "--seed",
        str(sequence),
        "--kill",
    ]
    result = subprocess.run(script, capture_output=True, text=True, timeout=1200, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "1 sequences of 3 steps" in result.stdout and ": 0 differences" in result.stdout
