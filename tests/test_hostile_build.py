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
    assert entries["txt/UPPER.TXT"]["status"] == entries["md/Mixed.Md"]["status"] == "published"
    # a host no DNS name can be is no outlet's domain; a very long site name still makes a short feed name
    assert entries["rss/long-host.md"]["status"] == entries["html/long-site-name.html"]["status"] == "published"
    assert entries["rss/long-host.md"]["outlet"] is None
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
    rows = sqlite3.connect(sandbox / "cache" / "ingest.sqlite").execute("SELECT count(*) FROM documents").fetchone()[0]
    assert rows > 10


def test_a_damaged_story_link_state_is_refused_whole(tmp_path):
    """The last build's same-story links (output/.build/story-links.json), damaged but still JSON
    with the right key: the build warns, links every article again and gives the same pages."""
    content, out = tmp_path / "content", tmp_path / "output"
    content.mkdir()
    for prefix in ("000", "001", "002", "003", "004"):
        shutil.copy(seed(prefix), content / seed(prefix).name)
    assert build(content, out, tmp_path / "cache.sqlite").returncode == 0
    state_file = out / ".build" / "story-links.json"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    linked = next(found for found in state["links"].values() if found[0])
    linked[0][0][0] = "an article the archive never had"
    state_file.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    pages = {k: v for k, v in snapshot(out).items() if not k.startswith(".build/")}
    again = build(content, out, tmp_path / "cache.sqlite")
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "story-links.json not used" in again.stdout + again.stderr
    assert {k: v for k, v in snapshot(out).items() if not k.startswith(".build/")} == pages
    assert "an article the archive never had" not in state_file.read_text(encoding="utf-8")


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


# A theme whose filter fails on odd data in one article: the article is rejected, the rest is built.
FRAGILE_SETTINGS = """
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403

def explode(value):
    if "爆" in str(value):
        raise ValueError("a value this filter cannot take")
    return value

JINJA_FILTERS = {{"explode": explode}}
THEME = {theme!r}
"""


def fragile_site(tmp_path: Path) -> tuple[Path, Path]:
    """content/ (two seeds and boom.md, whose title the theme's article page cannot render), s.py."""
    content = tmp_path / "content"
    content.mkdir()
    for prefix in ("000", "001"):
        shutil.copy(seed(prefix), content / seed(prefix).name)
    (content / "boom.md").write_text(
        "---\ntitle: 爆炸的标题\ndate: 2021-07-01\n---\n<p>美国和伊拉克将开始会谈，讨论美军撤离伊拉克的问题。</p>\n",
        encoding="utf-8",
    )
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("screenshots"))
    article = theme / "templates" / "article.html"
    text = article.read_text(encoding="utf-8")
    assert "<h1>{{ article.title }}</h1>" in text
    article.write_text(text.replace("<h1>{{ article.title }}</h1>", "<h1>{{ article.title|explode }}</h1>"), "utf-8")
    settings = tmp_path / "s.py"
    settings.write_text(FRAGILE_SETTINGS.format(root=str(ROOT), theme=str(theme)), encoding="utf-8")
    return content, settings


def build_with(settings: Path, content: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(out),
         "-e", "INGEST_CACHE=null", "SEARCH_INDEX=false"],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "COLUMNS": "400"}, timeout=600, check=False,
    )  # fmt: skip


