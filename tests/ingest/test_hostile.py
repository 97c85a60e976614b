"""Issue 12, ingestion side: every per-file failure is a rejection with a reason, bounds hold, text
is clean at decode time, declared languages are checked, nothing is read from outside the folder."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from archive_paths import seed
from hostile import BODY, FA_BODY, alias_bomb, front_matter, hostile_files
from ingest import batch
from ingest.batch import IngestCache, ingest_file, ingest_many
from ingest.confine import Confinement, OutsideError, inside, open_inside, walk_content
from ingest.decode import decode
from ingest.document import Document, IngestError
from ingest.html_clean import clean_html, sanitize, url_allowed
from ingest.hygiene import one_line
from ingest.language import checked_language
from ingest.pipeline import IngestOptions
from ingest.yaml_bounds import YAMLBoundsError, expanded_size


def _file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("name", sorted(hostile_files()))
def test_every_hostile_file_is_a_document_or_a_rejection_with_a_reason(tmp_path, profiles, name):
    result = ingest_file(_file(tmp_path, name, hostile_files()[name]), name, profiles, IngestOptions())
    assert isinstance(result, (Document, IngestError))
    if isinstance(result, IngestError):
        assert result.source == name and result.reason
    else:
        assert result.title and one_line(result.title) == result.title
        assert result.lang in (None, "zh", "ar", "fa")


def test_a_thousand_nested_divs_keep_their_text(ingest):
    out = clean_html("<div>" * 1000 + "最深处的文字" + "</div>" * 1000)
    assert out == "<p>最深处的文字</p>"
    doc = ingest(hostile_files()["html/deep-divs.html"], "deep.html")
    assert "深层嵌套的正文" in doc.body_html


def test_sanitizing_deep_markup_is_bounded_in_time():
    start = time.perf_counter()
    out = sanitize("<b><i>" * 50_000 + "x")
    assert time.perf_counter() - start < 5 and out.count("<b>") <= 100


def test_any_exception_is_a_rejection(tmp_path, profiles, monkeypatch):
    def explode(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(batch, "ingest_bytes", explode)
    result = ingest_file(_file(tmp_path, "a.txt", b"text"), "a.txt", profiles, IngestOptions())
    assert isinstance(result, IngestError) and "nested too deeply" in result.reason

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(batch, "ingest_bytes", broken)
    result = ingest_file(_file(tmp_path, "b.txt", b"text"), "b.txt", profiles, IngestOptions())
    assert isinstance(result, IngestError) and "KeyError" in result.reason


def test_a_file_over_its_time_limit_is_rejected_and_not_cached(tmp_path, profiles, monkeypatch):
    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(batch, "ingest_bytes", slow)
    start = time.perf_counter()
    result = ingest_file(_file(tmp_path, "slow.txt", b"text"), "slow.txt", profiles, IngestOptions(time_limit=0.3))
    assert time.perf_counter() - start < 2
    assert isinstance(result, IngestError) and "INGEST_TIME_LIMIT" in result.reason and result.transient
    assert pickle.loads(pickle.dumps(result)).transient


def test_file_size_limit_is_a_reason(tmp_path, profiles):
    path = _file(tmp_path, "big.txt", seed("000").read_bytes())
    result = ingest_file(path, "big.txt", profiles, IngestOptions(max_bytes=100))
    assert isinstance(result, IngestError) and "INGEST_MAX_FILE_SIZE" in result.reason
    assert isinstance(ingest_file(path, "big.txt", profiles, IngestOptions(max_bytes=None)), Document)


def _die_on_poison(job):
    if job[1] == "poison.txt":
        os._exit(3)  # what a crash in a C library or the OOM killer does to a worker
    return batch.ingest_file(job[0], job[1], *batch._WORKER)


def test_a_worker_that_dies_costs_one_file_not_the_build(tmp_path, profiles, monkeypatch):
    monkeypatch.setattr(batch, "_ingest_one", _die_on_poison)
    jobs = [
        (_file(tmp_path, f"{i:03}.txt", seed("001").read_bytes()), f"{i:03}.txt") for i in range(batch.POOL_MIN_FILES)
    ]
    jobs.insert(10, (_file(tmp_path, "poison.txt", b"x"), "poison.txt"))
    results, _ = ingest_many(
        jobs, profiles=profiles, profiles_files=(), options=IngestOptions(), cache=None, version="v", workers=2
    )
    assert len(results) == len(jobs)
    assert isinstance(results[jobs[10][0]], IngestError) and "died" in results[jobs[10][0]].reason
    assert all(isinstance(results[path], Document) for path, source in jobs if source != "poison.txt")


def _stuck_on_poison(job):
    if job[1] == "stuck.txt":  # stuck where SIGALRM cannot reach, like a loop inside C code
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(600)
    return batch.ingest_file(job[0], job[1], *batch._WORKER)


def test_a_worker_stuck_beyond_the_time_limit_costs_one_file(tmp_path, profiles, monkeypatch):
    monkeypatch.setattr(batch, "_ingest_one", _stuck_on_poison)
    jobs = [(_file(tmp_path, f"{i:03}.txt", seed("001").read_bytes()), f"{i:03}.txt") for i in range(8)]
    jobs.insert(4, (_file(tmp_path, "stuck.txt", b"x"), "stuck.txt"))
    options = IngestOptions(time_limit=0.5)
    start = time.perf_counter()
    results = dict(batch._pooled(jobs, 2, ((), options), options.time_limit))
    assert time.perf_counter() - start < 60
    assert "still being read" in results[jobs[4]].reason and results[jobs[4]].transient
    assert all(isinstance(results[job], Document) for job in jobs if job[1] != "stuck.txt")


def test_alias_bomb_through_a_mapping_is_rejected_at_once(tmp_path, profiles):
    data = front_matter("title: 炸弹\n" + alias_bomb())
    assert len(alias_bomb()) < 600
    start = time.perf_counter()
    result = ingest_file(_file(tmp_path, "bomb.md", data), "bomb.md", profiles, IngestOptions())
    assert time.perf_counter() - start < 2
    assert isinstance(result, IngestError) and "YAML aliases" in result.reason


def test_yaml_bounds_count_aliases_expanded_but_allow_a_loop():
    import yaml

    assert expanded_size(yaml.compose("a: &x [1, 2]\nb: *x")) == 1 + 2 * (1 + 1 + 2)
    with pytest.raises(YAMLBoundsError):
        expanded_size(yaml.compose("a: &x [1, 2, 3]\nb: &y [*x, *x, *x]\nc: [*y, *y, *y]"), max_nodes=30)
    assert expanded_size(yaml.compose("a: &x [1, *x]")) == 1 + 1 + 3


def test_ten_thousand_tags_keep_a_hundred_with_a_warning(ingest):
    doc = ingest(hostile_files()["fm/many-tags.md"], "tags.md")
    assert len(doc.labels) == 100 and "10000 categories and tags; the first 100 kept" in doc.warnings


# --- the ingestion cache ---------------------------------------------------------------------


def test_a_cache_that_is_not_a_database_is_rebuilt_with_one_warning(tmp_path, caplog):
    path = tmp_path / "cache" / "ingest.sqlite"
    path.parent.mkdir()
    path.write_bytes(b"this is not SQLite" * 100)
    with caplog.at_level(logging.WARNING):
        cache = IngestCache(path)
        assert cache.get_many(["k"]) == {}
        cache.put_many([("k", IngestError("a.txt", "reason"))])
        assert cache.get_many(["k"])["k"].reason == "reason"
        cache.close()
    assert sum("ingest cache" in r.getMessage() for r in caplog.records) == 1
    assert sqlite3.connect(path).execute("SELECT count(*) FROM documents").fetchone() == (1,)


def test_a_cache_of_the_older_layout_is_emptied_without_a_warning(tmp_path, caplog):
    """Before bodies were kept apart, results were one pickle each in `results`: a cache of that
    layout is of no use to this code (its version changed with the code), and its rows go."""
    path = tmp_path / "ingest.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE results (key TEXT PRIMARY KEY, value BLOB)")
        db.execute("INSERT INTO results VALUES ('k', ?)", (pickle.dumps(IngestError("a.txt", "old")),))
    db.close()
    with caplog.at_level(logging.WARNING):
        cache = IngestCache(path)
        assert cache.get_many(["k"]) == {}
        cache.put_many([("k", IngestError("a.txt", "new"))])
        assert cache.get_many(["k"])["k"].reason == "new"
        cache.close()
    assert not [r for r in caplog.records if "ingest cache" in r.getMessage()]
    tables = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "results" not in tables and "documents" in tables


def test_damaged_cache_entries_are_misses(tmp_path, caplog, profiles):
    path = tmp_path / "ingest.sqlite"
    cache = IngestCache(path)
    cache.put_many([("good", IngestError("a.txt", "kept"))])
    with cache.db:
        cache.db.execute("INSERT INTO documents (key, value) VALUES ('bad', ?)", (b"\x80\x05garbage",))
        cache.db.execute("INSERT INTO documents (key, value) VALUES ('odd', ?)", (pickle.dumps({"not": "a result"}),))
    with caplog.at_level(logging.WARNING):
        found = cache.get_many(["good", "bad", "odd"])
    assert set(found) == {"good"}
    assert sum("ingest cache" in r.getMessage() for r in caplog.records) == 1
    cache.close()


def test_cache_truncated_mid_build_is_a_miss(tmp_path, profiles):
    path = tmp_path / "ingest.sqlite"
    cache = IngestCache(path)
    cache.put_many([(str(i), IngestError("a.txt", "x" * 5000)) for i in range(50)])
    cache.close()
    path.write_bytes(path.read_bytes()[:3000])  # a disk full or a kill while it was written
    cache = IngestCache(path)
    found = cache.get_many([str(i) for i in range(50)])  # whatever survived, never an exception
    assert all(isinstance(v, IngestError) for v in found.values())
    jobs = [(_file(tmp_path, "a.txt", seed("001").read_bytes()), "a.txt")]
    results, _ = ingest_many(
        jobs, profiles=profiles, profiles_files=(), options=IngestOptions(), cache=cache, version="v", workers=1
    )
    assert isinstance(results[jobs[0][0]], Document)
    results, hits = ingest_many(
        jobs, profiles=profiles, profiles_files=(), options=IngestOptions(), cache=cache, version="v", workers=1
    )
    assert hits == 1 and isinstance(results[jobs[0][0]], Document)  # the rebuilt cache works
    cache.close()


# --- decoding and text hygiene -------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_byte_order_mark(prefix, codec):
    text = seed(prefix).read_text(encoding="utf-8")
    decoded, encoding, warnings = decode(text.encode(codec), "x.txt")
    assert decoded == text and encoding == codec and "without a byte-order mark" in warnings[0]


def test_one_nul_byte_is_removed_not_a_binary_verdict(ingest):
    data = seed("000").read_bytes()
    doc = ingest(data[:200] + b"\x00" + data[200:], "nul.md")
    assert doc.title == ingest(seed("000")).title and "1 NUL byte(s) removed" in doc.warnings
    with pytest.raises(IngestError, match="binary"):
        decode(b"\x00\x01\x02\x03" * 300, "bin.txt")


@pytest.mark.parametrize(("prefix", "legacy"), [("000", "gb18030"), ("004", "cp1256")])
def test_mixed_encodings_are_decoded_line_by_line(prefix, legacy):
    text = seed(prefix).read_text(encoding="utf-8").translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    lines = text.split("\n")
    half = len(lines) // 2
    data = "\n".join(lines[:half]).encode() + b"\n" + "\n".join(lines[half:]).encode(legacy)
    decoded, _, warnings = decode(data, "mixed.txt")
    assert decoded == text
    assert any(w.startswith("mixed encodings") and legacy in w for w in warnings)


def test_a_legacy_file_is_still_decoded_whole():
    text = seed("000").read_text(encoding="utf-8")
    decoded, encoding, warnings = decode(text.encode("gb18030"), "x.txt")
    assert (decoded, encoding) == (text, "gb18030") and not any("mixed" in w for w in warnings)


@pytest.mark.parametrize("bad", ["\x0b", "\x1b", "\ufffe", "\x07", "\x85", "&#11;", "&#xFFFE;", "&#x1b;"])
def test_xml_illegal_characters_never_reach_a_title_or_body(ingest, bad):
    doc = ingest(front_matter(f'title: "标{bad}题"', f"<p>正{bad}文，美国和伊拉克。</p>"), "c.md")
    for text in (doc.title, doc.body_html, doc.summary):
        assert not any(ch in text for ch in "\x0b\x1b\ufffe\x07\x85") and "&#" not in text
    assert doc.title.replace(" ", "") == "标题"


def test_bidi_and_zero_width_characters_leave_titles_but_persian_zwnj_stays(ingest):
    doc = ingest(front_matter('title: "Biden \\u202Eretsim emirp\\u200B"', BODY), "rlo.md")
    assert doc.title == "Biden retsim emirp"
    fa = ingest(front_matter("title: دیدار نخست‌وزیر\u200b عراق", FA_BODY), "fa.md")
    assert fa.title == "دیدار نخست\u200cوزیر عراق"
    assert "نخست\u200cوزیر" in fa.body_html  # the body keeps its ZWNJ
    assert one_line("\u200cabc\u200d") == "abc"  # joiners outside Arabic-script words go
    assert one_line("نزدیک شده\u200c اند") == "نزدیک شده\u200c اند"  # one typed before the space stays


def test_a_title_of_only_invisible_characters_is_an_empty_title(ingest):
    doc = ingest(front_matter('title: "\\u202E\\u200B\\u2066\\u200F\\u3164"', BODY), "inv.md")
    assert doc.title.startswith("美国和伊拉克将开始会谈")
    assert "empty title; title taken from the first sentence of the body" in doc.warnings
    with pytest.raises(IngestError, match="no article text"):
        ingest("标题\n\n\u200b\u2060\u200d\n".encode(), "zw.txt")


# --- declared languages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("zh", "zh"), ("zh-Hant-TW", "zh"), ("fa_IR", "fa"), ("AR", "ar"), ("en", None), ("../../escape", None),
     ('zh" onmouseover="alert(1)', None), ("zh/../..", None), ("", None), ("x" * 300, None)],
)  # fmt: skip
def test_declared_languages_are_bcp47_and_supported(tag, expected):
    assert checked_language(tag) == expected


@pytest.mark.parametrize("name", ["fm/lang-escape.md", "fm/lang-quote.md", "html/lang-attr.html"])
def test_a_hostile_declared_language_is_replaced_by_detection(ingest, name):
    doc = ingest(hostile_files()[name], name)
    assert doc.lang == "zh" and any("declared language" in w for w in doc.warnings)


# --- URLs in bodies -----------------------------------------------------------------------------------


@pytest.mark.parametrize("cite", ["javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "data:text/html,x", "vbscript:x"])
def test_cite_passes_the_url_allowlist(cite):
    for markup in (f'<blockquote cite="{cite}"><p>引用</p></blockquote>', f'<q cite="{cite}">引用</q>'):
        assert "cite" not in clean_html(markup) and "cite" not in sanitize(markup)
    kept = clean_html('<blockquote cite="/source"><p>引用</p></blockquote>', base_url="https://example.org/a/b")
    assert 'cite="https://example.org/source"' in kept


def test_an_image_whose_address_the_sanitizer_refuses_is_no_lead_image(ingest):
    doc = ingest(front_matter("title: 图", '<p><img src="https://chi0033\ufffd</p">正文，美国和伊拉克。</p>'), "img.md")
    assert "<img" not in doc.body_html and doc.lead_image is None


def test_url_allowlist():
    assert url_allowed("https://x.org/") and url_allowed("/relative:colon") and url_allowed("mailto:a@b")
    assert (
        not url_allowed("java\nscript:alert(1)") and not url_allowed("\x01javascript:x") and not url_allowed("DATA:x")
    )


# --- confinement -----------------------------------------------------------------------------------


def test_content_walk_refuses_links_out_and_loops(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    (content / "a.txt").write_text("a", encoding="utf-8")
    (content / "sub" / "b.md").write_text("b", encoding="utf-8")
    (content / "x.txt").symlink_to(secret)
    (content / "outside").symlink_to(tmp_path)
    (content / "self1").symlink_to(".")
    (content / "self2").symlink_to(".")
    (content / "sub" / "up").symlink_to("..")
    (content / "a-link").symlink_to("sub")  # sorts before the folder it names
    (content / "inside.txt").symlink_to("a.txt")
    (content / "loop1").symlink_to("loop2")
    (content / "loop2").symlink_to("loop1")
    start = time.perf_counter()
    walked = walk_content(content)
    assert time.perf_counter() - start < 5
    assert walked.files == ["a.txt", "inside.txt", "sub/b.md"]
    assert "outside the content folder" in walked.refused["x.txt"]
    assert "outside the content folder" in walked.refused["outside"]
    assert {"self1", "self2", "sub/up", "a-link", "loop1", "loop2"} <= set(walked.refused)


def test_names_that_are_not_utf8_are_refused_not_fatal(tmp_path):
    (tmp_path / "ok.txt").write_text("ok", encoding="utf-8")
    (tmp_path / os.fsdecode(b"bad\xff.txt")).write_text("x", encoding="utf-8")
    (tmp_path / os.fsdecode(b"dir\xfe")).mkdir()
    (tmp_path / os.fsdecode(b"dir\xfe") / "x.txt").write_text("x", encoding="utf-8")
    walked = walk_content(tmp_path)
    assert walked.files == ["ok.txt"]
    assert walked.refused == {
        "bad\\xff.txt": "file name is not UTF-8 (rename it); not read",
        "dir\\xfe": "folder name is not UTF-8 (rename it); not read",
    }


def test_output_paths_are_checked_by_real_path(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "out2").mkdir()
    many = Confinement(out)  # the same answers, each folder resolved once
    assert many.check("zh/index.html") == inside(out, "zh/index.html") == (out / "zh" / "index.html").resolve()
    for bad in ("../out2/x.html", "../../escape/index.html", "/etc/passwd", "feeds/lang/../../../x.xml", "", "zh/.."):
        with pytest.raises(OutsideError):
            inside(out, bad)
        with pytest.raises(OutsideError):
            many.check(bad)
    (out / "feeds").symlink_to(tmp_path / "out2")  # a link inside the output folder that leads out
    (out / "zh").mkdir()
    (out / "zh" / "page.html").symlink_to(tmp_path / "out2" / "x.html")  # a link to a file outside
    for rel in ("feeds/all.rss.xml", "zh/page.html"):
        with pytest.raises(OutsideError):
            inside(out, rel)
        with pytest.raises(OutsideError):
            Confinement(out).check(rel)
    # a folder checked as the kernel opened it: inside, a descriptor; led out, refused; not there, unknown
    base = os.path.realpath(out)
    fd = open_inside(base, str(out / "zh"))
    assert fd is not None and os.path.samefile(f"/proc/self/fd/{fd}", out / "zh")
    os.close(fd)
    with pytest.raises(OutsideError):
        open_inside(base, str(out / "feeds"))
    with pytest.raises(OutsideError):
        open_inside(base, str(out / "zh" / ".." / ".."))
    assert open_inside(base, str(out / "not-yet")) is None


def test_damaged_utf8_that_no_other_encoding_fits_is_kept_with_its_holes(ingest):
    data = bytearray(seed("000").read_bytes())
    for at in range(400, len(data), 150):  # a scattering of bad bytes: more than a stray one
        data[at] = 0xFF
    doc = ingest(bytes(data), "damaged.md")
    assert doc.encoding == "utf-8" and any("damaged file" in w for w in doc.warnings)
    assert doc.title == ingest(seed("000")).title


def test_a_site_name_is_one_safe_file_name_segment_and_one_clean_line():
    from ingest.profiles import unprofiled_outlet

    for hostile in ("../all", "../../subscribe.html#", "../tag/iraq", "..", "/"):
        key = unprofiled_outlet([hostile], [None]).key
        assert "/" not in key and "#" not in key and not key.startswith("."), (hostile, key)
    ref = unprofiled_outlet(["\u202eCBB\u200b"], [None])
    assert (ref.name, ref.key) == ("CBB", "cbb")


@pytest.mark.parametrize("stated", ["0044-03-15", "9999-12-31T23:59:59+14:00", "0001-01-01"])
def test_a_date_no_calendar_of_the_site_can_show_is_left_out_with_a_warning(ingest, stated):
    """Year 44 has no Solar Hijri date (a Persian page linking to it could not be made); 9999 is
    "no date" in some tools. Either is a slip, not a publication date."""
    doc = ingest(front_matter(f"title: 会谈\ndate: {stated}", BODY), "post.md")
    assert doc.date is None and any("outside the years" in w for w in doc.warnings)
    jekyll = ingest(front_matter(f"title: 会谈\ndate: {stated}", BODY), "2021-05-01-post.md")
    assert jekyll.date is not None and jekyll.date.year == 2021  # the file name's day is the next witness


def test_a_long_line_without_spaces_is_read_in_one_pass(ingest):
    """150,000 characters of Chinese with no space: finding addresses in it tried every start
    (minutes, over the file time limit); an address still found where a run of non-space starts."""
    doc = ingest(front_matter("title: 长文", "<p>" + "伊拉克会谈" * 30_000 + "</p>"), "long.md")
    assert doc.lang == "zh"
    from ingest.pipeline import _URLS

    assert _URLS.findall("写信到 news@example.cn，或 见 www.example.cn。") == ["news@example.cn", "www.example.cn。"]


def test_a_bdo_override_is_taken_out_like_the_character(ingest):
    doc = ingest(
        front_matter("title: 会谈", '<p>请访问 <bdo dir="rtl">moc.elgoog</bdo> 了解伊拉克会谈的详情。</p>'), "b.md"
    )
    assert "<bdo" not in doc.body_html and "moc.elgoog" in doc.body_html


def test_a_link_swapped_in_after_the_walk_is_not_read(tmp_path, profiles):
    """The check is made on the file opened, not on its name when the folder was walked."""
    content, outside = tmp_path / "content", tmp_path / "secret.md"
    content.mkdir()
    outside.write_bytes(front_matter("title: 机密", "伊拉克的秘密文件，不该发表。"))
    post = content / "post.md"
    post.write_bytes(front_matter("title: 会谈", BODY))
    options = IngestOptions(content_root=str(content))
    jobs = [(str(post), "post.md")]
    walked = walk_content(content)
    assert walked.files == ["post.md"]
    post.unlink()
    post.symlink_to(outside)  # swapped between the walk and the read
    results, _ = ingest_many(
        jobs, profiles=profiles, profiles_files=(), options=options, cache=None, version="v", workers=1
    )
    result = results[str(post)]
    assert isinstance(result, IngestError) and "outside" in result.reason


def test_bytes_that_changed_since_the_cache_key_are_not_cached(tmp_path, profiles):
    post = tmp_path / "post.md"
    post.write_bytes(front_matter("title: 版本A", BODY))
    stale = hashlib.sha256(post.read_bytes()).hexdigest()
    post.write_bytes(front_matter("title: 版本B", BODY))  # changed after its key was made
    result = ingest_file(str(post), "post.md", profiles, IngestOptions(), None, stale)
    assert isinstance(result, IngestError) and result.transient and "changed while the build read it" in result.reason


@pytest.mark.parametrize("title", ["\u17b4\u17b5", "\u0301\u0302\u0303", "\u034f\u034f", "\ufe0f\ufe0e\U000e01ef"])
def test_a_title_of_default_ignorables_or_bare_marks_is_an_empty_title(ingest, title):
    doc = ingest(front_matter(f'title: "{title}"\ntags: ["{title}", 伊拉克]', BODY), "t.md")
    assert doc.title and doc.title != title and "empty title" in " ".join(doc.warnings)
    assert doc.labels == ["伊拉克"]


@pytest.mark.parametrize("end", ["\u0085", "\u2028"])
def test_nel_and_unicode_line_separators_end_lines(ingest, end):
    text = end.join(
        ["---", "title: 会谈", "date: 2021-07-26", "---", "", "美国和伊拉克将开始会谈，讨论美军撤离的问题。"]
    )
    doc = ingest(text.encode(), "nel.md")
    assert doc.title == "会谈" and doc.date is not None and "撤离" in doc.body_html


def test_a_title_of_a_hundred_thousand_characters_is_cut_with_a_warning(ingest):
    doc = ingest(front_matter("title: " + "伊拉克" * 34_000, BODY), "long-title.md")
    assert len(doc.title) <= 500 and any("cut to" in w for w in doc.warnings)


def test_emoji_presentation_and_sequences_stay_in_titles():
    assert one_line("علامة التوثيق (الصح) ✔️") == "علامة التوثيق (الصح) ✔️"  # VS16 after its character
    assert one_line("👨\u200d👩\u200d👧 一家") == "👨\u200d👩\u200d👧 一家"  # a ZWJ between emoji
    assert one_line("a\u200db\ufe0f\ufe0f") == "ab\ufe0f"  # a joiner between letters, a selector after one


def test_a_killed_builds_half_written_report_is_removed_by_the_next(tmp_path):
    from ingest.report import IngestReport

    (tmp_path / ".ingest-report.json.tmp9675").write_text("{", encoding="utf-8")  # left by a kill
    IngestReport().write(tmp_path / "ingest-report.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ingest-report.json"]
