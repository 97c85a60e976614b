"""Small text helpers shared by the formats: paragraphs from lines, sentences, CJK-aware joining."""

from __future__ import annotations

import html
import re
from pathlib import PurePosixPath

import regex
from scripts import CJK_SENTENCE_ENDS, SENTENCE_ENDS, SPACED_SENTENCE_ENDS, is_cjk

_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_ENDS)}»”]$")
# A web address written out in text: a saved page's address line, links in prose.
URL = re.compile(r"https?://\S+")


def folders_of(source: str) -> list[str]:
    """Folder names of a source path, nearest first: archives often sort files by outlet."""
    return list(reversed(PurePosixPath(source).parent.parts))


_NAME_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}[-_]")
_ID_LIKE = re.compile(r"^[\W\d_]*$|^[0-9a-f]{8,}$", re.IGNORECASE)
_BUNDLE_INDEX = ("index", "_index")


def title_from_name(source: str) -> str:
    """A title a file's name gives (2021-04-09-我的标题.md → 我的标题), or "" for ids and index files."""
    stem = PurePosixPath(source).stem
    if stem.lower() in _BUNDLE_INDEX:
        stem = PurePosixPath(source).parent.name  # Hugo page bundles: the folder names the post
    stem = _NAME_DATE.sub("", stem).strip()
    if _ID_LIKE.match(stem):
        return ""
    # a slug's hyphens are spaces unless the name is CJK, where they join words
    return stem if is_cjk(stem) else " ".join(stem.replace("_", " ").replace("-", " ").split())


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines: no space between CJK characters, one space otherwise."""
    out = ""
    for line in lines:
        if out and not (is_cjk(out[-1]) and is_cjk(line[:1])):
            out += " "
        out += line
    return out


def ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.strip()))


def paragraphs_html(paragraphs: list[str], css_class: str | None = None) -> str:
    attr = f' class="{css_class}"' if css_class else ""
    return "".join(f"<p{attr}>{html.escape(p)}</p>" for p in paragraphs if p.strip())


def blocks(lines: list[str]) -> list[str]:
    """Paragraphs of plain text: blank-line separated blocks (wrapped lines joined) when the text
    uses blank lines, otherwise one paragraph per line."""
    stripped = [line.strip() for line in lines]
    if not any(not line for line in stripped[1:-1]):
        return [line for line in stripped if line]
    out, current = [], []
    for line in stripped + [""]:
        if line:
            current.append(line)
        elif current:
            out.append(join_lines(current))
            current = []
    return out


_FIRST_SENTENCE = re.compile(rf"^.+?(?:[{CJK_SENTENCE_ENDS}]|[{re.escape(SPACED_SENTENCE_ENDS)}](?=\s|$))")


def first_sentence(text: str, limit: int = 80) -> str:
    """A title made from body text: its first sentence, cut at a grapheme boundary."""
    line = text.strip().split("\n", 1)[0]
    match = _FIRST_SENTENCE.search(line)
    sentence = match.group(0) if match else line
    graphemes = regex.findall(r"\X", sentence)
    return "".join(graphemes[:limit]).strip() + ("…" if len(graphemes) > limit else "")