def test_a_page_its_template_cannot_render_rejects_that_article_only(tmp_path):
    content, settings = fragile_site(tmp_path)
    out = tmp_path / "out"
    result = build_with(settings, content, out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert re.search(r"rejected boom\.md: its page articles/\S+ could not be made \(ValueError", log)
    report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
    entries = {e["source"]: e for e in report["files"]}
    assert entries["boom.md"]["status"] == "rejected" and "could not be made" in entries["boom.md"]["reason"]
    assert entries["boom.md"]["url"] is None
    published = [e for e in entries.values() if e["status"] == "published"]
    assert len(published) == 2 and all((out / e["url"]).is_file() for e in published)
    assert report["summary"]["rejected"] == 1
    # listings and feeds are made without it (article pages written before it may still name it)
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml") and path.parent.name != "articles":
            text = path.read_text(encoding="utf-8")
            assert "爆炸" not in text and "bao-zha" not in text, path
    assert (out / "index.html").is_file() and (out / "feeds" / "all.rss.xml").is_file()


def test_links_in_the_output_folder_are_never_written_through(tmp_path):
    """Links in the output folder that lead out of it (to folders the listings, feeds, theme files,
    search index and build records go into; to a page; to the report) are removed before anything is
    written, and the whole site is built inside."""
    content, settings = fragile_site(tmp_path)
    (content / "boom.md").unlink()
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (outside / "victim.html").write_text("keep", encoding="utf-8")
    links = ["tags", "articles", "feeds", "theme", "pagefind", ".build", "zh", "index.html", "ingest-report.json"]
    for name in links:
        (out / name).symlink_to(outside / "victim.html" if name.endswith((".html", ".json")) else outside)
    result = build_with(settings, content, out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert [p.name for p in outside.iterdir()] == ["victim.html"]
    assert (outside / "victim.html").read_text(encoding="utf-8") == "keep"
    assert not any(p.is_symlink() for p in out.rglob("*"))
    log = result.stdout + result.stderr
    assert all(f"removed the link {out / name}" in log for name in links)
    report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
    assert report["summary"]["published"] == 2 and report["pages_skipped"] == []
    assert (out / "index.html").is_file() and (out / "tags" / "index.html").is_file()


def test_an_output_file_that_resolves_outside_is_not_written(tmp_path):
    """The check every generated file passes (feeds, OPML), also for a link made while the build runs."""
    from incremental.pelican_glue import write_output

    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "feeds").symlink_to(outside)
    write_output({"OUTPUT_PATH": str(out)}, "feeds/all.rss.xml", b"<rss/>")
    write_output({"OUTPUT_PATH": str(out)}, "../escaped.xml", b"<rss/>")
    write_output({"OUTPUT_PATH": str(out)}, "inside/ok.xml", b"<rss/>")
    assert list(outside.iterdir()) == [] and not (tmp_path / "escaped.xml").exists()
    assert (out / "inside" / "ok.xml").read_bytes() == b"<rss/>"


def test_two_pelican_objects_in_one_process_keep_their_own_state(tmp_path):
    """Per-build state: each Pelican object (and each of its runs) reports only its own files."""
    folders = []
    for name, prefixes in (("one", ("000", "001")), ("two", ("003",))):
        folder = tmp_path / name
        folder.mkdir()
        for prefix in prefixes:
            shutil.copy(seed(prefix), folder / seed(prefix).name)
        folders.append(folder)
    script = f"""
import json
from pathlib import Path
from pelican import Pelican
from pelican.settings import read_settings

def make(content, out):
    return Pelican(read_settings({str(ROOT / "pelicanconf.py")!r}, override={{"PATH": content, "OUTPUT_PATH": out,
        "INGEST_CACHE": None, "SEARCH_INDEX": False}}))

def summary(out):
    return json.loads((Path(out) / "ingest-report.json").read_text())["summary"]

one, two = make({str(folders[0])!r}, {str(tmp_path / "out1")!r}), make({str(folders[1])!r}, {str(tmp_path / "out2")!r})
one.run()
two.run()
left = [k for k in (*one.settings, *two.settings) if k.startswith("_INGEST")]
Path({str(folders[0] / seed("001").name)!r}).unlink()
one.run()
print(json.dumps([summary({str(tmp_path / "out1")!r}), summary({str(tmp_path / "out2")!r}), left]))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=600, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    first, second, left = json.loads(result.stdout.strip().splitlines()[-1])
    assert first == {"files": 1, "published": 1, "duplicate": 0, "rejected": 0}
    assert second == {"files": 1, "published": 1, "duplicate": 0, "rejected": 0}
    assert left == []  # nothing of a finished build stays in its settings


def test_data_files_linked_from_outside_are_not_read(tmp_path):
    """tags.yml, sources.yml and a blog's config folder that are links out of the content folder
    are refused like linked articles: nothing of theirs reaches a page."""
    outside, content = tmp_path / "outside", tmp_path / "content"
    (outside / "cfg" / "_default").mkdir(parents=True)
    content.mkdir()
    (outside / "tags.yml").write_text("secret-tag:\n  kind: topic\n  names: {en: SECRETTAGNAME, zh: 伊拉克}\n")
    (outside / "sources.yml").write_text("outlets:\n  secret:\n    names: {en: SECRETOUTLETNAME}\n")
    (outside / "cfg" / "_default" / "hugo.toml").write_text('title = "SECRETBLOGNAME"\n')
    (content / "tags.yml").symlink_to(outside / "tags.yml")
    (content / "sources.yml").symlink_to(outside / "sources.yml")
    (content / "config").symlink_to(outside / "cfg")
    shutil.copy(seed("000"), content / "000.txt")
    (content / "post.md").write_text(
        "---\ntitle: 伊拉克总理访问华盛顿\ndate: 2021-07-27\n---\n伊拉克总理卡迪米访问华盛顿，与拜登会谈。\n"
    )
    out = tmp_path / "out"
    result = build(content, out, tmp_path / "cache.sqlite")
    assert result.returncode == 0, result.stderr[-2000:]
    text = "".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())
    for secret in ("SECRETTAGNAME", "SECRETOUTLETNAME", "SECRETBLOGNAME"):
        assert secret not in text, secret


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("sources.yml", "outlets: [unclosed\n", r"sources\.yml, line 1: broken YAML"),
        ("sources.yml", "outlets:\n  x:\n    credit_lines: ['(']\n", r"credit_lines: not a regular expression"),
        ("sources.yml", "outlets:\n  x:\n    names: [a, b]\n", r"names must be 'language: name' lines"),
        ("sources.yml", "outlets: {x: {title_suffix_patterns: ['a{4294967296}']}}\n", r"not a regular expression"),
        ("sources.yml", "outlets: {../../escaped: {names: {en: X}}}\n", r"a key is letters, digits"),
        ("sources.yml", "outlets: {x: {timezone: Asia}}\n", r"timezone must be a zone name"),
        ("sources.yml", "- a list\n", r"expected 'outlets:' and 'common:' sections"),
        ("tags.yml", "Bad Key:\n  names: {en: x}\n", r"tag key 'Bad Key' must be lowercase"),
        ("tags.yml", "iraq: [unclosed\n", r"tags\.yml, line 1: broken YAML"),
        ("tags.yml", "iraq: just a name\n", r"tag 'iraq' must be 'names:', 'aliases:' and 'kind:' lines"),
        ("tags.yml", "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefg", "bcdefgh")), r"expands to more than"),
    ],
)  # fmt: skip
def test_a_broken_data_file_is_reported_and_the_site_still_built(tmp_path, name, text, says):
    """The archivist's own sources.yml or tags.yml, broken: the build says which file, which line and
    what is wrong, lists it in the report, and builds every article without it."""
    content = tmp_path / "content"
    content.mkdir()
    for prefix in ("000", "001"):
        shutil.copy(seed(prefix), content / seed(prefix).name)
    (content / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = build(content, out, tmp_path / "cache.sqlite")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert re.search(says, log) and "Traceback" not in log, log[-3000:]
    report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
    entries = {e["source"]: e for e in report["files"]}
    assert entries[name]["status"] == "rejected" and re.search(says, entries[name]["reason"])
    published = [e for e in entries.values() if e["status"] == "published"]
    assert len(published) == 2 and all((out / e["url"]).is_file() for e in published)


def test_odd_file_names_are_read_reported_and_never_drive_the_console(tmp_path):
    """A day that does not exist in a Jekyll name is no reason to reject the post; hidden article
    files are reported, not published behind the report's back (files in hidden folders, .git/, are
    not the archive's); control characters of a name are shown escaped in the log."""
    content = tmp_path / "content"
    (content / ".git").mkdir(parents=True)
    body = "---\ntitle: 伊拉克会谈{n}\n---\n美国和伊拉克将开始会谈，讨论美军撤离伊拉克的问题。\n"
    names = ["2021-02-30-x.md", ".draft.md", "..md", ".git/x.md", "bell\x07\x1b[2Jname.md", "two\nlines.md"]
    for n, name in enumerate(names):
        (content / name).write_text(body.format(n=n), encoding="utf-8")
    (content / names[4]).write_text("---\ntitle: 空\n---\n", encoding="utf-8")  # rejected: its name is printed
    out = tmp_path / "out"
    result = build(content, out, tmp_path / "cache.sqlite", "INGEST_STRICT=false")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert "bell\\x07\\x1b[2Jname.md" in log and "\x1b" not in log and "\x07" not in log
    entries = {e["source"]: e for e in json.loads((out / "ingest-report.json").read_text("utf-8"))["files"]}
    assert sorted(entries) == sorted(n for n in names if not n.startswith(".git"))
    assert entries["2021-02-30-x.md"]["status"] == "published" and entries["2021-02-30-x.md"]["date"] is None
    for hidden in (".draft.md", "..md"):
        assert entries[hidden]["status"] == "rejected" and "hidden file" in entries[hidden]["reason"]
    published = [e for e in entries.values() if e["status"] == "published"]
    assert len(published) == 2 and all((out / e["url"]).is_file() for e in published)
    assert len(list((out / "articles").glob("*.html"))) == 2


def test_an_output_folder_inside_the_content_folder_is_not_read_back(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for prefix in ("000", "001"):
        shutil.copy(seed(prefix), content / seed(prefix).name)
    out = content / "site"
    for _ in range(2):  # the second build finds the first one's pages in the content folder
        result = build(content, out, tmp_path / "cache.sqlite")
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "is inside the content folder; not read" in result.stdout + result.stderr
    report = json.loads((out / "ingest-report.json").read_text(encoding="utf-8"))
    assert sorted(e["source"] for e in report["files"]) == sorted([seed("000").name, seed("001").name])
    assert report["summary"]["published"] == 2


def test_a_broken_blog_settings_file_is_reported_and_its_posts_published(tmp_path):
    content = tmp_path / "content"
    (content / "blog").mkdir(parents=True)
    (content / "blog" / "_config.yml").write_text("title: [unclosed\ntimezone: Asia/Tehran\n", encoding="utf-8")
    (content / "blog" / "post.md").write_text(
        "---\ntitle: 伊拉克总理访问华盛顿\ndate: 2021-07-27 10:00:00\n---\n伊拉克总理卡迪米访问华盛顿，与拜登会谈。\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = build(content, out, tmp_path / "cache.sqlite")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    entries = {e["source"]: e for e in json.loads((out / "ingest-report.json").read_text("utf-8"))["files"]}
    assert entries["blog/_config.yml"]["status"] == "rejected"
    assert entries["blog/_config.yml"]["reason"].startswith("blog settings file not read: ")
    assert entries["blog/post.md"]["status"] == "published"
