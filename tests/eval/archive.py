"""The evaluation archive: the samples (content/), the duty-machine corpus (tests/data/) and the real
files under tests/eval/real/, ingested and tagged the way a build does it. Shared by the same-event
and search evaluations; ids are paths relative to the repository root."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "plugins")]

from ingest.document import IngestError
from ingest.html_clean import text_of
from ingest.pipeline import IngestOptions, ingest_bytes
from ingest.profiles import SourceProfiles
from tagging.vocabulary import Vocabulary

ARCHIVE = ("content", "tests/data/duty-machine", "tests/eval/real")
ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
NOT_ARTICLES = {"SOURCE.md", "ORIGIN.md", "README.md"}
VOCABULARY = ROOT / "content" / "tags.yml"


@dataclass
class Article:
    id: str
    title: str
    lang: str | None
    date: datetime | None
    tags: tuple[str, ...]
    broad: frozenset[str]
    numbers: frozenset[str]
    text: str  # title and body, plain


def archive_files(roots: tuple[str, ...] = ARCHIVE) -> list[Path]:
    files = []
    for root in roots:
        for path in sorted((ROOT / root).rglob("*")):
            if path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES and path.name not in NOT_ARTICLES:
                files.append(path)
    return files


def load(roots: tuple[str, ...] = ARCHIVE) -> dict[str, Article]:
    """Every article of the archive that ingests (rejected files are left out, as a build does)."""
    profiles = SourceProfiles.load()
    vocabulary = Vocabulary.load(VOCABULARY)
    options = IngestOptions(vocabulary=str(VOCABULARY))
    out = {}
    for path in archive_files(roots):
        key = path.relative_to(ROOT).as_posix()
        try:
            doc = ingest_bytes(path.read_bytes(), key, profiles, options)
        except IngestError:
            continue
        labels = tuple(label for label in doc.labels if label not in doc.tags)
        tags = tuple(doc.tags) + labels
        broad = frozenset(t for t in tags if vocabulary.get(t) is None or vocabulary.get(t).broad)
        body = text_of(doc.body_html)
        out[key] = Article(
            key, doc.title, doc.lang, doc.date, tags, broad, frozenset(doc.numbers), f"{doc.title}\n{doc.deck}\n{body}"
        )
    return out
