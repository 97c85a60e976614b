"""Seeded mutations of real archive files: byte flips, hostile insertions, truncation, splicing,
re-encoding, repetition. The same seed gives the same files, so a failure can be replayed."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: archive_paths, hostile

from archive_paths import ROOT, SEEDS, corpus_files
from hostile import alias_bomb, hostile_files

ROOT_SETTINGS = ROOT / "pelicanconf.py"
EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
# Fragments an attacker or a broken tool puts into files.
SNIPPETS: tuple[bytes, ...] = tuple(
    s if isinstance(s, bytes) else s.encode("utf-8")
    for s in (
        b"\x00", b"\x0b", b"\x1b[0m", b"\x7f", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\r", b"\xc3", b"\xe4\xb8",
        "\u202e", "\u2066", "\u200b", "\u200c", "\ufffe", "\ufeff", "&#11;", "&#xFFFE;", "&#0;", "&#x110000;",
        "---\n", "---\ntitle: x\n", "\n---\n", "lang: ../../../fuzz-escape\n", "lang: 'zh\" x=\"1'\n",
        "tags: [{a: *x}]\n", "a: &x [1, 2]\n", "tags: ['!!!', '...', '', '   ']\n", "title: \"\\u202e\\u200b\"\n",
        alias_bomb(6, 12), "<div>" * 300, "<b><i>" * 2000, "</div>" * 50, "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">', '<a href="javascript:alert(1)">x</a>', '<blockquote cite="javascript:1">',
        '<html lang="../../x">', "<!doctype html><html>", "<!--", "]]>", "<![CDATA[", "{{ x }}", "{% raw %}",
        "<!--1706215143000-->\n[t](https://www.voachinese.com/a/1.html)\n------\n", "[](javascript:alert(1))",
        "<time datetime=\"99999-99-99\">", "Thu, 31 Feb 2024 25:61:61 GMT", "۱۴۰۰/۱۳/۴۲", "٢٠٢١-٠٧-٣٢",
        "> " * 200, "* " * 200, "    " * 100, "|a|b|\n|-|-|\n" * 20, "\n" * 200, "伊拉克" * 100, "العراق " * 100,
    )
)  # fmt: skip
ENCODINGS = ("utf-16-le", "utf-16-be", "gb18030", "big5", "cp1256", "utf-32", "latin-1")


def seed_files() -> list[tuple[str, bytes]]:
    """(name, bytes) of the samples, the corpus and the hostile files: what mutations start from."""
    seeds = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    seeds += [(p.name, p.read_bytes()) for p in corpus_files()]
    seeds += [(Path(n).name, b) for n, b in sorted(hostile_files().items())]
    return seeds


def _flip(rng: random.Random, data: bytearray) -> None:
    for _ in range(rng.randint(1, 20)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)


def _insert(rng: random.Random, data: bytearray) -> None:
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(data))
        data[at:at] = rng.choice(SNIPPETS)


def _truncate(rng: random.Random, data: bytearray) -> None:
    del data[rng.randint(0, len(data)) :]


def _delete(rng: random.Random, data: bytearray) -> None:
    if data:
        at = rng.randrange(len(data))
        del data[at : at + rng.randint(1, 500)]


def _repeat(rng: random.Random, data: bytearray) -> None:
    if data:
        at = rng.randrange(len(data))
        data[at:at] = data[at : at + rng.randint(1, 200)] * rng.randint(2, 200)


def _reencode(rng: random.Random, data: bytearray) -> None:
    text = bytes(data).decode("utf-8", errors="replace")
    lines = text.split("\n")
    codec = rng.choice(ENCODINGS)
    if rng.random() < 0.5 or len(lines) < 2:  # the whole file, or its second half (mixed encodings)
        data[:] = text.encode(codec, errors="ignore")
    else:
        half = len(lines) // 2
        data[:] = "\n".join(lines[:half]).encode() + b"\n" + "\n".join(lines[half:]).encode(codec, errors="ignore")


OPERATORS = (_flip, _insert, _insert, _truncate, _delete, _repeat, _reencode)


def mutate(rng: random.Random, seeds: list[tuple[str, bytes]]) -> bytes:
    data = bytearray(rng.choice(seeds)[1])
    if rng.random() < 0.1:  # splice: the head of one file, the tail of another
        other = rng.choice(seeds)[1]
        data = data[: rng.randint(0, len(data))] + other[rng.randint(0, len(other)) :]
    for _ in range(rng.randint(1, 3)):
        rng.choice(OPERATORS)(rng, data)
    return bytes(data)


def file_name(rng: random.Random, index: int) -> str:
    """Unique names, some of them odd: spaces, scripts, bidi controls, leading dashes, a newline, a
    byte that is not UTF-8 (\udcff is how Python holds the byte 0xFF of a file name), deep folders."""
    stem = rng.choice(
        ["a", "新闻", "خبر", "article one", "-dash", "\u202eevil", "x" * 120, "..x", "Ω", "bad\udcff", "new\nline"]
    )
    folder = rng.choice(["", "", "美国之音/", "DW/", "deep/" * rng.randint(1, 8), "sub dir/"])
    return f"{folder}{index:05}-{stem}{rng.choice(EXTENSIONS)}"


def mutated_archive(folder: Path, count: int, seed: int) -> list[str]:
    """Write `count` mutated files into `folder`; return their paths relative to it."""
    rng = random.Random(seed)
    seeds = seed_files()
    names = []
    for index in range(count):
        name = file_name(rng, index)
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(mutate(rng, seeds))
        names.append(name)
    return names
