"""README's "Layout of the code" matches the tree: every path it names exists, and every module of
plugins/ is named there (a package's __init__.py by its folder)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive_paths import ROOT

README = ROOT / "README.md"
PATH_COLUMN = re.compile(r"^(\s*)(\S+(?: \S+)*)(?:\s{2,}(.*))?$")  # paths, then two spaces, then what they are
MODULE = re.compile(r"[\w/]+\.py\b")
SUB_ENTRY_INDENT = 8  # a sub-entry is indented a little; a wrapped description reaches its column


@dataclass
class Entry:
    folder: str  # what the names in the description are relative to
    paths: list[str]  # the path column, relative to the repository
    description: str


def layout_block(text: str) -> list[str]:
    section = text.split("## Layout of the code", 1)[1]
    return section.split("```", 2)[1].splitlines()[1:]  # the first fenced block, without its fence line


def entries(lines: list[str]) -> list[Entry]:
    found: list[Entry] = []
    base = ""
    for line in lines:
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent >= SUB_ENTRY_INDENT and found:  # a wrapped description
            found[-1].description += " " + line.strip()
            continue
        match = PATH_COLUMN.match(line)
        assert match, f"unreadable layout line: {line!r}"
        names, description = match.group(2).split(" "), match.group(3) or ""
        if indent == 0:
            base = next((n for n in names if n.endswith("/")), "")
            paths = names
        else:
            paths = [base + n for n in names]
        folders = [p for p in paths if p.endswith("/")]
        folder = folders[0] if indent and len(paths) == 1 and folders else base
        found.append(Entry(folder, paths, description))
    return found


def named_paths(found: list[Entry]) -> set[str]:
    named = set()
    for entry in found:
        named.update(entry.paths)
        named.update(entry.folder + m for m in MODULE.findall(entry.description))
    return named


def test_every_path_in_the_layout_exists():
    named = named_paths(entries(layout_block(README.read_text(encoding="utf-8"))))
    assert named, "no layout read"
    assert sorted(p for p in named if not (ROOT / p).exists()) == []


def test_every_plugin_module_is_in_the_layout():
    named = named_paths(entries(layout_block(README.read_text(encoding="utf-8"))))
    modules = sorted(
        str(p.relative_to(ROOT)) if p.name != "__init__.py" else str(p.parent.relative_to(ROOT)) + "/"
        for p in (ROOT / "plugins").rglob("*.py")
    )
    assert [m for m in modules if m not in named] == []


def test_the_layout_is_read_as_a_tree():
    """Sub-entries are relative to the folder above them, names in a description to the entry's folder."""
    lines = [
        "plugins/tagging/          tags; cldr.py: countries",
        "plugins/ingest/           ingestion …",
        "  formats/                one module per format: plain_text.py",
        "  dates.py language.py    dates; language",
        "                          and direction (hygiene.py)",
    ]
    assert named_paths(entries(lines)) == {
        "plugins/tagging/",
        "plugins/tagging/cldr.py",
        "plugins/ingest/",
        "plugins/ingest/formats/",
        "plugins/ingest/formats/plain_text.py",
        "plugins/ingest/dates.py",
        "plugins/ingest/language.py",
        "plugins/ingest/hygiene.py",
    }
